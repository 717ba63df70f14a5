//! What the pages share, through context: the workbench (the core's documents and actions), read-only handles
//! on its documents, and the notices. Pages read documents through [`Doc`] handles and change them through the
//! workbench's typed actions with [`AppState::act`], which turns a refusal into a notice; they never touch
//! signals of the store or storage directly.

use crate::backends::{IdbMirror, LargeBackend, LocalBackend};
use crate::docs::Doc;
use crate::i18n::{Lang, Localized, K};
use crate::notices::{Notice, Notices};
use crate::route::Route;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;
use xzzp_core::backup::AnswerFile;
use xzzp_core::evaluation::{Answers, EvaluationHeader};
use xzzp_core::framework::Framework;
use xzzp_core::ledger::Ledger;
use xzzp_core::persist::{Meta, PlanHeader, Session, Workspace};
use xzzp_core::plan::Plan;
use xzzp_core::report::ReportEdits;
use xzzp_core::school::School;
use xzzp_core::store::usage::Usage;
use xzzp_core::store::workbench::{
    CountyFileResult, CountyImportError, Env, Workbench, COUNTY_PACKAGES,
};
use xzzp_core::store::{migrate, Backend, MemoryBackend, Store, StoreError, StoreEvent};
use xzzp_templates as catalog;

/// The browser's side of the workbench's environment.
struct BrowserEnv;

impl Env for BrowserEnv {
    fn today(&self) -> chrono::NaiveDate {
        today()
    }
    fn new_id(&self) -> String {
        new_id()
    }
    fn framework(&self, id: &str) -> Option<Arc<Framework>> {
        catalog::framework(id)
    }
    fn framework_in(&self, id: &str, version: &str) -> Option<Arc<Framework>> {
        catalog::framework_version(id, version)
    }
    fn is_built_in(&self, id: &str) -> bool {
        catalog::is_built_in(id)
    }
}

/// Everything the pages share. Cheap to copy: it is a bundle of handles.
#[derive(Clone, Copy)]
pub struct AppState {
    wb: StoredValue<Rc<Workbench>, LocalStorage>,
    mirror: StoredValue<Option<Rc<IdbMirror>>, LocalStorage>,
    /// Interface language.
    pub lang: Memo<Lang>,
    /// The current page: only the shell sets it, from the address ([`AppState::follow_address`]).
    route: RwSignal<Route>,
    /// Settings of this browser.
    pub meta: Doc<Meta>,
    /// Schools, evaluation and plan headers of the active profile.
    pub workspace: Doc<Workspace>,
    /// What is open.
    pub session: Doc<Session>,
    /// Answers of the open evaluation.
    pub answers: Doc<Answers>,
    /// The open plan document.
    pub plan: Doc<Plan>,
    /// The ledger of the current school.
    pub ledger: Doc<Ledger>,
    /// The report edits of the evaluation on the report page.
    pub report: Doc<ReportEdits>,
    /// Teachers' answer files merged into the open evaluation.
    pub respondents: Doc<Vec<AnswerFile>>,
    /// The county bureau's packages received.
    pub county: Doc<Vec<xzzp_core::submission::Submission>>,
    /// The county bureau's expected list and bulletin edits.
    pub county_desk: Doc<xzzp_core::store::workbench::CountyDesk>,
    /// The whole-staff part (分工, packages, collected answers) of the open evaluation.
    pub staff: Doc<xzzp_core::collection::Staff>,
    /// The teacher's work on a package, in teacher mode.
    pub teacher: Doc<Option<xzzp_core::teacher::TeacherWork>>,
    /// Messages for the user.
    pub notices: Notices,
    saved_at: RwSignal<Option<String>>,
    usage: RwSignal<Usage>,
    unreadable: RwSignal<Vec<xzzp_core::store::Unreadable>>,
    /// The evidence (佐证材料) of the open evaluation.
    pub evidence: Doc<xzzp_core::evidence::EvidenceDoc>,
    /// The frameworks made or imported in this profile, every version.
    pub frameworks: Doc<xzzp_core::framework_versions::FrameworkStore>,
}

thread_local! {
    /// The workbench, for looking frameworks up from code that has no state at hand (labels, exporters).
    static WORKBENCH: std::cell::RefCell<Option<Rc<Workbench>>> = const { std::cell::RefCell::new(None) };
}

/// A framework in the version an evaluation uses: built in, or one of the profile's own (see
/// [`Workbench::framework_for`]).
pub fn framework_for(id: &str, version: &str) -> Option<Arc<Framework>> {
    WORKBENCH
        .with(|w| w.borrow().as_ref().map(|wb| wb.framework_for(id, version)))
        .unwrap_or_else(|| catalog::framework_for(id, version))
}

/// A framework in its current version: built in, or the newest of the profile's own.
pub fn framework(id: &str) -> Option<Arc<Framework>> {
    WORKBENCH
        .with(|w| w.borrow().as_ref().map(|wb| wb.framework(id)))
        .unwrap_or_else(|| catalog::framework(id))
}

/// What the browser says this site uses and may use, `(usage, quota)` in bytes; `None` where it cannot tell.
/// The one place that asks `navigator.storage.estimate()`.
pub async fn storage_estimate() -> Option<(u64, u64)> {
    let storage = web_sys::window()?.navigator().storage();
    let v = wasm_bindgen_futures::JsFuture::from(storage.estimate().ok()?)
        .await
        .ok()?;
    let e: web_sys::StorageEstimate = v.into();
    Some((e.get_usage().unwrap_or(0.0) as u64, e.get_quota()? as u64))
}

/// Bytes the browser says this site may still store (its quota less its usage), when it says.
async fn storage_free() -> Option<u64> {
    let (usage, quota) = storage_estimate().await?;
    Some(quota.saturating_sub(usage))
}

/// The state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// A fresh id: time plus randomness, short and unique enough for one person's data.
pub fn new_id() -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("{}{}", radix36(t), radix36(r))
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Today's date on this computer.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds()
    )
}

impl AppState {
    /// Creates the state over the browser's storage, reads it, and provides it as context.
    pub fn provide() -> Self {
        let local: Rc<dyn Backend> = Rc::new(LocalBackend);
        // IndexedDB is read asynchronously: until then the large tier is empty and its documents are loading.
        let store = Store::new(
            local,
            Rc::new(MemoryBackend::new()),
            Rc::new(js_sys::Date::now),
        );
        store.set_large_ready(false);
        // Names this tab's writes in the marks of what it stores (see `persist::Marks`).
        store.set_writer(&format!("t{:x}", (js_sys::Math::random() * 9e15) as u64));
        let state = Self::over(store, Rc::new(BrowserEnv));
        provide_context(state);
        if !state.wb().store.available() {
            state.tell(Notice::storage(StoreError::Unavailable));
        }
        state.wb().load_all();
        crate::sync::start(state);
        state.open_large_tier();
        // Measuring reads every stored value: do it after the first screen is up.
        set_timeout(move || state.measure_usage(), std::time::Duration::ZERO);
        state
    }

    /// The state over a given store and environment (host tests use memory backends).
    pub fn over(store: Rc<Store>, env: Rc<dyn Env>) -> Self {
        let wb = Workbench::new(store, env);
        let notices = Notices::new();
        let saved_at = RwSignal::new(None);
        let meta = Doc::new(wb.meta.clone());
        let lang = Memo::new(move |_| meta.read(|m| m.lang).unwrap_or_default());
        let state = AppState {
            wb: StoredValue::new_local(wb.clone()),
            mirror: StoredValue::new_local(None),
            lang,
            route: RwSignal::new(Route::Home),
            meta,
            workspace: Doc::new(wb.workspace.clone()),
            session: Doc::new(wb.session.clone()),
            answers: Doc::new(wb.answers.clone()),
            plan: Doc::new(wb.plan.clone()),
            ledger: Doc::new(wb.ledger.clone()),
            report: Doc::new(wb.report.clone()),
            respondents: Doc::new(wb.respondents.clone()),
            county: Doc::new(wb.county_packages.clone()),
            county_desk: Doc::new(wb.county_desk.clone()),
            staff: Doc::new(wb.staff.clone()),
            teacher: Doc::new(wb.teacher.clone()),
            notices,
            saved_at,
            usage: RwSignal::new(Usage::default()),
            unreadable: RwSignal::new(Vec::new()),
            evidence: Doc::new(wb.evidence.clone()),
            frameworks: Doc::new(wb.frameworks.clone()),
        };
        WORKBENCH.with(|w| *w.borrow_mut() = Some(wb.clone()));
        wb.store.listen(move |e| state.on_store_event(e));
        state
    }

    /// The workbench.
    pub fn wb(&self) -> Rc<Workbench> {
        self.wb.get_value()
    }

    /// Runs one of the workbench's actions; a refusal becomes a notice. Returns the action's value when it
    /// succeeded.
    pub fn act<R, E: Localized + 'static>(
        &self,
        f: impl FnOnce(&Workbench) -> Result<R, E>,
    ) -> Option<R> {
        let wb = self.wb();
        match untrack(|| f(&wb)) {
            Ok(r) => Some(r),
            Err(e) => {
                self.tell(Notice::of(true, e));
                None
            }
        }
    }

    /// Shows a notice.
    pub fn tell(&self, notice: Notice) {
        self.notices.show(notice);
    }

    fn on_store_event(&self, e: StoreEvent) {
        match &e {
            StoreEvent::Saved { key } => {
                self.saved_at.set(Some(clock_time()));
                self.unreadable.update(|u| u.retain(|x| &x.key != key));
            }
            StoreEvent::Removed { key } => {
                self.unreadable.update(|u| u.retain(|x| &x.key != key));
                // An evaluation, school or profile went with its evidence: delete the blobs nobody uses now.
                // A teacher's work (teacher mode) holds the teacher's files the same way.
                if xzzp_core::store::kind::parse_key(key).is_some_and(|p| {
                    matches!(
                        p.kind,
                        xzzp_core::store::kind::Kind::Evidence
                            | xzzp_core::store::kind::Kind::Teacher
                    )
                }) {
                    let wb = self.wb();
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = crate::blobs::collect_garbage(wb).await;
                    });
                }
            }
            StoreEvent::Failed(err) => {
                // A write refused (at once, or later by IndexedDB): the header must not go on saying "saved".
                if matches!(
                    err,
                    StoreError::Quota
                        | StoreError::Unavailable
                        | StoreError::Conflict { .. }
                        | StoreError::Other(_)
                ) {
                    self.saved_at.set(None);
                }
                if *err == StoreError::Quota {
                    let state = *self;
                    set_timeout(move || state.measure_usage(), std::time::Duration::ZERO);
                }
                if let StoreError::Unreadable(u) = err {
                    self.unreadable.update(|list| {
                        if !list.iter().any(|x| x.key == u.key) {
                            list.push(u.clone());
                        }
                    });
                }
                self.tell(Notice::storage(err.clone()));
            }
        }
        let mirrored = self.mirror.get_value().is_some();
        crate::sync::announce(&e, |key| mirrored && migrate::is_large(key));
    }

    /// Opens IndexedDB, moves teachers' answers the first release kept in localStorage into it (each removed
    /// from localStorage only after IndexedDB stored it), and opens the large documents. Without IndexedDB,
    /// large documents stay in localStorage.
    fn open_large_tier(&self) {
        let state = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let wb = state.wb();
            let store = wb.store.clone();
            match IdbMirror::open().await {
                Ok(mirror) => {
                    let mirror = Rc::new(mirror);
                    let s2 = store.clone();
                    mirror.on_failure(move |e| s2.report(e));
                    mirror.on_stored(crate::sync::announce_key);
                    let local = store.backend(xzzp_core::store::Tier::Local);
                    for key in migrate::pending_moves(&store) {
                        let Ok(Some(text)) = local.get(&key) else {
                            continue;
                        };
                        if mirror.get(&key).is_none() {
                            if let Err(e) = mirror.persist(&key, Some(&text)).await {
                                store.report(e.into());
                                continue;
                            }
                            mirror.adopt(&key, &text);
                        }
                        let _ = local.remove(&key);
                    }
                    store.set_large_backend(Rc::new(LargeBackend(mirror.clone())));
                    state.mirror.set_value(Some(mirror));
                }
                Err(_) => {
                    // No IndexedDB here (some private modes): localStorage keeps everything, as before.
                    store.set_large_backend(store.backend(xzzp_core::store::Tier::Local));
                }
            }
            wb.large_loaded();
            state.measure_usage();
        });
    }

    /// Reacts to another tab's or module's write. Large documents are read again from IndexedDB first.
    pub fn external_change(&self, key: Option<String>) {
        let state = *self;
        let large = key.as_deref().is_some_and(migrate::is_large);
        match (large, self.mirror.get_value()) {
            (true, Some(m)) => wasm_bindgen_futures::spawn_local(async move {
                if let Some(k) = &key {
                    m.refresh(k).await;
                }
                state.wb().external_change(key.as_deref());
            }),
            _ => self.wb().external_change(key.as_deref()),
        }
    }

    /// Imports 上报包 into the county roll-up and returns only once they are stored: in IndexedDB the write is
    /// waited for, and when it is refused (storage full) the import is taken back, so that an import is either
    /// stored whole or not kept at all; the error names the files and the room needed and free.
    pub async fn county_import(
        &self,
        files: &[(String, Vec<u8>)],
    ) -> Result<Vec<CountyFileResult>, CountyImportError> {
        let wb = self.wb();
        let mirror = self.mirror.get_value();
        let key = wb.county_packages.key_of(COUNTY_PACKAGES);
        if let Some(m) = &mirror {
            m.hold(&key);
        }
        let staged = untrack(|| wb.county_import_staged(files));
        let out = match (staged, &mirror) {
            (Err(e), _) => Err(e),
            (Ok(import), Some(m)) if import.written_key().is_some() => {
                match m.settled(&key).await {
                    Ok(()) => Ok(import.results),
                    Err(e) => Err(untrack(|| wb.county_import_refused(&import, e.into()))),
                }
            }
            (Ok(import), _) => Ok(import.results),
        };
        if let Some(m) = &mirror {
            m.release(&key);
        }
        match out {
            Err(CountyImportError::NotSaved(mut n)) => {
                n.available = storage_free().await;
                self.measure_usage();
                Err(CountyImportError::NotSaved(n))
            }
            other => other,
        }
    }

    // ---- tracked reads -------------------------------------------------------------------------------------

    /// The page shown (tracked).
    pub fn route(&self) -> Route {
        self.route.get()
    }

    /// Shows the page an address hash names; the shell calls it at start and on every hash change.
    pub fn follow_address(&self, hash: &str) {
        self.route.set(Route::from_hash(hash));
    }

    /// Text of a message key in the current language (tracked).
    pub fn t(&self, key: K) -> &'static str {
        key.text(self.lang.get())
    }

    /// The current school (tracked).
    pub fn current_school(&self) -> Option<School> {
        self.session.with(|_| ());
        self.workspace.with(|_| ());
        self.wb().current_school()
    }

    /// Evaluations of the current school, newest first (tracked).
    pub fn school_evaluations(&self) -> Vec<EvaluationHeader> {
        self.session.with(|_| ());
        self.workspace.with(|_| ());
        self.wb().school_evaluations()
    }

    /// Plan documents of the current school, newest first (tracked).
    pub fn school_plans(&self) -> Vec<PlanHeader> {
        self.session.with(|_| ());
        self.workspace.with(|_| ());
        self.wb().school_plans()
    }

    /// The header of the open evaluation (tracked).
    pub fn current_evaluation(&self) -> Option<EvaluationHeader> {
        self.answers.id()?;
        self.workspace.with(|_| ());
        self.wb().current_evaluation()
    }

    /// The framework of the open evaluation (tracked).
    pub fn current_framework(&self) -> Option<Arc<Framework>> {
        let e = self.current_evaluation()?;
        self.frameworks.with(|_| ());
        self.wb()
            .framework_for(&e.framework_id, &e.framework_version)
    }

    /// When the last save succeeded (local time, HH:MM:SS).
    pub fn saved_at(&self) -> Option<String> {
        self.saved_at.get()
    }

    /// The storage in use (tracked).
    pub fn usage(&self) -> Usage {
        self.usage.get()
    }

    /// Whether the sample data is what is shown now (tracked).
    pub fn in_demo(&self) -> bool {
        self.meta
            .read(|m| m.active_profile == xzzp_documents::demo::DEMO_PROFILE)
            .unwrap_or(false)
    }

    /// Stored values found unreadable (tracked). They are kept untouched until the user discards them.
    pub fn unreadable(&self) -> Vec<xzzp_core::store::Unreadable> {
        self.unreadable.get()
    }

    // ---- storage measurements ------------------------------------------------------------------------------

    /// Measures how much of the browser's storage is used, and whether the browser keeps it persistently.
    pub fn measure_usage(&self) {
        let (local_app, local_all) = self.wb().store.local_usage();
        self.usage.update(|u| {
            u.local_app = local_app;
            u.local_all = local_all;
        });
        let usage = self.usage;
        let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(e) = storage_estimate().await {
                usage.update(|u| u.estimate = Some(e));
            }
            if let Ok(p) = storage.persisted() {
                if let Ok(v) = wasm_bindgen_futures::JsFuture::from(p).await {
                    usage.update(|u| u.persisted = v.as_bool());
                }
            }
        });
    }

    /// Asks the browser to keep this site's data even when space runs low, and records the answer.
    pub fn request_persistence(&self) {
        let usage = self.usage;
        let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(p) = storage.persist() {
                if let Ok(v) = wasm_bindgen_futures::JsFuture::from(p).await {
                    usage.update(|u| u.persisted = v.as_bool());
                }
            }
        });
    }

    /// Changes the open plan and saves it.
    pub fn update_plan(&self, change: impl Fn(&mut Plan) + 'static) {
        self.act(|wb| {
            wb.plan.update(move |p| {
                change(p);
                true
            })
        });
    }

    /// Changes the current school's ledger and saves it.
    pub fn update_ledger(&self, change: impl Fn(&mut Ledger) + 'static) {
        self.act(|wb| {
            wb.ledger.update(move |l| {
                change(l);
                true
            })
        });
    }

    /// Changes the report edits shown on the report page and saves them.
    pub fn update_report(&self, change: impl Fn(&mut ReportEdits) + 'static) {
        self.act(|wb| {
            wb.report.update(move |r| {
                change(r);
                true
            })
        });
    }

    /// Switches the interface language and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        self.act(|wb| wb.update_meta(move |m| m.lang = lang));
    }

    /// Changes the settings.
    pub fn update_meta(&self, change: impl Fn(&mut Meta) + 'static) {
        self.act(|wb| wb.update_meta(change));
    }
}
