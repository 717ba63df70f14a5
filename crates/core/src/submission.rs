//! 上报包 (submission): what a school sends to its county bureau for the 县级复核, and the bureau's reader.
//!
//! A package is one JSON file, written on one line:
//!
//! ```text
//! {"format":"xzzp-submission","version":1,"checksum":"fnv1a64:…","content":{…}}
//! ```
//!
//! `content` is a [`Submission`]: the school's profile; an outline of the framework, enough to score and show
//! the evaluation without having that framework installed (a bureau may run another version of this tool than
//! its schools, or receive a framework another county made); the answers with their scores per point,
//! indicator and area; statistics of the teachers' answers (counts and distributions only — no staff names or
//! notes leave the school); the report's final texts as the principal left them; whether a 自评方案 was made
//! and its dates; the ledger with each task's overdue days as of the export date; optionally, the evidence
//! summary (per point: how many listed items are present, and each file's name, size and SHA-256 — never the
//! files themselves, so that the package stays a few dozen KB).
//!
//! Versions: 1 is the package without the evidence summary; 2 adds it; 3 adds the whole-staff collection
//! (participation per department and the staff's statistics per point, see [`SubmittedStaff`]). A package is
//! written with the lowest version that holds its content, so a package without the newer parts stays
//! readable by older builds; a file whose version does not hold a part it carries is refused as changed.
//!
//! `checksum` is FNV-1a (64 bit) over the exact bytes of `content` as written. It detects a file changed by
//! hand or damaged on the way; it is not a signature (a serverless tool has no secret to sign with, and the rule
//! is public), which is why the reader also recomputes every score from the answers and refuses a package
//! whose figures do not match them. A 10-line hash needs no dependency; a cryptographic one would add code to
//! the browser module without adding protection.

use super::backup::{AnswerFile, ANSWERS_FORMAT, BACKUP_FORMAT};
use super::checksum::ContentHash;
use super::collection::{ParticipationRow, Staff, StaffReport};
use super::evaluation::{
    check_value, Answer, Answers, EvaluationHeader, Progress, SchoolYear, Term,
};
use super::evidence::counts::{self as evidence_counts, EvidenceCount, EvidenceProgress};
use super::evidence::EvidenceDoc;
use super::framework::{
    validate, Area, Direction, Framework, Indicator, Point, PointKind, Scale, SchoolType, Source,
};
use super::i18n::{Lang, Localized};
use super::ledger::{is_weak_outcome, Ledger, Milestone, ProgressNote, Status, WeakRule};
use super::persist::{PlanHeader, Workspace};
use super::plan::{Block, Plan};
use super::report::RespondentStats;
use super::report::{section_heading, SECTION_KEYS};
use super::respondents;
use super::school::School;
use super::scoring::{score, Aggregate, Outcome, ScoreCard};
use chrono::{NaiveDate, NaiveDateTime};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet};

/// `format` of a 上报包.
pub const SUBMISSION_FORMAT: &str = "xzzp-submission";
/// The newest version of the package format this build writes and reads (3: with the whole-staff collection).
pub const SUBMISSION_VERSION: u32 = 3;
/// The version of a package with the evidence summary but without the whole-staff collection.
pub const SUBMISSION_VERSION_EVIDENCE: u32 = 2;
/// The version of a package without the evidence summary.
pub const SUBMISSION_VERSION_PLAIN: u32 = 1;
/// Packages larger than this are refused before they are read (a package of the 74-point framework with its
/// report weighs 43–48 KB).
pub const MAX_SUBMISSION_BYTES: usize = 10 * 1024 * 1024;
/// The plan template whose documents count as the school's 自评方案.
pub const SELF_EVAL_PLAN_TEMPLATE: &str = "self-eval-plan";

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn one() -> f64 {
    1.0
}

fn is_one(w: &f64) -> bool {
    *w == 1.0
}

// ───────────────────────────── the framework outline ─────────────────────────────

/// The framework as a package carries it: ids, titles, point texts and everything scoring needs; no guidance,
/// evidence lists or sources (the bureau reads results, not the questionnaire).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkOutline {
    /// Framework id.
    pub id: String,
    /// Framework version the school answered.
    pub version: String,
    /// Title.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// Who issued the source document.
    #[serde(default)]
    pub issuer: String,
    /// The issuing document.
    #[serde(default)]
    pub document: String,
    /// Year of the issuing document.
    pub year: u16,
    /// School types it applies to.
    pub school_types: Vec<SchoolType>,
    /// The rating scale (level descriptions left out).
    pub scale: Scale,
    /// Areas in order.
    pub areas: Vec<OutlineArea>,
}

/// An area of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineArea {
    /// Area id.
    pub id: String,
    /// Title.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// Its indicators.
    pub indicators: Vec<OutlineIndicator>,
}

/// An indicator of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineIndicator {
    /// Indicator id.
    pub id: String,
    /// Title.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// Its points.
    pub points: Vec<OutlinePoint>,
}

/// A point of the outline: what scoring and the bureau's tables need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlinePoint {
    /// Point id.
    pub id: String,
    /// The point's text.
    pub text: String,
    /// How it is answered.
    pub kind: PointKind,
    /// Weight in aggregates.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// Unit of a number point.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Which way a number point should move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The target of a number point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// Where the points of a framework rebuilt from an outline say they come from.
fn outline_source() -> Source {
    Source {
        doc: "上报包中的评价框架提纲".into(),
        section: String::new(),
        confirmed: false,
        note: "由上报包携带的提纲重建，仅用于计分和显示，不含自查要点与佐证材料".into(),
    }
}

impl FrameworkOutline {
    /// The outline of a framework.
    pub fn of(fw: &Framework) -> Self {
        let mut scale = fw.scale.clone();
        for l in &mut scale.levels {
            l.description.clear();
        }
        FrameworkOutline {
            id: fw.id.clone(),
            version: fw.version.clone(),
            title: fw.title.clone(),
            title_en: fw.title_en.clone(),
            issuer: fw.issuer.clone(),
            document: fw.document.clone(),
            year: fw.year,
            school_types: fw.school_types.clone(),
            scale,
            areas: fw
                .areas
                .iter()
                .map(|a| OutlineArea {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    title_en: a.title_en.clone(),
                    indicators: a
                        .indicators
                        .iter()
                        .map(|i| OutlineIndicator {
                            id: i.id.clone(),
                            title: i.title.clone(),
                            title_en: i.title_en.clone(),
                            points: i
                                .points
                                .iter()
                                .map(|p| OutlinePoint {
                                    id: p.id.clone(),
                                    text: p.text.clone(),
                                    kind: p.kind,
                                    weight: p.weight,
                                    unit: p.unit.clone(),
                                    direction: p.direction,
                                    target: p.target,
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// A framework that scores exactly as the one the school answered: the same ids, kinds, weights, targets and
    /// scale. Guidance and sources are placeholders; it serves scoring, the weak-point rule and display.
    pub fn to_framework(&self) -> Framework {
        let src = outline_source();
        Framework {
            id: self.id.clone(),
            version: self.version.clone(),
            title: self.title.clone(),
            title_en: self.title_en.clone(),
            issuer: self.issuer.clone(),
            document: self.document.clone(),
            year: self.year,
            school_types: self.school_types.clone(),
            description: String::new(),
            description_en: String::new(),
            scale: self.scale.clone(),
            areas: self
                .areas
                .iter()
                .map(|a| Area {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    title_en: a.title_en.clone(),
                    source: src.clone(),
                    indicators: a
                        .indicators
                        .iter()
                        .map(|i| Indicator {
                            id: i.id.clone(),
                            title: i.title.clone(),
                            title_en: i.title_en.clone(),
                            source: src.clone(),
                            points: i
                                .points
                                .iter()
                                .map(|p| Point {
                                    id: p.id.clone(),
                                    text: p.text.clone(),
                                    text_en: String::new(),
                                    guidance: if p.kind == PointKind::Text {
                                        String::new()
                                    } else {
                                        "见原评价框架".into()
                                    },
                                    guidance_en: String::new(),
                                    evidence: vec![],
                                    evidence_en: vec![],
                                    kind: p.kind,
                                    weight: p.weight,
                                    unit: p.unit.clone(),
                                    direction: p.direction,
                                    target: p.target,
                                    source: src.clone(),
                                    previous_ids: vec![],
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            based_on: String::new(),
        }
    }

    /// Every point in document order with the index of its area and of its indicator (counted over the whole
    /// framework, as [`FrameworkOutline::indicators`] lists them).
    pub fn points(&self) -> impl Iterator<Item = (usize, usize, &OutlinePoint)> {
        let mut ind = 0usize;
        let mut out = Vec::new();
        for (ai, a) in self.areas.iter().enumerate() {
            for i in &a.indicators {
                for p in &i.points {
                    out.push((ai, ind, p));
                }
                ind += 1;
            }
        }
        out.into_iter()
    }

    /// Every indicator in document order with the index of its area.
    pub fn indicators(&self) -> impl Iterator<Item = (usize, &OutlineIndicator)> {
        self.areas
            .iter()
            .enumerate()
            .flat_map(|(ai, a)| a.indicators.iter().map(move |i| (ai, i)))
    }

    /// Number of points.
    pub fn point_count(&self) -> usize {
        self.areas
            .iter()
            .flat_map(|a| &a.indicators)
            .map(|i| i.points.len())
            .sum()
    }

    /// The label of a scale level, or the id when the scale has no such level.
    pub fn level_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.scale.level(id).map(|l| l.label.as_str()).unwrap_or(id)
    }

    /// A fingerprint of the whole outline: packages that claim the same framework id and version but carry
    /// different content (a county edited its framework without a new version) must not be added up together.
    pub fn fingerprint(&self) -> u64 {
        let mut h = Fnv::default();
        h.str(&self.id).str(&self.version).str(&self.title);
        for l in &self.scale.levels {
            h.str(&l.id).str(&l.label).f64(l.score);
        }
        h.f64(self.scale.strength_at_least)
            .f64(self.scale.weakness_at_most);
        for a in &self.areas {
            h.str(&a.id).str(&a.title);
            for i in &a.indicators {
                h.str(&i.id).str(&i.title);
                for p in &i.points {
                    h.str(&p.id)
                        .str(&p.text)
                        .str(&format!("{:?}{:?}", p.kind, p.direction))
                        .f64(p.weight)
                        .str(&p.unit)
                        .f64(p.target.unwrap_or(f64::NAN));
                }
                h.str("/i");
            }
            h.str("/a");
        }
        h.0
    }
}

// ───────────────────────────── scores ─────────────────────────────

/// An aggregate (indicator, area or overall) as the school's tool computed it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregateRecord {
    /// Weighted mean score on the scale; absent when nothing below was scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// 达成度, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    /// The scale level the mean falls into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Points scored.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub scored: usize,
    /// Points answered but not scored.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub recorded: usize,
    /// Points marked not applicable.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_applicable: usize,
    /// Points not answered.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unanswered: usize,
}

impl From<&Aggregate> for AggregateRecord {
    fn from(a: &Aggregate) -> Self {
        AggregateRecord {
            score: a.score,
            ratio: a.ratio,
            level: a.level.clone(),
            scored: a.scored,
            recorded: a.recorded,
            not_applicable: a.not_applicable,
            unanswered: a.unanswered,
        }
    }
}

impl AggregateRecord {
    /// Points counted in this aggregate.
    pub fn total(&self) -> usize {
        self.scored + self.recorded + self.not_applicable + self.unanswered
    }

    fn matches(&self, a: &Aggregate) -> bool {
        let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-6,
            (None, None) => true,
            _ => false,
        };
        close(self.score, a.score)
            && close(self.ratio, a.ratio)
            && self.level == a.level
            && (
                self.scored,
                self.recorded,
                self.not_applicable,
                self.unanswered,
            ) == (a.scored, a.recorded, a.not_applicable, a.unanswered)
    }
}

/// What became of one point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "o", rename_all = "snake_case", deny_unknown_fields)]
pub enum PointRecord {
    /// Not answered.
    Unanswered,
    /// Marked not applicable (the reason is in the answer).
    NotApplicable,
    /// Answered but not scored.
    Recorded,
    /// Scored.
    Scored {
        /// Score between 0 and the scale's maximum.
        score: f64,
        /// For number points with a target: whether it was met.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target_met: Option<bool>,
    },
}

impl From<&Outcome> for PointRecord {
    fn from(o: &Outcome) -> Self {
        match o {
            Outcome::Unanswered => PointRecord::Unanswered,
            Outcome::NotApplicable(_) => PointRecord::NotApplicable,
            Outcome::Recorded => PointRecord::Recorded,
            Outcome::Scored { score, target_met } => PointRecord::Scored {
                score: *score,
                target_met: *target_met,
            },
        }
    }
}

impl PointRecord {
    /// The outcome, for the rules of `scoring` and `ledger` (a not-applicable reason is left empty).
    pub fn to_outcome(&self) -> Outcome {
        match self {
            PointRecord::Unanswered => Outcome::Unanswered,
            PointRecord::NotApplicable => Outcome::NotApplicable(String::new()),
            PointRecord::Recorded => Outcome::Recorded,
            PointRecord::Scored { score, target_met } => Outcome::Scored {
                score: *score,
                target_met: *target_met,
            },
        }
    }

    fn matches(&self, o: &Outcome) -> bool {
        match (self, o) {
            (
                PointRecord::Scored { score, target_met },
                Outcome::Scored {
                    score: s,
                    target_met: t,
                },
            ) => (score - s).abs() < 1e-6 && target_met == t,
            (PointRecord::Scored { .. }, _) | (_, Outcome::Scored { .. }) => false,
            (a, b) => *a == PointRecord::from(b),
        }
    }
}

/// The scores of the evaluation as the school saw them in its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// The scale's maximum.
    pub max_score: f64,
    /// Overall.
    pub overall: AggregateRecord,
    /// Per area id.
    pub areas: BTreeMap<String, AggregateRecord>,
    /// Per indicator id.
    pub indicators: BTreeMap<String, AggregateRecord>,
    /// Per point id.
    pub points: BTreeMap<String, PointRecord>,
}

impl Scores {
    /// The scores of a score card.
    pub fn of(card: &ScoreCard) -> Self {
        Scores {
            max_score: card.max_score,
            overall: (&card.overall).into(),
            areas: card
                .areas
                .iter()
                .map(|a| (a.id.clone(), (&a.agg).into()))
                .collect(),
            indicators: card
                .areas
                .iter()
                .flat_map(|a| &a.indicators)
                .map(|i| (i.id.clone(), (&i.agg).into()))
                .collect(),
            points: card
                .points
                .iter()
                .map(|(id, o)| (id.clone(), o.into()))
                .collect(),
        }
    }

    /// The first figure that differs from a recomputed score card, by id (`overall` for the whole).
    fn mismatch(&self, card: &ScoreCard) -> Option<String> {
        if (self.max_score - card.max_score).abs() > 1e-9 || !self.overall.matches(&card.overall) {
            return Some("overall".into());
        }
        let indicators = card.areas.iter().flat_map(|a| &a.indicators).count();
        if self.areas.len() != card.areas.len()
            || self.indicators.len() != indicators
            || self.points.len() != card.points.len()
        {
            return Some("overall".into());
        }
        for a in &card.areas {
            if !self.areas.get(&a.id).is_some_and(|r| r.matches(&a.agg)) {
                return Some(a.id.clone());
            }
            for i in &a.indicators {
                if !self
                    .indicators
                    .get(&i.id)
                    .is_some_and(|r| r.matches(&i.agg))
                {
                    return Some(i.id.clone());
                }
            }
        }
        card.points
            .iter()
            .find(|(id, o)| !self.points.get(*id).is_some_and(|r| r.matches(o)))
            .map(|(id, _)| id.clone())
    }
}

// ───────────────────────────── the other parts ─────────────────────────────

/// Teachers' answers summarised per point. Names and notes of staff are left out on purpose: the package
/// goes to the bureau, the teachers answered for their school.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RespondentSummary {
    /// Answer files merged.
    pub files: usize,
    /// Per point id.
    pub points: BTreeMap<String, RespondentPoint>,
}

/// What the teachers said about one point.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RespondentPoint {
    /// Teachers who answered it.
    pub count: usize,
    /// Teachers who marked it not applicable.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_applicable: usize,
    /// Level id → teachers, in scale order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<(String, usize)>,
    /// 是.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub yes: usize,
    /// 否.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub no: usize,
    /// Mean score (level and yes/no points) or mean value (number points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
}

impl RespondentPoint {
    /// The counts of a point's statistics; the notes stay at the school.
    pub fn of(s: respondents::PointStats) -> Self {
        RespondentPoint {
            count: s.count,
            not_applicable: s.not_applicable,
            levels: s.levels,
            yes: s.yes_no.0,
            no: s.yes_no.1,
            mean: s.mean,
        }
    }

    /// The statistics again (without notes), as the report's summaries take them.
    pub fn to_stats(&self) -> respondents::PointStats {
        respondents::PointStats {
            count: self.count,
            not_applicable: self.not_applicable,
            levels: self.levels.clone(),
            yes_no: (self.yes, self.no),
            mean: self.mean,
            notes: vec![],
        }
    }
}

impl RespondentSummary {
    /// The summary of teachers' answer files.
    pub fn of(fw: &Framework, files: &[AnswerFile]) -> Self {
        RespondentSummary {
            files: files.len(),
            points: respondents::stats(fw, files)
                .into_iter()
                .map(|(id, s)| (id, RespondentPoint::of(s)))
                .collect(),
        }
    }
}

/// The evaluation: period, answers and scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedEvaluation {
    /// The evaluation's id in the school's tool.
    pub id: String,
    /// School year.
    pub school_year: SchoolYear,
    /// Term.
    pub term: Term,
    /// When the evaluation was started (ISO date).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    /// The principal's answers by point id.
    pub answers: BTreeMap<String, Answer>,
    /// Scores.
    pub scores: Scores,
    /// Teachers' answers, when any were merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondents: Option<RespondentSummary>,
    /// The whole-staff collection (全员自评), when staff answers were collected (format version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<SubmittedStaff>,
}

/// The whole-staff collection as the school's report shows it: participation per department (with the
/// named people who have not answered, as the report's participation annex names them; survey answers
/// never carry names) and per point the staff's counts, distribution, mean and the two divergence flags.
/// Staff notes and the names of those who answered stay at the school.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedStaff {
    /// Everyone invited, when every department's number is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<usize>,
    /// Answers returned.
    pub returned: usize,
    /// Per department, then the school level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participation: Vec<ParticipationRow>,
    /// Per point id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub points: BTreeMap<String, SubmittedStaffPoint>,
}

/// What the staff said about one point, with the flags of the collection.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedStaffPoint {
    /// Counts, distribution and mean, as for teachers' answer files.
    pub stats: RespondentPoint,
    /// Staff disagree among themselves (spread of two levels or more).
    #[serde(default, skip_serializing_if = "is_false")]
    pub disagree: bool,
    /// Staff differ from the school's conclusion.
    #[serde(default, skip_serializing_if = "is_false")]
    pub differs: bool,
}

impl SubmittedStaff {
    /// The collection of an evaluation for its package; `None` when no staff answers came back.
    pub fn of(fw: &Framework, staff: &Staff, principal: &Answers) -> Option<Self> {
        if staff.submissions.is_empty() {
            return None;
        }
        let report = staff.report(fw, principal);
        let points = staff
            .points(fw, principal)
            .into_iter()
            .map(|p| {
                (
                    p.point_id,
                    SubmittedStaffPoint {
                        stats: RespondentPoint::of(p.stats),
                        disagree: p.disagree,
                        differs: p.differs,
                    },
                )
            })
            .collect();
        Some(SubmittedStaff {
            invited: report.invited,
            returned: report.returned,
            participation: report.participation,
            points,
        })
    }

    /// The collection as the report takes it. The divergences are not rebuilt: the report's 基本情况 as the
    /// school exported it already says where views diverge, and the score sheet shows the flags.
    pub fn to_report(&self, fw: &Framework) -> StaffReport {
        let stats = self
            .points
            .iter()
            .map(|(id, p)| {
                let mut text = respondents::summary(fw, id, &p.stats.to_stats());
                if p.disagree {
                    text.push_str("；意见分歧");
                }
                if p.differs {
                    text.push_str("；与学校结论不同");
                }
                (
                    id.clone(),
                    RespondentStats {
                        count: p.stats.count,
                        summary: text,
                    },
                )
            })
            .collect();
        StaffReport {
            participation: self.participation.clone(),
            invited: self.invited,
            returned: self.returned,
            divergences: vec![],
            stats,
        }
    }
}

/// One narrative section of the report as the principal left it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedSection {
    /// Key, one of [`SECTION_KEYS`].
    pub key: String,
    /// Heading, e.g. 一、基本情况.
    pub heading: String,
    /// The final text (the principal's edit, or the draft).
    pub text: String,
    /// Whether the principal edited it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub edited: bool,
}

/// The 自评报告 as exported: its final texts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedReport {
    /// Title.
    pub title: String,
    /// 文号, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_number: String,
    /// The report's date as printed, e.g. 2026年6月30日.
    #[serde(default)]
    pub date: String,
    /// The narrative sections in order.
    pub sections: Vec<SubmittedSection>,
}

/// A phase of the 自评方案.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPhase {
    /// e.g. 动员部署阶段.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

/// Whether the school made its 自评方案, and its dates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSummary {
    /// A 自评方案 exists.
    pub made: bool,
    /// Its title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// When it was made (ISO date).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    /// People in its 领导小组.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub people: usize,
    /// Its phases with dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<PlanPhase>,
}

impl PlanSummary {
    /// The summary of a plan document.
    pub fn of(header: &PlanHeader, plan: &Plan) -> Self {
        let blocks = || plan.sections.iter().flat_map(|s| &s.blocks);
        PlanSummary {
            made: true,
            title: plan.title.trim().to_string(),
            created: header.created.clone(),
            people: blocks()
                .find_map(|b| match b {
                    Block::People { people } => Some(people.len()),
                    _ => None,
                })
                .unwrap_or(0),
            phases: blocks()
                .filter_map(|b| match b {
                    Block::Phases { phases } => Some(phases),
                    _ => None,
                })
                .flatten()
                .map(|p| PlanPhase {
                    name: p.name.trim().to_string(),
                    start: p.start,
                    end: p.end,
                })
                .collect(),
        }
    }

    /// The first and last day of the plan's phases.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let start = self.phases.iter().map(|p| p.start.min(p.end)).min()?;
        let end = self.phases.iter().map(|p| p.start.max(p.end)).max()?;
        Some((start, end))
    }
}

/// A task of the ledger as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedTask {
    /// 任务
    pub title: String,
    /// Area title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    /// Linked point ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<String>,
    /// 责任人
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// 责任部门
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// 开始日期
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// 完成时限
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Status as the school set it.
    pub status: Status,
    /// Days past the due date on the export date, for a task that was overdue then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue_days: Option<i64>,
    /// Measurable target.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
    /// Milestones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// Progress notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ProgressNote>,
}

fn overdue_days(status: Status, due: Option<NaiveDate>, as_of: NaiveDate) -> Option<i64> {
    match due {
        Some(d) if status != Status::Done && d < as_of => Some((as_of - d).num_days()),
        _ => None,
    }
}

impl SubmittedTask {
    /// Overdue on the export date.
    pub fn is_overdue(&self) -> bool {
        self.overdue_days.is_some()
    }

    /// The status to show: 已延期 for a task overdue on the export date.
    pub fn shown_status(&self) -> Status {
        if self.is_overdue() {
            Status::Delayed
        } else {
            self.status
        }
    }
}

/// One evidence file as a package names it: no bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedFile {
    /// The file name as the school attached it.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes: the county can check a file handed in later (e.g. in the evidence package).
    pub sha256: ContentHash,
}

/// The evidence of one point as a package carries it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedPointEvidence {
    /// Items in the point's 佐证材料 list (the outline carries no lists, so the count travels here).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub listed: usize,
    /// Of those, present (ticked, or evidenced by a file).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub present: usize,
    /// Whether the point has any evidence (a file, or an item ticked present).
    #[serde(default, skip_serializing_if = "is_false")]
    pub any: bool,
    /// The attached files, in the order attached.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<SubmittedFile>,
}

/// The evidence summary of a package: per point id, every point of the framework that lists evidence or has
/// files.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedEvidence {
    /// Per point id.
    pub points: BTreeMap<String, SubmittedPointEvidence>,
}

impl SubmittedEvidence {
    /// The summary of an evaluation's evidence over its framework (evidence of points the framework no longer
    /// has is left out: the county reads the evaluation as scored).
    pub fn of(fw: &Framework, doc: &EvidenceDoc) -> Self {
        let mut points = BTreeMap::new();
        for (_, _, p) in fw.points() {
            let pe = doc.point(&p.id);
            let c = evidence_counts::point_count(p, pe);
            if c.listed == 0 && c.files == 0 {
                continue;
            }
            points.insert(
                p.id.clone(),
                SubmittedPointEvidence {
                    listed: c.listed,
                    present: c.present,
                    any: c.points_with_evidence > 0,
                    files: pe
                        .map(|e| {
                            e.files
                                .iter()
                                .map(|f| SubmittedFile {
                                    name: f.name.clone(),
                                    size: f.size,
                                    sha256: f.hash.clone(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                },
            );
        }
        SubmittedEvidence { points }
    }
}

/// The content of a 上报包.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Unique id of this export: the same file imported twice is recognised by it.
    pub id: String,
    /// When it was exported (the school computer's local time); the ledger's overdue days are as of this date.
    pub exported_at: NaiveDateTime,
    /// The school's profile.
    pub school: School,
    /// The framework answered.
    pub framework: FrameworkOutline,
    /// The evaluation.
    pub evaluation: SubmittedEvaluation,
    /// The 自评报告.
    pub report: SubmittedReport,
    /// The 自评方案.
    pub plan: PlanSummary,
    /// The ledger's tasks for this evaluation.
    #[serde(default)]
    pub ledger: Vec<SubmittedTask>,
    /// The evidence summary, when the school chose to send it (format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<SubmittedEvidence>,
}

/// Everything a package is made from, on the school's computer.
pub struct SubmissionInput<'a> {
    /// A new unique id for this export.
    pub id: &'a str,
    /// Now.
    pub exported_at: NaiveDateTime,
    /// The school.
    pub school: &'a School,
    /// The evaluation exported.
    pub header: &'a EvaluationHeader,
    /// Its framework.
    pub fw: &'a Framework,
    /// The principal's answers.
    pub answers: &'a Answers,
    /// Teachers' answer files merged into the evaluation.
    pub respondents: &'a [AnswerFile],
    /// The whole-staff collection of the evaluation, if any.
    pub staff: Option<&'a Staff>,
    /// The report's final texts (`xzzp_documents` drafts them).
    pub report: SubmittedReport,
    /// The 自评方案, if the school made one (see [`self_evaluation_plan`]).
    pub plan: Option<(&'a PlanHeader, &'a Plan)>,
    /// The school's ledger (tasks of other evaluations are left out).
    pub ledger: &'a Ledger,
}

/// The school's 自评方案 for an evaluation: a plan of the self-evaluation template linked to it, else one of
/// the same school year; the most recently made.
pub fn self_evaluation_plan<'a>(
    ws: &'a Workspace,
    header: &EvaluationHeader,
) -> Option<&'a PlanHeader> {
    let mine = || {
        ws.plans
            .iter()
            .filter(|p| p.school_id == header.school_id && p.template_id == SELF_EVAL_PLAN_TEMPLATE)
    };
    mine()
        .filter(|p| p.evaluation_id.as_deref() == Some(header.id.as_str()))
        .max_by(|a, b| a.created.cmp(&b.created))
        .or_else(|| {
            mine()
                .filter(|p| p.school_year == header.school_year)
                .max_by(|a, b| a.created.cmp(&b.created))
        })
}

/// Makes the package content. Answers to points the framework does not have, and values that do not fit their
/// point, are left out (scoring ignores them too); notes stay.
pub fn build(input: &SubmissionInput) -> Submission {
    let fw = input.fw;
    let mut answers = Answers::default();
    for (id, a) in &input.answers.by_point {
        let Some(point) = fw.point(id) else {
            continue;
        };
        let value = a
            .value
            .clone()
            .filter(|v| check_value(fw, point, v).is_ok());
        let clean = Answer {
            value,
            note: a.note.clone(),
            not_applicable: a.not_applicable.clone(),
        };
        if !clean.is_blank() {
            answers.by_point.insert(id.clone(), clean);
        }
    }
    let card = score(fw, &answers);
    let as_of = input.exported_at.date();
    let ledger = input
        .ledger
        .tasks
        .iter()
        .filter(|t| {
            t.evaluation_id.is_none()
                || t.evaluation_id.as_deref() == Some(input.header.id.as_str())
        })
        .map(|t| SubmittedTask {
            title: t.title.clone(),
            area: t.area.clone(),
            points: t.points.clone(),
            owner: t.owner.clone(),
            department: t.department.clone(),
            start: t.start,
            due: t.due,
            status: t.status,
            overdue_days: overdue_days(t.status, t.due, as_of),
            target: t.target.clone(),
            milestones: t.milestones.clone(),
            notes: t.notes.clone(),
        })
        .collect();
    Submission {
        id: input.id.to_string(),
        exported_at: input.exported_at,
        school: input.school.clone(),
        framework: FrameworkOutline::of(fw),
        evaluation: SubmittedEvaluation {
            id: input.header.id.clone(),
            school_year: input.header.school_year,
            term: input.header.term,
            created: input.header.created.clone(),
            answers: answers.by_point,
            scores: Scores::of(&card),
            respondents: (!input.respondents.is_empty())
                .then(|| RespondentSummary::of(fw, input.respondents)),
            staff: input
                .staff
                .and_then(|st| SubmittedStaff::of(fw, st, input.answers)),
        },
        report: input.report.clone(),
        plan: input
            .plan
            .map(|(h, p)| PlanSummary::of(h, p))
            .unwrap_or_default(),
        ledger,
        evidence: None,
    }
}

impl Submission {
    /// The package with the evidence summary of the evaluation (see [`SubmittedEvidence::of`]).
    pub fn with_evidence(mut self, fw: &Framework, doc: &EvidenceDoc) -> Self {
        self.evidence = Some(SubmittedEvidence::of(fw, doc));
        self
    }

    /// The format version this package is written with: the lowest that holds its content.
    pub fn format_version(&self) -> u32 {
        if self.evaluation.staff.is_some() {
            SUBMISSION_VERSION
        } else if self.evidence.is_some() {
            SUBMISSION_VERSION_EVIDENCE
        } else {
            SUBMISSION_VERSION_PLAIN
        }
    }

    /// The evidence counted per area and indicator over the points that apply (as the school's report
    /// counts it), when the package carries the summary.
    pub fn evidence_progress(&self) -> Option<EvidenceProgress> {
        let ev = self.evidence.as_ref()?;
        let mut out = EvidenceProgress::default();
        let applies = |id: &str| {
            self.evaluation
                .answers
                .get(id)
                .is_none_or(|a| a.not_applicable.is_none())
        };
        for a in &self.framework.areas {
            let mut area = EvidenceCount::default();
            let mut per_indicator = Vec::new();
            for i in &a.indicators {
                let mut c = EvidenceCount::default();
                for p in i.points.iter().filter(|p| applies(&p.id)) {
                    let e = ev.points.get(&p.id);
                    c.points += 1;
                    c.listed += e.map_or(0, |e| e.listed);
                    c.present += e.map_or(0, |e| e.present);
                    c.files += e.map_or(0, |e| e.files.len());
                    c.points_with_evidence += usize::from(e.is_some_and(|e| e.any));
                }
                area.listed += c.listed;
                area.present += c.present;
                area.files += c.files;
                area.points += c.points;
                area.points_with_evidence += c.points_with_evidence;
                per_indicator.push(c);
            }
            out.overall.listed += area.listed;
            out.overall.present += area.present;
            out.overall.files += area.files;
            out.overall.points += area.points;
            out.overall.points_with_evidence += area.points_with_evidence;
            out.areas.push(area);
            out.indicators.push(per_indicator);
        }
        Some(out)
    }

    /// The date the ledger's overdue flags refer to.
    pub fn as_of(&self) -> NaiveDate {
        self.exported_at.date()
    }

    /// The school year and term, e.g. 2025—2026学年 全学年.
    pub fn period(&self) -> String {
        format!(
            "{} {}",
            self.evaluation.school_year.zh(),
            self.evaluation.term.zh()
        )
    }

    /// The period in English.
    pub fn period_en(&self) -> String {
        format!(
            "{}, {}",
            self.evaluation.school_year.en(),
            self.evaluation.term.en().to_lowercase()
        )
    }

    /// The answers, as the rest of the domain takes them.
    pub fn answers(&self) -> Answers {
        Answers {
            by_point: self.evaluation.answers.clone(),
            position: None,
            set_aside: Vec::new(),
        }
    }

    /// Points done (answered or not applicable) over all points.
    pub fn progress(&self) -> Progress {
        let o = &self.evaluation.scores.overall;
        Progress {
            done: o.total() - o.unanswered,
            total: self.framework.point_count(),
        }
    }

    /// Whether a point is weak under the scale's threshold: a low level, a 否, or a missed target (the rules of
    /// [`crate::ledger::is_weak`]).
    pub fn is_weak(&self, point: &OutlinePoint) -> bool {
        let rule = WeakRule {
            at_most: self.framework.scale.weakness_at_most,
        };
        self.evaluation
            .scores
            .points
            .get(&point.id)
            .is_some_and(|r| {
                is_weak_outcome(
                    point.kind,
                    &r.to_outcome(),
                    self.evaluation.scores.max_score,
                    rule,
                )
            })
    }

    /// The weak points, in framework order.
    pub fn weak_points(&self) -> Vec<&OutlinePoint> {
        self.framework
            .points()
            .map(|(_, _, p)| p)
            .filter(|p| self.is_weak(p))
            .collect()
    }

    /// Tasks overdue on the export date.
    pub fn overdue_tasks(&self) -> impl Iterator<Item = &SubmittedTask> {
        self.ledger.iter().filter(|t| t.is_overdue())
    }

    /// A file name for the package, safe on Windows, e.g. 上报包-示例小学-2025—2026学年-20260630.json.
    pub fn file_name(&self) -> String {
        let school: String = self
            .school
            .name
            .trim()
            .chars()
            .map(|c| {
                if c.is_control() || r#"<>:"/\|?*"#.contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .take(60)
            .collect();
        format!(
            "上报包-{}-{}-{}.json",
            school.trim(),
            self.evaluation.school_year.zh(),
            {
                use chrono::Datelike;
                let d = self.exported_at.date();
                format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
            }
        )
    }
}

// ───────────────────────────── writing and reading ─────────────────────────────

/// FNV-1a, 64 bit.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.bytes(bytes);
    h.0
}

/// FNV-1a fed field by field; each string ends with a 0xff byte (never part of UTF-8), so that fields cannot
/// run into each other.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes()).bytes(&[0xff])
    }

    fn f64(&mut self, v: f64) -> &mut Self {
        self.bytes(&v.to_bits().to_le_bytes())
    }
}

fn checksum(content: &str) -> String {
    format!("fnv1a64:{:016x}", fnv1a64(content.as_bytes()))
}

/// The package file: one line of JSON with the checksum over the content.
pub fn to_file(sub: &Submission) -> String {
    let content = serde_json::to_string(sub).expect("submissions always serialise");
    format!(
        "{{\"format\":\"{SUBMISSION_FORMAT}\",\"version\":{},\"checksum\":\"{}\",\"content\":{content}}}",
        sub.format_version(),
        checksum(&content)
    )
}

/// What a file given as a package turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A backup of the school's data.
    Backup,
    /// A teacher's answer file.
    TeacherAnswers,
    /// A value copied out of the browser's storage.
    StoredData,
    /// Another file of this tool, by its format tag.
    Other(String),
}

/// What is wrong inside a package that passed its checksum, or that lacks parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A required part is missing (by its field name).
    Missing(String),
    /// A part this version does not know (by its field name).
    UnknownPart(String),
    /// A value this version does not know.
    UnknownValue(String),
    /// A value of the wrong type.
    WrongType,
    /// The package has no id.
    NoId,
    /// The school has no name.
    NoSchoolName,
    /// The framework outline breaks the framework rules.
    BadOutline(usize),
    /// An answer to a point the framework does not have.
    UnknownPoint(String),
    /// An answer that does not fit its point.
    BadAnswer(String),
    /// A stored score that the answers do not give (area, indicator or point id; `overall` for the whole).
    ScoreMismatch(String),
    /// A report section this version does not know.
    UnknownSection(String),
    /// A report section given twice.
    DuplicateSection(String),
    /// A task whose overdue days do not follow from its dates.
    OverdueMismatch(String),
    /// A point's evidence figures that do not add up (point id).
    EvidenceMismatch(String),
}

impl Localized for Problem {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Missing(f), Lang::Zh) => format!("缺少必要的内容（{f}）"),
            (Problem::Missing(f), Lang::En) => format!("a required part is missing ({f})"),
            (Problem::UnknownPart(f), Lang::Zh) => format!("含有本版本不认识的内容（{f}）"),
            (Problem::UnknownPart(f), Lang::En) => {
                format!("it contains a part this version does not know ({f})")
            }
            (Problem::UnknownValue(v), Lang::Zh) => format!("含有本版本不认识的取值（{v}）"),
            (Problem::UnknownValue(v), Lang::En) => {
                format!("it contains a value this version does not know ({v})")
            }
            (Problem::WrongType, Lang::Zh) => "有数据的类型不对".into(),
            (Problem::WrongType, Lang::En) => "a value has the wrong type".into(),
            (Problem::NoId, Lang::Zh) => "缺少上报包编号".into(),
            (Problem::NoId, Lang::En) => "the package has no id".into(),
            (Problem::NoSchoolName, Lang::Zh) => "没有学校名称".into(),
            (Problem::NoSchoolName, Lang::En) => "the school has no name".into(),
            (Problem::BadOutline(n), Lang::Zh) => format!("评价框架的提纲有 {n} 处错误"),
            (Problem::BadOutline(n), Lang::En) => {
                format!("the framework outline has {n} error(s)")
            }
            (Problem::UnknownPoint(p), Lang::Zh) => format!("考查要点“{p}”不在评价框架中"),
            (Problem::UnknownPoint(p), Lang::En) => {
                format!("point {p} is not in the framework")
            }
            (Problem::BadAnswer(p), Lang::Zh) => format!("考查要点“{p}”的答案与要点类型不符"),
            (Problem::BadAnswer(p), Lang::En) => {
                format!("the answer to point {p} does not fit the point")
            }
            (Problem::ScoreMismatch(id), Lang::Zh) if id == "overall" => {
                "总体得分与答案不一致".into()
            }
            (Problem::ScoreMismatch(id), Lang::En) if id == "overall" => {
                "the overall score does not follow from the answers".into()
            }
            (Problem::ScoreMismatch(id), Lang::Zh) => format!("“{id}”的得分与答案不一致"),
            (Problem::ScoreMismatch(id), Lang::En) => {
                format!("the score of {id} does not follow from the answers")
            }
            (Problem::UnknownSection(k), Lang::Zh) => format!("报告中有本版本不认识的部分（{k}）"),
            (Problem::UnknownSection(k), Lang::En) => {
                format!("the report has a section this version does not know ({k})")
            }
            (Problem::DuplicateSection(k), Lang::Zh) => format!("报告的“{k}”部分出现了两次"),
            (Problem::DuplicateSection(k), Lang::En) => {
                format!("the report section {k} appears twice")
            }
            (Problem::OverdueMismatch(t), Lang::Zh) => {
                format!("台账任务“{t}”的逾期天数与其日期不符")
            }
            (Problem::OverdueMismatch(t), Lang::En) => {
                format!("the overdue days of task “{t}” do not follow from its dates")
            }
            (Problem::EvidenceMismatch(p), Lang::Zh) => {
                format!("考查要点“{p}”的佐证材料数目前后不一致")
            }
            (Problem::EvidenceMismatch(p), Lang::En) => {
                format!("the evidence figures of point {p} do not add up")
            }
        }
    }
}

/// Why a file was refused as a package. Nothing is imported when a file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmissionError {
    /// Empty file.
    Empty,
    /// Larger than [`MAX_SUBMISSION_BYTES`].
    TooLarge(usize),
    /// A ZIP archive or an Office document.
    Archive,
    /// Not UTF-8 text.
    NotText,
    /// Cut off.
    Truncated,
    /// Not JSON.
    NotJson,
    /// JSON of another program.
    NotOurs,
    /// Another kind of file of this tool.
    WrongKind(FileKind),
    /// A package of a newer format version.
    Newer(u64),
    /// No format version.
    NoVersion,
    /// Changed after export: the checksum is missing or does not match the content.
    Edited,
    /// The content is incomplete or inconsistent.
    Damaged(Problem),
}

impl Localized for SubmissionError {
    fn text(&self, lang: Lang) -> String {
        use SubmissionError as E;
        let what = match (self, lang) {
            (E::Empty, Lang::Zh) => "文件是空的".to_string(),
            (E::Empty, Lang::En) => "the file is empty".to_string(),
            (E::TooLarge(n), Lang::Zh) => format!(
                "文件太大（{:.1} MB），上报包一般只有几十 KB，可能选错了文件",
                *n as f64 / 1_048_576.0
            ),
            (E::TooLarge(n), Lang::En) => format!(
                "the file is too large ({:.1} MB); a package is usually a few dozen KB, so this may be the wrong file",
                *n as f64 / 1_048_576.0
            ),
            (E::Archive, Lang::Zh) => {
                "这是压缩包或 Word、Excel 等文档，不是上报包（上报包是 .json 文件）".into()
            }
            (E::Archive, Lang::En) => {
                "this is a ZIP archive or an Office document, not a package (packages are .json files)".into()
            }
            (E::NotText, Lang::Zh) => {
                "这不是上报包：文件不是 UTF-8 文本，可能选错了文件，或文件被其他软件另存过".into()
            }
            (E::NotText, Lang::En) => {
                "this is not a package: the file is not UTF-8 text; it may be the wrong file, or another program re-saved it".into()
            }
            (E::Truncated, Lang::Zh) => {
                "上报包不完整，可能在复制、下载或用聊天软件传送时被截断，请学校重新发送".into()
            }
            (E::Truncated, Lang::En) => {
                "the package is incomplete; it was probably cut off while being copied, downloaded or sent by chat. Ask the school to send it again".into()
            }
            (E::NotJson, Lang::Zh) => "这不是上报包：文件内容不是 JSON 格式，可能选错了文件".into(),
            (E::NotJson, Lang::En) => {
                "this is not a package: the file is not JSON; it may be the wrong file".into()
            }
            (E::NotOurs, Lang::Zh) => "这是其他程序的 JSON 文件，不是本工具导出的上报包".into(),
            (E::NotOurs, Lang::En) => {
                "this is a JSON file of another program, not a package exported by this tool".into()
            }
            (E::WrongKind(FileKind::Backup), Lang::Zh) => {
                "这是本工具的备份文件，不是上报包。备份含有学校的全部数据，不应发给教育局；请学校在“自评报告”页面导出上报包".into()
            }
            (E::WrongKind(FileKind::Backup), Lang::En) => {
                "this is a backup file of this tool, not a package. A backup holds all of a school's data and should not be sent to the bureau; ask the school to export its package from the Report page".into()
            }
            (E::WrongKind(FileKind::TeacherAnswers), Lang::Zh) => {
                "这是教职工的答卷文件，应交给本校校长导入自评，不是学校的上报包".into()
            }
            (E::WrongKind(FileKind::TeacherAnswers), Lang::En) => {
                "this is a teacher's answer file, to be imported by the principal of the school; it is not the school's package".into()
            }
            (E::WrongKind(FileKind::StoredData), Lang::Zh) => {
                "这是从浏览器存储中下载的原始数据，不是上报包".into()
            }
            (E::WrongKind(FileKind::StoredData), Lang::En) => {
                "this is raw data downloaded from a browser's storage, not a package".into()
            }
            (E::WrongKind(FileKind::Other(f)), Lang::Zh) => {
                format!("这是本工具的其他文件（{f}），不是上报包")
            }
            (E::WrongKind(FileKind::Other(f)), Lang::En) => {
                format!("this is another kind of file of this tool ({f}), not a package")
            }
            (E::Newer(v), Lang::Zh) => format!(
                "上报包由更新版本的本工具导出（文件格式第 {v} 版，本版本只能读取到第 {SUBMISSION_VERSION} 版），请先更新本工具"
            ),
            (E::Newer(v), Lang::En) => format!(
                "the package was exported by a newer version of this tool (format version {v}; this version reads up to {SUBMISSION_VERSION}); update this tool first"
            ),
            (E::NoVersion, Lang::Zh) => "上报包缺少文件格式版本，文件可能被改动过".into(),
            (E::NoVersion, Lang::En) => {
                "the package has no format version; it may have been changed".into()
            }
            (E::Edited, Lang::Zh) => {
                "上报包在导出后被改动过（校验码不符）。请学校重新导出并发送原文件，不要用记事本等软件打开后保存".into()
            }
            (E::Edited, Lang::En) => {
                "the package was changed after it was exported (the checksum does not match). Ask the school to export it again and send the file as it is, without opening and saving it in an editor".into()
            }
            (E::Damaged(p), Lang::Zh) => {
                format!("上报包的内容不完整或前后不一致：{}。请学校重新导出", p.zh())
            }
            (E::Damaged(p), Lang::En) => format!(
                "the package is incomplete or inconsistent: {}. Ask the school to export it again",
                p.text(Lang::En)
            ),
        };
        match lang {
            Lang::Zh => format!("无法导入：{what}。未导入任何内容。"),
            Lang::En => format!("Cannot import: {what}. Nothing was imported."),
        }
    }
}

/// The top level of a file, read in one pass: what tells one kind of file from another, and the package's
/// parts, with `content` kept as its exact text for the checksum.
#[derive(Default)]
struct Head<'a> {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    checksum: Option<serde_json::Value>,
    content: Option<&'a RawValue>,
    schema: bool,
    data: bool,
    /// The first key that is none of the above.
    unknown: Option<String>,
}

impl<'de> Deserialize<'de> for Head<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Head<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Head<'de>, A::Error> {
                let mut h = Head::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "format" => h.format = Some(map.next_value()?),
                        "version" => h.version = Some(map.next_value()?),
                        "checksum" => h.checksum = Some(map.next_value()?),
                        "content" => h.content = Some(map.next_value()?),
                        other => {
                            match other {
                                "schema" => h.schema = true,
                                "data" => h.data = true,
                                _ if h.unknown.is_none() => {
                                    h.unknown = Some(other.chars().take(40).collect())
                                }
                                _ => {}
                            }
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(h)
            }
        }
        d.deserialize_map(V)
    }
}

/// A serde error as a typed problem, naming the field when serde does.
fn shape(e: &serde_json::Error) -> Problem {
    let msg = e.to_string();
    let quoted = msg
        .split('`')
        .nth(1)
        .map(|s| s.chars().take(40).collect::<String>())
        .unwrap_or_default();
    if msg.starts_with("missing field") {
        Problem::Missing(quoted)
    } else if msg.starts_with("unknown field") {
        Problem::UnknownPart(quoted)
    } else if msg.starts_with("unknown variant") {
        Problem::UnknownValue(quoted)
    } else {
        Problem::WrongType
    }
}

/// Reads a file given as a 上报包: refuses, with a message saying what it is, anything that is not an
/// unchanged package of a version this build reads; then checks the content (see [`check`]).
pub fn parse(bytes: &[u8]) -> Result<Submission, SubmissionError> {
    use SubmissionError as E;
    if bytes.len() > MAX_SUBMISSION_BYTES {
        return Err(E::TooLarge(bytes.len()));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Err(E::Archive);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| E::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(E::Empty);
    }
    let head: Head = match serde_json::from_str(text) {
        Ok(h) => h,
        // Syntax decides first, so that a cut-off file is called cut off whatever its shape.
        Err(_) => {
            return Err(match serde_json::from_str::<IgnoredAny>(text) {
                Err(e) if e.is_eof() => E::Truncated,
                Err(_) => E::NotJson,
                Ok(_) => E::NotOurs,
            })
        }
    };
    match head.format.as_ref().and_then(|f| f.as_str()) {
        Some(SUBMISSION_FORMAT) => {}
        Some(BACKUP_FORMAT) => return Err(E::WrongKind(FileKind::Backup)),
        Some(ANSWERS_FORMAT) => return Err(E::WrongKind(FileKind::TeacherAnswers)),
        Some(f) if f.starts_with("xzzp-") => {
            return Err(E::WrongKind(FileKind::Other(f.chars().take(40).collect())))
        }
        None if head.schema && head.data => return Err(E::WrongKind(FileKind::StoredData)),
        _ => return Err(E::NotOurs),
    }
    let version = match head.version.as_ref().and_then(|v| v.as_u64()) {
        None | Some(0) => return Err(E::NoVersion),
        Some(v) if v > SUBMISSION_VERSION as u64 => return Err(E::Newer(v)),
        Some(v) => v,
    };
    if let Some(key) = head.unknown {
        return Err(E::Damaged(Problem::UnknownPart(key)));
    }
    let Some(content) = head.content.map(RawValue::get) else {
        return Err(E::Damaged(Problem::Missing("content".into())));
    };
    if head.checksum.as_ref().and_then(|c| c.as_str()) != Some(checksum(content).as_str()) {
        return Err(E::Edited);
    }
    let sub: Submission = serde_json::from_str(content).map_err(|e| E::Damaged(shape(&e)))?;
    if version < SUBMISSION_VERSION as u64 && sub.evaluation.staff.is_some() {
        // Versions 1 and 2 have no whole-staff collection: the part was added by hand.
        return Err(E::Damaged(Problem::UnknownPart("staff".into())));
    }
    if version < SUBMISSION_VERSION_EVIDENCE as u64 && sub.evidence.is_some() {
        // Version 1 has no evidence summary: the part was added by hand.
        return Err(E::Damaged(Problem::UnknownPart("evidence".into())));
    }
    check(&sub).map_err(E::Damaged)?;
    Ok(sub)
}

/// Checks a package's content: ids and names present, a valid framework outline, answers that fit their points,
/// stored scores equal to the scores the answers give, known report sections, overdue days that follow from
/// the tasks' dates. [`parse`] runs it; a school's tool can run it before offering the download.
pub fn check(sub: &Submission) -> Result<(), Problem> {
    if sub.id.trim().is_empty() {
        return Err(Problem::NoId);
    }
    if sub.school.name.trim().is_empty() {
        return Err(Problem::NoSchoolName);
    }
    let fw = sub.framework.to_framework();
    let errs = validate(&fw);
    if !errs.is_empty() {
        return Err(Problem::BadOutline(errs.len()));
    }
    let points: BTreeMap<&str, &Point> = fw.points().map(|(_, _, p)| (p.id.as_str(), p)).collect();
    for (id, a) in &sub.evaluation.answers {
        let Some(point) = points.get(id.as_str()) else {
            return Err(Problem::UnknownPoint(id.chars().take(40).collect()));
        };
        if let Some(v) = &a.value {
            check_value(&fw, point, v).map_err(|_| Problem::BadAnswer(id.clone()))?;
        }
    }
    let card = score(&fw, &sub.answers());
    if let Some(id) = sub.evaluation.scores.mismatch(&card) {
        return Err(Problem::ScoreMismatch(id));
    }
    let mut seen = BTreeSet::new();
    for s in &sub.report.sections {
        if !SECTION_KEYS.contains(&s.key.as_str()) {
            return Err(Problem::UnknownSection(s.key.chars().take(40).collect()));
        }
        if !seen.insert(s.key.as_str()) {
            return Err(Problem::DuplicateSection(
                section_heading(&s.key).to_string(),
            ));
        }
    }
    let as_of = sub.as_of();
    for t in &sub.ledger {
        if t.overdue_days != overdue_days(t.status, t.due, as_of) {
            return Err(Problem::OverdueMismatch(t.title.chars().take(40).collect()));
        }
    }
    for (id, e) in sub.evidence.iter().flat_map(|e| &e.points) {
        if !points.contains_key(id.as_str()) {
            return Err(Problem::UnknownPoint(id.chars().take(40).collect()));
        }
        // More present than listed, or evidence said absent beside a file: figures that do not add up.
        if e.present > e.listed || (!e.any && (e.present > 0 || !e.files.is_empty())) {
            return Err(Problem::EvidenceMismatch(id.chars().take(40).collect()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::{AnswerValue, Edit};
    use crate::fixtures;
    use crate::framework::SchoolType;
    use crate::ledger::Task;
    use crate::plan::{Person, Phase, Section};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(10, 15, 0).unwrap()
    }

    fn header() -> EvaluationHeader {
        EvaluationHeader {
            id: "e1".into(),
            school_id: "s1".into(),
            framework_id: "test".into(),
            framework_version: "1".into(),
            school_year: SchoolYear(2025),
            term: Term::Year,
            created: "2025-09-10".into(),
        }
    }

    fn answers(fw: &Framework) -> Answers {
        let mut a = Answers::default();
        let mut set = |id: &str, e: Edit| a.apply(fw, id, e).unwrap();
        set("p1", Edit::Value(Some(AnswerValue::Level("B".into()))));
        set("p1", Edit::Note("党组织会议记录齐全。".into()));
        set("p2", Edit::Value(Some(AnswerValue::YesNo(false))));
        set("p3", Edit::Value(Some(AnswerValue::Number(40.0))));
        set("p4", Edit::NotApplicable(Some("无寄宿生".into())));
        set("p6", Edit::Value(Some(AnswerValue::Number(3.0))));
        a
    }

    fn plan() -> (PlanHeader, Plan) {
        (
            PlanHeader {
                id: "pl1".into(),
                school_id: "s1".into(),
                template_id: SELF_EVAL_PLAN_TEMPLATE.into(),
                evaluation_id: Some("e1".into()),
                school_year: SchoolYear(2025),
                created: "2025-09-12".into(),
            },
            Plan {
                title: "示例小学学校质量自评方案".into(),
                sections: vec![Section {
                    id: "org".into(),
                    title: "组织机构".into(),
                    blocks: vec![
                        Block::People {
                            people: vec![Person::default(), Person::default()],
                        },
                        Block::Phases {
                            phases: vec![
                                Phase {
                                    name: "自查阶段".into(),
                                    start: d(2025, 10, 1),
                                    end: d(2025, 11, 30),
                                    text: String::new(),
                                },
                                Phase {
                                    name: "动员阶段".into(),
                                    start: d(2025, 9, 15),
                                    end: d(2025, 9, 30),
                                    text: String::new(),
                                },
                            ],
                        },
                    ],
                }],
                ..Plan::default()
            },
        )
    }

    fn ledger() -> Ledger {
        let mut late = Task::new("t1", "整改：完善心理辅导室");
        late.due = Some(d(2026, 5, 31));
        late.status = Status::InProgress;
        late.evaluation_id = Some("e1".into());
        let mut done = Task::new("t2", "已完成的任务");
        done.due = Some(d(2026, 3, 1));
        done.status = Status::Done;
        let mut other = Task::new("t3", "另一次自评的任务");
        other.evaluation_id = Some("e0".into());
        Ledger {
            tasks: vec![late, done, other],
        }
    }

    fn report() -> SubmittedReport {
        SubmittedReport {
            title: "示例小学2025—2026学年学校质量自评报告".into(),
            doc_number: String::new(),
            date: "2026年6月30日".into(),
            sections: SECTION_KEYS
                .iter()
                .map(|k| SubmittedSection {
                    key: k.to_string(),
                    heading: section_heading(k).into(),
                    text: format!("{}的正文", section_heading(k)),
                    edited: *k == "basic",
                })
                .collect(),
        }
    }

    pub(crate) fn sample() -> Submission {
        let fw = fixtures::framework();
        let mut school = School::new("s1", "示例小学", SchoolType::Primary);
        school.county = "示例县".into();
        let (ph, p) = plan();
        build(&SubmissionInput {
            id: "x1",
            exported_at: at(2026, 6, 30),
            school: &school,
            header: &header(),
            fw: &fw,
            answers: &answers(&fw),
            respondents: &[],
            staff: None,
            report: report(),
            plan: Some((&ph, &p)),
            ledger: &ledger(),
        })
    }

    #[test]
    fn a_package_carries_scores_plan_dates_and_overdue_tasks() {
        let s = sample();
        assert_eq!(s.framework.point_count(), 7);
        let sc = &s.evaluation.scores;
        // Overall: (2×3 + 0 + 4×40/45 + 4) / 5 = 2.7111 → 67.8 %.
        assert!((sc.overall.ratio.unwrap() - 13.555_556 / 20.0).abs() < 1e-6);
        assert_eq!(sc.overall.level.as_deref(), Some("C"));
        assert_eq!(sc.points["p4"], PointRecord::NotApplicable);
        assert_eq!(sc.points["p7"], PointRecord::Unanswered);
        assert_eq!(
            sc.points["p6"],
            PointRecord::Scored {
                score: 4.0,
                target_met: Some(true)
            }
        );
        assert!(s.plan.made);
        assert_eq!(s.plan.people, 2);
        assert_eq!(s.plan.span(), Some((d(2025, 9, 15), d(2025, 11, 30))));
        // The other evaluation's task is left out; the late one is 30 days overdue on 30 June.
        assert_eq!(s.ledger.len(), 2);
        assert_eq!(s.ledger[0].overdue_days, Some(30));
        assert_eq!(s.ledger[0].shown_status(), Status::Delayed);
        assert_eq!(s.ledger[1].overdue_days, None);
        assert_eq!(s.overdue_tasks().count(), 1);
        assert_eq!(s.progress(), Progress { done: 5, total: 7 });
        let weak: Vec<_> = s.weak_points().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(weak, ["p2", "p3"], "否 and a missed target");
        assert_eq!(s.file_name(), "上报包-示例小学-2025—2026学年-20260630.json");
    }

    #[test]
    fn a_package_round_trips_through_its_file() {
        let s = sample();
        let file = to_file(&s);
        assert!(file
            .starts_with("{\"format\":\"xzzp-submission\",\"version\":1,\"checksum\":\"fnv1a64:"));
        assert!(!file.contains('\n'), "one line");
        assert_eq!(parse(file.as_bytes()).unwrap(), s);
        // A byte-order mark added by an editor that saved nothing else is accepted.
        let with_bom = format!("\u{feff}{file}");
        assert_eq!(parse(with_bom.as_bytes()).unwrap(), s);
    }

    /// The sample with the evidence summary: p1 has two files (one linked to 会议记录) and 工作方案 ticked, p4
    /// (not applicable) a file, p6 台账 ticked.
    fn with_evidence() -> Submission {
        use crate::evidence::tests::{file, framework};
        let fw = framework();
        let mut doc = EvidenceDoc::new("e1");
        doc.attach(&fw, "p1", file("会议记录.pdf", b"%PDF-a", &["会议记录"]))
            .unwrap();
        doc.attach(&fw, "p1", file("照片<1>.jpg", b"\xFF\xD8photo", &[]))
            .unwrap();
        doc.mark(&fw, "p1", "工作方案", true).unwrap();
        doc.attach(&fw, "p4", file("宿舍.jpg", b"dorm", &[]))
            .unwrap();
        doc.mark(&fw, "p6", "台账", true).unwrap();
        sample().with_evidence(&fw, &doc)
    }

    #[test]
    fn the_evidence_summary_names_files_by_size_and_hash_and_counts_per_area() {
        let s = with_evidence();
        let ev = s.evidence.as_ref().unwrap();
        // Points that list evidence or have files: p1, p2, p4, p6.
        assert_eq!(
            ev.points.keys().map(String::as_str).collect::<Vec<_>>(),
            ["p1", "p2", "p4", "p6"]
        );
        let p1 = &ev.points["p1"];
        assert_eq!((p1.listed, p1.present, p1.any), (3, 2, true));
        assert_eq!(p1.files[0].name, "会议记录.pdf");
        assert_eq!(p1.files[0].size, 6);
        assert_eq!(p1.files[0].sha256, ContentHash::of(b"%PDF-a"));
        assert_eq!(
            ev.points["p2"],
            SubmittedPointEvidence {
                listed: 1,
                ..Default::default()
            }
        );
        let progress = s.evidence_progress().unwrap();
        // Area A1 (p1–p5, p4 not applicable): 4 points, only p1 with evidence; listed 3 + 1, present 2, files 2
        // (p4's file is not counted: the point does not apply).
        assert_eq!(
            progress.areas[0],
            EvidenceCount {
                listed: 4,
                present: 2,
                files: 2,
                points: 4,
                points_with_evidence: 1
            }
        );
        assert_eq!(progress.areas[1].points_with_evidence, 1);
        assert_eq!(progress.overall.points, 6);
        assert!(sample().evidence_progress().is_none());
    }

    #[test]
    fn the_evidence_summary_needs_version_2_and_a_plain_package_stays_version_1() {
        let plain = to_file(&sample());
        assert!(plain.starts_with("{\"format\":\"xzzp-submission\",\"version\":1,"));
        let s = with_evidence();
        let file = to_file(&s);
        assert!(file.starts_with("{\"format\":\"xzzp-submission\",\"version\":2,"));
        assert_eq!(parse(file.as_bytes()).unwrap(), s);
        // Small: names, sizes and hashes only.
        assert!(
            file.len() < plain.len() + 1200,
            "{}",
            file.len() - plain.len()
        );
        // The summary in a file that says version 1 (re-signed by hand) is refused.
        let content = serde_json::to_string(&s).unwrap();
        assert_eq!(
            err(resigned(&content).as_bytes()),
            SubmissionError::Damaged(Problem::UnknownPart("evidence".into()))
        );
        // A newer version than this build reads.
        let v3 = file.replacen("\"version\":2", "\"version\":4", 1);
        assert_eq!(err(v3.as_bytes()), SubmissionError::Newer(4));
    }

    #[test]
    fn evidence_figures_that_do_not_add_up_are_refused() {
        let sign = |s: &Submission| {
            let content = serde_json::to_string(s).unwrap();
            format!(
                "{{\"format\":\"xzzp-submission\",\"version\":2,\"checksum\":\"{}\",\"content\":{content}}}",
                checksum(&content)
            )
        };
        let mut s = with_evidence();
        s.evidence
            .as_mut()
            .unwrap()
            .points
            .get_mut("p1")
            .unwrap()
            .present = 4;
        assert_eq!(
            err(sign(&s).as_bytes()),
            SubmissionError::Damaged(Problem::EvidenceMismatch("p1".into()))
        );
        let mut s = with_evidence();
        s.evidence
            .as_mut()
            .unwrap()
            .points
            .get_mut("p4")
            .unwrap()
            .any = false;
        assert_eq!(
            err(sign(&s).as_bytes()),
            SubmissionError::Damaged(Problem::EvidenceMismatch("p4".into()))
        );
        let mut s = with_evidence();
        let p1 = s.evidence.as_ref().unwrap().points["p1"].clone();
        s.evidence
            .as_mut()
            .unwrap()
            .points
            .insert("gone".into(), p1);
        assert_eq!(
            err(sign(&s).as_bytes()),
            SubmissionError::Damaged(Problem::UnknownPoint("gone".into()))
        );
        // A hash that is not one, re-signed: refused as damaged, not read.
        let content = serde_json::to_string(&with_evidence()).unwrap().replacen(
            &ContentHash::of(b"dorm").to_string(),
            "not-a-hash",
            1,
        );
        let bad_hash = format!(
            "{{\"format\":\"xzzp-submission\",\"version\":2,\"checksum\":\"{}\",\"content\":{content}}}",
            checksum(&content)
        );
        assert!(matches!(
            err(bad_hash.as_bytes()),
            SubmissionError::Damaged(Problem::WrongType)
        ));
        assert_eq!(
            Problem::EvidenceMismatch("p1".into()).zh(),
            "考查要点“p1”的佐证材料数目前后不一致"
        );
    }

    #[test]
    fn the_rebuilt_framework_scores_as_the_original() {
        let fw = fixtures::framework();
        let outline = FrameworkOutline::of(&fw);
        let rebuilt = outline.to_framework();
        assert!(validate(&rebuilt).is_empty());
        let a = answers(&fw);
        assert_eq!(score(&rebuilt, &a), score(&fw, &a));
        assert_eq!(FrameworkOutline::of(&rebuilt), outline);
    }

    #[test]
    fn answers_that_do_not_fit_are_left_out_of_a_package_but_notes_stay() {
        let fw = fixtures::framework();
        let mut a = answers(&fw);
        a.by_point.insert(
            "gone".into(),
            Answer {
                value: Some(AnswerValue::YesNo(true)),
                ..Answer::default()
            },
        );
        a.by_point.insert(
            "p7".into(),
            Answer {
                value: Some(AnswerValue::YesNo(true)),
                note: "说明保留".into(),
                not_applicable: None,
            },
        );
        let school = School::new("s1", "示例小学", SchoolType::Primary);
        let s = build(&SubmissionInput {
            id: "x2",
            exported_at: at(2026, 6, 30),
            school: &school,
            header: &header(),
            fw: &fw,
            answers: &a,
            respondents: &[],
            staff: None,
            report: report(),
            plan: None,
            ledger: &Ledger::default(),
        });
        assert!(!s.evaluation.answers.contains_key("gone"));
        assert_eq!(s.evaluation.answers["p7"].value, None);
        assert_eq!(s.evaluation.answers["p7"].note, "说明保留");
        assert!(!s.plan.made);
        assert!(parse(to_file(&s).as_bytes()).is_ok());
    }

    fn err(bytes: &[u8]) -> SubmissionError {
        parse(bytes).unwrap_err()
    }

    /// Replaces the content of a valid file and signs it again, as a person who knows the rule would.
    fn resigned(content: &str) -> String {
        format!(
            "{{\"format\":\"xzzp-submission\",\"version\":1,\"checksum\":\"{}\",\"content\":{content}}}",
            checksum(content)
        )
    }

    #[test]
    fn every_bad_file_is_refused_with_a_message_saying_what_it_is() {
        use SubmissionError as E;
        let file = to_file(&sample());
        assert_eq!(err(b""), E::Empty);
        assert_eq!(err(b"  \r\n "), E::Empty);
        assert_eq!(err(b"PK\x03\x04\x14\x00"), E::Archive);
        assert_eq!(err(&[0xff, 0xfe, b'{', 0]), E::NotText);
        assert_eq!(err(&file.as_bytes()[..file.len() / 2]), E::Truncated);
        assert_eq!(err(&file.as_bytes()[..file.len() - 1]), E::Truncated);
        assert_eq!(err("学校名单".as_bytes()), E::NotJson);
        assert_eq!(err(format!("{file}x").as_bytes()), E::NotJson);
        assert_eq!(err(b"[1,2,3]"), E::NotOurs);
        assert_eq!(err(b"null"), E::NotOurs);
        assert_eq!(err(b"{\"name\":\"x\"}"), E::NotOurs);
        assert_eq!(
            err(br#"{"format":"xzzp-backup","version":1,"schema":1,"schools":[]}"#),
            E::WrongKind(FileKind::Backup)
        );
        assert_eq!(
            err(br#"{"format":"xzzp-answers","version":1,"id":"a"}"#),
            E::WrongKind(FileKind::TeacherAnswers)
        );
        assert_eq!(
            err(br#"{"schema":1,"rev":3,"data":{}}"#),
            E::WrongKind(FileKind::StoredData)
        );
        assert_eq!(
            err(br#"{"format":"xzzp-framework","version":1}"#),
            E::WrongKind(FileKind::Other("xzzp-framework".into()))
        );
        let newer = file.replacen("\"version\":1", "\"version\":4", 1);
        assert_eq!(err(newer.as_bytes()), E::Newer(4));
        // A plain package called version 2 is still read: version 2 only adds the optional evidence summary.
        let v2 = file.replacen("\"version\":1", "\"version\":2", 1);
        assert!(parse(v2.as_bytes()).is_ok());
        let unversioned = file.replacen("\"version\":1,", "", 1);
        assert_eq!(err(unversioned.as_bytes()), E::NoVersion);
        // A hand edit: a level changed in a text editor.
        let edited = file.replacen(
            "{\"t\":\"level\",\"v\":\"B\"}",
            "{\"t\":\"level\",\"v\":\"A\"}",
            1,
        );
        assert_ne!(edited, file);
        assert_eq!(err(edited.as_bytes()), E::Edited);
        // Pretty-printed by an editor: the bytes changed, so it counts as edited.
        let value: serde_json::Value = serde_json::from_str(&file).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(err(pretty.as_bytes()), E::Edited);
        let unsigned = file.replacen("\"checksum\"", "\"checksun\"", 1);
        assert_eq!(
            err(unsigned.as_bytes()),
            E::Damaged(Problem::UnknownPart("checksun".into()))
        );
        let content = serde_json::to_string(&sample()).unwrap();
        let no_checksum =
            format!("{{\"format\":\"xzzp-submission\",\"version\":1,\"content\":{content}}}");
        assert_eq!(err(no_checksum.as_bytes()), E::Edited);
    }

    #[test]
    fn a_re_signed_package_whose_figures_were_changed_is_still_refused() {
        use SubmissionError as E;
        let content = serde_json::to_string(&sample()).unwrap();
        // The level raised by hand, the checksum recomputed: the stored scores no longer follow.
        let raised = content.replacen(
            "{\"t\":\"level\",\"v\":\"B\"}",
            "{\"t\":\"level\",\"v\":\"A\"}",
            1,
        );
        assert_eq!(
            err(resigned(&raised).as_bytes()),
            E::Damaged(Problem::ScoreMismatch("overall".into()))
        );
        let mut s = sample();
        s.evaluation.scores.indicators.get_mut("I1").unwrap().ratio = Some(0.9);
        assert_eq!(
            err(resigned(&serde_json::to_string(&s).unwrap()).as_bytes()),
            E::Damaged(Problem::ScoreMismatch("I1".into()))
        );
        let mut s = sample();
        s.evaluation.answers.insert("zz".into(), Answer::default());
        assert_eq!(check(&s), Err(Problem::UnknownPoint("zz".into())));
        let mut s = sample();
        s.evaluation.answers.get_mut("p2").unwrap().value = Some(AnswerValue::Level("A".into()));
        assert_eq!(check(&s), Err(Problem::BadAnswer("p2".into())));
        let mut s = sample();
        s.ledger[0].overdue_days = None;
        assert_eq!(
            check(&s),
            Err(Problem::OverdueMismatch("整改：完善心理辅导室".into()))
        );
        let mut s = sample();
        s.report.sections[1].key = "basic".into();
        assert_eq!(
            check(&s),
            Err(Problem::DuplicateSection("一、基本情况".into()))
        );
        let mut s = sample();
        s.report.sections[0].key = "extra".into();
        assert_eq!(check(&s), Err(Problem::UnknownSection("extra".into())));
        let mut s = sample();
        s.school.name = " ".into();
        assert_eq!(check(&s), Err(Problem::NoSchoolName));
        let mut s = sample();
        s.framework.scale.levels.truncate(1);
        assert!(matches!(check(&s), Err(Problem::BadOutline(_))));
        let missing = content.replacen("\"plan\":", "\"plans\":", 1);
        assert_eq!(
            err(resigned(&missing).as_bytes()),
            E::Damaged(Problem::UnknownPart("plans".into()))
        );
        let unknown_status =
            content.replacen("\"status\":\"in_progress\"", "\"status\":\"paused\"", 1);
        assert_ne!(unknown_status, content);
        assert_eq!(
            err(resigned(&unknown_status).as_bytes()),
            E::Damaged(Problem::UnknownValue("paused".into()))
        );
    }

    #[test]
    fn messages_are_chinese_first_and_say_nothing_was_imported() {
        let all = [
            SubmissionError::Empty,
            SubmissionError::TooLarge(20 * 1024 * 1024),
            SubmissionError::Archive,
            SubmissionError::NotText,
            SubmissionError::Truncated,
            SubmissionError::NotJson,
            SubmissionError::NotOurs,
            SubmissionError::WrongKind(FileKind::Backup),
            SubmissionError::WrongKind(FileKind::TeacherAnswers),
            SubmissionError::WrongKind(FileKind::StoredData),
            SubmissionError::WrongKind(FileKind::Other("xzzp-x".into())),
            SubmissionError::Newer(3),
            SubmissionError::NoVersion,
            SubmissionError::Edited,
            SubmissionError::Damaged(Problem::ScoreMismatch("overall".into())),
            SubmissionError::Damaged(Problem::ScoreMismatch("A1".into())),
            SubmissionError::Damaged(Problem::Missing("plan".into())),
            SubmissionError::Damaged(Problem::OverdueMismatch("任务".into())),
        ];
        for e in &all {
            let zh = e.zh();
            let en = e.text(Lang::En);
            assert!(
                zh.starts_with("无法导入：") && zh.ends_with("未导入任何内容。"),
                "{zh}"
            );
            assert!(en.ends_with("Nothing was imported."), "{en}");
            assert!(
                !zh.contains("Damaged") && !en.contains("Damaged"),
                "no debug output"
            );
        }
        assert!(SubmissionError::WrongKind(FileKind::Backup)
            .zh()
            .contains("备份文件"));
        assert!(SubmissionError::WrongKind(FileKind::TeacherAnswers)
            .zh()
            .contains("答卷"));
        assert!(SubmissionError::Newer(3).zh().contains("第 3 版"));
        assert!(
            SubmissionError::Damaged(Problem::ScoreMismatch("overall".into()))
                .text(Lang::En)
                .contains("overall score")
        );
    }

    #[test]
    fn the_self_evaluation_plan_is_the_linked_one_else_one_of_the_same_year() {
        let (linked, _) = plan();
        let mut same_year = linked.clone();
        same_year.id = "pl2".into();
        same_year.evaluation_id = None;
        same_year.created = "2026-01-01".into();
        let mut other_kind = linked.clone();
        other_kind.id = "pl3".into();
        other_kind.template_id = "group-support-plan".into();
        let mut ws = Workspace {
            plans: vec![same_year.clone(), linked.clone(), other_kind],
            ..Workspace::default()
        };
        assert_eq!(self_evaluation_plan(&ws, &header()).unwrap().id, "pl1");
        ws.plans.retain(|p| p.id != "pl1");
        assert_eq!(self_evaluation_plan(&ws, &header()).unwrap().id, "pl2");
        let mut next_year = header();
        next_year.id = "e9".into();
        next_year.school_year = SchoolYear(2026);
        assert!(self_evaluation_plan(&ws, &next_year).is_none());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod never_panics {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn parsing_random_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
                let _ = parse(&bytes);
            }

            #[test]
            fn parsing_a_damaged_package_never_panics_and_never_accepts_a_change(
                cut in 0usize..4000,
                at in 0usize..4000,
                byte in any::<u8>(),
            ) {
                let file = to_file(&sample());
                let bytes = file.as_bytes();
                let truncated = &bytes[..cut.min(bytes.len())];
                if truncated.len() < bytes.len() {
                    prop_assert!(parse(truncated).is_err());
                }
                let mut flipped = bytes.to_vec();
                let i = at % flipped.len();
                flipped[i] = byte;
                if let Ok(s) = parse(&flipped) {
                    prop_assert_eq!(s, sample());
                }
            }
        }
    }
}
