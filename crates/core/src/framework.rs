//! Evaluation frameworks: the data model of a template and its validation.
//!
//! [`validate`] is the one set of rules for every framework: the build of the built-in templates runs it (a
//! broken template under `templates/` fails the build), and so does everything that reads a framework.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A school type a framework applies to. The codes are stable identifiers used in stored data and templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolType {
    /// 小学
    Primary,
    /// 初中
    Junior,
    /// 九年一贯制
    NineYear,
    /// 完全中学
    Complete,
    /// 高中
    Senior,
    /// 幼儿园
    Kindergarten,
}

impl SchoolType {
    /// Every school type, in the order the UI lists them.
    pub const ALL: [SchoolType; 6] = [
        SchoolType::Primary,
        SchoolType::Junior,
        SchoolType::NineYear,
        SchoolType::Complete,
        SchoolType::Senior,
        SchoolType::Kindergarten,
    ];

    /// The Chinese name used in documents.
    pub fn zh(self) -> &'static str {
        match self {
            SchoolType::Primary => "小学",
            SchoolType::Junior => "初中",
            SchoolType::NineYear => "九年一贯制学校",
            SchoolType::Complete => "完全中学",
            SchoolType::Senior => "高中",
            SchoolType::Kindergarten => "幼儿园",
        }
    }

    /// The English name.
    pub fn en(self) -> &'static str {
        match self {
            SchoolType::Primary => "Primary school",
            SchoolType::Junior => "Junior secondary school",
            SchoolType::NineYear => "Nine-year school",
            SchoolType::Complete => "Complete secondary school",
            SchoolType::Senior => "Senior secondary school",
            SchoolType::Kindergarten => "Kindergarten",
        }
    }
}

/// Where a framework, area, indicator or point comes from.
///
/// `confirmed = true` means the text was checked against the cited document; `false` means it is derived from
/// the seed documents or paraphrased, and `note` says how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document, e.g. 《义务教育质量评价指南》（教基〔2021〕3号）.
    pub doc: String,
    /// The section or item inside the document, e.g. 附件 关键指标 2.
    #[serde(default)]
    pub section: String,
    /// True when the point's wording was checked against the document.
    #[serde(default)]
    pub confirmed: bool,
    /// How the point relates to the document when it is not a verbatim item.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One level of a rating scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable id stored in answers, e.g. `A`.
    pub id: String,
    /// Label shown to users, e.g. 优秀.
    pub label: String,
    /// English label.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label_en: String,
    /// Score of this level; the highest level carries the scale's maximum.
    pub score: f64,
    /// What the level means, shown beside the choice.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The rating scale of a framework, and the thresholds the report uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Levels from best to worst.
    pub levels: Vec<Level>,
    /// A point whose score is at least this share of the maximum counts as a strength (0–1).
    pub strength_at_least: f64,
    /// A point whose score is at most this share of the maximum counts as a weakness (0–1).
    pub weakness_at_most: f64,
}

impl Scale {
    /// The maximum score of the scale.
    pub fn max_score(&self) -> f64 {
        self.levels.iter().map(|l| l.score).fold(0.0, f64::max)
    }

    /// The level with the given id.
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// The best level that still counts as a weakness (at most `weakness_at_most` of the maximum), or the
    /// lowest level when none does.
    pub fn weak_level(&self) -> Option<&Level> {
        let max = self.max_score();
        self.levels
            .iter()
            .find(|l| max > 0.0 && l.score / max <= self.weakness_at_most + 1e-9)
            .or_else(|| self.levels.last())
    }

    /// The weakness rule's share for "this level or lower": the level's score as a share of the maximum; the
    /// scale's own `weakness_at_most` when the level is unknown.
    pub fn share_at_or_below(&self, level_id: &str) -> f64 {
        let max = self.max_score();
        self.level(level_id)
            .filter(|_| max > 0.0)
            .map_or(self.weakness_at_most, |l| l.score / max)
    }

    /// The levels a weakness threshold can be set at ("this level or lower"): every level but the best,
    /// since a threshold at the best level would make every answered point a weakness.
    pub fn threshold_levels(&self) -> &[Level] {
        self.levels.get(1..).unwrap_or_default()
    }

    /// The level an aggregate score falls into: the best level whose score does not exceed it, or the lowest.
    pub fn level_for_score(&self, score: f64) -> Option<&Level> {
        let eps = 1e-9;
        self.levels
            .iter()
            .filter(|l| l.score <= score + eps)
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .or_else(|| {
                self.levels
                    .iter()
                    .min_by(|a, b| a.score.total_cmp(&b.score))
            })
    }
}

/// Which way a number should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better: met when value ≥ target.
    Higher,
    /// Lower is better: met when value ≤ target.
    Lower,
}

/// How a point is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    /// Rated on the framework's scale.
    Level,
    /// 是 / 否.
    YesNo,
    /// A measured number, optionally with a target.
    Number,
    /// Free text; not scored.
    Text,
}

/// 考查要点: one assessment point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// Unique id inside the framework, e.g. `A1.2.3`.
    pub id: String,
    /// The point as worded in the source.
    pub text: String,
    /// English text; empty when not yet translated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_en: String,
    /// 自查要点: how the school judges the point.
    #[serde(default)]
    pub guidance: String,
    /// English guidance; empty when not yet translated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance_en: String,
    /// 佐证材料: suggested evidence.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// English evidence suggestions; empty when not yet translated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_en: Vec<String>,
    /// How it is answered.
    pub kind: PointKind,
    /// Relative weight in aggregates; 1 when absent.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// Unit of a number point, e.g. `%` or `次`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Which way a number point should move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The target of a number point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Where the point comes from.
    pub source: Source,
}

fn one() -> f64 {
    1.0
}

fn is_one(w: &f64) -> bool {
    *w == 1.0
}

impl Point {
    /// Whether the point takes part in scoring.
    pub fn is_scored(&self) -> bool {
        self.kind != PointKind::Text
    }

    /// Whether a measured value meets the point's numeric target; `None` when the point has no target.
    pub fn target_met(&self, value: f64) -> Option<bool> {
        let (t, d) = self.target.zip(self.direction)?;
        Some(d.met(value, t))
    }
}

impl Direction {
    /// Whether `value` meets `target` in this direction.
    pub fn met(self, value: f64, target: f64) -> bool {
        match self {
            Direction::Higher => value >= target,
            Direction::Lower => value <= target,
        }
    }

    /// The sign written before a target: ≥ or ≤.
    pub fn sign(self) -> &'static str {
        match self {
            Direction::Higher => "≥",
            Direction::Lower => "≤",
        }
    }
}

impl Framework {
    /// Whether the framework is meant for a school type.
    pub fn fits(&self, t: SchoolType) -> bool {
        self.school_types.contains(&t)
    }
}

/// Frameworks in the order a school should see them: those meant for its type first, each group in the given
/// order; without a type, the order is kept.
pub fn order_for_school<F: std::ops::Deref<Target = Framework>>(
    frameworks: &mut [F],
    school_type: Option<SchoolType>,
) {
    frameworks.sort_by_key(|f| !school_type.is_some_and(|t| f.fits(t)));
}

/// 关键指标: a key indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Unique id inside the framework.
    pub id: String,
    /// Title as worded in the source.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// Where the indicator comes from.
    pub source: Source,
    /// Its assessment points.
    pub points: Vec<Point>,
}

/// 方面 (评价内容): an area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Unique id inside the framework.
    pub id: String,
    /// Title as worded in the source.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// Where the area comes from.
    pub source: Source,
    /// Its key indicators.
    pub indicators: Vec<Indicator>,
}

/// A complete evaluation framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable id, e.g. `compulsory-2021`.
    pub id: String,
    /// Version of this template; evaluations record it.
    pub version: String,
    /// Title.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// Who issued the source document.
    pub issuer: String,
    /// The issuing document.
    pub document: String,
    /// Year of the issuing document.
    pub year: u16,
    /// School types it applies to.
    pub school_types: Vec<SchoolType>,
    /// A short description for the framework picker.
    #[serde(default)]
    pub description: String,
    /// English description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description_en: String,
    /// The rating scale.
    pub scale: Scale,
    /// Areas, in order.
    pub areas: Vec<Area>,
}

impl Framework {
    /// All points in document order, with their area and indicator.
    pub fn points(&self) -> impl Iterator<Item = (&Area, &Indicator, &Point)> {
        self.areas.iter().flat_map(|a| {
            a.indicators
                .iter()
                .flat_map(move |i| i.points.iter().map(move |p| (a, i, p)))
        })
    }

    /// The point with the given id.
    pub fn point(&self, id: &str) -> Option<&Point> {
        self.points().map(|(_, _, p)| p).find(|p| p.id == id)
    }

    /// Number of points.
    pub fn point_count(&self) -> usize {
        self.areas
            .iter()
            .flat_map(|a| &a.indicators)
            .map(|i| i.points.len())
            .sum()
    }

    /// Number of indicators.
    pub fn indicator_count(&self) -> usize {
        self.areas.iter().map(|a| a.indicators.len()).sum()
    }
}

/// One problem found in a template, with the path to the offending item.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateError {
    /// Where: e.g. `areas[1] (A2) / indicators[0] (A2.1) / points[3] (A2.1.4)`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Checks a framework: unique ids, sources everywhere, a well-formed scale, well-formed numeric targets.
/// Returns every problem found, not only the first.
pub fn validate(fw: &Framework) -> Vec<TemplateError> {
    let mut errs = Vec::new();
    let mut err = |path: &str, message: String| {
        errs.push(TemplateError {
            path: path.to_string(),
            message,
        })
    };
    if !is_id(&fw.id) {
        err(
            "id",
            format!("框架 id “{}” 只能含字母、数字、点、横线、下划线", fw.id),
        );
    }
    if fw.version.trim().is_empty() {
        err("version", "缺少版本号 version".into());
    }
    for (field, v) in [
        ("title", &fw.title),
        ("issuer", &fw.issuer),
        ("document", &fw.document),
    ] {
        if v.trim().is_empty() {
            err(field, format!("{field} 不能为空"));
        }
    }
    if !(1949..=2100).contains(&fw.year) {
        err("year", format!("年份 {} 不合理", fw.year));
    }
    if fw.school_types.is_empty() {
        err("school_types", "至少要有一种适用学校类型".into());
    }

    // Scale
    let s = &fw.scale;
    if s.levels.len() < 2 {
        err("scale.levels", "评分等级至少要有两级".into());
    }
    let mut level_ids = BTreeSet::new();
    for (i, l) in s.levels.iter().enumerate() {
        let p = format!("scale.levels[{i}] ({})", l.id);
        if l.id.trim().is_empty() || l.label.trim().is_empty() {
            err(&p, "等级必须有 id 和 label".into());
        }
        if !level_ids.insert(l.id.as_str()) {
            err(&p, format!("等级 id “{}” 重复", l.id));
        }
        if !l.score.is_finite() || l.score < 0.0 {
            err(&p, format!("等级分值 {} 必须是不小于 0 的数", l.score));
        }
    }
    if s.levels.windows(2).any(|w| w[0].score <= w[1].score) {
        err("scale.levels", "等级须从高到低排列，分值严格递减".into());
    }
    if s.max_score() <= 0.0 {
        err("scale.levels", "最高等级的分值必须大于 0".into());
    }
    for (name, v) in [
        ("scale.strength_at_least", s.strength_at_least),
        ("scale.weakness_at_most", s.weakness_at_most),
    ] {
        if !(0.0..=1.0).contains(&v) {
            err(name, format!("{v} 必须在 0 到 1 之间（满分的比例）"));
        }
    }
    if s.weakness_at_most >= s.strength_at_least {
        err(
            "scale",
            "weakness_at_most 必须小于 strength_at_least".into(),
        );
    }

    // Tree
    let mut ids = BTreeSet::new();
    if fw.areas.is_empty() {
        errs.push(TemplateError {
            path: "areas".into(),
            message: "框架至少要有一个方面".into(),
        });
    }
    for (ai, a) in fw.areas.iter().enumerate() {
        let ap = format!("areas[{ai}] ({})", a.id);
        check_node(&a.id, &a.title, &a.source, &ap, &mut ids, &mut errs);
        if a.indicators.is_empty() {
            errs.push(TemplateError {
                path: ap.clone(),
                message: "方面下至少要有一个关键指标".into(),
            });
        }
        for (ii, ind) in a.indicators.iter().enumerate() {
            let ip = format!("{ap} / indicators[{ii}] ({})", ind.id);
            check_node(&ind.id, &ind.title, &ind.source, &ip, &mut ids, &mut errs);
            if ind.points.is_empty() {
                errs.push(TemplateError {
                    path: ip.clone(),
                    message: "关键指标下至少要有一个考查要点".into(),
                });
            }
            for (pi, pt) in ind.points.iter().enumerate() {
                let pp = format!("{ip} / points[{pi}] ({})", pt.id);
                check_node(&pt.id, &pt.text, &pt.source, &pp, &mut ids, &mut errs);
                check_point(pt, &pp, &mut errs);
            }
        }
    }
    errs
}

fn check_node(
    id: &str,
    title: &str,
    source: &Source,
    path: &str,
    ids: &mut BTreeSet<String>,
    errs: &mut Vec<TemplateError>,
) {
    if !is_id(id) {
        errs.push(TemplateError {
            path: path.into(),
            message: format!("id “{id}” 只能含字母、数字、点、横线、下划线"),
        });
    }
    if !ids.insert(id.to_string()) {
        errs.push(TemplateError {
            path: path.into(),
            message: format!("id “{id}” 在本框架中重复"),
        });
    }
    if title.trim().is_empty() {
        errs.push(TemplateError {
            path: path.into(),
            message: "标题/正文不能为空".into(),
        });
    }
    check_source(source, path, errs);
}

fn check_source(source: &Source, path: &str, errs: &mut Vec<TemplateError>) {
    if source.doc.trim().is_empty() {
        errs.push(TemplateError {
            path: path.into(),
            message: "缺少来源 source.doc".into(),
        });
    }
    if !source.confirmed && source.note.trim().is_empty() {
        errs.push(TemplateError {
            path: path.into(),
            message: "来源未核实（confirmed = false）时必须在 source.note 说明依据".into(),
        });
    }
}

fn check_point(pt: &Point, path: &str, errs: &mut Vec<TemplateError>) {
    let mut err = |message: String| {
        errs.push(TemplateError {
            path: path.into(),
            message,
        })
    };
    if !pt.weight.is_finite() || pt.weight <= 0.0 {
        err(format!("权重 weight = {} 必须大于 0", pt.weight));
    }
    match pt.kind {
        PointKind::Number => {
            if let Some(t) = pt.target {
                if !t.is_finite() {
                    err("目标值 target 必须是有限数".into());
                }
                if pt.direction.is_none() {
                    err("有目标值 target 的数值要点必须写明 direction（higher 或 lower）".into());
                }
            }
            if pt.unit.trim().is_empty() {
                err("数值要点必须写明单位 unit".into());
            }
        }
        _ => {
            if pt.target.is_some() || pt.direction.is_some() || !pt.unit.is_empty() {
                err("只有 kind = \"number\" 的要点可以有 unit / direction / target".into());
            }
        }
    }
    if pt.kind != PointKind::Text && pt.guidance.trim().is_empty() {
        err("缺少自查要点 guidance".into());
    }
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Parses a framework from its JSON form (what the build embeds) and validates it.
pub fn from_json(json: &str) -> Result<Framework, String> {
    let fw: Framework = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let errs = validate(&fw);
    if errs.is_empty() {
        Ok(fw)
    } else {
        Err(errs
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n"))
    }
}
