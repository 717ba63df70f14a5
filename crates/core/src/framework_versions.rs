//! Framework versions: which versions exist, which one an evaluation uses, and moving an evaluation from one
//! version to a newer one with a preview of what changes.
//!
//! An evaluation records `framework_id` and `framework_version` ([`EvaluationHeader`]) and keeps using that
//! version, so a framework changed later never changes the answers already given. Frameworks made or imported
//! by users live in a [`FrameworkStore`] that keeps every version; the built-in ones come from the templates
//! crate (current and archived versions). Moving an evaluation ([`migrate`]) is the principal's decision after
//! seeing a [`Migration`] preview; answers that no longer fit are kept in [`Answers::set_aside`], never dropped.

use crate::evaluation::{Answer, AnswerValue, Answers, EvaluationHeader};
use crate::framework::{
    compare_versions, validate, Direction, Framework, FrameworkError, Point, PointKind,
};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Frameworks made or imported on this computer, every version kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FrameworkStore {
    /// Every stored version, in the order they were added.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
}

/// What adding a framework to the store would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A framework not seen before.
    New,
    /// A newer version of a stored framework; `previous` is the latest version stored so far.
    NewerVersion {
        /// The latest version stored before.
        previous: String,
    },
    /// An older version than the latest stored one (kept: some evaluation may use it).
    OlderVersion {
        /// The latest stored version.
        latest: String,
    },
    /// Exactly this version is stored already; nothing changes.
    AlreadyStored,
}

/// Why a framework cannot be added to the store or removed from it.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The same id and version are stored with different content: a changed framework needs a new version.
    VersionConflict {
        /// The framework id.
        id: String,
        /// The version.
        version: String,
    },
    /// The framework breaks the rules.
    Problems(Vec<FrameworkError>),
    /// The id of a built-in framework.
    BuiltInId(String),
    /// Evaluations still use this version.
    InUse {
        /// How many evaluations.
        evaluations: usize,
    },
    /// No such version in the store.
    NotStored,
}

impl Localized for StoreError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::VersionConflict { id, version }, Lang::Zh) => format!(
                "本机已有评价框架“{id}”的第 {version} 版，但内容不同。修改过的框架必须使用新的版本号，请让发送方提高版本号后重新导出"
            ),
            (StoreError::VersionConflict { id, version }, Lang::En) => format!(
                "this computer already has version {version} of the framework \"{id}\" with different content; a changed framework needs a new version number"
            ),
            (StoreError::Problems(errs), Lang::Zh) => format!(
                "框架有 {} 处错误，第一处：{}",
                errs.len(),
                errs.first().map(|e| e.zh()).unwrap_or_default()
            ),
            (StoreError::Problems(errs), Lang::En) => format!(
                "the framework has {} problems, the first: {}",
                errs.len(),
                errs.first().map(|e| e.text(Lang::En)).unwrap_or_default()
            ),
            (StoreError::BuiltInId(id), Lang::Zh) => {
                format!("编号“{id}”属于内置框架，请先“复制为新框架”")
            }
            (StoreError::BuiltInId(id), Lang::En) => {
                format!("the id \"{id}\" belongs to a built-in framework; copy it as a new framework first")
            }
            (StoreError::InUse { evaluations }, Lang::Zh) => format!(
                "还有 {evaluations} 次自评使用这个版本，不能删除；请先把这些自评转到其他版本或删除它们"
            ),
            (StoreError::InUse { evaluations }, Lang::En) => format!(
                "{evaluations} evaluations still use this version; move them to another version or delete them first"
            ),
            (StoreError::NotStored, Lang::Zh) => "本机没有这个版本的框架".into(),
            (StoreError::NotStored, Lang::En) => "this version is not stored on this computer".into(),
        }
    }
}

impl FrameworkStore {
    /// The stored versions of a framework, oldest first.
    pub fn versions(&self, id: &str) -> Vec<&Framework> {
        let mut v: Vec<&Framework> = self.frameworks.iter().filter(|f| f.id == id).collect();
        v.sort_by(|a, b| compare_versions(&a.version, &b.version).unwrap_or(Ordering::Equal));
        v
    }

    /// The newest stored version of a framework.
    pub fn latest(&self, id: &str) -> Option<&Framework> {
        self.versions(id).pop()
    }

    /// One stored version.
    pub fn get(&self, id: &str, version: &str) -> Option<&Framework> {
        self.frameworks
            .iter()
            .find(|f| f.id == id && f.version == version)
    }

    /// The ids of the stored frameworks, each once, in the order first added.
    pub fn ids(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.frameworks
            .iter()
            .map(|f| f.id.as_str())
            .filter(|id| seen.insert(*id))
            .collect()
    }

    /// What [`FrameworkStore::add`] would do, without doing it: for the preview before saving.
    pub fn check_add(
        &self,
        fw: &Framework,
        is_built_in: impl Fn(&str) -> bool,
    ) -> Result<Added, StoreError> {
        if is_built_in(&fw.id) {
            return Err(StoreError::BuiltInId(fw.id.clone()));
        }
        let errs = validate(fw);
        if !errs.is_empty() {
            return Err(StoreError::Problems(errs));
        }
        if let Some(same) = self.get(&fw.id, &fw.version) {
            return if same == fw {
                Ok(Added::AlreadyStored)
            } else {
                Err(StoreError::VersionConflict {
                    id: fw.id.clone(),
                    version: fw.version.clone(),
                })
            };
        }
        Ok(match self.latest(&fw.id) {
            None => Added::New,
            Some(l) if compare_versions(&fw.version, &l.version) == Some(Ordering::Greater) => {
                Added::NewerVersion {
                    previous: l.version.clone(),
                }
            }
            Some(l) => Added::OlderVersion {
                latest: l.version.clone(),
            },
        })
    }

    /// Adds a version. Stored versions are never replaced.
    pub fn add(
        &mut self,
        fw: Framework,
        is_built_in: impl Fn(&str) -> bool,
    ) -> Result<Added, StoreError> {
        let added = self.check_add(&fw, is_built_in)?;
        if added != Added::AlreadyStored {
            self.frameworks.push(fw);
        }
        Ok(added)
    }

    /// Removes a version that no evaluation uses.
    pub fn remove(
        &mut self,
        id: &str,
        version: &str,
        evaluations: &[EvaluationHeader],
    ) -> Result<Framework, StoreError> {
        let users = evaluations
            .iter()
            .filter(|e| e.framework_id == id && e.framework_version == version)
            .count();
        if users > 0 {
            return Err(StoreError::InUse { evaluations: users });
        }
        let at = self
            .frameworks
            .iter()
            .position(|f| f.id == id && f.version == version)
            .ok_or(StoreError::NotStored)?;
        Ok(self.frameworks.remove(at))
    }
}

/// Which evaluations use which framework version: `(id, version)` → evaluation ids.
pub fn usage(evaluations: &[EvaluationHeader]) -> BTreeMap<(String, String), Vec<String>> {
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for e in evaluations {
        out.entry((e.framework_id.clone(), e.framework_version.clone()))
            .or_default()
            .push(e.id.clone());
    }
    out
}

/// What changed about one point between two versions.
#[derive(Debug, Clone, PartialEq)]
pub enum PointChange {
    /// It has a new id.
    Renumbered,
    /// It sits under another indicator (by title), or its indicator was renamed.
    Indicator {
        /// The old indicator title.
        from: String,
        /// The new one.
        to: String,
    },
    /// Its wording changed.
    Text,
    /// It is answered differently.
    Kind {
        /// Old kind.
        from: PointKind,
        /// New kind.
        to: PointKind,
    },
    /// Its unit changed.
    Unit {
        /// Old unit.
        from: String,
        /// New unit.
        to: String,
    },
    /// Its target or direction changed.
    Target {
        /// Old target and direction.
        from: (Option<f64>, Option<Direction>),
        /// New ones.
        to: (Option<f64>, Option<Direction>),
    },
    /// Its weight changed.
    Weight {
        /// Old weight.
        from: f64,
        /// New weight.
        to: f64,
    },
}

impl Localized for PointChange {
    fn text(&self, lang: Lang) -> String {
        let target = |t: &(Option<f64>, Option<Direction>)| match (t, lang) {
            ((None, _), Lang::Zh) => "无目标".to_string(),
            ((None, _), Lang::En) => "no target".to_string(),
            ((Some(v), Some(Direction::Lower)), _) => format!("≤{v}"),
            ((Some(v), _), _) => format!("≥{v}"),
        };
        let kind = |k: &PointKind| match (k, lang) {
            (PointKind::Level, Lang::Zh) => "等级",
            (PointKind::YesNo, Lang::Zh) => "是否",
            (PointKind::Number, Lang::Zh) => "数值",
            (PointKind::Text, Lang::Zh) => "文字",
            (PointKind::Level, Lang::En) => "level",
            (PointKind::YesNo, Lang::En) => "yes/no",
            (PointKind::Number, Lang::En) => "number",
            (PointKind::Text, Lang::En) => "text",
        };
        match (self, lang) {
            (PointChange::Renumbered, Lang::Zh) => "编号改变".into(),
            (PointChange::Renumbered, Lang::En) => "new id".into(),
            (PointChange::Indicator { from, to }, Lang::Zh) => {
                format!("所属关键指标由“{from}”改为“{to}”")
            }
            (PointChange::Indicator { from, to }, Lang::En) => {
                format!("indicator \"{from}\" became \"{to}\"")
            }
            (PointChange::Text, Lang::Zh) => "要点文字有修改".into(),
            (PointChange::Text, Lang::En) => "wording changed".into(),
            (PointChange::Kind { from, to }, Lang::Zh) => {
                format!("类型由{}改为{}", kind(from), kind(to))
            }
            (PointChange::Kind { from, to }, Lang::En) => {
                format!("kind changed from {} to {}", kind(from), kind(to))
            }
            (PointChange::Unit { from, to }, Lang::Zh) => format!("单位由“{from}”改为“{to}”"),
            (PointChange::Unit { from, to }, Lang::En) => {
                format!("unit changed from \"{from}\" to \"{to}\"")
            }
            (PointChange::Target { from, to }, Lang::Zh) => {
                format!("目标由 {} 改为 {}", target(from), target(to))
            }
            (PointChange::Target { from, to }, Lang::En) => {
                format!("target changed from {} to {}", target(from), target(to))
            }
            (PointChange::Weight { from, to }, Lang::Zh) => format!("权重由 {from} 改为 {to}"),
            (PointChange::Weight { from, to }, Lang::En) => {
                format!("weight changed from {from} to {to}")
            }
        }
    }
}

/// A point present in both versions, and what changed about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedPoint {
    /// Its id in the old version.
    pub old_id: String,
    /// Its id in the new version.
    pub new_id: String,
    /// What changed (never empty).
    pub changes: Vec<PointChange>,
}

/// Why an answer, or its value, was set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetAsideReason {
    /// The point is not in the new version.
    PointRemoved,
    /// The point is answered differently now (the value no longer fits; note and 不适用 carried over).
    KindChanged,
    /// The level chosen is not on the new scale (note and 不适用 carried over).
    LevelRemoved,
}

impl Localized for SetAsideReason {
    fn text(&self, lang: Lang) -> String {
        lang.pick(
            match self {
                SetAsideReason::PointRemoved => "新版本中没有这个考查要点",
                SetAsideReason::KindChanged => "考查要点的类型变了，原答案不再适用（佐证说明已保留）",
                SetAsideReason::LevelRemoved => "新版本的评分等级中没有原来选的等级（佐证说明已保留）",
            },
            match self {
                SetAsideReason::PointRemoved => "the point is not in the new version",
                SetAsideReason::KindChanged => {
                    "the point is answered differently now; the old value no longer fits (the note was kept)"
                }
                SetAsideReason::LevelRemoved => {
                    "the chosen level is not on the new scale (the note was kept)"
                }
            },
        )
        .into()
    }
}

/// An answer kept aside when an evaluation moved to another framework version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetAside {
    /// The point's id in the version the answer was given in.
    pub point_id: String,
    /// The point's text in that version, so the answer can still be read.
    #[serde(default)]
    pub point_text: String,
    /// That version.
    pub from_version: String,
    /// What was set aside: the whole answer, or only its value.
    pub answer: Answer,
    /// Why.
    pub reason: SetAsideReason,
}

/// What happens to one existing answer.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerFate {
    /// Carried over unchanged (possibly under a new id).
    Kept {
        /// The point's id in the new version.
        new_id: String,
    },
    /// Carried over, but the point changed: the principal should look at it again.
    Review {
        /// The point's id in the new version.
        new_id: String,
        /// What changed.
        changes: Vec<PointChange>,
    },
    /// The value no longer fits and is set aside; the note and 不适用 carry over.
    ValueSetAside {
        /// The point's id in the new version.
        new_id: String,
        /// Why.
        reason: SetAsideReason,
    },
    /// The point is gone: the whole answer is set aside.
    SetAside(SetAsideReason),
}

/// The preview of moving an evaluation from one version of a framework to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// The framework id.
    pub framework_id: String,
    /// The version the evaluation uses.
    pub from: String,
    /// The version it would move to.
    pub to: String,
    /// Points only in the new version (new ids), unanswered after the move.
    pub added: Vec<String>,
    /// Points only in the old version (old ids).
    pub removed: Vec<String>,
    /// Points in both versions that changed.
    pub changed: Vec<ChangedPoint>,
    /// Whether the rating scale changed (levels, labels or scores).
    pub scale_changed: bool,
    /// Every existing answer, by old point id, and what happens to it.
    pub answers: Vec<(String, AnswerFate)>,
}

impl Migration {
    /// Answers carried over unchanged.
    pub fn kept(&self) -> usize {
        self.answers
            .iter()
            .filter(|(_, f)| matches!(f, AnswerFate::Kept { .. }))
            .count()
    }

    /// Answers (or their values) that would be set aside.
    pub fn set_aside(&self) -> usize {
        self.answers
            .iter()
            .filter(|(_, f)| {
                matches!(
                    f,
                    AnswerFate::SetAside(_) | AnswerFate::ValueSetAside { .. }
                )
            })
            .count()
    }
}

/// Why an evaluation cannot move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationError {
    /// The two frameworks have different ids.
    DifferentFramework,
    /// The target version is not newer than the current one.
    NotNewer,
}

impl Localized for MigrationError {
    fn text(&self, lang: Lang) -> String {
        match self {
            MigrationError::DifferentFramework => lang.pick(
                "只能转到同一评价框架的其他版本",
                "an evaluation can only move to another version of the same framework",
            ),
            MigrationError::NotNewer => lang.pick(
                "只能转到更新的版本",
                "an evaluation can only move to a newer version",
            ),
        }
        .into()
    }
}

/// The new point an old point id continues as: the point that lists it in `previous_ids`; otherwise the point
/// with the same id, unless that point was itself renumbered from another id (then the old point is gone).
pub(crate) fn successor<'a>(new: &'a Framework, old_id: &str) -> Option<&'a Point> {
    let points = || new.points().map(|(_, _, p)| p);
    points()
        .find(|p| p.previous_ids.iter().any(|x| x == old_id))
        .or_else(|| points().find(|p| p.id == old_id && p.previous_ids.is_empty()))
}

fn indicator_title<'a>(fw: &'a Framework, point_id: &str) -> &'a str {
    fw.points()
        .find(|(_, _, p)| p.id == point_id)
        .map_or("", |(_, i, _)| i.title.as_str())
}

fn changes(old_fw: &Framework, old: &Point, new_fw: &Framework, new: &Point) -> Vec<PointChange> {
    let mut c = Vec::new();
    if old.id != new.id {
        c.push(PointChange::Renumbered);
    }
    let (from, to) = (
        indicator_title(old_fw, &old.id),
        indicator_title(new_fw, &new.id),
    );
    if from != to {
        c.push(PointChange::Indicator {
            from: from.into(),
            to: to.into(),
        });
    }
    if old.text != new.text {
        c.push(PointChange::Text);
    }
    if old.kind != new.kind {
        c.push(PointChange::Kind {
            from: old.kind,
            to: new.kind,
        });
    }
    if old.unit != new.unit {
        c.push(PointChange::Unit {
            from: old.unit.clone(),
            to: new.unit.clone(),
        });
    }
    if (old.target, old.direction) != (new.target, new.direction) {
        c.push(PointChange::Target {
            from: (old.target, old.direction),
            to: (new.target, new.direction),
        });
    }
    if old.weight != new.weight {
        c.push(PointChange::Weight {
            from: old.weight,
            to: new.weight,
        });
    }
    c
}

/// Changes that can alter what an answer means: the principal should look at those answers again.
fn needs_review(c: &PointChange) -> bool {
    matches!(
        c,
        PointChange::Text | PointChange::Unit { .. } | PointChange::Target { .. }
    )
}

fn fate(old_fw: &Framework, new_fw: &Framework, old_id: &str, answer: &Answer) -> AnswerFate {
    let Some(new) = successor(new_fw, old_id) else {
        return AnswerFate::SetAside(SetAsideReason::PointRemoved);
    };
    let new_id = new.id.clone();
    let value_fits = match (&answer.value, new.kind) {
        (None, _) => Ok(()),
        (Some(AnswerValue::Level(l)), PointKind::Level) => {
            if new_fw.scale.level(l).is_some() {
                Ok(())
            } else {
                Err(SetAsideReason::LevelRemoved)
            }
        }
        (Some(AnswerValue::YesNo(_)), PointKind::YesNo)
        | (Some(AnswerValue::Number(_)), PointKind::Number)
        | (Some(AnswerValue::Text(_)), PointKind::Text) => Ok(()),
        _ => Err(SetAsideReason::KindChanged),
    };
    if let Err(reason) = value_fits {
        return AnswerFate::ValueSetAside { new_id, reason };
    }
    let mut review: Vec<PointChange> = match old_fw.point(old_id) {
        Some(old) => changes(old_fw, old, new_fw, new)
            .into_iter()
            .filter(needs_review)
            .collect(),
        None => vec![],
    };
    if let Some(AnswerValue::Level(l)) = &answer.value {
        if old_fw.scale.level(l) != new_fw.scale.level(l) {
            review.push(PointChange::Text);
        }
    }
    if review.is_empty() {
        AnswerFate::Kept { new_id }
    } else {
        AnswerFate::Review {
            new_id,
            changes: review,
        }
    }
}

/// The preview of moving answers given under `old` to `new` (two versions of one framework).
pub fn preview(
    old: &Framework,
    new: &Framework,
    answers: &Answers,
) -> Result<Migration, MigrationError> {
    if old.id != new.id {
        return Err(MigrationError::DifferentFramework);
    }
    if compare_versions(&new.version, &old.version) != Some(Ordering::Greater) {
        return Err(MigrationError::NotNewer);
    }
    let mut continued = BTreeSet::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (_, _, p) in old.points() {
        match successor(new, &p.id) {
            Some(n) => {
                continued.insert(n.id.clone());
                let c = changes(old, p, new, n);
                if !c.is_empty() {
                    changed.push(ChangedPoint {
                        old_id: p.id.clone(),
                        new_id: n.id.clone(),
                        changes: c,
                    });
                }
            }
            None => removed.push(p.id.clone()),
        }
    }
    let added = new
        .points()
        .map(|(_, _, p)| p.id.clone())
        .filter(|id| !continued.contains(id))
        .collect();
    let answers = answers
        .by_point
        .iter()
        .map(|(id, a)| (id.clone(), fate(old, new, id, a)))
        .collect();
    Ok(Migration {
        framework_id: new.id.clone(),
        from: old.version.clone(),
        to: new.version.clone(),
        added,
        removed,
        changed,
        scale_changed: old.scale != new.scale,
        answers,
    })
}

/// Moves answers given under `old` to `new`: the answers to give the evaluation, whose header then records
/// `new.version`. Everything that does not fit is kept in [`Answers::set_aside`] with its reason.
pub fn migrate(
    old: &Framework,
    new: &Framework,
    answers: &Answers,
) -> Result<Answers, MigrationError> {
    let plan = preview(old, new, answers)?;
    let mut out = Answers {
        by_point: BTreeMap::new(),
        position: None,
        set_aside: answers.set_aside.clone(),
    };
    let text_of = |id: &str| old.point(id).map(|p| p.text.clone()).unwrap_or_default();
    for (old_id, fate) in &plan.answers {
        let a = &answers.by_point[old_id];
        match fate {
            AnswerFate::Kept { new_id } | AnswerFate::Review { new_id, .. } => {
                out.by_point.insert(new_id.clone(), a.clone());
            }
            AnswerFate::ValueSetAside { new_id, reason } => {
                out.set_aside.push(SetAside {
                    point_id: old_id.clone(),
                    point_text: text_of(old_id),
                    from_version: old.version.clone(),
                    answer: Answer {
                        value: a.value.clone(),
                        ..Answer::default()
                    },
                    reason: reason.clone(),
                });
                let rest = Answer {
                    value: None,
                    ..a.clone()
                };
                if !rest.is_blank() {
                    out.by_point.insert(new_id.clone(), rest);
                }
            }
            AnswerFate::SetAside(reason) => out.set_aside.push(SetAside {
                point_id: old_id.clone(),
                point_text: text_of(old_id),
                from_version: old.version.clone(),
                answer: a.clone(),
                reason: reason.clone(),
            }),
        }
    }
    out.position = answers
        .position
        .as_deref()
        .and_then(|p| successor(new, p))
        .map(|p| p.id.clone());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::{Edit, SchoolYear, Term};
    use crate::fixtures;
    use crate::framework_edit::{Draft, NodeRef};

    fn answered(fw: &Framework) -> Answers {
        let mut a = Answers::default();
        let v = |k| match k {
            PointKind::Level => AnswerValue::Level("B".into()),
            PointKind::YesNo => AnswerValue::YesNo(true),
            PointKind::Number => AnswerValue::Number(40.0),
            PointKind::Text => AnswerValue::Text("说明".into()),
        };
        for (_, _, p) in fw.points() {
            a.apply(fw, &p.id, Edit::Value(Some(v(p.kind)))).unwrap();
            a.apply(fw, &p.id, Edit::Note(format!("{} 的佐证", p.id)))
                .unwrap();
        }
        a.position = Some("p4".into());
        a
    }

    /// Version 2 of the fixture: p1 reworded, p2 becomes a level point, p3's target rises to 50, p4 is
    /// renumbered to A1.2.1, p5 deleted, a new point added, level D removed.
    fn version_2() -> Framework {
        let v1 = fixtures::framework();
        let mut d = Draft::next_version_of(&v1);
        d.point_mut(0, 0, 0).unwrap().text = "要点 p1（修订）".into();
        crate::framework_edit::set_kind(d.point_mut(0, 0, 1).unwrap(), PointKind::Level);
        d.point_mut(0, 0, 2).unwrap().target = Some(50.0);
        d.set_id(NodeRef::Point(0, 1, 0), "A1.2.1").unwrap();
        d.delete(NodeRef::Point(0, 1, 1)).unwrap();
        let at = d.add_point(1, 0, 9).unwrap();
        let p = d.point_mut(1, 0, 2).unwrap();
        p.text = "新要点".into();
        p.guidance = "看".into();
        p.source.confirmed = true;
        assert_eq!(at, NodeRef::Point(1, 0, 2));
        d.framework.scale.levels.pop();
        assert_eq!(d.problems(), vec![]);
        d.framework
    }

    #[test]
    fn the_preview_lists_added_removed_and_changed_points_and_every_answer() {
        let v1 = fixtures::framework();
        let v2 = version_2();
        let mut answers = answered(&v1);
        answers
            .apply(&v1, "p7", Edit::Value(Some(AnswerValue::Level("D".into()))))
            .unwrap();
        let m = preview(&v1, &v2, &answers).unwrap();
        assert_eq!((m.from.as_str(), m.to.as_str()), ("1", "2"));
        assert_eq!(m.added, ["I3.1"]);
        assert_eq!(m.removed, ["p5"]);
        let changed: Vec<(&str, &str)> = m
            .changed
            .iter()
            .map(|c| (c.old_id.as_str(), c.new_id.as_str()))
            .collect();
        assert_eq!(
            changed,
            [("p1", "p1"), ("p2", "p2"), ("p3", "p3"), ("p4", "A1.2.1")]
        );
        assert_eq!(m.changed[1].changes[0].zh(), "类型由是否改为等级");
        assert_eq!(m.changed[2].changes[0].zh(), "目标由 ≥45 改为 ≥50");
        assert!(m.scale_changed);
        let fate = |id: &str| m.answers.iter().find(|(k, _)| k == id).unwrap().1.clone();
        assert_eq!(
            fate("p1"),
            AnswerFate::Review {
                new_id: "p1".into(),
                changes: vec![PointChange::Text]
            }
        );
        assert_eq!(
            fate("p2"),
            AnswerFate::ValueSetAside {
                new_id: "p2".into(),
                reason: SetAsideReason::KindChanged
            }
        );
        assert_eq!(
            fate("p4"),
            AnswerFate::Kept {
                new_id: "A1.2.1".into()
            }
        );
        assert_eq!(
            fate("p5"),
            AnswerFate::SetAside(SetAsideReason::PointRemoved)
        );
        assert_eq!(
            fate("p6"),
            AnswerFate::Kept {
                new_id: "p6".into()
            }
        );
        assert_eq!(
            fate("p7"),
            AnswerFate::ValueSetAside {
                new_id: "p7".into(),
                reason: SetAsideReason::LevelRemoved
            }
        );
        assert_eq!((m.kept(), m.set_aside()), (2, 3));
    }

    #[test]
    fn moving_keeps_every_answer_either_in_place_or_set_aside() {
        let v1 = fixtures::framework();
        let v2 = version_2();
        let answers = answered(&v1);
        let moved = migrate(&v1, &v2, &answers).unwrap();
        // Carried: p1 (reworded), p3, p4 → A1.2.1, p6, p7, with their notes.
        assert_eq!(moved.by_point["A1.2.1"], answers.by_point["p4"]);
        assert_eq!(moved.by_point["p1"], answers.by_point["p1"]);
        assert_eq!(moved.position.as_deref(), Some("A1.2.1"));
        // p2's yes/no value is set aside, its note stays on the point.
        assert_eq!(moved.by_point["p2"].value, None);
        assert_eq!(moved.by_point["p2"].note, "p2 的佐证");
        let aside: Vec<(&str, &SetAsideReason)> = moved
            .set_aside
            .iter()
            .map(|s| (s.point_id.as_str(), &s.reason))
            .collect();
        assert_eq!(
            aside,
            [
                ("p2", &SetAsideReason::KindChanged),
                ("p5", &SetAsideReason::PointRemoved)
            ]
        );
        assert_eq!(moved.set_aside[1].answer, answers.by_point["p5"]);
        assert_eq!(moved.set_aside[1].point_text, "要点 p5");
        assert_eq!(moved.set_aside[1].from_version, "1");
        // Every old answer is accounted for: nothing vanished.
        for (id, a) in &answers.by_point {
            let kept = moved.by_point.values().any(|x| x == a);
            let aside = moved.set_aside.iter().any(|s| &s.point_id == id);
            assert!(kept || aside, "{id} lost");
        }
        // Every carried answer fits the new version.
        let mut check = Answers::default();
        for (id, a) in &moved.by_point {
            if let Some(v) = &a.value {
                check.apply(&v2, id, Edit::Value(Some(v.clone()))).unwrap();
            }
        }
        // The stored set-aside answers survive a round trip through JSON.
        let json = serde_json::to_string(&moved).unwrap();
        assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), moved);
        assert_eq!(migrate(&v2, &v1, &moved), Err(MigrationError::NotNewer));
    }

    #[test]
    fn the_store_keeps_every_version_and_refuses_conflicts_and_removing_used_versions() {
        let v1 = Framework {
            id: "county".into(),
            ..fixtures::framework()
        };
        let v2 = Framework {
            id: "county".into(),
            ..version_2()
        };
        let builtin = |id: &str| id == "senior-2022";
        let mut store = FrameworkStore::default();
        assert_eq!(store.add(v2.clone(), builtin), Ok(Added::New));
        assert_eq!(
            store.add(v1.clone(), builtin),
            Ok(Added::OlderVersion { latest: "2".into() })
        );
        assert_eq!(store.add(v1.clone(), builtin), Ok(Added::AlreadyStored));
        let mut changed = v1.clone();
        changed.title = "改过的".into();
        assert!(matches!(
            store.add(changed, builtin),
            Err(StoreError::VersionConflict { .. })
        ));
        let mut v3 = v2.clone();
        v3.version = "3".into();
        assert_eq!(
            store.check_add(&v3, builtin),
            Ok(Added::NewerVersion {
                previous: "2".into()
            })
        );
        let versions: Vec<&str> = store
            .versions("county")
            .iter()
            .map(|f| f.version.as_str())
            .collect();
        assert_eq!(versions, ["1", "2"]);
        assert_eq!(store.latest("county").unwrap().version, "2");
        assert_eq!(store.ids(), ["county"]);
        let header = EvaluationHeader {
            id: "e1".into(),
            school_id: "s1".into(),
            framework_id: "county".into(),
            framework_version: "1".into(),
            school_year: SchoolYear(2026),
            term: Term::Year,
            created: "2026-09-01".into(),
        };
        assert_eq!(
            store.remove("county", "1", std::slice::from_ref(&header)),
            Err(StoreError::InUse { evaluations: 1 })
        );
        assert_eq!(
            usage(std::slice::from_ref(&header))[&("county".to_string(), "1".to_string())],
            ["e1"]
        );
        assert!(store.remove("county", "2", &[header]).is_ok());
        let mut builtin_fw = v1;
        builtin_fw.id = "senior-2022".into();
        assert_eq!(
            store.add(builtin_fw, builtin),
            Err(StoreError::BuiltInId("senior-2022".into()))
        );
    }
}
