//! `client.proxy`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! The Windows Update agent sends intranet detection through the WinHTTP (system) proxy, not the
//! user's proxy (WU-PROXY); a WinHTTP proxy that does not bypass the WSUS host makes every scan go
//! through a proxy that usually cannot reach an internal server. `SetProxyBehaviorForUpdateDetection`
//! = 1 allows the user proxy as a fallback (formats.md §5.1).

use super::policy::policy_server;
use crate::checks::catalogue::Check;
use crate::facts::registry::keys;
use crate::facts::wu_log::ServerSource;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::values::wsus_url;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientProxy,
    sources: &["WU-PROXY", "KB3090184"],
    since: "0.1.0",
    symptoms: &[Symptom::ProxyNoBypass],
    run,
};

/// The WSUS host the client is meant to reach: the policy, else the ConfigMgr location, else
/// the server the agent logged.
pub(crate) fn wsus_host(facts: &Facts) -> Option<String> {
    wsus_url(facts)?.host
}

/// The URL of the WSUS server the client is meant to reach (one that names a host): the policy,
/// else the ConfigMgr location, else the server the agent logged.
pub(crate) fn wsus_url(facts: &Facts) -> Option<wsus_url::WsusUrl> {
    if let Some((_, u)) = policy_server(&facts.registry) {
        if u.host.is_some() {
            return Some(u);
        }
    }
    if let Some(l) = facts.configmgr.wsus_locations().last() {
        let u = wsus_url::check(&l.path);
        if u.host.is_some() {
            return Some(u);
        }
    }
    facts
        .wu_log
        .servers_used()
        .iter()
        .rev()
        .filter(|s| s.source == ServerSource::WsusServer && !s.is_null())
        .map(|s| wsus_url::check(&s.url))
        .find(|u| u.host.is_some())
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let Some(proxy) = facts.network.winhttp_proxy(&facts.registry) else {
        return vec![CHECK.skipped("no WinHTTP proxy settings (netsh winhttp show proxy output or the WinHttpSettings value) among the evidence")];
    };
    let fallback = facts
        .registry
        .value(keys::WU_POLICY, "SetProxyBehaviorForUpdateDetection")
        .and_then(|v| v.data.as_u64());
    let fallback_text = match fallback {
        Some(1) => " SetProxyBehaviorForUpdateDetection is 1: when the WinHTTP proxy fails, the agent may fall back to the user's proxy.",
        _ => " SetProxyBehaviorForUpdateDetection is not 1: the agent does not fall back to the user's proxy for intranet detection.",
    };
    let item = EvidenceItem::new(proxy.origin.clone()).excerpt(match &proxy.server {
        Some(s) => format!(
            "proxy {s}, bypass {}",
            if proxy.bypass.is_empty() {
                "(none)".to_string()
            } else {
                proxy.bypass.join(";")
            }
        ),
        None => "direct access (no proxy server)".to_string(),
    });
    let data = json!({"direct": proxy.direct, "server": proxy.server, "bypass": proxy.bypass});
    let Some(server) = proxy.server.clone().filter(|_| !proxy.direct) else {
        return vec![CHECK
            .finding(Status::Pass, "WinHTTP connects directly")
            .summary("No WinHTTP proxy is set: the agent connects to WSUS directly.")
            .evidence(item)
            .reference("WU-PROXY")
            .data(data)];
    };
    let Some(host) = wsus_host(facts) else {
        return vec![CHECK.finding(Status::Info, format!("WinHTTP proxy {server} is set"))
            .summary("A WinHTTP proxy is set; the evidence does not name the WSUS server, so whether it is bypassed cannot be checked.")
            .explanation(format!("The agent sends intranet requests through the WinHTTP proxy unless the bypass list matches the WSUS host (WU-PROXY).{fallback_text}"))
            .evidence(item)
            .reference("WU-PROXY")
            .data(data)];
    };
    if proxy.bypasses(&host) {
        return vec![CHECK
            .finding(Status::Pass, format!("The WinHTTP proxy bypasses {host}"))
            .summary(format!(
                "WinHTTP proxy {server} is set and its bypass list covers the WSUS host {host}."
            ))
            .evidence(item)
            .reference("WU-PROXY")
            .data(data)];
    }
    let bypass = crate::knowledge::remedy::bypass_list(&proxy.bypass, &host);
    vec![CHECK.finding(Status::Warn, format!("The WinHTTP proxy {server} does not bypass the WSUS host {host}")).symptom(Symptom::ProxyNoBypass)
        .summary(format!("Requests to {host} go through {server}: if that proxy cannot reach the WSUS server or asks for authentication, scans time out (0x80072EE2) or fail with 0x8024401B (HTTP 407)."))
        .explanation(format!("The Windows Update agent sends intranet (WSUS) detection through the WinHTTP proxy, not the browser's (WU-PROXY).{fallback_text}"))
        .evidence(item)
        .remedy(Remedy::new("Add the WSUS host to the WinHTTP bypass list by its short name and its FQDN (WinHTTP compares the name as the URL gives it), or remove the WinHTTP proxy when the client does not need one (elevated prompt on the client).")
            .cmd(format!(r#"netsh winhttp set proxy proxy-server="{server}" bypass-list="{bypass}""#))
            .cmd("netsh winhttp reset proxy")
            .comment("only when no proxy is needed at all"))
        .reference("WU-PROXY")
        .reference("KB3090184")
        .data(data)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::registry::RegValue;
    use crate::values::EvidenceRef;
    use crate::values::RegData;

    fn with_proxy(bypass: &str) -> Facts {
        let mut f = Facts::default();
        f.registry.set(
            keys::WU_POLICY,
            RegValue {
                name: "WUServer".into(),
                data: RegData::Sz("http://wsus01.corp.example.com:8530".into()),
                origin: EvidenceRef::line("p.reg", 3),
            },
        );
        let text = format!("Current WinHTTP proxy settings:\n\n    Proxy Server(s) :  proxy.example.com:8080\n    Bypass List     :  {bypass}\n");
        let file = crate::evidence::EvidenceFile::memory("proxy.txt", text.into_bytes());
        let ing =
            crate::facts::network::ingest_netsh(&file, crate::evidence::text::TextEncoding::UTF8)
                .unwrap();
        f.network.merge(ing.facts.network);
        f
    }

    #[test]
    fn proxy_without_bypass_warns_with_a_command() {
        let out = run(&with_proxy("(none)"));
        assert_eq!(out[0].status, Status::Warn);
        assert_eq!(out[0].title, "The WinHTTP proxy proxy.example.com:8080 does not bypass the WSUS host wsus01.corp.example.com");
        let cmd = &out[0].remedy.as_ref().unwrap().commands[0].line;
        assert_eq!(
            cmd,
            r#"netsh winhttp set proxy proxy-server="proxy.example.com:8080" bypass-list="wsus01;wsus01.corp.example.com;<local>""#
        );
    }

    #[test]
    fn wildcard_bypass_passes_and_nothing_skips() {
        assert_eq!(
            run(&with_proxy("<local>;*.corp.example.com"))[0].status,
            Status::Pass
        );
        assert_eq!(run(&Facts::default())[0].status, Status::Skipped);
    }
}
