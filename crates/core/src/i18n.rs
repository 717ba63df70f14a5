//! The message catalogue: every interface text in Chinese and English.
//!
//! Fixed texts are keys of the `messages!` table: each key carries both languages in one line, so a key without
//! a translation does not compile; a host test checks that no English text contains Chinese and no text is
//! empty. Texts with parameters (a school's name, a count) and domain errors are typed values implementing
//! [`Localized`]: the value carries the parameters, and its one `text` method spells it in both languages.

use serde::{Deserialize, Serialize};

/// Interface language. Chinese comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    /// English
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the Chinese or English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A message with parameters, or a domain error, that can be shown to the user in either language.
///
/// Implementations keep the two languages side by side in one `match`, so that neither can be forgotten:
///
/// ```
/// use xzzp_core::i18n::{Lang, Localized};
/// struct Imported(usize);
/// impl Localized for Imported {
///     fn text(&self, lang: Lang) -> String {
///         match lang {
///             Lang::Zh => format!("已导入 {} 份答卷", self.0),
///             Lang::En => format!("{} answer files imported", self.0),
///         }
///     }
/// }
/// assert_eq!(Imported(3).text(Lang::En), "3 answer files imported");
/// ```
pub trait Localized {
    /// The message in a language.
    fn text(&self, lang: Lang) -> String;

    /// The Chinese message (the language of every file this tool writes).
    fn zh(&self) -> String {
        self.text(Lang::Zh)
    }
}

/// Messages with parameters shown by the interface. Each spells itself in both languages in one place.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// One teacher's answer file was merged.
    AnswersImported {
        /// Who answered.
        name: String,
    },
    /// Several answer files were picked: how many were merged, and which were refused and why.
    AnswerFiles {
        /// How many were merged.
        added: usize,
        /// File name and why it was refused.
        refused: Vec<(String, Refusal)>,
    },
    /// How many stored items of the current profile were removed.
    ProfileDataRemoved(usize),
    /// How many stored items of this tool were removed.
    AllDataRemoved(usize),
    /// An import failed and was undone.
    ImportUndone(crate::store::StoreError),
    /// A backup was downloaded; some of it could not be read and is carried as it was.
    BackupWithUnreadable(usize),
    /// How many tasks were drafted from weak points.
    TasksDrafted(usize),
    /// A task is overdue by this many days.
    Overdue(i64),
    /// "This level or lower", for the weakness threshold.
    AtOrBelow(String),
    /// A month on the timeline, with the year at the start of a year or of the timeline.
    Month {
        /// The year, when it is shown.
        year: Option<i32>,
        /// The month, 1–12.
        month: u32,
    },
    /// The browser did not save a file.
    DownloadFailed(String),
    /// The browser could not read a picked file.
    ReadFailed(String),
    /// A framework version was saved.
    FrameworkSaved {
        /// Its title.
        title: String,
        /// Its version.
        version: String,
    },
    /// A framework's size: areas, indicators, points.
    FrameworkCounts {
        /// Areas.
        areas: usize,
        /// Indicators.
        indicators: usize,
        /// Points.
        points: usize,
    },
    /// The draft still has this many problems, so it was not saved.
    FrameworkHasProblems(usize),
    /// How many departments of the 自评方案 were added to the 分工.
    DepartmentsFromPlan(usize),
    /// The 分工 was written into the plan's 职责分工.
    AssignmentWrittenToPlan,
    /// What adopting staff answers did.
    Adopted(crate::collection::Adoption),
    /// The evidence of one point, for its heading: listed items present, and files.
    EvidenceCount {
        /// Listed items present.
        present: usize,
        /// Items listed.
        listed: usize,
        /// Files attached.
        files: usize,
    },
    /// Who sent a file of the evidence.
    SentBy(crate::evidence::AddedBy),
    /// A picked evidence file could not be read; nothing was saved.
    EvidenceReadFailed(String),
    /// A teacher's new evidence package leaves out files they sent before (point id and file name): remove
    /// them? (a question; cancelling keeps them)
    WithdrawnFiles(Vec<String>),
    /// An evidence package was imported: what the merge did, then every file left out with why.
    EvidenceImported {
        /// What the merge did.
        plan: crate::evidence::merge::MergePlan,
        /// Files of the package that were damaged.
        damaged: Vec<crate::evidence::manifest::DamagedEntry>,
    },
    /// The spreadsheet worker could not be started or stopped with an error (what the browser said).
    SpreadsheetFailed(String),
    /// The spreadsheet worker did not answer in time.
    SpreadsheetTimeout,
    /// The 上报包 was not exported: its content failed the package's own check.
    PackageNotExported(crate::submission::Problem),
    /// The 上报包 was exported under this file name.
    PackageExported(String),
    /// A .zip (or a file in it, named `archive.zip/name`) was not imported.
    ZipFile {
        /// The file.
        file: String,
        /// Why.
        problem: ZipProblem,
    },
    /// A picked file was refused before it was read as a package.
    FileRefused {
        /// The file.
        file: String,
        /// Why.
        why: Refusal,
    },
    /// A package was taken, then not kept: storage refused the import.
    NotSavedStorageFull(String),
    /// The expected list against the packages received.
    CountyRate {
        /// Schools on the list.
        expected: usize,
        /// Of them, schools that submitted.
        submitted: usize,
        /// The share that submitted, written out.
        rate: String,
        /// Schools on the list that did not submit.
        missing: usize,
    },
    /// How many schools are at a level.
    SchoolsAtLevel {
        /// The level's label.
        label: String,
        /// Schools.
        schools: usize,
    },
    /// A point weak in several schools.
    WeakAcross {
        /// The point's id.
        id: String,
        /// Its text.
        text: String,
        /// Schools where it is weak.
        schools: usize,
        /// Their share, written out.
        share: String,
    },
    /// How many evaluations a school has, after its type in the school list.
    EvaluationCount(usize),
    /// Storage used by evidence files: this evaluation's, and all of the tool's.
    EvidenceUsage {
        /// This evaluation's files, written out.
        here: String,
        /// All stored files, written out.
        total: String,
    },
    /// The button that makes a department's answer the school's conclusion on one point.
    AdoptDepartment(String),
    /// Packages imported and saved, and files not imported.
    PackagesImported {
        /// Packages imported and stored.
        taken: usize,
        /// Files refused.
        refused: usize,
    },
}

/// Why a .zip of packages, or one file in it, was not imported: the archive reader's kinds as the catalogue
/// names them (sizes already written out in the interface's language).
#[derive(Debug, Clone, PartialEq)]
pub enum ZipProblem {
    /// Not a readable .zip.
    NotZip,
    /// The archive ends early.
    Truncated,
    /// Split or ZIP64 archives.
    Unsupported,
    /// One entry unpacks to more than the limit: the whole archive is refused.
    EntryTooLarge {
        /// The entry.
        name: String,
        /// The limit, e.g. 10.0 MB.
        limit: String,
    },
    /// The archive unpacks to more than the limit.
    TooLarge {
        /// The limit.
        total: String,
    },
    /// An entry compressed with a method the reader does not handle.
    Method(u16),
    /// An entry protected by a password.
    Encrypted,
    /// An entry whose content does not match its checksum.
    Damaged,
    /// The archive holds no files.
    Empty,
}

/// Why one picked file was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// It could not be imported.
    Import(crate::backup::ImportError),
    /// It is a backup, picked where answer files go.
    BackupNotAnswers,
    /// It was merged before, or belongs to another framework, etc.
    Work(crate::store::workbench::WorkMessage),
    /// The browser could not read it.
    Read(String),
}

impl Localized for Refusal {
    fn text(&self, lang: Lang) -> String {
        match self {
            Refusal::Import(e) => e.text(lang),
            Refusal::BackupNotAnswers => lang
                .pick(
                    "这是备份文件，请在上方“导入备份”中导入",
                    "this is a backup; import it under “Import a backup” above",
                )
                .to_string(),
            Refusal::Work(m) => m.text(lang),
            Refusal::Read(e) => match lang {
                Lang::Zh => format!("浏览器无法读取这个文件（{e}）"),
                Lang::En => format!("the browser could not read the file ({e})"),
            },
        }
    }
}

impl Localized for Msg {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Msg::AnswersImported { name }, Lang::Zh) => format!("已导入{name}的答卷。"),
            (Msg::AnswersImported { name }, Lang::En) => format!("{name}'s answers were imported."),
            (Msg::AnswerFiles { added, refused }, Lang::Zh) if refused.is_empty() => {
                format!("已导入 {added} 份答卷。")
            }
            (Msg::AnswerFiles { added, refused }, Lang::En) if refused.is_empty() => {
                format!("{added} answer file(s) imported.")
            }
            (Msg::AnswerFiles { added, refused }, _) => {
                let list: Vec<String> = refused
                    .iter()
                    .map(|(f, why)| format!("{f}{}{}", lang.pick("：", ": "), why.text(lang)))
                    .collect();
                match lang {
                    Lang::Zh => format!("已导入 {added} 份答卷；以下文件未导入：{}", list.join("；")),
                    Lang::En => format!("{added} answer file(s) imported; not imported: {}", list.join("; ")),
                }
            }
            (Msg::ProfileDataRemoved(n), Lang::Zh) => format!("已从本机删除当前使用者的 {n} 项数据。"),
            (Msg::ProfileDataRemoved(n), Lang::En) => {
                format!("{n} stored item(s) of the current user were removed from this computer.")
            }
            (Msg::AllDataRemoved(n), Lang::Zh) => format!("已从本机删除本工具的全部 {n} 项数据。"),
            (Msg::AllDataRemoved(n), Lang::En) => {
                format!("All {n} stored item(s) of this tool were removed from this computer.")
            }
            (Msg::ImportUndone(e), Lang::Zh) => format!("{} 导入已撤销，现有数据没有任何改动。", e.text(lang)),
            (Msg::ImportUndone(e), Lang::En) => format!("{} The import was undone; nothing was changed.", e.text(lang)),
            (Msg::BackupWithUnreadable(n), Lang::Zh) => format!(
                "备份已下载。其中 {n} 份数据无法读取，已按原样（未经修改的原始文字）放入备份，导入后仍会显示为无法读取。"
            ),
            (Msg::BackupWithUnreadable(n), Lang::En) => format!(
                "The backup was downloaded. {n} stored item(s) could not be read; they are in the backup exactly as stored and will still show as unreadable after an import."
            ),
            (Msg::TasksDrafted(n), Lang::Zh) => {
                format!("已根据薄弱项生成 {n} 项整改任务，请补充责任人、责任部门和时限。")
            }
            (Msg::TasksDrafted(n), Lang::En) => {
                format!("{n} tasks drafted from weak points. Add owners, departments and dates.")
            }
            (Msg::Overdue(days), Lang::Zh) => format!("逾期 {days} 天"),
            (Msg::Overdue(days), Lang::En) => format!("{days} days overdue"),
            (Msg::AtOrBelow(label), Lang::Zh) => format!("{label}及以下"),
            (Msg::AtOrBelow(label), Lang::En) => format!("{label} or lower"),
            (Msg::Month { year: Some(y), month }, Lang::Zh) => format!("{y}年{month}月"),
            (Msg::Month { year: Some(y), month }, Lang::En) => format!("{y}-{month:02}"),
            (Msg::Month { year: None, month }, Lang::Zh) => format!("{month}月"),
            (Msg::Month { year: None, month }, Lang::En) => format!("{month:02}"),
            (Msg::DownloadFailed(e), Lang::Zh) => format!("浏览器没有保存这个文件（{e}）。请确认浏览器允许本页面下载文件后重试。"),
            (Msg::DownloadFailed(e), Lang::En) => format!("The browser did not save the file ({e}). Check that this page may download files and try again."),
            (Msg::ReadFailed(e), Lang::Zh) => format!("无法读取文件（{e}）。现有数据没有任何改动。"),
            (Msg::ReadFailed(e), Lang::En) => format!("The file could not be read ({e}). Nothing was changed."),
            (Msg::FrameworkSaved { title, version }, Lang::Zh) => format!("已保存“{title}”第 {version} 版。"),
            (Msg::FrameworkSaved { title, version }, Lang::En) => format!("“{title}” version {version} was saved."),
            (Msg::FrameworkCounts { areas, indicators, points }, Lang::Zh) => {
                format!("{areas} 个方面，{indicators} 个关键指标，{points} 个考查要点")
            }
            (Msg::FrameworkCounts { areas, indicators, points }, Lang::En) => {
                format!("{areas} areas, {indicators} indicators, {points} points")
            }
            (Msg::FrameworkHasProblems(n), Lang::Zh) => format!("还有 {n} 处需要修改（见“还需修改的地方”），尚未保存。"),
            (Msg::FrameworkHasProblems(n), Lang::En) => format!("{n} problem(s) left (see “What still needs fixing”); not saved."),
            (Msg::DepartmentsFromPlan(0), Lang::Zh) => "自评方案中的部门都已在分工中，没有新增。".into(),
            (Msg::DepartmentsFromPlan(n), Lang::Zh) => format!("已从自评方案带入 {n} 个部门及其负责人。"),
            (Msg::DepartmentsFromPlan(0), Lang::En) => "Every department of the plan is in the assignment already; none added.".into(),
            (Msg::DepartmentsFromPlan(n), Lang::En) => format!("{n} department(s) and their heads taken from the plan."),
            (Msg::AssignmentWrittenToPlan, Lang::Zh) => "分工已写入自评方案的“职责分工”。".into(),
            (Msg::AssignmentWrittenToPlan, Lang::En) => "The assignment was written into the plan's duties.".into(),
            (Msg::Adopted(a), _) => {
                let done = a.points();
                let mut out = match lang {
                    Lang::Zh if done.is_empty() => "没有采用任何考查要点。".to_string(),
                    Lang::En if done.is_empty() => "No point was adopted.".to_string(),
                    _ => format!("{}{}", K::CollectAdopted.text(lang), done.join(lang.pick("、", ", "))),
                };
                if !a.skipped.is_empty() {
                    out.push_str(lang.pick("。", ". "));
                    out.push_str(K::CollectSkipped.text(lang));
                    let skipped: Vec<String> = a
                        .skipped
                        .iter()
                        .map(|(p, r)| format!("{p}{}{}{}", lang.pick("（", " ("), r.text(lang), lang.pick("）", ")")))
                        .collect();
                    out.push_str(&skipped.join(lang.pick("、", ", ")));
                }
                out
            }
            (Msg::EvidenceCount { present, listed, files }, Lang::Zh) => format!("{present}/{listed} 项 · {files} 个文件"),
            (Msg::EvidenceCount { present, listed, files }, Lang::En) => {
                format!("{present}/{listed} items · {files} file{}", if *files == 1 { "" } else { "s" })
            }
            (Msg::SentBy(by), Lang::Zh) => format!("提交人：{}", by.text(lang)),
            (Msg::SentBy(by), Lang::En) => format!("from {}", by.text(lang)),
            (Msg::EvidenceReadFailed(f), Lang::Zh) => format!("文件“{f}”读取失败，什么都没有保存。请重新选择。"),
            (Msg::EvidenceReadFailed(f), Lang::En) => format!("The file \"{f}\" could not be read; nothing was saved. Pick it again."),
            (Msg::WithdrawnFiles(names), Lang::Zh) => format!(
                "这位教师此前提交的 {} 个文件不在新的佐证材料包中：{}。从本校的佐证材料中移除这些文件吗？选择“取消”则保留。",
                names.len(),
                names.join("、")
            ),
            (Msg::WithdrawnFiles(names), Lang::En) => format!(
                "{} file(s) this teacher sent before are not in the new package: {}. Remove them from the school's evidence? Cancel keeps them.",
                names.len(),
                names.join(", ")
            ),
            (Msg::EvidenceImported { plan, damaged }, _) => {
                let mut out = match lang {
                    Lang::Zh => format!("佐证材料包已导入：{}", plan.text(lang)),
                    Lang::En => format!("The evidence package was imported: {}", plan.text(lang)),
                };
                for r in &plan.refused {
                    out.push(' ');
                    out.push_str(&r.text(lang));
                }
                for d in damaged {
                    out.push(' ');
                    out.push_str(&d.text(lang));
                }
                out
            }
            (Msg::SpreadsheetFailed(e), Lang::Zh) => format!("表格组件没有加载成功（{e}）。请刷新页面后重试；没有保存任何内容。"),
            (Msg::SpreadsheetFailed(e), Lang::En) => format!("The spreadsheet component did not load ({e}). Reload the page and try again; nothing was saved."),
            (Msg::SpreadsheetTimeout, Lang::Zh) => "表格组件长时间没有响应。请刷新页面后重试；没有保存任何内容。".into(),
            (Msg::SpreadsheetTimeout, Lang::En) => "The spreadsheet component did not answer. Reload the page and try again; nothing was saved.".into(),
            (Msg::PackageNotExported(p), Lang::Zh) => format!("上报包未导出：{}。请检查自评数据。", p.text(lang)),
            (Msg::PackageNotExported(p), Lang::En) => format!("The package was not exported: {}. Check the evaluation's data.", p.text(lang)),
            (Msg::PackageExported(f), Lang::Zh) => format!("已导出上报包“{f}”，请把这个文件报送县（区）教育局。"),
            (Msg::PackageExported(f), Lang::En) => format!("Exported the package “{f}”; send this file to the county bureau."),
            (Msg::ZipFile { file: f, problem }, Lang::Zh) => match problem {
                ZipProblem::NotZip => format!("“{f}”：不是可以读取的 .zip 压缩包，没有导入。"),
                ZipProblem::Truncated => format!("“{f}”：压缩包不完整（可能没有下载或复制完），没有导入。请重新获取这个文件。"),
                ZipProblem::Unsupported => format!("“{f}”：这种压缩包（分卷或 ZIP64 格式）无法读取，没有导入。请解压后选择其中的上报包（.json）。"),
                ZipProblem::EntryTooLarge { name, limit } => format!("“{f}”：压缩包中的“{name}”解压后超过 {limit}，不可能是上报包（压缩包可能已损坏或被恶意构造），整个压缩包都没有导入。"),
                ZipProblem::TooLarge { total } => format!("“{f}”：压缩包解压后超过 {total}，整个压缩包都没有导入。请分成几个较小的压缩包再导入。"),
                ZipProblem::Method(m) => format!("“{f}”：使用了本工具不支持的压缩方式（方法 {m}），没有导入。请用 Windows 的“压缩(zipped)文件夹”或 7-Zip 的 ZIP 格式重新压缩，或解压后直接选择 .json 文件。"),
                ZipProblem::Encrypted => format!("“{f}”：设置了密码，没有导入。请解压后直接选择其中的 .json 文件。"),
                ZipProblem::Damaged => format!("“{f}”：已损坏（内容与压缩包记录的校验值不符），没有导入。请让学校重新发送。"),
                ZipProblem::Empty => format!("“{f}”：压缩包里没有文件。"),
            },
            (Msg::ZipFile { file: f, problem }, Lang::En) => match problem {
                ZipProblem::NotZip => format!("“{f}”: not a readable .zip archive; nothing was imported."),
                ZipProblem::Truncated => format!("“{f}”: the archive is incomplete (perhaps not fully downloaded or copied); nothing was imported. Get the file again."),
                ZipProblem::Unsupported => format!("“{f}”: this kind of archive (split or ZIP64) cannot be read; nothing was imported. Unpack it and choose the packages (.json) in it."),
                ZipProblem::EntryTooLarge { name, limit } => format!("“{f}”: “{name}” in the archive unpacks to more than {limit}, which no package does (the archive may be damaged or built to harm); nothing of the archive was imported."),
                ZipProblem::TooLarge { total } => format!("“{f}”: the archive unpacks to more than {total}; nothing of it was imported. Split it into smaller archives."),
                ZipProblem::Method(m) => format!("“{f}”: compressed with a method this tool does not read (method {m}); not imported. Compress again as a Windows compressed (zipped) folder or 7-Zip's ZIP format, or unpack it and choose the .json file."),
                ZipProblem::Encrypted => format!("“{f}”: protected by a password; not imported. Unpack it and choose the .json file."),
                ZipProblem::Damaged => format!("“{f}”: damaged (its content does not match the archive's checksum); not imported. Ask the school to send it again."),
                ZipProblem::Empty => format!("“{f}”: the archive holds no files."),
            },
            (Msg::FileRefused { file, why }, Lang::Zh) => format!("“{file}”：{}", why.text(lang)),
            (Msg::FileRefused { file, why }, Lang::En) => format!("“{file}”: {}", why.text(lang)),
            (Msg::NotSavedStorageFull(f), Lang::Zh) => format!("“{f}”：存储空间不足，没有保存，未导入。"),
            (Msg::NotSavedStorageFull(f), Lang::En) => format!("“{f}”: not saved (storage full); not imported."),
            (Msg::CountyRate { expected, submitted, rate, missing }, Lang::Zh) => {
                format!("应报 {expected} 所，已报 {submitted} 所（{rate}），未报 {missing} 所。")
            }
            (Msg::CountyRate { expected, submitted, rate, missing }, Lang::En) => {
                format!("{expected} expected, {submitted} submitted ({rate}), {missing} missing.")
            }
            (Msg::SchoolsAtLevel { label, schools }, Lang::Zh) => format!("{label} {schools} 所"),
            (Msg::SchoolsAtLevel { label, schools }, Lang::En) => format!("{label} {schools}"),
            (Msg::WeakAcross { id, text, schools, share }, Lang::Zh) => format!("{id} {text}：{schools} 所（{share}）"),
            (Msg::WeakAcross { id, text, schools, share }, Lang::En) => format!("{id} {text}: {schools} school(s) ({share})"),
            (Msg::EvaluationCount(n), Lang::Zh) => format!("{n} 次自评"),
            (Msg::EvaluationCount(n), Lang::En) => format!("{n} evaluation(s)"),
            (Msg::EvidenceUsage { here, total }, Lang::Zh) => format!("{}：{here}（{} {total}）", K::EvidenceUsage.text(Lang::Zh), K::EvidenceUsageTotal.text(Lang::Zh)),
            (Msg::EvidenceUsage { here, total }, Lang::En) => format!("{}: {here} ({}: {total})", K::EvidenceUsage.text(Lang::En), K::EvidenceUsageTotal.text(Lang::En)),
            (Msg::AdoptDepartment(name), Lang::Zh) => format!("采用{name}意见"),
            (Msg::AdoptDepartment(name), Lang::En) => format!("Adopt {name}'s answer"),
            (Msg::PackagesImported { taken, refused: 0 }, Lang::Zh) => format!("已导入并保存 {taken} 份上报包。"),
            (Msg::PackagesImported { taken, refused }, Lang::Zh) => {
                format!("已导入并保存 {taken} 份上报包；{refused} 个文件未导入，原因见“导入结果”。")
            }
            (Msg::PackagesImported { taken, refused: 0 }, Lang::En) => format!("{taken} package(s) imported and saved."),
            (Msg::PackagesImported { taken, refused }, Lang::En) => {
                format!("{taken} package(s) imported and saved; {refused} file(s) not imported, see the import results.")
            }
        }
    }
}

macro_rules! messages {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A message key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum K { $($key),* }

        impl K {
            /// Every key.
            pub const ALL: &'static [K] = &[$(K::$key),*];

            /// The text in a language.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(K::$key => match lang { Lang::Zh => $zh, Lang::En => $en },)*
                }
            }
        }
    };
}

messages! {
    AppName => "学校质量自评", "School Self-Evaluation";
    AppTagline => "对照国家质量评价指南自评，制定改进方案和工作台账，导出自评报告。数据只保存在本机浏览器中。",
        "Evaluate your school against the national quality guides, plan improvements with a work ledger, and export the self-evaluation report. Data stays in this browser only.";
    SkipToContent => "跳到正文", "Skip to content";
    TemplatesLoading => "正在载入评价框架和方案模板……", "Loading the evaluation frameworks and plan templates…";
    TemplatesFailed => "评价框架没有载入成功：网络中断或文件不完整。已填写的内容都在本机，不受影响。请检查网络后点“重试”，或刷新页面。",
        "The evaluation frameworks did not load: the connection was lost or a file is incomplete. What you entered is safe on this computer. Check the connection and press Retry, or reload the page.";
    TemplatesRetry => "重试", "Retry";
    PageLoading => "正在载入这一页……", "Loading this page…";
    PageNotLoaded => "这一页没有载入成功：网络中断或文件不完整。已填写的内容都在本机，不受影响。请检查网络后点“重试”，或刷新页面。",
        "This page did not load: the connection was lost or a file is incomplete. What you entered is safe on this computer. Check the connection and press Retry, or reload the page.";
    MainNav => "主导航", "Main navigation";
    NavHome => "首页", "Home";
    NavSchool => "学校信息", "School";
    NavSurvey => "自评问卷", "Questionnaire";
    NavPlan => "方案与台账", "Plan & ledger";
    NavReport => "自评报告", "Report";
    NavData => "数据管理", "Data";
    LangSwitch => "English", "中文";
    LangSwitchLabel => "切换到英文界面", "Switch to Chinese";
    Close => "关闭", "Close";
    Save => "保存", "Save";
    Cancel => "取消", "Cancel";
    Delete => "删除", "Delete";
    Edit => "编辑", "Edit";
    Open => "打开", "Open";
    Saved => "已自动保存", "Saved automatically";
    NotSavedYet => "尚未保存", "Not saved yet";
    NotFoundTitle => "找不到这个页面", "Page not found";
    NotFoundBody => "地址可能输错了。请从上方导航进入各个栏目。", "The address may be mistyped. Use the navigation above.";

    // Home
    HomeStepsTitle => "三步完成学校自评", "Three steps to a school self-evaluation";
    HomeStep1 => "填写学校信息", "Enter the school profile";
    HomeStep1Help => "学校名称、类型、规模和所在集团。", "Name, type, size and school group.";
    HomeStep2 => "回答自评问卷", "Answer the questionnaire";
    HomeStep2Help => "选择评价框架，逐条自查打分并写佐证说明。", "Pick a framework; rate each point and note the evidence.";
    HomeStep3 => "生成报告与台账", "Produce the report and ledger";
    HomeStep3Help => "把薄弱项转成整改任务，导出自评报告。", "Turn weak points into tasks and export the report.";
    HomeSchools => "本机的学校", "Schools on this computer";
    HomeNoSchools => "还没有学校。先填写学校信息。", "No school yet. Start with the school profile.";
    HomeStart => "开始：填写学校信息", "Start: enter the school profile";
    HomePrivacy => "所有内容只保存在这台电脑的浏览器里，不会上传到任何服务器。换电脑前请在“数据管理”中导出备份。",
        "Everything is kept in this computer's browser and never uploaded. Export a backup under Data before changing computers.";

    DemoTitle => "培训演示：示例学校", "Workshop demo: sample schools";
    DemoHelp => "一键载入 3 所虚构的示例学校（乡村小学、集团核心初中、高中），每所都有完整的自评、上年度自评、方案和各种状态的台账任务。示例数据单独保存，演示结束后一键清空，不影响本机的真实数据。",
        "Load 3 fictional sample schools (a rural primary school, a junior school leading a school group, a senior school), each with a complete evaluation, last year's evaluation, a plan and ledger tasks in every status. Sample data is kept apart and cleared in one step afterwards; this computer's real data is not touched.";
    DemoLoad => "载入示例学校", "Load the sample schools";
    DemoReset => "结束演示并清空示例", "End the demo and clear the samples";
    DemoProfileName => "示例（培训演示）", "Samples (workshop demo)";
    DemoLoaded => "已载入 3 所示例学校（示例数据单独保存，不会与本机的真实数据混在一起）。",
        "3 sample schools loaded (kept apart from this computer's real data).";
    DemoCleared => "示例数据已清空，已回到本机的真实数据。", "The sample data was removed; back to this computer's own data.";
    DemoBanner => "正在查看示例数据（培训演示）。", "You are looking at sample data (workshop demo).";
    GuideTitle => "快速入门", "Getting started";
    GuideStep1 => "先在“学校信息”中填写学校名称、类型和规模。这些信息会自动写进方案和报告。",
        "First enter the school's name, type and size under School. They flow into the plan and the report.";
    GuideStep2 => "在“自评问卷”中选择评价框架，逐条对照“自查要点”打分，写下佐证说明。每次修改都会自动保存。",
        "Under Questionnaire, pick a framework and rate each point using its guidance, noting the evidence. Every change is saved automatically.";
    GuideStep3 => "在“方案与台账”中生成自评方案、把薄弱项转成整改任务，再到“自评报告”导出 Word 或打印。",
        "Under Plan & ledger, make the plan and turn weak points into tasks; then export the report as Word or print it.";
    GuideSkip => "跳过", "Skip";
    GuideBack => "上一步", "Back";
    GuideNext => "下一步", "Next";
    GuideStart => "开始填写学校信息", "Start with the school profile";
    Projector => "投影模式", "Projector mode";

    // School
    SchoolTitle => "学校信息", "School profile";
    SchoolHelp => "这些信息会出现在自评方案和自评报告中。", "This information appears in the plan and the report.";
    SchoolName => "学校名称", "School name";
    SchoolType => "学校类型", "School type";
    SchoolCounty => "所在县（区）", "County / district";
    SchoolPrincipal => "校长", "Principal";
    SchoolStudents => "学生数", "Students";
    SchoolClasses => "班级数", "Classes";
    SchoolTeachers => "教师数", "Teachers";
    SchoolGroupRole => "集团（共同体）中的角色", "Role in the school group";
    SchoolGroupName => "所在集团（共同体）名称", "School group name";
    SchoolAdd => "新建学校", "Add a school";
    SchoolList => "全部学校", "All schools";
    SchoolCurrent => "当前学校", "Current school";
    SchoolSwitch => "切换到这所学校", "Switch to this school";
    SchoolDelete => "删除这所学校", "Delete this school";
    SchoolDeleteConfirm => "确定删除这所学校及其全部自评？此操作不能撤销。", "Delete this school and all its evaluations? This cannot be undone.";
    SchoolNone => "请先新建一所学校。", "Please add a school first.";
    SchoolDemo => "示例", "Sample";

    // Survey
    SurveyTitle => "自评问卷", "Self-assessment questionnaire";
    SurveyNew => "新建自评", "New evaluation";
    SurveyFramework => "评价框架", "Framework";
    SurveyYear => "学年", "School year";
    SurveyTerm => "学期", "Term";
    SurveyCreate => "开始自评", "Start the evaluation";
    SurveyList => "本校的自评", "This school's evaluations";
    SurveyNoEvaluation => "本校还没有自评。选择评价框架开始。", "No evaluation yet. Pick a framework to begin.";
    SurveyProgress => "完成进度", "Progress";
    SurveyNextUnanswered => "下一个未完成的要点", "Next unfinished point";
    SurveyNotForType => "（不适用于本校类型）", " (not for this school type)";
    SurveyAllDone => "全部要点都已完成。", "Every point is done.";
    SurveyAreas => "方面与关键指标", "Areas and indicators";
    SurveyGuidance => "自查要点", "How to judge";
    SurveyEvidence => "佐证材料", "Suggested evidence";
    SurveySource => "来源", "Source";
    SurveyUnconfirmed => "（据文件转写，非原文）", "(derived, not verbatim)";
    SurveyNote => "佐证说明", "Evidence note";
    SurveyNoteHelp => "写明做了什么、有哪些材料、还有什么不足。可以分段。", "What was done, which evidence exists, what is missing. Paragraphs are fine.";
    SurveyNa => "不适用", "Not applicable";
    SurveyNaReason => "不适用的原因", "Why it does not apply";
    SurveyYes => "是", "Yes";
    SurveyFrameworkVersion => "框架版本", "framework version";
    SurveyNo => "否", "No";
    SurveyClear => "清除", "Clear";
    SurveyValue => "数值", "Value";
    SurveyTarget => "目标", "Target";
    SurveyTargetMet => "已达到目标", "Target met";
    SurveyTargetMissed => "未达到目标", "Target missed";
    SurveyText => "填写内容", "Your answer";
    SurveyPrevIndicator => "上一个指标", "Previous indicator";
    SurveyNextIndicator => "下一个指标", "Next indicator";
    SurveyDone => "已完成", "Done";
    SurveyTodo => "未完成", "To do";
    SurveyScore => "得分", "Score";
    SurveyAchievement => "达成度", "Achievement";
    SurveyOverall => "总体", "Overall";
    SurveyKeyboardHelp => "键盘操作：Tab 在控件间移动，方向键选择等级，Alt+N 跳到下一个未完成的要点。",
        "Keyboard: Tab moves between controls, arrow keys pick a level, Alt+N jumps to the next unfinished point.";
    SurveyDelete => "删除这次自评", "Delete this evaluation";
    SurveyRespondents => "教职工填报", "Teachers' answers";
    SurveyRespondentNotes => "教职工的说明", "Teachers' notes";
    SurveyDeleteConfirm => "确定删除这次自评及其全部答案？此操作不能撤销。", "Delete this evaluation and all its answers? This cannot be undone.";
    SurveyOpenedFrom => "当前自评", "Current evaluation";
    SurveyUnknownFramework => "这次自评使用的评价框架在本版本中不存在，无法打开。", "The framework of this evaluation does not exist in this version.";

    // Plans
    PlanTitle => "自评方案与工作台账", "Plan and work ledger";
    PlanTabPlans => "方案", "Plans";
    PlanTabLedger => "工作台账", "Work ledger";
    PlanHelp => "从模板生成学校质量自评方案等文件，按学校实际修改文字；所有修改自动保存。",
        "Make the self-evaluation plan and other documents from templates, then edit the text to fit the school. Every change is saved automatically.";
    PlanNew => "新建方案", "New plan";
    PlanTemplate => "方案类型", "Kind of plan";
    PlanEvaluation => "依据的自评", "Based on the evaluation";
    PlanNoEvaluation => "（不关联自评）", "(no evaluation)";
    PlanCreate => "生成方案", "Make the plan";
    PlanList => "本校的方案", "This school's plans";
    PlanDeleteConfirm => "确定删除这份方案？此操作不能撤销。", "Delete this plan? This cannot be undone.";
    PlanPreview => "预览", "Preview";
    PlanEditMode => "返回编辑", "Back to editing";
    PlanPrint => "打印", "Print";
    PlanDocTitle => "方案标题", "Plan title";
    PlanSectionTitle => "节标题", "Section title";
    PlanAddSection => "添加一节", "Add a section";
    PlanRemoveSection => "删除此节", "Remove this section";
    PlanRemoveSectionConfirm => "确定删除这一节及其全部内容？", "Remove this section and everything in it?";
    PlanAddParagraph => "＋段落", "+ Paragraph";
    PlanAddList => "＋编号列表", "+ Numbered list";
    PlanRemoveBlock => "删除此块", "Remove this block";
    PlanRemoveBlockConfirm => "确定删除这一块内容？", "Remove this block?";
    PlanParagraph => "段落", "Paragraph";
    PlanItem => "条目", "Item";
    PlanAddItem => "＋添加一项", "+ Add an item";
    PlanRole => "职务", "Role";
    PlanName => "姓名", "Name";
    PlanPost => "职务或分工", "Post or duty";
    PlanAddPerson => "＋添加人员", "+ Add a person";
    PlanPhase => "阶段", "Phase";
    PlanStart => "开始日期", "Start";
    PlanEnd => "结束日期", "End";
    PlanPhaseText => "工作内容", "Work";
    PlanAddPhase => "＋添加阶段", "+ Add a phase";
    PlanGoal => "指标", "Indicator";
    PlanGoalTarget => "目标值", "Target";
    PlanGoalUnit => "单位", "Unit";
    PlanGoalBasis => "依据", "Basis";
    PlanAddGoal => "＋添加目标", "+ Add a goal";
    PlanGroupName => "集团（共同体）名称", "School group";
    PlanCoreSchool => "核心校", "Core school";
    PlanMemberSchools => "成员校：", "Member schools:";
    PlanAddMember => "＋添加成员校", "+ Add a member school";
    PlanWhen => "时间", "When";
    PlanActivity => "活动内容", "Activity";
    PlanLead => "负责", "Led by";
    PlanParticipants => "参加人员", "Participants";
    PlanAddActivity => "＋添加活动", "+ Add an activity";
    LedgerHelp => "工作台账列出每项整改任务的责任人、责任部门、时限和里程碑。可从自评的薄弱项一键生成任务，再逐项补充。",
        "The ledger lists each improvement task with its owner, department, dates and milestones. Draft tasks from an evaluation's weak points in one step, then complete them.";
    LedgerDraftTitle => "从薄弱项生成整改任务", "Draft tasks from weak points";
    LedgerNeedEvaluation => "本校还没有自评。先完成自评问卷，才能从薄弱项生成任务。", "This school has no evaluation yet. Answer the questionnaire first to draft tasks from weak points.";
    LedgerThreshold => "薄弱项：得分在", "Weak points: score at";
    LedgerDraft => "生成任务", "Draft tasks";
    LedgerDraftHelp => "“否”的要点和未达到目标的数值要点也算薄弱项；已有任务的要点不会重复生成。",
        "Points answered No and numbers that miss their target also count as weak; points that already have a task are skipped.";
    LedgerTasks => "整改任务", "Tasks";
    LedgerAdd => "新增任务", "Add a task";
    LedgerExportCsv => "导出 CSV（Excel / WPS）", "Export CSV (Excel / WPS)";
    LedgerAll => "全部", "All";
    LedgerStatus => "状态", "Status";
    LedgerOwner => "责任人", "Owner";
    LedgerDepartment => "责任部门", "Department";
    LedgerArea => "方面", "Area";
    LedgerSort => "排序", "Sort by";
    LedgerDue => "完成时限", "Due";
    LedgerStart => "开始日期", "Start";
    LedgerAdded => "添加顺序", "Order added";
    LedgerTask => "任务", "Task";
    LedgerTarget => "可测量目标", "Measurable target";
    LedgerEmpty => "还没有任务。可以从薄弱项生成，或新增任务。", "No tasks yet. Draft them from weak points or add one.";
    LedgerNoMatch => "没有符合筛选条件的任务。", "No task matches the filters.";
    LedgerMarkDone => "标记完成", "Mark done";
    LedgerDeleteConfirm => "确定删除这项任务？", "Delete this task?";
    LedgerPoints => "关联的考查要点", "Linked assessment points";
    LedgerAddPoint => "关联要点", "Link a point";
    LedgerMilestones => "里程碑", "Milestones";
    LedgerMilestone => "里程碑内容", "Milestone";
    LedgerReached => "已完成", "Reached";
    LedgerAddMilestone => "＋添加里程碑", "+ Add a milestone";
    LedgerNotes => "进展记录", "Progress notes";
    LedgerNote => "进展情况", "Progress";
    LedgerAddNote => "添加记录", "Add note";
    LedgerDate => "日期", "Date";
    LedgerTimeline => "任务时间轴", "Task timeline";
    LedgerTimelineHelp => "横条为任务起止时间，菱形为里程碑，竖线为今天；逾期任务标红。",
        "Bars span each task, diamonds are milestones, the vertical line is today; overdue tasks are red.";
    MoveUp => "上移", "Move up";
    MoveDown => "下移", "Move down";
    Actions => "操作", "Actions";

    // Pages still to come in this build
    ReportTitle => "自评报告", "Self-evaluation report";
    ReportHelp => "报告由自评结果、自评方案和工作台账自动起草，可修改各部分文字后打印或下载。报告正文为中文公文。",
        "The report is drafted from the evaluation, the plan and the ledger. Edit any section, then print or download it. The document itself is in Chinese.";
    ReportNeedEvaluation => "本校还没有自评。请先完成自评问卷。", "This school has no evaluation yet. Answer the questionnaire first.";
    ReportDocNumber => "文号（可选）", "Document number (optional)";
    ReportDocNumberExample => "例如：贺兰县第一小学〔2026〕3号", "e.g. the school's reference number";
    ReportPrint => "打印 / 另存为 PDF", "Print / save as PDF";
    ReportWord => "下载 Word（.docx）", "Download Word (.docx)";
    ReportMarkdown => "下载 Markdown（.md）", "Download Markdown (.md)";
    ReportPrintHelp => "打印时选择“另存为 PDF”即可得到 PDF 文件；纸张为 A4。", "Choose \"Save as PDF\" in the print dialog to get a PDF; the paper size is A4.";
    ReportEditSections => "修改报告文字", "Edit the report text";
    ReportEditHelp => "每行为一段；以“（一）”开头的行作为小标题。修改后自动保存，不会被自动草稿覆盖。",
        "Each line is a paragraph; lines that start with a Chinese numbered heading in full-width brackets are sub-headings. Edits are saved and never replaced by the draft.";
    ReportEdited => "已修改", "Edited";
    ReportRestoreDraft => "恢复自动草稿", "Restore the draft";
    DataTitle => "数据管理", "Data management";
    DataHelp => "数据只保存在这台电脑的浏览器里。请定期导出备份；换电脑时在新电脑上导入备份即可。",
        "Data is kept only in this computer's browser. Export a backup regularly; on a new computer, import it.";
    DataUsage => "存储情况", "Storage";
    DataOrphans => "残留数据", "Left-over data";
    DataOrphansHelp => "以下数据所属的学校、自评或方案已被删除（删除时可能中途出错），可以放心删除。",
        "The school, evaluation or plan these belong to was deleted (the removal may have stopped half-way); they can be removed.";
    DataPersisted => "浏览器已承诺保留本网站的数据（空间不足时也不会自动清除）。", "The browser has promised to keep this site's data (it will not clear it when space runs low).";
    DataNotPersisted => "浏览器没有承诺保留本网站的数据：空间不足时可能自动清除，请定期导出备份。", "The browser has not promised to keep this site's data: it may clear it when space runs low, so export backups regularly.";
    DataPersistUnknown => "无法得知浏览器是否会长期保留本网站的数据，请定期导出备份。", "It is not known whether the browser keeps this site's data for good; export backups regularly.";
    DataRequestPersist => "请求浏览器保留数据", "Ask the browser to keep the data";
    DataNothingToExport => "没有可以导出的数据：请先选择学校或打开自评。", "Nothing to export: choose a school or open an evaluation first.";
    DataImportDone => "导入完成。", "Import complete.";
    DataNameRequired => "请填写姓名，校长汇总时需要知道是谁的答卷。", "Enter your name so that the principal knows whose answers these are.";
    DataAnswerFirst => "请先在“自评问卷”中打开一次自评并作答。", "Open and answer an evaluation first (Questionnaire).";
    DataNearlyFull => "浏览器存储空间快用满了。请先导出备份，再删除不需要的自评、方案或学校；存满后新的修改将无法保存。",
        "The browser's storage is nearly full. Export a backup, then delete evaluations, plans or schools you no longer need; once full, new changes cannot be saved.";
    DataUnreadable => "无法读取的数据", "Data that cannot be read";
    DataUnreadableHelp => "以下数据已损坏或来自更新版本的本工具。它们被原样保留，不会被覆盖。请先下载原始数据（可交给技术人员恢复），再决定是否清除。",
        "The data below is damaged or comes from a newer version of this tool. It is kept untouched and never overwritten. Download the original first (a technician may recover it), then decide whether to discard it.";
    DataDownloadRaw => "下载原始数据", "Download the original";
    DataDiscard => "清除这份数据", "Discard it";
    DataDiscardConfirm => "确定清除这份无法读取的数据？请确认已下载原始数据。此操作不能撤销。", "Discard this unreadable data? Make sure you downloaded the original. This cannot be undone.";
    DataBackup => "备份与恢复", "Backup and restore";
    DataBackupHelp => "备份文件（.json）包含学校信息、自评答案、方案、台账和报告修改，可在另一台电脑上导入。",
        "A backup file (.json) holds school profiles, answers, plans, ledgers and report edits; import it on another computer.";
    DataExportAll => "导出全部数据", "Export everything";
    DataExportSchool => "导出当前学校", "Export the current school";
    DataExportEvaluation => "导出当前自评", "Export the open evaluation";
    DataImport => "导入备份", "Import a backup";
    DataImportPick => "选择备份文件（.json）：", "Choose a backup file (.json):";
    DataImportPreview => "导入前请确认：将进行以下修改", "Before importing, check what will change";
    DataImportConfirm => "确认导入", "Import";
    DataAdd => "新增", "Add";
    DataReplace => "替换", "Replace";
    DataRespondents => "多人参与：教职工答卷", "Several respondents: teachers' answers";
    DataRespondentsHelp => "教师在自己的电脑上回答同一评价框架并导出答卷；校长把答卷导入本次自评，查看每个要点的意见分布。校长自己的结论单独保存，报告以校长结论为准。",
        "Teachers answer the same framework on their own computers and export their answers; the principal imports them into the evaluation to see how opinions spread on each point. The principal's own answers stay separate and are what the report uses.";
    DataNeedEvaluation => "请先在“自评问卷”中打开一次自评。", "Open an evaluation first (Questionnaire).";
    DataTeacherExport => "教师：导出我的答卷", "Teachers: export my answers";
    DataRole => "角色或职务", "Role or post";
    DataExportMine => "导出我的答卷", "Export my answers";
    DataPrincipalImport => "校长：导入教职工答卷", "Principal: import teachers' answers";
    DataImportAnswers => "选择一个或多个答卷文件：", "Choose one or more answer files:";
    DataRemoveRespondentConfirm => "确定移除这份答卷？", "Remove this answer file?";
    DataProfiles => "本机使用者（共用电脑）", "Users of this computer";
    DataProfilesHelp => "多位老师共用一台电脑时，每人使用自己的“使用者”，数据互不混在一起。", "When several teachers share a computer, each uses their own profile so that data does not mix.";
    DataDefaultProfile => "默认使用者", "Default user";
    DataCurrentProfile => "正在使用", "In use";
    DataSwitchProfile => "切换", "Switch";
    DataNewProfile => "新使用者姓名", "New user's name";
    DataAddProfile => "添加并切换", "Add and switch";
    DataRemoveTitle => "从本机删除数据", "Remove data from this computer";
    DataRemoveMine => "删除当前使用者的全部数据", "Remove all data of the current user";
    DataRemoveMineConfirm => "确定从本机删除当前使用者的全部数据？建议先导出备份。此操作不能撤销。", "Remove all data of the current user from this computer? Export a backup first. This cannot be undone.";
    DataRemoveAll => "清除本机全部数据", "Remove everything from this computer";
    DataRemoveAllConfirm => "确定清除本工具在本机保存的全部数据（所有使用者）？此操作不能撤销。", "Remove everything this tool stored on this computer, for every user? This cannot be undone.";
    NoticeDownloadBackup => "下载备份", "Download a backup";
    NoticeOpenData => "前往数据管理", "Go to Data";
    LedgerChooseEvaluation => "请先选择一次自评。", "Choose an evaluation first.";
    LedgerNoWeakPoints => "没有新的薄弱项：已评分的要点都高于所选等级，或已有对应的整改任务。",
        "No new weak points: every scored point is above the chosen level or already has a task.";
    LedgerOverdue => "逾期", "overdue";
    LedgerToday => "今天", "Today";
    Loading => "正在读取……", "Loading…";
    ReportPlanUnreadable => "自评方案无法读取，报告中未使用它。", "The self-evaluation plan cannot be read; the report does not use it.";
    ReportLedgerUnreadable => "工作台账无法读取，报告中未列出整改任务。", "The ledger cannot be read; the report lists no tasks.";
    ReportEarlierUnreadable => "上一次自评的答案无法读取，未做年度比较。", "The earlier evaluation's answers cannot be read, so there is no year-over-year comparison.";
    ReportEditsUnreadable => "报告的修改无法读取，显示的是自动起草的文字。", "The report edits cannot be read; the drafted text is shown.";
    ReportRespondentsUnreadable => "教职工答卷无法读取，报告中没有教职工统计。", "Teachers' answers cannot be read; the report has no staff statistics.";
    ReportStaffUnreadable => "全员自评的回收数据无法读取，报告中没有参与情况和教职工统计；请到“数据管理”查看。", "The whole-staff collection cannot be read; the report has no participation or staff statistics. See Data.";
    DocUnreadable => "这份数据无法读取（可能已损坏），已原样保留，不会被覆盖。请到“数据管理”下载原始数据，或从备份恢复。",
        "This data cannot be read (it may be damaged). It is kept untouched and will not be overwritten. Download the original under Data, or restore a backup.";
    PlanNeedsEvaluation => "这份方案的“评价内容”由自评框架生成：请先在“自评问卷”中新建自评，再选择它。",
        "This plan lists the framework's areas: start an evaluation first, then pick it here.";
    BannerUnreadable => "有数据无法读取，已原样保留、不会被覆盖。", "Some stored data cannot be read; it is kept untouched.";

    // Crash
    CrashTitle => "页面出错了", "Something went wrong";
    CrashBody => "很抱歉，程序遇到意外错误。已填写的内容都已自动保存在本机，请刷新页面继续。",
        "Sorry, the program hit an unexpected error. Everything you entered was saved on this computer; reload the page to continue.";
    CrashReload => "刷新页面", "Reload";

    // Each feature adds its keys under its own heading below, so that work on different features does not
    // touch the same lines.

    // Documents: plans and the ledger in Word and Markdown
    DocWord => "下载 Word（.docx）", "Download Word (.docx)";
    DocMarkdown => "下载 Markdown（.md）", "Download Markdown (.md)";
    DocHead => "文件头与落款", "Heading and signature of the document";
    DocHeadHelp => "以下各项都可留空。填写发文机关后，Word 文件按红头文件排版（发文机关、文号和红色分隔线）。",
        "Every field below may stay empty. With an issuing body, the Word file is laid out as an official letterhead document (issuing body, number and a red rule).";
    PlanIssuer => "发文机关（可选）", "Issuing body (optional)";
    PlanIssuerExample => "例如：贺兰县第一小学文件", "e.g. the school's name as on its letterhead";
    PlanDocNumber => "文号（可选）", "Document number (optional)";
    PlanSignatory => "落款（留空则为学校名称）", "Signed by (empty: the school's name)";
    PlanDate => "成文日期（留空则为导出当天）", "Date (empty: the day of the export)";
    DocAttachLedger => "附上工作台账（作为附件，横向 A4）", "Attach the work ledger (as an annex, landscape A4)";
    ReportPackageEvidence => "上报包附佐证材料清单（每个要点的文件名、大小和校验值，不含文件本身）", "Include the evidence list in the package (file names, sizes and checksums per point, not the files)";
    ReportAttachEvidence => "附上佐证材料目录（作为附件，横向 A4）", "Attach the evidence catalogue (as an annex, landscape A4)";
    ReportEvidenceUnreadable => "佐证材料记录无法读取，报告中没有佐证材料情况。", "The evidence record cannot be read; the report leaves out the evidence.";
    LedgerWord => "下载 Word（横向 A4 表格）", "Download Word (landscape A4 table)";
    LedgerMarkdown => "下载 Markdown 表格", "Download a Markdown table";

    // Frameworks: editor, spreadsheet import, sharing, versions
    UpgradeTitle => "评价框架有新版本", "A newer version of the framework";
    UpgradeUsing => "本次自评使用的版本：", "This evaluation uses version ";
    UpgradeLatest => "本工具带有的最新版本：", "Latest version in this tool: ";
    UpgradeHelp => "转到新版本时，答案按考查要点带到新版本（编号改变的也能对上）；不再适用的答案单独保留在问卷下方，不会删除。转换前建议先在“数据管理”导出备份。",
        "Moving to the new version carries each answer to its point in the new version (also where a point was renumbered); answers that no longer fit are kept apart below the questionnaire, never deleted. Export a backup (Data) first.";
    UpgradeKept => "原样带过去的答案", "Answers carried over";
    UpgradeReview => "要点有修改、请复核的答案", "Answers to check again (the point changed)";
    UpgradeSetAside => "单独保留的答案", "Answers kept apart";
    UpgradeAdded => "新增的考查要点", "New points";
    UpgradeRemoved => "删去的考查要点", "Points removed";
    UpgradeChanged => "有修改的考查要点", "Points that changed";
    UpgradeScale => "评分等级有变化。", "The rating scale changed.";
    UpgradeDo => "转到新版本", "Move to the new version";
    UpgradeConfirm => "确定把本次自评转到新版本？不再适用的答案会单独保留。", "Move this evaluation to the new version? Answers that no longer fit are kept apart.";
    UpgradeDone => "已转到新版本。请复核有修改的考查要点。", "Moved to the new version. Please check the points that changed.";
    UpgradeNotCarried => "分工中以下内容没有原样转入新版本，请到“全员自评”重新分工：", "These parts of the staff assignment were not carried to the new version as they were; please assign them again under Staff:";
    UpgradeNotCarriedTitle => "上次转换版本时没有原样转入的分工", "Assignment items not carried as they were at the last version move";
    UnreadableStaffMove => "本次自评的全员自评分工数据无法读取（已原样保留），为免丢失分工，暂不转换版本。请到“数据管理”下载原始数据或从备份恢复后再转换。", "This evaluation's staff assignment cannot be read (it is kept as stored); to avoid losing it, the evaluation is not moved. Download the original under Data or restore a backup, then move it.";
    StaffLoadingMove => "全员自评数据还在读取，请稍候再转换版本。", "The staff data is still being read; please move the evaluation again in a moment.";
    SetAsideTitle => "转换版本时单独保留的答案", "Answers kept apart when the framework version changed";
    SetAsideHelp => "这些答案不再适用于新版本的考查要点，保留在这里供查看和抄录。", "These answers no longer fit the new version's points; they are kept here to read and copy.";

    // Staff self-evaluation: 分工, 填报包, teacher mode, 回收
    StaffAssignTitle => "分工", "Assignment";
    StaffAssignHelp => "把方面、关键指标或考查要点分给各部门和教职工；一个考查要点可以分给多人。第一次打开时，分工从自评方案的领导小组和职责分工带入；以后每次修改分工，自评方案的“职责分工”一节随之更新。",
        "Give areas, indicators or points to departments and staff; a point may go to several people. The first time, the assignment is filled in from the plan's leading group and duties; after that, every change is written into the plan's duties section.";
    StaffFromPlan => "从自评方案带入部门和负责人", "Fill in departments and heads from the plan";
    StaffWriteToPlan => "把分工写入自评方案", "Write the assignment into the plan";
    StaffDepartment => "部门", "Department";
    StaffAddDepartment => "＋添加部门", "+ Add a department";
    StaffLead => "负责人", "Head";
    StaffAddPerson => "＋添加填报人", "+ Add a person";
    StaffAddAllStaff => "＋本部门全体教职工", "+ All staff of the department";
    StaffAllStaff => "全体教职工", "All staff";
    StaffSchoolLevel => "全校", "Whole school";
    StaffExpected => "应参与人数", "Expected respondents";
    StaffAnonymous => "匿名问卷（不记录姓名）", "Anonymous survey (no names recorded)";
    StaffItems => "负责的指标", "Assigned items";
    StaffSinglePoints => "单个考查要点", "Single points";
    StaffDepartmentExample => "教务处", "Academic Affairs Office";
    StaffOwnPoints => "此人的考查要点", "This person's points";
    StaffOwnPointsHelp => "默认负责本部门的全部指标；取消或勾选单个考查要点即为此人单独指定（同一要点可分给多人）。", "By default a person answers all of the department's items; untick or tick single points to give them points of their own (a point may go to several people).";
    StaffFollowsDepartment => "跟随部门", "follows the department";
    StaffWholeFramework => "全部考查要点", "all points";
    StaffOwnChosen => "单独指定", "chosen for this person";
    StaffFollowDepartment => "恢复为本部门全部指标", "Follow the department's items again";
    StaffClearPoints => "全部取消，再勾选", "Untick all, then tick";
    StaffUnassigned => "还没有分给任何人的考查要点", "Points not given to anyone";
    StaffDue => "截止日期", "Due date";
    StaffMessage => "给教职工的说明", "Instructions for staff";
    StaffPackages => "填报包", "Packages";
    StaffPackageEach => "为每位填报人分别导出填报包", "Export one package per assignee";
    StaffPackageAll => "导出一个给全体教职工的填报包", "Export one package for all staff";
    TeacherTitle => "教师填报", "Teacher mode";
    TeacherOpen => "打开填报包", "Open a package";
    TeacherWho => "我是", "I am";
    TeacherName => "我的姓名", "My name";
    TeacherRole => "职务或任教学科", "Post or subject";
    TeacherDue => "请在此日期前交回", "Please send back by";
    TeacherFinish => "完成并导出", "Finish and export";
    TeacherCopyCode => "复制答卷码", "Copy the answer code";
    TeacherCodeHelp => "答卷码可以直接粘贴到微信或QQ消息里发给校长；说明文字较多时会分成几段，请全部发送。",
        "Paste the answer code into a WeChat or QQ message to the principal; long notes split it into parts, send them all.";
    TeacherAgainHelp => "修改答案后可以再次导出，校长导入新的答卷会替换旧的，不会重复计算。",
        "You can change answers and export again: the new answers replace the earlier ones, never counted twice.";
    TeacherExportEvidence => "导出我的佐证材料", "Export my evidence";
    TeacherEvidenceHelp => "附加了佐证材料时，请把导出的佐证材料包（.zip）和答卷文件一起发给学校；答卷码不含文件。学校导入后，文件会归到分给您的考查要点下，并注明由您提交。",
        "If you attached evidence, send the exported evidence package (.zip) to the school with the answer file; the answer code carries no files. The school's import files them under the points given to you, marked as yours.";
    CollectTitle => "回收", "Collection";
    CollectImportFiles => "导入答卷文件和佐证材料包（可多选）", "Import answer files and evidence packages (several at once)";
    CollectPasteCodes => "粘贴答卷码", "Paste answer codes";
    CollectPasteHelp => "可以把聊天记录整段粘贴进来，其中的答卷码会被自动找出。",
        "Paste whole chat messages; the answer codes in them are found automatically.";
    CollectReturned => "已交", "Returned";
    CollectMissing => "未交", "Missing";
    CollectDisagree => "意见分歧", "Staff disagree";
    CollectDiffers => "与学校结论不同", "Differs from the school's conclusion";
    CollectAdopt => "采用部门意见", "Adopt the department's answer";
    CollectAdoptAll => "全部采用该部门意见", "Adopt all of the department's answers";
    CollectOverwrite => "覆盖学校已有结论", "Overwrite the school's existing conclusions";
    CollectExportCsv => "导出回收情况（CSV）", "Export the collection (CSV)";
    NavStaff => "全员自评", "Staff";
    StaffHelp => "把自评分给各部门和教职工：为每人导出填报包发给老师，老师填完交回答卷文件或答卷码，在这里导入汇总。",
        "Split the evaluation among departments and staff: export a package for each, collect their answer files or codes here.";
    StaffNeedEvaluation => "请先在“自评问卷”中开始或打开一次自评，再分工。", "Start or open an evaluation (Questionnaire) first.";
    StaffDepartmentName => "部门名称", "Department name";
    StaffPersonName => "姓名", "Name";
    StaffPersonRole => "职务", "Post";
    StaffRemove => "删除", "Remove";
    StaffExportOne => "导出填报包", "Export package";
    StaffProblems => "导出填报包前请处理：", "Fix before exporting packages:";
    StaffAllAssigned => "每个考查要点都已分给了填报人。", "Every point has been given to someone.";
    StaffPointsCount => "个考查要点", "points";
    StaffNoDepartments => "还没有部门。可以从自评方案带入，或直接添加。", "No departments yet: take them from the plan or add them.";
    CollectImportCodes => "导入答卷码", "Import the codes";
    CollectStatus => "交回情况", "Who has answered";
    CollectPoints => "各考查要点的教职工意见", "Staff views per point";
    CollectNoAnswers => "还没有收到答卷。", "No answers received yet.";
    CollectCount => "人数", "Answers";
    CollectMean => "平均", "Mean";
    CollectNotes => "说明", "Notes";
    CollectMissingList => "未交：", "Missing: ";
    CollectAllReturned => "分工中的填报人都已交回。", "Everyone assigned has answered.";
    CollectAdopted => "已采用部门意见的考查要点：", "Points adopted from the department: ";
    CollectSkipped => "未采用：", "Not adopted: ";
    CollectDropHere => "可以把答卷文件和教师的佐证材料包（.zip）拖到这里。", "Answer files and teachers' evidence packages (.zip) can be dropped here.";
    StaffAddSchoolStaff => "＋全校全体教职工（回答全部考查要点）", "+ All staff of the school (every point)";
    TeacherWorks => "继续填报", "Continue answering";
    TeacherOpenHelp => "学校发来的填报包（.json 文件）：打开后只显示分给您的考查要点，答案自动保存在本机。",
        "The package the school sent (.json): only your points are shown, answers are saved on this computer.";
    TeacherProgress => "已完成", "Done";
    TeacherChoose => "请选择您是谁", "Choose who you are";
    TeacherCode => "答卷码", "Answer code";
    TeacherExported => "答卷文件已导出，请发给学校；也可以复制下面的答卷码发送。", "The answer file was exported; send it to the school, or copy the answer code below.";
    TeacherCopied => "答卷码已复制。", "The answer code was copied.";
    TeacherRevision => "已导出次数", "Exports";
    TeacherBack => "返回填报包列表", "Back to the packages";

    // County review: 上报包, 县区汇总, 通报
    CountySchool => "学校", "School";
    CountyOverall => "总体达成度", "Overall achievement";
    CountyCompletion => "完成度", "Completion";
    CountyWeakPoints => "薄弱要点数", "Weak points";
    CountyPlan => "自评方案", "Self-evaluation plan";
    CountyOverdue => "逾期任务", "Overdue tasks";
    CountyExported => "导出时间", "Exported";
    CountyNotScored => "未评分", "Not scored";
    CountyPlanMade => "已制定", "Made";
    CountyPlanMissing => "未制定", "None";
    CountyNoGroup => "未加入集团", "Not in a group";
    NavCounty => "县区汇总", "County roll-up";
    CountyTitle => "县区汇总（教育局用）", "County roll-up (for the education bureau)";
    CountyHelp => "收集各校报送的上报包，汇总达成度，查看未报送的学校，起草复核通报。这里的数据与本机的学校自评数据分开保存，只在本机浏览器中，不会上传。",
        "Collect the schools' submission packages, add up their results, see who has not submitted and draft the review bulletin. This data is kept apart from the school self-evaluation data on this computer, in this browser only, never uploaded.";
    ReportExportPackage => "导出上报包", "Export the submission package";
    ReportExportPackageHelp => "上报包（.json）包含学校信息、本次自评的答案与得分、报告正文、自评方案和台账，用于报送县（区）教育局复核。可通过U盘、邮件或聊天工具发送。",
        "The submission package (.json) holds the school profile, this evaluation's answers and scores, the report text, the self-evaluation plan and the ledger, for the county bureau's review. Send it by USB stick, e-mail or chat.";
    CountyPackageUnreadable => "有数据无法读取（请到“数据管理”查看），为免上报包不完整，未导出。",
        "Some data cannot be read (see Data); the package was not exported so that it is not incomplete.";
    CountyImport => "导入上报包", "Import submission packages";
    CountyImportHelp => "可一次选择多个上报包（.json），也可选择装有上报包的 .zip 文件。同一学校同一次自评重新报送的，新包替换旧包。",
        "Choose several packages (.json) at once, or a .zip holding packages. A package a school sends again for the same evaluation replaces the older one.";
    CountyImportResults => "导入结果", "Import results";
    CountyDropHere => "也可以把上报包（.json）、装有上报包的 .zip 或应报学校名单（.csv）拖到这里。",
        "Packages (.json), a .zip of packages or the list of expected schools (.csv) can also be dropped here.";
    CountyImporting => "正在导入并保存……", "Importing and saving…";
    CountyImportBusy => "上一次导入还没有完成，请稍候再导入。", "The previous import has not finished yet; wait a moment.";
    CountyDemo => "载入示例县区（培训演示）", "Load the sample county (for training)";
    CountyDemoHelp => "示例县区有12所学校的上报包（另有2所未报送），放在单独的“示例县区”档案中，不影响本机其他数据。",
        "The sample county has packages of 12 schools (2 more have not submitted), in a separate profile “Sample county”; other data on this computer is not touched.";
    CountyPackages => "已收到的上报包", "Packages received";
    CountyNoPackages => "还没有导入上报包。", "No packages imported yet.";
    CountyRemove => "移除", "Remove";
    CountyClear => "清空全部上报包", "Remove all packages";
    CountyClearConfirm => "确定移除全部已收到的上报包？应报学校名单和通报的修改会保留。",
        "Remove every package received? The expected list and the bulletin edits stay.";
    CountyGroupLabel => "评价框架与学年", "Framework and school year";
    CountyExpected => "应报学校名单", "Expected schools";
    CountyExpectedHelp => "每行一个学校名称；也可导入从 Excel 或 WPS 导出的名单（CSV，GBK 或 UTF-8），表头、序号列会自动跳过。",
        "One school name a line; or import a list exported from Excel or WPS (CSV, GBK or UTF-8); header rows and number columns are skipped.";
    CountyExpectedCsv => "导入名单（CSV）", "Import the list (CSV)";
    CountyMissing => "未报送的学校", "Schools that have not submitted";
    CountyUnexpected => "不在名单上的学校", "Schools not on the list";
    CountyAllIn => "名单上的学校都已报送。", "Every school on the list has submitted.";
    CountyNoList => "填写应报学校名单后，这里显示未报送的学校。", "Enter the expected schools to see who has not submitted.";
    CountyTable => "各校达成度汇总", "Schools and areas";
    CountyFilterType => "学校类型", "School type";
    CountyFilterGroup => "集团", "School group";
    CountyAll => "全部", "All";
    CountySortHint => "点击列标题排序。", "Click a column title to sort.";
    CountyWithoutPlan => "没有自评方案的学校", "Schools without a self-evaluation plan";
    CountyNotStarted => "未开展自评的学校（上报包中没有答案）", "Schools that have not started (no answers in the package)";
    CountyWithOverdue => "有逾期任务的学校", "Schools with overdue tasks";
    CountyNone => "无", "None";
    CountyWeakest => "薄弱要点（薄弱学校数）", "Weak points (schools for which they are weak)";
    CountyAreaMeans => "各方面平均达成度", "Mean achievement per area";
    CountyOpenSchool => "查看报告", "Open the report";
    CountyDrillTitle => "学校自评报告（只读）", "School report (read-only)";
    CountyClose => "关闭", "Close";
    CountyPreview => "预览与打印通报", "Preview and print the bulletin";
    CountyPreviewTitle => "通报（打印预览）", "Bulletin (print preview)";
    CountyLevelChart => "各等级学校数", "Schools per level";
    CountyAreaSchools => "各校某一方面的达成度", "One area across the schools";
    CountyAreaChanges => "各方面平均达成度变化（百分点，与上一年相比）", "Change of each area's mean (percentage points, against last year)";
    CountyImproved => "进步最大的学校（总体达成度变化，百分点）", "Most improved schools (overall change, percentage points)";
    CountySchoolChanges => "全部学校的变化", "Change of every school";
    CountyMoreWeak => "其余较弱的考查要点", "The other weak points";
    CountyProfileName => "县区汇总（教育局）", "County review (bureau)";
    CountyMixedProfile => "当前档案里有学校自己的自评数据。县区汇总宜在教育局自己的档案中进行，上报包和通报就不会与学校的数据放在一起（两个档案互不影响，可在“数据管理”中切换）。", "This profile holds a school's own evaluation data. Do the county review in the bureau's own profile so that packages and the bulletin are kept apart from the school's data (the two profiles do not touch each other; switch under Data).";
    CountyMakeProfile => "新建教育局档案并切换", "Make a bureau profile and switch to it";
    CountySwitchProfile => "切换到教育局档案", "Switch to the bureau profile";
    CountyBulletin => "复核通报（草稿）", "Review bulletin (draft)";
    CountyBulletinHelp => "草稿根据上报包生成；修改后的段落会保存，重新导入上报包后也不会被覆盖。",
        "The draft is made from the packages; edited parts are saved and kept when packages are imported again.";
    CountyIssuer => "发文机关", "Issuing bureau";
    CountyDocNumber => "文号", "Document number";
    CountyWord => "下载通报（Word）", "Download the bulletin (Word)";
    CountyMarkdown => "下载通报（Markdown）", "Download the bulletin (Markdown)";
    CountyCsv => "下载汇总表（CSV）", "Download the summary table (CSV)";

    // Evidence: 佐证材料
    EvidenceTitle => "佐证材料", "Evidence";
    EvidenceAttach => "添加文件", "Attach files";
    EvidenceDropHere => "把文件拖到这里，或点击选择（可一次选多个）。文件只保存在本机浏览器中，不会上传。",
        "Drop files here or click to choose (several at once). Files are kept in this browser only, never uploaded.";
    EvidenceChecklist => "佐证材料清单", "Evidence checklist";
    EvidenceMarkPresent => "已有（纸质材料）", "Present (on paper)";
    EvidenceLinkTo => "对应清单中的", "Evidences the listed item";
    EvidenceUnlinked => "未对应清单项", "Not linked to a listed item";
    EvidenceNoFiles => "还没有添加文件。", "No files attached yet.";
    EvidenceNextMissing => "下一个没有佐证材料的要点", "Next point without evidence";
    EvidenceAllHave => "每个要点都有佐证材料。", "Every point has evidence.";
    EvidencePreview => "预览", "Preview";
    EvidenceDownload => "下载", "Download";
    EvidenceRemoveConfirm => "确定移除这个文件？同一文件如果还添加在其他要点下，不受影响。",
        "Remove this file? If the same file is attached to other points too, those stay.";
    EvidenceShrinkOffer => "这张照片较大，可以压缩后保存（长边 2560 像素，打印和投影都足够清晰）。默认保存原图。",
        "This photo is large; it can be shrunk before saving (longer edge 2560 pixels, sharp enough for print and projector). By default the original is kept.";
    EvidenceKeepOriginal => "保存原图", "Keep the original";
    EvidenceShrink => "压缩后保存", "Shrink and save";
    EvidenceUsage => "佐证材料占用空间", "Space used by evidence";
    EvidenceUsageTotal => "全部自评合计", "All evaluations";
    EvidenceExportPack => "导出佐证材料包（.zip）", "Export the evidence package (.zip)";
    EvidenceExportCatalogue => "导出佐证材料目录（CSV）", "Export the evidence catalogue (CSV)";
    EvidenceExportCatalogueWord => "导出佐证材料目录（Word）", "Export the evidence catalogue (Word)";
    EvidenceKeepOriginals => "保留原图并添加", "Add the originals";
    EvidenceShrinkPhotos => "压缩照片", "Shrink the photos";
    EvidenceShrinkCancel => "取消", "Cancel";
    EvidenceShrinking => "正在压缩照片……", "Shrinking the photos…";
    EvidencePackHelp => "压缩包按“方面/关键指标/考查要点”分文件夹，文件按“编号-标题-序号”重新命名，并附佐证材料目录，可直接交给县里复核。",
        "The archive has one folder per area, indicator and point, files renamed as number-title-sequence, and the evidence catalogue; it can be handed in for the county review as it is.";
    EvidenceImportPack => "导入佐证材料包", "Import an evidence package";
    EvidenceImportHelp => "佐证材料包也是佐证材料的备份。在新电脑上先导入备份文件（.json），再打开对应的自评，导入佐证材料包（.zip）。",
        "The evidence package is also the backup of the evidence. On a new computer, import the backup file (.json) first, then open the evaluation and import its evidence package (.zip).";
    EvidenceCheckStored => "检查已保存的文件", "Check the stored files";
    EvidenceRemoveWithdrawn => "移除该教师已撤回的文件", "Remove the files this teacher withdrew";
    EvidenceRemove => "移除", "Remove";
    EvidenceClosePreview => "关闭预览", "Close the preview";
    EvidenceSaved => "文件已保存在本机浏览器中。", "The files are saved in this browser.";
    EvidenceReading => "正在读取文件……", "Reading the files…";
    EvidenceExported => "佐证材料包已导出。", "The evidence package has been exported.";
    EvidenceStorageUnavailable => "这个浏览器不能保存文件（可能处于无痕模式或禁止了网站存储），佐证材料没有保存。请换用普通窗口。",
        "This browser cannot store files (private mode, or site storage blocked); nothing was saved. Use a normal window.";
    EvidenceNoneYet => "还没有佐证材料可导出。", "There is no evidence to export yet.";

    // Framework editor (#/frameworks)
    NavFrameworks => "评价框架", "Frameworks";
    FwTitle => "评价框架：编辑与共享", "Frameworks: edit and share";
    FwIntro => "复制内置框架或新建空白框架，按本地细则修改方面、关键指标和考查要点，保存为新版本；导出框架文件发给各校，或导入上级发来的文件。已开始的自评继续使用它开始时的版本。",
        "Copy a built-in framework or start empty, edit areas, indicators and points to match local rules, and save a new version; export the framework file for schools, or import one sent to you. Evaluations already started keep the version they began on.";
    FwManage => "管理评价框架（复制、编辑、导入）", "Manage frameworks (copy, edit, import)";
    FwBuiltIn => "内置框架", "Built-in frameworks";
    FwOwn => "本机的框架", "Frameworks on this computer";
    FwOwnNone => "还没有自建或导入的框架。", "No framework made or imported here yet.";
    FwCopy => "复制为新框架", "Copy as a new framework";
    FwBlank => "新建空白框架", "Start an empty framework";
    FwEditNext => "编辑为新版本", "Edit as a new version";
    FwExportFile => "导出框架文件", "Export the framework file";
    FwRemoveVersion => "删除这个版本", "Delete this version";
    FwVersions => "已保存的版本", "Saved versions";
    FwInUse => "使用中的自评", "Evaluations using it";
    FwCopyOf => "（副本）", " (copy)";
    FwNewTitle => "新的评价框架", "New framework";
    FwEditor => "编辑框架", "Edit the framework";
    FwDetails => "框架信息", "Framework details";
    FwId => "框架编号（字母、数字、点、横线）", "Framework id (letters, digits, dots, hyphens)";
    FwVersion => "版本号", "Version";
    FwName => "名称", "Title";
    FwIssuer => "发布机关", "Issuer";
    FwDocument => "依据文件", "Source document";
    FwYear => "年份", "Year";
    FwDescription => "说明", "Description";
    FwSchoolTypes => "适用学校类型", "School types";
    FwScale => "评分等级", "Rating scale";
    FwLevelLabel => "等级名称", "Level label";
    FwLevelScore => "分值", "Score";
    FwAddLevel => "添加等级", "Add a level";
    FwRemoveLevel => "删除等级", "Remove the level";
    FwTree => "方面、关键指标与考查要点", "Areas, indicators and points";
    FwTreeHelp => "选中一项后在右侧修改；用“上移”“下移”调整顺序。", "Select an item to edit it; use Up and Down to reorder.";
    FwArea => "方面", "Area";
    FwIndicator => "关键指标", "Indicator";
    FwPoint => "考查要点", "Point";
    FwAddArea => "添加方面", "Add an area";
    FwAddIndicator => "添加关键指标", "Add an indicator";
    FwAddPoint => "添加考查要点", "Add a point";
    FwUp => "上移", "Up";
    FwDown => "下移", "Down";
    FwUntitled => "（未填写）", "(empty)";
    FwSelectItem => "请在左侧选择一个方面、关键指标或考查要点。", "Select an area, indicator or point on the left.";
    FwItemTitle => "名称", "Title";
    FwPointText => "要点内容", "Point text";
    FwKind => "类型", "Kind";
    FwKindLevel => "等级评定", "Rated on the scale";
    FwKindYesNo => "是/否", "Yes/no";
    FwKindNumber => "数值", "Number";
    FwKindText => "文字说明（不计分）", "Text (not scored)";
    FwUnit => "单位", "Unit";
    FwDirection => "方向", "Direction";
    FwHigher => "越高越好（≥ 目标）", "Higher is better (at least the target)";
    FwLower => "越低越好（≤ 目标）", "Lower is better (at most the target)";
    FwTarget => "目标值（可不填）", "Target (optional)";
    FwWeight => "权重", "Weight";
    FwGuidance => "自查要点", "How to judge";
    FwEvidence => "佐证材料（每行一项）", "Suggested evidence (one per line)";
    FwSourceDoc => "来源文件", "Source document";
    FwSourceSection => "条目（如 关键指标 3）", "Section (e.g. key indicator 3)";
    FwConfirmed => "已与原文核对", "Checked against the original text";
    FwSourceNote => "依据说明（未核对时必填）", "Note on the basis (required when not checked)";
    FwNumberInvalid => "请填写数字，例如 1 或 0.5；没有改动。", "Enter a number such as 1 or 0.5; nothing was changed.";
    FwProblemsTitle => "还需修改的地方", "What still needs fixing";
    FwNoProblems => "没有发现问题，可以保存。", "No problems found; ready to save.";
    FwSave => "保存为新版本", "Save as a new version";
    FwCloseEditor => "放弃编辑", "Discard the edits";
    FwCloseConfirm => "放弃尚未保存的修改？", "Discard the unsaved edits?";
    FwImport => "导入框架文件", "Import a framework file";
    FwImportHelp => "选择或拖入上级发来的“….框架.json”文件；保存前先预览。", "Pick or drop a framework file (.json); you see a preview before anything is saved.";
    FwImportPick => "选择框架文件", "Choose a framework file";
    FwPreview => "导入预览", "Import preview";
    FwImportSave => "保存到本机", "Save on this computer";
    FwAddedNew => "这是本机还没有的框架。", "This framework is new on this computer.";
    FwAddedNewer => "这是本机已有框架的新版本；已开始的自评仍使用原版本，可在问卷页转到新版本。", "This is a newer version of a framework here; evaluations already started keep their version and can be moved on the questionnaire page.";
    FwAddedOlder => "这是比本机已有版本更早的版本，也会保存（可能有自评使用它）。", "This is an older version than the one here; it is kept too (an evaluation may use it).";
    FwSheetTitle => "从 Excel / WPS 表格导入", "Import an Excel / WPS table";
    FwSheetHelp => "表格按“方面 | 关键指标 | 考查要点 | 类型 | 目标 | 自查要点 | 佐证材料 | 来源”排列（可合并单元格），支持 .xlsx 和 .csv（GBK 或 UTF-8）。保存前先预览；有问题时会指出工作表、行和列。",
        "Columns as in the blank template (area, indicator, point, kind, target, guidance, evidence, source; merged cells are fine), as .xlsx or .csv (GBK or UTF-8). You see a preview before saving; problems name the sheet, row and column.";
    FwSheetPick => "选择表格文件（.xlsx / .csv）", "Choose a table (.xlsx / .csv)";
    FwSheetOfficial => "表中文字就是所引文件的原文（已核对）", "The rows are the cited document's own wording (checked)";
    FwSheetBusy => "正在读取表格……", "Reading the table…";
    FwSheetErrors => "表格中有以下问题，没有保存任何内容：", "The table has these problems; nothing was saved:";
    FwSheetTemplate => "下载空白表格模板（.xlsx）", "Download the blank table (.xlsx)";
    FwExportSheet => "导出为表格（.xlsx）", "Export as a table (.xlsx)";
    FwSheetFrom => "读自工作表：", "Read from sheet: ";
    FwAddedSame => "本机已有完全相同的这个版本，无需再保存。", "This exact version is already here; nothing to save.";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
    }

    #[test]
    fn parameterised_messages_speak_the_language_asked_for() {
        use crate::collection::Adoption;
        let msgs = [
            Msg::DepartmentsFromPlan(0),
            Msg::DepartmentsFromPlan(3),
            Msg::AssignmentWrittenToPlan,
            Msg::Adopted(Adoption::default()),
            Msg::EvidenceCount {
                present: 2,
                listed: 3,
                files: 1,
            },
            Msg::SentBy(crate::evidence::AddedBy::Principal),
            Msg::EvidenceReadFailed("photo.jpg".into()),
            Msg::WithdrawnFiles(vec!["A1.1.1 photo.jpg".into()]),
            Msg::SpreadsheetFailed("TypeError".into()),
            Msg::SpreadsheetTimeout,
            Msg::PackageExported("package.json".into()),
            Msg::NotSavedStorageFull("school-2.json".into()),
            Msg::CountyRate {
                expected: 4,
                submitted: 3,
                rate: "75%".into(),
                missing: 1,
            },
            Msg::EvidenceImported {
                plan: crate::evidence::merge::MergePlan::default(),
                damaged: vec![],
            },
            Msg::EvaluationCount(2),
            Msg::EvidenceUsage {
                here: "1.2 MB".into(),
                total: "3.4 MB".into(),
            },
            Msg::AdoptDepartment("Office".into()),
            Msg::PackagesImported {
                taken: 3,
                refused: 0,
            },
            Msg::PackagesImported {
                taken: 3,
                refused: 2,
            },
        ];
        let zip = [
            ZipProblem::NotZip,
            ZipProblem::Truncated,
            ZipProblem::Unsupported,
            ZipProblem::EntryTooLarge {
                name: "a.json".into(),
                limit: "10.0 MB".into(),
            },
            ZipProblem::TooLarge {
                total: "256 MB".into(),
            },
            ZipProblem::Method(14),
            ZipProblem::Encrypted,
            ZipProblem::Damaged,
            ZipProblem::Empty,
        ];
        let msgs: Vec<Msg> = msgs
            .into_iter()
            .chain(zip.into_iter().map(|problem| Msg::ZipFile {
                file: "packages.zip".into(),
                problem,
            }))
            .collect();
        for m in &msgs {
            let (zh, en) = (m.text(Lang::Zh), m.text(Lang::En));
            assert!(has_cjk(&zh), "{m:?}: {zh}");
            assert!(!has_cjk(&en), "{m:?}: Chinese left in English text: {en}");
        }
        assert_eq!(
            Msg::PackagesImported {
                taken: 3,
                refused: 2
            }
            .zh(),
            "已导入并保存 3 份上报包；2 个文件未导入，原因见“导入结果”。"
        );
        assert_eq!(
            Msg::EvidenceCount {
                present: 1,
                listed: 2,
                files: 1
            }
            .text(Lang::En),
            "1/2 items · 1 file"
        );
    }

    #[test]
    fn every_key_has_both_languages_and_english_has_no_chinese() {
        for k in K::ALL {
            let zh = k.text(Lang::Zh);
            let en = k.text(Lang::En);
            assert!(!zh.trim().is_empty(), "{k:?} has no Chinese");
            assert!(!en.trim().is_empty(), "{k:?} has no English");
            // The language switch names the other language on purpose.
            if *k != K::LangSwitch {
                assert!(!has_cjk(en), "{k:?}: Chinese left in English text: {en}");
            }
        }
    }

    #[test]
    fn report_sections_and_school_years_have_both_languages() {
        use crate::evaluation::SchoolYear;
        use crate::report::{section_heading, section_title, SECTION_KEYS};
        let mut english = std::collections::BTreeSet::new();
        for key in SECTION_KEYS {
            assert_eq!(section_title(key, Lang::Zh), section_heading(key));
            let en = section_title(key, Lang::En);
            assert!(!has_cjk(en), "{key}: {en}");
            english.insert(en);
        }
        assert_eq!(
            english.len(),
            SECTION_KEYS.len(),
            "each section has its own English name"
        );
        assert_eq!(SchoolYear(2025).text(Lang::Zh), "2025—2026学年");
        assert_eq!(SchoolYear(2025).text(Lang::En), "2025–2026 school year");
    }
}
