//! Issue #16, OFD (GB/T 33190-2016): `gongwen build --format ofd` writes each document as the
//! fixed-layout format e-government systems exchange and archive, from the same laid-out
//! pages as the PDF. Read back with tools that are not gongwen's: Python's zipfile and
//! ElementTree (the package), fontTools (the embedded fonts), the OFD reader ofdkit (the
//! text) and the OFD renderer ofd2img, both from PyPI, and poppler (the PDF's text and
//! pixels); the scripts are tests/tools/ofd/*.py.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use serde::Deserialize;
use tempfile::TempDir;

const OFDS: [&str; 3] = ["notice.ofd", "attachment-1.ofd", "attachment-2.ofd"];

/// A build with `--format`, in a temporary folder that lives as long as the value.
struct FormatBuild {
    _dir: TempDir,
    out: PathBuf,
    run: Run,
}

impl FormatBuild {
    fn file(&self, name: &str) -> PathBuf {
        self.out.join(name)
    }
}

fn build_as(edition: &Path, formats: &str, extra: &[&OsStr]) -> FormatBuild {
    let dir = TempDir::new().expect("a temporary folder");
    let out = dir.path().join("out");
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("build"),
        edition.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--format"),
        OsStr::new(formats),
    ];
    args.extend(extra);
    let run = gongwen(args);
    FormatBuild { _dir: dir, out, run }
}

/// data/2015 as PDF and OFD, built once per test binary.
fn built() -> &'static FormatBuild {
    static BUILD: OnceLock<FormatBuild> = OnceLock::new();
    BUILD.get_or_init(|| {
        let b = build_as(&edition_2015(), "pdf,ofd", &[]);
        b.run.assert_ok("gongwen build data/2015 --format pdf,ofd");
        b
    })
}

/// The 2015 edition with every optional field of the head and the record filled in.
const EVERY_FIELD: &[(&str, &str, &str)] = &[
    ("notice.toml", "# copy_number = \"000001\"", "copy_number = \"000001\""),
    ("notice.toml", "# secrecy = \"秘密★1年\"", "secrecy = \"秘密★1年\""),
    ("notice.toml", "# urgency = \"特急\"", "urgency = \"特急\""),
    ("notice.toml", "# signers = [\"张三\"]", "signers = [\"张三\"]"),
    ("notice.toml", "# note = \"…\"", "note = \"此件公开发布\""),
    ("notice.toml", "# [record]", "[record]"),
    ("notice.toml", "# cc = [\"…\"]", "cc = [\"市委办公厅\", \"市政府办公厅\"]"),
    ("notice.toml", "# printer = \"武汉市总工会办公室\"", "printer = \"武汉市总工会办公室\""),
    ("notice.toml", "# printed = 2014-12-31", "printed = 2014-12-31"),
];

/// The package as tests/tools/ofd/package.py reads it.
#[derive(Debug, Deserialize)]
struct Package {
    parts: Vec<String>,
    problems: Vec<String>,
    info: BTreeMap<String, serde_json::Value>,
    max_unit_id: u32,
    ids: u32,
    pages: Vec<OfdPage>,
    fonts: Vec<OfdFont>,
    tags: BTreeMap<String, String>,
    tag_problems: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct OfdPage {
    width: f64,
    height: f64,
    codes: Vec<String>,
    objects: BTreeMap<String, usize>,
}

#[derive(Debug, Deserialize)]
struct OfdFont {
    name: String,
    family: String,
    file: String,
    bytes: usize,
    outlines: Option<String>,
    tables: Vec<String>,
    unicode_cmap: bool,
    glyphs: usize,
    ps_name: Option<String>,
    chars_checked: usize,
    mismatches: Vec<serde_json::Value>,
    unchecked: usize,
}

fn package(ofd: &Path) -> Package {
    python_json("ofd/package.py", [ofd])
}

/// The OFD's pages and metadata as ofdkit reads them (tests/tools/ofd/text.py).
#[derive(Debug, Deserialize)]
struct OfdText {
    pages: Vec<String>,
    info: BTreeMap<String, String>,
}

fn ofd_text(ofd: &Path) -> OfdText {
    python_json("ofd/text.py", [ofd])
}

/// Poppler's text of page `n` (from 1) of a PDF, as it lays the page out.
fn pdf_page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    let args = [
        OsStr::new("-layout"),
        OsStr::new("-f"),
        OsStr::new(&n),
        OsStr::new("-l"),
        OsStr::new(&n),
        pdf.as_os_str(),
        OsStr::new("-"),
    ];
    let run = run_tool("pdftotext", args);
    run.assert_ok("pdftotext");
    run.stdout
}

/// A page of the OFD as ofd2img draws it, against the PDF's page (tests/tools/ofd/draw.py).
#[derive(Debug, Deserialize)]
struct Drawn {
    size: [u32; 2],
    ink: usize,
    ofd_ink: usize,
    in_place: f64,
    exact: f64,
    stray: f64,
    red: usize,
    red_in_place: f64,
    fonts: Vec<String>,
    fallback: bool,
}

fn draw(ofd: &Path, pdf: &Path, page: usize, png: &Path) -> Drawn {
    python_json(
        "ofd/draw.py",
        [ofd.as_os_str(), pdf.as_os_str(), OsStr::new(&page.to_string()), png.as_os_str()],
    )
}

/// Text with every kind of whitespace removed.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A value of the pdfinfo of a PDF (`Title`, `Author`).
fn pdfinfo(pdf: &Path, key: &str) -> String {
    let run = run_tool("pdfinfo", [pdf]);
    run.assert_ok("pdfinfo");
    run.stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// The 2015 edition's notice.toml, to know what the tags must hold.
fn notice_toml() -> toml::Value {
    toml::from_str(&std::fs::read_to_string(edition_2015().join("notice.toml")).unwrap()).unwrap()
}

fn expand_year(s: &str, year: i64) -> String {
    s.replace("{year}", &year.to_string())
}

#[test]
fn format_ofd_writes_one_ofd_per_document_and_pdf_ofd_both() {
    let alone = build_as(&edition_2015(), "ofd", &[]);
    alone.run.assert_ok("gongwen build --format ofd");
    let mut expected: Vec<String> = OFDS.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(listing(&alone.out), expected, "--format ofd writes the three OFDs and nothing else");
    let b = built();
    let mut both: Vec<String> = OFDS.iter().chain(DOCUMENTS.iter()).map(|s| s.to_string()).collect();
    both.sort();
    assert_eq!(listing(&b.out), both, "--format pdf,ofd writes both");
    // One line per file with its page count, which is the PDF's.
    for name in OFDS {
        let pages = page_count(&b.file(&name.replace(".ofd", ".pdf")));
        let line = format!("{}  {pages} page{}", alone.file(name).display(), if pages == 1 { "" } else { "s" });
        assert!(alone.run.stdout.lines().any(|l| l == line), "expected the line `{line}`:\n{}", alone.run);
    }
    assert!(!alone.run.stderr.contains("warning"), "{}", alone.run);
}

#[test]
fn every_ofd_is_a_sound_package_of_a4_pages_as_many_as_the_pdf() {
    let b = built();
    let mut ids = Vec::new();
    for name in OFDS {
        let pdf = b.file(&name.replace(".ofd", ".pdf"));
        let p = package(&b.file(name));
        assert!(p.problems.is_empty(), "{name}: {:#?}", p.problems);
        for part in ["OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/Pages/Page_0/Content.xml"] {
            assert!(p.parts.iter().any(|x| x == part), "{name} lacks {part}: {:?}", p.parts);
        }
        assert_eq!(p.pages.len(), page_count(&pdf), "{name}: as many pages as the PDF");
        for (i, page) in p.pages.iter().enumerate() {
            assert!(
                (page.width - 210.0).abs() < 0.01 && (page.height - 297.0).abs() < 0.01,
                "{name} page {}: {} × {} mm",
                i + 1,
                page.width,
                page.height
            );
            assert!(page.objects.get("TextObject").copied().unwrap_or(0) > 0, "{name} page {} has no text", i + 1);
        }
        // IDs are checked unique and within MaxUnitID by package.py; MaxUnitID is the last.
        assert_eq!(p.ids, p.max_unit_id, "{name}: IDs run from 1 to MaxUnitID");
        let info = |k: &str| p.info.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        assert_eq!(info("Title"), pdfinfo(&pdf, "Title"), "{name}: the PDF's title");
        assert_eq!(info("Author"), pdfinfo(&pdf, "Author"), "{name}: the PDF's author");
        assert_eq!(info("CreationDate"), notice_toml()["signature"]["date"].to_string(), "{name}: the signing date");
        ids.push(info("DocID"));
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), OFDS.len(), "each document has a DocID of its own: {ids:?}");
}

#[test]
fn fonts_are_truetype_subsets_whose_cmap_gives_every_characters_glyph() {
    let b = built();
    for name in OFDS {
        let p = package(&b.file(name));
        assert!(!p.fonts.is_empty(), "{name} embeds no font");
        for f in &p.fonts {
            assert_eq!(
                f.outlines.as_deref(),
                Some("glyf"),
                "{name}: {} ({}) should have TrueType outlines",
                f.file,
                f.family
            );
            for table in ["cmap", "OS/2", "name", "head", "hhea", "hmtx", "maxp", "post", "loca", "glyf"] {
                assert!(f.tables.iter().any(|t| t == table), "{name}: {} lacks {table}: {:?}", f.file, f.tables);
            }
            assert!(f.unicode_cmap, "{name}: {} has no Unicode cmap", f.file);
            assert!(f.chars_checked > 0, "{name}: no character of {} checked", f.file);
            assert!(
                f.mismatches.is_empty(),
                "{name}: {}: characters whose cmap glyph is not their CGTransform's: {:?}",
                f.file,
                f.mismatches
            );
            assert_eq!(f.unchecked, 0, "{name}: {}: every cluster of the seed is one character to one glyph", f.file);
            assert!(
                f.glyphs < 2000 && f.bytes < 1_000_000,
                "{name}: {} should be a subset ({} glyphs, {} bytes)",
                f.file,
                f.glyphs,
                f.bytes
            );
            eprintln!(
                "{name}: {} ({}): {} glyphs, {} bytes, {} characters checked",
                f.name, f.family, f.glyphs, f.bytes, f.chars_checked
            );
        }
        // The faces are the PDF's (pdffonts names them: subset tag, then the PostScript name).
        let pdf = b.file(&name.replace(".ofd", ".pdf"));
        let run = run_tool("pdffonts", [&pdf]);
        run.assert_ok("pdffonts");
        let mut in_pdf: Vec<String> = run
            .stdout
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next())
            .map(|n| n.split_once('+').map_or(n, |(_, n)| n))
            .map(|n| n.strip_suffix("-Identity-H").unwrap_or(n).to_string())
            .filter(|n| !n.starts_with("NotoSansSC"))
            .collect();
        in_pdf.sort();
        in_pdf.dedup();
        let mut in_ofd: Vec<String> = p.fonts.iter().filter_map(|f| f.ps_name.clone()).collect();
        in_ofd.sort();
        in_ofd.dedup();
        assert_eq!(
            in_ofd, in_pdf,
            "{name}: the OFD embeds the faces the PDF does (the form font of the fields aside)"
        );
    }
}

#[test]
fn each_page_has_the_text_poppler_reads_on_the_same_pdf_page() {
    let b = built();
    for name in OFDS {
        let pdf = b.file(&name.replace(".ofd", ".pdf"));
        let t = ofd_text(&b.file(name));
        assert_eq!(t.pages.len(), page_count(&pdf), "{name}: ofdkit reads as many pages as poppler");
        for (i, page) in t.pages.iter().enumerate() {
            let poppler = pdf_page_text(&pdf, i + 1);
            assert!(!squeeze(&poppler).is_empty(), "{name} page {}: poppler reads no text", i + 1);
            assert_eq!(
                squeeze(page),
                squeeze(&poppler),
                "{name} page {}: ofdkit's text of the OFD (left) and poppler's of the PDF (right)",
                i + 1
            );
        }
        assert_eq!(
            t.info.get("title").map(String::as_str),
            Some(pdfinfo(&pdf, "Title").as_str()),
            "{name}: ofdkit reads the title"
        );
    }
}

#[test]
fn ofd2img_draws_page_one_with_the_pdfs_ink_in_place() {
    let b = built();
    let dir = TempDir::new().unwrap();
    for name in OFDS {
        let pdf = b.file(&name.replace(".ofd", ".pdf"));
        let png = dir.path().join(name.replace(".ofd", "-side-by-side.png"));
        let d = draw(&b.file(name), &pdf, 1, &png);
        eprintln!(
            "{name} page 1 at {} × {} px: PDF ink {} px, OFD ink {} px; in place (±1 px) {:.1}%, same pixel {:.1}%, stray {:.2}%; red {} px, in place {:.1}%; fonts {:?}",
            d.size[0],
            d.size[1],
            d.ink,
            d.ofd_ink,
            100.0 * d.in_place,
            100.0 * d.exact,
            100.0 * d.stray,
            d.red,
            100.0 * d.red_in_place,
            d.fonts
        );
        assert!(!d.fallback, "{name}: ofd2img drew text in a font that is not the OFD's own: {:?}", d.fonts);
        assert!(d.ink > 10_000, "{name}: the PDF's page 1 should have ink ({} px)", d.ink);
        // The issue asks for 85%; 99.9% is measured, and glyphs drifting by 5% already bring
        // it down to 81%: the test holds a tighter line.
        assert!(
            d.in_place >= 0.95,
            "{name}: ofd2img draws {:.1}% of the PDF's ink in place, less than 95%",
            100.0 * d.in_place
        );
        assert!(d.stray <= 0.15, "{name}: {:.1}% of ofd2img's ink is where the PDF has none", 100.0 * d.stray);
        if name == "notice.ofd" {
            assert!(d.red > 1000, "the red mark and rule should be red in the PDF ({} px)", d.red);
            assert!(
                d.red_in_place >= 0.85,
                "ofd2img draws {:.1}% of the red mark and rule in red in place",
                100.0 * d.red_in_place
            );
        }
    }
}

#[test]
fn two_builds_write_byte_identical_ofds() {
    let a = built();
    let b = build_as(&edition_2015(), "ofd", &[]);
    b.run.assert_ok("the second build");
    for name in OFDS {
        let (x, y) = (std::fs::read(a.file(name)).unwrap(), std::fs::read(b.file(name)).unwrap());
        assert!(x == y, "{name} differs between two builds ({} and {} bytes)", x.len(), y.len());
    }
}

#[test]
fn the_notices_fields_are_tagged_on_their_text() {
    let b = built();
    let p = package(&b.file("notice.ofd"));
    assert!(p.tag_problems.is_empty(), "{:#?}", p.tag_problems);
    let toml = notice_toml();
    let year = toml["year"].as_integer().unwrap();
    let s = |v: &toml::Value| v.as_str().unwrap().to_string();
    let number = &toml["head"]["number"];
    let title: String = toml["body"]["title"].as_array().unwrap().iter().map(|l| expand_year(&s(l), year)).collect();
    let tag = |k: &str| p.tags.get(k).cloned().unwrap_or_else(|| panic!("no tag {k}: {:#?}", p.tags));
    assert_eq!(tag("版头/发文机关标志"), s(&toml["head"]["organ_mark"]));
    assert_eq!(
        tag("版头/发文字号"),
        format!("{}〔{}〕{}号", s(&number["agency"]), number["year"], number["serial"])
    );
    assert_eq!(tag("主体/标题"), title);
    assert_eq!(tag("主体/主送机关"), s(&toml["body"]["addressees"]) + "：");
    let body = tag("主体/正文");
    assert!(
        body.starts_with(&expand_year(&s(&toml["body"]["opening"][0]), year)),
        "正文 starts with the opening paragraph: {body}"
    );
    let contacts: Vec<String> = toml["closing"]["contacts"].as_array().unwrap().iter().map(s).collect();
    assert!(
        body.ends_with(&format!("联系人：{}联系电话：{}（传真）", contacts.join("、"), s(&toml["closing"]["phone"]))),
        "正文 ends with the contacts: {body}"
    );
    assert!(tag("主体/附件说明").starts_with("附件：1."), "{}", tag("主体/附件说明"));
    assert_eq!(tag("主体/发文机关署名"), s(&toml["signature"]["organ"]));
    assert_eq!(tag("主体/成文日期"), "2014年12月30日");
    let attachments = tag("主体/附件");
    assert!(attachments.starts_with("附件1") && attachments.contains("附件2"), "{attachments}");
    let numbers: String = (1..=p.pages.len()).map(|n| format!("— {n} —")).collect();
    assert_eq!(tag("页码"), numbers, "one page number per page, in order");
    // Nothing of the head that the edition leaves out.
    for absent in ["版头/份号", "版头/密级", "版头/紧急程度", "版头/签发人", "主体/附注", "版记/抄送机关"] {
        assert!(!p.tags.contains_key(absent), "{absent} is tagged though the edition has none");
    }
}

#[test]
fn every_optional_field_of_head_and_record_is_tagged() {
    let e = edition_with(EVERY_FIELD);
    let b = build_as(&e.path, "ofd", &[]);
    b.run.assert_ok("gongwen build (every field) --format ofd");
    let p = package(&b.file("notice.ofd"));
    assert!(p.problems.is_empty() && p.tag_problems.is_empty(), "{:#?} {:#?}", p.problems, p.tag_problems);
    let expected = [
        ("版头/份号", "000001"),
        ("版头/密级", "秘密★1年"),
        ("版头/紧急程度", "特急"),
        ("版头/签发人", "签发人：张三"),
        ("主体/附注", "（此件公开发布）"),
        ("版记/抄送机关", "抄送：市委办公厅，市政府办公厅。"),
        ("版记/印发机关", "武汉市总工会办公室"),
        ("版记/印发日期", "2014年12月31日印发"),
    ];
    for (key, value) in expected {
        assert_eq!(p.tags.get(key).map(String::as_str), Some(value), "{key}: {:#?}", p.tags);
    }
}

/// Checks an OFD the way the tests above check the 2015 edition's: a sound package, fonts
/// whose cmap gives each character's glyph, and each page's text the PDF page's.
fn assert_sound(ofd: &Path, pdf: &Path) -> (Package, OfdText) {
    let p = package(ofd);
    assert!(p.problems.is_empty(), "{}: {:#?}", ofd.display(), p.problems);
    for f in &p.fonts {
        assert!(
            f.outlines.as_deref() == Some("glyf") && f.unicode_cmap,
            "{}: {} ({:?})",
            ofd.display(),
            f.file,
            f.outlines
        );
        assert!(f.mismatches.is_empty() && f.unchecked == 0, "{}: {}: {:?}", ofd.display(), f.file, f.mismatches);
    }
    let t = ofd_text(ofd);
    assert_eq!(p.pages.len(), page_count(pdf));
    assert_eq!(t.pages.len(), p.pages.len());
    for (i, page) in t.pages.iter().enumerate() {
        assert_eq!(squeeze(page), squeeze(&pdf_page_text(pdf, i + 1)), "{} page {}", ofd.display(), i + 1);
    }
    (p, t)
}

#[test]
fn traditional_output_is_written_as_ofd_in_its_truetype_fonts() {
    let b = build_as(&edition_2015(), "pdf,ofd", &[OsStr::new("--script"), OsStr::new("hant")]);
    b.run.assert_ok("gongwen build --script hant --format pdf,ofd");
    let (p, t) = assert_sound(&b.file("notice.ofd"), &b.file("notice.pdf"));
    let families: Vec<&str> = p.fonts.iter().map(|f| f.family.as_str()).collect();
    assert!(families.contains(&"cwTeXFangSong") && families.contains(&"Noto Serif CJK TC"), "{families:?}");
    assert!(t.pages[0].contains("關於2015年元旦春節期間"), "the Traditional title:\n{}", t.pages[0]);
}

#[test]
fn a_character_outside_the_bmp_stands_in_a_textcode_of_its_own() {
    // U+1F110 PARENTHESIZED LATIN CAPITAL LETTER A, which Noto Serif SC (the fallback) has.
    let e = edition_with(&[("notice.toml", "phone_note = \"传真\"", "phone_note = \"传真🄐\"")]);
    let b = build_as(&e.path, "pdf,ofd", &[]);
    b.run.assert_ok("gongwen build with 🄐");
    let (p, _) = assert_sound(&b.file("notice.ofd"), &b.file("notice.pdf"));
    let codes: Vec<&String> = p.pages.iter().flat_map(|pg| &pg.codes).filter(|c| c.contains('🄐')).collect();
    assert_eq!(codes, [&"🄐".to_string()], "🄐 alone in one TextCode");
}

/// The notice with a seal over its signature: its one issuer written as `[[issuers]]` with a
/// `seal` image (PNG or SVG) in the edition's folder, and the templates copied (built with
/// `--templates`, as a template author would).
fn sealed(image: &str, data: &[u8]) -> (Edition, TempDir) {
    let issuer = format!("[[issuers]]\nname = \"武汉市总工会办公室\"\nseal = \"{image}\"\n\n[head]");
    let e = edition_with(&[
        ("notice.toml", "[head]                           # 版头", &issuer),
        ("notice.toml", "organ_mark = \"武汉市总工会办公室文件\"   # 发文机关标志", "suffix = \"文件\""),
        ("notice.toml", "organ = \"武汉市总工会办公室\"\n", ""),
    ]);
    std::fs::write(e.file(image), data).unwrap();
    let templates = TempDir::new().unwrap();
    for entry in std::fs::read_dir(root().join("templates")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), templates.path().join(entry.file_name())).unwrap();
    }
    (e, templates)
}

/// A red ring 400 px across with a dot in the middle, as a PNG with transparency.
fn seal_png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(400, 400, |x, y| {
        let r = ((x as f64 - 200.0).powi(2) + (y as f64 - 200.0).powi(2)).sqrt();
        if (170.0..195.0).contains(&r) || r < 40.0 {
            image::Rgba([230, 0, 18, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut bytes = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

const SEAL_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="42mm" height="42mm" viewBox="0 0 100 100">
  <circle cx="50" cy="50" r="45" fill="none" stroke="#e60012" stroke-width="5"/>
  <polygon points="50,25 56,42 74,42 60,53 65,70 50,60 35,70 40,53 26,42 44,42" fill="#e60012"/>
</svg>"##;

#[test]
fn a_seal_image_is_multimedia_drawn_in_place_by_ofd2img() {
    for (file, data) in [("seal.png", seal_png()), ("seal.svg", SEAL_SVG.as_bytes().to_vec())] {
        let (e, templates) = sealed(file, &data);
        let b = build_as(&e.path, "pdf,ofd", &[OsStr::new("--templates"), templates.path().as_os_str()]);
        b.run.assert_ok(&format!("gongwen build with a seal ({file})"));
        let p = package(&b.file("notice.ofd"));
        assert!(p.problems.is_empty(), "{file}: {:#?}", p.problems);
        assert!(
            p.parts.iter().any(|x| x == "Doc_0/DocumentRes.xml"),
            "{file}: no DocumentRes.xml: {:?}",
            p.parts
        );
        assert!(
            p.parts.iter().any(|x| x.starts_with("Doc_0/Res/Image_") && x.ends_with(".png")),
            "{file}: no image file: {:?}",
            p.parts
        );
        let (page, _) = p
            .pages
            .iter()
            .enumerate()
            .find(|(_, pg)| pg.objects.contains_key("ImageObject"))
            .unwrap_or_else(|| panic!("{file}: no page shows an ImageObject"));
        let dir = TempDir::new().unwrap();
        let d = draw(&b.file("notice.ofd"), &b.file("notice.pdf"), page + 1, &dir.path().join("seal.png"));
        eprintln!(
            "{file}: page {}: red {} px, in place {:.1}%; ink in place {:.1}%",
            page + 1,
            d.red,
            100.0 * d.red_in_place,
            100.0 * d.in_place
        );
        assert!(d.red > 2000, "{file}: the seal should be red in the PDF ({} px)", d.red);
        assert!(
            d.red_in_place >= 0.85,
            "{file}: ofd2img draws {:.1}% of the seal's red in place",
            100.0 * d.red_in_place
        );
        assert!(d.in_place >= 0.85, "{file}: {:.1}% of the page's ink in place", 100.0 * d.in_place);
    }
}
