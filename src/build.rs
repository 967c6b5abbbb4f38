//! The pipeline a command runs: check an edition, render its documents, write them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::{self, Loaded};
use crate::export::forms::font::{FIELD_FONT_FAMILY, FieldFont, base_charset};
use crate::export::forms::{self, FillableForm};
use crate::export::{self, Format};
use crate::output::write_atomic_with;
use crate::script::Script;
use crate::typeset;
use crate::typeset::fonts::FontSet;
use crate::typeset::{Document, GongwenWorld, Templates};

/// Where the fonts and templates come from.
#[derive(Debug, Clone)]
pub struct Options {
    pub fonts: PathBuf,
    pub templates: Templates,
    /// Simplified (default) or Traditional characters.
    pub script: Script,
    /// PDF standards to conform to (PDF/A, PDF/UA); none by default (tagged PDF 1.7).
    pub standards: Vec<typst_pdf::PdfStandard>,
    /// Documents of earlier builds in this process, reused when their pages come out the
    /// same (for `watch`: an edit to the notice's text leaves the forms as they were).
    pub cache: Option<Arc<RenderCache>>,
    /// The formats to write, each document in each (PDF by default).
    pub formats: Vec<Format>,
}

/// The last output of each document and the hash of the pages it was made from.
#[derive(Default)]
pub struct RenderCache(std::sync::Mutex<std::collections::HashMap<Document, (u128, Output)>>);

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RenderCache")
    }
}

impl Options {
    fn archival(&self) -> bool {
        self.standards.iter().any(|s| format!("{s:?}").starts_with("A_"))
    }

    fn accessible(&self) -> bool {
        self.standards.iter().any(|s| format!("{s:?}").starts_with("Ua"))
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            fonts: default_fonts_dir(),
            templates: Templates::Embedded,
            script: Script::Hans,
            standards: Vec::new(),
            cache: None,
            formats: vec![Format::Pdf],
        }
    }
}

/// The fonts folder: `$GONGWEN_FONTS`, else `./fonts`, else the checkout this binary was
/// built from.
pub fn default_fonts_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("GONGWEN_FONTS") {
        return dir.into();
    }
    let local = PathBuf::from("fonts");
    if local.join("LICENSES").is_file() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
}

/// A file written, with its page count (0 for a spreadsheet).
pub type Written = (PathBuf, usize);

/// The bytes of a font file, shared.
type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// An edition that passed every check, with the fonts to set it in.
pub struct Checked {
    pub loaded: Loaded,
    pub fonts: Arc<FontSet>,
    /// Warnings from loading and from the font coverage check.
    pub warnings: Vec<Diagnostic>,
}

/// Loads the edition in `dir` and checks it, fonts included.
pub fn check(dir: &Path, options: &Options) -> Result<Checked, Diagnostics> {
    check_templates(options)?;
    let fonts = FontSet::load_used(&options.fonts, &options.templates.sources()).map_err(|m| Diagnostics(vec![Diagnostic::file_error(&options.fonts, m)]))?;
    check_with_fonts(dir, options, Arc::new(fonts))
}

/// A templates folder given with `--templates` must hold every template.
pub fn check_templates(options: &Options) -> Result<(), Diagnostics> {
    match (&options.templates, options.templates.check()) {
        (Templates::Dir(dir), Err(m)) => Err(Diagnostics(vec![Diagnostic::file_error(dir, m)])),
        _ => Ok(()),
    }
}

/// [`check`] with fonts already loaded, for a process that builds again and again.
pub fn check_with_fonts(dir: &Path, options: &Options, fonts: Arc<FontSet>) -> Result<Checked, Diagnostics> {
    let loaded = edition::load(dir)?;
    let mut warnings = loaded.warnings.clone();
    warnings.extend(fonts.check_coverage(&loaded.texts, options.script));
    if warnings.iter().any(Diagnostic::is_error) {
        warnings.sort_by_key(|d| !d.is_error());
        return Err(Diagnostics(warnings));
    }
    Ok(Checked { loaded, fonts, warnings })
}

/// One rendered document, in every format asked for.
#[derive(Clone)]
pub struct Output {
    pub document: Document,
    pub pages: usize,
    /// One file per format, in the order the formats were asked for.
    pub files: Vec<OutputFile>,
    /// For an attachment, the form with its fields, ready to be filled.
    pub form: Option<Arc<FillableForm>>,
    /// Made by this build (not taken unchanged from the cache).
    pub fresh: bool,
}

/// One file of a document, such as `notice.pdf`.
#[derive(Clone)]
pub struct OutputFile {
    pub format: Format,
    /// The file name to write: the document's stem and the format's extension.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Output {
    /// The file in `format`, if it was asked for.
    pub fn file(&self, format: Format) -> Option<&OutputFile> {
        self.files.iter().find(|f| f.format == format)
    }

    /// The PDF: for an attachment, the blank fillable form.
    pub fn pdf(&self) -> Option<&[u8]> {
        self.file(Format::Pdf).map(|f| f.bytes.as_slice())
    }
}

impl Checked {
    /// The documents an edition produces: the notice, then each attachment alone.
    pub fn documents(&self) -> Vec<Document> {
        std::iter::once(Document::Notice)
            .chain((1..=self.loaded.edition.attachments.len()).map(Document::Attachment))
            .collect()
    }

    /// A world for one document of this edition.
    pub fn world(&self, document: Document, options: &Options) -> Result<GongwenWorld, Diagnostics> {
        let edition = &self.loaded.edition;
        GongwenWorld::new(
            self.fonts.clone(),
            options.templates.clone(),
            &edition.dir,
            document,
            options.script,
            edition.date,
        )
        .map_err(|e| Diagnostics(vec![Diagnostic::file_error(&edition.dir, crate::i18n::export::cannot_open_edition(e).text())]))
    }

    /// Compiles and exports one document.
    pub fn render(&self, document: Document, options: &Options) -> Result<(Output, Vec<Diagnostic>), Diagnostics> {
        let world = self.world(document, options)?;
        let (doc, warnings) = typeset::compile(&world)?;
        // The same pages as last time: the same PDF (the edition's date and number, which
        // also go into the file, are part of the pages).
        let key = typst::utils::hash128(&(doc.pages(), typst::model::Document::info(&doc)));
        let cached = options
            .cache
            .as_ref()
            .and_then(|c| c.0.lock().expect("render cache poisoned").get(&document).cloned());
        if let Some((k, o)) = cached
            && k == key
        {
            return Ok((Output { fresh: false, ..o }, warnings));
        }
        let (output, warnings) = self.export(document, &world, &doc, warnings, options)?;
        if let Some(cache) = &options.cache {
            cache.0.lock().expect("render cache poisoned").insert(document, (key, output.clone()));
        }
        Ok((output, warnings))
    }

    fn export(
        &self,
        document: Document,
        world: &GongwenWorld,
        doc: &typst_layout::PagedDocument,
        mut warnings: Vec<Diagnostic>,
        options: &Options,
    ) -> Result<(Output, Vec<Diagnostic>), Diagnostics> {
        let stem = document.stem();
        let mut files = Vec::new();
        let mut form = None;
        for &format in &options.formats {
            let name = format!("{stem}.{}", format.extension());
            let bytes = match format {
                Format::Pdf => {
                    let (pdf, fillable) = self.export_pdf(document, world, doc, &name, &mut warnings, options)?;
                    form = fillable;
                    pdf
                }
                Format::Ofd => {
                    let ident = self.ident(&name);
                    let info = export::ofd::Info {
                        ident: &ident,
                        date: self.loaded.edition.date,
                    };
                    export::ofd::ofd(doc, &info).map_err(|m| Diagnostics(vec![Diagnostic::file_error(Path::new(&name), m.text())]))?
                }
                // The notice with its attachments as one Word document, written from the model.
                Format::Docx => {
                    if document != Document::Notice {
                        continue;
                    }
                    let fail = |m: String| Diagnostics(vec![Diagnostic::file_error(Path::new(&name), crate::i18n::export::cannot_make_docx(m).text())]);
                    export::docx::notice(&self.loaded.edition, options.script).map_err(fail)?
                }
                // A form as a spreadsheet; the notice has none.
                Format::Xlsx => {
                    let Some(model) = (match document {
                        Document::Attachment(n) => self.loaded.edition.form(n),
                        Document::Notice => None,
                    }) else {
                        continue;
                    };
                    let fail = |m: String| Diagnostics(vec![Diagnostic::file_error(&self.loaded.edition.dir.join(&model.file), m)]);
                    export::xlsx::form(&self.loaded.edition, model, &Default::default()).map_err(fail)?
                }
            };
            files.push(OutputFile { format, name, bytes });
        }
        let output = Output {
            document,
            pages: doc.pages().len(),
            files,
            form,
            fresh: true,
        };
        Ok((output, warnings))
    }

    /// What identifies a file of this edition: `gongwen/武工办〔2014〕74号/notice.pdf` (the
    /// number left empty for a notice without one).
    fn ident(&self, name: &str) -> String {
        format!("gongwen/{}/{}", self.loaded.edition.notice.number().unwrap_or_default(), name)
    }

    /// The PDF of a document: for an attachment, the blank fillable form (print only for
    /// PDF/UA, whose structure tree cannot hold our fields).
    fn export_pdf(
        &self,
        document: Document,
        world: &GongwenWorld,
        doc: &typst_layout::PagedDocument,
        name: &str,
        warnings: &mut Vec<Diagnostic>,
        options: &Options,
    ) -> Result<(Vec<u8>, Option<Arc<FillableForm>>), Diagnostics> {
        let edition = &self.loaded.edition;
        let ident = self.ident(name);
        let pdf = export::pdf::pdf(world, doc, &ident, edition.date, &options.standards)?;
        // Only an attachment with blanks (a form, a fillable table) gets fields.
        let Some(model) = (match document {
            Document::Attachment(n) => edition.form(n),
            Document::Notice => None,
        }) else {
            return Ok((pdf, None));
        };
        let n = model.number;
        if options.accessible() {
            // PDF/UA wants every field in the structure tree, which Typst's tags do not give
            // us: the form is written for print, without fields.
            let file = edition.dir.join(&model.file);
            warnings.push(Diagnostic {
                severity: crate::diag::Severity::Warning,
                ..Diagnostic::file_error(&file, crate::i18n::export::ua_form_without_fields().text())
            });
            return Ok((pdf, None));
        }
        let form = self.fillable(n, doc, pdf, !options.archival())?;
        Ok((form.blank().to_vec(), Some(Arc::new(form))))
    }

    /// Makes attachment `n`'s compiled form fillable, checking that the template laid out
    /// exactly the model's blanks.
    fn fillable(&self, n: usize, doc: &typst_layout::PagedDocument, pdf: Vec<u8>, scripts: bool) -> Result<FillableForm, Diagnostics> {
        let model = self.loaded.edition.form(n).expect("an attachment with blanks");
        let fail = |m: String| Diagnostics(vec![Diagnostic::file_error(&self.loaded.edition.dir.join(&model.file), m)]);
        let boxes = self.laid_out_blanks(n, doc)?;
        let (font, data) = self.field_font().map_err(fail)?;
        // What the field font lacks is drawn from the other shipped fonts.
        Ok(FillableForm::new(pdf, boxes, font, data, scripts)
            .map_err(fail)?
            .with_fallbacks(self.fonts.fallback_faces(FIELD_FONT_FAMILY)))
    }

    /// The blanks of attachment `n` as laid out, which must be exactly the model's.
    fn laid_out_blanks(&self, n: usize, doc: &typst_layout::PagedDocument) -> Result<Vec<forms::FieldBox>, Diagnostics> {
        let model = self.loaded.edition.form(n).expect("an attachment with blanks");
        let fail = |m: String| Diagnostics(vec![Diagnostic::file_error(&self.loaded.edition.dir.join(&model.file), m)]);
        let boxes = forms::field_boxes(doc).map_err(fail)?;
        let mut found: Vec<String> = boxes.iter().map(|b| b.name.clone()).collect();
        let mut want: Vec<String> = model.field_names().map(str::to_string).collect();
        found.sort();
        want.sort();
        if found != want {
            return Err(fail(crate::i18n::export::form_blanks_differ(format!("{found:?}"), format!("{want:?}")).text()));
        }
        Ok(boxes)
    }

    /// Checks every document without exporting any (what `gongwen check` does after
    /// [`check`]): each template evaluated with the edition, its errors and warnings. The
    /// built-in templates are laid out by every build the project tests, so an edition that
    /// loads and evaluates lays out; a templates folder (`--templates`) may fail anywhere, so
    /// its documents are laid out too and a form's blanks compared with the model's. Returns
    /// the number of documents checked and the warnings.
    pub fn check_documents(&self, options: &Options) -> Result<(usize, Vec<Diagnostic>), Diagnostics> {
        let layout = matches!(options.templates, Templates::Dir(_));
        let documents = self.documents();
        let one = |document: Document| -> Result<Vec<Diagnostic>, Diagnostics> {
            let world = self.world(document, options)?;
            if !layout {
                return typeset::evaluate(&world);
            }
            let (doc, warnings) = typeset::compile(&world)?;
            if let Document::Attachment(n) = document
                && self.loaded.edition.form(n).is_some()
            {
                self.laid_out_blanks(n, &doc)?;
            }
            Ok(warnings)
        };
        let results: Vec<_> = if layout {
            std::thread::scope(|s| {
                let handles: Vec<_> = documents.iter().map(|&d| s.spawn(move || one(d))).collect();
                handles.into_iter().map(|h| h.join().expect("a check thread panicked")).collect()
            })
        } else {
            documents.iter().map(|&d| one(d)).collect()
        };
        let (mut warnings, mut errors) = (Vec::new(), Vec::new());
        for r in results {
            match r {
                Ok(w) => warnings.extend(w),
                Err(Diagnostics(d)) => errors.extend(d),
            }
        }
        if !errors.is_empty() {
            errors.dedup();
            return Err(Diagnostics(errors));
        }
        warnings.dedup();
        Ok((documents.len(), warnings))
    }

    /// The field font, subset once per process.
    fn field_font(&self) -> Result<(Arc<FieldFont>, FontData), String> {
        let data = self
            .fonts
            .file_data(FIELD_FONT_FAMILY)
            .ok_or_else(|| crate::i18n::export::no_field_font(FIELD_FONT_FAMILY).text())?;
        let mut chars = base_charset().clone();
        chars.extend(crate::fill::edition_units_chars(&self.loaded.edition.dir));
        let font = self.fonts.field_font(&chars, || {
            // Kept in the cache folder, by the font file and the characters: the same subset
            // for every build until one of them changes.
            let Some(identity) = self.fonts.file_identity(FIELD_FONT_FAMILY) else {
                return FieldFont::new(data.as_slice(), 0, &chars);
            };
            let key = typst::utils::hash128(&(env!("CARGO_PKG_VERSION"), FieldFont::LAYOUT, identity, &chars));
            if let Some(font) = crate::cache::read("field-font", key).and_then(|b| FieldFont::from_bytes(&b)) {
                return Ok(font);
            }
            let font = FieldFont::new(data.as_slice(), 0, &chars)?;
            crate::cache::write("field-font", key, &font.to_bytes());
            Ok(font)
        })?;
        Ok((font, Arc::new(data)))
    }

    /// Renders every document, side by side on the machine's cores.
    pub fn render_all(&self, options: &Options) -> Result<(Vec<Output>, Vec<Diagnostic>), Diagnostics> {
        self.render_each(options, false, &|_| Ok(()))
    }

    /// Renders every document side by side, handing each to `done` as soon as it is ready.
    ///
    /// The documents are tasks of the thread pool (rayon's) that Typst lays pages out in: as
    /// many threads as cores, each taking work where there is some. Threads of our own beside
    /// that pool would be more threads than cores, and the pool's idle threads spin a while
    /// before they sleep, taking a core from the documents.
    ///
    /// `notice_first`: the notice alone first, with every core for its pages, then the others
    /// (for `watch`, where the notice is what was edited and the forms are mostly reused).
    fn render_each(
        &self,
        options: &Options,
        notice_first: bool,
        done: &(dyn Fn(&Output) -> Result<(), Diagnostics> + Sync),
    ) -> Result<(Vec<Output>, Vec<Diagnostic>), Diagnostics> {
        use rayon::prelude::*;
        let one = |d: Document| -> Result<(Output, Vec<Diagnostic>), Diagnostics> {
            let (output, warnings) = self.render(d, options)?;
            done(&output)?;
            Ok((output, warnings))
        };
        let documents = self.documents();
        let (first, rest) = documents.split_at(usize::from(notice_first));
        let mut results: Vec<Result<(Output, Vec<Diagnostic>), Diagnostics>> = first.iter().map(|&d| one(d)).collect();
        results.extend(rest.par_iter().map(|&d| one(d)).collect::<Vec<_>>());
        let mut outputs = Vec::new();
        let mut warnings = Vec::new();
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok((o, w)) => {
                    outputs.push(o);
                    warnings.extend(w);
                }
                Err(Diagnostics(d)) => errors.extend(d),
            }
        }
        if !errors.is_empty() {
            errors.dedup();
            return Err(Diagnostics(errors));
        }
        warnings.dedup();
        Ok((outputs, warnings))
    }
}

/// Renders every document of a checked edition and writes them into `out`. Nothing is
/// written unless every document rendered.
pub fn build(checked: &Checked, out: &Path, options: &Options) -> Result<(Vec<Written>, Vec<Diagnostic>), Diagnostics> {
    let (outputs, warnings) = checked.render_all(options)?;
    let mut written = Vec::new();
    for o in &outputs {
        written.extend(write_output(o, out, true)?);
    }
    Ok((written, warnings))
}

/// [`build`] for `watch`: the notice first, and each document's files written the moment
/// that document is rendered (the notice does not wait for the forms), renamed into place but not synced to
/// the disk (a preview, made again at the next save). A document that fails leaves the
/// others written.
pub fn build_as_ready(checked: &Checked, out: &Path, options: &Options) -> Result<(Vec<Written>, Vec<Diagnostic>), Diagnostics> {
    let (outputs, warnings) = checked.render_each(options, true, &|o| write_output(o, out, false).map(drop))?;
    let written = outputs
        .iter()
        .flat_map(|o| o.files.iter().map(|f| (out.join(&f.name), if f.format.paged() { o.pages } else { 0 })))
        .collect();
    Ok((written, warnings))
}

/// Writes a document's files into `out` (those taken unchanged from the cache only if they
/// are not there), each through a temporary file and a rename; `sync`: waits for the disk.
fn write_output(o: &Output, out: &Path, sync: bool) -> Result<Vec<Written>, Diagnostics> {
    let mut written = Vec::new();
    for f in &o.files {
        let path = out.join(&f.name);
        if o.fresh || !path.is_file() {
            write_atomic_with(&path, &f.bytes, sync).map_err(|e| Diagnostics(vec![Diagnostic::file_error(&path, crate::i18n::cli::cannot_write(e).text())]))?;
        }
        // A spreadsheet has no pages.
        written.push((path, if f.format.paged() { o.pages } else { 0 }));
    }
    Ok(written)
}
