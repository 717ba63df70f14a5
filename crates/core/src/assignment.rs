//! 分工: who answers which part of the framework in a whole-staff self-evaluation.
//!
//! An [`Assignment`] belongs to one evaluation. It has departments (教务处、德育处… any names) and assignees:
//! named people, or "all staff" of a department or of the school. Departments and assignees are given whole
//! areas, key indicators or single points, by id (ids are unique across a framework's tree, so an id alone
//! says what it is). An assignee without items of its own takes its department's; a school-level assignee
//! without items takes the whole framework. A point may go to several assignees.
//!
//! The plan links both ways: [`Assignment::from_plan`] prefills departments and their heads from the
//! 自评方案 (its structured 职责分工 when present, otherwise the posts of its 领导小组), and [`write_duties`]
//! writes the assignment back into the plan, structure and text.

use super::framework::Framework;
use super::i18n::{Lang, Localized};
use super::plan::{Block, Duty, Plan, Section};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A department (部门).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Stable id inside the assignment (`d1`, `d2`, …).
    pub id: String,
    /// Name, e.g. 教务处.
    pub name: String,
    /// 负责人's name, possibly empty.
    #[serde(default)]
    pub lead: String,
    /// Ids of areas, indicators or points the department answers for.
    #[serde(default)]
    pub items: Vec<String>,
}

impl Department {
    /// Whether the department answers every point of this area or indicator because it was given the whole
    /// area or indicator (a point under it cannot then be taken back on its own).
    pub fn covers(&self, area_id: &str, indicator_id: &str) -> bool {
        self.items.iter().any(|x| x == area_id || x == indicator_id)
    }

    /// Gives the department an area, indicator or point (`on`) or takes it back; each item is listed once.
    pub fn set_item(&mut self, item: &str, on: bool) {
        self.items.retain(|x| x != item);
        if on {
            self.items.push(item.to_string());
        }
    }
}

/// Who an assignee is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Who {
    /// A named person.
    Person {
        /// 姓名
        name: String,
        /// 职务 / 角色, e.g. 教务主任 or 语文教师.
        #[serde(default)]
        role: String,
    },
    /// All staff of the assignee's department, or of the school when it has no department.
    Staff {
        /// How many are expected to answer, when known.
        #[serde(default)]
        expected: Option<u32>,
        /// An anonymous survey: answers carry no names, anywhere.
        #[serde(default)]
        anonymous: bool,
    },
}

/// One assignee: a person or a group of staff, and what they are given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignee {
    /// Stable id inside the assignment (`a1`, `a2`, …), never reused: answer files refer to it.
    pub id: String,
    /// The department's id, or `None` for the school level.
    #[serde(default)]
    pub department: Option<String>,
    /// Who.
    pub who: Who,
    /// Ids of areas, indicators or points; `None` takes the department's (or, at school level, the whole
    /// framework).
    #[serde(default)]
    pub items: Option<Vec<String>>,
}

impl Assignee {
    /// Whether this is an anonymous survey.
    pub fn is_anonymous(&self) -> bool {
        matches!(
            self.who,
            Who::Staff {
                anonymous: true,
                ..
            }
        )
    }
}

/// The 分工 of one evaluation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Departments, in the order the principal lists them.
    #[serde(default)]
    pub departments: Vec<Department>,
    /// Assignees, in the order the principal lists them.
    #[serde(default)]
    pub assignees: Vec<Assignee>,
    /// 截止日期 for the answers.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// Instructions for the teachers, shown in teacher mode.
    #[serde(default)]
    pub message: String,
    /// The last number used in an id, so that ids are never reused after a removal.
    #[serde(default)]
    pub seq: u32,
}

/// Which assignees were given each point, and which points nobody was given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    /// Point id → assignee ids, for points given to someone.
    pub by_point: BTreeMap<String, Vec<String>>,
    /// Points given to nobody, in framework order.
    pub unassigned: Vec<String>,
}

/// How many people a department (or the school level) is expected to hear from.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    /// The department's id, or `None` for the school level.
    pub department: Option<String>,
    /// The department's name, or 全校 for the school level.
    pub name: String,
    /// Named people.
    pub people: usize,
    /// Expected answers from "all staff" assignees; `None` when one of them has no expected count.
    pub staff: Option<u32>,
    /// Whether there is an "all staff" assignee at all.
    pub has_staff: bool,
}

impl Expected {
    /// Everyone expected, when known.
    pub fn total(&self) -> Option<usize> {
        Some(self.people + self.staff? as usize)
    }
}

/// A problem of an assignment that the principal should fix before issuing packages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssignmentProblem {
    /// A department without a name (its position, from 1).
    DepartmentWithoutName(usize),
    /// Two departments of the same name.
    DuplicateDepartment(String),
    /// An assignee in a department that does not exist (the assignee's description).
    UnknownDepartment(String),
    /// A named person without a name, in a department (or 全校).
    PersonWithoutName(String),
    /// The same person twice in one department: (department, name).
    DuplicatePerson(String, String),
    /// An item id that is not in the framework: (whose, id).
    UnknownItem(String, String),
    /// An assignee who was given no point.
    NothingAssigned(String),
    /// Two entries with the same id.
    DuplicateId(String),
}

impl Localized for AssignmentProblem {
    fn text(&self, lang: Lang) -> String {
        use AssignmentProblem::*;
        match (self, lang) {
            (DepartmentWithoutName(i), Lang::Zh) => format!("第 {i} 个部门没有名称，请填写部门名称。"),
            (DepartmentWithoutName(i), Lang::En) => format!("Department {i} has no name; please name it."),
            (DuplicateDepartment(n), Lang::Zh) => {
                format!("部门“{n}”出现了两次，请合并或改名。")
            }
            (DuplicateDepartment(n), Lang::En) => {
                format!("The department “{n}” appears twice; merge or rename one.")
            }
            (UnknownDepartment(w), Lang::Zh) => {
                format!("{w}所在的部门已被删除，请重新选择部门。")
            }
            (UnknownDepartment(w), Lang::En) => {
                format!("The department of {w} was removed; choose a department again.")
            }
            (PersonWithoutName(d), Lang::Zh) => format!("{d}有一位填报人没有填写姓名。"),
            (PersonWithoutName(d), Lang::En) => format!("A person in {d} has no name."),
            (DuplicatePerson(d, n), Lang::Zh) => {
                format!("{d}中“{n}”出现了两次；同名的两位老师请在姓名后注明区别，例如“{n}（语文）”。")
            }
            (DuplicatePerson(d, n), Lang::En) => format!(
                "“{n}” appears twice in {d}; if these are two people, add something to tell them apart."
            ),
            (UnknownItem(w, id), Lang::Zh) => format!(
                "分给{w}的“{id}”不在本次自评的评价框架中（框架可能已更新），请重新选择。"
            ),
            (UnknownItem(w, id), Lang::En) => format!(
                "“{id}”, given to {w}, is not in this evaluation's framework (it may have changed)."
            ),
            (NothingAssigned(w), Lang::Zh) => {
                format!("{w}还没有分到任何考查要点，请选择方面、关键指标或考查要点。")
            }
            (NothingAssigned(w), Lang::En) => {
                format!("{w} has not been given any point yet; choose areas, indicators or points.")
            }
            (DuplicateId(id), Lang::Zh) => format!("分工数据中编号“{id}”重复，数据不一致。"),
            (DuplicateId(id), Lang::En) => format!("The id “{id}” appears twice in the assignment."),
        }
    }
}

/// Every point id under the given area, indicator or point ids, in a set; unknown ids add nothing.
pub fn expand(fw: &Framework, items: &[String]) -> BTreeSet<String> {
    let wanted: BTreeSet<&str> = items.iter().map(String::as_str).collect();
    let mut out = BTreeSet::new();
    for a in &fw.areas {
        let all_a = wanted.contains(a.id.as_str());
        for i in &a.indicators {
            let all_i = all_a || wanted.contains(i.id.as_str());
            for p in &i.points {
                if all_i || wanted.contains(p.id.as_str()) {
                    out.insert(p.id.clone());
                }
            }
        }
    }
    out
}

/// Whether an id names an area, indicator or point of the framework.
fn known_item(fw: &Framework, id: &str) -> bool {
    fw.areas.iter().any(|a| {
        a.id == id
            || a.indicators
                .iter()
                .any(|i| i.id == id || i.points.iter().any(|p| p.id == id))
    })
}

/// Point ids of a set in framework order.
fn in_order(fw: &Framework, set: &BTreeSet<String>) -> Vec<String> {
    fw.points()
        .map(|(_, _, p)| &p.id)
        .filter(|id| set.contains(*id))
        .cloned()
        .collect()
}

impl Assignment {
    fn next_id(&mut self, prefix: char) -> String {
        self.seq += 1;
        format!("{prefix}{}", self.seq)
    }

    /// Adds a department and returns its id.
    pub fn add_department(&mut self, name: &str) -> String {
        let id = self.next_id('d');
        self.departments.push(Department {
            id: id.clone(),
            name: name.trim().to_string(),
            lead: String::new(),
            items: Vec::new(),
        });
        id
    }

    fn add(&mut self, department: Option<&str>, who: Who) -> String {
        let id = self.next_id('a');
        self.assignees.push(Assignee {
            id: id.clone(),
            department: department.map(str::to_string),
            who,
            items: None,
        });
        id
    }

    /// Adds a named person (in a department, or at school level with `None`) and returns the assignee id.
    pub fn add_person(&mut self, department: Option<&str>, name: &str, role: &str) -> String {
        self.add(
            department,
            Who::Person {
                name: name.trim().to_string(),
                role: role.trim().to_string(),
            },
        )
    }

    /// Adds "all staff" of a department (or of the school with `None`) and returns the assignee id.
    pub fn add_staff(
        &mut self,
        department: Option<&str>,
        expected: Option<u32>,
        anonymous: bool,
    ) -> String {
        self.add(
            department,
            Who::Staff {
                expected,
                anonymous,
            },
        )
    }

    /// Removes a department and its assignees; false when there is no such department.
    pub fn remove_department(&mut self, id: &str) -> bool {
        let before = self.departments.len();
        self.departments.retain(|d| d.id != id);
        self.assignees
            .retain(|a| a.department.as_deref() != Some(id));
        self.departments.len() != before
    }

    /// Removes an assignee; false when there is none with this id.
    pub fn remove_assignee(&mut self, id: &str) -> bool {
        let before = self.assignees.len();
        self.assignees.retain(|a| a.id != id);
        self.assignees.len() != before
    }

    /// A department by id.
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    /// A department by id, mutably.
    pub fn department_mut(&mut self, id: &str) -> Option<&mut Department> {
        self.departments.iter_mut().find(|d| d.id == id)
    }

    /// An assignee by id.
    pub fn assignee(&self, id: &str) -> Option<&Assignee> {
        self.assignees.iter().find(|a| a.id == id)
    }

    /// An assignee by id, mutably.
    pub fn assignee_mut(&mut self, id: &str) -> Option<&mut Assignee> {
        self.assignees.iter_mut().find(|a| a.id == id)
    }

    /// The name of an assignee's department, or 全校 at school level.
    pub fn department_name(&self, a: &Assignee) -> String {
        match &a.department {
            Some(d) => self
                .department(d)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            None => "全校".into(),
        }
    }

    /// An assignee in words, e.g. 教务处 李华 or 德育处全体教职工 (Chinese: the language of the files).
    pub fn describe(&self, a: &Assignee) -> String {
        let dept = self.department_name(a);
        match &a.who {
            Who::Person { name, .. } if !dept.is_empty() && a.department.is_some() => {
                format!("{dept} {name}")
            }
            Who::Person { name, .. } => name.clone(),
            Who::Staff { anonymous, .. } => format!(
                "{dept}全体教职工{}",
                if *anonymous { "（匿名）" } else { "" }
            ),
        }
    }

    /// The items an assignee answers, after inheriting; `None` means the whole framework.
    fn items_of<'a>(&'a self, a: &'a Assignee) -> Option<&'a [String]> {
        match (&a.items, &a.department) {
            (Some(items), _) => Some(items),
            (None, Some(d)) => Some(self.department(d).map(|d| &d.items[..]).unwrap_or(&[])),
            (None, None) => None,
        }
    }

    /// The points an assignee answers, in framework order.
    pub fn points_of(&self, fw: &Framework, assignee_id: &str) -> Vec<String> {
        let Some(a) = self.assignee(assignee_id) else {
            return Vec::new();
        };
        match self.items_of(a) {
            Some(items) => in_order(fw, &expand(fw, items)),
            None => fw.points().map(|(_, _, p)| p.id.clone()).collect(),
        }
    }

    /// Whether an assignee was given points of its own (rather than following its department's items, or at
    /// school level the whole framework).
    pub fn has_own_points(&self, assignee_id: &str) -> bool {
        self.assignee(assignee_id)
            .is_some_and(|a| a.items.is_some())
    }

    /// Gives a single point to an assignee (`on`) or takes it away, leaving every other assignee as it was:
    /// a point may go to several people. An assignee that followed its department's items (or the whole
    /// framework) gets what it had as points of its own first, so that taking one point away keeps the rest.
    /// False when there is no such assignee or point, or nothing changes.
    pub fn set_point(
        &mut self,
        fw: &Framework,
        assignee_id: &str,
        point_id: &str,
        on: bool,
    ) -> bool {
        if fw.point(point_id).is_none() {
            return false;
        }
        let mut points = self.points_of(fw, assignee_id);
        let Some(a) = self.assignee_mut(assignee_id) else {
            return false;
        };
        let had = points.iter().any(|p| p == point_id);
        if had == on {
            return false;
        }
        if on {
            points.push(point_id.to_string());
        } else {
            points.retain(|p| p != point_id);
        }
        let set: BTreeSet<String> = points.into_iter().collect();
        a.items = Some(in_order(fw, &set));
        true
    }

    /// Takes every point away from an assignee, so that the principal can tick the few it should answer (until
    /// then the assignment has a problem: [`AssignmentProblem::NothingAssigned`]); false when there is no such
    /// assignee or it has no point already.
    pub fn clear_points(&mut self, assignee_id: &str) -> bool {
        match self.assignee_mut(assignee_id) {
            Some(a) if a.items.as_ref().is_none_or(|i| !i.is_empty()) => {
                a.items = Some(Vec::new());
                true
            }
            _ => false,
        }
    }

    /// Makes an assignee follow its department's items again (at school level: the whole framework); false
    /// when there is no such assignee or it already does.
    pub fn follow_department(&mut self, assignee_id: &str) -> bool {
        match self.assignee_mut(assignee_id) {
            Some(a) if a.items.is_some() => {
                a.items = None;
                true
            }
            _ => false,
        }
    }

    /// The points a department answers for: its own items and everything its assignees were given.
    pub fn department_points(&self, fw: &Framework, department_id: &str) -> Vec<String> {
        let mut set = self
            .department(department_id)
            .map(|d| expand(fw, &d.items))
            .unwrap_or_default();
        for a in self
            .assignees
            .iter()
            .filter(|a| a.department.as_deref() == Some(department_id))
        {
            set.extend(self.points_of(fw, &a.id));
        }
        in_order(fw, &set)
    }

    /// Which assignees answer each point, and the points nobody answers.
    pub fn coverage(&self, fw: &Framework) -> Coverage {
        let mut by_point: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for a in &self.assignees {
            for p in self.points_of(fw, &a.id) {
                by_point.entry(p).or_default().push(a.id.clone());
            }
        }
        let unassigned = fw
            .points()
            .map(|(_, _, p)| &p.id)
            .filter(|id| !by_point.contains_key(*id))
            .cloned()
            .collect();
        Coverage {
            by_point,
            unassigned,
        }
    }

    /// Everything the principal should fix before issuing packages; empty when the assignment is sound.
    pub fn problems(&self, fw: &Framework) -> Vec<AssignmentProblem> {
        use AssignmentProblem::*;
        let mut out = Vec::new();
        let mut ids = BTreeSet::new();
        for id in self
            .departments
            .iter()
            .map(|d| &d.id)
            .chain(self.assignees.iter().map(|a| &a.id))
        {
            if !ids.insert(id.as_str()) {
                out.push(DuplicateId(id.clone()));
            }
        }
        let mut names = BTreeSet::new();
        for (i, d) in self.departments.iter().enumerate() {
            if d.name.trim().is_empty() {
                out.push(DepartmentWithoutName(i + 1));
            } else if !names.insert(normalise(&d.name)) {
                out.push(DuplicateDepartment(d.name.trim().to_string()));
            }
            for item in &d.items {
                if !known_item(fw, item) {
                    out.push(UnknownItem(d.name.clone(), item.clone()));
                }
            }
        }
        let mut people = BTreeSet::new();
        for a in &self.assignees {
            let who = self.describe(a);
            if let Some(d) = &a.department {
                if self.department(d).is_none() {
                    out.push(UnknownDepartment(who.clone()));
                    continue;
                }
            }
            if let Who::Person { name, .. } = &a.who {
                let dept = self.department_name(a);
                if name.trim().is_empty() {
                    out.push(PersonWithoutName(dept));
                    continue;
                }
                if !people.insert((a.department.clone(), normalise(name))) {
                    out.push(DuplicatePerson(dept, name.trim().to_string()));
                }
            }
            for item in a.items.iter().flatten() {
                if !known_item(fw, item) {
                    out.push(UnknownItem(who.clone(), item.clone()));
                }
            }
            if self.points_of(fw, &a.id).is_empty() {
                out.push(NothingAssigned(who));
            }
        }
        out
    }

    /// How many people each department, then the school level, is expected to hear from. Departments
    /// without assignees are listed too (with nobody expected), so that the principal sees them.
    pub fn expected(&self) -> Vec<Expected> {
        let mut rows: Vec<Expected> = self
            .departments
            .iter()
            .map(|d| Expected {
                department: Some(d.id.clone()),
                name: d.name.clone(),
                people: 0,
                staff: Some(0),
                has_staff: false,
            })
            .collect();
        let mut school = Expected {
            department: None,
            name: "全校".into(),
            people: 0,
            staff: Some(0),
            has_staff: false,
        };
        for a in &self.assignees {
            let row = match &a.department {
                Some(d) => match rows.iter_mut().find(|r| r.department.as_deref() == Some(d)) {
                    Some(r) => r,
                    None => continue,
                },
                None => &mut school,
            };
            match &a.who {
                Who::Person { .. } => row.people += 1,
                Who::Staff { expected, .. } => {
                    row.has_staff = true;
                    row.staff = row.staff.zip(*expected).map(|(a, b)| a + b);
                }
            }
        }
        if school.people > 0 || school.has_staff {
            rows.push(school);
        }
        rows
    }

    /// An assignment prefilled from a plan: departments, their heads and items from the plan's structured
    /// 职责分工 when it has one, then departments named by the posts of its 领导小组 (教务主任 → 教务处) for
    /// those not yet listed. A head with a name becomes a named assignee of the department. Items not in the
    /// framework are left out. Nothing is guessed about which indicators a department covers.
    pub fn from_plan(plan: &Plan, fw: &Framework) -> Assignment {
        let mut a = Assignment::default();
        let add = |a: &mut Assignment, dept: &str, lead: &str, role: &str, items: &[String]| {
            let dept = dept.trim();
            if dept.is_empty() {
                return;
            }
            let existing = a
                .departments
                .iter()
                .find(|d| normalise(&d.name) == normalise(dept))
                .map(|d| d.id.clone());
            let id = existing.unwrap_or_else(|| a.add_department(dept));
            let d = a.department_mut(&id).expect("just found or added");
            if d.lead.is_empty() {
                d.lead = lead.trim().to_string();
            }
            for item in items {
                if known_item(fw, item) && !d.items.contains(item) {
                    d.items.push(item.clone());
                }
            }
            let lead = lead.trim();
            let known = a.assignees.iter().any(|x| {
                x.department.as_deref() == Some(id.as_str())
                    && matches!(&x.who, Who::Person { name, .. } if normalise(name) == normalise(lead))
            });
            if !lead.is_empty() && !known {
                a.add_person(Some(&id), lead, role);
            }
        };
        for duty in &plan.duties {
            add(&mut a, &duty.department, &duty.lead, "负责人", &duty.items);
        }
        for block in plan.sections.iter().flat_map(|s| &s.blocks) {
            if let Block::People { people } = block {
                for p in people {
                    if let Some(dept) = department_of_post(&p.post) {
                        add(&mut a, &dept, &p.name, p.post.trim(), &[]);
                    }
                }
            }
        }
        a
    }
}

/// Names compared the way people mean them: no spaces of any width, full-width letters and digits as
/// half-width, Latin letters in either case (ASCII only: full Unicode case tables would cost 4 KB of
/// WebAssembly for names that are Chinese).
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The department a post of the 领导小组 heads, e.g. 教务主任 → 教务处, 办公室主任 → 办公室; `None` for posts
/// that do not name one (校长, 年级组长, 分管教学副校长).
pub fn department_of_post(post: &str) -> Option<String> {
    let p = post.trim();
    let stem = ["副主任", "主任", "负责人", "处长"]
        .iter()
        .find_map(|s| p.strip_suffix(s))?
        .trim();
    if stem.is_empty() || stem.contains(['、', '，', ',', '（', '(', '或']) {
        return None;
    }
    if ["处", "室", "办", "中心", "部", "科"]
        .iter()
        .any(|s| stem.ends_with(s))
    {
        return Some(stem.to_string());
    }
    let dept = match stem {
        "教务" | "教学" => "教务处",
        "德育" => "德育处",
        "政教" => "政教处",
        "总务" => "总务处",
        "后勤" => "后勤处",
        "保教" => "保教处",
        "办公" => "办公室",
        "教科" => "教科室",
        "教研" => "教研室",
        "安全" => "安全办",
        _ => return None,
    };
    Some(dept.to_string())
}

/// The items of a scope in words, e.g. “教育教学”方面，“课程实施”关键指标，考查要点 A3.1.2、A3.1.3（共 12 个考查要点）.
pub fn scope_text(fw: &Framework, items: &[String]) -> String {
    let wanted: BTreeSet<&str> = items.iter().map(String::as_str).collect();
    let (mut areas, mut inds, mut points) = (vec![], vec![], vec![]);
    for a in &fw.areas {
        if wanted.contains(a.id.as_str()) {
            areas.push(format!("“{}”", a.title));
            continue;
        }
        for i in &a.indicators {
            if wanted.contains(i.id.as_str()) {
                inds.push(format!("“{}”", i.title));
                continue;
            }
            for p in &i.points {
                if wanted.contains(p.id.as_str()) {
                    points.push(p.id.clone());
                }
            }
        }
    }
    let mut parts = Vec::new();
    if !areas.is_empty() {
        parts.push(format!("{}方面", areas.join("")));
    }
    if !inds.is_empty() {
        parts.push(format!("{}关键指标", inds.join("")));
    }
    if !points.is_empty() {
        parts.push(format!("考查要点 {}", points.join("、")));
    }
    let n = expand(fw, items).len();
    if n == 0 {
        return "分工待定".into();
    }
    format!("{}（共 {n} 个考查要点）", parts.join("，"))
}

/// Id of the plan section that [`write_duties`] writes.
pub const DUTIES_SECTION: &str = "duties";

/// Makes the plan follow the assignment: its structured 职责分工 and the text of its 职责分工 section (id
/// [`DUTIES_SECTION`]; added after the 组织机构 section, or at the end, when the plan has none). The section's
/// text is generated: edits to it are replaced the next time the assignment is written. An empty assignment
/// removes both.
pub fn write_duties(plan: &mut Plan, a: &Assignment, fw: &Framework) {
    if a.departments.is_empty() && a.assignees.is_empty() {
        // Nothing assigned (any more): the plan says nothing about it rather than an empty list.
        plan.duties.clear();
        plan.sections.retain(|s| s.id != DUTIES_SECTION);
        return;
    }
    plan.duties = a
        .departments
        .iter()
        .map(|d| {
            let mut items = d.items.clone();
            for x in a
                .assignees
                .iter()
                .filter(|x| x.department.as_deref() == Some(d.id.as_str()))
            {
                for item in x.items.iter().flatten() {
                    if !items.contains(item) {
                        items.push(item.clone());
                    }
                }
            }
            Duty {
                department: d.name.clone(),
                lead: d.lead.clone(),
                items,
            }
        })
        .collect();

    let mut rows = Vec::new();
    for (d, duty) in a.departments.iter().zip(&plan.duties) {
        let mut line = d.name.trim().to_string();
        if !d.lead.trim().is_empty() {
            line.push_str(&format!("（负责人：{}）", d.lead.trim()));
        }
        line.push_str(&format!("：负责{}。", scope_text(fw, &duty.items)));
        let members = members_text(a, fw, Some(&d.id));
        if !members.is_empty() {
            line.push_str(&format!("填报人员：{members}。"));
        }
        rows.push(line);
    }
    let school_level = members_text(a, fw, None);
    if !school_level.is_empty() {
        let items: Vec<String> = a
            .assignees
            .iter()
            .filter(|x| x.department.is_none())
            .flat_map(|x| x.items.clone().unwrap_or_default())
            .collect();
        let scope = if a
            .assignees
            .iter()
            .any(|x| x.department.is_none() && x.items.is_none())
        {
            format!("全部考查要点（共 {} 个）", fw.point_count())
        } else {
            scope_text(fw, &items)
        };
        rows.push(format!("全校层面：{school_level}对照{scope}进行自评。"));
    }
    let blocks = vec![
        Block::Paragraph {
            text: "按照评价内容和各部门职责，自评工作分工如下：".into(),
        },
        Block::List {
            ordered: true,
            items: rows,
        },
    ];
    match plan.sections.iter_mut().find(|s| s.id == DUTIES_SECTION) {
        Some(s) => s.blocks = blocks,
        None => {
            let at = plan
                .sections
                .iter()
                .position(|s| s.id == "organisation")
                .map_or(plan.sections.len(), |i| i + 1);
            plan.sections.insert(
                at,
                Section {
                    id: DUTIES_SECTION.into(),
                    title: "职责分工".into(),
                    blocks,
                },
            );
        }
    }
}

/// Points in words for a person's own points: 考查要点 A1.1.1、A1.1.2, or the first five and 等12个考查要点.
fn points_brief(fw: &Framework, items: &[String]) -> String {
    let points = in_order(fw, &expand(fw, items));
    if points.len() <= 5 {
        format!("考查要点 {}", points.join("、"))
    } else {
        format!("考查要点 {}等{}个", points[..5].join("、"), points.len())
    }
}

/// The assignees of a department (or of the school level) in words: 李华（教务主任）、王芳（语文教师，考查要点
/// p1、p4），本部门全体教职工. People given points of their own are listed with them.
fn members_text(a: &Assignment, fw: &Framework, department: Option<&String>) -> String {
    let mut names = Vec::new();
    let mut staff = None;
    for x in a
        .assignees
        .iter()
        .filter(|x| x.department.as_ref() == department)
    {
        match &x.who {
            Who::Person { name, role } if !name.trim().is_empty() => {
                let mut about: Vec<String> = Vec::new();
                if !role.trim().is_empty() {
                    about.push(role.trim().to_string());
                }
                if let Some(items) = &x.items {
                    about.push(points_brief(fw, items));
                }
                if about.is_empty() {
                    names.push(name.trim().to_string());
                } else {
                    names.push(format!("{}（{}）", name.trim(), about.join("，")));
                }
            }
            Who::Person { .. } => {}
            Who::Staff { anonymous, .. } => {
                let whose = if department.is_some() {
                    "本部门全体教职工"
                } else {
                    "全体教职工"
                };
                staff = Some(if *anonymous {
                    format!("{whose}（匿名问卷）")
                } else {
                    whose.to_string()
                });
            }
        }
    }
    let mut out = names.join("、");
    if let Some(s) = staff {
        if !out.is_empty() {
            out.push('，');
        }
        out.push_str(&s);
    }
    out
}

// ---- carrying the 分工 to a newer framework version ---------------------------------------------------------

/// Why an item of the 分工 did not carry over as it was to a newer framework version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCarriedReason {
    /// Nothing in the new version continues it.
    Gone,
    /// The same id names something else in the new version (its title there).
    Changed(String),
}

/// An item of the 分工 that could not be carried as it was: the principal is told, never left to find out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCarried {
    /// Whose item it was: a department's name or an assignee in words ([`Assignment::describe`]).
    pub whose: String,
    /// Its id in the old version.
    pub id: String,
    /// Its title (area, indicator) or text (point) in the old version; empty for an id the old version lacked.
    pub title: String,
    /// Why.
    pub reason: NotCarriedReason,
    /// For an area or indicator whose meaning changed: its old points that were given instead, under their ids
    /// in the new version (so the same work stays with the same people).
    pub given_as: Vec<String>,
}

impl Localized for NotCarried {
    fn text(&self, lang: Lang) -> String {
        let item = if self.title.is_empty() {
            format!("“{}”", self.id)
        } else {
            format!("{} {}", self.id, self.title)
        };
        let given = self.given_as.join(lang.pick("、", ", "));
        match (&self.reason, self.given_as.is_empty(), lang) {
            (NotCarriedReason::Gone, true, Lang::Zh) => {
                format!("{}：{item}——新版本中没有对应内容，未转入，请重新分工。", self.whose)
            }
            (NotCarriedReason::Gone, true, Lang::En) => format!(
                "{}: {item} — nothing in the new version continues it; not carried, please assign again.",
                self.whose
            ),
            (NotCarriedReason::Gone, false, Lang::Zh) => format!(
                "{}：{item}——新版本中已没有这一项，已改为分给其原有考查要点 {given}。",
                self.whose
            ),
            (NotCarriedReason::Gone, false, Lang::En) => format!(
                "{}: {item} — no longer in the new version; its former points {given} were given instead.",
                self.whose
            ),
            (NotCarriedReason::Changed(now), true, Lang::Zh) => format!(
                "{}：{item}——新版本中这一编号已改指“{now}”，未转入，请重新分工。",
                self.whose
            ),
            (NotCarriedReason::Changed(now), true, Lang::En) => format!(
                "{}: {item} — this id now means “{now}” in the new version; not carried, please assign again.",
                self.whose
            ),
            (NotCarriedReason::Changed(now), false, Lang::Zh) => format!(
                "{}：{item}——新版本中这一编号已改指“{now}”，没有转给新内容，已改为分给其原有考查要点 {given}。",
                self.whose
            ),
            (NotCarriedReason::Changed(now), false, Lang::En) => format!(
                "{}: {item} — this id now means “{now}”; it was not given the new item, but its former points {given}.",
                self.whose
            ),
        }
    }
}

/// A 分工 moved to a newer framework version, and what of it could not be carried as it was.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Carried {
    /// The 分工 for the new version.
    pub assignment: Assignment,
    /// Items not carried as they were, in the order of departments, then assignees.
    pub not_carried: Vec<NotCarried>,
}

/// The title of an area or indicator of the framework, if the id names one.
fn group_title<'a>(fw: &'a Framework, id: &str) -> Option<&'a str> {
    fw.areas.iter().find_map(|a| {
        if a.id == id {
            return Some(a.title.as_str());
        }
        a.indicators
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.title.as_str())
    })
}

/// What an id means in a framework, in words (area or indicator title, point text), if anything.
fn item_title<'a>(fw: &'a Framework, id: &str) -> Option<&'a str> {
    group_title(fw, id).or_else(|| fw.point(id).map(|p| p.text.as_str()))
}

/// Maps one list of items to the new version: points by the same rule as answers
/// ([`crate::framework_versions::migrate`]: `previous_ids`, or the same id not renumbered from another); an area or
/// indicator stays when the new version has one of the same id and title, otherwise it is replaced by its old
/// points mapped one by one, and reported.
fn carry_items(
    old: &Framework,
    new: &Framework,
    whose: &str,
    items: &[String],
    lost: &mut Vec<NotCarried>,
) -> Vec<String> {
    use crate::framework_versions::successor;
    let mut out: Vec<String> = Vec::new();
    let push = |out: &mut Vec<String>, id: String| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    for id in items {
        let reason = |fallback: NotCarriedReason| match item_title(new, id) {
            Some(now) => NotCarriedReason::Changed(now.to_string()),
            None => fallback,
        };
        if let Some(title) = group_title(old, id) {
            if group_title(new, id) == Some(title) {
                push(&mut out, id.clone());
                continue;
            }
            let given: Vec<String> = in_order(old, &expand(old, std::slice::from_ref(id)))
                .iter()
                .filter_map(|p| successor(new, p).map(|n| n.id.clone()))
                .collect();
            for g in &given {
                push(&mut out, g.clone());
            }
            lost.push(NotCarried {
                whose: whose.to_string(),
                id: id.clone(),
                title: title.to_string(),
                reason: reason(NotCarriedReason::Gone),
                given_as: given,
            });
        } else if let Some(p) = old.point(id) {
            match successor(new, id) {
                Some(n) => push(&mut out, n.id.clone()),
                None => lost.push(NotCarried {
                    whose: whose.to_string(),
                    id: id.clone(),
                    title: p.text.clone(),
                    reason: reason(NotCarriedReason::Gone),
                    given_as: vec![],
                }),
            }
        } else {
            // Not an item of the old version (the 分工 was already out of step): never let it name whatever the
            // id means now.
            lost.push(NotCarried {
                whose: whose.to_string(),
                id: id.clone(),
                title: String::new(),
                reason: reason(NotCarriedReason::Gone),
                given_as: vec![],
            });
        }
    }
    out
}

/// The 分工 of an evaluation moved from framework version `old` to `new`, with what could not be carried as it
/// was. Pure. Departments, people, ids, due date and message stay; only the items change. An assignee whose own
/// items are all gone keeps an empty list (it is then reported by [`Assignment::problems`] as having nothing)
/// rather than silently taking its department's. Packages already issued are not touched: they carry their points.
pub fn carry(old: &Framework, new: &Framework, a: &Assignment) -> Carried {
    let mut out = a.clone();
    let mut lost = Vec::new();
    for d in &mut out.departments {
        d.items = carry_items(old, new, &d.name, &d.items, &mut lost);
    }
    for i in 0..out.assignees.len() {
        let whose = a.describe(&a.assignees[i]);
        if let Some(items) = &a.assignees[i].items {
            out.assignees[i].items = Some(carry_items(old, new, &whose, items, &mut lost));
        }
    }
    Carried {
        assignment: out,
        not_carried: lost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::plan::Person;

    fn sample() -> Assignment {
        fixtures::assignment()
    }

    /// Version 2 of the test framework: p1 renumbered q1 (same place), p5 removed, indicator I2 now titled
    /// otherwise (same id, new meaning), area A2 unchanged.
    fn changed_version() -> Framework {
        let mut fw = fixtures::framework();
        fw.version = "2".into();
        let i1 = &mut fw.areas[0].indicators[0];
        i1.points[0].id = "q1".into();
        i1.points[0].previous_ids = vec!["p1".into()];
        let i2 = &mut fw.areas[0].indicators[1];
        i2.title = "另一项指标".into();
        i2.points.retain(|p| p.id != "p5");
        fw
    }

    #[test]
    fn a_department_is_given_an_item_once_and_can_give_it_back() {
        let mut d = Department {
            id: "d1".into(),
            name: "教务处".into(),
            lead: String::new(),
            items: vec!["A1".into()],
        };
        d.set_item("A2.1.1", true);
        d.set_item("A2.1.1", true);
        assert_eq!(d.items, ["A1", "A2.1.1"]);
        assert!(d.covers("A1", "A1.2") && !d.covers("A2", "A2.1"));
        d.set_item("A1", false);
        assert_eq!(d.items, ["A2.1.1"]);
    }

    #[test]
    fn an_unchanged_framework_carries_the_assignment_unchanged() {
        let old = fixtures::framework();
        let mut new = old.clone();
        new.version = "2".into();
        let a = sample();
        let c = carry(&old, &new, &a);
        assert_eq!(c.assignment, a);
        assert!(c.not_carried.is_empty(), "{:?}", c.not_carried);
    }

    #[test]
    fn carrying_maps_points_keeps_same_items_and_reports_what_changed_or_went() {
        let old = fixtures::framework();
        let new = changed_version();
        let mut a = sample();
        // 总务处 had I2 (its meaning changes); 王芳 had p1 and p4 (p1 renumbered), and now p5 too (removed).
        a.departments[2].items = vec!["I2".into()];
        let wang = a.assignees.iter().position(|x| x.items.is_some()).unwrap();
        a.assignees[wang].items = Some(vec!["p1".into(), "p4".into(), "p5".into()]);
        let c = carry(&old, &new, &a);
        // Kept: 教务处's I1 and p7, 德育处's A2 (same ids, same titles).
        assert_eq!(c.assignment.departments[0].items, ["I1", "p7"]);
        assert_eq!(c.assignment.departments[1].items, ["A2"]);
        // I2 is not silently given its new meaning: its old points that still exist are given instead.
        assert_eq!(c.assignment.departments[2].items, ["p4"]);
        assert_eq!(
            c.assignment.assignees[wang].items.as_deref().unwrap(),
            ["q1", "p4"]
        );
        // Everything else is as it was.
        assert_eq!(c.assignment.assignees.len(), a.assignees.len());
        assert_eq!(c.assignment.seq, a.seq);
        let lost: Vec<(&str, &str, &NotCarriedReason, &[String])> = c
            .not_carried
            .iter()
            .map(|n| (n.whose.as_str(), n.id.as_str(), &n.reason, &n.given_as[..]))
            .collect();
        assert_eq!(
            lost,
            [
                (
                    "总务处",
                    "I2",
                    &NotCarriedReason::Changed("另一项指标".into()),
                    &["p4".to_string()][..]
                ),
                ("教务处 王芳", "p5", &NotCarriedReason::Gone, &[][..]),
            ]
        );
        let zh = c.not_carried[0].text(Lang::Zh);
        assert!(zh.contains("另一项指标") && zh.contains("p4"), "{zh}");
        assert!(c.not_carried[1].text(Lang::En).contains("not carried"));
        // The carried 分工 fits the new version.
        assert!(c
            .assignment
            .problems(&new)
            .iter()
            .all(|p| !matches!(p, AssignmentProblem::UnknownItem(..))));
    }

    #[test]
    fn a_person_whose_points_are_all_gone_does_not_fall_back_to_the_department() {
        let old = fixtures::framework();
        let new = changed_version();
        let mut a = sample();
        let wang = a.assignees.iter().position(|x| x.items.is_some()).unwrap();
        a.assignees[wang].items = Some(vec!["p5".into()]);
        let c = carry(&old, &new, &a);
        assert_eq!(c.assignment.assignees[wang].items, Some(vec![]));
        let id = c.assignment.assignees[wang].id.clone();
        assert!(c.assignment.points_of(&new, &id).is_empty());
    }

    #[test]
    fn items_resolve_to_points_in_framework_order() {
        let fw = fixtures::framework();
        let a = sample();
        // 李华 inherits 教务处: I1 = p1 p2 p3, and p7.
        assert_eq!(a.points_of(&fw, "a4"), vec!["p1", "p2", "p3", "p7"]);
        // 王芳 has her own items: p1 and p4 (p4 is outside the department's items, which is allowed).
        assert_eq!(a.points_of(&fw, "a5"), vec!["p1", "p4"]);
        // 赵强 inherits 德育处: A2 = p6 p7.
        assert_eq!(a.points_of(&fw, "a7"), vec!["p6", "p7"]);
        // The school-level survey without items: the whole framework.
        assert_eq!(a.points_of(&fw, "a8").len(), 7);
        assert_eq!(
            a.department_points(&fw, "d1"),
            vec!["p1", "p2", "p3", "p4", "p7"]
        );
        let c = a.coverage(&fw);
        assert_eq!(c.by_point["p7"], vec!["a4", "a6", "a7", "a8"]);
        assert!(c.unassigned.is_empty());
        let mut without_survey = a.clone();
        without_survey.remove_assignee("a8");
        assert_eq!(without_survey.coverage(&fw).unassigned, vec!["p5"]);
    }

    #[test]
    fn single_points_go_to_named_people_and_a_point_to_several() {
        let fw = fixtures::framework();
        let mut a = sample();
        // 李华 follows 教务处 (I1 = p1 p2 p3, and p7); taking p2 away keeps the rest as his own points.
        assert!(!a.has_own_points("a4"));
        assert!(a.set_point(&fw, "a4", "p2", false));
        assert!(a.has_own_points("a4"));
        assert_eq!(a.points_of(&fw, "a4"), vec!["p1", "p3", "p7"]);
        // Nothing changes when it is already so, or for unknown points and people.
        assert!(!a.set_point(&fw, "a4", "p2", false));
        assert!(!a.set_point(&fw, "a4", "p1", true));
        assert!(!a.set_point(&fw, "a4", "nope", true));
        assert!(!a.set_point(&fw, "a99", "p1", true));
        // A point given to another person of the department stays 李华's as well: p1 now goes to both.
        let zhou = a.add_person(Some("d1"), "周敏", "数学教师");
        assert_eq!(a.points_of(&fw, &zhou), vec!["p1", "p2", "p3", "p7"]);
        for p in ["p2", "p3", "p7"] {
            assert!(a.set_point(&fw, &zhou, p, false));
        }
        // A point from outside the department is added in framework order.
        assert!(a.set_point(&fw, &zhou, "p5", true));
        assert_eq!(a.points_of(&fw, &zhou), vec!["p1", "p5"]);
        let c = a.coverage(&fw);
        assert!(c.by_point["p1"].contains(&"a4".to_string()));
        assert!(c.by_point["p1"].contains(&zhou));
        assert!(!c.by_point["p2"].contains(&"a4".to_string()));
        // The department answers for what its people were given too.
        assert!(a.department_points(&fw, "d1").contains(&"p5".to_string()));
        // Taking every point away is a problem to fix before issuing packages.
        for p in ["p1", "p5"] {
            a.set_point(&fw, &zhou, p, false);
        }
        assert!(a
            .problems(&fw)
            .contains(&AssignmentProblem::NothingAssigned("教务处 周敏".into())));
        assert!(!a.clear_points(&zhou), "nothing left to clear");
        // Following the department again brings its items back; the person's own list is dropped.
        assert!(a.follow_department(&zhou));
        assert!(!a.follow_department(&zhou));
        assert_eq!(a.points_of(&fw, &zhou), vec!["p1", "p2", "p3", "p7"]);
        // At school level a person without own points has the whole framework; taking one away keeps six.
        let head = a.add_person(None, "王明", "校长");
        assert!(a.set_point(&fw, &head, "p4", false));
        assert_eq!(a.points_of(&fw, &head).len(), 6);
        // Clearing first, then ticking the few points a person should answer.
        assert!(a.clear_points("a7"));
        assert!(a.points_of(&fw, "a7").is_empty());
        assert!(a.set_point(&fw, "a7", "p3", true));
        assert_eq!(a.points_of(&fw, "a7"), vec!["p3"]);
    }

    #[test]
    fn each_persons_package_holds_only_their_points() {
        use crate::invitation::{Invitation, Issue};
        let fw = fixtures::framework();
        let (school, header) = (fixtures::school(), fixtures::header());
        let mut a = sample();
        a.set_point(&fw, "a4", "p2", false);
        a.set_point(&fw, "a4", "p3", false);
        let issue = Issue {
            school: &school,
            header: &header,
            fw: &fw,
            assignment: &a,
            issued_at: "2025-10-08T09:00",
        };
        let ids = |inv: &Invitation| -> Vec<String> {
            inv.framework
                .points()
                .map(|(_, _, p)| p.id.clone())
                .collect()
        };
        let li = Invitation::for_assignee(&issue, "a4", "k1").unwrap();
        assert_eq!(ids(&li), vec!["p1", "p7"]);
        let wang = Invitation::for_assignee(&issue, "a5", "k2").unwrap();
        assert_eq!(ids(&wang), vec!["p1", "p4"]);
        // p1 goes to both: each package has it.
        let back = Invitation::parse(li.to_json().as_bytes()).unwrap();
        assert_eq!(ids(&back), vec!["p1", "p7"]);
    }

    #[test]
    fn ids_are_never_reused_after_a_removal() {
        let mut a = sample();
        assert!(a.remove_department("d2"));
        assert!(a.assignee("a7").is_none(), "its assignees go with it");
        let id = a.add_person(None, "新老师", "");
        assert_eq!(id, "a9");
        assert!(!a.remove_assignee("a7"));
    }

    #[test]
    fn expected_respondents_per_department() {
        let a = sample();
        let e = a.expected();
        assert_eq!(e.len(), 4);
        assert_eq!(
            (e[0].name.as_str(), e[0].people, e[0].staff),
            ("教务处", 2, Some(12))
        );
        assert_eq!(e[0].total(), Some(14));
        assert_eq!((e[1].name.as_str(), e[1].total()), ("德育处", Some(1)));
        assert_eq!((e[2].name.as_str(), e[2].total()), ("总务处", Some(0)));
        assert_eq!(e[3].name, "全校");
        assert!(e[3].has_staff);
        assert_eq!(e[3].total(), None, "the survey's size is unknown");
    }

    #[test]
    fn problems_are_named_in_chinese() {
        let fw = fixtures::framework();
        assert!(
            sample().problems(&fw).is_empty(),
            "{:?}",
            sample().problems(&fw)
        );
        let mut a = sample();
        a.add_department(" ");
        a.add_department("德育处 ");
        a.department_mut("d1").unwrap().items.push("X9".into());
        a.add_person(Some("d1"), "王芳", "");
        a.add_person(Some("d3"), "", "");
        a.add_person(Some("d99"), "孙丽", "");
        let p = a.problems(&fw);
        let zh: Vec<String> = p.iter().map(|x| x.zh()).collect();
        assert_eq!(
            zh,
            vec![
                "分给教务处的“X9”不在本次自评的评价框架中（框架可能已更新），请重新选择。",
                "第 4 个部门没有名称，请填写部门名称。",
                "部门“德育处”出现了两次，请合并或改名。",
                "教务处中“王芳”出现了两次；同名的两位老师请在姓名后注明区别，例如“王芳（语文）”。",
                "总务处有一位填报人没有填写姓名。",
                "孙丽所在的部门已被删除，请重新选择部门。",
            ]
        );
        assert!(p.iter().all(|x| !x.text(Lang::En).is_empty()));
    }

    #[test]
    fn posts_name_their_departments() {
        let d = |p: &str| department_of_post(p);
        assert_eq!(d("教务主任").as_deref(), Some("教务处"));
        assert_eq!(d("德育主任").as_deref(), Some("德育处"));
        assert_eq!(d("总务主任").as_deref(), Some("总务处"));
        assert_eq!(d("办公室主任").as_deref(), Some("办公室"));
        assert_eq!(d("教科室副主任").as_deref(), Some("教科室"));
        assert_eq!(d("少先队大队部负责人").as_deref(), Some("少先队大队部"));
        for none in [
            "校长",
            "分管教学副校长",
            "年级组长、教研组长代表",
            "主任",
            "党组织书记（或分管德育副校长）",
        ] {
            assert_eq!(d(none), None, "{none}");
        }
    }

    fn plan_with_group() -> Plan {
        let t = |role: &str, name: &str, post: &str| Person {
            role: role.into(),
            name: name.into(),
            post: post.into(),
        };
        Plan {
            title: "方案".into(),
            sections: vec![Section {
                id: "organisation".into(),
                title: "组织机构".into(),
                blocks: vec![Block::People {
                    people: vec![
                        t("组长", "王明", "校长"),
                        t("副组长", "", "分管教学副校长"),
                        t("成员", "李华", "教务主任"),
                        t("成员", "", "德育主任"),
                        t("成员", "孙丽", "总务主任"),
                        t("成员", "", "年级组长、教研组长代表"),
                    ],
                }],
            }],
            ..Plan::default()
        }
    }

    #[test]
    fn the_plan_prefills_departments_and_their_heads() {
        let fw = fixtures::framework();
        let a = Assignment::from_plan(&plan_with_group(), &fw);
        let names: Vec<_> = a.departments.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, vec!["教务处", "德育处", "总务处"]);
        assert_eq!(a.departments[0].lead, "李华");
        assert_eq!(a.departments[1].lead, "");
        let people: Vec<String> = a.assignees.iter().map(|x| a.describe(x)).collect();
        assert_eq!(people, vec!["教务处 李华", "总务处 孙丽"]);
        assert!(
            a.departments.iter().all(|d| d.items.is_empty()),
            "no guessing"
        );
    }

    #[test]
    fn the_plan_follows_the_assignment_and_prefills_it_back() {
        let fw = fixtures::framework();
        let mut plan = plan_with_group();
        let a = sample();
        write_duties(&mut plan, &a, &fw);
        assert_eq!(plan.sections[1].id, DUTIES_SECTION);
        assert_eq!(plan.sections[1].title, "职责分工");
        let Block::List { items, .. } = &plan.sections[1].blocks[1] else {
            panic!("{:?}", plan.sections[1].blocks)
        };
        assert_eq!(
            items,
            &vec![
                "教务处（负责人：李华）：负责“指标 I1”关键指标，考查要点 p4、p7（共 5 个考查要点）。填报人员：李华（教务主任）、王芳（语文教师，考查要点 p1、p4），本部门全体教职工。".to_string(),
                "德育处：负责“方面 A2”方面（共 2 个考查要点）。填报人员：赵强（德育主任）。".into(),
                "总务处：负责分工待定。".into(),
                "全校层面：全体教职工（匿名问卷）对照全部考查要点（共 7 个）进行自评。".into(),
            ]
        );
        // Writing again replaces the section instead of adding one.
        write_duties(&mut plan, &a, &fw);
        assert_eq!(plan.sections.len(), 2);
        // An empty assignment takes both away again.
        let mut emptied = plan.clone();
        write_duties(&mut emptied, &Assignment::default(), &fw);
        assert_eq!(emptied.sections.len(), 1);
        assert!(emptied.duties.is_empty());
        // The structured duties bring the departments, heads and items back.
        let back = Assignment::from_plan(&plan, &fw);
        let d: Vec<_> = back
            .departments
            .iter()
            .map(|d| (d.name.as_str(), d.lead.as_str(), d.items.clone()))
            .collect();
        assert_eq!(
            d,
            vec![
                (
                    "教务处",
                    "李华",
                    vec!["I1".to_string(), "p7".into(), "p1".into(), "p4".into()]
                ),
                ("德育处", "", vec!["A2".to_string()]),
                ("总务处", "孙丽", vec![]),
            ]
        );
        // Stored plans without duties still read, and plans without them write none.
        let old: Plan = serde_json::from_str(r#"{"title":"旧方案","sections":[]}"#).unwrap();
        assert!(old.duties.is_empty());
        assert!(!serde_json::to_string(&old).unwrap().contains("duties"));
    }

    #[test]
    fn the_assignment_round_trips_through_json() {
        let a = sample();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Assignment>(&json).unwrap(), a);
        assert_eq!(
            serde_json::from_str::<Assignment>("{}").unwrap(),
            Assignment::default()
        );
    }
}
