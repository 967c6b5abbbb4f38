//! The user's cache folder (缓存目录): work that is the same from one run to the next, made
//! once and kept, such as the form fields' font subset (a tenth of a second and 60 MB of
//! short-lived memory to make, 2 MB to keep).
//!
//! The folder is `$GONGWEN_CACHE` if set (an empty value turns the cache off), else
//! `$XDG_CACHE_HOME/gongwen`, else `~/.cache/gongwen`. An entry is written to a temporary
//! file beside it and renamed into place, so that runs side by side never see half an entry
//! (the last to finish wins, and both wrote the same bytes); each entry ends with the SHA-256
//! of what it holds, so that a damaged entry is found, made again and written over. A cache
//! that cannot be read or written is no error: the work is done as if there were none.

use std::io::Write;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

/// What every entry starts with; a new layout of an entry changes the version.
const MAGIC: &[u8] = b"gongwen cache 1\n";
const SUM: usize = 32;

/// How many entries of one kind are kept: each edition with other unit names has a field
/// font of its own.
const KEEP: usize = 8;

/// The cache folder, if there is one.
pub fn dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GONGWEN_CACHE") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        if dir.is_absolute() {
            return Some(dir.join("gongwen"));
        }
    }
    let home = std::env::var_os("HOME").filter(|d| !d.is_empty())?;
    Some(PathBuf::from(home).join(".cache").join("gongwen"))
}

/// The file of entry `name` (of `kind`, such as `field-font`; `key` in hex).
fn path(kind: &str, key: u128) -> Option<PathBuf> {
    Some(dir()?.join(format!("{kind}-{key:032x}.bin")))
}

/// The payload of an entry, if it is there and whole.
pub fn read(kind: &str, key: u128) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path(kind, key)?).ok()?;
    unwrap(&bytes).map(<[u8]>::to_vec)
}

/// An entry's payload, if its header and checksum are right.
fn unwrap(bytes: &[u8]) -> Option<&[u8]> {
    let body = bytes.strip_prefix(MAGIC)?;
    let (payload, sum) = body.split_at_checked(body.len().checked_sub(SUM)?)?;
    (Sha256::digest(payload).as_slice() == sum).then_some(payload)
}

/// Keeps `payload` as entry `key` of `kind`, quietly giving up if the folder cannot be
/// written.
pub fn write(kind: &str, key: u128, payload: &[u8]) {
    let Some(path) = path(kind, key) else { return };
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let written = (|| -> std::io::Result<()> {
        let mut tmp = tempfile::Builder::new().prefix(".gongwen-").suffix(".tmp").tempfile_in(dir)?;
        tmp.write_all(MAGIC)?;
        tmp.write_all(payload)?;
        tmp.write_all(&Sha256::digest(payload))?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    })();
    if written.is_ok() {
        prune(dir, kind);
    }
}

/// Removes the oldest entries of `kind` beyond the [`KEEP`] newest.
fn prune(dir: &std::path::Path, kind: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!("{kind}-");
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".bin")))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if found.len() <= KEEP {
        return;
    }
    found.sort();
    for (_, old) in &found[..found.len() - KEEP] {
        let _ = std::fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_back_and_a_damaged_one_does_not() {
        let mut entry = MAGIC.to_vec();
        entry.extend_from_slice(b"payload");
        entry.extend_from_slice(&Sha256::digest(b"payload"));
        assert_eq!(unwrap(&entry), Some(&b"payload"[..]));
        let mut flipped = entry.clone();
        flipped[MAGIC.len() + 2] ^= 1;
        assert_eq!(unwrap(&flipped), None);
        assert_eq!(unwrap(&entry[..entry.len() - 1]), None);
        assert_eq!(unwrap(&entry[..5]), None);
        assert_eq!(unwrap(b""), None);
    }
}
