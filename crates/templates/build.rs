//! Validates every template under `templates/` and embeds them as JSON. A broken template fails the build with
//! a message naming the file and the item.

use xzzp_core::template_files as templates;

use std::fmt::Write as _;
use std::path::Path;

/// The Rust expression of one template document: its file name (with a digest of its JSON, so that a browser
/// never keeps a stale copy) and, with the `embed` feature, its text.
fn asset(out_dir: &str, local: &str, json: &str) -> String {
    let file = xzzp_core::files::template_asset_name(local, json);
    std::fs::write(Path::new(out_dir).join(local), json).expect("write template json");
    let text = if std::env::var_os("CARGO_FEATURE_EMBED").is_some() {
        format!("Some(include_str!(concat!(env!(\"OUT_DIR\"), \"/{local}\")))")
    } else {
        "None".to_string()
    };
    format!("Asset {{ file: {file:?}, text: {text} }}")
}

fn main() {
    // The templates live at the top of the repository, beside the documents they cite.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::set_current_dir(&root).expect("repository root");
    println!("cargo:rerun-if-changed=../../templates");
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_EMBED");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("templates/frameworks")
        .expect("templates/frameworks/ must exist")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();

    let mut failures = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    let mut index = String::from("/// Built-in frameworks: (id, document), validated at build time.\npub static FRAMEWORKS: &[(&str, Asset)] = &[\n");
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).expect("readable template");
        match templates::parse_framework(&name, &text) {
            Ok(fw) => {
                if !ids.insert(fw.id.clone()) {
                    failures.push(format!("{name}: 框架 id “{}” 与另一模板重复", fw.id));
                    continue;
                }
                let json = serde_json::to_string(&fw).expect("serialisable framework");
                let entry = asset(&out_dir, &format!("fw-{}.json", fw.id), &json);
                let _ = writeln!(index, "    ({:?}, {entry}),", fw.id);
            }
            Err(e) => failures.push(e),
        }
    }
    index.push_str("];\n");
    archive(&out_dir, &mut index, &mut failures);

    let mut plans: Vec<_> = std::fs::read_dir("templates/plans")
        .expect("templates/plans/ must exist")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    plans.sort();
    index.push_str("/// Built-in plan templates: (id, document), validated at build time.\npub static PLAN_TEMPLATES: &[(&str, Asset)] = &[\n");
    let mut plan_ids = std::collections::BTreeSet::new();
    for path in &plans {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).expect("readable template");
        match templates::parse_plan(&name, &text) {
            Ok(t) => {
                if !plan_ids.insert(t.id.clone()) {
                    failures.push(format!("{name}: 方案模板 id “{}” 与另一模板重复", t.id));
                    continue;
                }
                let json = serde_json::to_string(&t).expect("serialisable plan template");
                let entry = asset(&out_dir, &format!("plan-{}.json", t.id), &json);
                let _ = writeln!(index, "    ({:?}, {entry}),", t.id);
            }
            Err(e) => failures.push(e),
        }
    }
    index.push_str("];\n");
    if !failures.is_empty() {
        eprintln!("\n模板校验失败 (template validation failed):\n");
        for f in &failures {
            eprintln!("{f}\n");
        }
        std::process::exit(1);
    }
    std::fs::write(Path::new(&out_dir).join("frameworks.rs"), index).expect("write index");
}

/// Earlier versions of the built-in frameworks (`templates/frameworks/archive/*.toml`), kept so that an
/// evaluation started on one of them can still be shown and moved to the current version. They are embedded as
/// the differences from the current version: a point identical to the current point with the same id is stored
/// as `{"same": id}`.
fn archive(out_dir: &str, index: &mut String, failures: &mut Vec<String>) {
    println!("cargo:rerun-if-changed=../../templates/frameworks/archive");
    let mut files: Vec<_> = match std::fs::read_dir("templates/frameworks/archive") {
        Ok(dir) => dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(_) => vec![],
    };
    files.sort();
    let current: Vec<xzzp_core::framework::Framework> = std::fs::read_dir("templates/frameworks")
        .expect("templates/frameworks/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| {
            templates::parse_framework(&p.display().to_string(), &std::fs::read_to_string(&p).ok()?)
                .ok()
        })
        .collect();
    index.push_str("/// Earlier versions of built-in frameworks: (id, version, JSON of the differences), validated at build time.\npub static ARCHIVED: &[(&str, &str, Asset)] = &[\n");
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).expect("readable template");
        let old = match templates::parse_framework(&name, &text) {
            Ok(fw) => fw,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let Some(cur) = current.iter().find(|c| c.id == old.id) else {
            failures.push(format!(
                "{name}: 存档的框架 “{}” 没有对应的当前模板",
                old.id
            ));
            continue;
        };
        if xzzp_core::framework::compare_versions(&old.version, &cur.version)
            != Some(std::cmp::Ordering::Less)
        {
            failures.push(format!(
                "{name}: 存档版本 {} 必须低于当前版本 {}",
                old.version, cur.version
            ));
            continue;
        }
        let mut value = serde_json::to_value(&old).expect("serialisable framework");
        let cur_value = serde_json::to_value(cur).expect("serialisable framework");
        // An area or indicator whose own fields equal the current one's becomes {"same": id, <children>}.
        let same_node =
            |node: &mut serde_json::Value, current: Option<&serde_json::Value>, children: &str| {
                let Some(current) = current else { return };
                let strip = |v: &serde_json::Value| {
                    let mut v = v.clone();
                    v.as_object_mut().map(|o| o.remove(children));
                    v
                };
                if strip(node) == strip(current) {
                    let id = node["id"].clone();
                    let kids = node[children].take();
                    *node = serde_json::json!({ "same": id, children: kids });
                }
            };
        let find = |list: &serde_json::Value, id: &serde_json::Value| {
            list.as_array()
                .and_then(|l| l.iter().find(|x| &x["id"] == id))
                .cloned()
        };
        for area in value["areas"].as_array_mut().into_iter().flatten() {
            let cur_area = find(&cur_value["areas"], &area["id"]);
            for ind in area["indicators"].as_array_mut().into_iter().flatten() {
                let cur_ind = cur_area
                    .as_ref()
                    .and_then(|a| find(&a["indicators"], &ind["id"]));
                same_node(ind, cur_ind.as_ref(), "points");
                for p in ind["points"].as_array_mut().into_iter().flatten() {
                    let id = p["id"].as_str().unwrap_or_default().to_string();
                    let same = cur
                        .point(&id)
                        .map(|c| serde_json::to_value(c).expect("serialisable point"));
                    if same.as_ref() == Some(p) {
                        *p = serde_json::json!({ "same": id });
                    }
                }
            }
            same_node(area, cur_area.as_ref(), "indicators");
        }
        let local = format!("arch-{}-{}.json", old.id, old.version);
        let entry = asset(out_dir, &local, &value.to_string());
        let _ = writeln!(index, "    ({:?}, {:?}, {entry}),", old.id, old.version);
    }
    index.push_str("];\n");
}
