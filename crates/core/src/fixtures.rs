//! A small framework for unit tests, with one point of every kind.

use super::assignment::Assignment;
use super::evaluation::{EvaluationHeader, SchoolYear, Term};
use super::framework::*;
use super::school::School;

fn src() -> Source {
    Source {
        doc: "测试文件".into(),
        section: "一".into(),
        confirmed: true,
        note: String::new(),
    }
}

/// A point of the given kind with sensible defaults.
pub fn point(id: &str, kind: PointKind) -> Point {
    Point {
        id: id.into(),
        text: format!("要点 {id}"),
        text_en: String::new(),
        guidance: "看材料".into(),
        guidance_en: String::new(),
        evidence: vec![],
        evidence_en: vec![],
        kind,
        weight: 1.0,
        unit: String::new(),
        direction: None,
        target: None,
        source: src(),
        previous_ids: vec![],
    }
}

/// A number point with a target.
pub fn number(id: &str, unit: &str, direction: Direction, target: Option<f64>) -> Point {
    Point {
        unit: unit.into(),
        direction: Some(direction),
        target,
        ..point(id, PointKind::Number)
    }
}

/// An indicator.
pub fn indicator(id: &str, points: Vec<Point>) -> Indicator {
    Indicator {
        id: id.into(),
        title: format!("指标 {id}"),
        title_en: String::new(),
        source: src(),
        points,
    }
}

/// An area.
pub fn area(id: &str, indicators: Vec<Indicator>) -> Area {
    Area {
        id: id.into(),
        title: format!("方面 {id}"),
        title_en: String::new(),
        source: src(),
        indicators,
    }
}

/// The 优秀 4 / 良好 3 / 合格 2 / 待改进 1 scale.
pub fn scale() -> Scale {
    let l = |id: &str, label: &str, score: f64| Level {
        id: id.into(),
        label: label.into(),
        label_en: String::new(),
        score,
        description: String::new(),
    };
    Scale {
        levels: vec![
            l("A", "优秀", 4.0),
            l("B", "良好", 3.0),
            l("C", "合格", 2.0),
            l("D", "待改进", 1.0),
        ],
        strength_at_least: 0.75,
        weakness_at_most: 0.5,
    }
}

/// Two areas, three indicators, seven points:
/// A1 / I1: p1 level (weight 2), p2 yes/no, p3 number ≥ 45 %; A1 / I2: p4 level, p5 text;
/// A2 / I3: p6 number ≤ 5 次, p7 level.
pub fn framework() -> Framework {
    Framework {
        id: "test".into(),
        version: "1".into(),
        title: "测试框架".into(),
        title_en: String::new(),
        issuer: "测试".into(),
        document: "测试文件".into(),
        year: 2021,
        school_types: vec![SchoolType::Primary],
        description: String::new(),
        description_en: String::new(),
        scale: scale(),
        areas: vec![
            area(
                "A1",
                vec![
                    indicator(
                        "I1",
                        vec![
                            Point {
                                weight: 2.0,
                                ..point("p1", PointKind::Level)
                            },
                            point("p2", PointKind::YesNo),
                            number("p3", "%", Direction::Higher, Some(45.0)),
                        ],
                    ),
                    indicator(
                        "I2",
                        vec![point("p4", PointKind::Level), point("p5", PointKind::Text)],
                    ),
                ],
            ),
            area(
                "A2",
                vec![indicator(
                    "I3",
                    vec![
                        number("p6", "次", Direction::Lower, Some(5.0)),
                        point("p7", PointKind::Level),
                    ],
                )],
            ),
        ],
        based_on: String::new(),
    }
}

/// The 分工 of the staff tests, on [`framework`]: 教务处 d1 (items I1 and p7, head 李华: a4 李华 教务主任, a5
/// 王芳 语文教师 with her own items p1 and p4, a6 all 12 staff of the department), 德育处 d2 (A2: a7 赵强 德育主任),
/// 总务处 d3 (nothing yet), and a8, a school-level anonymous survey of everything.
pub fn assignment() -> Assignment {
    let mut a = Assignment::default();
    let jw = a.add_department("教务处");
    let dy = a.add_department("德育处");
    a.add_department("总务处");
    a.department_mut(&jw).unwrap().items = vec!["I1".into(), "p7".into()];
    a.department_mut(&jw).unwrap().lead = "李华".into();
    a.department_mut(&dy).unwrap().items = vec!["A2".into()];
    a.add_person(Some(&jw), "李华", "教务主任");
    let wang = a.add_person(Some(&jw), "王芳", "语文教师");
    a.assignee_mut(&wang).unwrap().items = Some(vec!["p1".into(), "p4".into()]);
    a.add_staff(Some(&jw), Some(12), false);
    a.add_person(Some(&dy), "赵强", "德育主任");
    a.add_staff(None, None, true);
    a
}

/// The school of the staff tests: s1 贺兰县第一小学.
pub fn school() -> School {
    School::new("s1", "贺兰县第一小学", SchoolType::Primary)
}

/// The evaluation of the staff tests: e1 of s1 on [`framework`], 2025—2026 first term.
pub fn header() -> EvaluationHeader {
    EvaluationHeader {
        id: "e1".into(),
        school_id: "s1".into(),
        framework_id: "test".into(),
        framework_version: "1".into(),
        school_year: SchoolYear(2025),
        term: Term::First,
        created: "2025-09-01".into(),
    }
}
