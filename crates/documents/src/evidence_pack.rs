//! The evidence package (佐证材料包): one ZIP with the files of an evaluation in 方面/关键指标/考查要点 folders,
//! renamed readably as 编号-标题-序号.扩展名, the 佐证材料目录 as CSV (for Excel and WPS) and as a Word document
//! (for printing into the 档案盒), and the manifest that makes the package an
//! evidence backup too ([`xzzp_core::evidence::manifest`]).
//!
//! ```text
//! 贺兰县第一小学2025—2026学年佐证材料/
//!   佐证材料目录.csv
//!   佐证材料目录.docx
//!   xzzp-evidence.json
//!   A1 办学方向/A1.1 加强党建工作/A1.1.1 落实党组织领导的校长负责制/
//!     A1.1.1-近一学年党组织会议记录-01.pdf
//!     A1.1.1-校长办公会照片-02.jpg
//! ```
//!
//! Every name is made safe by [`xzzp_core::file_name`] and unique in its folder (ignoring case), and every
//! path stays within [`MAX_PATH_UNITS`] UTF-16 code units, so that unpacked under a user's desktop folder it
//! remains well under Windows' 260-character limit. 标题 is the first listed item the file is linked to, or
//! else the stem of the file's own name; 序号 counts the point's files in the order they were attached.
//!
//! The package is laid out as [`zip::Part`]s: header blocks made here and references to the stored blobs by
//! SHA-256; the browser joins them with `new Blob([...])` without copying a file into WebAssembly memory.
//!
//! Restoring (from a backup, or a teacher's package): in memory with [`open_pack`] for small archives; for a
//! large one the browser reads the head and tail of the file, [`zip::locate_central`] and
//! [`zip::read_central`] give the entries, the manifest entry is read and parsed with
//! [`manifest::parse`], and each file entry is sliced from the file (its data offset from
//! [`zip::IndexEntry::data_offset`]) and streamed through a [`Digester`] to [`manifest::check_entry`].

use crate::doc::{
    Annex, Block, Cell, Column as DocColumn, Document, Orientation, Row, Table, TextSize,
};
use crate::export::zip::{self, Data, DosTime, Entry, ReadError, ZipError, ZipReader};
use std::collections::{BTreeMap, BTreeSet};
use xzzp_core::evaluation::{EvaluationHeader, Term};
use xzzp_core::evidence::counts;
use xzzp_core::evidence::limits::{extension_for_media_type, format_size, kind_label};
use xzzp_core::evidence::manifest::{
    self, Answering, EntryProblem, EvaluationRef, Manifest, PackageError, Unpacked, MANIFEST_NAME,
};
use xzzp_core::evidence::merge::{self, MergeOptions, MergePlan};
use xzzp_core::evidence::{
    AddedBy, Attachment, ContentHash, EvidenceDoc, EvidenceError, FileDigest,
};
use xzzp_core::file_name::{safe_component, safe_file_name, stem, utf16_len, UniqueNames};
use xzzp_core::framework::Framework;
use xzzp_core::i18n::{Lang, Localized};
use xzzp_core::ledger::csv_field;
use xzzp_core::school::School;

/// The longest path written into a package, in UTF-16 code units: unpacked under
/// `C:\Users\<name>\Desktop\<package name>\` (about 80 units) it stays well under 260.
pub const MAX_PATH_UNITS: usize = 160;
/// The root folder's name, at most.
pub const ROOT_UNITS: usize = 32;
/// A 方面, 关键指标 or 考查要点 folder's name, at most.
pub const FOLDER_UNITS: usize = 26;
/// A file's name, at most.
pub const FILE_UNITS: usize = 40;
/// The catalogue's file name in the package.
pub const CATALOGUE_NAME: &str = "佐证材料目录.csv";
/// The catalogue as a Word document in the package.
pub const CATALOGUE_DOCX_NAME: &str = "佐证材料目录.docx";
/// The title of the 目录 as an annex of the report and as a document of its own.
pub const CATALOGUE_TITLE: &str = "佐证材料目录";
/// The folder for evidence of points the framework no longer has (kept, never dropped).
pub const ORPHAN_FOLDER: &str = "其他（评价框架中已没有的要点）";

/// What a package is made from.
#[derive(Debug, Clone, Copy)]
pub struct PackInput<'a> {
    /// The evaluation's framework (its version).
    pub framework: &'a Framework,
    /// The evaluation.
    pub evaluation: &'a EvaluationHeader,
    /// Its school.
    pub school: &'a School,
    /// Its evidence.
    pub evidence: &'a EvidenceDoc,
    /// Now (ISO 8601).
    pub exported_at: &'a str,
    /// Who makes it: the school, or a teacher returning their evidence.
    pub made_by: &'a AddedBy,
    /// For a teacher's evidence, the 填报包 it answers.
    pub package: Option<&'a Answering>,
}

/// Which part of the evidence to pack.
#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// Only these areas (by id); `None` for every area. A package over the 4 GiB of classic ZIP can be split
    /// this way.
    pub areas: Option<BTreeSet<String>>,
}

/// One file placed in the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedFile {
    /// The point.
    pub point_id: String,
    /// The attachment.
    pub attachment: Attachment,
    /// Its path in the package.
    pub path: String,
    /// Area, indicator and point titles (empty for a point the framework no longer has).
    pub titles: (String, String, String),
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The root folder.
    pub root: String,
    /// The files, in framework order.
    pub files: Vec<PackedFile>,
}

fn point_folder(id: &str, title: &str) -> String {
    safe_component(&format!("{id} {title}"), FOLDER_UNITS)
}

/// `{school}{year}[{term}]佐证材料`, the school's name cut first so the rest always shows.
fn root_name(school: &School, header: &EvaluationHeader) -> String {
    let term = if header.term == Term::Year {
        ""
    } else {
        header.term.zh()
    };
    let suffix = format!("{}{term}佐证材料", header.school_year.zh());
    let room = ROOT_UNITS.saturating_sub(utf16_len(&suffix)).max(8);
    let school_name = safe_component(&school.name, room);
    safe_component(&format!("{school_name}{suffix}"), ROOT_UNITS)
}

/// The download name of the package, e.g. `贺兰县第一小学2025—2026学年佐证材料.zip`.
pub fn file_name(school: &School, header: &EvaluationHeader) -> String {
    safe_file_name(&root_name(school, header), "zip", 60)
}

/// A file's readable name, `编号-标题-序号.扩展名`, within [`FILE_UNITS`].
fn readable_name(point_id: &str, point_items: &[String], a: &Attachment, seq: usize) -> String {
    let title = point_items
        .iter()
        .find(|item| a.items.contains(item))
        .map(String::as_str)
        .unwrap_or_else(|| stem(&a.name));
    let ext = xzzp_core::file_name::extension(&a.name)
        .or_else(|| extension_for_media_type(&a.media_type).map(str::to_string))
        .unwrap_or_default();
    let id = safe_component(point_id, 16);
    let seq = format!("{seq:02}");
    let fixed =
        utf16_len(&id) + utf16_len(&seq) + 2 + if ext.is_empty() { 0 } else { ext.len() + 1 };
    let room = FILE_UNITS.saturating_sub(fixed);
    let stem = if room >= 8 {
        format!("{id}-{}-{seq}", safe_component(title, room))
    } else {
        format!("{id}-{seq}")
    };
    safe_file_name(&stem, &ext, FILE_UNITS)
}

/// Places every file: folders per area, indicator and point, names unique in each folder.
pub fn layout(input: &PackInput, opts: &PackOptions) -> Layout {
    let root = root_name(input.school, input.evaluation);
    let mut files = Vec::new();
    // Names taken in each folder, by the folder's path.
    let mut taken: BTreeMap<String, UniqueNames> = BTreeMap::new();
    let mut claim = |parent: &str, name: &str, max: usize| -> String {
        taken
            .entry(parent.to_string())
            .or_default()
            .claim(name, max)
    };
    // The reserved names at the root.
    claim(&root, CATALOGUE_NAME, FILE_UNITS);
    claim(&root, CATALOGUE_DOCX_NAME, FILE_UNITS);
    claim(&root, MANIFEST_NAME, FILE_UNITS);
    let wanted = |area_id: &str| opts.areas.as_ref().is_none_or(|a| a.contains(area_id));
    for area in input.framework.areas.iter().filter(|a| wanted(&a.id)) {
        let mut area_dir: Option<String> = None;
        for ind in &area.indicators {
            let mut ind_dir: Option<String> = None;
            for p in &ind.points {
                let Some(pe) = input.evidence.point(&p.id).filter(|e| !e.files.is_empty()) else {
                    continue;
                };
                let a_dir = area_dir
                    .get_or_insert_with(|| {
                        let name = claim(&root, &point_folder(&area.id, &area.title), FOLDER_UNITS);
                        format!("{root}/{name}")
                    })
                    .clone();
                let i_dir = ind_dir
                    .get_or_insert_with(|| {
                        let name = claim(&a_dir, &point_folder(&ind.id, &ind.title), FOLDER_UNITS);
                        format!("{a_dir}/{name}")
                    })
                    .clone();
                let p_name = claim(&i_dir, &point_folder(&p.id, &p.text), FOLDER_UNITS);
                let p_dir = format!("{i_dir}/{p_name}");
                for (i, a) in pe.files.iter().enumerate() {
                    let name = claim(
                        &p_dir,
                        &readable_name(&p.id, &p.evidence, a, i + 1),
                        FILE_UNITS,
                    );
                    files.push(PackedFile {
                        point_id: p.id.clone(),
                        attachment: a.clone(),
                        path: format!("{p_dir}/{name}"),
                        titles: (area.title.clone(), ind.title.clone(), p.text.clone()),
                    });
                }
            }
        }
    }
    if opts.areas.is_none() {
        // Evidence of points the framework no longer has: kept in a folder of its own.
        let orphan_dir = format!("{root}/{ORPHAN_FOLDER}");
        for (point_id, pe) in &input.evidence.by_point {
            if input.framework.point(point_id).is_some() {
                continue;
            }
            let p_name = claim(
                &orphan_dir,
                &safe_component(point_id, FOLDER_UNITS),
                FOLDER_UNITS,
            );
            let p_dir = format!("{orphan_dir}/{p_name}");
            for (i, a) in pe.files.iter().enumerate() {
                let name = claim(&p_dir, &readable_name(point_id, &[], a, i + 1), FILE_UNITS);
                files.push(PackedFile {
                    point_id: point_id.clone(),
                    attachment: a.clone(),
                    path: format!("{p_dir}/{name}"),
                    titles: Default::default(),
                });
            }
        }
    }
    Layout { root, files }
}

/// A column of the 佐证材料目录, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 序号
    No,
    /// 方面
    Area,
    /// 关键指标
    Indicator,
    /// 要点编号
    PointId,
    /// 考查要点
    Point,
    /// 对应的佐证材料 (listed items)
    Items,
    /// 文件（包内位置）
    File,
    /// 原文件名
    Original,
    /// 类型
    Kind,
    /// 大小
    Size,
    /// 提供人
    AddedBy,
    /// 添加时间
    Added,
}

impl Column {
    /// Every column, in order.
    pub const ALL: [Column; 12] = [
        Column::No,
        Column::Area,
        Column::Indicator,
        Column::PointId,
        Column::Point,
        Column::Items,
        Column::File,
        Column::Original,
        Column::Kind,
        Column::Size,
        Column::AddedBy,
        Column::Added,
    ];
}

impl Localized for Column {
    fn text(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            Column::No => ("序号", "No."),
            Column::Area => ("方面", "Area"),
            Column::Indicator => ("关键指标", "Key indicator"),
            Column::PointId => ("要点编号", "Point no."),
            Column::Point => ("考查要点", "Assessment point"),
            Column::Items => ("对应的佐证材料", "Listed evidence"),
            Column::File => ("文件（包内位置）", "File (in the package)"),
            Column::Original => ("原文件名", "Original name"),
            Column::Kind => ("类型", "Type"),
            Column::Size => ("大小", "Size"),
            Column::AddedBy => ("提供人", "Provided by"),
            Column::Added => ("添加时间", "Added"),
        };
        lang.pick(zh, en).to_string()
    }
}

/// The columns of the 目录 as a Word table (see [`Catalogue::table`]).
pub const WORD_COLUMNS: [&str; 8] = [
    "序号",
    "对应的佐证材料",
    "包内文件名",
    "原文件名",
    "类型",
    "大小",
    "提供人",
    "添加日期",
];

/// What the 文件 column says for an item ticked present without a file.
pub const PAPER_ONLY: &str = "（纸质材料，未附电子文件）";

/// The 佐证材料目录: every file with its point and listed items, and every item ticked present without a file.
/// Plain rows, to be written as CSV here or as a table of a Word document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// One row per file or paper-only item; cells in column order, in Chinese (the language of documents).
    pub rows: Vec<Vec<String>>,
}

/// The catalogue of a layout made with the same options.
pub fn catalogue(input: &PackInput, opts: &PackOptions, layout: &Layout) -> Catalogue {
    let root_prefix = format!("{}/", layout.root);
    let mut by_point: BTreeMap<&str, Vec<&PackedFile>> = BTreeMap::new();
    for f in &layout.files {
        by_point.entry(f.point_id.as_str()).or_default().push(f);
    }
    let file_row = |f: &PackedFile| -> Vec<String> {
        let a = &f.attachment;
        vec![
            f.titles.0.clone(),
            f.titles.1.clone(),
            f.point_id.clone(),
            f.titles.2.clone(),
            a.items.join("；"),
            f.path
                .strip_prefix(&root_prefix)
                .unwrap_or(&f.path)
                .to_string(),
            a.name.clone(),
            kind_label(&a.media_type, Lang::Zh).to_string(),
            format_size(a.size, Lang::Zh),
            a.added_by.zh(),
            a.added.replace('T', " "),
        ]
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (area, ind, p) in input.framework.points() {
        if !opts.areas.as_ref().is_none_or(|a| a.contains(&area.id)) {
            continue;
        }
        rows.extend(
            by_point
                .get(p.id.as_str())
                .into_iter()
                .flatten()
                .map(|f| file_row(f)),
        );
        let Some(pe) = input.evidence.point(&p.id) else {
            continue;
        };
        for item in p.evidence.iter().filter(|i| pe.marked.contains(*i)) {
            if pe.files.iter().any(|f| f.items.contains(item)) {
                continue;
            }
            let mut row = vec![
                area.title.clone(),
                ind.title.clone(),
                p.id.clone(),
                p.text.clone(),
                item.clone(),
                PAPER_ONLY.to_string(),
            ];
            row.resize(Column::ALL.len() - 1, String::new());
            rows.push(row);
        }
    }
    let orphans = layout
        .files
        .iter()
        .filter(|f| input.framework.point(&f.point_id).is_none());
    rows.extend(orphans.map(file_row));
    for (i, row) in rows.iter_mut().enumerate() {
        row.insert(0, (i + 1).to_string());
    }
    Catalogue {
        columns: Column::ALL.to_vec(),
        rows,
    }
}

impl Catalogue {
    /// The catalogue as CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF, quoted where needed, a
    /// leading `=`, `+`, `-` or `@` neutralised.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let header: Vec<String> = self.columns.iter().map(|c| csv_field(&c.zh())).collect();
        out.push_str(&header.join(","));
        out.push_str("\r\n");
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// The catalogue as a table of the document model (landscape A4, 五号) for Word, print and the report's
    /// annex: a shaded row per area and indicator and one per point (its full text), then a row per file or
    /// paper-only item. Eight columns instead of the CSV's twelve, so that a cell is never one character
    /// wide: the titles are in the group rows, the file is named by its name in the package (its folder is
    /// the point's), and the time is cut to the day.
    pub fn table(&self) -> Table {
        const WIDTHS: [u32; 8] = [5, 22, 25, 20, 6, 8, 7, 9];
        let cell = |row: &[String], c: Column| {
            row.get(Column::ALL.iter().position(|x| *x == c).unwrap_or(0))
                .cloned()
                .unwrap_or_default()
        };
        let mut rows = Vec::new();
        let mut last_group: Option<(String, String)> = None;
        let mut last_point: Option<String> = None;
        for r in &self.rows {
            let group = (cell(r, Column::Area), cell(r, Column::Indicator));
            if last_group.as_ref() != Some(&group) {
                rows.push(Row::Group {
                    level: 0,
                    text: if group.0.is_empty() {
                        ORPHAN_FOLDER.to_string()
                    } else {
                        format!("方面：{}　关键指标：{}", group.0, group.1)
                    },
                });
                last_group = Some(group);
                last_point = None;
            }
            let point = cell(r, Column::PointId);
            if last_point.as_ref() != Some(&point) {
                rows.push(Row::Group {
                    level: 1,
                    text: format!("{}　{}", point, cell(r, Column::Point)),
                });
                last_point = Some(point);
            }
            let file = cell(r, Column::File);
            let in_package = file.rsplit('/').next().unwrap_or(&file).to_string();
            let added = cell(r, Column::Added);
            rows.push(Row::Cells(vec![
                Cell::new(cell(r, Column::No)),
                Cell::new(cell(r, Column::Items)),
                Cell::new(in_package),
                Cell::new(cell(r, Column::Original)),
                Cell::new(cell(r, Column::Kind)),
                Cell::new(cell(r, Column::Size)),
                Cell::new(cell(r, Column::AddedBy)),
                Cell::new(added.get(..10).unwrap_or(&added).to_string()),
            ]));
        }
        Table {
            class: "evidence-catalogue",
            columns: WORD_COLUMNS
                .iter()
                .zip(WIDTHS)
                .map(|(c, w)| DocColumn::new(*c, w))
                .collect(),
            rows,
            size: TextSize::Small,
        }
    }

    /// How many files and paper-only items it lists, as the note under the table.
    fn note(&self) -> Block {
        let paper = self
            .rows
            .iter()
            .filter(|r| r.get(6).is_some_and(|c| c == PAPER_ONLY))
            .count();
        Block::Note(if self.rows.is_empty() {
            "尚未添加佐证材料。".to_string()
        } else {
            format!(
                "共{}个电子文件、{paper}项纸质材料。电子文件见佐证材料包中“文件（包内位置）”所列位置。",
                self.rows.len() - paper
            )
        })
    }

    /// The 目录 as an annex (e.g. of the 自评报告), on landscape pages.
    pub fn annex(&self) -> Annex {
        Annex {
            title: CATALOGUE_TITLE.into(),
            orientation: Orientation::Landscape,
            blocks: vec![Block::Table(self.table()), self.note()],
        }
    }

    /// The 目录 as a document of its own (the Word file of the evidence package): landscape A4, titled with
    /// the school and period.
    pub fn document(&self, school: &School, header: &EvaluationHeader, date: &str) -> Document {
        let term = if header.term == Term::Year {
            ""
        } else {
            header.term.zh()
        };
        let name = school.name.trim();
        Document {
            orientation: Orientation::Landscape,
            title: format!("{name}{}{term}{CATALOGUE_TITLE}", header.school_year.zh()),
            subtitle: format!("填报单位：{name}　　导出日期：{date}"),
            blocks: vec![Block::Table(self.table()), self.note()],
            ..Document::default()
        }
    }
}

/// Evidence per area as a table for the report (columns in order: 方面, 清单材料, 已有, 文件, 尚无材料的要点),
/// with a last row 合计. Counts come from [`counts::progress`].
pub fn area_summary(
    fw: &Framework,
    progress: &counts::EvidenceProgress,
) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let columns = vec![
        "方面",
        "清单材料（项）",
        "已有（项）",
        "文件（个）",
        "尚无材料的要点（个）",
    ];
    let row = |title: &str, c: &counts::EvidenceCount| {
        vec![
            title.to_string(),
            c.listed.to_string(),
            format!("{}（{}%）", c.present, c.percent()),
            c.files.to_string(),
            c.points_without().to_string(),
        ]
    };
    let mut rows: Vec<Vec<String>> = fw
        .areas
        .iter()
        .zip(&progress.areas)
        .map(|(a, c)| row(&a.title, c))
        .collect();
    rows.push(row("合计", &progress.overall));
    (columns, rows)
}

/// An evidence package, ready for the browser to assemble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidencePack {
    /// The download name.
    pub file_name: String,
    /// The archive: generated blocks and blob references by SHA-256.
    pub archive: zip::Archive<ContentHash>,
    /// Where each file went.
    pub layout: Layout,
    /// The 目录.
    pub catalogue: Catalogue,
    /// The manifest written into it.
    pub manifest: Manifest,
}

/// Why a package cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackTooLarge(pub ZipError);

impl Localized for PackTooLarge {
    fn text(&self, lang: Lang) -> String {
        match (&self.0, lang) {
            (ZipError::TooLarge(n), Lang::Zh) => format!(
                "佐证材料包将有 {}，超过压缩包 4 GB 的上限。请按方面分别导出。",
                format_size(*n, lang)
            ),
            (ZipError::TooLarge(n), Lang::En) => format!(
                "The evidence package would be {}, over the 4 GB limit of a ZIP archive. Export it area by area.",
                format_size(*n, lang)
            ),
            (ZipError::TooManyEntries(n), Lang::Zh) => {
                format!("佐证材料包将有 {n} 个文件，超过压缩包 65535 个的上限。请按方面分别导出。")
            }
            (ZipError::TooManyEntries(n), Lang::En) => format!(
                "The evidence package would hold {n} files, over the 65535 of a ZIP archive. Export it area by area."
            ),
            (ZipError::NameTooLong(_), Lang::Zh) => "佐证材料包中有过长的文件名，无法导出。".into(),
            (ZipError::NameTooLong(_), Lang::En) => "A file name in the package is too long to export.".into(),
        }
    }
}

/// Makes the package: layout, 目录, manifest and the archive's parts.
pub fn evidence_pack(input: &PackInput, opts: &PackOptions) -> Result<EvidencePack, PackTooLarge> {
    let layout = layout(input, opts);
    let catalogue = catalogue(input, opts, &layout);
    let paths: BTreeMap<&str, &str> = layout
        .files
        .iter()
        .map(|f| (f.attachment.id.as_str(), f.path.as_str()))
        .collect();
    // The manifest describes what this package holds (all of it, or the chosen areas).
    let mut packed = EvidenceDoc::new(&input.evidence.evaluation_id);
    for f in &layout.files {
        packed
            .by_point
            .entry(f.point_id.clone())
            .or_default()
            .files
            .push(f.attachment.clone());
    }
    let wanted = |point_id: &str| {
        opts.areas.as_ref().is_none_or(|areas| {
            input
                .framework
                .points()
                .any(|(a, _, p)| p.id == point_id && areas.contains(&a.id))
        })
    };
    for (point_id, pe) in &input.evidence.by_point {
        if !pe.marked.is_empty() && wanted(point_id) {
            packed.by_point.entry(point_id.clone()).or_default().marked = pe.marked.clone();
        }
    }
    let manifest = Manifest::new(
        &packed,
        EvaluationRef::of(input.evaluation, &input.school.name),
        input.exported_at,
        input.made_by.clone(),
        |_, a| {
            paths
                .get(a.id.as_str())
                .map(|p| p.to_string())
                .unwrap_or_default()
        },
    )
    .answering(input.package.cloned());
    let now = DosTime::from_iso(input.exported_at);
    let mut entries = vec![
        Entry {
            name: format!("{}/{CATALOGUE_NAME}", layout.root),
            data: Data::Bytes(catalogue.to_csv().into_bytes()),
            modified: now,
        },
        Entry {
            name: format!("{}/{CATALOGUE_DOCX_NAME}", layout.root),
            data: Data::Bytes(
                catalogue
                    .document(
                        input.school,
                        input.evaluation,
                        &zh_date_of(input.exported_at),
                    )
                    .docx(),
            ),
            modified: now,
        },
        Entry {
            name: format!("{}/{MANIFEST_NAME}", layout.root),
            data: Data::Bytes(manifest.to_json().into_bytes()),
            modified: now,
        },
    ];
    for f in &layout.files {
        let a = &f.attachment;
        entries.push(Entry {
            name: f.path.clone(),
            data: Data::Blob {
                blob: a.hash.clone(),
                size: a.size,
                crc32: a.crc32,
            },
            modified: DosTime::from_iso(a.modified.as_deref().unwrap_or(&a.added)),
        });
    }
    let archive = zip::archive(entries).map_err(PackTooLarge)?;
    Ok(EvidencePack {
        file_name: file_name(input.school, input.evaluation),
        archive,
        layout,
        catalogue,
        manifest,
    })
}

/// 2026年6月30日 from an ISO 8601 date-time; the text as given when it is not one. Read by hand: chrono's
/// format strings cost WebAssembly.
fn zh_date_of(iso: &str) -> String {
    let mut parts = iso
        .get(..10)
        .unwrap_or("")
        .split('-')
        .map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d)))
            if (1..=12).contains(&m) && (1..=31).contains(&d) =>
        {
            format!("{y}年{m}月{d}日")
        }
        _ => iso.to_string(),
    }
}

fn read_error(e: ReadError) -> PackageError {
    match e {
        ReadError::NotZip => PackageError::NotZip,
        ReadError::Truncated => PackageError::Truncated,
        ReadError::Unsupported => PackageError::NoManifest,
    }
}

/// Whether an entry name is the manifest (at the root folder, or at the top when a tool re-rooted it).
pub fn is_manifest_path(name: &str) -> bool {
    name == MANIFEST_NAME
        || name.rsplit('/').next() == Some(MANIFEST_NAME) && name.matches('/').count() <= 1
}

/// A package read from memory: its manifest parsed and checked, its entries indexed.
#[derive(Debug)]
pub struct OpenedPack<'a> {
    reader: ZipReader<'a>,
    /// The manifest.
    pub manifest: Manifest,
}

/// Opens a package: a ZIP with this tool's manifest, unchanged since export.
pub fn open_pack(bytes: &[u8]) -> Result<OpenedPack<'_>, PackageError> {
    if bytes.is_empty() {
        return Err(PackageError::Empty);
    }
    let reader = ZipReader::new(bytes).map_err(read_error)?;
    let entry = reader
        .entries()
        .iter()
        .filter(|e| is_manifest_path(&e.name))
        .min_by_key(|e| e.name.len())
        .ok_or(PackageError::NoManifest)?;
    if entry.method != 0 {
        return Err(PackageError::NoManifest);
    }
    let data = reader.data(entry).map_err(read_error)?;
    let manifest = manifest::parse(data)?;
    Ok(OpenedPack { reader, manifest })
}

impl<'a> OpenedPack<'a> {
    /// The bytes of the entry at a path, when stored uncompressed.
    pub fn bytes(&self, path: &str) -> Result<Option<&'a [u8]>, EntryProblem> {
        let Some(e) = self.reader.entries().iter().find(|e| e.name == path) else {
            return Ok(None);
        };
        if e.method != 0 {
            return Err(EntryProblem::Compressed);
        }
        Ok(self.reader.data(e).ok())
    }

    /// Checks every file against its recorded SHA-256, CRC-32 and size; keeps the intact ones.
    pub fn unpack(&self) -> Unpacked {
        self.manifest.unpack(|f| {
            let bytes = self.bytes(&f.path)?;
            manifest::check_entry(f, bytes.map(FileDigest::of).as_ref())
        })
    }

    /// Plans restoring or merging the package into an evaluation: refused when it belongs to another one;
    /// otherwise the merge plan and what was unpacked (damaged files listed, the rest kept).
    pub fn plan(
        &self,
        fw: &Framework,
        target: &EvaluationRef,
        existing: &EvidenceDoc,
        opts: &MergeOptions,
    ) -> Result<(MergePlan, Unpacked), EvidenceError> {
        self.manifest.check_target(target)?;
        let unpacked = self.unpack();
        let plan = merge::plan(fw, existing, &unpacked.doc, opts);
        Ok((plan, unpacked))
    }
}

#[cfg(test)]
mod tests;
