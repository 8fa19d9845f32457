//! The client's network view: its WinHTTP proxy and its own addresses and DNS suffixes.
//!
//! The Windows Update agent sends intranet (WSUS) detection through the WinHTTP proxy, not the
//! user's browser proxy (WU-PROXY); `SetProxyBehaviorForUpdateDetection` = 1 allows the user
//! proxy as a fallback (formats.md §5.1). The WinHTTP proxy is read from `netsh winhttp show
//! proxy` output or from the `WinHttpSettings` binary value under
//! `HKLM\…\Internet Settings\Connections` (read by `client.proxy`). Addresses come from
//! `ipconfig /all` (read by `client.reaches-server`, and the host name and DNS suffix by
//! `client.policy` to complete a short server name).

use super::registry::{keys, RegistryFacts};
use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::values::EvidenceRef;
use crate::values::RegData;
use serde::Serialize;

/// The WinHTTP proxy configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct WinHttpProxy {
    /// No proxy: WinHTTP connects directly.
    pub direct: bool,
    /// `host:port`, or per-scheme `http=…;https=…`.
    pub server: Option<String>,
    /// Bypass entries (`<local>`, `*.contoso.com`, host names).
    pub bypass: Vec<String>,
    pub origin: EvidenceRef,
}

impl WinHttpProxy {
    /// Whether a request to `host` goes direct (WinHTTP bypass rules: `<local>` matches names
    /// without a dot, `*` wildcards, case-insensitive).
    pub(crate) fn bypasses(&self, host: &str) -> bool {
        if self.direct || self.server.is_none() {
            return true;
        }
        let host = host.to_ascii_lowercase();
        self.bypass.iter().any(|entry| {
            let e = entry.trim().to_ascii_lowercase();
            if e == "<local>" {
                return !host.contains('.');
            }
            wildcard(&e, &host)
        })
    }
}

/// `*`-wildcard match (each `*` matches any run of characters).
fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        if i == 0 {
            if !text.starts_with(part) {
                return false;
            }
            pos = part.len();
        } else if i == parts.len() - 1 {
            return text.len() >= pos + part.len() && text.ends_with(part);
        } else {
            match text.get(pos..).and_then(|t| t.find(part)) {
                Some(j) => pos += j + part.len(),
                None => return false,
            }
        }
    }
    true
}

/// The entries of a proxy bypass list; netsh's word for an empty list, `(none)` or `(なし)` in
/// Japanese, is in parentheses, which no host name or `<local>` is.
fn split_list(s: &str) -> Vec<String> {
    s.split([';', ' ', ','])
        .map(str::trim)
        .filter(|e| !(e.is_empty() || e.starts_with('(') && e.ends_with(')')))
        .map(str::to_string)
        .collect()
}

/// The WinHTTP proxy the `WinHttpSettings` value holds.
pub(crate) fn decode_winhttp_settings(bytes: &[u8], origin: EvidenceRef) -> Option<WinHttpProxy> {
    let settings = crate::parsers::winhttp_settings::decode(bytes)?;
    Some(WinHttpProxy {
        direct: settings.proxy.is_none(),
        bypass: split_list(&settings.bypass),
        server: settings.proxy,
        origin,
    })
}

/// One address of the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientIp {
    pub address: String,
    pub origin: EvidenceRef,
}

#[derive(Debug, Clone, Default)]
pub struct NetworkFacts {
    netsh: Option<WinHttpProxy>,
    ips: Vec<ClientIp>,
    pub host_name: Option<String>,
    pub primary_dns_suffix: Option<String>,
    /// Primary, search-list and adapter suffixes, in order.
    pub dns_suffixes: Vec<String>,
    /// Where the host name was read.
    pub ipconfig_origin: Option<EvidenceRef>,
}

impl NetworkFacts {
    /// The WinHTTP proxy: from netsh output when present, else from the `WinHttpSettings` value.
    pub(crate) fn winhttp_proxy(&self, registry: &RegistryFacts) -> Option<WinHttpProxy> {
        if let Some(p) = &self.netsh {
            return Some(p.clone());
        }
        let v = registry.value(keys::INTERNET_SETTINGS_CONNECTIONS, "WinHttpSettings")?;
        match &v.data {
            RegData::Binary(b) | RegData::Other { bytes: b, .. } => {
                decode_winhttp_settings(b, v.origin.clone())
            }
            _ => None,
        }
    }

    /// The client's addresses from `ipconfig /all`.
    pub fn client_ips(&self) -> &[ClientIp] {
        &self.ips
    }

    pub(crate) fn merge(&mut self, other: NetworkFacts) {
        if other.netsh.is_some() {
            self.netsh = other.netsh;
        }
        for ip in other.ips {
            if !self.ips.iter().any(|x| x.address == ip.address) {
                self.ips.push(ip);
            }
        }
        self.host_name = other.host_name.or(self.host_name.take());
        self.primary_dns_suffix = other.primary_dns_suffix.or(self.primary_dns_suffix.take());
        for s in other.dns_suffixes {
            if !self.dns_suffixes.contains(&s) {
                self.dns_suffixes.push(s);
            }
        }
        self.ipconfig_origin = other.ipconfig_origin.or(self.ipconfig_origin.take());
    }
}

pub(crate) fn ingest_netsh(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let (stats, p) = crate::parsers::netsh_proxy::parse(file.text_reader(enc)?)?;
    let mut ing = Ingested {
        stats,
        ..Default::default()
    };
    if let Some(line) = p.header_line {
        let at = p.server.as_ref().map_or(line, |(l, _)| *l);
        ing.facts.network.netsh = Some(WinHttpProxy {
            direct: p.direct || p.server.is_none(),
            server: p.server.map(|(_, s)| s),
            bypass: p.bypass.map(|(_, b)| split_list(&b)).unwrap_or_default(),
            origin: EvidenceRef::line(&file.display, at),
        });
    }
    Ok(ing)
}

pub(crate) fn ingest_ipconfig(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let (stats, c) = crate::parsers::ipconfig::parse(file.text_reader(enc)?)?;
    let mut ing = Ingested {
        stats,
        ..Default::default()
    };
    let n = &mut ing.facts.network;
    n.host_name = c.host_name;
    n.primary_dns_suffix = c.primary_dns_suffix;
    n.dns_suffixes = c.dns_suffixes;
    n.ipconfig_origin = Some(EvidenceRef::file(&file.display, None));
    n.ips = c
        .addresses
        .into_iter()
        .map(|(line, ip)| ClientIp {
            address: ip.to_string(),
            origin: EvidenceRef::line(&file.display, line),
        })
        .collect();
    Ok(ing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compose(flags: u32, proxy: &str, bypass: &str) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&0x28u32.to_le_bytes());
        b.extend_from_slice(&7u32.to_le_bytes());
        b.extend_from_slice(&flags.to_le_bytes());
        b.extend_from_slice(&(proxy.len() as u32).to_le_bytes());
        b.extend_from_slice(proxy.as_bytes());
        b.extend_from_slice(&(bypass.len() as u32).to_le_bytes());
        b.extend_from_slice(bypass.as_bytes());
        b
    }

    fn origin() -> EvidenceRef {
        EvidenceRef::file("conn.reg", Some(4))
    }

    #[test]
    fn decodes_a_proxy_with_bypass_list() {
        let b = compose(
            3,
            "proxy.corp.example.com:8080",
            "<local>;*.corp.example.com",
        );
        let p = decode_winhttp_settings(&b, origin()).unwrap();
        assert!(!p.direct);
        assert_eq!(p.server.as_deref(), Some("proxy.corp.example.com:8080"));
        assert_eq!(p.bypass, ["<local>", "*.corp.example.com"]);
        assert!(p.bypasses("wsus01.corp.example.com"));
        assert!(p.bypasses("wsus01"));
        assert!(!p.bypasses("wsus01.other.example.org"));
    }

    #[test]
    fn decodes_direct_access_and_refuses_short_values() {
        let b = compose(1, "", "");
        assert!(decode_winhttp_settings(&b, origin()).unwrap().direct);
        assert!(decode_winhttp_settings(&b[..10], origin()).is_none());
        let mut lying = compose(3, "p:1", "");
        lying[12] = 0xff;
        assert!(decode_winhttp_settings(&lying, origin()).is_none());
    }

    /// `netsh winhttp show proxy` redirected on Japanese Windows: code page 932, `(なし)` for an
    /// empty bypass list (J-MSHR in japanese-windows.md §2).
    #[test]
    fn japanese_netsh_output_in_code_page_932() {
        let bytes = encoding_rs::SHIFT_JIS
            .encode("\r\n現在の WinHTTP プロキシ設定:\r\n\r\n    プロキシ サーバー:  1.2.3.4:5678\r\n    バイパス一覧     : (なし)\r\n\r\n")
            .0
            .into_owned();
        let file = EvidenceFile::memory("netsh.txt", bytes);
        let enc = crate::evidence::sniff::sniff(&file.head(4096).unwrap())
            .encoding
            .unwrap();
        let p = ingest_netsh(&file, enc)
            .unwrap()
            .facts
            .network
            .netsh
            .unwrap();
        assert_eq!(p.server.as_deref(), Some("1.2.3.4:5678"));
        assert!(p.bypass.is_empty() && !p.direct);
        assert_eq!(p.origin, EvidenceRef::line("netsh.txt", 4));
    }

    #[test]
    fn registry_value_is_used_without_netsh_output() {
        let mut reg = RegistryFacts::default();
        reg.set(
            keys::INTERNET_SETTINGS_CONNECTIONS,
            super::super::registry::RegValue {
                name: "WinHttpSettings".into(),
                data: RegData::Binary(compose(3, "p:8080", "")),
                origin: origin(),
            },
        );
        let p = NetworkFacts::default().winhttp_proxy(&reg).unwrap();
        assert_eq!(p.server.as_deref(), Some("p:8080"));
        assert!(!p.bypasses("wsus"));
    }
}
