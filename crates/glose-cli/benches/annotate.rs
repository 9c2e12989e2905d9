//! Annotation throughput, in MB/s.
//!
//! `cargo bench -p glose-cli --bench annotate [-- [--generated] SIZE_MB]` writes a corpus
//! of French news articles (default 16 MB, in a temporary folder) and measures:
//! - the engine in-process (read, tag, resolve, serialise JSONL), on 1 thread and on
//!   all threads;
//! - the `glose annotate` binary end to end (start-up and KB loading included), on 1
//!   thread and on all threads.
//!
//! Each figure is the median of several runs; the stages of the in-memory engine
//! (folding, the name automaton, the whole pipeline) and plain file reading are measured
//! apart, on one thread, to show where time goes.
//!
//! The corpus is by default *varied*: the sentences of the repository's own articles
//! (`examples/corpus` and `tests/corpora/train`, written for glose), shuffled
//! deterministically and regrouped into paragraphs and articles, so the taggers see
//! text as varied as real news. `--generated` builds the older corpus instead: a dozen
//! template sentences filled with names of the default KB, which repeats itself and
//! flatters the figures (caches and branch predictors learn it).

// A bench binary reports on standard output.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};

// The allocator the `glose` binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use glose_core::corpus::{self, Config, Outcome, ReadOptions};
use glose_core::{KnowledgeBase, Pipeline, Tagger};
use glose_formats::jsonl::write_json_line;
use glose_tests::Rng;

const SENTENCES: &[&str] = &[
    "Selon {ORG}, {NUM} personnes ont quitté {LOC} depuis {DAY}.",
    "{PER} a annoncé {DAY} que les discussions avec {ORG} reprendraient à {LOC}.",
    "Les habitants de {LOC} redoutent une nouvelle offensive, a indiqué à {ORG} un responsable local.",
    "« La situation reste très préoccupante », a déclaré {PER}, en visite à {LOC}.",
    "Quelque {NUM} combattants ont été déployés autour de {LOC}, près de la frontière avec {LOC}.",
    "Le convoi, parti de {LOC}, devait atteindre {LOC} avant la nuit, d’après {ORG}.",
    "{ORG} et {ORG} ont appelé à une trêve humanitaire dans la région de {LOC}.",
    "Plus de {NUM} familles vivent encore sous des tentes dans le camp, a précisé {PER}.",
    "Les prix du pain ont doublé sur les marchés de {LOC} en l'espace de quelques semaines.",
    "Une réunion est prévue {DAY} à {LOC} entre des représentants de {ORG} et des chefs tribaux.",
    "Dans un communiqué, {ORG} a dénoncé des frappes ayant visé des quartiers d’habitation.",
    "{PER}, porte-parole de {ORG}, a démenti toute implication dans l'attaque.",
];

const DAYS: &[&str] = &[
    "lundi",
    "mardi soir",
    "mercredi",
    "jeudi",
    "vendredi matin",
    "samedi",
    "dimanche",
];
const PEOPLE: &[&str] = &[
    "Samir Khalil",
    "Nadia Haddad",
    "Youssef al-Masri",
    "Hélène Garnier",
    "Abou Omar al-Chami",
    "Rania Mansour",
    "Jean-Marc Lefèvre",
];

fn generate(kb: &KnowledgeBase, dir: &Path, target_bytes: usize) -> (usize, usize) {
    let names = |label: &str| -> Vec<String> {
        kb.entities()
            .iter()
            .filter(|e| e.label.as_str() == label)
            .flat_map(|e| e.names().map(str::to_owned).collect::<Vec<_>>())
            .collect()
    };
    let (locs, orgs) = (names("LOC"), names("ORG"));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut total, mut files) = (0, 0);
    while total < target_bytes {
        let mut text = String::new();
        if files % 3 == 0 {
            text.push_str(&format!(
                " date 20{:02}-{:02} ",
                10 + rng.next() % 15,
                1 + rng.next() % 12
            ));
        }
        let paragraphs = 4 + rng.next() % 6;
        for _ in 0..paragraphs {
            for _ in 0..(2 + rng.next() % 3) {
                let mut s = (*rng.pick(SENTENCES)).to_owned();
                while let Some(i) = s.find('{') {
                    let j = s[i..].find('}').map_or(s.len(), |j| i + j + 1);
                    let value = match &s[i..j] {
                        "{LOC}" => rng.pick(&locs).clone(),
                        "{ORG}" => rng.pick(&orgs).clone(),
                        "{PER}" => (*rng.pick(PEOPLE)).to_owned(),
                        "{DAY}" => (*rng.pick(DAYS)).to_owned(),
                        _ => (10 + rng.next() % 5000).to_string(),
                    };
                    s.replace_range(i..j, &value);
                }
                text.push_str(&s);
                text.push(' ');
            }
            text.push_str("\n\n");
        }
        total += write_article(dir, files, &text);
        files += 1;
    }
    (files, total)
}

/// The repository's own articles (`examples/corpus/*.txt`, `tests/corpora/train/**/*.txt`),
/// in a fixed order.
fn own_articles() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    glose_tests::article_texts(&[
        root.join("examples/corpus"),
        root.join("tests/corpora/train"),
    ])
}

/// The sentences of `paragraph`: cut after `.`, `!`, `?` or `…` followed by a space and
/// a capital letter or an opening quote, unless the word before is a short
/// abbreviation such as `M.` or `J.`.
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, end), (space_at, space), (_, next)] = [w[0], w[1], w[2]];
        if !matches!(end, '.' | '!' | '?' | '…') || space != ' ' {
            continue;
        }
        if !(next.is_uppercase() || matches!(next, '«' | '“' | '"')) {
            continue;
        }
        let word = paragraph[start..space_at]
            .rsplit(' ')
            .next()
            .unwrap_or_default();
        if end == '.' && word.chars().count() <= 3 && word.starts_with(char::is_uppercase) {
            continue;
        }
        out.push(paragraph[start..space_at].to_owned());
        start = space_at + 1;
    }
    if start < paragraph.len() {
        out.push(paragraph[start..].to_owned());
    }
    out
}

/// Writes the varied corpus to `dir`: every paragraph of the repository's articles keeps
/// its number of sentences, but its sentences are drawn from a deterministic shuffle of
/// all the sentences (reshuffled at each pass over them), and paragraphs are regrouped
/// in a shuffled order into articles of 3 to 12 paragraphs; a third of the articles open
/// with a ` date YYYY-MM` marker taken from the articles that have one.
fn varied(dir: &Path, target_bytes: usize) -> (usize, usize, usize) {
    let articles = own_articles();
    let mut markers = Vec::new();
    let mut shapes = Vec::new();
    let mut pool = Vec::new();
    for article in &articles {
        let text = article.replace("\r\n", "\n");
        let mut text = text.as_str();
        if let Some(rest) = text.strip_prefix(" date ")
            && let Some((date, rest)) = rest.split_once(' ')
        {
            markers.push(format!(" date {date} "));
            text = rest;
        }
        for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let s = sentences(paragraph);
            shapes.push(s.len());
            pool.extend(s);
        }
    }
    let n_sentences = pool.len();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let shuffle = |rng: &mut Rng, v: &mut Vec<usize>| {
        for i in (1..v.len()).rev() {
            v.swap(i, rng.below(i + 1));
        }
    };
    let mut order: Vec<usize> = (0..pool.len()).collect();
    let mut next_sentence = order.len();
    let mut paragraph_order: Vec<usize> = (0..shapes.len()).collect();
    let mut next_paragraph = paragraph_order.len();
    let (mut total, mut files) = (0, 0);
    while total < target_bytes {
        let mut text = String::new();
        if files % 3 == 0 {
            text.push_str(rng.pick(&markers).as_str());
        }
        for p in 0..3 + rng.below(10) {
            if next_paragraph == paragraph_order.len() {
                shuffle(&mut rng, &mut paragraph_order);
                next_paragraph = 0;
            }
            let shape = shapes[paragraph_order[next_paragraph]];
            next_paragraph += 1;
            if p > 0 {
                text.push_str("\n\n");
            }
            for k in 0..shape {
                if next_sentence == order.len() {
                    shuffle(&mut rng, &mut order);
                    next_sentence = 0;
                }
                if k > 0 {
                    text.push(' ');
                }
                text.push_str(&pool[order[next_sentence]]);
                next_sentence += 1;
            }
        }
        text.push('\n');
        total += write_article(dir, files, &text);
        files += 1;
    }
    (files, total, n_sentences)
}

/// Writes article number `n` of a corpus under `dir` (500 to a folder); its size.
fn write_article(dir: &Path, n: usize, text: &str) -> usize {
    let sub = dir.join(format!("{:03}", n / 500));
    std::fs::create_dir_all(&sub).expect("temporary folder is writable");
    std::fs::write(sub.join(format!("{n:06}.txt")), text).expect("temporary folder is writable");
    text.len()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn mb_per_s(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64()
}

fn engine_run(
    files: &[corpus::FileEntry],
    pipeline: &Pipeline,
    threads: usize,
) -> (Duration, usize) {
    let start = Instant::now();
    let mut sink = std::io::sink();
    let mut annotations = 0;
    // Both passes, as `glose annotate FOLDER` runs them: the corpus pass (what the
    // learning taggers learn adds up over the rounds, which changes little of the work),
    // then the annotating pass, taking up what the first kept.
    let pass = corpus::observe_files(
        files,
        pipeline,
        ReadOptions::default(),
        threads,
        corpus::KEEP_BUDGET,
    )
    .expect("thread pool");
    corpus::annotate_after(
        files,
        pipeline,
        ReadOptions::default(),
        threads,
        &pass,
        |_, outcome| {
            if let Outcome::Annotated { document, result } = outcome {
                annotations += result.layer.len();
                let _ =
                    write_json_line(&mut sink, &document, result.resolved(), &result.diagnostics);
            }
        },
    )
    .expect("thread pool");
    (start.elapsed(), annotations)
}

/// Where the pipeline's time goes on `texts`: tokenizing, folding keys, then each
/// tagger, each seeing the annotations of the taggers before it. Fresh documents each
/// round; the best of three rounds per stage.
fn breakdown(corpus: &str, texts: &[String], pipeline: &Pipeline) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let taggers: Vec<&dyn Tagger> = pipeline.taggers().collect();
    let mut best = vec![Duration::MAX; taggers.len() + 2];
    for _ in 0..3 {
        let mut times = vec![Duration::ZERO; taggers.len() + 2];
        for text in texts {
            let doc = glose_core::Document::new("x.txt", text.clone()).expect("document");
            let t = Instant::now();
            let _ = doc.tokens();
            times[0] += t.elapsed();
            let t = Instant::now();
            let _ = doc.keys();
            times[1] += t.elapsed();
            let mut store = glose_core::AnnotationStore::new();
            for (n, tagger) in taggers.iter().enumerate() {
                let view = glose_core::DocumentView::new(&doc, &store, &glose_core::tagger::Never);
                let t = Instant::now();
                let out = tagger.tag(&view).unwrap_or_default();
                times[n + 2] += t.elapsed();
                store.extend(out.annotations);
            }
        }
        for (b, t) in best.iter_mut().zip(times) {
            *b = (*b).min(t);
        }
    }
    let names = ["tokenize", "token keys"]
        .into_iter()
        .map(str::to_owned)
        .chain(taggers.iter().map(|t| format!("tagger {}", t.name())));
    for (name, t) in names.zip(best) {
        println!(
            "{corpus:>9}: stage {name:<22} {:7.1} MB/s",
            mb_per_s(bytes, t)
        );
    }
}

fn binary_run(dir: &Path, threads: usize) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(["annotate", "--jobs", &threads.to_string()])
        .arg(dir)
        .stdout(Stdio::null())
        .status()
        .expect("glose runs");
    assert!(status.success(), "glose annotate failed");
    start.elapsed()
}

fn main() {
    let size_mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(16);
    let generated = std::env::args().any(|a| a == "--generated");
    let corpus_name = if generated { "generated" } else { "varied" };
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());

    let t = Instant::now();
    let (kb, _) = KnowledgeBase::load(&glose_gazetteer::builtin_sources());
    let kb = Arc::new(kb);
    let kb_time = t.elapsed();
    let pipeline = Pipeline::new(glose_taggers::default_taggers(kb.clone())).expect("pipeline");

    let dir = tempfile::tempdir().expect("temporary folder");
    let (n_files, bytes, origin) = if generated {
        let (n, bytes) = generate(&kb, dir.path(), size_mb * 1_000_000);
        (
            n,
            bytes,
            "template sentences filled with KB names".to_owned(),
        )
    } else {
        let (n, bytes, sentences) = varied(dir.path(), size_mb * 1_000_000);
        let origin =
            format!("{sentences} sentences of examples/corpus and tests/corpora/train, shuffled");
        (n, bytes, origin)
    };
    let root: PathBuf = dir.path().to_owned();
    let files = corpus::discover(std::slice::from_ref(&root), &Config::default()).files;
    assert_eq!(files.len(), n_files);

    println!(
        "corpus: {corpus_name}, {n_files} articles, {:.1} MB ({origin}); default KB: {} entities, {} names, loaded in {:.0} ms",
        bytes as f64 / 1e6,
        kb.len(),
        kb.matcher().len(),
        kb_time.as_secs_f64() * 1e3
    );
    let runs = 5;
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(&f.path).expect("generated file"))
        .collect();
    let docs: Vec<glose_core::Document> = files
        .iter()
        .zip(&texts)
        .map(|(f, t)| glose_core::Document::new(f.display(), t.clone()).expect("document"))
        .collect();
    let stage = |name: &str, run: &dyn Fn() -> usize| {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..runs {
            let t = Instant::now();
            n = run();
            times.push(t.elapsed());
        }
        let t = median(times);
        println!("stage {name:<28} {:7.1} MB/s  ({n})", mb_per_s(bytes, t));
    };
    stage("fold (whole text)", &|| {
        texts
            .iter()
            .map(|t| glose_core::text::Folded::new(t).as_str().len())
            .sum()
    });
    stage("tokenize (alone)", &|| {
        texts
            .iter()
            .map(|t| glose_core::text::tokenize(t).len())
            .sum()
    });
    stage("kb.find (name matching)", &|| {
        texts.iter().map(|t| kb.find(t).len()).sum()
    });
    breakdown(corpus_name, &texts, &pipeline);
    // Real-looking text: the example articles (written for glose), repeated to 4 MB.
    {
        let articles = glose_tests::example_texts();
        let mut real = Vec::new();
        let mut total = 0;
        while total < 4_000_000 {
            for a in &articles {
                total += a.len();
                real.push(glose_core::Document::new("x.txt", a.clone()).expect("document"));
            }
        }
        if std::env::var_os("GLOSE_BENCH_PROFILE").is_none() {
            let real_texts: Vec<String> = real.iter().map(|d| d.text().to_owned()).collect();
            breakdown("examples", &real_texts, &pipeline);
        }
        // `GLOSE_BENCH_PROFILE=1`: only this, ten times over, for a profiler.
        let rounds = if std::env::var_os("GLOSE_BENCH_PROFILE").is_some() {
            10
        } else {
            1
        };
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..rounds {
            // As the engine does: each document is made, annotated and dropped.
            n = real
                .iter()
                .map(|d| {
                    let fresh =
                        glose_core::Document::new("x.txt", d.text().to_owned()).expect("document");
                    pipeline.run(&fresh).layer.len()
                })
                .sum::<usize>();
        }
        let time = t.elapsed() / rounds;
        if rounds > 1 {
            println!(
                "pipeline on example articles: {:.1} MB/s",
                mb_per_s(total, time)
            );
            return;
        }
        println!(
            "stage {:<28} {:7.1} MB/s  ({n})",
            "pipeline on example articles",
            mb_per_s(total, time)
        );
    }
    // Fresh documents each time: tokens and keys are computed once per document and
    // kept with it, and that work belongs to the pipeline's cost.
    stage("pipeline.run (in memory)", &|| {
        texts
            .iter()
            .map(|t| {
                let d = glose_core::Document::new("x.txt", t.clone()).expect("document");
                pipeline.run(&d).layer.len()
            })
            .sum()
    });
    stage("read + Document::new", &|| {
        files
            .iter()
            .map(|f| {
                corpus::read_document(f, ReadOptions::default()).map_or(0, |(d, _)| d.text().len())
            })
            .sum()
    });
    let results: Vec<_> = docs.iter().map(|d| pipeline.run(d)).collect();
    stage("JSONL writing", &|| {
        let mut out = Vec::with_capacity(64 << 20);
        for (d, r) in docs.iter().zip(&results) {
            let _ = write_json_line(&mut out, d, r.resolved(), &r.diagnostics);
        }
        out.len()
    });
    stage("read files", &|| {
        files
            .iter()
            .map(|f| std::fs::read(&f.path).map_or(0, |b| b.len()))
            .sum()
    });
    for threads in [1, all] {
        let mut times = Vec::new();
        let mut annotations = 0;
        for _ in 0..runs {
            let (time, n) = engine_run(&files, &pipeline, threads);
            times.push(time);
            annotations = n;
        }
        let t = median(times);
        println!(
            "engine, {corpus_name}, {threads} thread(s): {:7.1} MB/s  ({:.0} ms, {annotations} annotations, {:.0} articles/s)",
            mb_per_s(bytes, t),
            t.as_secs_f64() * 1e3,
            n_files as f64 / t.as_secs_f64()
        );
    }
    for threads in [1, all] {
        let t = median((0..3).map(|_| binary_run(&root, threads)).collect());
        println!(
            "glose annotate binary, {corpus_name}, {threads} thread(s): {:7.1} MB/s  ({:.0} ms, start-up included)",
            mb_per_s(bytes, t),
            t.as_secs_f64() * 1e3
        );
    }
}
