//! The edition's TOML as the page edits it (JSON), and the page's JSON written back into the
//! TOML with `toml_edit`: what did not change keeps its text, comments, key order and layout;
//! a changed value keeps the comments around it; new entries take the layout of their
//! neighbours.

use serde_json::{Map, Number, Value};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table};

use crate::i18n::serve as msg;

/// A TOML document as the page sees it: tables as objects (in the file's order), dates as
/// `2015-01-05` strings.
pub fn to_json(doc: &DocumentMut) -> Value {
    table_json(doc.as_table())
}

fn table_json(table: &Table) -> Value {
    Value::Object(table.iter().map(|(k, item)| (k.to_string(), item_json(item))).collect())
}

fn item_json(item: &Item) -> Value {
    match item {
        Item::None => Value::Null,
        Item::Value(v) => value_json(v),
        Item::Table(t) => table_json(t),
        Item::ArrayOfTables(a) => Value::Array(a.iter().map(table_json).collect()),
    }
}

fn value_json(value: &toml_edit::Value) -> Value {
    use toml_edit::Value as V;
    match value {
        V::String(s) => Value::String(s.value().clone()),
        V::Integer(i) => Value::Number((*i.value()).into()),
        V::Float(f) => Number::from_f64(*f.value()).map_or(Value::Null, Value::Number),
        V::Boolean(b) => Value::Bool(*b.value()),
        V::Datetime(d) => Value::String(d.value().to_string()),
        V::Array(a) => Value::Array(a.iter().map(value_json).collect()),
        V::InlineTable(t) => Value::Object(t.iter().map(|(k, v)| (k.to_string(), value_json(v))).collect()),
    }
}

/// Writes the page's `json` into `doc`, leaving alone whatever is the same. A value that is
/// not the kind the file needs is refused with its path.
pub fn merge(doc: &mut DocumentMut, json: &Value) -> Result<(), String> {
    let Value::Object(object) = json else {
        return Err(msg::wrong_type("/", msg::expected_table().zh).zh);
    };
    merge_table(doc.as_table_mut(), object, "")
}

fn path_of(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

fn merge_table(table: &mut Table, object: &Map<String, Value>, path: &str) -> Result<(), String> {
    // Keys the page no longer has (or emptied) go; the comment lines above one go to the key
    // after it, so that a file's opening comment, say, stays when its first key goes.
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let gone = |k: &String| object.get(k).is_none_or(Value::is_null);
    let mut carried = String::new();
    for k in &keys {
        if gone(k) {
            carried.push_str(&comments_above(table, k));
            table.remove(k);
        } else if !carried.is_empty() {
            prepend_comments(table, k, &std::mem::take(&mut carried));
        }
    }
    for (key, value) in object {
        if value.is_null() {
            continue;
        }
        let here = path_of(path, key);
        match table.get_mut(key) {
            Some(item) => merge_item(item, value, &here)?,
            None => {
                let item = new_item(value, &here, true)?;
                // A plain value goes before the sub-tables, as TOML needs it to.
                table.insert(key, item);
            }
        }
    }
    Ok(())
}

/// The comment lines written above the entry `key` (with the blank lines between them), if any.
fn comments_above(table: &Table, key: &str) -> String {
    let raw = |d: &toml_edit::Decor| d.prefix().and_then(|r| r.as_str()).unwrap_or_default().to_string();
    let mut text = table.key(key).map(|k| raw(k.leaf_decor())).unwrap_or_default();
    match table.get(key) {
        Some(Item::Table(t)) => text.push_str(&raw(t.decor())),
        Some(Item::ArrayOfTables(a)) => text.push_str(&a.get(0).map(|t| raw(t.decor())).unwrap_or_default()),
        _ => {}
    }
    if text.contains('#') { text } else { String::new() }
}

/// Puts `comments` above the entry `key`, before its own.
fn prepend_comments(table: &mut Table, key: &str, comments: &str) {
    let join = |d: &mut toml_edit::Decor| {
        let own = d.prefix().and_then(|r| r.as_str()).unwrap_or_default().to_string();
        d.set_prefix(format!("{comments}{}", own.trim_start_matches([' ', '\t'])));
    };
    match table.get_mut(key) {
        Some(Item::Table(t)) => join(t.decor_mut()),
        Some(Item::ArrayOfTables(a)) => {
            if let Some(t) = a.get_mut(0) {
                join(t.decor_mut());
            }
        }
        _ => {
            if let Some(mut k) = table.key_mut(key) {
                join(k.leaf_decor_mut());
            }
        }
    }
}

fn merge_item(item: &mut Item, json: &Value, path: &str) -> Result<(), String> {
    match item {
        Item::Value(v) => merge_value(v, json, path),
        Item::Table(t) => match json {
            Value::Object(o) => merge_table(t, o, path),
            _ => {
                *item = new_item(json, path, true)?;
                Ok(())
            }
        },
        Item::ArrayOfTables(tables) => match json {
            Value::Array(list) if list.iter().all(Value::is_object) => merge_tables(tables, list, path),
            _ => {
                *item = new_item(json, path, true)?;
                Ok(())
            }
        },
        Item::None => {
            *item = new_item(json, path, true)?;
            Ok(())
        }
    }
}

fn merge_tables(tables: &mut ArrayOfTables, list: &[Value], path: &str) -> Result<(), String> {
    while tables.len() > list.len() {
        tables.remove(tables.len() - 1);
    }
    for (i, value) in list.iter().enumerate() {
        let here = format!("{path}[{i}]");
        let Value::Object(o) = value else { unreachable!("checked by the caller") };
        match tables.get_mut(i) {
            Some(t) => merge_table(t, o, &here)?,
            None => {
                let mut t = Table::new();
                merge_table(&mut t, o, &here)?;
                tables.push(t);
            }
        }
    }
    Ok(())
}

/// Whether `value` already says what `json` says (a date as its text).
fn same(value: &toml_edit::Value, json: &Value) -> bool {
    value_json(value) == *json
        && match (value, json) {
            // 1 and 1.0 are the same JSON number but not the same TOML.
            (toml_edit::Value::Float(_), Value::Number(n)) => n.is_f64(),
            (toml_edit::Value::Integer(_), Value::Number(n)) => !n.is_f64(),
            _ => true,
        }
}

fn merge_value(value: &mut toml_edit::Value, json: &Value, path: &str) -> Result<(), String> {
    if same(value, json) {
        return Ok(());
    }
    match (&mut *value, json) {
        (toml_edit::Value::Array(array), Value::Array(list)) => return merge_array(array, list, path),
        (toml_edit::Value::InlineTable(t), Value::Object(o)) => return merge_inline(t, o, path),
        _ => {}
    }
    let was_date = matches!(value, toml_edit::Value::Datetime(_));
    let mut new = plain_value(json, path, was_date)?;
    *new.decor_mut() = value.decor().clone();
    *value = new;
    Ok(())
}

fn merge_array(array: &mut Array, list: &[Value], path: &str) -> Result<(), String> {
    // New elements are laid out like the last one (one a line, indented, in most files),
    // without its comments.
    let last_decor = array.iter().last().map(|v| layout_only(v.decor()));
    while array.len() > list.len() {
        array.remove(array.len() - 1);
    }
    for (i, json) in list.iter().enumerate() {
        let here = format!("{path}[{i}]");
        if let Some(v) = array.get_mut(i) {
            merge_value(v, json, &here)?;
        } else {
            let mut v = plain_value(json, &here, false)?;
            if let Some(decor) = &last_decor {
                *v.decor_mut() = decor.clone();
            }
            array.push_formatted(v);
        }
    }
    Ok(())
}

fn merge_inline(table: &mut InlineTable, object: &Map<String, Value>, path: &str) -> Result<(), String> {
    let gone: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| object.get(k).is_none_or(Value::is_null))
        .collect();
    for k in gone {
        table.remove(&k);
    }
    for (key, json) in object {
        if json.is_null() {
            continue;
        }
        let here = path_of(path, key);
        match table.get_mut(key) {
            Some(v) => merge_value(v, json, &here)?,
            None => {
                table.insert(key, plain_value(json, &here, false)?);
            }
        }
    }
    Ok(())
}

/// The spacing of a decor without its comments: a line break and the indent that follows.
fn layout_only(decor: &toml_edit::Decor) -> toml_edit::Decor {
    let prefix = decor.prefix().and_then(|r| r.as_str()).unwrap_or_default();
    let prefix = match prefix.rfind('\n') {
        Some(i) => format!("\n{}", &prefix[i + 1..]),
        None => prefix.to_string(),
    };
    let suffix = decor.suffix().and_then(|r| r.as_str()).unwrap_or_default();
    let suffix = if suffix.contains('#') { String::new() } else { suffix.to_string() };
    toml_edit::Decor::new(prefix, suffix)
}

/// A new entry of a standard table: a table for an object, an array of tables for a list of
/// objects (`[[body.sections]]`), else a value.
fn new_item(json: &Value, path: &str, in_table: bool) -> Result<Item, String> {
    Ok(match json {
        Value::Object(o) if in_table => {
            let mut t = Table::new();
            merge_table(&mut t, o, path)?;
            Item::Table(t)
        }
        Value::Array(list) if in_table && !list.is_empty() && list.iter().all(Value::is_object) => {
            let mut tables = ArrayOfTables::new();
            merge_tables(&mut tables, list, path)?;
            Item::ArrayOfTables(tables)
        }
        _ => Item::Value(plain_value(json, path, false)?),
    })
}

/// A value written inline. A string that reads as a date becomes a TOML date when the value it
/// replaces was one, or when it is nothing but a date (`2015-01-05`).
fn plain_value(json: &Value, path: &str, was_date: bool) -> Result<toml_edit::Value, String> {
    Ok(match json {
        Value::String(s) => match s.parse::<toml_edit::Datetime>() {
            Ok(d) if was_date || is_plain_date(s) => toml_edit::Value::from(d),
            _ if was_date => return Err(msg::wrong_type(path, msg::expected_date().zh).zh),
            _ => toml_edit::Value::from(s.as_str()),
        },
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml_edit::Value::from(i),
            None => toml_edit::Value::from(n.as_f64().unwrap_or_default()),
        },
        Value::Bool(b) => toml_edit::Value::from(*b),
        Value::Array(list) => {
            let mut array = Array::new();
            for (i, v) in list.iter().enumerate() {
                array.push(plain_value(v, &format!("{path}[{i}]"), false)?);
            }
            toml_edit::Value::Array(array)
        }
        Value::Object(o) => {
            let mut t = InlineTable::new();
            for (k, v) in o {
                if !v.is_null() {
                    t.insert(k, plain_value(v, &path_of(path, k), false)?);
                }
            }
            toml_edit::Value::InlineTable(t)
        }
        Value::Null => return Err(msg::wrong_type(path, msg::expected_text().zh).zh),
    })
}

/// `2015-01-05`, exactly: the form's date pickers give nothing else, and text that happens to
/// look like a date is rare enough to be written as a date (the model refuses it where it
/// wants text, at its place).
fn is_plain_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"# 说明
year = 2015 # 年度

[dates] # 日期
deadline = 2015-02-01 # 截止

[body]
title = ["一", "二"]
paragraphs = [
  "甲。", # 第一段
  "乙。",
]

[[body.sections]]
title = "指导思想"
"#;

    fn roundtrip(edit: impl FnOnce(&mut Value)) -> String {
        let mut doc: DocumentMut = SRC.parse().unwrap();
        let mut json = to_json(&doc);
        edit(&mut json);
        merge(&mut doc, &json).unwrap();
        doc.to_string()
    }

    #[test]
    fn nothing_changed_is_the_same_text() {
        assert_eq!(roundtrip(|_| {}), SRC);
    }

    #[test]
    fn a_changed_sentence_keeps_every_comment() {
        let out = roundtrip(|j| j["body"]["paragraphs"][0] = "丙。".into());
        assert_eq!(out, SRC.replace("\"甲。\"", "\"丙。\""));
    }

    #[test]
    fn dates_stay_dates_and_lists_grow_like_their_neighbours() {
        let out = roundtrip(|j| {
            j["dates"]["deadline"] = "2016-02-01".into();
            j["dates"]["start"] = "2016-01-01".into();
            j["body"]["paragraphs"].as_array_mut().unwrap().push("丁。".into());
            j["body"]["sections"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({"title": "活动时间", "paragraphs": ["一句。"]}));
        });
        assert!(out.contains("deadline = 2016-02-01 # 截止"), "{out}");
        assert!(out.contains("start = 2016-01-01"), "{out}");
        assert!(out.contains("  \"乙。\",\n  \"丁。\",\n]"), "{out}");
        assert!(out.contains("[[body.sections]]\ntitle = \"活动时间\""), "{out}");
        let back: toml::Table = toml::from_str(&out).unwrap();
        assert!(back["dates"]["start"].is_datetime());
    }

    #[test]
    fn removed_keys_and_elements_go() {
        let out = roundtrip(|j| {
            j["body"]["paragraphs"].as_array_mut().unwrap().pop();
            j.as_object_mut().unwrap().remove("year");
        });
        assert!(!out.contains("year = 2015"));
        assert!(!out.contains("乙。"));
        assert!(out.contains("# 说明"));
    }

    #[test]
    fn a_date_replaced_by_text_is_refused() {
        let mut doc: DocumentMut = SRC.parse().unwrap();
        let mut json = to_json(&doc);
        json["dates"]["deadline"] = "二月".into();
        assert!(merge(&mut doc, &json).unwrap_err().contains("dates.deadline"));
    }
}
