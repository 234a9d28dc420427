//! ECDSA against published vectors and signatures made independently with k256 and p256.

use k256::ecdsa::SigningKey;
use k256::ecdsa::signature::hazmat::PrehashSigner as _;

use super::{EcdsaError, MessageHash, encode_secp256k1_der, verify_secp256k1, verify_secp256r1};
use crate::hooks::crypto::hash::Hash;

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// `30 L 02 len(r) r 02 len(s) s`, with r and s exactly as given.
fn ber(r: &[u8], s: &[u8]) -> Vec<u8> {
    let mut out = vec![0x30, (4 + r.len() + s.len()) as u8, 0x02, r.len() as u8];
    out.extend_from_slice(r);
    out.extend([0x02, s.len() as u8]);
    out.extend_from_slice(s);
    out
}

/// `value` without leading zeros, with a 0 in front if its first bit is set (DER).
fn der_int(value: &[u8]) -> Vec<u8> {
    let start = value
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(value.len() - 1);
    let mut out = Vec::new();
    if value[start] & 0x80 != 0 {
        out.push(0);
    }
    out.extend_from_slice(&value[start..]);
    out
}

/// `n − value` for a 32-byte big-endian value below n.
fn negate_mod_n(value: &[u8]) -> Vec<u8> {
    let n = unhex(SECP256K1_N);
    let mut out = vec![0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut digit = i16::from(n[i]) - i16::from(value[i]) - borrow;
        borrow = i16::from(digit < 0);
        if digit < 0 {
            digit += 256;
        }
        out[i] = digit as u8;
    }
    out
}

const SECP256K1_N: &str = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
const SECP256K1_P: &str = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
/// The generator, i.e. the public key of the private key 1.
const G_X: &str = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
const G_Y: &str = "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";

/// A key for the generated signatures, and its compressed and uncompressed forms.
fn test_key() -> (SigningKey, Vec<u8>, Vec<u8>) {
    let key = SigningKey::from_slice(&[0x5a; 32]).expect("valid scalar");
    let point = key.verifying_key().to_encoded_point(false);
    let compressed = key.verifying_key().to_encoded_point(true);
    (
        key,
        compressed.as_bytes().to_vec(),
        point.as_bytes().to_vec(),
    )
}

/// k256's (low-S) signature of the prehash `digest` (16 to 32 bytes), as `(r, s)`.
fn sign(key: &SigningKey, digest: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let signature: k256::ecdsa::Signature = key.sign_prehash(digest).expect("signs");
    let (r, s) = signature.split_bytes();
    (r.to_vec(), s.to_vec())
}

#[test]
fn published_rfc6979_vector_verifies() {
    // Private key 1, SHA-256 of "Satoshi Nakamoto" (RFC 6979 test vectors for secp256k1 as
    // published with python-ecdsa, bitcoinjs and trezor-crypto).
    let r = unhex("934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8");
    let s = unhex("2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
    let message = b"Satoshi Nakamoto";
    let mut one = [0u8; 32];
    one[31] = 1;
    let signer = SigningKey::from_slice(&one).expect("1 is a key");
    assert_eq!(
        sign(&signer, &Hash::Sha256.digest(message)),
        (r.clone(), s.clone())
    );
    let compressed = [&[0x02][..], &unhex(G_X)].concat();
    let uncompressed = [&[0x04][..], &unhex(G_X), &unhex(G_Y)].concat();
    let signature = ber(&der_int(&r), &der_int(&s));
    for key in [&compressed, &uncompressed] {
        assert_eq!(verify_secp256k1(key, message, &signature, 1), Ok(()));
        assert_eq!(
            verify_secp256k1(key, b"Satoshi Nakamot0", &signature, 1),
            Err(EcdsaError::InvalidSignature)
        );
    }
}

#[test]
fn every_hash_type_and_only_its_own() {
    let (signer, key, _) = test_key();
    let message = b"message to sign, longer than thirty-two bytes in total";
    let digests = [
        message[..32].to_vec(),
        Hash::Sha256.digest(message),
        Hash::Sha256.digest(&Hash::Sha256.digest(message)),
        Hash::Keccak256.digest(message),
        Hash::Ripemd160.digest(message),
    ];
    for (hash_type, digest) in digests.iter().enumerate() {
        let (r, s) = sign(&signer, digest);
        let signature = ber(&der_int(&r), &der_int(&s));
        for other in 0..5 {
            let expected = if other == hash_type {
                Ok(())
            } else {
                Err(EcdsaError::InvalidSignature)
            };
            assert_eq!(
                verify_secp256k1(&key, message, &signature, other as i32),
                expected,
                "signed with hash type {hash_type}, checked with {other}"
            );
        }
        // Only the low byte of the hash type counts.
        let wrapped = hash_type as i32 + 256;
        assert_eq!(verify_secp256k1(&key, message, &signature, wrapped), Ok(()));
    }
}

#[test]
fn unsupported_hash_type_is_refused_after_the_key() {
    let (signer, key, _) = test_key();
    let (r, s) = sign(&signer, &Hash::Sha256.digest(b"m"));
    let signature = ber(&der_int(&r), &der_int(&s));
    for hash_type in [5, 255, -1] {
        assert_eq!(
            verify_secp256k1(&key, b"m", &signature, hash_type),
            Err(EcdsaError::HasherNotSupported)
        );
    }
    assert_eq!(
        verify_secp256k1(&key[..32], b"m", &signature, 5),
        Err(EcdsaError::MalformedPublicKey)
    );
    assert_eq!(MessageHash::from_hook(0x102), Ok(MessageHash::DoubleSha256));
}

#[test]
fn short_raw_messages_are_left_padded() {
    let (signer, key, _) = test_key();
    let message = [0xab, 0xcd, 0xef];
    let mut padded = [0u8; 32];
    padded[29..].copy_from_slice(&message);
    let (r, s) = sign(&signer, &padded);
    let signature = ber(&der_int(&r), &der_int(&s));
    assert_eq!(verify_secp256k1(&key, &message, &signature, 0), Ok(()));
    assert_eq!(verify_secp256k1(&key, &padded, &signature, 0), Ok(()));
    assert_eq!(
        verify_secp256k1(&key, &[], &signature, 0),
        Err(EcdsaError::InvalidSignature)
    );
}

#[test]
fn high_s_is_accepted() {
    let (signer, key, uncompressed) = test_key();
    let digest = Hash::Sha256.digest(b"high s");
    let (r, s) = sign(&signer, &digest);
    let high_s = negate_mod_n(&s);
    assert!(high_s[0] >= 0x80, "n − low s is high");
    let signature = ber(&der_int(&r), &der_int(&high_s));
    assert_eq!(verify_secp256k1(&key, b"high s", &signature, 1), Ok(()));
    assert_eq!(
        verify_secp256k1(&uncompressed, b"high s", &signature, 1),
        Ok(())
    );
    // k256's own verifier refuses it, which is why the equation is checked by hand.
    let high: k256::ecdsa::Signature =
        k256::ecdsa::Signature::from_scalars(<[u8; 32]>::try_from(r).expect("32"), {
            <[u8; 32]>::try_from(high_s).expect("32")
        })
        .expect("in range");
    use k256::ecdsa::signature::hazmat::PrehashVerifier as _;
    assert!(
        signer
            .verifying_key()
            .verify_prehash(&digest, &high)
            .is_err()
    );
}

#[test]
fn lenient_ber_padding_and_trailing_bytes() {
    let (signer, key, _) = test_key();
    let (r, s) = sign(&signer, &Hash::Sha256.digest(b"ber"));
    let check = |signature: &[u8]| verify_secp256k1(&key, b"ber", signature, 1);
    let r_min = der_int(&r);
    let s_min = der_int(&s);
    assert_eq!(check(&ber(&r_min, &s_min)), Ok(()));
    // Excess zero padding, and no padding before a high first bit.
    let padded_r = [&[0, 0, 0][..], &r].concat();
    assert_eq!(check(&ber(&padded_r, &s_min)), Ok(()));
    assert_eq!(check(&ber(&r, &[&[0][..], &s].concat())), Ok(()));
    assert_eq!(check(&ber(&r, &s)), Ok(()));
    // Bytes after the declared length are ignored; inside it they are not.
    let mut trailing = ber(&r_min, &s_min);
    trailing.extend([0xde, 0xad]);
    assert_eq!(check(&trailing), Ok(()));
    let mut inside = ber(&r_min, &s_min);
    inside.push(0xde);
    inside[1] += 1;
    assert_eq!(check(&inside), Err(EcdsaError::MalformedSignature));
    // A declared length past the end, or wrapping in 8 bits.
    let mut long = ber(&r_min, &s_min);
    long[1] += 1;
    assert_eq!(check(&long), Err(EcdsaError::MalformedSignature));
    let mut wrapping = ber(&r_min, &s_min);
    wrapping[1] = 0xfe;
    wrapping.resize(300, 0);
    assert_eq!(check(&wrapping), Err(EcdsaError::MalformedSignature));
}

#[test]
fn malformed_signatures() {
    let (signer, key, _) = test_key();
    let (r, s) = sign(&signer, &Hash::Sha256.digest(b"x"));
    let check = |signature: &[u8]| verify_secp256k1(&key, b"x", signature, 1);
    let malformed = Err(EcdsaError::MalformedSignature);
    let mut bad_header = ber(&r, &s);
    bad_header[0] = 0x31;
    assert_eq!(check(&bad_header), malformed);
    let mut bad_marker = ber(&r, &s);
    bad_marker[2] = 0x03;
    assert_eq!(check(&bad_marker), malformed);
    assert_eq!(check(&ber(&[0], &s)), malformed, "r = 0");
    assert_eq!(check(&ber(&r, &[0, 0])), malformed, "s = 0");
    assert_eq!(check(&ber(&unhex(SECP256K1_N), &s)), malformed, "r = n");
    assert_eq!(
        check(&ber(&r, &[&[1][..], &s].concat())),
        malformed,
        "33 bytes"
    );
    assert_eq!(check(&ber(&r, &[])), malformed, "empty s");
    assert_eq!(
        check(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01]),
        malformed
    );
    assert_eq!(check(b"absolutely-invalid-signature"), malformed);
    assert_eq!(check(&[]), malformed);
    // 1-byte r and s parse; they just do not verify.
    assert_eq!(
        check(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]),
        Err(EcdsaError::InvalidSignature)
    );
}

#[test]
fn public_key_formats() {
    let (signer, compressed, uncompressed) = test_key();
    let (r, s) = sign(&signer, &Hash::Sha256.digest(b"k"));
    let signature = ber(&der_int(&r), &der_int(&s));
    let check = |key: &[u8]| verify_secp256k1(key, b"k", &signature, 1);
    let odd = uncompressed[64] & 1 == 1;
    let mut hybrid = uncompressed.clone();
    hybrid[0] = if odd { 0x07 } else { 0x06 };
    assert_eq!(check(&compressed), Ok(()));
    assert_eq!(check(&uncompressed), Ok(()));
    assert_eq!(check(&hybrid), Ok(()), "hybrid keys parse");
    let bad = Err(EcdsaError::MalformedPublicKey);
    hybrid[0] ^= 1;
    assert_eq!(check(&hybrid), bad, "hybrid parity contradicts Y");
    let mut wrong_parity = compressed.clone();
    wrong_parity[0] ^= 1;
    assert_eq!(check(&wrong_parity), Err(EcdsaError::InvalidSignature));
    let mut off_curve = uncompressed.clone();
    off_curve[64] ^= 1;
    assert_eq!(check(&off_curve), bad);
    let mut x_too_big = compressed.clone();
    x_too_big[1..].copy_from_slice(&unhex(SECP256K1_P));
    assert_eq!(check(&x_too_big), bad);
    let mut no_root = [0u8; 33];
    no_root[0] = 2;
    no_root[32] = 5; // x = 5: 5³ + 7 = 132 is not a square modulo p
    assert_eq!(check(&no_root), bad);
    for prefix in [0x00, 0x01, 0x04, 0x05] {
        let mut key = compressed.clone();
        key[0] = prefix;
        assert_eq!(check(&key), bad, "33 bytes with prefix {prefix}");
    }
    assert_eq!(check(&compressed[..32]), bad);
    assert_eq!(check(&[]), bad);
}

#[test]
fn der_encoding_is_minimal_and_low_s() {
    let (signer, _, _) = test_key();
    let (r, s) = sign(&signer, &Hash::Sha256.digest(b"der"));
    let low = ber(&der_int(&r), &der_int(&s));
    assert_eq!(encode_secp256k1_der(&r, &s), low);
    assert_eq!(
        encode_secp256k1_der(&r, &negate_mod_n(&s)),
        low,
        "high S normalised"
    );
    // Zeros, a high first bit, and the smallest values.
    assert_eq!(encode_secp256k1_der(&[], &[]), [0x30, 6, 2, 1, 0, 2, 1, 0]);
    assert_eq!(
        encode_secp256k1_der(&[0; 40], &[1]),
        [0x30, 6, 2, 1, 0, 2, 1, 1]
    );
    let high_r = [0x80; 32];
    let encoded = encode_secp256k1_der(&high_r, &[0x7f]);
    assert_eq!(encoded[..5], [0x30, 0x26, 0x02, 0x21, 0x00]);
    assert_eq!(encoded[5..37], high_r);
    assert_eq!(encoded[37..], [0x02, 0x01, 0x7f]);
    // Only the first 32 bytes count, modulo n: n + 1 is 1, n is 0.
    let n = unhex(SECP256K1_N);
    let mut n_plus_one = n.clone();
    n_plus_one[31] += 1;
    assert_eq!(
        encode_secp256k1_der(&n_plus_one, &n),
        [0x30, 6, 2, 1, 1, 2, 1, 0]
    );
    let long = [&[0][..], &r, &[0xff; 5]].concat();
    let truncated = encode_secp256k1_der(&long, &s);
    let expected_r = der_int(&[&[0][..], &r[..31]].concat());
    assert_eq!(truncated, ber(&expected_r, &der_int(&s)));
}

/// RFC 6979 appendix A.2.5: P-256, SHA-256, message "sample".
const P256_PRIVATE: &str = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const P256_UX: &str = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
const P256_R: &str = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716";
const P256_S: &str = "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
const P256_N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

fn p256_vector() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    // Uy ends in 0x99, odd: prefix 03.
    let key = [&[0x03][..], &unhex(P256_UX)].concat();
    let s = unhex(P256_S);
    let n = unhex(P256_N);
    let mut low_s = vec![0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut digit = i16::from(n[i]) - i16::from(s[i]) - borrow;
        borrow = i16::from(digit < 0);
        if digit < 0 {
            digit += 256;
        }
        low_s[i] = digit as u8;
    }
    let high = [unhex(P256_R), s].concat();
    let low = [unhex(P256_R), low_s].concat();
    (key, high, low)
}

#[test]
fn secp256r1_rfc6979_vector() {
    let (key, high, low) = p256_vector();
    let signer = p256::ecdsa::SigningKey::from_slice(&unhex(P256_PRIVATE)).expect("key");
    let point = signer.verifying_key().to_encoded_point(true);
    assert_eq!(point.as_bytes(), key.as_slice());
    let signed: p256::ecdsa::Signature = p256::ecdsa::signature::Signer::sign(&signer, b"sample");
    assert_eq!(signed.to_bytes().as_slice(), high.as_slice());
    assert_eq!(
        verify_secp256r1(&key, b"sample", &high),
        Err(EcdsaError::SignatureNotNormalized)
    );
    assert_eq!(verify_secp256r1(&key, b"sample", &low), Ok(()));
    assert_eq!(
        verify_secp256r1(&key, b"samplf", &low),
        Err(EcdsaError::VerificationFailed)
    );
}

#[test]
fn secp256r1_failures_in_production_order() {
    let (key, _, low) = p256_vector();
    assert_eq!(
        verify_secp256r1(&key, b"sample", &low[..63]),
        Err(EcdsaError::InvalidSignatureLength)
    );
    assert_eq!(
        verify_secp256r1(&[], b"sample", &[0xff; 64]),
        Err(EcdsaError::SignatureNotNormalized),
        "S checked before the key"
    );
    let uncompressed = p256::ecdsa::SigningKey::from_slice(&unhex(P256_PRIVATE))
        .expect("key")
        .verifying_key()
        .to_encoded_point(false);
    assert_eq!(
        verify_secp256r1(uncompressed.as_bytes(), b"sample", &low),
        Err(EcdsaError::InvalidPublicKeyLength)
    );
    let mut compact = key.clone();
    compact[0] = 0x05;
    assert_eq!(
        verify_secp256r1(&compact, b"sample", &low),
        Err(EcdsaError::InvalidPublicKey)
    );
    let mut other = key.clone();
    other[0] = 0x02;
    assert_eq!(
        verify_secp256r1(&other, b"sample", &low),
        Err(EcdsaError::VerificationFailed)
    );
    let mut zero_r = low.clone();
    zero_r[..32].fill(0);
    assert_eq!(
        verify_secp256r1(&key, b"sample", &zero_r),
        Err(EcdsaError::VerificationFailed)
    );
}
