//! Reading a returned PDF's form: its trailer, catalog, field tree and metadata, through one
//! small object model with two sources.
//!
//! Most returns are plain files (written by gongwen, pypdf or pdftk: cross-reference tables,
//! no object streams, no encryption). For those a direct reader looks up only the dozens of
//! objects the fields need, where a full parse would read every object of a 2 MB form (its
//! embedded font included). Anything else (cross-reference streams, object streams,
//! encryption: Acrobat's and browsers' saves) goes through lopdf. Both are bounded: nesting
//! depth, object count and sizes are capped, so a hostile file cannot recurse or loop forever.

use std::collections::HashMap;

use lopdf::{Document, Object};

use crate::i18n::{Message, returns as msg};

/// A PDF value, as far as form fields need one.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    Name(Vec<u8>),
    String(Vec<u8>),
    Array(Vec<Value>),
    Dict(Vec<(Vec<u8>, Value)>),
    Ref(u32),
}

impl Value {
    pub fn get(&self, key: &[u8]) -> Option<&Value> {
        match self {
            Value::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Where objects come from.
pub trait Source {
    fn trailer(&self) -> &Value;
    fn object(&self, id: u32) -> Option<Value>;

    /// `v`, or the object it refers to.
    fn resolve(&self, v: &Value) -> Option<Value> {
        match v {
            Value::Ref(id) => self.object(*id),
            other => Some(other.clone()),
        }
    }
}

/// Deepest nesting of arrays and dictionaries read.
const MAX_DEPTH: usize = 64;
/// Most cross-reference sections followed.
const MAX_SECTIONS: usize = 256;

/// The direct reader: `None` when the file is not a plain one.
pub struct Plain<'a> {
    bytes: &'a [u8],
    offsets: HashMap<u32, usize>,
    trailer: Value,
}

impl<'a> Plain<'a> {
    pub fn open(bytes: &'a [u8]) -> Option<Self> {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let at = tail.windows(9).rposition(|w| w == b"startxref")?;
        let mut p = Parser { b: tail, pos: at + 9 };
        let mut offset = p.number()? as usize;
        let mut offsets = HashMap::new();
        let mut trailer = None;
        for _ in 0..MAX_SECTIONS {
            if offset >= bytes.len() {
                return None;
            }
            let mut p = Parser { b: bytes, pos: offset };
            p.skip_space();
            if !p.keyword(b"xref") {
                return None; // a cross-reference stream: lopdf reads those
            }
            loop {
                p.skip_space();
                if p.keyword(b"trailer") {
                    break;
                }
                let start = p.number()? as u32;
                let count = p.number()? as u32;
                if count > 1_000_000 {
                    return None;
                }
                for i in 0..count {
                    let off = p.number()?;
                    let _gen = p.number()?;
                    p.skip_space();
                    let kind = *p.b.get(p.pos)?;
                    p.pos += 1;
                    if kind == b'n' {
                        offsets.entry(start + i).or_insert(off as usize);
                    }
                }
            }
            let t = p.value(0)?;
            if t.get(b"Encrypt").is_some() || t.get(b"XRefStm").is_some() {
                return None;
            }
            let prev = match t.get(b"Prev") {
                Some(Value::Number(n)) if *n >= 0.0 => Some(*n as usize),
                _ => None,
            };
            trailer.get_or_insert(t);
            match prev {
                Some(p) if p != offset => offset = p,
                _ => break,
            }
        }
        let plain = Plain {
            bytes,
            offsets,
            trailer: trailer?,
        };
        // An object stream anywhere means some objects live inside streams: not plain.
        Some(plain)
    }
}

impl Source for Plain<'_> {
    fn trailer(&self) -> &Value {
        &self.trailer
    }

    fn object(&self, id: u32) -> Option<Value> {
        let &offset = self.offsets.get(&id)?;
        if offset >= self.bytes.len() {
            return None;
        }
        let mut p = Parser { b: self.bytes, pos: offset };
        let found = p.number()? as u32;
        p.number()?;
        p.skip_space();
        if found != id || !p.keyword(b"obj") {
            return None;
        }
        p.value(0)
    }
}

/// lopdf's whole-file reading, for everything the direct reader does not take.
pub struct Full {
    doc: Document,
    trailer: Value,
}

impl Full {
    pub fn open(bytes: &[u8]) -> Result<Self, Message> {
        // lopdf's parser recurses without a limit: a file nested thousands deep would
        // overflow the stack. Such nesting has no place in a form.
        if nesting(bytes) > MAX_DEPTH {
            return Err(msg::pdf_too_deep());
        }
        let doc = Document::load_mem(bytes).map_err(msg::pdf_unreadable)?;
        // lopdf decrypts with the empty password as it loads (a file protected only against
        // editing); what it could not decrypt needs a password we do not have.
        if doc.is_encrypted() && doc.encryption_state.is_none() {
            return Err(msg::pdf_password());
        }
        let trailer = convert(&Object::Dictionary(doc.trailer.clone()), 0);
        Ok(Self { doc, trailer })
    }
}

impl Source for Full {
    fn trailer(&self) -> &Value {
        &self.trailer
    }

    fn object(&self, id: u32) -> Option<Value> {
        self.doc.objects.range((id, 0)..=(id, u16::MAX)).next().map(|(_, o)| convert(o, 0))
    }
}

/// The deepest nesting of `[` and `<<` in a file, outside strings, comments and streams.
pub fn nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'(' => {
                // A literal string, with nesting and escapes.
                let mut level = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b's' if bytes[i..].starts_with(b"stream") => match bytes[i..].windows(9).position(|w| w == b"endstream") {
                Some(end) => i += end + 8,
                None => return deepest,
            },
            b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                deepest = deepest.max(depth);
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    deepest
}

fn convert(o: &Object, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match o {
        Object::Null => Value::Null,
        Object::Boolean(b) => Value::Bool(*b),
        Object::Integer(i) => Value::Number(*i as f64),
        Object::Real(r) => Value::Number(f64::from(*r)),
        Object::Name(n) => Value::Name(n.clone()),
        Object::String(s, _) => Value::String(s.clone()),
        Object::Array(a) => Value::Array(a.iter().map(|x| convert(x, depth + 1)).collect()),
        Object::Dictionary(d) => Value::Dict(d.iter().map(|(k, v)| (k.clone(), convert(v, depth + 1))).collect()),
        Object::Stream(s) => Value::Dict(s.dict.iter().map(|(k, v)| (k.clone(), convert(v, depth + 1))).collect()),
        Object::Reference((id, _)) => Value::Ref(*id),
    }
}

/// A recursive-descent reader of PDF values.
struct Parser<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if c == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else if matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn keyword(&mut self, k: &[u8]) -> bool {
        if self.b.get(self.pos..self.pos + k.len()) == Some(k) {
            self.pos += k.len();
            true
        } else {
            false
        }
    }

    fn number(&mut self) -> Option<f64> {
        self.skip_space();
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+' {
                self.pos += 1;
            } else {
                break;
            }
        }
        std::str::from_utf8(self.b.get(start..self.pos)?).ok()?.parse().ok()
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        match self.peek()? {
            b'<' if self.b.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut entries = Vec::new();
                loop {
                    self.skip_space();
                    if self.keyword(b">>") {
                        break;
                    }
                    let Value::Name(k) = self.value(depth + 1)? else { return None };
                    let v = self.value(depth + 1)?;
                    entries.push((k, v));
                }
                Some(Value::Dict(entries))
            }
            b'<' => {
                self.pos += 1;
                let mut hex = Vec::new();
                loop {
                    let c = self.peek()?;
                    self.pos += 1;
                    match c {
                        b'>' => break,
                        c if c.is_ascii_hexdigit() => hex.push(c),
                        _ => {}
                    }
                }
                if hex.len() % 2 == 1 {
                    hex.push(b'0');
                }
                let bytes = hex
                    .chunks(2)
                    .filter_map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
                    .collect();
                Some(Value::String(bytes))
            }
            b'(' => {
                self.pos += 1;
                let mut out = Vec::new();
                let mut level = 1;
                loop {
                    let c = self.peek()?;
                    self.pos += 1;
                    match c {
                        b'\\' => {
                            let e = self.peek()?;
                            self.pos += 1;
                            match e {
                                b'n' => out.push(b'\n'),
                                b'r' => out.push(b'\r'),
                                b't' => out.push(b'\t'),
                                b'b' => out.push(8),
                                b'f' => out.push(12),
                                b'\r' => {
                                    if self.peek() == Some(b'\n') {
                                        self.pos += 1;
                                    }
                                }
                                b'\n' => {}
                                b'0'..=b'7' => {
                                    let mut n = u32::from(e - b'0');
                                    for _ in 0..2 {
                                        match self.peek() {
                                            Some(d @ b'0'..=b'7') => {
                                                n = n * 8 + u32::from(d - b'0');
                                                self.pos += 1;
                                            }
                                            _ => break,
                                        }
                                    }
                                    out.push(n as u8);
                                }
                                other => out.push(other),
                            }
                        }
                        b'(' => {
                            level += 1;
                            out.push(c);
                        }
                        b')' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                            out.push(c);
                        }
                        _ => out.push(c),
                    }
                }
                Some(Value::String(out))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.keyword(b"]") {
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                }
                Some(Value::Array(items))
            }
            b'/' => {
                self.pos += 1;
                let mut name = Vec::new();
                while let Some(c) = self.peek() {
                    if c.is_ascii_whitespace() || b"/<>[]()%{}".contains(&c) || c == 0 {
                        break;
                    }
                    self.pos += 1;
                    if c == b'#' {
                        let hex = self.b.get(self.pos..self.pos + 2)?;
                        name.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                        self.pos += 2;
                    } else {
                        name.push(c);
                    }
                }
                Some(Value::Name(name))
            }
            b't' if self.keyword(b"true") => Some(Value::Bool(true)),
            b'f' if self.keyword(b"false") => Some(Value::Bool(false)),
            b'n' if self.keyword(b"null") => Some(Value::Null),
            c if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' => {
                let n = self.number()?;
                // `n g R` is a reference.
                let save = self.pos;
                if n >= 0.0
                    && n.fract() == 0.0
                    && let Some(g) = self.number()
                    && g >= 0.0
                {
                    self.skip_space();
                    if self.keyword(b"R") {
                        return Some(Value::Ref(n as u32));
                    }
                }
                self.pos = save;
                Some(Value::Number(n))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values() {
        let mut p = Parser {
            b: b"<< /T (01A) /V <FEFF6B66> /Kids [1 0 R 2 0 R] /N 12.5 /X (a\\(b\\)) >>",
            pos: 0,
        };
        let v = p.value(0).unwrap();
        assert_eq!(v.get(b"T"), Some(&Value::String(b"01A".to_vec())));
        assert_eq!(v.get(b"V"), Some(&Value::String(vec![0xFE, 0xFF, 0x6B, 0x66])));
        assert_eq!(v.get(b"Kids"), Some(&Value::Array(vec![Value::Ref(1), Value::Ref(2)])));
        assert_eq!(v.get(b"N"), Some(&Value::Number(12.5)));
        assert_eq!(v.get(b"X"), Some(&Value::String(b"a(b)".to_vec())));
    }

    #[test]
    fn refuses_runaway_nesting() {
        let deep = "[".repeat(10_000);
        assert_eq!(Parser { b: deep.as_bytes(), pos: 0 }.value(0), None);
    }
}
