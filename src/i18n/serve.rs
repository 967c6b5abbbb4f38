//! Messages of the editor in the browser (`gongwen serve`), in Chinese and English.

use super::catalogue;

catalogue! {}
