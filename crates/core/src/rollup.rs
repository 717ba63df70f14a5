//! 县区汇总: the bureau's roll-up of its schools' 上报包 — intake, groups, the schools × areas table, weak points
//! across schools, chart data, year over year. Pure functions over parsed packages; storing the files is the
//! app's business.
//!
//! **The same school.** Two packages come from the same school when (1) their profiles have the same school id
//! (made once, when the school was set up in its browser) — whatever the name now is, so a renamed school stays
//! one school; or else (2) their names are equal after [`normalize_name`] and their counties are equal (or one
//! of them is blank) — a school that set itself up again on another computer. Rule 2 is reported in the
//! notice, so the user sees it.
//!
//! **The same evaluation.** The same school, framework id, school year and term. A newer export (by its export
//! time) replaces an older one with a notice; an older one offered after a newer is kept out; the very same file
//! again (same export id) is recognised.
//!
//! **Groups.** Figures are only added up within one framework id, framework version, school year and term, and
//! one framework content (a framework changed without a new version number is kept apart too).

use super::evaluation::{SchoolYear, Term};
use super::framework::{PointKind, SchoolType};
use super::i18n::{Lang, Localized, K};
use super::ledger::{is_weak_outcome, WeakRule};
use super::roster::{attendance, normalize_name, Attendance, Candidate, ExpectedList};
use super::school::GroupRole;
use super::submission::{AggregateRecord, FrameworkOutline, Submission};
use chrono::NaiveDateTime;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// What packages are added up together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GroupKey {
    /// Framework id.
    pub framework_id: String,
    /// Framework version.
    pub framework_version: String,
    /// School year.
    pub school_year: SchoolYear,
    /// Term.
    pub term: Term,
    /// Fingerprint of the framework outline ([`FrameworkOutline::fingerprint`]).
    pub outline: u64,
}

/// A group of packages, for the bureau's list of groups.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupInfo {
    /// The key.
    pub key: GroupKey,
    /// Framework title.
    pub title: String,
    /// Framework title in English (may be empty).
    pub title_en: String,
    /// Schools in it.
    pub schools: usize,
    /// Another group has the same framework id, version and period but other framework content.
    pub variant: bool,
}

impl Localized for GroupInfo {
    fn text(&self, lang: Lang) -> String {
        let k = &self.key;
        match lang {
            Lang::Zh => format!(
                "{}（版本 {}）· {} {} · {} 所学校{}",
                self.title,
                k.framework_version,
                k.school_year.zh(),
                k.term.zh(),
                self.schools,
                if self.variant {
                    " · 框架内容与同版本的其他上报包不同"
                } else {
                    ""
                }
            ),
            Lang::En => format!(
                "{} (version {}) · {}, {} · {} school(s){}",
                if self.title_en.is_empty() {
                    &self.title
                } else {
                    &self.title_en
                },
                k.framework_version,
                k.school_year.en(),
                k.term.en().to_lowercase(),
                self.schools,
                if self.variant {
                    " · framework content differs from other packages of this version"
                } else {
                    ""
                }
            ),
        }
    }
}

/// What became of a package offered to the collection.
#[derive(Debug, Clone, PartialEq)]
pub enum IntakeOutcome {
    /// Added: the first package of this school and evaluation.
    Added,
    /// It replaced an older package of the same school and evaluation.
    Replaced {
        /// When the replaced package was exported.
        previous: NaiveDateTime,
        /// The export id of the replaced package (to delete it from storage).
        removed_id: String,
        /// Nothing but the export id and time differs from the replaced package.
        unchanged: bool,
    },
    /// A newer package of the same school and evaluation is already there; this one was not taken.
    KeptNewer {
        /// When the package kept was exported.
        kept: NaiveDateTime,
    },
    /// The very same package was imported before.
    Duplicate,
    /// A package with the same export id but other content is already there; this one was not taken.
    Conflict,
}

/// What happened to one package, for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct IntakeNotice {
    /// What happened.
    pub outcome: IntakeOutcome,
    /// The school's name in the package.
    pub school: String,
    /// School year and term (Chinese).
    pub period: String,
    /// School year and term (English).
    pub period_en: String,
    /// When the package was exported.
    pub exported_at: NaiveDateTime,
    /// Matched to a school already received by its name, not its id (rule 2 of the module).
    pub by_name: bool,
    /// The name the school had in earlier packages, when it changed.
    pub renamed_from: Option<String>,
}

impl IntakeNotice {
    /// Whether the package offered is now part of the collection (and should be stored).
    pub fn taken(&self) -> bool {
        matches!(
            self.outcome,
            IntakeOutcome::Added | IntakeOutcome::Replaced { .. }
        )
    }
}

/// 2026-06-30 10:15 (written out by hand: chrono's format strings cost the browser module several KB).
fn when(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

impl Localized for IntakeNotice {
    fn text(&self, lang: Lang) -> String {
        let at = when(self.exported_at);
        let mut s = match (&self.outcome, lang) {
            (IntakeOutcome::Added, Lang::Zh) => {
                format!("已导入{}（{}）的上报包（{at} 导出）", self.school, self.period)
            }
            (IntakeOutcome::Added, Lang::En) => format!(
                "Imported the package of {} ({}), exported {at}",
                self.school, self.period_en
            ),
            (
                IntakeOutcome::Replaced {
                    previous,
                    unchanged,
                    ..
                },
                Lang::Zh,
            ) => format!(
                "{}（{}）重新报送：已用 {at} 导出的新上报包替换 {} 导出的旧包{}",
                self.school,
                self.period,
                when(*previous),
                if *unchanged { "（内容没有变化）" } else { "" }
            ),
            (
                IntakeOutcome::Replaced {
                    previous,
                    unchanged,
                    ..
                },
                Lang::En,
            ) => format!(
                "{} ({}) submitted again: the package exported {at} replaces the one exported {}{}",
                self.school,
                self.period_en,
                when(*previous),
                if *unchanged { " (its content did not change)" } else { "" }
            ),
            (IntakeOutcome::KeptNewer { kept }, Lang::Zh) => format!(
                "{}（{}）：这份上报包（{at} 导出）比已导入的（{} 导出）旧，未替换",
                self.school,
                self.period,
                when(*kept)
            ),
            (IntakeOutcome::KeptNewer { kept }, Lang::En) => format!(
                "{} ({}): this package (exported {at}) is older than the one already imported (exported {}); it was not taken",
                self.school,
                self.period_en,
                when(*kept)
            ),
            (IntakeOutcome::Duplicate, Lang::Zh) => format!(
                "{}（{}）的这份上报包已经导入过，无需重复导入",
                self.school, self.period
            ),
            (IntakeOutcome::Duplicate, Lang::En) => format!(
                "This package of {} ({}) was imported before",
                self.school, self.period_en
            ),
            (IntakeOutcome::Conflict, Lang::Zh) => format!(
                "{}（{}）：已有一份编号相同但内容不同的上报包，这份未导入，请与学校核实",
                self.school, self.period
            ),
            (IntakeOutcome::Conflict, Lang::En) => format!(
                "{} ({}): a package with the same id but other content is already there; this one was not taken. Check with the school",
                self.school, self.period_en
            ),
        };
        if let Some(old) = &self.renamed_from {
            s.push_str(&match lang {
                Lang::Zh => format!("（学校名称由“{old}”改为“{}”）", self.school),
                Lang::En => format!(
                    " (the school's name changed from “{old}” to “{}”)",
                    self.school
                ),
            });
        }
        if self.by_name {
            s.push_str(lang.pick(
                "（学校编号不同但名称相同，按同一所学校处理）",
                " (another school id but the same name: taken as the same school)",
            ));
        }
        match lang {
            Lang::Zh => s.push('。'),
            Lang::En => s.push('.'),
        }
        s
    }
}

#[derive(Debug, Clone)]
struct Identity {
    name: String,
    county: String,
}

#[derive(Debug, Clone)]
struct Entry {
    sub: Submission,
    school: usize,
    group: GroupKey,
}

type EvaluationKey = (usize, String, SchoolYear, Term);

/// The bureau's packages: one per school and evaluation, the newest export of each.
#[derive(Debug, Clone, Default)]
pub struct Collection {
    entries: Vec<Entry>,
    schools: Vec<Identity>,
    by_school_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    by_evaluation: BTreeMap<EvaluationKey, usize>,
    by_export: HashMap<String, usize>,
}

impl Collection {
    /// An empty collection.
    pub fn new() -> Self {
        Collection::default()
    }

    /// A collection of packages added in order (e.g. read back from storage); the notices are dropped.
    pub fn from_packages(packages: impl IntoIterator<Item = Submission>) -> Self {
        let mut c = Collection::new();
        for p in packages {
            c.add(p);
        }
        c
    }

    /// Number of packages kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no package is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A package by index (as [`SchoolRow::package`] gives it).
    pub fn package(&self, index: usize) -> Option<&Submission> {
        self.entries.get(index).map(|e| &e.sub)
    }

    /// Every package kept, in the order they were first added.
    pub fn packages(&self) -> impl Iterator<Item = &Submission> {
        self.entries.iter().map(|e| &e.sub)
    }

    /// The school a package belongs to, as a number shared by all packages of that school.
    pub fn school_of(&self, index: usize) -> Option<usize> {
        self.entries.get(index).map(|e| e.school)
    }

    fn identify(&mut self, sub: &Submission) -> (usize, bool, Option<String>) {
        let name = normalize_name(&sub.school.name);
        let county = normalize_name(&sub.school.county);
        let (k, by_name) = if let Some(&k) = self.by_school_id.get(&sub.school.id) {
            (k, false)
        } else if let Some(&k) = self.by_name.get(&name).and_then(|ks| {
            ks.iter().find(|&&k| {
                let c = &self.schools[k].county;
                c.is_empty() || county.is_empty() || *c == county
            })
        }) {
            self.by_school_id.insert(sub.school.id.clone(), k);
            (k, true)
        } else {
            let k = self.schools.len();
            self.schools.push(Identity {
                name: sub.school.name.trim().to_string(),
                county: county.clone(),
            });
            self.by_school_id.insert(sub.school.id.clone(), k);
            (k, false)
        };
        let known = &mut self.schools[k];
        let renamed = (normalize_name(&known.name) != name).then(|| known.name.clone());
        if known.county.is_empty() {
            known.county = county;
        }
        let names = self.by_name.entry(name).or_default();
        if !names.contains(&k) {
            names.push(k);
        }
        (k, by_name, renamed)
    }

    /// Offers a package; says what became of it.
    pub fn add(&mut self, sub: Submission) -> IntakeNotice {
        let mut notice = IntakeNotice {
            outcome: IntakeOutcome::Added,
            school: sub.school.name.trim().to_string(),
            period: sub.period(),
            period_en: sub.period_en(),
            exported_at: sub.exported_at,
            by_name: false,
            renamed_from: None,
        };
        if let Some(&i) = self.by_export.get(&sub.id) {
            notice.outcome = if self.entries[i].sub == sub {
                IntakeOutcome::Duplicate
            } else {
                IntakeOutcome::Conflict
            };
            return notice;
        }
        let (school, by_name, renamed) = self.identify(&sub);
        notice.by_name = by_name;
        let key: EvaluationKey = (
            school,
            sub.framework.id.clone(),
            sub.evaluation.school_year,
            sub.evaluation.term,
        );
        let group = GroupKey {
            framework_id: sub.framework.id.clone(),
            framework_version: sub.framework.version.clone(),
            school_year: sub.evaluation.school_year,
            term: sub.evaluation.term,
            outline: sub.framework.fingerprint(),
        };
        match self.by_evaluation.get(&key) {
            Some(&i) if self.entries[i].sub.exported_at > sub.exported_at => {
                notice.outcome = IntakeOutcome::KeptNewer {
                    kept: self.entries[i].sub.exported_at,
                };
            }
            Some(&i) => {
                let unchanged = {
                    let old = &self.entries[i].sub;
                    Submission {
                        id: old.id.clone(),
                        exported_at: old.exported_at,
                        ..sub.clone()
                    } == *old
                };
                let old = std::mem::replace(&mut self.entries[i], Entry { sub, school, group });
                self.by_export.remove(&old.sub.id);
                self.by_export.insert(self.entries[i].sub.id.clone(), i);
                notice.outcome = IntakeOutcome::Replaced {
                    previous: old.sub.exported_at,
                    removed_id: old.sub.id,
                    unchanged,
                };
                notice.renamed_from = renamed;
            }
            None => {
                let i = self.entries.len();
                self.by_export.insert(sub.id.clone(), i);
                self.by_evaluation.insert(key, i);
                self.entries.push(Entry { sub, school, group });
                notice.renamed_from = renamed;
            }
        }
        notice
    }

    /// Removes a package by its export id; the others keep their order.
    pub fn remove(&mut self, export_id: &str) -> Option<Submission> {
        let i = *self.by_export.get(export_id)?;
        let mut entries = std::mem::take(&mut self.entries);
        let removed = entries.remove(i).sub;
        *self = Collection::from_packages(entries.into_iter().map(|e| e.sub));
        Some(removed)
    }

    /// The groups, newest school year first, then by framework.
    pub fn groups(&self) -> Vec<GroupInfo> {
        let mut counts: BTreeMap<&GroupKey, (usize, &FrameworkOutline)> = BTreeMap::new();
        for e in &self.entries {
            counts.entry(&e.group).or_insert((0, &e.sub.framework)).0 += 1;
        }
        let mut out: Vec<GroupInfo> = counts
            .iter()
            .map(|(k, (n, fw))| GroupInfo {
                key: (*k).clone(),
                title: fw.title.clone(),
                title_en: fw.title_en.clone(),
                schools: *n,
                variant: counts.keys().any(|o| {
                    o.outline != k.outline
                        && (&o.framework_id, &o.framework_version, o.school_year, o.term)
                            == (&k.framework_id, &k.framework_version, k.school_year, k.term)
                }),
            })
            .collect();
        out.sort_by(|a, b| {
            (b.key.school_year, b.key.term)
                .cmp(&(a.key.school_year, a.key.term))
                .then_with(|| b.schools.cmp(&a.schools))
                .then_with(|| a.key.cmp(&b.key))
        });
        out
    }

    /// The group of the year before for year-over-year figures: same framework id and term, the previous school
    /// year; when several versions were used, the one with most schools.
    pub fn previous_group(&self, key: &GroupKey) -> Option<GroupKey> {
        self.groups()
            .into_iter()
            .filter(|g| {
                g.key.framework_id == key.framework_id
                    && g.key.term == key.term
                    && g.key.school_year.0 == key.school_year.0 - 1
            })
            .max_by(|a, b| a.schools.cmp(&b.schools).then_with(|| b.key.cmp(&a.key)))
            .map(|g| g.key)
    }

    /// The latest earlier package of the same school and framework (for one school's year-over-year view).
    pub fn earlier(&self, index: usize) -> Option<&Submission> {
        let e = self.entries.get(index)?;
        let now = (e.sub.evaluation.school_year, e.sub.evaluation.term);
        self.entries
            .iter()
            .filter(|o| {
                o.school == e.school
                    && o.sub.framework.id == e.sub.framework.id
                    && (o.sub.evaluation.school_year, o.sub.evaluation.term) < now
            })
            .max_by_key(|o| (o.sub.evaluation.school_year, o.sub.evaluation.term))
            .map(|o| &o.sub)
    }

    /// Adds up one group.
    pub fn rollup(&self, key: &GroupKey) -> Option<Rollup> {
        let members: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].group == *key)
            .collect();
        let first = &self.entries[*members.first()?].sub;
        Some(Rollup::build(
            key.clone(),
            first.framework.clone(),
            members.iter().map(|&i| (i, &self.entries[i])),
        ))
    }
}

/// A 达成度 and level, as a table cell shows them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// 达成度, 0–1; `None` when nothing was scored.
    pub ratio: Option<f64>,
    /// Level id.
    pub level: Option<String>,
}

impl From<&AggregateRecord> for Cell {
    fn from(a: &AggregateRecord) -> Self {
        Cell {
            ratio: a.ratio,
            level: a.level.clone(),
        }
    }
}

/// One school in a roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolRow {
    /// The package's index in the collection (for [`Collection::package`]).
    pub package: usize,
    /// The school, as a number shared by all its packages (matches rows across years).
    pub school: usize,
    /// The package's export id.
    pub export_id: String,
    /// School name.
    pub name: String,
    /// County from the profile.
    pub county: String,
    /// School type.
    pub school_type: SchoolType,
    /// School group (集团) name; empty when not in a group.
    pub group_name: String,
    /// Role in the group.
    pub group_role: GroupRole,
    /// Sample data of a workshop.
    pub demo: bool,
    /// Overall.
    pub overall: Cell,
    /// Per area, in framework order.
    pub areas: Vec<Cell>,
    /// Per indicator, in framework order.
    pub indicators: Vec<Cell>,
    /// Points done (answered or not applicable).
    pub done: usize,
    /// All points.
    pub total: usize,
    /// Weak points (the scale's rule).
    pub weak_points: usize,
    /// A 自评方案 was made.
    pub has_plan: bool,
    /// Ledger tasks.
    pub tasks: usize,
    /// Tasks overdue on the export date.
    pub overdue_tasks: usize,
    /// When the package was exported.
    pub exported_at: NaiveDateTime,
}

impl SchoolRow {
    /// Share of points done, 0–1.
    pub fn completion(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// Schools per level.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Distribution {
    /// (level id, schools) in scale order, every level listed.
    pub levels: Vec<(String, usize)>,
    /// Schools with nothing scored.
    pub unscored: usize,
}

/// An area (or indicator, or the whole) across schools.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Area or indicator id; `overall` for the whole.
    pub id: String,
    /// Title.
    pub title: String,
    /// Mean 达成度 of the schools scored (each school counts once, whatever its size).
    pub mean: Option<f64>,
    /// Lowest.
    pub min: Option<f64>,
    /// Highest.
    pub max: Option<f64>,
    /// Schools scored.
    pub scored: usize,
    /// Schools per level.
    pub distribution: Distribution,
}

/// One point across schools.
#[derive(Debug, Clone, PartialEq)]
pub struct PointSummary {
    /// Point id.
    pub id: String,
    /// Index of its area.
    pub area: usize,
    /// Index of its indicator.
    pub indicator: usize,
    /// Text.
    pub text: String,
    /// Kind.
    pub kind: PointKind,
    /// Schools that scored it.
    pub scored: usize,
    /// Schools that marked it not applicable.
    pub not_applicable: usize,
    /// Schools that left it unanswered.
    pub unanswered: usize,
    /// Rows of the schools for which it is weak.
    pub weak: Vec<usize>,
}

impl PointSummary {
    /// Share of the schools in the roll-up for which the point is weak, 0–1.
    pub fn weak_share(&self, schools: usize) -> f64 {
        if schools == 0 {
            0.0
        } else {
            self.weak.len() as f64 / schools as f64
        }
    }
}

/// Filters for the table; `None` means any.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RowFilter {
    /// School type.
    pub school_type: Option<SchoolType>,
    /// School group name; `Some("")` for schools in no group.
    pub group: Option<String>,
}

/// Columns the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// School name (by character code, not by pinyin).
    Name,
    /// School type.
    SchoolType,
    /// School group.
    Group,
    /// Overall 达成度.
    Overall,
    /// An area's 达成度, by area index.
    Area(usize),
    /// An indicator's 达成度, by indicator index.
    Indicator(usize),
    /// Share of points done.
    Completion,
    /// Number of weak points.
    WeakPoints,
    /// 自评方案 made or not.
    Plan,
    /// Overdue tasks.
    OverdueTasks,
    /// Export time.
    Exported,
}

impl SortBy {
    /// The column's title.
    pub fn label(self, fw: &FrameworkOutline, lang: Lang) -> String {
        let pick = |zh: &str, en: &str| lang.pick(zh, en).to_string();
        match self {
            SortBy::Name => K::CountySchool.text(lang).into(),
            SortBy::SchoolType => K::SchoolType.text(lang).into(),
            SortBy::Group => K::SchoolGroupName.text(lang).into(),
            SortBy::Overall => K::CountyOverall.text(lang).into(),
            SortBy::Area(i) => fw
                .areas
                .get(i)
                .map(|a| {
                    pick(
                        &a.title,
                        if a.title_en.is_empty() {
                            &a.title
                        } else {
                            &a.title_en
                        },
                    )
                })
                .unwrap_or_default(),
            SortBy::Indicator(i) => fw
                .indicators()
                .nth(i)
                .map(|(_, ind)| {
                    pick(
                        &ind.title,
                        if ind.title_en.is_empty() {
                            &ind.title
                        } else {
                            &ind.title_en
                        },
                    )
                })
                .unwrap_or_default(),
            SortBy::Completion => K::CountyCompletion.text(lang).into(),
            SortBy::WeakPoints => K::CountyWeakPoints.text(lang).into(),
            SortBy::Plan => K::CountyPlan.text(lang).into(),
            SortBy::OverdueTasks => K::CountyOverdue.text(lang).into(),
            SortBy::Exported => K::CountyExported.text(lang).into(),
        }
    }
}

/// One group added up: the table, the per-point weak counts and the summaries charts are drawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    /// The group.
    pub key: GroupKey,
    /// The framework.
    pub framework: FrameworkOutline,
    /// One row per school, in the order the packages arrived.
    pub rows: Vec<SchoolRow>,
    /// The whole framework across schools.
    pub overall: Summary,
    /// Each area across schools.
    pub areas: Vec<Summary>,
    /// Each indicator across schools.
    pub indicators: Vec<Summary>,
    /// Each point across schools, in framework order.
    pub points: Vec<PointSummary>,
}

fn summarise(id: &str, title: &str, fw: &FrameworkOutline, cells: &[&Cell]) -> Summary {
    let ratios: Vec<f64> = cells.iter().filter_map(|c| c.ratio).collect();
    let mut levels: Vec<(String, usize)> =
        fw.scale.levels.iter().map(|l| (l.id.clone(), 0)).collect();
    let mut unscored = 0;
    for c in cells {
        match c
            .level
            .as_deref()
            .and_then(|l| levels.iter_mut().find(|(id, _)| id == l))
        {
            Some(slot) if c.ratio.is_some() => slot.1 += 1,
            _ => unscored += 1,
        }
    }
    Summary {
        id: id.to_string(),
        title: title.to_string(),
        mean: (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64),
        min: ratios.iter().copied().reduce(f64::min),
        max: ratios.iter().copied().reduce(f64::max),
        scored: ratios.len(),
        distribution: Distribution { levels, unscored },
    }
}

/// `None` sorts after every value, in both directions.
fn cmp_option(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.total_cmp(&a),
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Rollup {
    fn build<'a>(
        key: GroupKey,
        framework: FrameworkOutline,
        members: impl Iterator<Item = (usize, &'a Entry)>,
    ) -> Rollup {
        let rule = WeakRule {
            at_most: framework.scale.weakness_at_most,
        };
        let mut points: Vec<PointSummary> = framework
            .points()
            .map(|(a, i, p)| PointSummary {
                id: p.id.clone(),
                area: a,
                indicator: i,
                text: p.text.clone(),
                kind: p.kind,
                scored: 0,
                not_applicable: 0,
                unanswered: 0,
                weak: vec![],
            })
            .collect();
        let mut rows = Vec::new();
        for (package, entry) in members {
            let sub = &entry.sub;
            let sc = &sub.evaluation.scores;
            let r = rows.len();
            let mut weak = 0;
            for ps in points.iter_mut() {
                match sc.points.get(&ps.id).map(|p| p.to_outcome()) {
                    Some(o @ super::scoring::Outcome::Scored { .. }) => {
                        ps.scored += 1;
                        if is_weak_outcome(ps.kind, &o, sc.max_score, rule) {
                            ps.weak.push(r);
                            weak += 1;
                        }
                    }
                    Some(super::scoring::Outcome::NotApplicable(_)) => ps.not_applicable += 1,
                    Some(super::scoring::Outcome::Recorded) => {}
                    _ => ps.unanswered += 1,
                }
            }
            let progress = sub.progress();
            rows.push(SchoolRow {
                package,
                school: entry.school,
                export_id: sub.id.clone(),
                name: sub.school.name.trim().to_string(),
                county: sub.school.county.trim().to_string(),
                school_type: sub.school.school_type,
                group_name: sub.school.group_name.trim().to_string(),
                group_role: sub.school.group_role,
                demo: sub.school.demo,
                overall: (&sc.overall).into(),
                areas: framework
                    .areas
                    .iter()
                    .map(|a| sc.areas.get(&a.id).map(Cell::from).unwrap_or_default())
                    .collect(),
                indicators: framework
                    .indicators()
                    .map(|(_, i)| sc.indicators.get(&i.id).map(Cell::from).unwrap_or_default())
                    .collect(),
                done: progress.done,
                total: progress.total,
                weak_points: weak,
                has_plan: sub.plan.made,
                tasks: sub.ledger.len(),
                overdue_tasks: sub.overdue_tasks().count(),
                exported_at: sub.exported_at,
            });
        }
        let overall = summarise(
            "overall",
            "总体",
            &framework,
            &rows.iter().map(|r| &r.overall).collect::<Vec<_>>(),
        );
        let areas = framework
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| {
                summarise(
                    &a.id,
                    &a.title,
                    &framework,
                    &rows.iter().map(|r| &r.areas[i]).collect::<Vec<_>>(),
                )
            })
            .collect();
        let indicators = framework
            .indicators()
            .enumerate()
            .map(|(i, (_, ind))| {
                summarise(
                    &ind.id,
                    &ind.title,
                    &framework,
                    &rows.iter().map(|r| &r.indicators[i]).collect::<Vec<_>>(),
                )
            })
            .collect();
        Rollup {
            key,
            framework,
            rows,
            overall,
            areas,
            indicators,
            points,
        }
    }

    /// The rows that pass a filter, in a sort order (ties by name); rows without a value sort last.
    pub fn view(&self, filter: &RowFilter, sort: SortBy, descending: bool) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                filter.school_type.is_none_or(|t| r.school_type == t)
                    && filter
                        .group
                        .as_deref()
                        .is_none_or(|g| r.group_name == g.trim())
            })
            .collect();
        let dir = |o: Ordering| if descending { o.reverse() } else { o };
        v.sort_by(|&a, &b| {
            let (x, y) = (&self.rows[a], &self.rows[b]);
            let o = match sort {
                SortBy::Name => dir(x.name.cmp(&y.name)),
                SortBy::SchoolType => dir(x.school_type.cmp(&y.school_type)),
                SortBy::Group => dir(x.group_name.cmp(&y.group_name)),
                SortBy::Overall => cmp_option(x.overall.ratio, y.overall.ratio, descending),
                SortBy::Area(i) => cmp_option(
                    x.areas.get(i).and_then(|c| c.ratio),
                    y.areas.get(i).and_then(|c| c.ratio),
                    descending,
                ),
                SortBy::Indicator(i) => cmp_option(
                    x.indicators.get(i).and_then(|c| c.ratio),
                    y.indicators.get(i).and_then(|c| c.ratio),
                    descending,
                ),
                SortBy::Completion => dir(x.completion().total_cmp(&y.completion())),
                SortBy::WeakPoints => dir(x.weak_points.cmp(&y.weak_points)),
                SortBy::Plan => dir(x.has_plan.cmp(&y.has_plan)),
                SortBy::OverdueTasks => dir(x.overdue_tasks.cmp(&y.overdue_tasks)),
                SortBy::Exported => dir(x.exported_at.cmp(&y.exported_at)),
            };
            o.then_with(|| x.name.cmp(&y.name)).then(a.cmp(&b))
        });
        v
    }

    /// School types present, in the usual order (for the filter's choices).
    pub fn school_types(&self) -> Vec<SchoolType> {
        SchoolType::ALL
            .into_iter()
            .filter(|t| self.rows.iter().any(|r| r.school_type == *t))
            .collect()
    }

    /// School group names present, sorted (for the filter's choices); schools in no group are not listed.
    pub fn group_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .rows
            .iter()
            .map(|r| r.group_name.clone())
            .filter(|g| !g.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Points weak for at least one school, most schools first (ties in framework order), at most `limit`.
    pub fn weakest_points(&self, limit: usize) -> Vec<&PointSummary> {
        let mut v: Vec<&PointSummary> = self.points.iter().filter(|p| !p.weak.is_empty()).collect();
        v.sort_by_key(|p| std::cmp::Reverse(p.weak.len()));
        v.truncate(limit);
        v
    }

    /// Rows of schools that made no 自评方案.
    pub fn without_plan(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| !self.rows[i].has_plan)
            .collect()
    }

    /// Rows of schools that sent a package without having answered anything (自评未启动).
    pub fn not_started(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| self.rows[i].done == 0)
            .collect()
    }

    /// Rows of schools that answered part of the framework.
    pub fn incomplete(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| self.rows[i].done > 0 && self.rows[i].done < self.rows[i].total)
            .collect()
    }

    /// Rows of schools with tasks overdue on their export date.
    pub fn with_overdue(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| self.rows[i].overdue_tasks > 0)
            .collect()
    }

    /// The schools of an area as bars, best first (unscored last), with the area's mean (chart data).
    pub fn area_bars(&self, area: usize) -> Vec<(usize, Option<f64>)> {
        let mut v: Vec<(usize, Option<f64>)> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (i, r.areas.get(area).and_then(|c| c.ratio)))
            .collect();
        v.sort_by(|a, b| cmp_option(a.1, b.1, true).then(a.0.cmp(&b.0)));
        v
    }

    /// Areas by mean 达成度, best first (areas nobody scored last).
    pub fn areas_by_mean(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.areas.len()).collect();
        v.sort_by(|&a, &b| {
            cmp_option(self.areas[a].mean, self.areas[b].mean, true).then(a.cmp(&b))
        });
        v
    }

    /// The expected list against the schools of this roll-up (see [`crate::roster::attendance`]).
    pub fn attendance(&self, list: &ExpectedList) -> Attendance {
        let received: Vec<Candidate> = self
            .rows
            .iter()
            .map(|r| Candidate {
                name: &r.name,
                county: &r.county,
            })
            .collect();
        attendance(&list.schools, &received)
    }

    /// The label of a level id of this framework.
    pub fn level_label(&self, id: &str) -> String {
        self.framework.level_label(id).to_string()
    }
}

/// One school's change since the year before.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolChange {
    /// Row in the current roll-up.
    pub row: usize,
    /// Row in the previous roll-up.
    pub previous_row: usize,
    /// Overall 达成度 the year before.
    pub before: Option<f64>,
    /// Overall 达成度 now.
    pub after: Option<f64>,
    /// Per area of the current framework: (before, after); areas matched by id.
    pub areas: Vec<(Option<f64>, Option<f64>)>,
}

impl SchoolChange {
    /// Change of the overall 达成度 in percentage points, when both years were scored.
    pub fn change(&self) -> Option<f64> {
        Some((self.after? - self.before?) * 100.0)
    }

    /// Change of an area in percentage points.
    pub fn area_change(&self, area: usize) -> Option<f64> {
        let (b, a) = self.areas.get(area)?;
        Some((a.as_ref()? - b.as_ref()?) * 100.0)
    }
}

/// Year-over-year (增值) figures: the schools present in both roll-ups.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAdded {
    /// The previous group.
    pub previous: GroupKey,
    /// Schools found in both years, in current row order.
    pub schools: Vec<SchoolChange>,
    /// Current rows with no package the year before.
    pub new_schools: Vec<usize>,
}

impl ValueAdded {
    /// Schools by overall change, most improved first; schools not comparable are left out.
    pub fn most_improved(&self) -> Vec<&SchoolChange> {
        let mut v: Vec<&SchoolChange> = self
            .schools
            .iter()
            .filter(|s| s.change().is_some())
            .collect();
        v.sort_by(|a, b| cmp_option(a.change(), b.change(), true).then(a.row.cmp(&b.row)));
        v
    }

    /// Mean change per area over the schools comparable in that area, in percentage points.
    pub fn area_means(&self, areas: usize) -> Vec<Option<f64>> {
        (0..areas)
            .map(|a| {
                let v: Vec<f64> = self
                    .schools
                    .iter()
                    .filter_map(|s| s.area_change(a))
                    .collect();
                (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
            })
            .collect()
    }
}

/// Compares a roll-up with the previous year's roll-up of the same collection (schools matched as the
/// collection identifies them, areas by id).
pub fn value_added(current: &Rollup, previous: &Rollup) -> ValueAdded {
    let before: HashMap<usize, usize> = previous
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.school, i))
        .collect();
    let area_index: HashMap<&str, usize> = previous
        .framework
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut schools = Vec::new();
    let mut new_schools = Vec::new();
    for (row, r) in current.rows.iter().enumerate() {
        let Some(&p) = before.get(&r.school) else {
            new_schools.push(row);
            continue;
        };
        let old = &previous.rows[p];
        schools.push(SchoolChange {
            row,
            previous_row: p,
            before: old.overall.ratio,
            after: r.overall.ratio,
            areas: current
                .framework
                .areas
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let b = area_index
                        .get(a.id.as_str())
                        .and_then(|&j| old.areas.get(j))
                        .and_then(|c| c.ratio);
                    (b, r.areas[i].ratio)
                })
                .collect(),
        });
    }
    ValueAdded {
        previous: previous.key.clone(),
        schools,
        new_schools,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::{AnswerValue as V, Answers, Edit, EvaluationHeader};
    use crate::fixtures;
    use crate::framework::Framework;
    use crate::ledger::{Ledger, Status, Task};
    use crate::persist::PlanHeader;
    use crate::plan::Plan;
    use crate::roster::parse_expected;
    use crate::school::School;
    use crate::submission::{build, SubmissionInput, SubmittedReport};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        day(y, m, d).and_hms_opt(h, 0, 0).unwrap()
    }

    struct P<'a> {
        export: &'a str,
        school_id: &'a str,
        name: &'a str,
        school_type: SchoolType,
        group: &'a str,
        year: i32,
        exported: NaiveDateTime,
        answers: Vec<(&'a str, Edit)>,
        plan: bool,
        overdue: bool,
    }

    fn pkg(p: P, fw: &Framework) -> Submission {
        let mut school = School::new(p.school_id, p.name, p.school_type);
        school.county = "示例县".into();
        if !p.group.is_empty() {
            school.group_role = GroupRole::Member;
            school.group_name = p.group.into();
        }
        let mut answers = Answers::default();
        for (id, e) in p.answers {
            answers.apply(fw, id, e).unwrap();
        }
        let header = EvaluationHeader {
            id: format!("{}-{}", p.school_id, p.year),
            school_id: p.school_id.into(),
            framework_id: fw.id.clone(),
            framework_version: fw.version.clone(),
            school_year: SchoolYear(p.year),
            term: Term::Year,
            created: String::new(),
        };
        let plan_header = PlanHeader {
            id: "pl".into(),
            school_id: p.school_id.into(),
            template_id: "self-eval-plan".into(),
            evaluation_id: Some(header.id.clone()),
            school_year: SchoolYear(p.year),
            created: "2025-09-01".into(),
        };
        let plan = Plan::default();
        let mut ledger = Ledger::default();
        let mut t = Task::new("t1", "整改任务");
        t.due = Some(if p.overdue {
            p.exported.date() - chrono::Duration::days(3)
        } else {
            p.exported.date() + chrono::Duration::days(30)
        });
        t.status = Status::InProgress;
        ledger.tasks.push(t);
        build(&SubmissionInput {
            id: p.export,
            exported_at: p.exported,
            school: &school,
            header: &header,
            fw,
            answers: &answers,
            respondents: &[],
            staff: None,
            report: SubmittedReport::default(),
            plan: p.plan.then_some((&plan_header, &plan)),
            ledger: &ledger,
        })
    }

    fn lv(id: &str) -> Edit {
        Edit::Value(Some(V::Level(id.into())))
    }
    fn yn(b: bool) -> Edit {
        Edit::Value(Some(V::YesNo(b)))
    }
    fn num(n: f64) -> Edit {
        Edit::Value(Some(V::Number(n)))
    }

    /// X is perfect; Y is weak (five weak points, an overdue task); Z (a junior school in a group, no plan)
    /// is good with one weak point and one point unanswered.
    fn three(fw: &Framework) -> Vec<Submission> {
        let x = P {
            export: "x",
            school_id: "sx",
            name: "示例县第一小学",
            school_type: SchoolType::Primary,
            group: "",
            year: 2025,
            exported: at(2026, 6, 20, 9),
            answers: vec![
                ("p1", lv("A")),
                ("p2", yn(true)),
                ("p3", num(50.0)),
                ("p4", lv("A")),
                ("p5", Edit::Value(Some(V::Text("书法特色".into())))),
                ("p6", num(3.0)),
                ("p7", lv("A")),
            ],
            plan: true,
            overdue: false,
        };
        let y = P {
            export: "y",
            school_id: "sy",
            name: "示例县第二小学",
            answers: vec![
                ("p1", lv("C")),
                ("p2", yn(false)),
                ("p3", num(36.0)),
                ("p4", lv("B")),
                ("p6", num(10.0)),
                ("p7", lv("D")),
            ],
            overdue: true,
            ..x
        };
        let z = P {
            export: "z",
            school_id: "sz",
            name: "示例县城东初级中学",
            school_type: SchoolType::Junior,
            group: "第一教育集团",
            answers: vec![
                ("p1", lv("B")),
                ("p2", yn(true)),
                ("p4", Edit::NotApplicable(Some("无".into()))),
                ("p6", num(5.0)),
                ("p7", lv("C")),
            ],
            plan: false,
            overdue: false,
            ..y
        };
        vec![pkg(x, fw), pkg(y, fw), pkg(z, fw)]
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-6)
    }

    fn collection(fw: &Framework) -> (Collection, Rollup) {
        let c = Collection::from_packages(three(fw));
        let groups = c.groups();
        assert_eq!(groups.len(), 1);
        let r = c.rollup(&groups[0].key).unwrap();
        (c, r)
    }

    #[test]
    fn roll_up_figures_of_three_schools_match_the_hand_computed_ones() {
        let fw = fixtures::framework();
        let (_, r) = collection(&fw);
        let [x, y, z] = [&r.rows[0], &r.rows[1], &r.rows[2]];
        // X: every point at the maximum.
        assert!(close(x.overall.ratio, 1.0) && x.overall.level.as_deref() == Some("A"));
        assert_eq!(x.weak_points, 0);
        // Y, A1: (2×2 + 0 + 4×36/45 + 3) / 5 = 10.2 / 5 = 2.04 → 51 %, 合格.
        assert!(close(y.areas[0].ratio, 0.51));
        assert_eq!(y.areas[0].level.as_deref(), Some("C"));
        // Y, A2: (4×5/10 + 1) / 2 = 1.5 → 37.5 %, 待改进.
        assert!(close(y.areas[1].ratio, 0.375));
        assert_eq!(y.areas[1].level.as_deref(), Some("D"));
        // Y overall: (4 + 0 + 3.2 + 3 + 2 + 1) / 7 = 1.885714 → 47.1 %, 待改进.
        assert!(close(y.overall.ratio, 13.2 / 28.0));
        assert_eq!(y.overall.level.as_deref(), Some("D"));
        // p1 合格 (½ ≤ ½), 否, two missed targets, 待改进: five weak points; one overdue task.
        assert_eq!((y.weak_points, y.overdue_tasks), (5, 1));
        // Z, A1: (2×3 + 4) / 3 = 3.3333 → 83.3 %; A2: (4 + 2) / 2 → 75 %; overall 16/5 = 3.2 → 80 %.
        assert!(close(z.areas[0].ratio, 10.0 / 12.0));
        assert!(close(z.areas[1].ratio, 0.75));
        assert!(close(z.overall.ratio, 0.8));
        assert_eq!((z.done, z.total, z.weak_points), (5, 7, 1));
        assert!(!z.has_plan);
        // Across schools.
        assert!(close(r.overall.mean, (1.0 + 13.2 / 28.0 + 0.8) / 3.0));
        assert!(close(r.overall.min, 13.2 / 28.0) && close(r.overall.max, 1.0));
        assert_eq!(
            r.overall.distribution.levels,
            vec![
                ("A".to_string(), 1),
                ("B".to_string(), 1),
                ("C".to_string(), 0),
                ("D".to_string(), 1)
            ]
        );
        assert!(close(r.areas[0].mean, (1.0 + 0.51 + 10.0 / 12.0) / 3.0));
        assert!(close(r.areas[1].mean, (1.0 + 0.375 + 0.75) / 3.0));
        assert_eq!(r.areas_by_mean(), vec![0, 1]);
        // Per point.
        let p = |id: &str| r.points.iter().find(|p| p.id == id).unwrap();
        assert_eq!(p("p7").weak, vec![1, 2]);
        assert_eq!(p("p1").weak, vec![1]);
        assert!(p("p4").weak.is_empty());
        assert_eq!(p("p4").not_applicable, 1);
        assert_eq!((p("p3").scored, p("p3").unanswered), (2, 1));
        assert!((p("p7").weak_share(r.rows.len()) - 2.0 / 3.0).abs() < 1e-9);
        let weakest: Vec<_> = r.weakest_points(3).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(weakest, ["p7", "p1", "p2"]);
        assert_eq!(r.without_plan(), vec![2]);
        assert_eq!(r.with_overdue(), vec![1]);
        assert_eq!(r.incomplete(), vec![1, 2]);
        assert!(r.not_started().is_empty());
        assert_eq!(
            r.area_bars(1),
            vec![(0, Some(1.0)), (2, Some(0.75)), (1, Some(0.375))]
        );
    }

    #[test]
    fn the_table_sorts_by_any_column_and_filters_by_type_and_group() {
        let fw = fixtures::framework();
        let (_, r) = collection(&fw);
        let all = RowFilter::default();
        assert_eq!(r.view(&all, SortBy::Overall, true), vec![0, 2, 1]);
        assert_eq!(r.view(&all, SortBy::Overall, false), vec![1, 2, 0]);
        assert_eq!(r.view(&all, SortBy::Area(1), false), vec![1, 2, 0]);
        assert_eq!(r.view(&all, SortBy::WeakPoints, true), vec![1, 2, 0]);
        assert_eq!(r.view(&all, SortBy::Plan, false), vec![2, 0, 1]);
        assert_eq!(r.view(&all, SortBy::Completion, true), vec![0, 1, 2]);
        let junior = RowFilter {
            school_type: Some(SchoolType::Junior),
            ..RowFilter::default()
        };
        assert_eq!(r.view(&junior, SortBy::Name, false), vec![2]);
        let in_group = RowFilter {
            group: Some("第一教育集团".into()),
            ..RowFilter::default()
        };
        assert_eq!(r.view(&in_group, SortBy::Name, false), vec![2]);
        let no_group = RowFilter {
            group: Some(String::new()),
            ..RowFilter::default()
        };
        assert_eq!(r.view(&no_group, SortBy::Overall, true), vec![0, 1]);
        assert_eq!(
            r.school_types(),
            vec![SchoolType::Primary, SchoolType::Junior]
        );
        assert_eq!(r.group_names(), vec!["第一教育集团"]);
        assert_eq!(SortBy::Area(1).label(&r.framework, Lang::Zh), "方面 A2");
        assert_eq!(
            SortBy::Overall.label(&r.framework, Lang::En),
            "Overall achievement"
        );
    }

    #[test]
    fn an_unscored_school_sorts_last_both_ways_and_counts_as_not_started() {
        let fw = fixtures::framework();
        let mut packages = three(&fw);
        packages.push(pkg(
            P {
                export: "w",
                school_id: "sw",
                name: "示例县柳湾村小学",
                school_type: SchoolType::Primary,
                group: "",
                year: 2025,
                exported: at(2026, 6, 21, 9),
                answers: vec![],
                plan: false,
                overdue: false,
            },
            &fw,
        ));
        let c = Collection::from_packages(packages);
        let r = c.rollup(&c.groups()[0].key).unwrap();
        assert_eq!(r.not_started(), vec![3]);
        assert_eq!(
            r.view(&RowFilter::default(), SortBy::Overall, true),
            vec![0, 2, 1, 3]
        );
        assert_eq!(
            r.view(&RowFilter::default(), SortBy::Overall, false),
            vec![1, 2, 0, 3]
        );
        assert_eq!(r.overall.scored, 3);
        assert_eq!(r.overall.distribution.unscored, 1);
        assert!(
            close(r.overall.mean, (1.0 + 13.2 / 28.0 + 0.8) / 3.0),
            "not counted as zero"
        );
    }

    #[test]
    fn a_re_submitted_package_replaces_the_older_one_and_says_so() {
        let fw = fixtures::framework();
        let mut c = Collection::from_packages(three(&fw));
        let first_y = c.package(1).unwrap().clone();
        // Y exports again a day later with better answers.
        let newer = pkg(
            P {
                export: "y2",
                school_id: "sy",
                name: "示例县第二小学",
                school_type: SchoolType::Primary,
                group: "",
                year: 2025,
                exported: at(2026, 6, 21, 9),
                answers: vec![("p1", lv("A")), ("p2", yn(true))],
                plan: true,
                overdue: false,
            },
            &fw,
        );
        let n = c.add(newer.clone());
        assert_eq!(
            n.outcome,
            IntakeOutcome::Replaced {
                previous: at(2026, 6, 20, 9),
                removed_id: "y".into(),
                unchanged: false,
            }
        );
        assert!(n.taken());
        assert_eq!(
            n.zh(),
            "示例县第二小学（2025—2026学年 全学年）重新报送：已用 2026-06-21 09:00 导出的新上报包替换 2026-06-20 09:00 导出的旧包。"
        );
        assert_eq!(c.len(), 3, "still one package per school");
        assert_eq!(c.package(1).unwrap().id, "y2");
        let r = c.rollup(&c.groups()[0].key).unwrap();
        assert_eq!(r.rows[1].weak_points, 0);
        // The old file offered again is older: kept out.
        let again = c.add(first_y);
        assert_eq!(
            again.outcome,
            IntakeOutcome::KeptNewer {
                kept: at(2026, 6, 21, 9)
            }
        );
        assert!(!again.taken());
        assert!(again.zh().contains("旧，未替换"));
        // The same new file again: recognised.
        assert_eq!(c.add(newer.clone()).outcome, IntakeOutcome::Duplicate);
        // Same id, other content: refused.
        let mut forged = newer;
        forged.school.principal = "某人".into();
        assert_eq!(c.add(forged).outcome, IntakeOutcome::Conflict);
        assert_eq!(c.len(), 3);
        // Removal keeps the others.
        assert_eq!(c.remove("y2").unwrap().id, "y2");
        assert_eq!(c.len(), 2);
        assert!(c.remove("nope").is_none());
        // Exported again without a change: said so.
        let mut same = c.package(0).unwrap().clone();
        same.id = "x-again".into();
        same.exported_at = at(2026, 6, 25, 9);
        let n = c.add(same);
        assert!(matches!(
            n.outcome,
            IntakeOutcome::Replaced {
                unchanged: true,
                ..
            }
        ));
        assert!(
            n.zh().ends_with("导出的旧包（内容没有变化）。"),
            "{}",
            n.zh()
        );
    }

    #[test]
    fn the_same_school_is_known_by_its_id_or_else_by_its_name_and_county() {
        let fw = fixtures::framework();
        let mut c = Collection::from_packages(three(&fw));
        // Renamed: same id, new name.
        let mut renamed = c.package(0).unwrap().clone();
        renamed.id = "x2".into();
        renamed.exported_at = at(2026, 6, 22, 9);
        renamed.school.name = "示例县实验小学".into();
        let n = c.add(renamed);
        assert!(matches!(n.outcome, IntakeOutcome::Replaced { .. }));
        assert_eq!(n.renamed_from.as_deref(), Some("示例县第一小学"));
        assert!(n
            .zh()
            .contains("学校名称由“示例县第一小学”改为“示例县实验小学”"));
        // Set up again on another computer: new id, same name (spaces and width aside).
        let mut again = c.package(2).unwrap().clone();
        again.id = "z2".into();
        again.exported_at = at(2026, 6, 23, 9);
        again.school.id = "another-id".into();
        again.school.name = "示例县 城东初级中学".into();
        let n = c.add(again);
        assert!(n.by_name);
        assert!(matches!(n.outcome, IntakeOutcome::Replaced { .. }));
        assert!(n
            .zh()
            .ends_with("（学校编号不同但名称相同，按同一所学校处理）。"));
        // Same name in another county: another school.
        let mut other = c.package(1).unwrap().clone();
        other.id = "y-other".into();
        other.school.id = "elsewhere".into();
        other.school.county = "另一县".into();
        let n = c.add(other);
        assert_eq!(n.outcome, IntakeOutcome::Added);
        assert!(!n.by_name);
        assert_eq!(c.len(), 4);
    }

    #[test]
    fn packages_of_other_frameworks_or_versions_are_grouped_apart() {
        let fw = fixtures::framework();
        let mut v2 = fixtures::framework();
        v2.version = "2".into();
        let mut other = fixtures::framework();
        other.id = "other".into();
        other.title = "另一框架".into();
        let mut changed = fixtures::framework();
        changed.areas[1].title = "改过的方面".into();
        let mut packages = three(&fw);
        let mut extra = three(&v2);
        extra.truncate(2);
        for (i, p) in extra.iter_mut().enumerate() {
            p.id = format!("v2-{i}");
            p.school.id = format!("v2-school-{i}");
            p.school.name = format!("示例县版本二学校{i}");
        }
        packages.extend(extra);
        let mut o = three(&other).remove(0);
        o.id = "o".into();
        packages.push(o);
        let mut ch = three(&changed).remove(0);
        ch.id = "ch".into();
        ch.school.id = "ch-school".into();
        ch.school.name = "示例县改框架学校".into();
        packages.push(ch);
        let c = Collection::from_packages(packages);
        let groups = c.groups();
        let summary: Vec<(&str, &str, usize, bool)> = groups
            .iter()
            .map(|g| {
                (
                    g.key.framework_id.as_str(),
                    g.key.framework_version.as_str(),
                    g.schools,
                    g.variant,
                )
            })
            .collect();
        assert_eq!(summary.len(), 4);
        assert_eq!(summary[0], ("test", "1", 3, true));
        assert!(summary.contains(&("test", "2", 2, false)));
        assert!(summary.contains(&("other", "1", 1, false)));
        assert!(summary.contains(&("test", "1", 1, true)));
        for g in &groups {
            let r = c.rollup(&g.key).unwrap();
            assert_eq!(r.rows.len(), g.schools);
            assert!(r
                .rows
                .iter()
                .all(|row| c.package(row.package).unwrap().framework.id == g.key.framework_id));
        }
        assert!(groups[0]
            .zh()
            .starts_with("测试框架（版本 1）· 2025—2026学年 全学年 · 3 所学校"));
        assert!(groups[0].text(Lang::En).contains("3 school(s)"));
    }

    #[test]
    fn year_over_year_compares_the_same_schools_and_finds_who_improved_most() {
        let fw = fixtures::framework();
        let mut packages = three(&fw);
        // Last year: X was at B everywhere it answered, Y was stronger than now, Z sent nothing.
        let last =
            |export: &str, school_id: &str, name: &str, answers: Vec<(&'static str, Edit)>| {
                pkg(
                    P {
                        export,
                        school_id,
                        name,
                        school_type: SchoolType::Primary,
                        group: "",
                        year: 2024,
                        exported: at(2025, 6, 20, 9),
                        answers,
                        plan: true,
                        overdue: false,
                    },
                    &fw,
                )
            };
        packages.push(last(
            "x-2024",
            "sx",
            "示例县第一小学",
            vec![("p1", lv("B")), ("p7", lv("B"))],
        ));
        packages.push(last(
            "y-2024",
            "sy",
            "示例县第二小学",
            vec![("p1", lv("B")), ("p7", lv("C"))],
        ));
        let c = Collection::from_packages(packages);
        let groups = c.groups();
        assert_eq!(
            groups[0].key.school_year,
            SchoolYear(2025),
            "newest year first"
        );
        let current = c.rollup(&groups[0].key).unwrap();
        let prev_key = c.previous_group(&groups[0].key).unwrap();
        assert_eq!(prev_key.school_year, SchoolYear(2024));
        let previous = c.rollup(&prev_key).unwrap();
        let va = value_added(&current, &previous);
        assert_eq!(va.new_schools, vec![2]);
        // X: 75 % → 100 % (+25); Y: (2×3 + 2)/3 = 2.667 → 66.7 % → 47.1 % (−19.5).
        let best = va.most_improved();
        assert_eq!(best.iter().map(|s| s.row).collect::<Vec<_>>(), vec![0, 1]);
        assert!((best[0].change().unwrap() - 25.0).abs() < 1e-6);
        assert!((best[1].change().unwrap() - (13.2 / 28.0 - 8.0 / 12.0) * 100.0).abs() < 1e-6);
        // A2 of Y: 50 % (C) → 37.5 %.
        assert!((best[1].area_change(1).unwrap() + 12.5).abs() < 1e-6);
        let means = va.area_means(2);
        assert!((means[1].unwrap() - (25.0 - 12.5) / 2.0).abs() < 1e-6);
        // One school's earlier package, for its own comparison.
        assert_eq!(c.earlier(0).unwrap().id, "x-2024");
        assert!(c.earlier(2).is_none());
    }

    #[test]
    fn the_expected_list_from_a_csv_with_a_header_shows_who_has_not_submitted() {
        let fw = fixtures::framework();
        let (_, r) = collection(&fw);
        let list = parse_expected(
            "序号,学校名称,学校类型\r\n1,示例县第一小学,小学\r\n2,示例县第二小学,小学\r\n3,城东初级中学,初中\r\n4,示例县第三小学,小学\r\n5,示例县第四小学,小学\r\n",
        );
        let a = r.attendance(&list);
        assert_eq!(
            a.matched.len(),
            3,
            "城东初级中学 matches with the county in front"
        );
        let missing: Vec<&str> = a
            .missing
            .iter()
            .map(|&i| list.schools[i].name.as_str())
            .collect();
        assert_eq!(missing, ["示例县第三小学", "示例县第四小学"]);
        assert!(a.unexpected.is_empty());
        assert_eq!(a.rate(list.schools.len()), Some(0.6));
    }
}
