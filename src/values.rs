//! Values of a form's blanks: how a written value is read (whoever wrote it), what it must
//! look like for its kind, and whether a set of values obeys the form's rules.
//!
//! Reading is forgiving where people differ harmlessly (full-width digits, thousands
//! separators, surrounding blanks) and strict where a value is wrong (a letter in a count,
//! a fraction of a person, 也许 for 是/否).

use std::collections::BTreeMap;
use std::fmt;

use crate::i18n::{Message, returns as msg};
use crate::model::{Field, FieldKind, LoadedForm, Relation, Rule};

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
pub fn parse(kind: FieldKind, raw: &str) -> Result<Option<Value>, Message> {
    let s = normalize(raw);
    if s.is_empty() {
        return Ok(None);
    }
    match kind {
        FieldKind::Text => Ok(Some(Value::Text(s))),
        FieldKind::Choice => match s.as_str() {
            "是" | "Y" | "y" | "yes" | "Yes" | "YES" => Ok(Some(Value::Choice(true))),
            "否" | "N" | "n" | "no" | "No" | "NO" => Ok(Some(Value::Choice(false))),
            _ => Err(msg::expected_yes_no(raw)),
        },
        FieldKind::Count => {
            let digits = strip_separators(&s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(msg::expected_whole_number(raw));
            }
            match digits.parse::<i64>() {
                Ok(n) if n <= MAX_VALUE => Ok(Some(Value::Count(n))),
                _ => Err(msg::number_too_large(raw)),
            }
        }
        FieldKind::Amount => match parse_amount(&strip_separators(&s)) {
            Some(n) if n <= MAX_VALUE * AMOUNT_SCALE => Ok(Some(Value::Amount(n))),
            Some(_) => Err(msg::amount_too_large(raw)),
            None => Err(msg::expected_amount(raw)),
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

/// A rule that a set of values breaks, with the sums that show it, each item named by its
/// code and (in Chinese) its label: `01B（其中农民工总数）为 999999，大于 01A（当地职工总数）100117`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: String,
    pub message: Message,
}

/// Checks every rule whose fields are all filled. (Whether blanks count as 0 is the caller's
/// choice: pass them in as zeros to check them too.) `fields` are the form's, for the labels.
pub fn check_rules(fields: &[Field], rules: &[Rule], values: &BTreeMap<String, Value>) -> Vec<Violation> {
    rules.iter().filter_map(|rule| check_rule(fields, rule, values)).collect()
}

fn check_rule(fields: &[Field], rule: &Rule, values: &BTreeMap<String, Value>) -> Option<Violation> {
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
    let label = |c: &str| fields.iter().find(|f| f.code == c).map_or("", |f| f.label.as_str());
    let shown = |codes: &[String], total: i64| {
        let total = match values.get(&codes[0]) {
            Some(Value::Amount(_)) => Value::Amount(total).to_string(),
            _ => total.to_string(),
        };
        let parts: Vec<String> = codes.iter().map(|c| format!("{c}={}", values[c])).collect();
        (codes.join(" + "), total, parts.join(" + "))
    };
    let left_text = match rule.left.as_slice() {
        [code] => msg::side_one(code, label(code), &values[code]),
        codes => {
            let (codes, total, parts) = shown(codes, left);
            msg::side_sum(codes, total, parts)
        }
    };
    let message = Message::compose(|lang| {
        let l = left_text.get(lang);
        let r = &rule.text;
        match rule.right.as_slice() {
            [code] => {
                let (label, value) = (label(code), &values[code]);
                match rule.relation {
                    Relation::Equal => msg::rule_not_equal(r, l, code, label, value),
                    Relation::AtMost => msg::rule_above(r, l, code, label, value),
                    Relation::AtLeast => msg::rule_below(r, l, code, label, value),
                }
            }
            codes => {
                let (codes, total, parts) = shown(codes, right);
                match rule.relation {
                    Relation::Equal => msg::rule_not_equal_sum(r, l, codes, total, parts),
                    Relation::AtMost => msg::rule_above_sum(r, l, codes, total, parts),
                    Relation::AtLeast => msg::rule_below_sum(r, l, codes, total, parts),
                }
            }
        }
    });
    Some(Violation {
        rule: rule.text.clone(),
        message,
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
            errors.push(msg::no_such_code(code, form.number, form.fields.first().map_or("01A", |f| f.code.as_str())).text());
            continue;
        };
        match parse(field.kind, written) {
            Ok(Some(v)) => {
                values.insert(code.clone(), v);
            }
            Ok(None) => {}
            Err(e) => errors.push(
                if field.unit.is_empty() {
                    Message::compose(|l| msg::bad_value(code, &field.label, e.get(l)))
                } else {
                    Message::compose(|l| msg::bad_value_with_unit(code, &field.label, &field.unit, e.get(l)))
                }
                .text(),
            ),
        }
    }
    if errors.is_empty() {
        errors.extend(check_rules(&form.fields, &form.rules, &values).into_iter().map(|v| v.message.text()));
    }
    if errors.is_empty() { Ok(values) } else { Err(errors) }
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
