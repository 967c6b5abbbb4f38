//! `gongwen serve`: the edition edited in a browser; prints the address to open on a line of
//! its own (standard output), then serves until the process ends.

use std::path::Path;

use gongwen::build::Options;
use gongwen::diag::Diagnostic;
use gongwen::i18n::serve as msg;

pub fn run(edition: &Path, port: u16, open: bool, options: &Options) -> Result<(), Vec<Diagnostic>> {
    gongwen::serve::serve(edition, port, options, |url| {
        super::tell(format_args!("{}", msg::serving(edition.display(), "Ctrl+C")));
        super::say(format_args!("{url}"));
        super::flush();
        if open {
            super::tell(format_args!("{}", msg::opening_browser()));
            open_browser(url);
        }
    })
    .map_err(|d| d.0)
}

/// Asks the desktop to open `url` in the default browser; nothing happens where there is none.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
