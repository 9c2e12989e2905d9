//! `glose report` end to end: the page written for a copy of `examples/corpus`, checked
//! against figures computed here from `glose annotate`'s JSON lines (names, timeline,
//! network, quotes by speaker); the same bytes with one thread or two; an empty corpus, a
//! corpus without dates; then the page rendered by headless Chromium, with the quotes of a
//! speaker folded in the DOM.
//!
//! Chromium is `GLOSE_CHROMIUM` if set, else `chromium` (Debian's package) or
//! `chromium-browser` on `PATH`; `.ci/run` installs it. When it is not there the rendering
//! test is skipped with a line saying so, unless `GLOSE_REQUIRE_EDITORS=1`: then it fails.
//! The screenshot is kept under the target folder (`tmp/report/report.png`); with
//! `GLOSE_UPDATE_DOCS=1` it is also copied to `docs/images/report.png`.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{assert_success, glose, stderr};
use glose_tests::{editor_or_skip, examples_copy, output_within, repo_root, say};
use serde_json::Value;

/// A copy of the example corpus, with one more KB entity whose name needs escaping and an
/// article that names it, and an article of quotes: a speaker quoted four times (five in
/// all with the example corpus), a quote with markup in it, two anonymous sources and a
/// quote with no speaker.
fn corpus_copy(dir: &Path) -> PathBuf {
    let corpus = examples_copy(dir);
    std::fs::write(
        corpus.join("kb/markup.toml"),
        "[[entity]]\nid = \"cafe-zero\"\ntype = \"ORG\"\nname = \"Café <Zéro> & \\\"Fils\\\"\"\n\
         aliases = [\"Café Zéro\"]\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("08-cafe.txt"),
        " date 2019-07\nLe Café Zéro a rouvert à Raqqa. Le Café Zéro emploie six personnes.\n\n\
         Au Café Zéro, on sert du thé ; le Café Zéro ferme à minuit.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("09-stade.txt"),
        " date 2019-08\nLe stade municipal de Raqqa rouvrira en septembre, a annoncé mardi \
         Karim Haddad. « Les tribunes seront prêtes avant la rentrée, nous y travaillons jour et \
         nuit », a déclaré Karim Haddad.\n\n« Les enfants pourront rejouer au football sur une \
         pelouse neuve », a-t-il ajouté. « Le club <Espoir> & ses joueurs attendent ce jour \
         depuis trois ans », a poursuivi Karim Haddad devant la presse.\n\nLes travaux \
         coûteront quatre millions de livres. « Le budget est bouclé, les entreprises sont \
         payées à temps », a assuré Karim Haddad.\n\n« Personne ne sait vraiment qui paiera \
         l'éclairage du stade », a confié un responsable du club, sous couvert d'anonymat. \
         Selon un employé de la mairie, « les délais ne seront pas tenus cette fois non plus ».\n\n\
         « Le football revient enfin dans notre ville ravagée », pouvait-on lire sur une \
         banderole.\n",
    )
    .unwrap();
    corpus
}

fn report(corpus: &Path, out: &Path, extra: &[&str]) -> (Output, String) {
    let mut args = vec![
        "report",
        corpus.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = glose(&args);
    let page = std::fs::read_to_string(out).unwrap_or_default();
    (o, page)
}

// ---------------------------------------------------------------------------------------
// The figures, computed from the JSON lines of `glose annotate`.

/// The labels that name no entity: every other one does (`PER`, `ORG`, `LOC`, `MISC`, a
/// plugin's or a rule file's).
const VALUE_LABELS: [&str; 3] = ["DATE", "QUANTITY", "QUOTE"];

/// Of an entity: mentions, the articles that mention it, mentions by label.
type Counts = (usize, BTreeSet<usize>, BTreeMap<String, usize>);

#[derive(Default, Debug)]
struct Expected {
    entities: BTreeMap<String, Counts>,
    /// Per article: its date and the entities it mentions.
    docs: Vec<(Option<String>, BTreeSet<String>)>,
    /// Month (or `undated`) → articles, entity mentions.
    months: BTreeMap<String, (usize, usize)>,
    labels: BTreeMap<String, usize>,
    quotes: ExpectedQuotes,
}

/// The quotes of a named speaker: the articles they are in, their texts in corpus order.
#[derive(Default, Debug)]
struct SpeakerQuotes {
    articles: BTreeSet<usize>,
    texts: Vec<String>,
}

#[derive(Default, Debug)]
struct ExpectedQuotes {
    total: usize,
    /// By speaker: `=` and the entity id when the quote links one, else `~` and the
    /// speaker's name in lower case.
    speakers: BTreeMap<String, SpeakerQuotes>,
    /// Anonymous sources by description in lower case: quotes.
    anonymous: BTreeMap<String, usize>,
    unattributed: usize,
}

impl ExpectedQuotes {
    fn add(&mut self, doc: usize, a: &Value) {
        self.total += 1;
        let attrs = &a["attrs"];
        let text = |name: &str| {
            attrs[name]
                .as_str()
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        if attrs["anonymous"] == Value::Bool(true) {
            let description = text("speaker").unwrap_or("").to_lowercase();
            *self.anonymous.entry(description).or_default() += 1;
            return;
        }
        let key = match (text("speaker_entity"), text("speaker")) {
            (Some(id), _) => format!("={id}"),
            (None, Some(name)) => format!("~{}", name.to_lowercase()),
            (None, None) => {
                self.unattributed += 1;
                return;
            }
        };
        let speaker = self.speakers.entry(key).or_default();
        speaker.articles.insert(doc);
        speaker.texts.push(a["text"].as_str().unwrap().to_owned());
    }

    fn named(&self) -> usize {
        self.speakers.values().map(|s| s.texts.len()).sum()
    }

    /// Speakers, most quoted first, then in more articles, then by key.
    fn ranked(&self) -> Vec<(&str, &SpeakerQuotes)> {
        let mut speakers: Vec<(&str, &SpeakerQuotes)> =
            self.speakers.iter().map(|(k, s)| (k.as_str(), s)).collect();
        speakers.sort_by(|a, b| {
            b.1.texts
                .len()
                .cmp(&a.1.texts.len())
                .then(b.1.articles.len().cmp(&a.1.articles.len()))
                .then(a.0.cmp(b.0))
        });
        speakers
    }
}

/// The key of an entity mention: the KB id, else one derived from the label and the
/// folded name (as `glose lsp` and `glose/entities` name unlinked entities).
fn key_of(a: &Value) -> Option<String> {
    let label = a["label"].as_str().unwrap();
    if VALUE_LABELS.contains(&label) {
        return None;
    }
    if let Some(id) = a["entity"].as_str() {
        return Some(id.to_owned());
    }
    let text = glose_core::text::fold(a["text"].as_str().unwrap()).replace([' ', '\n'], "-");
    Some(format!("~{}:{text}", label.to_ascii_lowercase()))
}

fn expected(corpus: &Path) -> Expected {
    let o = glose(&["annotate", "-j", "1", corpus.to_str().unwrap()]);
    assert_success(&o);
    let mut e = Expected::default();
    for (doc, line) in String::from_utf8(o.stdout).unwrap().lines().enumerate() {
        let record: Value = serde_json::from_str(line).unwrap();
        let date = record["meta"]["date"].as_str().map(str::to_owned);
        let mut names = BTreeSet::new();
        let mut mentions = 0;
        for a in record["annotations"].as_array().unwrap() {
            let label = a["label"].as_str().unwrap().to_owned();
            *e.labels.entry(label.clone()).or_default() += 1;
            if label == "QUOTE" {
                e.quotes.add(doc, a);
            }
            if let Some(key) = key_of(a) {
                let entry = e.entities.entry(key.clone()).or_default();
                entry.0 += 1;
                entry.1.insert(doc);
                *entry.2.entry(label).or_default() += 1;
                names.insert(key);
                mentions += 1;
            }
        }
        let month = e
            .months
            .entry(date.clone().unwrap_or_else(|| "undated".into()))
            .or_default();
        month.0 += 1;
        month.1 += mentions;
        e.docs.push((date, names));
    }
    e
}

impl Expected {
    /// Entities, most mentioned first, then in more articles, then by id.
    fn ranked(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.entities.keys().map(String::as_str).collect();
        ids.sort_by(|a, b| {
            let (ea, eb) = (&self.entities[*a], &self.entities[*b]);
            eb.0.cmp(&ea.0)
                .then(eb.1.len().cmp(&ea.1.len()))
                .then(a.cmp(b))
        });
        ids
    }

    fn together(&self, a: &str, b: &str) -> usize {
        self.docs
            .iter()
            .filter(|(_, names)| names.contains(a) && names.contains(b))
            .count()
    }
}

// ---------------------------------------------------------------------------------------
// Reading the page: its elements are written one per line, attributes double-quoted.

/// The value of `name="…"` in `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn num_attr(tag: &str, name: &str) -> f64 {
    let v = attr(tag, name).unwrap_or_else(|| panic!("no {name} in {tag}"));
    v.parse()
        .unwrap_or_else(|_| panic!("{name}={v:?} is not a number in {tag}"))
}

/// Every start tag of the page named `name` (`<li`, `<g`, `<line`…), whole.
fn tags<'a>(page: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find(&open) {
        let tag = &rest[i..];
        let end = tag.find('>').expect("tag closed");
        out.push(&tag[..=end]);
        rest = &tag[end..];
    }
    out
}

/// The text between `from` and the next `to` after it.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let start = page.find(from).unwrap_or_else(|| panic!("no {from}")) + from.len();
    let len = page[start..].find(to).unwrap_or_else(|| panic!("no {to}"));
    &page[start..start + len]
}

/// The HTML-escaped form of `s`, as the page writes it.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Every number an SVG element of the page carries is finite, and every coordinate of the
/// network is inside its box.
fn check_svg_numbers(page: &str) {
    let mut checked = 0;
    for svg in page.split("<svg ").skip(1) {
        let svg = &svg[..svg.find("</svg>").expect("svg closed")];
        for name in ["rect", "line", "circle", "text"] {
            for tag in tags(svg, name) {
                for a in [
                    "x",
                    "y",
                    "x1",
                    "x2",
                    "y1",
                    "y2",
                    "cx",
                    "cy",
                    "r",
                    "width",
                    "height",
                    "stroke-width",
                ] {
                    if attr(tag, a).is_some() {
                        let v = num_attr(tag, a);
                        assert!(v.is_finite(), "{a} in {tag}");
                        if ["width", "height", "r"].contains(&a) {
                            assert!(v >= 0.0, "{a} in {tag}");
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    for tag in tags(page, "svg") {
        let view: Vec<f64> = attr(tag, "viewBox")
            .expect("viewBox")
            .split(' ')
            .map(|v| v.parse().expect("viewBox numbers"))
            .collect();
        assert_eq!(view.len(), 4, "{tag}");
        assert!(view.iter().all(|v| v.is_finite()) && view[2] > 0.0 && view[3] > 0.0);
    }
    assert!(!page.contains("NaN") && !page.contains("=\"inf") && !page.contains("=\"-inf"));
    assert!(checked > 0 || !page.contains("<svg"));
}

/// Nothing is fetched: no URL but Wikidata links.
fn check_no_external_urls(page: &str) {
    for bad in [
        "<link", "src=", "@import", "url(", "srcset", "<iframe", "<img", "<object",
    ] {
        assert!(!page.contains(bad), "{bad} in the page");
    }
    let mut links = 0;
    for (i, _) in page.match_indices("//") {
        let before = &page[..i];
        if before.ends_with("http:") || before.ends_with("https:") || before.ends_with('"') {
            let url = &page[before.rfind(['"', ' ', '(']).unwrap() + 1..];
            let url = &url[..url.find(['"', ' ', ')', '<']).unwrap()];
            let id = url
                .strip_prefix("https://www.wikidata.org/wiki/Q")
                .unwrap_or_else(|| panic!("external URL {url}"));
            assert!(id.bytes().all(|b| b.is_ascii_digit()), "{url}");
            links += 1;
        }
    }
    for tag in tags(page, "a") {
        let href = attr(tag, "href").unwrap();
        assert!(
            href.starts_with('#') || href.starts_with("https://www.wikidata.org/wiki/Q"),
            "{tag}"
        );
    }
    assert!(links > 0, "the example KB's entities link to Wikidata");
}

// ---------------------------------------------------------------------------------------

#[test]
fn the_page_shows_the_corpus_figures() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path());
    let out = dir.path().join("report.html");
    let (o, page) = report(&corpus, &out, &["-j", "2", "--title", "<R&D> \"report\""]);
    assert_success(&o);
    let e = expected(&corpus);
    assert_eq!(e.docs.len(), 9);

    // A whole page, every section there.
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    for id in ["entities", "timeline", "network", "figures", "quotes"] {
        assert!(page.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    // Escaped: the title, and a KB name with markup in it.
    assert!(page.contains("<h1>&lt;R&amp;D&gt; &quot;report&quot;</h1>"));
    assert!(!page.contains("<R&D>"));
    assert!(page.contains(&esc("Café <Zéro> & \"Fils\"")));
    assert!(!page.contains("<Zéro>"));
    check_no_external_urls(&page);
    check_svg_numbers(&page);

    // The header: articles, dates, annotations by label.
    let articles = tags(&page, "div")
        .into_iter()
        .find_map(|t| attr(t, "data-articles"))
        .unwrap();
    assert_eq!(articles, "9");
    let undated = e.docs.iter().filter(|d| d.0.is_none()).count();
    let dated_tile = tags(&page, "div")
        .into_iter()
        .find(|t| attr(t, "data-dated").is_some())
        .unwrap();
    assert_eq!(num_attr(dated_tile, "data-undated") as usize, undated);
    assert_eq!(num_attr(dated_tile, "data-dated") as usize, 9 - undated);
    let chips: BTreeMap<String, usize> = tags(&page, "li")
        .into_iter()
        .filter_map(|t| {
            Some((
                attr(t, "data-label")?.to_owned(),
                num_attr(t, "data-count") as usize,
            ))
        })
        .collect();
    assert_eq!(chips, e.labels);

    // Most mentioned, by type: each card is the top of its type, with the right counts.
    let ranked = e.ranked();
    let entities_section = between(&page, "<section id=\"entities\">", "</section>");
    let cards: Vec<&str> = entities_section
        .split("<div class=\"card\"")
        .skip(1)
        .collect();
    assert!(cards.len() >= 3);
    let mut seen_rows = 0;
    for card in cards {
        let label = attr(card, "data-type").unwrap();
        let rows: Vec<(&str, usize, usize)> = tags(card, "li")
            .into_iter()
            .map(|t| {
                (
                    attr(t, "data-entity").unwrap(),
                    num_attr(t, "data-mentions") as usize,
                    num_attr(t, "data-articles") as usize,
                )
            })
            .collect();
        // The type of an entity: the label most of its mentions carry.
        let of_type: Vec<&str> = ranked
            .iter()
            .copied()
            .filter(|id| {
                let labels = &e.entities[*id].2;
                let top = labels
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .unwrap();
                top.0 == label
            })
            .collect();
        let want: Vec<(&str, usize, usize)> = of_type
            .iter()
            .take(15)
            .map(|id| {
                let (m, docs, _) = &e.entities[*id];
                (*id, *m, docs.len())
            })
            .collect();
        assert_eq!(rows, want, "{label}");
        seen_rows += rows.len();
    }
    assert!(seen_rows >= 30, "{seen_rows}");
    // The made-up entity: four mentions, one article, its KB name.
    let cafe = tags(entities_section, "li")
        .into_iter()
        .find(|t| attr(t, "data-entity") == Some("cafe-zero"))
        .expect("cafe-zero listed");
    assert_eq!(num_attr(cafe, "data-mentions"), 4.0);
    assert_eq!(num_attr(cafe, "data-articles"), 1.0);

    // The timeline: one bin per month from the first dated article to the last, each with
    // the articles and mentions of that month; undated apart.
    let timeline = between(&page, "<section id=\"timeline\">", "</section>");
    let periods: Vec<(&str, usize, usize)> = tags(timeline, "g")
        .into_iter()
        .filter(|t| attr(t, "class") == Some("period"))
        .map(|t| {
            (
                attr(t, "data-period").unwrap(),
                num_attr(t, "data-articles") as usize,
                num_attr(t, "data-mentions") as usize,
            )
        })
        .collect();
    let months: Vec<&String> = e.months.keys().filter(|m| *m != "undated").collect();
    let (first, last) = (months[0], months[months.len() - 1]);
    let month_index = |m: &str| {
        let (y, mo) = m.split_at(4);
        y.parse::<usize>().unwrap() * 12 + mo[1..].parse::<usize>().unwrap() - 1
    };
    let span = month_index(last) - month_index(first) + 1;
    assert_eq!(periods.len(), span + 1, "{periods:?}");
    for (i, (name, articles, mentions)) in periods[..span].iter().enumerate() {
        let m = month_index(first) + i;
        assert_eq!(*name, format!("{:04}-{:02}", m / 12, m % 12 + 1));
        let (want_articles, want_mentions) = e.months.get(*name).copied().unwrap_or((0, 0));
        assert_eq!(
            (*articles, *mentions),
            (want_articles, want_mentions),
            "{name}"
        );
    }
    assert_eq!(
        (periods[span].0, periods[span].1, periods[span].2),
        ("undated", e.months["undated"].0, e.months["undated"].1)
    );

    // The network: the 60 most mentioned entities, each link the number of articles the two
    // share, drawn between their circles, every node keeping its strongest links.
    let network = between(&page, "<section id=\"network\">", "</section>");
    let nodes: Vec<&str> = tags(network, "g")
        .into_iter()
        .filter(|t| attr(t, "data-entity").is_some())
        .collect();
    let node_ids: Vec<&str> = nodes
        .iter()
        .map(|t| attr(t, "data-entity").unwrap())
        .collect();
    assert_eq!(node_ids, ranked[..60.min(ranked.len())]);
    let circles = tags(network, "circle");
    assert_eq!(circles.len(), nodes.len());
    let centre: HashMap<&str, (f64, f64)> = node_ids
        .iter()
        .zip(&circles)
        .map(|(id, c)| (*id, (num_attr(c, "cx"), num_attr(c, "cy"))))
        .collect();
    let edges = tags(network, "line");
    assert!(edges.len() >= 60, "{}", edges.len());
    let mut linked: BTreeSet<&str> = BTreeSet::new();
    let mut pairs = BTreeSet::new();
    for edge in &edges {
        let (a, b) = (attr(edge, "data-a").unwrap(), attr(edge, "data-b").unwrap());
        assert!(pairs.insert((a, b)) && a != b, "{edge}");
        let weight = num_attr(edge, "data-articles") as usize;
        assert!(weight > 0);
        assert_eq!(weight, e.together(a, b), "{a} {b}");
        assert_eq!(centre[a], (num_attr(edge, "x1"), num_attr(edge, "y1")));
        assert_eq!(centre[b], (num_attr(edge, "x2"), num_attr(edge, "y2")));
        linked.insert(a);
        linked.insert(b);
    }
    let mut total_pairs = 0;
    for (i, a) in node_ids.iter().enumerate() {
        let strongest = node_ids
            .iter()
            .filter(|b| *b != a)
            .map(|b| e.together(a, b))
            .max()
            .unwrap_or(0);
        if strongest > 0 {
            assert!(linked.contains(a), "{a} shares articles but has no link");
        }
        total_pairs += node_ids[i + 1..]
            .iter()
            .filter(|b| e.together(a, b) > 0)
            .count();
    }
    assert!(
        network.contains(&format!("of {total_pairs} shown")),
        "{total_pairs}"
    );

    check_quotes(&page, &e);

    // Fewer speakers listed: the most quoted, and a line for the others.
    let (o, page) = report(&corpus, &dir.path().join("two.html"), &["--speakers", "2"]);
    assert_success(&o);
    let section = between(&page, "<section id=\"quotes\">", "</section>");
    let shown: Vec<&str> = tags(section, "li")
        .into_iter()
        .filter_map(|t| attr(t, "data-speaker"))
        .collect();
    let ranked: Vec<String> = e.quotes.ranked().iter().map(|(k, _)| esc(k)).collect();
    assert_eq!(shown, ranked[..2]);
    assert!(
        section.contains(&format!("And {} other speakers", ranked.len() - 2)),
        "{section}"
    );
}

/// A quote as the page shows it: white space collapsed, at most 400 characters (then `…`),
/// escaped.
fn shown_quote(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = match collapsed.char_indices().nth(400) {
        Some((i, _)) => format!("{}…", &collapsed[..i]),
        None => collapsed,
    };
    esc(&cut)
}

/// Every `<blockquote>` text of `html`, in order.
fn blockquotes(html: &str) -> Vec<&str> {
    html.split("<blockquote>")
        .skip(1)
        .map(|q| &q[..q.find("</blockquote>").expect("blockquote closed")])
        .collect()
}

/// The Quotes section against the quotes of `glose annotate`: the headline figures, each
/// speaker's quotes and articles, the ranking, the quotes shown and folded, the anonymous
/// sources.
fn check_quotes(page: &str, e: &Expected) {
    let q = &e.quotes;
    let section = between(page, "<section id=\"quotes\">", "</section>");
    // The corpus has what the section is about: a speaker with more than three quotes,
    // anonymous sources, a quote with no speaker.
    assert!(q.total >= 20 && q.unattributed >= 1, "{q:?}");
    assert!(q.anonymous.values().sum::<usize>() >= 2, "{q:?}");
    assert_eq!(q.speakers["=karim-haddad"].texts.len(), 5, "{q:?}");

    let tile = |name: &str| {
        tags(section, "div")
            .into_iter()
            .find(|t| attr(t, name).is_some())
            .map(|t| num_attr(t, name) as usize)
            .unwrap_or_else(|| panic!("no tile with {name}"))
    };
    assert_eq!(tile("data-quotes"), q.total);
    assert_eq!(tile("data-named"), q.named());
    assert_eq!(tile("data-speakers"), q.speakers.len());
    assert_eq!(tile("data-anonymous"), q.anonymous.values().sum::<usize>());
    assert_eq!(tile("data-unattributed"), q.unattributed);
    assert_eq!(
        q.named() + q.anonymous.values().sum::<usize>() + q.unattributed,
        q.total
    );
    // The shares, rounded to whole percents.
    let share = |n: usize| format!("<b>{}%</b>", (n * 100 + q.total / 2) / q.total);
    assert!(section.contains(&share(q.named())), "{}", share(q.named()));
    assert!(section.contains(&share(q.unattributed)));

    // Speakers: the 25 most quoted, in order, with their counts, and an entity id that is
    // the id the charts of names give the speaker.
    let ranked = q.ranked();
    let cards: Vec<&str> = section
        .split("<li class=\"card speaker\"")
        .skip(1)
        .collect();
    assert_eq!(cards.len(), ranked.len().min(25));
    for (card, (key, want)) in cards.iter().zip(&ranked) {
        let head = &card[..card.find('>').unwrap()];
        assert_eq!(attr(head, "data-speaker"), Some(esc(key).as_str()));
        assert_eq!(
            num_attr(head, "data-quotes") as usize,
            want.texts.len(),
            "{key}"
        );
        assert_eq!(
            num_attr(head, "data-articles") as usize,
            want.articles.len(),
            "{key}"
        );
        match key.strip_prefix('=') {
            Some(id) => {
                assert_eq!(attr(head, "data-entity"), Some(esc(id).as_str()));
                assert!(e.entities.contains_key(id), "{id} is not in the charts");
                assert!(card.contains(&format!("<code class=\"id\">{}</code>", esc(id))));
            }
            None => assert_eq!(attr(head, "data-entity"), None, "{key}"),
        }
        // The first three quotes open, the others (up to 20 in all) folded, in corpus order.
        let card = &card[..card.find("</li>\n</ol>").unwrap_or(card.len())];
        let want_texts: Vec<String> = want.texts.iter().take(20).map(|t| shown_quote(t)).collect();
        assert_eq!(blockquotes(card), want_texts, "{key}");
        let (open, folded) = card.split_once("<details>").unwrap_or((card, ""));
        assert_eq!(blockquotes(open).len(), want.texts.len().min(3), "{key}");
        if want.texts.len() > 3 {
            let more = want.texts.len() - 3;
            let summary = format!(
                "<summary>{more} more {}</summary>",
                if more == 1 { "quote" } else { "quotes" }
            );
            assert!(folded.contains(&summary), "{key}: {summary}");
        } else {
            assert!(folded.is_empty(), "{key}");
        }
    }
    // The speaker with markup in a quote: escaped.
    let haddad = cards[0];
    assert!(haddad.contains("data-speaker=\"=karim-haddad\""));
    assert!(haddad.contains("« Le club &lt;Espoir&gt; &amp; ses joueurs"));
    assert!(!section.contains("<Espoir>"));

    // Anonymous sources: each description with its count, most frequent first.
    let sources: Vec<(usize, String)> = section
        .split("<span class=\"source\"")
        .skip(1)
        .map(|s| {
            let head = &s[..s.find('>').unwrap()];
            let text = &s[s.find('>').unwrap() + 1..s.find("</span>").unwrap()];
            // The most frequent spelling; the count is of every spelling in lower case.
            let name = text[..text.rfind(" (").unwrap()].to_lowercase();
            (num_attr(head, "data-count") as usize, name)
        })
        .collect();
    let mut want: Vec<(usize, String)> = q.anonymous.iter().map(|(d, n)| (*n, esc(d))).collect();
    want.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    assert_eq!(sources, want);
}

#[test]
fn same_bytes_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path());
    let (one, page_one) = report(&corpus, &dir.path().join("one.html"), &["-j", "1"]);
    let (two, page_two) = report(&corpus, &dir.path().join("two.html"), &["-j", "2"]);
    assert!(
        one.status.success() && two.status.success(),
        "{}",
        stderr(&two)
    );
    assert!(page_one.len() > 10_000);
    assert!(page_one == page_two, "-j 1 and -j 2 differ");
}

#[test]
fn an_empty_corpus_gives_a_page_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("empty");
    std::fs::create_dir(&corpus).unwrap();
    let out = dir.path().join("report.html");
    let (o, page) = report(&corpus, &out, &[]);
    // The missing articles are an error, as for `glose annotate`; the page is written.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no-articles"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
    assert!(page.contains("<h2>No articles</h2>"), "{page}");
    assert!(!page.contains("<section id=\"network\">"));
    assert!(page.trim_end().ends_with("</html>"));
    check_svg_numbers(&page);
}

#[test]
fn a_corpus_without_dates_and_with_one_name() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    glose_core::testing::write_files(
        &corpus,
        &[
            ("a.txt", "Raqqa se reconstruit lentement.\n"),
            ("b.txt", "Le calme est revenu.\n"),
        ],
    );
    let out = dir.path().join("report.html");
    let (o, page) = report(&corpus, &out, &[]);
    assert_success(&o);
    assert!(page.contains("No article carries a date marker"));
    assert!(page.contains("2 articles without a date"));
    assert!(page.contains("No quotes found in these articles."));
    let network = between(&page, "<section id=\"network\">", "</section>");
    let nodes: Vec<&str> = tags(network, "circle");
    assert_eq!(nodes.len(), 1, "{network}");
    assert!(tags(network, "line").is_empty());
    assert!(network.contains("data-entity=\"raqqa\""));
    check_svg_numbers(&page);

    // Bad arguments are refused with a message, before any work.
    let o = glose(&["report", corpus.to_str().unwrap(), "--network", "100000"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--network"), "{}", stderr(&o));
    let o = glose(&[
        "report",
        corpus.to_str().unwrap(),
        "--out",
        dir.path().join("missing/folder/r.html").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot create"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

// ---------------------------------------------------------------------------------------
// Headless Chromium.

fn chromium() -> Result<PathBuf, String> {
    let runs = |name: &Path| {
        Command::new(name)
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if let Some(path) = std::env::var_os("GLOSE_CHROMIUM") {
        let path = PathBuf::from(path);
        return if runs(&path) {
            Ok(path)
        } else {
            Err(format!("GLOSE_CHROMIUM={} does not run", path.display()))
        };
    }
    for name in ["chromium", "chromium-browser"] {
        if runs(Path::new(name)) {
            return Ok(PathBuf::from(name));
        }
    }
    Err("Chromium not found (GLOSE_CHROMIUM, or chromium on PATH)".into())
}

/// Runs Chromium headless with a profile of its own, killed after `limit`.
fn run_chromium(chromium: &Path, profile: &Path, args: &[String], limit: Duration) -> Output {
    let start = Instant::now();
    let (out, finished) = output_within(
        Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-extensions",
                "--force-device-scale-factor=1",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args)
            .env("HOME", profile)
            .stdin(Stdio::null()),
        limit,
    );
    assert!(
        finished,
        "Chromium did not finish in {:?}: {args:?}",
        start.elapsed()
    );
    out
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.len() > 24, "PNG too short");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
fn chromium_renders_the_page() {
    let Some(chromium) = editor_or_skip(chromium()) else {
        return;
    };
    let artefacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&artefacts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let corpus = examples_copy(dir.path());
    let page_path = artefacts.join("report.html");
    let (o, page) = report(&corpus, &page_path, &["--title", "examples/corpus"]);
    assert_success(&o);
    let profile = dir.path().join("chromium-profile");
    std::fs::create_dir_all(&profile).unwrap();
    let limit = Duration::from_secs(90);
    let url = |p: &Path| format!("file://{}", p.display());
    let (width, height) = (1280u32, 2400u32);
    // The DOM of `page` after its script ran.
    let dump_dom = |page: &Path| {
        let dom = run_chromium(
            &chromium,
            &profile,
            &["--dump-dom".into(), url(page)],
            limit,
        );
        String::from_utf8_lossy(&dom.stdout).into_owned()
    };
    // A screenshot of `page`, of the window's size, into `png`.
    let window = format!("--window-size={width},{height}");
    let screenshot = |page: &Path, png: &Path| {
        let shot = format!("--screenshot={}", png.display());
        run_chromium(
            &chromium,
            &profile,
            &[shot, window.clone(), url(page)],
            limit,
        );
    };

    // The DOM after the page's script ran: every section, node and link parsed.
    let started = Instant::now();
    let dom = dump_dom(&page_path);
    for id in ["entities", "timeline", "network", "figures", "quotes"] {
        assert!(
            dom.contains(&format!("<section id=\"{id}\">")),
            "{id} missing from the DOM"
        );
    }
    let count = |text: &str, what: &str| text.matches(what).count();
    assert_eq!(count(&dom, "<circle "), count(&page, "<circle "));
    assert_eq!(
        count(&dom, "class=\"edge\""),
        count(&page, "class=\"edge\"")
    );
    assert!(count(&dom, "<circle ") >= 30);

    // The quotes of a corpus with a speaker quoted more than three times: every quote in
    // the DOM, the folded ones inside a closed <details>.
    let quotes_corpus = corpus_copy(&dir.path().join("quotes"));
    let quotes_page = artefacts.join("quotes.html");
    let (o, page) = report(&quotes_corpus, &quotes_page, &[]);
    assert_success(&o);
    let dom = dump_dom(&quotes_page);
    let quotes = between(&dom, "<section id=\"quotes\">", "</section>");
    assert_eq!(
        count(quotes, "<blockquote>"),
        count(&page, "<blockquote>"),
        "{quotes}"
    );
    assert!(count(quotes, "<details>") >= 1, "{quotes}");
    assert_eq!(count(quotes, "<details"), count(&page, "<details>"));
    assert_eq!(count(quotes, "<summary>"), count(quotes, "<details>"));
    assert!(
        quotes.contains("<summary>2 more quotes</summary>"),
        "{quotes}"
    );
    assert!(quotes.contains("« Le club &lt;Espoir&gt; &amp; ses joueurs"));
    assert!(count(quotes, "class=\"card speaker\"") >= 15);

    // The screenshot, and one of a blank page of the same size to compare with.
    let shot = artefacts.join("report.png");
    let _ = std::fs::remove_file(&shot);
    screenshot(&page_path, &shot);
    let blank_page = dir.path().join("blank.html");
    std::fs::write(
        &blank_page,
        "<!DOCTYPE html><html><body style=\"background:#fff\"></body></html>",
    )
    .unwrap();
    let blank = dir.path().join("blank.png");
    screenshot(&blank_page, &blank);
    say(&format!(
        "Chromium: four runs in {:.1}s; screenshot at {}",
        started.elapsed().as_secs_f64(),
        shot.display()
    ));
    let png = std::fs::read(&shot).expect("the screenshot is written");
    assert_eq!(png_size(&png), (width, height));
    let blank_png = std::fs::read(&blank).expect("the blank screenshot is written");
    assert_eq!(png_size(&blank_png), (width, height));
    // Charts, text and colour compress far less than an empty page.
    assert!(
        png.len() > 20 * blank_png.len() && png.len() > 100_000,
        "the screenshot looks blank: {} bytes, a blank page {} bytes",
        png.len(),
        blank_png.len()
    );

    if std::env::var("GLOSE_UPDATE_DOCS").is_ok_and(|v| v == "1") {
        let docs = repo_root().join("docs/images/report.png");
        std::fs::create_dir_all(docs.parent().unwrap()).unwrap();
        std::fs::copy(&shot, &docs).unwrap();
        say(&format!("copied to {}", docs.display()));
    }
}
