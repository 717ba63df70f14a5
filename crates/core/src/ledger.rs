//! The improvement ledger (工作台账): tasks with owners, departments, dates and milestones; overdue logic;
//! drafting tasks from weak points; CSV export.

use super::evaluation::{AnswerValue, Answers};
use super::framework::{Framework, PointKind};
use super::scoring::{Outcome, ScoreCard};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// A task's status as the school sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 未开始
    #[default]
    NotStarted,
    /// 进行中
    InProgress,
    /// 已完成
    Done,
    /// 已延期
    Delayed,
}

impl Status {
    /// Every status, in the order the UI lists them.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Delayed,
    ];

    /// Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Status::NotStarted => "未开始",
            Status::InProgress => "进行中",
            Status::Done => "已完成",
            Status::Delayed => "已延期",
        }
    }

    /// English name.
    pub fn en(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::InProgress => "In progress",
            Status::Done => "Done",
            Status::Delayed => "Delayed",
        }
    }

    /// Stable code used in forms.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Delayed => "delayed",
        }
    }

    /// Parses [`Status::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A dated milestone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// When.
    pub date: NaiveDate,
    /// What.
    pub text: String,
    /// Reached.
    #[serde(default)]
    pub done: bool,
}

/// A dated progress note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressNote {
    /// When.
    pub date: NaiveDate,
    /// What happened.
    pub text: String,
}

/// One task of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Stable id.
    pub id: String,
    /// 任务
    pub title: String,
    /// The evaluation whose points it addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_id: Option<String>,
    /// Linked assessment points (ids in that evaluation's framework).
    #[serde(default)]
    pub points: Vec<String>,
    /// The area the task belongs to (from its first point), for grouping and filtering.
    #[serde(default)]
    pub area: String,
    /// 责任人
    #[serde(default)]
    pub owner: String,
    /// 责任部门
    #[serde(default)]
    pub department: String,
    /// 开始日期
    #[serde(default)]
    pub start: Option<NaiveDate>,
    /// 完成时限
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// Status as set by the school.
    #[serde(default)]
    pub status: Status,
    /// Dated milestones.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Dated progress notes.
    #[serde(default)]
    pub notes: Vec<ProgressNote>,
    /// An optional measurable target, e.g. 课后服务参与率 ≥ 85%.
    #[serde(default)]
    pub target: String,
}

impl Task {
    /// A new task with a title and nothing else.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Task {
            id: id.into(),
            title: title.into(),
            evaluation_id: None,
            points: vec![],
            area: String::new(),
            owner: String::new(),
            department: String::new(),
            start: None,
            due: None,
            status: Status::NotStarted,
            milestones: vec![],
            notes: vec![],
            target: String::new(),
        }
    }

    /// Overdue: not done and its due date has passed (the due day itself is not late).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != Status::Done && self.due.is_some_and(|d| d < today)
    }

    /// Days past the due date, for an overdue task.
    pub fn overdue_days(&self, today: NaiveDate) -> Option<i64> {
        self.is_overdue(today)
            .then(|| self.due.map(|d| (today - d).num_days()))
            .flatten()
    }

    /// The status to show: an overdue task shows as 已延期 whatever was set, a done task stays done.
    pub fn shown_status(&self, today: NaiveDate) -> Status {
        if self.is_overdue(today) {
            Status::Delayed
        } else {
            self.status
        }
    }

    /// Milestones whose date has passed without being reached.
    pub fn overdue_milestones(&self, today: NaiveDate) -> impl Iterator<Item = &Milestone> {
        self.milestones
            .iter()
            .filter(move |m| !m.done && m.date < today && self.status != Status::Done)
    }

    /// Problems that make the task inconsistent, in Chinese.
    pub fn problems(&self) -> Vec<TaskProblem> {
        let mut v = Vec::new();
        if self.title.trim().is_empty() {
            v.push(TaskProblem::NoTitle);
        }
        if let (Some(s), Some(d)) = (self.start, self.due) {
            if d < s {
                v.push(TaskProblem::DueBeforeStart);
            }
        }
        v
    }

    /// Links a point of an evaluation's framework to the task. The first linked point gives the task its
    /// area (方面), and the task belongs to that evaluation from then on. Returns whether anything changed.
    pub fn link_point(&mut self, fw: &Framework, evaluation_id: &str, point_id: &str) -> bool {
        if self.points.iter().any(|p| p == point_id) {
            return false;
        }
        if self.points.is_empty() {
            self.area = fw
                .points()
                .find(|(_, _, p)| p.id == point_id)
                .map(|(a, _, _)| a.title.clone())
                .unwrap_or_default();
        }
        self.points.push(point_id.to_string());
        self.evaluation_id
            .get_or_insert_with(|| evaluation_id.to_string());
        true
    }
}

/// Why a task is not complete yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskProblem {
    /// No title.
    NoTitle,
    /// The due date is before the start.
    DueBeforeStart,
}

impl crate::i18n::Localized for TaskProblem {
    fn text(&self, lang: crate::i18n::Lang) -> String {
        let (zh, en) = match self {
            TaskProblem::NoTitle => ("请填写任务名称", "Enter the task's name"),
            TaskProblem::DueBeforeStart => {
                ("完成时限早于开始日期", "The due date is before the start")
            }
        };
        lang.pick(zh, en).to_string()
    }
}

/// The ledger of one school.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Ledger {
    /// Tasks in the order they were added.
    #[serde(default)]
    pub tasks: Vec<Task>,
}

/// How to choose the weak points that become tasks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeakRule {
    /// A scored point whose score is at most this share of the maximum is weak (0–1).
    pub at_most: f64,
}

/// Whether a point counts as weak under a rule: a low score, a 否, or a missed numeric target.
pub fn is_weak(fw: &Framework, card: &ScoreCard, point_id: &str, rule: WeakRule) -> bool {
    let Some(point) = fw.point(point_id) else {
        return false;
    };
    card.points
        .get(point_id)
        .is_some_and(|o| is_weak_outcome(point.kind, o, card.max_score, rule))
}

/// The rule of [`is_weak`] for one outcome of a point of the given kind, on a scale with maximum `max_score`;
/// for callers that hold outcomes without a score card (e.g. the county roll-up over many schools).
pub fn is_weak_outcome(kind: PointKind, outcome: &Outcome, max_score: f64, rule: WeakRule) -> bool {
    match outcome {
        Outcome::Scored { score, target_met } => match (kind, target_met) {
            (PointKind::Number, Some(met)) => !met,
            (PointKind::YesNo, _) => *score <= 0.0,
            _ => max_score > 0.0 && score / max_score <= rule.at_most + 1e-9,
        },
        _ => false,
    }
}

/// What tasks are drafted from: one scored evaluation and the rule for weak points.
pub struct Drafting<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// Its score card for the evaluation.
    pub card: &'a ScoreCard,
    /// The evaluation's answers.
    pub answers: &'a Answers,
    /// The evaluation's id.
    pub evaluation_id: &'a str,
    /// Which points are weak.
    pub rule: WeakRule,
    /// Today.
    pub today: NaiveDate,
}

/// Drafts one task for every weak point not yet covered by a task of the same evaluation.
/// Titles come from the point's text; numeric points carry their target; dates start today for 90 days.
pub fn draft_tasks(
    from: &Drafting,
    ledger: &Ledger,
    mut new_id: impl FnMut() -> String,
) -> Vec<Task> {
    let Drafting {
        fw,
        card,
        answers,
        evaluation_id,
        rule,
        today,
    } = *from;
    let covered = |pid: &str| {
        ledger.tasks.iter().any(|t| {
            t.evaluation_id.as_deref() == Some(evaluation_id) && t.points.iter().any(|p| p == pid)
        })
    };
    fw.points()
        .filter(|(_, _, p)| is_weak(fw, card, &p.id, rule) && !covered(&p.id))
        .map(|(area, _, p)| {
            let mut t = Task::new(new_id(), format!("整改：{}", short(&p.text, 60)));
            t.evaluation_id = Some(evaluation_id.to_string());
            t.points = vec![p.id.clone()];
            t.area = area.title.clone();
            t.start = Some(today);
            t.due = Some(today + Duration::days(90));
            if let (Some(target), Some(dir)) = (p.target, p.direction) {
                let sign = dir.sign();
                let now = match answers.get(&p.id).and_then(|a| a.value.as_ref()) {
                    Some(AnswerValue::Number(v)) => {
                        format!("（现为 {}{}）", trim_number(*v), p.unit)
                    }
                    _ => String::new(),
                };
                t.target = format!(
                    "{}{} {}{}{now}",
                    short(&p.text, 30),
                    sign,
                    trim_number(target),
                    p.unit
                );
            }
            t
        })
        .collect()
}

/// Cuts a text to at most `max` characters at a sentence mark where possible, adding … when cut.
pub fn short(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.trim_end_matches(['。', '；']).to_string();
    }
    let cut = chars[..max]
        .iter()
        .rposition(|c| matches!(c, '，' | '；' | '：' | '。'))
        .filter(|&i| i >= max / 2)
        .unwrap_or(max);
    let mut s: String = chars[..cut].iter().collect();
    s.push('…');
    s
}

/// Formats a number without trailing zeros.
pub fn trim_number(n: f64) -> String {
    let s = format!("{n:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Filters for the ledger table; empty strings and `None` mean "any".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// Shown status.
    pub status: Option<Status>,
    /// 责任人 (exact).
    pub owner: String,
    /// 责任部门 (exact).
    pub department: String,
    /// Area title (exact).
    pub area: String,
}

/// Sort orders for the ledger table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// By due date, undated last.
    #[default]
    Due,
    /// By start date, undated last.
    Start,
    /// By shown status.
    Status,
    /// By owner.
    Owner,
    /// By department.
    Department,
    /// As added.
    Added,
}

impl Sort {
    /// Every order.
    pub const ALL: [Sort; 6] = [
        Sort::Due,
        Sort::Start,
        Sort::Status,
        Sort::Owner,
        Sort::Department,
        Sort::Added,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Due => "due",
            Sort::Start => "start",
            Sort::Status => "status",
            Sort::Owner => "owner",
            Sort::Department => "department",
            Sort::Added => "added",
        }
    }

    /// Parses [`Sort::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl Ledger {
    /// The tasks that pass a filter, in a sort order.
    pub fn view(&self, filter: &Filter, sort: Sort, today: NaiveDate) -> Vec<&Task> {
        let mut v: Vec<&Task> = self
            .tasks
            .iter()
            .filter(|t| filter.status.is_none_or(|s| t.shown_status(today) == s))
            .filter(|t| filter.owner.is_empty() || t.owner == filter.owner)
            .filter(|t| filter.department.is_empty() || t.department == filter.department)
            .filter(|t| filter.area.is_empty() || t.area == filter.area)
            .collect();
        let undated_last = |d: Option<NaiveDate>| (d.is_none(), d);
        match sort {
            Sort::Due => v.sort_by_key(|t| undated_last(t.due)),
            Sort::Start => v.sort_by_key(|t| undated_last(t.start)),
            Sort::Status => v.sort_by_key(|t| t.shown_status(today)),
            Sort::Owner => v.sort_by(|a, b| a.owner.cmp(&b.owner)),
            Sort::Department => v.sort_by(|a, b| a.department.cmp(&b.department)),
            Sort::Added => {}
        }
        v
    }

    /// Distinct non-empty values of a field, sorted, for filter choices.
    pub fn distinct(&self, field: impl Fn(&Task) -> &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .tasks
            .iter()
            .map(|t| field(t).to_string())
            .filter(|s| !s.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The month span covering every dated task and milestone, for the timeline.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dates = self.tasks.iter().flat_map(|t| {
            t.start
                .into_iter()
                .chain(t.due)
                .chain(t.milestones.iter().map(|m| m.date))
        });
        let (mut lo, mut hi) = (None::<NaiveDate>, None::<NaiveDate>);
        for d in dates {
            lo = Some(lo.map_or(d, |l| l.min(d)));
            hi = Some(hi.map_or(d, |h| h.max(d)));
        }
        Some((lo?, hi?))
    }
}

/// One CSV field, quoted when needed. A leading `=`, `+`, `-` or `@` is prefixed with `'` so that a
/// spreadsheet never runs a cell as a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The ledger as CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF line ends, Chinese headers.
pub fn to_csv(
    tasks: &[&Task],
    point_text: impl Fn(&str) -> Option<String>,
    today: NaiveDate,
) -> String {
    let headers = [
        "序号",
        "任务",
        "关联考查要点",
        "方面",
        "责任人",
        "责任部门",
        "开始日期",
        "完成时限",
        "状态",
        "是否逾期",
        "里程碑",
        "进展记录",
        "目标",
    ];
    let mut out = String::from("\u{feff}");
    out.push_str(&headers.join(","));
    out.push_str("\r\n");
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for (i, t) in tasks.iter().enumerate() {
        let points = t
            .points
            .iter()
            .map(|p| match point_text(p) {
                Some(text) => format!("{p} {}", short(&text, 40)),
                None => p.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let milestones = t
            .milestones
            .iter()
            .map(|m| {
                format!(
                    "{} {}{}",
                    m.date,
                    m.text,
                    if m.done { "（已完成）" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        let notes = t
            .notes
            .iter()
            .map(|n| format!("{} {}", n.date, n.text))
            .collect::<Vec<_>>()
            .join("\n");
        let row = [
            (i + 1).to_string(),
            t.title.clone(),
            points,
            t.area.clone(),
            t.owner.clone(),
            t.department.clone(),
            date(t.start),
            date(t.due),
            t.shown_status(today).zh().to_string(),
            if t.is_overdue(today) { "是" } else { "否" }.to_string(),
            milestones,
            notes,
            t.target.clone(),
        ];
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

/// One row of the timeline: a task's span in days from the timeline's start.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    /// Task id.
    pub id: String,
    /// Task title.
    pub title: String,
    /// First day (inclusive), days from the timeline start.
    pub from: i64,
    /// Last day (inclusive), days from the timeline start.
    pub to: i64,
    /// Past its due date and not done.
    pub overdue: bool,
    /// Done.
    pub done: bool,
    /// Milestones: (day, text, reached, late).
    pub milestones: Vec<(i64, String, bool, bool)>,
}

/// A month-by-month timeline of the dated tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The first day shown (the first of a month).
    pub start: NaiveDate,
    /// Number of days shown.
    pub days: i64,
    /// The months shown, with the day each begins on.
    pub months: Vec<(i32, u32, i64)>,
    /// Today's day, when it falls inside.
    pub today: Option<i64>,
    /// Dated tasks, in ledger order.
    pub rows: Vec<TimelineRow>,
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

/// Lays out the dated tasks on whole months from the earliest to the latest date (today included).
/// A task with only a start or only a due date is shown on that single day.
pub fn timeline(ledger: &Ledger, today: NaiveDate) -> Option<Timeline> {
    let (lo, hi) = ledger.span()?;
    let start = first_of_month(lo.min(today));
    let end = first_of_next_month(hi.max(today));
    let days = (end - start).num_days();
    let day = |d: NaiveDate| (d - start).num_days();
    let mut months = Vec::new();
    let mut m = start;
    while m < end {
        months.push((m.year(), m.month(), day(m)));
        m = first_of_next_month(m);
    }
    let rows = ledger
        .tasks
        .iter()
        .filter_map(|t| {
            let (a, b) = match (t.start, t.due) {
                (Some(a), Some(b)) => (a.min(b), a.max(b)),
                (Some(a), None) | (None, Some(a)) => (a, a),
                (None, None) => return None,
            };
            Some(TimelineRow {
                id: t.id.clone(),
                title: t.title.clone(),
                from: day(a),
                to: day(b),
                overdue: t.is_overdue(today),
                done: t.status == Status::Done,
                milestones: t
                    .milestones
                    .iter()
                    .map(|ms| {
                        let late = !ms.done && ms.date < today && t.status != Status::Done;
                        (day(ms.date), ms.text.clone(), ms.done, late)
                    })
                    .collect(),
            })
        })
        .collect();
    Some(Timeline {
        start,
        days,
        months,
        today: Some(day(today)),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::Edit;
    use crate::fixtures;
    use crate::scoring::score;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn task(id: &str, due: Option<NaiveDate>, status: Status) -> Task {
        Task {
            due,
            status,
            ..Task::new(id, format!("任务{id}"))
        }
    }

    #[test]
    fn overdue_starts_the_day_after_the_due_date_and_never_for_done_tasks() {
        let t = task("1", Some(d(2026, 6, 30)), Status::InProgress);
        assert!(
            !t.is_overdue(d(2026, 6, 30)),
            "the due day itself is on time"
        );
        assert!(t.is_overdue(d(2026, 7, 1)));
        assert_eq!(t.overdue_days(d(2026, 7, 1)), Some(1));
        assert_eq!(t.overdue_days(d(2026, 6, 30)), None);
        assert_eq!(t.shown_status(d(2026, 7, 1)), Status::Delayed);
        assert_eq!(t.shown_status(d(2026, 6, 1)), Status::InProgress);
        let done = task("2", Some(d(2026, 6, 30)), Status::Done);
        assert!(!done.is_overdue(d(2027, 1, 1)));
        assert_eq!(done.shown_status(d(2027, 1, 1)), Status::Done);
        assert!(
            !task("3", None, Status::NotStarted).is_overdue(d(2030, 1, 1)),
            "undated tasks are never late"
        );
        // Across a year boundary
        let t = task("4", Some(d(2025, 12, 31)), Status::NotStarted);
        assert!(!t.is_overdue(d(2025, 12, 31)));
        assert!(t.is_overdue(d(2026, 1, 1)));
    }

    #[test]
    fn milestones_are_overdue_when_passed_and_not_reached() {
        let mut t = task("1", Some(d(2026, 12, 31)), Status::InProgress);
        t.milestones = vec![
            Milestone {
                date: d(2026, 3, 1),
                text: "方案".into(),
                done: true,
            },
            Milestone {
                date: d(2026, 4, 1),
                text: "中期".into(),
                done: false,
            },
            Milestone {
                date: d(2026, 9, 1),
                text: "验收".into(),
                done: false,
            },
        ];
        let late: Vec<_> = t
            .overdue_milestones(d(2026, 5, 1))
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(late, vec!["中期"]);
        t.status = Status::Done;
        assert_eq!(t.overdue_milestones(d(2026, 5, 1)).count(), 0);
    }

    #[test]
    fn weak_points_become_draft_tasks_once() {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        a.apply(&fw, "p1", Edit::Value(Some(AnswerValue::Level("D".into()))))
            .unwrap(); // 1/4 = 0.25 → weak
        a.apply(&fw, "p2", Edit::Value(Some(AnswerValue::YesNo(false))))
            .unwrap(); // 否 → weak
        a.apply(&fw, "p3", Edit::Value(Some(AnswerValue::Number(40.0))))
            .unwrap(); // misses ≥ 45 → weak
        a.apply(&fw, "p4", Edit::Value(Some(AnswerValue::Level("B".into()))))
            .unwrap(); // 0.75 → fine
        a.apply(&fw, "p6", Edit::Value(Some(AnswerValue::Number(3.0))))
            .unwrap(); // meets ≤ 5 → fine
        a.apply(&fw, "p7", Edit::NotApplicable(Some("无".into())))
            .unwrap();
        let card = score(&fw, &a);
        let today = d(2026, 3, 1);
        let mut n = 0;
        let mut ids = || {
            n += 1;
            format!("t{n}")
        };
        let from = |id, at_most| Drafting {
            fw: &fw,
            card: &card,
            answers: &a,
            evaluation_id: id,
            rule: WeakRule { at_most },
            today,
        };
        let drafts = draft_tasks(&from("e1", 0.5), &Ledger::default(), &mut ids);
        let pts: Vec<_> = drafts.iter().map(|t| t.points[0].as_str()).collect();
        assert_eq!(pts, vec!["p1", "p2", "p3"]);
        assert_eq!(drafts[0].title, "整改：要点 p1");
        assert_eq!(drafts[0].area, "方面 A1");
        assert_eq!(drafts[0].start, Some(today));
        assert_eq!(drafts[0].due, Some(d(2026, 5, 30)));
        assert_eq!(drafts[2].target, "要点 p3≥ 45%（现为 40%）");
        // A stricter rule also takes 良好 (0.75).
        let strict = draft_tasks(&from("e1", 0.75), &Ledger::default(), &mut ids);
        assert_eq!(strict.len(), 4);
        // Points already covered by a task of the same evaluation are not drafted again.
        let ledger = Ledger { tasks: drafts };
        let again = draft_tasks(&from("e1", 0.5), &ledger, &mut ids);
        assert!(again.is_empty());
        // A different evaluation of the same framework gets its own tasks.
        assert_eq!(draft_tasks(&from("e2", 0.5), &ledger, &mut ids).len(), 3);
    }

    #[test]
    fn filters_and_sorts() {
        let today = d(2026, 5, 1);
        let mut a = task("a", Some(d(2026, 6, 1)), Status::InProgress);
        a.owner = "李".into();
        a.department = "教务处".into();
        a.area = "课程教学".into();
        let mut b = task("b", Some(d(2026, 4, 1)), Status::InProgress); // overdue
        b.owner = "王".into();
        b.department = "德育处".into();
        let c = task("c", None, Status::Done);
        let ledger = Ledger {
            tasks: vec![a, b, c],
        };
        let ids = |v: Vec<&Task>| v.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(ledger.view(&Filter::default(), Sort::Due, today)),
            vec!["b", "a", "c"]
        );
        assert_eq!(
            ids(ledger.view(&Filter::default(), Sort::Added, today)),
            vec!["a", "b", "c"]
        );
        assert_eq!(
            ids(ledger.view(&Filter::default(), Sort::Status, today)),
            vec!["a", "c", "b"]
        );
        let delayed = Filter {
            status: Some(Status::Delayed),
            ..Filter::default()
        };
        assert_eq!(ids(ledger.view(&delayed, Sort::Due, today)), vec!["b"]);
        let by_owner = Filter {
            owner: "李".into(),
            ..Filter::default()
        };
        assert_eq!(ids(ledger.view(&by_owner, Sort::Due, today)), vec!["a"]);
        let by_area = Filter {
            area: "课程教学".into(),
            department: "教务处".into(),
            ..Filter::default()
        };
        assert_eq!(ids(ledger.view(&by_area, Sort::Due, today)), vec!["a"]);
        assert_eq!(ledger.distinct(|t| &t.owner), vec!["李", "王"]);
        assert_eq!(ledger.span(), Some((d(2026, 4, 1), d(2026, 6, 1))));
    }

    #[test]
    fn csv_escapes_commas_quotes_newlines_and_formulas() {
        assert_eq!(csv_field("普通"), "普通");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("他说\"好\""), "\"他说\"\"好\"\"\"");
        assert_eq!(csv_field("第一行\n第二行"), "\"第一行\n第二行\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "'+1");
    }

    #[test]
    fn csv_has_bom_chinese_headers_and_one_line_per_task() {
        let today = d(2026, 5, 1);
        let mut t = task("a", Some(d(2026, 4, 1)), Status::InProgress);
        t.title = "修订作业管理制度, 加强\"五项管理\"".into();
        t.points = vec!["p1".into()];
        t.notes = vec![ProgressNote {
            date: d(2026, 3, 1),
            text: "已起草".into(),
        }];
        let csv = to_csv(
            &[&t],
            |p| (p == "p1").then(|| "作业管理".to_string()),
            today,
        );
        assert!(csv.starts_with(
            "\u{feff}序号,任务,关联考查要点,方面,责任人,责任部门,开始日期,完成时限,状态,是否逾期,"
        ));
        let body = csv.split("\r\n").nth(1).unwrap();
        assert_eq!(
            body,
            "1,\"修订作业管理制度, 加强\"\"五项管理\"\"\",p1 作业管理,,,,,2026-04-01,已延期,是,,2026-03-01 已起草,"
        );
        assert!(csv.ends_with("\r\n"));
    }

    #[test]
    fn the_timeline_covers_whole_months_and_marks_overdue_tasks() {
        let today = d(2026, 5, 10);
        let mut a = task("a", Some(d(2026, 4, 30)), Status::InProgress);
        a.start = Some(d(2026, 3, 15));
        a.milestones = vec![Milestone {
            date: d(2026, 4, 1),
            text: "中期".into(),
            done: false,
        }];
        let mut b = task("b", Some(d(2026, 7, 1)), Status::Done);
        b.start = Some(d(2026, 6, 1));
        let c = task("c", None, Status::NotStarted); // undated: not on the timeline
        let tl = timeline(
            &Ledger {
                tasks: vec![a, b, c],
            },
            today,
        )
        .unwrap();
        assert_eq!(tl.start, d(2026, 3, 1));
        assert_eq!(tl.days, (d(2026, 8, 1) - d(2026, 3, 1)).num_days());
        assert_eq!(
            tl.months.iter().map(|m| m.1).collect::<Vec<_>>(),
            vec![3, 4, 5, 6, 7]
        );
        assert_eq!(tl.months[1].2, 31, "April starts 31 days after 1 March");
        assert_eq!(tl.today, Some(31 + 30 + 9));
        assert_eq!(tl.rows.len(), 2);
        assert_eq!(
            (tl.rows[0].from, tl.rows[0].to, tl.rows[0].overdue),
            (14, 60, true)
        );
        assert_eq!(
            tl.rows[0].milestones,
            vec![(31, "中期".to_string(), false, true)]
        );
        assert!(tl.rows[1].done && !tl.rows[1].overdue);
        assert_eq!(timeline(&Ledger::default(), today), None);
    }

    #[test]
    fn short_cuts_at_punctuation() {
        assert_eq!(short("短句。", 10), "短句");
        assert_eq!(
            short("第一部分内容较长，第二部分继续写下去直到超出", 12),
            "第一部分内容较长…"
        );
        assert_eq!(short("一二三四五六七八九十", 4), "一二三四…");
    }
}
