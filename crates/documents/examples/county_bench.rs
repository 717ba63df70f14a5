//! Scale of the county roll-up: generates N packages of the largest built-in framework (`quality-action`, 74
//! points) and last year's packages of the same schools, then times each step the bureau's browser would run:
//! parsing (checksum and score recomputation included), intake, roll-up, the expected-list match, year over
//! year, the 通报 draft with Markdown and CSV. Not a test: it prints figures (median of several runs).
//!
//! `cargo run --release -p xzzp-documents --example county_bench [-- N [DIR]]` (N defaults to 300; with DIR the
//! generated package files are written there, e.g. to measure them compressed).

use chrono::NaiveDate;
use std::time::{Duration, Instant};
use xzzp_core::rollup::{value_added, Collection};
use xzzp_core::roster::parse_expected;
use xzzp_core::submission::{parse, Submission};
use xzzp_documents::bulletin::{self, BulletinEdits, BulletinInput};
use xzzp_documents::demo_county::synthetic;

/// Time this thread spent on a CPU (Linux `schedstat`), so that figures do not depend on other work running on
/// the machine; falls back to wall-clock time elsewhere.
struct Clock {
    cpu: Option<u64>,
    wall: Instant,
}

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl Clock {
    fn start() -> Self {
        Clock {
            cpu: cpu_ns(),
            wall: Instant::now(),
        }
    }

    /// (CPU time, wall time) since start.
    fn elapsed(&self) -> (Duration, Duration) {
        let wall = self.wall.elapsed();
        let cpu = match (self.cpu, cpu_ns()) {
            (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
            _ => wall,
        };
        (cpu, wall)
    }
}

/// Median CPU time and median wall time of several runs.
fn median(v: Vec<(Duration, Duration)>) -> String {
    let mid = |mut x: Vec<Duration>| {
        x.sort();
        x[x.len() / 2]
    };
    let cpu = mid(v.iter().map(|p| p.0).collect());
    let wall = mid(v.iter().map(|p| p.1).collect());
    format!("{:>8} CPU {:>10} wall", ms(cpu), ms(wall))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(300);
    let dir = args.next();
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).expect("a date");

    let t = Clock::start();
    let files = synthetic(n, today, 0);
    let last_year = synthetic(n, today, 1);
    println!("generated 2 × {n} packages in {} (CPU)", ms(t.elapsed().0));
    if let Some(dir) = &dir {
        std::fs::create_dir_all(dir).expect("a directory");
        for (i, f) in files.iter().enumerate() {
            std::fs::write(format!("{dir}/{i:04}.json"), f).expect("written");
        }
    }
    let bytes: Vec<usize> = files.iter().map(|f| f.len()).collect();
    let total: usize = bytes.iter().sum();
    let utf16: usize = files.iter().map(|f| f.encode_utf16().count() * 2).sum();
    println!(
        "package bytes (UTF-8): total {total}, mean {}, min {}, max {}; as a JS string (UTF-16) {utf16} in all",
        total / n,
        bytes.iter().min().unwrap_or(&0),
        bytes.iter().max().unwrap_or(&0)
    );

    let list: String = (0..n)
        .map(|i| format!("{},示例县第{}学校\r\n", i + 1, i + 1))
        .collect::<String>()
        + "9999,示例县未报送学校\r\n";
    let list = format!("序号,学校名称\r\n{list}");

    let runs = 7;
    let mut parse_t = vec![];
    let mut intake_t = vec![];
    let mut rollup_t = vec![];
    let mut attend_t = vec![];
    let mut yoy_t = vec![];
    let mut bulletin_t = vec![];
    let mut total_t = vec![];
    for _ in 0..runs {
        let start = Clock::start();
        let t = Clock::start();
        let subs: Vec<Submission> = files
            .iter()
            .chain(&last_year)
            .map(|f| parse(f.as_bytes()).expect("valid"))
            .collect();
        parse_t.push(t.elapsed());

        let t = Clock::start();
        let c = Collection::from_packages(subs);
        intake_t.push(t.elapsed());

        let t = Clock::start();
        let groups = c.groups();
        let now = c.rollup(&groups[0].key).expect("a group");
        let before = c
            .previous_group(&groups[0].key)
            .and_then(|k| c.rollup(&k))
            .expect("last year");
        rollup_t.push(t.elapsed());

        let t = Clock::start();
        let expected = parse_expected(&list);
        let a = now.attendance(&expected);
        attend_t.push(t.elapsed());
        assert_eq!(a.missing.len(), 1);

        let t = Clock::start();
        let va = value_added(&now, &before);
        yoy_t.push(t.elapsed());
        assert_eq!(va.schools.len(), n);

        let t = Clock::start();
        let b = bulletin::build(&BulletinInput {
            collection: &c,
            rollup: &now,
            expected: Some(&expected),
            previous: Some(&before),
            edits: &BulletinEdits::default(),
            date: today,
        });
        let md = bulletin::markdown(&b);
        let csv = bulletin::summary_csv(&b.table);
        bulletin_t.push(t.elapsed());
        assert!(md.len() > 1000 && csv.len() > 1000);
        total_t.push(start.elapsed());
        assert_eq!(now.rows.len(), n);
    }
    println!("median of {runs} runs, {n} schools this year + {n} last year (CPU time of this thread; wall time depends on the machine's load):");
    println!("  parse {} packages   {}", 2 * n, median(parse_t));
    println!("  intake               {}", median(intake_t));
    println!("  groups + 2 roll-ups  {}", median(rollup_t));
    println!("  expected list match  {}", median(attend_t));
    println!("  year over year       {}", median(yoy_t));
    println!("  通报 + Markdown + CSV {}", median(bulletin_t));
    println!("  total                {}", median(total_t));
}
