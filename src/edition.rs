//! Loading an edition folder: parse each TOML file with positions, then check the model.
//!
//! Every problem becomes a [`Diagnostic`] with the file, line and column, the field's path and
//! what was expected. Loading never panics on any input and never touches the output folder.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::value::Datetime;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;
use crate::text::{self, Vars};
use crate::typeset::fonts::Role;

/// The notice's file name inside an edition folder.
pub const NOTICE_FILE: &str = "notice.toml";

/// Largest file accepted: an edition is a few pages of text, not a data dump.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Longest single text (a paragraph, a title): some twenty pages.
const MAX_TEXT_CHARS: usize = 10_000;

/// A piece of printed text, where it came from, and the font role it is set in: what the font
/// coverage check reads.
#[derive(Debug, Clone)]
pub struct PrintedText {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub field: String,
    pub role: Role,
    pub text: String,
}

/// An edition and the warnings found while loading it.
#[derive(Debug)]
pub struct Loaded {
    pub edition: Edition,
    pub warnings: Vec<Diagnostic>,
    pub texts: Vec<PrintedText>,
}

/// Loads and checks the edition in `dir`.
pub fn load(dir: &Path) -> Result<Loaded, Diagnostics> {
    let mut cx = Checker::default();
    let notice_path = dir.join(NOTICE_FILE);
    if !dir.is_dir() {
        return Err(Diagnostics(vec![Diagnostic::file_error(
            dir,
            "no such edition folder: expected a folder holding notice.toml",
        )]));
    }
    let notice_src = read(&notice_path).map_err(|d| Diagnostics(vec![d]))?;
    let notice: Notice = parse(&notice_path, &notice_src).map_err(|d| Diagnostics(vec![d]))?;

    let file = SourceFile {
        path: notice_path.clone(),
        src: notice_src,
    };
    let vars = cx.vars(&file, &notice);
    let date = cx.date(&file, "signature.date", &notice.signature.date);
    cx.check_notice(&file, &notice, &vars, date);

    let mut forms = Vec::new();
    for (i, name) in notice.closing.attachments.iter().enumerate() {
        let field = format!("closing.attachments[{i}]");
        let Some(path) = cx.attachment_path(&file, &field, name, dir) else { continue };
        let src = match read(&path) {
            Ok(src) => src,
            Err(d) => {
                cx.diags.push(d);
                continue;
            }
        };
        let form: Form = match parse(&path, &src) {
            Ok(form) => form,
            Err(d) => {
                cx.diags.push(d);
                continue;
            }
        };
        let form_file = SourceFile { path, src };
        if let Some(loaded) = cx.check_form(&form_file, name.get_ref(), i + 1, form, &vars) {
            forms.push(loaded);
        }
    }

    if cx.diags.iter().any(Diagnostic::is_error) {
        cx.diags.sort_by_key(|d| !d.is_error());
        return Err(Diagnostics(cx.diags));
    }
    Ok(Loaded {
        edition: Edition {
            dir: dir.to_path_buf(),
            notice,
            vars,
            forms,
            date: date.expect("an invalid signing date is an error"),
        },
        warnings: cx.diags,
        texts: cx.texts,
    })
}

/// Reads a file as UTF-8 text, or says why it cannot be.
fn read(path: &Path) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::file_error(path, format!("cannot read: {}", io_reason(&e))))?;
    if !meta.is_file() {
        return Err(Diagnostic::file_error(path, "not a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::file_error(
            path,
            format!("{} bytes is too large: expected at most {MAX_FILE_BYTES}", meta.len()),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::file_error(path, format!("cannot read: {}", io_reason(&e))))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        Diagnostic::error(path, valid, offset..offset, "", "the file is not UTF-8 text: save it as UTF-8")
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Parses TOML into `T`, turning a syntax or type error into a located diagnostic.
fn parse<T: DeserializeOwned>(path: &Path, src: &str) -> Result<T, Diagnostic> {
    toml::from_str(src).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let field = if e.message().starts_with("duplicate key") {
            duplicate_at(src, span.clone())
        } else {
            field_at(src, span.start)
        };
        let message = e.message().trim().replace('\n', " ");
        Diagnostic::error(path, src, span, field, message)
    })
}

/// The dotted path of the deepest key whose value holds `offset`, such as
/// `body.sections[2].title`. Tables written as `[header]` sections do not span their
/// contents in the parse tree, so where no value holds the offset, the last table (or array
/// element) that starts before it is taken.
fn field_at(src: &str, offset: usize) -> String {
    use toml::de::{DeTable, DeValue};
    let (root, _) = DeTable::parse_recoverable(src);
    let mut path = String::new();
    let mut table = root.get_ref();
    loop {
        let holds = |k: &toml::Spanned<_>, v: &toml::Spanned<DeValue<'_>>| v.span().contains(&offset) || k.span().contains(&offset);
        let entry = table.iter().find(|(k, v)| holds(k, v)).or_else(|| {
            table
                .iter()
                .filter(|(k, v)| matches!(v.get_ref(), DeValue::Table(_) | DeValue::Array(_)) && k.span().start <= offset)
                .max_by_key(|(k, _)| k.span().start)
        });
        let Some((key, value)) = entry else { break };
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key.get_ref());
        let mut current = value;
        while let DeValue::Array(items) = current.get_ref() {
            let item = items
                .iter()
                .enumerate()
                .find(|(_, v)| v.span().contains(&offset))
                .or_else(|| items.iter().enumerate().rfind(|(_, v)| v.span().start <= offset));
            let Some((i, item)) = item else { return path };
            path.push_str(&format!("[{i}]"));
            current = item;
        }
        match current.get_ref() {
            DeValue::Table(t) if !t.is_empty() => table = t,
            _ => break,
        }
    }
    path
}

/// The path of a duplicate key at `span`: a table header's own name, or the key under the
/// table that holds its line.
fn duplicate_at(src: &str, span: Range<usize>) -> String {
    let line_start = src[..span.start.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = src[line_start..].lines().next().unwrap_or("").trim();
    if line.starts_with('[') {
        return line.trim_start_matches('[').split(']').next().unwrap_or("").trim().to_string();
    }
    let key = src.get(span).unwrap_or("").trim();
    let table = field_at(src, line_start);
    if table.is_empty() { key.to_string() } else { format!("{table}.{key}") }
}

/// The byte offset in `src` of byte `decoded` of the string token spanning `span`: quotes,
/// the newline after an opening `"""`, and escapes are counted as written.
fn source_offset(src: &str, span: Range<usize>, decoded: usize) -> usize {
    let raw = src.get(span.clone()).unwrap_or("");
    let (quote, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else {
        (1, raw.starts_with('"'))
    };
    let bytes = raw.as_bytes();
    let mut i = quote.min(raw.len());
    if quote == 3 {
        if raw[i..].starts_with("\r\n") {
            i += 2;
        } else if raw[i..].starts_with('\n') {
            i += 1;
        }
    }
    let mut n = 0;
    while n < decoded && i < raw.len() {
        if basic && bytes[i] == b'\\' && i + 1 < raw.len() {
            match bytes[i + 1] {
                b'u' | b'U' => {
                    let len = if bytes[i + 1] == b'u' { 4 } else { 8 };
                    let c = raw
                        .get(i + 2..i + 2 + len)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32);
                    n += c.map_or(1, char::len_utf8);
                    i += 2 + len;
                }
                b' ' | b'\t' | b'\r' | b'\n' => {
                    // A line-ending backslash: it and the blanks after it print nothing.
                    i += 1;
                    while i < raw.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                }
                _ => {
                    n += 1;
                    i += 2;
                }
            }
        } else {
            let len = raw[i..].chars().next().map_or(1, char::len_utf8);
            n += len;
            i += len;
        }
    }
    span.start + i
}

/// A file's path and text, for locating diagnostics.
struct SourceFile {
    path: PathBuf,
    src: String,
}

/// Collects diagnostics and printed texts while checking.
#[derive(Default)]
struct Checker {
    diags: Vec<Diagnostic>,
    texts: Vec<PrintedText>,
    /// Names in [dates] whose value is not a date (reported once, where they are).
    broken_dates: HashSet<String>,
}

impl Checker {
    fn error(&mut self, file: &SourceFile, span: Range<usize>, field: impl Into<String>, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(&file.path, &file.src, span, field, message));
    }

    fn warning(&mut self, file: &SourceFile, span: Range<usize>, field: impl Into<String>, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(&file.path, &file.src, span, field, message));
    }

    /// The placeholders' values: `year` and every valid date of `[dates]`.
    fn vars(&mut self, file: &SourceFile, notice: &Notice) -> Vars {
        let year = *notice.year.get_ref();
        if !(1900..=2200).contains(&year) {
            self.error(
                file,
                notice.year.span(),
                "year",
                format!("{year} is not a plausible campaign year: expected a year such as 2015"),
            );
        }
        let mut dates = BTreeMap::new();
        for (name, value) in &notice.dates {
            match self.date(file, &format!("dates.{name}"), value) {
                Some(d) => {
                    dates.insert(name.clone(), d);
                }
                None => {
                    self.broken_dates.insert(name.clone());
                }
            }
        }
        // Periods: NAME_start must not come after NAME_end.
        for (name, start) in &dates {
            let Some(stem) = name.strip_suffix("_start") else { continue };
            if let Some(end) = dates.get(&format!("{stem}_end"))
                && end < start
            {
                let span = notice.dates[&format!("{stem}_end")].span();
                self.error(
                    file,
                    span,
                    format!("dates.{stem}_end"),
                    format!("{stem}_end {end} is before {stem}_start {start}: a period must end on or after its start"),
                );
            }
        }
        Vars { year, dates }
    }

    /// A TOML date that must be a calendar date without a time.
    fn date(&mut self, file: &SourceFile, field: &str, value: &Spanned<Datetime>) -> Option<NaiveDate> {
        let dt = value.get_ref();
        let (Some(d), None, None) = (dt.date, dt.time, dt.offset) else {
            self.error(file, value.span(), field, format!("expected a date such as 2015-01-01, found `{dt}`"));
            return None;
        };
        let date = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day));
        if date.is_none() {
            self.error(file, value.span(), field, format!("{dt} is not a date in the calendar"));
            return None;
        }
        if !(1900..=2200).contains(&d.year) {
            self.error(file, value.span(), field, format!("{dt} is not a plausible date: expected a year such as 2015"));
            return None;
        }
        date
    }

    /// Checks a piece of text: not empty if required, placeholders known; records it for the
    /// font check.
    fn text(&mut self, file: &SourceFile, field: &str, value: &Text, role: Role, vars: &Vars, required: bool) -> Option<String> {
        self.string(file, field, value.get_ref(), value.span(), role, vars, required)
    }

    #[allow(clippy::too_many_arguments)]
    fn string(&mut self, file: &SourceFile, field: &str, s: &str, span: Range<usize>, role: Role, vars: &Vars, required: bool) -> Option<String> {
        if required && s.trim().is_empty() {
            self.error(file, span, field, "must not be empty");
            return None;
        }
        // A paragraph is at most a few hundred characters; a runaway one (a pasted file)
        // would make thousands of pages.
        let chars = s.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.error(
                file,
                span,
                field,
                format!("{chars} characters is too long for one text: expected at most {MAX_TEXT_CHARS} (split it into paragraphs)"),
            );
            return None;
        }
        let inner = source_offset(&file.src, span.clone(), 0);
        match text::expand(s, vars) {
            Ok(expanded) => {
                let (line, column) = crate::diag::line_column(&file.src, inner);
                self.texts.push(PrintedText {
                    file: file.path.clone(),
                    line,
                    column,
                    field: field.to_string(),
                    role,
                    text: expanded.clone(),
                });
                Some(expanded)
            }
            Err(e) => {
                // A placeholder naming a date of [dates] that is itself wrong: already reported.
                let name = s[e.start..e.end].trim_matches(['{', '}']).split(':').next().unwrap_or("");
                if self.broken_dates.contains(name) {
                    return None;
                }
                let at = source_offset(&file.src, span.clone(), e.start).min(span.end);
                self.error(file, at..at, field, e.message);
                None
            }
        }
    }

    fn lines(&mut self, file: &SourceFile, field: &str, title: &Spanned<Lines>, role: Role, vars: &Vars) -> String {
        let lines = title.get_ref().lines();
        if lines.is_empty() {
            self.error(file, title.span(), field, "must not be empty: expected a string or a list of lines");
        }
        let mut out = String::new();
        for (i, (line, span)) in title.get_ref().spanned(title.span()).into_iter().enumerate() {
            let f = if lines.len() > 1 { format!("{field}[{i}]") } else { field.to_string() };
            if let Some(s) = self.string(file, &f, line, span, role, vars, true) {
                out.push_str(&s);
            }
        }
        out
    }

    fn check_notice(&mut self, file: &SourceFile, n: &Notice, vars: &Vars, signed: Option<NaiveDate>) {
        let h = &n.head;
        for (name, value) in [("copy_number", &h.copy_number), ("secrecy", &h.secrecy), ("urgency", &h.urgency)] {
            if let Some(v) = value {
                self.text(file, &format!("head.{name}"), v, Role::Heiti, vars, true);
            }
        }
        self.text(file, "head.organ_mark", &h.organ_mark, Role::Xiaobiaosong, vars, true);
        for (i, s) in h.signers.iter().enumerate() {
            self.text(file, &format!("head.signers[{i}]"), s, Role::Kaiti, vars, true);
        }
        self.text(file, "head.number.agency", &h.number.agency, Role::Fangsong, vars, true);
        let ny = *h.number.year.get_ref();
        if !(1900..=2200).contains(&ny) {
            self.error(
                file,
                h.number.year.span(),
                "head.number.year",
                format!("{ny} is not a plausible year: expected a year such as 2014"),
            );
        }
        match &h.number.serial {
            Some(serial) if *serial.get_ref() < 1 => {
                self.error(
                    file,
                    serial.span(),
                    "head.number.serial",
                    format!("{}: expected a serial number of 1 or more", serial.get_ref()),
                );
            }
            Some(_) => {}
            None => self.warning(
                file,
                h.number.agency.span(),
                "head.number.serial",
                "no serial number yet: the document number prints with a blank for it",
            ),
        }

        let title = self.lines(file, "body.title", &n.body.title, Role::Xiaobiaosong, vars);
        if let Lines::One(_) = n.body.title.get_ref() {
            // 2号 characters: 20 fit on a line of the type block (digits count half).
            let width: f64 = title.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum();
            if width > 20.0 {
                self.warning(
                    file,
                    n.body.title.span(),
                    "body.title",
                    "the title is longer than one line and will break wherever it must: give it as a list of lines, broken between words",
                );
            }
        }
        self.text(file, "body.addressees", &n.body.addressees, Role::Fangsong, vars, true);
        for (i, p) in n.body.opening.iter().enumerate() {
            self.text(file, &format!("body.opening[{i}]"), p, Role::Fangsong, vars, true);
        }
        for (i, s) in n.body.sections.iter().enumerate() {
            let f = format!("body.sections[{i}]");
            self.text(file, &format!("{f}.title"), &s.title, Role::Heiti, vars, true);
            if s.paragraphs.is_empty() && s.items.is_empty() {
                self.error(file, s.title.span(), &f, "the section is empty: expected `paragraphs` or `items`");
            }
            for (j, p) in s.paragraphs.iter().enumerate() {
                self.text(file, &format!("{f}.paragraphs[{j}]"), p, Role::Fangsong, vars, true);
            }
            for (j, item) in s.items.iter().enumerate() {
                let g = format!("{f}.items[{j}]");
                self.text(file, &format!("{g}.title"), &item.title, Role::Kaiti, vars, true);
                for (k, p) in item.paragraphs.iter().enumerate() {
                    self.text(file, &format!("{g}.paragraphs[{k}]"), p, Role::Fangsong, vars, true);
                }
            }
        }

        let c = &n.closing;
        for (i, p) in c.paragraphs.iter().enumerate() {
            self.text(file, &format!("closing.paragraphs[{i}]"), p, Role::Fangsong, vars, true);
        }
        for (i, p) in c.contacts.iter().enumerate() {
            self.text(file, &format!("closing.contacts[{i}]"), p, Role::Fangsong, vars, true);
        }
        if let Some(p) = &c.phone {
            self.text(file, "closing.phone", p, Role::Fangsong, vars, true);
        }
        if let Some(p) = &c.phone_note {
            self.text(file, "closing.phone_note", p, Role::Fangsong, vars, false);
        }
        if let Some(p) = &c.note {
            self.text(file, "closing.note", p, Role::Fangsong, vars, false);
        }
        self.text(file, "signature.organ", &n.signature.organ, Role::Fangsong, vars, true);

        if let (Some(signed), Some(deadline)) = (signed, vars.dates.get("deadline"))
            && *deadline < signed
        {
            let span = n.dates["deadline"].span();
            self.error(
                file,
                span,
                "dates.deadline",
                format!("the deadline {deadline} is before the notice is signed ({signed}): expected a later date"),
            );
        }
        if let Some(r) = &n.record {
            for (i, p) in r.cc.iter().enumerate() {
                self.text(file, &format!("record.cc[{i}]"), p, Role::Fangsong, vars, true);
            }
            if let Some(p) = &r.printer {
                self.text(file, "record.printer", p, Role::Fangsong, vars, true);
            }
            if let Some(p) = &r.printed
                && let (Some(printed), Some(signed)) = (self.date(file, "record.printed", p), signed)
                && printed < signed
            {
                self.error(
                    file,
                    p.span(),
                    "record.printed",
                    format!("printed {printed} before it was signed ({signed}): expected a later date"),
                );
            }
        }
    }

    /// The path of an attachment's form file: a plain file name inside the edition folder.
    fn attachment_path(&mut self, file: &SourceFile, field: &str, name: &Text, dir: &Path) -> Option<PathBuf> {
        let n = name.get_ref();
        let plain = !n.is_empty() && !n.contains(['/', '\\']) && n != "." && n != ".." && n.ends_with(".toml") && n != NOTICE_FILE;
        if !plain {
            self.error(
                file,
                name.span(),
                field,
                format!("`{n}`: expected the name of a form file in the edition's folder, such as attachment-1.toml"),
            );
            return None;
        }
        let path = dir.join(n);
        // A symlink out of the edition would escape its folder.
        let inside = match (path.canonicalize(), dir.canonicalize()) {
            (Ok(p), Ok(d)) => p.starts_with(d),
            _ => {
                self.error(file, name.span(), field, format!("`{n}`: no such file in {}", dir.display()));
                return None;
            }
        };
        if !inside {
            self.error(file, name.span(), field, format!("`{n}` leads outside the edition's folder"));
            return None;
        }
        Some(path)
    }

    fn check_form(&mut self, file: &SourceFile, name: &str, number: usize, form: Form, vars: &Vars) -> Option<LoadedForm> {
        let errors_before = self.diags.iter().filter(|d| d.is_error()).count();
        let title = self.lines(file, "title", &form.title, Role::Xiaobiaosong, vars);
        for (i, n) in form.notes.iter().enumerate() {
            self.text(file, &format!("notes[{i}]"), n, Role::Fangsong, vars, true);
        }
        for (label, value) in [("unit", &form.header.unit), ("reporter", &form.header.reporter), ("phone", &form.header.phone)] {
            if let Some(v) = value {
                self.text(file, &format!("header.{label}"), v, Role::Fangsong, vars, true);
            }
        }
        if form.items.is_empty() {
            self.error(file, form.title.span(), "items", "the form has no items: expected at least one [[items]]");
        }
        let mut fields = Vec::new();
        let mut codes = HashSet::new();
        for (i, item) in form.items.iter().enumerate() {
            let f = format!("items[{i}]");
            let code = item.code.get_ref();
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
                self.error(
                    file,
                    item.code.span(),
                    format!("{f}.code"),
                    format!("`{code}`: expected a two-digit item number such as 01"),
                );
            }
            if !codes.insert(code.clone()) {
                self.error(file, item.code.span(), format!("{f}.code"), format!("item {code} appears twice"));
            }
            if let Some(lead) = &item.lead {
                self.text(file, &format!("{f}.lead"), lead, Role::Fangsong, vars, false);
            }
            if item.fields.is_empty() {
                self.error(
                    file,
                    item.code.span(),
                    format!("{f}.fields"),
                    format!("item {code} has no blanks: expected at least one [[items.fields]]"),
                );
            }
            let mut letters = HashSet::new();
            for (j, spec) in item.fields.iter().enumerate() {
                let g = format!("{f}.fields[{j}]");
                let letter = spec.letter.get_ref();
                if letter.len() != 1 || !letter.bytes().all(|b| b.is_ascii_uppercase()) {
                    self.error(
                        file,
                        spec.letter.span(),
                        format!("{g}.letter"),
                        format!("`{letter}`: expected one capital letter A–Z"),
                    );
                }
                if !letters.insert(letter.clone()) {
                    self.error(file, spec.letter.span(), format!("{g}.letter"), format!("field {code}{letter} appears twice"));
                }
                let label = match &spec.label {
                    Some(l) => self.text(file, &format!("{g}.label"), l, Role::Fangsong, vars, false).unwrap_or_default(),
                    None => String::new(),
                };
                let tail = match &spec.tail {
                    Some(t) => self.text(file, &format!("{g}.tail"), t, Role::Fangsong, vars, false).unwrap_or_default(),
                    None => String::new(),
                };
                if let Some(a) = &spec.after {
                    self.text(file, &format!("{g}.after"), a, Role::Fangsong, vars, false);
                }
                let unit = self
                    .text(file, &format!("{g}.unit"), &spec.unit, Role::Fangsong, vars, true)
                    .unwrap_or_default();
                let kind = spec.kind.as_ref().map_or_else(|| FieldKind::from_unit(&unit), |k| *k.get_ref());
                let label = match (label.is_empty(), tail.is_empty()) {
                    (false, true) => label,
                    (true, false) => format!("{unit}{tail}"),
                    (false, false) => format!("{label}…{unit}{tail}"),
                    (true, true) => unit.clone(),
                };
                fields.push(Field {
                    code: format!("{code}{letter}"),
                    kind,
                    label,
                    unit,
                });
            }
        }
        let rules: Vec<Rule> = form
            .rules
            .iter()
            .enumerate()
            .filter_map(|(i, r)| self.rule(file, &format!("rules[{i}]"), r, &fields))
            .collect();
        let errors_after = self.diags.iter().filter(|d| d.is_error()).count();
        (errors_after == errors_before).then(|| LoadedForm {
            number,
            file: name.to_string(),
            form,
            title,
            fields,
            rules,
        })
    }

    /// Parses `05A = 05B + 05C`, `01B <= 01A` or `A + B >= C` against the form's fields.
    fn rule(&mut self, file: &SourceFile, field: &str, text: &Text, fields: &[Field]) -> Option<Rule> {
        let s = text.get_ref();
        let at = text.span();
        let (left, relation, right) = if let Some((l, r)) = s.split_once("<=") {
            (l, Relation::AtMost, r)
        } else if let Some((l, r)) = s.split_once(">=") {
            (l, Relation::AtLeast, r)
        } else if let Some((l, r)) = s.split_once('=') {
            (l, Relation::Equal, r)
        } else {
            self.error(file, at, field, format!("`{s}`: expected a rule such as `05A = 05B + 05C` or `01B <= 01A`"));
            return None;
        };
        let mut sides = Vec::new();
        for side in [left, right] {
            let mut codes = Vec::new();
            for term in side.split('+') {
                let code = term.trim();
                match fields.iter().find(|f| f.code == code) {
                    Some(f) if f.kind == FieldKind::Choice => {
                        self.error(file, at.clone(), field, format!("`{s}`: {code} is a 是/否 field and cannot be added up"));
                        return None;
                    }
                    Some(_) => codes.push(code.to_string()),
                    None if code.is_empty() => {
                        self.error(
                            file,
                            at.clone(),
                            field,
                            format!("`{s}`: a side of the rule is empty: expected codes joined by +"),
                        );
                        return None;
                    }
                    None => {
                        self.error(file, at.clone(), field, format!("`{s}`: there is no field {code} in this form"));
                        return None;
                    }
                }
            }
            sides.push(codes);
        }
        let right = sides.pop().unwrap_or_default();
        let left = sides.pop().unwrap_or_default();
        let kinds: HashSet<FieldKind> = left
            .iter()
            .chain(&right)
            .filter_map(|c| fields.iter().find(|f| &f.code == c))
            .map(|f| f.kind)
            .collect();
        if kinds.len() > 1 {
            self.error(file, at, field, format!("`{s}`: compares counts with amounts in 万元"));
            return None;
        }
        Some(Rule {
            left,
            relation,
            right,
            text: s.clone(),
        })
    }
}
