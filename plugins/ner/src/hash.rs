//! The hashing of features: a fixed function, part of the model format (changing it is
//! a new feature version).

use std::hash::{BuildHasher, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes two 64-bit values (a multiply-xorshift finaliser over their combination).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut h = (a.rotate_left(5) ^ b).wrapping_mul(K);
    h ^= h >> 32;
    h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 29)
}

/// Hashes bytes (FxHash-style, eight bytes at a time, then finalised).
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h.rotate_left(5) ^ tail(rest)).wrapping_mul(K);
    }
    mix(h, 0x2545_f491_4f6c_dd1d)
}

/// The last one to seven bytes as a little-endian number (zeros above them), read in
/// at most two loads that may overlap: no copy through memory, which stalls the load
/// that follows it.
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    debug_assert!((1..8).contains(&n));
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
        u64::from(lo) | u64::from(hi) << ((n - 4) * 8)
    } else {
        u64::from(rest[0])
            | u64::from(rest[n / 2]) << (n / 2 * 8)
            | u64::from(rest[n - 1]) << ((n - 1) * 8)
    }
}

/// A hasher for keys that are already hashes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct IdBuild;

impl BuildHasher for IdBuild {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fixed() {
        // The model format depends on these values: a change needs a new feature version.
        assert_ne!(hash_bytes(b"paris"), hash_bytes(b"parie"));
        assert_ne!(hash_bytes(b"abcdefgh1"), hash_bytes(b"abcdefgh2"));
        assert_eq!(hash_bytes(b"lyon"), 0x00ba_e3ed_2c56_b937);
        assert_eq!(mix(1, 2), 0x2a4e_7df2_2035_a616);
    }

    #[test]
    fn the_tail_reads_as_bytes_padded_with_zeros() {
        let bytes: Vec<u8> = (1..=7u8).map(|b| b.wrapping_mul(0x9d) | 0x80).collect();
        for n in 1..8 {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(tail(&bytes[..n]), u64::from_le_bytes(buf), "{n} bytes");
        }
    }
}
