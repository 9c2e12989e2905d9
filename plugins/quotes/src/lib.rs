#![doc = include_str!("../README.md")]

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use glose_core::text::{Token, TokenKind};
use glose_core::{Annotation, AnnotationStore, Diagnostic, Document, EntityId, Severity, quote};
use glose_fr::{Gender, reporting_verb as speech_verb};
use glose_sdk::{DocumentView, Label, TagError, TagOutput, Tagger};

/// The name of this tagger.
pub const NAME: &str = "quotes";

/// What this tagger does, in Markdown (its README).
pub const DOCS: &str = include_str!("../README.md");

/// The taggers whose names the `ner` tagger decides in their place (see its docs).
const SUPERSEDED_BY_NER: &[&str] = &["gazetteer", "names", "acronyms", "variants"];

/// The `quotes` tagger.
#[derive(Debug, Default)]
pub struct Quotes;

glose_sdk::plugin!(
    Quotes,
    NAME,
    "Tags quoted speech with its speaker and reporting verb."
);

#[cfg(feature = "plugin")]
glose_sdk::export_tagger!(Quotes);

impl Tagger for Quotes {
    glose_sdk::tagger_identity!(requires: [Label::PER, Label::ORG, Label::LOC], provides: [Label::QUOTE]);

    fn tag(&self, doc: &DocumentView<'_>) -> Result<TagOutput, TagError> {
        let mut out = TagOutput::new();
        find_quotes(doc.document, doc.annotations, &mut out);
        Ok(out)
    }
}

/// A speaker found: who, their entity, the verb, whether anonymous, and the mention
/// that names them (the name, or the anonymous description).
#[derive(Clone)]
struct Speaker {
    text: String,
    entity: Option<EntityId>,
    verb: String,
    anonymous: bool,
    span: Option<Range<usize>>,
    /// Found by a pronoun (`a-t-il dit`): the quote before may say better who it is.
    by_pronoun: bool,
    /// The gender of that pronoun (`il`, `elle`).
    pronoun_gender: Option<Gender>,
}

impl Speaker {
    /// An unnamed source: the description at `span`, flagged anonymous.
    fn unnamed(ctx: &Ctx<'_>, span: Range<usize>, verb: &str) -> Speaker {
        Speaker {
            anonymous: true,
            ..Speaker::unlinked(ctx, span, verb)
        }
    }

    /// A speaker by the words at `span`, linked to no entity: a company or a ministry
    /// by a name no tagger found (`la direction d'Eolmer`).
    fn unlinked(ctx: &Ctx<'_>, span: Range<usize>, verb: &str) -> Speaker {
        Speaker {
            text: ctx.text[span.clone()].to_owned(),
            entity: None,
            verb: verb.to_owned(),
            anonymous: false,
            span: Some(span),
            by_pronoun: false,
            pronoun_gender: None,
        }
    }
}

/// A document's tokens and the names (people, organisations) a quote can be given to,
/// indexed so that every lookup is a binary search or a hash: the tagger stays linear.
struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    keys: &'a glose_core::text::TokenKeys,
    /// Names in the store's order, sorted (stably) by start.
    by_start: Vec<&'a Annotation>,
    /// Names sorted (stably) by end.
    by_end: Vec<&'a Annotation>,
    /// People sorted (stably) by end.
    people_by_end: Vec<&'a Annotation>,
    /// Organisations sorted (stably) by end.
    orgs_by_end: Vec<&'a Annotation>,
    /// A person's name after a space (`Ortolan`, `Le Floc'h`) → the longest full name
    /// ending with it, the earliest of equals.
    full_names: HashMap<&'a str, &'a Annotation>,
    /// A given name alone (`Karim`) → the one full name it begins (`Karim Haddad`);
    /// `None` when it begins several.
    given_names: HashMap<&'a str, Option<&'a Annotation>>,
    /// An organisation's acronym → its full name, given before it in brackets.
    expansions: HashMap<&'a str, &'a Annotation>,
    /// The person the article names most often, found at the first interview answer.
    interviewee: std::cell::OnceCell<Option<&'a Annotation>>,
    /// For each token, the first token of the next paragraph.
    paragraph_end: Vec<u32>,
    /// For each token and closing mark (`»`, `”`, `"`), the next token that is that mark.
    next_mark: [Vec<u32>; 3],
    /// Whether each token lies between `«` and `»` (or `“` and `”`) in its paragraph.
    quoted: Vec<bool>,
    /// The marks of the words between « » found so far to be no speech (titles,
    /// nicknames, terms), in order: scans for a speaker go across them.
    term_marks: std::cell::RefCell<Vec<usize>>,
}

const CLOSING_MARKS: [&str; 3] = ["»", "”", "\""];

impl<'a> Ctx<'a> {
    fn key(&self, i: usize) -> &'a str {
        self.keys.get(i)
    }

    /// The first token that starts at or after byte `at` (the token count past the end).
    fn token_from(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| (t.start as usize) < at)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.key(i) == word
    }

    /// Whether token `i` is the punctuation `c`; a point between the digits of a number
    /// (`40.000`, `1.5`) is none.
    fn punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(self.text, c))
            && !(c == '.' && self.in_number(i))
    }

    /// Whether token `i` ends a sentence: `.`, `!` or `?` outside quotation marks.
    /// Whether token `i` is a full stop, an exclamation or a question mark (inside a quote
    /// too).
    fn stop(&self, i: usize) -> bool {
        self.punct(i, '.') || self.punct(i, '!') || self.punct(i, '?')
    }

    fn sentence_end(&self, i: usize) -> bool {
        // (Not the stop of an abbreviated title: `M. Lemercier`, `Dr. Haddad`.)
        let title = i >= 1
            && self.punct(i, '.')
            && !self.tokens[i].has(Token::SPACE_BEFORE)
            && matches!(self.key(i - 1), "m" | "mm" | "dr" | "pr" | "mgr")
            && self.tokens.get(i + 1).is_some_and(|t| t.is_capitalized());
        !self.quoted[i] && self.stop(i) && !title
    }

    /// The first token of the sentence that token `end` is in, within its paragraph,
    /// quotes inside it skipped; `None` when it starts more than `limit` tokens back.
    fn sentence_from(&self, end: usize, limit: usize) -> Option<usize> {
        let mut s = end;
        while s > 0 && !self.sentence_end(s - 1) && !self.tokens[s].has(Token::PARAGRAPH_BEFORE) {
            if end - s > limit {
                return None;
            }
            s -= 1;
        }
        Some(s)
    }

    /// Whether token `i` is glued between two numbers (`40.000`).
    fn in_number(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        i >= 1
            && self.tokens[i - 1].kind == TokenKind::Number
            && self.tokens[i - 1].end == t.start
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|n| n.kind == TokenKind::Number && n.start == t.end)
    }

    /// Whether token `i` is `«` or `»` of a quote: not the marks around a title, a
    /// nickname or a term found to be no speech.
    fn quote_mark(&self, i: usize) -> bool {
        (self.punct(i, '»') || self.punct(i, '«'))
            && self.term_marks.borrow().binary_search(&i).is_err()
    }

    /// An apostrophe, straight or curly, at token `i`.
    fn apostrophe(&self, i: usize) -> bool {
        self.punct(i, '\'') || self.punct(i, '’')
    }

    fn new(text: &'a str, document: &'a Document, annotations: &'a AnnotationStore) -> Self {
        // When the learned tagger has decided the names, the rule taggers' own are
        // evidence it weighed, not names: read the decided ones.
        let decided = annotations.iter().any(|a| a.tagger == "ner");
        let names: Vec<&Annotation> = annotations
            .iter()
            .filter(|a| a.label == Label::PER || a.label == Label::ORG)
            .filter(|a| !decided || !SUPERSEDED_BY_NER.contains(&a.tagger))
            .collect();
        let mut by_start = names.clone();
        by_start.sort_by_key(|a| a.span.start);
        let mut by_end = names;
        by_end.sort_by_key(|a| a.span.end);
        let people_by_end: Vec<&Annotation> = by_end
            .iter()
            .copied()
            .filter(|a| a.label == Label::PER)
            .collect();
        let orgs_by_end: Vec<&Annotation> = by_end
            .iter()
            .copied()
            .filter(|a| a.label == Label::ORG)
            .collect();
        let mut full_names: HashMap<&str, &Annotation> = HashMap::new();
        for &b in &people_by_end {
            let long = b.text(text);
            for (p, c) in long.char_indices() {
                // After a space, or after the particle of an Arabic name (`al-Battat`:
                // `M. Battat`).
                let particle = c == '-'
                    && ["al", "el", "Al", "El", "ad", "ar", "as", "ash", "an"]
                        .iter()
                        .any(|w| {
                            long[..p].ends_with(w)
                                && long[..p].len() > w.len()
                                && long[..p - w.len()].ends_with(' ')
                        });
                if c != ' ' && c != '\u{a0}' && !particle {
                    continue;
                }
                let short = &long[p + c.len_utf8()..];
                if short.is_empty() {
                    continue;
                }
                let better = |old: &Annotation| {
                    (b.span.len(), std::cmp::Reverse(b.span.start))
                        >= (old.span.len(), std::cmp::Reverse(old.span.start))
                };
                full_names
                    .entry(short)
                    .and_modify(|old| {
                        if better(old) {
                            *old = b;
                        }
                    })
                    .or_insert(b);
            }
        }
        let mut given_names: HashMap<&str, Option<&Annotation>> = HashMap::new();
        for &b in &people_by_end {
            let long = b.text(text);
            let Some((given, _)) = long.split_once([' ', '\u{a0}']) else {
                continue;
            };
            given_names
                .entry(given)
                .and_modify(|old| {
                    if old.is_some_and(|o| o.text(text) != long) {
                        *old = None;
                    }
                })
                .or_insert(Some(b));
        }
        let tokens = document.tokens();
        // `Agence nationale de sécurité du médicament (ANSM)`: the acronym's full name.
        let mut expansions: HashMap<&str, &Annotation> = HashMap::new();
        for (k, &b) in orgs_by_end.iter().enumerate() {
            let Some(&next) = orgs_by_end.get(k + 1) else {
                break;
            };
            let between = text.get(b.span.end..next.span.start).unwrap_or("");
            let after = text.get(next.span.end..).unwrap_or("");
            if between.trim() == "("
                && after.starts_with(')')
                && next
                    .text(text)
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
            {
                expansions.entry(next.text(text)).or_insert(b);
            }
        }
        let n = tokens.len();
        let mut paragraph_end = vec![n as u32; n];
        let mut next_mark = [vec![n as u32; n], vec![n as u32; n], vec![n as u32; n]];
        let mut par = n as u32;
        let mut next = [n as u32; 3];
        for i in (0..n).rev() {
            paragraph_end[i] = par;
            for m in 0..3 {
                next_mark[m][i] = next[m];
            }
            if tokens[i].has(Token::PARAGRAPH_BEFORE) {
                par = i as u32;
            }
            let t = tokens[i].text(text);
            if let Some(m) = CLOSING_MARKS.iter().position(|&c| c == t) {
                next[m] = i as u32;
            }
        }
        let mut quoted = vec![false; n];
        let mut open = false;
        for (i, t) in tokens.iter().enumerate() {
            if t.has(Token::PARAGRAPH_BEFORE) {
                open = false;
            }
            match t.text(text) {
                "«" | "“" => open = true,
                "»" | "”" => open = false,
                _ => quoted[i] = open,
            }
        }
        Ctx {
            quoted,
            term_marks: std::cell::RefCell::new(Vec::new()),
            text,
            tokens,
            keys: document.keys(),
            by_start,
            by_end,
            people_by_end,
            orgs_by_end,
            full_names,
            given_names,
            expansions,
            interviewee: std::cell::OnceCell::new(),
            paragraph_end,
            next_mark,
        }
    }

    /// The person or organisation annotated starting at token `i`: it and the token after.
    fn name_at(&self, i: usize) -> Option<(&'a Annotation, usize)> {
        let start = self.tokens.get(i)?.start as usize;
        let at = self.by_start.partition_point(|a| a.span.start < start);
        let a = *self.by_start.get(at).filter(|a| a.span.start == start)?;
        let end = self.token_from(a.span.end);
        Some((a, end))
    }

    /// The full name a person was named by before (`Frédéric Arnal` for `Arnal` or `Me
    /// Arnal`), or the name itself.
    fn full_name<'b>(&self, a: &'b Annotation) -> &'b Annotation
    where
        'a: 'b,
    {
        let text = a.text(self.text);
        let bare = [
            "M. ", "Mme ", "Me ", "Mlle ", "Dr ", "Pr ", "Mgr ", "Maître ",
        ]
        .iter()
        .find_map(|t| text.strip_prefix(t));
        self.full_names
            .get(text)
            .or_else(|| bare.and_then(|b| self.full_names.get(b)))
            .copied()
            .unwrap_or(a)
    }

    /// The person or organisation annotated ending right before token `i`.
    fn name_before(&self, i: usize) -> Option<&'a Annotation> {
        let end = self.tokens.get(i.checked_sub(1)?)?.end as usize;
        let at = self.by_end.partition_point(|a| a.span.end < end);
        self.by_end.get(at).filter(|a| a.span.end == end).copied()
    }

    /// The names that lie within bytes `from..to`.
    fn names_within(&self, from: usize, to: usize) -> impl Iterator<Item = &'a Annotation> + '_ {
        let at = self.by_start.partition_point(|a| a.span.start < from);
        self.by_start[at..]
            .iter()
            .take_while(move |a| a.span.start < to)
            .filter(move |a| a.span.end <= to)
            .copied()
    }

    /// Whether the name `a` is said inside a quote (`« Yassine a des qualités »`): no
    /// antecedent for a speaker after it.
    fn in_quote(&self, a: &Annotation) -> bool {
        let at = self.token_from(a.span.start);
        self.quoted.get(at).copied().unwrap_or(false)
    }

    /// Whether the name `a` is inside the marks of a term found so far (`la loi dite
    /// « Hamon »`): a name of a thing, no one named.
    fn in_term(&self, a: &Annotation) -> bool {
        let at = self.token_from(a.span.start);
        self.term_marks.borrow().partition_point(|&m| m < at) % 2 == 1
    }

    /// The organisations named before byte `before`, the nearest first, ten at most.
    fn orgs_before(&self, before: usize) -> impl Iterator<Item = &'a Annotation> + '_ {
        let at = self.orgs_by_end.partition_point(|a| a.span.end <= before);
        // (Not one named inside a quote: `« … en lien avec la Fédération … », assure
        // l'instance`.)
        self.orgs_by_end[..at]
            .iter()
            .rev()
            .take(10)
            .filter(|a| !self.in_quote(a))
            .copied()
    }

    /// The token before the name `a` and its article (`l'`, `la`, `le`, `les`).
    fn word_before(&self, a: &Annotation) -> Option<usize> {
        let at = self.token_from(a.span.start);
        let at = match at {
            2.. if self.apostrophe(at - 1) && self.is(at - 2, "l") => at - 2,
            1.. if matches!(self.key(at - 1), "la" | "le" | "les") => at - 1,
            _ => at,
        };
        at.checked_sub(1)
    }

    /// The last organisation named before byte `before`.
    fn last_org_before(&self, before: usize) -> Option<&'a Annotation> {
        let at = self.orgs_by_end.partition_point(|a| a.span.end <= before);
        at.checked_sub(1).map(|k| self.orgs_by_end[k])
    }

    /// The words between the marks of a quote opening at token `open` and closing at
    /// token `close`.
    fn words_in(&self, open: usize, close: usize) -> usize {
        (open + 1..close)
            .filter(|&m| self.tokens[m].kind == TokenKind::Word)
            .count()
    }

    /// Whether a person whose gender does not contradict `gender` (anyone, when `None`)
    /// is named in the `window` tokens before token `at`.
    fn person_near(&self, at: usize, window: usize, gender: Option<Gender>) -> bool {
        self.people_near(at, window, gender).next().is_some()
    }

    /// The people whose gender does not contradict `gender` named in the `window` tokens
    /// before token `at`, the nearest first.
    fn people_near(
        &self,
        at: usize,
        window: usize,
        gender: Option<Gender>,
    ) -> impl Iterator<Item = &'a Annotation> + '_ {
        let to = self.tokens[at].start as usize;
        let from = self.tokens[at.saturating_sub(window)].start as usize;
        let end = self.people_by_end.partition_point(|a| a.span.end <= to);
        self.people_by_end[..end]
            .iter()
            .rev()
            .take_while(move |a| a.span.end > from)
            .copied()
            .filter(move |a| {
                gender.is_none() || person_gender(self, a).is_none_or(|g| Some(g) == gender)
            })
    }
}

/// The gender of a role after a possessive at token `possessive` (`sa secrétaire
/// générale`; `son` before a vowel may be feminine: `son avocate`), the role at `n`.
fn possessive_gender(ctx: &Ctx<'_>, possessive: usize, n: usize) -> Option<Gender> {
    role_gender(ctx.key(n)).or_else(|| match ctx.key(possessive) {
        "sa" => Some(Gender::Feminine),
        "son"
            if !ctx
                .key(possessive + 1)
                .starts_with(['a', 'e', 'i', 'o', 'u', 'h']) =>
        {
            Some(Gender::Masculine)
        }
        _ => None,
    })
}

/// Finds the quotes of a document and their speakers.
pub fn find_quotes(
    document: &Document,
    annotations: &AnnotationStore,
    out: &mut glose_sdk::TagOutput,
) {
    let text = document.text();
    let tokens = document.tokens();
    let ctx = Ctx::new(text, document, annotations);
    // The last quote's named speaker and where that quote ended.
    let mut previous: Option<(Speaker, usize)> = None;
    // The last quote's speaker, named or not, and where that quote ended.
    let mut last: Option<(Speaker, usize)> = None;
    // The quotes found: their marks and speaker.
    let mut found: Vec<(usize, usize, Option<Speaker>)> = Vec::new();
    let mut i = document.first_body_token();
    while i < tokens.len() {
        let Some(close) = closing(&ctx, i) else {
            i += 1;
            continue;
        };
        let words = ctx.words_in(i, close);
        let stated = added_to(&ctx, &last, i)
            .or_else(|| speaker_after(&ctx, close + 1))
            .or_else(|| {
                pronoun_after(&ctx, close + 1)
                    .and_then(|(verb, _)| unnamed_antecedent(&ctx, i, &verb))
            })
            .or_else(|| speaker_before(&ctx, i))
            .or_else(|| unfound_subject(&ctx, i))
            .or_else(|| incise_inside(&ctx, i, close));
        let stated_here = stated.is_some();
        // Words on a banner or a sign: quoted, spoken by no one.
        let sign = written_on_sign(&ctx, i, close);
        let speaker = stated
            .filter(|_| !sign)
            .or_else(|| continued(&ctx, &previous, i))
            .or_else(|| same_sentence(&ctx, &last, i))
            // (`« … », racontent-ils. Puis, plus amers : « … »`: an unnamed source goes on,
            // right after the sentence of its last quote or a few words on, `Puis, la voix
            // cassée :`; not after a new subject, `un carton proclame :`.)
            .or_else(|| {
                let (_, close) = last.as_ref()?;
                let after_stop = (close + 1..i)
                    .rev()
                    .take_while(|&m| !ctx.punct(m, '.'))
                    .count();
                continued(&ctx, &last, i).filter(|s| s.anonymous && after_stop <= 8)
            })
            .or_else(|| introduced(&ctx, &previous, &last, i, close))
            .or_else(|| introduced_after(&ctx, i, close))
            .or_else(|| (words >= 4).then(|| sentence_person(&ctx, i)).flatten())
            .or_else(|| answer(&ctx, i))
            .map(|s| unnamed_goes_on(&ctx, &last, i, s))
            // (`« … », fait-il valoir` with no person named in the article yet.)
            .or_else(|| {
                let (verb, gender) = pronoun_after(&ctx, close + 1).or_else(|| {
                    // (`« …, poursuit-il en désignant la façade, c'était … »`.)
                    incise_commas(&ctx, i, close).find_map(|c| pronoun_after(&ctx, c))
                })?;
                last_unnamed(&ctx, &last, i, &verb, gender)
            })
            .filter(|_| !sign);
        // (A sign's words may open with a capital: `une banderole proclamait « X
        // démission »`.)
        let term = words < 4
            && !sign
            && (foreign_term(&ctx, i, close)
                || (!stated_here && title(&ctx, i, close))
                || complement_term(&ctx, i)
                || declined_or_launched(&ctx, i));
        // (A few words inside a sentence, with no one said to say them and no verb of
        // saying before: `risque de devenir un « désert » médical`.)
        // (Not a second quote in the sentence of the one before: `a dénoncé « une
        // trahison » et un « accord de couloir »`.)
        // (Not a cry that stands as its own sentence: `« Jamais ! »`.)
        let unsaid = words < 4
            && !stated_here
            && !sentence_opens_at(&ctx, i)
            && !reported(&ctx, i)
            && !last.as_ref().is_some_and(|(_, close)| {
                (close + 1..i)
                    .all(|m| !ctx.punct(m, '.') && !ctx.tokens[m].has(Token::PARAGRAPH_BEFORE))
            });
        // (`ce qui ressemble à un « match de la peur »`: a phrase the article names a
        // thing by, spoken by no one.)
        let phrase = words < 7
            && speaker.is_none()
            && !sign
            && i >= 1
            && matches!(ctx.key(i - 1), "un" | "une")
            && !reported(&ctx, i);
        if (words >= 4 || sign || (speaker.is_some() && !unsaid) || reported(&ctx, i))
            && !phrase
            && !term
            && !named_thing(&ctx, i)
            && !nickname(&ctx, i, close)
            && !work_title(&ctx, i, close)
            && !described_term(&ctx, i, close)
        {
            if let Some(s) = &speaker
                && !s.anonymous
            {
                previous = Some((s.clone(), close));
            }
            if let Some(s) = &speaker {
                last = Some((s.clone(), close));
            }
            found.push((i, close, speaker));
        } else {
            ctx.term_marks.borrow_mut().extend([i, close]);
        }
        i = close + 1;
    }
    headline_speakers(&ctx, document.first_body_token(), &mut found);
    for (i, close, speaker) in found {
        let span = tokens[i].start as usize..tokens[close].end as usize;
        let mut a = Annotation::new(span.clone(), Label::QUOTE);
        let mut anonymous = anonymity_mentioned(&ctx, close + 1);
        if let Some(s) = speaker {
            a = a.with_attr(quote::SPEAKER, s.text.clone());
            if !s.verb.is_empty() {
                a = a.with_attr(quote::VERB, s.verb);
            }
            if let Some(e) = s.entity {
                a = a.with_attr(quote::SPEAKER_ENTITY, e.as_str());
            }
            if let Some(span) = s.span {
                a = a
                    .with_attr(quote::SPEAKER_START, span.start as u64)
                    .with_attr(quote::SPEAKER_END, span.end as u64);
            }
            anonymous |= s.anonymous;
        }
        if anonymous {
            a = a.with_attr(quote::ANONYMOUS, true);
            out.diagnostics.push(Diagnostic::new(
                span,
                Severity::Info,
                "anonymous-source",
                "quote attributed to an anonymous source",
            ));
        }
        out.annotations.push(a);
    }
}

/// `« Le bâtiment, explique-t-il, reposait … »`, `« Reclasser des gens, réplique X,
/// déléguée CFDT, c'est … »`: the verb of saying and its speaker set inside the marks of
/// one quote, between commas or before a full stop, with words of the quote on both
/// sides.
fn incise_inside(ctx: &Ctx<'_>, i: usize, close: usize) -> Option<Speaker> {
    incise_commas(ctx, i, close).find_map(|c| {
        let s = speaker_after(ctx, c)?;
        // (The incise ends at a comma or a full stop, and the quote goes on after it.)
        let end = match &s.span {
            Some(span) => ctx.token_from(span.end),
            None => (c + 1..close)
                .find(|&m| ctx.tokens[m].kind == TokenKind::Punct && !ctx.punct(m, '-'))?,
        };
        let stop = (end..close.min(end + 12)).find(|&m| ctx.punct(m, ',') || ctx.punct(m, '.'))?;
        (ctx.words_in(stop, close) >= 2).then_some(s)
    })
}

/// The commas inside the quote from token `i` to its closing mark `close` where an
/// incise may open (`« …, poursuit-il, … »`): a few, with words of the quote before.
fn incise_commas<'a>(ctx: &'a Ctx<'_>, i: usize, close: usize) -> impl Iterator<Item = usize> + 'a {
    (i + 2..close.saturating_sub(2))
        .filter(|&c| ctx.punct(c, ','))
        .take(6)
}

/// A quote in a headline (a first paragraph of at most 40 tokens, from token `body` on)
/// with no speaker: the speaker of a later quote that repeats its words (`« Je ne peux
/// plus protéger ces enfants » : le message d'une juge …`), else the first person the
/// next paragraph names (`TRIBUNE – « … »` then `Pour l'économiste X, …`).
fn headline_speakers(ctx: &Ctx<'_>, body: usize, found: &mut [(usize, usize, Option<Speaker>)]) {
    let Some(&(i, close, None)) = found.first() else {
        return;
    };
    let lead = ctx.paragraph_end.get(body).map_or(0, |&e| e as usize);
    if close >= lead || lead - body > 40 {
        return;
    }
    let words = |from: usize, to: usize| -> Vec<&str> {
        (from + 1..to)
            .filter(|&j| ctx.tokens[j].kind != TokenKind::Punct)
            .map(|j| ctx.key(j))
            .collect()
    };
    let title = words(i, close);
    let repeated = found[1..].iter().find_map(|(j, c, s)| {
        let later = words(*j, *c);
        (!title.is_empty() && later.windows(title.len()).any(|w| w == title.as_slice()))
            .then(|| s.clone())
            .flatten()
    });
    let speaker = repeated.or_else(|| {
        let end = ctx
            .paragraph_end
            .get(lead)
            .map_or(0, |&e| e as usize)
            .min(lead + 60);
        let from = ctx.tokens.get(lead)?.start as usize;
        let to = ctx.tokens.get(end.saturating_sub(1))?.end as usize;
        let a = ctx.names_within(from, to).find(|a| a.label == Label::PER)?;
        Some(named(ctx, a, ""))
    });
    found[0].2 = speaker;
}

/// Whether the quote between the marks at `i` and `close` is written on a banner or a
/// sign: such a noun just before it (`une banderole proclamait « … »`, `brandissant une
/// pancarte « … »`, `une banderole : « … »`), `on (peut) lire` before it, or `pouvait-on
/// lire sur` after it.
fn written_on_sign(ctx: &Ctx<'_>, i: usize, close: usize) -> bool {
    const SIGNS: &[&str] = &[
        "banderole",
        "banderoles",
        "pancarte",
        "pancartes",
        "affiche",
        "affiches",
        "affichette",
        "affichettes",
        "ecriteau",
        "ecriteaux",
        "inscription",
        "graffiti",
        "graffitis",
        "drap",
        "calicot",
        "calicots",
    ];
    let mut n = i;
    // (`une banderole résume l'humeur générale : « … »`.)
    for _ in 0..8 {
        let Some(p) = n.checked_sub(1) else {
            break;
        };
        n = p;
        let t = &ctx.tokens[n];
        if ctx.punct(n, '.') || ctx.punct(n, '»') || ctx.tokens[n + 1].has(Token::PARAGRAPH_BEFORE)
        {
            break;
        }
        let key = ctx.key(n);
        // (A noun after its article: `X affiche un certain fatalisme` is a verb.)
        if t.kind == TokenKind::Word
            && SIGNS.contains(&key)
            && n >= 1
            && matches!(
                ctx.key(n - 1),
                "une" | "la" | "l" | "des" | "les" | "sa" | "son" | "leur" | "leurs" | "de" | "d"
            )
        {
            return true;
        }
        // `on lit :`, `on peut lire`, `on pouvait lire`.
        if (key == "lire" || key == "lit") && (n.saturating_sub(3)..n).any(|m| ctx.is(m, "on")) {
            return true;
        }
        // `avait peint en lettres blanches « … »`, `tagué sur un mur`.
        if (key == "lettres" && n >= 1 && ctx.is(n - 1, "en"))
            || matches!(key, "peint" | "peinte" | "tague" | "taguee" | "tagues")
        {
            return true;
        }
    }
    // `« … », pouvait-on lire sur les pancartes`.
    (close + 1..close + 8)
        .take_while(|&m| m < ctx.tokens.len() && !ctx.punct(m, '.'))
        .any(|m| ctx.is(m, "lire") && ctx.is(m + 1, "sur"))
}

/// Whether the few words opening at token `i` are the name of a thing a noun before
/// takes as complement (`la mesure phare du « choc des savoirs »`, `l'échec du
/// « conclave »`, `renvoie au « plan eau »`, `la page de la « … »`): right after `du`,
/// `au`, `aux`, `des`, `de la` or `à la`, with no
/// reporting verb, `selon` or name in the few words before (`a appelé au
/// « rassemblement »`, `a appelé sur BFMTV au « sens des responsabilités »`).
fn complement_term(ctx: &Ctx<'_>, i: usize) -> bool {
    if i < 2 {
        return false;
    }
    // (`de la « … »`, `de l'« … »`, `à la « … »`.)
    let article = if i >= 3 && ctx.is(i - 2, "l") && ctx.apostrophe(i - 1) {
        i - 2
    } else {
        i - 1
    };
    // (Not `renvoie à des « … »`, what someone points to.)
    // (`l'animateur d'« … »`, `tenu à l'écart par le « … »`.)
    let of = matches!(ctx.key(article), "du" | "au" | "aux")
        || (ctx.is(article, "des") && !ctx.is(article - 1, "a"))
        || (article >= 2
            && matches!(ctx.key(article), "la" | "l")
            && matches!(ctx.key(article - 1), "de" | "a" | "par"))
        || (article >= 1 && ctx.is(article, "le") && ctx.is(article - 1, "par"))
        || (ctx.apostrophe(i - 1) && ctx.is(i - 2, "d"));
    if !of {
        return false;
    }
    !(i.saturating_sub(6)..article)
        .rev()
        .take_while(|&m| !ctx.punct(m, '.') && !ctx.quote_mark(m))
        .any(|m| {
            ctx.is(m, "selon")
                || ctx.name_at(m).is_some()
                || (ctx.tokens[m].kind == TokenKind::Word && speech_verb(ctx.key(m)))
        })
}

/// Whether the few words at the quote at `i` are a word someone declines to use (`se
/// refuse à parler de « … »`, `refuse d'employer le mot « … »`) or a thing launched
/// (`a lancé un « … »`, a product, not words said).
fn declined_or_launched(ctx: &Ctx<'_>, i: usize) -> bool {
    // (`a lancé en 2023 un « … »`: a date between.)
    let launched = i >= 2
        && matches!(ctx.key(i - 1), "un" | "une" | "des" | "le" | "la" | "les")
        && (i.saturating_sub(5)..i - 1).rev().any(|m| {
            matches!(
                ctx.key(m),
                "lance" | "lancee" | "lances" | "lancent" | "lancait" | "lancera"
            ) && (m + 1..i - 1).all(|w| {
                ctx.tokens[w].kind == TokenKind::Number || matches!(ctx.key(w), "en" | "des")
            })
        });
    // (A verb, not `un refus « … »`.)
    // (`se refuse pour sa part à parler de « … »`.)
    launched
        || (i.saturating_sub(8)..i)
            .rev()
            .take_while(|&m| !ctx.punct(m, '.') && !ctx.punct(m, ','))
            .any(|m| ctx.key(m).starts_with("refus") && ctx.key(m) != "refus")
}

/// Whether the few words between the marks at `i` and `close` are a term of another
/// language (`le « muddling through »`, `un « deal »`, `les compagnies « low cost »`):
/// no accent, no French article or preposition, and at least half the words spelt as
/// no French word is.
fn foreign_term(ctx: &Ctx<'_>, i: usize, close: usize) -> bool {
    const FRENCH: &[&str] = &[
        "de", "la", "le", "les", "des", "du", "et", "un", "une", "en", "a",
    ];
    let (mut words, mut foreign) = (0, 0);
    for j in i + 1..close {
        let t = &ctx.tokens[j];
        let w = t.text(ctx.text);
        if ctx.apostrophe(j) || !w.is_ascii() || FRENCH.contains(&ctx.key(j)) {
            return false;
        }
        if t.kind == TokenKind::Word {
            words += 1;
            let w = w.to_ascii_lowercase();
            foreign += usize::from(
                english_spelling(&w)
                    || matches!(
                        w.as_str(),
                        "and" | "the" | "of" | "for" | "to" | "up" | "out" | "off" | "time"
                    ),
            );
        }
    }
    words > 0 && 2 * foreign >= words
}

/// Whether a lowercase word is spelt as no French word is: `w`, `sh`, `oo`, `ee`, `gh`,
/// `ck`, a final `-ing(s)` or consonant + `y`, `ea` outside `eau` and `gea`.
fn english_spelling(w: &str) -> bool {
    let b = w.as_bytes();
    ["w", "sh", "oo", "ee", "gh", "ck"]
        .iter()
        .any(|p| w.contains(p))
        || (b.len() > 4 && (w.ends_with("ing") || w.ends_with("ings")))
        || (b.len() > 2 && w.ends_with('y') && !b"aeou".contains(&b[b.len() - 2]))
        || w.match_indices("ea")
            .any(|(k, _)| b.get(k + 2) != Some(&b'u') && (k == 0 || b[k - 1] != b'g'))
}

/// Whether the words between the marks at `i` and `close` open with a capital letter away
/// from the start of a sentence and do not cry out (`avec « Sel »`, `de Yasmine
/// Haddouche, « La Dernière Marée »`): a title or a name, when no speaker is stated for
/// them.
fn title(ctx: &Ctx<'_>, i: usize, close: usize) -> bool {
    let opens = i == 0
        || ctx.tokens[i].has(Token::PARAGRAPH_BEFORE)
        || ['.', '!', '?', ':', '—', '-']
            .iter()
            .any(|&c| ctx.punct(i - 1, c));
    // (`« Assassin ! »` is a cry.)
    let cry = close >= 1 && (ctx.punct(close - 1, '!') || ctx.punct(close - 1, '?'));
    ctx.tokens.get(i + 1).is_some_and(|t| t.is_capitalized()) && !opens && !cry
}

/// Places run by someone (folded): `la direction de l'aéroport`, `du site`.
const PLACES: &[&str] = &[
    "aeroport",
    "usine",
    "site",
    "hopital",
    "etablissement",
    "port",
    "prison",
    "festival",
    "musee",
    "ecole",
    "college",
    "lycee",
    "clinique",
    "theatre",
    "gare",
    "abattoir",
    "mine",
    "raffinerie",
    "centrale",
    "camp",
    "chantier",
    "magasin",
    "entrepot",
    "stade",
    "maternite",
    "ehpad",
    "centre",
];

/// Nouns of works, programmes and themes, whose name may follow between « » (`le film
/// « … »`, `le plan « … »`, `son troisième roman, « … »`).
const WORKS: &[&str] = &[
    "film",
    "films",
    "documentaire",
    "roman",
    "livre",
    "album",
    "chanson",
    "titre",
    "spectacle",
    "serie",
    "emission",
    "podcast",
    "chaine",
    "operation",
    "operations",
    "plan",
    "programme",
    "dispositif",
    "theme",
    "slogan",
    "label",
    "exposition",
    "piece",
    "ouvrage",
    "tournee",
    "circuit",
    "essai",
    "recueil",
    "opera",
    "metrage",
    "extrait",
    "single",
    "disque",
    "livret",
    "brochure",
    "manuel",
    "guide",
    "mission",
    "tube",
    "campagne",
    "application",
    "logiciel",
    "algorithme",
    "outil",
    // Vessels and vehicles by their name: `le chalutier « Ar Sterenn »`.
    "chalutier",
    "navire",
    "bateau",
    "voilier",
    "paquebot",
    "ferry",
    "fregate",
    "cargo",
    "suv",
    "modele",
    "avion",
    "appareil",
    "helicoptere",
    "exemplaires",
    "loi",
    "projet",
    "pacte",
    "systeme",
    "air",
    "gamme",
    "collection",
    "coalition",
    "collectif",
    "motion",
    "liste",
    "indicatif",
];

/// The subject whose own wording the naming verb at token `m` gives, not a usage: `ce
/// qu'il appelle « … »`, `ce que la direction appelle pudiquement un « … »`, `ce que
/// Médialis appelle « … »` (a speaker in the story), not `ce que les marins appellent
/// « … »` or `ce qu'on appelle « … »` (how a trade or anyone says it).
fn wording_subject(ctx: &Ctx<'_>, m: usize) -> Option<usize> {
    let that = (m.saturating_sub(6)..m)
        .rev()
        .find(|&w| matches!(ctx.key(w), "que" | "qu"))?;
    let subject = that + 1 + usize::from(ctx.apostrophe(that + 1));
    if subject >= m {
        return None;
    }
    let own = match ctx.key(subject) {
        "il" | "elle" | "ils" | "elles" => subject + 1 == m,
        "le" | "la" | "l" => {
            // (`la direction`, `l'exploitant`: one body or person; not `les marins`.)
            let noun = after_article(ctx, subject);
            noun < m && role_word_kind(ctx, noun).is_some()
        }
        // (`ce que ses équipes appellent`: the people of a speaker; not `X, que ses
        // collègues appellent « le Shérif »`, a nickname.)
        "son" | "sa" | "ses" | "leur" | "leurs" => {
            subject + 1 < m && that >= 1 && ctx.is(that - 1, "ce")
        }
        _ => ctx.name_at(subject).is_some(),
    };
    own.then_some(subject)
}

/// Whether token `m` is a verb of naming that gives someone's own wording (see
/// [`wording_subject`]).
fn own_wording(ctx: &Ctx<'_>, m: usize) -> bool {
    matches!(
        ctx.key(m),
        "appelle" | "appellent" | "appelait" | "appelaient"
    ) && wording_subject(ctx, m).is_some()
}

/// `El País estime que « … »`, `Icelandair assure que « … »`: capitalised words no
/// tagger named, opening the sentence right before its verb of speech and `que` or `:`,
/// speak (a newspaper, a company); not a pronoun or a word that opens sentences.
fn unfound_subject(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    let mut v = i.checked_sub(1)?;
    if !(ctx.punct(v, ':') || matches!(ctx.key(v), "que" | "qu")) {
        return None;
    }
    v = v.checked_sub(1)?;
    if !(ctx.tokens[v].kind == TokenKind::Word && speech_verb(ctx.key(v))) {
        return None;
    }
    let last = v.checked_sub(1)?;
    let mut first = last;
    while first > 0
        && last - first < 2
        && ctx.tokens[first - 1].is_capitalized()
        && !sentence_opens_at(ctx, first)
    {
        first -= 1;
    }
    let word = |k: usize| {
        let t = &ctx.tokens[k];
        t.kind == TokenKind::Word
            && t.is_capitalized()
            && ctx.name_at(k).is_none()
            && !STOP.contains(&ctx.key(k))
            && !matches!(
                ctx.key(k),
                "il" | "elle"
                    | "ils"
                    | "elles"
                    | "on"
                    | "ce"
                    | "cet"
                    | "cette"
                    | "ces"
                    | "cela"
                    | "le"
                    | "la"
                    | "les"
                    | "l"
                    | "un"
                    | "une"
                    | "des"
                    | "je"
                    | "nous"
                    | "vous"
                    | "chacun"
                    | "personne"
                    | "tout"
                    | "tous"
                    | "certains"
                    | "beaucoup"
                    | "aucun"
                    | "aucune"
            )
    };
    if !sentence_opens_at(ctx, first) || !(first..=last).all(word) {
        return None;
    }
    let span = ctx.tokens[first].start as usize..ctx.tokens[last].end as usize;
    Some(Speaker::unlinked(ctx, span, ctx.tokens[v].text(ctx.text)))
}

/// `X a pris la tête de la mobilisation. Son message tient en une phrase : « … »`: words
/// of someone's (a message, an answer, not a person) that open the sentence of the quote,
/// ending in `:`, are those of the person who opens the sentence before.
fn possessor_words(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    if i == 0 || !ctx.punct(i - 1, ':') {
        return None;
    }
    let s = sentence_start(ctx, i - 1)?;
    let noun = s + 1;
    if !matches!(ctx.key(s), "son" | "sa" | "leur")
        || i - s > 14
        || ctx
            .tokens
            .get(noun)
            .is_none_or(|t| t.kind != TokenKind::Word)
        || role_word_kind(ctx, noun).is_some()
        || glose_fr::person_noun(ctx.key(noun))
    {
        return None;
    }
    let (_, a) = previous_sentence_subject(ctx, s)?;
    (a.label == Label::PER).then(|| named(ctx, a, ":"))
}

/// `Sa direction affirme avoir « … »`, `son camp dénonce une « … »`: a possessive
/// subject of the verb of speech right before the quote at token `i`, opening its
/// clause: a body's management speaks for the body that opens the sentence or the one
/// before; someone's side, aide or relation is an unnamed source.
fn possessive_subject(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    // The verb, then a few words up to the quote (`affirme avoir`, `dénonce une`).
    let v = (i.saturating_sub(4)..i).rev().find(|&v| {
        ctx.tokens[v].kind == TokenKind::Word
            && speech_verb(ctx.key(v))
            && (v + 1..i).all(|w| ctx.tokens[w].kind == TokenKind::Word || ctx.apostrophe(w))
    })?;
    let v = if v >= 1 && matches!(ctx.key(v - 1), "a" | "ont") {
        v - 1
    } else {
        v
    };
    let s = v.checked_sub(2)?;
    if !matches!(ctx.key(s), "son" | "sa" | "ses" | "leur" | "leurs")
        || !sentence_opens_at(ctx, s)
        || ctx.tokens[s + 1].kind != TokenKind::Word
    {
        return None;
    }
    let noun = s + 1;
    let verb = ctx.tokens[v].text(ctx.text);
    if ctx.is(noun, "direction") {
        return subject_org(ctx, s)
            .filter(|o| o.span.end <= ctx.tokens[s].start as usize)
            .map(|o| named(ctx, o, verb));
    }
    let person = matches!(
        role_word_kind(ctx, noun),
        Some(Label::PER) | Some(ENTOURAGE)
    ) || glose_fr::person_noun(ctx.key(noun))
        || ctx.is(noun, "camp");
    person.then(|| {
        let span = ctx.tokens[s].start as usize..ctx.tokens[noun].end as usize;
        Speaker::unnamed(ctx, span, verb)
    })
}

/// The speaker of words given as someone's own just before the quote at token `i` (`ce
/// qu'ils appellent la « … »`): who the pronoun takes up, the body or the name.
fn wording_speaker(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    let v = (i.saturating_sub(5)..i)
        .rev()
        .find(|&v| own_wording(ctx, v))?;
    let subject = wording_subject(ctx, v)?;
    let verb = ctx.tokens[v].text(ctx.text);
    match ctx.key(subject) {
        "ils" | "elles" => group_speaker(ctx, subject, verb),
        p @ ("il" | "elle") => personal_pronoun_speaker(ctx, v, pronoun_gender(p)),
        "le" | "la" | "l" => role_speaker(ctx, subject, after_article(ctx, subject), verb),
        "son" | "sa" | "ses" | "leur" | "leurs" => None,
        _ => ctx
            .name_at(subject)
            .map(|(a, _)| named(ctx, ctx.full_name(a), verb)),
    }
}

/// Whether the words between marks opening at token `i` name something rather than
/// report speech: after a participle of naming (`baptisée « … »`, `surnommé`, `les
/// modèles dits « … »`, not `s'est dite « … »`), or a title after a noun of a work, a
/// programme or a theme (`au film « Les … »`, `le documentaire égyptien « … »`, `le plan
/// « Marseille en grand »`; not `un plan « préparé de longue date »`).
fn named_thing(ctx: &Ctx<'_>, i: usize) -> bool {
    const NAMING: &[&str] = &[
        "baptise",
        "baptisee",
        "baptises",
        "baptisees",
        "surnomme",
        "surnommee",
        "surnommes",
        "surnommees",
        "surnomment",
        "surnommait",
        "surnommaient",
        "rebaptise",
        "rebaptisee",
        "rebaptises",
        "rebaptisees",
        "intitule",
        "intitulee",
        "intitules",
        "intitulees",
        "appelee",
        "appeles",
        "appelees",
        "dite",
        "dits",
        "dites",
        "nommee",
        "surnommer",
        "appeler",
        "baptiser",
        "titre",
        "titree",
    ];
    if i < 2 {
        return false;
    }
    // `le projet de lotissement dit « … »`: `dit` after a complement, not after a
    // subject (the other uses of `dit` are below).
    if i >= 3
        && ctx.is(i - 1, "dit")
        && ctx.tokens[i - 2].kind == TokenKind::Word
        && !ctx.tokens[i - 2].is_capitalized()
        && matches!(ctx.key(i - 3), "de" | "du" | "des")
    {
        return true;
    }
    // A name given before a colon or a comma, in the same sentence and with no verb of
    // saying since: `un surnom immédiat parmi les ouvriers : « … »`, `Le projet porte un
    // nom qui fait grincer des dents : « … »`, `un plan qui porte un nom sans détour,
    // « … »`, `Le titre de son essai lui revient comme un boomerang : « … »`.
    if ctx.punct(i - 1, ':') || ctx.punct(i - 1, ',') {
        let naming = (i.saturating_sub(24)..i - 1)
            .rev()
            .take_while(|&m| {
                // (A participle after a work is no one saying: `l'essai publié par X`.)
                let of_work =
                    m >= 1 && (WORKS.contains(&ctx.key(m - 1)) || ctx.is(m - 1, "rapport"));
                !ctx.punct(m, '.')
                    && !ctx.punct(m, '«')
                    && !ctx.punct(m, '»')
                    && (of_work || !speech_verb(ctx.key(m)))
            })
            .any(|m| match ctx.key(m) {
                "surnom" | "sobriquet" | "intitule" => true,
                // (Not `au nom des salariés`, `qui préfère taire son nom`.)
                "nom" => {
                    !(m >= 1
                        && (matches!(
                            ctx.key(m - 1),
                            "son" | "sa" | "leur" | "leurs" | "mon" | "notre" | "votre"
                        ) || (ctx.is(m - 1, "au")
                            && matches!(ctx.key(m + 1), "de" | "du" | "des" | "d"))))
                }
                // (The title of a work, or one a thing bears: not a sports title.)
                "titre" => {
                    (m + 1..m + 5).any(|w| {
                        WORKS.contains(&ctx.key(w))
                            || matches!(ctx.key(w), "rapport" | "etude" | "qui")
                    }) || (m.saturating_sub(3)..m).any(|w| ctx.key(w).starts_with("port"))
                }
                _ => false,
            });
        if naming || ctx.punct(i - 1, ':') {
            return naming;
        }
    }
    // `présenté sous le nom de « … »`.
    if i >= 3 && matches!(ctx.key(i - 1), "de" | "d") && ctx.is(i - 2, "nom") && ctx.is(i - 3, "le")
    {
        return true;
    }
    // What someone was asked about: `l'a interrogée sur le « … »`.
    let article = if ctx.apostrophe(i - 1) { i - 2 } else { i - 1 };
    if matches!(ctx.key(article), "le" | "la" | "les" | "l")
        && article >= 2
        && ctx.is(article - 1, "sur")
        && (article.saturating_sub(4)..article - 1).any(|m| {
            let key = ctx.key(m);
            key.starts_with("interroge") || key.starts_with("questionne")
        })
    {
        return true;
    }
    // A title opens with a capital letter.
    let title = ctx.tokens.get(i + 1).is_some_and(|t| t.is_capitalized());
    let mut m = i;
    // `son troisième album, « Sel », chez …`: a title in apposition to its noun.
    if title && m >= 2 && ctx.punct(m - 1, ',') {
        // (`le film de Yasmine Haddouche, « … »`: its author between.)
        let mut noun = m - 2;
        if let Some(a) = ctx.name_before(m - 1) {
            let at = ctx.token_from(a.span.start);
            noun = match at.checked_sub(1) {
                Some(p) if ctx.is(p, "de") => p.saturating_sub(1),
                Some(p) if p >= 2 && ctx.apostrophe(p) && ctx.is(p - 1, "d") => p - 2,
                _ => noun,
            };
        }
        // (`une brochure maison, « … »`: one word after the noun.)
        if WORKS.contains(&ctx.key(noun)) || (noun >= 1 && WORKS.contains(&ctx.key(noun - 1))) {
            return true;
        }
    }
    let mut skipped = false;
    for _ in 0..4 {
        let Some(p) = m.checked_sub(1) else {
            return false;
        };
        m = p;
        let t = &ctx.tokens[m];
        let key = ctx.key(m);
        if NAMING.contains(&key) {
            // (Nothing but determiners since, or the thing named after an active verb:
            // `ont surnommé les drones les « … »`; `se dire`, `s'est dite`, is speech,
            // `sont surnommées « … »` naming.)
            let reflexive = matches!(key, "dite" | "dits" | "dites")
                && ((m >= 1 && matches!(ctx.key(m - 1), "est" | "sont" | "se"))
                    || (m >= 2 && ctx.apostrophe(m - 1) && ctx.is(m - 2, "s")));
            let active = m >= 1 && matches!(ctx.key(m - 1), "a" | "ont" | "avait" | "avaient");
            return (!skipped || active) && !reflexive;
        }
        // `ce que les financiers appellent un « … »`, `les fans l'appellent « … »` (not
        // `on m'appelait « … »`, words said to someone).
        if matches!(
            key,
            "appelle" | "appellent" | "appelait" | "appelaient" | "nomment" | "nommait"
        ) {
            let said_to = m >= 1
                && (matches!(ctx.key(m - 1), "me" | "te" | "nous" | "vous")
                    || (ctx.apostrophe(m - 1) && m >= 2 && matches!(ctx.key(m - 2), "m" | "t")));
            // (Naming needs what is named before the verb, `l'appellent`, `ce que X
            // appellent`; `le ministère appelle « chacun à … »` calls on people.)
            let object = m >= 1
                && (matches!(ctx.key(m - 1), "le" | "la" | "les")
                    || (ctx.apostrophe(m - 1) && m >= 2 && ctx.is(m - 2, "l"))
                    || (m.saturating_sub(5)..m).any(|w| matches!(ctx.key(w), "que" | "qu")));
            return !skipped && !said_to && object && !own_wording(ctx, m);
        }
        if WORKS.contains(&key) {
            // (A programme's name may open in lower case, its capitals inside: `le
            // programme « pHARe »`; not `un plan « préparé de longue date »`.)
            let programme = m + 1 == i
                && ctx.tokens.get(i + 1).is_some_and(|t| {
                    let w = t.text(ctx.text);
                    w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase)
                });
            // (A law by its wording: `la proposition de loi « relative au droit à … »`.)
            let law = matches!(key, "loi" | "decret" | "ordonnance")
                && m + 1 == i
                && matches!(
                    ctx.key(i + 1),
                    "relative" | "relatif" | "visant" | "portant"
                );
            return title || programme || law;
        }
        // `en alerte « crise »`, `la vigilance « rouge »`, `en situation de « crise »`:
        // a level by its name.
        if matches!(key, "alerte" | "vigilance")
            || (key == "situation" && ctx.is(m + 1, "de") && m + 2 == i)
        {
            return !skipped;
        }
        // `Le préavis, dit « glissant »`, `Paul, dit « le Gaulois »`: a so-called name.
        // (Not `La préfecture, de son côté, dit « prendre très au sérieux … »`: a name is
        // a few words.)
        // (Not `L'Anses, elle, dit « prendre acte »`, nor after a relative clause, `La
        // préfecture, qui avait signé l'arrêté, dit « prendre acte »`.)
        if key == "dit"
            && m + 1 == i
            && m >= 1
            && ctx.punct(m - 1, ',')
            && !(m >= 2 && matches!(ctx.key(m - 2), "elle" | "lui" | "eux" | "elles"))
            && !(m.saturating_sub(14)..m - 1)
                .any(|w| w >= 1 && matches!(ctx.key(w), "qui" | "dont") && ctx.punct(w - 1, ','))
            && closing(ctx, i).is_some_and(|close| ctx.words_in(i, close) <= 3)
        {
            return true;
        }
        // `le mot « … »`, `l'expression « … »`: a word quoted as a word.
        if word_noun(key) {
            return !skipped;
        }
        if matches!(
            key,
            "le" | "la" | "les" | "l" | "un" | "une" | "des" | "du" | "de" | "d"
        ) || ctx.apostrophe(m)
        {
            continue;
        }
        // (`que les anciens surnomment encore « … »`, `ce qu'elle appelle pudiquement un
        // « … »`, `appellent entre eux le « … »`, `appelle depuis longtemps la « … »`.)
        if matches!(
            key,
            "encore"
                | "toujours"
                | "aussi"
                | "deja"
                | "parfois"
                | "volontiers"
                | "desormais"
                | "entre"
                | "eux"
                | "elles"
                | "depuis"
                | "longtemps"
        ) || (key.len() > 6 && key.ends_with("ment") && !speech_verb(key))
        {
            continue;
        }
        // (`baptisée en interne « … »`, `surnommé en privé « … »`.)
        if m >= 1 && ctx.is(m - 1, "en") && matches!(key, "interne" | "prive" | "coulisses") {
            m -= 1;
            continue;
        }
        // One adjective or name after the noun: `documentaire égyptien`, `chaîne YouTube`.
        if !skipped && t.kind == TokenKind::Word && !speech_verb(key) {
            skipped = true;
            continue;
        }
        return false;
    }
    false
}

/// Whether token `i` opens a paragraph or a sentence (after `.`, `!` or `?`).
fn opens_sentence(ctx: &Ctx<'_>, i: usize) -> bool {
    i == 0
        || ctx.tokens[i].has(Token::PARAGRAPH_BEFORE)
        || ['.', '!', '?'].iter().any(|&c| ctx.punct(i - 1, c))
}

/// Whether the quote from token `i` to `close` is a nickname: a few words after a
/// person's name and a comma, or opening a sentence, then `pour` and whom it is theirs
/// for, or `, comme le surnomment …` (`Franck Delmas, « le Sorcier » pour les
/// supporters`, `« Monsieur Non » pour ses détracteurs, l'élu …`, `« Le Patriarche »,
/// comme le surnommaient certains agents`); or after a name and a comma, opening with
/// an article or a title and followed by a comma (`Gérard Vidal, « le roi des
/// placards », qui loue …`).
fn nickname(ctx: &Ctx<'_>, i: usize, close: usize) -> bool {
    if ctx.words_in(i, close) > 6 || i < 2 {
        return false;
    }
    let after = close + 1;
    let for_whom = ctx.is(after, "pour")
        && matches!(
            ctx.key(after + 1),
            "les"
                | "des"
                | "ses"
                | "son"
                | "sa"
                | "leurs"
                | "tout"
                | "toute"
                | "tous"
                | "toutes"
                | "certains"
                | "certaines"
                | "beaucoup"
                | "nombre"
                | "la"
                | "le"
                | "l"
                | "ceux"
                | "celles"
                | "une"
                | "un"
                | "plusieurs"
        );
    let so_called = ctx.punct(after, ',')
        && ctx.is(after + 1, "comme")
        && (after + 2..after + 5).any(|m| {
            let key = ctx.key(m);
            key.starts_with("surnomm") || key.starts_with("appel") || key.starts_with("nomm")
        });
    // (A person's name just before, the comma between, and no verb of saying opening
    // the sentence: not `a répondu Marc Dupont, « pas question »`.)
    let apposed = ctx.punct(i - 1, ',')
        && ctx.name_before(i - 1).is_some_and(|a| {
            a.label == Label::PER && ctx.token_from(a.span.end) == i - 1 && {
                let start = ctx.token_from(a.span.start);
                (start.saturating_sub(2)..start).all(|m| !speech_verb(ctx.key(m)))
            }
        });
    let opens = opens_sentence(ctx, i);
    if (apposed || opens) && (for_whom || so_called) {
        return true;
    }
    // (`« le toubib des lissiers », parti …`: a nickname opens with an article or a
    // title.)
    apposed
        && ctx.punct(after, ',')
        && (matches!(ctx.key(i + 1), "le" | "la" | "les" | "l")
            || matches!(ctx.key(i + 1), "monsieur" | "madame" | "mademoiselle"))
}

/// Whether the quote from token `i` to `close` is the title of a work or a report that
/// opens its sentence and is named right after: `« Urgences rurales, l'équation
/// impossible » : le rapport remis en juin …`, `« Le Département en première ligne », le
/// rapport commandé …`. A title says nothing: none of its words is a pronoun or a verb
/// that makes a sentence (not `« Les urgences sont saturées » : le rapport …`).
fn work_title(ctx: &Ctx<'_>, i: usize, close: usize) -> bool {
    let opens = opens_sentence(ctx, i);
    if ctx.words_in(i, close) > 8
        || !ctx.tokens.get(i + 1).is_some_and(|t| t.is_capitalized())
        || !(ctx.punct(close + 1, ':') || ctx.punct(close + 1, ','))
    {
        return false;
    }
    let article = close + 2;
    let noun = after_article(ctx, article);
    // Opening its sentence, then `le rapport`, `un guide`: `« … » : le rapport remis …`.
    let named = opens
        && matches!(
            ctx.key(article),
            "le" | "la" | "l" | "un" | "une" | "ce" | "cette"
        )
        && (WORKS.contains(&ctx.key(noun))
            || matches!(
                ctx.key(noun),
                "rapport" | "document" | "etude" | "tract" | "note"
            ));
    // Anywhere, then its noun in apposition: `pour « La Saison des digues », son
    // troisième roman`.
    let apposed = ctx.punct(close + 1, ',')
        && matches!(
            ctx.key(article),
            "son" | "sa" | "leur" | "le" | "la" | "l" | "un" | "une"
        )
        && (article + 1..article + 4).any(|m| {
            WORKS.contains(&ctx.key(m))
                || matches!(ctx.key(m), "etude" | "rapport" | "enquete" | "publication")
        });
    (named || apposed)
        && (i + 1..close).all(|m| {
            !matches!(
                ctx.key(m),
                "est"
                    | "sont"
                    | "etait"
                    | "a"
                    | "ont"
                    | "avait"
                    | "ne"
                    | "n"
                    | "pas"
                    | "je"
                    | "j"
                    | "nous"
                    | "vous"
                    | "il"
                    | "elle"
                    | "on"
                    | "ils"
                    | "elles"
                    | "c"
                    | "ce"
                    | "se"
                    | "s"
                    | "y"
                    | "va"
                    | "vont"
                    | "faut"
                    | "peut"
                    | "doit"
                    | "sera"
                    | "fait"
            ) && !ctx.punct(m, '!')
                && !ctx.punct(m, '?')
        })
}

/// A noun that presents words as words (`le mot « … »`, `« … », terme employé pour`).
fn word_noun(key: &str) -> bool {
    matches!(
        key,
        "mot"
            | "terme"
            | "expression"
            | "formule"
            | "vocable"
            | "notion"
            | "qualificatif"
            | "surnom"
            | "sobriquet"
    )
}

/// Whether the words between the marks at `i` and `close` are described as a term or a
/// name by what follows or by their own first word: `un « pliage », terme employé
/// pour …`, `« à court terme », une notion reprise de …`; a work followed by its author
/// (`« La Nuit des gyrophares », du metteur en scène X`); `« loi Le Meur »`,
/// `« opération Sentinelle »`.
fn described_term(ctx: &Ctx<'_>, i: usize, close: usize) -> bool {
    let mut k = close + 1;
    if ctx.punct(k, ',') {
        k += 1;
        if matches!(ctx.key(k), "un" | "une" | "le" | "la" | "ce" | "cette") {
            k += 1;
        }
        if word_noun(ctx.key(k)) {
            return true;
        }
        // `Devant « Le Coron sous la neige », une toile d'un peintre`: a title, then the
        // kind of work.
        if k > close + 2
            && ctx.tokens.get(i + 1).is_some_and(|t| t.is_capitalized())
            && (WORKS.contains(&ctx.key(k))
                || matches!(
                    ctx.key(k),
                    "toile" | "tableau" | "oeuvre" | "photographie" | "sculpture" | "fresque"
                ))
        {
            return true;
        }
        // `un « lolo », l'une de ces petites épiceries`: what kind of thing it is.
        if ctx.is(close + 2, "l")
            && ctx.apostrophe(close + 3)
            && matches!(ctx.key(close + 4), "un" | "une")
            && ctx.is(close + 5, "de")
            && matches!(ctx.key(close + 6), "ces" | "ses" | "leurs" | "nos")
        {
            return true;
        }
        // `le « fini-parti », cette règle permettant …`, `du « bomb squad », ces
        // remplaçants chargés de …`: a demonstrative says what the term means.
        // (`le « meltemi », ce vent du nord`; not `« … », ce qui`.)
        if (matches!(ctx.key(close + 2), "cette" | "ces" | "cet")
            || (ctx.is(close + 2, "ce")
                && !matches!(
                    ctx.key(close + 3),
                    "qui" | "que" | "qu" | "dont" | "n" | "ne"
                )))
            && ctx
                .tokens
                .get(close + 3)
                .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized())
        {
            return true;
        }
        let title = ctx.tokens.get(i + 1).is_some_and(|t| t.is_capitalized());
        // `« Les Saisons du sel », troisième roman de X`, `« … », le premier film de`.
        if title
            && (k..k + 2).any(|m| {
                WORKS.contains(&ctx.key(m))
                    && ctx.tokens.get(m).is_some_and(|t| !t.is_capitalized())
            })
        {
            return true;
        }
        let of = match ctx.key(close + 2) {
            "du" | "de" => close + 3,
            "d" if ctx.apostrophe(close + 3) => close + 4,
            _ => 0,
        };
        // `son « etxe », la maison en basque`: a word of another language, translated.
        if (k..k + 8)
            .take_while(|&m| !ctx.punct(m, '.') && !ctx.punct(m, '«'))
            .any(|m| {
                ctx.is(m, "en")
                    && matches!(
                        ctx.key(m + 1),
                        "anglais"
                            | "basque"
                            | "breton"
                            | "corse"
                            | "occitan"
                            | "alsacien"
                            | "espagnol"
                            | "catalan"
                            | "italien"
                            | "allemand"
                            | "arabe"
                            | "creole"
                            | "latin"
                    )
            })
        {
            return true;
        }
        if title && of > 0 {
            let of = skip_article(ctx, of);
            let author = ctx.name_at(of).is_some_and(|(a, _)| a.label == Label::PER)
                || role_kind(ctx, of) == Some(Label::PER);
            if author {
                return true;
            }
        }
    }
    // `les « ASCT » dans le jargon maison`, `une banque « digital first », selon le
    // jargon maison`.
    let from = close + 1 + usize::from(ctx.punct(close + 1, ','));
    if matches!(ctx.key(from), "dans" | "selon")
        && ctx.is(from + 1, "le")
        && ctx.is(from + 2, "jargon")
    {
        return true;
    }
    // `la loi « industrie verte »`: a law by its name.
    let law = i >= 2 && ctx.is(i - 1, "loi") && ctx.is(i - 2, "la");
    law || (matches!(
        ctx.key(i + 1),
        "loi" | "operation" | "plan" | "programme" | "dispositif" | "pacte" | "projet"
    ) && ctx.tokens.get(i + 2).is_some_and(|t| t.is_capitalized())
        && close > i + 2)
}

/// `« … », soupirent des agriculteurs, avant d'ajouter : « … »`, `« … », confie une mère.
/// Et d'ajouter, la voix fatiguée : « … »`: the speaker of the quote before goes on.
fn added_to(ctx: &Ctx<'_>, last: &Option<(Speaker, usize)>, i: usize) -> Option<Speaker> {
    let (s, close) = last.as_ref()?;
    let mut j = i;
    if j >= 1 && (ctx.punct(j - 1, ':') || matches!(ctx.key(j - 1), "que" | "qu")) {
        j -= 1;
    }
    // (A phrase of manner after the verb: `Et d'ajouter, la voix fatiguée : « … »`.)
    let verb = (j.saturating_sub(6)..j)
        .rev()
        .find(|&c| {
            ctx.punct(c, ',')
                && (c + 1..j).all(|m| ctx.tokens[m].kind == TokenKind::Word || ctx.apostrophe(m))
        })
        .unwrap_or(j)
        .checked_sub(1)?;
    let added = matches!(
        ctx.key(verb),
        "ajouter" | "preciser" | "conclure" | "lancer" | "poursuivre" | "insister"
    ) && verb >= 3
        && ctx.apostrophe(verb - 1)
        && ctx.is(verb - 2, "d");
    // `avant d'ajouter` in the sentence of the quote before; `Et d'ajouter` opening the
    // next.
    let sentence_ends = (close + 1..i).filter(|&m| ctx.sentence_end(m)).count();
    let follows = (ctx.is(verb - 3, "avant") && sentence_ends == 0)
        || (ctx.is(verb - 3, "et") && sentence_opens_at(ctx, verb - 3) && sentence_ends <= 1);
    (added && follows && *close < verb).then(|| s.clone())
}

/// A quote that goes on from the one before (`« … », a dit X. « … »`): with no speaker of
/// its own, in the same paragraph, less than two sentences after it, with no other
/// person named in between, it is the same speaker's.
fn continued(ctx: &Ctx<'_>, previous: &Option<(Speaker, usize)>, i: usize) -> Option<Speaker> {
    let (s, close) = previous.as_ref()?;
    let between = ctx.tokens.get(close + 1..i)?;
    if between.iter().any(|t| t.has(Token::PARAGRAPH_BEFORE))
        || ctx.tokens[i].has(Token::PARAGRAPH_BEFORE)
        || between.len() > 25
        || between.iter().filter(|t| t.is_punct(ctx.text, '.')).count() > 1
    {
        return None;
    }
    let (from, to) = (
        ctx.tokens[*close].end as usize,
        ctx.tokens[i].start as usize,
    );
    // (Not a name in the sentence that closes on the quote before, who said it: `»,
    // raconte la mère de Léna. « … »`.)
    let from = (close + 1..i)
        .find(|&m| ctx.punct(m, '.'))
        .map_or(from, |m| ctx.tokens[m].end as usize);
    if ctx
        .names_within(from, to)
        .any(|a| a.label == Label::PER && !s.text.ends_with(a.text(ctx.text)))
    {
        return None;
    }
    Some(s.clone())
}

/// A quote that is a sentence of its own, right after a sentence that opens with a
/// person (`Guillaume Sarrade montre les silos pleins. « … ».`, `À Cracovie, Magdalena
/// Wójcik, enseignante, ne cache pas sa déception. « … »`, `Pour Priya Raman,
/// politologue, le scrutin confirme… « … »`, or `Il` for someone named before): that
/// person introduced it.
fn introduced(
    ctx: &Ctx<'_>,
    previous: &Option<(Speaker, usize)>,
    last: &Option<(Speaker, usize)>,
    i: usize,
    close: usize,
) -> Option<Speaker> {
    // The quote stands alone: a full stop before it, and after it (or its paragraph's end).
    // (Opening a paragraph, only for an unnamed source the paragraph before ends on: `Une
    // ancienne employée, partie à la retraite, se souvient des nuits blanches.` ¶ `« … »`.)
    let opens_paragraph = i > 0 && ctx.tokens[i].has(Token::PARAGRAPH_BEFORE);
    if i == 0 || !ctx.stop(i - 1) {
        return None;
    }
    let next = close + 1;
    if !(next >= ctx.tokens.len()
        || ctx.tokens[next].has(Token::PARAGRAPH_BEFORE)
        || (ctx.stop(next)
            && ctx
                .tokens
                .get(next + 1)
                .is_none_or(|t| t.has(Token::PARAGRAPH_BEFORE) || t.is_capitalized())))
    {
        return None;
    }
    // The sentence before, in the same paragraph, with no quote in it.
    let end = i - 1;
    let start = sentence_start(ctx, end)?;
    if opens_paragraph {
        return (ctx
            .tokens
            .get(start + 1)
            .is_some_and(|t| !t.is_capitalized()))
        .then(|| indefinite_subject(ctx, start, end))
        .flatten()
        .filter(|s| s.anonymous);
    }
    // (After its opening phrase: `Venue de Toulon, la fille d'une retraitée …`,
    // `Cuisinier dans un restaurant du port, il craint …`.)
    let start = sentence_body(ctx, start, end);
    // `Il vient d'ouvrir un studio. « … »`: the person the pronoun takes up, the one who
    // spoke just before when there is one (`« … », explique-t-il, sous un portrait de X.
    // Il dit… « … »`).
    if matches!(ctx.key(start), "il" | "elle") {
        // (`« … », calcule un commerçant, primeur au marché. Il hausse les épaules. « … »`:
        // the unnamed source who spoke last, since the last person named who spoke.)
        if let Some((s, at)) = last
            && previous.as_ref().is_none_or(|(_, p)| p < at)
            && let Some(source) =
                last_unnamed(ctx, last, i, &s.verb, pronoun_gender(ctx.key(start)))
        {
            return Some(source);
        }
        if let Some((s, at)) = previous
            && start - at < 40
            && !ctx.tokens[*at + 1..start]
                .iter()
                .any(|t| t.has(Token::PARAGRAPH_BEFORE))
        {
            return Some(s.clone());
        }
        return personal_pronoun_speaker(ctx, start, pronoun_gender(ctx.key(start)));
    }
    // `Un habitant du hameau, relogé au gymnase, raconte… « … »` (not `Un BTS`).
    if ctx
        .tokens
        .get(start + 1)
        .is_some_and(|t| !t.is_capitalized())
        && let Some(source) = indefinite_subject(ctx, start, end)
    {
        return Some(source);
    }
    // `La mère d'un des plaignants, qui …, décrit des années de silence. « … »`: a
    // relation of someone, unnamed.
    if matches!(ctx.key(start), "le" | "la" | "l")
        && let n = after_article(ctx, start)
        && relation(ctx.key(n))
        && matches!(ctx.key(n + 1), "de" | "du" | "des" | "d")
        && let Some(source) = role_description(ctx, start, n, "")
    {
        return Some(source);
    }
    // Its first person, among its first words, not the complement of a preposition;
    // else the one person it names (`En attendant, l'adjoint au maire chargé de la
    // défense, X, se réjouit… « … »`).
    let to = ctx.tokens[(start + 12).min(end)].start as usize;
    let first = ctx
        .names_within(ctx.tokens[start].start as usize, to)
        .find(|a| a.label == Label::PER);
    let Some(a) = first else {
        return the_one_person(ctx, start, end);
    };
    if after_preposition(ctx, ctx.token_from(a.span.start), start) {
        return None;
    }
    Some(named(ctx, a, ""))
}

/// The one person the sentence of the quote at `i` names before it, not after a
/// preposition (`A Pessac, X, fondateur de Y, constate une demande en hausse : « … »`,
/// `Le maire, X, a rendu hommage « … »`): a quote of four words or more whose speaker
/// nothing else gives.
fn sentence_person(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    the_one_person(ctx, sentence_start(ctx, i)?, i)
}

/// The first token of the sentence that token `end` is in (or ends), within the
/// paragraph and 60 tokens; `None` when a quotation mark comes first.
fn sentence_start(ctx: &Ctx<'_>, end: usize) -> Option<usize> {
    let mut start = end;
    while start > 0 && end - start < 60 {
        let p = start - 1;
        if ctx.tokens[start].has(Token::PARAGRAPH_BEFORE)
            || ctx.punct(p, '.')
            || ctx.punct(p, '!')
            || ctx.punct(p, '?')
        {
            return Some(start);
        }
        if ctx.quote_mark(p) {
            return None;
        }
        start = p;
    }
    (end - start < 60).then_some(start)
}

/// A quote that is a sentence of its own, right before a sentence whose subject tells
/// it (`« … » Une violoniste de l'orchestre énumère les lieux …`, `« … » Installée
/// depuis quinze ans près du site, une riveraine résume ainsi …`): that subject. Not a
/// verb that answers the quote (`« … » Le maire dément`). A quote that opens its
/// paragraph is told by the person the next sentence is about, whatever its verb (`« … »
/// L'éleveur, dont …, parle sans hausser le ton`, `« … ». Habitante du bourg, X salue
/// …`), unless set against them (`« … » Le maire, lui, …`).
fn introduced_after(ctx: &Ctx<'_>, i: usize, close: usize) -> Option<Speaker> {
    let opens_paragraph = i == 0 || ctx.tokens[i].has(Token::PARAGRAPH_BEFORE);
    if !opens_paragraph && !ctx.stop(i - 1) {
        return None;
    }
    let next = if close >= 1 && ctx.stop(close - 1) {
        close + 1
    } else if ctx.stop(close + 1) {
        close + 2
    } else {
        return None;
    };
    if ctx
        .tokens
        .get(next)
        .is_none_or(|t| t.has(Token::PARAGRAPH_BEFORE) || !t.is_capitalized())
    {
        return None;
    }
    let end = (next..next + 40)
        .find(|&m| m >= ctx.tokens.len() || ctx.sentence_end(m) || ctx.quote_mark(m))
        .unwrap_or(next + 40);
    // (`C'est en ces termes qu'un membre de la commission résume …`: the subject after
    // `c'est … que`.)
    let cleft = (ctx.is(next, "c") && ctx.apostrophe(next + 1) && ctx.is(next + 2, "est"))
        .then(|| (next + 3..(next + 9).min(end)).find(|&m| matches!(ctx.key(m), "que" | "qu")))
        .flatten()
        .map(|m| if ctx.is(m, "qu") { m + 2 } else { m + 1 });
    let body = cleft.unwrap_or_else(|| match sentence_body(ctx, next, end) {
        // (`Habitante du bourg et membre d'un collectif, X salue …`: a bare phrase
        // before the subject.)
        b if b == next
            && !determiner(ctx.key(next))
            && !matches!(ctx.key(next), "il" | "elle" | "ils" | "elles" | "on")
            && ctx.name_at(next).is_none() =>
        {
            (next..(next + 14).min(end))
                .find(|&m| ctx.punct(m, ','))
                .filter(|&c| determiner(ctx.key(c + 1)) || ctx.name_at(c + 1).is_some())
                .map_or(next, |c| c + 1)
        }
        b => b,
    });
    let limit = end.min(body + 24);
    let tells = |v: usize| {
        let key = ctx.key(v);
        v < limit
            && speech_verb(key)
            && !key.ends_with("ant")
            && ![
                "repond",
                "repliqu",
                "retorqu",
                "dement",
                "contest",
                "nie",
                "reagi",
                "object",
                "tempere",
                "nuanc",
                "relativis",
                "rectifi",
                "corrig",
            ]
            .iter()
            .any(|w| key.starts_with(w))
    };
    let any_verb = |v: usize| {
        opens_paragraph
            && v < limit
            && ctx.tokens[v].kind == TokenKind::Word
            && !matches!(ctx.key(v), "lui" | "elle" | "eux" | "elles" | "et" | "ou")
    };
    // (`La charge est venue de X, …`, `La confidence vient d'une fleuriste`: whom the
    // words came from.)
    if determiner(ctx.key(body))
        && let Some(v) = (body + 1..(body + 6).min(limit)).find(|&v| {
            matches!(
                ctx.key(v),
                "vient" | "venue" | "venu" | "emane" | "provient"
            ) && matches!(ctx.key(v + 1), "de" | "d")
        })
    {
        let k = if ctx.is(v + 1, "d") { v + 3 } else { v + 2 };
        return indefinite_subject(ctx, k, limit)
            .or_else(|| {
                let (a, _) = ctx.name_at(k).filter(|(a, _)| a.label != Label::LOC)?;
                Some(named(ctx, a, ""))
            })
            .map(|s| Speaker {
                verb: ctx.tokens[v].text(ctx.text).to_owned(),
                ..s
            });
    }
    // `Elle raconte la nuit de l'incendie.`: the person the pronoun takes up.
    if matches!(ctx.key(body), "il" | "elle") {
        return (tells(body + 1) || any_verb(body + 1))
            .then(|| personal_pronoun_speaker(ctx, body, pronoun_gender(ctx.key(body))))
            .flatten();
    }
    let source = indefinite_subject(ctx, body, limit).or_else(|| {
        let (a, _) = ctx.name_at(body).filter(|(a, _)| a.label == Label::PER)?;
        Some(named(ctx, a, ""))
    });
    // (`L'éleveur`, `Cette ancienne comptable de 59 ans`: someone described before.)
    let (source, after) = match source {
        Some(s) => {
            let after = ctx.token_from(s.span.as_ref()?.end);
            (s, after)
        }
        None if opens_paragraph
            && determiner(ctx.key(body))
            && !matches!(ctx.key(body), "un" | "une" | "des") =>
        {
            let s = described_before(ctx, body).or_else(|| speaker_at(ctx, body, ""))?;
            let after = (body + 1..limit)
                .find(|&m| {
                    ctx.punct(m, ',')
                        || (ctx.tokens[m].kind == TokenKind::Word && verb_starts(ctx.key(m)))
                })
                .unwrap_or(limit);
            (s, after)
        }
        None => return None,
    };
    // (Its words set apart: `Paul Mercier, 62 ans, soupire.`)
    let verb = if ctx.punct(after, ',') {
        (after + 1..limit)
            .find(|&m| ctx.punct(m, ','))
            .map_or(after, |c| c + 1)
    } else {
        after
    };
    let told = tells(verb);
    (told || any_verb(verb)).then(|| Speaker {
        verb: if told {
            ctx.tokens[verb].text(ctx.text).to_owned()
        } else {
            String::new()
        },
        ..source
    })
}

/// `L'ancien directeur` at token `k` after `un ancien directeur d'établissement du
/// groupe` earlier in the article: that unnamed source again.
fn described_before(ctx: &Ctx<'_>, k: usize) -> Option<Speaker> {
    let n = skip_article(ctx, k);
    if n == k {
        return None;
    }
    let words: Vec<&str> = (n..n + 2)
        .take_while(|&m| {
            ctx.tokens
                .get(m)
                .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized())
                && !verb_starts(ctx.key(m))
        })
        .map(|m| ctx.key(m))
        .collect();
    if words.is_empty() {
        return None;
    }
    let m = (k.saturating_sub(400)..k).rev().find(|&m| {
        matches!(ctx.key(m), "un" | "une")
            && words
                .iter()
                .enumerate()
                .all(|(w, key)| ctx.key(m + 1 + w) == *key)
    })?;
    indefinite_subject(ctx, m, m + 12).filter(|s| s.anonymous)
}

/// Whether a folded word is an article or a demonstrative or possessive determiner.
fn determiner(key: &str) -> bool {
    matches!(
        key,
        "le" | "la"
            | "les"
            | "l"
            | "un"
            | "une"
            | "des"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "ce"
            | "cet"
            | "cette"
            | "ces"
    )
}

/// The one person named between tokens `start` and `end` (several mentions of one full
/// name count once), when not after a preposition.
fn the_one_person(ctx: &Ctx<'_>, start: usize, end: usize) -> Option<Speaker> {
    let mut people = ctx
        .names_within(
            ctx.tokens[start].start as usize,
            ctx.tokens[end].start as usize,
        )
        .filter(|a| a.label == Label::PER);
    let a = people.next()?;
    let full = |a: &Annotation| ctx.full_name(a).span;
    if people.any(|b| full(b) != full(a)) {
        return None;
    }
    if after_preposition(ctx, ctx.token_from(a.span.start), start) {
        return None;
    }
    Some(named(ctx, a, ""))
}

/// Whether the name at token `at` is the complement of a preposition (`de`, `avec`,
/// `à`…) after token `start`: seldom a speaker. The agent of a participle of speech is
/// one (`des annonces jugées insuffisantes par X, éleveuse : « … »`), and so is `Pour X,`
/// (`Pour X, politologue, le scrutin confirme…`).
fn after_preposition(ctx: &Ctx<'_>, at: usize, start: usize) -> bool {
    if at <= start {
        return false;
    }
    let key = ctx.key(at - 1);
    if key == "par" {
        return !(at.saturating_sub(5).max(start)..at - 1).any(|m| speech_verb(ctx.key(m)));
    }
    matches!(
        key,
        "de" | "du"
            | "des"
            | "d"
            | "avec"
            | "contre"
            | "a"
            | "au"
            | "aux"
            | "chez"
            | "sur"
            | "entre"
            | "que"
            | "qu"
    )
}

/// Whether a reporting verb comes shortly before the quote at `i` in its sentence (`a
/// dénoncé des « actes criminels »`): speech, even when no speaker is found.
fn reported(ctx: &Ctx<'_>, i: usize) -> bool {
    (i.saturating_sub(12)..i)
        .rev()
        .take_while(|&v| {
            !ctx.punct(v, '.')
                && !ctx.punct(v, '»')
                && !ctx.punct(v, '«')
                && !ctx.tokens[v + 1].has(Token::PARAGRAPH_BEFORE)
        })
        .any(|v| {
            // (`Il parle de « ligne rouge »`, `ce qu'elle appelle des « synergies »`: the
            // subject's own words.)
            ctx.tokens[v].kind == TokenKind::Word && speech_verb(ctx.key(v))
                || made_state(ctx, v)
                || put_on_guard(ctx, v)
                || own_wording(ctx, v)
        })
}

/// Whether token `v` is `garde` in `a mis en garde contre` (`a mis en garde contre une
/// « militarisation »`): a warning someone gave.
fn put_on_guard(ctx: &Ctx<'_>, v: usize) -> bool {
    v >= 2
        && ctx.is(v, "garde")
        && ctx.is(v - 1, "en")
        && matches!(
            ctx.key(v - 2),
            "mis" | "mise" | "met" | "mettent" | "mettait" | "mettaient" | "mettre"
        )
}

/// Whether token `v` is `état` in `fait état de` (`ont fait état de « combats
/// intenses »`): a report of what someone said.
fn made_state(ctx: &Ctx<'_>, v: usize) -> bool {
    v >= 1
        && ctx.is(v, "etat")
        && matches!(ctx.key(v - 1), "fait" | "font" | "faisait" | "faisaient")
        && matches!(ctx.key(v + 1), "de" | "d" | "du" | "des")
}

/// A second quote in the sentence of an unnamed source's (`la rectrice a condamné « … »
/// une violence « … »`): the same source, with no name in between.
fn same_sentence(ctx: &Ctx<'_>, last: &Option<(Speaker, usize)>, i: usize) -> Option<Speaker> {
    let (s, close) = last.as_ref()?;
    let between = ctx.tokens.get(close + 1..i)?;
    if !s.anonymous
        || between.len() > 20
        || ctx.tokens[i].has(Token::PARAGRAPH_BEFORE)
        || between.iter().any(|t| {
            t.has(Token::PARAGRAPH_BEFORE)
                || t.is_punct(ctx.text, '.')
                || t.is_punct(ctx.text, '?')
                || t.is_punct(ctx.text, '!')
        })
    {
        return None;
    }
    let (from, to) = (
        ctx.tokens[*close].end as usize,
        ctx.tokens[i].start as usize,
    );
    if ctx.names_within(from, to).next().is_some() {
        return None;
    }
    Some(s.clone())
}

/// A quote that opens a paragraph right after a question (an interview's answer): the
/// person the article names most often (counted by full name) speaks.
fn answer(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    if i == 0 || !ctx.punct(i - 1, '?') {
        return None;
    }
    // (Or right after the question, in its paragraph: `Craignez-vous pour la saison ?
    // « … »`, the question the paragraph's only sentence.)
    let after_question = || {
        (i.saturating_sub(40)..i - 1)
            .rev()
            .find(|&m| {
                ctx.tokens[m].has(Token::PARAGRAPH_BEFORE)
                    || ctx.sentence_end(m)
                    || ctx.quote_mark(m)
            })
            .is_some_and(|m| ctx.tokens[m].has(Token::PARAGRAPH_BEFORE) && !ctx.quote_mark(m))
    };
    if !ctx.tokens[i].has(Token::PARAGRAPH_BEFORE) && !after_question() {
        return None;
    }
    // (Fixed at the first answer: the one person named in the paragraph before the
    // first question, `X a accepté de répondre à nos questions.`, else the person the
    // article names most.)
    let a = (*ctx.interviewee.get_or_init(|| {
        introduced_before_question(ctx, i - 1)
            .or_else(|| most_named(ctx, ctx.people_by_end.iter().copied()))
    }))?;
    Some(Speaker {
        verb: String::new(),
        ..named(ctx, a, "")
    })
}

/// The one person (by full name) named outside quotes in the paragraph before the one
/// of the question ending at token `q`.
fn introduced_before_question<'a>(ctx: &Ctx<'a>, q: usize) -> Option<&'a Annotation> {
    let paragraph_start = |to: usize| {
        (to.saturating_sub(120)..=to)
            .rev()
            .find(|&m| m == 0 || ctx.tokens[m].has(Token::PARAGRAPH_BEFORE))
    };
    let question = paragraph_start(q)?;
    let intro = paragraph_start(question.checked_sub(1)?)?;
    let (from, to) = (
        ctx.tokens[intro].start as usize,
        ctx.tokens[question].start as usize,
    );
    let mut named = ctx
        .names_within(from, to)
        .filter(|a| a.label == Label::PER && !ctx.in_quote(a))
        .map(|a| ctx.full_name(a));
    let first = named.next()?;
    named
        .all(|a| a.text(ctx.text) == first.text(ctx.text))
        .then_some(first)
}

/// The unnamed source a pronoun before the quote at token `i` takes up: one a reporting
/// verb introduced just before (`…, a indiqué à l'AFP un responsable sous le couvert de
/// l'anonymat. « … », a-t-il déploré`), or an unnamed office opening the sentence before
/// (`L'avocat général avait requis quinze ans. « … », avait-il lancé`), with no person
/// named since.
fn unnamed_antecedent(ctx: &Ctx<'_>, i: usize, verb: &str) -> Option<Speaker> {
    let to = ctx.tokens[i].start as usize;
    // (The paragraph's first word included: `Selon une source judiciaire, …`.)
    let floor = (i.saturating_sub(60)..i.saturating_sub(1))
        .rev()
        .find(|&v| ctx.tokens[v].has(Token::PARAGRAPH_BEFORE))
        .unwrap_or(i.saturating_sub(60));
    for v in (floor..i).rev() {
        if ctx.quote_mark(v) {
            break;
        }
        // (`selon un responsable local. « … », a-t-il raconté`; `D'après une source
        // proche du dossier, le groupe …`.)
        let according = ctx.is(v, "selon")
            || (v >= 2 && ctx.is(v, "apres") && ctx.apostrophe(v - 1) && ctx.is(v - 2, "d"));
        if ctx.tokens[v].kind != TokenKind::Word || !(speech_verb(ctx.key(v)) || according) {
            continue;
        }
        let v = if according && !ctx.is(v, "selon") {
            v - 2
        } else {
            v
        };
        // A noun, not a verb: `onze juges`, `les juges`.
        if v >= 1
            && (matches!(ctx.key(v - 1), "le" | "la" | "les" | "des" | "un" | "une")
                || ctx.tokens[v - 1].kind == TokenKind::Number
                || glose_fr::number_word(ctx.key(v - 1)).is_some())
        {
            continue;
        }
        let start = if v >= 1 && matches!(ctx.key(v - 1), "a" | "ont") {
            v - 1
        } else {
            v
        };
        // (Only a verb whose subject follows it, after a quote or in an incise: not
        // `X, conseillère régionale, réclame une commission d'enquête`, `L'avocat de X
        // dénonce un dossier vide`.)
        // (Or after a relative `que`: `Un argument que conteste un juriste. « … »,
        // plaide-t-il`.)
        let after_relative = start >= 2
            && (ctx.is(start - 1, "que") || (ctx.apostrophe(start - 1) && ctx.is(start - 2, "qu")));
        if !according
            && !after_relative
            && !(start >= 1 && (ctx.punct(start - 1, ',') || ctx.punct(start - 1, '»')))
        {
            continue;
        }
        if !according
            && let Some(s) = sentence_start(ctx, start)
            && ctx
                .names_within(
                    ctx.tokens[s].start as usize,
                    ctx.tokens[start].start as usize,
                )
                .any(|a| a.label == Label::PER && !ctx.in_quote(a))
        {
            continue;
        }
        // (A singular pronoun: not a group, `les enquêteurs`.)
        if let Some(source) = speaker_after(ctx, start)
            && source.anonymous
            && let Some(span) = &source.span
            && person_like(ctx, span.start)
            && !matches!(
                ctx.key(ctx.token_from(span.start)),
                "les" | "des" | "plusieurs" | "ces"
            )
            && !ctx
                .names_within(span.end, to)
                .any(|a| a.label == Label::PER)
        {
            return Some(Speaker {
                verb: verb.to_owned(),
                ..source
            });
        }
    }
    // The gender of the pronoun after the quote: a person named since of the other
    // gender is not who speaks.
    let gender = closing(ctx, i)
        .and_then(|close| pronoun_after(ctx, close + 1))
        .and_then(|(_, g)| g);
    let may_be = |a: &Annotation| may_be(ctx, a, gender);
    for v in (i.saturating_sub(60)..i).rev() {
        if ctx.quote_mark(v) {
            break;
        }
        // `Un agriculteur de X, qui ne souhaite pas donner son nom, dit avoir reçu des
        // menaces. « … », témoigne-t-il.`
        // (Also after a phrase of place or time: `Dans les couloirs, un dirigeant …`; not
        // one a passive says something of: `Un homme a été placé en garde à vue`.)
        // (Cheap tests first: this runs for each token before a pronoun's quote.)
        let opens = || {
            sentence_start(ctx, v) == Some(v)
                // (`Pour un analyste du secteur, le cas n'a rien d'isolé.`)
                || (ctx.is(v - 1, "pour") && sentence_start(ctx, v - 1) == Some(v - 1))
                || after_opening_phrase(ctx, v)
                || after_bare_phrase(ctx, v)
        };
        // (`Un ancien commercial de l'entreprise`, `un haut fonctionnaire`; `une
        // aide-soignante` by the word after the hyphen.)
        let person = |noun: usize| {
            glose_fr::person_noun(ctx.key(noun)) || role_kind(ctx, noun) == Some(Label::PER)
        };
        if matches!(ctx.key(v), "un" | "une" | "plusieurs")
            && head_noun(ctx, v).is_some_and(|noun| {
                person(noun) || (ctx.punct(noun + 1, '-') && ctx.tokens.get(noun + 2).is_some_and(|t| t.kind == TokenKind::Word) && person(noun + 2))
            })
            && !matches!(
                ctx.key(v + 1),
                "premier" | "premiere" | "dernier" | "derniere"
            )
            && opens()
            && let Some(source) = indefinite_subject(ctx, v, i)
            && source.anonymous
            && source.span.as_ref().is_some_and(|span| {
                let end = ctx.token_from(span.end.saturating_sub(1)) + 1;
                !(end..i)
                    .take_while(|&m| !ctx.punct(m, '.'))
                    .any(|m| matches!(ctx.key(m), "a" | "ont") && ctx.is(m + 1, "ete"))
            })
            // (Not someone named since the source's own sentence, where others are named
            // beside the subject: `Un membre de la direction, présent aux côtés de X,
            // sort rassuré`.)
            && !ctx
                .names_within(
                    (v..i)
                        .find(|&m| ctx.sentence_end(m))
                        .map_or(to, |m| ctx.tokens[m].end as usize),
                    to,
                )
                // (`élu comme M. X`: a comparison.)
                .any(|a| a.label == Label::PER && may_be(a) && !compared(ctx, a))
        {
            return Some(Speaker {
                verb: verb.to_owned(),
                ..source
            });
        }
        // `Son épouse, elle, ne dort plus. « … », souffle-t-elle`: someone's relation
        // set against the people before.
        if matches!(ctx.key(v), "son" | "sa")
            && sentence_opens_at(ctx, v)
            && !ctx.punct(v.saturating_sub(1), ',')
            && relation(ctx.key(v + 1))
            && ctx.punct(v + 2, ',')
            && matches!(ctx.key(v + 3), "lui" | "elle")
            && ctx.punct(v + 4, ',')
            && gender.is_none_or(|g| pronoun_gender(ctx.key(v + 3)) == Some(g))
            && !ctx
                .names_within(ctx.tokens[v + 4].end as usize, to)
                .any(|a| a.label == Label::PER && may_be(a))
        {
            let span = ctx.tokens[v].start as usize..ctx.tokens[v + 1].end as usize;
            return Some(Speaker::unnamed(ctx, span, verb));
        }
        // (Also after a phrase of place or time: `Dans les tribunes, la mère de X …`.)
        if !matches!(ctx.key(v), "le" | "la" | "l")
            || !(sentence_opens_at(ctx, v) || after_opening_phrase(ctx, v))
        {
            continue;
        }
        let mut from = after_article(ctx, v);
        // (`Le sous-préfet d'Aubusson`: the role after its prefix.)
        if matches!(ctx.key(from), "sous" | "vice" | "ex" | "co") && ctx.punct(from + 1, '-') {
            from += 2;
        }
        // (`Le porte-parole de X, lui, …`, `Le médecin-chef du pôle, lui, …`: the role by
        // the word after the hyphen.)
        if ctx.punct(from + 1, '-')
            && ctx
                .tokens
                .get(from + 2)
                .is_some_and(|t| t.kind == TokenKind::Word)
            && (ctx.is(from, "porte") || role_kind(ctx, from + 2) == Some(Label::PER))
        {
            from += 2;
        }
        // (`L'intéressé, lui, préfère savourer. « … », a-t-il promis`: the person the
        // article is about.)
        if let Some(a) = epithet_person(ctx, v, from) {
            return Some(Speaker {
                by_pronoun: true,
                pronoun_gender: gender,
                ..named(ctx, a, verb)
            });
        }
        // (`La préfecture des Deux-Sèvres fait état de … « … », a-t-elle affirmé`: a
        // public body of no name, as an office.)
        // (Opening the sentence, not after a comma: `financés par la commune, le conseil
        // départemental et l'Etat`.)
        let body = || {
            // (`Le syndicat majoritaire redoute …`: ranked, as a body.)
            let ranked = role_kind(ctx, from) == Some(Label::ORG)
                && matches!(ctx.key(from + 1), "majoritaire" | "minoritaire");
            // (`L'agence régionale de santé se veut rassurante`: a body of a kind.)
            let kind =
                role_kind(ctx, from) == Some(Label::ORG) && body_of_a_kind(ctx, from).is_some();
            // (Or after an opening phrase, with its complement: `Sur l'origine du feu, le
            // parquet de Brest …`; `A Brest, la préfecture maritime …` is a body of no
            // name, [`definite_antecedent`].)
            ((!ctx.punct(v.saturating_sub(1), ',')
                || (after_opening_phrase(ctx, v)
                    && (matches!(ctx.key(from + 1), "de" | "du" | "des" | "d") || kind)))
                && (public_body(ctx.key(from)) || ranked || kind))
                .then(|| role_speaker(ctx, v, from, verb))
                .flatten()
                .filter(|s| s.anonymous)
        };
        // (Of the pronoun's gender: not `Le gouvernement de X …` for `a-t-elle dit`.)
        if from < i
            && gender.is_none_or(|g| article_gender(ctx.key(v)).is_none_or(|a| a == g))
            && let Some(source) = unnamed_office(ctx, v, from, verb)
                .or_else(body)
                .or_else(|| contrastive_role(ctx, v, from, i, verb))
                .or_else(|| contrastive_body(ctx, v, from, gender, verb))
            // (Beyond the description: `L'avocate de M. X, elle, …`; not `La rectrice a
            // reçu M. X. « … », a-t-elle déclaré`.)
            && !ctx
                .names_within(
                    source.span.as_ref().map_or(ctx.tokens[v].start as usize, |s| s.end),
                    to,
                )
                .any(|a| {
                    a.label == Label::PER
                        && may_be(a)
                        && !compared(ctx, a)
                        && !told_by_subject(ctx, v, a, gender)
                })
        {
            return Some(source);
        }
    }
    None
}

/// Whether the person `a`, named after the description that opens its sentence at token
/// `v`, is only a complement in what that subject goes on to do: in the rest of its own
/// sentence when it ends in a verb's object (`Le directeur, lui, conteste les chiffres
/// avancés par X.`), or in a sentence that opens with the pronoun of the quote's gender
/// (`Il a rappelé que X avait revendu deux parcelles.`).
fn told_by_subject(ctx: &Ctx<'_>, v: usize, a: &Annotation, gender: Option<Gender>) -> bool {
    // (Only for a pronoun whose gender is known, and a description of that gender.)
    let Some(g) = gender else {
        return false;
    };
    if article_gender(ctx.key(v)).is_some_and(|h| h != g) {
        return false;
    }
    let mut at = ctx.token_from(a.span.start);
    let Some(start) = sentence_start(ctx, at) else {
        return false;
    };
    if start == v || (v > start && after_opening_phrase(ctx, v)) {
        // (The complement of a preposition or of `que`, not an apposition: `La juge, X,
        // …`, `le président X`.)
        if at >= 2 && ctx.punct(at - 1, '.') && glose_fr::person_title(ctx.key(at - 2)) {
            at -= 2;
        } else if at >= 1 && glose_fr::person_title(ctx.key(at - 1)) {
            at -= 1;
        }
        // (`par X` too after a verb of speech: `les chiffres avancés par X`.)
        return after_preposition(ctx, at, v)
            || (at >= 1 && ctx.is(at - 1, "par"))
            || (at >= 2 && ctx.apostrophe(at - 1) && matches!(ctx.key(at - 2), "d" | "qu"));
    }
    pronoun_gender(ctx.key(start)) == Some(g) && ctx.tokens[start].is_capitalized()
}

/// Whether token `v` follows the comma of a phrase of place, time or manner that opens
/// its sentence (`Dans les couloirs, un dirigeant …`, `Jointe par téléphone, une
/// habitante …`, `L'une d'eux, une retraitée du quartier, …`), not an apposition to a
/// person (`Joëlle Bergès, une retraitée de X,`; a place may end the phrase, `au
/// Tchad,`).
fn after_opening_phrase(ctx: &Ctx<'_>, v: usize) -> bool {
    v >= 1
        && ctx.punct(v - 1, ',')
        && ctx.name_before(v - 1).is_none_or(|a| a.label == Label::LOC)
        && sentence_start(ctx, v).is_some_and(|s| {
            let one_of = ctx.is(s, "l")
                && matches!(ctx.key(s + 2), "un" | "une")
                && matches!(ctx.key(s + 3), "d" | "de" | "des")
                && s + 8 > v;
            one_of || opening_phrase_word(ctx.key(s))
        })
}

/// Whether token `v` follows a phrase that opens its sentence with no name, no comma
/// and no article or pronoun first: `Mère de deux enfants, une aide-soignante …`,
/// `Quelques mètres plus loin, une retraitée …` (not `Le maire, un ancien cheminot, …`).
fn after_bare_phrase(ctx: &Ctx<'_>, v: usize) -> bool {
    v >= 2
        && ctx.punct(v - 1, ',')
        && sentence_start(ctx, v).is_some_and(|s| {
            s + 1 < v - 1
                && (s..v - 1).all(|m| !ctx.punct(m, ','))
                && !determiner(ctx.key(s))
                && !matches!(ctx.key(s), "il" | "elle" | "ils" | "elles" | "on")
                && ctx
                    .names_within(ctx.tokens[s].start as usize, ctx.tokens[v].start as usize)
                    .next()
                    .is_none()
        })
}

/// Whether a sentence's first word opens a phrase of place, time or manner before its
/// subject (`Dans`, `Sur`, `À`, `Après`, `Joint par téléphone`, `Venue de Lyon`,
/// `Sollicitée`).
fn opening_phrase_word(key: &str) -> bool {
    glose_fr::weekday(key).is_some()
        || matches!(
            key,
            "dans"
                | "sur"
                | "a"
                | "au"
                | "aux"
                | "en"
                | "devant"
                | "pres"
                | "sous"
                | "chez"
                | "derriere"
                | "de"
                | "du"
                | "apres"
                | "avant"
                | "lors"
                | "pendant"
                | "depuis"
                | "face"
                // (`Non loin, une voyageuse …`.)
                | "non"
        )
        || [
            "sollicite",
            "joint",
            "interroge",
            "contacte",
            "rencontre",
            "saisi",
            "venu",
            "arrive",
            "installe",
            "appele",
            "entendu",
            "interpelle",
            "invite",
            "questionne",
            "convoque",
            "assis",
            "present",
        ]
        .iter()
        .any(|w| {
            key.strip_prefix(w)
                .is_some_and(|e| matches!(e, "" | "e" | "s" | "es"))
        })
}

/// Whether the person `a` is named after `comme` (`élu comme M. X`, `a voté contre,
/// comme X`): a comparison, not a subject.
fn compared(ctx: &Ctx<'_>, a: &Annotation) -> bool {
    let mut at = ctx.token_from(a.span.start);
    if at >= 2 && ctx.punct(at - 1, '.') && glose_fr::person_title(ctx.key(at - 2)) {
        at -= 2;
    } else if at >= 1 && glose_fr::person_title(ctx.key(at - 1)) {
        at -= 1;
    }
    at >= 1 && ctx.is(at - 1, "comme")
}

/// `L'intersyndicale, elle, ne recule pas. « … », prévient-elle`: a body by its trade
/// that opens a sentence, set against the others by `, elle,` or `, lui,`, is the
/// organisation named in its complement, else an unnamed source.
fn contrastive_body(
    ctx: &Ctx<'_>,
    article: usize,
    n: usize,
    gender: Option<Gender>,
    verb: &str,
) -> Option<Speaker> {
    if !sentence_opens_at(ctx, article)
        || ctx.punct(article.saturating_sub(1), ',')
        || role_kind(ctx, n) != Some(Label::ORG)
    {
        return None;
    }
    let org = org_of(ctx, n + 1);
    let end = match org {
        Some(a) => ctx.token_from(a.span.end),
        None => {
            // (`La direction du festival, elle, …`: with its complement.)
            let end = adjectives_after(ctx, n + 1);
            if matches!(ctx.key(end), "de" | "du" | "des" | "d") {
                complement_end(ctx, end, end + 6).0
            } else {
                end
            }
        }
    };
    let set_against = ctx.punct(end, ',')
        && matches!(ctx.key(end + 1), "lui" | "elle")
        && ctx.punct(end + 2, ',')
        && gender.is_none_or(|g| pronoun_gender(ctx.key(end + 1)) == Some(g));
    if !set_against {
        return None;
    }
    Some(match org {
        Some(a) => named(ctx, a, verb),
        None => {
            let span = ctx.tokens[article].start as usize..ctx.tokens[end - 1].end as usize;
            Speaker::unnamed(ctx, span, verb)
        }
    })
}

/// `Le directeur sportif, lui, dit être tombé des nues. « … », assure-t-il`: a role
/// that opens a sentence and is set against the people before by `, lui,` or `, elle,`
/// is someone new, unnamed, when the article names no one next to that role word.
fn contrastive_role(
    ctx: &Ctx<'_>,
    article: usize,
    n: usize,
    quote: usize,
    verb: &str,
) -> Option<Speaker> {
    // (After a phrase of place or time too: `Dans les tribunes, la mère de X …`.)
    let opens = (sentence_opens_at(ctx, article) && !ctx.punct(article.saturating_sub(1), ','))
        || after_opening_phrase(ctx, article);
    if !opens || (role_word_kind(ctx, n) != Some(Label::PER) && !glose_fr::person_noun(ctx.key(n)))
    {
        return None;
    }
    // (`le ministre wallon du Budget`: a word between the role and its complement is an
    // adjective.)
    let between = ctx.tokens.get(n + 1).is_some_and(|t| {
        t.kind == TokenKind::Word
            && !t.is_capitalized()
            && !STOP.contains(&ctx.key(n + 1))
            && !speech_verb(ctx.key(n + 1))
    }) && matches!(ctx.key(n + 2), "de" | "du" | "des" | "d");
    let adjectives = if between {
        n + 2
    } else {
        adjectives_after(ctx, n + 1)
    };
    let mut end = adjectives;
    // (`de la coopérative`, `aux sports`.)
    let complement = matches!(ctx.key(end), "de" | "du" | "des" | "d" | "au" | "aux");
    // (`Le skipper guadeloupéen de 46 ans`: an age describes someone known.)
    if complement
        && ctx.tokens.get(end + 1).is_some_and(|t| {
            t.kind == TokenKind::Number || glose_fr::number_word(ctx.key(end + 1)).is_some()
        })
    {
        return None;
    }
    if complement {
        let at = end + usize::from(matches!(ctx.key(end), "au" | "aux"));
        let (e, person) = complement_end(ctx, at, n + 10);
        if person && !relation(ctx.key(n)) {
            return None;
        }
        end = e;
    }
    // (A participle phrase may end the description: `Le gérant d'une entreprise
    // installée à Orléans, lui, …`.)
    let comma = (end..end + 5)
        .find(|&m| ctx.tokens.get(m).is_none_or(|t| t.kind == TokenKind::Punct))
        .filter(|&m| ctx.punct(m, ','));
    // (Also `, de son côté,` and `, pour sa part,`: `Le proviseur, de son côté, a adressé
    // un courrier aux familles. « … », y écrit-il`.)
    let set_against = comma.is_some_and(|c| {
        (matches!(ctx.key(c + 1), "lui" | "elle") && ctx.punct(c + 2, ','))
            || (ctx.is(c + 1, "de")
                && ctx.is(c + 2, "son")
                && ctx.is(c + 3, "cote")
                && ctx.punct(c + 4, ','))
            || (ctx.is(c + 1, "pour")
                && ctx.is(c + 2, "sa")
                && ctx.is(c + 3, "part")
                && ctx.punct(c + 4, ','))
    });
    // (`L'avocat de M. X conteste en bloc. « … », a-t-il déclaré`: a relation of someone,
    // subject of the sentence just before the quote.)
    // (`Le ministre wallon du Budget a rappelé …`: an office by an adjective and a
    // complement, too.)
    // (`Le fils de la victime, arrivé de Montreuil au petit matin, cherche …`: a
    // participle phrase between.)
    let participle = ctx.punct(end, ',')
        && ctx.tokens.get(end + 1).is_some_and(|t| {
            let key = ctx.key(end + 1);
            t.kind == TokenKind::Word
                && !t.is_capitalized()
                && (["e", "ee", "es", "ees", "i", "ie", "is", "u", "ue", "us"]
                    .iter()
                    .any(|e| key.len() > e.len() + 3 && key.ends_with(e))
                    // (`la fille de X, mort en 2021 à 81 ans,`.)
                    || matches!(key, "mort" | "morte" | "ne" | "nee"))
        });
    // (`La représentante du parquet a suivi …`: an official of a public body.)
    // (Not `La présidente du Conseil`, a title by the body's name.)
    let official = complement && {
        let body = skip_article(ctx, n + 2);
        public_body(ctx.key(body)) && ctx.tokens.get(body).is_some_and(|t| !t.is_capitalized())
    };
    // The sentence of the description ends right before the quote, or the next one
    // does, opening with the pronoun of its gender: `… a suivi la même ligne. Elle a
    // requis dix-huit mois. « … », a-t-elle soutenu`.
    let stop = |from: usize| (from..quote).find(|&m| ctx.punct(m, '.'));
    let just_before = stop(end).is_some_and(|m| {
        m + 1 == quote
            || (matches!(ctx.key(m + 1), "il" | "elle")
                && pronoun_gender(ctx.key(m + 1)) == article_gender(ctx.key(article))
                && stop(m + 1).is_some_and(|e| e + 1 == quote))
    });
    let same_paragraph = !(article + 1..quote).any(|m| ctx.tokens[m].has(Token::PARAGRAPH_BEFORE));
    let related = (relation(ctx.key(n))
        || (adjectives > n + 1 && complement)
        || official
        // (A complement of common nouns, `La directrice de l'établissement`, `Le
        // médecin du club`: someone new; one with a name, `le nageur des Dauphins du
        // Toulouse OEC`, an epithet of someone known.)
        || (complement
            && same_paragraph
            && (adjectives..end).all(|m| !ctx.tokens[m].is_capitalized())))
        && end > n + 1
        // (`le père de X, un patient de 31 ans,`, `la mère d'Inès, aide-soignante dans le
        // Doubs,`: an apposition.)
        && (!ctx.punct(end, ',')
            || participle
            || matches!(ctx.key(end + 1), "un" | "une")
            || person_like(ctx, ctx.tokens[end].start as usize))
        && (just_before || same_paragraph);
    // (A person named with the same role word, unless the description differs in its
    // first words: `Le directeur du site, lui, …` after `le directeur général X`.)
    let described = end > n + 1;
    let earlier = (n.saturating_sub(400)..n).rev().any(|m| {
        ctx.key(m) == ctx.key(n)
            && (!described || (1..4).all(|d| ctx.key(m + d) == ctx.key(n + d)))
            && earlier_role_person(ctx, m + 1).is_some()
    });
    if !(set_against || related) || earlier {
        return None;
    }
    let span = ctx.tokens[article].start as usize..ctx.tokens[end - 1].end as usize;
    Some(Speaker::unnamed(ctx, span, verb))
}

/// `Un médecin, qui a requis l'anonymat, dénonce des conditions « indignes ». « … »,
/// a-t-il résumé`: a pronoun right after a quote of an unnamed source, with no person
/// named in between, is that source.
fn unnamed_goes_on(
    ctx: &Ctx<'_>,
    last: &Option<(Speaker, usize)>,
    i: usize,
    s: Speaker,
) -> Speaker {
    if !s.by_pronoun {
        return s;
    }
    if let Some(source) = unnamed_antecedent(ctx, i, &s.verb)
        .or_else(|| possessive_antecedent(ctx, i, &s.verb, s.pronoun_gender))
        .or_else(|| definite_antecedent(ctx, i, &s.verb, s.pronoun_gender))
    {
        return source;
    }
    last_unnamed(ctx, last, i, &s.verb, s.pronoun_gender).unwrap_or(s)
}

/// `La présidente feuillette les relevés. « … », lui oppose-t-elle`: a pronoun of a
/// gender no one named before has takes up a role that opens the
/// sentence before, with no name or complement next to it and no one named with it
/// earlier, as an unnamed source.
fn definite_antecedent(
    ctx: &Ctx<'_>,
    i: usize,
    verb: &str,
    gender: Option<Gender>,
) -> Option<Speaker> {
    let gender = gender?;
    if people_before(ctx, i, false).any(|a| may_be(ctx, a, Some(gender))) {
        return None;
    }
    // (After a phrase of place or time: `A Brest, la préfecture maritime …`.)
    let (s, _) = previous_sentence_body(ctx, i)?;
    if !matches!(ctx.key(s), "le" | "la" | "l") {
        return None;
    }
    let n = after_article(ctx, s);
    // (A body of no name, with its adjectives and complement: `la préfecture maritime de
    // l'Atlantique a ordonné …`; a person's role stands alone.)
    let body = role_kind(ctx, n) == Some(Label::ORG);
    if !(body || role_kind(ctx, n) == Some(Label::PER))
        || article_gender(ctx.key(s)).or_else(|| role_gender(ctx.key(n))) != Some(gender)
        || ctx.name_at(n).is_some()
        || ctx.name_at(n + 1).is_some()
        || (!body && matches!(ctx.key(n + 1), "de" | "du" | "des" | "d"))
        || earlier_role_person(ctx, n).is_some()
    {
        return None;
    }
    let mut last = n;
    if body {
        // (Its adjectives: `maritime`, `régionale`; words, no verb.)
        let adjectives = (n + 1..n + 3)
            .find(|&m| {
                ctx.tokens.get(m).is_none_or(|t| {
                    t.kind != TokenKind::Word
                        || t.is_capitalized()
                        || verb_starts(ctx.key(m))
                        || matches!(ctx.key(m), "de" | "du" | "des" | "d")
                })
            })
            .unwrap_or(n + 3);
        last = adjectives - 1;
        if matches!(ctx.key(adjectives), "de" | "du" | "des" | "d") {
            let (after, person) = complement_end(ctx, adjectives, adjectives + 6);
            if person
                || ctx
                    .names_within(
                        ctx.tokens[adjectives].start as usize,
                        ctx.tokens[after - 1].end as usize,
                    )
                    .any(|a| a.label == Label::ORG)
            {
                return None;
            }
            last = after - 1;
        }
    }
    let span = ctx.tokens[s].start as usize..ctx.tokens[last].end as usize;
    Some(Speaker::unnamed(ctx, span, verb))
}

/// `Gérard Poirier a démissionné. Sa première adjointe assure l'intérim. « … »,
/// confie-t-elle`: a pronoun of a gender no one named in the sentences before has takes
/// up a role after a possessive that opens one of them (someone's aide or relation,
/// unnamed), when no person is named next to that role in the article.
fn possessive_antecedent(
    ctx: &Ctx<'_>,
    i: usize,
    verb: &str,
    gender: Option<Gender>,
) -> Option<Speaker> {
    let gender = gender?;
    let v = (i.saturating_sub(60)..i)
        .rev()
        .take_while(|&v| !ctx.quote_mark(v) || ctx.quoted[v])
        .find(|&v| {
            matches!(ctx.key(v), "sa" | "son" | "leur")
                && (sentence_start(ctx, v) == Some(v) || after_opening_phrase(ctx, v))
        })?;
    // (The subject of the sentence right before the quote takes the pronoun even when
    // someone of its gender was named before: `Le maire, X, … Son premier adjoint, qui
    // assure l'intérim, passe le voir. « … », rapporte-t-il`; no one named since.)
    let just_before = (v..i).filter(|&m| ctx.sentence_end(m)).count()
        == usize::from(i >= 1 && ctx.sentence_end(i - 1))
        && !ctx
            .names_within(ctx.tokens[v].start as usize, ctx.tokens[i].start as usize)
            .any(|a| a.label == Label::PER && !compared(ctx, a));
    let near = ctx.person_near(i, 80, Some(gender));
    if !just_before && near {
        return None;
    }
    // (`Sa première adjointe`, not `Sa première mission`.)
    let mut n = (v + 1..v + 3).find(|&n| {
        !matches!(
            ctx.key(n),
            "premier" | "premiere" | "nouveau" | "nouvelle" | "ancien" | "ancienne" | "jeune"
        )
    })?;
    // (`Son beau-frère`: the word after the hyphen.)
    if ctx.punct(n + 1, '-')
        && ctx
            .tokens
            .get(n + 2)
            .is_some_and(|t| t.kind == TokenKind::Word)
    {
        n += 2;
    }
    if role_kind(ctx, n) != Some(Label::PER) && !glose_fr::person_noun(ctx.key(n)) {
        return None;
    }
    if possessive_gender(ctx, v, n) != Some(gender)
        || ctx.name_at(n + 1).is_some()
        || (ctx.punct(n + 1, ',') && (!just_before || ctx.name_at(n + 2).is_some()))
        // (Against someone named, only a role set apart by a clause of its own, `Son
        // adjoint, qui …,`, not `Son fils devait reprendre la ferme`: the parent may go
        // on speaking.)
        || (near && !ctx.punct(n + 1, ','))
        || earlier_role_person(ctx, n).is_some()
    {
        return None;
    }
    let (end, _) = if matches!(ctx.key(n + 1), "de" | "du" | "des" | "d") {
        complement_end(ctx, n + 1, n + 10)
    } else {
        (n + 1, false)
    };
    let span = ctx.tokens[v].start as usize..ctx.tokens[end - 1].end as usize;
    Some(Speaker::unnamed(ctx, span, verb))
}

/// The unnamed source of the last quote, when a pronoun before the quote at token `i` may
/// take it up: a source neither a writing nor of the other gender, no person named
/// since, not an agent after `par` (`X, présenté par l'accusation comme le « gérant »,
/// nie. « … », a-t-il dit`).
fn last_unnamed(
    ctx: &Ctx<'_>,
    last: &Option<(Speaker, usize)>,
    i: usize,
    verb: &str,
    gender: Option<Gender>,
) -> Option<Speaker> {
    let (before, close) = last.as_ref()?;
    if !before.anonymous || before.verb == "par" || i - close > 60 {
        return None;
    }
    // A person's pronoun takes up no writing (`l'ordonnance de renvoi`), nor a source of
    // the other gender (`une proche` … `a-t-il dit`).
    if let Some(span) = &before.span {
        let first = ctx.token_from(span.start);
        let head = after_article(ctx, first);
        let own = match ctx.key(first) {
            "sa" => Some(Gender::Feminine),
            key => article_gender(key),
        };
        // (Nor a group: `Des voyageurs bloqués …` then `a-t-elle fait savoir`.)
        let group = matches!(ctx.key(first), "des" | "les" | "plusieurs" | "ces")
            || ctx.tokens[first].kind == TokenKind::Number;
        if glose_fr::document_noun(ctx.key(head))
            || own.is_some_and(|g| gender.is_some_and(|p| p != g))
            || group
        {
            return None;
        }
    }
    let (from, to) = (
        ctx.tokens[*close].end as usize,
        ctx.tokens[i].start as usize,
    );
    // (Nor past an organisation that opens a sentence since: `La Compagnie des
    // transports strasbourgeois s'est engagée … « … », précise-t-elle`.)
    if ctx.names_within(from, to).any(|a| {
        (a.label == Label::PER && !ctx.in_term(a))
            || (a.label == Label::ORG && {
                let at = ctx.token_from(a.span.start);
                let at = (at.saturating_sub(2)..at)
                    .find(|&m| skip_article(ctx, m) == at)
                    .unwrap_or(at);
                sentence_opens_at(ctx, at) && !ctx.punct(at.saturating_sub(1), ',')
            })
    }) {
        return None;
    }
    // (Nor past a person of the pronoun's gender taken up by their role inside a
    // sentence since: `… que son entourage juge « … », même si la chanteuse assure …
    // « … », dit-elle`; a role opening a sentence may be someone new.)
    // (The source's own words after its quote are no one since: `», s'indigne le maire
    // de Murat. Il assure qu'il « … »`.)
    let own_words = |m: usize| {
        before
            .span
            .as_ref()
            .is_some_and(|span| span.contains(&(ctx.tokens[m].start as usize)))
    };
    let role_since = (close + 1..i).any(|m| {
        !ctx.quoted[m]
            && !own_words(m)
            && matches!(ctx.key(m), "le" | "la")
            && !sentence_opens_at(ctx, m)
            && role_kind(ctx, m + 1) == Some(Label::PER)
            && gender.is_some_and(|g| article_gender(ctx.key(m)) == Some(g))
    });
    if role_since {
        return None;
    }
    Some(Speaker {
        verb: verb.to_owned(),
        ..before.clone()
    })
}

/// The token after the article at `article` (`l'` is two tokens).
fn after_article(ctx: &Ctx<'_>, article: usize) -> usize {
    if ctx.is(article, "l") {
        article + 2
    } else {
        article + 1
    }
}

/// The token after the definite article at `n` (`la`, `le`, `les`, `l'`), or `n` when
/// none is there.
fn skip_article(ctx: &Ctx<'_>, n: usize) -> usize {
    match ctx.key(n) {
        "l" if ctx.apostrophe(n + 1) => n + 2,
        "la" | "le" | "les" => n + 1,
        _ => n,
    }
}

/// Whether a sentence (or a clause after a comma) opens at token `n`.
fn sentence_opens_at(ctx: &Ctx<'_>, n: usize) -> bool {
    n == 0
        || ctx.tokens[n].has(Token::PARAGRAPH_BEFORE)
        || ctx.punct(n - 1, '.')
        || ctx.punct(n - 1, ',')
        || ctx.punct(n - 1, '»')
}

/// The head noun of a description whose first word (an article, `plusieurs`) is token
/// `at`: the first word after the adjectives that go before a noun (`un haut
/// responsable`, `une ancienne secrétaire`, `plusieurs grands groupes`).
fn head_noun(ctx: &Ctx<'_>, at: usize) -> Option<usize> {
    // (One of a group: `un de ses cadres`, `une des riveraines`, `plusieurs de ses
    // collègues`.)
    let at = match (ctx.key(at), ctx.key(at + 1), ctx.key(at + 2)) {
        ("un" | "une" | "plusieurs", "de", "ses" | "ces" | "leurs" | "nos" | "vos") => at + 2,
        ("un" | "une" | "plusieurs", "des", _) => at + 1,
        _ => at,
    };
    (at + 1..at + 4).find(|&n| {
        ctx.tokens.get(n).is_some_and(|t| {
            t.kind == TokenKind::Word
                && !matches!(
                    ctx.key(n),
                    "haut"
                        | "haute"
                        | "autre"
                        | "ancien"
                        | "ancienne"
                        | "jeune"
                        | "grand"
                        | "grands"
                        | "grandes"
                        | "petits"
                        | "petites"
                        | "autres"
                        | "anciens"
                        | "anciennes"
                        | "nombreux"
                        | "nombreuses"
                )
        })
    })
}

/// Whether the unnamed source described from byte `start` (`un responsable`, `une
/// source militaire`) is a person or a source, not a thing (`une hausse`).
fn person_like(ctx: &Ctx<'_>, start: usize) -> bool {
    let head = head_noun(ctx, ctx.token_from(start));
    // (`une aide-soignante`: the word after the hyphen too.)
    let hyphened = head.filter(|&n| {
        ctx.punct(n + 1, '-')
            && ctx
                .tokens
                .get(n + 2)
                .is_some_and(|t| t.kind == TokenKind::Word)
    });
    head.into_iter().chain(hyphened.map(|n| n + 2)).any(|n| {
        let key = ctx.key(n);
        // (Plurals: `des sous-traitants`, `plusieurs groupes`.)
        let singular = key.strip_suffix('s').unwrap_or(key);
        // (`une aide à domicile`.)
        let carer = key == "aide" && ctx.is(n + 1, "a") && ctx.is(n + 2, "domicile");
        carer
            || role_kind(ctx, n) == Some(Label::PER)
            || glose_fr::person_role(singular)
            || glose_fr::org_role(singular)
            || glose_fr::person_noun(key)
            || glose_fr::person_noun(singular)
            // (`des coaches`.)
            || key.strip_suffix("es").is_some_and(glose_fr::person_noun)
            || (singular != key
                && ["eur", "euse", "rice", "ien", "ienne", "iste", "ier", "iere"]
                    .iter()
                    .any(|end| singular.len() > end.len() + 2 && singular.ends_with(end)))
    })
}

/// The closing mark of a quote opening at token `i`, in the same paragraph.
fn closing(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let t = &ctx.tokens[i];
    let close = match t.text(ctx.text) {
        "«" => "»",
        "“" => "”",
        // A straight quote opens when it is not glued to the word before.
        "\"" if t.has(Token::SPACE_BEFORE) || i == 0 || ctx.punct(i - 1, '(') => "\"",
        _ => return None,
    };
    let mark = CLOSING_MARKS.iter().position(|&c| c == close)?;
    let c = ctx.next_mark[mark][i] as usize;
    (c < ctx.paragraph_end[i] as usize && c > i + 1).then_some(c)
}

/// `», a-t-il raconté`, `», dit-elle`, starting at token `j`: the verb and the pronoun's
/// gender, when a pronoun is the speaker.
fn pronoun_after(ctx: &Ctx<'_>, j: usize) -> Option<(String, Option<Gender>)> {
    let mut j = j;
    if ctx.punct(j, ',') {
        j += 1;
    }
    // (`», y promet-on`: where it is said.)
    if matches!(ctx.key(j), "nous" | "lui" | "leur" | "y") {
        j += 1;
    }
    let subject = |p: usize| matches!(ctx.key(p), "il" | "elle");
    let said = |p: usize, verb: String| (verb, pronoun_gender(ctx.key(p)));
    // `s'est-il étonné`, `s'était-elle emportée`.
    if ctx.is(j, "s")
        && ctx.apostrophe(j + 1)
        && matches!(ctx.key(j + 2), "est" | "etait")
        && ctx.punct(j + 3, '-')
    {
        let verb = j + 5;
        return (subject(j + 4) && speech_verb(ctx.key(verb)))
            .then(|| said(j + 4, ctx.tokens[verb].text(ctx.text).to_owned()));
    }
    // `fait-il valoir`, `font-ils savoir`.
    if matches!(ctx.key(j), "fait" | "font")
        && ctx.punct(j + 1, '-')
        && subject(j + 2)
        && matches!(ctx.key(j + 3), "valoir" | "savoir" | "remarquer")
    {
        return Some(said(
            j + 2,
            format!("{} {}", ctx.key(j), ctx.tokens[j + 3].text(ctx.text)),
        ));
    }
    // `a-t-il raconté`, `avait-elle dit`.
    if matches!(ctx.key(j), "a" | "avait") {
        let p = if ctx.punct(j + 1, '-') && ctx.is(j + 2, "t") && ctx.punct(j + 3, '-') {
            j + 4
        } else if ctx.punct(j + 1, '-') {
            j + 2
        } else {
            return None;
        };
        // (`a-t-elle fini par lâcher`: the infinitive.)
        if ctx.is(p + 1, "fini") && ctx.is(p + 2, "par") {
            let key = ctx.key(p + 3);
            return (subject(p)
                && (speech_verb(key) || key.strip_suffix('r').is_some_and(speech_verb)))
            .then(|| said(p, ctx.tokens[p + 3].text(ctx.text).to_owned()));
        }
        // (`a-t-elle fait savoir`.)
        if ctx.is(p + 1, "fait") && matches!(ctx.key(p + 2), "valoir" | "savoir" | "remarquer") {
            return subject(p)
                .then(|| said(p, format!("fait {}", ctx.tokens[p + 2].text(ctx.text))));
        }
        let verb = p + 1;
        return (subject(p) && speech_verb(ctx.key(verb)))
            .then(|| said(p, ctx.tokens[verb].text(ctx.text).to_owned()));
    }
    // `dit-il`, `raconte-t-elle`.
    if ctx.tokens.get(j)?.kind == TokenKind::Word
        && speech_verb(ctx.key(j))
        && ctx.punct(j + 1, '-')
    {
        let p = if ctx.is(j + 2, "t") && ctx.punct(j + 3, '-') {
            j + 4
        } else {
            j + 2
        };
        return subject(p).then(|| said(p, ctx.tokens[j].text(ctx.text).to_owned()));
    }
    None
}

/// `», a déclaré X`, `», a-t-il dit`, `», selon X`, starting at token `j`.
fn speaker_after(ctx: &Ctx<'_>, j: usize) -> Option<Speaker> {
    let mut j = j;
    if ctx.punct(j, ',') {
        j += 1;
    }
    // `selon X`, `d'après X`.
    // `», nous a-t-il confié`, `», lui glisse-t-elle`: the person spoken to.
    // (`», y promet-on`: where it is said.)
    if matches!(ctx.key(j), "nous" | "lui" | "leur" | "y") {
        j += 1;
    }
    // `jugé « … » par X`; `jugées « … » par plusieurs ONG`, `par l'encadrement`: after
    // a participle of speech, an unnamed agent too.
    if ctx.is(j, "par") && j > 0 && !ctx.punct(j - 1, ',') {
        // `par la voix de son ambassade`, `par la voix d'un porte-parole`.
        let voice = ctx.is(j + 1, "la") && ctx.is(j + 2, "voix");
        let k = match (voice, ctx.key(j + 3)) {
            (true, "d") if ctx.apostrophe(j + 4) => j + 5,
            (true, "de") => j + 4,
            _ => j + 1,
        };
        // (`se dit « soulagé » par la décision`: a writing after `par` speaks only after a
        // participle of speech.)
        let writing = glose_fr::document_noun(ctx.key(skip_article(ctx, k)));
        if writing && !passive_speech(ctx, j) {
            return None;
        }
        let s = speaker_at(ctx, k, "par");
        if s.as_ref().is_some_and(|s| !s.anonymous) {
            return s;
        }
        if k == j + 1 && !passive_speech(ctx, j) {
            return None;
        }
        return s.or_else(|| agent_description(ctx, k));
    }
    if ctx.is(j, "selon") {
        // (`« … ». Selon X, …`, `« … » Selon X, …`: a new sentence, with a view of its own.)
        if ctx.tokens[j].is_capitalized() && j >= 1 && ctx.punct(j - 1, '»') {
            return None;
        }
        // `selon les termes de la délégation chinoise`: whose words.
        if ctx.is(j + 1, "les") && matches!(ctx.key(j + 2), "termes" | "mots" | "propos") {
            let k = match ctx.key(j + 3) {
                "d" if ctx.apostrophe(j + 4) => j + 5,
                "de" => j + 4,
                "du" | "des" => j + 3,
                _ => return None,
            };
            return speaker_at(ctx, k, "selon");
        }
        return speaker_at(ctx, j + 1, "selon");
    }
    // `», pour une élue de l'opposition`: an unnamed source's view.
    if ctx.is(j, "pour") && matches!(ctx.key(j + 1), "un" | "une") {
        let end = (j + 2..j + 14)
            .find(|&m| {
                ctx.tokens.get(m).is_none_or(|t| t.kind == TokenKind::Punct)
                    && !ctx.apostrophe(m)
                    && !ctx.punct(m, '-')
            })
            .unwrap_or(j + 14);
        return indefinite_subject(ctx, j + 1, end)
            .filter(|s| s.anonymous)
            .map(|s| Speaker {
                verb: "pour".to_owned(),
                ..s
            });
    }
    if ctx.is(j, "d") && ctx.apostrophe(j + 1) && ctx.is(j + 2, "apres") {
        return speaker_at(ctx, j + 3, "d'après");
    }
    // `lit-on dans le jugement`, `peut-on lire dans le rapport`: the writing.
    if matches!(ctx.key(j), "lit" | "lisait" | "peut" | "pouvait")
        && ctx.punct(j + 1, '-')
        && let Some(on) = (j + 2..j + 4).find(|&p| ctx.is(p, "on"))
    {
        let mut d = on + 1;
        // (`lisait-on déjà dans`.)
        if matches!(
            ctx.key(d),
            "deja" | "aussi" | "encore" | "ainsi" | "notamment"
        ) {
            d += 1;
        }
        if ctx.is(j, "peut") || ctx.is(j, "pouvait") {
            if !ctx.is(d, "lire") {
                return None;
            }
            d += 1;
        }
        if !matches!(ctx.key(d), "dans" | "sur") {
            return None;
        }
        let verb =
            ctx.text[ctx.tokens[j].start as usize..ctx.tokens[d - 1].end as usize].to_owned();
        return speaker_at(ctx, d + 1, &verb);
    }
    // A reflexive verb: `s'agace-t-elle`, `s'est félicité`, `se réjouit`.
    if ctx.is(j, "s") && ctx.apostrophe(j + 1) {
        j += 2;
        if ctx.is(j, "est") || ctx.is(j, "etait") {
            j += 1;
        }
    } else if ctx.is(j, "se") {
        j += 1;
    }
    // An auxiliary, then the verb: `a déclaré`, `ont indiqué`, `affirme`; an adverb
    // between them (`a sèchement répondu`), or `a tenu à` (`a tenu à rassurer`).
    if matches!(ctx.key(j), "a" | "ont" | "avait" | "avaient") {
        j += 1;
        if (ctx.key(j).len() > 6 && ctx.key(j).ends_with("ment") && !speech_verb(ctx.key(j)))
            || matches!(
                ctx.key(j),
                "deja" | "aussi" | "encore" | "egalement" | "toujours"
            )
        {
            j += 1;
        } else if ctx.is(j, "d")
            && ctx.apostrophe(j + 1)
            && ctx.is(j + 2, "ores")
            && ctx.is(j + 3, "et")
            && ctx.is(j + 4, "deja")
        {
            // `a d'ores et déjà prévenu`.
            j += 5;
        }
    }
    // `a tenu à rassurer X`: the infinitive of a verb of speech.
    let infinitive = ctx.is(j, "tenu")
        && ctx.is(j + 1, "a")
        && ctx
            .key(j + 2)
            .strip_suffix("er")
            .is_some_and(|stem| speech_verb(&format!("{stem}e")));
    if infinitive {
        j += 2;
    }
    // `a-t-il dit`: the pronoun comes before the participle.
    // `avait-il lancé`, `a-t-on indiqué`.
    let pronoun = if ctx.punct(j, '-') && ctx.is(j + 1, "t") && ctx.punct(j + 2, '-') {
        Some(j + 3)
    } else if ctx.punct(j, '-')
        && j > 0
        && matches!(
            ctx.key(j - 1),
            "avait" | "avaient" | "ont" | "est" | "etait" | "sont"
        )
    {
        // (`s'est-il étonné`, `s'était-elle emportée`.)
        Some(j + 1)
    } else {
        None
    };
    if let Some(p) = pronoun
        && matches!(ctx.key(p), "il" | "elle" | "on" | "ils" | "elles")
    {
        // (`a-t-il fini par lâcher`: the infinitive.)
        let finally = ctx.is(p + 1, "fini") && ctx.is(p + 2, "par");
        let verb_at = if finally { p + 3 } else { p + 1 };
        // (`a-t-elle fait valoir`.)
        let made = ctx.is(verb_at, "fait")
            && matches!(ctx.key(verb_at + 1), "valoir" | "savoir" | "remarquer");
        let key = ctx.key(verb_at);
        let spoken =
            speech_verb(key) || (finally && key.strip_suffix('r').is_some_and(speech_verb));
        if !spoken && !made {
            return None;
        }
        if ctx.is(p, "on") {
            return Some(impersonal(ctx, p, ctx.tokens[verb_at].text(ctx.text)));
        }
        if matches!(ctx.key(p), "ils" | "elles")
            && let Some(s) = group_speaker(ctx, j, ctx.tokens[verb_at].text(ctx.text))
        {
            return Some(s);
        }
        return personal_pronoun_speaker(ctx, verb_at, pronoun_gender(ctx.key(p)));
    }
    // `fait-il valoir`, `fait-on savoir`, `font-ils valoir`; `veut-il croire`.
    let made = matches!(ctx.key(j), "fait" | "font")
        && matches!(ctx.key(j + 3), "valoir" | "savoir" | "remarquer");
    let wished = matches!(ctx.key(j), "veut" | "veulent") && ctx.is(j + 3, "croire");
    if (made || wished) && ctx.punct(j + 1, '-') {
        let verb = format!("{} {}", ctx.key(j), ctx.tokens[j + 3].text(ctx.text));
        return match ctx.key(j + 2) {
            "on" => Some(impersonal(ctx, j + 2, &verb)),
            p @ ("il" | "elle") => personal_pronoun_speaker(ctx, j + 3, pronoun_gender(p))
                .map(|s| Speaker { verb, ..s }),
            "ils" | "elles" => group_speaker(ctx, j, &verb),
            _ => None,
        };
    }
    // `fait valoir X`, `met en garde X`.
    let first = j;
    if ctx.is(j, "fait") && matches!(ctx.key(j + 1), "valoir" | "savoir" | "remarquer") {
        j += 1;
    } else if ctx.is(j, "met") && ctx.is(j + 1, "en") && ctx.is(j + 2, "garde") {
        j += 2;
    } else if !speech_verb(ctx.key(j)) && !infinitive {
        return None;
    }
    // `», évoquant des discussions avec X`: a participle whose object follows; the
    // subject is before the quote.
    if first == j && ctx.key(j).ends_with("ant") && !ctx.punct(j + 1, '-') {
        return None;
    }
    let verb = ctx.text[ctx.tokens[first].start as usize..ctx.tokens[j].end as usize].to_owned();
    let mut k = j + 1;
    // `fait-on valoir`, `indique-t-on`.
    if ctx.punct(k, '-')
        && let Some(p) = (k + 1..k + 4).find(|&p| ctx.is(p, "on"))
    {
        return Some(impersonal(ctx, p, &verb));
    }
    // `dit-il`, `affirme-t-elle`; `expliquent-ils`, a group.
    if ctx.punct(k, '-') {
        if (k + 1..k + 4).any(|p| matches!(ctx.key(p), "ils" | "elles"))
            && let Some(s) = group_speaker(ctx, j, &verb)
        {
            return Some(s);
        }
        let gender = (k + 1..k + 4).find_map(|p| pronoun_gender(ctx.key(p)));
        return personal_pronoun_speaker(ctx, j, gender);
    }
    // Time and audience between the verb and the speaker: `mercredi`, `à l'AFP`.
    let after_verb = k;
    for _ in 0..6 {
        let key = ctx.key(k);
        if key == "sous"
            && let Some(last) = (k + 1..k + 7).find(|&m| ctx.is(m, "anonymat"))
        {
            // `confie sous (le) couvert de l'anonymat un officier`.
            k = last + 1;
        } else if glose_fr::weekday(key).is_some()
            || matches!(
                key,
                "soir"
                    | "matin"
                    | "hier"
                    | "encore"
                    | "aussi"
                    | "ensuite"
                    | "alors"
                    | "lors"
                    | "pourtant"
                    | "cependant"
                    | "aussitot"
                    | "egalement"
                    | "enfin"
                    | "plutot"
            )
        {
            k += 1;
        } else if key == "de" && ctx.is(k + 1, "son") && ctx.is(k + 2, "cote")
            || key == "pour" && matches!(ctx.key(k + 1), "sa" | "leur") && ctx.is(k + 2, "part")
        {
            // `estime de son côté l'astronome X`, `glisse pour sa part un dirigeant`.
            k += 3;
        } else if key == "de" && ctx.is(k + 1, "source") {
            // `a déclaré de source sécuritaire un officier`.
            k += 3;
        } else if ctx.punct(k, ',')
            && let Some(close) = (k + 1..k + 6).find(|&m| ctx.punct(m, ','))
            && (k + 1..close).all(|m| ctx.tokens[m].kind == TokenKind::Word || ctx.apostrophe(m))
            && ctx.name_at(k + 1).is_none()
        {
            // `a raconté, la voix nouée, un officier`: a phrase of manner set apart.
            k = close + 1;
        } else if matches!(key, "en") && ctx.is(k + 1, "riant") || key == "toutefois" {
            k += if key == "en" { 2 } else { 1 };
        } else if key == "a" || key == "au" || key == "aux" {
            // `à l'AFP`, `à la presse`, `à Reuters`.
            k += 1;
            if ctx.is(k, "l") && ctx.apostrophe(k + 1) {
                k += 2;
            } else if matches!(ctx.key(k), "la" | "le" | "les" | "des") {
                k += 1;
            }
            match ctx.name_at(k) {
                Some((_, next)) => k = next,
                None => k += 1,
            }
        } else {
            break;
        }
    }
    // (`», écrivent les démissionnaires`: a group.)
    if let Some(s) = speaker_at(ctx, k, &verb).or_else(|| {
        ctx.is(k, "les")
            .then(|| described_source(ctx, k, &verb))
            .flatten()
    }) {
        return Some(Speaker { verb, ..s });
    }
    // `a affirmé à la télévision d'Etat le général X`, `confie par téléphone X`,
    // `justifiait dans les couloirs du Palais un député`: phrases of place, time or
    // channel, then the speaker.
    let m = after_phrases(ctx, after_verb);
    if m > after_verb
        && m != k
        && let Some(s) = speaker_at(ctx, m, &verb)
    {
        return Some(Speaker { verb, ..s });
    }
    None
}

/// The group a plural pronoun after a quote takes up (`Les mareyeurs de la criée, qui
/// …, redoutent un effet domino. « … », expliquent-ils`): the nearest plural
/// description of people that opens a sentence or a clause before token `j`, in the
/// paragraph of the quote (the paragraph before too when the quote opens its own), quotes
/// skipped, as an unnamed source.
fn group_speaker(ctx: &Ctx<'_>, j: usize, verb: &str) -> Option<Speaker> {
    let mut paragraphs = 0;
    let mut m = j;
    while m > 0 && j - m < 90 {
        m -= 1;
        if m + 1 < j && ctx.tokens[m + 1].has(Token::PARAGRAPH_BEFORE) {
            // (Crossed into the paragraph before: only when nothing but the quote and its
            // verb stand in this one.)
            paragraphs += 1;
            if paragraphs > 1 || !ctx.quote_mark(m + 1) {
                return None;
            }
        }
        if ctx.quoted[m] || ctx.quote_mark(m) {
            continue;
        }
        // `Marc Lenoir et Jeanne Roux ont signé …`: names together.
        if let Some((a, _)) = ctx.name_at(m)
            && let Some(s) = coordinated(ctx, a, verb)
        {
            return Some(s);
        }
        // (`Au premier rang, une trentaine de supporters …`.)
        if !sentence_opens_at(ctx, m) && !after_opening_phrase(ctx, m) {
            continue;
        }
        let key = ctx.key(m);
        let counted = ctx.tokens[m].kind == TokenKind::Number
            || glose_fr::number_word(key).is_some_and(|n| n >= 2.0);
        // (`plusieurs centaines d'adhérents`, `une vingtaine de supporters`.)
        let amount = |n: usize| {
            (glose_fr::collective(ctx.key(n)).is_some() || ctx.is(n, "poignee"))
                && (ctx.is(n + 1, "de") || (ctx.is(n + 1, "d") && ctx.apostrophe(n + 2)))
        };
        let group = counted
            || matches!(
                key,
                "les" | "des" | "plusieurs" | "certains" | "certaines" | "nombre" | "ses" | "leurs"
            )
            || (matches!(key, "une" | "un") && amount(m + 1));
        if !group {
            continue;
        }
        let head = group_head(
            ctx,
            if key == "nombre" && ctx.is(m + 1, "de") {
                m + 2
            } else if amount(m + 1) {
                if ctx.is(m + 2, "de") { m + 3 } else { m + 4 }
            } else {
                m + 1
            },
        );
        if !people(ctx, head) {
            continue;
        }
        let end = plural_description_end(ctx, head);
        let span = ctx.tokens[m].start as usize..ctx.tokens[end - 1].end as usize;
        return Some(Speaker::unnamed(ctx, span, verb));
    }
    None
}

/// Whether the plural noun at token `n` names people or bodies (`mareyeurs`,
/// `enseignants`, `aides-soignantes`, `élus`, `délégations`, `syndicats`).
fn people(ctx: &Ctx<'_>, n: usize) -> bool {
    let plural = |m: usize| {
        let key = ctx.key(m);
        let t = &ctx.tokens[m];
        if t.kind != TokenKind::Word || t.is_capitalized() {
            return false;
        }
        let Some(one) = key.strip_suffix('s').or_else(|| key.strip_suffix('x')) else {
            return false;
        };
        glose_fr::person_noun(one)
            || glose_fr::person_role(one)
            || glose_fr::org_role(one)
            || glose_fr::person_title(one)
            || relation(one)
            || [
                "eur", "euse", "rice", "ien", "ienne", "iste", "ier", "iere", "ant", "ante", "ent",
                "ente", "aire",
            ]
            .iter()
            .any(|end| one.len() > end.len() + 2 && one.ends_with(end))
    };
    ctx.tokens.get(n).is_some()
        && (plural(n)
            || (ctx.punct(n + 1, '-') && ctx.tokens.get(n + 2).is_some() && plural(n + 2)))
}

/// Where a plural description whose head noun is at token `head` ends (`les délégations
/// baltes`, `les mareyeurs de la criée de Lorient`, `les élus du personnel de Kelmis`):
/// a hyphenated head, plural adjectives, complements with `de`, no verb.
fn plural_description_end(ctx: &Ctx<'_>, head: usize) -> usize {
    let mut end = head + 1;
    if ctx.punct(end, '-')
        && ctx
            .tokens
            .get(end + 1)
            .is_some_and(|t| t.kind == TokenKind::Word)
    {
        end += 2;
    }
    let word = |m: usize| {
        ctx.tokens
            .get(m)
            .is_some_and(|t| t.kind == TokenKind::Word && !STOP.contains(&ctx.key(m)))
    };
    let limit = head + 12;
    while end < limit && word(end) {
        let key = ctx.key(end);
        if matches!(key, "de" | "du" | "des" | "d") {
            // A complement: its article, then a name or one word.
            let mut c = end + 1;
            if ctx.apostrophe(c) {
                c += 1;
            }
            if matches!(ctx.key(c), "la" | "le" | "les") {
                c += 1;
            } else if ctx.is(c, "l") && ctx.apostrophe(c + 1) {
                c += 2;
            }
            end = match ctx.name_at(c) {
                Some((_, next)) => next,
                None if word(c) => c + 1,
                None => break,
            };
        } else if ctx.tokens[end].is_capitalized() && ctx.name_at(end).is_none() {
            // `de Lorient`: a place after a complement.
            break;
        } else if (key.ends_with('s') || key.ends_with('x'))
            && key.len() > 2
            && !ctx.apostrophe(end + 1)
            && !key.ends_with("ent")
            && !key.ends_with("ont")
            && !ctx.tokens[end].is_capitalized()
        {
            // A plural adjective (`baltes`, `locaux`).
            end += 1;
        } else {
            break;
        }
    }
    end.min(limit)
}

/// Whether the quote closing right before token `j` follows a past participle of speech
/// (`jugé « … »`, `qualifiées de « … »`, `présenté comme le « … »`).
fn passive_speech(ctx: &Ctx<'_>, j: usize) -> bool {
    let Some(open) = (j.saturating_sub(80)..j.saturating_sub(1))
        .rev()
        .find(|&m| ctx.punct(m, '«') || ctx.punct(m, '“') || ctx.punct(m, '"'))
    else {
        return false;
    };
    (open.saturating_sub(4)..open)
        .rev()
        .take_while(|&m| {
            ctx.tokens[m].kind == TokenKind::Word && !ctx.punct(m, '.') && !ctx.punct(m, '»')
        })
        .any(|m| {
            let key = ctx.key(m);
            // (Not after an auxiliary: `a dénoncé des « … » par`.)
            // (Nor a reflexive present: `se dit « soulagé » par`.)
            ["e", "ee", "es", "ees", "crit", "crite", "crits", "crites"]
                .iter()
                .any(|end| key.ends_with(end))
                && speech_verb(key)
                && !(m >= 1 && matches!(ctx.key(m - 1), "a" | "ont" | "avait" | "avaient" | "se"))
                // (Nor `s'est dite « alarmée » par`.)
                && !(m >= 1 && matches!(ctx.key(m - 1), "est" | "sont" | "etait"))
        })
}

/// An unnamed agent after `par` at token `k`: a determiner, then lower-case words and
/// their complements (`l'encadrement`, `la plupart des organisations`, `certains
/// élus de la majorité`); `None` when a name or anything else comes first.
fn agent_description(ctx: &Ctx<'_>, k: usize) -> Option<Speaker> {
    let mut n = if ctx.is(k, "l") && ctx.apostrophe(k + 1) {
        k + 2
    } else if matches!(
        ctx.key(k),
        "le" | "la"
            | "les"
            | "des"
            | "plusieurs"
            | "certains"
            | "certaines"
            | "nombre"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
    ) {
        k + 1
    } else {
        return None;
    };
    // `la plupart des`, `nombre d'`.
    if ctx.is(n, "plupart") && matches!(ctx.key(n + 1), "des" | "de") {
        n += 2;
    }
    if ctx.is(n, "d") && ctx.apostrophe(n + 1) {
        n += 2;
    }
    let first = n;
    while n < first + 8 {
        let Some(t) = ctx.tokens.get(n) else { break };
        if ctx.name_at(n).is_some() || STOP.contains(&ctx.key(n)) || ctx.is(n, "comme") {
            break;
        }
        if !((t.kind == TokenKind::Word && !t.is_capitalized())
            || ctx.apostrophe(n)
            || (ctx.punct(n, '-') && !t.has(Token::SPACE_BEFORE)))
        {
            break;
        }
        n += 1;
    }
    while n > first
        && (matches!(ctx.key(n - 1), "de" | "du" | "des" | "d")
            || ctx.tokens[n - 1].kind != TokenKind::Word)
    {
        n -= 1;
    }
    if n == first || ctx.tokens[first].kind != TokenKind::Word {
        return None;
    }
    let span = ctx.tokens[k].start as usize..ctx.tokens[n - 1].end as usize;
    Some(Speaker::unnamed(ctx, span, "par"))
}

/// The token after the prepositional phrases starting at `k` (`à la télévision d'Etat`,
/// `par téléphone depuis Idleb`, `lors d'une conférence de presse à Bassora`): each a
/// preposition, its determiner, then words and names of no person, up to the next
/// determiner, title or person; `k` when none starts there.
fn after_phrases(ctx: &Ctx<'_>, k: usize) -> usize {
    const PREPOSITIONS: &[&str] = &[
        "a", "au", "aux", "par", "lors", "depuis", "sur", "dans", "devant", "pendant", "en", "via",
        "hier", "chez",
    ];
    const OPENS: &[&str] = &[
        "le", "la", "les", "l", "un", "une", "son", "sa", "ses", "leur", "leurs", "m", "mme", "me",
        "qui", "que", "qu", "dont", "et", "mais", "ou", "celle", "celui",
    ];
    let end = (k + 20).min(ctx.tokens.len());
    let mut m = k;
    while m < end && PREPOSITIONS.contains(&ctx.key(m)) {
        m += 1;
        // The object's determiner: `la`, `l'`, `d'une`, `du`.
        if matches!(ctx.key(m), "d" | "l") && ctx.apostrophe(m + 1) {
            m += 2;
        }
        if matches!(
            ctx.key(m),
            "la" | "le" | "les" | "des" | "du" | "un" | "une"
        ) {
            m += 1;
        } else if ctx.is(m, "l") && ctx.apostrophe(m + 1) {
            m += 2;
        }
        while m < end {
            if let Some((a, next)) = ctx.name_at(m) {
                if a.label == Label::PER {
                    return m;
                }
                m = next;
                continue;
            }
            let t = &ctx.tokens[m];
            let key = ctx.key(m);
            let word = t.kind == TokenKind::Word
                && !OPENS.contains(&key)
                && !glose_fr::person_title(key)
                && !PREPOSITIONS.contains(&key);
            if !(word
                || t.kind == TokenKind::Number
                || ctx.apostrophe(m)
                || (ctx.punct(m, '-') && !t.has(Token::SPACE_BEFORE)))
            {
                break;
            }
            m += 1;
        }
    }
    m
}

/// The speaker at token `k`: a name, or an anonymous description.
fn speaker_at(ctx: &Ctx<'_>, k: usize, verb: &str) -> Option<Speaker> {
    // `raconte celle qui a fait ses classes chez X`, `a prévenu celle-ci`: the person
    // named before.
    if matches!(ctx.key(k), "celle" | "celui")
        && (ctx.is(k + 1, "qui") || (ctx.punct(k + 1, '-') && ctx.is(k + 2, "ci")))
    {
        let gender = if ctx.is(k, "celle") {
            Gender::Feminine
        } else {
            Gender::Masculine
        };
        return pronoun_speaker(ctx, k, Some(gender)).map(|s| Speaker {
            verb: verb.to_owned(),
            ..s
        });
    }
    // `affirme cette source` after `selon une source proche du dossier`: the unnamed
    // source described before.
    // (`confie ce témoin` after `Un chauffeur de camion a assisté …`: the person
    // described opening a sentence before.)
    // (`cette même source`.)
    let noun = k + 1 + usize::from(ctx.is(k + 1, "meme"));
    let person = glose_fr::person_noun(ctx.key(noun));
    if matches!(ctx.key(k), "ce" | "cet" | "cette" | "ces")
        && let Some(m) = (k.saturating_sub(100)..k)
            .rev()
            .find(|&m| {
                matches!(ctx.key(m), "un" | "une" | "des") && ctx.key(m + 1) == ctx.key(noun)
            })
            .or_else(|| {
                (k.saturating_sub(60)..k).rev().find(|&m| {
                    // (Or after an opening phrase: `Joint par téléphone à Choma, un
                    // agriculteur décrit … « … », confie cet habitant`.)
                    person
                        && matches!(ctx.key(m), "un" | "une")
                        && (sentence_start(ctx, m) == Some(m)
                            || (ctx.punct(m - 1, ',')
                                && !ctx
                                    .names_within(
                                        ctx.tokens[m].start as usize,
                                        ctx.tokens[k].start as usize,
                                    )
                                    .any(|a| a.label == Label::PER)))
                        && (glose_fr::person_noun(ctx.key(m + 1))
                            || role_kind(ctx, m + 1) == Some(Label::PER))
                })
            })
        && let Some(s) = indefinite_subject(ctx, m, k).filter(|s| s.anonymous)
    {
        return Some(Speaker {
            verb: verb.to_owned(),
            ..s
        });
    }
    // `confie l'un d'eux`, `l'une d'entre elles`: one of a group, unnamed.
    if ctx.is(k, "l")
        && ctx.apostrophe(k + 1)
        && matches!(ctx.key(k + 2), "un" | "une")
        && ctx.is(k + 3, "d")
        && ctx.apostrophe(k + 4)
    {
        let mut end = k + 5;
        if ctx.is(end, "entre") {
            end += 1;
        }
        if matches!(ctx.key(end), "eux" | "elles") {
            let span = ctx.tokens[k].start as usize..ctx.tokens[end].end as usize;
            return Some(Speaker::unnamed(ctx, span, verb));
        }
    }
    // `sourit l'une des deux filles de la promotion`, `l'un de ses adjoints`.
    if ctx.is(k, "l")
        && ctx.apostrophe(k + 1)
        && matches!(ctx.key(k + 2), "un" | "une")
        && (ctx.is(k + 3, "des")
            || (ctx.is(k + 3, "de") && matches!(ctx.key(k + 4), "ses" | "leurs" | "nos" | "ces")))
    {
        let (end, person) = complement_end(ctx, k + 4, k + 14);
        // (Named after all: `l'un de ses cousins, Duncan Otieno`.)
        if ctx.punct(end, ',')
            && let Some((a, _)) = ctx.name_at(end + 1)
            && a.label == Label::PER
        {
            return Some(named(ctx, a, verb));
        }
        if !person && end > k + 4 {
            let span = ctx.tokens[k].start as usize..ctx.tokens[end - 1].end as usize;
            return Some(Speaker::unnamed(ctx, span, verb));
        }
    }
    // An article before a name: `selon l'ONU`, `a indiqué le Pentagone`.
    let named_from = if ctx.is(k, "l") && ctx.apostrophe(k + 1) {
        k + 2
    } else if matches!(
        ctx.key(k),
        "le" | "la" | "les" | "ce" | "cet" | "cette" | "son" | "sa" | "leur"
    ) {
        k + 1
    } else {
        k
    };
    if let Some((a, _)) = ctx.name_at(named_from) {
        return Some(named(ctx, a, verb));
    }
    if let Some((a, _)) = ctx.name_at(k) {
        return Some(named(ctx, a, verb));
    }
    // `le colonel Yassine Harbi`, `le manager Yannick Bru`, `la présidente de
    // l'association, Martine Escoffier`, `le délégué CFDT Yohann Guilbaud`: a
    // description, then the person's name within a few words.
    // `l'entourage de X`: not X.
    if named_from > k
        && matches!(ctx.key(named_from), "entourage" | "proches")
        && let Some(s) = role_speaker(ctx, k, named_from, verb)
    {
        return Some(s);
    }
    if (named_from > k || glose_fr::person_title(ctx.key(k)))
        && let Some(a) = described_person(ctx, named_from)
    {
        return Some(named(ctx, a, verb));
    }
    // `a martelé le septuagénaire` after `Bernard Lachaume, 71 ans,`: the person of that
    // age; `esquive la lauréate`: the person the article is about.
    if named_from > k
        && let Some(a) = epithet_person(ctx, k, named_from)
    {
        return Some(named(ctx, a, verb));
    }
    // `le porte-parole des FDS, Mustefa Bali`, `la ministre déléguée chargée du Commerce
    // et des PME, X`: a role, then the name within a few words.
    for skip in 1..15 {
        if ctx.punct(k + skip, '.') || ctx.punct(k + skip, '«') {
            break;
        }
        // (Or after a demonym: `le commissaire au commerce, le Slovaque X`.)
        let demonym = skip >= 3
            && ctx.punct(k + skip - 3, ',')
            && matches!(ctx.key(k + skip - 2), "le" | "la")
            && ctx.tokens[k + skip - 1].is_capitalized()
            && ctx.name_at(k + skip - 1).is_none();
        if let Some((a, _)) = ctx.name_at(k + skip)
            && a.label == Label::PER
            && (ctx.punct(k + skip - 1, ',') || demonym)
        {
            return Some(named(ctx, a, verb));
        }
    }
    // `souligne la décision`, `précise le communiqué de la préfecture`, `lit-on dans le
    // dernier rapport d'Ocha`: a writing.
    let noun = named_from
        + usize::from(matches!(
            ctx.key(named_from),
            "dernier" | "derniere" | "nouveau" | "nouvelle" | "premier" | "premiere"
        ));
    if named_from > k && glose_fr::document_noun(ctx.key(noun)) {
        return Some(document_source(ctx, k, noun, verb));
    }
    // A role or a demonym that takes up a person or an organisation named before:
    // `affirme l'élu`, `tempère le physicien`, `a déclaré la nouvelle directrice`,
    // `indique la direction de Lagardère News`, `assure l'opérateur`.
    if named_from > k
        && let Some(s) = role_speaker(ctx, k, named_from, verb)
    {
        return Some(s);
    }
    // `précise un communiqué de Kelmis Santé`: a writing and its issuer.
    if matches!(ctx.key(k), "un" | "une") && glose_fr::document_noun(ctx.key(k + 1)) {
        return Some(document_source(ctx, k, k + 1, verb));
    }
    // An anonymous source: `un responsable`, `une source militaire`, `un porte-parole
    // des FDS`, `deux saisonniers`.
    if matches!(ctx.key(k), "un" | "une" | "des" | "plusieurs") || counted_group(ctx, k) {
        return described_source(ctx, k, verb);
    }
    // A group no role above takes up: `selon les syndicats`, `affirment les cheminots du
    // dépôt`.
    // (People by their kind, not any plural: not `les contraintes`.)
    if ctx.is(k, "les") && people(ctx, k + 1) && person_like(ctx, ctx.tokens[k].start as usize) {
        let end = plural_description_end(ctx, k + 1);
        let span = ctx.tokens[k].start as usize..ctx.tokens[end - 1].end as usize;
        return Some(Speaker::unnamed(ctx, span, verb));
    }
    None
}

/// Whether token `k` counts a group of people, unnamed, in words: `deux saisonniers`,
/// `trois forains`, `certains habitants`, `quelques riverains` (not `400 combattants`, a
/// figure the article gives, no source).
fn counted_group(ctx: &Ctx<'_>, k: usize) -> bool {
    let key = ctx.key(k);
    (glose_fr::number_word(key).is_some_and(|n| n >= 2.0)
        || matches!(key, "certains" | "certaines" | "quelques"))
        && people(ctx, group_head(ctx, k + 1))
}

/// The token after the name of a place or a body that starts at capitalised token `m`:
/// the name a tagger found, else its capitalised words joined by hyphens or apostrophes
/// (`La Haye`, `Villeneuve-d'Ascq`, `Bourg-Saint-Maurice`).
fn name_end(ctx: &Ctx<'_>, m: usize) -> usize {
    if let Some((_, next)) = ctx.name_at(m) {
        return next;
    }
    let mut end = m + 1 + usize::from(matches!(ctx.key(m), "la" | "le" | "les"));
    while (ctx.punct(end, '-') || ctx.apostrophe(end))
        && ctx
            .tokens
            .get(end + 1)
            .is_some_and(|t| t.kind == TokenKind::Word)
    {
        end += 2;
    }
    end
}

/// The head noun of a group from token `at`, past a number or an adjective that goes
/// before it (`les trois acheteurs`, `de jeunes licenciées`).
fn group_head(ctx: &Ctx<'_>, at: usize) -> usize {
    let before = ctx.tokens.get(at).is_some_and(|t| {
        t.kind == TokenKind::Number || glose_fr::number_word(ctx.key(at)).is_some()
    }) || matches!(
        ctx.key(at),
        "jeunes" | "anciens" | "anciennes" | "nombreux" | "nombreuses"
    );
    at + usize::from(before)
}

/// An unnamed source described from its determiner at token `k` on (`un responsable`,
/// `une source militaire`, `un porte-parole des FDS`, `les organisateurs`): lower-case
/// words and their complement, up to a verb, a preposition of place or time, or a
/// conjunction.
fn described_source(ctx: &Ctx<'_>, k: usize, verb: &str) -> Option<Speaker> {
    let mut end = k + 1;
    let mut complement = false;
    while end < ctx.tokens.len() && end < k + 14 {
        let t = &ctx.tokens[end];
        let key = ctx.key(end);
        let glued = !t.has(Token::SPACE_BEFORE);
        let ok = if t.kind == TokenKind::Word {
            // `une ONG locale`: an acronym as the head.
            (!t.is_capitalized() || complement || (end == k + 1 && t.has(Token::ALL_CAPS)))
                && !matches!(
                    key,
                    "sous"
                        | "qui"
                        | "que"
                        | "ayant"
                        | "dans"
                        | "sur"
                        | "devant"
                        | "lors"
                        | "en"
                        | "a"
                        | "au"
                        | "avec"
                        | "pour"
                        | "apres"
                        | "avant"
                        | "et"
                        | "mais"
                        | "selon"
                        | "joint"
                        | "jointe"
                        | "interroge"
                        | "interrogee"
                        | "contacte"
                        | "contactee"
                        | "sollicite"
                        | "sollicitee"
                )
        } else {
            // `porte-parole`, `d'une ONG`.
            (ctx.punct(end, '-') && glued)
                || (ctx.apostrophe(end)
                    && ctx
                        .tokens
                        .get(end + 1)
                        .is_some_and(|t| !t.is_capitalized() || complement))
        };
        if !ok {
            break;
        }
        complement |= matches!(key, "de" | "du" | "des" | "d");
        end += 1;
    }
    // Not a dangling `de` or hyphen.
    while end > k + 1
        && (matches!(ctx.key(end - 1), "de" | "du" | "des" | "d")
            || ctx.tokens[end - 1].kind != TokenKind::Word)
    {
        end -= 1;
    }
    (end > k + 1).then(|| {
        let span = ctx.tokens[k].start as usize..ctx.tokens[end - 1].end as usize;
        Speaker::unnamed(ctx, span, verb)
    })
}

/// A writing at token `noun` after its determiner at `article` (`la décision`, `le
/// communiqué du ministère`, `une vidéo publiée sur TikTok`) as a source: it speaks for
/// whoever issued it, the person or organisation its complement names (`de l'ONU`), else
/// an unnamed source described by the writing and its complement (at most seven words).
fn document_source(ctx: &Ctx<'_>, article: usize, noun: usize, verb: &str) -> Speaker {
    if let Some(s) = issuer(ctx, noun + 1).or_else(|| earlier_issuer(ctx, article, noun)) {
        return named(ctx, s, verb);
    }
    // `l'arrêté préfectoral`, `le texte final`.
    let mut end = adjectives_after(ctx, noun + 1);
    if matches!(ctx.key(end), "de" | "du" | "des" | "d") {
        end = complement_end(ctx, end, end + 7).0;
    }
    // Not a dangling `de` or apostrophe.
    while end > noun + 1
        && (matches!(ctx.key(end - 1), "de" | "du" | "des" | "d")
            || ctx.tokens[end - 1].kind != TokenKind::Word)
    {
        end -= 1;
    }
    let span = ctx.tokens[article].start as usize..ctx.tokens[end - 1].end as usize;
    Speaker::unnamed(ctx, span, verb)
}

/// A writing opening the clause that ends right before the reporting verb at token `k`
/// (`Le communiqué de la préfecture précise que`, `Une vidéo vue deux millions de fois
/// sur TikTok affirme que`): its issuer or an unnamed source, as [`document_source`].
fn document_subject(ctx: &Ctx<'_>, k: usize, verb: &str) -> Option<Speaker> {
    let article = (k.saturating_sub(14)..k).find(|&m| {
        matches!(
            ctx.key(m),
            "le" | "la" | "l" | "un" | "une" | "ce" | "cet" | "cette"
        ) && sentence_opens_at(ctx, m)
    })?;
    // (`X a estimé que le rapport confirmait « … »`: X's reading of it, left to the rules
    // of the clause before.)
    let noun = after_article(ctx, article);
    if noun >= k || !glose_fr::document_noun(ctx.key(noun)) {
        return None;
    }
    // Words, numbers and names up to the verb: one clause, no other verb of speech.
    let plain = (noun + 1..k).all(|m| {
        let t = &ctx.tokens[m];
        match t.kind {
            TokenKind::Word => {
                !speech_verb(ctx.key(m)) && !matches!(ctx.key(m), "qui" | "que" | "qu" | "dont")
            }
            TokenKind::Number => true,
            _ => ctx.apostrophe(m) || ctx.punct(m, '-'),
        }
    });
    if !plain {
        return None;
    }
    if let Some(s) = issuer(ctx, noun + 1).or_else(|| earlier_issuer(ctx, article, noun)) {
        return Some(named(ctx, s, verb));
    }
    let span = ctx.tokens[article].start as usize..ctx.tokens[k - 1].end as usize;
    Some(Speaker::unnamed(ctx, span, verb))
}

/// The issuer of a writing taken up by a definite article with no complement (`Le
/// document évoque`, `indique le rapport`, `le communiqué de l'entreprise`): the one who
/// issued the last writing named with its issuer in the sentences before (`le dernier
/// rapport du Bureau de la coordination des affaires humanitaires`), or the
/// organisation last named when the complement names it by its trade.
fn earlier_issuer<'a>(ctx: &Ctx<'a>, article: usize, noun: usize) -> Option<&'a Annotation> {
    let before = ctx.tokens[article].start as usize;
    // `La Fédération … a pris acte « … », selon son communiqué`: the organisation that
    // opens the sentence, or the one before.
    if matches!(ctx.key(article), "son" | "sa" | "leur") {
        return subject_org(ctx, article);
    }
    let indefinite = matches!(ctx.key(article), "un" | "une");
    if !indefinite && !matches!(ctx.key(article), "le" | "la" | "l" | "ce" | "cet" | "cette") {
        return None;
    }
    // `l'avis mis en ligne par l'agence`: the issuer after `par`, by its name or its
    // trade.
    if let Some(by) = (noun + 1..noun + 6)
        .take_while(|&m| !ctx.punct(m, ',') && !ctx.punct(m, '.') && !ctx.quote_mark(m))
        .find(|&m| ctx.is(m, "par"))
        // (Not a medium that read it: `une note interne consultée par Le Parisien`.)
        .filter(|&by| {
            !matches!(
                ctx.key(by - 1),
                "consulte"
                    | "consultee"
                    | "consultes"
                    | "consultees"
                    | "obtenu"
                    | "obtenue"
                    | "obtenus"
                    | "obtenues"
                    | "revele"
                    | "revelee"
                    | "reveles"
                    | "revelees"
                    | "cite"
                    | "citee"
                    | "vu"
                    | "vue"
                    | "lu"
                    | "lue"
                    | "relaye"
                    | "relayee"
                    | "rapporte"
                    | "rapportee"
                    | "devoile"
                    | "devoilee"
            )
        })
    {
        let c = skip_article(ctx, by + 1);
        // (`par La Poste`: the article may be part of the name.)
        if let Some((a, _)) = ctx
            .name_at(by + 1)
            .or_else(|| ctx.name_at(c))
            .filter(|(a, _)| a.label == Label::ORG)
        {
            return Some(a);
        }
        let key = ctx.key(c);
        if ctx.tokens.get(c).is_some_and(|t| !t.is_capitalized())
            && (glose_fr::org_role(key) || public_body(key))
        {
            return ctx
                .orgs_before(before)
                .find(|o| glose_core::text::fold(o.text(ctx.text)).contains(key));
        }
    }
    let complement = match ctx.key(noun + 1) {
        "de" => Some(skip_article(ctx, noun + 2)),
        "du" => Some(noun + 2),
        "d" if ctx.apostrophe(noun + 2) => Some(noun + 3),
        _ => None,
    }
    // (`ce document de quarante pages`: a size, no issuer.)
    .filter(|&c| {
        ctx.tokens.get(c).is_some_and(|t| {
            t.kind != TokenKind::Number && glose_fr::number_word(ctx.key(c)).is_none()
        })
    });
    // (`un communiqué de l'institution`: only by the trade of its issuer; `X a annoncé
    // … « … », selon un communiqué`: the organisation that opens the sentence.)
    // (Not `un rapport parlementaire`, whose adjective says who issued it.)
    if indefinite && complement.is_none() {
        let plain = ctx.tokens.get(noun + 1).is_none_or(|t| {
            t.kind != TokenKind::Word
                || matches!(
                    ctx.key(noun + 1),
                    "publie"
                        | "publiee"
                        | "diffuse"
                        | "diffusee"
                        | "transmis"
                        | "transmise"
                        | "envoye"
                        | "envoyee"
                        | "paru"
                        | "parue"
                        | "lu"
                        | "lue"
                )
        });
        return plain
            .then(|| subject_org(ctx, article))
            .flatten()
            .filter(|o| o.span.end <= before);
    }
    if let Some(c) = complement {
        // `le communiqué de l'entreprise`, `du groupe`.
        let t = ctx.tokens.get(c)?;
        // (`le communiqué de la préfecture maritime`: a public body takes up only one of
        // its kind; not a ministry, which news names by its building, `Quai d'Orsay`.)
        let key = ctx.key(c);
        if public_body(key) && key != "ministere" {
            return ctx
                .orgs_before(before)
                .find(|o| glose_core::text::fold(o.text(ctx.text)).contains(key));
        }
        return (t.kind == TokenKind::Word
            && !t.is_capitalized()
            && glose_fr::org_role(ctx.key(c)))
        .then(|| ctx.last_org_before(ctx.tokens[article].start as usize))
        .flatten();
    }
    // (Not a writing named inside a quote.)
    let earlier = (article.saturating_sub(120)..article).rev().find_map(|m| {
        (ctx.tokens[m].kind == TokenKind::Word
            && !ctx.quoted[m]
            && glose_fr::document_noun(ctx.key(m)))
        .then(|| issuer(ctx, m + 1))
        .flatten()
    });
    // (Another organisation named since, opening a sentence: `Le label, Nuit Blanche
    // Records, a annoncé … « … », indique le communiqué`.)
    let since = earlier.map_or(0, |e| e.span.end);
    subject_org(ctx, article)
        .filter(|o| {
            o.span.start >= since && earlier.is_none_or(|e| e.text(ctx.text) != o.text(ctx.text))
        })
        .or(earlier)
        .filter(|o| o.span.end <= before)
}

/// The organisation among the first words of the sentence of token `at` or of the one
/// before (`Le label du rappeur, Nuit Blanche Records, a annoncé`, `Dans un communiqué, le
/// guide Michelin explique`), not after `par` or `à`.
fn subject_org<'a>(ctx: &Ctx<'a>, at: usize) -> Option<&'a Annotation> {
    // (Quotes skipped: `Le label … a annoncé le report. « … », indique le communiqué`.)
    let here = ctx.sentence_from(at, 80)?;
    let before = (here > 0 && !ctx.tokens[here].has(Token::PARAGRAPH_BEFORE))
        .then(|| ctx.sentence_from(here - 1, 80))
        .flatten();
    [Some(here), before].into_iter().flatten().find_map(|s| {
        (s..(s + 9).min(at))
            .filter(|&n| !ctx.quoted[n])
            .find_map(|n| {
                let (a, _) = ctx.name_at(n)?;
                (a.label == Label::ORG
                    && !(n >= 1 && matches!(ctx.key(n - 1), "par" | "a" | "au" | "aux")))
                .then_some(a)
            })
    })
}

/// The person named after a description starting at token `from` (`manager Yannick
/// Bru`, `présidente de l'association, Martine Escoffier`): lower-case words, names of
/// organisations and places, at most one comma, up to ten tokens.
fn described_person<'a>(ctx: &Ctx<'a>, from: usize) -> Option<&'a Annotation> {
    let mut n = from;
    let mut commas = 0;
    while n < from + 13 {
        if let Some((a, next)) = ctx.name_at(n) {
            if a.label == Label::PER {
                // `l'avocate de Yannick Le Bihan, Me Sophie Marchal-Daoud`: the person
                // in apposition, not the one the role is of.
                // (`de M. X`, `de Mme X`: a title between.)
                let mut p = n;
                if p >= 2 && ctx.punct(p - 1, '.') && glose_fr::person_title(ctx.key(p - 2)) {
                    p -= 2;
                } else if p >= 1 && glose_fr::person_title(ctx.key(p - 1)) {
                    p -= 1;
                }
                let of = p >= 1 && matches!(ctx.key(p - 1), "de" | "d");
                let title = usize::from(glose_fr::person_title(ctx.key(next + 1)))
                    * if ctx.punct(next + 2, '.') { 2 } else { 1 };
                if of
                    && ctx.punct(next, ',')
                    && let Some((b, _)) = ctx.name_at(next + 1 + title)
                    && b.label == Label::PER
                {
                    return Some(b);
                }
                // (`l'agent de Faith Kiprop`: someone else than Kiprop.)
                if of && relation(ctx.key(from)) {
                    return None;
                }
                return Some(a);
            }
            n = next;
            continue;
        }
        let t = ctx.tokens.get(n)?;
        if t.kind == TokenKind::Word {
            if STOP.contains(&ctx.key(n)) || (n > from && t.has(Token::PARAGRAPH_BEFORE)) {
                return None;
            }
        } else if ctx.punct(n, ',') {
            commas += 1;
            if commas > 1 {
                return None;
            }
        } else if !(ctx.apostrophe(n)
            || ctx.punct(n, '-')
            || (ctx.punct(n, '.') && n > from && glose_fr::person_title(ctx.key(n - 1))))
        {
            return None;
        }
        n += 1;
    }
    None
}

/// Words of the adverbs that may stand between an auxiliary and its participle.
const ADVERBIAL: &[&str] = &[
    "au",
    "contraire",
    "de",
    "son",
    "sa",
    "leur",
    "cote",
    "aussi",
    "egalement",
    "toutefois",
    "pourtant",
    "encore",
    "deja",
    "notamment",
    "ensuite",
    "enfin",
    "alors",
    "meme",
    "quant",
    "a",
    "lui",
    "elle",
    "pour",
    "part",
    "sa",
    "publiquement",
    "vivement",
    "clairement",
    "longuement",
    "immediatement",
    "aussitot",
    "rapidement",
    "bien",
    "plutot",
    "cependant",
    "neanmoins",
    "d",
    "ailleurs",
    "ores",
    "et",
];

/// Words that end a description before a name: the description is over, what follows is
/// another part of the sentence.
const STOP: &[&str] = &[
    "sous", "qui", "que", "qu", "ayant", "dans", "sur", "lors", "en", "a", "au", "aux", "avec",
    "pour", "apres", "avant", "et", "mais", "selon", "devant", "face", "contre", "il", "elle",
    "ils", "elles", "on", "est", "sont", "etait", "dont", "ou", "car", "puis", "y",
];

/// What a role word after a definite article names: a person (`le physicien`, `la
/// nouvelle directrice`, a title) or an organisation (`l'opérateur`, `la direction`).
fn role_kind(ctx: &Ctx<'_>, n: usize) -> Option<Label> {
    let t = ctx.tokens.get(n)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let key = ctx.key(n);
    // (`l'état-major`: a body, by the word after the hyphen.)
    let staff = key == "major" && n >= 2 && ctx.punct(n - 1, '-') && ctx.is(n - 2, "etat");
    // (`la centrale syndicale`: a union.)
    let union = key == "centrale" && ctx.is(n + 1, "syndicale");
    // (`l'inspection du travail`, not `un rapport d'inspection`; `la cellule de crise`.)
    let inspection = key == "inspection" && n >= 2 && ctx.apostrophe(n - 1) && ctx.is(n - 2, "l");
    let cell = key == "cellule" && ctx.is(n + 1, "de") && ctx.is(n + 2, "crise");
    if glose_fr::org_role(key) || staff || union || inspection || cell {
        return Some(Label::ORG);
    }
    // (`le bureau du Premier ministre`, `le cabinet de la ministre`: unnamed.)
    if matches!(
        key,
        "entourage" | "proches" | "bureau" | "cabinet" | "famille"
    ) {
        return Some(ENTOURAGE);
    }
    if t.is_capitalized() {
        // `a expliqué le Finistérien`: a demonym, when it is no name.
        return ctx.name_at(n).is_none().then_some(Label::PER);
    }
    let person = glose_fr::person_title(key)
        || glose_fr::person_role(key)
        || relation(key)
        || matches!(key, "adjoint" | "adjointe")
        || [
            "eur", "eure", "euse", "rice", "ien", "ienne", "iste", "ier", "iere", "ante", "ogue",
            "ete", "ome", "aire",
        ]
        .iter()
        .any(|end| key.len() > end.len() + 2 && key.ends_with(end));
    person.then_some(Label::PER)
}

/// The kind of a role word at token `n` in a description, [`role_kind`], where
/// `le porte-parole` is a person by the word after the hyphen.
fn role_word_kind(ctx: &Ctx<'_>, n: usize) -> Option<Label> {
    if n >= 2 && ctx.is(n, "parole") && ctx.is(n - 2, "porte") {
        return Some(Label::PER);
    }
    role_kind(ctx, n)
}

/// The speaker a role after the article at token `article` takes up (`tempère le
/// physicien`; up to two adjectives before the role), `from` being the role's first word.
fn role_speaker(ctx: &Ctx<'_>, article: usize, from: usize, verb: &str) -> Option<Speaker> {
    // (`la sous-préfète`, `l'ex-ministre`: the role after the hyphen.)
    let (n, kind) = (from..from + 5)
        .take_while(|&n| {
            ctx.punct(n, '-')
                || ctx.punct(n + 1, '-')
                || ctx
                    .tokens
                    .get(n)
                    .is_some_and(|t| t.kind == TokenKind::Word && !STOP.contains(&ctx.key(n)))
        })
        .filter(|&n| !ctx.punct(n, '-') && !ctx.punct(n + 1, '-'))
        .find_map(|n| role_word_kind(ctx, n).map(|kind| (n, kind)))?;
    let before = ctx.tokens[article].start as usize;
    if kind == ENTOURAGE {
        // `l'entourage du ministre`, `des proches de X`: unnamed, described.
        let mut end = n + 1;
        // (Up to its verb: `Son entourage se voulait rassurant`.)
        while end < n + 8
            && ctx.tokens.get(end).is_some_and(|t| {
                let key = ctx.key(end);
                t.kind == TokenKind::Word && !STOP.contains(&key) && !verb_starts(key)
                    || ctx.apostrophe(end)
                    || ctx.punct(end, '-')
            })
        {
            end += 1;
        }
        let span = before..ctx.tokens[end - 1].end as usize;
        return Some(Speaker::unnamed(ctx, span, verb));
    }
    if kind == Label::ORG {
        // `la direction de Lagardère News`, `la direction régionale de La Poste`: the
        // organisation named right after.
        if let Some(a) = org_of(ctx, n + 1).or_else(|| {
            let m = adjectives_after(ctx, n + 1);
            (m > n + 1).then(|| org_of(ctx, m)).flatten()
        }) {
            return Some(named(ctx, a, verb));
        }
        // `la direction d'Eolmer`, a company no tagger found: the company, by the
        // capitalised words that complete `direction`.
        if ctx.is(n, "direction")
            && let Some(span) = unfound_name_of(ctx, n + 1)
        {
            return Some(Speaker::unlinked(ctx, span, verb));
        }
        // `la direction du pôle radio de M6`: a complement that names a body further in
        // describes a part of it, unnamed (not `le quotidien des affaires`).
        if matches!(ctx.key(n + 1), "de" | "du" | "des" | "d") {
            let (end, person) = complement_end(ctx, n + 1, n + 10);
            if !person
                && end > n + 2
                && ctx
                    .names_within(
                        ctx.tokens[n + 1].end as usize,
                        ctx.tokens[end - 1].end as usize,
                    )
                    .next()
                    .is_some()
            {
                let span = before..ctx.tokens[end - 1].end as usize;
                return Some(Speaker::unnamed(ctx, span, verb));
            }
        }
        // `la municipalité`, `la préfecture`: a public body takes up only an
        // organisation of its kind (`la mairie` after `Mairie de Paris`), else it is an
        // unnamed source.
        let key = ctx.key(n);
        let body = public_body(key);
        // (`l'administration militaire régionale`, `le comité des pêches du Finistère`.)
        let unnamed = || {
            // (A complement up to the name of a place or a body in it, no further.)
            let mut end = adjectives_after(ctx, n + 1);
            if matches!(ctx.key(end), "de" | "du" | "des" | "d")
                && let Some(name) = (end + 1..end + 5).find(|&m| {
                    ctx.tokens.get(m).is_some_and(|t| t.is_capitalized())
                        && (end + 1..m)
                            .all(|w| ctx.tokens[w].kind == TokenKind::Word || ctx.apostrophe(w))
                })
            {
                // (The whole name: `le gouvernement de Giorgia Meloni`.)
                end = name_end(ctx, name);
            } else if let Some(c) = body_of_a_kind(ctx, n) {
                // (`de santé`.)
                end = c + 1;
            } else if key == "cellule" {
                // (`la cellule de crise cantonale`.)
                end = adjectives_after(ctx, n + 3);
            }
            Speaker::unnamed(ctx, before..ctx.tokens[end - 1].end as usize, verb)
        };
        // (`le syndicat majoritaire`: one of its kind, ranked, not the last one named.)
        if matches!(ctx.key(n + 1), "majoritaire" | "minoritaire") {
            return Some(unnamed());
        }
        // `le ministère de la Santé`, `le ministère russe de la Défense`: a ministry by
        // its name, which no tagger found.
        if key == "ministere"
            && let Some(end) = ministry_end(ctx, n)
        {
            let span = ctx.tokens[n].start as usize..ctx.tokens[end - 1].end as usize;
            return Some(Speaker::unlinked(ctx, span, verb));
        }
        let kind_of = body_of_a_kind(ctx, n);
        if body || kind_of.is_some() {
            // (`le ministère de l'Agriculture` named a few organisations before; `l'Agence
            // régionale de santé`, by its complement too.)
            let of = kind_of.map_or("", |m| ctx.key(m));
            return Some(
                ctx.orgs_before(before)
                    .find(|o| {
                        let name = glose_core::text::fold(o.text(ctx.text));
                        name.contains(key) && name.contains(of)
                    })
                    .map_or_else(unnamed, |o| named(ctx, o, verb)),
            );
        }
        // `la direction de l'aéroport`, `la direction du site`: of a place no
        // organisation named before is of that kind, an unnamed source (not `la
        // direction du groupe`, the company named before).
        if matches!(ctx.key(n + 1), "de" | "du" | "des" | "d") {
            let c = match ctx.key(n + 1) {
                "du" | "des" => n + 2,
                _ => skip_article(ctx, n + 2 + usize::from(ctx.apostrophe(n + 2))),
            };
            let place = ctx.key(c);
            if ctx.tokens.get(c).is_some_and(|t| !t.is_capitalized())
                && PLACES.contains(&place)
                && !ctx.orgs_before(before).any(|o| {
                    glose_core::text::fold(o.text(ctx.text))
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == place)
                })
            {
                let span = before..ctx.tokens[c].end as usize;
                return Some(Speaker::unnamed(ctx, span, verb));
            }
        }
        // `la fédération des assureurs`, `la fédération des employeurs du secteur
        // associatif`: a body described by the people it gathers, unnamed unless an
        // organisation of its kind was named before.
        if matches!(
            key,
            "federation" | "confederation" | "syndicat" | "association" | "collectif" | "union"
        ) && ctx.is(n + 1, "des")
            && people(ctx, n + 2)
            && !ctx
                .orgs_before(before)
                .any(|o| glose_core::text::fold(o.text(ctx.text)).contains(key))
        {
            let (end, _) = complement_end(ctx, n + 1, n + 10);
            let span = before..ctx.tokens[end - 1].end as usize;
            return Some(Speaker::unnamed(ctx, span, verb));
        }
        // (Not a medium that asked or was told: `a confié à L'Équipe`, `interrogé par
        // Le Monde`.)
        let audience = |o: &Annotation| {
            ctx.word_before(o)
                .is_some_and(|w| matches!(ctx.key(w), "a" | "au" | "aux" | "par"))
        };
        // (The organisation that opens the sentence before, else the last one named:
        // `La Ligue … a annoncé que les matchs du TMFF … « … », assure l'instance`.)
        return subject_org(ctx, article)
            .filter(|o| o.span.end <= before && !audience(o) && !ctx.in_quote(o))
            .or_else(|| ctx.orgs_before(before).find(|o| !audience(o)))
            .map(|a| named(ctx, a, verb))
            // (With no organisation named before, the body itself, unnamed, when a verb
            // says it spoke: `selon les syndicats`, `a indiqué la direction`.)
            .or_else(|| (!matches!(verb, "" | ":")).then(unnamed));
    }
    // `le patron de l'ARS`, `la responsable syndicale`, `l'édile`: a general word for a
    // role the article gave someone in its own words.
    if let Some(a) = general_role_person(ctx, article, n) {
        return Some(named(ctx, a, verb));
    }
    // `le physicien` after `le physicien Rémi Château-Duval`: the person the same role
    // named before.
    if let Some(a) = earlier_role_person(ctx, n) {
        return Some(named(ctx, a, verb));
    }
    // `Le sélectionneur gallois` after `Le sélectionneur, X,`: the same role of another
    // nation is someone unnamed.
    if ctx
        .tokens
        .get(n + 1)
        .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized())
        && nationality(ctx.key(n + 1))
        && people_before(ctx, article, false).take(60).any(|a| {
            stated_role(ctx, a)
                .is_some_and(|m| ctx.key(m) == ctx.key(n) && !nationality(ctx.key(m + 1)))
        })
    {
        let span = ctx.tokens[article].start as usize..ctx.tokens[n + 1].end as usize;
        return Some(Speaker::unnamed(ctx, span, verb));
    }
    // `L'avocat général`, `le procureur`: an office whose holder the article never
    // names next to it is an unnamed source.
    if let Some(s) = unnamed_office(ctx, article, n, verb) {
        return Some(s);
    }
    // `souligne son avocate`, `prévient sa secrétaire générale`: someone's aide or
    // relation, never named with that role, is someone else than the people named.
    // (Not `par la voix de son avocate`: the body speaks. Not when someone of that
    // gender is named just before, who may hold the role, `ses enfants, Maëlle et Erwan
    // … a plaisanté son fils`; a lawyer is named with `Me`, and found above.)
    if matches!(ctx.key(article), "son" | "sa" | "leur") && kind == Label::PER && verb != "par" {
        // (Not someone named with another role: `Le capitaine, X, …` then `a glissé leur
        // entraîneur`.)
        let holder_near = !matches!(ctx.key(n), "avocat" | "avocate")
            && ctx
                .people_near(article, 60, possessive_gender(ctx, article, n))
                .any(|a| stated_role(ctx, a).is_none_or(|m| ctx.key(m) == ctx.key(n)));
        if !holder_near {
            let end = adjectives_after(ctx, n + 1);
            let end = if matches!(ctx.key(end), "de" | "du" | "des" | "d") {
                complement_end(ctx, end, n + 10).0
            } else {
                end
            };
            let span = before..ctx.tokens[end - 1].end as usize;
            return Some(Speaker::unnamed(ctx, span, verb));
        }
    }
    // `le maire de Rixheim`, `la conseillère d'Etat chargée des finances`: a role with
    // its complement describes someone the article does not name.
    // (`ce chef d'entreprise`: a demonstrative always takes up someone named before.)
    if !matches!(ctx.key(article), "ce" | "cet" | "cette")
        && let Some(s) = role_description(ctx, article, n, verb)
    {
        return Some(s);
    }
    let gender = article_gender(ctx.key(article)).or_else(|| role_gender(ctx.key(n)));
    // `souffle la Costarmoricaine` after `devant la Néerlandaise X`: not someone the
    // article gave another demonym.
    if n == from
        && ctx.tokens[n].is_capitalized()
        && let Some(a) = people_before(ctx, article, false)
            .take(30)
            .filter(|a| may_be(ctx, a, gender))
            .find(|a| {
                let at = ctx.token_from(a.span.start);
                !(at >= 1
                    && ctx.tokens[at - 1].is_capitalized()
                    && ctx.name_at(at - 1).is_none()
                    && ctx.key(at - 1) != ctx.key(n))
            })
    {
        return Some(named(ctx, a, verb));
    }
    let s = pronoun_speaker(ctx, article, gender)?;
    Some(Speaker {
        verb: verb.to_owned(),
        ..s
    })
}

/// `l'agence régionale de santé`: an organisation at token `n` described as a body of a
/// kind, by adjectives and a complement with no article, which takes up none named before
/// unless one of that kind was; the complement's noun.
fn body_of_a_kind(ctx: &Ctx<'_>, n: usize) -> Option<usize> {
    let m = adjectives_after(ctx, n + 1);
    (m > n + 1
        && ctx.is(m, "de")
        && ctx.tokens.get(m + 1).is_some_and(|t| {
            t.kind == TokenKind::Word
                && !t.is_capitalized()
                && !STOP.contains(&ctx.key(m + 1))
                && !matches!(ctx.key(m + 1), "la" | "l")
        }))
    .then_some(m + 1)
}

/// A public body that news quotes without naming whoever speaks for it (`la
/// préfecture`, `le parquet`, `la gendarmerie`).
fn public_body(key: &str) -> bool {
    matches!(
        key,
        "municipalite"
            | "mairie"
            | "prefecture"
            | "ministere"
            | "parquet"
            | "tribunal"
            | "ambassade"
            | "rectorat"
            | "gendarmerie"
            | "police"
            | "douane"
            | "administration"
            | "comite"
            | "conseil"
            | "departement"
            | "interprofession"
            | "intersyndicale"
            | "coalition"
            | "defense"
            | "gouvernement"
            | "executif"
            | "presidence"
            | "cellule"
            // (`l'état-major`, the word after the hyphen.)
            | "major"
    )
}

/// Nouns of a relation to someone (`l'agent de la Kényane`, `la sœur de la victime`,
/// `l'avocat de Mme X`): with its complement, a description of someone else than the
/// person in it.
fn relation(key: &str) -> bool {
    matches!(
        key,
        "agent"
            | "agente"
            | "avocat"
            | "avocate"
            | "pere"
            | "mere"
            | "frere"
            | "soeur"
            | "fils"
            | "fille"
            | "epoux"
            | "epouse"
            | "mari"
            | "compagne"
            | "compagnon"
            | "veuve"
            | "oncle"
            | "tante"
            | "cousin"
            | "cousine"
            | "beau-frere"
            | "belle-soeur"
            | "grand-mere"
            | "grand-pere"
    )
}

/// The name a complement at token `m` gives: `de Lagardère News`, `du Parti
/// populaire`, `de l'UFC`, `de Jean Castex`.
fn name_of<'a>(ctx: &Ctx<'a>, m: usize) -> Option<&'a Annotation> {
    if !matches!(ctx.key(m), "de" | "du" | "des" | "d") {
        return None;
    }
    let mut m = m + 1;
    // (`de La Poste`: the article is part of the name.)
    if let Some((a, _)) = ctx.name_at(m) {
        return Some(a);
    }
    if ctx.apostrophe(m) {
        m += 1;
    } else if matches!(ctx.key(m), "la" | "le" | "l" | "les") {
        m += 1;
        if ctx.apostrophe(m) {
            m += 1;
        }
    }
    ctx.name_at(m).map(|(a, _)| a)
}

/// Where the name of a ministry at token `n` ends (`ministère de la Santé`, `ministère
/// russe de la Défense`, `ministère des Armées`): after a capitalised word of its
/// complement; `None` without one.
fn ministry_end(ctx: &Ctx<'_>, n: usize) -> Option<usize> {
    let mut m = n + 1;
    // (One adjective: `russe`, `fédéral`.)
    if ctx
        .tokens
        .get(m)
        .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized())
        && !matches!(ctx.key(m), "de" | "du" | "des" | "d")
    {
        m += 1;
    }
    m = match ctx.key(m) {
        "du" | "des" => m + 1,
        "de" if matches!(ctx.key(m + 1), "la" | "l") => m + 2 + usize::from(ctx.apostrophe(m + 2)),
        "d" if ctx.apostrophe(m + 1) => m + 2,
        _ => return None,
    };
    let capital = |k: usize| ctx.tokens.get(k).is_some_and(|t| t.is_capitalized());
    if !capital(m) {
        return None;
    }
    let mut end = m + 1;
    // (`des Outre-mer`.)
    while ctx.punct(end, '-') && capital(end + 1) {
        end += 2;
    }
    // (`de l'Éducation nationale`, `de l'Enseignement supérieur`, `des Affaires
    // étrangères`.)
    if adjectives_after(ctx, end) > end
        || matches!(
            ctx.key(end),
            "superieur" | "etrangeres" | "exterieures" | "interieur"
        )
    {
        end += 1;
    }
    Some(end)
}

/// The capitalised words of a complement at token `m` that no tagger named (`d'Eolmer`,
/// `de Provimag`): one or two words, not a place or a person.
fn unfound_name_of(ctx: &Ctx<'_>, m: usize) -> Option<Range<usize>> {
    let first = match ctx.key(m) {
        "d" if ctx.apostrophe(m + 1) => m + 2,
        "de" => m + 1,
        _ => return None,
    };
    let capital = |k: usize| {
        ctx.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized())
            && ctx.name_at(k).is_none()
    };
    if !capital(first) {
        return None;
    }
    let mut last = first;
    while last < first + 2 && capital(last + 1) {
        last += 1;
    }
    Some(ctx.tokens[first].start as usize..ctx.tokens[last].end as usize)
}

/// The organisation a complement at token `m` names.
fn org_of<'a>(ctx: &Ctx<'a>, m: usize) -> Option<&'a Annotation> {
    name_of(ctx, m).filter(|a| a.label == Label::ORG)
}

/// The person or organisation a complement at token `m` names (who issued a writing).
fn issuer<'a>(ctx: &Ctx<'a>, m: usize) -> Option<&'a Annotation> {
    // (`un rapport sévère de la Cour des comptes`: an adjective between.)
    let adjective = ctx
        .tokens
        .get(m)
        .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized())
        && !matches!(ctx.key(m), "de" | "du" | "des" | "d")
        && matches!(ctx.key(m + 1), "de" | "du" | "des" | "d");
    let m = m + usize::from(adjective);
    name_of(ctx, m).filter(|a| matches!(a.label, Label::ORG | Label::PER))
}

/// `le procureur`, `l'avocat général` (token `n` the office): an unnamed source when no
/// person is named next to that office anywhere in the article (`le procureur X`, `X,
/// procureur`). `avocat` counts only as `avocat général`.
fn unnamed_office(ctx: &Ctx<'_>, article: usize, n: usize, verb: &str) -> Option<Speaker> {
    let key = ctx.key(n);
    if !glose_fr::office(key) {
        return None;
    }
    let mut end = n + 1;
    if matches!(key, "avocat" | "avocate") {
        if !matches!(ctx.key(n + 1), "general" | "generale") {
            return None;
        }
        end += 1;
    }
    // (`la procureure de la République de Bourges, Claire Vandamme`.)
    let named_next = |m: usize| {
        (m + 1..m + 9)
            .take_while(|&p| !ctx.punct(p, '.') && !ctx.punct(p, '«'))
            .any(|p| ctx.name_at(p).is_some_and(|(a, _)| a.label == Label::PER))
            || {
                let before = if m >= 2 && ctx.punct(m - 1, ',') {
                    m - 1
                } else {
                    m
                };
                ctx.name_before(before)
                    .is_some_and(|a| a.label == Label::PER)
            }
    };
    // The article's other uses of the word (a bounded look around: offices are named
    // near where they act).
    let from = n.saturating_sub(600);
    let to = (n + 600).min(ctx.tokens.len());
    if (from..to).any(|m| ctx.key(m) == key && named_next(m)) {
        return None;
    }
    // (With its complement: `la rectrice de l'académie`.)
    if matches!(ctx.key(end), "de" | "du" | "des" | "d") {
        end = complement_end(ctx, end, end + 8).0;
    }
    let span = ctx.tokens[article].start as usize..ctx.tokens[end - 1].end as usize;
    Some(Speaker::unnamed(ctx, span, verb))
}

/// The person named next to an earlier use of the role word at token `n` (`le
/// physicien Rémi Château-Duval`, `Rémi Château-Duval, physicien`), looking back at
/// most 400 tokens.
fn earlier_role_person<'a>(ctx: &Ctx<'a>, n: usize) -> Option<&'a Annotation> {
    let key = ctx.key(n);
    let mine = std::cell::OnceCell::new();
    (n.saturating_sub(400)..n).rev().find_map(|m| {
        if ctx.key(m) != key {
            return None;
        }
        // (Not the same role otherwise described: `le porte-parole de la coalition, X`
        // is not `le porte-parole de la commission`.)
        if differ(&role_words(ctx, m), mine.get_or_init(|| role_words(ctx, n))) {
            return None;
        }
        (m + 1..m + 9)
            .take_while(|&p| !ctx.punct(p, '.') && !ctx.punct(p, '«'))
            .find_map(|p| ctx.name_at(p).filter(|(a, _)| a.label == Label::PER))
            .map(|(a, _)| a)
            .or_else(|| {
                let before = if m >= 2 && ctx.punct(m - 1, ',') {
                    m - 1
                } else {
                    m
                };
                ctx.name_before(before).filter(|a| a.label == Label::PER)
            })
            .or_else(|| {
                // (Further back in the same apposition, a role of its own after `et`:
                // `X, 38 ans, mère de deux collégiens et porte-parole du collectif`; not
                // `X, amie du directeur`.)
                let start = if m >= 2 && ctx.punct(m - 1, '-') {
                    m - 2
                } else {
                    m
                };
                if !(start >= 1 && ctx.is(start - 1, "et")) {
                    return None;
                }
                (m.saturating_sub(15)..m)
                    .rev()
                    .take_while(|&p| !ctx.punct(p, '.') && !ctx.quote_mark(p))
                    .find_map(|p| {
                        ctx.punct(p, ',')
                            .then(|| ctx.name_before(p))
                            .flatten()
                            .filter(|a| a.label == Label::PER && ctx.token_from(a.span.end) == p)
                    })
            })
    })
}

/// The person a general word for a role at token `n`, after the definite article at
/// `article`, takes up: the last one named before, of the article's gender, whose role
/// the article stated in words the description fits. `l'édile` fits a mayor, `la
/// représentante de l'État` a prefect; `le patron`, `la responsable`, `le dirigeant`, `le chef` fit any role whose words
/// share a stem with the description's (`la responsable syndicale` after `X, secrétaire
/// générale du syndicat`) or an organisation (`le patron de l'ARS` after `Le directeur
/// général de l'Agence régionale de santé, X`). Alone, `le patron` fits no one.
fn general_role_person<'a>(ctx: &Ctx<'a>, article: usize, n: usize) -> Option<&'a Annotation> {
    let key = ctx.key(n);
    // (`l'édile`: a mayor; `la représentante de l'État`: a prefect.)
    let office: Option<&[&str]> = match key {
        "edile" => Some(&["maire", "bourgmestre"]),
        "representant" | "representante"
            if ctx.is(n + 1, "de") && ctx.is(n + 2, "l") && ctx.is(n + 4, "etat") =>
        {
            Some(&["prefet", "prefete"])
        }
        _ => None,
    };
    if office.is_none()
        && !matches!(
            key,
            "patron" | "patronne" | "responsable" | "dirigeant" | "dirigeante" | "chef" | "cheffe"
        )
        || !matches!(ctx.key(article), "le" | "la" | "l")
    {
        return None;
    }
    // The words that describe a role from token `from`: up to a comma, a stop, a quote,
    // a verb or a person's name, eight words at most.
    let described = |from: usize| {
        (from..from + 8)
            .take_while(|&m| {
                ctx.tokens
                    .get(m)
                    .is_some_and(|t| t.kind != TokenKind::Punct || ctx.apostrophe(m))
                    && !speech_verb(ctx.key(m))
                    && ctx.name_at(m).is_none_or(|(a, _)| a.label != Label::PER)
            })
            .collect::<Vec<usize>>()
    };
    let mine = described(n + 1);
    // (Words that say where or at what rank, not what of: `régional`, `général`.)
    let telling = |w: &str| {
        w.len() >= 6
            && ![
                "region", "nation", "genera", "depart", "munici", "federa", "intern", "commun",
                "adjoin", "delegu", "princi",
            ]
            .iter()
            .any(|g| w.starts_with(g))
    };
    let stems: Vec<&str> = mine
        .iter()
        .map(|&m| ctx.key(m))
        .filter(|w| telling(w) && !STOP.contains(w))
        .collect();
    let orgs = |words: &[usize]| -> Vec<&'a str> {
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
            return Vec::new();
        };
        ctx.names_within(
            ctx.tokens[first].start as usize,
            ctx.tokens[last].end as usize,
        )
        .filter(|a| a.label == Label::ORG)
        .map(|a| a.text(ctx.text))
        .collect()
    };
    let my_orgs = orgs(&mine);
    if office.is_none() && stems.is_empty() && my_orgs.is_empty() {
        return None;
    }
    let fits = |role: usize| {
        if let Some(holders) = office {
            return holders.contains(&ctx.key(role));
        }
        let theirs = described(role + 1);
        let their_orgs = orgs(&theirs);
        stems.iter().any(|s| {
            theirs.iter().any(|&m| {
                let w = ctx.key(m);
                telling(w) && s.bytes().zip(w.bytes()).take_while(|(a, b)| a == b).count() >= 6
            })
        }) || my_orgs.iter().any(|o| {
            their_orgs
                .iter()
                .any(|t| o == t || acronym_of(o, t) || acronym_of(t, o))
        })
    };
    let gender = article_gender(ctx.key(article)).or_else(|| role_gender(key));
    people_before(ctx, article, false)
        .take(60)
        .filter(|a| may_be(ctx, a, gender))
        .find(|a| stated_role(ctx, a).is_some_and(fits))
        .map(|a| ctx.full_name(a))
}

/// Whether `short` is an acronym of `name` (`ARS` for `Agence régionale de santé de
/// Normandie`), by [`glose_fr::initials_match`]; a two-letter one must give every word
/// that is no connector (`PS` is not `Parti socialiste européen`).
fn acronym_of(short: &str, name: &str) -> bool {
    let letters = short.chars().count();
    if !(2..=6).contains(&letters) || !short.chars().all(char::is_uppercase) {
        return false;
    }
    let words: Vec<glose_fr::Key> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(glose_fr::key)
        .collect();
    glose_fr::initials_match(words.iter().map(|k| k.as_str()), short)
        && (letters > 2
            || words
                .iter()
                .filter(|w| !glose_fr::name_connector(w.as_str()))
                .count()
                == 2)
}

/// The person an age noun at token `n` (`le septuagénaire`, `la quinquagénaire`, after
/// the article at `article`) takes up: the last one named before with an age of that
/// decade (`Bernard Lachaume, 71 ans,`) and of the article's gender.
fn aged_person<'a>(ctx: &Ctx<'a>, article: usize, n: usize) -> Option<&'a Annotation> {
    let key = ctx.key(n);
    let decade = [
        "trentenaire",
        "quadragenaire",
        "quinquagenaire",
        "sexagenaire",
        "septuagenaire",
        "octogenaire",
        "nonagenaire",
    ]
    .iter()
    .position(|w| *w == key)?
        + 3;
    let gender = article_gender(ctx.key(article));
    (article.saturating_sub(1500)..article).rev().find_map(|m| {
        // `X, 71 ans`.
        let age: usize = ctx.tokens[m].text(ctx.text).parse().ok()?;
        if age / 10 != decade || !ctx.is(m + 1, "ans") || !ctx.punct(m.checked_sub(1)?, ',') {
            return None;
        }
        ctx.name_before(m - 1)
            .filter(|a| a.label == Label::PER && may_be(ctx, a, gender))
    })
}

/// Whether a folded word is an epithet that takes up someone the article is about,
/// never a new source: `la lauréate`, `l'intéressé`, `le vainqueur`.
fn epithet(key: &str) -> bool {
    matches!(
        key,
        "laureat"
            | "laureate"
            | "interesse"
            | "interessee"
            | "vainqueur"
            | "vaincu"
            | "vaincue"
            | "gagnant"
            | "gagnante"
            | "perdant"
            | "perdante"
            | "trentenaire"
            | "quadragenaire"
            | "quinquagenaire"
            | "sexagenaire"
            | "septuagenaire"
            | "octogenaire"
            | "nonagenaire"
    )
}

/// The person an epithet at token `n` (after the article at `article`) takes up: the one
/// the article names most often before it (counted by full name), of the article's
/// gender, the first named on a tie.
fn epithet_person<'a>(ctx: &Ctx<'a>, article: usize, n: usize) -> Option<&'a Annotation> {
    if !epithet(ctx.key(n)) || ctx.is(n + 1, "de") || ctx.is(n + 1, "du") {
        return None;
    }
    // (An age noun: the person given that age first.)
    if let Some(a) = aged_person(ctx, article, n) {
        return Some(a);
    }
    let gender = article_gender(ctx.key(article)).or_else(|| role_gender(ctx.key(n)));
    let before = ctx.tokens[article].start as usize;
    let may_be = |a: &Annotation| may_be(ctx, a, gender);
    // (Someone named in the sentence before or earlier in this one: `Le prix est revenu
    // à X, 19 ans. « … », a souri la lauréate`.)
    // (After a quote, `« … », a lancé la trentenaire`: the sentence before the quote,
    // not one inside it.)
    let at = (article.saturating_sub(5)..article)
        .rev()
        .find(|&m| ctx.punct(m, '»'))
        .and_then(|c| {
            (c.saturating_sub(400)..c)
                .rev()
                .find(|&m| ctx.punct(m, '«'))
        })
        .unwrap_or(article);
    if let Some((from, _)) = previous_sentence(ctx, at)
        && let Some(a) = people_before(ctx, article, false)
            .take_while(|a| a.span.start >= ctx.tokens[from].start as usize)
            .find(|a| may_be(a))
    {
        return Some(ctx.full_name(a));
    }
    let end = ctx.people_by_end.partition_point(|a| a.span.end <= before);
    most_named(
        ctx,
        ctx.people_by_end[..end]
            .iter()
            .copied()
            .filter(|a| !ctx.in_quote(a) && may_be(a)),
    )
}

/// The person among `people` named most often (counted by full name), the first named
/// on a tie.
fn most_named<'a>(
    ctx: &Ctx<'a>,
    people: impl Iterator<Item = &'a Annotation>,
) -> Option<&'a Annotation> {
    let mut counts: HashMap<&str, (usize, std::cmp::Reverse<usize>, &Annotation)> = HashMap::new();
    for a in people {
        let full = ctx.full_name(a);
        let e = counts.entry(full.text(ctx.text)).or_insert((
            0,
            std::cmp::Reverse(full.span.start),
            full,
        ));
        e.0 += 1;
    }
    counts
        .into_values()
        .max_by_key(|&(n, first, _)| (n, first))
        .map(|(_, _, a)| a)
}

/// `le maire de Rixheim`: an article, a role at token `n` and its complement, as an
/// unnamed source; `None` without a complement.
fn role_description(ctx: &Ctx<'_>, article: usize, n: usize, verb: &str) -> Option<Speaker> {
    // `le directeur technique national`: an office by two adjectives; `le directeur
    // régional de X`: adjectives before the complement.
    let adjectives = adjectives_after(ctx, n + 1);
    // (`l'adjointe aux sports`; not `la mère de famille`, one noun.)
    let complement = |m: usize| {
        matches!(ctx.key(m), "de" | "du" | "des" | "d" | "au" | "aux")
            && !(ctx.is(m, "de") && ctx.is(m + 1, "famille"))
    };
    // (One adjective when the description opens its sentence, `Le directeur sportif,
    // qui a mené les discussions, se veut rassurant`, or when no one who may hold it is
    // named just before: `a précisé le directeur sportif` after `Le président, X`.)
    let office = (adjectives >= n + 3
        || (adjectives == n + 2
            && (sentence_opens_at(ctx, article)
                || !holder_near(ctx, article, n, article_gender(ctx.key(article))))))
        && !complement(adjectives);
    let end = if adjectives > n + 1 && complement(adjectives) {
        adjectives
    } else {
        n + 1
    };
    // (`l'officier qui commandait les secours`: a relative clause that defines who.)
    let defined = ctx.is(end, "qui") && !office;
    if !office
        && !defined
        && !complement(end)
        && !matches!(ctx.key(end), "charge" | "chargee" | "general" | "generale")
    {
        return None;
    }
    // `le coureur de vingt-six ans`: an age describes someone known.
    if ctx.tokens.get(end + 1).is_some_and(|t| {
        t.kind == TokenKind::Number || glose_fr::number_word(ctx.key(end + 1)).is_some()
    }) {
        return None;
    }
    // A person of that gender named in the sentences just before: the role takes them
    // up (`Thierry Gaillard … a expliqué le maire de Bourganeuf`).
    // (Opening its sentence, the description is a subject that introduces someone.)
    let before = ctx.tokens[article].start as usize;
    // (`a soutenu la représentante du parquet`: an official of a public body the article
    // does not name is no one named before.)
    // (Not the head of a government, one person the article names: `la cheffe du
    // gouvernement`.)
    let body = ctx.key(skip_article(ctx, end + 1));
    let official = public_body(body) && !matches!(body, "gouvernement" | "executif");
    // (`l'agent de la Kényane`: a relation of someone is not that someone.)
    let related = relation(ctx.key(n));
    // (An office by two adjectives is no one named before: `le directeur sportif
    // toulousain` after the coach; a person named with that role is found before this.)
    let two_adjectives = office && adjectives >= n + 3;
    // (`l'ancienne directrice des services`: after `l'`, the role's ending gives it.)
    let gender = article_gender(ctx.key(article)).or_else(|| role_gender(ctx.key(n)));
    if !(sentence_opens_at(ctx, article) || official || related || two_adjectives)
        && holder_near(ctx, article, n, gender)
    {
        return None;
    }
    if defined {
        let stop = (end + 1..end + 10)
            .find(|&m| ctx.tokens.get(m).is_none_or(|t| t.kind == TokenKind::Punct))?;
        let span = before..ctx.tokens[stop - 1].end as usize;
        return Some(Speaker::unnamed(ctx, span, verb));
    }
    let (end, person) = if office {
        (adjectives, false)
    } else {
        let from = end + usize::from(matches!(ctx.key(end), "au" | "aux"));
        complement_end(ctx, from, n + 10)
    };
    if person && !related {
        return None;
    }
    // `le président de la chambre de commerce, Jean-Luc Rabier,`, `Le vainqueur du jour,
    // l'Autrichien Florian Riedl,`: named after all.
    if (end..end + 8)
        .take_while(|&m| !ctx.punct(m, '.') && !ctx.punct(m, '«'))
        .any(|m| ctx.punct(m, ',') && apposed_person(ctx, m + 1).is_some())
    {
        return None;
    }
    let span = ctx.tokens[article].start as usize..ctx.tokens[end - 1].end as usize;
    Some(Speaker::unnamed(ctx, span, verb))
}

/// Whether someone who may hold the role at token `n` (after the article at `article`)
/// is named in the 80 tokens before: a person of a gender the role allows, unless the
/// article gives them the same role otherwise described (`le porte-parole de la
/// coalition, X` is not `le porte-parole de la commission électorale`).
fn holder_near(ctx: &Ctx<'_>, article: usize, n: usize, gender: Option<Gender>) -> bool {
    let mine = role_words(ctx, n);
    ctx.people_near(article, 80, gender).any(|a| {
        let full = ctx.full_name(a).text(ctx.text);
        let to = a.span.end;
        // The roles the article gave this person, at any of their mentions up to here.
        let start = ctx
            .people_by_end
            .partition_point(|b| b.span.end <= to.saturating_sub(20_000));
        let end = ctx.people_by_end.partition_point(|b| b.span.end <= to);
        let mut roles = ctx.people_by_end[start..end]
            .iter()
            .filter(|b| ctx.full_name(b).text(ctx.text) == full)
            .filter_map(|b| stated_role(ctx, b))
            .peekable();
        roles.peek().is_none()
            || roles.any(|m| !differ(&role_words(ctx, m), &mine) && !apart(ctx.key(m), mine[0]))
    })
}

/// Whether two role words are offices of a club or a team that one person does not hold
/// at once (`le président` is not `le directeur sportif` nor `l'entraîneur`; `la
/// directrice` is `le directeur`'s office).
fn apart(a: &str, b: &str) -> bool {
    let office = |k: &str| match k {
        "president" | "presidente" => Some(0),
        "directeur" | "directrice" => Some(1),
        "entraineur" | "entraineuse" => Some(2),
        "capitaine" => Some(3),
        "selectionneur" | "selectionneuse" => Some(4),
        "manager" => Some(5),
        "medecin" => Some(6),
        "kinesitherapeute" => Some(7),
        "arbitre" => Some(8),
        _ => None,
    };
    matches!((office(a), office(b)), (Some(x), Some(y)) if x != y)
}

/// The role word the article sets next to the person `b`: `le président Frédéric
/// Morvan`, `Le président, Frédéric Morvan`, `Frédéric Morvan, président du club`.
fn stated_role(ctx: &Ctx<'_>, b: &Annotation) -> Option<usize> {
    let at = ctx.token_from(b.span.start);
    let end = ctx.token_from(b.span.end);
    let is_role = |m: usize| {
        !ctx.punct(m, '-') && !ctx.punct(m + 1, '-') && role_word_kind(ctx, m) == Some(Label::PER)
    };
    // After: `X, président du club`, `X, le président du club`.
    if ctx.punct(end, ',') {
        let m = skip_article(ctx, end + 1);
        if let Some(m) = (m..m + 3).find(|&m| is_role(m)) {
            return Some(m);
        }
    }
    // Before: the article that opens the description, then its role word.
    let mut p = at;
    if p >= 2 && ctx.punct(p - 1, '.') && glose_fr::person_title(ctx.key(p - 2)) {
        p -= 2;
    }
    if p >= 1 && ctx.punct(p - 1, ',') {
        p -= 1;
    }
    // (The first article of the description: `Le porte-parole de la coalition, X`.)
    let article = (p.saturating_sub(8)..p).find(|&m| {
        matches!(ctx.key(m), "le" | "la" | "l")
            && (m + 1..p).all(|w| {
                ctx.tokens[w].kind == TokenKind::Word || ctx.apostrophe(w) || ctx.punct(w, '-')
            })
    })?;
    let from = after_article(ctx, article);
    (from..p).find(|&m| is_role(m))
}

/// The words of a role at token `n` and of what describes it after (`directeur
/// sportif`, `porte-parole de la commission électorale`), up to a name, a comma or a
/// verb, four words at most.
fn role_words<'a>(ctx: &Ctx<'a>, n: usize) -> Vec<&'a str> {
    let mut words = vec![ctx.key(n)];
    let mut m = n + 1;
    while words.len() < 5
        && ctx.name_at(m).is_none()
        && ctx.tokens.get(m).is_some_and(|t| {
            t.kind == TokenKind::Word
                && !t.is_capitalized()
                && !STOP.contains(&ctx.key(m))
                && !speech_verb(ctx.key(m))
        })
    {
        words.push(ctx.key(m));
        m += 1;
    }
    words
}

/// Whether two roles name different people: the same role word described differently
/// by both (`porte-parole de la coalition`, `porte-parole de la commission`). Other role
/// words may be the same person (`président de l'association`, then `le maire de X`);
/// a description that says less may be too.
fn differ(a: &[&str], b: &[&str]) -> bool {
    // (`le sélectionneur gallois` is not `le sélectionneur` of the other side, named
    // before without a nationality.)
    fn nation<'a>(r: &[&'a str]) -> Option<&'a str> {
        r[1..].iter().copied().find(|w| nationality(w))
    }
    a[0] == b[0] && ((a.len() > 1 && b.len() > 1 && a[1..] != b[1..]) || nation(a) != nation(b))
}

/// Whether a folded adjective gives a nationality (`gallois`, `italienne`).
fn nationality(key: &str) -> bool {
    const NATIONS: &[&str] = &[
        "francais",
        "anglais",
        "gallois",
        "ecossais",
        "irlandais",
        "italien",
        "espagnol",
        "portugais",
        "allemand",
        "belge",
        "suisse",
        "neerlandais",
        "americain",
        "russe",
        "ukrainien",
        "chinois",
        "japonais",
        "britannique",
        "polonais",
        "grec",
        "turc",
        "marocain",
        "algerien",
        "tunisien",
        "senegalais",
        "israelien",
        "palestinien",
        "iranien",
        "libanais",
        "syrien",
        "egyptien",
        "canadien",
        "bresilien",
        "argentin",
        "australien",
        "autrichien",
        "suedois",
        "norvegien",
        "danois",
        "finlandais",
        "hongrois",
        "roumain",
        "bulgare",
        "serbe",
        "croate",
        "tcheque",
        "slovaque",
        "europeen",
        "africain",
        "camerounais",
        "ivoirien",
        "malien",
        "congolais",
        "indien",
        "pakistanais",
        "afghan",
        "irakien",
        "saoudien",
        "qatari",
        "coreen",
        "vietnamien",
        "mexicain",
        "colombien",
        "venezuelien",
        "chilien",
        "peruvien",
        "cubain",
        "haitien",
    ];
    let masculine = key
        .strip_suffix("ne")
        .filter(|k| k.ends_with("ien"))
        .or_else(|| key.strip_suffix('e'))
        .unwrap_or(key);
    NATIONS.contains(&key) || NATIONS.contains(&masculine)
}

/// The person named at token `k`, in apposition: `Jean-Luc Rabier`, or after an
/// article and a demonym, `l'Autrichien Florian Riedl`.
fn apposed_person<'a>(ctx: &Ctx<'a>, k: usize) -> Option<&'a Annotation> {
    let person = |k: usize| {
        ctx.name_at(k)
            .map(|(a, _)| a)
            .filter(|a| a.label == Label::PER)
    };
    person(k).or_else(|| {
        let demonym = match ctx.key(k) {
            "l" if ctx.apostrophe(k + 1) => k + 2,
            "le" | "la" => k + 1,
            _ => return None,
        };
        (ctx.tokens.get(demonym)?.is_capitalized() && ctx.name_at(demonym).is_none())
            .then(|| person(demonym + 1))
            .flatten()
    })
}

/// Where the complement of a description that goes on at token `end` ends (`de la
/// chambre de commerce`): words that are no verb, apostrophes, hyphens and names, up to
/// token `limit` at most; and whether it names a person.
fn complement_end(ctx: &Ctx<'_>, mut end: usize, limit: usize) -> (usize, bool) {
    let mut person = false;
    while end < limit {
        if let Some((a, next)) = ctx.name_at(end) {
            person |= a.label == Label::PER;
            end = next;
            continue;
        }
        let Some(t) = ctx.tokens.get(end) else { break };
        // (A word before a determiner is a verb and its object: `de l'établissement
        // conteste ces chiffres`.)
        let verb = end > 0
            && ctx.tokens[end - 1].kind == TokenKind::Word
            && !matches!(ctx.key(end), "de" | "d")
            && ctx.tokens.get(end + 1).is_some_and(|t| !t.is_capitalized())
            && determiner(ctx.key(end + 1))
            && !matches!(ctx.key(end + 1), "l" | "des");
        let word = t.kind == TokenKind::Word
            && !verb
            && !STOP.contains(&ctx.key(end))
            && !speech_verb(ctx.key(end))
            && !matches!(
                ctx.key(end),
                "a" | "avait" | "ont" | "s" | "se" | "n" | "ne"
            );
        // (`de M. Belkacem`: the full stop of a title.)
        let title = ctx.punct(end, '.')
            && end >= 1
            && matches!(ctx.key(end - 1), "m" | "mme" | "mlle" | "me" | "dr");
        if !(word || title || ctx.apostrophe(end) || ctx.punct(end, '-')) {
            break;
        }
        end += 1;
    }
    (end, person)
}

/// The kind `role_kind` gives the people around someone (`l'entourage du ministre`):
/// an unnamed source.
const ENTOURAGE: Label = Label::MISC;

fn named(ctx: &Ctx<'_>, a: &Annotation, verb: &str) -> Speaker {
    // A person named in full before, then by their surname: the full name.
    let full = (a.label == Label::PER)
        .then(|| {
            let text = a.text(ctx.text);
            let full = ctx.full_name(a);
            (!std::ptr::eq(full, a))
                .then_some(full)
                .or_else(|| ctx.given_names.get(text).copied().flatten())
        })
        .flatten()
        .or_else(|| {
            (a.label == Label::ORG)
                .then(|| ctx.expansions.get(a.text(ctx.text)).copied())
                .flatten()
        })
        // (`Ferrand` after `les Chocolats Ferrand`: an organisation by the end of its
        // name given before.)
        .or_else(|| {
            let short = a.text(ctx.text);
            (a.label == Label::ORG)
                .then(|| {
                    ctx.orgs_before(a.span.start).find(|o| {
                        o.text(ctx.text)
                            .strip_suffix(short)
                            .is_some_and(|head| head.ends_with(' ') && head.len() > 1)
                    })
                })
                .flatten()
        })
        // (`l'ARS` after `l'Agence régionale de santé de Normandie`: an acronym of a name
        // given before.)
        .or_else(|| {
            (a.label == Label::ORG)
                .then(|| {
                    let short = a.text(ctx.text);
                    ctx.orgs_before(a.span.start)
                        .find(|o| acronym_of(short, o.text(ctx.text)))
                })
                .flatten()
        });
    let span = a.span.start..a.span.end;
    let a = full.unwrap_or(a);
    let text = a.text(ctx.text).to_owned();
    Speaker {
        span: Some(span),
        by_pronoun: false,
        pronoun_gender: None,
        entity: Some(
            a.entity
                .clone()
                .unwrap_or_else(|| EntityId::derived(a.label, &text)),
        ),
        text,
        verb: verb.to_owned(),
        anonymous: false,
    }
}

/// `Il avait promis un « moment de vérité ». François Bayrou a présenté …`: a pronoun
/// at token `p` that opens an article, no one named before it, takes up the first person
/// of its gender named after it in its paragraph.
fn cataphora(ctx: &Ctx<'_>, p: usize, gender: Option<Gender>, verb: &str) -> Option<Speaker> {
    let at = ctx.tokens[p].start as usize;
    if ctx.people_by_end.first().is_some_and(|a| a.span.end <= at) {
        return None;
    }
    let end = ctx.paragraph_end[p] as usize;
    let to = ctx.tokens.get(end.saturating_sub(1))?.end as usize;
    let a = ctx
        .names_within(at, to)
        .filter(|a| a.label == Label::PER && !ctx.in_quote(a))
        .take(3)
        .find(|a| person_gender(ctx, a).is_none_or(|g| Some(g) == gender))?;
    Some(named(ctx, a, verb))
}

/// `a-t-il dit`, `Il a ajouté`: like [`pronoun_speaker`], but between two people of the
/// pronoun's gender the subject of the sentence before is preferred to the last one named
/// (`Marie Lenoir a travaillé avec Sophie Marchand. « … », a-t-elle confié`: Marie
/// Lenoir).
fn personal_pronoun_speaker(ctx: &Ctx<'_>, at: usize, gender: Option<Gender>) -> Option<Speaker> {
    if let Some(g) = gender
        && let Some(s) = body_before(ctx, at, g, ctx.tokens[at].text(ctx.text))
    {
        return Some(s);
    }
    // `La Commission européenne défend sa copie. « … », fait-elle valoir`: an
    // organisation of the pronoun's gender that opens the sentence before, after the
    // person (or with no person named yet).
    // (Its gender is its article's, or that of the words it completes: `La direction de
    // Normalait rejette …`.)
    let subject_org = |first: usize, subject: &Annotation| {
        let name = ctx.token_from(subject.span.start);
        let own = (name > first
            && (first + 1..name)
                .all(|w| ctx.tokens[w].kind == TokenKind::Word || ctx.apostrophe(w)))
        .then(|| article_gender(ctx.key(first)))
        .flatten();
        (subject.label == Label::ORG && own.is_some() && own == gender).then(|| Speaker {
            by_pronoun: true,
            pronoun_gender: gender,
            verb: ctx.tokens[at].text(ctx.text).to_owned(),
            ..named(ctx, subject, "")
        })
    };
    let Some(s) = pronoun_speaker(ctx, at, gender) else {
        let (first, subject) = previous_sentence_subject(ctx, at)?;
        return subject_org(first, subject);
    };
    let Some(span) = &s.span else {
        return Some(s);
    };
    let Some((first, subject)) = previous_sentence_subject(ctx, at) else {
        return Some(s);
    };
    let start = ctx.tokens[first].start as usize;
    if subject.label == Label::ORG {
        if span.start < start
            && let Some(org) = subject_org(first, subject)
        {
            return Some(Speaker {
                verb: s.verb.clone(),
                ..org
            });
        }
        return Some(s);
    }
    if span.start < start
        || subject.span.start == span.start
        || ctx.full_name(subject).text(ctx.text) == s.text
        || gender.is_some_and(|g| person_gender(ctx, subject).is_some_and(|h| h != g))
    {
        return Some(s);
    }
    let verb = s.verb.clone();
    Some(Speaker {
        by_pronoun: true,
        pronoun_gender: gender,
        verb,
        ..named(ctx, subject, "")
    })
}

/// The person who opens the sentence before the one of token `at` (`Le maire, Jean
/// Dupuis, a reçu …`, `Marie Lenoir a …`, `Le ministre Luc Perrin a …`), with where that
/// sentence starts; quotes are skipped over.
fn previous_sentence_subject<'a>(ctx: &Ctx<'a>, at: usize) -> Option<(usize, &'a Annotation)> {
    let (s, end) = previous_sentence_body(ctx, at)?;
    // Its opening words: an article, lower-case words of a role, a comma; then the name.
    for n in s..(s + 6).min(end) {
        if let Some((a, next)) = ctx.name_at(n) {
            // (Followed by its verb or an apposition, not `et`: not `X et Y ont …`.)
            let subject = matches!(a.label, Label::PER | Label::ORG)
                && !ctx.in_quote(a)
                && (ctx.punct(next, ',')
                    || ctx.tokens.get(next).is_some_and(|t| {
                        t.kind == TokenKind::Word && !matches!(ctx.key(next), "et" | "ou")
                    }));
            return subject.then_some((s, a));
        }
        let t = &ctx.tokens[n];
        let opening = (t.kind == TokenKind::Word && (!t.is_capitalized() || n == s))
            || ctx.apostrophe(n)
            || ctx.punct(n, ',');
        // (`La direction de Normalait`: the body a part of it speaks for.)
        let of_body =
            n > s && role_kind(ctx, n - 1) == Some(Label::ORG) && org_of(ctx, n).is_some();
        // (Not the complement of a preposition: `Interpellée par la députée X, la ministre
        // Y a tenu à …`.)
        let preposition = matches!(
            ctx.key(n),
            "selon" | "pour" | "avec" | "de" | "a" | "par" | "contre" | "chez" | "aupres"
        );
        if !opening || (preposition && !of_body) {
            return None;
        }
    }
    None
}

/// [`previous_sentence`], from the word after its opening phrase of place, time or
/// manner when it has one (`Joint par téléphone, X, un commandant …`, `A Brest, la
/// préfecture …`).
fn previous_sentence_body(ctx: &Ctx<'_>, at: usize) -> Option<(usize, usize)> {
    let (s, end) = previous_sentence(ctx, at)?;
    Some((sentence_body(ctx, s, end), end))
}

/// The word after the opening phrase of place, time or manner of the sentence from token
/// `s` to `end`, when it has one; else `s`.
fn sentence_body(ctx: &Ctx<'_>, s: usize, end: usize) -> usize {
    // (`Dès l'ouverture,`: the folded key is that of `des`.)
    let since = ctx.tokens[s].text(ctx.text) == "Dès";
    if !opening_phrase_word(ctx.key(s)) && !since {
        return s;
    }
    (s + 1..(s + 14).min(end))
        .find(|&m| ctx.punct(m, ','))
        .map_or(s, |c| c + 1)
}

/// The first and last tokens of the sentence before the one of token `at`, in the same
/// paragraph (a bounded walk: the tagger stays linear); quotes inside it skipped.
fn previous_sentence(ctx: &Ctx<'_>, at: usize) -> Option<(usize, usize)> {
    let mut m = at;
    let end = loop {
        if m == 0 || at - m > 200 || ctx.tokens[m].has(Token::PARAGRAPH_BEFORE) {
            return None;
        }
        m -= 1;
        if ctx.sentence_end(m) {
            break m;
        }
    };
    Some((ctx.sentence_from(end, 60)?, end))
}

/// `Le ministère de la Santé assure … « … », a-t-il affirmé`, `La direction de
/// Normalait rejette ces accusations. Dans un communiqué, elle invoque « … »`: a ministry
/// or a company by a name no tagger found, opening the sentence before, which a pronoun
/// of its gender takes up.
fn body_before(ctx: &Ctx<'_>, at: usize, gender: Gender, verb: &str) -> Option<Speaker> {
    let (s, end) = previous_sentence(ctx, at)?;
    let span = match gender {
        Gender::Masculine if ctx.is(s, "le") && ctx.is(s + 1, "ministere") => {
            let last = ministry_end(ctx, s + 1).filter(|&e| e <= end)?;
            ctx.tokens[s + 1].start as usize..ctx.tokens[last - 1].end as usize
        }
        Gender::Feminine if ctx.is(s, "la") && ctx.is(s + 1, "direction") => {
            unfound_name_of(ctx, s + 2)?
        }
        _ => return None,
    };
    // (Not past a person named in that sentence: `Le ministère a mis en place un plan,
    // dont X n'avait pas voulu. « … », reconnaît-il`.)
    if ctx
        .names_within(span.end, ctx.tokens[end].start as usize)
        .any(|a| a.label == Label::PER)
    {
        return None;
    }
    Some(Speaker::unlinked(ctx, span, verb))
}

/// `a-t-il dit`, `a-t-elle ajouté`, `confie la dirigeante`: the speaker is the last
/// person named before token `verb_at` whose gender (known from their given name or the
/// words before their name) does not contradict the pronoun's.
fn pronoun_speaker(ctx: &Ctx<'_>, verb_at: usize, gender: Option<Gender>) -> Option<Speaker> {
    let before = ctx.tokens.get(verb_at)?.start as usize;
    let at = ctx.people_by_end.partition_point(|a| a.span.end <= before);
    // (Not a name said inside a quote, unless the pronoun is inside one too.)
    let inside = ctx.quoted.get(verb_at).copied().unwrap_or(false);
    // (Not the agent of a participle: `Interrogé par le président, X, il a parlé …`,
    // `Le magistrat, entendu par M. X, voit …`.)
    let candidates =
        || people_before(ctx, verb_at, inside).filter(move |a| !participle_agent(ctx, a));
    let last = candidates()
        .next()
        .or_else(|| ctx.people_by_end.get(at.checked_sub(1)?).copied())?;
    let a = match gender {
        None => last,
        Some(want) => candidates()
            .take(30)
            .find(|a| person_gender(ctx, a).is_none_or(|g| g == want))
            .unwrap_or(last),
    };
    let verb = ctx.tokens[verb_at].text(ctx.text).to_owned();
    Some(Speaker {
        by_pronoun: true,
        pronoun_gender: gender,
        ..named(ctx, a, &verb)
    })
}

/// The people named before token `at`, the last first; not those named inside a quote
/// unless `inside`.
fn people_before<'a, 'c>(
    ctx: &'c Ctx<'a>,
    at: usize,
    inside: bool,
) -> impl Iterator<Item = &'a Annotation> + 'c {
    let before = ctx.tokens[at].start as usize;
    let end = ctx.people_by_end.partition_point(|a| a.span.end <= before);
    ctx.people_by_end[..end]
        .iter()
        .rev()
        .filter(move |a| inside || !ctx.in_quote(a))
        .copied()
}

/// Whether the person `a` is the agent of a participle in a phrase that goes on to its
/// sentence's subject (`Interrogé par le président du tribunal, X, il a parlé …`, `Le
/// magistrat, entendu en novembre par M. X, voit …`): `par` a few words before, nothing
/// but words or an apposition's comma between, a comma after.
fn participle_agent(ctx: &Ctx<'_>, a: &Annotation) -> bool {
    let at = ctx.token_from(a.span.start);
    let end = ctx.token_from(a.span.end);
    if !ctx.punct(end, ',') {
        return false;
    }
    let Some(par) = (at.saturating_sub(8)..at).rev().find(|&m| ctx.is(m, "par")) else {
        return false;
    };
    let plain = (par + 1..at).all(|m| {
        ctx.name_at(m).is_none()
            && (ctx.tokens[m].kind == TokenKind::Word
                || ctx.apostrophe(m)
                || (ctx.punct(m, '.') && m >= 1 && glose_fr::person_title(ctx.key(m - 1)))
                || (ctx.punct(m, ',') && m + 1 == at))
    });
    // (A participle of being asked or heard, not of being led: `dirigée par le
    // commandant X,` goes on about the body X leads.)
    plain
        && (par.saturating_sub(3)..par).any(|m| {
            [
                "interroge",
                "entendu",
                "questionne",
                "recu",
                "interpelle",
                "auditionne",
                "convoque",
                "accueilli",
            ]
            .iter()
            .any(|w| {
                ctx.key(m)
                    .strip_prefix(w)
                    .is_some_and(|e| matches!(e, "" | "e" | "s" | "es"))
            })
        })
}

fn pronoun_gender(key: &str) -> Option<Gender> {
    match key {
        "il" | "ils" | "lui" => Some(Gender::Masculine),
        "elle" | "elles" => Some(Gender::Feminine),
        _ => None,
    }
}

fn article_gender(key: &str) -> Option<Gender> {
    match key {
        "le" | "un" | "du" | "au" | "ce" | "cet" | "m" | "monsieur" => Some(Gender::Masculine),
        "la" | "une" | "cette" | "mme" | "madame" | "mlle" => Some(Gender::Feminine),
        _ => None,
    }
}

/// The gender a role word's ending gives after `l'` (`l'accusée`, `l'avocate`,
/// `l'entraîneur`); `None` for words of both (`l'élève`, `l'artiste`).
fn role_gender(key: &str) -> Option<Gender> {
    const FEMININE: &[&str] = &["ee", "euse", "rice", "ienne", "ante", "ente", "iere", "ate"];
    const MASCULINE: &[&str] = &["eur", "ien", "ier", "ant", "ent", "at", "u", "is"];
    if FEMININE.iter().any(|end| key.ends_with(end)) {
        Some(Gender::Feminine)
    } else if MASCULINE.iter().any(|end| key.ends_with(end)) {
        Some(Gender::Masculine)
    } else {
        None
    }
}

/// Whether the person `a` may be of `gender` (their gender or the wanted one unknown).
fn may_be(ctx: &Ctx<'_>, a: &Annotation, gender: Option<Gender>) -> bool {
    gender.is_none_or(|g| person_gender(ctx, a).is_none_or(|h| h == g))
}

/// A person's gender: their given name's (the first word of their full name), else the
/// title or the article that opens the description before the name (`Mme Percheron`,
/// `la députée de la Somme Nathalie Percheron`).
fn person_gender(ctx: &Ctx<'_>, a: &Annotation) -> Option<Gender> {
    // `Mme Kapanadze`: the title of the mention itself first (a given name may be given
    // to both, `Nino`).
    let at = ctx.token_from(a.span.start);
    let title = if at >= 2 && ctx.punct(at - 1, '.') {
        at - 2
    } else {
        at.saturating_sub(1)
    };
    if at >= 1 && matches!(ctx.key(title), "m" | "mme" | "monsieur" | "madame" | "mlle") {
        return article_gender(ctx.key(title));
    }
    let full = ctx.full_name(a);
    for name in [full, a] {
        let first = ctx.token_from(name.span.start);
        if let Some(g) = glose_fr::given_name_gender(ctx.key(first)) {
            return Some(g);
        }
        // The description before the name: its first article or title decides.
        let mut found = None;
        let mut n = first;
        while n > first.saturating_sub(8) {
            n -= 1;
            let t = &ctx.tokens[n];
            if t.kind == TokenKind::Word {
                if let Some(g) = article_gender(ctx.key(n)) {
                    // A title, or an article before a role (`la nouvelle directrice`),
                    // not before a thing (`la victoire de X`).
                    let title = matches!(ctx.key(n), "m" | "mme" | "monsieur" | "madame" | "mlle");
                    let mut head = n + 1;
                    if ctx.apostrophe(head) {
                        head += 1;
                    }
                    if title
                        || (head..(head + 2).min(first)).any(|h| {
                            role_kind(ctx, h) == Some(Label::PER)
                                && !matches!(
                                    ctx.key(h),
                                    "premier" | "premiere" | "dernier" | "derniere"
                                )
                        })
                    {
                        found = Some(g);
                    }
                } else if STOP.contains(&ctx.key(n)) {
                    break;
                }
            } else if !(ctx.apostrophe(n)
                || ctx.punct(n, '-')
                // `M. Chambrin`, `Mme Percheron`.
                || (ctx.punct(n, '.') && n >= 1 && article_gender(ctx.key(n - 1)).is_some()))
            {
                break;
            }
            if t.has(Token::PARAGRAPH_BEFORE) {
                break;
            }
        }
        if found.is_some() {
            return found;
        }
    }
    // A role in apposition, by its article or its ending: `l'ambassadrice du Bénin en
    // France, Rosine Agbodjan`, `X, la directrice du site`.
    stated_role(ctx, a).and_then(|m| {
        let article = m
            .checked_sub(1)
            .map(|p| ctx.key(p))
            .and_then(article_gender);
        article.or_else(|| role_gender(ctx.key(m)))
    })
}

/// `X a déclaré : «`, `X a affirmé que «`, `selon X, «`, `X : «`, before the quote at `i`.
fn speaker_before(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    // `Les saisonniers seront reclassés, promet-elle : « … »`: a verb of saying and its
    // pronoun, then the colon.
    if i >= 4
        && ctx.punct(i - 1, ':')
        && let Some(p) = [i - 2, i - 4].into_iter().find(|&p| {
            p >= 2
                && matches!(ctx.key(p), "il" | "elle")
                && ctx.punct(p - 1, '-')
                && (p - 2..p).any(|v| speech_verb(ctx.key(v)))
        })
        && let Some(v) = (p.saturating_sub(4)..p)
            .rev()
            .find(|&v| speech_verb(ctx.key(v)))
        && v >= 1
        && ctx.punct(v - 1, ',')
        && let Some(speaker) = personal_pronoun_speaker(ctx, v, pronoun_gender(ctx.key(p)))
    {
        return Some(speaker);
    }
    if let Some(s) = wording_speaker(ctx, i)
        .or_else(|| possessive_subject(ctx, i))
        .or_else(|| possessor_words(ctx, i))
        .or_else(|| unnamed_view(ctx, i))
    {
        return Some(s);
    }
    let mut j = i;
    // `que «`, `: «`.
    if j >= 1 && (ctx.punct(j - 1, ':') || ctx.is(j - 1, "que") || ctx.is(j - 1, "qu")) {
        j -= 1;
    }
    // `X : «` (not `a présenté ses excuses sur LinkedIn : «`, where X is a place or a
    // channel).
    if j < i
        && let Some(a) = ctx.name_before(j)
    {
        let at = ctx.token_from(a.span.start);
        // (`affirmant sur sa chaîne Al-Massirah que « … »`: a channel's name, a few words
        // after its preposition.)
        let complement = (at.saturating_sub(3)..at)
            .rev()
            .take_while(|&m| ctx.tokens[m].kind == TokenKind::Word)
            .any(|m| {
                matches!(
                    ctx.key(m),
                    "sur" | "dans" | "via" | "en" | "a" | "au" | "aux" | "avec" | "par"
                )
            });
        if !complement {
            // (`X, juriste d'Eau et Rivières de Bretagne : « … »`: the person whose role the
            // organisation completes.)
            return Some(named(ctx, described_by_role(ctx, a).unwrap_or(a), ":"));
        }
    }
    let colon = j < i && ctx.punct(j, ':');
    // `Du côté du gestionnaire de l'aéroport, on se veut rassurant : « … »`.
    if colon
        && let Some(on) = (j.saturating_sub(8)..j)
            .rev()
            .take_while(|&m| !ctx.punct(m, '.') && !ctx.punct(m, '»'))
            .find(|&m| ctx.is(m, "on") && m >= 1 && ctx.punct(m - 1, ','))
    {
        return Some(impersonal(ctx, on, ":"));
    }
    // `rapporte les propos d'un diplomate en poste à Bruxelles : « … »`: whose words
    // they are, not who reports them.
    if colon
        && let Some(m) = (j.saturating_sub(12)..j)
            .rev()
            .find(|&m| matches!(ctx.key(m), "propos" | "paroles" | "mots"))
        && (m + 1..j).all(|w| !ctx.punct(w, ',') && !ctx.punct(w, '.') && !ctx.punct(w, '»'))
    {
        let k = match ctx.key(m + 1) {
            "d" if ctx.apostrophe(m + 2) => m + 3,
            "de" => m + 2,
            "du" | "des" => m + 1,
            _ => j,
        };
        if k < j
            && let Some(s) = speaker_at(ctx, k, "propos").or_else(|| agent_description(ctx, k))
        {
            return Some(s);
        }
    }
    // `un économiste de la Banque de France selon lequel « … »`: the antecedent.
    if i >= 2
        && ctx.is(i - 2, "selon")
        && matches!(
            ctx.key(i - 1),
            "lequel" | "laquelle" | "lesquels" | "lesquelles"
        )
        && let Some(article) = {
            // (The nearest indefinite description, else the nearest definite one.)
            let plain = |m: usize| {
                (m + 1..i - 2).all(|w| ctx.tokens[w].kind == TokenKind::Word || ctx.apostrophe(w))
            };
            let from = i.saturating_sub(14);
            (from..i - 2)
                .rev()
                .find(|&m| matches!(ctx.key(m), "un" | "une" | "des") && plain(m))
                .or_else(|| {
                    (from..i - 2)
                        .rev()
                        .find(|&m| matches!(ctx.key(m), "le" | "la" | "l" | "les") && plain(m))
                })
        }
        && let Some(s) = speaker_at(ctx, article, "selon")
    {
        return Some(s);
    }
    // `Les répondants sont selon lui « … »`: the person the pronoun takes up.
    if i >= 2
        && ctx.is(i - 2, "selon")
        && let Some(gender) = pronoun_gender(ctx.key(i - 1))
        && matches!(ctx.key(i - 1), "lui" | "elle")
    {
        return pronoun_speaker(ctx, i - 2, Some(gender)).map(|s| Speaker {
            verb: "selon".to_owned(),
            ..s
        });
    }
    // `Les banques, observe-t-il, « … »`: a verb and its pronoun set in the sentence.
    if j >= 5
        && ctx.punct(j - 1, ',')
        && let p = j - 2
        && let Some(gender) = pronoun_gender(ctx.key(p))
        && matches!(ctx.key(p), "il" | "elle")
        && ctx.punct(p - 1, '-')
        && let v = if ctx.is(p - 2, "t") && ctx.punct(p - 3, '-') {
            p - 4
        } else {
            p - 2
        }
        && ctx.tokens[v].kind == TokenKind::Word
        && speech_verb(ctx.key(v))
    {
        return personal_pronoun_speaker(ctx, v, Some(gender));
    }
    // `selon X, «`.
    if j >= 1 && ctx.punct(j - 1, ',') {
        if let Some(a) = ctx.name_before(j - 1) {
            let mut start = ctx.token_from(a.span.start);
            // `selon l'ONU`.
            if start >= 2 && ctx.apostrophe(start - 1) && ctx.is(start - 2, "l") {
                start -= 2;
            } else if start >= 1 && matches!(ctx.key(start - 1), "le" | "la" | "les") {
                start -= 1;
            }
            if start >= 1 && ctx.is(start - 1, "selon") {
                return Some(named(ctx, a, "selon"));
            }
            // `Selon son responsable, X, « … »`, `Pour la cheffe de groupe du PTB, X,
            // « … »`.
            if let Some(m) =
                (start.saturating_sub(12)..start).find(|&m| ctx.is(m, "selon") || ctx.is(m, "pour"))
                && start >= 1
                && ctx.punct(start - 1, ',')
                // (One description between: not `Pour Der Spiegel, la coprésidente du
                // parti, X, « … »`, X the subject of the words reported.)
                && (m + 1..start - 1).all(|w| !ctx.punct(w, ','))
            {
                return Some(named(ctx, a, ctx.key(m)));
            }
            // `Pour la CGT, « … »`.
            if start >= 1 && ctx.is(start - 1, "pour") {
                return Some(named(ctx, a, "pour"));
            }
        }
        // `Selon un conseiller de l'exécutif, « … »`.
        let comma = j - 1;
        // `Pour le directeur technique national, « … »`: an office no one named holds.
        // (A demonstrative takes up someone named before, an apposition after it: `Pour
        // cette enseignante de Fretin, commune voisine des pistes, « … »`.)
        if let Some(pour) = (comma.saturating_sub(14)..comma)
            .rev()
            .find(|&m| ctx.is(m, "pour") && sentence_opens_at(ctx, m))
            && let demonstrative = matches!(ctx.key(pour + 1), "ce" | "cet" | "cette")
            && (demonstrative || matches!(ctx.key(pour + 1), "le" | "la" | "l"))
            && (pour + 1..comma).filter(|&w| ctx.punct(w, ',')).count()
                <= usize::from(demonstrative)
            // (`Pour l'interprofession, « … »`: a body takes up one named before.)
            && let role = after_article(ctx, pour + 1)
            // (`X ne décolère pas. Pour la présidente de l'association, « … »`: a role
            // that takes up the person named just before.)
            && let Some(s) = role_speaker(ctx, pour + 1, role, "pour").filter(|s| {
                s.anonymous
                    || demonstrative
                    || role_kind(ctx, role) == Some(Label::ORG)
                    || previous_sentence(ctx, pour).is_some_and(|(from, to)| {
                        ctx.names_within(
                            ctx.tokens[from].start as usize,
                            ctx.tokens[to].end as usize,
                        )
                        .any(|a| a.label == Label::PER && ctx.full_name(a).text(ctx.text) == s.text)
                    })
            })
        {
            return Some(s);
        }
        // `Pour un agent de joueuses installé à Paris, « … »`: an unnamed source.
        if let Some(pour) = (comma.saturating_sub(14)..comma)
            .rev()
            .find(|&m| ctx.is(m, "pour") && sentence_opens_at(ctx, m))
            && matches!(ctx.key(pour + 1), "un" | "une")
            && !(pour + 1..comma).any(|w| ctx.punct(w, ','))
            && let Some(s) = indefinite_subject(ctx, pour + 1, comma).filter(|s| s.anonymous)
        {
            return Some(Speaker {
                verb: "pour".to_owned(),
                ..s
            });
        }
        // `À leurs yeux, « … »`: as `selon eux`.
        if comma >= 3
            && ctx.is(comma - 3, "a")
            && ctx.is(comma - 2, "leurs")
            && ctx.is(comma - 1, "yeux")
        {
            return group_speaker(ctx, comma - 3, "à leurs yeux");
        }
        // `À l'en croire, « … »`: as `selon lui`, of either gender.
        if comma >= 5
            && ctx.is(comma - 5, "a")
            && ctx.is(comma - 4, "l")
            && ctx.apostrophe(comma - 3)
            && ctx.is(comma - 2, "en")
            && ctx.is(comma - 1, "croire")
        {
            return pronoun_speaker(ctx, comma - 5, None).map(|s| Speaker {
                verb: "à l'en croire".to_owned(),
                ..s
            });
        }
        // `À ses yeux, « … »`: as `selon lui`, of either gender.
        if comma >= 3
            && ctx.is(comma - 3, "a")
            && ctx.is(comma - 2, "ses")
            && ctx.is(comma - 1, "yeux")
        {
            return pronoun_speaker(ctx, comma - 3, None).map(|s| Speaker {
                verb: "à ses yeux".to_owned(),
                ..s
            });
        }
        if let Some(selon) = (comma.saturating_sub(10)..comma)
            .rev()
            .find(|&m| ctx.is(m, "selon") || (ctx.is(m, "apres") && m >= 2 && ctx.is(m - 2, "d")))
        {
            // (`Selon les organisateurs, « … »`: a group, right before the quote.)
            // (`Selon la maire actuelle, « … »` after `X s'est constituée partie civile`:
            // a role that takes up the person named before.)
            let role = matches!(ctx.key(selon + 1), "le" | "la" | "l")
                && role_kind(ctx, after_article(ctx, selon + 1)) == Some(Label::PER);
            if let Some(s) = speaker_at(ctx, selon + 1, "selon")
                .filter(|s| s.anonymous || role)
                .or_else(|| {
                    ctx.is(selon + 1, "les")
                        .then(|| described_source(ctx, selon + 1, "selon"))
                        .flatten()
                })
            {
                return Some(s);
            }
            // `Selon eux, « … »`: the group the pronoun takes up.
            if matches!(ctx.key(selon + 1), "eux" | "elles") && selon + 2 == comma {
                return group_speaker(ctx, selon, "selon");
            }
            // `Selon lui, « … »`: the person the pronoun takes up.
            let gender = pronoun_gender(ctx.key(selon + 1));
            if gender.is_some() && selon + 2 == comma {
                return pronoun_speaker(ctx, selon + 1, gender).map(|s| Speaker {
                    verb: "selon".to_owned(),
                    ..s
                });
            }
            return None;
        }
        // `X ont rappelé que les entreprises, notamment …, « absorbent … »`.
        return subject_before(ctx, i).or_else(|| sentence_subject(ctx, i));
    }
    // `chargé selon l'accusation des « … »`, `présenté par l'accusation comme le « … »`:
    // an unnamed source just before the quote.
    if let Some(s) = unnamed_agent_before(ctx, i) {
        return Some(s);
    }
    // `Quant à l'ARS, elle indique avoir « … »`: the name the pronoun takes up.
    if let Some(s) = sentence_start(ctx, i)
        && ctx.is(s, "quant")
        && matches!(ctx.key(s + 1), "a" | "au" | "aux")
        && let Some((a, next)) = ctx.name_at(skip_article(ctx, s + 2))
        && ctx.punct(next, ',')
        && matches!(ctx.key(next + 1), "il" | "elle" | "ils" | "elles")
    {
        return Some(named(ctx, a, "quant à"));
    }
    // `X a dénoncé des « … »`, `X a estimé que la loi était « … »`: a reporting verb
    // earlier in the sentence, its subject a name just before it.
    if let Some(s) = subject_before(ctx, i) {
        return Some(s);
    }
    // `X a déclaré : «`: the verb right before, its subject before it.
    if j < i && j >= 1 && speech_verb(ctx.key(j - 1)) {
        let verb = ctx.tokens[j - 1].text(ctx.text).to_owned();
        let mut k = j - 1;
        if k >= 1 && matches!(ctx.key(k - 1), "a" | "ont" | "avait") {
            k -= 1;
        }
        if let Some(a) = ctx.name_before(k) {
            return Some(named(ctx, a, &verb));
        }
    }
    sentence_subject(ctx, i)
}

/// `Pour un analyste du secteur, la suite se jouera vite : « … »`, `Pour un député de la
/// majorité, rapporteur du texte, « … »`: an unnamed source after the `pour` that opens
/// the sentence of the quote at `i`, whose view the sentence gives; no person named
/// after it.
fn unnamed_view(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    if i < 1 || !(ctx.punct(i - 1, ':') || ctx.punct(i - 1, ',')) {
        return None;
    }
    let start = sentence_start(ctx, i)?;
    if !ctx.is(start, "pour") || !matches!(ctx.key(start + 1), "un" | "une" | "plusieurs") {
        return None;
    }
    let s = indefinite_subject(ctx, start + 1, i).filter(|s| s.anonymous)?;
    let end = s.span.as_ref()?.end;
    // (A person in a complement may be: `battue sur la liste de X`.)
    if ctx
        .names_within(end, ctx.tokens[i].start as usize)
        .any(|a| {
            a.label == Label::PER && !after_preposition(ctx, ctx.token_from(a.span.start), start)
        })
    {
        return None;
    }
    Some(Speaker {
        verb: "pour".to_owned(),
        ..s
    })
}

/// `selon l'accusation des « … »`, `présenté par l'accusation comme le « … »`: `selon`,
/// or `par` after a participle, then a description of no one named, in the few words
/// before the quote at `i`.
fn unnamed_agent_before(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    let to = ctx.tokens[i].start as usize;
    let m = (i.saturating_sub(8)..i)
        .rev()
        .take_while(|&m| {
            !(ctx.punct(m, '.')
                || ctx.punct(m, ',')
                || ctx.punct(m, ';')
                || ctx.punct(m, ':')
                || ctx.punct(m, '»')
                || ctx.punct(m, '«')
                || ctx.tokens[m + 1].has(Token::PARAGRAPH_BEFORE))
        })
        .find(|&m| {
            ctx.is(m, "selon")
                || (ctx.is(m, "par")
                    && m >= 1
                    && ["e", "ee", "es", "ees"]
                        .iter()
                        .any(|end| ctx.key(m - 1).ends_with(end))
                    && (speech_verb(ctx.key(m - 1)) || ctx.key(m - 1).starts_with("present"))
                    // (`a dénoncé par la voix de son avocate`: the subject speaks.)
                    && !matches!(ctx.key(m + 2), "voix" | "intermediaire" | "biais" | "bouche"))
        })?;
    let verb = if ctx.is(m, "selon") { "selon" } else { "par" };
    let s = match speaker_at(ctx, m + 1, verb) {
        Some(s) if s.anonymous => s,
        // (A person only a pronoun would give: the description is better.)
        Some(s) if !s.by_pronoun => return None,
        _ => agent_description(ctx, m + 1)?,
    };
    s.span
        .as_ref()
        .is_some_and(|span| span.end <= to)
        .then(|| Speaker {
            verb: verb.to_owned(),
            ..s
        })
}

/// An unnamed source opening a sentence at token `s` (`Un enquêteur de la DGSI, entendu
/// …`, `Un habitant du hameau, relogé…`): the description up to a comma, a name or a
/// verb of speech, before token `limit`.
fn indefinite_subject(ctx: &Ctx<'_>, s: usize, limit: usize) -> Option<Speaker> {
    if !(matches!(ctx.key(s), "un" | "une" | "plusieurs") || counted_group(ctx, s))
        || ctx.is(s + 1, "peu")
    {
        return None;
    }
    let mut end = s + 1;
    while end < limit && end < s + 10 && !ctx.punct(end, ',') {
        if let Some((_, next)) = ctx.name_at(end) {
            end = next;
            break;
        }
        // (The noun right after the article is no verb: `Un critique lillois`.)
        // (A verb in the plural after a noun: `Plusieurs de ses collègues mettent en
        // garde`, not `un adjoint chargé du développement`.)
        // (A word after a noun and before a determiner is a verb and its object: `Un
        // diplomate en poste dans la capitale livre une …`, not `dans la`.)
        let key = ctx.key(end);
        let after_noun = ctx.tokens[end - 1].kind == TokenKind::Word
            && !determiner(ctx.key(end - 1))
            && !matches!(
                ctx.key(end - 1),
                "de" | "du" | "des" | "d" | "au" | "aux" | "en"
            );
        // (Or a pronoun before its verb: `Un cadre du parti y voit`, `lui tend`.)
        let plural_verb = (key.len() >= 6 && key.ends_with("ent")) || matches!(key, "y" | "lui");
        let before_object = !STOP.contains(&key)
            && !matches!(
                key,
                "de" | "du" | "des" | "d" | "par" | "chez" | "vers" | "depuis"
            )
            && determiner(ctx.key(end + 1))
            && ctx.tokens.get(end + 1).is_some_and(|t| !t.is_capitalized());
        // (`à` is no auxiliary: `une aide à domicile`, `un diplomate en poste à Dakar`,
        // where the description ends.)
        if end > s + 1 && ctx.tokens[end].text(ctx.text) == "à" {
            if ctx.is(end + 1, "domicile") {
                end += 2;
                continue;
            }
            if ctx.tokens.get(end + 1).is_some_and(|t| t.is_capitalized()) {
                end = name_end(ctx, end + 1);
            }
            break;
        }
        if (end > s + 1
            && ctx.tokens[end].kind == TokenKind::Word
            && (verb_starts(key) || (after_noun && (plural_verb || before_object))))
            || ctx.punct(end, '.')
            || ctx.punct(end, ':')
        {
            break;
        }
        end += 1;
    }
    // `Une enseignante, Néloumta Ngarsaye, se montre plus inquiète`: named after all.
    if ctx.punct(end, ',')
        && let Some((a, next)) = ctx.name_at(end + 1)
        && a.label == Label::PER
        && (ctx.punct(next, ',') || next >= limit)
    {
        return Some(named(ctx, a, ""));
    }
    let span = ctx.tokens[s].start as usize..ctx.tokens[end - 1].end as usize;
    person_like(ctx, span.start).then(|| Speaker::unnamed(ctx, span, ""))
}

/// Whether a folded word starts the verb that ends a description of someone: a verb of
/// saying, one in the imperfect, or a word that opens a verb phrase (`se montre`,
/// `s'inquiète`, `a jugé`, `ne cache pas`, `fait ses comptes`, `qui …`).
fn verb_starts(key: &str) -> bool {
    glose_fr::reporting_verb(key)
        || imperfect(key)
        || matches!(
            key,
            "se" | "s"
                | "a"
                | "ont"
                | "est"
                | "sont"
                | "ne"
                | "n"
                | "qui"
                | "fait"
                | "font"
                | "reste"
                | "attend"
                | "vient"
        )
}

/// Whether a folded word is a verb in the imperfect (`votait`, `attendaient`), not a
/// noun of that ending (`portrait`, `extrait`).
fn imperfect(key: &str) -> bool {
    ((key.len() > 5 && key.ends_with("ait")) || (key.len() > 6 && key.ends_with("aient")))
        && !matches!(
            key,
            "portrait" | "extrait" | "souhait" | "attrait" | "parfait" | "bienfait" | "distrait"
        )
}

/// The name that opens the sentence of the quote at `i` (`Le délégué Yohann Guilbaud
/// reste prudent : « … »`, `Pour Moussa Traoré, ancien élève, « … »`): a person or an
/// organisation among the first words, with no other quote in the sentence before.
fn sentence_subject(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    let mut s = i;
    loop {
        if s == 0 || i - s > 40 {
            break;
        }
        if ctx.tokens[s].has(Token::PARAGRAPH_BEFORE) && s < i {
            break;
        }
        let p = s - 1;
        // (A name or a term between marks is no quote: `les écoutes dites « … »`, `dont
        // le chalutier « Ar Sterenn »`.)
        if ctx.punct(p, '»')
            && let Some(open) = (p.saturating_sub(12)..p).rev().find(|&m| ctx.punct(m, '«'))
            && (!ctx.quote_mark(p) || named_thing(ctx, open))
        {
            s = open;
            continue;
        }
        if ctx.punct(p, '.') || ctx.punct(p, '?') || ctx.punct(p, '!') || ctx.punct(p, '»') {
            break;
        }
        if ctx.punct(p, '«') || ctx.punct(p, '"') || ctx.punct(p, '“') {
            return None;
        }
        s = p;
    }
    if i - s > 40 || s == i {
        return None;
    }
    // `Trop tard, juge une source proche du dossier : « … »`: a verb of saying, then
    // its subject, then the colon.
    if i >= 2
        && ctx.punct(i - 1, ':')
        && let Some(v) = (s..i - 1).rev().take(10).find(|&v| {
            ctx.tokens[v].kind == TokenKind::Word
                && speech_verb(ctx.key(v))
                && v >= 1
                && ctx.punct(v - 1, ',')
                && matches!(ctx.key(v + 1), "un" | "une" | "le" | "la" | "l")
        })
        && let Some(source) = speaker_at(ctx, v + 1, ctx.tokens[v].text(ctx.text))
        && source.anonymous
        && source
            .span
            .as_ref()
            .is_some_and(|span| span.end <= ctx.tokens[i - 1].start as usize)
    {
        return Some(source);
    }
    // `Selon un proche du dossier, l'entreprise « ignorait » tout`: the whole sentence
    // is the unnamed source's.
    let after = if ctx.is(s, "selon") {
        Some(s + 1)
    } else if ctx.is(s, "d") && ctx.apostrophe(s + 1) && ctx.is(s + 2, "apres") {
        Some(s + 3)
    } else {
        None
    };
    if let Some(k) = after
        && let Some(source) = speaker_at(ctx, k, "selon")
        && source.anonymous
        && source
            .span
            .as_ref()
            .is_some_and(|span| span.end <= ctx.tokens[i].start as usize)
        // (`Selon les requérants, le dispositif … un « … »`: a group of no kind of person
        // says nothing of its own.)
        && (!matches!(ctx.key(k), "un" | "une" | "des" | "plusieurs" | "les")
            || person_like(ctx, ctx.tokens[k].start as usize))
    {
        return Some(source);
    }
    // `Un enquêteur de la DGSI, entendu…, a décrit une cellule « … »`; after a phrase
    // of place: `En gare de Nantes, une mère de famille … oscillait : « … »`.
    // (Or after a participle: `Venue de Lyon avec sa fille, une spectatrice …`.)
    // (`Parmi eux, plusieurs abonnés …`, a short phrase; not `Parmi les victimes
    // figurent le guide, X, …`.)
    // (`Mercredi, l'avocat général a requis …`: a day too.)
    let placed = (opening_phrase_word(ctx.key(s)) || ctx.is(s, "parmi") || ctx.is(s, "hier"))
        .then(|| (s + 1..(s + 10).min(i)).find(|&m| ctx.punct(m, ',')))
        .flatten()
        .filter(|&comma| !ctx.is(s, "parmi") || comma <= s + 4);
    // (Two phrases: `À Papaïchton, plus bas sur le fleuve, un pêcheur …`.)
    let second = placed
        .filter(|&c| !determiner(ctx.key(c + 1)))
        .and_then(|c| (c + 1..(s + 14).min(i)).find(|&m| ctx.punct(m, ',')));
    if let Some(source) = indefinite_subject(ctx, s, i).or_else(|| {
        [placed, second]
            .into_iter()
            .flatten()
            .find_map(|comma| indefinite_subject(ctx, comma + 1, i))
    }) {
        return Some(source);
    }
    // (`Arrivé dans la nuit, le ministre turc de l'Intérieur s'est engagé à ce que
    // « … »`: a role after the phrase, with no name in the sentence.)
    if let Some(comma) = placed
        && matches!(ctx.key(comma + 1), "le" | "la" | "l")
        && (comma + 2..i).any(|m| ctx.tokens[m].kind == TokenKind::Word && speech_verb(ctx.key(m)))
        && ctx
            .names_within(ctx.tokens[s].start as usize, ctx.tokens[i].start as usize)
            .all(|a| a.label == Label::LOC)
        && let Some(source) = role_speaker(
            ctx,
            comma + 1,
            after_article(ctx, comma + 1),
            if ctx.punct(i - 1, ':') { ":" } else { "" },
        )
    {
        return Some(source);
    }
    let verb = if ctx.punct(i - 1, ':') { ":" } else { "" };
    // `Le texte final se borne à « … »`, `L'arrêté préfectoral pris lundi proscrit
    // « … »`: a writing that opens the sentence says what it quotes.
    // (A few words are the writing's own only after a verb of speech: not `Une décision
    // « incompréhensible » pour X`, `Le texte prévoit …, héritiers du « … »`.)
    if matches!(ctx.key(s), "le" | "la" | "l" | "un" | "une") {
        let noun = after_article(ctx, s);
        let words = closing(ctx, i).map_or(0, |close| ctx.words_in(i, close));
        let says =
            (noun + 1..i).any(|m| ctx.tokens[m].kind == TokenKind::Word && speech_verb(ctx.key(m)));
        if noun < i
            && glose_fr::document_noun(ctx.key(noun))
            && (says || (words >= 4 && !matches!(ctx.key(s), "un" | "une")))
        {
            return Some(document_source(ctx, s, noun, verb));
        }
    }
    let mut first = None;
    // (A person in apposition after a long role: `Le vice-ministre saoudien des Affaires
    // étrangères, X, se veut …`.)
    let reach = if ctx.is(s, "le") || ctx.is(s, "la") || ctx.is(s, "l") {
        (s..(s + 12).min(i))
            .find(|&n| ctx.punct(n, ','))
            .and_then(|c| {
                // (`Le vainqueur du jour, l'Autrichien X,`: after a demonym too.)
                let a = apposed_person(ctx, c + 1)?;
                Some(ctx.token_from(a.span.start) + 1)
            })
            .unwrap_or(s + 8)
    } else {
        s + 8
    };
    for n in s..reach.min(i) {
        // `Interrogé par l'AFP, …`: who asked, not who answered; `Invitée de France
        // Inter, elle …`: who invited.
        if (n >= 1 && ctx.is(n - 1, "par"))
            || (n >= 3 && ctx.is(n - 3, "par") && ctx.is(n - 2, "l"))
            || (n == s + 2 && ctx.is(n - 1, "de") && opening_phrase_word(ctx.key(s)))
        {
            continue;
        }
        if let Some((a, _)) = ctx.name_at(n) {
            if a.label == Label::PER {
                first = Some(a);
                break;
            }
            first.get_or_insert(a);
        }
    }
    // `La directrice générale de l'exploitant X, Verónica Soto, a promis « … »`: the
    // person in apposition after the organisation a role is of.
    if let Some(a) = first
        && a.label == Label::ORG
        && let Some((_, next)) = ctx.name_at(ctx.token_from(a.span.start))
        && ctx.punct(next, ',')
        && let Some((b, after)) = ctx.name_at(next + 1)
        && b.label == Label::PER
        && ctx.punct(after, ',')
        && after < i
    {
        first = Some(b);
    }
    // `En face, X a choisi … La sénatrice LR, soutenue par …, a dénoncé une « … »`: a
    // role and a party's acronym take up the person who opens the sentence before.
    if let Some(a) = first
        && a.label == Label::ORG
        && matches!(ctx.key(s), "le" | "la" | "l")
        && let n = after_article(ctx, s)
        && ctx.token_from(a.span.start) == n + 1
        && role_kind(ctx, n) == Some(Label::PER)
        && a.text(ctx.text).chars().count() <= 5
        && a.text(ctx.text)
            .chars()
            .all(|c| c.is_uppercase() || c == '-')
        && let Some((_, b)) = previous_sentence_subject(ctx, s)
        && b.label == Label::PER
        && may_be(
            ctx,
            b,
            article_gender(ctx.key(s)).or_else(|| role_gender(ctx.key(n))),
        )
    {
        return Some(named(ctx, b, verb));
    }
    // `La directrice de l'ARS recommande … « … »`: a person of the organisation, unnamed.
    if let Some(a) = first
        && a.label == Label::ORG
        && matches!(ctx.key(s), "le" | "la" | "l")
        && let n = after_article(ctx, s)
        && role_kind(ctx, n) == Some(Label::PER)
        && matches!(ctx.key(n + 1), "de" | "du" | "des" | "d")
        && (n + 2..=n + 4).contains(&ctx.token_from(a.span.start))
    {
        let span = ctx.tokens[s].start as usize..a.span.end;
        return Some(Speaker::unnamed(ctx, span, verb));
    }
    // (`La petite-fille de X ne cache pas sa colère : « … »`: a relation of the person.)
    if let Some(a) = first
        && let Some(s) = entourage_of(ctx, a, verb).or_else(|| relation_of(ctx, a, verb))
    {
        return Some(s);
    }
    // `Le maire de Rixheim a salué une « bonne nouvelle »`.
    // (`Son frère cadet, joint par téléphone, assure que l'officier « … »`: a person or a
    // body; not `Son bureau dit`, the body's own office.)
    // `Ses collègues saluent chez elle « … »`: someone's people, a group unnamed.
    if first.is_none()
        && matches!(ctx.key(s), "ses" | "leurs")
        && s + 1 < i
        && person_like(ctx, ctx.tokens[s].start as usize)
    {
        let end = plural_description_end(ctx, s + 1).min(i);
        let span = ctx.tokens[s].start as usize..ctx.tokens[end - 1].end as usize;
        return Some(Speaker::unnamed(ctx, span, verb));
    }
    let possessive = matches!(ctx.key(s), "son" | "sa" | "leur");
    if first.is_none() && (matches!(ctx.key(s), "le" | "la" | "l") || possessive) {
        let from = after_article(ctx, s);
        if from < i
            && (!possessive
                || matches!(role_kind(ctx, from), Some(Label::PER | Label::ORG))
                // (`Son entourage se voulait rassurant`; not `Son bureau dit`, the body's
                // own office.)
                || matches!(ctx.key(from), "entourage" | "proches" | "famille"))
            && let Some(speaker) = role_speaker(ctx, s, from, verb)
        {
            return Some(speaker);
        }
    }
    // `Dans son entourage, on préfère parler d'un « … »`: the people of the place (of
    // words enough to be speech); `Dans l'entourage de X, on le décrit « … »`, with a
    // name inside the place.
    if matches!(ctx.key(s), "dans" | "chez" | "du" | "aupres" | "au" | "a")
        && let Some(on) =
            (s + 2..(s + 12).min(i)).find(|&m| ctx.is(m, "on") && ctx.punct(m - 1, ','))
        && first.is_none_or(|a| a.span.end <= ctx.tokens[on].start as usize)
        && closing(ctx, i).is_some_and(|close| ctx.words_in(i, close) >= 4)
    {
        return Some(impersonal(ctx, on, verb));
    }
    let Some(a) = first else {
        // `Pour elle, « … »`, `Il se dit prêt : « … »`.
        // (Or right after an opening phrase: `Sous couvert d'anonymat, il …`.)
        let p = (s..(s + 3).min(i))
            .find(|&p| pronoun_gender(ctx.key(p)).is_some())
            .or_else(|| {
                placed
                    .map(|comma| comma + 1)
                    .filter(|&p| p < i && pronoun_gender(ctx.key(p)).is_some())
            })?;
        let Some(speaker) = personal_pronoun_speaker(ctx, p, pronoun_gender(ctx.key(p))) else {
            // `Selon lui, …` with no person named before: an unnamed source.
            return unnamed_antecedent(ctx, i, verb);
        };
        return Some(Speaker {
            verb: verb.to_owned(),
            ..speaker
        });
    };
    Some(named(ctx, a, verb))
}

/// The subject of a reporting verb earlier in the sentence of the quote at `i`: a name
/// right before the verb or its auxiliary (`X a dénoncé`, `Le maire, X, a dénoncé`;
/// `X, maire de Y, a dénoncé` is left alone), or `il`/`elle` (the last person named).
fn subject_before(ctx: &Ctx<'_>, i: usize) -> Option<Speaker> {
    let mut v = i;
    let limit = i.saturating_sub(30);
    while v > limit {
        v -= 1;
        let t = &ctx.tokens[v];
        if t.has(Token::PARAGRAPH_BEFORE) || ctx.punct(v, '.') || ctx.quote_mark(v) {
            return None;
        }
        // `a fait savoir que`, `fait valoir que`.
        let made = v >= 1
            && (matches!(ctx.key(v), "savoir" | "valoir" | "remarquer") && ctx.is(v - 1, "fait")
                || made_state(ctx, v));
        // `X, qui y voit « … »`: a view reported.
        // (`On y voit l'hémicycle vide`: what a picture shows.)
        let sees = v >= 2
            && matches!(ctx.key(v), "voit" | "voient")
            && ctx.is(v - 1, "y")
            && !ctx.is(v - 2, "on");
        if t.kind != TokenKind::Word || !(made || sees || speech_verb(ctx.key(v))) {
            continue;
        }
        // `les écoutes dites « … »`: only `s'est dite` reports words.
        if matches!(ctx.key(v), "dite" | "dites")
            && !(v >= 3
                && matches!(ctx.key(v - 1), "est" | "sont")
                && ctx.apostrophe(v - 2)
                && ctx.is(v - 3, "s"))
        {
            continue;
        }
        // `estime que l'annonce « … »`, `une annonce`: a noun, not a verb (not `il
        // l'annonce`, an object pronoun).
        let article = match ctx.key(v.saturating_sub(1)) {
            "le" | "la" | "les" | "un" | "une" | "des" | "du" | "cette" | "son" | "sa" | "ses"
            | "leur" | "leurs" => true,
            _ => {
                v >= 2
                    && ctx.apostrophe(v - 1)
                    && ctx.is(v - 2, "l")
                    && !matches!(
                        ctx.key(v.saturating_sub(3)),
                        "il" | "elle"
                            | "on"
                            | "ils"
                            | "elles"
                            | "qui"
                            | "ne"
                            | "n"
                            | "je"
                            | "nous"
                            | "vous"
                    )
            }
        };
        if article && v >= 1 {
            continue;
        }
        // `le volet le plus commenté`, `un projet très critiqué`: an adjective; `jugent
        // d'avance`: an adverb.
        if v >= 1 && matches!(ctx.key(v - 1), "plus" | "moins" | "tres" | "si" | "aussi")
            || (v >= 2 && ctx.apostrophe(v - 1) && ctx.is(v - 2, "d"))
        {
            continue;
        }
        // `l'entraîneur sera maintenu`: a passive, its subject says nothing (not `s'est
        // dit`).
        if v >= 1
            && matches!(
                ctx.key(v - 1),
                "sera" | "seront" | "serait" | "seraient" | "ete" | "etre"
            )
        {
            continue;
        }
        let from = if made || sees { v - 1 } else { v };
        let verb = ctx.text[ctx.tokens[from].start as usize..t.end as usize].to_owned();
        // `Le PS dénonce par la voix de José Carneiro « … »`: the voice speaks.
        if let Some(s) = voice_after(ctx, v + 1, i, &verb) {
            return Some(s);
        }
        let mut k = from;
        if k >= 1 && matches!(ctx.key(k - 1), "a" | "ont" | "avait" | "avaient") {
            k -= 1;
        } else if let Some(aux) = (from.saturating_sub(7)..from).rev().find(|&m| {
            // `a au contraire évoqué`, `a de son côté affirmé`: an adverb between the
            // auxiliary and the participle.
            matches!(ctx.key(m), "a" | "ont" | "avait" | "avaient")
                && (m + 1..from).all(|w| {
                    ADVERBIAL.contains(&ctx.key(w)) || ctx.punct(w, ',') || ctx.apostrophe(w)
                })
        }) {
            k = aux;
        }
        if k >= 3
            && matches!(ctx.key(k - 1), "est" | "sont" | "etait" | "etaient")
            && ctx.apostrophe(k - 2)
            && ctx.is(k - 3, "s")
        {
            // `elle s'est dite « dévastée »`.
            k -= 3;
        } else if k >= 2 && ctx.apostrophe(k - 1) && ctx.is(k - 2, "s") {
            k -= 2;
        } else if k >= 1 && ctx.is(k - 1, "se") {
            // `La SNCF se dit prête`.
            k -= 1;
        }
        // `les sous-traitants me disent`, `le maire nous a confié`: the person spoken to.
        // (`On nous explique que X « … »`: X's words, told by no one in particular.)
        let clitic = if k >= 2 && ctx.apostrophe(k - 1) && ctx.is(k - 2, "m") {
            2
        } else if k >= 1 && matches!(ctx.key(k - 1), "me" | "nous" | "vous" | "leur") {
            1
        } else {
            0
        };
        if clitic > 0 && k > clitic && !ctx.is(k - clitic - 1, "on") {
            k -= clitic;
        }
        // (`La préfecture … Dans un communiqué, elle évoque « … »`: with no person of
        // the pronoun's gender named before, the body opening the sentence before.)
        // `Ensemble, ils revendiquent l'opération comme « … »`: a group.
        if k >= 1
            && matches!(ctx.key(k - 1), "ils" | "elles")
            && let Some(s) = group_speaker(ctx, k - 1, &verb)
        {
            return Some(s);
        }
        if k >= 1 && matches!(ctx.key(k - 1), "il" | "elle") {
            let gender = pronoun_gender(ctx.key(k - 1));
            return personal_pronoun_speaker(ctx, k - 1, gender)
                .map(|s| Speaker {
                    verb: verb.clone(),
                    ..s
                })
                .or_else(|| unnamed_antecedent(ctx, i, &verb))
                .or_else(|| cataphora(ctx, k - 1, gender, &verb));
        }
        // `a précisé l'ambassade, qui assure que « … »`, `le syndicat Sud, qui dénonce
        // des « … »`: the antecedent of the relative pronoun.
        if k >= 2 && ctx.is(k - 1, "qui") && ctx.punct(k - 2, ',') {
            let comma = k - 2;
            // (`la préfecture de la Manche, qui rappelle`: the place completes a
            // description, which the article below gives.)
            let complement = |a: &Annotation| {
                let at = ctx.token_from(a.span.start);
                a.label == Label::LOC
                    || (at >= 1 && matches!(ctx.key(at - 1), "de" | "du" | "des" | "d"))
                    || (at >= 2
                        && matches!(ctx.key(at - 1), "la" | "le" | "l")
                        && matches!(ctx.key(at - 2), "de" | "d"))
            };
            if let Some(a) = ctx.name_before(comma) {
                // `X, secrétaire général de la CGT, qui dénonce`: the person in apposition.
                if let Some(p) = described_by_role(ctx, a) {
                    return Some(named(ctx, p, &verb));
                }
                if !complement(a) {
                    return Some(named(ctx, a, &verb));
                }
            }
            let article = (comma.saturating_sub(20)..comma).rev().find(|&m| {
                matches!(ctx.key(m), "le" | "la" | "l" | "les" | "un" | "une")
                    // (Not the article of a complement: `de la Manche`.)
                    && !(m >= 1 && matches!(ctx.key(m - 1), "de" | "d"))
                    && (m + 1..comma).all(|w| {
                        ctx.tokens[w].kind == TokenKind::Word
                            || ctx.apostrophe(w)
                            || ctx.punct(w, '-')
                    })
            });
            if let Some(s) = article.and_then(|m| speaker_at(ctx, m, &verb)) {
                return Some(s);
            }
        }
        // `Le Nouveau Parti démocratique (NPD) se dit`: an acronym in brackets.
        if k >= 1 && ctx.punct(k - 1, ')') {
            let open = (k.saturating_sub(8)..k - 1)
                .rev()
                .find(|&m| ctx.punct(m, '('));
            if let Some(open) = open {
                k = open;
            }
        }
        // `L'intersyndicale, qui réunit la CGT, SUD et FO, dénonce`, `Plusieurs groupes,
        // dont Airbus et ASML, avaient appelé`: the subject is before the relative clause.
        if k >= 1 && ctx.punct(k - 1, ',') {
            let relative = (k.saturating_sub(30)..k - 1)
                .rev()
                .take_while(|&m| !ctx.punct(m, '.') && !ctx.quote_mark(m))
                .find(|&m| matches!(ctx.key(m), "qui" | "dont") && m >= 1 && ctx.punct(m - 1, ','))
                // (Not `X, dont le directeur, Y, évoque`: the relative's own subject, a
                // person in apposition to a role.)
                .filter(|&m| {
                    let apposed = ctx.name_before(k - 1).filter(|a| a.label == Label::PER);
                    !(ctx.is(m, "dont")
                        && apposed.is_some_and(|a| {
                            let at = ctx.token_from(a.span.start);
                            at >= 1
                                && ctx.punct(at - 1, ',')
                                && (m + 1..at - 1).all(|w| {
                                    ctx.tokens[w].kind == TokenKind::Word || ctx.apostrophe(w)
                                })
                        }))
                });
            if let Some(relative) = relative {
                k = relative - 1;
            }
        }
        // `Le maire, Serge Aubertin, a dénoncé`: the comma closing an apposition.
        if k >= 1 && ctx.punct(k - 1, ',') {
            k -= 1;
            // `Le président de la commission, Eric Coquerel (LFI), a dénoncé`: the name
            // before the party in brackets.
            let bracket = (k >= 1 && ctx.punct(k - 1, ')'))
                .then(|| {
                    (k.saturating_sub(10)..k - 1)
                        .rev()
                        .find(|&m| ctx.punct(m, '('))
                })
                .flatten();
            // (`Un habitant, joint par l'AFP, raconte`: who asked is no subject.)
            // (`L'organisateur, Amaury Sport Organisation (ASO), revendique`: the body
            // before its acronym.)
            let acronym = || {
                ctx.name_before(k - 1).is_none_or(|b| {
                    b.label == Label::ORG && b.text(ctx.text).chars().all(|c| !c.is_lowercase())
                })
            };
            if let Some(a) = bracket
                .and_then(|open| ctx.name_before(open))
                .filter(|a| a.label == Label::PER || (a.label == Label::ORG && acronym()))
                .or_else(|| ctx.name_before(k).filter(|a| !after_par(ctx, a)))
            {
                if let Some(s) = relation_of(ctx, a, &verb) {
                    return Some(s);
                }
                // `Jean-Yves Mano, président de la CLCV, estime`: the person the role
                // describes, not the organisation in it.
                let a = described_by_role(ctx, a).unwrap_or(a);
                return Some(entourage_of(ctx, a, &verb).unwrap_or_else(|| named(ctx, a, &verb)));
            }
            // `Raúl González, l'entraîneur parisien, a salué`: the name before the
            // comma opening the apposition.
            let open = (k.saturating_sub(12)..k)
                .rev()
                .find(|&m| ctx.punct(m, ',') || ctx.punct(m, '.') || ctx.quote_mark(m));
            if let Some(open) = open
                && ctx.punct(open, ',')
            {
                // `La SNCF, par la voix d'un porte-parole, se dit`: the unnamed voice.
                if ctx.is(open + 1, "par")
                    && ctx.is(open + 2, "la")
                    && ctx.is(open + 3, "voix")
                    && ctx.is(open + 4, "d")
                    && ctx.apostrophe(open + 5)
                    && let Some(s) = speaker_at(ctx, open + 6, &verb)
                    && s.anonymous
                {
                    return Some(s);
                }
                if let Some(a) = ctx.name_before(open) {
                    // (`X, déléguée de la CFDT, premier syndicat de l'entreprise,
                    // reprend`: the person the role describes.)
                    if let Some(p) = described_by_role(ctx, a) {
                        return Some(named(ctx, p, &verb));
                    }
                    return Some(
                        relation_of(ctx, a, &verb)
                            .or_else(|| member_of(ctx, a, &verb))
                            .unwrap_or_else(|| named(ctx, a, &verb)),
                    );
                }
                // `un médecin d'une ONG, qui a requis l'anonymat, dénonce`.
                if let Some(s) = anonymous_subject(ctx, open, &verb) {
                    return Some(s);
                }
                // `La chancellerie, elle, assure`, `La société, contactée, indique`,
                // `Les élus, majoritairement favorables au projet, ont dénoncé`: an
                // apposition that names no one; the subject is before it.
                if open + 1 < k
                    && !ctx
                        .names_within(ctx.tokens[open].end as usize, ctx.tokens[k].start as usize)
                        .any(|a| a.label == Label::PER)
                {
                    k = open;
                }
            }
        }
        // `Une vidéo publiée sur TikTok affirme`, `Le communiqué du club précise`.
        if let Some(s) = document_subject(ctx, k, &verb) {
            return Some(s);
        }
        if let Some(a) = ctx.name_before(k) {
            // `La mère de Yanis confie`: someone else than Yanis.
            if let Some(s) = relation_of(ctx, a, &verb) {
                return Some(s);
            }
            // `La fédération départementale des Républicains a condamné`: the name is
            // the complement of the subject, not the subject.
            if let Some(s) = described_subject(ctx, k, &verb) {
                return Some(s);
            }
            // `La CPME et l'U2P ont dénoncé`, `la FSU, Solidaires et FO`: a group.
            if let Some(s) = coordinated(ctx, a, &verb) {
                return Some(s);
            }
            // `Sa productrice, X, des Films du Héron, qui …, estime`: X.
            if let Some(p) = described_by_role(ctx, a) {
                return Some(named(ctx, p, &verb));
            }
            return Some(member_of(ctx, a, &verb).unwrap_or_else(|| named(ctx, a, &verb)));
        }
        // `Ce dernier a salué`, `cette dernière dénonce`, `Celui-ci a appelé`: the last
        // person named.
        if k >= 2
            && matches!(ctx.key(k - 2), "ce" | "cette")
            && matches!(ctx.key(k - 1), "dernier" | "derniere")
        {
            let gender = article_gender(ctx.key(k - 2));
            return pronoun_speaker(ctx, k - 2, gender).map(|s| Speaker { verb, ..s });
        }
        if k >= 3
            && matches!(ctx.key(k - 3), "celui" | "celle")
            && ctx.punct(k - 2, '-')
            && ctx.is(k - 1, "ci")
        {
            let gender = if ctx.is(k - 3, "celle") {
                Gender::Feminine
            } else {
                Gender::Masculine
            };
            return pronoun_speaker(ctx, k - 3, Some(gender)).map(|s| Speaker { verb, ..s });
        }
        // `Son entourage évoque`, `ses proches assurent`: unnamed.
        if k >= 2
            && matches!(ctx.key(k - 2), "son" | "sa" | "ses" | "leur" | "leurs")
            && matches!(ctx.key(k - 1), "entourage" | "proches" | "opposition")
        {
            let span = ctx.tokens[k - 2].start as usize..ctx.tokens[k - 1].end as usize;
            return Some(Speaker::unnamed(ctx, span, &verb));
        }
        // `Chacun a assuré que`, `certains dénoncent`, `d'autres redoutent`: unnamed.
        let some = if k >= 3 && ctx.is(k - 3, "d") && ctx.apostrophe(k - 2) {
            (ctx.is(k - 1, "autres")).then_some(k - 3)
        } else {
            (k >= 1
                && matches!(
                    ctx.key(k - 1),
                    "chacun" | "chacune" | "certains" | "certaines" | "beaucoup" | "plusieurs"
                ))
            .then(|| k - 1)
        };
        if let Some(from) = some
            && (sentence_opens_at(ctx, from) || ctx.punct(from - 1, ':'))
        {
            let span = ctx.tokens[from].start as usize..ctx.tokens[k - 1].end as usize;
            return Some(Speaker::unnamed(ctx, span, &verb));
        }
        // `Dans l'entourage du ministre, on assure que « … »`.
        if k >= 1 && ctx.is(k - 1, "on") {
            return Some(impersonal(ctx, k - 1, &verb));
        }
        // `Un porte-parole de l'entreprise affirme`: the indefinite description, not the
        // article inside it.
        if let Some(s) = anonymous_subject(ctx, k, &verb) {
            return Some(s);
        }
        // `Le rectorat de l'académie de Nancy-Metz reconnaît`, `Le chef de groupe du PS au
        // parlement régional a accusé`: a description opening the clause, however long.
        if long_description(ctx, k)
            && let Some(s) = described_subject(ctx, k, &verb)
        {
            return Some(s);
        }
        // `L'opérateur assure que « … »`, `la jeune femme raconte que`, `les syndicats
        // dénoncent`.
        if let Some(article) = (k.saturating_sub(8)..k).find(|&m| {
            matches!(ctx.key(m), "le" | "la" | "l" | "les")
                && (m + 1..k).all(|w| {
                    let t = &ctx.tokens[w];
                    (t.kind == TokenKind::Word
                        && !STOP.contains(&ctx.key(w))
                        && (w > m + 2 || !t.is_capitalized()))
                        || ctx.apostrophe(w)
                        || ctx.punct(w, '-')
                })
        }) {
            // The subject, and whether it names anyone.
            let subject = ctx.tokens[article].start as usize..ctx.tokens[k - 1].end as usize;
            let unnamed = ctx
                .names_within(subject.start, subject.end)
                .next()
                .is_none();
            if ctx.is(article, "les") {
                if unnamed {
                    return Some(Speaker::unnamed(ctx, subject, &verb));
                }
                return anonymous_subject(ctx, k, &verb);
            }
            let from = after_article(ctx, article);
            // `l'association X, dont le président a salué « … »`: someone of the body
            // named before, not named.
            if from < k
                && article >= 1
                && ctx.is(article - 1, "dont")
                && unnamed
                && role_kind(ctx, from) == Some(Label::PER)
            {
                return Some(Speaker::unnamed(ctx, subject, &verb));
            }
            if from < k
                && let Some(s) = role_speaker(ctx, article, from, &verb)
            {
                return Some(s);
            }
            // `Le rectorat reconnaît`, `L'intersyndicale dénonce`: an institution the
            // article does not name.
            if from < k
                && unnamed
                && sentence_opens_at(ctx, article)
                && ctx.tokens[from].kind == TokenKind::Word
                && !ctx.tokens[from].is_capitalized()
            {
                return Some(Speaker::unnamed(ctx, subject, &verb));
            }
        }
        return anonymous_subject(ctx, k, &verb);
    }
    None
}

/// `par la voix de X` between a reporting verb and its quote (tokens `from..to`): the
/// person named, or the unnamed voice (`par la voix d'un porte-parole`).
fn voice_after(ctx: &Ctx<'_>, from: usize, to: usize, verb: &str) -> Option<Speaker> {
    let par = (from..to.min(from + 6)).find(|&m| {
        ctx.is(m, "par") && ctx.is(m + 1, "la") && ctx.is(m + 2, "voix") && ctx.is(m + 3, "de")
            || ctx.is(m, "par")
                && ctx.is(m + 1, "la")
                && ctx.is(m + 2, "voix")
                && ctx.is(m + 3, "d")
                && ctx.apostrophe(m + 4)
    })?;
    let at = if ctx.is(par + 3, "de") {
        par + 4
    } else {
        par + 5
    };
    if let Some((a, _)) = ctx.name_at(at)
        && a.label == Label::PER
    {
        return Some(named(ctx, a, verb));
    }
    // (`Anticor a dénoncé par la voix de son avocate`: its own voice, the subject speaks.)
    if matches!(ctx.key(at), "son" | "sa" | "leur") {
        return None;
    }
    speaker_at(ctx, at, verb).filter(|s| s.anonymous)
}

/// Past the adjectives (two at most) that follow a noun from token `n` on: `préfectoral`,
/// `final`, `militaire régionale`; not a verb (`rappelle`).
fn adjectives_after(ctx: &Ctx<'_>, n: usize) -> usize {
    let mut end = n;
    while end < n + 2
        && ctx.tokens.get(end).is_some_and(|t| {
            let key = ctx.key(end);
            t.kind == TokenKind::Word
                && !t.is_capitalized()
                && !speech_verb(key)
                && (["al", "ale", "el", "elle", "aire", "ique", "if", "ive"]
                    .iter()
                    .any(|e| key.len() > e.len() + 2 && key.ends_with(e))
                    // (A demonym second: `le directeur sportif castrais`, not `la
                    // capitaine lyonnaise`, someone known.)
                    || (end > n
                        && ["ais", "aise", "ois", "oise", "ain", "aine"]
                            .iter()
                            .any(|e| key.len() > e.len() + 2 && key.ends_with(e)))
                    // (`le frère aîné`.)
                    || matches!(key, "aine" | "ainee" | "cadet" | "cadette"))
        })
    {
        end += 1;
    }
    end
}

/// Whether the name `a` is who reached the speaker (`joint par l'AFP`, `interrogé par
/// Reuters`), not who speaks for a body (`représentée par X`).
fn after_par(ctx: &Ctx<'_>, a: &Annotation) -> bool {
    ctx.word_before(a).is_some_and(|p| {
        p >= 1
            && ctx.is(p, "par")
            && [
                "joint",
                "contacte",
                "interroge",
                "sollicite",
                "interviewe",
                "cite",
                "consulte",
            ]
            .iter()
            .any(|w| {
                ctx.key(p - 1)
                    .strip_prefix(w)
                    .is_some_and(|e| matches!(e, "" | "e" | "s" | "es"))
            })
    })
}

/// The person an apposition ending with the organisation or place `a` describes by their
/// role (`Jean-Yves Mano, président de la CLCV`, `X, permanent de la FGTB Luxembourg`):
/// a person named right before the comma that opens it, the role in lower case.
fn described_by_role<'a>(ctx: &Ctx<'a>, a: &Annotation) -> Option<&'a Annotation> {
    if a.label == Label::PER {
        return None;
    }
    let start = ctx.token_from(a.span.start);
    // (`X, fondateur d'une société de conseil de 12 salariés, Cyberdune,`: the
    // organisation in apposition to the role, the comma before it skipped.)
    let limit = if start >= 1 && ctx.punct(start - 1, ',') {
        start.saturating_sub(14)
    } else {
        start.saturating_sub(10)
    };
    let open = (limit..start)
        .rev()
        .take_while(|&m| {
            let t = &ctx.tokens[m];
            // (Other names within: `déléguée centrale CFDT chez Sorbiane`.)
            ctx.punct(m, ',')
                || ctx.apostrophe(m)
                || ctx.punct(m, '-')
                || t.kind == TokenKind::Word
                || t.kind == TokenKind::Number
        })
        .find(|&m| ctx.punct(m, ',') && m + 1 < start)?;
    (open + 1 < start
        && !speech_verb(ctx.key(open + 1))
        && ctx.tokens[open + 1].kind == TokenKind::Word
        && !ctx.tokens[open + 1].is_capitalized())
    .then(|| ctx.name_before(open))
    .flatten()
    .filter(|p| p.label == Label::PER)
}

/// A definite description opening the clause and ending right before token `k`, whose
/// complement names an organisation (`La fédération départementale des Républicains`,
/// `le président du Parlement jurassien`, `le rectorat de l'académie de Nancy-Metz`):
/// who the description names, not the organisation in it. `la direction de X` is X.
fn described_subject(ctx: &Ctx<'_>, k: usize, verb: &str) -> Option<Speaker> {
    let article = (k.saturating_sub(14)..k).find(|&m| {
        matches!(ctx.key(m), "le" | "la" | "l")
            && (sentence_opens_at(ctx, m) || (m >= 1 && matches!(ctx.key(m - 1), "que" | "qu")))
    })?;
    let from = after_article(ctx, article);
    if from >= k
        || ctx.tokens[from].kind != TokenKind::Word
        || ctx.tokens[from].is_capitalized()
        || ctx.name_at(from).is_some()
    {
        return None;
    }
    // Lower-case words up to a `de`, then the complement: words and names, no person.
    let mut complement = false;
    let mut n = from;
    while n < k {
        if let Some((a, next)) = ctx.name_at(n) {
            // (`de X`, `de la X`, `d'X`: not `l'agence de notation Moody's`, where the
            // name is the description's own.)
            let before = |p: usize, word: &str| p >= 1 && ctx.is(p - 1, word);
            let mut p = n - 1;
            if matches!(ctx.key(p), "la" | "le" | "les") || ctx.apostrophe(p) && before(p, "l") {
                p = p.saturating_sub(if ctx.apostrophe(p) { 2 } else { 1 });
            }
            let of =
                matches!(ctx.key(p), "de" | "du" | "des") || (ctx.apostrophe(p) && before(p, "d"));
            // (A person only after `le cabinet`, `l'entourage`: `le cabinet d'Elisabeth
            // Borne`.)
            let people_around = matches!(ctx.key(from), "cabinet" | "entourage" | "proches");
            if !of || (a.label == Label::PER && !people_around) || next > k {
                return None;
            }
            n = next;
            continue;
        }
        let t = &ctx.tokens[n];
        let key = ctx.key(n);
        if t.kind == TokenKind::Word {
            if speech_verb(key)
                || matches!(key, "qui" | "que" | "qu" | "dont" | "et" | "ou" | "mais")
                || (!complement && (t.is_capitalized() || STOP.contains(&key)))
            {
                return None;
            }
            complement |= matches!(key, "de" | "du" | "des" | "d");
        } else if !(ctx.apostrophe(n) || ctx.punct(n, '-')) {
            return None;
        }
        n += 1;
    }
    // `la direction d'Alstom`, `l'opposition du Parti populaire`: the organisation.
    if matches!(ctx.key(from), "direction" | "opposition")
        && let Some(a) = org_of(ctx, from + 1)
    {
        return Some(named(ctx, a, verb));
    }
    if ctx.is(from, "direction")
        && let Some(span) = unfound_name_of(ctx, from + 1)
    {
        return Some(Speaker::unlinked(ctx, span, verb));
    }
    if ctx.is(from, "ministere")
        && let Some(end) = ministry_end(ctx, from)
    {
        let span = ctx.tokens[from].start as usize..ctx.tokens[end - 1].end as usize;
        return Some(Speaker::unlinked(ctx, span, verb));
    }
    let kind = (from..(from + 3).min(k)).find_map(|n| role_kind(ctx, n));
    if ctx.is(from, "cabinet") {
        let span = ctx.tokens[article].start as usize..ctx.tokens[k - 1].end as usize;
        return Some(Speaker::unnamed(ctx, span, verb));
    }
    match kind {
        Some(Label::PER) => role_speaker(ctx, article, from, verb),
        // `le rapport de la Cour des comptes`: a thing, not who speaks.
        None if !body_noun(ctx.key(from)) => None,
        _ => {
            let span = ctx.tokens[article].start as usize..ctx.tokens[k - 1].end as usize;
            Some(Speaker::unnamed(ctx, span, verb))
        }
    }
}

/// Whether the clause ending before token `k` opens with a definite description of
/// someone or some body with its complement (`Le rectorat de l'académie de X`, `le chef
/// de groupe du PS`, `la société de production`), not of a thing (`le rapport de X`),
/// nor an organisation taken up with another word for it (`la direction de
/// l'entreprise`).
fn long_description(ctx: &Ctx<'_>, k: usize) -> bool {
    let Some(article) = (k.saturating_sub(14)..k).find(|&m| {
        matches!(ctx.key(m), "le" | "la" | "l")
            && (sentence_opens_at(ctx, m) || (m >= 1 && matches!(ctx.key(m - 1), "que" | "qu")))
    }) else {
        return false;
    };
    let head = after_article(ctx, article);
    let Some(of) = (head + 1..k).find(|&m| matches!(ctx.key(m), "de" | "du" | "des" | "d")) else {
        return false;
    };
    let body = role_kind(ctx, head).is_some() || body_noun(ctx.key(head));
    // The complement's head: `de l'entreprise`, `du groupe`.
    let mut c = of + 1;
    if ctx.apostrophe(c) {
        c += 1;
    } else if matches!(ctx.key(c), "la" | "le" | "l" | "les") {
        c += if ctx.apostrophe(c + 1) { 2 } else { 1 };
    }
    let anaphora = role_kind(ctx, head) == Some(Label::ORG) && glose_fr::org_role(ctx.key(c));
    body && !anaphora && !ctx.tokens[head].is_capitalized()
}

/// A noun heading the description of a body (`rectorat`, `conseil`, `fédération`).
fn body_noun(key: &str) -> bool {
    glose_fr::org_head(key) || glose_fr::org_role(key) || (key.len() > 5 && key.ends_with("at"))
}

/// Names joined by `et` (and commas) ending with `a`, opening the clause: `La CPME et
/// l'U2P`, `la FSU, Solidaires et FO`. Several speakers together are one unnamed group.
fn coordinated(ctx: &Ctx<'_>, a: &Annotation, verb: &str) -> Option<Speaker> {
    let mut n = ctx.token_from(a.span.start);
    let mut joined = false;
    // (At most ten names: the walk stays bounded.)
    for _ in 0..10 {
        // The article before the name: `la`, `le`, `les`, `l'`.
        if n >= 2 && ctx.apostrophe(n - 1) && ctx.is(n - 2, "l") {
            n -= 2;
        } else if n >= 1 && matches!(ctx.key(n - 1), "le" | "la" | "les") {
            n -= 1;
        }
        if n >= 1 && (ctx.is(n - 1, "et") || ctx.punct(n - 1, ',')) {
            // `Le SNUEP-FSU, premier syndicat du secteur, et la CGT`: the name before an
            // apposition.
            let apposed = || {
                let comma =
                    (n >= 2 && ctx.is(n - 1, "et") && ctx.punct(n - 2, ',')).then_some(n - 2)?;
                let open = (comma.saturating_sub(12)..comma)
                    .rev()
                    .take_while(|&m| !ctx.punct(m, '.') && !ctx.punct(m, '»') && !ctx.punct(m, '«'))
                    .find(|&m| ctx.punct(m, ','))?;
                ctx.name_before(open)
            };
            let Some(b) = ctx.name_before(n - 1).or_else(apposed) else {
                break;
            };
            if b.label != a.label && (b.label == Label::PER || a.label == Label::PER) {
                return None;
            }
            joined |= ctx.is(n - 1, "et");
            n = ctx.token_from(b.span.start);
        } else {
            break;
        }
    }
    if !joined || !sentence_opens_at(ctx, n) {
        return None;
    }
    Some(Speaker::unnamed(
        ctx,
        ctx.tokens[n].start as usize..a.span.end,
        verb,
    ))
}

/// `L'avocat de M. Lestrade, joint par téléphone, juge`, `La sœur de Nassim décrit`: a
/// relation of the person `a` named in its complement, opening the clause, is someone
/// else, unnamed.
fn relation_of(ctx: &Ctx<'_>, a: &Annotation, verb: &str) -> Option<Speaker> {
    let mut at = ctx.token_from(a.span.start);
    // (A title before the name: `M.`, `Mme`.)
    if at >= 2 && ctx.punct(at - 1, '.') && glose_fr::person_title(ctx.key(at - 2)) {
        at -= 2;
    } else if at >= 1 && glose_fr::person_title(ctx.key(at - 1)) {
        at -= 1;
    }
    let of = match at.checked_sub(1)? {
        p if matches!(ctx.key(p), "de" | "du") => p,
        p if p >= 1 && ctx.apostrophe(p) && ctx.is(p - 1, "d") => p - 1,
        _ => return None,
    };
    let mut noun = of.checked_sub(1)?;
    if !relation(ctx.key(noun)) {
        return None;
    }
    // (`la petite-fille de X`.)
    if noun >= 2 && ctx.punct(noun - 1, '-') {
        noun -= 2;
    }
    let article = match noun.checked_sub(1)? {
        p if p >= 1 && ctx.apostrophe(p) && ctx.is(p - 1, "l") => p - 1,
        p => p,
    };
    (matches!(ctx.key(article), "la" | "le" | "l" | "sa" | "son")
        && (sentence_opens_at(ctx, article) || after_opening_phrase(ctx, article)))
    .then(|| Speaker::unnamed(ctx, ctx.tokens[article].start as usize..a.span.end, verb))
}

/// `L'entourage du ministre, X,`, `le cabinet de la ministre, X,`: the person named `a`
/// in apposition to the people around them, who speak unnamed.
fn entourage_of(ctx: &Ctx<'_>, a: &Annotation, verb: &str) -> Option<Speaker> {
    if a.label != Label::PER {
        return None;
    }
    let start = ctx.token_from(a.span.start);
    let comma = start.checked_sub(1).filter(|&c| ctx.punct(c, ','))?;
    let article = (comma.saturating_sub(14)..comma).find(|&m| {
        matches!(ctx.key(m), "le" | "l" | "les" | "son" | "ses")
            && sentence_opens_at(ctx, m)
            && matches!(
                ctx.key(after_article(ctx, m)),
                "entourage" | "cabinet" | "proches"
            )
    })?;
    // (Words and names of no person up to the comma.)
    let plain = (after_article(ctx, article)..comma)
        .all(|m| ctx.tokens[m].kind == TokenKind::Word || ctx.apostrophe(m) || ctx.punct(m, '-'))
        && !ctx
            .names_within(
                ctx.tokens[article].start as usize,
                ctx.tokens[comma].start as usize,
            )
            .any(|b| b.label == Label::PER);
    plain.then(|| {
        Speaker::unnamed(
            ctx,
            ctx.tokens[article].start as usize..ctx.tokens[comma - 1].end as usize,
            verb,
        )
    })
}

/// `Un responsable de l'AFC`, `une source au sein de X`: an unnamed member of the
/// organisation `a` names, described up to the name.
fn member_of(ctx: &Ctx<'_>, a: &Annotation, verb: &str) -> Option<Speaker> {
    if a.label != Label::ORG {
        return None;
    }
    let start = ctx.token_from(a.span.start);
    let from = (start.saturating_sub(8)..start).find(|&j| {
        matches!(ctx.key(j), "un" | "une" | "plusieurs")
            && (j + 1..start).all(|m| {
                let t = &ctx.tokens[m];
                (t.kind == TokenKind::Word && !t.is_capitalized() && !speech_verb(ctx.key(m)))
                    || ctx.apostrophe(m)
                    || ctx.punct(m, '-')
            })
    })?;
    Some(Speaker::unnamed(
        ctx,
        ctx.tokens[from].start as usize..a.span.end,
        verb,
    ))
}

/// `on` as the speaker (`on assure que`, `a-t-on indiqué`): an unnamed source, described
/// by the place the sentence opens with (`Dans l'entourage du ministre, on …`: the
/// entourage; `A Bercy, on …`: Bercy when it is a name), else `on`.
fn impersonal(ctx: &Ctx<'_>, on: usize, verb: &str) -> Speaker {
    // `fait-on valoir chez Arvelis`, `explique-t-on chez X`: the organisation where it is
    // said.
    if let Some(chez) = (on + 1..on + 3).find(|&m| ctx.is(m, "chez"))
        && let Some((a, _)) = ctx.name_at(chez + 1)
        && a.label == Label::ORG
    {
        // (By the fuller name given before: `Arvelis` for `Arvelis Capital`.)
        let short = a.text(ctx.text);
        let full = ctx
            .orgs_before(a.span.start)
            .find(|o| {
                o.text(ctx.text)
                    .strip_prefix(short)
                    .is_some_and(|rest| rest.starts_with(' '))
            })
            .unwrap_or(a);
        return named(ctx, full, verb);
    }
    // `remonté jusqu'à Bercy, où l'on dit suivre …`: the place that `où` takes up, by its
    // name.
    if on >= 4
        && ctx.apostrophe(on - 1)
        && ctx.is(on - 2, "l")
        && ctx.is(on - 3, "ou")
        && ctx.punct(on - 4, ',')
        && let Some(a) = ctx.name_before(on - 4)
        && matches!(a.label, Label::ORG | Label::LOC)
    {
        return named(ctx, a, verb);
    }
    let mut s = on;
    while s > 0 && on - s < 30 {
        let p = s - 1;
        if ctx.punct(p, '.') || ctx.quote_mark(p) || ctx.punct(p, '?') || ctx.punct(p, '!') {
            break;
        }
        if ctx.tokens[s].has(Token::PARAGRAPH_BEFORE) {
            break;
        }
        s = p;
    }
    let comma = (s..on).find(|&m| ctx.punct(m, ','));
    if let Some(comma) = comma
        && matches!(ctx.key(s), "dans" | "chez" | "au" | "a" | "du" | "aupres")
    {
        let mut from = s + 1;
        if ctx.is(s, "du") && ctx.is(from, "cote") {
            from += 1;
            if ctx.is(from, "d") && ctx.apostrophe(from + 1) {
                from += 2;
            } else if matches!(ctx.key(from), "de" | "du" | "des") {
                from += 1;
            }
        }
        if from < comma {
            // `Du côté de l'Assemblée des départements de France, on`, `À la CSC, on`:
            // a body by its name speaks; `Du côté de la direction, on` is unnamed.
            let named_from = skip_article(ctx, from);
            if let Some((a, next)) = ctx.name_at(named_from)
                && (next == comma || (named_from > from && a.label == Label::ORG))
            {
                return named(ctx, a, verb);
            }
            // `À la librairie Mollat, on`: an organisation after the noun of its trade.
            if let Some(a) = ctx.name_before(comma)
                && a.label == Label::ORG
                && ctx.token_from(a.span.start) == named_from + 1
                && ctx.tokens[named_from].kind == TokenKind::Word
                && !ctx.tokens[named_from].is_capitalized()
            {
                return named(ctx, a, verb);
            }
            let span = ctx.tokens[from].start as usize..ctx.tokens[comma - 1].end as usize;
            // (`Du côté d'Orvalis, on`, `À la Chancellerie, on`: a name no tagger found.)
            if named_from < comma
                && (named_from..comma).all(|m| ctx.tokens[m].is_capitalized() || ctx.punct(m, '-'))
            {
                let name = ctx.tokens[named_from].start as usize..span.end;
                return Speaker::unlinked(ctx, name, verb);
            }
            return Speaker::unnamed(ctx, span, verb);
        }
    }
    // `Dans l'entourage du ministre, on renvoie à … « … », y promet-on`: the `on` of
    // the sentence before the quote says who.
    // (Unnamed only: `À Matignon, on …` is taken up by `explique-t-on dans l'entourage
    // de …`, not by the place.)
    if on >= 1 && ctx.punct(on - 1, '-') {
        let open = (on.saturating_sub(80)..on)
            .rev()
            .find(|&m| ctx.punct(m, '«'));
        if let Some(earlier) = open.and_then(|open| {
            (open.saturating_sub(40)..open)
                .rev()
                .take_while(|&m| !ctx.quote_mark(m))
                .find(|&m| ctx.is(m, "on") && m >= 1 && ctx.punct(m - 1, ','))
        }) {
            let s = impersonal(ctx, earlier, verb);
            if s.anonymous && s.text != "on" {
                return s;
            }
        }
    }
    let span = ctx.tokens[on].start as usize..ctx.tokens[on].end as usize;
    Speaker::unnamed(ctx, span, verb)
}

/// An unnamed source as the subject ending right before token `k`: `un conseiller de
/// l'exécutif admet`, `une source proche du dossier a confié`.
fn anonymous_subject(ctx: &Ctx<'_>, k: usize, verb: &str) -> Option<Speaker> {
    let from = (k.saturating_sub(12)..k).find(|&j| {
        // (`des` only opening a sentence: `Des témoins ont rapporté`, not `a
        // annoncé des mesures qui`.)
        // (`D'anciens salariés`, `De nombreux habitants` opening a sentence.)
        let plural = sentence_opens_at(ctx, j)
            && (ctx.is(j, "des")
                || (ctx.is(j, "d")
                    && ctx.apostrophe(j + 1)
                    && matches!(ctx.key(j + 2), "anciens" | "anciennes" | "autres"))
                || (ctx.is(j, "de") && matches!(ctx.key(j + 1), "nombreux" | "nombreuses")));
        if !(matches!(ctx.key(j), "un" | "une" | "plusieurs") || plural)
            || ctx.is(j + 1, "peu")
            || (j >= 1 && matches!(ctx.key(j - 1), "sa" | "la" | "leur" | "ma" | "ta"))
            || !ctx.tokens.get(j + 1).is_some_and(|t| {
                (t.kind == TokenKind::Word && !t.is_capitalized())
                    || (ctx.is(j, "d") && ctx.apostrophe(j + 1))
            })
        {
            return false;
        }
        // Lower-case words; after `de` (`un cadre de la compagnie Basra Oil Company
        // (BOC)`) names and brackets too.
        let mut complement = false;
        (j + 1..k).all(|m| {
            let t = &ctx.tokens[m];
            let key = ctx.key(m);
            if t.kind == TokenKind::Word {
                complement |= matches!(key, "de" | "du" | "des" | "d");
                // (`une source au sein de la direction`.)
                // (`un adjoint aux finances`.)
                let within = key == "au" && ctx.is(m + 1, "sein") || key == "aux";
                (!t.is_capitalized() || complement)
                    && (!STOP.contains(&key) || within)
                    && !speech_verb(key)
            } else {
                ctx.apostrophe(m)
                    || ctx.punct(m, '-')
                    || (complement && (ctx.punct(m, '(') || ctx.punct(m, ')')))
            }
        })
    })?;
    if k < from + 2 {
        return None;
    }
    let span = ctx.tokens[from].start as usize..ctx.tokens[k - 1].end as usize;
    // Someone, not something (`un communiqué`, `une perspective`).
    if !person_like(ctx, span.start) {
        return None;
    }
    Some(Speaker::unnamed(ctx, span, verb))
}

/// `sous le couvert de l'anonymat` in the attribution after the quote.
fn anonymity_mentioned(ctx: &Ctx<'_>, j: usize) -> bool {
    (j..(j + 16).min(ctx.tokens.len()))
        .take_while(|&k| !ctx.punct(k, '.') && !ctx.punct(k, '«'))
        .any(|k| ctx.is(k, "anonymat"))
}

#[cfg(test)]
mod tests;
