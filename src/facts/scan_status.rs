//! What Configuration Manager knows of its clients' last scans (`v_UpdateScanStatus`): one entry
//! per machine, read from an export of the site's database. Evidence about the whole fleet, held
//! with the site's (server-side) facts, never one machine per row.

use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::knowledge::scan_status::ScanState;
use crate::parsers::scan_status::ScanStatusRow;
use crate::values::time::Stamp;
use crate::values::EvidenceRef;
use std::collections::BTreeMap;

/// One machine's last scan as the site recorded it: the export's row, and where it was read.
#[derive(Debug, Clone)]
pub(crate) struct MachineScan {
    pub row: ScanStatusRow,
    pub origin: EvidenceRef,
}

impl MachineScan {
    /// The site's record of a successful scan: no error, and a completed state when the export
    /// has the state.
    pub(crate) fn is_healthy(&self) -> bool {
        self.row.error == Some(0) && self.row.state.is_none_or(|s| s == ScanState::Completed)
    }
}

/// The machines of every scan status export read.
#[derive(Debug, Clone, Default)]
pub struct ScanStatusFacts {
    machines: Vec<MachineScan>,
}

impl ScanStatusFacts {
    pub fn is_empty(&self) -> bool {
        self.machines.is_empty()
    }

    /// One entry per machine, by name.
    pub(crate) fn machines(&self) -> &[MachineScan] {
        &self.machines
    }

    pub(crate) fn merge(&mut self, other: ScanStatusFacts) {
        self.machines.extend(other.machines);
    }

    /// Keeps each machine's latest scan: queries that join collection membership or several
    /// update sources list a machine more than once.
    pub(crate) fn finish(&mut self) {
        let mut by_name: BTreeMap<String, MachineScan> = BTreeMap::new();
        for m in self.machines.drain(..) {
            let key = m.row.machine.to_ascii_lowercase();
            match by_name.get(&key) {
                Some(have) if have.row.time.map(|t| t.civil) > m.row.time.map(|t| t.civil) => {}
                _ => {
                    by_name.insert(key, m);
                }
            }
        }
        self.machines = by_name.into_values().collect();
    }

    /// The newest scan time of all machines: the moment the export speaks of.
    pub(crate) fn newest(&self) -> Option<Stamp> {
        self.machines
            .iter()
            .filter_map(|m| m.row.time)
            .max_by_key(|t| t.civil)
    }
}

/// Reads a scan status export.
pub(crate) fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let mut ing = Ingested::default();
    let machines = &mut ing.facts.scan_status.machines;
    crate::parsers::scan_status::parse(file.text_reader(enc)?, &mut ing.stats, |r| {
        machines.push(MachineScan {
            origin: EvidenceRef::line(&file.display, r.line),
            row: r,
        })
    })?;
    Ok(ing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(machine: &str, day: i8, line: u64) -> MachineScan {
        MachineScan {
            row: ScanStatusRow {
                machine: machine.into(),
                error: Some(0),
                state: Some(ScanState::Completed),
                time: Stamp::civil_from_parts(2024, 3, day, 9, 0, 0, 0).map(Stamp::local),
                location: None,
                wua_version: None,
                address: Some(format!("10.0.0.{line}")),
                line,
                text: String::new(),
            },
            origin: EvidenceRef::line("scan.csv", line),
        }
    }

    #[test]
    fn a_machine_listed_twice_keeps_its_latest_scan() {
        let mut facts = ScanStatusFacts {
            machines: vec![
                scan("PC-1", 5, 2),
                scan("pc-1", 4, 3),
                scan("PC-2", 1, 4),
                scan("PC-1", 5, 5),
            ],
        };
        facts.finish();
        let kept: Vec<(&str, &str)> = facts
            .machines()
            .iter()
            .map(|m| {
                (
                    m.row.machine.as_str(),
                    m.row.address.as_deref().unwrap_or(""),
                )
            })
            .collect();
        // Of two rows of the same time, the later one (its address) is kept.
        assert_eq!(kept, [("PC-1", "10.0.0.5"), ("PC-2", "10.0.0.4")]);
        assert_eq!(facts.newest().map(|t| t.civil.day()), Some(5));
    }
}
