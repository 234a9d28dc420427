//! The production VM's randomness for `mBufferSetRandom`: Go's `math/rand` generator (the
//! additive lagged Fibonacci source of Mitchell and Reeds), seeded with the first 8 bytes of
//! `sha256(previous block seed ‖ current block seed ‖ tx hash)`, read 7 bytes per draw.
//! Contracts that draw random bytes get the same bytes as on the production VM.

use sha2::{Digest, Sha256};

const LEN: usize = 607;
const TAP: usize = 273;
const MASK: u64 = (1 << 63) - 1;
const MODULUS: i64 = (1 << 31) - 1;

mod cooked;

use cooked::COOKED;

/// `x * 48271 mod (2^31 - 1)`, by Schrage's method as Go computes it.
fn seed_step(x: i32) -> i32 {
    let (hi, lo) = (x / 44_488, x % 44_488);
    let x = 48_271 * lo - 3_399 * hi;
    if x < 0 { x + MODULUS as i32 } else { x }
}

/// A Go `math/rand.Rand` over its default source, as `io.Reader`.
#[derive(Clone)]
pub struct SeedRandReader {
    tap: usize,
    feed: usize,
    vec: Box<[u64; LEN]>,
    read_value: u64,
    read_left: u8,
}

impl std::fmt::Debug for SeedRandReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeedRandReader")
            .field("tap", &self.tap)
            .field("feed", &self.feed)
            .finish()
    }
}

impl SeedRandReader {
    /// The generator Go's `rand.New(rand.NewSource(seed))` gives.
    pub fn from_seed(seed: i64) -> Self {
        let mut seed = seed % MODULUS;
        if seed < 0 {
            seed += MODULUS;
        }
        if seed == 0 {
            seed = 89_482_311;
        }
        let mut x = i32::try_from(seed).unwrap_or(89_482_311);
        let mut vec = Box::new([0u64; LEN]);
        for i in -20..LEN as i32 {
            x = seed_step(x);
            if let Ok(i) = usize::try_from(i) {
                let mut u = (i64::from(x) << 40).cast_unsigned();
                x = seed_step(x);
                u ^= (i64::from(x) << 20).cast_unsigned();
                x = seed_step(x);
                u ^= i64::from(x).cast_unsigned();
                vec[i] = (u ^ COOKED[i]) & MASK;
            }
        }
        Self {
            tap: 0,
            feed: LEN - TAP,
            vec,
            read_value: 0,
            read_left: 0,
        }
    }

    /// The production VM's reader for a transaction: seeded from
    /// `sha256(previous_seed ‖ current_seed ‖ tx_hash)`.
    pub fn for_transaction(previous_seed: &[u8], current_seed: &[u8], tx_hash: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(previous_seed);
        hasher.update(current_seed);
        hasher.update(tx_hash);
        let digest = hasher.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        Self::from_seed(i64::from_be_bytes(first))
    }

    /// Go's `Int63`.
    pub fn int63(&mut self) -> i64 {
        self.tap = self.tap.checked_sub(1).unwrap_or(LEN - 1);
        self.feed = self.feed.checked_sub(1).unwrap_or(LEN - 1);
        let x = self.vec[self.feed].wrapping_add(self.vec[self.tap]) & MASK;
        self.vec[self.feed] = x;
        x.cast_signed()
    }

    /// Go's `Rand.Read`: 7 bytes of each `Int63`, low byte first, the rest kept for the next
    /// read.
    pub fn read(&mut self, buffer: &mut [u8]) {
        for byte in buffer {
            if self.read_left == 0 {
                self.read_value = self.int63().cast_unsigned();
                self.read_left = 7;
            }
            *byte = self.read_value as u8;
            self.read_value >>= 8;
            self.read_left -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_one_gives_gos_well_known_sequence() {
        let mut rand = SeedRandReader::from_seed(1);
        let first: Vec<i64> = (0..5).map(|_| rand.int63()).collect();
        assert_eq!(
            first,
            [
                5_577_006_791_947_779_410,
                8_674_665_223_082_153_551,
                6_129_484_611_666_145_821,
                4_037_200_794_235_010_051,
                3_916_589_616_287_113_937,
            ]
        );
    }

    #[test]
    fn reads_take_seven_bytes_per_draw_and_keep_the_rest() {
        let mut whole = SeedRandReader::from_seed(1);
        let mut all = [0u8; 10];
        whole.read(&mut all);
        let mut split = SeedRandReader::from_seed(1);
        let (mut a, mut b) = ([0u8; 3], [0u8; 7]);
        split.read(&mut a);
        split.read(&mut b);
        assert_eq!([a.as_slice(), b.as_slice()].concat(), all);
        let first = 5_577_006_791_947_779_410u64.to_le_bytes();
        assert_eq!(all[..7], first[..7]);
    }

    #[test]
    fn seeds_fold_as_go_folds_them() {
        let mut zero = SeedRandReader::from_seed(0);
        let mut default = SeedRandReader::from_seed(89_482_311);
        assert_eq!(zero.int63(), default.int63());
        let mut negative = SeedRandReader::from_seed(-1);
        let mut folded = SeedRandReader::from_seed(MODULUS - 1);
        assert_eq!(negative.int63(), folded.int63());
    }
}
