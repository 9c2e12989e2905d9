//! `docs/glose_tagger.h` and `glose-abi` describe the same ABI: a C program compiled
//! against the header prints the size and offset of every field and the value of every
//! constant, and they must equal Rust's.

use std::fmt::Write;
use std::mem::{offset_of, size_of};

use glose_abi::*;
use glose_tests::{repo_root, scratch_dir};

/// A C struct, its Rust size, and its fields with their Rust offsets.
type Layout = (&'static str, usize, Vec<(&'static str, usize)>);

/// The [`Layout`] of the C struct `c_name`: the Rust struct `rust`, whose fields have the
/// names of the C struct's.
macro_rules! layout {
    ($c_name:literal, $rust:ty, [$($field:ident),* $(,)?]) => {
        (
            $c_name,
            size_of::<$rust>(),
            vec![$((stringify!($field), offset_of!($rust, $field))),*],
        )
    };
}

fn layouts() -> Vec<Layout> {
    vec![
        layout!("glose_str", GloseStr, [ptr, len]),
        layout!(
            "glose_annotation_v1",
            AnnotationV1,
            [
                struct_size,
                start,
                end,
                label,
                entity,
                attrs_json,
                confidence,
                tagger
            ]
        ),
        layout!(
            "glose_diagnostic_v1",
            DiagnosticV1,
            [struct_size, start, end, severity, code, message, fixes_json]
        ),
        layout!(
            "glose_tag_input_v1",
            TagInputV1,
            [
                struct_size,
                path,
                text,
                body_start,
                date,
                annotations,
                annotations_len
            ]
        ),
        layout!(
            "glose_host_sink_v1",
            HostSinkV1,
            [
                struct_size,
                ctx,
                emit_annotation,
                emit_diagnostic,
                is_cancelled,
                declare_label,
                set_error
            ]
        ),
        layout!(
            "glose_plugin_v1",
            PluginV1,
            [
                struct_size,
                abi_major,
                abi_minor,
                flags,
                name,
                version,
                description,
                create,
                tag,
                destroy
            ]
        ),
    ]
}

fn constants() -> Vec<(&'static str, i64)> {
    vec![
        ("GLOSE_ABI_MAJOR", ABI_MAJOR.into()),
        ("GLOSE_ABI_MINOR", ABI_MINOR.into()),
        ("GLOSE_STATUS_OK", STATUS_OK.into()),
        ("GLOSE_STATUS_ERROR", STATUS_ERROR.into()),
        ("GLOSE_STATUS_PANICKED", STATUS_PANICKED.into()),
        ("GLOSE_STATUS_CANCELLED", STATUS_CANCELLED.into()),
        ("GLOSE_STATUS_BAD_INPUT", STATUS_BAD_INPUT.into()),
        ("GLOSE_FLAG_PANIC_ABORT", FLAG_PANIC_ABORT.into()),
        ("GLOSE_FLAG_SINGLE_THREADED", FLAG_SINGLE_THREADED.into()),
        ("GLOSE_SEVERITY_HINT", SEVERITY_HINT.into()),
        ("GLOSE_SEVERITY_INFO", SEVERITY_INFO.into()),
        ("GLOSE_SEVERITY_WARNING", SEVERITY_WARNING.into()),
        ("GLOSE_SEVERITY_ERROR", SEVERITY_ERROR.into()),
        ("GLOSE_LABEL_REQUIRES", LABEL_REQUIRES.into()),
        ("GLOSE_LABEL_PROVIDES", LABEL_PROVIDES.into()),
    ]
}

#[test]
fn the_c_header_matches_the_rust_abi() {
    let mut program = String::from(
        "#include <stdio.h>\n#include <stddef.h>\n#include \"glose_tagger.h\"\nint main(void) {\n",
    );
    let mut expected = String::new();
    for (name, size, fields) in layouts() {
        writeln!(program, "    printf(\"{name} %zu\\n\", sizeof({name}));").unwrap();
        writeln!(expected, "{name} {size}").unwrap();
        for (field, offset) in fields {
            writeln!(
                program,
                "    printf(\"{name}.{field} %zu\\n\", offsetof({name}, {field}));"
            )
            .unwrap();
            writeln!(expected, "{name}.{field} {offset}").unwrap();
        }
    }
    for (name, value) in constants() {
        writeln!(
            program,
            "    printf(\"{name} %lld\\n\", (long long)({name}));"
        )
        .unwrap();
        writeln!(expected, "{name} {value}").unwrap();
    }
    program.push_str("    return 0;\n}\n");
    let dir = scratch_dir();
    let source = dir.join("layout.c");
    let binary = dir.join("layout");
    std::fs::write(&source, program).unwrap();
    let compiler = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
    let status = std::process::Command::new(compiler)
        .args(["-Wall", "-Werror", "-I"])
        .arg(repo_root().join("docs"))
        .arg("-o")
        .arg(&binary)
        .arg(&source)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let out = std::process::Command::new(&binary).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}

#[test]
fn the_entry_symbol_is_the_one_the_header_names() {
    let header = std::fs::read_to_string(repo_root().join("docs/glose_tagger.h")).unwrap();
    let symbol = std::str::from_utf8(&ENTRY_SYMBOL[..ENTRY_SYMBOL.len() - 1]).unwrap();
    assert!(header.contains(&format!(
        "*{symbol}(uint32_t host_major, uint32_t host_minor)"
    )));
    assert!(symbol.starts_with(ENTRY_SYMBOL_PREFIX));
    assert!(symbol.ends_with(&ABI_MAJOR.to_string()));
}
