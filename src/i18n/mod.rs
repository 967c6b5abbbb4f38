//! i18n (界面语言): one catalogue of every message gongwen shows a person, in Chinese and
//! in English.
//!
//! The language is Chinese under a Chinese locale (`LC_ALL`, `LC_MESSAGES` or `LANG`
//! starting with `zh`) or with `--lang zh`, and English otherwise. Texts that always go to
//! the office's own readers (the summaries' sheets, say) ask for Chinese explicitly with
//! [`Message::zh`].
//!
//! Every message is a constructor in one of the catalogue's modules (one per area, below),
//! written once with both texts: `i18n::edition::not_a_file()`. The macro refuses a message
//! whose two texts do not use the same arguments, and the tests check that every Chinese text
//! is Chinese.

pub mod cli;
pub mod edition;
pub mod export;
pub mod reissue;
pub mod returns;
pub mod serve;
pub mod typeset;

/// The whole catalogue, area by area: (name, Chinese text, English text).
pub const CATALOGUE: &[&[(&str, &str, &str)]] = &[cli::ALL, edition::ALL, typeset::ALL, export::ALL, reissue::ALL, returns::ALL, serve::ALL];

use std::fmt;
use std::sync::OnceLock;

/// The language of what gongwen prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 中文 (简体).
    Zh,
    #[default]
    En,
}

impl Lang {
    /// The language a locale name asks for: `zh_CN.UTF-8`, `zh_TW`, `zh` → Chinese.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let locale = locale.trim();
        if locale.is_empty() {
            return None;
        }
        let tag = locale.split(['.', '@']).next().unwrap_or("").to_ascii_lowercase();
        Some(if tag == "zh" || tag.starts_with("zh_") || tag.starts_with("zh-") {
            Lang::Zh
        } else {
            Lang::En
        })
    }

    /// The language of the environment, as POSIX ranks its variables: `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`; English when none is set.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().and_then(|l| Lang::from_locale(&l)))
            .unwrap_or_default()
    }

    /// Reads `zh` or `en` (and locale names such as `zh_CN`).
    pub fn parse(name: &str) -> Result<Lang, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "zh" | "cn" | "chinese" | "中文" => Ok(Lang::Zh),
            "en" | "english" => Ok(Lang::En),
            other => Lang::from_locale(other)
                .filter(|_| other.contains(['_', '-']))
                .ok_or_else(|| format!("`{name}`: expected zh or en")),
        }
    }
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language for the rest of the process (the first call wins).
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language of this process: as set, else the environment's.
pub fn lang() -> Lang {
    *LANG.get_or_init(Lang::from_env)
}

/// One message, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The text in the process's language.
    pub fn text(&self) -> String {
        self.get(lang()).to_string()
    }

    /// The Chinese text, for what is written for the office's readers whatever the locale.
    pub fn zh(&self) -> &str {
        &self.zh
    }

    /// A message made of messages: `f` builds each language's text from that language's
    /// parts (`Message::compose(|l| rule_above(rule, left.get(l), right.get(l)))`).
    pub fn compose(f: impl Fn(Lang) -> Message) -> Message {
        Message {
            zh: f(Lang::Zh).zh,
            en: f(Lang::En).en,
        }
    }

    /// Text that is the same in both languages (a name, a value, a message from a library).
    pub fn verbatim(s: impl Into<String>) -> Message {
        let s = s.into();
        Message { zh: s.clone(), en: s }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get(lang()))
    }
}

impl From<Message> for clap::builder::StyledStr {
    /// A help text of the command line, in the process's language.
    fn from(m: Message) -> Self {
        String::from(m).into()
    }
}

impl From<Message> for clap::builder::Str {
    /// A value name of the command line, in the process's language.
    fn from(m: Message) -> Self {
        String::from(m).into()
    }
}

impl From<Message> for String {
    fn from(m: Message) -> String {
        match lang() {
            Lang::Zh => m.zh,
            Lang::En => m.en,
        }
    }
}

/// Declares messages of the catalogue: each entry a function returning a [`Message`], with its Chinese
/// and English texts. Arguments are named in both texts (`{name}`); a text that leaves one
/// out does not compile.
macro_rules! catalogue {
    ($(
        $(#[$doc:meta])*
        $name:ident($($arg:ident),* $(,)?) { zh: $zh:literal, en: $en:literal $(,)? }
    )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::too_many_arguments)]
            pub fn $name($($arg: impl ::std::fmt::Display),*) -> $crate::i18n::Message {
                // As text first, so that a precision (`{detail:.0}`) applies to any argument.
                $(let $arg = $arg.to_string();)*
                $crate::i18n::Message {
                    zh: format!($zh $(, $arg = $arg)*),
                    en: format!($en $(, $arg = $arg)*),
                }
            }
        )*

        /// Every entry: (name, Chinese text, English text), for the catalogue's tests.
        pub const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $zh, $en)),*];
    };
}
pub(crate) use catalogue;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_choose_the_language() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("zh_TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("zh"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale(""), None);
        assert_eq!(Lang::parse("zh"), Ok(Lang::Zh));
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Ok(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Ok(Lang::En));
        assert!(Lang::parse("fr").is_err());
    }

    /// Words of English allowed inside a Chinese text: names of formats and tools.
    const NAMES: &[&str] = &[
        "PDF",
        "TOML",
        "CSV",
        "XLSX",
        "XLS",
        "ODS",
        "OFD",
        "DOCX",
        "UTF",
        "GBK",
        "Typst",
        "OpenCC",
        "WPS",
        "Excel",
        "URL",
        "ID",
        "Word",
        "LibreOffice",
        "gongwen",
        "PostScript",
        "CFF",
        "PNG",
        "SVG",
    ];

    #[test]
    fn every_message_is_written_in_both_languages() {
        let mut names = std::collections::HashSet::new();
        for (name, zh, en) in CATALOGUE.iter().flat_map(|area| area.iter()) {
            assert!(names.insert(*name), "{name} is in the catalogue twice");
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{name}: a text is empty");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{name}: the Chinese text has no Chinese: {zh}"
            );
            // Outside {placeholders} and `quoted` names, no English word in the Chinese text.
            let mut plain = String::new();
            let (mut depth, mut quoted) = (0, false);
            for c in zh.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    '`' => quoted = !quoted,
                    _ if depth == 0 && !quoted => plain.push(c),
                    _ => {}
                }
            }
            // Flags (`--force`), file names and extensions (`.xlsx`), paths and codes (`a-2b`)
            // are names too.
            let runs = plain.split(|c: char| !c.is_ascii_graphic());
            let words = runs
                .filter(|run| !run.contains(|c: char| matches!(c, '-' | '.' | '/' | '$' | '_' | '\\') || c.is_ascii_digit()))
                .flat_map(|run| run.split(|c: char| !c.is_ascii_alphabetic()))
                .filter(|w| w.len() > 1);
            for word in words {
                assert!(NAMES.contains(&word), "{name}: English word `{word}` in the Chinese text: {zh}");
            }
            assert_ne!(zh, en, "{name}: the two texts are the same");
        }
    }
}
