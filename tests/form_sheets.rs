//! Issue 12, the forms as spreadsheets: `gongwen build` writes attachment-N.xlsx beside each
//! form's PDF, a sheet that Excel, WPS and LibreOffice fill and print. Read with openpyxl
//! (tests/tools/forms/sheet.py) and LibreOffice, and compared with the edition's TOML
//! (tests/tools/forms/model.py), not with gongwen.
//!
//! Needs: python3 with openpyxl; LibreOffice (`soffice`, Debian's libreoffice-calc-nogui);
//! poppler-utils.

mod common;

use std::ffi::OsStr;
use std::path::PathBuf;

use common::*;
use serde_json::Value as Json;

fn sheet(n: usize) -> PathBuf {
    build_2015().out.join(format!("attachment-{n}.xlsx"))
}

/// The blanks of 附件N as the edition's TOML has them: (name, kind).
fn blanks(n: usize) -> Vec<(String, String)> {
    let dir = edition_2015();
    let j: Json = python_json(
        "forms/model.py",
        [dir.join(format!("attachment-{n}.toml")).as_os_str(), dir.join("notice.toml").as_os_str()],
    );
    j["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_string(), f["kind"].as_str().unwrap().to_string()))
        .collect()
}

/// Every blank of both forms has a cell with a defined name (`_01A`; `unit`, `reporter`,
/// `phone`), unlocked and validated by its kind; everything else is locked on a protected
/// sheet (no password); the workbook says which form of which edition it is; it prints on
/// A4, one page wide.
#[test]
fn each_blank_is_a_named_unlocked_validated_cell_of_a_protected_sheet() {
    for n in [1, 2] {
        let path = sheet(n);
        let s: Json = python_json("forms/sheet.py", [&path]);
        assert_eq!(s["sheets"], serde_json::json!([format!("附件{n}")]), "{s}");
        assert_eq!(s["protected"], true, "附件{n}: the sheet is protected");
        assert_eq!(s["password"], false, "附件{n}: without a password");
        assert_eq!(s["paper"], 9, "附件{n}: A4 (Excel's paper size 9)");
        assert_eq!(s["fit"], true, "附件{n}: printed fitted to the page");
        assert!(matches!(s["fit_width"].as_u64(), None | Some(1)), "附件{n}: one page wide: {}", s["fit_width"]);
        assert_eq!(s["fit_height"], 0, "附件{n}: as many pages tall as needed");
        assert_eq!(s["landscape"], false);
        let names = s["names"].as_object().unwrap();
        let model = blanks(n);
        for (name, kind) in &model {
            let defined = if kind == "text" { name.clone() } else { format!("_{name}") };
            let cell = names
                .get(&defined)
                .unwrap_or_else(|| panic!("附件{n}: no defined name {defined} among {:?}", names.keys()));
            assert_eq!(cell["locked"], false, "附件{n} {defined}: the blank's cell is unlocked: {cell}");
            let v = &cell["validation"];
            match kind.as_str() {
                "count" => assert_eq!(
                    (&v["type"], &v["operator"], &v["formula1"]),
                    (&"whole".into(), &"greaterThanOrEqual".into(), &"0".into()),
                    "附件{n} {defined}: {v}"
                ),
                "amount" => assert_eq!(
                    (&v["type"], &v["operator"], &v["formula1"]),
                    (&"decimal".into(), &"greaterThanOrEqual".into(), &"0".into()),
                    "附件{n} {defined}: {v}"
                ),
                "choice" => {
                    assert_eq!(v["type"], "list", "附件{n} {defined}: {v}");
                    assert_eq!(v["formula1"], "\"是,否\"", "附件{n} {defined}: {v}");
                }
                _ => assert!(v.is_null(), "附件{n} {defined}: free text: {v}"),
            }
        }
        let numbered = names.keys().filter(|k| k.starts_with('_')).count();
        assert_eq!(
            numbered,
            model.iter().filter(|(_, k)| k != "text").count(),
            "附件{n}: one name per numbered blank, and no more"
        );
        assert!(
            s["unlocked_texts"].as_array().unwrap().is_empty(),
            "附件{n}: only blanks are unlocked: {}",
            s["unlocked_texts"]
        );
        assert!(s["locked_texts"].as_u64().unwrap() > 100, "附件{n}: the labels are locked");
        assert!(s["title"].as_str().unwrap().ends_with("统计表"), "{}", s["title"]);
        assert_eq!(
            s["form"],
            format!("武工办〔2014〕74号, 附件{n}"),
            "附件{n}: the edition's number and attachment"
        );
        // Every rule of the form stands beside the items it binds, as a check cell that a
        // conditional format turns red.
        let rules = std::fs::read_to_string(edition_2015().join(format!("attachment-{n}.toml"))).unwrap();
        let checks = s["checks"].as_array().unwrap();
        for line in rules
            .lines()
            .filter(|l| l.trim_start().starts_with('"') && (l.contains(" = ") || l.contains("<=")))
        {
            let rule = line.trim().trim_start_matches('"').split('"').next().unwrap();
            let c = checks
                .iter()
                .find(|c| c["formula"].as_str().unwrap().contains(rule))
                .unwrap_or_else(|| panic!("附件{n}: no check cell for {rule}"));
            assert_eq!(c["red"], true, "附件{n}: {rule}'s check cell has a conditional format: {c}");
        }
    }
}

/// A unit fills 05A = 10 with parts adding up to 9: LibreOffice, calculating the check cells
/// itself, shows the rule as broken (×); with parts adding up to 10, as holding (√).
#[test]
fn a_check_cell_shows_whether_a_total_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    for (parts, mark) in [(["1", "2", "3", "3", "0"], "×"), (["1", "2", "3", "4", "0"], "√")] {
        let out = dir.path().join(format!("{mark}.xlsx"));
        let mut values = serde_json::json!({"05A": "10"});
        for (code, v) in ["05B", "05C", "05D", "05E", "05F"].iter().zip(parts) {
            values[code] = v.into();
        }
        let _: Json = python_json(
            "collect/fill_sheet.py",
            [sheet(1).as_os_str(), out.as_os_str(), OsStr::new(&values.to_string())],
        );
        let lo: Json = python_json("collect/recalc.py", [&out]);
        let rows: Vec<Vec<String>> = serde_json::from_value(lo["rows"].clone()).unwrap();
        let row = rows.iter().find(|r| r[0] == "05A").expect("05A's row");
        let check = &row[4];
        assert!(
            check.starts_with(mark) && check.contains("05A = 05B + 05C + 05D + 05E + 05F"),
            "parts {parts:?}: the check cell reads {check:?}"
        );
    }
}

/// LibreOffice prints the form on A4 with the title and every label, the blank cells for the
/// values beside them.
#[test]
fn the_sheet_prints_on_a4_with_its_title_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let run = run_tool(
        "soffice",
        [
            OsStr::new(&format!("-env:UserInstallation=file://{}", profile.display())),
            OsStr::new("--headless"),
            OsStr::new("--convert-to"),
            OsStr::new("pdf"),
            OsStr::new("--outdir"),
            dir.path().as_os_str(),
            sheet(1).as_os_str(),
        ],
    );
    let pdf = dir.path().join("attachment-1.pdf");
    assert!(pdf.is_file(), "LibreOffice printed the sheet:\n{run}");
    let info = run_tool("pdfinfo", [&pdf]);
    assert!(info.stdout.contains("595.") && info.stdout.contains("841."), "A4:\n{info}");
    let text = pdf_text(
        &pdf,
        &["2015年工会送温暖活动统计表", "填报单位", "当地职工总数", "其中农民工总数", "筹集款物总额"],
    );
    assert!(text.missing.is_empty(), "printed without {:?}", text.missing);
    let pages = page_count(&pdf);
    assert!(pages <= 3, "附件1 prints on {pages} pages, one wide");
}

/// `fill --units --format pdf,xlsx` writes each unit's form as a PDF and as a workbook whose
/// named cells hold its values; collect reads the workbooks back.
#[test]
fn fill_writes_prefilled_workbooks_and_collect_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, "填报单位,填报人,联系电话,01A,01B,05A,05B,05C,05D,05E,05F\n武汉市江岸区总工会,李四,027-82771234,1200,300,12.5,2.5,10,0,0,0\n武汉市江汉区总工会,王五,027-85551234,980,90,1,1,0,0,0,0\n").unwrap();
    let forms = dir.path().join("forms");
    let r = gongwen([
        OsStr::new("fill"),
        OsStr::new("data/2015"),
        OsStr::new("-n"),
        OsStr::new("1"),
        OsStr::new("--units"),
        units.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("pdf,xlsx"),
        OsStr::new("-o"),
        forms.as_os_str(),
    ]);
    r.assert_ok("fill --units --format pdf,xlsx");
    assert_eq!(
        listing(&forms),
        [
            "武汉市江岸区总工会.pdf",
            "武汉市江岸区总工会.xlsx",
            "武汉市江汉区总工会.pdf",
            "武汉市江汉区总工会.xlsx"
        ]
    );
    let s: Json = python_json("forms/sheet.py", [forms.join("武汉市江岸区总工会.xlsx")]);
    assert_eq!(s["names"]["unit"]["value"], "武汉市江岸区总工会");
    assert_eq!(s["names"]["_01A"]["value"], 1200);
    assert_eq!(s["names"]["_05A"]["value"], 12.5);
    let summary = dir.path().join("汇总.csv");
    let r = gongwen([
        OsStr::new("collect"),
        OsStr::new("data/2015"),
        OsStr::new("-n"),
        OsStr::new("1"),
        forms.join("武汉市江岸区总工会.xlsx").as_os_str(),
        forms.join("武汉市江汉区总工会.xlsx").as_os_str(),
        OsStr::new("-o"),
        summary.as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "both pre-filled workbooks pass (blanks left empty are warnings):\n{r}");
    let csv = std::fs::read_to_string(&summary).unwrap();
    let total = csv.lines().find(|l| l.starts_with("合计")).unwrap();
    assert!(total.starts_with("合计,,,,,2180,390"), "合计 of 01A and 01B: {total}");
}

/// The same edition gives the same workbook bytes, build after build.
#[test]
fn the_workbooks_are_reproducible() {
    let again = build(&edition_2015());
    again.run.assert_ok("a second build");
    for n in [1, 2] {
        let name = format!("attachment-{n}.xlsx");
        let (a, b) = (std::fs::read(sheet(n)).unwrap(), std::fs::read(again.out.join(&name)).unwrap());
        assert!(a == b, "{name} differs between two builds of one edition");
    }
}
