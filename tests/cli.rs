//! The command line as people meet it: in Chinese under a Chinese locale (`LANG=zh_CN.UTF-8`
//! or `--lang zh`), `--help` and clap's own errors included; per-command help that lists only
//! what the command uses; the traps of issue 12 refused with exit 2; and no panic when the
//! reader of its output goes away (`gongwen … | head -1`).

mod common;

use std::ffi::OsStr;
use std::process::Stdio;

use common::*;

/// `gongwen ARGS…` under `LANG=zh_CN.UTF-8`.
fn zh<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = gongwen_command()
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .output()
        .expect("gongwen runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The commands and flags of gongwen, and the other names its help may show as they are:
/// these are what a user types, not English prose.
const NAMES: &[&str] = &[
    "gongwen",
    "ofd",
    "OFD",
    "build",
    "check",
    "fill",
    "watch",
    "new-edition",
    "collect",
    "serve",
    "help",
    "pdf",
    "xlsx",
    "docx",
    "hans",
    "hant",
    "zh",
    "en",
    "N",
    "CSV",
    "PDF",
    "XLSX",
    "XLS",
    "ODS",
    "GB",
    "T",
    "UTF",
    "GBK",
    "WPS",
    "Excel",
    "fonts",
    "out",
    "Ctrl",
    "C",
];

/// The English words of a text meant to be Chinese: runs of letters that are not flags
/// (`--force`), paths and file names (`data/2015`, `units.csv`), codes (`a-2b`), environment
/// variables, what the user typed (quoted “thus”), or one of [`NAMES`].
fn english(text: &str) -> Vec<String> {
    let mut unquoted = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => unquoted.push(c),
            _ => {}
        }
    }
    unquoted
        .split(|c: char| !c.is_ascii_graphic())
        .filter(|run| !run.starts_with('-') && !run.contains(['/', '.', '$', '_']) && !run.contains(|c: char| c.is_ascii_digit()))
        .flat_map(|run| {
            run.split(|c: char| !c.is_ascii_alphabetic() && c != '-')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c == '-') && !NAMES.contains(&w.trim_matches('-')))
        .collect::<Vec<_>>()
}

#[test]
fn help_is_chinese_under_a_chinese_locale() {
    let commands = ["build", "check", "fill", "watch", "new-edition", "collect", "serve"];
    let mut pages = vec![("gongwen --help".to_string(), zh(["--help"]))];
    for c in commands {
        pages.push((format!("gongwen {c} --help"), zh([c, "--help"])));
        pages.push((format!("gongwen {c} -h"), zh([c, "-h"])));
    }
    pages.push(("gongwen help collect".into(), zh(["help", "collect"])));
    for (what, run) in &pages {
        assert_eq!(run.code, Some(0), "{what}:\n{run}");
        assert!(run.stdout.contains("用法："), "{what} has the heading 用法:\n{}", run.stdout);
        assert!(run.stdout.contains("选项："), "{what} has the heading 选项:\n{}", run.stdout);
        let words = english(&run.stdout);
        assert!(words.is_empty(), "{what}: English words {words:?} in\n{}", run.stdout);
    }
    assert!(pages[0].1.stdout.contains("命令："), "gongwen --help lists its commands under 命令");
    // The same with --lang zh, whatever the locale.
    let r = gongwen(["--lang", "zh", "collect", "--help"]);
    assert!(r.stdout.contains("用法：") && english(&r.stdout).is_empty(), "--lang zh:\n{r}");
    // And English otherwise.
    let r = gongwen(["collect", "--help"]);
    assert!(r.stdout.contains("Usage:") && r.stdout.contains("Options:"), "{r}");
}

#[test]
fn errors_are_chinese_under_a_chinese_locale() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("汇总.xlsx");
    let out = out.to_str().unwrap();
    let built = dir.path().join("out");
    let built = built.to_str().unwrap();
    let cases: [(&str, Vec<&str>, i32); 9] = [
        ("a misspelt command", vec!["colect"], 2),
        ("an unknown flag", vec!["build", "--colour"], 2),
        ("a format gongwen does not write", vec!["build", "--format", "odt"], 2),
        ("a missing value", vec!["collect", "data/2015", "returns", "-o", out, "-n"], 2),
        ("no returns after the edition", vec!["collect", "data/2015", "-n", "1", "-o", out], 2),
        (
            "an attachment the edition does not have",
            vec!["collect", "data/2015", "-n", "9", "data/2015/units.csv", "-o", out],
            2,
        ),
        ("an edition folder that does not exist", vec!["check", "data/1999"], 1),
        (
            "a templates folder that does not exist",
            vec!["build", "--templates", "模板", "data/2015", "-o", built],
            1,
        ),
        (
            "a templates folder without the templates",
            vec!["build", "--templates", "data/", "data/2015", "-o", built],
            1,
        ),
    ];
    for (what, args, code) in cases {
        let r = zh(&args);
        assert_eq!(r.code, Some(code), "{what}:\n{r}");
        assert!(r.stderr.starts_with("错误："), "{what}: the error starts 错误：\n{r}");
        assert!(!std::path::Path::new(built).exists(), "{what}: nothing is written\n{r}");
        let words = english(&r.stderr);
        assert!(words.is_empty(), "{what}: English words {words:?} in\n{}", r.stderr);
    }
}

/// Each command's help lists only the flags it uses: collect reads no fonts or templates.
#[test]
fn each_command_lists_only_what_it_uses() {
    let flags = |args: &[&str]| -> Vec<String> {
        let r = gongwen(args);
        assert_eq!(r.code, Some(0), "{r}");
        r.stdout
            .split_whitespace()
            .filter(|w| w.starts_with("--"))
            .map(|w| w.trim_end_matches(',').to_string())
            .collect()
    };
    let collect = flags(&["collect", "--help"]);
    for f in ["--attachment", "--units", "--out", "--lang", "--help"] {
        assert!(collect.iter().any(|x| x == f), "collect --help lists {f}: {collect:?}");
    }
    for f in ["--fonts", "--templates", "--script", "--pdf-standard", "--format"] {
        assert!(!collect.iter().any(|x| x == f), "collect uses no {f}, yet its help lists it: {collect:?}");
    }
    let new_edition = flags(&["new-edition", "--help"]);
    assert!(!new_edition.iter().any(|x| x == "--fonts"), "{new_edition:?}");
    let build = flags(&["build", "--help"]);
    for f in ["--fonts", "--templates", "--script", "--pdf-standard", "--format"] {
        assert!(build.iter().any(|x| x == f), "build --help lists {f}: {build:?}");
    }
}

/// `collect EDITION -n 1 -o x.xlsx` with no returns: the edition's own files are not read as
/// returns; exit 2 and no summary.
#[test]
fn collect_with_only_the_edition_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.xlsx");
    let r = gongwen([
        OsStr::new("collect"),
        OsStr::new("data/2015"),
        OsStr::new("-n"),
        OsStr::new("1"),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(r.code, Some(2), "{r}");
    assert!(r.stderr.contains("no returns given"), "{r}");
    assert!(!out.exists(), "no summary is written");
}

/// A reader that goes away (`gongwen … | head -1`) is not a crash: no panic, and the command
/// does its work and exits as it would.
#[test]
fn a_closed_pipe_is_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    for args in [vec!["--help"], vec!["build", "data/2015", "-o"]] {
        let mut cmd = gongwen_command();
        cmd.args(&args);
        if args[0] == "build" {
            cmd.arg(dir.path());
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        // Close our end of its standard output before it writes.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?} exits as it would: {stderr}");
    }
    assert!(dir.path().join("notice.pdf").is_file(), "build wrote its files");
}
