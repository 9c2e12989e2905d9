//! A plugin that misbehaves on purpose, as its configuration says, to test that glose
//! contains every kind of plugin fault.
//!
//! Configuration: `{"mode": MODE, "trigger": WORD}`. The fault happens on documents that
//! contain `trigger` (default: every document); on others, the plugin tags every `x` as
//! `FAULTY`. Modes: `ok`, `panic`, `segfault`, `abort`, `loop`, `print` (writes to stdout,
//! then tags normally), `bad-spans`, `undeclared-label`, `huge` (a million annotations),
//! `fail` (returns an error), `slow` (sleeps 300 ms, then tags normally).

// Deliberately unsound: the `segfault` mode must really crash.
#![allow(unsafe_code)]
#![allow(clippy::print_stdout)]

use glose_sdk::{Annotation, DocumentView, Label, Plugin, TagError, TagOutput, Tagger};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Config {
    mode: String,
    trigger: String,
}

#[derive(Debug)]
pub struct Faulty {
    config: Config,
}

const FAULTY: Label = Label::from_static("FAULTY");

impl Tagger for Faulty {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &str {
        Self::DESCRIPTION
    }

    fn provides(&self) -> &[Label] {
        &[FAULTY]
    }

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let text = doc.text();
        let mut out = TagOutput::new();
        if text.contains(self.config.trigger.as_str()) {
            match self.config.mode.as_str() {
                "panic" => panic!("faulty plugin panics on purpose"),
                // SAFETY: none; crashing is the point of this mode.
                "segfault" => unsafe { std::ptr::null_mut::<u8>().write_volatile(1) },
                "abort" => std::process::abort(),
                "loop" => loop {
                    std::hint::spin_loop();
                },
                "print" => println!("faulty plugin writes to stdout"),
                "fail" => return Err(TagError::Failed("faulty plugin fails on purpose".into())),
                "slow" => std::thread::sleep(std::time::Duration::from_millis(300)),
                "bad-spans" => {
                    out.annotations
                        .push(Annotation::new(text.len()..text.len() + 10, FAULTY));
                    out.annotations
                        .push(Annotation::new(glose_sdk::Span::new(5, 2), FAULTY));
                    if let Some((i, c)) = text.char_indices().find(|(_, c)| c.len_utf8() > 1) {
                        out.annotations
                            .push(Annotation::new(i + 1..i + c.len_utf8(), FAULTY));
                    }
                }
                "undeclared-label" => out.annotations.push(Annotation::new(0..1, Label::PER)),
                "huge" => {
                    let len = text.len().max(1);
                    out.annotations.extend(
                        (0..1_000_000).map(|i| Annotation::new(i % len..i % len + 1, FAULTY)),
                    );
                    return Ok(out);
                }
                _ => {}
            }
        }
        for (i, _) in text.match_indices('x') {
            out.annotations.push(Annotation::new(i..i + 1, FAULTY));
        }
        Ok(out)
    }
}

impl Plugin for Faulty {
    type Config = Config;
    const NAME: &'static str = "faulty";
    const DESCRIPTION: &'static str = "Misbehaves on purpose, to test fault containment.";

    fn new(config: Config) -> Result<Self, String> {
        if config.mode == "refuse" {
            return Err("faulty plugin refuses this configuration".into());
        }
        Ok(Faulty { config })
    }
}

glose_sdk::export_tagger!(Faulty);
