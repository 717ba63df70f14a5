//! Feeds generated and mutated inputs to every parser of a file a user can hand to the tool, and counts panics.
//! Not part of the test run: `scripts/fuzz [cases per parser] [seed]` (default 1 000 000 and 1).
//!
//! Each parser starts from the good and bad files of `tests/fixtures` (and files written by the tool itself for
//! formats without fixtures) and mutates them: bit flips, bytes that matter to JSON and ZIP, cut-offs, deleted
//! and repeated ranges, splices of two files, inserted Chinese text, and JSON-aware changes (a node replaced by
//! another type, a huge number, a long or empty string, deep nesting) that are re-sealed with a valid checksum
//! half of the time, so that the checks behind the checksum are reached too. A panicking input is written to
//! `target/fuzz-failures/` and the run ends with a non-zero status. Framework files and workbooks get a tenth of
//! the cases: each is a whole framework of about 100 KB.

use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use xzzp_core::framework::Framework;

/// A small, fast, reproducible generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Bytes that change the meaning of JSON, CSV and ZIP.
const INTERESTING: &[u8] = b"\"{}[]:,0-9eE.\\/\n\r\t ,\x00\xff\xef\xbb\xbf\xe4\xb8\x80PK\x03\x04";
const CJK: &[&str] = &[
    "学校",
    "考查要点",
    "贺兰县",
    "\u{202e}",
    "=1+1",
    "\u{0}",
    "𠀀",
    "﻿",
];

fn mutate_bytes(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..=rng.below(4) {
        let len = b.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                b[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 => b.truncate(rng.below(len + 1)),
            3 if len > 0 => {
                let a = rng.below(len);
                let e = (a + 1 + rng.below(64)).min(len);
                b.drain(a..e);
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let e = (a + 1 + rng.below(256)).min(len);
                let chunk = b[a..e].to_vec();
                let at = rng.below(len);
                b.splice(at..at, chunk);
            }
            5 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                b.truncate(cut);
                b.extend_from_slice(&other[from..]);
            }
            6 => {
                let at = rng.below(len + 1);
                let s = CJK[rng.below(CJK.len())].as_bytes().to_vec();
                b.splice(at..at, s);
            }
            _ => {
                let at = rng.below(len + 1);
                b.insert(at, (rng.next() & 0xff) as u8);
            }
        }
    }
    b
}

/// A JSON value of a random kind, some of them extreme.
fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(10) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(2)),
        2 => serde_json::json!(1e308),
        3 => serde_json::json!(-1),
        4 => serde_json::json!(u64::MAX),
        5 => Value::String(String::new()),
        6 => Value::String("长".repeat(rng.below(20_000))),
        7 => {
            let mut v = Value::Null;
            for _ in 0..rng.below(200) {
                v = Value::Array(vec![v]);
            }
            v
        }
        8 => serde_json::json!({"t": "level", "v": "Z"}),
        _ => Value::Array(vec![]),
    }
}

/// Replaces, removes or duplicates one node of a JSON tree.
fn mutate_json(rng: &mut Rng, v: &mut Value, depth: usize) {
    let go_deeper = depth < 12 && rng.below(3) != 0;
    match v {
        Value::Object(m) if !m.is_empty() => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = keys[rng.below(keys.len())].clone();
            if go_deeper {
                mutate_json(rng, m.get_mut(&k).expect("key exists"), depth + 1);
            } else if rng.chance(3) {
                m.remove(&k);
            } else {
                m.insert(k, odd_value(rng));
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = rng.below(a.len());
            if go_deeper {
                mutate_json(rng, &mut a[i], depth + 1);
            } else if rng.chance(3) {
                let copy = a[i].clone();
                a.push(copy);
            } else if rng.chance(2) {
                a.remove(i);
            } else {
                a[i] = odd_value(rng);
            }
        }
        _ => *v = odd_value(rng),
    }
}

/// A parser run on one input; what it returns does not matter, only that it returns.
type Parser = Box<dyn Fn(&[u8])>;

/// One parser under test.
struct Target {
    name: &'static str,
    heavy: bool,
    corpus: Vec<Vec<u8>>,
    parse: Parser,
}

fn read_dir(dir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "expected.json"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn fixtures(root: &Path, dirs: &[&str]) -> Vec<Vec<u8>> {
    dirs.iter()
        .flat_map(|d| read_dir(&root.join("tests/fixtures").join(d)))
        .collect()
}

fn known_framework(id: &str, version: &str) -> Option<Arc<Framework>> {
    if version.is_empty() {
        xzzp_templates::framework(id)
    } else {
        xzzp_templates::framework_version(id, version)
    }
}

fn targets(root: &Path) -> Vec<Target> {
    let framework_files: Vec<Vec<u8>> = xzzp_templates::frameworks()
        .iter()
        .map(|fw| xzzp_core::framework_file::export(fw, "2026-12-01").into_bytes())
        .collect();
    vec![
        Target {
            name: "backup and answer file (backup::parse_versioned)",
            heavy: false,
            corpus: fixtures(root, &["import/good", "import/bad"]),
            parse: Box::new(|b| {
                let _ = xzzp_core::backup::parse_versioned(b, known_framework);
            }),
        },
        Target {
            name: "teacher's answer file (answer_file::read_answer_file)",
            heavy: false,
            corpus: fixtures(root, &["staff/good", "staff/bad"]),
            parse: Box::new(|b| {
                let _ = xzzp_core::answer_file::read_answer_file(b, xzzp_templates::framework);
            }),
        },
        Target {
            name: "填报包 (Invitation::parse)",
            heavy: false,
            corpus: fixtures(root, &["staff/good", "staff/bad"]),
            parse: Box::new(|b| {
                let _ = xzzp_core::invitation::Invitation::parse(b);
            }),
        },
        Target {
            name: "答卷码 pasted text (answer_code::read_codes)",
            heavy: false,
            corpus: fixtures(root, &["staff/good", "staff/bad"]),
            parse: Box::new(|b| {
                let _ = xzzp_core::answer_code::read_codes(&String::from_utf8_lossy(b));
            }),
        },
        Target {
            name: "上报包 (submission::parse)",
            heavy: false,
            corpus: fixtures(root, &["submission/good", "submission/bad"]),
            parse: Box::new(|b| {
                if let Ok(s) = xzzp_core::submission::parse(b) {
                    let _ = xzzp_core::submission::check(&s);
                }
            }),
        },
        Target {
            name: ".zip of packages (zip::extract)",
            heavy: true,
            corpus: read_dir(&root.join("crates/documents/tests/fixtures/zip")),
            parse: Box::new(|b| {
                let limits = xzzp_documents::export::zip::Limits {
                    per_entry: 10 * 1024 * 1024,
                    total: 64 * 1024 * 1024,
                };
                let _ = xzzp_documents::export::zip::extract(b, limits);
            }),
        },
        Target {
            name: "evidence package manifest (evidence::manifest::parse)",
            heavy: false,
            corpus: fixtures(root, &["evidence"]),
            parse: Box::new(|b| {
                let _ = xzzp_core::evidence::manifest::parse(b);
                // Past the checksum too: a changed manifest that still reads is sealed again, as a person who
                // knows the rule would, and checked once more.
                if let Ok(mut m) =
                    serde_json::from_slice::<xzzp_core::evidence::manifest::Manifest>(b)
                {
                    m.seal();
                    let _ = xzzp_core::evidence::manifest::parse(m.to_json().as_bytes());
                }
            }),
        },
        Target {
            name: "framework file (framework_file::import)",
            heavy: true,
            corpus: framework_files,
            parse: Box::new(|b| {
                let _ = xzzp_core::framework_file::import(b, |id| {
                    xzzp_templates::framework(id).is_some()
                });
            }),
        },
        Target {
            name: "expected schools list (roster::parse_expected)",
            heavy: false,
            corpus: fixtures(root, &["sheets"]),
            parse: Box::new(|b| {
                let _ = xzzp_core::roster::parse_expected(&String::from_utf8_lossy(b));
            }),
        },
        Target {
            name: "indicator table .csv (read_table + import)",
            heavy: false,
            corpus: fixtures(root, &["sheets"])
                .into_iter()
                .filter(|f| !f.starts_with(b"PK"))
                .collect(),
            parse: Box::new(|b| sheet("table.csv", b)),
        },
        Target {
            name: "indicator table .xlsx (read_table + import)",
            heavy: true,
            corpus: fixtures(root, &["sheets"])
                .into_iter()
                .filter(|f| f.starts_with(b"PK"))
                .collect(),
            parse: Box::new(|b| sheet("table.xlsx", b)),
        },
    ]
}

fn sheet(name: &str, bytes: &[u8]) {
    if let Ok(tables) = xzzp_sheets::read_table(name, bytes) {
        let opts = xzzp_sheets::ImportOptions {
            id: "county-fuzz".into(),
            ..xzzp_sheets::ImportOptions::default()
        };
        let _ = xzzp_sheets::import(&tables, &opts);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let cases: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    // The share of the cases that the large inputs (whole frameworks, workbooks, archives) get: 1 in 10 by
    // default, so that a run stays near an hour on two cores; 1 gives them every case.
    let heavy_share: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .filter(|&d| d > 0)
        .unwrap_or(10);
    // Only the parsers whose name contains this text, when given.
    let only = args.next().unwrap_or_default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let failures = root.join("target/fuzz-failures");
    // Panics are counted, not printed one by one.
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let mut total_panics = 0;
    println!("| parser | corpus files | cases | panics | seconds |");
    println!("|---|---:|---:|---:|---:|");
    for t in targets(&root)
        .into_iter()
        .filter(|t| t.name.contains(&only))
    {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let t0 = Instant::now();
        let mut panics = 0;
        let n = if t.heavy { cases / heavy_share } else { cases };
        for case in 0..n {
            let input = if t.corpus.is_empty() || rng.chance(50) {
                (0..rng.below(512))
                    .map(|_| (rng.next() & 0xff) as u8)
                    .collect()
            } else {
                let base = &t.corpus[rng.below(t.corpus.len())];
                match serde_json::from_slice::<Value>(base) {
                    Ok(mut v) if rng.chance(2) => {
                        mutate_json(&mut rng, &mut v, 0);
                        if v.get("checksum").is_some() && rng.chance(2) {
                            xzzp_core::files::seal(&v).into_bytes()
                        } else {
                            serde_json::to_vec(&v).unwrap_or_default()
                        }
                    }
                    _ => mutate_bytes(&mut rng, base, &t.corpus),
                }
            };
            if catch_unwind(AssertUnwindSafe(|| (t.parse)(&input))).is_err() {
                panics += 1;
                let _ = std::fs::create_dir_all(&failures);
                let name = format!("{}-{case}.bin", t.name.split(' ').next().unwrap_or("x"));
                let _ = std::fs::write(failures.join(name), &input);
            }
        }
        total_panics += panics;
        println!(
            "| {} | {} | {} | {} | {:.1} |",
            t.name,
            t.corpus.len(),
            n,
            panics,
            t0.elapsed().as_secs_f64()
        );
    }
    println!(
        "\n{} panics in {:.0} s (seed {seed}).",
        total_panics,
        started.elapsed().as_secs_f64()
    );
    if total_panics > 0 {
        std::process::exit(1);
    }
}
