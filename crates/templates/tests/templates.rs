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
        let areas_confirmed = fw.areas.iter().filter(|a| a.source.confirmed).count();
        let indicators_confirmed = fw
            .areas
            .iter()
            .flat_map(|a| &a.indicators)
            .filter(|i| i.source.confirmed)
            .count();
        println!(
            "{} {}: {} areas ({} confirmed), {} indicators ({} confirmed), {} points ({} confirmed, {} derived)",
            fw.id,
            fw.version,
            fw.areas.len(),
            areas_confirmed,
            fw.indicator_count(),
            indicators_confirmed,
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

fn template(file: &str) -> framework::Framework {
    let path = format!("{ROOT}/templates/frameworks/{file}");
    parse(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

/// The 18 关键指标 of 《普通高中学校办学质量评价指南》, names and order as in the reference file (§2.1).
#[test]
fn the_senior_framework_has_the_eighteen_key_indicators_in_order() {
    let fw = template("30-senior-2022.toml");
    let titles: Vec<&str> = fw
        .areas
        .iter()
        .flat_map(|a| a.indicators.iter().map(|i| i.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            "加强党建工作",
            "坚持德育为先",
            "落实课程方案",
            "规范教学实施",
            "优化教学方式",
            "加强学生发展指导",
            "完善综合素质评价",
            "加强师德师风建设",
            "重视教师专业成长",
            "健全教师激励机制",
            "完善学校内部治理",
            "规范招生办学行为",
            "加强校园文化建设",
            "品德发展",
            "学业发展",
            "身心健康",
            "艺术素养",
            "劳动实践",
        ]
    );
    let per_area: Vec<usize> = fw.areas.iter().map(|a| a.indicators.len()).collect();
    assert_eq!(per_area, [2, 5, 3, 3, 5]);
    assert!(fw
        .areas
        .iter()
        .flat_map(|a| &a.indicators)
        .all(|i| i.source.confirmed));
    // 考查要点 1–8 stay word for word and confirmed, at the ids they had.
    let confirmed: Vec<&str> = fw
        .points()
        .filter(|(_, _, p)| p.source.confirmed)
        .map(|(_, _, p)| p.id.as_str())
        .collect();
    assert_eq!(
        confirmed,
        ["H1.1.1", "H1.1.2", "H1.2.1", "H1.2.3", "H2.1.1", "H2.1.3", "H2.1.4", "H2.2.1"]
    );
    assert!(fw
        .point("H2.2.1")
        .unwrap()
        .text
        .ends_with("严禁高三上学期结束前结课备考。"));
    // Body text of the guide is not passed off as an annex point.
    for id in ["H3.3.2", "H5.1.1"] {
        let p = fw.point(id).unwrap();
        assert!(
            !p.source.confirmed && p.source.note.contains("不是附件考查要点"),
            "{id}"
        );
    }
    // Every unconfirmed point says what it rests on.
    assert!(fw
        .points()
        .all(|(_, _, p)| p.source.confirmed || !p.source.note.is_empty()));
}

#[test]
fn the_kindergarten_wording_follows_the_guide() {
    let fw = template("40-kindergarten-2022.toml");
    assert_eq!(fw.indicator_count(), 15);
    let text = |id: &str| fw.point(id).unwrap().text.clone();
    assert!(text("K2.1.3").starts_with("制定并实施与幼儿身体发展相适应的体格锻炼计划"));
    assert_eq!(
        text("K3.1.1"),
        "以游戏为基本活动，确保幼儿每天有充分的自主游戏时间，因地制宜为幼儿创设游戏环境，提供丰富适宜的游戏材料，支持幼儿探究、试错、重复等行为，与幼儿一起分享游戏经验。"
    );
    assert!(text("K1.3.1").starts_with("遵循幼儿身心发展规律和学前教育规律，尊重幼儿个体差异，"));
    assert!(fw.point("K1.3.2").unwrap().source.confirmed);
    let all: String = fw
        .points()
        .map(|(_, _, p)| format!("{}{}", p.text, p.guidance))
        .collect();
    assert!(
        !all.contains("制订"),
        "制订 left in the kindergarten framework"
    );
}

/// The 5 方面 and 15 关键指标 of 《幼儿园保育教育质量评估指南》, names and order as in the reference file (§3.1),
/// and the 考查要点 that carry public wording: exactly the five quoted in §3.2, citing the plain 中新网 repost and
/// jushandi; every other point says it is not annex wording, so none passes for one of the ≈43 missing points.
#[test]
fn the_kindergarten_framework_has_the_official_structure_and_no_invented_annex_points() {
    let fw = template("40-kindergarten-2022.toml");
    let tree: Vec<(&str, Vec<&str>)> = fw
        .areas
        .iter()
        .map(|a| {
            (
                a.title.as_str(),
                a.indicators.iter().map(|i| i.title.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        tree,
        [
            ("办园方向", vec!["党建工作", "品德启蒙", "科学理念"]),
            ("保育与安全", vec!["卫生保健", "生活照料", "安全防护"]),
            ("教育过程", vec!["活动组织", "师幼互动", "家园共育"]),
            ("环境创设", vec!["空间设施", "玩具材料"]),
            (
                "教师队伍",
                vec!["师德师风", "人员配备", "专业发展", "激励机制"]
            ),
        ]
    );
    assert!(fw
        .areas
        .iter()
        .all(|a| a.source.confirmed && a.indicators.iter().all(|i| i.source.confirmed)));
    const NEWS: &str = "http://www.njpanjin.com/cn/Instant/domestic/202202/t20220215_7146149.html";
    const JUSHANDI: &str = "http://jushandi.com/tags-17.html";
    let quoted: Vec<&str> = fw
        .points()
        .filter(|(_, _, p)| p.source.note.contains("http"))
        .map(|(_, _, p)| p.id.as_str())
        .collect();
    assert_eq!(quoted, ["K1.3.1", "K1.3.2", "K2.1.3", "K3.1.1", "K3.2.2"]);
    for (_, _, p) in fw.points() {
        let note = &p.source.note;
        if quoted.contains(&p.id.as_str()) {
            assert!(
                note.contains(NEWS),
                "{}: cites the plain 中新网 repost",
                p.id
            );
            // Only the two public copies of §3.2 are cited, never a rewritten reprint.
            let cited = note.matches("http").count();
            let known = note.matches(NEWS).count() + note.matches(JUSHANDI).count();
            assert_eq!(cited, known, "{}: {note}", p.id);
        } else {
            assert!(
                !p.source.confirmed
                    && (note.contains("非考查要点原文") || note.contains("非指南原文")),
                "{} must say it is not annex wording",
                p.id
            );
        }
    }
    for id in ["K1.3.1", "K1.3.2"] {
        assert!(fw.point(id).unwrap().source.note.contains(JUSHANDI), "{id}");
    }
    // Only 要点7 is known in wording and place; the place of the other four is not.
    let confirmed: Vec<&str> = fw
        .points()
        .filter(|(_, _, p)| p.source.confirmed)
        .map(|(_, _, p)| p.id.as_str())
        .collect();
    assert_eq!(confirmed, ["K1.3.2"]);
    assert_eq!(
        fw.point("K1.3.2").unwrap().text,
        "充分尊重和保护幼儿的好奇心和探究兴趣，相信每一个幼儿都是积极主动、有能力的学习者，最大限度地支持和满足幼儿通过直接感知、实际操作和亲身体验获取经验的需要。不提前教授小学阶段的课程内容，不搞不切实际的特色课程。"
    );
    assert_eq!(
        fw.point("K1.3.1").unwrap().text,
        "遵循幼儿身心发展规律和学前教育规律，尊重幼儿个体差异，坚持以游戏为基本活动，珍视生活和游戏的独特教育价值。"
    );
    assert_eq!(
        fw.point("K2.1.3").unwrap().text,
        "制定并实施与幼儿身体发展相适应的体格锻炼计划，保证每天户外活动时间不少于2小时，体育活动时间不少于1小时。"
    );
    // The description tells the school how much of the annex is carried.
    assert!(fw.description.contains("48个考查要点") && fw.description.contains("5条"));
}

/// Names and places the senior-high template gives that are not from the national annex are said to be so: the
/// overall self-check items set where no annex point is known, and the news wording whose place is unknown.
#[test]
fn the_senior_framework_marks_what_is_not_annex_wording() {
    let fw = template("30-senior-2022.toml");
    let areas: Vec<&str> = fw.areas.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        areas,
        ["办学方向", "课程教学", "教师发展", "学校管理", "学生发展"]
    );
    let under = |id: &str| {
        fw.points()
            .find(|(_, _, p)| p.id == id)
            .map(|(_, i, _)| i.title.clone())
            .unwrap()
    };
    assert_eq!(under("H2.4.1"), "加强学生发展指导");
    assert_eq!(under("H2.5.1"), "完善综合素质评价");
    assert_eq!(under("H5.3.1"), "艺术素养");
    assert_eq!(under("H5.4.1"), "劳动实践");
    for id in ["H2.3.1", "H4.2.3", "H5.0.1"] {
        let p = fw.point(id).unwrap();
        assert!(
            !p.source.confirmed && p.source.note.contains("本工具设置的总体自查项"),
            "{id}"
        );
    }
    for id in ["H2.2.5", "H2.2.6"] {
        let p = fw.point(id).unwrap();
        assert!(
            !p.source.confirmed && p.source.note.contains("anaishagupta.com"),
            "{id}: news wording cites its source"
        );
    }
    // Every indicator without a known annex point says so.
    for ind in fw.areas.iter().flat_map(|a| &a.indicators).skip(4) {
        assert!(
            ind.source.note.contains("考查要点原文未能取得"),
            "{}",
            ind.title
        );
    }
}

/// Each archived version rebuilds exactly from its differences, and no id of an old version names a different
/// point in the new one (an old answer could otherwise show up under an unrelated point).
#[test]
fn archived_versions_rebuild_exactly_and_ids_are_never_reused() {
    let mut n = 0;
    for entry in std::fs::read_dir(format!("{ROOT}/templates/frameworks/archive")).unwrap() {
        let path = entry.unwrap().path();
        let old = parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let rebuilt = xzzp_templates::framework_version(&old.id, &old.version).unwrap();
        assert_eq!(*rebuilt, old, "{}", path.display());
        let new = xzzp_templates::framework(&old.id).unwrap();
        for (_, _, p) in old.points() {
            if let Some(q) = new.point(&p.id) {
                assert!(
                    q.previous_ids.is_empty() && q.kind == p.kind,
                    "{}: id {} now names another point",
                    old.id,
                    p.id
                );
            }
        }
        n += 1;
    }
    assert_eq!(n, 3);
}

/// An evaluation answered on any archived version of a built-in framework keeps every answer when it moves to
/// the current version (each point answered, with a note).
#[test]
fn an_evaluation_keeps_its_answers_when_its_framework_gets_a_new_version() {
    use xzzp_core::evaluation::{AnswerValue, Answers, Edit};
    use xzzp_core::framework_versions::{migrate, preview, AnswerFate};
    let mut moves = 0;
    for id in ["senior-2022", "kindergarten-2022", "compulsory-2021"] {
        let new = xzzp_templates::framework(id).unwrap();
        let versions = xzzp_templates::framework_versions(id);
        assert_eq!(versions.last(), Some(&new.version), "{id}");
        assert!(versions.len() > 1, "{id} has an archived version");
        for version in &versions[..versions.len() - 1] {
            moves += 1;
            let old = xzzp_templates::framework_version(id, version).unwrap();
            let mut answers = Answers::default();
            for (_, _, p) in old.points() {
                let v = match p.kind {
                    PointKind::Level => AnswerValue::Level("B".into()),
                    PointKind::YesNo => AnswerValue::YesNo(false),
                    PointKind::Number => AnswerValue::Number(12.5),
                    PointKind::Text => AnswerValue::Text("本校做法".into()),
                };
                answers.apply(&old, &p.id, Edit::Value(Some(v))).unwrap();
                answers
                    .apply(&old, &p.id, Edit::Note(format!("{} 佐证", p.id)))
                    .unwrap();
            }
            let m = preview(&old, &new, &answers).unwrap();
            assert_eq!(m.removed, Vec::<String>::new(), "{id}");
            assert_eq!(m.set_aside(), 0, "{id}");
            let moved = migrate(&old, &new, &answers).unwrap();
            assert_eq!(moved.by_point.len(), answers.by_point.len(), "{id}");
            assert!(moved.set_aside.is_empty());
            for (old_id, fate) in &m.answers {
                let new_id = match fate {
                    AnswerFate::Kept { new_id } | AnswerFate::Review { new_id, .. } => new_id,
                    other => panic!("{id} {old_id}: {other:?}"),
                };
                assert_eq!(moved.by_point[new_id], answers.by_point[old_id]);
            }
            if id == "senior-2022" && version == "2026.1" {
                assert_eq!(moved.by_point["H2.4.1"].note, "H5.1.3 佐证");
                assert_eq!(moved.by_point["H5.4.1"].note, "H5.3.2 佐证");
                assert_eq!(
                    m.added,
                    ["H2.3.1", "H4.2.3", "H5.0.1"],
                    "only the overall items are new"
                );
            }
            if id == "kindergarten-2022" && version == "2026.1" {
                // Reworded points carry their answers but are flagged for a second look.
                let fate = &m.answers.iter().find(|(k, _)| k == "K3.1.1").unwrap().1;
                assert!(matches!(fate, AnswerFate::Review { .. }), "{fate:?}");
            }
        }
    }
    assert!(moves >= 3);
}

/// The 分工 follows an evaluation of the senior framework from 2026.1 to the current version by the same id
/// mapping as the answers: a person given H5.1.3 now has H2.4.1 (the point moved), and a department given
/// H4.2 (学校质量自评 in 2026.1; the id means 规范招生办学行为 now) is not silently given the new indicator but
/// its former points, and the principal is told.
#[test]
fn the_staff_assignment_follows_the_senior_framework_to_its_new_version() {
    use xzzp_core::assignment::{carry, Assignment, NotCarriedReason};
    use xzzp_core::i18n::{Lang, Localized};
    let old = xzzp_templates::framework_version("senior-2022", "2026.1").unwrap();
    let new = xzzp_templates::framework("senior-2022").unwrap();
    let title = |fw: &framework::Framework, id: &str| {
        fw.areas
            .iter()
            .flat_map(|a| &a.indicators)
            .find(|i| i.id == id)
            .map(|i| i.title.clone())
            .unwrap()
    };
    assert_eq!(title(&old, "H4.2"), "学校质量自评");
    assert_eq!(title(&new, "H4.2"), "规范招生办学行为");
    let mut a = Assignment::default();
    let office = a.add_department("校长办公室");
    a.department_mut(&office).unwrap().items = vec!["H4.2".into()];
    let teacher = a.add_person(None, "李华", "年级主任");
    a.assignee_mut(&teacher).unwrap().items = Some(vec!["H5.1.3".into(), "H5.3.2".into()]);
    let c = carry(&old, &new, &a);
    let items = c.assignment.assignee(&teacher).unwrap().items.clone();
    assert_eq!(
        items,
        Some(vec!["H2.4.1".to_string(), "H5.4.1".to_string()])
    );
    let d = c.assignment.department(&office).unwrap();
    assert!(!d.items.contains(&"H4.2".to_string()), "{:?}", d.items);
    assert!(
        !c.assignment.points_of(&new, &teacher).is_empty()
            && c.assignment
                .department_points(&new, &office)
                .iter()
                .all(|p| !p.starts_with("H4.2.")),
        "nothing of 规范招生办学行为 is given to the office"
    );
    assert_eq!(
        d.items,
        ["H4.1.3", "H4.1.4"],
        "the former points of 学校质量自评"
    );
    assert_eq!(c.not_carried.len(), 1, "{:?}", c.not_carried);
    let n = &c.not_carried[0];
    assert_eq!((n.whose.as_str(), n.id.as_str()), ("校长办公室", "H4.2"));
    assert_eq!(
        n.reason,
        NotCarriedReason::Changed("规范招生办学行为".into())
    );
    assert!(
        n.text(Lang::Zh).contains("学校质量自评") && n.text(Lang::Zh).contains("规范招生办学行为")
    );
    assert!(n.text(Lang::En).contains("H4.1.3"));
    // H5.1 changed meaning too: a department on it keeps its former points, now H2.4.1 and H2.5.1 among them.
    let mut b = Assignment::default();
    let dy = b.add_department("德育处");
    b.department_mut(&dy).unwrap().items = vec!["H5.1".into()];
    let c = carry(&old, &new, &b);
    let items = &c.assignment.department(&dy).unwrap().items;
    assert!(!items.contains(&"H5.1".to_string()));
    for p in ["H2.4.1", "H2.5.1"] {
        assert!(items.contains(&p.to_string()), "{items:?}");
    }
    assert_eq!(c.not_carried[0].id, "H5.1");
    // The other built-in frameworks kept their areas: a 分工 of every area is carried unchanged.
    for id in ["kindergarten-2022", "compulsory-2021"] {
        let new = xzzp_templates::framework(id).unwrap();
        let old = xzzp_templates::framework_version(id, "2026.1").unwrap();
        let mut a = Assignment::default();
        let d = a.add_department("教务处");
        a.department_mut(&d).unwrap().items = old.areas.iter().map(|x| x.id.clone()).collect();
        let c = carry(&old, &new, &a);
        assert!(old
            .areas
            .iter()
            .all(|x| new.areas.iter().any(|y| y.id == x.id && y.title == x.title)));
        assert_eq!(c.assignment, a, "{id}");
        assert!(c.not_carried.is_empty(), "{id}");
    }
}
