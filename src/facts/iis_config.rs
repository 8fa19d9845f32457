//! IIS configuration: sites, bindings, applications and pools from applicationHost.config, and
//! runtime states from `appcmd list`.
//!
//! The WSUS site is found by the registry's `IISTargetWebsiteIndex` (formats.md §3.3), else as
//! the site with a `/ClientWebService` application; its pool is the ClientWebService
//! application's. Names are never used: "WSUS Administration" and "WsusPool" are localised or
//! renamed on real servers.

use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::parsers::appcmd::AppcmdObject;
use crate::parsers::apphost_config::{self, AppHostConfig, Site};
use crate::parsers::netsh_sslcert::SslCertBinding;

/// applicationHost.config files are a few hundred kilobytes; a bound keeps a hostile file out of
/// memory.
const MAX_CONFIG_BYTES: u64 = 64 << 20;

/// A parsed applicationHost.config and where it was read.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: String,
    pub config: AppHostConfig,
}

/// How the WSUS site was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiteMatch {
    /// By the registry's `IISTargetWebsiteIndex`.
    RegistryIndex,
    /// As the site with a `/ClientWebService` application.
    ClientWebService,
}

#[derive(Debug, Clone, Default)]
pub struct IisConfigFacts {
    /// Every applicationHost.config read, in input order; the last one is current.
    pub configs: Vec<ConfigFile>,
    /// `appcmd list site` objects with their file.
    pub runtime_sites: Vec<(AppcmdObject, String)>,
    /// `appcmd list apppool` objects with their file.
    pub runtime_pools: Vec<(AppcmdObject, String)>,
    /// HTTP.sys certificate bindings (`netsh http show sslcert`) with their file.
    pub ssl_bindings: Vec<(SslCertBinding, String)>,
}

impl IisConfigFacts {
    pub(crate) fn merge(&mut self, other: IisConfigFacts) {
        self.configs.extend(other.configs);
        self.runtime_sites.extend(other.runtime_sites);
        self.runtime_pools.extend(other.runtime_pools);
        self.ssl_bindings.extend(other.ssl_bindings);
    }

    pub fn is_empty(&self) -> bool {
        self.configs.is_empty() && self.runtime_sites.is_empty() && self.runtime_pools.is_empty()
    }

    /// The applicationHost.config to judge (the last one given).
    pub fn config(&self) -> Option<&ConfigFile> {
        self.configs.last()
    }

    /// The WSUS site in the configuration.
    pub(crate) fn wsus_site(
        &self,
        site_index: Option<u64>,
    ) -> Option<(&ConfigFile, &Site, SiteMatch)> {
        let file = self.config()?;
        if let Some(site) = site_index.and_then(|id| file.config.site_by_id(id)) {
            return Some((file, site, SiteMatch::RegistryIndex));
        }
        file.config
            .sites
            .iter()
            .find(|s| s.application("/ClientWebService").is_some())
            .map(|s| (file, s, SiteMatch::ClientWebService))
    }

    /// The pool serving WSUS: the ClientWebService application's pool, else the root
    /// application's, else the configured default.
    pub(crate) fn wsus_pool_name(&self, site: &Site) -> Option<String> {
        let pool_of = |path: &str| site.application(path).and_then(|a| a.pool.clone());
        pool_of("/ClientWebService")
            .or_else(|| pool_of("/"))
            .or_else(|| self.config()?.config.default_application_pool.clone())
    }

    /// The runtime state `appcmd list site` reports for a site (by id, else by name).
    pub(crate) fn site_runtime(
        &self,
        id: Option<u64>,
        name: &str,
    ) -> Option<&(AppcmdObject, String)> {
        self.runtime_sites
            .iter()
            .rev()
            .find(|(o, _)| (id.is_some() && o.id == id) || o.name.eq_ignore_ascii_case(name))
    }

    pub(crate) fn pool_runtime(&self, name: &str) -> Option<&(AppcmdObject, String)> {
        self.runtime_pools
            .iter()
            .rev()
            .find(|(o, _)| o.name.eq_ignore_ascii_case(name))
    }

    /// The HTTP.sys certificate binding for a port (any address or host name).
    pub(crate) fn ssl_binding(&self, port: u16) -> Option<&(SslCertBinding, String)> {
        self.ssl_bindings
            .iter()
            .rev()
            .find(|(b, _)| b.port == Some(port))
    }
}

pub(crate) fn ingest_apphost(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let text = super::read_text(file, enc, MAX_CONFIG_BYTES)?;
    let mut ing = Ingested::default();
    let text = text.trim_start_matches('\u{feff}');
    let config = apphost_config::parse(text, &mut ing.stats);
    ing.facts.iis_config.configs.push(ConfigFile {
        path: file.display.clone(),
        config,
    });
    Ok(ing)
}

pub(crate) fn ingest_appcmd(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let mut ing = Ingested::default();
    let path = file.display.clone();
    let facts = &mut ing.facts.iis_config;
    crate::parsers::appcmd::parse(file.text_reader(enc)?, &mut ing.stats, |o| {
        if o.object == "SITE" {
            facts.runtime_sites.push((o, path.clone()));
        } else {
            facts.runtime_pools.push((o, path.clone()));
        }
    })?;
    Ok(ing)
}

pub(crate) fn ingest_netsh_sslcert(
    file: &EvidenceFile,
    enc: TextEncoding,
) -> std::io::Result<Ingested> {
    let mut ing = Ingested::default();
    let path = file.display.clone();
    let bindings = &mut ing.facts.iis_config.ssl_bindings;
    crate::parsers::netsh_sslcert::parse(file.text_reader(enc)?, &mut ing.stats, |b| {
        bindings.push((b, path.clone()))
    })?;
    Ok(ing)
}
