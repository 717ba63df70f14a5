//! Limits and checks of evidence files: the size limit, which types the page previews, media types, the
//! shrink offer for large photos, and every refusal as a [`Localized`] kind.

use crate::i18n::{Lang, Localized};

/// The largest file that can be attached: 50 MB (binary). A scanned 档案 of a hundred pages at 300 dpi or a
/// phone video of a minute fits; larger files are almost always videos, which belong on the school's own
/// storage, and they would make an evidence package that no e-mail or chat can carry.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The longest original file name kept, in characters; longer names are cut (the name is only shown).
pub const MAX_NAME_CHARS: usize = 200;

/// Photos larger than this are offered to be shrunk before saving (the original stays the default): a
/// phone photo of 12 megapixels is 3–6 MB, its shrunk copy a few hundred KB.
pub const SHRINK_OFFER_BYTES: u64 = 1024 * 1024;

/// The longer edge, in pixels, of a shrunk photo: sharp on a printed A4 page (2000 px over 25 cm is about
/// 200 dpi) and on a projector.
pub const SHRINK_MAX_EDGE: u32 = 2000;

/// JPEG quality of a shrunk photo (0–1): no visible loss on a document photo at a tenth of the bytes.
pub const SHRINK_JPEG_QUALITY: f64 = 0.85;

/// Bytes kept free below the browser's quota for the other documents of the tool, so that attaching files can
/// never make saving an answer fail.
pub const STORAGE_RESERVE_BYTES: u64 = 20 * 1024 * 1024;

/// How the page can show a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preview {
    /// A JPEG, PNG, GIF or WebP image, shown in an `<img>`.
    Image,
    /// A PDF, shown in the browser's own viewer.
    Pdf,
    /// Anything else: downloaded on click and opened with Word, WPS, Excel….
    Download,
}

/// The media type a file's first bytes show, for the formats the page previews. SVG is deliberately not
/// among them: it can carry scripts.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("image/webp")
    } else if head.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// The media type of a file from its extension, for the types schools use (Office and WPS documents,
/// images, PDF, audio and video, archives).
pub fn media_type_for_extension(ext: &str) -> Option<&'static str> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" | "jpe" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "heic" => "image/heic",
        "heif" => "image/heif",
        "pdf" => "application/pdf",
        "ofd" => "application/ofd",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wps" | "wpt" => "application/vnd.ms-works",
        "et" | "ett" => "application/vnd.ms-excel",
        "dps" | "dpt" => "application/vnd.ms-powerpoint",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "zip" => "application/zip",
        "rar" => "application/vnd.rar",
        "7z" => "application/x-7z-compressed",
        _ => return None,
    })
}

/// The usual extension of a media type, for a file whose name has none.
pub fn extension_for_media_type(media_type: &str) -> Option<&'static str> {
    Some(match media_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/heic" => "heic",
        "application/pdf" => "pdf",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.ms-powerpoint" => "ppt",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        "application/vnd.ms-works" => "wps",
        "text/plain" => "txt",
        "text/csv" => "csv",
        "video/mp4" => "mp4",
        "audio/mpeg" => "mp3",
        "application/zip" => "zip",
        _ => return None,
    })
}

/// What kind of file a media type is, in words (for the 目录 and the file list).
pub fn kind_label(media_type: &str, lang: Lang) -> &'static str {
    let (zh, en) = match media_type {
        m if m.starts_with("image/") => ("图片", "Image"),
        "application/pdf" => ("PDF", "PDF"),
        "application/ofd" => ("OFD 版式文件", "OFD document"),
        m if m.contains("word")
            || m.contains("opendocument.text")
            || m == "application/vnd.ms-works" =>
        {
            ("文字文档", "Text document")
        }
        m if m.contains("excel") || m.contains("spreadsheet") || m == "text/csv" => {
            ("表格", "Spreadsheet")
        }
        m if m.contains("powerpoint") || m.contains("presentation") => ("演示文稿", "Presentation"),
        m if m.starts_with("video/") => ("视频", "Video"),
        m if m.starts_with("audio/") => ("音频", "Audio"),
        m if m.starts_with("text/") => ("文本", "Text"),
        "application/zip" | "application/vnd.rar" | "application/x-7z-compressed" => {
            ("压缩包", "Archive")
        }
        _ => ("其他文件", "Other file"),
    };
    lang.pick(zh, en)
}

/// The media type to record: the browser's when it gave one (it often gives none for WPS files), else the one
/// the extension implies, else `application/octet-stream`.
pub fn media_type(name: &str, given: &str) -> String {
    let given = given.trim();
    if !given.is_empty() && given.contains('/') && given.len() <= 100 && given.is_ascii() {
        return given.to_ascii_lowercase();
    }
    crate::file_name::extension(name)
        .and_then(|e| media_type_for_extension(&e))
        .unwrap_or("application/octet-stream")
        .to_string()
}

/// How the page can show a file of this media type. When the first bytes are known they decide: a file named
/// `.jpg` that is not a JPEG is offered for download rather than shown broken.
pub fn preview(media_type: &str, head: Option<&[u8]>) -> Preview {
    let kind = match head {
        Some(h) => sniff(h),
        None => Some(media_type),
    };
    match kind {
        Some("image/jpeg" | "image/png" | "image/gif" | "image/webp") => Preview::Image,
        Some("application/pdf") => Preview::Pdf,
        _ => Preview::Download,
    }
}

/// Whether to offer shrinking a photo before it is saved: JPEG, PNG or WebP over [`SHRINK_OFFER_BYTES`].
/// Animated GIFs are never offered, since a canvas keeps only the first frame.
pub fn offer_shrink(media_type: &str, size: u64) -> bool {
    size > SHRINK_OFFER_BYTES && matches!(media_type, "image/jpeg" | "image/png" | "image/webp")
}

/// The size of a shrunk photo: the longer edge brought down to [`SHRINK_MAX_EDGE`], the proportions kept;
/// `None` when the photo is already that small.
pub fn shrink_size(width: u32, height: u32) -> Option<(u32, u32)> {
    let long = width.max(height);
    if long <= SHRINK_MAX_EDGE || width == 0 || height == 0 {
        return None;
    }
    let scale = |v: u32| {
        ((v as u64 * SHRINK_MAX_EDGE as u64 + long as u64 / 2) / long as u64).max(1) as u32
    };
    Some((scale(width), scale(height)))
}

/// The offer shown when large photos are picked: which ones, and what shrinking does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShrinkOffer {
    /// Name and size of each photo that would be shrunk.
    pub photos: Vec<(String, u64)>,
}

impl Localized for ShrinkOffer {
    fn text(&self, lang: Lang) -> String {
        let list: Vec<String> = self
            .photos
            .iter()
            .map(|(n, s)| match lang {
                Lang::Zh => format!("“{n}”（{}）", format_size(*s, lang)),
                Lang::En => format!("\"{n}\" ({})", format_size(*s, lang)),
            })
            .collect();
        match lang {
            Lang::Zh => format!(
                "{} 张照片超过 {}：{}。可以保留原图添加，也可以压缩后再保存（最长边 {SHRINK_MAX_EDGE} 像素的 JPEG，原图不保存，通常只有原来的十分之一）。",
                self.photos.len(),
                format_size(SHRINK_OFFER_BYTES, lang),
                list.join("、")
            ),
            Lang::En => format!(
                "{} photo{} over {}: {}. Add the originals, or shrink them before saving (JPEG, at most {SHRINK_MAX_EDGE} pixels on the long side; the original is not kept; usually a tenth of the size).",
                self.photos.len(),
                if self.photos.len() == 1 { "" } else { "s" },
                format_size(SHRINK_OFFER_BYTES, lang),
                list.join(", ")
            ),
        }
    }
}

/// What shrinking did to a stored photo, for its line in the file list: before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShrunkNote {
    /// The record.
    pub shrunk: crate::evidence::Shrunk,
    /// The stored size.
    pub size: u64,
}

impl Localized for ShrunkNote {
    fn text(&self, lang: Lang) -> String {
        let s = &self.shrunk;
        match lang {
            Lang::Zh => format!(
                "已压缩：原图 {}（{}×{}）→ {}（{}×{}）",
                format_size(s.original_size, lang),
                s.original_width,
                s.original_height,
                format_size(self.size, lang),
                s.width,
                s.height
            ),
            Lang::En => format!(
                "shrunk: original {} ({}×{}) → {} ({}×{})",
                format_size(s.original_size, lang),
                s.original_width,
                s.original_height,
                format_size(self.size, lang),
                s.width,
                s.height
            ),
        }
    }
}

/// A photo that could not be shrunk because the browser cannot decode it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShrinkFailed(pub String);

impl Localized for ShrinkFailed {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "照片“{}”无法在浏览器中打开，不能压缩；什么都没有保存。可以选择“保留原图并添加”。",
                self.0
            ),
            Lang::En => format!(
                "The photo \"{}\" cannot be opened in the browser, so it cannot be shrunk; nothing was saved. Choose \"Add the originals\" instead.",
                self.0
            ),
        }
    }
}

/// A size for people: 850 KB, 12.3 MB, 1.2 GB (binary units, as Windows shows them).
pub fn format_size(bytes: u64, lang: Lang) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        match lang {
            Lang::Zh => format!("{bytes} 字节"),
            Lang::En => format!("{bytes} bytes"),
        }
    } else if b < K * K {
        format!("{:.0} KB", (b / K).max(1.0))
    } else if b < K * K * K {
        format!("{:.1} MB", b / K / K)
    } else {
        format!("{:.2} GB", b / K / K / K)
    }
}

/// The notice shown for a file the page cannot preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPreview {
    /// The file's name.
    pub name: String,
}

impl Localized for NoPreview {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "“{}”不能在页面中预览（只能预览 JPG、PNG、GIF、WebP 图片和 PDF）。点击下载后用 Word、WPS 或相应软件打开。",
                self.name
            ),
            Lang::En => format!(
                "\"{}\" cannot be previewed in the page (only JPG, PNG, GIF and WebP images and PDF can). Click to download it and open it with Word, WPS or another program.",
                self.name
            ),
        }
    }
}

/// Why an evidence operation was refused. Nothing is changed when one is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceError {
    /// The point is not in the evaluation's framework.
    UnknownPoint {
        /// The point id.
        point_id: String,
    },
    /// The item is not in the point's 佐证材料 list.
    UnknownItem {
        /// The point id.
        point_id: String,
        /// The item as given.
        item: String,
    },
    /// No attachment with this id on the point.
    UnknownAttachment {
        /// The point id.
        point_id: String,
        /// The attachment id.
        id: String,
    },
    /// The file has no bytes.
    EmptyFile {
        /// The file's name.
        name: String,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size.
        size: u64,
    },
    /// The same file (same content) is already attached to this point.
    AlreadyAttached {
        /// The new file's name.
        name: String,
        /// The name it was attached under.
        existing: String,
    },
    /// The browser's storage cannot take the new files.
    StorageFull {
        /// Bytes the new files need after de-duplication.
        needed: u64,
        /// Bytes still available (quota less usage less [`STORAGE_RESERVE_BYTES`]).
        available: u64,
    },
    /// The browser refused to store the files although its estimate said there was room (the estimate is
    /// only an estimate: a disk nearly full, or a limit set by policy).
    StorageRefused {
        /// Bytes the new files need after de-duplication.
        needed: u64,
    },
    /// A stored file's bytes no longer match what was recorded when it was attached.
    Damaged {
        /// The file's name.
        name: String,
        /// The point it belongs to.
        point_id: String,
    },
    /// A stored file's bytes are gone (the browser cleared part of its storage).
    Missing {
        /// The file's name.
        name: String,
        /// The point it belongs to.
        point_id: String,
    },
    /// An evidence package made for another evaluation.
    WrongEvaluation {
        /// What the package belongs to, e.g. 贺兰县第一小学 · 2025—2026学年 全学年.
        package: String,
        /// The evaluation it was imported into.
        target: String,
    },
    /// A teacher's evidence package that answers no 填报包 the open evaluation issued.
    NotIssued {
        /// The teacher.
        who: String,
    },
}

impl Localized for EvidenceError {
    fn text(&self, lang: Lang) -> String {
        let limit = format_size(MAX_FILE_BYTES, lang);
        match (self, lang) {
            (EvidenceError::UnknownPoint { point_id }, Lang::Zh) => {
                format!("考查要点“{point_id}”不在本次自评的评价框架中，文件没有添加。")
            }
            (EvidenceError::UnknownPoint { point_id }, Lang::En) => {
                format!("Point \"{point_id}\" is not in this evaluation's framework; nothing was added.")
            }
            (EvidenceError::UnknownItem { point_id, item }, Lang::Zh) => {
                format!("考查要点 {point_id} 的佐证材料清单中没有“{item}”，没有改动。")
            }
            (EvidenceError::UnknownItem { point_id, item }, Lang::En) => {
                format!("The evidence list of point {point_id} has no item \"{item}\"; nothing was changed.")
            }
            (EvidenceError::UnknownAttachment { point_id, .. }, Lang::Zh) => {
                format!("考查要点 {point_id} 下找不到这个文件，可能已在另一个窗口中删除。请刷新页面。")
            }
            (EvidenceError::UnknownAttachment { point_id, .. }, Lang::En) => format!(
                "This file is no longer attached to point {point_id}; it may have been removed in another tab. Reload the page."
            ),
            (EvidenceError::EmptyFile { name }, Lang::Zh) => {
                format!("“{name}”是空文件（0 字节），没有添加。请检查是否选错了文件。")
            }
            (EvidenceError::EmptyFile { name }, Lang::En) => {
                format!("\"{name}\" is empty (0 bytes) and was not added. Check that you picked the right file.")
            }
            (EvidenceError::TooLarge { name, size }, Lang::Zh) => format!(
                "“{name}”有 {}，超过每个文件 {limit} 的上限，没有添加。照片可选择“压缩后保存”；扫描件可降低分辨率或分成几个文件；视频请保存在学校的电脑上，在佐证说明中写明存放位置。",
                format_size(*size, lang)
            ),
            (EvidenceError::TooLarge { name, size }, Lang::En) => format!(
                "\"{name}\" is {}, over the limit of {limit} per file, and was not added. Photos can be shrunk before saving; scans can use a lower resolution or be split; keep videos on the school's computer and say where in the evidence note.",
                format_size(*size, lang)
            ),
            (EvidenceError::AlreadyAttached { name, existing }, Lang::Zh) => {
                format!("“{name}”与已添加的“{existing}”内容完全相同，本要点下不再重复添加。")
            }
            (EvidenceError::AlreadyAttached { name, existing }, Lang::En) => format!(
                "\"{name}\" is identical to \"{existing}\", already attached to this point; it was not added again."
            ),
            (EvidenceError::StorageFull { needed, available }, Lang::Zh) => format!(
                "浏览器存储空间不足：这些文件需要 {}，目前只剩 {}。什么都没有保存。请先导出佐证材料包作为备份，再删除不需要的文件或旧的自评，或者选择“压缩后保存”照片。",
                format_size(*needed, lang),
                format_size(*available, lang)
            ),
            (EvidenceError::StorageFull { needed, available }, Lang::En) => format!(
                "Not enough browser storage: these files need {}, only {} is left. Nothing was saved. Export the evidence package as a backup, then remove files or old evaluations you no longer need, or shrink photos before saving.",
                format_size(*needed, lang),
                format_size(*available, lang)
            ),
            (EvidenceError::StorageRefused { needed }, Lang::Zh) => format!(
                "浏览器拒绝保存这些文件（需要 {}）：存储空间已满或受到限制。什么都没有保存。请先导出佐证材料包作为备份，再删除不需要的文件或旧的自评，或者选择“压缩后保存”照片；也可以检查电脑磁盘是否已满。",
                format_size(*needed, lang)
            ),
            (EvidenceError::StorageRefused { needed }, Lang::En) => format!(
                "The browser refused to store these files ({}): its storage is full or limited. Nothing was saved. Export the evidence package as a backup, then remove files or old evaluations you no longer need, or shrink photos before saving; also check whether the computer's disk is full.",
                format_size(*needed, lang)
            ),
            (EvidenceError::Damaged { name, point_id }, Lang::Zh) => format!(
                "考查要点 {point_id} 的文件“{name}”已损坏（内容与添加时不一致），其他文件不受影响。请重新添加这个文件，或从佐证材料包备份中恢复。"
            ),
            (EvidenceError::Damaged { name, point_id }, Lang::En) => format!(
                "The file \"{name}\" of point {point_id} is damaged (its content differs from when it was added); other files are not affected. Attach it again or restore it from an evidence package."
            ),
            (EvidenceError::Missing { name, point_id }, Lang::Zh) => format!(
                "考查要点 {point_id} 的文件“{name}”的内容已不在浏览器中（可能被浏览器清理），其他文件不受影响。请重新添加，或从佐证材料包备份中恢复。"
            ),
            (EvidenceError::Missing { name, point_id }, Lang::En) => format!(
                "The content of \"{name}\" (point {point_id}) is no longer in the browser (the browser may have cleared it); other files are not affected. Attach it again or restore it from an evidence package."
            ),
            (EvidenceError::WrongEvaluation { package, target }, Lang::Zh) => format!(
                "这个佐证材料包属于“{package}”，不是当前打开的“{target}”，没有导入。请先打开对应的自评再导入。"
            ),
            (EvidenceError::WrongEvaluation { package, target }, Lang::En) => format!(
                "This evidence package belongs to \"{package}\", not to the open evaluation \"{target}\"; nothing was imported. Open that evaluation first."
            ),
            (EvidenceError::NotIssued { who }, Lang::Zh) => format!(
                "{who}的佐证材料包不对应本次自评发出的任何填报包，没有导入。请让该教师用学校发给他的填报包重新导出。"
            ),
            (EvidenceError::NotIssued { who }, Lang::En) => format!(
                "The evidence package of {who} answers no package this evaluation issued; nothing was imported. Ask them to export it again from the package the school sent."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_only_safe_image_types_and_pdf() {
        assert_eq!(preview("image/jpeg", None), Preview::Image);
        assert_eq!(preview("application/pdf", None), Preview::Pdf);
        assert_eq!(preview("image/svg+xml", None), Preview::Download);
        assert_eq!(preview("image/heic", None), Preview::Download);
        assert_eq!(preview("application/msword", None), Preview::Download);
        // The bytes decide: a Word file renamed .jpg is downloaded, a PNG without a type is shown.
        assert_eq!(
            preview("image/jpeg", Some(b"PK\x03\x04rest")),
            Preview::Download
        );
        assert_eq!(preview("", Some(b"\x89PNG\r\n\x1a\n....")), Preview::Image);
        assert_eq!(preview("", Some(b"RIFF\0\0\0\0WEBPVP8 ")), Preview::Image);
        assert_eq!(preview("", Some(b"%PDF-1.7")), Preview::Pdf);
    }

    #[test]
    fn media_types_come_from_the_browser_or_the_extension() {
        assert_eq!(media_type("总结.wps", ""), "application/vnd.ms-works");
        assert_eq!(media_type("照片.JPG", ""), "image/jpeg");
        assert_eq!(media_type("x.bin", ""), "application/octet-stream");
        assert_eq!(media_type("x.jpg", "Image/PNG"), "image/png");
        assert_eq!(media_type("x.pdf", "<script>"), "application/pdf");
    }

    #[test]
    fn kinds_and_extensions_of_media_types() {
        assert_eq!(kind_label("image/jpeg", Lang::Zh), "图片");
        assert_eq!(
            kind_label(&media_type("总结.wps", ""), Lang::Zh),
            "文字文档"
        );
        assert_eq!(
            kind_label(&media_type("名册.et", ""), Lang::En),
            "Spreadsheet"
        );
        assert_eq!(kind_label("application/octet-stream", Lang::Zh), "其他文件");
        assert_eq!(extension_for_media_type("image/jpeg"), Some("jpg"));
        assert_eq!(extension_for_media_type("x/y"), None);
    }

    #[test]
    fn large_photos_are_offered_a_smaller_copy() {
        assert!(offer_shrink("image/jpeg", 5_000_000));
        assert!(offer_shrink("image/png", 1024 * 1024 + 1));
        assert!(!offer_shrink("image/jpeg", 1024 * 1024));
        assert!(!offer_shrink("image/gif", 5_000_000));
        assert!(!offer_shrink("application/pdf", 5_000_000));
        assert_eq!(shrink_size(4032, 3024), Some((2000, 1500)));
        assert_eq!(shrink_size(3000, 4000), Some((1500, 2000)));
        assert_eq!(shrink_size(2000, 1000), None);
        assert_eq!(shrink_size(100_000, 1), Some((2000, 1)));
        let offer = ShrinkOffer {
            photos: vec![("合影.jpg".into(), 5 * 1024 * 1024)],
        };
        assert!(offer
            .zh()
            .starts_with("1 张照片超过 1.0 MB：“合影.jpg”（5.0 MB）。"));
        assert!(offer
            .text(Lang::En)
            .starts_with("1 photo over 1.0 MB: \"合影.jpg\" (5.0 MB)."));
        let note = ShrunkNote {
            shrunk: crate::evidence::Shrunk {
                original_size: 5 * 1024 * 1024,
                original_width: 4000,
                original_height: 3000,
                width: 2000,
                height: 1500,
            },
            size: 400 * 1024,
        };
        assert_eq!(
            note.zh(),
            "已压缩：原图 5.0 MB（4000×3000）→ 400 KB（2000×1500）"
        );
    }

    #[test]
    fn sizes_read_like_windows() {
        assert_eq!(format_size(0, Lang::Zh), "0 字节");
        assert_eq!(format_size(1023, Lang::En), "1023 bytes");
        assert_eq!(format_size(1536, Lang::Zh), "2 KB");
        assert_eq!(format_size(MAX_FILE_BYTES, Lang::Zh), "50.0 MB");
        assert_eq!(format_size(3 * 1024 * 1024 * 1024, Lang::Zh), "3.00 GB");
    }

    #[test]
    fn every_refusal_says_what_and_what_to_do_in_both_languages() {
        let all = [
            EvidenceError::UnknownPoint {
                point_id: "A1".into(),
            },
            EvidenceError::UnknownItem {
                point_id: "A1".into(),
                item: "x".into(),
            },
            EvidenceError::UnknownAttachment {
                point_id: "A1".into(),
                id: "f".into(),
            },
            EvidenceError::EmptyFile {
                name: "a.pdf".into(),
            },
            EvidenceError::TooLarge {
                name: "视频.mp4".into(),
                size: 80 * 1024 * 1024,
            },
            EvidenceError::AlreadyAttached {
                name: "b.jpg".into(),
                existing: "a.jpg".into(),
            },
            EvidenceError::StorageFull {
                needed: 120 * 1024 * 1024,
                available: 80 * 1024 * 1024,
            },
            EvidenceError::StorageRefused {
                needed: 120 * 1024 * 1024,
            },
            EvidenceError::Damaged {
                name: "a.pdf".into(),
                point_id: "A1".into(),
            },
            EvidenceError::Missing {
                name: "a.pdf".into(),
                point_id: "A1".into(),
            },
            EvidenceError::WrongEvaluation {
                package: "甲".into(),
                target: "乙".into(),
            },
            EvidenceError::NotIssued {
                who: "李老师".into(),
            },
        ];
        for e in &all {
            let zh = e.zh();
            let en = e.text(Lang::En);
            assert!(zh.ends_with('。'), "{zh}");
            assert!(!en.is_empty() && !en.contains("Error"), "{en}");
        }
        assert_eq!(
            EvidenceError::TooLarge { name: "视频.mp4".into(), size: 80 * 1024 * 1024 }.zh(),
            "“视频.mp4”有 80.0 MB，超过每个文件 50.0 MB 的上限，没有添加。照片可选择“压缩后保存”；扫描件可降低分辨率或分成几个文件；视频请保存在学校的电脑上，在佐证说明中写明存放位置。"
        );
        assert!(EvidenceError::StorageFull {
            needed: 120 * 1024 * 1024,
            available: 80 * 1024 * 1024
        }
        .zh()
        .contains("需要 120.0 MB，目前只剩 80.0 MB。什么都没有保存"));
        assert!(NoPreview {
            name: "总结.docx".into()
        }
        .zh()
        .contains("“总结.docx”不能在页面中预览"));
    }
}
