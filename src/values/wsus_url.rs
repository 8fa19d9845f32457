//! Validation of a WSUS server URL as the `WUServer` policy holds it, shared by `client.policy`,
//! the ConfigMgr comparison and the network probe (step 1).
//!
//! What a good value looks like comes from Microsoft's documents: the URL includes the port
//! (`http://servername:8530`, `https://wsus.contoso.com:8531`; WSUS-CONFIGURE, KB4490414), the
//! HTTPS port pairs with the HTTP one (8531/8530, 443/80; MS-WUSP), and the guide asks for the
//! server's correct FQDN (KB4025764). A trailing slash makes the agent request `//selfupdate/...`
//! (seen in a real WindowsUpdate.log, formats.md §6.1).

use serde::Serialize;

/// The URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    Http,
    Https,
}

/// How serious a problem with the URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The client cannot work with this value.
    Fail,
    /// The value works only under conditions worth checking.
    Warn,
}

/// What is wrong with a URL, as a stable short code (`no-port`, `short-name`, ...).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::VariantArray, Serialize,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum UrlProblemCode {
    Empty,
    Placeholder,
    NoScheme,
    BadScheme,
    NoHost,
    IpAddress,
    ShortName,
    NoPort,
    PortSchemeMismatch,
    TrailingSlash,
    Path,
    Whitespace,
    BadPort,
}

impl UrlProblemCode {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One thing wrong with a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlProblem {
    pub severity: Severity,
    pub code: UrlProblemCode,
    pub message: crate::i18n::Text,
}

/// A parsed and judged WSUS URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WsusUrl {
    /// The value as given.
    pub raw: String,
    pub scheme: Option<Scheme>,
    /// The host as written (lower-cased), without brackets for IPv6.
    pub host: Option<String>,
    /// The port written in the URL.
    pub explicit_port: Option<u16>,
    /// The port the client will use (explicit, or 80/443 by scheme).
    pub port: Option<u16>,
    /// The path after the authority (`""` or `"/"` for a proper server URL).
    pub path: String,
    pub problems: Vec<UrlProblem>,
}

impl WsusUrl {
    /// Whether the client can use this URL at all.
    pub(crate) fn is_usable(&self) -> bool {
        !self.problems.iter().any(|p| p.severity == Severity::Fail)
    }

    /// `scheme://host:port` with the effective port, for comparing two URLs.
    pub fn origin(&self) -> Option<String> {
        let scheme = match self.scheme? {
            Scheme::Http => "http",
            Scheme::Https => "https",
        };
        let host = self.host.as_ref()?;
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host.clone()
        };
        Some(format!("{scheme}://{host}:{}", self.port?))
    }

    /// The first label of the host (`wsus01` for `wsus01.contoso.com`), to match short names.
    #[cfg(test)]
    pub(crate) fn short_host(&self) -> Option<&str> {
        let h = self.host.as_deref()?;
        if h.parse::<std::net::IpAddr>().is_ok() {
            return Some(h);
        }
        h.split('.').next()
    }

    /// Whether two URLs name the same server, port and scheme.
    pub(crate) fn same_server(&self, other: &WsusUrl) -> bool {
        self.origin().is_some() && self.origin() == other.origin()
    }

    /// A corrected URL, when one can be derived: the scheme (http when missing), the host made
    /// fully qualified with `dns_suffix` when it is a short name, the port WSUS uses by default
    /// for the scheme when none is written (8530/8531, WSUS-CONFIGURE), no path and no trailing
    /// slash. `None` for placeholders, IP addresses without a known name, and values without a
    /// host, where only a person knows the right server.
    pub(crate) fn suggested(&self, dns_suffix: Option<&str>) -> Option<String> {
        if self.problems.iter().any(|p| {
            matches!(
                p.code,
                UrlProblemCode::Placeholder
                    | UrlProblemCode::Empty
                    | UrlProblemCode::NoHost
                    | UrlProblemCode::BadScheme
                    | UrlProblemCode::BadPort
            )
        }) {
            return None;
        }
        let host = self.host.as_deref()?;
        if host.parse::<std::net::IpAddr>().is_ok() {
            return None;
        }
        let host = if host.contains('.') {
            host.to_string()
        } else {
            let suffix = dns_suffix?.trim().trim_matches('.');
            if suffix.is_empty() {
                return None;
            }
            format!("{host}.{}", suffix.to_ascii_lowercase())
        };
        let scheme = self.scheme.unwrap_or(match self.explicit_port {
            Some(8531 | 443) => Scheme::Https,
            _ => Scheme::Http,
        });
        let port = match (scheme, self.explicit_port) {
            (Scheme::Http, Some(8531)) => 8530,
            (Scheme::Http, Some(443)) => 80,
            (Scheme::Https, Some(8530)) => 8531,
            (Scheme::Https, Some(80)) => 443,
            (_, Some(p)) => p,
            (Scheme::Http, None) => 8530,
            (Scheme::Https, None) => 8531,
        };
        let scheme = match scheme {
            Scheme::Http => "http",
            Scheme::Https => "https",
        };
        Some(format!("{scheme}://{host}:{port}"))
    }
}

fn problem(severity: Severity, code: UrlProblemCode, message: crate::i18n::Text) -> UrlProblem {
    UrlProblem {
        severity,
        code,
        message,
    }
}

/// Placeholders left in templates and scripts instead of a real server name, by the name the
/// `url-placeholder` message selects its words with.
fn placeholder(s: &str) -> Option<&'static str> {
    let lower = s.to_ascii_lowercase();
    if s.contains('$') {
        return Some("dollar");
    }
    if let Some(a) = s.find('%') {
        if s[a + 1..].contains('%') {
            return Some("percent");
        }
    }
    if s.contains('<') || s.contains('>') {
        return Some("angle");
    }
    if lower.contains("servername") || lower.contains("yourserver") || lower.contains("wsusserver")
    {
        return Some("template");
    }
    None
}

/// Parses and judges a WSUS URL.
pub fn check(raw: &str) -> WsusUrl {
    let mut url = WsusUrl {
        raw: raw.to_string(),
        scheme: None,
        host: None,
        explicit_port: None,
        port: None,
        path: String::new(),
        problems: Vec::new(),
    };
    let trimmed = raw.trim().trim_matches('"').trim();
    if trimmed.is_empty() {
        url.problems.push(problem(
            Severity::Fail,
            UrlProblemCode::Empty,
            crate::tr!("url-empty"),
        ));
        return url;
    }
    if trimmed.len() != raw.len() {
        url.problems.push(problem(
            Severity::Warn,
            UrlProblemCode::Whitespace,
            crate::tr!("url-whitespace"),
        ));
    }
    if let Some(what) = placeholder(trimmed) {
        url.problems.push(problem(
            Severity::Fail,
            UrlProblemCode::Placeholder,
            crate::tr!("url-placeholder", what = what),
        ));
    }
    let (scheme, rest) = match trimmed.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => {
            url.problems.push(problem(
                Severity::Fail,
                UrlProblemCode::NoScheme,
                crate::tr!("url-no-scheme"),
            ));
            (String::new(), trimmed)
        }
    };
    url.scheme = match scheme.as_str() {
        "http" => Some(Scheme::Http),
        "https" => Some(Scheme::Https),
        "" => None,
        other => {
            url.problems.push(problem(
                Severity::Fail,
                UrlProblemCode::BadScheme,
                crate::tr!("url-bad-scheme", scheme = other),
            ));
            None
        }
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    url.path = path.to_string();
    let (host, port_text) = if let Some(inner) = authority.strip_prefix('[') {
        match inner.split_once(']') {
            Some((h, after)) => (h, after.strip_prefix(':')),
            None => (inner, None),
        }
    } else if authority.matches(':').count() > 1 {
        // A bare IPv6 address without brackets cannot carry a port.
        (authority, None)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host = host.to_ascii_lowercase();
    if host.is_empty() {
        url.problems.push(problem(
            Severity::Fail,
            UrlProblemCode::NoHost,
            crate::tr!("url-no-host"),
        ));
    } else {
        url.host = Some(host.clone());
    }
    if let Some(p) = port_text {
        match p.parse::<u16>() {
            Ok(n) if n > 0 => url.explicit_port = Some(n),
            _ => url.problems.push(problem(
                Severity::Fail,
                UrlProblemCode::BadPort,
                crate::tr!("url-bad-port", port = p),
            )),
        }
    }
    url.port = url.explicit_port.or(match url.scheme {
        Some(Scheme::Http) => Some(80),
        Some(Scheme::Https) => Some(443),
        None => None,
    });

    if !host.is_empty()
        && url
            .problems
            .iter()
            .all(|p| p.code != UrlProblemCode::Placeholder)
    {
        if host.parse::<std::net::IpAddr>().is_ok() {
            url.problems.push(problem(
                Severity::Warn,
                UrlProblemCode::IpAddress,
                crate::tr!("url-ip-address"),
            ));
        } else if !host.contains('.') {
            url.problems.push(problem(
                Severity::Warn,
                UrlProblemCode::ShortName,
                crate::tr!("url-short-name", host = &host),
            ));
        }
    }
    match (url.scheme, url.explicit_port) {
        (Some(_), None)
            if !url
                .problems
                .iter()
                .any(|p| p.code == UrlProblemCode::BadPort) =>
        {
            url.problems.push(problem(
                Severity::Warn,
                UrlProblemCode::NoPort,
                crate::tr!("url-no-port", port = url.port.unwrap_or(80)),
            ))
        }
        (Some(Scheme::Http), Some(p @ (8531 | 443))) => url.problems.push(problem(
            Severity::Fail,
            UrlProblemCode::PortSchemeMismatch,
            crate::tr!(
                "url-http-on-https-port",
                port = p,
                http_port = if p == 443 { 80u16 } else { 8530 }
            ),
        )),
        (Some(Scheme::Https), Some(p @ (8530 | 80))) => url.problems.push(problem(
            Severity::Fail,
            UrlProblemCode::PortSchemeMismatch,
            crate::tr!(
                "url-https-on-http-port",
                port = p,
                https_port = if p == 80 { 443u16 } else { 8531 }
            ),
        )),
        _ => {}
    }
    if path == "/" || (path.len() > 1 && path.trim_end_matches('/').is_empty()) {
        url.problems.push(problem(
            Severity::Warn,
            UrlProblemCode::TrailingSlash,
            crate::tr!("url-trailing-slash"),
        ));
    } else if !path.is_empty() {
        url.problems.push(problem(
            Severity::Fail,
            UrlProblemCode::Path,
            crate::tr!("url-path", path = path),
        ));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(u: &str) -> Vec<&'static str> {
        check(u).problems.iter().map(|p| p.code.as_str()).collect()
    }

    #[test]
    fn a_proper_url_has_no_problems() {
        let u = check("http://wsus01.contoso.com:8530");
        assert!(u.problems.is_empty(), "{:?}", u.problems);
        assert_eq!(u.origin().unwrap(), "http://wsus01.contoso.com:8530");
        assert!(check("https://WSUS01.contoso.com:8531").problems.is_empty());
    }

    #[test]
    fn each_fault_is_named() {
        assert_eq!(
            codes("http://wsus01/"),
            ["short-name", "no-port", "trailing-slash"]
        );
        assert_eq!(codes("$WSUSSERVER:8530"), ["placeholder", "no-scheme"]);
        assert_eq!(codes("http://192.168.1.168"), ["ip-address", "no-port"]);
        assert_eq!(
            codes("http://wsus.contoso.com:8531"),
            ["port-scheme-mismatch"]
        );
        assert_eq!(
            codes("https://wsus.contoso.com:8530"),
            ["port-scheme-mismatch"]
        );
        assert_eq!(
            codes("http://wsus.contoso.com:8530/ClientWebService"),
            ["path"]
        );
        assert_eq!(
            codes("  https://<wsusserver>  "),
            ["whitespace", "placeholder", "no-port"]
        );
        assert_eq!(codes("ftp://wsus.contoso.com:21"), ["bad-scheme"]);
        assert_eq!(codes("http://wsus.contoso.com:99999"), ["bad-port"]);
        assert_eq!(codes(""), ["empty"]);
        assert_eq!(codes("http://%WSUS%:8530"), ["placeholder"]);
    }

    #[test]
    fn problems_read_in_each_language() {
        use crate::i18n::Lang;
        let u = check("http://wsus01:8531");
        let short = &u.problems[0].message;
        assert_eq!(
            &**short,
            "'wsus01' is a short name, not a fully qualified domain name: it resolves only through the client's DNS suffix search list, and an HTTPS certificate names the FQDN"
        );
        assert_eq!(
            short.local(Lang::Ja),
            "'wsus01' は完全修飾ドメイン名 (FQDN) ではなく短い名前です: クライアントの DNS サフィックス検索一覧によってのみ解決され、HTTPS の証明書には FQDN が記載されます"
        );
        let mismatch = &u.problems[1].message;
        assert_eq!(
            &**mismatch,
            "http:// with port 8531, which is WSUS's HTTPS port: use https://...:8531 or http://...:8530"
        );
        let placeholder = &check("http://$WSUSSERVER:8530").problems[0].message;
        assert_eq!(
            &**placeholder,
            "the value contains a '$' variable that was never replaced by a real server name"
        );
        assert_eq!(
            placeholder.local(Lang::Ja),
            "値に '$' 変数 が含まれており、実際のサーバー名に置き換えられていません"
        );
        let template = &check("https://<wsusserver>:8531").problems[0].message;
        assert_eq!(
            &**template,
            "the value contains a '<...>' placeholder that was never replaced by a real server name"
        );
    }

    #[test]
    fn corrected_urls_are_derived_where_possible() {
        let fix = |u: &str, sfx: Option<&str>| check(u).suggested(sfx);
        assert_eq!(
            fix("http://wsus01/", Some("corp.contoso.com")).as_deref(),
            Some("http://wsus01.corp.contoso.com:8530")
        );
        assert_eq!(
            fix("wsus01.contoso.com:8531", None).as_deref(),
            Some("https://wsus01.contoso.com:8531")
        );
        assert_eq!(
            fix("https://wsus01.contoso.com", None).as_deref(),
            Some("https://wsus01.contoso.com:8531")
        );
        assert_eq!(fix("http://wsus01", None), None);
        assert_eq!(fix("http://$WSUSSERVER:8530", Some("contoso.com")), None);
        assert_eq!(fix("http://10.0.0.5:8530", Some("contoso.com")), None);
    }

    #[test]
    fn ipv6_and_comparisons() {
        let u = check("http://[fe80::1]:8530");
        assert_eq!(u.host.as_deref(), Some("fe80::1"));
        assert_eq!(u.explicit_port, Some(8530));
        assert!(check("http://WSUS01.contoso.com:8530")
            .same_server(&check("http://wsus01.contoso.com:8530/")));
        assert!(!check("http://wsus01.contoso.com:8530")
            .same_server(&check("https://wsus01.contoso.com:8531")));
        assert_eq!(
            check("http://wsus01.contoso.com:8530").short_host(),
            Some("wsus01")
        );
    }

    #[test]
    fn hostile_values_do_not_panic() {
        for v in [
            "://",
            "http://",
            "http://:",
            "http://[",
            "http://[::1",
            "a:b:c",
            "%",
            "http://h:0",
            "\u{0}\u{ffff}",
        ] {
            let _ = check(v);
        }
    }
}
