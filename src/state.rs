//! Application state shared through context: signals holding the domain values, and the actions that change
//! them. Every action saves through [`crate::storage`] at once; pages never touch storage themselves.

use crate::domain::catalog;
use crate::domain::evaluation::{Answers, Edit, EditError, EvaluationHeader, SchoolYear, Term};
use crate::domain::framework::Framework;
use crate::domain::persist::{Meta, ProfileKeys, Workspace, META_KEY};
use crate::domain::school::School;
use crate::i18n::{Lang, K};
use crate::route::Route;
use crate::storage::{self, StorageError};
use leptos::prelude::*;
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

    /// The text in a language.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The answers of the open evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenAnswers {
    /// Evaluation id.
    pub evaluation_id: String,
    /// Its answers.
    pub answers: Answers,
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
    /// Schools and evaluation headers of the active profile.
    pub workspace: RwSignal<Workspace>,
    /// Answers of the open evaluation.
    pub answers: RwSignal<Option<OpenAnswers>>,
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
            notice: RwSignal::new(None),
            saved_at: RwSignal::new(None),
            revs: StoredValue::new(BTreeMap::new()),
        };
        provide_context(state);
        state.load_all();
        state
    }

    fn keys(&self) -> ProfileKeys {
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

    /// Reads one key into `target`, remembering its revision; problems become notices.
    fn read<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
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

    /// Loads settings, the workspace and the open evaluation from storage.
    pub fn load_all(&self) {
        if !storage::available() {
            self.tell(Notice::storage(&StorageError::Unavailable));
        }
        let meta: Meta = self.read(META_KEY).unwrap_or_default();
        self.lang.set(meta.lang);
        self.meta.set(meta);
        self.reload_workspace();
    }

    /// Re-reads the workspace and the open evaluation (after another tab changed them).
    pub fn reload_workspace(&self) {
        let ws: Workspace = self.read(&self.keys().workspace()).unwrap_or_default();
        let current = ws.current_evaluation.clone();
        self.workspace.set(ws);
        match current {
            Some(id) => self.load_answers(&id),
            None => self.answers.set(None),
        }
    }

    fn load_answers(&self, evaluation_id: &str) {
        let answers: Answers = self
            .read(&self.keys().answers(evaluation_id))
            .unwrap_or_default();
        self.answers.set(Some(OpenAnswers {
            evaluation_id: evaluation_id.to_string(),
            answers,
        }));
    }

    /// Writes a value, and on a conflict with another tab re-reads it, re-applies the change and tries once
    /// more, so that neither tab's newer data is lost.
    fn write<T>(
        &self,
        key: &str,
        signal_value: impl Fn() -> T,
        reload_and_reapply: impl Fn() -> bool,
    ) -> bool
    where
        T: serde::Serialize,
    {
        for attempt in 0..2 {
            let value = signal_value();
            match storage::save(key, &value, self.rev(key)) {
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
                let fresh: Option<Workspace> = self.read(&key);
                let mut ws = fresh.unwrap_or_default();
                change(&mut ws);
                self.workspace.set(ws);
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
        self.update_workspace(|w| {
            match w.schools.iter_mut().find(|s| s.id == school.id) {
                Some(s) => *s = school.clone(),
                None => w.schools.push(school.clone()),
            }
            w.current_school = Some(school.id.clone());
        })
    }

    /// Makes a school current, and opens its newest evaluation.
    pub fn select_school(&self, id: &str) {
        let newest = self
            .workspace
            .with_untracked(|w| w.evaluations_of(id).first().map(|e| e.id.clone()));
        self.update_workspace(|w| {
            w.current_school = Some(id.to_string());
            w.current_evaluation = newest.clone();
        });
        match newest {
            Some(e) => self.load_answers(&e),
            None => self.answers.set(None),
        }
    }

    /// Deletes a school with all its evaluations and their answers.
    pub fn delete_school(&self, id: &str) {
        let evals: Vec<String> = self
            .workspace
            .with_untracked(|w| w.evaluations_of(id).iter().map(|e| e.id.clone()).collect());
        self.update_workspace(|w| {
            w.schools.retain(|s| s.id != id);
            w.evaluations.retain(|e| e.school_id != id);
            if w.current_school.as_deref() == Some(id) {
                w.current_school = w.schools.first().map(|s| s.id.clone());
            }
            if w.current_evaluation
                .as_deref()
                .is_some_and(|e| evals.iter().any(|x| x == e))
            {
                w.current_evaluation = None;
            }
        });
        for e in &evals {
            self.remove_key(&self.keys().answers(e));
        }
        if self
            .answers
            .with_untracked(|a| a.as_ref().is_some_and(|a| evals.contains(&a.evaluation_id)))
        {
            self.answers.set(None);
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
        self.answers.set(Some(OpenAnswers {
            evaluation_id: id.clone(),
            answers: Answers::default(),
        }));
        Some(id)
    }

    /// Opens an evaluation.
    pub fn open_evaluation(&self, id: &str) {
        self.update_workspace(|w| w.current_evaluation = Some(id.to_string()));
        self.load_answers(id);
    }

    /// Deletes an evaluation and its answers.
    pub fn delete_evaluation(&self, id: &str) {
        self.update_workspace(|w| {
            w.evaluations.retain(|e| e.id != id);
            if w.current_evaluation.as_deref() == Some(id) {
                w.current_evaluation = None;
            }
        });
        self.remove_key(&self.keys().answers(id));
        if self
            .answers
            .with_untracked(|a| a.as_ref().is_some_and(|a| a.evaluation_id == id))
        {
            self.answers.set(None);
        }
    }

    /// The header of the open evaluation.
    pub fn current_evaluation(&self) -> Option<EvaluationHeader> {
        let id = self
            .answers
            .with(|a| a.as_ref().map(|a| a.evaluation_id.clone()))?;
        self.workspace.with(|w| w.evaluation(&id).cloned())
    }

    /// The framework of the open evaluation.
    pub fn current_framework(&self) -> Option<Arc<Framework>> {
        catalog::framework(&self.current_evaluation()?.framework_id)
    }

    /// Changes the open evaluation's answers and saves them.
    fn update_answers(
        &self,
        change: impl Fn(&mut Answers) -> Result<(), EditError>,
    ) -> Result<(), EditError> {
        let Some(id) = self
            .answers
            .with_untracked(|a| a.as_ref().map(|a| a.evaluation_id.clone()))
        else {
            return Ok(());
        };
        let mut result = Ok(());
        self.answers.update(|a| {
            if let Some(a) = a {
                result = change(&mut a.answers);
            }
        });
        result?;
        let key = self.keys().answers(&id);
        self.write(
            &key,
            || {
                self.answers
                    .with_untracked(|a| a.as_ref().map(|a| a.answers.clone()).unwrap_or_default())
            },
            || {
                let mut fresh: Answers = self.read(&key).unwrap_or_default();
                if change(&mut fresh).is_err() {
                    return false;
                }
                self.answers.set(Some(OpenAnswers {
                    evaluation_id: id.clone(),
                    answers: fresh,
                }));
                true
            },
        );
        Ok(())
    }

    /// Applies an edit to one point of the open evaluation.
    pub fn edit(&self, point_id: &str, edit: Edit) -> Result<(), EditError> {
        let fw = self.current_framework().ok_or(EditError::UnknownPoint)?;
        self.update_answers(|a| a.apply(&fw, point_id, edit.clone()))
    }

    /// Remembers the point the user is on.
    pub fn set_position(&self, point_id: &str) {
        let same = self.answers.with_untracked(|a| {
            a.as_ref()
                .is_some_and(|a| a.answers.position.as_deref() == Some(point_id))
        });
        if !same {
            let _ = self.update_answers(|a| {
                a.position = Some(point_id.to_string());
                Ok(())
            });
        }
    }

    /// Reacts to another tab's write.
    pub fn on_storage_event(&self, key: Option<String>) {
        let keys = self.keys();
        match key.as_deref() {
            // `None`: the other tab cleared all storage.
            None => self.load_all(),
            Some(META_KEY) => {
                let m: Meta = self.read(META_KEY).unwrap_or_default();
                self.lang.set(m.lang);
                let profile_changed =
                    m.active_profile != self.meta.with_untracked(|x| x.active_profile.clone());
                self.meta.set(m);
                if profile_changed {
                    self.reload_workspace();
                }
            }
            Some(k) if k == keys.workspace() => self.reload_workspace(),
            Some(k) => {
                let open = self
                    .answers
                    .with_untracked(|a| a.as_ref().map(|a| a.evaluation_id.clone()));
                if let Some(id) = open {
                    if k == keys.answers(&id) {
                        self.load_answers(&id);
                    }
                }
            }
        }
    }
}
