//! Spreadsheet import and export on the sample county tables and on every built-in framework.
#![cfg(not(target_arch = "wasm32"))]

use xzzp_core::framework::{Area, Direction, Framework, PointKind};
use xzzp_core::i18n::{Lang, Localized};
use xzzp_sheets::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/sheets");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "sample-county".into(),
        issuer: "示例县教育局".into(),
        ..ImportOptions::default()
    }
}

/// An area with its indicators and their point ids.
type Shape = Vec<(String, Vec<(String, Vec<String>)>)>;

fn import_file(name: &str) -> Result<Preview, Vec<SheetError>> {
    import(
        &read_table(name, &fixture(name)).map_err(|e| vec![e])?,
        &opts(),
    )
}

#[test]
fn the_sample_county_workbook_with_merged_cells_imports() {
    let p = import_file("county.xlsx").unwrap_or_else(|e| panic!("{:?}", e[0].zh()));
    let fw = &p.framework;
    assert_eq!(p.sheet, "县级指标");
    assert_eq!(p.warnings, [Warning::SkippedSheets(vec!["说明".into()])]);
    assert_eq!(fw.title, "示例县义务教育学校办学质量评价指标（测试样表）");
    assert_eq!(fw.document, fw.title);
    let shape: Shape = fw
        .areas
        .iter()
        .map(|a| {
            (
                format!("{} {}", a.id, a.title),
                a.indicators
                    .iter()
                    .map(|i| {
                        (
                            format!("{} {}", i.id, i.title),
                            i.points.iter().map(|p| p.id.clone()).collect(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (
                "A1 办学方向".to_string(),
                vec![
                    (
                        "B1 加强党建工作".to_string(),
                        vec!["1".to_string(), "2".into()]
                    ),
                    (
                        "B2 坚持德育为先".to_string(),
                        vec!["3".to_string(), "4".into()]
                    ),
                ]
            ),
            (
                "A2 课程教学".to_string(),
                vec![(
                    "B3 规范教学实施".to_string(),
                    vec!["5".to_string(), "6".into()]
                )]
            ),
        ]
    );
    let p4 = fw.point("4").unwrap();
    assert_eq!(p4.text, "学生体质健康优良率");
    assert_eq!(
        (p4.kind, p4.direction, p4.target, p4.unit.as_str()),
        (PointKind::Number, Some(Direction::Higher), Some(45.0), "%")
    );
    assert_eq!(fw.point("1").unwrap().evidence, ["议事规则", "会议记录"]);
    assert_eq!(
        fw.point("3").unwrap().evidence,
        ["德育工作方案", "主题班会记录"]
    );
    assert_eq!(fw.point("2").unwrap().kind, PointKind::YesNo);
    assert_eq!(fw.point("6").unwrap().kind, PointKind::Text);
    let src = &fw.point("1").unwrap().source;
    assert_eq!(
        (src.doc.as_str(), src.confirmed),
        ("示例县实施细则 第1条", false)
    );
    assert_eq!(src.note, "据表格“县级指标”第 3 行导入，未与原文逐字核对");
    assert_eq!(p.rows["5"], 7);
    // A bureau importing its own table marks its rows as the official wording.
    let official = import(
        &read_xlsx(&fixture("county.xlsx")).unwrap(),
        &ImportOptions {
            rows_are_official: true,
            ..opts()
        },
    )
    .unwrap();
    assert!(official
        .framework
        .points()
        .all(|(_, _, p)| p.source.confirmed));
}

#[test]
fn csv_in_utf8_utf8_bom_and_gbk_give_the_same_tree_as_the_workbook() {
    let xlsx = import_file("county.xlsx").unwrap().framework;
    for name in ["county-utf8.csv", "county-utf8-bom.csv", "county-gbk.csv"] {
        let p = import_file(name).unwrap_or_else(|e| panic!("{name}: {}", e[0].zh()));
        assert_eq!(p.sheet, name);
        // Only the sheet name in the generated notes differs.
        let mut fw = p.framework;
        for a in &mut fw.areas {
            a.source.note = a.source.note.replace(name, "县级指标");
            for i in &mut a.indicators {
                i.source.note = i.source.note.replace(name, "县级指标");
                for pt in &mut i.points {
                    pt.source.note = pt.source.note.replace(name, "县级指标");
                }
            }
        }
        assert_eq!(fw, xlsx, "{name}");
    }
}

#[test]
fn a_broken_table_gets_row_and_column_messages_and_no_framework() {
    let errs = import_file("broken.csv").unwrap_err();
    let got: Vec<String> = errs.iter().map(|e| e.zh()).collect();
    assert_eq!(
        got,
        [
            "工作表“broken.csv”第 2 行 C 列（考查要点）：这一行有考查要点，但它上面还没有方面和关键指标",
            "工作表“broken.csv”第 3 行 D 列（类型）：无法识别类型“打分”，请填 等级、是否、数值 或 文字（留空按等级）",
            "工作表“broken.csv”第 4 行 E 列（目标）：无法读取目标“≥四十五”，请写成“≥45%”“≤5次”或只写单位（如“%”）",
        ]
    );
    assert_eq!(
        errs[1].text(Lang::En),
        "Sheet \"broken.csv\", row 3, column D (类型): the kind \"打分\" is not known; write 等级 (level), 是否 (yes/no), 数值 (number) or 文字 (text); blank means level"
    );
    // With those fixed, the shared validator's rules are reported at their cells.
    let fixed = String::from_utf8(fixture("broken.csv"))
        .unwrap()
        .replace(",,孤立的要点,等级,,看材料,,\n", "")
        .replace("打分", "等级")
        .replace("≥四十五", "≥45%");
    let t = read_csv("broken.csv", fixed.as_bytes()).unwrap();
    let got: Vec<String> = import(&[t], &opts())
        .unwrap_err()
        .iter()
        .map(|e| e.zh())
        .collect();
    assert_eq!(
        got,
        [
            "工作表“broken.csv”第 4 行 E 列（目标）：数值要点必须写明单位，例如 % 或 次",
            "工作表“broken.csv”第 5 行 F 列（自查要点）：自查要点不能为空",
        ]
    );
}

#[test]
fn files_that_are_not_tables_are_refused() {
    let e = |name: &str, bytes: &[u8]| {
        read_table(name, bytes)
            .and_then(|t| import(&t, &opts()).map_err(|mut e| e.remove(0)))
            .unwrap_err()
            .problem
    };
    assert_eq!(e("x.csv", b""), SheetProblem::Empty);
    assert!(matches!(
        e("x.xlsx", b"PK\x03\x04garbage"),
        SheetProblem::NotXlsx(_)
    ));
    assert!(matches!(
        e(
            "old.xlsx",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        ),
        SheetProblem::NotXlsx(_)
    ));
    assert_eq!(
        e("x.csv", &[0x81, 0x20, 0xff, 0xfe]),
        SheetProblem::UnknownEncoding
    );
    assert_eq!(
        e("x.csv", "名称,说明\n甲,乙\n".as_bytes()),
        SheetProblem::NoHeader
    );
    assert_eq!(
        e("x.csv", "方面,关键指标,考查要点\n\"未闭合\n".as_bytes()),
        SheetProblem::UnclosedQuote
    );
    assert_eq!(
        e("x.csv", "方面,关键指标,考查要点\nA1 甲,,\n".as_bytes()),
        SheetProblem::NoPoints
    );
    assert_eq!(
        e("x.csv", &vec![b'a'; MAX_SHEET_BYTES + 1]),
        SheetProblem::TooLarge
    );
}

/// The fields the layout carries: English texts, weights, previous ids and the framework's own details are not
/// in the table (see docs/indicator-tables.md).
fn carried(fw: &Framework) -> Vec<Area> {
    let mut areas = fw.areas.clone();
    for a in &mut areas {
        a.title_en.clear();
        for i in &mut a.indicators {
            i.title_en.clear();
            for p in &mut i.points {
                p.text_en.clear();
                p.guidance_en.clear();
                p.evidence_en.clear();
                p.weight = 1.0;
                p.previous_ids.clear();
            }
        }
    }
    areas
}

#[test]
fn every_built_in_framework_round_trips_through_csv_and_xlsx() {
    for fw in xzzp_templates::frameworks() {
        let csv = to_csv(&fw);
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
        let from_csv = import(&[read_csv("x.csv", &csv).unwrap()], &opts())
            .unwrap_or_else(|e| panic!("{} csv: {}", fw.id, e[0].zh()));
        assert_eq!(from_csv.warnings, [], "{}", fw.id);
        assert_eq!(
            carried(&from_csv.framework),
            carried(&fw),
            "{} via CSV",
            fw.id
        );
        let xlsx = to_xlsx(&fw);
        let from_xlsx = import(&read_xlsx(&xlsx).unwrap(), &opts())
            .unwrap_or_else(|e| panic!("{} xlsx: {}", fw.id, e[0].zh()));
        assert_eq!(
            carried(&from_xlsx.framework),
            carried(&fw),
            "{} via xlsx",
            fw.id
        );
        assert_eq!(from_xlsx.sheet, "指标");
        assert_eq!(
            from_xlsx.framework.scale,
            xzzp_core::framework_edit::default_scale()
        );
    }
}

#[test]
fn the_blank_template_imports_and_user_text_survives_hostile_characters() {
    for (name, bytes) in [
        ("模板.csv", blank_template_csv()),
        ("模板.xlsx", blank_template_xlsx()),
    ] {
        let p = import(&read_table(name, &bytes).unwrap(), &opts())
            .unwrap_or_else(|e| panic!("{name}: {}", e[0].zh()));
        assert_eq!(p.framework.point_count(), 1);
        assert_eq!(to_rows(&p.framework)[0], COLUMNS);
    }
    let mut fw = xzzp_core::fixtures::framework();
    let p = &mut fw.areas[0].indicators[0].points[0];
    p.text = "=HYPERLINK(\"http://x\",\"点我\")".into();
    p.guidance = "<script>alert(1)</script> & \"引号\", 逗号\n换行\u{1}".into();
    let csv = String::from_utf8(to_csv(&fw)).unwrap();
    assert!(
        csv.contains("\"p1 =HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""),
        "{csv}"
    );
    for (how, table) in [
        ("csv", read_csv("x.csv", csv.as_bytes()).unwrap()),
        ("xlsx", read_xlsx(&to_xlsx(&fw)).unwrap().remove(0)),
    ] {
        let back = import(&[table], &opts()).unwrap().framework;
        let q = back.point("p1").unwrap();
        assert_eq!(q.text, fw.point("p1").unwrap().text, "{how}");
        let expected = if how == "xlsx" {
            // XML cannot carry the control character; it is dropped, everything else survives.
            "<script>alert(1)</script> & \"引号\", 逗号\n换行"
        } else {
            "<script>alert(1)</script> & \"引号\", 逗号\n换行\u{1}"
        };
        assert_eq!(q.guidance, expected, "{how}");
    }
}
