//! The documents one person works on, and every action that touches more than one of them: selecting a school,
//! creating and deleting evaluations and plans with their cascades, backups out and in, teachers' answer files,
//! local profiles. Pure: the browser edge gives it backends, a clock, ids, today's date and the frameworks, and
//! re-renders when a document's change callback fires. Everything here is tested on the host.

use super::doc::{DocCell, DocState};
use super::kind::{self, cascade_evaluation, cascade_school, parse_key, Kind};
use super::{migrate, Payload, Read, Store, StoreError, Unreadable};
use crate::backup::{
    merge_workspace, AnswerFile, Backup, EvaluationBackup, LedgerBackup, PlanBackup, Respondent,
    StoredDoc, UnreadableDoc, ANSWERS_FORMAT, FILE_VERSION,
};
use crate::evaluation::{Answers, Edit, EditError, EvaluationHeader, SchoolYear, Term};
use crate::evidence::store::{storage_needed, BlobIndex, StorageNeed};
use crate::evidence::{AddedBy, Attachment, ContentHash, EvidenceDoc, EvidenceError, NewFile};
use crate::framework::Framework;
use crate::i18n::{Lang, Localized};
use crate::ledger::Ledger;
use crate::persist::{Meta, PlanHeader, Profile, Session, Workspace, DEFAULT_PROFILE, PREFIX};
use crate::plan::Plan;
use crate::report::ReportEdits;
use crate::respondents::already_imported;
use crate::school::School;
use crate::submission::{Submission, SubmissionError};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

/// What the workbench needs from its surroundings.
pub trait Env {
    /// Today's date on this computer.
    fn today(&self) -> NaiveDate;
    /// A fresh id, unique enough for one person's data.
    fn new_id(&self) -> String;
    /// A framework by id in its current version (built in, or later one of the profile's own).
    fn framework(&self, id: &str) -> Option<Arc<Framework>>;
    /// A framework in exactly the given version (an evaluation keeps the version it was started on).
    fn framework_in(&self, id: &str, version: &str) -> Option<Arc<Framework>> {
        self.framework(id).filter(|f| f.version == version)
    }
    /// Whether an id is a built-in framework's. The web app knows its built-in ids before their documents have
    /// arrived, so it answers from its index rather than from [`Env::framework`].
    fn is_built_in(&self, id: &str) -> bool {
        self.framework(id).is_some()
    }
}

/// What a backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything of the active profile.
    All,
    /// The current school with its evaluations, plans and ledger.
    School,
    /// The open evaluation and its school.
    Evaluation,
}

/// Messages of the workbench's actions, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkMessage {
    /// No school is selected.
    NoSchool,
    /// No evaluation is open.
    NoEvaluation,
    /// The framework is not known to this version.
    UnknownFramework(String),
    /// A teacher's answer file uses another framework than the open evaluation.
    OtherFramework {
        /// Who answered.
        name: String,
    },
    /// A teacher's answer file was imported before.
    AlreadyImported {
        /// Who answered.
        name: String,
    },
    /// A storage problem.
    Store(StoreError),
    /// An evaluation's answers cannot be read, so nothing is drafted from them.
    UnreadableEvaluation,
    /// The open evaluation's staff document (分工) cannot be read, so the evaluation is not moved to a newer
    /// framework version (its 分工 would be left behind on the old one).
    UnreadableStaff,
    /// The staff document is still being read.
    StaffLoading,
}

impl From<StoreError> for WorkMessage {
    fn from(e: StoreError) -> Self {
        WorkMessage::Store(e)
    }
}

impl Localized for WorkMessage {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (WorkMessage::NoSchool, Lang::Zh) => "请先在“学校信息”中填写或选择学校。".into(),
            (WorkMessage::NoSchool, Lang::En) => "Enter or choose a school first (School).".into(),
            (WorkMessage::NoEvaluation, Lang::Zh) => "请先在“自评问卷”中打开要汇总的自评，再导入教职工答卷。".into(),
            (WorkMessage::NoEvaluation, Lang::En) => "Open the evaluation to merge into first (Questionnaire), then import the answer files.".into(),
            (WorkMessage::UnknownFramework(id), Lang::Zh) => format!("本版本没有评价框架“{id}”，无法新建或打开这次自评。"),
            (WorkMessage::UnknownFramework(id), Lang::En) => format!("This version has no framework “{id}”, so the evaluation cannot be started or opened."),
            (WorkMessage::OtherFramework { name }, Lang::Zh) => format!("{name}的答卷使用的是另一个评价框架，与当前自评不同，未导入。"),
            (WorkMessage::OtherFramework { name }, Lang::En) => format!("{name}'s answers use another framework; not imported."),
            (WorkMessage::AlreadyImported { name }, Lang::Zh) => format!("{name}的这份答卷已经导入过，不会重复计算。"),
            (WorkMessage::AlreadyImported { name }, Lang::En) => format!("This answer file of {name} was imported before; it is not counted twice."),
            (WorkMessage::Store(e), _) => e.text(lang),
            (WorkMessage::UnreadableEvaluation, Lang::Zh) => "这次自评的答案无法读取（数据已损坏，原样保留），不能据此生成报告或比较。请到“数据管理”下载原始数据，或从备份恢复。".into(),
            (WorkMessage::UnreadableEvaluation, Lang::En) => "This evaluation's answers cannot be read (the data is damaged and kept as it is), so no report or comparison is drafted from them. Download the original under Data, or restore a backup.".into(),
            (WorkMessage::UnreadableStaff, _) => crate::i18n::K::UnreadableStaffMove.text(lang).into(),
            (WorkMessage::StaffLoading, _) => crate::i18n::K::StaffLoadingMove.text(lang).into(),
        }
    }
}

/// What moving an evaluation to a newer framework version did: the message for the user names every item of the
/// 分工 that was not carried as it was.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Upgraded {
    /// Items of the 分工 not carried as they were (see [`crate::assignment::carry`]).
    pub not_carried: Vec<crate::assignment::NotCarried>,
}

impl Localized for Upgraded {
    fn text(&self, lang: Lang) -> String {
        use crate::i18n::K;
        let mut out = K::UpgradeDone.text(lang).to_string();
        if !self.not_carried.is_empty() {
            out.push_str(lang.pick("", " "));
            out.push_str(K::UpgradeNotCarried.text(lang));
            // One paragraph in the notice: each item is a sentence of its own.
            for n in &self.not_carried {
                out.push_str(lang.pick("", " "));
                out.push_str(&n.text(lang));
            }
        }
        out
    }
}

/// What a backup found that it could not read: carried as raw text, and said so.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupNote {
    /// How many unreadable documents were carried as they are.
    pub unreadable: usize,
}

/// The documents of one person's work, and the actions over them.
pub struct Workbench {
    /// The store (backends, revisions, quarantine, journal).
    pub store: Rc<Store>,
    env: Rc<dyn Env>,
    /// Settings of this browser.
    pub meta: Rc<DocCell<Meta>>,
    /// The active profile's schools, evaluations and plans.
    pub workspace: Rc<DocCell<Workspace>>,
    /// What the active profile has open.
    pub session: Rc<DocCell<Session>>,
    /// Answers of the open evaluation.
    pub answers: Rc<DocCell<Answers>>,
    /// Report edits of the evaluation on the report page.
    pub report: Rc<DocCell<ReportEdits>>,
    /// Teachers' answer files of the open evaluation.
    pub respondents: Rc<DocCell<Vec<AnswerFile>>>,
    /// The open plan.
    pub plan: Rc<DocCell<Plan>>,
    /// The current school's ledger.
    pub ledger: Rc<DocCell<Ledger>>,
    /// The county bureau's packages received (always `packages`; see [`Kind::County`]).
    pub county_packages: Rc<DocCell<Vec<Submission>>>,
    /// The county bureau's expected schools and 通报 edits (always `desk`).
    pub county_desk: Rc<DocCell<CountyDesk>>,
    /// The whole-staff part (分工, packages issued, answers received) of the open evaluation.
    pub staff: Rc<DocCell<crate::collection::Staff>>,
    /// The teacher's work on one package (teacher mode), by the id of the package first opened.
    pub teacher: Rc<DocCell<Option<crate::teacher::TeacherWork>>>,
    /// The evidence (佐证材料) metadata of the open evaluation.
    pub evidence: Rc<DocCell<EvidenceDoc>>,
    /// The frameworks this profile made or imported (always [`CUSTOM_FRAMEWORKS`]).
    pub frameworks: Rc<DocCell<crate::framework_versions::FrameworkStore>>,
}

impl Workbench {
    /// A workbench over a store; nothing is read until [`Workbench::load_all`].
    pub fn new(store: Rc<Store>, env: Rc<dyn Env>) -> Rc<Workbench> {
        Rc::new(Workbench {
            meta: DocCell::new(&store, Kind::Meta),
            workspace: DocCell::new(&store, Kind::Workspace),
            session: DocCell::new(&store, Kind::Session),
            answers: DocCell::new(&store, Kind::Answers),
            report: DocCell::new(&store, Kind::Report),
            respondents: DocCell::new(&store, Kind::Respondents),
            plan: DocCell::new(&store, Kind::Plan),
            ledger: DocCell::new(&store, Kind::Ledger),
            county_packages: DocCell::new(&store, Kind::County),
            county_desk: DocCell::new(&store, Kind::County),
            staff: DocCell::new(&store, Kind::Staff),
            teacher: DocCell::new(&store, Kind::Teacher),
            evidence: DocCell::new(&store, Kind::Evidence),
            frameworks: DocCell::new(&store, Kind::Frameworks),
            store,
            env,
        })
    }

    /// The environment.
    pub fn env(&self) -> &dyn Env {
        self.env.as_ref()
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /// The settings (defaults while they cannot be read: the interface must still start).
    pub fn settings(&self) -> Meta {
        self.meta.value().unwrap_or_default()
    }

    /// Looks at the workspace; an empty one while it is unreadable (writes are refused then).
    pub fn ws<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        self.workspace.with(|s| match s.value() {
            Some(w) => f(w),
            None => f(&Workspace::default()),
        })
    }

    /// The selection.
    pub fn selection(&self) -> Session {
        self.session.value().unwrap_or_default()
    }

    /// The current school.
    pub fn current_school(&self) -> Option<School> {
        let id = self.selection().school?;
        self.ws(|w| w.school(&id).cloned())
    }

    /// Evaluations of the current school, newest first.
    pub fn school_evaluations(&self) -> Vec<EvaluationHeader> {
        let Some(s) = self.selection().school else {
            return vec![];
        };
        self.ws(|w| w.evaluations_of(&s).into_iter().cloned().collect())
    }

    /// Plan documents of the current school, newest first.
    pub fn school_plans(&self) -> Vec<PlanHeader> {
        let Some(s) = self.selection().school else {
            return vec![];
        };
        self.ws(|w| w.plans_of(&s).into_iter().cloned().collect())
    }

    /// The header of the open evaluation.
    pub fn current_evaluation(&self) -> Option<EvaluationHeader> {
        let id = self.answers.id()?;
        self.ws(|w| w.evaluation(&id).cloned())
    }

    /// The framework of the open evaluation.
    /// In the version the evaluation was started on; the current one only when this build does not know that
    /// version (an evaluation from a newer build), so that it can still be shown.
    pub fn current_framework(&self) -> Option<Arc<Framework>> {
        let h = self.current_evaluation()?;
        self.framework_for(&h.framework_id, &h.framework_version)
    }

    /// A document of any id: the open one from memory (with unsaved changes), others read from storage.
    pub fn doc_of<T: super::doc::Document>(&self, cell: &DocCell<T>, id: &str) -> Read<T> {
        let open = cell.with(|s| match s {
            DocState::Ready { id: i, value, .. } if i == id => Some(Read::Ready(value.clone())),
            DocState::Unreadable { id: i, problem } if i == id => {
                Some(Read::Unreadable(problem.clone()))
            }
            _ => None,
        });
        open.unwrap_or_else(|| self.store.read(&cell.key_of(id)))
    }

    /// The answers of any evaluation; an unreadable one is said to be so, never given as empty.
    pub fn answers_of(&self, evaluation_id: &str) -> Read<Answers> {
        self.doc_of(&self.answers, evaluation_id)
    }

    /// The self-evaluation plan that feeds an evaluation's report: the school's 自评方案 made for that
    /// evaluation, else its newest 自评方案.
    pub fn report_plan(&self, school_id: &str, evaluation_id: &str) -> Option<String> {
        self.ws(|w| {
            w.plans_of(school_id)
                .into_iter()
                .filter(|p| p.template_id == crate::plan::SELF_EVAL_PLAN)
                .min_by_key(|p| p.evaluation_id.as_deref() != Some(evaluation_id))
                .map(|p| p.id.clone())
        })
    }

    // ---- loading -------------------------------------------------------------------------------------------

    /// Reads settings, migrates an older layout, and opens the active profile's documents.
    pub fn load_all(&self) {
        self.meta.open(Some(""));
        let meta = self.settings();
        self.store.set_profile(&meta.active_profile);
        if meta.layout < crate::persist::LAYOUT {
            migrate::local(&self.store, &meta);
            // Only mark the layout done once settings can be written; the steps are idempotent otherwise.
            let _ = self.meta.update(|m| {
                let changed = m.layout != crate::persist::LAYOUT;
                m.layout = crate::persist::LAYOUT;
                changed
            });
        }
        self.reload_profile();
    }

    /// Re-reads the active profile: workspace, selection and the documents it points at.
    pub fn reload_profile(&self) {
        self.store.set_profile(&self.settings().active_profile);
        self.workspace.open(Some(""));
        self.session.open(Some(""));
        self.fix_selection();
        self.open_selected();
        self.county_packages.open(Some(COUNTY_PACKAGES));
        self.county_desk.open(Some(COUNTY_DESK));
        self.frameworks.open(Some(CUSTOM_FRAMEWORKS));
    }

    /// The large tier has been read (IndexedDB, asynchronously at start; older data moved into it by then, see
    /// [`migrate::move_to_large`]): open its documents.
    pub fn large_loaded(&self) {
        self.store.set_large_ready(true);
        self.respondents.reload();
        self.county_packages.reload();
        self.county_desk.reload();
        self.staff.reload();
        self.evidence.reload();
    }

    /// Makes the stored selection point at things that exist.
    fn fix_selection(&self) {
        let s = self.selection();
        let fixed = self.ws(|w| s.normalised(w));
        if fixed != s {
            let f = fixed.clone();
            let _ = self.session.update(move |s| {
                *s = f.clone();
                true
            });
        }
    }

    /// Opens the documents the selection points at.
    fn open_selected(&self) {
        let s = self.selection();
        self.answers.open(s.evaluation.as_deref());
        self.respondents.open(s.evaluation.as_deref());
        self.staff.open(s.evaluation.as_deref());
        self.plan.open(s.plan.as_deref());
        self.ledger.open(s.school.as_deref());
        self.evidence.open(s.evaluation.as_deref());
    }

    fn select(&self, s: Session) -> Result<(), StoreError> {
        let result = self.session.update(move |x| {
            let changed = *x != s;
            *x = s.clone();
            changed
        });
        self.open_selected();
        result.map(|_| ())
    }

    // ---- schools -------------------------------------------------------------------------------------------

    /// Adds or replaces a school and makes it current.
    pub fn save_school(&self, school: School) -> Result<(), StoreError> {
        let switching = self.selection().school.as_deref() != Some(school.id.as_str());
        let id = school.id.clone();
        self.workspace.update(move |w| {
            match w.schools.iter_mut().find(|s| s.id == school.id) {
                Some(s) if *s == school => return false,
                Some(s) => *s = school.clone(),
                None => w.schools.push(school.clone()),
            }
            true
        })?;
        if switching {
            self.select_school(&id)?;
        }
        Ok(())
    }

    /// Makes a school current, opening its newest evaluation and plan and its ledger.
    pub fn select_school(&self, id: &str) -> Result<(), StoreError> {
        let s = self.ws(|w| Session::for_school(w, id));
        self.select(s)
    }

    /// Deletes a school with its evaluations, plans, ledger and every document of theirs.
    pub fn delete_school(&self, id: &str) -> Result<(), StoreError> {
        let docs = self.ws(|w| cascade_school(w, id));
        let gone = id.to_string();
        self.workspace.update(move |w| {
            w.schools.retain(|s| s.id != gone);
            w.evaluations.retain(|e| e.school_id != gone);
            w.plans.retain(|p| p.school_id != gone);
            true
        })?;
        self.remove_docs(&docs);
        let next = self.ws(|w| w.schools.first().map(|s| s.id.clone()));
        match next {
            Some(next) => self.select_school(&next),
            None => self.select(Session::default()),
        }
    }

    fn cell_remove(&self, kind: Kind, id: &str) -> Result<(), StoreError> {
        match kind {
            Kind::Answers => self.answers.remove(id),
            Kind::Report => self.report.remove(id),
            Kind::Respondents => self.respondents.remove(id),
            Kind::Plan => self.plan.remove(id),
            Kind::Ledger => self.ledger.remove(id),
            Kind::Staff => self.staff.remove(id),
            Kind::Teacher => self.teacher.remove(id),
            Kind::County if id == COUNTY_DESK => self.county_desk.remove(id),
            Kind::County => self.county_packages.remove(id),
            Kind::Evidence => self.evidence.remove(id),
            Kind::Frameworks => self.frameworks.remove(id),
            Kind::Meta | Kind::Workspace | Kind::Session => Ok(()),
        }
    }

    /// Removes documents; a failure is reported and the others are still removed (an orphan left by a failed
    /// removal is found and offered for removal on the data page).
    fn remove_docs(&self, docs: &[kind::DocRef]) {
        for (k, id) in docs {
            if let Err(e) = self.cell_remove(*k, id) {
                self.store.report(e);
            }
        }
    }

    // ---- evaluations ---------------------------------------------------------------------------------------

    /// Creates an evaluation of the current school and opens it. Returns its id.
    pub fn create_evaluation(
        &self,
        framework_id: &str,
        school_year: SchoolYear,
        term: Term,
    ) -> Result<String, WorkMessage> {
        let school_id = self.selection().school.ok_or(WorkMessage::NoSchool)?;
        let fw = self
            .framework(framework_id)
            .ok_or_else(|| WorkMessage::UnknownFramework(framework_id.to_string()))?;
        let id = self.env.new_id();
        let header = EvaluationHeader {
            id: id.clone(),
            school_id: school_id.clone(),
            framework_id: fw.id.clone(),
            framework_version: fw.version.clone(),
            school_year,
            term,
            created: self.env.today().to_string(),
        };
        self.workspace.update(move |w| {
            w.evaluations.push(header.clone());
            true
        })?;
        let mut s = self.selection();
        s.school = Some(school_id);
        s.evaluation = Some(id.clone());
        self.select(s)?;
        Ok(id)
    }

    /// Opens an evaluation.
    pub fn open_evaluation(&self, id: &str) -> Result<(), StoreError> {
        let mut s = self.selection();
        s.evaluation = Some(id.to_string());
        self.select(s)
    }

    /// Deletes an evaluation with its answers, report edits and teachers' answers.
    pub fn delete_evaluation(&self, id: &str) -> Result<(), StoreError> {
        let gone = id.to_string();
        self.workspace.update(move |w| {
            let before = w.evaluations.len();
            w.evaluations.retain(|e| e.id != gone);
            before != w.evaluations.len()
        })?;
        self.remove_docs(&cascade_evaluation(id));
        let s = self.selection();
        if s.evaluation.as_deref() == Some(id) {
            let mut s = s;
            s.evaluation = None;
            self.select(s)?;
        }
        Ok(())
    }

    // ---- framework versions --------------------------------------------------------------------------------

    /// The open evaluation's framework in the version it uses, and the current version when that is newer.
    pub fn framework_upgrade(&self) -> Option<(Arc<Framework>, Arc<Framework>)> {
        let h = self.current_evaluation()?;
        let old = self.framework_in(&h.framework_id, &h.framework_version)?;
        let new = self.framework(&h.framework_id)?;
        (crate::framework::compare_versions(&new.version, &old.version)
            == Some(std::cmp::Ordering::Greater))
        .then_some((old, new))
    }

    /// What moving the open evaluation to the current version of its framework would do to its answers.
    pub fn upgrade_preview(&self) -> Option<crate::framework_versions::Migration> {
        let (old, new) = self.framework_upgrade()?;
        let answers = self.answers.value()?;
        crate::framework_versions::preview(&old, &new, &answers).ok()
    }

    /// Moves the open evaluation to the current version of its framework: its answers are carried over (under
    /// new ids where points were renumbered) and what no longer fits is set aside, never dropped; its 分工 is
    /// carried by the same id mapping ([`crate::assignment::carry`]), and what of it could not be carried is
    /// returned for the message; the header then records the new version. All or nothing: the 分工 is written
    /// first and nothing else happens if it cannot be; if the answers or the header cannot be saved, what was
    /// already written is put back. An unreadable staff document refuses the move (it would be lost).
    pub fn upgrade_evaluation(&self) -> Result<Upgraded, WorkMessage> {
        let h = self.current_evaluation().ok_or(WorkMessage::NoEvaluation)?;
        let (old, new) = self
            .framework_upgrade()
            .ok_or_else(|| WorkMessage::UnknownFramework(h.framework_id.clone()))?;
        let before = match self.answers.with(|s| match s {
            DocState::Ready { value, .. } => Some(value.clone()),
            _ => None,
        }) {
            Some(a) => a,
            None => return Err(WorkMessage::UnreadableEvaluation),
        };
        let moved = crate::framework_versions::migrate(&old, &new, &before)
            .map_err(|_| WorkMessage::UnknownFramework(h.framework_id.clone()))?;
        self.staff.ensure(&h.id);
        let staff_before = self.staff.with(|s| match s {
            DocState::Ready { value, .. } => Ok(value.assignment.clone()),
            DocState::Loading { .. } => Err(WorkMessage::StaffLoading),
            _ => Err(WorkMessage::UnreadableStaff),
        })?;
        let carried = crate::assignment::carry(&old, &new, &staff_before);
        let next = carried.assignment.clone();
        let staff_changed = self.staff.update_or_nothing(move |s| {
            s.assignment = next.clone();
            true
        })?;
        let put_staff_back = || {
            if staff_changed {
                let back = staff_before.clone();
                let _ = self.staff.update(move |s| {
                    s.assignment = back.clone();
                    true
                });
            }
        };
        let m = moved.clone();
        if let Err(e) = self.answers.update_or_nothing(move |a| {
            *a = m.clone();
            true
        }) {
            put_staff_back();
            return Err(e.into());
        }
        let (id, version) = (h.id.clone(), new.version.clone());
        let header =
            self.workspace.update(
                move |w| match w.evaluations.iter_mut().find(|e| e.id == id) {
                    Some(e) if e.framework_version != version => {
                        e.framework_version = version.clone();
                        true
                    }
                    _ => false,
                },
            );
        if let Err(e) = header {
            let back = before.clone();
            let _ = self.answers.update(move |a| {
                *a = back.clone();
                true
            });
            put_staff_back();
            return Err(e.into());
        }
        Ok(Upgraded {
            not_carried: carried.not_carried,
        })
    }

    /// Applies an edit to one point of the open evaluation; a refused edit changes nothing.
    pub fn edit(&self, point_id: &str, edit: Edit) -> Result<(), EditError> {
        let fw = self.current_framework().ok_or(EditError::UnknownPoint)?;
        // Check first, so that a refused edit is reported and changes nothing.
        if let Some(mut probe) = self.answers.value() {
            probe.apply(&fw, point_id, edit.clone())?;
        }
        let pid = point_id.to_string();
        let _ = self
            .answers
            .update(move |a| a.apply(&fw, &pid, edit.clone()).is_ok());
        Ok(())
    }

    /// Remembers the point the user is on.
    pub fn set_position(&self, point_id: &str) {
        let pid = point_id.to_string();
        let _ = self.answers.update(move |a| {
            if a.position.as_deref() == Some(pid.as_str()) {
                return false;
            }
            a.position = Some(pid.clone());
            true
        });
    }

    // ---- plans, ledger, report -----------------------------------------------------------------------------

    /// Creates a plan document for the current school and opens it.
    pub fn create_plan(&self, header: PlanHeader, plan: Plan) -> Result<(), StoreError> {
        self.plan.create(&header.id, plan)?;
        let h = header.clone();
        self.workspace.update(move |w| {
            w.plans.push(h.clone());
            true
        })?;
        let mut s = self.selection();
        s.plan = Some(header.id);
        self.select(s)
    }

    /// Opens a plan document.
    pub fn open_plan(&self, id: &str) -> Result<(), StoreError> {
        let mut s = self.selection();
        s.plan = Some(id.to_string());
        self.select(s)
    }

    /// Deletes a plan document.
    pub fn delete_plan(&self, id: &str) -> Result<(), StoreError> {
        let gone = id.to_string();
        self.workspace.update(move |w| {
            w.plans.retain(|p| p.id != gone);
            true
        })?;
        self.remove_docs(&[(Kind::Plan, id.to_string())]);
        let s = self.selection();
        if s.plan.as_deref() == Some(id) {
            let mut s = s;
            s.plan = None;
            self.select(s)?;
        }
        Ok(())
    }

    /// Opens the report edits of an evaluation (unless they are open already).
    pub fn open_report(&self, evaluation_id: &str) {
        self.report.ensure(evaluation_id);
    }

    // ---- teachers' answers ---------------------------------------------------------------------------------

    /// A teacher's answer file from the open evaluation.
    pub fn answer_file(&self, name: &str, role: &str) -> Option<AnswerFile> {
        let header = self.current_evaluation()?;
        let school = self.current_school().map(|s| s.name).unwrap_or_default();
        let answers = self.answers.value()?;
        Some(AnswerFile {
            format: ANSWERS_FORMAT.into(),
            version: FILE_VERSION,
            id: self.env.new_id(),
            respondent: Respondent {
                name: name.trim().into(),
                role: role.trim().into(),
            },
            school,
            framework_id: header.framework_id,
            framework_version: header.framework_version,
            school_year: header.school_year,
            term: header.term,
            exported_at: self.env.today().to_string(),
            answers: answers.by_point,
        })
    }

    /// Merges a teacher's answer file into the open evaluation. Refused (with a message) when no evaluation is
    /// open, the framework differs or the same file was imported before.
    pub fn import_answer_file(&self, file: AnswerFile) -> Result<(), WorkMessage> {
        let header = self.current_evaluation().ok_or(WorkMessage::NoEvaluation)?;
        if file.framework_id != header.framework_id {
            return Err(WorkMessage::OtherFramework {
                name: file.respondent.name.clone(),
            });
        }
        self.respondents.ensure(&header.id);
        let known = self
            .respondents
            .with(|s| s.value().is_some_and(|r| already_imported(r, &file)));
        if known {
            return Err(WorkMessage::AlreadyImported {
                name: file.respondent.name.clone(),
            });
        }
        self.respondents.update(move |list| {
            if already_imported(list, &file) {
                return false;
            }
            list.push(file.clone());
            true
        })?;
        Ok(())
    }

    /// Removes one imported answer file from the open evaluation.
    pub fn remove_respondent(&self, file_id: &str) -> Result<(), StoreError> {
        let gone = file_id.to_string();
        self.respondents.update(move |list| {
            let before = list.len();
            list.retain(|f| f.id != gone);
            before != list.len()
        })?;
        Ok(())
    }

    // ---- backups -------------------------------------------------------------------------------------------

    /// Collects a backup of a scope. Documents that cannot be read are carried as their raw text (listed in
    /// [`Backup::unreadable`]), never as empty documents. `None` when the scope has nothing (no school).
    pub fn backup(&self, scope: Scope) -> Option<(Backup, BackupNote)> {
        let today = self.env.today().to_string();
        let sel = self.selection();
        let ws_state = self.workspace.with(|s| s.clone());
        let mut unreadable: BTreeMap<String, Unreadable> = BTreeMap::new();
        if let DocState::Unreadable { problem, .. } = &ws_state {
            unreadable.insert(problem.key.clone(), problem.clone());
        }
        let ws = ws_state.value().cloned().unwrap_or_default();
        let (schools, label): (Vec<_>, String) = match scope {
            Scope::All => (ws.schools.clone(), "全部数据".into()),
            Scope::School | Scope::Evaluation => {
                let s = ws.school(sel.school.as_deref()?)?.clone();
                let label = s.name.clone();
                (vec![s], label)
            }
        };
        let in_scope = |school_id: &str| schools.iter().any(|s| s.id == school_id);
        let mut b = Backup::new(&today, &label);
        for h in ws.evaluations.iter().filter(|e| in_scope(&e.school_id)) {
            if scope == Scope::Evaluation && sel.evaluation.as_deref() != Some(h.id.as_str()) {
                continue;
            }
            let answers = self.keep(self.answers_of(&h.id), &mut unreadable);
            let report = self.keep(self.doc_of(&self.report, &h.id), &mut unreadable);
            let respondents = self.keep(self.doc_of(&self.respondents, &h.id), &mut unreadable);
            b.evaluations.push(EvaluationBackup {
                header: h.clone(),
                answers,
                report,
                respondents,
            });
        }
        if scope == Scope::Evaluation && b.evaluations.is_empty() {
            return None;
        }
        if scope != Scope::Evaluation {
            for h in ws.plans.iter().filter(|p| in_scope(&p.school_id)) {
                let plan = self.keep(self.doc_of(&self.plan, &h.id), &mut unreadable);
                b.plans.push(PlanBackup {
                    header: h.clone(),
                    plan,
                });
            }
            for s in &schools {
                let key = self.ledger.key_of(&s.id);
                let ledger: Ledger = self.keep(self.doc_of(&self.ledger, &s.id), &mut unreadable);
                if !ledger.tasks.is_empty() || unreadable.contains_key(&key) {
                    b.ledgers.push(LedgerBackup {
                        school_id: s.id.clone(),
                        ledger,
                    });
                }
            }
        }
        if scope == Scope::All {
            // Anything else of this profile that cannot be read (e.g. left by an older version) goes along too.
            for key in self.store.keys_with_prefix(&self.store.keys().prefix()) {
                if unreadable.contains_key(&key) {
                    continue;
                }
                if let Read::Unreadable(u) = self.store.read::<serde_json::Value>(&key) {
                    unreadable.insert(key, u);
                }
            }
        }
        // The documents the backup format does not model go along as they are stored (unreadable ones are
        // already listed above, with their problem).
        let mut carried: Vec<(Kind, String)> = b
            .evaluations
            .iter()
            .map(|e| (Kind::Staff, e.header.id.clone()))
            .collect();
        if scope == Scope::All {
            for key in self.store.keys_with_prefix(&self.store.keys().prefix()) {
                if let Some(p) = parse_key(&key) {
                    if matches!(p.kind, Kind::Teacher | Kind::County | Kind::Frameworks) {
                        carried.push((p.kind, p.id));
                    }
                }
            }
        }
        let keys = self.store.keys();
        for (kind, id) in carried {
            let key = kind.key(&keys, &id);
            if unreadable.contains_key(&key) {
                continue;
            }
            if let Ok(Some(raw)) = self.store.raw(&key) {
                b.documents.push(StoredDoc {
                    kind: kind.word().to_string(),
                    id,
                    raw,
                });
            }
        }
        b.schools = schools;
        b.unreadable = unreadable
            .into_values()
            .filter_map(|u| {
                let p = parse_key(&u.key)?;
                Some(UnreadableDoc {
                    kind: p.kind.word().to_string(),
                    id: p.id,
                    raw: u.raw,
                    problem: u.problem.zh(),
                })
            })
            .collect();
        let note = BackupNote {
            unreadable: b.unreadable.len(),
        };
        Some((b, note))
    }

    /// The value of a read for a backup: an unreadable document is noted (its raw text goes into the backup)
    /// and stands as empty only inside the backup's structure, where the raw text replaces it on import.
    fn keep<T: Default>(&self, r: Read<T>, unreadable: &mut BTreeMap<String, Unreadable>) -> T {
        match r {
            Read::Ready(v) => v,
            Read::Missing => T::default(),
            Read::Unreadable(u) => {
                unreadable.insert(u.key.clone(), u);
                T::default()
            }
        }
    }

    /// Writes an accepted backup: every document, then the workspace, in one batch; if any write fails
    /// (storage full) everything is put back as it was, so a failed import changes nothing. Documents the backup
    /// carries as unreadable raw text are written back exactly as they were (and stay unreadable).
    pub fn apply_backup(&self, b: &Backup) -> Result<(), StoreError> {
        let keys = self.store.keys();
        let merged = merge_workspace(&self.ws(|w| w.clone()), b);
        let mut writes: BTreeMap<String, Payload> = BTreeMap::new();
        for e in &b.evaluations {
            let id = &e.header.id;
            writes.insert(keys.answers(id), Payload::of(&e.answers));
            writes.insert(keys.report(id), Payload::of(&e.report));
            writes.insert(keys.respondents(id), Payload::of(&e.respondents));
        }
        for p in &b.plans {
            writes.insert(keys.plan(&p.header.id), Payload::of(&p.plan));
        }
        for l in &b.ledgers {
            writes.insert(keys.ledger(&l.school_id), Payload::of(&l.ledger));
        }
        for d in &b.documents {
            // Only the kinds a backup carries this way; anything else in a hand-made file is ignored.
            let Some(kind) = [Kind::Staff, Kind::Teacher, Kind::County, Kind::Frameworks]
                .into_iter()
                .find(|k| k.word() == d.kind)
            else {
                continue;
            };
            writes.insert(kind.key(&keys, &d.id), Payload::Raw(d.raw.clone()));
        }
        let mut ws_raw = None;
        for u in &b.unreadable {
            let Some(kind) = Kind::ALL.into_iter().find(|k| k.word() == u.kind) else {
                continue;
            };
            let key = kind.key(&keys, &u.id);
            if kind == Kind::Workspace {
                ws_raw = Some(u.raw.clone());
            } else {
                writes.insert(key, Payload::Raw(u.raw.clone()));
            }
        }
        let mut list: Vec<(String, Payload)> = writes.into_iter().collect();
        // The workspace last, so that a reader never sees headers of documents not written yet. An unreadable
        // workspace in the backup is restored as it was only when this profile has none of its own.
        match ws_raw {
            Some(raw) if self.ws(|w| w.schools.is_empty()) => {
                list.push((keys.workspace(), Payload::Raw(raw)))
            }
            _ => list.push((keys.workspace(), Payload::of(&merged))),
        }
        // Documents shown now may be replaced: the store must not refuse them as conflicts afterwards.
        self.store.write_batch(&list)?;
        let first = b.schools.first().map(|s| s.id.clone());
        self.workspace.reload();
        self.session.reload();
        if self.selection().school.is_none() {
            if let Some(first) = first {
                let _ = self.select_school(&first);
            }
        }
        self.fix_selection();
        self.answers.reload();
        self.report.reload();
        self.respondents.reload();
        self.staff.reload();
        self.plan.reload();
        self.ledger.reload();
        self.evidence.reload();
        self.teacher.reload();
        self.county_packages.reload();
        self.county_desk.reload();
        self.frameworks.reload();
        self.open_selected();
        Ok(())
    }

    // ---- settings and profiles -----------------------------------------------------------------------------

    /// Changes the settings and saves them.
    pub fn update_meta(&self, change: impl Fn(&mut Meta) + 'static) -> Result<(), StoreError> {
        self.meta
            .update(move |m| {
                let before = m.clone();
                change(m);
                *m != before
            })
            .map(|_| ())
    }

    /// Switches to another local profile.
    pub fn switch_profile(&self, id: &str) -> Result<(), StoreError> {
        let id = id.to_string();
        let r = self.update_meta(move |m| m.active_profile = id.clone());
        self.reload_profile();
        r
    }

    /// Adds a local profile and switches to it.
    pub fn add_profile(&self, name: &str) -> Result<(), StoreError> {
        let id = self.env.new_id();
        let name = name.trim().to_string();
        let r = self.update_meta(move |m| {
            m.profiles.push(Profile {
                id: id.clone(),
                name: name.clone(),
            });
            m.active_profile = id.clone();
        });
        self.reload_profile();
        r
    }

    /// Removes every key of a profile and the profile itself (the default profile is emptied, not removed),
    /// then switches to the default profile. Returns how many keys were removed.
    pub fn remove_profile_data(&self, id: &str) -> usize {
        let prefix = crate::persist::ProfileKeys::new(id).prefix();
        let keys = self.store.keys_with_prefix(&prefix);
        for k in &keys {
            if let Err(e) = self.store.remove(k) {
                self.store.report(e);
            }
        }
        let gone = id.to_string();
        let _ = self.update_meta(move |m| {
            if gone != DEFAULT_PROFILE {
                m.profiles.retain(|p| p.id != gone);
            }
            m.active_profile = DEFAULT_PROFILE.into();
        });
        self.reload_profile();
        keys.len()
    }

    /// Removes every key this app ever wrote on this computer, for every profile, and starts afresh.
    pub fn remove_all_data(&self) -> usize {
        let keys = self.store.keys_with_prefix(PREFIX);
        for k in &keys {
            if let Err(e) = self.store.remove(k) {
                self.store.report(e);
            }
        }
        self.store.forget();
        self.load_all();
        keys.len()
    }

    /// Empties the sample profile `profile` (creating it, named `name`, if needed) and switches to it: sample
    /// data never goes into a school's real data.
    fn enter_sample_profile(&self, profile: &str, name: &str) -> Result<(), StoreError> {
        for k in self
            .store
            .keys_with_prefix(&crate::persist::ProfileKeys::new(profile).prefix())
        {
            let _ = self.store.remove(&k);
        }
        let (p, n) = (profile.to_string(), name.to_string());
        self.update_meta(move |m| {
            if !m.profiles.iter().any(|x| x.id == p) {
                m.profiles.push(Profile {
                    id: p.clone(),
                    name: n.clone(),
                });
            }
            m.active_profile = p.clone();
        })?;
        self.reload_profile();
        Ok(())
    }

    /// Loads sample data into its own profile (never into a school's real data) and switches to it.
    pub fn load_demo(&self, profile: &str, name: &str, data: &Backup) -> Result<(), StoreError> {
        self.enter_sample_profile(profile, name)?;
        let result = self.apply_backup(data);
        if let Some(first) = self.ws(|w| w.schools.first().map(|s| s.id.clone())) {
            let _ = self.select_school(&first);
        }
        result
    }

    /// Discards an unreadable value after the user has been told (and offered a download).
    pub fn discard_unreadable(&self, key: &str) -> Result<(), StoreError> {
        self.store.remove(key)?;
        if key == self.meta.key_of("") {
            self.load_all();
        } else {
            self.reload_profile();
            self.report.reload();
        }
        Ok(())
    }

    /// Keys of the active profile whose owner no longer exists (left behind by a failed removal).
    pub fn orphans(&self) -> Vec<String> {
        if self.workspace.with(|s| s.value().is_none()) {
            return vec![];
        }
        self.ws(|w| {
            self.store
                .keys_with_prefix(&self.store.keys().prefix())
                .into_iter()
                .filter(|k| parse_key(k).is_some_and(|p| !kind::has_owner(w, p.kind, &p.id)))
                .collect()
        })
    }

    // ---- evidence ------------------------------------------------------------------------------------------

    /// What an evidence action works on: the framework (a teacher's is only their assigned points), the
    /// evidence as it is now, and who attaches.
    fn evidence_target(&self, of: EvidenceOf) -> Result<EvidenceTarget, EvidenceFailure> {
        match of {
            EvidenceOf::Evaluation => {
                let h = self.current_evaluation().ok_or(WorkMessage::NoEvaluation)?;
                let fw = self
                    .env
                    .framework(&h.framework_id)
                    .ok_or_else(|| WorkMessage::UnknownFramework(h.framework_id.clone()))?;
                self.evidence.ensure(&h.id);
                let doc = self.evidence_now(&h.id)?;
                Ok(EvidenceTarget {
                    fw,
                    doc,
                    added_by: AddedBy::Principal,
                })
            }
            EvidenceOf::Teacher => {
                let w = self
                    .teacher
                    .value()
                    .flatten()
                    .ok_or(EvidenceFailure::Staff(StaffMessage::NoTeacherWork))?;
                let who = w
                    .contributor()
                    .map_err(|e| EvidenceFailure::Staff(StaffMessage::Export(e)))?;
                let fw = w
                    .framework()
                    .ok_or(EvidenceFailure::Staff(StaffMessage::NoTeacherWork))?;
                let mut doc = w.evidence.clone();
                doc.evaluation_id = w.evidence_owner();
                Ok(EvidenceTarget {
                    fw: Arc::new(fw),
                    doc,
                    added_by: AddedBy::Teacher { who },
                })
            }
        }
    }

    /// Writes a change to the evidence of `of` (checked on a copy first by the caller; `change` returns
    /// false to refuse).
    fn evidence_write(
        &self,
        of: EvidenceOf,
        change: impl Fn(&mut EvidenceDoc) -> bool + 'static,
    ) -> Result<(), EvidenceFailure> {
        match of {
            EvidenceOf::Evaluation => {
                let eid = self.evidence.id().unwrap_or_default();
                self.evidence.update(move |d| {
                    if d.evaluation_id.is_empty() {
                        d.evaluation_id = eid.clone();
                    }
                    change(d)
                })?;
            }
            EvidenceOf::Teacher => {
                self.teacher.update(move |w| match w {
                    Some(w) => {
                        w.evidence.evaluation_id = w.evidence_owner();
                        change(&mut w.evidence)
                    }
                    None => false,
                })?;
            }
        }
        Ok(())
    }

    /// The evidence of the open evaluation as it is now (a new evaluation has none yet).
    fn evidence_now(&self, evaluation_id: &str) -> Result<EvidenceDoc, EvidenceFailure> {
        self.evidence.with(|s| match s {
            DocState::Ready { value, .. } => {
                let mut doc = value.clone();
                if doc.evaluation_id.is_empty() {
                    doc.evaluation_id = evaluation_id.to_string();
                }
                Ok(doc)
            }
            DocState::Unreadable { id, .. } => Err(EvidenceFailure::Work(WorkMessage::Store(
                StoreError::Quarantined {
                    key: self.evidence.key_of(id),
                },
            ))),
            DocState::Closed | DocState::Loading { .. } => Err(EvidenceFailure::Work(
                WorkMessage::Store(StoreError::NotOpen),
            )),
        })
    }

    /// Every evidence blob of this browser and who uses it, rebuilt from the evidence documents of every
    /// profile (the blobs are kept once per browser, by content hash). `None` when some evidence document
    /// cannot be read: which blobs it uses is then unknown, so none may be deleted.
    pub fn blob_index(&self) -> Option<BlobIndex> {
        let mut docs = Vec::new();
        // The open documents from memory: they may hold a change not yet written.
        let mut in_memory = Vec::new();
        match self.evidence.with(|s| s.clone()) {
            DocState::Ready { value, id, .. } => {
                in_memory.push(self.evidence.key_of(&id));
                let mut d = value;
                d.evaluation_id = id;
                docs.push(d);
            }
            DocState::Unreadable { .. } => return None,
            DocState::Closed | DocState::Loading { .. } => {}
        }
        match self.teacher.with(|s| s.clone()) {
            DocState::Ready { value, id, .. } => {
                in_memory.push(self.teacher.key_of(&id));
                docs.extend(value.as_ref().map(teacher_evidence));
            }
            DocState::Unreadable { .. } => return None,
            DocState::Closed | DocState::Loading { .. } => {}
        }
        for key in self.store.keys_with_prefix(PREFIX) {
            if in_memory.contains(&key) {
                continue;
            }
            match parse_key(&key).map(|p| p.kind) {
                Some(Kind::Evidence) => match self.store.read::<EvidenceDoc>(&key) {
                    Read::Ready(d) => docs.push(d),
                    Read::Missing => {}
                    Read::Unreadable(_) => return None,
                },
                // A teacher's files (teacher mode) use the same blobs.
                Some(Kind::Teacher) => {
                    match self.store.read::<Option<crate::teacher::TeacherWork>>(&key) {
                        Read::Ready(w) => docs.extend(w.as_ref().map(teacher_evidence)),
                        Read::Missing => {}
                        Read::Unreadable(_) => return None,
                    }
                }
                _ => {}
            }
        }
        Some(BlobIndex::rebuild(&docs))
    }

    /// Checks files before anything is written: every file must be attachable to the point (size, type of
    /// the point, duplicates), all of them or none; says how much room they need and which blobs are new.
    pub fn plan_attach(
        &self,
        of: EvidenceOf,
        point_id: &str,
        files: &[NewFile],
    ) -> Result<AttachPlan, EvidenceFailure> {
        let EvidenceTarget { fw, mut doc, .. } = self.evidence_target(of)?;
        for f in files {
            doc.attach(&fw, point_id, f.clone())?;
        }
        // An unreadable document elsewhere only means a stored blob may be written again: harmless.
        let index = self.blob_index().unwrap_or_default();
        let digests: Vec<_> = files.iter().map(|f| f.digest.clone()).collect();
        let need = storage_needed(&index, &digests);
        let mut write: Vec<ContentHash> = Vec::new();
        for d in &digests {
            if !index.contains(&d.hash) && !write.contains(&d.hash) {
                write.push(d.hash.clone());
            }
        }
        Ok(AttachPlan { need, write })
    }

    /// Attaches files to a point, all or none, once their blobs are stored (see [`Workbench::plan_attach`]).
    /// Who attached them is set here: the principal, or in teacher mode the teacher. Returns the new
    /// attachments.
    pub fn attach_evidence(
        &self,
        of: EvidenceOf,
        point_id: &str,
        files: Vec<NewFile>,
    ) -> Result<Vec<Attachment>, EvidenceFailure> {
        let EvidenceTarget {
            fw,
            mut doc,
            added_by,
        } = self.evidence_target(of)?;
        let files: Vec<NewFile> = files
            .into_iter()
            .map(|f| NewFile {
                added_by: added_by.clone(),
                ..f
            })
            .collect();
        let mut added = Vec::new();
        for f in &files {
            added.push(doc.attach(&fw, point_id, f.clone())?.clone());
        }
        let pid = point_id.to_string();
        self.evidence_write(of, move |d| {
            let mut next = d.clone();
            for f in &files {
                if next.attach(&fw, &pid, f.clone()).is_err() {
                    return false;
                }
            }
            *d = next;
            true
        })?;
        Ok(added)
    }

    /// Removes an attachment from a point. Returns the blobs nobody uses any more, for the browser to delete
    /// after this change is saved.
    pub fn remove_evidence(
        &self,
        of: EvidenceOf,
        point_id: &str,
        id: &str,
    ) -> Result<Vec<ContentHash>, EvidenceFailure> {
        let EvidenceTarget { mut doc, .. } = self.evidence_target(of)?;
        let gone = doc.remove(point_id, id)?;
        let (pid, aid) = (point_id.to_string(), id.to_string());
        self.evidence_write(of, move |d| d.remove(&pid, &aid).is_ok())?;
        Ok(match self.blob_index() {
            Some(index) if !index.contains(&gone.hash) => vec![gone.hash],
            _ => vec![],
        })
    }

    /// Ticks a listed item of a point as present (on paper), or clears the tick.
    pub fn mark_evidence(
        &self,
        of: EvidenceOf,
        point_id: &str,
        item: &str,
        present: bool,
    ) -> Result<(), EvidenceFailure> {
        let EvidenceTarget { fw, mut doc, .. } = self.evidence_target(of)?;
        doc.mark(&fw, point_id, item, present)?;
        let (pid, it) = (point_id.to_string(), item.to_string());
        self.evidence_write(of, move |d| d.mark(&fw, &pid, &it, present).is_ok())
    }

    /// Links an attached file to a listed item of its point, or unlinks it.
    pub fn link_evidence(
        &self,
        of: EvidenceOf,
        point_id: &str,
        id: &str,
        item: &str,
        linked: bool,
    ) -> Result<(), EvidenceFailure> {
        let EvidenceTarget { fw, mut doc, .. } = self.evidence_target(of)?;
        doc.link(&fw, point_id, id, item, linked)?;
        let (pid, aid, it) = (point_id.to_string(), id.to_string(), item.to_string());
        self.evidence_write(of, move |d| d.link(&fw, &pid, &aid, &it, linked).is_ok())
    }

    /// Plans restoring (or merging) an evidence package into the open evaluation, before anything is written:
    /// refused when the package belongs to another evaluation; otherwise what the merge adds (files already
    /// there are skipped), the room it needs and the blobs new to this browser (read them from the package
    /// through [`Unpacked::sources`](crate::evidence::manifest::Unpacked::sources)).
    pub fn plan_evidence_import(
        &self,
        manifest: &crate::evidence::manifest::Manifest,
        unpacked: &crate::evidence::manifest::Unpacked,
    ) -> Result<ImportPlan, EvidenceFailure> {
        let h = self.current_evaluation().ok_or(WorkMessage::NoEvaluation)?;
        let school = self.current_school().map(|s| s.name).unwrap_or_default();
        manifest.check_target(&crate::evidence::manifest::EvaluationRef::of(&h, &school))?;
        let EvidenceTarget { fw, doc, .. } = self.evidence_target(EvidenceOf::Evaluation)?;
        let opts = self.merge_options(manifest)?;
        let merge = crate::evidence::merge::plan(&fw, &doc, &unpacked.doc, &opts);
        let index = self.blob_index().unwrap_or_default();
        let digests: Vec<_> = merge.add.iter().map(|(_, a)| a.digest()).collect();
        let need = storage_needed(&index, &digests);
        let mut write: Vec<ContentHash> = Vec::new();
        for d in &digests {
            if !index.contains(&d.hash) && !write.contains(&d.hash) {
                write.push(d.hash.clone());
            }
        }
        Ok(ImportPlan {
            merge,
            room: AttachPlan { need, write },
        })
    }

    /// How a package merges: the school's own (a backup) as it is; a teacher's only into the points the
    /// 填报包 it answers gave that teacher, attributed to them. A teacher's package that answers no package
    /// this evaluation issued is refused.
    fn merge_options(
        &self,
        manifest: &crate::evidence::manifest::Manifest,
    ) -> Result<crate::evidence::merge::MergeOptions, EvidenceFailure> {
        let AddedBy::Teacher { who } = &manifest.made_by else {
            return Ok(Default::default());
        };
        self.staff_desk().map_err(EvidenceFailure::Staff)?;
        let staff = match self.staff.with(|s| s.clone()) {
            DocState::Ready { value, .. } => value,
            DocState::Unreadable { .. } => {
                return Err(EvidenceFailure::Staff(StaffMessage::Unreadable))
            }
            DocState::Closed | DocState::Loading { .. } => {
                return Err(EvidenceFailure::Staff(StaffMessage::Loading))
            }
        };
        let points = manifest
            .package
            .as_ref()
            .and_then(|p| staff.package(&p.package_id)?.assignee(&p.assignee_id))
            .map(|a| a.points.iter().cloned().collect())
            .ok_or_else(|| EvidenceError::NotIssued {
                who: who.name.clone(),
            })?;
        Ok(crate::evidence::merge::MergeOptions {
            allowed_points: Some(points),
            from: Some(who.clone()),
        })
    }

    /// Carries out a planned import once its new blobs are stored. Files a teacher withdrew (sent before, not
    /// in the new package) are removed only with `remove_withdrawn`, the principal's answer; returns the
    /// blobs nobody uses any more after that, for the browser to delete.
    pub fn apply_evidence_import(
        &self,
        plan: &crate::evidence::merge::MergePlan,
        remove_withdrawn: bool,
    ) -> Result<Vec<ContentHash>, EvidenceFailure> {
        self.evidence_target(EvidenceOf::Evaluation)?;
        let plan = plan.clone();
        let gone: Vec<ContentHash> = if remove_withdrawn {
            plan.withdrawn.iter().map(|(_, a)| a.hash.clone()).collect()
        } else {
            vec![]
        };
        self.evidence_write(EvidenceOf::Evaluation, move |d| {
            // The index is rebuilt from the documents whenever it is needed: a scratch one is enough here.
            let mut scratch = BlobIndex::default();
            crate::evidence::merge::apply(&plan, d, &mut scratch, remove_withdrawn);
            true
        })?;
        Ok(match self.blob_index() {
            Some(index) => gone.into_iter().filter(|h| !index.contains(h)).collect(),
            None => vec![],
        })
    }

    /// The stored blobs nobody uses (left by a removed evaluation, school or profile, or an interrupted
    /// save): safe to delete. Nothing while some evidence document cannot be read.
    pub fn unused_blobs(
        &self,
        stored: &std::collections::BTreeSet<ContentHash>,
    ) -> Vec<ContentHash> {
        self.blob_index()
            .map(|i| i.reconcile(stored).unreferenced)
            .unwrap_or_default()
    }

    // ---- other tabs ----------------------------------------------------------------------------------------

    /// Reacts to another tab's (or another module's) write: reloads what changed and re-applies this store's
    /// recent edits that the write crossed. `None`: the other tab cleared everything.
    pub fn external_change(&self, key: Option<&str>) {
        let Some(key) = key else {
            self.store.forget();
            self.load_all();
            return;
        };
        if key == self.meta.key_of("") {
            let before = self.settings().active_profile;
            self.meta.external_change(key);
            if self.settings().active_profile != before {
                self.reload_profile();
            }
            return;
        }
        if key == self.workspace.key_of("") {
            self.workspace.external_change(key);
            // A school or evaluation this tab has open may have been deleted there.
            self.fix_selection();
            self.open_selected();
            return;
        }
        if key == self.session.key_of("") {
            // Another tab's selection is its own business: this tab keeps working where it is.
            return;
        }
        let _ = self.answers.external_change(key)
            || self.report.external_change(key)
            || self.respondents.external_change(key)
            || self.plan.external_change(key)
            || self.ledger.external_change(key)
            || self.county_packages.external_change(key)
            || self.county_desk.external_change(key)
            || self.staff.external_change(key)
            || self.teacher.external_change(key)
            || self.evidence.external_change(key)
            || self.frameworks.external_change(key);
    }

    /// Reads a document of any kind by key (for the data page's raw views).
    pub fn read_json(&self, key: &str) -> Read<serde_json::Value> {
        self.store.read(key)
    }

    // ---- whole-staff self-evaluation: 分工, 填报包, 回收, teacher mode --------------------------------------

    /// The open evaluation with its school and framework, and its staff document open.
    fn staff_desk(&self) -> Result<(School, EvaluationHeader, Arc<Framework>), StaffMessage> {
        let school = self
            .current_school()
            .ok_or(StaffMessage::Work(WorkMessage::NoSchool))?;
        let header = self
            .current_evaluation()
            .ok_or(StaffMessage::Work(WorkMessage::NoEvaluation))?;
        let fw = self.framework(&header.framework_id).ok_or_else(|| {
            StaffMessage::Work(WorkMessage::UnknownFramework(header.framework_id.clone()))
        })?;
        self.staff.ensure(&header.id);
        if self.staff.with(|s| matches!(s, DocState::Loading { .. })) {
            return Err(StaffMessage::Loading);
        }
        Ok((school, header, fw))
    }

    /// Changes the open evaluation's 分工 and saves it.
    pub fn update_assignment(
        &self,
        change: impl Fn(&mut crate::assignment::Assignment) + 'static,
    ) -> Result<(), StaffMessage> {
        self.staff_desk()?;
        let changed = self.staff.update(move |s| {
            change(&mut s.assignment);
            true
        })?;
        if changed {
            self.plan_follows_assignment()?;
        }
        Ok(())
    }

    /// Makes the 自评方案 of the open evaluation (see [`Workbench::report_plan`]) follow the 分工: its
    /// structured 职责分工 and the text of that section. Nothing happens when the school has no such plan, or
    /// when it cannot be read (it is never replaced then). The plan is written where it is stored, without
    /// opening it, so that the plan page keeps whatever plan the principal had open.
    fn plan_follows_assignment(&self) -> Result<(), StaffMessage> {
        let (school, header, fw) = self.staff_desk()?;
        let Some(id) = self.report_plan(&school.id, &header.id) else {
            return Ok(());
        };
        let Some(a) = self.staff.value().map(|s| s.assignment) else {
            return Ok(());
        };
        if self.plan.id().as_deref() == Some(id.as_str()) {
            if self.plan.value().is_some() {
                self.plan.update(move |p| {
                    crate::assignment::write_duties(p, &a, &fw);
                    true
                })?;
            }
            return Ok(());
        }
        let key = self.plan.key_of(&id);
        if let Read::Ready(mut p) = self.store.read::<Plan>(&key) {
            let before = p.clone();
            crate::assignment::write_duties(&mut p, &a, &fw);
            if p != before {
                self.store.write(&key, &p)?;
            }
        }
        Ok(())
    }

    /// Prefills a 分工 that was never edited (no department or person was ever added) from the 自评方案, as
    /// [`Workbench::assignment_from_plan`] does, when the school has one that names departments. Returns how
    /// many departments were added: 0 when the 分工 was edited before, or there is nothing to take.
    pub fn prefill_assignment(&self) -> Result<usize, StaffMessage> {
        self.staff_desk()?;
        let fresh = self
            .staff
            .with(|s| matches!(s, DocState::Ready { value, .. } if value.assignment.seq == 0));
        if !fresh {
            return Ok(0);
        }
        match self.assignment_from_plan() {
            Err(StaffMessage::NoPlan | StaffMessage::NothingInPlan) => Ok(0),
            r => r,
        }
    }

    /// The 自评方案 of the open evaluation (see [`Workbench::report_plan`]) and its content.
    fn staff_plan(&self) -> Result<(String, Plan), StaffMessage> {
        let (school, header, _) = self.staff_desk()?;
        let id = self
            .report_plan(&school.id, &header.id)
            .ok_or(StaffMessage::NoPlan)?;
        match self.doc_of(&self.plan, &id) {
            Read::Ready(p) => Ok((id, p)),
            Read::Missing => Ok((id, Plan::default())),
            Read::Unreadable(_) => Err(StaffMessage::PlanUnreadable),
        }
    }

    /// Prefills the 分工 from the 自评方案 (its 职责分工, then the posts of its 领导小组): departments not yet
    /// listed are added with their heads; a department already listed gains its head when it has none and
    /// the people it lacks. Returns how many departments were added.
    pub fn assignment_from_plan(&self) -> Result<usize, StaffMessage> {
        use crate::assignment::{normalise, Assignment, Who};
        let (_, _, fw) = self.staff_desk()?;
        let (_, plan) = self.staff_plan()?;
        let from = Assignment::from_plan(&plan, &fw);
        if from.departments.is_empty() {
            return Err(StaffMessage::NothingInPlan);
        }
        let added = std::rc::Rc::new(std::cell::Cell::new(0));
        let count = added.clone();
        self.update_assignment(move |a| {
            count.set(0);
            for d in &from.departments {
                let id = match a
                    .departments
                    .iter()
                    .find(|x| normalise(&x.name) == normalise(&d.name))
                {
                    Some(x) => x.id.clone(),
                    None => {
                        count.set(count.get() + 1);
                        a.add_department(&d.name)
                    }
                };
                if let Some(x) = a.department_mut(&id) {
                    if x.lead.trim().is_empty() {
                        x.lead = d.lead.clone();
                    }
                    for item in &d.items {
                        if !x.items.contains(item) {
                            x.items.push(item.clone());
                        }
                    }
                }
                for p in from
                    .assignees
                    .iter()
                    .filter(|p| p.department.as_deref() == Some(d.id.as_str()))
                {
                    let Who::Person { name, role } = &p.who else {
                        continue;
                    };
                    let known = a.assignees.iter().any(|x| {
                        x.department.as_deref() == Some(id.as_str())
                            && matches!(&x.who, Who::Person { name: n, .. } if normalise(n) == normalise(name))
                    });
                    if !known {
                        a.add_person(Some(&id), name, role);
                    }
                }
            }
        })?;
        Ok(added.get())
    }

    /// Writes the 分工 into the 自评方案 (its 职责分工 and the text of that section) and opens that plan.
    pub fn assignment_to_plan(&self) -> Result<(), StaffMessage> {
        let (_, _, fw) = self.staff_desk()?;
        let (id, _) = self.staff_plan()?;
        let a = self.staff.value().unwrap_or_default().assignment;
        if self.selection().plan.as_deref() != Some(id.as_str()) {
            let mut s = self.selection();
            s.plan = Some(id.clone());
            self.select(s)?;
        }
        self.plan.update(move |p| {
            crate::assignment::write_duties(p, &a, &fw);
            true
        })?;
        Ok(())
    }

    /// Makes 填报包: one per assignee (`each`), or one for all of them; records them as issued (so that the
    /// answers can be checked when they come back). Returns (file name, file text) of each. Refused while the
    /// 分工 has problems (all of them are said).
    pub fn issue_packages(
        &self,
        each: bool,
        issued_at: &str,
    ) -> Result<Vec<(String, String)>, StaffMessage> {
        use crate::invitation::{Invitation, Issue};
        let (school, header, fw) = self.staff_desk()?;
        let staff = self.staff.value().ok_or(StaffMessage::Unreadable)?;
        let a = &staff.assignment;
        let problems = a.problems(&fw);
        if !problems.is_empty() {
            return Err(StaffMessage::Problems(problems));
        }
        if a.assignees.is_empty() {
            return Err(StaffMessage::NoAssignees);
        }
        let issue = Issue {
            school: &school,
            header: &header,
            fw: &fw,
            assignment: a,
            issued_at,
        };
        let packages: Vec<Invitation> = if each {
            a.assignees
                .iter()
                .map(|x| Invitation::for_assignee(&issue, &x.id, &self.env.new_id()))
                .collect::<Result<_, _>>()?
        } else {
            vec![Invitation::for_everyone(&issue, &self.env.new_id())?]
        };
        let records = packages.clone();
        self.staff.update(move |s| {
            for p in &records {
                s.record_issued(p);
            }
            true
        })?;
        Ok(packages
            .iter()
            .map(|p| (p.file_name(), p.to_json()))
            .collect())
    }

    /// Makes the 填报包 of one assignee and records it as issued. Returns its file name and text.
    pub fn issue_package_for(
        &self,
        assignee_id: &str,
        issued_at: &str,
    ) -> Result<(String, String), StaffMessage> {
        use crate::invitation::{Invitation, Issue};
        let (school, header, fw) = self.staff_desk()?;
        let staff = self.staff.value().ok_or(StaffMessage::Unreadable)?;
        let issue = Issue {
            school: &school,
            header: &header,
            fw: &fw,
            assignment: &staff.assignment,
            issued_at,
        };
        let p = Invitation::for_assignee(&issue, assignee_id, &self.env.new_id())?;
        let record = p.clone();
        self.staff.update(move |s| {
            s.record_issued(&record);
            true
        })?;
        Ok((p.file_name(), p.to_json()))
    }

    /// Imports answer files (version 1 or 2, many at once) and pasted 答卷码 into the open evaluation's
    /// collection. One outcome per file (by its name) and per code found; files and codes refused change
    /// nothing, the others are taken in.
    pub fn staff_import(
        &self,
        files: Vec<(String, Vec<u8>)>,
        codes: &str,
    ) -> Result<Vec<(String, StaffOutcome)>, StaffMessage> {
        let (school, header, fw) = self.staff_desk()?;
        let env = self.env.clone();
        // Answer files of an evaluation on one of the profile's own frameworks are read against it too.
        let own = self.custom_frameworks();
        let codes = codes.to_string();
        let out: Rc<std::cell::RefCell<Vec<(String, StaffOutcome)>>> = Rc::default();
        let seen = out.clone();
        self.staff.update(move |s| {
            let desk = crate::collection::Desk {
                school: &school,
                header: &header,
                fw: &fw,
            };
            let mut results = Vec::new();
            for (name, bytes) in &files {
                results.push((name.clone(), s.import_file(&desk, bytes, |id| {
                    env.framework(id)
                        .or_else(|| own.latest(id).cloned().map(Arc::new))
                })));
            }
            if !codes.trim().is_empty() {
                for r in s.import_codes(&desk, &codes) {
                    results.push((String::new(), r));
                }
            }
            let changed = results.iter().any(|(_, r)| {
                matches!(r, Ok(n) if matches!(n.intake, crate::collection::Intake::Added | crate::collection::Intake::Replaced(_)))
            });
            *seen.borrow_mut() = results;
            changed
        })?;
        let results = out.borrow().clone();
        Ok(results)
    }

    /// Removes received answers from the collection.
    pub fn staff_remove_submission(&self, id: &str) -> Result<(), StaffMessage> {
        self.staff_desk()?;
        let id = id.to_string();
        self.staff.update(move |s| s.remove(&id))?;
        Ok(())
    }

    /// Adopts a department's answers as the school's conclusion: for the given points (all its points with
    /// `None`), overwriting the principal's answers only with `overwrite`. Returns what was adopted and what
    /// was left alone (with why).
    pub fn staff_adopt(
        &self,
        department_id: &str,
        points: Option<Vec<String>>,
        overwrite: bool,
    ) -> Result<crate::collection::Adoption, StaffMessage> {
        let (_, _, fw) = self.staff_desk()?;
        let staff = self.staff.value().ok_or(StaffMessage::Unreadable)?;
        let principal = self
            .answers
            .value()
            .ok_or(StaffMessage::Work(WorkMessage::UnreadableEvaluation))?;
        let adoption = staff.adopt(&fw, &principal, department_id, points.as_deref(), overwrite);
        // Checked first, so that a refused adoption changes nothing.
        adoption
            .apply(&fw, &principal)
            .map_err(StaffMessage::Edit)?;
        let (edits, fw2) = (adoption.clone(), fw.clone());
        self.answers.update(move |a| match edits.apply(&fw2, a) {
            Ok(n) => {
                *a = n;
                true
            }
            Err(_) => false,
        })?;
        Ok(adoption)
    }

    /// The teacher's works on packages kept in this profile: (id, work), newest package first.
    pub fn teacher_works(&self) -> Vec<(String, crate::teacher::TeacherWork)> {
        let prefix = self.store.keys().teacher("");
        let mut out: Vec<(String, crate::teacher::TeacherWork)> = self
            .store
            .keys_with_prefix(&prefix)
            .into_iter()
            .filter_map(|k| {
                let id = k.strip_prefix(&prefix)?.to_string();
                match self.doc_of(&self.teacher, &id) {
                    Read::Ready(Some(w)) => Some((id, w)),
                    _ => None,
                }
            })
            .collect();
        out.sort_by(|a, b| b.1.invitation.issued_at.cmp(&a.1.invitation.issued_at));
        out
    }

    /// Opens a 填报包 in teacher mode: a newer package of work already kept here continues it (its answers to
    /// points still assigned are kept); another package starts new work. Returns the work's id.
    pub fn teacher_open_package(&self, bytes: &[u8]) -> Result<String, StaffMessage> {
        let inv = crate::invitation::Invitation::parse(bytes).map_err(StaffMessage::Package)?;
        let known = self
            .teacher_works()
            .into_iter()
            .find(|(_, w)| w.invitation.id == inv.id || w.continues(&inv));
        match known {
            Some((id, _)) => {
                self.teacher.ensure(&id);
                self.teacher.update(move |w| match w {
                    Some(w) if w.invitation == inv => false,
                    Some(w) => w.update(inv.clone()),
                    None => false,
                })?;
                Ok(id)
            }
            None => {
                let id = inv.id.clone();
                let work = crate::teacher::TeacherWork::open(inv, &self.env.new_id());
                self.teacher.create(&id, Some(work))?;
                Ok(id)
            }
        }
    }

    /// Opens (or, with `None`, closes) a teacher's work kept here.
    pub fn teacher_open(&self, id: Option<&str>) {
        self.teacher.open(id);
    }

    /// Changes the open teacher's work; `change` returns false to refuse.
    pub fn teacher_update(
        &self,
        change: impl Fn(&mut crate::teacher::TeacherWork) -> bool + 'static,
    ) -> Result<bool, StoreError> {
        self.teacher
            .update(move |w| w.as_mut().is_some_and(&change))
    }

    /// Answers one of the teacher's assigned points (checked first: a refused edit changes nothing).
    pub fn teacher_edit(&self, point_id: &str, edit: Edit) -> Result<(), StaffMessage> {
        let mut probe = self
            .teacher
            .value()
            .flatten()
            .ok_or(StaffMessage::NoTeacherWork)?;
        probe
            .apply(point_id, edit.clone())
            .map_err(StaffMessage::Edit)?;
        let pid = point_id.to_string();
        self.teacher_update(move |w| w.apply(&pid, edit.clone()).is_ok())?;
        Ok(())
    }

    /// "完成并导出": a new revision of the teacher's answers as an answer file and a 答卷码.
    pub fn teacher_export(
        &self,
        at: chrono::NaiveDateTime,
    ) -> Result<crate::teacher::Exported, StaffMessage> {
        let mut work = self
            .teacher
            .value()
            .flatten()
            .ok_or(StaffMessage::NoTeacherWork)?;
        let exported = work
            .export(&self.env.new_id(), at)
            .map_err(StaffMessage::Export)?;
        let (revision, time) = (work.revision, work.exported_at);
        self.teacher_update(move |w| {
            w.revision = w.revision.max(revision);
            w.exported_at = time;
            true
        })?;
        Ok(exported)
    }
}

// ---- county review (县区汇总) ------------------------------------------------------------------------------

/// Id of the county document holding the packages received.
pub const COUNTY_PACKAGES: &str = "packages";
/// Id of the county document holding the bureau's own texts.
pub const COUNTY_DESK: &str = "desk";

/// What the bureau typed: the expected schools and its edits of the 通报 (the same fields as
/// `xzzp_documents::bulletin::BulletinEdits`, which this crate cannot name). One set per profile: a bureau
/// works on one review at a time; a trainer's sample county lives in its own profile.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct CountyDesk {
    /// The expected schools as pasted or read from a CSV (one name a line, or rows of the CSV).
    #[serde(default)]
    pub expected: String,
    /// 发文机关 of the 通报, also its 落款.
    #[serde(default)]
    pub issuer: String,
    /// 文号.
    #[serde(default)]
    pub doc_number: String,
    /// The title, when changed.
    #[serde(default)]
    pub title: String,
    /// The addressee line, when changed.
    #[serde(default)]
    pub addressee: String,
    /// Edited section texts by key (`opening`, `basic`, `highlights`, `problems`, `requirements`).
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
}

/// An import of packages, done in memory: its results, and what it wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyImport {
    /// One per file offered, in order.
    pub results: Vec<CountyFileResult>,
    write: Option<CountyWrite>,
}

impl CountyImport {
    /// The key written, when any package was taken (the browser edge waits for IndexedDB to store it).
    pub fn written_key(&self) -> Option<&str> {
        self.write.as_ref().map(|w| w.key.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
struct CountyWrite {
    key: String,
    /// The stored text before the import, which storage still holds if the write is refused.
    before: Option<String>,
    /// The files whose packages the import took.
    files: Vec<String>,
    /// Bytes the stored text grew by.
    needed: u64,
}

fn text_bytes(t: Option<&str>) -> u64 {
    t.map_or(0, |t| t.len() as u64)
}

/// Storage refused an import of packages: none of it is kept, on screen or stored.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyNotSaved {
    /// The files whose packages were not kept, as offered.
    pub files: Vec<String>,
    /// Bytes the import needed beyond what is stored.
    pub needed: u64,
    /// Bytes the browser says are still free, when it says.
    pub available: Option<u64>,
}

/// Why an import of packages changed nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum CountyImportError {
    /// The store refused (not open yet, unreadable, …).
    Store(StoreError),
    /// Storage is full.
    NotSaved(CountyNotSaved),
}

impl From<StoreError> for CountyImportError {
    fn from(e: StoreError) -> Self {
        CountyImportError::Store(e)
    }
}

impl Localized for CountyImportError {
    fn text(&self, lang: Lang) -> String {
        use crate::evidence::limits::format_size;
        let n = match self {
            CountyImportError::Store(e) => return e.text(lang),
            CountyImportError::NotSaved(n) => n,
        };
        let room = match (n.available, lang) {
            (Some(a), Lang::Zh) => format!("，浏览器目前只剩约 {}", format_size(a, lang)),
            (Some(a), Lang::En) => format!("; the browser has about {} left", format_size(a, lang)),
            (None, _) => String::new(),
        };
        match lang {
            Lang::Zh => format!(
                "浏览器存储空间不足，本次导入没有保存：{} 份上报包都未导入（见“导入结果”），此前导入的上报包不受影响。保存它们还需要约 {}{room}。请先到“数据管理”下载备份，删除不需要的资料（或清除其他网站的数据）后，再重新导入。",
                n.files.len(),
                format_size(n.needed, lang)
            ),
            Lang::En => format!(
                "The browser's storage is full and this import was not saved: none of its {} package(s) was imported (see the import results); packages imported before are not affected. They need about {} more{room}. Download a backup under Data, delete what is no longer needed (or other sites' data), then import again.",
                n.files.len(),
                format_size(n.needed, lang)
            ),
        }
    }
}

/// What became of one file offered to the roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyFileResult {
    /// The file's name as picked (for a package inside a .zip: `archive.zip/name.json`).
    pub file: String,
    /// Taken (or recognised), with what happened; or refused, with why.
    pub outcome: Result<crate::rollup::IntakeNotice, SubmissionError>,
}

impl CountyFileResult {
    /// Whether the file was refused or not taken (an error to show), as opposed to taken or replaced.
    pub fn is_problem(&self) -> bool {
        !self.outcome.as_ref().is_ok_and(|n| n.taken())
    }
}

impl Localized for CountyFileResult {
    fn text(&self, lang: Lang) -> String {
        let what = match &self.outcome {
            Ok(n) => n.text(lang),
            Err(e) => e.text(lang),
        };
        match lang {
            Lang::Zh => format!("“{}”：{what}", self.file),
            Lang::En => format!("“{}”: {what}", self.file),
        }
    }
}

impl Workbench {
    /// The packages received, when their document is open and readable (the collection is rebuilt from them).
    pub fn county_collection(&self) -> Option<crate::rollup::Collection> {
        self.county_packages.with(|s| {
            s.value()
                .map(|v| crate::rollup::Collection::from_packages(v.iter().cloned()))
        })
    }

    fn county_current(&self) -> Result<Vec<Submission>, StoreError> {
        self.county_packages.with(|s| match s {
            DocState::Ready { value, .. } => Ok(value.clone()),
            DocState::Unreadable { id, .. } => Err(StoreError::Quarantined {
                key: self.county_packages.key_of(id),
            }),
            _ => Err(StoreError::NotOpen),
        })
    }

    /// Reads files offered as 上报包 and keeps the packages taken: a newer package of the same school and
    /// evaluation replaces the older, an older or identical one changes nothing, a refused file (damaged,
    /// edited, a backup…) changes nothing. One result per file, in order; everything is saved in one write, all
    /// or nothing: when storage refuses it, no package of this import is kept (see [`CountyNotSaved`]).
    pub fn county_import(
        &self,
        files: &[(String, Vec<u8>)],
    ) -> Result<Vec<CountyFileResult>, CountyImportError> {
        self.county_import_staged(files).map(|i| i.results)
    }

    /// [`Workbench::county_import`], keeping what the browser edge needs when the large tier stores the write
    /// only later (IndexedDB): if that write is refused, [`Workbench::county_import_refused`] takes the import
    /// back.
    pub fn county_import_staged(
        &self,
        files: &[(String, Vec<u8>)],
    ) -> Result<CountyImport, CountyImportError> {
        let mut collection = crate::rollup::Collection::from_packages(self.county_current()?);
        let mut accepted: Vec<Submission> = Vec::new();
        let results: Vec<CountyFileResult> = files
            .iter()
            .map(|(name, bytes)| {
                let outcome = crate::submission::parse(bytes).map(|sub| {
                    let notice = collection.add(sub.clone());
                    if notice.taken() {
                        accepted.push(sub);
                    }
                    notice
                });
                CountyFileResult {
                    file: name.clone(),
                    outcome,
                }
            })
            .collect();
        if accepted.is_empty() {
            return Ok(CountyImport {
                results,
                write: None,
            });
        }
        let key = self.county_packages.key_of(COUNTY_PACKAGES);
        let before = self.store.raw(&key)?;
        let merge = move |list: &mut Vec<Submission>| {
            let mut c = crate::rollup::Collection::from_packages(list.drain(..));
            for s in &accepted {
                c.add(s.clone());
            }
            *list = c.packages().cloned().collect();
        };
        let written = self.county_packages.update_or_nothing({
            let merge = merge.clone();
            move |list| {
                merge(list);
                true
            }
        });
        let files: Vec<String> = results
            .iter()
            .filter(|r| !r.is_problem())
            .map(|r| r.file.clone())
            .collect();
        let stored_bytes = match &written {
            Ok(_) => text_bytes(self.store.raw(&key).ok().flatten().as_deref()),
            // Refused at once: what it would have stored.
            Err(_) => self.county_packages.with(|s| {
                s.value().map_or(0, |list| {
                    let mut all = list.clone();
                    merge(&mut all);
                    crate::persist::encode(&all, 1).len() as u64
                })
            }),
        };
        let write = CountyWrite {
            key,
            needed: stored_bytes.saturating_sub(text_bytes(before.as_deref())),
            before,
            files,
        };
        match written {
            Ok(_) => Ok(CountyImport {
                results,
                write: Some(write),
            }),
            Err(StoreError::Quota) => Err(CountyImportError::NotSaved(CountyNotSaved {
                files: write.files,
                needed: write.needed,
                available: None,
            })),
            Err(e) => Err(e.into()),
        }
    }

    /// Takes an import back after the large tier refused its write after the fact: the packages document is
    /// what storage still holds again, and the error names every file whose package is not kept.
    pub fn county_import_refused(
        &self,
        import: &CountyImport,
        error: StoreError,
    ) -> CountyImportError {
        let Some(w) = &import.write else {
            return error.into();
        };
        self.store.restore(&w.key, w.before.as_deref());
        self.county_packages.reload();
        match error {
            StoreError::Quota => CountyImportError::NotSaved(CountyNotSaved {
                files: w.files.clone(),
                needed: w.needed,
                available: None,
            }),
            e => CountyImportError::Store(e),
        }
    }

    /// Removes one package received, by its export id.
    pub fn county_remove(&self, export_id: &str) -> Result<(), StoreError> {
        let gone = export_id.to_string();
        self.county_packages.update(move |list| {
            let before = list.len();
            list.retain(|s| s.id != gone);
            before != list.len()
        })?;
        Ok(())
    }

    /// Removes every package received (the bureau's texts stay).
    pub fn county_clear(&self) -> Result<(), StoreError> {
        self.county_packages.update(|list| {
            let had = !list.is_empty();
            list.clear();
            had
        })?;
        Ok(())
    }

    /// Changes the bureau's texts and saves them.
    pub fn county_update_desk(
        &self,
        change: impl Fn(&mut CountyDesk) + 'static,
    ) -> Result<(), StoreError> {
        self.county_desk.update(move |d| {
            change(d);
            true
        })?;
        Ok(())
    }

    /// The expected schools as parsed from the bureau's list (empty when none was given).
    pub fn county_expected(&self) -> crate::roster::ExpectedList {
        self.county_desk
            .with(|s| {
                s.value()
                    .map(|d| crate::roster::parse_expected(&d.expected))
            })
            .unwrap_or_default()
    }

    /// Loads a sample county into its own profile (never into anyone's real data) and switches to it: the
    /// expected list, the issuer, then the package files in order.
    pub fn county_load_demo(
        &self,
        profile: &str,
        name: &str,
        issuer: &str,
        expected: &str,
        files: &[(String, Vec<u8>)],
    ) -> Result<Vec<CountyFileResult>, CountyImportError> {
        self.enter_sample_profile(profile, name)?;
        let (issuer, expected) = (issuer.to_string(), expected.to_string());
        self.county_update_desk(move |d| {
            d.issuer = issuer.clone();
            d.expected = expected.clone();
        })?;
        self.county_import(files)
    }
}

/// What a whole-staff action was refused for, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum StaffMessage {
    /// No school, no evaluation, unknown framework.
    Work(WorkMessage),
    /// The collected answers are still being read.
    Loading,
    /// The staff document cannot be read.
    Unreadable,
    /// The school has no 自评方案.
    NoPlan,
    /// The 自评方案 cannot be read.
    PlanUnreadable,
    /// The 自评方案 names no department.
    NothingInPlan,
    /// Nobody is assigned yet.
    NoAssignees,
    /// What to fix in the 分工 before packages are made.
    Problems(Vec<crate::assignment::AssignmentProblem>),
    /// A package could not be made.
    Issue(crate::invitation::IssueError),
    /// A package could not be opened.
    Package(crate::invitation::PackageError),
    /// An answer that does not fit.
    Edit(EditError),
    /// The answers could not be exported.
    Export(crate::answer_file::ExportError),
    /// No package is open in teacher mode.
    NoTeacherWork,
    /// A storage problem.
    Store(StoreError),
}

impl From<StoreError> for StaffMessage {
    fn from(e: StoreError) -> Self {
        StaffMessage::Store(e)
    }
}

impl From<crate::invitation::IssueError> for StaffMessage {
    fn from(e: crate::invitation::IssueError) -> Self {
        StaffMessage::Issue(e)
    }
}

impl Localized for StaffMessage {
    fn text(&self, lang: Lang) -> String {
        use StaffMessage::*;
        match (self, lang) {
            (Work(e), _) => e.text(lang),
            (Loading, Lang::Zh) => "教职工答卷还在读取中，请稍候再试。".into(),
            (Loading, Lang::En) => "The staff answers are still being read; try again in a moment.".into(),
            (Unreadable, Lang::Zh) => "这次自评的分工与回收数据无法读取（已原样保留），请到“数据管理”查看。".into(),
            (Unreadable, Lang::En) => "The assignment and collected answers of this evaluation cannot be read (kept as they are); see Data.".into(),
            (NoPlan, Lang::Zh) => "本校还没有自评方案，请先在“方案与台账”中新建自评方案，或直接在这里添加部门。".into(),
            (NoPlan, Lang::En) => "This school has no self-evaluation plan yet; make one under Plans, or add departments here.".into(),
            (PlanUnreadable, Lang::Zh) => "自评方案无法读取（已原样保留），不能据此带入或写入分工。".into(),
            (PlanUnreadable, Lang::En) => "The self-evaluation plan cannot be read (kept as it is); nothing was taken from or written into it.".into(),
            (NothingInPlan, Lang::Zh) => "自评方案的领导小组和职责分工中没有可带入的部门，请直接在这里添加部门。".into(),
            (NothingInPlan, Lang::En) => "The plan's leading group and duties name no department; add departments here.".into(),
            (NoAssignees, Lang::Zh) => "还没有填报人，请先在部门中添加填报人或“全体教职工”。".into(),
            (NoAssignees, Lang::En) => "Nobody is assigned yet; add people or “all staff” to a department first.".into(),
            (Problems(list), Lang::Zh) => format!(
                "分工还有 {} 处需要处理，暂不能导出填报包：{}",
                list.len(),
                list.iter().map(|p| p.text(lang)).collect::<Vec<_>>().join(" ")
            ),
            (Problems(list), Lang::En) => format!(
                "The assignment has {} problem(s) to fix before packages can be made: {}",
                list.len(),
                list.iter().map(|p| p.text(lang)).collect::<Vec<_>>().join(" ")
            ),
            (Issue(e), _) => e.text(lang),
            (Package(e), _) => e.text(lang),
            (Edit(e), _) => e.text(lang),
            (Export(e), _) => e.text(lang),
            (NoTeacherWork, Lang::Zh) => "没有打开填报包，请先打开学校发来的填报包。".into(),
            (NoTeacherWork, Lang::En) => "No package is open; open the package the school sent first.".into(),
            (Store(e), _) => e.text(lang),
        }
    }
}

/// What attaching a set of files needs, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachPlan {
    /// The room needed after de-duplication (compare with the browser's estimate: [`check_room`]).
    ///
    /// [`check_room`]: crate::evidence::store::check_room
    pub need: StorageNeed,
    /// Blobs whose bytes are new to this browser and must be written first.
    pub write: Vec<ContentHash>,
}

/// What importing an evidence package will do and needs, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// The merge into the open evaluation's evidence.
    pub merge: crate::evidence::merge::MergePlan,
    /// The room it needs and the blobs to write first.
    pub room: AttachPlan,
}

/// Whose evidence an action works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceOf {
    /// The open evaluation's (the school's).
    Evaluation,
    /// The open teacher's work (teacher mode): only the assigned points, attributed to the teacher.
    Teacher,
}

/// What an evidence action works on.
struct EvidenceTarget {
    fw: Arc<Framework>,
    doc: EvidenceDoc,
    added_by: AddedBy,
}

/// A teacher's evidence as the blob index counts it.
fn teacher_evidence(w: &crate::teacher::TeacherWork) -> EvidenceDoc {
    let mut d = w.evidence.clone();
    d.evaluation_id = w.evidence_owner();
    d
}

/// Why an evidence action was refused; nothing was changed.
#[derive(Debug, Clone, PartialEq)]
pub enum EvidenceFailure {
    /// The domain refused it (size, point, item, duplicate, storage full…).
    Refused(EvidenceError),
    /// No evaluation open, or storage refused the write.
    Work(WorkMessage),
    /// In teacher mode: no package open, no name yet; or the collection cannot be read.
    Staff(StaffMessage),
}

impl From<EvidenceError> for EvidenceFailure {
    fn from(e: EvidenceError) -> Self {
        EvidenceFailure::Refused(e)
    }
}

impl From<WorkMessage> for EvidenceFailure {
    fn from(e: WorkMessage) -> Self {
        EvidenceFailure::Work(e)
    }
}

impl From<StoreError> for EvidenceFailure {
    fn from(e: StoreError) -> Self {
        EvidenceFailure::Work(WorkMessage::Store(e))
    }
}

impl Localized for EvidenceFailure {
    fn text(&self, lang: Lang) -> String {
        match self {
            EvidenceFailure::Refused(e) => e.text(lang),
            EvidenceFailure::Work(e) => e.text(lang),
            EvidenceFailure::Staff(e) => e.text(lang),
        }
    }
}

/// The outcome of one imported answer file or code.
pub type StaffOutcome = Result<crate::collection::IntakeNotice, crate::collection::ImportProblem>;

mod frameworks;
pub use frameworks::{FrameworkMessage, CUSTOM_FRAMEWORKS};
#[cfg(test)]
mod tests;
