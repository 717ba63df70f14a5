//! Browser tests (wasm-bindgen-test in headless Chromium): the storage door and DOM glue.
#![cfg(target_arch = "wasm32")]

use school_self_eval::storage::{self, StorageError};
use wasm_bindgen_test::*;
use xzzp_core::framework::SchoolType;
use xzzp_core::persist::{self, Workspace};
use xzzp_core::school::School;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn workspace(name: &str) -> Workspace {
    let mut w = Workspace::default();
    w.schools.push(School::new("s1", name, SchoolType::Primary));
    w
}

#[wasm_bindgen_test]
fn values_round_trip_with_increasing_revisions() {
    let key = "xzzp.test.roundtrip";
    storage::remove(key).unwrap();
    assert_eq!(storage::load::<Workspace>(key).unwrap(), None);
    let rev1 = storage::save(key, &workspace("一小"), None).unwrap();
    assert_eq!(rev1, 1);
    let rev2 = storage::save(key, &workspace("二小"), Some(rev1)).unwrap();
    assert_eq!(rev2, 2);
    let loaded = storage::load::<Workspace>(key).unwrap().unwrap();
    assert_eq!(loaded.rev, 2);
    assert_eq!(loaded.value.schools[0].name, "二小");
    assert!(storage::keys_with_prefix("xzzp.test.").contains(&key.to_string()));
    assert!(storage::bytes_used() > 0);
    storage::remove(key).unwrap();
}

#[wasm_bindgen_test]
fn a_write_by_another_tab_is_a_conflict_and_is_not_overwritten() {
    let key = "xzzp.test.conflict";
    storage::remove(key).unwrap();
    let rev = storage::save(key, &workspace("本窗口"), None).unwrap();
    // Another tab writes revision 2 behind our back.
    local()
        .set_item(key, &persist::encode(&workspace("另一窗口"), rev + 1))
        .unwrap();
    let err = storage::save(key, &workspace("本窗口改"), Some(rev)).unwrap_err();
    assert_eq!(err, StorageError::Conflict { key: key.into() });
    let kept = storage::load::<Workspace>(key).unwrap().unwrap();
    assert_eq!(kept.value.schools[0].name, "另一窗口");
    storage::remove(key).unwrap();
}

#[wasm_bindgen_test]
fn an_unreadable_value_is_reported_kept_and_never_overwritten() {
    let key = "xzzp.test.corrupt";
    let raw = "{\"schema\":1,\"rev\":3,\"data\":{\"schools\":[{\"id\":\"s1\",\"na";
    local().set_item(key, raw).unwrap();
    match storage::load::<Workspace>(key) {
        Err(StorageError::Unreadable { key: k, .. }) => assert_eq!(k, key),
        other => panic!("expected Unreadable, got {other:?}"),
    }
    assert!(storage::is_quarantined(key));
    assert_eq!(
        storage::save(key, &workspace("新"), Some(3)).unwrap_err(),
        StorageError::Quarantined { key: key.into() }
    );
    assert_eq!(
        storage::raw(key).unwrap().as_deref(),
        Some(raw),
        "the raw text is untouched"
    );
    storage::remove(key).unwrap();
    assert!(!storage::is_quarantined(key));
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_quota_exceeded() {
    let s = local();
    // Fill with ever smaller chunks until not even 1 KiB fits.
    let mut filled = Vec::new();
    let mut size = 1024 * 1024;
    while size >= 1024 {
        let chunk = "满".repeat(size);
        let k = format!("xzzp.test.fill.{}", filled.len());
        if s.set_item(&k, &chunk).is_ok() {
            filled.push(k);
        } else {
            size /= 4;
        }
    }
    assert!(!filled.is_empty());
    let big = workspace(&"校".repeat(64 * 1024));
    let err = storage::save("xzzp.test.quota", &big, None).unwrap_err();
    for k in &filled {
        s.remove_item(k).unwrap();
    }
    let _ = storage::remove("xzzp.test.quota");
    assert_eq!(err, StorageError::Quota);
    assert!(err.zh().contains("存储空间已满"));
}

#[wasm_bindgen_test]
fn the_crash_notice_replaces_a_dead_page() {
    school_self_eval::panic::show_crash_notice();
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.get_element_by_id("crash").expect("crash notice shown");
    assert!(el.text_content().unwrap().contains("已自动保存"));
    assert!(
        el.query_selector("a[href]").unwrap().is_some(),
        "it offers a reload link"
    );
    el.remove();
}
