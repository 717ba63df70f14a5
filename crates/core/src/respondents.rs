//! Teachers' answers merged into one evaluation: per point, the distribution of levels, the mean, the count of
//! respondents and their notes. The principal's own consolidated answer stays separate.

use super::backup::AnswerFile;
use super::evaluation::{Answer, AnswerValue};
use super::framework::{Framework, Point, PointKind};
use super::ledger::trim_number;
use super::report::RespondentStats;
use std::collections::BTreeMap;

/// What the respondents said about one point.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PointStats {
    /// Respondents who answered it (not counting 不适用).
    pub count: usize,
    /// Respondents who marked it 不适用.
    pub not_applicable: usize,
    /// Level id → respondents, in scale order (levels nobody chose are left out).
    pub levels: Vec<(String, usize)>,
    /// 是 and 否 counts.
    pub yes_no: (usize, usize),
    /// Mean score on the scale (level and yes/no points) or mean value (number points).
    pub mean: Option<f64>,
    /// Notes with their authors: (name, note).
    pub notes: Vec<(String, String)>,
}

/// Whether a file has already been imported (by its unique id): importing it again would double-count.
pub fn already_imported(files: &[AnswerFile], file: &AnswerFile) -> bool {
    files.iter().any(|f| f.id == file.id)
}

/// Statistics for every point any respondent answered or commented on.
pub fn stats(fw: &Framework, files: &[AnswerFile]) -> BTreeMap<String, PointStats> {
    let mut out: BTreeMap<String, PointStats> = BTreeMap::new();
    for (_, _, p) in fw.points() {
        let s = tally(
            fw,
            p,
            files.iter().filter_map(|f| {
                f.answers
                    .get(&p.id)
                    .map(|a| (f.respondent.name.as_str(), a))
            }),
        );
        if s.count > 0 || s.not_applicable > 0 || !s.notes.is_empty() {
            out.insert(p.id.clone(), s);
        }
    }
    out
}

/// The statistics of one point from its answers, each with its author's name.
pub(crate) fn tally<'a>(
    fw: &Framework,
    p: &Point,
    answers: impl IntoIterator<Item = (&'a str, &'a Answer)>,
) -> PointStats {
    let max = fw.scale.max_score();
    let mut s = PointStats::default();
    let mut level_counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sum = 0.0;
    let mut n = 0usize;
    for (who, a) in answers {
        if !a.note.trim().is_empty() {
            s.notes.push((who.to_string(), a.note.trim().to_string()));
        }
        if a.not_applicable.is_some() {
            s.not_applicable += 1;
            continue;
        }
        match (&a.value, p.kind) {
            (Some(AnswerValue::Level(l)), PointKind::Level) => {
                if let Some(level) = fw.scale.level(l) {
                    *level_counts.entry(level.id.as_str()).or_default() += 1;
                    sum += level.score;
                    n += 1;
                }
            }
            (Some(AnswerValue::YesNo(y)), PointKind::YesNo) => {
                if *y {
                    s.yes_no.0 += 1;
                    sum += max;
                } else {
                    s.yes_no.1 += 1;
                }
                n += 1;
            }
            (Some(AnswerValue::Number(v)), PointKind::Number) => {
                sum += v;
                n += 1;
            }
            (Some(AnswerValue::Text(t)), PointKind::Text) if !t.trim().is_empty() => {
                s.notes.push((who.to_string(), t.trim().to_string()));
                n += 1;
            }
            _ => {}
        }
    }
    s.count = n;
    if n > 0 && p.kind != PointKind::Text {
        s.mean = Some(sum / n as f64);
    }
    s.levels = fw
        .scale
        .levels
        .iter()
        .filter_map(|l| level_counts.get(l.id.as_str()).map(|c| (l.id.clone(), *c)))
        .collect();
    s
}

/// A one-line summary of a point's statistics, e.g. 优秀 3、良好 2；均分 3.6（5 人）.
pub fn summary(fw: &Framework, point_id: &str, s: &PointStats) -> String {
    let Some(p) = fw.point(point_id) else {
        return String::new();
    };
    let mut parts = Vec::new();
    match p.kind {
        PointKind::Level => {
            let dist: Vec<String> = s
                .levels
                .iter()
                .map(|(id, n)| {
                    format!(
                        "{} {n}",
                        fw.scale.level(id).map(|l| l.label.as_str()).unwrap_or(id)
                    )
                })
                .collect();
            if !dist.is_empty() {
                parts.push(dist.join("、"));
            }
            if let Some(m) = s.mean {
                parts.push(format!("均分 {}", trim_number((m * 10.0).round() / 10.0)));
            }
        }
        PointKind::YesNo => {
            if s.count > 0 {
                parts.push(format!("是 {}、否 {}", s.yes_no.0, s.yes_no.1));
            }
        }
        PointKind::Number => {
            if let Some(m) = s.mean {
                parts.push(format!(
                    "平均 {}{}",
                    trim_number((m * 10.0).round() / 10.0),
                    p.unit
                ));
            }
        }
        PointKind::Text => {}
    }
    if s.not_applicable > 0 {
        parts.push(format!("不适用 {}", s.not_applicable));
    }
    let mut text = parts.join("；");
    text.push_str(&format!("（{} 人）", s.count + s.not_applicable));
    text
}

/// Statistics in the form the report's score sheet uses, with the number of respondents.
pub fn for_report(
    fw: &Framework,
    files: &[AnswerFile],
) -> (usize, BTreeMap<String, RespondentStats>) {
    let map = stats(fw, files)
        .iter()
        .map(|(id, s)| {
            (
                id.clone(),
                RespondentStats {
                    count: s.count,
                    summary: summary(fw, id, s),
                },
            )
        })
        .collect();
    (files.len(), map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::{AnswerFile, Respondent, ANSWERS_FORMAT};
    use crate::evaluation::{Answer, SchoolYear, Term};
    use crate::fixtures;

    fn file(id: &str, name: &str, answers: Vec<(&str, Answer)>) -> AnswerFile {
        AnswerFile {
            format: ANSWERS_FORMAT.into(),
            version: 1,
            id: id.into(),
            respondent: Respondent {
                name: name.into(),
                role: "教师".into(),
            },
            school: String::new(),
            framework_id: "test".into(),
            framework_version: "1".into(),
            school_year: SchoolYear(2025),
            term: Term::Year,
            exported_at: String::new(),
            answers: answers
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        }
    }

    fn level(l: &str, note: &str) -> Answer {
        Answer {
            value: Some(AnswerValue::Level(l.into())),
            note: note.into(),
            not_applicable: None,
        }
    }

    #[test]
    fn distribution_mean_count_and_notes_per_point() {
        let fw = fixtures::framework();
        let files = vec![
            file(
                "f1",
                "李老师",
                vec![
                    ("p1", level("A", "很好")),
                    (
                        "p2",
                        Answer {
                            value: Some(AnswerValue::YesNo(true)),
                            ..Answer::default()
                        },
                    ),
                ],
            ),
            file(
                "f2",
                "王老师",
                vec![
                    ("p1", level("A", "")),
                    (
                        "p3",
                        Answer {
                            value: Some(AnswerValue::Number(40.0)),
                            ..Answer::default()
                        },
                    ),
                ],
            ),
            file(
                "f3",
                "赵老师",
                vec![
                    ("p1", level("C", "还需加强")),
                    (
                        "p2",
                        Answer {
                            value: Some(AnswerValue::YesNo(false)),
                            ..Answer::default()
                        },
                    ),
                ],
            ),
            file(
                "f4",
                "钱老师",
                vec![
                    (
                        "p1",
                        Answer {
                            not_applicable: Some("不了解".into()),
                            ..Answer::default()
                        },
                    ),
                    (
                        "p3",
                        Answer {
                            value: Some(AnswerValue::Number(50.0)),
                            ..Answer::default()
                        },
                    ),
                ],
            ),
        ];
        let s = stats(&fw, &files);
        let p1 = &s["p1"];
        assert_eq!(p1.count, 3);
        assert_eq!(p1.not_applicable, 1);
        assert_eq!(p1.levels, vec![("A".to_string(), 2), ("C".to_string(), 1)]);
        assert!((p1.mean.unwrap() - 10.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            p1.notes,
            vec![
                ("李老师".to_string(), "很好".to_string()),
                ("赵老师".to_string(), "还需加强".to_string())
            ]
        );
        assert_eq!(
            summary(&fw, "p1", p1),
            "优秀 2、合格 1；均分 3.3；不适用 1（4 人）"
        );
        assert_eq!(s["p2"].yes_no, (1, 1));
        assert_eq!(summary(&fw, "p2", &s["p2"]), "是 1、否 1（2 人）");
        assert_eq!(summary(&fw, "p3", &s["p3"]), "平均 45%（2 人）");
        assert!(!s.contains_key("p4"), "points nobody touched are left out");
        let (n, report) = for_report(&fw, &files);
        assert_eq!(n, 4);
        assert_eq!(report["p1"].count, 3);
    }

    #[test]
    fn the_same_file_is_recognised_by_its_id() {
        let a = file("f1", "李老师", vec![]);
        let again = file("f1", "李老师", vec![]);
        assert!(already_imported(std::slice::from_ref(&a), &again));
        assert!(!already_imported(&[a], &file("f2", "李老师", vec![])));
    }
}
