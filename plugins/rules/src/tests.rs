use glose_sdk::testing::tag_text;

use super::*;

fn rules(text: &str) -> (RulesTagger, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rules.toml");
    std::fs::write(&file, text).unwrap();
    let (tagger, problems) = RulesTagger::load(vec![file]);
    // Keep the folder alive for reload tests by leaking it: tests are short.
    std::mem::forget(dir);
    (
        tagger,
        problems
            .iter()
            .map(|p| {
                p.to_string()
                    .rsplit_once("rules.toml")
                    .map_or(p.to_string(), |(_, rest)| rest.to_owned())
            })
            .collect(),
    )
}

fn found<'a>(tagger: &RulesTagger, text: &'a str) -> Vec<(&'a str, &'static str)> {
    tag_text(tagger, text)
        .annotations
        .iter()
        .map(|a| (&text[a.span.range()], a.label.as_str()))
        .collect()
}

const RULES: &str = r#"
[[phrases]]
label = "WEAPON"
names = ["kalachnikov", "AK-47", "lance-roquettes"]
attrs = { kind = "arme légère" }

[[pattern]]
label = "TOLL"
regex = '(?P<n>\d+) (?:morts|tués)'
group = "n"
context = ["bilan"]
window = 30
confidence = 0.8
"#;

#[test]
fn phrases_and_patterns() {
    let (tagger, problems) = rules(RULES);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(
        tagger.provides(),
        [Label::new("TOLL"), Label::new("WEAPON")]
    );
    let text = "Des Kalachnikov et un lance roquettes saisis. Le bilan : 12 morts. Plus loin dans la vallée, 3 tués.";
    assert_eq!(
        found(&tagger, text),
        [
            ("Kalachnikov", "WEAPON"),
            ("lance roquettes", "WEAPON"),
            ("12", "TOLL")
        ]
    );
    let out = tag_text(&tagger, text);
    assert_eq!(out.annotations[0].attrs["kind"], "arme légère");
    assert_eq!(out.annotations[2].confidence, 0.8);
}

#[test]
fn errors_point_to_file_line_and_column() {
    let (tagger, problems) = rules(
        r#"[[pattern]]
label = "TOLL"
regex = '(\d+'

[[pattern]]
label = "toll"
regex = 'x'

[[pattern]]
label = "X"
regex = 'a(b)'
group = 2

[[phrases]]
label = "W"
names = ["ok", "- -"]
"#,
    );
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0].starts_with(":3:9: error[rules]: invalid regex: "),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].starts_with(":6:9: error[rules]: invalid label \"toll\""),
        "{}",
        problems[1]
    );
    assert_eq!(problems[2], ":12:9: error[rules]: the regex has no group 2");
    assert_eq!(
        problems[3],
        ":16:16: error[rules]: name \"- -\" does not begin with a letter or a digit"
    );
    // What is valid still loads.
    assert_eq!(found(&tagger, "ok"), [("ok", "W")]);
}

#[test]
fn a_huge_regex_is_refused() {
    let (_, problems) = rules("[[pattern]]\nlabel = \"X\"\nregex = '\\w{1000}\\w{1000}'\n");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("invalid regex"), "{}", problems[0]);
}

#[test]
fn syntax_errors() {
    let (_, problems) = rules("[[phrases\n");
    assert!(problems[0].starts_with(":1:"), "{}", problems[0]);
}

#[test]
fn unknown_keys_are_warnings_and_the_rest_loads() {
    let text = "[[phrases]]\nlabel = \"WEAPON\"\nname = [\"kalachnikov\"]\nnames = [\"lance-roquettes\"]\n\
                attrs = { anything = \"goes\" }\n\n\
                [[pattern]]\nlabel = \"TOLL\"\nregex = '(\\d+) morts'\n  gruop = 1\nconfidense = 0.5\n\n\
                [[patterns]]\nlabel = \"X\"\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rules.toml");
    std::fs::write(&file, text).unwrap();
    let (tagger, problems) = RulesTagger::load(vec![file]);
    let shown: Vec<(u32, u32, &str, Severity, &str)> = problems
        .iter()
        .map(|p| {
            let place = p.place.unwrap();
            (
                place.line,
                place.column,
                &text[place.span.unwrap().range()],
                p.severity,
                p.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                3,
                1,
                "name",
                Severity::Warning,
                "unknown key `name` in [[phrases]]; did you mean `names`?"
            ),
            (
                10,
                3,
                "gruop",
                Severity::Warning,
                "unknown key `gruop` in [[pattern]]; did you mean `group`?"
            ),
            (
                11,
                1,
                "confidense",
                Severity::Warning,
                "unknown key `confidense` in [[pattern]]; did you mean `confidence`?"
            ),
            (
                13,
                3,
                "patterns",
                Severity::Warning,
                "unknown key `patterns` at the top level; did you mean `pattern`?"
            ),
        ]
    );
    assert!(problems.iter().all(|p| p.code == "rules"));
    // Both rules load with their other keys: the whole match (no group), confidence 1.
    let text = "Un lance-roquettes et une kalachnikov ; 4 morts.";
    assert_eq!(
        found(&tagger, text),
        [("lance-roquettes", "WEAPON"), ("4 morts", "TOLL")]
    );
    let out = tag_text(&tagger, text);
    assert_eq!(out.annotations[0].attrs["anything"], "goes");
    assert_eq!(out.annotations[1].confidence, 1.0);
}

#[test]
fn reload_replaces_rules_or_keeps_them_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    glose_core::testing::write_files(
        dir.path(),
        &[(
            "r.toml",
            "[[phrases]]\nlabel = \"W\"\nnames = [\"kalachnikov\"]\n",
        )],
    );
    let (tagger, problems) = RulesTagger::load(vec![dir.path().to_owned()]);
    assert!(problems.is_empty());
    assert_eq!(found(&tagger, "un kalachnikov").len(), 1);

    std::fs::write(
        &file,
        "[[phrases]]\nlabel = \"ARM\"\nnames = [\"mortier\"]\n",
    )
    .unwrap();
    assert!(tagger.reload().is_empty());
    assert_eq!(
        found(&tagger, "un kalachnikov, un mortier"),
        [("mortier", "ARM")]
    );
    assert_eq!(tagger.provides(), [Label::new("ARM")]);

    std::fs::write(&file, "[[phrases]]\nlabel = \"bad\"\nnames = [\"obus\"]\n").unwrap();
    let problems = tagger.reload();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .contains("r.toml:2:9: error[rules]: invalid label"),
        "{}",
        problems[0]
    );
    assert_eq!(found(&tagger, "un mortier, un obus"), [("mortier", "ARM")]);
}

#[test]
fn the_date_marker_is_not_tagged() {
    let (tagger, _) = rules("[[pattern]]\nlabel = \"YEAR\"\nregex = '\\d{4}'\n");
    let out = tag_text(&tagger, " date 2019-03 En 2018.");
    let spans: Vec<_> = out
        .annotations
        .iter()
        .map(|a| (a.span.start, a.span.end))
        .collect();
    assert_eq!(spans, [(17, 21)]);
}
