//! The OFD writer (GB/T 33190-2016, 电子文件存储与交换格式 版式文档): laid-out pages to the
//! fixed-layout format that Chinese e-government systems exchange and archive, a sibling of
//! the PDF writer that knows nothing of it.
//!
//! The package is a zip:
//!
//! ```text
//! OFD.xml                       entry: DocInfo (DocID, title, author, dates), DocRoot
//! Doc_0/Document.xml            CommonData (MaxUnitID, PageArea, resources), Pages, CustomTags
//! Doc_0/PublicRes.xml           the fonts
//! Doc_0/DocumentRes.xml         the images (MultiMedia), when there are any
//! Doc_0/Pages/Page_N/Content.xml  one per page (N from 0): a layer of text, path and image objects
//! Doc_0/Res/…                   font files (TrueType subsets) and image files
//! Doc_0/Tags/CustomTags.xml, CustomTag.xml   the 电子公文 fields (GB/T 33476)
//! ```
//!
//! Units are millimetres, the origin is the page's top left corner, y grows downwards (as in
//! Typst's frames). IDs are integers from 1, unique in the document, in the order fonts,
//! images, then each page and its layer and objects; `MaxUnitID` is the last. The same pages
//! give the same bytes: fixed order, fixed zip times (the edition's date), and a DocID derived
//! from the edition.

mod font;
mod media;
mod page;
mod tags;

use std::collections::BTreeMap;

use chrono::Datelike;
use kurbo::{Affine, Point, Rect};
use sha2::{Digest, Sha256};
use typst::visualize::{FillRule, LineCap, LineJoin};
use typst_layout::PagedDocument;

use crate::export::xml::{OFD_NAMESPACE, Xml, array, num, round};
use crate::i18n::{self, Message};
use page::{Object, PathObject, Segment, TextRun};

/// What the package says about the document beyond its pages.
#[derive(Debug, Clone)]
pub struct Info<'a> {
    /// Names the document for good (the edition's document number and the document's file
    /// name): the DocID is derived from it.
    pub ident: &'a str,
    /// The creation date (the edition's signing date).
    pub date: chrono::NaiveDate,
}

/// Writes the pages of `doc` as an OFD package.
pub fn ofd(doc: &PagedDocument, info: &Info) -> Result<Vec<u8>, Message> {
    let walked = page::walk(doc.pages());
    let meta = typst::model::Document::info(doc);

    // IDs: fonts, images, then each page, its layer and its objects.
    let mut next = 0u32;
    let mut id = || {
        next += 1;
        next
    };
    let font_ids: Vec<u32> = walked.fonts.iter().map(|_| id()).collect();
    let image_ids: Vec<u32> = walked.images.iter().map(|_| id()).collect();
    let page_ids: Vec<(u32, u32, Vec<u32>)> = walked.pages.iter().map(|p| (id(), id(), p.objects.iter().map(|_| id()).collect())).collect();
    let max_id = next;

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    files.push(("OFD.xml".into(), entry(meta, info)));

    let first = walked.pages.first();
    let area = first.map_or((210.0, 297.0), |p| (p.width, p.height));
    let has_tags = walked.pages.iter().any(|p| p.objects.iter().any(|o| o.part.is_some()));
    files.push((
        "Doc_0/Document.xml".into(),
        document(max_id, area, !walked.images.is_empty(), has_tags, page_ids.iter().map(|p| p.0)),
    ));

    // Fonts: the subsets, then their list.
    let mut fonts = Xml::new();
    fonts.open("ofd:Res", &[("xmlns:ofd", OFD_NAMESPACE.into()), ("BaseLoc", "Res".into())]);
    fonts.open("ofd:Fonts", &[]);
    let mut resources = Vec::new();
    let mut names = std::collections::HashSet::new();
    for (use_, &fid) in walked.fonts.iter().zip(&font_ids) {
        let mut name = use_.name();
        if !names.insert(name.clone()) {
            name = format!("{name}-{fid}");
            names.insert(name.clone());
        }
        let bytes = use_.subset().map_err(|e| i18n::export::ofd_font(use_.family(), e))?;
        let file = format!("{name}.ttf");
        fonts.open(
            "ofd:Font",
            &[("ID", fid.to_string()), ("FontName", name.clone()), ("FamilyName", use_.family().to_string())],
        );
        fonts.leaf("ofd:FontFile", &[], &file);
        fonts.close();
        resources.push((format!("Doc_0/Res/{file}"), bytes));
    }
    fonts.close().close();
    files.push(("Doc_0/PublicRes.xml".into(), fonts.finish()));

    // Images.
    if !walked.images.is_empty() {
        let mut res = Xml::new();
        res.open("ofd:Res", &[("xmlns:ofd", OFD_NAMESPACE.into()), ("BaseLoc", "Res".into())]);
        res.open("ofd:MultiMedias", &[]);
        for (image, &mid) in walked.images.iter().zip(&image_ids) {
            let media = media::encode(image).map_err(|e| match e {
                media::MediaError::Pdf => i18n::export::ofd_pdf_image(),
                media::MediaError::Encode(e) => i18n::export::ofd_image(e),
            })?;
            let file = format!("Image_{mid}.{}", media.extension);
            res.open(
                "ofd:MultiMedia",
                &[("ID", mid.to_string()), ("Type", "Image".into()), ("Format", media.format.into())],
            );
            res.leaf("ofd:MediaFile", &[], &file);
            res.close();
            resources.push((format!("Doc_0/Res/{file}"), media.bytes));
        }
        res.close().close();
        files.push(("Doc_0/DocumentRes.xml".into(), res.finish()));
    }

    // Pages, and the objects of each part.
    let glyph_ids: Vec<BTreeMap<u16, u16>> = walked.fonts.iter().map(|f| f.subset_ids()).collect();
    let mut references = Vec::new();
    for (n, (page, (pid, layer, object_ids))) in walked.pages.iter().zip(&page_ids).enumerate() {
        let mut x = Xml::new();
        x.open("ofd:Page", &[("xmlns:ofd", OFD_NAMESPACE.into())]);
        x.open("ofd:Area", &[]);
        x.leaf("ofd:PhysicalBox", &[], &array([0.0, 0.0, page.width, page.height]));
        x.close();
        x.open("ofd:Content", &[]);
        x.open("ofd:Layer", &[("ID", layer.to_string()), ("Type", "Body".into())]);
        for (placed, &oid) in page.objects.iter().zip(object_ids) {
            match &placed.object {
                Object::Text(run) => text_object(&mut x, oid, run, font_ids[run.font], &glyph_ids[run.font]),
                Object::Path(path) => path_object(&mut x, oid, path),
                Object::Image(image) => {
                    let (boundary, ctm) = placed_in(image.extent(), image.placement);
                    x.empty(
                        "ofd:ImageObject",
                        &[
                            ("ID", oid.to_string()),
                            ("Boundary", boundary),
                            ("CTM", ctm),
                            ("ResourceID", image_ids[image.image].to_string()),
                        ],
                    );
                }
            }
            if let Some(part) = placed.part {
                references.push((*pid, oid, walked.parts[part].as_str()));
            }
        }
        x.close().close().close();
        files.push((format!("Doc_0/Pages/Page_{n}/Content.xml"), x.finish()));
    }
    if has_tags {
        files.push(("Doc_0/Tags/CustomTags.xml".into(), tags::index()));
        files.push(("Doc_0/Tags/CustomTag.xml".into(), tags::tags(&references)));
    }
    files.extend(resources);
    crate::export::package::zip(&files, info.date).map_err(i18n::export::ofd_package)
}

/// `OFD.xml`: the document's metadata and where its root is.
fn entry(meta: &typst::model::DocumentInfo, info: &Info) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "ofd:OFD",
        &[("xmlns:ofd", OFD_NAMESPACE.into()), ("Version", "1.0".into()), ("DocType", "OFD".into())],
    );
    x.open("ofd:DocBody", &[]);
    x.open("ofd:DocInfo", &[]);
    x.leaf("ofd:DocID", &[], &doc_id(info.ident));
    if let Some(title) = &meta.title {
        x.leaf("ofd:Title", &[], title);
    }
    if !meta.author.is_empty() {
        x.leaf("ofd:Author", &[], &meta.author.join("，"));
    }
    let date = format!("{:04}-{:02}-{:02}", info.date.year(), info.date.month(), info.date.day());
    x.leaf("ofd:CreationDate", &[], &date);
    if !meta.keywords.is_empty() {
        x.open("ofd:Keywords", &[]);
        for k in &meta.keywords {
            x.leaf("ofd:Keyword", &[], k);
        }
        x.close();
    }
    x.leaf("ofd:Creator", &[], "gongwen");
    x.leaf("ofd:CreatorVersion", &[], env!("CARGO_PKG_VERSION"));
    x.close();
    x.leaf("ofd:DocRoot", &[], "Doc_0/Document.xml");
    x.close().close();
    x.finish()
}

/// A 32-digit identifier (a UUID of version 8, without hyphens) derived from `ident`.
fn doc_id(ident: &str) -> String {
    let hash = Sha256::digest(ident.as_bytes());
    let mut bytes: [u8; 16] = hash[..16].try_into().expect("16 bytes of a SHA-256");
    bytes[6] = (bytes[6] & 0x0F) | 0x80;
    bytes[8] = (bytes[8] & 0x3F) | 0x80;
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `Doc_0/Document.xml`.
fn document(max_id: u32, (width, height): (f64, f64), images: bool, tags: bool, pages: impl Iterator<Item = u32>) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("ofd:Document", &[("xmlns:ofd", OFD_NAMESPACE.into())]);
    x.open("ofd:CommonData", &[]);
    x.leaf("ofd:MaxUnitID", &[], &max_id.to_string());
    x.open("ofd:PageArea", &[]);
    let box_ = array([0.0, 0.0, width, height]);
    x.leaf("ofd:PhysicalBox", &[], &box_);
    x.leaf("ofd:ApplicationBox", &[], &box_);
    x.close();
    x.leaf("ofd:PublicRes", &[], "PublicRes.xml");
    if images {
        x.leaf("ofd:DocumentRes", &[], "DocumentRes.xml");
    }
    x.close();
    x.open("ofd:Pages", &[]);
    for (n, id) in pages.enumerate() {
        x.empty("ofd:Page", &[("ID", id.to_string()), ("BaseLoc", format!("Pages/Page_{n}/Content.xml"))]);
    }
    x.close();
    if tags {
        x.leaf("ofd:CustomTags", &[], "Tags/CustomTags.xml");
    }
    x.close();
    x.finish()
}

/// The boundary of an object: its extent, its corner on the micrometre grid, its size
/// rounded up to cover it.
fn boundary(extent: Rect) -> (f64, f64, f64, f64) {
    let (x, y) = (round(extent.x0), round(extent.y0));
    let (w, h) = (
        ((extent.x1 - x) * 1000.0 - 1e-6).ceil() / 1000.0,
        ((extent.y1 - y) * 1000.0 - 1e-6).ceil() / 1000.0,
    );
    (x, y, w.max(0.0), h.max(0.0))
}

/// The boundary of a placed object, and the matrix `ctm` (from the object's own space to the
/// page) expressed in the boundary's space, as OFD places an object.
fn placed_in(extent: Rect, ctm: Affine) -> (String, String) {
    let (x, y, w, h) = boundary(extent);
    let [a, b, c, d, e, f] = ctm.as_coeffs();
    (array([x, y, w, h]), array([a, b, c, d, e - x, f - y]))
}

fn color(x: &mut Xml, name: &str, c: page::Rgba) {
    let [r, g, b, a] = c.0;
    let mut attrs = vec![("Value", format!("{r} {g} {b}"))];
    if a < 255 {
        attrs.push(("Alpha", a.to_string()));
    }
    x.empty(name, &attrs);
}

/// A text run: one `TextCode` at its baseline with every advance, and the `CGTransform` that
/// names the glyphs of the embedded subset.
fn text_object(x: &mut Xml, id: u32, run: &TextRun, font: u32, glyphs: &BTreeMap<u16, u16>) {
    let extent = run.extent();
    let (boundary, origin, ctm) = match run.ctm {
        None => {
            let b = boundary(extent);
            (b, Point::new(b.0, b.1), None)
        }
        Some(ctm) => {
            let page = ctm.transform_rect_bbox(extent);
            let b = boundary(page);
            let [a, bb, c, d, e, f] = ctm.as_coeffs();
            (b, Point::ZERO, Some(array([a, bb, c, d, e - b.0, f - b.1])))
        }
    };
    let mut attrs = vec![("ID", id.to_string()), ("Boundary", array([boundary.0, boundary.1, boundary.2, boundary.3]))];
    if let Some(ctm) = ctm {
        attrs.push(("CTM", ctm));
    }
    attrs.push(("Font", font.to_string()));
    attrs.push(("Size", num(run.size)));
    x.open("ofd:TextObject", &attrs);
    color(x, "ofd:FillColor", run.fill);
    // One transform for the run: its characters to its glyphs, one by one (a run holds
    // one-to-one clusters only, or a single cluster of another kind). Code positions count
    // UTF-16 units, as the readers written in Java and C# count them.
    let text = run.text();
    let ids: Vec<String> = run
        .clusters
        .iter()
        .flat_map(|c| &c.glyphs)
        .map(|g| glyphs.get(g).copied().unwrap_or(0).to_string())
        .collect();
    x.open(
        "ofd:CGTransform",
        &[
            ("CodePosition", "0".into()),
            ("CodeCount", text.encode_utf16().count().to_string()),
            ("GlyphCount", ids.len().to_string()),
        ],
    );
    x.leaf("ofd:Glyphs", &[], &ids.join(" "));
    x.close();
    // Each character's place; the characters of one cluster share its place.
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for cluster in &run.clusters {
        for _ in cluster.text.chars() {
            xs.push(round(cluster.x - origin.x));
            ys.push(round(cluster.y - origin.y));
        }
    }
    let deltas = |v: &[f64]| array(v.windows(2).map(|w| w[1] - w[0]));
    let mut code = vec![("X", num(xs[0])), ("Y", num(ys[0]))];
    if xs.len() > 1 {
        code.push(("DeltaX", deltas(&xs)));
    }
    if ys.windows(2).any(|w| w[0] != w[1]) {
        code.push(("DeltaY", deltas(&ys)));
    }
    x.leaf("ofd:TextCode", &code, &text);
    x.close();
}

/// A path: its segments as `AbbreviatedData` relative to its boundary.
fn path_object(x: &mut Xml, id: u32, path: &PathObject) {
    let (bx, by, bw, bh) = boundary(path.extent());
    let mut attrs = vec![("ID", id.to_string()), ("Boundary", array([bx, by, bw, bh]))];
    match &path.stroke {
        Some(s) => {
            attrs.push(("LineWidth", num(s.width)));
            match s.cap {
                LineCap::Butt => {}
                LineCap::Round => attrs.push(("Cap", "Round".into())),
                LineCap::Square => attrs.push(("Cap", "Square".into())),
            }
            match s.join {
                LineJoin::Miter => attrs.push(("MiterLimit", num(s.miter_limit))),
                LineJoin::Round => attrs.push(("Join", "Round".into())),
                LineJoin::Bevel => attrs.push(("Join", "Bevel".into())),
            }
            if let Some((dashes, offset)) = &s.dash {
                attrs.push(("DashPattern", array(dashes.iter().copied())));
                if *offset != 0.0 {
                    attrs.push(("DashOffset", num(*offset)));
                }
            }
        }
        None => attrs.push(("Stroke", "false".into())),
    }
    if let Some((_, rule)) = path.fill {
        attrs.push(("Fill", "true".into()));
        if rule == FillRule::EvenOdd {
            attrs.push(("Rule", "Even-Odd".into()));
        }
    }
    x.open("ofd:PathObject", &attrs);
    if let Some(s) = &path.stroke {
        color(x, "ofd:StrokeColor", s.color);
    }
    if let Some((c, _)) = path.fill {
        color(x, "ofd:FillColor", c);
    }
    let p = |p: Point| format!("{} {}", num(p.x - bx), num(p.y - by));
    let data: Vec<String> = path
        .segments
        .iter()
        .map(|s| match *s {
            Segment::Move(a) => format!("M {}", p(a)),
            Segment::Line(a) => format!("L {}", p(a)),
            Segment::Cubic(a, b, c) => format!("B {} {} {}", p(a), p(b), p(c)),
            Segment::Close => "C".into(),
        })
        .collect();
    x.leaf("ofd:AbbreviatedData", &[], &data.join(" "));
    x.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_doc_id_is_32_hex_digits_fixed_by_the_ident() {
        let a = doc_id("gongwen/武工办〔2014〕74号/notice.ofd");
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(a, doc_id("gongwen/武工办〔2014〕74号/notice.ofd"));
        assert_ne!(a, doc_id("gongwen/武工办〔2014〕75号/notice.ofd"));
        assert_eq!(&a[12..13], "8", "a version-8 UUID");
    }
}
