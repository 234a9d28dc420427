//! The scheme against published vectors: the production VM's scenario tests
//! (`crypto_verify_bls*.scen.json`) and `mx-chain-crypto-go`'s KOSK multi-signature vectors
//! (`signing/mcl/multisig/testData/multisigKOSKVerifyAggSig.json`).

use bls12_381::{G1Affine, G1Projective, G2Affine, G2Projective, Scalar};
use num_bigint::BigUint;

use super::*;
use crate::hooks::bls::encoding::{encode_g1, encode_g2};

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// `crypto_verify_bls.scen.json`: key, message, signature.
const SINGLE: (&str, &[u8], &str) = (
    "b5823f6e564251cc03ce7bad3da83e72576e92795d3500bba1acb30ec9a94dce87bb8aa794d67b2d61d15c33f28f6c0c23ba1dfcbf21e8f8b46286ff871afabac925303ddcaddce6254fcff6d3155797db40b3d3b5865e8fc0bd770b3d79b381",
    b"message to be signed",
    "af32a2ddf341c08d1eb7232f05dc34e4454155e676b58c40fddf9a036562ac2c01533d2d557cb49d73aa9d7a89744696",
);

/// `crypto_verify_bls_share.scen.json`: key, message (hex), signature.
const SHARE: (&str, &str, &str) = (
    "3e886a4c6e109a151f4105aee65a5192d150ef1fa68d3cd76964a0b086006dbe4324c989deb0e4416c6d6706db1b1910eb2732f08842fb4886067b9ed191109ac2188d76002d2e11da80a3f0ea89fee6b59c834cc478a6bd49cb8a193b1abb16",
    "e96bd0f36b70c5ccc0c4396343bd7d8255b8a526c55fa1e218511fafe6539b8e",
    "04725db195e37aa237cdbbda76270d4a229b6e7a3651104dc58c4349c0388e8546976fe54a04240530b99064e434c90f",
);

/// `crypto_verify_bls_aggregated_signature.scen.json`: keys, message, signature.
const AGGREGATED_KEYS: [&str; 5] = [
    "95f1d96b582f35294eb7dd4589b158e108e1d94cd0dd71ef16140e9b37126ec52dac6f57397f1e041acd7bb77df1d214f9f894e3b7fbf7abeaabc9fab8ff5c2ef05f9841322f301fdb900ac59479c334ac76a2d4ff992cd49bc9b530c25ee293",
    "97aa2862418eb4ea74fddcb511eef9b771e07ff901e7e6abb35847a4bb81e58f189fc9bce4186c6129014fb43002300e959702ef4b9d0c32ebe4d795457095d65b5414efb36edbb8dc66d84a445a92472d4a31cedd4700d5ebb885eb11d3430b",
    "37b73265936a2aaafe652a4dd451a1851c2dbbb32208604787479b31033e2a354615562ea2a5488f9134843362477a139050a0e798dd5ce0f01b35b8d473454ae99633aadde9237f84c87eb366144cca4de3d2cc6acc35e522a3294bf1186800",
    "f46c10d114dcd3019dd4bcd4152fda678c56144eb177c67a6411213b86e206e4e56a9aad1eab0313b13031fda046d715ec4a02612b083dfae0d82a23b643e1a89756c0df3d65c27e87a9c1289628d1a8404f0668a3d87c7451ba1c78fc452693",
    "aa0a97917df9240c537c89e873d7baa5ce1796e8fedfb23cf682b80fa19b8baae35af3754f9b8149985cb2a1fbda0f02c2942d2c99d9af556c9a5e90b8170e6a96379a45dd69351abfb814a16b5665abb7ddb8b096ee9f273de81845cda9728a",
];
const AGGREGATED_MESSAGE: &[u8] = b"message0";
const AGGREGATED_SIGNATURE: &str = "ae12858363e8caa5b398d3febdd7bc01bc2fae1fef8f486ff4d84a5f3342f2d38085904eb10b73c0879a45d23585ce8f";

/// `mx-chain-crypto-go` KOSK vectors: (key, its signature share) of one message, and the
/// aggregate of the five shares.
const KOSK: [(&str, &str); 5] = [
    (
        "23c8dc504c80be9be8ea6a42d38a89e48f1755e92f1802cf2af28193f89d068d75af246ea6e8bacfc59b7c708aee82067bf1a89cb861276db4d110b78681f8285c1f39c4b236227a0e2855fdb1d145e1dacf1dbe51e6f70846a025a7e67a9207",
        "6fba93b89230062763a7e8056a74983ac0f139be2f2d8c2984629d6ae145393ff4897e71991ac3678ce9b3c52edc8918",
    ),
    (
        "adcbde71787900906b1bce50da5dc4a184821cc7a9544dbcd9452fde77703e93433de9a983dbaa7dcc2bca597ba0980c11c8b49eb81717e6adaead310fba9429d41988827ff8902d4ec56e55afe0b394e2a7c69ec0cc72d65ccf7c70cb20050a",
        "9722c3144ddb07d1261cf01feb0c464f72042909d06fa283e4d7380cc0859a894ac406c8b9007046202674d0961fda0d",
    ),
    (
        "e91372594e7b304b27e0a8847fc066415fbbab7bc039ca455fdb1f6c1b206e4294e8adac7fda6f4df401ada18ef16c0552e1c0f21311e23c1e039f73bb8cbde8e4a33849634f9e5bc6c9667137dbc5d36fe2be8ba521c319d0174a7c41dd7807",
        "bcf1af8b4f0e7297409080c4f120b2ae8916c51cdff64a56ca64795c6bde53ac4212760c652ee571cae8c37956ada601",
    ),
    (
        "85ccd78509295cd9ef3b05acb878fc812b702a1519c6f64e5be61605e838070fca1286f2f2b224e53f55a784dac942052ac8123e71bae79a2f20b3710e28b27bd42c17842aa8b5fac711e0b621cdbdefb505ba20e91121f9ae52f70aac9ba810",
        "4fbcc9df72906481bfea1a29d8da70ded5b5f86cfd3c2f1ae33b64eb69b007f7b1d9c9bee3216c8d6f570ec789a0348b",
    ),
    (
        "92c2a561b1fc888d28aac49cfde3815bc42f5dd0ec9dd823988ca5110841b4919903ecd1ff8f169dfc18b1919f4acd0c6ffc3e60546624f1b5cd29912eb26a88fcc6ac0818821a33a86014797b1adb70b006a7414c871ff9d87b4fbc25dabc0f",
        "ade15c9344d91e28278357b3f5aebd1c7556026578f9df3735d54df9cfdf7b54f8142ef71d4d39f95bfdf2ea6263a093",
    ),
];
const KOSK_MESSAGE: &[u8] = b"a predefined message to sign";
const KOSK_AGGREGATE: &str = "be3ed6dbfdca8fe248c07790a36d5b1176a15a7f243039bcd4c383610c2bfcb9c606b8b03a6288904975d41e0e34598b";

fn aggregated_keys() -> Vec<Vec<u8>> {
    AGGREGATED_KEYS.iter().map(|k| unhex(k)).collect()
}

#[test]
fn q_is_the_generator_mcl_keys_use() {
    // mx-chain-crypto-go's G2 base point ("g2Str", mcl's decimal x.c0 x.c1 y.c0 y.c1).
    let decimal = |s: &str| BigUint::parse_bytes(s.as_bytes(), 10).expect("decimal");
    let q = q_point().expect("Q decodes");
    let raw = q.to_uncompressed();
    let be = |range: std::ops::Range<usize>| BigUint::from_bytes_be(&raw[range]);
    assert_eq!(
        be(48..96),
        decimal(
            "2345388737500083945391657505708625859903954047151773287623537600586029428359739211026111121073980842558223033704140"
        )
    );
    assert_eq!(
        be(0..48),
        decimal(
            "3558041178357727243543283929018475959655787667816024413880422701270944718005964809191925861299660390662341819212979"
        )
    );
    assert_eq!(
        be(144..192),
        decimal(
            "1111454484298065649047920916747797835589661734985194316226909186591481448224600088430816898704234962594609579273169"
        )
    );
    assert_eq!(
        be(96..144),
        decimal(
            "3988173108836042169913782128392219399166696378042311135661652175544044220584995583525611110036064603671142074680982"
        )
    );
    assert_ne!(q, G2Affine::generator());
}

#[test]
fn the_corpus_vectors_verify() {
    let (key, message, signature) = SINGLE;
    assert_eq!(verify(&unhex(key), message, &unhex(signature)), Ok(()));
    let (key, message, signature) = SHARE;
    assert_eq!(
        verify_share(&unhex(key), &unhex(message), &unhex(signature)),
        Ok(())
    );
    assert_eq!(
        verify_aggregated(
            &aggregated_keys(),
            AGGREGATED_MESSAGE,
            &unhex(AGGREGATED_SIGNATURE)
        ),
        Ok(())
    );
}

#[test]
fn the_kosk_shares_and_their_aggregate_verify() {
    let keys: Vec<Vec<u8>> = KOSK.iter().map(|(k, _)| unhex(k)).collect();
    let mut sum = G1Projective::identity();
    for (key, share) in KOSK {
        assert_eq!(
            verify_share(&unhex(key), KOSK_MESSAGE, &unhex(share)),
            Ok(())
        );
        sum += decode_g1(&unhex(share)).expect("point");
    }
    let aggregate = unhex(KOSK_AGGREGATE);
    assert_eq!(encode_g1(&G1Affine::from(sum)).to_vec(), aggregate);
    assert_eq!(verify_aggregated(&keys, KOSK_MESSAGE, &aggregate), Ok(()));
    // A share is not the aggregate, and one key short does not verify.
    assert_eq!(
        verify_aggregated(&keys[..4], KOSK_MESSAGE, &aggregate),
        Err(BlsError::AggregateNotValid)
    );
}

#[test]
fn a_flipped_bit_fails() {
    let (key, message, signature) = SINGLE;
    let (key, signature) = (unhex(key), unhex(signature));
    assert_eq!(
        verify(&key, b"message to be signeD", &signature),
        Err(BlsError::SignatureNotValid)
    );
    // The corpus's failing case: the first byte of the signature zeroed.
    let mut bad = signature.clone();
    bad[0] = 0;
    assert!(verify(&key, message, &bad).is_err());
    // The parity flag flipped: the negated signature, a valid point that does not verify.
    let mut negated = signature.clone();
    negated[47] ^= 0x80;
    assert_eq!(
        verify(&key, message, &negated),
        Err(BlsError::SignatureNotValid)
    );
    let mut negated_key = key.clone();
    negated_key[95] ^= 0x80;
    assert_eq!(
        verify(&negated_key, message, &signature),
        Err(BlsError::SignatureNotValid)
    );
    let mut aggregate = unhex(AGGREGATED_SIGNATURE);
    aggregate[47] ^= 0x80;
    assert_eq!(
        verify_aggregated(&aggregated_keys(), AGGREGATED_MESSAGE, &aggregate),
        Err(BlsError::AggregateNotValid)
    );
}

#[test]
fn empty_inputs_fail_with_the_back_end_messages() {
    let (key, message, signature) = SINGLE;
    let (key, signature) = (unhex(key), unhex(signature));
    let empty = verify(&key, b"", &signature);
    assert_eq!(empty, Err(BlsError::NilMessage));
    assert_eq!(
        empty.map_err(|e| e.to_string()),
        Err("message to be signed or to be verified is nil".to_owned())
    );
    assert_eq!(verify(&key, message, b""), Err(BlsError::NilSignature));
    assert_eq!(
        verify_share(b"", message, &signature),
        Err(BlsError::EmptyPublicKey)
    );
    assert_eq!(
        verify_aggregated(&aggregated_keys(), b"", &unhex(AGGREGATED_SIGNATURE)),
        Err(BlsError::NilMessage)
    );
    assert_eq!(
        verify_aggregated(&[], AGGREGATED_MESSAGE, &unhex(AGGREGATED_SIGNATURE)),
        Err(BlsError::NilPublicKeys)
    );
    assert_eq!(
        verify_aggregated(&aggregated_keys(), AGGREGATED_MESSAGE, b""),
        Err(BlsError::NilSignature)
    );
    assert_eq!(
        verify_aggregated(&[vec![]], AGGREGATED_MESSAGE, &unhex(AGGREGATED_SIGNATURE)),
        Err(BlsError::EmptyPublicKey)
    );
}

#[test]
fn keys_must_be_96_bytes_and_signatures_48() {
    let (key, message, signature) = SINGLE;
    let (key, signature) = (unhex(key), unhex(signature));
    assert_eq!(
        verify(&key[..95], message, &signature),
        Err(BlsError::InvalidParam)
    );
    let long_key = [&key[..], &[0]].concat();
    assert_eq!(
        verify(&long_key, message, &signature),
        Err(BlsError::InvalidParam)
    );
    assert_eq!(
        verify(&key, message, &signature[..47]),
        Err(BlsError::SignatureNotAPoint)
    );
    let long_signature = [&signature[..], &[0]].concat();
    assert_eq!(
        verify(&key, message, &long_signature),
        Err(BlsError::SignatureNotAPoint)
    );
    let mut keys = aggregated_keys();
    keys[2].pop();
    assert_eq!(
        verify_aggregated(&keys, AGGREGATED_MESSAGE, &unhex(AGGREGATED_SIGNATURE)),
        Err(BlsError::InvalidParam)
    );
    let mut not_a_point = key.clone();
    not_a_point[0] ^= 1;
    assert_eq!(
        verify(&not_a_point, message, &signature),
        Err(BlsError::KeyNotAPoint)
    );
}

#[test]
fn infinity_keys_and_signatures() {
    let (key, message, signature) = SINGLE;
    let (key, signature) = (unhex(key), unhex(signature));
    assert_eq!(
        verify(&[0; 96], message, &signature),
        Err(BlsError::InvalidPublicKey)
    );
    assert_eq!(
        verify(&key, message, &[0; 48]),
        Err(BlsError::InvalidSignature)
    );
    assert_eq!(
        verify(&[0; 96], message, &[0; 48]),
        Err(BlsError::InvalidPublicKey)
    );
    // In a list, an infinity key is summed (it changes nothing)…
    let mut keys = aggregated_keys();
    keys.push(vec![0; 96]);
    let aggregate = unhex(AGGREGATED_SIGNATURE);
    assert_eq!(
        verify_aggregated(&keys, AGGREGATED_MESSAGE, &aggregate),
        Ok(())
    );
    // …but keys summing to infinity never verify, not even with the infinity signature.
    let p = encode_g2(&G2Affine::from(
        G2Projective::generator() * Scalar::from(9u64),
    ));
    let mut minus_p = p;
    minus_p[95] ^= 0x80;
    for keys in [vec![vec![0; 96]], vec![p.to_vec(), minus_p.to_vec()]] {
        assert_eq!(
            verify_aggregated(&keys, AGGREGATED_MESSAGE, &[0; 48]),
            Err(BlsError::AggregateNotValid)
        );
    }
}

#[test]
fn signing_with_a_known_secret_verifies() {
    // σ = s·H(m) under pk = s·Q.
    let secret = Scalar::from(0x1234_5678_9abc_def0u64);
    let key = G2Affine::from(G2Projective::from(q_point().expect("Q")) * secret);
    let message = b"strata";
    let hash = hash_to_g1(message).expect("maps");
    let signature = G1Affine::from(G1Projective::from(hash) * secret);
    let (key, signature) = (encode_g2(&key), encode_g1(&signature));
    assert_eq!(verify(&key, message, &signature), Ok(()));
    assert_eq!(
        verify(&key, b"strata!", &signature),
        Err(BlsError::SignatureNotValid)
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A deterministic xorshift stream: random lengths around the valid ones, random flags.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (key, message, signature) = SINGLE;
    let (key, signature) = (unhex(key), unhex(signature));
    for round in 0..60 {
        let mut bytes = |len: usize| -> Vec<u8> { (0..len).map(|_| next() as u8).collect() };
        let key_len = [0, 1, 95, 96, 96, 97][round % 6];
        let sig_len = [0, 47, 48, 48, 49][round % 5];
        let random_key = bytes(key_len);
        let random_signature = bytes(sig_len);
        let random_message = bytes(round);
        assert!(verify(&random_key, &random_message, &random_signature).is_err());
        assert!(verify(&key, message, &random_signature).is_err());
        assert!(verify(&random_key, message, &signature).is_err());
        let keys = vec![key.clone(), random_key.clone()];
        assert!(verify_aggregated(&keys, &random_message, &random_signature).is_err());
        // The valid bytes with one random byte changed, the flag bits included.
        let mut damaged = signature.clone();
        let at = (next() % 48) as usize;
        damaged[at] ^= (next() as u8) | 1;
        assert!(verify(&key, message, &damaged).is_err());
    }
}
