//! Import of backup and answer files, against the fixture corpus; stored data of every schema version; and a
//! property test that the import parser never panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::BTreeMap;
use xzzp_core::backup::{parse, Import, ImportError};
use xzzp_core::evaluation::Answers;
use xzzp_core::ledger::Ledger;
use xzzp_core::persist::{decode, Meta, Workspace};
use xzzp_core::plan::Plan;
use xzzp_core::report::ReportEdits;
use xzzp_templates as catalog;

/// The fixtures at the top of the repository, shared with the end-to-end tests.
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{path}")).unwrap()
}

fn kind(e: &ImportError) -> &'static str {
    match e {
        ImportError::Empty => "Empty",
        ImportError::TooLarge(_) => "TooLarge",
        ImportError::NotText => "NotText",
        ImportError::Truncated => "Truncated",
        ImportError::NotJson => "NotJson",
        ImportError::NotOurs => "NotOurs",
        ImportError::Newer(_) => "Newer",
        ImportError::Invalid(_) => "Invalid",
        ImportError::DuplicateId(_) => "DuplicateId",
        ImportError::MissingReference(_) => "MissingReference",
        ImportError::UnknownFramework(_) => "UnknownFramework",
        ImportError::UnknownFrameworkVersion(..) => "UnknownFrameworkVersion",
        ImportError::BadAnswer(..) => "BadAnswer",
        ImportError::StaffAnswers => "StaffAnswers",
        ImportError::Invitation => "Invitation",
    }
}

#[test]
fn good_files_import() {
    match parse(&read("import/good/backup-all.json"), catalog::framework).unwrap() {
        Import::Backup(b) => {
            assert_eq!(b.schools.len(), 1);
            assert_eq!(b.evaluations[0].answers.by_point.len(), 6);
            assert_eq!(b.evaluations[0].respondents.len(), 1);
            assert_eq!(b.ledgers[0].ledger.tasks.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    match parse(
        &read("import/good/teacher-answers.json"),
        catalog::framework,
    )
    .unwrap()
    {
        Import::Answers(a) => assert_eq!(a.respondent.name, "李老师"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hostile_strings_import_unchanged() {
    let raw: serde_json::Value =
        serde_json::from_slice(&read("import/good/hostile-strings.json")).unwrap();
    let Import::Backup(b) = parse(
        &read("import/good/hostile-strings.json"),
        catalog::framework,
    )
    .unwrap() else {
        panic!("not a backup")
    };
    assert_eq!(
        b.schools[0].name,
        raw["schools"][0]["name"].as_str().unwrap()
    );
    let note = &b.evaluations[0].answers.by_point["A1.1.1"].note;
    assert!(note.starts_with("<script>alert('x')</script>"));
    assert!(note.chars().count() > 20_000);
    assert_eq!(b.ledgers[0].ledger.tasks[0].title, "=cmd|' /C calc'!A0");
}

#[test]
fn every_bad_file_is_refused_with_the_expected_chinese_message() {
    let expected: BTreeMap<String, String> =
        serde_json::from_slice(&read("import/bad/expected.json")).unwrap();
    assert!(
        expected.len() >= 30,
        "the corpus keeps at least 30 bad files"
    );
    let files: Vec<_> = std::fs::read_dir(format!("{FIXTURES}/import/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "expected.json")
        .collect();
    assert_eq!(
        files.len(),
        expected.len(),
        "every bad file has an expectation"
    );
    for (name, want) in &expected {
        let err = parse(&read(&format!("import/bad/{name}")), catalog::framework)
            .expect_err(&format!("{name} must be refused"));
        assert_eq!(kind(&err), want, "{name}: {err:?}");
        let msg = err.zh();
        assert!(msg.starts_with("无法导入："), "{name}: {msg}");
        assert!(msg.ends_with("现有数据没有任何改动。"), "{name}: {msg}");
    }
}

#[test]
fn a_50_megabyte_file_is_refused_before_it_is_read() {
    let big = vec![b' '; 50 * 1024 * 1024];
    let err = parse(&big, catalog::framework).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge(n) if n == 50 * 1024 * 1024));
    assert!(err.zh().contains("50.0 MB"));
}

/// Every schema version ever released loads into today's types.
#[test]
fn stored_data_of_every_schema_version_loads() {
    let mut versions = 0;
    for entry in std::fs::read_dir(format!("{FIXTURES}/storage")).unwrap() {
        let dir = entry.unwrap().path();
        versions += 1;
        let keys: BTreeMap<String, String> =
            serde_json::from_slice(&std::fs::read(dir.join("localStorage.json")).unwrap()).unwrap();
        for (key, raw) in &keys {
            let ok = if key == "xzzp.meta" {
                decode::<Meta>(raw).is_ok()
            } else if key.ends_with(".workspace") {
                decode::<Workspace>(raw)
                    .is_ok_and(|d| d.value.schools.len() == 1 && d.value.plans.len() == 1)
            } else if key.contains(".answers.") {
                decode::<Answers>(raw).is_ok_and(|d| d.value.by_point.len() == 6)
            } else if key.contains(".plan.") {
                decode::<Plan>(raw).is_ok()
            } else if key.contains(".ledger.") {
                decode::<Ledger>(raw).is_ok_and(|d| d.value.tasks.len() == 1)
            } else if key.contains(".report.") {
                decode::<ReportEdits>(raw).is_ok()
            } else if key.contains(".respondents.") {
                decode::<Vec<xzzp_core::backup::AnswerFile>>(raw).is_ok()
            } else {
                panic!("unexpected key {key}")
            };
            assert!(ok, "{}: {key} does not load", dir.display());
        }
    }
    assert!(versions >= 1);
}

fn good_text() -> String {
    String::from_utf8(read("import/good/backup-all.json")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    /// Arbitrary bytes never make the parser panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes, catalog::framework);
    }

    /// A valid file with one stretch replaced by arbitrary text never makes the parser panic.
    #[test]
    fn mutated_backups_never_panic(at in 0usize..4000, len in 0usize..64, insert in ".{0,40}") {
        let text = good_text();
        let mut cut = at.min(text.len());
        while !text.is_char_boundary(cut) { cut -= 1; }
        let mut end = (cut + len).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{}{}", &text[..cut], insert, &text[end..]);
        let _ = parse(mutated.as_bytes(), catalog::framework);
    }

    /// Valid JSON values of any shape with our format tag never make the parser panic.
    #[test]
    fn tagged_json_of_any_shape_never_panics(v in json_value(), version in 0u64..4) {
        let mut obj = serde_json::Map::new();
        obj.insert("format".into(), "xzzp-backup".into());
        obj.insert("version".into(), version.into());
        obj.insert("schema".into(), 1.into());
        obj.insert("schools".into(), v.clone());
        obj.insert("evaluations".into(), v);
        let _ = parse(serde_json::Value::Object(obj).to_string().as_bytes(), catalog::framework);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("name".to_string()),
                    Just("header".to_string()),
                    ".{0,6}".prop_map(|s: String| s)
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
