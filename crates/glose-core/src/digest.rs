//! Stable digests: the same input gives the same value on every machine and with every
//! build (FNV-1a, 64 bits), unlike the standard library's hashers. They tell whether
//! what a run depends on (a document's bytes, the taggers, what they learned from the
//! corpus) has changed since an earlier run.

/// A digest being computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest(u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(0xcbf2_9ce4_8422_2325)
    }
}

impl Digest {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    /// A string, with its length first so that `("ab", "c")` and `("a", "bc")` differ.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.u64(s.len() as u64).bytes(s.as_bytes())
    }

    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.bytes(&v.to_le_bytes())
    }

    pub fn value(&self) -> u64 {
        self.0
    }

    /// The digest of some bytes, as 16 hexadecimal digits.
    pub fn hex_of(bytes: &[u8]) -> String {
        format!("{:016x}", Digest::new().bytes(bytes).value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_sensitive() {
        // FNV-1a of "a" is a published constant.
        assert_eq!(Digest::new().bytes(b"a").value(), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(
            Digest::new().str("ab").str("c").value(),
            Digest::new().str("a").str("bc").value()
        );
        assert_eq!(Digest::hex_of(b""), "cbf29ce484222325");
    }
}
