//! Checksums of file contents: CRC-32 (what ZIP records for every entry) and SHA-256 (the content address of
//! an evidence file), both computed incrementally so that a large file can be fed in chunks and never has to
//! sit whole in memory.

use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use std::fmt;

/// The CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) tables for slicing by 8 bytes: about five
/// times the speed of one table, which matters at attach time (a 50 MB scan is read once). They are built on
/// first use rather than stored, so they cost 8 KB of memory, not 8 KB of WebAssembly.
fn crc_tables() -> &'static [[u32; 256]; 8] {
    static TABLES: std::sync::OnceLock<Box<[[u32; 256]; 8]>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Box::new([[0u32; 256]; 8]);
        for i in 0..256 {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            t[0][i] = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            }
        }
        t
    })
}

/// CRC-32 fed in chunks.
#[derive(Debug, Clone, Copy)]
pub struct Crc32(u32);

impl Default for Crc32 {
    fn default() -> Self {
        Crc32(0xFFFF_FFFF)
    }
}

impl Crc32 {
    /// A fresh checksum.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next bytes.
    pub fn update(&mut self, data: &[u8]) {
        let t = crc_tables();
        let mut crc = self.0;
        let mut chunks = data.chunks_exact(8);
        for c in &mut chunks {
            let lo = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) ^ crc;
            let hi = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
            crc = t[7][(lo & 0xFF) as usize]
                ^ t[6][((lo >> 8) & 0xFF) as usize]
                ^ t[5][((lo >> 16) & 0xFF) as usize]
                ^ t[4][(lo >> 24) as usize]
                ^ t[3][(hi & 0xFF) as usize]
                ^ t[2][((hi >> 8) & 0xFF) as usize]
                ^ t[1][((hi >> 16) & 0xFF) as usize]
                ^ t[0][(hi >> 24) as usize];
        }
        for &b in chunks.remainder() {
            crc = t[0][((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
        }
        self.0 = crc;
    }

    /// The checksum of everything fed so far.
    pub fn finish(self) -> u32 {
        self.0 ^ 0xFFFF_FFFF
    }
}

/// CRC-32 of a whole buffer.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = Crc32::new();
    c.update(data);
    c.finish()
}

/// The SHA-256 of a file's bytes as 64 lowercase hexadecimal digits: the key its bytes are stored under, so
/// that the same file attached twice is stored once, and the check that a restored file is intact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ContentHash(String);

impl ContentHash {
    /// The hash of a whole buffer.
    pub fn of(data: &[u8]) -> Self {
        let mut h = Sha256::new();
        h.update(data);
        h.finish()
    }

    /// Reads the 64-digit hexadecimal form (upper case accepted, stored lower case).
    pub fn parse(text: &str) -> Option<Self> {
        (text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| ContentHash(text.to_ascii_lowercase()))
    }

    /// The 64 hexadecimal digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 12 digits: enough to tell files apart in an id or a message.
    pub fn short(&self) -> &str {
        &self.0[..12]
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ContentHash {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        ContentHash::parse(&s).ok_or_else(|| format!("“{s}” 不是 64 位十六进制的 SHA-256"))
    }
}

impl From<ContentHash> for String {
    fn from(h: ContentHash) -> String {
        h.0
    }
}

/// SHA-256 fed in chunks.
#[derive(Debug, Clone, Default)]
pub struct Sha256(sha2::Sha256);

impl Sha256 {
    /// A fresh hash.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next bytes.
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The hash of everything fed so far.
    pub fn finish(self) -> ContentHash {
        let bytes = self.0.finalize();
        let mut hex = String::with_capacity(64);
        for b in bytes {
            hex.push(char::from(b"0123456789abcdef"[(b >> 4) as usize]));
            hex.push(char::from(b"0123456789abcdef"[(b & 15) as usize]));
        }
        ContentHash(hex)
    }
}

/// What is recorded of a file's bytes when it is attached: its content address, the CRC-32 that the evidence
/// package's ZIP entry needs (so that exporting never reads the bytes again) and its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDigest {
    /// SHA-256.
    pub hash: ContentHash,
    /// CRC-32 (IEEE).
    pub crc32: u32,
    /// Size in bytes.
    pub size: u64,
}

impl FileDigest {
    /// The digest of a whole buffer.
    pub fn of(data: &[u8]) -> Self {
        let mut d = Digester::new();
        d.update(data);
        d.finish()
    }
}

/// Computes a [`FileDigest`] in one pass over chunks (the browser reads a file in slices of a few MB).
#[derive(Debug, Clone, Default)]
pub struct Digester {
    sha: Sha256,
    crc: Crc32,
    size: u64,
}

impl Digester {
    /// A fresh digester.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next bytes.
    pub fn update(&mut self, data: &[u8]) {
        self.sha.update(data);
        self.crc.update(data);
        self.size += data.len() as u64;
    }

    /// The digest of everything fed so far.
    pub fn finish(self) -> FileDigest {
        FileDigest {
            hash: self.sha.finish(),
            crc32: self.crc.finish(),
            size: self.size,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    /// The bitwise definition, one bit at a time: the reference the sliced tables must agree with.
    fn crc32_bitwise(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    0xEDB8_8320 ^ (crc >> 1)
                } else {
                    crc >> 1
                };
            }
        }
        crc ^ 0xFFFF_FFFF
    }

    #[test]
    fn sliced_crc32_agrees_with_the_bitwise_definition_at_every_length_and_split() {
        let data: Vec<u8> = (0..300u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in 0..data.len() {
            assert_eq!(
                crc32(&data[..len]),
                crc32_bitwise(&data[..len]),
                "length {len}"
            );
        }
        for split in [1, 3, 7, 8, 9, 64, 299] {
            let mut c = Crc32::new();
            c.update(&data[..split]);
            c.update(&data[split..]);
            assert_eq!(c.finish(), crc32_bitwise(&data), "split at {split}");
        }
    }

    #[test]
    fn sha256_matches_the_standard_test_vectors() {
        assert_eq!(
            ContentHash::of(b"abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            ContentHash::of(b"").as_str(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn chunks_give_the_same_digest_as_the_whole() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = FileDigest::of(&data);
        let mut d = Digester::new();
        for chunk in data.chunks(333) {
            d.update(chunk);
        }
        assert_eq!(d.finish(), whole);
        assert_eq!(whole.size, 10_000);
        assert_eq!(whole.crc32, crc32(&data));
    }

    #[test]
    fn hashes_parse_only_from_64_hex_digits() {
        let h = ContentHash::of(b"x");
        assert_eq!(
            ContentHash::parse(&h.as_str().to_uppercase()),
            Some(h.clone())
        );
        assert_eq!(ContentHash::parse("abc"), None);
        assert_eq!(ContentHash::parse(&"g".repeat(64)), None);
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(serde_json::from_str::<ContentHash>(&json).unwrap(), h);
        assert!(serde_json::from_str::<ContentHash>("\"../../etc\"").is_err());
        assert_eq!(h.short().len(), 12);
    }
}
