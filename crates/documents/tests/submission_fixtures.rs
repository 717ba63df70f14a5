//! The 上报包 fixture corpus at the top of the repository (`tests/fixtures/submission/`), shared with the
//! end-to-end tests: a package of format version 1 and one of version 2 (with the evidence summary) that
//! every later version must still read, and bad files
//! that must be refused with the error named in `bad/expected.json`. Every file of the import corpus
//! (backups, answer files, broken files) must be refused as a package too.
//!
//! `XZZP_WRITE_FIXTURES=1 cargo test -p xzzp-documents --test submission_fixtures` writes the corpus anew
//! (only needed when a file is added; a new package version adds files, it never rewrites these).

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;
use xzzp_core::i18n::{Lang, Localized};
use xzzp_core::submission::{parse, to_file, SubmissionError};
use xzzp_documents::demo_county;

fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures"))
}

fn kind(e: &SubmissionError) -> &'static str {
    match e {
        SubmissionError::Empty => "Empty",
        SubmissionError::TooLarge(_) => "TooLarge",
        SubmissionError::Archive => "Archive",
        SubmissionError::NotText => "NotText",
        SubmissionError::Truncated => "Truncated",
        SubmissionError::NotJson => "NotJson",
        SubmissionError::NotOurs => "NotOurs",
        SubmissionError::WrongKind(_) => "WrongKind",
        SubmissionError::Newer(_) => "Newer",
        SubmissionError::NoVersion => "NoVersion",
        SubmissionError::Edited => "Edited",
        SubmissionError::Damaged(_) => "Damaged",
    }
}

/// The corpus, made from the workshop county of 1 July 2026.
fn corpus() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let county = demo_county::build(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    let good = county.packages[0].clone();
    let sub = parse(good.as_bytes()).unwrap();
    let content = serde_json::to_string(&sub).unwrap();
    let resign = |content: &str| {
        let checksum = {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in content.as_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            format!("fnv1a64:{h:016x}")
        };
        format!(
            "{{\"format\":\"xzzp-submission\",\"version\":1,\"checksum\":\"{checksum}\",\"content\":{content}}}"
        )
    };
    assert_eq!(
        resign(&content),
        good,
        "the corpus signs as the writer does"
    );
    let level = "\"value\":{\"t\":\"level\",\"v\":\"B\"}";
    assert!(content.contains(level));
    let value: serde_json::Value = serde_json::from_str(&good).unwrap();
    vec![
        ("good/v1-quality-action.json", good.clone().into_bytes(), "ok"),
        ("bad/01-empty.json", vec![], "Empty"),
        (
            "bad/02-truncated.json",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "Truncated",
        ),
        (
            "bad/03-edited-by-hand.json",
            good.replacen(level, "\"value\":{\"t\":\"level\",\"v\":\"A\"}", 1)
                .into_bytes(),
            "Edited",
        ),
        (
            "bad/04-pretty-printed.json",
            serde_json::to_string_pretty(&value).unwrap().into_bytes(),
            "Edited",
        ),
        (
            "bad/05-re-signed-after-a-change.json",
            resign(&content.replacen(level, "\"value\":{\"t\":\"level\",\"v\":\"A\"}", 1))
                .into_bytes(),
            "Damaged",
        ),
        (
            "good/v2-with-evidence.json",
            with_evidence(&sub).into_bytes(),
            "ok",
        ),
        (
            // Far ahead, so that no real version ever reaches it (version 2 became real after this file
            // first said 2).
            "bad/06-newer-version.json",
            good.replacen("\"version\":1", "\"version\":999", 1)
                .into_bytes(),
            "Newer",
        ),
        (
            "bad/07-backup.json",
            to_backup_bytes(),
            "WrongKind",
        ),
        (
            "bad/08-teacher-answers.json",
            r#"{"format":"xzzp-answers","version":1,"id":"a1","respondent":{"name":"李老师（示例）"},"framework_id":"quality-action","framework_version":"2026.1","school_year":2025,"answers":{}}"#
                .as_bytes()
                .to_vec(),
            "WrongKind",
        ),
        (
            "bad/09-plain-text.txt",
            "示例县第一小学\n示例县第二小学\n".as_bytes().to_vec(),
            "NotJson",
        ),
        (
            "bad/10-other-app.json",
            br#"{"name":"report","items":[1,2,3]}"#.to_vec(),
            "NotOurs",
        ),
        (
            "bad/11-zip.zip",
            xzzp_documents::export::zip::zip(&[("a.json", good.clone().into_bytes())]),
            "Archive",
        ),
        (
            "bad/12-saved-as-utf16.json",
            std::iter::once([0xff, 0xfe])
                .flatten()
                .chain(good.encode_utf16().take(200).flat_map(|u| u.to_le_bytes()))
                .collect(),
            "NotText",
        ),
        (
            "bad/13-no-checksum.json",
            format!("{{\"format\":\"xzzp-submission\",\"version\":1,\"content\":{content}}}")
                .into_bytes(),
            "Edited",
        ),
    ]
}

/// The good package with an evidence summary: two files and a ticked item on the first point, one file on
/// the second (the outline carries no lists, so the listed counts are given here).
fn with_evidence(sub: &xzzp_core::submission::Submission) -> String {
    use xzzp_core::evidence::ContentHash;
    use xzzp_core::submission::{SubmittedEvidence, SubmittedFile, SubmittedPointEvidence};
    let ids: Vec<String> = sub
        .framework
        .points()
        .take(2)
        .map(|(_, _, p)| p.id.clone())
        .collect();
    let file = |name: &str, bytes: &[u8]| SubmittedFile {
        name: name.into(),
        size: bytes.len() as u64,
        sha256: ContentHash::of(bytes),
    };
    let mut s = sub.clone();
    s.evidence = Some(SubmittedEvidence {
        points: [
            (
                ids[0].clone(),
                SubmittedPointEvidence {
                    listed: 4,
                    present: 2,
                    any: true,
                    files: vec![
                        file("党组织会议记录（示例）.pdf", b"%PDF-minutes"),
                        file("活动照片（示例）.jpg", b"\xFF\xD8\xFFphoto"),
                    ],
                },
            ),
            (
                ids[1].clone(),
                SubmittedPointEvidence {
                    listed: 3,
                    present: 0,
                    any: true,
                    files: vec![file("教研记录（示例）.docx", b"PK-docx")],
                },
            ),
        ]
        .into(),
    });
    to_file(&s)
}

fn to_backup_bytes() -> Vec<u8> {
    let b = xzzp_documents::demo::build(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    let mut b = b;
    b.schools.truncate(1);
    b.evaluations
        .retain(|e| e.header.school_id == b.schools[0].id);
    b.plans.retain(|p| p.header.school_id == b.schools[0].id);
    b.ledgers.retain(|l| l.school_id == b.schools[0].id);
    xzzp_core::backup::to_json(&b).into_bytes()
}

#[test]
fn the_submission_corpus_reads_as_expected() {
    let root = dir().join("submission");
    let corpus = corpus();
    if std::env::var_os("XZZP_WRITE_FIXTURES").is_some() {
        for (name, bytes, _) in &corpus {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let expected: BTreeMap<&str, &str> = corpus
            .iter()
            .filter(|(n, _, _)| n.starts_with("bad/"))
            .map(|(n, _, k)| (&n[4..], *k))
            .collect();
        std::fs::write(
            root.join("bad/expected.json"),
            serde_json::to_string_pretty(&expected).unwrap() + "\n",
        )
        .unwrap();
    }
    let expected: BTreeMap<String, String> =
        serde_json::from_slice(&std::fs::read(root.join("bad/expected.json")).unwrap()).unwrap();
    for (name, kind_wanted) in &expected {
        let bytes = std::fs::read(root.join("bad").join(name)).unwrap();
        let e = parse(&bytes).expect_err(name);
        assert_eq!(kind(&e), kind_wanted, "{name}: {}", e.zh());
        assert!(e.zh().ends_with("未导入任何内容。"));
        assert!(e.text(Lang::En).ends_with("Nothing was imported."));
    }
    assert_eq!(expected.len(), corpus.len() - 2);
    // The stored v1 package is read by this build, and its content is what it was.
    let good = std::fs::read(root.join("good/v1-quality-action.json")).unwrap();
    let sub = parse(&good).expect("a version 1 package stays readable");
    assert_eq!(sub.school.name, "示例县第一小学");
    assert_eq!(sub.framework.point_count(), 74);
    assert_eq!(
        to_file(&sub).into_bytes(),
        good,
        "written back byte for byte"
    );
    // The stored v2 package with its evidence summary, likewise.
    let v2 = std::fs::read(root.join("good/v2-with-evidence.json")).unwrap();
    assert!(v2.starts_with(b"{\"format\":\"xzzp-submission\",\"version\":2,"));
    let sub = parse(&v2).expect("a version 2 package stays readable");
    let ev = sub.evidence.as_ref().unwrap();
    assert_eq!(ev.points.values().map(|p| p.files.len()).sum::<usize>(), 3);
    let progress = sub.evidence_progress().unwrap();
    assert_eq!(progress.overall.files, 3);
    assert_eq!(progress.overall.points_with_evidence, 2);
    assert_eq!(to_file(&sub).into_bytes(), v2, "written back byte for byte");
    assert!(
        v2.len() < good.len() + 1000,
        "names, sizes and hashes only: {} bytes more",
        v2.len() - good.len()
    );
}

#[test]
fn no_file_of_the_import_corpus_is_taken_for_a_package() {
    for sub in ["import/good", "import/bad"] {
        for entry in std::fs::read_dir(dir().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let e = parse(&bytes).expect_err(&path.display().to_string());
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if sub == "import/good" {
                assert_eq!(kind(&e), "WrongKind", "{name}: {}", e.zh());
            }
            assert!(e.zh().starts_with("无法导入："), "{name}");
        }
    }
}
