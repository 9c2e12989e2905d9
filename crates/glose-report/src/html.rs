//! The report as one HTML page: inline CSS, inline SVG and a few lines of inline
//! JavaScript (the page works without them), nothing fetched. Every text that comes
//! from the corpus or the knowledge base is escaped.

use std::fmt::Write;

use super::data::{CountRow, EntityRow, Period, QUOTES_KEPT, Quote, Report, Timeline};
use super::layout;

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($($t:tt)*) => {{
        let _ = write!($($t)*);
    }};
}

/// Escapes text for HTML content and quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `12,345`.
fn num(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", num(n), if n == 1 { one } else { many })
}

/// `3 other speakers`: how many rows a list leaves out, when it leaves any out.
fn others(hidden: usize, noun: &str) -> Option<String> {
    (hidden > 0).then(|| plural(hidden, &format!("other {noun}"), &format!("other {noun}s")))
}

/// The CSS class that gives a label its colour.
fn type_class(label: &str) -> &'static str {
    match label {
        "PER" => "t-per",
        "ORG" => "t-org",
        "LOC" => "t-loc",
        "DATE" => "t-date",
        "QUANTITY" => "t-qty",
        "QUOTE" => "t-quote",
        _ => "t-other",
    }
}

fn type_title(label: &str) -> String {
    match label {
        "PER" => "People".to_owned(),
        "ORG" => "Organisations".to_owned(),
        "LOC" => "Places".to_owned(),
        "MISC" => "Other names".to_owned(),
        other => format!("Names tagged {other}"),
    }
}

/// Timeline stacks, bottom to top, with their class and legend.
const STACKS: [(&str, &str); 4] = [
    ("t-per", "people"),
    ("t-org", "organisations"),
    ("t-loc", "places"),
    ("t-other", "other names"),
];

/// A round maximum for an axis, and the step between its ticks.
fn axis(max: usize) -> (usize, usize) {
    let max = max.max(1);
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            let s = step * m;
            if max.div_ceil(s) <= 5 {
                return (max.div_ceil(s) * s, s);
            }
        }
        step *= 10;
    }
}

fn dates_of(e: &EntityRow) -> String {
    match (e.first_date, e.last_date) {
        (Some(a), Some(b)) if a == b => format!(", dated {a}"),
        (Some(a), Some(b)) => format!(", dated {a} to {b}"),
        _ => String::new(),
    }
}

fn wikidata_url(id: &str) -> String {
    format!("https://www.wikidata.org/wiki/{}", esc(id))
}

const STYLE: &str = r#"
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--card:#f6f8fa;--line:#d0d7de;--grid:#e3e7eb;--track:#e9edf1;--edge:#7d868f;--halo:#fff;
--per:#0b6bb0;--org:#c4520a;--loc:#00795a;--other:#9b4a8e;--date:#8c6400;--qty:#5b54b8;--quote:#5f6b78}
@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--fg:#e6edf3;--muted:#9aa5b1;--card:#161b22;--line:#30363d;--grid:#262c33;--track:#21262d;--edge:#6e7781;--halo:#161b22;
--per:#5cb8f0;--org:#f5934f;--loc:#3fcf9f;--other:#e08fd0;--date:#e3b341;--qty:#a9a4ff;--quote:#a3adb8}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--line:#bbb;--grid:#ddd;--track:#eee;--edge:#888;--halo:#fff;
--per:#0b6bb0;--org:#c4520a;--loc:#00795a;--other:#9b4a8e;--date:#8c6400;--qty:#5b54b8;--quote:#5f6b78}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}nav{display:none}section,.card{break-inside:avoid}body{padding:0}}
.t-per{--c:var(--per)}.t-org{--c:var(--org)}.t-loc{--c:var(--loc)}.t-other{--c:var(--other)}.t-date{--c:var(--date)}.t-qty{--c:var(--qty)}.t-quote{--c:var(--quote)}
*{box-sizing:border-box}
body{margin:0;padding:24px 16px 48px;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:1180px;margin:0 auto}
a{color:inherit;text-decoration:underline dotted;text-underline-offset:2px}
a:hover,a:focus{text-decoration:underline solid}
h1{font-size:1.9rem;margin:.1em 0 .4em;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:0 0 .2em}
h3{font-size:1.02rem;margin:0 0 .5em;display:flex;flex-wrap:wrap;align-items:baseline;gap:0 .45em}
h3 small,figcaption small{font-weight:normal;color:var(--muted)}
.kicker{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.08em;font-size:.78rem}
.note{color:var(--muted);margin:.2em 0 1em;max-width:75ch}
section{margin-top:32px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:16px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:14px 0}
.tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 14px}
.tile b{display:block;font-size:1.45rem;line-height:1.2}
.tile span{color:var(--muted);font-size:.88rem}
.chips{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:8px}
.chips li{border:1px solid var(--line);border-radius:999px;padding:2px 10px 2px 8px;font-size:.9rem;display:flex;align-items:center;gap:6px}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:3px;background:var(--c);flex:none}
nav{margin:10px 0 0;font-size:.92rem}nav a{margin-right:14px}
ol.bars{list-style:none;margin:0;padding:0}
ol.bars li{display:grid;grid-template-columns:minmax(0,1fr) 56px 5.8em;align-items:center;gap:8px;padding:2px 4px;border-radius:4px;font-size:.9rem}
ol.bars li.on{background:var(--track)}
.name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{display:block;height:12px;background:var(--track);border-radius:3px;overflow:hidden}
.fill{display:block;height:100%;background:var(--c);border-radius:3px}
.num{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap}
.num small{color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
svg{display:block;width:100%;height:auto;font-family:inherit}
svg text{fill:var(--fg);font-size:12px}
svg .muted{fill:var(--muted)}
svg .grid line{stroke:var(--grid);stroke-width:1}
svg .axis{stroke:var(--muted);stroke-width:1}
svg .sep{stroke:var(--muted);stroke-dasharray:4 4}
svg .bar{fill:var(--c)}
svg .strip{fill:var(--muted)}
svg .hit{fill:transparent}
svg .period:hover .hit{fill:var(--grid);fill-opacity:.6}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:10px 0 0;padding:0;list-style:none;font-size:.88rem;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:6px}
.multiples{display:grid;grid-template-columns:repeat(auto-fit,minmax(250px,1fr));gap:12px;margin-top:16px}
.multiples figure{margin:0}
.multiples figcaption{font-size:.88rem;display:flex;flex-wrap:wrap;align-items:center;gap:0 6px;margin-bottom:4px}
.multiples figcaption b{font-weight:600;flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.multiples figcaption small{flex-basis:100%;color:var(--muted)}
.net .edge{stroke:var(--edge);stroke-opacity:.4;stroke-linecap:round}
.net .node circle{fill:var(--c);stroke:var(--halo);stroke-width:1.5}
.net .node text{font-size:12.5px;paint-order:stroke;stroke:var(--halo);stroke-width:3.5px;stroke-linejoin:round}
.net .node .minor{display:none}
.net .node:hover .minor,.net .node:focus .minor,.net.focus .node.on .minor{display:inline}
.net .node:focus{outline:none}.net .node:focus circle{stroke:var(--fg);stroke-width:2.5}
.net.focus .node:not(.on){opacity:.18}
.net.focus .edge:not(.on){stroke-opacity:.06}
.net.focus .edge.on{stroke-opacity:.9}
.speakers{list-style:none;margin:14px 0 0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:12px;align-items:start}
.speaker h3{margin-bottom:.3em}.speaker h3 small{flex-basis:100%}
.speaker .name{font-weight:600}.speaker code.id{font-size:.78rem;font-weight:normal;color:var(--muted)}
.speaker .track{height:6px;margin-bottom:6px}
ul.said{list-style:none;margin:0;padding:0}
ul.said li{margin:.55em 0;padding-left:10px;border-left:3px solid var(--quote)}
ul.said blockquote{margin:0;font-size:.92rem;overflow-wrap:anywhere}
ul.said small{display:block;color:var(--muted);font-size:.8rem;overflow-wrap:anywhere}
details summary{cursor:pointer;color:var(--muted);font-size:.88rem;margin-top:4px}
.apart{margin:14px 0 0;max-width:110ch}.apart .source{white-space:nowrap}
footer{margin-top:36px;color:var(--muted);font-size:.85rem}
"#;

/// Hover and focus: an entity lights up with its neighbours in the network, and its rows
/// in the charts.
const SCRIPT: &str = r#"
(function () {
  var net = document.querySelector('svg.net');
  if (!net) return;
  var nodes = Array.prototype.slice.call(net.querySelectorAll('.node'));
  var edges = Array.prototype.slice.call(net.querySelectorAll('.edge'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('ol.bars li[data-entity]'));
  var near = {};
  edges.forEach(function (e) {
    var a = e.getAttribute('data-a'), b = e.getAttribute('data-b');
    (near[a] = near[a] || {})[b] = true;
    (near[b] = near[b] || {})[a] = true;
  });
  function on(id) {
    var n = near[id] || {};
    net.classList.add('focus');
    nodes.forEach(function (x) {
      var k = x.getAttribute('data-entity');
      x.classList.toggle('on', k === id || n[k] === true);
    });
    edges.forEach(function (e) {
      e.classList.toggle('on', e.getAttribute('data-a') === id || e.getAttribute('data-b') === id);
    });
    rows.forEach(function (r) { r.classList.toggle('on', r.getAttribute('data-entity') === id); });
  }
  function off() {
    net.classList.remove('focus');
    rows.forEach(function (r) { r.classList.remove('on'); });
  }
  nodes.forEach(function (x) {
    var id = x.getAttribute('data-entity');
    x.addEventListener('mouseenter', function () { on(id); });
    x.addEventListener('focus', function () { on(id); });
    x.addEventListener('mouseleave', off);
    x.addEventListener('blur', off);
  });
  var known = {};
  nodes.forEach(function (x) { known[x.getAttribute('data-entity')] = true; });
  rows.forEach(function (r) {
    var id = r.getAttribute('data-entity');
    if (!known[id]) return;
    r.addEventListener('mouseenter', function () { on(id); });
    r.addEventListener('mouseleave', off);
  });
})();
"#;

/// The whole page.
pub(crate) fn render(report: &Report) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let title = esc(&report.title);
    w!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"glose {}\">\n\
         <title>{title}: corpus report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION")
    );
    header(&mut h, report);
    if report.articles == 0 {
        h.push_str(
            "<section id=\"nothing\">\n<h2>No articles</h2>\n<p class=\"note\">No article was \
             read from these paths, so there is nothing to chart: no names, no dates, no \
             network.</p>\n</section>\n",
        );
    } else {
        entities(&mut h, report);
        timeline(&mut h, &report.timeline);
        network(&mut h, report);
        figures(&mut h, report);
        quotes(&mut h, report);
    }
    w!(
        h,
        "<footer><p>Made by glose {} from the annotations <code>glose annotate</code> writes \
         (the resolved layer). Names are the knowledge base's when the mention is linked to it, \
         else the most frequent spelling; names that fold alike (capitals, accents) count as one.\
         </p></footer>\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    h
}

fn header(h: &mut String, r: &Report) {
    w!(
        h,
        "<header>\n<p class=\"kicker\">glose corpus report</p>\n<h1>{}</h1>\n<div class=\"tiles\">\n",
        esc(&r.title)
    );
    let mut not_read = Vec::new();
    if r.skipped > 0 {
        not_read.push(format!("{} skipped", num(r.skipped)));
    }
    if r.failed > 0 {
        not_read.push(format!("{} unreadable", num(r.failed)));
    }
    w!(
        h,
        "<div class=\"tile\" data-articles=\"{}\"><b>{}</b><span>{}</span></div>\n",
        r.articles,
        num(r.articles),
        if not_read.is_empty() {
            if r.articles == 1 {
                "article"
            } else {
                "articles"
            }
            .to_owned()
        } else {
            format!("articles ({})", not_read.join(", "))
        }
    );
    let range = match (r.first, r.last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "no dates".to_owned(),
    };
    w!(
        h,
        "<div class=\"tile\" data-dated=\"{}\" data-undated=\"{}\"><b>{range}</b><span>{} · {} undated</span></div>\n",
        r.dated,
        r.undated,
        plural(r.dated, "dated article", "dated articles"),
        num(r.undated)
    );
    let total: usize = r.labels.iter().map(|l| l.1).sum();
    w!(
        h,
        "<div class=\"tile\"><b>{}</b><span>distinct people, organisations, places…</span></div>\n\
         <div class=\"tile\"><b>{}</b><span>annotations</span></div>\n</div>\n<ul class=\"chips\">\n",
        num(r.distinct_entities),
        num(total)
    );
    for (label, n) in &r.labels {
        w!(
            h,
            "<li class=\"{}\" data-label=\"{}\" data-count=\"{n}\"><i class=\"sw\"></i>{} <b>{}</b></li>\n",
            type_class(label),
            esc(label),
            esc(label),
            num(*n)
        );
    }
    h.push_str("</ul>\n");
    if r.articles == 0 {
        h.push_str("</header>\n");
        return;
    }
    h.push_str(
        "<nav><a href=\"#entities\">Most mentioned</a><a href=\"#timeline\">Timeline</a>\
         <a href=\"#network\">Network</a><a href=\"#figures\">Dates, quantities</a><a href=\"#quotes\">Quotes</a></nav>\n</header>\n",
    );
}

/// A bar chart as an HTML list: name, bar, count and articles.
struct Bar<'a> {
    name: &'a str,
    count: usize,
    articles: usize,
    wikidata: Option<&'a str>,
    title: String,
    /// `data-` attributes.
    data: String,
}

/// A list of bars coloured by `class`; with the number of articles beside each count
/// when `articles` is set (not for years).
fn bar_list(h: &mut String, class: &str, bars: &[Bar<'_>], articles: bool) {
    if bars.is_empty() {
        h.push_str("<p class=\"empty\">none</p>\n");
        return;
    }
    let max = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    h.push_str("<ol class=\"bars\">\n");
    for b in bars {
        let name = match b.wikidata {
            Some(id) => format!(
                "<a href=\"{}\" title=\"Wikidata {}\">{}</a>",
                wikidata_url(id),
                esc(id),
                esc(b.name)
            ),
            None => esc(b.name),
        };
        let articles = if articles {
            format!(" <small>· {} art.</small>", num(b.articles))
        } else {
            String::new()
        };
        w!(
            h,
            "<li{} title=\"{}\"><span class=\"name\">{name}</span><span class=\"track\">\
             <span class=\"fill {class}\" style=\"width:{:.1}%\"></span></span>\
             <span class=\"num\">{}{articles}</span></li>\n",
            b.data,
            esc(&b.title),
            b.count as f64 * 100.0 / max as f64,
            num(b.count),
        );
    }
    h.push_str("</ol>\n");
}

fn entity_title(e: &EntityRow) -> String {
    let mut t = format!(
        "{} ({}): {} in {}{}",
        e.name,
        e.label,
        plural(e.mentions, "mention", "mentions"),
        plural(e.articles, "article", "articles"),
        dates_of(e)
    );
    if let Some(d) = &e.description {
        t.push_str(". ");
        t.push_str(d);
    }
    t
}

fn entity_bars(rows: &[EntityRow]) -> Vec<Bar<'_>> {
    rows.iter()
        .map(|e| Bar {
            name: &e.name,
            count: e.mentions,
            articles: e.articles,
            wikidata: e.wikidata.as_deref(),
            title: entity_title(e),
            data: format!(
                " data-entity=\"{}\" data-mentions=\"{}\" data-articles=\"{}\"",
                esc(&e.id),
                e.mentions,
                e.articles
            ),
        })
        .collect()
}

fn entities(h: &mut String, r: &Report) {
    h.push_str(
        "<section id=\"entities\">\n<h2>Most mentioned</h2>\n<p class=\"note\">Bars: mentions; \
         <em>art.</em>: articles that mention the name. Linked names open their Wikidata page.</p>\n\
         <div class=\"grid\">\n",
    );
    for top in &r.tops {
        let class = type_class(top.label);
        w!(
            h,
            "<div class=\"card\" data-type=\"{}\">\n<h3><i class=\"sw {class}\"></i>{} <small>{} · {} distinct · {}</small></h3>\n",
            esc(top.label),
            esc(&type_title(top.label)),
            esc(top.label),
            num(top.distinct),
            plural(top.mentions, "mention", "mentions")
        );
        bar_list(h, class, &entity_bars(&top.rows), true);
        h.push_str("</div>\n");
    }
    h.push_str("</div>\n</section>\n");
}

fn legend(h: &mut String, extra: &str) {
    h.push_str("<ul class=\"legend\">");
    for (class, name) in STACKS {
        w!(h, "<li><i class=\"sw {class}\"></i>{name}</li>");
    }
    h.push_str(extra);
    h.push_str("</ul>\n");
}

fn period_title(p: &Period) -> String {
    let mut t = format!(
        "{}: {}, {}",
        p.name,
        plural(p.articles, "article", "articles"),
        plural(p.mentions(), "mention", "mentions")
    );
    let parts: Vec<String> = STACKS
        .iter()
        .zip(p.by_type)
        .filter(|(_, n)| *n > 0)
        .map(|((_, name), n)| format!("{name} {}", num(n)))
        .collect();
    if !parts.is_empty() {
        t.push_str(" (");
        t.push_str(&parts.join(", "));
        t.push(')');
    }
    t
}

fn timeline(h: &mut String, t: &Timeline) {
    h.push_str("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
    let unit = if t.by_year { "year" } else { "month" };
    if t.periods.is_empty() {
        w!(
            h,
            "<p class=\"note\">No article carries a date marker (<code> date YYYY-MM</code> \
             at the start of its text): {} without a date.</p>\n</section>\n",
            plural(t.undated.articles, "article", "articles")
        );
        return;
    }
    w!(
        h,
        "<p class=\"note\">Mentions of names by the {unit} of the article (its <code>date</code> \
         marker), by type; the grey strip counts the articles. Undated articles are counted apart, \
         on the right.</p>\n<div class=\"card\">\n"
    );
    const W: f64 = 1000.0;
    let (left, top, base) = (52.0, 12.0, 214.0);
    let has_undated = t.undated.articles > 0;
    let right = if has_undated { W - 84.0 } else { W - 12.0 };
    let n = t.periods.len();
    let step = (right - left) / n as f64;
    let bar = if step >= 3.0 {
        (step * 0.78).min(56.0)
    } else {
        step
    };
    let max = t
        .periods
        .iter()
        .chain(has_undated.then_some(&t.undated))
        .map(Period::mentions)
        .max()
        .unwrap_or(0);
    let (ymax, ystep) = axis(max);
    let scale = (base - top) / ymax as f64;
    let max_articles = t
        .periods
        .iter()
        .chain(has_undated.then_some(&t.undated))
        .map(|p| p.articles)
        .max()
        .unwrap_or(1)
        .max(1);
    let (strip_base, strip_h) = (286.0, 22.0);
    w!(
        h,
        "<svg class=\"timeline\" viewBox=\"0 0 1000 300\" role=\"img\" aria-label=\"Mentions by {unit}\">\n<g class=\"grid\">"
    );
    let mut y = 0;
    while y <= ymax {
        let py = base - y as f64 * scale;
        w!(
            h,
            "<line x1=\"{left}\" x2=\"{right:.1}\" y1=\"{py:.1}\" y2=\"{py:.1}\"/>"
        );
        y += ystep;
    }
    h.push_str("</g>\n");
    let mut y = 0;
    while y <= ymax {
        let py = base - y as f64 * scale;
        w!(
            h,
            "<text class=\"muted\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            py + 4.0,
            num(y)
        );
        y += ystep;
    }
    w!(
        h,
        "\n<text class=\"muted\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">articles</text>\n",
        left - 6.0,
        strip_base - 4.0
    );
    let draw = |h: &mut String, p: &Period, x: f64, width: f64| {
        w!(
            h,
            "<g class=\"period\" data-period=\"{}\" data-mentions=\"{}\" data-articles=\"{}\"><title>{}</title>\
             <rect class=\"hit\" x=\"{x:.1}\" y=\"{top}\" width=\"{width:.2}\" height=\"{:.1}\"/>",
            esc(&p.name),
            p.mentions(),
            p.articles,
            esc(&period_title(p)),
            strip_base - top
        );
        let mut y = base;
        for ((class, _), count) in STACKS.iter().zip(p.by_type) {
            if count == 0 {
                continue;
            }
            let height = count as f64 * scale;
            y -= height;
            w!(
                h,
                "<rect class=\"bar {class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.2}\" height=\"{height:.1}\"/>"
            );
        }
        if p.articles > 0 {
            let height = (p.articles as f64 / max_articles as f64 * strip_h).max(1.5);
            w!(
                h,
                "<rect class=\"strip\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.2}\" height=\"{height:.1}\"/>",
                strip_base - height
            );
        }
        h.push_str("</g>\n");
    };
    for (i, p) in t.periods.iter().enumerate() {
        let x = left + i as f64 * step + (step - bar) / 2.0;
        draw(h, p, x, bar);
    }
    w!(
        h,
        "<line class=\"axis\" x1=\"{left}\" x2=\"{right:.1}\" y1=\"{base}\" y2=\"{base}\"/>\n"
    );
    // Labels under the axis: every period when they fit, else years.
    let label_every = if t.by_year {
        [1, 2, 5, 10, 20, 50]
            .into_iter()
            .find(|k| (right - left) / (n as f64 / *k as f64) >= 44.0)
            .unwrap_or(100)
    } else {
        0
    };
    for (i, p) in t.periods.iter().enumerate() {
        let cx = left + (i as f64 + 0.5) * step;
        let label = if t.by_year {
            let year: usize = p.name.parse().unwrap_or(0);
            (year.is_multiple_of(label_every) || (i == 0 && n <= label_every))
                .then(|| p.name.clone())
        } else if step >= 62.0 {
            Some(p.name.clone())
        } else if p.name.ends_with("-01") {
            Some(p.name[..4].to_owned())
        } else if i == 0 && (n < 12 || step * 12.0 >= 44.0) {
            // The first month, when the first January is far enough.
            let month: usize = p.name[5..].parse().unwrap_or(1);
            (step * (13 - month) as f64 >= 60.0 || n < 12).then(|| p.name.clone())
        } else {
            None
        };
        if let Some(label) = label {
            let x = if step >= 62.0 || t.by_year {
                cx
            } else {
                left + i as f64 * step
            };
            w!(
                h,
                "<line class=\"axis\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{base}\" y2=\"{:.1}\"/>\
                 <text class=\"muted\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{}\">{}</text>\n",
                base + 5.0,
                base + 18.0,
                if step >= 62.0 || t.by_year {
                    "middle"
                } else {
                    "start"
                },
                esc(&label)
            );
        }
    }
    if has_undated {
        let sep = right + 18.0;
        let x = sep + 14.0;
        w!(
            h,
            "<line class=\"sep\" x1=\"{sep:.1}\" x2=\"{sep:.1}\" y1=\"{top}\" y2=\"{strip_base}\"/>\n"
        );
        draw(h, &t.undated, x, 40.0);
        w!(
            h,
            "<line class=\"axis\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{base}\" y2=\"{base}\"/>\
             <text class=\"muted\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">undated</text>\n",
            x - 4.0,
            x + 44.0,
            x + 20.0,
            base + 18.0
        );
    }
    h.push_str("</svg>\n");
    legend(
        h,
        "<li><i class=\"sw\" style=\"background:var(--muted)\"></i>articles</li>",
    );
    h.push_str("</div>\n");
    if !t.multiples.is_empty() {
        w!(
            h,
            "<h3 style=\"margin-top:18px\">The most mentioned names, {unit} by {unit}</h3>\n<div class=\"multiples\">\n"
        );
        for m in &t.multiples {
            let e = &m.entity;
            let class = type_class(e.label);
            let undated = if m.undated > 0 {
                format!(" · {} undated", num(m.undated))
            } else {
                String::new()
            };
            w!(
                h,
                "<figure class=\"card\" data-entity=\"{}\"><figcaption title=\"{}\"><i class=\"sw {class}\"></i><b>{}</b>\
                 <small>{}{undated}</small></figcaption>\n\
                 <svg viewBox=\"0 0 300 64\" role=\"img\" aria-label=\"{}\">",
                esc(&e.id),
                esc(&entity_title(e)),
                esc(&e.name),
                plural(e.mentions, "mention", "mentions"),
                esc(&format!("Mentions of {} by {unit}", e.name))
            );
            let peak = m.counts.iter().copied().max().unwrap_or(0).max(1);
            let step = 300.0 / n as f64;
            let bar = if step >= 3.0 {
                (step * 0.8).min(24.0)
            } else {
                step
            };
            for (i, &count) in m.counts.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let height = count as f64 / peak as f64 * 56.0;
                w!(
                    h,
                    "<rect class=\"bar {class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.2}\" height=\"{height:.1}\"><title>{}: {}</title></rect>",
                    i as f64 * step + (step - bar) / 2.0,
                    62.0 - height,
                    esc(&t.periods[i].name),
                    plural(count, "mention", "mentions")
                );
            }
            h.push_str(
                "<line class=\"axis\" x1=\"0\" x2=\"300\" y1=\"62.5\" y2=\"62.5\"/></svg></figure>\n",
            );
        }
        h.push_str("</div>\n");
    }
    h.push_str("</section>\n");
}

fn network(h: &mut String, r: &Report) {
    let net = &r.network;
    h.push_str("<section id=\"network\">\n<h2>Who appears with whom</h2>\n");
    if net.nodes.is_empty() {
        h.push_str(if r.distinct_entities == 0 {
            "<p class=\"note\">No names in this corpus.</p>\n</section>\n"
        } else {
            "<p class=\"note\">Left out (<code>--network 0</code>).</p>\n</section>\n"
        });
        return;
    }
    w!(
        h,
        "<p class=\"note\">{}; two are joined when they appear in the same \
         article, the thicker the line the more articles they share ({} of {} shown). Point at a \
         name to see its neighbours.</p>\n<div class=\"card\">\n\
         <svg class=\"net\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Co-occurrence network\">\n",
        match net.nodes.len() {
            1 => "The only name".to_owned(),
            n if n == r.distinct_entities => format!("All {} names", num(n)),
            n => format!("The {} most mentioned names", num(n)),
        },
        plural(net.edges.len(), "link", "links"),
        num(net.total_edges),
        layout::WIDTH,
        net.height
    );
    let max_weight = net.edges.iter().map(|e| e.weight).max().unwrap_or(1).max(1);
    let mut neighbours: Vec<Vec<(usize, usize)>> = vec![Vec::new(); net.nodes.len()];
    for e in &net.edges {
        neighbours[e.a].push((e.weight, e.b));
        neighbours[e.b].push((e.weight, e.a));
        let (a, b) = (&net.nodes[e.a], &net.nodes[e.b]);
        w!(
            h,
            "<line class=\"edge\" data-a=\"{}\" data-b=\"{}\" data-articles=\"{}\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" \
             stroke-width=\"{:.2}\"><title>{} and {}: {}</title></line>\n",
            esc(&a.entity.id),
            esc(&b.entity.id),
            e.weight,
            a.x,
            a.y,
            b.x,
            b.y,
            0.8 + 6.2 * (e.weight as f64 / max_weight as f64),
            esc(&a.entity.name),
            esc(&b.entity.name),
            plural(e.weight, "article", "articles")
        );
    }
    for (i, node) in net.nodes.iter().enumerate() {
        let e = &node.entity;
        let mut title = entity_title(e);
        let near = &mut neighbours[i];
        near.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        if !near.is_empty() {
            let names: Vec<String> = near
                .iter()
                .take(8)
                .map(|&(weight, j)| format!("{} ({weight})", net.nodes[j].entity.name))
                .collect();
            title.push_str(". With: ");
            title.push_str(&names.join(", "));
            if near.len() > 8 {
                w!(title, ", and {} more", near.len() - 8);
            }
        }
        let label = &node.label;
        w!(
            h,
            "<g class=\"node {}\" data-entity=\"{}\" data-mentions=\"{}\" tabindex=\"0\"><title>{}</title>\
             <circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\"/><text{} x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\">{}</text></g>\n",
            type_class(e.label),
            esc(&e.id),
            e.mentions,
            esc(&title),
            node.x,
            node.y,
            node.r,
            if label.shown { "" } else { " class=\"minor\"" },
            label.x,
            label.y,
            label.anchor,
            esc(&e.name)
        );
    }
    h.push_str("</svg>\n");
    legend(
        h,
        "<li>circle: mentions</li><li>line: articles in common</li>",
    );
    h.push_str("</div>\n</section>\n");
}

fn count_bars<'a>(rows: &'a [CountRow], what: &str) -> Vec<Bar<'a>> {
    rows.iter()
        .map(|row| Bar {
            name: &row.name,
            count: row.count,
            articles: row.articles,
            wikidata: row.wikidata.as_deref(),
            title: format!(
                "{}: {} in {}",
                row.name,
                plural(row.count, what, &format!("{what}s")),
                plural(row.articles, "article", "articles")
            ),
            data: format!(" data-count=\"{}\"", row.count),
        })
        .collect()
}

fn figures(h: &mut String, r: &Report) {
    h.push_str("<section id=\"figures\">\n<h2>Dates and quantities</h2>\n<div class=\"grid\">\n");
    // Years the dates refer to, in order.
    w!(
        h,
        "<div class=\"card\" data-type=\"DATE\">\n<h3><i class=\"sw t-date\"></i>Years the dates refer to \
         <small>{}</small></h3>\n",
        plural(r.dates_total, "date", "dates")
    );
    let years: Vec<String> = r.date_years.iter().map(|(y, _)| y.to_string()).collect();
    let bars: Vec<Bar<'_>> = r
        .date_years
        .iter()
        .zip(&years)
        .map(|((_, n), name)| Bar {
            name,
            count: *n,
            articles: 0,
            wikidata: None,
            title: format!("{name}: {}", plural(*n, "date", "dates")),
            data: format!(" data-year=\"{name}\" data-count=\"{n}\""),
        })
        .collect();
    bar_list(h, "t-date", &bars, false);
    h.push_str("</div>\n");

    w!(
        h,
        "<div class=\"card\" data-type=\"QUANTITY\">\n<h3><i class=\"sw t-qty\"></i>What is counted \
         <small>{}</small></h3>\n",
        plural(r.quantities_total, "quantity", "quantities")
    );
    bar_list(h, "t-qty", &count_bars(&r.nouns, "quantity"), true);
    h.push_str("</div>\n");

    h.push_str("</div>\n</section>\n");
}

/// `n` of `total` as a whole percentage; never 0% or 100% when it is not exactly that.
fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        return "–".to_owned();
    }
    let p = (n * 100 + total / 2) / total;
    if n > 0 && p == 0 {
        "&lt;1%".to_owned()
    } else if n < total && p == 100 {
        "&gt;99%".to_owned()
    } else {
        format!("{p}%")
    }
}

/// The file name of an article's path (its whole path in the tooltip).
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or(path)
}

/// Quotes shown open for each speaker; the others are behind a `<details>`.
const QUOTES_OPEN: usize = 3;

fn quote_list(h: &mut String, quotes: &[Quote]) {
    h.push_str("<ul class=\"said\">\n");
    for q in quotes {
        let mut about = Vec::new();
        if let Some(verb) = &q.verb {
            about.push(esc(verb));
        }
        about.push(format!(
            "<span title=\"{}\">{}</span>",
            esc(&q.path),
            esc(file_name(&q.path))
        ));
        if let Some(date) = q.date {
            about.push(date.to_string());
        }
        w!(
            h,
            "<li class=\"quote\"><blockquote>{}</blockquote><small>{}</small></li>\n",
            esc(&q.text),
            about.join(" · ")
        );
    }
    h.push_str("</ul>\n");
}

fn quotes(h: &mut String, r: &Report) {
    let q = &r.quotes;
    h.push_str("<section id=\"quotes\">\n<h2>Quotes</h2>\n");
    if q.total == 0 {
        h.push_str("<p class=\"note\" data-quotes=\"0\">No quotes found in these articles.</p>\n</section>\n");
        return;
    }
    w!(
        h,
        "<p class=\"note\">Quoted speech (<code>QUOTE</code>) grouped by speaker: the speaker's \
         entity when the quote tagger links it, else its name as written. Speakers are ranked by \
         quotes, then articles; each shows its first {QUOTES_OPEN} quotes in corpus order, the \
         others behind a fold.</p>\n<div class=\"tiles\">\n\
         <div class=\"tile\" data-quotes=\"{}\"><b>{}</b><span>{}</span></div>\n\
         <div class=\"tile\" data-named=\"{}\" data-speakers=\"{}\"><b>{}</b><span>with a named speaker ({}, {})</span></div>\n\
         <div class=\"tile\" data-anonymous=\"{}\"><b>{}</b><span>from anonymous sources ({})</span></div>\n\
         <div class=\"tile\" data-unattributed=\"{}\"><b>{}</b><span>with no speaker found ({})</span></div>\n</div>\n",
        q.total,
        num(q.total),
        if q.total == 1 { "quote" } else { "quotes" },
        q.named,
        q.distinct_speakers,
        percent(q.named, q.total),
        num(q.named),
        plural(q.distinct_speakers, "speaker", "speakers"),
        q.anonymous,
        percent(q.anonymous, q.total),
        num(q.anonymous),
        q.unattributed,
        percent(q.unattributed, q.total),
        num(q.unattributed),
    );
    w!(
        h,
        "<p class=\"apart\" data-anonymous=\"{}\"><b>{} from anonymous sources</b>",
        q.anonymous,
        plural(q.anonymous, "quote", "quotes")
    );
    if !q.anonymous_sources.is_empty() {
        let sources: Vec<String> = q
            .anonymous_sources
            .iter()
            .map(|row| {
                let name = if row.name.is_empty() {
                    "<em>no description</em>".to_owned()
                } else {
                    esc(&row.name)
                };
                format!(
                    "<span class=\"source\" data-count=\"{}\" data-articles=\"{}\">{name} ({})</span>",
                    row.count,
                    row.articles,
                    num(row.count)
                )
            })
            .collect();
        w!(h, ": {}", sources.join(", "));
        let hidden = q.anonymous_distinct - q.anonymous_sources.len();
        if let Some(others) = others(hidden, "description") {
            w!(h, ", and {others}");
        }
    }
    h.push_str(".</p>\n");
    w!(
        h,
        "<p class=\"apart\" data-unattributed=\"{}\"><b>{} with no speaker found</b>: quoted \
         words the quote tagger attributes to no one.</p>\n",
        q.unattributed,
        plural(q.unattributed, "quote", "quotes")
    );
    if q.named > 0 && q.speakers.is_empty() {
        h.push_str("<p class=\"note\">Speakers left out (<code>--speakers 0</code>).</p>\n");
    }
    if !q.speakers.is_empty() {
        let max = q.speakers.iter().map(|s| s.count).max().unwrap_or(1).max(1);
        h.push_str("<ol class=\"speakers\">\n");
        for s in &q.speakers {
            let name = match &s.wikidata {
                Some(id) => format!(
                    "<a href=\"{}\" title=\"Wikidata {}\">{}</a>",
                    wikidata_url(id),
                    esc(id),
                    esc(&s.name)
                ),
                None => esc(&s.name),
            };
            let (entity_attr, id) = match &s.entity {
                Some(id) => (
                    format!(" data-entity=\"{}\"", esc(id)),
                    format!(" <code class=\"id\">{}</code>", esc(id)),
                ),
                None => (String::new(), String::new()),
            };
            w!(
                h,
                "<li class=\"card speaker\" data-speaker=\"{}\"{entity_attr} data-quotes=\"{}\" data-articles=\"{}\">\n\
                 <h3><i class=\"sw {}\"></i><span class=\"name\">{name}</span>{id}\
                 <small>{} · {}</small></h3>\n\
                 <span class=\"track\"><span class=\"fill t-quote\" style=\"width:{:.1}%\"></span></span>\n",
                esc(&s.key),
                s.count,
                s.articles,
                s.label.map_or("t-quote", type_class),
                plural(s.count, "quote", "quotes"),
                plural(s.articles, "article", "articles"),
                s.count as f64 * 100.0 / max as f64,
            );
            let open = s.quotes.len().min(QUOTES_OPEN);
            quote_list(h, &s.quotes[..open]);
            let rest = s.count - open;
            if rest > 0 {
                w!(
                    h,
                    "<details><summary>{} more {}</summary>\n",
                    num(rest),
                    if rest == 1 { "quote" } else { "quotes" }
                );
                quote_list(h, &s.quotes[open..]);
                let left = s.count - s.quotes.len();
                if left > 0 {
                    w!(
                        h,
                        "<p class=\"note\">and {} not shown (the page keeps the first {QUOTES_KEPT} \
                         of each speaker).</p>\n",
                        plural(left, "quote", "quotes")
                    );
                }
                h.push_str("</details>\n");
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n");
        if let Some(others) = others(q.distinct_speakers - q.speakers.len(), "speaker") {
            w!(
                h,
                "<p class=\"note\">And {others} quoted less (<code>--speakers</code> sets how many are listed).</p>\n"
            );
        }
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn numbers_and_axes() {
        assert_eq!(num(0), "0");
        assert_eq!(num(1234567), "1,234,567");
        assert_eq!(axis(0), (1, 1));
        assert_eq!(axis(7), (8, 2));
        assert_eq!(axis(23), (25, 5));
        assert_eq!(axis(138), (150, 50));
    }

    #[test]
    fn shares_and_file_names() {
        assert_eq!(percent(0, 0), "–");
        assert_eq!(percent(0, 7), "0%");
        assert_eq!(percent(7, 7), "100%");
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(2, 3), "67%");
        assert_eq!(percent(1, 500), "&lt;1%");
        assert_eq!(percent(499, 500), "&gt;99%");
        assert_eq!(file_name("corpus/2019/a.txt"), "a.txt");
        assert_eq!(file_name("C:\\corpus\\b.txt"), "b.txt");
        assert_eq!(file_name("c.txt"), "c.txt");
    }
}
