//! Writers: each output format is a writer of its own that the others do not know about.
//! Page exporters (`pdf`, and `forms` which adds AcroForm fields to the PDF) write from
//! Typst's laid-out pages; model writers write from the content model.

pub mod forms;
pub mod pdf;
