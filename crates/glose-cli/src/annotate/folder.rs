//! `--out FOLDER`: one output per document, mirroring the corpus's tree, each written to
//! a temporary file and renamed into place, so that no output is ever truncated.
//!
//! The folder keeps a manifest (`.glose-run.jsonl`): one line per document written,
//! with the digest of its text and the digest of the run (glose's version, the format
//! and options, the taggers, their data and what they learned from the corpus). With
//! `--resume`, a document whose text and run are those of the manifest, and whose
//! output is there, is not annotated again: a run killed and started again ends with
//! the same outputs as one that was not interrupted, and a corpus run again after a few
//! articles changed only annotates those (unless what the corpus teaches changed too).

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::Format;

/// The manifest's name in the output folder.
pub(crate) const MANIFEST: &str = ".glose-run.jsonl";

/// The ending of temporary files, removed when a run starts.
use glose_core::atomic::TMP_SUFFIX;

#[derive(Debug, Serialize, Deserialize)]
struct Line {
    doc: String,
    source: String,
    run: String,
}

/// An output folder being written.
pub(crate) struct Folder {
    dir: PathBuf,
    format: Format,
    run: String,
    done: HashMap<String, String>,
    manifest: BufWriter<File>,
}

/// The files a document's outputs go to, relative to the folder: `a/b.txt` gives
/// `a/b.json`, `a/b.conll`, `a/b.jsonld`, `a/b.csv`, or `a/b.txt` and `a/b.ann` for
/// brat.
pub(crate) fn outputs(rel: &str, format: Format) -> Vec<String> {
    let stem = rel.strip_suffix(".txt").unwrap_or(rel);
    match format {
        Format::Jsonl => vec![format!("{stem}.json")],
        Format::Conll => vec![format!("{stem}.conll")],
        Format::Webanno => vec![format!("{stem}.jsonld")],
        Format::Quotes => vec![format!("{stem}.quotes.csv")],
        Format::Csv => vec![format!("{stem}.csv")],
        // Refused before a folder is opened: one file holds the whole corpus.
        Format::Parquet => vec![format!("{stem}.parquet")],
        Format::Brat => vec![format!("{stem}.txt"), format!("{stem}.ann")],
        Format::Pretty => vec![format!("{stem}.pretty.txt")],
    }
}

/// Whether the file is empty or ends with a line break (reading only its last byte).
fn ends_with_newline(path: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = File::open(path) else {
        return true;
    };
    if file.seek(SeekFrom::End(-1)).is_err() {
        return true; // empty
    }
    let mut last = [0u8];
    file.read_exact(&mut last).is_err() || last[0] == b'\n'
}

/// Removes the temporary files an interrupted run left.
fn remove_stale(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() && entry.file_name().to_string_lossy().ends_with(TMP_SUFFIX)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Folder {
    /// Opens `dir` for a run whose digest is `run`; with `resume`, what the manifest
    /// says is done is kept.
    pub(crate) fn open(
        dir: &Path,
        format: Format,
        run: String,
        resume: bool,
    ) -> anyhow::Result<Folder> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        remove_stale(dir);
        let path = dir.join(MANIFEST);
        let mut done = HashMap::new();
        if resume && let Ok(file) = File::open(&path) {
            // A line cut short by a crash is not valid JSON: ignored.
            for line in io::BufReader::new(file).lines().map_while(Result::ok) {
                if let Ok(l) = serde_json::from_str::<Line>(&line)
                    && l.run == run
                {
                    done.insert(l.doc, l.source);
                } else if let Ok(l) = serde_json::from_str::<Line>(&line) {
                    // Written by another run: no longer done.
                    done.remove(&l.doc);
                }
            }
        }
        let file = if resume {
            OpenOptions::new().create(true).append(true).open(&path)
        } else {
            File::create(&path)
        }
        .with_context(|| format!("cannot write {}", path.display()))?;
        // A line cut short by a crash: the next one starts on a line of its own.
        let mut manifest = BufWriter::new(file);
        if resume && !ends_with_newline(&path) {
            manifest
                .write_all(b"\n")
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(Folder {
            dir: dir.to_owned(),
            format,
            run,
            done,
            manifest,
        })
    }

    /// Whether the document `rel`, whose text has the digest `source`, is already done.
    pub(crate) fn is_done(&self, rel: &str, source: &str) -> bool {
        self.done.get(rel).is_some_and(|s| s == source)
            && outputs(rel, self.format)
                .iter()
                .all(|o| self.dir.join(o).is_file())
    }

    /// Writes the outputs of a document (in the order of [`outputs`]), each through a
    /// temporary file, then records it in the manifest.
    pub(crate) fn write(
        &mut self,
        rel: &str,
        source: &str,
        contents: &[Vec<u8>],
    ) -> io::Result<()> {
        for (name, bytes) in outputs(rel, self.format).iter().zip(contents) {
            let target = self.dir.join(name);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            glose_core::atomic::write(&target, bytes)?;
        }
        let line = Line {
            doc: rel.to_owned(),
            source: source.to_owned(),
            run: self.run.clone(),
        };
        serde_json::to_writer(&mut self.manifest, &line)?;
        self.manifest.write_all(b"\n")?;
        self.manifest.flush()
    }

    /// Ends the run: the manifest is synced to disk; for brat, `annotation.conf` is
    /// written from every `.ann` file of the folder.
    pub(crate) fn finish(mut self) -> anyhow::Result<()> {
        self.manifest.flush()?;
        self.manifest.get_ref().sync_all()?;
        if self.format == Format::Brat {
            let anns: Vec<String> = walkdir::WalkDir::new(&self.dir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
                .filter(|e| {
                    e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ann")
                })
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect();
            let conf = glose_formats::brat::annotation_conf(anns.iter().map(String::as_str));
            let target = self.dir.join("annotation.conf");
            glose_core::atomic::write(&target, conf.as_bytes())
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        Ok(())
    }
}
