//! The contract files that `file:` and `mxsc:` name, decoded once per process.
//!
//! A suite names the same few contracts in hundreds of scenarios; decoding a `.mxsc.json`
//! (a JSON parse and a hex decode of the whole code) or compiling a `.wat` each time was the
//! largest cost of a run. Entries are keyed by the path as the runner resolved it (two spellings
//! of one file make two entries: a second decode, never a wrong one; canonical keys cost a
//! system call per path component at every use) and checked against the file's length and
//! modification time at every use, so an edited file is read again. The
//! cache holds at most [`MAX_ENTRIES`] files and [`MAX_BYTES`] of code; past either it starts
//! over.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::SystemTime;

/// The most files kept.
pub(crate) const MAX_ENTRIES: usize = 1024;
/// The most bytes of decoded code kept.
pub(crate) const MAX_BYTES: usize = 64 << 20;

/// What a file is decoded as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// `file:`: the bytes, or a `.wat` compiled.
    File,
    /// `mxsc:`: the `code` field of the JSON, hex-decoded.
    Mxsc,
}

#[derive(Debug)]
struct Entry {
    len: u64,
    modified: Option<SystemTime>,
    bytes: Arc<Vec<u8>>,
}

#[derive(Debug, Default)]
struct Cache {
    entries: HashMap<(PathBuf, Kind), Entry>,
    bytes: usize,
}

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Mutex::default);

/// The decoded contents of `path` as `kind`: from the cache when the file has not changed,
/// else from `decode` (whose result is kept when it succeeds).
///
/// # Errors
/// What `decode` returns.
pub(crate) fn load<E>(
    path: &Path,
    kind: Kind,
    decode: impl FnOnce() -> Result<Vec<u8>, E>,
) -> Result<Vec<u8>, E> {
    let Ok(meta) = std::fs::metadata(path) else {
        return decode();
    };
    let (len, modified) = (meta.len(), meta.modified().ok());
    let cache_key = (path.to_path_buf(), kind);
    {
        let cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = cache.entries.get(&cache_key)
            && entry.len == len
            && entry.modified == modified
            && modified.is_some()
        {
            return Ok(entry.bytes.as_ref().clone());
        }
    }
    let bytes = decode()?;
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if cache.entries.len() >= MAX_ENTRIES || cache.bytes + bytes.len() > MAX_BYTES {
        *cache = Cache::default();
    }
    if bytes.len() <= MAX_BYTES {
        cache.bytes += bytes.len();
        let entry = Entry {
            len,
            modified,
            bytes: Arc::new(bytes.clone()),
        };
        if let Some(old) = cache.entries.insert(cache_key, entry) {
            cache.bytes -= old.bytes.len();
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_decoded_once_until_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.mxsc.json");
        std::fs::write(&path, "one").unwrap();
        let mut decoded = 0;
        let read = |decoded: &mut i32| {
            load(&path, Kind::Mxsc, || -> Result<Vec<u8>, ()> {
                *decoded += 1;
                Ok(std::fs::read(&path).unwrap())
            })
            .unwrap()
        };
        assert_eq!(read(&mut decoded), b"one");
        assert_eq!(read(&mut decoded), b"one");
        assert_eq!(decoded, 1);
        // Another length: read again.
        std::fs::write(&path, "second").unwrap();
        assert_eq!(read(&mut decoded), b"second");
        assert_eq!(decoded, 2);
        // The same path as another kind is its own entry.
        let other = load(&path, Kind::File, || -> Result<Vec<u8>, ()> {
            Ok(b"raw".to_vec())
        });
        assert_eq!(other.unwrap(), b"raw");
    }

    #[test]
    fn failures_are_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.wasm");
        std::fs::write(&path, "x").unwrap();
        assert!(load(&path, Kind::File, || Err::<Vec<u8>, _>("bad")).is_err());
        assert_eq!(
            load(&path, Kind::File, || Ok::<_, ()>(b"ok".to_vec())).unwrap(),
            b"ok"
        );
    }
}
