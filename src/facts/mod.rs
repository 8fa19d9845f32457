//! The typed model of what the evidence says: registry values, services, IIS configuration and
//! logs, event records, client logs, probe results. Every value keeps an [`EvidenceRef`] to where
//! it was read, so a finding can always show its proof.
//!
//! Each evidence file is parsed on its own into a partial [`Facts`]; partials are merged in input
//! order, so the outcome does not depend on how the files were scheduled.

pub mod certs;
pub(crate) mod client_clock;
pub use client_clock::StatedZone;
pub mod configmgr;
pub mod database;
pub mod events;
pub mod httperr;
pub(crate) mod iis_config;
pub mod iis_log;
pub mod network;

pub mod registry;
pub mod scan_status;
pub mod services;
pub mod updates;

pub(crate) mod wu_log;

use serde::Serialize;

/// Settings that shape the analysis but do not come from evidence files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Context {
    /// Client addresses given on the command line (`--client-ip`), added to those found in
    /// `ipconfig /all` output.
    pub client_ips: Vec<String>,
    /// Whether evidence was gathered live on this machine.
    pub live: bool,
    /// Checks that could not run live, with the reason (e.g. not elevated).
    pub live_limits: Vec<String>,
    /// The machine's WSUS role, when read live.
    pub role: Option<Role>,
    /// Whether the live run was elevated.
    pub elevated: Option<bool>,
    /// Checks left without evidence by a live run, with why (their skipped findings say so).
    pub limited_checks: Vec<LimitedCheck>,
    /// The ANSI code page of every file's machine, when known without reading the files:
    /// `--codepage`, or the code page of the machine a live run reads.
    pub ansi_code_page: Option<crate::evidence::text::AnsiHint>,
    /// The focus window: only server log records inside it are read (the report states it).
    #[serde(skip)]
    pub window: Option<crate::evidence::window::Window>,
    /// `--client-tz`: the zone of the clients' log times that carry none, instead of inferring it.
    #[serde(skip)]
    pub client_tz: Option<client_clock::StatedZone>,
}

/// A check a live run could not give its evidence to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitedCheck {
    pub check: crate::finding::CheckId,
    pub reason: String,
}

/// What a machine is for WSUS: a server when WSUS's Setup key exists, a client when the
/// WindowsUpdate policy key exists, both on a WSUS server that takes its own updates from WSUS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Role {
    pub server: bool,
    pub client: bool,
}

impl Role {
    /// The role the registry evidence shows.
    pub(crate) fn from_registry(r: &registry::RegistryFacts) -> Role {
        Role {
            server: r.has_key(registry::keys::WSUS_SETUP),
            client: r.has_key(registry::keys::WU_POLICY),
        }
    }

    pub fn name(self) -> &'static str {
        match (self.server, self.client) {
            (true, true) => "server+client",
            (true, false) => "server",
            (false, true) => "client",
            (false, false) => "none",
        }
    }
}

impl Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// Everything the evidence says, merged over all files.
#[derive(Debug, Default)]
pub struct Facts {
    pub context: Context,
    pub registry: registry::RegistryFacts,
    pub services: services::ServiceFacts,
    pub events: events::EventFacts,
    pub iis_config: iis_config::IisConfigFacts,
    pub updates: updates::UpdateFacts,
    pub database: database::DatabaseFacts,
    pub certs: certs::CertFacts,
    pub iis_log: iis_log::IisLogFacts,
    pub httperr: httperr::HttperrFacts,
    pub wu_log: wu_log::WuLogFacts,
    pub configmgr: configmgr::ConfigMgrFacts,
    pub scan_status: scan_status::ScanStatusFacts,
    pub network: network::NetworkFacts,
    pub probes: crate::probe::model::ProbeFacts,
}

impl Facts {
    /// Folds another file's facts into these.
    pub(crate) fn merge(&mut self, other: Facts) {
        let Facts {
            context: _,
            registry,
            services,
            events,
            iis_config,
            updates,
            database,
            certs,
            iis_log,
            httperr,
            wu_log,
            configmgr,
            scan_status,
            network,
            probes,
        } = other;
        self.registry.merge(registry);
        self.services.merge(services);
        self.events.merge(events);
        self.iis_config.merge(iis_config);
        self.updates.merge(updates);
        self.database.merge(database);
        self.certs.merge(certs);
        self.iis_log.merge(iis_log);
        self.httperr.merge(httperr);
        self.wu_log.merge(wu_log);
        self.configmgr.merge(configmgr);
        self.scan_status.merge(scan_status);
        self.network.merge(network);
        self.probes.merge(probes);
    }

    /// The client's addresses: those given with `--client-ip`, then those of `ipconfig /all`
    /// read where `keep` allows (not from the WSUS server's own output).
    pub(crate) fn client_addresses(
        &self,
        keep: impl Fn(&crate::values::EvidenceRef) -> bool,
    ) -> Vec<std::net::IpAddr> {
        let given = self.context.client_ips.iter().map(String::as_str);
        let read = self
            .network
            .client_ips()
            .iter()
            .filter(|c| keep(&c.origin))
            .map(|c| c.address.as_str());
        let mut out: Vec<std::net::IpAddr> = Vec::new();
        for ip in given.chain(read).filter_map(|a| a.trim().parse().ok()) {
            if !out.contains(&ip) {
                out.push(ip);
            }
        }
        out
    }

    /// Called once after every file has been merged, for facts that need the whole picture
    /// (sorting timelines, resolving which IIS site is WSUS's).
    pub fn finish(&mut self) {
        self.iis_log.finish();
        self.httperr.finish();
        self.events.finish();
        self.wu_log.finish();
        self.configmgr.finish();
        self.scan_status.finish();
    }
}

/// What reading one evidence file produced: the inventory figures and the facts.
#[derive(Debug, Default)]
pub struct Ingested {
    pub stats: crate::parsers::ParseStats,
    pub facts: Facts,
}

/// Reads a whole text file (up to `limit` bytes) as UTF-8 for formats parsed as one document
/// (XML, JSON); the text reader has already turned the file's code page into UTF-8.
pub(crate) fn read_text(
    file: &crate::evidence::EvidenceFile,
    enc: crate::evidence::text::TextEncoding,
    limit: u64,
) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.text_reader(enc)?.take(limit).read_to_end(&mut bytes)?;
    Ok(crate::parsers::lines::decode(&bytes).into_owned())
}
