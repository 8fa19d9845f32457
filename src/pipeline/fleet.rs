//! Several machines in one run. Each WSUS server's checks read its own evidence when there are
//! several servers (an upstream and a downstream server must not be merged into one); each
//! client's checks read its own files beside the server it points at; the causes that several
//! clients show on the same proof become one cause naming them.

use super::analyse;
use crate::diagnosis::Cause;
use crate::evidence::{EvidenceFile, EvidenceSet, Kind};
use crate::facts::{Context, Facts};
use crate::finding::{CheckId, Finding, Side};
use crate::report::{Inventory, MachineEntry, TimelineEvent};
use crate::values::MachineName;

/// The server side a client is diagnosed beside: one WSUS server's facts, findings and kinds of
/// evidence, or, with one server or none, everything that is not a client's.
pub(super) struct ServerSide {
    /// The server's machine, when the evidence names it apart.
    name: Option<MachineName>,
    facts: Facts,
    findings: Vec<Finding>,
    kinds: Vec<Kind>,
}

/// What a run of several machines puts in the report in place of the whole-evidence view.
pub(super) struct Parts<'a> {
    pub set: &'a EvidenceSet,
    pub inventory: &'a Inventory,
    pub machines: &'a [MachineEntry],
    pub findings: &'a mut Vec<Finding>,
    pub diagnosis: &'a mut Vec<Cause>,
    pub timeline: &'a mut Vec<TimelineEvent>,
}

/// Runs the checks per machine where the evidence holds several: the server checks once per
/// WSUS server when there are two or more, the client checks once per client when there are two
/// or more (or when there are several servers to tell apart). `all` is the whole evidence's facts;
/// it is left as it was.
pub(super) fn by_machine(all: &mut Facts, mut parts: Parts<'_>) {
    let servers: Vec<&MachineEntry> = parts.machines.iter().filter(|m| m.role.server).collect();
    let clients: Vec<&MachineEntry> = parts.machines.iter().filter(|m| m.role.client).collect();
    // Servers are told apart by the names their evidence states: files of one server that name
    // no machine (a collection's iis/ and httperr/ folders) are not servers of their own.
    let apart = servers.iter().filter(|m| !m.name.is_path()).count() >= 2;
    if !apart && clients.len() < 2 {
        return;
    }
    let mut sides: Vec<ServerSide> = if apart {
        let sides: Vec<ServerSide> = servers
            .iter()
            .map(|m| server_side(m, &all.context, &parts))
            .collect();
        let whole = std::mem::take(parts.findings);
        put_server_side(&sides, whole, parts.findings, parts.timeline);
        sides
    } else {
        vec![ServerSide {
            name: servers.first().map(|m| m.name.clone()),
            facts: std::mem::take(all),
            findings: parts
                .findings
                .iter()
                .filter(|f| f.check.side() == Side::Server)
                .cloned()
                .collect(),
            kinds: files_of_servers(parts.inventory, &servers)
                .filter_map(|i| parts.inventory.files[i].kind)
                .collect(),
        }]
    };
    // Findings of the whole run that every client is diagnosed with: the probe, and the checks
    // that read the fleet at once (held against each client by `concerns`).
    let probe: Vec<Finding> = parts
        .findings
        .iter()
        .filter(|f| f.check.side() == Side::Probe || f.check.reads_fleet())
        .cloned()
        .collect();
    let mut causes = per_client(&clients, &mut sides, &probe, &all.context, &mut parts);
    // A server's own causes stand whether or not a client was diagnosed beside it.
    for side in &sides {
        // With no client's addresses, every finding speaks: the causes about some clients only
        // are left to the clients' runs above.
        for mut cause in crate::diagnosis::diagnose(&side.facts, &side.findings, &side.kinds) {
            if !cause.about_clients && !causes.iter().any(|c| same_cause(c, &cause)) {
                cause.machine = side.name.clone();
                causes.push(cause);
            }
        }
    }
    name_apart(&mut causes);
    // A cause several clients show applies to each of them, not to the first one's machine.
    for c in &mut causes {
        if c.affected.len() > 1 {
            c.machine = None;
        }
    }
    *parts.diagnosis = causes;
    if !apart {
        if let Some(side) = sides.pop() {
            *all = side.facts;
        }
    }
}

/// The indexes of the inventory's files that belong to one of these machines.
fn files_of_servers<'a>(
    inventory: &'a Inventory,
    of: &'a [&MachineEntry],
) -> impl Iterator<Item = usize> + 'a {
    inventory
        .files
        .iter()
        .enumerate()
        .filter(move |(_, e)| of.iter().any(|m| e.machine.as_ref() == Some(&m.name)))
        .map(|(i, _)| i)
}

/// The indexes of the inventory's files of one machine.
fn own_files(inventory: &Inventory, name: &MachineName) -> Vec<usize> {
    inventory
        .files
        .iter()
        .enumerate()
        .filter(|(_, e)| e.machine.as_ref() == Some(name))
        .map(|(i, _)| i)
        .collect()
}

/// Reads one machine's files alone.
fn facts_of(set: &EvidenceSet, own: &[usize], context: &Context) -> Facts {
    let files: Vec<EvidenceFile> = own.iter().map(|&i| set.files[i].clone()).collect();
    let context = Context {
        client_ips: Vec::new(),
        ..context.clone()
    };
    analyse(&EvidenceSet::from_files(files), context).0
}

/// One WSUS server of several, read and checked on its own evidence.
fn server_side(server: &MachineEntry, context: &Context, parts: &Parts<'_>) -> ServerSide {
    let own = own_files(parts.inventory, &server.name);
    let facts = facts_of(parts.set, &own, context);
    let mut findings = crate::checks::run_side(&facts, Side::Server);
    for f in &mut findings {
        f.machine = Some(server.name.clone());
    }
    ServerSide {
        name: Some(server.name.clone()),
        findings,
        kinds: own
            .iter()
            .filter_map(|&i| parts.inventory.files[i].kind)
            .collect(),
        facts,
    }
}

/// Puts each server's own findings and timeline events where the whole evidence's server-side
/// ones were.
fn put_server_side(
    sides: &[ServerSide],
    whole: Vec<Finding>,
    findings: &mut Vec<Finding>,
    timeline: &mut Vec<TimelineEvent>,
) {
    let mut placed = false;
    for f in whole {
        if f.check.side() == Side::Server {
            if !placed {
                findings.extend(sides.iter().flat_map(|s| s.findings.iter().cloned()));
                placed = true;
            }
        } else {
            findings.push(f);
        }
    }
    if !placed {
        findings.extend(sides.iter().flat_map(|s| s.findings.iter().cloned()));
    }
    timeline.retain(|e| e.side != Side::Server);
    for side in sides {
        for mut e in crate::diagnosis::timeline::build(&side.facts) {
            if e.side == Side::Server {
                e.machine = side.name.clone();
                timeline.push(e);
            }
        }
    }
    timeline.sort_by(|a, b| a.time.cmp(&b.time).then(a.side.cmp(&b.side)));
}

/// The server a client points at: the one its policy, ConfigMgr or WindowsUpdate.log names, or
/// the only one.
fn server_for(client: &Facts, sides: &[ServerSide]) -> Option<usize> {
    if sides.len() == 1 {
        return Some(0);
    }
    let host = MachineName::new(crate::checks::client::proxy::wsus_host(client)?);
    sides.iter().position(|s| s.name.as_ref() == Some(&host))
}

/// Runs the client checks once per client on its own files, with the server it points at
/// beside them, and diagnoses each client with that server's findings.
fn per_client(
    clients: &[&MachineEntry],
    sides: &mut [ServerSide],
    probe: &[Finding],
    context: &Context,
    parts: &mut Parts<'_>,
) -> Vec<Cause> {
    let mut client_findings = Vec::new();
    let mut causes: Vec<Cause> = Vec::new();
    let mut client_events = Vec::new();
    // Each client's addresses, by the server it was diagnosed beside.
    let mut beside: Vec<Vec<(MachineName, Vec<std::net::IpAddr>)>> =
        sides.iter().map(|_| Vec::new()).collect();
    // Which of each server's findings about some clients only spoke for a client given here.
    let mut about_given: Vec<Vec<bool>> = sides
        .iter()
        .map(|s| vec![false; s.findings.len()])
        .collect();
    for client in clients {
        let own = own_files(parts.inventory, &client.name);
        let mut facts = facts_of(parts.set, &own, context);
        // The server-side facts the client is paired with: moved in, and back out below,
        // never copied.
        let paired = if client.role.server {
            None
        } else {
            server_for(&facts, sides)
        };
        let swap = |facts: &mut Facts, side: &mut ServerSide| {
            std::mem::swap(&mut facts.iis_log, &mut side.facts.iis_log);
            std::mem::swap(&mut facts.httperr, &mut side.facts.httperr);
            std::mem::swap(&mut facts.iis_config, &mut side.facts.iis_config);
        };
        if let Some(i) = paired {
            swap(&mut facts, &mut sides[i]);
        }
        let mut mine = crate::checks::run_side(&facts, Side::Client);
        for f in &mut mine {
            f.machine = Some(client.name.clone());
        }
        let addresses = facts.client_addresses(|_| true);
        if let Some(i) = paired {
            beside[i].push((client.name.clone(), addresses.clone()));
        }
        let mut kinds: Vec<Kind> = own
            .iter()
            .filter_map(|&i| parts.inventory.files[i].kind)
            .collect();
        let mut pair: Vec<Finding> = probe
            .iter()
            .filter(|f| f.concerns(&addresses, true))
            .cloned()
            .collect();
        if let Some(i) = paired {
            kinds.extend(&sides[i].kinds);
            for (f, matched) in sides[i].findings.iter().zip(&mut about_given[i]) {
                if f.concerns(&addresses, true) {
                    *matched |= f.about_clients.is_some();
                    pair.push(f.clone());
                }
            }
        }
        pair.extend(mine.iter().cloned());
        for mut cause in crate::diagnosis::diagnose(&facts, &pair, &kinds) {
            let on_client = cause.about_clients;
            match causes.iter_mut().find(|c| same_cause(c, &cause)) {
                Some(c) => {
                    if on_client && !c.affected.contains(&client.name) {
                        c.affected.push(client.name.clone());
                    }
                }
                None => {
                    if on_client {
                        cause.affected.push(client.name.clone());
                        cause.machine = Some(client.name.clone());
                    } else {
                        cause.machine = paired.and_then(|i| sides[i].name.clone());
                    }
                    causes.push(cause);
                }
            }
        }
        for mut e in crate::diagnosis::timeline::build(&facts) {
            if e.side == Side::Client {
                e.machine = Some(client.name.clone());
                client_events.push(e);
            }
        }
        if let Some(i) = paired {
            swap(&mut facts, &mut sides[i]);
        }
        client_findings.extend(mine);
    }
    // The server's logs may show clients whose evidence was not given (404s from clients that
    // ask the wrong port): what rests on those findings is still a cause, of no given client.
    for (side, given) in sides.iter().zip(&about_given) {
        let of_others: Vec<Finding> = side
            .findings
            .iter()
            .zip(given)
            .filter(|(f, given)| f.about_clients.is_none() || !**given)
            .map(|(f, _)| f.clone())
            .collect();
        if of_others.iter().all(|f| f.about_clients.is_none()) {
            continue;
        }
        for mut cause in crate::diagnosis::diagnose(&side.facts, &of_others, &side.kinds) {
            if cause.about_clients && !causes.iter().any(|c| same_cause(c, &cause)) {
                cause.machine = side.name.clone();
                causes.push(cause);
            }
        }
    }
    if clients.is_empty() {
        // The whole evidence's client checks stand: they say there was no client evidence.
        return causes;
    }
    for (side, given) in sides.iter().zip(&beside) {
        if let Some(mut view) =
            crate::checks::server::iis_log::given_clients(&side.facts.iis_log, given)
        {
            view.machine = side.name.clone();
            let after = parts
                .findings
                .iter()
                .rposition(|f| f.check == CheckId::ServerIisLog && f.machine == side.name);
            match after {
                Some(i) => parts.findings.insert(i + 1, view),
                None => parts.findings.push(view),
            }
        }
    }
    let mut merged: Vec<Finding> = Vec::with_capacity(parts.findings.len());
    let mut clients_placed = false;
    for f in parts.findings.drain(..) {
        if f.check.side() == Side::Client && !f.check.reads_fleet() {
            if !clients_placed {
                merged.append(&mut client_findings);
                clients_placed = true;
            }
        } else {
            merged.push(f);
        }
    }
    merged.append(&mut client_findings);
    *parts.findings = merged;
    parts.timeline.retain(|e| e.side != Side::Client);
    parts.timeline.extend(client_events);
    parts
        .timeline
        .sort_by(|a, b| a.time.cmp(&b.time).then(a.side.cmp(&b.side)));
    causes
}

/// Two clients show the same cause when the same rule holds for them on the same leading
/// symptom: clients with a short name in their URL and clients whose requests miss the port are
/// two groups, each with its own proof and fix.
fn same_cause(a: &Cause, b: &Cause) -> bool {
    a.id == b.id && a.title == b.title && a.leading_symptom == b.leading_symptom
}

/// Causes of one rule that rest on different proofs say which proof in their title.
fn name_apart(causes: &mut [Cause]) {
    let titles: Vec<crate::i18n::Text> = causes.iter().map(|c| c.title.clone()).collect();
    for c in causes.iter_mut() {
        if titles.iter().filter(|t| **t == c.title).count() > 1 {
            if let Some(proof) = c.leading_proof.clone() {
                let title = std::mem::take(&mut c.title);
                c.title = crate::tr!("cause-title-with-proof", title = title, proof = proof);
            }
        }
    }
}
