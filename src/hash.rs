//! A fast hasher for the maps of the load and index build (ids, words), where SipHash's
//! resistance to chosen keys is not needed: the keys come from the user's own files, and
//! most of them are short.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Multiplier of the FxHash family (rustc's own hasher).
const K: u64 = 0xf135_7aea_2e62_a9c5;

/// Eight bytes at a time, FxHash-style, with a final mix so that hashbrown's low (bucket)
/// and high (tag) bits both depend on every byte.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(26) ^ v).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // murmur3's final mix.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn keys_that_differ_hash_apart() {
        let hash = |s: &str| BuildHasherDefault::<FastHasher>::default().hash_one(s);
        let keys = ["", "a", "a\0", "ab", "abcdefgh", "abcdefghi", "abcdefgi"];
        let hashes: FastSet<u64> = keys.iter().map(|k| hash(k)).collect();
        assert_eq!(hashes.len(), keys.len());
        let map: FastMap<String, usize> = (0..1000).map(|i| (format!("w{i}"), i)).collect();
        assert!((0..1000).all(|i| map.get(&format!("w{i}")) == Some(&i)));
    }
}
