//! Just enough PDF writing for form fields: serialising objects, and appending an incremental
//! update (new objects, new versions of old ones, an xref section pointing back to the last)
//! to a finished file, which leaves every byte Typst wrote untouched.

use std::io::Write;

use lopdf::{Dictionary, Object, StringFormat};

/// The trailer facts an update carries forward.
#[derive(Debug, Clone)]
pub struct Trailer {
    /// One more than the highest object number in use.
    pub size: u32,
    pub root: u32,
    pub info: Option<u32>,
    /// The file identifier array, as written in the original trailer.
    pub id: Option<Object>,
    /// Byte offset of the last xref section.
    pub startxref: usize,
}

impl Trailer {
    /// Reads the trailer of a PDF that lopdf has parsed, and its `startxref`.
    pub fn read(bytes: &[u8], doc: &lopdf::Document) -> Result<Self, String> {
        let t = &doc.trailer;
        let size = t.get(b"Size").and_then(Object::as_i64).map_err(|_| "the PDF has no /Size in its trailer")? as u32;
        let root = t.get(b"Root").and_then(Object::as_reference).map_err(|_| "the PDF has no /Root")?.0;
        let info = t.get(b"Info").and_then(Object::as_reference).ok().map(|r| r.0);
        let id = t.get(b"ID").ok().cloned();
        let startxref = find_startxref(bytes).ok_or("the PDF has no startxref")?;
        Ok(Self {
            size,
            root,
            info,
            id,
            startxref,
        })
    }
}

fn find_startxref(bytes: &[u8]) -> Option<usize> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let rest = std::str::from_utf8(&tail[at + 9..]).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

/// An incremental update being written after `base_len` bytes of an existing file.
pub struct Update {
    base_len: usize,
    buf: Vec<u8>,
    offsets: Vec<(u32, usize)>,
}

impl Update {
    pub fn new(base: &[u8]) -> Self {
        let mut buf = Vec::new();
        if !base.ends_with(b"\n") {
            buf.push(b'\n');
        }
        Self {
            base_len: base.len(),
            buf,
            offsets: Vec::new(),
        }
    }

    /// Writes object `id` (a new one, or a new version of an old one).
    pub fn object(&mut self, id: u32, obj: &Object) {
        self.offsets.push((id, self.base_len + self.buf.len()));
        writeln!(self.buf, "{id} 0 obj").unwrap();
        write_object(&mut self.buf, obj);
        self.buf.extend_from_slice(b"\nendobj\n");
    }

    /// Writes a stream object.
    pub fn stream(&mut self, id: u32, mut dict: Dictionary, data: &[u8], compress: bool) {
        self.offsets.push((id, self.base_len + self.buf.len()));
        let data = if compress {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            deflate(data)
        } else {
            data.to_vec()
        };
        dict.set("Length", Object::Integer(data.len() as i64));
        writeln!(self.buf, "{id} 0 obj").unwrap();
        write_dict(&mut self.buf, &dict);
        self.buf.extend_from_slice(b"\nstream\n");
        self.buf.extend_from_slice(&data);
        self.buf.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Writes the xref section and trailer; returns the update's bytes, to be appended to the
    /// base file, and the trailer for a further update.
    pub fn finish(mut self, trailer: &Trailer) -> (Vec<u8>, Trailer) {
        let xref_at = self.base_len + self.buf.len();
        self.offsets.sort();
        self.buf.extend_from_slice(b"xref\n");
        let mut i = 0;
        while i < self.offsets.len() {
            let start = self.offsets[i].0;
            let mut j = i;
            while j + 1 < self.offsets.len() && self.offsets[j + 1].0 == self.offsets[j].0 + 1 {
                j += 1;
            }
            writeln!(self.buf, "{start} {}", j - i + 1).unwrap();
            for &(_, offset) in &self.offsets[i..=j] {
                writeln!(self.buf, "{offset:010} 00000 n ").unwrap();
            }
            i = j + 1;
        }
        let size = self.offsets.iter().map(|(id, _)| id + 1).max().unwrap_or(0).max(trailer.size);
        let mut t = Dictionary::new();
        t.set("Size", Object::Integer(size as i64));
        t.set("Root", Object::Reference((trailer.root, 0)));
        if let Some(info) = trailer.info {
            t.set("Info", Object::Reference((info, 0)));
        }
        if let Some(id) = &trailer.id {
            t.set("ID", id.clone());
        }
        t.set("Prev", Object::Integer(trailer.startxref as i64));
        self.buf.extend_from_slice(b"trailer\n");
        write_dict(&mut self.buf, &t);
        write!(self.buf, "\nstartxref\n{xref_at}\n%%EOF\n").unwrap();
        let next = Trailer {
            size,
            startxref: xref_at,
            ..trailer.clone()
        };
        (self.buf, next)
    }
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(data).expect("writing to memory");
    e.finish().expect("writing to memory")
}

/// Serialises an object (streams are written with [`Update::stream`]).
pub fn write_object(out: &mut Vec<u8>, obj: &Object) {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => write!(out, "{i}").unwrap(),
        Object::Real(r) => write_real(out, *r),
        Object::Name(n) => write_name(out, n),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in s {
                write!(out, "{b:02X}").unwrap();
            }
            out.push(b'>');
        }
        Object::String(s, StringFormat::Literal) => {
            out.push(b'(');
            for &b in s {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dict(out, d),
        Object::Stream(s) => write_dict(out, &s.dict),
        Object::Reference((id, generation)) => write!(out, "{id} {generation} R").unwrap(),
    }
}

fn write_dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        write_name(out, k);
        out.push(b' ');
        write_object(out, v);
    }
    out.extend_from_slice(b">>");
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            write!(out, "#{b:02X}").unwrap();
        }
    }
}

fn write_real(out: &mut Vec<u8>, r: f32) {
    let s = format!("{r:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    out.extend_from_slice(if s.is_empty() || s == "-" { b"0" } else { s.as_bytes() });
}

/// A PDF text string: PDFDocEncoding for plain ASCII, else UTF-16BE with a byte order mark.
pub fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

pub fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

pub fn real(r: f64) -> Object {
    Object::Real(r as f32)
}
