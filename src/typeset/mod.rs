//! Typesetting: the sandboxed Typst world (templates, the edition's folder, the fonts), and
//! compiling a document of an edition into laid-out pages (`PagedDocument`), which every
//! page exporter (`export::pdf`, `export::ofd`, previews) writes from.

mod compile;
pub mod fonts;
mod world;

pub use compile::{compile, diagnostic, evaluate};
pub use world::{Document, GongwenWorld, Templates, file_id};
