//! 数据管理: storage use, unreadable data, backup and restore, teachers' answer files, local profiles, and
//! removing data from a shared computer.

use crate::data_ops::Scope;
use crate::download::{download, file_name, picked_files, read_file, ReadError};
use crate::i18n::{Lang, K};
use crate::pages::school::confirm;
use crate::state::{today, use_app, AppState, Notice};
use crate::storage::CAPACITY_CHARS;
use crate::ui::tr;
use leptos::prelude::*;
use leptos::task::spawn_local;
use xzzp_core::backup::{self, plan_import, Backup, Change, Import, MAX_FILE_BYTES};
use xzzp_core::persist::{describe_key, DEFAULT_PROFILE};
use xzzp_templates as catalog;

/// Share of the browser's storage above which the user is warned.
pub const NEARLY_FULL: f64 = 0.8;

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
            <BackupRestore/>
            <Respondents/>
            <Profiles/>
        </section>
    }
}

/// Downloads a backup of a scope, named with the school (or 全部数据) and the date.
pub fn download_backup(state: AppState, scope: Scope) {
    let Some(b) = state.backup(scope) else {
        state.tell(Notice::error(
            "没有可以导出的数据：请先选择学校或打开自评。",
            "Nothing to export: choose a school or open an evaluation first.",
        ));
        return;
    };
    let name = file_name(
        &["学校质量自评备份", &b.label, &today().to_string()],
        "json",
    );
    if let Err(e) = download(&name, "application/json", backup::to_json(&b).as_bytes()) {
        state.tell(Notice::error(
            format!("导出失败：{e}"),
            format!("Export failed: {e}"),
        ));
    }
}

fn percent_of_capacity(chars: u64) -> f64 {
    chars as f64 / CAPACITY_CHARS as f64
}

#[component]
fn Usage() -> impl IntoView {
    let state = use_app();
    let share = move || percent_of_capacity(state.usage.get().1);
    view! {
        <div class="card">
            <h2>{tr(K::DataUsage)}</h2>
            <div class="usage-line">
                <meter id="usage-meter" min="0" max="1" low="0.6" high=NEARLY_FULL optimum="0" value=share aria-labelledby="usage-text"></meter>
                <span id="usage-text" data-testid="usage-text">
                    {move || {
                        let (app, all) = state.usage.get();
                        let kb = |c: u64| format!("{:.0} KB", (c * 2) as f64 / 1024.0);
                        match state.lang.get() {
                            Lang::Zh => format!("本工具数据约 {}；本网站已用浏览器本地存储的 {:.0}%（上限约 10 MB）", kb(app), percent_of_capacity(all) * 100.0),
                            Lang::En => format!("This tool's data: about {}; {:.0}% of the browser's local storage for this site is used (limit about 10 MB)", kb(app), percent_of_capacity(all) * 100.0),
                        }
                    }}
                </span>
            </div>
            <Show when=move || { share() >= NEARLY_FULL }>
                <p class="notice error" role="alert">{tr(K::DataNearlyFull)}</p>
            </Show>
        </div>
    }
}

#[component]
fn Unreadable() -> impl IntoView {
    let state = use_app();
    view! {
        <Show when=move || state.unreadable.with(|u| !u.is_empty())>
            <div class="card danger-card" id="unreadable">
                <h2>{tr(K::DataUnreadable)}</h2>
                <p>{tr(K::DataUnreadableHelp)}</p>
                <ul class="school-list">
                    {move || state.unreadable.get().into_iter().map(|(key, reason)| {
                        let (zh, en) = describe_key(&key);
                        let (k1, k2) = (key.clone(), key.clone());
                        view! {
                            <li>
                                <span class="name">{move || state.lang.get().pick(zh, en).to_string()}</span>
                                <span class="muted"><code>{key.clone()}</code>" · "{reason}</span>
                                <span class="row-actions">
                                    <button type="button" on:click=move |_| {
                                        let raw = crate::storage::raw(&k1).ok().flatten().unwrap_or_default();
                                        let name = file_name(&["无法读取的数据", &k1, &today().to_string()], "txt");
                                        if let Err(e) = download(&name, "text/plain;charset=utf-8", raw.as_bytes()) {
                                            state.tell(Notice::error(format!("下载失败：{e}"), format!("Download failed: {e}")));
                                        }
                                    }>{tr(K::DataDownloadRaw)}</button>
                                    <button type="button" class="danger" on:click=move |_| {
                                        if confirm(state.t(K::DataDiscardConfirm)) { state.discard_unreadable(&k2); }
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
                Err(ReadError::TooLarge(n)) => {
                    state.tell(Notice::error(
                        backup::ImportError::TooLarge(n).zh(),
                        "The file is too large; nothing was changed.",
                    ));
                    return;
                }
                Err(ReadError::Failed(e)) => {
                    state.tell(Notice::error(
                        format!("无法读取文件：{e}。现有数据没有任何改动。"),
                        "The file could not be read; nothing was changed.",
                    ));
                    return;
                }
            };
            match backup::parse(&bytes, catalog::framework) {
                Ok(Import::Backup(b)) => {
                    let changes = state.workspace.with_untracked(|w| {
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
                    if state.import_answer_file(a) {
                        state.tell(Notice::info(
                            format!("已导入{name}的答卷。"),
                            format!("{name}'s answers were imported."),
                        ));
                    }
                }
                Err(e) => state.tell(Notice::error(
                    e.zh(),
                    "This file cannot be imported; nothing was changed.",
                )),
            }
        });
    };
    let confirm_import = move |_| {
        let Some((b, _)) = pending.get_untracked() else {
            return;
        };
        match state.apply_backup(&b) {
            Ok(()) => {
                pending.set(None);
                state.measure_usage();
                state.tell(Notice::info("导入完成。", "Import complete."));
            }
            Err(e) => {
                pending.set(None);
                state.tell(Notice::error(
                    format!("{} 导入已撤销，现有数据没有任何改动。", e.zh()),
                    "The import was undone; nothing was changed.",
                ));
            }
        }
    };
    view! {
        <div class="card">
            <h2>{tr(K::DataBackup)}</h2>
            <p class="help">{tr(K::DataBackupHelp)}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| download_backup(state, Scope::All)>{tr(K::DataExportAll)}</button>
                <button type="button" on:click=move |_| download_backup(state, Scope::School) disabled=move || state.current_school().is_none()>{tr(K::DataExportSchool)}</button>
                <button type="button" on:click=move |_| download_backup(state, Scope::Evaluation) disabled=move || state.answers.with(Option::is_none)>{tr(K::DataExportEvaluation)}</button>
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
            state.tell(Notice::error(
                "请填写姓名，校长汇总时需要知道是谁的答卷。",
                "Enter your name so that the principal knows whose answers these are.",
            ));
            return;
        }
        let Some(file) = state.answer_file(&name.get_untracked(), &role.get_untracked()) else {
            state.tell(Notice::error(
                "请先在“自评问卷”中打开一次自评并作答。",
                "Open and answer an evaluation first (Questionnaire).",
            ));
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
        if let Err(e) = download(&fname, "application/json", json.as_bytes()) {
            state.tell(Notice::error(
                format!("导出失败：{e}"),
                format!("Export failed: {e}"),
            ));
        }
    };
    let on_pick = move |ev: web_sys::Event| {
        let files = picked_files(&ev);
        spawn_local(async move {
            let (mut added, mut refused) = (0, Vec::new());
            for f in files {
                let fname = f.name();
                let parsed = match read_file(&f, MAX_FILE_BYTES).await {
                    Ok(bytes) => backup::parse(&bytes, catalog::framework).map_err(|e| e.zh()),
                    Err(ReadError::TooLarge(n)) => Err(backup::ImportError::TooLarge(n).zh()),
                    Err(ReadError::Failed(e)) => Err(e),
                };
                match parsed {
                    Ok(Import::Answers(a)) => {
                        if state.import_answer_file(a) {
                            added += 1;
                        }
                    }
                    Ok(Import::Backup(_)) => {
                        refused.push(format!("{fname}：这是备份文件，请在上方“导入备份”中导入"))
                    }
                    Err(e) => refused.push(format!("{fname}：{e}")),
                }
            }
            if refused.is_empty() {
                state.tell(Notice::info(
                    format!("已导入 {added} 份答卷。"),
                    format!("{added} answer file(s) imported."),
                ));
            } else {
                state.tell(Notice::error(
                    format!(
                        "已导入 {added} 份答卷；以下文件未导入：{}",
                        refused.join("；")
                    ),
                    format!("{added} imported; {} file(s) refused.", refused.len()),
                ));
            }
        });
    };
    let imported = move || {
        state
            .respondents
            .with(|r| r.as_ref().map(|r| r.value.clone()).unwrap_or_default())
    };
    view! {
        <div class="card">
            <h2>{tr(K::DataRespondents)}</h2>
            <p class="help">{tr(K::DataRespondentsHelp)}</p>
            {move || match open() {
                None => view! { <p class="muted">{state.t(K::DataNeedEvaluation)}</p> }.into_any(),
                Some(e) => {
                    let lang = state.lang.get();
                    let title = catalog::framework(&e.framework_id).map(|f| crate::ui::content_text(lang, &f.title, &f.title_en)).unwrap_or_default();
                    view! { <p>{state.t(K::SurveyOpenedFrom)}"："<strong>{title}</strong>" · "{match lang { Lang::Zh => e.school_year.zh(), Lang::En => e.school_year.en() }}</p> }.into_any()
                }
            }}
            <h3>{tr(K::DataTeacherExport)}</h3>
            <div class="form-grid">
                <label for="respondent-name">{tr(K::PlanName)}</label>
                <input id="respondent-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="respondent-role">{tr(K::DataRole)}</label>
                <input id="respondent-role" type="text" prop:value=move || role.get() on:input=move |ev| role.set(event_target_value(&ev))/>
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
                                        if confirm(state.t(K::DataRemoveRespondentConfirm)) { state.remove_respondent(&id); }
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
                    let meta = state.meta.get();
                    meta.profiles.iter().map(|p| {
                        let current = p.id == meta.active_profile;
                        let id = p.id.clone();
                        view! {
                            <li class:current=current>
                                <span class="name">{profile_name(&p.id, &p.name)}</span>
                                {current.then(|| view! { <span class="tag">{state.t(K::DataCurrentProfile)}</span> })}
                                <span class="row-actions">
                                    {(!current).then(|| view! {
                                        <button type="button" on:click=move |_| state.switch_profile(&id)>{state.t(K::DataSwitchProfile)}</button>
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
                state.add_profile(&n);
                new_name.set(String::new());
            }>
                <label for="new-profile">{tr(K::DataNewProfile)}</label>
                <input id="new-profile" type="text" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                <button type="submit">{tr(K::DataAddProfile)}</button>
            </form>
            <h3>{tr(K::DataRemoveTitle)}</h3>
            <div class="actions">
                <button type="button" class="danger" on:click=move |_| {
                    if confirm(state.t(K::DataRemoveMineConfirm)) {
                        let id = state.meta.with_untracked(|m| m.active_profile.clone());
                        let n = state.remove_profile_data(&id);
                        state.tell(Notice::info(format!("已从本机删除当前使用者的 {n} 项数据。"), format!("{n} stored item(s) of the current user were removed from this computer.")));
                    }
                }>{tr(K::DataRemoveMine)}</button>
                <button type="button" class="danger" on:click=move |_| {
                    if confirm(state.t(K::DataRemoveAllConfirm)) {
                        let n = state.remove_all_data();
                        state.tell(Notice::info(format!("已从本机删除本工具的全部 {n} 项数据。"), format!("All {n} stored item(s) of this tool were removed from this computer.")));
                    }
                }>{tr(K::DataRemoveAll)}</button>
            </div>
        </div>
    }
}
