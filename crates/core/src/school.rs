//! Schools and their profiles.

use super::framework::SchoolType;
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};

/// A school's place in a school group (集团 / 共同体).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    /// Not in a group.
    #[default]
    None,
    /// 核心校
    Core,
    /// 成员校
    Member,
}

impl GroupRole {
    /// Every role, in the order the UI lists them.
    pub const ALL: [GroupRole; 3] = [GroupRole::None, GroupRole::Core, GroupRole::Member];

    /// Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            GroupRole::None => "未加入集团",
            GroupRole::Core => "核心校",
            GroupRole::Member => "成员校",
        }
    }

    /// English name.
    pub fn en(self) -> &'static str {
        match self {
            GroupRole::None => "Not in a group",
            GroupRole::Core => "Core school",
            GroupRole::Member => "Member school",
        }
    }

    /// Stable code used in forms.
    pub fn code(self) -> &'static str {
        match self {
            GroupRole::None => "none",
            GroupRole::Core => "core",
            GroupRole::Member => "member",
        }
    }

    /// Parses [`GroupRole::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A school's profile (学校基本信息).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct School {
    /// Stable id.
    pub id: String,
    /// 学校名称
    pub name: String,
    /// 学校类型
    pub school_type: SchoolType,
    /// 所在县（区）
    #[serde(default)]
    pub county: String,
    /// 校长
    #[serde(default)]
    pub principal: String,
    /// 学生数
    #[serde(default)]
    pub students: Option<u32>,
    /// 班级数
    #[serde(default)]
    pub classes: Option<u32>,
    /// 教师数
    #[serde(default)]
    pub teachers: Option<u32>,
    /// 核心校 / 成员校
    #[serde(default)]
    pub group_role: GroupRole,
    /// 所在集团 / 共同体名称
    #[serde(default)]
    pub group_name: String,
    /// Sample data loaded for a workshop; never mixed with real schools.
    #[serde(default)]
    pub demo: bool,
}

impl School {
    /// A new, empty profile of the given type.
    pub fn new(id: impl Into<String>, name: impl Into<String>, school_type: SchoolType) -> Self {
        School {
            id: id.into(),
            name: name.into(),
            school_type,
            county: String::new(),
            principal: String::new(),
            students: None,
            classes: None,
            teachers: None,
            group_role: GroupRole::None,
            group_name: String::new(),
            demo: false,
        }
    }

    /// Problems that stop the profile from being saved.
    pub fn problems(&self) -> Vec<SchoolProblem> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(SchoolProblem::NoName);
        }
        if self.group_role != GroupRole::None && self.group_name.trim().is_empty() {
            out.push(SchoolProblem::NoGroupName);
        }
        out
    }
}

/// Why a school profile cannot be saved yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchoolProblem {
    /// The name is blank.
    NoName,
    /// The school is in a group whose name is blank.
    NoGroupName,
}

impl Localized for SchoolProblem {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (SchoolProblem::NoName, Lang::Zh) => "请填写学校名称",
            (SchoolProblem::NoName, Lang::En) => "Enter the school's name",
            (SchoolProblem::NoGroupName, Lang::Zh) => "请填写所在集团（共同体）名称",
            (SchoolProblem::NoGroupName, Lang::En) => "Enter the name of the school group",
        }
        .to_string()
    }
}

/// A count that is not a whole number of at least 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACount;

impl Localized for NotACount {
    fn text(&self, lang: Lang) -> String {
        lang.pick("请填写不小于 0 的整数", "Enter a whole number, 0 or more")
            .to_string()
    }
}

impl SchoolType {
    /// Stable code used in forms and templates.
    pub fn code(self) -> &'static str {
        match self {
            SchoolType::Primary => "primary",
            SchoolType::Junior => "junior",
            SchoolType::NineYear => "nine_year",
            SchoolType::Complete => "complete",
            SchoolType::Senior => "senior",
            SchoolType::Kindergarten => "kindergarten",
        }
    }

    /// Parses [`SchoolType::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Parses a count typed by a user: blank means unknown; anything else must be a whole number.
pub fn parse_count(text: &str) -> Result<Option<u32>, NotACount> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>().map(Some).map_err(|_| NotACount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for t in SchoolType::ALL {
            assert_eq!(SchoolType::from_code(t.code()), Some(t));
        }
        for r in GroupRole::ALL {
            assert_eq!(GroupRole::from_code(r.code()), Some(r));
        }
        assert_eq!(SchoolType::from_code("university"), None);
    }

    #[test]
    fn counts_accept_blank_and_whole_numbers_only() {
        assert_eq!(parse_count("  "), Ok(None));
        assert_eq!(parse_count(" 1200 "), Ok(Some(1200)));
        assert!(parse_count("-3").is_err());
        assert!(parse_count("12.5").is_err());
        assert!(parse_count("十二").is_err());
    }

    #[test]
    fn a_school_needs_a_name_and_a_group_name_when_grouped() {
        let mut s = School::new("s1", " ", SchoolType::Primary);
        assert_eq!(s.problems(), vec![SchoolProblem::NoName]);
        assert_eq!(SchoolProblem::NoName.zh(), "请填写学校名称");
        s.name = "贺兰县示例小学".into();
        s.group_role = GroupRole::Member;
        assert_eq!(s.problems(), vec![SchoolProblem::NoGroupName]);
        assert_eq!(
            SchoolProblem::NoGroupName.text(Lang::En),
            "Enter the name of the school group"
        );
        s.group_name = "第一教育集团".into();
        assert!(s.problems().is_empty());
    }
}
