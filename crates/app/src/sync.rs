//! Keeping documents in step with other tabs and with the other modules of this page. localStorage tells other
//! tabs of a write by itself (the `storage` event); IndexedDB does not, and neither reaches another module of the
//! same page, so every write is also announced on a `BroadcastChannel`, which reaches every other tab and module
//! of this site. A message is only a key: the receiver reads the value from storage itself.

use crate::state::AppState;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use xzzp_core::store::StoreEvent;

const CHANNEL: &str = "xzzp-store";

thread_local! {
    static CHANNEL_HANDLE: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

/// Starts listening to other tabs and modules.
pub fn start(state: AppState) {
    let listener = window_event_listener(leptos::ev::storage, move |e| {
        // Only this app's keys; `None` means the other tab cleared all storage.
        match e.key() {
            Some(k) if !k.starts_with(xzzp_core::persist::PREFIX) => {}
            key => state.external_change(key),
        }
    });
    // The page lives as long as the app: the listener is never removed.
    std::mem::forget(listener);
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(key) = e.data().as_string() {
                state.external_change(Some(key));
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some(channel));
}

/// Tells other tabs and modules about a write or removal. `deferred` keys (the large tier's, written to
/// IndexedDB in the background) are announced by [`announce_key`] once IndexedDB holds them: announced
/// earlier, another tab would read the value before it is there and miss the change.
pub fn announce(e: &StoreEvent, deferred: impl Fn(&str) -> bool) {
    let key = match e {
        StoreEvent::Saved { key } | StoreEvent::Removed { key } => key,
        StoreEvent::Failed(_) => return,
    };
    if !deferred(key) {
        announce_key(key);
    }
}

/// Tells other tabs and modules that a key changed.
pub fn announce_key(key: &str) {
    CHANNEL_HANDLE.with(|c| {
        if let Some(c) = &*c.borrow() {
            let _ = c.post_message(&key.into());
        }
    });
}
