//! County review end to end on the host: schools export packages, the bureau imports them (and bad files),
//! rolls them up, sees who is missing, opens one school, drafts and edits the 通报, writes Markdown and CSV.

use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;
use xzzp_core::evaluation::{AnswerValue as V, Answers, Edit, EvaluationHeader, SchoolYear, Term};
use xzzp_core::fixtures;
use xzzp_core::framework::{Framework, SchoolType};
use xzzp_core::i18n::Localized;
use xzzp_core::ledger::{Ledger, Status, Task};
use xzzp_core::persist::PlanHeader;
use xzzp_core::plan::Plan;
use xzzp_core::report::ReportEdits;
use xzzp_core::rollup::{Collection, Rollup};
use xzzp_core::roster::parse_expected;
use xzzp_core::school::{GroupRole, School};
use xzzp_core::submission::{parse, to_file, FileKind, Submission, SubmissionError};
use xzzp_documents::bulletin::{self, BodyBlock, BulletinEdits, BulletinInput};
use xzzp_documents::report::ReportInput;
use xzzp_documents::submission::{export, to_report};
use xzzp_documents::{demo_county, export::html};

const HOSTILE: &str = "<script>alert('x')</script> & *星* | =HYPERLINK(\"x\")";

fn at(d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 6, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

struct School3<'a> {
    id: &'a str,
    name: &'a str,
    school_type: SchoolType,
    group: &'a str,
    answers: Vec<(&'a str, Edit)>,
    plan: bool,
    overdue: bool,
}

/// A school's package as its own tool exports it (report drafted, plan and ledger included).
fn export_school(s: School3, fw: &Framework) -> String {
    let mut school = School::new(s.id, s.name, s.school_type);
    school.county = "示例县".into();
    if !s.group.is_empty() {
        school.group_role = GroupRole::Member;
        school.group_name = s.group.into();
    }
    let mut answers = Answers::default();
    for (id, e) in s.answers {
        answers.apply(fw, id, e).unwrap();
    }
    let header = EvaluationHeader {
        id: format!("{}-e", s.id),
        school_id: s.id.into(),
        framework_id: fw.id.clone(),
        framework_version: fw.version.clone(),
        school_year: SchoolYear(2025),
        term: Term::Year,
        created: "2025-09-10".into(),
    };
    let plan = Plan {
        title: "学校质量自评方案".into(),
        sections: vec![],
        ..Plan::default()
    };
    let plan_header = PlanHeader {
        id: "pl".into(),
        school_id: s.id.into(),
        template_id: "self-eval-plan".into(),
        evaluation_id: Some(header.id.clone()),
        school_year: SchoolYear(2025),
        created: "2025-09-12".into(),
    };
    let mut t = Task::new("t", "整改任务");
    t.status = Status::InProgress;
    t.due = NaiveDate::from_ymd_opt(2026, if s.overdue { 5 } else { 9 }, 1);
    let ledger = Ledger { tasks: vec![t] };
    let exported = at(20, 9);
    let sub = export(
        &ReportInput {
            school: &school,
            header: &header,
            fw,
            answers: &answers,
            plan: s.plan.then_some(&plan),
            ledger: &ledger,
            earlier: None,
            respondents: (0, BTreeMap::new()),
            edits: &ReportEdits::default(),
            date: exported.date(),
        },
        s.plan.then_some(&plan_header),
        &[],
        None,
        &format!("{}-x", s.id),
        exported,
    );
    to_file(&sub)
}

fn lv(id: &str) -> Edit {
    Edit::Value(Some(V::Level(id.into())))
}

/// The three schools of the core's roll-up test: X perfect (with a hostile note), Y weak with an overdue task,
/// Z a junior school in a group without a plan.
fn three_files(fw: &Framework) -> Vec<String> {
    vec![
        export_school(
            School3 {
                id: "sx",
                name: "示例县第一小学",
                school_type: SchoolType::Primary,
                group: "",
                answers: vec![
                    ("p1", lv("A")),
                    ("p1", Edit::Note(format!("党建带队建。{HOSTILE}"))),
                    ("p2", Edit::Value(Some(V::YesNo(true)))),
                    ("p3", Edit::Value(Some(V::Number(50.0)))),
                    ("p4", lv("A")),
                    ("p5", Edit::Value(Some(V::Text("书法特色".into())))),
                    ("p6", Edit::Value(Some(V::Number(3.0)))),
                    ("p7", lv("A")),
                ],
                plan: true,
                overdue: false,
            },
            fw,
        ),
        export_school(
            School3 {
                id: "sy",
                name: "示例县第二小学",
                school_type: SchoolType::Primary,
                group: "",
                answers: vec![
                    ("p1", lv("C")),
                    ("p2", Edit::Value(Some(V::YesNo(false)))),
                    ("p3", Edit::Value(Some(V::Number(36.0)))),
                    ("p4", lv("B")),
                    ("p6", Edit::Value(Some(V::Number(10.0)))),
                    ("p7", lv("D")),
                ],
                plan: true,
                overdue: true,
            },
            fw,
        ),
        export_school(
            School3 {
                id: "sz",
                name: "示例县城东初级中学",
                school_type: SchoolType::Junior,
                group: "=第一教育集团",
                answers: vec![
                    ("p1", lv("B")),
                    ("p2", Edit::Value(Some(V::YesNo(true)))),
                    ("p4", Edit::NotApplicable(Some("无".into()))),
                    ("p6", Edit::Value(Some(V::Number(5.0)))),
                    ("p7", lv("C")),
                ],
                plan: false,
                overdue: false,
            },
            fw,
        ),
    ]
}

const EXPECTED: &str = "序号,学校名称,学校类型\r\n1,示例县第一小学,小学\r\n2,示例县第二小学,小学\r\n3,城东初级中学,初中\r\n4,示例县第三小学,小学\r\n5,示例县第四小学,小学\r\n";

fn collect(files: &[String]) -> (Collection, Rollup) {
    let mut c = Collection::new();
    for f in files {
        assert!(c.add(parse(f.as_bytes()).unwrap()).taken());
    }
    let r = c.rollup(&c.groups()[0].key).unwrap();
    (c, r)
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 7).unwrap()
}

#[test]
fn the_bulletin_drafts_its_sections_from_a_known_roll_up() {
    let fw = fixtures::framework();
    let (c, r) = collect(&three_files(&fw));
    let expected = parse_expected(EXPECTED);
    let edits = BulletinEdits {
        issuer: "示例县教育体育局".into(),
        doc_number: "示教体发〔2026〕12号".into(),
        ..BulletinEdits::default()
    };
    let b = bulletin::build(&BulletinInput {
        collection: &c,
        rollup: &r,
        expected: Some(&expected),
        previous: None,
        edits: &edits,
        date: date(),
    });
    assert_eq!(b.title, "关于2025—2026学年学校质量自评县级复核情况的通报");
    assert_eq!(b.addressee, "各中小学：");
    assert_eq!(
        (b.signature.as_str(), b.date.as_str()),
        ("示例县教育体育局", "2026年7月7日")
    );
    let text = |k: &str| b.section(k).unwrap().text.clone();
    assert!(text("opening").starts_with(
        "为全面掌握示例县各学校质量自评工作开展情况，示例县教育体育局对各校报送的2025—2026学年"
    ));

    let basic = text("basic");
    assert!(
        basic.contains("共2个方面、3个关键指标、7个考查要点"),
        "{basic}"
    );
    assert!(basic.contains("应报送学校5所，实际报送3所，报送率60%。未报送的学校有：示例县第三小学、示例县第四小学。"), "{basic}");
    assert!(basic.contains("完成全部考查要点的有1所，部分完成的有2所（示例县第二小学（6/7）、示例县城东初级中学（5/7））"), "{basic}");
    assert!(
        basic.contains("制定了学校质量自评方案的有2所，未制定的有1所（示例县城东初级中学）"),
        "{basic}"
    );
    // Mean of 100 %, 47.1 % and 80 % = 75.7 %.
    assert!(
        basic.contains(
            "各校总体达成度平均为76%，最高为100%（示例县第一小学），最低为47%（示例县第二小学）"
        ),
        "{basic}"
    );
    assert!(
        basic.contains("按总体等级统计，“优秀”1所、“良好”1所、“待改进”1所。"),
        "{basic}"
    );
    assert!(basic.contains("整改任务3项，截至各校导出上报包之日，1所学校共1项任务逾期未完成：示例县第二小学（1项）"), "{basic}");

    let highlights = text("highlights");
    assert!(
        highlights.starts_with("从各校自评结果看，方面 A1、方面 A2等方面整体较好。"),
        "{highlights}"
    );
    // A1: (100 + 51 + 83.3) / 3 = 78.1 %; only X reaches 优秀 in it.
    assert!(highlights.contains("（一）方面 A1\n各校平均达成度78%，1所学校达到“优秀”，得分较高的学校有示例县第一小学（100%）、示例县城东初级中学（83%）、示例县第二小学（51%）。"), "{highlights}");
    assert!(
        highlights.contains("示例县第一小学在自评中写道：“党建带队建。<script>"),
        "the school's own note, quoted"
    );

    let problems = text("problems");
    assert!(
        problems.contains(
            "1. 要点 p7：2所学校（占67%）为薄弱项，涉及示例县第二小学、示例县城东初级中学。"
        ),
        "{problems}"
    );
    assert!(
        problems.contains("2. 要点 p1：1所学校（占33%）为薄弱项，涉及示例县第二小学。"),
        "{problems}"
    );
    assert!(problems.contains("1所学校未制定学校质量自评方案：示例县城东初级中学。"));
    assert!(problems.contains("2所学校未按要求报送上报包：示例县第三小学、示例县第四小学。"));
    assert!(problems.contains("1所学校的整改任务逾期未完成：示例县第二小学（1项）。"));

    let req = text("requirements");
    assert!(req.starts_with("（一）抓好薄弱环节整改\n各校要对照本通报指出的薄弱考查要点，特别是方面 A2、方面 A1等方面"), "{req}");
    assert!(req.contains("（四）按时报送上报包"));

    // The body as a writer sees it: headings, sub-headings, paragraphs.
    let body = b.body();
    let headings: Vec<&str> = body
        .iter()
        .filter_map(|x| match x {
            BodyBlock::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "一、基本情况",
            "二、工作成效及亮点",
            "三、存在问题",
            "四、下一步工作要求"
        ]
    );
    assert!(body.contains(&BodyBlock::SubHeading("（一）方面 A1".into())));
    assert_eq!(body[0], BodyBlock::Paragraph("各中小学：".into()));

    // The annex: schools × indicators, best first, a mean row last.
    let t = &b.table;
    assert_eq!(t.columns.len(), 6 + 3 + 3);
    assert_eq!(&t.columns[6..9], ["I1 指标 I1", "I2 指标 I2", "I3 指标 I3"]);
    assert_eq!(t.rows.len(), 4);
    assert_eq!(
        t.rows[0][..6],
        ["1", "示例县第一小学", "小学", "", "100%", "优秀"]
    );
    assert_eq!(t.rows[1][1], "示例县城东初级中学");
    // Z: I2 has only a not-applicable point: not scored.
    assert_eq!(t.rows[1][7], "—");
    assert_eq!(t.rows[1][9..], ["71%", "未制定", "0"]);
    assert_eq!(t.rows[3][1], "平均");
    assert_eq!(t.rows[3][4], "76%");
}

#[test]
fn edits_to_the_bulletin_survive_a_redraft() {
    let fw = fixtures::framework();
    let files = three_files(&fw);
    let mut edits = BulletinEdits::default();
    edits
        .sections
        .insert("problems".into(), "（一）局里改写的问题\n第一段。".into());
    edits.title = "关于示例县学校自评复核的通报".into();
    let (c, r) = collect(&files[..2]);
    let draft = |c: &Collection, r: &Rollup| {
        bulletin::build(&BulletinInput {
            collection: c,
            rollup: r,
            expected: None,
            previous: None,
            edits: &edits,
            date: date(),
        })
    };
    let before = draft(&c, &r);
    let (c, r) = collect(&files);
    let after = draft(&c, &r);
    for b in [&before, &after] {
        let p = b.section("problems").unwrap();
        assert!(p.edited);
        assert_eq!(p.text, "（一）局里改写的问题\n第一段。");
        assert_eq!(b.title, "关于示例县学校自评复核的通报");
    }
    assert!(before
        .section("basic")
        .unwrap()
        .text
        .contains("共收到2所学校的上报包"));
    assert!(after
        .section("basic")
        .unwrap()
        .text
        .contains("共收到3所学校的上报包"));
    assert_ne!(
        before.section("problems").unwrap().draft,
        after.section("problems").unwrap().draft
    );
    // Stored edits are plain JSON and read back the same.
    let json = serde_json::to_string(&edits).unwrap();
    assert_eq!(serde_json::from_str::<BulletinEdits>(&json).unwrap(), edits);
    assert_eq!(
        serde_json::from_str::<BulletinEdits>("{}").unwrap(),
        BulletinEdits::default()
    );
}

/// A small RFC 4180 reader, to check the CSV as a spreadsheet would read it.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR is followed by LF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF outside quotes"),
            (false, c) => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "the file ends with CRLF");
    rows
}

#[test]
fn the_summary_csv_opens_in_excel_and_wps_and_cannot_run_formulas() {
    let fw = fixtures::framework();
    let mut files = three_files(&fw);
    files.push(export_school(
        School3 {
            id: "sq",
            name: "示例县\"新\"学校, 东校区",
            school_type: SchoolType::Primary,
            group: "+集团",
            answers: vec![("p1", lv("B"))],
            plan: true,
            overdue: false,
        },
        &fw,
    ));
    let (c, r) = collect(&files);
    let b = bulletin::build(&BulletinInput {
        collection: &c,
        rollup: &r,
        expected: None,
        previous: None,
        edits: &BulletinEdits::default(),
        date: date(),
    });
    let csv = bulletin::summary_csv(&b.table);
    let body = csv
        .strip_prefix('\u{feff}')
        .expect("UTF-8 with a byte-order mark");
    let rows = read_csv(body);
    assert_eq!(rows.len(), 1 + 4 + 1);
    assert_eq!(
        rows[0][..6],
        [
            "序号",
            "学校",
            "学校类型",
            "集团（共同体）",
            "总体达成度",
            "总体等级"
        ]
    );
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every row has every column"
    );
    let row = |name: &str| rows.iter().find(|r| r[1] == name).unwrap();
    assert_eq!(
        row("示例县\"新\"学校, 东校区")[3],
        "'+集团",
        "a formula-like cell is neutralised"
    );
    assert_eq!(row("示例县城东初级中学")[3], "'=第一教育集团");
    assert_eq!(row("示例县第一小学")[4], "100%");
    assert_eq!(rows.last().unwrap()[1], "平均");
    // The school's hostile note is only in the bulletin text, escaped in Markdown.
    let md = bulletin::markdown(&b);
    assert!(!md.contains("<script>"));
    assert!(md.contains("\\<script\\>alert('x')\\</script\\> \\& \\*星\\* \\|"));
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        let bars = line
            .match_indices('|')
            .filter(|(i, _)| !line[..*i].ends_with('\\'))
            .count();
        assert_eq!(bars, rows[0].len() + 1, "{line}");
    }
}

#[test]
fn the_bureau_imports_good_and_bad_files_sees_who_is_missing_and_opens_a_school() {
    let fw = fixtures::framework();
    let files = three_files(&fw);
    let mut damaged = files[1].clone().into_bytes();
    damaged.truncate(damaged.len() * 2 / 3);
    let edited = files[2].replacen("示例县城东初级中学", "示例县城东中学", 1);
    let backup = br#"{"format":"xzzp-backup","version":1,"schema":1,"schools":[]}"#.to_vec();
    let offered: Vec<Vec<u8>> = vec![
        files[0].clone().into_bytes(),
        damaged,
        edited.into_bytes(),
        backup,
        files[0].clone().into_bytes(),
    ];
    let mut c = Collection::new();
    let mut messages = vec![];
    for f in &offered {
        match parse(f) {
            Ok(s) => messages.push(c.add(s).zh()),
            Err(e) => messages.push(e.zh()),
        }
    }
    assert_eq!(c.len(), 1);
    assert!(messages[0].starts_with("已导入示例县第一小学（2025—2026学年 全学年）的上报包"));
    assert!(messages[1].contains("被截断"), "{}", messages[1]);
    assert!(messages[2].contains("被改动过"), "{}", messages[2]);
    assert!(messages[3].contains("备份文件"), "{}", messages[3]);
    assert!(messages[4].contains("已经导入过"), "{}", messages[4]);
    assert!(messages
        .iter()
        .skip(1)
        .take(3)
        .all(|m| m.ends_with("未导入任何内容。")));

    let r = c.rollup(&c.groups()[0].key).unwrap();
    let list = parse_expected(EXPECTED);
    let a = r.attendance(&list);
    let missing: Vec<&str> = a
        .missing
        .iter()
        .map(|&i| list.schools[i].name.as_str())
        .collect();
    assert_eq!(
        missing,
        [
            "示例县第二小学",
            "城东初级中学",
            "示例县第三小学",
            "示例县第四小学"
        ]
    );

    // Drill-down: the school's report as it exported it, escaped in HTML.
    let sub = c.package(r.rows[0].package).unwrap();
    let report = to_report(sub, c.earlier(r.rows[0].package));
    assert_eq!(report.title, "示例县第一小学2025—2026学年学校质量自评报告");
    assert_eq!(report.sections.len(), 4);
    let page = html::render(&report, false);
    assert!(page.contains("党建带队建。&lt;script&gt;"));
    assert!(!page.contains("<script>"));
}

fn sample() -> (demo_county::SampleCounty, NaiveDate) {
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    (demo_county::build(today), today)
}

#[test]
fn the_workshop_county_rolls_up_into_a_complete_bulletin() {
    let (county, today) = sample();
    let mut c = Collection::new();
    for f in county.packages.iter().chain(&county.last_year) {
        c.add(parse(f.as_bytes()).unwrap());
    }
    let groups = c.groups();
    let now = c.rollup(&groups[0].key).unwrap();
    let before = c
        .rollup(&c.previous_group(&groups[0].key).unwrap())
        .unwrap();
    let expected = parse_expected(&county.expected_csv);
    let edits = BulletinEdits {
        issuer: county.issuer.clone(),
        ..BulletinEdits::default()
    };
    let b = bulletin::build(&BulletinInput {
        collection: &c,
        rollup: &now,
        expected: Some(&expected),
        previous: Some(&before),
        edits: &edits,
        date: today,
    });
    let basic = &b.section("basic").unwrap().text;
    assert!(basic.contains("应报送学校14所，实际报送12所"), "{basic}");
    assert!(
        basic.contains("未报送的学校有：示例县第五小学、示例县红星村小学。"),
        "{basic}"
    );
    assert!(basic.contains("两年均报送上报包的9所学校"), "{basic}");
    assert!(b
        .section("highlights")
        .unwrap()
        .text
        .contains("在自评中写道：“"));
    assert!(b
        .section("highlights")
        .unwrap()
        .text
        .contains("质量提升明显的学校"));
    let problems = &b.section("problems").unwrap().text;
    assert!(
        problems.contains("1所学校未制定学校质量自评方案：示例县青山乡中心小学。"),
        "{problems}"
    );
    assert_eq!(b.table.rows.len(), 13);
    assert_eq!(b.table.columns.len(), 6 + 25 + 3);
    // Every school's report opens read-only.
    for row in &now.rows {
        let sub = c.package(row.package).unwrap();
        let r = to_report(sub, c.earlier(row.package));
        assert_eq!(r.sheet.iter().flat_map(|a| &a.indicators).count(), 25);
        assert_eq!(r.comparison.is_some(), c.earlier(row.package).is_some());
    }
}

#[test]
fn a_teachers_answer_file_given_as_a_package_is_named() {
    let file = r#"{"format":"xzzp-answers","version":1,"id":"a1","respondent":{"name":"李老师"},"framework_id":"quality-action","framework_version":"2026.1","school_year":2025,"answers":{}}"#;
    let e = parse(file.as_bytes()).unwrap_err();
    assert_eq!(e, SubmissionError::WrongKind(FileKind::TeacherAnswers));
    assert!(e.zh().contains("教职工的答卷文件"));
}

#[test]
fn one_package_of_the_74_point_framework_is_compact() {
    let (county, _) = sample();
    let sizes: Vec<usize> = county.packages.iter().map(|f| f.len()).collect();
    let max = *sizes.iter().max().unwrap();
    assert!(max < 80_000, "a 74-point package weighs {max} bytes");
    let sub: Submission = parse(county.packages[0].as_bytes()).unwrap();
    assert_eq!(sub.framework.point_count(), 74);
}

#[test]
fn the_bulletin_as_a_word_document_keeps_its_headings_edits_and_table() {
    let fw = fixtures::framework();
    let files = three_files(&fw);
    let (c, r) = collect(&files);
    let mut edits = BulletinEdits {
        issuer: "示例县教育体育局".into(),
        doc_number: "示教体发〔2026〕12号".into(),
        ..Default::default()
    };
    edits.sections.insert(
        "problems".into(),
        "（一）局里<改写>的问题\n第一段 & 第二句。".into(),
    );
    let b = bulletin::build(&BulletinInput {
        collection: &c,
        rollup: &r,
        expected: None,
        previous: None,
        edits: &edits,
        date: date(),
    });
    let d = bulletin::document(&b);
    assert_eq!(d.issuer, "示例县教育体育局");
    assert_eq!(d.signature, ["示例县教育体育局"]);
    assert_eq!(d.annexes.len(), 1);
    let xml = xzzp_documents::export::docx::document_xml(&d);
    for s in [
        "一、基本情况",
        "三、存在问题",
        "（一）局里&lt;改写&gt;的问题",
        "第一段 &amp; 第二句。",
        "示教体发〔2026〕12号",
        &b.table.rows[0][1],
    ] {
        assert!(xml.contains(s), "{s} missing from the Word body");
    }
    let bytes = d.docx();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
}

#[test]
fn every_part_of_the_bulletin_has_a_name_in_both_languages() {
    use xzzp_core::i18n::Lang;
    let mut english = std::collections::BTreeSet::new();
    for key in bulletin::BULLETIN_KEYS {
        let zh = bulletin::bulletin_section_title(key, Lang::Zh);
        let en = bulletin::bulletin_section_title(key, Lang::En);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{key}: {zh}"
        );
        assert!(en.is_ascii() && !en.is_empty(), "{key}: {en}");
        if key != "opening" {
            assert_eq!(zh, bulletin::bulletin_heading(key));
        }
        english.insert(en);
    }
    assert_eq!(english.len(), bulletin::BULLETIN_KEYS.len());
}
