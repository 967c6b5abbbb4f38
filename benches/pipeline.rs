//! The pipeline's speed, measured against the stock Typst compiler in the same run.
//!
//! `cargo bench` prints a table: each row the median of several runs on this machine, with
//! ratios against the peer (machines here are noisy; a ratio survives that better than a
//! time). The peer is Typst 0.15 from PyPI (`typst` 0.15.2), compiling the same three
//! templates, each in a fresh process, as a user would from a shell. It is found (a
//! `python3` that imports it) or installed by the bench itself into a virtual environment
//! in the cache folder (`~/.cache/gongwen/bench-peer`), so a fresh clone prints every row.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gongwen::build::{self, Options};
use gongwen::typeset::fonts::FontSet;

const RUNS: usize = 7;
const UNITS: usize = 200;
/// Returns of the large collection: half PDFs, half workbooks.
const MIXED: usize = 2000;
/// The formats measured alone: every one gongwen writes.
const FORMATS: &[&str] = &["pdf", "xlsx", "ofd", "docx"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The cache folder every `gongwen` of the bench uses (`XDG_CACHE_HOME`): filled by the
/// first build, as a user's is after their first.
static CACHE_HOME: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

fn gongwen() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    c.current_dir(root()).stdout(Stdio::null()).stderr(Stdio::null());
    c.env_remove("GONGWEN_CACHE").env_remove("GONGWEN_FONTS");
    if let Some(home) = CACHE_HOME.get() {
        c.env("XDG_CACHE_HOME", home);
    }
    c
}

/// A `python3` that imports PyPI's `typst` 0.15: this one's, or one installed for the bench
/// into a virtual environment in the cache folder. Else why not.
fn find_peer() -> Result<PathBuf, String> {
    let check = "import importlib.metadata as m, typst; assert m.version('typst').startswith('0.15.')";
    let works = |python: &Path| {
        Command::new(python)
            .args(["-c", check])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let system = PathBuf::from("python3");
    if works(&system) {
        return Ok(system);
    }
    let venv = gongwen::cache::dir().ok_or("no cache folder (HOME unset)")?.join("bench-peer");
    let python = venv.join("bin/python3");
    if works(&python) {
        return Ok(python);
    }
    eprintln!("installing the peer (PyPI typst 0.15.2) into {} …", venv.display());
    let made = Command::new("python3").arg("-m").arg("venv").arg(&venv).status();
    if !made.is_ok_and(|s| s.success()) {
        return Err(format!("`python3 -m venv {}` failed", venv.display()));
    }
    let installed = Command::new(&python).args(["-m", "pip", "install", "--quiet", "typst==0.15.2"]).status();
    if !installed.is_ok_and(|s| s.success()) || !works(&python) {
        return Err(format!("`pip install typst==0.15.2` into {} failed", venv.display()));
    }
    Ok(python)
}

/// Runs a command to its end: wall time and peak resident memory (KB), from wait4.
fn measure(cmd: &mut Command) -> (Duration, u64) {
    let start = Instant::now();
    // Waited for with wait4 below, which also gives the peak memory that `wait` would not.
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().expect("the command starts");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child's, not yet waited for; the pointers are valid.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1,
        "{cmd:?} failed: status {status}"
    );
    (took, usage.ru_maxrss as u64)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("out");
    CACHE_HOME.set(tmp.path().join("cache")).expect("set once");
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());

    // 0. The very first build, with an empty cache folder: it makes the field font's subset.
    let mut first = Vec::new();
    for i in 0..3 {
        let home = tmp.path().join(format!("first-{i}"));
        let (t, _) = measure(gongwen().env("XDG_CACHE_HOME", &home).args(["build", "data/2015", "-o"]).arg(&out));
        first.push(t);
    }
    let first = median(first);
    // Fill the bench's cache folder as a first build does.
    measure(gongwen().args(["build", "data/2015", "-o"]).arg(&out));

    // 1. Cold: a fresh process for the whole edition (the default formats, PDF and XLSX).
    let mut cold = Vec::new();
    let mut cold_rss = 0;
    for _ in 0..RUNS {
        let (t, rss) = measure(gongwen().args(["build", "data/2015", "-o"]).arg(&out));
        cold.push(t);
        cold_rss = cold_rss.max(rss);
    }
    let cold = median(cold);

    // 1b. Cold `check`: a fresh process, nothing written.
    let mut check = Vec::new();
    let mut check_rss = 0;
    for _ in 0..RUNS {
        let (t, rss) = measure(gongwen().args(["check", "data/2015"]));
        check.push(t);
        check_rss = check_rss.max(rss);
    }
    let check = median(check);

    // 1c. Each format alone, cold.
    let mut per_format = Vec::new();
    for format in FORMATS {
        let dir = tmp.path().join(format!("format-{format}"));
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let (t, _) = measure(gongwen().args(["build", "data/2015", "--format", format, "-o"]).arg(&dir));
            times.push(t);
        }
        per_format.push((format, median(times)));
    }

    // 2. Peer: stock Typst, one fresh process per document.
    let peer_script = r#"
import sys, typst
main, out, *inputs = sys.argv[1:]
typst.compile(main, output=out, root=".", font_paths=["fonts"], ignore_system_fonts=True,
              sys_inputs=dict(i.split("=", 1) for i in inputs))
"#;
    let docs: [(&str, &[&str]); 3] = [
        ("templates/notice.typ", &["edition=data/2015"]),
        ("templates/attachment.typ", &["edition=data/2015", "attachment=1"]),
        ("templates/attachment.typ", &["edition=data/2015", "attachment=2"]),
    ];
    let python = find_peer();
    let mut peer = Vec::new();
    let mut peer_notice = Vec::new();
    let mut peer_rss = 0;
    if let Ok(python) = &python {
        for _ in 0..RUNS {
            let mut total = Duration::ZERO;
            for (i, (main, inputs)) in docs.iter().enumerate() {
                let mut c = Command::new(python);
                c.current_dir(root())
                    .args(["-c", peer_script, main])
                    .arg(tmp.path().join(format!("peer-{i}.pdf")))
                    .args(*inputs);
                let (t, rss) = measure(&mut c);
                total += t;
                if i == 0 {
                    peer_notice.push(t);
                }
                peer_rss = peer_rss.max(rss);
            }
            peer.push(total);
        }
    }
    let peer = (!peer.is_empty()).then(|| median(peer));
    let peer_notice = (!peer_notice.is_empty()).then(|| median(peer_notice));

    // 3b. Watch: `gongwen watch` running; a sentence of notice.toml edited and saved as an
    // editor saves (written beside, renamed over); the time until the new notice.pdf is in
    // place (renamed in: a new inode).
    let watched = tmp.path().join("watched");
    copy_dir(&root().join("data/2015"), &watched);
    let watch_out = tmp.path().join("watch-out");
    let watch_edit = watch_round_trip(&watched, &watch_out, tmp.path());

    // 4. Batch: 200 pre-filled forms of attachment 1.
    let units = tmp.path().join("units.csv");
    let mut csv = String::from("填报单位,填报人,联系电话,01A,01B\n");
    for i in 0..UNITS {
        csv.push_str(&format!("测试单位{i:03}总工会,张{i},8576{i:04},{},{}\n", 1000 + i, 100 + i));
    }
    std::fs::write(&units, csv).expect("write");
    let forms = tmp.path().join("forms");
    let mut batch = Vec::new();
    let mut batch_rss = 0;
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&forms);
        let (t, rss) = measure(gongwen().args(["fill", "data/2015", "-n", "1", "--units"]).arg(&units).arg("-o").arg(&forms));
        batch.push(t);
        batch_rss = batch_rss.max(rss);
    }
    let batch = median(batch);

    // 5. Collect: the 200 forms back into an XLSX.
    let summary = tmp.path().join("summary.xlsx");
    let mut collect = Vec::new();
    let mut collect_rss = 0;
    for _ in 0..3 {
        let (t, rss) = measure(gongwen().args(["collect", "data/2015", "-n", "1"]).arg(&forms).arg("-o").arg(&summary));
        collect.push(t);
        collect_rss = collect_rss.max(rss);
    }
    let collect = median(collect);

    // 8. Collect at a city's scale: 2,000 returns, half filled PDFs and half filled
    // workbooks, against a roster of their 2,000 units, into an XLSX.
    let roster = tmp.path().join("roster.csv");
    let rows: Vec<String> = (0..MIXED)
        .map(|i| format!("测试单位{i:04}总工会,张{i},8576{i:04},{},{}", 1000 + i, 100 + i))
        .collect();
    let header = "填报单位,填报人,联系电话,01A,01B";
    std::fs::write(&roster, format!("{header}\n{}\n", rows.join("\n"))).expect("write");
    let mixed = tmp.path().join("mixed");
    let (pdf_units, xlsx_units) = rows.split_at(MIXED / 2);
    for (units, format) in [(pdf_units, "pdf"), (xlsx_units, "xlsx")] {
        let part = tmp.path().join(format!("units-{format}.csv"));
        std::fs::write(&part, format!("{header}\n{}\n", units.join("\n"))).expect("write");
        measure(
            gongwen()
                .args(["fill", "data/2015", "-n", "1", "--format", format, "--units"])
                .arg(&part)
                .arg("-o")
                .arg(&mixed),
        );
    }
    assert_eq!(std::fs::read_dir(&mixed).expect("the returns").count(), MIXED, "{MIXED} returns");
    let big_summary = tmp.path().join("city.xlsx");
    let mut city = Vec::new();
    let mut city_rss = 0;
    for _ in 0..3 {
        let (t, rss) = measure(
            gongwen()
                .args(["collect", "data/2015", "-n", "1"])
                .arg(&mixed)
                .arg("--units")
                .arg(&roster)
                .arg("-o")
                .arg(&big_summary),
        );
        city.push(t);
        city_rss = city_rss.max(rss);
    }
    let city = median(city);

    // 3. Warm: one process, the edition rebuilt after a one-sentence edit. Measured last:
    // the processes above are measured before this one grows (a child's peak memory counts
    // what it shared with its parent before `exec`).
    // SAFETY: no other thread of this process reads the environment while it is set.
    unsafe { std::env::set_var("XDG_CACHE_HOME", CACHE_HOME.get().expect("set")) };
    let edition = tmp.path().join("edition");
    copy_dir(&root().join("data/2015"), &edition);
    // As `gongwen watch` builds: fonts loaded once, unchanged documents reused.
    let options = Options {
        fonts: root().join("fonts"),
        cache: Some(Default::default()),
        ..Options::default()
    };
    let fonts = std::sync::Arc::new(FontSet::load_used(&options.fonts, &options.templates.sources()).expect("fonts"));
    let notice = edition.join("notice.toml");
    let original = std::fs::read_to_string(&notice).expect("notice.toml");
    let sentence = "全市工会要广泛开展";
    assert!(original.contains(sentence));
    let mut warm_all = Vec::new();
    let mut warm_notice = Vec::new();
    for i in 0..(RUNS * 2 + 1) {
        let edited = original.replace(sentence, &format!("全市工会要广泛开展（第{i}稿）"));
        std::fs::write(&notice, edited).expect("write");
        let start = Instant::now();
        let checked = build::check_with_fonts(&edition, &options, fonts.clone()).expect("the edition checks");
        let (notice_pdf, _) = checked.render(gongwen::typeset::Document::Notice, &options).expect("renders");
        let t_notice = start.elapsed();
        // A second edit, and the whole edition: the notice again, the forms unchanged.
        let edited = original.replace(sentence, &format!("全市工会要广泛开展（第{i}稿，改）"));
        std::fs::write(&notice, edited).expect("write");
        let start = Instant::now();
        let checked = build::check_with_fonts(&edition, &options, fonts.clone()).expect("the edition checks");
        let (outputs, _) = checked.render_all(&options).expect("renders");
        let t_all = start.elapsed();
        assert!(!notice_pdf.pdf().is_none_or(|p| p.is_empty()) && outputs.len() == 3);
        if i > 0 {
            // The first round fills the caches: that is the cold compile, not a rebuild.
            warm_notice.push(t_notice);
            warm_all.push(t_all);
        }
    }
    let warm_notice = median(warm_notice);
    let warm_all = median(warm_all);

    // 9. serve's preview: the notice's JSON with a one-sentence edit, as the page sends it
    // after a keystroke: merged, checked, compiled, the changed pages drawn as PNG.
    let serve_edition = tmp.path().join("served");
    copy_dir(&root().join("data/2015"), &serve_edition);
    let mut previewer = gongwen::serve::Previewer::open(&serve_edition, &options).expect("serve opens the edition");
    let json = serde_json::to_string(&gongwen::serve::save::to_json(&previewer.file("notice.toml").expect("notice.toml").doc)).expect("JSON");
    assert!(json.contains(sentence));
    let mut preview = Vec::new();
    for i in 0..=RUNS {
        let edited: serde_json::Value = serde_json::from_str(&json.replace(sentence, &format!("全市工会要广泛开展（第{i}稿）"))).expect("JSON");
        let start = Instant::now();
        let shown = previewer.preview(&[("notice.toml".to_string(), edited)]);
        let took = start.elapsed();
        assert!(shown.fresh && shown.problems.is_empty(), "the edited notice previews");
        if i > 0 {
            preview.push(took);
        }
    }
    let preview = median(preview);

    // 7. OFD: the notice's laid-out pages written as OFD, in process (fonts subset and
    // converted each time); and a cold build of the edition in both formats.
    let checked = build::check_with_fonts(&edition, &options, fonts.clone()).expect("the edition checks");
    let world = checked.world(gongwen::typeset::Document::Notice, &options).expect("a world");
    let (doc, _) = gongwen::typeset::compile(&world).expect("compiles");
    let info = gongwen::export::ofd::Info {
        ident: "gongwen/bench/notice.ofd",
        date: checked.loaded.edition.date,
    };
    let mut ofd_export = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let bytes = gongwen::export::ofd::ofd(&doc, &info).expect("writes the OFD");
        ofd_export.push(start.elapsed());
        assert!(!bytes.is_empty());
    }
    let ofd_export = median(ofd_export);
    let both = tmp.path().join("both");
    let mut cold_both = Vec::new();
    for _ in 0..RUNS {
        let (t, _) = measure(gongwen().args(["build", "data/2015", "--format", "pdf,ofd", "-o"]).arg(&both));
        cold_both.push(t);
    }
    let cold_both = median(cold_both);

    // The table.
    let rate = |n: usize, d: Duration| n as f64 / d.as_secs_f64();
    let ratio = |d: Duration, p: Option<Duration>| match p {
        Some(p) => format!("{} = {:.2} × peer", ms(d), d.as_secs_f64() / p.as_secs_f64()),
        None => ms(d),
    };
    println!("| row | measured | target |");
    println!("| --- | --- | --- |");
    println!(
        "| 1. cold `gongwen build` (3 PDFs, 2 XLSX; fresh process, field font kept from an earlier build) | {} | ≤ 0.30 × peer |",
        ratio(cold, peer)
    );
    println!(
        "| 1. the first build ever (empty cache folder: the field font subset made) | {} | |",
        ratio(first, peer)
    );
    println!(
        "| 1. cold `gongwen check` (fresh process, nothing written) | {} | ≤ 0.15 × peer |",
        ratio(check, peer)
    );
    for (format, t) in &per_format {
        println!("| 1. cold `gongwen build --format {format}` | {} | |", ratio(*t, peer));
    }
    match (&python, peer, peer_notice) {
        (Ok(python), Some(p), Some(n)) => {
            println!(
                "| 2. peer: stock Typst 0.15 (PyPI typst 0.15.2, {}), 3 fresh processes | {} | |",
                python.display(),
                ms(p)
            );
            println!("| 2. peer: the notice alone | {} | |", ms(n));
        }
        (Err(why), _, _) => println!("| 2. peer: stock Typst 0.15 (PyPI typst 0.15.2) | not available: {why} | |"),
        _ => println!("| 2. peer | not measured | |"),
    }
    match watch_edit {
        Ok(t) => println!(
            "| 3. `gongwen watch`: a saved one-sentence edit → the new notice.pdf in place | {} | ≤ 0.10 × peer's notice |",
            match peer_notice {
                Some(n) => format!("{} = {:.3} × peer's notice", ms(t), t.as_secs_f64() / n.as_secs_f64()),
                None => ms(t),
            }
        ),
        Err(why) => println!("| 3. `gongwen watch`: a saved edit → the new notice.pdf | failed: {why} | |"),
    }
    println!(
        "| 3. warm rebuild after a one-sentence edit (in process): notice | {} | < 30 ms |",
        ms(warm_notice)
    );
    println!("| 3. warm rebuild after a one-sentence edit (in process): all 3 PDFs | {} | |", ms(warm_all));
    println!(
        "| 3. `serve`'s preview of a one-sentence edit of the notice (in process: merged, checked, compiled, changed pages drawn) | {} | |",
        ms(preview)
    );
    println!(
        "| 4. batch: {UNITS} pre-filled forms (`fill --units`) | {} = {:.0} forms/s | ≥ 100 forms/s |",
        ms(batch),
        rate(UNITS, batch)
    );
    println!(
        "| 5. collect: {UNITS} returns into XLSX | {} = {:.0} returns/s | ≥ 200 returns/s |",
        ms(collect),
        rate(UNITS, collect)
    );
    println!("| 6. peak memory (max RSS): cold build | {:.0} MB | ≤ 150 MB |", cold_rss as f64 / 1024.0);
    println!(
        "| 6. peak memory: check, rows 4, 5 (peer) | {:.0} MB, {:.0} MB, {:.0} MB ({:.0} MB) | < 200 MB |",
        check_rss as f64 / 1024.0,
        batch_rss as f64 / 1024.0,
        collect_rss as f64 / 1024.0,
        peer_rss as f64 / 1024.0
    );
    let size = |p: PathBuf| std::fs::metadata(p).map(|m| m.len() / 1024).unwrap_or(0);
    println!(
        "| 6. sizes: notice.pdf, attachment-1.pdf, attachment-2.pdf; attachment-1.xlsx, attachment-2.xlsx | {} KB, {} KB, {} KB; {} KB, {} KB | notice < 500 KB |",
        size(out.join("notice.pdf")),
        size(out.join("attachment-1.pdf")),
        size(out.join("attachment-2.pdf")),
        size(out.join("attachment-1.xlsx")),
        size(out.join("attachment-2.xlsx"))
    );
    println!(
        "| 7. OFD: the notice's {} pages written as OFD (in process) | {} | |",
        doc.pages().len(),
        ms(ofd_export)
    );
    println!("| 7. cold `gongwen build --format pdf,ofd` (3 PDFs, 3 OFDs) | {} | |", ms(cold_both));
    println!(
        "| 7. sizes: notice.ofd, attachment-1.ofd, attachment-2.ofd | {} KB, {} KB, {} KB | |",
        size(both.join("notice.ofd")),
        size(both.join("attachment-1.ofd")),
        size(both.join("attachment-2.ofd"))
    );
    println!(
        "| 8. collect: {MIXED} returns (half PDF, half XLSX) with a roster of {MIXED}, into XLSX | {} = {:.0} returns/s, peak {:.0} MB | ≥ 1,000 returns/s, < 200 MB |",
        ms(city),
        rate(MIXED, city),
        city_rss as f64 / 1024.0
    );
    println!();
    println!("median of {RUNS} runs (3 for the first build and rows 4, 5 and 8) on {cores} cores");
}

/// Starts `gongwen watch` on `edition`, waits for its first build, then saves a one-sentence
/// edit of notice.toml RUNS + 1 times (the first a warm-up): the median time from the save
/// to the new notice.pdf renamed into `out`.
fn watch_round_trip(edition: &Path, out: &Path, scratch: &Path) -> Result<Duration, String> {
    use std::os::unix::fs::MetadataExt;
    let mut child = gongwen()
        .arg("watch")
        .arg(edition)
        .arg("-o")
        .arg(out)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let (tx, rounds) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().expect("piped");
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if (line.starts_with("built ") || line.starts_with("not built")) && tx.send(line).is_err() {
                break;
            }
        }
    });
    let result = (|| {
        let round = |what: &str| match rounds.recv_timeout(Duration::from_secs(120)) {
            Ok(line) if line.starts_with("built ") => Ok(()),
            Ok(line) => Err(format!("{what}: {line}")),
            Err(_) => Err(format!("{what}: no round in 120 s")),
        };
        round("the first build")?;
        let notice = edition.join("notice.toml");
        let pdf = out.join("notice.pdf");
        let original = std::fs::read_to_string(&notice).map_err(|e| e.to_string())?;
        let sentence = "全市工会要广泛开展";
        let mut times = Vec::new();
        for i in 0..=RUNS {
            let before = std::fs::metadata(&pdf).map_err(|e| e.to_string())?.ino();
            let saving = scratch.join(".saving.toml");
            std::fs::write(&saving, original.replace(sentence, &format!("全市工会要广泛开展（第{i}稿）"))).map_err(|e| e.to_string())?;
            let start = Instant::now();
            std::fs::rename(&saving, &notice).map_err(|e| e.to_string())?;
            loop {
                if std::fs::metadata(&pdf).is_ok_and(|m| m.ino() != before) {
                    break;
                }
                if start.elapsed() > Duration::from_secs(60) {
                    return Err("no new notice.pdf within 60 s".to_string());
                }
                std::thread::sleep(Duration::from_micros(200));
            }
            let took = start.elapsed();
            round("a rebuild")?;
            if i > 0 {
                times.push(took);
            }
        }
        Ok(median(times))
    })();
    let _ = child.kill();
    let _ = child.wait();
    result
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for e in std::fs::read_dir(from).expect("read") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}
