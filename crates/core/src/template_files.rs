//! Reading template files (`templates/*.toml`) into frameworks: shared by `build.rs` and the host tests.
//!
//! A template may declare short names for its documents in a `[docs]` table and cite them as
//! `source = { doc = "guide", section = "…" }`; they are expanded here, so the app only sees full titles.

use crate::framework::{validate, Framework};
use std::collections::BTreeMap;

/// Parses and validates one framework template. The error names the file and every offending item.
pub fn parse_framework(file: &str, text: &str) -> Result<Framework, String> {
    let mut value: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| format!("{file}: TOML 格式错误：{e}"))?;
    let docs: BTreeMap<String, String> = match value.remove("docs") {
        Some(v) => v
            .try_into()
            .map_err(|e| format!("{file}: [docs] 必须是 名称 = \"文件全称\" 的表：{e}"))?,
        None => BTreeMap::new(),
    };
    let mut fw: Framework = toml::Value::Table(value)
        .try_into()
        .map_err(|e| format!("{file}: 结构错误：{e}"))?;
    let expand = |doc: &mut String| {
        if let Some(full) = docs.get(doc.as_str()) {
            *doc = full.clone();
        }
    };
    for a in &mut fw.areas {
        expand(&mut a.source.doc);
        for i in &mut a.indicators {
            expand(&mut i.source.doc);
            for p in &mut i.points {
                expand(&mut p.source.doc);
            }
        }
    }
    let errs = validate(&fw);
    if errs.is_empty() {
        Ok(fw)
    } else {
        let list: Vec<String> = errs.iter().map(|e| format!("  - {e}")).collect();
        Err(format!(
            "{file}: 模板有 {} 处错误：\n{}",
            errs.len(),
            list.join("\n")
        ))
    }
}

/// Parses and validates one plan template.
pub fn parse_plan(file: &str, text: &str) -> Result<crate::plan::PlanTemplate, String> {
    let t: crate::plan::PlanTemplate =
        toml::from_str(text).map_err(|e| format!("{file}: 方案模板格式错误：{e}"))?;
    let errs = crate::plan::validate_template(&t);
    if errs.is_empty() {
        Ok(t)
    } else {
        let list: Vec<String> = errs.iter().map(|e| format!("  - {e}")).collect();
        Err(format!(
            "{file}: 方案模板有 {} 处错误：\n{}",
            errs.len(),
            list.join("\n")
        ))
    }
}
