//! Application state shared through context: signals holding the domain values, and the actions that change
//! them. Every action saves through [`crate::storage`] at once; pages never touch storage themselves.

use crate::i18n::{Lang, K};
use crate::route::Route;
use crate::storage::{self, StorageError};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use xzzp_core::backup::AnswerFile;
use xzzp_core::evaluation::{Answers, Edit, EditError, EvaluationHeader, SchoolYear, Term};
use xzzp_core::framework::Framework;
use xzzp_core::ledger::Ledger;
use xzzp_core::persist::{Meta, PlanHeader, ProfileKeys, Workspace, META_KEY};
use xzzp_core::plan::Plan;
use xzzp_core::school::School;
use xzzp_documents::report::ReportEdits;
use xzzp_templates as catalog;

/// Something the user can do right from a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    /// Download a backup of everything (offered when storage is full).
    DownloadBackup,
    /// Go to the data page (offered for unreadable data).
    OpenDataPage,
}

/// A message shown in the notice area.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Error or information.
    pub error: bool,
    /// Chinese text.
    pub zh: String,
    /// English text.
    pub en: String,
    /// An action offered with the message.
    pub action: Option<NoticeAction>,
}

impl Notice {
    /// A notice for a storage problem.
    pub fn storage(e: &StorageError) -> Self {
        Notice {
            error: true,
            zh: e.zh(),
            en: e.en(),
            action: match e {
                StorageError::Quota => Some(NoticeAction::DownloadBackup),
                StorageError::Unreadable { .. } | StorageError::Quarantined { .. } => {
                    Some(NoticeAction::OpenDataPage)
                }
                _ => None,
            },
        }
    }

    /// An informational notice.
    pub fn info(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Notice {
            error: false,
            zh: zh.into(),
            en: en.into(),
            action: None,
        }
    }

    /// An error notice.
    pub fn error(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Notice {
            error: true,
            zh: zh.into(),
            en: en.into(),
            action: None,
        }
    }

    /// The text in a language.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// Re-applies one edit on top of what storage holds now, saving when that changes anything.
type Reapply = Rc<dyn Fn(&AppState) -> bool>;

/// How long an edit is kept for merging with a crossing write from another tab. Tabs see each other's writes
/// within milliseconds; seconds leave a wide margin on a slow computer.
const JOURNAL_MS: f64 = 5000.0;

/// A document stored under its own key, with the id that names it (evaluation, plan or school id).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T> {
    /// Whose document it is.
    pub id: String,
    /// The document.
    pub value: T,
}

/// Everything the pages share. Cheap to copy: it is a bundle of signal handles.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// The current page.
    pub route: RwSignal<Route>,
    /// Browser-wide settings.
    pub meta: RwSignal<Meta>,
    /// Schools, evaluation and plan headers of the active profile.
    pub workspace: RwSignal<Workspace>,
    /// Answers of the open evaluation.
    pub answers: RwSignal<Option<Keyed<Answers>>>,
    /// The open plan document.
    pub plan: RwSignal<Option<Keyed<Plan>>>,
    /// The ledger of the current school.
    pub ledger: RwSignal<Option<Keyed<Ledger>>>,
    /// The principal's edits of the report of one evaluation.
    pub report: RwSignal<Option<Keyed<ReportEdits>>>,
    /// Teachers' answer files merged into the open evaluation.
    pub respondents: RwSignal<Option<Keyed<Vec<AnswerFile>>>>,
    /// The latest notice.
    pub notice: RwSignal<Option<Notice>>,
    /// When the last save succeeded (local time, HH:MM:SS).
    pub saved_at: RwSignal<Option<String>>,
    /// Stored values that could not be read: (key, reason in Chinese). They are kept untouched.
    pub unreadable: RwSignal<Vec<(String, String)>>,
    /// localStorage use in UTF-16 code units: (this app, the whole origin). Measured on load and on demand.
    pub usage: RwSignal<(u64, u64)>,
    /// Revisions of the keys this tab last read or wrote.
    revs: StoredValue<BTreeMap<String, u64>>,
    /// This tab's recent edits, by key, to re-apply when another tab's write crossed them.
    journal: StoredValue<Vec<(String, f64, Reapply)>, LocalStorage>,
}

/// The state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// A fresh id: time plus randomness, short and unique enough for one person's data.
pub fn new_id() -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("{}{}", radix36(t), radix36(r))
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Today's date on this computer.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl AppState {
    /// Creates the state, reads storage, and provides it as context.
    pub fn provide() -> Self {
        let state = AppState {
            lang: RwSignal::new(Lang::Zh),
            route: RwSignal::new(Route::Home),
            meta: RwSignal::new(Meta::default()),
            workspace: RwSignal::new(Workspace::default()),
            answers: RwSignal::new(None),
            plan: RwSignal::new(None),
            ledger: RwSignal::new(None),
            report: RwSignal::new(None),
            respondents: RwSignal::new(None),
            notice: RwSignal::new(None),
            saved_at: RwSignal::new(None),
            unreadable: RwSignal::new(Vec::new()),
            usage: RwSignal::new((0, 0)),
            revs: StoredValue::new(BTreeMap::new()),
            journal: StoredValue::new_local(Vec::new()),
        };
        provide_context(state);
        state.load_all();
        state
    }

    /// Keys of the active profile.
    pub fn keys(&self) -> ProfileKeys {
        ProfileKeys::new(&self.meta.with_untracked(|m| m.active_profile.clone()))
    }

    pub(crate) fn rev(&self, key: &str) -> Option<u64> {
        self.revs.with_value(|r| r.get(key).copied())
    }

    pub(crate) fn set_rev(&self, key: &str, rev: Option<u64>) {
        self.revs.update_value(|r| {
            match rev {
                Some(v) => r.insert(key.to_string(), v),
                None => r.remove(key),
            };
        });
    }

    /// Shows a notice.
    pub fn tell(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }

    /// Reads one key, remembering its revision; problems become notices.
    pub(crate) fn read<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        match storage::load::<T>(key) {
            Ok(Some(d)) => {
                self.set_rev(key, Some(d.rev));
                Some(d.value)
            }
            Ok(None) => {
                self.set_rev(key, None);
                None
            }
            Err(e) => {
                if let StorageError::Unreadable { key, problem } = &e {
                    self.unreadable.update(|u| {
                        if !u.iter().any(|(k, _)| k == key) {
                            u.push((key.clone(), problem.zh()));
                        }
                    });
                }
                self.tell(Notice::storage(&e));
                None
            }
        }
    }

    /// Measures how much of the browser's storage is used.
    pub fn measure_usage(&self) {
        self.usage.set((
            storage::chars_used(xzzp_core::persist::PREFIX),
            storage::chars_used(""),
        ));
    }

    /// Loads settings, the workspace and the open documents from storage.
    pub fn load_all(&self) {
        self.unreadable.set(Vec::new());
        if !storage::available() {
            self.tell(Notice::storage(&StorageError::Unavailable));
        }
        let meta: Meta = self.read(META_KEY).unwrap_or_default();
        self.lang.set(meta.lang);
        self.meta.set(meta);
        self.reload_workspace();
        // Measuring reads every stored value: do it after the first screen is up.
        let state = *self;
        set_timeout(move || state.measure_usage(), std::time::Duration::ZERO);
    }

    /// Re-reads the workspace and the documents it points at.
    pub fn reload_workspace(&self) {
        let ws: Workspace = self.read(&self.keys().workspace()).unwrap_or_default();
        let (evaluation, plan, school) = (
            ws.current_evaluation.clone(),
            ws.current_plan.clone(),
            ws.current_school.clone(),
        );
        self.workspace.set(ws);
        self.open_evaluation_docs(evaluation);
        self.open_doc(self.plan, plan, |k, id| k.plan(id));
        self.open_doc(self.ledger, school, |k, id| k.ledger(id));
    }

    /// Loads an evaluation's answers and its teachers' answer files, or clears both.
    fn open_evaluation_docs(&self, id: Option<String>) {
        self.open_doc(self.answers, id.clone(), |k, id| k.answers(id));
        self.open_doc(self.respondents, id, |k, id| k.respondents(id));
    }

    /// Loads the document with the given id into a signal, or clears it.
    pub(crate) fn open_doc<T: DeserializeOwned + Default + Send + Sync + 'static>(
        &self,
        signal: RwSignal<Option<Keyed<T>>>,
        id: Option<String>,
        key: fn(&ProfileKeys, &str) -> String,
    ) {
        signal.set(id.map(|id| Keyed {
            value: self.read(&key(&self.keys(), &id)).unwrap_or_default(),
            id,
        }));
    }

    /// Saves a changed document. `current` reads it from memory, `set` puts a value back in memory, and
    /// `change` is the edit just made. If another tab wrote the key since this tab read it, the edit is
    /// re-applied on top of the other tab's version instead of overwriting it. The edit is also kept for a
    /// few seconds, so that a write from another tab that crossed this one (each tab's copy of storage is
    /// updated a moment later) is merged too; see [`AppState::on_storage_event`].
    fn commit<T>(
        &self,
        key: String,
        current: impl Fn() -> T,
        set: impl Fn(T) + 'static,
        change: impl Fn(&mut T) -> bool + 'static,
    ) -> bool
    where
        T: Serialize + DeserializeOwned + Default + PartialEq + Clone + 'static,
    {
        let reapply: Reapply = {
            let key = key.clone();
            Rc::new(move |state: &AppState| {
                let fresh: T = state.read(&key).unwrap_or_default();
                let mut changed = fresh.clone();
                if !change(&mut changed) {
                    return false;
                }
                if changed != fresh {
                    match storage::save(&key, &changed, state.rev(&key)) {
                        Ok(rev) => state.set_rev(&key, Some(rev)),
                        Err(e) => {
                            state.tell(Notice::storage(&e));
                            set(fresh);
                            return false;
                        }
                    }
                }
                set(changed);
                true
            })
        };
        let ok = match storage::save(&key, &current(), self.rev(&key)) {
            Ok(rev) => {
                self.set_rev(&key, Some(rev));
                true
            }
            Err(StorageError::Conflict { .. }) => {
                self.tell(Notice::storage(&StorageError::Conflict {
                    key: key.clone(),
                }));
                reapply(self)
            }
            Err(e) => {
                if e == StorageError::Quota {
                    self.measure_usage();
                }
                self.tell(Notice::storage(&e));
                false
            }
        };
        if ok {
            let now = js_sys::Date::new_0();
            self.saved_at.set(Some(format!(
                "{:02}:{:02}:{:02}",
                now.get_hours(),
                now.get_minutes(),
                now.get_seconds()
            )));
            let now = js_sys::Date::now();
            self.journal.update_value(|j| {
                j.retain(|(_, t, _)| now - t < JOURNAL_MS);
                j.push((key, now, reapply));
            });
        }
        ok
    }

    /// Changes the workspace and saves it.
    pub fn update_workspace(&self, change: impl Fn(&mut Workspace) + 'static) -> bool {
        self.workspace.update(|w| change(w));
        let ws = self.workspace;
        self.commit(
            self.keys().workspace(),
            || ws.get_untracked(),
            move |v| ws.set(v),
            move |w| {
                change(w);
                true
            },
        )
    }

    /// Changes an open document and saves it under its own key. `change` returns false to refuse.
    pub(crate) fn update_doc<T>(
        &self,
        signal: RwSignal<Option<Keyed<T>>>,
        key: fn(&ProfileKeys, &str) -> String,
        change: impl Fn(&mut T) -> bool + 'static,
    ) -> bool
    where
        T: Serialize + DeserializeOwned + Default + PartialEq + Clone + Send + Sync + 'static,
    {
        let Some(id) = signal.with_untracked(|d| d.as_ref().map(|d| d.id.clone())) else {
            return false;
        };
        let mut accepted = false;
        signal.update(|d| {
            if let Some(d) = d {
                accepted = change(&mut d.value);
            }
        });
        if !accepted {
            return false;
        }
        let set = {
            let id = id.clone();
            move |value: T| {
                // Only while the same document is still open.
                if signal.with_untracked(|d| d.as_ref().is_some_and(|d| d.id == id)) {
                    signal.set(Some(Keyed {
                        id: id.clone(),
                        value,
                    }));
                }
            }
        };
        self.commit(
            key(&self.keys(), &id),
            || signal.with_untracked(|d| d.as_ref().map(|d| d.value.clone()).unwrap_or_default()),
            set,
            change,
        )
    }

    /// Changes the browser-wide settings and saves them.
    pub fn update_meta(&self, change: impl Fn(&mut Meta) + 'static) -> bool {
        self.meta.update(|m| change(m));
        let meta = self.meta;
        self.commit(
            META_KEY.to_string(),
            || meta.get_untracked(),
            move |v| meta.set(v),
            move |m| {
                change(m);
                true
            },
        )
    }

    /// Switches the interface language and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        self.update_meta(move |m| m.lang = lang);
    }

    /// Text of a message key in the current language (reactive).
    pub fn t(&self, key: K) -> &'static str {
        key.text(self.lang.get())
    }

    /// The current school.
    pub fn current_school(&self) -> Option<School> {
        self.workspace.with(|w| {
            w.current_school
                .as_deref()
                .and_then(|id| w.school(id))
                .cloned()
        })
    }

    /// Evaluations of the current school, newest first (reactive).
    pub fn school_evaluations(&self) -> Vec<EvaluationHeader> {
        self.workspace.with(|w| {
            w.current_school
                .as_deref()
                .map(|s| w.evaluations_of(s).into_iter().cloned().collect())
                .unwrap_or_default()
        })
    }

    /// Plan documents of the current school, newest first (reactive).
    pub fn school_plans(&self) -> Vec<PlanHeader> {
        self.workspace.with(|w| {
            w.current_school
                .as_deref()
                .map(|s| w.plans_of(s).into_iter().cloned().collect())
                .unwrap_or_default()
        })
    }

    /// Adds or replaces a school and makes it current.
    pub fn save_school(&self, school: School) -> bool {
        let switching = self
            .workspace
            .with_untracked(|w| w.current_school.as_deref() != Some(school.id.as_str()));
        let saved = school.clone();
        let ok = self.update_workspace(move |w| {
            let school = saved.clone();
            match w.schools.iter_mut().find(|s| s.id == school.id) {
                Some(s) => *s = school.clone(),
                None => w.schools.push(school.clone()),
            }
            w.current_school = Some(school.id.clone());
        });
        if switching {
            self.select_school(&school.id);
        }
        ok
    }

    /// Makes a school current, opening its newest evaluation and plan and its ledger.
    pub fn select_school(&self, id: &str) {
        let (evaluation, plan) = self.workspace.with_untracked(|w| {
            (
                w.evaluations_of(id).first().map(|e| e.id.clone()),
                w.plans_of(id).first().map(|p| p.id.clone()),
            )
        });
        let (school, e, p) = (id.to_string(), evaluation.clone(), plan.clone());
        self.update_workspace(move |w| {
            w.current_school = Some(school.clone());
            w.current_evaluation = e.clone();
            w.current_plan = p.clone();
        });
        self.open_evaluation_docs(evaluation);
        self.open_doc(self.plan, plan, |k, id| k.plan(id));
        self.open_doc(self.ledger, Some(id.to_string()), |k, id| k.ledger(id));
    }

    /// Deletes a school with all its evaluations, plans, ledger and their stored documents.
    pub fn delete_school(&self, id: &str) {
        let (evals, plans): (Vec<String>, Vec<String>) = self.workspace.with_untracked(|w| {
            (
                w.evaluations_of(id).iter().map(|e| e.id.clone()).collect(),
                w.plans_of(id).iter().map(|p| p.id.clone()).collect(),
            )
        });
        let next = self
            .workspace
            .with_untracked(|w| w.schools.iter().find(|s| s.id != id).map(|s| s.id.clone()));
        let gone = id.to_string();
        self.update_workspace(move |w| {
            w.schools.retain(|s| s.id != gone);
            w.evaluations.retain(|e| e.school_id != gone);
            w.plans.retain(|p| p.school_id != gone);
        });
        let keys = self.keys();
        for e in &evals {
            self.remove_key(&keys.answers(e));
            self.remove_key(&keys.report(e));
            self.remove_key(&keys.respondents(e));
        }
        for p in &plans {
            self.remove_key(&keys.plan(p));
        }
        self.remove_key(&keys.ledger(id));
        match next {
            Some(next) => self.select_school(&next),
            None => {
                self.update_workspace(|w| {
                    w.current_school = None;
                    w.current_evaluation = None;
                    w.current_plan = None;
                });
                self.answers.set(None);
                self.respondents.set(None);
                self.plan.set(None);
                self.ledger.set(None);
            }
        }
    }

    pub(crate) fn remove_key(&self, key: &str) {
        if let Err(e) = storage::remove(key) {
            self.tell(Notice::storage(&e));
        }
        self.set_rev(key, None);
    }

    /// Creates an evaluation of the current school and opens it.
    pub fn create_evaluation(
        &self,
        framework_id: &str,
        school_year: SchoolYear,
        term: Term,
    ) -> Option<String> {
        let school_id = self
            .workspace
            .with_untracked(|w| w.current_school.clone())?;
        let fw = catalog::framework(framework_id)?;
        let id = new_id();
        let header = EvaluationHeader {
            id: id.clone(),
            school_id,
            framework_id: fw.id.clone(),
            framework_version: fw.version.clone(),
            school_year,
            term,
            created: today().to_string(),
        };
        let (h, eid) = (header.clone(), id.clone());
        self.update_workspace(move |w| {
            w.evaluations.push(h.clone());
            w.current_evaluation = Some(eid.clone());
        });
        self.answers.set(Some(Keyed {
            id: id.clone(),
            value: Answers::default(),
        }));
        self.respondents.set(Some(Keyed {
            id: id.clone(),
            value: Vec::new(),
        }));
        Some(id)
    }

    /// Opens an evaluation.
    pub fn open_evaluation(&self, id: &str) {
        let eid = id.to_string();
        self.update_workspace(move |w| w.current_evaluation = Some(eid.clone()));
        self.open_evaluation_docs(Some(id.to_string()));
    }

    /// Deletes an evaluation with its answers and report edits.
    pub fn delete_evaluation(&self, id: &str) {
        let gone = id.to_string();
        self.update_workspace(move |w| {
            w.evaluations.retain(|e| e.id != gone);
            if w.current_evaluation.as_deref() == Some(gone.as_str()) {
                w.current_evaluation = None;
            }
        });
        self.remove_key(&self.keys().answers(id));
        self.remove_key(&self.keys().report(id));
        if self
            .answers
            .with_untracked(|a| a.as_ref().is_some_and(|a| a.id == id))
        {
            self.answers.set(None);
        }
    }

    /// The header of the open evaluation.
    pub fn current_evaluation(&self) -> Option<EvaluationHeader> {
        let id = self.answers.with(|a| a.as_ref().map(|a| a.id.clone()))?;
        self.workspace.with(|w| w.evaluation(&id).cloned())
    }

    /// The framework of the open evaluation.
    pub fn current_framework(&self) -> Option<Arc<Framework>> {
        catalog::framework(&self.current_evaluation()?.framework_id)
    }

    /// Applies an edit to one point of the open evaluation.
    pub fn edit(&self, point_id: &str, edit: Edit) -> Result<(), EditError> {
        let fw = self.current_framework().ok_or(EditError::UnknownPoint)?;
        let mut result = Ok(());
        // Check first, so that a refused edit is reported and changes nothing.
        self.answers.with_untracked(|a| {
            if let Some(a) = a {
                let mut probe = a.value.clone();
                result = probe.apply(&fw, point_id, edit.clone());
            }
        });
        result?;
        let pid = point_id.to_string();
        self.update_doc(
            self.answers,
            |k, id| k.answers(id),
            move |a| a.apply(&fw, &pid, edit.clone()).is_ok(),
        );
        Ok(())
    }

    /// Remembers the point the user is on.
    pub fn set_position(&self, point_id: &str) {
        let same = self.answers.with_untracked(|a| {
            a.as_ref()
                .is_some_and(|a| a.value.position.as_deref() == Some(point_id))
        });
        if !same {
            let pid = point_id.to_string();
            self.update_doc(
                self.answers,
                |k, id| k.answers(id),
                move |a| {
                    a.position = Some(pid.clone());
                    true
                },
            );
        }
    }

    /// Creates a plan document for the current school and opens it.
    pub fn create_plan(&self, header: PlanHeader, plan: Plan) {
        let key = self.keys().plan(&header.id);
        match storage::save(&key, &plan, None) {
            Ok(rev) => self.set_rev(&key, Some(rev)),
            Err(e) => {
                self.tell(Notice::storage(&e));
                return;
            }
        }
        let h = header.clone();
        self.update_workspace(move |w| {
            w.plans.push(h.clone());
            w.current_plan = Some(h.id.clone());
        });
        self.plan.set(Some(Keyed {
            id: header.id,
            value: plan,
        }));
    }

    /// Opens a plan document.
    pub fn open_plan(&self, id: &str) {
        let pid = id.to_string();
        self.update_workspace(move |w| w.current_plan = Some(pid.clone()));
        self.open_doc(self.plan, Some(id.to_string()), |k, id| k.plan(id));
    }

    /// Deletes a plan document.
    pub fn delete_plan(&self, id: &str) {
        let gone = id.to_string();
        self.update_workspace(move |w| {
            w.plans.retain(|p| p.id != gone);
            if w.current_plan.as_deref() == Some(gone.as_str()) {
                w.current_plan = None;
            }
        });
        self.remove_key(&self.keys().plan(id));
        if self
            .plan
            .with_untracked(|p| p.as_ref().is_some_and(|p| p.id == id))
        {
            self.plan.set(None);
        }
    }

    /// Changes the open plan and saves it.
    pub fn update_plan(&self, change: impl Fn(&mut Plan) + 'static) {
        self.update_doc(
            self.plan,
            |k, id| k.plan(id),
            move |p| {
                change(p);
                true
            },
        );
    }

    /// Changes the current school's ledger and saves it.
    pub fn update_ledger(&self, change: impl Fn(&mut Ledger) + 'static) {
        if self.ledger.with_untracked(Option::is_none) {
            if let Some(id) = self.workspace.with_untracked(|w| w.current_school.clone()) {
                self.open_doc(self.ledger, Some(id), |k, id| k.ledger(id));
            }
        }
        self.update_doc(
            self.ledger,
            |k, id| k.ledger(id),
            move |l| {
                change(l);
                true
            },
        );
    }

    /// Opens the report edits of an evaluation (unless they are open already).
    pub fn open_report(&self, evaluation_id: &str) {
        if self
            .report
            .with_untracked(|r| r.as_ref().is_none_or(|r| r.id != evaluation_id))
        {
            self.open_doc(self.report, Some(evaluation_id.to_string()), |k, id| {
                k.report(id)
            });
        }
    }

    /// Changes the open report edits and saves them.
    pub fn update_report(&self, change: impl Fn(&mut ReportEdits) + 'static) {
        self.update_doc(
            self.report,
            |k, id| k.report(id),
            move |r| {
                change(r);
                true
            },
        );
    }

    /// The answers of any evaluation: the open one from memory, others read from storage.
    pub fn answers_of(&self, evaluation_id: &str) -> Answers {
        if let Some(a) = self.answers.with(|a| {
            a.as_ref()
                .filter(|a| a.id == evaluation_id)
                .map(|a| a.value.clone())
        }) {
            return a;
        }
        storage::load::<Answers>(&self.keys().answers(evaluation_id))
            .ok()
            .flatten()
            .map(|d| d.value)
            .unwrap_or_default()
    }

    /// Reacts to another tab's write: reloads what changed, and when that write crossed one of this tab's
    /// own recent edits (it carries a revision this tab had already reached), re-applies those edits on top.
    pub fn on_storage_event(&self, key: Option<String>, new_value: Option<String>) {
        let keys = self.keys();
        let Some(k) = key else {
            // The other tab cleared all storage.
            self.load_all();
            return;
        };
        let crossed = match (
            new_value.as_deref().and_then(xzzp_core::persist::peek_rev),
            self.rev(&k),
        ) {
            (Some(incoming), Some(ours)) => incoming <= ours,
            _ => false,
        };
        self.reload_key(&k, &keys);
        if crossed {
            let now = js_sys::Date::now();
            let recent: Vec<Reapply> = self.journal.with_value(|j| {
                j.iter()
                    .filter(|(key, t, _)| *key == k && now - t < JOURNAL_MS)
                    .map(|(_, _, r)| r.clone())
                    .collect()
            });
            for reapply in recent {
                reapply(self);
            }
        }
    }

    fn reload_key(&self, k: &str, keys: &ProfileKeys) {
        if k == META_KEY {
            let m: Meta = self.read(META_KEY).unwrap_or_default();
            self.lang.set(m.lang);
            let profile_changed =
                m.active_profile != self.meta.with_untracked(|x| x.active_profile.clone());
            self.meta.set(m);
            if profile_changed {
                self.reload_workspace();
            }
        } else if k == keys.workspace() {
            self.reload_workspace();
        } else {
            self.reload_if_open(self.answers, k, |k, id| k.answers(id));
            self.reload_if_open(self.plan, k, |k, id| k.plan(id));
            self.reload_if_open(self.ledger, k, |k, id| k.ledger(id));
            self.reload_if_open(self.report, k, |k, id| k.report(id));
            self.reload_if_open(self.respondents, k, |k, id| k.respondents(id));
        }
    }

    fn reload_if_open<T: DeserializeOwned + Default + Send + Sync + 'static>(
        &self,
        signal: RwSignal<Option<Keyed<T>>>,
        changed: &str,
        key: fn(&ProfileKeys, &str) -> String,
    ) {
        let open = signal.with_untracked(|d| d.as_ref().map(|d| d.id.clone()));
        if let Some(id) = open {
            if key(&self.keys(), &id) == changed {
                self.open_doc(signal, Some(id), key);
            }
        }
    }
}
