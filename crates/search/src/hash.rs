//! A fast hasher for the index's own maps (the Fx hash of rustc). The standard SipHash resists
//! hash flooding, which matters for keys an attacker chooses; here the keys are words written
//! by kennisbank editors, and hashing every word of every document was a tenth of a rebuild.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn hash(value: impl Hash) -> u64 {
        let mut hasher = FxHasher::default();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        let cases = [
            ("huur", "huur", true),
            ("huur", "hur", false),
            ("abcdefghij", "abcdefghik", false),
            ("", "a", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(hash(a) == hash(b), same, "{a} / {b}");
        }
        assert_eq!(
            hash(String::from("huur")),
            hash("huur"),
            "String and &str agree"
        );
    }

    #[test]
    fn works_as_a_map() {
        let mut map: FastMap<Box<str>, u32> = FastMap::default();
        map.insert("huur".into(), 1);
        assert_eq!(map.get("huur"), Some(&1));
        assert_eq!(map.get("huurder"), None);
    }
}
