//! The frameworks a profile makes or imports: looking a framework up (built in first, then the profile's own),
//! saving an edited draft as a version, reading a framework file with a preview before it is saved, and
//! removing a version no evaluation uses. Every version stays stored, so an evaluation keeps the version it
//! was started on when a newer one arrives.

use super::Workbench;
use crate::framework::{compare_versions, Framework};
use crate::framework_edit::EditError;
use crate::framework_file::{self, FileError};
use crate::framework_versions::{Added, FrameworkStore, StoreError as VersionError};
use crate::i18n::{Lang, Localized};
use crate::store::StoreError;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;
use std::sync::Arc;

/// Id of the one document holding a profile's own frameworks.
pub const CUSTOM_FRAMEWORKS: &str = "custom";

/// Why a framework was not saved, imported or removed; nothing changed.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameworkMessage {
    /// The framework file was refused.
    File(FileError),
    /// The framework store refused it (same version with other content, a built-in id, problems, in use).
    Rejected(VersionError),
    /// An editing rule (a version that is not above the stored one).
    Edit(EditError),
    /// A storage problem.
    Store(StoreError),
}

impl From<StoreError> for FrameworkMessage {
    fn from(e: StoreError) -> Self {
        FrameworkMessage::Store(e)
    }
}

impl Localized for FrameworkMessage {
    fn text(&self, lang: Lang) -> String {
        match self {
            FrameworkMessage::File(e) => e.text(lang),
            FrameworkMessage::Rejected(e) => e.text(lang),
            FrameworkMessage::Edit(e) => e.text(lang),
            FrameworkMessage::Store(e) => e.text(lang),
        }
    }
}

impl Workbench {
    /// Whether an id belongs to a built-in framework (those only the templates may define).
    pub fn is_built_in(&self, id: &str) -> bool {
        self.env.is_built_in(id)
    }

    /// The profile's own frameworks (empty while the document cannot be read).
    pub fn custom_frameworks(&self) -> FrameworkStore {
        self.frameworks.value().unwrap_or_default()
    }

    /// A framework in its current version: a built-in one, else the newest stored version of the profile's own.
    pub fn framework(&self, id: &str) -> Option<Arc<Framework>> {
        self.env.framework(id).or_else(|| {
            self.frameworks.with(|s| {
                s.value()
                    .and_then(|st| st.latest(id))
                    .map(|f| Arc::new(f.clone()))
            })
        })
    }

    /// A framework in exactly this version (built in, archived, or one of the profile's stored versions).
    pub fn framework_in(&self, id: &str, version: &str) -> Option<Arc<Framework>> {
        self.env.framework_in(id, version).or_else(|| {
            self.frameworks.with(|s| {
                s.value()
                    .and_then(|st| st.get(id, version))
                    .map(|f| Arc::new(f.clone()))
            })
        })
    }

    /// The framework an evaluation uses: its version, or the current one when that version is not here.
    pub fn framework_for(&self, id: &str, version: &str) -> Option<Arc<Framework>> {
        self.framework_in(id, version)
            .or_else(|| self.framework(id))
    }

    /// Saves an edited framework as a version of the profile's own. A framework already stored needs a version
    /// above its newest one; an unchanged resave is refused the same way, so a version never changes once saved.
    pub fn save_framework(&self, fw: Framework) -> Result<Added, FrameworkMessage> {
        let store = self.custom_frameworks();
        if let Some(latest) = store.latest(&fw.id) {
            if compare_versions(&fw.version, &latest.version) != Some(Ordering::Greater) {
                return Err(FrameworkMessage::Edit(EditError::VersionNotNewer {
                    given: fw.version.clone(),
                    current: latest.version.clone(),
                }));
            }
        }
        self.add_framework(fw)
    }

    /// What saving a framework read from a file would do, without saving: the import preview. The file must
    /// pass the file checks and the shared validator; a version already stored with other content is refused.
    pub fn read_framework_file(
        &self,
        bytes: &[u8],
    ) -> Result<(Framework, Added), FrameworkMessage> {
        let fw = framework_file::import(bytes, |id| self.is_built_in(id))
            .map_err(FrameworkMessage::File)?;
        let added = self
            .custom_frameworks()
            .check_add(&fw, |id| self.is_built_in(id))
            .map_err(FrameworkMessage::Rejected)?;
        Ok((fw, added))
    }

    /// What adding a framework (read from a spreadsheet, say) would do, without adding it: for its preview.
    pub fn check_framework(&self, fw: &Framework) -> Result<Added, FrameworkMessage> {
        self.custom_frameworks()
            .check_add(fw, |id| self.is_built_in(id))
            .map_err(FrameworkMessage::Rejected)
    }

    /// Adds a framework version to the profile's own (from a file or a spreadsheet, after its preview). Older
    /// versions are kept too: some evaluation may use them. Evaluations keep the version they use.
    pub fn add_framework(&self, fw: Framework) -> Result<Added, FrameworkMessage> {
        self.custom_frameworks()
            .check_add(&fw, |id| self.is_built_in(id))
            .map_err(FrameworkMessage::Rejected)?;
        let env = self.env.clone();
        let outcome: Rc<RefCell<Option<Result<Added, VersionError>>>> = Rc::default();
        let seen = outcome.clone();
        self.frameworks.update(move |s| {
            let r = s.add(fw.clone(), |id| env.is_built_in(id));
            let changed = matches!(&r, Ok(a) if *a != Added::AlreadyStored);
            *seen.borrow_mut() = Some(r);
            changed
        })?;
        let r = outcome.borrow_mut().take();
        match r {
            Some(r) => r.map_err(FrameworkMessage::Rejected),
            None => Err(FrameworkMessage::Store(StoreError::NotOpen)),
        }
    }

    /// Removes a stored version that no evaluation of this profile uses.
    pub fn remove_framework(&self, id: &str, version: &str) -> Result<(), FrameworkMessage> {
        let evaluations = self.ws(|w| w.evaluations.clone());
        self.custom_frameworks()
            .remove(id, version, &evaluations)
            .map_err(FrameworkMessage::Rejected)?;
        let (id, version) = (id.to_string(), version.to_string());
        self.frameworks
            .update(move |s| s.remove(&id, &version, &evaluations).is_ok())?;
        Ok(())
    }
}
