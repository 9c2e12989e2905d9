//! What the report shows, gathered from the resolved layer of each article in file
//! order, then summarised. Every list is sorted with a complete tie-break, so the
//! report depends only on the corpus, never on hash order or thread timing.

use std::collections::{BTreeMap, HashMap};

use glose_core::corpus::entity_key;
use glose_core::{Annotation, Document, EntityId, KnowledgeBase, Label, YearMonth};

use super::layout;

/// The entity types that get a chart and a colour of their own; other entity labels
/// (`MISC`, a plugin's) share one.
pub(crate) const MAIN_TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// How much the report shows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Rows of each bar chart.
    pub(crate) top: usize,
    /// Entities in the co-occurrence network.
    pub(crate) network: usize,
    /// Edges in the network at most (the strongest).
    pub(crate) edges: usize,
    /// Entities with a small timeline of their own.
    pub(crate) multiples: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            top: 15,
            network: 60,
            edges: 150,
            multiples: 6,
        }
    }
}

/// The timeline switches from months to years past this many months.
const MAX_MONTHS: usize = 240;

/// Years shown in the chart of the dates the articles mention.
const DATE_YEARS: usize = 40;

#[derive(Debug)]
struct EntityAcc {
    id: EntityId,
    labels: BTreeMap<Label, usize>,
    forms: HashMap<String, usize>,
    mentions: usize,
    articles: usize,
    last_doc: usize,
    /// Mentions by article date; `None`: undated articles.
    by_date: BTreeMap<Option<YearMonth>, usize>,
}

/// Mentions in the articles of one period.
#[derive(Clone, Debug, Default)]
struct PeriodAcc {
    articles: usize,
    /// Entity mentions by type (the three main types, then the others).
    by_type: [usize; 4],
}

/// A row of a bar chart of names: counted quantity nouns, quoted speakers.
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

/// Collects what the report needs, one article at a time, in file order.
#[derive(Debug, Default)]
pub(crate) struct Gatherer {
    index: HashMap<EntityId, usize>,
    entities: Vec<EntityAcc>,
    /// For each article, the entities it mentions (indices into `entities`, sorted).
    doc_entities: Vec<Vec<u32>>,
    articles: usize,
    dated: BTreeMap<YearMonth, PeriodAcc>,
    undated: PeriodAcc,
    labels: BTreeMap<Label, usize>,
    date_years: BTreeMap<i32, usize>,
    dates_total: usize,
    nouns: BTreeMap<String, CountAcc>,
    quantities_total: usize,
    speakers: BTreeMap<String, CountAcc>,
    quotes_total: usize,
    anonymous_quotes: usize,
    unattributed_quotes: usize,
    pub(crate) skipped: usize,
    pub(crate) failed: usize,
}

fn type_slot(label: Label) -> usize {
    MAIN_TYPES
        .iter()
        .position(|t| *t == label.as_str())
        .unwrap_or(3)
}

impl Gatherer {
    /// Adds one article and its resolved annotations.
    pub(crate) fn add<'a>(
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
        let mut seen: Vec<u32> = Vec::new();
        for a in annotations {
            *self.labels.entry(a.label).or_default() += 1;
            if let Some(key) = entity_key(a, text) {
                let next = self.entities.len();
                let i = *self.index.entry(key.clone()).or_insert(next);
                if i == next {
                    self.entities.push(EntityAcc {
                        id: key,
                        labels: BTreeMap::new(),
                        forms: HashMap::new(),
                        mentions: 0,
                        articles: 0,
                        last_doc: doc,
                        by_date: BTreeMap::new(),
                    });
                }
                let e = &mut self.entities[i];
                if e.mentions == 0 || e.last_doc != doc {
                    e.articles += 1;
                    seen.push(i as u32);
                }
                e.last_doc = doc;
                e.mentions += 1;
                *e.labels.entry(a.label).or_default() += 1;
                *e.forms.entry(a.text(text).to_owned()).or_default() += 1;
                *e.by_date.entry(date).or_default() += 1;
                period.by_type[type_slot(a.label)] += 1;
            } else if a.label == Label::DATE {
                self.dates_total += 1;
                let year = a
                    .attrs
                    .get("value")
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
                    .get("noun")
                    .or_else(|| a.attrs.get("unit"))
                    .and_then(|v| v.as_str());
                if let Some(noun) = noun {
                    self.nouns
                        .entry(noun.to_lowercase())
                        .or_default()
                        .add(doc, noun);
                }
            } else if a.label == Label::QUOTE {
                self.quotes_total += 1;
                let anonymous = a
                    .attrs
                    .get("anonymous")
                    .is_some_and(|v| v.as_bool() == Some(true));
                let speaker = a.attrs.get("speaker").and_then(|v| v.as_str());
                let entity = a.attrs.get("speaker_entity").and_then(|v| v.as_str());
                if anonymous {
                    self.anonymous_quotes += 1;
                } else if let Some(speaker) = speaker {
                    let key = match entity {
                        Some(id) => format!("={id}"),
                        None => format!("~{}", speaker.to_lowercase()),
                    };
                    self.speakers.entry(key).or_default().add(doc, speaker);
                } else {
                    self.unattributed_quotes += 1;
                }
            }
        }
        seen.sort_unstable();
        self.doc_entities.push(seen);
        let slot = match date {
            Some(date) => self.dated.entry(date).or_default(),
            None => &mut self.undated,
        };
        slot.articles += period.articles;
        for (total, n) in slot.by_type.iter_mut().zip(period.by_type) {
            *total += n;
        }
    }

    /// Summarises what was gathered.
    pub(crate) fn finish(self, title: String, kb: &KnowledgeBase, limits: Limits) -> Report {
        let entities: Vec<EntityRow> = self.entities.iter().map(|e| entity_row(e, kb)).collect();
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
        let network = network(&entities, &ranked, &self.doc_entities, limits);

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
            quotes_total: self.quotes_total,
            anonymous_quotes: self.anonymous_quotes,
            unattributed_quotes: self.unattributed_quotes,
            speakers: count_rows(self.speakers, limits.top, |key, form| {
                match key.strip_prefix('=').and_then(|id| kb.get(id)) {
                    Some(entity) => (entity.name.clone(), wikidata(entity)),
                    None => (form, None),
                }
            }),
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
                for (date, n) in &self.entities[i].by_date {
                    match date {
                        Some(d) => counts[key(*d).0] += n,
                        None => undated += n,
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
fn most_frequent(forms: &HashMap<String, usize>) -> String {
    forms
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(form, _)| form.clone())
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

fn entity_row(e: &EntityAcc, kb: &KnowledgeBase) -> EntityRow {
    let known = kb.get(e.id.as_str());
    let label = match known {
        Some(entity) => entity.label,
        None => e
            .labels
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map_or(Label::MISC, |(l, _)| *l),
    };
    let dated = || e.by_date.keys().filter_map(|d| *d);
    EntityRow {
        id: e.id.as_str().to_owned(),
        label: label.as_str(),
        name: match known {
            Some(entity) => entity.name.clone(),
            None => most_frequent(&e.forms),
        },
        mentions: e.mentions,
        articles: e.articles,
        wikidata: known.and_then(wikidata),
        description: known.and_then(|k| k.description.clone()),
        first_date: dated().min(),
        last_date: dated().max(),
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

/// The co-occurrence network of the most mentioned entities.
fn network(
    entities: &[EntityRow],
    ranked: &[usize],
    doc_entities: &[Vec<u32>],
    limits: Limits,
) -> Network {
    let chosen: Vec<usize> = ranked.iter().copied().take(limits.network).collect();
    let n = chosen.len();
    let mut node_of: HashMap<u32, usize> = HashMap::new();
    for (node, &e) in chosen.iter().enumerate() {
        node_of.insert(e as u32, node);
    }
    let mut weights = vec![0usize; n * n];
    let mut in_doc: Vec<usize> = Vec::new();
    for doc in doc_entities {
        in_doc.clear();
        in_doc.extend(doc.iter().filter_map(|e| node_of.get(e).copied()));
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

/// Everything the page shows.
#[derive(Debug)]
pub(crate) struct Report {
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
    pub(crate) quotes_total: usize,
    pub(crate) anonymous_quotes: usize,
    pub(crate) unattributed_quotes: usize,
    pub(crate) speakers: Vec<CountRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> KnowledgeBase {
        let source = glose_core::KbSource::new(
            "kb.toml",
            "[[entity]]\nid = \"raqqa\"\ntype = \"LOC\"\nname = \"Raqqa\"\n\
             ids = { wikidata = \"Q1519\" }\n",
            glose_core::Layer::User,
        );
        KnowledgeBase::load(&[source]).0
    }

    fn add(g: &mut Gatherer, path: &str, text: &str, names: &[(&str, Label, Option<&str>)]) {
        let document = Document::new(path, text).unwrap();
        let annotations: Vec<Annotation> = names
            .iter()
            .map(|&(word, label, entity)| {
                let start = text.find(word).unwrap();
                let a = Annotation::new(start..start + word.len(), label);
                match entity {
                    Some(e) => a.with_entity(EntityId::new(e)),
                    None => a,
                }
            })
            .collect();
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
