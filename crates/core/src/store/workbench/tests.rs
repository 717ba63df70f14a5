//! The workbench on the host: creating and deleting with their cascades (a property test that no key is left
//! without its owner), backups that carry unreadable documents, an import that fails half-way, and the
//! migration of the first release's stored data.

use super::*;
use crate::evaluation::AnswerValue;
use crate::evidence::manifest::{EvaluationRef, Manifest};
use crate::fixtures;
use crate::framework::SchoolType;
use crate::ledger::Task;
use crate::store::{Backend, MemoryBackend, StoreEvent};
use std::cell::Cell;

struct TestEnv {
    next: Cell<u32>,
}

impl Env for TestEnv {
    fn today(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }
    fn new_id(&self) -> String {
        self.next.set(self.next.get() + 1);
        format!("id{}", self.next.get())
    }
    fn framework(&self, id: &str) -> Option<Arc<Framework>> {
        (id == "test").then(|| {
            Arc::new(if NEWER.get() {
                version_2()
            } else {
                version_1()
            })
        })
    }
    fn framework_in(&self, id: &str, version: &str) -> Option<Arc<Framework>> {
        [version_1(), version_2()]
            .into_iter()
            .find(|f| id == "test" && f.version == version)
            .map(Arc::new)
    }
}

thread_local! {
    /// Whether this build "ships" version 2 of the test framework (a later release of the tool).
    static NEWER: Cell<bool> = const { Cell::new(false) };
}

/// The test framework, with evidence lists on two points for the evidence actions.
fn version_1() -> Framework {
    let mut fw = fixtures::framework();
    fw.areas[0].indicators[0].points[0].evidence = vec!["会议记录".into(), "活动照片".into()];
    fw.areas[0].indicators[0].points[1].evidence = vec!["制度文本".into()];
    fw
}

/// Version 2 of the test framework: p5 removed, p1 reworded.
fn version_2() -> Framework {
    let mut fw = version_1();
    fw.version = "2".into();
    for a in &mut fw.areas {
        for i in &mut a.indicators {
            i.points.retain(|p| p.id != "p5");
            for p in &mut i.points {
                if p.id == "p1" {
                    p.text = format!("{}（修订）", p.text);
                }
            }
        }
    }
    fw
}

struct Bench {
    local: Rc<MemoryBackend>,
    large: Rc<MemoryBackend>,
    wb: Rc<Workbench>,
    events: Rc<std::cell::RefCell<Vec<StoreEvent>>>,
}

fn bench_over(local: Rc<MemoryBackend>, large: Rc<MemoryBackend>) -> Bench {
    let store = Store::new(local.clone(), large.clone(), Rc::new(|| 0.0));
    let events: Rc<std::cell::RefCell<Vec<StoreEvent>>> = Rc::default();
    let ev = events.clone();
    store.listen(move |e| ev.borrow_mut().push(e));
    let wb = Workbench::new(store, Rc::new(TestEnv { next: Cell::new(0) }));
    wb.load_all();
    Bench {
        local,
        large,
        wb,
        events,
    }
}

fn bench() -> Bench {
    bench_over(Rc::new(MemoryBackend::new()), Rc::new(MemoryBackend::new()))
}

fn school(id: &str) -> School {
    School::new(id, format!("示例学校{id}"), SchoolType::Primary)
}

fn all_keys(b: &Bench) -> Vec<String> {
    let mut v: Vec<String> = b.local.snapshot().into_keys().collect();
    v.extend(b.large.snapshot().into_keys());
    v
}

fn answer(wb: &Workbench, point: &str, level: &str) {
    wb.edit(point, Edit::Value(Some(AnswerValue::Level(level.into()))))
        .unwrap();
}

#[test]
fn work_survives_a_reload_in_a_fresh_workbench() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e =
        b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
            .unwrap();
    answer(&b.wb, "p1", "B");
    b.wb.edit("p1", Edit::Note("会议记录齐全".into())).unwrap();
    b.wb.set_position("p4");
    let again = bench_over(b.local.clone(), b.large.clone());
    assert_eq!(again.wb.current_school().unwrap().id, "s1");
    assert_eq!(again.wb.answers.id().as_deref(), Some(e.as_str()));
    let a = again.wb.answers.value().unwrap();
    assert_eq!(a.by_point["p1"].note, "会议记录齐全");
    assert_eq!(a.position.as_deref(), Some("p4"));
}

#[test]
fn a_refused_edit_changes_nothing() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
        .unwrap();
    let before = b.local.snapshot();
    assert_eq!(
        b.wb.edit("p1", Edit::Value(Some(AnswerValue::Level("Z".into())))),
        Err(EditError::WrongKind)
    );
    assert_eq!(b.local.snapshot(), before);
    assert!(matches!(
        b.wb.create_evaluation("nope", SchoolYear(2025), Term::Year),
        Err(WorkMessage::UnknownFramework(_))
    ));
}

#[test]
fn deleting_an_evaluation_removes_its_teachers_answers_too() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e =
        b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
            .unwrap();
    answer(&b.wb, "p1", "A");
    let file = b.wb.answer_file("李老师", "语文教师").unwrap();
    b.wb.import_answer_file(file.clone()).unwrap();
    assert_eq!(
        b.wb.import_answer_file(file),
        Err(WorkMessage::AlreadyImported {
            name: "李老师".into()
        })
    );
    b.wb.open_report(&e);
    b.wb.report
        .update(|r| {
            r.doc_number = "示例〔2026〕1号".into();
            true
        })
        .unwrap();
    assert!(all_keys(&b)
        .iter()
        .any(|k| k.ends_with(&format!("respondents.{e}"))));
    b.wb.delete_evaluation(&e).unwrap();
    let left: Vec<String> = all_keys(&b)
        .into_iter()
        .filter(|k| k.contains(&e))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(b.wb.orphans().is_empty());
    assert_eq!(b.wb.answers.id(), None);
}

#[test]
fn deleting_a_school_removes_everything_of_it_and_selects_another() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
        .unwrap();
    answer(&b.wb, "p1", "A");
    b.wb.create_plan(
        PlanHeader {
            id: "p1".into(),
            school_id: "s1".into(),
            template_id: "self-eval-plan".into(),
            evaluation_id: None,
            school_year: SchoolYear(2025),
            created: "2026-03-01".into(),
        },
        Plan::default(),
    )
    .unwrap();
    b.wb.ledger
        .update(|l| {
            l.tasks.push(Task::new("t1", "整改任务"));
            true
        })
        .unwrap();
    b.wb.save_school(school("s2")).unwrap();
    b.wb.delete_school("s1").unwrap();
    let left: Vec<String> = all_keys(&b)
        .into_iter()
        .filter(|k| !k.ends_with(".workspace") && !k.ends_with(".session") && k != "xzzp.meta")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(b.wb.current_school().unwrap().id, "s2");
}

#[test]
fn a_backup_carries_an_unreadable_evaluation_as_it_is_and_restores_it_unreadable() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e =
        b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
            .unwrap();
    answer(&b.wb, "p1", "A");
    let key = b.wb.answers.key_of(&e);
    let damaged = "{\"schema\":1,\"rev\":2,\"data\":{\"by_point\":{\"p1\":{\"val";
    b.local.set(&key, damaged).unwrap();
    // A fresh start finds it damaged.
    let b = bench_over(b.local.clone(), b.large.clone());
    assert!(b
        .wb
        .answers
        .with(|s| matches!(s, DocState::Unreadable { .. })));
    assert!(matches!(b.wb.answers_of(&e), Read::Unreadable(_)));
    let (backup, note) = b.wb.backup(Scope::All).unwrap();
    assert_eq!(note.unreadable, 1);
    assert_eq!(backup.unreadable.len(), 1);
    assert_eq!(backup.unreadable[0].raw, damaged);
    assert_eq!(backup.unreadable[0].kind, "answers");
    assert_eq!(backup.unreadable[0].id, e);
    // Through the file format and into a clean computer.
    let json = crate::backup::to_json(&backup);
    let parsed = match crate::backup::parse(json.as_bytes(), |id| {
        (id == "test").then(|| {
            // Evidence lists on two points, for the evidence actions.
            let mut fw = fixtures::framework();
            fw.areas[0].indicators[0].points[0].evidence =
                vec!["会议记录".into(), "活动照片".into()];
            fw.areas[0].indicators[0].points[1].evidence = vec!["制度文本".into()];
            Arc::new(fw)
        })
    })
    .unwrap()
    {
        crate::backup::Import::Backup(b) => b,
        other => panic!("{other:?}"),
    };
    let clean = bench();
    clean.wb.apply_backup(&parsed).unwrap();
    assert_eq!(clean.local.get(&key).unwrap().as_deref(), Some(damaged));
    assert!(matches!(clean.wb.answers_of(&e), Read::Unreadable(_)));
    assert!(clean
        .wb
        .answers
        .with(|s| matches!(s, DocState::Unreadable { .. })));
}

#[test]
fn an_import_that_fails_half_way_changes_nothing() {
    let source = bench();
    source.wb.save_school(school("s1")).unwrap();
    source
        .wb
        .create_evaluation("test", SchoolYear(2025), Term::Year)
        .unwrap();
    answer(&source.wb, "p1", "A");
    let (backup, _) = source.wb.backup(Scope::All).unwrap();
    let target = bench();
    target.wb.save_school(school("s9")).unwrap();
    let (local, large) = (target.local.snapshot(), target.large.snapshot());
    target.local.fail_after(1);
    assert_eq!(target.wb.apply_backup(&backup), Err(StoreError::Quota));
    assert_eq!(target.local.snapshot(), local);
    assert_eq!(target.large.snapshot(), large);
    assert_eq!(target.wb.ws(|w| w.schools.len()), 1);
    target.wb.apply_backup(&backup).unwrap();
    assert_eq!(target.wb.ws(|w| w.schools.len()), 2);
}

#[test]
fn storage_full_keeps_the_answer_on_screen_and_in_the_backup() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
        .unwrap();
    let used: u64 = b
        .local
        .snapshot()
        .iter()
        .map(|(k, v)| (k.encode_utf16().count() + v.encode_utf16().count()) as u64)
        .sum();
    b.local.set_capacity(Some(used + 20));
    let long = "说明".repeat(200);
    b.wb.edit("p1", Edit::Note(long.clone())).unwrap();
    assert!(b
        .events
        .borrow()
        .contains(&StoreEvent::Failed(StoreError::Quota)));
    assert_eq!(b.wb.answers.value().unwrap().by_point["p1"].note, long);
    let (backup, _) = b.wb.backup(Scope::Evaluation).unwrap();
    assert_eq!(backup.evaluations[0].answers.by_point["p1"].note, long);
}

#[test]
#[cfg(not(target_arch = "wasm32"))]
fn the_first_releases_stored_data_opens_unchanged_after_the_migration() {
    let fixture: BTreeMap<String, String> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/storage/v1/localStorage.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let local = Rc::new(MemoryBackend::new());
    local.load(fixture.clone());
    let large = Rc::new(MemoryBackend::new());
    let store = Store::new(local.clone(), large.clone(), Rc::new(|| 0.0));
    store.set_large_ready(false);
    let wb = Workbench::new(store, Rc::new(TestEnv { next: Cell::new(0) }));
    wb.load_all();
    // The selection moved out of the workspace into the session.
    assert_eq!(wb.current_school().unwrap().name, "贺兰县示例第一小学");
    assert_eq!(wb.answers.id().as_deref(), Some("e1"));
    assert_eq!(wb.plan.id().as_deref(), Some("p1"));
    assert!(!local
        .get("xzzp.p.default.workspace")
        .unwrap()
        .unwrap()
        .contains("current_school"));
    assert!(local.get("xzzp.p.default.session").unwrap().is_some());
    // Teachers' answers are loading until IndexedDB has been read, then moved there.
    assert!(wb
        .respondents
        .with(|s| matches!(s, DocState::Loading { .. })));
    crate::store::migrate::move_to_large(&wb.store);
    wb.large_loaded();
    assert!(local
        .get("xzzp.p.default.respondents.e1")
        .unwrap()
        .is_none());
    assert_eq!(
        large
            .get("xzzp.p.default.respondents.e1")
            .unwrap()
            .as_deref(),
        fixture
            .get("xzzp.p.default.respondents.e1")
            .map(String::as_str)
    );
    let files = wb.respondents.value().unwrap();
    assert!(files.iter().any(|f| f.respondent.name == "李老师"));
    // Every other document reads exactly as the first release wrote it.
    for (key, raw) in &fixture {
        if key.contains(".workspace") || key.contains(".respondents.") || key == "xzzp.meta" {
            continue;
        }
        assert_eq!(local.get(key).unwrap().as_ref(), Some(raw), "{key}");
        assert!(matches!(wb.read_json(key), Read::Ready(_)), "{key}");
    }
    assert_eq!(wb.settings().layout, crate::persist::LAYOUT);
    assert_eq!(wb.ws(|w| w.schools.len()), 1);
    assert_eq!(wb.answers.value().unwrap().by_point.len(), {
        let a: crate::persist::Decoded<Answers> =
            crate::persist::decode(&fixture["xzzp.p.default.answers.e1"]).unwrap();
        a.value.by_point.len()
    });
    // Running it again (a second tab, an interrupted first run) changes nothing.
    let snap = (local.snapshot(), large.snapshot());
    let again = bench_over(local.clone(), large.clone());
    crate::store::migrate::move_to_large(&again.wb.store);
    again.wb.large_loaded();
    assert_eq!((local.snapshot(), large.snapshot()), snap);
}

#[test]
fn another_tab_deleting_the_open_evaluation_closes_it_here() {
    let local = Rc::new(MemoryBackend::new());
    let large = Rc::new(MemoryBackend::new());
    let one = bench_over(local.clone(), large.clone());
    one.wb.save_school(school("s1")).unwrap();
    let e = one
        .wb
        .create_evaluation("test", SchoolYear(2025), Term::Year)
        .unwrap();
    let two = bench_over(local.clone(), large.clone());
    assert_eq!(two.wb.answers.id().as_deref(), Some(e.as_str()));
    one.wb.delete_evaluation(&e).unwrap();
    for ev in one.events.borrow().iter() {
        if let StoreEvent::Saved { key } | StoreEvent::Removed { key } = ev {
            two.wb.external_change(Some(key));
        }
    }
    assert_eq!(two.wb.answers.id(), None);
    assert!(two.wb.school_evaluations().is_empty());
}

#[cfg(not(target_arch = "wasm32"))]
mod cascades {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        AddSchool(u8),
        Select(u8),
        AddEvaluation,
        Answer(u8),
        AddRespondent,
        AddPlan,
        AddTask,
        EditReport,
        DeleteEvaluation(u8),
        DeletePlan(u8),
        DeleteSchool(u8),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0u8..4).prop_map(Op::AddSchool),
            (0u8..4).prop_map(Op::Select),
            Just(Op::AddEvaluation),
            (0u8..7).prop_map(Op::Answer),
            Just(Op::AddRespondent),
            Just(Op::AddPlan),
            Just(Op::AddTask),
            Just(Op::EditReport),
            (0u8..6).prop_map(Op::DeleteEvaluation),
            (0u8..6).prop_map(Op::DeletePlan),
            (0u8..4).prop_map(Op::DeleteSchool),
        ]
    }

    fn run(b: &Bench, op: &Op) {
        let wb = &b.wb;
        let nth_eval = |n: u8| {
            let v = wb.ws(|w| w.evaluations.clone());
            (!v.is_empty()).then(|| v[n as usize % v.len()].id.clone())
        };
        match op {
            Op::AddSchool(n) => wb.save_school(school(&format!("s{n}"))).unwrap(),
            Op::Select(n) => {
                if wb.ws(|w| w.school(&format!("s{n}")).is_some()) {
                    wb.select_school(&format!("s{n}")).unwrap();
                }
            }
            Op::AddEvaluation => {
                let _ = wb.create_evaluation("test", SchoolYear(2025), Term::Year);
            }
            Op::Answer(p) => {
                if wb.answers.id().is_some() {
                    let fw = fixtures::framework();
                    let (_, _, point) = fw.points().nth(*p as usize).unwrap();
                    let _ = wb.edit(&point.id, Edit::Note("说明".into()));
                }
            }
            Op::AddRespondent => {
                if let Some(f) = wb.answer_file("老师", "") {
                    let _ = wb.import_answer_file(f);
                }
            }
            Op::AddPlan => {
                if let Some(s) = wb.selection().school {
                    let id = wb.env().new_id();
                    wb.create_plan(
                        PlanHeader {
                            id,
                            school_id: s,
                            template_id: "self-eval-plan".into(),
                            evaluation_id: wb.answers.id(),
                            school_year: SchoolYear(2025),
                            created: "2026-03-01".into(),
                        },
                        Plan::default(),
                    )
                    .unwrap();
                }
            }
            Op::AddTask => {
                let _ = wb.ledger.update(|l| {
                    l.tasks
                        .push(Task::new(format!("t{}", l.tasks.len()), "任务"));
                    true
                });
            }
            Op::EditReport => {
                if let Some(e) = wb.answers.id() {
                    wb.open_report(&e);
                    let _ = wb.report.update(|r| {
                        r.doc_number.push('1');
                        true
                    });
                }
            }
            Op::DeleteEvaluation(n) => {
                if let Some(e) = nth_eval(*n) {
                    wb.delete_evaluation(&e).unwrap();
                }
            }
            Op::DeletePlan(n) => {
                let v = wb.ws(|w| w.plans.clone());
                if !v.is_empty() {
                    wb.delete_plan(&v[*n as usize % v.len()].id.clone())
                        .unwrap();
                }
            }
            Op::DeleteSchool(n) => {
                if wb.ws(|w| w.school(&format!("s{n}")).is_some()) {
                    wb.delete_school(&format!("s{n}")).unwrap();
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn no_key_is_ever_left_without_its_owner(ops in proptest::collection::vec(op(), 1..40)) {
            let b = bench();
            for op in &ops {
                run(&b, op);
                let ws = b.wb.ws(|w| w.clone());
                for key in all_keys(&b) {
                    let p = parse_key(&key);
                    prop_assert!(p.is_some(), "unknown key {}", key);
                    let p = p.unwrap();
                    prop_assert!(kind::has_owner(&ws, p.kind, &p.id), "orphan {} after {:?}", key, op);
                }
                // The selection always points at things that exist.
                let s = b.wb.selection();
                if let Some(e) = &s.evaluation {
                    prop_assert!(ws.evaluation(e).is_some());
                }
                if let Some(p) = &s.plan {
                    prop_assert!(ws.plans.iter().any(|h| &h.id == p));
                }
            }
        }
    }
}

#[test]
fn an_evaluation_moves_to_a_newer_framework_version_and_sets_aside_what_no_longer_fits() {
    NEWER.set(false);
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
        .unwrap();
    answer(&b.wb, "p1", "B");
    b.wb.edit(
        "p5",
        Edit::Value(Some(AnswerValue::Text("特色课程".into()))),
    )
    .unwrap();
    assert!(b.wb.upgrade_preview().is_none(), "nothing newer yet");
    // A later release of the tool ships version 2: the evaluation stays on version 1 until moved.
    NEWER.set(true);
    let again = bench_over(b.local.clone(), b.large.clone());
    assert_eq!(again.wb.current_framework().unwrap().version, "1");
    let plan = again.wb.upgrade_preview().expect("version 2 is newer");
    assert_eq!((plan.from.as_str(), plan.to.as_str()), ("1", "2"));
    assert_eq!(plan.removed, vec!["p5".to_string()]);
    assert_eq!(plan.set_aside(), 1);
    again.wb.upgrade_evaluation().unwrap();
    assert_eq!(
        again.wb.current_evaluation().unwrap().framework_version,
        "2"
    );
    assert_eq!(again.wb.current_framework().unwrap().version, "2");
    let a = again.wb.answers.value().unwrap();
    assert!(a.by_point.contains_key("p1"));
    assert!(!a.by_point.contains_key("p5"));
    assert_eq!(
        a.set_aside.len(),
        1,
        "the answer to the removed point is kept aside"
    );
    assert_eq!(a.set_aside[0].point_id, "p5");
    // Saved: a fresh start finds the moved evaluation.
    let third = bench_over(b.local.clone(), b.large.clone());
    assert_eq!(
        third.wb.current_evaluation().unwrap().framework_version,
        "2"
    );
    assert!(third.wb.upgrade_preview().is_none());
    NEWER.set(false);
}

/// An evaluation on version 1 with 王芳 given p1 and p5 (p5 is gone in version 2), and an answer to p5; then a
/// later release ships version 2.
fn assignment_before_a_move() -> Bench {
    NEWER.set(false);
    let b = principal_with_assignment();
    b.wb.update_assignment(|a| {
        let wang = a
            .assignees
            .iter()
            .find(|x| a.describe(x).contains("王芳"))
            .unwrap()
            .id
            .clone();
        a.assignee_mut(&wang).unwrap().items = Some(vec!["p1".into(), "p5".into()]);
    })
    .unwrap();
    b.wb.edit(
        "p5",
        Edit::Value(Some(AnswerValue::Text("特色课程".into()))),
    )
    .unwrap();
    NEWER.set(true);
    bench_over(b.local.clone(), b.large.clone())
}

fn own_items(wb: &Workbench, name: &str) -> Option<Vec<String>> {
    let staff = wb.staff.value().unwrap();
    let a = &staff.assignment;
    a.assignees
        .iter()
        .find(|x| a.describe(x).contains(name))
        .unwrap()
        .items
        .clone()
}

#[test]
fn moving_an_evaluation_carries_its_assignment_and_names_what_was_not_carried() {
    let b = assignment_before_a_move();
    let id = b.wb.current_evaluation().unwrap().id;
    b.wb.staff.ensure(&id);
    let done = b.wb.upgrade_evaluation().unwrap();
    assert_eq!(done.not_carried.len(), 1, "{:?}", done.not_carried);
    assert_eq!(done.not_carried[0].id, "p5");
    let zh = done.text(Lang::Zh);
    assert!(
        zh.contains("教务处 王芳") && zh.contains("p5") && zh.contains("重新分工"),
        "{zh}"
    );
    assert!(done.text(Lang::En).contains("not carried"));
    // Stored: a fresh start finds the 分工 on the new version.
    NEWER.set(true);
    let again = bench_over(b.local.clone(), b.large.clone());
    again.wb.staff.ensure(&id);
    assert_eq!(
        again.wb.current_evaluation().unwrap().framework_version,
        "2"
    );
    assert_eq!(own_items(&again.wb, "王芳"), Some(vec!["p1".to_string()]));
    let staff = again.wb.staff.value().unwrap();
    assert_eq!(
        staff.assignment.departments[0].items,
        ["A1"],
        "unchanged area kept"
    );
    NEWER.set(false);
}

#[test]
fn a_failed_staff_write_leaves_answers_and_assignment_on_the_old_version() {
    let b = assignment_before_a_move();
    let id = b.wb.current_evaluation().unwrap().id;
    b.wb.staff.ensure(&id);
    let stored_before = (b.local.snapshot(), b.large.snapshot());
    b.large.fail_after(0);
    let e = b.wb.upgrade_evaluation().unwrap_err();
    assert!(matches!(e, WorkMessage::Store(_)), "{e:?}");
    assert_eq!(
        (b.local.snapshot(), b.large.snapshot()),
        stored_before,
        "nothing written"
    );
    // Nothing moved in memory either.
    assert_eq!(b.wb.current_evaluation().unwrap().framework_version, "1");
    assert!(b.wb.answers.value().unwrap().by_point.contains_key("p5"));
    assert!(b.wb.answers.value().unwrap().set_aside.is_empty());
    assert_eq!(
        own_items(&b.wb, "王芳"),
        Some(vec!["p1".to_string(), "p5".to_string()])
    );
    // With the storage working again the move goes through.
    assert_eq!(b.wb.upgrade_evaluation().unwrap().not_carried.len(), 1);
    assert_eq!(b.wb.current_evaluation().unwrap().framework_version, "2");
    NEWER.set(false);
}

#[test]
fn an_unreadable_staff_document_refuses_the_move() {
    let b = assignment_before_a_move();
    let id = b.wb.current_evaluation().unwrap().id;
    let key = b.wb.staff.key_of(&id);
    let mut large = b.large.snapshot();
    large.insert(key, "{ not json".into());
    b.large.load(large);
    let again = bench_over(b.local.clone(), b.large.clone());
    let stored_before = (again.local.snapshot(), again.large.snapshot());
    let e = again.wb.upgrade_evaluation().unwrap_err();
    assert_eq!(e, WorkMessage::UnreadableStaff);
    assert!(e.text(Lang::Zh).contains("暂不转换版本"));
    assert_eq!(
        (again.local.snapshot(), again.large.snapshot()),
        stored_before
    );
    assert_eq!(
        again.wb.current_evaluation().unwrap().framework_version,
        "1"
    );
    NEWER.set(false);
}

// ---- county review (县区汇总) ------------------------------------------------------------------------------

fn package_file(school_id: &str, name: &str, export_id: &str, day: u32, level: &str) -> Vec<u8> {
    use crate::submission::{build, to_file, SubmissionInput, SubmittedReport};
    let fw = fixtures::framework();
    let school = School::new(school_id, name, SchoolType::Primary);
    let mut header = fixtures::header();
    header.school_id = school_id.into();
    let mut answers = Answers::default();
    answers.by_point.insert(
        "p1".into(),
        crate::evaluation::Answer {
            value: Some(AnswerValue::Level(level.into())),
            ..Default::default()
        },
    );
    let sub = build(&SubmissionInput {
        id: export_id,
        exported_at: NaiveDate::from_ymd_opt(2026, 6, day)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
        school: &school,
        header: &header,
        fw: &fw,
        answers: &answers,
        respondents: &[],
        staff: None,
        report: SubmittedReport::default(),
        plan: None,
        ledger: &Ledger::default(),
    });
    to_file(&sub).into_bytes()
}

fn named(name: &str, bytes: Vec<u8>) -> (String, Vec<u8>) {
    (name.to_string(), bytes)
}

#[test]
fn county_packages_are_kept_in_the_large_tier_and_survive_a_reload() {
    let b = bench();
    let files = vec![
        named("a.json", package_file("s1", "示例一小", "x1", 10, "B")),
        named("b.json", package_file("s2", "示例二小", "x2", 11, "A")),
    ];
    let results = b.wb.county_import(&files).unwrap();
    assert!(results.iter().all(|r| !r.is_problem()), "{results:?}");
    let key = b.wb.county_packages.key_of(COUNTY_PACKAGES);
    assert!(b.large.snapshot().contains_key(&key));
    assert!(!b.local.snapshot().contains_key(&key));
    // Nothing of the roll-up appears among the school's own data.
    assert!(b.wb.ws(|w| w.schools.is_empty()));
    let again = bench_over(b.local.clone(), b.large.clone());
    let c = again.wb.county_collection().unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c.package(1).unwrap().school.name, "示例二小");
}

fn stored_packages(b: &Bench) -> usize {
    let key = b.wb.county_packages.key_of(COUNTY_PACKAGES);
    b.large.snapshot().get(&key).map_or(0, |text| {
        crate::persist::decode::<Vec<Submission>>(text)
            .unwrap()
            .value
            .len()
    })
}

fn failures(b: &Bench) -> usize {
    b.events
        .borrow()
        .iter()
        .filter(|e| matches!(e, StoreEvent::Failed(_)))
        .count()
}

#[test]
fn an_import_that_storage_refuses_keeps_none_of_its_packages_and_says_which_and_how_much() {
    let b = bench();
    b.wb.county_import(&[named(
        "a.json",
        package_file("s1", "示例一小", "x1", 10, "B"),
    )])
    .unwrap();
    let used = b.large.chars_used("");
    // Room for a few hundred more characters: not for two more packages.
    b.large.set_capacity(Some(used + 300));
    let more = [
        named("b.json", package_file("s2", "示例二小", "x2", 11, "A")),
        named("坏.json", b"{}".to_vec()),
        named("c.json", package_file("s3", "示例三小", "x3", 12, "C")),
    ];
    let Err(CountyImportError::NotSaved(n)) = b.wb.county_import(&more) else {
        panic!("the import must be refused");
    };
    assert_eq!(n.files, ["b.json", "c.json"]);
    // Both packages' worth: well over the room there was.
    let one = package_file("s2", "示例二小", "x2", 11, "A").len() as u64;
    assert!(n.needed > one, "{} > {one}", n.needed);
    // Nothing half-kept: not in memory, not stored, and no generic "kept on screen" notice.
    assert_eq!(b.wb.county_collection().unwrap().len(), 1);
    assert_eq!(stored_packages(&b), 1);
    assert_eq!(failures(&b), 0);
    assert!(CountyImportError::NotSaved(n.clone())
        .text(Lang::Zh)
        .contains("2 份上报包都未导入"));
    // A write that fails at once for another reason (the n-th write) is refused the same way.
    b.large.set_capacity(None);
    b.large.fail_after(0);
    assert!(matches!(
        b.wb.county_import(&more[..1]),
        Err(CountyImportError::NotSaved(_))
    ));
    assert_eq!(stored_packages(&b), 1);
    // With room again the same files are taken.
    let results = b.wb.county_import(&more).unwrap();
    assert_eq!(results.iter().filter(|r| !r.is_problem()).count(), 2);
    assert_eq!(stored_packages(&b), 3);
}

#[test]
fn an_import_refused_after_the_fact_is_taken_back_to_what_storage_holds() {
    let b = bench();
    // The first import, refused later (as IndexedDB reports a full disk when its transaction ends).
    let first =
        b.wb.county_import_staged(&[named(
            "a.json",
            package_file("s1", "示例一小", "x1", 10, "B"),
        )])
        .unwrap();
    let key = first.written_key().unwrap().to_string();
    let e = b.wb.county_import_refused(&first, StoreError::Quota);
    let CountyImportError::NotSaved(n) = e else {
        panic!("{e:?}")
    };
    assert_eq!(n.files, ["a.json"]);
    assert!(n.needed > 0);
    assert!(b.wb.county_collection().unwrap().is_empty());
    assert!(!b.large.snapshot().contains_key(&key));
    // A later import refused after the fact leaves the earlier packages as they were stored.
    b.wb.county_import(&[named(
        "a.json",
        package_file("s1", "示例一小", "x1", 10, "B"),
    )])
    .unwrap();
    let stored = b.large.snapshot()[&key].clone();
    let second =
        b.wb.county_import_staged(&[named(
            "b.json",
            package_file("s2", "示例二小", "x2", 11, "A"),
        )])
        .unwrap();
    assert_eq!(b.wb.county_collection().unwrap().len(), 2);
    b.wb.county_import_refused(&second, StoreError::Quota);
    assert_eq!(b.wb.county_collection().unwrap().len(), 1);
    assert_eq!(b.large.snapshot()[&key], stored);
    // Files that took nothing wrote nothing, so there is nothing to wait for.
    let none =
        b.wb.county_import_staged(&[named("x.json", b"{}".to_vec())])
            .unwrap();
    assert_eq!(none.written_key(), None);
}

#[test]
fn a_resubmitted_package_replaces_the_older_with_a_notice_and_an_older_one_changes_nothing() {
    let b = bench();
    b.wb.county_import(&[named(
        "v1.json",
        package_file("s1", "示例一小", "x1", 10, "C"),
    )])
    .unwrap();
    let r =
        b.wb.county_import(&[named(
            "v2.json",
            package_file("s1", "示例一小", "x2", 20, "A"),
        )])
        .unwrap();
    assert!(!r[0].is_problem());
    let text = r[0].text(Lang::Zh);
    assert!(text.starts_with("“v2.json”：示例一小"), "{text}");
    assert!(text.contains("重新报送"), "{text}");
    let c = b.wb.county_collection().unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c.package(0).unwrap().id, "x2");
    // The old one offered again is kept out, and so is the very same file again.
    let r =
        b.wb.county_import(&[
            named("v1.json", package_file("s1", "示例一小", "x1", 10, "C")),
            named("v2.json", package_file("s1", "示例一小", "x2", 20, "A")),
        ])
        .unwrap();
    assert!(r.iter().all(|x| x.is_problem()));
    assert!(r[0].text(Lang::Zh).contains("未替换"));
    assert!(r[1].text(Lang::Zh).contains("已经导入过"));
    assert_eq!(
        b.wb.county_collection().unwrap().package(0).unwrap().id,
        "x2"
    );
}

#[test]
fn a_damaged_file_is_named_with_its_message_and_changes_nothing() {
    let b = bench();
    b.wb.county_import(&[named(
        "a.json",
        package_file("s1", "示例一小", "x1", 10, "B"),
    )])
    .unwrap();
    let before = (b.local.snapshot(), b.large.snapshot());
    let mut edited = package_file("s2", "示例二小", "x2", 11, "B");
    let at = edited.len() - 30;
    edited[at] = if edited[at] == b'1' { b'2' } else { b'1' };
    let truncated = package_file("s3", "示例三小", "x3", 11, "B")[..200].to_vec();
    let backup = br#"{"format":"xzzp-backup","version":1}"#.to_vec();
    let r =
        b.wb.county_import(&[
            named("改过.json", edited),
            named("半截.json", truncated),
            named("备份.json", backup),
        ])
        .unwrap();
    assert!(r.iter().all(|x| x.is_problem()));
    for x in &r {
        let zh = x.text(Lang::Zh);
        assert!(zh.starts_with(&format!("“{}”：", x.file)), "{zh}");
        assert!(!zh.contains("Err") && !zh.contains("Some("), "{zh}");
    }
    assert!(
        r[2].text(Lang::Zh).contains("备份"),
        "{}",
        r[2].text(Lang::Zh)
    );
    assert_eq!((b.local.snapshot(), b.large.snapshot()), before);
}

#[test]
fn the_bureaus_texts_and_expected_list_are_saved_and_packages_can_be_removed() {
    let b = bench();
    b.wb.county_update_desk(|d| {
        d.expected = "序号,学校名称\n1,示例一小\n2,示例二小\n".into();
        d.sections.insert("basic".into(), "改写的基本情况".into());
    })
    .unwrap();
    b.wb.county_import(&[named(
        "a.json",
        package_file("s1", "示例一小", "x1", 10, "B"),
    )])
    .unwrap();
    let again = bench_over(b.local.clone(), b.large.clone());
    let list = again.wb.county_expected();
    assert_eq!(list.schools.len(), 2);
    let c = again.wb.county_collection().unwrap();
    let key = c.groups()[0].key.clone();
    let att = c.rollup(&key).unwrap().attendance(&list);
    assert_eq!(att.missing, vec![1], "示例二小 has not submitted");
    assert_eq!(
        again.wb.county_desk.value().unwrap().sections["basic"],
        "改写的基本情况"
    );
    again.wb.county_remove("x1").unwrap();
    assert!(again.wb.county_collection().unwrap().is_empty());
    // Removing the profile's data takes the roll-up with it.
    again.wb.remove_profile_data(DEFAULT_PROFILE);
    assert!(all_keys(&again).iter().all(|k| !k.contains(".county.")));
}

#[test]
fn the_sample_county_goes_into_its_own_profile() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let r =
        b.wb.county_load_demo(
            "demo-county",
            "示例县区",
            "示例县教育体育局",
            "示例一小\n示例二小",
            &[named(
                "a.json",
                package_file("s9", "示例一小", "x1", 10, "B"),
            )],
        )
        .unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(b.wb.settings().active_profile, "demo-county");
    assert!(b.wb.ws(|w| w.schools.is_empty()));
    assert_eq!(b.wb.county_collection().unwrap().len(), 1);
    assert_eq!(b.wb.county_desk.value().unwrap().issuer, "示例县教育体育局");
    b.wb.switch_profile(DEFAULT_PROFILE).unwrap();
    assert!(b.wb.county_collection().unwrap().is_empty());
    assert_eq!(b.wb.ws(|w| w.schools.len()), 1);
}

// ---- whole-staff self-evaluation

fn at(day: u32, h: u32, m: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// A principal with a 分工 of two departments: 教务处 (李华, 王芳: area A1) and 德育处 (赵强: indicator I3).
fn principal_with_assignment() -> Bench {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
        .unwrap();
    b.wb.update_assignment(|a| {
        let d1 = a.add_department("教务处");
        a.department_mut(&d1).unwrap().items = vec!["A1".into()];
        a.add_person(Some(&d1), "李华", "教务主任");
        a.add_person(Some(&d1), "王芳", "语文教师");
        let d2 = a.add_department("德育处");
        a.department_mut(&d2).unwrap().items = vec!["I3".into()];
        a.add_person(Some(&d2), "赵强", "德育主任");
    })
    .unwrap();
    b
}

/// Another browser: its ids must differ from every other bench's, as random ids do.
fn teacher_bench() -> Bench {
    thread_local!(static BROWSERS: Cell<u32> = const { Cell::new(0) });
    let n = BROWSERS.with(|b| {
        b.set(b.get() + 1);
        b.get()
    });
    let (local, large) = (Rc::new(MemoryBackend::new()), Rc::new(MemoryBackend::new()));
    let store = Store::new(local.clone(), large.clone(), Rc::new(|| 0.0));
    let wb = Workbench::new(
        store,
        Rc::new(TestEnv {
            next: Cell::new(n * 1000),
        }),
    );
    wb.load_all();
    Bench {
        local,
        large,
        wb,
        events: Rc::default(),
    }
}

fn teacher_answers(package: &str, level: &str) -> (Bench, crate::teacher::Exported) {
    let t = teacher_bench();
    let id = t.wb.teacher_open_package(package.as_bytes()).unwrap();
    assert_eq!(t.wb.teacher.id().as_deref(), Some(id.as_str()));
    t.wb.teacher_edit("p1", Edit::Value(Some(AnswerValue::Level(level.into()))))
        .unwrap();
    let out = t.wb.teacher_export(at(5, 9, 0)).unwrap();
    (t, out)
}

#[test]
fn the_staff_document_is_kept_with_the_evaluation_and_removed_with_it() {
    let b = principal_with_assignment();
    let e = b.wb.current_evaluation().unwrap().id;
    assert!(all_keys(&b)
        .iter()
        .any(|k| k.ends_with(&format!("staff.{e}"))));
    assert!(
        b.large.snapshot().keys().any(|k| k.contains(".staff.")),
        "large tier"
    );
    let again = bench_over(b.local.clone(), b.large.clone());
    assert_eq!(
        again.wb.staff.value().unwrap().assignment.assignees.len(),
        3
    );
    b.wb.delete_evaluation(&e).unwrap();
    assert!(!all_keys(&b).iter().any(|k| k.contains(".staff.")));
}

#[test]
fn packages_go_out_answers_come_back_and_a_new_export_replaces_the_earlier_one() {
    let b = principal_with_assignment();
    let packages = b.wb.issue_packages(true, "2026-03-01T08:00").unwrap();
    assert_eq!(packages.len(), 3);
    assert_eq!(packages[0].0, "示例学校s1-教务处-李华-填报包.json");
    assert_eq!(b.wb.staff.value().unwrap().issued.len(), 3);

    // 李华 answers p1 with 优秀, then changes to 合格 and sends the 答卷码 of the second export.
    let (li, first) = teacher_answers(&packages[0].1, "A");
    li.wb
        .teacher_edit("p1", Edit::Value(Some(AnswerValue::Level("C".into()))))
        .unwrap();
    let second = li.wb.teacher_export(at(6, 9, 0)).unwrap();
    assert_eq!((first.file.revision, second.file.revision), (1, 2));
    // 王芳 answers 合格 too.
    let (_, wang) = teacher_answers(&packages[1].1, "C");

    let out =
        b.wb.staff_import(
            vec![
                ("li.json".into(), first.json.into_bytes()),
                ("wang.json".into(), wang.json.into_bytes()),
                ("bad.json".into(), b"{\"format\":\"xzzp-backup\"".to_vec()),
            ],
            &format!("李华：\n{}", second.code.unwrap().text()),
        )
        .unwrap();
    assert_eq!(out.len(), 4);
    assert!(out[2].1.is_err(), "a cut-off file is refused");
    assert!(
        matches!(&out[3].1, Ok(n) if n.intake == crate::collection::Intake::Replaced(1)),
        "{:?}",
        out[3]
    );
    let staff = b.wb.staff.value().unwrap();
    assert_eq!(staff.submissions.len(), 2, "李华 counted once");
    let fw = fixtures::framework();
    assert_eq!(
        staff.status(&fw).missing(),
        vec![("德育处".to_string(), "赵强".to_string())]
    );

    // The principal adopts 教务处's answers: p1 becomes 合格.
    let d1 = staff.assignment.departments[0].id.clone();
    let adoption = b.wb.staff_adopt(&d1, None, false).unwrap();
    assert!(adoption.points().contains(&"p1"));
    assert_eq!(
        b.wb.answers.value().unwrap().get("p1").unwrap().value,
        Some(AnswerValue::Level("C".into()))
    );
    // Already concluded: not overwritten unless asked.
    answer(&b.wb, "p1", "A");
    b.wb.staff_adopt(&d1, Some(vec!["p1".into()]), false)
        .unwrap();
    assert_eq!(
        b.wb.answers.value().unwrap().get("p1").unwrap().value,
        Some(AnswerValue::Level("A".into()))
    );
    b.wb.staff_adopt(&d1, Some(vec!["p1".into()]), true)
        .unwrap();
    assert_eq!(
        b.wb.answers.value().unwrap().get("p1").unwrap().value,
        Some(AnswerValue::Level("C".into()))
    );
}

#[test]
fn answers_for_another_evaluation_or_an_unsound_assignment_are_refused_with_a_message() {
    let b = principal_with_assignment();
    let packages = b.wb.issue_packages(true, "2026-03-01T08:00").unwrap();
    let (_, li) = teacher_answers(&packages[0].1, "B");
    b.wb.create_evaluation("test", SchoolYear(2026), Term::Year)
        .unwrap();
    let out =
        b.wb.staff_import(vec![("li.json".into(), li.json.into_bytes())], "")
            .unwrap();
    let msg = out[0].1.as_ref().unwrap_err().text(Lang::Zh);
    assert!(msg.contains("另一次自评"), "{msg}");
    assert!(b.wb.staff.value().unwrap().submissions.is_empty());
    // A person without a name: no package is made, and the message says what to fix.
    b.wb.update_assignment(|a| {
        let d = a.add_department("总务处");
        a.department_mut(&d).unwrap().items = vec!["I2".into()];
        a.add_person(Some(&d), " ", "");
    })
    .unwrap();
    let e = b.wb.issue_packages(true, "2026-03-01T08:00").unwrap_err();
    assert!(
        e.text(Lang::Zh).contains("总务处有一位填报人没有填写姓名"),
        "{}",
        e.text(Lang::Zh)
    );
    assert!(b.wb.staff.value().unwrap().issued.is_empty());
}

#[test]
fn teacher_work_is_kept_and_a_newer_package_of_the_same_work_continues_it() {
    let b = principal_with_assignment();
    let first = b.wb.issue_packages(true, "2026-03-01T08:00").unwrap();
    let (t, _) = teacher_answers(&first[0].1, "B");
    let again = bench_over(t.local.clone(), t.large.clone());
    let works = again.wb.teacher_works();
    assert_eq!(works.len(), 1);
    assert_eq!(works[0].1.revision, 1);
    let newer = b.wb.issue_packages(true, "2026-03-02T08:00").unwrap();
    let id = again
        .wb
        .teacher_open_package(newer[0].1.as_bytes())
        .unwrap();
    assert_eq!(id, works[0].0, "the same work");
    let w = again.wb.teacher.value().flatten().unwrap();
    assert_eq!(w.revision, 1);
    assert!(w.answers.get("p1").is_some());
    // A backup is not a package.
    let e = again
        .wb
        .teacher_open_package(b"{\"format\":\"xzzp-backup\",\"version\":1}")
        .unwrap_err();
    assert!(e.text(Lang::Zh).contains("备份"), "{}", e.text(Lang::Zh));
    assert_eq!(again.wb.teacher_works().len(), 1);
}

#[test]
fn the_assignment_is_prefilled_from_the_plan_and_written_back_into_it() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e =
        b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
            .unwrap();
    assert_eq!(b.wb.assignment_from_plan(), Err(StaffMessage::NoPlan));
    let plan = Plan {
        duties: vec![crate::plan::Duty {
            department: "教务处".into(),
            lead: "李华".into(),
            items: vec!["A1".into(), "nope".into()],
        }],
        ..Plan::default()
    };
    b.wb.create_plan(
        PlanHeader {
            id: "plan1".into(),
            school_id: "s1".into(),
            template_id: crate::plan::SELF_EVAL_PLAN.into(),
            evaluation_id: Some(e),
            school_year: SchoolYear(2025),
            created: "2026-03-01".into(),
        },
        plan,
    )
    .unwrap();
    assert_eq!(b.wb.assignment_from_plan(), Ok(1));
    assert_eq!(b.wb.assignment_from_plan(), Ok(0), "nothing twice");
    let a = b.wb.staff.value().unwrap().assignment;
    assert_eq!(a.departments[0].items, vec!["A1".to_string()]);
    assert_eq!(a.assignees.len(), 1);
    b.wb.update_assignment(|a| {
        let d = a.add_department("德育处");
        a.department_mut(&d).unwrap().items = vec!["A2".into()];
    })
    .unwrap();
    b.wb.assignment_to_plan().unwrap();
    let p = b.wb.plan.value().unwrap();
    assert_eq!(p.duties.len(), 2);
    assert_eq!(p.duties[1].department, "德育处");
}

#[test]
fn a_fresh_assignment_is_prefilled_from_the_plan_and_the_plan_follows_every_change() {
    use crate::plan::{Block, Person, Section};
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e =
        b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
            .unwrap();
    // No plan: nothing to prefill, and no message.
    assert_eq!(b.wb.prefill_assignment(), Ok(0));
    let person = |role: &str, name: &str, post: &str| Person {
        role: role.into(),
        name: name.into(),
        post: post.into(),
    };
    let plan = Plan {
        title: "方案".into(),
        sections: vec![Section {
            id: "organisation".into(),
            title: "组织机构".into(),
            blocks: vec![Block::People {
                people: vec![
                    person("组长", "王明", "校长"),
                    person("成员", "李华", "教务主任"),
                    person("成员", "赵强", "德育主任"),
                ],
            }],
        }],
        ..Plan::default()
    };
    let header = |id: &str| PlanHeader {
        id: id.into(),
        school_id: "s1".into(),
        template_id: crate::plan::SELF_EVAL_PLAN.into(),
        evaluation_id: Some(e.clone()),
        school_year: SchoolYear(2025),
        created: "2026-03-01".into(),
    };
    b.wb.create_plan(header("plan1"), plan).unwrap();
    assert_eq!(b.wb.prefill_assignment(), Ok(2));
    let a = b.wb.staff.value().unwrap().assignment;
    let d: Vec<_> = a
        .departments
        .iter()
        .map(|d| (d.name.as_str(), d.lead.as_str()))
        .collect();
    assert_eq!(d, vec![("教务处", "李华"), ("德育处", "赵强")]);
    assert_eq!(a.assignees.len(), 2);
    // Prefilled once: an assignment that was edited is never prefilled again, even when emptied.
    assert_eq!(b.wb.prefill_assignment(), Ok(0));
    // The prefill already wrote the 职责分工 into the plan; every change follows.
    let text = |p: &Plan| format!("{:?}", p.sections);
    assert!(text(&b.wb.plan.value().unwrap()).contains("教务处（负责人：李华）：负责分工待定。"));
    b.wb.update_assignment(|a| {
        a.department_mut("d1").unwrap().items = vec!["A1".into()];
    })
    .unwrap();
    let p = b.wb.plan.value().unwrap();
    assert_eq!(p.duties[0].items, vec!["A1".to_string()]);
    assert!(
        text(&p).contains("教务处（负责人：李华）：负责“方面 A1”方面"),
        "{}",
        text(&p)
    );
    // With another plan open, the 自评方案 is written where it is stored and the open plan stays open.
    let other = PlanHeader {
        id: "plan2".into(),
        template_id: "quality-action-plan".into(),
        ..header("plan2")
    };
    b.wb.create_plan(other, Plan::default()).unwrap();
    let dy = a.departments[1].id.clone();
    b.wb.update_assignment(move |a| {
        a.add_person(Some(&dy), "孙丽", "德育干事");
    })
    .unwrap();
    assert_eq!(b.wb.plan.id().as_deref(), Some("plan2"));
    assert!(b.wb.plan.value().unwrap().duties.is_empty());
    b.wb.open_plan("plan1").unwrap();
    let t = text(&b.wb.plan.value().unwrap());
    assert!(t.contains("赵强（德育主任）、孙丽（德育干事）"), "{t}");
    // Removing everything takes the section out of the plan again.
    b.wb.update_assignment(|a| {
        a.departments.clear();
        a.assignees.clear();
    })
    .unwrap();
    let p = b.wb.plan.value().unwrap();
    assert!(p.duties.is_empty() && p.sections.iter().all(|s| s.id != "duties"));
    assert_eq!(b.wb.prefill_assignment(), Ok(0));
}

// ---- evidence

fn new_file(name: &str, bytes: &[u8]) -> NewFile {
    NewFile {
        name: name.into(),
        media_type: String::new(),
        digest: crate::evidence::FileDigest::of(bytes),
        added: "2026-03-01T09:00:00".into(),
        modified: None,
        added_by: crate::evidence::AddedBy::Principal,
        shrunk: None,
        items: vec![],
    }
}

fn evaluation(b: &Bench) -> String {
    b.wb.create_evaluation("test", SchoolYear(2025), Term::Year)
        .unwrap()
}

#[test]
fn evidence_is_attached_all_or_nothing_and_survives_a_reload() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    assert!(matches!(
        b.wb.plan_attach(
            EvidenceOf::Evaluation,
            "p1",
            &[new_file("a.pdf", b"%PDF-a")]
        ),
        Err(EvidenceFailure::Work(WorkMessage::NoEvaluation))
    ));
    let e = evaluation(&b);
    let files = vec![
        new_file("会议记录.pdf", b"%PDF-minutes"),
        new_file("照片.png", b"\x89PNG photo"),
    ];
    let plan =
        b.wb.plan_attach(EvidenceOf::Evaluation, "p1", &files)
            .unwrap();
    assert_eq!(plan.write.len(), 2);
    assert_eq!(plan.need.new_blobs, 2);
    assert_eq!(
        plan.need.bytes,
        12 + 10 + 2 * crate::evidence::store::METADATA_BYTES_PER_FILE
    );
    // A batch with one empty file is refused whole: nothing is attached.
    let mut bad = files.clone();
    bad.push(new_file("空.docx", b""));
    let before = all_keys(&b);
    assert!(matches!(
        b.wb.attach_evidence(EvidenceOf::Evaluation, "p1", bad),
        Err(EvidenceFailure::Refused(EvidenceError::EmptyFile { .. }))
    ));
    assert_eq!(all_keys(&b), before);
    let added =
        b.wb.attach_evidence(EvidenceOf::Evaluation, "p1", files)
            .unwrap();
    assert_eq!(added.len(), 2);
    assert_eq!(added[1].media_type, "image/png");
    b.wb.mark_evidence(EvidenceOf::Evaluation, "p1", "会议记录", true)
        .unwrap();
    b.wb.link_evidence(EvidenceOf::Evaluation, "p1", &added[1].id, "活动照片", true)
        .unwrap();
    assert!(matches!(
        b.wb.mark_evidence(EvidenceOf::Evaluation, "p1", "不在清单", true),
        Err(EvidenceFailure::Refused(EvidenceError::UnknownItem { .. }))
    ));
    assert!(b
        .large
        .snapshot()
        .contains_key(&format!("xzzp.p.default.evidence.{e}")));
    let again = bench_over(b.local.clone(), b.large.clone());
    let doc = again.wb.evidence.value().unwrap();
    assert_eq!(doc.evaluation_id, e);
    let p1 = doc.point("p1").unwrap();
    assert_eq!(p1.files.len(), 2);
    assert!(p1.item_present("会议记录") && p1.item_present("活动照片"));
    // The same bytes again are refused on the same point and need no new blob on another.
    assert!(matches!(
        again.wb.plan_attach(
            EvidenceOf::Evaluation,
            "p1",
            &[new_file("副本.pdf", b"%PDF-minutes")]
        ),
        Err(EvidenceFailure::Refused(
            EvidenceError::AlreadyAttached { .. }
        ))
    ));
    let plan = again
        .wb
        .plan_attach(
            EvidenceOf::Evaluation,
            "p2",
            &[new_file("副本.pdf", b"%PDF-minutes")],
        )
        .unwrap();
    assert!(plan.write.is_empty());
    assert_eq!(plan.need.reused, 1);
}

#[test]
fn a_blob_is_deleted_only_when_no_evaluation_uses_it_and_goes_with_its_evaluation() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e1 = evaluation(&b);
    let shared = new_file("合影.png", b"\x89PNG shared");
    let own = new_file("方案.pdf", b"%PDF-own");
    let a =
        b.wb.attach_evidence(
            EvidenceOf::Evaluation,
            "p1",
            vec![shared.clone(), own.clone()],
        )
        .unwrap();
    let c =
        b.wb.attach_evidence(EvidenceOf::Evaluation, "p2", vec![shared.clone()])
            .unwrap();
    let e2 = evaluation(&b);
    b.wb.attach_evidence(EvidenceOf::Evaluation, "p1", vec![shared.clone()])
        .unwrap();
    let stored: std::collections::BTreeSet<ContentHash> =
        [shared.digest.hash.clone(), own.digest.hash.clone()].into();
    assert!(b.wb.unused_blobs(&stored).is_empty());
    // Back in the first evaluation: the shared photo is still used elsewhere, the plan is not.
    b.wb.open_evaluation(&e1).unwrap();
    assert_eq!(
        b.wb.remove_evidence(EvidenceOf::Evaluation, "p1", &a[0].id)
            .unwrap(),
        vec![]
    );
    assert_eq!(
        b.wb.remove_evidence(EvidenceOf::Evaluation, "p2", &c[0].id)
            .unwrap(),
        vec![]
    );
    assert!(matches!(
        b.wb.remove_evidence(EvidenceOf::Evaluation, "p2", &c[0].id),
        Err(EvidenceFailure::Refused(
            EvidenceError::UnknownAttachment { .. }
        ))
    ));
    b.wb.delete_evaluation(&e1).unwrap();
    assert!(!all_keys(&b).iter().any(|k| k.contains(&e1)));
    assert_eq!(b.wb.unused_blobs(&stored), vec![own.digest.hash.clone()]);
    b.wb.delete_evaluation(&e2).unwrap();
    let mut all: Vec<ContentHash> = stored.iter().cloned().collect();
    all.sort();
    assert_eq!(b.wb.unused_blobs(&stored), all);
}

#[test]
fn no_blob_is_called_unused_while_an_evidence_document_is_unreadable() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e1 = evaluation(&b);
    let f = new_file("a.pdf", b"%PDF-a");
    b.wb.attach_evidence(EvidenceOf::Evaluation, "p1", vec![f.clone()])
        .unwrap();
    let _e2 = evaluation(&b);
    b.large
        .set(&format!("xzzp.p.default.evidence.{e1}"), "{ broken")
        .unwrap();
    let stored: std::collections::BTreeSet<ContentHash> = [f.digest.hash.clone()].into();
    assert!(b.wb.blob_index().is_none());
    assert!(b.wb.unused_blobs(&stored).is_empty());
}

#[test]
fn an_evidence_package_restores_into_its_own_evaluation_only() {
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e1 = evaluation(&b);
    let photo = new_file("照片.png", b"\x89PNG photo");
    b.wb.attach_evidence(EvidenceOf::Evaluation, "p1", vec![photo.clone()])
        .unwrap();
    b.wb.mark_evidence(EvidenceOf::Evaluation, "p2", "制度文本", true)
        .unwrap();
    let doc = b.wb.evidence.value().unwrap();
    let header = b.wb.current_evaluation().unwrap();
    let manifest = Manifest::new(
        &doc,
        EvaluationRef::of(&header, "示例学校s1"),
        "2026-03-01T10:00:00",
        crate::evidence::AddedBy::Principal,
        |p, a| format!("root/{p}/{}", a.name),
    );
    let unpacked = manifest.unpack(|_| Ok(()));
    // Into the same evaluation with everything still there: nothing to add.
    let plan = b.wb.plan_evidence_import(&manifest, &unpacked).unwrap();
    assert!(plan.merge.is_noop(), "{:?}", plan.merge);
    // Into another evaluation: refused.
    let _e2 = evaluation(&b);
    assert!(matches!(
        b.wb.plan_evidence_import(&manifest, &unpacked),
        Err(EvidenceFailure::Refused(
            EvidenceError::WrongEvaluation { .. }
        ))
    ));
    // On a clean profile with the evaluation restored from a backup: the files and ticks come back, and
    // the photo's bytes must be written.
    let (backup, _) = b.wb.backup(Scope::All).unwrap();
    let clean = bench();
    clean.wb.apply_backup(&backup).unwrap();
    clean.wb.open_evaluation(&e1).unwrap();
    let plan = clean.wb.plan_evidence_import(&manifest, &unpacked).unwrap();
    assert_eq!(plan.merge.add.len(), 1);
    assert_eq!(plan.room.write, vec![photo.digest.hash.clone()]);
    assert_eq!(plan.room.need.new_blobs, 1);
    clean.wb.apply_evidence_import(&plan.merge, false).unwrap();
    let restored = clean.wb.evidence.value().unwrap();
    assert_eq!(restored.evaluation_id, e1);
    assert_eq!(
        restored.point("p1").unwrap().files[0].hash,
        photo.digest.hash
    );
    assert!(restored.point("p2").unwrap().marked.contains("制度文本"));
    // Imported again: nothing to do.
    assert!(clean
        .wb
        .plan_evidence_import(&manifest, &unpacked)
        .unwrap()
        .merge
        .is_noop());
}

#[test]
fn a_full_backup_carries_the_staff_part_and_the_county_roll_up_as_they_are_stored() {
    let b = principal_with_assignment();
    let files = vec![named(
        "a.json",
        package_file("s9", "示例九小", "x9", 10, "B"),
    )];
    b.wb.county_import(&files).unwrap();
    let evaluation = b.wb.current_evaluation().unwrap().id;
    let staff_key = b.wb.staff.key_of(&evaluation);
    let county_key = b.wb.county_packages.key_of(COUNTY_PACKAGES);
    let stored = |bench: &Bench, key: &str| bench.large.snapshot().get(key).cloned();
    let (staff, county) = (
        stored(&b, &staff_key).unwrap(),
        stored(&b, &county_key).unwrap(),
    );
    let (backup, _) = b.wb.backup(Scope::All).unwrap();
    assert_eq!(backup.documents.len(), 2, "{:?}", backup.documents);
    // Through the file format and into a clean browser.
    let text = serde_json::to_string(&backup).unwrap();
    let back: Backup = serde_json::from_str(&text).unwrap();
    let clean = bench();
    clean.wb.apply_backup(&back).unwrap();
    assert_eq!(stored(&clean, &staff_key).as_deref(), Some(staff.as_str()));
    assert_eq!(
        stored(&clean, &county_key).as_deref(),
        Some(county.as_str())
    );
    let names: Vec<String> = clean
        .wb
        .staff
        .value()
        .unwrap()
        .assignment
        .departments
        .iter()
        .map(|d| d.name.clone())
        .collect();
    assert_eq!(names, vec!["教务处".to_string(), "德育处".to_string()]);
    assert_eq!(clean.wb.county_collection().unwrap().len(), 1);
    // A school's backup carries its evaluations' staff part, not the county roll-up.
    let (school, _) = b.wb.backup(Scope::School).unwrap();
    assert_eq!(school.documents.len(), 1);
    assert_eq!(school.documents[0].kind, "staff");
}

// ---- the profile's own frameworks -------------------------------------------------------------------------

/// A county's copy of the test framework, as the editor saves it.
fn county_framework() -> Framework {
    crate::framework_edit::copy_as(&version_1(), "county-1", "某县指标", "某县教育局").unwrap()
}

#[test]
fn a_saved_framework_is_found_after_a_restart_and_evaluations_keep_their_version() {
    NEWER.set(false);
    let b = bench();
    assert_eq!(
        b.wb.save_framework(county_framework()),
        Ok(crate::framework_versions::Added::New)
    );
    // The same version again is refused: a saved version never changes.
    assert!(matches!(
        b.wb.save_framework(county_framework()),
        Err(FrameworkMessage::Edit(_))
    ));
    // A built-in id is refused with the store's message.
    let mut built_in = county_framework();
    built_in.id = "test".into();
    let refused = b.wb.save_framework(built_in).unwrap_err();
    assert!(refused.zh().contains("内置框架"), "{}", refused.zh());
    b.wb.save_school(school("s1")).unwrap();
    b.wb.create_evaluation("county-1", SchoolYear(2025), Term::Year)
        .unwrap();
    answer(&b.wb, "p1", "A");
    // Version 2 with p1 reworded: the evaluation stays on version 1 until the principal moves it.
    let mut d = crate::framework_edit::Draft::next_version_of(&county_framework());
    d.point_mut(0, 0, 0).unwrap().text = "改写后的要点".into();
    assert_eq!(
        b.wb.save_framework(d.framework.clone()),
        Ok(crate::framework_versions::Added::NewerVersion {
            previous: "1".into()
        })
    );
    let again = bench_over(b.local.clone(), b.large.clone());
    assert_eq!(again.wb.current_framework().unwrap().version, "1");
    assert_eq!(again.wb.framework("county-1").unwrap().version, "2");
    assert!(again.wb.upgrade_preview().is_some());
    assert_eq!(again.wb.custom_frameworks().versions("county-1").len(), 2);
    // A version an evaluation uses cannot be removed; the other can.
    assert!(again.wb.remove_framework("county-1", "1").is_err());
    again.wb.remove_framework("county-1", "2").unwrap();
    assert_eq!(again.wb.framework("county-1").unwrap().version, "1");
}

#[test]
fn a_framework_file_is_previewed_before_it_is_saved_and_a_broken_one_changes_nothing() {
    let b = bench();
    let file = crate::framework_file::export(&county_framework(), "2026-03-01T08:00:00");
    let (fw, added) = b.wb.read_framework_file(file.as_bytes()).unwrap();
    assert_eq!(added, crate::framework_versions::Added::New);
    assert!(
        b.wb.custom_frameworks().frameworks.is_empty(),
        "a preview saves nothing"
    );
    b.wb.add_framework(fw.clone()).unwrap();
    assert_eq!(b.wb.framework("county-1").as_deref(), Some(&fw));
    assert_eq!(
        b.wb.read_framework_file(file.as_bytes()).unwrap().1,
        crate::framework_versions::Added::AlreadyStored
    );
    // Changed content under the same version: refused, with the reason in Chinese.
    let mut other = county_framework();
    other.title = "另一个标题".into();
    let other_file = crate::framework_file::export(&other, "2026-03-01T08:00:00");
    let e = b.wb.read_framework_file(other_file.as_bytes()).unwrap_err();
    assert!(e.zh().contains("内容不同"), "{}", e.zh());
    // Cut off in transit.
    let cut = &file.as_bytes()[..file.len() / 2];
    let e = b.wb.read_framework_file(cut).unwrap_err();
    assert!(matches!(e, FrameworkMessage::File(_)));
    assert!(e.zh().contains("没有保存任何内容"), "{}", e.zh());
    assert_eq!(b.wb.custom_frameworks().frameworks.len(), 1);
}

#[test]
fn a_backup_of_everything_carries_the_profiles_frameworks() {
    let b = bench();
    b.wb.save_framework(county_framework()).unwrap();
    b.wb.save_school(school("s1")).unwrap();
    let (backup, _) = b.wb.backup(Scope::All).unwrap();
    let other = bench();
    other.wb.apply_backup(&backup).unwrap();
    assert_eq!(other.wb.framework("county-1").unwrap().title, "某县指标");
}

/// The manifest of the evidence package the open teacher's work would export.
fn teacher_manifest(t: &Bench) -> Manifest {
    let w = t.wb.teacher.value().flatten().unwrap();
    Manifest::new(
        &w.evidence,
        EvaluationRef::of(&w.evaluation_header(), &w.invitation.school.name),
        "2026-03-05T09:00:00",
        crate::evidence::AddedBy::Teacher {
            who: w.contributor().unwrap(),
        },
        |p, a| format!("root/{p}/{}", a.name),
    )
    .answering(w.package_ref())
}

#[test]
fn a_teacher_attaches_evidence_to_assigned_points_and_the_principal_merges_it() {
    use crate::evidence::{AddedBy, Contributor};
    let b = principal_with_assignment();
    let packages = b.wb.issue_packages(true, "2026-03-01T08:00").unwrap();
    let t = teacher_bench();
    t.wb.teacher_open_package(packages[0].1.as_bytes()).unwrap();
    let li = Contributor {
        name: "李华".into(),
        role: "教务主任".into(),
        department: "教务处".into(),
    };
    let photo = new_file("活动照片.jpg", b"\xFF\xD8\xFF photo of the meeting");
    // Only the assigned points take files: p7 is 赵强's.
    assert!(matches!(
        t.wb.plan_attach(EvidenceOf::Teacher, "p7", std::slice::from_ref(&photo)),
        Err(EvidenceFailure::Refused(EvidenceError::UnknownPoint { .. }))
    ));
    let plan =
        t.wb.plan_attach(EvidenceOf::Teacher, "p1", std::slice::from_ref(&photo))
            .unwrap();
    assert_eq!(plan.write, vec![photo.digest.hash.clone()]);
    let added =
        t.wb.attach_evidence(EvidenceOf::Teacher, "p1", vec![photo.clone()])
            .unwrap();
    assert_eq!(added[0].added_by, AddedBy::Teacher { who: li.clone() });
    t.wb.mark_evidence(EvidenceOf::Teacher, "p2", "制度文本", true)
        .unwrap();
    // Teacher mode has no evaluation of its own: the school's evidence is untouched.
    assert!(t.wb.evidence.value().is_none());
    // The blob is in use: garbage collection must not take it, and after a reload the work still has it.
    let stored: std::collections::BTreeSet<_> = [photo.digest.hash.clone()].into();
    assert!(t.wb.unused_blobs(&stored).is_empty());
    let again = bench_over(t.local.clone(), t.large.clone());
    let (_, work) = again.wb.teacher_works().into_iter().next().unwrap();
    assert_eq!(work.evidence.point("p1").unwrap().files.len(), 1);
    assert!(again.wb.unused_blobs(&stored).is_empty());

    // The principal merges it, attributed to 李华.
    let manifest = teacher_manifest(&t);
    let unpacked = manifest.unpack(|_| Ok(()));
    let plan = b.wb.plan_evidence_import(&manifest, &unpacked).unwrap();
    assert_eq!(plan.merge.add.len(), 1);
    assert_eq!(plan.merge.marks.len(), 1);
    assert!(plan.merge.refused.is_empty());
    b.wb.apply_evidence_import(&plan.merge, false).unwrap();
    let merged = b.wb.evidence.value().unwrap();
    assert_eq!(
        merged.point("p1").unwrap().files[0].added_by,
        AddedBy::Teacher { who: li.clone() }
    );

    // A file for a point not given to 李华 (a manifest changed by hand) is refused and named.
    let mut forged = manifest.clone();
    let mut extra = forged.files[0].clone();
    extra.point_id = "p7".into();
    forged.files.push(extra);
    let plan =
        b.wb.plan_evidence_import(&forged, &forged.unpack(|_| Ok(())))
            .unwrap();
    assert_eq!(plan.merge.refused.len(), 1);
    assert_eq!(plan.merge.refused[0].point_id, "p7");
    // A teacher's package that answers no package of this evaluation is refused as a whole.
    let orphan = manifest.clone().answering(None);
    assert!(matches!(
        b.wb.plan_evidence_import(&orphan, &unpacked),
        Err(EvidenceFailure::Refused(EvidenceError::NotIssued { .. }))
    ));

    // 李华 removes the photo and sends again: the principal is told it was withdrawn and decides.
    let id = added[0].id.clone();
    let unused =
        t.wb.remove_evidence(EvidenceOf::Teacher, "p1", &id)
            .unwrap();
    assert_eq!(
        unused,
        vec![photo.digest.hash.clone()],
        "nobody else uses it in the teacher's browser"
    );
    let manifest = teacher_manifest(&t);
    let plan =
        b.wb.plan_evidence_import(&manifest, &manifest.unpack(|_| Ok(())))
            .unwrap();
    assert_eq!(plan.merge.withdrawn.len(), 1);
    let kept = b.wb.apply_evidence_import(&plan.merge, false).unwrap();
    assert!(kept.is_empty());
    assert_eq!(
        b.wb.evidence
            .value()
            .unwrap()
            .point("p1")
            .unwrap()
            .files
            .len(),
        1
    );
    let gone = b.wb.apply_evidence_import(&plan.merge, true).unwrap();
    assert_eq!(gone, vec![photo.digest.hash.clone()]);
    assert!(b
        .wb
        .evidence
        .value()
        .unwrap()
        .point("p1")
        .is_none_or(|p| p.files.is_empty()));
}

#[test]
fn in_teacher_mode_for_all_staff_a_file_waits_for_the_name_and_an_anonymous_one_carries_none() {
    let b = principal_with_assignment();
    b.wb.update_assignment(|a| {
        let all = a.add_staff(None, None, true);
        a.assignee_mut(&all).unwrap().items = Some(vec!["p4".into()]);
    })
    .unwrap();
    let packages = b.wb.issue_packages(false, "2026-03-01T08:00").unwrap();
    let t = teacher_bench();
    t.wb.teacher_open_package(packages[0].1.as_bytes()).unwrap();
    let w = t.wb.teacher.value().flatten().unwrap();
    let anonymous = w
        .invitation
        .assignees
        .iter()
        .find(|a| a.is_anonymous())
        .unwrap()
        .id
        .clone();
    let photo = new_file("照片.jpg", b"\xFF\xD8\xFF anonymous");
    // Nobody chosen yet: refused with the teacher-mode message.
    assert!(matches!(
        t.wb.plan_attach(EvidenceOf::Teacher, "p1", std::slice::from_ref(&photo)),
        Err(EvidenceFailure::Staff(_))
    ));
    t.wb.teacher_update(move |w| w.choose(&anonymous)).unwrap();
    let p =
        t.wb.teacher
            .value()
            .flatten()
            .unwrap()
            .framework()
            .unwrap()
            .points()
            .next()
            .unwrap()
            .2
            .id
            .clone();
    let added =
        t.wb.attach_evidence(EvidenceOf::Teacher, &p, vec![photo])
            .unwrap();
    let crate::evidence::AddedBy::Teacher { who } = &added[0].added_by else {
        panic!("a teacher's file");
    };
    assert!(who.name.starts_with("匿名"), "{who:?}");
    assert!(!who.name.contains("李华") && !who.name.contains("王芳"));
}
