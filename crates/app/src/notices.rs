//! Messages for the user: one at a time, in the language of the interface at the moment it is shown, with an
//! action offered where there is an obvious next step.

use crate::i18n::{Lang, Localized, K};
use leptos::prelude::*;
use std::rc::Rc;
use xzzp_core::store::StoreError;

/// Something the user can do right from a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    /// Download a backup of everything (offered when storage is full).
    DownloadBackup,
    /// Go to the data page (offered for unreadable data).
    OpenDataPage,
}

/// A message shown in the notice area.
#[derive(Clone)]
pub struct Notice {
    /// Error or information.
    pub error: bool,
    message: Rc<dyn Localized>,
    /// An action offered with the message.
    pub action: Option<NoticeAction>,
}

/// A fixed message of the catalogue as a [`Localized`] value.
struct Key(K);

impl Localized for Key {
    fn text(&self, lang: Lang) -> String {
        self.0.text(lang).to_string()
    }
}

impl Notice {
    /// A notice with any message.
    pub fn of(error: bool, message: impl Localized + 'static) -> Self {
        Notice {
            error,
            message: Rc::new(message),
            action: None,
        }
    }

    /// An informational notice with a fixed message.
    pub fn info(key: K) -> Self {
        Self::of(false, Key(key))
    }

    /// An error notice with a fixed message.
    pub fn error(key: K) -> Self {
        Self::of(true, Key(key))
    }

    /// A notice for a storage problem, with the action that helps.
    pub fn storage(e: StoreError) -> Self {
        let action = match e {
            StoreError::Quota => Some(NoticeAction::DownloadBackup),
            StoreError::Unreadable(_) | StoreError::Quarantined { .. } => {
                Some(NoticeAction::OpenDataPage)
            }
            _ => None,
        };
        Notice {
            action,
            ..Self::of(true, e)
        }
    }

    /// The text in a language.
    pub fn text(&self, lang: Lang) -> String {
        self.message.text(lang)
    }
}

/// The notice area's content.
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Option<Notice>, LocalStorage>);

impl Notices {
    /// No notice yet.
    pub fn new() -> Self {
        Notices(RwSignal::new_local(None))
    }

    /// Shows a notice (replacing the one shown).
    pub fn show(&self, n: Notice) {
        self.0.set(Some(n));
    }

    /// Closes the notice.
    pub fn close(&self) {
        self.0.set(None);
    }

    /// The notice shown (tracked).
    pub fn current(&self) -> Option<Notice> {
        self.0.get()
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}
