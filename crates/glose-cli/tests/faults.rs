//! `glose annotate` when the world misbehaves: a full disk, an output it may not write,
//! hostile file names and links. Nothing already written is lost or left truncated, and
//! the error names what could not be written.
//!
//! A full disk is a 256 KiB tmpfs mounted in a private mount namespace (`unshare -rm`);
//! missing permissions are those of user `nobody` (`setpriv`) when the tests run as root.
//! Where the machine allows neither, those tests say so and pass without checking.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{GLOSE, assert_success, command, files, glose_in, stderr};
use glose_tests::example_texts;

/// A corpus of `n` articles made from the example articles, in a folder everyone can
/// read.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = example_texts();
    let c = dir.path().join("c");
    std::fs::create_dir(&c).unwrap();
    for i in 0..n {
        std::fs::write(c.join(format!("{i:04}.txt")), &examples[i % examples.len()]).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_a_clear_error() {
    let dir = corpus(3);
    let out = command()
        .current_dir(dir.path())
        .args(["annotate", "c"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error: cannot write to standard output: No space left on device"),
        "{}",
        stderr(&out)
    );
}

/// Runs `script` with `sh` as root of a private mount namespace, where `$1` is the
/// glose executable and `$2` the folder of the corpus; `None` if the machine cannot.
fn in_namespace(dir: &Path, script: &str) -> Option<Output> {
    let probe = Command::new("unshare")
        .args(["-rm", "true"])
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    Some(
        Command::new("unshare")
            .args(["-rm", "sh", "-c", script, "sh"])
            .arg(GLOSE)
            .arg(dir)
            .output()
            .unwrap(),
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_whole_outputs_and_the_run_resumes_when_there_is_room() {
    let dir = corpus(120);
    let reference = dir.path().join("reference");
    let out = glose_in(
        dir.path(),
        &["annotate", "c", "--out", "reference/", "-j", "2"],
    );
    assert_success(&out);
    // In the namespace: a 256 KiB disk, a run that fills it, a copy of what it left,
    // more room, the run resumed, a copy of the result.
    let script = r#"
        set -u
        glose="$1"; dir="$2"; mnt="$dir/mnt"
        cd "$dir" || exit 92
        mkdir -p "$mnt" "$dir/after-full" "$dir/after-resume"
        mount -t tmpfs -o size=256k tmpfs "$mnt" || exit 90
        "$glose" annotate c --out "$mnt/out/" -j 2 2> "$dir/full.err"
        echo $? > "$dir/full.status"
        cp -a "$mnt/out/." "$dir/after-full/"
        mount -o remount,size=16m "$mnt" || exit 91
        "$glose" annotate c --out "$mnt/out/" --resume -j 2 2> "$dir/resume.err"
        echo $? > "$dir/resume.status"
        cp -a "$mnt/out/." "$dir/after-resume/"
    "#;
    let Some(run) = in_namespace(dir.path(), script) else {
        eprintln!("no private mount namespace here (unshare -rm): full-disk check skipped");
        return;
    };
    if run.status.code() == Some(90) {
        eprintln!("tmpfs cannot be mounted here: full-disk check skipped");
        return;
    }
    assert_success(&run);
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    // The full disk: status 2 and a message naming the output that failed.
    assert_eq!(read("full.status").trim(), "2", "{}", read("full.err"));
    let err = read("full.err");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("error: cannot write"), "{err}");
    // What it left: whole outputs only, each the same as in the reference; no
    // temporary file.
    let reference_files: std::collections::HashMap<String, Vec<u8>> =
        files(&reference).into_iter().collect();
    let left = files(&dir.path().join("after-full"));
    let outputs: Vec<&(String, Vec<u8>)> =
        left.iter().filter(|(n, _)| n.ends_with(".json")).collect();
    assert!(
        !outputs.is_empty() && outputs.len() < 120,
        "{}",
        outputs.len()
    );
    for (name, bytes) in &outputs {
        assert!(
            reference_files.get(name) == Some(bytes),
            "{name} is not whole: {}",
            String::from_utf8_lossy(bytes)
        );
    }
    assert!(
        !left.iter().any(|(n, _)| n.ends_with(".glose-tmp")),
        "temporary files left: {:?}",
        left.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    // With room again, --resume ends with the outputs of a run that never failed.
    assert_eq!(read("resume.status").trim(), "0", "{}", read("resume.err"));
    let resumed = files(&dir.path().join("after-resume"));
    let outputs = |files: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|(n, _)| n.ends_with(".json"))
            .cloned()
            .collect()
    };
    let (resumed, reference) = (outputs(&resumed), outputs(&files(&reference)));
    assert_eq!(resumed.len(), reference.len());
    assert!(
        resumed == reference,
        "the resumed outputs differ from the reference"
    );
}

/// Whether the tests run as root (who may write anywhere).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}

/// Runs glose as user `nobody` when running as root; as is, otherwise. `None` if it
/// cannot drop the rights.
#[cfg(unix)]
fn without_rights(dir: &Path, args: &[&str]) -> Option<Output> {
    let root = is_root();
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(GLOSE);
        c
    } else {
        command()
    };
    let out = command.current_dir(dir).args(args).output().ok()?;
    if root && stderr(&out).contains("setpriv:") {
        return None;
    }
    Some(out)
}

#[cfg(unix)]
#[test]
fn an_output_glose_may_not_write_is_a_clear_error_and_nothing_is_lost() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus(4);
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("previous.jsonl"), "kept\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let Some(out) = without_rights(
        dir.path(),
        &["annotate", "c", "--out", "locked/previous.jsonl"],
    ) else {
        eprintln!("cannot run glose without write rights here (setpriv): skipped");
        return;
    };
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot create") && stderr(&out).contains("Permission denied"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(locked.join("previous.jsonl")).unwrap(),
        "kept\n"
    );
    let out = without_rights(dir.path(), &["annotate", "c", "--out", "locked/run/"]).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot create the folder") && stderr(&out).contains("locked/run"),
        "{}",
        stderr(&out)
    );
    // A folder that exists but may not be written into.
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(locked.join("ro")).unwrap();
    std::fs::set_permissions(locked.join("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = without_rights(dir.path(), &["annotate", "c", "--out", "locked/ro"]).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("locked/ro"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(locked.join("ro")).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn hostile_names_links_and_sizes_in_a_corpus() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir_all(c.join("sub")).unwrap();
    let odd: [&[u8]; 4] = [
        b"non-utf8 \xff\xfe.txt",
        b"line\nbreak \"quoted\".txt",
        "espace insécable\u{a0}et 😀.txt".as_bytes(),
        b"-starts-with-dash.txt",
    ];
    for name in odd {
        std::fs::write(
            c.join(std::ffi::OsStr::from_bytes(name)),
            "Les FDS à Raqqa.",
        )
        .unwrap();
    }
    // A link loop, a dangling link, a 200 MB file (sparse), a FIFO that would block a
    // reader forever.
    std::os::unix::fs::symlink("..", c.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", c.join("dangling.txt")).unwrap();
    std::fs::File::create(c.join("huge.txt"))
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let fifo = c.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let out = glose_in(dir.path(), &["annotate", "c"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    for line in &lines {
        assert_eq!(line["annotations"].as_array().unwrap().len(), 2, "{line}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l["path"] == "c/line\nbreak \"quoted\".txt")
    );
    assert!(err.contains("sub/loop: warning[unreadable]"), "{err}");
    assert!(err.contains("dangling.txt: warning[unreadable]"), "{err}");
    assert!(err.contains("huge.txt: warning[too-large]"), "{err}");
    if made.is_ok_and(|s| s.success()) {
        assert!(
            err.contains("pipe.txt: warning[unreadable]: not a regular file"),
            "{err}"
        );
        let out = glose_in(dir.path(), &["annotate", "c/pipe.txt"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

#[cfg(unix)]
#[test]
fn an_article_glose_may_not_read_is_an_error_and_the_others_are_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus(3);
    let secret = dir.path().join("c/0001.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some(out) = without_rights(dir.path(), &["annotate", "c"]) else {
        eprintln!("cannot run glose without read rights here (setpriv): skipped");
        return;
    };
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0001.txt: error[unreadable]: cannot read: Permission denied"),
        "{}",
        stderr(&out)
    );
    let paths: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string())
        .collect();
    assert_eq!(paths, ["\"c/0000.txt\"", "\"c/0002.txt\""]);
}
