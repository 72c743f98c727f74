//! A small PNG encoder: RGB pixels, per-row filters, zlib with fixed-Huffman deflate.
//!
//! Written here rather than pulled in as a crate so that screenshots need no dependency and
//! the same pixels always give the same bytes.

/// PNG bytes of an RGB image, `rgb` holding `width * height * 3` bytes row by row.
pub fn encode(width: u32, height: u32, rgb: &[u8]) -> Vec<u8> {
    let stride = width as usize * 3;
    let mut filtered = Vec::with_capacity((stride + 1) * height as usize);
    let zero = vec![0u8; stride];
    for y in 0..height as usize {
        let row = &rgb[y * stride..(y + 1) * stride];
        let above = if y == 0 {
            &zero[..]
        } else {
            &rgb[(y - 1) * stride..y * stride]
        };
        // Filter 0 (none), 1 (sub) or 2 (up), whichever leaves the smallest bytes.
        let sub = |i: usize| row[i].wrapping_sub(if i >= 3 { row[i - 3] } else { 0 });
        let up = |i: usize| row[i].wrapping_sub(above[i]);
        let cost = |f: &dyn Fn(usize) -> u8| -> u64 {
            (0..stride)
                .map(|i| u64::from((f(i) as i8).unsigned_abs()))
                .sum()
        };
        let none = |i: usize| row[i];
        let candidates: [(u8, &dyn Fn(usize) -> u8); 3] = [(0, &none), (1, &sub), (2, &up)];
        let (kind, best) = candidates
            .into_iter()
            .min_by_key(|(_, f)| cost(*f))
            .unwrap_or((0, &none));
        filtered.push(kind);
        filtered.extend((0..stride).map(best));
    }
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    // 8 bits per channel, colour type 2 (RGB), deflate, adaptive filters, no interlace.
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib(&filtered));
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

/// The CRC-32 of PNG chunks (and gzip, zip).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The Adler-32 checksum that ends a zlib stream.
pub fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in bytes.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    b << 16 | a
}

/// A zlib stream: header, one fixed-Huffman deflate block, Adler-32.
pub fn zlib(data: &[u8]) -> Vec<u8> {
    let mut bits = Bits::default();
    // CMF 0x78 (deflate, 32K window), FLG 0x01 (check bits, fastest level).
    bits.out.extend_from_slice(&[0x78, 0x01]);
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman codes
    lz77(data, &mut bits);
    bits.literal(256);
    let mut out = bits.finish();
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    len: u32,
}

impl Bits {
    /// Writes the low `count` bits of `value`, least significant first.
    fn put(&mut self, value: u32, count: u32) {
        self.acc |= u64::from(value) << self.len;
        self.len += count;
        while self.len >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.len -= 8;
        }
    }

    /// Writes a Huffman code, most significant bit first.
    fn code(&mut self, code: u32, count: u32) {
        let reversed = code.reverse_bits() >> (32 - count);
        self.put(reversed, count);
    }

    /// Writes a literal or length symbol with the fixed code.
    fn literal(&mut self, symbol: u32) {
        match symbol {
            0..=143 => self.code(0x30 + symbol, 8),
            144..=255 => self.code(0x190 + symbol - 144, 9),
            256..=279 => self.code(symbol - 256, 7),
            _ => self.code(0xc0 + symbol - 280, 8),
        }
    }

    fn matched(&mut self, length: usize, distance: usize) {
        let l = LENGTH_BASE.partition_point(|&b| b as usize <= length) - 1;
        self.literal(257 + l as u32);
        self.put((length - LENGTH_BASE[l] as usize) as u32, LENGTH_EXTRA[l]);
        let d = DISTANCE_BASE.partition_point(|&b| b as usize <= distance) - 1;
        self.code(d as u32, 5);
        self.put(
            (distance - DISTANCE_BASE[d] as usize) as u32,
            DISTANCE_EXTRA[d],
        );
    }

    fn finish(mut self) -> Vec<u8> {
        if self.len > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u32; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u32; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

const WINDOW: usize = 32768;
const MAX_MATCH: usize = 258;
const MAX_CHAIN: usize = 16;
const HASH_BITS: u32 = 15;

/// Greedy LZ77 over hash chains of 3-byte prefixes.
fn lz77(data: &[u8], bits: &mut Bits) {
    let hash = |i: usize| {
        let v = u32::from(data[i]) << 16 | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]);
        (v.wrapping_mul(0x9e37_79b1) >> (32 - HASH_BITS)) as usize
    };
    let mut head = vec![usize::MAX; 1 << HASH_BITS];
    let mut prev = vec![usize::MAX; WINDOW];
    let insert = |i: usize, head: &mut Vec<usize>, prev: &mut Vec<usize>| {
        if i + 2 < data.len() {
            let h = hash(i);
            prev[i % WINDOW] = head[h];
            head[h] = i;
        }
    };
    let mut i = 0;
    while i < data.len() {
        let (mut best_len, mut best_dist) = (0, 0);
        if i + 2 < data.len() {
            let mut candidate = head[hash(i)];
            let limit = (data.len() - i).min(MAX_MATCH);
            for _ in 0..MAX_CHAIN {
                if candidate == usize::MAX || i - candidate > WINDOW - 1 {
                    break;
                }
                let len = data[candidate..]
                    .iter()
                    .zip(&data[i..i + limit])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best_len {
                    best_len = len;
                    best_dist = i - candidate;
                    if len == limit {
                        break;
                    }
                }
                let next = prev[candidate % WINDOW];
                if next == usize::MAX || next >= candidate {
                    break;
                }
                candidate = next;
            }
        }
        if best_len >= 3 {
            bits.matched(best_len, best_dist);
            for j in i..i + best_len {
                insert(j, &mut head, &mut prev);
            }
            i += best_len;
        } else {
            bits.literal(u32::from(data[i]));
            insert(i, &mut head, &mut prev);
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    #[test]
    fn png_starts_with_its_signature_and_size() {
        let png = encode(2, 1, &[255, 0, 0, 0, 0, 255]);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..24], b"IHDR\0\0\0\x02\0\0\0\x01");
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]));
    }

    /// Inflates a zlib stream of fixed-Huffman blocks, as `zlib` writes them.
    fn inflate(stream: &[u8]) -> Vec<u8> {
        let data = &stream[2..stream.len() - 4];
        let mut pos = 0usize;
        let mut bit = |n: u32| -> u32 {
            let mut v = 0;
            for k in 0..n {
                let b = (data[pos / 8] >> (pos % 8)) & 1;
                v |= u32::from(b) << k;
                pos += 1;
            }
            v
        };
        assert_eq!(bit(1), 1, "one final block");
        assert_eq!(bit(2), 1, "fixed Huffman codes");
        let mut out: Vec<u8> = Vec::new();
        loop {
            // Read a fixed code MSB first: 7 bits, then 8, then 9 as needed.
            let mut code = 0;
            for _ in 0..7 {
                code = code << 1 | bit(1);
            }
            let symbol = if code <= 0b0010111 {
                256 + code
            } else {
                code = code << 1 | bit(1);
                match code {
                    0x30..=0xbf => code - 0x30,
                    0xc0..=0xc7 => 280 + code - 0xc0,
                    _ => {
                        code = code << 1 | bit(1);
                        144 + code - 0x190
                    }
                }
            };
            match symbol {
                0..=255 => out.push(symbol as u8),
                256 => break,
                _ => {
                    let l = (symbol - 257) as usize;
                    let length = LENGTH_BASE[l] as usize + bit(LENGTH_EXTRA[l]) as usize;
                    let mut d = 0;
                    for _ in 0..5 {
                        d = d << 1 | bit(1);
                    }
                    let d = d as usize;
                    let distance = DISTANCE_BASE[d] as usize + bit(DISTANCE_EXTRA[d]) as usize;
                    for _ in 0..length {
                        out.push(out[out.len() - distance]);
                    }
                }
            }
        }
        let sum = u32::from_be_bytes(stream[stream.len() - 4..].try_into().unwrap());
        assert_eq!(sum, adler32(&out));
        out
    }

    #[test]
    fn zlib_round_trips() {
        let mut data: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        data.extend(std::iter::repeat_n(0u8, 70_000));
        data.extend(b"cyberdiplo cyberdiplo cyberdiplo, abc abc abcd".iter());
        data.extend((0..40_000u32).map(|i| (i / 3 % 256) as u8));
        assert_eq!(inflate(&zlib(&data)), data);
        assert_eq!(inflate(&zlib(b"")), b"");
        assert!(zlib(&data).len() < data.len() / 4);
    }
}
