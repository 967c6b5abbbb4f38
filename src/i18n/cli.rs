//! Messages of the command line: flags, help, what each command prints, in Chinese and English.

use super::catalogue;

catalogue! {
    /// The last line when one error stopped the command.
    one_error_nothing_written() {
        zh: "1 个错误：未写入任何文件",
        en: "1 error: nothing written",
    }
    /// The last line when several errors stopped the command.
    errors_nothing_written(n) {
        zh: "{n} 个错误：未写入任何文件",
        en: "{n} errors: nothing written",
    }
}
