//! A minimal ZIP writer (stored entries, no compression) and reader: enough for Office Open XML files, for
//! evidence packages of hundreds of megabytes that never pass through WebAssembly memory, and for archives
//! that people make with their own tools ([`extract`]: stored and deflated entries, data descriptors, GBK or
//! UTF-8 names, with the CRC checked and the inflated size capped).
//!
//! [`archive`] lays an archive out as a sequence of [`Part`]s: small header blocks generated here, and
//! references to blobs that the caller owns. In the browser the parts become one `new Blob([parts…])`, the
//! blobs being the files stored in IndexedDB, so the file bytes are never copied; the CRC-32 each entry needs
//! was computed when the file was attached. [`zip`] is the in-memory form for small documents.
//!
//! Names are UTF-8 with the language-encoding flag (general purpose bit 11) set, so that Chinese names open
//! correctly in zip tools that honour it (7-Zip, WinRAR, Bandizip, 360压缩, macOS, and Windows Explorer in
//! current Windows 10 and 11). Classic ZIP without ZIP64: at most 65 535 entries, and every offset, so the
//! whole archive, below 4 GiB ([`MAX_ARCHIVE_BYTES`]); a larger archive is refused, never written wrong.

pub use xzzp_core::checksum::crc32;

/// The largest archive written: every offset must fit the 32 bits of classic ZIP.
pub const MAX_ARCHIVE_BYTES: u64 = u32::MAX as u64;
/// The most entries a classic ZIP holds.
pub const MAX_ENTRIES: usize = u16::MAX as usize;
/// Length of a local file header before its name.
pub const LOCAL_HEADER_LEN: usize = 30;
/// The end-of-central-directory record is this long plus a comment of at most 65 535 bytes; reading the last
/// this-many bytes of a file always finds it.
pub const MAX_END_RECORD_LEN: usize = 22 + u16::MAX as usize;

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
/// UTF-8 names.
const FLAG_UTF8: u16 = 0x0800;

/// A modification time as ZIP stores it (MS-DOS date and time, local time, two-second steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DosTime {
    /// Date: (year − 1980) << 9 | month << 5 | day.
    pub date: u16,
    /// Time: hour << 11 | minute << 5 | second / 2.
    pub time: u16,
}

impl DosTime {
    /// 1980-01-01 00:00, the earliest time ZIP can store; used where no time is known.
    pub const EPOCH: DosTime = DosTime {
        date: 0x21,
        time: 0,
    };

    /// From an ISO 8601 date-time (`2026-03-05T14:30:00`, an offset or fraction is ignored) or date; times
    /// before 1980 or after 2107 and text that is not a date become [`DosTime::EPOCH`].
    pub fn from_iso(text: &str) -> DosTime {
        // Read by position rather than through chrono's format parser, which would add tens of KB of wasm.
        let t = text.trim().as_bytes();
        let num = |from: usize, len: usize| -> Option<u32> {
            let digits = t.get(from..from + len)?;
            digits
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| digits.iter().fold(0, |n, d| n * 10 + (d - b'0') as u32))
        };
        let sep = |at: usize, c: u8| t.get(at) == Some(&c);
        let date = (sep(4, b'-') && sep(7, b'-'))
            .then(|| Some((num(0, 4)?, num(5, 2)?, num(8, 2)?)))
            .flatten()
            .filter(|&(y, m, d)| chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_some());
        let time = (sep(10, b'T') || sep(10, b' '))
            .then(|| Some((num(11, 2)?, num(14, 2)?, num(17, 2)?)))
            .flatten()
            .filter(|&(h, m, s)| h < 24 && m < 60 && s < 60 && sep(13, b':') && sep(16, b':'))
            .unwrap_or((0, 0, 0));
        match date {
            Some((y, m, d)) if (1980..=2107).contains(&y) => DosTime {
                date: ((y - 1980) as u16) << 9 | (m as u16) << 5 | d as u16,
                time: (time.0 as u16) << 11 | (time.1 as u16) << 5 | (time.2 as u16 / 2),
            },
            _ => DosTime::EPOCH,
        }
    }
}

/// What an entry holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data<B> {
    /// Bytes generated here (a catalogue, a manifest, a document part).
    Bytes(Vec<u8>),
    /// A blob the caller holds, with the size and CRC-32 recorded when it was stored.
    Blob {
        /// The caller's reference.
        blob: B,
        /// Size in bytes.
        size: u64,
        /// CRC-32 (IEEE).
        crc32: u32,
    },
}

/// One entry to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<B> {
    /// Path in the archive, `/`-separated, UTF-8.
    pub name: String,
    /// Its content.
    pub data: Data<B>,
    /// Its modification time.
    pub modified: DosTime,
}

/// One piece of an archive, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<B> {
    /// Bytes generated here.
    Bytes(Vec<u8>),
    /// The whole content of a caller's blob.
    Blob(B),
}

/// An archive as parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive<B> {
    /// The parts, in order; consecutive generated bytes are joined into one part.
    pub parts: Vec<Part<B>>,
    /// Total size in bytes.
    pub size: u64,
}

/// Why an archive cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// It would reach [`MAX_ARCHIVE_BYTES`]: this many bytes.
    TooLarge(u64),
    /// More than [`MAX_ENTRIES`] entries.
    TooManyEntries(usize),
    /// An entry name longer than 65 535 bytes.
    NameTooLong(String),
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Appends generated bytes, joining them to a preceding generated part.
fn push_bytes<B>(parts: &mut Vec<Part<B>>, bytes: &[u8]) {
    if let Some(Part::Bytes(last)) = parts.last_mut() {
        last.extend_from_slice(bytes);
    } else {
        parts.push(Part::Bytes(bytes.to_vec()));
    }
}

/// Lays out an archive of stored entries, in order.
pub fn archive<B>(entries: Vec<Entry<B>>) -> Result<Archive<B>, ZipError> {
    if entries.len() > MAX_ENTRIES {
        return Err(ZipError::TooManyEntries(entries.len()));
    }
    let mut parts: Vec<Part<B>> = Vec::new();
    let mut central = Vec::new();
    let mut offset: u64 = 0;
    let count = entries.len();
    for entry in entries {
        let name = entry.name.as_bytes();
        if name.len() > u16::MAX as usize {
            return Err(ZipError::NameTooLong(entry.name.clone()));
        }
        let (crc, size) = match &entry.data {
            Data::Bytes(b) => (crc32(b), b.len() as u64),
            Data::Blob { size, crc32, .. } => (*crc32, *size),
        };
        let end = offset + (LOCAL_HEADER_LEN + name.len()) as u64 + size;
        if end >= MAX_ARCHIVE_BYTES {
            return Err(ZipError::TooLarge(end));
        }
        let mut header = Vec::with_capacity(LOCAL_HEADER_LEN + name.len());
        put32(&mut header, LOCAL_SIG);
        put16(&mut header, 20); // version needed: 2.0
        put16(&mut header, FLAG_UTF8);
        put16(&mut header, 0); // stored
        put16(&mut header, entry.modified.time);
        put16(&mut header, entry.modified.date);
        put32(&mut header, crc);
        put32(&mut header, size as u32);
        put32(&mut header, size as u32);
        put16(&mut header, name.len() as u16);
        put16(&mut header, 0); // extra
        header.extend_from_slice(name);
        push_bytes(&mut parts, &header);
        match entry.data {
            Data::Bytes(b) => push_bytes(&mut parts, &b),
            Data::Blob { blob, .. } => parts.push(Part::Blob(blob)),
        }

        put32(&mut central, CENTRAL_SIG);
        put16(&mut central, 20); // made by: MS-DOS, 2.0
        put16(&mut central, 20);
        put16(&mut central, FLAG_UTF8);
        put16(&mut central, 0);
        put16(&mut central, entry.modified.time);
        put16(&mut central, entry.modified.date);
        put32(&mut central, crc);
        put32(&mut central, size as u32);
        put32(&mut central, size as u32);
        put16(&mut central, name.len() as u16);
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, internal attrs, external attrs
        put32(&mut central, offset as u32);
        central.extend_from_slice(name);
        offset = end;
    }
    let total = offset + central.len() as u64 + 22;
    if total >= MAX_ARCHIVE_BYTES {
        return Err(ZipError::TooLarge(total));
    }
    let mut tail = central;
    let central_size = tail.len() as u32;
    put32(&mut tail, END_SIG);
    tail.extend_from_slice(&[0; 4]); // this disk, disk with the central directory
    put16(&mut tail, count as u16);
    put16(&mut tail, count as u16);
    put32(&mut tail, central_size);
    put32(&mut tail, offset as u32);
    put16(&mut tail, 0); // comment
    push_bytes(&mut parts, &tail);
    Ok(Archive { parts, size: total })
}

impl<B> Archive<B> {
    /// The archive in one buffer, reading each blob through `blob` (for tests, and natively).
    pub fn stitch<'a>(&self, mut blob: impl FnMut(&B) -> &'a [u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.size as usize);
        for part in &self.parts {
            match part {
                Part::Bytes(b) => out.extend_from_slice(b),
                Part::Blob(b) => out.extend_from_slice(blob(b)),
            }
        }
        out
    }

    /// Bytes generated here (everything but the blobs): what the parts cost in memory.
    pub fn generated_bytes(&self) -> usize {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Bytes(b) => b.len(),
                Part::Blob(_) => 0,
            })
            .sum()
    }
}

/// Packs files (name, bytes) into a ZIP archive, in order, dated 1980-01-01.
pub fn zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let entries = files
        .iter()
        .map(|(name, data)| Entry::<()> {
            name: name.to_string(),
            data: Data::Bytes(data.clone()),
            modified: DosTime::EPOCH,
        })
        .collect();
    archive(entries)
        .expect("documents are far below the ZIP limits")
        .stitch(|_| &[])
}

/// One entry of an archive's central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// Path in the archive (UTF-8, or as bytes read as UTF-8 lossily when not flagged).
    pub name: String,
    /// The name's bytes as stored.
    pub raw_name: Vec<u8>,
    /// General purpose flags (bit 0: encrypted, bit 3: sizes in a data descriptor, bit 11: UTF-8 name).
    pub flags: u16,
    /// Compression method (0 = stored).
    pub method: u16,
    /// CRC-32 recorded.
    pub crc32: u32,
    /// Stored size.
    pub compressed_size: u64,
    /// Uncompressed size.
    pub size: u64,
    /// Offset of its local header.
    pub local_offset: u64,
}

/// Why an archive cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadError {
    /// Not a ZIP file.
    NotZip,
    /// A ZIP that ends early.
    Truncated,
    /// A ZIP this reader does not handle (ZIP64, split archives) or with impossible offsets.
    Unsupported,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// Where the central directory is: from the first bytes of the file (to tell a cut-off ZIP from another
/// file), its last bytes (at most [`MAX_END_RECORD_LEN`]) and its length. Returns (offset, size, entries).
pub fn locate_central(head: &[u8], tail: &[u8], len: u64) -> Result<(u64, u64, usize), ReadError> {
    let looks_like_zip = head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06");
    let not_found = if looks_like_zip {
        ReadError::Truncated
    } else {
        ReadError::NotZip
    };
    if tail.len() < 22 {
        return Err(not_found);
    }
    let pos = (0..=tail.len() - 22)
        .rev()
        .find(|&i| u32_at(tail, i) == Some(END_SIG))
        .ok_or(not_found)?;
    let disk = u16_at(tail, pos + 4).ok_or(not_found)?;
    let entries = u16_at(tail, pos + 10).ok_or(not_found)? as usize;
    let size = u32_at(tail, pos + 12).ok_or(not_found)? as u64;
    let offset = u32_at(tail, pos + 16).ok_or(not_found)? as u64;
    if disk != 0 || offset == u32::MAX as u64 || entries == u16::MAX as usize {
        return Err(ReadError::Unsupported);
    }
    let end_at = len - (tail.len() - pos) as u64;
    if offset + size > end_at {
        return Err(if looks_like_zip {
            ReadError::Truncated
        } else {
            ReadError::NotZip
        });
    }
    Ok((offset, size, entries))
}

/// Reads the central directory's entries.
pub fn read_central(central: &[u8], entries: usize) -> Result<Vec<IndexEntry>, ReadError> {
    let mut out = Vec::with_capacity(entries.min(MAX_ENTRIES));
    let mut i = 0;
    for _ in 0..entries {
        if u32_at(central, i) != Some(CENTRAL_SIG) {
            return Err(ReadError::Unsupported);
        }
        let field = |off: usize| u16_at(central, i + off).ok_or(ReadError::Truncated);
        let word = |off: usize| u32_at(central, i + off).ok_or(ReadError::Truncated);
        let flags = field(8)?;
        let method = field(10)?;
        let crc = word(16)?;
        let compressed_size = word(20)? as u64;
        let size = word(24)? as u64;
        let (name_len, extra, comment) = (
            field(28)? as usize,
            field(30)? as usize,
            field(32)? as usize,
        );
        let local_offset = word(42)? as u64;
        let name = central
            .get(i + 46..i + 46 + name_len)
            .ok_or(ReadError::Truncated)?;
        out.push(IndexEntry {
            name: String::from_utf8_lossy(name).into_owned(),
            raw_name: name.to_vec(),
            flags,
            method,
            crc32: crc,
            compressed_size,
            size,
            local_offset,
        });
        i += 46 + name_len + extra + comment;
    }
    Ok(out)
}

impl IndexEntry {
    /// The entry's name: UTF-8 when flagged so (bit 11) or when the bytes are valid UTF-8 (macOS and Python
    /// do not always flag it), else through `legacy` (the code page of the computer that made the archive:
    /// GBK for Windows Explorer and WPS on a Chinese Windows), else the bytes read lossily.
    pub fn decoded_name(&self, legacy: impl Fn(&[u8]) -> Option<String>) -> String {
        if self.flags & FLAG_UTF8 != 0 {
            return self.name.clone();
        }
        match std::str::from_utf8(&self.raw_name) {
            Ok(s) => s.to_string(),
            Err(_) => legacy(&self.raw_name).unwrap_or_else(|| self.name.clone()),
        }
    }

    /// Whether the entry is a folder (its name ends with a slash).
    pub fn is_dir(&self) -> bool {
        self.raw_name.last() == Some(&b'/') || self.raw_name.last() == Some(&b'\\')
    }

    /// Where the entry's data starts, from the first bytes of its local header (its name and extra field
    /// lengths may differ from the central directory's).
    pub fn data_offset(&self, local_header: &[u8]) -> Result<u64, ReadError> {
        if u32_at(local_header, 0) != Some(LOCAL_SIG) {
            return Err(ReadError::Unsupported);
        }
        let name_len = u16_at(local_header, 26).ok_or(ReadError::Truncated)? as u64;
        let extra = u16_at(local_header, 28).ok_or(ReadError::Truncated)? as u64;
        Ok(self.local_offset + LOCAL_HEADER_LEN as u64 + name_len + extra)
    }
}

/// An archive read from memory.
#[derive(Debug)]
pub struct ZipReader<'a> {
    bytes: &'a [u8],
    entries: Vec<IndexEntry>,
}

impl<'a> ZipReader<'a> {
    /// Reads the central directory of an archive.
    pub fn new(bytes: &'a [u8]) -> Result<Self, ReadError> {
        let tail_from = bytes.len().saturating_sub(MAX_END_RECORD_LEN);
        let (offset, size, count) = locate_central(bytes, &bytes[tail_from..], bytes.len() as u64)?;
        let range = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(offset + size).ok());
        let central = range
            .and_then(|(from, to)| bytes.get(from..to))
            .ok_or(ReadError::Truncated)?;
        Ok(ZipReader {
            bytes,
            entries: read_central(central, count)?,
        })
    }

    /// The entries, in directory order.
    pub fn entries(&self) -> &[IndexEntry] {
        &self.entries
    }

    /// The stored bytes of an entry (compressed entries are returned as stored, see [`IndexEntry::method`]).
    pub fn data(&self, e: &IndexEntry) -> Result<&'a [u8], ReadError> {
        let header = self
            .bytes
            .get(e.local_offset as usize..)
            .ok_or(ReadError::Truncated)?;
        // Checked: on wasm32 a hostile offset near 4 GiB must not wrap around.
        let start = usize::try_from(e.data_offset(header)?).map_err(|_| ReadError::Truncated)?;
        let end = usize::try_from(e.compressed_size)
            .ok()
            .and_then(|n| start.checked_add(n))
            .ok_or(ReadError::Truncated)?;
        self.bytes.get(start..end).ok_or(ReadError::Truncated)
    }
}

/// Reads back the entries of an archive written by [`zip`] (stored entries only, CRC checked); for tests and
/// checks.
pub fn entries(archive: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let reader = ZipReader::new(archive).ok()?;
    reader
        .entries()
        .iter()
        .map(|e| {
            let data = reader.data(e).ok()?;
            (e.method == 0 && crc32(data) == e.crc32).then(|| (e.name.clone(), data.to_vec()))
        })
        .collect()
}

/// Deflate, the method of nearly every archive tool (Windows Explorer's 压缩文件夹, WPS, 7-Zip, macOS).
const METHOD_DEFLATE: u16 = 8;
const FLAG_ENCRYPTED: u16 = 0x0001;

/// How much an archive from outside may inflate to: a few kilobytes of deflate can claim gigabytes (a "zip
/// bomb"), so every entry and the whole archive are capped before and while inflating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most one entry may hold, inflated.
    pub per_entry: u64,
    /// The most all entries together may hold, inflated.
    pub total: u64,
}

/// Why one entry of an archive could not be read (the other entries are not affected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryError {
    /// A compression method other than stored and deflate (e.g. 9, Deflate64; 12, BZIP2; 14, LZMA).
    Method(u16),
    /// Encrypted with a password.
    Encrypted,
    /// The data do not match the CRC-32 or size recorded, or do not inflate: changed or cut.
    Damaged,
}

/// Why nothing of an archive is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    /// Not readable as a ZIP (see [`ReadError`]).
    Read(ReadError),
    /// An entry holds (or claims, or inflates to) more than [`Limits::per_entry`].
    EntryTooLarge {
        /// Its name.
        name: String,
    },
    /// The entries together hold more than [`Limits::total`].
    TooLarge,
}

/// One entry of an archive read by [`extract`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// Its directory record (name bytes, flags, sizes).
    pub entry: IndexEntry,
    /// Its inflated bytes, CRC-checked; or why it could not be read.
    pub data: Result<Vec<u8>, EntryError>,
}

/// Reads every file of an archive made by any common tool: stored and deflated entries, with or without a
/// data descriptor (bit 3: the local header holds no sizes, the central directory does, and is what is read),
/// folders and macOS's `__MACOSX/` copies left out. Each entry's CRC-32 and size are checked. Sizes are capped by `limits` before anything is
/// inflated (the sizes the directory declares) and while inflating (in case they lie); going over any cap
/// refuses the whole archive, so that a hostile file changes nothing.
pub fn extract(bytes: &[u8], limits: Limits) -> Result<Vec<Extracted>, ArchiveError> {
    let reader = ZipReader::new(bytes).map_err(ArchiveError::Read)?;
    // macOS adds a resource-fork copy of every file under __MACOSX/: not the user's files.
    let files: Vec<&IndexEntry> = reader
        .entries()
        .iter()
        .filter(|e| !e.is_dir() && !e.raw_name.starts_with(b"__MACOSX/"))
        .collect();
    let too_large = |e: &IndexEntry| ArchiveError::EntryTooLarge {
        name: e.name.clone(),
    };
    let mut declared: u64 = 0;
    for e in &files {
        if e.size > limits.per_entry {
            return Err(too_large(e));
        }
        declared = declared.saturating_add(e.size);
    }
    if declared > limits.total {
        return Err(ArchiveError::TooLarge);
    }
    let mut total: u64 = 0;
    let mut out = Vec::with_capacity(files.len());
    for e in files {
        // Over a cap although the directory said otherwise: the archive lies, refuse all of it.
        let room = limits.per_entry.min(limits.total - total);
        let over = || {
            if room < limits.per_entry {
                ArchiveError::TooLarge
            } else {
                too_large(e)
            }
        };
        let data = match (e.flags & FLAG_ENCRYPTED != 0, reader.data(e)) {
            (true, _) => Err(EntryError::Encrypted),
            (false, Err(_)) => Err(EntryError::Damaged),
            (false, Ok(raw)) => {
                let inflated = match e.method {
                    0 if raw.len() as u64 > room => return Err(over()),
                    0 => Ok(raw.to_vec()),
                    METHOD_DEFLATE => match inflate(raw, room) {
                        Err(true) => return Err(over()),
                        Err(false) => Err(EntryError::Damaged),
                        Ok(d) => Ok(d),
                    },
                    m => Err(EntryError::Method(m)),
                };
                inflated.and_then(|d| {
                    if d.len() as u64 != e.size || crc32(&d) != e.crc32 {
                        Err(EntryError::Damaged)
                    } else {
                        Ok(d)
                    }
                })
            }
        };
        if let Ok(d) = &data {
            total += d.len() as u64;
        }
        out.push(Extracted {
            entry: e.clone(),
            data,
        });
    }
    Ok(out)
}

/// Inflates raw deflate data, producing at most `max` bytes. `Err(true)`: it would produce more;
/// `Err(false)`: the data are not valid deflate (damaged or cut).
fn inflate(raw: &[u8], max: u64) -> Result<Vec<u8>, bool> {
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    miniz_oxide::inflate::decompress_to_vec_with_limit(raw, max)
        .map_err(|e| matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_round_trip() {
        let files = vec![
            ("a.txt", b"hello".to_vec()),
            ("目录/文件.xml", "<x>中文</x>".as_bytes().to_vec()),
        ];
        let z = zip(&files);
        assert_eq!(&z[..4], b"PK\x03\x04");
        // Bit 11 (UTF-8 names) is set in the local header and in the central directory.
        assert_eq!(u16_at(&z, 6), Some(0x0800));
        let back = entries(&z).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].0, "目录/文件.xml");
        assert_eq!(back[1].1, "<x>中文</x>".as_bytes());
        let reader = ZipReader::new(&z).unwrap();
        assert!(reader.entries().iter().all(|e| e.method == 0));
    }

    #[test]
    fn blobs_are_referenced_not_copied() {
        let photo = vec![7u8; 10_000];
        let entries = vec![
            Entry {
                name: "目录.csv".into(),
                data: Data::Bytes(b"a,b\r\n".to_vec()),
                modified: DosTime::EPOCH,
            },
            Entry {
                name: "照片/1.jpg".into(),
                data: Data::Blob {
                    blob: "h1",
                    size: photo.len() as u64,
                    crc32: crc32(&photo),
                },
                modified: DosTime::from_iso("2026-03-05T14:30:08"),
            },
            Entry {
                name: "照片/2.jpg".into(),
                data: Data::Blob {
                    blob: "h1",
                    size: photo.len() as u64,
                    crc32: crc32(&photo),
                },
                modified: DosTime::EPOCH,
            },
        ];
        let a = archive(entries).unwrap();
        // header+csv, blob, header, blob, central directory.
        assert_eq!(a.parts.len(), 5);
        assert!(matches!(a.parts[1], Part::Blob("h1")));
        assert!(a.generated_bytes() < 400);
        let bytes = a.stitch(|_| &photo);
        assert_eq!(bytes.len() as u64, a.size);
        let back = entries_of(&bytes);
        assert_eq!(back, vec!["目录.csv", "照片/1.jpg", "照片/2.jpg"]);
        assert_eq!(super::entries(&bytes).unwrap()[2].1, photo);
    }

    fn entries_of(bytes: &[u8]) -> Vec<String> {
        ZipReader::new(bytes)
            .unwrap()
            .entries()
            .iter()
            .map(|e| e.name.clone())
            .collect()
    }

    #[test]
    fn the_classic_zip_limits_are_refused_not_written_wrong() {
        let big = |name: &str| Entry {
            name: name.into(),
            data: Data::Blob {
                blob: (),
                size: 3 * 1024 * 1024 * 1024,
                crc32: 0,
            },
            modified: DosTime::EPOCH,
        };
        assert!(archive(vec![big("a")]).is_ok());
        assert!(matches!(
            archive(vec![big("a"), big("b")]),
            Err(ZipError::TooLarge(_))
        ));
        let many: Vec<Entry<()>> = (0..=MAX_ENTRIES)
            .map(|i| Entry {
                name: i.to_string(),
                data: Data::Bytes(vec![]),
                modified: DosTime::EPOCH,
            })
            .collect();
        assert_eq!(
            archive(many),
            Err(ZipError::TooManyEntries(MAX_ENTRIES + 1))
        );
    }

    #[test]
    fn dos_times() {
        let t = DosTime::from_iso("2026-03-05T14:30:08+08:00");
        assert_eq!(t.date, (46 << 9) | (3 << 5) | 5);
        assert_eq!(t.time, (14 << 11) | (30 << 5) | 4);
        assert_eq!(DosTime::from_iso("2026-03-05").time, 0);
        assert_eq!(DosTime::from_iso("1970-01-01T00:00:00"), DosTime::EPOCH);
        assert_eq!(DosTime::from_iso("昨天"), DosTime::EPOCH);
        assert_eq!(DosTime::from_iso("2026-02-30T10:00:00"), DosTime::EPOCH);
        assert_eq!(DosTime::from_iso("2026-03-05 25:00:00").time, 0);
        assert_eq!(
            DosTime::from_iso("2107-12-31T23:59:59").date,
            (127 << 9) | (12 << 5) | 31
        );
    }

    #[test]
    fn cut_off_and_foreign_files_are_told_apart() {
        let z = zip(&[("a.txt", b"hello".to_vec())]);
        assert_eq!(
            ZipReader::new(&z[..z.len() - 5]).unwrap_err(),
            ReadError::Truncated
        );
        assert_eq!(
            ZipReader::new(b"%PDF-1.7 not a zip").unwrap_err(),
            ReadError::NotZip
        );
        assert_eq!(ZipReader::new(b"").unwrap_err(), ReadError::NotZip);
        let mut cut_in_data = z.clone();
        cut_in_data.drain(10..20);
        assert!(ZipReader::new(&cut_in_data).is_err());
    }
}
