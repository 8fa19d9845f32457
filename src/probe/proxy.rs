//! Which proxy the probe goes through: `--proxy`, none (`--no-proxy`), or by default on Windows
//! the WinHTTP proxy, the one the Windows Update agent uses (WU-PROXY).

/// A proxy `host:port` and where the choice came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    pub host: String,
    pub port: u16,
    pub bypass: Vec<String>,
    pub source: &'static str,
}

/// Parses `http://host:port`, `host:port` or `host` (port 80, as WinHTTP assumes).
pub fn parse(text: &str, source: &'static str) -> Result<Proxy, crate::i18n::Text> {
    let t = text.trim();
    let rest = match t.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
        Some((scheme, _)) => return Err(crate::tr!("proxy-scheme", scheme = scheme)),
        None => t,
    };
    let authority = rest.split('/').next().unwrap_or("");
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (h, after) = inner
            .split_once(']')
            .ok_or_else(|| crate::tr!("proxy-bad-ipv6"))?;
        (h.to_string(), after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(crate::tr!("proxy-no-host", text = text));
    }
    let port = match port {
        Some(p) => p
            .parse::<u16>()
            .map_err(|_| crate::tr!("proxy-bad-port", port = p))?,
        None => 80,
    };
    Ok(Proxy {
        host,
        port,
        bypass: Vec::new(),
        source,
    })
}

/// Whether the bypass list exempts `host` (`<local>` = names without a dot; `*.contoso.com`).
pub(crate) fn bypassed(proxy: &Proxy, host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    proxy.bypass.iter().any(|b| {
        let b = b.trim().to_ascii_lowercase();
        if b == "<local>" {
            return !host.contains('.');
        }
        match b.strip_prefix('*') {
            Some(suffix) => host.ends_with(suffix),
            None => b == host,
        }
    })
}

/// The proxy of a `WinHttpSettings` value; `None` for direct access.
#[cfg(any(test, windows))]
pub(crate) fn from_winhttp_settings(b: &[u8]) -> Option<Proxy> {
    let settings = crate::parsers::winhttp_settings::decode(b)?;
    let list = settings.proxy?;
    // A per-scheme list ("http=p1:8080;https=p2:8080") or one proxy for all.
    let entry = list
        .split(';')
        .find_map(|e| e.strip_prefix("http="))
        .or_else(|| list.split(';').find(|e| !e.contains('=')))?;
    let mut p = parse(entry, "WinHTTP settings").ok()?;
    p.bypass = settings
        .bypass
        .split(';')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some(p)
}

/// The WinHTTP proxy of this machine (Windows only; elsewhere there is none).
pub fn system() -> Option<Proxy> {
    #[cfg(windows)]
    {
        let key = windows_registry::LOCAL_MACHINE
            .open(r"SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections")
            .ok()?;
        let bytes = key.get_bytes("WinHttpSettings").ok()?;
        from_winhttp_settings(&bytes)
    }
    #[cfg(not(windows))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_urls_parse() {
        let p = parse("http://proxy.contoso.com:8080", "--proxy").unwrap();
        assert_eq!((p.host.as_str(), p.port), ("proxy.contoso.com", 8080));
        assert_eq!(parse("10.0.0.1", "x").unwrap().port, 80);
        assert!(parse("socks5://x:1", "x").is_err());
    }

    #[test]
    fn winhttp_settings_decode() {
        let mut b = vec![0x28, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0];
        let list = b"proxy.contoso.com:8080";
        b.extend_from_slice(&(list.len() as u32).to_le_bytes());
        b.extend_from_slice(list);
        let bypass = b"<local>;*.contoso.com";
        b.extend_from_slice(&(bypass.len() as u32).to_le_bytes());
        b.extend_from_slice(bypass);
        let p = from_winhttp_settings(&b).unwrap();
        assert_eq!((p.host.as_str(), p.port), ("proxy.contoso.com", 8080));
        assert!(bypassed(&p, "wsus01.contoso.com"));
        assert!(bypassed(&p, "wsus01"));
        assert!(!bypassed(&p, "wsus.fabrikam.com"));
        let direct = [0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
        assert!(from_winhttp_settings(&direct).is_none());
        assert!(from_winhttp_settings(&b[..14]).is_none());
    }
}
