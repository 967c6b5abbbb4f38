//! Values of a form's blanks: how a written value is read (whoever wrote it), what it must
//! look like for its kind, and whether a set of values obeys the form's rules.
//!
//! Reading is forgiving where people differ harmlessly (full-width digits, thousands
//! separators, surrounding blanks) and strict where a value is wrong (a letter in a count,
//! a fraction of a person, 也许 for 是/否).

use std::collections::BTreeMap;
use std::fmt;

use crate::model::{FieldKind, LoadedForm, Relation, Rule};

/// The header blanks a form may have, besides its numbered fields, with their default labels.
pub const HEADER_FIELDS: [(&str, &str); 3] = [("unit", "填报单位"), ("reporter", "填报人"), ("phone", "联系电话")];

/// Scale of amounts: 万元 kept to four decimals, which is to the 元.
pub const AMOUNT_SCALE: i64 = 10_000;

/// The largest value a blank takes (a trillion people, or a trillion 万元): far beyond any
/// real return, and small enough that no sum of returns can overflow.
pub const MAX_VALUE: i64 = 1_000_000_000_000;

/// A checked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A whole number.
    Count(i64),
    /// An amount in 万元, in units of 1/10000 万元 (one 元).
    Amount(i64),
    /// 是 (true) or 否 (false).
    Choice(bool),
    /// Free text: the header's unit, reporter and phone, and text blanks (a name, a phone).
    Text(String),
}

impl Value {
    /// The number this value adds to a rule's sum, in the kind's units.
    pub fn number(&self) -> Option<i64> {
        match self {
            Value::Count(n) | Value::Amount(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::Amount(n) => {
                let sign = if *n < 0 { "-" } else { "" };
                let n = n.unsigned_abs();
                let whole = n / AMOUNT_SCALE as u64;
                let frac = n % AMOUNT_SCALE as u64;
                if frac == 0 {
                    write!(f, "{sign}{whole}")
                } else {
                    let digits = format!("{frac:04}");
                    write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
                }
            }
            Value::Choice(true) => write!(f, "是"),
            Value::Choice(false) => write!(f, "否"),
            Value::Text(s) => write!(f, "{s}"),
        }
    }
}

/// Folds the harmless differences: full-width ASCII to ASCII, ideographic space to space,
/// then trims.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Reads a written value for a blank of `kind`. `Ok(None)` is a blank left empty.
pub fn parse(kind: FieldKind, raw: &str) -> Result<Option<Value>, String> {
    let s = normalize(raw);
    if s.is_empty() {
        return Ok(None);
    }
    match kind {
        FieldKind::Text => Ok(Some(Value::Text(s))),
        FieldKind::Choice => match s.as_str() {
            "是" | "Y" | "y" | "yes" | "Yes" | "YES" => Ok(Some(Value::Choice(true))),
            "否" | "N" | "n" | "no" | "No" | "NO" => Ok(Some(Value::Choice(false))),
            _ => Err(format!("`{raw}`: expected 是 or 否")),
        },
        FieldKind::Count => {
            let digits = strip_separators(&s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("`{raw}`: expected a whole number"));
            }
            match digits.parse::<i64>() {
                Ok(n) if n <= MAX_VALUE => Ok(Some(Value::Count(n))),
                _ => Err(format!("`{raw}`: the number is too large")),
            }
        }
        FieldKind::Amount => match parse_amount(&strip_separators(&s)) {
            Some(n) if n <= MAX_VALUE * AMOUNT_SCALE => Ok(Some(Value::Amount(n))),
            Some(_) => Err(format!("`{raw}`: the amount is too large")),
            None => Err(format!("`{raw}`: expected an amount in 万元, such as 12.5")),
        },
    }
}

/// Removes thousands separators (`,` between digit groups) and inner spaces.
fn strip_separators(s: &str) -> String {
    s.chars().filter(|c| *c != ',' && *c != ' ' && *c != '\u{3001}').collect()
}

/// `12.5` → 125000; at most four decimals; no sign, no exponent.
fn parse_amount(s: &str) -> Option<i64> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 4 {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let frac: i64 = format!("{frac:0<4}").parse().ok()?;
    whole.checked_mul(AMOUNT_SCALE)?.checked_add(frac)
}

/// A rule that a set of values breaks, with the sums that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: String,
    pub message: String,
}

/// Checks every rule whose fields are all filled. (Whether blanks count as 0 is the caller's
/// choice: pass them in as zeros to check them too.)
pub fn check_rules(rules: &[Rule], values: &BTreeMap<String, Value>) -> Vec<Violation> {
    rules.iter().filter_map(|rule| check_rule(rule, values)).collect()
}

fn check_rule(rule: &Rule, values: &BTreeMap<String, Value>) -> Option<Violation> {
    // Summed wide: values are capped, but a rule may add many of them.
    let sum = |codes: &[String]| -> Option<i64> {
        let total: i128 = codes
            .iter()
            .map(|c| values.get(c).and_then(Value::number).map(i128::from))
            .sum::<Option<i128>>()?;
        Some(i64::try_from(total).unwrap_or(i64::MAX))
    };
    let (left, right) = (sum(&rule.left)?, sum(&rule.right)?);
    let ok = match rule.relation {
        Relation::Equal => left == right,
        Relation::AtMost => left <= right,
        Relation::AtLeast => left >= right,
    };
    if ok {
        return None;
    }
    let show = |codes: &[String], total: i64| {
        let parts: Vec<String> = codes.iter().map(|c| format!("{c}={}", values[c])).collect();
        let total = match values.get(&codes[0]) {
            Some(Value::Amount(_)) => Value::Amount(total).to_string(),
            _ => total.to_string(),
        };
        if codes.len() == 1 {
            parts.join("")
        } else {
            format!("{} ({total})", parts.join(" + "))
        }
    };
    let relation = match rule.relation {
        Relation::Equal => "must equal",
        Relation::AtMost => "must be at most",
        Relation::AtLeast => "must be at least",
    };
    Some(Violation {
        rule: rule.text.clone(),
        message: format!("{}: {} {relation} {}", rule.text, show(&rule.left, left), show(&rule.right, right)),
    })
}

/// A whole set of values for one form, read from `code → written value` pairs and checked:
/// every code must exist, every value must fit its kind, and the rules must hold. Errors
/// name the code.
pub fn read_values(form: &LoadedForm, raw: &BTreeMap<String, String>) -> Result<BTreeMap<String, Value>, Vec<String>> {
    let mut values = BTreeMap::new();
    let mut errors = Vec::new();
    for (code, written) in raw {
        if form.header.iter().any(|(name, _)| name == code) {
            let text = written.trim();
            if !text.is_empty() {
                values.insert(code.clone(), Value::Text(text.to_string()));
            }
            continue;
        }
        let Some(field) = form.fields.iter().find(|f| &f.code == code) else {
            errors.push(format!(
                "{code}: no such field in 附件{} (expected a code such as {}, or unit, reporter, phone)",
                form.number,
                form.fields.first().map_or("01A", |f| f.code.as_str())
            ));
            continue;
        };
        match parse(field.kind, written) {
            Ok(Some(v)) => {
                values.insert(code.clone(), v);
            }
            Ok(None) => {}
            Err(e) => errors.push(format!("{code} {}{}: {e}", field.label, unit_note(&field.unit))),
        }
    }
    if errors.is_empty() {
        errors.extend(check_rules(&form.rules, &values).into_iter().map(|v| v.message));
    }
    if errors.is_empty() { Ok(values) } else { Err(errors) }
}

fn unit_note(unit: &str) -> String {
    if unit.is_empty() { String::new() } else { format!("（{unit}）") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_write() {
        assert_eq!(parse(FieldKind::Count, " １２３ ").unwrap(), Some(Value::Count(123)));
        assert_eq!(parse(FieldKind::Count, "1,234").unwrap(), Some(Value::Count(1234)));
        assert_eq!(parse(FieldKind::Count, "").unwrap(), None);
        assert_eq!(parse(FieldKind::Amount, "12.5").unwrap(), Some(Value::Amount(125_000)));
        assert_eq!(parse(FieldKind::Amount, "０.０５").unwrap(), Some(Value::Amount(500)));
        assert_eq!(parse(FieldKind::Choice, "否").unwrap(), Some(Value::Choice(false)));
        assert_eq!(Value::Amount(125_000).to_string(), "12.5");
        assert_eq!(Value::Amount(120_000).to_string(), "12");
    }

    #[test]
    fn refuses_what_is_wrong() {
        assert!(parse(FieldKind::Count, "12a").is_err());
        assert!(parse(FieldKind::Count, "1.5").is_err());
        assert!(parse(FieldKind::Count, "-3").is_err());
        assert!(parse(FieldKind::Amount, "1.23456").is_err());
        assert!(parse(FieldKind::Amount, "1e3").is_err());
        assert!(parse(FieldKind::Choice, "也许").is_err());
        assert!(parse(FieldKind::Count, "9000000000000000000").is_err());
        assert!(parse(FieldKind::Amount, "99999999999999").is_err());
    }
}
