//! Editing a framework: the pure operations behind the framework editor, so that its views stay thin.
//!
//! An editor works on a [`Draft`]: a framework being edited, and the ids of the stored version it started from.
//! New items never reuse an id of that stored version, so an answer given to a deleted point can never land on
//! a new, unrelated one when an evaluation later moves to the edited version. Every operation leaves a tree that
//! [`Draft::problems`] checks with the one shared validator ([`crate::framework::validate`]).

use crate::framework::{
    compare_versions, is_id, validate, Area, Direction, Framework, FrameworkError, Indicator,
    Level, Point, PointKind, Scale, SchoolType, Source,
};
use crate::i18n::{Lang, Localized};
use std::collections::{BTreeMap, BTreeSet};

/// The position of an item in the tree (0-based): what an editor selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeRef {
    /// The area at this position.
    Area(usize),
    /// The indicator at (area, indicator).
    Indicator(usize, usize),
    /// The point at (area, indicator, point).
    Point(usize, usize, usize),
}

/// Why an edit was refused; the draft is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The item is not (or no longer) in the tree.
    NoSuchItem,
    /// Moving would leave the tree (the first item up, the last down, or a target position that does not exist).
    CannotMove,
    /// A move between levels (an indicator into a point position …).
    WrongLevel,
    /// The id is not valid.
    BadId(String),
    /// The id is already used by another item of this framework.
    IdTaken(String),
    /// The new version is not above the version it replaces.
    VersionNotNewer {
        /// The version given.
        given: String,
        /// The version it must exceed.
        current: String,
    },
}

impl Localized for EditError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (EditError::NoSuchItem, Lang::Zh) => "找不到这个条目，可能已被删除".into(),
            (EditError::NoSuchItem, Lang::En) => "this item no longer exists".into(),
            (EditError::CannotMove, Lang::Zh) => "已经在最前或最后，无法再移动".into(),
            (EditError::CannotMove, Lang::En) => "the item is already first or last".into(),
            (EditError::WrongLevel, Lang::Zh) => {
                "只能在同一层级内移动：考查要点移到关键指标下，关键指标移到方面下".into()
            }
            (EditError::WrongLevel, Lang::En) => {
                "items move within their level: points into indicators, indicators into areas"
                    .into()
            }
            (EditError::BadId(id), Lang::Zh) => {
                format!("编号“{id}”只能含字母、数字、点、横线、下划线")
            }
            (EditError::BadId(id), Lang::En) => format!(
                "the id \"{id}\" may only contain letters, digits, dots, hyphens and underscores"
            ),
            (EditError::IdTaken(id), Lang::Zh) => {
                format!("编号“{id}”已被本框架的另一条目使用")
            }
            (EditError::IdTaken(id), Lang::En) => {
                format!("the id \"{id}\" is already used by another item")
            }
            (EditError::VersionNotNewer { given, current }, Lang::Zh) => {
                format!("新版本号“{given}”必须大于当前版本“{current}”")
            }
            (EditError::VersionNotNewer { given, current }, Lang::En) => {
                format!("the new version \"{given}\" must be above the current \"{current}\"")
            }
        }
    }
}

/// The 优秀 / 良好 / 合格 / 待改进 scale (4 to 1) the built-in frameworks use; a new framework starts with it.
pub fn default_scale() -> Scale {
    let l = |id: &str, label: &str, en: &str, score: f64| Level {
        id: id.into(),
        label: label.into(),
        label_en: en.into(),
        score,
        description: String::new(),
    };
    Scale {
        levels: vec![
            l("A", "优秀", "Excellent", 4.0),
            l("B", "良好", "Good", 3.0),
            l("C", "合格", "Adequate", 2.0),
            l("D", "待改进", "Needs improvement", 1.0),
        ],
        strength_at_least: 0.75,
        weakness_at_most: 0.5,
    }
}

/// A source that cites the framework's own document and still needs its note: the editor shows the
/// validator's message until the author says where the item comes from.
fn new_source(fw: &Framework) -> Source {
    Source {
        doc: fw.document.clone(),
        section: String::new(),
        confirmed: false,
        note: String::new(),
    }
}

fn new_point(id: String, source: Source) -> Point {
    Point {
        id,
        text: String::new(),
        text_en: String::new(),
        guidance: String::new(),
        guidance_en: String::new(),
        evidence: vec![],
        evidence_en: vec![],
        kind: PointKind::Level,
        weight: 1.0,
        unit: String::new(),
        direction: None,
        target: None,
        source,
        previous_ids: vec![],
    }
}

/// A new framework with one empty area, indicator and point, ready to be filled in ("start empty").
pub fn blank(id: &str, title: &str, issuer: &str, document: &str, year: u16) -> Framework {
    let mut fw = Framework {
        id: id.into(),
        version: "1".into(),
        title: title.into(),
        title_en: String::new(),
        issuer: issuer.into(),
        document: document.into(),
        year,
        school_types: SchoolType::ALL[..4].to_vec(),
        description: String::new(),
        description_en: String::new(),
        scale: default_scale(),
        areas: vec![],
        based_on: String::new(),
    };
    let src = new_source(&fw);
    fw.areas.push(Area {
        id: "A1".into(),
        title: String::new(),
        title_en: String::new(),
        source: src.clone(),
        indicators: vec![Indicator {
            id: "A1.1".into(),
            title: String::new(),
            title_en: String::new(),
            source: src.clone(),
            points: vec![new_point("A1.1.1".into(), src)],
        }],
    });
    fw
}

/// A copy of a framework (typically a built-in one) as a new framework of its own: new id, title and issuer,
/// version 1, `based_on` naming the original. Ids of items are kept, and sources still cite the original
/// documents.
pub fn copy_as(
    fw: &Framework,
    new_id: &str,
    title: &str,
    issuer: &str,
) -> Result<Framework, EditError> {
    if !is_id(new_id) {
        return Err(EditError::BadId(new_id.into()));
    }
    if new_id == fw.id {
        return Err(EditError::IdTaken(new_id.into()));
    }
    let mut copy = fw.clone();
    copy.id = new_id.into();
    copy.version = "1".into();
    copy.title = title.into();
    copy.title_en = String::new();
    copy.issuer = issuer.into();
    copy.based_on = format!("{}@{}", fw.id, fw.version);
    for a in &mut copy.areas {
        for i in &mut a.indicators {
            for p in &mut i.points {
                p.previous_ids.clear();
            }
        }
    }
    Ok(copy)
}

/// The version after `v`: the last number goes up by one (`2026.2` → `2026.3`, `1` → `2`); a version that is
/// not dotted numbers becomes `1`.
pub fn next_version(v: &str) -> String {
    let mut parts: Vec<u64> = match v.split('.').map(|p| p.parse::<u64>()).collect() {
        Ok(p) => p,
        Err(_) => return "1".into(),
    };
    if let Some(last) = parts.last_mut() {
        *last += 1;
    }
    parts
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

/// The letters an id starts with (`H` of `H2`), to number new areas like the existing ones.
fn letters(id: &str) -> &str {
    let end = id
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(id.len());
    &id[..end]
}

/// A framework being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The framework as edited so far.
    pub framework: Framework,
    /// Ids of the stored version this draft started from: new items never take them.
    base_ids: BTreeSet<String>,
}

impl Draft {
    /// A draft of a new framework (from [`blank`] or [`copy_as`]): nothing to migrate from.
    pub fn new(framework: Framework) -> Self {
        Draft {
            framework,
            base_ids: BTreeSet::new(),
        }
    }

    /// A draft of the next version of a stored framework: the version goes up, and `previous_ids` start empty,
    /// so that after editing they say exactly which points were renumbered since `stored`.
    pub fn next_version_of(stored: &Framework) -> Self {
        let mut fw = stored.clone();
        fw.version = next_version(&stored.version);
        let mut base_ids = BTreeSet::new();
        for a in &mut fw.areas {
            base_ids.insert(a.id.clone());
            for i in &mut a.indicators {
                base_ids.insert(i.id.clone());
                for p in &mut i.points {
                    base_ids.insert(p.id.clone());
                    p.previous_ids.clear();
                }
            }
        }
        Draft {
            framework: fw,
            base_ids,
        }
    }

    /// Every problem of the draft, from the shared validator.
    pub fn problems(&self) -> Vec<FrameworkError> {
        validate(&self.framework)
    }

    /// Sets the version; it must be above the version the draft replaces, when there is one.
    pub fn set_version(&mut self, version: &str, replaces: Option<&str>) -> Result<(), EditError> {
        if let Some(current) = replaces {
            if compare_versions(version, current) != Some(std::cmp::Ordering::Greater) {
                return Err(EditError::VersionNotNewer {
                    given: version.into(),
                    current: current.into(),
                });
            }
        }
        self.framework.version = version.into();
        Ok(())
    }

    /// Sets the framework's document. Sources that cited the previous document (or none yet, as new items do)
    /// follow, so that a framework started empty does not need every item's source typed again; sources
    /// citing another document are kept.
    pub fn set_document(&mut self, document: &str) {
        let old = std::mem::replace(&mut self.framework.document, document.to_string());
        let follow = |s: &mut Source| {
            if s.doc == old || s.doc.trim().is_empty() {
                s.doc = document.to_string();
            }
        };
        for a in &mut self.framework.areas {
            follow(&mut a.source);
            for i in &mut a.indicators {
                follow(&mut i.source);
                for p in &mut i.points {
                    follow(&mut p.source);
                }
            }
        }
    }

    fn used_ids(&self) -> BTreeSet<String> {
        let mut ids = self.base_ids.clone();
        for a in &self.framework.areas {
            ids.insert(a.id.clone());
            for i in &a.indicators {
                ids.insert(i.id.clone());
                for p in &i.points {
                    ids.insert(p.id.clone());
                    ids.extend(p.previous_ids.iter().cloned());
                }
            }
        }
        ids
    }

    /// The first of `prefix1`, `prefix2` … not used in the draft or its stored version.
    fn fresh(&self, prefix: &str) -> String {
        let used = self.used_ids();
        (1..)
            .map(|n| format!("{prefix}{n}"))
            .find(|id| !used.contains(id))
            .expect("an unused number exists")
    }

    /// The item at a position.
    pub fn contains(&self, node: NodeRef) -> bool {
        let fw = &self.framework;
        match node {
            NodeRef::Area(a) => a < fw.areas.len(),
            NodeRef::Indicator(a, i) => fw.areas.get(a).is_some_and(|x| i < x.indicators.len()),
            NodeRef::Point(a, i, p) => fw
                .areas
                .get(a)
                .and_then(|x| x.indicators.get(i))
                .is_some_and(|x| p < x.points.len()),
        }
    }

    /// The area at a position, to edit its fields.
    pub fn area_mut(&mut self, a: usize) -> Result<&mut Area, EditError> {
        self.framework.areas.get_mut(a).ok_or(EditError::NoSuchItem)
    }

    /// The indicator at a position, to edit its fields.
    pub fn indicator_mut(&mut self, a: usize, i: usize) -> Result<&mut Indicator, EditError> {
        self.area_mut(a)?
            .indicators
            .get_mut(i)
            .ok_or(EditError::NoSuchItem)
    }

    /// The point at a position, to edit its fields (use [`set_kind`] to change its kind).
    pub fn point_mut(&mut self, a: usize, i: usize, p: usize) -> Result<&mut Point, EditError> {
        self.indicator_mut(a, i)?
            .points
            .get_mut(p)
            .ok_or(EditError::NoSuchItem)
    }

    /// Inserts a new area at `at` (clamped to the end), with one empty indicator and point.
    pub fn add_area(&mut self, at: usize) -> NodeRef {
        let prefix = self
            .framework
            .areas
            .first()
            .map(|a| letters(&a.id).to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "A".into());
        let id = self.fresh(&prefix);
        let src = new_source(&self.framework);
        let area = Area {
            id: id.clone(),
            title: String::new(),
            title_en: String::new(),
            source: src.clone(),
            indicators: vec![],
        };
        let at = at.min(self.framework.areas.len());
        self.framework.areas.insert(at, area);
        self.add_indicator(at, 0).expect("the area was just added");
        NodeRef::Area(at)
    }

    /// Inserts a new indicator into an area at `at` (clamped), with one empty point.
    pub fn add_indicator(&mut self, area: usize, at: usize) -> Result<NodeRef, EditError> {
        let area_id = self
            .framework
            .areas
            .get(area)
            .ok_or(EditError::NoSuchItem)?
            .id
            .clone();
        let id = self.fresh(&format!("{area_id}."));
        let src = new_source(&self.framework);
        let a = &mut self.framework.areas[area];
        let at = at.min(a.indicators.len());
        a.indicators.insert(
            at,
            Indicator {
                id,
                title: String::new(),
                title_en: String::new(),
                source: src,
                points: vec![],
            },
        );
        self.add_point(area, at, 0)?;
        Ok(NodeRef::Indicator(area, at))
    }

    /// Inserts a new empty point (kind 等级) into an indicator at `at` (clamped).
    pub fn add_point(
        &mut self,
        area: usize,
        indicator: usize,
        at: usize,
    ) -> Result<NodeRef, EditError> {
        let ind_id = self.indicator_mut(area, indicator)?.id.clone();
        let id = self.fresh(&format!("{ind_id}."));
        let src = new_source(&self.framework);
        let ind = self.indicator_mut(area, indicator)?;
        let at = at.min(ind.points.len());
        ind.points.insert(at, new_point(id, src));
        Ok(NodeRef::Point(area, indicator, at))
    }

    /// Deletes an item and everything below it. The validator then reports a parent left empty.
    pub fn delete(&mut self, node: NodeRef) -> Result<(), EditError> {
        if !self.contains(node) {
            return Err(EditError::NoSuchItem);
        }
        let fw = &mut self.framework;
        match node {
            NodeRef::Area(a) => {
                fw.areas.remove(a);
            }
            NodeRef::Indicator(a, i) => {
                fw.areas[a].indicators.remove(i);
            }
            NodeRef::Point(a, i, p) => {
                fw.areas[a].indicators[i].points.remove(p);
            }
        }
        Ok(())
    }

    /// Moves an item to `to`, a position of the same level: `Area(k)`, `Indicator(area, k)` (any area) or
    /// `Point(area, indicator, k)` (any indicator). `k` is the position in the destination after the item has
    /// left its old place. Ids are kept (see [`Draft::renumber`]). Returns where the item is now.
    pub fn move_to(&mut self, node: NodeRef, to: NodeRef) -> Result<NodeRef, EditError> {
        if !self.contains(node) {
            return Err(EditError::NoSuchItem);
        }
        let fw = &mut self.framework;
        match (node, to) {
            (NodeRef::Area(a), NodeRef::Area(k)) => {
                if k >= fw.areas.len() {
                    return Err(EditError::CannotMove);
                }
                let x = fw.areas.remove(a);
                fw.areas.insert(k, x);
                Ok(NodeRef::Area(k))
            }
            (NodeRef::Indicator(a, i), NodeRef::Indicator(b, k)) => {
                let fits = fw.areas.get(b).is_some_and(|dest| {
                    let len = dest.indicators.len() - usize::from(a == b);
                    k <= len
                });
                if !fits {
                    return Err(EditError::CannotMove);
                }
                let x = fw.areas[a].indicators.remove(i);
                fw.areas[b].indicators.insert(k, x);
                Ok(NodeRef::Indicator(b, k))
            }
            (NodeRef::Point(a, i, p), NodeRef::Point(b, j, k)) => {
                let fits = fw
                    .areas
                    .get(b)
                    .and_then(|x| x.indicators.get(j))
                    .is_some_and(|dest| {
                        let len = dest.points.len() - usize::from((a, i) == (b, j));
                        k <= len
                    });
                if !fits {
                    return Err(EditError::CannotMove);
                }
                let x = fw.areas[a].indicators[i].points.remove(p);
                fw.areas[b].indicators[j].points.insert(k, x);
                Ok(NodeRef::Point(b, j, k))
            }
            _ => Err(EditError::WrongLevel),
        }
    }

    /// Moves an item one place up (`-1`) or down (`+1`) among its siblings.
    pub fn shift(&mut self, node: NodeRef, up: bool) -> Result<NodeRef, EditError> {
        let step = |k: usize| {
            if up {
                k.checked_sub(1)
            } else {
                k.checked_add(1)
            }
        };
        let to = match node {
            NodeRef::Area(a) => step(a).map(NodeRef::Area),
            NodeRef::Indicator(a, i) => step(i).map(|k| NodeRef::Indicator(a, k)),
            NodeRef::Point(a, i, p) => step(p).map(|k| NodeRef::Point(a, i, k)),
        }
        .ok_or(EditError::CannotMove)?;
        let last = match node {
            NodeRef::Area(_) => self.framework.areas.len(),
            NodeRef::Indicator(a, _) => self
                .framework
                .areas
                .get(a)
                .map_or(0, |x| x.indicators.len()),
            NodeRef::Point(a, i, _) => self
                .framework
                .areas
                .get(a)
                .and_then(|x| x.indicators.get(i))
                .map_or(0, |x| x.points.len()),
        };
        let k = match to {
            NodeRef::Area(k) | NodeRef::Indicator(_, k) | NodeRef::Point(_, _, k) => k,
        };
        if k >= last {
            return Err(EditError::CannotMove);
        }
        self.move_to(node, to)
    }

    /// Gives an item a new id. A point that had another id in the stored version remembers it in
    /// `previous_ids`, so that answers follow it.
    pub fn set_id(&mut self, node: NodeRef, id: &str) -> Result<(), EditError> {
        if !is_id(id) {
            return Err(EditError::BadId(id.into()));
        }
        if !self.contains(node) {
            return Err(EditError::NoSuchItem);
        }
        let taken = locate(&self.framework, id).is_some_and(|n| n != node);
        if taken {
            return Err(EditError::IdTaken(id.into()));
        }
        let fw = &mut self.framework;
        match node {
            NodeRef::Area(a) => fw.areas[a].id = id.into(),
            NodeRef::Indicator(a, i) => fw.areas[a].indicators[i].id = id.into(),
            NodeRef::Point(a, i, p) => {
                let pt = &mut fw.areas[a].indicators[i].points[p];
                remember(pt, &self.base_ids);
                pt.id = id.into();
            }
        }
        Ok(())
    }

    /// Renumbers the whole tree in document order: areas `{prefix}1…`, indicators `{area}.1…`, points
    /// `{indicator}.1…` (prefix: the letters of the first area's id, or `A`). Points remember the ids they had in
    /// the stored version. Returns every point id that changed, old → new.
    pub fn renumber(&mut self) -> BTreeMap<String, String> {
        let prefix = self
            .framework
            .areas
            .first()
            .map(|a| letters(&a.id).to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "A".into());
        let mut changed = BTreeMap::new();
        for (ai, a) in self.framework.areas.iter_mut().enumerate() {
            a.id = format!("{prefix}{}", ai + 1);
            for (ii, ind) in a.indicators.iter_mut().enumerate() {
                ind.id = format!("{}.{}", a.id, ii + 1);
                for (pi, p) in ind.points.iter_mut().enumerate() {
                    let id = format!("{}.{}", ind.id, pi + 1);
                    if p.id != id {
                        changed.insert(p.id.clone(), id.clone());
                        remember(p, &self.base_ids);
                        p.id = id;
                    }
                }
            }
        }
        changed
    }
}

/// Records a point's stored id before it changes, once.
fn remember(p: &mut Point, base_ids: &BTreeSet<String>) {
    if p.previous_ids.is_empty() && base_ids.contains(&p.id) {
        p.previous_ids.push(p.id.clone());
    }
}

/// Changes a point's kind and keeps it well formed: unit, direction and target only on number points, and a
/// number point starts with the unit `%` and "higher is better".
pub fn set_kind(p: &mut Point, kind: PointKind) {
    p.kind = kind;
    if kind == PointKind::Number {
        if p.unit.trim().is_empty() {
            p.unit = "%".into();
        }
        if p.direction.is_none() {
            p.direction = Some(Direction::Higher);
        }
    } else {
        p.unit.clear();
        p.direction = None;
        p.target = None;
    }
}

/// Where the item with an id is.
pub fn locate(fw: &Framework, id: &str) -> Option<NodeRef> {
    for (ai, a) in fw.areas.iter().enumerate() {
        if a.id == id {
            return Some(NodeRef::Area(ai));
        }
        for (ii, ind) in a.indicators.iter().enumerate() {
            if ind.id == id {
                return Some(NodeRef::Indicator(ai, ii));
            }
            if let Some(pi) = ind.points.iter().position(|p| p.id == id) {
                return Some(NodeRef::Point(ai, ii, pi));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::framework::{Field, ItemPath, Problem};

    fn ids(fw: &Framework) -> Vec<String> {
        fw.points().map(|(_, _, p)| p.id.clone()).collect()
    }

    #[test]
    fn a_blank_framework_asks_for_exactly_what_is_missing() {
        let d = Draft::new(blank(
            "county-1",
            "某县指标",
            "某县教育局",
            "某县细则",
            2026,
        ));
        let problems = d.problems();
        let point = ItemPath::Point {
            area: 0,
            indicator: 0,
            point: 0,
            area_id: "A1".into(),
            indicator_id: "A1.1".into(),
            id: "A1.1.1".into(),
        };
        assert!(problems.contains(&FrameworkError {
            item: point.clone(),
            problem: Problem::Empty(Field::Text)
        }));
        assert!(problems.contains(&FrameworkError {
            item: point.clone(),
            problem: Problem::Empty(Field::Guidance)
        }));
        assert!(problems.iter().any(|e| e.zh()
            == "方面 A1 › 关键指标 A1.1 › 考查要点 A1.1.1：来源未核实时必须在“说明”中写明依据（例如据哪份文件第几条转写）"));
        assert!(problems.iter().any(|e| e.text(Lang::En)
            == "Area A1 › Indicator A1.1 › Point A1.1.1: the guidance must not be empty"));
        assert_eq!(point.node(), Some(NodeRef::Point(0, 0, 0)));
        // Filling in the fields the validator names makes the draft valid.
        let mut d = d;
        d.area_mut(0).unwrap().title = "办学方向".into();
        d.indicator_mut(0, 0).unwrap().title = "党建".into();
        d.area_mut(0).unwrap().source.confirmed = true;
        d.indicator_mut(0, 0).unwrap().source.confirmed = true;
        let p = d.point_mut(0, 0, 0).unwrap();
        p.text = "落实党组织领导的校长负责制".into();
        p.guidance = "查阅会议记录".into();
        p.source.confirmed = true;
        assert_eq!(d.problems(), vec![]);
    }

    #[test]
    fn add_move_delete_and_shift_keep_ids_and_refuse_impossible_moves() {
        let mut d = Draft::new(fixtures::framework());
        assert_eq!(
            ids(&d.framework),
            ["p1", "p2", "p3", "p4", "p5", "p6", "p7"]
        );
        // Move p3 into the second area's indicator, at its end.
        assert_eq!(
            d.move_to(NodeRef::Point(0, 0, 2), NodeRef::Point(1, 0, 2)),
            Ok(NodeRef::Point(1, 0, 2))
        );
        assert_eq!(
            ids(&d.framework),
            ["p1", "p2", "p4", "p5", "p6", "p7", "p3"]
        );
        assert_eq!(
            d.shift(NodeRef::Point(1, 0, 2), true),
            Ok(NodeRef::Point(1, 0, 1))
        );
        assert_eq!(
            ids(&d.framework),
            ["p1", "p2", "p4", "p5", "p6", "p3", "p7"]
        );
        assert_eq!(
            d.shift(NodeRef::Point(0, 0, 0), true),
            Err(EditError::CannotMove)
        );
        assert_eq!(d.shift(NodeRef::Area(1), false), Err(EditError::CannotMove));
        assert_eq!(
            d.move_to(NodeRef::Point(0, 0, 0), NodeRef::Indicator(0, 0)),
            Err(EditError::WrongLevel)
        );
        assert_eq!(
            d.move_to(NodeRef::Point(0, 0, 0), NodeRef::Point(0, 1, 5)),
            Err(EditError::CannotMove)
        );
        // Move the second area first; then the indicator I2 into it.
        assert_eq!(d.shift(NodeRef::Area(1), true), Ok(NodeRef::Area(0)));
        assert_eq!(d.framework.areas[0].id, "A2");
        d.move_to(NodeRef::Indicator(1, 1), NodeRef::Indicator(0, 0))
            .unwrap();
        assert_eq!(d.framework.areas[0].indicators[0].id, "I2");
        // Deleting the last indicator of an area leaves an area the validator names.
        d.delete(NodeRef::Indicator(1, 0)).unwrap();
        let problems = d.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].zh(), "方面 A1：下面还没有条目：框架至少要有一个方面，方面下至少一个关键指标，关键指标下至少一个考查要点");
        assert_eq!(d.delete(NodeRef::Area(5)), Err(EditError::NoSuchItem));
        assert!(validate(&fixtures::framework()).is_empty());
    }

    #[test]
    fn new_items_never_take_ids_of_the_stored_version() {
        let stored = fixtures::framework();
        let mut d = Draft::next_version_of(&stored);
        assert_eq!(d.framework.version, "2");
        // Delete I1's last point and add a new one: it must not become "I1.3" if that existed, nor p3.
        d.delete(NodeRef::Point(0, 0, 2)).unwrap();
        let at = d.add_point(0, 0, 9).unwrap();
        assert_eq!(at, NodeRef::Point(0, 0, 2));
        assert_eq!(d.framework.areas[0].indicators[0].points[2].id, "I1.1");
        assert_eq!(d.add_area(9), NodeRef::Area(2));
        assert_eq!(d.framework.areas[2].id, "A3");
        assert_eq!(d.framework.areas[2].indicators[0].id, "A3.1");
        assert_eq!(d.framework.areas[2].indicators[0].points[0].id, "A3.1.1");
        assert_eq!(
            d.set_id(NodeRef::Area(2), "A1"),
            Err(EditError::IdTaken("A1".into()))
        );
        assert_eq!(
            d.set_id(NodeRef::Area(2), "A 3"),
            Err(EditError::BadId("A 3".into()))
        );
    }

    #[test]
    fn renumbering_remembers_the_stored_ids_once() {
        let stored = fixtures::framework();
        let mut d = Draft::next_version_of(&stored);
        let changed = d.renumber();
        assert_eq!(changed.get("p1").map(String::as_str), Some("A1.1.1"));
        assert_eq!(changed.get("p6").map(String::as_str), Some("A2.1.1"));
        assert_eq!(ids(&d.framework)[..3], ["A1.1.1", "A1.1.2", "A1.1.3"]);
        // Moving and renumbering again keeps the stored id, not the intermediate one.
        d.move_to(NodeRef::Point(0, 0, 0), NodeRef::Point(0, 0, 2))
            .unwrap();
        d.renumber();
        let p1 = d
            .framework
            .points()
            .find(|(_, _, p)| p.text == "要点 p1")
            .unwrap()
            .2;
        assert_eq!(p1.id, "A1.1.3");
        assert_eq!(p1.previous_ids, vec!["p1".to_string()]);
        assert!(d.problems().is_empty());
        // A new draft of a brand-new framework records nothing.
        let mut fresh = Draft::new(stored.clone());
        fresh.renumber();
        assert!(fresh
            .framework
            .points()
            .all(|(_, _, p)| p.previous_ids.is_empty()));
    }

    #[test]
    fn copies_get_their_own_id_and_version_and_name_the_original() {
        let fw = fixtures::framework();
        let copy = copy_as(&fw, "county-2026", "某县高中指标", "某县教育局").unwrap();
        assert_eq!(copy.version, "1");
        assert_eq!(copy.based_on, "test@1");
        assert_eq!(ids(&copy), ids(&fw));
        assert!(validate(&copy).is_empty());
        assert_eq!(
            copy_as(&fw, "test", "x", "y"),
            Err(EditError::IdTaken("test".into()))
        );
        assert_eq!(next_version("2026.9"), "2026.10");
        assert_eq!(next_version("1"), "2");
        assert_eq!(next_version("草稿"), "1");
        let mut d = Draft::new(copy);
        assert!(d.set_version("1", Some("1")).is_err());
        assert!(d.set_version("1.1", Some("1")).is_ok());
    }

    #[test]
    fn sources_citing_the_framework_document_follow_it_and_others_stay() {
        let mut d = Draft::new(blank("c", "某县指标", "某县教育局", "", 2026));
        d.add_point(0, 0, 1).unwrap();
        d.point_mut(0, 0, 1).unwrap().source.doc = "《另一份文件》".into();
        d.set_document("某县细则");
        assert_eq!(d.framework.document, "某县细则");
        assert_eq!(d.framework.areas[0].source.doc, "某县细则");
        assert_eq!(d.point_mut(0, 0, 0).unwrap().source.doc, "某县细则");
        assert_eq!(d.point_mut(0, 0, 1).unwrap().source.doc, "《另一份文件》");
        d.set_document("某县细则（修订）");
        assert_eq!(
            d.framework.areas[0].indicators[0].source.doc,
            "某县细则（修订）"
        );
        assert_eq!(d.point_mut(0, 0, 1).unwrap().source.doc, "《另一份文件》");
    }

    #[test]
    fn changing_the_kind_keeps_the_point_well_formed() {
        let mut p = fixtures::point("x", PointKind::Level);
        set_kind(&mut p, PointKind::Number);
        assert_eq!(
            (p.unit.as_str(), p.direction),
            ("%", Some(Direction::Higher))
        );
        p.target = Some(45.0);
        set_kind(&mut p, PointKind::YesNo);
        assert_eq!((p.unit.as_str(), p.direction, p.target), ("", None, None));
    }
}
