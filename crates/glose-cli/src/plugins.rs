//! `glose plugins`: the taggers in use, where they come from and what they tag.

use std::io::Write;

use clap::Args;
use serde_json::json;

use crate::setup::{Origin, Setup};
use crate::{CorpusArgs, Status};

#[derive(Args, Debug)]
pub(crate) struct PluginsArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: PluginsArgs) -> anyhow::Result<Status> {
    let setup = Setup::new(&args.corpus)?;
    let failed = setup.report_problems();
    let mut rows = Vec::new();
    for tagger in setup.pipeline.taggers() {
        let origin = setup
            .origins
            .iter()
            .find(|(name, _)| name == tagger.name())
            .map_or(Origin::BuiltIn, |(_, o)| o.clone());
        let (mode, abi, library) = match origin {
            Origin::BuiltIn => ("built-in".to_owned(), None, None),
            Origin::Plugin { path, mode, abi } => (
                mode.as_str().to_owned(),
                Some(abi),
                Some(path.display().to_string()),
            ),
        };
        let labels = |l: &[glose_core::Label]| l.iter().map(|l| l.as_str()).collect::<Vec<_>>();
        rows.push(json!({
            "name": tagger.name(),
            "version": tagger.version(),
            "mode": mode,
            "abi": abi.map(|(major, minor)| format!("{major}.{minor}")),
            "requires": labels(tagger.requires()),
            "provides": labels(tagger.provides()),
            "library": library,
            "description": tagger.description(),
        }));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
    } else {
        writeln!(
            out,
            "{:<14} {:<9} {:<11} {:<5} LABELS",
            "NAME", "VERSION", "MODE", "ABI"
        )?;
        for row in &rows {
            let list = |key: &str| {
                row[key]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default()
            };
            let mut labels = format!("provides {}", list("provides"));
            if !list("requires").is_empty() {
                labels.push_str(&format!("; requires {}", list("requires")));
            }
            writeln!(
                out,
                "{:<14} {:<9} {:<11} {:<5} {labels}",
                row["name"].as_str().unwrap_or(""),
                row["version"].as_str().unwrap_or(""),
                row["mode"].as_str().unwrap_or(""),
                row["abi"].as_str().unwrap_or("-"),
            )?;
            if let Some(library) = row["library"].as_str() {
                writeln!(out, "{:<14} {library}", "")?;
            }
        }
    }
    Ok(if failed { Status::Failed } else { Status::Ok })
}
