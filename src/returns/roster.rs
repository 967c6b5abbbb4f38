//! The roster (报送单位名单): the units that are to report, read from a CSV (the edition's
//! `units.csv` by default, the same file `fill --units` pre-fills forms from). Each return is
//! matched to one roster unit by its 填报单位, after folding what people type differently
//! (spaces, full-width letters, digits and brackets); a name one or two characters off a roster
//! name (总公会 for 总工会), or a part of one (江岸区总工会 for 武汉市江岸区总工会), is a near miss,
//! reported with the roster's name.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::fill;
use crate::i18n::returns as msg;
use crate::values;

/// One unit of the roster, with its contacts (the file's other columns) as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterUnit {
    pub name: String,
    /// The name as matched: [`key`] of it.
    key: String,
    /// Its line in the file.
    pub line: usize,
    /// The other columns of its row: (the column's name as written, the value).
    pub contacts: Vec<(String, String)>,
}

/// The reporting units, in the file's order.
#[derive(Debug, Clone)]
pub struct Roster {
    pub file: PathBuf,
    pub units: Vec<RosterUnit>,
    /// The names of the contact columns, as the file's header writes them.
    pub columns: Vec<String>,
}

/// How a unit's name as written stands to the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// This roster unit (by index).
    Unit(usize),
    /// Not on the roster, but close to this unit: a typo or a short form.
    Near(usize),
    /// Not on the roster.
    Unknown,
}

/// A unit's name with what people type differently folded away: full-width forms to ASCII,
/// every kind of space removed.
pub fn key(name: &str) -> String {
    values::normalize(name).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The number of characters to insert, delete or replace to turn `a` into `b`.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

impl Roster {
    /// Reads a roster: a CSV whose header names the columns, one of them `unit` (or 填报单位);
    /// UTF-8 or GBK, as [`fill::read_text`] reads it. Field codes among the columns (a units
    /// file made for `fill --units`) are not contacts.
    pub fn read(path: &Path) -> Result<Roster, Diagnostics> {
        let text = fill::read_text(path)?;
        let err = |line: usize, m: String| Diagnostic {
            line,
            column: if line > 0 { 1 } else { 0 },
            ..Diagnostic::file_error(path, m)
        };
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| Diagnostics(vec![err(1, msg::not_csv(e).text())]))?.clone();
        let names = fill::column_names(&headers);
        let Some(unit_col) = names.iter().position(|c| c == "unit") else {
            return Err(Diagnostics(vec![err(1, msg::units_header().text())]));
        };
        let is_code = |c: &str| c.len() == 3 && c.as_bytes()[..2].iter().all(u8::is_ascii_digit) && c.as_bytes()[2].is_ascii_uppercase();
        let contact_cols: Vec<usize> = (0..names.len()).filter(|&i| i != unit_col && !is_code(&names[i])).collect();
        let columns = contact_cols
            .iter()
            .map(|&i| headers[i].trim().trim_start_matches('\u{FEFF}').to_string())
            .collect();
        let mut units: Vec<RosterUnit> = Vec::new();
        let mut errors = Vec::new();
        for row in reader.records() {
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    errors.push(err(e.position().map_or(0, |p| p.line() as usize), msg::not_csv(e).text()));
                    continue;
                }
            };
            let line = row.position().map_or(0, |p| p.line() as usize);
            let name = row.get(unit_col).unwrap_or_default().trim().to_string();
            if name.is_empty() {
                if !row.iter().all(|c| c.trim().is_empty()) {
                    errors.push(err(line, msg::unit_name_empty().text()));
                }
                continue;
            }
            let key = key(&name);
            if let Some(other) = units.iter().find(|u| u.key == key) {
                errors.push(err(line, msg::unit_twice(&name, other.line, line).text()));
                continue;
            }
            let contacts = contact_cols
                .iter()
                .map(|&i| {
                    (
                        headers[i].trim().trim_start_matches('\u{FEFF}').to_string(),
                        row.get(i).unwrap_or_default().trim().to_string(),
                    )
                })
                .collect();
            units.push(RosterUnit { name, key, line, contacts });
        }
        if units.is_empty() && errors.is_empty() {
            errors.push(err(0, msg::roster_empty().text()));
        }
        if errors.is_empty() {
            Ok(Roster {
                file: path.to_path_buf(),
                units,
                columns,
            })
        } else {
            Err(Diagnostics(errors))
        }
    }

    /// Which roster unit a 填报单位 as written is.
    pub fn find(&self, written: &str) -> Match {
        let key = key(written);
        if let Some(i) = self.units.iter().position(|u| u.key == key) {
            return Match::Unit(i);
        }
        let chars: Vec<char> = key.chars().collect();
        if chars.is_empty() {
            return Match::Unknown;
        }
        // A typo: one character off (two in a long name). Two districts' names differ in two
        // characters (洪山区 and 汉阳区): that is another unit, not a typo.
        let allowed = if chars.len() >= 12 { 2 } else { 1 };
        let near = self
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (edit_distance(&chars, &u.key.chars().collect::<Vec<_>>()), i))
            .filter(|(d, _)| *d <= allowed)
            .min();
        if let Some((_, i)) = near {
            return Match::Near(i);
        }
        // A short form: the name is part of exactly one roster name (江岸区总工会), with at
        // least three characters to go on.
        let containing: Vec<usize> = (0..self.units.len())
            .filter(|&i| chars.len() >= 3 && self.units[i].key.contains(&key))
            .collect();
        match containing.as_slice() {
            [i] => Match::Near(*i),
            _ => Match::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(names: &[&str]) -> Roster {
        Roster {
            file: PathBuf::from("units.csv"),
            units: names
                .iter()
                .enumerate()
                .map(|(i, n)| RosterUnit {
                    name: n.to_string(),
                    key: key(n),
                    line: i + 2,
                    contacts: Vec::new(),
                })
                .collect(),
            columns: Vec::new(),
        }
    }

    #[test]
    fn returns_are_matched_after_folding_spaces_and_full_width_forms() {
        let r = roster(&["武汉市江岸区总工会", "武汉经济技术开发区（汉南区）总工会", "ABC公司"]);
        assert_eq!(r.find("武汉市江岸区总工会"), Match::Unit(0));
        assert_eq!(r.find(" 武汉市 江岸区\u{3000}总工会 "), Match::Unit(0));
        assert_eq!(r.find("武汉经济技术开发区(汉南区)总工会"), Match::Unit(1));
        assert_eq!(r.find("ＡＢＣ公司"), Match::Unit(2));
    }

    #[test]
    fn near_misses_name_the_roster_unit() {
        let r = roster(&["武汉市江岸区总工会", "武汉市江汉区总工会", "武汉市汉阳区总工会"]);
        assert_eq!(r.find("武汉市江岸区总公会"), Match::Near(0), "公 for 工");
        assert_eq!(r.find("江岸区总工会"), Match::Near(0), "a short form");
        assert_eq!(r.find("某某公司"), Match::Unknown);
        assert_eq!(r.find("武汉市洪山区总工会"), Match::Unknown, "another district, two characters off");
        assert_eq!(r.find("总工会"), Match::Unknown, "part of both: no guess");
        assert_eq!(edit_distance(&['a', 'b', 'c'], &['a', 'c']), 1);
    }
}
