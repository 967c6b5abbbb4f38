//! Messages of typesetting: fonts, templates, Typst's diagnostics, in Chinese and English.

use super::catalogue;

catalogue! {}
