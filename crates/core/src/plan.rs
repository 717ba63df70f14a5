//! Plan documents (方案): templates as data, and the editable documents made from them.
//!
//! [`validate_template`] is also what the build of the built-in templates runs on `templates/plans/*.toml`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The id of the built-in 学校质量自评方案 template: the plan that feeds the self-evaluation report.
pub const SELF_EVAL_PLAN: &str = "self-eval-plan";

/// Placeholders a template may use in its text; they are filled from the school profile and the evaluation.
pub const PLACEHOLDERS: [&str; 9] = [
    "{学校}",
    "{校长}",
    "{县区}",
    "{学年}",
    "{框架}",
    "{集团}",
    "{核心校}",
    "{学生数}",
    "{教师数}",
];

/// Where a template section comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSource {
    /// The document followed.
    pub doc: String,
    /// The part of it.
    #[serde(default)]
    pub section: String,
}

/// A person in a plan (e.g. 自评工作领导小组).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// 组长 / 副组长 / 成员 …
    pub role: String,
    /// Name; may be left for the school to fill in.
    #[serde(default)]
    pub name: String,
    /// Post and duty, e.g. 校长 / 分管教学副校长.
    #[serde(default)]
    pub post: String,
}

/// A phase of the implementation (实施步骤) with its dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// e.g. 动员部署阶段.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// What happens in it.
    #[serde(default)]
    pub text: String,
}

/// A numeric goal (主要目标).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// What is measured, e.g. 学生体质健康优良率.
    pub text: String,
    /// The target value as written, e.g. ≥45.
    #[serde(default)]
    pub target: String,
    /// Unit, e.g. %.
    #[serde(default)]
    pub unit: String,
    /// Where the target comes from.
    #[serde(default)]
    pub basis: String,
}

/// An activity of a group plan (活动安排).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// When, e.g. 第一学期 9月.
    pub when: String,
    /// What.
    pub content: String,
    /// Who leads it.
    #[serde(default)]
    pub lead: String,
    /// Who takes part.
    #[serde(default)]
    pub participants: String,
}

/// A block of a plan section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph of prose.
    Paragraph {
        /// The text.
        text: String,
    },
    /// A list of items.
    List {
        /// Numbered (一、二、… / 1. 2. …) or bulleted.
        #[serde(default)]
        ordered: bool,
        /// The items.
        items: Vec<String>,
    },
    /// People and their roles.
    People {
        /// The people.
        people: Vec<Person>,
    },
    /// Dated phases.
    Phases {
        /// The phases.
        phases: Vec<Phase>,
    },
    /// Numeric goals.
    Goals {
        /// The goals.
        goals: Vec<Goal>,
    },
    /// The school group: core school and member schools.
    Group {
        /// Name of the group.
        #[serde(default)]
        name: String,
        /// 核心校
        #[serde(default)]
        core: String,
        /// 成员校
        #[serde(default)]
        members: Vec<String>,
    },
    /// Activities by term.
    Activities {
        /// The activities.
        activities: Vec<Activity>,
    },
}

/// A section of a plan document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id (unique inside the document).
    pub id: String,
    /// Heading, e.g. 指导思想.
    pub title: String,
    /// Content.
    pub blocks: Vec<Block>,
}

/// A block as written in a template: a concrete block, or one generated when the plan is created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TemplateBlock {
    /// Generated from the chosen framework: its areas, each with its key indicators.
    Generated(GeneratedBlock),
    /// Phases whose dates are month-days inside the school year.
    RelativePhases(RelativePhasesBlock),
    /// A block copied as is (after filling placeholders).
    Fixed(Block),
}

/// Generated content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneratedBlock {
    /// `framework_areas`: a numbered list of the framework's areas with their key indicators.
    pub generate: Generator,
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Generator {
    /// The areas and key indicators of the evaluation's framework.
    FrameworkAreas,
}

/// Phases dated by month and day inside the school year (September to August).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativePhasesBlock {
    /// The phases.
    pub school_year_phases: Vec<RelativePhase>,
}

/// A phase with month-day dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativePhase {
    /// Name.
    pub name: String,
    /// "MM-DD"
    pub start: String,
    /// "MM-DD"
    pub end: String,
    /// What happens.
    #[serde(default)]
    pub text: String,
}

/// A section of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionTemplate {
    /// Stable id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// English heading.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// Which document the section follows.
    pub source: PlanSource,
    /// Its blocks.
    pub blocks: Vec<TemplateBlock>,
}

/// A plan template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTemplate {
    /// Stable id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Name of the kind of plan, e.g. 学校质量自评方案.
    pub name: String,
    /// English name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    /// Title of a document made from it, with placeholders, e.g. {学校}{学年}质量自评方案.
    pub title: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// English description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description_en: String,
    /// Sections in order.
    pub sections: Vec<SectionTemplate>,
}

/// A plan document made from a template, edited by the school.
///
/// The fields of the document's head and foot (发文机关, 文号, 落款, 成文日期) are optional and left out of the
/// stored JSON when empty, so plans stored before they existed read unchanged and write back unchanged.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Plan {
    /// Title.
    pub title: String,
    /// The 发文机关标志 line above the title, e.g. 贺兰县第一小学文件; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    /// The 文号, e.g. 贺兰一小发〔2026〕3号; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_number: String,
    /// The 落款 (who issues the plan); empty means the school's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signatory: String,
    /// The 成文日期; `None` means the day the document is exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Sections.
    pub sections: Vec<Section>,
    /// 职责分工 in structure: which department answers for which part of the framework. Kept beside the text
    /// so that the staff assignment can be prefilled from the plan, and written by
    /// [`crate::assignment::write_duties`] together with the text of the 职责分工 section. Plans stored
    /// before it existed read as having none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<Duty>,
}

/// One row of a plan's 职责分工: a department, who leads it, and what it answers for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    /// 部门, e.g. 教务处.
    pub department: String,
    /// 负责人 (a name), possibly empty.
    #[serde(default)]
    pub lead: String,
    /// Ids of the framework's areas, indicators or points the department answers for.
    #[serde(default)]
    pub items: Vec<String>,
}

/// What a plan is made from: the school, the school year and (optionally) the framework.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanContext {
    /// Placeholder values, by placeholder (e.g. `{学校}` → 贺兰县第一小学).
    pub values: Vec<(&'static str, String)>,
    /// First calendar year of the school year.
    pub school_year: i32,
    /// Areas of the framework: (area title, indicator titles).
    pub framework_areas: Vec<(String, Vec<String>)>,
}

impl PlanContext {
    /// Replaces every placeholder in a text; unknown values become empty.
    pub fn fill(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (k, v) in &self.values {
            out = out.replace(k, v);
        }
        out
    }
}

/// Parses "MM-DD" into a date of the school year beginning in September of `year`.
pub fn school_year_date(year: i32, month_day: &str) -> Option<NaiveDate> {
    let (m, d) = month_day.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    let y = if m >= 9 { year } else { year + 1 };
    NaiveDate::from_ymd_opt(y, m, d)
}

impl PlanTemplate {
    /// Makes a plan document: placeholders filled, generated blocks expanded, phases dated.
    pub fn instantiate(&self, ctx: &PlanContext) -> Plan {
        let sections = self
            .sections
            .iter()
            .map(|s| Section {
                id: s.id.clone(),
                title: ctx.fill(&s.title),
                blocks: s.blocks.iter().map(|b| instantiate_block(b, ctx)).collect(),
            })
            .collect();
        Plan {
            title: ctx.fill(&self.title),
            sections,
            ..Plan::default()
        }
    }
}

fn instantiate_block(b: &TemplateBlock, ctx: &PlanContext) -> Block {
    match b {
        TemplateBlock::Generated(GeneratedBlock {
            generate: Generator::FrameworkAreas,
        }) => Block::List {
            ordered: true,
            items: ctx
                .framework_areas
                .iter()
                .map(|(area, inds)| {
                    if inds.is_empty() {
                        area.clone()
                    } else {
                        format!("{area}：{}。", inds.join("、"))
                    }
                })
                .collect(),
        },
        TemplateBlock::RelativePhases(r) => Block::Phases {
            phases: r
                .school_year_phases
                .iter()
                .filter_map(|p| {
                    Some(Phase {
                        name: ctx.fill(&p.name),
                        start: school_year_date(ctx.school_year, &p.start)?,
                        end: school_year_date(ctx.school_year, &p.end)?,
                        text: ctx.fill(&p.text),
                    })
                })
                .collect(),
        },
        TemplateBlock::Fixed(block) => fill_block(block, ctx),
    }
}

fn fill_block(block: &Block, ctx: &PlanContext) -> Block {
    let f = |s: &String| ctx.fill(s);
    match block {
        Block::Paragraph { text } => Block::Paragraph { text: f(text) },
        Block::List { ordered, items } => Block::List {
            ordered: *ordered,
            items: items.iter().map(f).collect(),
        },
        Block::People { people } => Block::People {
            people: people
                .iter()
                .map(|p| Person {
                    role: f(&p.role),
                    name: f(&p.name),
                    post: f(&p.post),
                })
                .collect(),
        },
        Block::Phases { phases } => Block::Phases {
            phases: phases
                .iter()
                .map(|p| Phase {
                    name: f(&p.name),
                    text: f(&p.text),
                    ..p.clone()
                })
                .collect(),
        },
        Block::Goals { goals } => Block::Goals {
            goals: goals
                .iter()
                .map(|g| Goal {
                    text: f(&g.text),
                    target: f(&g.target),
                    unit: f(&g.unit),
                    basis: f(&g.basis),
                })
                .collect(),
        },
        Block::Group {
            name,
            core,
            members,
        } => Block::Group {
            name: f(name),
            core: f(core),
            members: members.iter().map(f).filter(|m| !m.is_empty()).collect(),
        },
        Block::Activities { activities } => Block::Activities {
            activities: activities
                .iter()
                .map(|a| Activity {
                    when: f(&a.when),
                    content: f(&a.content),
                    lead: f(&a.lead),
                    participants: f(&a.participants),
                })
                .collect(),
        },
    }
}

/// Checks a plan template: ids, sources, known placeholders, well-formed dates. Returns every problem.
pub fn validate_template(t: &PlanTemplate) -> Vec<String> {
    let mut errs = Vec::new();
    if t.id.trim().is_empty() || t.version.trim().is_empty() || t.name.trim().is_empty() {
        errs.push("id、version、name 不能为空".to_string());
    }
    if t.sections.is_empty() {
        errs.push("方案至少要有一节".into());
    }
    let mut ids = BTreeSet::new();
    let mut texts: Vec<(String, &str)> = vec![("title".into(), t.title.as_str())];
    for (i, s) in t.sections.iter().enumerate() {
        let p = format!("sections[{i}] ({})", s.id);
        if !ids.insert(s.id.as_str()) {
            errs.push(format!("{p}: 节 id “{}” 重复", s.id));
        }
        if s.title.trim().is_empty() {
            errs.push(format!("{p}: 缺少标题"));
        }
        if s.source.doc.trim().is_empty() {
            errs.push(format!("{p}: 缺少来源 source.doc"));
        }
        if s.blocks.is_empty() {
            errs.push(format!("{p}: 至少要有一个段落或列表"));
        }
        for (bi, b) in s.blocks.iter().enumerate() {
            let bp = format!("{p} / blocks[{bi}]");
            match b {
                TemplateBlock::RelativePhases(r) => {
                    for ph in &r.school_year_phases {
                        for d in [&ph.start, &ph.end] {
                            if school_year_date(2025, d).is_none() {
                                errs.push(format!("{bp}: 日期 “{d}” 应写成 MM-DD，如 09-01"));
                            }
                        }
                        if let (Some(a), Some(b)) = (
                            school_year_date(2025, &ph.start),
                            school_year_date(2025, &ph.end),
                        ) {
                            if a > b {
                                errs.push(format!("{bp}: 阶段“{}”的结束日期早于开始日期", ph.name));
                            }
                        }
                    }
                }
                TemplateBlock::Fixed(block) => {
                    for text in block_texts(block) {
                        texts.push((bp.clone(), text));
                    }
                }
                TemplateBlock::Generated(_) => {}
            }
        }
    }
    for (path, text) in texts {
        for ph in placeholders_in(text) {
            if !PLACEHOLDERS.contains(&ph.as_str()) {
                errs.push(format!(
                    "{path}: 未知的占位符 {ph}（可用：{}）",
                    PLACEHOLDERS.join(" ")
                ));
            }
        }
    }
    errs
}

/// Every text of a block, for checks and search.
pub fn block_texts(b: &Block) -> Vec<&str> {
    match b {
        Block::Paragraph { text } => vec![text],
        Block::List { items, .. } => items.iter().map(String::as_str).collect(),
        Block::People { people } => people
            .iter()
            .flat_map(|p| [p.role.as_str(), p.name.as_str(), p.post.as_str()])
            .collect(),
        Block::Phases { phases } => phases
            .iter()
            .flat_map(|p| [p.name.as_str(), p.text.as_str()])
            .collect(),
        Block::Goals { goals } => goals
            .iter()
            .flat_map(|g| {
                [
                    g.text.as_str(),
                    g.target.as_str(),
                    g.unit.as_str(),
                    g.basis.as_str(),
                ]
            })
            .collect(),
        Block::Group {
            name,
            core,
            members,
        } => {
            let mut v = vec![name.as_str(), core.as_str()];
            v.extend(members.iter().map(String::as_str));
            v
        }
        Block::Activities { activities } => activities
            .iter()
            .flat_map(|a| {
                [
                    a.when.as_str(),
                    a.content.as_str(),
                    a.lead.as_str(),
                    a.participants.as_str(),
                ]
            })
            .collect(),
    }
}

fn placeholders_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(rest[start..start + len + 1].to_string());
        rest = &rest[start + len + 1..];
    }
    out
}

/// The months a date range covers, as (year, month), for timelines.
pub fn months_between(start: NaiveDate, end: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (start.year(), start.month());
    while (y, m) <= (end.year(), end.month()) {
        out.push((y, m));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// 一、二、… 九十九 for section numbers.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// A date as Chinese documents write it: 2026年6月30日.
pub fn zh_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
