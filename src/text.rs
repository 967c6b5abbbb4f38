//! Placeholders in the edition's text: `{year}`, `{year-1}`, `{NAME}` and `{NAME:md}` for a
//! date of `[dates]`, `{{` and `}}` for literal braces.
//!
//! The templates expand them (so that Typst's own compiler gives the same pages); this module
//! parses them the same way so that `gongwen check` can name an unknown placeholder with its
//! line and column, and so that other commands can see the text as it will print.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

/// What placeholders can refer to.
#[derive(Debug, Clone)]
pub struct Vars {
    pub year: i64,
    pub dates: BTreeMap<String, NaiveDate>,
}

/// A placeholder that cannot be expanded, with its byte range inside the string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderError {
    pub start: usize,
    pub end: usize,
    pub message: String,
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
                message: "a lone `}`: write `}}` to print a brace".into(),
            });
        }
        let Some(close) = tail[1..].find(['}', '{']).map(|j| j + 1).filter(|&j| tail.as_bytes()[j] == b'}') else {
            return Err(PlaceholderError {
                start,
                end: start + 1,
                message: "a `{` that opens no placeholder: write `{{` to print a brace".into(),
            });
        };
        let name = &tail[1..close];
        let value = resolve(name, vars).map_err(|message| PlaceholderError {
            start,
            end: start + close + 1,
            message,
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
        if rest.is_empty() {
            return Ok(vars.year.to_string());
        }
        let (sign, digits) = rest.split_at(1);
        if (sign == "+" || sign == "-") && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let n: i64 = digits.parse().map_err(|_| format!("`{{{name}}}`: the offset is too large"))?;
            let year = if sign == "+" { vars.year.checked_add(n) } else { vars.year.checked_sub(n) };
            return year.map(|y| y.to_string()).ok_or_else(|| format!("`{{{name}}}`: the offset is too large"));
        }
    }
    let (key, style) = match name.split_once(':') {
        Some((key, style)) => (key, Some(style)),
        None => (name, None),
    };
    let Some(&date) = vars.dates.get(key) else {
        let known: Vec<String> = std::iter::once("year".to_string()).chain(vars.dates.keys().cloned()).collect();
        return Err(format!("unknown placeholder `{{{name}}}`: expected one of {}", known.join(", ")));
    };
    match style {
        None => Ok(format_date(date)),
        Some("md") => Ok(format_month_day(date)),
        Some(other) => Err(format!("unknown date style `:{other}` in `{{{name}}}`: expected `:md` or none")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        let mut dates = BTreeMap::new();
        dates.insert("deadline".into(), NaiveDate::from_ymd_opt(2015, 2, 1).unwrap());
        Vars { year: 2015, dates }
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
}
