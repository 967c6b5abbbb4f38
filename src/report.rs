//! Showing diagnostics to a person: each with a snippet of the file it points at, the way
//! Typst's own command line does (codespan-reporting), coloured on a terminal. In Chinese the
//! same layout is drawn here, since codespan's headings (`error`, `warning`) are English.

use std::io::IsTerminal;

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

use crate::diag::{Diagnostic, Severity};
use crate::i18n::{self, Lang, cli as msg};

/// Prints diagnostics to standard error.
pub fn eprint(diagnostics: &[Diagnostic]) {
    if i18n::lang() == Lang::Zh {
        let text: String = diagnostics.iter().map(chinese).collect();
        use std::io::Write;
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
        return;
    }
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
        let source = source_of(d);
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

/// The text of the file a diagnostic points at, read lossily (a file that is not UTF-8 still
/// shows the place of its first bad byte; a GBK file shows as the GBK it is).
fn source_of(d: &Diagnostic) -> Option<String> {
    if d.line == 0 {
        return None;
    }
    let bytes = std::fs::read(&d.file).ok()?;
    Some(crate::fill::decode_text(&bytes).unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned()))
}

/// One diagnostic in Chinese, laid out as codespan lays it out: the heading, the place, the
/// line with the spot marked.
fn chinese(d: &Diagnostic) -> String {
    let heading = match d.severity {
        Severity::Error => msg::report_error(&d.message),
        Severity::Warning => msg::report_warning(&d.message),
    }
    .zh;
    let place = if d.line > 0 {
        format!("{}:{}:{}", d.file.display(), d.line, d.column)
    } else {
        d.file.display().to_string()
    };
    let Some((text, at)) = source_of(d).and_then(|s| offset(&s, d.line, d.column).map(|o| (s, o))) else {
        let field = if d.field.is_empty() { String::new() } else { format!("：{}", d.field) };
        return format!("{heading}\n  ┌─ {place}{field}\n\n");
    };
    let line_text = text.lines().nth(d.line - 1).unwrap_or_default().trim_end_matches('\r');
    let end = token_end(&text, at);
    let start_col = d.column.saturating_sub(1);
    let marked = text[at..end].chars().count().max(1);
    let pad = " ".repeat(d.line.to_string().len());
    let before: String = line_text
        .chars()
        .take(start_col)
        .map(|c| {
            if c == '\t' {
                '\t'
            } else if c.is_ascii() {
                ' '
            } else {
                '\u{3000}'
            }
        })
        .collect();
    format!(
        "{heading}\n{pad} ┌─ {place}\n{pad} │\n{} │ {line_text}\n{pad} │ {before}{} {}\n\n",
        d.line,
        "^".repeat(marked),
        d.field
    )
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
