//! The edition as the page edits it, and its pages: each edit is merged into the files'
//! TOML (as saving would write it), checked as `gongwen check` checks, compiled in this
//! process and drawn as PNG by Typst's own renderer, from the same pages as the PDF.
//!
//! The edited files live in a private copy of the edition's folder (the sandboxed Typst world
//! reads an edition from a folder); the fonts stay loaded and Typst's memoised work carries
//! over from one preview to the next, so an edit recompiles only what it touched, and only
//! the pages that came out different are drawn again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use toml_edit::DocumentMut;

use super::save;
use super::schema::FileKind;
use crate::build::{self, Options};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::i18n::serve as msg;
use crate::typeset::fonts::FontSet;
use crate::typeset::{self, Document};

/// Pixels per point of the pages drawn: 1.5 gives an A4 page 893 pixels wide.
pub const PIXELS_PER_PT: f64 = 1.5;

/// How many drawn pages are kept for the page to fetch (each about 100 KB).
const KEEP_PAGES: usize = 400;

/// The largest edition folder copied for previews, in files and bytes.
const MAX_FILES: usize = 500;
const MAX_BYTES: u64 = 64 << 20;

/// One file of the edition that the page edits.
pub struct EditFile {
    /// Its name inside the edition: `notice.toml`, `attachment-1.toml`.
    pub name: String,
    pub kind: FileKind,
    /// The file as it is on disk.
    pub doc: DocumentMut,
    /// The hash of its bytes on disk, which a save must name.
    pub revision: String,
}

/// A page of the preview.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The hash of the page's content: the PNG's name, the same for the same page.
    pub id: String,
    pub width: f64,
    pub height: f64,
    /// The page's text in reading order, each run with its height on the page (0 to 1), so
    /// that the page can scroll to the text being edited.
    pub texts: Vec<(f64, String)>,
}

/// A problem found, for the field it concerns.
#[derive(Debug, Clone, Serialize)]
pub struct FieldProblem {
    /// The edition file, such as `notice.toml` (empty for a template or a font).
    pub file: String,
    /// The field's path, such as `body.sections[2].paragraphs[0]`; empty if unknown.
    pub field: String,
    pub line: usize,
    pub column: usize,
    pub error: bool,
    pub message: String,
}

/// What one preview gives.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// The pages: new ones, or the last good ones when this edit has errors.
    pub pages: Vec<PageView>,
    /// Whether the pages are of this edit (false: the last good ones).
    pub fresh: bool,
    pub problems: Vec<FieldProblem>,
    /// Milliseconds spent: merging and checking, compiling, drawing.
    pub took: [u128; 3],
    /// Pages drawn this time (the others were the same as before).
    pub drawn: usize,
}

/// An edition open for editing, with its pages.
pub struct Previewer {
    /// The edition's folder, resolved.
    pub edition: PathBuf,
    /// The folder as given on the command line, for messages.
    pub shown: PathBuf,
    pub files: Vec<EditFile>,
    options: Options,
    fonts: Arc<FontSet>,
    shadow: tempfile::TempDir,
    /// The text last written into the private copy, by file name.
    written: HashMap<String, String>,
    /// The JSON each file was last previewed from, and the TOML it merged into.
    merges: HashMap<String, (Value, String)>,
    pngs: HashMap<String, (u64, Arc<Vec<u8>>)>,
    tick: u64,
    last_good: Option<Vec<PageView>>,
}

/// The hash of a file's bytes, as the page's revision of it.
pub fn revision(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn fail(path: &Path, message: String) -> Diagnostics {
    Diagnostics(vec![Diagnostic::file_error(path, message)])
}

impl Previewer {
    /// Opens the edition in `dir`: its files as they are on disk, the fonts loaded, a private
    /// copy of the folder made. The edition need not be free of errors.
    pub fn open(dir: &Path, options: &Options) -> Result<Self, Diagnostics> {
        build::check_templates(options)?;
        let edition = dir.canonicalize().map_err(|e| fail(dir, crate::i18n::export::cannot_open_edition(e).text()))?;
        let fonts = FontSet::load_used(&options.fonts, &options.templates.sources()).map_err(|m| fail(&options.fonts, m))?;
        let shadow = tempfile::Builder::new()
            .prefix("gongwen-serve-")
            .tempdir()
            .map_err(|e| fail(dir, e.to_string()))?;
        copy_folder(&edition, shadow.path()).map_err(|e| fail(dir, e.to_string()))?;
        let mut previewer = Self {
            edition,
            shown: dir.to_path_buf(),
            files: Vec::new(),
            options: options.clone(),
            fonts: Arc::new(fonts),
            shadow,
            written: HashMap::new(),
            merges: HashMap::new(),
            pngs: HashMap::new(),
            tick: 0,
            last_good: None,
        };
        previewer.reload()?;
        Ok(previewer)
    }

    /// Reads the edition's files from disk again: `notice.toml` and the attachments it lists.
    pub fn reload(&mut self) -> Result<(), Diagnostics> {
        let mut files = vec![self.read_file("notice.toml", FileKind::Notice)?];
        let names: Vec<String> = files[0]
            .doc
            .get("closing")
            .and_then(|c| c.get("attachments"))
            .and_then(|a| a.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        for name in names {
            if !plain_name(&name) || files.iter().any(|f| f.name == name) || !self.edition.join(&name).is_file() {
                continue; // `check` reports it at its place.
            }
            let kind = self.read_file(&name, FileKind::Form)?;
            let kind = match kind.doc.get("kind").and_then(|k| k.as_str()) {
                Some("text") => FileKind::Text,
                Some("table") => FileKind::Table,
                _ => FileKind::Form,
            };
            files.push(self.read_file(&name, kind)?);
        }
        for f in &files {
            let text = f.doc.to_string();
            self.write_shadow(&f.name, &text)?;
        }
        self.files = files;
        self.merges.clear();
        Ok(())
    }

    fn read_file(&self, name: &str, kind: FileKind) -> Result<EditFile, Diagnostics> {
        let path = self.disk_path(name)?;
        let bytes = std::fs::read(&path).map_err(|e| fail(&self.shown.join(name), crate::i18n::edition::cannot_read(e).text()))?;
        let text = String::from_utf8_lossy(&bytes);
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            let span = e.span().unwrap_or(0..0);
            Diagnostics(vec![Diagnostic::error(&self.shown.join(name), &text, span, "", e.message().to_string())])
        })?;
        Ok(EditFile {
            name: name.to_string(),
            kind,
            doc,
            revision: revision(&bytes),
        })
    }

    /// The path of an edition file, refusing one that resolves outside the edition.
    fn disk_path(&self, name: &str) -> Result<PathBuf, Diagnostics> {
        let path = self.edition.join(name);
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.edition) && plain_name(name) => Ok(path),
            Ok(_) => Err(fail(&self.shown.join(name), msg::unknown_file(name).zh)),
            Err(e) => Err(fail(&self.shown.join(name), crate::i18n::edition::cannot_read(e).text())),
        }
    }

    fn write_shadow(&mut self, name: &str, text: &str) -> Result<(), Diagnostics> {
        if self.written.get(name).is_some_and(|t| t == text) {
            return Ok(());
        }
        let path = self.shadow.path().join(name);
        std::fs::write(&path, text).map_err(|e| fail(&path, e.to_string()))?;
        self.written.insert(name.to_string(), text.to_string());
        Ok(())
    }

    /// The file named `name`, if the page edits it.
    pub fn file(&self, name: &str) -> Option<&EditFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Each file's TOML with the page's edits merged in, or the problems of the edits.
    pub fn merged(&self, edits: &[(String, Value)]) -> Result<Vec<(String, String)>, Vec<FieldProblem>> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for (name, json) in edits {
            let Some(file) = self.file(name) else {
                problems.push(problem(name, "", msg::unknown_file(name).zh));
                continue;
            };
            let mut doc = file.doc.clone();
            match save::merge(&mut doc, json) {
                Ok(()) => out.push((name.clone(), doc.to_string())),
                Err(m) => problems.push(problem(name, m.split('：').next().unwrap_or_default(), m.clone())),
            }
        }
        if problems.is_empty() { Ok(out) } else { Err(problems) }
    }

    /// The pages of the edition with the page's `edits` (file name, the file as JSON).
    pub fn preview(&mut self, edits: &[(String, Value)]) -> Preview {
        let start = Instant::now();
        let stale = |this: &Self, problems, took| Preview {
            pages: this.last_good.clone().unwrap_or_default(),
            fresh: false,
            problems,
            took,
            drawn: 0,
        };
        // A file whose JSON is what it was last time merges into the same TOML.
        type Edit<'a> = &'a (String, Value);
        let (same, todo): (Vec<Edit>, Vec<Edit>) = edits.iter().partition(|(name, json)| self.merges.get(name).is_some_and(|(j, _)| j == json));
        let todo: Vec<(String, Value)> = todo.into_iter().cloned().collect();
        let mut merged = match self.merged(&todo) {
            Ok(m) => m,
            Err(problems) => return stale(self, problems, [start.elapsed().as_millis(), 0, 0]),
        };
        for ((name, json), (_, text)) in todo.iter().zip(&merged) {
            self.merges.insert(name.clone(), (json.clone(), text.clone()));
        }
        merged.extend(same.into_iter().map(|(name, _)| (name.clone(), self.merges[name].1.clone())));
        for (name, text) in &merged {
            if let Err(d) = self.write_shadow(name, text) {
                return stale(self, self.problems(&d.0), [start.elapsed().as_millis(), 0, 0]);
            }
        }
        let checked = match build::check_with_fonts(self.shadow.path(), &self.options, self.fonts.clone()) {
            Ok(c) => c,
            Err(d) => return stale(self, self.problems(&d.0), [start.elapsed().as_millis(), 0, 0]),
        };
        let checking = start.elapsed().as_millis();
        let compiled = checked.world(Document::Notice, &self.options).and_then(|world| typeset::compile(&world));
        comemo::evict(30);
        let (doc, warnings) = match compiled {
            Ok(c) => c,
            Err(d) => return stale(self, self.problems(&d.0), [checking, start.elapsed().as_millis() - checking, 0]),
        };
        let compiling = start.elapsed().as_millis() - checking;
        let (pages, drawn) = self.draw(doc.pages());
        self.last_good = Some(pages.clone());
        let mut all = checked.warnings.clone();
        all.extend(warnings);
        Preview {
            pages,
            fresh: true,
            problems: self.problems(&all),
            took: [checking, compiling, start.elapsed().as_millis() - checking - compiling],
            drawn,
        }
    }

    /// Draws the pages not drawn before, two at a time (the machine's cores).
    fn draw(&mut self, pages: &[typst_layout::Page]) -> (Vec<PageView>, usize) {
        self.tick += 1;
        let ids: Vec<String> = pages.iter().map(|p| format!("{:032x}", typst::utils::hash128(p))).collect();
        let todo: Vec<usize> = (0..pages.len()).filter(|&i| !self.pngs.contains_key(&ids[i])).collect();
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).max(1);
        let drawn: Vec<(usize, Vec<u8>)> = std::thread::scope(|s| {
            let chunks: Vec<Vec<usize>> = (0..threads).map(|t| todo.iter().copied().skip(t).step_by(threads).collect()).collect();
            let handles: Vec<_> = chunks
                .into_iter()
                .map(|chunk| s.spawn(move || chunk.into_iter().filter_map(|i| png(&pages[i]).map(|b| (i, b))).collect::<Vec<_>>()))
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
        });
        let count = drawn.len();
        for (i, bytes) in drawn {
            self.pngs.insert(ids[i].clone(), (self.tick, Arc::new(bytes)));
        }
        for id in &ids {
            if let Some(entry) = self.pngs.get_mut(id) {
                entry.0 = self.tick;
            }
        }
        if self.pngs.len() > KEEP_PAGES {
            let mut ticks: Vec<u64> = self.pngs.values().map(|(t, _)| *t).collect();
            ticks.sort_unstable();
            let cut = ticks[self.pngs.len() - KEEP_PAGES];
            self.pngs.retain(|_, (t, _)| *t >= cut);
        }
        let views = pages
            .iter()
            .zip(ids)
            .map(|(page, id)| {
                let size = page.frame.size();
                let mut texts = Vec::new();
                collect_text(&page.frame, typst::layout::Point::zero(), size.y.to_pt(), &mut texts);
                PageView {
                    id,
                    width: size.x.to_pt(),
                    height: size.y.to_pt(),
                    texts,
                }
            })
            .collect();
        (views, count)
    }

    /// A page drawn as PNG, by its id, if it was drawn lately.
    pub fn png(&self, id: &str) -> Option<Arc<Vec<u8>>> {
        self.pngs.get(id).map(|(_, b)| b.clone())
    }

    /// Diagnostics as problems of the page's files: a path in the private copy becomes the
    /// file's name.
    fn problems(&self, diags: &[Diagnostic]) -> Vec<FieldProblem> {
        let shadow = self.shadow.path();
        let real = shadow.canonicalize().unwrap_or_else(|_| shadow.to_path_buf());
        diags
            .iter()
            .map(|d| {
                let file = d
                    .file
                    .strip_prefix(shadow)
                    .or_else(|_| d.file.strip_prefix(&real))
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let message = d
                    .message
                    .replace(&*real.to_string_lossy(), &self.shown.to_string_lossy())
                    .replace(&*shadow.to_string_lossy(), &self.shown.to_string_lossy());
                FieldProblem {
                    file,
                    field: d.field.clone(),
                    line: d.line,
                    column: d.column,
                    error: d.severity == Severity::Error,
                    message,
                }
            })
            .collect()
    }

    /// Writes the page's edits to the edition's files, each only if it is still the revision
    /// the page was given (else nothing is written). Gives each file's new revision.
    pub fn save(&mut self, edits: &[(String, String, Value)]) -> Result<Vec<(String, String)>, SaveError> {
        for (name, rev, _) in edits {
            let path = self.disk_path(name).map_err(|_| SaveError::Refused(msg::unknown_file(name).zh))?;
            if self.file(name).is_none() {
                return Err(SaveError::Refused(msg::unknown_file(name).zh));
            }
            let bytes = std::fs::read(&path).map_err(|e| SaveError::Refused(msg::cannot_save(name, e).zh))?;
            if revision(&bytes) != *rev {
                return Err(SaveError::Changed(msg::changed_meanwhile(name).zh));
            }
        }
        let plain: Vec<(String, Value)> = edits.iter().map(|(n, _, j)| (n.clone(), j.clone())).collect();
        let merged = self
            .merged(&plain)
            .map_err(|p| SaveError::Refused(p.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("\n")))?;
        let mut out = Vec::new();
        for (name, text) in merged {
            let path = self.edition.join(&name);
            crate::output::write_atomic(&path, text.as_bytes()).map_err(|e| SaveError::Refused(msg::cannot_save(&name, e).zh))?;
            let rev = revision(text.as_bytes());
            if let Some(f) = self.files.iter_mut().find(|f| f.name == name) {
                f.doc = text.parse().unwrap_or_else(|_| f.doc.clone());
                f.revision = rev.clone();
            }
            let _ = self.write_shadow(&name, &text);
            self.merges.remove(&name);
            out.push((name, rev));
        }
        Ok(out)
    }

    /// The options the edition is built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The fonts, loaded once.
    pub fn fonts(&self) -> Arc<FontSet> {
        self.fonts.clone()
    }
}

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// A file changed on disk since the page had it.
    Changed(String),
    Refused(String),
}

fn problem(file: &str, field: &str, message: String) -> FieldProblem {
    FieldProblem {
        file: file.to_string(),
        field: field.to_string(),
        line: 0,
        column: 0,
        error: true,
        message,
    }
}

/// A file name with no folder in it.
pub fn plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != ".." && !name.starts_with('.')
}

fn png(page: &typst_layout::Page) -> Option<Vec<u8>> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(PIXELS_PER_PT),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    // The page is drawn on white (Typst's raster default): every pixel is opaque, so its
    // colour is the premultiplied colour, and RGB is enough. Encoded with png's fast DEFLATE
    // (fdeflate), about three times faster than tiny-skia's default for a file 20% larger.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&rgb).ok()?;
    writer.finish().ok()?;
    Some(out)
}

/// The text runs of a frame with their heights (0 at the top, 1 at the bottom of the page).
fn collect_text(frame: &typst::layout::Frame, at: typst::layout::Point, height: f64, out: &mut Vec<(f64, String)>) {
    use typst::layout::FrameItem;
    for (pos, item) in frame.items() {
        let here = at + *pos;
        match item {
            FrameItem::Group(g) => {
                let t = g.transform;
                let moved = here + typst::layout::Point::new(t.tx, t.ty);
                collect_text(&g.frame, moved, height, out);
            }
            FrameItem::Text(t) => {
                let y = (here.y.to_pt() / height).clamp(0.0, 1.0);
                match out.last_mut() {
                    Some((last, s)) if (*last - y).abs() * height < 1.0 => s.push_str(&t.text),
                    _ => out.push((y, t.text.to_string())),
                }
            }
            _ => {}
        }
    }
}

/// Copies the edition's folder (its files and sub-folders, not links out of it) for previews.
fn copy_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    let (mut files, mut bytes) = (0usize, 0u64);
    let mut stack = vec![(from.to_path_buf(), to.to_path_buf())];
    while let Some((src, dst)) = stack.pop() {
        std::fs::create_dir_all(&dst)?;
        for entry in std::fs::read_dir(&src)?.flatten() {
            let kind = entry.file_type()?;
            let target = dst.join(entry.file_name());
            if kind.is_dir() {
                stack.push((entry.path(), target));
            } else if kind.is_file() {
                files += 1;
                bytes += entry.metadata()?.len();
                if files > MAX_FILES || bytes > MAX_BYTES {
                    return Ok(());
                }
                std::fs::copy(entry.path(), target)?;
            }
        }
    }
    Ok(())
}
