//! The workbench on the host: creating and deleting with their cascades (a property test that no key is left
//! without its owner), backups that carry unreadable documents, an import that fails half-way, and the
//! migration of the first release's stored data.

use super::*;
use crate::evaluation::AnswerValue;
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
            // Evidence lists on two points, for the evidence actions.
            let mut fw = fixtures::framework();
            fw.areas[0].indicators[0].points[0].evidence =
                vec!["会议记录".into(), "活动照片".into()];
            fw.areas[0].indicators[0].points[1].evidence = vec!["制度文本".into()];
            Arc::new(fw)
        })
    }
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
        b.wb.plan_attach("p1", &[new_file("a.pdf", b"%PDF-a")]),
        Err(EvidenceFailure::Work(WorkMessage::NoEvaluation))
    ));
    let e = evaluation(&b);
    let files = vec![
        new_file("会议记录.pdf", b"%PDF-minutes"),
        new_file("照片.png", b"\x89PNG photo"),
    ];
    let plan = b.wb.plan_attach("p1", &files).unwrap();
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
        b.wb.attach_evidence("p1", bad),
        Err(EvidenceFailure::Refused(EvidenceError::EmptyFile { .. }))
    ));
    assert_eq!(all_keys(&b), before);
    let added = b.wb.attach_evidence("p1", files).unwrap();
    assert_eq!(added.len(), 2);
    assert_eq!(added[1].media_type, "image/png");
    b.wb.mark_evidence("p1", "会议记录", true).unwrap();
    b.wb.link_evidence("p1", &added[1].id, "活动照片", true)
        .unwrap();
    assert!(matches!(
        b.wb.mark_evidence("p1", "不在清单", true),
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
        again
            .wb
            .plan_attach("p1", &[new_file("副本.pdf", b"%PDF-minutes")]),
        Err(EvidenceFailure::Refused(
            EvidenceError::AlreadyAttached { .. }
        ))
    ));
    let plan = again
        .wb
        .plan_attach("p2", &[new_file("副本.pdf", b"%PDF-minutes")])
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
        b.wb.attach_evidence("p1", vec![shared.clone(), own.clone()])
            .unwrap();
    let c = b.wb.attach_evidence("p2", vec![shared.clone()]).unwrap();
    let e2 = evaluation(&b);
    b.wb.attach_evidence("p1", vec![shared.clone()]).unwrap();
    let stored: std::collections::BTreeSet<ContentHash> =
        [shared.digest.hash.clone(), own.digest.hash.clone()].into();
    assert!(b.wb.unused_blobs(&stored).is_empty());
    // Back in the first evaluation: the shared photo is still used elsewhere, the plan is not.
    b.wb.open_evaluation(&e1).unwrap();
    assert_eq!(b.wb.remove_evidence("p1", &a[0].id).unwrap(), vec![]);
    assert_eq!(b.wb.remove_evidence("p2", &c[0].id).unwrap(), vec![]);
    assert!(matches!(
        b.wb.remove_evidence("p2", &c[0].id),
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
    b.wb.attach_evidence("p1", vec![f.clone()]).unwrap();
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
    use crate::evidence::manifest::{EvaluationRef, Manifest};
    let b = bench();
    b.wb.save_school(school("s1")).unwrap();
    let e1 = evaluation(&b);
    let photo = new_file("照片.png", b"\x89PNG photo");
    b.wb.attach_evidence("p1", vec![photo.clone()]).unwrap();
    b.wb.mark_evidence("p2", "制度文本", true).unwrap();
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
    clean.wb.apply_evidence_import(&plan.merge).unwrap();
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
