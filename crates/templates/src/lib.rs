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
    fn every_built_in_plan_template_loads_and_validates() {
        let all = plan_templates();
        assert_eq!(all.len(), PLAN_TEMPLATES.len());
        for t in &all {
            assert!(xzzp_core::plan::validate_template(t).is_empty(), "{}", t.id);
        }
    }
}
