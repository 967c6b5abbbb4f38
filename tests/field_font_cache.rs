//! Issue #17: the form fields' font subset (GB 2312, 通用规范汉字表 and the edition's unit
//! names from Noto Sans SC) is made once and kept in the user's cache folder:
//! `$XDG_CACHE_HOME/gongwen` (here a temporary folder each test makes). A kept subset is used
//! (a planted one shows in the forms, read back by pypdf), gives the same forms byte for byte
//! as a fresh one, a damaged entry is found and made again, builds side by side share one
//! entry and leave no temporary file, and a cache that cannot be written is no error. The
//! faces found in the fonts folder are kept the same way: a planted list is what a check
//! reads, and a changed font file makes it look at the folder again.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::*;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

/// What every entry starts with (src/cache.rs); its payload follows, then its SHA-256.
const MAGIC: &[u8] = b"gongwen cache 1\n";

/// `gongwen build data/2015 -o OUT` with `cache` as the cache's home (`XDG_CACHE_HOME`).
fn build_command(cache: &Path, out: &Path) -> Command {
    let mut c = gongwen_command();
    c.env_remove("GONGWEN_CACHE")
        .env("XDG_CACHE_HOME", cache)
        .args([OsStr::new("build"), OsStr::new("data/2015"), OsStr::new("-o"), out.as_os_str()]);
    c
}

fn build_into(cache: &Path, out: &Path) -> Vec<Vec<u8>> {
    let run = build_command(cache, out).output().expect("gongwen starts");
    assert!(run.status.success(), "gongwen build failed:\n{}", String::from_utf8_lossy(&run.stderr));
    DOCUMENTS.iter().map(|d| std::fs::read(out.join(d)).expect("the PDF")).collect()
}

/// The field font entries in the cache folder, and anything else in it but the fonts' faces.
fn entries(cache: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let dir = cache.join("gongwen");
    let mut fonts = Vec::new();
    let mut other = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("field-font-") && name.ends_with(".bin") {
            fonts.push(e.path());
        } else if name.starts_with("font-faces-") && name.ends_with(".bin") {
            // The faces found in fonts/, kept too (src/typeset/fonts.rs).
        } else {
            other.push(name);
        }
    }
    (fonts, other)
}

/// A fresh cache, built into once: the cache's home, its one entry and the PDFs.
struct Warm {
    home: TempDir,
    entry: PathBuf,
    bytes: Vec<u8>,
    pdfs: Vec<Vec<u8>>,
}

fn warm() -> Warm {
    let home = TempDir::new().unwrap();
    let out = home.path().join("out-first");
    let pdfs = build_into(home.path(), &out);
    let (fonts, other) = entries(home.path());
    assert_eq!(fonts.len(), 1, "one field font entry after a build: {fonts:?}");
    assert!(other.is_empty(), "nothing else in the cache folder: {other:?}");
    let entry = fonts[0].clone();
    let bytes = std::fs::read(&entry).unwrap();
    assert!(bytes.starts_with(MAGIC), "the entry starts with its header");
    // The subset program alone is over a megabyte: the entry holds the font, not a pointer.
    assert!(bytes.len() > 1_000_000, "the entry holds the subset: {} bytes", bytes.len());
    Warm { home, entry, bytes, pdfs }
}

#[test]
fn the_field_font_is_made_once_kept_and_gives_the_same_forms() {
    let w = warm();
    let modified = std::fs::metadata(&w.entry).unwrap().modified().unwrap();
    let again = build_into(w.home.path(), &w.home.path().join("out-again"));
    for (name, (a, b)) in DOCUMENTS.iter().zip(w.pdfs.iter().zip(&again)) {
        assert!(a == b, "{name} from the kept subset should be byte for byte the one from a fresh subset");
    }
    assert_eq!(std::fs::read(&w.entry).unwrap(), w.bytes, "the entry is kept as it was");
    assert_eq!(
        std::fs::metadata(&w.entry).unwrap().modified().unwrap(),
        modified,
        "a build with the subset kept does not write it again"
    );
    // Another cache folder, made from nothing: the same entry, byte for byte.
    let other = warm();
    assert_eq!(other.bytes, w.bytes, "the entry does not depend on the cache folder");
    assert_eq!(other.entry.file_name(), w.entry.file_name(), "nor its name");
}

/// The BaseFont of the form fields' font (the AcroForm's default resources), read by pypdf.
fn field_font_name(pdf: &Path) -> String {
    let script = r#"
import sys, pypdf
r = pypdf.PdfReader(sys.argv[1])
fonts = r.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
print(" ".join(str(f.get_object()["/BaseFont"]) for f in fonts.values()))
"#;
    let run = run_tool("python3", [OsStr::new("-c"), OsStr::new(script), pdf.as_os_str()]);
    run.assert_ok("pypdf reading the field font");
    run.stdout.trim().to_string()
}

#[test]
fn a_kept_subset_is_what_the_forms_embed() {
    let w = warm();
    let name = field_font_name(&w.home.path().join("out-first/attachment-1.pdf"));
    assert!(name.contains("+NotoSansSC"), "the fields' font is the Noto Sans SC subset: {name}");
    // Plant an entry whose subset tag reads GWTEST, with a checksum that holds.
    let payload = &w.bytes[MAGIC.len()..w.bytes.len() - 32];
    let len = u32::from_le_bytes(payload[..4].try_into().unwrap()) as usize;
    let base = std::str::from_utf8(&payload[4..4 + len]).unwrap();
    assert_eq!(&base[6..7], "+", "the entry's font name starts with its six-letter subset tag: {base}");
    let mut planted = payload.to_vec();
    planted[4..10].copy_from_slice(b"GWTEST");
    let mut entry = MAGIC.to_vec();
    entry.extend_from_slice(&planted);
    entry.extend_from_slice(&Sha256::digest(&planted));
    std::fs::write(&w.entry, entry).unwrap();
    let out = w.home.path().join("out-planted");
    build_into(w.home.path(), &out);
    let name = field_font_name(&out.join("attachment-1.pdf"));
    assert!(
        name.contains("GWTEST+"),
        "a build takes the field font from the cache, so the planted tag shows: {name}"
    );
}

#[test]
fn a_damaged_entry_is_found_and_made_again() {
    let w = warm();
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("a byte changed in the font program", {
            let mut b = w.bytes.clone();
            let middle = b.len() / 2;
            b[middle] ^= 0x5a;
            b
        }),
        ("cut short", w.bytes[..w.bytes.len() / 3].to_vec()),
        ("its checksum cut off", w.bytes[..w.bytes.len() - 32].to_vec()),
        ("empty", Vec::new()),
        ("not an entry at all", b"%PDF-1.7 something else entirely".to_vec()),
    ];
    for (i, (what, damaged)) in damages.into_iter().enumerate() {
        std::fs::write(&w.entry, &damaged).unwrap();
        let out = w.home.path().join(format!("out-{i}"));
        let pdfs = build_into(w.home.path(), &out);
        for (name, (a, b)) in DOCUMENTS.iter().zip(w.pdfs.iter().zip(&pdfs)) {
            assert!(a == b, "entry {what}: {name} should be the same as with a good subset");
        }
        assert!(
            std::fs::read(&w.entry).unwrap() == w.bytes,
            "entry {what}: the build should have made the subset again and written it over the damaged one"
        );
    }
}

#[test]
fn builds_side_by_side_share_one_entry() {
    let reference = warm();
    let home = TempDir::new().unwrap();
    let children: Vec<(PathBuf, Child)> = (0..4)
        .map(|i| {
            let out = home.path().join(format!("out-{i}"));
            let child = build_command(home.path(), &out)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("gongwen starts");
            (out, child)
        })
        .collect();
    for (out, child) in children {
        let run = child.wait_with_output().unwrap();
        assert!(run.status.success(), "a build beside others failed:\n{}", String::from_utf8_lossy(&run.stderr));
        for (name, reference) in DOCUMENTS.iter().zip(&reference.pdfs) {
            assert!(
                std::fs::read(out.join(name)).unwrap() == *reference,
                "{name} of a build beside others should be the usual one"
            );
        }
    }
    let (fonts, other) = entries(home.path());
    assert_eq!(fonts.len(), 1, "one entry for four builds of one edition: {fonts:?}");
    assert!(other.is_empty(), "no temporary file left in the cache folder: {other:?}");
    assert!(std::fs::read(&fonts[0]).unwrap() == reference.bytes, "the entry is whole");
}

#[test]
fn a_cache_that_cannot_be_written_is_no_error() {
    let reference = warm();
    let home = TempDir::new().unwrap();
    // The cache folder's place is taken by a file: nothing can be kept there.
    std::fs::write(home.path().join("gongwen"), "not a folder").unwrap();
    let pdfs = build_into(home.path(), &home.path().join("out"));
    for (name, (a, b)) in DOCUMENTS.iter().zip(reference.pdfs.iter().zip(&pdfs)) {
        assert!(a == b, "{name} without a cache should be the same as with one");
    }
    assert_eq!(std::fs::read_to_string(home.path().join("gongwen")).unwrap(), "not a folder");
}

#[test]
fn the_faces_found_are_kept_and_a_changed_fonts_folder_is_looked_at_again() {
    let w = warm();
    // A copy of fonts/ to change.
    let fonts = w.home.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    for e in std::fs::read_dir(root().join("fonts")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), fonts.join(e.file_name())).unwrap();
    }
    let check = || {
        let o = gongwen_command()
            .env_remove("GONGWEN_CACHE")
            .env("XDG_CACHE_HOME", w.home.path())
            .args([OsStr::new("--fonts"), fonts.as_os_str(), OsStr::new("check"), OsStr::new("data/2015")])
            .output()
            .unwrap();
        (o.status.success(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (ok, stderr) = check();
    assert!(ok, "check with a copy of fonts/:\n{stderr}");
    // One entry per fonts folder: the copy's is the newer.
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(w.home.path().join("gongwen"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("font-faces-"))
        .map(|p| (std::fs::metadata(&p).unwrap().modified().unwrap(), p))
        .collect();
    entries.sort();
    assert_eq!(entries.len(), 2, "one entry per fonts folder: {entries:?}");
    let entry = &entries[1].1;
    // Plant a list with FandolFang alone, its checksum right: a check that reads it finds no
    // font for the other roles' characters.
    let bytes = std::fs::read(entry).unwrap();
    let kept: Vec<serde_json::Value> = serde_json::from_slice(&bytes[MAGIC.len()..bytes.len() - 32]).unwrap();
    let fang: Vec<serde_json::Value> = kept
        .into_iter()
        .filter(|f| f[0].as_str().is_some_and(|name| name.starts_with("FandolFang")))
        .collect();
    assert_eq!(fang.len(), 1, "the kept faces name FandolFang once");
    let planted = serde_json::to_vec(&fang).unwrap();
    let mut planted_entry = MAGIC.to_vec();
    planted_entry.extend_from_slice(&planted);
    planted_entry.extend_from_slice(&Sha256::digest(&planted));
    std::fs::write(entry, planted_entry).unwrap();
    let (ok, stderr) = check();
    assert!(!ok, "the planted list of faces is what check reads, so it fails:\n{stderr}");
    // A font file of the folder changed (here: its modification time): the folder is looked
    // at again, and the check passes.
    let file = std::fs::File::options().append(true).open(fonts.join("FandolHei-Regular.otf")).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60)).unwrap();
    drop(file);
    let (ok, stderr) = check();
    assert!(ok, "after a font file changed, the fonts are found again:\n{stderr}");
}
