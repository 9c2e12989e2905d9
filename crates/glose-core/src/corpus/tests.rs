use std::sync::Arc;

use super::*;
use crate::annotation::Label;
use crate::test_tagger::{Behaviour, tagger};

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn names(d: &Discovery, root: &Path) -> Vec<String> {
    d.files
        .iter()
        .map(|f| {
            f.path
                .strip_prefix(root)
                .unwrap_or(&f.path)
                .display()
                .to_string()
        })
        .collect()
}

#[test]
fn walks_in_name_order_with_globs_and_skips_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let files = [
        "b.txt",
        "a.txt",
        "sub/c.txt",
        "sub/notes.md",
        ".hidden/d.txt",
        "drafts/e.txt",
        ".f.txt",
    ];
    for rel in files {
        write(root, rel, b"texte");
    }
    let config = Config {
        exclude: vec!["drafts/**".into()],
        ..Config::default()
    };
    let d = discover(&[root.to_owned()], &config);
    assert_eq!(names(&d, root), ["a.txt", "b.txt", "sub/c.txt"]);
    assert!(d.problems.is_empty());
    assert!(d.files.iter().all(|f| !f.explicit));
    // The same decision for one file at a time.
    for rel in files {
        let taken = names(&d, root).contains(&rel.to_owned());
        assert_eq!(is_article(root, &root.join(rel), &config), taken, "{rel}");
    }
    assert!(!is_article(root, Path::new("/elsewhere/a.txt"), &config));

    let config = Config {
        include: vec!["*.md".into()],
        ..Config::default()
    };
    assert_eq!(
        names(&discover(&[root.to_owned()], &config), root),
        ["sub/notes.md"]
    );
}

#[test]
fn explicit_files_are_taken_once_and_missing_paths_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let a = write(root, "a.txt", b"x");
    let notes = write(root, "notes.md", b"x");
    let d = discover(
        &[
            notes.clone(),
            root.to_owned(),
            a.clone(),
            root.join("missing.txt"),
        ],
        &Config::default(),
    );
    assert_eq!(names(&d, root), ["notes.md", "a.txt"]);
    assert!(d.files[0].explicit);
    assert_eq!(d.problems.len(), 1);
    assert_eq!(d.problems[0].code, "not-found");
    assert!(
        d.problems[0]
            .to_string()
            .ends_with("missing.txt: error[not-found]: no such file or folder")
    );
}

#[test]
fn a_folder_without_articles_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "readme.md", b"x");
    let d = discover(&[dir.path().to_owned()], &Config::default());
    assert!(d.files.is_empty());
    assert_eq!(d.problems[0].code, "no-articles");
    assert!(d.problems[0].message.contains("**/*.txt"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "sub/a.txt", b"x");
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("dangling.txt")).unwrap();
    // An editor's lock file: a hidden dangling link, not reported.
    std::os::unix::fs::symlink("user@host.1234", root.join("sub/.#a.txt")).unwrap();
    let d = discover(&[root.to_owned()], &Config::default());
    assert!(
        !d.problems.iter().any(|p| p.file.contains(".#a.txt")),
        "{:?}",
        d.problems
    );
    assert_eq!(names(&d, root), ["sub/a.txt"]);
    let codes: Vec<(&str, &str)> = d
        .problems
        .iter()
        .map(|p| (p.code, p.message.as_str()))
        .collect();
    assert!(
        codes.contains(&("unreadable", "symbolic link loop, not followed")),
        "{codes:?}"
    );
    assert!(
        d.problems.iter().any(|p| p.file.ends_with("dangling.txt")),
        "{codes:?}"
    );
}

fn read(
    path: &Path,
    explicit: bool,
    options: ReadOptions,
) -> Result<(Document, Vec<Diagnostic>), crate::Problem> {
    let entry = FileEntry {
        path: path.to_owned(),
        explicit,
    };
    read_document(&entry, options)
}

/// Reads `path` (not named explicitly), which must be refused with `severity` and `code`
/// and a message that starts with `message`.
fn assert_refused(
    path: &Path,
    options: ReadOptions,
    severity: Severity,
    code: &str,
    message: &str,
) {
    let p = read(path, false, options).unwrap_err();
    assert_eq!((p.severity, p.code), (severity, code));
    assert!(p.message.starts_with(message), "{}", p.message);
}

#[test]
fn bad_files_get_clear_problems() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let opts = ReadOptions {
        max_file_size: 100,
        lossy: false,
    };

    let big = write(root, "big.txt", &[b'a'; 101]);
    assert_refused(
        &big,
        opts,
        Severity::Warning,
        "too-large",
        "101 B is over the size limit of 100 B",
    );
    // Named explicitly, skipping it is an error.
    assert_eq!(
        read(&big, true, opts).unwrap_err().severity,
        Severity::Error
    );

    let binary = write(root, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let p = read(&binary, false, opts).unwrap_err();
    assert_eq!(p.code, "binary");
    assert!(p.message.contains("NUL byte at offset 8"));

    let latin1 = write(root, "latin1.txt", b"Deir\nEzzor \xe9t\xe9");
    assert_refused(
        &latin1,
        opts,
        Severity::Error,
        "invalid-utf8",
        "invalid UTF-8 at line 2, column 7 (byte 11)",
    );
    let (doc, diags) = read(
        &latin1,
        false,
        ReadOptions {
            lossy: true,
            ..opts
        },
    )
    .unwrap();
    assert_eq!(doc.text(), "Deir\nEzzor \u{fffd}t\u{fffd}");
    assert_eq!(diags[0].code, "invalid-utf8");

    let empty = write(root, "empty.txt", b"");
    let (doc, diags) = read(&empty, false, opts).unwrap();
    assert_eq!(doc.text(), "");
    assert_eq!(
        (diags[0].code.as_str(), diags[0].message.as_str()),
        ("empty-file", "empty file")
    );

    let p = read(&root.join("gone.txt"), true, opts).unwrap_err();
    assert_eq!(p.code, "unreadable");
    assert!(p.message.starts_with("cannot read: "));
}

#[test]
fn annotates_in_parallel_and_delivers_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..300 {
        let text = if i == 7 {
            "boom".to_owned()
        } else {
            "x".repeat(i % 5)
        };
        write(root, &format!("{i:04}.txt"), text.as_bytes());
    }
    write(root, "0100.txt", b"\xff");
    let files = discover(&[root.to_owned()], &Config::default()).files;
    // Tags every `x` as MISC; panics on documents that say `boom`.
    let mut xs = tagger("xs", &[], &[Label::MISC]);
    xs.words = vec![("x", Label::MISC)];
    xs.behaviour = Behaviour::PanicsOn("boom");
    let pipeline = Pipeline::new(vec![Arc::new(xs)]).unwrap();
    for threads in [1, 3] {
        let mut seen = Vec::new();
        annotate_ordered(
            &files,
            &pipeline,
            ReadOptions::default(),
            threads,
            |file, outcome| {
                let summary = match outcome {
                    Outcome::Annotated { result, .. } => {
                        if result
                            .diagnostics
                            .iter()
                            .any(|d| d.code == "tagger-panicked")
                        {
                            "panicked".to_owned()
                        } else {
                            result.store.len().to_string()
                        }
                    }
                    Outcome::Skipped(p) | Outcome::Failed(p) => p.code.to_owned(),
                };
                seen.push((
                    file.path
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    summary,
                ));
            },
        )
        .unwrap();
        assert_eq!(seen.len(), 300);
        for (i, (name, summary)) in seen.iter().enumerate() {
            assert_eq!(name, &format!("{i:04}.txt"));
            let expected = match i {
                7 => "panicked".to_owned(),
                100 => "invalid-utf8".to_owned(),
                _ => (i % 5).to_string(),
            };
            assert_eq!(summary, &expected, "file {i} with {threads} threads");
        }
    }
}

#[test]
fn human_sizes() {
    assert_eq!(human_size(0), "0 B");
    assert_eq!(human_size(16 << 20), "16 MiB");
    assert_eq!(human_size(1536), "1.5 KiB");
    assert_eq!(human_size(100 * 1000 * 1000), "95.4 MiB");
}
