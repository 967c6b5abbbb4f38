//! `gongwen collect`: read returned forms back, check each one, and total them.
//!
//! A return is a PDF read from its AcroForm values (`/V`), whoever filled it: this tool,
//! pypdf, pdftk, Acrobat, a browser; or a spreadsheet (`read_sheet`: .xlsx, .xls, .ods, a WPS
//! .et) read by its cells' defined names. Each is identified (the right attachment of the
//! right edition), its values read as people write them, matched to a unit of the roster
//! (`roster`), checked against the kinds and the form's rules, and classified. Reading is
//! bounded: a file too large, a broken, encrypted or hostile file is reported as unreadable;
//! it never stops the run.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

mod read_pdf;
pub mod read_sheet;
pub mod roster;
pub mod summary;

use self::read_pdf::{Source, Value as PdfValue};
use self::read_sheet::SheetFormat;
use self::roster::{Match, Roster};

use crate::i18n::{Message, returns as msg};
use crate::model::{Edition, FieldKind, LoadedForm};
use crate::values::{self, HEADER_FIELDS, Value};

/// Largest return read; a form is 2 MB.
const MAX_RETURN_BYTES: u64 = 64 * 1024 * 1024;
/// Longest a return may take to read.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Deepest field tree followed.
const MAX_FIELD_DEPTH: usize = 16;
/// Most fields read from one file.
const MAX_FIELDS: usize = 10_000;

/// How a return fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Accepted,
    /// Accepted, with things to look at.
    Warning,
    Rejected,
    Unreadable,
}

impl Status {
    /// The status in both languages: 通过 / accepted, ….
    pub fn message(self) -> Message {
        match self {
            Status::Accepted => msg::status_accepted(),
            Status::Warning => msg::status_warning(),
            Status::Rejected => msg::status_rejected(),
            Status::Unreadable => msg::status_unreadable(),
        }
    }

    /// The English word: `accepted`, `warning`, `rejected`, `unreadable`.
    pub fn word(self) -> String {
        self.message().en
    }

    /// The label people read in the summaries: 通过, 通过（有警告）, 退回, 无法读取.
    pub fn chinese(self) -> String {
        self.message().zh
    }

    /// Whether the return's numbers go into the totals.
    pub fn counts(self) -> bool {
        matches!(self, Status::Accepted | Status::Warning)
    }
}

/// One problem with a return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Rejects the return (else it is a warning).
    pub fatal: bool,
    /// The field it concerns, if one.
    pub code: Option<String>,
    pub message: Message,
}

/// One returned file, read and checked.
#[derive(Debug, Clone)]
pub struct Return {
    pub file: PathBuf,
    pub status: Status,
    /// `unit`, `reporter`, `phone` and the codes that were filled.
    pub values: BTreeMap<String, Value>,
    pub problems: Vec<Problem>,
    /// Recognised as a return of this form of this edition.
    pub identified: bool,
    /// The roster unit it is from (its index), when there is a roster and the unit is on it.
    pub roster: Option<usize>,
    /// The roster unit its 填报单位 nearly names (a typo, a short form), when not on it.
    pub near: Option<usize>,
}

impl Return {
    pub fn unit(&self) -> Option<&str> {
        match self.values.get("unit") {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }

    fn refuse(&mut self, code: Option<&str>, message: Message) {
        self.problems.push(Problem {
            fatal: true,
            code: code.map(str::to_string),
            message,
        });
        self.status = Status::Rejected;
    }
}

/// Compares two texts as people count: the numbers in them by value, so that 第117 comes
/// before 第1017 and 第2 before 第10.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(c) = it.next_if(char::is_ascii_digit) {
                        digits.push(c);
                    }
                    digits
                };
                let (da, db) = (take(&mut a), take(&mut b));
                let (ta, tb) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
                let order = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb)).then_with(|| da.len().cmp(&db.len()));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

fn natural_path_cmp(a: &Path, b: &Path) -> Ordering {
    natural_cmp(&a.to_string_lossy(), &b.to_string_lossy())
}

/// The files to read: files as named, folders searched recursively (every file that is not
/// hidden), in people's order (第2 before 第10), each once.
pub fn gather(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| format!("{}: {e}", input.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found, 0);
            found.sort_by(|a, b| natural_path_cmp(a, b));
            for f in found {
                if seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())) {
                    out.push(f);
                }
            }
        } else if seen.insert(input.canonicalize().unwrap_or_else(|_| input.clone())) {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    // A folder that cannot be listed (or is too deep) is reported as an input of its own,
    // so that nothing in it is lost without a word.
    let entries = match std::fs::read_dir(dir) {
        Ok(e) if depth <= 32 => e,
        _ => {
            out.push(dir.to_path_buf());
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Follow links: a return may be a link into another folder.
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() && !entry.file_type().is_ok_and(|t| t.is_symlink()) => walk(&path, out, depth + 1),
            Ok(m) if m.is_dir() => {}
            _ => out.push(path),
        }
    }
}

/// The raw field values and identity read from a return.
#[derive(Debug, Clone, Default)]
pub struct RawReturn {
    pub fields: BTreeMap<String, String>,
    /// The printed title (PDF: the document's title; spreadsheet: the `title` cell).
    pub title: Option<String>,
    /// The edition and attachment (PDF: the keywords; spreadsheet: the `form` cell).
    pub keywords: Option<String>,
}

/// Reads a PDF's form field values and metadata. Any input, however broken, gives an error
/// message rather than a panic; the caller bounds the time.
pub fn read_fields(bytes: &[u8]) -> Result<RawReturn, Message> {
    if !bytes.starts_with(b"%PDF-") && !bytes.get(..1024).unwrap_or(bytes).windows(5).any(|w| w == b"%PDF-") {
        return Err(msg::not_a_return_file());
    }
    let result = std::panic::catch_unwind(|| read_fields_unguarded(bytes));
    result.unwrap_or_else(|_| Err(msg::pdf_damaged()))
}

/// Reads a returned file of any kind: a PDF, or a spreadsheet by its content (the extension
/// only tells a WPS .et apart, for its message).
pub fn read_return(bytes: &[u8], extension: &str) -> Result<RawReturn, Message> {
    let wps = extension.eq_ignore_ascii_case("et");
    if read_sheet::is_word(bytes) {
        return Err(msg::a_word_document());
    }
    match SheetFormat::sniff(bytes) {
        Some(format) => read_sheet::read(bytes, format).map_err(|e| if wps { msg::wps_et_unreadable() } else { e }),
        None if wps => Err(msg::wps_et_unreadable()),
        None => read_fields(bytes),
    }
}

fn read_fields_unguarded(bytes: &[u8]) -> Result<RawReturn, Message> {
    match read_pdf::Plain::open(bytes) {
        Some(plain) => match read_from(&plain) {
            Ok(r) => Ok(r),
            // A plain-looking file the direct reader cannot follow: let lopdf try.
            Err(_) => read_from(&read_pdf::Full::open(bytes)?),
        },
        None => read_from(&read_pdf::Full::open(bytes)?),
    }
}

fn read_from(src: &impl Source) -> Result<RawReturn, Message> {
    let mut out = RawReturn::default();
    if let Some(info) = src.trailer().get(b"Info").and_then(|i| src.resolve(i)) {
        out.title = info.get(b"Title").and_then(text);
        out.keywords = info.get(b"Keywords").and_then(text);
    }
    let catalog = src.trailer().get(b"Root").and_then(|r| src.resolve(r)).ok_or_else(msg::pdf_no_catalog)?;
    let acroform = catalog
        .get(b"AcroForm")
        .and_then(|a| src.resolve(a))
        .filter(|a| matches!(a, PdfValue::Dict(_)))
        .ok_or_else(msg::pdf_not_fillable)?;
    let Some(PdfValue::Array(fields)) = acroform.get(b"Fields").and_then(|f| src.resolve(f)) else {
        return Err(msg::pdf_no_fields());
    };
    let mut visited = HashSet::new();
    for f in &fields {
        collect_field(src, f, "", None, 0, &mut visited, &mut out.fields)?;
    }
    Ok(out)
}

fn collect_field(
    src: &impl Source,
    obj: &PdfValue,
    prefix: &str,
    inherited: Option<&PdfValue>,
    depth: usize,
    visited: &mut HashSet<u32>,
    out: &mut BTreeMap<String, String>,
) -> Result<(), Message> {
    if depth > MAX_FIELD_DEPTH || out.len() > MAX_FIELDS || visited.len() > MAX_FIELDS {
        return Err(msg::field_tree_too_large());
    }
    if let PdfValue::Ref(id) = obj
        && !visited.insert(*id)
    {
        return Ok(());
    }
    let Some(dict) = src.resolve(obj).filter(|d| matches!(d, PdfValue::Dict(_))) else {
        return Ok(());
    };
    let partial = dict.get(b"T").and_then(text);
    let name = match (&partial, prefix.is_empty()) {
        (Some(t), true) => t.clone(),
        (Some(t), false) => format!("{prefix}.{t}"),
        (None, _) => prefix.to_string(),
    };
    let value = dict.get(b"V").or(inherited);
    let kids = match dict.get(b"Kids").and_then(|k| src.resolve(k)) {
        Some(PdfValue::Array(a)) => a,
        _ => Vec::new(),
    };
    let named_kids = kids.iter().any(|k| src.resolve(k).is_some_and(|d| d.get(b"T").is_some()));
    if named_kids {
        for k in &kids {
            collect_field(src, k, &name, value, depth + 1, visited, out)?;
        }
    } else if !name.is_empty() {
        let v = value.and_then(|v| src.resolve(v)).map(|v| value_text(src, &v, 0)).unwrap_or_default();
        out.insert(name, v);
    }
    Ok(())
}

fn value_text(src: &impl Source, v: &PdfValue, depth: usize) -> String {
    match v {
        PdfValue::String(_) => text(v).unwrap_or_default(),
        PdfValue::Name(n) => String::from_utf8_lossy(n).into_owned(),
        PdfValue::Number(n) => n.to_string(),
        PdfValue::Array(a) if depth < 4 => a
            .iter()
            .filter_map(|o| src.resolve(o))
            .map(|o| value_text(src, &o, depth + 1))
            .collect::<Vec<_>>()
            .join(","),
        _ => String::new(),
    }
}

/// PDFDocEncoding's characters for the bytes where it differs from Latin-1 (PDF 32000-1,
/// Annex D): 0x18–0x1F and 0x80–0xA0; 0x7F, 0x9F and 0xAD are undefined.
const PDF_DOC_ENCODING: [(u8, char); 40] = [
    (0x18, '\u{02D8}'),
    (0x19, '\u{02C7}'),
    (0x1A, '\u{02C6}'),
    (0x1B, '\u{02D9}'),
    (0x1C, '\u{02DD}'),
    (0x1D, '\u{02DB}'),
    (0x1E, '\u{02DA}'),
    (0x1F, '\u{02DC}'),
    (0x80, '\u{2022}'),
    (0x81, '\u{2020}'),
    (0x82, '\u{2021}'),
    (0x83, '\u{2026}'),
    (0x84, '\u{2014}'),
    (0x85, '\u{2013}'),
    (0x86, '\u{0192}'),
    (0x87, '\u{2044}'),
    (0x88, '\u{2039}'),
    (0x89, '\u{203A}'),
    (0x8A, '\u{2212}'),
    (0x8B, '\u{2030}'),
    (0x8C, '\u{201E}'),
    (0x8D, '\u{201C}'),
    (0x8E, '\u{201D}'),
    (0x8F, '\u{2018}'),
    (0x90, '\u{2019}'),
    (0x91, '\u{201A}'),
    (0x92, '\u{2122}'),
    (0x93, '\u{FB01}'),
    (0x94, '\u{FB02}'),
    (0x95, '\u{0141}'),
    (0x96, '\u{0152}'),
    (0x97, '\u{0160}'),
    (0x98, '\u{0178}'),
    (0x99, '\u{017D}'),
    (0x9A, '\u{0131}'),
    (0x9B, '\u{0142}'),
    (0x9C, '\u{0153}'),
    (0x9D, '\u{0161}'),
    (0x9E, '\u{017E}'),
    (0xA0, '\u{20AC}'),
];

/// A byte of PDFDocEncoding as a character: Latin-1 but for the table above; an undefined
/// byte is U+FFFD.
fn pdf_doc_char(b: u8) -> char {
    match PDF_DOC_ENCODING.binary_search_by_key(&b, |(byte, _)| *byte) {
        Ok(i) => PDF_DOC_ENCODING[i].1,
        Err(_) if matches!(b, 0x7F | 0x9F | 0xAD) => '\u{FFFD}',
        Err(_) => char::from(b),
    }
}

/// A PDF text string, decoded as PDF 32000 §7.9.2.2 says: UTF-16BE with a byte order mark,
/// UTF-8 with one (PDF 2.0), else PDFDocEncoding.
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks(2).filter(|c| c.len() == 2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| pdf_doc_char(b)).collect()
}

fn text(o: &PdfValue) -> Option<String> {
    let PdfValue::String(bytes) = o else { return None };
    Some(decode_text_string(bytes))
}

/// A return's bytes: memory-mapped, so that a 2 MB form whose fields sit in its last pages is
/// not copied whole (only the pages the reader touches are read). A file that another
/// program truncates while it is read is the one thing this does not survive, as every
/// reader of mapped files (Typst's fonts here among them).
fn map(path: &Path, len: u64) -> std::io::Result<Box<dyn AsRef<[u8]> + Send>> {
    if len < 64 * 1024 {
        return Ok(Box::new(std::fs::read(path)?));
    }
    let file = std::fs::File::open(path)?;
    // SAFETY: the map is only read; see above for a file changed under it.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok(Box::new(map))
}

/// Reads one file with its time and size bounded.
fn read_bounded(path: &Path) -> Result<RawReturn, Message> {
    let meta = std::fs::metadata(path).map_err(msg::read_failed)?;
    if meta.len() > MAX_RETURN_BYTES {
        return Err(msg::too_large(meta.len(), MAX_RETURN_BYTES));
    }
    let bytes = map(path, meta.len()).map_err(msg::read_failed)?;
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_string();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("read-return".into())
        // Room for lopdf's recursion on a legitimately nested file.
        .stack_size(16 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(read_return((*bytes).as_ref(), &extension));
        })
        .map_err(msg::cannot_start_reader)?;
    rx.recv_timeout(READ_TIMEOUT).unwrap_or_else(|_| Err(msg::too_slow(READ_TIMEOUT.as_secs())))
}

/// The field names of a form's file: the header blanks it has and every code.
fn field_names(form: &LoadedForm) -> BTreeSet<String> {
    form.field_names().map(str::to_string).collect()
}

/// Checks one return's raw values against attachment `form` of `edition`, and its unit
/// against the roster if there is one.
pub fn check(edition: &Edition, form: &LoadedForm, roster: Option<&Roster>, file: &Path, raw: Result<RawReturn, Message>) -> Return {
    let mut ret = Return {
        file: file.to_path_buf(),
        status: Status::Accepted,
        values: BTreeMap::new(),
        problems: Vec::new(),
        identified: false,
        roster: None,
        near: None,
    };
    let raw = match raw {
        Ok(r) => r,
        Err(message) => {
            ret.status = Status::Unreadable;
            ret.problems.push(Problem {
                fatal: true,
                code: None,
                message,
            });
            return ret;
        }
    };
    let fatal = |code: Option<&str>, message: Message| Problem {
        fatal: true,
        code: code.map(str::to_string),
        message,
    };
    let warn = |code: Option<&str>, message: Message| Problem {
        fatal: false,
        code: code.map(str::to_string),
        message,
    };

    // Who sent it: read first, so that even a return of the wrong form says whose it is (any
    // header blank the file has, the form's or not).
    for (name, _) in HEADER_FIELDS {
        let v = values::normalize(raw.fields.get(name).map_or("", String::as_str));
        if !v.is_empty() {
            ret.values.insert(name.to_string(), Value::Text(v));
        }
    }
    // Which form is this?
    let expected = field_names(form);
    let found: BTreeSet<String> = raw.fields.keys().cloned().collect();
    let (title, keywords) = (form.title.clone(), edition.attachment_keywords(form.number));
    if found != expected {
        let other = edition.forms.iter().find(|f| field_names(f) == found);
        let message = match other {
            Some(o) if o.number != form.number => msg::other_attachment(o.number, &o.title, form.number, &form.title),
            _ => {
                let missing: Vec<_> = expected.difference(&found).take(5).cloned().collect();
                let extra: Vec<_> = found.difference(&expected).take(5).cloned().collect();
                msg::not_this_form(&form.title, missing.join("、"), extra.join("、"))
            }
        };
        ret.status = Status::Rejected;
        ret.problems.push(fatal(None, message));
        return ret;
    }
    match (&raw.title, &raw.keywords) {
        (Some(t), _) if t.trim() != title => ret.problems.push(fatal(None, msg::other_title(t.trim(), &title))),
        (_, Some(k)) if k.trim() != keywords => ret.problems.push(fatal(None, msg::other_edition(k.trim(), &keywords))),
        (None, None) => ret.problems.push(warn(None, msg::no_identity())),
        _ => {}
    }

    ret.identified = true;
    for (name, label) in &form.header {
        let name = *name;
        if !ret.values.contains_key(name) {
            let p = if name == "unit" {
                fatal(Some(name), msg::header_empty(label))
            } else {
                warn(Some(name), msg::header_empty(label))
            };
            ret.problems.push(p);
        }
    }
    // Which unit of the roster.
    if let (Some(roster), Some(unit)) = (roster, ret.unit().map(str::to_string)) {
        match roster.find(&unit) {
            Match::Unit(i) => ret.roster = Some(i),
            Match::Near(i) => {
                ret.near = Some(i);
                ret.problems.push(fatal(Some("unit"), msg::near_miss(&unit, &roster.units[i].name)));
            }
            Match::Unknown => ret.problems.push(fatal(Some("unit"), msg::not_on_roster(&unit, roster.file.display()))),
        }
    }
    // The numbered fields.
    let mut blanks = Vec::new();
    let mut misread = BTreeSet::new();
    for field in &form.fields {
        let written = raw.fields.get(&field.code).map_or("", String::as_str);
        match values::parse(field.kind, written) {
            Ok(Some(v)) => {
                ret.values.insert(field.code.clone(), v);
            }
            Ok(None) => blanks.push(field.code.clone()),
            Err(e) => {
                misread.insert(field.code.clone());
                let message = Message::compose(|l| msg::bad_value(&field.code, &field.label, e.get(l)));
                ret.problems.push(fatal(Some(&field.code), message));
            }
        }
    }
    if !blanks.is_empty() {
        let shown: Vec<_> = blanks.iter().take(12).cloned().collect();
        let message = if blanks.len() == 1 {
            msg::blank_left(&shown[0])
        } else {
            let more = blanks.len() - shown.len();
            Message::compose(|l| {
                msg::blanks_left(
                    blanks.len(),
                    shown.join(", "),
                    if more > 0 { msg::and_more(more).get(l).to_string() } else { String::new() },
                )
            })
        };
        ret.problems.push(warn(None, message));
    }
    // The rules, blanks as 0 where the rule has any value filled.
    for rule in &form.rules {
        let codes: Vec<&String> = rule.left.iter().chain(&rule.right).collect();
        // A value that could not be read is not a 0: the rule cannot be judged.
        if codes.iter().all(|c| !ret.values.contains_key(*c)) || codes.iter().any(|c| misread.contains(*c)) {
            continue;
        }
        let mut with_zeros = ret.values.clone();
        for c in codes {
            let zero = match form.fields.iter().find(|f| &f.code == c).map(|f| f.kind) {
                Some(FieldKind::Amount) => Value::Amount(0),
                _ => Value::Count(0),
            };
            with_zeros.entry(c.clone()).or_insert(zero);
        }
        for v in values::check_rules(&form.fields, std::slice::from_ref(rule), &with_zeros) {
            ret.problems.push(fatal(rule.left.first().map(String::as_str), v.message));
        }
    }
    ret.status = if ret.problems.iter().any(|p| p.fatal) {
        Status::Rejected
    } else if ret.problems.is_empty() {
        Status::Accepted
    } else {
        Status::Warning
    };
    ret
}

/// The returns of one collection, in the order the summary shows them, and the roster units
/// that have none that counts.
#[derive(Debug, Clone)]
pub struct Collection {
    /// Returns of roster units in roster order, then the rest (not on the roster, or not
    /// read) in people's order of their files.
    pub returns: Vec<Return>,
    /// Indices of the roster units without a return that counts (未报单位).
    pub missing: Vec<usize>,
}

/// Reads and checks every file, on every core; flags units that returned more than once;
/// orders the returns by the roster.
pub fn collect(edition: &Edition, form: &LoadedForm, roster: Option<&Roster>, files: &[PathBuf], progress: &(dyn Fn(&Path) + Sync)) -> Collection {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<Return>> = vec![None; files.len()];
    let done: Vec<Vec<(usize, Return)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(f) = files.get(i) else { break };
                        progress(f);
                        mine.push((i, check(edition, form, roster, f, read_bounded(f))));
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a reader panicked")).collect()
    });
    for (i, r) in done.into_iter().flatten() {
        slots[i] = Some(r);
    }
    let mut returns: Vec<Return> = slots.into_iter().map(|r| r.expect("every file was read")).collect();
    // The same unit twice: neither is summed until the office keeps one.
    let mut by_unit: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in returns.iter().enumerate() {
        let key = match (r.roster, r.unit(), roster) {
            (Some(u), _, Some(roster)) => Some(roster.units[u].name.clone()),
            (None, Some(unit), None) => Some(roster::key(unit)),
            _ => None,
        };
        if let (Some(key), true) = (key, r.identified) {
            by_unit.entry(key).or_default().push(i);
        }
    }
    for (unit, indices) in by_unit.into_iter().filter(|(_, v)| v.len() > 1) {
        let names: Vec<String> = indices.iter().map(|&i| returns[i].file.display().to_string()).collect();
        for &i in &indices {
            let mine = returns[i].file.display().to_string();
            let others: Vec<&str> = names.iter().filter(|n| **n != mine).map(String::as_str).collect();
            returns[i].refuse(Some("unit"), msg::returned_twice(&unit, others.join(", ")));
        }
    }
    returns.sort_by(|a, b| {
        let rank = |r: &Return| r.roster.unwrap_or(usize::MAX);
        rank(a).cmp(&rank(b)).then_with(|| natural_path_cmp(&a.file, &b.file))
    });
    let counted: BTreeSet<usize> = returns.iter().filter(|r| r.status.counts()).filter_map(|r| r.roster).collect();
    let missing = roster.map_or_else(Vec::new, |r| (0..r.units.len()).filter(|i| !counted.contains(i)).collect());
    Collection { returns, missing }
}

/// Totals of every numeric code over the returns that count; for a 是/否 field, the number of 是.
pub fn totals(form: &LoadedForm, returns: &[Return]) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for field in &form.fields {
        let counted = returns.iter().filter(|r| r.status.counts());
        let total = match field.kind {
            FieldKind::Count => Value::Count(wide_sum(counted.filter_map(|r| r.values.get(&field.code).and_then(Value::number)))),
            FieldKind::Amount => Value::Amount(wide_sum(counted.filter_map(|r| r.values.get(&field.code).and_then(Value::number)))),
            FieldKind::Choice => Value::Count(counted.filter(|r| r.values.get(&field.code) == Some(&Value::Choice(true))).count() as i64),
            // Names and phones are listed, not added up.
            FieldKind::Text => continue,
        };
        out.insert(field.code.clone(), total);
    }
    out
}

/// A sum that cannot wrap around: values are capped, and the total saturates.
fn wide_sum(values: impl Iterator<Item = i64>) -> i64 {
    i64::try_from(values.map(i128::from).sum::<i128>()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_decode_as_the_pdf_spec_says() {
        // pypdf writes `027–85551234 • 8001` in PDFDocEncoding: – is 0x85, • is 0x80.
        let pdfdoc = b"027\x8585551234 \x80 8001";
        assert_eq!(decode_text_string(pdfdoc), "027–85551234 • 8001");
        assert_eq!(decode_text_string(b"\xFE\xFF\x5F\x20\x55\x86"), "张喆");
        assert_eq!(decode_text_string("\u{FEFF}张喆".as_bytes()), "张喆");
        assert_eq!(decode_text_string(b"caf\xE9 \x93"), "café ﬁ");
    }

    #[test]
    fn files_sort_as_people_count() {
        let mut v = vec!["第1017号.pdf", "第117号.pdf", "第2号.pdf", "第10号.pdf", "a.pdf"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["a.pdf", "第2号.pdf", "第10号.pdf", "第117号.pdf", "第1017号.pdf"]);
    }
}
