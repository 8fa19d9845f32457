//! What Configuration Manager client logs say: WSUS locations handed out, policy, scan errors.

use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use std::io::Read;

#[derive(Debug, Clone, Default)]
pub struct ConfigMgrFacts {}

impl ConfigMgrFacts {
    pub fn merge(&mut self, _other: ConfigMgrFacts) {}
    pub fn finish(&mut self) {}
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let mut text = String::new();
    file.text_reader(enc)?.read_to_string(&mut text).ok();
    let mut ing = Ingested::default();
    ing.stats.records = memchr::memmem::find_iter(text.as_bytes(), b"<![LOG[").count() as u64;
    Ok(ing)
}
