//! One writer per format, each rendering any [`crate::doc::Document`]: Word ([`docx`]), Markdown
//! ([`markdown`]) and HTML for the preview and printing ([`html`]). User text is escaped for the format in
//! every case. [`zip`] packs the Word file.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod zip;

pub use crate::doc::{line_kind, text_bar, Line};
