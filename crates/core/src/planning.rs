//! Making plan documents for a school: the values that fill a template's placeholders.

use super::evaluation::SchoolYear;
use super::framework::Framework;
use super::plan::{Activity, Block, Goal, Person, Phase, Plan, Section};
use super::plan::{PlanContext, PlanTemplate};
use super::school::{GroupRole, School};
use crate::i18n::K;
use chrono::NaiveDate;

/// The context for a school's plan: its profile, the school year and (optionally) the framework evaluated.
pub fn plan_context(school: &School, year: SchoolYear, fw: Option<&Framework>) -> PlanContext {
    let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let core = match school.group_role {
        GroupRole::Core => school.name.clone(),
        _ => String::new(),
    };
    PlanContext {
        values: vec![
            ("{学校}", school.name.clone()),
            ("{校长}", school.principal.clone()),
            ("{县区}", school.county.clone()),
            ("{学年}", year.zh()),
            ("{框架}", fw.map(|f| f.title.clone()).unwrap_or_default()),
            ("{集团}", school.group_name.clone()),
            ("{核心校}", core),
            ("{学生数}", count(school.students)),
            ("{教师数}", count(school.teachers)),
        ],
        school_year: year.0,
        framework_areas: fw
            .map(|f| {
                f.areas
                    .iter()
                    .map(|a| {
                        (
                            a.title.clone(),
                            a.indicators.iter().map(|i| i.title.clone()).collect(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// One column of a table-like plan block, as the editor shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column's title.
    pub label: K,
    /// A date (entered with a date picker).
    pub date: bool,
    /// Long text (several lines).
    pub multiline: bool,
}

const fn col(label: K) -> Column {
    Column {
        label,
        date: false,
        multiline: false,
    }
}

const fn date(label: K) -> Column {
    Column {
        label,
        date: true,
        multiline: false,
    }
}

const fn long(label: K) -> Column {
    Column {
        label,
        date: false,
        multiline: true,
    }
}

const PEOPLE: [Column; 3] = [col(K::PlanRole), col(K::PlanName), col(K::PlanPost)];
const PHASES: [Column; 4] = [
    col(K::PlanPhase),
    date(K::PlanStart),
    date(K::PlanEnd),
    long(K::PlanPhaseText),
];
const GOALS: [Column; 4] = [
    col(K::PlanGoal),
    col(K::PlanGoalTarget),
    col(K::PlanGoalUnit),
    col(K::PlanGoalBasis),
];
const ACTIVITIES: [Column; 4] = [
    col(K::PlanWhen),
    long(K::PlanActivity),
    col(K::PlanLead),
    col(K::PlanParticipants),
];
const ITEMS: [Column; 1] = [long(K::PlanItem)];

/// The columns of each kind of row block (see [`shape`]): people, phases, goals, activities; lists have one.
pub fn block_columns(kind: &str) -> &'static [Column] {
    match kind {
        "people" => &PEOPLE,
        "phases" => &PHASES,
        "goals" => &GOALS,
        "activities" => &ACTIVITIES,
        _ => &ITEMS,
    }
}

/// Whether a template needs an evaluation's framework (it has a generated framework block).
pub fn needs_framework(t: &PlanTemplate) -> bool {
    use super::plan::{GeneratedBlock, TemplateBlock};
    t.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .any(|b| matches!(b, TemplateBlock::Generated(GeneratedBlock { .. })))
}

/// A field of a block: `row` is `None` for the block's own fields (paragraph text; group name and core
/// school) and the row index otherwise (list items, people, phases, goals, member schools, activities);
/// `col` picks the field of that row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Section index.
    pub section: usize,
    /// Block index.
    pub block: usize,
    /// Row, or `None` for block-level fields.
    pub row: Option<usize>,
    /// Column.
    pub col: usize,
}

impl Block {
    /// Number of rows (0 for a paragraph).
    pub fn rows(&self) -> usize {
        match self {
            Block::Paragraph { .. } => 0,
            Block::List { items, .. } => items.len(),
            Block::People { people } => people.len(),
            Block::Phases { phases } => phases.len(),
            Block::Goals { goals } => goals.len(),
            Block::Group { members, .. } => members.len(),
            Block::Activities { activities } => activities.len(),
        }
    }

    /// A short name of the kind, for structure comparisons and CSS classes.
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Paragraph { .. } => "paragraph",
            Block::List { .. } => "list",
            Block::People { .. } => "people",
            Block::Phases { .. } => "phases",
            Block::Goals { .. } => "goals",
            Block::Group { .. } => "group",
            Block::Activities { .. } => "activities",
        }
    }

    /// The text of a field, if it exists.
    pub fn cell(&self, row: Option<usize>, col: usize) -> Option<String> {
        Some(match (self, row) {
            (Block::Paragraph { text }, None) if col == 0 => text.clone(),
            (Block::Group { name, .. }, None) if col == 0 => name.clone(),
            (Block::Group { core, .. }, None) if col == 1 => core.clone(),
            (Block::Group { members, .. }, Some(r)) => members.get(r)?.clone(),
            (Block::List { items, .. }, Some(r)) => items.get(r)?.clone(),
            (Block::People { people }, Some(r)) => {
                let p = people.get(r)?;
                [&p.role, &p.name, &p.post].get(col)?.to_string()
            }
            (Block::Phases { phases }, Some(r)) => {
                let p = phases.get(r)?;
                match col {
                    0 => p.name.clone(),
                    1 => p.start.to_string(),
                    2 => p.end.to_string(),
                    3 => p.text.clone(),
                    _ => return None,
                }
            }
            (Block::Goals { goals }, Some(r)) => {
                let g = goals.get(r)?;
                [&g.text, &g.target, &g.unit, &g.basis]
                    .get(col)?
                    .to_string()
            }
            (Block::Activities { activities }, Some(r)) => {
                let a = activities.get(r)?;
                [&a.when, &a.content, &a.lead, &a.participants]
                    .get(col)?
                    .to_string()
            }
            _ => return None,
        })
    }

    /// Sets a field; returns false (changing nothing) when the field does not exist or a date is invalid.
    pub fn set_cell(&mut self, row: Option<usize>, col: usize, value: String) -> bool {
        let slot: &mut String = match (self, row) {
            (Block::Paragraph { text }, None) if col == 0 => text,
            (Block::Group { name, .. }, None) if col == 0 => name,
            (Block::Group { core, .. }, None) if col == 1 => core,
            (Block::Group { members, .. }, Some(r)) if col == 0 => match members.get_mut(r) {
                Some(m) => m,
                None => return false,
            },
            (Block::List { items, .. }, Some(r)) if col == 0 => match items.get_mut(r) {
                Some(m) => m,
                None => return false,
            },
            (Block::People { people }, Some(r)) => match (people.get_mut(r), col) {
                (Some(p), 0) => &mut p.role,
                (Some(p), 1) => &mut p.name,
                (Some(p), 2) => &mut p.post,
                _ => return false,
            },
            (Block::Phases { phases }, Some(r)) => match (phases.get_mut(r), col) {
                (Some(p), 0) => &mut p.name,
                (Some(p), 1 | 2) => {
                    let Ok(d) = value.parse::<NaiveDate>() else {
                        return false;
                    };
                    if col == 1 {
                        p.start = d;
                    } else {
                        p.end = d;
                    }
                    return true;
                }
                (Some(p), 3) => &mut p.text,
                _ => return false,
            },
            (Block::Goals { goals }, Some(r)) => match (goals.get_mut(r), col) {
                (Some(g), 0) => &mut g.text,
                (Some(g), 1) => &mut g.target,
                (Some(g), 2) => &mut g.unit,
                (Some(g), 3) => &mut g.basis,
                _ => return false,
            },
            (Block::Activities { activities }, Some(r)) => match (activities.get_mut(r), col) {
                (Some(a), 0) => &mut a.when,
                (Some(a), 1) => &mut a.content,
                (Some(a), 2) => &mut a.lead,
                (Some(a), 3) => &mut a.participants,
                _ => return false,
            },
            _ => return false,
        };
        *slot = value;
        true
    }

    /// Inserts an empty row at `at` (clamped); new phases run for a month from `today`.
    pub fn insert_row(&mut self, at: usize, today: NaiveDate) -> bool {
        fn ins<T>(v: &mut Vec<T>, at: usize, x: T) {
            let at = at.min(v.len());
            v.insert(at, x);
        }
        match self {
            Block::Paragraph { .. } => return false,
            Block::List { items, .. } => ins(items, at, String::new()),
            Block::People { people } => ins(
                people,
                at,
                Person {
                    role: "成员".into(),
                    ..Person::default()
                },
            ),
            Block::Phases { phases } => ins(
                phases,
                at,
                Phase {
                    name: String::new(),
                    start: today,
                    end: today + chrono::Duration::days(30),
                    text: String::new(),
                },
            ),
            Block::Goals { goals } => ins(goals, at, Goal::default()),
            Block::Group { members, .. } => ins(members, at, String::new()),
            Block::Activities { activities } => ins(activities, at, Activity::default()),
        }
        true
    }

    /// Removes a row.
    pub fn remove_row(&mut self, row: usize) -> bool {
        fn rm<T>(v: &mut Vec<T>, i: usize) -> bool {
            (i < v.len()).then(|| v.remove(i)).is_some()
        }
        match self {
            Block::Paragraph { .. } => false,
            Block::List { items, .. } => rm(items, row),
            Block::People { people } => rm(people, row),
            Block::Phases { phases } => rm(phases, row),
            Block::Goals { goals } => rm(goals, row),
            Block::Group { members, .. } => rm(members, row),
            Block::Activities { activities } => rm(activities, row),
        }
    }

    /// Moves a row one place up (`-1`) or down (`1`).
    pub fn move_row(&mut self, row: usize, delta: isize) -> bool {
        fn mv<T>(v: &mut [T], i: usize, delta: isize) -> bool {
            let j = i as isize + delta;
            if i < v.len() && j >= 0 && (j as usize) < v.len() {
                v.swap(i, j as usize);
                true
            } else {
                false
            }
        }
        match self {
            Block::Paragraph { .. } => false,
            Block::List { items, .. } => mv(items, row, delta),
            Block::People { people } => mv(people, row, delta),
            Block::Phases { phases } => mv(phases, row, delta),
            Block::Goals { goals } => mv(goals, row, delta),
            Block::Group { members, .. } => mv(members, row, delta),
            Block::Activities { activities } => mv(activities, row, delta),
        }
    }
}

/// The shape of a plan: section ids and, per block, its kind and row count. The editor re-renders only when
/// the shape changes, so typing never loses focus.
pub fn shape(plan: &Plan) -> Vec<(String, Vec<(&'static str, usize)>)> {
    plan.sections
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                s.blocks.iter().map(|b| (b.kind(), b.rows())).collect(),
            )
        })
        .collect()
}

impl Plan {
    /// The text of a field.
    pub fn cell(&self, c: Cell) -> Option<String> {
        self.sections
            .get(c.section)?
            .blocks
            .get(c.block)?
            .cell(c.row, c.col)
    }

    /// Sets a field; false when it does not exist.
    pub fn set_cell(&mut self, c: Cell, value: String) -> bool {
        self.block_mut(c.section, c.block)
            .is_some_and(|b| b.set_cell(c.row, c.col, value))
    }

    /// A block, mutably.
    pub fn block_mut(&mut self, section: usize, block: usize) -> Option<&mut Block> {
        self.sections.get_mut(section)?.blocks.get_mut(block)
    }

    /// Moves a section one place up or down.
    pub fn move_section(&mut self, i: usize, delta: isize) -> bool {
        let j = i as isize + delta;
        if i < self.sections.len() && j >= 0 && (j as usize) < self.sections.len() {
            self.sections.swap(i, j as usize);
            true
        } else {
            false
        }
    }

    /// Removes a section.
    pub fn remove_section(&mut self, i: usize) -> bool {
        (i < self.sections.len())
            .then(|| self.sections.remove(i))
            .is_some()
    }

    /// Inserts a new section with one empty paragraph after `after` (or at the start with `None`).
    pub fn add_section(&mut self, after: Option<usize>, id: String, title: String) {
        let at = after.map_or(0, |a| (a + 1).min(self.sections.len()));
        self.sections.insert(
            at,
            Section {
                id,
                title,
                blocks: vec![Block::Paragraph {
                    text: String::new(),
                }],
            },
        );
    }

    /// Appends a block to a section.
    pub fn add_block(&mut self, section: usize, block: Block) -> bool {
        match self.sections.get_mut(section) {
            Some(s) => {
                s.blocks.push(block);
                true
            }
            None => false,
        }
    }

    /// Removes a block from a section.
    pub fn remove_block(&mut self, section: usize, block: usize) -> bool {
        match self.sections.get_mut(section) {
            Some(s) if block < s.blocks.len() => {
                s.blocks.remove(block);
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::framework::SchoolType;
    use crate::plan::*;

    fn template() -> PlanTemplate {
        let toml_free = serde_json::json!({
            "id": "t", "version": "1", "name": "学校质量自评方案",
            "title": "{学校}{学年}学校质量自评方案",
            "sections": [
                { "id": "guiding", "title": "指导思想", "source": { "doc": "贺教工委〔2023〕18号" },
                  "blocks": [ { "kind": "paragraph", "text": "{学校}以《{框架}》为依据开展自评。" } ] },
                { "id": "org", "title": "组织机构", "source": { "doc": "s" },
                  "blocks": [ { "kind": "people", "people": [ { "role": "组长", "name": "{校长}", "post": "校长" } ] } ] },
                { "id": "content", "title": "评价内容", "source": { "doc": "s" },
                  "blocks": [ { "generate": "framework_areas" } ] },
                { "id": "steps", "title": "实施步骤", "source": { "doc": "s" },
                  "blocks": [ { "school_year_phases": [
                      { "name": "动员部署阶段", "start": "09-01", "end": "09-30" },
                      { "name": "总结报告阶段", "start": "06-01", "end": "07-10", "text": "形成{学校}自评报告" } ] } ] },
                { "id": "group", "title": "集团构成", "source": { "doc": "s" },
                  "blocks": [ { "kind": "group", "name": "{集团}", "core": "{核心校}", "members": ["{学校}", "{核心校}"] } ] }
            ]
        });
        serde_json::from_value(toml_free).unwrap()
    }

    #[test]
    fn a_plan_is_made_from_a_template_the_school_and_the_framework() {
        let t = template();
        assert!(validate_template(&t).is_empty());
        let mut school = School::new("s", "贺兰县第一小学", SchoolType::Primary);
        school.principal = "王明".into();
        school.group_name = "第一教育集团".into();
        school.group_role = GroupRole::Member;
        let fw = fixtures::framework();
        let plan = t.instantiate(&plan_context(&school, SchoolYear(2025), Some(&fw)));
        assert_eq!(plan.title, "贺兰县第一小学2025—2026学年学校质量自评方案");
        assert_eq!(
            plan.sections[0].blocks[0],
            Block::Paragraph {
                text: "贺兰县第一小学以《测试框架》为依据开展自评。".into()
            }
        );
        assert_eq!(
            plan.cell(Cell {
                section: 1,
                block: 0,
                row: Some(0),
                col: 1
            })
            .as_deref(),
            Some("王明")
        );
        assert_eq!(
            plan.sections[2].blocks[0],
            Block::List {
                ordered: true,
                items: vec![
                    "方面 A1：指标 I1、指标 I2。".into(),
                    "方面 A2：指标 I3。".into()
                ]
            }
        );
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        match &plan.sections[3].blocks[0] {
            Block::Phases { phases } => {
                assert_eq!(
                    (phases[0].start, phases[0].end),
                    (d(2025, 9, 1), d(2025, 9, 30))
                );
                assert_eq!(
                    (phases[1].start, phases[1].end),
                    (d(2026, 6, 1), d(2026, 7, 10))
                );
                assert_eq!(phases[1].text, "形成贺兰县第一小学自评报告");
            }
            other => panic!("{other:?}"),
        }
        // A member school has no core-school name to fill: the empty member is dropped.
        assert_eq!(
            plan.sections[4].blocks[0],
            Block::Group {
                name: "第一教育集团".into(),
                core: String::new(),
                members: vec!["贺兰县第一小学".into()]
            }
        );
    }

    #[test]
    fn unknown_placeholders_and_bad_dates_are_template_errors() {
        let mut t = template();
        t.sections[0].blocks[0] = TemplateBlock::Fixed(Block::Paragraph {
            text: "{学校名称}".into(),
        });
        t.sections[1].id = "guiding".into();
        let errs = validate_template(&t);
        assert!(
            errs.iter().any(|e| e.contains("未知的占位符 {学校名称}")),
            "{errs:?}"
        );
        assert!(errs.iter().any(|e| e.contains("重复")), "{errs:?}");
        let mut t = template();
        t.sections[3].blocks[0] = TemplateBlock::RelativePhases(RelativePhasesBlock {
            school_year_phases: vec![RelativePhase {
                name: "x".into(),
                start: "13-01".into(),
                end: "09-01".into(),
                text: String::new(),
            }],
        });
        assert!(validate_template(&t).iter().any(|e| e.contains("MM-DD")));
    }

    #[test]
    fn plans_stored_before_the_head_fields_read_and_write_back_unchanged() {
        let old = r#"{"title":"一小方案","sections":[{"id":"a","title":"指导思想","blocks":[{"kind":"paragraph","text":"正文"}]}]}"#;
        let plan: Plan = serde_json::from_str(old).unwrap();
        assert_eq!(plan.issuer, "");
        assert_eq!(plan.doc_number, "");
        assert_eq!(plan.date, None);
        assert_eq!(serde_json::to_string(&plan).unwrap(), old);

        let mut plan = plan;
        plan.issuer = "贺兰县第一小学文件".into();
        plan.doc_number = "贺兰一小发〔2026〕3号".into();
        plan.signatory = "贺兰县第一小学".into();
        plan.date = NaiveDate::from_ymd_opt(2026, 9, 1);
        let json = serde_json::to_string(&plan).unwrap();
        assert!(
            json.contains(r#""doc_number":"贺兰一小发〔2026〕3号""#),
            "{json}"
        );
        assert!(json.contains(r#""date":"2026-09-01""#), "{json}");
        assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan);
    }

    #[test]
    fn section_numbers_are_chinese_numerals() {
        let got: Vec<_> = [1, 2, 9, 10, 11, 19, 20, 21, 99]
            .iter()
            .map(|&n| chinese_numeral(n))
            .collect();
        assert_eq!(
            got,
            vec![
                "一",
                "二",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九"
            ]
        );
    }

    #[test]
    fn editing_cells_rows_and_sections() {
        let school = School::new("s", "一小", SchoolType::Primary);
        let mut plan = template().instantiate(&plan_context(&school, SchoolYear(2025), None));
        let today = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
        // People: add two, rename, reorder, remove.
        let people = |p: &Plan| match &p.sections[1].blocks[0] {
            Block::People { people } => people.iter().map(|x| x.name.clone()).collect::<Vec<_>>(),
            _ => vec![],
        };
        let b = plan.block_mut(1, 0).unwrap();
        assert!(b.insert_row(1, today) && b.insert_row(2, today));
        assert!(plan.set_cell(
            Cell {
                section: 1,
                block: 0,
                row: Some(1),
                col: 1
            },
            "李华".into()
        ));
        assert!(plan.set_cell(
            Cell {
                section: 1,
                block: 0,
                row: Some(2),
                col: 1
            },
            "赵强".into()
        ));
        assert_eq!(people(&plan), vec!["", "李华", "赵强"]);
        assert!(plan.block_mut(1, 0).unwrap().move_row(2, -1));
        assert_eq!(people(&plan), vec!["", "赵强", "李华"]);
        assert!(
            !plan.block_mut(1, 0).unwrap().move_row(0, -1),
            "cannot move above the top"
        );
        assert!(plan.block_mut(1, 0).unwrap().remove_row(0));
        assert_eq!(people(&plan), vec!["赵强", "李华"]);
        // Out-of-range edits change nothing.
        assert!(!plan.set_cell(
            Cell {
                section: 9,
                block: 0,
                row: None,
                col: 0
            },
            "x".into()
        ));
        assert!(!plan.set_cell(
            Cell {
                section: 1,
                block: 0,
                row: Some(7),
                col: 1
            },
            "x".into()
        ));
        // Phase dates must be dates.
        let start = Cell {
            section: 3,
            block: 0,
            row: Some(0),
            col: 1,
        };
        assert!(!plan.set_cell(start, "九月".into()));
        assert!(plan.set_cell(start, "2025-09-08".into()));
        assert_eq!(plan.cell(start).as_deref(), Some("2025-09-08"));
        // Sections: add after the first, move it to the top, remove it.
        plan.add_section(Some(0), "new".into(), "新的一节".into());
        assert_eq!(plan.sections[1].id, "new");
        assert!(plan.move_section(1, -1));
        assert_eq!(plan.sections[0].id, "new");
        assert!(plan.remove_section(0));
        assert_eq!(shape(&plan)[0].0, "guiding");
        assert!(plan.add_block(
            0,
            Block::List {
                ordered: true,
                items: vec![]
            }
        ));
        assert_eq!(shape(&plan)[0].1, vec![("paragraph", 0), ("list", 0)]);
    }
}
