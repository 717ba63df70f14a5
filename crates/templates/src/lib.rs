//! The built-in frameworks and plan templates, embedded at build time from `templates/` (validated by
//! `build.rs` through the same rules as every other framework, [`xzzp_core::framework::validate`]).
//!
//!
//! Each template is one JSON document in a file of its own ([`Asset`]). With the `embed` feature (the default:
//! host tools and tests) the texts are compiled in. Without it (the web app) only the index is: the page fetches
//! the files it needs and hands them over with [`install`], so that about 430 KB of JSON stay off the first load.
//! Until a document is installed, the lookups below answer `None` and note the miss ([`take_missed`]).

use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use xzzp_core::framework::{self, Framework};
use xzzp_core::plan::PlanTemplate;

/// One built-in template document.
pub struct Asset {
    /// The file it is shipped in, named after a digest of its text
    /// ([`xzzp_core::files::template_asset_name`]).
    pub file: &'static str,
    /// Its text, when compiled in (the `embed` feature).
    text: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/frameworks.rs"));

type Cache<T> = OnceLock<Mutex<BTreeMap<String, Arc<T>>>>;

/// Texts handed over by [`install`], by file name.
static INSTALLED: OnceLock<Mutex<BTreeMap<&'static str, Arc<str>>>> = OnceLock::new();
/// Whether a lookup found a document not installed yet.
static MISSED: AtomicBool = AtomicBool::new(false);

fn installed() -> &'static Mutex<BTreeMap<&'static str, Arc<str>>> {
    INSTALLED.get_or_init(Default::default)
}

/// The text of a document: compiled in or installed; `None` (and the miss noted) while it is not here.
fn text(asset: &Asset) -> Option<Arc<str>> {
    if let Some(t) = asset.text {
        return Some(Arc::from(t));
    }
    let found = installed().lock().ok()?.get(asset.file).cloned();
    if found.is_none() {
        MISSED.store(true, Ordering::Relaxed);
    }
    found
}

fn every_asset() -> impl Iterator<Item = &'static Asset> {
    FRAMEWORKS
        .iter()
        .map(|(_, a)| a)
        .chain(ARCHIVED.iter().map(|(_, _, a)| a))
        .chain(PLAN_TEMPLATES.iter().map(|(_, a)| a))
}

/// Whether a document is here (compiled in or installed).
fn present(asset: &Asset) -> bool {
    asset.text.is_some() || installed().lock().is_ok_and(|m| m.contains_key(asset.file))
}

/// The files of every built-in template that is not here yet: what the page still has to fetch.
pub fn missing_files() -> Vec<&'static str> {
    every_asset()
        .filter(|a| !present(a))
        .map(|a| a.file)
        .collect()
}

/// The files a built-in framework (its current version and every archived one) or plan template needs that are
/// not here yet.
pub fn missing_files_for(id: &str) -> Vec<&'static str> {
    assets_for(id)
        .filter(|a| !present(a))
        .map(|a| a.file)
        .collect()
}

/// Every file of a built-in framework (its current version and every archived one) or plan template.
pub fn files_for(id: &str) -> Vec<&'static str> {
    assets_for(id).map(|a| a.file).collect()
}

/// The documents of a built-in framework (its current version and every archived one) or plan template.
fn assets_for(id: &str) -> impl Iterator<Item = &'static Asset> + '_ {
    let current = FRAMEWORKS.iter().filter(move |(i, _)| *i == id);
    let archived = ARCHIVED.iter().filter(move |(i, _, _)| *i == id);
    let plans = PLAN_TEMPLATES.iter().filter(move |(i, _)| *i == id);
    current
        .map(|(_, a)| a)
        .chain(archived.map(|(_, _, a)| a))
        .chain(plans.map(|(_, a)| a))
}

/// The ids of every built-in framework and plan template.
pub fn template_ids() -> impl Iterator<Item = &'static str> {
    FRAMEWORKS
        .iter()
        .map(|(id, _)| *id)
        .chain(PLAN_TEMPLATES.iter().map(|(id, _)| *id))
}

/// The built-in frameworks whose documents are here, in file order; unlike [`frameworks`] it notes no miss (for
/// a list that fills up as they arrive).
pub fn available_frameworks() -> Vec<Arc<Framework>> {
    FRAMEWORKS
        .iter()
        .filter(|(_, a)| present(a))
        .filter_map(|(id, _)| framework(id))
        .collect()
}

/// Every file name of the built-in templates, for the build that ships them.
pub fn files() -> impl Iterator<Item = &'static str> {
    every_asset().map(|a| a.file)
}

/// The text compiled in for a file, with the `embed` feature (the build that writes the files uses it).
pub fn embedded_text(file: &str) -> Option<&'static str> {
    every_asset().find(|a| a.file == file).and_then(|a| a.text)
}

/// Why a fetched template document was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallError {
    /// No built-in template is shipped in a file of this name.
    UnknownFile(String),
    /// The text is not the one the file was built with (a damaged or tampered copy).
    Damaged(String),
}

/// Hands over the text of a fetched template file. It is taken only when it is exactly the text this build was
/// made with (its digest is in the file name), so a damaged copy can never become a framework.
pub fn install(file: &str, text: String) -> Result<(), InstallError> {
    let asset = every_asset()
        .find(|a| a.file == file)
        .ok_or_else(|| InstallError::UnknownFile(file.to_string()))?;
    if !xzzp_core::files::template_asset_matches(asset.file, &text) {
        return Err(InstallError::Damaged(file.to_string()));
    }
    if let Ok(mut m) = installed().lock() {
        m.insert(asset.file, Arc::from(text));
    }
    Ok(())
}

/// Whether a lookup asked for a document that was not here since the last call (and forgets it): the page then
/// draws itself again once the documents have arrived.
pub fn take_missed() -> bool {
    MISSED.swap(false, Ordering::Relaxed)
}

/// Whether an id is one of the built-in frameworks' (known from the index, whether or not its document is here).
pub fn is_built_in(id: &str) -> bool {
    FRAMEWORKS.iter().any(|(i, _)| *i == id)
}

/// Parses a document once and then shares it.
fn cached<T: DeserializeOwned>(
    cache: &'static Cache<T>,
    table: &[(&str, Asset)],
    id: &str,
    parse: fn(&str) -> Result<T, String>,
) -> Option<Arc<T>> {
    let cache = cache.get_or_init(Default::default);
    if let Some(v) = cache.lock().ok()?.get(id) {
        return Some(v.clone());
    }
    let (_, asset) = table.iter().find(|(k, _)| *k == id)?;
    let json = text(asset)?;
    let v = Arc::new(parse(&json).expect("validated at build time"));
    cache.lock().ok()?.insert(id.to_string(), v.clone());
    Some(v)
}

/// Ids of the built-in frameworks, in file order.
pub fn framework_ids() -> impl Iterator<Item = &'static str> {
    FRAMEWORKS.iter().map(|(id, _)| *id)
}

/// A built-in framework by id.
pub fn framework(id: &str) -> Option<Arc<Framework>> {
    static CACHE: Cache<Framework> = OnceLock::new();
    cached(&CACHE, FRAMEWORKS, id, framework::from_json)
}

/// Every built-in framework, in file order.
pub fn frameworks() -> Vec<Arc<Framework>> {
    framework_ids().filter_map(framework).collect()
}

/// A built-in framework in a given version: the current one, or an earlier version kept in the archive, so that
/// an evaluation started on it can still be shown and moved to the current version.
pub fn framework_version(id: &str, version: &str) -> Option<Arc<Framework>> {
    let current = framework(id)?;
    if current.version == version {
        return Some(current);
    }
    static CACHE: Cache<Framework> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = format!("{id}@{version}");
    if let Some(v) = cache.lock().ok()?.get(&key) {
        return Some(v.clone());
    }
    let (_, _, asset) = ARCHIVED
        .iter()
        .find(|(i, v, _)| *i == id && *v == version)?;
    let json = text(asset)?;
    let fw = Arc::new(rebuild(&json, &current).expect("validated at build time"));
    cache.lock().ok()?.insert(key, fw.clone());
    Some(fw)
}

/// The framework an evaluation was started on: `id` in `version`, or the current version when this build does
/// not know that one (an evaluation made by a newer build), so that it can still be shown.
pub fn framework_for(id: &str, version: &str) -> Option<Arc<Framework>> {
    framework_version(id, version).or_else(|| framework(id))
}

/// Every version of a built-in framework this build knows, oldest first (the last is the current one).
pub fn framework_versions(id: &str) -> Vec<String> {
    let Some(current) = framework(id) else {
        return vec![];
    };
    let mut v: Vec<String> = ARCHIVED
        .iter()
        .filter(|(i, _, _)| *i == id)
        .map(|(_, v, _)| v.to_string())
        .collect();
    v.sort_by(|a, b| framework::compare_versions(a, b).unwrap_or(std::cmp::Ordering::Equal));
    v.push(current.version.clone());
    v
}

/// An archived version from its differences to the current version.
fn rebuild(json: &str, current: &Framework) -> Result<Framework, String> {
    use serde_json::Value;
    let mut value: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let cur = serde_json::to_value(current).map_err(|e| e.to_string())?;
    let find = |list: &Value, id: &Value| -> Option<Value> {
        list.as_array()?.iter().find(|x| &x["id"] == id).cloned()
    };
    // {"same": id, <children>} stands for the current node's own fields with the children given.
    let expand = |node: &mut Value, current: Option<Value>, children: &str| -> Result<(), String> {
        if node.get("same").is_none() {
            return Ok(());
        }
        let mut full = current.ok_or_else(|| format!("{} {}", children, node["same"]))?;
        full[children] = node[children].take();
        *node = full;
        Ok(())
    };
    for area in value["areas"].as_array_mut().ok_or("areas")? {
        let id = area.get("same").unwrap_or(&area["id"]).clone();
        let cur_area = find(&cur["areas"], &id);
        for ind in area["indicators"].as_array_mut().ok_or("indicators")? {
            for p in ind["points"].as_array_mut().ok_or("points")? {
                if let Some(id) = p.get("same").and_then(|s| s.as_str()) {
                    let point = current.point(id).ok_or_else(|| format!("point {id}"))?;
                    *p = serde_json::to_value(point).map_err(|e| e.to_string())?;
                }
            }
            let id = ind.get("same").unwrap_or(&ind["id"]).clone();
            let cur_ind = cur_area.as_ref().and_then(|a| find(&a["indicators"], &id));
            expand(ind, cur_ind, "points")?;
        }
        expand(area, cur_area, "indicators")?;
    }
    let fw: Framework = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let errs = framework::validate(&fw);
    if errs.is_empty() {
        Ok(fw)
    } else {
        Err(errs[0].to_string())
    }
}

/// A built-in plan template by id.
pub fn plan_template(id: &str) -> Option<Arc<PlanTemplate>> {
    static CACHE: Cache<PlanTemplate> = OnceLock::new();
    cached(&CACHE, PLAN_TEMPLATES, id, |json| {
        serde_json::from_str(json).map_err(|e| e.to_string())
    })
}

/// Every built-in plan template, in file order.
pub fn plan_templates() -> Vec<Arc<PlanTemplate>> {
    PLAN_TEMPLATES
        .iter()
        .filter_map(|(id, _)| plan_template(id))
        .collect()
}

#[cfg(all(test, feature = "embed"))]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_framework_loads_and_validates() {
        let all = frameworks();
        assert_eq!(all.len(), FRAMEWORKS.len());
        assert!(!all.is_empty());
        for fw in &all {
            assert!(framework::validate(fw).is_empty(), "{}", fw.id);
            assert!(fw.point_count() > 0);
        }
    }

    #[test]
    fn archived_versions_rebuild_and_differ_from_the_current_ones() {
        assert!(!ARCHIVED.is_empty());
        for (id, version, _) in ARCHIVED {
            let old = framework_version(id, version).expect("archived version");
            assert_eq!(old.version, *version);
            let current = framework(id).unwrap();
            assert_ne!(*old, *current);
            assert_eq!(framework_versions(id).last(), Some(&current.version));
            assert!(framework_versions(id).contains(&version.to_string()));
        }
        assert!(framework_version("senior-2022", "1999.1").is_none());
        assert_eq!(framework_versions("quality-action"), ["2026.1"]);
    }

    #[test]
    fn every_built_in_plan_template_loads_and_validates() {
        let all = plan_templates();
        assert_eq!(all.len(), PLAN_TEMPLATES.len());
        for t in &all {
            assert!(xzzp_core::plan::validate_template(t).is_empty(), "{}", t.id);
        }
    }
}

/// The web app's way: documents are fetched and installed (`cargo test -p xzzp-templates --no-default-features`).
#[cfg(all(test, not(feature = "embed")))]
mod fetched {
    use super::*;

    const SENIOR: &str = include_str!(concat!(env!("OUT_DIR"), "/fw-senior-2022.json"));
    const SENIOR_OLD: &str =
        include_str!(concat!(env!("OUT_DIR"), "/arch-senior-2022-2026.1.json"));

    /// The documents and the miss flag are shared by the whole process: one test at a time.
    fn serial() -> std::sync::MutexGuard<'static, ()> {
        static SERIAL: Mutex<()> = Mutex::new(());
        SERIAL.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn file_of(id: &str) -> &'static str {
        FRAMEWORKS.iter().find(|(i, _)| *i == id).unwrap().1.file
    }

    #[test]
    fn lookups_answer_none_until_installed_then_the_framework_and_its_archive() {
        let _serial = serial();
        // The index is known at once, the documents are not.
        assert!(is_built_in("senior-2022") && !is_built_in("my-own"));
        assert_eq!(framework_ids().count(), FRAMEWORKS.len());
        let wanted = missing_files_for("senior-2022");
        assert_eq!(wanted.len(), 2, "{wanted:?}");
        let _ = take_missed();
        assert!(framework("senior-2022").is_none());
        assert!(take_missed(), "the miss is noted");
        assert!(!take_missed(), "and forgotten once taken");
        assert!(available_frameworks().iter().all(|f| f.id != "senior-2022"));
        assert!(!take_missed(), "a list of what is here notes no miss");

        install(file_of("senior-2022"), SENIOR.to_string()).unwrap();
        let fw = framework("senior-2022").expect("installed");
        assert!(framework::validate(&fw).is_empty());
        assert!(available_frameworks().iter().any(|f| f.id == "senior-2022"));
        // The archived version needs its own document.
        assert!(framework_version("senior-2022", "2026.1").is_none());
        let arch = missing_files_for("senior-2022");
        assert_eq!(arch.len(), 1);
        install(arch[0], SENIOR_OLD.to_string()).unwrap();
        assert_eq!(
            framework_version("senior-2022", "2026.1").unwrap().version,
            "2026.1"
        );
        assert!(missing_files_for("senior-2022").is_empty());
        assert!(
            !missing_files().is_empty(),
            "the other templates are still to come"
        );
    }

    #[test]
    fn a_damaged_or_unknown_document_is_refused_and_changes_nothing() {
        let _serial = serial();
        let file = file_of("kindergarten-2022");
        let text = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/fw-kindergarten-2022.json"))
            .unwrap();
        let damaged = text.replacen("幼儿园", "幼兒園", 1);
        assert_ne!(damaged, text);
        assert_eq!(
            install(file, damaged),
            Err(InstallError::Damaged(file.to_string()))
        );
        assert_eq!(
            install("fw-other-0000000000000000.json", text.clone()),
            Err(InstallError::UnknownFile(
                "fw-other-0000000000000000.json".into()
            ))
        );
        assert!(framework("kindergarten-2022").is_none());
        assert!(missing_files().contains(&file));
        install(file, text).unwrap();
        assert!(framework("kindergarten-2022").is_some());
    }

    #[test]
    fn plan_templates_are_fetched_the_same_way() {
        let _serial = serial();
        let (id, asset) = &PLAN_TEMPLATES[0];
        assert!(plan_template(id).is_none());
        assert_eq!(missing_files_for(id), [asset.file]);
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("OUT_DIR")).join(format!("plan-{id}.json")),
        )
        .unwrap();
        install(asset.file, text).unwrap();
        assert_eq!(plan_template(id).unwrap().id, *id);
        assert!(template_ids().any(|t| t == *id));
    }
}
