//! Framework versions on the questionnaire: an evaluation started on an earlier version of its framework is
//! offered the move to the current one, with what would happen to every answer; answers that no longer fit
//! stay readable below the questionnaire.

use crate::i18n::{Localized, K};
use crate::notices::Notice;
use crate::pages::school::confirm;
use crate::state::use_app;
use crate::ui::tr;
use leptos::prelude::*;
use xzzp_core::assignment::NotCarried;
use xzzp_core::evaluation::{Answer, AnswerValue};
use xzzp_core::framework_versions::{AnswerFate, Migration};

/// The offer to move the open evaluation to the current version of its framework (nothing when it is current).
#[component]
pub fn FrameworkUpgrade() -> impl IntoView {
    let state = use_app();
    // Only which evaluation is open and in which version decides the preview, not every answer typed.
    let header = Memo::new(move |_| state.current_evaluation());
    let plan = Memo::new(move |_| {
        header.track();
        state.answers.id()?;
        untrack(|| state.wb().upgrade_preview())
    });
    // What of the 分工 the last move could not carry, kept on the page after the offer is gone.
    let not_carried = RwSignal::new(Vec::<NotCarried>::new());
    let upgrade = move |_| {
        if !confirm(state.t(K::UpgradeConfirm)) {
            return;
        }
        if let Some(done) = state.act(|wb| wb.upgrade_evaluation()) {
            not_carried.set(done.not_carried.clone());
            state.tell(Notice::of(false, done));
        }
    };
    let carried_list = move || {
        let list = not_carried.get();
        (!list.is_empty()).then(|| {
            let lang = state.lang.get();
            view! {
                <div class="card upgrade-not-carried" id="upgrade-not-carried">
                    <h3>{tr(K::UpgradeNotCarriedTitle)}</h3>
                    <p class="help">{tr(K::UpgradeNotCarried)}</p>
                    <ul>
                        {list.iter().map(|n| view! { <li>{n.text(lang)}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    let offer = move || {
        plan.get().map(|m| {
            let lang = state.lang.get();
            let review = m.answers.iter().filter(|(_, f)| matches!(f, AnswerFate::Review { .. })).count();
            let counts = [
                (K::UpgradeKept, m.kept()),
                (K::UpgradeReview, review),
                (K::UpgradeSetAside, m.set_aside()),
                (K::UpgradeAdded, m.added.len()),
                (K::UpgradeRemoved, m.removed.len()),
            ];
            view! {
                <details class="card upgrade" id="framework-upgrade">
                    <summary>
                        <strong>{tr(K::UpgradeTitle)}</strong>" · "
                        {tr(K::UpgradeUsing)}{m.from.clone()}" · "{tr(K::UpgradeLatest)}{m.to.clone()}
                    </summary>
                    <p class="help">{tr(K::UpgradeHelp)}</p>
                    <ul class="upgrade-counts">
                        {counts.into_iter().map(|(k, n)| view! { <li>{tr(k)}"："<b>{n}</b></li> }).collect_view()}
                    </ul>
                    {m.scale_changed.then(|| view! { <p>{tr(K::UpgradeScale)}</p> })}
                    {changed_list(&m, lang)}
                    <button type="button" class="primary" on:click=upgrade>{tr(K::UpgradeDo)}</button>
                </details>
            }
        })
    };
    view! { {offer} {carried_list} }
}

/// The points that changed between the versions, with what changed.
fn changed_list(m: &Migration, lang: xzzp_core::i18n::Lang) -> impl IntoView {
    let rows: Vec<(String, String)> = m
        .changed
        .iter()
        .map(|c| {
            let id = if c.old_id == c.new_id {
                c.new_id.clone()
            } else {
                format!("{} → {}", c.old_id, c.new_id)
            };
            let what: Vec<String> = c.changes.iter().map(|x| x.text(lang)).collect();
            (id, what.join(lang.pick("；", "; ")))
        })
        .chain(
            m.removed
                .iter()
                .map(|id| (id.clone(), K::UpgradeRemoved.text(lang).to_string())),
        )
        .collect();
    (!rows.is_empty()).then(|| {
        view! {
            <h3>{tr(K::UpgradeChanged)}</h3>
            <ul class="upgrade-changes">
                {rows.into_iter().map(|(id, what)| view! { <li><span class="pt-id">{id}</span>" "{what}</li> }).collect_view()}
            </ul>
        }
    })
}

/// Answers set aside by a move to another version: readable and copyable, never deleted.
#[component]
pub fn SetAsideAnswers() -> impl IntoView {
    let state = use_app();
    let kept = Memo::new(move |_| {
        state
            .answers
            .read(|a| a.set_aside.clone())
            .unwrap_or_default()
    });
    move || {
        let list = kept.get();
        (!list.is_empty()).then(|| {
            let lang = state.lang.get();
            view! {
                <details class="card set-aside" id="set-aside">
                    <summary>{tr(K::SetAsideTitle)}" ("{list.len()}")"</summary>
                    <p class="help">{tr(K::SetAsideHelp)}</p>
                    <ul>
                        {list.into_iter().map(|s| view! {
                            <li>
                                <span class="pt-id">{s.point_id.clone()}</span>" "{s.point_text.clone()}
                                <span class="muted">" ("{s.from_version.clone()}")"</span>
                                <div>{answer_text(&s.answer, lang)}</div>
                                <div class="muted">{s.reason.text(lang)}</div>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            }
        })
    }
}

/// An answer in words (its value, then its note).
fn answer_text(a: &Answer, lang: xzzp_core::i18n::Lang) -> String {
    let value = match &a.value {
        Some(AnswerValue::Level(l)) => l.clone(),
        Some(AnswerValue::YesNo(b)) => if *b { K::SurveyYes } else { K::SurveyNo }
            .text(lang)
            .to_string(),
        Some(AnswerValue::Number(n)) => n.to_string(),
        Some(AnswerValue::Text(t)) => t.clone(),
        None => String::new(),
    };
    [value, a.note.clone()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" — ")
}
