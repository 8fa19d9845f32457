//! What the server checks share: whether the evidence comes from a WSUS server at all, the WSUS
//! Setup registry values, and the WSUS site and pool as IIS configures them.

use crate::facts::events::SERVICES_OF_INTEREST;
use crate::facts::iis_config::{ConfigFile, SiteMatch};
use crate::facts::registry::{keys, RegValue};
use crate::facts::Facts;
use crate::finding::EvidenceItem;
use crate::i18n::Text;
use crate::parsers::apphost_config::Site;

/// The skip reason when nothing comes from a WSUS server: a constant every server check names,
/// read in the reader's language once it becomes a [`Text`].
pub(crate) const NO_SERVER_EVIDENCE: NoServerEvidence = NoServerEvidence;

/// The reason behind [`NO_SERVER_EVIDENCE`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct NoServerEvidence;

impl From<NoServerEvidence> for Text {
    fn from(_: NoServerEvidence) -> Text {
        crate::tr!("wsus-no-server-evidence")
    }
}

/// The WSUS web services and folders the site must have (formats.md §3.1, KB2737219).
pub(crate) const REQUIRED_PATHS: &[&str] = &[
    "ClientWebService",
    "SimpleAuthWebService",
    "ReportingWebService",
    "DssAuthWebService",
    "ServerSyncWebService",
    "ApiRemoting30",
    "Content",
    "Selfupdate",
    "Inventory",
];

/// Where WSUS needs SSL when UsingSSL is on (WSUS-CONFIGURE): the web services.
pub(crate) const SSL_REQUIRED: &[&str] = &[
    "ClientWebService",
    "SimpleAuthWebService",
    "DssAuthWebService",
    "ServerSyncWebService",
    "ApiRemoting30",
];

/// Where SSL must not be required (WSUS-CONFIGURE): content, self-update, reporting, inventory.
pub(crate) const SSL_FORBIDDEN: &[&str] =
    &["Content", "Selfupdate", "ReportingWebService", "Inventory"];

/// Whether any evidence comes from a WSUS server.
pub(crate) fn has_server_evidence(facts: &Facts) -> bool {
    facts.registry.has_key(keys::WSUS_SETUP)
        || !facts.iis_config.is_empty()
        || SERVICES_OF_INTEREST
            .iter()
            .any(|(name, _)| facts.services.get(name).is_some())
        || !facts.events.records().is_empty()
        || !facts.updates.wsus_versions.is_empty()
}

/// Whether anything shows WSUS installed on the machine (its Setup key, its service, its
/// version), as opposed to evidence of an IIS or Windows server that may not be a WSUS server.
pub(crate) fn is_installed(facts: &Facts) -> bool {
    facts.registry.has_key(keys::WSUS_SETUP)
        || facts.services.get("WsusService").is_some()
        || !facts.updates.wsus_versions.is_empty()
}

/// A value of the WSUS Setup key.
pub(crate) fn setup_value<'a>(facts: &'a Facts, name: &str) -> Option<&'a RegValue> {
    facts.registry.value(keys::WSUS_SETUP, name)
}

pub(crate) fn setup_number(facts: &Facts, name: &str) -> Option<u64> {
    setup_value(facts, name).and_then(|v| v.data.as_u64())
}

/// Evidence for a registry value, with its rendering.
pub(crate) fn value_item(v: &RegValue) -> EvidenceItem {
    EvidenceItem::new(v.origin.clone()).excerpt(format!(
        "{} = {}",
        if v.name.is_empty() { "@" } else { &v.name },
        v.data.display()
    ))
}

/// The WSUS site, its pool and how they were found.
pub(crate) struct WsusSite<'a> {
    pub file: &'a ConfigFile,
    pub site: &'a Site,
    pub how: SiteMatch,
    pub pool: Option<String>,
    /// The registry's `IISTargetWebsiteIndex`, when it names a site that does not exist.
    pub missing_index: Option<u64>,
}

impl WsusSite<'_> {
    /// How the site was recognised, for the report.
    pub fn recognised_by(&self) -> Text {
        match self.how {
            SiteMatch::RegistryIndex => crate::tr!(
                "wsus-site-by-registry-index",
                id = self.site.id.unwrap_or_default()
            ),
            SiteMatch::ClientWebService => crate::tr!("wsus-site-by-client-web-service"),
        }
    }

    pub(crate) fn site_item(&self) -> EvidenceItem {
        EvidenceItem::new(crate::values::EvidenceRef::line(
            &self.file.path,
            self.site.line,
        ))
        .excerpt(format!(
            "<site name=\"{}\" id=\"{}\">",
            self.site.name,
            self.site.id.map_or("?".to_string(), |i| i.to_string())
        ))
        .note(crate::tr!(
            "wsus-site-recognised",
            how = self.recognised_by()
        ))
    }
}

/// Finds the WSUS site in applicationHost.config.
pub(crate) fn wsus_site(facts: &Facts) -> Option<WsusSite<'_>> {
    let index = setup_number(facts, "IISTargetWebsiteIndex");
    let (file, site, how) = facts.iis_config.wsus_site(index)?;
    let missing_index = index.filter(|_| how != SiteMatch::RegistryIndex);
    Some(WsusSite {
        file,
        site,
        how,
        pool: facts.iis_config.wsus_pool_name(site),
        missing_index,
    })
}

pub(crate) use crate::knowledge::remedy::iis::APPCMD;

/// `wsusutil postinstall`, which recreates WSUS's IIS configuration.
pub(crate) fn postinstall() -> String {
    format!("{} postinstall", crate::knowledge::wsus::WSUSUTIL)
}

/// Where WSUS's own requests arrive on a server that may host other sites and applications (a
/// ConfigMgr management point, WinRM, WSDAPI): its application pool and its site's ports.
pub(crate) struct WsusScope {
    pub pool: String,
    pub ports: Vec<u16>,
    /// The ports were read from the evidence (site bindings, PortNumber), not WSUS's defaults.
    pub ports_from_evidence: bool,
}

impl WsusScope {
    /// Whether HTTP.sys records of this queue and these server ports are WSUS's: a named queue
    /// is WSUS's when it is WSUS's pool; records without a queue (rejected before routing) are
    /// WSUS's when they came in on a WSUS port.
    pub fn holds<'a>(&self, queue: Option<&str>, mut ports: impl Iterator<Item = &'a u16>) -> bool {
        match queue {
            Some(q) => q.eq_ignore_ascii_case(&self.pool),
            None => ports.any(|p| self.ports.contains(p)),
        }
    }

    /// The ports, for a sentence.
    pub(crate) fn ports_text(&self) -> String {
        self.ports
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The WSUS scope the evidence shows: the pool of the WSUS site (else WSUS setup's name), the
/// ports of the site's bindings and of PortNumber/UsingSSL (else WSUS's own 8530 and 8531).
pub(crate) fn scope(facts: &Facts) -> WsusScope {
    let mut ports: Vec<u16> = Vec::new();
    if let Some(site) = wsus_site(facts) {
        ports.extend(site.site.bindings.iter().filter_map(|b| b.port));
    }
    if let Some(port) = setup_number(facts, "PortNumber") {
        let ssl = setup_number(facts, "UsingSSL").is_some_and(|v| v != 0);
        let (http, https) = expected_ports(port, ssl);
        ports.extend(
            [Some(http), https]
                .into_iter()
                .flatten()
                .filter_map(|p| u16::try_from(p).ok()),
        );
    }
    let ports_from_evidence = !ports.is_empty();
    if !ports_from_evidence {
        ports = vec![8530, 8531];
    }
    ports.sort_unstable();
    ports.dedup();
    WsusScope {
        pool: pool_name(facts),
        ports,
        ports_from_evidence,
    }
}

/// The WSUS application pool's name as the evidence gives it, else the name WSUS setup uses.
pub(crate) fn pool_name(facts: &Facts) -> String {
    wsus_site(facts)
        .and_then(|s| s.pool)
        .unwrap_or_else(|| crate::knowledge::wsus::SETUP_POOL_NAME.to_string())
}

/// The WSUS pool's effective private memory limit in KB, when applicationHost.config shows it.
pub(crate) fn pool_private_memory_kb(facts: &Facts) -> Option<u64> {
    let site = wsus_site(facts)?;
    let pool = site.file.config.effective_pool(site.pool.as_deref()?)?;
    Some(pool.private_memory.value)
}

/// The HTTP and HTTPS ports the WSUS site should listen on, from PortNumber and UsingSSL
/// (formats.md §3.1: HTTPS port N pairs with HTTP port N-1, 443 with 80).
pub(crate) fn expected_ports(port: u64, ssl: bool) -> (u64, Option<u64>) {
    let http = match (ssl, port) {
        (true, 443) => 80,
        (true, 8531) => 8530,
        _ => port,
    };
    let https = match http {
        80 => 443,
        p => p.saturating_add(1),
    };
    (http, ssl.then_some(https))
}

/// Items of one sentence's list, each in the reader's language, joined by commas (", " in
/// English, "、" in Japanese).
pub(crate) fn comma_list(items: impl IntoIterator<Item = Text>) -> Text {
    items
        .into_iter()
        .reduce(|list, next| crate::tr!("wsus-list-comma", list = list, next = next))
        .unwrap_or_default()
}

/// Parts of one sentence, each in the reader's language, joined by semicolons.
pub(crate) fn semicolon_list(items: impl IntoIterator<Item = Text>) -> Text {
    items
        .into_iter()
        .reduce(|list, next| crate::tr!("wsus-list-semicolon", list = list, next = next))
        .unwrap_or_default()
}

/// `2024-03-05T09:14:02Z` for an optional time.
pub fn when(t: Option<jiff::Timestamp>) -> String {
    t.map_or("(no time)".to_string(), crate::values::time::format_utc)
}

/// Evidence written by the server checks' tests.
#[cfg(test)]
pub(crate) mod test_evidence {
    use crate::evidence::{text::TextEncoding, EvidenceFile};
    use crate::facts::{Facts, Ingested};

    /// A WAS 5117 private-memory recycle of WsusPool and a Service Control Manager 7031 crash of
    /// WsusService, as `wevtutil qe System /f:xml` writes them.
    pub(crate) const RECYCLE_AND_CRASH: &str = r#"<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-WAS" EventSourceName="WAS"/><EventID Qualifiers="16384">5117</EventID><Level>4</Level><TimeCreated SystemTime="2024-03-05T09:12:41.531Z"/><EventRecordID>7</EventRecordID><Channel>System</Channel><Computer>WSUS01</Computer></System><EventData><Data>5432</Data><Data>WsusPool</Data></EventData></Event>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Service Control Manager"/><EventID Qualifiers="49152">7031</EventID><Level>2</Level><TimeCreated SystemTime="2024-03-05T08:00:00Z"/><EventRecordID>6</EventRecordID><Channel>System</Channel><Computer>WSUS01</Computer></System><EventData><Data Name="param1">Update Services</Data><Data Name="param2">1</Data></EventData></Event>"#;

    /// The facts of one file of evidence, read by the reader of its format.
    pub(crate) fn facts(
        name: &str,
        text: &str,
        read: fn(&EvidenceFile, TextEncoding) -> std::io::Result<Ingested>,
    ) -> Facts {
        let file = EvidenceFile::memory(name, text.as_bytes().to_vec());
        let mut facts = Facts::default();
        facts.merge(read(&file, TextEncoding::UTF8).unwrap().facts);
        facts.finish();
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn lists_join_as_each_language_joins_them() {
        let times = || {
            ["09:00", "10:00", "11:00"].map(|t| {
                crate::tr!(
                    "events-burst-event",
                    provider = "WAS",
                    id = 5117u32,
                    time = t
                )
            })
        };
        let commas = comma_list(times());
        assert_eq!(
            &*commas,
            "WAS 5117 at 09:00, WAS 5117 at 10:00, WAS 5117 at 11:00"
        );
        assert_eq!(
            commas.local(Lang::Ja),
            "09:00 に WAS 5117、10:00 に WAS 5117、11:00 に WAS 5117"
        );
        let parts = semicolon_list(times());
        assert_eq!(
            &*parts,
            "WAS 5117 at 09:00; WAS 5117 at 10:00; WAS 5117 at 11:00"
        );
        assert_eq!(
            parts.local(Lang::Ja),
            "09:00 に WAS 5117 / 10:00 に WAS 5117 / 11:00 に WAS 5117"
        );
        assert!(comma_list(std::iter::empty()).is_empty());
        let reason = Text::from(NO_SERVER_EVIDENCE);
        assert_eq!(&*reason, "no WSUS server evidence (registry Setup key, applicationHost.config, service list or server event log) among the evidence");
        assert_eq!(reason.local(Lang::Ja), "WSUS サーバーの証拠 (レジストリの Setup キー、applicationHost.config、サービス一覧、サーバーのイベント ログ) がありません");
    }

    #[test]
    fn port_pairs() {
        assert_eq!(expected_ports(8530, false), (8530, None));
        assert_eq!(expected_ports(8530, true), (8530, Some(8531)));
        assert_eq!(expected_ports(8531, true), (8530, Some(8531)));
        assert_eq!(expected_ports(80, true), (80, Some(443)));
        assert_eq!(expected_ports(443, true), (80, Some(443)));
    }
}
