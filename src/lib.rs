//! gongwen: Chinese official documents (公文) laid out to GB/T 9704-2012, with their
//! statistics forms, compiled in-process with Typst.
//!
//! Data flows one way, one module per step:
//!
//! ```text
//! data/<edition>/*.toml ─ edition::load ─► model::Edition ─ typeset ─► pages ─ export ─► files ─ output
//! ```
//!
//! The templates read the edition's TOML themselves (as data, with Typst's `toml()`), so the
//! stock `typst` compiler produces the same pages; this crate checks the edition first, so that
//! every mistake is reported against the user's file, line and column.

pub mod build;
pub mod cache;
pub mod diag;
pub mod edition;
pub mod export;
pub mod fill;
pub mod i18n;
pub mod model;
pub mod output;
pub mod reissue;
pub mod report;
pub mod returns;
pub mod script;
pub mod serve;
pub mod text;
pub mod typeset;
pub mod values;
pub mod watch;
