//! `gongwen fill`: values for a form's blanks, read from a TOML or CSV file (one return) or
//! from a CSV of reporting units (one pre-filled form per unit), checked before anything is
//! written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::LoadedForm;
use crate::values::{self, HEADER_FIELDS, Value};

/// Header names a units file may use for the header blanks, in English or Chinese.
fn header_field(column: &str) -> Option<&'static str> {
    let c = column.trim();
    HEADER_FIELDS.iter().find(|(name, label)| c == *name || c == *label).map(|(name, _)| *name)
}

/// Reads `code = value` pairs from a `.toml` file, or `code,value` rows from a `.csv` file.
pub fn read_values_file(path: &Path) -> Result<BTreeMap<String, String>, Diagnostics> {
    let text = read_text(path)?;
    let one = |line: usize, m: String| {
        Diagnostics(vec![Diagnostic {
            line,
            column: if line > 0 { 1 } else { 0 },
            ..Diagnostic::file_error(path, m)
        }])
    };
    match extension(path).as_str() {
        "toml" => {
            let table: toml::Table = toml::from_str(&text).map_err(|e| {
                let span = e.span().unwrap_or(0..0);
                Diagnostics(vec![Diagnostic::error(path, &text, span, "", e.message().trim().replace('\n', " "))])
            })?;
            let mut out = BTreeMap::new();
            for (key, value) in table {
                let written = match value {
                    toml::Value::String(s) => s,
                    toml::Value::Integer(i) => i.to_string(),
                    toml::Value::Float(f) => f.to_string(),
                    toml::Value::Boolean(b) => if b { "是" } else { "否" }.to_string(),
                    other => {
                        let at = text.find(&key).unwrap_or(0);
                        return Err(Diagnostics(vec![Diagnostic::error(
                            path,
                            &text,
                            at..at,
                            key,
                            format!("expected a number or text, found {}", other.type_str()),
                        )]));
                    }
                };
                let code = header_field(&key).map_or(key, str::to_string);
                out.insert(code, written);
            }
            Ok(out)
        }
        "csv" => {
            let mut out = BTreeMap::new();
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
            for (i, row) in reader.records().enumerate() {
                let row = row.map_err(|e| one(i + 1, format!("not CSV: {e}")))?;
                let line = row.position().map_or(i + 1, |p| p.line() as usize);
                let (Some(code), Some(value)) = (row.get(0), row.get(1)) else {
                    if row.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    return Err(one(line, "expected two columns: code,value".into()));
                };
                let code = code.trim().trim_start_matches('\u{FEFF}');
                if i == 0 && (code.eq_ignore_ascii_case("code") || code == "编号") {
                    continue;
                }
                if row.len() > 2 && row.iter().skip(2).any(|c| !c.trim().is_empty()) {
                    return Err(one(line, "expected two columns: code,value".into()));
                }
                let code = header_field(code).map_or_else(|| code.to_string(), str::to_string);
                if out.insert(code.clone(), value.to_string()).is_some() {
                    return Err(one(line, format!("{code} is given twice")));
                }
            }
            Ok(out)
        }
        _ => Err(one(0, "expected a .toml or .csv file of code → value".into())),
    }
}

/// One reporting unit of a units file: its row and the values to pre-fill.
#[derive(Debug, Clone)]
pub struct Unit {
    pub line: usize,
    pub name: String,
    pub values: BTreeMap<String, Value>,
}

/// Reads a CSV whose header names the columns (`unit` or 填报单位 first; then any of
/// reporter/填报人, phone/联系电话 and field codes) and checks every row against the form.
pub fn read_units(path: &Path, form: &LoadedForm) -> Result<Vec<Unit>, Diagnostics> {
    let text = read_text(path)?;
    let err = |line: usize, m: String| Diagnostic {
        line,
        column: if line > 0 { 1 } else { 0 },
        ..Diagnostic::file_error(path, m)
    };
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| Diagnostics(vec![err(1, format!("not CSV: {e}"))]))?.clone();
    let columns: Vec<String> = headers
        .iter()
        .map(|h| {
            let h = h.trim().trim_start_matches('\u{FEFF}');
            header_field(h).map_or_else(|| h.to_string(), str::to_string)
        })
        .collect();
    let Some(unit_col) = columns.iter().position(|c| c == "unit") else {
        return Err(Diagnostics(vec![err(
            1,
            "the first line must name the columns, one of them `unit` (or 填报单位)".into(),
        )]));
    };
    let mut errors = Vec::new();
    for c in &columns {
        if c != "unit" && !form.header.iter().any(|(n, _)| n == c) && !form.fields.iter().any(|f| &f.code == c) {
            errors.push(err(
                1,
                format!(
                    "column `{c}` is not a field of 附件{}: expected unit, reporter, phone or a code such as 01A",
                    form.number
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    let mut units: Vec<Unit> = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push(err(line, format!("not CSV: {e}")));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);
        let name = row.get(unit_col).unwrap_or_default().trim().to_string();
        if name.is_empty() {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            errors.push(err(line, "the unit's name is empty".into()));
            continue;
        }
        if let Some(other) = units.iter().find(|u| u.name == name) {
            errors.push(err(line, format!("{name} appears twice (lines {} and {line})", other.line)));
            continue;
        }
        // Two names that make the same file would overwrite each other.
        let file = file_name(&name).to_string_lossy().to_lowercase();
        if let Some(other) = units.iter().find(|u| file_name(&u.name).to_string_lossy().to_lowercase() == file) {
            errors.push(err(
                line,
                format!("{name} and {} (line {}) would both be written to {file}: rename one", other.name, other.line),
            ));
            continue;
        }
        let raw: BTreeMap<String, String> = columns.iter().cloned().zip(row.iter().map(str::to_string)).collect();
        match values::read_values(form, &raw) {
            Ok(values) => units.push(Unit { line, name, values }),
            Err(list) => errors.extend(list.into_iter().map(|m| err(line, format!("{name}: {m}")))),
        }
    }
    if units.is_empty() && errors.is_empty() {
        errors.push(err(0, "no units: expected one row per reporting unit".into()));
    }
    if errors.is_empty() { Ok(units) } else { Err(Diagnostics(errors)) }
}

/// The edition's own list of reporting units, if it has one.
pub const UNITS_FILE: &str = "units.csv";

/// Every character of the edition's `units.csv`: the blank form's font must hold them, so a
/// unit can type its own name in any viewer.
pub fn edition_units_chars(dir: &Path) -> std::collections::BTreeSet<char> {
    std::fs::read_to_string(dir.join(UNITS_FILE))
        .map(|t| t.chars().filter(|c| !c.is_control()).collect())
        .unwrap_or_default()
}

/// A file name for a unit's form: its name, with characters no file system takes replaced.
pub fn file_name(unit: &str) -> PathBuf {
    let clean: String = unit
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    PathBuf::from(format!("{}.pdf", if clean.is_empty() { "_".to_string() } else { clean }))
}

fn read_text(path: &Path) -> Result<String, Diagnostics> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostics(vec![Diagnostic::file_error(path, format!("cannot read: {e}"))]))?;
    String::from_utf8(bytes).map_err(|_| Diagnostics(vec![Diagnostic::file_error(path, "not UTF-8 text: save it as UTF-8")]))
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase()
}
