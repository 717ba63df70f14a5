//! The self-evaluation report (自评报告): a model built from an evaluation, its plan and the school's ledger,
//! and its [`Document`] (see [`Report::document`]), which every writer (HTML preview and print, Word,
//! Markdown) renders.

use crate::doc::{
    text_blocks, Annex, Block as DocBlock, Cell, Chart, Column, Document, Level, Orientation, Row,
    Table, TextSize,
};
use crate::titles;
use chrono::NaiveDate;
use std::collections::BTreeMap;
pub use xzzp_core::collection::{Divergence, DivergenceKind, ParticipationRow, StaffReport};
use xzzp_core::evaluation::{Answer, AnswerValue, Answers, EvaluationHeader};
use xzzp_core::evidence::counts::{EvidenceCount, EvidenceProgress};
use xzzp_core::framework::{Direction, Framework};
use xzzp_core::ledger::{short, trim_number, Ledger, Task};
use xzzp_core::plan::{chinese_numeral, zh_date, Block, Plan};
pub use xzzp_core::report::{
    section_heading, section_title, ReportEdits, RespondentStats, SECTION_KEYS,
};
use xzzp_core::school::{GroupRole, School};
use xzzp_core::scoring::{percent, score, Aggregate, ScoreCard};

/// Everything a report is made from.
pub struct ReportInput<'a> {
    /// The school.
    pub school: &'a School,
    /// The evaluation.
    pub header: &'a EvaluationHeader,
    /// Its framework.
    pub fw: &'a Framework,
    /// Its answers (the principal's consolidated answers).
    pub answers: &'a Answers,
    /// The self-evaluation plan, if the school made one.
    pub plan: Option<&'a Plan>,
    /// The school's ledger.
    pub ledger: &'a Ledger,
    /// An earlier evaluation of the same school and framework, for the year-over-year comparison.
    pub earlier: Option<(&'a EvaluationHeader, &'a Answers)>,
    /// Respondent statistics by point id, and the number of respondents.
    pub respondents: (usize, BTreeMap<String, RespondentStats>),
    /// The principal's edits.
    pub edits: &'a ReportEdits,
    /// The report's date.
    pub date: NaiveDate,
}

/// A narrative section: heading and paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSection {
    /// Key (see [`SECTION_KEYS`]).
    pub key: &'static str,
    /// Heading, e.g. 一、基本情况.
    pub heading: &'static str,
    /// The drafted text.
    pub draft: String,
    /// The text used: the principal's edit, or the draft.
    pub text: String,
    /// Whether the principal edited it.
    pub edited: bool,
}

impl ReportSection {
    /// The paragraphs of the text (blank lines and single line breaks both separate paragraphs).
    pub fn paragraphs(&self) -> Vec<&str> {
        paragraphs(&self.text)
    }
}

/// Splits text into non-empty trimmed paragraphs.
pub fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// One row of the score sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPoint {
    /// Point id.
    pub id: String,
    /// Point text.
    pub text: String,
    /// The answer as text (level label, 是/否, value with unit and target, or the text answer).
    pub result: String,
    /// The school's note.
    pub note: String,
    /// Respondent statistics.
    pub respondents: String,
    /// The point's wording could not be checked against its source document: marked ※ in the sheet.
    pub unconfirmed: bool,
}

/// An indicator of the score sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetIndicator {
    /// Indicator id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Score text, e.g. 3.2（良好，80%）.
    pub score: String,
    /// Its points.
    pub points: Vec<SheetPoint>,
}

/// An area of the score sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetArea {
    /// Area id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Score text.
    pub score: String,
    /// 达成度 0–1, when scored.
    pub ratio: Option<f64>,
    /// Its indicators.
    pub indicators: Vec<SheetIndicator>,
}

/// A change since the earlier evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Delta {
    /// Area or indicator title.
    pub title: String,
    /// Whether it is an area (else an indicator).
    pub is_area: bool,
    /// 达成度 before, 0–1.
    pub before: Option<f64>,
    /// 达成度 now, 0–1.
    pub after: Option<f64>,
}

impl Delta {
    /// Change in percentage points, when both are scored.
    pub fn points(&self) -> Option<f64> {
        Some((self.after? - self.before?) * 100.0)
    }

    /// The change as written in the report, e.g. `↑ +12.5`, or — when not comparable.
    pub fn change_text(&self) -> String {
        self.points()
            .map(|p| format!("{} {:+.1}", self.mark(), p))
            .unwrap_or_else(|| "—".into())
    }

    /// ↑, ↓ or → (within half a percentage point), or — when not comparable.
    pub fn mark(&self) -> &'static str {
        match self.points() {
            Some(p) if p >= 0.5 => "↑",
            Some(p) if p <= -0.5 => "↓",
            Some(_) => "→",
            None => "—",
        }
    }
}

/// A 达成度 as a whole percentage, or — when not scored.
pub fn ratio_text(ratio: Option<f64>) -> String {
    ratio
        .map(|v| format!("{:.0}%", v * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// The year-over-year comparison (增值评价).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The earlier period, e.g. 2024—2025学年 全学年.
    pub earlier: String,
    /// The current period.
    pub current: String,
    /// Areas and their indicators, in framework order.
    pub rows: Vec<Delta>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Title, e.g. 贺兰县第一小学2025—2026学年学校质量自评报告.
    pub title: String,
    /// Optional 文号 line.
    pub doc_number: String,
    /// School name.
    pub school: String,
    /// School year and term.
    pub period: String,
    /// Framework title.
    pub framework: String,
    /// The framework's version the evaluation was answered on.
    pub framework_version: String,
    /// Date, e.g. 2026年6月30日.
    pub date: String,
    /// The four narrative sections.
    pub sections: Vec<ReportSection>,
    /// Overall result, e.g. 总体得分 3.1（满分 4），达成度 78%，等级：良好.
    pub overall: String,
    /// The score sheet.
    pub sheet: Vec<SheetArea>,
    /// Year-over-year comparison, when an earlier evaluation exists.
    pub comparison: Option<Comparison>,
    /// Participation of the staff per department (部门 · 应交 · 收回 · 回收率), for a table; empty when the
    /// report was built without staff answers. Its text is part of the 基本情况 draft.
    pub participation: Vec<ParticipationRow>,
    /// How much evidence is present per area, when the report is given the evaluation's evidence
    /// ([`Report::with_evidence`]); shown as the annex 佐证材料情况.
    pub evidence: Option<EvidenceSummary>,
}

/// How much 佐证材料 the school has, per area and overall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceSummary {
    /// Area title and its count, in framework order.
    pub areas: Vec<(String, EvidenceCount)>,
    /// Every counted point.
    pub overall: EvidenceCount,
    /// The files per point, for the annex 佐证材料文件清单 (the county's view of a 上报包); empty in the school's
    /// own report, which can annex the 佐证材料目录 instead.
    pub files: Vec<EvidenceFileRow>,
}

/// One file of the annex 佐证材料文件清单.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFileRow {
    /// The point's id.
    pub point_id: String,
    /// The point's text.
    pub point: String,
    /// The file name as the school attached it.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, 64 hexadecimal digits.
    pub sha256: String,
}

impl EvidenceSummary {
    /// The summary of counts made by [`xzzp_core::evidence::counts::progress`] over `fw`.
    pub fn of(fw: &Framework, progress: &EvidenceProgress) -> Self {
        EvidenceSummary {
            areas: fw
                .areas
                .iter()
                .zip(&progress.areas)
                .map(|(a, c)| (a.title.clone(), *c))
                .collect(),
            overall: progress.overall,
            files: Vec::new(),
        }
    }

    /// The files as a table grouped by point: 文件名, 大小, SHA-256.
    pub fn files_table(&self) -> Table {
        let mut rows = Vec::new();
        let mut last: Option<&str> = None;
        for f in &self.files {
            if last != Some(f.point_id.as_str()) {
                rows.push(Row::Group {
                    level: 1,
                    text: format!("{}　{}", f.point_id, f.point),
                });
                last = Some(f.point_id.as_str());
            }
            rows.push(Row::Cells(vec![
                Cell::new(f.name.clone()),
                Cell::new(xzzp_core::evidence::limits::format_size(
                    f.size,
                    xzzp_core::i18n::Lang::Zh,
                )),
                Cell::new(f.sha256.clone()),
            ]));
        }
        Table {
            class: "evidence-files",
            columns: titles::EVIDENCE_FILES
                .iter()
                .zip([38, 12, 50])
                .map(|(t, w)| Column::new(*t, w))
                .collect(),
            rows,
            size: TextSize::Small,
        }
    }

    /// The sentence above the table, e.g. 「需提供佐证材料的考查要点42个，其中30个已有材料…」.
    pub fn sentence(&self) -> String {
        let c = &self.overall;
        let mut s = format!(
            "需提供佐证材料的考查要点{}个，其中{}个已有材料（电子文件或已勾选的纸质材料）",
            c.points, c.points_with_evidence
        );
        if c.listed > 0 {
            s.push_str(&format!(
                "；评价标准所列佐证材料{}项，已具备{}项（{}%）",
                c.listed,
                c.present,
                c.percent()
            ));
        }
        s.push_str(&format!("；共附电子文件{}个。", c.files));
        if c.points_without() > 0 {
            s.push_str(&format!(
                "尚有{}个考查要点没有任何佐证材料，需在评估前补齐。",
                c.points_without()
            ));
        }
        s
    }

    /// The table: per area points with evidence of points, listed items present of listed, files; a last
    /// row 合计.
    pub fn table(&self) -> Table {
        let cells = |title: &str, c: &EvidenceCount| {
            vec![
                Cell::new(title),
                Cell::new(format!("{}/{}", c.points_with_evidence, c.points)),
                Cell::new(if c.listed == 0 {
                    "—".to_string()
                } else {
                    format!("{}/{}（{}%）", c.present, c.listed, c.percent())
                }),
                Cell::new(c.files.to_string()),
            ]
        };
        let mut rows: Vec<Row> = self
            .areas
            .iter()
            .map(|(t, c)| Row::Cells(cells(t, c)))
            .collect();
        rows.push(Row::Summary(cells("合计", &self.overall)));
        Table {
            class: "evidence-summary",
            columns: titles::EVIDENCE
                .iter()
                .zip([34, 22, 28, 16])
                .map(|(t, w)| Column::new(*t, w))
                .collect(),
            rows,
            size: TextSize::Normal,
        }
    }
}

fn period(h: &EvaluationHeader) -> String {
    format!("{} {}", h.school_year.zh(), h.term.zh())
}

fn score_text(fw: &Framework, agg: &Aggregate) -> String {
    match (agg.score, agg.ratio) {
        (Some(s), Some(r)) => {
            let level = agg
                .level
                .as_deref()
                .and_then(|l| fw.scale.level(l))
                .map(|l| format!("{}，", l.label))
                .unwrap_or_default();
            format!(
                "{}（{level}{}）",
                trim_number((s * 100.0).round() / 100.0),
                percent(r)
            )
        }
        _ => "未评分".into(),
    }
}

/// The answer to a point as report text.
pub fn result_text(fw: &Framework, point_id: &str, answer: Option<&Answer>) -> String {
    let Some(p) = fw.point(point_id) else {
        return String::new();
    };
    let Some(a) = answer else {
        return "未作答".into();
    };
    if let Some(reason) = &a.not_applicable {
        return if reason.trim().is_empty() {
            "不适用".into()
        } else {
            format!("不适用（{}）", reason.trim())
        };
    }
    match &a.value {
        None => "未作答".into(),
        Some(AnswerValue::Level(id)) => fw
            .scale
            .level(id)
            .map(|l| l.label.clone())
            .unwrap_or_default(),
        Some(AnswerValue::YesNo(true)) => "是".into(),
        Some(AnswerValue::YesNo(false)) => "否".into(),
        Some(AnswerValue::Number(v)) => {
            let target = match (p.target, p.direction) {
                (Some(t), Some(d)) => {
                    let (sign, met) = match d {
                        Direction::Higher => ("≥", *v >= t),
                        Direction::Lower => ("≤", *v <= t),
                    };
                    format!(
                        "（目标 {sign}{}{}，{}）",
                        trim_number(t),
                        p.unit,
                        if met { "已达到" } else { "未达到" }
                    )
                }
                _ => String::new(),
            };
            format!("{}{}{target}", trim_number(*v), p.unit)
        }
        Some(AnswerValue::Text(t)) => t.clone(),
    }
}

fn count_text(n: Option<u32>, unit: &str) -> Option<String> {
    n.map(|n| format!("{n}{unit}"))
}

fn draft_basic(input: &ReportInput, card: &ScoreCard, staff: Option<&StaffReport>) -> String {
    let s = input.school;
    let mut p1 = format!("{}是一所{}", s.name, s.school_type.zh());
    if !s.county.trim().is_empty() {
        p1 = format!("{}，位于{}", p1, s.county.trim());
    }
    let counts: Vec<String> = [
        count_text(s.students, "名学生"),
        count_text(s.classes, "个教学班"),
        count_text(s.teachers, "名教师"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !counts.is_empty() {
        p1 = format!("{p1}，现有{}", counts.join("、"));
    }
    p1.push('。');
    if s.group_role != GroupRole::None && !s.group_name.trim().is_empty() {
        p1.push_str(&format!(
            "学校是{}{}。",
            s.group_name.trim(),
            s.group_role.zh()
        ));
    }

    let mut p2 = format!(
        "根据{}，学校于{}开展学校质量自评。",
        if input.fw.document.starts_with('《') {
            input.fw.document.clone()
        } else {
            format!("《{}》", input.fw.title)
        },
        period(input.header)
    );
    if let Some(plan) = input.plan {
        for b in plan.sections.iter().flat_map(|s| &s.blocks) {
            match b {
                Block::People { people } if !people.is_empty() => {
                    let leader = people
                        .iter()
                        .find(|p| p.role.contains("组长") && !p.role.contains("副"))
                        .map(|p| {
                            if p.name.trim().is_empty() {
                                p.post.trim()
                            } else {
                                p.name.trim()
                            }
                        })
                        .filter(|n| !n.is_empty());
                    p2.push_str(&match leader {
                        Some(l) => format!(
                            "成立了以{l}为组长、共{}人组成的自评工作领导小组。",
                            people.len()
                        ),
                        None => format!("成立了由{}人组成的自评工作领导小组。", people.len()),
                    });
                }
                Block::Phases { phases } if !phases.is_empty() => {
                    let list: Vec<String> = phases
                        .iter()
                        .map(|ph| {
                            format!(
                                "{}（{}至{}）",
                                ph.name.trim(),
                                zh_date(ph.start),
                                zh_date(ph.end)
                            )
                        })
                        .collect();
                    p2.push_str(&format!("自评工作分{}推进。", list.join("、")));
                }
                _ => {}
            }
        }
    }
    let (respondents, _) = &input.respondents;
    match staff {
        Some(st) if st.returned > 0 => p2.push_str(&participation_text(st)),
        _ if *respondents > 0 => p2.push_str(&format!(
            "共有{respondents}名教职工参与填写自评问卷，学校在汇总大家意见的基础上形成了自评结论。"
        )),
        _ => {}
    }
    let divergence = staff
        .filter(|st| st.returned > 0)
        .map(|st| divergence_text(input.fw, st));

    let total = card.overall.total();
    let answered = total - card.unanswered.len();
    let mut p3 = format!(
        "本次自评共{}个方面、{}个关键指标、{total}个考查要点，已完成{answered}个",
        input.fw.areas.len(),
        input.fw.indicator_count()
    );
    if !card.not_applicable.is_empty() {
        p3.push_str(&format!("（其中不适用{}个）", card.not_applicable.len()));
    }
    if !card.unanswered.is_empty() {
        p3.push_str(&format!(
            "，尚有{}个未作答，未计入得分",
            card.unanswered.len()
        ));
    }
    p3.push('。');
    p3.push_str(&overall_text(input.fw, card));
    let mut paragraphs = vec![p1, p2];
    paragraphs.extend(divergence);
    paragraphs.push(p3);
    paragraphs.join("\n\n")
}

/// How many of the staff took part, per department: the sentences of 基本情况 that say so. Counts only, never
/// names.
pub fn participation_text(st: &StaffReport) -> String {
    let mut text = format!(
        "学校按职责分工组织教职工参与自评，共收回答卷{}份",
        st.returned
    );
    if let Some(invited) = st.invited.filter(|n| *n > 0) {
        text.push_str(&format!(
            "（应交{invited}份，回收率{}%）",
            ((st.returned as f64 / invited as f64) * 100.0).round()
        ));
    }
    let rows: Vec<String> = st
        .participation
        .iter()
        .map(|r| {
            let who = participant(r);
            match r.invited {
                Some(n) => format!("{who}应交{n}份、收回{}份", r.returned),
                None => format!("{who}收回{}份", r.returned),
            }
        })
        .collect();
    if rows.is_empty() {
        text.push('。');
    } else {
        text.push_str(&format!("。其中，{}。", rows.join("；")));
    }
    text.push_str("学校在汇总教职工意见的基础上形成了自评结论。");
    text
}

/// A participation row's department in words: 教务处, 德育处（含匿名问卷）, 全校教职工匿名问卷.
fn participant(r: &ParticipationRow) -> String {
    match (r.department.as_str(), r.anonymous) {
        ("全校", true) => "全校教职工匿名问卷".to_string(),
        ("全校", false) => "全校教职工".to_string(),
        (d, true) => format!("{d}（含匿名问卷）"),
        (d, false) => d.to_string(),
    }
}

/// Who or how much is still missing in a participation row: the named people who have not answered, then
/// the number of staff answers still due (a count only: survey answers carry no names, and an anonymous
/// survey's must not), or 无.
fn missing_text(r: &ParticipationRow) -> String {
    let mut parts = Vec::new();
    if !r.missing.is_empty() {
        parts.push(r.missing.join("、"));
    }
    match r.outstanding {
        Some(0) => {}
        Some(n) => parts.push(format!(
            "{}尚缺{n}份",
            if r.anonymous {
                "匿名问卷"
            } else {
                "教职工答卷"
            }
        )),
        None => parts.push(format!(
            "{}应交份数未定",
            if r.anonymous {
                "匿名问卷"
            } else {
                "教职工答卷"
            }
        )),
    }
    if parts.is_empty() {
        "无".into()
    } else {
        parts.join("；")
    }
}

/// The participation as a table: a row per department (then the school level) and a 合计 row.
pub fn participation_table(rows: &[ParticipationRow]) -> Table {
    let count = |n: Option<usize>| n.map_or_else(|| "—".to_string(), |n| n.to_string());
    let rate = |r: Option<u32>| r.map_or_else(|| "—".to_string(), |r| format!("{r}%"));
    let mut out: Vec<Row> = rows
        .iter()
        .map(|r| {
            Row::Cells(vec![
                Cell::new(participant(r)),
                Cell::new(count(r.invited)),
                Cell::new(r.returned.to_string()),
                Cell::new(rate(r.rate())),
                Cell::new(missing_text(r)),
            ])
        })
        .collect();
    let total = ParticipationRow {
        department: "合计".into(),
        invited: rows.iter().try_fold(0, |acc, r| Some(acc + r.invited?)),
        returned: rows.iter().map(|r| r.returned).sum(),
        anonymous: false,
        missing: Vec::new(),
        outstanding: None,
    };
    let names: usize = rows.iter().map(|r| r.missing.len()).sum();
    let due: Option<usize> = rows.iter().map(|r| r.outstanding).sum();
    let mut open = Vec::new();
    if names > 0 {
        open.push(format!("{names}人"));
    }
    match due {
        Some(0) => {}
        Some(n) => open.push(format!("教职工答卷{n}份")),
        None => open.push("部分应交份数未定".into()),
    }
    out.push(Row::Summary(vec![
        Cell::new("合计"),
        Cell::new(count(total.invited)),
        Cell::new(total.returned.to_string()),
        Cell::new(rate(total.rate())),
        Cell::new(if open.is_empty() {
            "无".to_string()
        } else {
            open.join("；")
        }),
    ]));
    Table {
        class: "participation",
        columns: titles::PARTICIPATION
            .iter()
            .zip([26, 14, 14, 12, 34])
            .map(|(t, w)| Column::new(*t, w))
            .collect(),
        rows: out,
        size: TextSize::Normal,
    }
}

/// The note under the participation table.
fn participation_note(rows: &[ParticipationRow]) -> String {
    let mut note = String::from(
        "说明：应交份数为分工中列名的填报人数与各部门“全体教职工”的预计人数之和；未列预计人数的，不计算回收率。",
    );
    if rows.iter().any(|r| r.anonymous) {
        note.push_str("匿名问卷只统计份数，不记录、不列出填报人姓名。");
    }
    note
}

/// Where staff views diverge: the paragraph of 基本情况 that says so. At most five points of each kind are
/// named, then how many more there are.
pub fn divergence_text(fw: &Framework, st: &StaffReport) -> String {
    let of =
        |kind| -> Vec<&Divergence> { st.divergences.iter().filter(|d| d.kind == kind).collect() };
    let (among, from) = (
        of(DivergenceKind::AmongStaff),
        of(DivergenceKind::FromPrincipal),
    );
    if among.is_empty() && from.is_empty() {
        return "从收回的答卷看，教职工对各考查要点的评价比较一致，与学校的自评结论基本相符。"
            .into();
    }
    let name = |d: &Divergence| {
        let text = fw
            .point(&d.point_id)
            .map_or(d.point_text.as_str(), |p| p.text.as_str());
        format!("{} {}", d.point_id, short(text, 30))
    };
    let list = |items: Vec<String>| {
        let n = items.len();
        let mut s = items.into_iter().take(5).collect::<Vec<_>>().join("；");
        if n > 5 {
            s.push_str(&format!("等{n}个"));
        }
        s
    };
    let mut out = String::from("从收回的答卷看，");
    if !among.is_empty() {
        let items = among
            .iter()
            .map(|d| {
                let spread: Vec<String> =
                    d.spread.iter().map(|(l, n)| format!("{l}{n}人")).collect();
                format!("{}（{}）", name(d), spread.join("、"))
            })
            .collect();
        out.push_str(&format!(
            "教职工对{}个考查要点的看法分歧较大（评价相差两个等级及以上，或“是”“否”意见并存）：{}。",
            among.len(),
            list(items)
        ));
    }
    if !from.is_empty() {
        let items = from
            .iter()
            .map(|d| {
                let yes_no = fw
                    .point(&d.point_id)
                    .is_some_and(|p| p.kind == xzzp_core::framework::PointKind::YesNo);
                let staff = match d.mean {
                    Some(m) if !yes_no => format!(
                        "教职工平均评价：{}（均分{}）",
                        d.staff,
                        trim_number((m * 10.0).round() / 10.0)
                    ),
                    _ => format!("教职工多数意见：{}", d.staff),
                };
                format!("{}（学校结论：{}，{staff}）", name(d), d.principal)
            })
            .collect();
        out.push_str(&format!(
            "{}{}个考查要点的教职工总体评价与学校自评结论不一致：{}。",
            if among.is_empty() { "" } else { "另有" },
            from.len(),
            list(items)
        ));
    }
    out.push_str("上述要点需结合佐证材料重点核实。");
    out
}

fn overall_text(fw: &Framework, card: &ScoreCard) -> String {
    match (card.overall.score, card.overall.ratio) {
        (Some(s), Some(r)) => {
            let level = card
                .overall
                .level
                .as_deref()
                .and_then(|l| fw.scale.level(l))
                .map(|l| format!("，总体等级为“{}”", l.label))
                .unwrap_or_default();
            format!(
                "计分要点的加权平均得分为{}分（满分{}分），达成度{}{level}。",
                trim_number((s * 100.0).round() / 100.0),
                trim_number(card.max_score),
                percent(r)
            )
        }
        _ => "目前还没有已评分的要点。".into(),
    }
}

fn point_line(fw: &Framework, answers: &Answers, id: &str) -> String {
    let p = fw.point(id).map(|p| p.text.as_str()).unwrap_or(id);
    let result = result_text(fw, id, answers.get(id));
    let note = answers
        .get(id)
        .map(|a| paragraphs(&a.note).join(""))
        .unwrap_or_default();
    let mut line = format!("{}（{}）。", short(p, 80), result);
    if !note.is_empty() {
        line.push_str(&note);
        if !line.ends_with(['。', '！', '？', '.', '；']) {
            line.push('。');
        }
    }
    line
}

/// Groups point ids by area, keeping framework order of areas and the given order inside each area.
fn by_area<'a>(fw: &'a Framework, ids: &[String]) -> Vec<(&'a str, Vec<String>)> {
    fw.areas
        .iter()
        .filter_map(|a| {
            let in_area: Vec<String> = ids
                .iter()
                .filter(|id| {
                    a.indicators
                        .iter()
                        .any(|i| i.points.iter().any(|p| &p.id == *id))
                })
                .cloned()
                .collect();
            (!in_area.is_empty()).then_some((a.title.as_str(), in_area))
        })
        .collect()
}

fn draft_points(
    fw: &Framework,
    answers: &Answers,
    ids: &[String],
    empty: &str,
    lead: &str,
) -> String {
    let groups = by_area(fw, ids);
    if groups.is_empty() {
        return empty.to_string();
    }
    let mut out = vec![lead.to_string()];
    for (i, (area, ids)) in groups.iter().enumerate() {
        out.push(format!("（{}）{area}方面", chinese_numeral(i + 1)));
        for (j, id) in ids.iter().enumerate() {
            out.push(format!("{}. {}", j + 1, point_line(fw, answers, id)));
        }
    }
    out.join("\n")
}

fn draft_strengths(input: &ReportInput, card: &ScoreCard) -> String {
    let fw = input.fw;
    // Indicators at or above the strength threshold lead the section.
    let strong_inds: Vec<String> = card
        .areas
        .iter()
        .flat_map(|a| &a.indicators)
        .filter(|i| {
            i.agg
                .ratio
                .is_some_and(|r| r >= fw.scale.strength_at_least - 1e-9)
        })
        .filter_map(|i| {
            let title = fw
                .areas
                .iter()
                .flat_map(|a| &a.indicators)
                .find(|x| x.id == i.id)?
                .title
                .clone();
            Some(format!("{title}（达成度{}）", percent(i.agg.ratio?)))
        })
        .collect();
    let lead = if strong_inds.is_empty() {
        "学校在以下方面做得较好：".to_string()
    } else {
        format!(
            "学校在{}等关键指标上表现较好。具体如下：",
            strong_inds.join("、")
        )
    };
    draft_points(
        fw,
        input.answers,
        &card.strengths,
        "本次自评中暂无达到“亮点”标准的考查要点。",
        &lead,
    )
}

fn draft_problems(input: &ReportInput, card: &ScoreCard) -> String {
    let mut text = draft_points(
        input.fw,
        input.answers,
        &card.weaknesses,
        "本次自评中未发现低于合格标准的考查要点。",
        "对照评价标准，学校在以下方面还存在差距：",
    );
    let missed: Vec<String> = card
        .targets
        .iter()
        .filter(|t| !t.met)
        .filter_map(|t| {
            let p = input.fw.point(&t.point_id)?;
            let sign = if t.direction == Direction::Higher {
                "≥"
            } else {
                "≤"
            };
            Some(format!(
                "{}为{}{}，未达到{sign}{}{}的目标",
                short(&p.text, 40),
                trim_number(t.value),
                p.unit,
                trim_number(t.target),
                p.unit
            ))
        })
        .collect();
    if !missed.is_empty() {
        text.push_str(&format!(
            "\n其中，未达到的数值目标有：{}。",
            missed.join("；")
        ));
    }
    if !card.unanswered.is_empty() {
        text.push_str(&format!(
            "\n另有{}个考查要点尚未作答，需补充材料后再作评价。",
            card.unanswered.len()
        ));
    }
    text
}

fn task_line(t: &Task) -> String {
    let mut parts = vec![];
    if !t.owner.trim().is_empty() {
        parts.push(format!("责任人：{}", t.owner.trim()));
    }
    if !t.department.trim().is_empty() {
        parts.push(format!("责任部门：{}", t.department.trim()));
    }
    match (t.start, t.due) {
        (Some(s), Some(d)) => parts.push(format!("时间：{}至{}", zh_date(s), zh_date(d))),
        (None, Some(d)) => parts.push(format!("完成时限：{}", zh_date(d))),
        _ => {}
    }
    if !t.target.trim().is_empty() {
        parts.push(format!("目标：{}", t.target.trim()));
    }
    let title = t.title.trim().trim_start_matches("整改：");
    if parts.is_empty() {
        format!("{title}。")
    } else {
        format!("{title}。{}。", parts.join("；"))
    }
}

fn draft_next(input: &ReportInput) -> String {
    let tasks: Vec<&Task> = input
        .ledger
        .tasks
        .iter()
        .filter(|t| t.status != xzzp_core::ledger::Status::Done)
        .filter(|t| {
            t.evaluation_id.is_none()
                || t.evaluation_id.as_deref() == Some(input.header.id.as_str())
        })
        .collect();
    if tasks.is_empty() {
        return "针对存在的问题，学校将制定整改工作台账，明确责任人、责任部门和完成时限，逐项抓好落实。".into();
    }
    let mut areas: Vec<&str> = Vec::new();
    for t in &tasks {
        let a = if t.area.trim().is_empty() {
            "其他"
        } else {
            t.area.as_str()
        };
        if !areas.contains(&a) {
            areas.push(a);
        }
    }
    // Framework order first, then any other area names.
    areas.sort_by_key(|a| {
        input
            .fw
            .areas
            .iter()
            .position(|x| x.title == *a)
            .unwrap_or(usize::MAX)
    });
    let mut out = vec![
        "针对上述问题，学校建立了整改工作台账，明确时间表、路线图和责任人，重点做好以下工作："
            .to_string(),
    ];
    for (i, area) in areas.iter().enumerate() {
        out.push(format!("（{}）{area}", chinese_numeral(i + 1)));
        let in_area = tasks.iter().filter(|t| {
            let a = if t.area.trim().is_empty() {
                "其他"
            } else {
                t.area.as_str()
            };
            a == *area
        });
        for (j, t) in in_area.enumerate() {
            out.push(format!("{}. {}", j + 1, task_line(t)));
        }
    }
    out.join("\n")
}

fn sheet(input: &ReportInput, card: &ScoreCard, staff: Option<&StaffReport>) -> Vec<SheetArea> {
    let fw = input.fw;
    fw.areas
        .iter()
        .map(|a| {
            let agg = card.aggregate(&a.id).cloned().unwrap_or_default();
            SheetArea {
                id: a.id.clone(),
                title: a.title.clone(),
                score: score_text(fw, &agg),
                ratio: agg.ratio,
                indicators: a
                    .indicators
                    .iter()
                    .map(|i| SheetIndicator {
                        id: i.id.clone(),
                        title: i.title.clone(),
                        score: score_text(fw, &card.aggregate(&i.id).cloned().unwrap_or_default()),
                        points: i
                            .points
                            .iter()
                            .map(|p| SheetPoint {
                                id: p.id.clone(),
                                text: p.text.clone(),
                                result: result_text(fw, &p.id, input.answers.get(&p.id)),
                                note: input
                                    .answers
                                    .get(&p.id)
                                    .map(|a| a.note.trim().to_string())
                                    .unwrap_or_default(),
                                respondents: staff
                                    .map_or(&input.respondents.1, |st| &st.stats)
                                    .get(&p.id)
                                    .map(|r| r.summary.clone())
                                    .unwrap_or_default(),
                                unconfirmed: !p.source.confirmed,
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn comparison(input: &ReportInput, card: &ScoreCard) -> Option<Comparison> {
    let (earlier_header, earlier_answers) = input.earlier?;
    let before = score(input.fw, earlier_answers);
    let ratio = |c: &ScoreCard, id: &str| c.aggregate(id).and_then(|a| a.ratio);
    let mut rows = Vec::new();
    for a in &input.fw.areas {
        rows.push(Delta {
            title: a.title.clone(),
            is_area: true,
            before: ratio(&before, &a.id),
            after: ratio(card, &a.id),
        });
        for i in &a.indicators {
            rows.push(Delta {
                title: i.title.clone(),
                is_area: false,
                before: ratio(&before, &i.id),
                after: ratio(card, &i.id),
            });
        }
    }
    Some(Comparison {
        earlier: period(earlier_header),
        current: period(input.header),
        rows,
    })
}

/// Builds the report.
pub fn build(input: &ReportInput) -> Report {
    build_report(input, None)
}

/// Builds the report of a whole-staff self-evaluation: 基本情况 also says how many took part per
/// department and where staff views diverge, the score sheet's staff column shows the collection's
/// statistics (with the flags), and [`Report::participation`] holds the table. `staff.stats` replaces
/// `input.respondents` for the score sheet.
pub fn build_with_staff(input: &ReportInput, staff: &StaffReport) -> Report {
    build_report(input, Some(staff))
}

fn build_report(input: &ReportInput, staff: Option<&StaffReport>) -> Report {
    let card = score(input.fw, input.answers);
    let drafts = [
        draft_basic(input, &card, staff),
        draft_strengths(input, &card),
        draft_problems(input, &card),
        draft_next(input),
    ];
    let sections = SECTION_KEYS
        .iter()
        .zip(drafts)
        .map(|(key, draft)| {
            let edit = input.edits.sections.get(*key);
            ReportSection {
                key,
                heading: section_heading(key),
                text: edit.cloned().unwrap_or_else(|| draft.clone()),
                edited: edit.is_some(),
                draft,
            }
        })
        .collect();
    Report {
        title: format!(
            "{}{}学校质量自评报告",
            input.school.name.trim(),
            input.header.school_year.zh()
        ),
        doc_number: input.edits.doc_number.trim().to_string(),
        school: input.school.name.trim().to_string(),
        period: period(input.header),
        framework: input.fw.title.clone(),
        framework_version: input.header.framework_version.clone(),
        date: zh_date(input.date),
        sections,
        overall: overall_text(input.fw, &card),
        sheet: sheet(input, &card, staff),
        comparison: comparison(input, &card),
        participation: staff.map(|st| st.participation.clone()).unwrap_or_default(),
        evidence: None,
    }
}

impl Report {
    /// The report with the evaluation's evidence counted per area (the annex 佐证材料情况).
    pub fn with_evidence(mut self, summary: EvidenceSummary) -> Self {
        self.evidence = Some(summary);
        self
    }

    /// The report on the shared document model: the four sections, the 落款 and date, and the annexes 各方面达成度,
    /// 自评得分表 (with the staff column when `with_respondents`), 教职工参与自评情况 when staff answers were
    /// collected, 佐证材料情况 when the report has the evidence counts, and, when there is an earlier
    /// evaluation, the comparison. A ledger may be added as a further annex with [`Document::with_annex`].
    pub fn document(&self, with_respondents: bool) -> Document {
        let mut blocks = Vec::new();
        for s in &self.sections {
            blocks.push(DocBlock::heading(Level::One, s.heading));
            blocks.extend(text_blocks(&s.text));
        }
        let mut annexes = vec![
            Annex {
                title: titles::ANNEX_ACHIEVEMENT.into(),
                orientation: Orientation::Portrait,
                blocks: vec![DocBlock::Chart(Chart {
                    label: titles::CHART[0].into(),
                    value: titles::CHART[1].into(),
                    bars: self
                        .sheet
                        .iter()
                        .map(|a| (a.title.clone(), a.ratio))
                        .collect(),
                    caption: self.overall.clone(),
                })],
            },
            Annex {
                title: titles::ANNEX_SCORE_SHEET.into(),
                orientation: Orientation::Portrait,
                blocks: {
                    let mut b = vec![DocBlock::Table(self.score_table(with_respondents))];
                    let unconfirmed = self
                        .sheet
                        .iter()
                        .flat_map(|a| &a.indicators)
                        .flat_map(|i| &i.points)
                        .filter(|p| p.unconfirmed)
                        .count();
                    if unconfirmed > 0 {
                        b.push(DocBlock::Note(unconfirmed_note(unconfirmed)));
                    }
                    b
                },
            },
        ];
        if !self.participation.is_empty() {
            annexes.push(Annex {
                title: titles::ANNEX_PARTICIPATION.into(),
                orientation: Orientation::Portrait,
                blocks: vec![
                    DocBlock::Table(participation_table(&self.participation)),
                    DocBlock::Note(participation_note(&self.participation)),
                ],
            });
        }
        if let Some(e) = &self.evidence {
            annexes.push(Annex {
                title: titles::ANNEX_EVIDENCE.into(),
                orientation: Orientation::Portrait,
                blocks: vec![
                    DocBlock::para(e.sentence()),
                    DocBlock::Table(e.table()),
                    DocBlock::Note(
                        "“有材料的要点”：已附电子文件或已勾选纸质材料的要点数／应提供材料的要点数（不含不适用的要点）；“清单材料已有”：评价标准所列佐证材料中已具备的项数／所列项数。"
                            .into(),
                    ),
                ],
            });
            if !e.files.is_empty() {
                annexes.push(Annex {
                    title: titles::ANNEX_EVIDENCE_FILES.into(),
                    orientation: Orientation::Landscape,
                    blocks: vec![
                        DocBlock::Table(e.files_table()),
                        DocBlock::Note(
                            "上报包只列出文件名、大小和 SHA-256 校验值，不含文件本身；学校另交的佐证材料包中的文件可按校验值核对。"
                                .into(),
                        ),
                    ],
                });
            }
        }
        if let Some(c) = &self.comparison {
            annexes.push(Annex {
                title: titles::ANNEX_COMPARISON.into(),
                orientation: Orientation::Portrait,
                blocks: vec![
                    DocBlock::para(format!(
                        "比较对象：{}（上次）与{}（本次）。↑ 提高，↓ 下降，→ 基本持平（变化不足 0.5 个百分点）。",
                        c.earlier, c.current
                    )),
                    DocBlock::Table(Table {
                        class: "comparison",
                        columns: titles::COMPARISON
                            .iter()
                            .zip([40, 20, 20, 20])
                            .map(|(t, w)| Column::new(*t, w))
                            .collect(),
                        rows: c
                            .rows
                            .iter()
                            .map(|d| {
                                let cells = vec![
                                    Cell::new(if d.is_area {
                                        d.title.clone()
                                    } else {
                                        format!("　{}", d.title)
                                    }),
                                    Cell::new(ratio_text(d.before)),
                                    Cell::new(ratio_text(d.after)),
                                    Cell::new(d.change_text()),
                                ];
                                if d.is_area {
                                    Row::Summary(cells)
                                } else {
                                    Row::Cells(cells)
                                }
                            })
                            .collect(),
                        size: TextSize::Normal,
                    }),
                ],
            });
        }
        Document {
            orientation: Orientation::Portrait,
            issuer: String::new(),
            doc_number: self.doc_number.clone(),
            title: self.title.clone(),
            subtitle: if self.framework_version.trim().is_empty() {
                format!(
                    "{}　{}　评价框架：{}",
                    self.school, self.period, self.framework
                )
            } else {
                format!(
                    "{}　{}　评价框架：{}（{}版）",
                    self.school,
                    self.period,
                    self.framework,
                    self.framework_version.trim()
                )
            },
            blocks,
            signature: vec![self.school.clone()],
            date: self.date.clone(),
            annexes,
        }
    }

    /// The score sheet as a table: a group row per area and indicator, a row per point. Column widths keep
    /// a point id such as Q1.2.10 on one line and give the point's text the widest column.
    fn score_table(&self, with_respondents: bool) -> Table {
        let widths: &[u32] = if with_respondents {
            &[11, 37, 15, 21, 16]
        } else {
            &[11, 45, 16, 28]
        };
        let mut rows = Vec::new();
        for a in &self.sheet {
            rows.push(Row::Group {
                level: 0,
                text: format!("{}　{}　{}", a.id, a.title, a.score),
            });
            for i in &a.indicators {
                rows.push(Row::Group {
                    level: 1,
                    text: format!("{}　{}　{}", i.id, i.title, i.score),
                });
                for p in &i.points {
                    let text = if p.unconfirmed {
                        format!("{}{}", p.text, UNCONFIRMED_MARK)
                    } else {
                        p.text.clone()
                    };
                    let mut cells = vec![
                        Cell::new(p.id.clone()),
                        Cell::new(text),
                        Cell::new(p.result.clone()),
                        Cell::new(p.note.clone()),
                    ];
                    if with_respondents {
                        cells.push(Cell::new(p.respondents.clone()));
                    }
                    rows.push(Row::Cells(cells));
                }
            }
        }
        Table {
            class: "score-sheet",
            columns: titles::SCORE_SHEET
                .iter()
                .zip(widths)
                .map(|(t, w)| Column::new(*t, *w))
                .collect(),
            rows,
            size: TextSize::Small,
        }
    }
}

/// The mark after a point whose wording was not checked against its source document.
pub const UNCONFIRMED_MARK: &str = "※";

/// The note under the score sheet when some points are marked [`UNCONFIRMED_MARK`].
fn unconfirmed_note(n: usize) -> String {
    format!(
        "注：标{UNCONFIRMED_MARK}的{n}个考查要点，其表述未能与所引文件原文核对，系据公开资料整理的自查项；以正式文件为准。"
    )
}

/// The earlier evaluation to compare with: same school and framework, the latest one before this one.
pub fn earlier_evaluation<'a>(
    all: &'a [EvaluationHeader],
    current: &EvaluationHeader,
) -> Option<&'a EvaluationHeader> {
    all.iter()
        .filter(|e| {
            e.id != current.id
                && e.school_id == current.school_id
                && e.framework_id == current.framework_id
                && (e.school_year, e.term) < (current.school_year, current.term)
        })
        .max_by_key(|e| (e.school_year, e.term))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::export::{docx, html, markdown, zip};
    use xzzp_core::evaluation::{Edit, SchoolYear, Term};
    use xzzp_core::fixtures;
    use xzzp_core::framework::SchoolType;
    use xzzp_core::ledger::{Status, Task};
    use xzzp_core::plan::{Person, Phase, Section};

    const HOSTILE: &str =
        "<script>alert('x')</script> & \"引号\" | *星* # 标题 [链接](javascript:x) \u{0007}";

    fn header(id: &str, year: i32) -> EvaluationHeader {
        EvaluationHeader {
            id: id.into(),
            school_id: "s".into(),
            framework_id: "test".into(),
            framework_version: "1".into(),
            school_year: SchoolYear(year),
            term: Term::Year,
            created: "2026-01-01".into(),
        }
    }

    fn school() -> School {
        let mut s = School::new("s", "贺兰县示例小学", SchoolType::Primary);
        s.county = "贺兰县".into();
        s.students = Some(1200);
        s.teachers = Some(80);
        s.group_role = GroupRole::Member;
        s.group_name = "第一教育集团".into();
        s
    }

    fn answers(fw: &Framework, p1: &str, p3: f64) -> Answers {
        let mut a = Answers::default();
        a.apply(fw, "p1", Edit::Value(Some(AnswerValue::Level(p1.into()))))
            .unwrap();
        a.apply(fw, "p1", Edit::Note("党组织会议记录齐全。".into()))
            .unwrap();
        a.apply(fw, "p2", Edit::Value(Some(AnswerValue::YesNo(false))))
            .unwrap();
        a.apply(fw, "p3", Edit::Value(Some(AnswerValue::Number(p3))))
            .unwrap();
        a.apply(fw, "p4", Edit::NotApplicable(Some("无寄宿生".into())))
            .unwrap();
        a.apply(fw, "p6", Edit::Value(Some(AnswerValue::Number(3.0))))
            .unwrap();
        a.apply(fw, "p7", Edit::Value(Some(AnswerValue::Level("A".into()))))
            .unwrap();
        a
    }

    fn plan() -> Plan {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        Plan {
            title: "方案".into(),
            sections: vec![Section {
                id: "org".into(),
                title: "组织机构".into(),
                blocks: vec![
                    Block::People {
                        people: vec![
                            Person {
                                role: "组长".into(),
                                name: "王明".into(),
                                post: "校长".into(),
                            },
                            Person {
                                role: "副组长".into(),
                                name: String::new(),
                                post: "副校长".into(),
                            },
                        ],
                    },
                    Block::Phases {
                        phases: vec![Phase {
                            name: "动员部署阶段".into(),
                            start: d(9, 1),
                            end: d(9, 30),
                            text: String::new(),
                        }],
                    },
                ],
            }],
            ..Plan::default()
        }
    }

    fn ledger() -> Ledger {
        let mut t = Task::new("t1", "整改：制定心理健康辅导中心使用制度");
        t.owner = "李华".into();
        t.department = "德育处".into();
        t.area = "方面 A1".into();
        t.evaluation_id = Some("e2".into());
        t.due = NaiveDate::from_ymd_opt(2026, 12, 31);
        let mut done = Task::new("t2", "已完成的任务");
        done.status = Status::Done;
        Ledger {
            tasks: vec![t, done],
        }
    }

    fn build_report(edits: &ReportEdits, with_earlier: bool) -> Report {
        let fw = fixtures::framework();
        let (h1, h2) = (header("e1", 2024), header("e2", 2025));
        let (a1, a2) = (answers(&fw, "D", 30.0), answers(&fw, "B", 40.0));
        let school = school();
        let plan = plan();
        let ledger = ledger();
        build(&ReportInput {
            school: &school,
            header: &h2,
            fw: &fw,
            answers: &a2,
            plan: Some(&plan),
            ledger: &ledger,
            earlier: with_earlier.then_some((&h1, &a1)),
            respondents: (0, BTreeMap::new()),
            edits,
            date: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        })
    }

    #[test]
    fn the_report_drafts_its_four_sections_from_the_evaluation_plan_and_ledger() {
        let r = build_report(&ReportEdits::default(), false);
        assert_eq!(r.title, "贺兰县示例小学2025—2026学年学校质量自评报告");
        assert_eq!(r.date, "2026年6月30日");
        let text = |k: &str| r.sections.iter().find(|s| s.key == k).unwrap().text.clone();
        let basic = text("basic");
        assert!(
            basic.contains("贺兰县示例小学是一所小学，位于贺兰县，现有1200名学生、80名教师。"),
            "{basic}"
        );
        assert!(basic.contains("第一教育集团成员校"));
        assert!(
            basic.contains("成立了以王明为组长、共2人组成的自评工作领导小组"),
            "{basic}"
        );
        assert!(basic.contains("动员部署阶段（2025年9月1日至2025年9月30日）"));
        assert!(
            basic.contains("7个考查要点，已完成6个（其中不适用1个），尚有1个未作答"),
            "{basic}"
        );
        // Strengths: p7 (优秀) and p6 (target met); p1 is 良好 (0.75) and also a strength.
        let strengths = text("strengths");
        assert!(strengths.contains("（一）方面 A1方面"), "{strengths}");
        assert!(
            strengths.contains("要点 p1（良好）。党组织会议记录齐全。"),
            "{strengths}"
        );
        assert!(strengths.contains("要点 p7（优秀）"));
        // Weaknesses: p2 (否) and p3 (missed target), grouped by area, with the missed target spelled out.
        let problems = text("problems");
        assert!(problems.contains("要点 p2（否）"), "{problems}");
        assert!(
            problems.contains("要点 p3（40%（目标 ≥45%，未达到））"),
            "{problems}"
        );
        assert!(
            problems.contains("未达到的数值目标有：要点 p3为40%，未达到≥45%的目标"),
            "{problems}"
        );
        assert!(!problems.contains("要点 p7"));
        // Next steps: open tasks only, with owner, department and dates.
        let next = text("next");
        assert!(next.contains("（一）方面 A1"), "{next}");
        assert!(next.contains("制定心理健康辅导中心使用制度。责任人：李华；责任部门：德育处；完成时限：2026年12月31日。"), "{next}");
        assert!(!next.contains("已完成的任务"));
        assert!(r.comparison.is_none());
    }

    #[test]
    fn edits_replace_drafts_and_survive_a_redraft() {
        let mut edits = ReportEdits::default();
        edits
            .sections
            .insert("basic".into(), "校长亲自修改的基本情况。".into());
        edits.doc_number = "贺兰示例小〔2026〕5号".into();
        let r = build_report(&edits, false);
        let basic = &r.sections[0];
        assert!(basic.edited);
        assert_eq!(basic.text, "校长亲自修改的基本情况。");
        assert!(basic.draft.contains("贺兰县示例小学是一所小学"));
        assert!(!r.sections[1].edited);
        assert_eq!(r.doc_number, "贺兰示例小〔2026〕5号");
    }

    #[test]
    fn the_comparison_shows_change_per_area_and_indicator() {
        let r = build_report(&ReportEdits::default(), true);
        let c = r.comparison.unwrap();
        assert_eq!(c.earlier, "2024—2025学年 全学年");
        let a1 = c.rows.iter().find(|d| d.title == "方面 A1").unwrap();
        // Earlier A1: (2×1 + 0 + 4×30/45) / 4 = 1.1667 → 29.2 %; now (2×3 + 0 + 4×40/45)/4 = 2.3889 → 59.7 %.
        assert!((a1.before.unwrap() - 1.166_667 / 4.0).abs() < 1e-4);
        assert!((a1.after.unwrap() - 2.388_889 / 4.0).abs() < 1e-4);
        assert_eq!(a1.mark(), "↑");
        let a2 = c.rows.iter().find(|d| d.title == "方面 A2").unwrap();
        assert_eq!(a2.mark(), "→");
        let i2 = c.rows.iter().find(|d| d.title == "指标 I2").unwrap();
        assert_eq!(i2.mark(), "—", "nothing scored in I2: not comparable");
        assert_eq!(c.rows.len(), 2 + 3);
    }

    #[test]
    fn the_earlier_evaluation_is_the_latest_before_of_the_same_framework() {
        let mut other = header("x", 2023);
        other.framework_id = "other".into();
        let all = vec![
            header("a", 2022),
            header("b", 2024),
            header("c", 2026),
            other,
        ];
        let current = header("now", 2025);
        assert_eq!(earlier_evaluation(&all, &current).unwrap().id, "b");
        assert!(earlier_evaluation(&all, &header("first", 2021)).is_none());
    }

    #[test]
    fn the_score_sheet_lists_every_point_with_its_result() {
        let r = build_report(&ReportEdits::default(), false);
        let points: Vec<_> = r
            .sheet
            .iter()
            .flat_map(|a| &a.indicators)
            .flat_map(|i| &i.points)
            .collect();
        assert_eq!(points.len(), 7);
        let p = |id: &str| points.iter().find(|p| p.id == id).unwrap();
        assert_eq!(p("p1").result, "良好");
        assert_eq!(p("p2").result, "否");
        assert_eq!(p("p4").result, "不适用（无寄宿生）");
        assert_eq!(p("p5").result, "未作答");
        assert_eq!(p("p6").result, "3次（目标 ≤5次，已达到）");
        assert!(r.sheet[0].score.contains('%'));
    }

    #[test]
    fn points_not_checked_against_their_source_are_marked_in_the_score_sheet_and_the_version_is_named(
    ) {
        let mut fw = fixtures::framework();
        for p in fw
            .areas
            .iter_mut()
            .flat_map(|a| &mut a.indicators)
            .flat_map(|i| &mut i.points)
        {
            p.source.confirmed = p.id != "p2";
        }
        let school = school();
        let mut h = header("e3", 2025);
        h.framework_version = "2026.2".into();
        let a = answers(&fw, "B", 40.0);
        let draft = |fw: &Framework| {
            build(&ReportInput {
                school: &school,
                header: &h,
                fw,
                answers: &a,
                plan: None,
                ledger: &Ledger::default(),
                earlier: None,
                respondents: (0, BTreeMap::new()),
                edits: &ReportEdits::default(),
                date: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            })
        };
        let r = draft(&fw);
        let doc = r.document(false);
        assert!(
            doc.subtitle.ends_with("评价框架：测试框架（2026.2版）"),
            "{}",
            doc.subtitle
        );
        let sheet = doc
            .annexes
            .iter()
            .find(|x| x.title == titles::ANNEX_SCORE_SHEET)
            .unwrap();
        let DocBlock::Table(t) = &sheet.blocks[0] else {
            panic!("the score sheet is a table")
        };
        let marked: Vec<String> = t
            .rows
            .iter()
            .filter_map(|row| match row {
                Row::Cells(c) if c[1].text.ends_with(UNCONFIRMED_MARK) => Some(c[0].text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(marked, ["p2"]);
        assert!(matches!(
            &sheet.blocks[1],
            DocBlock::Note(n) if n.starts_with("注：标※的1个考查要点")
        ));
        // Every writer shows the mark and the note.
        let md = markdown::write(&doc);
        assert!(
            md.contains("要点 p2※") && md.contains("标※的1个考查要点"),
            "{md}"
        );
        // With every point confirmed there is neither mark nor note.
        for p in fw
            .areas
            .iter_mut()
            .flat_map(|a| &mut a.indicators)
            .flat_map(|i| &mut i.points)
        {
            p.source.confirmed = true;
        }
        let all = draft(&fw);
        let html = html::write(&all.document(false));
        assert!(!html.contains(UNCONFIRMED_MARK));
    }

    /// The report part of [`staff_fixture`].
    fn staff_report(principal: &Answers) -> StaffReport {
        staff_fixture().report(&fixtures::framework(), principal)
    }

    /// A whole-staff evaluation on the core's staff fixtures: 李华, 王芳 and 孙丽 of 教务处, 赵强 of 德育处, and
    /// one anonymous answer forged to carry the name 张三.
    pub(crate) fn staff_fixture() -> xzzp_core::collection::Staff {
        use xzzp_core::answer_file::{Export, StaffAnswerFile, StaffRespondent};
        use xzzp_core::collection::{Desk, Staff};
        use xzzp_core::invitation::{Invitation, Issue};
        let fw = fixtures::framework();
        let (school, header) = (fixtures::school(), fixtures::header());
        let mut staff = Staff {
            assignment: fixtures::assignment(),
            ..Staff::default()
        };
        let inv = Invitation::for_everyone(
            &Issue {
                school: &school,
                header: &header,
                fw: &fw,
                assignment: &staff.assignment,
                issued_at: "2025-10-08T09:00",
            },
            "pkg",
        )
        .unwrap();
        staff.record_issued(&inv);
        let desk = Desk {
            school: &school,
            header: &header,
            fw: &fw,
        };
        let at = NaiveDate::from_ymd_opt(2025, 10, 12)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let level = |l: &str| Edit::Value(Some(AnswerValue::Level(l.into())));
        let yes_no = |y: bool| Edit::Value(Some(AnswerValue::YesNo(y)));
        type Edits<'a> = Vec<(&'a str, Edit)>;
        let people: Vec<(&str, &str, Edits)> = vec![
            (
                "a4",
                "",
                vec![("p1", level("A")), ("p2", yes_no(true)), ("p7", level("A"))],
            ),
            ("a5", "", vec![("p1", level("C"))]),
            (
                "a6",
                "孙丽",
                vec![("p1", level("B")), ("p2", yes_no(false))],
            ),
            ("a7", "", vec![("p7", level("C"))]),
            (
                "a6",
                "张三",
                vec![("p1", level("B")), ("p2", yes_no(false))],
            ),
        ];
        for (i, (who, name, edits)) in people.into_iter().enumerate() {
            let mut a = Answers::default();
            for (p, e) in edits {
                a.apply(&fw, p, e).unwrap();
            }
            let id = format!("f{i}");
            let mut f = StaffAnswerFile::new(
                &inv,
                who,
                Some(StaffRespondent {
                    name: name.into(),
                    ..StaffRespondent::default()
                }),
                &a,
                Export {
                    id: &id,
                    token: &id,
                    revision: 1,
                    at,
                },
            )
            .unwrap();
            if name == "张三" {
                f.origin.assignee = "a8".into();
            }
            staff
                .import_file(&desk, f.to_json().as_bytes(), |_| None)
                .unwrap();
        }
        staff
    }

    #[test]
    fn the_report_of_a_whole_staff_evaluation_says_who_took_part_and_where_views_diverge() {
        let fw = fixtures::framework();
        let school = school();
        let h = header("e2", 2025);
        let a = answers(&fw, "B", 40.0);
        let (plan, ledger) = (plan(), ledger());
        let st = staff_report(&a);
        let input = ReportInput {
            school: &school,
            header: &h,
            fw: &fw,
            answers: &a,
            plan: Some(&plan),
            ledger: &ledger,
            earlier: None,
            respondents: (0, BTreeMap::new()),
            edits: &ReportEdits::default(),
            date: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        };
        let r = build_with_staff(&input, &st);
        let basic = &r.sections[0].text;
        assert!(
            basic.contains("学校按职责分工组织教职工参与自评，共收回答卷5份。其中，教务处应交14份、收回3份；德育处应交1份、收回1份；全校教职工匿名问卷收回1份。学校在汇总教职工意见的基础上形成了自评结论。"),
            "{basic}"
        );
        // p1: 优秀, 合格, 良好 and the anonymous 良好 (mean 3 → 良好, 2 levels apart); p2: 是 1, 否 2;
        // p7: 李华 优秀, 赵强 合格 (mean 3 → 良好) against the school's 优秀.
        assert!(
            basic.contains("从收回的答卷看，教职工对3个考查要点的看法分歧较大（评价相差两个等级及以上，或“是”“否”意见并存）：p1 要点 p1（优秀1人、良好2人、合格1人）；p2 要点 p2（是1人、否2人）；p7 要点 p7（优秀1人、合格1人）。另有1个考查要点的教职工总体评价与学校自评结论不一致：p7 要点 p7（学校结论：优秀，教职工平均评价：良好（均分3））。上述要点需结合佐证材料重点核实。"),
            "{basic}"
        );
        let rows: Vec<_> = r
            .participation
            .iter()
            .map(|p| (p.department.as_str(), p.invited, p.returned))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("教务处", Some(14), 3),
                ("德育处", Some(1), 1),
                ("全校", None, 1)
            ]
        );
        let p = |id: &str| {
            r.sheet
                .iter()
                .flat_map(|a| &a.indicators)
                .flat_map(|i| &i.points)
                .find(|p| p.id == id)
                .unwrap()
                .clone()
        };
        assert_eq!(
            p("p1").respondents,
            "优秀 1、良好 2、合格 1；均分 3（4 人）；意见分歧"
        );
        assert_eq!(
            p("p7").result,
            "优秀",
            "the school's conclusion stays the record"
        );
        assert_eq!(
            p("p7").respondents,
            "优秀 1、合格 1；均分 3（2 人）；意见分歧；与学校结论不同"
        );
        // The participation table: a row per department, counts only for the anonymous survey, a 合计 row.
        let t = participation_table(&r.participation);
        let cells: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|row| match row {
                Row::Cells(c) | Row::Summary(c) => c.iter().map(|c| c.text.as_str()).collect(),
                Row::Group { .. } => vec![],
            })
            .collect();
        assert_eq!(
            cells,
            vec![
                vec!["教务处", "14", "3", "21%", "教职工答卷尚缺11份"],
                vec!["德育处", "1", "1", "100%", "无"],
                vec!["全校教职工匿名问卷", "—", "1", "—", "匿名问卷应交份数未定"],
                vec!["合计", "—", "5", "—", "部分应交份数未定"],
            ]
        );
        assert!(matches!(t.rows[3], Row::Summary(_)));
        let doc = r.document(true);
        let titles: Vec<&str> = doc.annexes.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            vec!["各方面达成度", "自评得分表", "教职工参与自评情况"]
        );
        // Named people who have not answered are named; answers still due from all staff are counted.
        let mut rows = r.participation.clone();
        rows[0].missing = vec!["王芳".into(), "李华".into()];
        rows[2].outstanding = Some(3);
        let t = participation_table(&rows);
        let Row::Cells(c) = &t.rows[0] else { panic!() };
        assert_eq!(c[4].text, "王芳、李华；教职工答卷尚缺11份");
        let Row::Cells(c) = &t.rows[2] else { panic!() };
        assert_eq!(c[4].text, "匿名问卷尚缺3份");
        let Row::Summary(c) = &t.rows[3] else {
            panic!()
        };
        assert_eq!(c[4].text, "2人；教职工答卷14份");
        // Without staff answers the draft is what it was, and there is no participation annex.
        assert_eq!(build(&input).participation, vec![]);
        assert_eq!(build(&input).document(false).annexes.len(), 2);
        assert!(!build(&input).sections[0].text.contains("收回答卷"));
    }

    #[test]
    fn no_export_of_an_anonymous_survey_names_anyone() {
        let fw = fixtures::framework();
        let school = school();
        let h = header("e2", 2025);
        let a = answers(&fw, "B", 40.0);
        let (plan, ledger) = (plan(), ledger());
        let st = staff_report(&a);
        let r = build_with_staff(
            &ReportInput {
                school: &school,
                header: &h,
                fw: &fw,
                answers: &a,
                plan: Some(&plan),
                ledger: &ledger,
                earlier: None,
                respondents: (0, BTreeMap::new()),
                edits: &ReportEdits::default(),
                date: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            },
            &st,
        );
        let outputs = [
            format!("{st:?}"),
            format!("{r:?}"),
            html::render(&r, true),
            markdown::render(&r, true),
            docx::document_xml(&r.document(true)),
        ];
        for (i, out) in outputs.iter().enumerate() {
            assert!(
                !out.contains("张三"),
                "output {i} names the anonymous respondent"
            );
        }
        assert!(outputs[2].contains("全校教职工匿名问卷收回1份"));
        // The participation table is in every format, the anonymous survey's row with counts only.
        assert!(outputs[2].contains(r#"<table class="participation">"#));
        assert!(
            outputs[2].contains("<td>全校教职工匿名问卷</td>"),
            "{}",
            outputs[2]
        );
        assert!(outputs[3].contains("| 全校教职工匿名问卷 | — | 1 | — | 匿名问卷应交份数未定 |"));
        assert!(outputs[4].contains("教职工参与自评情况"));
        assert!(outputs[4].contains("匿名问卷应交份数未定"));
        assert!(outputs[3].contains("匿名问卷只统计份数，不记录、不列出填报人姓名。"));
        // The Word file itself (entries are stored uncompressed), not only its document part, names nobody of
        // the survey.
        let bytes = docx::render(&r, true);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("教职工参与自评情况") && !text.contains("张三"));
    }

    fn hostile_report() -> Report {
        let mut edits = ReportEdits::default();
        edits
            .sections
            .insert("basic".into(), format!("{HOSTILE}\n{}", "长".repeat(5000)));
        edits.doc_number = HOSTILE.into();
        let mut r = build_report(&edits, true);
        r.school = HOSTILE.into();
        r.sheet[0].indicators[0].points[0].note = format!("第一行{HOSTILE}\n第二行");
        r
    }

    #[test]
    fn html_escapes_hostile_text() {
        let out = html::render(&hostile_report(), true);
        assert!(!out.contains("<script>"));
        assert!(
            out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;引号&quot;")
        );
        assert!(
            out.contains(&"长".repeat(5000)),
            "very long lines are kept whole"
        );
        assert!(out.contains("第一行&lt;script&gt;"));
        assert!(out.contains("<br>第二行"));
    }

    #[test]
    fn markdown_escapes_hostile_text() {
        let out = markdown::render(&hostile_report(), true);
        assert!(!out.contains("<script>"));
        assert!(out.contains("\\<script\\>alert('x')\\</script\\> \\& \"引号\" \\| \\*星\\* \\# 标题 \\[链接\\](javascript:x)"));
        // Every table row still has exactly its columns: a | in user text cannot add one.
        for line in out.lines().filter(|l| l.starts_with("| p")) {
            let unescaped_bars = line
                .match_indices('|')
                .filter(|(i, _)| !line[..*i].ends_with('\\'))
                .count();
            assert_eq!(unescaped_bars, 6, "{line}");
        }
        assert_eq!(markdown::escape("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(markdown::escape("- 不是列表"), "\\- 不是列表");
    }

    #[test]
    fn docx_xml_escapes_hostile_text_and_is_a_valid_package() {
        let r = hostile_report();
        let xml = docx::document_xml(&r.document(true));
        assert!(!xml.contains("<script>"));
        assert!(xml
            .contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;引号&quot;"));
        assert!(!xml.contains('\u{0007}'), "control characters are dropped");
        // Every opened element is closed: a rough well-formedness check without an XML parser.
        for tag in ["w:p", "w:tbl", "w:tr", "w:tc", "w:r", "w:t"] {
            let open =
                xml.matches(&format!("<{tag}>")).count() + xml.matches(&format!("<{tag} ")).count();
            let close = xml.matches(&format!("</{tag}>")).count();
            assert_eq!(open, close, "{tag}");
        }
        let bytes = docx::render(&r, true);
        let files = zip::entries(&bytes).expect("a readable zip");
        let names: Vec<_> = files.iter().map(|f| f.0.as_str()).collect();
        for needed in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/footer1.xml",
        ] {
            assert!(names.contains(&needed), "{needed}");
        }
        let doc = String::from_utf8(
            files
                .iter()
                .find(|f| f.0 == "word/document.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        // GB/T 9704 page: A4 with 37/35/28/26 mm margins.
        assert!(doc.contains(r#"<w:pgSz w:w="11905" w:h="16837"/>"#), "A4");
        assert!(doc.contains(r#"w:top="2097" w:right="1474" w:bottom="1984" w:left="1587""#));
        assert!(
            doc.contains("<w:tblHeader/>"),
            "the score sheet's header row repeats"
        );
    }

    #[test]
    fn docx_styles_follow_the_official_document_fonts() {
        let bytes = docx::render(&build_report(&ReportEdits::default(), false), false);
        let files = zip::entries(&bytes).unwrap();
        let styles = String::from_utf8(
            files
                .iter()
                .find(|f| f.0 == "word/styles.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        assert!(
            styles.contains(r#"w:eastAsia="方正小标宋简体""#)
                && styles.contains(r#"<w:sz w:val="44"/>"#),
            "title 二号"
        );
        assert!(
            styles.contains(r#"w:eastAsia="仿宋_GB2312""#)
                && styles.contains(r#"<w:sz w:val="32"/>"#),
            "body 三号"
        );
        assert!(
            styles.contains(r#"w:eastAsia="黑体""#)
                && styles.contains(r#"w:eastAsia="楷体_GB2312""#)
        );
        let fonts = String::from_utf8(
            files
                .iter()
                .find(|f| f.0 == "word/fontTable.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#));
        let footer = String::from_utf8(
            files
                .iter()
                .find(|f| f.0 == "word/footer1.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        assert!(footer.contains(" PAGE "));
    }
}
