//! Data management actions: backups out and in, teachers' answer files, local profiles and removing data.
//! The formats and checks live in [`xzzp_core::backup`]; this is the part that reads and writes storage.

use crate::state::{new_id, today, AppState, Keyed, Notice};
use crate::storage::{self, StorageError};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use xzzp_core::backup::{
    AnswerFile, Backup, EvaluationBackup, LedgerBackup, PlanBackup, Respondent, ANSWERS_FORMAT,
    FILE_VERSION,
};
use xzzp_core::evaluation::Answers;
use xzzp_core::ledger::Ledger;
use xzzp_core::persist::{self, Profile, Workspace, DEFAULT_PROFILE, PREFIX};
use xzzp_core::plan::Plan;
use xzzp_core::respondents::already_imported;
use xzzp_documents::report::ReportEdits;
use xzzp_templates as catalog;

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

impl AppState {
    /// A document: from memory when it is open (so unsaved changes are included), else from storage.
    fn doc<T: DeserializeOwned + Default + Clone + Send + Sync + 'static>(
        &self,
        signal: RwSignal<Option<Keyed<T>>>,
        id: &str,
        key: String,
    ) -> T {
        signal
            .with_untracked(|d| d.as_ref().filter(|d| d.id == id).map(|d| d.value.clone()))
            .or_else(|| storage::load::<T>(&key).ok().flatten().map(|d| d.value))
            .unwrap_or_default()
    }

    /// Collects a backup of the given scope. `None` when the scope has nothing (no current school).
    pub fn backup(&self, scope: Scope) -> Option<Backup> {
        let ws = self.workspace.get_untracked();
        let keys = self.keys();
        let school = ws.current_school.clone();
        let evaluation = self
            .answers
            .with_untracked(|a| a.as_ref().map(|a| a.id.clone()));
        let (schools, label): (Vec<_>, String) = match scope {
            Scope::All => (ws.schools.clone(), "全部数据".into()),
            Scope::School | Scope::Evaluation => {
                let s = ws.school(school.as_deref()?)?.clone();
                let label = s.name.clone();
                (vec![s], label)
            }
        };
        let in_scope = |school_id: &str| schools.iter().any(|s| s.id == school_id);
        let mut b = Backup::new(&today().to_string(), &label);
        for h in ws.evaluations.iter().filter(|e| in_scope(&e.school_id)) {
            if scope == Scope::Evaluation && evaluation.as_deref() != Some(h.id.as_str()) {
                continue;
            }
            b.evaluations.push(EvaluationBackup {
                header: h.clone(),
                answers: self.doc(self.answers, &h.id, keys.answers(&h.id)),
                report: self.doc::<ReportEdits>(self.report, &h.id, keys.report(&h.id)),
                respondents: self.doc::<Vec<AnswerFile>>(
                    self.respondents,
                    &h.id,
                    keys.respondents(&h.id),
                ),
            });
        }
        if scope == Scope::Evaluation && b.evaluations.is_empty() {
            return None;
        }
        if scope != Scope::Evaluation {
            for h in ws.plans.iter().filter(|p| in_scope(&p.school_id)) {
                b.plans.push(PlanBackup {
                    header: h.clone(),
                    plan: self.doc::<Plan>(self.plan, &h.id, keys.plan(&h.id)),
                });
            }
            for s in &schools {
                let ledger: Ledger = self.doc(self.ledger, &s.id, keys.ledger(&s.id));
                if !ledger.tasks.is_empty() {
                    b.ledgers.push(LedgerBackup {
                        school_id: s.id.clone(),
                        ledger,
                    });
                }
            }
        }
        b.schools = schools;
        Some(b)
    }

    /// Writes an accepted backup: every document first, then the workspace. If any write fails (storage
    /// full), everything written so far is put back as it was, so a failed import changes nothing.
    pub fn apply_backup(&self, b: &Backup) -> Result<(), StorageError> {
        let keys = self.keys();
        let merged = xzzp_core::backup::merge_workspace(&self.workspace.get_untracked(), b);
        let mut writes: Vec<(String, &dyn erased::Encode)> = Vec::new();
        for e in &b.evaluations {
            let id = &e.header.id;
            writes.push((keys.answers(id), &e.answers));
            writes.push((keys.report(id), &e.report));
            writes.push((keys.respondents(id), &e.respondents));
        }
        for p in &b.plans {
            writes.push((keys.plan(&p.header.id), &p.plan));
        }
        for l in &b.ledgers {
            writes.push((keys.ledger(&l.school_id), &l.ledger));
        }
        writes.push((keys.workspace(), &merged));
        let mut done: Vec<(String, Option<String>)> = Vec::new();
        for (key, value) in &writes {
            // Continue the key's revision, so other tabs see a newer write and reload.
            let rev = storage::raw(key)
                .ok()
                .flatten()
                .and_then(|r| persist::peek_rev(&r))
                .unwrap_or(0)
                + 1;
            match storage::replace_raw(key, &value.encode(rev)) {
                Ok(before) => done.push((key.clone(), before)),
                Err(e) => {
                    for (k, before) in done.iter().rev() {
                        storage::restore_raw(k, before.as_deref());
                    }
                    return Err(e);
                }
            }
        }
        self.reload_workspace();
        Ok(())
    }

    /// A teacher's answer file from the open evaluation.
    pub fn answer_file(&self, name: &str, role: &str) -> Option<AnswerFile> {
        let header = untrack(|| self.current_evaluation())?;
        let school = untrack(|| self.current_school())
            .map(|s| s.name)
            .unwrap_or_default();
        let answers: Answers = self
            .answers
            .with_untracked(|a| a.as_ref().map(|a| a.value.clone()))?;
        Some(AnswerFile {
            format: ANSWERS_FORMAT.into(),
            version: FILE_VERSION,
            id: new_id(),
            respondent: Respondent {
                name: name.trim().into(),
                role: role.trim().into(),
            },
            school,
            framework_id: header.framework_id,
            framework_version: header.framework_version,
            school_year: header.school_year,
            term: header.term,
            exported_at: today().to_string(),
            answers: answers.by_point,
        })
    }

    /// Merges a teacher's answer file into the open evaluation. Refused (with a message) when the framework
    /// differs or the same file was imported before; returns whether it was added.
    pub fn import_answer_file(&self, file: AnswerFile) -> bool {
        let Some(header) = untrack(|| self.current_evaluation()) else {
            self.tell(Notice::error(
                "请先在“自评问卷”中打开要汇总的自评，再导入教职工答卷。",
                "Open the evaluation to merge into first (Questionnaire), then import the answer files.",
            ));
            return false;
        };
        if file.framework_id != header.framework_id {
            let title = catalog::framework(&file.framework_id)
                .map(|f| f.title.clone())
                .unwrap_or_default();
            self.tell(Notice::error(
                format!(
                    "{}的答卷使用的是“{title}”，与当前自评的评价框架不同，未导入。",
                    file.respondent.name
                ),
                format!(
                    "{}'s answers use another framework; not imported.",
                    file.respondent.name
                ),
            ));
            return false;
        }
        let known = self.respondents.with_untracked(|r| {
            r.as_ref()
                .is_some_and(|r| already_imported(&r.value, &file))
        });
        if known {
            self.tell(Notice::info(
                format!(
                    "{}的这份答卷已经导入过，不会重复计算。",
                    file.respondent.name
                ),
                format!(
                    "This answer file of {} was imported before; it is not counted twice.",
                    file.respondent.name
                ),
            ));
            return false;
        }
        if self.respondents.with_untracked(Option::is_none) {
            self.respondents.set(Some(Keyed {
                id: header.id.clone(),
                value: Vec::new(),
            }));
        }
        self.update_doc(
            self.respondents,
            |k, id| k.respondents(id),
            move |list| {
                if !already_imported(list, &file) {
                    list.push(file.clone());
                }
                true
            },
        )
    }

    /// Removes one imported answer file from the open evaluation.
    pub fn remove_respondent(&self, file_id: &str) {
        let gone = file_id.to_string();
        self.update_doc(
            self.respondents,
            |k, id| k.respondents(id),
            move |list| {
                list.retain(|f| f.id != gone);
                true
            },
        );
    }

    /// Switches to another local profile.
    pub fn switch_profile(&self, id: &str) {
        let id = id.to_string();
        self.update_meta(move |m| m.active_profile = id.clone());
        self.reload_workspace();
    }

    /// Adds a local profile and switches to it.
    pub fn add_profile(&self, name: &str) {
        let id = new_id();
        let name = name.trim().to_string();
        self.update_meta(move |m| {
            m.profiles.push(Profile {
                id: id.clone(),
                name: name.clone(),
            });
            m.active_profile = id.clone();
        });
        self.reload_workspace();
    }

    /// Removes every key of a profile and the profile itself (the default profile is emptied, not removed),
    /// then switches to the default profile. Returns how many keys were removed.
    pub fn remove_profile_data(&self, id: &str) -> usize {
        let prefix = persist::ProfileKeys::new(id).prefix();
        let keys = storage::keys_with_prefix(&prefix);
        for k in &keys {
            self.remove_key(k);
        }
        let gone = id.to_string();
        self.update_meta(move |m| {
            if gone != DEFAULT_PROFILE {
                m.profiles.retain(|p| p.id != gone);
            }
            m.active_profile = DEFAULT_PROFILE.into();
        });
        self.reload_workspace();
        keys.len()
    }

    /// Removes every key this app ever wrote on this computer, for every profile, and starts afresh.
    pub fn remove_all_data(&self) -> usize {
        let keys = storage::keys_with_prefix(PREFIX);
        for k in &keys {
            self.remove_key(k);
        }
        self.meta.set(Default::default());
        self.workspace.set(Workspace::default());
        self.load_all();
        keys.len()
    }

    /// Loads the sample schools into their own profile (never into a school's real data) and switches to it.
    pub fn load_demo(&self) -> Result<(), StorageError> {
        use xzzp_documents::demo::{build, DEMO_PROFILE};
        for k in storage::keys_with_prefix(&persist::ProfileKeys::new(DEMO_PROFILE).prefix()) {
            self.remove_key(&k);
        }
        self.update_meta(|m| {
            if !m.profiles.iter().any(|p| p.id == DEMO_PROFILE) {
                m.profiles.push(Profile {
                    id: DEMO_PROFILE.into(),
                    name: "示例（培训演示）".into(),
                });
            }
            m.active_profile = DEMO_PROFILE.into();
        });
        self.reload_workspace();
        let result = self.apply_backup(&build(today()));
        if let Some(first) = self
            .workspace
            .with_untracked(|w| w.schools.first().map(|s| s.id.clone()))
        {
            self.select_school(&first);
        }
        result
    }

    /// Whether the sample data is what is shown now.
    pub fn in_demo(&self) -> bool {
        self.meta
            .with(|m| m.active_profile == xzzp_documents::demo::DEMO_PROFILE)
    }

    /// Removes the sample data and goes back to the school's own data.
    pub fn reset_demo(&self) {
        self.remove_profile_data(xzzp_documents::demo::DEMO_PROFILE);
    }

    /// Discards an unreadable value after the user has been told (and offered a download).
    pub fn discard_unreadable(&self, key: &str) {
        self.remove_key(key);
        self.load_all();
    }
}

/// Type erasure for writing envelopes of different types into one list.
mod erased {
    /// A value that can be written as a current envelope.
    pub trait Encode {
        /// The envelope text at a revision.
        fn encode(&self, rev: u64) -> String;
    }

    impl<T: serde::Serialize> Encode for T {
        fn encode(&self, rev: u64) -> String {
            xzzp_core::persist::encode(self, rev)
        }
    }
}
