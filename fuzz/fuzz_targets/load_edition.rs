//! `gongwen check` and `build` load editions written by many people. Whatever bytes a
//! `notice.toml` or a form file holds, loading must give an edition or located diagnostics:
//! never panic or overflow its stack.
//!
//! The first byte chooses the file the rest replaces in a copy of the small valid edition of
//! `tests/editions/base` (0: notice.toml, otherwise the form), so both file kinds are fuzzed
//! with a valid neighbour.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn edition() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("gongwen-fuzz-edition-{}", std::process::id()));
        let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/editions/base");
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        for entry in std::fs::read_dir(&base).expect("the base edition") {
            let entry = entry.expect("an entry");
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("a copy");
        }
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let dir = edition();
    let form = std::fs::read_dir(dir)
        .expect("the edition")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n != "notice.toml" && n.ends_with(".toml"))
        .expect("a form file");
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/editions/base");
    // Restore both files, then replace one with the input.
    std::fs::copy(base.join("notice.toml"), dir.join("notice.toml")).expect("restore");
    std::fs::copy(base.join(&form), dir.join(&form)).expect("restore");
    let target = if which % 2 == 0 { dir.join("notice.toml") } else { dir.join(&form) };
    std::fs::write(target, rest).expect("write the input");
    let _ = gongwen::edition::load(dir);
});
