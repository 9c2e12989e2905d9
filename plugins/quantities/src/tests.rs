use super::*;

/// The fixtures of `tests/fixtures`: texts with the quantities the tagger must find
/// written inline (see `glose_sdk::testing::check_fixtures`).
#[test]
fn fixtures() {
    glose_sdk::testing::check_fixtures(&Quantities, "tests/fixtures");
}
