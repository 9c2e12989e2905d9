//! One sense per corpus: names typed by strong evidence in one article lend their type
//! to their mentions in the others.

use foldhash::HashMap;
use std::sync::RwLock;

use glose_core::Label;

const LABELS: [Label; 3] = Label::NAMES;

/// Votes, per folded name, for each type, from the articles observed.
#[derive(Debug, Default)]
pub struct Memory {
    votes: RwLock<HashMap<String, [u32; 3]>>,
}

impl Memory {
    /// Records names typed by strong evidence (called for every article of the corpus
    /// before tagging; may be called from several threads).
    pub fn learn<'a>(&self, names: impl IntoIterator<Item = (&'a str, Label)>) {
        let names: Vec<(&str, usize)> = names
            .into_iter()
            .filter_map(|(k, l)| Some((k, LABELS.iter().position(|&x| x == l)?)))
            .collect();
        if names.is_empty() {
            return;
        }
        let mut votes = self.votes.write().unwrap_or_else(|p| p.into_inner());
        for (k, i) in names {
            votes.entry(k.to_owned()).or_default()[i] += 1;
        }
    }

    /// The type the corpus gives a name: the one with the most votes, if no other ties.
    pub fn recall(&self, key: &str) -> Option<Label> {
        let votes = self.votes.read().unwrap_or_else(|p| p.into_inner());
        let v = votes.get(key)?;
        let best = (0..3).max_by_key(|&i| v[i])?;
        let tied = (0..3).filter(|&i| v[i] == v[best]).count() > 1;
        (v[best] > 0 && !tied).then_some(LABELS[best])
    }

    /// A stable digest of the votes.
    pub fn digest(&self, digest: &mut glose_core::digest::Digest) {
        let votes = self.votes.read().unwrap_or_else(|p| p.into_inner());
        let mut entries: Vec<(&String, &[u32; 3])> = votes.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        digest.u64(entries.len() as u64);
        for (name, v) in entries {
            digest.str(name);
            for &n in v {
                digest.u64(u64::from(n));
            }
        }
    }

    /// Number of names remembered.
    pub fn len(&self) -> usize {
        self.votes.read().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets everything (before observing a corpus again).
    pub fn clear(&self) {
        self.votes
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}
