//! `gongwen collect`: read returned forms back, check each one, and total them.
//!
//! A return is read from its AcroForm values (`/V`), whoever filled it: this tool, pypdf,
//! pdftk, Acrobat, a browser. Each is identified (the right attachment of the right edition),
//! its values read as people write them, checked against the kinds and the form's rules, and
//! classified. Reading is bounded: a file too large, a broken, encrypted or hostile PDF is
//! reported as unreadable; it never stops the run.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

mod read_pdf;
pub mod summary;

use self::read_pdf::{Source, Value as PdfValue};

use crate::model::{Edition, FieldKind, LoadedForm};
use crate::values::{self, Value};

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
    /// The word scripts read in the CSV.
    pub fn word(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Warning => "warning",
            Status::Rejected => "rejected",
            Status::Unreadable => "unreadable",
        }
    }

    /// The label people read in the XLSX.
    pub fn chinese(self) -> &'static str {
        match self {
            Status::Accepted => "通过",
            Status::Warning => "通过（有警告）",
            Status::Rejected => "退回",
            Status::Unreadable => "无法读取",
        }
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
    pub message: String,
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
}

impl Return {
    pub fn unit(&self) -> Option<&str> {
        match self.values.get("unit") {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }
}

/// The PDF files to read: files as named, folders searched recursively (every file that is
/// not hidden), in a stable order, each once.
pub fn gather(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| format!("{}: {e}", input.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found, 0);
            found.sort();
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

/// What identifies a form in its PDF metadata: its title and keywords.
#[derive(Debug, Clone)]
struct Identity {
    title: String,
    keywords: String,
}

/// The raw field values and identity read from a PDF.
#[derive(Debug, Clone, Default)]
pub struct RawReturn {
    pub fields: BTreeMap<String, String>,
    pub title: Option<String>,
    pub keywords: Option<String>,
}

/// Reads a PDF's form field values and metadata. Any input, however broken, gives an error
/// message rather than a panic; the caller bounds the time.
pub fn read_fields(bytes: &[u8]) -> Result<RawReturn, String> {
    if !bytes.starts_with(b"%PDF-") && !bytes.get(..1024).unwrap_or(bytes).windows(5).any(|w| w == b"%PDF-") {
        return Err("not a PDF file".into());
    }
    let result = std::panic::catch_unwind(|| read_fields_unguarded(bytes));
    result.unwrap_or_else(|_| Err("the PDF is damaged beyond reading".into()))
}

fn read_fields_unguarded(bytes: &[u8]) -> Result<RawReturn, String> {
    match read_pdf::Plain::open(bytes) {
        Some(plain) => match read_from(&plain) {
            Ok(r) => Ok(r),
            // A plain-looking file the direct reader cannot follow: let lopdf try.
            Err(_) => read_from(&read_pdf::Full::open(bytes)?),
        },
        None => read_from(&read_pdf::Full::open(bytes)?),
    }
}

fn read_from(src: &impl Source) -> Result<RawReturn, String> {
    let mut out = RawReturn::default();
    if let Some(info) = src.trailer().get(b"Info").and_then(|i| src.resolve(i)) {
        out.title = info.get(b"Title").and_then(text);
        out.keywords = info.get(b"Keywords").and_then(text);
    }
    let catalog = src.trailer().get(b"Root").and_then(|r| src.resolve(r)).ok_or("the PDF has no catalog")?;
    let acroform = catalog
        .get(b"AcroForm")
        .and_then(|a| src.resolve(a))
        .filter(|a| matches!(a, PdfValue::Dict(_)))
        .ok_or("the PDF has no form fields: it is not a fillable form (was it printed to PDF or flattened?)")?;
    let Some(PdfValue::Array(fields)) = acroform.get(b"Fields").and_then(|f| src.resolve(f)) else {
        return Err("the PDF's form has no fields".into());
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
) -> Result<(), String> {
    if depth > MAX_FIELD_DEPTH || out.len() > MAX_FIELDS || visited.len() > MAX_FIELDS {
        return Err("the form's field tree is too deep or too large".into());
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

/// A PDF text string: UTF-16BE with a byte order mark, UTF-8 with one, else PDFDocEncoding.
fn text(o: &PdfValue) -> Option<String> {
    let PdfValue::String(bytes) = o else { return None };
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks(2).filter(|c| c.len() == 2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return Some(String::from_utf16_lossy(&units));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Some(String::from_utf8_lossy(rest).into_owned());
    }
    // PDFDocEncoding agrees with Latin-1 for every character a form value uses.
    Some(bytes.iter().map(|&b| b as char).collect())
}

/// Reads one file with its time and size bounded.
fn read_bounded(path: &Path) -> Result<RawReturn, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_RETURN_BYTES {
        return Err(format!("{} bytes is too large for a return (at most {MAX_RETURN_BYTES})", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("read-return".into())
        // Room for lopdf's recursion on a legitimately nested file.
        .stack_size(16 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(read_fields(&bytes));
        })
        .map_err(|e| format!("cannot start a reader: {e}"))?;
    rx.recv_timeout(READ_TIMEOUT)
        .unwrap_or_else(|_| Err(format!("reading took longer than {} s: the PDF is damaged or hostile", READ_TIMEOUT.as_secs())))
}

/// Checks one return's raw values against attachment `form` of `edition`.
pub fn check(edition: &Edition, form: &LoadedForm, file: &Path, raw: Result<RawReturn, String>) -> Return {
    let mut ret = Return {
        file: file.to_path_buf(),
        status: Status::Accepted,
        values: BTreeMap::new(),
        problems: Vec::new(),
        identified: false,
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
    let fatal = |code: Option<&str>, message: String| Problem {
        fatal: true,
        code: code.map(str::to_string),
        message,
    };
    let warn = |code: Option<&str>, message: String| Problem {
        fatal: false,
        code: code.map(str::to_string),
        message,
    };

    // Who sent it: read first, so that even a return of the wrong form says whose it is.
    for (name, _) in &form.header {
        let v = values::normalize(raw.fields.get(*name).map_or("", String::as_str));
        if !v.is_empty() {
            ret.values.insert(name.to_string(), Value::Text(v));
        }
    }
    // Which form is this?
    let expected: BTreeSet<String> = form.field_names().map(str::to_string).collect();
    let found: BTreeSet<String> = raw.fields.keys().cloned().collect();
    let identity = Identity {
        title: form.title.clone(),
        keywords: edition.attachment_keywords(form.number),
    };
    if found != expected {
        let other = edition
            .forms
            .iter()
            .find(|f| f.field_names().map(str::to_string).collect::<BTreeSet<_>>() == found);
        let message = match other {
            Some(o) if o.number != form.number => format!(
                "this is a return of 附件{} 《{}》, not of 附件{} 《{}》",
                o.number, o.title, form.number, form.title
            ),
            _ => {
                let missing: Vec<_> = expected.difference(&found).take(5).cloned().collect();
                let extra: Vec<_> = found.difference(&expected).take(5).cloned().collect();
                format!(
                    "this is not the form 《{}》: its fields differ (missing {missing:?}, unknown {extra:?})",
                    form.title
                )
            }
        };
        ret.status = Status::Rejected;
        ret.problems.push(fatal(None, message));
        return ret;
    }
    match (&raw.title, &raw.keywords) {
        (Some(title), _) if title.trim() != identity.title => {
            ret.problems.push(fatal(
                None,
                format!("this is a return of 《{}》, not of this edition's 《{}》", title.trim(), identity.title),
            ));
        }
        (_, Some(keywords)) if keywords.trim() != identity.keywords => {
            ret.problems
                .push(fatal(None, format!("this return belongs to {}, not to {}", keywords.trim(), identity.keywords)));
        }
        (None, None) => ret
            .problems
            .push(warn(None, "the file does not say which edition it is from (its metadata was removed)".into())),
        _ => {}
    }

    ret.identified = true;
    for (name, label) in &form.header {
        let name = *name;
        if !ret.values.contains_key(name) {
            let p = if name == "unit" {
                fatal(Some(name), format!("{label} is empty"))
            } else {
                warn(Some(name), format!("{label} is empty"))
            };
            ret.problems.push(p);
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
                ret.problems.push(fatal(Some(&field.code), format!("{} {}: {e}", field.code, field.label)));
            }
        }
    }
    if !blanks.is_empty() {
        let shown: Vec<_> = blanks.iter().take(12).cloned().collect();
        let more = if blanks.len() > shown.len() {
            format!(" and {} more", blanks.len() - shown.len())
        } else {
            String::new()
        };
        ret.problems.push(warn(
            None,
            format!(
                "{} blank{} left empty, taken as 0: {}{more}",
                blanks.len(),
                if blanks.len() == 1 { "" } else { "s" },
                shown.join(", ")
            ),
        ));
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
        for v in values::check_rules(std::slice::from_ref(rule), &with_zeros) {
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

/// Reads and checks every file, on every core; flags units that returned more than once.
pub fn collect(edition: &Edition, form: &LoadedForm, files: &[PathBuf], progress: &(dyn Fn(&Path) + Sync)) -> Vec<Return> {
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
                        mine.push((i, check(edition, form, f, read_bounded(f))));
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
        if let (Some(u), true) = (r.unit(), r.identified) {
            by_unit.entry(u.to_string()).or_default().push(i);
        }
    }
    for (unit, indices) in by_unit.into_iter().filter(|(_, v)| v.len() > 1) {
        let names: Vec<String> = indices.iter().map(|&i| returns[i].file.display().to_string()).collect();
        for &i in &indices {
            let others: Vec<&str> = names
                .iter()
                .filter(|n| **n != returns[i].file.display().to_string())
                .map(String::as_str)
                .collect();
            returns[i].problems.push(Problem {
                fatal: true,
                code: Some("unit".into()),
                message: format!("{unit} returned more than once (also {}): keep one and collect again", others.join(", ")),
            });
            returns[i].status = Status::Rejected;
        }
    }
    returns
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
