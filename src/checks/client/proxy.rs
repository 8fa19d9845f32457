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
        return vec![CHECK.skipped(crate::tr!("proxy-skipped"))];
    };
    let fallback = facts
        .registry
        .value(keys::WU_POLICY, "SetProxyBehaviorForUpdateDetection")
        .and_then(|v| v.data.as_u64());
    let fallback_text = match fallback {
        Some(1) => crate::tr!("proxy-user-fallback"),
        _ => crate::tr!("proxy-no-user-fallback"),
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
            .finding(Status::Pass, crate::tr!("proxy-direct-title"))
            .summary(crate::tr!("proxy-direct-summary"))
            .evidence(item)
            .reference("WU-PROXY")
            .data(data)];
    };
    let Some(host) = wsus_host(facts) else {
        return vec![CHECK
            .finding(
                Status::Info,
                crate::tr!("proxy-set-title", server = &server),
            )
            .summary(crate::tr!("proxy-set-summary"))
            .explanation(crate::tr!("proxy-set-explanation").then(fallback_text))
            .evidence(item)
            .reference("WU-PROXY")
            .data(data)];
    };
    if proxy.bypasses(&host) {
        return vec![CHECK
            .finding(
                Status::Pass,
                crate::tr!("proxy-bypassed-title", host = &host),
            )
            .summary(crate::tr!(
                "proxy-bypassed-summary",
                server = &server,
                host = &host
            ))
            .evidence(item)
            .reference("WU-PROXY")
            .data(data)];
    }
    let bypass = crate::knowledge::remedy::bypass_list(&proxy.bypass, &host);
    vec![CHECK
        .finding(
            Status::Warn,
            crate::tr!("proxy-no-bypass-title", server = &server, host = &host),
        )
        .symptom(Symptom::ProxyNoBypass)
        .summary(crate::tr!(
            "proxy-no-bypass-summary",
            server = &server,
            host = &host
        ))
        .explanation(crate::tr!("proxy-no-bypass-explanation").then(fallback_text))
        .evidence(item)
        .remedy(
            Remedy::new(crate::tr!("proxy-no-bypass-remedy"))
                .cmd(format!(
                    r#"netsh winhttp set proxy proxy-server="{server}" bypass-list="{bypass}""#
                ))
                .cmd("netsh winhttp reset proxy")
                .comment(crate::tr!("proxy-reset-comment")),
        )
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
        use crate::i18n::Lang;
        assert_eq!(
            out[0].title.local(Lang::Ja),
            "WinHTTP プロキシ proxy.example.com:8080 は WSUS ホスト wsus01.corp.example.com をバイパスしません"
        );
        assert_eq!(
            out[0].explanation.local(Lang::Ja),
            "Windows Update エージェントは、イントラネット (WSUS) の検出を、ブラウザーのプロキシではなく WinHTTP プロキシ経由で送信します (WU-PROXY)。SetProxyBehaviorForUpdateDetection は 1 ではありません。エージェントはイントラネットの検出でユーザーのプロキシにフォールバックしません。"
        );
        assert_eq!(
            out[0].remedy.as_ref().unwrap().commands[1]
                .comment
                .as_ref()
                .unwrap()
                .local(Lang::Ja),
            "プロキシがまったく不要な場合のみ"
        );
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
