//! Writing output files atomically: a temporary file in the same folder, renamed into place,
//! so that a reader never sees half a PDF and a failed run leaves the old file as it was.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, true)
}

/// [`write_atomic`]; `sync`: the file is on the disk before it is renamed into place (else
/// only in the system's cache: readers see it whole all the same, and a power cut may lose it).
pub fn write_atomic_with(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".gongwen-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // A temporary file is private (0600); the output is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    if sync {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
