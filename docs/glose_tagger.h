/*
 * glose tagger plugin ABI, version 1.
 *
 * A plugin is a shared library that exports one function,
 *
 *     const glose_plugin_v1 *glose_tagger_entry_v1(uint32_t host_major, uint32_t host_minor);
 *
 * which returns the plugin's descriptor, or NULL to refuse a host it cannot work with.
 * This header is the C form of the Rust crate `glose-abi`; a test keeps the two in sync
 * (field names, sizes and offsets). See docs/plugins.md for the rules: who owns each
 * pointer, threads, versioning.
 *
 * Rules in short:
 * - every struct starts with `struct_size` (its size, set by whoever fills it in) and only
 *   ever grows at the end; never read a field past `struct_size`;
 * - strings are borrowed UTF-8 slices, not NUL-terminated, valid during the call only;
 * - results go through the host's sink callbacks; nothing is freed by the side that did
 *   not allocate it;
 * - `tag` may be called from several threads at once on one instance, unless the
 *   descriptor sets GLOSE_FLAG_SINGLE_THREADED; the sink's callbacks may be called from any
 *   thread, during the call that received the sink.
 */
#ifndef GLOSE_TAGGER_H
#define GLOSE_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GLOSE_ABI_MAJOR 1
#define GLOSE_ABI_MINOR 0

/* Status of a call into the plugin. */
#define GLOSE_STATUS_OK 0
#define GLOSE_STATUS_ERROR 1
#define GLOSE_STATUS_PANICKED 2
#define GLOSE_STATUS_CANCELLED 3
#define GLOSE_STATUS_BAD_INPUT 4

/* Descriptor flags. */
#define GLOSE_FLAG_PANIC_ABORT 1u
#define GLOSE_FLAG_SINGLE_THREADED 2u

/* Diagnostic severities. */
#define GLOSE_SEVERITY_HINT 0
#define GLOSE_SEVERITY_INFO 1
#define GLOSE_SEVERITY_WARNING 2
#define GLOSE_SEVERITY_ERROR 3

/* Kinds of label for declare_label. */
#define GLOSE_LABEL_REQUIRES 0
#define GLOSE_LABEL_PROVIDES 1

/* A borrowed UTF-8 string (ptr may be NULL when len is 0). */
typedef struct glose_str {
    const uint8_t *ptr;
    size_t len;
} glose_str;

/* An annotation: emitted by the plugin, or an earlier one passed by the host. */
typedef struct glose_annotation_v1 {
    size_t struct_size;
    uint64_t start;          /* UTF-8 byte offsets into the text, half-open */
    uint64_t end;
    glose_str label;         /* must be a label the instance declared it provides */
    glose_str entity;        /* entity id; empty for none */
    glose_str attrs_json;    /* a JSON object; empty for none */
    float confidence;        /* 0 to 1 */
    glose_str tagger;        /* set by the host on earlier annotations; ignored when emitted */
} glose_annotation_v1;

/* A diagnostic emitted by the plugin. */
typedef struct glose_diagnostic_v1 {
    size_t struct_size;
    uint64_t start;
    uint64_t end;
    int32_t severity;        /* GLOSE_SEVERITY_* */
    glose_str code;          /* stable, kebab-case */
    glose_str message;
    glose_str fixes_json;    /* [{"title": ..., "edits": [{"start", "end", "new_text"}]}]; empty for none */
} glose_diagnostic_v1;

/* The document given to tag. */
typedef struct glose_tag_input_v1 {
    size_t struct_size;
    glose_str path;
    glose_str text;          /* the exact text of the file */
    uint64_t body_start;     /* the article starts here (after the date marker) */
    glose_str date;          /* YYYY-MM from the date marker; empty for none */
    const glose_annotation_v1 *annotations;  /* earlier taggers' annotations, by start */
    size_t annotations_len;
} glose_tag_input_v1;

/* The host's callbacks; ctx is passed back unchanged. */
typedef struct glose_host_sink_v1 {
    size_t struct_size;
    void *ctx;
    void (*emit_annotation)(void *ctx, const glose_annotation_v1 *annotation);
    void (*emit_diagnostic)(void *ctx, const glose_diagnostic_v1 *diagnostic);
    int32_t (*is_cancelled)(void *ctx);
    void (*declare_label)(void *ctx, int32_t kind, glose_str label);
    void (*set_error)(void *ctx, glose_str message);
} glose_host_sink_v1;

/* The plugin's descriptor; it and its strings live as long as the library. */
typedef struct glose_plugin_v1 {
    size_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t flags;          /* GLOSE_FLAG_* */
    glose_str name;          /* unique, kebab-case */
    glose_str version;
    glose_str description;
    /* Makes an instance from a JSON configuration ("{}" for none); declares its labels
       with sink->declare_label; stores the instance in *instance. */
    int32_t (*create)(glose_str config_json, const glose_host_sink_v1 *sink, void **instance);
    /* Tags one document, emitting through the sink. */
    int32_t (*tag)(void *instance, const glose_tag_input_v1 *input, const glose_host_sink_v1 *sink);
    /* Frees an instance. */
    void (*destroy)(void *instance);
} glose_plugin_v1;

typedef const glose_plugin_v1 *(*glose_tagger_entry_v1_fn)(uint32_t host_major, uint32_t host_minor);

#ifdef __cplusplus
}
#endif

#endif /* GLOSE_TAGGER_H */
