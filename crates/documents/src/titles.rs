//! The one table of fixed titles in the documents: annex titles and table column headers. Every builder takes
//! them from here and the writers only render what they are given, so Word, Markdown and HTML cannot spell a
//! heading differently. The report's section headings (一、基本情况 …) are the core's
//! [`xzzp_core::report::section_heading`].
//!
//! These are the texts of the filed documents, which are Chinese whatever the interface language.

/// Annex: the areas' 达成度 chart.
pub const ANNEX_ACHIEVEMENT: &str = "各方面达成度";
/// What the 附件说明 after the body starts with (GB/T 9704: 「附件：」 then the numbered titles).
pub const ANNEX_NOTE_LEAD: &str = "附件：";
/// Annex: the score sheet.
pub const ANNEX_SCORE_SHEET: &str = "自评得分表";
/// Annex: the staff's participation in a whole-staff self-evaluation.
pub const ANNEX_PARTICIPATION: &str = "教职工参与自评情况";
/// Annex: the comparison with the earlier evaluation.
pub const ANNEX_COMPARISON: &str = "与上次自评比较（增值）";
/// Annex: how much evidence there is per area.
pub const ANNEX_EVIDENCE: &str = "佐证材料情况";
/// Annex: the evidence files a 上报包 names.
pub const ANNEX_EVIDENCE_FILES: &str = "佐证材料文件清单";
/// Annex: the work ledger.
pub const ANNEX_LEDGER: &str = "工作台账";

/// The chart's columns: label, value and (in formats without graphics) the text bar.
pub const CHART: [&str; 3] = ["方面", "达成度", "图示"];

/// Score sheet columns: 编号, 考查要点, 自评结果, 佐证说明, and the staff column when there are respondents.
pub const SCORE_SHEET: [&str; 5] = ["编号", "考查要点", "自评结果", "佐证说明", "教职工填报"];

/// Participation columns: department, answers due, answers returned, rate, who or how many are missing.
pub const PARTICIPATION: [&str; 5] = ["部门", "应交（份）", "收回（份）", "回收率", "未交"];

/// Evidence summary columns.
pub const EVIDENCE: [&str; 4] = ["方面", "有材料的要点", "清单材料已有", "文件（个）"];

/// Evidence file list columns.
pub const EVIDENCE_FILES: [&str; 3] = ["文件名", "大小", "SHA-256 校验值"];

/// Comparison columns.
pub const COMPARISON: [&str; 4] = [
    "方面／关键指标",
    "上次达成度",
    "本次达成度",
    "变化（百分点）",
];

/// Ledger columns.
pub const LEDGER: [&str; 8] = [
    "序号",
    "任务",
    "关联要点",
    "责任人",
    "责任部门",
    "时限",
    "状态",
    "进展",
];

/// Plan tables: a 领导小组 (people).
pub const PEOPLE: [&str; 3] = ["职务", "姓名", "职务或分工"];
/// Plan tables: 实施步骤 (phases).
pub const PHASES: [&str; 3] = ["阶段", "时间", "工作内容"];
/// Plan tables: 主要目标 (goals).
pub const GOALS: [&str; 3] = ["指标", "目标", "依据"];
/// Plan tables: 活动安排 (activities).
pub const ACTIVITIES: [&str; 4] = ["时间", "活动内容", "负责", "参加人员"];
/// Plan tables: a school group.
pub const GROUP: [&str; 2] = ["项目", "内容"];
/// Rows of the school group table.
pub const GROUP_ROWS: [&str; 3] = ["集团（共同体）", "核心校", "成员校"];
