//! What the report shows, gathered from the resolved layer of each article in file
//! order, then summarised. Every list is sorted with a complete tie-break, so the
//! report depends only on the corpus, never on hash order or thread timing.

use std::collections::{BTreeMap, HashMap};

use glose_core::corpus::{CorpusIndex, DocMentions, Mention};
use glose_core::{Annotation, Document, EntityId, KnowledgeBase, Label, YearMonth};

use super::layout;

/// The entity types that get a chart and a colour of their own; other entity labels
/// (`MISC`, a plugin's) share one.
pub(crate) const MAIN_TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// How much the report shows. The default is what `glose report` shows without options.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Rows of each bar chart (15).
    pub top: usize,
    /// Entities in the co-occurrence network, the most mentioned (60; 0: no network).
    pub network: usize,
    /// Edges in the network at most, the strongest (150); each name keeps its two
    /// strongest links whatever the limit.
    pub edges: usize,
    /// Entities with a small timeline of their own, the most mentioned (6).
    pub multiples: usize,
    /// Speakers listed with their quotes, the most quoted (25; 0: only the figures).
    pub speakers: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            top: 15,
            network: 60,
            edges: 150,
            multiples: 6,
            speakers: 25,
        }
    }
}

/// The timeline switches from months to years past this many months.
const MAX_MONTHS: usize = 240;

/// Years shown in the chart of the dates the articles mention.
const DATE_YEARS: usize = 40;

/// Mentions in the articles of one period.
#[derive(Clone, Debug, Default)]
struct PeriodAcc {
    articles: usize,
    /// Entity mentions by type (the three main types, then the others).
    by_type: [usize; 4],
}

/// A row of a bar chart of names: counted quantity nouns, descriptions of anonymous
/// sources.
#[derive(Debug, Default)]
struct CountAcc {
    count: usize,
    articles: usize,
    last_doc: usize,
    forms: HashMap<String, usize>,
}

impl CountAcc {
    fn add(&mut self, doc: usize, form: &str) {
        if self.count == 0 || self.last_doc != doc {
            self.articles += 1;
        }
        self.count += 1;
        self.last_doc = doc;
        *self.forms.entry(form.to_owned()).or_default() += 1;
    }
}

/// Quotes kept for the page of each speaker (the first in corpus order); the page counts
/// the others.
pub(crate) const QUOTES_KEPT: usize = 20;

/// Characters of a quote shown at most (longer ones are cut with `…`).
const QUOTE_CHARS: usize = 400;

/// One quote as the page shows it.
#[derive(Clone, Debug)]
pub(crate) struct Quote {
    /// The quoted words with their quotation marks, white space collapsed, cut at
    /// `QUOTE_CHARS` characters.
    pub(crate) text: String,
    /// The reporting verb as written (`a déclaré`, `selon`).
    pub(crate) verb: Option<String>,
    /// The article's path, as the corpus pass names it.
    pub(crate) path: String,
    pub(crate) date: Option<YearMonth>,
}

impl Quote {
    fn new(text: &str, verb: Option<&str>, document: &Document) -> Quote {
        let mut shown = String::with_capacity(text.len().min(QUOTE_CHARS * 2));
        let mut chars = 0;
        for word in text.split_whitespace() {
            if chars > 0 {
                shown.push(' ');
                chars += 1;
            }
            for c in word.chars() {
                if chars == QUOTE_CHARS {
                    shown.push('…');
                    return Quote::with(shown, verb, document);
                }
                shown.push(c);
                chars += 1;
            }
        }
        Quote::with(shown, verb, document)
    }

    fn with(text: String, verb: Option<&str>, document: &Document) -> Quote {
        Quote {
            text,
            verb: verb.map(str::to_owned),
            path: document.path().to_owned(),
            date: document.meta().date,
        }
    }
}

/// The quotes of one speaker: counts, spellings, the first quotes.
#[derive(Debug, Default)]
struct SpeakerAcc {
    counts: CountAcc,
    entity: Option<String>,
    quotes: Vec<Quote>,
}

/// Collects what the report needs, one article at a time, in corpus order: the order of
/// the articles decides the order of the quotes shown and the ties between equal counts,
/// nothing else.
#[derive(Debug, Default)]
pub struct Gatherer {
    /// The names of the articles (what `glose_core` counts as an entity: plugins'
    /// labels included).
    index: CorpusIndex,
    articles: usize,
    dated: BTreeMap<YearMonth, PeriodAcc>,
    undated: PeriodAcc,
    labels: BTreeMap<Label, usize>,
    date_years: BTreeMap<i32, usize>,
    dates_total: usize,
    nouns: BTreeMap<String, CountAcc>,
    quantities_total: usize,
    /// Named speakers by key: `=` and the entity id when the quote tagger links the
    /// speaker, else `~` and the speaker's name in lower case.
    speakers: BTreeMap<String, SpeakerAcc>,
    /// Anonymous sources by their description in lower case (`""`: none).
    anonymous: BTreeMap<String, CountAcc>,
    quotes_total: usize,
    named_quotes: usize,
    anonymous_quotes: usize,
    unattributed_quotes: usize,
    skipped: usize,
    failed: usize,
}

fn type_slot(label: Label) -> usize {
    MAIN_TYPES
        .iter()
        .position(|t| *t == label.as_str())
        .unwrap_or(3)
}

impl Gatherer {
    /// Adds one article and its annotations: the resolved layer (what `glose annotate`
    /// writes), in the order of the article. Articles are told apart by their path, as in
    /// the corpus index: the names of an article added again under the same path replace
    /// the earlier ones.
    pub fn add<'a>(
        &mut self,
        document: &Document,
        annotations: impl IntoIterator<Item = &'a Annotation>,
    ) {
        let doc = self.articles;
        self.articles += 1;
        let date = document.meta().date;
        let text = document.text();
        let mut period = PeriodAcc {
            articles: 1,
            ..PeriodAcc::default()
        };
        let mut names = DocMentions {
            path: document.path().into(),
            date,
            mentions: Vec::new(),
        };
        for a in annotations {
            *self.labels.entry(a.label).or_default() += 1;
            if let Some(mention) = Mention::of(a, text) {
                period.by_type[type_slot(a.label)] += 1;
                names.mentions.push(mention);
            } else if a.label == Label::DATE {
                self.dates_total += 1;
                let year = a
                    .attrs
                    .get(glose_core::date::VALUE)
                    .and_then(|v| v.as_str())
                    .and_then(|v| v.get(..4))
                    .and_then(|y| y.parse::<i32>().ok());
                if let Some(year) = year {
                    *self.date_years.entry(year).or_default() += 1;
                }
            } else if a.label == Label::QUANTITY {
                self.quantities_total += 1;
                let noun = a
                    .attrs
                    .get(glose_core::quantity::NOUN)
                    .or_else(|| a.attrs.get(glose_core::quantity::UNIT))
                    .and_then(|v| v.as_str());
                if let Some(noun) = noun {
                    self.nouns
                        .entry(noun.to_lowercase())
                        .or_default()
                        .add(doc, noun);
                }
            } else if a.label == Label::QUOTE {
                self.add_quote(doc, document, a);
            }
        }
        self.index.insert(names);
        let slot = match date {
            Some(date) => self.dated.entry(date).or_default(),
            None => &mut self.undated,
        };
        slot.articles += period.articles;
        for (total, n) in slot.by_type.iter_mut().zip(period.by_type) {
            *total += n;
        }
    }

    fn add_quote(&mut self, doc: usize, document: &Document, a: &Annotation) {
        self.quotes_total += 1;
        let q = glose_core::quote::QuoteView::attrs_of(a);
        let anonymous = q.anonymous;
        let speaker = q.speaker.map(str::trim);
        let entity = q.speaker_entity.map(str::trim);
        if anonymous {
            self.anonymous_quotes += 1;
            let description = speaker.unwrap_or("");
            self.anonymous
                .entry(description.to_lowercase())
                .or_default()
                .add(doc, description);
            return;
        }
        let (key, form) = match (entity, speaker) {
            (Some(id), form) => (format!("={id}"), form.unwrap_or(id)),
            (None, Some(form)) => (format!("~{}", form.to_lowercase()), form),
            (None, None) => {
                self.unattributed_quotes += 1;
                return;
            }
        };
        self.named_quotes += 1;
        let acc = self.speakers.entry(key).or_default();
        acc.counts.add(doc, form);
        if acc.entity.is_none() {
            acc.entity = entity.map(str::to_owned);
        }
        if acc.quotes.len() < QUOTES_KEPT {
            let text = a.text(document.text());
            acc.quotes
                .push(Quote::new(text, q.verb.map(str::trim), document));
        }
    }

    /// Counts a file left out as not an article (binary, too large): the page's header
    /// says how many were skipped.
    pub fn add_skipped(&mut self) {
        self.skipped += 1;
    }

    /// Counts a file that could not be read or annotated: the page's header says how many
    /// were unreadable.
    pub fn add_failed(&mut self) {
        self.failed += 1;
    }

    /// Summarises what was gathered into the report titled `title`. Entities linked to
    /// `kb` get its name, type, description and Wikidata id.
    pub fn finish(mut self, title: String, kb: &KnowledgeBase, limits: Limits) -> Report {
        let entities: Vec<EntityRow> = self
            .index
            .entities()
            .map(|(id, _)| entity_row(&self.index, id, kb))
            .collect();
        // Most mentioned first, then in more articles, then by id.
        let mut ranked: Vec<usize> = (0..entities.len()).collect();
        ranked.sort_by(|&a, &b| {
            let (ea, eb) = (&entities[a], &entities[b]);
            eb.mentions
                .cmp(&ea.mentions)
                .then(eb.articles.cmp(&ea.articles))
                .then_with(|| ea.id.cmp(&eb.id))
        });

        let mut types: Vec<&'static str> = MAIN_TYPES.to_vec();
        let mut others: Vec<&'static str> = entities
            .iter()
            .map(|e| e.label)
            .filter(|l| !MAIN_TYPES.contains(l))
            .collect();
        others.sort_unstable();
        others.dedup();
        types.extend(others);
        let tops = types
            .into_iter()
            .map(|label| {
                let of_type: Vec<usize> = ranked
                    .iter()
                    .copied()
                    .filter(|&i| entities[i].label == label)
                    .collect();
                TypeTop {
                    label,
                    distinct: of_type.len(),
                    mentions: of_type.iter().map(|&i| entities[i].mentions).sum(),
                    rows: of_type
                        .iter()
                        .take(limits.top)
                        .map(|&i| entities[i].clone())
                        .collect(),
                }
            })
            .collect();

        let timeline = self.timeline(&entities, &ranked, limits);
        let network = network(&entities, &ranked, &self.index, limits);
        let quotes = self.quotes(&entities, kb, limits);

        let first = self.dated.keys().next().copied();
        let last = self.dated.keys().next_back().copied();
        let mut labels: Vec<(&'static str, usize)> =
            self.labels.iter().map(|(l, n)| (l.as_str(), *n)).collect();
        labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));

        let mut years: Vec<(i32, usize)> = self.date_years.into_iter().collect();
        years.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        years.truncate(DATE_YEARS);
        years.sort_unstable();

        Report {
            title,
            articles: self.articles,
            dated: self.articles - self.undated.articles,
            undated: self.undated.articles,
            skipped: self.skipped,
            failed: self.failed,
            first,
            last,
            labels,
            distinct_entities: entities.len(),
            tops,
            timeline,
            network,
            dates_total: self.dates_total,
            date_years: years,
            quantities_total: self.quantities_total,
            nouns: count_rows(self.nouns, limits.top, |_, form| (form, None)),
            quotes,
        }
    }

    /// The quotes by speaker, most quoted first.
    fn quotes(&mut self, entities: &[EntityRow], kb: &KnowledgeBase, limits: Limits) -> Quotes {
        let mut speakers: Vec<(String, SpeakerAcc)> =
            std::mem::take(&mut self.speakers).into_iter().collect();
        speakers.sort_by(|a, b| {
            let (ca, cb) = (&a.1.counts, &b.1.counts);
            cb.count
                .cmp(&ca.count)
                .then(cb.articles.cmp(&ca.articles))
                .then_with(|| a.0.cmp(&b.0))
        });
        let distinct_speakers = speakers.len();
        let rows_by_id: HashMap<&str, &EntityRow> =
            entities.iter().map(|e| (e.id.as_str(), e)).collect();
        let rows = speakers
            .into_iter()
            .take(limits.speakers)
            .map(|(key, acc)| {
                // The entity as the charts of names show it (its KB name, else its most
                // frequent spelling in the corpus), else the speaker's own spelling.
                let row = acc
                    .entity
                    .as_deref()
                    .and_then(|id| rows_by_id.get(id).copied());
                let known = acc.entity.as_deref().and_then(|id| kb.get(id));
                let (name, label, wikidata) = match (row, known) {
                    (Some(row), _) => (row.name.clone(), Some(row.label), row.wikidata.clone()),
                    (None, Some(k)) => (k.name.clone(), Some(k.label.as_str()), wikidata(k)),
                    (None, None) => (most_frequent(&acc.counts.forms), None, None),
                };
                Speaker {
                    key,
                    entity: acc.entity,
                    label,
                    name,
                    wikidata,
                    count: acc.counts.count,
                    articles: acc.counts.articles,
                    quotes: acc.quotes,
                }
            })
            .collect();
        let anonymous_distinct = self.anonymous.len();
        Quotes {
            total: self.quotes_total,
            named: self.named_quotes,
            anonymous: self.anonymous_quotes,
            unattributed: self.unattributed_quotes,
            distinct_speakers,
            speakers: rows,
            anonymous_sources: count_rows(
                std::mem::take(&mut self.anonymous),
                ANONYMOUS_SHOWN,
                |_, form| (form, None),
            ),
            anonymous_distinct,
        }
    }

    fn timeline(&self, entities: &[EntityRow], ranked: &[usize], limits: Limits) -> Timeline {
        let (Some(first), Some(last)) = (
            self.dated.keys().next().copied(),
            self.dated.keys().next_back().copied(),
        ) else {
            return Timeline {
                by_year: false,
                periods: Vec::new(),
                undated: period(String::new(), &self.undated),
                multiples: Vec::new(),
            };
        };
        let months = month_number(last) - month_number(first) + 1;
        let by_year = months > MAX_MONTHS;
        let key = |d: YearMonth| {
            if by_year {
                (
                    d.year as usize - first.year as usize,
                    format!("{:04}", d.year),
                )
            } else {
                (month_number(d) - month_number(first), d.to_string())
            }
        };
        let count = key(last).0 + 1;
        let mut periods: Vec<PeriodAcc> = vec![PeriodAcc::default(); count];
        for (date, acc) in &self.dated {
            let p = &mut periods[key(*date).0];
            p.articles += acc.articles;
            for (total, n) in p.by_type.iter_mut().zip(acc.by_type) {
                *total += n;
            }
        }
        let periods = periods
            .iter()
            .enumerate()
            .map(|(i, acc)| {
                let name = if by_year {
                    format!("{:04}", first.year as usize + i)
                } else {
                    let m = month_number(first) + i;
                    format!("{:04}-{:02}", m / 12, m % 12 + 1)
                };
                period(name, acc)
            })
            .collect();
        let multiples = ranked
            .iter()
            .take(limits.multiples)
            .map(|&i| {
                let mut counts = vec![0; count];
                let mut undated = 0;
                for (doc, _) in self.index.mentions(&entities[i].id) {
                    match self.index.doc_date(doc) {
                        Some(d) => counts[key(d).0] += 1,
                        None => undated += 1,
                    }
                }
                Multiple {
                    entity: entities[i].clone(),
                    counts,
                    undated,
                }
            })
            .collect();
        Timeline {
            by_year,
            periods,
            undated: period("undated".to_owned(), &self.undated),
            multiples,
        }
    }
}

fn month_number(d: YearMonth) -> usize {
    d.year as usize * 12 + d.month as usize - 1
}

fn period(name: String, acc: &PeriodAcc) -> Period {
    Period {
        name,
        articles: acc.articles,
        by_type: acc.by_type,
    }
}

/// The most frequent of the forms, the smallest string on a tie.
fn most_frequent<S: AsRef<str> + Ord>(forms: &HashMap<S, usize>) -> String {
    forms
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(form, _)| form.as_ref().to_owned())
        .unwrap_or_default()
}

fn wikidata(entity: &glose_core::Entity) -> Option<String> {
    let id = entity.ids.get("wikidata")?;
    let valid = id.len() > 1
        && id.starts_with('Q')
        && id.len() <= 16
        && id[1..].bytes().all(|b| b.is_ascii_digit());
    valid.then(|| id.clone())
}

fn entity_row(index: &CorpusIndex, id: &EntityId, kb: &KnowledgeBase) -> EntityRow {
    let known = kb.get(id.as_str());
    let mut labels: BTreeMap<Label, usize> = BTreeMap::new();
    let mut forms: HashMap<&str, usize> = HashMap::new();
    for (_, m) in index.mentions(id.as_str()) {
        *labels.entry(m.label).or_default() += 1;
        *forms.entry(&m.text).or_default() += 1;
    }
    let label = match known {
        Some(entity) => entity.label,
        None => labels
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map_or(Label::MISC, |(l, _)| *l),
    };
    let stats = index.stats(id.as_str()).unwrap_or_default();
    EntityRow {
        id: id.as_str().to_owned(),
        label: label.as_str(),
        name: match known {
            Some(entity) => entity.name.clone(),
            None => most_frequent(&forms),
        },
        mentions: stats.mentions,
        articles: stats.documents,
        wikidata: known.and_then(wikidata),
        description: known.and_then(|k| k.description.clone()),
        first_date: stats.first_date,
        last_date: stats.last_date,
    }
}

fn count_rows(
    map: BTreeMap<String, CountAcc>,
    top: usize,
    name: impl Fn(&str, String) -> (String, Option<String>),
) -> Vec<CountRow> {
    let mut rows: Vec<(String, CountAcc)> = map.into_iter().collect();
    rows.sort_by(|a, b| {
        b.1.count
            .cmp(&a.1.count)
            .then(b.1.articles.cmp(&a.1.articles))
            .then_with(|| a.0.cmp(&b.0))
    });
    rows.into_iter()
        .take(top)
        .map(|(key, acc)| {
            let (name, wikidata) = name(&key, most_frequent(&acc.forms));
            CountRow {
                name,
                count: acc.count,
                articles: acc.articles,
                wikidata,
            }
        })
        .collect()
}

/// Descriptions of anonymous sources listed at most.
const ANONYMOUS_SHOWN: usize = 30;

/// The co-occurrence network of the most mentioned entities.
fn network(
    entities: &[EntityRow],
    ranked: &[usize],
    index: &CorpusIndex,
    limits: Limits,
) -> Network {
    let chosen: Vec<usize> = ranked.iter().copied().take(limits.network).collect();
    let n = chosen.len();
    let mut node_of: HashMap<&str, usize> = HashMap::new();
    for (node, &e) in chosen.iter().enumerate() {
        node_of.insert(&entities[e].id, node);
    }
    let mut weights = vec![0usize; n * n];
    let mut in_doc: Vec<usize> = Vec::new();
    for doc in index.documents() {
        in_doc.clear();
        in_doc.extend(
            index
                .doc_entities(doc)
                .iter()
                .filter_map(|e| node_of.get(e.as_str()).copied()),
        );
        in_doc.sort_unstable();
        for (k, &a) in in_doc.iter().enumerate() {
            for &b in &in_doc[k + 1..] {
                weights[a * n + b] += 1;
            }
        }
    }
    let mut edges: Vec<Edge> = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let weight = weights[a * n + b];
            if weight > 0 {
                edges.push(Edge { a, b, weight });
            }
        }
    }
    let total_edges = edges.len();
    // The strongest first; on a tie, between more mentioned entities.
    edges.sort_by(|x, y| {
        y.weight
            .cmp(&x.weight)
            .then((x.a + x.b).cmp(&(y.a + y.b)))
            .then(x.a.cmp(&y.a))
    });
    // Each name keeps its strongest links, then the strongest of all up to the limit.
    let mut kept = vec![false; edges.len()];
    let mut per_node = vec![0usize; n];
    for (k, e) in edges.iter().enumerate() {
        if per_node[e.a] < LINKS_KEPT || per_node[e.b] < LINKS_KEPT {
            kept[k] = true;
            per_node[e.a] += 1;
            per_node[e.b] += 1;
        }
    }
    let mut count = kept.iter().filter(|k| **k).count();
    for k in kept.iter_mut() {
        if count >= limits.edges {
            break;
        }
        if !*k {
            *k = true;
            count += 1;
        }
    }
    let mut edges: Vec<Edge> = edges
        .into_iter()
        .zip(kept)
        .filter_map(|(e, k)| k.then_some(e))
        .collect();
    edges.sort_by_key(|e| (e.a, e.b));

    let max_mentions = chosen
        .iter()
        .map(|&i| entities[i].mentions)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let sizes: Vec<layout::NodeSize> = chosen
        .iter()
        .map(|&i| layout::NodeSize {
            r: 4.5 + 17.5 * (entities[i].mentions as f64 / max_mentions).sqrt(),
            label_width: layout::text_width(&entities[i].name),
        })
        .collect();
    let springs: Vec<(usize, usize, f64)> =
        edges.iter().map(|e| (e.a, e.b, e.weight as f64)).collect();
    let drawing = layout::draw(&sizes, &springs, LABELLED);
    let nodes = chosen
        .iter()
        .zip(drawing.positions)
        .zip(drawing.labels)
        .zip(sizes)
        .map(|(((&i, (x, y)), label), size)| Node {
            entity: entities[i].clone(),
            x,
            y,
            r: (size.r * 10.0).round() / 10.0,
            label,
        })
        .collect();
    Network {
        height: drawing.height,
        nodes,
        edges,
        total_edges,
    }
}

/// Links each name of the network keeps at least (its strongest), whatever the limit.
const LINKS_KEPT: usize = 2;

/// Names of the network labelled from the start (where there is room); the others on
/// hover.
const LABELLED: usize = 40;

/// An entity as the report shows it.
#[derive(Clone, Debug)]
pub(crate) struct EntityRow {
    /// The KB id, or the id derived from the name (`~per:abou-khaled`).
    pub(crate) id: String,
    pub(crate) label: &'static str,
    /// The KB's canonical name, or the most frequent spelling.
    pub(crate) name: String,
    pub(crate) mentions: usize,
    pub(crate) articles: usize,
    pub(crate) wikidata: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) first_date: Option<YearMonth>,
    pub(crate) last_date: Option<YearMonth>,
}

/// The most mentioned entities of one type.
#[derive(Debug)]
pub(crate) struct TypeTop {
    pub(crate) label: &'static str,
    pub(crate) distinct: usize,
    pub(crate) mentions: usize,
    pub(crate) rows: Vec<EntityRow>,
}

/// A row of a chart that is not about entities.
#[derive(Debug)]
pub(crate) struct CountRow {
    pub(crate) name: String,
    pub(crate) count: usize,
    pub(crate) articles: usize,
    pub(crate) wikidata: Option<String>,
}

/// A month (or a year) of the timeline.
#[derive(Debug)]
pub(crate) struct Period {
    /// `2019-05`, or `2019` when the timeline counts years.
    pub(crate) name: String,
    pub(crate) articles: usize,
    /// Entity mentions: PER, ORG, LOC, others.
    pub(crate) by_type: [usize; 4],
}

impl Period {
    pub(crate) fn mentions(&self) -> usize {
        self.by_type.iter().sum()
    }
}

#[derive(Debug)]
pub(crate) struct Multiple {
    pub(crate) entity: EntityRow,
    /// Mentions in each period of the timeline.
    pub(crate) counts: Vec<usize>,
    pub(crate) undated: usize,
}

#[derive(Debug)]
pub(crate) struct Timeline {
    pub(crate) by_year: bool,
    /// Every month (or year) from the first dated article to the last.
    pub(crate) periods: Vec<Period>,
    pub(crate) undated: Period,
    /// The most mentioned entities, each over the same periods.
    pub(crate) multiples: Vec<Multiple>,
}

#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) entity: EntityRow,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) r: f64,
    pub(crate) label: layout::LabelSpot,
}

/// Two entities mentioned in `weight` articles together (`a < b`, node indices).
#[derive(Debug)]
pub(crate) struct Edge {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) weight: usize,
}

#[derive(Debug)]
pub(crate) struct Network {
    /// Height of the drawing; its width is `layout::WIDTH`.
    pub(crate) height: f64,
    pub(crate) nodes: Vec<Node>,
    pub(crate) edges: Vec<Edge>,
    /// Pairs of these entities that co-occur, shown or not.
    pub(crate) total_edges: usize,
}

/// Everything the page shows, summarised from the articles: made by [`Gatherer::finish`]
/// or [`Report::build`], written by [`Report::render_html`].
#[derive(Debug)]
pub struct Report {
    pub(crate) title: String,
    pub(crate) articles: usize,
    pub(crate) dated: usize,
    pub(crate) undated: usize,
    pub(crate) skipped: usize,
    pub(crate) failed: usize,
    pub(crate) first: Option<YearMonth>,
    pub(crate) last: Option<YearMonth>,
    /// Annotations of the resolved layer by label, most frequent first.
    pub(crate) labels: Vec<(&'static str, usize)>,
    pub(crate) distinct_entities: usize,
    pub(crate) tops: Vec<TypeTop>,
    pub(crate) timeline: Timeline,
    pub(crate) network: Network,
    pub(crate) dates_total: usize,
    /// Years the dates refer to, with their mentions, in order.
    pub(crate) date_years: Vec<(i32, usize)>,
    pub(crate) quantities_total: usize,
    /// Counted nouns of the quantities.
    pub(crate) nouns: Vec<CountRow>,
    pub(crate) quotes: Quotes,
}

/// A named speaker and its quotes.
#[derive(Debug)]
pub(crate) struct Speaker {
    /// `=` and the entity id, or `~` and the name in lower case: what the quotes are
    /// grouped by.
    pub(crate) key: String,
    /// The entity the quote tagger links the speaker to (a KB id or a corpus id such as
    /// `~per:karim-haddad`, the ids of the charts of names).
    pub(crate) entity: Option<String>,
    /// The entity's type, when it is known.
    pub(crate) label: Option<&'static str>,
    /// The KB's canonical name, else the most frequent spelling.
    pub(crate) name: String,
    pub(crate) wikidata: Option<String>,
    pub(crate) count: usize,
    pub(crate) articles: usize,
    /// The first `QUOTES_KEPT` quotes, in corpus order.
    pub(crate) quotes: Vec<Quote>,
}

/// Who is quoted.
#[derive(Debug)]
pub(crate) struct Quotes {
    pub(crate) total: usize,
    /// Quotes with a named speaker.
    pub(crate) named: usize,
    /// Quotes from an anonymous source (described or not).
    pub(crate) anonymous: usize,
    /// Quotes with no speaker found.
    pub(crate) unattributed: usize,
    pub(crate) distinct_speakers: usize,
    /// The most quoted speakers (`Limits::speakers` at most).
    pub(crate) speakers: Vec<Speaker>,
    /// Descriptions of the anonymous sources, most frequent first (the empty name: no
    /// description).
    pub(crate) anonymous_sources: Vec<CountRow>,
    pub(crate) anonymous_distinct: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> KnowledgeBase {
        glose_core::testing::user_kb(
            "[[entity]]\nid = \"raqqa\"\ntype = \"LOC\"\nname = \"Raqqa\"\n\
             ids = { wikidata = \"Q1519\" }\n",
        )
    }

    fn add(g: &mut Gatherer, path: &str, text: &str, names: &[(&str, Label, Option<&str>)]) {
        let document = Document::new(path, text).unwrap();
        let annotations = glose_core::testing::annotate_first(text, names);
        g.add(&document, &annotations);
    }

    #[test]
    fn counts_entities_periods_and_pairs() {
        let mut g = Gatherer::default();
        add(
            &mut g,
            "a.txt",
            " date 2019-03 Rakka et Karim Haddad, Raqqa.",
            &[
                ("Rakka", Label::LOC, Some("raqqa")),
                ("Karim Haddad", Label::PER, None),
                ("Raqqa", Label::LOC, Some("raqqa")),
            ],
        );
        add(
            &mut g,
            "b.txt",
            " date 2019-05 Raqqa, KARIM HADDAD",
            &[
                ("Raqqa", Label::LOC, Some("raqqa")),
                ("KARIM HADDAD", Label::PER, None),
            ],
        );
        add(&mut g, "c.txt", "Haddad", &[("Haddad", Label::PER, None)]);
        let report = g.finish("t".into(), &kb(), Limits::default());
        assert_eq!((report.articles, report.dated, report.undated), (3, 2, 1));
        let loc = &report.tops[2];
        assert_eq!(loc.label, "LOC");
        let raqqa = &loc.rows[0];
        assert_eq!(
            (raqqa.name.as_str(), raqqa.mentions, raqqa.articles),
            ("Raqqa", 3, 2)
        );
        assert_eq!(raqqa.wikidata.as_deref(), Some("Q1519"));
        let per = &report.tops[0];
        assert_eq!(per.rows[0].id, "~per:karim-haddad");
        assert_eq!((per.rows[0].mentions, per.rows[0].articles), (2, 2));
        let months: Vec<&str> = report
            .timeline
            .periods
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(months, ["2019-03", "2019-04", "2019-05"]);
        assert_eq!(report.timeline.periods[0].by_type, [1, 0, 2, 0]);
        assert_eq!(report.timeline.periods[1].articles, 0);
        assert_eq!(report.timeline.undated.by_type, [1, 0, 0, 0]);
        assert_eq!(report.network.nodes.len(), 3);
        let weights: Vec<(usize, usize, usize)> = report
            .network
            .edges
            .iter()
            .map(|e| (e.a, e.b, e.weight))
            .collect();
        // raqqa (0) and karim haddad (1) share two articles; haddad (2) is alone.
        assert_eq!(weights, [(0, 1, 2)]);
    }

    #[test]
    fn a_plugin_label_names_entities_and_dates_do_not() {
        let hashtag = Label::new("HASHTAG");
        let mut g = Gatherer::default();
        add(
            &mut g,
            "a.txt",
            " date 2019-03 #Raqqa, #raqqa et Raqqa, mardi, 3 morts.",
            &[
                ("#Raqqa", hashtag, None),
                ("#raqqa", hashtag, None),
                ("Raqqa", Label::LOC, Some("raqqa")),
                ("mardi", Label::DATE, None),
                ("3 morts", Label::QUANTITY, None),
            ],
        );
        add(
            &mut g,
            "b.txt",
            " date 2019-04 #Homs",
            &[("#Homs", hashtag, None)],
        );
        let report = g.finish("t".into(), &kb(), Limits::default());
        assert_eq!(report.distinct_entities, 3);
        let tops: Vec<(&str, usize, usize)> = report
            .tops
            .iter()
            .map(|t| (t.label, t.distinct, t.mentions))
            .collect();
        assert_eq!(
            tops,
            [
                ("PER", 0, 0),
                ("ORG", 0, 0),
                ("LOC", 1, 1),
                ("HASHTAG", 2, 3)
            ]
        );
        let row = &report.tops[3].rows[0];
        assert_eq!(
            (
                row.id.as_str(),
                row.name.as_str(),
                row.mentions,
                row.articles
            ),
            ("~hashtag:#raqqa", "#Raqqa", 2, 1)
        );
        assert_eq!(report.timeline.periods[0].by_type, [0, 0, 1, 2]);
        assert_eq!(report.timeline.periods[1].by_type, [0, 0, 0, 1]);
        assert_eq!((report.dates_total, report.quantities_total), (1, 1));
        // The hashtag and the place share an article.
        assert_eq!(report.network.nodes.len(), 3);
        assert_eq!(report.network.edges.len(), 1);
    }

    /// A quote of `text` (found in the article) with these attributes.
    fn quote(text: &str, words: &str, attrs: &[(&str, serde_json::Value)]) -> Annotation {
        let start = text.find(words).unwrap();
        let mut a = Annotation::new(start..start + words.len(), Label::QUOTE);
        for (k, v) in attrs {
            a = a.with_attr(k.to_string(), v.clone());
        }
        a
    }

    #[test]
    fn quotes_are_grouped_by_speaker() {
        use serde_json::json;
        let mut g = Gatherer::default();
        let a = " date 2020-02 « Le pont   sera\nrouvert », a dit Léa Morel. « Vraiment », \
                 a répété LÉA MOREL. « Rien n'est prêt », selon un cadre du port. « Sans voix ».";
        let annotations = vec![
            {
                let start = a.find("Léa Morel").unwrap();
                Annotation::new(start..start + "Léa Morel".len(), Label::PER)
                    .with_entity(EntityId::new("lea-morel"))
            },
            quote(
                a,
                "« Le pont   sera\nrouvert »",
                &[
                    ("speaker", json!("Léa Morel")),
                    ("speaker_entity", json!("lea-morel")),
                    ("verb", json!("dit")),
                ],
            ),
            quote(
                a,
                "« Vraiment »",
                &[
                    ("speaker", json!("LÉA MOREL")),
                    ("speaker_entity", json!("lea-morel")),
                ],
            ),
            quote(
                a,
                "« Rien n'est prêt »",
                &[
                    ("speaker", json!("un cadre du port")),
                    ("anonymous", json!(true)),
                    ("verb", json!("selon")),
                ],
            ),
            quote(a, "« Sans voix »", &[]),
        ];
        g.add(&Document::new("x/a.txt", a).unwrap(), &annotations);
        let b = "« Tout ira bien », a déclaré Paul Roy. « On verra », a dit paul roy. \
                 « Non », a glissé Un cadre du port.";
        let annotations = vec![
            quote(b, "« Tout ira bien »", &[("speaker", json!("Paul Roy"))]),
            quote(b, "« On verra »", &[("speaker", json!("paul roy"))]),
            quote(
                b,
                "« Non »",
                &[
                    ("speaker", json!("Un cadre du port")),
                    ("anonymous", json!(true)),
                ],
            ),
        ];
        g.add(&Document::new("b.txt", b).unwrap(), &annotations);
        let report = g.finish("t".into(), &kb(), Limits::default());
        let q = &report.quotes;
        assert_eq!(
            (q.total, q.named, q.anonymous, q.unattributed),
            (7, 4, 2, 1)
        );
        assert_eq!(q.distinct_speakers, 2);
        // Two quotes each: Léa Morel in one article, linked; Paul Roy in one, by name.
        let rows: Vec<(&str, Option<&str>, &str, usize, usize)> = q
            .speakers
            .iter()
            .map(|s| {
                (
                    s.key.as_str(),
                    s.entity.as_deref(),
                    s.name.as_str(),
                    s.count,
                    s.articles,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("=lea-morel", Some("lea-morel"), "Léa Morel", 2, 1),
                ("~paul roy", None, "Paul Roy", 2, 1),
            ]
        );
        let lea = &q.speakers[0];
        assert_eq!(lea.label, Some("PER"));
        assert_eq!(lea.quotes[0].text, "« Le pont sera rouvert »");
        assert_eq!(lea.quotes[0].verb.as_deref(), Some("dit"));
        assert_eq!(lea.quotes[0].path, "x/a.txt");
        assert_eq!(
            lea.quotes[0].date.map(|d| d.to_string()),
            Some("2020-02".into())
        );
        assert_eq!(lea.quotes[1].verb, None);
        assert_eq!(q.speakers[1].label, None);
        // Anonymous sources by description, capitals aside.
        let sources: Vec<(&str, usize, usize)> = q
            .anonymous_sources
            .iter()
            .map(|r| (r.name.as_str(), r.count, r.articles))
            .collect();
        assert_eq!(sources.len(), 1);
        assert_eq!((sources[0].1, sources[0].2), (2, 2));
    }

    #[test]
    fn quotes_kept_per_speaker_are_bounded() {
        use serde_json::json;
        let mut g = Gatherer::default();
        let long = format!("« {} »", "très ".repeat(200));
        let text = format!("{long} a dit Léa Morel.");
        for i in 0..QUOTES_KEPT + 5 {
            let a = quote(&text, &long, &[("speaker", json!("Léa Morel"))]);
            g.add(
                &Document::new(format!("{i:02}.txt"), text.clone()).unwrap(),
                &[a],
            );
        }
        let limits = Limits {
            speakers: 0,
            ..Limits::default()
        };
        let report = g.finish("t".into(), &kb(), limits);
        assert!(report.quotes.speakers.is_empty());
        assert_eq!(report.quotes.distinct_speakers, 1);

        let mut g = Gatherer::default();
        for i in 0..QUOTES_KEPT + 5 {
            let a = quote(&text, &long, &[("speaker", json!("Léa Morel"))]);
            g.add(
                &Document::new(format!("{i:02}.txt"), text.clone()).unwrap(),
                &[a],
            );
        }
        let report = g.finish("t".into(), &kb(), Limits::default());
        let lea = &report.quotes.speakers[0];
        assert_eq!(
            (lea.count, lea.articles),
            (QUOTES_KEPT + 5, QUOTES_KEPT + 5)
        );
        assert_eq!(lea.quotes.len(), QUOTES_KEPT);
        assert_eq!(lea.quotes[0].path, "00.txt");
        assert_eq!(
            lea.quotes[QUOTES_KEPT - 1].path,
            format!("{:02}.txt", QUOTES_KEPT - 1)
        );
        let shown = &lea.quotes[0].text;
        assert_eq!(shown.chars().count(), QUOTE_CHARS + 1);
        assert!(shown.starts_with("« très très") && shown.ends_with('…'));
    }

    #[test]
    fn long_spans_are_counted_by_year() {
        let mut g = Gatherer::default();
        add(&mut g, "a.txt", " date 1990-01 a", &[]);
        add(&mut g, "b.txt", " date 2019-12 b", &[]);
        let report = g.finish("t".into(), &kb(), Limits::default());
        assert!(report.timeline.by_year);
        assert_eq!(report.timeline.periods.len(), 30);
        assert_eq!(report.timeline.periods[29].name, "2019");
    }
}
