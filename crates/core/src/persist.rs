//! What is stored, under which keys, in which versioned envelope; and how older versions are migrated.
//!
//! Every stored value is a JSON envelope `{"schema":N,"rev":M,"data":…}`. `schema` is the data version (see
//! [`SCHEMA`]); `rev` counts the writes to that key, so that a tab can tell when another tab wrote after it
//! last read. The envelope always starts with these two fields so the revision can be read without parsing a
//! large value.

use super::evaluation::{EvaluationHeader, SchoolYear};
use super::school::School;
use super::Lang;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The data version written by this build. Bump it, add a migration, and add a fixture under
/// `tests/fixtures/storage/` whenever the stored shape changes incompatibly.
pub const SCHEMA: u32 = 1;

/// Prefix of every key this app writes, so that "remove my data" can find them all.
pub const PREFIX: &str = "xzzp.";

/// The global key holding [`Meta`].
pub const META_KEY: &str = "xzzp.meta";

/// The default local profile.
pub const DEFAULT_PROFILE: &str = "default";

/// Keys of one local profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileKeys {
    profile: String,
}

impl ProfileKeys {
    /// Keys for a profile id.
    pub fn new(profile: &str) -> Self {
        ProfileKeys {
            profile: profile.to_string(),
        }
    }

    /// The prefix all of this profile's keys share.
    pub fn prefix(&self) -> String {
        format!("{PREFIX}p.{}.", self.profile)
    }

    /// The workspace: schools and evaluation headers.
    pub fn workspace(&self) -> String {
        format!("{}workspace", self.prefix())
    }

    /// What was open last: school, evaluation and plan ([`Session`]).
    pub fn session(&self) -> String {
        format!("{}session", self.prefix())
    }

    /// The answers of one evaluation.
    pub fn answers(&self, evaluation_id: &str) -> String {
        format!("{}answers.{evaluation_id}", self.prefix())
    }

    /// One plan document.
    pub fn plan(&self, plan_id: &str) -> String {
        format!("{}plan.{plan_id}", self.prefix())
    }

    /// The ledger of one school.
    pub fn ledger(&self, school_id: &str) -> String {
        format!("{}ledger.{school_id}", self.prefix())
    }

    /// Teachers' answer files merged into one evaluation.
    pub fn respondents(&self, evaluation_id: &str) -> String {
        format!("{}respondents.{evaluation_id}", self.prefix())
    }

    /// The edited report texts of one evaluation.
    pub fn report(&self, evaluation_id: &str) -> String {
        format!("{}report.{evaluation_id}", self.prefix())
    }

    /// The whole-staff part of one evaluation ([`crate::collection::Staff`]: 分工, packages issued, answers
    /// received).
    pub fn staff(&self, evaluation_id: &str) -> String {
        format!("{}staff.{evaluation_id}", self.prefix())
    }

    /// A teacher's work on one package ([`crate::teacher::TeacherWork`]).
    pub fn teacher(&self, package_id: &str) -> String {
        format!("{}teacher.{package_id}", self.prefix())
    }

    /// A document of the county bureau's roll-up (`packages` or `desk`, see [`crate::store::kind::Kind::County`]).
    pub fn county(&self, id: &str) -> String {
        format!("{}county.{id}", self.prefix())
    }

    /// The evidence (佐证材料) metadata of one evaluation; the file bytes are stored apart, by content hash.
    pub fn evidence(&self, evaluation_id: &str) -> String {
        format!("{}evidence.{evaluation_id}", self.prefix())
    }
}

pub use crate::store::kind::describe_key;

/// Settings of this browser, shared by all profiles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Interface language.
    #[serde(default)]
    pub lang: Lang,
    /// The profile in use.
    #[serde(default = "default_profile")]
    pub active_profile: String,
    /// Local profiles (e.g. one per teacher on a shared computer).
    #[serde(default = "default_profiles")]
    pub profiles: Vec<Profile>,
    /// Large type and high contrast for a projector.
    #[serde(default)]
    pub projector: bool,
    /// The three-step introduction was finished or skipped.
    #[serde(default)]
    pub guide_done: bool,
    /// The layout of the stored data (which keys exist, in which storage), see [`LAYOUT`]. Data written before
    /// the layout was recorded is layout 1.
    #[serde(default = "layout_1")]
    pub layout: u32,
}

/// The layout of stored data this build writes. Layout 1 (the first release) kept the open school, evaluation
/// and plan inside the workspace and teachers' answers in localStorage; layout 2 keeps the selection in its own
/// [`Session`] document and teachers' answers in IndexedDB. See [`crate::store::migrate`].
pub const LAYOUT: u32 = 2;

fn layout_1() -> u32 {
    1
}

fn default_profile() -> String {
    DEFAULT_PROFILE.to_string()
}

fn default_profiles() -> Vec<Profile> {
    vec![Profile {
        id: DEFAULT_PROFILE.to_string(),
        name: String::new(),
    }]
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            lang: Lang::default(),
            active_profile: default_profile(),
            profiles: default_profiles(),
            projector: false,
            guide_done: false,
            layout: LAYOUT,
        }
    }
}

/// A local profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Stable id, part of storage keys.
    pub id: String,
    /// Name shown to users; empty for the default profile.
    pub name: String,
}

/// One profile's index of its data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Workspace {
    /// Schools.
    #[serde(default)]
    pub schools: Vec<School>,
    /// Evaluations (answers are stored separately).
    #[serde(default)]
    pub evaluations: Vec<EvaluationHeader>,
    /// Plan documents (their text is stored separately).
    #[serde(default)]
    pub plans: Vec<PlanHeader>,
}

/// What one profile had open last, so that a reload (or the next visit) lands on the same work. Kept apart
/// from the [`Workspace`], so that choosing another school rewrites a few bytes, not the list of schools, and so
/// that a second tab working on another school does not pull this one along.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Session {
    /// The school being worked on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    /// The evaluation being worked on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<String>,
    /// The plan being worked on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
}

impl Session {
    /// Opens a school with its newest evaluation and plan.
    pub fn for_school(ws: &Workspace, school_id: &str) -> Session {
        Session {
            school: Some(school_id.to_string()),
            evaluation: ws.evaluations_of(school_id).first().map(|e| e.id.clone()),
            plan: ws.plans_of(school_id).first().map(|p| p.id.clone()),
        }
    }

    /// The selection made consistent with the workspace: a school that no longer exists is replaced by the
    /// first school; an evaluation or plan that is gone or belongs to another school is replaced by that
    /// school's newest one.
    pub fn normalised(&self, ws: &Workspace) -> Session {
        let Some(school) = self
            .school
            .as_deref()
            .filter(|s| ws.school(s).is_some())
            .or_else(|| ws.schools.first().map(|s| s.id.as_str()))
        else {
            return Session::default();
        };
        let newest = Session::for_school(ws, school);
        let evaluation = self
            .evaluation
            .clone()
            .filter(|e| ws.evaluation(e).is_some_and(|h| h.school_id == school))
            .or(newest.evaluation);
        let plan = self
            .plan
            .clone()
            .filter(|p| ws.plans.iter().any(|h| &h.id == p && h.school_id == school))
            .or(newest.plan);
        Session {
            school: Some(school.to_string()),
            evaluation,
            plan,
        }
    }
}

/// Identifies a plan document and what it was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanHeader {
    /// Stable id.
    pub id: String,
    /// The school.
    pub school_id: String,
    /// The template it was made from.
    pub template_id: String,
    /// The evaluation it refers to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_id: Option<String>,
    /// School year.
    pub school_year: SchoolYear,
    /// When it was created (ISO date).
    pub created: String,
}

impl Workspace {
    /// The school with the given id.
    pub fn school(&self, id: &str) -> Option<&School> {
        self.schools.iter().find(|s| s.id == id)
    }

    /// The evaluation header with the given id.
    pub fn evaluation(&self, id: &str) -> Option<&EvaluationHeader> {
        self.evaluations.iter().find(|e| e.id == id)
    }

    /// Plan documents of a school, newest first.
    pub fn plans_of(&self, school_id: &str) -> Vec<&PlanHeader> {
        let mut v: Vec<_> = self
            .plans
            .iter()
            .filter(|p| p.school_id == school_id)
            .collect();
        v.sort_by_key(|p| std::cmp::Reverse((p.school_year, p.created.clone())));
        v
    }

    /// Evaluations of a school, newest school year first.
    pub fn evaluations_of(&self, school_id: &str) -> Vec<&EvaluationHeader> {
        let mut v: Vec<_> = self
            .evaluations
            .iter()
            .filter(|e| e.school_id == school_id)
            .collect();
        v.sort_by_key(|e| std::cmp::Reverse((e.school_year, e.term)));
        v
    }
}

/// Why a stored value could not be read. The raw text is kept by the caller; this only says why.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// Not JSON at all (edited by hand, truncated).
    NotJson(String),
    /// JSON, but not one of our envelopes.
    NotEnvelope,
    /// Written by a newer version of the app.
    Newer(u32),
    /// An envelope whose data does not have the expected shape.
    BadData(String),
}

impl DecodeError {
    /// A plain Chinese explanation for the user.
    pub fn zh(&self) -> String {
        match self {
            DecodeError::NotJson(_) => "数据已损坏（可能被截断或手工修改），无法读取".into(),
            DecodeError::NotEnvelope => "数据格式不是本工具保存的格式".into(),
            DecodeError::Newer(v) => format!(
                "数据来自更新版本的本工具（数据版本 {v}，本版本只能读取到 {SCHEMA}），请使用新版本打开"
            ),
            DecodeError::BadData(_) => "数据内容不完整或结构不符，无法读取".into(),
        }
    }
}

/// A value read from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    /// The value, migrated to the current schema.
    pub value: T,
    /// Its revision.
    pub rev: u64,
    /// The schema it was stored with, when older than [`SCHEMA`].
    pub migrated_from: Option<u32>,
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    schema: u32,
    rev: u64,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    marks: &'a Marks,
    data: &'a T,
}

/// Which edits a stored value includes: per writer (one store of one tab or module), the numbers of its recent
/// edits that the value carries, as inclusive ranges, and when that writer last wrote (ms). A tab whose recent
/// edit is missing from another tab's newer value knows that the two writes crossed and re-applies the edit; an
/// edit the value already carries is never applied twice. Writers that have not written for longer than the
/// journal window are dropped, so the marks stay a few bytes.
pub type Marks = BTreeMap<String, (Vec<(u64, u64)>, u64)>;

/// An envelope read in one pass, straight into the value's type.
#[derive(Deserialize)]
struct EnvelopeIn<T> {
    schema: u32,
    #[serde(default)]
    rev: u64,
    data: T,
}

/// An envelope's head: schema and revision, the data only checked to be well-formed JSON.
#[derive(Deserialize)]
struct EnvelopeHead {
    schema: u32,
    #[serde(default)]
    rev: u64,
    #[allow(dead_code)]
    data: serde::de::IgnoredAny,
}

/// Writes a value in the current envelope.
pub fn encode<T: Serialize>(value: &T, rev: u64) -> String {
    encode_marked(value, rev, &Marks::new())
}

/// Writes a value in the current envelope with the marks of the writes it is built on.
pub fn encode_marked<T: Serialize>(value: &T, rev: u64, marks: &Marks) -> String {
    serde_json::to_string(&EnvelopeOut {
        schema: SCHEMA,
        rev,
        marks,
        data: value,
    })
    .expect("domain values always serialise")
}

/// Wraps the JSON of a value (as [`serde_json::to_string`] writes it) in the current envelope; the same text
/// [`encode`] makes.
pub fn wrap(data_json: &str, rev: u64) -> String {
    wrap_marked(data_json, rev, &Marks::new())
}

/// [`wrap`] with marks; the same text [`encode_marked`] makes.
pub fn wrap_marked(data_json: &str, rev: u64, marks: &Marks) -> String {
    if marks.is_empty() {
        return format!("{{\"schema\":{SCHEMA},\"rev\":{rev},\"data\":{data_json}}}");
    }
    let marks = serde_json::to_string(marks).expect("marks always serialise");
    format!("{{\"schema\":{SCHEMA},\"rev\":{rev},\"marks\":{marks},\"data\":{data_json}}}")
}

/// Reads the marks from the head of an envelope without parsing the value: `None` when the text has none
/// (written before marks existed, by hand, or not an envelope), so that the caller falls back to revisions.
pub fn peek_marks(raw: &str) -> Option<Marks> {
    const FIELD: &str = "\"marks\":";
    // The head comes before "data"; marks of a few writers take well under this.
    let mut n = raw.len().min(4096);
    while !raw.is_char_boundary(n) {
        n -= 1;
    }
    let head = &raw[..n];
    let at = head.find(FIELD)?;
    if head.find("\"data\":").is_some_and(|d| d < at) {
        return None;
    }
    let rest = &head[at + FIELD.len()..];
    let end = rest.find('}')?;
    serde_json::from_str(&rest[..=end]).ok()
}

/// Reads an envelope, migrating older schemas. A current envelope is decoded in one pass straight into `T`;
/// only when that fails is the text looked at again, to say why.
pub fn decode<T: DeserializeOwned>(raw: &str) -> Result<Decoded<T>, DecodeError> {
    // Envelopes are objects (serde would also read a struct from an array, by position).
    if !raw.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(raw) {
            Ok(_) => DecodeError::NotEnvelope,
            Err(e) => DecodeError::NotJson(e.to_string()),
        });
    }
    match serde_json::from_str::<EnvelopeIn<T>>(raw) {
        Ok(env) if env.schema == SCHEMA => {
            return Ok(Decoded {
                value: env.data,
                rev: env.rev,
                migrated_from: None,
            })
        }
        Ok(env) if env.schema > SCHEMA => return Err(DecodeError::Newer(env.schema)),
        Ok(_) => {}
        Err(e) if e.is_syntax() || e.is_eof() => return Err(DecodeError::NotJson(e.to_string())),
        Err(_) => {}
    }
    // Not a current envelope of a `T`: an older schema to migrate, a newer one, or something else.
    let head: EnvelopeHead = match serde_json::from_str(raw) {
        Ok(h) => h,
        Err(e) if e.is_syntax() || e.is_eof() => return Err(DecodeError::NotJson(e.to_string())),
        Err(_) => return Err(DecodeError::NotEnvelope),
    };
    if head.schema > SCHEMA {
        return Err(DecodeError::Newer(head.schema));
    }
    if head.schema == 0 {
        return Err(DecodeError::NotEnvelope);
    }
    if head.schema == SCHEMA {
        // The envelope is fine, so its data has the wrong shape.
        let e = serde_json::from_str::<EnvelopeIn<T>>(raw).err();
        return Err(DecodeError::BadData(
            e.map(|e| e.to_string()).unwrap_or_default(),
        ));
    }
    let value = migrate::<T>(head.schema, raw)?;
    Ok(Decoded {
        value,
        rev: head.rev,
        migrated_from: Some(head.schema),
    })
}

/// Brings a value of an older schema up to [`SCHEMA`], one version at a time.
fn migrate<T: DeserializeOwned>(from: u32, _raw: &str) -> Result<T, DecodeError> {
    // Schema 1 is the only schema of stored values so far (changes of layout — which keys exist where — are
    // migrated by `crate::store::migrate`). A later schema adds steps here, applied in order on the envelope's
    // data, e.g. `if from < 2 { data = v1_to_v2(data)?; }`, then decodes the result.
    debug_assert!((1..SCHEMA).contains(&from));
    Err(DecodeError::NotEnvelope)
}

/// Reads the revision from the start of an envelope without parsing the whole value.
pub fn peek_rev(raw: &str) -> Option<u64> {
    // Bytes, not chars: the head may end inside a multi-byte character.
    let head = &raw.as_bytes()[..raw.len().min(80)];
    let start = head.windows(6).position(|w| w == b"\"rev\":")? + 6;
    let digits: String = head[start..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::SchoolType;

    #[test]
    fn envelopes_round_trip_and_expose_their_revision_cheaply() {
        let mut ws = Workspace::default();
        ws.schools
            .push(School::new("s1", "示例小学", SchoolType::Primary));
        let raw = encode(&ws, 42);
        assert!(raw.starts_with("{\"schema\":1,\"rev\":42,"));
        assert_eq!(peek_rev(&raw), Some(42));
        let d: Decoded<Workspace> = decode(&raw).unwrap();
        assert_eq!(d.value, ws);
        assert_eq!(d.rev, 42);
        assert_eq!(d.migrated_from, None);
    }

    #[test]
    fn marks_sit_in_the_head_and_are_read_without_the_value() {
        let mut ws = Workspace::default();
        ws.schools
            .push(School::new("s1", "示例小学", SchoolType::Primary));
        let marks: Marks = [
            ("tab-a".to_string(), (vec![(3, 5), (9, 9)], 1000)),
            ("tab-b".to_string(), (vec![(1, 1)], 1200)),
        ]
        .into();
        let raw = encode_marked(&ws, 7, &marks);
        assert_eq!(peek_marks(&raw), Some(marks.clone()));
        assert_eq!(peek_rev(&raw), Some(7));
        assert_eq!(decode::<Workspace>(&raw).unwrap().value, ws);
        let json = serde_json::to_string(&ws).unwrap();
        assert_eq!(wrap_marked(&json, 7, &marks), raw);
        // Without marks the envelope is the one earlier versions wrote, and reads as having none.
        let plain = encode(&ws, 7);
        assert!(!plain.contains("marks"));
        assert_eq!(peek_marks(&plain), None);
        // A value whose own text mentions "marks" is not taken for the head.
        let mut tricky = Workspace::default();
        tricky
            .schools
            .push(School::new("s2", "\"marks\":{}", SchoolType::Primary));
        assert_eq!(peek_marks(&encode(&tricky, 1)), None);
        assert_eq!(
            peek_marks("{\"schema\":1,\"rev\":1,\"marks\":{\"x\":"),
            None
        );
    }

    #[test]
    fn the_revision_is_read_even_when_chinese_text_straddles_the_peeked_head() {
        for pad in 0..6 {
            let mut ws = Workspace::default();
            let name = format!("{}贺兰县示例第一小学", "x".repeat(pad));
            ws.schools
                .push(School::new("mwscmqrwb4jy72", name, SchoolType::Primary));
            assert_eq!(peek_rev(&encode(&ws, 7)), Some(7));
        }
        assert_eq!(peek_rev("示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例示例"), None);
        assert_eq!(peek_rev(""), None);
    }

    #[test]
    fn unreadable_values_are_classified() {
        assert!(matches!(
            decode::<Workspace>("{\"schema\":1,\"rev\":1,\"da"),
            Err(DecodeError::NotJson(_))
        ));
        assert_eq!(
            decode::<Workspace>("[1,2,3]"),
            Err(DecodeError::NotEnvelope)
        );
        assert_eq!(
            decode::<Workspace>("{\"schema\":0,\"data\":{}}"),
            Err(DecodeError::NotEnvelope)
        );
        assert_eq!(
            decode::<Workspace>("{\"schema\":99,\"rev\":1,\"data\":{}}"),
            Err(DecodeError::Newer(99))
        );
        assert!(matches!(
            decode::<Workspace>("{\"schema\":1,\"rev\":1,\"data\":{\"schools\":5}}"),
            Err(DecodeError::BadData(_))
        ));
        assert!(DecodeError::Newer(99).zh().contains("更新版本"));
    }

    #[test]
    fn keys_of_a_profile_share_its_prefix() {
        let k = ProfileKeys::new("teacher-1");
        for key in [
            k.workspace(),
            k.answers("e1"),
            k.plan("p1"),
            k.ledger("s1"),
            k.report("e1"),
            k.respondents("e1"),
            k.staff("e1"),
            k.teacher("pkg1"),
        ] {
            assert!(key.starts_with(&k.prefix()));
            assert!(key.starts_with(PREFIX));
        }
        assert!(META_KEY.starts_with(PREFIX));
    }

    #[test]
    fn keys_are_described_for_people() {
        let k = ProfileKeys::new("default");
        assert_eq!(describe_key(&k.workspace()).0, "学校与自评清单");
        assert_eq!(describe_key(&k.answers("e1")).0, "一次自评的答案");
        assert_eq!(describe_key(&k.ledger("s1")).1, "Work ledger");
        assert_eq!(describe_key(META_KEY).0, "本机设置");
        assert_eq!(describe_key(&k.staff("e1")).0, "全员自评的分工与回收的答卷");
        assert_eq!(
            describe_key(&k.teacher("p")).1,
            "A teacher's answers to a package"
        );
    }

    #[test]
    fn a_session_follows_the_workspace_when_what_it_points_at_is_gone() {
        use crate::evaluation::{EvaluationHeader, SchoolYear, Term};
        let mut ws = Workspace::default();
        ws.schools
            .push(School::new("s1", "示例小学", SchoolType::Primary));
        ws.schools
            .push(School::new("s2", "示例中学", SchoolType::Junior));
        for (id, school, year) in [("e1", "s1", 2024), ("e2", "s1", 2025), ("e3", "s2", 2025)] {
            ws.evaluations.push(EvaluationHeader {
                id: id.into(),
                school_id: school.into(),
                framework_id: "f".into(),
                framework_version: "1".into(),
                school_year: SchoolYear(year),
                term: Term::Year,
                created: "2025-09-01".into(),
            });
        }
        let s = Session::for_school(&ws, "s1");
        assert_eq!(s.evaluation.as_deref(), Some("e2"));
        let stale = Session {
            school: Some("gone".into()),
            evaluation: Some("e3".into()),
            plan: Some("p9".into()),
        };
        let n = stale.normalised(&ws);
        assert_eq!(n.school.as_deref(), Some("s1"));
        assert_eq!(
            n.evaluation.as_deref(),
            Some("e2"),
            "e3 belongs to another school"
        );
        assert_eq!(n.plan, None);
        let kept = Session {
            school: Some("s1".into()),
            evaluation: Some("e1".into()),
            plan: None,
        };
        assert_eq!(kept.normalised(&ws), kept);
        assert_eq!(
            Session::default().normalised(&Workspace::default()),
            Session::default()
        );
    }

    #[test]
    fn meta_has_a_default_profile() {
        let m: Meta = serde_json::from_str("{}").unwrap();
        assert_eq!(m.active_profile, DEFAULT_PROFILE);
        assert_eq!(m.profiles.len(), 1);
        assert_eq!(m.lang, Lang::Zh);
    }
}
