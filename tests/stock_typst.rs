//! Issue #2: the templates are ordinary Typst. The stock compiler (PyPI package `typst`, the
//! Python binding of Typst 0.15), given the project root, the fonts of fonts/ only and the
//! inputs the templates document, lays out the same pages as gongwen: same page count, and
//! every page rendered by poppler to the same pixels.
//!
//! gongwen's PDFs differ from the stock ones in metadata (identifier, creator, date) and, for
//! the forms, in the fillable fields it adds as an incremental update. Neither shows on a
//! page: a blank field draws nothing, so the pages are compared as a viewer shows them,
//! annotations included.

mod common;

use std::path::Path;

use common::*;

#[derive(serde::Deserialize)]
struct Stock {
    typst: String,
    written: Vec<String>,
}

/// Renders every page of `pdf` to 50 dpi grayscale PGM files in `dir`, sorted by page.
fn render(pdf: &Path, dir: &Path) -> Vec<Vec<u8>> {
    std::fs::create_dir_all(dir).unwrap();
    let run = run_tool(
        "pdftoppm",
        ["-r".as_ref(), "50".as_ref(), "-gray".as_ref(), pdf.as_os_str(), dir.join("page").as_os_str()],
    );
    run.assert_ok("pdftoppm");
    listing(dir).iter().map(|f| std::fs::read(dir.join(f)).unwrap()).collect()
}

/// Compiles `edition` (a folder below the root) with the stock compiler and compares every
/// page of every document with gongwen's build in `ours`.
fn compare(edition: &str, ours: &Build, documents: &[String]) {
    let dir = tempfile::TempDir::new().unwrap();
    let attachments = documents.len() - 1;
    let stock: Stock = python_json(
        "stock_typst.py",
        [root().as_os_str(), edition.as_ref(), dir.path().as_os_str(), attachments.to_string().as_ref()],
    );
    assert!(stock.typst.starts_with("0.15"), "the stock compiler should be Typst 0.15, is {}", stock.typst);
    assert_eq!(stock.written.len(), documents.len());
    for name in documents {
        let theirs = dir.path().join(name);
        let mine = ours.pdf(name);
        let (n_theirs, n_mine) = (page_count(&theirs), page_count(&mine));
        assert_eq!(n_mine, n_theirs, "{edition}/{name}: gongwen made {n_mine} pages, stock Typst {n_theirs}");
        let a = render(&mine, &dir.path().join(format!("{name}.ours")));
        let b = render(&theirs, &dir.path().join(format!("{name}.stock")));
        assert_eq!(a.len(), n_mine, "{name}: pdftoppm should render every page");
        let differing: Vec<usize> = a.iter().zip(&b).enumerate().filter(|(_, (x, y))| x != y).map(|(i, _)| i + 1).collect();
        assert!(
            differing.is_empty(),
            "{edition}/{name}: pages {differing:?} render differently from the stock Typst compiler's"
        );
    }
}

#[test]
fn the_stock_typst_compiler_gives_the_same_pages() {
    let documents: Vec<String> = DOCUMENTS.iter().map(|d| d.to_string()).collect();
    compare("data/2015", build_2015(), &documents);
}

#[test]
fn the_stock_typst_compiler_gives_the_same_pages_for_the_examples() {
    // Joint marks, seals (SVG and PNG, read by Typst from the edition's folder), text and
    // table attachments, a landscape page, the 信函, 命令 and 纪要 formats (issue #14): the
    // templates alone make them.
    for example in [
        "examples/joint-notice",
        "examples/sealed-notice",
        "examples/tables-notice",
        "examples/letter",
        "examples/order",
        "examples/minutes",
    ] {
        let ours = build(&root().join(example));
        ours.run.assert_ok(&format!("gongwen build {example}"));
        let documents = listing(&ours.out);
        let mut documents: Vec<String> = documents.into_iter().filter(|d| d.ends_with(".pdf")).collect();
        documents.sort_by_key(|d| d != "notice.pdf");
        compare(example, &ours, &documents);
    }
}
