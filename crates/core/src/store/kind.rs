//! The kinds of stored documents: which key each lives under, in which tier of storage, what it belongs to,
//! and therefore what goes with it when its owner is removed.

use crate::persist::{ProfileKeys, Workspace, META_KEY, PREFIX};

/// Where a kind of document is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// localStorage: small documents, read synchronously at start (about 5 MB per site).
    Local,
    /// IndexedDB: documents that grow with the number of people or schools (hundreds of MB).
    Large,
}

/// A kind of stored document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Settings of this browser, shared by every profile (one document).
    Meta,
    /// One profile's schools, evaluation and plan headers (one document per profile).
    Workspace,
    /// What this profile had open last: school, evaluation, plan (one document per profile).
    Session,
    /// The principal's answers of one evaluation.
    Answers,
    /// The edited report texts of one evaluation.
    Report,
    /// Teachers' answer files merged into one evaluation.
    Respondents,
    /// One plan document.
    Plan,
    /// The ledger of one school.
    Ledger,
    /// The whole-staff part of one evaluation: 分工, packages issued, answers received.
    Staff,
    /// A teacher's work on one package (on the teacher's computer).
    Teacher,
    /// The county bureau's roll-up (县区汇总): the 上报包 received (id `packages`) and the bureau's own texts,
    /// expected schools and 通报 edits (id `desk`); never mixed with a school's documents.
    County,
    /// The evidence (佐证材料) metadata of one evaluation; the bytes are blobs kept apart by content hash.
    Evidence,
    /// The frameworks this profile made or imported, every version kept (always id `custom`; see
    /// [`crate::framework_versions::FrameworkStore`]).
    Frameworks,
}

/// What a document belongs to; removing the owner removes the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The browser (the settings).
    Browser,
    /// The profile itself.
    Profile,
    /// An evaluation, by id.
    Evaluation,
    /// A plan, by id.
    Plan,
    /// A school, by id.
    School,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 13] = [
        Kind::Meta,
        Kind::Workspace,
        Kind::Session,
        Kind::Answers,
        Kind::Report,
        Kind::Respondents,
        Kind::Plan,
        Kind::Ledger,
        Kind::Staff,
        Kind::Teacher,
        Kind::County,
        Kind::Evidence,
        Kind::Frameworks,
    ];

    /// The word in the key, e.g. `answers` in `xzzp.p.default.answers.<id>`.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Meta => "meta",
            Kind::Workspace => "workspace",
            Kind::Session => "session",
            Kind::Answers => "answers",
            Kind::Report => "report",
            Kind::Respondents => "respondents",
            Kind::Plan => "plan",
            Kind::Ledger => "ledger",
            Kind::Staff => "staff",
            Kind::Teacher => "teacher",
            Kind::County => "county",
            Kind::Evidence => "evidence",
            Kind::Frameworks => "frameworks",
        }
    }

    /// Where documents of this kind are kept.
    pub fn tier(self) -> Tier {
        match self {
            // Both grow with the number of teachers.
            Kind::Respondents | Kind::Staff => Tier::Large,
            // Hundreds of packages of some 45 KB each: far beyond localStorage.
            Kind::County => Tier::Large,
            // Grows with the number of files attached.
            Kind::Evidence => Tier::Large,
            _ => Tier::Local,
        }
    }

    /// What documents of this kind belong to.
    pub fn owner(self) -> Owner {
        match self {
            Kind::Meta => Owner::Browser,
            Kind::Workspace | Kind::Session | Kind::Teacher | Kind::County | Kind::Frameworks => {
                Owner::Profile
            }
            Kind::Answers | Kind::Report | Kind::Respondents | Kind::Staff | Kind::Evidence => {
                Owner::Evaluation
            }
            Kind::Plan => Owner::Plan,
            Kind::Ledger => Owner::School,
        }
    }

    /// The key of a document of this kind (`id` is ignored for one-per-profile kinds and for Meta).
    pub fn key(self, keys: &ProfileKeys, id: &str) -> String {
        match self {
            Kind::Meta => META_KEY.to_string(),
            Kind::Workspace => keys.workspace(),
            Kind::Session => keys.session(),
            Kind::Answers => keys.answers(id),
            Kind::Report => keys.report(id),
            Kind::Respondents => keys.respondents(id),
            Kind::Plan => keys.plan(id),
            Kind::Ledger => keys.ledger(id),
            Kind::Staff => keys.staff(id),
            Kind::Teacher => keys.teacher(id),
            Kind::County => keys.county(id),
            Kind::Evidence => keys.evidence(id),
            Kind::Frameworks => keys.frameworks(id),
        }
    }

    /// What the user is told a key holds (Chinese, English).
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Kind::Meta => ("本机设置", "Settings of this computer"),
            Kind::Workspace => ("学校与自评清单", "List of schools and evaluations"),
            Kind::Session => ("上次打开的位置", "What was open last"),
            Kind::Answers => ("一次自评的答案", "Answers of an evaluation"),
            Kind::Report => ("报告的修改", "Report edits"),
            Kind::Respondents => ("教职工答卷", "Teachers' answers"),
            Kind::Plan => ("一份方案", "A plan document"),
            Kind::Ledger => ("工作台账", "Work ledger"),
            Kind::Staff => (
                "全员自评的分工与回收的答卷",
                "Staff assignment and collected answers",
            ),
            Kind::Teacher => ("教师填报的答卷", "A teacher's answers to a package"),
            Kind::County => (
                "县区汇总：收到的上报包与通报",
                "County roll-up: packages received and the bulletin",
            ),
            Kind::Evidence => (
                "佐证材料清单与文件记录",
                "Evidence checklist and file records",
            ),
            Kind::Frameworks => ("自建与导入的评价框架", "Frameworks made or imported here"),
        }
    }

    fn from_word(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.word() == word)
    }
}

/// A key taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedKey {
    /// The profile, or `None` for the browser-wide settings.
    pub profile: Option<String>,
    /// The kind of document.
    pub kind: Kind,
    /// The id of the document (empty for one-per-profile kinds).
    pub id: String,
}

/// Takes a key of this app apart; `None` for keys this version does not know.
pub fn parse_key(key: &str) -> Option<ParsedKey> {
    if key == META_KEY {
        return Some(ParsedKey {
            profile: None,
            kind: Kind::Meta,
            id: String::new(),
        });
    }
    let rest = key.strip_prefix(PREFIX)?.strip_prefix("p.")?;
    // Profile ids never contain dots (they are generated or "default"/"demo"); document ids neither.
    let (profile, rest) = rest.split_once('.')?;
    let (word, id) = rest.split_once('.').unwrap_or((rest, ""));
    let kind = Kind::from_word(word)?;
    let one_per_profile = matches!(kind, Kind::Workspace | Kind::Session);
    if one_per_profile != id.is_empty() {
        return None;
    }
    Some(ParsedKey {
        profile: Some(profile.to_string()),
        kind,
        id: id.to_string(),
    })
}

/// What a key holds, in words for the user (Chinese, English).
pub fn describe_key(key: &str) -> (&'static str, &'static str) {
    parse_key(key).map_or(("其他数据", "Other data"), |p| p.kind.describe())
}

/// A document: kind and id.
pub type DocRef = (Kind, String);

/// The documents of one evaluation.
pub fn cascade_evaluation(evaluation_id: &str) -> Vec<DocRef> {
    [
        Kind::Answers,
        Kind::Report,
        Kind::Respondents,
        Kind::Staff,
        Kind::Evidence,
    ]
    .into_iter()
    .map(|k| (k, evaluation_id.to_string()))
    .collect()
}

/// The documents of one school: its evaluations', its plans and its ledger.
pub fn cascade_school(ws: &Workspace, school_id: &str) -> Vec<DocRef> {
    let mut out: Vec<DocRef> = ws
        .evaluations
        .iter()
        .filter(|e| e.school_id == school_id)
        .flat_map(|e| cascade_evaluation(&e.id))
        .collect();
    out.extend(
        ws.plans
            .iter()
            .filter(|p| p.school_id == school_id)
            .map(|p| (Kind::Plan, p.id.clone())),
    );
    out.push((Kind::Ledger, school_id.to_string()));
    out
}

/// Whether a document's owner still exists in the workspace (a document whose owner is gone is an orphan).
pub fn has_owner(ws: &Workspace, kind: Kind, id: &str) -> bool {
    match kind.owner() {
        Owner::Browser | Owner::Profile => true,
        Owner::Evaluation => ws.evaluation(id).is_some(),
        Owner::Plan => ws.plans.iter().any(|p| p.id == id),
        Owner::School => ws.school(id).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::{EvaluationHeader, SchoolYear, Term};
    use crate::framework::SchoolType;
    use crate::persist::PlanHeader;
    use crate::school::School;

    #[test]
    fn every_key_of_every_kind_parses_back_to_its_kind_and_id() {
        let k = ProfileKeys::new("teacher-1");
        for kind in Kind::ALL {
            let key = kind.key(&k, "e1");
            let p = parse_key(&key).unwrap();
            assert_eq!(p.kind, kind, "{key}");
            if kind == Kind::Meta {
                assert_eq!(p.profile, None);
            } else {
                assert_eq!(p.profile.as_deref(), Some("teacher-1"));
                assert!(key.starts_with(&k.prefix()));
            }
            let one = matches!(kind, Kind::Meta | Kind::Workspace | Kind::Session);
            assert_eq!(p.id, if one { "" } else { "e1" });
        }
        assert_eq!(parse_key("xzzp.p.x.nonsense.1"), None);
        assert_eq!(parse_key("other.key"), None);
        assert_eq!(parse_key("xzzp.p.x.answers"), None);
        assert_eq!(describe_key(&k.answers("e1")).0, "一次自评的答案");
        assert_eq!(describe_key(&k.ledger("s1")).1, "Work ledger");
        assert_eq!(describe_key(META_KEY).0, "本机设置");
        assert_eq!(describe_key("xzzp.p.x.nonsense.1").0, "其他数据");
    }

    #[test]
    fn a_school_takes_its_evaluations_plans_and_ledger_with_it() {
        let mut ws = Workspace::default();
        ws.schools
            .push(School::new("s1", "示例小学", SchoolType::Primary));
        ws.schools
            .push(School::new("s2", "示例中学", SchoolType::Junior));
        for (id, school) in [("e1", "s1"), ("e2", "s2")] {
            ws.evaluations.push(EvaluationHeader {
                id: id.into(),
                school_id: school.into(),
                framework_id: "f".into(),
                framework_version: "1".into(),
                school_year: SchoolYear(2025),
                term: Term::Year,
                created: "2025-09-01".into(),
            });
        }
        ws.plans.push(PlanHeader {
            id: "p1".into(),
            school_id: "s1".into(),
            template_id: "t".into(),
            evaluation_id: None,
            school_year: SchoolYear(2025),
            created: "2025-09-01".into(),
        });
        let docs = cascade_school(&ws, "s1");
        assert_eq!(
            docs,
            vec![
                (Kind::Answers, "e1".to_string()),
                (Kind::Report, "e1".to_string()),
                (Kind::Respondents, "e1".to_string()),
                (Kind::Staff, "e1".to_string()),
                (Kind::Evidence, "e1".to_string()),
                (Kind::Plan, "p1".to_string()),
                (Kind::Ledger, "s1".to_string()),
            ]
        );
        assert!(has_owner(&ws, Kind::Respondents, "e2"));
        assert!(!has_owner(&ws, Kind::Respondents, "e3"));
        assert!(has_owner(&ws, Kind::Ledger, "s2"));
        assert!(!has_owner(&ws, Kind::Plan, "p2"));
    }
}
