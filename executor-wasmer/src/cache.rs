//! The on-disk cache of compiled artifacts.
//!
//! One file per code hash and artifact key (`<code hash>-<key prefix>.strata-wasmer`):
//!
//! | bytes | field |
//! |---|---|
//! | 8 | magic `STRATAWM` |
//! | 4 | format version, little-endian |
//! | 32 | artifact key (crate and Wasmer versions, target, opcode costs) |
//! | 32 | code hash |
//! | 8 | payload length, little-endian |
//! | 32 | BLAKE3 of the payload |
//! | … | payload: the serialized Wasmer module |
//!
//! A file whose header or checksum does not match is corrupted or foreign: it is never
//! handed to Wasmer, and the module is compiled again and the file rewritten. Files are
//! written to a temporary name and renamed, so readers never see half a file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use executor_api::CodeHash;

const MAGIC: &[u8; 8] = b"STRATAWM";
/// 2: the checksum is BLAKE3 (1: SHA-256, three times slower to check on every load).
const FORMAT_VERSION: u32 = 2;
const HEADER_LEN: usize = 8 + 4 + 32 + 32 + 8 + 32;

/// Why a cache file was not used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum Rejected {
    /// No file for this code hash and key.
    #[error("no cached artifact")]
    Missing,
    /// A file that is not what this executor wrote for this code and key.
    #[error("cached artifact corrupted or foreign: {0}")]
    Invalid(&'static str),
    /// The file could not be read.
    #[error("cached artifact unreadable: {0}")]
    Io(String),
}

/// The cache directory of one executor.
#[derive(Clone, Debug)]
pub(crate) struct DiskCache {
    dir: PathBuf,
}

impl DiskCache {
    pub(crate) fn new(dir: &Path) -> io::Result<Self> {
        fs::create_dir_all(dir)?;
        Ok(Self {
            dir: dir.to_path_buf(),
        })
    }

    /// The file of `hash` under `key`.
    pub(crate) fn path(&self, hash: CodeHash, key: &[u8; 32]) -> PathBuf {
        let key_prefix = hex::encode(&key[..8]);
        self.dir.join(format!(
            "{}-{key_prefix}.strata-wasmer",
            hex::encode(hash.0)
        ))
    }

    /// The payload stored for `hash` under `key`, if the file is intact.
    pub(crate) fn load(&self, hash: CodeHash, key: &[u8; 32]) -> Result<Vec<u8>, Rejected> {
        let bytes = match fs::read(self.path(hash, key)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Rejected::Missing),
            Err(e) => return Err(Rejected::Io(e.to_string())),
        };
        let payload = check(&bytes, hash, key)?;
        Ok(payload.to_vec())
    }

    /// Stores `payload` for `hash` under `key`, atomically replacing any previous file.
    pub(crate) fn store(&self, hash: CodeHash, key: &[u8; 32], payload: &[u8]) -> io::Result<()> {
        let path = self.path(hash, key);
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        file.write_all(&header(hash, key, payload))?;
        file.write_all(payload)?;
        // No fsync: a file torn by a crash fails its checksum and is compiled again.
        file.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }
}

fn header(hash: CodeHash, key: &[u8; 32], payload: &[u8]) -> Vec<u8> {
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(key);
    header.extend_from_slice(&hash.0);
    header.extend_from_slice(
        &u64::try_from(payload.len())
            .unwrap_or(u64::MAX)
            .to_le_bytes(),
    );
    header.extend_from_slice(blake3::hash(payload).as_bytes());
    header
}

/// The payload of `bytes` if it is an intact file for `hash` under `key`.
fn check<'b>(bytes: &'b [u8], hash: CodeHash, key: &[u8; 32]) -> Result<&'b [u8], Rejected> {
    if bytes.len() < HEADER_LEN {
        return Err(Rejected::Invalid("shorter than the header"));
    }
    let (header, payload) = bytes.split_at(HEADER_LEN);
    let (magic, rest) = header.split_at(8);
    let (version, rest) = rest.split_at(4);
    let (file_key, rest) = rest.split_at(32);
    let (file_hash, rest) = rest.split_at(32);
    let (length, checksum) = rest.split_at(8);
    if magic != MAGIC {
        return Err(Rejected::Invalid("bad magic"));
    }
    if version != FORMAT_VERSION.to_le_bytes() {
        return Err(Rejected::Invalid("other format version"));
    }
    if file_key != key {
        return Err(Rejected::Invalid("other engine, version or opcode costs"));
    }
    if file_hash != hash.0 {
        return Err(Rejected::Invalid("other code hash"));
    }
    if length
        != u64::try_from(payload.len())
            .unwrap_or(u64::MAX)
            .to_le_bytes()
    {
        return Err(Rejected::Invalid("truncated or extended payload"));
    }
    if checksum != blake3::hash(payload).as_bytes() {
        return Err(Rejected::Invalid("checksum mismatch"));
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_payload_loads_and_any_flipped_byte_is_refused() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let cache = DiskCache::new(dir.path())?;
        let (hash, key) = (CodeHash([7; 32]), [9; 32]);
        assert_eq!(cache.load(hash, &key), Err(Rejected::Missing));
        cache.store(hash, &key, b"compiled")?;
        assert_eq!(cache.load(hash, &key).as_deref(), Ok(&b"compiled"[..]));
        assert_eq!(cache.load(hash, &[8; 32]), Err(Rejected::Missing));

        let bytes = fs::read(cache.path(hash, &key))?;
        for i in 0..bytes.len() {
            let mut corrupted = bytes.clone();
            corrupted[i] ^= 0x40;
            assert!(check(&corrupted, hash, &key).is_err(), "byte {i} flipped");
        }
        assert!(check(&bytes[..bytes.len() - 1], hash, &key).is_err());
        assert!(check(&bytes, CodeHash([6; 32]), &key).is_err());
        Ok(())
    }
}
