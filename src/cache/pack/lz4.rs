//! An lz4 block compressor (the format `lz4_flex` decodes) whose dictionary is hashed once
//! for all records, rather than once a record as `lz4_flex::block::compress_with_dict`
//! does: with a 64 KiB dictionary that cost five times the compression itself.
//!
//! Only writing is here; reading uses `lz4_flex`'s safe decoder. Matches are found by a
//! hash of the next four bytes, in the record so far or in the dictionary, and never run
//! from the dictionary into the record.

/// Shortest match lz4 encodes.
const MIN_MATCH: usize = 4;
/// The last match must start this many bytes before the end (lz4's MFLIMIT).
const MF_LIMIT: usize = 12;
/// The last bytes are always literals (lz4's LASTLITERALS).
const LAST_LITERALS: usize = 5;
/// Farthest a match can reach back, so the largest useful dictionary.
pub const MAX_OFFSET: usize = 65_535;
const DICT_BITS: u32 = 16;
const RECORD_BITS: u32 = 12;

fn hash(four: u32, bits: u32) -> usize {
    (four.wrapping_mul(2_654_435_761) >> (32 - bits)) as usize
}

fn four_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// How many bytes `a` and `b` have in common from their starts.
fn common(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Compresses records against one dictionary, hashed once.
pub struct Packer {
    dict: Vec<u8>,
    /// Last dictionary position (plus one; 0 for none) of each hash of four bytes.
    dict_table: Vec<u32>,
    /// The same for the record being compressed, cleared for each.
    table: Vec<u32>,
}

impl Packer {
    /// A packer for `dict` (its last [`MAX_OFFSET`] bytes are used).
    pub fn new(dict: &[u8]) -> Packer {
        let dict = dict[dict.len().saturating_sub(MAX_OFFSET)..].to_vec();
        let mut dict_table = vec![0u32; 1 << DICT_BITS];
        for at in 0..dict.len().saturating_sub(MIN_MATCH - 1) {
            if let Some(four) = four_at(&dict, at) {
                dict_table[hash(four, DICT_BITS)] = at as u32 + 1;
            }
        }
        Packer {
            dict,
            dict_table,
            table: vec![0; 1 << RECORD_BITS],
        }
    }

    /// The dictionary used.
    pub fn dict(&self) -> &[u8] {
        &self.dict
    }

    /// Appends `input` as one lz4 block that decodes against [`Packer::dict`].
    pub fn pack(&mut self, input: &[u8], out: &mut Vec<u8>) {
        self.table.fill(0);
        let (mut anchor, mut at) = (0, 0);
        let limit = input.len().saturating_sub(MF_LIMIT);
        let end = input.len().saturating_sub(LAST_LITERALS);
        let mut misses = 0usize;
        while at < limit {
            let Some(four) = four_at(input, at) else {
                break;
            };
            match self.best_match(input, at, four, end) {
                Some((offset, len)) => {
                    sequence(out, &input[anchor..at], offset, len);
                    at += len;
                    anchor = at;
                    misses = 0;
                }
                None => {
                    // Skip faster through bytes that do not compress.
                    misses += 1;
                    at += 1 + (misses >> 6);
                }
            }
        }
        last_literals(out, &input[anchor..]);
    }

    /// The longest match at `at` (ending by `end`) found through the tables, as (offset,
    /// length); records the position in the record's table.
    fn best_match(
        &mut self,
        input: &[u8],
        at: usize,
        four: u32,
        end: usize,
    ) -> Option<(usize, usize)> {
        let slot = hash(four, RECORD_BITS);
        let earlier = self.table[slot] as usize;
        self.table[slot] = at as u32 + 1;
        let mut best: Option<(usize, usize)> = None;
        if let Some(from) = earlier.checked_sub(1)
            && at - from <= MAX_OFFSET
            && four_at(input, from) == Some(four)
        {
            best = Some((at - from, common(&input[from..end], &input[at..end])));
        }
        let candidate = self.dict_table[hash(four, DICT_BITS)] as usize;
        if let Some(from) = candidate.checked_sub(1)
            && at + self.dict.len() - from <= MAX_OFFSET
            && four_at(&self.dict, from) == Some(four)
        {
            let len = common(&self.dict[from..], &input[at..end]);
            if best.is_none_or(|(_, l)| len > l) {
                best = Some((at + self.dict.len() - from, len));
            }
        }
        best.filter(|&(_, len)| len >= MIN_MATCH)
    }
}

/// Writes a length's remainder past 15 in lz4's 255-byte steps.
fn extra_length(out: &mut Vec<u8>, mut n: usize) {
    while n >= 255 {
        out.push(255);
        n -= 255;
    }
    out.push(n as u8);
}

/// One sequence: `literals`, then a match of `len` bytes `offset` back.
fn sequence(out: &mut Vec<u8>, literals: &[u8], offset: usize, len: usize) {
    let (lit, ml) = (literals.len(), len - MIN_MATCH);
    out.push(((lit.min(15) as u8) << 4) | ml.min(15) as u8);
    if lit >= 15 {
        extra_length(out, lit - 15);
    }
    out.extend_from_slice(literals);
    out.extend_from_slice(&(offset as u16).to_le_bytes());
    if ml >= 15 {
        extra_length(out, ml - 15);
    }
}

/// The closing sequence: literals only.
fn last_literals(out: &mut Vec<u8>, literals: &[u8]) {
    let lit = literals.len();
    out.push((lit.min(15) as u8) << 4);
    if lit >= 15 {
        extra_length(out, lit - 15);
    }
    out.extend_from_slice(literals);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(dict: &[u8], input: &[u8]) -> Vec<u8> {
        let mut packer = Packer::new(dict);
        let mut out = Vec::new();
        packer.pack(input, &mut out);
        let back = lz4_flex::block::decompress_with_dict(&out, input.len(), packer.dict());
        assert_eq!(back.as_deref().ok(), Some(input), "{} bytes", input.len());
        out
    }

    #[test]
    fn repeated_text_shrinks_and_reads_back() {
        let dict = b"summit of the leaders on cyber security and digital diplomacy in tallinn";
        let input = b"the leaders met in tallinn for a summit on cyber security, in tallinn again";
        assert!(round_trip(dict, input).len() < input.len() * 3 / 4);
        let long: Vec<u8> = (0..100_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        assert!(round_trip(&long[..70_000], &long).len() < long.len() / 4);
        for n in 0..40 {
            round_trip(b"", &vec![b'a'; n]);
            round_trip(b"aaaaaaaaaaaaaaaaaaaa", &vec![b'a'; n]);
        }
    }

    proptest! {
        #[test]
        fn any_input_reads_back(
            dict in proptest::collection::vec(0u8..4, 0..3000),
            input in proptest::collection::vec(0u8..4, 0..3000),
        ) {
            round_trip(&dict, &input);
        }

        #[test]
        fn any_bytes_read_back(
            dict in proptest::collection::vec(any::<u8>(), 0..300),
            input in proptest::collection::vec(any::<u8>(), 0..300),
        ) {
            round_trip(&dict, &input);
        }
    }
}
