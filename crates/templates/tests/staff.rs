//! Whole-staff self-evaluation on a built-in framework: packages, answer files and 答卷码 against the fixture
//! corpus in `tests/fixtures/staff/`, the figures of a real-size package, and property tests that the parsers
//! never panic and that a changed 答卷码 is never read as different answers.
//!
//! The corpus is written by `cargo test -p xzzp-templates --test staff -- --ignored write_fixtures` and then
//! kept: files written by today's build must still be read by every later one.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use std::collections::BTreeMap;
use xzzp_core::answer_code::{encode, read_codes, CodeError};
use xzzp_core::answer_file::{
    read_answer_file, AnswerFileError, Export, StaffAnswerFile, StaffRespondent,
};
use xzzp_core::assignment::Assignment;
use xzzp_core::collection::{Desk, ImportProblem, Intake, ReceiveError, Staff};
use xzzp_core::evaluation::{AnswerValue, Answers, Edit, EvaluationHeader, SchoolYear, Term};
use xzzp_core::files::ReadProblem;
use xzzp_core::framework::{Framework, PointKind, SchoolType};
use xzzp_core::i18n::{Lang, Localized};
use xzzp_core::invitation::{Invitation, Issue, PackageError};
use xzzp_core::school::School;
use xzzp_templates as catalog;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/staff");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(path: &str) -> String {
    String::from_utf8(read(path)).unwrap()
}

/// The fictional school of the corpus and its evaluation of the compulsory-education framework.
struct World {
    fw: Framework,
    school: School,
    header: EvaluationHeader,
    assignment: Assignment,
}

impl World {
    /// On the framework frozen in the corpus (a copy of the built-in compulsory-education framework as it was
    /// when the corpus was written), so that later changes to the built-in text do not break the corpus.
    fn new() -> World {
        Self::on(frozen())
    }

    fn on(fw: Framework) -> World {
        let mut school = School::new("s-demo-1", "示例县第一小学（示例）", SchoolType::Primary);
        school.principal = "王明".into();
        let header = EvaluationHeader {
            id: "e-2025".into(),
            school_id: school.id.clone(),
            framework_id: fw.id.clone(),
            framework_version: fw.version.clone(),
            school_year: SchoolYear(2025),
            term: Term::Year,
            created: "2025-09-01".into(),
        };
        let mut a = Assignment::default();
        let dy = a.add_department("德育处");
        let jw = a.add_department("教务处");
        a.department_mut(&dy).unwrap().items = vec!["A1".into()];
        a.department_mut(&jw).unwrap().items = vec!["A2".into()];
        a.department_mut(&jw).unwrap().lead = "李华".into();
        a.add_person(Some(&dy), "赵强", "德育主任"); // a3
        a.add_person(Some(&jw), "李华", "教务主任"); // a4
        let wang = a.add_person(Some(&jw), "王芳", "语文教师"); // a5
        a.assignee_mut(&wang).unwrap().items = Some(vec!["A2.1".into()]);
        a.add_staff(Some(&jw), Some(30), false); // a6
        let survey = a.add_staff(None, Some(60), true); // a7
        a.assignee_mut(&survey).unwrap().items = Some(vec!["A1.1".into()]);
        a.due = NaiveDate::from_ymd_opt(2025, 11, 30);
        a.message = "请对照自查要点如实填写，11月30日前发回。".into();
        World {
            fw,
            school,
            header,
            assignment: a,
        }
    }

    fn issue(&self) -> Issue<'_> {
        Issue {
            school: &self.school,
            header: &self.header,
            fw: &self.fw,
            assignment: &self.assignment,
            issued_at: "2025-10-08T09:00",
        }
    }

    fn desk(&self) -> Desk<'_> {
        Desk {
            school: &self.school,
            header: &self.header,
            fw: &self.fw,
        }
    }

    /// The principal's collection with the corpus packages issued.
    fn staff(&self) -> Staff {
        let mut s = Staff {
            assignment: self.assignment.clone(),
            ..Staff::default()
        };
        for p in ["good/package-li-hua.json", "good/package-everyone.json"] {
            s.record_issued(&Invitation::parse(&read(p)).unwrap());
        }
        s
    }
}

fn frozen() -> Framework {
    xzzp_core::framework::from_json(&text("framework.json")).unwrap()
}

/// Built-in frameworks, with the frozen one in place of its namesake.
fn frameworks(id: &str) -> Option<std::sync::Arc<Framework>> {
    if id == "compulsory-2021" {
        Some(std::sync::Arc::new(frozen()))
    } else {
        catalog::framework(id)
    }
}

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 10, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// Answers to every point of a framework: levels cycling from the best, 是, numbers, text, a note on every
/// third point.
fn answer_all(fw: &Framework, shift: usize, note: &str) -> Answers {
    let mut a = Answers::default();
    for (i, (_, _, p)) in fw.points().enumerate() {
        let v = match p.kind {
            PointKind::Level => AnswerValue::Level(
                fw.scale.levels[(i + shift) % fw.scale.levels.len()]
                    .id
                    .clone(),
            ),
            PointKind::YesNo => AnswerValue::YesNo((i + shift).is_multiple_of(2)),
            PointKind::Number => AnswerValue::Number(42.5 + shift as f64),
            PointKind::Text => AnswerValue::Text("按计划开展".into()),
        };
        a.apply(fw, &p.id, Edit::Value(Some(v))).unwrap();
        if i % 3 == 0 && !note.is_empty() {
            a.apply(fw, &p.id, Edit::Note(note.into())).unwrap();
        }
    }
    a
}

fn staff_file(
    inv: &Invitation,
    assignee: &str,
    name: &str,
    rev: u32,
    when: NaiveDateTime,
    shift: usize,
) -> StaffAnswerFile {
    let fw = inv.framework_for(assignee).unwrap();
    StaffAnswerFile::new(
        inv,
        assignee,
        Some(StaffRespondent {
            name: name.into(),
            role: String::new(),
            department: String::new(),
        }),
        &answer_all(&fw, shift, "有会议记录和活动照片，资料齐全。"),
        Export {
            id: &format!("{assignee}-{name}-{rev}"),
            token: &format!("token-{assignee}-{name}"),
            revision: rev,
            at: when,
        },
    )
    .unwrap()
}

fn reseal(json: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    v.as_object_mut().unwrap().remove("checksum");
    xzzp_core::files::seal(&v)
}

fn edit(json: &str, f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    f(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// Writes the corpus. Run once when the formats gain a case; the files are then kept as they are.
#[test]
#[ignore]
fn write_fixtures() {
    let put = |name: &str, content: &[u8]| {
        let path = format!("{FIXTURES}/{name}");
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    };
    let fw = catalog::framework("compulsory-2021").unwrap();
    put(
        "framework.json",
        serde_json::to_string_pretty(&*fw).unwrap().as_bytes(),
    );
    let w = World::on((*fw).clone());
    let li = Invitation::for_assignee(&w.issue(), "a4", "pkg-li-hua").unwrap();
    let all = Invitation::for_everyone(&w.issue(), "pkg-everyone").unwrap();
    let li_json = li.to_json();
    let all_json = all.to_json();
    put("good/package-li-hua.json", li_json.as_bytes());
    put("good/package-everyone.json", all_json.as_bytes());
    let li1 = staff_file(&li, "a4", "", 1, at(12, 9, 30), 0);
    let li2 = staff_file(&li, "a4", "", 2, at(13, 20, 5), 1);
    put("good/answers-li-hua-1.json", li1.to_json().as_bytes());
    put("good/answers-li-hua-2.json", li2.to_json().as_bytes());
    let sun = staff_file(&all, "a6", "孙丽", 1, at(14, 8, 0), 2);
    put("good/answers-sun-li.json", sun.to_json().as_bytes());
    // A forged anonymous answer that carries a name (with a valid checksum): the name must not be kept.
    let mut anon = staff_file(&all, "a7", "", 1, at(14, 10, 0), 3);
    assert!(anon.respondent.is_none());
    anon.respondent = Some(StaffRespondent {
        name: "张三".into(),
        role: "体育教师".into(),
        department: "总务处".into(),
    });
    put(
        "good/answers-anonymous-with-a-name.json",
        anon.to_json().as_bytes(),
    );
    let v1 = serde_json::json!({
        "format": "xzzp-answers", "version": 1, "id": "v1-wang-fang",
        "respondent": { "name": "王芳", "role": "语文教师" },
        "school": "示例县第一小学（示例）", "framework_id": w.fw.id, "framework_version": w.fw.version,
        "school_year": 2025, "term": "year", "exported_at": "2025-10-01",
        "answers": { "A2.1.1": { "value": { "t": "level", "v": w.fw.scale.levels[1].id }, "note": "旧版答卷" } }
    });
    put(
        "good/answers-v1-wang-fang.json",
        serde_json::to_string_pretty(&v1).unwrap().as_bytes(),
    );
    let wang = staff_file(&all, "a5", "", 1, at(15, 7, 45), 0);
    let zhao = staff_file(&all, "a6", "周敏", 1, at(15, 12, 0), 1);
    let long = {
        let mut f = staff_file(&all, "a6", "吴刚", 1, at(16, 9, 0), 2);
        for a in f.answers.values_mut() {
            a.note =
                "教研活动每周一次，有记录、有照片、有反思，个别教师参与不够积极，需要加强督促。"
                    .repeat(3);
        }
        f
    };
    let code = |f: &StaffAnswerFile| encode(&all, f).unwrap();
    let chat = format!(
        "王芳 10:32\n校长好，这是我的答卷码：\n{}\n\n周敏 10:35\n{}\n谢谢！\n\n吴刚 11:02\n我的说明比较多，分成了几段：\n{}\n",
        code(&wang).text(),
        code(&zhao).text().replace("XZZP", "XZZP ").chars().collect::<String>(),
        code(&long).parts.join("\n\n")
    );
    assert!(code(&long).parts.len() > 1);
    put("good/codes-in-chat.txt", chat.as_bytes());

    // Bad packages.
    put("bad/package-01-empty.json", b"");
    put(
        "bad/package-02-truncated.json",
        &li_json.as_bytes()[..li_json.len() / 2],
    );
    let cut = li_json
        .char_indices()
        .find(|(i, c)| *i > 3000 && c.len_utf8() == 3)
        .unwrap()
        .0
        + 1;
    put(
        "bad/package-03-cut-inside-a-character.json",
        &li_json.as_bytes()[..cut],
    );
    let first_point = &li.framework.areas[0].indicators[0].points[0].text;
    let edited = li_json.replacen(first_point.as_str(), "（已改动）", 1);
    assert_ne!(edited, li_json);
    put("bad/package-04-edited-point-text.json", edited.as_bytes());
    put(
        "bad/package-05-edited-due-date.json",
        li_json.replace("2025-11-30", "2026-01-31").as_bytes(),
    );
    put(
        "bad/package-06-newer-version.json",
        edit(&li_json, |v| v["version"] = 2.into()).as_bytes(),
    );
    put(
        "bad/package-07-no-version.json",
        edit(&li_json, |v| {
            v.as_object_mut().unwrap().remove("version");
        })
        .as_bytes(),
    );
    put(
        "bad/package-08-no-checksum.json",
        edit(&li_json, |v| {
            v.as_object_mut().unwrap().remove("checksum");
        })
        .as_bytes(),
    );
    put(
        "bad/package-09-a-backup.json",
        &std::fs::read(format!("{FIXTURES}/../import/good/backup-all.json")).unwrap(),
    );
    put(
        "bad/package-10-an-answer-file.json",
        li1.to_json().as_bytes(),
    );
    put(
        "bad/package-11-other-program.json",
        br#"{"name":"survey","questions":[]}"#,
    );
    put("bad/package-12-not-json.txt", "填报包\n李华\n".as_bytes());
    let utf16: Vec<u8> = "\u{feff}{\"format\":\"xzzp-invitation\"}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    put("bad/package-13-utf16.json", &utf16);
    put(
        "bad/package-14-forged-duplicate-assignee.json",
        reseal(&edit(&all_json, |v| {
            let first = v["assignees"][0].clone();
            v["assignees"].as_array_mut().unwrap().push(first);
        }))
        .as_bytes(),
    );
    put(
        "bad/package-15-forged-point-outside.json",
        reseal(&edit(&li_json, |v| {
            v["assignees"][0]["points"]
                .as_array_mut()
                .unwrap()
                .push("A1.1.1".into());
        }))
        .as_bytes(),
    );
    put(
        "bad/package-16-forged-unknown-field.json",
        reseal(&edit(&li_json, |v| v["password"] = "x".into())).as_bytes(),
    );
    put(
        "bad/package-17-county-submission.json",
        br#"{"format":"xzzp-submission","version":1}"#,
    );

    // Bad answer files, imported into the evaluation that issued the packages.
    let li1_json = li1.to_json();
    let level_ids: Vec<&str> = w.fw.scale.levels.iter().map(|l| l.id.as_str()).collect();
    let (la, lb) = (
        format!("\"v\": \"{}\"", level_ids[0]),
        format!("\"v\": \"{}\"", level_ids[1]),
    );
    assert!(li1_json.contains(&la));
    put(
        "bad/answers-01-edited-level.json",
        li1_json.replacen(&la, &lb, 1).as_bytes(),
    );
    put(
        "bad/answers-02-truncated.json",
        &li1_json.as_bytes()[..li1_json.len() - 40],
    );
    put(
        "bad/answers-03-newer-version.json",
        edit(&li1_json, |v| v["version"] = 3.into()).as_bytes(),
    );
    put("bad/answers-04-a-package.json", li_json.as_bytes());
    put(
        "bad/answers-05-other-school.json",
        reseal(&edit(&li1_json, |v| {
            v["origin"]["school_id"] = "s-demo-2".into();
            v["origin"]["school"] = "示例县第二小学（示例）".into();
        }))
        .as_bytes(),
    );
    put(
        "bad/answers-06-other-evaluation.json",
        reseal(&edit(&li1_json, |v| {
            v["origin"]["evaluation_id"] = "e-2024".into()
        }))
        .as_bytes(),
    );
    put(
        "bad/answers-07-unassigned-points.json",
        reseal(&edit(&li1_json, |v| {
            v["answers"]["A1.1.1"] =
                serde_json::json!({ "value": { "t": "level", "v": level_ids[0] } });
        }))
        .as_bytes(),
    );
    put(
        "bad/answers-08-unknown-package.json",
        reseal(&edit(&li1_json, |v| {
            v["origin"]["package"] = "pkg-deleted".into()
        }))
        .as_bytes(),
    );
    put(
        "bad/answers-09-level-not-in-scale.json",
        reseal(&li1_json.replacen(&la, "\"v\": \"S\"", 1)).as_bytes(),
    );
    put(
        "bad/answers-10-v1-unknown-framework.json",
        edit(&serde_json::to_string(&v1).unwrap(), |v| {
            v["framework_id"] = "no-such-framework".into()
        })
        .as_bytes(),
    );
    put(
        "bad/answers-11-no-name-for-staff.json",
        reseal(&edit(&sun.to_json(), |v| {
            v.as_object_mut().unwrap().remove("respondent");
        }))
        .as_bytes(),
    );
    put(
        "bad/answers-12-a-backup.json",
        &std::fs::read(format!("{FIXTURES}/../import/good/backup-all.json")).unwrap(),
    );
    put(
        "bad/answers-13-empty-name.json",
        reseal(&edit(&sun.to_json(), |v| {
            v["respondent"]["name"] = " ".into()
        }))
        .as_bytes(),
    );
    let other_fw = catalog::framework("quality-action").unwrap();
    put(
        "bad/answers-14-other-framework.json",
        serde_json::to_string_pretty(&serde_json::json!({
            "format": "xzzp-answers", "version": 1, "id": "v1-other",
            "respondent": { "name": "王芳" }, "framework_id": other_fw.id,
            "framework_version": other_fw.version, "school_year": 2025, "answers": {}
        }))
        .unwrap()
        .as_bytes(),
    );

    // Bad codes.
    let one = code(&wang).parts[0].clone();
    put(
        "bad/code-01-cut-off.txt",
        format!("王芳 10:32\n{}\n谢谢", &one[..one.len() - 25]).as_bytes(),
    );
    let mut changed: Vec<char> = one.chars().collect();
    let k = changed.len() / 2;
    changed[k] = if changed[k] == 'x' { 'y' } else { 'x' };
    put(
        "bad/code-02-changed-character.txt",
        changed.into_iter().collect::<String>().as_bytes(),
    );
    let parts = code(&long).parts;
    assert!(parts.len() >= 3, "{}", parts.len());
    put(
        "bad/code-03-missing-part.txt",
        format!("{}\n\n{}", parts[0], parts[parts.len() - 1]).as_bytes(),
    );
    put(
        "bad/code-04-newer.txt",
        format!("XZZPC{}", &one[5..]).as_bytes(),
    );
    put(
        "bad/code-05-no-code.txt",
        "老师好，我已经填好了，答卷码稍后发给您。".as_bytes(),
    );
    let mut elsewhere = all.clone();
    elsewhere.id = "pkg-of-another-school".into();
    put(
        "bad/code-06-other-package.txt",
        encode(&elsewhere, &wang).unwrap().text().as_bytes(),
    );
    put(
        "bad/code-07-only-the-start.txt",
        format!("答卷码：{}", &one[..9]).as_bytes(),
    );

    let expected: BTreeMap<&str, &str> = [
        ("package-01-empty.json", "Package:Empty"),
        ("package-02-truncated.json", "Package:Truncated"),
        (
            "package-03-cut-inside-a-character.json",
            "Package:Truncated",
        ),
        ("package-04-edited-point-text.json", "Package:Edited"),
        ("package-05-edited-due-date.json", "Package:Edited"),
        ("package-06-newer-version.json", "Package:Newer"),
        ("package-07-no-version.json", "Package:NoVersion"),
        ("package-08-no-checksum.json", "Package:Edited"),
        ("package-09-a-backup.json", "Package:Backup"),
        ("package-10-an-answer-file.json", "Package:AnswerFile"),
        ("package-11-other-program.json", "Package:Foreign"),
        ("package-12-not-json.txt", "Package:NotJson"),
        ("package-13-utf16.json", "Package:NotText"),
        (
            "package-14-forged-duplicate-assignee.json",
            "Package:Invalid",
        ),
        ("package-15-forged-point-outside.json", "Package:Invalid"),
        ("package-16-forged-unknown-field.json", "Package:Invalid"),
        ("package-17-county-submission.json", "Package:OtherOfOurs"),
        ("answers-01-edited-level.json", "File:Edited"),
        ("answers-02-truncated.json", "File:Truncated"),
        ("answers-03-newer-version.json", "File:Newer"),
        ("answers-04-a-package.json", "File:Invitation"),
        ("answers-05-other-school.json", "Receive:OtherSchool"),
        (
            "answers-06-other-evaluation.json",
            "Receive:OtherEvaluation",
        ),
        ("answers-07-unassigned-points.json", "Receive:Unassigned"),
        ("answers-08-unknown-package.json", "Receive:UnknownPackage"),
        ("answers-09-level-not-in-scale.json", "Receive:BadAnswer"),
        ("answers-10-v1-unknown-framework.json", "File:V1"),
        ("answers-11-no-name-for-staff.json", "Receive:NameMissing"),
        ("answers-12-a-backup.json", "File:Backup"),
        ("answers-13-empty-name.json", "File:Invalid"),
        ("answers-14-other-framework.json", "Receive:OtherFramework"),
        ("code-01-cut-off.txt", "Code:Truncated"),
        ("code-02-changed-character.txt", "Code:Damaged"),
        ("code-03-missing-part.txt", "Code:MissingParts"),
        ("code-04-newer.txt", "Code:Newer"),
        ("code-05-no-code.txt", "Code:NoCode"),
        ("code-06-other-package.txt", "Receive:UnknownPackage"),
        ("code-07-only-the-start.txt", "Code:CutInHeader"),
    ]
    .into_iter()
    .collect();
    put(
        "bad/expected.json",
        serde_json::to_string_pretty(&expected).unwrap().as_bytes(),
    );
}

fn package_kind(e: &PackageError) -> String {
    match e {
        PackageError::Read(p) => read_kind(p),
        PackageError::Foreign => "Foreign".into(),
        PackageError::Backup => "Backup".into(),
        PackageError::AnswerFile => "AnswerFile".into(),
        PackageError::OtherOfOurs(_) => "OtherOfOurs".into(),
        PackageError::Newer(_) => "Newer".into(),
        PackageError::NoVersion => "NoVersion".into(),
        PackageError::Edited => "Edited".into(),
        PackageError::Invalid(_) => "Invalid".into(),
    }
}

fn read_kind(p: &ReadProblem) -> String {
    format!("{p:?}").split('(').next().unwrap().to_string()
}

fn problem_kind(p: &ImportProblem) -> String {
    let name = |d: String| d.split(['(', ' ', '{']).next().unwrap().to_string();
    match p {
        ImportProblem::File(AnswerFileError::Read(r)) => format!("File:{}", read_kind(r)),
        ImportProblem::File(e) => format!("File:{}", name(format!("{e:?}"))),
        ImportProblem::Code(e) => format!("Code:{}", name(format!("{e:?}"))),
        ImportProblem::Receive(e) => format!("Receive:{}", name(format!("{e:?}"))),
    }
}

#[test]
fn every_bad_staff_file_is_refused_with_its_message_and_changes_nothing() {
    let w = World::new();
    let expected: BTreeMap<String, String> =
        serde_json::from_slice(&read("bad/expected.json")).unwrap();
    let files: Vec<String> = std::fs::read_dir(format!("{FIXTURES}/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "expected.json")
        .collect();
    assert_eq!(
        files.len(),
        expected.len(),
        "every bad file has an expectation"
    );
    assert!(expected.len() >= 35);
    let desk = w.desk();
    for (name, want) in &expected {
        let bytes = read(&format!("bad/{name}"));
        let (got, msg) = if name.starts_with("package-") {
            let e = Invitation::parse(&bytes).expect_err(name);
            (format!("Package:{}", package_kind(&e)), e.zh())
        } else {
            let mut staff = w.staff();
            let before = staff.clone();
            let e = if name.starts_with("code-") {
                let mut r = staff.import_codes(&desk, std::str::from_utf8(&bytes).unwrap());
                assert_eq!(r.len(), 1, "{name}: {r:?}");
                r.remove(0).expect_err(name)
            } else {
                staff
                    .import_file(&desk, &bytes, frameworks)
                    .expect_err(name)
            };
            assert_eq!(staff, before, "{name} changed the collection");
            (problem_kind(&e), e.zh())
        };
        assert_eq!(&got, want, "{name}: {msg}");
        assert!(msg.ends_with("数据没有任何改动。"), "{name}: {msg}");
        assert!(
            !msg.contains("Err(") && !msg.contains("Some("),
            "{name}: debug output: {msg}"
        );
    }
}

#[test]
fn the_good_corpus_goes_through_the_whole_collection() {
    let w = World::new();
    let li = Invitation::parse(&read("good/package-li-hua.json")).unwrap();
    assert_eq!(
        li.file_name(),
        "示例县第一小学（示例）-教务处-李华-填报包.json"
    );
    assert_eq!(li.school.name, "示例县第一小学（示例）");
    assert_eq!(li.framework.version, w.fw.version);
    let points: Vec<&str> = li
        .framework
        .points()
        .map(|(_, _, p)| p.id.as_str())
        .collect();
    assert!(
        points.iter().all(|p| p.starts_with("A2.")),
        "only 教务处's area travels"
    );
    assert_eq!(
        li.framework.point_count(),
        w.assignment.points_of(&w.fw, "a4").len()
    );
    let all = Invitation::parse(&read("good/package-everyone.json")).unwrap();
    assert_eq!(all.assignees.len(), 5);

    let desk = w.desk();
    let mut staff = w.staff();
    let mut take = |name: &str| {
        staff
            .import_file(&desk, &read(&format!("good/{name}")), frameworks)
            .unwrap_or_else(|e| panic!("{name}: {}", e.zh()))
            .intake
    };
    assert_eq!(take("answers-v1-wang-fang.json"), Intake::Added);
    assert_eq!(take("answers-li-hua-1.json"), Intake::Added);
    assert_eq!(take("answers-li-hua-2.json"), Intake::Replaced(1));
    assert_eq!(
        take("answers-li-hua-2.json"),
        Intake::Same,
        "the same file twice"
    );
    assert_eq!(
        take("answers-li-hua-1.json"),
        Intake::Older(2),
        "the earlier file after the later"
    );
    assert_eq!(take("answers-sun-li.json"), Intake::Added);
    assert_eq!(take("answers-anonymous-with-a-name.json"), Intake::Added);
    let got = staff.import_codes(&desk, &text("good/codes-in-chat.txt"));
    let outcomes: Vec<Intake> = got
        .iter()
        .map(|r| {
            r.as_ref()
                .unwrap_or_else(|e| panic!("{}", e.zh()))
                .intake
                .clone()
        })
        .collect();
    // 王芳's code replaces her version 1 file; 周敏 and 吴刚 (three parts) are new.
    assert_eq!(
        outcomes,
        vec![Intake::Replaced(0), Intake::Added, Intake::Added]
    );
    assert_eq!(staff.submissions.len(), 6);
    assert!(
        staff
            .submissions
            .iter()
            .all(|s| s.respondent.as_ref().is_none_or(|r| r.name != "张三")),
        "the anonymous answer keeps no name"
    );
    let status = staff.status(&w.fw);
    assert_eq!(
        status.missing(),
        vec![("德育处".to_string(), "赵强".to_string())]
    );
    let rows: Vec<_> = status
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.invited, r.returned))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("德育处", Some(1), 0),
            ("教务处", Some(32), 5),
            ("全校", Some(60), 1)
        ]
    );
    let report = staff.report(&w.fw, &Answers::default());
    assert_eq!((report.invited, report.returned), (Some(93), 6));
    // The English messages exist too.
    let notice = staff
        .clone()
        .import_file(&desk, &read("good/answers-li-hua-2.json"), frameworks);
    assert!(notice.unwrap().text(Lang::En).contains("not counted twice"));
}

/// Sizes of the largest framework: one package for everyone on all 74 points, an answer file to all of
/// them, and the 答卷码 of 20 points with and without notes. Printed for the record.
#[test]
fn figures_of_a_real_size_package() {
    let fw = (*catalog::framework("quality-action").unwrap()).clone();
    let mut w = World::on(fw.clone());
    let mut a = Assignment::default();
    let d = a.add_department("教务处");
    a.department_mut(&d).unwrap().items = fw.areas.iter().map(|x| x.id.clone()).collect();
    let who = a.add_person(Some(&d), "李华", "教务主任");
    let twenty = a.add_person(Some(&d), "王芳", "语文教师");
    let first20: Vec<String> = fw.points().take(20).map(|(_, _, p)| p.id.clone()).collect();
    a.assignee_mut(&twenty).unwrap().items = Some(first20);
    w.assignment = a;
    let inv = Invitation::for_everyone(&w.issue(), "pkg-74").unwrap();
    let json = inv.to_json();
    let file = staff_file(&inv, &who, "", 1, at(12, 9, 0), 0);
    let f20 = staff_file(&inv, &twenty, "", 1, at(12, 9, 0), 0);
    let mut bare = f20.clone();
    bare.answers.values_mut().for_each(|x| x.note.clear());
    let c20 = encode(&inv, &f20).unwrap();
    let c20_bare = encode(&inv, &bare).unwrap();
    let notes = f20.answers.values().filter(|x| !x.note.is_empty()).count();
    println!(
        "quality-action: package for everyone {} bytes ({} points); answer file to all 74 points {} bytes; \
         答卷码 of 20 points: {} characters with {notes} notes of 16 characters, {} without notes",
        json.len(),
        inv.framework.point_count(),
        file.to_json().len(),
        c20.len(),
        c20_bare.len()
    );
    assert_eq!(inv.framework.point_count(), fw.point_count());
    assert!(json.len() < 200_000);
    assert!(Invitation::parse(json.as_bytes()).is_ok());
}

fn good_package() -> String {
    text("good/package-li-hua.json")
}

fn good_answers() -> String {
    text("good/answers-sun-li.json")
}

fn a_code() -> String {
    text("good/codes-in-chat.txt")
}

fn mutate(text: &str, at: usize, len: usize, insert: &str) -> String {
    let mut cut = at.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut end = (cut + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{}{}", &text[..cut], insert, &text[end..])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    /// Arbitrary bytes never make a parser panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = Invitation::parse(&bytes);
        let _ = read_answer_file(&bytes, catalog::framework);
        let _ = read_codes(&String::from_utf8_lossy(&bytes));
    }

    /// A package, an answer file or a pasted text with one stretch replaced never makes a parser panic, and
    /// a changed package or answer file is refused unless the change left its content as it was.
    #[test]
    fn mutated_files_never_panic(at in 0usize..40_000, len in 0usize..64, insert in ".{0,40}") {
        let p = good_package();
        let m = mutate(&p, at % p.len(), len, &insert);
        if let Ok(inv) = Invitation::parse(m.as_bytes()) {
            prop_assert_eq!(inv, Invitation::parse(p.as_bytes()).unwrap());
        }
        let a = good_answers();
        let m = mutate(&a, at % a.len(), len, &insert);
        if let Ok(xzzp_core::answer_file::Incoming::V2(f)) = read_answer_file(m.as_bytes(), catalog::framework) {
            prop_assert_eq!(f, StaffAnswerFile::parse(a.as_bytes()).unwrap());
        }
        let c = a_code();
        let _ = read_codes(&mutate(&c, at % c.len(), len, &insert));
    }

    /// Any single changed, lost or added character of a 答卷码 is detected: the code is refused, never read
    /// as other answers.
    #[test]
    fn a_changed_code_is_never_read_as_other_answers(at in 0usize..2000, op in 0u8..3, c in proptest::sample::select(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars().collect::<Vec<_>>()
    )) {
        let chat = a_code();
        let code: String = chat.lines().find(|l| l.starts_with("XZZP")).unwrap().to_string();
        let original = read_codes(&code).remove(0).unwrap();
        let chars: Vec<char> = code.chars().collect();
        let i = at % chars.len();
        let mut changed = chars.clone();
        match op {
            0 => changed[i] = c,
            1 => { changed.remove(i); }
            _ => changed.insert(i, c),
        }
        let changed: String = changed.into_iter().collect();
        for got in read_codes(&changed).into_iter().flatten() {
            prop_assert_eq!(got, original.clone(), "{} → {}", code, changed);
        }
    }

    /// JSON of any shape with the package or answer format never makes a parser panic.
    #[test]
    fn tagged_json_of_any_shape_never_panics(v in json_value(), version in 0u64..4, fmt in 0u8..2) {
        let mut obj = serde_json::Map::new();
        obj.insert("format".into(), if fmt == 0 { "xzzp-invitation" } else { "xzzp-answers" }.into());
        obj.insert("version".into(), version.into());
        for key in ["assignees", "framework", "origin", "answers", "respondent", "school"] {
            obj.insert(key.into(), v.clone());
        }
        let text = serde_json::Value::Object(obj).to_string();
        let _ = Invitation::parse(text.as_bytes());
        let _ = read_answer_file(text.as_bytes(), catalog::framework);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("points".to_string()),
                    Just("who".to_string()),
                    ".{0,6}".prop_map(|s: String| s)
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn codes_survive_what_chat_apps_do_to_them() {
    let got = read_codes(&text("good/codes-in-chat.txt"));
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(Result::is_ok), "{got:?}");
    // Many line breaks and full-width spaces inserted everywhere.
    let code = text("good/codes-in-chat.txt");
    let first: String = code
        .lines()
        .find(|l| l.starts_with("XZZP"))
        .unwrap()
        .to_string();
    let broken: String = first
        .chars()
        .enumerate()
        .flat_map(|(i, c)| {
            let mut v = vec![c];
            if i % 17 == 16 {
                v.push('\n');
            }
            if i % 29 == 28 {
                v.push('\u{3000}');
            }
            v
        })
        .collect();
    assert_eq!(read_codes(&broken), read_codes(&first));
    assert_eq!(read_codes("没有码"), vec![Err(CodeError::NoCode)]);
    let _ = ReceiveError::UnknownPackage.zh();
}
