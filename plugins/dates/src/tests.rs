use super::*;

/// The fixtures of `tests/fixtures`: texts with the dates the tagger must find written
/// inline (see `glose_sdk::testing::check_fixtures`).
#[test]
fn fixtures() {
    glose_sdk::testing::check_fixtures(&Dates, "tests/fixtures");
}
