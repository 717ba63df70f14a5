//! A small framework for unit tests, with one point of every kind.

use super::framework::*;

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
