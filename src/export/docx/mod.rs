//! The DOCX writer: the notice as an editable Word document (WordprocessingML, ECMA-376),
//! written from the content model, not from the laid-out pages: real paragraphs, runs,
//! tables and fields that reflow when someone edits a sentence, on Word's own document grid
//! (22 lines of 28 characters), in the fonts offices have, every part in a named style.
//!
//! The package is a zip, its parts in a fixed order and dated with the edition's signing
//! date, so that the same edition gives the same bytes:
//!
//! ```text
//! [Content_Types].xml, _rels/.rels, docProps/core.xml, docProps/app.xml
//! word/document.xml      the notice and its attachments
//! word/styles.xml        the named styles (发文机关标志, 正文, 一级标题, …, 页码)
//! word/settings.xml      different odd and even footers
//! word/fontTable.xml     仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体, Times New Roman
//! word/footer1.xml       odd pages: — PAGE — on the right; footer2.xml: even pages, on the left
//! word/footer3.xml       a first page without a number (信函)
//! word/media/…           seal images
//! ```

mod attachments;
mod media;
mod notice;
mod para;
mod styles;

use chrono::Datelike;

use crate::export::xml::Xml;
use crate::model::{Edition, Lines};
use crate::script::Script;
use para::{Anchor, Look, Para, Run, Section};

/// WordprocessingML's main namespace.
pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_PACKAGE: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The notice of `edition`, attachments included, as a DOCX package, in `script`.
pub fn notice(edition: &Edition, script: Script) -> Result<Vec<u8>, String> {
    let mut w = Writer::new(edition, script);
    notice::write(&mut w)?;
    w.finish()
}

/// The document being written: the body's XML, the images and their relationships.
pub(crate) struct Writer<'a> {
    edition: &'a Edition,
    script: Script,
    body: Xml,
    /// Image parts: (file name under word/media, bytes).
    media: Vec<(String, Vec<u8>)>,
    /// Drawing ids, unique in the document.
    next_drawing: u32,
    /// Page 1 without a number (a 信函).
    first_page_unnumbered: bool,
    /// Page 1's header (a 信函's mark) and its distance from the sheet's top, in twips.
    first_header: Option<(Vec<u8>, i64)>,
}

impl<'a> Writer<'a> {
    fn new(edition: &'a Edition, script: Script) -> Self {
        let mut body = Xml::new();
        body.open(
            "w:document",
            &[
                ("xmlns:w", W.into()),
                ("xmlns:r", R.into()),
                ("xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing".into()),
                ("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main".into()),
                ("xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture".into()),
            ],
        );
        body.open("w:body", &[]);
        Self {
            edition,
            script,
            body,
            media: Vec::new(),
            next_drawing: 0,
            first_page_unnumbered: false,
            first_header: None,
        }
    }

    /// A text of the edition as it prints: placeholders expanded (as the templates expand
    /// them: `text::expand`, the same rules), in the output's script.
    pub(crate) fn text(&self, s: &str) -> String {
        let expanded = crate::text::expand(s, &self.edition.vars).unwrap_or_else(|_| s.to_string());
        self.script.convert(&expanded).into_owned()
    }

    /// A string that is already what prints, in the output's script.
    pub(crate) fn plain(&self, s: &str) -> String {
        self.script.convert(s).into_owned()
    }

    /// The lines of a title, as they print.
    pub(crate) fn lines(&self, l: &Lines) -> Vec<String> {
        l.lines().into_iter().map(|s| self.text(s)).collect()
    }

    pub(crate) fn para(&mut self, p: &Para, runs: &[Run]) {
        para::write_para(&mut self.body, p, runs);
    }

    /// A paragraph of one run of text in its style.
    pub(crate) fn simple(&mut self, p: &Para, text: &str) {
        self.para(p, &[Run::Text(text.to_string(), Look::default())]);
    }

    /// An empty line of the grid, in 正文.
    pub(crate) fn blank_line(&mut self, keep_next: bool) {
        let p = Para {
            keep_next,
            ..Para::styled(styles::id::BODY)
        };
        self.para(&p, &[]);
    }

    pub(crate) fn xml(&mut self) -> &mut Xml {
        &mut self.body
    }

    /// The sections' page: portrait or landscape, with the footers.
    pub(crate) fn section(&self, landscape: bool) -> Section {
        let mut footers = vec![("default", "rIdFooterOdd".to_string()), ("even", "rIdFooterEven".to_string())];
        if self.first_page_unnumbered {
            footers.push(("first", "rIdFooterFirst".to_string()));
        }
        let headers = self
            .first_header
            .as_ref()
            .map(|_| ("first", "rIdHeaderFirst".to_string()))
            .into_iter()
            .collect();
        Section {
            landscape,
            headers,
            footers,
            title_page: self.first_page_unnumbered,
            header_distance: self.first_header.as_ref().map(|h| h.1),
        }
    }

    /// An image of the edition's folder floating behind the text, fitted into the box `(x, y,
    /// width, height)` (twips from the column's left and the paragraph's top); None when the
    /// file cannot be read (the edition's check has read it).
    pub(crate) fn image(&mut self, path: &str, (x, y, width, height): (i64, i64, i64, i64), name: &str) -> Option<Run> {
        let bytes = std::fs::read(self.edition.dir.join(path)).ok()?;
        let img = media::image(&bytes, width)?;
        // Fit inside the box, keeping the image's proportions, centred in it.
        let (iw, ih) = (img.width as f64, img.height as f64);
        let scale = (width as f64 / iw).min(height as f64 / ih);
        let (w, h) = ((iw * scale).round() as i64, (ih * scale).round() as i64);
        let file = format!("image{}.{}", self.media.len() + 1, img.extension);
        self.media.push((file, img.bytes));
        self.next_drawing += 1;
        Some(Run::Image(Anchor {
            rel: format!("rIdImage{}", self.media.len()),
            id: self.next_drawing,
            name: name.to_string(),
            x: x + (width - w) / 2,
            y: y + (height - h) / 2,
            width: w,
            height: h,
        }))
    }

    fn finish(mut self) -> Result<Vec<u8>, String> {
        let section = self.section(false);
        section.write(&mut self.body);
        self.body.close().close();
        let edition = self.edition;
        let body = std::mem::replace(&mut self.body, Xml::new());
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), self.content_types()),
            ("_rels/.rels".into(), package_rels()),
            ("docProps/core.xml".into(), self.core()),
            ("docProps/app.xml".into(), app()),
            ("word/_rels/document.xml.rels".into(), self.document_rels()),
            ("word/document.xml".into(), body.finish()),
            ("word/styles.xml".into(), styles::styles_xml()),
            ("word/settings.xml".into(), settings()),
            ("word/fontTable.xml".into(), styles::font_table()),
            ("word/footer1.xml".into(), footer(true)),
            ("word/footer2.xml".into(), footer(false)),
            ("word/footer3.xml".into(), empty_footer()),
        ];
        if let Some((header, _)) = self.first_header.take() {
            files.push(("word/header1.xml".into(), header));
        }
        for (name, bytes) in std::mem::take(&mut self.media) {
            files.push((format!("word/media/{name}"), bytes));
        }
        crate::export::package::zip(&files, edition.date)
    }

    fn content_types(&self) -> Vec<u8> {
        let mut x = Xml::new();
        x.open("Types", &[("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types".into())]);
        x.empty(
            "Default",
            &[
                ("Extension", "rels".into()),
                ("ContentType", "application/vnd.openxmlformats-package.relationships+xml".into()),
            ],
        );
        x.empty("Default", &[("Extension", "xml".into()), ("ContentType", "application/xml".into())]);
        x.empty("Default", &[("Extension", "png".into()), ("ContentType", "image/png".into())]);
        x.empty("Default", &[("Extension", "jpg".into()), ("ContentType", "image/jpeg".into())]);
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
        for (part, kind) in [
            ("/word/document.xml", format!("{main}.document.main+xml")),
            ("/word/styles.xml", format!("{main}.styles+xml")),
            ("/word/settings.xml", format!("{main}.settings+xml")),
            ("/word/fontTable.xml", format!("{main}.fontTable+xml")),
            ("/word/footer1.xml", format!("{main}.footer+xml")),
            ("/word/footer2.xml", format!("{main}.footer+xml")),
            ("/word/footer3.xml", format!("{main}.footer+xml")),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml".into()),
            (
                "/docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
            ),
        ] {
            x.empty("Override", &[("PartName", part.into()), ("ContentType", kind)]);
        }
        if self.first_header.is_some() {
            x.empty(
                "Override",
                &[("PartName", "/word/header1.xml".into()), ("ContentType", format!("{main}.header+xml"))],
            );
        }
        x.close();
        x.finish()
    }

    fn document_rels(&self) -> Vec<u8> {
        let mut x = Xml::new();
        x.open("Relationships", &[("xmlns", REL_PACKAGE.into())]);
        let mut rel = |id: &str, kind: &str, target: &str| {
            x.empty(
                "Relationship",
                &[("Id", id.into()), ("Type", format!("{REL_TYPE}/{kind}")), ("Target", target.into())],
            );
        };
        rel("rIdStyles", "styles", "styles.xml");
        rel("rIdSettings", "settings", "settings.xml");
        rel("rIdFontTable", "fontTable", "fontTable.xml");
        rel("rIdFooterOdd", "footer", "footer1.xml");
        rel("rIdFooterEven", "footer", "footer2.xml");
        rel("rIdFooterFirst", "footer", "footer3.xml");
        if self.first_header.is_some() {
            rel("rIdHeaderFirst", "header", "header1.xml");
        }
        for (i, (name, _)) in self.media.iter().enumerate() {
            rel(&format!("rIdImage{}", i + 1), "image", &format!("media/{name}"));
        }
        x.close();
        x.finish()
    }

    /// The document's title, author (the issuers) and date (成文日期), as the PDF's.
    fn core(&self) -> Vec<u8> {
        let notice = &self.edition.notice;
        let title: String = match &notice.body.title {
            Some(t) => self.lines(t.get_ref()).concat(),
            None => String::new(),
        };
        let author = self.edition_issuers().join("、");
        let d = self.edition.date;
        let date = format!("{:04}-{:02}-{:02}T00:00:00Z", d.year(), d.month(), d.day());
        let mut x = Xml::new();
        x.open(
            "cp:coreProperties",
            &[
                ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties".into()),
                ("xmlns:dc", "http://purl.org/dc/elements/1.1/".into()),
                ("xmlns:dcterms", "http://purl.org/dc/terms/".into()),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance".into()),
            ],
        );
        x.leaf("dc:title", &[], &title);
        x.leaf("dc:creator", &[], &author);
        if let Some(n) = notice.number() {
            x.leaf("cp:keywords", &[], &self.plain(&n));
        }
        x.leaf("dcterms:created", &[("xsi:type", "dcterms:W3CDTF".into())], &date);
        x.leaf("dcterms:modified", &[("xsi:type", "dcterms:W3CDTF".into())], &date);
        x.close();
        x.finish()
    }

    fn edition_issuers(&self) -> Vec<String> {
        self.edition.notice.issuer_names().into_iter().map(|n| self.text(n)).collect()
    }
}

fn package_rels() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_PACKAGE.into())]);
    x.empty(
        "Relationship",
        &[
            ("Id", "rId1".into()),
            ("Type", format!("{REL_TYPE}/officeDocument")),
            ("Target", "word/document.xml".into()),
        ],
    );
    x.empty(
        "Relationship",
        &[
            ("Id", "rId2".into()),
            (
                "Type",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties".into(),
            ),
            ("Target", "docProps/core.xml".into()),
        ],
    );
    x.empty(
        "Relationship",
        &[
            ("Id", "rId3".into()),
            ("Type", format!("{REL_TYPE}/extended-properties")),
            ("Target", "docProps/app.xml".into()),
        ],
    );
    x.close();
    x.finish()
}

fn app() -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties".into())],
    );
    x.leaf("Application", &[], "gongwen");
    x.close();
    x.finish()
}

/// Different odd and even footers; punctuation not compressed (the PDF never squeezes a
/// mark); Word 2013's layout.
fn settings() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W.into())]);
    x.empty("w:zoom", &[("w:percent", "100".into())]);
    x.empty("w:defaultTabStop", &[("w:val", "420".into())]);
    x.empty("w:evenAndOddHeaders", &[]);
    x.empty("w:characterSpacingControl", &[("w:val", "doNotCompress".into())]);
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode".into()),
            ("w:uri", "http://schemas.microsoft.com/office/word".into()),
            ("w:val", "15".into()),
        ],
    );
    x.close();
    x.empty("w:themeFontLang", &[("w:val", "en-US".into()), ("w:eastAsia", "zh-CN".into())]);
    x.close();
    x.finish()
}

/// 页码 (7.5): “— PAGE —” in 4号 宋体, odd pages right and even pages left, one character in.
fn footer(odd: bool) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", W.into()), ("xmlns:r", R.into())]);
    let cell = para::CELL.round();
    let ind = if odd {
        para::Ind {
            right: cell,
            twips: true,
            ..Default::default()
        }
    } else {
        para::Ind {
            left: cell,
            twips: true,
            ..Default::default()
        }
    };
    let p = Para {
        jc: Some(if odd { "right" } else { "left" }),
        ind: Some(ind),
        ..Para::styled(styles::id::PAGE_NUMBER)
    };
    let look = Look::default();
    para::write_para(
        &mut x,
        &p,
        &[Run::Text("— ".into(), look.clone()), Run::PageField(look.clone()), Run::Text(" —".into(), look)],
    );
    x.close();
    x.finish()
}

/// Page 1 of a 信函: no number, the second double rule.
fn empty_footer() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", W.into()), ("xmlns:r", R.into())]);
    // A letter's second red double rule (thin over thick), its middle 20 mm above the foot.
    let p = Para {
        exact: Some(20),
        border_bottom: Some(para::Border {
            kind: "thinThickSmallGap",
            size: 24,
            space: 13,
            color: styles::RED,
        }),
        ind: Some(para::Ind {
            left: -(para::mm(8.0) as f64),
            right: -(para::mm(6.0) as f64),
            twips: true,
            ..Default::default()
        }),
        ..Para::styled(styles::id::PAGE_NUMBER)
    };
    para::write_para(&mut x, &p, &[]);
    x.close();
    x.finish()
}
