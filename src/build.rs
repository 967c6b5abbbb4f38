//! The pipeline a command runs: check an edition, render its documents, write them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::{self, Loaded};
use crate::fonts::FontSet;
use crate::output::write_atomic;
use crate::render;
use crate::world::{Document, GongwenWorld, Templates};

/// Where the fonts and templates come from.
#[derive(Debug, Clone)]
pub struct Options {
    pub fonts: PathBuf,
    pub templates: Templates,
}

impl Default for Options {
    fn default() -> Self {
        Self { fonts: default_fonts_dir(), templates: Templates::Embedded }
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

/// An edition that passed every check, with the fonts to set it in.
pub struct Checked {
    pub loaded: Loaded,
    pub fonts: Arc<FontSet>,
    /// Warnings from loading and from the font coverage check.
    pub warnings: Vec<Diagnostic>,
}

/// Loads the edition in `dir` and checks it, fonts included.
pub fn check(dir: &Path, options: &Options) -> Result<Checked, Diagnostics> {
    let loaded = edition::load(dir)?;
    let fonts = FontSet::load(&options.fonts).map_err(|m| Diagnostics(vec![Diagnostic::file_error(&options.fonts, m)]))?;
    let mut warnings = loaded.warnings.clone();
    warnings.extend(fonts.check_coverage(&loaded.texts));
    if warnings.iter().any(Diagnostic::is_error) {
        warnings.sort_by_key(|d| !d.is_error());
        return Err(Diagnostics(warnings));
    }
    Ok(Checked { loaded, fonts: Arc::new(fonts), warnings })
}

/// One rendered document.
pub struct Output {
    /// The file name to write, such as `notice.pdf`.
    pub name: String,
    pub document: Document,
    pub pdf: Vec<u8>,
    pub pages: usize,
}

impl Checked {
    /// The documents an edition produces: the notice, then each attachment alone.
    pub fn documents(&self) -> Vec<Document> {
        std::iter::once(Document::Notice)
            .chain((1..=self.loaded.edition.forms.len()).map(Document::Attachment))
            .collect()
    }

    /// A world for one document of this edition.
    pub fn world(&self, document: Document, options: &Options) -> Result<GongwenWorld, Diagnostics> {
        let edition = &self.loaded.edition;
        GongwenWorld::new(self.fonts.clone(), options.templates.clone(), &edition.dir, document, edition.date)
            .map_err(|e| Diagnostics(vec![Diagnostic::file_error(&edition.dir, format!("cannot open the edition: {e}"))]))
    }

    /// Compiles and exports one document.
    pub fn render(&self, document: Document, options: &Options) -> Result<(Output, Vec<Diagnostic>), Diagnostics> {
        let world = self.world(document, options)?;
        let (doc, warnings) = render::compile(&world)?;
        let name = match document {
            Document::Notice => "notice.pdf".to_string(),
            Document::Attachment(n) => format!("attachment-{n}.pdf"),
        };
        let ident = format!("gongwen/{}/{}", self.loaded.edition.notice.head.number.render(), name);
        let pdf = render::pdf(&world, &doc, &ident, self.loaded.edition.date)?;
        Ok((Output { name, document, pages: doc.pages().len(), pdf }, warnings))
    }

    /// Renders every document, side by side on the machine's cores.
    pub fn render_all(&self, options: &Options) -> Result<(Vec<Output>, Vec<Diagnostic>), Diagnostics> {
        let results: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = self.documents().into_iter().map(|d| s.spawn(move || self.render(d, options))).collect();
            handles.into_iter().map(|h| h.join().expect("a render thread panicked")).collect()
        });
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
pub fn build(checked: &Checked, out: &Path, options: &Options) -> Result<(Vec<(PathBuf, usize)>, Vec<Diagnostic>), Diagnostics> {
    let (outputs, warnings) = checked.render_all(options)?;
    let mut written = Vec::new();
    for o in outputs {
        let path = out.join(&o.name);
        write_atomic(&path, &o.pdf).map_err(|e| Diagnostics(vec![Diagnostic::file_error(&path, format!("cannot write: {e}"))]))?;
        written.push((path, o.pages));
    }
    Ok((written, warnings))
}
