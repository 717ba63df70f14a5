//! Evaluation frameworks: the data model of a template and its validation.
//!
//! [`validate`] is the one set of rules for every framework: the build of the built-in templates runs it (a
//! broken template under `templates/` fails the build), and so does everything that reads a framework.

use crate::i18n::{Lang, Localized};
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
    /// Ids this point had in earlier versions of the framework, so that answers given under an old id carry
    /// over when an evaluation moves to this version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_ids: Vec<String>,
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
    /// `id@version` of the framework this one was copied from, if any (e.g. a county's copy of a national one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub based_on: String,
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

/// Longest id accepted, in characters.
pub const MAX_ID_CHARS: usize = 40;
/// Longest text accepted in one field (a point's text, guidance, a source note), in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Most points a framework may have; the largest built-in has under a hundred.
pub const MAX_POINTS: usize = 2_000;
/// Most levels a scale may have.
pub const MAX_LEVELS: usize = 10;
/// Most evidence suggestions one point may have.
pub const MAX_EVIDENCE: usize = 50;

/// Which item of a framework a problem is about. Positions are 0-based; ids are as written (possibly empty or
/// duplicated, which is why the positions are there too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemPath {
    /// The framework's own fields (id, version, title …).
    Framework,
    /// The rating scale as a whole.
    Scale,
    /// One level of the scale.
    Level {
        /// Position in the scale.
        index: usize,
        /// Its id.
        id: String,
    },
    /// A 方面.
    Area {
        /// Position of the area.
        area: usize,
        /// Its id.
        id: String,
    },
    /// A 关键指标.
    Indicator {
        /// Position of its area.
        area: usize,
        /// Position inside the area.
        indicator: usize,
        /// The area's id.
        area_id: String,
        /// Its id.
        id: String,
    },
    /// A 考查要点.
    Point {
        /// Position of its area.
        area: usize,
        /// Position of its indicator inside the area.
        indicator: usize,
        /// Position inside the indicator.
        point: usize,
        /// The area's id.
        area_id: String,
        /// The indicator's id.
        indicator_id: String,
        /// Its id.
        id: String,
    },
}

impl ItemPath {
    /// The tree position, for an editor to select the item; `None` for the framework's fields and the scale.
    pub fn node(&self) -> Option<crate::framework_edit::NodeRef> {
        use crate::framework_edit::NodeRef;
        match *self {
            ItemPath::Area { area, .. } => Some(NodeRef::Area(area)),
            ItemPath::Indicator {
                area, indicator, ..
            } => Some(NodeRef::Indicator(area, indicator)),
            ItemPath::Point {
                area,
                indicator,
                point,
                ..
            } => Some(NodeRef::Point(area, indicator, point)),
            _ => None,
        }
    }
}

/// One level of the tree named by its id, or by its position when it has none.
fn named(lang: Lang, kind_zh: &str, kind_en: &str, id: &str, pos: usize) -> String {
    match (lang, id.trim().is_empty()) {
        (Lang::Zh, false) => format!("{kind_zh} {id}"),
        (Lang::Zh, true) => format!("第 {} 个{kind_zh}", pos + 1),
        (Lang::En, false) => format!("{kind_en} {id}"),
        (Lang::En, true) => format!("{kind_en} no. {}", pos + 1),
    }
}

impl Localized for ItemPath {
    fn text(&self, lang: Lang) -> String {
        let area = |a: usize, id: &str| named(lang, "方面", "Area", id, a);
        let ind = |i: usize, id: &str| named(lang, "关键指标", "Indicator", id, i);
        match self {
            ItemPath::Framework => lang.pick("框架信息", "Framework details").into(),
            ItemPath::Scale => lang.pick("评分等级", "Rating scale").into(),
            ItemPath::Level { index, id } => format!(
                "{} › {}",
                lang.pick("评分等级", "Rating scale"),
                named(lang, "等级", "Level", id, *index)
            ),
            ItemPath::Area { area: a, id } => area(*a, id),
            ItemPath::Indicator {
                area: a,
                indicator,
                area_id,
                id,
            } => format!("{} › {}", area(*a, area_id), ind(*indicator, id)),
            ItemPath::Point {
                area: a,
                indicator,
                point,
                area_id,
                indicator_id,
                id,
            } => format!(
                "{} › {} › {}",
                area(*a, area_id),
                ind(*indicator, indicator_id),
                named(lang, "考查要点", "Point", id, *point)
            ),
        }
    }
}

/// A field of an item, so that an editor can put the message beside the right input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `id`
    Id,
    /// `version`
    Version,
    /// Title of the framework, an area or an indicator; label of a level.
    Title,
    /// `issuer`
    Issuer,
    /// `document`
    Document,
    /// `year`
    Year,
    /// `school_types`
    SchoolTypes,
    /// `description`
    Description,
    /// The levels of the scale, or a level's score.
    Levels,
    /// The strength and weakness thresholds.
    Thresholds,
    /// The items below (areas, indicators, points).
    Children,
    /// A point's text.
    Text,
    /// 自查要点
    Guidance,
    /// 佐证材料
    Evidence,
    /// `source`
    Source,
    /// `kind`
    Kind,
    /// `weight`
    Weight,
    /// `unit`
    Unit,
    /// `direction`
    Direction,
    /// `target`
    Target,
}

impl Field {
    fn zh(self) -> &'static str {
        match self {
            Field::Id => "编号",
            Field::Version => "版本号",
            Field::Title => "名称",
            Field::Issuer => "发布机关",
            Field::Document => "依据文件",
            Field::Year => "年份",
            Field::SchoolTypes => "适用学校类型",
            Field::Description => "说明",
            Field::Levels => "评分等级",
            Field::Thresholds => "亮点/问题线",
            Field::Children => "下级条目",
            Field::Text => "要点内容",
            Field::Guidance => "自查要点",
            Field::Evidence => "佐证材料",
            Field::Source => "来源",
            Field::Kind => "类型",
            Field::Weight => "权重",
            Field::Unit => "单位",
            Field::Direction => "方向",
            Field::Target => "目标值",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Version => "version",
            Field::Title => "title",
            Field::Issuer => "issuer",
            Field::Document => "document",
            Field::Year => "year",
            Field::SchoolTypes => "school types",
            Field::Description => "description",
            Field::Levels => "rating levels",
            Field::Thresholds => "strength/weakness thresholds",
            Field::Children => "items below",
            Field::Text => "point text",
            Field::Guidance => "guidance",
            Field::Evidence => "evidence list",
            Field::Source => "source",
            Field::Kind => "kind",
            Field::Weight => "weight",
            Field::Unit => "unit",
            Field::Direction => "direction",
            Field::Target => "target",
        }
    }
}

/// What is wrong with an item.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// An id with characters other than letters, digits, `.`, `-`, `_`, or too long.
    BadId(String),
    /// An id used twice in the framework.
    DuplicateId(String),
    /// A version that is not dotted numbers such as `2026.2`.
    BadVersion(String),
    /// A required text is empty.
    Empty(Field),
    /// A text longer than [`MAX_TEXT_CHARS`].
    TooLong(Field),
    /// A year outside 1949–2100.
    BadYear(u16),
    /// Fewer than two levels, or more than [`MAX_LEVELS`].
    LevelCount(usize),
    /// A level id used twice.
    DuplicateLevel(String),
    /// A negative or non-finite level score.
    BadScore(f64),
    /// Levels not from best to worst with strictly falling scores.
    LevelsNotDescending,
    /// The best level scores 0.
    MaxScoreNotPositive,
    /// A threshold outside 0–1.
    BadThreshold(f64),
    /// The weakness threshold is not below the strength threshold.
    ThresholdsCrossed,
    /// An item without the items it needs below it (no area, no indicator, no point).
    NoChildren,
    /// More points than [`MAX_POINTS`], or more evidence items than [`MAX_EVIDENCE`].
    TooMany(Field, usize),
    /// `confirmed = false` without a note saying what the item rests on.
    NoteRequired,
    /// A weight that is not a positive number.
    BadWeight(f64),
    /// A target that is not a finite number.
    TargetNotANumber,
    /// A number point with a target but no direction.
    TargetWithoutDirection,
    /// A number point without a unit.
    MissingUnit,
    /// Unit, direction or target on a point that is not a number point.
    NumberFieldsOnOtherKind,
}

impl Problem {
    /// The field the problem is about.
    pub fn field(&self) -> Field {
        match self {
            Problem::BadId(_) | Problem::DuplicateId(_) => Field::Id,
            Problem::BadVersion(_) => Field::Version,
            Problem::Empty(f) | Problem::TooLong(f) | Problem::TooMany(f, _) => *f,
            Problem::BadYear(_) => Field::Year,
            Problem::LevelCount(_)
            | Problem::DuplicateLevel(_)
            | Problem::BadScore(_)
            | Problem::LevelsNotDescending
            | Problem::MaxScoreNotPositive => Field::Levels,
            Problem::BadThreshold(_) | Problem::ThresholdsCrossed => Field::Thresholds,
            Problem::NoChildren => Field::Children,
            Problem::NoteRequired => Field::Source,
            Problem::BadWeight(_) => Field::Weight,
            Problem::TargetNotANumber => Field::Target,
            Problem::TargetWithoutDirection => Field::Direction,
            Problem::MissingUnit => Field::Unit,
            Problem::NumberFieldsOnOtherKind => Field::Kind,
        }
    }
}

impl Localized for Problem {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::BadId(id), Lang::Zh) => format!(
                "编号“{id}”只能含字母、数字、点、横线、下划线，且不超过 {MAX_ID_CHARS} 个字符"
            ),
            (Problem::BadId(id), Lang::En) => format!(
                "the id \"{id}\" may only contain letters, digits, dots, hyphens and underscores, at most {MAX_ID_CHARS} characters"
            ),
            (Problem::DuplicateId(id), Lang::Zh) => {
                format!("编号“{id}”在本框架中重复，请改成另一个编号")
            }
            (Problem::DuplicateId(id), Lang::En) => {
                format!("the id \"{id}\" is used twice in this framework; change one of them")
            }
            (Problem::BadVersion(v), Lang::Zh) => {
                format!("版本号“{v}”须为用点分隔的数字，例如 2026.2")
            }
            (Problem::BadVersion(v), Lang::En) => {
                format!("the version \"{v}\" must be numbers separated by dots, e.g. 2026.2")
            }
            (Problem::Empty(f), Lang::Zh) => format!("{}不能为空", f.zh()),
            (Problem::Empty(f), Lang::En) => format!("the {} must not be empty", f.en()),
            (Problem::TooLong(f), Lang::Zh) => {
                format!("{}太长，不能超过 {MAX_TEXT_CHARS} 个字", f.zh())
            }
            (Problem::TooLong(f), Lang::En) => format!(
                "the {} is too long (at most {MAX_TEXT_CHARS} characters)",
                f.en()
            ),
            (Problem::BadYear(y), Lang::Zh) => format!("年份 {y} 不合理"),
            (Problem::BadYear(y), Lang::En) => format!("the year {y} is not plausible"),
            (Problem::LevelCount(n), Lang::Zh) => {
                format!("评分等级须有 2 到 {MAX_LEVELS} 级，现在是 {n} 级")
            }
            (Problem::LevelCount(n), Lang::En) => {
                format!("a scale needs 2 to {MAX_LEVELS} levels, not {n}")
            }
            (Problem::DuplicateLevel(id), Lang::Zh) => format!("等级编号“{id}”重复"),
            (Problem::DuplicateLevel(id), Lang::En) => {
                format!("the level id \"{id}\" is used twice")
            }
            (Problem::BadScore(s), Lang::Zh) => format!("等级分值 {s} 必须是不小于 0 的数"),
            (Problem::BadScore(s), Lang::En) => {
                format!("the level score {s} must be a number of at least 0")
            }
            (Problem::LevelsNotDescending, Lang::Zh) => {
                "等级须从高到低排列，分值严格递减".into()
            }
            (Problem::LevelsNotDescending, Lang::En) => {
                "levels must go from best to worst with strictly falling scores".into()
            }
            (Problem::MaxScoreNotPositive, Lang::Zh) => "最高等级的分值必须大于 0".into(),
            (Problem::MaxScoreNotPositive, Lang::En) => {
                "the best level must score more than 0".into()
            }
            (Problem::BadThreshold(v), Lang::Zh) => {
                format!("{v} 必须在 0 到 1 之间（满分的比例）")
            }
            (Problem::BadThreshold(v), Lang::En) => {
                format!("{v} must lie between 0 and 1 (a share of the maximum)")
            }
            (Problem::ThresholdsCrossed, Lang::Zh) => {
                "“存在问题”线必须低于“成效及亮点”线".into()
            }
            (Problem::ThresholdsCrossed, Lang::En) => {
                "the weakness threshold must be below the strength threshold".into()
            }
            (Problem::NoChildren, Lang::Zh) => {
                "下面还没有条目：框架至少要有一个方面，方面下至少一个关键指标，关键指标下至少一个考查要点"
                    .into()
            }
            (Problem::NoChildren, Lang::En) => {
                "has nothing below it: a framework needs an area, an area an indicator, an indicator a point"
                    .into()
            }
            (Problem::TooMany(f, max), Lang::Zh) => format!("{}太多，最多 {max} 项", f.zh()),
            (Problem::TooMany(f, max), Lang::En) => {
                format!("too many items in the {} (at most {max})", f.en())
            }
            (Problem::NoteRequired, Lang::Zh) => {
                "来源未核实时必须在“说明”中写明依据（例如据哪份文件第几条转写）".into()
            }
            (Problem::NoteRequired, Lang::En) => {
                "an unconfirmed source needs a note saying what the item rests on".into()
            }
            (Problem::BadWeight(w), Lang::Zh) => format!("权重 {w} 必须是大于 0 的数"),
            (Problem::BadWeight(w), Lang::En) => {
                format!("the weight {w} must be a number above 0")
            }
            (Problem::TargetNotANumber, Lang::Zh) => "目标值必须是数字".into(),
            (Problem::TargetNotANumber, Lang::En) => "the target must be a number".into(),
            (Problem::TargetWithoutDirection, Lang::Zh) => {
                "有目标值的数值要点必须写明方向（越高越好或越低越好）".into()
            }
            (Problem::TargetWithoutDirection, Lang::En) => {
                "a number point with a target needs a direction (higher or lower is better)".into()
            }
            (Problem::MissingUnit, Lang::Zh) => "数值要点必须写明单位，例如 % 或 次".into(),
            (Problem::MissingUnit, Lang::En) => {
                "a number point needs a unit, e.g. % or times".into()
            }
            (Problem::NumberFieldsOnOtherKind, Lang::Zh) => {
                "只有数值要点可以有单位、方向和目标值".into()
            }
            (Problem::NumberFieldsOnOtherKind, Lang::En) => {
                "only number points may have a unit, direction and target".into()
            }
        }
    }
}

/// One problem found in a framework: the item and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkError {
    /// Where.
    pub item: ItemPath,
    /// What is wrong.
    pub problem: Problem,
}

impl Localized for FrameworkError {
    fn text(&self, lang: Lang) -> String {
        let sep = lang.pick("：", ": ");
        format!("{}{sep}{}", self.item.text(lang), self.problem.text(lang))
    }
}

/// The Chinese message, as the build prints it.
impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh())
    }
}

/// Checks a framework: unique ids, sources everywhere, a well-formed scale, well-formed numeric targets, and
/// limits that keep a hostile file from swamping the page. Returns every problem found, not only the first.
pub fn validate(fw: &Framework) -> Vec<FrameworkError> {
    let mut errs = Vec::new();
    let mut at = |item: &ItemPath, problem: Problem| {
        errs.push(FrameworkError {
            item: item.clone(),
            problem,
        })
    };
    let top = ItemPath::Framework;
    if !is_id(&fw.id) {
        at(&top, Problem::BadId(fw.id.clone()));
    }
    if fw.version.trim().is_empty() {
        at(&top, Problem::Empty(Field::Version));
    } else if !is_version(&fw.version) {
        at(&top, Problem::BadVersion(fw.version.clone()));
    }
    for (field, v) in [
        (Field::Title, &fw.title),
        (Field::Issuer, &fw.issuer),
        (Field::Document, &fw.document),
    ] {
        if v.trim().is_empty() {
            at(&top, Problem::Empty(field));
        }
    }
    for (field, v) in [
        (Field::Title, &fw.title),
        (Field::Title, &fw.title_en),
        (Field::Issuer, &fw.issuer),
        (Field::Document, &fw.document),
        (Field::Description, &fw.description),
        (Field::Description, &fw.description_en),
    ] {
        if too_long(v) {
            at(&top, Problem::TooLong(field));
        }
    }
    if !(1949..=2100).contains(&fw.year) {
        at(&top, Problem::BadYear(fw.year));
    }
    if fw.school_types.is_empty() {
        at(&top, Problem::Empty(Field::SchoolTypes));
    }

    let s = &fw.scale;
    let scale = ItemPath::Scale;
    if !(2..=MAX_LEVELS).contains(&s.levels.len()) {
        at(&scale, Problem::LevelCount(s.levels.len()));
    }
    let mut level_ids = BTreeSet::new();
    for (index, l) in s.levels.iter().enumerate().take(MAX_LEVELS) {
        let p = ItemPath::Level {
            index,
            id: l.id.clone(),
        };
        if l.id.trim().is_empty() {
            at(&p, Problem::Empty(Field::Id));
        } else if !is_id(&l.id) {
            at(&p, Problem::BadId(l.id.clone()));
        }
        if l.label.trim().is_empty() {
            at(&p, Problem::Empty(Field::Title));
        }
        if too_long(&l.label) || too_long(&l.label_en) || too_long(&l.description) {
            at(&p, Problem::TooLong(Field::Title));
        }
        if !level_ids.insert(l.id.as_str()) {
            at(&p, Problem::DuplicateLevel(l.id.clone()));
        }
        if !l.score.is_finite() || l.score < 0.0 {
            at(&p, Problem::BadScore(l.score));
        }
    }
    if s.levels.windows(2).any(|w| w[0].score <= w[1].score) {
        at(&scale, Problem::LevelsNotDescending);
    }
    if s.max_score() <= 0.0 {
        at(&scale, Problem::MaxScoreNotPositive);
    }
    for v in [s.strength_at_least, s.weakness_at_most] {
        if !(0.0..=1.0).contains(&v) {
            at(&scale, Problem::BadThreshold(v));
        }
    }
    if s.weakness_at_most >= s.strength_at_least {
        at(&scale, Problem::ThresholdsCrossed);
    }

    if fw.areas.is_empty() {
        at(&top, Problem::NoChildren);
    }
    let points = fw.point_count();
    if points > MAX_POINTS {
        // Checking every item of a huge file would only bury this one message.
        at(&top, Problem::TooMany(Field::Children, MAX_POINTS));
        return errs;
    }
    let mut ids = BTreeSet::new();
    for (ai, a) in fw.areas.iter().enumerate() {
        let ap = ItemPath::Area {
            area: ai,
            id: a.id.clone(),
        };
        check_node(&a.id, &a.title, &a.source, &ap, &mut ids, &mut at);
        if too_long(&a.title_en) {
            at(&ap, Problem::TooLong(Field::Title));
        }
        if a.indicators.is_empty() {
            at(&ap, Problem::NoChildren);
        }
        for (ii, ind) in a.indicators.iter().enumerate() {
            let ip = ItemPath::Indicator {
                area: ai,
                indicator: ii,
                area_id: a.id.clone(),
                id: ind.id.clone(),
            };
            check_node(&ind.id, &ind.title, &ind.source, &ip, &mut ids, &mut at);
            if too_long(&ind.title_en) {
                at(&ip, Problem::TooLong(Field::Title));
            }
            if ind.points.is_empty() {
                at(&ip, Problem::NoChildren);
            }
            for (pi, pt) in ind.points.iter().enumerate() {
                let pp = ItemPath::Point {
                    area: ai,
                    indicator: ii,
                    point: pi,
                    area_id: a.id.clone(),
                    indicator_id: ind.id.clone(),
                    id: pt.id.clone(),
                };
                check_node(&pt.id, &pt.text, &pt.source, &pp, &mut ids, &mut at);
                check_point(pt, &pp, &mut at);
            }
        }
    }
    errs
}

fn too_long(s: &str) -> bool {
    // Bytes first: cheap, and a string of fewer bytes cannot have more characters.
    s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS
}

fn check_node(
    id: &str,
    title: &str,
    source: &Source,
    path: &ItemPath,
    ids: &mut BTreeSet<String>,
    at: &mut impl FnMut(&ItemPath, Problem),
) {
    if !is_id(id) {
        at(path, Problem::BadId(id.into()));
    } else if !ids.insert(id.to_string()) {
        at(path, Problem::DuplicateId(id.into()));
    }
    let field = match path {
        ItemPath::Point { .. } => Field::Text,
        _ => Field::Title,
    };
    if title.trim().is_empty() {
        at(path, Problem::Empty(field));
    }
    if too_long(title) {
        at(path, Problem::TooLong(field));
    }
    if source.doc.trim().is_empty() {
        at(path, Problem::Empty(Field::Source));
    }
    if too_long(&source.doc) || too_long(&source.section) || too_long(&source.note) {
        at(path, Problem::TooLong(Field::Source));
    }
    if !source.confirmed && source.note.trim().is_empty() {
        at(path, Problem::NoteRequired);
    }
}

fn check_point(pt: &Point, path: &ItemPath, at: &mut impl FnMut(&ItemPath, Problem)) {
    if !pt.weight.is_finite() || pt.weight <= 0.0 {
        at(path, Problem::BadWeight(pt.weight));
    }
    match pt.kind {
        PointKind::Number => {
            if let Some(t) = pt.target {
                if !t.is_finite() {
                    at(path, Problem::TargetNotANumber);
                }
                if pt.direction.is_none() {
                    at(path, Problem::TargetWithoutDirection);
                }
            }
            if pt.unit.trim().is_empty() {
                at(path, Problem::MissingUnit);
            }
        }
        _ => {
            if pt.target.is_some() || pt.direction.is_some() || !pt.unit.is_empty() {
                at(path, Problem::NumberFieldsOnOtherKind);
            }
        }
    }
    if pt.kind != PointKind::Text && pt.guidance.trim().is_empty() {
        at(path, Problem::Empty(Field::Guidance));
    }
    for (field, v) in [
        (Field::Text, &pt.text_en),
        (Field::Guidance, &pt.guidance),
        (Field::Guidance, &pt.guidance_en),
        (Field::Unit, &pt.unit),
    ] {
        if too_long(v) {
            at(path, Problem::TooLong(field));
        }
    }
    if pt.evidence.len() > MAX_EVIDENCE || pt.evidence_en.len() > MAX_EVIDENCE {
        at(path, Problem::TooMany(Field::Evidence, MAX_EVIDENCE));
    } else if pt
        .evidence
        .iter()
        .chain(&pt.evidence_en)
        .any(|e| too_long(e))
    {
        at(path, Problem::TooLong(Field::Evidence));
    }
    if pt.previous_ids.len() > MAX_EVIDENCE || pt.previous_ids.iter().any(|id| !is_id(id)) {
        at(path, Problem::BadId(pt.previous_ids.join(", ")));
    }
}

/// Whether a string is a valid id: letters, digits, `.`, `-`, `_`, at most [`MAX_ID_CHARS`].
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Whether a version is dotted numbers such as `2026.2` (so versions can be ordered).
pub fn is_version(v: &str) -> bool {
    v.len() <= MAX_ID_CHARS
        && !v.is_empty()
        && v.split('.')
            .all(|p| !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Compares dotted versions numerically (`2026.10` > `2026.9`); `None` when either is not a version.
pub fn compare_versions(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    if !is_version(a) || !is_version(b) {
        return None;
    }
    let parse = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    Some(parse(a).cmp(&parse(b)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn problems_of(fw: &Framework) -> Vec<String> {
        validate(fw).iter().map(|e| e.zh()).collect()
    }

    #[test]
    fn a_good_tree_has_no_problems() {
        assert_eq!(problems_of(&fixtures::framework()), Vec::<String>::new());
    }

    #[test]
    fn messages_name_the_item_in_both_languages_and_carry_its_position() {
        let mut fw = fixtures::framework();
        fw.areas[1].id = "A2".into();
        fw.areas[1].indicators[0].id = "A2.3".into();
        let p = &mut fw.areas[1].indicators[0].points[0];
        p.id = "A2.3.1".into();
        p.target = Some(f64::NAN);
        let errs = validate(&fw);
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].zh(),
            "方面 A2 › 关键指标 A2.3 › 考查要点 A2.3.1：目标值必须是数字"
        );
        assert_eq!(
            errs[0].text(Lang::En),
            "Area A2 › Indicator A2.3 › Point A2.3.1: the target must be a number"
        );
        assert_eq!(errs[0].problem.field(), Field::Target);
        assert_eq!(
            errs[0].item.node(),
            Some(crate::framework_edit::NodeRef::Point(1, 0, 0))
        );
        assert_eq!(errs[0].to_string(), errs[0].zh());
    }

    #[test]
    fn every_rule_is_reported_with_its_item() {
        let mut fw = fixtures::framework();
        fw.version = "v2".into();
        fw.school_types.clear();
        fw.scale.levels[1].score = 9.0;
        fw.scale.weakness_at_most = 0.9;
        fw.areas[0].indicators[1].id = "I1".into();
        fw.areas[0].indicators[0].points[1].guidance.clear();
        fw.areas[0].indicators[0].points[2].unit.clear();
        fw.areas[0].indicators[0].points[2].direction = None;
        fw.areas[0].indicators[1].points[1].unit = "%".into();
        fw.areas[1].indicators[0].points[1].weight = 0.0;
        fw.areas[1].indicators[0].points[1].source.confirmed = false;
        fw.areas[1].indicators[0].points[1].id = String::new();
        fw.areas[1].source.doc = " ".into();
        let got = problems_of(&fw);
        let want = [
            "框架信息：版本号“v2”须为用点分隔的数字，例如 2026.2",
            "框架信息：适用学校类型不能为空",
            "评分等级：等级须从高到低排列，分值严格递减",
            "评分等级：“存在问题”线必须低于“成效及亮点”线",
            "方面 A1 › 关键指标 I1 › 考查要点 p2：自查要点不能为空",
            "方面 A1 › 关键指标 I1 › 考查要点 p3：有目标值的数值要点必须写明方向（越高越好或越低越好）",
            "方面 A1 › 关键指标 I1 › 考查要点 p3：数值要点必须写明单位，例如 % 或 次",
            "方面 A1 › 关键指标 I1：编号“I1”在本框架中重复，请改成另一个编号",
            "方面 A1 › 关键指标 I1 › 考查要点 p5：只有数值要点可以有单位、方向和目标值",
            "方面 A2：来源不能为空",
            "方面 A2 › 关键指标 I3 › 第 2 个考查要点：编号“”只能含字母、数字、点、横线、下划线，且不超过 40 个字符",
            "方面 A2 › 关键指标 I3 › 第 2 个考查要点：来源未核实时必须在“说明”中写明依据（例如据哪份文件第几条转写）",
            "方面 A2 › 关键指标 I3 › 第 2 个考查要点：权重 0 必须是大于 0 的数",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn hostile_sizes_are_refused_with_one_message() {
        let mut fw = fixtures::framework();
        let p = fw.areas[0].indicators[0].points[0].clone();
        fw.areas[0].indicators[0].points = (0..=MAX_POINTS)
            .map(|n| Point {
                id: format!("x{n}"),
                ..p.clone()
            })
            .collect();
        assert_eq!(problems_of(&fw), ["框架信息：下级条目太多，最多 2000 项"]);
        let mut fw = fixtures::framework();
        fw.areas[0].indicators[0].points[0].text = "字".repeat(MAX_TEXT_CHARS + 1);
        fw.areas[0].indicators[0].points[0].id = "x".repeat(MAX_ID_CHARS + 1);
        assert_eq!(problems_of(&fw).len(), 2);
    }

    #[test]
    fn versions_order_numerically() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_versions("2026.10", "2026.9"), Some(Greater));
        assert_eq!(compare_versions("2026.1", "2026.1"), Some(Equal));
        assert_eq!(compare_versions("1", "1.0.1"), Some(Less));
        assert_eq!(compare_versions("v2", "1"), None);
        assert!(!is_version("1..2") && !is_version("") && is_version("2026.2"));
    }
}
