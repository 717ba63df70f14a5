//! The 上报包 from the documents' side: on the school's computer, the report is drafted and its final texts go
//! into the package ([`export`]); at the bureau, one package is shown read-only as the same [`Report`] the
//! school saw ([`to_report`]), so every report writer (HTML preview, print, Word, Markdown) can show it.

use crate::report::{
    build, build_with_staff, EvidenceFileRow, EvidenceSummary, Report, ReportInput,
};
use chrono::NaiveDateTime;
use std::collections::BTreeMap;
use xzzp_core::backup::AnswerFile;
use xzzp_core::collection::Staff;
use xzzp_core::evaluation::EvaluationHeader;
use xzzp_core::ledger::Ledger;
use xzzp_core::persist::PlanHeader;
use xzzp_core::report::{ReportEdits, RespondentStats, SECTION_KEYS};
use xzzp_core::respondents::summary;
use xzzp_core::submission::{self, Submission, SubmissionInput, SubmittedReport, SubmittedSection};

/// The report's final texts, as a package stores them.
pub fn submitted_report(r: &Report) -> SubmittedReport {
    SubmittedReport {
        title: r.title.clone(),
        doc_number: r.doc_number.clone(),
        date: r.date.clone(),
        sections: r
            .sections
            .iter()
            .map(|s| SubmittedSection {
                key: s.key.to_string(),
                heading: s.heading.to_string(),
                text: s.text.clone(),
                edited: s.edited,
            })
            .collect(),
    }
}

/// Makes the school's package: drafts the report from `input` (with the principal's edits) and puts its final
/// texts, the evaluation, the plan's summary and the ledger into one [`Submission`]. `plan` is the header of
/// the plan document given as `input.plan` (see [`xzzp_core::submission::self_evaluation_plan`]). When
/// `staff` holds collected answers, the report is drafted as the school's report page drafts it (with the
/// participation and where views diverge) and the package carries the collection's figures.
pub fn export(
    input: &ReportInput,
    plan: Option<&PlanHeader>,
    respondents: &[AnswerFile],
    staff: Option<&Staff>,
    id: &str,
    exported_at: NaiveDateTime,
) -> Submission {
    let staff = staff.filter(|s| !s.submissions.is_empty());
    let report = match staff {
        Some(st) => build_with_staff(input, &st.report(input.fw, input.answers)),
        None => build(input),
    };
    let fallback;
    let plan_header = match (input.plan, plan) {
        (Some(_), Some(h)) => Some(h),
        (Some(_), None) => {
            fallback = PlanHeader {
                id: String::new(),
                school_id: input.school.id.clone(),
                template_id: submission::SELF_EVAL_PLAN_TEMPLATE.into(),
                evaluation_id: Some(input.header.id.clone()),
                school_year: input.header.school_year,
                created: String::new(),
            };
            Some(&fallback)
        }
        _ => None,
    };
    submission::build(&SubmissionInput {
        id,
        exported_at,
        school: input.school,
        header: input.header,
        fw: input.fw,
        answers: input.answers,
        respondents,
        staff,
        report: submitted_report(&report),
        plan: plan_header.zip(input.plan),
        ledger: input.ledger,
    })
}

fn header_of(sub: &Submission) -> EvaluationHeader {
    EvaluationHeader {
        id: sub.evaluation.id.clone(),
        school_id: sub.school.id.clone(),
        framework_id: sub.framework.id.clone(),
        framework_version: sub.framework.version.clone(),
        school_year: sub.evaluation.school_year,
        term: sub.evaluation.term,
        created: sub.evaluation.created.clone(),
    }
}

/// Text shown for a report section a package does not hold.
pub const SECTION_NOT_IN_PACKAGE: &str = "（上报包中没有这一部分）";

/// One package as the report the school exported, read-only: its sections are the stored texts, its score
/// sheet and attachments come from the package's own framework outline and answers, and the year-over-year
/// annex compares with `earlier` (the school's package of an earlier year, if the bureau has it).
pub fn to_report(sub: &Submission, earlier: Option<&Submission>) -> Report {
    let fw = sub.framework.to_framework();
    let answers = sub.answers();
    let header = header_of(sub);
    let earlier = earlier.map(|e| (header_of(e), e.answers()));
    let respondents = sub
        .evaluation
        .respondents
        .as_ref()
        .map(|r| {
            let stats: BTreeMap<String, RespondentStats> = r
                .points
                .iter()
                .map(|(id, p)| {
                    (
                        id.clone(),
                        RespondentStats {
                            count: p.count,
                            summary: summary(&fw, id, &p.to_stats()),
                        },
                    )
                })
                .collect();
            (r.files, stats)
        })
        .unwrap_or_default();
    let stored: BTreeMap<&str, &SubmittedSection> = sub
        .report
        .sections
        .iter()
        .map(|s| (s.key.as_str(), s))
        .collect();
    let edits = ReportEdits {
        doc_number: sub.report.doc_number.clone(),
        sections: SECTION_KEYS
            .iter()
            .map(|k| {
                let text = stored
                    .get(k)
                    .map(|s| s.text.clone())
                    .unwrap_or_else(|| SECTION_NOT_IN_PACKAGE.into());
                (k.to_string(), text)
            })
            .collect(),
    };
    let input = ReportInput {
        school: &sub.school,
        header: &header,
        fw: &fw,
        answers: &answers,
        plan: None,
        ledger: &Ledger::default(),
        earlier: earlier.as_ref().map(|(h, a)| (h, a)),
        respondents,
        edits: &edits,
        date: sub.as_of(),
    };
    let mut report = match &sub.evaluation.staff {
        Some(st) => build_with_staff(&input, &st.to_report(&fw)),
        None => build(&input),
    };
    if !sub.report.title.trim().is_empty() {
        report.title = sub.report.title.trim().to_string();
    }
    if !sub.report.date.trim().is_empty() {
        report.date = sub.report.date.trim().to_string();
    }
    for s in &mut report.sections {
        s.edited = stored.get(s.key).is_some_and(|x| x.edited);
        s.draft = s.text.clone();
    }
    // A package's framework outline does not carry the sources, so nothing is marked as unconfirmed here
    // (the outline's points would all read as unconfirmed).
    for p in report
        .sheet
        .iter_mut()
        .flat_map(|a| &mut a.indicators)
        .flat_map(|i| &mut i.points)
    {
        p.unconfirmed = false;
    }
    match (sub.evidence_progress(), &sub.evidence) {
        (Some(progress), Some(ev)) => {
            let mut summary = EvidenceSummary::of(&fw, &progress);
            summary.files = sub
                .framework
                .points()
                .flat_map(|(_, _, p)| {
                    ev.points
                        .get(&p.id)
                        .into_iter()
                        .flat_map(|e| &e.files)
                        .map(|f| EvidenceFileRow {
                            point_id: p.id.clone(),
                            point: p.text.clone(),
                            name: f.name.clone(),
                            size: f.size,
                            sha256: f.sha256.to_string(),
                        })
                })
                .collect();
            report.with_evidence(summary)
        }
        _ => report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{html, markdown};
    use chrono::NaiveDate;
    use xzzp_core::evaluation::{AnswerValue, Answers, Edit, SchoolYear, Term};
    use xzzp_core::fixtures;
    use xzzp_core::framework::SchoolType;
    use xzzp_core::ledger::{Status, Task};
    use xzzp_core::plan::{Block, Phase, Plan, Section};
    use xzzp_core::school::School;
    use xzzp_core::submission::{parse, to_file};

    fn header(id: &str, year: i32) -> EvaluationHeader {
        EvaluationHeader {
            id: id.into(),
            school_id: "s".into(),
            framework_id: "test".into(),
            framework_version: "1".into(),
            school_year: SchoolYear(year),
            term: Term::Year,
            created: "2025-09-01".into(),
        }
    }

    fn package(year: i32, level: &str, edits: &ReportEdits) -> Submission {
        let fw = fixtures::framework();
        let mut a = Answers::default();
        a.apply(
            &fw,
            "p1",
            Edit::Value(Some(AnswerValue::Level(level.into()))),
        )
        .unwrap();
        a.apply(&fw, "p1", Edit::Note("<b>会议记录</b> & 台账".into()))
            .unwrap();
        a.apply(&fw, "p2", Edit::Value(Some(AnswerValue::YesNo(false))))
            .unwrap();
        let school = School::new("s", "示例·青山小学", SchoolType::Primary);
        let h = header(&format!("e{year}"), year);
        let plan = Plan {
            title: "自评方案".into(),
            sections: vec![Section {
                id: "steps".into(),
                title: "实施步骤".into(),
                blocks: vec![Block::Phases {
                    phases: vec![Phase {
                        name: "自查阶段".into(),
                        start: NaiveDate::from_ymd_opt(year, 10, 1).unwrap(),
                        end: NaiveDate::from_ymd_opt(year, 11, 30).unwrap(),
                        text: String::new(),
                    }],
                }],
            }],
            ..Plan::default()
        };
        let mut t = Task::new("t1", "整改：补齐会议记录");
        t.due = NaiveDate::from_ymd_opt(year + 1, 3, 1);
        t.status = Status::InProgress;
        let ledger = Ledger { tasks: vec![t] };
        let date = NaiveDate::from_ymd_opt(year + 1, 6, 30).unwrap();
        export(
            &ReportInput {
                school: &school,
                header: &h,
                fw: &fw,
                answers: &a,
                plan: Some(&plan),
                ledger: &ledger,
                earlier: None,
                respondents: (0, BTreeMap::new()),
                edits,
                date,
            },
            None,
            &[],
            None,
            &format!("x{year}"),
            date.and_hms_opt(16, 0, 0).unwrap(),
        )
    }

    #[test]
    fn the_package_holds_the_final_texts_of_the_report_as_edited() {
        let mut edits = ReportEdits::default();
        edits
            .sections
            .insert("problems".into(), "校长改写的存在问题。".into());
        let s = package(2025, "B", &edits);
        assert_eq!(s.report.title, "示例·青山小学2025—2026学年学校质量自评报告");
        assert_eq!(s.report.date, "2026年6月30日");
        let problems = &s.report.sections[2];
        assert_eq!((problems.key.as_str(), problems.edited), ("problems", true));
        assert_eq!(problems.text, "校长改写的存在问题。");
        let basic = &s.report.sections[0];
        assert!(!basic.edited && basic.text.contains("示例·青山小学是一所小学"));
        assert!(s.plan.made);
        assert_eq!(s.plan.phases[0].name, "自查阶段");
        assert_eq!(s.ledger[0].overdue_days, Some(121));
        assert!(parse(to_file(&s).as_bytes()).is_ok());
    }

    #[test]
    fn teachers_statistics_travel_without_their_names_and_show_in_the_score_sheet() {
        use xzzp_core::backup::{Respondent, ANSWERS_FORMAT};
        let fw = fixtures::framework();
        let file = |id: &str, name: &str, level: &str| AnswerFile {
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
            answers: [(
                "p1".to_string(),
                xzzp_core::evaluation::Answer {
                    value: Some(AnswerValue::Level(level.into())),
                    note: format!("{name}的意见"),
                    not_applicable: None,
                },
            )]
            .into(),
        };
        let files = [file("f1", "李老师", "A"), file("f2", "王老师", "C")];
        let school = School::new("s", "示例·青山小学", SchoolType::Primary);
        let h = header("e1", 2025);
        let a = Answers::default();
        let date = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let sub = export(
            &ReportInput {
                school: &school,
                header: &h,
                fw: &fw,
                answers: &a,
                plan: None,
                ledger: &Ledger::default(),
                earlier: None,
                respondents: xzzp_core::respondents::for_report(&fw, &files),
                edits: &ReportEdits::default(),
                date,
            },
            None,
            &files,
            None,
            "x",
            date.and_hms_opt(9, 0, 0).unwrap(),
        );
        let file_text = to_file(&sub);
        assert!(!file_text.contains("李老师") && !file_text.contains("的意见"));
        let r = sub.evaluation.respondents.as_ref().unwrap();
        assert_eq!((r.files, r.points["p1"].count), (2, 2));
        let report = to_report(&parse(file_text.as_bytes()).unwrap(), None);
        assert_eq!(
            report.sheet[0].indicators[0].points[0].respondents,
            "优秀 1、合格 1；均分 3（2 人）"
        );
    }

    #[test]
    fn a_whole_staff_evaluation_sends_its_participation_and_staff_figures_upward() {
        let fw = fixtures::framework();
        let (school, h) = (fixtures::school(), fixtures::header());
        let staff = crate::report::tests::staff_fixture();
        let mut a = Answers::default();
        a.apply(&fw, "p1", Edit::Value(Some(AnswerValue::Level("A".into()))))
            .unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let input = ReportInput {
            school: &school,
            header: &h,
            fw: &fw,
            answers: &a,
            plan: None,
            ledger: &Ledger::default(),
            earlier: None,
            respondents: (0, BTreeMap::new()),
            edits: &ReportEdits::default(),
            date,
        };
        let at = date.and_hms_opt(9, 0, 0).unwrap();
        let sub = export(&input, None, &[], Some(&staff), "x", at);
        assert_eq!(sub.format_version(), 3);
        let file_text = to_file(&sub);
        // The notes of the staff stay at the school.
        assert!(!file_text.contains("的意见"), "{file_text}");
        let back = parse(file_text.as_bytes()).unwrap();
        assert_eq!(back, sub);
        let st = back.evaluation.staff.as_ref().unwrap();
        assert_eq!((st.returned, st.invited), (5, None));
        // p1: 优秀, 合格, 良好, 良好 among staff (two levels apart), the school says 优秀.
        let p1 = &st.points["p1"];
        assert_eq!((p1.stats.count, p1.disagree, p1.differs), (4, true, true));
        // At the bureau the report is the school's: participation annex, staff column with the flags,
        // and 基本情况 as drafted with the collection.
        let shown = to_report(&back, None);
        let school_side = build_with_staff(&input, &staff.report(&fw, &a));
        assert_eq!(shown.participation, school_side.participation);
        assert!(!shown.participation.is_empty());
        assert_eq!(shown.sections[0].text, school_side.sections[0].text);
        assert!(shown.sections[0].text.contains("共收回答卷5份"));
        let cell = &shown.sheet[0].indicators[0].points[0].respondents;
        assert_eq!(
            cell,
            &school_side.sheet[0].indicators[0].points[0].respondents
        );
        assert!(
            cell.contains("意见分歧") && cell.contains("与学校结论不同"),
            "{cell}"
        );
        // Without collected answers the package stays at the version older builds read.
        let empty = xzzp_core::collection::Staff::default();
        let plain = export(&input, None, &[], Some(&empty), "y", at);
        assert!(plain.evaluation.staff.is_none());
        assert_eq!(plain.format_version(), 1);
        // A version-2 file that carries the collection was changed by hand.
        let older = file_text.replacen("\"version\":3", "\"version\":2", 1);
        assert_ne!(older, file_text);
        assert!(matches!(
            parse(older.as_bytes()),
            Err(xzzp_core::submission::SubmissionError::Damaged(_))
        ));
    }

    #[test]
    fn the_bureau_sees_the_package_as_the_report_the_school_exported() {
        let mut edits = ReportEdits::default();
        edits
            .sections
            .insert("problems".into(), "校长改写的存在问题。".into());
        let now = package(2025, "A", &edits);
        let before = package(2024, "C", &ReportEdits::default());
        let r = to_report(&now, Some(&before));
        assert_eq!(r.title, now.report.title);
        assert_eq!(r.date, "2026年6月30日");
        for (shown, stored) in r.sections.iter().zip(&now.report.sections) {
            assert_eq!(shown.text, stored.text);
            assert_eq!(shown.edited, stored.edited);
        }
        let p1 = &r.sheet[0].indicators[0].points[0];
        assert_eq!(p1.result, "优秀");
        assert_eq!(p1.note, "<b>会议记录</b> & 台账");
        let c = r.comparison.as_ref().unwrap();
        assert_eq!(c.earlier, "2024—2025学年 全学年");
        assert_eq!(c.rows[0].mark(), "↑");
        // Every writer shows it, with the school's note escaped.
        let page = html::render(&r, false);
        assert!(page.contains("&lt;b&gt;会议记录&lt;/b&gt; &amp; 台账"));
        assert!(markdown::render(&r, false).contains("校长改写的存在问题。"));
        // A package without a section says so instead of drafting one.
        let mut partial = now.clone();
        partial.report.sections.truncate(3);
        let r = to_report(&partial, None);
        assert_eq!(r.sections[3].text, SECTION_NOT_IN_PACKAGE);
        assert!(r.comparison.is_none());
        // A package without the evidence summary (every version-1 package) shows no evidence annex.
        assert!(r.evidence.is_none());
    }

    #[test]
    fn the_bureau_sees_the_evidence_summary_of_a_package_per_area_and_per_file() {
        use xzzp_core::evidence::{AddedBy, EvidenceDoc, FileDigest, NewFile};
        let mut fw = fixtures::framework();
        fw.areas[0].indicators[0].points[0].evidence = vec!["会议记录".into(), "工作方案".into()];
        let file = |name: &str, bytes: &[u8], items: &[&str]| NewFile {
            name: name.into(),
            media_type: String::new(),
            digest: FileDigest::of(bytes),
            added: "2026-03-05T10:00:00".into(),
            modified: None,
            added_by: AddedBy::Principal,
            shrunk: None,
            items: items.iter().map(|s| s.to_string()).collect(),
        };
        let mut doc = EvidenceDoc::new("e2025");
        doc.attach(
            &fw,
            "p1",
            file(
                "<img src=x onerror=alert(1)>记录.pdf",
                b"%PDF-1",
                &["会议记录"],
            ),
        )
        .unwrap();
        doc.attach(&fw, "p6", file("统计表.xlsx", b"PK-xlsx", &[]))
            .unwrap();
        let sub = package(2025, "A", &ReportEdits::default()).with_evidence(&fw, &doc);
        let read = parse(to_file(&sub).as_bytes()).unwrap();
        let r = to_report(&read, None);
        let e = r.evidence.as_ref().expect("the summary");
        assert_eq!(e.overall.files, 2);
        assert_eq!((e.overall.present, e.overall.listed), (1, 2));
        assert_eq!(e.overall.points_with_evidence, 2);
        assert_eq!(e.files.len(), 2);
        assert_eq!(e.files[0].point_id, "p1");
        assert_eq!(
            e.files[0].sha256,
            FileDigest::of(b"%PDF-1").hash.to_string()
        );
        let doc = r.document(false);
        let titles: Vec<&str> = doc.annexes.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "各方面达成度",
                "自评得分表",
                "佐证材料情况",
                "佐证材料文件清单"
            ]
        );
        let page = html::render(&r, false);
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;记录.pdf"));
        assert!(!page.contains("<img"));
        assert!(page.contains(&FileDigest::of(b"PK-xlsx").hash.to_string()));
        let md = markdown::render(&r, false);
        assert!(md.contains("| 统计表.xlsx | 7 字节 |"), "{md}");
    }
}
