//! Reading a returned spreadsheet: the workbook gongwen wrote for the form (export::xlsx),
//! filled in Excel, WPS or LibreOffice and saved as .xlsx, .xls or .ods (calamine reads all
//! three; a WPS `.et` is the .xls format under another name).
//!
//! Values are read by the workbook's defined names (`_01A`, `unit`, …), not by position, so a
//! unit that moved or inserted rows still gives the right values: each name is followed to
//! its sheet and cell. `title` and `form` say which form of which edition it is. Reading is
//! bounded like a PDF's: a workbook that unpacks to more than [`MAX_UNPACKED`] bytes is not
//! unpacked, and calamine runs behind a panic guard.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek};

use calamine::{Data, Ods, Range, Reader, Xls, Xlsx};

use super::RawReturn;
use crate::export::xlsx::{FORM_NAME, TITLE_NAME};
use crate::i18n::{Message, returns as msg};
use crate::values::HEADER_FIELDS;

/// Most bytes a workbook may unpack to (a form's is about 10 KB unpacked).
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// The spreadsheet formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Xlsx,
    Xls,
    Ods,
}

impl SheetFormat {
    fn name(self) -> &'static str {
        match self {
            SheetFormat::Xlsx => "XLSX",
            SheetFormat::Xls => "XLS",
            SheetFormat::Ods => "ODS",
        }
    }

    /// The format of a file's bytes, if it is a spreadsheet: a ZIP package is an OpenDocument
    /// spreadsheet when its `mimetype` says so and an OOXML workbook when it has one; an OLE
    /// compound file is an .xls (as a WPS .et is).
    pub fn sniff(bytes: &[u8]) -> Option<SheetFormat> {
        if bytes.starts_with(b"PK\x03\x04") {
            let head = &bytes[..bytes.len().min(256)];
            if head.windows(46).any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet") {
                return Some(SheetFormat::Ods);
            }
            return Some(SheetFormat::Xlsx);
        }
        bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).then_some(SheetFormat::Xls)
    }
}

/// Whether a ZIP package is a Word document (a .docx sent for a return).
pub fn is_word(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.windows(17).any(|w| w == b"word/document.xml")
}

/// Reads the named cells of a returned workbook.
pub fn read(bytes: &[u8], format: SheetFormat) -> Result<RawReturn, Message> {
    // Nothing outlives a panic here: the bytes are only read.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_unguarded(bytes, format)))
        .unwrap_or_else(|_| Err(msg::sheet_unreadable(format.name(), "panic")))
}

fn read_unguarded(bytes: &[u8], format: SheetFormat) -> Result<RawReturn, Message> {
    let kind = format.name();
    let broken = |e: &dyn std::fmt::Display| msg::sheet_unreadable(kind, e);
    if format != SheetFormat::Xls {
        check_unpacked(bytes).map_err(|e| broken(&e))?;
    }
    let cursor = Cursor::new(bytes);
    match format {
        SheetFormat::Xlsx => named(Xlsx::new(cursor).map_err(|e| broken(&e))?, kind),
        SheetFormat::Xls => named(Xls::new(cursor).map_err(|e| broken(&e))?, kind),
        SheetFormat::Ods => named(Ods::new(cursor).map_err(|e| broken(&e))?, kind),
    }
}

/// Refuses a package whose entries unpack to more than [`MAX_UNPACKED`] bytes (a zip bomb).
fn check_unpacked(bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        // The central directory's sizes, which the reader holds each entry to.
        total = total.saturating_add(archive.by_index_raw(i).map_err(|e| e.to_string())?.size());
    }
    if total > MAX_UNPACKED {
        return Err(format!("{total} bytes unpacked"));
    }
    Ok(())
}

/// The cells every name the form uses points at.
fn named<R: Reader<RS>, RS: Read + Seek>(mut book: R, kind: &str) -> Result<RawReturn, Message>
where
    R::Error: std::fmt::Display,
{
    let names: Vec<(String, String)> = book.defined_names().to_vec();
    let wanted = |name: &str| -> Option<String> {
        if name == TITLE_NAME || name == FORM_NAME {
            return Some(name.to_string());
        }
        if let Some((n, _)) = HEADER_FIELDS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Some(n.to_string());
        }
        // `_01A` → 01A. (Excel's names ignore case; a code's letter is a capital.)
        let code = name.strip_prefix('_')?;
        let b = code.as_bytes();
        (b.len() == 3 && b[..2].iter().all(u8::is_ascii_digit) && b[2].is_ascii_alphabetic()).then(|| code.to_ascii_uppercase())
    };
    let mut sheets: BTreeMap<String, Range<Data>> = BTreeMap::new();
    let mut out = RawReturn::default();
    let mut found = false;
    for (name, reference) in &names {
        let Some(field) = wanted(name) else { continue };
        let (sheet, row, col) = parse_reference(reference).ok_or_else(|| msg::sheet_bad_name(name, kind))?;
        if !sheets.contains_key(&sheet) {
            let range = book.worksheet_range(&sheet).map_err(|_| msg::sheet_bad_name(name, kind))?;
            sheets.insert(sheet.clone(), range);
        }
        let value = sheets[&sheet].get_value((row, col)).map(text).unwrap_or_default();
        match field.as_str() {
            TITLE_NAME => out.title = Some(value),
            FORM_NAME => out.keywords = Some(value),
            _ => {
                found = true;
                out.fields.insert(field, value);
            }
        }
    }
    if !found {
        return Err(msg::sheet_no_names(kind));
    }
    Ok(out)
}

/// A cell's value as a person typed it: numbers in their shortest decimal form.
fn text(d: &Data) -> String {
    let number = |f: f64| {
        if f.fract() == 0.0 && f.abs() < 1e15 {
            format!("{}", f as i64)
        } else {
            format!("{f}")
        }
    };
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(t) => number(t.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A defined name's reference as each format writes it: `'附件1'!$C$7` (XLSX), `附件1!$C$7`
/// (XLS, as calamine gives it), `$'附件1'.$C$7` or `$附件1.$C$7` (ODS); a range is taken at
/// its first cell. Gives the sheet and the 0-based row and column.
pub fn parse_reference(reference: &str) -> Option<(String, u32, u32)> {
    let r = reference.trim().trim_start_matches('=');
    let r = r.split(':').next()?;
    let (sheet, cell) = match r.rfind('!') {
        Some(i) => (&r[..i], &r[i + 1..]),
        None => {
            let i = r.rfind('.')?;
            (&r[..i], &r[i + 1..])
        }
    };
    let sheet = sheet.trim_start_matches('$');
    let sheet = match sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        Some(quoted) => quoted.replace("''", "'"),
        None => sheet.to_string(),
    };
    let cell: String = cell.chars().filter(|c| *c != '$').collect();
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters
        .bytes()
        .try_fold(0u32, |n, b| n.checked_mul(26)?.checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1))?
        - 1;
    let row = digits.parse::<u32>().ok()?.checked_sub(1)?;
    (!sheet.is_empty()).then_some((sheet, row, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_of_every_format() {
        assert_eq!(parse_reference("'附件1'!$C$7"), Some(("附件1".into(), 6, 2)));
        assert_eq!(parse_reference("附件1!$C$7"), Some(("附件1".into(), 6, 2)));
        assert_eq!(parse_reference("$'附件1'.$C$7"), Some(("附件1".into(), 6, 2)));
        assert_eq!(parse_reference("$附件1.$B$3:$E$3"), Some(("附件1".into(), 2, 1)));
        assert_eq!(parse_reference("'it''s'!$AB$10"), Some(("it's".into(), 9, 27)));
        assert_eq!(parse_reference("#REF!"), None);
        assert_eq!(parse_reference("Sheet1!$0"), None);
    }
}
