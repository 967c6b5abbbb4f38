//! The Typst world gongwen compiles in: a sandbox that serves the templates, one edition's
//! folder and the project's fonts, and nothing else. No other path on disk, no package, no
//! network; the date is the edition's signing date, so output never depends on the clock.
//!
//! Virtual layout, the same as a stock `typst compile --root .` sees with
//! `--input edition=data/2015`, except that the edition is always served at `/edition`:
//!
//! ```text
//! /templates/*.typ   the templates (built into the binary, or a folder given with --templates)
//! /edition/*         the edition's folder
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::FontSet;
use crate::script::Script;

/// The templates built into the binary, so that an installed `gongwen` needs no checkout.
const EMBEDDED: &[(&str, &str)] = &[
    ("gbt9704.typ", include_str!("../../templates/gbt9704.typ")),
    ("form.typ", include_str!("../../templates/form.typ")),
    ("notice.typ", include_str!("../../templates/notice.typ")),
    ("attachment.typ", include_str!("../../templates/attachment.typ")),
    ("attachments.typ", include_str!("../../templates/attachments.typ")),
];

/// Where the templates come from.
#[derive(Debug, Clone, Default)]
pub enum Templates {
    /// The copies built into the binary.
    #[default]
    Embedded,
    /// A folder, for template authors trying changes without rebuilding.
    Dir(PathBuf),
}

impl Templates {
    /// Checks that a templates folder holds every template gongwen compiles (the built-in
    /// copies always do): a mistyped `--templates` is an error, not a build without fonts.
    pub fn check(&self) -> Result<(), String> {
        let Templates::Dir(dir) = self else { return Ok(()) };
        if !dir.is_dir() {
            return Err(crate::i18n::typeset::no_templates_folder(dir.display()).text());
        }
        let missing: Vec<&str> = EMBEDDED.iter().map(|(name, _)| *name).filter(|name| !dir.join(name).is_file()).collect();
        if !missing.is_empty() {
            return Err(crate::i18n::typeset::templates_missing(dir.display(), missing.join(", ")).text());
        }
        Ok(())
    }

    /// The text of every template, to see which font families they name.
    pub fn sources(&self) -> Vec<String> {
        match self {
            Templates::Embedded => EMBEDDED.iter().map(|(_, t)| t.to_string()).collect(),
            Templates::Dir(dir) => std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .flatten()
                        .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
                        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// Which document of the edition to compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// The notice with its attachments.
    Notice,
    /// Attachment N alone, 1-based.
    Attachment(usize),
}

impl Document {
    /// The name of the document's files without extension: `notice`, `attachment-1`.
    pub fn stem(self) -> String {
        match self {
            Document::Notice => "notice".to_string(),
            Document::Attachment(n) => format!("attachment-{n}"),
        }
    }

    fn main(self) -> &'static str {
        match self {
            Document::Notice => "/templates/notice.typ",
            Document::Attachment(_) => "/templates/attachment.typ",
        }
    }
}

/// A sandboxed Typst world for one document of one edition.
pub struct GongwenWorld {
    library: LazyHash<Library>,
    fonts: Arc<FontSet>,
    main: FileId,
    templates: Templates,
    edition: PathBuf,
    script: Script,
    today: Datetime,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
}

impl GongwenWorld {
    /// A world for `document` of the edition in `edition`, dated `today`.
    pub fn new(
        fonts: Arc<FontSet>,
        templates: Templates,
        edition: &Path,
        document: Document,
        script: Script,
        today: chrono::NaiveDate,
    ) -> std::io::Result<Self> {
        use chrono::Datelike;
        let mut inputs = Dict::new();
        inputs.insert("edition".into(), "edition".into_value());
        inputs.insert("script".into(), script.name().into_value());
        if let Document::Attachment(n) = document {
            inputs.insert("attachment".into(), n.to_string().into_value());
        }
        let library = Library::builder().with_inputs(inputs).build();
        let main = file_id(document.main());
        let today = Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8).expect("a valid chrono date is a valid Typst date");
        Ok(Self {
            library: LazyHash::new(library),
            fonts,
            main,
            templates,
            edition: edition.canonicalize()?,
            script,
            today,
            files: Mutex::new(HashMap::new()),
            sources: Mutex::new(HashMap::new()),
        })
    }

    /// The path on disk a file id stands for, if it is one the sandbox serves from disk.
    pub fn disk_path(&self, id: FileId) -> Option<PathBuf> {
        let path = id.get();
        let rel = path.vpath().get_without_slash();
        if let Some(rest) = rel.strip_prefix("edition/") {
            return Some(self.edition.join(rest));
        }
        match (&self.templates, rel.strip_prefix("templates/")) {
            (Templates::Dir(dir), Some(rest)) => Some(dir.join(rest)),
            (Templates::Embedded, Some(_)) => Some(PathBuf::from(rel)),
            _ => None,
        }
    }

    /// A file's bytes, in the world's script: the edition's text and the templates' own words
    /// (附件, 联系人, 说明 …) are converted, and nothing else is.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        let bytes = self.read_raw(id)?;
        let text_file = matches!(id.vpath().extension(), Some("toml" | "typ" | "csv" | "json" | "txt"));
        if self.script == Script::Hans || !text_file {
            return Ok(bytes);
        }
        let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Bytes::from_string(self.script.convert(text).into_owned()))
    }

    fn read_raw(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        if *rooted.root() != VirtualRoot::Project {
            return Err(FileError::Other(Some(crate::i18n::typeset::no_packages().text().into())));
        }
        let rel = rooted.vpath().get_without_slash();
        if let Some(name) = rel.strip_prefix("templates/") {
            return match &self.templates {
                Templates::Embedded => EMBEDDED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, text)| Bytes::from_string(*text))
                    .ok_or_else(|| FileError::NotFound(PathBuf::from(rel))),
                Templates::Dir(dir) => read_inside(dir, &VirtualPath::new(name).map_err(|_| FileError::AccessDenied)?),
            };
        }
        if rel.starts_with("edition/") {
            let inner = VirtualPath::new(&rel["edition".len()..]).map_err(|_| FileError::AccessDenied)?;
            return read_inside(&self.edition, &inner);
        }
        Err(FileError::AccessDenied)
    }
}

/// Reads `vpath` below `root`, refusing anything that resolves outside it (a `..` or a
/// symbolic link out).
fn read_inside(root: &Path, vpath: &VirtualPath) -> FileResult<Bytes> {
    let path = vpath.realize(root).map_err(FileError::Realize)?;
    let real = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
    let root = root.canonicalize().map_err(|e| FileError::from_io(e, root))?;
    if !real.starts_with(&root) {
        return Err(FileError::AccessDenied);
    }
    if real.is_dir() {
        return Err(FileError::IsDirectory);
    }
    std::fs::read(&real).map(Bytes::new).map_err(|e| FileError::from_io(e, &path))
}

/// A built-in template, parsed once per process and script: every document's world (and
/// every build of `watch`) shares it, so Typst's memoised evaluation of it is reused too.
fn embedded_source(id: FileId, script: Script, read: impl FnOnce() -> FileResult<Bytes>) -> FileResult<Source> {
    type Parsed = HashMap<(FileId, Script), FileResult<Source>>;
    static PARSED: std::sync::LazyLock<Mutex<Parsed>> = std::sync::LazyLock::new(Default::default);
    let mut parsed = PARSED.lock().expect("template cache poisoned");
    parsed
        .entry((id, script))
        .or_insert_with(|| {
            let bytes = read()?;
            let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.to_string()))
        })
        .clone()
}

/// The file id of a project path such as `/templates/notice.typ`.
pub fn file_id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("a valid virtual path")).intern()
}

impl World for GongwenWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if matches!(self.templates, Templates::Embedded) && id.vpath().get_without_slash().starts_with("templates/") {
            return embedded_source(id, self.script, || self.file(id));
        }
        let mut sources = self.sources.lock().expect("source cache poisoned");
        sources
            .entry(id)
            .or_insert_with(|| {
                let bytes = self.file(id)?;
                let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text.to_string()))
            })
            .clone()
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let mut files = self.files.lock().expect("file cache poisoned");
        files.entry(id).or_insert_with(|| self.read(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
