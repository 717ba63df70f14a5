use super::*;
use crate::export::docx;
use std::collections::HashMap;
use xzzp_core::evaluation::SchoolYear;
use xzzp_core::evidence::store::{self, BlobIndex};
use xzzp_core::evidence::{Contributor, NewFile};
use xzzp_core::file_name::is_safe_component;
use xzzp_core::framework::SchoolType;

fn header(id: &str) -> EvaluationHeader {
    EvaluationHeader {
        id: id.into(),
        school_id: "s1".into(),
        framework_id: "compulsory-2021".into(),
        framework_version: "1".into(),
        school_year: SchoolYear(2025),
        term: Term::Year,
        created: "2025-09-01".into(),
    }
}

fn school(name: &str) -> School {
    School::new("s1", name, SchoolType::Primary)
}

fn new_file(name: &str, bytes: &[u8], items: &[&str]) -> NewFile {
    NewFile {
        name: name.into(),
        media_type: String::new(),
        digest: FileDigest::of(bytes),
        added: "2026-03-05T10:00:00".into(),
        modified: None,
        added_by: AddedBy::Principal,
        shrunk: None,
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

/// Evidence with its blobs, as the browser's store holds them.
struct Store {
    doc: EvidenceDoc,
    index: BlobIndex,
    blobs: HashMap<ContentHash, Vec<u8>>,
}

impl Store {
    fn new(evaluation_id: &str) -> Self {
        Store {
            doc: EvidenceDoc::new(evaluation_id),
            index: BlobIndex::default(),
            blobs: HashMap::new(),
        }
    }

    fn attach(&mut self, fw: &Framework, point: &str, name: &str, bytes: &[u8], items: &[&str]) {
        let (_, ops) = store::attach(
            &mut self.doc,
            &mut self.index,
            fw,
            point,
            new_file(name, bytes, items),
        )
        .unwrap();
        for h in ops.write {
            self.blobs.insert(h, bytes.to_vec());
        }
    }

    fn stitch(&self, pack: &EvidencePack) -> Vec<u8> {
        pack.archive.stitch(|h| &self.blobs[h])
    }
}

fn compulsory() -> std::sync::Arc<Framework> {
    xzzp_templates::framework("compulsory-2021").unwrap()
}

fn input<'a>(
    fw: &'a Framework,
    h: &'a EvaluationHeader,
    s: &'a School,
    doc: &'a EvidenceDoc,
) -> PackInput<'a> {
    static PRINCIPAL: AddedBy = AddedBy::Principal;
    PackInput {
        framework: fw,
        evaluation: h,
        school: s,
        evidence: doc,
        exported_at: "2026-06-30T09:00:00",
        made_by: &PRINCIPAL,
        package: None,
    }
}

fn sample(fw: &Framework) -> Store {
    let mut st = Store::new("e1");
    st.attach(fw, "A1.1.1", "IMG_2024.JPG", b"\xFF\xD8\xFFphoto-1", &[]);
    st.attach(
        fw,
        "A1.1.1",
        "会议记录扫描.pdf",
        b"%PDF-minutes",
        &["近一学年党组织会议、校长办公会议记录"],
    );
    st.attach(fw, "A1.1.2", "同一张照片.jpg", b"\xFF\xD8\xFFphoto-1", &[]);
    st.doc
        .mark(fw, "A1.1.1", "“三重一大”事项决策台账", true)
        .unwrap();
    st
}

#[test]
fn the_package_is_organised_by_area_indicator_and_point_with_readable_names() {
    let fw = compulsory();
    let st = sample(&fw);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    assert_eq!(pack.file_name, "贺兰县第一小学2025—2026学年佐证材料.zip");
    let bytes = st.stitch(&pack);
    assert_eq!(bytes.len() as u64, pack.archive.size);
    let names: Vec<String> = ZipReader::new(&bytes)
        .unwrap()
        .entries()
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "贺兰县第一小学2025—2026学年佐证材料/佐证材料目录.csv",
            "贺兰县第一小学2025—2026学年佐证材料/佐证材料目录.docx",
            "贺兰县第一小学2025—2026学年佐证材料/xzzp-evidence.json",
            "贺兰县第一小学2025—2026学年佐证材料/A1 办学方向/A1.1 加强党建工作/A1.1.1 落实中小学校党组织领导的校长负责制，学/A1.1.1-IMG_2024-01.jpg",
            "贺兰县第一小学2025—2026学年佐证材料/A1 办学方向/A1.1 加强党建工作/A1.1.1 落实中小学校党组织领导的校长负责制，学/A1.1.1-近一学年党组织会议、校长办公会议记录-02.pdf",
            "贺兰县第一小学2025—2026学年佐证材料/A1 办学方向/A1.1 加强党建工作/A1.1.2 推动党建工作与教育教学深度融合：以年级/A1.1.2-同一张照片-01.jpg",
        ]
    );
    // The same photo on two points is one blob, referenced twice.
    let blobs: Vec<&ContentHash> = pack
        .archive
        .parts
        .iter()
        .filter_map(|p| match p {
            zip::Part::Blob(h) => Some(h),
            zip::Part::Bytes(_) => None,
        })
        .collect();
    assert_eq!(blobs.len(), 3);
    assert_eq!(blobs[0], blobs[2]);
    assert_eq!(st.blobs.len(), 2);
}

#[test]
fn the_catalogue_lists_every_file_and_every_paper_only_item() {
    let fw = compulsory();
    let st = sample(&fw);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let c = &pack.catalogue;
    assert_eq!(
        c.columns.iter().map(|c| c.zh()).collect::<Vec<_>>(),
        [
            "序号",
            "方面",
            "关键指标",
            "要点编号",
            "考查要点",
            "对应的佐证材料",
            "文件（包内位置）",
            "原文件名",
            "类型",
            "大小",
            "提供人",
            "添加时间"
        ]
    );
    assert_eq!(c.rows.len(), 4);
    let cols = |r: &Vec<String>| {
        [0, 3, 5, 6, 7, 8, 9, 10, 11]
            .iter()
            .map(|&i| r[i].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cols(&c.rows[0]),
        [
            "1",
            "A1.1.1",
            "",
            "A1 办学方向/A1.1 加强党建工作/A1.1.1 落实中小学校党组织领导的校长负责制，学/A1.1.1-IMG_2024-01.jpg",
            "IMG_2024.JPG",
            "图片",
            "10 字节",
            "学校",
            "2026-03-05 10:00:00"
        ]
    );
    assert_eq!(c.rows[1][5], "近一学年党组织会议、校长办公会议记录");
    assert_eq!(c.rows[1][8], "PDF");
    assert_eq!(
        cols(&c.rows[2])[..4],
        ["3", "A1.1.1", "“三重一大”事项决策台账", PAPER_ONLY]
    );
    assert_eq!(c.rows[3][3], "A1.1.2");
    assert!(c.rows.iter().all(|r| r.len() == Column::ALL.len()));
    assert_eq!(c.rows[0][1], "办学方向");
    assert_eq!(c.rows[0][2], "加强党建工作");

    let csv = c.to_csv();
    assert!(csv.starts_with("\u{feff}序号,方面,关键指标,要点编号,考查要点,对应的佐证材料,"));
    assert_eq!(csv.matches("\r\n").count(), 5);
    // The CSV inside the package is the same.
    let bytes = st.stitch(&pack);
    let inside = zip::entries(&bytes).unwrap();
    assert_eq!(inside[0].1, csv.as_bytes());
}

#[test]
fn catalogue_cells_cannot_become_formulas_or_break_rows() {
    let mut fw = (*compulsory()).clone();
    fw.areas[0].indicators[0].points[0].evidence[0] = "=HYPERLINK(\"http://x\",\"点我\")".into();
    let item = fw.areas[0].indicators[0].points[0].evidence[0].clone();
    let mut st = Store::new("e1");
    st.attach(
        &fw,
        "A1.1.1",
        "+1,\"第一行\n第二行\".pdf",
        b"%PDF-x",
        &[&item],
    );
    st.attach(&fw, "A1.1.1", "@SUM(A1).docx", b"PK-doc", &[]);
    let (h, s) = (header("e1"), school("-2+3 学校"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let csv = pack.catalogue.to_csv();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("\"'+1,\"\"第一行\n第二行\"\".pdf\""), "{csv}");
    assert!(csv.contains(",'@SUM(A1).docx,"), "{csv}");
    assert!(!csv.contains(",=") && !csv.contains(",+") && !csv.contains(",@"));
    // Names in the package are safe all the same, and the title of a link is sanitised.
    for f in &pack.layout.files {
        assert!(f
            .path
            .split('/')
            .all(|c| is_safe_component(c, FOLDER_UNITS.max(ROOT_UNITS).max(FILE_UNITS))));
    }
    assert!(pack.layout.files[0]
        .path
        .ends_with("/A1.1.1-=HYPERLINK(_http_x_,_点我_)-01.pdf"));
}

/// Every hostile name the issue lists, as file names, and as titles of the framework and the school.
fn hostile_names() -> Vec<String> {
    let mut v: Vec<String> = [
        "../../../etc/passwd",
        "..\\..\\Windows\\System32\\drivers.sys",
        "/absolute/path/照片.jpg",
        "C:\\Users\\张三\\Desktop\\会议记录.docx",
        "D:照片.png",
        "..",
        ".",
        "...",
        "CON",
        "PRN.txt",
        "aux.pdf",
        "NUL",
        "COM1.jpg",
        "lpt9.docx",
        "com²",
        "记录. . .",
        "总结   ",
        " 前导空格.pdf",
        ".隐藏文件",
        "控制\u{0}字符\u{1f}\r\n.pdf",
        "反向\u{202E}fdp.exe",
        "运动会📷🏃‍♂️照片👍🏽.jpg",
        "🎉🎉🎉.png",
        "会议:记录?.pdf",
        "会议/记录?.pdf",
        "会议_记录_.PDF",
        "新建文件.pdf",
        "新建文件.PDF",
        "新建文件.pdf",
        "a<b>c|d*e\"f.doc",
        "",
        "   ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push(format!("{}.pdf", "很长的文件名".repeat(60)));
    v.push(format!("{}.jpg", "𠮷".repeat(100)));
    v.push(format!("a.{}", "x".repeat(40)));
    v
}

fn check_paths(paths: &[&str], root: &str) {
    let mut seen = BTreeSet::new();
    for p in paths {
        assert!(
            utf16_len(p) <= MAX_PATH_UNITS,
            "{} units: {p}",
            utf16_len(p)
        );
        assert!(p.starts_with(&format!("{root}/")), "{p}");
        for c in p.split('/') {
            assert!(
                is_safe_component(c, ROOT_UNITS.max(FILE_UNITS)),
                "unsafe component {c:?} in {p}"
            );
        }
        assert!(
            seen.insert(p.to_lowercase()),
            "duplicate path (ignoring case): {p}"
        );
    }
}

#[test]
fn hostile_file_names_become_safe_unique_names() {
    let fw = compulsory();
    let mut st = Store::new("e1");
    for (i, name) in hostile_names().iter().enumerate() {
        st.attach(&fw, "A1.1.1", name, format!("file {i}").as_bytes(), &[]);
    }
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let names: Vec<&str> = pack
        .layout
        .files
        .iter()
        .map(|f| f.path.rsplit('/').next().unwrap())
        .collect();
    let paths: Vec<&str> = pack.layout.files.iter().map(|f| f.path.as_str()).collect();
    check_paths(&paths, &pack.layout.root);
    assert_eq!(names.len(), hostile_names().len());
    let expect = [
        "A1.1.1-passwd-01",
        "A1.1.1-drivers-02.sys",
        "A1.1.1-照片-03.jpg",
        "A1.1.1-会议记录-04.docx",
        "A1.1.1-D_照片-05.png",
        "A1.1.1-未命名-06",
        "A1.1.1-未命名-07",
        "A1.1.1-未命名-08",
        "A1.1.1-_CON-09",
        "A1.1.1-_PRN-10.txt",
        "A1.1.1-_aux-11.pdf",
        "A1.1.1-_NUL-12",
        "A1.1.1-_COM1-13.jpg",
        "A1.1.1-_lpt9-14.docx",
        "A1.1.1-_com²-15",
        "A1.1.1-记录-16",
        "A1.1.1-总结-17",
        "A1.1.1-前导空格-18.pdf",
        "A1.1.1-隐藏文件-19",
        "A1.1.1-控制_字符_-20.pdf",
        "A1.1.1-反向fdp-21.exe",
        "A1.1.1-运动会照片-22.jpg",
        "A1.1.1-未命名-23.png",
        "A1.1.1-会议_记录_-24.pdf",
        "A1.1.1-记录_-25.pdf",
        "A1.1.1-会议_记录_-26.pdf",
        "A1.1.1-新建文件-27.pdf",
        "A1.1.1-新建文件-28.pdf",
        "A1.1.1-新建文件-29.pdf",
        "A1.1.1-a_b_c_d_e_f-30.doc",
        "A1.1.1-未命名-31",
        "A1.1.1-未命名-32",
    ];
    assert_eq!(names[..expect.len()], expect);
    // Very long names are cut, keeping the number and the extension; a long bogus extension is dropped.
    assert!(
        names[32].starts_with("A1.1.1-很长的文件名") && names[32].ends_with("-33.pdf"),
        "{}",
        names[32]
    );
    assert_eq!(utf16_len(names[32]), FILE_UNITS);
    assert!(names[33].ends_with("𠮷-34.jpg"), "{}", names[33]);
    assert!(utf16_len(names[33]) <= FILE_UNITS);
    assert!(names[34].ends_with("-35"), "{}", names[34]);
    // What the zip holds is what the layout says.
    let bytes = st.stitch(&pack);
    let opened = open_pack(&bytes).unwrap();
    let u = opened.unpack();
    assert!(u.damaged.is_empty());
    assert_eq!(u.doc.attachments().count(), hostile_names().len());
}

#[test]
fn hostile_titles_and_school_names_cannot_escape_or_collide() {
    let mut fw = xzzp_core::fixtures::framework();
    fw.areas[0].title = "../../evil".into();
    fw.areas[1].title = "../../EVIL".into();
    fw.areas[0].indicators[0].title = "CON".into();
    fw.areas[0].indicators[1].title = "C:\\Windows".into();
    fw.areas[0].indicators[0].points[0].text = format!("{}…", "长".repeat(500));
    fw.areas[0].indicators[0].points[1].text = "📷📷📷".into();
    fw.areas[1].indicators[0].points[0].text = "trailing dots...".into();
    fw.areas[0].id = "A1".into();
    fw.areas[1].id = "a1".into(); // differs from A1 only in case
    let mut st = Store::new("e1");
    for (i, (_, _, p)) in fw.points().enumerate() {
        let id = p.id.clone();
        st.attach(&fw, &id, "x.pdf", format!("{i}").as_bytes(), &[]);
    }
    let h = header("e1");
    let s = school(&format!("/etc/{}\u{0}CON", "学校".repeat(40)));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let paths: Vec<&str> = pack.layout.files.iter().map(|f| f.path.as_str()).collect();
    check_paths(&paths, &pack.layout.root);
    assert!(
        pack.layout.root.ends_with("2025—2026学年佐证材料"),
        "{}",
        pack.layout.root
    );
    assert!(pack.layout.root.starts_with("_etc_学校"));
    let areas: BTreeSet<&str> = paths.iter().map(|p| p.split('/').nth(1).unwrap()).collect();
    assert_eq!(areas, ["A1 .._.._evil", "a1 .._.._EVIL(2)"].into());
    assert!(paths.iter().any(|p| p.contains("/I1 CON/")));
    assert!(paths.iter().any(|p| p.contains("/I2 C_Windows/")));
    assert!(
        paths
            .iter()
            .any(|p| p.contains("/p2/p2-未命名-01.pdf") || p.contains("/p2/p2-x-01.pdf")),
        "{paths:#?}"
    );
    assert!(file_name(&s, &h).ends_with("佐证材料.zip"));
    assert!(is_safe_component(&file_name(&s, &h), 60));
}

#[test]
fn every_path_of_the_largest_framework_is_safe_and_short() {
    for fw in xzzp_templates::frameworks() {
        let mut st = Store::new("e1");
        let points: Vec<(String, Vec<String>)> = fw
            .points()
            .map(|(_, _, p)| (p.id.clone(), p.evidence.clone()))
            .collect();
        for (i, (id, items)) in points.iter().enumerate() {
            let items: Vec<&str> = items.iter().map(String::as_str).collect();
            for (k, item) in items.iter().enumerate() {
                st.attach(
                    &fw,
                    id,
                    "扫描件.pdf",
                    format!("{i}-{k}").as_bytes(),
                    &[item],
                );
            }
            st.attach(
                &fw,
                id,
                &format!("{}.jpg", "很长的照片名称".repeat(20)),
                format!("{i}").as_bytes(),
                &[],
            );
        }
        let h = header("e1");
        let s = school("银川市兴庆区第二十一小学（教育集团核心校）");
        let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
        let paths: Vec<&str> = pack.layout.files.iter().map(|f| f.path.as_str()).collect();
        check_paths(&paths, &pack.layout.root);
        assert_eq!(paths.len(), st.doc.attachments().count(), "{}", fw.id);
    }
}

#[test]
fn a_package_restores_on_a_clean_profile_and_one_damaged_file_is_reported() {
    let fw = compulsory();
    let st = sample(&fw);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let good = st.stitch(&pack);

    // Intact: everything comes back, and the blobs to write are read from the package.
    let opened = open_pack(&good).unwrap();
    let target = EvaluationRef::of(&h, &s.name);
    let mut clean = EvidenceDoc::new("e1");
    let mut index = BlobIndex::default();
    let (plan, unpacked) = opened
        .plan(&fw, &target, &clean, &MergeOptions::default())
        .unwrap();
    assert!(unpacked.damaged.is_empty());
    let ops = merge::apply(&plan, &mut clean, &mut index, false);
    assert_eq!(ops.write.len(), 2);
    for h in &ops.write {
        let path = &unpacked.sources[h];
        let bytes = opened.bytes(path).unwrap().unwrap();
        assert_eq!(&FileDigest::of(bytes).hash, h);
    }
    assert_eq!(
        clean, st.doc,
        "a restore on a clean profile gives back the same evidence"
    );

    // One file damaged inside the archive (a byte flipped in its data): reported, the rest restored.
    let target_path = &pack.layout.files[1].path;
    let entry = ZipReader::new(&good)
        .unwrap()
        .entries()
        .iter()
        .find(|e| &e.name == target_path)
        .unwrap()
        .clone();
    let start = entry
        .data_offset(&good[entry.local_offset as usize..])
        .unwrap() as usize;
    let mut damaged = good.clone();
    damaged[start + 3] ^= 0xFF;
    let opened = open_pack(&damaged).unwrap();
    let mut clean = EvidenceDoc::new("e1");
    let (plan, unpacked) = opened
        .plan(&fw, &target, &clean, &MergeOptions::default())
        .unwrap();
    assert_eq!(unpacked.damaged.len(), 1);
    assert_eq!(unpacked.damaged[0].name, "会议记录扫描.pdf");
    assert!(unpacked.damaged[0].zh().contains("已损坏"));
    merge::apply(&plan, &mut clean, &mut BlobIndex::default(), false);
    assert_eq!(clean.attachments().count(), 2);
    // The tick survives; the item the damaged file evidenced is no longer present.
    let p = clean.point("A1.1.1").unwrap();
    assert!(p.item_present("“三重一大”事项决策台账"));
    assert!(!p.item_present("近一学年党组织会议、校长办公会议记录"));
}

#[test]
fn a_package_for_another_evaluation_is_refused() {
    let fw = compulsory();
    let st = sample(&fw);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let bytes = st.stitch(&pack);
    let opened = open_pack(&bytes).unwrap();
    let mut other = header("e2");
    other.school_year = SchoolYear(2026);
    let err = opened
        .plan(
            &fw,
            &EvaluationRef::of(&other, "贺兰县第一小学"),
            &EvidenceDoc::new("e2"),
            &MergeOptions::default(),
        )
        .unwrap_err();
    assert!(matches!(err, EvidenceError::WrongEvaluation { .. }));
    assert!(err.zh().contains("“贺兰县第一小学 · 2025—2026学年 全学年”，不是当前打开的“贺兰县第一小学 · 2026—2027学年 全学年”"));
}

#[test]
fn broken_or_foreign_archives_are_refused_with_a_reason() {
    let fw = compulsory();
    let st = sample(&fw);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let good = st.stitch(&pack);
    assert_eq!(open_pack(b"").unwrap_err(), PackageError::Empty);
    assert_eq!(open_pack(b"%PDF-1.7").unwrap_err(), PackageError::NotZip);
    assert_eq!(
        open_pack(&good[..good.len() / 2]).unwrap_err(),
        PackageError::Truncated
    );
    // A Word file is a ZIP, but not a package.
    let docx = zip::zip(&[("word/document.xml", b"<w:document/>".to_vec())]);
    assert_eq!(open_pack(&docx).unwrap_err(), PackageError::NoManifest);
    // A backup zipped up by hand.
    let backup = zip::zip(&[(
        MANIFEST_NAME,
        br#"{"format":"xzzp-backup","version":1}"#.to_vec(),
    )]);
    assert_eq!(
        open_pack(&backup).unwrap_err(),
        PackageError::OtherFile("备份文件")
    );
    // A manifest edited by hand.
    let json = pack
        .manifest
        .to_json()
        .replace("IMG_2024.JPG", "IMG_9999.JPG");
    let edited = zip::zip(&[(&format!("根/{MANIFEST_NAME}"), json.into_bytes())]);
    assert_eq!(open_pack(&edited).unwrap_err(), PackageError::Edited);
    for e in [
        PackageError::NotZip,
        PackageError::Truncated,
        PackageError::NoManifest,
    ] {
        assert!(
            e.zh().starts_with("无法导入佐证材料包：")
                && e.zh().ends_with("现有数据没有任何改动。")
        );
    }
}

#[test]
fn an_entry_recompressed_by_another_tool_is_reported_not_misread() {
    let fw = compulsory();
    let st = sample(&fw);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let mut bytes = st.stitch(&pack);
    let reader = ZipReader::new(&bytes).unwrap();
    // Entries: the CSV 目录, the Word 目录, the manifest, then the files.
    let e = reader.entries()[3].clone();
    // Set the compression method to deflate (8) in the central directory entry of the first file.
    // The outer central directory is the last run of signatures (the Word 目录 is a ZIP itself).
    let signatures: Vec<usize> = bytes
        .windows(4 + 6)
        .enumerate()
        .filter(|(_, w)| w[..4] == [0x50, 0x4b, 0x01, 0x02])
        .map(|(i, _)| i)
        .collect();
    let cd_pos = signatures[signatures.len() - reader.entries().len() + 3];
    drop(reader);
    bytes[cd_pos + 10] = 8;
    let opened = open_pack(&bytes).unwrap();
    let u = opened.unpack();
    assert_eq!(u.damaged.len(), 1);
    assert_eq!(u.damaged[0].path, e.name);
    assert_eq!(u.damaged[0].problem, EntryProblem::Compressed);
}

#[test]
fn chosen_areas_only_and_their_catalogue() {
    let fw = compulsory();
    let mut st = sample(&fw);
    let other_area = fw.areas[1].indicators[0].points[0].id.clone();
    st.attach(&fw, &other_area, "别的方面.pdf", b"%PDF-other", &[]);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let opts = PackOptions {
        areas: Some([fw.areas[1].id.clone()].into()),
    };
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &opts).unwrap();
    assert_eq!(pack.layout.files.len(), 1);
    assert_eq!(pack.catalogue.rows.len(), 1);
    assert_eq!(pack.manifest.files.len(), 1);
    assert!(
        pack.manifest.marked.is_empty(),
        "ticks of other areas stay out"
    );
}

#[test]
fn a_teachers_package_merges_into_the_principals_evidence() {
    let fw = compulsory();
    let li = Contributor {
        name: "李老师".into(),
        role: "语文教师".into(),
        department: "教务处".into(),
    };
    let made_by = AddedBy::Teacher { who: li.clone() };
    let mut teacher = Store::new("e1");
    teacher.attach(&fw, "A1.1.1", "照片.jpg", b"\xFF\xD8\xFFphoto-1", &[]);
    teacher.attach(&fw, "A1.1.2", "活动记录.docx", b"PK-teacher", &[]);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let mut inp = input(&fw, &h, &s, &teacher.doc);
    inp.made_by = &made_by;
    let answering = xzzp_core::evidence::manifest::Answering {
        package_id: "pkg1".into(),
        assignee_id: "a4".into(),
    };
    inp.package = Some(&answering);
    let pack = evidence_pack(&inp, &PackOptions::default()).unwrap();
    let bytes = teacher.stitch(&pack);

    let mut principal = sample(&fw);
    let opened = open_pack(&bytes).unwrap();
    assert_eq!(opened.manifest.made_by, made_by);
    assert_eq!(
        opened.manifest.package.as_ref(),
        Some(&answering),
        "it names the 填报包 it answers, under the checksum"
    );
    let opts = MergeOptions {
        allowed_points: Some(["A1.1.1".to_string(), "A1.1.2".to_string()].into()),
        from: Some(li.clone()),
    };
    let (plan, unpacked) = opened
        .plan(&fw, &EvaluationRef::of(&h, &s.name), &principal.doc, &opts)
        .unwrap();
    assert_eq!(
        plan.duplicates.len(),
        1,
        "the photo is already attached to A1.1.1"
    );
    assert_eq!(plan.add.len(), 1);
    let ops = merge::apply(&plan, &mut principal.doc, &mut principal.index, false);
    assert_eq!(ops.write.len(), 1);
    let path = &unpacked.sources[&ops.write[0]];
    assert!(path.ends_with("A1.1.2-活动记录-01.docx"), "{path}");
    let added = &principal.doc.point("A1.1.2").unwrap().files[1];
    assert_eq!(added.added_by, made_by);
}

#[test]
fn the_report_table_counts_evidence_per_area() {
    let fw = compulsory();
    let st = sample(&fw);
    let progress = counts::progress(&fw, &st.doc, |_| true);
    let (columns, rows) = area_summary(&fw, &progress);
    assert_eq!(columns.len(), 5);
    assert_eq!(rows.len(), fw.areas.len() + 1);
    // A1.1.1 lists 4 items (2 present: one linked, one ticked), A1.1.2 lists 4 (none present).
    let a1_listed: usize = fw.areas[0]
        .indicators
        .iter()
        .flat_map(|i| &i.points)
        .map(|p| p.evidence.len())
        .sum();
    let a1_points: usize = fw.areas[0].indicators.iter().map(|i| i.points.len()).sum();
    assert_eq!(rows[0][0], "办学方向");
    assert_eq!(rows[0][1], a1_listed.to_string());
    assert_eq!(rows[0][2], format!("2（{}%）", 200 / a1_listed));
    assert_eq!(rows[0][3], "3");
    assert_eq!(rows[0][4], (a1_points - 2).to_string());
    assert_eq!(rows.last().unwrap()[0], "合计");
}

fn entry_text(zip_bytes: &[u8], name: &str) -> String {
    let files = crate::export::zip::entries(zip_bytes).expect("a readable zip");
    let f = files
        .iter()
        .find(|f| f.0 == name)
        .unwrap_or_else(|| panic!("{name}"));
    String::from_utf8(f.1.clone()).unwrap()
}

#[test]
fn the_package_holds_the_catalogue_as_a_word_document() {
    let fw = compulsory();
    let mut st = sample(&fw);
    // A hostile original name: escaped in the Word file, never markup.
    st.attach(&fw, "A1.1.2", "<w:p>&\"引号\".docx", b"PK-hostile", &[]);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let bytes = st.stitch(&pack);
    let reader = ZipReader::new(&bytes).unwrap();
    let entry = reader
        .entries()
        .iter()
        .find(|e| e.name.ends_with("/佐证材料目录.docx"))
        .expect("the Word 目录");
    let docx = reader.data(entry).unwrap().to_vec();
    let xml = entry_text(&docx, "word/document.xml");
    assert!(xml.contains("贺兰县第一小学2025—2026学年佐证材料目录"));
    assert!(xml.contains("导出日期：2026年6月30日"));
    assert!(xml.contains(r#"w:orient="landscape""#), "landscape pages");
    assert!(xml.contains("<w:tblHeader/>"), "the header row repeats");
    for column in WORD_COLUMNS {
        assert!(xml.contains(column), "{column}");
    }
    // Every point's full text in its group row, every file by its name in the package and its own name.
    for row in &pack.catalogue.rows {
        assert!(xml.contains(&docx::escape(&row[4])), "{}", row[4]);
        let in_package = row[6].rsplit('/').next().unwrap();
        assert!(xml.contains(&docx::escape(in_package)), "{in_package}");
        assert!(xml.contains(&docx::escape(&row[7])), "{}", row[7]);
    }
    assert!(xml.contains("方面：办学方向　关键指标：加强党建工作"));
    assert!(xml.contains(PAPER_ONLY));
    assert!(xml.contains("共4个电子文件、1项纸质材料"));
    assert!(!xml.contains("<w:p>&"), "the hostile name is escaped");
    assert!(xml.contains("&lt;w:p&gt;&amp;&quot;引号&quot;.docx"));
    // The restore reads the manifest as before: the extra entry is not a file of the evidence.
    let opened = open_pack(&bytes).unwrap();
    assert_eq!(opened.unpack().doc.attachments().count(), 4);
}

#[test]
fn an_empty_catalogue_says_so() {
    let fw = compulsory();
    let doc = EvidenceDoc::new("e1");
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let pack = evidence_pack(&input(&fw, &h, &s, &doc), &PackOptions::default()).unwrap();
    let md = pack.catalogue.document(&s, &h, "2026年6月30日").markdown();
    assert!(md.contains("尚未添加佐证材料。"), "{md}");
}

#[test]
fn the_report_counts_evidence_per_area_and_can_annex_the_catalogue() {
    use crate::report::{build, EvidenceSummary, ReportInput};
    use xzzp_core::evaluation::Answers;
    use xzzp_core::ledger::Ledger;
    use xzzp_core::report::ReportEdits;
    let fw = compulsory();
    let st = sample(&fw);
    let (h, s) = (header("e1"), school("贺兰县第一小学"));
    let answers = Answers::default();
    let report = build(&ReportInput {
        school: &s,
        header: &h,
        fw: &fw,
        answers: &answers,
        plan: None,
        ledger: &Ledger::default(),
        earlier: None,
        respondents: Default::default(),
        edits: &ReportEdits::default(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
    });
    // Without the evidence the report has no such annex (a county report of an old package, say).
    let plain = report.document(false);
    assert!(plain.annexes.iter().all(|a| a.title != "佐证材料情况"));

    let progress = counts::progress(&fw, &st.doc, counts::applicable(&answers));
    let with = report.with_evidence(EvidenceSummary::of(&fw, &progress));
    let a1_listed: usize = fw.areas[0]
        .indicators
        .iter()
        .flat_map(|i| &i.points)
        .map(|p| p.evidence.len())
        .sum();
    let a1_points: usize = fw.areas[0].indicators.iter().map(|i| i.points.len()).sum();
    let total_points: usize = fw.points().count();
    let doc = with.document(false);
    let titles: Vec<&str> = doc.annexes.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["各方面达成度", "自评得分表", "佐证材料情况"]);
    // Markdown, HTML and Word all carry the per-area row: 2 of the area's points have evidence, 2 listed
    // items are present, 3 files.
    let row = format!(
        "| 办学方向 | 2/{a1_points} | 2/{a1_listed}（{}%） | 3 |",
        200 / a1_listed
    );
    let md = doc.markdown();
    assert!(md.contains(&row), "{row}\n{md}");
    assert!(
        md.contains(&format!("| **合计** | **2/{total_points}**")),
        "{md}"
    );
    assert!(md.contains(&format!(
        "需提供佐证材料的考查要点{total_points}个，其中2个已有材料"
    )));
    assert!(md.contains(&format!(
        "尚有{}个考查要点没有任何佐证材料",
        total_points - 2
    )));
    let html = doc.html();
    assert!(html.contains("evidence-summary"));
    assert!(html.contains(&format!("2/{a1_points}")));
    let xml = docx::document_xml(&doc);
    assert!(xml.contains("佐证材料情况") && xml.contains(&format!("2/{a1_listed}")));

    // The 目录 as a further annex: listed in the 附件说明, on landscape pages, every file in it.
    let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
    let doc = doc.with_annex(pack.catalogue.annex());
    let md = doc.markdown();
    assert!(md.contains("4．佐证材料目录"), "{md}");
    assert!(md.contains("会议记录扫描.pdf") && md.contains(PAPER_ONLY));
    let xml = docx::document_xml(&doc);
    assert!(xml.contains("附件4") && xml.contains("IMG_2024.JPG"));
    assert!(xml.contains(r#"w:orient="landscape""#));
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn package() -> Vec<u8> {
        let fw = compulsory();
        let st = sample(&fw);
        let (h, s) = (header("e1"), school("贺兰县第一小学"));
        let pack = evidence_pack(&input(&fw, &h, &s, &st.doc), &PackOptions::default()).unwrap();
        st.stitch(&pack)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn damaged_archives_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
                                        cut in any::<prop::sample::Index>(), do_cut in any::<bool>()) {
            let mut bytes = package();
            for (at, v) in edits {
                let i = at.index(bytes.len());
                bytes[i] = v;
            }
            if do_cut {
                let n = cut.index(bytes.len());
                bytes.truncate(n);
            }
            if let Ok(opened) = open_pack(&bytes) {
                let u = opened.unpack();
                prop_assert!(u.doc.attachments().count() + u.damaged.len() == opened.manifest.files.len());
            }
        }

        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let _ = open_pack(&bytes);
            let _ = manifest::parse(&bytes);
        }
    }
}
