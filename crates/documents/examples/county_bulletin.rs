//! Prints the workshop sample county's 通报 draft as Markdown, and its summary table as CSV with `--csv`.
//!
//! `cargo run -p xzzp-documents --example county_bulletin [-- --csv]`

use chrono::NaiveDate;
use xzzp_core::rollup::Collection;
use xzzp_core::roster::parse_expected;
use xzzp_core::submission::parse;
use xzzp_documents::bulletin::{self, BulletinEdits, BulletinInput};
use xzzp_documents::demo_county;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).expect("a date");
    let county = demo_county::build(today);
    let mut c = Collection::new();
    for f in county.packages.iter().chain(&county.last_year) {
        match parse(f.as_bytes()) {
            Ok(s) => {
                c.add(s);
            }
            Err(e) => eprintln!("{e:?}"),
        }
    }
    let groups = c.groups();
    let now = c.rollup(&groups[0].key).expect("a group");
    let previous = c.previous_group(&groups[0].key).and_then(|k| c.rollup(&k));
    let expected = parse_expected(&county.expected_csv);
    let edits = BulletinEdits {
        issuer: county.issuer.clone(),
        ..BulletinEdits::default()
    };
    let b = bulletin::build(&BulletinInput {
        collection: &c,
        rollup: &now,
        expected: Some(&expected),
        previous: previous.as_ref(),
        edits: &edits,
        date: today,
    });
    if std::env::args().any(|a| a == "--csv") {
        print!("{}", bulletin::summary_csv(&b.table));
    } else {
        print!("{}", bulletin::markdown(&b));
    }
}
