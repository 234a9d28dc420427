//! Bech32 (BIP-173) decoding and encoding of 32-byte addresses (`erd1…`).

use crate::WorldError;

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATORS: [u32; 5] = [
    0x3b6a_57b2,
    0x2650_8e6d,
    0x1ea1_19fa,
    0x3d42_33dd,
    0x2a14_62b3,
];

fn polymod(values: &[u8]) -> u32 {
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GENERATORS.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = hrp.iter().map(|c| c >> 5).collect();
    out.push(0);
    out.extend(hrp.iter().map(|c| c & 31));
    out
}

fn convert_bits(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let max = (1u32 << to) - 1;
    let mut out = Vec::new();
    for &v in data {
        let v = u32::from(v);
        if v >> from != 0 {
            return None;
        }
        acc = (acc << from) | v;
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(((acc >> bits) & max) as u8);
        }
    }
    if pad {
        if bits > 0 {
            out.push(((acc << (to - bits)) & max) as u8);
        }
    } else if bits >= from || ((acc << (to - bits)) & max) != 0 {
        return None;
    }
    Some(out)
}

/// Decodes a bech32 string into its human-readable part and data bytes.
///
/// # Errors
/// [`WorldError::Value`] for mixed case, a missing separator, an invalid character or a bad
/// checksum.
pub fn decode(input: &str) -> Result<(String, Vec<u8>), WorldError> {
    let bad = |why: &str| WorldError::value(format!("invalid bech32 {input:?}: {why}"));
    if input.chars().any(|c| c.is_ascii_lowercase())
        && input.chars().any(|c| c.is_ascii_uppercase())
    {
        return Err(bad("mixed case"));
    }
    let lower = input.to_ascii_lowercase();
    let sep = lower.rfind('1').ok_or_else(|| bad("no separator '1'"))?;
    if sep == 0 || sep + 7 > lower.len() {
        return Err(bad("too short"));
    }
    let (hrp, rest) = lower.split_at(sep);
    let mut values = Vec::with_capacity(rest.len() - 1);
    for c in rest[1..].bytes() {
        let pos = CHARSET
            .iter()
            .position(|&x| x == c)
            .ok_or_else(|| bad("invalid character"))?;
        values.push(pos as u8);
    }
    let mut check = hrp_expand(hrp.as_bytes());
    check.extend(&values);
    if polymod(&check) != 1 {
        return Err(bad("checksum mismatch"));
    }
    let data = &values[..values.len() - 6];
    let bytes = convert_bits(data, 5, 8, false).ok_or_else(|| bad("invalid padding"))?;
    Ok((hrp.to_owned(), bytes))
}

/// Encodes `data` with the human-readable part `hrp` (e.g. `erd`).
pub fn encode(hrp: &str, data: &[u8]) -> String {
    let values = convert_bits(data, 8, 5, true).unwrap_or_default();
    let mut check = hrp_expand(hrp.as_bytes());
    check.extend(&values);
    check.extend([0u8; 6]);
    let pm = polymod(&check) ^ 1;
    let mut out = String::with_capacity(hrp.len() + 1 + values.len() + 6);
    out.push_str(hrp);
    out.push('1');
    for v in values {
        out.push(CHARSET[v as usize] as char);
    }
    for i in 0..6 {
        out.push(CHARSET[((pm >> (5 * (5 - i))) & 31) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let data = [7u8; 32];
        let text = encode("erd", &data);
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
    }

    #[test]
    fn bad_checksum() {
        assert!(decode("erd1qyu5wthldzr8wx5c9ucg8kjagg0jfs53s8nr3zpz3hypefsdd8ssycr6tx").is_err());
    }
}
