//! `gongwen collect` reads every file it is given, and a union office is given anything: a
//! return from any program, half a download, a file that is not a PDF at all, or one made to
//! hurt. `read_fields` must give a value or an error for all of them: never panic, abort or
//! overflow its stack.
//!
//! Like `collect`, the input is read on a thread of its own with the default stack (collect's
//! reader thread has 2 MiB), so a recursion too deep for `collect` is too deep here too.
//! libfuzzer-sys's panic hook aborts on every panic, including those `read_fields` catches:
//! a caught panic is still a misread file and a panic message on the office's terminal.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bytes = data.to_vec();
    let reader = std::thread::Builder::new().name("read-return".into()).spawn(move || {
        let _ = gongwen::returns::read_fields(&bytes);
    });
    reader.expect("a reader thread").join().expect("read_fields returned");
});
