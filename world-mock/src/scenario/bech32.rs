//! Bech32 (BIP-173) addresses (`erd1…`), through the `bech32` crate: the scenario format's
//! `bech32:` values and the readable form of addresses.

use ::bech32::primitives::decode::CheckedHrpstring;
use ::bech32::{Bech32, Hrp};

use crate::WorldError;

/// Decodes a bech32 string (BIP-173 checksum, not bech32m) into its human-readable part and
/// data bytes.
///
/// # Errors
/// [`WorldError::Value`] for mixed case, a missing separator, an invalid character, a bad
/// checksum or bad padding.
pub fn decode(input: &str) -> Result<(String, Vec<u8>), WorldError> {
    let checked = CheckedHrpstring::new::<Bech32>(input)
        .map_err(|e| WorldError::value(format!("invalid bech32 {input:?}: {e}")))?;
    checked
        .validate_segwit_padding()
        .map_err(|e| WorldError::value(format!("invalid bech32 {input:?}: {e}")))?;
    Ok((checked.hrp().to_lowercase(), checked.byte_iter().collect()))
}

/// Encodes `data` with the human-readable part `hrp` (e.g. `erd`).
///
/// # Errors
/// [`WorldError::Value`] for an invalid human-readable part or data too long for bech32.
pub fn encode(hrp: &str, data: &[u8]) -> Result<String, WorldError> {
    let bad = |e: &dyn std::fmt::Display| WorldError::value(format!("cannot encode bech32: {e}"));
    let hrp = Hrp::parse(hrp).map_err(|e| bad(&e))?;
    ::bech32::encode::<Bech32>(hrp, data).map_err(|e| bad(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let data = [7u8; 32];
        let text = encode("erd", &data).unwrap();
        assert_eq!(decode(&text).unwrap(), ("erd".to_owned(), data.to_vec()));
    }

    #[test]
    fn known_address() {
        let (hrp, bytes) =
            decode("erd1qyu5wthldzr8wx5c9ucg8kjagg0jfs53s8nr3zpz3hypefsdd8ssycr6th").unwrap();
        assert_eq!(hrp, "erd");
        assert_eq!(
            hex::encode(bytes),
            "0139472eff6886771a982f3083da5d421f24c29181e63888228dc81ca60d69e1"
        );
        assert_eq!(
            encode(
                "erd",
                &hex::decode("0139472eff6886771a982f3083da5d421f24c29181e63888228dc81ca60d69e1")
                    .unwrap()
            )
            .unwrap(),
            "erd1qyu5wthldzr8wx5c9ucg8kjagg0jfs53s8nr3zpz3hypefsdd8ssycr6th"
        );
    }

    #[test]
    fn bad_checksum_and_mixed_case() {
        assert!(decode("erd1qyu5wthldzr8wx5c9ucg8kjagg0jfs53s8nr3zpz3hypefsdd8ssycr6tx").is_err());
        assert!(decode("erd1qyu5wthldzr8wx5c9ucg8kjagg0jfs53s8nr3zpz3hypefsdd8ssycr6tH").is_err());
        assert!(decode("qyu5wthldzr8wx5c9ucg8kjagg0jfs53s8nr3zpz3hypefsdd8ssycr6th").is_err());
    }
}
