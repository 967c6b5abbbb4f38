//! Zip packages (OFD, DOCX): the parts in a fixed order with fixed times, so that the same
//! parts give the same bytes.

use std::io::Write;

use chrono::Datelike;

/// Zips the parts in the given order, each dated `date` at midnight: the same parts give the
/// same bytes. Images are stored as they are (already compressed), the rest deflated.
pub fn zip(files: &[(String, Vec<u8>)], date: chrono::NaiveDate) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    let time =
        zip::DateTime::from_date_and_time(date.year().clamp(1980, 2107) as u16, date.month() as u8, date.day() as u8, 0, 0, 0).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let stored = name.ends_with(".png") || name.ends_with(".jpg");
        let method = if stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(time)
            .unix_permissions(0o644);
        out.start_file(name.as_str(), options).map_err(|e| e.to_string())?;
        out.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}
