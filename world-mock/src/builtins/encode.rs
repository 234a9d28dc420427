//! The protobuf encoding of an ESDT instance (`ESDigitalToken` of the protocol), as the
//! `ESDTNFTCreate` event carries it.

use blockchain_hooks::{EsdtMetadata, EsdtTokenData};

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn field_varint(out: &mut Vec<u8>, field: u64, v: u64) {
    if v != 0 {
        varint(out, field << 3);
        varint(out, v);
    }
}

fn field_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    if !bytes.is_empty() {
        varint(out, (field << 3) | 2);
        varint(out, bytes.len() as u64);
        out.extend_from_slice(bytes);
    }
}

/// The big-integer cast of the protocol: a sign byte (0 = non-negative) then the magnitude.
fn big_int_bytes(value: &num_bigint::BigUint) -> Vec<u8> {
    let mut out = vec![0u8];
    if value != &num_bigint::BigUint::default() {
        out.extend(value.to_bytes_be());
    } else {
        out.push(0);
    }
    out
}

fn marshal_metadata(m: &EsdtMetadata) -> Vec<u8> {
    let mut out = Vec::new();
    field_varint(&mut out, 1, m.nonce);
    field_bytes(&mut out, 2, &m.name);
    field_bytes(&mut out, 3, &m.creator.0);
    field_varint(&mut out, 4, u64::from(m.royalties));
    field_bytes(&mut out, 5, &m.hash);
    for uri in &m.uris {
        varint(&mut out, (6 << 3) | 2);
        varint(&mut out, uri.len() as u64);
        out.extend_from_slice(uri);
    }
    field_bytes(&mut out, 7, &m.attributes);
    out
}

/// Encodes `data` as the protocol's `ESDigitalToken` message.
pub(crate) fn marshal_esdt_token(data: &EsdtTokenData) -> Vec<u8> {
    let mut out = Vec::new();
    field_varint(&mut out, 1, u64::from(data.token_type.as_u32()));
    field_bytes(&mut out, 2, &big_int_bytes(&data.value));
    field_bytes(&mut out, 3, &data.properties);
    if let Some(metadata) = &data.metadata {
        field_bytes(&mut out, 4, &marshal_metadata(metadata));
    }
    out
}
