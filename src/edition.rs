//! Loading an edition folder: parse each TOML file with positions, then check the model.
//!
//! Every problem becomes a [`Diagnostic`] with the file, line and column, the field's path and
//! what was expected, in the user's language (the messages are in `i18n::edition`). Loading
//! never panics on any input and never touches the output folder.
//!
//! The templates read the same TOML themselves (so that the stock Typst compiler gives the
//! same pages); every key they give a meaning to is checked here first, so that a mistake is
//! reported at its place instead of as a Typst error.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::value::Datetime;

use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{Message, edition as msg};
use crate::model::*;
use crate::text::{self, Vars};
use crate::typeset::fonts::Role;

/// The notice's file name inside an edition folder.
pub const NOTICE_FILE: &str = "notice.toml";

/// Largest file accepted: an edition is a few pages of text, not a data dump.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Longest single text (a paragraph, a title): some twenty pages.
const MAX_TEXT_CHARS: usize = 10_000;

/// Largest seal image accepted.
const MAX_IMAGE_BYTES: u64 = 8 * 1024 * 1024;

/// The widest the organ mark may be (the template's measure: a little inside the 156 mm
/// type block), and the smallest size it may have: 2号, 22 pt, of the title.
const MARK_MAX_WIDTH_MM: f64 = 150.0;
const MARK_MIN_SIZE_MM: f64 = 22.0 * 25.4 / 72.0;
/// The gap between the issuers' stacked marks and the suffix, in characters of the mark.
const MARK_SUFFIX_GAP: f64 = 0.5;

/// The longest name a signature line holds: 28 characters less the two-character indent.
const NAME_MAX_CELLS: f64 = 26.0;

/// A table's text is 4号 (14 pt): characters across the upright and the landscape type block.
const TABLE_PORTRAIT_CHARS: f64 = 31.0;
const TABLE_LANDSCAPE_CHARS: f64 = 45.0;
const MAX_TABLE_ROWS: usize = 99;

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
        return Err(Diagnostics(vec![Diagnostic::file_error(dir, msg::no_edition_folder())]));
    }
    let notice_src = read(&notice_path).map_err(|d| Diagnostics(vec![d]))?;
    let notice: Notice = parse(&notice_path, &notice_src).map_err(|d| Diagnostics(vec![d]))?;

    let file = SourceFile {
        path: notice_path.clone(),
        src: notice_src,
        dir: dir.to_path_buf(),
    };
    let vars = cx.vars(&file, &notice);
    let date = cx.date(&file, "signature.date", &notice.signature.get_ref().date);
    cx.check_notice(&file, &notice, &vars, date);

    let mut attachments = Vec::new();
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
        let attachment_file = SourceFile {
            path,
            src,
            dir: dir.to_path_buf(),
        };
        if let Some((attachment, form)) = cx.attachment(&attachment_file, name.get_ref(), i + 1, &vars) {
            attachments.push(attachment);
            forms.extend(form);
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
            attachments,
            forms,
            date: date.expect("an invalid signing date is an error"),
        },
        warnings: cx.diags,
        texts: cx.texts,
    })
}

/// Reads a file as UTF-8 text, or says why it cannot be.
fn read(path: &Path) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::file_error(path, msg::cannot_read(io_reason(&e))))?;
    if !meta.is_file() {
        return Err(Diagnostic::file_error(path, msg::not_a_file()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::file_error(path, msg::file_too_large(meta.len(), MAX_FILE_BYTES)));
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::file_error(path, msg::cannot_read(io_reason(&e))))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        Diagnostic::error(path, valid, offset..offset, "", msg::not_utf8())
    })
}

fn io_reason(e: &std::io::Error) -> Message {
    match e.kind() {
        std::io::ErrorKind::NotFound => msg::no_such_file(),
        std::io::ErrorKind::PermissionDenied => msg::permission_denied(),
        _ => Message::verbatim(e.to_string()),
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
        Diagnostic::error(path, src, span, field, parse_message(&message))
    })
}

/// A message of serde or of the TOML parser, with its Chinese: the common shapes are read
/// apart and put together again from the catalogue; the English stays exactly as it was.
pub fn parse_message(en: &str) -> Message {
    let zh = parse_message_zh(en);
    Message {
        zh: zh.unwrap_or_else(|| msg::toml_syntax_plain(en).zh),
        en: en.to_string(),
    }
}

fn parse_message_zh(en: &str) -> Option<String> {
    let backticked = |s: &str| {
        s.strip_prefix('`')
            .and_then(|s| s.split_once('`'))
            .map(|(name, rest)| (name.to_string(), rest.to_string()))
    };
    if let Some(rest) = en.strip_prefix("invalid type: ") {
        let (found, expected) = rest.rsplit_once(", expected ")?;
        return Some(msg::serde_invalid_type(zh_found(found), zh_expected(expected)).zh);
    }
    if let Some(rest) = en.strip_prefix("invalid value: ") {
        let (found, expected) = rest.rsplit_once(", expected ")?;
        return Some(msg::serde_invalid_value(zh_found(found), zh_expected(expected)).zh);
    }
    if let Some(rest) = en.strip_prefix("invalid length ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(msg::serde_invalid_length(found, zh_expected(expected)).zh);
    }
    if let Some(rest) = en.strip_prefix("unknown field ") {
        let (field, rest) = backticked(rest)?;
        if rest == ", there are no fields" {
            return Some(msg::serde_unknown_field_none(field).zh);
        }
        let expected = rest.strip_prefix(", expected ")?;
        return Some(msg::serde_unknown_field(field, zh_one_of(expected)).zh);
    }
    if let Some(rest) = en.strip_prefix("unknown variant ") {
        let (variant, rest) = backticked(rest)?;
        let expected = rest.strip_prefix(", expected ")?;
        return Some(msg::serde_unknown_variant(variant, zh_one_of(expected)).zh);
    }
    if let Some(rest) = en.strip_prefix("missing field ") {
        let (field, _) = backticked(rest)?;
        return Some(msg::serde_missing_field(field).zh);
    }
    if let Some(rest) = en.strip_prefix("duplicate field ") {
        let (field, _) = backticked(rest)?;
        return Some(msg::serde_duplicate_field(field).zh);
    }
    if en == "duplicate key" {
        return Some(msg::serde_duplicate_key().zh);
    }
    let (what, expected) = en.split_once(", expected ")?;
    Some(msg::toml_syntax(zh_phrase(what), zh_expected(expected)).zh)
}

/// `one of `a`, `b``: the choices, in Chinese.
fn zh_one_of(expected: &str) -> String {
    match expected.strip_prefix("one of ") {
        Some(list) => format!("{} 之一", list.replace("`, `", "`、`")),
        None => expected.to_string(),
    }
}

/// What serde found: `string "2015"`, `integer `5``, `sequence`, …
fn zh_found(found: &str) -> String {
    let found = found.trim_end_matches(" as i128");
    for (en, zh) in [
        ("string ", "字符串 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("boolean ", "布尔值 "),
        ("character ", "字符 "),
    ] {
        if let Some(rest) = found.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    match found {
        "sequence" => "列表 [ … ]".into(),
        "map" => "表 { … }（或一个 [段落]）".into(),
        "unit value" | "unit" => "空值".into(),
        other => other.to_string(),
    }
}

/// What serde expected, in Chinese where it is one of the common shapes.
fn zh_expected(expected: &str) -> String {
    let known = [
        ("a string", "字符串（用引号括起的文字）"),
        ("a sequence", "列表 [ … ]"),
        ("a boolean", "true 或 false"),
        ("i64", "整数"),
        ("u64", "整数"),
        ("an integer", "整数"),
        ("f64", "数"),
        ("a number", "数"),
        ("a TOML datetime", "不加引号的日期，如 2015-01-01"),
        ("a string or a list of lines", "字符串，或由各行组成的列表"),
        ("false, or a table of the header's labels", "false，或写出表头各项名称的表"),
        ("a label, or false to leave the blank out", "名称，或 false（不要这一项）"),
        ("literal string", "用引号括起的文字"),
        ("month between 01 and 12", "01 到 12 之间的月份"),
        ("a map", "表 { … }"),
    ];
    if let Some((_, zh)) = known.iter().find(|(en, _)| *en == expected) {
        return zh.to_string();
    }
    if expected.starts_with("a cell's text") {
        return "单元格的文字，或 { text = \"…\", colspan = 2 } 这样的表".into();
    }
    if let Some(rest) = expected.strip_prefix("day between 01 and ") {
        return format!("01 到 {rest} 之间的日");
    }
    if expected.starts_with("struct ") {
        return "表 { … }".into();
    }
    zh_one_of(expected)
}

/// The TOML parser's own phrases.
fn zh_phrase(what: &str) -> String {
    let known = [
        ("invalid basic string", "字符串没有正确结束"),
        ("invalid literal string", "字符串没有正确结束"),
        ("string values must be quoted", "文字要用引号括起来"),
        ("key with no value", "键后面没有值"),
        ("missing comma between array elements", "列表的两项之间少了逗号"),
        ("invalid date", "日期不对"),
        ("invalid time", "时间不对"),
        ("invalid table header", "[段落] 的标题写得不对"),
        ("invalid array", "列表写得不对"),
        ("invalid inline table", "行内表 { … } 写得不对"),
        ("unclosed array", "列表没有用 ] 结束"),
        ("unclosed inline table", "行内表没有用 } 结束"),
    ];
    known
        .iter()
        .find(|(en, _)| *en == what)
        .map_or_else(|| what.to_string(), |(_, zh)| zh.to_string())
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

/// A file's path and text, for locating diagnostics, and the edition's folder.
struct SourceFile {
    path: PathBuf,
    src: String,
    dir: PathBuf,
}

/// Collects diagnostics and printed texts while checking.
#[derive(Default)]
struct Checker {
    diags: Vec<Diagnostic>,
    texts: Vec<PrintedText>,
    /// Names in [dates] whose value is not a date (reported once, where they are).
    broken_dates: HashSet<String>,
    /// A `{year}` without a campaign year has been reported (once is enough).
    year_missing_reported: bool,
}

/// A format's name in the user's language: 文件格式, 信函格式, …
fn format_name(format: DocumentFormat) -> Message {
    match format {
        DocumentFormat::Document => msg::format_name_document(),
        DocumentFormat::Letter => msg::format_name_letter(),
        DocumentFormat::Order => msg::format_name_order(),
        DocumentFormat::Minutes => msg::format_name_minutes(),
    }
}

/// The span of a table's header line (`[body]`) in `src`, or the file's start when it has none.
fn table_span(src: &str, table: &str) -> Range<usize> {
    let header = format!("[{table}]");
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(&header) {
            let start = offset + (line.len() - trimmed.len());
            return start..start + header.len();
        }
        offset += line.len();
    }
    0..0
}

/// The font role of a heading at `level` (1 to 4): 黑体, 楷体, then 仿宋.
fn heading_role(level: usize) -> Role {
    match level {
        1 => Role::Heiti,
        2 => Role::Kaiti,
        _ => Role::Fangsong,
    }
}

/// How wide a text is on the grid, in characters: half-width characters count half.
fn cells(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum()
}

/// A number typed by hand at the start of a text, as the template numbers headings:
/// `三、`, `（二）`, `1.`, `（1）`.
fn hand_number(s: &str) -> Option<&str> {
    let s = s.trim_start_matches([' ', '\u{3000}']);
    let chinese = |c: char| "一二三四五六七八九十".contains(c);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let count = |s: &str, f: &dyn Fn(char) -> bool| s.chars().take_while(|c| f(*c)).map(char::len_utf8).sum::<usize>();
    let n = count(s, &chinese);
    if n > 0 && s[n..].starts_with('、') {
        return Some(&s[..n + '、'.len_utf8()]);
    }
    let d = count(s, &digit);
    if d > 0
        && let Some(dot) = s[d..].chars().next().filter(|c| matches!(c, '.' | '．' | '、'))
        && !s[d + dot.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(&s[..d + dot.len_utf8()]);
    }
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(inner) = s.strip_prefix(open) {
            let n = count(inner, &chinese).max(count(inner, &digit));
            if n > 0 && inner[n..].starts_with(close) {
                return Some(&s[..open.len() + n + close.len()]);
            }
        }
    }
    None
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
        let year = notice.year.as_ref().map(|y| *y.get_ref());
        if let (Some(y), Some(span)) = (year, notice.year.as_ref().map(Spanned::span))
            && !(1900..=2200).contains(&y)
        {
            self.error(file, span, "year", msg::implausible_campaign_year(y));
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
                self.error(file, span, format!("dates.{stem}_end"), msg::period_reversed(stem, end, start));
            }
        }
        Vars { year, dates }
    }

    /// A TOML date that must be a calendar date without a time.
    fn date(&mut self, file: &SourceFile, field: &str, value: &Spanned<Datetime>) -> Option<NaiveDate> {
        let dt = value.get_ref();
        let (Some(d), None, None) = (dt.date, dt.time, dt.offset) else {
            self.error(file, value.span(), field, msg::not_a_plain_date(dt));
            return None;
        };
        let date = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day));
        if date.is_none() {
            self.error(file, value.span(), field, msg::not_in_calendar(dt));
            return None;
        }
        if !(1900..=2200).contains(&d.year) {
            self.error(file, value.span(), field, msg::implausible_date(dt));
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
            self.error(file, span, field, msg::must_not_be_empty());
            return None;
        }
        // A paragraph is at most a few hundred characters; a runaway one (a pasted file)
        // would make thousands of pages.
        let chars = s.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.error(file, span, field, msg::text_too_long(chars, MAX_TEXT_CHARS));
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
                if self.broken_dates.contains(name) || (e.needs_year && std::mem::replace(&mut self.year_missing_reported, true)) {
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
            self.error(file, title.span(), field, msg::lines_empty());
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

    /// A title as a whole: its lines, and a warning when it will break where it must.
    fn title(&mut self, file: &SourceFile, field: &str, title: &Spanned<Lines>, vars: &Vars) -> String {
        let text = self.lines(file, field, title, Role::Xiaobiaosong, vars);
        // 2号 characters: 20 fit on a line of the type block (digits count half).
        if let Lines::One(_) = title.get_ref()
            && cells(&text) > 20.0
        {
            self.warning(file, title.span(), field, msg::title_too_long_for_a_line());
        }
        text
    }

    /// A paragraph of body text, and a warning if it starts with a number typed by hand.
    fn paragraph(&mut self, file: &SourceFile, field: &str, p: &Text, vars: &Vars) {
        if let Some(s) = self.text(file, field, p, Role::Fangsong, vars, true)
            && let Some(number) = hand_number(&s)
        {
            self.warning(file, p.span(), field, msg::hand_numbered_paragraph(number));
        }
    }

    /// `run_in`: heading levels 1 to 4, each once.
    fn run_in(&mut self, file: &SourceFile, field: &str, run_in: &Option<Spanned<Vec<Spanned<i64>>>>) {
        let Some(levels) = run_in else { return };
        let mut seen = HashSet::new();
        for (i, level) in levels.get_ref().iter().enumerate() {
            let l = *level.get_ref();
            if !(1..=HEADING_LEVELS as i64).contains(&l) {
                self.error(file, level.span(), format!("{field}[{i}]"), msg::run_in_level(l));
            } else if !seen.insert(l) {
                self.error(file, level.span(), format!("{field}[{i}]"), msg::run_in_twice(l));
            }
        }
    }

    /// Sections at `level` (1 for 一、) and every level below.
    fn sections(&mut self, file: &SourceFile, field: &str, sections: &[Spanned<Section>], level: usize, vars: &Vars) {
        for (i, s) in sections.iter().enumerate() {
            let f = format!("{field}[{i}]");
            let section = s.get_ref();
            if section.title.is_none() && section.paragraphs.is_empty() && section.items.is_empty() {
                self.error(file, s.span(), &f, msg::section_empty());
                continue;
            }
            if let Some(title) = &section.title
                && let Some(t) = self.text(file, &format!("{f}.title"), title, heading_role(level), vars, true)
                && let Some(number) = hand_number(&t)
            {
                self.warning(file, title.span(), format!("{f}.title"), msg::hand_numbered_title(number));
            }
            for (j, p) in section.paragraphs.iter().enumerate() {
                self.paragraph(file, &format!("{f}.paragraphs[{j}]"), p, vars);
            }
            if !section.items.is_empty() && level == HEADING_LEVELS {
                self.error(file, section.items[0].span(), format!("{f}.items"), msg::too_many_levels());
                continue;
            }
            self.sections(file, &format!("{f}.items"), &section.items, level + 1, vars);
        }
    }

    fn check_notice(&mut self, file: &SourceFile, n: &Notice, vars: &Vars, signed: Option<NaiveDate>) {
        self.check_head(file, n, vars);

        let b = &n.body;
        if let Some(title) = &b.title {
            self.title(file, "body.title", title, vars);
        }
        if let Some(addressees) = &b.addressees {
            self.text(file, "body.addressees", addressees, Role::Fangsong, vars, true);
        }
        self.check_format(file, n, vars);
        for (i, p) in b.opening.iter().enumerate() {
            self.paragraph(file, &format!("body.opening[{i}]"), p, vars);
        }
        self.sections(file, "body.sections", &b.sections, 1, vars);
        self.run_in(file, "body.run_in", &b.run_in);

        let c = &n.closing;
        for (i, p) in c.paragraphs.iter().enumerate() {
            self.paragraph(file, &format!("closing.paragraphs[{i}]"), p, vars);
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
        for (i, line) in c.contact.iter().enumerate() {
            self.text(file, &format!("closing.contact[{i}].label"), &line.label, Role::Fangsong, vars, true);
            self.text(file, &format!("closing.contact[{i}].text"), &line.text, Role::Fangsong, vars, true);
        }
        if let Some(p) = &c.note {
            self.text(file, "closing.note", p, Role::Fangsong, vars, false);
        }

        self.check_signature(file, n, vars);

        if let (Some(signed), Some(deadline)) = (signed, vars.dates.get("deadline"))
            && *deadline < signed
        {
            let span = n.dates["deadline"].span();
            self.error(file, span, "dates.deadline", msg::deadline_before_signing(deadline, signed));
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
                self.error(file, p.span(), "record.printed", msg::printed_before_signing(printed, signed));
            }
        }
    }

    /// What the notice's format (公文格式) requires and refuses: a title and addressees for the
    /// 文件 and 信函 formats; a letter's mark without 文件 and its 版记 without 印发机关 and
    /// 印发日期; an order's 令号, its mark ending in 命令 or 令, no 发文字号, the signer's form;
    /// the mark of minutes ending in 纪要, and their 出席 list.
    fn check_format(&mut self, file: &SourceFile, n: &Notice, vars: &Vars) {
        let format = n.format();
        let format_name = format_name(format);
        // Where a missing part is reported: the `format` key, else the `[body]` or `[head]`
        // table's header line.
        let at = |table: &str| n.format.as_ref().map_or_else(|| table_span(&file.src, table), Spanned::span);
        let b = &n.body;
        if matches!(format, DocumentFormat::Document | DocumentFormat::Letter) {
            if b.title.is_none() {
                self.error(file, table_span(&file.src, "body"), "body.title", msg::format_needs_title(&format_name));
            }
            if b.addressees.is_none() {
                self.error(
                    file,
                    table_span(&file.src, "body"),
                    "body.addressees",
                    msg::format_needs_addressees(&format_name),
                );
            }
        }
        let h = n.head.get_ref();
        // The mark as printed on one line: written whole, or the first issuer's with the suffix
        // (the suffix alone, for marks stacked beside it).
        let (mark, mark_span, mark_field) = match (&h.organ_mark, n.issuers.first()) {
            (Some(m), _) => (text::expand(m.get_ref(), vars).unwrap_or_default(), m.span(), "head.organ_mark".to_string()),
            (None, Some(first)) => {
                let suffix = h.suffix.as_ref().and_then(|s| text::expand(s.get_ref(), vars).ok()).unwrap_or_default();
                let own = first.mark.as_ref().unwrap_or(&first.name);
                let mark = if n.issuers.len() == 1 || format == DocumentFormat::Letter {
                    text::expand(own.get_ref(), vars).unwrap_or_default() + if format == DocumentFormat::Letter { "" } else { suffix.as_str() }
                } else {
                    suffix
                };
                let (span, field) = match &h.suffix {
                    Some(s) if format != DocumentFormat::Letter => (s.span(), "head.suffix".to_string()),
                    _ => (own.span(), if first.mark.is_some() { "issuers[0].mark" } else { "issuers[0].name" }.to_string()),
                };
                (mark, span, field)
            }
            (None, None) => (String::new(), n.head.span(), "head.organ_mark".to_string()),
        };
        match format {
            DocumentFormat::Letter => {
                // The letter's mark is the host's name alone: a suffix would not be printed.
                if let Some(s) = &h.suffix {
                    self.error(file, s.span(), "head.suffix", msg::letter_mark_with_wenjian());
                } else if mark.ends_with("文件") {
                    self.error(file, mark_span.clone(), mark_field.clone(), msg::letter_mark_with_wenjian());
                }
                if let Some(r) = &n.record {
                    if let Some(p) = &r.printer {
                        self.error(file, p.span(), "record.printer", msg::letter_record_printer("printer"));
                    }
                    if let Some(p) = &r.printed {
                        self.error(file, p.span(), "record.printed", msg::letter_record_printer("printed"));
                    }
                }
            }
            DocumentFormat::Order => {
                match &h.order_number {
                    None => self.error(file, at("head"), "head.order_number", msg::order_number_missing()),
                    Some(o) if *o.get_ref() < 1 => self.error(file, o.span(), "head.order_number", msg::order_number_below_one(o.get_ref())),
                    Some(_) => {}
                }
                if !mark.is_empty() && !mark.ends_with('令') {
                    self.error(file, mark_span.clone(), mark_field.clone(), msg::order_mark(&mark));
                }
                if let Some(number) = &h.number {
                    self.error(file, number.agency.span(), "head.number", msg::order_number_and_document_number());
                }
                if let Some(f) = &n.signature.get_ref().form
                    && *f.get_ref() != SignatureForm::Signer
                {
                    let name = match f.get_ref() {
                        SignatureForm::Sealed => "sealed",
                        SignatureForm::Unsealed => "unsealed",
                        SignatureForm::Signer => "signer",
                    };
                    self.error(file, f.span(), "signature.form", msg::order_signature_form(name));
                }
            }
            DocumentFormat::Minutes => {
                if !mark.is_empty() && !mark.ends_with("纪要") {
                    self.error(file, mark_span.clone(), mark_field.clone(), msg::minutes_mark(&mark));
                }
                let present = n.attendance.as_ref().is_some_and(|a| !a.get_ref().present.is_empty());
                if !present {
                    let span = n.attendance.as_ref().map_or_else(|| at("body"), Spanned::span);
                    self.error(file, span, "attendance.present", msg::minutes_present_missing());
                }
            }
            DocumentFormat::Document => {}
        }
        if format != DocumentFormat::Order
            && let Some(o) = &h.order_number
        {
            self.error(file, o.span(), "head.order_number", msg::order_number_not_order(&format_name));
        }
        if let Some(a) = &n.attendance {
            if format != DocumentFormat::Minutes {
                self.error(file, a.span(), "attendance", msg::attendance_not_minutes(&format_name));
            }
            let lists = [
                ("present", &a.get_ref().present),
                ("on_leave", &a.get_ref().on_leave),
                ("sitting_in", &a.get_ref().sitting_in),
            ];
            for (key, list) in lists {
                for (i, entry) in list.iter().enumerate() {
                    self.text(file, &format!("attendance.{key}[{i}]"), entry, Role::Fangsong, vars, true);
                }
            }
        }
    }

    /// 版头: the corner lines, the organ mark (of one issuer or of several), the document
    /// number.
    fn check_head(&mut self, file: &SourceFile, n: &Notice, vars: &Vars) {
        let h = n.head.get_ref();
        for (name, value) in [("copy_number", &h.copy_number), ("secrecy", &h.secrecy), ("urgency", &h.urgency)] {
            if let Some(v) = value {
                self.text(file, &format!("head.{name}"), v, Role::Heiti, vars, true);
            }
        }
        let suffix = h
            .suffix
            .as_ref()
            .and_then(|s| self.text(file, "head.suffix", s, Role::Xiaobiaosong, vars, true));
        if n.issuers.is_empty() {
            if let Some(s) = &h.suffix {
                self.error(file, s.span(), "head.suffix", msg::suffix_without_issuers());
            }
            match &h.organ_mark {
                Some(mark) => {
                    if let Some(m) = self.text(file, "head.organ_mark", mark, Role::Xiaobiaosong, vars, true) {
                        self.mark_width(file, mark.span(), "head.organ_mark", &[m], None);
                    }
                }
                None => self.error(file, n.head.span(), "head.organ_mark", msg::no_organ_mark()),
            }
        } else {
            if let Some(mark) = &h.organ_mark {
                self.error(file, mark.span(), "head.organ_mark", msg::issuers_given_twice("head.organ_mark"));
            }
            let mut marks = Vec::new();
            for (i, issuer) in n.issuers.iter().enumerate() {
                let f = format!("issuers[{i}]");
                let name = self.text(file, &format!("{f}.name"), &issuer.name, Role::Fangsong, vars, true);
                let mark = match &issuer.mark {
                    Some(m) => self.text(file, &format!("{f}.mark"), m, Role::Xiaobiaosong, vars, true),
                    None => {
                        // The mark is the name, in the mark's face.
                        if let Some(name) = &name {
                            self.string(file, &format!("{f}.name"), name, issuer.name.span(), Role::Xiaobiaosong, vars, true);
                        }
                        name.clone()
                    }
                };
                marks.extend(mark);
            }
            let span = n.issuers[0].mark.as_ref().map_or_else(|| n.issuers[0].name.span(), Spanned::span);
            let field = if n.issuers[0].mark.is_some() { "issuers[0].mark" } else { "issuers[0].name" };
            self.mark_width(file, span, field, &marks, suffix.as_deref());
        }
        for (i, s) in h.signers.iter().enumerate() {
            self.text(file, &format!("head.signers[{i}]"), s, Role::Kaiti, vars, true);
        }
        let Some(number) = &h.number else { return };
        self.text(file, "head.number.agency", &number.agency, Role::Fangsong, vars, true);
        let ny = *number.year.get_ref();
        if !(1900..=2200).contains(&ny) {
            self.error(file, number.year.span(), "head.number.year", msg::implausible_number_year(ny));
        }
        match &number.serial {
            Some(serial) if *serial.get_ref() < 1 => {
                self.error(file, serial.span(), "head.number.serial", msg::serial_below_one(serial.get_ref()));
            }
            Some(_) => {}
            None => self.warning(file, number.agency.span(), "head.number.serial", msg::no_serial_yet()),
        }
    }

    /// The organ mark fits the type block at 2号 or larger: the template sets it as large as
    /// fits (at most 22 mm a character) and never smaller than 2号. `marks` are the lines
    /// (one for a single issuer), `suffix` the word beside them.
    fn mark_width(&mut self, file: &SourceFile, span: Range<usize>, field: &str, marks: &[String], suffix: Option<&str>) {
        let longest = marks.iter().max_by_key(|m| m.chars().count()).cloned().unwrap_or_default();
        let n = longest.chars().count() as f64;
        let extra = match suffix {
            Some(s) if marks.len() == 1 => s.chars().count() as f64,
            Some(s) => s.chars().count() as f64 + MARK_SUFFIX_GAP,
            None => 0.0,
        };
        let width = (n + extra) * MARK_MIN_SIZE_MM;
        if width > MARK_MAX_WIDTH_MM {
            let shown = if marks.len() == 1 {
                format!("{longest}{}", suffix.unwrap_or(""))
            } else {
                longest
            };
            self.error(file, span, field, msg::mark_too_wide(shown, format!("{width:.0}")));
        }
    }

    /// 署名 and 成文日期: who signs, in which form, with which seals.
    fn check_signature(&mut self, file: &SourceFile, n: &Notice, vars: &Vars) {
        let sig = n.signature.get_ref();
        // An order is signed by its signer (7.3.5.3) unless it says otherwise (an error).
        let default = if n.format() == DocumentFormat::Order {
            SignatureForm::Signer
        } else {
            SignatureForm::Sealed
        };
        let form = sig.form.as_ref().map_or(default, |f| *f.get_ref());
        let form_name = match form {
            SignatureForm::Sealed => "sealed",
            SignatureForm::Unsealed => "unsealed",
            SignatureForm::Signer => "signer",
        };
        let mut names = Vec::new();
        if n.issuers.is_empty() {
            match &sig.organ {
                Some(organ) => names.extend(
                    self.text(file, "signature.organ", organ, Role::Fangsong, vars, true)
                        .map(|s| (s, organ.span(), "signature.organ".to_string())),
                ),
                None => self.error(file, n.signature.span(), "signature.organ", msg::no_signature_organ()),
            }
            if form == SignatureForm::Signer {
                let span = sig.form.as_ref().map_or_else(|| n.signature.span(), Spanned::span);
                self.error(file, span, "signature.form", msg::signer_form_needs_issuers());
            }
        } else {
            if let Some(organ) = &sig.organ {
                self.error(file, organ.span(), "signature.organ", msg::issuers_given_twice("signature.organ"));
            }
            for (i, issuer) in n.issuers.iter().enumerate() {
                let f = format!("issuers[{i}]");
                // The name was checked with the head; here only what the signature needs.
                names.push((
                    text::expand(issuer.name.get_ref(), vars).unwrap_or_default(),
                    issuer.name.span(),
                    format!("{f}.name"),
                ));
                if let Some(size) = &issuer.seal_size {
                    let mm = size.get_ref().0;
                    if !(20.0..=60.0).contains(&mm) {
                        self.error(file, size.span(), format!("{f}.seal_size"), msg::seal_size(mm));
                    }
                }
                if let Some(seal) = &issuer.seal {
                    self.image(file, &format!("{f}.seal"), seal);
                    if form != SignatureForm::Sealed {
                        self.warning(file, seal.span(), format!("{f}.seal"), msg::seal_unused(form_name));
                    }
                }
                if let Some(seal) = &issuer.signature_seal {
                    self.image(file, &format!("{f}.signature_seal"), seal);
                    if form != SignatureForm::Signer {
                        self.warning(file, seal.span(), format!("{f}.signature_seal"), msg::signature_seal_unused(form_name));
                    }
                }
                match &issuer.signer {
                    Some(title) => {
                        self.text(file, &format!("{f}.signer"), title, Role::Fangsong, vars, true);
                    }
                    None if form == SignatureForm::Signer => {
                        self.error(file, issuer.name.span(), format!("{f}.signer"), msg::signer_title_missing());
                    }
                    None => {}
                }
            }
        }
        for (name, span, field) in names {
            let w = cells(&name);
            if w > NAME_MAX_CELLS {
                self.error(file, span, field, msg::name_too_long(name, w));
            }
        }
    }

    /// A seal image: a PNG or SVG file inside the edition's folder (a relative path, which may
    /// go into a subfolder such as `seals/`).
    fn image(&mut self, file: &SourceFile, field: &str, name: &Text) -> Option<PathBuf> {
        let n = name.get_ref();
        let lower = n.to_ascii_lowercase();
        let rel = Path::new(n);
        let plain = !n.is_empty()
            && !n.contains('\\')
            && rel.is_relative()
            && rel.components().all(|c| matches!(c, std::path::Component::Normal(_)))
            && (lower.ends_with(".png") || lower.ends_with(".svg"));
        if !plain {
            self.error(file, name.span(), field, msg::image_not_plain(n));
            return None;
        }
        let path = file.dir.join(rel);
        let inside = match (path.canonicalize(), file.dir.canonicalize()) {
            (Ok(p), Ok(d)) => p.starts_with(d),
            _ => {
                self.error(file, name.span(), field, msg::image_missing(n, file.dir.display()));
                return None;
            }
        };
        if !inside {
            self.error(file, name.span(), field, msg::image_outside(n));
            return None;
        }
        let looks_right = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_IMAGE_BYTES)
            && std::fs::read(&path).is_ok_and(|bytes| {
                if lower.ends_with(".png") {
                    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
                } else {
                    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_string();
                    head.contains("<svg")
                }
            });
        if !looks_right {
            self.error(file, name.span(), field, msg::image_not_png_or_svg(n));
            return None;
        }
        Some(path)
    }

    /// The path of an attachment's file: a plain file name inside the edition folder.
    fn attachment_path(&mut self, file: &SourceFile, field: &str, name: &Text, dir: &Path) -> Option<PathBuf> {
        let n = name.get_ref();
        let plain = !n.is_empty() && !n.contains(['/', '\\']) && n != "." && n != ".." && n.ends_with(".toml") && n != NOTICE_FILE;
        if !plain {
            self.error(file, name.span(), field, msg::attachment_not_plain(n));
            return None;
        }
        let path = dir.join(n);
        // A symlink out of the edition would escape its folder.
        let inside = match (path.canonicalize(), dir.canonicalize()) {
            (Ok(p), Ok(d)) => p.starts_with(d),
            _ => {
                self.error(file, name.span(), field, msg::attachment_missing(n, dir.display()));
                return None;
            }
        };
        if !inside {
            self.error(file, name.span(), field, msg::attachment_outside(n));
            return None;
        }
        Some(path)
    }

    /// Reads attachment `number` by its kind and checks it: the attachment, and its form if
    /// it has blanks to fill in.
    fn attachment(&mut self, file: &SourceFile, name: &str, number: usize, vars: &Vars) -> Option<(Attachment, Option<LoadedForm>)> {
        let key: KindKey = self.parsed(parse(&file.path, &file.src))?;
        let kind = match &key.kind {
            None => AttachmentKind::Form,
            Some(k) => match AttachmentKind::from_name(k.get_ref()) {
                Some(kind) => kind,
                None => {
                    self.error(file, k.span(), "kind", msg::unknown_attachment_kind(k.get_ref()));
                    return None;
                }
            },
        };
        let errors_before = self.error_count();
        let (title, form) = match kind {
            AttachmentKind::Form => {
                let form: Form = self.parsed(parse(&file.path, &file.src))?;
                let loaded = self.check_form(file, name, number, form, vars);
                (loaded.as_ref().map(|f| f.title.clone()).unwrap_or_default(), loaded)
            }
            AttachmentKind::Text => {
                let text: TextAttachment = self.parsed(parse(&file.path, &file.src))?;
                let title = self.title(file, "title", &text.title, vars);
                for (i, p) in text.paragraphs.iter().enumerate() {
                    self.paragraph(file, &format!("paragraphs[{i}]"), p, vars);
                }
                self.sections(file, "sections", &text.sections, 1, vars);
                self.run_in(file, "run_in", &text.run_in);
                (title, None)
            }
            AttachmentKind::Table => {
                let table: TableAttachment = self.parsed(parse(&file.path, &file.src))?;
                self.check_table(file, name, number, &table, vars)
            }
        };
        (self.error_count() == errors_before).then(|| {
            let attachment = Attachment {
                number,
                file: name.to_string(),
                title,
                kind,
            };
            (attachment, form)
        })
    }

    /// A parsed file, or its error recorded.
    fn parsed<T>(&mut self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|d| self.diags.push(d)).ok()
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    /// The header blanks a form has: all three with their default labels when it does not
    /// say (`default_on`), none with `header = false`, or those it names.
    fn header(&mut self, file: &SourceFile, spec: &Option<Spanned<HeaderSpec>>, default_on: bool, vars: &Vars) -> Vec<(&'static str, String)> {
        let labels = match spec.as_ref().map(Spanned::get_ref) {
            None if default_on => FormHeader::default().labels(),
            None | Some(HeaderSpec::Off) => return Vec::new(),
            Some(HeaderSpec::On(h)) => h.labels(),
        };
        let mut out = Vec::new();
        for (name, label) in labels {
            let default = crate::values::HEADER_FIELDS.iter().find(|(n, _)| *n == name).map_or("", |(_, l)| l);
            match label {
                None => {}
                Some(None) => out.push((name, default.to_string())),
                Some(Some(text)) => {
                    let label = self
                        .text(file, &format!("header.{name}"), &text, Role::Fangsong, vars, true)
                        .unwrap_or_default();
                    out.push((name, label));
                }
            }
        }
        out
    }

    fn check_form(&mut self, file: &SourceFile, name: &str, number: usize, form: Form, vars: &Vars) -> Option<LoadedForm> {
        let errors_before = self.error_count();
        let title = self.lines(file, "title", &form.title, Role::Xiaobiaosong, vars);
        for (i, n) in form.notes.iter().enumerate() {
            self.text(file, &format!("notes[{i}]"), n, Role::Fangsong, vars, true);
        }
        let header = self.header(file, &form.header, true, vars);
        if form.items.is_empty() {
            self.error(file, form.title.span(), "items", msg::form_has_no_items());
        }
        let mut fields = Vec::new();
        let mut codes = HashSet::new();
        for (i, item) in form.items.iter().enumerate() {
            let f = format!("items[{i}]");
            let code = item.code.get_ref();
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
                self.error(file, item.code.span(), format!("{f}.code"), msg::item_code_format(code));
            }
            if !codes.insert(code.clone()) {
                self.error(file, item.code.span(), format!("{f}.code"), msg::item_twice(code));
            }
            if let Some(lead) = &item.lead {
                self.text(file, &format!("{f}.lead"), lead, Role::Fangsong, vars, false);
            }
            if item.fields.is_empty() {
                self.error(file, item.code.span(), format!("{f}.fields"), msg::item_has_no_blanks(code));
            }
            let mut letters = HashSet::new();
            for (j, spec) in item.fields.iter().enumerate() {
                let g = format!("{f}.fields[{j}]");
                let letter = spec.letter.get_ref();
                if letter.len() != 1 || !letter.bytes().all(|b| b.is_ascii_uppercase()) {
                    self.error(file, spec.letter.span(), format!("{g}.letter"), msg::field_letter_format(letter));
                }
                if !letters.insert(letter.clone()) {
                    self.error(file, spec.letter.span(), format!("{g}.letter"), msg::field_twice(format!("{code}{letter}")));
                }
                let label = match &spec.label {
                    Some(l) if matches!(l.get_ref(), Lines::Many(_)) => self.lines(file, &format!("{g}.label"), l, Role::Fangsong, vars),
                    Some(l) => {
                        let one = l.get_ref().lines().concat();
                        self.string(file, &format!("{g}.label"), &one, l.span(), Role::Fangsong, vars, false)
                            .unwrap_or_default()
                    }
                    None => String::new(),
                };
                let tail = match &spec.tail {
                    Some(t) => self.text(file, &format!("{g}.tail"), t, Role::Fangsong, vars, false).unwrap_or_default(),
                    None => String::new(),
                };
                if let Some(a) = &spec.after {
                    self.text(file, &format!("{g}.after"), a, Role::Fangsong, vars, false);
                }
                // A text blank needs no unit (`unit = ""`); a number's unit says what it counts.
                let explicit = spec.kind.as_ref().map(|k| *k.get_ref());
                let unit = self
                    .text(file, &format!("{g}.unit"), &spec.unit, Role::Fangsong, vars, explicit != Some(FieldKind::Text))
                    .unwrap_or_default();
                let kind = explicit.unwrap_or_else(|| FieldKind::from_unit(&unit));
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
        (self.error_count() == errors_before).then(|| LoadedForm {
            number,
            file: name.to_string(),
            title,
            header,
            fields,
            rules,
        })
    }

    /// A table attachment: columns, head and body rows that fill the columns exactly, blanks.
    /// Returns the title and, when the table has blanks, its form.
    fn check_table(&mut self, file: &SourceFile, name: &str, number: usize, t: &TableAttachment, vars: &Vars) -> (String, Option<LoadedForm>) {
        let title = self.title(file, "title", &t.title, vars);
        for (i, n) in t.notes.iter().enumerate() {
            self.text(file, &format!("notes[{i}]"), n, Role::Fangsong, vars, true);
        }
        let header = self.header(file, &t.header, false, vars);
        let ncols = t.columns.len();
        if ncols == 0 {
            self.error(file, t.kind.span(), "columns", msg::table_no_columns());
            return (title, None);
        }
        if ncols > 26 {
            self.error(file, t.kind.span(), "columns", msg::table_too_many_columns(ncols));
            return (title, None);
        }
        let mut width = 0.0;
        for (i, c) in t.columns.iter().enumerate() {
            let w = c.width.get_ref().0;
            if !(w > 0.0 && w.is_finite()) {
                self.error(file, c.width.span(), format!("columns[{i}].width"), msg::column_width(w));
            }
            width += w;
        }
        let landscape = match t.orientation.as_ref().map(|o| (*o.get_ref(), o.span())) {
            Some((Orientation::Portrait, span)) if width > TABLE_PORTRAIT_CHARS => {
                self.error(file, span, "orientation", msg::table_too_wide_portrait(width));
                false
            }
            Some((o, _)) => o == Orientation::Landscape,
            None => width > TABLE_PORTRAIT_CHARS,
        };
        if landscape && width > TABLE_LANDSCAPE_CHARS {
            self.error(file, t.columns[0].width.span(), "columns", msg::table_too_wide(width));
        }
        let blank_rows = match &t.blank_rows {
            Some(n) if !(1..=MAX_TABLE_ROWS as i64).contains(n.get_ref()) => {
                self.error(file, n.span(), "blank_rows", msg::blank_rows_count(n.get_ref()));
                0
            }
            Some(n) => *n.get_ref() as usize,
            None => 0,
        };
        if t.rows.is_empty() && blank_rows == 0 {
            self.error(file, t.kind.span(), "rows", msg::table_has_no_rows());
        }
        let body_rows = t.rows.len() + blank_rows;
        if body_rows > MAX_TABLE_ROWS {
            self.error(file, t.kind.span(), "rows", msg::table_too_many_rows(body_rows));
        }
        if blank_rows == 0 {
            for (i, c) in t.columns.iter().enumerate() {
                if let Some(b) = &c.blank {
                    self.error(file, b.span(), format!("columns[{i}].blank"), msg::column_blank_without_rows());
                }
            }
        }
        let head = self.table_part(file, "head", &t.head, ncols, Role::Heiti, vars);
        let body = self.table_part(file, "rows", &t.rows, ncols, Role::Fangsong, vars);

        // The heads of the columns, for the blanks' labels: the lowest head cell over each.
        let mut heads = vec![String::new(); ncols];
        for placed in &head {
            for h in heads.iter_mut().take(placed.col + placed.colspan).skip(placed.col) {
                *h = placed.text.clone();
            }
            if placed.blank.is_some() {
                self.error(file, placed.span.clone(), placed.field.clone(), msg::blank_in_head());
            }
        }
        let letter = |col: usize| char::from(b'A' + col as u8);
        let label = |col: usize, row: usize| {
            let head = if heads[col].is_empty() { letter(col).to_string() } else { heads[col].clone() };
            msg::table_field_label(head, row).zh
        };
        let mut fields = Vec::new();
        for placed in &body {
            if let Some(kind) = placed.blank {
                fields.push(Field {
                    code: format!("{:02}{}", placed.row + 1, letter(placed.col)),
                    kind,
                    label: label(placed.col, placed.row + 1),
                    unit: String::new(),
                });
            }
        }
        for row in t.rows.len()..body_rows {
            for (col, c) in t.columns.iter().enumerate() {
                if let Some(kind) = &c.blank {
                    fields.push(Field {
                        code: format!("{:02}{}", row + 1, letter(col)),
                        kind: *kind.get_ref(),
                        label: label(col, row + 1),
                        unit: String::new(),
                    });
                }
            }
        }
        let rules: Vec<Rule> = t
            .rules
            .iter()
            .enumerate()
            .filter_map(|(i, r)| self.rule(file, &format!("rules[{i}]"), r, &fields))
            .collect();
        if fields.is_empty() && header.is_empty() {
            return (title, None);
        }
        let form = LoadedForm {
            number,
            file: name.to_string(),
            title: title.clone(),
            header,
            fields,
            rules,
        };
        (title, Some(form))
    }

    /// The rows of a table's head or body, placed on the grid of `ncols` columns as Typst
    /// places them (each cell in the next free place of its row): each row must fill its
    /// columns exactly, and a rowspan must end inside the part.
    fn table_part(&mut self, file: &SourceFile, field: &str, rows: &[Spanned<Vec<Spanned<Cell>>>], ncols: usize, role: Role, vars: &Vars) -> Vec<PlacedCell> {
        let nrows = rows.len();
        let mut taken = vec![vec![false; ncols]; nrows];
        let mut out = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut col = 0;
            for (c, cell) in row.get_ref().iter().enumerate() {
                let f = format!("{field}[{r}][{c}]");
                while col < ncols && taken[r][col] {
                    col += 1;
                }
                let (colspan, rowspan) = cell.get_ref().span();
                let spec = cell.get_ref().spec();
                for (span, value) in [(&spec.colspan, colspan), (&spec.rowspan, rowspan)] {
                    if value < 1 {
                        let at = span.as_ref().map_or_else(|| cell.span(), Spanned::span);
                        self.error(file, at, &f, msg::span_below_one(value));
                    }
                }
                let (colspan, rowspan) = (colspan.max(1) as usize, rowspan.max(1) as usize);
                if col + colspan > ncols {
                    self.error(file, cell.span(), &f, msg::row_overfull(r + 1, ncols));
                    break;
                }
                if r + rowspan > nrows {
                    let at = spec.rowspan.as_ref().map_or_else(|| cell.span(), Spanned::span);
                    self.error(file, at, &f, msg::rowspan_past_end(nrows));
                }
                for line in taken.iter_mut().skip(r).take(rowspan) {
                    for t in line.iter_mut().skip(col).take(colspan) {
                        *t = true;
                    }
                }
                let text = match cell.get_ref().text(cell.span()) {
                    Some(t) => self.text(file, &f, &t, role, vars, false).unwrap_or_default(),
                    None => String::new(),
                };
                out.push(PlacedCell {
                    row: r,
                    col,
                    colspan,
                    text,
                    blank: spec.blank.as_ref().map(|b| *b.get_ref()),
                    span: cell.span(),
                    field: f,
                });
                col += colspan;
            }
            let filled = taken[r].iter().filter(|t| **t).count();
            if filled < ncols {
                self.error(file, row.span(), format!("{field}[{r}]"), msg::row_underfull(r + 1, filled, ncols));
            }
        }
        out
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
            self.error(file, at, field, msg::rule_format(s));
            return None;
        };
        let mut sides = Vec::new();
        for side in [left, right] {
            let mut codes = Vec::new();
            for term in side.split('+') {
                let code = term.trim();
                match fields.iter().find(|f| f.code == code) {
                    Some(f) if f.kind == FieldKind::Choice => {
                        self.error(file, at.clone(), field, msg::rule_adds_a_choice(s, code));
                        return None;
                    }
                    Some(f) if f.kind == FieldKind::Text => {
                        self.error(file, at.clone(), field, msg::rule_adds_text(s, code));
                        return None;
                    }
                    Some(_) => codes.push(code.to_string()),
                    None if code.is_empty() => {
                        self.error(file, at.clone(), field, msg::rule_side_empty(s));
                        return None;
                    }
                    None => {
                        self.error(file, at.clone(), field, msg::rule_unknown_field(s, code));
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
            self.error(file, at, field, msg::rule_mixes_kinds(s));
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

/// A cell of a table placed on its grid.
struct PlacedCell {
    row: usize,
    col: usize,
    colspan: usize,
    text: String,
    blank: Option<FieldKind>,
    span: Range<usize>,
    field: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_typed_numbers_are_found() {
        assert_eq!(hand_number("三、活动内容"), Some("三、"));
        assert_eq!(hand_number("（二）大帮扶。各级工会"), Some("（二）"));
        assert_eq!(hand_number("1.报名时间"), Some("1."));
        assert_eq!(hand_number("（3）带队人员"), Some("（3）"));
        assert_eq!(hand_number("2015年元旦"), None);
        assert_eq!(hand_number("1.5万元用于"), None);
        assert_eq!(hand_number("一是要深入基层"), None);
        assert_eq!(hand_number("（一是）"), None);
    }

    #[test]
    fn serde_messages_have_chinese() {
        let m = parse_message("invalid type: string \"2015\", expected i64");
        assert_eq!(m.en, "invalid type: string \"2015\", expected i64");
        assert!(m.zh.contains("字符串 \"2015\"") && m.zh.contains("整数"), "{}", m.zh);
        let m = parse_message("unknown field `titel`, expected one of `title`, `paragraphs`, `items`");
        assert!(m.zh.contains("`titel`") && m.zh.contains("`title`、`paragraphs`、`items` 之一"), "{}", m.zh);
        let m = parse_message("missing field `date`");
        assert!(m.zh.contains("缺少") && m.zh.contains("`date`"), "{}", m.zh);
        let m = parse_message("unknown variant `yesno`, expected one of `count`, `amount`, `choice`, `text`");
        assert!(m.zh.contains("`yesno`") && m.zh.contains("之一"), "{}", m.zh);
        let m = parse_message("invalid date, expected month between 01 and 12");
        assert!(m.zh.contains("日期不对") && m.zh.contains("01 到 12"), "{}", m.zh);
        let m = parse_message("something else entirely");
        assert!(m.zh.contains("something else entirely"), "{}", m.zh);
    }
}
