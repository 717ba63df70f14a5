//! Template validation, through the same code the build runs (`xzzp_core::template_files`).
#![cfg(not(target_arch = "wasm32"))]

use xzzp_core::framework;
use xzzp_core::template_files as templates;

use framework::PointKind;

/// The top of the repository, where `templates/` lives.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

const GOOD: &str = r#"
id = "t"
version = "1"
title = "测试框架"
issuer = "测试"
document = "测试文件"
year = 2021
school_types = ["primary"]

[docs]
g = "《义务教育质量评价指南》"

[scale]
strength_at_least = 0.75
weakness_at_most = 0.5
levels = [
  { id = "A", label = "优秀", score = 4 },
  { id = "B", label = "良好", score = 3 },
]

[[areas]]
id = "A1"
title = "办学方向"
source = { doc = "g", section = "一", confirmed = true }

[[areas.indicators]]
id = "A1.1"
title = "加强党建工作"
source = { doc = "g", confirmed = true }

[[areas.indicators.points]]
id = "A1.1.1"
text = "体质健康优良率"
guidance = "查看体测数据"
kind = "number"
unit = "%"
direction = "higher"
target = 45
source = { doc = "g", confirmed = false, note = "据种子文件转写" }
"#;

fn parse(text: &str) -> Result<framework::Framework, String> {
    templates::parse_framework("templates/frameworks/测试.toml", text)
}

#[test]
fn a_good_template_parses_and_document_short_names_expand() {
    let fw = parse(GOOD).expect("valid");
    let (_, _, p) = fw.points().next().unwrap();
    assert_eq!(p.kind, PointKind::Number);
    assert_eq!(p.source.doc, "《义务教育质量评价指南》");
}

/// Each broken variant must fail, and the message must name the file, the item and the problem.
#[test]
fn broken_templates_fail_with_messages_naming_file_and_item() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "id = \"A1.1.1\"\ntext",
            "id = \"A1.1.1\"\ntext = \"x\"\nbroken = ",
            &["TOML 格式错误"],
        ),
        (
            "id = \"A1.1\"\n",
            "id = \"A1\"\n",
            &["方面 A1 › 关键指标 A1：编号“A1”在本框架中重复"],
        ),
        (
            "target = 45",
            "target = 45\nweight = -1",
            &["方面 A1 › 关键指标 A1.1 › 考查要点 A1.1.1：权重 -1"],
        ),
        (
            "direction = \"higher\"\n",
            "",
            &["考查要点 A1.1.1：有目标值的数值要点必须写明方向"],
        ),
        (
            "unit = \"%\"\n",
            "",
            &["考查要点 A1.1.1：数值要点必须写明单位"],
        ),
        (
            ", confirmed = false, note = \"据种子文件转写\"",
            ", confirmed = false",
            &["考查要点 A1.1.1：来源未核实时必须在“说明”中写明依据"],
        ),
        (
            "source = { doc = \"g\", confirmed = true }",
            "source = { doc = \"\", confirmed = true }",
            &["方面 A1 › 关键指标 A1.1：来源不能为空"],
        ),
        (
            "{ id = \"B\", label = \"良好\", score = 3 }",
            "{ id = \"B\", label = \"良好\", score = 5 }",
            &["评分等级：等级须从高到低排列，分值严格递减"],
        ),
        (
            "weakness_at_most = 0.5",
            "weakness_at_most = 0.9",
            &["评分等级：“存在问题”线必须低于“成效及亮点”线"],
        ),
        (
            "kind = \"number\"",
            "kind = \"scale\"",
            &["结构错误", "scale"],
        ),
        (
            "guidance = \"查看体测数据\"\n",
            "guidance = \"查看体测数据\"\ncolour = \"red\"\n",
            &["结构错误", "colour"],
        ),
        (
            "school_types = [\"primary\"]",
            "school_types = []",
            &["框架信息：适用学校类型不能为空"],
        ),
    ];
    for (from, to, expected) in cases {
        assert!(GOOD.contains(from), "case does not apply: {from}");
        let broken = GOOD.replacen(from, to, 1);
        let err = parse(&broken).expect_err(&format!("should fail after replacing {from:?}"));
        assert!(
            err.contains("templates/frameworks/测试.toml"),
            "file not named: {err}"
        );
        for e in *expected {
            assert!(err.contains(e), "{e:?} missing from: {err}");
        }
    }
}

#[test]
fn every_built_in_template_validates_and_reports_its_size() {
    let mut files: Vec<_> = std::fs::read_dir(format!("{ROOT}/templates/frameworks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 4);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let fw = parse(&text).unwrap_or_else(|e| panic!("{e}"));
        let confirmed = fw.points().filter(|(_, _, p)| p.source.confirmed).count();
        println!(
            "{}: {} areas, {} indicators, {} points ({} confirmed, {} derived)",
            fw.id,
            fw.areas.len(),
            fw.indicator_count(),
            fw.point_count(),
            confirmed,
            fw.point_count() - confirmed
        );
        for (_, _, p) in fw.points() {
            assert!(
                p.evidence_en.is_empty() || p.evidence_en.len() == p.evidence.len(),
                "{}: evidence and evidence_en differ in length",
                p.id
            );
        }
    }
}

#[test]
fn the_compulsory_framework_has_every_kind_and_the_seed_checks() {
    let text = std::fs::read_to_string(format!(
        "{ROOT}/templates/frameworks/10-compulsory-2021.toml"
    ))
    .unwrap();
    let fw = parse(&text).unwrap();
    assert!(fw.point_count() >= 40);
    for kind in [
        PointKind::Level,
        PointKind::YesNo,
        PointKind::Number,
        PointKind::Text,
    ] {
        assert!(
            fw.points().any(|(_, _, p)| p.kind == kind),
            "{kind:?} missing"
        );
    }
    let all: String = fw.points().map(|(_, _, p)| p.text.clone()).collect();
    for needle in [
        "心理健康辅导中心",
        "劳动教育清单",
        "劳动周",
        "法治副校长",
        "应急预案",
        "预警",
        "作业管理制度",
        "自评方案",
        "思政",
        "资源",
    ] {
        assert!(all.contains(needle), "no point mentions {needle}");
    }
}

#[test]
fn the_quality_action_checklist_carries_the_seed_targets_exactly() {
    let text = std::fs::read_to_string(format!(
        "{ROOT}/templates/frameworks/20-quality-action.toml"
    ))
    .unwrap();
    let fw = parse(&text).unwrap();
    let target = |needle: &str| {
        fw.points()
            .find(|(_, _, p)| p.text.contains(needle) && p.target.is_some())
            .and_then(|(_, _, p)| p.target)
    };
    assert_eq!(target("体质健康优良率"), Some(45.0));
    assert_eq!(target("课后服务参与率"), Some(85.0));
    assert_eq!(target("近视率"), Some(0.5));
    assert_eq!(target("党员比例"), Some(35.0));
    assert_eq!(fw.areas.len(), 6);
}

#[test]
fn built_in_plan_templates_validate_and_broken_ones_fail_naming_the_file() {
    let mut files: Vec<_> = std::fs::read_dir(format!("{ROOT}/templates/plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    for f in &files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        let t = templates::parse_plan(&name, &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            t.sections.iter().all(|s| !s.title_en.is_empty()),
            "{}: English section titles",
            t.id
        );
        // Breaking a placeholder fails with the file and the section named.
        let broken = text.replacen("{学校}", "{学校名}", 1);
        let err = templates::parse_plan(&name, &broken).unwrap_err();
        assert!(
            err.contains(&name) && err.contains("未知的占位符 {学校名}"),
            "{err}"
        );
    }
    let self_eval =
        std::fs::read_to_string(format!("{ROOT}/templates/plans/10-self-eval-plan.toml")).unwrap();
    let t = templates::parse_plan("x", &self_eval).unwrap();
    let titles: Vec<_> = t.sections.iter().map(|s| s.title.as_str()).collect();
    for needed in ["指导思想", "组织机构", "评价内容", "实施步骤", "工作要求"] {
        assert!(titles.contains(&needed), "{needed} missing from {titles:?}");
    }
}
