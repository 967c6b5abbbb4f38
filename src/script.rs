//! The script an edition is printed in. Editions are kept in Simplified characters (规范汉字,
//! as mainland official documents must be); Traditional output is a rendering option,
//! converted with OpenCC's phrase tables (ferrous-opencc, a pure-Rust OpenCC), so that
//! 关于 becomes 關於 and 发 becomes 發 or 髮 by the word it is in, not character by character.

use std::borrow::Cow;
use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// Simplified (the default) or Traditional characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Script {
    /// 简体: as the edition is written.
    #[default]
    Hans,
    /// 繁體: converted with OpenCC (s2tw, Taiwan-standard characters).
    Hant,
}

impl Script {
    /// The value templates see in `sys.inputs.script`.
    pub fn name(self) -> &'static str {
        match self {
            Script::Hans => "hans",
            Script::Hant => "hant",
        }
    }

    /// `text` in this script.
    pub fn convert(self, text: &str) -> Cow<'_, str> {
        match self {
            Script::Hans => Cow::Borrowed(text),
            Script::Hant => {
                let mut out = converter().map_or_else(|| text.to_string(), |c| c.convert(text));
                for (wrong, right) in CORRECTIONS {
                    if out.contains(wrong) {
                        out = out.replace(wrong, right);
                    }
                }
                Cow::Owned(out)
            }
        }
    }
}

/// Where this OpenCC's tables give what Taiwan's standard does not: 做好困难职工 is read as
/// 做好困 (“very sleepy”) + 难, giving 睏難, when 困难 (difficulty) is never 睏難 (upstream
/// OpenCC does the same); ferrous-opencc's tables give 橋樑 where upstream s2tw gives the
/// Taiwan standard 橋梁; and OpenCC's phrase table turns 合家 (the whole family: 合家歡) into
/// the variant 閤家, where the Taiwan standard and the seed's own Traditional text write 合家.
const CORRECTIONS: &[(&str, &str)] = &[("睏難", "困難"), ("橋樑", "橋梁"), ("閤家", "合家")];

/// OpenCC's Simplified-to-Traditional chain (Taiwan standard characters: 為, 群, 眾, as the
/// seed's own Traditional text has them), built once per process.
fn converter() -> Option<&'static OpenCC> {
    static CONVERTER: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2tw).ok()).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_by_phrase() {
        assert_eq!(Script::Hant.convert("关于开展送温暖活动的通知"), "關於開展送溫暖活動的通知");
        assert_eq!(Script::Hant.convert("做好困难职工的帮扶"), "做好困難職工的幫扶");
        assert_eq!(Script::Hant.convert("为主题"), "為主題");
        assert_eq!(Script::Hant.convert("举办合家欢千桌团年饭"), "舉辦合家歡千桌團年飯");
        assert_eq!(Script::Hans.convert("关于"), "关于");
    }
}
