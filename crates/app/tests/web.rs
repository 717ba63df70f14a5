//! Browser tests (wasm-bindgen-test in headless Chromium): the real storage backends and DOM glue.
#![cfg(target_arch = "wasm32")]

use school_self_eval::backends::{IdbMirror, LargeBackend, LocalBackend};
use std::rc::Rc;
use wasm_bindgen_test::*;
use xzzp_core::framework::SchoolType;
use xzzp_core::i18n::Localized;
use xzzp_core::persist::{self, Workspace};
use xzzp_core::school::School;
use xzzp_core::store::{Backend, Read, Store, StoreError};

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn workspace(name: &str) -> Workspace {
    let mut w = Workspace::default();
    w.schools.push(School::new("s1", name, SchoolType::Primary));
    w
}

fn store() -> Rc<Store> {
    let b: Rc<dyn Backend> = Rc::new(LocalBackend);
    Store::new(b.clone(), b, Rc::new(js_sys::Date::now))
}

#[wasm_bindgen_test]
fn values_round_trip_through_local_storage_with_increasing_revisions() {
    let s = store();
    let key = "xzzp.test.roundtrip";
    s.remove(key).unwrap();
    assert_eq!(s.read::<Workspace>(key), Read::Missing);
    assert_eq!(s.write(key, &workspace("一小")).unwrap(), 1);
    assert_eq!(s.write(key, &workspace("二小")).unwrap(), 2);
    let again = store();
    match again.read::<Workspace>(key) {
        Read::Ready(w) => assert_eq!(w.schools[0].name, "二小"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        persist::peek_rev(&local().get_item(key).unwrap().unwrap()),
        Some(2)
    );
    assert!(LocalBackend
        .keys_with_prefix("xzzp.test.")
        .contains(&key.to_string()));
    assert!(LocalBackend.chars_used("xzzp.test.") > 0);
    s.remove(key).unwrap();
}

#[wasm_bindgen_test]
fn a_write_by_another_tab_is_a_conflict_and_is_not_overwritten() {
    let s = store();
    let key = "xzzp.test.conflict";
    s.remove(key).unwrap();
    let rev = s.write(key, &workspace("本窗口")).unwrap();
    // Another tab writes the next revision behind this store's back.
    local()
        .set_item(key, &persist::encode(&workspace("另一窗口"), rev + 1))
        .unwrap();
    assert_eq!(
        s.write(key, &workspace("本窗口改")).unwrap_err(),
        StoreError::Conflict { key: key.into() }
    );
    match s.read::<Workspace>(key) {
        Read::Ready(w) => assert_eq!(w.schools[0].name, "另一窗口"),
        other => panic!("{other:?}"),
    }
    s.remove(key).unwrap();
}

#[wasm_bindgen_test]
fn an_unreadable_value_is_reported_kept_and_never_overwritten() {
    let s = store();
    let key = "xzzp.test.corrupt";
    let raw = "{\"schema\":1,\"rev\":3,\"data\":{\"schools\":[{\"id\":\"s1\",\"na";
    local().set_item(key, raw).unwrap();
    match s.read::<Workspace>(key) {
        Read::Unreadable(u) => assert_eq!(u.raw, raw),
        other => panic!("expected Unreadable, got {other:?}"),
    }
    assert!(s.is_quarantined(key));
    assert_eq!(
        s.write(key, &workspace("新")).unwrap_err(),
        StoreError::Quarantined { key: key.into() }
    );
    assert_eq!(
        local().get_item(key).unwrap().as_deref(),
        Some(raw),
        "the raw text is untouched"
    );
    s.remove(key).unwrap();
    assert!(!s.is_quarantined(key));
}

#[wasm_bindgen_test]
fn a_full_local_storage_is_reported_as_quota_exceeded() {
    let st = local();
    // Fill with ever smaller chunks until not even 1 KiB fits.
    let mut filled = Vec::new();
    let mut size = 1024 * 1024;
    while size >= 1024 {
        let chunk = "满".repeat(size);
        let k = format!("xzzp.test.fill.{}", filled.len());
        if st.set_item(&k, &chunk).is_ok() {
            filled.push(k);
        } else {
            size /= 4;
        }
    }
    assert!(!filled.is_empty());
    let big = workspace(&"校".repeat(64 * 1024));
    let s = store();
    let err = s.write("xzzp.test.quota", &big).unwrap_err();
    for k in &filled {
        st.remove_item(k).unwrap();
    }
    let _ = s.remove("xzzp.test.quota");
    assert_eq!(err, StoreError::Quota);
    assert!(err.zh().contains("存储空间已满"));
}

#[wasm_bindgen_test]
async fn indexeddb_keeps_large_documents_across_a_reopen() {
    let key = "xzzp.p.webtest.respondents.e1";
    let text = persist::encode(&vec!["李老师".to_string(); 2000], 1);
    let mirror = Rc::new(IdbMirror::open().await.expect("IndexedDB opens"));
    mirror.persist(key, Some(&text)).await.unwrap();
    // A new page (a reload) reads it back into memory.
    let again = Rc::new(IdbMirror::open().await.unwrap());
    let large = LargeBackend(again.clone());
    assert_eq!(large.get(key).unwrap().as_deref(), Some(text.as_str()));
    assert!(large.keys().unwrap().contains(&key.to_string()));
    again.persist(key, None).await.unwrap();
    let third = IdbMirror::open().await.unwrap();
    assert_eq!(third.get(key), None);
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

fn blob_of(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
    let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .unwrap();
    js_sys::Uint8Array::new(&buf).to_vec()
}

#[wasm_bindgen_test]
async fn evidence_blobs_are_put_read_back_listed_and_removed_by_hash() {
    use school_self_eval::blobs::{self, BlobStore};
    use xzzp_core::evidence::FileDigest;
    let store = BlobStore::open().await.unwrap();
    // Over one read slice (4 MB), so that the digest is computed across slices.
    let bytes: Vec<u8> = (0..5 * 1024 * 1024 + 7)
        .map(|i| (i * 31 % 251) as u8)
        .collect();
    let blob = blob_of(&bytes);
    let digest = blobs::digest(&blob).await.unwrap();
    assert_eq!(digest, FileDigest::of(&bytes));
    store.put(&digest.hash, &blob).await.unwrap();
    // The same bytes again: one blob.
    store.put(&digest.hash, &blob).await.unwrap();
    let again = BlobStore::open().await.unwrap();
    let back = again.get(&digest.hash).await.unwrap().expect("stored");
    assert_eq!(back.size() as usize, bytes.len());
    assert_eq!(bytes_of(&back).await, bytes);
    assert_eq!(blobs::head(&back).await, bytes[..16].to_vec());
    assert!(again.hashes().await.unwrap().contains(&digest.hash));
    again.remove(&digest.hash).await.unwrap();
    assert!(again.get(&digest.hash).await.unwrap().is_none());
    assert!(!again.hashes().await.unwrap().contains(&digest.hash));
}

#[wasm_bindgen_test]
fn a_full_storage_on_writing_evidence_becomes_the_domains_storage_full_message() {
    use school_self_eval::backends::js_error;
    use school_self_eval::blobs::write_error;
    use xzzp_core::evidence::EvidenceError;
    use xzzp_core::store::BackendError;
    let ex =
        web_sys::DomException::new_with_message_and_name("quota", "QuotaExceededError").unwrap();
    let e = js_error(&ex.into());
    assert_eq!(e, BackendError::Quota);
    let mapped = write_error(e, 30 * 1024 * 1024, 1024 * 1024).unwrap();
    assert_eq!(
        mapped,
        EvidenceError::StorageFull {
            needed: 30 * 1024 * 1024,
            available: 1024 * 1024
        }
    );
    assert!(mapped
        .zh()
        .contains("浏览器存储空间不足：这些文件需要 30.0 MB，目前只剩 1.0 MB"));
    // Refused although the estimate said there was room: no "only … left" that contradicts the refusal.
    let refused = write_error(BackendError::Quota, 8 * 1024 * 1024, u64::MAX).unwrap();
    assert_eq!(
        refused,
        EvidenceError::StorageRefused {
            needed: 8 * 1024 * 1024
        }
    );
    assert!(refused
        .zh()
        .contains("浏览器拒绝保存这些文件（需要 8.0 MB）"));
    // Anything else stays the store's own error.
    assert!(write_error(BackendError::Other("x".into()), 1, 1).is_err());
}
