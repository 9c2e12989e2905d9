//! In-process plugins: opening the library, the handshake, and calls through the ABI.

use std::ffi::c_void;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use glose_abi::{
    ABI_MAJOR, ABI_MINOR, AnnotationV1, DiagnosticV1, ENTRY_SYMBOL, ENTRY_SYMBOL_PREFIX, EntryV1,
    FLAG_PANIC_ABORT, FLAG_SINGLE_THREADED, GloseStr, HostSinkV1, LABEL_PROVIDES, LABEL_REQUIRES,
    PluginV1, SEVERITY_ERROR, SEVERITY_HINT, SEVERITY_INFO, STATUS_CANCELLED, STATUS_OK,
    STATUS_PANICKED, Status, TagInputV1,
};
use glose_core::{
    Annotation, Diagnostic, DocumentView, Fix, Label, Severity, Span, TagError, TagOutput, Tagger,
    abi,
};

use crate::HostError;

/// An opened plugin library and its checked descriptor. The library is never unloaded.
#[derive(Debug, Clone)]
pub struct PluginLibrary {
    path: PathBuf,
    descriptor: &'static PluginV1,
    name: String,
    version: String,
    description: String,
}

// SAFETY: the descriptor is immutable and `'static` (the library is never unloaded); its
// function pointers may be called from any thread (ABI contract; `FLAG_SINGLE_THREADED`
// is honoured by `NativeTagger`).
unsafe impl Send for PluginLibrary {}
// SAFETY: as for `Send`.
unsafe impl Sync for PluginLibrary {}

impl PluginLibrary {
    /// Opens a plugin library and checks its descriptor.
    pub fn open(path: &Path) -> Result<PluginLibrary, HostError> {
        let library = open_library(path)?;
        // SAFETY: looking a symbol up has no side effect; its type is fixed by the ABI.
        let entry = match unsafe { library.get::<EntryV1>(ENTRY_SYMBOL) } {
            Ok(entry) => *entry,
            Err(_) => return Err(missing_entry(&library, path)),
        };
        // The library stays loaded for the life of the process: unloading Rust libraries
        // with thread-local destructors is unsound, and the descriptor points into it.
        std::mem::forget(library);
        // SAFETY: the entry function of a v1 plugin, called as the ABI says.
        let ptr = unsafe { entry(ABI_MAJOR, ABI_MINOR) };
        // SAFETY: the entry function returns null or a pointer to a `'static` descriptor.
        let Some(descriptor) = (unsafe { ptr.as_ref() }) else {
            return Err(HostError::Refused {
                path: path.to_owned(),
                name: file_name(path),
                host_major: ABI_MAJOR,
                host_minor: ABI_MINOR,
            });
        };
        let bad = |message: String| HostError::BadDescriptor {
            path: path.to_owned(),
            message,
        };
        if descriptor.struct_size < size_of::<PluginV1>() {
            return Err(bad(format!(
                "descriptor of {} bytes, ABI {ABI_MAJOR} needs at least {}",
                descriptor.struct_size,
                size_of::<PluginV1>()
            )));
        }
        if descriptor.abi_major != ABI_MAJOR {
            return Err(HostError::AbiMismatch {
                path: path.to_owned(),
                plugin_major: descriptor.abi_major,
                host_major: ABI_MAJOR,
                host_minor: ABI_MINOR,
            });
        }
        let text = |s: GloseStr, what: &str| {
            // SAFETY: descriptor strings are `'static` (ABI contract).
            unsafe { read_str(s) }
                .map(str::to_owned)
                .ok_or_else(|| bad(format!("its {what} is not UTF-8")))
        };
        let name = text(descriptor.name, "name")?;
        if name.is_empty() {
            return Err(bad("its name is empty".to_owned()));
        }
        Ok(PluginLibrary {
            path: path.to_owned(),
            descriptor,
            version: text(descriptor.version, "version")?,
            description: text(descriptor.description, "description")?,
            name,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// The ABI version the plugin was built against.
    pub fn abi(&self) -> (u32, u32) {
        (self.descriptor.abi_major, self.descriptor.abi_minor)
    }

    /// Whether it was built with `panic = "abort"`.
    pub fn panics_abort(&self) -> bool {
        self.descriptor.flags & FLAG_PANIC_ABORT != 0
    }
}

#[cfg(unix)]
fn open_library(path: &Path) -> Result<libloading::Library, HostError> {
    use libloading::os::unix::{Library, RTLD_LOCAL, RTLD_NOW};
    // SAFETY: loading a library runs its initialisers; loading plugins is what the user
    // asked for (native code is trusted by configuration).
    unsafe { Library::open(Some(path), RTLD_NOW | RTLD_LOCAL) }
        .map(Into::into)
        .map_err(|e| HostError::Open {
            path: path.to_owned(),
            message: e.to_string(),
        })
}

#[cfg(not(unix))]
fn open_library(path: &Path) -> Result<libloading::Library, HostError> {
    // SAFETY: as above.
    unsafe { libloading::Library::new(path) }.map_err(|e| HostError::Open {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// The error for a library without a v1 entry: an entry of another major version says
/// which ABI it was built for.
fn missing_entry(library: &libloading::Library, path: &Path) -> HostError {
    for major in (2..=16).rev().chain([0]) {
        let symbol = format!("{ENTRY_SYMBOL_PREFIX}{major}\0");
        // SAFETY: only checks whether the symbol exists; it is not called.
        if unsafe { library.get::<*const c_void>(symbol.as_bytes()) }.is_ok() {
            return HostError::AbiMismatch {
                path: path.to_owned(),
                plugin_major: major,
                host_major: ABI_MAJOR,
                host_minor: ABI_MINOR,
            };
        }
    }
    HostError::NoEntry {
        path: path.to_owned(),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// # Safety
/// `s` points to `len` readable bytes that live for `'a`, or `len` is 0.
unsafe fn read_str<'a>(s: GloseStr) -> Option<&'a str> {
    if s.len == 0 {
        return Some("");
    }
    if s.ptr.is_null() {
        return None;
    }
    // SAFETY: the caller guarantees `len` readable bytes.
    std::str::from_utf8(unsafe { std::slice::from_raw_parts(s.ptr, s.len) }).ok()
}

/// A plugin instance called in-process.
pub struct NativeTagger {
    library: PluginLibrary,
    instance: *mut c_void,
    requires: Vec<Label>,
    provides: Vec<Label>,
    /// Held during `tag` when the plugin is single-threaded.
    serial: Option<Mutex<()>>,
}

impl std::fmt::Debug for NativeTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeTagger")
            .field("name", &self.library.name)
            .field("path", &self.library.path)
            .finish()
    }
}

// SAFETY: the instance is only passed back to the plugin, which must accept calls from
// any thread unless it sets `FLAG_SINGLE_THREADED`, in which case `serial` serialises them.
unsafe impl Send for NativeTagger {}
// SAFETY: as for `Send`.
unsafe impl Sync for NativeTagger {}

/// What `create` reports through the sink.
#[derive(Default)]
struct CreateCtx {
    requires: Vec<String>,
    provides: Vec<String>,
    error: Option<String>,
}

impl NativeTagger {
    /// Makes an instance with `config` (JSON). Refuses a plugin built with
    /// `panic = "abort"`: in-process, its panic would abort glose.
    pub fn create(library: PluginLibrary, config: &str) -> Result<NativeTagger, HostError> {
        if library.panics_abort() {
            return Err(HostError::PanicAbort {
                path: library.path.clone(),
                name: library.name.clone(),
            });
        }
        Self::create_unchecked(library, config)
    }

    /// As [`NativeTagger::create`], for a plugin host process, where a plugin built with
    /// `panic = "abort"` may abort: the process is there to absorb that.
    pub(crate) fn create_unchecked(
        library: PluginLibrary,
        config: &str,
    ) -> Result<NativeTagger, HostError> {
        let ctx = Mutex::new(CreateCtx::default());
        let sink = create_sink(&ctx);
        let mut instance: *mut c_void = std::ptr::null_mut();
        // SAFETY: a v1 descriptor's `create`, given a valid string, sink and out-pointer.
        let status =
            unsafe { (library.descriptor.create)(GloseStr::new(config), &sink, &mut instance) };
        let ctx = ctx.into_inner().unwrap_or_else(|p| p.into_inner());
        let create_error = |message: String| HostError::Create {
            path: library.path.clone(),
            name: library.name.clone(),
            message,
        };
        if status != STATUS_OK || instance.is_null() {
            let message = ctx.error.unwrap_or_else(|| format!("status {status}"));
            return Err(create_error(message));
        }
        let labels = |names: &[String]| -> Result<Vec<Label>, HostError> {
            names
                .iter()
                .map(|n| {
                    Label::is_valid_name(n)
                        .then(|| Label::new(n))
                        .ok_or_else(|| create_error(format!("invalid label {n:?}")))
                })
                .collect()
        };
        let (requires, provides) = (labels(&ctx.requires)?, labels(&ctx.provides)?);
        let serial = (library.descriptor.flags & FLAG_SINGLE_THREADED != 0).then(|| Mutex::new(()));
        Ok(NativeTagger {
            library,
            instance,
            requires,
            provides,
            serial,
        })
    }

    pub fn library(&self) -> &PluginLibrary {
        &self.library
    }
}

impl Drop for NativeTagger {
    fn drop(&mut self) {
        // SAFETY: the instance came from this descriptor's `create` and is destroyed once.
        unsafe { (self.library.descriptor.destroy)(self.instance) }
    }
}

/// What `tag` collects through the sink.
struct TagCtx<'a> {
    provides: &'a [Label],
    view: &'a DocumentView<'a>,
    out: Mutex<Collected>,
}

#[derive(Default)]
struct Collected {
    output: TagOutput,
    dropped: usize,
    first_dropped: Option<String>,
    error: Option<String>,
}

impl Tagger for NativeTagger {
    fn name(&self) -> &str {
        &self.library.name
    }

    fn version(&self) -> &str {
        &self.library.version
    }

    fn description(&self) -> &str {
        &self.library.description
    }

    fn requires(&self) -> &[Label] {
        &self.requires
    }

    fn provides(&self) -> &[Label] {
        &self.provides
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let _serial = self
            .serial
            .as_ref()
            .map(|m| m.lock().unwrap_or_else(|p| p.into_inner()));
        let document = doc.document;
        let date = document
            .meta()
            .date
            .map(|d| d.to_string())
            .unwrap_or_default();
        // Strings the earlier annotations point to live in `attrs` until the call returns.
        let attrs: Vec<String> = doc
            .annotations
            .iter()
            .map(|a| abi::attrs_json(&a.attrs))
            .collect();
        let earlier: Vec<AnnotationV1> = doc
            .annotations
            .iter()
            .zip(&attrs)
            .map(|(a, attrs)| abi::annotation_v1(a, attrs, a.tagger))
            .collect();
        let input = TagInputV1 {
            struct_size: size_of::<TagInputV1>(),
            path: GloseStr::new(document.path()),
            text: GloseStr::new(document.text()),
            body_start: document.meta().body_start as u64,
            date: GloseStr::new(&date),
            annotations: earlier.as_ptr(),
            annotations_len: earlier.len(),
        };
        let ctx = TagCtx {
            provides: &self.provides,
            view: doc,
            out: Mutex::new(Collected::default()),
        };
        let sink = tag_sink(&ctx);
        // SAFETY: a v1 descriptor's `tag`, with its own instance and an input and sink
        // that outlive the call.
        let status = unsafe { (self.library.descriptor.tag)(self.instance, &input, &sink) };
        let collected = ctx.out.into_inner().unwrap_or_else(|p| p.into_inner());
        finish(&self.library.name, status, collected)
    }
}

/// Turns what a call collected into the tagger's result.
pub(crate) fn finish_status(
    name: &str,
    status: Status,
    error: Option<String>,
) -> Result<(), TagError> {
    match status {
        STATUS_OK => Ok(()),
        STATUS_CANCELLED => Err(TagError::Cancelled),
        STATUS_PANICKED => Err(TagError::Failed(
            error.unwrap_or_else(|| format!("plugin `{name}` panicked")),
        )),
        _ => Err(TagError::Failed(error.unwrap_or_else(|| {
            format!("plugin `{name}` failed with status {status}")
        }))),
    }
}

fn finish(name: &str, status: Status, collected: Collected) -> Result<TagOutput, TagError> {
    finish_status(name, status, collected.error)?;
    let mut output = collected.output;
    if collected.dropped > 0 {
        output.diagnostics.push(dropped_diagnostic(
            name,
            collected.dropped,
            collected.first_dropped.as_deref(),
        ));
    }
    Ok(output)
}

pub(crate) fn dropped_diagnostic(name: &str, dropped: usize, first: Option<&str>) -> Diagnostic {
    Diagnostic::warning(
        Span::default(),
        "invalid-annotation",
        format!(
            "plugin `{name}` emitted {dropped} annotation(s) that were dropped: {}",
            first.unwrap_or("invalid")
        ),
    )
    .with_source("glose")
}

fn create_sink(ctx: &Mutex<CreateCtx>) -> HostSinkV1 {
    unsafe extern "C" fn declare_label(ctx: *mut c_void, kind: i32, label: GloseStr) {
        // SAFETY: `ctx` is the `Mutex<CreateCtx>` given to this sink, alive during the call.
        let ctx = unsafe { &*ctx.cast::<Mutex<CreateCtx>>() };
        // SAFETY: the plugin passes a string valid for the call.
        let label = unsafe { read_str(label) }.unwrap_or("").to_owned();
        let mut ctx = ctx.lock().unwrap_or_else(|p| p.into_inner());
        match kind {
            LABEL_REQUIRES => ctx.requires.push(label),
            LABEL_PROVIDES => ctx.provides.push(label),
            _ => {}
        }
    }
    unsafe extern "C" fn set_error(ctx: *mut c_void, message: GloseStr) {
        // SAFETY: as in `declare_label`.
        let ctx = unsafe { &*ctx.cast::<Mutex<CreateCtx>>() };
        // SAFETY: as in `declare_label`.
        let message = unsafe { read_str(message) }
            .unwrap_or("(message not UTF-8)")
            .to_owned();
        ctx.lock().unwrap_or_else(|p| p.into_inner()).error = Some(message);
    }
    unsafe extern "C" fn ignore_annotation(_: *mut c_void, _: *const AnnotationV1) {}
    unsafe extern "C" fn ignore_diagnostic(_: *mut c_void, _: *const DiagnosticV1) {}
    unsafe extern "C" fn not_cancelled(_: *mut c_void) -> i32 {
        0
    }
    HostSinkV1 {
        struct_size: size_of::<HostSinkV1>(),
        ctx: std::ptr::from_ref(ctx).cast_mut().cast(),
        emit_annotation: ignore_annotation,
        emit_diagnostic: ignore_diagnostic,
        is_cancelled: not_cancelled,
        declare_label,
        set_error,
    }
}

fn tag_sink(ctx: &TagCtx<'_>) -> HostSinkV1 {
    unsafe extern "C" fn emit_annotation(ctx: *mut c_void, raw: *const AnnotationV1) {
        // SAFETY: `ctx` is the `TagCtx` given to this sink, alive during the call.
        let ctx = unsafe { &*ctx.cast::<TagCtx<'_>>() };
        // SAFETY: the plugin passes a valid annotation or null.
        let result = unsafe { read_annotation(raw, ctx.provides) };
        let mut out = ctx.out.lock().unwrap_or_else(|p| p.into_inner());
        match result {
            Ok(a) => out.output.annotations.push(a),
            Err(why) => {
                out.dropped += 1;
                out.first_dropped.get_or_insert(why);
            }
        }
    }
    unsafe extern "C" fn emit_diagnostic(ctx: *mut c_void, raw: *const DiagnosticV1) {
        // SAFETY: as in `emit_annotation`.
        let ctx = unsafe { &*ctx.cast::<TagCtx<'_>>() };
        // SAFETY: the plugin passes a valid diagnostic or null.
        if let Some(d) = unsafe { read_diagnostic(raw) } {
            ctx.out
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .output
                .diagnostics
                .push(d);
        }
    }
    unsafe extern "C" fn is_cancelled(ctx: *mut c_void) -> i32 {
        // SAFETY: as in `emit_annotation`.
        let ctx = unsafe { &*ctx.cast::<TagCtx<'_>>() };
        i32::from(ctx.view.is_cancelled())
    }
    unsafe extern "C" fn set_error(ctx: *mut c_void, message: GloseStr) {
        // SAFETY: as in `emit_annotation`.
        let ctx = unsafe { &*ctx.cast::<TagCtx<'_>>() };
        // SAFETY: the plugin passes a string valid for the call.
        let message = unsafe { read_str(message) }
            .unwrap_or("(message not UTF-8)")
            .to_owned();
        ctx.out.lock().unwrap_or_else(|p| p.into_inner()).error = Some(message);
    }
    unsafe extern "C" fn ignore_label(_: *mut c_void, _: i32, _: GloseStr) {}
    HostSinkV1 {
        struct_size: size_of::<HostSinkV1>(),
        ctx: std::ptr::from_ref(ctx).cast_mut().cast(),
        emit_annotation,
        emit_diagnostic,
        is_cancelled,
        declare_label: ignore_label,
        set_error,
    }
}

/// Reads an emitted annotation; the label must be one the plugin declared (the tagger
/// it names is ignored: the host names the plugin).
///
/// # Safety
/// `raw` is null or points to a valid annotation whose strings are valid for the call.
unsafe fn read_annotation(
    raw: *const AnnotationV1,
    provides: &[Label],
) -> Result<Annotation, String> {
    // SAFETY: the caller guarantees `raw` is null or valid.
    let a = unsafe { raw.as_ref() }.ok_or("a null annotation")?;
    let label = |label: &str| {
        provides
            .iter()
            .find(|l| l.as_str() == label)
            .copied()
            .ok_or_else(|| format!("label {label:?}, which it did not declare"))
    };
    // SAFETY: the strings of a valid annotation are valid for the call.
    let read = |s: GloseStr| unsafe { read_str(s) }.ok_or_else(|| "not UTF-8".to_owned());
    let mut annotation = abi::annotation_from_v1(a, read, label)?;
    annotation.tagger = "";
    Ok(annotation)
}

/// Reads an emitted diagnostic.
///
/// # Safety
/// `raw` is null or points to a valid diagnostic whose strings are valid for the call.
unsafe fn read_diagnostic(raw: *const DiagnosticV1) -> Option<Diagnostic> {
    // SAFETY: the caller guarantees `raw` is null or valid.
    let d = unsafe { raw.as_ref() }?;
    if d.struct_size < size_of::<DiagnosticV1>() {
        return None;
    }
    // SAFETY: the strings of a valid diagnostic are valid for the call.
    let (code, message, fixes) = unsafe {
        (
            read_str(d.code)?,
            read_str(d.message)?,
            read_str(d.fixes_json)?,
        )
    };
    let severity = match d.severity {
        SEVERITY_HINT => Severity::Hint,
        SEVERITY_INFO => Severity::Info,
        SEVERITY_ERROR => Severity::Error,
        _ => Severity::Warning,
    };
    let span = Span::new(usize::try_from(d.start).ok()?, usize::try_from(d.end).ok()?);
    let mut diagnostic = Diagnostic::new(span, severity, code, message);
    if !fixes.is_empty() {
        diagnostic.fixes = serde_json::from_str::<Vec<Fix>>(fixes).unwrap_or_default();
    }
    Some(diagnostic)
}
