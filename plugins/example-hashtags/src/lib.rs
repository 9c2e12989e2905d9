//! An example plugin: tags social-media `#hashtags` as `HASHTAG` and `@handles` as
//! `HANDLE`, as quoted in news articles. The tutorial in `docs/plugins.md` builds a
//! plugin like this one, step by step.
//!
//! Configuration (`config` table of the `[[plugin]]` entry in `glose.toml`):
//! - `min_len` (default 2): the shortest tag or handle tagged, `#` or `@` excluded.

use glose_sdk::{Annotation, DocumentView, Label, Plugin, TagError, TagOutput, Tagger};

const HASHTAG: Label = Label::from_static("HASHTAG");
const HANDLE: Label = Label::from_static("HANDLE");

/// The plugin's configuration.
#[derive(Debug, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub min_len: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { min_len: 2 }
    }
}

/// Tags `#hashtags` and `@handles`.
#[derive(Debug)]
pub struct Hashtags {
    min_len: usize,
}

impl Tagger for Hashtags {
    glose_sdk::tagger_identity!(provides: [HASHTAG, HANDLE]);

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let text = doc.text();
        let mut out = TagOutput::new();
        let mut previous = ' ';
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            // A tag starts after a space or punctuation, never inside a word or an e-mail.
            let label = match c {
                '#' if !previous.is_alphanumeric() => Some(HASHTAG),
                '@' if !previous.is_alphanumeric() => Some(HANDLE),
                _ => None,
            };
            previous = c;
            let Some(label) = label else { continue };
            let mut end = start + 1;
            let mut len = 0;
            while let Some(&(i, c)) = chars.peek() {
                if !(c.is_alphanumeric() || c == '_') {
                    break;
                }
                end = i + c.len_utf8();
                len += 1;
                previous = c;
                chars.next();
            }
            if len >= self.min_len {
                out.annotations.push(Annotation::new(start..end, label));
            }
        }
        Ok(out)
    }
}

impl Plugin for Hashtags {
    type Config = Config;
    const NAME: &'static str = "hashtags";
    const DESCRIPTION: &'static str = "Tags #hashtags and @handles quoted from social media.";

    fn new(config: Config) -> Result<Self, String> {
        if config.min_len == 0 {
            return Err("min_len must be at least 1".into());
        }
        Ok(Hashtags {
            min_len: config.min_len,
        })
    }
}

glose_sdk::export_tagger!(Hashtags);

#[cfg(test)]
mod tests {
    use glose_sdk::testing::{check_fixtures, tag_text};

    use super::*;

    /// `tests/fixtures/*.txt`: texts with the tags the plugin must find written in them.
    #[test]
    fn fixtures() {
        check_fixtures(&Hashtags::new(Config::default()).unwrap(), "tests/fixtures");
    }

    #[test]
    fn min_len_is_configurable() {
        let tagger = Hashtags::new(Config { min_len: 1 }).unwrap();
        assert_eq!(tag_text(&tagger, "#a et @b").annotations.len(), 2);
    }

    #[test]
    fn rejects_a_zero_length() {
        assert!(Hashtags::new(Config { min_len: 0 }).is_err());
    }
}
