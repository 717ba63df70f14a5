//! The column layout of an indicator table, and turning a table into a framework.

use crate::read::Table;
use crate::{SheetError, SheetProblem};
use std::collections::{BTreeMap, BTreeSet};
use xzzp_core::framework::{
    is_id, validate, Area, Direction, Field, Framework, Indicator, ItemPath, Point, PointKind,
    Scale, SchoolType, Source,
};
use xzzp_core::framework_edit::default_scale;
use xzzp_core::i18n::{Lang, Localized};

/// The columns, in the documented order.
pub const COLUMNS: [&str; 8] = [
    "方面",
    "关键指标",
    "考查要点",
    "类型",
    "目标",
    "自查要点",
    "佐证材料",
    "来源",
];

/// Other names tables use for the same columns (matched at the start of a header cell, spaces ignored).
const SYNONYMS: [&[&str]; 8] = [
    &["方面", "评价内容", "重点内容", "一级指标", "A级指标"],
    &["关键指标", "二级指标", "B级指标"],
    &["考查要点", "考察要点", "评价要点", "三级指标", "C级指标"],
    &["类型", "评价方式", "答题方式"],
    &["目标", "目标值"],
    &["自查要点", "自查说明", "评价标准"],
    &["佐证材料", "佐证资料", "佐证", "支撑材料"],
    &["来源", "依据", "政策依据"],
];

const AREA: usize = 0;
const INDICATOR: usize = 1;
const POINT: usize = 2;
const KIND: usize = 3;
const TARGET: usize = 4;
const GUIDANCE: usize = 5;
const EVIDENCE: usize = 6;
const SOURCE: usize = 7;

/// What the table itself does not say: the framework's own details, and how to mark its items.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// The new framework's id.
    pub id: String,
    /// Its title; empty: the table's title row, else the sheet name.
    pub title: String,
    /// Who issued it, e.g. 贺兰县教育体育局.
    pub issuer: String,
    /// The document the table belongs to; cited by items whose 来源 cell is empty. Empty: the title.
    pub document: String,
    /// Year of the document.
    pub year: u16,
    /// School types it applies to.
    pub school_types: Vec<SchoolType>,
    /// The rating scale (the table has none); `None`: 优秀 4 / 良好 3 / 合格 2 / 待改进 1.
    pub scale: Option<Scale>,
    /// The rows are the official wording of the cited document (a bureau importing its own table): items whose
    /// 来源 does not say 已核实/未核实 count as confirmed. Otherwise they are marked unconfirmed, with a note
    /// naming the sheet and row.
    pub rows_are_official: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            id: "imported".into(),
            title: String::new(),
            issuer: String::new(),
            document: String::new(),
            year: 2026,
            school_types: SchoolType::ALL[..4].to_vec(),
            scale: None,
            rows_are_official: false,
        }
    }
}

/// Something the import did that the user should know, shown with the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The numbers in front of the names were missing or repeated, so every item was numbered anew
    /// (方面 A1…, 关键指标 A1.1…, 考查要点 A1.1.1…).
    Renumbered,
    /// Sheets without a header row that were skipped.
    SkippedSheets(Vec<String>),
}

impl Localized for Warning {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Warning::Renumbered, Lang::Zh) => {
                "表中条目前的编号有缺失或重复，已按顺序重新编号（方面 A1、关键指标 A1.1、考查要点 A1.1.1……）".into()
            }
            (Warning::Renumbered, Lang::En) => {
                "numbers before the names were missing or repeated, so every item was numbered in order (A1, A1.1, A1.1.1 …)".into()
            }
            (Warning::SkippedSheets(s), Lang::Zh) => {
                format!("以下工作表没有表头，未导入：{}", s.join("、"))
            }
            (Warning::SkippedSheets(s), Lang::En) => {
                format!("sheets without a header row were skipped: {}", s.join(", "))
            }
        }
    }
}

/// The tree read from a table, shown before anything is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The framework (valid: an import with problems returns the problems instead).
    pub framework: Framework,
    /// The sheet it was read from.
    pub sheet: String,
    /// The spreadsheet row each item came from, by item id.
    pub rows: BTreeMap<String, usize>,
    /// What the user should know.
    pub warnings: Vec<Warning>,
}

fn normalise(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The header row and the column of each field (`None` when absent).
fn find_header(t: &Table) -> Option<(usize, [Option<usize>; 8])> {
    for (r, row) in t.rows.iter().enumerate().take(20) {
        let mut cols = [None; 8];
        for (c, cell) in row.iter().enumerate() {
            let cell = normalise(cell);
            if cell.is_empty() {
                continue;
            }
            for (f, names) in SYNONYMS.iter().enumerate() {
                if cols[f].is_none() && names.iter().any(|n| cell.starts_with(n)) {
                    cols[f] = Some(c);
                    break;
                }
            }
        }
        if cols[AREA].is_some() && cols[POINT].is_some() {
            return Some((r, cols));
        }
    }
    None
}

/// Splits `A1 办学方向`, `B1.全面贯彻…`, `1、落实…` into an id and a name. The number must be followed by a
/// space, a dot or 、 so that text that merely starts with a figure (“2小时…”) is left whole.
fn split_id(cell: &str) -> (Option<String>, String) {
    let t = cell.trim();
    let letters = t.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters <= 3 {
        let rest = &t[letters..];
        let digits_end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        let mut num = &rest[..digits_end];
        let mut after = &rest[digits_end..];
        // A trailing dot belongs to the separator (`1.落实`).
        if let Some(n) = num.strip_suffix('.') {
            num = n;
            after = &rest[num.len()..];
        }
        let valid = !num.is_empty()
            && num
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if valid {
            for sep in [" ", "\u{3000}", ".", "．", "、"] {
                if let Some(name) = after.strip_prefix(sep) {
                    let name = name.trim();
                    if !name.is_empty() {
                        return (Some(t[..letters + num.len()].to_string()), name.to_string());
                    }
                }
            }
        }
    }
    (None, t.to_string())
}

fn parse_kind(s: &str) -> Option<PointKind> {
    let k = normalise(s).to_lowercase();
    Some(match k.as_str() {
        "" | "等级" | "等级评定" | "评级" | "level" => PointKind::Level,
        "是否" | "是/否" | "是否题" | "判断" | "yes_no" | "yes/no" => PointKind::YesNo,
        "数值" | "数字" | "数据" | "number" => PointKind::Number,
        "文字" | "文本" | "文字说明" | "text" => PointKind::Text,
        _ => return None,
    })
}

/// The words for a point's kind in the 类型 column.
pub(crate) fn kind_word(k: PointKind) -> &'static str {
    match k {
        PointKind::Level => "等级",
        PointKind::YesNo => "是否",
        PointKind::Number => "数值",
        PointKind::Text => "文字",
    }
}

/// `≥45%` → (higher, 45, "%"); `≤5次`; `%` (unit only); `≥%` (direction, no target).
pub(crate) fn parse_target(s: &str) -> Option<(Option<Direction>, Option<f64>, String)> {
    let mut t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' => '-',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            c => c,
        })
        .collect();
    let mut direction = None;
    for (p, d) in [
        ("≥", Direction::Higher),
        (">=", Direction::Higher),
        ("不低于", Direction::Higher),
        ("不少于", Direction::Higher),
        ("至少", Direction::Higher),
        ("≤", Direction::Lower),
        ("<=", Direction::Lower),
        ("不高于", Direction::Lower),
        ("不超过", Direction::Lower),
        ("至多", Direction::Lower),
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            direction = Some(d);
            t = rest.trim_start().to_string();
            break;
        }
    }
    let end = t
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || (*c == '-' && *i == 0)))
        .map_or(t.len(), |(i, _)| i);
    let (num, unit) = t.split_at(end);
    let target = if num.is_empty() {
        None
    } else {
        Some(num.parse::<f64>().ok().filter(|v| v.is_finite())?)
    };
    let unit = unit.trim().to_string();
    if target.is_none() && unit.is_empty() {
        return None;
    }
    // A unit must not hide more numbers (“45%至50%”) or a number in words (“≥四十五%”).
    if unit.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if target.is_none()
        && unit
            .chars()
            .any(|c| "零〇一二两三四五六七八九十".contains(c))
    {
        return None;
    }
    Some((direction, target, unit))
}

/// The 来源 cell as this tool writes it: document, then `条目：…`, `已核实` or `未核实`, `说明：…`, one a line.
pub(crate) fn source_cell(s: &Source) -> String {
    let mut lines = vec![s.doc.clone()];
    if !s.section.is_empty() {
        lines.push(format!("条目：{}", s.section));
    }
    lines.push(
        if s.confirmed {
            "已核实"
        } else {
            "未核实"
        }
        .into(),
    );
    if !s.note.is_empty() {
        lines.push(format!("说明：{}", s.note));
    }
    lines.join("\n")
}

fn parse_source(cell: &str, default_doc: &str, official: bool, fallback_note: &str) -> Source {
    let mut doc = Vec::new();
    let mut section = String::new();
    let mut confirmed = None;
    let mut note = String::new();
    for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(s) = line
            .strip_prefix("条目：")
            .or_else(|| line.strip_prefix("条目:"))
        {
            section = s.trim().into();
        } else if let Some(n) = line
            .strip_prefix("说明：")
            .or_else(|| line.strip_prefix("说明:"))
        {
            note = n.trim().into();
        } else if line == "已核实" {
            confirmed = Some(true);
        } else if line == "未核实" {
            confirmed = Some(false);
        } else if note.is_empty() {
            doc.push(line);
        } else {
            note.push('\n');
            note.push_str(line);
        }
    }
    let confirmed = confirmed.unwrap_or(official);
    if !confirmed && note.is_empty() {
        note = fallback_note.into();
    }
    Source {
        doc: if doc.is_empty() {
            default_doc.into()
        } else {
            doc.join("\n")
        },
        section,
        confirmed,
        note,
    }
}

fn split_evidence(cell: &str) -> Vec<String> {
    let parts: Vec<&str> = if cell.contains('\n') {
        cell.split('\n').collect()
    } else {
        cell.split(['；', ';']).collect()
    };
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Reads the first table with a header row into a framework. Every problem is returned at once, each naming
/// the sheet, row and column; nothing is returned to save unless the whole tree is valid.
pub fn import(tables: &[Table], opts: &ImportOptions) -> Result<Preview, Vec<SheetError>> {
    let mut skipped = Vec::new();
    let mut found = None;
    for t in tables {
        match find_header(t) {
            Some(h) => {
                found = Some((t, h));
                break;
            }
            None => skipped.push(t.sheet.clone()),
        }
    }
    let Some((table, (header_row, cols))) = found else {
        return Err(vec![SheetError {
            sheet: tables.first().map(|t| t.sheet.clone()).unwrap_or_default(),
            row: None,
            column: None,
            problem: SheetProblem::NoHeader,
        }]);
    };
    let sheet = table.sheet.clone();
    let mut errs = Vec::new();
    let err_at = |row: usize, col: Option<usize>, problem: SheetProblem| SheetError {
        sheet: sheet.clone(),
        row: Some(row),
        column: col.map(|c| (c, header_name(table, header_row, c))),
        problem,
    };
    if cols[INDICATOR].is_none() {
        errs.push(err_at(
            header_row + 1,
            None,
            SheetProblem::MissingColumn("关键指标"),
        ));
        return Err(errs);
    }
    let title = if opts.title.trim().is_empty() {
        table.rows[..header_row]
            .iter()
            .flat_map(|r| r.iter())
            .map(|c| c.trim())
            .find(|c| !c.is_empty())
            .unwrap_or(&sheet)
            .to_string()
    } else {
        opts.title.clone()
    };
    let document = if opts.document.trim().is_empty() {
        title.clone()
    } else {
        opts.document.clone()
    };
    let cell = |row: &Vec<String>, f: usize| -> String {
        cols[f]
            .and_then(|c| row.get(c))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let fallback = |r: usize| format!("据表格“{sheet}”第 {r} 行导入，未与原文逐字核对");

    // The tree, with the cell text each node started from and its row, to give messages and keep ids.
    let mut areas: Vec<Area> = Vec::new();
    let mut rows: Vec<(usize, usize, usize)> = Vec::new(); // (area row, indicator row, point row) per point
    let mut node_rows: Vec<(Option<String>, usize, usize)> = Vec::new(); // (id from the table, row, column)
    let (mut area_cell, mut ind_cell) = (String::new(), String::new());
    let mut area_rows: Vec<usize> = Vec::new();
    let mut ind_rows: Vec<Vec<usize>> = Vec::new();
    let mut point_rows: Vec<Vec<Vec<usize>>> = Vec::new();
    for (r, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        let shown = r + 1;
        let (a, i, p) = (cell(row, AREA), cell(row, INDICATOR), cell(row, POINT));
        let others: Vec<usize> = [KIND, TARGET, GUIDANCE, EVIDENCE, SOURCE]
            .into_iter()
            .filter(|f| !cell(row, *f).is_empty())
            .collect();
        if a.is_empty() && i.is_empty() && p.is_empty() && others.is_empty() {
            continue;
        }
        let src_text = cell(row, SOURCE);
        let mut started = None;
        if !a.is_empty() && a != area_cell {
            let (id, name) = split_id(&a);
            areas.push(Area {
                id: id.clone().unwrap_or_default(),
                title: name,
                title_en: String::new(),
                source: parse_source("", &document, opts.rows_are_official, &fallback(shown)),
                indicators: vec![],
            });
            node_rows.push((id, shown, cols[AREA].unwrap_or(0)));
            area_rows.push(shown);
            ind_rows.push(vec![]);
            point_rows.push(vec![]);
            area_cell = a.clone();
            ind_cell.clear();
            started = Some(AREA);
        }
        if !i.is_empty() && (i != ind_cell || started.is_some()) {
            let Some(area) = areas.last_mut() else {
                errs.push(err_at(
                    shown,
                    cols[INDICATOR],
                    SheetProblem::IndicatorWithoutArea,
                ));
                continue;
            };
            let (id, name) = split_id(&i);
            area.indicators.push(Indicator {
                id: id.clone().unwrap_or_default(),
                title: name,
                title_en: String::new(),
                source: parse_source("", &document, opts.rows_are_official, &fallback(shown)),
                points: vec![],
            });
            node_rows.push((id, shown, cols[INDICATOR].unwrap_or(1)));
            ind_rows.last_mut().expect("area row").push(shown);
            point_rows.last_mut().expect("area row").push(vec![]);
            ind_cell = i.clone();
            started = Some(INDICATOR);
        }
        if p.is_empty() {
            // A heading row: its 来源 belongs to the area or indicator it starts.
            let source = parse_source(
                &src_text,
                &document,
                opts.rows_are_official,
                &fallback(shown),
            );
            match started {
                Some(AREA) if others.iter().all(|f| *f == SOURCE) => {
                    if !src_text.is_empty() {
                        areas.last_mut().expect("area").source = source;
                    }
                }
                Some(INDICATOR) if others.iter().all(|f| *f == SOURCE) => {
                    if !src_text.is_empty() {
                        let a = areas.last_mut().expect("area");
                        a.indicators.last_mut().expect("indicator").source = source;
                    }
                }
                _ => errs.push(err_at(
                    shown,
                    cols[POINT],
                    SheetProblem::ContentWithoutPoint,
                )),
            }
            continue;
        }
        let Some(ind) = areas.last_mut().and_then(|a| a.indicators.last_mut()) else {
            errs.push(err_at(
                shown,
                cols[POINT],
                SheetProblem::PointWithoutIndicator,
            ));
            continue;
        };
        let kind_text = cell(row, KIND);
        let Some(kind) = parse_kind(&kind_text) else {
            errs.push(err_at(
                shown,
                cols[KIND],
                SheetProblem::UnknownKind(kind_text),
            ));
            continue;
        };
        let target_text = cell(row, TARGET);
        let (mut direction, mut target, mut unit) = (None, None, String::new());
        if !target_text.is_empty() {
            if kind != PointKind::Number {
                errs.push(err_at(shown, cols[TARGET], SheetProblem::TargetOnOtherKind));
                continue;
            }
            match parse_target(&target_text) {
                Some((d, t, u)) => (direction, target, unit) = (d, t, u),
                None => {
                    errs.push(err_at(
                        shown,
                        cols[TARGET],
                        SheetProblem::BadTarget(target_text),
                    ));
                    continue;
                }
            }
        }
        let (id, text) = split_id(&p);
        ind.points.push(Point {
            id: id.clone().unwrap_or_default(),
            text,
            text_en: String::new(),
            guidance: cell(row, GUIDANCE),
            guidance_en: String::new(),
            evidence: split_evidence(&cell(row, EVIDENCE)),
            evidence_en: vec![],
            kind,
            weight: 1.0,
            unit,
            direction,
            target,
            source: parse_source(
                &src_text,
                &document,
                opts.rows_are_official,
                &fallback(shown),
            ),
            previous_ids: vec![],
        });
        node_rows.push((id, shown, cols[POINT].unwrap_or(2)));
        point_rows
            .last_mut()
            .and_then(|a| a.last_mut())
            .expect("indicator row")
            .push(shown);
        rows.push((0, 0, shown));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    if rows.is_empty() {
        return Err(vec![SheetError {
            sheet,
            row: None,
            column: None,
            problem: SheetProblem::NoPoints,
        }]);
    }

    // Keep the table's numbers when every item has one and none repeats; otherwise number everything.
    let mut warnings = Vec::new();
    let mut seen = BTreeSet::new();
    let keep = node_rows.iter().all(|(id, _, _)| {
        id.as_ref()
            .is_some_and(|id| is_id(id) && seen.insert(id.clone()))
    });
    if !keep {
        warnings.push(Warning::Renumbered);
        for (ai, a) in areas.iter_mut().enumerate() {
            a.id = format!("A{}", ai + 1);
            for (ii, ind) in a.indicators.iter_mut().enumerate() {
                ind.id = format!("{}.{}", a.id, ii + 1);
                for (pi, p) in ind.points.iter_mut().enumerate() {
                    p.id = format!("{}.{}", ind.id, pi + 1);
                }
            }
        }
    }
    if !skipped.is_empty() {
        warnings.push(Warning::SkippedSheets(skipped));
    }
    let fw = Framework {
        id: opts.id.clone(),
        version: "1".into(),
        title,
        title_en: String::new(),
        issuer: opts.issuer.clone(),
        document,
        year: opts.year,
        school_types: opts.school_types.clone(),
        description: String::new(),
        description_en: String::new(),
        scale: opts.scale.clone().unwrap_or_else(default_scale),
        areas,
        based_on: String::new(),
    };

    // Where each item came from, and the shared validator's problems at their cells.
    let mut by_id = BTreeMap::new();
    for (ai, a) in fw.areas.iter().enumerate() {
        by_id.insert(a.id.clone(), area_rows[ai]);
        for (ii, ind) in a.indicators.iter().enumerate() {
            by_id.insert(ind.id.clone(), ind_rows[ai][ii]);
            for (pi, p) in ind.points.iter().enumerate() {
                by_id.insert(p.id.clone(), point_rows[ai][ii][pi]);
            }
        }
    }
    let problems = validate(&fw);
    if !problems.is_empty() {
        let first_data_row = header_row + 2;
        return Err(problems
            .into_iter()
            .map(|e| {
                let (row, col) = locate(
                    &e.item,
                    e.problem.field(),
                    &area_rows,
                    &ind_rows,
                    &point_rows,
                    &cols,
                );
                SheetError {
                    sheet: sheet.clone(),
                    row: Some(row.unwrap_or(first_data_row)),
                    column: col.map(|c| (c, header_name(table, header_row, c))),
                    problem: SheetProblem::Rule(Box::new(e)),
                }
            })
            .collect());
    }
    Ok(Preview {
        framework: fw,
        sheet,
        rows: by_id,
        warnings,
    })
}

fn header_name(t: &Table, header_row: usize, c: usize) -> String {
    t.rows
        .get(header_row)
        .and_then(|r| r.get(c))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| COLUMNS.get(c).copied().unwrap_or("").to_string())
}

/// The row and column of a validator problem.
fn locate(
    item: &ItemPath,
    field: Field,
    area_rows: &[usize],
    ind_rows: &[Vec<usize>],
    point_rows: &[Vec<Vec<usize>>],
    cols: &[Option<usize>; 8],
) -> (Option<usize>, Option<usize>) {
    let col = |f: usize| cols[f];
    match item {
        ItemPath::Area { area, .. } => (area_rows.get(*area).copied(), col(AREA)),
        ItemPath::Indicator {
            area, indicator, ..
        } => (
            ind_rows.get(*area).and_then(|r| r.get(*indicator)).copied(),
            col(INDICATOR),
        ),
        ItemPath::Point {
            area,
            indicator,
            point,
            ..
        } => {
            let row = point_rows
                .get(*area)
                .and_then(|r| r.get(*indicator))
                .and_then(|r| r.get(*point))
                .copied();
            let c = match field {
                Field::Guidance => col(GUIDANCE),
                Field::Evidence => col(EVIDENCE),
                Field::Source => col(SOURCE),
                Field::Kind => col(KIND),
                Field::Unit | Field::Direction | Field::Target => col(TARGET),
                _ => col(POINT),
            };
            (row, c)
        }
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_split_only_before_a_separator() {
        assert_eq!(
            split_id("A1 办学方向"),
            (Some("A1".into()), "办学方向".into())
        );
        assert_eq!(
            split_id("B1.全面贯彻党的教育方针"),
            (Some("B1".into()), "全面贯彻党的教育方针".into())
        );
        assert_eq!(
            split_id("H1.1.1 落实"),
            (Some("H1.1.1".into()), "落实".into())
        );
        assert_eq!(split_id("1、落实"), (Some("1".into()), "落实".into()));
        assert_eq!(split_id("12.落实"), (Some("12".into()), "落实".into()));
        assert_eq!(split_id("2小时户外活动"), (None, "2小时户外活动".into()));
        assert_eq!(split_id("1.5小时"), (None, "1.5小时".into()));
        assert_eq!(split_id("办学方向"), (None, "办学方向".into()));
        assert_eq!(split_id("5G 网络"), (None, "5G 网络".into()));
    }

    #[test]
    fn targets_are_read_as_people_write_them() {
        assert_eq!(
            parse_target("≥45%"),
            Some((Some(Direction::Higher), Some(45.0), "%".into()))
        );
        assert_eq!(
            parse_target("≤ 5 次"),
            Some((Some(Direction::Lower), Some(5.0), "次".into()))
        );
        assert_eq!(
            parse_target("不少于２小时"),
            Some((Some(Direction::Higher), Some(2.0), "小时".into()))
        );
        assert_eq!(parse_target("%"), Some((None, None, "%".into())));
        assert_eq!(
            parse_target("≥0.5个百分点"),
            Some((Some(Direction::Higher), Some(0.5), "个百分点".into()))
        );
        assert_eq!(parse_target("≥四十五%"), None);
        assert_eq!(
            parse_target("≥%"),
            Some((Some(Direction::Higher), None, "%".into()))
        );
        assert_eq!(parse_target("45%至50%"), None);
        assert_eq!(parse_target("≥"), None);
    }

    #[test]
    fn sources_round_trip_and_plain_citations_are_marked() {
        let s = Source {
            doc: "《指南》".into(),
            section: "考查要点 1".into(),
            confirmed: false,
            note: "据第2条转写".into(),
        };
        assert_eq!(parse_source(&source_cell(&s), "x", true, "y"), s);
        let plain = parse_source("贺兰县细则第3条", "x", false, "据表格第 5 行导入");
        assert_eq!(
            (plain.doc.as_str(), plain.confirmed, plain.note.as_str()),
            ("贺兰县细则第3条", false, "据表格第 5 行导入")
        );
        let official = parse_source("", "某县细则", true, "n");
        assert_eq!(
            (
                official.doc.as_str(),
                official.confirmed,
                official.note.as_str()
            ),
            ("某县细则", true, "")
        );
    }
}
