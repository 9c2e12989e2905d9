//! One sense per corpus: names typed by strong evidence in one article lend their type
//! to their mentions in the others.

use foldhash::HashMap;
use std::sync::RwLock;

use glose_core::{Label, Tally};

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
            let v = &mut votes.entry(k.to_owned()).or_default()[i];
            *v = v.saturating_add(1);
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

    /// The votes, as counts of each type per folded name.
    pub fn tally(&self) -> Tally {
        let votes = self.votes.read().unwrap_or_else(|p| p.into_inner());
        let mut tally = Tally::new();
        for (name, v) in votes.iter() {
            for (label, &n) in LABELS.iter().zip(v) {
                tally.add(name, label.as_str(), u64::from(n));
            }
        }
        tally
    }

    /// Replaces the votes with those of `tally` (made by [`Memory::tally`]).
    pub fn load(&self, tally: &Tally) -> Result<(), String> {
        let mut votes = HashMap::default();
        for (name, counts) in tally.iter() {
            let mut v = [0u32; 3];
            for (label, n) in counts.iter() {
                let i = LABELS
                    .iter()
                    .position(|l| l.as_str() == label)
                    .ok_or_else(|| format!("`{label}` (for «{name}») is not a name type"))?;
                v[i] = u32::try_from(n).unwrap_or(u32::MAX);
            }
            votes.insert(name.to_owned(), v);
        }
        *self.votes.write().unwrap_or_else(|p| p.into_inner()) = votes;
        Ok(())
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
