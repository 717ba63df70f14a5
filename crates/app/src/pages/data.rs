//! 数据管理: storage use, unreadable data, backup and restore, teachers' answer files, local profiles, and
//! removing data from a shared computer.

use crate::download::{file_name, picked_files, read_file, save};
use crate::i18n::{Localized, Msg, Refusal, K};
use crate::notices::Notice;
use crate::pages::school::confirm;
use crate::state::{today, use_app, AppState};
use crate::ui::{tr, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;
use xzzp_core::backup::{self, plan_import, Backup, Change, Import, MAX_FILE_BYTES};
use xzzp_core::persist::{describe_key, DEFAULT_PROFILE};
use xzzp_core::store::usage::{UsageText, NEARLY_FULL};
use xzzp_core::store::workbench::Scope;
use xzzp_templates as catalog;

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_app();
    state.measure_usage();
    view! {
        <section class="page data">
            <h1 tabindex="-1">{tr(K::DataTitle)}</h1>
            <p class="help">{tr(K::DataHelp)}</p>
            <Usage/>
            <Unreadable/>
            <Orphans/>
            <BackupRestore/>
            <Respondents/>
            <Profiles/>
        </section>
    }
}

/// Downloads a backup of a scope, named with the school (or 全部数据) and the date.
pub fn download_backup(state: AppState, scope: Scope) {
    let Some((b, note)) = state.wb().backup(scope) else {
        state.tell(Notice::error(K::DataNothingToExport));
        return;
    };
    let name = file_name(
        &["学校质量自评备份", &b.label, &today().to_string()],
        "json",
    );
    if save(
        state,
        &name,
        "application/json",
        backup::to_json(&b).as_bytes(),
    ) && note.unreadable > 0
    {
        state.tell(Notice::of(true, Msg::BackupWithUnreadable(note.unreadable)));
    }
}

#[component]
fn Usage() -> impl IntoView {
    let state = use_app();
    let share = move || state.usage().local_share();
    let persisted = move || state.usage().persisted;
    view! {
        <div class="card">
            <h2>{tr(K::DataUsage)}</h2>
            <div class="usage-line">
                <meter id="usage-meter" min="0" max="1" low="0.6" high=NEARLY_FULL optimum="0" value=share aria-labelledby="usage-text"></meter>
                <span id="usage-text" data-testid="usage-text">
                    {move || UsageText(state.usage()).text(state.lang.get())}
                </span>
            </div>
            <Show when=move || state.usage().nearly_full()>
                <p class="notice error" role="alert">{tr(K::DataNearlyFull)}</p>
            </Show>
            <p data-testid="persist-status">
                {move || match persisted() {
                    Some(true) => state.t(K::DataPersisted),
                    Some(false) => state.t(K::DataNotPersisted),
                    None => state.t(K::DataPersistUnknown),
                }}
                " "
                <Show when=move || persisted() != Some(true)>
                    <button type="button" on:click=move |_| state.request_persistence()>{tr(K::DataRequestPersist)}</button>
                </Show>
            </p>
        </div>
    }
}

#[component]
fn Unreadable() -> impl IntoView {
    let state = use_app();
    view! {
        <Show when=move || !state.unreadable().is_empty()>
            <div class="card danger-card" id="unreadable">
                <h2>{tr(K::DataUnreadable)}</h2>
                <p>{tr(K::DataUnreadableHelp)}</p>
                <ul class="school-list">
                    {move || state.unreadable().into_iter().map(|u| {
                        let key = u.key.clone();
                        let reason = u.problem.text(state.lang.get());
                        let (zh, en) = describe_key(&key);
                        let (k1, k2) = (key.clone(), key.clone());
                        view! {
                            <li>
                                <span class="name">{move || state.lang.get().pick(zh, en).to_string()}</span>
                                <span class="muted"><code>{key.clone()}</code>" · "{reason}</span>
                                <span class="row-actions">
                                    <button type="button" on:click=move |_| {
                                        let name = file_name(&["无法读取的数据", &k1, &today().to_string()], "txt");
                                        save(state, &name, "text/plain;charset=utf-8", u.raw.as_bytes());
                                    }>{tr(K::DataDownloadRaw)}</button>
                                    <button type="button" class="danger" on:click=move |_| {
                                        if confirm(state.t(K::DataDiscardConfirm)) { state.act(|wb| wb.discard_unreadable(&k2)); }
                                    }>{tr(K::DataDiscard)}</button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// Stored documents whose school, evaluation or plan no longer exists (left by a removal that failed half-way):
/// shown so that they can be removed, never removed silently.
#[component]
fn Orphans() -> impl IntoView {
    let state = use_app();
    let orphans = move || {
        state.workspace.with(|_| ());
        state.wb().orphans()
    };
    view! {
        <Show when=move || !orphans().is_empty()>
            <div class="card" id="orphans">
                <h2>{tr(K::DataOrphans)}</h2>
                <p class="help">{tr(K::DataOrphansHelp)}</p>
                <ul class="school-list">
                    {move || orphans().into_iter().map(|key| {
                        let (zh, en) = describe_key(&key);
                        let k = key.clone();
                        view! {
                            <li>
                                <span class="name">{move || state.lang.get().pick(zh, en).to_string()}</span>
                                <span class="muted"><code>{key.clone()}</code></span>
                                <span class="row-actions">
                                    <button type="button" class="danger" on:click=move |_| {
                                        state.act(|wb| wb.store.remove(&k));
                                        state.measure_usage();
                                    }>{tr(K::Delete)}</button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

#[component]
fn BackupRestore() -> impl IntoView {
    let state = use_app();
    let pending = RwSignal::new(None::<(Backup, Vec<Change>)>);
    let on_pick = move |ev: web_sys::Event| {
        let Some(file) = picked_files(&ev).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let bytes = match read_file(&file, MAX_FILE_BYTES).await {
                Ok(b) => b,
                Err(e) => {
                    state.tell(Notice::of(true, e.refusal()));
                    return;
                }
            };
            match backup::parse_versioned(&bytes, known_framework) {
                Ok(Import::Backup(b)) => {
                    let changes = state.wb().ws(|w| {
                        plan_import(w, &b, |id| {
                            catalog::framework(id)
                                .map(|f| f.title.clone())
                                .unwrap_or_default()
                        })
                    });
                    pending.set(Some((b, changes)));
                }
                Ok(Import::Answers(a)) => {
                    let name = a.respondent.name.clone();
                    if state.act(|wb| wb.import_answer_file(a)).is_some() {
                        state.tell(Notice::of(false, Msg::AnswersImported { name }));
                    }
                }
                Err(e) => state.tell(Notice::of(true, e)),
            }
        });
    };
    let confirm_import = move |_| {
        let Some((b, _)) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        match state.wb().apply_backup(&b) {
            Ok(()) => {
                state.measure_usage();
                state.tell(Notice::info(K::DataImportDone));
            }
            Err(e) => state.tell(Notice::of(true, Msg::ImportUndone(e))),
        }
    };
    view! {
        <div class="card">
            <h2>{tr(K::DataBackup)}</h2>
            <p class="help">{tr(K::DataBackupHelp)}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| download_backup(state, Scope::All)>{tr(K::DataExportAll)}</button>
                <button type="button" on:click=move |_| download_backup(state, Scope::School) disabled=move || state.current_school().is_none()>{tr(K::DataExportSchool)}</button>
                <button type="button" on:click=move |_| download_backup(state, Scope::Evaluation) disabled=move || state.answers.id().is_none()>{tr(K::DataExportEvaluation)}</button>
            </div>
            <h3>{tr(K::DataImport)}</h3>
            <label class="file-pick" for="import-file">{tr(K::DataImportPick)}</label>
            <input id="import-file" type="file" accept=".json,application/json" on:change=on_pick/>
            {move || pending.get().map(|(b, changes)| view! {
                <div class="import-preview" role="region" aria-labelledby="import-preview-title">
                    <h3 id="import-preview-title">{state.t(K::DataImportPreview)}</h3>
                    <p class="muted">{format!("{} · {}", b.label, b.exported_at)}</p>
                    <ul>
                        {changes.into_iter().map(|c| view! {
                            <li class:replaces=c.replaces>
                                <span class="tag">{if c.replaces { state.t(K::DataReplace) } else { state.t(K::DataAdd) }}</span>
                                " "<span lang="zh-CN">{c.label}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <div class="actions">
                        <button type="button" class="primary" on:click=confirm_import>{state.t(K::DataImportConfirm)}</button>
                        <button type="button" on:click=move |_| pending.set(None)>{state.t(K::Cancel)}</button>
                    </div>
                </div>
            })}
        </div>
    }
}

#[component]
fn Respondents() -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let open = move || state.current_evaluation();
    let export_mine = move |_| {
        if name.get_untracked().trim().is_empty() {
            state.tell(Notice::error(K::DataNameRequired));
            return;
        }
        let Some(file) = state
            .wb()
            .answer_file(&name.get_untracked(), &role.get_untracked())
        else {
            state.tell(Notice::error(K::DataAnswerFirst));
            return;
        };
        let fname = file_name(
            &[
                "答卷",
                &file.respondent.name,
                &file.school,
                &today().to_string(),
            ],
            "json",
        );
        let json = serde_json::to_string_pretty(&file).unwrap_or_default();
        save(state, &fname, "application/json", json.as_bytes());
    };
    let on_pick = move |ev: web_sys::Event| {
        let files = picked_files(&ev);
        spawn_local(async move {
            let (mut added, mut refused) = (0, Vec::new());
            for f in files {
                let fname = f.name();
                let parsed = match read_file(&f, MAX_FILE_BYTES).await {
                    Ok(bytes) => {
                        backup::parse_versioned(&bytes, known_framework).map_err(Refusal::Import)
                    }
                    Err(e) => Err(e.refusal()),
                };
                match parsed {
                    Ok(Import::Answers(a)) => match state.wb().import_answer_file(a) {
                        Ok(()) => added += 1,
                        Err(e) => refused.push((fname, Refusal::Work(e))),
                    },
                    Ok(Import::Backup(_)) => refused.push((fname, Refusal::BackupNotAnswers)),
                    Err(e) => refused.push((fname, e)),
                }
            }
            let error = !refused.is_empty();
            state.tell(Notice::of(error, Msg::AnswerFiles { added, refused }));
        });
    };
    let imported = move || state.respondents.value().unwrap_or_default();
    view! {
        <div class="card">
            <h2>{tr(K::DataRespondents)}</h2>
            <p class="help">{tr(K::DataRespondentsHelp)}</p>
            {move || match open() {
                None => view! { <p class="muted">{state.t(K::DataNeedEvaluation)}</p> }.into_any(),
                Some(e) => {
                    let lang = state.lang.get();
                    let title = crate::state::framework_for(&e.framework_id, &e.framework_version).map(|f| crate::ui::content_text(lang, &f.title, &f.title_en)).unwrap_or_default();
                    view! { <p>{state.t(K::SurveyOpenedFrom)}"："<strong>{title}</strong>" · "{e.school_year.text(lang)}</p> }.into_any()
                }
            }}
            <h3>{tr(K::DataTeacherExport)}</h3>
            <div class="form-grid">
                <label for="respondent-name">{tr(K::PlanName)}</label>
                <TextField id="respondent-name" value=name on_change=Callback::new(move |v| name.set(v))/>
                <label for="respondent-role">{tr(K::DataRole)}</label>
                <TextField id="respondent-role" value=role on_change=Callback::new(move |v| role.set(v))/>
                <div class="actions span-all">
                    <button type="button" on:click=export_mine disabled=move || open().is_none()>{tr(K::DataExportMine)}</button>
                </div>
            </div>
            <h3>{tr(K::DataPrincipalImport)}</h3>
            <label class="file-pick" for="respondent-files">{tr(K::DataImportAnswers)}</label>
            <input id="respondent-files" type="file" multiple accept=".json,application/json" on:change=on_pick disabled=move || open().is_none()/>
            <Show when=move || !imported().is_empty()>
                <ul class="school-list respondent-list">
                    {move || imported().into_iter().map(|f| {
                        let id = f.id.clone();
                        view! {
                            <li>
                                <span class="name">{f.respondent.name.clone()}</span>
                                <span class="muted">{f.respondent.role.clone()}" · "{f.exported_at.clone()}" · "{format!("{}", f.answers.len())}</span>
                                <span class="row-actions">
                                    <button type="button" class="danger" on:click=move |_| {
                                        if confirm(state.t(K::DataRemoveRespondentConfirm)) { state.act(|wb| wb.remove_respondent(&id)); }
                                    }>{state.t(K::Delete)}</button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}

#[component]
fn Profiles() -> impl IntoView {
    let state = use_app();
    let new_name = RwSignal::new(String::new());
    let profile_name = move |id: &str, name: &str| {
        if id == DEFAULT_PROFILE && name.is_empty() {
            state.t(K::DataDefaultProfile).to_string()
        } else if id == xzzp_documents::demo::DEMO_PROFILE {
            state.t(K::DemoProfileName).to_string()
        } else {
            name.to_string()
        }
    };
    view! {
        <div class="card">
            <h2>{tr(K::DataProfiles)}</h2>
            <p class="help">{tr(K::DataProfilesHelp)}</p>
            <ul class="school-list">
                {move || {
                    let meta = state.meta.value().unwrap_or_default();
                    meta.profiles.iter().map(|p| {
                        let current = p.id == meta.active_profile;
                        let id = p.id.clone();
                        view! {
                            <li class:current=current>
                                <span class="name">{profile_name(&p.id, &p.name)}</span>
                                {current.then(|| view! { <span class="tag">{state.t(K::DataCurrentProfile)}</span> })}
                                <span class="row-actions">
                                    {(!current).then(|| view! {
                                        <button type="button" on:click=move |_| { state.act(|wb| wb.switch_profile(&id)); }>{state.t(K::DataSwitchProfile)}</button>
                                    })}
                                </span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                let n = new_name.get_untracked();
                if n.trim().is_empty() { return; }
                state.act(|wb| wb.add_profile(&n));
                new_name.set(String::new());
            }>
                <label for="new-profile">{tr(K::DataNewProfile)}</label>
                <TextField id="new-profile" value=new_name on_change=Callback::new(move |v| new_name.set(v))/>
                <button type="submit">{tr(K::DataAddProfile)}</button>
            </form>
            <h3>{tr(K::DataRemoveTitle)}</h3>
            <div class="actions">
                <button type="button" class="danger" on:click=move |_| {
                    if confirm(state.t(K::DataRemoveMineConfirm)) {
                        let id = state.wb().settings().active_profile;
                        let n = state.wb().remove_profile_data(&id);
                        state.tell(Notice::of(false, Msg::ProfileDataRemoved(n)));
                    }
                }>{tr(K::DataRemoveMine)}</button>
                <button type="button" class="danger" on:click=move |_| {
                    if confirm(state.t(K::DataRemoveAllConfirm)) {
                        let n = state.wb().remove_all_data();
                        state.tell(Notice::of(false, Msg::AllDataRemoved(n)));
                    }
                }>{tr(K::DataRemoveAll)}</button>
            </div>
        </div>
    }
}

/// A framework for checking an imported file: in exactly the version the file names (built in or archived), or
/// the current one when the file names none.
fn known_framework(
    id: &str,
    version: &str,
) -> Option<std::sync::Arc<xzzp_core::framework::Framework>> {
    if version.is_empty() {
        catalog::framework(id)
    } else {
        catalog::framework_version(id, version)
    }
}
