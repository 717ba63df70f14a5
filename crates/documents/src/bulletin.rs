//! The bureau's 通报 on the 县级复核: drafted from a roll-up, editable part by part like the school report (the
//! edits survive every redraft), as a plain model — 发文机关 line, 文号, title, addressee, an opening paragraph,
//! four numbered sections of paragraphs, the 落款 and date, and one table (schools × indicators) as an annex.
//!
//! The sections follow the real bulletins (see the 贺兰县 通报 in the seeds): 一、基本情况 (schools, submissions,
//! completion, plans, ledgers), 二、工作成效及亮点 (the strongest areas and the schools behind them, with their own
//! notes quoted), 三、存在问题 (the weakest points across schools with the share of schools), 四、下一步工作要求.
//! The drafts say only what the packages show; the requirements are generic working steps for the bureau to
//! edit, not policy.
//!
//! Texts follow the report's conventions: one paragraph a line, lines opening with （一） are sub-headings
//! ([`crate::export::line_kind`]). [`Bulletin::body`] gives the whole text as headings and paragraphs for a
//! document writer; [`markdown`] renders it; [`summary_csv`] writes the annex for Excel and WPS.

use crate::export::markdown::escape;
use crate::export::{line_kind, Line};
use crate::report::paragraphs;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;
use xzzp_core::evaluation::Term;
use xzzp_core::framework::SchoolType;
use xzzp_core::i18n::Lang;
use xzzp_core::ledger::{csv_field, short};
use xzzp_core::plan::{chinese_numeral, zh_date};
use xzzp_core::rollup::{value_added, Collection, Rollup, RowFilter, SortBy};
use xzzp_core::roster::ExpectedList;
use xzzp_core::scoring::percent;
use xzzp_core::submission::PointRecord;

/// The editable parts, in order. `opening` is the paragraph before 一、.
pub const BULLETIN_KEYS: [&str; 5] = ["opening", "basic", "highlights", "problems", "requirements"];

/// The heading of a part (empty for the opening paragraph).
pub fn bulletin_heading(key: &str) -> &'static str {
    match key {
        "opening" => "",
        "basic" => "一、基本情况",
        "highlights" => "二、工作成效及亮点",
        "problems" => "三、存在问题",
        _ => "四、下一步工作要求",
    }
}

/// The name of a part in the interface's language, for the editor: the opening paragraph has a name too.
pub fn bulletin_section_title(key: &str, lang: Lang) -> &'static str {
    match (lang, key) {
        (Lang::Zh, "opening") => "开头段落",
        (Lang::Zh, k) => bulletin_heading(k),
        (_, "opening") => "Opening paragraph",
        (_, "basic") => "1. Basic facts",
        (_, "highlights") => "2. Achievements and highlights",
        (_, "problems") => "3. Problems found",
        _ => "4. Next steps and requirements",
    }
}

/// What the bureau typed or changed; kept per roll-up and never overwritten by a redraft. Empty means "use
/// the draft".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BulletinEdits {
    /// 发文机关, e.g. 示例县教育体育局; also the 落款.
    #[serde(default)]
    pub issuer: String,
    /// 文号, e.g. 示教体发〔2026〕12号.
    #[serde(default)]
    pub doc_number: String,
    /// The title, when changed.
    #[serde(default)]
    pub title: String,
    /// The addressee line, when changed (drafted: 各中小学： or 各中小学、幼儿园：).
    #[serde(default)]
    pub addressee: String,
    /// Edited texts by key (see [`BULLETIN_KEYS`]).
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
}

/// Everything a bulletin is drafted from.
pub struct BulletinInput<'a> {
    /// The packages (for the schools' own notes).
    pub collection: &'a Collection,
    /// The roll-up the bulletin is about.
    pub rollup: &'a Rollup,
    /// The expected schools, when the bureau gave the list.
    pub expected: Option<&'a ExpectedList>,
    /// Last year's roll-up of the same collection, for year-over-year sentences.
    pub previous: Option<&'a Rollup>,
    /// The bureau's edits.
    pub edits: &'a BulletinEdits,
    /// The bulletin's date.
    pub date: NaiveDate,
}

/// One part of the bulletin.
#[derive(Debug, Clone, PartialEq)]
pub struct BulletinSection {
    /// Key (see [`BULLETIN_KEYS`]).
    pub key: &'static str,
    /// Heading, e.g. 一、基本情况 (empty for the opening).
    pub heading: &'static str,
    /// The drafted text.
    pub draft: String,
    /// The text used: the edit, or the draft.
    pub text: String,
    /// Whether it was edited.
    pub edited: bool,
}

/// A table with column titles, every cell as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SummaryTable {
    /// Title, e.g. 学校质量自评汇总表.
    pub title: String,
    /// Column titles.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

/// A block of the bulletin's body, for a document writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyBlock {
    /// A first-level heading (一、…).
    Heading(String),
    /// A second-level heading (（一）…).
    SubHeading(String),
    /// A paragraph.
    Paragraph(String),
}

/// The 通报.
#[derive(Debug, Clone, PartialEq)]
pub struct Bulletin {
    /// 发文机关 line (may be empty).
    pub issuer: String,
    /// 文号 (may be empty).
    pub doc_number: String,
    /// Title.
    pub title: String,
    /// Addressee, e.g. 各中小学：.
    pub addressee: String,
    /// The opening paragraph and the four sections, in [`BULLETIN_KEYS`] order.
    pub sections: Vec<BulletinSection>,
    /// 落款 (the issuer; may be empty).
    pub signature: String,
    /// Date, e.g. 2026年7月7日.
    pub date: String,
    /// The annex: schools × indicators.
    pub table: SummaryTable,
}

impl Bulletin {
    /// A part by key.
    pub fn section(&self, key: &str) -> Option<&BulletinSection> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The body from the addressee to the last section, as headings and paragraphs.
    pub fn body(&self) -> Vec<BodyBlock> {
        let mut out = vec![BodyBlock::Paragraph(self.addressee.clone())];
        for s in &self.sections {
            if !s.heading.is_empty() {
                out.push(BodyBlock::Heading(s.heading.to_string()));
            }
            for line in paragraphs(&s.text) {
                out.push(match line_kind(line) {
                    Line::Sub => BodyBlock::SubHeading(line.to_string()),
                    Line::Para => BodyBlock::Paragraph(line.to_string()),
                });
            }
        }
        out
    }
}

/// Names of some rows: A、B、C, or A、B、C等7所学校 when there are more than `limit`.
fn names(r: &Rollup, rows: &[usize], limit: usize) -> String {
    let list: Vec<&str> = rows
        .iter()
        .take(limit)
        .map(|&i| r.rows[i].name.as_str())
        .collect();
    if rows.len() > limit {
        format!("{}等{}所学校", list.join("、"), rows.len())
    } else {
        list.join("、")
    }
}

fn pct(ratio: Option<f64>) -> String {
    ratio.map(percent).unwrap_or_else(|| "未评分".into())
}

fn points_text(pp: f64) -> String {
    format!("{:.1}", pp.abs())
}

/// The county the schools are in: the most common county of their profiles.
fn county(r: &Rollup) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &r.rows {
        if !row.county.is_empty() {
            *counts.entry(row.county.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_string())
        .unwrap_or_default()
}

fn period(r: &Rollup) -> String {
    match r.key.term {
        Term::Year => r.key.school_year.zh(),
        t => format!("{}{}", r.key.school_year.zh(), t.zh()),
    }
}

fn book_title(title: &str) -> String {
    if title.starts_with('《') {
        title.to_string()
    } else {
        format!("《{title}》")
    }
}

fn draft_opening(input: &BulletinInput, county: &str, issuer: &str) -> String {
    let r = input.rollup;
    let place = if county.is_empty() {
        "各".to_string()
    } else {
        format!("{county}各")
    };
    let by = if issuer.is_empty() {
        "县级教育行政部门"
    } else {
        issuer
    };
    format!(
        "为全面掌握{place}学校质量自评工作开展情况，{by}对各校报送的{}学校质量自评上报包进行了汇总复核。现将有关情况通报如下。",
        period(r)
    )
}

fn draft_basic(input: &BulletinInput) -> String {
    let r = input.rollup;
    let fw = &r.framework;
    let n = r.rows.len();
    let mut out = vec![format!(
        "本次复核依据{}（版本{}），共{}个方面、{}个关键指标、{}个考查要点。",
        book_title(&fw.title),
        fw.version,
        fw.areas.len(),
        fw.indicators().count(),
        fw.point_count()
    )];

    let mut p = String::new();
    match input.expected {
        Some(list) if !list.schools.is_empty() => {
            let a = r.attendance(list);
            let e = list.schools.len();
            let _ = write!(
                p,
                "应报送学校{e}所，实际报送{}所，报送率{}。",
                a.matched.len(),
                pct(a.rate(e))
            );
            if a.missing.is_empty() && a.ambiguous.is_empty() {
                p.push_str("应报学校均已按要求报送。");
            } else if !a.missing.is_empty() {
                let missing: Vec<&str> = a
                    .missing
                    .iter()
                    .map(|&i| list.schools[i].name.as_str())
                    .collect();
                let _ = write!(p, "未报送的学校有：{}。", missing.join("、"));
            }
            if !a.ambiguous.is_empty() {
                let _ = write!(
                    p,
                    "另有{}所学校的名称与多份上报包对应，需人工核对。",
                    a.ambiguous.len()
                );
            }
            if !a.unexpected.is_empty() {
                let _ = write!(
                    p,
                    "收到名单以外学校的上报包{}份（{}），已一并汇总。",
                    a.unexpected.len(),
                    names(r, &a.unexpected, 5)
                );
            }
        }
        _ => {
            let _ = write!(p, "共收到{n}所学校的上报包。");
        }
    }
    out.push(p);

    let not_started = r.not_started();
    let incomplete = r.incomplete();
    let full = n - not_started.len() - incomplete.len();
    let mut p = format!("已报送的{n}所学校中，完成全部考查要点的有{full}所");
    if !incomplete.is_empty() {
        let list: Vec<String> = incomplete
            .iter()
            .take(5)
            .map(|&i| {
                let row = &r.rows[i];
                format!("{}（{}/{}）", row.name, row.done, row.total)
            })
            .collect();
        let _ = write!(
            p,
            "，部分完成的有{}所（{}{}）",
            incomplete.len(),
            list.join("、"),
            if incomplete.len() > 5 { "等" } else { "" }
        );
    }
    if !not_started.is_empty() {
        let _ = write!(
            p,
            "，{}所学校的上报包中尚未作答任何考查要点",
            not_started.len()
        );
    }
    p.push('。');
    let without_plan = r.without_plan();
    if without_plan.is_empty() {
        p.push_str("各校均制定了学校质量自评方案。");
    } else if without_plan.len() == n {
        p.push_str("各校均未制定学校质量自评方案。");
    } else {
        let _ = write!(
            p,
            "制定了学校质量自评方案的有{}所，未制定的有{}所（{}）。",
            n - without_plan.len(),
            without_plan.len(),
            names(r, &without_plan, 5)
        );
    }
    out.push(p);

    if r.overall.scored > 0 {
        let best = r.view(&RowFilter::default(), SortBy::Overall, true);
        let worst = r.view(&RowFilter::default(), SortBy::Overall, false);
        let mut p = format!(
            "各校总体达成度平均为{}，最高为{}（{}），最低为{}（{}）。",
            pct(r.overall.mean),
            pct(r.overall.max),
            r.rows[best[0]].name,
            pct(r.overall.min),
            r.rows[worst[0]].name
        );
        let mut levels: Vec<String> = r
            .overall
            .distribution
            .levels
            .iter()
            .filter(|(_, c)| *c > 0)
            .map(|(id, c)| format!("“{}”{c}所", r.level_label(id)))
            .collect();
        if r.overall.distribution.unscored > 0 {
            levels.push(format!("未评分{}所", r.overall.distribution.unscored));
        }
        let _ = write!(p, "按总体等级统计，{}。", levels.join("、"));
        out.push(p);
    }

    let tasks: usize = r.rows.iter().map(|x| x.tasks).sum();
    let overdue = r.with_overdue();
    out.push(if tasks == 0 {
        "各校报送的工作台账中暂无整改任务。".to_string()
    } else if overdue.is_empty() {
        format!("各校工作台账共有整改任务{tasks}项，截至各校导出上报包之日，均无逾期未完成的任务。")
    } else {
        let total: usize = overdue.iter().map(|&i| r.rows[i].overdue_tasks).sum();
        let list: Vec<String> = overdue
            .iter()
            .take(5)
            .map(|&i| format!("{}（{}项）", r.rows[i].name, r.rows[i].overdue_tasks))
            .collect();
        format!(
            "各校工作台账共有整改任务{tasks}项，截至各校导出上报包之日，{}所学校共{total}项任务逾期未完成：{}{}。",
            overdue.len(),
            list.join("、"),
            if overdue.len() > 5 { "等" } else { "" }
        )
    });

    if let Some(prev) = input.previous {
        let va = value_added(r, prev);
        let changes: Vec<f64> = va.schools.iter().filter_map(|s| s.change()).collect();
        if !changes.is_empty() {
            let mean = changes.iter().sum::<f64>() / changes.len() as f64;
            let mut p = format!(
                "与{}相比，两年均报送上报包的{}所学校总体达成度平均{}{}个百分点",
                period(prev),
                changes.len(),
                if mean >= 0.0 { "提高" } else { "下降" },
                points_text(mean)
            );
            let up: Vec<String> = va
                .most_improved()
                .into_iter()
                .filter(|s| s.change().is_some_and(|c| c >= 0.5))
                .take(3)
                .map(|s| {
                    format!(
                        "{}（提高{}个百分点）",
                        r.rows[s.row].name,
                        points_text(s.change().unwrap_or_default())
                    )
                })
                .collect();
            if !up.is_empty() {
                let _ = write!(p, "，提升最多的是{}", up.join("、"));
            }
            p.push('。');
            out.push(p);
        }
    }
    out.join("\n")
}

/// The note of a school's best-scored point in an area (ties in framework order), shortened for quoting.
fn best_note(input: &BulletinInput, row: usize, area: usize) -> Option<String> {
    let r = input.rollup;
    let sub = input.collection.package(r.rows[row].package)?;
    let mut best: Option<(f64, &str)> = None;
    for (a, _, p) in sub.framework.points() {
        if a != area {
            continue;
        }
        let Some(PointRecord::Scored { score, .. }) = sub.evaluation.scores.points.get(&p.id)
        else {
            continue;
        };
        let Some(answer) = sub.evaluation.answers.get(&p.id) else {
            continue;
        };
        if answer.note.trim().is_empty() {
            continue;
        }
        if best.is_none_or(|(s, _)| *score > s + 1e-9) {
            best = Some((*score, answer.note.as_str()));
        }
    }
    best.map(|(_, note)| short(&paragraphs(note).join(""), 80))
}

fn draft_highlights(input: &BulletinInput) -> String {
    let r = input.rollup;
    let top: Vec<usize> = r
        .areas_by_mean()
        .into_iter()
        .filter(|&a| r.areas[a].mean.is_some())
        .take(3)
        .collect();
    if top.is_empty() {
        return "本次复核中暂无已评分的方面。".into();
    }
    let titles: Vec<&str> = top.iter().map(|&a| r.areas[a].title.as_str()).collect();
    let mut out = vec![format!(
        "从各校自评结果看，{}等方面整体较好。",
        titles.join("、")
    )];
    let best_level = r.framework.scale.levels.first();
    let mut n = 0;
    for &a in &top {
        n += 1;
        let s = &r.areas[a];
        out.push(format!("（{}）{}", chinese_numeral(n), s.title));
        let mut p = format!("各校平均达成度{}", pct(s.mean));
        if let Some(l) = best_level {
            let k = s
                .distribution
                .levels
                .iter()
                .find(|(id, _)| *id == l.id)
                .map_or(0, |x| x.1);
            if k > 0 {
                let _ = write!(p, "，{k}所学校达到“{}”", l.label);
            }
        }
        let leaders: Vec<(usize, f64)> = r
            .area_bars(a)
            .into_iter()
            .filter_map(|(row, v)| Some((row, v?)))
            .take(3)
            .collect();
        if !leaders.is_empty() {
            let list: Vec<String> = leaders
                .iter()
                .map(|(row, v)| format!("{}（{}）", r.rows[*row].name, percent(*v)))
                .collect();
            let _ = write!(p, "，得分较高的学校有{}", list.join("、"));
        }
        p.push('。');
        out.push(p);
        for (row, _) in leaders {
            if let Some(note) = best_note(input, row, a) {
                let end = if note.ends_with(['。', '！', '？', '…']) {
                    ""
                } else {
                    "。"
                };
                out.push(format!("{}在自评中写道：“{note}{end}”", r.rows[row].name));
            }
        }
    }
    if let Some(prev) = input.previous {
        let va = value_added(r, prev);
        let up: Vec<String> = va
            .most_improved()
            .into_iter()
            .filter(|s| s.change().is_some_and(|c| c >= 0.5))
            .take(5)
            .map(|s| {
                format!(
                    "{}提高{}个百分点",
                    r.rows[s.row].name,
                    points_text(s.change().unwrap_or_default())
                )
            })
            .collect();
        if !up.is_empty() {
            n += 1;
            out.push(format!("（{}）质量提升明显的学校", chinese_numeral(n)));
            out.push(format!("与{}相比，{}。", period(prev), up.join("，")));
        }
    }
    out.join("\n")
}

fn draft_problems(input: &BulletinInput) -> String {
    let r = input.rollup;
    let n = r.rows.len();
    let mut items: Vec<String> = Vec::new();
    for p in r.weakest_points(5) {
        items.push(format!(
            "{}：{}所学校（占{}）为薄弱项，涉及{}。",
            short(&p.text, 60),
            p.weak.len(),
            percent(p.weak_share(n)),
            names(r, &p.weak, 5)
        ));
    }
    let without_plan = r.without_plan();
    if !without_plan.is_empty() {
        items.push(if without_plan.len() == n {
            "各校均未制定学校质量自评方案。".into()
        } else {
            format!(
                "{}所学校未制定学校质量自评方案：{}。",
                without_plan.len(),
                names(r, &without_plan, 8)
            )
        });
    }
    let not_started = r.not_started();
    if !not_started.is_empty() {
        items.push(format!(
            "{}所学校报送的上报包中尚未作答任何考查要点，自评工作尚未启动：{}。",
            not_started.len(),
            names(r, &not_started, 8)
        ));
    }
    let incomplete = r.incomplete();
    if !incomplete.is_empty() {
        items.push(format!(
            "{}所学校尚有考查要点未作答：{}。",
            incomplete.len(),
            names(r, &incomplete, 8)
        ));
    }
    let overdue = r.with_overdue();
    if !overdue.is_empty() {
        let list: Vec<String> = overdue
            .iter()
            .take(8)
            .map(|&i| format!("{}（{}项）", r.rows[i].name, r.rows[i].overdue_tasks))
            .collect();
        items.push(format!(
            "{}所学校的整改任务逾期未完成：{}{}。",
            overdue.len(),
            list.join("、"),
            if overdue.len() > 8 { "等" } else { "" }
        ));
    }
    if let Some(list) = input.expected.filter(|l| !l.schools.is_empty()) {
        let a = r.attendance(list);
        if !a.missing.is_empty() {
            let missing: Vec<&str> = a
                .missing
                .iter()
                .map(|&i| list.schools[i].name.as_str())
                .collect();
            items.push(format!(
                "{}所学校未按要求报送上报包：{}。",
                missing.len(),
                missing.join("、")
            ));
        }
    }
    if let Some(prev) = input.previous {
        let va = value_added(r, prev);
        let mut down: Vec<(usize, f64)> = va
            .schools
            .iter()
            .filter_map(|s| Some((s.row, s.change()?)))
            .filter(|(_, c)| *c <= -0.5)
            .collect();
        down.sort_by(|a, b| a.1.total_cmp(&b.1));
        if !down.is_empty() {
            let list: Vec<String> = down
                .iter()
                .take(5)
                .map(|(row, c)| format!("{}（下降{}个百分点）", r.rows[*row].name, points_text(*c)))
                .collect();
            items.push(format!(
                "与{}相比，{}所学校总体达成度下降：{}{}。",
                period(prev),
                down.len(),
                list.join("、"),
                if down.len() > 5 { "等" } else { "" }
            ));
        }
    }
    if items.is_empty() {
        return "本次复核未发现普遍性问题。".into();
    }
    let mut out = vec!["对照评价标准，复核中发现以下问题：".to_string()];
    out.extend(
        items
            .into_iter()
            .enumerate()
            .map(|(i, t)| format!("{}. {t}", i + 1)),
    );
    out.join("\n")
}

fn draft_requirements(input: &BulletinInput) -> String {
    let r = input.rollup;
    let mut items: Vec<(&str, String)> = Vec::new();
    let weak_areas: Vec<&str> = {
        let mut v: Vec<usize> = Vec::new();
        for p in r.weakest_points(5) {
            if !v.contains(&p.area) {
                v.push(p.area);
            }
        }
        v.iter()
            .map(|&a| r.framework.areas[a].title.as_str())
            .collect()
    };
    if !weak_areas.is_empty() {
        items.push(("抓好薄弱环节整改", format!(
            "各校要对照本通报指出的薄弱考查要点，特别是{}等方面，逐项分析原因，纳入学校工作台账，明确责任人、责任部门和完成时限，确保整改到位。",
            weak_areas.join("、")
        )));
    }
    let no_plan = !r.without_plan().is_empty();
    let unfinished = !r.not_started().is_empty() || !r.incomplete().is_empty();
    if no_plan || unfinished {
        let mut t = String::new();
        if no_plan {
            t.push_str("尚未制定学校质量自评方案的学校要尽快制定方案，明确组织机构和实施步骤。");
        }
        if unfinished {
            t.push_str("尚未完成自评的学校要按照评价框架逐项开展自评，做到有记录、有佐证。");
        }
        items.push(("完善学校自评工作", t));
    }
    if !r.with_overdue().is_empty() {
        items.push((
            "按期完成整改任务",
            "存在逾期任务的学校要查明原因，调整工作计划，按期完成整改。".into(),
        ));
    }
    if let Some(list) = input.expected.filter(|l| !l.schools.is_empty()) {
        if !r.attendance(list).missing.is_empty() {
            items.push((
                "按时报送上报包",
                "未报送的学校要尽快完成自评并报送上报包。".into(),
            ));
        }
    }
    if let Some(&best) = r
        .areas_by_mean()
        .iter()
        .find(|&&a| r.areas[a].mean.is_some())
    {
        items.push((
            "加强交流推广",
            format!(
                "各校要认真总结{}等方面的经验做法，形成制度机制，在集团（共同体）内和本地区交流推广。",
                r.areas[best].title
            ),
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, (heading, text))| format!("（{}）{heading}\n{text}", chinese_numeral(i + 1)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The summary table of a roll-up (schools × indicators), rows in the given order, with a mean row last.
pub fn summary_table(r: &Rollup, order: &[usize]) -> SummaryTable {
    let mut columns: Vec<String> = [
        "序号",
        "学校",
        "学校类型",
        "集团（共同体）",
        "总体达成度",
        "总体等级",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    columns.extend(
        r.framework
            .indicators()
            .map(|(_, i)| format!("{} {}", i.id, i.title)),
    );
    columns.extend(["完成度", "自评方案", "逾期任务（项）"].map(String::from));
    let level = |l: &Option<String>| {
        l.as_deref()
            .map(|id| r.level_label(id))
            .unwrap_or_else(|| "—".into())
    };
    let cell = |v: Option<f64>| v.map(percent).unwrap_or_else(|| "—".into());
    let mut rows: Vec<Vec<String>> = order
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let row = &r.rows[i];
            let mut v = vec![
                (n + 1).to_string(),
                row.name.clone(),
                row.school_type.zh().to_string(),
                row.group_name.clone(),
                cell(row.overall.ratio),
                level(&row.overall.level),
            ];
            v.extend(row.indicators.iter().map(|c| cell(c.ratio)));
            v.push(percent(row.completion()));
            v.push(
                if row.has_plan {
                    "已制定"
                } else {
                    "未制定"
                }
                .into(),
            );
            v.push(row.overdue_tasks.to_string());
            v
        })
        .collect();
    let mut mean = vec![
        String::new(),
        "平均".to_string(),
        String::new(),
        String::new(),
        cell(r.overall.mean),
        String::new(),
    ];
    mean.extend(r.indicators.iter().map(|s| cell(s.mean)));
    mean.extend([String::new(), String::new(), String::new()]);
    rows.push(mean);
    SummaryTable {
        title: format!("{}学校质量自评汇总表", period(r)),
        columns,
        rows,
    }
}

/// A table as CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF line ends, fields quoted when needed,
/// and a leading `=`, `+`, `-` or `@` neutralised so that no cell runs as a formula.
pub fn summary_csv(t: &SummaryTable) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&line(&t.columns));
    out.push_str("\r\n");
    for row in &t.rows {
        out.push_str(&line(row));
        out.push_str("\r\n");
    }
    out
}

/// Drafts the bulletin; the bureau's edits replace the drafts they cover.
pub fn build(input: &BulletinInput) -> Bulletin {
    let r = input.rollup;
    let e = input.edits;
    let county = county(r);
    let issuer = e.issuer.trim().to_string();
    let drafts = [
        draft_opening(input, &county, &issuer),
        draft_basic(input),
        draft_highlights(input),
        draft_problems(input),
        draft_requirements(input),
    ];
    let sections = BULLETIN_KEYS
        .iter()
        .zip(drafts)
        .map(|(key, draft)| {
            let edit = e.sections.get(*key);
            BulletinSection {
                key,
                heading: bulletin_heading(key),
                text: edit.cloned().unwrap_or_else(|| draft.clone()),
                edited: edit.is_some(),
                draft,
            }
        })
        .collect();
    let addressee = if !e.addressee.trim().is_empty() {
        e.addressee.trim().to_string()
    } else if r
        .rows
        .iter()
        .any(|x| x.school_type == SchoolType::Kindergarten)
    {
        "各中小学、幼儿园：".into()
    } else {
        "各中小学：".into()
    };
    let order = r.view(&RowFilter::default(), SortBy::Overall, true);
    Bulletin {
        title: if e.title.trim().is_empty() {
            format!("关于{}学校质量自评县级复核情况的通报", period(r))
        } else {
            e.title.trim().to_string()
        },
        doc_number: e.doc_number.trim().to_string(),
        addressee,
        sections,
        signature: issuer.clone(),
        issuer,
        date: zh_date(input.date),
        table: summary_table(r, &order),
    }
}

/// Escapes a table cell for Markdown: as [`escape`], line breaks as `<br>`.
fn md_cell(s: &str) -> String {
    s.lines().map(escape).collect::<Vec<_>>().join("<br>")
}

/// The bulletin as Markdown (CommonMark with a GitHub-style table); every text from users or schools escaped.
pub fn markdown(b: &Bulletin) -> String {
    let mut o = String::new();
    if !b.issuer.is_empty() {
        let _ = writeln!(o, "{}\n", escape(&b.issuer));
    }
    if !b.doc_number.is_empty() {
        let _ = writeln!(o, "{}\n", escape(&b.doc_number));
    }
    let _ = writeln!(o, "# {}\n", escape(&b.title));
    for block in b.body() {
        let _ = match block {
            BodyBlock::Heading(t) => writeln!(o, "## {}\n", escape(&t)),
            BodyBlock::SubHeading(t) => writeln!(o, "### {}\n", escape(&t)),
            BodyBlock::Paragraph(t) => writeln!(o, "{}\n", escape(&t)),
        };
    }
    if !b.signature.is_empty() {
        let _ = writeln!(o, "{}  ", escape(&b.signature));
    }
    let _ = writeln!(o, "{}\n", escape(&b.date));
    let t = &b.table;
    let _ = writeln!(o, "## 附件　{}\n", escape(&t.title));
    let _ = writeln!(
        o,
        "| {} |",
        t.columns
            .iter()
            .map(|c| md_cell(c))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(o, "|{}", " --- |".repeat(t.columns.len()));
    for row in &t.rows {
        let _ = writeln!(
            o,
            "| {} |",
            row.iter()
                .map(|c| md_cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    o
}

/// The bulletin in the one document model, for the Word writer (GB/T 9704 layout): 发文机关, 文号, title, the
/// body's headings and paragraphs, 落款 and date, and the summary table as a landscape annex.
pub fn document(b: &Bulletin) -> crate::doc::Document {
    use crate::doc::{
        Annex, Block, Cell, Column, Document, Level, Orientation, Row, Table, TextSize,
    };
    let blocks = b
        .body()
        .into_iter()
        .map(|block| match block {
            BodyBlock::Heading(t) => Block::heading(Level::One, t),
            BodyBlock::SubHeading(t) => Block::heading(Level::Two, t),
            BodyBlock::Paragraph(t) => Block::para(t),
        })
        .collect();
    let t = &b.table;
    // School names get the widest column; figures stay narrow.
    let columns = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| Column::new(c.clone(), if i == 1 { 4 } else { 2 }))
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|r| Row::Cells(r.iter().map(Cell::new).collect()))
        .collect();
    Document {
        issuer: b.issuer.clone(),
        doc_number: b.doc_number.clone(),
        title: b.title.clone(),
        blocks,
        signature: if b.signature.is_empty() {
            vec![]
        } else {
            vec![b.signature.clone()]
        },
        date: b.date.clone(),
        ..Document::default()
    }
    .with_annex(Annex {
        title: t.title.clone(),
        orientation: Orientation::Landscape,
        blocks: vec![Block::Table(Table {
            class: "bulletin-summary",
            columns,
            rows,
            size: TextSize::Small,
        })],
    })
}
