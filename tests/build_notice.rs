//! Issue #2, the 2015 edition end to end: a user builds the notice and its two forms and
//! gets three sound, reproducible A4 PDFs set only in the project's own fonts.

mod common;

use std::path::Path;

use common::*;

#[test]
fn building_the_2015_edition_writes_three_pdfs_and_the_forms_as_workbooks() {
    let b = build_2015();
    assert_eq!(
        listing(&b.out),
        outputs_sorted(),
        "the output folder should hold exactly the three PDFs and the two forms' workbooks (no temporary files left)"
    );
    for name in DOCUMENTS {
        let bytes = std::fs::read(b.pdf(name)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{name} is not a PDF");
    }
    assert!(!b.run.stderr.contains("warning"), "the 2015 edition should build without warnings:\n{}", b.run);
}

#[test]
fn the_build_prints_one_line_per_file_with_its_page_count() {
    let b = build_2015();
    let all: Vec<&str> = b.run.stdout.lines().collect();
    assert_eq!(all.len(), DOCUMENTS.len() + SHEETS.len(), "one line per file:\n{}", b.run);
    for name in SHEETS {
        let line = format!("{}  spreadsheet", b.out.join(name).display());
        assert!(all.contains(&line.as_str()), "a line `{line}`:\n{}", b.run);
    }
    let lines: Vec<&str> = all.iter().copied().filter(|l| !l.ends_with("spreadsheet")).collect();
    for (line, name) in lines.iter().zip(DOCUMENTS) {
        let path = b.pdf(name);
        let pages = page_count(&path);
        let expected = format!("{}  {pages} page{}", path.display(), if pages == 1 { "" } else { "s" });
        assert_eq!(*line, expected, "the line for {name} should name it and give pdfinfo's page count");
    }
}

#[test]
fn the_notice_carries_both_forms_paged_as_they_are_alone() {
    let b = build_2015();
    let [notice, a1, a2] = DOCUMENTS.map(|n| page_count(&b.pdf(n)));
    assert!(
        notice > a1 + a2,
        "notice.pdf ({notice} pages) should hold its own pages and both forms ({a1} + {a2})"
    );
    let page_text = |page: usize| page_text(&b.pdf("notice.pdf"), page);
    let first_line = |page: usize| page_text(page).lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string();
    // Each form starts on a new page, 附件N first (GB/T 9704 7.3.7), and takes as many pages
    // in the notice as in its own PDF.
    assert_eq!(first_line(notice - a1 - a2 + 1), "附件1", "page {} of notice.pdf", notice - a1 - a2 + 1);
    assert_eq!(first_line(notice - a2 + 1), "附件2", "page {} of notice.pdf", notice - a2 + 1);
    // The page before them is the notice's last: the signature and its date.
    let last = page_text(notice - a1 - a2);
    assert!(
        last.contains("武汉市总工会办公室") && last.contains("2014年12月30日"),
        "page {} of notice.pdf should end the notice:\n{last}",
        notice - a1 - a2
    );
}

#[test]
fn gongwen_without_arguments_builds_the_2015_edition_into_out() {
    // A copy of the working folder, so that the repository's own out/ is left alone.
    let dir = tempfile::TempDir::new().unwrap();
    let edition = dir.path().join("data/2015");
    std::fs::create_dir_all(&edition).unwrap();
    for entry in std::fs::read_dir(edition_2015()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), edition.join(entry.file_name())).unwrap();
    }
    let output = gongwen_command().current_dir(dir.path()).output().expect("gongwen runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "gongwen with no arguments: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 5, "three PDFs and two workbooks: {stdout}");
    assert!(stdout.starts_with("out/notice.pdf  16 pages"), "{stdout}");
    let out = dir.path().join("out");
    assert_eq!(listing(&out), outputs_sorted());
    for name in DOCUMENTS {
        let ours = std::fs::read(out.join(name)).unwrap();
        let explicit = std::fs::read(build_2015().pdf(name)).unwrap();
        assert!(ours == explicit, "{name} from `gongwen` differs from `gongwen build data/2015 -o DIR`");
    }
}

#[test]
fn every_page_is_a4() {
    let b = build_2015();
    for name in DOCUMENTS {
        let pdf = b.pdf(name);
        let pages = page_count(&pdf);
        let run = run_tool(
            "pdfinfo",
            ["-f".as_ref(), "1".as_ref(), "-l".as_ref(), pages.to_string().as_ref(), pdf.as_os_str()],
        );
        run.assert_ok("pdfinfo");
        let sizes: Vec<(usize, f64, f64)> = run
            .stdout
            .lines()
            .filter_map(|l| {
                // "Page    3 size: 595.276 x 841.89 pts (A4)"
                let rest = l.strip_prefix("Page")?;
                let (n, size) = rest.split_once("size:")?;
                let mut it = size.split_whitespace();
                let w = it.next()?.parse().ok()?;
                it.next()?; // x
                let h = it.next()?.parse().ok()?;
                Some((n.trim().parse().ok()?, w, h))
            })
            .collect();
        assert_eq!(sizes.len(), pages, "{name}: pdfinfo should give every page's size:\n{run}");
        for (n, w, h) in sizes {
            assert!(
                (w - 595.28).abs() <= 0.5 && (h - 841.89).abs() <= 0.5,
                "{name} page {n} is {w} × {h} pt, not A4 (595.28 × 841.89)"
            );
        }
    }
}

#[test]
fn qpdf_finds_no_errors_in_any_pdf() {
    let b = build_2015();
    for name in DOCUMENTS {
        let run = run_tool("qpdf", ["--check".as_ref(), b.pdf(name).as_os_str()]);
        assert_eq!(run.code, Some(0), "qpdf --check {name}:\n{run}");
        assert!(run.stdout.contains("No syntax or stream encoding errors found"), "qpdf --check {name}:\n{run}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let first = build_2015();
    let second = build(&edition_2015());
    second.run.assert_ok("the second build");
    assert_ne!(first.out, second.out);
    for name in DOCUMENTS {
        let a = std::fs::read(first.pdf(name)).unwrap();
        let b = std::fs::read(second.pdf(name)).unwrap();
        let at = a.iter().zip(&b).position(|(x, y)| x != y);
        assert!(
            a == b,
            "{name} differs between two builds (sizes {} and {}, first difference at byte {at:?})",
            a.len(),
            b.len()
        );
    }
}

/// The PostScript names of the faces in fonts/, as pdffonts shows them after the subset tag.
const SHIPPED: [&str; 6] = [
    "FandolFang-Regular",
    "FandolHei-Regular",
    "FandolKai-Regular",
    "NotoSerifCJKsc-Black",
    "NotoSerifSC-Regular",
    "NotoSansSC-Regular",
];
const BUILT_INTO_TYPST: [&str; 4] = ["Libertinus", "NewCM", "NewComputerModern", "DejaVu"];

/// `(name without subset tag, embedded?)` for every font pdffonts lists.
fn fonts_of(pdf: &Path) -> Vec<(String, bool)> {
    let run = run_tool("pdffonts", [pdf]);
    run.assert_ok("pdffonts");
    run.stdout
        .lines()
        .skip_while(|l| !l.starts_with("---"))
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // name … emb sub uni object-number generation
            assert!(cols.len() >= 6, "unexpected pdffonts line `{l}`");
            let name = cols[0].split_once('+').map_or(cols[0], |(_, n)| n);
            (name.to_string(), cols[cols.len() - 5] == "yes")
        })
        .collect()
}

#[test]
fn only_the_shipped_fonts_are_embedded() {
    let b = build_2015();
    for name in DOCUMENTS {
        let fonts = fonts_of(&b.pdf(name));
        assert!(!fonts.is_empty(), "{name}: pdffonts lists no font");
        for (font, embedded) in &fonts {
            assert!(embedded, "{name}: {font} is not embedded");
            assert!(
                !BUILT_INTO_TYPST.iter().any(|t| font.contains(t)),
                "{name}: {font} is one of Typst's built-in fonts"
            );
            assert!(
                SHIPPED.iter().any(|s| font.starts_with(s)),
                "{name}: {font} is not a font of fonts/ ({SHIPPED:?})"
            );
        }
    }
    // The notice uses every role: 仿宋 body, 黑体 and 楷体 headings, 小标宋 mark and title,
    // 宋体 page numbers.
    let notice: Vec<String> = fonts_of(&b.pdf("notice.pdf")).into_iter().map(|(f, _)| f).collect();
    for face in &SHIPPED[..5] {
        assert!(notice.iter().any(|f| f.starts_with(face)), "notice.pdf should use {face}: {notice:?}");
    }
}

#[test]
fn a_record_block_is_printed_at_the_foot_of_the_last_page() {
    // 版记 (GB/T 9704 7.4): 抄送 and 印发机关/印发日期, between rules, on the last page only.
    let edition = edition_with(&[(
        "notice.toml",
        "\n[signature]",
        "\n[record]\ncc = [\"湖北省总工会\", \"武汉市人民政府办公厅\"]\nprinter = \"武汉市总工会办公室\"\nprinted = 2014-12-31\n\n[signature]",
    )]);
    let b = build(&edition.path);
    b.run.assert_ok("gongwen build with a [record]");
    let pages = page_count(&b.pdf("notice.pdf"));
    let page_text = |page: usize| page_text(&b.pdf("notice.pdf"), page).split_whitespace().collect::<String>();
    let last = page_text(pages);
    for expected in ["抄送：湖北省总工会，武汉市人民政府办公厅。", "武汉市总工会办公室", "2014年12月31日印发"] {
        assert!(last.contains(expected), "the last page should carry `{expected}`:\n{last}");
    }
    for page in 1..pages {
        assert!(!page_text(page).contains("抄送"), "page {page} should not carry the record");
    }
}

/// The text pdftotext finds on one page of `pdf`.
fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    let run = run_tool(
        "pdftotext",
        ["-f".as_ref(), page.as_ref(), "-l".as_ref(), page.as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    run.assert_ok("pdftotext");
    run.stdout
}
