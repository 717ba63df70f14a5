//! The built-in frameworks and plan templates, embedded at build time from `templates/` (validated by
//! `build.rs` through the same rules as every other framework, [`xzzp_core::framework::validate`]).

use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};
use xzzp_core::framework::{self, Framework};
use xzzp_core::plan::PlanTemplate;

include!(concat!(env!("OUT_DIR"), "/frameworks.rs"));

type Cache<T> = OnceLock<Mutex<BTreeMap<String, Arc<T>>>>;

/// Parses an embedded JSON document once and then shares it.
fn cached<T: DeserializeOwned>(
    cache: &'static Cache<T>,
    table: &[(&str, &str)],
    id: &str,
    parse: fn(&str) -> Result<T, String>,
) -> Option<Arc<T>> {
    let cache = cache.get_or_init(Default::default);
    if let Some(v) = cache.lock().ok()?.get(id) {
        return Some(v.clone());
    }
    let (_, json) = table.iter().find(|(k, _)| *k == id)?;
    let v = Arc::new(parse(json).expect("validated at build time"));
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
    let (_, _, json) = ARCHIVED
        .iter()
        .find(|(i, v, _)| *i == id && *v == version)?;
    let fw = Arc::new(rebuild(json, &current).expect("validated at build time"));
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

#[cfg(test)]
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
