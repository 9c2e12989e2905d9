//! Numbers written in digits or in French words.

use glose_core::text::Token;

/// An amount: a value, or a range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Amount {
    pub low: f64,
    pub high: f64,
}

impl Amount {
    pub fn exact(value: f64) -> Self {
        Amount {
            low: value,
            high: value,
        }
    }

    pub fn is_range(&self) -> bool {
        self.low != self.high
    }
}

/// The value of a number word: `deux` → 2, `vingt` → 20, `cent` → 100, `mille` →
/// 1000. `un`/`une` are left out: they are articles far more often than numbers.
pub fn number_word(key: &str) -> Option<f64> {
    Some(match key {
        "deux" => 2.0,
        "trois" => 3.0,
        "quatre" => 4.0,
        "cinq" => 5.0,
        "six" => 6.0,
        "sept" => 7.0,
        "huit" => 8.0,
        "neuf" => 9.0,
        "dix" => 10.0,
        "onze" => 11.0,
        "douze" => 12.0,
        "treize" => 13.0,
        "quatorze" => 14.0,
        "quinze" => 15.0,
        "seize" => 16.0,
        "vingt" | "vingts" => 20.0,
        "trente" => 30.0,
        "quarante" => 40.0,
        "cinquante" => 50.0,
        "soixante" => 60.0,
        "cent" | "cents" => 100.0,
        "mille" => 1000.0,
        _ => return None,
    })
}

/// Collective nouns of approximate amounts: `dizaine` → 10, `centaine` → 100,
/// `milliers` → 1000, `millions` → 1e6.
pub fn collective(key: &str) -> Option<f64> {
    Some(match key {
        "dizaine" | "dizaines" => 10.0,
        "douzaine" | "douzaines" => 12.0,
        "quinzaine" | "quinzaines" => 15.0,
        "vingtaine" | "vingtaines" => 20.0,
        "trentaine" | "trentaines" => 30.0,
        "quarantaine" => 40.0,
        "cinquantaine" | "cinquantaines" => 50.0,
        "soixantaine" => 60.0,
        "centaine" | "centaines" => 100.0,
        "millier" | "milliers" => 1000.0,
        "million" | "millions" => 1e6,
        "milliard" | "milliards" => 1e9,
        _ => return None,
    })
}

/// Reads a number written in digits starting at token `i`: `58.000`, `20 000` (with a
/// space or a no-break space between groups of three), `2,4`, `1500`. Returns the value
/// and the index of the token after it.
pub fn parse_digits(text: &str, tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let first = tokens.get(i).filter(|t| t.is_number())?;
    let mut digits = first.text(text).to_owned();
    let mut j = i + 1;
    // Groups of three digits: `58.000`, `1'000` (a separator, no spaces) or `20 000`
    // (one space or no-break space).
    if digits.len() <= 3 {
        let is_group = |t: &Token| t.is_number() && t.end - t.start == 3;
        loop {
            let prev = &tokens[j - 1];
            if let (Some(sep), Some(group)) = (tokens.get(j), tokens.get(j + 1))
                && matches!(sep.text(text), "." | "'" | "’")
                && sep.is_attached()
                && group.is_attached()
                && is_group(group)
            {
                digits.push_str(group.text(text));
                j += 2;
                continue;
            }
            if let Some(group) = tokens.get(j)
                && is_group(group)
                && one_space(&text[prev.end as usize..group.start as usize])
            {
                digits.push_str(group.text(text));
                j += 1;
                continue;
            }
            break;
        }
    }
    let mut value: f64 = digits.parse().ok()?;
    // A decimal part: `2,4`.
    if let (Some(comma), Some(decimals)) = (tokens.get(j), tokens.get(j + 1))
        && comma.is_punct(text, ',')
        && comma.is_attached()
        && decimals.is_number()
        && decimals.is_attached()
    {
        let fraction: f64 = format!("0.{}", decimals.text(text)).parse().ok()?;
        value += fraction;
        j += 2;
    }
    Some((value, j))
}

/// Exactly one space, no-break space or thin space.
fn one_space(gap: &str) -> bool {
    let mut chars = gap.chars();
    chars
        .next()
        .is_some_and(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use glose_core::text::tokenize;

    use super::*;

    fn digits(text: &str) -> Option<(f64, usize)> {
        parse_digits(text, &tokenize(text), 0)
    }

    #[test]
    fn numbers_in_digits() {
        assert_eq!(digits("58.000 personnes"), Some((58000.0, 3)));
        assert_eq!(digits("20 000 civils"), Some((20000.0, 2)));
        assert_eq!(digits("12\u{a0}000 réfugiés"), Some((12000.0, 2)));
        assert_eq!(digits("2,4 millions"), Some((2.4, 3)));
        assert_eq!(digits("1500 personnes"), Some((1500.0, 1)));
        assert_eq!(digits("400, 500"), Some((400.0, 1)));
        assert_eq!(digits("2014. 300"), Some((2014.0, 1)));
        assert_eq!(digits("personnes"), None);
    }

    #[test]
    fn words() {
        assert_eq!(number_word("quatre"), Some(4.0));
        assert_eq!(number_word("un"), None);
        assert_eq!(collective("trentaine"), Some(30.0));
    }
}
