//! Files written whole or not at all.
//!
//! Every file glose writes for a user (an output, a report, a model, the trust store)
//! goes through [`AtomicFile`]: the bytes go to a hidden temporary file beside the
//! target, which is synced to disk and then renamed over it. A reader sees the old file
//! or the new one, never half of one; a failure (full disk, a killed process, an error
//! before [`AtomicFile::commit`]) leaves the previous file as it was and removes the
//! temporary one. Temporary files end with [`TMP_SUFFIX`], so that a run that was
//! killed before it could clean up can be cleaned up after.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The suffix of every temporary file glose writes (`.NAME.PID.glose-tmp`).
pub const TMP_SUFFIX: &str = ".glose-tmp";

/// A file being written beside its target, renamed over it by [`AtomicFile::commit`].
/// Dropped without a commit, it removes its temporary file.
#[derive(Debug)]
pub struct AtomicFile {
    tmp: PathBuf,
    target: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `target` (its folder must exist).
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let name = target.file_name().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a file name", target.display()),
            )
        })?;
        let mut tmp_name = OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}{TMP_SUFFIX}", std::process::id()));
        let tmp = target.with_file_name(tmp_name);
        let file = File::create(&tmp)?;
        Ok(AtomicFile {
            tmp,
            target: target.to_owned(),
            file: Some(BufWriter::new(file)),
        })
    }

    /// The file this one replaces when committed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Syncs the bytes written to disk and renames the file over its target.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("an uncommitted file is open");
        let written = file
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&self.tmp, &self.target));
        if written.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        written
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file
            .as_mut()
            .expect("an uncommitted file is open")
            .write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file
            .as_mut()
            .expect("an uncommitted file is open")
            .write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file
            .as_mut()
            .expect("an uncommitted file is open")
            .flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` as the whole of `target`, atomically.
pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(target)?;
    file.write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A new folder holding `name`, written with `old`: the folder, and the file's path.
    fn folder_with(name: &str, old: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join(name);
        std::fs::write(&target, old).unwrap();
        (dir, target)
    }

    #[test]
    fn a_commit_replaces_the_file_and_leaves_no_temporary_file() {
        let (dir, target) = folder_with("out.jsonl", "old\n");
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"new\n").unwrap();
        // Before the commit, the old file is whole.
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
        let tmp: Vec<_> = names(dir.path());
        assert!(
            tmp.iter()
                .any(|n| n.ends_with(TMP_SUFFIX) && n.starts_with(".out.jsonl."))
        );
        file.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(names(dir.path()), ["out.jsonl"]);
    }

    #[test]
    fn a_file_dropped_without_commit_leaves_the_old_one() {
        let (dir, target) = folder_with("report.html", "old");
        {
            let mut file = AtomicFile::create(&target).unwrap();
            file.write_all(b"half of a new").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(names(dir.path()), ["report.html"]);
    }

    #[test]
    fn errors_name_no_temporary_file_and_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // A folder in the way of the rename.
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), "x").unwrap();
        assert!(write(&target, b"bytes").is_err());
        assert_eq!(names(dir.path()), ["taken"]);
        // No folder to write in.
        assert!(write(&dir.path().join("missing/out.txt"), b"bytes").is_err());
        // No file name.
        assert!(AtomicFile::create(Path::new("/")).is_err());
    }
}
