//! Issue #2: the notice says what the original said. Every sentence of the repaired seed
//! (tests/fixtures/seed-simplified.txt, the scrape of 武工办〔2014〕74号 converted to Simplified
//! Chinese and repaired as /work/shared/seed/README.md describes) must be found in the text
//! that poppler's pdftotext reads out of the PDFs. tests/tools/seed_check.py splits the
//! fixture into sentences (and form lines into their labels) and compares both sides NFKC-
//! normalised without whitespace, so the scrape's ASCII punctuation matches the notice's
//! full-width punctuation.

mod common;

use common::*;

#[derive(serde::Deserialize)]
struct SeedCheck {
    pieces: usize,
    missing: Vec<Missing>,
}

#[derive(serde::Deserialize, Debug)]
struct Missing {
    line: usize,
    piece: String,
}

/// The fixture's pieces from `sections` (`notice`, `1`, `2`) that `pdf` lacks.
fn seed_check(pdf: &str, sections: &[&str]) -> SeedCheck {
    let pdf = build_2015().pdf(pdf);
    let fixture = root().join("tests/fixtures/seed-simplified.txt");
    let mut args = vec![pdf.into_os_string(), fixture.into_os_string()];
    args.extend(sections.iter().map(Into::into));
    python_json("seed_check.py", args)
}

fn describe(missing: &[Missing]) -> String {
    missing
        .iter()
        .map(|m| format!("  seed-simplified.txt:{}: {}", m.line, m.piece))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_sentence_of_the_seed_is_in_the_notice() {
    // The notice carries its two forms after the signature, so all of the seed is in it.
    let check = seed_check("notice.pdf", &["notice", "1", "2"]);
    assert!(check.pieces > 300, "the fixture should split into hundreds of pieces, not {}", check.pieces);
    assert!(
        check.missing.is_empty(),
        "{} of {} pieces of the seed are not in notice.pdf:\n{}",
        check.missing.len(),
        check.pieces,
        describe(&check.missing)
    );
}

#[test]
fn every_form_label_is_in_its_attachment() {
    for (pdf, section) in [("attachment-1.pdf", "1"), ("attachment-2.pdf", "2")] {
        let check = seed_check(pdf, &[section]);
        assert!(
            check.pieces > 100,
            "附件{section} of the fixture should split into over a hundred pieces, not {}",
            check.pieces
        );
        assert!(
            check.missing.is_empty(),
            "{} of {} pieces of 附件{section} are not in {pdf}:\n{}",
            check.missing.len(),
            check.pieces,
            describe(&check.missing)
        );
    }
}

#[test]
fn the_seed_check_reports_text_that_is_not_there() {
    // The check can fail: 附件1 holds none of the notice's sentences nor 附件2's labels.
    let check = seed_check("attachment-1.pdf", &["notice", "2"]);
    let missing: Vec<&str> = check.missing.iter().map(|m| m.piece.as_str()).collect();
    // (Short pieces such as codes and units, 01 or 万元, are in every form.)
    assert!(
        missing.len() * 3 >= check.pieces * 2,
        "attachment-1.pdf should lack most of the notice and of 附件2: {} of {} missing",
        missing.len(),
        check.pieces
    );
    for piece in [
        "各区总工会,开发区、市直产业、相关委办局及各大型企事业单位工会:",
        "2014年度困难职工帮扶中心工作统计表",
        "乡镇(街道)工会帮扶工作站",
    ] {
        assert!(
            missing.contains(&piece),
            "`{piece}` should be reported missing from attachment-1.pdf: {missing:?}"
        );
    }
}

#[test]
fn page_numbers_do_not_stand_in_the_text() {
    // Page-number lines are dropped before the lines are joined, and nothing else is.
    let text = pdf_text(&build_2015().pdf("notice.pdf"), &[]).text;
    assert!(
        !text.contains("—1—") && !text.contains("—7—"),
        "page numbers should be removed from the compared text"
    );
    assert!(text.contains("1月9日—2月10日"), "a dash inside a sentence must stay");
    assert!(
        text.starts_with("武汉市总工会办公室文件武工办〔2014〕74号关于2015年元旦春节期间开展送温暖活动的通知"),
        "{}",
        &text[..text.char_indices().nth(60).map_or(text.len(), |(i, _)| i)]
    );
}
