//! The fonts in the project's `fonts/` folder: discovered with fontdb, memory-mapped, parsed
//! only when a document uses them. No system font is ever looked at, so the same edition gives
//! the same PDF on every machine.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo, FontStretch, FontStyle, FontVariant, FontWeight};
use typst::utils::LazyHash;

use crate::diag::{Diagnostic, Severity};
use crate::edition::PrintedText;
use crate::export::forms::font::FieldFont;
use crate::i18n::typeset as msg;
use crate::script::Script;

/// The typefaces GB/T 9704 names, and the font that sets each in `templates/gbt9704.typ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 仿宋: body text and everything not named otherwise.
    Fangsong,
    /// 黑体: level-1 headings, 附件N, 密级.
    Heiti,
    /// 楷体: level-2 headings, 签发人 names.
    Kaiti,
    /// 小标宋: the organ mark and titles (Noto Serif CJK SC Black stands in).
    Xiaobiaosong,
}

impl Role {
    /// The font families, first choice then fallback, as the template lists them for
    /// `script` (the Fandol fonts have no Traditional characters; cwTeX's have).
    pub fn families(self, script: Script) -> [&'static str; 2] {
        match (self, script) {
            (Role::Fangsong, Script::Hans) => ["FandolFang R", "Noto Serif SC"],
            (Role::Heiti, Script::Hans) => ["FandolHei", "Noto Sans SC"],
            (Role::Kaiti, Script::Hans) => ["FandolKai", "Noto Serif SC"],
            (Role::Xiaobiaosong, Script::Hans) => ["Noto Serif CJK SC", "Noto Serif SC"],
            (Role::Fangsong, Script::Hant) => ["cwTeXFangSong", "Noto Serif SC"],
            (Role::Heiti, Script::Hant) => ["Noto Sans SC", "Noto Serif SC"],
            (Role::Kaiti, Script::Hant) => ["cwTeXKai", "Noto Serif SC"],
            (Role::Xiaobiaosong, Script::Hant) => ["Noto Serif CJK TC", "Noto Serif SC"],
        }
    }

    fn weight(self) -> FontWeight {
        match self {
            Role::Xiaobiaosong => FontWeight::from_number(900),
            _ => FontWeight::REGULAR,
        }
    }

    /// The Chinese name of the typeface.
    pub fn name(self) -> &'static str {
        match self {
            Role::Fangsong => "仿宋",
            Role::Heiti => "黑体",
            Role::Kaiti => "楷体",
            Role::Xiaobiaosong => "小标宋",
        }
    }
}

/// Every face found in the fonts folder, in a fixed order (by file name, then face index).
pub struct FontSet {
    dir: PathBuf,
    book: LazyHash<FontBook>,
    slots: Vec<Slot>,
    /// Form-field font subsets made so far, by their character set: subsetting takes a tenth
    /// of a second, and a long-lived process (watch, a benchmark) makes the same one again.
    field_fonts: Mutex<Vec<(BTreeSet<char>, Arc<FieldFont>)>>,
    /// Whether a face (by its index in the book) has a character, as looked up so far:
    /// Typst's coverage is a list of runs searched from its start, and `watch` checks the
    /// same text again at every save.
    covers: Mutex<std::collections::HashMap<(usize, char), bool>>,
}

struct Slot {
    path: PathBuf,
    data: Bytes,
    index: u32,
    font: OnceLock<Option<Font>>,
}

/// The bytes of a memory-mapped font file, shared by its faces.
struct Mapped(Arc<dyn AsRef<[u8]> + Send + Sync>);

impl AsRef<[u8]> for Mapped {
    fn as_ref(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

impl FontSet {
    /// Finds the faces in `dir` whose family the templates name (`sources`, the templates'
    /// text, with their family names in quotes), and the form fields' family. Parsing a
    /// face's metadata is most of the cost of loading fonts, and the shipped collection has
    /// Japanese and Korean faces no template uses.
    ///
    /// What was found is kept in the cache folder ([`crate::cache`]), keyed by the folder's
    /// files (names, sizes, modification times) and the templates: the next run maps the
    /// files it names and parses nothing.
    pub fn load_used(dir: &Path, sources: &[String]) -> Result<Self, String> {
        if !dir.is_dir() {
            return Err(msg::no_fonts_folder(dir.display()).text());
        }
        let key = listing(dir).map(|files| typst::utils::hash128(&(FACES_LAYOUT, files, sources)));
        if let Some(found) = key.and_then(|k| crate::cache::read("font-faces", k)).and_then(|b| Self::from_kept(dir, &b)) {
            return Ok(found);
        }
        let named = |families: &[String]| {
            families
                .iter()
                .any(|f| f == crate::export::forms::font::FIELD_FONT_FAMILY || sources.iter().any(|s| s.contains(&format!("\"{f}"))))
        };
        let found = Self::load_filtered(dir, &named)?;
        if let Some(key) = key
            && let Ok(kept) = serde_json::to_vec(&found.kept())
        {
            crate::cache::write("font-faces", key, &kept);
        }
        Ok(found)
    }

    /// What [`FontSet::load_used`] keeps: each face's file (relative to the folder), index and
    /// Typst's metadata, in the book's order.
    fn kept(&self) -> Vec<(String, u32, FontInfo)> {
        (0..self.slots.len())
            .filter_map(|i| {
                let slot = &self.slots[i];
                let rel = slot.path.strip_prefix(&self.dir).ok()?.to_str()?.to_string();
                Some((rel, slot.index, self.book.info(i)?.clone()))
            })
            .collect()
    }

    /// A font set from what [`FontSet::kept`] wrote, its files mapped; `None` if it cannot be.
    fn from_kept(dir: &Path, kept: &[u8]) -> Option<Self> {
        let kept: Vec<(String, u32, FontInfo)> = serde_json::from_slice(kept).ok()?;
        let mut files: BTreeMap<String, Bytes> = BTreeMap::new();
        let mut infos = Vec::new();
        let mut slots = Vec::new();
        for (rel, index, info) in kept {
            let path = dir.join(&rel);
            let data = match files.get(&rel) {
                Some(data) => data.clone(),
                None => {
                    let data = map(&path).ok()?;
                    files.insert(rel, data.clone());
                    data
                }
            };
            infos.push(info);
            slots.push(Slot {
                path,
                data,
                index,
                font: OnceLock::new(),
            });
        }
        (!slots.is_empty()).then(|| Self {
            dir: dir.to_path_buf(),
            book: LazyHash::new(FontBook::from_infos(infos)),
            slots,
            field_fonts: Mutex::new(Vec::new()),
            covers: Mutex::default(),
        })
    }

    fn load_filtered(dir: &Path, keep: &dyn Fn(&[String]) -> bool) -> Result<Self, String> {
        let mut db = fontdb::Database::new();
        db.load_fonts_dir(dir);
        let mut faces: Vec<_> = db
            .faces()
            .filter(|face| keep(&face.families.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>()))
            .filter_map(|face| match &face.source {
                fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => Some((path.clone(), face.index, face.id)),
                fontdb::Source::Binary(_) => None,
            })
            .collect();
        faces.sort();
        let mut files: BTreeMap<PathBuf, Bytes> = BTreeMap::new();
        let mut infos = Vec::new();
        let mut slots = Vec::new();
        for (path, index, id) in faces {
            let data = match files.get(&path) {
                Some(data) => data.clone(),
                None => {
                    let data = match db.face_source(id) {
                        Some((fontdb::Source::SharedFile(_, shared), _)) => Bytes::new(Mapped(shared)),
                        _ => map(&path)?,
                    };
                    files.insert(path.clone(), data.clone());
                    data
                }
            };
            let Some(info) = FontInfo::new(data.as_slice(), index) else { continue };
            infos.push(info);
            slots.push(Slot {
                path,
                data,
                index,
                font: OnceLock::new(),
            });
        }
        if slots.is_empty() {
            return Err(msg::no_fonts(dir.display()).text());
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            book: LazyHash::new(FontBook::from_infos(infos)),
            slots,
            field_fonts: Mutex::new(Vec::new()),
            covers: Mutex::default(),
        })
    }

    /// The form-field font for `chars`, made by `make` the first time it is asked for.
    pub fn field_font(&self, chars: &BTreeSet<char>, make: impl FnOnce() -> Result<FieldFont, String>) -> Result<Arc<FieldFont>, String> {
        let mut cache = self.field_fonts.lock().expect("field font cache poisoned");
        if let Some((_, font)) = cache.iter().find(|(c, _)| c == chars) {
            return Ok(font.clone());
        }
        let font = Arc::new(make()?);
        cache.push((chars.clone(), font.clone()));
        Ok(font)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// The face at `index` of the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| {
                let font = Font::new(slot.data.clone(), slot.index)?;
                // Typst identifies a face by a hash of its whole file (`Bytes` hash their
                // contents, and comemo hashes every face the world hands out), computed once
                // and kept with the bytes. Computed here, under the slot's lock, so that
                // documents compiled side by side do not each hash the same megabytes.
                typst::utils::hash128(&font);
                Some(font)
            })
            .clone()
    }

    /// The bytes of the font file a face of `family` comes from.
    pub fn file_data(&self, family: &str) -> Option<Bytes> {
        let variant = FontVariant {
            style: FontStyle::Normal,
            weight: FontWeight::REGULAR,
            stretch: FontStretch::NORMAL,
        };
        let index = self.book.select(&family.to_lowercase(), variant)?;
        self.slots.get(index).map(|s| s.data.clone())
    }

    /// What identifies the font file a face of `family` comes from without reading it: its
    /// name, size and modification time (a key of the cache folder, [`crate::cache`]).
    pub fn file_identity(&self, family: &str) -> Option<(String, u64, u128)> {
        let variant = FontVariant {
            style: FontStyle::Normal,
            weight: FontWeight::REGULAR,
            stretch: FontStretch::NORMAL,
        };
        let slot = self.slots.get(self.book.select(&family.to_lowercase(), variant)?)?;
        let meta = std::fs::metadata(&slot.path).ok()?;
        let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
        Some((slot.path.file_name()?.to_string_lossy().into_owned(), meta.len(), mtime))
    }

    /// The faces a form field's value may be drawn in where the field font (`first`) has no
    /// glyph: every loaded face with CFF outlines (what the field font's writer embeds), the
    /// field font's family first, then regular weights before others, in the book's order.
    pub fn fallback_faces(&self, first: &str) -> Vec<(crate::export::forms::FontData, u32)> {
        let mut faces: Vec<(bool, u16, usize)> = (0..self.slots.len())
            .filter_map(|i| {
                let info = self.book.info(i)?;
                let raw = ttf_parser::RawFace::parse(self.slots[i].data.as_slice(), self.slots[i].index).ok()?;
                raw.table(ttf_parser::Tag::from_bytes(b"CFF ")).is_some().then(|| {
                    let weight = info.variant.weight.to_number();
                    (info.family != first, weight.abs_diff(400), i)
                })
            })
            .collect();
        faces.sort();
        faces
            .into_iter()
            .map(|(_, _, i)| {
                (
                    std::sync::Arc::new(self.slots[i].data.clone()) as crate::export::forms::FontData,
                    self.slots[i].index,
                )
            })
            .collect()
    }

    fn family(&self, family: &str, weight: FontWeight) -> Option<(usize, &FontInfo)> {
        let variant = FontVariant {
            style: FontStyle::Normal,
            weight,
            stretch: FontStretch::NORMAL,
        };
        let index = self.book.select(&family.to_lowercase(), variant)?;
        Some((index, self.book.info(index)?))
    }

    /// Checks that every printed character is in its role's font: one that falls back is a
    /// warning naming it and where it is; one in no font at all is an error (it would print
    /// as an empty box).
    pub fn check_coverage(&self, texts: &[PrintedText], script: Script) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // Each face and character looked up once.
        let mut seen = self.covers.lock().expect("coverage cache poisoned");
        for t in texts {
            let [first, fallback] = t.role.families(script);
            let primary = self.family(first, t.role.weight());
            let second = self.family(fallback, FontWeight::REGULAR);
            let mut covered =
                |font: &Option<(usize, &FontInfo)>, c: char| font.is_some_and(|(i, f)| *seen.entry((i, c)).or_insert_with(|| f.coverage.contains(c as u32)));
            let mut fell: Vec<char> = Vec::new();
            let mut missing: Vec<char> = Vec::new();
            for c in script.convert(&t.text).chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
                if covered(&primary, c) {
                    continue;
                }
                let list = if covered(&second, c) { &mut fell } else { &mut missing };
                if !list.contains(&c) {
                    list.push(c);
                }
            }
            let describe = |cs: &[char]| cs.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", ");
            let base = Diagnostic {
                severity: Severity::Warning,
                file: t.file.clone(),
                line: t.line,
                column: t.column,
                field: t.field.clone(),
                message: String::new(),
            };
            if !fell.is_empty() {
                out.push(Diagnostic {
                    message: msg::fell_back(describe(&fell), first, t.role.name(), fallback).text(),
                    ..base.clone()
                });
            }
            if !missing.is_empty() {
                out.push(Diagnostic {
                    severity: Severity::Error,
                    message: msg::no_font_has(describe(&missing)).text(),
                    ..base
                });
            }
        }
        out
    }
}

/// The layout of what [`FontSet::load_used`] keeps, part of its key.
const FACES_LAYOUT: u32 = 1;

/// Every file below `dir` (as fontdb walks it), by its path relative to `dir`, with its size
/// and modification time: what the found faces depend on.
fn listing(dir: &Path) -> Option<Vec<(String, u64, u128)>> {
    let mut out = Vec::new();
    // Folders linked into a loop end at a depth no fonts folder has.
    let mut dirs = vec![(dir.to_path_buf(), 0)];
    while let Some((d, depth)) = dirs.pop() {
        for entry in std::fs::read_dir(&d).ok()? {
            let path = entry.ok()?.path();
            let meta = std::fs::metadata(&path).ok()?;
            if meta.is_dir() && depth < 8 {
                dirs.push((path, depth + 1));
            } else if meta.is_file() {
                let rel = path.strip_prefix(dir).ok()?.to_str()?.to_string();
                let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
                out.push((rel, meta.len(), mtime));
            }
        }
    }
    out.sort();
    Some(out)
}

/// A font file, memory-mapped: only the pages a document's glyphs need are ever read.
fn map(path: &Path) -> Result<Bytes, String> {
    let file = std::fs::File::open(path).map_err(|e| msg::cannot_read_font(path.display(), e).text())?;
    // SAFETY: the fonts folder is the project's own; a file changed under a running process
    // would give wrong glyphs, not unsafety in practice, and is what every font-using tool
    // (fontdb, Typst's CLI) accepts.
    let mmap = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| msg::cannot_map_font(path.display(), e).text())?;
    Ok(Bytes::new(mmap))
}
