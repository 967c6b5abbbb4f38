//! Placeholders in the edition's text: `{year}`, `{year-1}`, `{NAME}` and `{NAME:md}` for a
//! date of `[dates]`, `{{` and `}}` for literal braces.
//!
//! The templates expand them (so that Typst's own compiler gives the same pages); this module
//! parses them the same way so that `gongwen check` can name an unknown placeholder with its
//! line and column, and so that other commands can see the text as it will print.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::i18n::edition as msg;

/// What placeholders can refer to.
#[derive(Debug, Clone)]
pub struct Vars {
    /// The campaign year, if the notice has one.
    pub year: Option<i64>,
    pub dates: BTreeMap<String, NaiveDate>,
}

/// A placeholder that cannot be expanded, with its byte range inside the string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderError {
    pub start: usize,
    pub end: usize,
    pub message: String,
    /// A `{year}` in a notice that has no campaign year: one mistake, however many there are.
    pub needs_year: bool,
}

/// 2015年1月1日, as the templates print a date.
pub fn format_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 1月9日
pub fn format_month_day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// Expands every placeholder of `s`, or says which one cannot be.
pub fn expand(s: &str, vars: &Vars) -> Result<String, PlaceholderError> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut offset = 0;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let start = offset + i;
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            offset = start + 2;
            continue;
        }
        if tail.starts_with('}') {
            return Err(PlaceholderError {
                start,
                end: start + 1,
                message: msg::lone_closing_brace().into(),
                needs_year: false,
            });
        }
        let Some(close) = tail[1..].find(['}', '{']).map(|j| j + 1).filter(|&j| tail.as_bytes()[j] == b'}') else {
            return Err(PlaceholderError {
                start,
                end: start + 1,
                message: msg::lone_opening_brace().into(),
                needs_year: false,
            });
        };
        let name = &tail[1..close];
        let value = resolve(name, vars).map_err(|message| PlaceholderError {
            start,
            end: start + close + 1,
            message,
            needs_year: vars.year.is_none() && name.starts_with("year") && !vars.dates.contains_key(name.split(':').next().unwrap_or(name)),
        })?;
        out.push_str(&value);
        rest = &tail[close + 1..];
        offset = start + close + 1;
    }
    out.push_str(rest);
    Ok(out)
}

fn resolve(name: &str, vars: &Vars) -> Result<String, String> {
    if let Some(rest) = name.strip_prefix("year") {
        let (sign, digits) = rest.split_at(rest.len().min(1));
        let offset = (sign == "+" || sign == "-") && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        if rest.is_empty() || offset {
            let Some(year) = vars.year else {
                return Err(msg::placeholder_needs_year(name).into());
            };
            if rest.is_empty() {
                return Ok(year.to_string());
            }
            let n: i64 = digits.parse().map_err(|_| String::from(msg::year_offset_too_large(name)))?;
            let year = if sign == "+" { year.checked_add(n) } else { year.checked_sub(n) };
            return year.map(|y| y.to_string()).ok_or_else(|| msg::year_offset_too_large(name).into());
        }
    }
    let (key, style) = match name.split_once(':') {
        Some((key, style)) => (key, Some(style)),
        None => (name, None),
    };
    let Some(&date) = vars.dates.get(key) else {
        let known: Vec<String> = vars.year.map(|_| "year".to_string()).into_iter().chain(vars.dates.keys().cloned()).collect();
        return Err(if known.is_empty() {
            msg::unknown_placeholder_none_known(name).into()
        } else {
            msg::unknown_placeholder(name, known.join(", ")).into()
        });
    };
    match style {
        None => Ok(format_date(date)),
        Some("md") => Ok(format_month_day(date)),
        Some(other) => Err(msg::unknown_date_style(other, name).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        let mut dates = BTreeMap::new();
        dates.insert("deadline".into(), NaiveDate::from_ymd_opt(2015, 2, 1).unwrap());
        Vars { year: Some(2015), dates }
    }

    #[test]
    fn expands_years_dates_and_escapes() {
        let v = vars();
        assert_eq!(expand("{year}年与{year-1}年度", &v).unwrap(), "2015年与2014年度");
        assert_eq!(expand("于{deadline}前，{deadline:md}", &v).unwrap(), "于2015年2月1日前，2月1日");
        assert_eq!(expand("{{year}} #$*<x>", &v).unwrap(), "{year} #$*<x>");
    }

    #[test]
    fn names_the_bad_placeholder_and_where_it_is() {
        let v = vars();
        let e = expand("截至{report_end}；", &v).unwrap_err();
        assert_eq!(&"截至{report_end}；"[e.start..e.end], "{report_end}");
        assert!(e.message.contains("deadline"), "{}", e.message);
        assert!(expand("{deadline:ymd}", &v).is_err());
        assert!(expand("a { b", &v).is_err());
        assert!(expand("a } b", &v).is_err());
    }

    #[test]
    fn a_year_placeholder_needs_the_year() {
        let v = Vars { year: None, ..vars() };
        let e = expand("{year}年", &v).unwrap_err();
        assert_eq!((e.start, e.end), (0, 6));
        assert!(e.message.contains("year = "), "{}", e.message);
        assert!(expand("{year-1}", &v).is_err());
        assert_eq!(expand("{deadline:md}", &v).unwrap(), "2月1日");
        let e = expand("{nosuch}", &v).unwrap_err();
        assert!(e.message.contains("deadline") && !e.message.contains("year,"), "{}", e.message);
    }
}
