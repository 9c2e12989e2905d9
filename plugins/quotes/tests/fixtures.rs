//! The fixtures of `tests/fixtures`: texts with the quotes the tagger must find written
//! inline, and the names it reads given as `{{…}}` (see
//! `glose_sdk::testing::check_fixtures`).

#[test]
fn fixtures() {
    glose_sdk::testing::check_fixtures(&glose_quotes::Quotes, "tests/fixtures");
}
