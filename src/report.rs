//! Showing diagnostics to a person: each with a snippet of the file it points at, the way
//! Typst's own command line does (codespan-reporting), coloured on a terminal.

use std::io::IsTerminal;

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

use crate::diag::{Diagnostic, Severity};

/// Prints diagnostics to standard error.
pub fn eprint(diagnostics: &[Diagnostic]) {
    let choice = if std::io::stderr().is_terminal() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let stream = termcolor::StandardStream::stderr(choice);
    let mut out = stream.lock();
    let config = term::Config::default();
    for d in diagnostics {
        let snippet = match d.severity {
            Severity::Error => Snippet::error(),
            Severity::Warning => Snippet::warning(),
        };
        let message = if d.field.is_empty() {
            d.message.clone()
        } else {
            format!("{}: {}", d.field, d.message)
        };
        // Read lossily: a file that is not UTF-8 still shows the place of its first bad byte.
        let source = (d.line > 0)
            .then(|| std::fs::read(&d.file).ok().map(|b| String::from_utf8_lossy(&b).into_owned()))
            .flatten();
        let shown = match source.as_deref().and_then(|s| offset(s, d.line, d.column).map(|o| (s, o))) {
            Some((text, at)) => {
                let file = SimpleFile::new(d.file.display().to_string(), text);
                let end = token_end(text, at);
                let label = Label::primary((), at..end).with_message(if d.field.is_empty() { String::new() } else { d.field.clone() });
                term::emit(
                    &mut out,
                    &config,
                    &file,
                    &snippet.clone().with_message(d.message.clone()).with_labels(vec![label]),
                )
                .is_ok()
            }
            None => false,
        };
        if !shown {
            let file = SimpleFile::new(d.file.display().to_string(), "");
            let place = if d.line > 0 {
                format!("{}:{}:{}", d.file.display(), d.line, d.column)
            } else {
                d.file.display().to_string()
            };
            let _ = term::emit(&mut out, &config, &file, &snippet.with_message(format!("{place}: {message}")));
        }
    }
}

/// The byte offset of a 1-based line and character column.
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let rest = text.get(start..)?;
    let within = rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// Where the token at `at` ends: a quoted string at its closing quote, anything else at the
/// next blank, comma or bracket (at least one character, never past the line).
fn token_end(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let line = rest.find('\n').unwrap_or(rest.len());
    let rest = &rest[..line];
    let len = if let Some(inner) = rest.strip_prefix('"') {
        inner.find('"').map_or(rest.len(), |i| i + 2)
    } else {
        rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}')).unwrap_or(rest.len())
    };
    let len = if len == 0 { rest.chars().next().map_or(0, char::len_utf8) } else { len };
    at + len
}
