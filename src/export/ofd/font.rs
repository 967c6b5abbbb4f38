//! Fonts for OFD: every face the pages use, rebuilt as a TrueType font of its own that holds
//! only the glyphs the document draws.
//!
//! OFD readers load an embedded font as a font (by its cmap, to draw the `TextCode`'s
//! characters) and many accept only TrueType outlines, so the subset keeps what a font file
//! needs (`cmap` with Unicode subtables, `OS/2`, `name`, `head`, `hhea`, `hmtx`, `maxp`, `post`)
//! and every outline becomes quadratic: CFF faces (Fandol, Noto Serif/Sans SC, a face of the
//! Noto Serif CJK collection) are converted, their cubic curves approximated to within one
//! font unit (kurbo, the way fontTools' cu2qu does), TrueType faces are redrawn the same way.
//!
//! Glyph 0 is `.notdef`; the glyphs used follow in the order of their original IDs, so the ID
//! a `CGTransform` gives is `1 + the glyph's rank`. The cmap maps each character to the glyph
//! the text set it in, which may not be the original font's own choice for that character
//! (a `locl` form, say): a reader that draws by character draws what Typst drew.

use std::collections::{BTreeMap, BTreeSet};

use kurbo::{BezPath, CubicBez, Point};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};
use typst::text::Font;
use write_fonts::FontBuilder;
use write_fonts::from_obj::ToOwnedTable;
use write_fonts::tables::cmap::Cmap;
use write_fonts::tables::glyf::{Bbox, GlyfLocaBuilder, Glyph, SimpleGlyph};
use write_fonts::tables::head::Head;
use write_fonts::tables::hhea::Hhea;
use write_fonts::tables::hmtx::{Hmtx, LongMetric};
use write_fonts::tables::maxp::Maxp;
use write_fonts::tables::name::Name;
use write_fonts::tables::os2::Os2;
use write_fonts::tables::post::Post;
use write_fonts::types::Version16Dot16;

/// How far a quadratic approximation may stray from a cubic curve, in font units.
const CURVE_TOLERANCE: f64 = 1.0;

/// One font resource of the document: a face, the glyphs drawn from it and the character
/// each stands for. A face whose text puts one character in two different glyphs (rare: a
/// variant form chosen by context) gets a second resource, since a cmap holds one glyph per
/// character.
#[derive(Debug, Clone)]
pub struct FontUse {
    pub font: Font,
    /// 0 for the face's first resource, 1 for the second, …
    pub variant: usize,
    /// Character → original glyph ID, for every one-character, one-glyph cluster.
    pub cmap: BTreeMap<char, u16>,
    /// Every original glyph drawn with this resource.
    pub glyphs: BTreeSet<u16>,
}

impl FontUse {
    pub fn new(font: Font, variant: usize) -> Self {
        Self {
            font,
            variant,
            cmap: BTreeMap::new(),
            glyphs: BTreeSet::new(),
        }
    }

    /// Whether `c` can be mapped to `glyph` here (it is unmapped, or mapped to that glyph).
    pub fn accepts(&self, c: char, glyph: u16) -> bool {
        self.cmap.get(&c).is_none_or(|&g| g == glyph)
    }

    /// The IDs of the subset, in the order of the original IDs after `.notdef`.
    pub fn subset_ids(&self) -> BTreeMap<u16, u16> {
        self.glyphs
            .iter()
            .filter(|&&g| g != 0)
            .enumerate()
            .map(|(i, &g)| (g, i as u16 + 1))
            .chain([(0, 0)])
            .collect()
    }

    /// The face's PostScript name, the style dropped when it is Regular (`FandolFang`,
    /// `NotoSerifCJKsc-Black`), with `-2`, `-3` … for a second resource of one face.
    pub fn name(&self) -> String {
        let ps = self.font.post_script_name().unwrap_or_else(|| self.font.info().family.replace(' ', ""));
        let base = ps.strip_suffix("-Regular").unwrap_or(&ps).to_string();
        let base: String = base.chars().filter(|c| c.is_ascii_graphic() && !"/\\:*?\"<>|".contains(*c)).collect();
        if self.variant == 0 { base } else { format!("{base}-{}", self.variant + 1) }
    }

    /// The family name, as Typst knows the face (`FandolFang R`, `Noto Serif CJK SC`).
    pub fn family(&self) -> &str {
        &self.font.info().family
    }

    /// The subset as a TrueType font file.
    pub fn subset(&self) -> Result<Vec<u8>, String> {
        subset(&self.font, &self.subset_ids(), &self.cmap)
    }
}

/// Builds the TrueType subset of `font` holding the glyphs of `ids` (original → new ID) and a
/// Unicode cmap from `cmap` (character → original glyph).
fn subset(font: &Font, ids: &BTreeMap<u16, u16>, cmap: &BTreeMap<char, u16>) -> Result<Vec<u8>, String> {
    let face = FontRef::from_index(font.data().as_slice(), font.index()).map_err(|e| e.to_string())?;
    let outlines = face.outline_glyphs();
    let metrics = face.glyph_metrics(Size::unscaled(), LocationRef::default());
    let settings = || DrawSettings::unhinted(Size::unscaled(), LocationRef::default());

    // New IDs are dense from 0, so the original IDs in the order of their new ones.
    let mut order: Vec<(u16, u16)> = ids.iter().map(|(&old, &new)| (new, old)).collect();
    order.sort();

    let mut glyf = GlyfLocaBuilder::new();
    let mut h_metrics = Vec::with_capacity(order.len());
    let (mut max_points, mut max_contours) = (0u16, 0u16);
    let mut bbox: Option<Bbox> = None;
    let mut extents = Extents::default();
    for &(_, old) in &order {
        let id = GlyphId::new(old.into());
        let mut pen = QuadraticPen::default();
        if let Some(outline) = outlines.get(id) {
            outline.draw(settings(), &mut pen).map_err(|e| format!("glyph {old}: {e}"))?;
        }
        let path = pen.finish();
        let glyph = if path.elements().is_empty() {
            Glyph::Empty
        } else {
            let simple = SimpleGlyph::from_bezpath(&path).map_err(|e| format!("glyph {old}: {e:?}"))?;
            max_points = max_points.max(simple.contours.iter().map(|c| c.len() as u16).sum());
            max_contours = max_contours.max(simple.contours.len() as u16);
            Glyph::Simple(simple)
        };
        let advance = metrics.advance_width(id).unwrap_or(0.0).round().clamp(0.0, u16::MAX as f32) as u16;
        let glyph_box = glyph.bbox();
        let lsb = glyph_box.map_or(0, |b| b.x_min);
        extents.add(advance, glyph_box);
        bbox = match (bbox, glyph_box) {
            (Some(a), Some(b)) => Some(a.union(b)),
            (a, b) => a.or(b),
        };
        h_metrics.push(LongMetric::new(advance, lsb));
        glyf.add_glyph(&glyph).map_err(|e| format!("glyph {old}: {e}"))?;
    }
    let (glyf, loca, loca_format) = glyf.build();
    let count = order.len() as u16;

    let read = |e: skrifa::raw::ReadError| e.to_string();
    let mut head: Head = face.head().map_err(read)?.to_owned_table();
    head.index_to_loc_format = loca_format as i16;
    head.checksum_adjustment = 0;
    let bbox = bbox.unwrap_or_default();
    (head.x_min, head.y_min, head.x_max, head.y_max) = (bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max);

    let mut hhea: Hhea = face.hhea().map_err(read)?.to_owned_table();
    hhea.number_of_h_metrics = count;
    hhea.advance_width_max = extents.advance_max.into();
    hhea.min_left_side_bearing = extents.min_lsb.into();
    hhea.min_right_side_bearing = extents.min_rsb.into();
    hhea.x_max_extent = extents.x_max_extent.into();

    let maxp = Maxp {
        num_glyphs: count,
        max_points: Some(max_points),
        max_contours: Some(max_contours),
        max_composite_points: Some(0),
        max_composite_contours: Some(0),
        max_zones: Some(1),
        max_twilight_points: Some(0),
        max_storage: Some(0),
        max_function_defs: Some(0),
        max_instruction_defs: Some(0),
        max_stack_elements: Some(0),
        max_size_of_instructions: Some(0),
        max_component_elements: Some(0),
        max_component_depth: Some(0),
    };

    // Version 3: no glyph names (the subset's glyphs are addressed by ID and by character).
    let mut post: Post = face.post().map_err(read)?.to_owned_table();
    post.version = Version16Dot16::VERSION_3_0;
    post.num_glyphs = None;
    post.glyph_name_index = None;
    post.string_data = None;

    let mapped: Vec<(char, skrifa::GlyphId)> = cmap
        .iter()
        .filter_map(|(&c, old)| ids.get(old).map(|&new| (c, GlyphId::new(new.into()))))
        .collect();
    let mut os2: Os2 = face.os2().map_err(read)?.to_owned_table();
    let bmp = || mapped.iter().map(|&(c, _)| (c as u32).min(0xFFFF) as u16);
    os2.us_first_char_index = bmp().min().unwrap_or(0);
    os2.us_last_char_index = bmp().max().unwrap_or(0);
    let cmap = Cmap::from_mappings(mapped).map_err(|e| e.to_string())?;
    let name: Name = face.name().map_err(read)?.to_owned_table();

    let mut builder = FontBuilder::new();
    let table = |e: write_fonts::BuilderError| e.to_string();
    builder
        .add_table(&head)
        .map_err(table)?
        .add_table(&hhea)
        .map_err(table)?
        .add_table(&maxp)
        .map_err(table)?
        .add_table(&os2)
        .map_err(table)?
        .add_table(&Hmtx::new(h_metrics, Vec::new()))
        .map_err(table)?
        .add_table(&cmap)
        .map_err(table)?
        .add_table(&loca)
        .map_err(table)?
        .add_table(&glyf)
        .map_err(table)?
        .add_table(&name)
        .map_err(table)?
        .add_table(&post)
        .map_err(table)?;
    Ok(builder.build())
}

/// The horizontal extents `hhea` records over all glyphs.
#[derive(Default)]
struct Extents {
    advance_max: u16,
    min_lsb: i16,
    min_rsb: i16,
    x_max_extent: i16,
}

impl Extents {
    fn add(&mut self, advance: u16, bbox: Option<Bbox>) {
        self.advance_max = self.advance_max.max(advance);
        if let Some(b) = bbox {
            self.min_lsb = self.min_lsb.min(b.x_min);
            self.min_rsb = self
                .min_rsb
                .min((advance as i32 - b.x_max as i32).clamp(i16::MIN as i32, i16::MAX as i32) as i16);
            self.x_max_extent = self.x_max_extent.max(b.x_max);
        }
    }
}

/// Collects an outline with quadratic curves only: cubic segments (CFF) are approximated.
#[derive(Default)]
struct QuadraticPen {
    path: BezPath,
    current: Point,
    /// Whether the current contour has a segment (a lone move is dropped).
    open: bool,
}

impl QuadraticPen {
    fn finish(mut self) -> BezPath {
        self.end_contour();
        self.path
    }

    fn end_contour(&mut self) {
        if !self.open {
            // A move with nothing drawn from it: remove it, a glyph contour needs segments.
            if matches!(self.path.elements().last(), Some(kurbo::PathEl::MoveTo(_))) {
                self.path.pop();
            }
        }
    }
}

impl OutlinePen for QuadraticPen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.end_contour();
        self.current = Point::new(x.into(), y.into());
        self.path.move_to(self.current);
        self.open = false;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.current = Point::new(x.into(), y.into());
        self.path.line_to(self.current);
        self.open = true;
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.current = Point::new(x.into(), y.into());
        self.path.quad_to(Point::new(cx0.into(), cy0.into()), self.current);
        self.open = true;
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let end = Point::new(x.into(), y.into());
        let cubic = CubicBez::new(self.current, Point::new(cx0.into(), cy0.into()), Point::new(cx1.into(), cy1.into()), end);
        for (_, _, quad) in cubic.to_quads(CURVE_TOLERANCE) {
            self.path.quad_to(quad.p1, quad.p2);
        }
        self.current = end;
        self.open = true;
    }

    fn close(&mut self) {
        if self.open {
            self.path.close_path();
        } else {
            self.end_contour();
        }
        self.open = false;
    }
}
