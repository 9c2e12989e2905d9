//! The progress bar of the commands that go through a corpus (`annotate`, `report`).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar over `files` files on standard error: shown only when standard error is a
/// terminal, the run is long enough to need it (50 files or more) and the output does not
/// go to the same terminal (`output_on_terminal`); hidden otherwise.
pub(crate) fn files(files: usize, output_on_terminal: bool) -> ProgressBar {
    if std::io::stderr().is_terminal() && files >= 50 && !output_on_terminal {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    }
}
