//! Installed updates (`Get-HotFix`, `wmic qfe`) and the WSUS product version
//! (`SoftwareDistribution.log`, whose `SqlException` records go to [`super::database`]).

use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::values::EvidenceRef;
use serde::Serialize;

/// One installed update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstalledUpdate {
    /// `KB4039396`.
    pub id: String,
    pub description: Option<String>,
    pub installed_on: Option<String>,
    pub origin: EvidenceRef,
}

/// A WSUS version statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WsusVersion {
    pub version: String,
    pub origin: EvidenceRef,
}

#[derive(Debug, Clone, Default)]
pub struct UpdateFacts {
    /// Installed updates from every list read.
    pub installed: Vec<InstalledUpdate>,
    /// The update lists read (so that "not listed" can be told from "no list").
    pub lists: Vec<String>,
    /// WSUS product versions stated by SoftwareDistribution.log, in input order.
    pub wsus_versions: Vec<WsusVersion>,
}

impl UpdateFacts {
    pub(crate) fn merge(&mut self, other: UpdateFacts) {
        self.installed.extend(other.installed);
        self.lists.extend(other.lists);
        self.wsus_versions.extend(other.wsus_versions);
    }

    /// The installed update with this KB number (`KB4039396` or `4039396`).
    pub fn find(&self, kb: &str) -> Option<&InstalledUpdate> {
        let want = kb.trim().trim_start_matches(['K', 'B', 'k', 'b']);
        self.installed
            .iter()
            .find(|u| u.id.trim_start_matches(['K', 'B']) == want)
    }

    /// The newest WSUS version stated.
    pub(crate) fn wsus_version(&self) -> Option<&WsusVersion> {
        self.wsus_versions.last()
    }
}

pub(crate) fn ingest_hotfix(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let mut ing = Ingested::default();
    let updates = &mut ing.facts.updates;
    updates.lists.push(file.display.clone());
    crate::parsers::hotfix::parse(file.text_reader(enc)?, &mut ing.stats, |h| {
        updates.installed.push(InstalledUpdate {
            id: h.id,
            description: h.description,
            installed_on: h.installed_on,
            origin: EvidenceRef::line(&file.display, h.line),
        })
    })?;
    Ok(ing)
}

pub(crate) fn ingest_software_distribution(
    file: &EvidenceFile,
    enc: TextEncoding,
) -> std::io::Result<Ingested> {
    use crate::parsers::software_distribution::SdRecord;
    let mut ing = Ingested::default();
    let versions = &mut ing.facts.updates.wsus_versions;
    let database = &mut ing.facts.database;
    database.logs_read.push(file.display.clone());
    crate::parsers::software_distribution::parse(
        file.text_reader(enc)?,
        &mut ing.stats,
        |r| match r {
            SdRecord::Version(v) => versions.push(WsusVersion {
                version: v.version,
                origin: EvidenceRef::line(&file.display, v.line),
            }),
            SdRecord::Exception(e) => database.record(e, &file.display),
        },
    )?;
    Ok(ing)
}
