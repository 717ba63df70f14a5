//! Measures the evidence package natively, so that browser figures can be compared with it later.
//!
//! ```sh
//! cargo run --release -p xzzp-documents --example evidence_pack_bench -- [full|parts|stream|digest] [files] [MB]
//! /usr/bin/time -v target/release/examples/evidence_pack_bench full 200 300
//! ```
//!
//! `parts` builds only the part list (what the browser does before `new Blob([...])`); `full` also digests
//! every file as attaching does, stitches the whole archive in memory and restores it (every SHA-256
//! checked); `stream` writes the parts to a file one blob at a time, as a browser Blob would read them;
//! `digest` measures CRC-32 and SHA-256 apart over 64 MB.

use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;
use xzzp_core::evaluation::{EvaluationHeader, SchoolYear, Term};
use xzzp_core::evidence::store::{self, BlobIndex};
use xzzp_core::evidence::{AddedBy, ContentHash, Digester, EvidenceDoc, NewFile};
use xzzp_core::framework::SchoolType;
use xzzp_core::school::School;
use xzzp_documents::evidence_pack::{evidence_pack, open_pack, PackInput, PackOptions};
use xzzp_documents::export::zip::Part;

/// Deterministic bytes that do not compress (xorshift).
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or("full");
    if mode == "digest" {
        let data = bytes(1, 64 * 1024 * 1024);
        let t = Instant::now();
        std::hint::black_box(xzzp_core::checksum::crc32(&data));
        let crc = t.elapsed().as_secs_f64();
        let t = Instant::now();
        std::hint::black_box(ContentHash::of(&data));
        let sha = t.elapsed().as_secs_f64();
        println!(
            "64 MB: CRC-32 {:.0} MB/s, SHA-256 {:.0} MB/s",
            64.0 / crc,
            64.0 / sha
        );
        return;
    }
    let files: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let total_mb: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(300);
    let fw = xzzp_templates::framework("quality-action").expect("built-in");
    let points: Vec<String> = fw.points().map(|(_, _, p)| p.id.clone()).collect();
    let total = total_mb * 1024 * 1024;
    // Sizes from 0.5× to 1.5× the mean, summing to the total.
    let mean = total / files;
    let mut sizes: Vec<usize> = (0..files)
        .map(|i| mean / 2 + (i * 7919 % files) * mean / files)
        .collect();
    let diff = total as i64 - sizes.iter().sum::<usize>() as i64;
    sizes[0] = (sizes[0] as i64 + diff) as usize;

    let mut doc = EvidenceDoc::new("e1");
    let mut index = BlobIndex::default();
    let mut blobs: HashMap<ContentHash, Vec<u8>> = HashMap::new();
    let mut digest_ms = 0.0;
    for (i, size) in sizes.iter().enumerate() {
        let data = bytes(i as u64 + 1, *size);
        let t = Instant::now();
        let mut d = Digester::new();
        for chunk in data.chunks(4 * 1024 * 1024) {
            d.update(chunk);
        }
        let digest = d.finish();
        digest_ms += ms(t);
        let point = &points[i % points.len()];
        let file = NewFile {
            name: format!("扫描件{i}.pdf"),
            media_type: "application/pdf".into(),
            digest,
            added: "2026-03-05T10:00:00".into(),
            modified: None,
            added_by: AddedBy::Principal,
            shrunk: None,
            items: vec![],
        };
        let (a, ops) = store::attach(&mut doc, &mut index, &fw, point, file).expect("attach");
        if !ops.write.is_empty() {
            blobs.insert(a.hash, if mode == "parts" { Vec::new() } else { data });
        }
    }
    let header = EvaluationHeader {
        id: "e1".into(),
        school_id: "s1".into(),
        framework_id: fw.id.clone(),
        framework_version: fw.version.clone(),
        school_year: SchoolYear(2025),
        term: Term::Year,
        created: "2025-09-01".into(),
    };
    let school = School::new("s1", "贺兰县第一小学", SchoolType::Primary);
    let input = PackInput {
        framework: &fw,
        evaluation: &header,
        school: &school,
        evidence: &doc,
        exported_at: "2026-06-30T09:00:00",
        made_by: &AddedBy::Principal,
        package: None,
    };
    let t = Instant::now();
    let pack = evidence_pack(&input, &PackOptions::default()).expect("fits");
    let parts_ms = ms(t);
    let blob_parts = pack
        .archive
        .parts
        .iter()
        .filter(|p| matches!(p, Part::Blob(_)))
        .count();
    println!(
        "files {files}, data {} bytes, archive {} bytes, {} parts ({blob_parts} blobs), generated {} bytes",
        sizes.iter().sum::<usize>(),
        pack.archive.size,
        pack.archive.parts.len(),
        pack.archive.generated_bytes()
    );
    println!("digest (SHA-256 + CRC-32, as attaching does): {digest_ms:.0} ms");
    println!("part list (layout, 目录, manifest, headers): {parts_ms:.2} ms");
    match mode {
        "full" => {
            let t = Instant::now();
            let zip = pack.archive.stitch(|h| &blobs[h]);
            println!("stitch in memory: {:.0} ms", ms(t));
            let t = Instant::now();
            let opened = open_pack(&zip).expect("opens");
            let unpacked = opened.unpack();
            assert!(unpacked.damaged.is_empty());
            println!(
                "open and verify every file (restore check): {:.0} ms, {} files intact",
                ms(t),
                unpacked.doc.attachments().count()
            );
        }
        "stream" => {
            let t = Instant::now();
            let path = std::env::temp_dir().join("evidence_pack_bench.zip");
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("temp file"));
            for p in &pack.archive.parts {
                match p {
                    Part::Bytes(b) => out.write_all(b).expect("write"),
                    Part::Blob(h) => out.write_all(&blobs[h]).expect("write"),
                }
            }
            out.flush().expect("flush");
            println!("stream parts to {}: {:.0} ms", path.display(), ms(t));
            std::fs::remove_file(path).ok();
        }
        _ => {}
    }
}
