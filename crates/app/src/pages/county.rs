//! 县区汇总: the county bureau's area. Packages received (kept in the large tier through the workbench, apart
//! from any school's data), the expected schools and who is missing, the schools × areas table with its
//! filters and sort, the lists of schools without a plan, not started or with overdue tasks, a read-only view
//! of one school's report, and the 通报 draft with its downloads. Also the school's side: exporting the
//! 上报包 from the report page ([`export_package`]).

use crate::download::{file_name, picked_files, read_file, save};
use crate::i18n::{Lang, Localized, Msg, Refusal, ZipProblem, K};
use crate::notices::Notice;
use crate::pages::school::confirm;
use crate::state::{new_id, today, use_app, AppState};
use crate::ui::DropZone;
use crate::ui::{tr, FieldKind, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use xzzp_core::framework::SchoolType;
use xzzp_core::rollup::{value_added, Collection, GroupKey, Rollup, RowFilter, SortBy};
use xzzp_core::roster::ExpectedList;
use xzzp_core::scoring::percent;
use xzzp_core::store::workbench::{CountyDesk, CountyFileResult, CountyImportError, WorkMessage};
use xzzp_core::store::Read;
use xzzp_core::submission::{self, MAX_SUBMISSION_BYTES};
use xzzp_documents::bulletin::{self, Bulletin, BulletinEdits, BulletinInput, BULLETIN_KEYS};
use xzzp_documents::export::{html, zip};
use xzzp_documents::report::{earlier_evaluation, ReportInput};

/// The profile the sample county is loaded into.
pub const DEMO_COUNTY_PROFILE: &str = "demo-county";
/// A .zip of packages may hold a few hundred of them.
const MAX_ZIP_BYTES: usize = 64 * 1024 * 1024;
/// What a .zip of packages may inflate to: each entry no more than a package may be, all of them no more than
/// a few hundred large packages (a zip bomb is refused whole, see [`zip::extract`]).
const ZIP_LIMITS: zip::Limits = zip::Limits {
    per_entry: MAX_SUBMISSION_BYTES as u64,
    total: 256 * 1024 * 1024,
};
/// The list of expected schools is a small text file.
const MAX_LIST_BYTES: usize = 4 * 1024 * 1024;

// ---- the school's side ---------------------------------------------------------------------------------------

/// Why no package was exported, or that one was.
#[derive(Debug, Clone, PartialEq)]
enum PackageMsg {
    Work(WorkMessage),
    Unreadable,
    Invalid(submission::Problem),
    Exported(String),
}

impl Localized for PackageMsg {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (PackageMsg::Work(w), _) => w.text(lang),
            (PackageMsg::Unreadable, _) => K::CountyPackageUnreadable.text(lang).into(),
            (PackageMsg::Invalid(p), _) => Msg::PackageNotExported(p.clone()).text(lang),
            (PackageMsg::Exported(f), _) => Msg::PackageExported(f.clone()).text(lang),
        }
    }
}

fn ready<T: Default>(r: Read<T>) -> Result<T, PackageMsg> {
    match r {
        Read::Ready(v) => Ok(v),
        Read::Missing => Ok(T::default()),
        Read::Unreadable(_) => Err(PackageMsg::Unreadable),
    }
}

fn make_package(
    state: AppState,
    evaluation_id: &str,
    with_evidence: bool,
) -> Result<submission::Submission, PackageMsg> {
    let wb = state.wb();
    let school = wb
        .current_school()
        .ok_or(PackageMsg::Work(WorkMessage::NoSchool))?;
    let (header, ws) = wb.ws(|w| (w.evaluation(evaluation_id).cloned(), w.clone()));
    let header = header.ok_or(PackageMsg::Work(WorkMessage::NoEvaluation))?;
    // The version the evaluation was answered on, built in or one of the profile's own.
    let fw = wb
        .framework_for(&header.framework_id, &header.framework_version)
        .ok_or_else(|| {
            PackageMsg::Work(WorkMessage::UnknownFramework(header.framework_id.clone()))
        })?;
    let answers = match wb.answers_of(evaluation_id) {
        Read::Unreadable(_) => return Err(PackageMsg::Work(WorkMessage::UnreadableEvaluation)),
        r => ready(r)?,
    };
    let plan_header = submission::self_evaluation_plan(&ws, &header).cloned();
    let plan = match &plan_header {
        Some(h) => Some(ready(wb.doc_of(&wb.plan, &h.id))?),
        None => None,
    };
    let ledger = ready(wb.doc_of(&wb.ledger, &school.id))?;
    let edits = ready(wb.doc_of(&wb.report, evaluation_id))?;
    let files = ready(wb.doc_of(&wb.respondents, evaluation_id))?;
    // The whole-staff collection: the package says what the school's report says about it.
    let staff = ready(wb.doc_of(&wb.staff, evaluation_id))?;
    let earlier = earlier_evaluation(&ws.evaluations, &header).cloned();
    let earlier_answers = match &earlier {
        Some(e) => Some(ready(wb.answers_of(&e.id))?),
        None => None,
    };
    let input = ReportInput {
        school: &school,
        header: &header,
        fw: &fw,
        answers: &answers,
        plan: plan.as_ref(),
        ledger: &ledger,
        earlier: earlier.as_ref().zip(earlier_answers.as_ref()),
        respondents: xzzp_core::respondents::for_report(&fw, &files),
        edits: &edits,
        date: today(),
    };
    let sub = xzzp_documents::submission::export(
        &input,
        plan_header.as_ref(),
        &files,
        Some(&staff),
        &new_id(),
        chrono::Local::now().naive_local(),
    );
    // The evidence summary (names, sizes, SHA-256 per point; never the files), when asked for.
    let sub = if with_evidence {
        let doc = ready(wb.doc_of(&wb.evidence, evaluation_id))?;
        sub.with_evidence(&fw, &doc)
    } else {
        sub
    };
    submission::check(&sub).map_err(PackageMsg::Invalid)?;
    Ok(sub)
}

/// Exports the school's 上报包 of an evaluation as a download: the report as drafted with the principal's
/// edits, the answers and scores, teachers' statistics, the 自评方案 and the ledger, and the evidence summary
/// when `with_evidence`. Refused with a notice when anything it is made from cannot be read.
pub fn export_package(state: AppState, evaluation_id: &str, with_evidence: bool) {
    match make_package(state, evaluation_id, with_evidence) {
        Ok(sub) => {
            let name = sub.file_name();
            let text = submission::to_file(&sub);
            if save(state, &name, "application/json", text.as_bytes()) {
                state.tell(Notice::of(false, PackageMsg::Exported(name)));
            }
        }
        Err(e) => state.tell(Notice::of(true, e)),
    }
}

// ---- the bureau's side ---------------------------------------------------------------------------------------

/// A value shared by reference between views; equal only to itself, so a memo notifies on every recompute.
#[derive(Debug)]
struct Shared<T>(Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// One line of an import's results.
#[derive(Debug, Clone, PartialEq)]
enum ImportLine {
    File(CountyFileResult),
    /// A .zip of which nothing was taken.
    Zip(String, zip::ArchiveError),
    /// One file inside a .zip that could not be read (`archive.zip/name`).
    ZipEntry(String, zip::EntryError),
    ZipEmpty(String),
    Read(String, Refusal),
    /// Taken, then not kept: storage refused the import.
    NotSaved(String),
}

impl ImportLine {
    fn is_problem(&self) -> bool {
        match self {
            ImportLine::File(r) => r.is_problem(),
            _ => true,
        }
    }
}

impl Localized for ImportLine {
    fn text(&self, lang: Lang) -> String {
        use zip::{ArchiveError as A, EntryError as E, ReadError as R};
        let size = |n| xzzp_core::evidence::limits::format_size(n, lang);
        let zip = |f: &str, problem| Msg::ZipFile {
            file: f.to_string(),
            problem,
        };
        let msg = match self {
            ImportLine::File(r) => return r.text(lang),
            ImportLine::Zip(f, e) => zip(
                f,
                match e {
                    A::Read(R::NotZip) => ZipProblem::NotZip,
                    A::Read(R::Truncated) => ZipProblem::Truncated,
                    A::Read(R::Unsupported) => ZipProblem::Unsupported,
                    A::EntryTooLarge { name } => ZipProblem::EntryTooLarge {
                        name: name.clone(),
                        limit: size(ZIP_LIMITS.per_entry),
                    },
                    A::TooLarge => ZipProblem::TooLarge {
                        total: size(ZIP_LIMITS.total),
                    },
                },
            ),
            ImportLine::ZipEntry(f, e) => zip(
                f,
                match e {
                    E::Method(m) => ZipProblem::Method(*m),
                    E::Encrypted => ZipProblem::Encrypted,
                    E::Damaged => ZipProblem::Damaged,
                },
            ),
            ImportLine::ZipEmpty(f) => zip(f, ZipProblem::Empty),
            ImportLine::Read(f, why) => Msg::FileRefused {
                file: f.clone(),
                why: why.clone(),
            },
            ImportLine::NotSaved(f) => Msg::NotSavedStorageFull(f.clone()),
        };
        msg.text(lang)
    }
}

/// A name inside a .zip that is not UTF-8: in the code page of the Windows that made it (GBK on a Chinese
/// Windows; GB 18030 contains it).
fn legacy_name(bytes: &[u8]) -> Option<String> {
    web_sys::TextDecoder::new_with_label("gb18030")
        .ok()?
        .decode_with_u8_array(bytes)
        .ok()
}

/// The files picked or dropped, with .zip archives opened (stored or deflated; see [`zip::extract`]).
async fn gather(files: Vec<web_sys::File>, lines: &mut Vec<ImportLine>) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for f in files {
        let name = f.name();
        let is_zip = name.to_lowercase().ends_with(".zip");
        let max = if is_zip {
            MAX_ZIP_BYTES
        } else {
            MAX_SUBMISSION_BYTES
        };
        let bytes = match read_file(&f, max).await {
            Ok(b) => b,
            Err(e) => {
                lines.push(ImportLine::Read(name, e.refusal()));
                continue;
            }
        };
        if !is_zip && !bytes.starts_with(b"PK\x03\x04") {
            out.push((name, bytes));
            continue;
        }
        match zip::extract(&bytes, ZIP_LIMITS) {
            Ok(entries) => {
                if entries.is_empty() {
                    lines.push(ImportLine::ZipEmpty(name.clone()));
                }
                for x in entries {
                    let inner = format!("{name}/{}", x.entry.decoded_name(legacy_name));
                    match x.data {
                        Ok(b) => out.push((inner, b)),
                        Err(e) => lines.push(ImportLine::ZipEntry(inner, e)),
                    }
                }
            }
            // Not a zip after all (e.g. a Word file): the package reader names what it is.
            Err(zip::ArchiveError::Read(_)) if !is_zip => out.push((name, bytes)),
            Err(e) => lines.push(ImportLine::Zip(name, e)),
        }
    }
    out
}

/// Reads the packages picked or dropped and imports them, saying so only once they are stored.
async fn import_packages(
    state: AppState,
    files: Vec<web_sys::File>,
    shown: RwSignal<Vec<ImportLine>>,
) {
    let mut lines = Vec::new();
    let files = gather(files, &mut lines).await;
    if files.is_empty() {
        finish_import(state, lines, vec![], shown);
        return;
    }
    match state.county_import(&files).await {
        Ok(results) => finish_import(state, lines, results, shown),
        Err(CountyImportError::NotSaved(n)) => {
            let not_saved: std::collections::BTreeSet<&str> =
                n.files.iter().map(String::as_str).collect();
            // Every file in order: the packages not kept, and the others as they were found.
            let mut all: Vec<ImportLine> = files
                .iter()
                .filter(|(f, _)| not_saved.contains(f.as_str()))
                .map(|(f, _)| ImportLine::NotSaved(f.clone()))
                .collect();
            all.extend(lines);
            state.tell(Notice::of(true, CountyImportError::NotSaved(n)));
            shown.set(all);
        }
        Err(e) => state.tell(Notice::of(true, e)),
    }
}

/// Reads a list of expected schools (CSV or text from Excel or WPS) into the bureau's list.
async fn take_expected_list(state: AppState, f: web_sys::File) {
    let name = f.name();
    match read_file(&f, MAX_LIST_BYTES).await {
        Ok(bytes) => match decode_text(&bytes) {
            Some(t) => {
                state.act(|wb| wb.county_update_desk(move |d| d.expected = t.clone()));
            }
            None => state.tell(Notice::of(
                true,
                ImportLine::Read(name, Refusal::Read("encoding".into())),
            )),
        },
        Err(e) => state.tell(Notice::of(true, ImportLine::Read(name, e.refusal()))),
    }
}

/// Whether a file is a list of schools rather than a package.
fn is_list(f: &web_sys::File) -> bool {
    let n = f.name().to_lowercase();
    n.ends_with(".csv") || n.ends_with(".txt")
}

fn finish_import(
    state: AppState,
    mut lines: Vec<ImportLine>,
    results: Vec<CountyFileResult>,
    shown: RwSignal<Vec<ImportLine>>,
) {
    lines.extend(results.into_iter().map(ImportLine::File));
    let refused = lines.iter().filter(|l| l.is_problem()).count();
    let taken = lines.len() - refused;
    state.tell(Notice::of(
        refused > 0,
        Msg::PackagesImported { taken, refused },
    ));
    shown.set(lines);
}

/// Text of a CSV file from Excel or WPS (see [`xzzp_core::roster::decode_list`]), GBK and UTF-16 through the
/// browser's own decoder.
fn decode_text(bytes: &[u8]) -> Option<String> {
    xzzp_core::roster::decode_list(bytes, |enc, bytes| {
        web_sys::TextDecoder::new_with_label(enc.label())
            .ok()?
            .decode_with_u8_array(bytes)
            .ok()
    })
}

fn edits_of(d: &CountyDesk) -> BulletinEdits {
    BulletinEdits {
        issuer: d.issuer.clone(),
        doc_number: d.doc_number.clone(),
        title: d.title.clone(),
        addressee: d.addressee.clone(),
        sections: d.sections.clone(),
    }
}

fn ratio_text(r: Option<f64>) -> String {
    r.map(percent).unwrap_or_else(|| "—".into())
}

fn type_name(t: SchoolType, lang: Lang) -> &'static str {
    lang.pick(t.zh(), t.en())
}

/// The county page.
#[component]
pub fn CountyPage() -> impl IntoView {
    let state = use_app();
    let results = RwSignal::new(Vec::<ImportLine>::new());
    let collection = Memo::new(move |_| {
        state.county.with(|s| {
            s.value()
                .map(|v| Shared(Arc::new(Collection::from_packages(v.iter().cloned()))))
        })
    });
    let group = RwSignal::new(None::<GroupKey>);
    Effect::new(move |_| {
        let groups = collection.get().map(|c| c.0.groups()).unwrap_or_default();
        let current = group.get_untracked();
        if !groups.iter().any(|g| Some(&g.key) == current.as_ref()) {
            group.set(groups.first().map(|g| g.key.clone()));
        }
    });
    let rollup = Memo::new(move |_| {
        let c = collection.get()?;
        let key = group.get()?;
        c.0.rollup(&key).map(|r| Shared(Arc::new(r)))
    });
    let previous = Memo::new(move |_| {
        let c = collection.get()?;
        let key = group.get()?;
        let prev = c.0.previous_group(&key)?;
        c.0.rollup(&prev).map(|r| Shared(Arc::new(r)))
    });
    let expected = Memo::new(move |_| {
        state
            .county_desk
            .read(|d| xzzp_core::roster::parse_expected(&d.expected))
            .unwrap_or_default()
    });
    let opened = RwSignal::new(None::<usize>);
    // The 通报 shown as it prints; while it is open, printing the page prints the 通报 alone.
    let preview = RwSignal::new(false);
    let bulletin = Memo::new(move |_| {
        let c = collection.get()?;
        let r = rollup.get()?;
        let p = previous.get();
        let list = expected.get();
        let edits = state.county_desk.read(edits_of).unwrap_or_default();
        Some(bulletin::build(&BulletinInput {
            collection: &c.0,
            rollup: &r.0,
            expected: (!list.schools.is_empty()).then_some(&list),
            previous: p.as_ref().map(|p| p.0.as_ref()),
            edits: &edits,
            date: today(),
        }))
    });
    let loading = move || {
        state
            .county
            .with(|s| matches!(s, xzzp_core::store::doc::DocState::Loading { .. }))
    };
    let unreadable = move || {
        state
            .county
            .with(|s| matches!(s, xzzp_core::store::doc::DocState::Unreadable { .. }))
    };
    view! {
        <section class="page county" class:print-bulletin=move || preview.get()>
            <h1 tabindex="-1">{tr(K::CountyTitle)}</h1>
            <p class="help">{tr(K::CountyHelp)}</p>
            <Show when=loading>
                <p class="muted" role="status">{tr(K::Loading)}</p>
            </Show>
            <Show when=unreadable>
                {crate::ui::unreadable_notice()}
            </Show>
            <OwnProfile/>
            <ImportCard results/>
            {move || {
                let c = collection.get();
                let empty = c.as_ref().is_none_or(|c| c.0.is_empty());
                if empty {
                    return view! { <p class="county-empty">{tr(K::CountyNoPackages)}</p> }.into_any();
                }
                view! {
                    <GroupPicker collection group/>
                    <ExpectedCard rollup expected/>
                    <SchoolTable rollup opened/>
                    <Drill collection rollup opened/>
                    <Lists rollup previous/>
                    <BulletinCard bulletin preview/>
                    <BulletinPreview bulletin preview/>
                    <PackageList collection/>
                }
                .into_any()
            }}
        </section>
    }
}

/// When the open profile holds a school's own data, the bureau is offered a profile of its own (made once,
/// then switched to), so that packages and the 通报 never sit beside a school's evaluations on one computer.
#[component]
fn OwnProfile() -> impl IntoView {
    let state = use_app();
    let has_schools = move || {
        state
            .workspace
            .read(|w| !w.schools.is_empty())
            .unwrap_or(false)
    };
    let name = move || state.t(K::CountyProfileName).to_string();
    let existing = move || {
        let n = name();
        state
            .meta
            .read(|m| {
                m.profiles
                    .iter()
                    .find(|p| p.name == n)
                    .map(|p| p.id.clone())
            })
            .flatten()
    };
    let go = move |_| {
        match existing() {
            Some(id) => state.act(|wb| wb.switch_profile(&id)),
            None => state.act(|wb| wb.add_profile(&name())),
        };
    };
    view! {
        <Show when=has_schools>
            <div class="card county-own-profile notice-inline" role="note">
                <p>{tr(K::CountyMixedProfile)}</p>
                <button type="button" id="county-own-profile" on:click=go>{move || if existing().is_some() {
                    state.t(K::CountySwitchProfile)
                } else {
                    state.t(K::CountyMakeProfile)
                }}</button>
            </div>
        </Show>
    }
}

#[component]
fn ImportCard(results: RwSignal<Vec<ImportLine>>) -> impl IntoView {
    let state = use_app();
    let busy = RwSignal::new(false);
    // Picked and dropped files take the same way: lists of schools to the expected list, the rest as packages.
    let take = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        if busy.get_untracked() {
            state.tell(Notice::error(K::CountyImportBusy));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let (lists, packages): (Vec<_>, Vec<_>) = files.into_iter().partition(is_list);
            for f in lists {
                take_expected_list(state, f).await;
            }
            if !packages.is_empty() {
                import_packages(state, packages, results).await;
            }
            busy.set(false);
        });
    };
    let on_pick = move |ev: web_sys::Event| take(picked_files(&ev));
    let demo = move |_| {
        leptos::task::spawn_local(async move {
            // The sample packages are made on the built-in frameworks.
            if !crate::templates::ready_or_tell(state).await {
                return;
            }
            let county = xzzp_documents::demo_county::build(today());
            let mut files: Vec<(String, Vec<u8>)> = Vec::new();
            let mut n = 0;
            let mut push = |text: &String| {
                n += 1;
                files.push((format!("示例上报包-{n:02}.json"), text.clone().into_bytes()));
            };
            // Last year's first, then the superseded export, so the newer package replaces it as in real life.
            county.last_year.iter().for_each(&mut push);
            push(&county.superseded);
            county.packages.iter().for_each(&mut push);
            let name = K::CountyDemo.text(state.lang.get_untracked());
            if let Some(r) = state.act(|wb| {
                wb.county_load_demo(
                    DEMO_COUNTY_PROFILE,
                    name,
                    &county.issuer,
                    &county.expected_csv,
                    &files,
                )
            }) {
                finish_import(state, vec![], r, results);
            }
        });
    };
    view! {
        <div class="card county-import">
            <h2>{tr(K::CountyImport)}</h2>
            <p class="help">{tr(K::CountyImportHelp)}</p>
            <DropZone class="county-drop" on_files=Callback::new(take)>
                <label class="file-pick" for="county-import">{tr(K::CountyImport)}</label>
                <input id="county-import" type="file" multiple accept=".json,.zip,.csv,application/json,application/zip" on:change=on_pick/>
                <p class="help">{tr(K::CountyDropHere)}</p>
                <Show when=move || busy.get()>
                    <p class="county-busy muted" role="status">{tr(K::CountyImporting)}</p>
                </Show>
            </DropZone>
            <Show when=move || !results.with(|r| r.is_empty())>
                <h3>{tr(K::CountyImportResults)}</h3>
                <ul class="county-results" role="status">
                    {move || results.get().into_iter().map(|l| {
                        let class = if l.is_problem() { "problem" } else { "taken" };
                        view! { <li class=class>{l.text(state.lang.get())}</li> }
                    }).collect_view()}
                </ul>
            </Show>
            <details class="county-demo">
                <summary>{tr(K::CountyDemo)}</summary>
                <p class="help">{tr(K::CountyDemoHelp)}</p>
                <button type="button" id="county-demo" on:click=demo>{tr(K::CountyDemo)}</button>
            </details>
        </div>
    }
}

#[component]
fn GroupPicker(
    collection: Memo<Option<Shared<Collection>>>,
    group: RwSignal<Option<GroupKey>>,
) -> impl IntoView {
    let state = use_app();
    let groups = move || collection.get().map(|c| c.0.groups()).unwrap_or_default();
    let index = move || {
        let g = group.get();
        groups()
            .iter()
            .position(|x| Some(&x.key) == g.as_ref())
            .unwrap_or(0)
            .to_string()
    };
    view! {
        <Show when=move || { groups().len() > 1 }>
            <div class="card county-groups form-grid">
                <label for="county-group">{tr(K::CountyGroupLabel)}</label>
                <select id="county-group" prop:value=index on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    group.set(groups().get(i).map(|g| g.key.clone()));
                }>
                    {move || groups().into_iter().enumerate().map(|(i, g)| view! {
                        <option value=i.to_string()>{g.text(state.lang.get())}</option>
                    }).collect_view()}
                </select>
            </div>
        </Show>
    }
}

#[component]
fn ExpectedCard(
    rollup: Memo<Option<Shared<Rollup>>>,
    expected: Memo<ExpectedList>,
) -> impl IntoView {
    let state = use_app();
    let text = Signal::derive(move || {
        state
            .county_desk
            .read(|d| d.expected.clone())
            .unwrap_or_default()
    });
    let set = move |v: String| {
        state.act(|wb| wb.county_update_desk(move |d| d.expected = v.clone()));
    };
    let on_csv = move |ev: web_sys::Event| {
        if let Some(f) = picked_files(&ev).into_iter().next() {
            spawn_local(take_expected_list(state, f));
        }
    };
    let attendance = move || {
        let r = rollup.get()?;
        let list = expected.get();
        (!list.schools.is_empty()).then(|| (r.0.attendance(&list), list, r))
    };
    view! {
        <div class="card county-expected">
            <h2>{tr(K::CountyExpected)}</h2>
            <p class="help">{tr(K::CountyExpectedHelp)}</p>
            <TextField id="county-expected-text" kind=FieldKind::Lines(5) value=text
                label=Signal::derive(move || state.t(K::CountyExpected).to_string())
                on_change=Callback::new(set)/>
            <label class="file-pick" for="county-expected-csv">{tr(K::CountyExpectedCsv)}</label>
            <input id="county-expected-csv" type="file" accept=".csv,.txt,text/csv" on:change=on_csv/>
            <ul class="county-list-notes help">
                {move || expected.get().notices.iter().map(|n| view! { <li>{n.text(state.lang.get())}</li> }).collect_view()}
            </ul>
            {move || match attendance() {
                None => view! { <p class="muted">{tr(K::CountyNoList)}</p> }.into_any(),
                Some((a, list, r)) => {
                    let lang = state.lang.get();
                    let missing: Vec<String> = a.missing.iter().filter_map(|&i| list.schools.get(i).map(|s| s.name.clone())).collect();
                    let unexpected: Vec<String> = a.unexpected.iter().filter_map(|&i| r.0.rows.get(i).map(|s| s.name.clone())).collect();
                    let rate = a.rate(list.schools.len()).map(percent).unwrap_or_default();
                    view! {
                        <p class="county-rate">{Msg::CountyRate {
                            expected: list.schools.len(),
                            submitted: a.matched.len(),
                            rate,
                            missing: missing.len(),
                        }.text(lang)}</p>
                        {if missing.is_empty() {
                            view! { <p class="county-all-in">{tr(K::CountyAllIn)}</p> }.into_any()
                        } else {
                            view! {
                                <h3>{tr(K::CountyMissing)}</h3>
                                <ul class="county-missing">{missing.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                            }.into_any()
                        }}
                        <Show when={let u = unexpected.clone(); move || !u.is_empty()}>
                            <h3>{tr(K::CountyUnexpected)}</h3>
                            <ul class="county-unexpected">{unexpected.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                        </Show>
                    }.into_any()
                }
            }}
        </div>
    }
}

#[component]
fn SchoolTable(
    rollup: Memo<Option<Shared<Rollup>>>,
    opened: RwSignal<Option<usize>>,
) -> impl IntoView {
    let state = use_app();
    let sort = RwSignal::new((SortBy::Overall, true));
    let school_type = RwSignal::new(String::new());
    let group_name = RwSignal::new(None::<String>);
    let filter = move || RowFilter {
        school_type: SchoolType::ALL
            .into_iter()
            .find(|t| t.zh() == school_type.get()),
        group: group_name.get(),
    };
    let header = move |by: SortBy, label: String| {
        let active = move || sort.get().0 == by;
        let aria = move || {
            active().then(|| {
                if sort.get().1 {
                    "descending"
                } else {
                    "ascending"
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="link" on:click=move |_| sort.update(|(b, d)| {
                    if *b == by { *d = !*d } else { *b = by; *d = !matches!(by, SortBy::Name | SortBy::SchoolType | SortBy::Group) }
                })>{label}{move || if active() { if sort.get().1 { " ▼" } else { " ▲" } } else { "" }}</button>
            </th>
        }
    };
    view! {
        {move || rollup.get().map(|r| {
            let lang = state.lang.get();
            let fw = &r.0.framework;
            let mut cols = vec![SortBy::Name, SortBy::SchoolType, SortBy::Group, SortBy::Overall];
            cols.extend((0..fw.areas.len()).map(SortBy::Area));
            cols.extend([SortBy::Completion, SortBy::WeakPoints, SortBy::Plan, SortBy::OverdueTasks]);
            let heads = cols.iter().map(|&c| header(c, c.label(fw, lang))).collect_view();
            let types = r.0.school_types();
            let groups = r.0.group_names();
            let r2 = r.clone();
            view! {
                <div class="card county-table-card">
                    <h2>{tr(K::CountyTable)}</h2>
                    <div class="county-filters">
                        <label for="county-filter-type">{tr(K::CountyFilterType)}</label>
                        <select id="county-filter-type" on:change=move |ev| school_type.set(event_target_value(&ev))>
                            <option value="">{tr(K::CountyAll)}</option>
                            {types.into_iter().map(|t| view! { <option value=t.zh()>{type_name(t, lang)}</option> }).collect_view()}
                        </select>
                        <label for="county-filter-group">{tr(K::CountyFilterGroup)}</label>
                        <select id="county-filter-group" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            group_name.set(match v.as_str() { "*" => None, "-" => Some(String::new()), _ => Some(v) });
                        }>
                            <option value="*">{tr(K::CountyAll)}</option>
                            {groups.into_iter().map(|g| view! { <option value=g.clone()>{g.clone()}</option> }).collect_view()}
                            <option value="-">{tr(K::CountyNoGroup)}</option>
                        </select>
                    </div>
                    <p class="help">{tr(K::CountySortHint)}</p>
                    <div class="table-scroll">
                        <table class="county-table">
                            <thead><tr>{heads}</tr></thead>
                            <tbody>
                                {move || {
                                    let (by, desc) = sort.get();
                                    let r = r2.clone();
                                    r.0.view(&filter(), by, desc).into_iter().map(|i| {
                                        let row = &r.0.rows[i];
                                        let package = row.package;
                                        let level = |l: &Option<String>| l.as_deref().map(|id| r.0.level_label(id)).unwrap_or_default();
                                        view! {
                                            <tr>
                                                <th scope="row">
                                                    <button type="button" class="link county-open" on:click=move |_| opened.set(Some(package))>{row.name.clone()}</button>
                                                </th>
                                                <td>{type_name(row.school_type, lang)}</td>
                                                <td>{row.group_name.clone()}</td>
                                                <td>{ratio_text(row.overall.ratio)}" "<span class="muted">{level(&row.overall.level)}</span></td>
                                                {row.areas.iter().map(|c| view! { <td>{ratio_text(c.ratio)}" "<span class="muted">{level(&c.level)}</span></td> }).collect_view()}
                                                <td>{percent(row.completion())}</td>
                                                <td>{row.weak_points}</td>
                                                <td>{if row.has_plan { state.t(K::CountyPlanMade) } else { state.t(K::CountyPlanMissing) }}</td>
                                                <td>{row.overdue_tasks}</td>
                                            </tr>
                                        }
                                    }).collect_view()
                                }}
                            </tbody>
                        </table>
                    </div>
                </div>
            }
        })}
    }
}

#[component]
fn Drill(
    collection: Memo<Option<Shared<Collection>>>,
    rollup: Memo<Option<Shared<Rollup>>>,
    opened: RwSignal<Option<usize>>,
) -> impl IntoView {
    let _ = rollup;
    let page = move || {
        let c = collection.get()?;
        let i = opened.get()?;
        let sub = c.0.package(i)?;
        let report = xzzp_documents::submission::to_report(sub, c.0.earlier(i));
        Some((
            sub.school.name.clone(),
            html::render(&report, sub.evaluation.respondents.is_some()),
        ))
    };
    view! {
        {move || page().map(|(name, body)| {
            crate::ui::focus_by_id("county-drill-title");
            view! {
                <div class="card county-drill" role="region" aria-labelledby="county-drill-title">
                    <h2 id="county-drill-title" tabindex="-1">{tr(K::CountyDrillTitle)}" · "{name}</h2>
                    <button type="button" on:click=move |_| opened.set(None)>{tr(K::CountyClose)}</button>
                    <div class="report-preview" inner_html=body></div>
                </div>
            }
        })}
    }
}

#[component]
fn Lists(
    rollup: Memo<Option<Shared<Rollup>>>,
    previous: Memo<Option<Shared<Rollup>>>,
) -> impl IntoView {
    let state = use_app();
    let names = |r: &Rollup, rows: Vec<usize>| -> Vec<String> {
        rows.into_iter().map(|i| r.rows[i].name.clone()).collect()
    };
    let list = move |title: K, class: &'static str, items: Vec<String>| {
        view! {
            <h3>{tr(title)}</h3>
            {if items.is_empty() {
                view! { <p class=class>{tr(K::CountyNone)}</p> }.into_any()
            } else {
                view! { <ul class=class>{items.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }.into_any()
            }}
        }
    };
    // The area whose schools are drawn one bar each (the first by default).
    let area_pick = RwSignal::new(0usize);
    view! {
        {move || rollup.get().map(|r| {
            let r = &r.0;
            let lang = state.lang.get();
            let n = r.rows.len();
            let shown_area = area_pick.get().min(r.areas.len().saturating_sub(1));
            let school_bars: Vec<(String, Option<f64>)> = r
                .area_bars(shown_area)
                .into_iter()
                .map(|(i, v)| (r.rows[i].name.clone(), v))
                .collect();
            let area_options = r.areas.iter().enumerate().map(|(i, a)| {
                view! { <option value=i.to_string() selected=i == shown_area>{a.title.clone()}</option> }
            }).collect_view();
            let level_bars: Vec<(String, Option<f64>)> = r.overall.distribution.levels.iter().map(|(id, k)| {
                let label = Msg::SchoolsAtLevel { label: r.level_label(id), schools: *k }.text(lang);
                (label, (n > 0).then(|| *k as f64 / n as f64))
            }).collect();
            let changes = previous.get().map(|p| {
                let va = value_added(r, &p.0);
                let areas: Vec<(String, Option<f64>)> = r.areas.iter().map(|a| a.title.clone())
                    .zip(va.area_means(r.areas.len()))
                    .collect();
                let schools: Vec<(String, Option<f64>)> = va.most_improved().into_iter()
                    .map(|s| (r.rows[s.row].name.clone(), s.change()))
                    .collect();
                (areas, schools)
            });
            // Every point weak somewhere, most schools first: the first ten in the list, the rest folded below it.
            let mut weakest: Vec<String> = r.weakest_points(usize::MAX).iter().map(|p| Msg::WeakAcross {
                id: p.id.clone(),
                text: p.text.clone(),
                schools: p.weak.len(),
                share: percent(p.weak_share(n)),
            }.text(lang)).collect();
            let more_weak = weakest.split_off(weakest.len().min(10));
            let bars: Vec<(String, Option<f64>)> = r.areas.iter().map(|a| (a.title.clone(), a.mean)).collect();
            let dist: Vec<String> = r.overall.distribution.levels.iter()
                .map(|(id, k)| Msg::SchoolsAtLevel { label: r.level_label(id), schools: *k }.text(lang))
                .collect();
            let improved: Vec<String> = previous.get().map(|p| {
                value_added(r, &p.0).most_improved().into_iter().take(5).map(|s| {
                    let change = s.change().unwrap_or_default();
                    format!("{}{}{:+.1}", r.rows[s.row].name, lang.pick("：", ": "), change)
                }).collect()
            }).unwrap_or_default();
            view! {
                <div class="card county-lists">
                    {list(K::CountyWithoutPlan, "county-without-plan", names(r, r.without_plan()))}
                    {list(K::CountyNotStarted, "county-not-started", names(r, r.not_started()))}
                    {list(K::CountyWithOverdue, "county-overdue", names(r, r.with_overdue()))}
                    {list(K::CountyWeakest, "county-weakest", weakest)}
                    {(!more_weak.is_empty()).then(|| view! {
                        <details class="county-weakest-more">
                            <summary>{tr(K::CountyMoreWeak)}" · "{more_weak.len()}</summary>
                            <ul>{more_weak.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        </details>
                    })}
                    <h3>{tr(K::CountyAreaMeans)}</h3>
                    <div class="county-chart" inner_html=html::area_chart(&bars)></div>
                    <h3>{tr(K::CountyLevelChart)}</h3>
                    <div class="county-chart county-level-chart" inner_html=html::bar_chart(state.t(K::CountyLevelChart), &level_bars)></div>
                    <p class="county-distribution">{dist.join(lang.pick("；", "; "))}</p>
                    <h3><label for="county-area-pick">{tr(K::CountyAreaSchools)}</label></h3>
                    <select id="county-area-pick" on:change=move |ev| area_pick.set(event_target_value(&ev).parse().unwrap_or(0))>{area_options}</select>
                    <div class="county-chart county-area-schools" inner_html=html::bar_chart(state.t(K::CountyAreaSchools), &school_bars)></div>
                    {changes.map(|(areas, schools)| view! {
                        <h3>{tr(K::CountyAreaChanges)}</h3>
                        <div class="county-chart county-area-changes" inner_html=html::change_chart(state.t(K::CountyAreaChanges), &areas)></div>
                        <h3>{tr(K::CountyImproved)}</h3>
                        <ul class="county-improved">{improved.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                        <details class="county-all-changes">
                            <summary>{tr(K::CountySchoolChanges)}</summary>
                            <div class="county-chart" inner_html=html::change_chart(state.t(K::CountySchoolChanges), &schools)></div>
                        </details>
                    })}
                </div>
            }
        })}
    }
}

/// The 通报 in its 公文 layout, as Word and print show it, with the print button (print/PDF through the
/// browser's own dialog, as for the school's report).
#[component]
fn BulletinPreview(bulletin: Memo<Option<Bulletin>>, preview: RwSignal<bool>) -> impl IntoView {
    let body = move || bulletin.with(|b| b.as_ref().map(|b| html::write(&bulletin::document(b))));
    view! {
        <Show when=move || preview.get()>
            <div class="card county-bulletin-print" role="region" aria-labelledby="county-preview-title">
                <h2 id="county-preview-title" tabindex="-1">{tr(K::CountyPreviewTitle)}</h2>
                <div class="actions">
                    <button type="button" class="primary" id="county-print" on:click=move |_| { let _ = window().print(); }>{tr(K::ReportPrint)}</button>
                    <button type="button" id="county-preview-close" on:click=move |_| preview.set(false)>{tr(K::CountyClose)}</button>
                </div>
                <div class="report-preview" inner_html=body></div>
            </div>
        </Show>
    }
}

#[component]
fn BulletinCard(bulletin: Memo<Option<Bulletin>>, preview: RwSignal<bool>) -> impl IntoView {
    let state = use_app();
    let desk = move |f: fn(&CountyDesk) -> String| {
        Signal::derive(move || state.county_desk.read(f).unwrap_or_default())
    };
    let save_desk = move |change: fn(&mut CountyDesk, String)| {
        Callback::new(move |v: String| {
            state.act(|wb| wb.county_update_desk(move |d| change(d, v.clone())));
        })
    };
    let download = move |kind: &'static str| {
        let Some(b) = bulletin.get_untracked() else {
            return;
        };
        match kind {
            "docx" => {
                let bytes = bulletin::document(&b).docx();
                save(
                    state,
                    &file_name(&[&b.title], "docx"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    &bytes,
                );
            }
            "md" => {
                save(
                    state,
                    &file_name(&[&b.title], "md"),
                    "text/markdown;charset=utf-8",
                    bulletin::markdown(&b).as_bytes(),
                );
            }
            _ => {
                save(
                    state,
                    &file_name(&[&b.table.title], "csv"),
                    "text/csv;charset=utf-8",
                    bulletin::summary_csv(&b.table).as_bytes(),
                );
            }
        }
    };
    view! {
        <div class="card county-bulletin">
            <h2>{tr(K::CountyBulletin)}</h2>
            <p class="help">{tr(K::CountyBulletinHelp)}</p>
            <div class="form-grid">
                <label for="county-issuer">{tr(K::CountyIssuer)}</label>
                <TextField id="county-issuer" value=desk(|d| d.issuer.clone()) on_change=save_desk(|d, v| d.issuer = v)/>
                <label for="county-doc-number">{tr(K::CountyDocNumber)}</label>
                <TextField id="county-doc-number" value=desk(|d| d.doc_number.clone()) on_change=save_desk(|d, v| d.doc_number = v)/>
            </div>
            <div class="actions">
                <button type="button" class="primary" id="county-word" on:click=move |_| download("docx")>{tr(K::CountyWord)}</button>
                <button type="button" id="county-markdown" on:click=move |_| download("md")>{tr(K::CountyMarkdown)}</button>
                <button type="button" id="county-csv" on:click=move |_| download("csv")>{tr(K::CountyCsv)}</button>
                <button type="button" id="county-preview" on:click=move |_| {
                    preview.set(true);
                    crate::ui::focus_by_id("county-preview-title");
                }>{tr(K::CountyPreview)}</button>
            </div>
            {BULLETIN_KEYS.iter().map(|key| {
                let key: &'static str = key;
                let id = format!("county-section-{key}");
                let section = move || bulletin.with(|b| b.as_ref().and_then(|b| b.section(key).map(|s| (s.text.clone(), s.edited))));
                let text = Signal::derive(move || section().map(|s| s.0).unwrap_or_default());
                let edited = move || section().is_some_and(|s| s.1);
                let on_change = Callback::new(move |v: String| {
                    state.act(|wb| wb.county_update_desk(move |d| { d.sections.insert(key.to_string(), v.clone()); }));
                });
                view! {
                    <div class="section-editor">
                        <label for=id.clone()>{move || bulletin::bulletin_section_title(key, state.lang.get())}
                            <Show when=edited><span class="tag">{tr(K::ReportEdited)}</span></Show>
                        </label>
                        <TextField id kind=FieldKind::Lines(8) value=text on_change/>
                        <Show when=edited>
                            <button type="button" class="link" on:click=move |_| {
                                state.act(|wb| wb.county_update_desk(move |d| { d.sections.remove(key); }));
                            }>{tr(K::ReportRestoreDraft)}</button>
                        </Show>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn PackageList(collection: Memo<Option<Shared<Collection>>>) -> impl IntoView {
    let state = use_app();
    let clear = move |_| {
        if confirm(state.t(K::CountyClearConfirm)) {
            state.act(|wb| wb.county_clear());
        }
    };
    view! {
        <details class="card county-packages">
            <summary>{tr(K::CountyPackages)}{move || collection.get().map(|c| format!("（{}）", c.0.len()))}</summary>
            <ul>
                {move || collection.get().map(|c| c.0.packages().map(|p| {
                    let id = p.id.clone();
                    let label = format!("{} · {} · {}", p.school.name, p.period(), p.exported_at);
                    view! {
                        <li>{label}" "
                            <button type="button" class="link" on:click=move |_| { state.act(|wb| wb.county_remove(&id)); }>{tr(K::CountyRemove)}</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <button type="button" class="danger" on:click=clear>{tr(K::CountyClear)}</button>
        </details>
    }
}
