//! `gongwen new-edition`: next year's edition from this year's.
//!
//! The notice's TOML is edited in place with `toml_edit`, so comments, key order and layout
//! stay as the office wrote them. Years in text move through the model (`{year}`
//! placeholders), never by rewriting digits inside sentences. Festival dates are computed
//! from the Chinese calendar (ICU4X): a date that was New Year's Day, the Spring Festival
//! (正月初一) or the Lantern Festival (正月十五) of its year becomes the same festival of the
//! new year. Every other date is a policy choice: it is moved by the same number of years and
//! listed for the user to decide, with the document number's serial, which is left blank.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use icu_calendar::Date;
use icu_calendar::types::Month;
use toml_edit::{DocumentMut, Item, value};

use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::{self, NOTICE_FILE};
use crate::i18n::reissue as msg;

/// What `new-edition` did and what is left to the user.
#[derive(Debug, Default)]
pub struct Report {
    /// Changes made, one line each.
    pub changed: Vec<String>,
    /// What the user must still decide, one line each.
    pub decide: Vec<String>,
}

/// A festival a date can be: recomputed for the new year, not moved by a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Festival {
    /// 元旦, 1 January.
    NewYear,
    /// 春节, 正月初一.
    SpringFestival,
    /// 元宵节, 正月十五.
    Lantern,
    /// 12月31日, the end of a reporting year.
    YearEnd,
}

impl Festival {
    pub fn name(self) -> &'static str {
        match self {
            Festival::NewYear => "元旦",
            Festival::SpringFestival => "春节（正月初一）",
            Festival::Lantern => "元宵节（正月十五）",
            Festival::YearEnd => "年底（12月31日）",
        }
    }

    /// The festival's date in Gregorian `year`.
    pub fn date(self, year: i32) -> Option<NaiveDate> {
        match self {
            Festival::NewYear => NaiveDate::from_ymd_opt(year, 1, 1),
            Festival::YearEnd => NaiveDate::from_ymd_opt(year, 12, 31),
            Festival::SpringFestival => lunar(year, 1, 1),
            Festival::Lantern => lunar(year, 1, 15),
        }
    }

    /// Which festival `d` is, if any.
    pub fn of(d: NaiveDate) -> Option<Self> {
        [Festival::NewYear, Festival::SpringFestival, Festival::Lantern, Festival::YearEnd]
            .into_iter()
            .find(|f| f.date(d.year()) == Some(d))
    }
}

/// The Gregorian date of lunar `month`/`day` in the Chinese year that begins in `year`.
pub fn lunar(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let d = Date::try_new_chinese_traditional(year, Month::new(month), day)
        .ok()?
        .to_calendar(icu_calendar::Iso);
    NaiveDate::from_ymd_opt(d.year().extended_year(), u32::from(d.month().ordinal), u32::from(d.day_of_month().0))
}

/// `d` moved by `years`, 29 February becoming 28 February where needed.
fn shift(d: NaiveDate, years: i32) -> NaiveDate {
    let y = d.year() + years;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), d.day() - 1))
        .expect("a valid date")
}

fn toml_date(d: NaiveDate) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

fn read_date(item: &Item) -> Option<NaiveDate> {
    let d = item.as_datetime()?.date?;
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

/// Writes the edition for `year` into `to`, from the edition in `from`.
pub fn new_edition(from: &Path, year: i32, to: &Path) -> Result<Report, Diagnostics> {
    let fail = |path: &Path, m: String| Diagnostics(vec![Diagnostic::file_error(path, m)]);
    let old = edition::load(from)?;
    if to.exists() && std::fs::read_dir(to).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(fail(to, msg::target_not_empty().text()));
    }
    let Some(old_year) = old.edition.vars.year.map(|y| y as i32) else {
        return Err(fail(from, crate::i18n::edition::no_campaign_year_to_move().into()));
    };
    let delta = year - old_year;
    if delta <= 0 {
        return Err(fail(from, msg::year_not_after(year, old_year).text()));
    }
    if !(1900..=2200).contains(&year) {
        return Err(fail(from, msg::implausible_year(year).text()));
    }
    // A target inside the edition would be copied into itself.
    let source = from.canonicalize().map_err(|e| fail(from, e.to_string()))?;
    let target = std::path::absolute(to).map_err(|e| fail(to, e.to_string()))?;
    if target.starts_with(&source) {
        return Err(fail(to, msg::target_inside("data/2016").text()));
    }
    let notice_path = from.join(NOTICE_FILE);
    let src = std::fs::read_to_string(&notice_path).map_err(|e| fail(&notice_path, e.to_string()))?;
    let mut doc: DocumentMut = src.parse().map_err(|e| fail(&notice_path, format!("{e}")))?;
    let mut report = Report::default();

    set_keeping_comment(&mut doc["year"], value(i64::from(year)));
    report.changed.push(msg::year_moved("year", old_year, year, "{year}").text());

    if let Some(dates) = doc.get_mut("dates").and_then(Item::as_table_like_mut) {
        let keys: Vec<String> = dates.iter().map(|(k, _)| k.to_string()).collect();
        for key in keys {
            let Some(item) = dates.get_mut(&key) else { continue };
            let Some(d) = read_date(item) else { continue };
            let (new, how) = match Festival::of(d) {
                Some(f) => {
                    let new = f
                        .date(d.year() + delta)
                        .ok_or_else(|| fail(from, msg::no_festival(f.name(), d.year() + delta).text()))?;
                    (new, Some(f))
                }
                None => (shift(d, delta), None),
            };
            set_date(item, new);
            match how {
                Some(f) => report.changed.push(msg::festival_moved(&key, d, new, f.name(), new.year()).text()),
                None => report.decide.push(msg::policy_date(&key, d, new).text()),
            }
        }
    }

    if let Some(number) = doc.get_mut("head").and_then(|h| h.get_mut("number")).and_then(Item::as_table_like_mut) {
        if let Some(y) = number.get_mut("year").and_then(|i| i.as_integer()) {
            let new = y + i64::from(delta);
            if let Some(item) = number.get_mut("year") {
                set_keeping_comment(item, value(new));
            }
            report.changed.push(msg::number_year(y, new).text());
        }
        match number.get("serial").and_then(|i| i.as_integer()) {
            Some(serial) => {
                number.remove("serial");
                report.decide.push(msg::serial_left_blank(serial).text());
            }
            None => report.decide.push(msg::serial_still_blank().text()),
        }
    }
    for (table, key) in [("signature", "date"), ("record", "printed")] {
        if let Some(item) = doc.get_mut(table).and_then(|t| t.get_mut(key))
            && let Some(d) = read_date(item)
        {
            let new = shift(d, delta);
            set_date(item, new);
            report.decide.push(msg::date_moved(format!("{table}.{key}"), d, new).text());
        }
    }

    // Write the new edition beside its target and check it there: only an edition that
    // loads is moved into place, so a failure leaves nothing behind.
    let parent = match target.parent() {
        Some(p) => p.to_path_buf(),
        None => return Err(fail(to, msg::no_parent().text())),
    };
    std::fs::create_dir_all(&parent).map_err(|e| fail(&parent, crate::i18n::cli::cannot_create(e).text()))?;
    let staging = tempfile::Builder::new()
        .prefix(".gongwen-new-")
        .tempdir_in(&parent)
        .map_err(|e| fail(&parent, crate::i18n::cli::cannot_write(e).text()))?;
    copy_dir(from, staging.path()).map_err(|e| fail(to, msg::cannot_copy(e).text()))?;
    crate::output::write_atomic(&staging.path().join(NOTICE_FILE), doc.to_string().as_bytes())
        .map_err(|e| fail(to, crate::i18n::cli::cannot_write(e).text()))?;
    edition::load(staging.path()).map_err(|Diagnostics(mut list)| {
        for d in &mut list {
            if let Ok(rest) = d.file.strip_prefix(staging.path()) {
                d.file = to.join(rest);
            }
        }
        Diagnostics(list)
    })?;
    if to.exists() {
        std::fs::remove_dir(to).map_err(|e| fail(to, msg::cannot_replace(e).text()))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, to).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        fail(to, crate::i18n::cli::cannot_write(e).text())
    })?;

    // Years of the old campaign written in digits, which no placeholder will move.
    for t in &old.texts {
        let raw = raw_text(t);
        for stale in [old_year, old_year - 1] {
            if raw.contains(&stale.to_string()) {
                let file = t.file.file_name().map_or_else(|| t.file.clone(), |n| to.join(n));
                let place = format!("{}:{}:{}", file.display(), t.line, t.column);
                report.decide.push(msg::year_in_digits(place, &t.field, stale, "{year}", "{year-1}").text());
            }
        }
    }
    report.decide.dedup();
    Ok(report)
}

/// The text of a string as written in its file (placeholders unexpanded), from its line on.
fn raw_text(t: &crate::edition::PrintedText) -> String {
    let Ok(src) = std::fs::read_to_string(&t.file) else { return String::new() };
    let line = src.lines().nth(t.line.saturating_sub(1)).unwrap_or_default();
    let rest: String = line.chars().skip(t.column.saturating_sub(1)).collect();
    rest.split('"').next().unwrap_or_default().to_string()
}

fn set_date(item: &mut Item, d: NaiveDate) {
    set_keeping_comment(item, value(toml_date(d)));
}

/// Replaces a value, keeping the spacing and comment around it.
fn set_keeping_comment(item: &mut Item, new: Item) {
    let decor = item.as_value().map(|v| v.decor().clone());
    *item = new;
    if let (Some(decor), Some(v)) = (decor, item.as_value_mut()) {
        *v.decor_mut() = decor;
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_dir(&entry.path(), &target)?;
        } else if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lantern_festival_comes_from_the_chinese_calendar() {
        assert_eq!(lunar(2015, 1, 15), NaiveDate::from_ymd_opt(2015, 3, 5));
        assert_eq!(lunar(2016, 1, 15), NaiveDate::from_ymd_opt(2016, 2, 22));
        assert_eq!(lunar(2017, 1, 15), NaiveDate::from_ymd_opt(2017, 2, 11));
        assert_eq!(lunar(2015, 1, 1), NaiveDate::from_ymd_opt(2015, 2, 19));
        assert_eq!(Festival::of(NaiveDate::from_ymd_opt(2015, 3, 5).unwrap()), Some(Festival::Lantern));
        assert_eq!(Festival::of(NaiveDate::from_ymd_opt(2015, 2, 1).unwrap()), None);
    }

    #[test]
    fn a_policy_date_moves_by_whole_years() {
        assert_eq!(
            shift(NaiveDate::from_ymd_opt(2016, 2, 29).unwrap(), 1),
            NaiveDate::from_ymd_opt(2017, 2, 28).unwrap()
        );
    }
}
