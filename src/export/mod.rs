//! Writers: each output format is a writer of its own that the others do not know about.
//! Page exporters (`pdf`, `forms` which adds AcroForm fields to the PDF, and `ofd`) write from
//! Typst's laid-out pages; model writers (`docx`, `xlsx`) write from the content model.

pub mod docx;
pub mod forms;
pub mod ofd;
pub(crate) mod package;
pub mod pdf;
pub mod xlsx;
pub(crate) mod xml;

/// A format gongwen writes documents in (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// PDF: the notice to print, each form fillable
    Pdf,
    /// OFD (GB/T 33190): the fixed-layout format of Chinese e-government exchange and archives
    Ofd,
    /// DOCX: the notice as an editable Word/WPS document on Word's own 22 × 28 grid
    Docx,
    /// XLSX: each form as a spreadsheet to fill in Excel, WPS or LibreOffice (the notice has none)
    Xlsx,
}

impl Format {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Ofd => "ofd",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether the format is a document of fixed pages (else a spreadsheet, which has none,
    /// or a document that its reader lays out).
    pub fn paged(self) -> bool {
        match self {
            Format::Pdf => true,
            Format::Ofd => true,
            Format::Docx => false,
            Format::Xlsx => false,
        }
    }
}
