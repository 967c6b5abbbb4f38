//! Issue #5, next year's edition: `gongwen new-edition data/2015 --year 2016 -o DIR` writes an
//! edition that `check` accepts and `build` renders, with the festival dates recomputed from
//! the Chinese calendar, every other date moved and listed to decide, the document number's
//! serial left blank, and the notice's TOML kept as the office wrote it: comments, key order,
//! layout. The years the built PDFs print are checked against the edition's own model,
//! expanded independently by tests/tools/edition/years.py.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use tempfile::TempDir;

/// `gongwen new-edition FROM --year YEAR -o TMP/YEAR`, kept with its output.
struct NewEdition {
    _dir: TempDir,
    path: PathBuf,
    run: Run,
}

fn new_edition(from: &Path, year: i32) -> NewEdition {
    let dir = TempDir::new().expect("a temporary folder");
    let path = dir.path().join(year.to_string());
    let run = gongwen([
        OsStr::new("new-edition"),
        from.as_os_str(),
        OsStr::new("--year"),
        year.to_string().as_ref(),
        OsStr::new("-o"),
        path.as_os_str(),
    ]);
    NewEdition { _dir: dir, path, run }
}

/// The 2016 and 2017 editions made from data/2015, once per test binary.
fn edition(year: i32) -> &'static NewEdition {
    static E2016: OnceLock<NewEdition> = OnceLock::new();
    static E2017: OnceLock<NewEdition> = OnceLock::new();
    let cell = match year {
        2016 => &E2016,
        2017 => &E2017,
        _ => unreachable!("only 2016 and 2017 are made"),
    };
    cell.get_or_init(|| {
        let e = new_edition(&edition_2015(), year);
        e.run.assert_ok(&format!("gongwen new-edition data/2015 --year {year}"));
        e
    })
}

/// The edition for `year`, built once per test binary.
fn built(year: i32) -> &'static Build {
    static B2016: OnceLock<Build> = OnceLock::new();
    static B2017: OnceLock<Build> = OnceLock::new();
    let cell = match year {
        2016 => &B2016,
        2017 => &B2017,
        _ => unreachable!("only 2016 and 2017 are built"),
    };
    cell.get_or_init(|| {
        let b = build(&edition(year).path);
        b.run.assert_ok(&format!("gongwen build of the {year} edition"));
        b
    })
}

fn toml_table(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse().unwrap_or_else(|e| panic!("{} is not TOML: {e}", path.display()))
}

/// A value of a TOML table by its dotted path, as TOML writes it (`2016-02-22`, `2015`).
fn value_at(table: &toml::Table, path: &str) -> Option<String> {
    let mut parts = path.split('.');
    let mut v = table.get(parts.next()?)?;
    for p in parts {
        v = v.get(p)?;
    }
    Some(v.to_string())
}

/// What each edition's notice.toml must say: (path, 2016, 2017). The festivals (元旦, 正月十五
/// of the Chinese calendar, 12月31日) are those of the new year; every other date is moved by
/// whole years.
const DATES: &[(&str, &str, &str)] = &[
    ("year", "2016", "2017"),
    ("dates.activity_start", "2016-01-01", "2017-01-01"),   // 元旦
    ("dates.activity_end", "2016-02-22", "2017-02-11"),     // 正月十五
    ("dates.report_end", "2015-12-31", "2016-12-31"),       // the year before ends
    ("dates.card_month_start", "2016-01-09", "2017-01-09"), // policy dates: moved
    ("dates.card_month_end", "2016-02-10", "2017-02-10"),
    ("dates.deadline", "2016-02-01", "2017-02-01"),
    ("signature.date", "2015-12-30", "2016-12-30"),
    ("head.number.year", "2015", "2016"),
];

#[test]
fn the_new_editions_say_the_new_years_dates() {
    for year in [2016, 2017] {
        let notice = toml_table(&edition(year).path.join("notice.toml"));
        for (path, y2016, y2017) in DATES {
            let want = if year == 2016 { y2016 } else { y2017 };
            assert_eq!(value_at(&notice, path).as_deref(), Some(*want), "{path} of the {year} edition");
        }
        assert_eq!(
            value_at(&notice, "head.number.serial"),
            None,
            "the {year} edition's document number should have no serial yet"
        );
        assert_eq!(value_at(&notice, "head.number.agency").as_deref(), Some("\"武工办\""));
    }
}

#[test]
fn check_accepts_the_new_editions_and_warns_of_the_blank_serial() {
    for year in [2016, 2017] {
        let e = edition(year);
        let run = gongwen([OsStr::new("check"), e.path.as_os_str()]);
        run.assert_ok(&format!("gongwen check of the {year} edition"));
        assert!(errors(&run.stderr).is_empty(), "check of the {year} edition reports errors:\n{run}");
        let warnings = warnings(&run.stderr);
        let notice = e.path.join("notice.toml");
        assert!(
            warnings
                .iter()
                .any(|w| w.text.contains("serial") && w.text.contains(&notice.display().to_string())),
            "check of the {year} edition should warn, at its notice.toml, that the document number has no serial:\n{run}"
        );
        assert_eq!(warnings.len(), 1, "the blank serial should be the only warning:\n{run}");
    }
}

#[test]
fn build_renders_the_new_editions() {
    for year in [2016, 2017] {
        let b = built(year);
        assert_eq!(
            listing(&b.out),
            outputs_sorted(),
            "the {year} edition should build into exactly the three PDFs and two workbooks:\n{}",
            b.run
        );
        for name in DOCUMENTS {
            assert!(page_count(&b.pdf(name)) > 0, "{name} of the {year} edition has no pages");
        }
    }
}

#[test]
fn the_festival_dates_of_the_new_year_are_printed() {
    let expected: [(i32, &[&str]); 2] = [
        (
            2016,
            &[
                "2016年1月1日至2016年2月22日（正月十五）",
                "关于2016年元旦春节期间",
                "统计数据截至2015年12月31日",
                "于2016年2月1日前",
                "将2016年的1月9日—2月10日确定为工会卡宣传月",
            ],
        ),
        (
            2017,
            &[
                "2017年1月1日至2017年2月11日（正月十五）",
                "关于2017年元旦春节期间",
                "统计数据截至2016年12月31日",
                "于2017年2月1日前",
                "将2017年的1月9日—2月10日确定为工会卡宣传月",
            ],
        ),
    ];
    for (year, texts) in expected {
        let text = pdf_text(&built(year).pdf("notice.pdf"), texts);
        assert!(text.missing.is_empty(), "the {year} notice.pdf lacks {:?}", text.missing);
    }
}

/// tests/tools/edition/toml_layout.py: comments, keys in order, and lines split around the value.
#[derive(serde::Deserialize)]
struct Layout {
    comments: Vec<Comment>,
    keys: Vec<Key>,
    lines: Vec<Line>,
}

#[derive(serde::Deserialize)]
struct Comment {
    line: usize,
    text: String,
}

#[derive(serde::Deserialize)]
struct Key {
    path: String,
}

#[derive(serde::Deserialize)]
struct Line {
    line: usize,
    text: String,
    key: Option<String>,
    before: String,
    value: String,
    after: String,
}

fn layout(path: &Path) -> Layout {
    python_json("edition/toml_layout.py", [path])
}

#[test]
fn every_comment_of_the_old_notice_is_kept_in_order() {
    let old = layout(&edition_2015().join("notice.toml"));
    assert!(
        old.comments.len() > 40,
        "data/2015/notice.toml should have dozens of comments, the scanner found {}",
        old.comments.len()
    );
    for year in [2016, 2017] {
        let new = layout(&edition(year).path.join("notice.toml"));
        let new_texts: Vec<&str> = new.comments.iter().map(|c| c.text.as_str()).collect();
        let missing: Vec<String> = old
            .comments
            .iter()
            .filter(|c| !new_texts.contains(&c.text.as_str()))
            .map(|c| format!("  data/2015/notice.toml:{}: # {}", c.line, c.text))
            .collect();
        assert!(missing.is_empty(), "the {year} notice.toml lost comments:\n{}", missing.join("\n"));
        // …and in the same order: the old comments are a subsequence of the new ones.
        let mut rest = new_texts.iter();
        for c in &old.comments {
            assert!(
                rest.any(|t| *t == c.text),
                "the {year} notice.toml moved the comment of line {} (# {})",
                c.line,
                c.text
            );
        }
    }
}

#[test]
fn the_keys_stay_in_their_order_and_only_the_changed_values_change() {
    // The values new-edition may rewrite; the serial is removed.
    let changed: Vec<&str> = DATES.iter().map(|(p, _, _)| *p).collect();
    let serial = "head.number.serial";
    let old = layout(&edition_2015().join("notice.toml"));
    for year in [2016, 2017] {
        let new = layout(&edition(year).path.join("notice.toml"));
        let old_keys: Vec<&str> = old.keys.iter().map(|k| k.path.as_str()).filter(|p| *p != serial).collect();
        let new_keys: Vec<&str> = new.keys.iter().map(|k| k.path.as_str()).collect();
        assert_eq!(
            new_keys, old_keys,
            "the {year} notice.toml should have the old keys in the old order, less the serial"
        );

        let old_lines: Vec<&Line> = old.lines.iter().filter(|l| l.key.as_deref() != Some(serial)).collect();
        assert_eq!(
            new.lines.len(),
            old_lines.len(),
            "the {year} notice.toml should have the old lines less the serial's"
        );
        for (o, n) in old_lines.iter().zip(&new.lines) {
            if o.text == n.text {
                continue;
            }
            let key = o.key.as_deref().unwrap_or_default();
            assert!(
                changed.contains(&key) && n.key == o.key,
                "line {} of the {year} notice.toml changed, but it is not a value new-edition moves:\n  was: {}\n  now: {}",
                n.line,
                o.text,
                n.text
            );
            assert!(
                n.before == o.before && n.after == o.after,
                "line {} of the {year} notice.toml: only the value should change, its key, spacing and comment kept:\n  was: {}\n  now: {}",
                n.line,
                o.text,
                n.text
            );
            assert_ne!(n.value, o.value, "line {}", n.line);
        }
    }
}

#[test]
fn the_other_files_of_the_edition_are_copied_unchanged() {
    for year in [2016, 2017] {
        let path = &edition(year).path;
        assert_eq!(
            listing(path),
            listing(&edition_2015()),
            "the {year} edition should hold the same files as data/2015"
        );
        for name in listing(&edition_2015()).into_iter().filter(|n| n != "notice.toml") {
            let old = std::fs::read(edition_2015().join(&name)).unwrap();
            let new = std::fs::read(path.join(&name)).unwrap();
            assert!(old == new, "{name} of the {year} edition differs from data/2015's");
        }
    }
}

/// tests/tools/edition/years.py: the years each PDF prints and the model's texts that print them.
#[derive(serde::Deserialize)]
struct Years {
    year: i64,
    model: BTreeMap<String, Vec<String>>,
    literal: Vec<Literal>,
    pdfs: Vec<PdfYears>,
}

#[derive(serde::Deserialize, Debug)]
struct Literal {
    file: String,
    text: String,
}

#[derive(serde::Deserialize)]
struct PdfYears {
    pdf: String,
    text: String,
    occurrences: Vec<Occurrence>,
}

#[derive(serde::Deserialize)]
struct Occurrence {
    year: String,
    context: String,
    by: Option<String>,
}

#[test]
fn no_stale_year_is_printed_except_where_the_model_puts_it() {
    for year in [2016, 2017] {
        let b = built(year);
        let mut args: Vec<PathBuf> = vec![edition(year).path.clone()];
        args.extend(DOCUMENTS.iter().map(|n| b.pdf(n)));
        let years: Years = python_json("edition/years.py", &args);
        assert_eq!(years.year, i64::from(year));
        // Years in titles and text move through placeholders: no string spells one in digits.
        let literal: Vec<String> = years.literal.iter().map(|l| format!("  {}: {}", l.file, l.text)).collect();
        assert!(
            literal.is_empty(),
            "strings of the {year} edition spell a year in digits:\n{}",
            literal.join("\n")
        );
        let previous = (year - 1).to_string();
        // The model itself: the previous year only where it is meant (the number's year, the
        // reporting year of 附件2, the signing date), nothing older.
        let allowed = years.model.get(&previous).cloned().unwrap_or_default();
        for (y, texts) in &years.model {
            let y: i32 = y.parse().unwrap();
            assert!(y >= year - 1, "the {year} edition's model still prints {y}: {texts:?}");
        }
        for needle in [
            format!("武工办〔{previous}〕号"),
            format!("{previous}年12月30日"),
            format!("统计数据截至{previous}年12月31日;"),
        ] {
            assert!(
                allowed.contains(&needle),
                "the {year} model should print {previous} in `{needle}`; its texts naming {previous}: {allowed:?}"
            );
        }
        for pdf in &years.pdfs {
            let name = Path::new(&pdf.pdf).file_name().unwrap().to_string_lossy();
            assert!(!pdf.occurrences.is_empty(), "{name} of {year} prints no year at all");
            for stale in 2000..year - 1 {
                assert!(!pdf.text.contains(&stale.to_string()), "{name} of the {year} edition prints {stale}");
            }
            let unaccounted: Vec<String> = pdf
                .occurrences
                .iter()
                .filter(|o| o.by.is_none())
                .map(|o| format!("  {} in …{}…", o.year, o.context))
                .collect();
            assert!(
                unaccounted.is_empty(),
                "{name} of the {year} edition prints years that no text of its model puts there:\n{}",
                unaccounted.join("\n")
            );
            assert!(
                pdf.occurrences.iter().any(|o| o.year == previous),
                "{name} of {year} should print {previous} (its document number)"
            );
        }
        // Every text of the model that names the previous year is printed in the notice
        // (which carries both forms).
        let notice = &years.pdfs[0];
        for t in &allowed {
            assert!(notice.text.contains(t.as_str()), "the {year} notice.pdf should print `{t}`");
        }
    }
}

/// tests/tools/glyphs.py, the part read here.
#[derive(serde::Deserialize)]
struct Glyphs {
    pages: Vec<GlyphPage>,
}

#[derive(serde::Deserialize)]
struct GlyphPage {
    chars: Vec<Glyph>,
}

#[derive(serde::Deserialize)]
struct Glyph {
    text: String,
    x0: f64,
    baseline: f64,
}

#[test]
fn the_blank_serial_prints_as_two_blank_characters() {
    let glyphs: Glyphs = python_json("glyphs.py", [built(2016).pdf("notice.pdf")]);
    let page = &glyphs.pages[0];
    let open = page.chars.iter().position(|c| c.text == "〔").expect("the document number's 〔 on page 1");
    let line: Vec<&Glyph> = page.chars[open - 3..]
        .iter()
        .take_while(|c| (c.baseline - page.chars[open].baseline).abs() < 0.5)
        .collect();
    let text: String = line.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        text, "武工办〔2015〕\u{3000}\u{3000}号",
        "the document number of the 2016 edition, glyph by glyph"
    );
    // Two whole cells between 〕 and 号, the pitch of the characters before them.
    let pitch = line[1].x0 - line[0].x0;
    let close = line.iter().position(|c| c.text == "〕").unwrap();
    let gap = line[close + 3].x0 - line[close].x0;
    assert!(
        (gap - 3.0 * pitch).abs() < 0.5,
        "号 should stand three cells after 〕 (pitch {pitch:.2} pt), not {gap:.2} pt"
    );
}

/// The lines of a section of new-edition's output (`changed:`, `still to decide:`).
fn section<'a>(stdout: &'a str, title: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .skip_while(|l| *l != title)
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(str::trim)
        .collect()
}

#[test]
fn the_command_says_what_changed_and_what_is_left_to_decide() {
    for year in [2016, 2017] {
        let run = &edition(year).run;
        let changed = section(&run.stdout, "changed:");
        let decide = section(&run.stdout, "still to decide:");
        let names = |lines: &[&str]| lines.iter().map(|l| l.split(':').next().unwrap_or_default().to_string()).collect::<Vec<_>>();
        let (changed_names, decide_names) = (names(&changed), names(&decide));
        for key in ["year", "dates.activity_start", "dates.activity_end", "dates.report_end", "head.number.year"] {
            assert!(changed_names.iter().any(|n| n == key), "`{key}` should be listed as changed:\n{run}");
            assert!(!decide_names.iter().any(|n| n == key), "`{key}` is settled, not to decide:\n{run}");
        }
        for key in [
            "head.number.serial",
            "dates.card_month_start",
            "dates.card_month_end",
            "dates.deadline",
            "signature.date",
        ] {
            assert!(decide_names.iter().any(|n| n == key), "`{key}` should be listed as still to decide:\n{run}");
            assert!(!changed_names.iter().any(|n| n == key), "`{key}` is to decide, not settled:\n{run}");
        }
        // The festival lines give the new date.
        let lantern = if year == 2016 { "2016-02-22" } else { "2017-02-11" };
        assert!(
            changed.iter().any(|l| l.starts_with("dates.activity_end") && l.contains(lantern)),
            "activity_end should be {lantern}:\n{run}"
        );
        assert!(errors(&run.stderr).is_empty(), "new-edition reported errors:\n{run}");
    }
}

/// The names and bytes of every file under `dir`.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path.clone());
                out.insert(path, Vec::new());
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn a_target_folder_that_is_not_empty_is_refused_and_left_alone() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("2016");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("draft.txt"), "a draft the office is working on").unwrap();
    let before = contents(dir.path());
    let source = contents(&edition_2015());
    let run = gongwen([
        OsStr::new("new-edition"),
        OsStr::new("data/2015"),
        OsStr::new("--year"),
        OsStr::new("2016"),
        OsStr::new("-o"),
        target.as_os_str(),
    ]);
    assert_eq!(run.code, Some(1), "new-edition into a folder that is not empty:\n{run}");
    assert!(!errors(&run.stderr).is_empty(), "the refusal should be an error:\n{run}");
    assert!(run.stderr.contains(&target.display().to_string()), "the error should name the folder:\n{run}");
    assert!(contents(dir.path()) == before, "the target folder was changed");
    assert!(contents(&edition_2015()) == source, "data/2015 was changed");
}

#[test]
fn a_year_that_does_not_come_after_the_editions_is_refused() {
    for year in ["2015", "2014"] {
        let dir = TempDir::new().unwrap();
        let target = dir.path().join("new");
        let run = gongwen([
            OsStr::new("new-edition"),
            OsStr::new("data/2015"),
            OsStr::new("--year"),
            OsStr::new(year),
            OsStr::new("-o"),
            target.as_os_str(),
        ]);
        assert_eq!(run.code, Some(1), "new-edition --year {year} from the 2015 edition:\n{run}");
        let errors = errors(&run.stderr);
        assert!(
            errors.iter().any(|e| e.text.contains(year) && e.text.contains("2015")),
            "the error should name both years:\n{run}"
        );
        assert!(!target.exists(), "--year {year}: the target folder should not be created");
    }
}

#[test]
fn an_existing_empty_folder_is_a_fine_target() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("2016");
    std::fs::create_dir(&target).unwrap();
    let run = gongwen([
        OsStr::new("new-edition"),
        OsStr::new("data/2015"),
        OsStr::new("--year"),
        OsStr::new("2016"),
        OsStr::new("-o"),
        target.as_os_str(),
    ]);
    run.assert_ok("new-edition into an empty folder");
    let made = std::fs::read(target.join("notice.toml")).unwrap();
    let direct = std::fs::read(edition(2016).path.join("notice.toml")).unwrap();
    assert!(
        made == direct,
        "the notice.toml written into an existing empty folder differs from the one written into a new folder"
    );
}

#[test]
fn a_year_later_through_an_edition_without_a_serial_is_the_same() {
    // 2015 → 2016 → 2017 gives the same notice.toml as 2015 → 2017.
    let chained = new_edition(&edition(2016).path, 2017);
    chained.run.assert_ok("new-edition of the 2016 edition --year 2017");
    let a = std::fs::read_to_string(chained.path.join("notice.toml")).unwrap();
    let b = std::fs::read_to_string(edition(2017).path.join("notice.toml")).unwrap();
    assert_eq!(a, b, "2015 → 2016 → 2017 and 2015 → 2017 should give the same notice.toml");
}

// ── Bugs found while writing these tests (see the report) ──────────────────────────────────

#[test]
fn the_blank_serial_is_still_to_decide_in_the_next_years_edition() {
    // The 2016 edition has no serial yet; the 2017 edition made from it has none either, and
    // the office still has to decide it.
    let chained = new_edition(&edition(2016).path, 2017);
    chained.run.assert_ok("new-edition of the 2016 edition --year 2017");
    let decide = section(&chained.run.stdout, "still to decide:");
    assert!(
        decide.iter().any(|l| l.starts_with("head.number.serial")),
        "the blank serial should be listed as still to decide:\n{}",
        chained.run
    );
}

#[test]
fn an_error_after_writing_leaves_nothing_written() {
    // A period from a policy date to a festival can come out backwards in the new year:
    // 2015-02-25 … 2015-03-05 (正月十五) becomes 2016-02-25 … 2016-02-22. new-edition reports
    // the error; when it says "nothing written", nothing may be left behind.
    let e = edition_with(&[
        ("notice.toml", "card_month_start = 2015-01-09", "card_month_start = 2015-02-25"),
        ("notice.toml", "card_month_end = 2015-02-10", "card_month_end = 2015-03-05"),
    ]);
    gongwen([OsStr::new("check"), e.path.as_os_str()]).assert_ok("check of the edited 2015 edition");
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("2016");
    let run = gongwen([
        OsStr::new("new-edition"),
        e.path.as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2016"),
        OsStr::new("-o"),
        target.as_os_str(),
    ]);
    assert_eq!(run.code, Some(1), "the new edition's period ends before it starts:\n{run}");
    assert!(run.stderr.contains("card_month_end"), "the error should name the date:\n{run}");
    if run.stderr.contains("nothing written") {
        assert!(
            listing(&target).is_empty(),
            "new-edition says `nothing written` but wrote {:?} into {}",
            listing(&target),
            target.display()
        );
    }
}

#[test]
fn a_target_inside_the_edition_is_not_copied_into_itself() {
    let e = edition_with(&[]);
    let target = e.path.join("2016");
    let run = gongwen([
        OsStr::new("new-edition"),
        e.path.as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2016"),
        OsStr::new("-o"),
        target.as_os_str(),
    ]);
    let nested = target.join("2016");
    let n = if target.exists() { contents(&target).len() } else { 0 };
    // Cleaned up here so that a failure does not leave thousands of nested folders behind.
    let exists = nested.exists();
    let _ = std::fs::remove_dir_all(&target);
    assert!(
        !exists,
        "new-edition copied the target folder into itself ({n} files and folders under it):\n{run}"
    );
    if run.code == Some(0) {
        assert!(n > 0, "new-edition succeeded but wrote nothing:\n{run}");
    } else {
        assert_eq!(n, 0, "new-edition failed but left {n} files behind:\n{run}");
    }
}

#[test]
fn a_year_out_of_range_is_refused_before_anything_is_written() {
    // The loader takes campaign years 1900 to 2200. 9999 writes an edition that it then
    // rejects; 10000 panics in the Chinese calendar (reissue.rs: "a festival exists every
    // year"). Either should be refused up front, as --year 2014 is.
    for year in ["9999", "10000"] {
        let dir = TempDir::new().unwrap();
        let target = dir.path().join("new");
        let run = gongwen([
            OsStr::new("new-edition"),
            OsStr::new("data/2015"),
            OsStr::new("--year"),
            OsStr::new(year),
            OsStr::new("-o"),
            target.as_os_str(),
        ]);
        assert_eq!(run.code, Some(1), "new-edition --year {year} should be refused with exit 1:\n{run}");
        assert!(!run.stderr.contains("panicked"), "new-edition --year {year} panicked:\n{run}");
        assert!(
            errors(&run.stderr).iter().any(|e| e.text.contains(year)),
            "the error should name {year}:\n{run}"
        );
        assert!(
            !target.exists(),
            "--year {year}: the target folder should not be created, it holds {:?}",
            listing(&target)
        );
    }
}
