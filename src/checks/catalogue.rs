//! The check catalogue: every check's stable id, title, place in the guide, documentation and
//! sources. Ids are public interface: they are never renamed or reused; a retired id stays listed
//! in [`RETIRED`]. `wsus-doctor explain <id>`, `docs/checks.md` and the reports all read these
//! texts, so there is one place to change them.

use crate::facts::Facts;
use crate::report::Finding;

/// The stage of the guide a check belongs to, in the guide's order (reports group by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Prerequisites,
    Services,
    WebSite,
    IisLogs,
    Httperr,
    ServerHealth,
    ClientPolicy,
    ClientLogs,
    ConfigMgr,
    Reachability,
    Probe,
}

impl Stage {
    pub fn title(self) -> &'static str {
        match self {
            Stage::Prerequisites => "Prerequisites",
            Stage::Services => "Services",
            Stage::WebSite => "WSUS web site and application pool",
            Stage::IisLogs => "IIS logs",
            Stage::Httperr => "HTTP.sys error logs",
            Stage::ServerHealth => "Server events and TLS",
            Stage::ClientPolicy => "Client policy and proxy",
            Stage::ClientLogs => "Client logs",
            Stage::ConfigMgr => "Configuration Manager",
            Stage::Reachability => "Does the client reach the server",
            Stage::Probe => "Network probe",
        }
    }
}

/// One check.
pub struct CheckInfo {
    pub id: &'static str,
    pub title: &'static str,
    pub stage: Stage,
    /// The step of KB4025764 (or the extension beyond it) this automates.
    pub guide_step: &'static str,
    /// What it checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// The evidence it reads.
    pub evidence: &'static str,
    /// How to fix what it finds, in general.
    pub fix: &'static str,
    /// Source ids.
    pub sources: &'static [&'static str],
    /// The version that introduced it.
    pub since: &'static str,
    pub run: fn(&Facts) -> Vec<Finding>,
}

use super::{client, probe, server};

pub const CATALOGUE: &[CheckInfo] = &[
    CheckInfo {
        id: "server.version",
        title: "WSUS version and required updates",
        stage: Stage::Prerequisites,
        guide_step: "Prerequisites: WSUS 3.0 SP2 needs KB4039929 (3.2.7600.283); Server 2012/2012 R2/2016 need KB4039873/KB4039871/KB4039396 or later",
        what: "Reads the WSUS product version and the operating system build, and the list of installed updates, and compares them with the minimum the guide names.",
        why: "Without the 2017 fix, Configuration Manager and clients cannot connect reliably; WSUS 3.0 is out of support and has no TLS 1.2.",
        evidence: "Registry HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup and HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion (.reg export or reg query), Get-HotFix / wmic qfe output, WSUS SoftwareDistribution.log.",
        fix: "Install the named update or any later rollup, restart the server, then check again. With a remote software update point, the WSUS console on the site server needs it too.",
        sources: &["KB4025764", "KB4039929", "KB4039873", "KB4039871", "KB4039396", "WSUS3-LIFECYCLE"],
        since: "0.1.0",
        run: server::version::run,
    },
    CheckInfo {
        id: "server.services",
        title: "WSUS and IIS services",
        stage: Stage::Services,
        guide_step: "Troubleshooting step 1: Update Services (WsusService) and World Wide Web Publishing Service (W3SVC) must be running",
        what: "Checks that WsusService, W3SVC and WAS (which W3SVC needs) are running, and lists their crashes and restarts from the System log.",
        why: "Clients cannot scan while the web service or the WSUS service is down.",
        evidence: "sc query / sc queryex output, Get-Service exports, the live service control manager, System event log (Service Control Manager 7031, 7034, 7036).",
        fix: "Start the service (Start-Service WsusService, W3SVC) and find why it stopped in the System and Application logs.",
        sources: &["KB4025764", "SCM-EVENTS"],
        since: "0.1.0",
        run: server::services::run,
    },
    CheckInfo {
        id: "server.website",
        title: "WSUS web site",
        stage: Stage::WebSite,
        guide_step: "Troubleshooting step 2: the Default Web Site or the WSUS Administration site must be running",
        what: "Finds the WSUS site by IISTargetWebsiteIndex, checks that it is started, that its bindings match PortNumber and UsingSSL, that its virtual directories exist, and that ASP.NET impersonation is off.",
        why: "A stopped site, a wrong port or a missing virtual directory makes every client request fail (404, connection refused).",
        evidence: "applicationHost.config, appcmd list site, the WSUS Setup registry key.",
        fix: "Start the site, restore the bindings (8530/8531, or 80/443 on the Default Web Site), or repair the virtual directories with wsusutil postinstall.",
        sources: &["KB4025764", "KB2737219", "WSUS-CONFIGURE"],
        since: "0.1.0",
        run: server::website::run,
    },
    CheckInfo {
        id: "server.app-pool",
        title: "WsusPool application pool settings",
        stage: Stage::WebSite,
        guide_step: "Code 503: raise the WsusPool private memory limit (4-8 GB or more)",
        what: "Finds the WSUS application pool through the ClientWebService application, checks that it is started and not disabled by rapid-fail protection, and compares private memory limit, queue length, idle time-out, pinging and periodic restart with Microsoft's recommendations.",
        why: "WSUS setup leaves the private memory limit at 1,843,200 KB; under load the pool recycles and clients get 503s. This is the classic cause of WSUS connection failures.",
        evidence: "applicationHost.config (with IIS inheritance applied), appcmd list apppool.",
        fix: "Raise the private memory limit (KB4025764: 4-8 GB or more; KB4490414: 0, no limit), queue length 2000, idle time-out 0, pinging off, regular recycle 0.",
        sources: &["KB4025764", "KB4490414", "IIS-APPPOOL"],
        since: "0.1.0",
        run: server::app_pool::run,
    },
    CheckInfo {
        id: "server.iis-log",
        title: "Errors in the WSUS site's IIS logs",
        stage: Stage::IisLogs,
        guide_step: "Troubleshooting step 3: read the IIS logs and interpret 200/206/401/403/404/500/503",
        what: "Reads the IIS logs of the WSUS site and interprets every status the way the guide does: 401s only when no success follows, 403 to the Windows Update Agent (not to browsers), 404 on WSUS virtual directories, 500 by sub-status, 503 bursts, dropped connections.",
        why: "The IIS log shows what the server answered each client; 503 bursts are the server side of client time-outs.",
        evidence: "IIS W3C logs (u_ex*.log) of the WSUS site.",
        fix: "Depends on the status: raise WsusPool memory for 503s, repair virtual directories for 404s, fix SSL and certificate settings for 403s.",
        sources: &["KB4025764", "KB943891"],
        since: "0.1.0",
        run: server::iis_log::run,
    },
    CheckInfo {
        id: "server.httperr",
        title: "Requests HTTP.sys rejected before IIS",
        stage: Stage::Httperr,
        guide_step: "When the client's IP is missing from the IIS logs: check C:\\Windows\\System32\\LogFiles\\HTTPERR",
        what: "Reads the HTTP.sys error logs and explains each reason phrase per queue (application pool) over time: AppOffline, QueueFull, ConnLimit, Disabled, abandoned connections, time-outs.",
        why: "HTTP.sys answers 503 for a stopped or overloaded pool before IIS logs anything; those requests exist only in HTTPERR.",
        evidence: "HTTPERR logs (httperr*.log).",
        fix: "Start WsusPool and stop its crashes (memory limit), raise its queue length; connection drops point to pool recycles.",
        sources: &["KB4025764", "KB820729", "HTTPAPI-ERRORS"],
        since: "0.1.0",
        run: server::httperr::run,
    },
    CheckInfo {
        id: "server.events",
        title: "WSUS, WAS and service events",
        stage: Stage::ServerHealth,
        guide_step: "Beyond the guide: the event logs behind 503s and stopped services",
        what: "Lists WSUS health-monitor events, WAS application pool events (rapid-fail, crashes, recycles) and service crashes as a timeline tied to their meaning.",
        why: "A private-memory recycle or a rapid-fail shutdown at the time of a 503 burst proves the WsusPool cause.",
        evidence: "System and Application event logs (.evtx).",
        fix: "Follow the event: raise the pool's memory limit for recycles, start the pool after rapid-fail, repair the service that crashes.",
        sources: &["WAS-EVENTS", "SCM-EVENTS", "WSUS-HEALTH"],
        since: "0.1.0",
        run: server::events::run,
    },
    CheckInfo {
        id: "server.tls",
        title: "WSUS SSL configuration",
        stage: Stage::ServerHealth,
        guide_step: "Code 403: certificate problems or IIS configuration",
        what: "Checks UsingSSL against the HTTPS binding and its certificate, which virtual directories require SSL (the web services should, Content/Selfupdate/ReportingWebService/Inventory must not), and that client certificates are not required.",
        why: "Requiring SSL on content or self-update breaks clients (403.4); requiring client certificates fails every client with 0x80072F0C.",
        evidence: "applicationHost.config, the WSUS Setup registry key, certificates among the evidence.",
        fix: "Set SSL requirements per virtual directory as Microsoft documents, client certificates to Ignore, and renew or replace the site certificate.",
        sources: &["WSUS-CONFIGURE", "KB3090184", "KB4025764"],
        since: "0.1.0",
        run: server::tls::run,
    },
    CheckInfo {
        id: "client.policy",
        title: "Client WSUS policy",
        stage: Stage::ClientPolicy,
        guide_step: "When the client's IP is missing from the IIS logs: check HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate for the correct FQDN",
        what: "Checks UseWUServer, WUServer and WUStatusServer: set and equal, a valid http/https URL with a fully qualified host name, an explicit port matching the scheme, no trailing slash, no unexpanded placeholder; explains dual-scan and proxy-behaviour policies.",
        why: "A wrong, short or malformed server URL sends the client elsewhere or nowhere; a trailing slash produces //selfupdate requests.",
        evidence: "Registry exports or reg query output of the WindowsUpdate policy key and its AU subkey.",
        fix: "Correct the Group Policy 'Specify intranet Microsoft update service location' to http://wsus.fqdn:8530 (or https://...:8531), then gpupdate /force.",
        sources: &["KB4025764", "WU-POLICY", "WSUS-GPO"],
        since: "0.1.0",
        run: client::policy::run,
    },
    CheckInfo {
        id: "client.proxy",
        title: "Client proxy",
        stage: Stage::ClientPolicy,
        guide_step: "Beyond the guide: the WinHTTP proxy the Windows Update agent uses",
        what: "Checks that the WinHTTP proxy bypasses the WSUS host, and explains the user-proxy fallback policy.",
        why: "The agent sends intranet requests through the WinHTTP proxy; a proxy that cannot reach WSUS makes scans time out or fail with 407/502.",
        evidence: "netsh winhttp show proxy output, the WinHttpSettings registry value.",
        fix: "Add the WSUS host to the bypass list (netsh winhttp set proxy ... bypass-list=\"wsus.fqdn;<local>\") or remove the proxy.",
        sources: &["WU-PROXY", "KB3090184"],
        since: "0.1.0",
        run: client::proxy::run,
    },
    CheckInfo {
        id: "client.wu-log",
        title: "Connection errors in WindowsUpdate.log",
        stage: Stage::ClientLogs,
        guide_step: "Code 503 note: look for errors ending in 2ee2 (0x80072EE2) in the client's WindowsUpdate.log",
        what: "Finds every connection error with its time, URL and decoded HRESULT, groups them into episodes, compares the server the agent used with the policy, and reads SOAP faults and the last successful scan.",
        why: "The client's errors name the failing step (time-out, 503, 404, TLS) and pair with the server's logs at the same minutes.",
        evidence: "WindowsUpdate.log (legacy text log or Get-WindowsUpdateLog output).",
        fix: "Depends on the error: 0x80072EE2 and 0x80244022 point to the server's WsusPool, 0x80072EE7 to DNS, 0x80072F8F to certificates and clocks.",
        sources: &["KB4025764", "WU-LOGS", "WU-ERRORS"],
        since: "0.1.0",
        run: client::wu_log::run,
    },
    CheckInfo {
        id: "client.configmgr",
        title: "WSUS location from Configuration Manager",
        stage: Stage::ConfigMgr,
        guide_step: "On Configuration Manager clients: check ccm\\logs\\LocationServices.log for the WSUS entry",
        what: "Compares the WSUS location Configuration Manager handed out with the policy registry and with what WindowsUpdate.log used; finds Group Policy overriding the software update point and scan errors in WUAHandler.log.",
        why: "A Group Policy that overrides the software update point, or a client given the wrong location, scans against the wrong server.",
        evidence: "LocationServices.log, WUAHandler.log, ScanAgent.log.",
        fix: "Remove the conflicting Group Policy, or force a Software Updates Scan Cycle so the location is logged.",
        sources: &["KB4025764", "CM-COMPLIANCE", "KB3090184"],
        since: "0.1.0",
        run: client::configmgr::run,
    },
    CheckInfo {
        id: "client.reaches-server",
        title: "Client requests in the server's logs",
        stage: Stage::Reachability,
        guide_step: "When the client's IP address never appears in the IIS logs",
        what: "When the evidence holds a client's addresses and the server's IIS logs for the same time, checks whether the client appears in them and with which statuses; when it never does, follows the guide's three next steps with what the evidence says about each.",
        why: "A client absent from the server's logs is pointed elsewhere, blocked by the network, or rejected by HTTP.sys.",
        evidence: "ipconfig /all output (or --client-ip), IIS and HTTPERR logs, the client policy, LocationServices.log.",
        fix: "Check HTTPERR, the policy's FQDN and LocationServices.log, in that order.",
        sources: &["KB4025764"],
        since: "0.1.0",
        run: client::reaches_server::run,
    },
    CheckInfo {
        id: "probe.dns",
        title: "WSUS host name resolves",
        stage: Stage::Probe,
        guide_step: "Beyond the guide: resolve the WUServer host the way the client does",
        what: "Checks the URL as the WUServer policy value is checked (scheme, FQDN, port, trailing slash, placeholders), then resolves the host with the operating system's resolver and lists every address.",
        why: "A URL the agent cannot use fails before any request (0x80072EE6, 0x80072EE5); a name that does not resolve fails every scan with 0x80072EE7.",
        evidence: "Probe steps url and dns.",
        fix: "Register the WSUS host in DNS, or use the name DNS knows.",
        sources: &["WU-ERRORS"],
        since: "0.1.0",
        run: probe::dns::run,
    },
    CheckInfo {
        id: "probe.tcp",
        title: "WSUS port accepts connections",
        stage: Stage::Probe,
        guide_step: "Beyond the guide: connect to the WSUS port",
        what: "Connects to each address on the WSUS port, telling refused, timed out and unreachable apart.",
        why: "Refused means nothing listens (site stopped, wrong port); a time-out means a firewall drops packets.",
        evidence: "Probe step tcp.",
        fix: "Start the WSUS site or correct the port; open the port in the firewalls between client and server.",
        sources: &["WU-ERRORS"],
        since: "0.1.0",
        run: probe::tcp::run,
    },
    CheckInfo {
        id: "probe.tls",
        title: "WSUS TLS certificate",
        stage: Stage::Probe,
        guide_step: "Code 403 / 0x80072F8F: certificate problems",
        what: "Performs the TLS handshake, shows the protocol, cipher and certificate chain, and judges it with the platform verifier: name, expiry, trust, weak keys.",
        why: "Clients refuse a certificate that does not match the WUServer host, has expired, or chains to an untrusted root.",
        evidence: "Probe step tls.",
        fix: "Use the certificate's name in WUServer, renew the certificate, or deploy its root CA to clients.",
        sources: &["WSUS-CONFIGURE", "WU-ERRORS"],
        since: "0.1.0",
        run: probe::tls::run,
    },
    CheckInfo {
        id: "probe.http",
        title: "WSUS client endpoints answer",
        stage: Stage::Probe,
        guide_step: "KB3090184's connectivity test URLs: wuident.cab, wusserverversion.xml, SimpleAuth.asmx",
        what: "Requests the files and pages a client uses first and checks the answers (status, content type, cabinet signature).",
        why: "403.4, 404, 401 and 503 answers name the IIS misconfiguration or pool failure.",
        evidence: "Probe step http.",
        fix: "Depends on the status; each finding names it.",
        sources: &["KB3090184", "KB4025764"],
        since: "0.1.0",
        run: probe::http::run,
    },
    CheckInfo {
        id: "probe.soap",
        title: "WSUS web service answers GetConfig",
        stage: Stage::Probe,
        guide_step: "Beyond the guide: call the client web service as the agent does",
        what: "Calls GetConfig on the client web service and checks for a genuine WSUS answer (SimpleTargeting authentication, server protocol version); decodes SOAP faults.",
        why: "A page that loads does not prove the web service, its pool and its database work; GetConfig does.",
        evidence: "Probe step soap.",
        fix: "A SOAP fault's ErrorCode names the server-side problem; 500 and 503 point to WsusPool and SUSDB.",
        sources: &["MS-WUSP"],
        since: "0.1.0",
        run: probe::soap::run,
    },
];

/// Ids that were retired; they stay reserved and are never reused.
pub const RETIRED: &[&str] = &[];

pub fn info(id: &str) -> Option<&'static CheckInfo> {
    CATALOGUE.iter().find(|c| c.id == id)
}

/// The checks reference (`docs/checks.md`), generated from the catalogue so the documentation
/// cannot drift from the code.
pub fn markdown() -> String {
    let mut o = String::from(
        "# The checks\n\n<!-- Generated from src/checks/catalogue.rs by `WSUS_DOCTOR_BLESS=1 cargo test --lib checks::catalogue`; do not edit by hand. -->\n\n\
         Check ids are stable: they are never renamed or reused. `wsus-doctor explain <id>` prints the same text.\n\n\
         | id | title | stage |\n|---|---|---|\n",
    );
    for c in CATALOGUE {
        o.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            c.id,
            c.id.replace('.', ""),
            c.title,
            c.stage.title()
        ));
    }
    for c in CATALOGUE {
        let sources: Vec<String> = c
            .sources
            .iter()
            .map(|s| {
                let r = crate::knowledge::sources::reference(s);
                match r.url {
                    Some(u) => format!("- {}: [{}]({u})", r.id, r.title),
                    None => format!("- {}", r.id),
                }
            })
            .collect();
        o.push_str(&format!(
            "\n## `{}`\n\n**{}** (since {})\n\n*Guide step:* {}\n\n### What it checks\n\n{}\n\n### Why it matters\n\n{}\n\n### Evidence read\n\n{}\n\n### How to fix\n\n{}\n\n### Sources\n\n{}\n",
            c.id,
            c.title,
            c.since,
            c.guide_step,
            c.what,
            c.why,
            c.evidence,
            c.fix,
            sources.join("\n")
        ));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_well_formed_and_documented() {
        for (i, c) in CATALOGUE.iter().enumerate() {
            assert!(CATALOGUE[i + 1..].iter().all(|d| d.id != c.id), "{}", c.id);
            assert!(!RETIRED.contains(&c.id));
            let (family, name) = c.id.split_once('.').unwrap();
            assert!(["server", "client", "probe"].contains(&family));
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                c.id
            );
            for text in [c.title, c.guide_step, c.what, c.why, c.evidence, c.fix] {
                assert!(!text.is_empty(), "{}", c.id);
            }
            assert!(!c.sources.is_empty());
            for s in c.sources {
                assert!(
                    crate::knowledge::sources::is_known(s),
                    "{} cites unknown source {s}",
                    c.id
                );
            }
        }
    }

    #[test]
    fn docs_are_generated_from_the_catalogue() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/checks.md");
        let want = markdown();
        if std::env::var_os("WSUS_DOCTOR_BLESS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(have == want, "docs/checks.md is out of date: run WSUS_DOCTOR_BLESS=1 cargo test --lib checks::catalogue");
    }

    #[test]
    fn stages_follow_the_guide_order() {
        for w in CATALOGUE.windows(2) {
            assert!(w[0].stage <= w[1].stage, "{} after {}", w[1].id, w[0].id);
        }
    }
}
