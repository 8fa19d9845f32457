//! One code path for every mode: evidence files → parsed facts and inventory → checks →
//! diagnosis → report. Live runs hand in files gathered in memory; offline runs hand in files
//! found on disk; probe runs add probe facts.

use crate::evidence::{self, sniff, text::TextEncoding, EvidenceFile, EvidenceSet, Kind};
use crate::facts::{self, Context, Facts, Ingested};
use crate::report::{Inventory, InventoryEntry, Mode, Report, Summary, ToolInfo};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Reads every file (in parallel), returning merged facts and the inventory, both in input order.
pub fn analyse(set: &EvidenceSet, context: Context) -> (Facts, Inventory) {
    let outcomes: Vec<(InventoryEntry, Facts)> = set.files.par_iter().map(read_one).collect();
    let mut merged = Facts {
        context,
        ..Facts::default()
    };
    let mut inventory = Inventory {
        files: Vec::with_capacity(outcomes.len()),
        problems: set.problems.clone(),
    };
    for (entry, facts) in outcomes {
        merged.merge(facts);
        inventory.files.push(entry);
    }
    merged.finish();
    (merged, inventory)
}

/// Sniffs and parses one file. A failure is recorded in the entry; what was read before it still
/// counts.
fn read_one(file: &EvidenceFile) -> (InventoryEntry, Facts) {
    let mut entry = InventoryEntry {
        path: file.display.clone(),
        kind: None,
        size: file.size,
        recognised_by: String::new(),
        encoding: None,
        records: 0,
        malformed: 0,
        malformed_examples: Vec::new(),
        first_time: None,
        last_time: None,
        notes: Vec::new(),
        error: None,
    };
    let head = match file.head(evidence::SNIFF_BYTES) {
        Ok(h) => h,
        Err(e) => {
            entry.recognised_by = "could not be read".into();
            entry.error = Some(format!("cannot read: {}", evidence::describe_io(&e)));
            return (entry, Facts::default());
        }
    };
    let sniffed = sniff::sniff(&head);
    entry.kind = sniffed.kind;
    entry.recognised_by = sniffed.reason;
    entry.encoding = sniffed.encoding.map(|e| e.label());
    if file.gzip {
        entry.notes.push("gzip-compressed".into());
    }
    let Some(kind) = sniffed.kind else {
        return (entry, Facts::default());
    };
    let enc = sniffed.encoding.unwrap_or(TextEncoding::Utf8);
    let result = catch_unwind(AssertUnwindSafe(|| ingest(kind, file, enc)));
    let ingested = match result {
        Ok(Ok(ing)) => ing,
        Ok(Err(e)) => {
            entry.error = Some(format!("reading stopped: {}", evidence::describe_io(&e)));
            Ingested::default()
        }
        Err(_) => {
            entry.error = Some("internal error while reading this file (a bug in wsus-doctor: please report it with the file); the other files were still analysed".into());
            Ingested::default()
        }
    };
    let stats = ingested.stats;
    entry.records = stats.records;
    entry.malformed = stats.malformed;
    entry.malformed_examples = stats.malformed_examples;
    entry.first_time = stats.first_time;
    entry.last_time = stats.last_time;
    entry.notes.extend(stats.notes);
    (entry, ingested.facts)
}

/// The parser for each kind.
fn ingest(kind: Kind, file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    match kind {
        Kind::IisW3c => facts::iis_log::ingest(file, enc),
        Kind::Httperr => facts::httperr::ingest(file, enc),
        Kind::WindowsUpdateLog => facts::wu_log::ingest(file, enc),
        Kind::Cmtrace => facts::configmgr::ingest(file, enc),
        Kind::RegExport => facts::registry::ingest_reg_export(file, enc),
        Kind::RegQuery => facts::registry::ingest_reg_query(file, enc),
        Kind::ApplicationHostConfig => facts::iis_config::ingest_apphost(file, enc),
        Kind::AppcmdSite | Kind::AppcmdApppool => facts::iis_config::ingest_appcmd(file, enc),
        Kind::Evtx => facts::events::ingest_evtx(file),
        Kind::ScQuery => facts::services::ingest_sc_query(file, enc),
        Kind::ServiceList => facts::services::ingest_service_list(file, enc),
        Kind::HotfixList => facts::updates::ingest_hotfix(file, enc),
        Kind::WsusSoftwareDistributionLog => {
            facts::updates::ingest_software_distribution(file, enc)
        }
        Kind::Certificate => facts::certs::ingest(file),
        Kind::NetshWinhttpProxy => facts::network::ingest_netsh(file, enc),
        Kind::Ipconfig => facts::network::ingest_ipconfig(file, enc),
        Kind::CollectManifest => {
            let mut ing = Ingested::default();
            ing.stats.records = 1;
            Ok(ing)
        }
    }
}

/// Runs the checks and the diagnosis over analysed facts.
pub fn report(mode: Mode, inputs: Vec<String>, facts: &Facts, inventory: Inventory) -> Report {
    let findings = crate::checks::run_all(facts);
    let diagnosis = crate::diagnosis::diagnose(facts, &findings);
    let summary = Summary::of(&findings);
    Report {
        schema: crate::report::SCHEMA,
        tool: ToolInfo {
            name: crate::TOOL_NAME,
            version: crate::TOOL_VERSION,
        },
        generated_at: crate::facts::time::format_utc(jiff::Timestamp::now()),
        mode,
        inputs,
        diagnosis,
        findings,
        summary,
        timeline: Vec::new(),
        inventory,
        charts: facts.iis_log.chart_data(),
    }
}
