//! Fillable forms: every blank of a statistics form becomes a PDF text field (or a 是/否
//! choice) lying exactly on the printed blank, so the printed and the on-screen form are one.
//!
//! Typst writes no form fields. The form template puts a labelled `metadata` in each blank's
//! box; after compiling, we ask Typst's introspector where each one landed, then append the
//! fields to Typst's PDF as an incremental update (Typst's bytes stay as they are). Values are
//! stamped the same way: a further small update per filled copy, so 200 pre-filled forms cost
//! one compile and 200 appends.

pub mod font;
mod pdf;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use lopdf::{Dictionary, Object};
use typst::foundations::{Label, Selector, Value as TypstValue};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use self::font::FieldFont;
use self::pdf::{Trailer, Update, name, real, text_string};
use crate::i18n::export as msg;
use crate::values::Value;

/// The label the form template gives each blank's metadata.
pub const FIELD_LABEL: &str = "gongwen-field";

/// Name of the field font in the form's resources.
const FONT: &str = "GwF";
/// Name of a document's extra fonts, for characters beyond the base subset: `GwX`, `GwX2`, ….
const EXTRA_FONT: &str = "GwX";
/// Size of values in fields, in points (the form's text is 14 pt; a written value a little less).
const VALUE_SIZE: f32 = 12.0;
/// The smallest size a value is shrunk to so that it fits its box; a value that does not fit
/// even so is refused, never cut.
pub const MIN_VALUE_SIZE: f32 = 6.0;
/// Space between a value and its box's edge, in points.
const PAD: f32 = 2.0;

/// The bytes of a font file, shared.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// What a blank holds, as the template says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlankKind {
    Count,
    Amount,
    Choice,
    Text,
}

impl BlankKind {
    fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "count" => BlankKind::Count,
            "amount" => BlankKind::Amount,
            "choice" => BlankKind::Choice,
            "text" => BlankKind::Text,
            _ => return None,
        })
    }

    fn is_number(self) -> bool {
        matches!(self, BlankKind::Count | BlankKind::Amount)
    }
}

/// A blank as laid out: its field name, kind, Chinese label, page and rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldBox {
    /// `01A` … or `unit`, `reporter`, `phone`.
    pub name: String,
    pub kind: BlankKind,
    /// The tooltip: what the blank asks for, in Chinese.
    pub label: String,
    /// 0-based page index.
    pub page: usize,
    /// PDF user space: x1, y1, x2, y2 from the page's bottom left, in points.
    pub rect: [f64; 4],
}

/// Finds every blank in a compiled form, in document order.
pub fn field_boxes(doc: &PagedDocument) -> Result<Vec<FieldBox>, String> {
    let label = Label::new(PicoStr::intern(FIELD_LABEL)).expect("a valid label");
    let introspector = doc.introspector();
    let mut out = Vec::new();
    for content in introspector.query(&Selector::Label(label)) {
        let meta = content
            .to_packed::<MetadataElem>()
            .ok_or("a form blank's label is on something other than metadata")?;
        let TypstValue::Dict(dict) = &meta.value else {
            return Err("a form blank's metadata is not a dictionary".into());
        };
        let get_str = |k: &str| match dict.get(k) {
            Ok(TypstValue::Str(s)) => Ok(s.to_string()),
            _ => Err(format!("a form blank's metadata lacks `{k}`")),
        };
        let get_len = |k: &str| match dict.get(k) {
            Ok(TypstValue::Length(l)) => Ok(l.abs.to_pt()),
            _ => Err(format!("a form blank's metadata lacks the length `{k}`")),
        };
        let name = get_str("name")?;
        let kind = BlankKind::from_name(&get_str("kind")?).ok_or_else(|| format!("blank {name}: unknown kind"))?;
        let (w, h) = (get_len("width")?, get_len("height")?);
        let location = content.location().ok_or_else(|| format!("blank {name} was not laid out"))?;
        let pos = introspector.position(location).ok_or_else(|| format!("blank {name} has no position"))?;
        let page = pos.page.get() - 1;
        let height = doc.pages().get(page).map(|p| p.frame.height().to_pt()).ok_or("a blank on a missing page")?;
        let (x, y) = (pos.point.x.to_pt(), pos.point.y.to_pt());
        out.push(FieldBox {
            name,
            kind,
            label: get_str("label")?,
            page,
            rect: [x, height - y - h, x + w, height - y],
        });
    }
    Ok(out)
}

/// A field placed in the PDF: its box and its object.
struct Placed {
    field: FieldBox,
    id: u32,
    widget: Dictionary,
}

/// A compiled form made fillable, ready to be written blank, filled or flattened.
pub struct FillableForm {
    /// Typst's PDF, untouched.
    original: Vec<u8>,
    original_trailer: Trailer,
    /// The original PDF plus the fields.
    blank: Vec<u8>,
    blank_trailer: Trailer,
    fields: Vec<Placed>,
    font: Arc<FieldFont>,
    font_id: u32,
    font_data: FontData,
    /// Shipped faces (file, face index) that draw what the field font lacks, in the order
    /// they are tried.
    fallbacks: Vec<(FontData, u32)>,
    acroform_id: u32,
    /// Each page's object number, dictionary and resolved resources, as Typst wrote them.
    pages: Vec<(u32, Dictionary, Dictionary)>,
}

impl FillableForm {
    /// Adds the fields in `boxes` to `pdf`, a compiled form. `font` is the base field font,
    /// subset from `font_data`.
    /// `scripts`: whether number fields get keystroke scripts (PDF/A forbids JavaScript).
    pub fn new(pdf: Vec<u8>, boxes: Vec<FieldBox>, font: Arc<FieldFont>, font_data: FontData, scripts: bool) -> Result<Self, String> {
        let doc = lopdf::Document::load_mem(&pdf).map_err(|e| msg::cannot_read_compiled_form(e).text())?;
        let trailer = Trailer::read(&pdf, &doc)?;
        let catalog = doc
            .get_object((trailer.root, 0))
            .and_then(Object::as_dict)
            .map_err(|_| msg::compiled_form_damaged().text())?
            .clone();
        let mut pages = Vec::new();
        for (_, &(id, _)) in doc.get_pages().iter() {
            let dict = doc
                .get_object((id, 0))
                .and_then(Object::as_dict)
                .map_err(|_| msg::compiled_form_damaged().text())?
                .clone();
            let resources = match dict.get(b"Resources") {
                Ok(Object::Reference(r)) => doc.get_object(*r).and_then(Object::as_dict).cloned().unwrap_or_default(),
                Ok(Object::Dictionary(d)) => d.clone(),
                _ => Dictionary::new(),
            };
            pages.push((id, dict, resources));
        }

        let mut update = Update::new(&pdf);
        let mut next = trailer.size;
        let font_id = font.write(&mut update, &mut next);
        let mut fields = Vec::new();
        let mut annots: BTreeMap<usize, Vec<Object>> = BTreeMap::new();
        for field in boxes {
            let Some(&(page_id, _, _)) = pages.get(field.page) else {
                return Err(msg::compiled_form_damaged().text());
            };
            let id = next;
            next += 1;
            let ap = next;
            next += 1;
            let [x1, y1, x2, y2] = field.rect;
            write_appearance(
                &mut update,
                ap,
                &[(&font, FONT.to_string(), font_id)],
                "",
                x2 - x1,
                y2 - y1,
                field.kind,
                VALUE_SIZE,
            );
            let widget = widget(&field, page_id, ap, scripts);
            update.object(id, &Object::Dictionary(widget.clone()));
            annots.entry(field.page).or_default().push(Object::Reference((id, 0)));
            fields.push(Placed { field, id, widget });
        }
        for (index, refs) in &annots {
            let (id, dict, _) = &pages[*index];
            let mut dict = dict.clone();
            let mut all = match dict.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            all.extend(refs.iter().cloned());
            dict.set("Annots", Object::Array(all));
            // Tab through the fields in the order of the form: rows, top to bottom.
            dict.set("Tabs", name("R"));
            update.object(*id, &Object::Dictionary(dict));
        }
        let acroform_id = next;
        update.object(acroform_id, &Object::Dictionary(acroform(&fields, font_id, &[])));
        let mut cat = catalog.clone();
        cat.set("AcroForm", Object::Reference((acroform_id, 0)));
        update.object(trailer.root, &Object::Dictionary(cat));
        let (bytes, blank_trailer) = update.finish(&trailer);
        let mut blank = pdf.clone();
        blank.extend_from_slice(&bytes);
        Ok(Self {
            original: pdf,
            original_trailer: trailer,
            blank,
            blank_trailer,
            fields,
            font,
            font_id,
            font_data,
            fallbacks: Vec::new(),
            acroform_id,
            pages,
        })
    }

    /// The shipped faces (file, face index) that values may be drawn in where the field
    /// font has no glyph, in the order they are tried.
    pub fn with_fallbacks(mut self, fallbacks: Vec<(FontData, u32)>) -> Self {
        self.fallbacks = fallbacks;
        self
    }

    /// The blank fillable form.
    pub fn blank(&self) -> &[u8] {
        &self.blank
    }

    /// The fields in form order.
    pub fn fields(&self) -> impl Iterator<Item = &FieldBox> {
        self.fields.iter().map(|p| &p.field)
    }

    /// Checks that every value can be drawn in its box: every character in some shipped
    /// font, and the text no wider than its box at [`MIN_VALUE_SIZE`]. The error names each
    /// field that cannot be.
    pub fn check_drawable(&self, values: &BTreeMap<String, Value>) -> Result<(), String> {
        self.prepare(&self.font, values).map(|_| ())
    }

    /// The extra fonts for `values` beyond `base`, and each value's size: an error names
    /// every field that cannot be drawn.
    fn prepare(&self, base: &FieldFont, values: &BTreeMap<String, Value>) -> Result<(Vec<FieldFont>, BTreeMap<String, f32>), String> {
        // Each character the base lacks, from the first fallback face that has it (the faces
        // read only when a value needs them).
        let lacking = values.values().any(|v| v.to_string().chars().any(|c| !c.is_whitespace() && !base.covers(c)));
        let faces: Vec<ttf_parser::Face> = if lacking {
            self.fallbacks
                .iter()
                .filter_map(|(data, index)| ttf_parser::Face::parse((**data).as_ref(), *index).ok())
                .collect()
        } else {
            Vec::new()
        };
        let mut wanted: Vec<BTreeSet<char>> = vec![BTreeSet::new(); faces.len()];
        let mut problems = Vec::new();
        for (code, value) in values {
            let text = value.to_string();
            let mut missing = String::new();
            for c in text.chars().filter(|c| !c.is_whitespace() && !base.covers(*c)) {
                match faces.iter().position(|f| f.glyph_index(c).is_some()) {
                    Some(i) => {
                        wanted[i].insert(c);
                    }
                    None if !missing.contains(c) => missing.push(c),
                    None => {}
                }
            }
            if !missing.is_empty() {
                problems.push(msg::value_no_font(code, &text, missing).text());
            }
        }
        let mut extras = Vec::new();
        for (i, chars) in wanted.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            let (data, index) = &self.fallbacks[i];
            extras.push(FieldFont::new((**data).as_ref(), *index, chars)?);
        }
        let mut sizes = BTreeMap::new();
        for (code, value) in values {
            let Ok(placed) = self.placed(code) else {
                problems.push(msg::no_such_field(code).text());
                continue;
            };
            let [x1, y1, x2, y2] = placed.field.rect;
            let fonts: Vec<&FieldFont> = std::iter::once(base).chain(&extras).collect();
            match fit(&fonts, &value.to_string(), x2 - x1, y2 - y1) {
                Some(size) => {
                    sizes.insert(code.clone(), size);
                }
                None => problems.push(msg::value_too_long(code, value, MIN_VALUE_SIZE).text()),
            }
        }
        if problems.is_empty() { Ok((extras, sizes)) } else { Err(problems.join("; ")) }
    }

    /// The form with `values` filled in: each value in the field's /V, drawn in its /AP,
    /// shrunk to fit its box.
    pub fn fill(&self, values: &BTreeMap<String, Value>) -> Result<Vec<u8>, String> {
        let (extras, sizes) = self.prepare(&self.font, values)?;
        let mut update = Update::new(&self.blank);
        let mut next = self.blank_trailer.size;
        let mut fonts: Vec<(&FieldFont, String, u32)> = vec![(&self.font, FONT.to_string(), self.font_id)];
        for (i, f) in extras.iter().enumerate() {
            let id = f.write(&mut update, &mut next);
            fonts.push((f, extra_name(i), id));
        }
        for (code, value) in values {
            let placed = self.placed(code)?;
            let text = value.to_string();
            let ap = next;
            next += 1;
            let [x1, y1, x2, y2] = placed.field.rect;
            let size = sizes[code];
            write_appearance(&mut update, ap, &fonts, &text, x2 - x1, y2 - y1, placed.field.kind, size);
            let mut w = placed.widget.clone();
            w.set("V", text_string(&text));
            // A viewer that redraws the field uses the size that fits.
            w.set("DA", Object::string_literal(format!("/{FONT} {} Tf 0 g", round2(size))));
            let mut apd = Dictionary::new();
            apd.set("N", Object::Reference((ap, 0)));
            w.set("AP", Object::Dictionary(apd));
            update.object(placed.id, &Object::Dictionary(w));
        }
        if fonts.len() > 1 {
            // Viewers that redraw the field need the extra fonts too.
            let extra: Vec<(String, u32)> = fonts[1..].iter().map(|(_, n, id)| (n.clone(), *id)).collect();
            update.object(self.acroform_id, &Object::Dictionary(acroform(&self.fields, self.font_id, &extra)));
        }
        let (bytes, _) = update.finish(&self.blank_trailer);
        let mut out = Vec::with_capacity(self.blank.len() + bytes.len());
        out.extend_from_slice(&self.blank);
        out.extend_from_slice(&bytes);
        Ok(out)
    }

    /// The form with `values` printed into the pages' content and no fields: for archiving
    /// and printing. Built on Typst's own PDF, so no field font is embedded beyond the glyphs
    /// the values use.
    pub fn flatten(&self, values: &BTreeMap<String, Value>) -> Result<Vec<u8>, String> {
        let chars: BTreeSet<char> = values.values().flat_map(|v| v.to_string().chars().collect::<Vec<_>>()).collect();
        let base = FieldFont::new((*self.font_data).as_ref(), 0, &chars)?;
        let (extras, sizes) = self.prepare(&base, values)?;
        let mut update = Update::new(&self.original);
        let mut next = self.original_trailer.size;
        let mut fonts: Vec<(&FieldFont, String, u32)> = Vec::new();
        let base_id = base.write(&mut update, &mut next);
        fonts.push((&base, FONT.to_string(), base_id));
        for (i, f) in extras.iter().enumerate() {
            let id = f.write(&mut update, &mut next);
            fonts.push((f, extra_name(i), id));
        }
        let mut content: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
        for (code, value) in values {
            let placed = self.placed(code)?;
            let [x1, y1, x2, y2] = placed.field.rect;
            let ops = draw_text(&fonts, &value.to_string(), x2 - x1, y2 - y1, placed.field.kind, sizes[code]);
            let c = content.entry(placed.field.page).or_default();
            c.extend_from_slice(format!("q 1 0 0 1 {x1:.2} {y1:.2} cm\n").as_bytes());
            c.extend_from_slice(&ops);
            c.extend_from_slice(b"Q\n");
        }
        for (index, ops) in content {
            let (page_id, dict, resources) = &self.pages[index];
            let stream_id = next;
            let res_id = next + 1;
            next += 2;
            let mut wrapped = b"q\n".to_vec();
            wrapped.extend_from_slice(&ops);
            wrapped.extend_from_slice(b"Q\n");
            update.stream(stream_id, Dictionary::new(), &wrapped, true);
            let mut res = resources.clone();
            let mut font_dict = match res.get(b"Font") {
                Ok(Object::Dictionary(d)) => d.clone(),
                _ => Dictionary::new(),
            };
            for (_, name, id) in &fonts {
                font_dict.set(name.as_str(), Object::Reference((*id, 0)));
            }
            res.set("Font", Object::Dictionary(font_dict));
            update.object(res_id, &Object::Dictionary(res));
            let mut page = dict.clone();
            let mut contents = match page.get(b"Contents") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(r @ Object::Reference(_)) => vec![r.clone()],
                _ => Vec::new(),
            };
            // Typst's content first, in a saved state, so ours starts from the default state.
            contents.push(Object::Reference((stream_id, 0)));
            page.set("Contents", Object::Array(contents));
            page.set("Resources", Object::Reference((res_id, 0)));
            update.object(*page_id, &Object::Dictionary(page));
        }
        let (bytes, _) = update.finish(&self.original_trailer);
        let mut out = self.original.clone();
        out.extend_from_slice(&bytes);
        Ok(out)
    }

    /// The field named `code`.
    fn placed(&self, code: &str) -> Result<&Placed, String> {
        self.fields.iter().find(|p| p.field.name == code).ok_or_else(|| msg::no_such_field(code).text())
    }
}

/// The resource name of the `i`th extra font: `GwX`, `GwX2`, ….
fn extra_name(i: usize) -> String {
    if i == 0 { EXTRA_FONT.to_string() } else { format!("{EXTRA_FONT}{}", i + 1) }
}

fn round2(v: f32) -> f32 {
    (v * 100.0).floor() / 100.0
}

/// The font of `fonts` (the base first) that draws `c`: the first that has it.
fn font_of(fonts: &[&FieldFont], c: char) -> usize {
    fonts.iter().position(|f| f.covers(c)).unwrap_or(0)
}

/// The size at which `text` fits a box `w` × `h`: the usual size if it fits, else smaller,
/// down to [`MIN_VALUE_SIZE`]; `None` if it does not fit even then.
fn fit(fonts: &[&FieldFont], text: &str, w: f64, h: f64) -> Option<f32> {
    let size = VALUE_SIZE.min((h * 0.8) as f32);
    let width: f32 = text.chars().map(|c| fonts[font_of(fonts, c)].width(&c.to_string(), size)).sum();
    let room = w as f32 - 2.0 * PAD;
    if width <= room {
        return Some(size);
    }
    let shrunk = round2(size * room / width);
    (shrunk >= MIN_VALUE_SIZE).then_some(shrunk)
}

/// The widget annotation and field dictionary of one blank.
fn widget(field: &FieldBox, page_id: u32, ap: u32, scripts: bool) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", name("Annot"));
    d.set("Subtype", name("Widget"));
    d.set("F", Object::Integer(4)); // print
    d.set("P", Object::Reference((page_id, 0)));
    d.set("Rect", Object::Array(field.rect.iter().map(|&v| real(v)).collect()));
    d.set("T", text_string(&field.name));
    d.set("TU", text_string(&field.label));
    d.set("DA", Object::string_literal(format!("/{FONT} {VALUE_SIZE} Tf 0 g")));
    let mut ap_dict = Dictionary::new();
    ap_dict.set("N", Object::Reference((ap, 0)));
    d.set("AP", Object::Dictionary(ap_dict));
    match field.kind {
        BlankKind::Choice => {
            d.set("FT", name("Ch"));
            d.set("Ff", Object::Integer(1 << 17)); // combo box
            d.set("Opt", Object::Array(vec![text_string("是"), text_string("否")]));
            d.set("Q", Object::Integer(1));
        }
        kind => {
            d.set("FT", name("Tx"));
            d.set("Q", Object::Integer(if kind.is_number() { 2 } else { 0 }));
            if kind.is_number() && scripts {
                // Refuse letters where the viewer runs form scripts (Acrobat, Foxit, pdf.js).
                let pattern = if kind == BlankKind::Count { "^[0-9]*$" } else { "^[0-9]*[.]?[0-9]*$" };
                let js = format!("if (!event.willCommit) {{ var v = AFMergeChange(event); event.rc = /{pattern}/.test(v); }}");
                let mut k = Dictionary::new();
                k.set("S", name("JavaScript"));
                k.set("JS", Object::string_literal(js));
                let mut aa = Dictionary::new();
                aa.set("K", Object::Dictionary(k));
                d.set("AA", Object::Dictionary(aa));
            }
        }
    }
    d
}

/// The interactive form dictionary: the fields, and the fonts viewers draw values in.
fn acroform(fields: &[Placed], font_id: u32, extra: &[(String, u32)]) -> Dictionary {
    let mut fonts = Dictionary::new();
    fonts.set(FONT, Object::Reference((font_id, 0)));
    for (name, id) in extra {
        fonts.set(name.as_str(), Object::Reference((*id, 0)));
    }
    let mut dr = Dictionary::new();
    dr.set("Font", Object::Dictionary(fonts));
    let mut d = Dictionary::new();
    d.set("Fields", Object::Array(fields.iter().map(|p| Object::Reference((p.id, 0))).collect()));
    d.set("DR", Object::Dictionary(dr));
    d.set("DA", Object::string_literal(format!("/{FONT} {VALUE_SIZE} Tf 0 g")));
    d
}

/// An appearance stream showing `text` in a field `w` × `h` at `size` points, in `fonts`
/// (the base font first; each with its resource name and object number).
#[allow(clippy::too_many_arguments)]
fn write_appearance(update: &mut Update, id: u32, fonts: &[(&FieldFont, String, u32)], text: &str, w: f64, h: f64, kind: BlankKind, size: f32) {
    let mut content = b"/Tx BMC\n".to_vec();
    if !text.is_empty() {
        content.extend_from_slice(b"q\n");
        content.extend_from_slice(&draw_text(fonts, text, w, h, kind, size));
        content.extend_from_slice(b"Q\n");
    }
    content.extend_from_slice(b"EMC\n");
    let mut font_dict = Dictionary::new();
    for (_, name, id) in fonts {
        font_dict.set(name.as_str(), Object::Reference((*id, 0)));
    }
    let mut res = Dictionary::new();
    res.set("Font", Object::Dictionary(font_dict));
    let mut d = Dictionary::new();
    d.set("Type", name("XObject"));
    d.set("Subtype", name("Form"));
    d.set("BBox", Object::Array(vec![Object::Integer(0), Object::Integer(0), real(w), real(h)]));
    d.set("Resources", Object::Dictionary(res));
    update.stream(id, d, &content, false);
}

/// Content operators that draw `text` at `size` in a box `w` × `h` at the origin: numbers to
/// the right, text to the left, centred vertically; each character in the first of `fonts`
/// that has it.
fn draw_text(fonts: &[(&FieldFont, String, u32)], text: &str, w: f64, h: f64, kind: BlankKind, size: f32) -> Vec<u8> {
    let faces: Vec<&FieldFont> = fonts.iter().map(|(f, _, _)| *f).collect();
    // Runs of characters by font.
    let mut runs: Vec<(usize, String)> = Vec::new();
    for c in text.chars() {
        let i = font_of(&faces, c);
        match runs.last_mut() {
            Some((f, s)) if *f == i => s.push(c),
            _ => runs.push((i, c.to_string())),
        }
    }
    let width: f32 = runs.iter().map(|(i, s)| faces[*i].width(s, size)).sum();
    let x = match kind {
        BlankKind::Count | BlankKind::Amount => (w as f32 - PAD - width).max(PAD),
        BlankKind::Choice => ((w as f32 - width) / 2.0).max(PAD),
        BlankKind::Text => PAD,
    };
    let y = (h as f32 - size) / 2.0 + 0.12 * size;
    let mut out = format!("BT\n0 g\n{x:.2} {y:.2} Td\n").into_bytes();
    for (i, s) in runs {
        out.extend_from_slice(format!("/{} {size} Tf\n<", fonts[i].1).as_bytes());
        for b in faces[i].encode(&s) {
            out.extend_from_slice(format!("{b:02X}").as_bytes());
        }
        out.extend_from_slice(b"> Tj\n");
    }
    out.extend_from_slice(b"ET\n");
    out
}
