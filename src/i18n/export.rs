//! Messages of the writers: PDF, fillable forms, OFD, DOCX, XLSX, in Chinese and English.

use super::catalogue;

catalogue! {}
