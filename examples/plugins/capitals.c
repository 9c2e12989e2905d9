/*
 * A glose tagger written in C: tags words of two or more capital letters (acronyms such
 * as ONU, OTAN, FDS) as ACRONYM.
 *
 * Build it as a shared library and load it with `glose annotate --plugin`:
 *
 *     cc -shared -fPIC -I docs -o libcapitals.so examples/plugins/capitals.c
 *     glose annotate --plugin ./libcapitals.so examples/corpus
 *
 * Configuration: {"min_len": N} (default 2). The configuration parser here is minimal on
 * purpose; a real plugin would use a JSON library.
 */
#include <stdlib.h>
#include <string.h>

#include "glose_tagger.h"

/* Tests rename the entry point or set flags to check how glose reacts. */
#ifndef CAPITALS_ENTRY
#define CAPITALS_ENTRY glose_tagger_entry_v1
#endif
#ifndef CAPITALS_FLAGS
#define CAPITALS_FLAGS 0u
#endif

#define STR(s) ((glose_str){(const uint8_t *)(s), sizeof(s) - 1})

typedef struct {
    size_t min_len;
} capitals;

static int32_t capitals_create(glose_str config, const glose_host_sink_v1 *sink, void **instance) {
    capitals *self = malloc(sizeof *self);
    if (self == NULL) {
        sink->set_error(sink->ctx, STR("out of memory"));
        return GLOSE_STATUS_ERROR;
    }
    self->min_len = 2;
    /* Find "min_len": N in the JSON text. */
    static const char key[] = "\"min_len\"";
    for (size_t i = 0; config.len >= sizeof key && i + sizeof key - 1 <= config.len; i++) {
        if (memcmp(config.ptr + i, key, sizeof key - 1) == 0) {
            size_t j = i + sizeof key - 1, n = 0;
            while (j < config.len && (config.ptr[j] == ' ' || config.ptr[j] == ':')) j++;
            while (j < config.len && config.ptr[j] >= '0' && config.ptr[j] <= '9') n = n * 10 + (config.ptr[j++] - '0');
            if (n == 0) {
                free(self);
                sink->set_error(sink->ctx, STR("min_len must be a number of at least 1"));
                return GLOSE_STATUS_BAD_INPUT;
            }
            self->min_len = n;
        }
    }
    sink->declare_label(sink->ctx, GLOSE_LABEL_PROVIDES, STR("ACRONYM"));
    *instance = self;
    return GLOSE_STATUS_OK;
}

static int is_upper(uint8_t c) { return c >= 'A' && c <= 'Z'; }
/* Letters, digits and any byte of a multi-byte UTF-8 character continue a word. */
static int is_word(uint8_t c) { return is_upper(c) || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }

static int32_t capitals_tag(void *instance, const glose_tag_input_v1 *input, const glose_host_sink_v1 *sink) {
    const capitals *self = instance;
    const uint8_t *text = input->text.ptr;
    size_t len = input->text.len;
    for (size_t i = input->body_start; i < len;) {
        if (!is_word(text[i])) {
            i++;
            continue;
        }
        size_t start = i, upper = 1;
        while (i < len && is_word(text[i])) upper &= is_upper(text[i++]);
        if (upper && i - start >= self->min_len) {
            glose_annotation_v1 a = {0};
            a.struct_size = sizeof a;
            a.start = start;
            a.end = i;
            a.label = STR("ACRONYM");
            a.confidence = 1.0f;
            sink->emit_annotation(sink->ctx, &a);
        }
        if (sink->is_cancelled(sink->ctx)) return GLOSE_STATUS_CANCELLED;
    }
    return GLOSE_STATUS_OK;
}

static void capitals_destroy(void *instance) { free(instance); }

static const glose_plugin_v1 descriptor = {
    sizeof(glose_plugin_v1),
    GLOSE_ABI_MAJOR,
    GLOSE_ABI_MINOR,
    CAPITALS_FLAGS,
    STR("capitals"),
    STR("1.0.0"),
    STR("Tags words written in capitals as ACRONYM."),
    capitals_create,
    capitals_tag,
    capitals_destroy,
};

const glose_plugin_v1 *CAPITALS_ENTRY(uint32_t host_major, uint32_t host_minor) {
    (void)host_minor;
    return host_major == GLOSE_ABI_MAJOR ? &descriptor : NULL;
}
