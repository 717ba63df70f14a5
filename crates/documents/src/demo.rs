//! Sample schools for workshops: fictional, marked 示例, each with a complete evaluation, an earlier one for
//! the year-over-year view, a plan and a ledger with tasks in every status. Answers are generated
//! deterministically, so every workshop shows the same data.

use chrono::{Duration, NaiveDate};
use xzzp_core::backup::{Backup, EvaluationBackup, LedgerBackup, PlanBackup};
use xzzp_core::evaluation::{Answer, AnswerValue, Answers, EvaluationHeader, SchoolYear, Term};
use xzzp_core::framework::{Framework, PointKind, SchoolType};
use xzzp_core::ledger::{draft_tasks, Drafting, Ledger, Milestone, ProgressNote, Status, WeakRule};
use xzzp_core::persist::PlanHeader;
use xzzp_core::plan::Block;
use xzzp_core::planning::plan_context;
use xzzp_core::report::ReportEdits;
use xzzp_core::school::{GroupRole, School};
use xzzp_core::scoring::score;
use xzzp_templates as catalog;

/// The profile id sample data lives in, so it never mixes with a school's real data.
pub const DEMO_PROFILE: &str = "demo";

struct Sample {
    id: &'static str,
    name: &'static str,
    school_type: SchoolType,
    framework: &'static str,
    students: u32,
    classes: u32,
    teachers: u32,
    principal: &'static str,
    role: GroupRole,
    group: &'static str,
    /// Shifts the answers: higher is a stronger school.
    strength: u64,
}

const SAMPLES: [Sample; 3] = [
    Sample {
        id: "demo-rural",
        name: "示例·青山乡中心小学",
        school_type: SchoolType::Primary,
        framework: "compulsory-2021",
        students: 186,
        classes: 6,
        teachers: 17,
        principal: "李明（示例）",
        role: GroupRole::Member,
        group: "示例县第一教育集团",
        strength: 3,
    },
    Sample {
        id: "demo-urban",
        name: "示例·城东初级中学",
        school_type: SchoolType::Junior,
        framework: "quality-action",
        students: 1460,
        classes: 30,
        teachers: 112,
        principal: "王芳（示例）",
        role: GroupRole::Core,
        group: "示例县第一教育集团",
        strength: 6,
    },
    Sample {
        id: "demo-senior",
        name: "示例·河西高级中学",
        school_type: SchoolType::Senior,
        framework: "senior-2022",
        students: 2130,
        classes: 42,
        teachers: 186,
        principal: "赵强（示例）",
        role: GroupRole::None,
        group: "",
        strength: 5,
    },
];

/// A small deterministic hash, so that sample answers vary by point but never between runs.
fn mix(a: &str, salt: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
    for b in a.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 29)
}

const NOTES: [&str; 5] = [
    "已建立相关制度并按学期落实，会议记录和活动照片存档齐全。",
    "本学期开展了专题活动，但覆盖面还不够，部分年级记录不完整。",
    "工作有安排、有检查，但成效还需要用数据进一步说明。",
    "对照要求逐项自查，发现台账不连续，已安排专人负责整理。",
    "家长和学生反映良好，下一步将总结经验形成校本做法。",
];

/// Answers for a framework: mostly 良好/合格, some 优秀 and 待改进; numbers near their targets; a note on
/// about one point in three. `lift` raises every answer (used for the later evaluation).
fn answers(fw: &Framework, salt: u64, strength: u64, lift: u64) -> Answers {
    let mut a = Answers::default();
    let levels = &fw.scale.levels;
    for (_, _, p) in fw.points() {
        let h = mix(&p.id, salt);
        let roll = (h % 10 + strength + lift).min(14);
        let value = match p.kind {
            PointKind::Level => {
                // roll 0..14 → index from worst to best.
                let best = levels.len() - 1;
                let idx = best - ((roll as usize * levels.len()) / 15).min(best);
                Some(AnswerValue::Level(levels[idx].id.clone()))
            }
            PointKind::YesNo => Some(AnswerValue::YesNo(roll >= 4)),
            PointKind::Number => {
                let base = p.target.unwrap_or(10.0);
                let factor = 0.8 + (roll as f64) * 0.03;
                let v = (base * factor * 10.0).round() / 10.0;
                Some(AnswerValue::Number(v))
            }
            PointKind::Text => Some(AnswerValue::Text(
                "学校以“书香校园”和劳动教育为特色，形成了每周一次的阅读分享和校园种植园活动。（示例）".into(),
            )),
        };
        let note = if h.is_multiple_of(3) {
            NOTES[(h / 3 % NOTES.len() as u64) as usize].to_string()
        } else {
            String::new()
        };
        a.by_point.insert(
            p.id.clone(),
            Answer {
                value,
                note,
                not_applicable: None,
            },
        );
    }
    a
}

const OWNERS: [(&str, &str); 5] = [
    ("张老师", "教务处"),
    ("刘老师", "德育处"),
    ("陈老师", "总务处"),
    ("杨老师", "办公室"),
    ("周老师", "信息中心"),
];

/// The sample schools as a backup file, dated around `today`.
pub fn build(today: NaiveDate) -> Backup {
    let year = SchoolYear::containing(today);
    let mut b = Backup::new(&today.to_string(), "示例数据（培训演示）");
    for (n, s) in SAMPLES.iter().enumerate() {
        let Some(fw) = catalog::framework(s.framework) else {
            continue;
        };
        let mut school = School::new(s.id, s.name, s.school_type);
        school.county = "示例县".into();
        school.principal = s.principal.into();
        school.students = Some(s.students);
        school.classes = Some(s.classes);
        school.teachers = Some(s.teachers);
        school.group_role = s.role;
        school.group_name = s.group.into();
        school.demo = true;

        let header = |suffix: &str, y: SchoolYear| EvaluationHeader {
            id: format!("{}-{suffix}", s.id),
            school_id: s.id.into(),
            framework_id: fw.id.clone(),
            framework_version: fw.version.clone(),
            school_year: y,
            term: Term::Year,
            created: today.to_string(),
        };
        let earlier = header("earlier", SchoolYear(year.0 - 1));
        let current = header("current", year);
        let earlier_answers = answers(&fw, n as u64, s.strength, 0);
        let current_answers = answers(&fw, n as u64, s.strength, 2);

        // Plans: the self-evaluation plan, and the group plan for the core school.
        let ctx = plan_context(&school, year, Some(&fw));
        let mut plans = Vec::new();
        for template_id in ["self-eval-plan", "group-support-plan"] {
            if template_id == "group-support-plan" && s.role != GroupRole::Core {
                continue;
            }
            let Some(t) = catalog::plan_template(template_id) else {
                continue;
            };
            let mut plan = t.instantiate(&ctx);
            for block in plan
                .sections
                .iter_mut()
                .flat_map(|sec| sec.blocks.iter_mut())
            {
                if let Block::People { people } = block {
                    for (i, p) in people.iter_mut().enumerate().skip(1) {
                        if p.name.is_empty() {
                            p.name = OWNERS[(i - 1) % OWNERS.len()].0.into();
                        }
                    }
                }
                if let Block::Group { members, core, .. } = block {
                    *core = s.name.into();
                    *members = vec!["示例·青山乡中心小学".into(), "示例·柳湾村小学".into()];
                }
            }
            plans.push(PlanBackup {
                header: PlanHeader {
                    id: format!("{}-{template_id}", s.id),
                    school_id: s.id.into(),
                    template_id: template_id.into(),
                    evaluation_id: Some(current.id.clone()),
                    school_year: year,
                    created: today.to_string(),
                },
                plan,
            });
        }

        // Ledger: tasks from the weak points, owners assigned, statuses spread over all four.
        let card = score(&fw, &current_answers);
        let mut counter = 0;
        let mut draft = |at_most: f64| {
            draft_tasks(
                &Drafting {
                    fw: &fw,
                    card: &card,
                    answers: &current_answers,
                    evaluation_id: &current.id,
                    rule: WeakRule { at_most },
                    today,
                },
                &Ledger::default(),
                || {
                    counter += 1;
                    format!("{}-task-{counter}", s.id)
                },
            )
        };
        // A strong school has few weak points; take 良好 too, so the ledger shows every status.
        let mut tasks = draft(fw.scale.weakness_at_most);
        if tasks.len() < 5 {
            tasks = draft(0.8);
        }
        tasks.truncate(8);
        for (i, t) in tasks.iter_mut().enumerate() {
            let (owner, dept) = OWNERS[i % OWNERS.len()];
            t.owner = owner.into();
            t.department = dept.into();
            let start = today - Duration::days(60 - 10 * i as i64);
            t.start = Some(start);
            t.due = Some(start + Duration::days(45 + 20 * i as i64));
            t.status = match i % 5 {
                0 => Status::Done,
                1 => Status::InProgress,
                2 => Status::NotStarted,
                3 => Status::Delayed,
                // Past its date and not done: shown as overdue.
                _ => {
                    t.due = Some(today - Duration::days(7));
                    Status::InProgress
                }
            };
            t.milestones = vec![
                Milestone {
                    date: start + Duration::days(15),
                    text: "制定整改方案".into(),
                    done: i % 5 != 2,
                },
                Milestone {
                    date: start + Duration::days(40),
                    text: "中期检查".into(),
                    done: t.status == Status::Done,
                },
            ];
            t.notes = vec![ProgressNote {
                date: start + Duration::days(10),
                text: "召开专题会议，明确分工。（示例）".into(),
            }];
        }

        b.schools.push(school);
        b.evaluations.push(EvaluationBackup {
            header: earlier,
            answers: earlier_answers,
            report: ReportEdits::default(),
            respondents: vec![],
        });
        b.evaluations.push(EvaluationBackup {
            header: current,
            answers: current_answers,
            report: ReportEdits::default(),
            respondents: vec![],
        });
        b.plans.extend(plans);
        b.ledgers.push(LedgerBackup {
            school_id: s.id.into(),
            ledger: Ledger { tasks },
        });
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{build as build_report, earlier_evaluation, ReportInput};
    use xzzp_core::backup::{parse, to_json, Import};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn three_marked_sample_schools_with_complete_evaluations_and_every_task_status() {
        let b = build(today());
        assert_eq!(b.schools.len(), 3);
        assert!(b
            .schools
            .iter()
            .all(|s| s.demo && s.name.starts_with("示例·")));
        let types: Vec<_> = b.schools.iter().map(|s| s.school_type).collect();
        assert_eq!(
            types,
            vec![SchoolType::Primary, SchoolType::Junior, SchoolType::Senior]
        );
        assert_eq!(b.evaluations.len(), 6);
        for e in &b.evaluations {
            let fw = catalog::framework(&e.header.framework_id).unwrap();
            assert_eq!(
                e.answers.by_point.len(),
                fw.point_count(),
                "{} is complete",
                e.header.id
            );
        }
        for l in &b.ledgers {
            let shown: Vec<Status> = l
                .ledger
                .tasks
                .iter()
                .map(|t| t.shown_status(today()))
                .collect();
            for s in Status::ALL {
                assert!(
                    shown.contains(&s),
                    "{}: no task {:?} in {shown:?}",
                    l.school_id,
                    s
                );
            }
            assert!(l.ledger.tasks.iter().any(|t| t.is_overdue(today())));
        }
        assert!(b
            .plans
            .iter()
            .any(|p| p.header.template_id == "group-support-plan"));
    }

    #[test]
    fn the_later_evaluation_improves_on_the_earlier_one() {
        let b = build(today());
        for s in &b.schools {
            let evs: Vec<_> = b
                .evaluations
                .iter()
                .filter(|e| e.header.school_id == s.id)
                .collect();
            let headers: Vec<_> = evs.iter().map(|e| e.header.clone()).collect();
            let current = evs
                .iter()
                .find(|e| e.header.id.ends_with("current"))
                .unwrap();
            let earlier = earlier_evaluation(&headers, &current.header).unwrap();
            let earlier_answers = &evs
                .iter()
                .find(|e| e.header.id == earlier.id)
                .unwrap()
                .answers;
            let fw = catalog::framework(&current.header.framework_id).unwrap();
            let ledger = &b
                .ledgers
                .iter()
                .find(|l| l.school_id == s.id)
                .unwrap()
                .ledger;
            let report = build_report(&ReportInput {
                school: s,
                header: &current.header,
                fw: &fw,
                answers: &current.answers,
                plan: b
                    .plans
                    .iter()
                    .find(|p| p.header.school_id == s.id)
                    .map(|p| &p.plan),
                ledger,
                earlier: Some((earlier, earlier_answers)),
                respondents: (0, Default::default()),
                edits: &ReportEdits::default(),
                date: today(),
            });
            let c = report.comparison.unwrap();
            assert!(
                c.rows.iter().filter(|d| d.is_area).any(|d| d.mark() == "↑"),
                "{}",
                s.name
            );
        }
    }

    #[test]
    fn sample_data_is_a_valid_backup_and_the_same_every_time() {
        let json = to_json(&build(today()));
        assert_eq!(json, to_json(&build(today())));
        assert!(matches!(
            parse(json.as_bytes(), catalog::framework),
            Ok(Import::Backup(_))
        ));
    }
}
