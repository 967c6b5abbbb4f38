//! Walking Typst's laid-out frames into OFD page objects: text runs, paths and images, in the
//! order Typst drew them, in page coordinates (millimetres, origin top left, y down, as OFD
//! has them), each with the named part of the document it belongs to.
//!
//! A frame is a tree of groups (with transforms), text runs (a font, a size, glyph IDs with
//! advances and offsets), shapes and images, with start and end tags of the elements that
//! made them. The walk carries the transform down the tree, turns each text run into clusters
//! (the characters and the glyphs that show them, placed on the baseline), joins clusters that
//! continue one another on a baseline into one run (the grid sets every character in a box of
//! its own, so Typst's runs are single characters), and tracks the parts (`part()` of the
//! templates) by their start and end markers, across pages.

use std::collections::HashMap;

use kurbo::{Affine, Point, Rect};
use typst::foundations::{Label, Value};
use typst::introspection::{Location, MetadataElem, Tag};
use typst::layout::{Abs, Frame, FrameItem, GroupItem, Size};
use typst::text::{Font, TextItem};
use typst::utils::PicoStr;
use typst::visualize::{Color, FillRule, FixedStroke, Geometry, Image, LineCap, LineJoin, Paint, Shape};
use typst_layout::Page as TypstPage;

use super::font::FontUse;

/// The label `part()` of `templates/gbt9704.typ` puts on each named part.
pub const PART_LABEL: &str = "gongwen-part";

/// Millimetres per point.
const MM: f64 = 25.4 / 72.0;

/// A colour as OFD writes it: red, green, blue 0–255, and alpha 0–255.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    fn of(paint: &Paint) -> Rgba {
        let color = match paint {
            Paint::Solid(c) => c.clone(),
            // OFD has shadings of its own; a gradient is written in its first colour, a tiling
            // in black. The templates use neither.
            Paint::Gradient(g) => g.stops().first().map_or(Color::BLACK, |s| s.color.clone()),
            Paint::Tiling(_) => Color::BLACK,
        };
        let c = color.to_rgb();
        Rgba([c.red, c.green, c.blue, c.alpha].map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8))
    }
}

/// One character cluster of a text run: its characters, the glyphs that show them (original
/// IDs), and where it starts (page millimetres, on the baseline).
#[derive(Debug, Clone)]
pub struct Cluster {
    pub text: String,
    pub glyphs: Vec<u16>,
    pub x: f64,
    pub y: f64,
    /// The cluster's advance, in millimetres.
    pub advance: f64,
}

impl Cluster {
    /// One character of the BMP shown by one glyph.
    pub fn is_simple(&self) -> bool {
        let mut chars = self.text.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if (c as u32) <= 0xFFFF) && self.glyphs.len() == 1
    }
}

/// A run of text in one font resource, size and colour, on one baseline: one-to-one clusters
/// of the BMP, or a single cluster of another kind.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// The index of the font resource (`Pages::fonts`).
    pub font: usize,
    /// The font size, in millimetres.
    pub size: f64,
    pub fill: Rgba,
    /// The baseline's distance below the page's top edge (in object space when `ctm` is set).
    pub baseline: f64,
    /// Ascender and descender of the font at this size (both positive), in millimetres.
    pub ascent: f64,
    pub descent: f64,
    pub clusters: Vec<Cluster>,
    /// For text under a rotation, skew or unequal scale: the matrix from the run's own space
    /// (in which `clusters` are placed) to the page, in millimetres.
    pub ctm: Option<Affine>,
}

impl TextRun {
    /// The run's extent in its own space: from its first cluster to the end of its last,
    /// ascender to descender.
    pub fn extent(&self) -> Rect {
        let x0 = self.clusters.iter().map(|c| c.x).fold(f64::INFINITY, f64::min);
        let x1 = self.clusters.iter().map(|c| c.x + c.advance.max(0.0)).fold(f64::NEG_INFINITY, f64::max);
        let y0 = self.clusters.iter().map(|c| c.y).fold(self.baseline, f64::min) - self.ascent;
        let y1 = self.clusters.iter().map(|c| c.y).fold(self.baseline, f64::max) + self.descent;
        Rect::new(x0, y0, x1.max(x0), y1)
    }

    /// The text of the run.
    pub fn text(&self) -> String {
        self.clusters.iter().map(|c| c.text.as_str()).collect()
    }

    fn end(&self) -> f64 {
        self.clusters.last().map_or(f64::NEG_INFINITY, |c| c.x + c.advance)
    }
}

/// The parts of a path, in page millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    Move(Point),
    Line(Point),
    Cubic(Point, Point, Point),
    Close,
}

/// A stroke as OFD draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub color: Rgba,
    /// Line width, in millimetres.
    pub width: f64,
    pub cap: LineCap,
    pub join: LineJoin,
    pub miter_limit: f64,
    /// Dash lengths and offset, in millimetres.
    pub dash: Option<(Vec<f64>, f64)>,
}

/// A line, rectangle or curve.
#[derive(Debug, Clone, PartialEq)]
pub struct PathObject {
    pub segments: Vec<Segment>,
    pub fill: Option<(Rgba, FillRule)>,
    pub stroke: Option<Stroke>,
}

impl PathObject {
    /// The bounding box of the path with its stroke, in page millimetres.
    pub fn extent(&self) -> Rect {
        let mut r: Option<Rect> = None;
        let mut add = |p: Point| r = Some(r.map_or(Rect::from_points(p, p), |r| r.union_pt(p)));
        for s in &self.segments {
            match *s {
                Segment::Move(p) | Segment::Line(p) => add(p),
                Segment::Cubic(a, b, c) => {
                    add(a);
                    add(b);
                    add(c);
                }
                Segment::Close => {}
            }
        }
        let r = r.unwrap_or_default();
        let half = self.stroke.as_ref().map_or(0.0, |s| s.width / 2.0);
        r.inflate(half, half)
    }
}

/// A picture: the image (`Pages::images`) and the matrix that maps its unit square onto the
/// page, in millimetres.
#[derive(Debug, Clone)]
pub struct ImageObject {
    pub image: usize,
    pub placement: Affine,
}

impl ImageObject {
    pub fn extent(&self) -> Rect {
        let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| self.placement * Point::new(x, y));
        corners[1..].iter().fold(Rect::from_points(corners[0], corners[0]), |r, &p| r.union_pt(p))
    }
}

#[derive(Debug, Clone)]
pub enum Object {
    Text(TextRun),
    Path(PathObject),
    Image(ImageObject),
}

/// An object and the part it belongs to (an index into `Pages::parts`).
#[derive(Debug, Clone)]
pub struct Placed {
    pub object: Object,
    pub part: Option<usize>,
}

/// One page: its size in millimetres and its objects in drawing order.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub objects: Vec<Placed>,
}

/// Every page of a document, with the fonts, images and parts they use.
#[derive(Debug, Default)]
pub struct Pages {
    pub pages: Vec<Page>,
    pub fonts: Vec<FontUse>,
    pub images: Vec<Image>,
    /// The name of each part, in the order the parts start.
    pub parts: Vec<String>,
}

/// Walks every page of a document.
pub fn walk(pages: &[TypstPage]) -> Pages {
    let mut walker = Walker {
        out: Pages::default(),
        fonts: HashMap::new(),
        images: HashMap::new(),
        open: Vec::new(),
        part_at: HashMap::new(),
        label: Label::new(PicoStr::intern(PART_LABEL)),
        objects: Vec::new(),
    };
    for page in pages {
        let size = page.frame.size();
        walker.frame(&page.frame, Affine::IDENTITY);
        let objects = std::mem::take(&mut walker.objects);
        walker.out.pages.push(Page {
            width: size.x.to_pt() * MM,
            height: size.y.to_pt() * MM,
            objects,
        });
    }
    walker.out
}

struct Walker {
    out: Pages,
    /// The font resources of each face, first variant first.
    fonts: HashMap<Font, Vec<usize>>,
    images: HashMap<Image, usize>,
    /// The parts open at this point of the walk: their start marker seen, their end not yet.
    open: Vec<usize>,
    /// The innermost part open where each element started, for frames placed elsewhere
    /// (floats) that name their element as their logical parent.
    part_at: HashMap<Location, Option<usize>>,
    label: Option<Label>,
    objects: Vec<Placed>,
}

impl Walker {
    fn part(&self) -> Option<usize> {
        self.open.last().copied()
    }

    fn push(&mut self, object: Object) {
        let part = self.part();
        self.objects.push(Placed { object, part });
    }

    /// `ts` maps the frame's points (in points) to the page (in points).
    fn frame(&mut self, frame: &Frame, ts: Affine) {
        for (pos, item) in frame.items() {
            let at = ts * Affine::translate((pos.x.to_pt(), pos.y.to_pt()));
            match item {
                FrameItem::Group(group) => self.group(group, at),
                FrameItem::Text(text) => self.text(text, at),
                FrameItem::Shape(shape, _) => self.shape(shape, at),
                FrameItem::Image(image, size, _) => self.image(image, *size, at),
                FrameItem::Link(..) => {}
                FrameItem::Tag(tag) => self.tag(tag),
            }
        }
    }

    fn group(&mut self, group: &GroupItem, at: Affine) {
        let t = group.transform;
        let ts = at * Affine::new([t.sx.get(), t.ky.get(), t.kx.get(), t.sy.get(), t.tx.to_pt(), t.ty.to_pt()]);
        // A frame laid out elsewhere (a float) belongs where its element stood.
        let parent = group.parent.and_then(|p| self.part_at.get(&p.location).copied());
        match parent {
            Some(part) => {
                let saved = std::mem::take(&mut self.open);
                if let Some(p) = part {
                    self.open.push(p);
                }
                self.frame(&group.frame, ts);
                self.open = saved;
            }
            None => self.frame(&group.frame, ts),
        }
    }

    fn tag(&mut self, tag: &Tag) {
        match tag {
            Tag::Start(elem, _) => {
                self.part_at.insert(tag.location(), self.part());
                if elem.label() != self.label {
                    return;
                }
                match marker(elem) {
                    Some(Marker::Start(name)) => {
                        self.out.parts.push(name);
                        self.open.push(self.out.parts.len() - 1);
                    }
                    Some(Marker::End(name)) => {
                        if let Some(i) = self.open.iter().rposition(|&p| self.out.parts[p] == name) {
                            self.open.remove(i);
                        }
                    }
                    None => {}
                }
            }
            Tag::End(..) => {}
        }
    }

    fn text(&mut self, text: &TextItem, at: Affine) {
        let size = text.size.to_pt();
        let font = text.font.font();
        let metrics = text.font.metrics();
        let fill = Rgba::of(&text.fill);
        // The run's own space, in millimetres: the page's for text that is only moved (or
        // scaled evenly: the size takes the scale), the text item's under other transforms.
        let [a, b, c, d, e, f] = at.as_coeffs();
        let even = b.abs() < 1e-9 && c.abs() < 1e-9 && (a - d).abs() < 1e-9 && a > 0.0;
        let (scale, origin, ctm) = if even {
            (a, Point::new(e * MM, f * MM), None)
        } else {
            let ctm = Affine::new([a, b, c, d, e * MM, f * MM]);
            (1.0, Point::ZERO, Some(ctm))
        };
        let mm = |em: typst::layout::Em| em.at(text.size).to_pt() * scale * MM;

        let mut pen = 0.0;
        let mut i = 0;
        while i < text.glyphs.len() {
            let first = &text.glyphs[i];
            let mut j = i + 1;
            while j < text.glyphs.len() && text.glyphs[j].range == first.range {
                j += 1;
            }
            let cluster = &text.glyphs[i..j];
            let chars = &text.text[first.range()];
            let advance: f64 = cluster.iter().map(|g| mm(g.x_advance)).sum();
            let (x, y) = (origin.x + pen + mm(first.x_offset), origin.y - mm(first.y_offset));
            pen += advance;
            i = j;
            // Nothing to show for a control character (a line's end), and it may not stand in
            // a TextCode.
            if chars.is_empty() || chars.chars().all(char::is_control) {
                continue;
            }
            let glyphs: Vec<u16> = cluster.iter().map(|g| g.id).collect();
            let cluster = Cluster {
                text: chars.to_string(),
                glyphs,
                x,
                y,
                advance,
            };
            self.add_cluster(
                font,
                cluster,
                size * scale * MM,
                fill,
                (mm(metrics.ascender), -mm(metrics.descender)),
                origin.y,
                ctm,
            );
        }
    }

    /// Adds a cluster to the last run when it continues it, else starts a run.
    #[allow(clippy::too_many_arguments)]
    fn add_cluster(&mut self, font: &Font, cluster: Cluster, size: f64, fill: Rgba, (ascent, descent): (f64, f64), baseline: f64, ctm: Option<Affine>) {
        let part = self.part();
        // A run joins only clusters of one character shown by one glyph (of the BMP): its
        // `CGTransform` then maps its characters to its glyphs one by one. Anything else (a
        // ligature, a character outside the BMP) stands alone.
        let lone = !cluster.is_simple();
        let current = match self.objects.last() {
            Some(Placed {
                object: Object::Text(run),
                part: p,
            }) if *p == part
                && run.ctm.is_none()
                && ctm.is_none()
                && run.size == size
                && run.fill == fill
                && (run.baseline - baseline).abs() < 1e-6
                && cluster.x >= run.end() - 1e-6
                && cluster.x - run.end() < size
                && !lone
                && run.clusters.iter().all(Cluster::is_simple)
                && self.out.fonts[run.font].font == *font =>
            {
                Some(run.font)
            }
            _ => None,
        };
        let resource = self.resource(font, current, &cluster);
        if current == Some(resource)
            && let Some(Placed { object: Object::Text(run), .. }) = self.objects.last_mut()
        {
            run.clusters.push(cluster);
            return;
        }
        self.push(Object::Text(TextRun {
            font: resource,
            size,
            fill,
            baseline,
            ascent,
            descent,
            clusters: vec![cluster],
            ctm,
        }));
    }

    /// The font resource to show `cluster` with: `prefer` if its cmap can take the cluster,
    /// else the face's first that can, else a new one. The cluster's glyphs (and, for one
    /// character shown by one glyph, the mapping) are added to it.
    fn resource(&mut self, font: &Font, prefer: Option<usize>, cluster: &Cluster) -> usize {
        let chars: Vec<char> = cluster.text.chars().collect();
        let single = match (&chars[..], &cluster.glyphs[..]) {
            (&[c], &[g]) => Some((c, g)),
            _ => None,
        };
        let uses = self.fonts.entry(font.clone()).or_default();
        let fits = |u: &FontUse| single.is_none_or(|(c, g)| u.accepts(c, g));
        let chosen = prefer
            .filter(|&i| fits(&self.out.fonts[i]))
            .or_else(|| uses.iter().copied().find(|&i| fits(&self.out.fonts[i])));
        let index = chosen.unwrap_or_else(|| {
            self.out.fonts.push(FontUse::new(font.clone(), uses.len()));
            uses.push(self.out.fonts.len() - 1);
            self.out.fonts.len() - 1
        });
        let resource = &mut self.out.fonts[index];
        resource.glyphs.extend(&cluster.glyphs);
        if let Some((c, g)) = single {
            resource.cmap.insert(c, g);
        }
        index
    }

    fn shape(&mut self, shape: &Shape, at: Affine) {
        let mm = Affine::scale(MM) * at;
        let p = |x: Abs, y: Abs| mm * Point::new(x.to_pt(), y.to_pt());
        let segments = match &shape.geometry {
            Geometry::Line(to) => vec![Segment::Move(p(Abs::zero(), Abs::zero())), Segment::Line(p(to.x, to.y))],
            Geometry::Rect(size) => {
                let corners = rect(*size).map(|(x, y)| p(x, y));
                let mut v = vec![Segment::Move(corners[0])];
                v.extend(corners[1..].iter().map(|&c| Segment::Line(c)));
                v.push(Segment::Close);
                v
            }
            Geometry::Curve(curve) => curve
                .0
                .iter()
                .map(|item| match item {
                    typst::visualize::CurveItem::Move(a) => Segment::Move(p(a.x, a.y)),
                    typst::visualize::CurveItem::Line(a) => Segment::Line(p(a.x, a.y)),
                    typst::visualize::CurveItem::Cubic(a, b, c) => Segment::Cubic(p(a.x, a.y), p(b.x, b.y), p(c.x, c.y)),
                    typst::visualize::CurveItem::Close => Segment::Close,
                })
                .collect(),
        };
        // A line width scales with the transform (by the mean of its axes).
        let [a, b, c, d, ..] = at.as_coeffs();
        let factor = (a * d - b * c).abs().sqrt();
        let stroke = shape.stroke.as_ref().map(|s| stroke(s, factor));
        let fill = shape.fill.as_ref().map(|f| (Rgba::of(f), shape.fill_rule));
        if stroke.is_none() && fill.is_none() {
            return;
        }
        self.push(Object::Path(PathObject { segments, fill, stroke }));
    }

    fn image(&mut self, image: &Image, size: Size, at: Affine) {
        let next = self.out.images.len();
        let index = *self.images.entry(image.clone()).or_insert(next);
        if index == next {
            self.out.images.push(image.clone());
        }
        let placement = Affine::scale(MM) * at * Affine::scale_non_uniform(size.x.to_pt(), size.y.to_pt());
        self.push(Object::Image(ImageObject { image: index, placement }));
    }
}

/// The corners of a rectangle of `size`, clockwise from the origin.
fn rect(size: Size) -> [(Abs, Abs); 4] {
    [(Abs::zero(), Abs::zero()), (size.x, Abs::zero()), (size.x, size.y), (Abs::zero(), size.y)]
}

fn stroke(s: &FixedStroke, factor: f64) -> Stroke {
    let mm = |a: Abs| a.to_pt() * factor * MM;
    Stroke {
        color: Rgba::of(&s.paint),
        width: mm(s.thickness),
        cap: s.cap,
        join: s.join,
        miter_limit: s.miter_limit.get(),
        dash: s.dash.as_ref().map(|d| (d.array.iter().map(|&a| mm(a)).collect(), mm(d.phase))),
    }
}

/// A marker of `part()`: `metadata((part: name))` before the part, `metadata((end: name))`
/// after it.
enum Marker {
    Start(String),
    End(String),
}

fn marker(elem: &typst::foundations::Content) -> Option<Marker> {
    let meta = elem.to_packed::<MetadataElem>()?;
    let Value::Dict(dict) = &meta.value else { return None };
    let name = |key: &str| match dict.get(key) {
        Ok(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    name("part").map(Marker::Start).or_else(|| name("end").map(Marker::End))
}
