//! Evaluations: one school's answers to one framework for one school year and term.

use super::framework::{Framework, Point, PointKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The term an evaluation covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// 全学年
    #[default]
    Year,
    /// 第一学期（秋季学期）
    First,
    /// 第二学期（春季学期）
    Second,
}

impl Term {
    /// Every term, in the order the UI lists them.
    pub const ALL: [Term; 3] = [Term::Year, Term::First, Term::Second];

    /// Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Term::Year => "全学年",
            Term::First => "第一学期",
            Term::Second => "第二学期",
        }
    }

    /// English name.
    pub fn en(self) -> &'static str {
        match self {
            Term::Year => "Whole year",
            Term::First => "First term",
            Term::Second => "Second term",
        }
    }

    /// Stable code used in forms.
    pub fn code(self) -> &'static str {
        match self {
            Term::Year => "year",
            Term::First => "first",
            Term::Second => "second",
        }
    }

    /// Parses [`Term::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// A school year such as 2025—2026学年, stored by its first calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SchoolYear(pub i32);

impl SchoolYear {
    /// The school year a date falls in: from September on, a new school year has begun.
    pub fn containing(date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        if date.month() >= 9 {
            SchoolYear(date.year())
        } else {
            SchoolYear(date.year() - 1)
        }
    }

    /// 2025—2026学年
    pub fn zh(self) -> String {
        format!("{}—{}学年", self.0, self.0 + 1)
    }

    /// 2025–2026 school year
    pub fn en(self) -> String {
        format!("{}–{} school year", self.0, self.0 + 1)
    }
}

impl crate::i18n::Localized for SchoolYear {
    fn text(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::Zh => SchoolYear::zh(*self),
            crate::i18n::Lang::En => self.en(),
        }
    }
}

/// The value given to a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum AnswerValue {
    /// A level id of the framework's scale.
    Level(String),
    /// 是 / 否
    YesNo(bool),
    /// A measured number.
    Number(f64),
    /// Free text.
    Text(String),
}

/// A school's answer to one point.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Answer {
    /// The value; `None` while unanswered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    /// 佐证说明: the school's note, several paragraphs allowed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Marked 不适用, with the reason given (possibly still empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
}

impl Answer {
    /// Whether the point counts as done for progress: a value, or marked not applicable.
    pub fn is_done(&self) -> bool {
        self.not_applicable.is_some()
            || match &self.value {
                Some(AnswerValue::Text(t)) => !t.trim().is_empty(),
                Some(_) => true,
                None => false,
            }
    }

    /// Whether nothing at all was entered, so the answer can be dropped.
    pub fn is_blank(&self) -> bool {
        self.value.is_none() && self.note.is_empty() && self.not_applicable.is_none()
    }
}

/// Identifies an evaluation and what it evaluates; kept in the workspace index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationHeader {
    /// Stable id.
    pub id: String,
    /// The school evaluated.
    pub school_id: String,
    /// The framework used.
    pub framework_id: String,
    /// The framework's version at creation.
    pub framework_version: String,
    /// School year.
    pub school_year: SchoolYear,
    /// Term.
    #[serde(default)]
    pub term: Term,
    /// When it was created (ISO date).
    pub created: String,
}

/// The answers of an evaluation, stored under their own key so that saving an answer writes little.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Answers {
    /// Answers by point id.
    #[serde(default)]
    pub by_point: BTreeMap<String, Answer>,
    /// The point the user was on, restored on reload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Answers (or parts of answers) that no longer fit after the evaluation moved to another version of its
    /// framework: kept here, never deleted, so that the principal can still read and copy them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<crate::framework_versions::SetAside>,
}

/// A change a user makes to one point.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Set or clear the value.
    Value(Option<AnswerValue>),
    /// Replace the note.
    Note(String),
    /// Mark not applicable with a reason, or clear the mark with `None`.
    NotApplicable(Option<String>),
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The point is not in the framework.
    UnknownPoint,
    /// The value does not fit the point's kind or scale.
    WrongKind,
    /// A number that is not finite.
    NotANumber,
}

impl crate::i18n::Localized for EditError {
    fn text(&self, lang: crate::i18n::Lang) -> String {
        let (zh, en) = match self {
            EditError::UnknownPoint => (
                "该考查要点不在本框架中",
                "This point is not in the framework",
            ),
            EditError::WrongKind => (
                "答案类型与考查要点不符",
                "The answer does not fit this point",
            ),
            EditError::NotANumber => ("请填写有效的数字", "Enter a valid number"),
        };
        lang.pick(zh, en).to_string()
    }
}

impl Answers {
    /// The answer to a point, if any.
    pub fn get(&self, point_id: &str) -> Option<&Answer> {
        self.by_point.get(point_id)
    }

    /// Applies an edit after checking it against the framework. Blank answers are removed.
    pub fn apply(&mut self, fw: &Framework, point_id: &str, edit: Edit) -> Result<(), EditError> {
        let point = fw.point(point_id).ok_or(EditError::UnknownPoint)?;
        if let Edit::Value(Some(v)) = &edit {
            check_value(fw, point, v)?;
        }
        let entry = self.by_point.entry(point_id.to_string()).or_default();
        match edit {
            Edit::Value(v) => entry.value = v,
            Edit::Note(n) => entry.note = n,
            Edit::NotApplicable(r) => entry.not_applicable = r,
        }
        if entry.is_blank() {
            self.by_point.remove(point_id);
        }
        Ok(())
    }

    /// The first point after `after` (in document order, wrapping around) that is not done.
    pub fn next_unanswered<'a>(&self, fw: &'a Framework, after: Option<&str>) -> Option<&'a Point> {
        let points: Vec<&Point> = fw.points().map(|(_, _, p)| p).collect();
        let start = after
            .and_then(|id| points.iter().position(|p| p.id == id))
            .map(|i| i + 1)
            .unwrap_or(0);
        (0..points.len())
            .map(|k| points[(start + k) % points.len()])
            .find(|p| !self.get(&p.id).is_some_and(Answer::is_done))
    }
}

/// Whether a value fits a point: its kind, a level of the scale, a finite number. [`Answers::apply`] runs it;
/// readers of files that hold many answers call it directly.
pub fn check_value(fw: &Framework, point: &Point, v: &AnswerValue) -> Result<(), EditError> {
    match (point.kind, v) {
        (PointKind::Level, AnswerValue::Level(id)) if fw.scale.level(id).is_some() => Ok(()),
        (PointKind::YesNo, AnswerValue::YesNo(_)) => Ok(()),
        (PointKind::Number, AnswerValue::Number(n)) if n.is_finite() => Ok(()),
        (PointKind::Number, AnswerValue::Number(_)) => Err(EditError::NotANumber),
        (PointKind::Text, AnswerValue::Text(_)) => Ok(()),
        _ => Err(EditError::WrongKind),
    }
}

/// Parses a number typed by a user, accepting a trailing % and full-width digits.
pub fn parse_number(text: &str) -> Result<Option<f64>, EditError> {
    let normalised: String = text
        .trim()
        .trim_end_matches(['%', '％'])
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            _ => c,
        })
        .collect();
    let t = normalised.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(EditError::NotANumber),
    }
}

/// Progress through a framework: done points over all points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Points answered or marked not applicable.
    pub done: usize,
    /// All points.
    pub total: usize,
}

impl Progress {
    /// Whole percent, rounded down so that 100 means truly complete.
    pub fn percent(self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0) as u32
    }
}

/// Progress overall and per area, in area order.
pub fn progress(fw: &Framework, answers: &Answers) -> (Progress, Vec<Progress>) {
    let mut overall = Progress::default();
    let per_area = fw
        .areas
        .iter()
        .map(|a| {
            let mut p = Progress::default();
            for pt in a.indicators.iter().flat_map(|i| &i.points) {
                p.total += 1;
                if answers.get(&pt.id).is_some_and(Answer::is_done) {
                    p.done += 1;
                }
            }
            overall.done += p.done;
            overall.total += p.total;
            p
        })
        .collect();
    (overall, per_area)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn edits_are_checked_against_the_point_kind_and_scale() {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        assert_eq!(
            a.apply(&fw, "p1", Edit::Value(Some(AnswerValue::Level("Z".into())))),
            Err(EditError::WrongKind)
        );
        assert_eq!(
            a.apply(&fw, "p1", Edit::Value(Some(AnswerValue::YesNo(true)))),
            Err(EditError::WrongKind)
        );
        assert_eq!(
            a.apply(&fw, "p3", Edit::Value(Some(AnswerValue::Number(f64::NAN)))),
            Err(EditError::NotANumber)
        );
        assert_eq!(
            a.apply(&fw, "nope", Edit::Note("x".into())),
            Err(EditError::UnknownPoint)
        );
        assert!(a.by_point.is_empty(), "refused edits change nothing");
        a.apply(&fw, "p1", Edit::Value(Some(AnswerValue::Level("A".into()))))
            .unwrap();
        assert!(a.get("p1").unwrap().is_done());
    }

    #[test]
    fn notes_survive_clearing_the_value_and_blank_answers_disappear() {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        a.apply(&fw, "p2", Edit::Value(Some(AnswerValue::YesNo(true))))
            .unwrap();
        a.apply(&fw, "p2", Edit::Note("第一段\n\n第二段".into()))
            .unwrap();
        a.apply(&fw, "p2", Edit::Value(None)).unwrap();
        assert_eq!(a.get("p2").unwrap().note, "第一段\n\n第二段");
        assert!(!a.get("p2").unwrap().is_done());
        a.apply(&fw, "p2", Edit::Note(String::new())).unwrap();
        assert!(a.get("p2").is_none());
    }

    #[test]
    fn progress_counts_answers_and_not_applicable_but_not_blank_text() {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        a.apply(&fw, "p1", Edit::Value(Some(AnswerValue::Level("A".into()))))
            .unwrap();
        a.apply(&fw, "p4", Edit::NotApplicable(Some(String::new())))
            .unwrap();
        a.apply(&fw, "p5", Edit::Value(Some(AnswerValue::Text("  ".into()))))
            .unwrap();
        a.apply(&fw, "p7", Edit::Note("只有说明".into())).unwrap();
        let (all, areas) = progress(&fw, &a);
        assert_eq!(all, Progress { done: 2, total: 7 });
        assert_eq!(all.percent(), 28);
        assert_eq!(
            areas,
            vec![
                Progress { done: 2, total: 5 },
                Progress { done: 0, total: 2 }
            ]
        );
    }

    #[test]
    fn next_unanswered_wraps_around_and_skips_done_points() {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        assert_eq!(a.next_unanswered(&fw, None).unwrap().id, "p1");
        a.apply(&fw, "p1", Edit::Value(Some(AnswerValue::Level("A".into()))))
            .unwrap();
        a.apply(&fw, "p2", Edit::Value(Some(AnswerValue::YesNo(true))))
            .unwrap();
        assert_eq!(a.next_unanswered(&fw, Some("p1")).unwrap().id, "p3");
        assert_eq!(a.next_unanswered(&fw, Some("p7")).unwrap().id, "p3");
        for id in ["p3", "p4", "p5", "p6", "p7"] {
            a.apply(&fw, id, Edit::NotApplicable(Some("x".into())))
                .unwrap();
        }
        assert!(a.next_unanswered(&fw, None).is_none());
    }

    #[test]
    fn numbers_typed_by_people_are_understood() {
        assert_eq!(parse_number(" 45% "), Ok(Some(45.0)));
        assert_eq!(parse_number("８５．５％"), Ok(Some(85.5)));
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("-0.5"), Ok(Some(-0.5)));
        assert_eq!(parse_number("abc"), Err(EditError::NotANumber));
        assert_eq!(parse_number("inf"), Err(EditError::NotANumber));
    }

    #[test]
    fn school_years_start_in_september() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(SchoolYear::containing(d(2026, 8, 31)), SchoolYear(2025));
        assert_eq!(SchoolYear::containing(d(2026, 9, 1)), SchoolYear(2026));
        assert_eq!(SchoolYear(2025).zh(), "2025—2026学年");
    }

    #[test]
    fn answers_round_trip_through_json() {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        a.apply(&fw, "p3", Edit::Value(Some(AnswerValue::Number(45.5))))
            .unwrap();
        a.apply(
            &fw,
            "p5",
            Edit::Value(Some(AnswerValue::Text("<b>&\"".into()))),
        )
        .unwrap();
        a.position = Some("p5".into());
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), a);
    }
}
