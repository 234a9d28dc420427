//! Unit tests of the curves' group law, encodings and key generation: published vectors
//! (NIST's P-256 `k·G` for k = 2, 3), values computed independently with OpenSSL (through
//! Python's `cryptography`) for the other curves and large scalars, and the `p256` crate's
//! arithmetic for random scalars.

use num_bigint::{BigInt, BigUint};
use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::sec1::ToEncodedPoint;

use super::curve::{CurveParams, Point, by_bit_size};
use super::encoding::{
    generate_key, marshal, marshal_compressed, mod_sqrt, unmarshal, unmarshal_compressed,
};
use crate::go_rand::SeedRandReader;

fn hex(digits: &str) -> BigUint {
    BigUint::parse_bytes(digits.as_bytes(), 16).expect("hex")
}

fn point(x: &str, y: &str) -> Point {
    Point::new(hex(x), hex(y))
}

fn curve(bits: u16) -> &'static CurveParams {
    by_bit_size(bits).expect("a NIST curve")
}

const BIG_K: &str = "c51e4753afdec1e6b6c6a5b992f43f8dd0c7a8933072708b6522468b2ffb06fd";

/// `(bits, k, x, y)`: k·G.
const MULTIPLES: &[(u16, &str, &str, &str)] = &[
    (
        224,
        "02",
        "706a46dc76dcb76798e60e6d89474788d16dc18032d268fd1a704fa6",
        "1c2b76a7bc25e7702a704fa986892849fca629487acf3709d2e4e8bb",
    ),
    (
        224,
        "03",
        "df1b1d66a551d0d31eff822558b9d2cc75c2180279fe0d08fd896d04",
        "a3f7f03cadd0be444c0aa56830130ddf77d317344e1af3591981a925",
    ),
    (
        224,
        BIG_K,
        "d34c32b17fb23d018d9bf7c96979a99eb8cd0b394b9883e6ee222741",
        "94b309737afc4eeb5b756a901775af891bddf077f379c09ebcdcbf74",
    ),
    (
        256,
        "02",
        "7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978",
        "07775510db8ed040293d9ac69f7430dbba7dade63ce982299e04b79d227873d1",
    ),
    (
        256,
        "03",
        "5ecbe4d1a6330a44c8f7ef951d4bf165e6c6b721efada985fb41661bc6e7fd6c",
        "8734640c4998ff7e374b06ce1a64a2ecd82ab036384fb83d9a79b127a27d5032",
    ),
    (
        256,
        BIG_K,
        "942c9f408ead9d82d34a1b9a6a827ebe3e2ddf782b448d23be1b6143988ccef4",
        "8c9eaf6c0d14d992fc63bad3e2496be2eee61cb5b97f65f428ca94a5d0ee19a1",
    ),
    (
        384,
        "02",
        "08d999057ba3d2d969260045c55b97f089025959a6f434d651d207d19fb96e9e4fe0e86ebe0e64f85b96a9c75295df61",
        "8e80f1fa5b1b3cedb7bfe8dffd6dba74b275d875bc6cc43e904e505f256ab4255ffd43e94d39e22d61501e700a940e80",
    ),
    (
        384,
        "03",
        "077a41d4606ffa1464793c7e5fdc7d98cb9d3910202dcd06bea4f240d3566da6b408bbae5026580d02d7e5c70500c831",
        "c995f7ca0b0c42837d0bbe9602a9fc998520b41c85115aa5f7684c0edc111eacc24abd6be4b5d298b65f28600a2f1df1",
    ),
    (
        384,
        BIG_K,
        "b71966062f2c6ebd324b38723ba871ce136a7192754d0d7d8e934c81cef263499bb4ff7589095c2226f57f1d8721da99",
        "a62144da11be9a85f10579495f4287a3d2251b42a315d33505519f0856e5863de347c639bfe874fda7e5deffea0f1faa",
    ),
    (
        521,
        "02",
        "433c219024277e7e682fcb288148c282747403279b1ccc06352c6e5505d769be97b3b204da6ef55507aa104a3a35c5af41cf2fa364d60fd967f43e3933ba6d783d",
        "f4bb8cc7f86db26700a7f3eceeeed3f0b5c6b5107c4da97740ab21a29906c42dbbb3e377de9f251f6b93937fa99a3248f4eafcbe95edc0f4f71be356d661f41b02",
    ),
    (
        521,
        "03",
        "1a73d352443de29195dd91d6a64b5959479b52a6e5b123d9ab9e5ad7a112d7a8dd1ad3f164a3a4832051da6bd16b59fe21baeb490862c32ea05a5919d2ede37ad7d",
        "13e9b03b97dfa62ddd9979f86c6cab814f2f1557fa82a9d0317d2f8ab1fa355ceec2e2dd4cf8dc575b02d5aced1dec3c70cf105c9bc93a590425f588ca1ee86c0e5",
    ),
    (
        521,
        BIG_K,
        "1bb39f500da5e267e9e6673d895a7e7e370ce7878e77791b61397996bb355498e50f76a671b20cbb85fbac255332555bcc135a53626fb2613b623dde5ff72271620",
        "1b678f087404684d69786ada90371d5523cb3f36c4e5f92b7a0f424c0d0ff90190f89b2de12ecdb5d2a8db1b2a2d8d79fdf63ecf504ae7ffbc5778ad29152e54d4e",
    ),
];

#[test]
fn scalar_base_multiples_match_published_and_openssl_values() {
    for &(bits, k, x, y) in MULTIPLES {
        let c = curve(bits);
        let k = hex(k).to_bytes_be();
        let expected = point(x, y);
        assert_eq!(c.scalar_base_mult(&k), expected, "P-{bits}, k = {k:x?}");
        // Leading zero bytes change nothing.
        let padded = [vec![0; 5], k].concat();
        assert_eq!(c.scalar_base_mult(&padded), expected);
    }
}

#[test]
fn parameters_have_the_published_primes_and_sizes() {
    let two = BigUint::from(2u32);
    let pow = |e: u32| two.pow(e);
    let primes = [
        (224, pow(224) - pow(96) + 1u32),
        (256, pow(256) - pow(224) + pow(192) + pow(96) - 1u32),
        (384, pow(384) - pow(128) - pow(96) + pow(32) - 1u32),
        (521, pow(521) - 1u32),
    ];
    for (bits, p) in primes {
        let c = curve(bits);
        assert_eq!(c.p, p, "P-{bits}");
        assert_eq!(c.n.bits(), u64::from(bits));
        assert!(c.n < c.p && c.b < c.p && c.gx < c.p && c.gy < c.p);
    }
    let lengths: Vec<usize> = [224, 256, 384, 521]
        .iter()
        .map(|&b| curve(b).private_key_len())
        .collect();
    assert_eq!(lengths, [28, 32, 48, 66]);
}

#[test]
fn generators_are_on_their_curves_and_of_order_n() {
    for bits in [224, 256, 384, 521] {
        let c = curve(bits);
        let g = c.generator();
        assert!(c.is_on_curve(&BigInt::from(g.x.clone()), &BigInt::from(g.y.clone())));
        // (n − 1)·G = −G, through the whole double-and-add ladder.
        let minus_one = (&c.n - 1u32).to_bytes_be();
        let expected = Point::new(g.x.clone(), &c.p - &g.y);
        assert_eq!(c.scalar_base_mult(&minus_one), expected, "P-{bits}");
        assert!(c.scalar_base_mult(&c.n.to_bytes_be()).is_infinity());
        assert!(c.scalar_base_mult(&[]).is_infinity());
        assert!(c.scalar_base_mult(&[0, 0]).is_infinity());
    }
}

#[test]
fn the_group_law_adds_doubles_and_cancels() {
    for bits in [224, 256, 384, 521] {
        let c = curve(bits);
        let g = c.generator();
        let two_g = c.scalar_base_mult(&[2]);
        assert_eq!(c.double(&g), two_g);
        assert_eq!(c.add(&g, &g), two_g, "adding a point to itself doubles it");
        assert_eq!(c.add(&g, &two_g), c.scalar_base_mult(&[3]));
        let minus_g = Point::new(g.x.clone(), &c.p - &g.y);
        assert!(c.add(&g, &minus_g).is_infinity(), "P + (−P) = (0, 0)");
        assert_eq!(c.add(&Point::default(), &g), g);
        assert_eq!(c.add(&g, &Point::default()), g);
        assert!(c.double(&Point::default()).is_infinity());
        let five = c.add(&two_g, &c.scalar_base_mult(&[3]));
        assert_eq!(five, c.scalar_base_mult(&[5]));
        assert_eq!(c.scalar_mult(&two_g, &[0x81]), c.scalar_base_mult(&[1, 2]));
    }
}

#[test]
fn points_off_the_curve_or_out_of_range_are_refused() {
    let c = curve(256);
    let (gx, gy) = (BigInt::from(c.gx.clone()), BigInt::from(c.gy.clone()));
    assert!(c.is_on_curve(&gx, &gy));
    assert!(!c.is_on_curve(&gx, &(&gy + 1)));
    assert!(
        !c.is_on_curve(&BigInt::from(0), &BigInt::from(0)),
        "infinity"
    );
    let p = BigInt::from(c.p.clone());
    assert!(!c.is_on_curve(&(&gx + &p), &gy), "x not reduced");
    assert!(!c.is_on_curve(&gx, &(&gy - &p)), "negative y");
    // −Gy ≡ p − Gy, but only the reduced form is on the curve.
    assert!(c.is_on_curve(&gx, &(&p - &gy)));
    assert!(!c.is_on_curve(&gx, &-gy));
}

/// A tiny deterministic generator for test scalars (splitmix64).
fn test_bytes(seed: &mut u64, len: usize) -> Vec<u8> {
    (0..len)
        .map(|_| {
            *seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = *seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

fn p256_mult(base: &p256::ProjectivePoint, k: &[u8]) -> Point {
    let reduced = BigUint::from_bytes_be(k) % &curve(256).n;
    let mut bytes = [0u8; 32];
    let be = reduced.to_bytes_be();
    bytes[32 - be.len()..].copy_from_slice(&be);
    let scalar = <p256::Scalar as Reduce<p256::U256>>::reduce_bytes(
        &p256::FieldBytes::clone_from_slice(&bytes),
    );
    let encoded = (*base * scalar).to_affine().to_encoded_point(false);
    match (encoded.x(), encoded.y()) {
        (Some(x), Some(y)) => Point::new(BigUint::from_bytes_be(x), BigUint::from_bytes_be(y)),
        _ => Point::default(),
    }
}

#[test]
fn p256_products_match_the_p256_crate_for_random_scalars() {
    let c = curve(256);
    let mut seed = 7;
    let base_k = test_bytes(&mut seed, 32);
    let base = c.scalar_base_mult(&base_k);
    let crate_base = p256::ProjectivePoint::GENERATOR
        * <p256::Scalar as Reduce<p256::U256>>::reduce_bytes(&p256::FieldBytes::clone_from_slice(
            &base_k,
        ));
    for len in [1, 5, 16, 31, 32, 33, 40, 64] {
        let k = test_bytes(&mut seed, len);
        let generator = p256::ProjectivePoint::GENERATOR;
        assert_eq!(
            c.scalar_base_mult(&k),
            p256_mult(&generator, &k),
            "k = {k:x?}"
        );
        assert_eq!(
            c.scalar_mult(&base, &k),
            p256_mult(&crate_base, &k),
            "k = {k:x?}"
        );
    }
    // A 40-byte scalar above n (OpenSSL).
    let expected = point(
        "308c2fb68f6e65f14ee1df366524bfc8df178610bc047fde25e8fc6b1ed3e38c",
        "1d63c2f55110ef43a518689849130e469f5545bacca33538b7bc1a35ed95579a",
    );
    assert_eq!(c.scalar_base_mult(&[0xff; 40]), expected);
}

#[test]
fn encodings_round_trip_with_the_right_lengths_and_prefixes() {
    for (bits, len, compressed_len) in [(224, 57, 29), (256, 65, 33), (384, 97, 49), (521, 133, 67)]
    {
        let c = curve(bits);
        for k in [&[1u8][..], &[2], &[3], &hex(BIG_K).to_bytes_be()] {
            let p = c.scalar_base_mult(k);
            let full = marshal(c, &p);
            assert_eq!((full.len(), full[0]), (len, 4));
            assert_eq!(unmarshal(c, &full), Some(p.clone()));
            let short = marshal_compressed(c, &p);
            assert_eq!(short.len(), compressed_len);
            assert_eq!(short[0], 2 + u8::from(p.y.bit(0)));
            assert_eq!(short[1..], full[1..compressed_len]);
            assert_eq!(unmarshal_compressed(c, &short), Some(p), "P-{bits}");
        }
    }
}

#[test]
fn the_p256_generator_encodes_as_sec1_says() {
    let c = curve(256);
    let g = c.generator();
    let expected = p256::AffinePoint::GENERATOR.to_encoded_point(false);
    assert_eq!(marshal(c, &g), expected.as_bytes());
    let compressed = p256::AffinePoint::GENERATOR.to_encoded_point(true);
    assert_eq!(marshal_compressed(c, &g), compressed.as_bytes());
    // Gy is odd: the compressed prefix is 03.
    assert_eq!(marshal_compressed(c, &g)[0], 3);
}

#[test]
fn malformed_encodings_decode_to_nothing() {
    let c = curve(256);
    let full = marshal(c, &c.generator());
    assert_eq!(unmarshal(c, &full[..64]), None, "short");
    let mut wrong_prefix = full.clone();
    wrong_prefix[0] = 3;
    assert_eq!(unmarshal(c, &wrong_prefix), None);
    let mut off_curve = full.clone();
    off_curve[64] ^= 1;
    assert_eq!(unmarshal(c, &off_curve), None);
    let mut x_is_p = full;
    x_is_p[1..33].copy_from_slice(&c.p.to_bytes_be());
    assert_eq!(unmarshal(c, &x_is_p), None);
    assert_eq!(
        unmarshal(c, &[vec![4], vec![0; 64]].concat()),
        None,
        "infinity"
    );

    let short = marshal_compressed(c, &c.generator());
    let mut wrong_prefix = short.clone();
    wrong_prefix[0] = 4;
    assert_eq!(unmarshal_compressed(c, &wrong_prefix), None);
    // x = 1 has no point on P-256 (x³ − 3x + b is not a square), x = 0 has none on P-224
    // and x = 3 none on P-521.
    for (bits, x) in [(256, 1u8), (224, 0), (521, 3)] {
        let c = curve(bits);
        let mut data = vec![0u8; 1 + c.byte_len()];
        data[0] = 2;
        data[c.byte_len()] = x;
        assert_eq!(unmarshal_compressed(c, &data), None, "P-{bits}");
    }
    let mut x_is_p = vec![2];
    x_is_p.extend_from_slice(&c.p.to_bytes_be());
    assert_eq!(unmarshal_compressed(c, &x_is_p), None);
}

#[test]
fn square_roots_modulo_p224_take_the_tonelli_shanks_path() {
    let c = curve(224);
    assert_eq!(c.p.trailing_zeros(), Some(0));
    assert_eq!((&c.p - 1u32).trailing_zeros(), Some(96));
    let mut seed = 11;
    for _ in 0..8 {
        let r = BigUint::from_bytes_be(&test_bytes(&mut seed, 28)) % &c.p;
        let square = (&r * &r) % &c.p;
        let root = mod_sqrt(&square, &c.p).expect("a square has a root");
        assert!(root == r || root == &c.p - &r);
    }
    // b = 0³ − 3·0 + b is not a square modulo P-224's prime.
    assert_eq!(mod_sqrt(&c.polynomial(&BigUint::from(0u32)), &c.p), None);
}

#[test]
fn generated_keys_follow_gos_generate_key() {
    // Empty block seeds and transaction hash, P-256: the value checked on the production
    // VM's code path.
    let c = curve(256);
    let mut reader = SeedRandReader::for_transaction(&[], &[], &[]);
    let (private, public) = generate_key(c, |b| reader.read(b));
    assert_eq!(
        BigUint::from_bytes_be(&private),
        hex("e8ddb81d205713945e203848e2f5c312067649f9a40727ca26b672b164cd1f91")
    );
    let generator = p256::ProjectivePoint::GENERATOR;
    assert_eq!(public, p256_mult(&generator, &private));
    // The draw is `priv` with its second byte flipped by 0x42.
    let mut raw = [0u8; 32];
    SeedRandReader::for_transaction(&[], &[], &[]).read(&mut raw);
    assert_eq!(raw[1] ^ 0x42, private[1]);
    assert_eq!((raw[0], &raw[2..]), (private[0], &private[2..]));

    let c = curve(521);
    let mut reader = SeedRandReader::from_seed(3);
    let (private, public) = generate_key(c, |b| reader.read(b));
    assert_eq!(private.len(), 66);
    assert!(private[0] <= 1, "masked to 521 bits");
    assert_eq!(public, c.scalar_base_mult(&private));
}

#[test]
fn keys_out_of_range_are_drawn_again() {
    let c = curve(256);
    let mut draws = 0;
    let (private, _) = generate_key(c, |b| {
        draws += 1;
        b.fill(if draws == 1 { 0xff } else { 0x01 });
        if draws == 1 {
            // 0xbd ^ 0x42 = 0xff: the scalar 0xffff… is above n.
            b[1] = 0xbd;
        }
    });
    assert_eq!(draws, 2);
    assert_eq!(private[..3], [0x01, 0x43, 0x01]);
}
