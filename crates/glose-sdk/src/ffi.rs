//! The plugin side of the C ABI: the descriptor and the three exported functions, each
//! wrapped so that no panic crosses the boundary.

use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};

use glose_abi::{
    ABI_MAJOR, ABI_MINOR, DiagnosticV1, FLAG_PANIC_ABORT, GloseStr, HostSinkV1, LABEL_PROVIDES,
    LABEL_REQUIRES, PluginV1, SEVERITY_ERROR, SEVERITY_HINT, SEVERITY_INFO, SEVERITY_WARNING,
    STATUS_BAD_INPUT, STATUS_CANCELLED, STATUS_ERROR, STATUS_OK, STATUS_PANICKED, Status,
    TagInputV1,
};
use glose_core::{
    Annotation, AnnotationStore, Diagnostic, Document, DocumentView, Label, Severity, TagError, abi,
};

use crate::Plugin;

/// A plugin's descriptor, in a `static` (raw pointers make `PluginV1` not `Sync`).
#[derive(Debug)]
pub struct Descriptor(PluginV1);

// SAFETY: the descriptor is immutable, and its pointers point to `'static` strings and
// functions, so sharing it between threads is sound.
unsafe impl Sync for Descriptor {}

impl Descriptor {
    /// The descriptor of plugin `T`.
    pub const fn new<T: Plugin>(version: &'static str, panic_abort: bool) -> Self {
        Descriptor(PluginV1 {
            struct_size: size_of::<PluginV1>(),
            abi_major: ABI_MAJOR,
            abi_minor: ABI_MINOR,
            flags: if panic_abort { FLAG_PANIC_ABORT } else { 0 },
            name: GloseStr::new(T::NAME),
            version: GloseStr::new(version),
            description: GloseStr::new(T::DESCRIPTION),
            create: create::<T>,
            tag: tag::<T>,
            destroy: destroy::<T>,
        })
    }

    /// What the entry function returns: the descriptor, or null for a host of another
    /// major version.
    pub fn entry(&'static self, host_major: u32, _host_minor: u32) -> *const PluginV1 {
        if host_major == ABI_MAJOR {
            &self.0
        } else {
            std::ptr::null()
        }
    }
}

/// The host's callbacks, checked once.
struct Sink(HostSinkV1);

// SAFETY: the ABI requires the host's callbacks to be callable from any thread during
// the call that received the sink (docs/plugins.md, "Threads"); the sink is only used
// during that call.
unsafe impl Sync for Sink {}
// SAFETY: as for `Sync`: the callbacks may be called from any thread.
unsafe impl Send for Sink {}

impl Sink {
    /// # Safety
    /// `raw` is null or points to a valid sink for the duration of the call.
    unsafe fn from_raw(raw: *const HostSinkV1) -> Option<Sink> {
        // SAFETY: the caller guarantees `raw` is null or valid.
        let sink = unsafe { raw.as_ref() }?;
        (sink.struct_size >= size_of::<HostSinkV1>()).then_some(Sink(*sink))
    }

    fn set_error(&self, message: &str) {
        // SAFETY: the host's callback, given its own context and a string valid for the
        // duration of the call.
        unsafe { (self.0.set_error)(self.0.ctx, GloseStr::new(message)) }
    }

    fn declare_label(&self, kind: i32, label: Label) {
        // SAFETY: as in `set_error`.
        unsafe { (self.0.declare_label)(self.0.ctx, kind, GloseStr::new(label.as_str())) }
    }

    fn is_cancelled(&self) -> bool {
        // SAFETY: as in `set_error`.
        unsafe { (self.0.is_cancelled)(self.0.ctx) != 0 }
    }

    fn emit_annotation(&self, a: &Annotation) {
        let attrs = abi::attrs_json(&a.attrs);
        let raw = abi::annotation_v1(a, &attrs, "");
        // SAFETY: the host's callback, given a pointer to a struct that lives until it
        // returns.
        unsafe { (self.0.emit_annotation)(self.0.ctx, &raw) }
    }

    fn emit_diagnostic(&self, d: &Diagnostic) {
        let fixes = if d.fixes.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&d.fixes).unwrap_or_default()
        };
        let raw = DiagnosticV1 {
            struct_size: size_of::<DiagnosticV1>(),
            start: d.span.start as u64,
            end: d.span.end as u64,
            severity: match d.severity {
                Severity::Hint => SEVERITY_HINT,
                Severity::Info => SEVERITY_INFO,
                Severity::Warning => SEVERITY_WARNING,
                Severity::Error => SEVERITY_ERROR,
            },
            code: GloseStr::new(&d.code),
            message: GloseStr::new(&d.message),
            fixes_json: GloseStr::new(&fixes),
        };
        // SAFETY: as in `emit_annotation`.
        unsafe { (self.0.emit_diagnostic)(self.0.ctx, &raw) }
    }
}

/// A failure to report through the sink.
struct Failure {
    status: Status,
    message: String,
}

impl Failure {
    fn bad_input(message: impl Into<String>) -> Self {
        Failure {
            status: STATUS_BAD_INPUT,
            message: message.into(),
        }
    }
}

/// Runs `f`, turning a panic into `STATUS_PANICKED` and a failure into its status, with
/// the message given to the host.
fn guard(sink: &Sink, f: impl FnOnce() -> Result<Status, Failure>) -> Status {
    let (status, message) = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(status)) => return status,
        Ok(Err(failure)) => (failure.status, failure.message),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic payload".to_owned());
            (STATUS_PANICKED, format!("panicked: {message}"))
        }
    };
    // Reporting must not panic across the boundary either.
    let _ = catch_unwind(AssertUnwindSafe(|| sink.set_error(&message)));
    status
}

/// # Safety
/// `s` points to `len` readable bytes that live for `'a`, or `len` is 0.
unsafe fn str_of<'a>(s: GloseStr, what: &str) -> Result<&'a str, Failure> {
    // SAFETY: the caller's guarantee.
    unsafe { read_str(s) }.map_err(|e| Failure::bad_input(format!("{what} is {e}")))
}

/// The string `s` points to, or what is wrong with it (`a null pointer`, `not UTF-8`).
///
/// # Safety
/// As [`str_of`].
unsafe fn read_str<'a>(s: GloseStr) -> Result<&'a str, String> {
    if s.len == 0 {
        return Ok("");
    }
    if s.ptr.is_null() {
        return Err("a null pointer".to_owned());
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    let bytes = unsafe { std::slice::from_raw_parts(s.ptr, s.len) };
    std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))
}

unsafe extern "C" fn create<T: Plugin>(
    config_json: GloseStr,
    sink: *const HostSinkV1,
    instance: *mut *mut c_void,
) -> Status {
    // SAFETY: the host passes a valid sink or null.
    let Some(sink) = (unsafe { Sink::from_raw(sink) }) else {
        return STATUS_BAD_INPUT;
    };
    if instance.is_null() {
        return STATUS_BAD_INPUT;
    }
    guard(&sink, || {
        // SAFETY: the host passes a valid string.
        let json = unsafe { str_of(config_json, "the configuration")? };
        let json = if json.trim().is_empty() { "{}" } else { json };
        let config: T::Config = serde_json::from_str(json).map_err(|e| {
            Failure::bad_input(format!("invalid configuration for `{}`: {e}", T::NAME))
        })?;
        let tagger = T::new(config).map_err(|message| Failure {
            status: STATUS_ERROR,
            message,
        })?;
        for &label in tagger.requires() {
            sink.declare_label(LABEL_REQUIRES, label);
        }
        for &label in tagger.provides() {
            sink.declare_label(LABEL_PROVIDES, label);
        }
        let boxed = Box::into_raw(Box::new(tagger));
        // SAFETY: `instance` is non-null and points to writable storage (ABI contract).
        unsafe { *instance = boxed.cast() };
        Ok(STATUS_OK)
    })
}

unsafe extern "C" fn destroy<T: Plugin>(instance: *mut c_void) {
    if instance.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `instance` came from `create::<T>` and is destroyed once (ABI contract).
        drop(unsafe { Box::from_raw(instance.cast::<T>()) });
    }));
}

unsafe extern "C" fn tag<T: Plugin>(
    instance: *mut c_void,
    input: *const TagInputV1,
    sink: *const HostSinkV1,
) -> Status {
    // SAFETY: the host passes a valid sink or null.
    let Some(sink) = (unsafe { Sink::from_raw(sink) }) else {
        return STATUS_BAD_INPUT;
    };
    guard(&sink, || {
        if instance.is_null() {
            return Err(Failure::bad_input("null instance"));
        }
        // SAFETY: `instance` came from `create::<T>` and is not destroyed yet (ABI contract).
        let tagger = unsafe { &*instance.cast::<T>() };
        // SAFETY: the host passes a valid input or null.
        let input = unsafe { input.as_ref() }.ok_or_else(|| Failure::bad_input("null input"))?;
        if input.struct_size < size_of::<TagInputV1>() {
            return Err(Failure::bad_input("input struct too small"));
        }
        // SAFETY: the strings of a valid input are valid for the call.
        let (path, text) = unsafe {
            (
                str_of(input.path, "the path")?,
                str_of(input.text, "the text")?,
            )
        };
        let document = Document::new(path, text).map_err(|e| Failure::bad_input(e.to_string()))?;
        // SAFETY: as above.
        let earlier = unsafe { earlier_annotations(input)? };
        let store = AnnotationStore::from_vec(earlier);
        let cancel = || sink.is_cancelled();
        let view = DocumentView::new(&document, &store, &cancel);
        match tagger.tag(&view) {
            Ok(out) => {
                for a in &out.annotations {
                    sink.emit_annotation(a);
                }
                for d in &out.diagnostics {
                    sink.emit_diagnostic(d);
                }
                Ok(STATUS_OK)
            }
            Err(TagError::Cancelled) => Ok(STATUS_CANCELLED),
            Err(TagError::Failed(message)) => Err(Failure {
                status: STATUS_ERROR,
                message,
            }),
        }
    })
}

/// # Safety
/// `input` is a valid input: `annotations` points to `annotations_len` valid structs.
unsafe fn earlier_annotations(input: &TagInputV1) -> Result<Vec<Annotation>, Failure> {
    if input.annotations_len == 0 {
        return Ok(Vec::new());
    }
    if input.annotations.is_null() {
        return Err(Failure::bad_input("annotations is a null pointer"));
    }
    // SAFETY: the caller guarantees `annotations_len` structs at `annotations`.
    let raw = unsafe { std::slice::from_raw_parts(input.annotations, input.annotations_len) };
    // SAFETY: the strings of a valid annotation are valid for the call.
    let read = |s: GloseStr| unsafe { read_str(s) };
    raw.iter()
        .map(|a| {
            abi::annotation_from_v1(a, read, |l| Ok(Label::new(l)))
                .map_err(|e| Failure::bad_input(format!("an earlier annotation with {e}")))
        })
        .collect()
}
