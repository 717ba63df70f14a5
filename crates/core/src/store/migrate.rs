//! Moving stored data of an older layout (which keys exist, in which tier) to the current one, without loss.
//! Values themselves are migrated by their envelope's schema ([`crate::persist::decode`]); this is about keys.
//!
//! Layout 1 → 2:
//! - the open school, evaluation and plan were fields of the workspace (`current_school`, `current_evaluation`,
//!   `current_plan`); they become the profile's [`Session`] document, and the workspace is written without them;
//! - teachers' answer files (`respondents.<evaluation>`) lived in localStorage; they move to the large tier
//!   (IndexedDB), which can hold far more. They are copied first and removed from localStorage only after the
//!   copy is stored, so a failure leaves them where they were.
//!
//! Every step is idempotent: running it again after an interruption finishes the job and changes nothing else.

use super::kind::{parse_key, Kind, Tier};
use super::{Read, Store};
use crate::persist::{self, Meta, ProfileKeys, Session, Workspace};
use serde::Deserialize;

/// The selection as layout 1 kept it inside the workspace.
#[derive(Deserialize)]
struct SelectionV1 {
    #[serde(default)]
    current_school: Option<String>,
    #[serde(default)]
    current_evaluation: Option<String>,
    #[serde(default)]
    current_plan: Option<String>,
}

/// The profiles whose data is on this computer: the settings' list and any profile found in the keys.
fn profiles(store: &Store, meta: &Meta) -> Vec<String> {
    let mut v: Vec<String> = meta.profiles.iter().map(|p| p.id.clone()).collect();
    for k in store.keys_with_prefix(persist::PREFIX) {
        if let Some(p) = parse_key(&k).and_then(|p| p.profile) {
            if !v.contains(&p) {
                v.push(p);
            }
        }
    }
    v
}

/// The steps that need only localStorage: moves each profile's selection out of its workspace.
pub fn local(store: &Store, meta: &Meta) {
    let active = store.profile();
    for profile in profiles(store, meta) {
        store.set_profile(&profile);
        let keys = ProfileKeys::new(&profile);
        let ws_key = keys.workspace();
        let Ok(Some(raw)) = store.raw(&ws_key) else {
            continue;
        };
        // Unreadable workspaces stay exactly as they are; the data page reports them.
        let Read::Ready(sel) = store.read::<SelectionV1>(&ws_key) else {
            continue;
        };
        let has_selection = sel.current_school.is_some()
            || sel.current_evaluation.is_some()
            || sel.current_plan.is_some();
        if has_selection && matches!(store.read::<Session>(&keys.session()), Read::Missing) {
            let session = Session {
                school: sel.current_school,
                evaluation: sel.current_evaluation,
                plan: sel.current_plan,
            };
            if store.write(&keys.session(), &session).is_err() {
                continue;
            }
        }
        // Rewrite the workspace without the old fields (only once the session holds them).
        if raw.contains("\"current_") {
            if let Read::Ready(ws) = store.read::<Workspace>(&ws_key) {
                let _ = store.write(&ws_key, &ws);
            }
        }
    }
    store.set_profile(&active);
}

/// Keys that layout 1 kept in localStorage but that belong in the large tier.
pub fn pending_moves(store: &Store) -> Vec<String> {
    if store.tiers_shared() {
        return vec![];
    }
    store
        .backend(Tier::Local)
        .keys_with_prefix(persist::PREFIX)
        .into_iter()
        .filter(|k| parse_key(k).is_some_and(|p| p.kind.tier() == Tier::Large))
        .collect()
}

/// Moves one key from localStorage to the large tier: the text is copied unchanged (an unreadable value stays
/// unreadable), then removed from localStorage. When the large tier already holds the key (an earlier,
/// interrupted move), the copy there is kept.
pub fn move_key(store: &Store, key: &str) -> Result<(), super::BackendError> {
    let local = store.backend(Tier::Local);
    let large = store.backend(Tier::Large);
    let Some(text) = local.get(key)? else {
        return Ok(());
    };
    if large.get(key)?.is_none() {
        large.set(key, &text)?;
    }
    local.remove(key)
}

/// Moves every pending key (host tests and backends that persist synchronously). The browser edge moves each
/// key only after IndexedDB confirmed the copy, with [`pending_moves`] and [`move_key`].
pub fn move_to_large(store: &Store) {
    for k in pending_moves(store) {
        if let Err(e) = move_key(store, &k) {
            store.report(e.into());
        }
    }
}

/// Whether a key is of a kind this version knows and of the large tier (used by the browser edge's mirror).
pub fn is_large(key: &str) -> bool {
    parse_key(key).is_some_and(|p| p.kind.tier() == Tier::Large && p.kind != Kind::Meta)
}
