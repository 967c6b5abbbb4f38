//! The JSON schema of each kind of edition file, derived from the content model's types
//! (`schemars`), with a Chinese title on every field: the page builds its form from these and
//! from nothing else, so a field added to the model shows up without a change to the page.
//!
//! The titles come from the catalogue (`i18n::serve::label`), else from the Chinese term that
//! starts the field's doc comment in `model.rs` (`/// 份号`), else the key itself.

use std::borrow::Cow;

use schemars::{JsonSchema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use crate::i18n::serve as msg;
use crate::model::{Cell, CellSpec, Form, FormHeader, HeaderSpec, Label, Lines, Notice, Number, TableAttachment, TextAttachment};

/// A TOML date (`2015-01-05`), shown as a date picker.
pub struct Date;

impl JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> schemars::Schema {
        json_schema!({ "type": "string", "format": "date" })
    }
}

impl JsonSchema for Lines {
    fn schema_name() -> Cow<'static, str> {
        "Lines".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> schemars::Schema {
        json_schema!({
            "anyOf": [
                { "type": "string", "title": msg::branch_one_line().zh },
                { "type": "array", "items": { "type": "string" }, "title": msg::branch_lines().zh },
            ]
        })
    }
}

impl JsonSchema for Number {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> schemars::Schema {
        json_schema!({ "type": "number" })
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> Cow<'static, str> {
        "Cell".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        let spec = titled_ref(generator.subschema_for::<CellSpec>(), msg::branch_cell_spec().zh);
        json_schema!({
            "anyOf": [
                { "type": "string", "title": msg::branch_cell_text().zh },
                spec,
            ]
        })
    }
}

impl JsonSchema for HeaderSpec {
    fn schema_name() -> Cow<'static, str> {
        "HeaderSpec".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        let header = titled_ref(generator.subschema_for::<FormHeader>(), msg::branch_header_on().zh);
        json_schema!({
            "anyOf": [
                header,
                { "const": false, "title": msg::branch_header_off().zh },
            ]
        })
    }
}

impl JsonSchema for Label {
    fn schema_name() -> Cow<'static, str> {
        "Label".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> schemars::Schema {
        json_schema!({
            "anyOf": [
                { "type": "string", "title": msg::branch_label_text().zh },
                { "const": false, "title": msg::branch_label_off().zh },
            ]
        })
    }
}

/// A reference to a type's schema, with a title of its own (JSON Schema 2020-12 allows
/// keywords beside `$ref`).
fn titled_ref(schema: schemars::Schema, title: String) -> Value {
    let mut value = schema.to_value();
    if let Some(o) = value.as_object_mut() {
        o.insert("title".into(), Value::String(title));
    }
    value
}

/// What an edition file is, and so which schema its form follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Notice,
    Form,
    Text,
    Table,
}

impl FileKind {
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Notice => "notice",
            FileKind::Form => "form",
            FileKind::Text => "text",
            FileKind::Table => "table",
        }
    }
}

/// The schema of every kind of file, by [`FileKind::name`], titled in Chinese.
pub fn schemas() -> Value {
    let mut out = Map::new();
    for (kind, schema) in [
        (FileKind::Notice, schemars::schema_for!(Notice)),
        (FileKind::Form, schemars::schema_for!(Form)),
        (FileKind::Text, schemars::schema_for!(TextAttachment)),
        (FileKind::Table, schemars::schema_for!(TableAttachment)),
    ] {
        let mut value = schema.to_value();
        let root = value.get("title").and_then(Value::as_str).unwrap_or_default().to_string();
        titled(&mut value, &root);
        if let Some(defs) = value.get_mut("$defs").and_then(Value::as_object_mut) {
            for (name, def) in defs.iter_mut() {
                titled(def, name);
            }
        }
        out.insert(kind.name().to_string(), value);
    }
    Value::Object(out)
}

/// Gives each property of an object schema (the type `owner`) and each choice of an enum a
/// Chinese title, keeping any it has.
fn titled(schema: &mut Value, owner: &str) {
    let Some(object) = schema.as_object_mut() else { return };
    if let Some(props) = object.get_mut("properties").and_then(Value::as_object_mut) {
        for (key, prop) in props.iter_mut() {
            let doc = prop.get("description").and_then(Value::as_str).map(str::to_string);
            if let Some(p) = prop.as_object_mut()
                && !p.contains_key("title")
            {
                let title = msg::label(owner, key)
                    .map(|m| m.zh)
                    .or_else(|| doc.as_deref().and_then(chinese_term))
                    .unwrap_or_else(|| key.clone());
                p.insert("title".into(), Value::String(title));
            }
        }
    }
    // An enum of documented variants: `oneOf` of constants.
    for list in ["oneOf", "anyOf"] {
        if let Some(choices) = object.get_mut(list).and_then(Value::as_array_mut) {
            for choice in choices {
                let Some(c) = choice.as_object_mut() else { continue };
                let Some(value) = c.get("const").and_then(Value::as_str).map(str::to_string) else {
                    continue;
                };
                if c.contains_key("title") {
                    continue;
                }
                let doc = c.get("description").and_then(Value::as_str).and_then(chinese_term);
                let title = msg::choice(&value).map(|m| m.zh).or(doc).unwrap_or(value);
                c.insert("title".into(), Value::String(title));
            }
        }
    }
    // An enum of undocumented variants: titles beside the values.
    if let Some(values) = object.get("enum").and_then(Value::as_array) {
        let titles: Vec<Value> = values
            .iter()
            .map(|v| {
                let s = v.as_str().unwrap_or_default();
                Value::String(msg::choice(s).map_or_else(|| s.to_string(), |m| m.zh))
            })
            .collect();
        object.insert("x-titles".into(), Value::Array(titles));
    }
}

/// The Chinese term a doc comment starts with: `份号`, `发文机关标志` of
/// "发文机关标志 text: the full name…", `加盖印章` of "加盖印章 (7.3.5.1): …".
fn chinese_term(doc: &str) -> Option<String> {
    let term: String = doc.trim().chars().take_while(|c| is_cjk(*c)).collect();
    (!term.is_empty()).then_some(term)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_model_has_a_chinese_title() {
        let schemas = schemas();
        let mut seen = 0;
        fn walk(v: &Value, seen: &mut usize) {
            match v {
                Value::Object(o) => {
                    if let Some(props) = o.get("properties").and_then(Value::as_object) {
                        for (key, prop) in props {
                            let title = prop["title"].as_str().unwrap();
                            assert!(title.chars().any(is_cjk), "{key}: title {title} is not Chinese");
                            *seen += 1;
                        }
                    }
                    o.values().for_each(|v| walk(v, seen));
                }
                Value::Array(a) => a.iter().for_each(|v| walk(v, seen)),
                _ => {}
            }
        }
        walk(&schemas, &mut seen);
        assert!(seen > 60, "only {seen} fields");
    }

    #[test]
    fn the_notice_lists_its_parts_in_the_order_of_the_model() {
        let schemas = schemas();
        let keys: Vec<&str> = schemas["notice"]["properties"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "format",
                "year",
                "dates",
                "issuers",
                "head",
                "body",
                "closing",
                "signature",
                "record",
                "attendance"
            ]
        );
    }

    #[test]
    fn terms_are_read_from_doc_comments() {
        assert_eq!(chinese_term("发文机关标志 of a single issuer").as_deref(), Some("发文机关标志"));
        assert_eq!(chinese_term("份号").as_deref(), Some("份号"));
        assert_eq!(chinese_term("The campaign year"), None);
    }
}
