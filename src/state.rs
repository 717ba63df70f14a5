//! Application state shared through context: signals holding the domain values, and the actions that change
//! them. Every action saves through [`crate::storage`] at once; pages never touch storage themselves.

use crate::domain::catalog;
use crate::domain::evaluation::{Answers, Edit, EditError, EvaluationHeader, SchoolYear, Term};
use crate::domain::framework::Framework;
use crate::domain::ledger::Ledger;
use crate::domain::persist::{Meta, PlanHeader, ProfileKeys, Workspace, META_KEY};
use crate::domain::plan::Plan;
use crate::domain::report::ReportEdits;
use crate::domain::school::School;
use crate::i18n::{Lang, K};
use crate::route::Route;
use crate::storage::{self, StorageError};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A message shown in the notice area.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Error or information.
    pub error: bool,
    /// Chinese text.
    pub zh: String,
    /// English text.
    pub en: String,
}

impl Notice {
    /// A notice for a storage problem.
    pub fn storage(e: &StorageError) -> Self {
        Notice {
            error: true,
            zh: e.zh(),
            en: e.en(),
        }
    }

    /// An informational notice.
    pub fn info(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Notice {
            error: false,
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// An error notice.
    pub fn error(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Notice {
            error: true,
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text in a language.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

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
    /// The latest notice.
    pub notice: RwSignal<Option<Notice>>,
    /// When the last save succeeded (local time, HH:MM:SS).
    pub saved_at: RwSignal<Option<String>>,
    /// Revisions of the keys this tab last read or wrote.
    revs: StoredValue<BTreeMap<String, u64>>,
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
            notice: RwSignal::new(None),
            saved_at: RwSignal::new(None),
            revs: StoredValue::new(BTreeMap::new()),
        };
        provide_context(state);
        state.load_all();
        state
    }

    /// Keys of the active profile.
    pub fn keys(&self) -> ProfileKeys {
        ProfileKeys::new(&self.meta.with_untracked(|m| m.active_profile.clone()))
    }

    fn rev(&self, key: &str) -> Option<u64> {
        self.revs.with_value(|r| r.get(key).copied())
    }

    fn set_rev(&self, key: &str, rev: Option<u64>) {
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
    fn read<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
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
                self.tell(Notice::storage(&e));
                None
            }
        }
    }

    /// Loads settings, the workspace and the open documents from storage.
    pub fn load_all(&self) {
        if !storage::available() {
            self.tell(Notice::storage(&StorageError::Unavailable));
        }
        let meta: Meta = self.read(META_KEY).unwrap_or_default();
        self.lang.set(meta.lang);
        self.meta.set(meta);
        self.reload_workspace();
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
        self.open_doc(self.answers, evaluation, |k, id| k.answers(id));
        self.open_doc(self.plan, plan, |k, id| k.plan(id));
        self.open_doc(self.ledger, school, |k, id| k.ledger(id));
    }

    /// Loads the document with the given id into a signal, or clears it.
    fn open_doc<T: DeserializeOwned + Default + Send + Sync + 'static>(
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

    /// Writes a value, and on a conflict with another tab re-reads it, re-applies the change and tries once
    /// more, so that neither tab's newer data is lost.
    fn write<T: Serialize>(
        &self,
        key: &str,
        value: impl Fn() -> T,
        reload_and_reapply: impl Fn() -> bool,
    ) -> bool {
        for attempt in 0..2 {
            match storage::save(key, &value(), self.rev(key)) {
                Ok(rev) => {
                    self.set_rev(key, Some(rev));
                    self.saved_at
                        .set(Some(chrono::Local::now().format("%H:%M:%S").to_string()));
                    return true;
                }
                Err(StorageError::Conflict { .. }) if attempt == 0 => {
                    if !reload_and_reapply() {
                        return false;
                    }
                    self.tell(Notice::storage(&StorageError::Conflict { key: key.into() }));
                }
                Err(e) => {
                    self.tell(Notice::storage(&e));
                    return false;
                }
            }
        }
        false
    }

    /// Changes the workspace and saves it.
    pub fn update_workspace(&self, change: impl Fn(&mut Workspace)) -> bool {
        self.workspace.update(|w| change(w));
        let key = self.keys().workspace();
        self.write(
            &key,
            || self.workspace.get_untracked(),
            || {
                let mut ws: Workspace = self.read(&key).unwrap_or_default();
                change(&mut ws);
                self.workspace.set(ws);
                true
            },
        )
    }

    /// Changes an open document and saves it under its own key. `change` returns false to refuse.
    fn update_doc<T>(
        &self,
        signal: RwSignal<Option<Keyed<T>>>,
        key: fn(&ProfileKeys, &str) -> String,
        change: impl Fn(&mut T) -> bool,
    ) -> bool
    where
        T: Serialize + DeserializeOwned + Default + Clone + Send + Sync + 'static,
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
        let key = key(&self.keys(), &id);
        self.write(
            &key,
            || signal.with_untracked(|d| d.as_ref().map(|d| d.value.clone()).unwrap_or_default()),
            || {
                let mut fresh: T = self.read(&key).unwrap_or_default();
                if !change(&mut fresh) {
                    return false;
                }
                signal.set(Some(Keyed {
                    id: id.clone(),
                    value: fresh,
                }));
                true
            },
        )
    }

    /// Changes the browser-wide settings and saves them.
    pub fn update_meta(&self, change: impl Fn(&mut Meta)) -> bool {
        self.meta.update(|m| change(m));
        self.write(
            META_KEY,
            || self.meta.get_untracked(),
            || {
                let mut m: Meta = self.read(META_KEY).unwrap_or_default();
                change(&mut m);
                self.meta.set(m);
                true
            },
        )
    }

    /// Switches the interface language and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        self.update_meta(|m| m.lang = lang);
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

    /// Adds or replaces a school and makes it current.
    pub fn save_school(&self, school: School) -> bool {
        let switching = self
            .workspace
            .with_untracked(|w| w.current_school.as_deref() != Some(school.id.as_str()));
        let ok = self.update_workspace(|w| {
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
        self.update_workspace(|w| {
            w.current_school = Some(id.to_string());
            w.current_evaluation = evaluation.clone();
            w.current_plan = plan.clone();
        });
        self.open_doc(self.answers, evaluation, |k, id| k.answers(id));
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
        self.update_workspace(|w| {
            w.schools.retain(|s| s.id != id);
            w.evaluations.retain(|e| e.school_id != id);
            w.plans.retain(|p| p.school_id != id);
        });
        let keys = self.keys();
        for e in &evals {
            self.remove_key(&keys.answers(e));
            self.remove_key(&keys.report(e));
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
                self.plan.set(None);
                self.ledger.set(None);
            }
        }
    }

    fn remove_key(&self, key: &str) {
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
        self.update_workspace(|w| {
            w.evaluations.push(header.clone());
            w.current_evaluation = Some(id.clone());
        });
        self.answers.set(Some(Keyed {
            id: id.clone(),
            value: Answers::default(),
        }));
        Some(id)
    }

    /// Opens an evaluation.
    pub fn open_evaluation(&self, id: &str) {
        self.update_workspace(|w| w.current_evaluation = Some(id.to_string()));
        self.open_doc(self.answers, Some(id.to_string()), |k, id| k.answers(id));
    }

    /// Deletes an evaluation with its answers and report edits.
    pub fn delete_evaluation(&self, id: &str) {
        self.update_workspace(|w| {
            w.evaluations.retain(|e| e.id != id);
            if w.current_evaluation.as_deref() == Some(id) {
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
        self.update_doc(
            self.answers,
            |k, id| k.answers(id),
            |a| a.apply(&fw, point_id, edit.clone()).is_ok(),
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
            self.update_doc(
                self.answers,
                |k, id| k.answers(id),
                |a| {
                    a.position = Some(point_id.to_string());
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
        self.update_workspace(|w| {
            w.plans.push(header.clone());
            w.current_plan = Some(header.id.clone());
        });
        self.plan.set(Some(Keyed {
            id: header.id,
            value: plan,
        }));
    }

    /// Opens a plan document.
    pub fn open_plan(&self, id: &str) {
        self.update_workspace(|w| w.current_plan = Some(id.to_string()));
        self.open_doc(self.plan, Some(id.to_string()), |k, id| k.plan(id));
    }

    /// Deletes a plan document.
    pub fn delete_plan(&self, id: &str) {
        self.update_workspace(|w| {
            w.plans.retain(|p| p.id != id);
            if w.current_plan.as_deref() == Some(id) {
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
    pub fn update_plan(&self, change: impl Fn(&mut Plan)) {
        self.update_doc(
            self.plan,
            |k, id| k.plan(id),
            |p| {
                change(p);
                true
            },
        );
    }

    /// Changes the current school's ledger and saves it.
    pub fn update_ledger(&self, change: impl Fn(&mut Ledger)) {
        if self.ledger.with_untracked(Option::is_none) {
            if let Some(id) = self.workspace.with_untracked(|w| w.current_school.clone()) {
                self.open_doc(self.ledger, Some(id), |k, id| k.ledger(id));
            }
        }
        self.update_doc(
            self.ledger,
            |k, id| k.ledger(id),
            |l| {
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
    pub fn update_report(&self, change: impl Fn(&mut ReportEdits)) {
        self.update_doc(
            self.report,
            |k, id| k.report(id),
            |r| {
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

    /// Reacts to another tab's write.
    pub fn on_storage_event(&self, key: Option<String>) {
        let keys = self.keys();
        let Some(k) = key else {
            // The other tab cleared all storage.
            self.load_all();
            return;
        };
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
            self.reload_if_open(self.answers, &k, |k, id| k.answers(id));
            self.reload_if_open(self.plan, &k, |k, id| k.plan(id));
            self.reload_if_open(self.ledger, &k, |k, id| k.ledger(id));
            self.reload_if_open(self.report, &k, |k, id| k.report(id));
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
