//! The font that form fields are written in: a subset of Noto Sans SC, embedded once in each
//! form as a Type0 (Identity-H) CID font with a ToUnicode map, named in the form's default
//! resources. Viewers that draw a field's appearance themselves (pdf.js, Acrobat while
//! typing) find their glyphs in it; our own appearance streams use it too.
//!
//! The subset holds every character of GB 2312 and of 通用规范汉字表 (the 8,105 characters of
//! the 2013 Table of General Standard Chinese Characters, which has the characters of names
//! GB 2312 lacks: 喆, 堃, 昇, 玥, 赟, 镕), ASCII, full-width forms and CJK punctuation, where
//! the whole font is 8 MB. A value with a character beyond it gets a second, tiny subset for
//! just those characters, from the first shipped font that has them (𠮷 is in Noto Serif CJK
//! only), used by that document's appearance streams.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object};

use super::pdf::{Update, name};
use crate::i18n::export as msg;

/// The family the fields use: a sans, as viewers use for typed entries.
pub const FIELD_FONT_FAMILY: &str = "Noto Sans SC";

/// A subset font ready to embed, with what is needed to write text in it.
pub struct FieldFont {
    base_name: String,
    /// The subset font program, compressed once: every form embeds the same bytes.
    program: Vec<u8>,
    /// The ToUnicode CMap, compressed once too.
    to_unicode: Vec<u8>,
    /// Each character → its CID (glyph id in the subset).
    cids: BTreeMap<char, u16>,
    /// Advance of each CID, in thousandths of an em.
    widths: Vec<u16>,
    ascent: i16,
    descent: i16,
    cap_height: i16,
    bbox: [i16; 4],
}

/// Every character the form's base font holds (made once: each attachment asks for it).
pub fn base_charset() -> &'static BTreeSet<char> {
    static SET: std::sync::OnceLock<BTreeSet<char>> = std::sync::OnceLock::new();
    SET.get_or_init(make_base_charset)
}

/// 通用规范汉字表 (2013), from Unihan's kTGH field (see the file's header).
const TGH_2013: &str = include_str!("tgh-2013.txt");

/// The 8,105 characters of 通用规范汉字表, in the table's order.
pub fn general_standard_chars() -> impl Iterator<Item = char> {
    TGH_2013.lines().filter(|l| !l.starts_with('#')).flat_map(|l| l.trim().chars())
}

fn make_base_charset() -> BTreeSet<char> {
    let mut set: BTreeSet<char> = (0x20u8..0x7f).map(char::from).collect();
    // GB 2312: rows 0xA1–0xF7, cells 0xA1–0xFE, decoded through GBK (its superset).
    for hi in 0xA1u8..=0xF7 {
        for lo in 0xA1u8..=0xFE {
            let pair = [hi, lo];
            let (text, _, bad) = encoding_rs::GBK.decode(&pair);
            if !bad {
                set.extend(text.chars().filter(|c| !c.is_control() && *c != '\u{FFFD}'));
            }
        }
    }
    set.extend((0xFF01u32..=0xFF5E).filter_map(char::from_u32));
    set.extend("　、。〃〆〇〈〉《》「」『』【】〔〕〖〗〘〙〝〞—…‘’“”·–•".chars());
    set.extend(general_standard_chars());
    set
}

impl FieldFont {
    /// Subsets `data` (an OpenType font with CFF outlines; `index`, its face in a
    /// collection) to the characters of `chars` that it has.
    pub fn new(data: &[u8], index: u32, chars: &BTreeSet<char>) -> Result<Self, String> {
        let face = ttf_parser::Face::parse(data, index).map_err(|e| msg::cannot_read_field_font(e).text())?;
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut glyph_of = BTreeMap::new();
        for &c in chars {
            if let Some(g) = face.glyph_index(c) {
                glyph_of.insert(c, g.0);
                remapper.remap(g.0);
            }
        }
        let subset = subsetter::subset(data, index, &remapper).map_err(|e| msg::cannot_subset_field_font(format!("{e:?}")).text())?;
        let sub = ttf_parser::RawFace::parse(&subset, 0).map_err(|e| msg::cannot_subset_field_font(e).text())?;
        if sub.table(ttf_parser::Tag::from_bytes(b"CFF ")).is_none() {
            return Err(msg::field_font_not_cff().text());
        }
        let program = super::pdf::deflate(&subset);
        let scale = 1000.0 / f32::from(face.units_per_em());
        let to_1000 = |v: i16| (f32::from(v) * scale).round() as i16;
        let mut widths = vec![0u16; usize::from(remapper.num_gids())];
        for old in remapper.remapped_gids() {
            let new = remapper.get(old).expect("remapped");
            let adv = face.glyph_hor_advance(ttf_parser::GlyphId(old)).unwrap_or(0);
            widths[usize::from(new)] = (f32::from(adv) * scale).round() as u16;
        }
        let cids = glyph_of
            .into_iter()
            .map(|(c, g)| (c, remapper.get(g).expect("remapped")))
            .collect::<BTreeMap<_, _>>();
        let bb = face.global_bounding_box();
        // A subset tag derived from what the subset holds, so equal input gives equal bytes
        // (with Typst's stable hash: the standard library's may change between releases).
        let mut tag = typst::utils::hash128(&cids.keys().collect::<Vec<_>>()) as u64;
        let tag: String = (0..6)
            .map(|_| {
                let c = (b'A' + (tag % 26) as u8) as char;
                tag /= 26;
                c
            })
            .collect();
        let ps = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| "NotoSansSC-Regular".into());
        let mut font = Self {
            base_name: format!("{tag}+{ps}"),
            program,
            to_unicode: Vec::new(),
            cids,
            widths,
            ascent: to_1000(face.ascender()),
            descent: to_1000(face.descender()),
            cap_height: to_1000(face.capital_height().unwrap_or(733)),
            bbox: [to_1000(bb.x_min), to_1000(bb.y_min), to_1000(bb.x_max), to_1000(bb.y_max)],
        };
        font.to_unicode = super::pdf::deflate(font.cmap_text().as_bytes());
        Ok(font)
    }

    /// The layout of [`FieldFont::to_bytes`], part of the cache's key: a new layout is a new
    /// entry, never a misread old one.
    pub const LAYOUT: u32 = 2;

    /// The subset as bytes to keep in the cache folder ([`crate::cache`]); read back with
    /// [`FieldFont::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.program.len() + self.cids.len() * 6 + self.widths.len() * 2 + 64);
        let len = |out: &mut Vec<u8>, n: usize| out.extend_from_slice(&(n as u32).to_le_bytes());
        len(&mut out, self.base_name.len());
        out.extend_from_slice(self.base_name.as_bytes());
        len(&mut out, self.program.len());
        out.extend_from_slice(&self.program);
        len(&mut out, self.to_unicode.len());
        out.extend_from_slice(&self.to_unicode);
        len(&mut out, self.cids.len());
        for (&c, &cid) in &self.cids {
            out.extend_from_slice(&(c as u32).to_le_bytes());
            out.extend_from_slice(&cid.to_le_bytes());
        }
        len(&mut out, self.widths.len());
        for w in &self.widths {
            out.extend_from_slice(&w.to_le_bytes());
        }
        for v in [self.ascent, self.descent, self.cap_height].iter().chain(&self.bbox) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// A subset written by [`FieldFont::to_bytes`]; `None` if the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        struct Reader<'a>(&'a [u8]);
        impl<'a> Reader<'a> {
            fn take(&mut self, n: usize) -> Option<&'a [u8]> {
                let (head, rest) = self.0.split_at_checked(n)?;
                self.0 = rest;
                Some(head)
            }
            fn u32(&mut self) -> Option<u32> {
                Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
            }
            fn u16(&mut self) -> Option<u16> {
                Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
            }
            fn i16(&mut self) -> Option<i16> {
                Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
            }
            fn len(&mut self) -> Option<usize> {
                usize::try_from(self.u32()?).ok()
            }
        }
        let mut r = Reader(bytes);
        let n = r.len()?;
        let base_name = String::from_utf8(r.take(n)?.to_vec()).ok()?;
        let n = r.len()?;
        let program = r.take(n)?.to_vec();
        let n = r.len()?;
        let to_unicode = r.take(n)?.to_vec();
        let n = r.len()?;
        let mut cids = BTreeMap::new();
        for _ in 0..n {
            let c = char::from_u32(r.u32()?)?;
            cids.insert(c, r.u16()?);
        }
        let n = r.len()?;
        let widths = (0..n).map(|_| r.u16()).collect::<Option<Vec<u16>>>()?;
        let [ascent, descent, cap_height, x0, y0, x1, y1] = [r.i16()?, r.i16()?, r.i16()?, r.i16()?, r.i16()?, r.i16()?, r.i16()?];
        let whole = r.0.is_empty() && cids.values().all(|&cid| usize::from(cid) < widths.len());
        whole.then_some(Self {
            base_name,
            program,
            to_unicode,
            cids,
            widths,
            ascent,
            descent,
            cap_height,
            bbox: [x0, y0, x1, y1],
        })
    }

    pub fn covers(&self, c: char) -> bool {
        self.cids.contains_key(&c)
    }

    /// The text as Identity-H codes (two bytes a character); characters it lacks are skipped.
    pub fn encode(&self, s: &str) -> Vec<u8> {
        s.chars().filter_map(|c| self.cids.get(&c)).flat_map(|cid| cid.to_be_bytes()).collect()
    }

    /// Width of the text at `size` points.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars()
            .filter_map(|c| self.cids.get(&c))
            .map(|&cid| f32::from(self.widths[usize::from(cid)]))
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// Writes the font's objects into `update` starting at `*next`; returns the Type0 font's
    /// object number.
    pub fn write(&self, update: &mut Update, next: &mut u32) -> u32 {
        let mut take = || {
            let id = *next;
            *next += 1;
            id
        };
        let (type0, cid_font, descriptor, file, to_unicode) = (take(), take(), take(), take(), take());

        let mut file_dict = Dictionary::new();
        file_dict.set("Subtype", name("OpenType"));
        file_dict.set("Filter", name("FlateDecode"));
        update.stream(file, file_dict, &self.program, false);

        let mut d = Dictionary::new();
        d.set("Type", name("FontDescriptor"));
        d.set("FontName", Object::Name(self.base_name.clone().into_bytes()));
        d.set("Flags", Object::Integer(4)); // symbolic: its glyphs are addressed by CID
        d.set("FontBBox", Object::Array(self.bbox.iter().map(|&v| Object::Integer(v.into())).collect()));
        d.set("ItalicAngle", Object::Integer(0));
        d.set("Ascent", Object::Integer(self.ascent.into()));
        d.set("Descent", Object::Integer(self.descent.into()));
        d.set("CapHeight", Object::Integer(self.cap_height.into()));
        d.set("StemV", Object::Integer(80));
        d.set("FontFile3", Object::Reference((file, 0)));
        update.object(descriptor, &Object::Dictionary(d));

        let mut system = Dictionary::new();
        system.set("Registry", Object::string_literal("Adobe"));
        system.set("Ordering", Object::string_literal("Identity"));
        system.set("Supplement", Object::Integer(0));
        let mut c = Dictionary::new();
        c.set("Type", name("Font"));
        c.set("Subtype", name("CIDFontType0"));
        c.set("BaseFont", Object::Name(self.base_name.clone().into_bytes()));
        c.set("CIDSystemInfo", Object::Dictionary(system));
        c.set("FontDescriptor", Object::Reference((descriptor, 0)));
        c.set("DW", Object::Integer(1000));
        let widths = self.widths.iter().map(|&w| Object::Integer(w.into())).collect();
        c.set("W", Object::Array(vec![Object::Integer(0), Object::Array(widths)]));
        update.object(cid_font, &Object::Dictionary(c));

        let mut cmap = Dictionary::new();
        cmap.set("Filter", name("FlateDecode"));
        update.stream(to_unicode, cmap, &self.to_unicode, false);

        let mut t = Dictionary::new();
        t.set("Type", name("Font"));
        t.set("Subtype", name("Type0"));
        t.set("BaseFont", Object::Name(self.base_name.clone().into_bytes()));
        t.set("Encoding", name("Identity-H"));
        t.set("DescendantFonts", Object::Array(vec![Object::Reference((cid_font, 0))]));
        t.set("ToUnicode", Object::Reference((to_unicode, 0)));
        update.object(type0, &Object::Dictionary(t));
        type0
    }

    /// The ToUnicode CMap: each CID back to its character, so text can be copied and read.
    fn cmap_text(&self) -> String {
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let pairs: Vec<(u16, char)> = self.cids.iter().map(|(&c, &cid)| (cid, c)).collect();
        for chunk in pairs.chunks(100) {
            s.push_str(&format!("{} beginbfchar\n", chunk.len()));
            for (cid, c) in chunk {
                let mut units = [0u16; 2];
                let hex: String = c.encode_utf16(&mut units).iter().map(|u| format!("{u:04X}")).collect();
                s.push_str(&format!("<{cid:04X}> <{hex}>\n"));
            }
            s.push_str("endbfchar\n");
        }
        s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s
    }
}
