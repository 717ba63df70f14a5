//! Validates every template under `templates/` and embeds them as JSON. A broken template fails the build with
//! a message naming the file and the item.

use xzzp_core::template_files as templates;

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // The templates live at the top of the repository, beside the documents they cite.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::set_current_dir(&root).expect("repository root");
    println!("cargo:rerun-if-changed=../../templates");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("templates/frameworks")
        .expect("templates/frameworks/ must exist")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();

    let mut failures = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    let mut index = String::from("/// Built-in frameworks: (id, JSON), validated at build time.\npub static FRAMEWORKS: &[(&str, &str)] = &[\n");
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
                let out = Path::new(&out_dir).join(format!("fw-{}.json", fw.id));
                std::fs::write(&out, json).expect("write framework json");
                let _ = writeln!(
                    index,
                    "    ({:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/fw-{}.json\"))),",
                    fw.id, fw.id
                );
            }
            Err(e) => failures.push(e),
        }
    }
    index.push_str("];\n");

    let mut plans: Vec<_> = std::fs::read_dir("templates/plans")
        .expect("templates/plans/ must exist")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    plans.sort();
    index.push_str("/// Built-in plan templates: (id, JSON), validated at build time.\npub static PLAN_TEMPLATES: &[(&str, &str)] = &[\n");
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
                std::fs::write(
                    Path::new(&out_dir).join(format!("plan-{}.json", t.id)),
                    json,
                )
                .expect("write plan json");
                let _ = writeln!(
                    index,
                    "    ({:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/plan-{}.json\"))),",
                    t.id, t.id
                );
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
