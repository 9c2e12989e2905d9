use glose_sdk::testing::tag_text;

use super::*;

/// `(text, value)` of every date in `text`.
fn dates(text: &str) -> Vec<(String, String)> {
    tag_text(&Dates, text)
        .annotations
        .iter()
        .map(|a| {
            let value = a.attrs.get("value").map_or("-".to_owned(), |v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            (text[a.span.range()].to_owned(), value)
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn full_dates_months_and_years() {
    assert_eq!(
        dates(
            "Le 21 février 2019, puis en janvier 2015 et en 2014. Le 1er juin 2020 aussi, et le 21/02/2019."
        ),
        pairs(&[
            ("21 février 2019", "2019-02-21"),
            ("janvier 2015", "2015-01"),
            ("2014", "2014"),
            ("1er juin 2020", "2020-06-01"),
            ("21/02/2019", "2019-02-21"),
        ])
    );
}

#[test]
fn weekdays_with_parts_of_the_day() {
    assert_eq!(
        dates(
            " date 2019-03 Il a indiqué mercredi puis mardi soir, et jeudi après-midi. Vendredi 15 mars, rien."
        ),
        pairs(&[
            ("mercredi", "2019-03"),
            ("mardi soir", "2019-03"),
            ("jeudi après-midi", "2019-03"),
            ("Vendredi 15 mars", "2019-03-15"),
        ])
    );
    let out = tag_text(&Dates, "mercredi");
    assert_eq!(out.annotations[0].attrs["weekday"], "wednesday");
    assert_eq!(out.annotations[0].attrs["precision"], "weekday");
}

#[test]
fn months_without_a_year_are_resolved_against_the_article_date() {
    let out = tag_text(
        &Dates,
        " date 2019-03 En juin, puis en décembre, et le 12 avril.",
    );
    let values: Vec<&Value> = out.annotations.iter().map(|a| &a.attrs["value"]).collect();
    assert_eq!(values, ["2018-06", "2018-12", "2018-04-12"]);
    assert!(out.annotations.iter().all(|a| a.attrs["resolved"] == true));
    let out = tag_text(&Dates, " date 2019-08 En juin.");
    assert_eq!(out.annotations[0].attrs["value"], "2019-06");
    // Without a date marker, no year is made up.
    assert_eq!(dates("En juin."), pairs(&[("juin", "-")]));
}

#[test]
fn seasons_ranges_and_mid_month() {
    assert_eq!(
        dates("Depuis l'été 2017, de 2014-2017, et à la mi-mars."),
        pairs(&[
            ("été 2017", "2017"),
            ("2014-2017", r#"["2014","2017"]"#),
            ("mi-mars", "-")
        ])
    );
}

#[test]
fn not_dates() {
    assert_eq!(
        dates("hier, aujourd'hui, 24 heures, 3.000 personnes, 12,2014 et 1850 ou 2150."),
        pairs(&[])
    );
    assert_eq!(dates("Le rover a exploré Mars en silence."), pairs(&[]));
    assert_eq!(dates(" date 2019-03 Rien ici."), pairs(&[]));
}
