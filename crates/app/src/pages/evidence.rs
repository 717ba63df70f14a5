//! 佐证材料 in the questionnaire: per point, the 佐证材料 list as a checklist, the attached files (attach by
//! picking or dropping, preview, download, link to a listed item, remove); above the points, how much
//! evidence is present per area, "next point without evidence", and the evidence package (.zip) and its
//! 目录 (CSV).
//!
//! Attaching never half-saves: every file of a batch is checked by the domain first (size, duplicates,
//! room after de-duplication against the browser's estimate), then the new blobs are written, and only
//! when all of them are stored is the evidence document changed; a failure on the way deletes the blobs
//! this batch wrote and changes nothing else.

use crate::blobs::{self, BlobStore};
use crate::download::file_list;
use crate::i18n::{Localized, Msg, K};
use crate::notices::Notice;
use crate::state::{use_app, AppState};
use crate::ui::{tr, Content};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use xzzp_core::evidence::counts;
use xzzp_core::evidence::limits::{self, format_size, kind_label, Preview, MAX_FILE_BYTES};
use xzzp_core::evidence::store::check_room;
use xzzp_core::evidence::{AddedBy, Attachment, ContentHash, EvidenceError, NewFile, Shrunk};
use xzzp_core::framework::{Framework, Point};
use xzzp_core::store::workbench::EvidenceOf;
use xzzp_documents::evidence_pack::{evidence_pack, EvidencePack, PackInput, PackOptions};
use xzzp_documents::export::zip::Part;

/// Now as an ISO 8601 local date-time (no chrono format strings: they cost WebAssembly).
fn iso(date: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

fn now_iso() -> String {
    iso(&js_sys::Date::new_0())
}

/// Attaches picked or dropped files to a point; see the module's note on the order of writes. `shrunk[i]`
/// is set when `files[i]` is the smaller copy of a photo.
fn attach_files(
    state: AppState,
    of: EvidenceOf,
    point_id: String,
    files: Vec<web_sys::File>,
    shrunk: Vec<Option<Shrunk>>,
) {
    if files.is_empty() {
        return;
    }
    spawn_local(async move {
        // Too large: refused before reading a byte.
        if let Some(f) = files.iter().find(|f| f.size() as u64 > MAX_FILE_BYTES) {
            state.tell(Notice::of(
                true,
                EvidenceError::TooLarge {
                    name: f.name(),
                    size: f.size() as u64,
                },
            ));
            return;
        }
        state.tell(Notice::info(K::EvidenceReading));
        let mut new = Vec::new();
        for (i, f) in files.iter().enumerate() {
            let digest = match blobs::digest(f).await {
                Ok(d) => d,
                Err(_) => {
                    state.tell(Notice::of(true, Msg::EvidenceReadFailed(f.name())));
                    return;
                }
            };
            new.push(NewFile {
                name: f.name(),
                media_type: f.type_(),
                digest,
                added: now_iso(),
                modified: Some(iso(&js_sys::Date::new(&f.last_modified().into()))),
                // Set by the workbench: the principal, or in teacher mode the teacher.
                added_by: AddedBy::Principal,
                shrunk: shrunk.get(i).copied().flatten(),
                items: vec![],
            });
        }
        let Some(plan) = state.act(|wb| wb.plan_attach(of, &point_id, &new)) else {
            return;
        };
        let mut available = u64::MAX;
        if let Some((usage, quota)) = crate::state::storage_estimate().await {
            if let Err(e) = check_room(&plan.need, usage, quota) {
                state.tell(Notice::of(true, e));
                return;
            }
            available = quota
                .saturating_sub(usage)
                .saturating_sub(limits::STORAGE_RESERVE_BYTES);
        }
        let Ok(store) = BlobStore::shared().await else {
            state.tell(Notice::error(K::EvidenceStorageUnavailable));
            return;
        };
        blobs::set_pending(&plan.write, true);
        let mut written: Vec<ContentHash> = Vec::new();
        let mut failure = None;
        for hash in &plan.write {
            let Some(i) = new.iter().position(|f| &f.digest.hash == hash) else {
                continue;
            };
            match store.put(hash, &files[i]).await {
                Ok(()) => written.push(hash.clone()),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        let attached = match failure {
            None => state
                .act(|wb| wb.attach_evidence(of, &point_id, new))
                .is_some(),
            Some(e) => {
                match blobs::write_error(e, plan.need.bytes, available) {
                    Ok(full) => state.tell(Notice::of(true, full)),
                    Err(other) => state.tell(Notice::storage(other.into())),
                }
                false
            }
        };
        if !attached {
            // Nothing else refers to these blobs: they were new.
            for h in &written {
                let _ = store.remove(h).await;
            }
        } else {
            state.tell(Notice::info(K::EvidenceSaved));
        }
        blobs::set_pending(&plan.write, false);
        state.measure_usage();
    });
}

/// Shrinks the large photos of a batch (the others go as they are), then attaches the batch. The time of
/// the whole shrinking is a performance.measure entry, `evidence-shrink`.
fn shrink_and_attach(state: AppState, of: EvidenceOf, point_id: String, files: Vec<web_sys::File>) {
    spawn_local(async move {
        state.tell(Notice::info(K::EvidenceShrinking));
        let perf = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &perf {
            let _ = p.mark("evidence-shrink:start");
        }
        let mut out = Vec::with_capacity(files.len());
        let mut shrunk = Vec::with_capacity(files.len());
        for f in files {
            if !limits::offer_shrink(&f.type_(), f.size() as u64) {
                out.push(f);
                shrunk.push(None);
                continue;
            }
            match crate::shrink::shrink(&f).await {
                Ok(Some(copy)) => {
                    out.push(copy.file);
                    shrunk.push(Some(copy.shrunk));
                }
                // Not smaller as a JPEG (e.g. a drawing saved as PNG): the original is kept.
                Ok(None) => {
                    out.push(f);
                    shrunk.push(None);
                }
                Err(_) => {
                    state.tell(Notice::of(true, limits::ShrinkFailed(f.name())));
                    return;
                }
            }
        }
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark("evidence-shrink", "evidence-shrink:start");
        }
        attach_files(state, of, point_id, out, shrunk);
    });
}

/// Removes an attachment, then deletes its blob if nobody uses it any more.
fn remove_file(state: AppState, of: EvidenceOf, point_id: String, id: String) {
    let Some(unused) = state.act(|wb| wb.remove_evidence(of, &point_id, &id)) else {
        return;
    };
    delete_blobs(state, unused);
}

/// Deletes blobs nobody uses any more (after the change that released them is saved).
fn delete_blobs(state: AppState, unused: Vec<ContentHash>) {
    spawn_local(async move {
        if let Ok(store) = BlobStore::shared().await {
            for h in &unused {
                let _ = store.remove(h).await;
            }
        }
        state.measure_usage();
    });
}

/// A stored file as a Blob of its recorded type, checked against its record: missing or of another size
/// is reported as the domain's Missing or Damaged.
async fn stored_blob(point_id: &str, a: &Attachment) -> Result<web_sys::Blob, EvidenceError> {
    let missing = || EvidenceError::Missing {
        name: a.name.clone(),
        point_id: point_id.into(),
    };
    let store = BlobStore::shared().await.map_err(|_| missing())?;
    let blob = store
        .get(&a.hash)
        .await
        .ok()
        .flatten()
        .ok_or_else(missing)?;
    if blob.size() as u64 != a.size {
        return Err(EvidenceError::Damaged {
            name: a.name.clone(),
            point_id: point_id.into(),
        });
    }
    Ok(blob)
}

fn typed(blob: &web_sys::Blob, media_type: &str) -> Option<web_sys::Blob> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(media_type);
    web_sys::Blob::new_with_blob_sequence_and_options(&js_sys::Array::of1(blob), &opts).ok()
}

/// Offers a Blob as a download (no copy into WebAssembly memory).
fn save_blob(state: AppState, name: &str, blob: &web_sys::Blob) {
    let result = (|| -> Option<()> {
        let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
        let doc = document();
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.set_attribute("hidden", "").ok()?;
        doc.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(60),
        );
        Some(())
    })();
    if result.is_none() {
        state.tell(Notice::of(
            true,
            crate::i18n::Msg::DownloadFailed(name.to_string()),
        ));
    }
}

/// What is shown in the preview: the object URL, how, and the file's name.
#[derive(Clone, PartialEq)]
struct Shown {
    url: String,
    kind: Preview,
    name: String,
}

/// Opens a file: images and PDFs in the page, anything else as a download.
fn open_file(state: AppState, point_id: String, a: Attachment, shown: RwSignal<Option<Shown>>) {
    spawn_local(async move {
        let blob = match stored_blob(&point_id, &a).await {
            Ok(b) => b,
            Err(e) => {
                state.tell(Notice::of(true, e));
                return;
            }
        };
        let head = blobs::head(&blob).await;
        let kind = limits::preview(&a.media_type, Some(&head));
        let media_type = limits::sniff(&head).unwrap_or(a.media_type.as_str());
        let Some(blob) = typed(&blob, media_type) else {
            return;
        };
        if kind == Preview::Download {
            save_blob(state, &a.name, &blob);
            return;
        }
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Some(old) = shown.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old.url);
        }
        shown.set(Some(Shown {
            url,
            kind,
            name: a.name.clone(),
        }));
    });
}

/// Builds the evidence package and offers it as one Blob stitched from generated blocks and the stored
/// blobs (no file is copied into WebAssembly memory).
pub fn export_pack(state: AppState) {
    let wb = state.wb();
    let (Some(header), Some(school), Some(fw)) = (
        wb.current_evaluation(),
        wb.current_school(),
        wb.current_framework(),
    ) else {
        state.tell(Notice::error(K::EvidenceNoneYet));
        return;
    };
    let Some(mut doc) = wb.evidence.value() else {
        state.tell(Notice::error(K::EvidenceNoneYet));
        return;
    };
    if doc.evaluation_id.is_empty() {
        doc.evaluation_id = header.id.clone();
    }
    if doc.by_point.is_empty() {
        state.tell(Notice::error(K::EvidenceNoneYet));
        return;
    }
    let exported_at = now_iso();
    let input = PackInput {
        framework: &fw,
        evaluation: &header,
        school: &school,
        evidence: &doc,
        exported_at: &exported_at,
        made_by: &AddedBy::Principal,
        package: None,
    };
    match evidence_pack(&input, &PackOptions::default()) {
        Ok(pack) => offer_pack(state, pack),
        Err(e) => state.tell(Notice::of(true, e)),
    }
}

/// The teacher's evidence (teacher mode) as an evidence package to send back with the answer file: it names
/// the 填报包 it answers, so the principal's import takes it only for the teacher's points.
pub fn export_teacher_pack(state: AppState) {
    let Some(work) = state.wb().teacher.value().flatten() else {
        return;
    };
    if work.evidence.is_blank() {
        state.tell(Notice::error(K::EvidenceNoneYet));
        return;
    }
    let out = match work.evidence_export() {
        Ok(out) => out,
        Err(e) => {
            state.tell(Notice::of(true, e));
            return;
        }
    };
    let exported_at = now_iso();
    let input = PackInput {
        framework: &out.framework,
        evaluation: &out.header,
        school: &out.school,
        evidence: &work.evidence,
        exported_at: &exported_at,
        made_by: &out.made_by,
        package: Some(&out.package),
    };
    match evidence_pack(&input, &PackOptions::default()) {
        Ok(mut pack) => {
            pack.file_name = out.file_name;
            offer_pack(state, pack);
        }
        Err(e) => state.tell(Notice::of(true, e)),
    }
}

/// Offers a package as one Blob stitched from its generated blocks and the stored blobs.
fn offer_pack(state: AppState, pack: EvidencePack) {
    spawn_local(async move {
        let perf = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &perf {
            let _ = p.mark("evidence-export:start");
        }
        let parts = js_sys::Array::new();
        for part in &pack.archive.parts {
            match part {
                Part::Bytes(b) => {
                    parts.push(&js_sys::Uint8Array::from(&b[..]));
                }
                Part::Blob(hash) => {
                    let Some(f) = pack
                        .layout
                        .files
                        .iter()
                        .find(|f| &f.attachment.hash == hash)
                    else {
                        return;
                    };
                    match stored_blob(&f.point_id, &f.attachment).await {
                        Ok(b) => {
                            parts.push(&b);
                        }
                        Err(e) => {
                            state.tell(Notice::of(true, e));
                            return;
                        }
                    }
                }
            }
        }
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/zip");
        let Ok(zip) = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &opts) else {
            return;
        };
        save_blob(state, &pack.file_name, &zip);
        // The time from the first part to the download, for the benchmark (a performance.measure entry).
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark("evidence-export", "evidence-export:start");
        }
        state.tell(Notice::info(K::EvidenceExported));
    });
}

/// Downloads the 佐证材料目录 as CSV, or as a Word document (landscape A4) when `word`.
fn export_catalogue(state: AppState, word: bool) {
    let wb = state.wb();
    let (Some(header), Some(school), Some(fw), Some(mut doc)) = (
        wb.current_evaluation(),
        wb.current_school(),
        wb.current_framework(),
        wb.evidence.value(),
    ) else {
        return;
    };
    doc.evaluation_id = header.id.clone();
    let exported_at = now_iso();
    let input = PackInput {
        framework: &fw,
        evaluation: &header,
        school: &school,
        evidence: &doc,
        exported_at: &exported_at,
        made_by: &AddedBy::Principal,
        package: None,
    };
    let layout = xzzp_documents::evidence_pack::layout(&input, &PackOptions::default());
    let cat = xzzp_documents::evidence_pack::catalogue(&input, &PackOptions::default(), &layout);
    let stem = layout.root.replace("佐证材料", "佐证材料目录");
    if word {
        let date = js_sys::Date::new_0();
        let date = format!(
            "{}年{}月{}日",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date()
        );
        crate::download::save(
            state,
            &format!("{stem}.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            &cat.document(&school, &header, &date).docx(),
        );
    } else {
        crate::download::save(
            state,
            &format!("{stem}.csv"),
            "text/csv;charset=utf-8",
            cat.to_csv().as_bytes(),
        );
    }
}

async fn slice_bytes(blob: &web_sys::Blob, start: f64, end: f64) -> Option<Vec<u8>> {
    let part = blob.slice_with_f64_and_f64(start, end).ok()?;
    let buf = JsFuture::from(part.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Restores an evidence package (the evidence backup) into the open evaluation. The archive is never read
/// whole: its end record, central directory and manifest are read, and each file's entry is a slice of the
/// picked file, digested in slices and stored as it is.
fn import_pack(state: AppState, file: web_sys::File) {
    spawn_local(async move {
        if let Some(outcome) = import_pack_now(state, file).await {
            state.tell(outcome);
        }
    });
}

/// Imports one evidence package (see [`import_pack`]) and returns the outcome to show. `None` when the
/// workbench refused it and has already said why.
pub async fn import_pack_now(state: AppState, file: web_sys::File) -> Option<Notice> {
    use xzzp_core::evidence::manifest::{self, check_entry, EntryProblem, PackageError};
    use xzzp_documents::evidence_pack::is_manifest_path;
    use xzzp_documents::export::zip::{self, ReadError, MAX_END_RECORD_LEN};
    let refuse = |e: PackageError| Some(Notice::of(true, e));
    let read_error = |e: ReadError| match e {
        ReadError::NotZip => PackageError::NotZip,
        ReadError::Truncated => PackageError::Truncated,
        ReadError::Unsupported => PackageError::NoManifest,
    };
    let len = file.size();
    if len == 0.0 {
        return refuse(PackageError::Empty);
    }
    state.tell(Notice::info(K::EvidenceReading));
    let head = slice_bytes(&file, 0.0, 4.0).await.unwrap_or_default();
    let tail_from = (len - MAX_END_RECORD_LEN as f64).max(0.0);
    let tail = slice_bytes(&file, tail_from, len).await.unwrap_or_default();
    let (offset, size, count) = match zip::locate_central(&head, &tail, len as u64) {
        Ok(c) => c,
        Err(e) => return refuse(read_error(e)),
    };
    let central = slice_bytes(&file, offset as f64, (offset + size) as f64)
        .await
        .unwrap_or_default();
    let entries = match zip::read_central(&central, count) {
        Ok(e) => e,
        Err(e) => return refuse(read_error(e)),
    };
    // Where an entry's data lies in the file.
    let data_range = |e: &zip::IndexEntry| {
        let e = e.clone();
        let file = file.clone();
        async move {
            let at = e.local_offset as f64;
            let local = slice_bytes(&file, at, (at + 30.0).min(len)).await?;
            let start = e.data_offset(&local).ok()? as f64;
            let end = start + e.compressed_size as f64;
            (end <= len).then_some((start, end))
        }
    };
    let Some(m) = entries
        .iter()
        .filter(|e| is_manifest_path(&e.name) && e.method == 0)
        .min_by_key(|e| e.name.len())
    else {
        return refuse(PackageError::NoManifest);
    };
    if m.size as usize > manifest::MAX_MANIFEST_BYTES {
        return refuse(PackageError::TooLarge(m.size as usize));
    }
    let Some((start, end)) = data_range(m).await else {
        return refuse(PackageError::Truncated);
    };
    let bytes = slice_bytes(&file, start, end).await.unwrap_or_default();
    let manifest = match manifest::parse(&bytes) {
        Ok(m) => m,
        Err(e) => return refuse(e),
    };
    // Every file's entry: a slice of the picked file, with its digest.
    let mut read: std::collections::BTreeMap<
        String,
        Result<(web_sys::Blob, xzzp_core::evidence::FileDigest), EntryProblem>,
    > = Default::default();
    for f in &manifest.files {
        if read.contains_key(&f.path) {
            continue;
        }
        let got = match entries.iter().find(|e| e.name == f.path) {
            None => Err(EntryProblem::Missing),
            Some(e) if e.method != 0 => Err(EntryProblem::Compressed),
            Some(e) => match data_range(e).await {
                None => Err(EntryProblem::Missing),
                Some((start, end)) => match file.slice_with_f64_and_f64(start, end) {
                    Err(_) => Err(EntryProblem::Missing),
                    Ok(part) => match blobs::digest(&part).await {
                        Ok(d) => Ok((part, d)),
                        Err(_) => Err(EntryProblem::Damaged),
                    },
                },
            },
        };
        read.insert(f.path.clone(), got);
    }
    let unpacked = manifest.unpack(|f| match read.get(&f.path) {
        Some(Ok((_, d))) => check_entry(f, Some(d)),
        Some(Err(p)) => Err(*p),
        None => check_entry(f, None),
    });
    let plan = state.act(|wb| wb.plan_evidence_import(&manifest, &unpacked))?;
    // Files this teacher sent before and no longer sends: removed only if the principal says so.
    let remove_withdrawn = !plan.merge.withdrawn.is_empty()
        && crate::pages::school::confirm(
            &Msg::WithdrawnFiles(
                plan.merge
                    .withdrawn
                    .iter()
                    .map(|(p, a)| format!("{p} {}", a.name))
                    .collect(),
            )
            .text(state.lang.get_untracked()),
        );
    let mut available = u64::MAX;
    if let Some((usage, quota)) = crate::state::storage_estimate().await {
        if let Err(e) = check_room(&plan.room.need, usage, quota) {
            return Some(Notice::of(true, e));
        }
        available = quota
            .saturating_sub(usage)
            .saturating_sub(limits::STORAGE_RESERVE_BYTES);
    }
    let Ok(store) = BlobStore::shared().await else {
        return Some(Notice::error(K::EvidenceStorageUnavailable));
    };
    blobs::set_pending(&plan.room.write, true);
    let mut written = Vec::new();
    let mut failure = None;
    for hash in &plan.room.write {
        let Some(Some(Ok((part, _)))) = unpacked.sources.get(hash).map(|p| read.get(p)) else {
            continue;
        };
        match store.put(hash, part).await {
            Ok(()) => written.push(hash.clone()),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let outcome = match failure {
        None => match state.act(|wb| wb.apply_evidence_import(&plan.merge, remove_withdrawn)) {
            Some(unused) => {
                delete_blobs(state, unused);
                Ok(Notice::of(
                    !unpacked.damaged.is_empty(),
                    Msg::EvidenceImported {
                        plan: plan.merge.clone(),
                        damaged: unpacked.damaged.clone(),
                    },
                ))
            }
            None => Err(None),
        },
        Some(e) => Err(Some(
            match blobs::write_error(e, plan.room.need.bytes, available) {
                Ok(full) => Notice::of(true, full),
                Err(other) => Notice::storage(other.into()),
            },
        )),
    };
    if outcome.is_err() {
        for h in &written {
            let _ = store.remove(h).await;
        }
    }
    blobs::set_pending(&plan.room.write, false);
    state.measure_usage();
    outcome.map(Some).unwrap_or_else(|e| e)
}

/// Above the points: evidence per area and overall, "next point without evidence", the package.
#[component]
pub fn EvidenceSummary(fw: Arc<Framework>) -> impl IntoView {
    let state = use_app();
    let fw2 = fw.clone();
    let progress = Memo::new(move |_| {
        let answers = state.answers.value().unwrap_or_default();
        state
            .evidence
            .read(|d| counts::progress(&fw2, d, counts::applicable(&answers)))
            .unwrap_or_default()
    });
    // Bytes used by this evaluation's files and by every evaluation's (each blob once).
    let used = Memo::new(move |_| {
        let id = state.evidence.id()?;
        let u = state.wb().blob_index()?.usage();
        Some((u.per_evaluation.get(&id).copied().unwrap_or(0), u.total))
    });
    let fw3 = fw.clone();
    let next = move |_| {
        let answers = state
            .answers
            .with_untracked(|s| s.value().cloned())
            .unwrap_or_default();
        let pos = answers.position.clone();
        let found = state.evidence.with_untracked(|s| {
            s.value().and_then(|d| {
                counts::next_without_evidence(&fw3, d, pos.as_deref(), counts::applicable(&answers))
                    .map(|p| p.id.clone())
            })
        });
        match found {
            Some(id) => crate::pages::survey::go_to(state, &id),
            None => state.tell(Notice::info(K::EvidenceAllHave)),
        }
    };
    view! {
        <div class="evidence-summary card">
            <h2>{tr(K::EvidenceTitle)}</h2>
            <p data-testid="evidence-overall">
                {move || progress.get().overall.text(state.lang.get())}
            </p>
            <p class="small muted" data-testid="evidence-usage">
                {move || used.get().map(|(here, total)| {
                    let lang = state.lang.get();
                    Msg::EvidenceUsage { here: format_size(here, lang), total: format_size(total, lang) }.text(lang)
                })}
            </p>
            <ul class="evidence-areas">
                {fw.areas.iter().enumerate().map(|(i, area)| view! {
                    <li>
                        <Content zh=area.title.clone() en=area.title_en.clone() lang=state.lang/>" "
                        <span class="count" data-testid=format!("evidence-area-{}", area.id)>{move || {
                            let c = progress.get().areas.get(i).copied().unwrap_or_default();
                            format!("{}/{}", c.present, c.listed)
                        }}</span>
                    </li>
                }).collect_view()}
            </ul>
            <div class="actions">
                <button type="button" data-testid="evidence-next" on:click=next>{tr(K::EvidenceNextMissing)}</button>
                <button type="button" class="primary" data-testid="evidence-export" on:click=move |_| export_pack(state)>
                    {tr(K::EvidenceExportPack)}
                </button>
                <button type="button" data-testid="evidence-catalogue" on:click=move |_| export_catalogue(state, false)>
                    {tr(K::EvidenceExportCatalogue)}
                </button>
                <button type="button" data-testid="evidence-catalogue-word" on:click=move |_| export_catalogue(state, true)>
                    {tr(K::EvidenceExportCatalogueWord)}
                </button>
            </div>
            <p class="help">{tr(K::EvidencePackHelp)}</p>
            <div class="evidence-import">
                <label for="evidence-import-file">{tr(K::EvidenceImportPack)}</label>" "
                <input type="file" id="evidence-import-file" accept=".zip,application/zip" on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    let file = input.files().and_then(|l| l.get(0));
                    input.set_value("");
                    if let Some(f) = file { import_pack(state, f); }
                }/>
                <p class="help">{tr(K::EvidenceImportHelp)}</p>
            </div>
        </div>
    }
}

/// The evidence of one point: checklist, files, attach, preview.
#[component]
pub fn PointEvidence(
    point: Point,
    dom: String,
    /// The school's evaluation (the default), or in teacher mode the teacher's own files.
    #[prop(default = EvidenceOf::Evaluation)]
    of: EvidenceOf,
) -> impl IntoView {
    let state = use_app();
    let lang = state.lang;
    let pid = point.id.clone();
    let pe = Memo::new({
        let pid = pid.clone();
        move |_| match of {
            EvidenceOf::Evaluation => state.evidence.read(|d| d.point(&pid).cloned()).flatten(),
            EvidenceOf::Teacher => state
                .teacher
                .read(|w| w.as_ref().and_then(|w| w.evidence.point(&pid).cloned()))
                .flatten(),
        }
    });
    let p2 = point.clone();
    let count = move || {
        let c = counts::point_count(&p2, pe.get().as_ref());
        Msg::EvidenceCount {
            present: c.present,
            listed: c.listed,
            files: c.files,
        }
        .text(lang.get())
    };
    let shown = RwSignal::new(None::<Shown>);
    on_cleanup(move || {
        if let Some(s) = shown.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&s.url);
        }
    });
    let input_id = format!("{dom}-files");
    let dragging = RwSignal::new(false);
    // A batch with large photos waits here for the user's choice: originals (the default) or shrunk.
    let offer = RwSignal::new_local(None::<Vec<web_sys::File>>);
    let pid_route = pid.clone();
    let dom_offer = dom.clone();
    let route = move |files: Vec<web_sys::File>| {
        if files
            .iter()
            .any(|f| limits::offer_shrink(&f.type_(), f.size() as u64))
            && files.iter().all(|f| f.size() as u64 <= MAX_FILE_BYTES)
        {
            offer.set(Some(files));
            crate::ui::focus_by_id(&format!("{dom_offer}-keep"));
        } else {
            attach_files(state, of, pid_route.clone(), files, vec![]);
        }
    };
    let route_pick = route.clone();
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = input.files().map(file_list).unwrap_or_default();
        input.set_value("");
        route_pick(files);
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = ev
            .data_transfer()
            .and_then(|d| d.files())
            .map(file_list)
            .unwrap_or_default();
        route(files);
    };
    let (pid_keep, pid_shrink) = (pid.clone(), pid.clone());
    let keep = move |_| {
        if let Some(files) = offer.try_update(Option::take).flatten() {
            attach_files(state, of, pid_keep.clone(), files, vec![]);
        }
    };
    let shrink = move |_| {
        if let Some(files) = offer.try_update(Option::take).flatten() {
            shrink_and_attach(state, of, pid_shrink.clone(), files);
        }
    };
    let offer_text = move || {
        offer.with(|o| {
            o.as_ref().map(|files| {
                limits::ShrinkOffer {
                    photos: files
                        .iter()
                        .filter(|f| limits::offer_shrink(&f.type_(), f.size() as u64))
                        .map(|f| (f.name(), f.size() as u64))
                        .collect(),
                }
                .text(lang.get())
            })
        })
    };
    let keep_id = format!("{dom}-keep");
    let items = point.evidence.clone();
    let items_en = point.evidence_en.clone();
    let items_for_files = point.evidence.clone();
    let pid_items = pid.clone();
    let pid_files = pid.clone();
    view! {
        <div class="evidence" data-testid=format!("evidence-{}", point.id)>
            <strong>{tr(K::SurveyEvidence)}"："</strong>
            <span class="evidence-count" data-testid=format!("evidence-count-{}", point.id)>{count}</span>
            {(!items.is_empty()).then(|| view! {
                <ul class="evidence-checklist" aria-label=tr(K::EvidenceChecklist)>
                    {items.iter().enumerate().map(|(i, item)| {
                        let (it, it2) = (item.clone(), item.clone());
                        let pid = pid_items.clone();
                        let box_id = format!("{dom}-ev-{i}");
                        let present = move || pe.with(|e| e.as_ref().is_some_and(|e| e.item_present(&it)));
                        view! {
                            <li>
                                <input type="checkbox" id=box_id.clone() prop:checked=present on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    state.act(|wb| wb.mark_evidence(of, &pid, &it2, on));
                                }/>
                                <label for=box_id>
                                    <Content zh=item.clone() en=items_en.get(i).cloned().unwrap_or_default() lang/>
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <ul class="evidence-files">
                {move || {
                    let files = pe.get().map(|e| e.files).unwrap_or_default();
                    if files.is_empty() {
                        return view! { <li class="muted">{tr(K::EvidenceNoFiles)}</li> }.into_any();
                    }
                    files.into_iter().map(|a| {
                        let pid = pid_files.clone();
                        view! { <FileRow of point_id=pid attachment=a items=items_for_files.clone() shown/> }
                    }).collect_view().into_any()
                }}
            </ul>
            <label
                class="evidence-drop"
                class:dragging=move || dragging.get()
                for=input_id.clone()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=drop
            >
                <span class="button">{tr(K::EvidenceAttach)}</span>" "
                <span class="small muted">{tr(K::EvidenceDropHere)}</span>
            </label>
            <input type="file" multiple class="sr-only" id=input_id data-testid=format!("evidence-input-{}", point.id) on:change=pick/>
            {move || offer_text().map(|text| view! {
                <div class="evidence-shrink notice" role="group" data-testid="evidence-shrink-offer">
                    <p>{text}</p>
                    <div class="actions">
                        <button type="button" class="primary" id=keep_id.clone() data-testid="evidence-keep-originals" on:click=keep.clone()>{tr(K::EvidenceKeepOriginals)}</button>
                        <button type="button" data-testid="evidence-shrink" on:click=shrink.clone()>{tr(K::EvidenceShrinkPhotos)}</button>
                        <button type="button" class="link" on:click=move |_| offer.set(None)>{tr(K::EvidenceShrinkCancel)}</button>
                    </div>
                </div>
            })}
            {move || shown.get().map(|s| {
                let close = move |_| {
                    if let Some(s) = shown.get_untracked() {
                        let _ = web_sys::Url::revoke_object_url(&s.url);
                    }
                    shown.set(None);
                };
                view! {
                    <div class="evidence-preview">
                        <div class="actions">
                            <span>{s.name.clone()}</span>
                            <button type="button" on:click=close>{tr(K::EvidenceClosePreview)}</button>
                        </div>
                        {match s.kind {
                            Preview::Image => view! { <img src=s.url.clone() alt=s.name.clone()/> }.into_any(),
                            _ => view! { <iframe src=s.url.clone() title=s.name.clone()></iframe> }.into_any(),
                        }}
                    </div>
                }
            })}
        </div>
    }
}

/// One attached file: name, kind and size, the listed item it evidences, open, remove.
#[component]
fn FileRow(
    of: EvidenceOf,
    point_id: String,
    attachment: Attachment,
    items: Vec<String>,
    shown: RwSignal<Option<Shown>>,
) -> impl IntoView {
    let state = use_app();
    let a = attachment.clone();
    let previewable = limits::preview(&a.media_type, None) != Preview::Download;
    let linked = a.items.first().cloned().unwrap_or_default();
    let (pid_link, pid_open, pid_rm) = (point_id.clone(), point_id.clone(), point_id);
    let (id_link, id_rm) = (a.id.clone(), a.id.clone());
    let old = linked.clone();
    let on_link = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if !old.is_empty() {
            state.act(|wb| wb.link_evidence(of, &pid_link, &id_link, &old, false));
        }
        if !v.is_empty() {
            state.act(|wb| wb.link_evidence(of, &pid_link, &id_link, &v, true));
        }
    };
    let a_open = a.clone();
    let (a_open2, pid_open2) = (a.clone(), pid_open.clone());
    view! {
        <li class="evidence-file">
            <button type="button" class="link" on:click=move |_| open_file(state, pid_open.clone(), a_open.clone(), shown)>
                {a.name.clone()}
            </button>
            <span class="muted small">
                {move || format!(" {} · {}", kind_label(&a.media_type, state.lang.get()), format_size(a.size, state.lang.get()))}
            </span>
            {(!a.added_by.is_principal()).then(|| {
                let by = a.added_by.clone();
                view! { <span class="muted small evidence-by">" · "{move || Msg::SentBy(by.clone()).text(state.lang.get())}</span> }
            })}
            {a.shrunk.map(|shrunk| {
                let note = limits::ShrunkNote { shrunk, size: a.size };
                view! { <span class="muted small evidence-shrunk">" · "{move || note.text(state.lang.get())}</span> }
            })}
            <button type="button" class="small" on:click=move |_| open_file(state, pid_open2.clone(), a_open2.clone(), shown)>
                {move || if previewable { state.t(K::EvidencePreview) } else { state.t(K::EvidenceDownload) }}
            </button>
            {(!items.is_empty()).then(|| view! {
                <select aria-label=tr(K::EvidenceLinkTo) prop:value=linked.clone() on:change=on_link>
                    <option value="">{tr(K::EvidenceUnlinked)}</option>
                    {items.iter().map(|i| view! { <option value=i.clone()>{i.clone()}</option> }).collect_view()}
                </select>
            })}
            <button type="button" class="danger" on:click=move |_| {
                if crate::pages::school::confirm(state.t(K::EvidenceRemoveConfirm)) {
                    remove_file(state, of, pid_rm.clone(), id_rm.clone());
                }
            }>{tr(K::EvidenceRemove)}</button>
        </li>
    }
}
