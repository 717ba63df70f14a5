//! How much evidence is there: per point, per indicator, per area and overall, and the next point without
//! any, in the same document order and wrap-around as the questionnaire's "next unanswered".

use super::{EvidenceDoc, PointEvidence};
use crate::evaluation::Answers;
use crate::framework::{Framework, Point};
use crate::i18n::{Lang, Localized};

/// Evidence counted over a set of points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvidenceCount {
    /// Items in the points' 佐证材料 lists.
    pub listed: usize,
    /// Of those, present (ticked or evidenced by a file).
    pub present: usize,
    /// Files attached.
    pub files: usize,
    /// Points counted.
    pub points: usize,
    /// Points with any evidence (a file or a ticked item).
    pub points_with_evidence: usize,
}

impl EvidenceCount {
    /// Points with no evidence at all.
    pub fn points_without(&self) -> usize {
        self.points - self.points_with_evidence
    }

    /// Listed items present, in whole percent rounded down (100 means every item is there); 0 when nothing
    /// is listed.
    pub fn percent(&self) -> u32 {
        (self.present * 100).checked_div(self.listed).unwrap_or(0) as u32
    }

    fn add(&mut self, other: EvidenceCount) {
        self.listed += other.listed;
        self.present += other.present;
        self.files += other.files;
        self.points += other.points;
        self.points_with_evidence += other.points_with_evidence;
    }
}

impl Localized for EvidenceCount {
    fn text(&self, lang: Lang) -> String {
        let without = self.points_without();
        match lang {
            Lang::Zh => {
                let mut s = format!(
                    "佐证材料 {}/{} 项，{} 个文件",
                    self.present, self.listed, self.files
                );
                if without > 0 {
                    s.push_str(&format!("；{without} 个要点尚无材料"));
                }
                s
            }
            Lang::En => {
                let mut s = format!(
                    "Evidence: {} of {} items, {} file{}",
                    self.present,
                    self.listed,
                    self.files,
                    if self.files == 1 { "" } else { "s" }
                );
                if without > 0 {
                    s.push_str(&format!(
                        "; {without} point{} without any",
                        if without == 1 { "" } else { "s" }
                    ));
                }
                s
            }
        }
    }
}

/// Whether a point has any evidence.
pub fn has_evidence(pe: Option<&PointEvidence>) -> bool {
    pe.is_some_and(PointEvidence::has_evidence)
}

/// The count of one point.
pub fn point_count(point: &Point, pe: Option<&PointEvidence>) -> EvidenceCount {
    EvidenceCount {
        listed: point.evidence.len(),
        present: point
            .evidence
            .iter()
            .filter(|item| pe.is_some_and(|e| e.item_present(item)))
            .count(),
        files: pe.map_or(0, |e| e.files.len()),
        points: 1,
        points_with_evidence: usize::from(has_evidence(pe)),
    }
}

/// Counts overall, per area and per indicator (in framework order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EvidenceProgress {
    /// Every counted point.
    pub overall: EvidenceCount,
    /// One per area.
    pub areas: Vec<EvidenceCount>,
    /// Per area, one per indicator.
    pub indicators: Vec<Vec<EvidenceCount>>,
}

/// Counts the evidence of the points `include` accepts (e.g. [`applicable`], or a teacher's assigned points).
pub fn progress(
    fw: &Framework,
    doc: &EvidenceDoc,
    include: impl Fn(&Point) -> bool,
) -> EvidenceProgress {
    let mut out = EvidenceProgress::default();
    for area in &fw.areas {
        let mut area_count = EvidenceCount::default();
        let mut per_indicator = Vec::with_capacity(area.indicators.len());
        for ind in &area.indicators {
            let mut c = EvidenceCount::default();
            for p in ind.points.iter().filter(|p| include(p)) {
                c.add(point_count(p, doc.point(&p.id)));
            }
            area_count.add(c);
            per_indicator.push(c);
        }
        out.overall.add(area_count);
        out.areas.push(area_count);
        out.indicators.push(per_indicator);
    }
    out
}

/// Every point but those the principal marked 不适用: a point that does not apply needs no evidence.
pub fn applicable(answers: &Answers) -> impl Fn(&Point) -> bool + '_ {
    move |p| {
        answers
            .get(&p.id)
            .is_none_or(|a| a.not_applicable.is_none())
    }
}

/// The first point after `after` (in document order, wrapping around) that `include` accepts and that has no
/// evidence at all.
pub fn next_without_evidence<'a>(
    fw: &'a Framework,
    doc: &EvidenceDoc,
    after: Option<&str>,
    include: impl Fn(&Point) -> bool,
) -> Option<&'a Point> {
    let points: Vec<&Point> = fw.points().map(|(_, _, p)| p).collect();
    let start = after
        .and_then(|id| points.iter().position(|p| p.id == id))
        .map_or(0, |i| i + 1);
    (0..points.len())
        .map(|k| points[(start + k) % points.len()])
        .find(|p| include(p) && !has_evidence(doc.point(&p.id)))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{file, framework};
    use super::*;
    use crate::evaluation::Edit;

    #[test]
    fn counts_per_point_indicator_area_and_overall_by_hand() {
        // Listed: p1 3 items, p2 1, p6 2; every other point none. Seven points: A1 has p1–p5, A2 has p6, p7.
        let fw = framework();
        let mut doc = EvidenceDoc::new("e1");
        doc.attach(&fw, "p1", file("a.pdf", b"a", &["会议记录", "工作方案"]))
            .unwrap();
        doc.attach(&fw, "p1", file("b.jpg", b"b", &[])).unwrap();
        doc.mark(&fw, "p6", "台账", true).unwrap();
        doc.attach(&fw, "p5", file("c.docx", b"c", &[])).unwrap();
        let all = progress(&fw, &doc, |_| true);
        // A1: listed 3+1 = 4, present 2 (p1), files 3, points 5, with evidence p1 and p5.
        assert_eq!(
            all.areas[0],
            EvidenceCount {
                listed: 4,
                present: 2,
                files: 3,
                points: 5,
                points_with_evidence: 2
            }
        );
        // A2: listed 2, present 1 (p6 台账 ticked), no files, two points, one with evidence.
        assert_eq!(
            all.areas[1],
            EvidenceCount {
                listed: 2,
                present: 1,
                files: 0,
                points: 2,
                points_with_evidence: 1
            }
        );
        assert_eq!(
            all.overall,
            EvidenceCount {
                listed: 6,
                present: 3,
                files: 3,
                points: 7,
                points_with_evidence: 3
            }
        );
        assert_eq!(all.overall.percent(), 50);
        assert_eq!(all.overall.points_without(), 4);
        // Indicator I1 (p1–p3): listed 4, present 2, files 2, points 3, one with evidence.
        assert_eq!(
            all.indicators[0][0],
            EvidenceCount {
                listed: 4,
                present: 2,
                files: 2,
                points: 3,
                points_with_evidence: 1
            }
        );
        assert_eq!(
            all.overall.zh(),
            "佐证材料 3/6 项，3 个文件；4 个要点尚无材料"
        );
        assert_eq!(
            all.overall.text(Lang::En),
            "Evidence: 3 of 6 items, 3 files; 4 points without any"
        );
        assert_eq!(EvidenceCount::default().percent(), 0);
    }

    #[test]
    fn points_that_do_not_apply_need_no_evidence() {
        let fw = framework();
        let doc = EvidenceDoc::new("e1");
        let mut answers = Answers::default();
        answers
            .apply(&fw, "p2", Edit::NotApplicable(Some("无".into())))
            .unwrap();
        let c = progress(&fw, &doc, applicable(&answers));
        assert_eq!(c.overall.points, 6);
        assert_eq!(c.overall.listed, 5);
        assert_eq!(
            next_without_evidence(&fw, &doc, Some("p1"), applicable(&answers))
                .unwrap()
                .id,
            "p3"
        );
    }

    #[test]
    fn next_without_evidence_wraps_around_like_next_unanswered() {
        let fw = framework();
        let mut doc = EvidenceDoc::new("e1");
        assert_eq!(
            next_without_evidence(&fw, &doc, None, |_| true).unwrap().id,
            "p1"
        );
        doc.attach(&fw, "p1", file("a.pdf", b"a", &[])).unwrap();
        doc.mark(&fw, "p2", "制度文本", true).unwrap();
        assert_eq!(
            next_without_evidence(&fw, &doc, Some("p1"), |_| true)
                .unwrap()
                .id,
            "p3"
        );
        assert_eq!(
            next_without_evidence(&fw, &doc, Some("p7"), |_| true)
                .unwrap()
                .id,
            "p3"
        );
        assert_eq!(
            next_without_evidence(&fw, &doc, Some("gone"), |_| true)
                .unwrap()
                .id,
            "p3"
        );
        for (i, id) in ["p3", "p4", "p5", "p6", "p7"].iter().enumerate() {
            doc.attach(&fw, id, file("x.pdf", &[i as u8], &[])).unwrap();
        }
        assert!(next_without_evidence(&fw, &doc, None, |_| true).is_none());
        // A teacher sees only assigned points.
        let doc = EvidenceDoc::new("e1");
        let assigned = |p: &Point| p.id == "p6" || p.id == "p7";
        assert_eq!(
            next_without_evidence(&fw, &doc, Some("p1"), assigned)
                .unwrap()
                .id,
            "p6"
        );
        assert_eq!(progress(&fw, &doc, assigned).overall.points, 2);
    }
}
