//! `server.tls`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus::{self, APPCMD, SSL_FORBIDDEN, SSL_REQUIRED};
use crate::checks::catalogue::Check;
use crate::facts::client_clock::client_offset;
use crate::facts::events::EventRecord;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::i18n::Text;
use crate::knowledge::events::tls_alert_name;
use crate::knowledge::hresult::{self, Family};
use crate::parsers::apphost_config::Location;
use crate::tr;
use crate::values::time::format_utc;
use crate::values::EvidenceRef;
use jiff::{SignedDuration, Timestamp};

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerTls,
    sources: &[
        "WSUS-CONFIGURE",
        "KB3090184",
        "KB4025764",
        "SCHANNEL-ALERTS",
    ],
    since: "0.1.0",
    symptoms: &[
        Symptom::TlsCertProblem,
        Symptom::TlsClientCert,
        Symptom::TlsNoBinding,
        Symptom::TlsSchannelAtClientFailures,
        Symptom::TlsSchannelFailures,
        Symptom::TlsSetting,
        Symptom::TlsSslRequiredContent,
    ],
    run,
};

/// Certificates expiring within this many days are reported before they break clients.
const EXPIRY_WARNING_DAYS: i64 = 30;

fn flags(l: &Location) -> Vec<String> {
    l.ssl_flags
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(|f| f.trim().to_ascii_lowercase())
        .filter(|f| !f.is_empty())
        .collect()
}

fn requires_ssl(l: &Location) -> bool {
    flags(l).iter().any(|f| f == "ssl" || f == "ssl128")
}

fn wants_client_cert(l: &Location) -> bool {
    flags(l)
        .iter()
        .any(|f| f == "sslrequirecert" || f == "sslnegotiatecert")
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    if !wsus::has_server_evidence(facts) {
        return vec![CHECK.skipped(wsus::NO_SERVER_EVIDENCE)];
    }
    let schannel = schannel_finding(facts);
    let Some(site) = wsus::wsus_site(facts) else {
        return vec![schannel.unwrap_or_else(|| CHECK.skipped(tr!("tls-skipped-no-site")))];
    };
    let name = site.site.name.as_str();
    let using_ssl = wsus::setup_number(facts, "UsingSSL").map(|v| v != 0);
    let config = &site.file.config;
    let path = &site.file.path;
    let loc_item = |l: &Location| {
        EvidenceItem::new(EvidenceRef::line(path, l.line)).excerpt(format!(
            "<location path=\"{}\"> <access sslFlags=\"{}\" />",
            l.path,
            l.ssl_flags.as_deref().unwrap_or("")
        ))
    };
    let set_flags = |target: &str, value: &str| {
        format!("{APPCMD} set config \"{target}\" -section:system.webServer/security/access /sslFlags:\"{value}\" /commit:apphost")
    };
    let mut findings = Vec::new();
    let mut checked = Vec::new();

    // Client certificates (0x80072F0C) and the whole site requiring SSL.
    let site_locations: Vec<&Location> = config
        .locations
        .iter()
        .filter(|l| {
            l.path
                .split('/')
                .next()
                .is_some_and(|s| s.eq_ignore_ascii_case(name))
        })
        .collect();
    for l in site_locations.iter().filter(|l| wants_client_cert(l)) {
        let keep = if requires_ssl(l) { "Ssl" } else { "None" };
        findings.push(
            CHECK
                .finding(Status::Fail, tr!("tls-client-cert-title", path = &l.path))
                .symptom(Symptom::TlsClientCert)
                .summary(tr!("tls-client-cert-summary"))
                .evidence(loc_item(l))
                .remedy(Remedy::new(tr!("tls-client-cert-remedy")).cmd(set_flags(&l.path, keep)))
                .reference("KB3090184")
                .reference("KB4025764"),
        );
    }
    if let Some(l) = site_locations
        .iter()
        .find(|l| l.path.trim_matches('/').eq_ignore_ascii_case(name) && requires_ssl(l))
    {
        findings.push(
            CHECK
                .finding(
                    Status::Fail,
                    tr!("tls-site-requires-ssl-title", name = name),
                )
                .symptom(Symptom::TlsSslRequiredContent)
                .summary(tr!("tls-site-requires-ssl-summary"))
                .evidence(loc_item(l))
                .remedy(
                    Remedy::new(tr!("tls-site-requires-ssl-remedy")).cmd(set_flags(name, "None")),
                )
                .reference("WSUS-CONFIGURE"),
        );
    }

    let location_of = |vdir: &str| config.location(name, vdir);
    for vdir in SSL_FORBIDDEN {
        if let Some(l) = location_of(vdir).filter(|l| requires_ssl(l)) {
            findings.push(
                CHECK
                    .finding(
                        Status::Fail,
                        tr!("tls-vdir-requires-ssl-title", vdir = *vdir),
                    )
                    .symptom(Symptom::TlsSslRequiredContent)
                    .summary(tr!("tls-vdir-requires-ssl-summary", vdir = *vdir))
                    .evidence(loc_item(l))
                    .remedy(
                        Remedy::new(tr!("tls-vdir-requires-ssl-remedy", vdir = *vdir))
                            .cmd(set_flags(&l.path, "None")),
                    )
                    .reference("WSUS-CONFIGURE"),
            );
        }
    }
    let required_missing: Vec<&str> = SSL_REQUIRED
        .iter()
        .copied()
        .filter(|v| !location_of(v).is_some_and(requires_ssl))
        .collect();
    match using_ssl {
        Some(true) => {
            if required_missing.is_empty() {
                checked.push(tr!("tls-checked-services-require-ssl"));
            } else {
                findings.push(
                    CHECK
                        .finding(
                            Status::Warn,
                            tr!(
                                "tls-ssl-not-required-title",
                                vdirs = required_missing.join(", ")
                            ),
                        )
                        .symptom(Symptom::TlsSetting)
                        .summary(tr!("tls-ssl-not-required-summary"))
                        .evidence_all(wsus::setup_value(facts, "UsingSSL").map(wsus::value_item))
                        .remedy(
                            required_missing
                                .iter()
                                .fold(Remedy::new(tr!("tls-ssl-not-required-remedy")), |r, v| {
                                    r.cmd(set_flags(&format!("{name}/{v}"), "Ssl"))
                                }),
                        )
                        .reference("WSUS-CONFIGURE"),
                );
            }
            let https: Vec<_> = site
                .site
                .bindings
                .iter()
                .filter(|b| b.protocol.eq_ignore_ascii_case("https"))
                .collect();
            if https.is_empty() {
                findings.push(
                    CHECK.finding(Status::Fail, tr!("tls-no-https-binding-title", name = name)).symptom(Symptom::TlsNoBinding)
                        .summary(tr!("tls-no-https-binding-summary"))
                        .evidence_all(wsus::setup_value(facts, "UsingSSL").map(wsus::value_item))
                        .evidence(site.site_item())
                        .remedy(Remedy::new(tr!("tls-no-https-binding-remedy"))
                            .cmd(format!("{APPCMD} set site /site.name:\"{name}\" /+bindings.[protocol='https',bindingInformation='*:8531:']")))
                        .reference("WSUS-CONFIGURE"),
                );
            }
            for b in https {
                findings.extend(http_sys_findings(facts, b));
                findings.extend(certificate_finding(facts, path, b));
            }
        }
        Some(false) => {
            let requiring: Vec<&str> = SSL_REQUIRED
                .iter()
                .copied()
                .filter(|v| location_of(v).is_some_and(requires_ssl))
                .collect();
            if requiring.is_empty() {
                checked.push(tr!("tls-checked-no-ssl"));
            } else {
                findings.push(
                    CHECK
                        .finding(
                            Status::Fail,
                            if requiring.len() == 1 {
                                tr!(
                                    "tls-requires-ssl-without-title",
                                    vdirs = requiring.join(", ")
                                )
                            } else {
                                tr!(
                                    "tls-require-ssl-without-title",
                                    vdirs = requiring.join(", ")
                                )
                            },
                        )
                        .symptom(Symptom::TlsSslRequiredContent)
                        .summary(tr!("tls-requires-ssl-without-summary"))
                        .evidence_all(wsus::setup_value(facts, "UsingSSL").map(wsus::value_item))
                        .remedy(
                            Remedy::new(tr!("tls-requires-ssl-without-remedy")).cmd(format!(
                                "{} configuressl <certificate FQDN>",
                                crate::knowledge::wsus::WSUSUTIL
                            )),
                        )
                        .reference("WSUS-CONFIGURE"),
                );
            }
        }
        None => checked.push(tr!("tls-checked-using-ssl-unknown")),
    }

    if findings
        .iter()
        .all(|f| matches!(f.status, Status::Pass | Status::Info))
    {
        findings.push(
            CHECK
                .finding(Status::Pass, tr!("tls-pass-title", name = name))
                .summary(tr!(
                    "tls-pass-summary",
                    checked = join(checked, "site-list-semicolon")
                ))
                .evidence(site.site_item())
                .reference("WSUS-CONFIGURE"),
        );
    }
    findings.extend(schannel);
    findings
}

/// A Schannel event this close to a client's TLS error is the same handshake seen from the
/// server: both sides log the failure within seconds, but the client's clock may drift.
const SCHANNEL_SLACK: SignedDuration = SignedDuration::from_mins(2);

/// The alert code of a 36887/36888 event, read from its insertion strings (the rendered
/// message is localised).
fn alert_code(e: &EventRecord) -> Option<u32> {
    if e.id == 36874 {
        return None;
    }
    e.field("AlertDesc")
        .or_else(|| e.data.first().map(|(_, v)| v.as_str()))
        .and_then(|v| v.trim().parse().ok())
}

fn schannel_kind(id: u32, alert: Option<u32>) -> Text {
    match (id, alert) {
        (36874, _) => tr!("tls-schannel-36874"),
        (_, Some(a)) => {
            let name: Text = match tls_alert_name(a) {
                Some(name) => name.into(),
                None => tr!("tls-schannel-unknown-alert"),
            };
            if id == 36887 {
                tr!(
                    "tls-schannel-alert-received",
                    id = id,
                    alert = a,
                    name = name
                )
            } else {
                tr!("tls-schannel-alert-sent", id = id, alert = a, name = name)
            }
        }
        (_, None) => id.to_string().into(),
    }
}

/// A list read in each language, joined by the message `pair` (`a; b`, `a, b`).
fn join(parts: Vec<Text>, pair: &'static str) -> Text {
    parts
        .into_iter()
        .reduce(|first, next| Text::new(pair, vec![("first", first.into()), ("next", next.into())]))
        .unwrap_or_default()
}

/// The server's failed TLS handshakes, counted per id and alert code; a failure when they fall in
/// the minutes the clients' WindowsUpdate.log shows TLS errors.
fn schannel_finding(facts: &Facts) -> Option<Finding> {
    let events: Vec<&EventRecord> = facts.events.schannel_failures().collect();
    let first = events.iter().filter_map(|e| e.time).min();
    let last = events.iter().filter_map(|e| e.time).max();
    let mut counts: Vec<(Text, usize)> = Vec::new();
    for e in &events {
        let kind = schannel_kind(e.id, alert_code(e));
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let tally = join(
        counts
            .iter()
            .map(|(k, n)| tr!("tls-schannel-count", kind = k, count = *n))
            .collect(),
        "site-list-comma",
    );

    let offset = client_offset(facts);
    let tls_episodes: Vec<(Timestamp, Timestamp, bool, &crate::facts::wu_log::Episode)> = facts
        .wu_log
        .episodes()
        .iter()
        .filter(|e| {
            e.hresults
                .iter()
                .any(|(h, _)| matches!(hresult::family(*h), Family::Tls(_)))
        })
        .filter_map(|e| {
            let (a, b, assumed) = crate::checks::client::wu_log::episode_span_utc(
                e,
                offset.as_ref().map_or(0, |o| o.minutes),
            )?;
            Some((
                a.checked_sub(SCHANNEL_SLACK).ok()?,
                b.checked_add(SCHANNEL_SLACK).ok()?,
                assumed,
                e,
            ))
        })
        .collect();
    let at_failures: Vec<&EventRecord> = events
        .iter()
        .copied()
        .filter(|e| {
            e.time
                .is_some_and(|t| tls_episodes.iter().any(|(a, b, _, _)| t >= *a && t <= *b))
        })
        .collect();
    let matched_episodes: Vec<_> = tls_episodes
        .iter()
        .filter(|(a, b, _, _)| {
            at_failures
                .iter()
                .any(|e| e.time.is_some_and(|t| t >= *a && t <= *b))
        })
        .collect();
    let line = |e: &EventRecord| format!("{} Schannel {}: {}", wsus::when(e.time), e.id, e.summary);
    let remedy = Remedy::new(tr!("tls-schannel-remedy"))
        .powershell("Get-TlsCipherSuite | Format-Table Name")
        .comment(tr!("tls-schannel-cipher-comment"))
        .cmd(r#"reg query "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols" /s"#)
        .comment(tr!("tls-schannel-protocols-comment"))
        .cmd("netsh http show sslcert");
    if at_failures.is_empty() {
        let sample = events.first()?;
        let summary = match (first, last) {
            (Some(a), Some(b)) => tr!(
                "tls-schannel-failures-span-summary",
                tally = &tally,
                first = format_utc(a),
                last = format_utc(b)
            ),
            _ => tr!("tls-schannel-failures-summary", tally = &tally),
        };
        let mut f = CHECK.finding(Status::Warn, tr!("tls-schannel-failures-title", count = events.len())).symptom(Symptom::TlsSchannelFailures)
            .summary(summary)
            .explanation(tr!("tls-schannel-failures-explanation"))
            .evidence(EvidenceItem::new(sample.origin.clone()).excerpt(line(sample)))
            .remedy(remedy)
            .reference("SCHANNEL-ALERTS")
            .data(serde_json::json!({"counts": counts, "first": first.map(format_utc), "last": last.map(format_utc)}));
        if let Some(l) = events.last().filter(|l| l.origin != sample.origin) {
            f = f.evidence(EvidenceItem::new(l.origin.clone()).excerpt(line(l)));
        }
        return Some(f);
    }
    let (zone, read_at) = match &offset {
        _ if !matched_episodes.iter().any(|(_, _, assumed, _)| *assumed) => {
            ("none", Text::default())
        }
        None => ("utc", Text::default()),
        Some(o) => ("offset", o.words()),
    };
    // Every event at a client failure has a time, so the span is known here.
    let mut f = CHECK.finding(Status::Fail, tr!("tls-schannel-at-failures-title")).symptom(Symptom::TlsSchannelAtClientFailures)
        .summary(tr!(
            "tls-schannel-at-failures-summary",
            matched = at_failures.len(),
            total = events.len(),
            zone = zone,
            offset = read_at,
            tally = &tally,
            first = first.map(format_utc).unwrap_or_default(),
            last = last.map(format_utc).unwrap_or_default()
        ))
        .explanation(tr!("tls-schannel-at-failures-explanation"))
        .remedy(remedy)
        .reference("SCHANNEL-ALERTS")
        .reference("KB4025764")
        .data(serde_json::json!({"counts": counts, "first": first.map(format_utc), "last": last.map(format_utc), "at_client_failures": at_failures.len()}));
    for e in at_failures.iter().take(5) {
        f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(line(e)));
    }
    for (_, _, _, ep) in matched_episodes.iter().take(5) {
        f = f.evidence(
            EvidenceItem::new(ep.origin.clone())
                .excerpt(ep.excerpt.clone())
                .note(tr!(
                    "tls-client-errors-note",
                    range = crate::values::time::format_stamp_range(&ep.first, &ep.last)
                )),
        );
    }
    Some(f)
}

/// What HTTP.sys (`netsh http show sslcert`) says about the HTTPS port.
fn http_sys_findings(facts: &Facts, b: &crate::parsers::apphost_config::Binding) -> Vec<Finding> {
    let (Some(port), false) = (b.port, facts.iis_config.ssl_bindings.is_empty()) else {
        return Vec::new();
    };
    let Some((n, file)) = facts.iis_config.ssl_binding(port) else {
        return vec![CHECK
            .finding(Status::Fail, tr!("tls-no-sslcert-title", port = port))
            .symptom(Symptom::TlsNoBinding)
            .summary(tr!("tls-no-sslcert-summary", port = port))
            .evidence_all(facts.iis_config.ssl_bindings.iter().map(|(n, f)| {
                EvidenceItem::new(EvidenceRef::line(f, n.line))
                    .excerpt(format!("IP:port : {}", n.endpoint))
            }))
            .remedy(Remedy::new(tr!("tls-no-sslcert-remedy")))
            .reference("WSUS-CONFIGURE")];
    };
    if n.negotiate_client_certificate == Some(true) {
        return vec![CHECK
            .finding(Status::Fail, tr!("tls-negotiate-cert-title", port = port))
            .symptom(Symptom::TlsClientCert)
            .summary(tr!("tls-negotiate-cert-summary"))
            .evidence(
                EvidenceItem::new(EvidenceRef::line(file, n.line)).excerpt(format!(
                    "IP:port : {}; Negotiate Client Certificate : Enabled",
                    n.endpoint
                )),
            )
            .remedy(Remedy::new(tr!("tls-negotiate-cert-remedy")))
            .reference("KB3090184")
            .reference("KB4025764")];
    }
    Vec::new()
}

fn certificate_finding(
    facts: &Facts,
    path: &str,
    b: &crate::parsers::apphost_config::Binding,
) -> Option<Finding> {
    let item = EvidenceItem::new(EvidenceRef::line(path, b.line)).excerpt(format!(
        "<binding protocol=\"https\" bindingInformation=\"{}\"{}>",
        b.information,
        b.certificate_hash
            .as_deref()
            .map_or(String::new(), |h| format!(" certificateHash=\"{h}\""))
    ));
    let netsh = b.port.and_then(|p| facts.iis_config.ssl_binding(p));
    let hash = b
        .certificate_hash
        .as_deref()
        .or(netsh.and_then(|(n, _)| n.certificate_hash.as_deref()))?;
    let Some(cert) = facts.certs.by_thumbprint(hash) else {
        return Some(
            CHECK.finding(Status::Info, tr!("tls-cert-unseen-title", hash = hash, binding = &b.information))
                .summary(tr!("tls-cert-unseen-summary"))
                .evidence(item)
                .remedy(Remedy::new(tr!("tls-cert-unseen-remedy"))
                    .powershell(format!("Export-Certificate -Cert Cert:\\LocalMachine\\My\\{hash} -FilePath wsus-site.cer")))
                .reference("WSUS-CONFIGURE"),
        );
    };
    let now = jiff::Timestamp::now();
    let after = cert.not_after?;
    let days = (after.as_second() - now.as_second()) / 86_400;
    let cert_item = EvidenceItem::new(cert.origin.clone()).excerpt(format!(
        "subject {}; expires {}; thumbprint {}",
        cert.subject,
        crate::values::time::format_utc(after),
        cert.thumbprint
    ));
    let (status, title) = if after < now {
        (
            Status::Fail,
            tr!("tls-cert-expired-title", subject = &cert.subject),
        )
    } else if days < EXPIRY_WARNING_DAYS {
        (
            Status::Warn,
            tr!(
                "tls-cert-expires-soon-title",
                subject = &cert.subject,
                days = days
            ),
        )
    } else {
        (
            Status::Info,
            tr!("tls-cert-valid-title", subject = &cert.subject),
        )
    };
    Some(
        CHECK
            .finding(status, title)
            .symptom(Symptom::TlsCertProblem)
            .summary(tr!(
                "tls-cert-summary",
                binding = &b.information,
                thumbprint = &cert.thumbprint,
                names = if cert.dns_names.is_empty() {
                    cert.subject.clone()
                } else {
                    cert.dns_names.join(", ")
                },
                until = crate::values::time::format_utc(after)
            ))
            .evidence(item)
            .evidence(cert_item)
            .reference("WSUS-CONFIGURE"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schannel(id: u32, data: &[(&str, &str)]) -> EventRecord {
        EventRecord {
            provider: "Schannel".into(),
            id,
            time: None,
            computer: "WSUS01".into(),
            channel: "System".into(),
            record_id: Some(1),
            level: Some(2),
            data: data
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            summary: Default::default(),
            pool: None,
            service: None,
            origin: EvidenceRef::Event {
                path: "System.evtx".into(),
                record: 1,
            },
        }
    }

    #[test]
    fn the_client_zone_remark_is_a_whole_variant_of_the_sentence() {
        let summary = |zone: &str| {
            tr!(
                "tls-schannel-at-failures-summary",
                matched = 2usize,
                total = 3usize,
                zone = zone,
                offset = "UTC+09:00",
                tally = "36874 ×3",
                first = "2024-05-01 10:00:00Z",
                last = "2024-05-01 10:05:00Z"
            )
        };
        assert_eq!(
            summary("none"),
            "2 of the server's 3 Schannel failures fall in the clients' TLS error episodes; all of them: 36874 ×3, from 2024-05-01 10:00:00Z to 2024-05-01 10:05:00Z."
        );
        assert_eq!(
            summary("utc"),
            "2 of the server's 3 Schannel failures fall in the clients' TLS error episodes (client times of unknown zone were assumed to be UTC); all of them: 36874 ×3, from 2024-05-01 10:00:00Z to 2024-05-01 10:05:00Z."
        );
        assert_eq!(
            summary("offset").local(crate::i18n::Lang::Ja),
            "サーバーの Schannel エラー 3 件のうち 2 件が、クライアントの TLS エラーの期間内に発生しています (タイム ゾーンが不明なクライアントの時刻は UTC+09:00 として読み取りました)。すべての内訳: 36874 ×3 (2024-05-01 10:00:00Z から 2024-05-01 10:05:00Z まで)。"
        );
    }

    #[test]
    fn alert_codes_come_from_the_named_field_or_the_first_unnamed_one() {
        let named = schannel(36888, &[("AlertDesc", "70"), ("ErrorState", "105")]);
        assert_eq!(alert_code(&named), Some(70));
        assert_eq!(
            schannel_kind(named.id, alert_code(&named)),
            "36888 alert 70 (protocol version, sent)"
        );
        // Older systems write the insertion strings without names.
        let unnamed = schannel(36887, &[("", "48")]);
        assert_eq!(
            schannel_kind(unnamed.id, alert_code(&unnamed)),
            "36887 alert 48 (unknown CA, received)"
        );
        // 36874 carries the protocol, not an alert.
        let protocol = schannel(36874, &[("", "TLS 1.2")]);
        assert_eq!(alert_code(&protocol), None);
        assert_eq!(
            schannel_kind(protocol.id, None),
            "36874 (no cipher suite in common with the client)"
        );
        assert_eq!(
            schannel_kind(named.id, alert_code(&named)).local(crate::i18n::Lang::Ja),
            "36888 アラート 70 (protocol version、送信)"
        );
        assert_eq!(
            schannel_kind(protocol.id, None).local(crate::i18n::Lang::Ja),
            "36874 (クライアントと共通の暗号スイートがありません)"
        );
        let odd = schannel(36888, &[("AlertDesc", "not a number")]);
        assert_eq!(schannel_kind(odd.id, alert_code(&odd)), "36888");
    }
}
