//! Messages of filling forms and collecting returns: values, rosters, summaries, in Chinese and English.

use super::catalogue;

catalogue! {}
