//! A small XML writer for the parts of the zip packages gongwen writes (OFD, DOCX): elements
//! in any namespace, attributes and text escaped, one element per line.

/// The OFD namespace (GB/T 33190-2016 7.1).
pub const OFD_NAMESPACE: &str = "http://www.ofdspec.org/2016";

pub struct Xml {
    out: String,
    open: Vec<String>,
}

impl Xml {
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, String)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }

    /// Opens an element; `close` ends it.
    pub fn open(&mut self, name: &str, attrs: &[(&str, String)]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name.to_string());
        self
    }

    /// An element with no content.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, String)]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push_str("/>\n");
        self
    }

    /// An element holding text.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, String)], text: &str) -> &mut Self {
        self.tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    pub fn close(&mut self) -> &mut Self {
        let name = self.open.pop().expect("an open element to close");
        self.out.push_str("</");
        self.out.push_str(&name);
        self.out.push_str(">\n");
        self
    }

    pub fn finish(self) -> Vec<u8> {
        debug_assert!(self.open.is_empty(), "unclosed elements: {:?}", self.open);
        self.out.into_bytes()
    }
}

/// Escapes markup characters; characters XML 1.0 cannot hold (C0 controls other than tab and
/// line feed) are left out.
fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A number as OFD writes it: millimetres to the micrometre, no trailing zeros.
pub fn num(x: f64) -> String {
    let mut s = format!("{:.3}", round(x));
    if s.contains('.') {
        s.truncate(s.trim_end_matches('0').trim_end_matches('.').len());
    }
    if s == "-0" { "0".into() } else { s }
}

/// `x` rounded to the micrometre.
pub fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Numbers separated by spaces (`ST_Array`).
pub fn array(xs: impl IntoIterator<Item = f64>) -> String {
    xs.into_iter().map(num).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_short_and_exact_to_the_micrometre() {
        assert_eq!(num(5.644444), "5.644");
        assert_eq!(num(210.0), "210");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(array([1.0, 2.5]), "1 2.5");
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut x = Xml::new();
        x.leaf("a", &[("v", "\"<&>\"".into())], "<#$*&>\u{1}");
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(s.ends_with("<a v=\"&quot;&lt;&amp;&gt;&quot;\">&lt;#$*&amp;&gt;</a>\n"), "{s}");
    }
}
