//! The C ABI of a glose tagger plugin, version 1.
//!
//! Only `#[repr(C)]` types of integers, pointers and `extern "C"` function pointers: no
//! Rust type crosses the boundary, so a plugin may be built by another compiler, another
//! version of Rust, or written in C (`docs/glose_tagger.h` is the same ABI in C, kept in
//! sync by a test).
//!
//! # Shape
//! - A plugin library exports one function, [`ENTRY_SYMBOL`] (`glose_tagger_entry_v1`):
//!   given the host's ABI version, it returns a pointer to its [`PluginV1`] descriptor,
//!   or null to refuse a host it cannot work with. The major version is part of the name,
//!   so a future, incompatible ABI is a different symbol.
//! - Every struct starts with `struct_size`, set by whoever fills it in; a struct only
//!   ever grows at the end, and a reader never reads a field past `struct_size`.
//! - Strings are borrowed UTF-8 slices ([`GloseStr`]), never NUL-terminated and valid
//!   only for the duration of the call that passes them.
//! - Results flow through a **host-owned sink** ([`HostSinkV1`]): the plugin calls
//!   `emit_annotation`, `emit_diagnostic`, … with pointers to its own data; the host
//!   copies what it needs before the callback returns. Nothing is ever freed by the side
//!   that did not allocate it.
//!
//! # Ownership and threads
//! - The descriptor and the strings it points to are owned by the plugin and live as
//!   long as the library (which the host never unloads).
//! - An instance (`create` → `destroy`) is owned by the plugin; the host only passes the
//!   opaque pointer back.
//! - `tag` may be called from several threads at once on the same instance, unless the
//!   descriptor sets [`FLAG_SINGLE_THREADED`].
//! - A plugin never keeps a pointer it was given (text, annotations, sink) after the call
//!   returns.

#![no_std]

use core::ffi::c_void;

/// The major version of this ABI: part of the entry symbol's name.
pub const ABI_MAJOR: u32 = 1;
/// The minor version: grows when fields are added at the end of a struct.
pub const ABI_MINOR: u32 = 0;

/// Name of the entry function of a version-1 plugin, NUL-terminated.
pub const ENTRY_SYMBOL: &[u8] = b"glose_tagger_entry_v1\0";

/// Prefix of the entry symbols of every ABI major version (`glose_tagger_entry_v2`…).
pub const ENTRY_SYMBOL_PREFIX: &str = "glose_tagger_entry_v";

/// The entry function: `(host_major, host_minor) -> descriptor or null`.
pub type EntryV1 = unsafe extern "C" fn(host_major: u32, host_minor: u32) -> *const PluginV1;

/// Status of a call into the plugin.
pub type Status = i32;
pub const STATUS_OK: Status = 0;
/// The plugin failed; it may have called `set_error` with a message.
pub const STATUS_ERROR: Status = 1;
/// The plugin panicked (caught before crossing the boundary).
pub const STATUS_PANICKED: Status = 2;
/// The plugin saw `is_cancelled` return true and stopped.
pub const STATUS_CANCELLED: Status = 3;
/// The host passed something the plugin cannot read (e.g. a configuration that does
/// not parse).
pub const STATUS_BAD_INPUT: Status = 4;

/// Descriptor flag: the plugin was built with `panic = "abort"`; a panic would abort the
/// whole process, so the host runs it only in a separate process.
pub const FLAG_PANIC_ABORT: u32 = 1;
/// Descriptor flag: `tag` must not be called from two threads at once.
pub const FLAG_SINGLE_THREADED: u32 = 2;

/// Severity of a diagnostic.
pub const SEVERITY_HINT: i32 = 0;
pub const SEVERITY_INFO: i32 = 1;
pub const SEVERITY_WARNING: i32 = 2;
pub const SEVERITY_ERROR: i32 = 3;

/// Kind of label declared by `declare_label`.
pub const LABEL_REQUIRES: i32 = 0;
pub const LABEL_PROVIDES: i32 = 1;

/// A borrowed UTF-8 string: `len` bytes at `ptr` (`ptr` may be null when `len` is 0).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GloseStr {
    pub ptr: *const u8,
    pub len: usize,
}

impl GloseStr {
    /// The empty string.
    pub const EMPTY: GloseStr = GloseStr {
        ptr: core::ptr::null(),
        len: 0,
    };

    /// Borrows `s`; the result is valid as long as `s` is.
    pub const fn new(s: &str) -> GloseStr {
        GloseStr {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }
}

/// An annotation, as the plugin emits it and as the host passes earlier ones.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct AnnotationV1 {
    pub struct_size: usize,
    /// UTF-8 byte offsets into the text, half-open.
    pub start: u64,
    pub end: u64,
    pub label: GloseStr,
    /// Entity id; empty for none.
    pub entity: GloseStr,
    /// A JSON object of attributes; empty for none.
    pub attrs_json: GloseStr,
    /// From 0 to 1.
    pub confidence: f32,
    /// The tagger that made it: set by the host on earlier annotations, ignored on
    /// emitted ones.
    pub tagger: GloseStr,
}

/// A diagnostic emitted by the plugin.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct DiagnosticV1 {
    pub struct_size: usize,
    pub start: u64,
    pub end: u64,
    /// One of the `SEVERITY_*` constants.
    pub severity: i32,
    /// A stable kebab-case code.
    pub code: GloseStr,
    pub message: GloseStr,
    /// A JSON array of fixes, `[{"title": "...", "edits": [{"start", "end", "new_text"}]}]`;
    /// empty for none.
    pub fixes_json: GloseStr,
}

/// What the host gives `tag`: the document and the annotations of earlier taggers.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct TagInputV1 {
    pub struct_size: usize,
    /// The document's path, for messages.
    pub path: GloseStr,
    /// The exact text of the document.
    pub text: GloseStr,
    /// Where the article text starts (after the date marker); earlier bytes are metadata.
    pub body_start: u64,
    /// The date from the date marker, `YYYY-MM`; empty if none.
    pub date: GloseStr,
    /// Annotations of the taggers that ran before, sorted by start.
    pub annotations: *const AnnotationV1,
    pub annotations_len: usize,
}

/// The host's callbacks. `ctx` is the host's, passed back unchanged as the first
/// argument of every callback.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HostSinkV1 {
    pub struct_size: usize,
    pub ctx: *mut c_void,
    /// Records an annotation (during `tag`).
    pub emit_annotation: unsafe extern "C" fn(ctx: *mut c_void, annotation: *const AnnotationV1),
    /// Records a diagnostic (during `tag`).
    pub emit_diagnostic: unsafe extern "C" fn(ctx: *mut c_void, diagnostic: *const DiagnosticV1),
    /// Whether the host no longer wants the result (during `tag`); non-zero for yes.
    pub is_cancelled: unsafe extern "C" fn(ctx: *mut c_void) -> i32,
    /// Declares a label the instance requires or provides, with `LABEL_REQUIRES` or
    /// `LABEL_PROVIDES` (during `create`).
    pub declare_label: unsafe extern "C" fn(ctx: *mut c_void, kind: i32, label: GloseStr),
    /// Explains a failure, before returning a status other than `STATUS_OK`.
    pub set_error: unsafe extern "C" fn(ctx: *mut c_void, message: GloseStr),
}

/// The descriptor a plugin returns from its entry function.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct PluginV1 {
    pub struct_size: usize,
    /// The ABI version the plugin was built against.
    pub abi_major: u32,
    pub abi_minor: u32,
    /// `FLAG_*` bits.
    pub flags: u32,
    /// The tagger's name (unique, kebab-case), version and one-line description.
    pub name: GloseStr,
    pub version: GloseStr,
    pub description: GloseStr,
    /// Makes an instance from a JSON configuration (`{}` when there is none), declaring
    /// its labels through `sink.declare_label`. On success, stores the instance in
    /// `*instance`.
    pub create: unsafe extern "C" fn(
        config_json: GloseStr,
        sink: *const HostSinkV1,
        instance: *mut *mut c_void,
    ) -> Status,
    /// Tags one document, emitting through `sink`.
    pub tag: unsafe extern "C" fn(
        instance: *mut c_void,
        input: *const TagInputV1,
        sink: *const HostSinkV1,
    ) -> Status,
    /// Frees an instance.
    pub destroy: unsafe extern "C" fn(instance: *mut c_void),
}
