//! Documents of 学校质量自评, made from the domain of `xzzp-core`: the self-evaluation report (drafting and its
//! HTML, Word and Markdown renderings), the evidence package (佐证材料包) and the sample schools of the workshop
//! demo. Pure: tested on the host.

pub mod demo;
pub mod evidence_pack;
pub mod export;
pub mod report;
