//! Archives made by a real tool (Python's `zipfile`, see `fixtures/zip/make.py`): deflate, data descriptors,
//! GBK and UTF-8 names, and hostile ones (a changed CRC-32, zip bombs, cut-off files). On the host: the
//! fixtures are files.
#![cfg(not(target_arch = "wasm32"))]

use xzzp_documents::export::zip::{self, ArchiveError, EntryError, Limits, ReadError};

const LIMITS: Limits = Limits {
    per_entry: 10 * 1024 * 1024,
    total: 64 * 1024 * 1024,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/zip/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn gbk(bytes: &[u8]) -> Option<String> {
    let (text, _, bad) = encoding_rs::GBK.decode(bytes);
    (!bad).then(|| text.into_owned())
}

fn package(school: &str, times: usize, note: &str) -> Vec<u8> {
    format!(r#"{{"school":"{school}","note":"{}"}}"#, note.repeat(times)).into_bytes()
}

fn first() -> Vec<u8> {
    package("贺兰县第一小学", 200, "教学质量稳步提升。")
}

fn second() -> Vec<u8> {
    package("贺兰县第二小学", 150, "课程建设扎实推进。")
}

#[test]
fn deflated_entries_with_utf8_names_are_inflated_and_folders_left_out() {
    let out = zip::extract(&fixture("deflate-utf8.zip"), LIMITS).unwrap();
    let names: Vec<String> = out.iter().map(|x| x.entry.decoded_name(gbk)).collect();
    assert_eq!(names, ["上报包/第一小学.json", "上报包/第二小学.json"]);
    assert!(out
        .iter()
        .all(|x| x.entry.method == 8 && x.entry.flags & 0x0800 != 0));
    assert_eq!(out[0].data.as_deref(), Ok(first().as_slice()));
    assert_eq!(out[1].data.as_deref(), Ok(second().as_slice()));
    // Really compressed: far smaller than what it holds.
    assert!(out[0].entry.compressed_size * 10 < out[0].entry.size);
}

#[test]
fn data_descriptor_entries_with_gbk_names_are_read_as_windows_writes_them() {
    let bytes = fixture("descriptor-gbk.zip");
    let out = zip::extract(&bytes, LIMITS).unwrap();
    assert_eq!(out.len(), 2);
    for x in &out {
        // Bit 3 (sizes after the data) set, bit 11 (UTF-8) not: the name is in the Windows code page.
        assert_eq!(x.entry.flags & 0x0808, 0x0008);
        assert!(std::str::from_utf8(&x.entry.raw_name).is_err());
    }
    // The local headers hold no sizes: what is read comes from the central directory.
    assert_eq!(&bytes[18..26], &[0; 8]);
    assert_eq!(out[0].entry.decoded_name(gbk), "第一小学上报包.json");
    assert_eq!(out[1].entry.decoded_name(gbk), "第二小学上报包.json");
    assert_eq!(out[0].data.as_deref(), Ok(first().as_slice()));
    assert_eq!(out[1].data.as_deref(), Ok(second().as_slice()));
    // Without a decoder for the code page the name is still shown, lossily.
    assert!(out[0].entry.decoded_name(|_| None).ends_with(".json"));
}

#[test]
fn stored_entries_still_read_and_other_methods_are_named_per_entry() {
    let out = zip::extract(&fixture("stored.zip"), LIMITS).unwrap();
    assert_eq!(out[0].data.as_deref(), Ok(first().as_slice()));
    assert_eq!(out[1].entry.decoded_name(gbk), "说明.txt");
    let out = zip::extract(&fixture("bzip2.zip"), LIMITS).unwrap();
    assert_eq!(out[0].data, Err(EntryError::Method(12)));
}

#[test]
fn a_changed_crc_spoils_that_entry_only() {
    let out = zip::extract(&fixture("bad-crc.zip"), LIMITS).unwrap();
    assert_eq!(out[0].data.as_deref(), Ok(first().as_slice()));
    assert_eq!(out[1].data, Err(EntryError::Damaged));
}

#[test]
fn a_zip_bomb_is_refused_whole_before_or_while_inflating() {
    // 11 KB that declare 11 MiB: refused from the directory, nothing inflated.
    let bomb = fixture("bomb.zip");
    assert!(bomb.len() < 20_000);
    assert_eq!(
        zip::extract(&bomb, LIMITS),
        Err(ArchiveError::EntryTooLarge {
            name: "bomb.json".into()
        })
    );
    // The same bytes declaring 1 000: stopped at the cap while inflating.
    assert_eq!(
        zip::extract(&fixture("bomb-lying.zip"), LIMITS),
        Err(ArchiveError::EntryTooLarge {
            name: "bomb.json".into()
        })
    );
    // Entries each within the cap but together over the total.
    let small = Limits {
        per_entry: 6_000,
        total: 9_000,
    };
    assert_eq!(
        zip::extract(&fixture("deflate-utf8.zip"), small),
        Err(ArchiveError::TooLarge)
    );
    // A total cap reached while inflating a lying entry refuses everything too.
    let lying = Limits {
        per_entry: 20 * 1024 * 1024,
        total: 2_000,
    };
    assert_eq!(
        zip::extract(&fixture("bomb-lying.zip"), lying),
        Err(ArchiveError::TooLarge)
    );
}

#[test]
fn cut_off_archives_are_refused_or_their_cut_entries_damaged() {
    let bytes = fixture("deflate-utf8.zip");
    for cut in [bytes.len() - 1, bytes.len() - 30, bytes.len() / 2, 40, 4] {
        assert_eq!(
            zip::extract(&bytes[..cut], LIMITS),
            Err(ArchiveError::Read(ReadError::Truncated)),
            "cut at {cut}"
        );
    }
    assert_eq!(
        zip::extract(b"{\"not\":\"a zip\"}", LIMITS),
        Err(ArchiveError::Read(ReadError::NotZip))
    );
    // Compressed bytes cut out of the middle of the first entry (the directory still intact).
    let mut holed = bytes.clone();
    let data_at = 30 + "上报包/第一小学.json".len() + "上报包/".len() + 30 + 40;
    holed[data_at..data_at + 20].fill(0);
    let out = zip::extract(&holed, LIMITS).unwrap();
    assert_eq!(out[0].data, Err(EntryError::Damaged));
}
