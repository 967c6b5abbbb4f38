//! Paragraphs and runs of WordprocessingML, written with their properties in the order the
//! schema gives them (ECMA-376 Part 1, 17.3.1.26 `pPr`, 17.3.2.28 `rPr`): Word refuses a file
//! whose elements stand in another order.

use crate::export::xml::Xml;

/// The type block's width: 210 − 28 − 26 mm, in twips (1/20 pt).
pub const BLOCK_WIDTH: i64 = 8844;
/// The type block's height: 297 − 37 − 35 mm.
pub const BLOCK_HEIGHT: i64 = 12756;
/// The margins (top, right, bottom, left) of an upright page: 37, 26, 35 and 28 mm, the
/// last rounded up so that the block is exactly 28 cells of 315.857 twips.
pub const MARGINS: (i64, i64, i64, i64) = (2098, 1474, 1984, 1588);
/// One line of the grid (22 to the block), in twips.
pub const PITCH: i64 = 579;
/// One character of the grid (28 to the line), in twips.
pub const CELL: f64 = BLOCK_WIDTH as f64 / 28.0;
/// Twips to EMUs (DrawingML's unit, 1/12700 pt).
pub const EMU_PER_TWIP: i64 = 635;
/// Millimetres to twips.
pub fn mm(x: f64) -> i64 {
    (x * 1440.0 / 25.4).round() as i64
}

/// The width of `s` on the grid, in characters: a Chinese character or a full-width mark one,
/// a half-width letter or digit half (Times New Roman's digits are half an em).
pub fn chars_wide(s: &str) -> f64 {
    s.chars().map(|c| if is_half(c) { 0.5 } else { 1.0 }).sum()
}

/// A half-width character, as the templates tell them apart.
pub fn is_half(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A1}'..='\u{B6}' | '\u{B8}'..='\u{24F}')
}

/// Indents, in hundredths of a character (Word's `*Chars` attributes) or in twips.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ind {
    pub left: f64,
    pub right: f64,
    pub first_line: f64,
    pub hanging: f64,
    /// The values are twips, not characters.
    pub twips: bool,
}

impl Ind {
    pub fn chars(left: f64, right: f64, first_line: f64, hanging: f64) -> Self {
        Self {
            left,
            right,
            first_line,
            hanging,
            twips: false,
        }
    }
}

/// A paragraph border line.
#[derive(Debug, Clone, Copy)]
pub struct Border {
    /// `single`, `double`, `thickThinSmallGap`, …
    pub kind: &'static str,
    /// In eighths of a point.
    pub size: u32,
    /// Points between the text and the line.
    pub space: u32,
    pub color: &'static str,
}

/// A paragraph's properties.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// The style's id.
    pub style: &'static str,
    pub keep_next: bool,
    pub page_break_before: bool,
    /// Set in a frame at the foot of the type block, the block's width (paragraphs with the
    /// same frame are one frame).
    pub foot_frame: bool,
    /// `Some(false)` lets a single line stand at a page's top or foot.
    pub widow: Option<bool>,
    pub border_top: Option<Border>,
    pub border_bottom: Option<Border>,
    /// (kind, position in twips): `center`, `right`, `left`.
    pub tabs: Vec<(&'static str, i64)>,
    pub snap: Option<bool>,
    /// Space before, in twips.
    pub before: Option<i64>,
    /// An exact line height, in twips.
    pub exact: Option<i64>,
    pub ind: Option<Ind>,
    pub jc: Option<&'static str>,
    /// The properties of the section this paragraph ends.
    pub section: Option<Section>,
}

impl Para {
    pub fn styled(style: &'static str) -> Self {
        Self { style, ..Default::default() }
    }
}

/// A run's look beyond its style.
#[derive(Debug, Clone, Default)]
pub struct Look {
    /// A character style's id.
    pub style: Option<&'static str>,
    /// The east-Asian font (and the Latin one when `latin` is set).
    pub font: Option<&'static str>,
    pub latin: Option<&'static str>,
    pub color: Option<&'static str>,
    /// In half-points.
    pub size: Option<u32>,
    pub underline: bool,
}

/// What a paragraph holds.
#[derive(Debug, Clone)]
pub enum Run {
    Text(String, Look),
    Tab,
    Break,
    /// A floating image: see [`Anchor`].
    Image(Anchor),
    /// A PAGE field, its look.
    PageField(Look),
}

/// A picture floating behind the text, placed from the column's left edge and the
/// paragraph's top.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The relationship id of the image part.
    pub rel: String,
    /// A drawing id unique in the document.
    pub id: u32,
    pub name: String,
    /// Offsets and size in twips.
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
}

/// A section's page: its size, margins, footers and grid.
#[derive(Debug, Clone)]
pub struct Section {
    pub landscape: bool,
    /// Page 1's header, for a 信函: (kind, relationship id).
    pub headers: Vec<(&'static str, String)>,
    /// Its distance from the sheet's top, in twips (15 mm when there is none).
    pub header_distance: Option<i64>,
    /// Odd (default), even and, for a page 1 without a number, first-page footers' ids.
    pub footers: Vec<(&'static str, String)>,
    /// Page 1 has its own footer (`titlePg`).
    pub title_page: bool,
}

impl Section {
    pub fn write(&self, x: &mut Xml) {
        x.open("w:sectPr", &[]);
        for (kind, id) in &self.headers {
            x.empty("w:headerReference", &[("w:type", (*kind).into()), ("r:id", id.clone())]);
        }
        for (kind, id) in &self.footers {
            x.empty("w:footerReference", &[("w:type", (*kind).into()), ("r:id", id.clone())]);
        }
        // A4; turned across, the sheet's top edge (the 订口 of an odd page) is the table's head.
        let (w, h) = if self.landscape { (16838, 11906) } else { (11906, 16838) };
        let mut size = vec![("w:w", w.to_string()), ("w:h", h.to_string())];
        if self.landscape {
            size.push(("w:orient", "landscape".into()));
        }
        x.empty("w:pgSz", &size);
        let (top, right, bottom, left) = if self.landscape {
            (MARGINS.3, MARGINS.0, MARGINS.1, MARGINS.2)
        } else {
            MARGINS
        };
        // The footer's foot 25 mm above the sheet's edge: the number's dash 7 mm below the block.
        x.empty(
            "w:pgMar",
            &[
                ("w:top", top.to_string()),
                ("w:right", right.to_string()),
                ("w:bottom", bottom.to_string()),
                ("w:left", left.to_string()),
                ("w:header", self.header_distance.unwrap_or(mm(15.0)).to_string()),
                ("w:footer", mm(24.5).to_string()),
                ("w:gutter", "0".into()),
            ],
        );
        x.empty("w:cols", &[("w:space", "425".into())]);
        if self.title_page {
            x.empty("w:titlePg", &[]);
        }
        // 22 lines of 28 characters (ECMA-376 17.6.5): the pitch 579 twips; charSpace is
        // (cell − 16 pt) × 4096 in points, rounded down so that 28 cells fit the line.
        x.empty(
            "w:docGrid",
            &[
                ("w:type", "linesAndChars".into()),
                ("w:linePitch", PITCH.to_string()),
                ("w:charSpace", char_space().to_string()),
            ],
        );
        x.close();
    }
}

/// `w:charSpace` of the 28-character grid: (442.2 pt / 28 − 16 pt) × 4096, rounded down.
pub fn char_space() -> i64 {
    let pitch_pt = BLOCK_WIDTH as f64 / 20.0 / 28.0;
    ((pitch_pt - 16.0) * 4096.0).floor() as i64
}

fn on_off(x: &mut Xml, name: &str, value: bool) {
    if value {
        x.empty(name, &[]);
    } else {
        x.empty(name, &[("w:val", "0".into())]);
    }
}

fn border(x: &mut Xml, side: &str, b: &Border) {
    x.empty(
        side,
        &[
            ("w:val", b.kind.into()),
            ("w:sz", b.size.to_string()),
            ("w:space", b.space.to_string()),
            ("w:color", b.color.into()),
        ],
    );
}

/// Writes `pPr`.
pub fn write_ppr(x: &mut Xml, p: &Para) {
    x.open("w:pPr", &[]);
    if !p.style.is_empty() {
        x.empty("w:pStyle", &[("w:val", p.style.into())]);
    }
    if p.keep_next {
        x.empty("w:keepNext", &[]);
    }
    if p.page_break_before {
        x.empty("w:pageBreakBefore", &[]);
    }
    if p.foot_frame {
        x.empty(
            "w:framePr",
            &[
                ("w:w", BLOCK_WIDTH.to_string()),
                ("w:hSpace", "0".into()),
                ("w:wrap", "notBeside".into()),
                ("w:vAnchor", "margin".into()),
                ("w:hAnchor", "margin".into()),
                ("w:xAlign", "center".into()),
                ("w:yAlign", "bottom".into()),
            ],
        );
    }
    if let Some(w) = p.widow {
        on_off(x, "w:widowControl", w);
    }
    if p.border_top.is_some() || p.border_bottom.is_some() {
        x.open("w:pBdr", &[]);
        if let Some(b) = &p.border_top {
            border(x, "w:top", b);
        }
        if let Some(b) = &p.border_bottom {
            border(x, "w:bottom", b);
        }
        x.close();
    }
    if !p.tabs.is_empty() {
        x.open("w:tabs", &[]);
        for (kind, pos) in &p.tabs {
            x.empty("w:tab", &[("w:val", (*kind).into()), ("w:pos", pos.to_string())]);
        }
        x.close();
    }
    if let Some(s) = p.snap {
        on_off(x, "w:snapToGrid", s);
    }
    if p.before.is_some() || p.exact.is_some() {
        let mut a = Vec::new();
        if let Some(b) = p.before {
            a.push(("w:before", b.max(0).to_string()));
        }
        if let Some(l) = p.exact {
            a.push(("w:line", l.to_string()));
            a.push(("w:lineRule", "exact".into()));
        }
        x.empty("w:spacing", &a);
    }
    if let Some(i) = &p.ind {
        write_ind(x, i);
    }
    if let Some(jc) = p.jc {
        x.empty("w:jc", &[("w:val", jc.into())]);
    }
    if let Some(s) = &p.section {
        s.write(x);
    }
    x.close();
}

/// Writes `w:ind`: in characters, with the same in twips for readers that take only those.
pub fn write_ind(x: &mut Xml, i: &Ind) {
    let tw = |v: f64| if i.twips { v.round() as i64 } else { (v / 100.0 * CELL).round() as i64 };
    let ch = |v: f64| (v.round() as i64).to_string();
    let mut a = Vec::new();
    if i.left != 0.0 {
        if !i.twips {
            a.push(("w:leftChars", ch(i.left)));
        }
        a.push(("w:left", tw(i.left).to_string()));
    }
    if i.right != 0.0 {
        if !i.twips {
            a.push(("w:rightChars", ch(i.right)));
        }
        a.push(("w:right", tw(i.right).to_string()));
    }
    if i.hanging != 0.0 {
        if !i.twips {
            a.push(("w:hangingChars", ch(i.hanging)));
        }
        a.push(("w:hanging", tw(i.hanging).to_string()));
    } else if i.first_line != 0.0 {
        if !i.twips {
            a.push(("w:firstLineChars", ch(i.first_line)));
        }
        a.push(("w:firstLine", tw(i.first_line).to_string()));
    } else {
        // Neither: none, whatever the style says.
        if !i.twips {
            a.push(("w:firstLineChars", "0".into()));
        }
        a.push(("w:firstLine", "0".into()));
    }
    x.empty("w:ind", &a);
}

/// Writes `rPr`, if the look has anything.
pub fn write_rpr(x: &mut Xml, l: &Look) {
    if l.style.is_none() && l.font.is_none() && l.color.is_none() && l.size.is_none() && !l.underline {
        return;
    }
    x.open("w:rPr", &[]);
    if let Some(s) = l.style {
        x.empty("w:rStyle", &[("w:val", s.into())]);
    }
    if let Some(f) = l.font {
        let mut a = vec![("w:eastAsia", f.to_string())];
        if let Some(latin) = l.latin {
            a.insert(0, ("w:ascii", latin.into()));
            a.insert(1, ("w:hAnsi", latin.into()));
        }
        x.empty("w:rFonts", &a);
    }
    if let Some(c) = l.color {
        x.empty("w:color", &[("w:val", c.into())]);
    }
    if let Some(s) = l.size {
        x.empty("w:sz", &[("w:val", s.to_string())]);
        x.empty("w:szCs", &[("w:val", s.to_string())]);
    }
    if l.underline {
        x.empty("w:u", &[("w:val", "single".into())]);
    }
    x.close();
}

fn text_run(x: &mut Xml, text: &str, look: &Look) {
    x.open("w:r", &[]);
    write_rpr(x, look);
    x.leaf("w:t", &[("xml:space", "preserve".into())], text);
    x.close();
}

/// Writes a whole paragraph.
pub fn write_para(x: &mut Xml, p: &Para, runs: &[Run]) {
    x.open("w:p", &[]);
    write_ppr(x, p);
    for r in runs {
        match r {
            Run::Text(t, look) => text_run(x, t, look),
            Run::Tab => {
                x.open("w:r", &[]);
                x.empty("w:tab", &[]);
                x.close();
            }
            Run::Break => {
                x.open("w:r", &[]);
                x.empty("w:br", &[]);
                x.close();
            }
            Run::PageField(look) => {
                for (kind, instr) in [("begin", None), ("", Some(" PAGE ")), ("separate", None), ("", Some("1")), ("end", None)] {
                    x.open("w:r", &[]);
                    write_rpr(x, look);
                    match instr {
                        Some(" PAGE ") => {
                            x.leaf("w:instrText", &[("xml:space", "preserve".into())], " PAGE ");
                        }
                        Some(t) => {
                            x.leaf("w:t", &[], t);
                        }
                        None => {
                            x.empty("w:fldChar", &[("w:fldCharType", kind.into())]);
                        }
                    }
                    x.close();
                }
            }
            Run::Image(a) => write_anchor(x, a),
        }
    }
    x.close();
}

/// A floating picture behind the text (`wp:anchor` with `behindDoc`), as seals are placed.
fn write_anchor(x: &mut Xml, a: &Anchor) {
    let emu = |t: i64| (t * EMU_PER_TWIP).to_string();
    x.open("w:r", &[]);
    x.open("w:drawing", &[]);
    x.open(
        "wp:anchor",
        &[
            ("distT", "0".into()),
            ("distB", "0".into()),
            ("distL", "0".into()),
            ("distR", "0".into()),
            ("simplePos", "0".into()),
            ("relativeHeight", a.id.to_string()),
            ("behindDoc", "1".into()),
            ("locked", "0".into()),
            ("layoutInCell", "1".into()),
            ("allowOverlap", "1".into()),
        ],
    );
    x.empty("wp:simplePos", &[("x", "0".into()), ("y", "0".into())]);
    x.open("wp:positionH", &[("relativeFrom", "column".into())]);
    x.leaf("wp:posOffset", &[], &emu(a.x));
    x.close();
    x.open("wp:positionV", &[("relativeFrom", "paragraph".into())]);
    x.leaf("wp:posOffset", &[], &emu(a.y));
    x.close();
    x.empty("wp:extent", &[("cx", emu(a.width)), ("cy", emu(a.height))]);
    x.empty("wp:effectExtent", &[("l", "0".into()), ("t", "0".into()), ("r", "0".into()), ("b", "0".into())]);
    x.empty("wp:wrapNone", &[]);
    x.empty("wp:docPr", &[("id", a.id.to_string()), ("name", a.name.clone())]);
    x.open("wp:cNvGraphicFramePr", &[]);
    x.empty("a:graphicFrameLocks", &[("noChangeAspect", "1".into())]);
    x.close();
    x.open("a:graphic", &[]);
    x.open("a:graphicData", &[("uri", "http://schemas.openxmlformats.org/drawingml/2006/picture".into())]);
    x.open("pic:pic", &[]);
    x.open("pic:nvPicPr", &[]);
    x.empty("pic:cNvPr", &[("id", a.id.to_string()), ("name", a.name.clone())]);
    x.empty("pic:cNvPicPr", &[]);
    x.close();
    x.open("pic:blipFill", &[]);
    x.empty("a:blip", &[("r:embed", a.rel.clone())]);
    x.open("a:stretch", &[]);
    x.empty("a:fillRect", &[]);
    x.close();
    x.close();
    x.open("pic:spPr", &[]);
    x.open("a:xfrm", &[]);
    x.empty("a:off", &[("x", "0".into()), ("y", "0".into())]);
    x.empty("a:ext", &[("cx", emu(a.width)), ("cy", emu(a.height))]);
    x.close();
    x.open("a:prstGeom", &[("prst", "rect".into())]);
    x.empty("a:avLst", &[]);
    x.close();
    x.close();
    x.close(); // pic:pic
    x.close(); // graphicData
    x.close(); // graphic
    x.close(); // anchor
    x.close(); // drawing
    x.close(); // r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_is_22_lines_of_28_characters() {
        assert_eq!(char_space(), -849);
        const { assert!(22 * PITCH <= BLOCK_HEIGHT && 23 * PITCH > BLOCK_HEIGHT) };
        assert_eq!(MARGINS, (mm(37.0), mm(26.0), mm(35.0), mm(28.0) + 1));
        assert_eq!(11906 - MARGINS.1 - MARGINS.3, BLOCK_WIDTH);
        assert_eq!(16838 - MARGINS.0 - MARGINS.2, BLOCK_HEIGHT);
        assert_eq!(chars_wide("2014年12月29日"), 7.0);
    }
}
