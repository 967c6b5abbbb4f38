//! Messages of loading and checking an edition (edition, model, text), in Chinese and English.

use super::catalogue;

catalogue! {}
