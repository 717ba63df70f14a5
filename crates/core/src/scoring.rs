//! Scoring an evaluation: per point, indicator, area and overall, on the framework's scale.
//!
//! Rules (also in `templates/README.md`): a level point scores its level's score; 是 scores the maximum and 否
//! zero; a number point with a target scores the maximum when met and the proportion value/target (or
//! target/value when lower is better) when missed; text points and numbers without a target are recorded but
//! not scored. Aggregates are weighted means of the scored points below them. Unanswered and not-applicable
//! points are left out of every mean and listed separately, never counted as zero.

use super::evaluation::{AnswerValue, Answers};
use super::framework::{Direction, Framework, Point, PointKind};
use std::collections::BTreeMap;

/// What became of one point.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// No answer yet.
    Unanswered,
    /// Marked not applicable, with its reason.
    NotApplicable(String),
    /// Answered but not scored (text, or a number without a target).
    Recorded,
    /// Scored on the framework's scale.
    Scored {
        /// Score between 0 and the scale's maximum.
        score: f64,
        /// For number points with a target: whether it was met.
        target_met: Option<bool>,
    },
}

/// A mean over some points.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Aggregate {
    /// Weighted mean score on the scale; `None` when nothing below was scored.
    pub score: Option<f64>,
    /// 达成度: score ÷ maximum, 0–1.
    pub ratio: Option<f64>,
    /// The scale level the mean falls into.
    pub level: Option<String>,
    /// Points that were scored.
    pub scored: usize,
    /// Points answered but not scored.
    pub recorded: usize,
    /// Points marked not applicable.
    pub not_applicable: usize,
    /// Points not yet answered.
    pub unanswered: usize,
}

impl Aggregate {
    /// All points counted in this aggregate.
    pub fn total(&self) -> usize {
        self.scored + self.recorded + self.not_applicable + self.unanswered
    }
}

/// Result of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// Indicator id.
    pub id: String,
    /// Its aggregate.
    pub agg: Aggregate,
}

/// Result of one area.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaScore {
    /// Area id.
    pub id: String,
    /// Its aggregate.
    pub agg: Aggregate,
    /// Its indicators.
    pub indicators: Vec<IndicatorScore>,
}

/// A numeric target, met or missed.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetCheck {
    /// Point id.
    pub point_id: String,
    /// The value given.
    pub value: f64,
    /// The target.
    pub target: f64,
    /// Which way is better.
    pub direction: Direction,
    /// Whether the target was met.
    pub met: bool,
}

/// The whole result of an evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreCard {
    /// The scale's maximum score.
    pub max_score: f64,
    /// All points together.
    pub overall: Aggregate,
    /// Per area, in framework order.
    pub areas: Vec<AreaScore>,
    /// Per point.
    pub points: BTreeMap<String, Outcome>,
    /// Point ids that count as strengths, best first.
    pub strengths: Vec<String>,
    /// Point ids that count as weaknesses, worst first.
    pub weaknesses: Vec<String>,
    /// Point ids not yet answered, in framework order.
    pub unanswered: Vec<String>,
    /// Point ids marked not applicable, in framework order.
    pub not_applicable: Vec<String>,
    /// Every numeric target that was answered, in framework order.
    pub targets: Vec<TargetCheck>,
}

impl ScoreCard {
    /// The score ratio (0–1) of a scored point.
    pub fn point_ratio(&self, point_id: &str) -> Option<f64> {
        match self.points.get(point_id) {
            Some(Outcome::Scored { score, .. }) if self.max_score > 0.0 => {
                Some(score / self.max_score)
            }
            _ => None,
        }
    }

    /// The aggregate of an area or indicator by id.
    pub fn aggregate(&self, id: &str) -> Option<&Aggregate> {
        self.areas.iter().find_map(|a| {
            if a.id == id {
                Some(&a.agg)
            } else {
                a.indicators.iter().find(|i| i.id == id).map(|i| &i.agg)
            }
        })
    }
}

/// Scores one point.
pub fn score_point(fw: &Framework, point: &Point, answers: &Answers) -> Outcome {
    let Some(answer) = answers.get(&point.id) else {
        return Outcome::Unanswered;
    };
    if let Some(reason) = &answer.not_applicable {
        return Outcome::NotApplicable(reason.clone());
    }
    let max = fw.scale.max_score();
    match (&answer.value, point.kind) {
        (None, _) => Outcome::Unanswered,
        (Some(AnswerValue::Level(id)), PointKind::Level) => match fw.scale.level(id) {
            Some(l) => Outcome::Scored {
                score: l.score,
                target_met: None,
            },
            None => Outcome::Unanswered,
        },
        (Some(AnswerValue::YesNo(yes)), PointKind::YesNo) => Outcome::Scored {
            score: if *yes { max } else { 0.0 },
            target_met: None,
        },
        (Some(AnswerValue::Number(v)), PointKind::Number) => {
            match (point.target, point.direction) {
                (Some(target), Some(direction)) => {
                    let (met, share) = target_share(*v, target, direction);
                    Outcome::Scored {
                        score: max * share,
                        target_met: Some(met),
                    }
                }
                _ => Outcome::Recorded,
            }
        }
        (Some(AnswerValue::Text(t)), PointKind::Text) if !t.trim().is_empty() => Outcome::Recorded,
        // A value of the wrong kind (e.g. from an edited template) is treated as no answer.
        _ => Outcome::Unanswered,
    }
}

/// Whether a target is met, and the share of the maximum the value earns (1 when met).
fn target_share(value: f64, target: f64, direction: Direction) -> (bool, f64) {
    if direction.met(value, target) {
        return (true, 1.0);
    }
    let share = match direction {
        Direction::Higher if target > 0.0 => value / target,
        Direction::Lower if value > 0.0 => target / value,
        _ => 0.0,
    };
    (false, share.clamp(0.0, 1.0))
}

#[derive(Default)]
struct Acc {
    sum: f64,
    weights: f64,
    agg: Aggregate,
}

impl Acc {
    fn add(&mut self, weight: f64, outcome: &Outcome) {
        match outcome {
            Outcome::Unanswered => self.agg.unanswered += 1,
            Outcome::NotApplicable(_) => self.agg.not_applicable += 1,
            Outcome::Recorded => self.agg.recorded += 1,
            Outcome::Scored { score, .. } => {
                self.agg.scored += 1;
                self.sum += weight * score;
                self.weights += weight;
            }
        }
    }

    fn finish(mut self, fw: &Framework) -> Aggregate {
        if self.weights > 0.0 {
            let score = self.sum / self.weights;
            let max = fw.scale.max_score();
            self.agg.score = Some(score);
            self.agg.ratio = Some(score / max);
            self.agg.level = fw.scale.level_for_score(score).map(|l| l.id.clone());
        }
        self.agg
    }
}

/// Scores a whole evaluation.
pub fn score(fw: &Framework, answers: &Answers) -> ScoreCard {
    let max = fw.scale.max_score();
    let mut overall = Acc::default();
    let mut points = BTreeMap::new();
    let mut strengths: Vec<(f64, usize, String)> = Vec::new();
    let mut weaknesses: Vec<(f64, usize, String)> = Vec::new();
    let mut unanswered = Vec::new();
    let mut not_applicable = Vec::new();
    let mut targets = Vec::new();
    let mut order = 0usize;

    let areas = fw
        .areas
        .iter()
        .map(|area| {
            let mut area_acc = Acc::default();
            let indicators = area
                .indicators
                .iter()
                .map(|ind| {
                    let mut ind_acc = Acc::default();
                    for p in &ind.points {
                        order += 1;
                        let outcome = score_point(fw, p, answers);
                        ind_acc.add(p.weight, &outcome);
                        area_acc.add(p.weight, &outcome);
                        overall.add(p.weight, &outcome);
                        match &outcome {
                            Outcome::Unanswered => unanswered.push(p.id.clone()),
                            Outcome::NotApplicable(_) => not_applicable.push(p.id.clone()),
                            Outcome::Recorded => {}
                            Outcome::Scored { score, target_met } => {
                                let ratio = score / max;
                                if let (Some(met), Some(AnswerValue::Number(v))) = (
                                    target_met,
                                    answers.get(&p.id).and_then(|a| a.value.as_ref()),
                                ) {
                                    targets.push(TargetCheck {
                                        point_id: p.id.clone(),
                                        value: *v,
                                        target: p.target.unwrap_or_default(),
                                        direction: p.direction.unwrap_or(Direction::Higher),
                                        met: *met,
                                    });
                                }
                                let (strong, weak) = match (p.kind, target_met) {
                                    (PointKind::Number, Some(met)) => (*met, !*met),
                                    (PointKind::YesNo, _) => (false, *score <= 0.0),
                                    _ => (
                                        ratio >= fw.scale.strength_at_least - 1e-9,
                                        ratio <= fw.scale.weakness_at_most + 1e-9,
                                    ),
                                };
                                if strong {
                                    strengths.push((ratio, order, p.id.clone()));
                                }
                                if weak {
                                    weaknesses.push((ratio, order, p.id.clone()));
                                }
                            }
                        }
                        points.insert(p.id.clone(), outcome);
                    }
                    IndicatorScore {
                        id: ind.id.clone(),
                        agg: ind_acc.finish(fw),
                    }
                })
                .collect();
            AreaScore {
                id: area.id.clone(),
                agg: area_acc.finish(fw),
                indicators,
            }
        })
        .collect();

    // Best strengths first and worst weaknesses first; ties keep document order.
    strengths.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    weaknesses.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));

    ScoreCard {
        max_score: max,
        overall: overall.finish(fw),
        areas,
        points,
        strengths: strengths.into_iter().map(|s| s.2).collect(),
        weaknesses: weaknesses.into_iter().map(|s| s.2).collect(),
        unanswered,
        not_applicable,
        targets,
    }
}

/// Formats a ratio as a whole percentage, e.g. `67.8%` → `68%`.
pub fn percent(ratio: f64) -> String {
    format!("{:.0}%", ratio * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::{AnswerValue as V, Edit};
    use crate::fixtures;

    fn answered() -> (Framework, Answers) {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        let mut set = |id: &str, e: Edit| a.apply(&fw, id, e).unwrap();
        set("p1", Edit::Value(Some(V::Level("B".into()))));
        set("p2", Edit::Value(Some(V::YesNo(false))));
        set("p3", Edit::Value(Some(V::Number(40.0))));
        set("p4", Edit::NotApplicable(Some("本校无寄宿生".into())));
        set("p5", Edit::Value(Some(V::Text("特色：书法".into()))));
        set("p6", Edit::Value(Some(V::Number(4.0))));
        // p7 left unanswered
        (fw, a)
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-4)
    }

    #[test]
    fn point_scores_follow_the_rules() {
        let (fw, a) = answered();
        let card = score(&fw, &a);
        assert_eq!(
            card.points["p1"],
            Outcome::Scored {
                score: 3.0,
                target_met: None
            }
        );
        assert_eq!(
            card.points["p2"],
            Outcome::Scored {
                score: 0.0,
                target_met: None
            }
        );
        // 40 of a 45 target: 4 × 40/45 = 3.5556
        match &card.points["p3"] {
            Outcome::Scored { score, target_met } => {
                assert!((score - 160.0 / 45.0).abs() < 1e-9);
                assert_eq!(*target_met, Some(false));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            card.points["p4"],
            Outcome::NotApplicable("本校无寄宿生".into())
        );
        assert_eq!(card.points["p5"], Outcome::Recorded);
        assert_eq!(
            card.points["p6"],
            Outcome::Scored {
                score: 4.0,
                target_met: Some(true)
            }
        );
        assert_eq!(card.points["p7"], Outcome::Unanswered);
    }

    #[test]
    fn aggregates_are_weighted_means_that_skip_unanswered_and_not_applicable() {
        let (fw, a) = answered();
        let card = score(&fw, &a);
        // I1: (2×3 + 1×0 + 1×3.5556) / 4 = 2.3889 → 合格 (C), 59.7 %
        let i1 = card.aggregate("I1").unwrap();
        assert!(close(i1.score, 9.555_556 / 4.0));
        assert!(close(i1.ratio, 9.555_556 / 16.0));
        assert_eq!(i1.level.as_deref(), Some("C"));
        // I2 has nothing scored: no score at all, not zero.
        let i2 = card.aggregate("I2").unwrap();
        assert_eq!(i2.score, None);
        assert_eq!((i2.not_applicable, i2.recorded, i2.scored), (1, 1, 0));
        // A1 equals I1 because I2 adds nothing scored.
        assert!(close(card.aggregate("A1").unwrap().score, 9.555_556 / 4.0));
        // A2: only p6 scored (4) → 优秀; p7 unanswered.
        let a2 = card.aggregate("A2").unwrap();
        assert!(close(a2.score, 4.0));
        assert_eq!(a2.level.as_deref(), Some("A"));
        assert_eq!(a2.unanswered, 1);
        // Overall: (6 + 0 + 3.5556 + 4) / 5 = 2.7111 → 67.8 %, level 合格.
        assert!(close(card.overall.score, 13.555_556 / 5.0));
        assert!(close(card.overall.ratio, 13.555_556 / 20.0));
        assert_eq!(card.overall.level.as_deref(), Some("C"));
        assert_eq!(card.overall.total(), 7);
        assert_eq!(percent(card.overall.ratio.unwrap()), "68%");
    }

    #[test]
    fn strengths_weaknesses_and_targets_are_listed() {
        let (fw, a) = answered();
        let card = score(&fw, &a);
        // p6 (target met, ratio 1) before p1 (良好, 0.75 ≥ 0.75).
        assert_eq!(card.strengths, vec!["p6", "p1"]);
        // 否 (0) before the missed target (0.89): a missed target is a weakness whatever its ratio.
        assert_eq!(card.weaknesses, vec!["p2", "p3"]);
        assert_eq!(card.unanswered, vec!["p7"]);
        assert_eq!(card.not_applicable, vec!["p4"]);
        assert_eq!(card.targets.len(), 2);
        assert!(
            !card.targets[0].met && card.targets[0].value == 40.0 && card.targets[0].target == 45.0
        );
        assert!(card.targets[1].met);
    }

    #[test]
    fn lower_is_better_targets_score_by_inverse_ratio() {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        a.apply(&fw, "p6", Edit::Value(Some(V::Number(10.0))))
            .unwrap();
        let card = score(&fw, &a);
        // 10 against ≤ 5: 4 × 5/10 = 2
        assert_eq!(
            card.points["p6"],
            Outcome::Scored {
                score: 2.0,
                target_met: Some(false)
            }
        );
        assert_eq!(card.weaknesses, vec!["p6"]);
    }

    #[test]
    fn an_empty_evaluation_scores_nothing_and_lists_everything_unanswered() {
        let fw = fixtures::framework();
        let card = score(&fw, &Answers::default());
        assert_eq!(card.overall.score, None);
        assert_eq!(card.overall.level, None);
        assert_eq!(card.unanswered.len(), 7);
        assert!(card.strengths.is_empty() && card.weaknesses.is_empty());
    }

    #[test]
    fn the_weak_level_is_the_best_level_at_or_below_the_threshold() {
        let mut s = fixtures::scale();
        assert_eq!(s.weak_level().unwrap().id, "C", "合格 is half the maximum");
        s.weakness_at_most = 0.3;
        assert_eq!(s.weak_level().unwrap().id, "D");
        s.weakness_at_most = 0.1;
        assert_eq!(
            s.weak_level().unwrap().id,
            "D",
            "falls back to the lowest level"
        );
    }

    #[test]
    fn a_weakness_threshold_can_be_any_level_but_the_best() {
        let s = fixtures::scale();
        let ids: Vec<_> = s.threshold_levels().iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["B", "C", "D"]);
        assert!(s
            .threshold_levels()
            .iter()
            .any(|l| Some(l) == s.weak_level()));
    }

    #[test]
    fn aggregate_levels_use_the_best_level_not_above_the_score() {
        let s = fixtures::scale();
        assert_eq!(s.level_for_score(4.0).unwrap().id, "A");
        assert_eq!(s.level_for_score(3.99).unwrap().id, "B");
        assert_eq!(s.level_for_score(2.0).unwrap().id, "C");
        assert_eq!(s.level_for_score(0.3).unwrap().id, "D");
    }
}
