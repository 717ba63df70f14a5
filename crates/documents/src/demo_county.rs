//! A sample county for workshops: twelve fictional schools of 示例县 (marked as sample data), each with a 上报包
//! of the 74-point 教育质量提升行动 checklist, of varied quality — strong and weak schools, one without a
//! 自评方案, one that answered only part of the framework, several with overdue ledger tasks — plus last year's
//! packages of nine of them for the year-over-year view, an earlier export of one school that its newer package
//! replaces, and the bureau's expected list (a CSV as Excel writes it) naming two schools that did not submit.
//! Everything is generated deterministically from the date, so every workshop shows the same figures.

use crate::report::ReportInput;
use crate::submission::export;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;
use xzzp_core::evaluation::{Answer, AnswerValue, Answers, EvaluationHeader, SchoolYear, Term};
use xzzp_core::framework::{Direction, Framework, PointKind, SchoolType};
use xzzp_core::ledger::{draft_tasks, Drafting, Ledger, Milestone, ProgressNote, Status, WeakRule};
use xzzp_core::persist::PlanHeader;
use xzzp_core::planning::plan_context;
use xzzp_core::report::ReportEdits;
use xzzp_core::school::{GroupRole, School};
use xzzp_core::scoring::score;
use xzzp_core::submission::{to_file, SELF_EVAL_PLAN_TEMPLATE};
use xzzp_templates as catalog;

/// The framework the sample county uses.
pub const SAMPLE_FRAMEWORK: &str = "quality-action";

/// The sample county's files, as the bureau would receive them.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleCounty {
    /// The bureau's name, for the 通报's 发文机关 line.
    pub issuer: String,
    /// The expected schools as a CSV exported from a spreadsheet (title row, header, 序号 column).
    pub expected_csv: String,
    /// This year's package files, one per school that submitted.
    pub packages: Vec<String>,
    /// An earlier export of one school; import it before `packages` and the newer one replaces it.
    pub superseded: String,
    /// Last year's package files of the same framework.
    pub last_year: Vec<String>,
}

struct Sample<'a> {
    id: &'a str,
    name: &'a str,
    school_type: SchoolType,
    role: GroupRole,
    group: &'a str,
    /// 0 (weak) to 9 (strong).
    strength: u64,
    /// Strength last year; `None` when the school sent nothing last year.
    last_year: Option<u64>,
    /// Percent of points answered.
    answered: u64,
    plan: bool,
    overdue: bool,
}

const GROUP_1: &str = "示例县第一教育集团";
const GROUP_2: &str = "示例县第二教育集团";

const SAMPLES: [Sample<'static>; 12] = [
    Sample {
        id: "county-demo-1",
        name: "示例县第一小学",
        school_type: SchoolType::Primary,
        role: GroupRole::Core,
        group: GROUP_1,
        strength: 8,
        last_year: Some(6),
        answered: 100,
        plan: true,
        overdue: false,
    },
    Sample {
        id: "county-demo-2",
        name: "示例县第二小学",
        school_type: SchoolType::Primary,
        role: GroupRole::Member,
        group: GROUP_1,
        strength: 5,
        last_year: Some(4),
        answered: 100,
        plan: true,
        overdue: false,
    },
    Sample {
        id: "county-demo-3",
        name: "示例县第三小学",
        school_type: SchoolType::Primary,
        role: GroupRole::None,
        group: "",
        strength: 3,
        last_year: Some(4),
        answered: 100,
        plan: true,
        overdue: true,
    },
    Sample {
        id: "county-demo-4",
        name: "示例县实验小学",
        school_type: SchoolType::Primary,
        role: GroupRole::Core,
        group: GROUP_2,
        strength: 9,
        last_year: Some(8),
        answered: 100,
        plan: true,
        overdue: false,
    },
    Sample {
        id: "county-demo-5",
        name: "示例县青山乡中心小学",
        school_type: SchoolType::Primary,
        role: GroupRole::Member,
        group: GROUP_2,
        strength: 2,
        last_year: Some(1),
        answered: 100,
        plan: false,
        overdue: true,
    },
    Sample {
        id: "county-demo-6",
        name: "示例县柳湾村小学",
        school_type: SchoolType::Primary,
        role: GroupRole::Member,
        group: GROUP_1,
        strength: 2,
        last_year: None,
        answered: 60,
        plan: true,
        overdue: false,
    },
    Sample {
        id: "county-demo-7",
        name: "示例县第一中学",
        school_type: SchoolType::Junior,
        role: GroupRole::Member,
        group: GROUP_1,
        strength: 7,
        last_year: Some(4),
        answered: 100,
        plan: true,
        overdue: false,
    },
    Sample {
        id: "county-demo-8",
        name: "示例县第二中学",
        school_type: SchoolType::Junior,
        role: GroupRole::None,
        group: "",
        strength: 4,
        last_year: Some(4),
        answered: 100,
        plan: true,
        overdue: true,
    },
    Sample {
        id: "county-demo-9",
        name: "示例县城东初级中学",
        school_type: SchoolType::Junior,
        role: GroupRole::Member,
        group: GROUP_2,
        strength: 6,
        last_year: Some(5),
        answered: 100,
        plan: true,
        overdue: false,
    },
    Sample {
        id: "county-demo-10",
        name: "示例县河西九年制学校",
        school_type: SchoolType::NineYear,
        role: GroupRole::None,
        group: "",
        strength: 3,
        last_year: None,
        answered: 100,
        plan: true,
        overdue: false,
    },
    Sample {
        id: "county-demo-11",
        name: "示例县高级中学",
        school_type: SchoolType::Senior,
        role: GroupRole::None,
        group: "",
        strength: 6,
        last_year: Some(5),
        answered: 100,
        plan: true,
        overdue: false,
    },
    Sample {
        id: "county-demo-12",
        name: "示例县第四小学",
        school_type: SchoolType::Primary,
        role: GroupRole::None,
        group: "",
        strength: 5,
        last_year: None,
        answered: 100,
        plan: true,
        overdue: false,
    },
];

/// On the expected list but without a package.
const MISSING: [&str; 2] = ["示例县第五小学", "示例县红星村小学"];

/// A small deterministic hash, so that answers vary by point and school but never between runs.
fn mix(a: &str, salt: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in a.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 31)
}

const GOOD_NOTES: [&str; 5] = [
    "已形成学期计划、过程记录和总结的完整台账，相关活动每月开展并在校园网公示。",
    "建立了年级组牵头、教研组落实的工作机制，本学年全部班级参与，家长反馈良好。",
    "与集团内学校联合开展专题活动，形成的校本做法已在集团内交流。",
    "制度、记录、成效材料齐全，学生参与情况有统计数据佐证。",
    "每学期开展两次专项检查，问题清单和整改记录完整。",
];

const WEAK_NOTES: [&str; 5] = [
    "有工作安排，但过程记录不完整，部分年级没有开展。",
    "功能室已建成，但使用不经常，缺少使用登记。",
    "本学期尚未开展，计划下学期启动。",
    "活动形式较单一，覆盖面不够，成效还缺少数据说明。",
    "相关制度正在修订，台账需要进一步规范。",
];

/// Answers to every point of a framework (or `answered` percent of them) at a school's strength.
fn answers(fw: &Framework, salt: u64, strength: u64, answered: u64) -> Answers {
    let mut a = Answers::default();
    let levels = &fw.scale.levels;
    for (_, _, p) in fw.points() {
        let h = mix(&p.id, salt);
        if (h >> 8) % 100 >= answered {
            continue;
        }
        let roll = h % 10 + strength;
        // roll ≥ 11: best level; ≥ 6: the middle; else the lowest (on a scale of three or more levels).
        let idx = if roll >= 11 {
            0
        } else if roll >= 6 {
            (levels.len() / 2).min(levels.len() - 1)
        } else {
            levels.len() - 1
        };
        let good = roll >= 9;
        let value = match p.kind {
            PointKind::Level => AnswerValue::Level(levels[idx].id.clone()),
            PointKind::YesNo => AnswerValue::YesNo(roll >= 5),
            PointKind::Number => {
                let target = p.target.unwrap_or(10.0);
                let factor = match p.direction {
                    Some(Direction::Lower) => 1.4 - roll as f64 * 0.04,
                    _ => 0.6 + roll as f64 * 0.04,
                };
                AnswerValue::Number((target * factor * 10.0).round() / 10.0)
            }
            PointKind::Text => AnswerValue::Text(
                "学校以阅读和劳动教育为特色，每周开展一次班级读书分享，校园种植园由各班轮流管理。"
                    .into(),
            ),
        };
        let note = if h.is_multiple_of(3) {
            let pool = if good { &GOOD_NOTES } else { &WEAK_NOTES };
            pool[(h / 3 % pool.len() as u64) as usize].to_string()
        } else {
            String::new()
        };
        a.by_point.insert(
            p.id.clone(),
            Answer {
                value: Some(value),
                note,
                not_applicable: None,
            },
        );
    }
    a
}

const OWNERS: [(&str, &str); 5] = [
    ("张老师（示例）", "教务处"),
    ("刘老师（示例）", "德育处"),
    ("陈老师（示例）", "总务处"),
    ("杨老师（示例）", "办公室"),
    ("周老师（示例）", "信息中心"),
];

/// The ledger: tasks drafted from the weak points, owners assigned; some done, some overdue on the export date.
fn ledger(
    fw: &Framework,
    answers: &Answers,
    evaluation_id: &str,
    exported: NaiveDate,
    overdue: bool,
) -> Ledger {
    let card = score(fw, answers);
    let start = exported - Duration::days(120);
    let mut n = 0;
    let mut tasks = draft_tasks(
        &Drafting {
            fw,
            card: &card,
            answers,
            evaluation_id,
            rule: WeakRule {
                at_most: fw.scale.weakness_at_most,
            },
            today: start,
        },
        &Ledger::default(),
        || {
            n += 1;
            format!("{evaluation_id}-task-{n}")
        },
    );
    tasks.truncate(6);
    for (i, t) in tasks.iter_mut().enumerate() {
        let (owner, dept) = OWNERS[i % OWNERS.len()];
        t.owner = owner.into();
        t.department = dept.into();
        t.start = Some(start + Duration::days(7 * i as i64));
        t.status = match i % 3 {
            0 => Status::Done,
            1 => Status::InProgress,
            _ => Status::NotStarted,
        };
        t.due = Some(if overdue && t.status != Status::Done {
            exported - Duration::days(10 + 5 * i as i64)
        } else {
            exported + Duration::days(60 + 10 * i as i64)
        });
        t.milestones = vec![Milestone {
            date: start + Duration::days(30),
            text: "制定整改方案".into(),
            done: true,
        }];
        t.notes = vec![ProgressNote {
            date: start + Duration::days(14),
            text: "召开专题会议，明确分工。（示例）".into(),
        }];
    }
    Ledger { tasks }
}

fn school(s: &Sample) -> School {
    let mut school = School::new(s.id, s.name, s.school_type);
    school.county = "示例县".into();
    school.principal = "（示例）".into();
    school.group_role = s.role;
    school.group_name = s.group.into();
    school.demo = true;
    school
}

/// One school's package file for a school year.
fn package(
    fw: &Framework,
    n: usize,
    s: &Sample,
    year: SchoolYear,
    strength: u64,
    exported_at: NaiveDateTime,
    id: String,
) -> String {
    let school = school(s);
    let header = EvaluationHeader {
        id: format!("{}-{}", s.id, year.0),
        school_id: s.id.into(),
        framework_id: fw.id.clone(),
        framework_version: fw.version.clone(),
        school_year: year,
        term: Term::Year,
        created: format!("{}-09-15", year.0),
    };
    let answers = answers(fw, n as u64 * 31 + year.0 as u64, strength, s.answered);
    let plan = if s.plan {
        catalog::plan_template(SELF_EVAL_PLAN_TEMPLATE)
            .map(|t| t.instantiate(&plan_context(&school, year, Some(fw))))
    } else {
        None
    };
    let plan_header = PlanHeader {
        id: format!("{}-plan-{}", s.id, year.0),
        school_id: s.id.into(),
        template_id: SELF_EVAL_PLAN_TEMPLATE.into(),
        evaluation_id: Some(header.id.clone()),
        school_year: year,
        created: format!("{}-09-20", year.0),
    };
    let ledger = ledger(fw, &answers, &header.id, exported_at.date(), s.overdue);
    let mut edits = ReportEdits::default();
    if n == 0 {
        edits.sections.insert(
            "next".into(),
            "（一）巩固集团化办学成果\n学校将继续发挥核心校作用，每月组织一次集团内联合教研。（示例：校长修改过的段落）"
                .into(),
        );
    }
    let sub = export(
        &ReportInput {
            school: &school,
            header: &header,
            fw,
            answers: &answers,
            plan: plan.as_ref(),
            ledger: &ledger,
            earlier: None,
            respondents: (0, BTreeMap::new()),
            edits: &edits,
            date: exported_at.date(),
        },
        plan.as_ref().map(|_| &plan_header),
        &[],
        None,
        &id,
        exported_at,
    );
    to_file(&sub)
}

fn expected_csv(year: SchoolYear) -> String {
    let mut csv = format!(
        "示例县{}学校质量自评报送名单（示例）,,\r\n序号,学校名称,学校类型\r\n",
        year.zh()
    );
    let mut names: Vec<(String, &str)> = SAMPLES
        .iter()
        .map(|s| (s.name.to_string(), s.school_type.zh()))
        .collect();
    // As people type lists: a space, a full-width space, one name without the county.
    names[1].0 = "示例县 第二小学".into();
    names[6].0 = "示例县第一中学　".into();
    names[8].0 = "城东初级中学".into();
    names.insert(5, (MISSING[0].into(), "小学"));
    names.push((MISSING[1].into(), "小学"));
    for (i, (name, kind)) in names.iter().enumerate() {
        csv.push_str(&format!("{},{name},{kind}\r\n", i + 1));
    }
    csv
}

/// The sample county, with this year's packages exported a few days before `today`.
pub fn build(today: NaiveDate) -> SampleCounty {
    let year = SchoolYear::containing(today);
    let Some(fw) = catalog::framework(SAMPLE_FRAMEWORK) else {
        return SampleCounty {
            issuer: String::new(),
            expected_csv: String::new(),
            packages: vec![],
            superseded: String::new(),
            last_year: vec![],
        };
    };
    let at = |days_before: i64, hour: u32| {
        (today - Duration::days(days_before))
            .and_hms_opt(hour, 30, 0)
            .unwrap_or_default()
    };
    let mut packages = Vec::new();
    let mut last_year = Vec::new();
    for (n, s) in SAMPLES.iter().enumerate() {
        packages.push(package(
            &fw,
            n,
            s,
            year,
            s.strength,
            at(3 + (n % 4) as i64, 9 + (n % 8) as u32),
            format!("{}-{}-v2", s.id, year.0),
        ));
        if let Some(strength) = s.last_year {
            let prev = SchoolYear(year.0 - 1);
            last_year.push(package(
                &fw,
                n,
                s,
                prev,
                strength,
                (today - Duration::days(365 + n as i64))
                    .and_hms_opt(10, 0, 0)
                    .unwrap_or_default(),
                format!("{}-{}", s.id, prev.0),
            ));
        }
    }
    let superseded = package(
        &fw,
        1,
        &SAMPLES[1],
        year,
        SAMPLES[1].strength.saturating_sub(2),
        at(10, 8),
        format!("{}-{}-v1", SAMPLES[1].id, year.0),
    );
    SampleCounty {
        issuer: "示例县教育体育局（示例）".into(),
        expected_csv: expected_csv(year),
        packages,
        superseded,
        last_year,
    }
}

/// `count` synthetic package files of the 74-point framework for scale tests and benchmarks: schools named
/// 示例县第N学校 of every strength and type, complete answers with notes, plans, ledgers and report texts, exported
/// the day before `today` for the school year `today` falls in (`year_offset` years earlier when given).
pub fn synthetic(count: usize, today: NaiveDate, year_offset: i32) -> Vec<String> {
    let Some(fw) = catalog::framework(SAMPLE_FRAMEWORK) else {
        return vec![];
    };
    let year = SchoolYear(SchoolYear::containing(today).0 - year_offset);
    let types = [
        SchoolType::Primary,
        SchoolType::Junior,
        SchoolType::NineYear,
        SchoolType::Senior,
    ];
    let groups = ["", GROUP_1, GROUP_2];
    (0..count)
        .map(|n| {
            let id = format!("synthetic-{n}");
            let name = format!("示例县第{}学校", n + 1);
            let s = Sample {
                id: &id,
                name: &name,
                school_type: types[n % types.len()],
                role: if n % 3 == 0 {
                    GroupRole::None
                } else {
                    GroupRole::Member
                },
                group: groups[n % 3],
                strength: (n % 10) as u64,
                last_year: None,
                answered: 100,
                plan: n % 7 != 0,
                overdue: n % 4 == 0,
            };
            let exported = (today - Duration::days(1 + 365 * year_offset as i64))
                .and_hms_opt(8 + (n % 10) as u32, (n % 60) as u32, 0)
                .unwrap_or_default();
            let strength = s.strength.saturating_sub(year_offset as u64);
            package(
                &fw,
                n,
                &s,
                year,
                strength,
                exported,
                format!("{id}-{}", year.0),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use xzzp_core::rollup::Collection;
    use xzzp_core::roster::parse_expected;
    use xzzp_core::submission::parse;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
    }

    #[test]
    fn twelve_marked_sample_schools_of_varied_quality_with_two_missing() {
        let county = build(today());
        assert_eq!(county.packages.len(), 12);
        assert_eq!(county.last_year.len(), 9);
        let subs: Vec<_> = county
            .packages
            .iter()
            .map(|f| parse(f.as_bytes()).expect("a valid package"))
            .collect();
        assert!(subs
            .iter()
            .all(|s| s.school.demo && s.school.name.starts_with("示例县")));
        assert!(subs.iter().all(|s| s.framework.point_count() == 74));
        assert_eq!(subs.iter().filter(|s| !s.plan.made).count(), 1);
        assert!(
            subs.iter()
                .filter(|s| s.overdue_tasks().count() > 0)
                .count()
                >= 3
        );
        let c = Collection::from_packages(subs);
        let r = c.rollup(&c.groups()[0].key).unwrap();
        assert_eq!(r.rows.len(), 12);
        assert_eq!(
            r.incomplete().len(),
            1,
            "one school answered part of the framework"
        );
        let ratios: Vec<f64> = r.rows.iter().filter_map(|x| x.overall.ratio).collect();
        let (lo, hi) = ratios
            .iter()
            .fold((1.0f64, 0.0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        assert!(hi - lo > 0.4, "strong and weak schools: {lo:.2}–{hi:.2}");
        let list = parse_expected(&county.expected_csv);
        assert_eq!(list.schools.len(), 14);
        let a = r.attendance(&list);
        let missing: Vec<&str> = a
            .missing
            .iter()
            .map(|&i| list.schools[i].name.as_str())
            .collect();
        assert_eq!(missing, MISSING);
        assert!(a.unexpected.is_empty());
    }

    #[test]
    fn last_years_packages_and_an_earlier_export_are_there_too() {
        let county = build(today());
        let mut c = Collection::new();
        let older = parse(county.superseded.as_bytes()).unwrap();
        assert!(c.add(older).taken());
        let mut replaced = 0;
        for f in county.packages.iter().chain(&county.last_year) {
            let n = c.add(parse(f.as_bytes()).unwrap());
            assert!(n.taken());
            if matches!(n.outcome, xzzp_core::rollup::IntakeOutcome::Replaced { .. }) {
                replaced += 1;
            }
        }
        assert_eq!(replaced, 1);
        let groups = c.groups();
        assert_eq!(groups.len(), 2);
        let now = c.rollup(&groups[0].key).unwrap();
        let before = c
            .rollup(&c.previous_group(&groups[0].key).unwrap())
            .unwrap();
        let va = xzzp_core::rollup::value_added(&now, &before);
        assert_eq!(va.schools.len(), 9);
        assert_eq!(va.new_schools.len(), 3);
        assert!(va.most_improved()[0].change().unwrap() > 0.0);
    }

    #[test]
    fn the_sample_county_is_the_same_every_time() {
        assert_eq!(build(today()), build(today()));
    }
}
