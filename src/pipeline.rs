//! One code path for every mode: evidence files → parsed facts and inventory → checks →
//! diagnosis → report. Live runs hand in files gathered in memory; offline runs hand in files
//! found on disk; probe runs add probe facts.

mod fleet;
mod fold;
pub mod machines;

use crate::evidence::text::{AnsiHint, CodePage, TextEncoding};
use crate::evidence::{self, sniff, EvidenceFile, EvidenceSet, Kind};
use crate::facts::iis_log::{Agg, Filter};
use crate::facts::{self, Context, Facts, Ingested};
use crate::report::{Inventory, InventoryEntry, Mode, Report, Summary, ToolInfo};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

/// Reads every file (in parallel), returning merged facts and the inventory, both in input order.
///
/// Text that is not Unicode is in its machine's ANSI code page, so the files that state that code
/// page are read first: `collect` manifests, then registry exports and `reg query` output with
/// `HKLM\SYSTEM\CurrentControlSet\Control\Nls\CodePage\ACP`. What they state applies to the
/// files of the same bundle; `--codepage` and a live run's own code page apply to all.
pub fn analyse(set: &EvidenceSet, context: Context) -> (Facts, Inventory) {
    analyse_looked(set, evidence::sniff_all(&set.files), context)
}

/// [`analyse`] for files already looked at (`looks[i]` is what [`evidence::sniff_all`] gave for
/// `set.files[i]`, kept in step when the focus window left files out).
pub fn analyse_looked(
    set: &EvidenceSet,
    looks: Vec<evidence::Look>,
    context: Context,
) -> (Facts, Inventory) {
    let filter = Filter {
        since: context.window.as_ref().and_then(|w| w.since),
        until: context.window.as_ref().and_then(|w| w.until),
        client: None,
    };
    analyse_sniffed(set, looks, context, &filter)
}

/// [`analyse_looked`] with a record filter of its own (the `logs` command's): `looks` is what
/// [`evidence::sniff_all`] gave for the set's files, in their order. Each worker thread adds the
/// IIS records of the files it reads to one running total, and every file's other facts are
/// merged as soon as the files before it are: memory follows the files being read, not how many
/// there are. Server logs keep only the records inside the filter's window.
pub fn analyse_sniffed(
    set: &EvidenceSet,
    looks: Vec<evidence::Look>,
    context: Context,
    filter: &Filter,
) -> (Facts, Inventory) {
    let looks = if looks.len() == set.files.len() {
        looks
    } else {
        evidence::sniff_all(&set.files)
    };
    let kind_of = |i: usize| looks[i].as_ref().ok().and_then(|s| s.kind);
    let mut code_pages = MachineCodePages {
        everywhere: context.ansi_code_page.clone(),
        scoped: Vec::new(),
    };
    for (i, file) in set.files.iter().enumerate() {
        if kind_of(i) == Some(Kind::CollectManifest) {
            if let Some(cp) = manifest_code_page(file) {
                let source = crate::tr!(
                    "code-page-from-manifest",
                    file = &file.display,
                    code_page = cp.to_string()
                );
                code_pages.add(&file.display, Rank::Manifest, cp, source);
            }
        }
    }
    let mut outcomes: Vec<Option<(InventoryEntry, Facts)>> = std::iter::repeat_with(|| None)
        .take(set.files.len())
        .collect();
    // Registry files hold no IIS records: their running total is a scratch one.
    let scratch = || Agg::with_filter(filter.clone());
    let registry: Vec<usize> = (0..set.files.len())
        .filter(|&i| matches!(kind_of(i), Some(Kind::RegExport | Kind::RegQuery)))
        .collect();
    let registry_read: Vec<_> = registry
        .par_iter()
        .map(|&i| {
            let mut total = scratch();
            let mut reading = Reading::new(filter, &mut total, i);
            (
                i,
                read_one(&set.files[i], &looks[i], &code_pages, &mut reading),
            )
        })
        .collect();
    for (i, outcome) in registry_read {
        if let Some((cp, origin)) = outcome.1.registry.ansi_code_page() {
            let source = crate::tr!(
                "code-page-from-registry",
                code_page = cp.to_string(),
                origin = origin.to_string()
            );
            code_pages.add(&set.files[i].display, Rank::Registry, cp, source);
        }
        outcomes[i] = Some(outcome);
    }
    // `reg query` output in the ANSI code page is read again in the code page another registry
    // file of its machine states.
    for &i in &registry {
        let own = looks[i].as_ref().ok().and_then(|s| s.encoding);
        let ansi = matches!(own, Some(TextEncoding::Utf8 { .. } | TextEncoding::Ansi(_)));
        if ansi && code_pages.everywhere.is_none() {
            if let Some((Rank::Registry, _)) = code_pages.scoped_hint(&set.files[i].display, own) {
                outcomes[i] = None;
            }
        }
    }
    for (i, look) in looks.iter().enumerate() {
        if let Ok(sniff::Sniffed {
            encoding: Some(TextEncoding::Ansi(cp)),
            ..
        }) = look
        {
            if *cp != CodePage::WINDOWS_1252 {
                let source = crate::tr!(
                    "code-page-from-sibling",
                    code_page = cp.to_string(),
                    file = &set.files[i].display
                );
                code_pages.add(&set.files[i].display, Rank::Sibling, *cp, source);
            }
        }
    }
    // The rest, in input order, each file folded in as soon as the files before it are.
    let slots: Vec<Mutex<Option<(InventoryEntry, Facts)>>> =
        outcomes.into_iter().map(Mutex::new).collect();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut merged = Facts {
        context,
        ..Facts::default()
    };
    let mut inventory = Inventory {
        files: Vec::with_capacity(set.files.len()),
        problems: set.problems.clone(),
    };
    let totals = fold::in_order(
        &slots,
        workers,
        2 * workers,
        scratch,
        |i, slot, total| {
            let early = slot
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
            early.unwrap_or_else(|| {
                read_one(
                    &set.files[i],
                    &looks[i],
                    &code_pages,
                    &mut Reading::new(filter, total, i),
                )
            })
        },
        |_, (entry, facts)| {
            merged.merge(facts);
            inventory.files.push(entry);
        },
    );
    merged.iis_log.absorb(totals);
    merged.finish();
    (merged, inventory)
}

/// How strongly a statement of a machine's code page counts, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Manifest,
    Registry,
    /// Another file of the machine is in this code page by its bytes: good enough for the stray
    /// lines of a UTF-8 file, never against a file's own bytes.
    Sibling,
}

/// What is known of the ANSI code page of the machines the evidence comes from.
struct MachineCodePages {
    /// `--codepage`, or a live run's machine: every file.
    everywhere: Option<AnsiHint>,
    /// Statements that hold for the files of one bundle: (scope, rank, hint).
    scoped: Vec<(String, Rank, AnsiHint)>,
}

impl MachineCodePages {
    fn add(&mut self, display: &str, rank: Rank, code_page: CodePage, source: crate::i18n::Text) {
        self.scoped
            .push((bundle_scope(display), rank, AnsiHint { code_page, source }));
    }

    /// The code page to read this file's text in: the strongest statement that covers it,
    /// the nearest bundle first. `own` is the encoding its bytes alone gave.
    fn hint_for(&self, display: &str, own: Option<TextEncoding>) -> Option<&AnsiHint> {
        match &self.everywhere {
            Some(h) => Some(h),
            None => self.scoped_hint(display, own).map(|(_, h)| h),
        }
    }

    /// The strongest bundle statement that covers this file, with its rank.
    fn scoped_hint(&self, display: &str, own: Option<TextEncoding>) -> Option<(Rank, &AnsiHint)> {
        let utf8 = matches!(own, Some(TextEncoding::Utf8 { .. }));
        self.scoped
            .iter()
            .filter(|(scope, rank, _)| {
                display.starts_with(scope.as_str()) && (*rank != Rank::Sibling || utf8)
            })
            .min_by_key(|(scope, rank, _)| (*rank, std::cmp::Reverse(scope.len())))
            .map(|(_, rank, h)| (*rank, h))
    }
}

/// The files that come from the same machine as this one: the members of the archive it is in
/// (a `collect` zip is one machine), else the files of its folder and the folders below.
fn bundle_scope(display: &str) -> String {
    if let Some(i) = display.rfind("!/") {
        return display[..i + 2].to_string();
    }
    match display.rfind(['/', '\\']) {
        Some(i) => display[..=i].to_string(),
        None => String::new(),
    }
}

/// The ANSI code page a `collect` manifest records (`code_pages.ansi`).
fn manifest_code_page(file: &EvidenceFile) -> Option<CodePage> {
    let bytes = file.read_all(crate::collect::MANIFEST_MAX_BYTES).ok()?;
    let doc: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let number = doc.get("code_pages")?.get("ansi")?.as_u64()?;
    CodePage::new(u16::try_from(number).ok()?)
}

/// How one file is read: the record filter, and the running total of the worker reading it.
struct Reading<'a> {
    filter: &'a Filter,
    iis_total: &'a mut Agg,
    /// The file's place in the evidence set.
    origin: u32,
}

impl<'a> Reading<'a> {
    fn new(filter: &'a Filter, iis_total: &'a mut Agg, index: usize) -> Self {
        Reading {
            filter,
            iis_total,
            origin: u32::try_from(index).unwrap_or(u32::MAX),
        }
    }
}

/// Sniffs and parses one file. A failure is recorded in the entry; what was read before it still
/// counts.
fn read_one(
    file: &EvidenceFile,
    look: &evidence::Look,
    code_pages: &MachineCodePages,
    reading: &mut Reading<'_>,
) -> (InventoryEntry, Facts) {
    let mut entry = InventoryEntry {
        path: file.display.clone(),
        machine: None,
        identity: machines::FileIdentity {
            input: file.input,
            ..Default::default()
        },
        kind: None,
        size: file.size,
        recognised_by: crate::i18n::Text::default(),
        encoding: None,
        encoding_reason: None,
        records: 0,
        malformed: 0,
        malformed_examples: Vec::new(),
        first_time: None,
        last_time: None,
        notes: Vec::new(),
        error: None,
    };
    let first = match look {
        Ok(s) => s,
        Err(e) => {
            entry.recognised_by = crate::tr!("inventory-unreadable");
            entry.error = Some(crate::tr!("inventory-cannot-read", error = e));
            return (entry, Facts::default());
        }
    };
    // The machine's code page changes how text that is not UTF-8 reads, and so maybe its kind.
    let again;
    let sniffed = match code_pages.hint_for(&file.display, first.encoding) {
        Some(hint)
            if matches!(
                first.encoding,
                Some(TextEncoding::Utf8 { .. } | TextEncoding::Ansi(_))
            ) =>
        {
            match file.head(evidence::SNIFF_BYTES) {
                Ok(head) => {
                    again = sniff::sniff_with(&head, Some(hint));
                    &again
                }
                Err(_) => first,
            }
        }
        _ => first,
    };
    entry.kind = sniffed.kind;
    entry.recognised_by = sniffed.reason.clone();
    entry.encoding = sniffed.encoding.map(|e| e.label());
    entry.encoding_reason = sniffed.encoding_reason.clone();
    if file.gzip {
        entry.notes.push(crate::tr!("inventory-gzip"));
    }
    let Some(kind) = sniffed.kind else {
        return (entry, Facts::default());
    };
    let enc = sniffed.encoding.unwrap_or(TextEncoding::UTF8);
    let result = catch_unwind(AssertUnwindSafe(|| {
        ingest_reading(kind, file, enc, reading)
    }));
    // A file that stopped part-way leaves its records in the running total; its tally ends here.
    reading.iis_total.end_file();
    let ingested = match result {
        Ok(Ok(ing)) => ing,
        Ok(Err(e)) => {
            entry.error = Some(crate::tr!(
                "inventory-reading-stopped",
                why = evidence::describe_io(&e)
            ));
            Ingested::default()
        }
        Err(_) => {
            entry.error = Some(crate::tr!("inventory-internal-error"));
            Ingested::default()
        }
    };
    if let Some(damage) = file.damage() {
        entry.error = Some(crate::tr!("inventory-reading-stopped", why = damage));
    }
    entry.identity.sides = machines::sides_of(kind, &file.display);
    identify(kind, file, &ingested.facts, &mut entry.identity);
    let stats = ingested.stats;
    entry.records = stats.records;
    entry.malformed = stats.malformed;
    entry.malformed_examples = stats.malformed_examples;
    entry.first_time = stats.first_time;
    entry.last_time = stats.last_time;
    entry.notes.extend(stats.notes);
    (entry, ingested.facts)
}

/// What a file's facts say of its machine: its name, and for a registry file which side of WSUS
/// its keys show.
fn identify(kind: Kind, file: &EvidenceFile, facts: &Facts, id: &mut machines::FileIdentity) {
    use crate::values::MachineName;
    use machines::{NameSource, Named};
    let named = |name: &str, source: NameSource, what: crate::i18n::Text| Named {
        name: MachineName::new(name.trim()),
        source,
        stated_by: what,
    };
    let reg = &facts.registry;
    if reg.has_key(facts::registry::keys::WSUS_SETUP) {
        id.sides.server = true;
    }
    if reg.has_key(facts::registry::keys::WU_POLICY) {
        id.sides.client = true;
    }
    id.named = match kind {
        Kind::CollectManifest => manifest_machine(file).map(|n| {
            named(
                &n,
                NameSource::Manifest,
                crate::tr!("machine-by-manifest", file = &file.display),
            )
        }),
        Kind::RegExport | Kind::RegQuery => reg.computer_name().map(|(n, _)| {
            named(
                n,
                NameSource::Registry,
                crate::tr!("machine-by-registry", file = &file.display),
            )
        }),
        Kind::Ipconfig => facts.network.host_name.as_deref().map(|n| {
            named(
                n,
                NameSource::Ipconfig,
                crate::tr!("machine-by-ipconfig", file = &file.display),
            )
        }),
        Kind::Evtx | Kind::EventXml => {
            // The name most of its records give: a forwarded log may hold a few others'.
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            for r in facts.events.records() {
                if !r.computer.trim().is_empty() {
                    *counts.entry(r.computer.trim()).or_default() += 1;
                }
            }
            counts.into_iter().max_by_key(|(_, n)| *n).map(|(n, _)| {
                named(
                    n,
                    NameSource::EventLog,
                    crate::tr!("machine-by-events", file = &file.display),
                )
            })
        }
        _ => None,
    }
    .filter(|n| !n.name.as_str().is_empty());
}

/// The machine a `collect` manifest was written on.
fn manifest_machine(file: &EvidenceFile) -> Option<String> {
    let bytes = file.read_all(crate::collect::MANIFEST_MAX_BYTES).ok()?;
    let doc: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    Some(doc.get("machine")?.as_str()?.to_string())
}

/// The parser for each kind (public for the fuzz targets, which feed each parser directly).
pub fn ingest(kind: Kind, file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let filter = Filter::default();
    let mut total = Agg::with_filter(filter.clone());
    let ingested = ingest_reading(kind, file, enc, &mut Reading::new(&filter, &mut total, 0));
    if kind == Kind::IisW3c {
        let mut ingested = ingested?;
        ingested.facts.iis_log.absorb([total]);
        return Ok(ingested);
    }
    ingested
}

/// The parser for each kind, reading IIS logs into the worker's running total.
fn ingest_reading(
    kind: Kind,
    file: &EvidenceFile,
    enc: TextEncoding,
    reading: &mut Reading<'_>,
) -> std::io::Result<Ingested> {
    let filter = reading.filter;
    match kind {
        Kind::IisW3c => facts::iis_log::ingest_into(file, enc, reading.iis_total, reading.origin),
        Kind::Httperr => facts::httperr::ingest_with(file, enc, filter),
        Kind::WindowsUpdateLog => facts::wu_log::ingest(file, enc),
        Kind::Cmtrace => facts::configmgr::ingest(file, enc),
        Kind::RegExport => facts::registry::ingest_reg_export(file, enc),
        Kind::RegQuery => facts::registry::ingest_reg_query(file, enc),
        Kind::ApplicationHostConfig => facts::iis_config::ingest_apphost(file, enc),
        Kind::AppcmdSite | Kind::AppcmdApppool => facts::iis_config::ingest_appcmd(file, enc),
        Kind::Evtx => facts::events::ingest_evtx(file).map(|i| events_within(i, filter)),
        Kind::EventXml => {
            facts::events::ingest_event_xml(file, enc).map(|i| events_within(i, filter))
        }
        Kind::NetshSslcert => facts::iis_config::ingest_netsh_sslcert(file, enc),
        Kind::ScQuery => facts::services::ingest_sc_query(file, enc),
        Kind::ServiceList => facts::services::ingest_service_list(file, enc),
        Kind::HotfixList => facts::updates::ingest_hotfix(file, enc),
        Kind::WsusSoftwareDistributionLog => {
            facts::updates::ingest_software_distribution(file, enc)
        }
        Kind::Certificate => facts::certs::ingest(file),
        Kind::NetshWinhttpProxy => facts::network::ingest_netsh(file, enc),
        Kind::Ipconfig => facts::network::ingest_ipconfig(file, enc),
        Kind::ScanStatusExport => facts::scan_status::ingest(file, enc),
        Kind::CollectManifest => {
            let mut ing = Ingested::default();
            ing.stats.records = 1;
            Ok(ing)
        }
    }
}

/// Drops the event records outside the filter's time window (an event log holds every day in one
/// file, so it is read whole and filtered after).
fn events_within(mut ingested: Ingested, filter: &Filter) -> Ingested {
    let dropped = ingested.facts.events.retain_times(|t| filter.in_time(t));
    if dropped > 0 {
        ingested
            .stats
            .note(facts::iis_log::outside_note(dropped, filter));
    }
    ingested
}

/// Runs the checks and the diagnosis over analysed facts.
pub fn report(mode: Mode, inputs: Vec<String>, facts: &Facts, inventory: Inventory) -> Report {
    report_of(mode, inputs, facts, inventory)
}

/// [`report`] for evidence that may hold several machines: each client's checks run on its own
/// files, beside the WSUS server it points at, and the causes found for several clients are one
/// cause naming them; with several WSUS servers, each server's checks run on its own evidence.
pub fn report_by_machine(
    mode: Mode,
    inputs: Vec<String>,
    set: &EvidenceSet,
    facts: &mut Facts,
    inventory: Inventory,
) -> Report {
    let mut report = report_of(mode, inputs, facts, inventory);
    fleet::by_machine(
        facts,
        fleet::Parts {
            set,
            inventory: &report.inventory,
            machines: &report.machines,
            findings: &mut report.findings,
            diagnosis: &mut report.diagnosis,
            timeline: &mut report.timeline,
        },
    );
    report.summary = Summary::of(&report.findings);
    report
}

fn report_of(mode: Mode, inputs: Vec<String>, facts: &Facts, mut inventory: Inventory) -> Report {
    let mut findings = crate::checks::run_all(facts);
    explain_live_skips(&mut findings, &facts.context);
    let kinds: Vec<Kind> = inventory.files.iter().filter_map(|f| f.kind).collect();
    let machines = list_machines(&mut inventory);
    let clients = client_addresses(facts, &inventory, &machines);
    let mut diagnosis =
        crate::diagnosis::diagnose(facts, &concerning(&findings, &clients, false), &kinds);
    let mut timeline = crate::diagnosis::timeline::build(facts);
    label_by_side(&machines, &mut findings, &mut diagnosis, &mut timeline);
    let summary = Summary::of(&findings);
    Report {
        schema: crate::report::SCHEMA,
        tool: ToolInfo {
            name: crate::TOOL_NAME,
            version: crate::TOOL_VERSION,
        },
        generated_at: crate::values::time::format_utc(jiff::Timestamp::now()),
        mode,
        inputs,
        machines,
        diagnosis,
        findings,
        summary,
        timeline,
        inventory,
        charts: crate::report::charts::Charts::of(&facts.iis_log),
        machine: crate::report::MachineInfo::of(facts),
        window: facts
            .context
            .window
            .as_ref()
            .map(crate::report::FocusWindow::of),
        lang: crate::i18n::Lang::En,
    }
}

/// The findings a diagnosis of the client with these addresses may rest on (see
/// [`Finding::concerns`](crate::finding::Finding)).
fn concerning(
    findings: &[crate::finding::Finding],
    addresses: &[std::net::IpAddr],
    strict: bool,
) -> Vec<crate::finding::Finding> {
    findings
        .iter()
        .filter(|f| f.concerns(addresses, strict))
        .cloned()
        .collect()
}

/// The addresses of the client the evidence is about: `--client-ip`, then `ipconfig /all` of
/// a machine that is not the WSUS server (the server's own addresses say nothing of its clients).
fn client_addresses(
    facts: &Facts,
    inventory: &Inventory,
    machines: &[crate::report::MachineEntry],
) -> Vec<std::net::IpAddr> {
    let live_role = facts
        .context
        .role
        .unwrap_or_else(|| facts::Role::from_registry(&facts.registry));
    let live_server = live_role.server && !live_role.client;
    let server_file = |path: &str| {
        let machine = inventory
            .files
            .iter()
            .find(|e| e.path == path)
            .and_then(|e| e.machine.as_ref());
        match machine {
            Some(name) => machines
                .iter()
                .any(|m| &m.name == name && m.role.server && !m.role.client),
            // Read live or from a file the inventory does not list: the machine's role decides.
            None => live_server,
        }
    };
    facts.client_addresses(|origin| match origin {
        crate::values::EvidenceRef::File { path, .. } => !server_file(path),
        _ => !live_server,
    })
}

/// Assigns every file of the inventory to its machine and lists the machines.
fn list_machines(inventory: &mut Inventory) -> Vec<crate::report::MachineEntry> {
    let views: Vec<machines::FileView<'_>> = inventory
        .files
        .iter()
        .map(|e| machines::FileView {
            display: &e.path,
            input: e.identity.input,
            kind: e.kind,
            named: e.identity.named.clone(),
            sides: e.identity.sides,
        })
        .collect();
    let found = machines::assign(&views);
    let mut list = Vec::with_capacity(found.len());
    for m in found {
        let name = m.name();
        let mut role = facts::Role::default();
        for &i in &m.files {
            let entry = &mut inventory.files[i];
            role.server |= entry.identity.sides.server;
            role.client |= entry.identity.sides.client;
            entry.machine = Some(name.clone());
        }
        list.push(crate::report::MachineEntry {
            identified_by: m.identified_by(),
            files: m.files.len(),
            name,
            role,
        });
    }
    list
}

/// Names the machine of the findings, causes and timeline events whose side has one machine
/// only: the WSUS server's checks when the evidence holds one server, the client's when it holds
/// one client. With several, the checks still read the evidence of all of them together, so no
/// finding is put on a machine it may not be about.
fn label_by_side(
    machines: &[crate::report::MachineEntry],
    findings: &mut [crate::finding::Finding],
    diagnosis: &mut [crate::diagnosis::Cause],
    timeline: &mut [crate::report::TimelineEvent],
) {
    use crate::report::Side;
    let only = |keep: fn(&facts::Role) -> bool| {
        let mut of_side = machines.iter().filter(|m| keep(&m.role));
        match (of_side.next(), of_side.next()) {
            (Some(m), None) => Some(m.name.clone()),
            _ => None,
        }
    };
    let server = only(|r| r.server);
    let client = only(|r| r.client);
    for f in findings.iter_mut() {
        f.machine = match f.check.side() {
            Side::Server => server.clone(),
            Side::Client if f.check.reads_fleet() => server.clone(),
            Side::Client => client.clone(),
            Side::Probe => None,
        };
    }
    for e in timeline.iter_mut() {
        e.machine = match e.side {
            Side::Server => server.clone(),
            Side::Client => client.clone(),
            _ => None,
        };
    }
    for c in diagnosis.iter_mut() {
        // Where the fix applies: the machine every finding of its proof is on, when it is one.
        let on: Vec<_> = c
            .chain
            .iter()
            .filter_map(|step| {
                let check = step.split(':').next()?;
                findings
                    .iter()
                    .find(|f| f.check.to_string() == check)
                    .map(|f| f.machine.clone())
            })
            .collect();
        if let Some(first) = on.first() {
            if on.iter().all(|m| m == first) {
                c.machine = first.clone();
            }
        }
    }
}

/// A check skipped for want of evidence that a live run could not read says why it could not.
fn explain_live_skips(findings: &mut [crate::finding::Finding], context: &Context) {
    for f in findings
        .iter_mut()
        .filter(|f| f.status == crate::finding::Status::Skipped)
    {
        for limit in context.limited_checks.iter().filter(|l| l.check == f.check) {
            let reason = f.reason.take().unwrap_or_default();
            f.reason = Some(reason.then(limit.reason.as_str()));
        }
    }
}

#[cfg(test)]
mod many_files {
    //! Many daily files read by several workers into running totals must give exactly what one
    //! file holding the same lines gives, examples included (located on the same line text).

    use super::*;
    use crate::values::EvidenceRef;
    use std::collections::HashMap;
    use std::fmt::Write as _;

    const HEAD: &str = "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: {day} 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n";

    /// Twenty daily logs of uneven size: 401s resolved by a success in a later file, a 503 burst
    /// across midnight (two files), dropped connections, a mid-file directive block, a malformed
    /// line, several agents.
    fn days() -> Vec<(String, String)> {
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng % n
        };
        let agents = [
            "Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50",
            "Microsoft+BITS/7.8",
            "Mozilla/5.0+(Windows+NT+10.0)",
        ];
        let stems = [
            "/ClientWebService/client.asmx",
            "/SimpleAuthWebService/SimpleAuth.asmx",
            "/Content/AB/0123456789ABCDEF.cab",
            "/selfupdate/wuident.cab",
            "/ApiRemoting30/WebService.asmx",
        ];
        (1..=20)
            .map(|d| {
                let day = format!("2024-03-{d:02}");
                let mut text = HEAD.replace("{day}", &day);
                let lines = 50 + next(400);
                for i in 0..lines {
                    let secs = i * 86_000 / lines;
                    let mut time =
                        format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
                    let mut status = match next(100) {
                        0..=4 => "401 2 5",
                        5 => "404 0 2",
                        6 => "403 4 5",
                        7 => "500 0 0",
                        8 => "200 0 64",
                        _ => "200 0 0",
                    };
                    // The pool is down from 23:58 on day 5 to 00:02 on day 6.
                    if (d == 5 && i + 4 >= lines) || (d == 6 && i < 4) {
                        time = if d == 5 {
                            format!("23:5{}:00", 8 + (i + 4 - lines) / 2)
                        } else {
                            format!("00:0{}:00", i / 2)
                        };
                        status = "503 0 0";
                    }
                    let _ = writeln!(
                        text,
                        "{day} {time} 10.0.0.10 POST {} - 8530 - 10.0.{}.{} {} - {status} {}",
                        stems[next(5) as usize],
                        next(3),
                        next(40),
                        agents[next(3) as usize],
                        next(3000)
                    );
                    if d == 9 && i == lines / 2 {
                        text += &HEAD.replace("{day}", &day);
                        text += "garbage that is not a record\n";
                    }
                }
                (format!("W3SVC1/u_ex2403{d:02}.log"), text)
            })
            .collect()
    }

    /// Everything the facts say, with each example shown as the text of the line it points at.
    fn figures(facts: &Facts, texts: &HashMap<String, String>) -> String {
        let line_of = |e: &EvidenceRef| match e {
            EvidenceRef::File {
                path,
                line: Some(n),
            } => texts
                .get(path)
                .and_then(|t| t.lines().nth(*n as usize - 1))
                .unwrap_or("?")
                .to_string(),
            other => format!("{other}"),
        };
        let iis = &facts.iis_log;
        let mut o = String::new();
        let _ = writeln!(o, "{:?} {:?}", iis.agg.total.records, iis.time_span());
        let _ = writeln!(o, "{:?}\n{:?}", iis.status_table(), iis.win32_table());
        let mut clients: Vec<_> = iis.agg.clients.iter().map(|(k, _)| k.to_vec()).collect();
        clients.sort();
        for ip in clients {
            let c = iis.client(&String::from_utf8_lossy(&ip)).unwrap();
            let _ = writeln!(
                o,
                "{} {} {:?} {} {} {}",
                c.ip,
                c.requests,
                c.statuses,
                c.first,
                c.last,
                line_of(&c.example)
            );
        }
        let (total, unresolved) = iis.unresolved_401();
        let _ = writeln!(o, "401: {total}");
        for u in unresolved {
            let _ = writeln!(
                o,
                "  {} {} {} {} {}",
                u.ip,
                u.count,
                u.first,
                u.last,
                line_of(&u.example)
            );
        }
        for b in iis.bursts_503() {
            let _ = writeln!(
                o,
                "burst {} {} {} {} {:?} {}",
                b.start,
                b.end,
                b.total,
                b.peak_per_minute,
                b.endpoints,
                line_of(&b.example)
            );
        }
        for (rule, n) in iis.notable(|_| true) {
            let examples: Vec<String> = n
                .examples
                .iter()
                .map(|(l, _)| line_of(&iis.evidence(*l)))
                .collect();
            let _ = writeln!(
                o,
                "{rule:?} {} {} {} {:?} {:?} {examples:?}",
                n.count,
                n.first,
                n.last,
                n.families,
                n.top_clients(5)
            );
        }
        for (fam, f) in Family::ALL.iter().zip(&iis.agg.families) {
            // Statuses are kept in the order met, which depends on scheduling; readers sort them.
            let mut statuses = f.statuses.clone();
            statuses.sort_unstable();
            let _ = writeln!(
                o,
                "{fam:?} {} {statuses:?} {:?} {:?}",
                f.requests,
                f.percentile(50.0),
                f.percentile(99.0)
            );
        }
        let _ = writeln!(o, "{:?}\n{:?}", iis.user_agents(10), iis.hourly());
        let _ = writeln!(
            o,
            "{:?}",
            iis.minute_series()
                .iter()
                .map(|p| (p.minute, p.total, p.status_503, p.status_401))
                .collect::<Vec<_>>()
        );
        o
    }

    use crate::facts::iis_log::Family;

    #[test]
    fn many_files_give_what_one_file_of_the_same_lines_gives() {
        let days = days();
        let whole: String = days.iter().map(|(_, t)| t.as_str()).collect();
        let mut texts: HashMap<String, String> = days.iter().cloned().collect();
        texts.insert("W3SVC1/u_ex2403.log".into(), whole.clone());

        let set = EvidenceSet::from_files(
            days.iter()
                .map(|(name, text)| EvidenceFile::memory(name.clone(), text.clone().into_bytes()))
                .collect(),
        );
        let (many, inventory) = analyse(&set, Context::default());
        let one = EvidenceSet::from_files(vec![EvidenceFile::memory(
            "W3SVC1/u_ex2403.log",
            whole.into_bytes(),
        )]);
        let (single, _) = analyse(&one, Context::default());

        assert_eq!(many.iis_log.files.len(), 20);
        assert_eq!(many.iis_log.agg.total.malformed, 1);
        assert_eq!(single.iis_log.agg.total.malformed, 1);
        assert_eq!(inventory.files.iter().map(|f| f.malformed).sum::<u64>(), 1);
        assert_eq!(
            inventory.files.iter().map(|f| f.records).sum::<u64>(),
            single.iis_log.agg.total.records
        );
        let (a, b) = (figures(&many, &texts), figures(&single, &texts));
        assert!(
            a.contains("burst 2024-03-05T23:58:00Z 2024-03-06T00:01:00Z 8"),
            "{a}"
        );
        assert!(a.contains("401:"), "{a}");
        assert_eq!(a, b);
    }
}

#[cfg(test)]
mod code_pages {
    use super::*;

    fn cp932(s: &str) -> Vec<u8> {
        encoding_rs::SHIFT_JIS.encode(s).0.into_owned()
    }

    /// `reg query` output whose only Japanese is `(既)`: too little for its bytes alone to say
    /// code page 932.
    fn terse_reg_query() -> Vec<u8> {
        cp932("\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\r\n    WUServer    REG_SZ    http://wsus01:8530\r\n    Note    REG_SZ    (既)\r\n")
    }

    fn nls_export(acp: &str) -> Vec<u8> {
        let text = format!("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage]\r\n\"ACP\"=\"{acp}\"\r\n\"OEMCP\"=\"{acp}\"\r\n");
        let mut v = vec![0xFF, 0xFE];
        v.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    fn inventory(files: Vec<EvidenceFile>, context: Context) -> Inventory {
        analyse(&EvidenceSet::from_files(files), context).1
    }

    fn entry<'a>(inv: &'a Inventory, path: &str) -> &'a InventoryEntry {
        inv.files.iter().find(|f| f.path == path).unwrap()
    }

    #[test]
    fn the_bytes_alone_read_terse_japanese_as_1252() {
        let inv = inventory(
            vec![EvidenceFile::memory("pc1/policy.txt", terse_reg_query())],
            Context::default(),
        );
        let e = entry(&inv, "pc1/policy.txt");
        assert_eq!(e.kind, Some(Kind::RegQuery));
        assert_eq!(e.encoding.as_deref(), Some("code page 1252 (windows-1252)"));
    }

    #[test]
    fn a_registry_export_of_the_same_bundle_names_the_code_page() {
        let inv = inventory(
            vec![
                EvidenceFile::memory("pc1/policy.txt", terse_reg_query()),
                EvidenceFile::memory("pc1/nls.reg", nls_export("932")),
                EvidenceFile::memory("pc2/policy.txt", terse_reg_query()),
            ],
            Context::default(),
        );
        let e = entry(&inv, "pc1/policy.txt");
        assert_eq!(e.encoding.as_deref(), Some("code page 932 (Shift_JIS)"));
        assert_eq!(
            e.encoding_reason.as_deref(),
            Some("not valid UTF-8; this machine's ANSI code page 932 is stated by HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\\ACP (pc1/nls.reg:4)")
        );
        // Another machine's folder.
        assert_eq!(
            entry(&inv, "pc2/policy.txt").encoding.as_deref(),
            Some("code page 1252 (windows-1252)")
        );
        // The input order is kept.
        let paths: Vec<&str> = inv.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["pc1/policy.txt", "pc1/nls.reg", "pc2/policy.txt"]);
    }

    #[test]
    fn a_registry_export_covers_its_folder_and_the_folders_below() {
        let inv = inventory(
            vec![
                EvidenceFile::memory("pc1/registry/nls.reg", nls_export("932")),
                EvidenceFile::memory("pc1/registry/sub/query.txt", terse_reg_query()),
                EvidenceFile::memory("pc1/policy.txt", terse_reg_query()),
            ],
            Context::default(),
        );
        assert_eq!(
            entry(&inv, "pc1/registry/sub/query.txt")
                .encoding
                .as_deref(),
            Some("code page 932 (Shift_JIS)")
        );
        assert_eq!(
            entry(&inv, "pc1/policy.txt").encoding.as_deref(),
            Some("code page 1252 (windows-1252)")
        );
    }

    #[test]
    fn the_collect_manifest_covers_its_zip_and_the_command_line_covers_all() {
        let manifest = br#"{"schema": "wsus-doctor/collect-manifest/v1", "code_pages": {"ansi": 932}, "items": []}"#;
        let inv = inventory(
            vec![
                EvidenceFile::memory("a.zip!/manifest.json", manifest.to_vec()),
                EvidenceFile::memory("a.zip!/client/policy.txt", terse_reg_query()),
                EvidenceFile::memory("b.zip!/client/policy.txt", terse_reg_query()),
            ],
            Context::default(),
        );
        let e = entry(&inv, "a.zip!/client/policy.txt");
        assert_eq!(e.encoding.as_deref(), Some("code page 932 (Shift_JIS)"));
        assert!(e
            .encoding_reason
            .as_deref()
            .unwrap()
            .contains("a.zip!/manifest.json records this machine's ANSI code page 932"));
        assert_eq!(
            entry(&inv, "b.zip!/client/policy.txt").encoding.as_deref(),
            Some("code page 1252 (windows-1252)")
        );

        let given = Context {
            ansi_code_page: Some(AnsiHint {
                code_page: CodePage::SHIFT_JIS,
                source: crate::tr!("code-page-given", code_page = 932),
            }),
            ..Context::default()
        };
        let inv = inventory(
            vec![EvidenceFile::memory(
                "b.zip!/client/policy.txt",
                terse_reg_query(),
            )],
            given,
        );
        let e = &inv.files[0];
        assert_eq!(e.encoding.as_deref(), Some("code page 932 (Shift_JIS)"));
        assert_eq!(
            e.encoding_reason.as_deref(),
            Some("not valid UTF-8; --codepage 932 given")
        );
    }

    #[test]
    fn bundles_are_archives_or_folders() {
        assert_eq!(bundle_scope("x.zip!/a/b.log"), "x.zip!/");
        assert_eq!(
            bundle_scope("x.zip!/inner.zip!/b.log"),
            "x.zip!/inner.zip!/"
        );
        assert_eq!(bundle_scope("ev/pc1/b.log"), "ev/pc1/");
        assert_eq!(bundle_scope(r"C:\ev\b.log"), r"C:\ev\");
        assert_eq!(bundle_scope("b.log"), "");
    }
}

#[cfg(test)]
mod robustness {
    //! Every parser, fed damaged versions of a valid sample, must return (an error or partial
    //! results) and never panic. Damage: truncation at every length class, flipped and random
    //! bytes, NULs, a giant line, invalid UTF-8. A small deterministic generator keeps runs
    //! repeatable without a fuzzing dependency; `cargo fuzz` can go further.

    use super::*;

    /// One valid sample per kind, short but with every structural feature of the format.
    fn seeds() -> Vec<(Kind, Vec<u8>)> {
        let utf16 = |s: &str| {
            let mut v = vec![0xFF, 0xFE];
            for u in s.encode_utf16() {
                v.extend_from_slice(&u.to_le_bytes());
            }
            v
        };
        vec![
            (Kind::IisW3c, b"#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2024-03-05 00:00:04\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n2024-03-05 00:00:04 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.21 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 0 0 187\r\n2024-03-05 00:00:05 ::1%0 GET /selfupdate/wuident.cab - 8530 - ::1%0 Microsoft+BITS/7.8 - 401 2 5 15\r\n".to_vec()),
            (Kind::Httperr, b"#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2024-03-05 09:14:02\r\n#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n2024-03-05 09:14:02 10.0.5.21 50412 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 QueueFull WsusPool\r\n2024-03-05 09:22:13 10.0.5.41 51100 10.0.0.10 8530 - - - - - Timer_ConnectionIdle -\r\n".to_vec()),
            (Kind::WindowsUpdateLog, b"2016-09-08\t10:48:43:109\t 848\t604\tMisc\t===========  Logging initialized (build: 7.6.7600.311, tz: -0500)  ===========\n2016-09-08\t10:48:43:109\t 848\t604\tAgent\t  * WSUS server: http://wsus01.contoso.com:8530\n2016-09-08\t10:48:43:109\t 848\t604\tMisc\tWARNING: WinHttp: SendRequestUsingProxy failed for <http://wsus01.contoso.com:8530/selfupdate/wuident.cab>. error 0x80072ee2\n2021/04/28 12:40:08.8784820 1224  7052  WebServices     *FAILED* [80244022] Web service call\n".to_vec()),
            (Kind::Cmtrace, b"<![LOG[WSUS Path='http://CM01.contoso.com:8530', Server='CM01.contoso.com', Version='38']LOG]!><time=\"12:18:09.640+480\" date=\"01-20-2014\" component=\"LocationServices\" context=\"\" type=\"1\" thread=\"3456\" file=\"\">\r\n<![LOG[multi\nline]LOG]!><time=\"12:18:10.011+00\" date=\"01-20-2014\" component=\"WUAHandler\" context=\"\" type=\"3\" thread=\"4012\" file=\"\">\r\nSuccessfully connected $$<SMS_WSUS_CONTROL_MANAGER><02-15-2020 14:26:10.093+480><thread=6104 (0x17D8)>\r\n".to_vec()),
            (Kind::RegExport, utf16("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]\r\n\"WUServer\"=\"http://wsus01.contoso.com:8530\"\r\n\"X\"=hex(2):25,00,53,00,\\\r\n  79,00,00,00\r\n\"D\"=dword:0000001\r\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Y]\r\n")),
            (Kind::RegQuery, b"\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\r\n    PortNumber    REG_DWORD    0x2152\r\n    UsingSSL    REG_DWORD    0x0\r\n    ContentDir    REG_SZ    D:\\WSUS\r\n\r\n".to_vec()),
            (Kind::ApplicationHostConfig, b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration><system.applicationHost><applicationPools><add name=\"WsusPool\" queueLength=\"1000\"><recycling><periodicRestart privateMemory=\"1843200\" /></recycling></add><applicationPoolDefaults queueLength=\"1000\"/></applicationPools><sites><site name=\"WSUS Administration\" id=\"1572271583\"><application path=\"/ClientWebService\" applicationPool=\"WsusPool\"><virtualDirectory path=\"/\" physicalPath=\"C:\\x\"/></application><bindings><binding protocol=\"http\" bindingInformation=\"*:8530:\"/></bindings></site></sites></system.applicationHost></configuration>\n".to_vec()),
            (Kind::AppcmdSite, b"SITE \"WSUS Administration\" (id:1572271583,bindings:http/*:8530:,https/*:8531:,state:Started)\r\n".to_vec()),
            (Kind::AppcmdApppool, b"APPPOOL \"WsusPool\" (MgdVersion:v4.0,MgdMode:Integrated,state:Stopped)\r\n".to_vec()),
            (Kind::ScQuery, b"\r\nSERVICE_NAME: WsusService\r\nDISPLAY_NAME: WSUS Service\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n        STATE              : 1  STOPPED\r\n        WIN32_EXIT_CODE    : 0  (0x0)\r\n        PID                : 0\r\n".to_vec()),
            (Kind::ServiceList, b"[{\"Name\":\"WsusService\",\"ServiceName\":\"WsusService\",\"DisplayName\":\"WSUS Service\",\"Status\":1,\"StartType\":2}]".to_vec()),
            (Kind::HotfixList, b"\r\nSource        Description      HotFixID      InstalledBy          InstalledOn\r\n------        -----------      --------      -----------          -----------\r\nWSUS01        Update           KB5034439     NT AUTHORITY\\SYSTEM  1/10/2024 12:00:00 AM\r\n".to_vec()),
            (Kind::WsusSoftwareDistributionLog, b"2020-05-22 14:44:07.030 UTC Info w3wp.13 ClientImplementation..ctor Initializing ClientWebService ProcessID = 380, Process Start Time = 5/22/2020 10:44:06 AM, Product Version = 10.0.14393.2969\r\n".to_vec()),
            (Kind::NetshWinhttpProxy, b"\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  proxy.contoso.com:8080\r\n    Bypass List     :  (none)\r\n\r\n".to_vec()),
            (Kind::Ipconfig, b"\r\nWindows IP Configuration\r\n\r\n   Host Name . . . . . . . . . . . . : PC1\r\n   Primary Dns Suffix  . . . . . . . : contoso.com\r\n\r\nEthernet adapter Ethernet:\r\n\r\n   IPv4 Address. . . . . . . . . . . : 10.0.5.21(Preferred) \r\n".to_vec()),
            (Kind::Certificate, b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".to_vec()),
            // Japanese Windows: code page 932 console output with translated labels.
            (Kind::Ipconfig, encoding_rs::SHIFT_JIS.encode("\r\nWindows IP 構成\r\n\r\n   ホスト名 . . . . . . . . . . . . . . . .: PC1\r\n   DNS サフィックス検索一覧. . . . . . . . .: corp.example.jp\r\n                                            example.jp\r\n\r\nイーサネット アダプター イーサネット:\r\n\r\n   IPv4 アドレス . . . . . . . . . . . .: 10.2.128.209(優先)\r\n").0.into_owned()),
            (Kind::NetshWinhttpProxy, encoding_rs::SHIFT_JIS.encode("\r\n現在の WinHTTP プロキシ設定:\r\n\r\n    プロキシ サーバー:  proxy:8080\r\n    バイパス一覧     : (なし)\r\n").0.into_owned()),
            (Kind::ScanStatusExport, b"\xef\xbb\xbfName0,LastScanState,LastErrorCode,LastScanTime,LastScanPackageLocation\r\nPC-0201,5,-2145107940,2024-03-05 09:14:02.000,http://wsus01.corp.example:8530\r\n\"PC,02\",3,0x0,3/5/2024 12:00:00 PM,NULL\r\n".to_vec()),
            (Kind::ScanStatusExport, utf16("Computer\tLastErrorCode\r\nPC-0201\t-2145107934\r\n")),
            (Kind::Evtx, b"ElfFile\0".iter().copied().chain(std::iter::repeat_n(0u8, 4088)).collect()),
        ]
    }

    /// xorshift: deterministic, dependency-free.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn damaged(seed: &[u8], rng: &mut Rng) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for cut in [
            0,
            1,
            2,
            3,
            seed.len() / 3,
            seed.len() / 2,
            seed.len().saturating_sub(1),
        ] {
            out.push(seed[..cut.min(seed.len())].to_vec());
        }
        for _ in 0..40 {
            let mut v = seed.to_vec();
            for _ in 0..1 + rng.below(8) {
                if v.is_empty() {
                    break;
                }
                let i = rng.below(v.len());
                match rng.below(5) {
                    0 => v[i] = rng.next() as u8,
                    1 => v[i] = 0,
                    2 => v.insert(i, b'\n'),
                    3 => {
                        v.remove(i);
                    }
                    _ => v[i] ^= 0x80,
                }
            }
            out.push(v);
        }
        let mut giant = seed.to_vec();
        giant.extend(std::iter::repeat_n(
            b'A',
            (crate::parsers::lines::MAX_LINE) + 10,
        ));
        out.push(giant);
        out
    }

    #[test]
    fn damaged_input_never_panics_any_parser() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for (kind, seed) in seeds() {
            for (i, bytes) in damaged(&seed, &mut rng).into_iter().enumerate() {
                let file = EvidenceFile::memory(format!("{kind}-{i}"), bytes);
                let enc = crate::evidence::text::detect(&file.head(evidence::SNIFF_BYTES).unwrap());
                // No catch_unwind here: a panic fails the test with the kind and sample number.
                let _ = ingest(kind, &file, enc);
                let _ = sniff::sniff(&file.head(evidence::SNIFF_BYTES).unwrap());
            }
        }
    }
}
