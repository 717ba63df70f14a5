//! The shared document model through its three writers: every plan template, the ledger and the report as
//! Word packages whose every part is well-formed XML and holds the edited content; landscape sections; the one
//! table of headings; hostile text.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::BTreeMap;
use xzzp_core::evaluation::SchoolYear;
use xzzp_core::framework::SchoolType;
use xzzp_core::ledger::{Ledger, Milestone, ProgressNote, Status, Task};
use xzzp_core::plan::{Block as PlanBlock, Person, Phase, Plan, Section};
use xzzp_core::planning::{needs_framework, plan_context};
use xzzp_core::report::{section_heading, SECTION_KEYS};
use xzzp_core::school::School;
use xzzp_documents::doc::{Block, CellStyle, Document, Level, Orientation, Row};
use xzzp_documents::export::{markdown, zip};
use xzzp_documents::ledger::{self, LedgerSheet};
use xzzp_documents::report::{build, earlier_evaluation, ReportEdits, ReportInput};
use xzzp_documents::{demo, plan, titles};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 11, 22)
}

fn school() -> School {
    let mut s = School::new("s", "贺兰县示例小学", SchoolType::Primary);
    s.principal = "王明".into();
    s.county = "贺兰县".into();
    s
}

/// The parts of a Word package, each checked to be well-formed XML.
fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    let files = zip::entries(docx).expect("a readable zip");
    let mut out = BTreeMap::new();
    for (name, bytes) in files {
        let text = String::from_utf8(bytes).expect("UTF-8 part");
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{name} is not well-formed XML: {e}");
        }
        out.insert(name, text);
    }
    for needed in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        assert!(out.contains_key(needed), "{needed} missing");
    }
    out
}

/// The text of `word/document.xml`, one string per paragraph, as Word shows it.
fn paragraphs(document_xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(document_xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            p.descendants()
                .filter(|n| n.tag_name().name() == "t")
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect()
}

fn document_xml(d: &Document) -> String {
    parts(&d.docx())["word/document.xml"].clone()
}

/// Section properties (page size and orientation) in document order.
fn sections(document_xml: &str) -> Vec<(String, String, bool)> {
    let doc = roxmltree::Document::parse(document_xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "pgSz")
        .map(|n| {
            let attr = |name: &str| {
                n.attributes()
                    .find(|a| a.name() == name)
                    .map(|a| a.value().to_string())
                    .unwrap_or_default()
            };
            (attr("w"), attr("h"), attr("orient") == "landscape")
        })
        .collect()
}

fn first_block<'a>(plan: &'a mut Plan, kind: &str) -> Option<&'a mut PlanBlock> {
    plan.sections
        .iter_mut()
        .flat_map(|s| s.blocks.iter_mut())
        .find(|b| b.kind() == kind)
}

#[test]
fn every_plan_template_makes_a_valid_word_file_holding_the_edited_plan() {
    let fw = xzzp_templates::framework("compulsory-2021").unwrap();
    let templates = xzzp_templates::plan_templates();
    assert!(templates.len() >= 3);
    for t in templates {
        let fw = needs_framework(&t).then_some(&*fw);
        let mut p = t.instantiate(&plan_context(&school(), SchoolYear(2025), fw));
        p.issuer = "贺兰县示例小学文件".into();
        p.doc_number = "贺兰示小发〔2026〕7号".into();
        p.date = Some(day(2026, 9, 1));
        let edited = format!("校长改写的{}第一段。", t.name);
        match first_block(&mut p, "paragraph") {
            Some(PlanBlock::Paragraph { text }) => *text = edited.clone(),
            _ => panic!("{}: no paragraph", t.id),
        }
        let tables = p
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter(|b| !matches!(b, PlanBlock::Paragraph { .. } | PlanBlock::List { .. }))
            .filter(|b| b.rows() > 0 || matches!(b, PlanBlock::Group { .. }))
            .count();
        let d = plan::document(&p, &school(), today(), None);
        let xml = document_xml(&d);
        let paras = paragraphs(&xml);
        for expected in [
            "贺兰县示例小学文件",
            "贺兰示小发〔2026〕7号",
            p.title.as_str(),
            edited.as_str(),
            "贺兰县示例小学",
            "2026年9月1日",
        ] {
            assert!(
                paras.iter().any(|x| x == expected),
                "{}: no paragraph {expected}",
                t.id
            );
        }
        for (i, s) in p.sections.iter().enumerate() {
            let heading = format!("{}{}", Level::One.number(i + 1), s.title);
            assert!(paras.contains(&heading), "{}: {heading}", t.id);
        }
        assert_eq!(xml.matches("<w:tbl>").count(), tables, "{}", t.id);
        assert_eq!(xml.matches("<w:tblHeader/>").count(), tables, "{}", t.id);
        assert!(tables > 0, "{}: the plan's tables are real tables", t.id);
        // One portrait section: A4 with the GB/T 9704 margins.
        assert_eq!(
            sections(&xml),
            vec![("11905".into(), "16837".into(), false)]
        );
        assert!(xml.contains(r#"w:top="2097" w:right="1474" w:bottom="1984" w:left="1587""#));

        let md = d.markdown();
        assert!(
            md.contains(&format!("# {}", markdown::escape(&p.title))),
            "{}",
            t.id
        );
        assert!(md.contains(&edited));
        let html = d.html();
        assert!(html.contains(r#"<p class="issuer">贺兰县示例小学文件</p>"#));
        assert!(html.contains(&edited));
    }
}

fn hand_made_plan() -> Plan {
    Plan {
        title: "一小自评方案".into(),
        sections: vec![
            Section {
                id: "req".into(),
                title: "工作要求".into(),
                blocks: vec![
                    PlanBlock::Paragraph {
                        text: "各部门要做到：".into(),
                    },
                    PlanBlock::List {
                        ordered: true,
                        items: vec![
                            "提高认识，加强领导。全体教职工要提高认识。".into(),
                            "实事求是地自评".into(),
                            "  ".into(),
                        ],
                    },
                    PlanBlock::List {
                        ordered: false,
                        items: vec!["不编号的一项".into()],
                    },
                ],
            },
            Section {
                id: "steps".into(),
                title: "实施步骤".into(),
                blocks: vec![
                    PlanBlock::Paragraph {
                        text: "（一）动员部署\n先开会。".into(),
                    },
                    PlanBlock::List {
                        ordered: true,
                        items: vec!["学习文件。逐条学习。".into()],
                    },
                    PlanBlock::People {
                        people: vec![Person {
                            role: "组长".into(),
                            name: "王明".into(),
                            post: "校长".into(),
                        }],
                    },
                    PlanBlock::People { people: vec![] },
                    PlanBlock::Phases {
                        phases: vec![
                            Phase {
                                name: "动员部署阶段".into(),
                                start: day(2025, 9, 1),
                                end: day(2025, 9, 30),
                                text: "召开会议".into(),
                            },
                            Phase {
                                name: "整改提升阶段".into(),
                                start: day(2025, 12, 1),
                                end: day(2026, 5, 31),
                                text: String::new(),
                            },
                        ],
                    },
                ],
            },
        ],
        ..Plan::default()
    }
}

#[test]
fn plan_headings_number_as_official_documents_do_and_list_blocks_become_tables() {
    let d = plan::document(&hand_made_plan(), &school(), today(), None);
    let b = &d.blocks;
    assert_eq!(b[0], Block::heading(Level::One, "一、工作要求"));
    assert_eq!(b[1], Block::para("各部门要做到："));
    // An item whose short first sentence is followed by more text gets it as its run-in heading.
    assert_eq!(
        b[2],
        Block::Paragraph {
            lead: "（一）提高认识，加强领导。".into(),
            level: Level::Two,
            text: "全体教职工要提高认识。".into()
        }
    );
    assert_eq!(b[3], Block::para("（二）实事求是地自评"));
    assert_eq!(b[4], Block::para("不编号的一项"));
    assert_eq!(b[5], Block::heading(Level::One, "二、实施步骤"));
    // The school's own （一） heading: the list below it counts 1. 2.
    assert_eq!(b[6], Block::heading(Level::Two, "（一）动员部署"));
    assert_eq!(b[7], Block::para("先开会。"));
    assert_eq!(
        b[8],
        Block::Paragraph {
            lead: "1.学习文件。".into(),
            level: Level::Three,
            text: "逐条学习。".into()
        }
    );
    let Block::Table(people) = &b[9] else {
        panic!("{:?}", b[9])
    };
    let titles: Vec<_> = people.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, titles::PEOPLE);
    // The empty 领导小组 is left out; the phases follow.
    let Block::Table(phases) = &b[10] else {
        panic!("{:?}", b[10])
    };
    let cells = |r: &Row| match r {
        Row::Cells(c) => c.iter().map(|c| c.text.clone()).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        cells(&phases.rows[0]),
        vec!["动员部署阶段", "2025年9月1日至\n9月30日", "召开会议"]
    );
    assert_eq!(cells(&phases.rows[1])[1], "2025年12月1日至\n2026年5月31日");
    assert_eq!(b.len(), 11);
    // 落款 the school, dated today when the plan has no date; a signatory replaces the school.
    assert_eq!(d.signature, vec!["贺兰县示例小学"]);
    assert_eq!(d.date, "2026年11月22日");
    let mut p = hand_made_plan();
    p.signatory = "示例县第一教育集团".into();
    p.date = Some(day(2026, 3, 1));
    let d = plan::document(&p, &school(), today(), None);
    assert_eq!(d.signature, vec!["示例县第一教育集团"]);
    assert_eq!(d.date, "2026年3月1日");
    assert!(d.annexes.is_empty());
}

fn sample_ledger() -> Ledger {
    let mut late = Task::new("t1", "整改：完善课后服务");
    late.points = vec!["A1.1.1".into(), "X9".into()];
    late.owner = "李华".into();
    late.department = "教务处".into();
    late.start = Some(day(2026, 9, 1));
    late.due = Some(day(2026, 11, 15));
    late.status = Status::InProgress;
    late.target = "参与率 ≥ 85%".into();
    late.milestones = vec![
        Milestone {
            date: day(2026, 10, 1),
            text: "制定方案".into(),
            done: true,
        },
        Milestone {
            date: day(2026, 11, 1),
            text: "中期检查".into(),
            done: false,
        },
    ];
    late.notes = vec![
        ProgressNote {
            date: day(2026, 10, 9),
            text: "第二次推进会".into(),
        },
        ProgressNote {
            date: day(2025, 9, 20),
            text: "召开专题会".into(),
        },
    ];
    let mut done = Task::new("t2", "已完成但过期的任务");
    done.due = Some(day(2026, 10, 1));
    done.status = Status::Done;
    let mut later = Task::new("t3", "下学期的任务");
    later.due = Some(day(2027, 3, 1));
    let mut start_only = Task::new("t4", "只有开始日期");
    start_only.start = Some(day(2026, 12, 1));
    start_only.area = "学校管理".into();
    Ledger {
        tasks: vec![late, done, later, start_only],
    }
}

#[test]
fn the_ledger_is_a_landscape_table_that_marks_overdue_tasks_in_words() {
    let fw = xzzp_templates::framework("compulsory-2021").unwrap();
    let ledger = sample_ledger();
    let sheet = LedgerSheet::new(&ledger, Some(&fw), today());
    let t = ledger::table(&sheet);
    let titles: Vec<_> = t.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, titles::LEDGER);
    let row = |i: usize| match &t.rows[i] {
        Row::Cells(c) => c.clone(),
        other => panic!("{other:?}"),
    };
    let late = row(0);
    assert_eq!(late[0].text, "1");
    assert_eq!(late[1].text, "整改：完善课后服务\n目标：参与率 ≥ 85%");
    let point = fw.point("A1.1.1").unwrap();
    assert!(late[2].text.starts_with(&format!(
        "A1.1.1 {}",
        point.text.chars().take(4).collect::<String>()
    )));
    assert!(
        late[2].text.ends_with("\nX9"),
        "an unknown point shows its id"
    );
    assert_eq!(late[5].text, "2026年9月1日至\n2026年11月15日");
    // Due 15 November, counted on 22 November: 7 days late, in words and a mark, not colour.
    assert_eq!(late[6].text, "▲逾期7天\n已延期");
    assert_eq!(late[6].style, CellStyle::Alert);
    assert_eq!(
        late[7].text,
        "2025年9月20日　召开专题会\n10月9日　第二次推进会\n里程碑10月1日　制定方案（已完成）\n里程碑11月1日　中期检查（▲逾期）"
    );
    // A done task is never overdue, whatever its date.
    assert_eq!(row(1)[6].text, "已完成");
    assert_eq!(row(1)[6].style, CellStyle::Plain);
    assert_eq!(row(1)[5].text, "2026年10月1日前");
    assert_eq!(row(2)[6].text, "未开始");
    assert_eq!(row(3)[5].text, "2026年12月1日起");
    assert_eq!(row(3)[2].text, "学校管理", "no points: the area");

    let d = ledger::document(&sheet, &school());
    assert_eq!(d.orientation, Orientation::Landscape);
    assert_eq!(d.title, "贺兰县示例小学工作台账");
    let Block::Note(note) = &d.blocks[1] else {
        panic!()
    };
    assert_eq!(
        note,
        "注：共4项任务，其中逾期1项。▲ 表示已过完成时限（或里程碑日期）仍未完成，按2026年11月22日计算。"
    );
    let xml = document_xml(&d);
    assert_eq!(
        sections(&xml),
        vec![("16837".into(), "11905".into(), true)],
        "one landscape A4 section"
    );
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
    let paras = paragraphs(&xml);
    let header: Vec<&String> = paras.iter().skip_while(|p| *p != "序号").take(8).collect();
    assert_eq!(header, titles::LEDGER.to_vec());
    // The overdue mark is bold.
    assert!(
        xml.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">▲逾期7天</w:t></w:r>"#)
    );
    let html = d.html();
    assert!(html.starts_with(r#"<article class="report-doc landscape""#));
    assert!(html.contains(r#"<td class="alert">▲逾期7天<br>已延期</td>"#));
    let md = d.markdown();
    assert!(md.contains("| **▲逾期7天<br>已延期** |"), "{md}");
}

#[test]
fn a_plan_with_the_ledger_annexed_turns_to_landscape_for_the_annex() {
    let ledger = sample_ledger();
    let sheet = LedgerSheet::new(&ledger, None, today());
    let d = plan::document(&hand_made_plan(), &school(), today(), Some(&sheet));
    assert_eq!(d.annexes.len(), 1);
    let xml = document_xml(&d);
    assert_eq!(
        sections(&xml),
        vec![
            ("11905".into(), "16837".into(), false),
            ("16837".into(), "11905".into(), true)
        ],
        "the body portrait, then the annex landscape"
    );
    let paras = paragraphs(&xml);
    // One annex: no number (GB/T 9704), listed after the body and opened by 附件 and its title.
    assert!(paras.contains(&"附件：工作台账".to_string()));
    let at = paras.iter().position(|p| p == "附件").unwrap();
    assert_eq!(paras[at + 1], "工作台账");
    assert!(paras.iter().position(|p| p == "贺兰县示例小学").unwrap() < at);
    // Without framework the points are ids.
    assert!(paras.contains(&"A1.1.1".to_string()));
    let html = d.html();
    assert!(html.contains(r#"<section class="report-annex landscape"><h2>附件　工作台账</h2>"#));
    assert!(html.contains(r#"<p class="annex-note">附件：工作台账</p>"#));
    let md = d.markdown();
    assert!(md.contains("附件：工作台账\n"));
    assert!(md.contains("## 附件　工作台账\n"));
}

/// The urban sample school's report: the 74-point framework, every point answered.
fn sample_report() -> (xzzp_documents::report::Report, Ledger) {
    let b = demo::build(today());
    let school = b.schools.iter().find(|s| s.id == "demo-urban").unwrap();
    let evs: Vec<_> = b
        .evaluations
        .iter()
        .filter(|e| e.header.school_id == school.id)
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
    let fw = xzzp_templates::framework(&current.header.framework_id).unwrap();
    assert_eq!(fw.point_count(), 74);
    let ledger = b
        .ledgers
        .iter()
        .find(|l| l.school_id == school.id)
        .unwrap()
        .ledger
        .clone();
    let r = build(&ReportInput {
        school,
        header: &current.header,
        fw: &fw,
        answers: &current.answers,
        plan: b
            .plans
            .iter()
            .find(|p| p.header.school_id == school.id)
            .map(|p| &p.plan),
        ledger: &ledger,
        earlier: Some((earlier, earlier_answers)),
        respondents: (0, Default::default()),
        edits: &ReportEdits::default(),
        date: today(),
    });
    (r, ledger)
}

#[test]
fn the_report_takes_its_headings_from_one_table_in_every_format() {
    let (r, ledger) = sample_report();
    let sheet = LedgerSheet::new(&ledger, None, today());
    let d = r.document(false).with_annex(ledger::annex(&sheet));
    let annexes = [
        titles::ANNEX_ACHIEVEMENT,
        titles::ANNEX_SCORE_SHEET,
        titles::ANNEX_COMPARISON,
        titles::ANNEX_LEDGER,
    ];
    let (html, md, xml) = (d.html(), d.markdown(), document_xml(&d));
    let paras = paragraphs(&xml);
    for key in SECTION_KEYS {
        let h = section_heading(key);
        assert!(html.contains(&format!("<h2>{h}</h2>")), "{h}");
        assert!(md.contains(&format!("\n## {h}\n")), "{h}");
        assert!(paras.iter().any(|p| p == h), "{h}");
    }
    for (i, title) in annexes.iter().enumerate() {
        let n = i + 1;
        assert!(
            html.contains(&format!("<h2>附件{n}　{title}</h2>")),
            "{title}"
        );
        assert!(md.contains(&format!("\n## 附件{n}　{title}\n")), "{title}");
        assert!(md.contains(&format!("{n}．{title}")), "附件说明 {title}");
        let label = paras.iter().position(|p| *p == format!("附件{n}")).unwrap();
        assert_eq!(paras[label + 1], *title);
        assert!(
            paras.contains(&format!("{n}．{title}"))
                || paras.contains(&format!("附件：{n}．{title}"))
        );
    }
    // Three portrait annexes, then the landscape ledger.
    let s = sections(&xml);
    assert_eq!(s.len(), 2);
    assert!(!s[0].2 && s[1].2);
}

#[test]
fn the_word_score_sheet_has_columns_a_principal_can_read() {
    let (r, _) = sample_report();
    let xml = document_xml(&r.document(true));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    // The score sheet is the table whose header starts with 编号.
    let sheet = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tbl")
        .find(|t| {
            t.descendants()
                .find(|n| n.tag_name().name() == "t")
                .and_then(|n| n.text())
                == Some("编号")
        })
        .unwrap();
    let widths: Vec<u32> = sheet
        .descendants()
        .filter(|n| n.tag_name().name() == "gridCol")
        .map(|n| n.attributes().next().unwrap().value().parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 5);
    assert_eq!(widths.iter().sum::<u32>(), 8844, "the text width of 156 mm");
    // The longest point id on one line: Times New Roman digits and dots at 五号 are at most half an em
    // (5.25 pt = 105 twips) each, plus 2 × 85 twips of cell margin.
    let fw = xzzp_templates::frameworks();
    let longest = fw
        .iter()
        .flat_map(|f| f.points().map(|(_, _, p)| p.id.chars().count()))
        .max()
        .unwrap() as u32;
    assert!(
        widths[0] >= longest * 105 + 170,
        "编号 {} twips for ids of {longest} characters",
        widths[0]
    );
    assert_eq!(
        *widths.iter().max().unwrap(),
        widths[1],
        "考查要点 is the widest"
    );
    let header_rows = sheet
        .descendants()
        .filter(|n| n.tag_name().name() == "tblHeader")
        .count();
    assert_eq!(header_rows, 1);
    assert!(xml.contains(r#"<w:pStyle w:val="TableTextSmall"/>"#));
    let styles = parts(&r.document(true).docx())["word/styles.xml"].clone();
    let small = styles
        .split("<w:style ")
        .find(|s| s.contains(r#"w:styleId="TableTextSmall""#))
        .unwrap();
    assert!(small.contains(r#"w:eastAsia="仿宋_GB2312""#), "仿宋");
    assert!(small.contains(r#"<w:sz w:val="21"/>"#), "五号");
    assert!(
        small.contains(r#"<w:snapToGrid w:val="false"/>"#),
        "rows as tall as their text, not the body's line grid"
    );
}

const HOSTILE: &str = "<script>alert('x')</script> & \"引号\" ]]> <![CDATA[x]]> \u{0}\u{7}\u{1b}\u{FFFE} =HYPERLINK(\"http://x\") | *星* # 标题 [链接](javascript:x) <img src=x onerror=alert(1)>";

fn hostile_plan() -> Plan {
    let long = "长".repeat(10_000);
    let mut p = hand_made_plan();
    p.title = HOSTILE.into();
    p.issuer = HOSTILE.into();
    p.doc_number = format!("=1+1{HOSTILE}");
    p.signatory = format!("-{HOSTILE}");
    p.sections[0].title = HOSTILE.into();
    p.sections[0].blocks[0] = PlanBlock::Paragraph {
        text: format!("{HOSTILE}\r\n    缩进的一行\n+{HOSTILE}\n{long}"),
    };
    p.sections[0].blocks[1] = PlanBlock::List {
        ordered: true,
        items: vec![format!("@SUM(A1)。{HOSTILE}"), format!("1. {HOSTILE}")],
    };
    p.sections[1].blocks[2] = PlanBlock::People {
        people: vec![Person {
            role: format!("|{HOSTILE}|"),
            name: HOSTILE.into(),
            post: format!("{HOSTILE}\n第二行{HOSTILE}"),
        }],
    };
    p
}

fn hostile_ledger() -> Ledger {
    let mut t = Task::new("h", HOSTILE);
    t.owner = format!("=cmd|' /C calc'!A0{HOSTILE}");
    t.department = HOSTILE.into();
    t.points = vec![HOSTILE.into()];
    t.target = format!("{HOSTILE}\n{HOSTILE}");
    t.due = Some(day(2026, 1, 1));
    t.notes = vec![ProgressNote {
        date: day(2026, 1, 2),
        text: "长".repeat(5000) + HOSTILE,
    }];
    Ledger { tasks: vec![t] }
}

fn hostile_documents() -> Vec<Document> {
    let ledger = hostile_ledger();
    let sheet = LedgerSheet::new(&ledger, None, today());
    let mut s = school();
    s.name = HOSTILE.into();
    let (mut r, _) = sample_report();
    r.title = HOSTILE.into();
    r.school = HOSTILE.into();
    r.doc_number = HOSTILE.into();
    r.sections[0].text = format!("{HOSTILE}\n（一）{HOSTILE}");
    r.sheet[0].indicators[0].points[0].note = format!("{HOSTILE}\n{HOSTILE}");
    vec![
        plan::document(&hostile_plan(), &s, today(), Some(&sheet)),
        ledger::document(&sheet, &s),
        r.document(true).with_annex(ledger::annex(&sheet)),
    ]
}

#[test]
fn hostile_text_stays_inert_and_every_file_stays_valid() {
    for d in hostile_documents() {
        // Word: every part parses; the text reads back as typed, minus what XML cannot hold.
        let files = parts(&d.docx());
        let xml = &files["word/document.xml"];
        assert!(!xml.contains("<script") && !xml.contains("<img") && !xml.contains("]]>"));
        let paras = paragraphs(xml);
        let clean: String = HOSTILE
            .chars()
            .filter(|c| !c.is_control() && *c != '\u{FFFE}')
            .collect();
        assert!(paras.iter().any(|p| p.contains(&clean)), "{}", clean);
        assert!(
            paras.iter().any(|p| p.contains(&"长".repeat(5000))),
            "long lines are kept whole"
        );
        assert!(!files["docProps/core.xml"].contains("<script"));

        // HTML: no markup from the text, no control characters, no style attributes.
        let html = d.html();
        for bad in [
            "<script",
            "<img",
            "<![CDATA[",
            "\u{0}",
            "\u{7}",
            "\u{1b}",
            "style=",
        ] {
            assert!(!html.contains(bad), "{bad}");
        }
        assert!(html.contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;引号&quot; ]]&gt;"
        ));

        // Markdown: markup escaped, no line starts a block that the text did not ask for, and every table
        // row has exactly its columns.
        let md = d.markdown();
        // The only raw HTML is the line break the writer puts in table cells.
        for (i, _) in md.match_indices('<') {
            assert!(
                md[..i].ends_with('\\') || md[i..].starts_with("<br>"),
                "raw HTML at {}",
                &md[i..md.len().min(i + 20)]
            );
        }
        assert!(md.contains("\\<script\\>alert('x')\\</script\\> \\& \"引号\" \\]\\]\\>"));
        let mut columns = None;
        for line in md.lines() {
            assert!(!line.starts_with("    "), "code block: {line}");
            assert!(!line.starts_with(['=', '+', '@', '<', '>']), "{line}");
            if line.starts_with('-') {
                assert_eq!(line, "---", "only the rule under the issuer");
            }
            if line.starts_with('|') {
                let bars = line
                    .char_indices()
                    .filter(|(i, c)| *c == '|' && !line[..*i].ends_with('\\'))
                    .count();
                if line.starts_with("| ---") || columns.is_none() {
                    columns = Some(bars);
                }
                assert_eq!(Some(bars), columns, "{line}");
            } else {
                columns = None;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text in any field gives well-formed Word XML holding the text, HTML with no markup from it, and
    /// Markdown tables whose rows keep their columns.
    #[test]
    fn any_text_gives_valid_files(text in "\\PC*", control in "[\\x00-\\x1f\\u{FFFE}\\u{FFFF}]{0,3}") {
        let s = format!("{text}{control}{text}");
        let mut p = hand_made_plan();
        p.title = s.clone();
        p.sections[0].blocks[0] = PlanBlock::Paragraph { text: s.clone() };
        p.sections[1].blocks[2] = PlanBlock::People {
            people: vec![Person { role: s.clone(), name: s.clone(), post: s.clone() }],
        };
        let mut t = Task::new("t", s.clone());
        t.owner = s.clone();
        let ledger = Ledger { tasks: vec![t] };
        let sheet = LedgerSheet::new(&ledger, None, today());
        let d = plan::document(&p, &school(), today(), Some(&sheet));
        let files = parts(&d.docx());
        let decoded = paragraphs(&files["word/document.xml"]).join("");
        let kept: String = text.chars().filter(|c| !c.is_control()).collect();
        let kept = kept.trim();
        prop_assert!(decoded.contains(kept));
        let html = d.html();
        let escaped = xzzp_documents::export::html::escape(&s);
        prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
        prop_assert!(!escaped.chars().any(|c| c.is_control() && !"\t\n\r".contains(c)));
        prop_assert!(html.contains(&xzzp_documents::export::html::escape(kept)));
        let md = d.markdown();
        for line in md.lines().filter(|l| l.starts_with("| ")) {
            let bars = line
                .char_indices()
                .filter(|(i, c)| *c == '|' && !line[..*i].ends_with('\\'))
                .count();
            prop_assert!(bars == 4 || bars == 9, "{}", line);
        }
    }
}
