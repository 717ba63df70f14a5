//! Documents of 学校质量自评, made from the domain of `xzzp-core`: the self-evaluation report (drafting and its
//! HTML, Word and Markdown renderings) and the sample schools of the workshop demo. Pure: tested on the host.

pub mod bulletin;
pub mod demo;
pub mod demo_county;
pub mod export;
pub mod report;
pub mod submission;
