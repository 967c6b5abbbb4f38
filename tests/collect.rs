//! Issue #4, `gongwen collect`, as the union office meets it. The office sends the blank 附件1
//! to the districts; each fills it in whatever it has (pypdf, pdftk, `gongwen fill`); some
//! make mistakes, some send the wrong form, half a download, a Word file, a protected PDF or
//! the same return twice; the office drops the lot into a folder and runs
//! `gongwen collect data/2015 -n 1 returns -o 汇总.xlsx`.
//!
//! The summary is read back with readers that are not gongwen's (openpyxl, Python's csv), and
//! what it should hold is worked out in Python from the edition's TOML and the values as the
//! units typed them (tests/tools/collect/expect.py), not from gongwen.
//!
//! Needs: python3 (3.11+) with pypdf, cryptography and openpyxl
//! (`python3 -m pip install 'pypdf>=5' cryptography openpyxl`), and pdftk
//! (`apt-get install pdftk-java`). A missing tool fails the test with what to install.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{Value as Json, json};
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const GONGWEN: &str = env!("CARGO_BIN_EXE_gongwen");

/// The status words of the CSV, and the labels of the XLSX.
const WORDS: [&str; 4] = ["accepted", "warning", "rejected", "unreadable"];
fn chinese(word: &str) -> &'static str {
    match word {
        "accepted" => "通过",
        "warning" => "通过（有警告）",
        "rejected" => "退回",
        "unreadable" => "无法读取",
        other => panic!("no status {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// Tools

fn install_hint(tool: &str) -> &'static str {
    match tool {
        "python3" => "apt-get install python3 (3.11 or later), then python3 -m pip install 'pypdf>=5' cryptography openpyxl",
        "pdftk" => "apt-get install pdftk-java",
        _ => "install it",
    }
}

/// Fails the test unless `tool` is on PATH.
fn need(tool: &str) {
    let found = std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()));
    assert!(found, "{tool} is not installed, and these tests need it: {}", install_hint(tool));
}

/// A finished command.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit code {:?}\n--- stdout\n{}--- stderr\n{}---", self.code, self.stdout, self.stderr)
    }
}

fn run<I, S>(program: &str, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    if program != GONGWEN {
        need(program);
    }
    let out = Command::new(program)
        .args(args)
        .current_dir(ROOT)
        .env_remove("GONGWEN_FONTS")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs tests/tools/collect/SCRIPT with ARGS and parses the JSON it prints.
fn py<I, S>(script: &str, args: I) -> Json
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut argv: Vec<OsString> = vec![Path::new(ROOT).join("tests/tools/collect").join(script).into_os_string()];
    argv.extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
    let r = run("python3", &argv);
    assert_eq!(r.code, Some(0), "tests/tools/collect/{script} failed:\n{r}");
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("tests/tools/collect/{script} printed no JSON ({e}):\n{r}"))
}

/// `gongwen ARGS…`, from the checkout.
fn gongwen<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run(GONGWEN, args)
}

fn edition_dir() -> PathBuf {
    Path::new(ROOT).join("data/2015")
}

/// `gongwen collect data/2015 -n N PATHS… -o SUMMARY`.
fn collect(n: usize, paths: &[&Path], summary: &Path) -> Run {
    let mut args: Vec<OsString> = vec!["collect".into(), edition_dir().into(), "-n".into(), n.to_string().into()];
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    args.extend(["-o".into(), summary.as_os_str().to_owned()]);
    gongwen(args)
}

// ---------------------------------------------------------------------------------------
// The blank forms, and returns filled as the units fill them

/// The blank forms: 附件1 and 附件2 of the 2015 edition, and 附件1 of a 2016 edition (the
/// same notice reissued a year later), each built once per test binary.
struct Blanks {
    _dir: TempDir,
    a1: PathBuf,
    a2: PathBuf,
    a1_2016: PathBuf,
    /// 附件1 as the spreadsheet `build` writes beside the PDF.
    a1_xlsx: PathBuf,
    /// 附件2's workbook, and 附件1's of the 2016 edition.
    a2_xlsx: PathBuf,
    a1_2016_xlsx: PathBuf,
}

fn blanks() -> &'static Blanks {
    static BLANKS: OnceLock<Blanks> = OnceLock::new();
    BLANKS.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        let out = dir.path().join("2015");
        let r = gongwen([OsStr::new("build"), edition_dir().as_os_str(), OsStr::new("-o"), out.as_os_str()]);
        assert_eq!(r.code, Some(0), "gongwen build data/2015 failed:\n{r}");
        // Next year's notice: the campaign year and the document number change.
        let e2016 = dir.path().join("edition-2016");
        std::fs::create_dir(&e2016).unwrap();
        for entry in std::fs::read_dir(edition_dir()).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), e2016.join(entry.file_name())).unwrap();
        }
        let notice = std::fs::read_to_string(e2016.join("notice.toml")).unwrap();
        for from in ["\nyear = 2015", "\nyear = 2014", "\nserial = 74"] {
            assert_eq!(notice.matches(from).count(), 1, "data/2015/notice.toml should have `{}` once", from.trim());
        }
        let notice = notice
            .replacen("\nyear = 2015", "\nyear = 2016", 1)
            .replacen("\nyear = 2014", "\nyear = 2015", 1)
            .replacen("\nserial = 74", "\nserial = 80", 1);
        std::fs::write(e2016.join("notice.toml"), notice).unwrap();
        let out2016 = dir.path().join("2016");
        let r = gongwen([OsStr::new("build"), e2016.as_os_str(), OsStr::new("-o"), out2016.as_os_str()]);
        assert_eq!(r.code, Some(0), "gongwen build of the 2016 edition failed:\n{r}");
        Blanks {
            a1_xlsx: out.join("attachment-1.xlsx"),
            a2_xlsx: out.join("attachment-2.xlsx"),
            a1_2016_xlsx: out2016.join("attachment-1.xlsx"),
            a1: out.join("attachment-1.pdf"),
            a2: out.join("attachment-2.pdf"),
            a1_2016: out2016.join("attachment-1.pdf"),
            _dir: dir,
        }
    })
}

/// Values as typed: field name → text.
type Typed = BTreeMap<String, String>;

#[derive(Clone, Copy, Debug)]
enum Filler {
    Pypdf,
    Pdftk,
    /// `gongwen fill --values`.
    Gongwen,
}

/// Fills `blank` with `values` using `filler`, writing `out`.
fn fill(filler: Filler, blank: &Path, out: &Path, values: &Typed) {
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    match filler {
        Filler::Pypdf | Filler::Pdftk => {
            let tool = if matches!(filler, Filler::Pypdf) { "pypdf" } else { "pdftk" };
            if tool == "pdftk" {
                need("pdftk");
            }
            let json_file = out.with_extension("values.json");
            std::fs::write(&json_file, serde_json::to_string(values).unwrap()).unwrap();
            let mut at = OsString::from("@");
            at.push(&json_file);
            py("fill.py", [OsStr::new(tool), blank.as_os_str(), out.as_os_str(), &at]);
            std::fs::remove_file(&json_file).unwrap();
        }
        Filler::Gongwen => {
            let toml_file = out.with_extension("toml");
            let text: String = values
                .iter()
                .map(|(k, v)| format!("\"{k}\" = {}\n", serde_json::to_string(v).unwrap()))
                .collect();
            std::fs::write(&toml_file, text).unwrap();
            let r = gongwen([
                OsStr::new("fill"),
                edition_dir().as_os_str(),
                OsStr::new("-n"),
                OsStr::new("1"),
                OsStr::new("--values"),
                toml_file.as_os_str(),
                OsStr::new("-o"),
                out.as_os_str(),
            ]);
            assert_eq!(r.code, Some(0), "gongwen fill failed:\n{r}");
            std::fs::remove_file(&toml_file).unwrap();
        }
    }
    assert!(out.is_file(), "{filler:?} wrote no {}", out.display());
}

/// Fills the blank workbook `blank` with `values` as a unit's spreadsheet program would
/// (openpyxl by the cells' names; LibreOffice converting to .xls or .ods; an .et is the .xls
/// bytes under WPS's name), writing `out`; `moved`, a code whose cell the unit moved.
fn fill_sheet(blank: &Path, out: &Path, values: &Typed, moved: Option<&str>) {
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let json_file = out.with_extension("values.json");
    std::fs::write(&json_file, serde_json::to_string(values).unwrap()).unwrap();
    let mut at = OsString::from("@");
    at.push(&json_file);
    let mut args: Vec<OsString> = vec![blank.into(), out.into(), at];
    if let Some(code) = moved {
        args.extend(["--move".into(), code.into()]);
    }
    py("fill_sheet.py", &args);
    std::fs::remove_file(&json_file).unwrap();
    assert!(out.is_file(), "fill_sheet.py wrote no {}", out.display());
}

/// Counts of a whole 附件1 return, for a district of size 1; they obey every rule of the form.
const COUNTS_1: [(&str, i64); 46] = [
    ("01A", 1000),
    ("01B", 400),
    ("02A", 120),
    ("02B", 50),
    ("03A", 80),
    ("03B", 30),
    ("03C", 20),
    ("03D", 25),
    ("03E", 10),
    ("03F", 5),
    ("04A", 40),
    ("04B", 8),
    ("04C", 600),
    ("04D", 70),
    ("04E", 40),
    ("04F", 20),
    ("04G", 3),
    ("07A", 300),
    ("07B", 120),
    ("07C", 15),
    ("07D", 90),
    ("07E", 45),
    ("07F", 30),
    ("07G", 25),
    ("07H", 12),
    ("07I", 60),
    ("07K", 35),
    ("08A", 40),
    ("08B", 500),
    ("08C", 70),
    ("09A", 500),
    ("09B", 50),
    ("09C", 200),
    ("09D", 150),
    ("09E", 100),
    ("10A", 3000),
    ("10B", 2),
    ("10C", 1000),
    ("10D", 5),
    ("10E", 400),
    ("10F", 20),
    ("10G", 800),
    ("10H", 1),
    ("10I", 100),
    ("10J", 1),
    ("10K", 150),
];
/// The rest of the counts (10L, 10M) and the amounts, in 1/10000 万元 (05A = 05B + … + 05F).
const MORE_COUNTS_1: [(&str, i64); 2] = [("10L", 500), ("10M", 6)];
const AMOUNTS_1: [(&str, i64); 12] = [
    ("05A", 350_000),
    ("05B", 102_500),
    ("05C", 205_000),
    ("05D", 30_075),
    ("05E", 12_000),
    ("05F", 425),
    ("06A", 207_500),
    ("06B", 55_000),
    ("06C", 82_500),
    ("07J", 186_000),
    ("08D", 1_234_567),
    ("11A", 455_000),
];

/// An amount in 1/10000 万元 as a person writes it: `12.5`, `3.0075`, `35`.
fn wan(n: i64) -> String {
    let (whole, frac) = (n / 10_000, n % 10_000);
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", format!("{frac:04}").trim_end_matches('0'))
    }
}

/// A whole, consistent 附件1 return of a district `k` times the size of the smallest.
fn district(unit: &str, reporter: &str, phone: &str, k: i64) -> Typed {
    let mut v = Typed::new();
    v.insert("unit".into(), unit.into());
    v.insert("reporter".into(), reporter.into());
    v.insert("phone".into(), phone.into());
    for (code, n) in COUNTS_1.iter().chain(&MORE_COUNTS_1) {
        v.insert(code.to_string(), (n * k).to_string());
    }
    for (code, n) in AMOUNTS_1 {
        v.insert(code.into(), wan(n * k));
    }
    assert_eq!(v.len(), 63, "every field of 附件1");
    v
}

/// Digits and the point as typed with a Chinese input method in full-width mode: `１２.５`.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() || c == '.' {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

/// A whole number with thousands separators: `1,200`.
fn thousands(s: &str) -> String {
    let digits: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    out
}

/// What one input file of the city's folder is, and what the summary should say of it.
struct Expected {
    status: &'static str,
    /// The values typed into it (empty for files that are not returns).
    typed: Typed,
    /// Words the reason for a rejection or unreadability must contain.
    reason: Vec<String>,
}

/// The folder of returns the union office receives from the city's districts, with what each
/// file should come to.
struct City {
    _dir: TempDir,
    returns: PathBuf,
    expected: BTreeMap<String, Expected>,
}

impl City {
    fn counted(&self) -> Vec<&String> {
        self.expected
            .iter()
            .filter(|(_, e)| matches!(e.status, "accepted" | "warning"))
            .map(|(f, _)| f)
            .collect()
    }

    fn path(&self, file: &str) -> PathBuf {
        self.returns.join(file)
    }
}

fn city() -> &'static City {
    static CITY: OnceLock<City> = OnceLock::new();
    CITY.get_or_init(|| {
        let b = blanks();
        let dir = TempDir::new().unwrap();
        let returns = dir.path().join("returns");
        std::fs::create_dir(&returns).unwrap();
        let mut expected = BTreeMap::new();
        let mut add = |file: &str, status: &'static str, typed: Typed, reason: &[&str]| {
            expected.insert(
                file.to_string(),
                Expected {
                    status,
                    typed,
                    reason: reason.iter().map(|s| s.to_string()).collect(),
                },
            );
        };

        // Good returns, from three different fillers.
        let jiangan = district("武汉市江岸区总工会", "张三", "027-82781234", 1);
        fill(Filler::Pypdf, &b.a1, &returns.join("江岸区总工会.pdf"), &jiangan);
        add("江岸区总工会.pdf", "accepted", jiangan, &[]);

        // Typed with a Chinese input method: full-width digits, thousands separators.
        let mut jianghan = district("武汉市江汉区总工会", "李四", "０２７－８５７８０００１", 2);
        for code in ["01A", "02A", "03A", "05B", "08D"] {
            jianghan.insert(code.into(), full_width(&jianghan[code]));
        }
        for code in ["04C", "10A", "10C", "01B"] {
            jianghan.insert(code.into(), thousands(&jianghan[code]));
        }
        assert_eq!(jianghan["01A"], "２０００");
        assert_eq!(jianghan["04C"], "1,200");
        fill(Filler::Pdftk, &b.a1, &returns.join("江汉区总工会.pdf"), &jianghan);
        add("江汉区总工会.pdf", "accepted", jianghan, &[]);

        let qiaokou = district("武汉市硚口区总工会", "王五", "027-83841234", 3);
        fill(Filler::Gongwen, &b.a1, &returns.join("硚口区总工会.pdf"), &qiaokou);
        add("硚口区总工会.pdf", "accepted", qiaokou, &[]);

        // In subfolders: one with blanks left empty and no phone (a warning, still counted).
        let mut hanyang = district("武汉市汉阳区总工会", "赵六", "", 4);
        hanyang.retain(|k, _| !k.starts_with("07") && k != "11A" && k != "phone");
        fill(Filler::Pypdf, &b.a1, &returns.join("汉阳区/汉阳区总工会.pdf"), &hanyang);
        add("汉阳区/汉阳区总工会.pdf", "warning", hanyang, &[]);

        let huangpi = district("武汉市黄陂区总工会", "钱七", "027-61001234", 7);
        fill(Filler::Pdftk, &b.a1, &returns.join("黄陂区/2015年/黄陂区总工会.pdf"), &huangpi);
        add("黄陂区/2015年/黄陂区总工会.pdf", "accepted", huangpi, &[]);

        // Mistakes: a total that is not the sum of its parts; a letter O for a zero.
        let mut wuchang = district("武汉市武昌区总工会", "孙八", "027-88881234", 5);
        wuchang.insert("05A".into(), wan(350_000 * 5 + 10_000));
        fill(Filler::Pdftk, &b.a1, &returns.join("武昌区总工会.pdf"), &wuchang);
        add("武昌区总工会.pdf", "rejected", wuchang, &["05A = 05B + 05C + 05D + 05E + 05F"]);

        let mut qingshan = district("武汉市青山区总工会", "周九", "027-86861234", 1);
        qingshan.insert("03A".into(), "8O".into());
        fill(Filler::Pypdf, &b.a1, &returns.join("青山区总工会.pdf"), &qingshan);
        add("青山区总工会.pdf", "rejected", qingshan, &["03A", "8O"]);

        // The wrong form: 附件2; and last year's notice reissued (2016 edition's 附件1).
        let hongshan: Typed = [
            ("unit", "武汉市洪山区总工会"),
            ("reporter", "吴十"),
            ("phone", "027-87651234"),
            ("01A", "3"),
            ("01B", "0"),
            ("01C", "1"),
            ("01D", "2"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        fill(Filler::Pypdf, &b.a2, &returns.join("洪山区总工会.pdf"), &hongshan);
        add("洪山区总工会.pdf", "rejected", hongshan, &["附件2"]);

        let dongxihu = district("武汉市东西湖区总工会", "郑十一", "027-83891234", 2);
        fill(Filler::Pypdf, &b.a1_2016, &returns.join("东西湖区总工会.pdf"), &dongxihu);
        add("东西湖区总工会.pdf", "rejected", dongxihu, &["2016"]);

        // The same unit twice: neither is counted until the office keeps one.
        let caidian = district("武汉市蔡甸区总工会", "冯十二", "027-84941234", 5);
        fill(Filler::Pypdf, &b.a1, &returns.join("蔡甸区总工会.pdf"), &caidian);
        add("蔡甸区总工会.pdf", "rejected", caidian, &["蔡甸区总工会（重报）.pdf"]);
        let caidian2 = district("武汉市蔡甸区总工会", "冯十二", "027-84941234", 6);
        fill(Filler::Pdftk, &b.a1, &returns.join("蔡甸区总工会（重报）.pdf"), &caidian2);
        add("蔡甸区总工会（重报）.pdf", "rejected", caidian2, &["蔡甸区总工会.pdf"]);

        // Files that are not returns one can read.
        let whole = std::fs::read(returns.join("江岸区总工会.pdf")).unwrap();
        std::fs::write(returns.join("江夏区总工会.pdf"), &whole[..3000]).unwrap();
        add("江夏区总工会.pdf", "unreadable", Typed::new(), &[]);
        std::fs::write(returns.join("说明.txt"), "各区报表见本文件夹，汉南区的另行报送。\n").unwrap();
        add("说明.txt", "unreadable", Typed::new(), &[]);
        std::fs::write(returns.join("汉南区总工会.docx"), "汉南区总工会：2015年工会送温暖活动统计表（见附件）\n").unwrap();
        add("汉南区总工会.docx", "unreadable", Typed::new(), &[]);
        let xinzhou = district("武汉市新洲区总工会", "陈十三", "027-89351234", 2);
        let plain = dir.path().join("新洲区-未加密.pdf");
        fill(Filler::Pypdf, &b.a1, &plain, &xinzhou);
        py(
            "protect.py",
            [
                plain.as_os_str(),
                returns.join("新洲区总工会.pdf").as_os_str(),
                OsStr::new("xz2015"),
                OsStr::new("xz-owner"),
                OsStr::new("AES-128"),
            ],
        );
        add("新洲区总工会.pdf", "unreadable", Typed::new(), &["密码"]);

        // Hidden files are not returns: an office suite's lock file, a Finder file.
        std::fs::write(returns.join(".~lock.江岸区总工会.pdf#"), "lock").unwrap();
        std::fs::write(returns.join("汉阳区/.DS_Store"), [0u8, 0, 0, 1, b'B', b'u', b'd', b'1']).unwrap();
        City { _dir: dir, returns, expected }
    })
}

/// What the summary should hold, worked out by tests/tools/collect/expect.py: the fields of
/// 附件N in order, each return's numbers as decimal text, and the totals over `counted`.
struct Expect {
    fields: Vec<(String, String, String, String)>,
    numbers: BTreeMap<String, BTreeMap<String, String>>,
    totals: BTreeMap<String, String>,
}

fn expect(n: usize, returns: &BTreeMap<String, &Typed>, counted: &[&String]) -> Expect {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("returns.json");
    std::fs::write(&input, serde_json::to_string(&json!({"returns": returns, "counted": counted})).unwrap()).unwrap();
    let mut at = OsString::from("@");
    at.push(&input);
    let j = py("expect.py", [edition_dir().as_os_str(), OsStr::new(&n.to_string()), &at]);
    let s = |v: &Json| v.as_str().unwrap().to_string();
    Expect {
        fields: j["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (s(&f["code"]), s(&f["label"]), s(&f["unit"]), s(&f["kind"])))
            .collect(),
        numbers: serde_json::from_value(j["numbers"].clone()).unwrap(),
        totals: serde_json::from_value(j["totals"].clone()).unwrap(),
    }
}

fn city_expect() -> &'static Expect {
    static EXPECT: OnceLock<Expect> = OnceLock::new();
    EXPECT.get_or_init(|| {
        let c = city();
        let returns: BTreeMap<String, &Typed> = c.expected.iter().map(|(f, e)| (f.clone(), &e.typed)).collect();
        expect(1, &returns, &c.counted())
    })
}

/// A path as the summary shows it, relative to `base`, with `/` between folders.
fn relative(shown: &str, base: &Path) -> String {
    let p = Path::new(shown);
    let rel = p
        .strip_prefix(base)
        .unwrap_or_else(|_| panic!("the summary names {shown}, which is not under {}", base.display()));
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A decimal text as a number.
fn decimal(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("`{s}` is not a number"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------------------
// Reading the summary back

/// One cell of a workbook as openpyxl reads it.
#[derive(Debug, Clone)]
struct Cell {
    value: Json,
    data_type: String,
    format: String,
    /// What the file caches for a formula (its value for any other cell).
    cached: Json,
    /// The cell's fill colour, "" for none.
    fill: String,
}

impl Cell {
    fn text(&self) -> String {
        match &self.value {
            Json::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

struct Workbook {
    sheets: Vec<String>,
    cells: BTreeMap<String, Vec<Vec<Option<Cell>>>>,
}

impl Workbook {
    fn read(path: &Path) -> Self {
        let j = py("read_summary.py", [path]);
        let sheets = j["sheets"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
        let mut cells = BTreeMap::new();
        for (name, rows) in j["cells"].as_object().unwrap() {
            let rows = rows
                .as_array()
                .unwrap()
                .iter()
                .map(|row| {
                    row.as_array()
                        .unwrap()
                        .iter()
                        .map(|c| {
                            (!c.is_null()).then(|| Cell {
                                value: c["v"].clone(),
                                data_type: c["t"].as_str().unwrap().into(),
                                format: c["f"].as_str().unwrap_or("").into(),
                                cached: c["c"].clone(),
                                fill: c["fill"].as_str().unwrap_or("").into(),
                            })
                        })
                        .collect()
                })
                .collect();
            cells.insert(name.clone(), rows);
        }
        Workbook { sheets, cells }
    }

    fn rows(&self, sheet: &str) -> &Vec<Vec<Option<Cell>>> {
        self.cells
            .get(sheet)
            .unwrap_or_else(|| panic!("the workbook has no sheet {sheet}; it has {:?}", self.sheets))
    }
}

fn text_at(row: &[Option<Cell>], i: usize) -> String {
    row.get(i).cloned().flatten().map(|c| c.text()).unwrap_or_default()
}

/// The rows of a CSV summary as Python's csv module reads them.
fn read_csv_raw(path: &Path) -> Vec<Vec<String>> {
    let j = py("read_summary.py", [path]);
    serde_json::from_value(j["rows"].clone()).unwrap()
}

/// The English word of a status label the summaries write: 通过 → accepted, ….
fn word(label: &str) -> &'static str {
    WORDS
        .into_iter()
        .find(|w| chinese(w) == label)
        .unwrap_or_else(|| panic!("{label:?} is not one of the status labels 通过, 通过（有警告）, 退回, 无法读取"))
}

/// The rows of a CSV summary, the status of each return (column 5, in Chinese) as its
/// English word, so that the tests below read the same whatever the summary's language.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut rows = read_csv_raw(path);
    for row in rows.iter_mut().skip(1).filter(|r| r[0] != "合计") {
        row[4] = word(&row[4]).to_string();
    }
    rows
}

/// The counts per status that `collect` prints: `accepted 4` and so on.
fn printed_counts(stdout: &str) -> BTreeMap<String, usize> {
    stdout
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (word, n) = (parts.next()?, parts.next()?);
            if !WORDS.contains(&word) || parts.next().is_some() {
                return None;
            }
            Some((word.to_string(), n.parse().ok()?))
        })
        .collect()
}

fn expected_counts(expected: &BTreeMap<String, Expected>) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = WORDS.iter().map(|w| (w.to_string(), 0)).collect();
    for e in expected.values() {
        *counts.get_mut(e.status).unwrap() += 1;
    }
    counts
}

/// The city's folder collected once into an XLSX and once into a CSV.
struct Collected {
    _dir: TempDir,
    xlsx: PathBuf,
    csv: PathBuf,
    xlsx_run: Run,
    csv_run: Run,
}

fn collected() -> &'static Collected {
    static COLLECTED: OnceLock<Collected> = OnceLock::new();
    COLLECTED.get_or_init(|| {
        let c = city();
        let dir = TempDir::new().unwrap();
        let xlsx = dir.path().join("汇总.xlsx");
        let csv = dir.path().join("summary.csv");
        let xlsx_run = collect(1, &[&c.returns], &xlsx);
        let csv_run = collect(1, &[&c.returns], &csv);
        Collected {
            _dir: dir,
            xlsx,
            csv,
            xlsx_run,
            csv_run,
        }
    })
}

// ---------------------------------------------------------------------------------------
// The city's returns, collected

/// The office collects the whole folder into a workbook: one row per file that came in,
/// status labels in Chinese, the header in the form's order with the form's labels, numbers
/// as numbers, and a 合计 over the returns that pass.
#[test]
fn the_workbook_has_a_row_per_file_and_totals_of_the_returns_that_pass() {
    let c = city();
    let x = city_expect();
    let done = collected();
    assert_eq!(
        done.xlsx_run.code,
        Some(1),
        "some returns are rejected or unreadable, so collect exits 1:\n{}",
        done.xlsx_run
    );
    let book = Workbook::read(&done.xlsx);
    assert_eq!(book.sheets, ["汇总", "问题", "未报单位"], "the sheets of the summary");
    let rows = book.rows("汇总");

    // The header: the unit, reporter, phone, file and status, then every code in form order.
    let header: Vec<String> = rows[0].iter().map(|c| c.as_ref().map(Cell::text).unwrap_or_default()).collect();
    assert_eq!(&header[..5], ["填报单位", "填报人", "联系电话", "文件", "状态"]);
    assert_eq!(header.len(), 5 + x.fields.len(), "one column per field of 附件1: {header:?}");
    for ((code, label, unit, _), h) in x.fields.iter().zip(&header[5..]) {
        assert!(
            h.starts_with(code.as_str()) && h.contains(label.as_str()) && h.contains(unit.as_str()),
            "the column of {code} should be headed with its code, label {label} and unit {unit}, not {h}"
        );
    }

    // One row per file, then 合计.
    let body: Vec<&Vec<Option<Cell>>> = rows[1..].iter().take_while(|r| text_at(r, 0) != "合计").collect();
    let total_row = rows.get(1 + body.len()).unwrap_or_else(|| panic!("no 合计 row after the returns"));
    assert_eq!(text_at(total_row, 0), "合计");
    let files: Vec<String> = body.iter().map(|r| relative(&text_at(r, 3), &c.returns)).collect();
    let unique: BTreeSet<&String> = files.iter().collect();
    assert_eq!(unique.len(), files.len(), "each file once: {files:?}");
    let wanted: BTreeSet<&String> = c.expected.keys().collect();
    assert_eq!(unique, wanted, "every file that came in, and nothing else (hidden files are not returns)");

    let codes: Vec<&String> = x.fields.iter().map(|f| &f.0).collect();
    let kinds: BTreeMap<&String, &String> = x.fields.iter().map(|f| (&f.0, &f.3)).collect();
    for (file, row) in files.iter().zip(&body) {
        let e = &c.expected[file];
        assert_eq!(text_at(row, 4), chinese(e.status), "the status of {file}");
        if e.status == "unreadable" {
            continue;
        }
        // (Who sent a return of the wrong form is the_summary_says_who_sent_the_wrong_form's.)
        if !e.reason.iter().any(|r| r == "附件2") {
            assert_eq!(text_at(row, 0), e.typed["unit"], "the unit of {file}, as the unit typed it");
            assert_eq!(text_at(row, 1), e.typed["reporter"], "the reporter of {file}");
        }
        let numbers = &x.numbers[file];
        for (i, code) in codes.iter().enumerate() {
            let cell = row.get(5 + i).cloned().flatten();
            let Some(want) = numbers.get(*code) else { continue };
            if matches!(e.status, "accepted" | "warning") {
                let cell = cell.unwrap_or_else(|| panic!("{file}: {code} was filled with {want} but its cell is empty"));
                assert_eq!(cell.data_type, "n", "{file}: {code} should be a number, not {cell:?}");
                let got = cell.value.as_f64().unwrap();
                assert!(
                    close(got, decimal(want)),
                    "{file}: {code} is {got}, typed as {:?} = {want}",
                    e.typed[code.as_str()]
                );
                if kinds[code] == "amount" {
                    assert!(
                        cell.format.contains('.'),
                        "{file}: the amount {code} should show decimals, format {:?}",
                        cell.format
                    );
                }
            }
        }
    }
    // The 08D amount keeps its four decimals: 123.4567 万元.
    let jiangan = body.iter().find(|r| text_at(r, 3).ends_with("江岸区总工会.pdf")).unwrap();
    let at = 5 + codes.iter().position(|c| *c == "08D").unwrap();
    assert_eq!(jiangan[at].as_ref().unwrap().value.as_f64(), Some(123.4567));

    // 合计: a formula over the rows that pass (staff may correct a row), caching the sum over
    // the returns that pass, worked out in Python from what was typed.
    for (i, code) in codes.iter().enumerate() {
        let cell = total_row.get(5 + i).cloned().flatten().unwrap_or_else(|| panic!("合计 has no {code}"));
        assert_eq!(cell.data_type, "f", "合计 of {code} should be a formula: {cell:?}");
        assert!(cell.text().contains("通过"), "合计 of {code} adds the rows whose status is 通过: {cell:?}");
        let got = cell.cached.as_f64().unwrap_or_else(|| panic!("合计 of {code} caches no number: {cell:?}"));
        assert!(
            close(got, decimal(&x.totals[code.as_str()])),
            "合计 of {code} is {got}, but the returns that pass add up to {}",
            x.totals[code.as_str()]
        );
    }
}

/// The 问题 sheet lists every problem: the broken rule with its numbers, the code and value
/// with a letter in it, the wrong form, the other edition, the duplicate, the files that
/// cannot be read.
#[test]
fn the_problems_sheet_names_every_reason() {
    let c = city();
    let done = collected();
    let book = Workbook::read(&done.xlsx);
    let rows = book.rows("问题");
    let header: Vec<String> = rows[0].iter().map(|c| c.as_ref().map(Cell::text).unwrap_or_default()).collect();
    assert_eq!(header, ["文件", "填报单位", "状态", "编号", "问题"]);
    let problems: Vec<(String, String, String, String)> = rows[1..]
        .iter()
        .map(|r| (relative(&text_at(r, 0), &c.returns), text_at(r, 2), text_at(r, 3), text_at(r, 4)))
        .collect();
    for (file, e) in &c.expected {
        let mine: Vec<&(String, String, String, String)> = problems.iter().filter(|p| &p.0 == file).collect();
        match e.status {
            "accepted" => assert!(mine.is_empty(), "{file} passed, yet the 问题 sheet lists {mine:?}"),
            "warning" => assert!(
                !mine.is_empty() && mine.iter().all(|p| p.1 == chinese("warning")),
                "{file}: its warnings, labelled 通过（有警告）: {mine:?}"
            ),
            bad => {
                assert!(
                    mine.iter().any(|p| p.1 == chinese(bad)),
                    "{file} is {bad}: the 问题 sheet should say why, labelled {}: {mine:?}",
                    chinese(bad)
                );
                for word in &e.reason {
                    assert!(
                        mine.iter().any(|p| p.2.contains(word.as_str()) || p.3.contains(word.as_str())),
                        "{file}: the reason should mention {word}: {mine:?}"
                    );
                }
            }
        }
    }
    // The broken rule names 05A and shows the numbers.
    let wrong = problems
        .iter()
        .find(|p| p.0 == "武昌区总工会.pdf" && p.3.contains("05A = 05B + 05C + 05D + 05E + 05F"))
        .expect("the rule 05A = 05B + … is listed");
    assert_eq!(wrong.2, "05A", "the broken rule's code column");
    assert!(
        wrong.3.contains("176") && wrong.3.contains("175"),
        "the rule's message shows 05A=176 against the parts' 175: {wrong:?}"
    );
    // The letter names its code and what was typed.
    let letter = problems
        .iter()
        .find(|p| p.0 == "青山区总工会.pdf" && p.2 == "03A")
        .expect("03A's value is listed");
    assert!(letter.3.contains("8O"), "the problem shows what was typed in 03A: {letter:?}");
}

/// A return of the wrong form (附件2 sent for 附件1) still has the unit, reporter and phone
/// every form has: the summary shows who sent it, so the office knows whom to call.
#[test]
fn the_summary_says_who_sent_the_wrong_form() {
    let c = city();
    let done = collected();
    let rows = read_csv(&done.csv);
    let row = rows
        .iter()
        .find(|r| r.get(3).is_some_and(|f| f.ends_with("洪山区总工会.pdf")))
        .expect("洪山区's row");
    assert_eq!(row[4], "rejected");
    assert!(row.last().unwrap().contains("附件2"), "the reason names the form it is: {row:?}");
    let typed = &c.expected["洪山区总工会.pdf"].typed;
    assert_eq!(
        (&row[0], &row[1], &row[2]),
        (&typed["unit"], &typed["reporter"], &typed["phone"]),
        "who sent the 附件2 return"
    );
}

/// The CSV as Excel opens it: a byte order mark (else Excel on Chinese Windows reads it as
/// GBK and shows it garbled), the same rows with the same Chinese header and status labels as
/// the workbook, a 合计 row.
#[test]
fn the_csv_has_a_bom_chinese_labels_every_file_and_totals() {
    let c = city();
    let x = city_expect();
    let done = collected();
    assert_eq!(done.csv_run.code, Some(1), "{}", done.csv_run);
    let bytes = std::fs::read(&done.csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the CSV starts with a UTF-8 byte order mark");
    let raw = read_csv_raw(&done.csv);
    assert_eq!(&raw[0][..5], ["填报单位", "填报人", "联系电话", "文件", "状态"]);
    assert_eq!(raw[0].last().map(String::as_str), Some("问题"));
    for r in raw[1..].iter().filter(|r| r[0] != "合计") {
        assert!(WORDS.iter().any(|w| chinese(w) == r[4]), "status {:?} is one of the Chinese labels", r[4]);
    }
    let rows = read_csv(&done.csv);
    let codes: Vec<&String> = x.fields.iter().map(|f| &f.0).collect();
    for (code, h) in codes.iter().zip(&rows[0][5..]) {
        assert!(h.starts_with(code.as_str()), "CSV column {h} should be {code}'s");
    }
    let body: Vec<&Vec<String>> = rows[1..].iter().take_while(|r| r[0] != "合计").collect();
    let totals = rows.get(1 + body.len()).expect("a 合计 row");
    assert_eq!(totals[0], "合计");
    let files: BTreeSet<String> = body.iter().map(|r| relative(&r[3], &c.returns)).collect();
    assert_eq!(files.len(), body.len(), "each file once");
    assert_eq!(files, c.expected.keys().cloned().collect(), "every file that came in");
    for r in &body {
        let file = relative(&r[3], &c.returns);
        assert!(WORDS.contains(&r[4].as_str()), "status {:?} is not one of {WORDS:?}", r[4]);
        assert_eq!(r[4], c.expected[&file].status, "the status of {file}");
        if matches!(r[4].as_str(), "accepted" | "warning") {
            for (i, code) in codes.iter().enumerate() {
                let want = x.numbers[&file].get(*code).map_or("", String::as_str);
                assert_eq!(r[5 + i], want, "{file}: {code}");
            }
        }
    }
    for (i, code) in codes.iter().enumerate() {
        assert_eq!(totals[5 + i], x.totals[code.as_str()], "合计 of {code}");
    }
}

/// The terminal says how many returns fared how, and names each that did not pass.
#[test]
fn the_terminal_counts_each_status_and_names_the_bad_files() {
    let c = city();
    let done = collected();
    for r in [&done.xlsx_run, &done.csv_run] {
        assert_eq!(printed_counts(&r.stdout), expected_counts(&c.expected), "the counts per status:\n{r}");
        for (file, e) in &c.expected {
            if !matches!(e.status, "accepted" | "warning") {
                let name = Path::new(file).file_name().unwrap().to_string_lossy();
                assert!(
                    r.stdout.lines().any(|l| l.contains(e.status) && l.contains(name.as_ref())),
                    "{file} ({}) should be named on the terminal:\n{r}",
                    e.status
                );
            }
        }
    }
}

/// When every return passes (warnings included), collect exits 0.
#[test]
fn all_good_returns_exit_0() {
    let c = city();
    let dir = TempDir::new().unwrap();
    let good = dir.path().join("good");
    for file in c.counted() {
        let to = good.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(c.path(file), to).unwrap();
    }
    let summary = dir.path().join("summary.csv");
    let r = collect(1, &[&good], &summary);
    assert_eq!(r.code, Some(0), "every return passes:\n{r}");
    let rows = read_csv(&summary);
    let statuses: Vec<&str> = rows[1..rows.len() - 1].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(statuses.len(), c.counted().len());
    assert!(statuses.iter().all(|s| matches!(*s, "accepted" | "warning")), "{statuses:?}");
    let counts = printed_counts(&r.stdout);
    assert_eq!(counts["rejected"] + counts["unreadable"], 0, "{r}");
    // Returns named one by one are read as well as a folder.
    let files: Vec<PathBuf> = c.counted().iter().map(|f| c.path(f)).collect();
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let r = collect(1, &refs, &dir.path().join("one-by-one.csv"));
    assert_eq!(r.code, Some(0), "{r}");
    assert_eq!(read_csv(&dir.path().join("one-by-one.csv")).len(), c.counted().len() + 2);
}

// ---------------------------------------------------------------------------------------
// Usage errors, atomic output

/// Names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A summary that is not .xlsx or .csv, an attachment the edition does not have, or no
/// returns at all: exit 2, and nothing written (an earlier summary stays as it was).
#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let c = city();
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("汇总.xlsx"), b"last week's summary").unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join(".hidden"), b"not a return").unwrap();
    let one = c.path("江岸区总工会.pdf");
    let cases: [(&str, Vec<OsString>, &str); 6] = [
        (
            "a .txt summary",
            vec!["-n".into(), "1".into(), one.clone().into(), "-o".into(), out.join("summary.txt").into()],
            ".xlsx or .csv",
        ),
        (
            "a summary with no extension",
            vec!["-n".into(), "1".into(), one.clone().into(), "-o".into(), out.join("summary").into()],
            ".xlsx or .csv",
        ),
        (
            "attachment 9",
            vec!["-n".into(), "9".into(), one.clone().into(), "-o".into(), out.join("汇总.xlsx").into()],
            "9",
        ),
        (
            "attachment 0",
            vec!["-n".into(), "0".into(), one.clone().into(), "-o".into(), out.join("汇总.xlsx").into()],
            "0",
        ),
        (
            "a folder with no returns",
            vec!["-n".into(), "1".into(), empty.clone().into(), "-o".into(), out.join("汇总.xlsx").into()],
            "no returns",
        ),
        (
            "a return that does not exist",
            vec![
                "-n".into(),
                "1".into(),
                dir.path().join("missing.pdf").into(),
                "-o".into(),
                out.join("汇总.xlsx").into(),
            ],
            "missing.pdf",
        ),
    ];
    for (what, args, says) in cases {
        let mut argv: Vec<OsString> = vec!["collect".into(), edition_dir().into()];
        argv.extend(args);
        let r = gongwen(&argv);
        assert_eq!(r.code, Some(2), "{what}: a usage error exits 2:\n{r}");
        assert!(r.stderr.contains(says), "{what}: the error should say {says}:\n{r}");
        assert_eq!(listing(&out), ["汇总.xlsx"], "{what}: nothing written");
        assert_eq!(
            std::fs::read(out.join("汇总.xlsx")).unwrap(),
            b"last week's summary",
            "{what}: the old summary is untouched"
        );
    }
    // No returns named at all, or no -n: clap's usage error, also 2.
    let r = gongwen([
        OsStr::new("collect"),
        OsStr::new("-n"),
        OsStr::new("1"),
        OsStr::new("-o"),
        out.join("汇总.xlsx").as_os_str(),
    ]);
    assert_eq!(r.code, Some(2), "{r}");
    let r = gongwen([OsStr::new("collect"), one.as_os_str(), OsStr::new("-o"), out.join("汇总.xlsx").as_os_str()]);
    assert_eq!(r.code, Some(2), "{r}");
    assert_eq!(listing(&out), ["汇总.xlsx"]);
}

/// The summary replaces an earlier one in one step: no temporary file is left beside it, and
/// a reader finds a whole workbook.
#[test]
fn the_summary_is_written_atomically() {
    let c = city();
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("汇总.xlsx"), b"last week's summary").unwrap();
    let r = collect(1, &[&c.returns], &out.join("汇总.xlsx"));
    assert_eq!(r.code, Some(1), "{r}");
    assert_eq!(listing(&out), ["汇总.xlsx"], "the summary and nothing else");
    let book = Workbook::read(&out.join("汇总.xlsx"));
    assert_eq!(book.sheets, ["汇总", "问题", "未报单位"]);
    let r = collect(1, &[&c.returns], &out.join("汇总.csv"));
    assert_eq!(r.code, Some(1), "{r}");
    assert_eq!(listing(&out), ["汇总.csv", "汇总.xlsx"]);
}

/// A summary into a folder that does not exist (a mistyped path, `-o /nonexistent/x.xlsx`)
/// is refused, exit 2, and no folder is made.
#[test]
fn a_summary_into_a_missing_folder_is_refused_and_no_folder_made() {
    let c = city();
    let dir = TempDir::new().unwrap();
    let deeper = dir.path().join("2015/汇总");
    let r = collect(1, &[&c.returns], &deeper.join("summary.xlsx"));
    assert_eq!(r.code, Some(2), "a usage error:\n{r}");
    assert!(r.stderr.contains("does not exist"), "the error says the folder does not exist:\n{r}");
    assert!(!dir.path().join("2015").exists(), "no folder was made");
}

// ---------------------------------------------------------------------------------------
// Returns that are not what they seem

/// A return that opens without a password but is protected against editing (an owner
/// password only, as "protect" dialogs make) holds the values in the clear for every reader:
/// it is read like any other. A return that needs a password to open is unreadable, and says
/// so.
#[test]
fn a_return_protected_only_against_editing_is_read() {
    let b = blanks();
    let dir = TempDir::new().unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir(&returns).unwrap();
    let mut want = BTreeMap::new();
    // One unit per algorithm: three returns of one unit would be flagged as duplicates.
    for (alg, unit) in [
        ("RC4-128", "武汉市新洲区总工会"),
        ("AES-128", "武汉市黄陂区总工会"),
        ("AES-256", "武汉市江夏区总工会"),
    ] {
        let values = district(unit, "陈十三", "027-89351234", 2);
        let plain = dir.path().join(format!("plain-{alg}.pdf"));
        fill(Filler::Pypdf, &b.a1, &plain, &values);
        let name = format!("owner-only-{alg}.pdf");
        py(
            "protect.py",
            [
                plain.as_os_str(),
                returns.join(&name).as_os_str(),
                OsStr::new(""),
                OsStr::new("owner"),
                OsStr::new(alg),
            ],
        );
        want.insert(name, ("accepted", unit));
        let name = format!("user-password-{alg}.pdf");
        py(
            "protect.py",
            [
                plain.as_os_str(),
                returns.join(&name).as_os_str(),
                OsStr::new("xz2015"),
                OsStr::new("owner"),
                OsStr::new(alg),
            ],
        );
        want.insert(name, ("unreadable", unit));
    }
    let summary = dir.path().join("summary.csv");
    let r = collect(1, &[&returns], &summary);
    let rows = read_csv(&summary);
    let got: BTreeMap<String, (String, String, String)> = rows[1..rows.len() - 1]
        .iter()
        .map(|row| (relative(&row[3], &returns), (row[4].clone(), row[0].clone(), row.last().unwrap().clone())))
        .collect();
    let mut wrong = Vec::new();
    for (file, (status, expected_unit)) in &want {
        let (s, unit, problems) = &got[file];
        if s != status {
            wrong.push(format!("{file}: {s}, expected {status} ({problems})"));
        } else if *status == "accepted" && unit != expected_unit {
            wrong.push(format!("{file}: unit read as {unit:?}"));
        } else if *status == "unreadable" && !problems.contains("密码") {
            wrong.push(format!("{file}: the reason should mention the password (密码): {problems}"));
        }
    }
    assert!(wrong.is_empty(), "protected returns:\n{}\n{r}", wrong.join("\n"));
}

/// A value that cannot be read (a letter in a count) is reported as such, and not taken as 0
/// in the form's rules: 03A = "8O" is one problem, not also "03B must be at most 03A=0".
#[test]
fn a_misread_value_is_not_taken_as_zero() {
    let done = collected();
    let rows = read_csv(&done.csv);
    let row = rows
        .iter()
        .find(|r| r.get(3).is_some_and(|f| f.ends_with("青山区总工会.pdf")))
        .expect("青山区's row");
    let problems = row.last().unwrap();
    assert!(problems.contains("8O"), "{problems}");
    assert!(
        !problems.split('；').any(|p| p.contains("审核规则") && p.contains("03A")),
        "03A was typed as 8O, not 0; the rules with 03A cannot be checked, but they are not broken by a 0 nobody typed: {problems}"
    );
}

/// 附件2 has a 是/否 field (06B): its 合计 is the number of 是, and the rows show 是 or 否.
#[test]
fn attachment_2_totals_count_the_yes_answers() {
    let b = blanks();
    let dir = TempDir::new().unwrap();
    let returns = dir.path().join("returns");
    let make = |unit: &str, k: i64, yes: &str| -> Typed {
        let mut v: Typed = [("unit", unit.to_string()), ("reporter", "张三".into()), ("phone", "027-8278".into())]
            .iter()
            .map(|(a, b)| (a.to_string(), b.clone()))
            .collect();
        for (code, n) in [
            ("01A", 6),
            ("01B", 1),
            ("01C", 2),
            ("01D", 3),
            ("02A", 60),
            ("02B", 10),
            ("02C", 20),
            ("02D", 30),
            ("03A", 500),
        ] {
            v.insert(code.into(), (n * k).to_string());
        }
        for (code, n) in [
            ("05A", 1_000_000),
            ("05B", 400_000),
            ("05C", 300_000),
            ("05D", 200_000),
            ("05E", 99_999),
            ("05F", 1),
            ("06A", 123_400),
        ] {
            v.insert(code.into(), wan(n * k));
        }
        v.insert("06B".into(), yes.into());
        v
    };
    let units = [
        ("江岸区总工会.pdf", make("武汉市江岸区总工会", 1, "是"), Filler::Pypdf),
        ("江汉区总工会.pdf", make("武汉市江汉区总工会", 2, "否"), Filler::Pdftk),
        ("硚口区总工会.pdf", make("武汉市硚口区总工会", 3, "是"), Filler::Pypdf),
    ];
    for (file, values, filler) in &units {
        fill(*filler, &b.a2, &returns.join(file), values);
    }
    let xlsx = dir.path().join("附件2汇总.xlsx");
    let r = collect(2, &[&returns], &xlsx);
    assert_eq!(r.code, Some(0), "blanks left empty are warnings, so every return passes:\n{r}");
    let all: BTreeMap<String, &Typed> = units.iter().map(|(f, v, _)| (f.to_string(), v)).collect();
    let names: Vec<String> = all.keys().cloned().collect();
    let x = expect(2, &all, &names.iter().collect::<Vec<_>>());
    assert_eq!(x.totals["06B"], "2", "two 是");
    let book = Workbook::read(&xlsx);
    let rows = book.rows("汇总");
    let header: Vec<String> = rows[0].iter().map(|c| c.as_ref().map(Cell::text).unwrap_or_default()).collect();
    let col = header.iter().position(|h| h.starts_with("06B")).expect("a 06B column");
    let body: Vec<&Vec<Option<Cell>>> = rows[1..].iter().take_while(|r| text_at(r, 0) != "合计").collect();
    assert_eq!(body.len(), 3);
    for row in &body {
        let file = relative(&text_at(row, 3), &returns);
        assert_eq!(text_at(row, col), all[&file]["06B"], "{file}: 06B as answered");
        assert_eq!(text_at(row, 4), chinese("warning"), "{file}: blanks left empty");
    }
    let total_row = rows[1 + body.len()].clone();
    for (i, (code, ..)) in x.fields.iter().enumerate() {
        let cell = total_row[5 + i].clone().unwrap_or_else(|| panic!("合计 of {code}"));
        assert_eq!(cell.data_type, "f", "合计 of {code} is a formula: {cell:?}");
        assert!(
            close(cell.cached.as_f64().unwrap(), decimal(&x.totals[code])),
            "合计 of {code}: {cell:?}, expected {}",
            x.totals[code]
        );
    }
}

/// A return in the folder as a symbolic link (the office links returns from the mail client's
/// download folder) is a file of the folder like any other: it is read and reported, never
/// silently left out.
#[test]
fn a_linked_return_in_the_folder_is_reported() {
    let c = city();
    let dir = TempDir::new().unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir(&returns).unwrap();
    std::fs::copy(c.path("江岸区总工会.pdf"), returns.join("江岸区总工会.pdf")).unwrap();
    std::os::unix::fs::symlink(c.path("江汉区总工会.pdf"), returns.join("江汉区总工会.pdf")).unwrap();
    let summary = dir.path().join("summary.csv");
    let r = collect(1, &[&returns], &summary);
    let rows = read_csv(&summary);
    let files: BTreeSet<String> = rows[1..rows.len() - 1].iter().map(|r| relative(&r[3], &returns)).collect();
    assert_eq!(
        files,
        ["江岸区总工会.pdf", "江汉区总工会.pdf"].map(String::from).into(),
        "every file in the folder, linked or not:\n{r}"
    );
    assert_eq!(r.code, Some(0), "{r}");
}

/// Numbers too large to add up in 64 bits never wrap around: a rule with huge parts is not
/// passed by a sum that overflowed to a negative number, and the 合计 is the true sum of the
/// returns that pass (or the returns are refused), never a wrapped one.
#[test]
fn huge_numbers_never_wrap_around() {
    let b = blanks();
    let dir = TempDir::new().unwrap();
    let returns = dir.path().join("returns");
    // 10C + 10E + … ≤ 10A: 9×10¹⁸ + 9×10¹⁸ is not at most 1.
    let mut cheat = district("武汉市江岸区总工会", "张三", "027-82781234", 1);
    cheat.insert("10A".into(), "1".into());
    cheat.insert("10C".into(), "9000000000000000000".into());
    cheat.insert("10E".into(), "9000000000000000000".into());
    for k in ["10G", "10I", "10K"] {
        cheat.insert(k.into(), "0".into());
    }
    fill(Filler::Pypdf, &b.a1, &returns.join("江岸区总工会.pdf"), &cheat);
    // Two returns whose 01A each fit in 64 bits, but not their sum.
    let mut big1 = district("武汉市江汉区总工会", "李四", "027-85780001", 1);
    big1.insert("01A".into(), "5000000000000000000".into());
    let mut big2 = district("武汉市硚口区总工会", "王五", "027-83841234", 1);
    big2.insert("01A".into(), "5000000000000000000".into());
    fill(Filler::Pypdf, &b.a1, &returns.join("江汉区总工会.pdf"), &big1);
    fill(Filler::Pdftk, &b.a1, &returns.join("硚口区总工会.pdf"), &big2);
    let summary = dir.path().join("summary.csv");
    let r = collect(1, &[&returns], &summary);
    assert!(matches!(r.code, Some(0 | 1)), "{r}");
    let rows = read_csv(&summary);
    let body = &rows[1..rows.len() - 1];
    let status: BTreeMap<String, String> = body.iter().map(|r| (relative(&r[3], &returns), r[4].clone())).collect();
    assert_eq!(
        status["江岸区总工会.pdf"],
        "rejected",
        "10C + 10E (1.8×10¹⁹) is not at most 10A (1): {:?}",
        body.iter().find(|r| r[3].ends_with("江岸区总工会.pdf")).and_then(|r| r.last())
    );
    let all: BTreeMap<String, &Typed> = [("江岸区总工会.pdf", &cheat), ("江汉区总工会.pdf", &big1), ("硚口区总工会.pdf", &big2)]
        .into_iter()
        .map(|(f, v)| (f.to_string(), v))
        .collect();
    let counted: Vec<&String> = all.keys().filter(|f| matches!(status[*f].as_str(), "accepted" | "warning")).collect();
    let x = expect(1, &all, &counted);
    let totals = rows.last().unwrap();
    assert_eq!(totals[0], "合计");
    for (i, (code, ..)) in x.fields.iter().enumerate() {
        assert_eq!(totals[5 + i], x.totals[code], "合计 of {code} over {counted:?}");
    }
}

/// A file too large to be a return is not read whole: it is reported unreadable.
#[test]
fn a_huge_file_is_reported_not_read() {
    let c = city();
    let dir = TempDir::new().unwrap();
    let huge = dir.path().join("江岸区总工会（扫描件）.pdf");
    let mut bytes = std::fs::read(c.path("江岸区总工会.pdf")).unwrap();
    bytes.truncate(4096);
    std::fs::write(&huge, &bytes).unwrap();
    // 100 MB, mostly a hole in the file.
    std::fs::OpenOptions::new().write(true).open(&huge).unwrap().set_len(100 * 1024 * 1024).unwrap();
    let summary = dir.path().join("summary.csv");
    let r = collect(1, &[&huge], &summary);
    assert_eq!(r.code, Some(1), "{r}");
    let rows = read_csv(&summary);
    assert_eq!(rows[1][4], "unreadable", "{:?}", rows[1]);
}

// ---------------------------------------------------------------------------------------
// Hostile files

/// The outcome of collecting one file on its own.
fn collect_one(file: &Path, dir: &Path) -> (Run, Option<String>) {
    let summary = dir.join(format!("{}.csv", file.file_name().unwrap().to_string_lossy()));
    let r = collect(1, &[file], &summary);
    let status = summary.is_file().then(|| read_csv(&summary)).and_then(|rows| rows.get(1).map(|r| r[4].clone()));
    (r, status)
}

/// PDFs crafted to hurt a reader (an xref that points into itself or past the end of the
/// file, an object stream that contains itself, arrays and dictionaries nested 200,000 deep, a
/// field that is its own kid, a good return with such an update appended): collect finishes,
/// reports each (unreadable, or rejected when it reads but is not the form, or passing when it
/// really is a readable return), exits 1 for the lot, and never crashes: no abort, and no
/// reader thread panicking on the terminal either.
#[test]
fn hostile_pdfs_are_reported_and_never_crash_the_run() {
    let c = city();
    let dir = TempDir::new().unwrap();
    let hostile = dir.path().join("hostile");
    let made = py("hostile.py", [c.path("江岸区总工会.pdf").as_os_str(), hostile.as_os_str()]);
    let files: BTreeMap<String, String> = serde_json::from_value(made["files"].clone()).unwrap();
    assert!(files.len() >= 20, "{files:?}");
    let mut failures = Vec::new();
    for (name, why) in &files {
        let (r, status) = collect_one(&hostile.join(name), dir.path());
        // Crafted from nothing, a file cannot be a return; built on a good return, it may be
        // read as that return.
        let allowed: &[&str] = if name.starts_with("return-") { &WORDS } else { &["unreadable", "rejected"] };
        let ok = match &status {
            Some(s) => {
                allowed.contains(&s.as_str())
                    && r.code == Some(if matches!(s.as_str(), "accepted" | "warning") { 0 } else { 1 })
                    && !r.stderr.contains("panicked")
            }
            None => false,
        };
        if !ok {
            failures.push(format!(
                "{name} ({why}): status {status:?}, exit code {:?}, stderr: {}",
                r.code,
                r.stderr.lines().take(3).collect::<Vec<_>>().join(" | ")
            ));
        }
    }
    // All of them at once, with a good return among them: every file is in the summary.
    std::fs::copy(c.path("江岸区总工会.pdf"), hostile.join("江岸区总工会.pdf")).unwrap();
    let summary = dir.path().join("all.csv");
    let r = collect(1, &[&hostile], &summary);
    if r.code != Some(1) {
        failures.push(format!(
            "all hostile files at once: exit code {:?} (expected 1), stderr: {}",
            r.code,
            r.stderr.lines().take(3).collect::<Vec<_>>().join(" | ")
        ));
    } else {
        let rows = read_csv(&summary);
        let listed: BTreeSet<String> = rows[1..rows.len() - 1].iter().map(|r| relative(&r[3], &hostile)).collect();
        let mut want: BTreeSet<String> = files.keys().cloned().collect();
        want.insert("江岸区总工会.pdf".into());
        if listed != want {
            failures.push(format!("all at once: the summary lists {listed:?}"));
        }
    }
    assert!(failures.is_empty(), "hostile PDFs that collect did not survive:\n{}", failures.join("\n"));
}

/// Inputs the fuzzer (fuzz/, target read_return) found crashing the reader, kept as
/// regressions in fuzz/regressions/read_return/: each is reported, collect exits normally,
/// and no reader panics (a panic caught inside collect still means a file was misread, and
/// its message lands on the office's terminal).
#[test]
fn fuzz_regressions_are_reported_and_never_crash_the_run() {
    let dir = Path::new(ROOT).join("fuzz/regressions/read_return");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regressions in {}", dir.display());
    let scratch = TempDir::new().unwrap();
    let mut failures = Vec::new();
    for f in &files {
        let (r, status) = collect_one(f, scratch.path());
        let ok = status.as_deref().is_some_and(|s| WORDS.contains(&s)) && matches!(r.code, Some(0 | 1)) && !r.stderr.contains("panicked");
        if !ok {
            failures.push(format!(
                "{}: status {status:?}, exit code {:?}, stderr: {}",
                f.display(),
                r.code,
                r.stderr.lines().take(3).collect::<Vec<_>>().join(" | ")
            ));
        }
    }
    assert!(failures.is_empty(), "fuzzer findings that still crash collect:\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// Returns as offices send them: spreadsheets beside PDFs, and the roster

/// The roster of the mixed collection below: six units with their contacts, in the order the
/// office lists them (not the order of their names).
const ROSTER: [(&str, &str, &str); 6] = [
    ("武汉市江岸区总工会", "张三", "027-82781234"),
    ("武汉市江汉区总工会", "李四", "027-85780001"),
    ("武汉市硚口区总工会", "王五", "027-83841234"),
    ("武汉市汉阳区总工会", "赵六", "027-84841234"),
    ("武汉市武昌区总工会", "孙八", "027-88881234"),
    ("武汉市青山区总工会", "周九", "027-86861234"),
];

/// A folder of returns as the units sent them: 江岸区 filled the workbook (openpyxl, .xlsx);
/// 江汉区 saved it as .xls and moved its 01B cell; 硚口区 saved it as .ods; 汉阳区 filled the
/// PDF with pypdf; 武昌区 filled the PDF too but misspelt its name (总公会); a company not on
/// the roster sent a WPS .et; 青山区 sent nothing.
struct Mixed {
    _dir: TempDir,
    returns: PathBuf,
    typed: BTreeMap<String, Typed>,
    summary: PathBuf,
    run: Run,
}

fn mixed() -> &'static Mixed {
    static MIXED: OnceLock<Mixed> = OnceLock::new();
    MIXED.get_or_init(|| {
        let b = blanks();
        let dir = TempDir::new().unwrap();
        let returns = dir.path().join("returns");
        let roster = dir.path().join("名单.csv");
        let mut csv = String::from("填报单位,联系人,联系电话\n");
        for (unit, person, phone) in ROSTER {
            csv.push_str(&format!("{unit},{person},{phone}\n"));
        }
        std::fs::write(&roster, csv).unwrap();
        let mut typed = BTreeMap::new();
        let mut add = |file: &str, values: Typed| typed.insert(file.to_string(), values);
        let v = district(ROSTER[0].0, "张三", "027-82781234", 1);
        fill_sheet(&b.a1_xlsx, &returns.join("江岸区.xlsx"), &v, None);
        add("江岸区.xlsx", v);
        let v = district(ROSTER[1].0, "李四", "027-85780001", 2);
        fill_sheet(&b.a1_xlsx, &returns.join("江汉区.xls"), &v, Some("01B"));
        add("江汉区.xls", v);
        let v = district(ROSTER[2].0, "王五", "027-83841234", 3);
        fill_sheet(&b.a1_xlsx, &returns.join("硚口区.ods"), &v, None);
        add("硚口区.ods", v);
        let v = district(ROSTER[3].0, "赵六", "027-84841234", 4);
        fill(Filler::Pypdf, &b.a1, &returns.join("汉阳区.pdf"), &v);
        add("汉阳区.pdf", v);
        // Misspelt, and with a blank left empty: a warning among the reasons of a refusal.
        let mut v = district("武汉市武昌区总公会", "孙八", "027-88881234", 5);
        v.remove("11A");
        fill(Filler::Pypdf, &b.a1, &returns.join("武昌区.pdf"), &v);
        add("武昌区.pdf", v);
        let v = district("某某公司", "吴十", "027-87651234", 6);
        fill_sheet(&b.a1_xlsx, &returns.join("某某公司.et"), &v, None);
        add("某某公司.et", v);
        let summary = dir.path().join("汇总.xlsx");
        let mut args: Vec<OsString> = vec!["collect".into(), edition_dir().into(), "-n".into(), "1".into(), returns.clone().into()];
        args.extend(["--units".into(), roster.clone().into(), "-o".into(), summary.clone().into()]);
        let run = gongwen(args);
        Mixed {
            _dir: dir,
            returns,
            typed,
            summary,
            run,
        }
    })
}

/// The files of the mixed folder that count: on the roster and spelt right.
const MIXED_COUNTED: [&str; 4] = ["江岸区.xlsx", "江汉区.xls", "硚口区.ods", "汉阳区.pdf"];

/// Spreadsheets (.xlsx from openpyxl, .xls and .ods from LibreOffice, a WPS .et) and PDFs in
/// one folder are one collection: each read by its cells' names (江汉区 moved its 01B cell),
/// checked by the same rules, and totalled; rows come in the roster's order; the misspelt
/// unit is rejected naming its roster name, the unit not on the roster is rejected, and the
/// 合计 formulas, recalculated by LibreOffice, equal the totals worked out in Python.
#[test]
fn spreadsheets_and_pdfs_are_one_collection_matched_to_the_roster() {
    let m = mixed();
    assert_eq!(m.run.code, Some(1), "two returns are rejected:\n{}", m.run);
    let book = Workbook::read(&m.summary);
    assert_eq!(book.sheets, ["汇总", "问题", "未报单位"]);
    let rows = book.rows("汇总");
    let body: Vec<&Vec<Option<Cell>>> = rows[1..].iter().take_while(|r| text_at(r, 0) != "合计").collect();
    let files: Vec<String> = body.iter().map(|r| relative(&text_at(r, 3), &m.returns)).collect();
    assert_eq!(
        files,
        ["江岸区.xlsx", "江汉区.xls", "硚口区.ods", "汉阳区.pdf", "某某公司.et", "武昌区.pdf"],
        "roster units in the roster's order, then the returns of no roster unit, by file name"
    );
    let status: BTreeMap<&str, String> = files.iter().map(String::as_str).zip(body.iter().map(|r| text_at(r, 4))).collect();
    for f in MIXED_COUNTED {
        assert_eq!(status[f], chinese("accepted"), "{f} passes:\n{}", m.run);
    }
    assert_eq!(status["武昌区.pdf"], chinese("rejected"));
    assert_eq!(status["某某公司.et"], chinese("rejected"), "某某公司 is not on the roster");

    // The misspelt unit: rejected, with the roster's name to correct it to.
    let problems = book.rows("问题");
    let wuchang: Vec<String> = problems[1..]
        .iter()
        .filter(|r| text_at(r, 0).ends_with("武昌区.pdf"))
        .map(|r| text_at(r, 4))
        .collect();
    // Every problem of a file carries the file's own status, its warnings too.
    for r in &problems[1..] {
        let file = relative(&text_at(r, 0), &m.returns);
        assert_eq!(
            text_at(r, 2),
            status[file.as_str()],
            "{file}: the 问题 sheet's status is the file's: {:?}",
            text_at(r, 4)
        );
    }
    assert!(wuchang.iter().any(|p| p.contains("未填")), "武昌区's warning is listed too: {wuchang:?}");
    assert!(
        wuchang
            .iter()
            .any(|p| p.contains("武汉市武昌区总公会") && p.contains("武汉市武昌区总工会") && p.contains("是否")),
        "the misspelt name is rejected with the roster's name: {wuchang:?}"
    );
    let company: Vec<String> = problems[1..]
        .iter()
        .filter(|r| text_at(r, 0).ends_with("某某公司.et"))
        .map(|r| text_at(r, 4))
        .collect();
    assert!(company.iter().any(|p| p.contains("不在报送单位名单")), "{company:?}");

    // 合计 as LibreOffice recalculates it from the formulas (their cached values dropped).
    let counted: Vec<&String> = m.typed.keys().filter(|f| MIXED_COUNTED.contains(&f.as_str())).collect();
    let all: BTreeMap<String, &Typed> = m.typed.iter().map(|(f, v)| (f.clone(), v)).collect();
    let x = expect(1, &all, &counted);
    let recalc = py("recalc.py", [&m.summary]);
    assert!(
        recalc["stripped"].as_u64().unwrap() >= x.fields.len() as u64,
        "the copy LibreOffice opens has no cached totals: {recalc}"
    );
    let lo: Vec<Vec<String>> = serde_json::from_value(recalc["rows"].clone()).unwrap();
    let total = lo.iter().find(|r| r[0] == "合计").expect("LibreOffice's 合计 row");
    for (i, (code, ..)) in x.fields.iter().enumerate() {
        let got: f64 = total[5 + i]
            .parse()
            .unwrap_or_else(|_| panic!("LibreOffice's 合计 of {code} is {:?}", total[5 + i]));
        assert!(
            close(got, decimal(&x.totals[code])),
            "合计 of {code}: LibreOffice computes {got}, Python {}",
            x.totals[code]
        );
    }
    // And 江汉区's 01B, read from the cell it was moved to.
    let jianghan = body.iter().find(|r| text_at(r, 3).ends_with("江汉区.xls")).unwrap();
    let col = 5 + x.fields.iter().position(|f| f.0 == "01B").unwrap();
    assert_eq!(
        jianghan[col].as_ref().and_then(|c| c.value.as_f64()),
        Some(800.0),
        "01B of 江汉区, from its moved cell"
    );
}

/// 未报单位 lists the roster units with no return that counts, with their contacts from the
/// roster: 青山区 (nothing sent) and 武昌区 (its return was refused).
#[test]
fn the_units_that_have_not_reported_are_listed_with_their_contacts() {
    let m = mixed();
    let book = Workbook::read(&m.summary);
    let rows = book.rows("未报单位");
    let header: Vec<String> = rows[0].iter().map(|c| c.as_ref().map(Cell::text).unwrap_or_default()).collect();
    assert_eq!(header, ["序号", "填报单位", "联系人", "联系电话", "情况"]);
    let listed: Vec<(String, String, String, String)> = rows[1..].iter().map(|r| (text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4))).collect();
    let names: Vec<&str> = listed.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(names, [ROSTER[4].0, ROSTER[5].0], "武昌区 (refused) and 青山区 (nothing), in roster order");
    for (unit, person, phone, note) in &listed {
        let (_, p, ph) = ROSTER.iter().find(|r| r.0 == unit).unwrap();
        assert_eq!((person.as_str(), phone.as_str()), (*p, *ph), "{unit}'s contacts from the roster");
        assert!(!note.is_empty(), "{unit}: how it stands");
    }
    assert!(
        listed[0].3.contains("退回") && listed[0].3.contains("武汉市武昌区总公会"),
        "武昌区's misnamed return was refused: {:?}",
        listed[0]
    );
    assert!(listed[1].3.contains("未报送"), "青山区 sent nothing: {:?}", listed[1]);
    assert!(m.run.stdout.contains("2 units have not reported"), "{}", m.run);
}

/// Every text of the summary is Chinese: no English word in any cell of any sheet (codes such
/// as 05A, numbers, rules such as `05A = 05B + …` and the file paths aside).
#[test]
fn no_english_in_any_text_of_the_summary() {
    let m = mixed();
    let c = collected();
    for path in [&m.summary, &c.xlsx] {
        let book = Workbook::read(path);
        for sheet in &book.sheets {
            for (r, row) in book.rows(sheet).iter().enumerate() {
                for (col, cell) in row.iter().enumerate() {
                    let Some(cell) = cell else { continue };
                    let text = if cell.data_type == "f" { cell.cached.to_string() } else { cell.text() };
                    let header = text_at(&book.rows(sheet)[0], col);
                    if header == "文件" {
                        continue;
                    }
                    if let Some(word) = english_word(&text) {
                        panic!(
                            "{}: sheet {sheet}, row {}, column {header}: English `{word}` in {text:?}",
                            path.display(),
                            r + 1
                        );
                    }
                }
            }
        }
    }
    for (row, text) in read_csv_raw(&c.csv)
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.iter().enumerate().filter(|(j, _)| *j != 3).map(move |(_, t)| (i, t)))
    {
        if let Some(word) = english_word(text) {
            panic!("the CSV summary, row {}: English `{word}` in {text:?}", row + 1);
        }
    }
}

/// A word of English letters in `text`, other than a code (05A), a format's name, or a file's
/// name (letters joined to a dot or a slash).
fn english_word(text: &str) -> Option<String> {
    const NAMES: [&str; 6] = ["PDF", "XLSX", "XLS", "ODS", "WPS", "CSV"];
    text.split(|c: char| !c.is_ascii_graphic())
        .filter(|run| !run.contains(['.', '/', '\\', '@']))
        .flat_map(|run| run.split(|c: char| !c.is_ascii_alphanumeric()).map(str::to_string).collect::<Vec<_>>())
        .find(|w| {
            let code = w.len() == 3 && w[..2].bytes().all(|b| b.is_ascii_digit()) && w.as_bytes()[2].is_ascii_uppercase();
            w.chars().filter(char::is_ascii_alphabetic).count() > 1 && !code && !NAMES.contains(&w.as_str())
        })
}

/// The rows of a refused or unreadable return are shaded; the rows that count are not.
#[test]
fn rows_that_do_not_count_are_shaded() {
    let m = mixed();
    let book = Workbook::read(&m.summary);
    for row in book.rows("汇总")[1..].iter().take_while(|r| text_at(r, 0) != "合计") {
        let status = text_at(row, 4);
        let fill = row[0].as_ref().map(|c| c.fill.clone()).unwrap_or_default();
        let shaded = !fill.is_empty() && !fill.ends_with("000000");
        let counted = status.starts_with("通过");
        assert_eq!(shaded, !counted, "{}: status {status}, fill {fill:?}", text_at(row, 3));
    }
}

/// pypdf writes a phone number with an en dash and a bullet (`027–85551234 • 8001`) in
/// PDFDocEncoding, where – is byte 0x85 and • is 0x80: they are read back as – and •, not as
/// the control characters U+0085 and U+0080 Latin-1 would make of them.
#[test]
fn punctuation_in_pdfdocencoding_reads_back() {
    let b = blanks();
    let dir = TempDir::new().unwrap();
    let returns = dir.path().join("returns");
    let phone = "027–85551234 • 8001";
    let v = district("武汉市江岸区总工会", "张三", phone, 1);
    fill(Filler::Pypdf, &b.a1, &returns.join("江岸区总工会.pdf"), &v);
    let raw = std::fs::read(returns.join("江岸区总工会.pdf")).unwrap();
    assert!(
        raw.windows(7).any(|w| w == b"027\\205"),
        "pypdf wrote the dash as PDFDocEncoding's byte 0x85, escaped \\205 (else this test shows nothing)"
    );
    let summary = dir.path().join("summary.csv");
    let r = collect(1, &[&returns], &summary);
    assert_eq!(r.code, Some(0), "{r}");
    let rows = read_csv(&summary);
    assert_eq!(rows[1][2], phone, "the phone as the unit typed it");
}

/// A workbook says which form of which edition it is: 附件2's workbook sent for 附件1, and
/// next year's 附件1, are rejected saying so; a WPS .et that is not the .xls it should be is
/// refused with what to do.
#[test]
fn a_workbook_of_another_form_or_edition_is_rejected() {
    let b = blanks();
    let dir = TempDir::new().unwrap();
    let returns = dir.path().join("returns");
    let jiangan = district("武汉市江岸区总工会", "张三", "027-82781234", 1);
    fill_sheet(&b.a1_2016_xlsx, &returns.join("江岸区2016.xlsx"), &jiangan, None);
    let hongshan: Typed = [("unit", "武汉市洪山区总工会"), ("reporter", "吴十"), ("01A", "3")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    fill_sheet(&b.a2_xlsx, &returns.join("洪山区.xlsx"), &hongshan, None);
    std::fs::write(returns.join("蔡甸区.et"), b"not what WPS saves").unwrap();
    let summary = dir.path().join("summary.csv");
    let r = collect(1, &[&returns], &summary);
    assert_eq!(r.code, Some(1), "{r}");
    let rows = read_csv(&summary);
    let of = |file: &str| rows.iter().find(|row| row[3].ends_with(file)).unwrap_or_else(|| panic!("{file}'s row"));
    let (y2016, a2, et) = (of("江岸区2016.xlsx"), of("洪山区.xlsx"), of("蔡甸区.et"));
    assert_eq!(
        (y2016[4].as_str(), a2[4].as_str(), et[4].as_str()),
        ("rejected", "rejected", "unreadable"),
        "{rows:?}"
    );
    assert!(y2016.last().unwrap().contains("2016"), "names the other year's form: {y2016:?}");
    assert!(a2.last().unwrap().contains("附件2"), "names the form it is: {a2:?}");
    assert!(
        et.last().unwrap().contains("WPS") && et.last().unwrap().contains(".xlsx"),
        "says how to send it: {et:?}"
    );
}
