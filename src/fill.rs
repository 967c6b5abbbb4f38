//! `gongwen fill`: values for a form's blanks, read from a TOML or CSV file (one return) or
//! from a CSV of reporting units (one pre-filled form per unit), checked before anything is
//! written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::returns as msg;
use crate::model::LoadedForm;
use crate::values::{self, HEADER_FIELDS, Value};

/// Header names a units file may use for the header blanks, in English or Chinese.
pub fn header_field(column: &str) -> Option<&'static str> {
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
                            msg::expected_number_or_text(other.type_str()).text(),
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
                let row = row.map_err(|e| one(e.position().map_or(i + 1, |p| p.line() as usize), msg::not_csv(e).text()))?;
                let line = row.position().map_or(i + 1, |p| p.line() as usize);
                let (Some(code), Some(value)) = (row.get(0), row.get(1)) else {
                    if row.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    return Err(one(line, msg::expected_two_columns().text()));
                };
                let code = code.trim().trim_start_matches('\u{FEFF}');
                if i == 0 && (code.eq_ignore_ascii_case("code") || code == "编号") {
                    continue;
                }
                if row.len() > 2 && row.iter().skip(2).any(|c| !c.trim().is_empty()) {
                    return Err(one(line, msg::expected_two_columns().text()));
                }
                let code = header_field(code).map_or_else(|| code.to_string(), str::to_string);
                if out.insert(code.clone(), value.to_string()).is_some() {
                    return Err(one(line, msg::given_twice(&code).text()));
                }
            }
            Ok(out)
        }
        _ => Err(one(0, msg::values_file_kind().text())),
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
    let headers = reader.headers().map_err(|e| Diagnostics(vec![err(1, msg::not_csv(e).text())]))?.clone();
    let columns = column_names(&headers);
    let Some(unit_col) = columns.iter().position(|c| c == "unit") else {
        return Err(Diagnostics(vec![err(1, msg::units_header().text())]));
    };
    let mut errors = Vec::new();
    for c in &columns {
        if c != "unit" && !form.header.iter().any(|(n, _)| n == c) && !form.fields.iter().any(|f| &f.code == c) {
            errors.push(err(1, msg::unknown_column(c, form.number).text()));
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
                errors.push(err(line, msg::not_csv(e).text()));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);
        let name = row.get(unit_col).unwrap_or_default().trim().to_string();
        if name.is_empty() {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            errors.push(err(line, msg::unit_name_empty().text()));
            continue;
        }
        if let Some(other) = units.iter().find(|u| u.name == name) {
            errors.push(err(line, msg::unit_twice(&name, other.line, line).text()));
            continue;
        }
        // Two names that make the same file would overwrite each other.
        let file = file_name(&name, "pdf").to_string_lossy().to_lowercase();
        if let Some(other) = units.iter().find(|u| file_name(&u.name, "pdf").to_string_lossy().to_lowercase() == file) {
            errors.push(err(line, msg::same_file_name(&name, &other.name, other.line, &file).text()));
            continue;
        }
        let raw: BTreeMap<String, String> = columns.iter().cloned().zip(row.iter().map(str::to_string)).collect();
        match values::read_values(form, &raw) {
            Ok(values) => units.push(Unit { line, name, values }),
            Err(list) => errors.extend(list.into_iter().map(|m| err(line, format!("{name}: {m}")))),
        }
    }
    if units.is_empty() && errors.is_empty() {
        errors.push(err(0, msg::no_units().text()));
    }
    if errors.is_empty() { Ok(units) } else { Err(Diagnostics(errors)) }
}

/// The edition's own list of reporting units, if it has one.
pub const UNITS_FILE: &str = "units.csv";

/// Every character of the edition's `units.csv`: the blank form's font must hold them, so a
/// unit can type its own name in any viewer.
pub fn edition_units_chars(dir: &Path) -> std::collections::BTreeSet<char> {
    std::fs::read(dir.join(UNITS_FILE))
        .ok()
        .and_then(|b| decode_text(&b))
        .map(|t| t.chars().filter(|c| !c.is_control()).collect())
        .unwrap_or_default()
}

/// The header of a units file, each column as a field name: `unit`, `reporter`, `phone` for
/// their Chinese names, codes and other names as written.
pub fn column_names(headers: &csv::StringRecord) -> Vec<String> {
    headers
        .iter()
        .map(|h| {
            let h = h.trim().trim_start_matches('\u{FEFF}');
            header_field(h).map_or_else(|| h.to_string(), str::to_string)
        })
        .collect()
}

/// A file name for a unit's form with extension `ext`: its name, with characters no file
/// system takes replaced.
pub fn file_name(unit: &str, ext: &str) -> PathBuf {
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
    PathBuf::from(format!("{}.{ext}", if clean.is_empty() { "_".to_string() } else { clean }))
}

/// Reads a CSV or TOML file as office software saves it: UTF-8 with or without a byte order
/// mark, UTF-16 with one, or GBK/GB 18030 (what Excel writes on Chinese Windows); CRLF and CR
/// line ends read as LF, so that every line number is the line's own.
pub fn read_text(path: &Path) -> Result<String, Diagnostics> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostics(vec![Diagnostic::file_error(path, msg::read_failed(e).text())]))?;
    let text = decode_text(&bytes).ok_or_else(|| Diagnostics(vec![Diagnostic::file_error(path, msg::not_text().text())]))?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// The text of a file's bytes, in the encodings [`read_text`] reads; the byte order mark is
/// dropped.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).ok();
    }
    for (bom, encoding) in [(b"\xFF\xFE", encoding_rs::UTF_16LE), (b"\xFE\xFF", encoding_rs::UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return encoding.decode_without_bom_handling_and_without_replacement(rest).map(|t| t.into_owned());
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase()
}
