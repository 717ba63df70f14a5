//! The built-in frameworks, embedded at build time from `templates/frameworks/*.toml`.

use super::framework::{self, Framework};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

include!(concat!(env!("OUT_DIR"), "/frameworks.rs"));

/// Ids of the built-in frameworks, in file order.
pub fn framework_ids() -> impl Iterator<Item = &'static str> {
    FRAMEWORKS.iter().map(|(id, _)| *id)
}

/// A built-in framework by id, parsed once and then shared. The JSON was validated when the project was built.
pub fn framework(id: &str) -> Option<Arc<Framework>> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Arc<Framework>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(fw) = cache.lock().ok()?.get(id) {
        return Some(fw.clone());
    }
    let (_, json) = FRAMEWORKS.iter().find(|(fid, _)| *fid == id)?;
    let fw = Arc::new(framework::from_json(json).expect("validated at build time"));
    cache.lock().ok()?.insert(id.to_string(), fw.clone());
    Some(fw)
}

/// Every built-in framework, in file order.
pub fn frameworks() -> Vec<Arc<Framework>> {
    framework_ids().filter_map(framework).collect()
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
}
