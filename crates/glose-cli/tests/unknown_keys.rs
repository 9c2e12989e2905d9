//! A misspelt key in a KB file, a rule file or `glose.toml` is a warning at its line and
//! column, with the key it was probably meant to be; the rest loads and is used.

mod common;

use common::{assert_success, glose_in, stderr, stdout};

const ARTICLE: &str =
    "Karim Haddad, le maire de Port-Lumen, a visité la serre hydroponique lundi.\n";

/// A corpus whose three kinds of file each have a misspelt key.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(
        d.join("glose.toml"),
        "verbose = true\n\
         [kb]\npaths = [\"kb\"]\nbultin = false\n\
         [rules]\npaths = [\"rules\"]\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("kb")).unwrap();
    std::fs::write(
        d.join("kb/people.toml"),
        "[[entity]]\nid = \"karim-haddad\"\ntype = \"PER\"\nname = \"Karim Haddad\"\n\
         alias = [\"K. Haddad\"]\ndescription = \"Maire de Port-Lumen.\"\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("rules")).unwrap();
    std::fs::write(
        d.join("rules/farming.toml"),
        "[[phrases]]\nlabel = \"FARM\"\nnames = [\"serre hydroponique\"]\nconfidance = 0.9\n",
    )
    .unwrap();
    dir
}

#[test]
fn check_warns_at_each_unknown_key_and_still_uses_the_files() {
    let dir = corpus();
    let out = glose_in(dir.path(), &["check", "--min-severity", "warning"]);
    assert_success(&out);
    let text = stdout(&out);
    for expected in [
        "glose.toml:1:1: warning[config]: unknown key `verbose` at the top level",
        "glose.toml:4:1: warning[config]: unknown key `bultin` in [kb]; did you mean `builtin`?",
        "kb/people.toml:5:1: warning[kb]: unknown key `alias` in [[entity]] `karim-haddad`; \
         did you mean `aliases`?",
        "rules/farming.toml:4:1: warning[rules]: unknown key `confidance` in [[phrases]]; \
         did you mean `confidence`?",
    ] {
        assert!(
            text.lines().any(|l| l.ends_with(expected)),
            "{expected}\nnot in:\n{text}"
        );
    }
    assert!(!text.contains("error["), "{text}");

    // The entity (without its misspelt aliases) and the rule are used.
    let out = glose_in(dir.path(), &["annotate", "a.txt"]);
    assert_success(&out);
    let json = stdout(&out);
    assert!(
        json.contains("\"text\":\"Karim Haddad\"") && json.contains("\"entity\":\"karim-haddad\""),
        "{json}"
    );
    assert!(
        json.contains("\"text\":\"serre hydroponique\"") && json.contains("\"label\":\"FARM\""),
        "{json}"
    );
    // The misspelt key of glose.toml is not fatal, and is said on standard error.
    assert!(
        stderr(&out).contains("warning[config]: unknown key `verbose`"),
        "{}",
        stderr(&out)
    );
}
