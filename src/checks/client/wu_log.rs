//! `client.wu-log`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! One finding per error episode (decoded with [`crate::knowledge::hresult`]), the pairing of
//! client time-outs and 503s with the server's 503 bursts (KB4025764: "a 503 in IIS may come with
//! an error ending in 2ee2 in the client's WindowsUpdate.log"), the server the agent used against
//! the policy, and the last successful scan.

use super::policy::policy_server;
use crate::checks::catalogue::Check;
use crate::facts::client_clock;
use crate::facts::iis_log::Burst;
use crate::facts::wu_log::{Episode, ServerSource, ServerUse};
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::knowledge::{hresult, remedy};
use crate::values::wsus_url;
use jiff::Timestamp;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientWuLog,
    title: "Connection errors in WindowsUpdate.log",
    guide_step: "Code 503 note: look for errors ending in 2ee2 (0x80072EE2) in the client's WindowsUpdate.log",
    what: "Finds every connection error with its time, URL and decoded HRESULT, groups them into episodes, compares the server the agent used with the policy, and reads SOAP faults and the last successful scan.",
    why: "The client's errors name the failing step (time-out, 503, 404, TLS) and pair with the server's logs at the same minutes.",
    evidence: "WindowsUpdate.log (legacy text log or Get-WindowsUpdateLog output).",
    fix: "Depends on the error: 0x80072EE2 and 0x80244022 point to the server's WsusPool, 0x80072EE7 to DNS, 0x80072F8F to certificates and clocks.",
    sources: &["KB4025764", "WU-LOGS", "WU-ERRORS"],
    since: "0.1.0",
    symptoms: &[Symptom::WuLog401, Symptom::WuLog403, Symptom::WuLog404, Symptom::WuLog500, Symptom::WuLog503, Symptom::WuLogBurstCorrelation, Symptom::WuLogCannotConnect, Symptom::WuLogClientCert, Symptom::WuLogDns, Symptom::WuLogOther, Symptom::WuLogProxy, Symptom::WuLogServerDiffers, Symptom::WuLogSoapFault, Symptom::WuLogTimeouts, Symptom::WuLogTls],
    run,
};

/// Episodes reported one by one; the rest are summarised (a month of logs can hold hundreds).
const MAX_EPISODE_FINDINGS: usize = 10;

/// `0x80072EE2 (ERROR_WINHTTP_TIMEOUT)`.
pub(crate) fn hresult_label(h: u32) -> String {
    match hresult::lookup(h) {
        Some(e) if !e.name.is_empty() => format!("{} ({})", hresult::format(h), e.name),
        _ => hresult::format(h),
    }
}

fn host_of(url: Option<&str>) -> String {
    crate::facts::wu_log::url_base(url).unwrap_or_else(|| "an unnamed server".into())
}

fn episode_finding(ep: &Episode, private_memory_kb: Option<u64>) -> Finding {
    let (main, _) = ep.hresults.first().copied().unwrap_or((0, 0));
    let entry = hresult::lookup(main);
    let title = format!(
        "{} reaching {}",
        hresult_label(main),
        host_of(ep.url.as_deref())
    );
    let codes: Vec<String> = ep
        .hresults
        .iter()
        .map(|(h, n)| format!("{} ×{n}", hresult_label(*h)))
        .collect();
    let when = if ep.first == ep.last {
        format!("at {}", ep.first)
    } else {
        format!("from {} to {}", ep.first, ep.last)
    };
    let mut summary = format!(
        "{} failed attempt(s) {when} ({}); operations: {}.",
        ep.count,
        codes.join(", "),
        ep.operations.join(", ")
    );
    if let Some(u) = &ep.url {
        summary.push_str(&format!(" URL: {u}."));
        let lower = u.to_ascii_lowercase();
        if lower.contains(".microsoft.com") || lower.contains(".windowsupdate.com") {
            summary.push_str(" This is Microsoft's update service, not WSUS.");
        }
    }
    if !ep.soap_error_codes.is_empty() {
        summary.push_str(&format!(
            " SOAP fault ErrorCode: {}.",
            ep.soap_error_codes.join(", ")
        ));
    }
    if ep.url.as_deref().is_some_and(has_double_slash) {
        summary.push_str(" The path starts with '//': the server URL in the policy ends with a slash (see client.policy).");
    }
    let pairs_with_503 = ep.hresults.iter().any(|(h, _)| hresult::pairs_with_503(*h));
    let mut explanation = String::new();
    for (h, _) in &ep.hresults {
        if let Some(e) = hresult::lookup(*h) {
            // The main code's WSUS advice becomes the remedy unless the 503 remedy applies.
            let advice = if *h == main && !pairs_with_503 {
                Default::default()
            } else {
                e.wsus()
            };
            explanation.push_str(&format!(
                "{}: {} {} ",
                hresult::format(*h),
                e.meaning(),
                advice
            ));
        }
    }
    if pairs_with_503 {
        explanation.push_str("Compare with server.iis-log and server.app-pool for the same minutes: 503s there confirm an overloaded WsusPool; no request from this client there points to the network or the client's server name (client.reaches-server).");
    }
    let remedy = if pairs_with_503 {
        let pool = crate::knowledge::wsus::SETUP_POOL_NAME;
        remedy::relieve_pool(pool, private_memory_kb, format!("When the server's IIS logs show 503s at these minutes, relieve the WSUS application pool: raise {pool}'s Private Memory Limit (the guide: from 4 GB to 8 GB or more) and run the WSUS maintenance (decline superseded updates, re-index the database), then start a scan on the client. When they show no request from this client, check the path to the server first (client.reaches-server)."))
            .cmd("UsoClient StartScan")
            .comment("on a Windows 10+ client afterwards")
    } else {
        Remedy::new(match entry {
            Some(e) if !e.wsus().is_empty() => e.wsus().to_string(),
            _ => format!("Find what {} means for this request in the lines around the first attempt (wsus-doctor explain {}).", hresult::format(main), hresult::format(main)),
        })
    };
    CHECK.finding(Status::Fail, title).symptom(Symptom::of_client_error(main))
        .summary(summary)
        .explanation(explanation.trim().to_string())
        .evidence(EvidenceItem::new(ep.origin.clone()).excerpt(ep.excerpt.clone()).note("first failed attempt"))
        .remedy(remedy)
        .reference("KB4025764")
        .reference("WU-ERRORS")
        .reference("KB4490644")
        .data(json!({
            "first": ep.first, "last": ep.last, "count": ep.count, "url": ep.url,
            "hresults": ep.hresults.iter().map(|(h, n)| json!({"hresult": hresult::format(*h), "count": n})).collect::<Vec<_>>(),
            "operations": ep.operations, "soap_error_codes": ep.soap_error_codes,
        }))
}

/// `http://host:port//selfupdate/…`: what a `WUServer` ending in `/` produces (formats.md §6.1).
fn has_double_slash(url: &str) -> bool {
    url.split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].starts_with("//")))
        .unwrap_or(false)
}

/// An episode's span in UTC, assuming `assumed_offset` (minutes east) when its zone is unknown;
/// the flag says whether an assumption was made.
pub(crate) fn episode_span_utc(
    ep: &Episode,
    assumed_offset: i32,
) -> Option<(Timestamp, Timestamp, bool)> {
    let (a, x) = ep.first.to_utc_assuming(assumed_offset)?;
    let (b, y) = ep.last.to_utc_assuming(assumed_offset)?;
    Some((a, b, x || y))
}

/// Indexes of the bursts that overlap `[start, end]` widened by one minute each side (IIS logs
/// the end of a request, the client its give-up after a time-out, formats.md §1.1/§6.1).
pub(crate) fn overlapping_bursts(
    start: Timestamp,
    end: Timestamp,
    bursts: &[(Timestamp, Timestamp)],
) -> Vec<usize> {
    let slack = jiff::SignedDuration::from_secs(60);
    let (Ok(s), Ok(e)) = (start.checked_sub(slack), end.checked_add(slack)) else {
        return Vec::new();
    };
    bursts
        .iter()
        .enumerate()
        .filter(|(_, (bs, be))| *bs <= e && *be >= s)
        .map(|(i, _)| i)
        .collect()
}

/// The offset at which client times of unknown zone are read (the one the diagnosis and the
/// timeline use too), with words for the report.
fn assumed_offset(facts: &Facts) -> (i32, String) {
    match client_clock::client_offset(facts) {
        Some(o) => (
            o.minutes,
            format!("client times of unknown zone were read at {}", o.words()),
        ),
        None => (
            0,
            "client times of unknown zone were assumed to be UTC".to_string(),
        ),
    }
}

fn pairing_finding(
    episodes: &[Episode],
    bursts: &[Burst],
    offset: (i32, String),
) -> Option<Finding> {
    let spans: Vec<(Timestamp, Timestamp)> = bursts.iter().map(|b| (b.start, b.end)).collect();
    let mut matched = Vec::new();
    let mut assumed = false;
    for ep in episodes
        .iter()
        .filter(|e| e.hresults.iter().any(|(h, _)| hresult::pairs_with_503(*h)))
    {
        let Some((s, e, a)) = episode_span_utc(ep, offset.0) else {
            continue;
        };
        let hits = overlapping_bursts(s, e, &spans);
        if !hits.is_empty() {
            assumed |= a;
            matched.push((ep, hits));
        }
    }
    if matched.is_empty() {
        return None;
    }
    let mut f = CHECK.finding(Status::Fail, "Client time-outs fall inside the server's 503 bursts").symptom(Symptom::WuLogBurstCorrelation)
        .summary(format!(
            "{} client error episode(s) overlap 503 bursts in the WSUS IIS logs{}.",
            matched.len(),
            if assumed { format!(" ({})", offset.1) } else { String::new() }
        ))
        .explanation("The guide: a 503 in IIS may come with an error ending in 2ee2 (0x80072EE2) in the client's WindowsUpdate.log. The same minutes on both sides confirm the client fails because WsusPool is overloaded, not because of the client or the network.")
        .reference("KB4025764")
        .reference("KB4490644");
    for (ep, hits) in &matched {
        f = f.evidence(
            EvidenceItem::new(ep.origin.clone())
                .excerpt(ep.excerpt.clone())
                .note(format!(
                    "client episode {}",
                    crate::values::time::format_stamp_range(&ep.first, &ep.last)
                )),
        );
        for i in hits {
            if let Some(b) = bursts.get(*i) {
                f = f.evidence(EvidenceItem::new(b.example.clone()).note(format!(
                    "{} 503s, {}",
                    b.total,
                    crate::values::time::format_utc_range(b.first, b.last)
                )));
            }
        }
    }
    Some(f)
}

fn server_item(s: &ServerUse) -> EvidenceItem {
    EvidenceItem::new(s.origin.clone())
        .excerpt(s.excerpt.clone())
        .note(format!("at {}", s.time))
}

fn servers_findings(facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    let used: Vec<&ServerUse> = facts
        .wu_log
        .servers_used()
        .iter()
        .filter(|s| s.source == ServerSource::WsusServer)
        .collect();
    // A change to (null): the agent stopped using an intranet server (sccm_wsus8531 corpus log).
    if let Some(w) = used.windows(2).find(|w| !w[0].is_null() && w[1].is_null()) {
        out.push(CHECK.finding(Status::Warn, format!("The agent's WSUS server changed from {} to (null)", w[0].url)).symptom(Symptom::WuLogServerDiffers)
            .summary(format!("At {} the agent dropped its intranet server: from then on it scans Microsoft Update, not WSUS.", w[1].time))
            .explanation("The policy values WUServer/UseWUServer were removed or overwritten (a Group Policy refresh, a ConfigMgr client policy change or a script). Compare with client.policy and client.configmgr.")
            .evidence(server_item(w[0]))
            .evidence(server_item(w[1]))
            .reference("WU-POLICY"));
    }
    let Some(last) = used.last() else { return out };
    if let Some((v, policy)) = policy_server(&facts.registry) {
        let agent = wsus_url::check(&last.url);
        if last.is_null() || !agent.same_server(&policy) {
            out.push(CHECK.finding(Status::Warn, "The agent used another server than the policy names").symptom(Symptom::WuLogServerDiffers)
                .summary(format!("WindowsUpdate.log last shows WSUS server {} while WUServer is {}.", last.url, policy.raw.trim()))
                .explanation("The agent reads the policy when its service starts and when policy changes; a difference means the registry evidence and the log are from different moments, or another policy source (a domain GPO, ConfigMgr) rewrote the value.")
                .evidence(server_item(last))
                .evidence(EvidenceItem::new(v.origin.clone()).excerpt(format!("WUServer = {}", v.data.display())))
                .reference("WU-POLICY"));
        }
    }
    out
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let wu = &facts.wu_log;
    if wu.is_empty() {
        return vec![CHECK.skipped("no WindowsUpdate.log among the evidence")];
    }
    let mut out = Vec::new();
    let episodes = wu.episodes();
    let private_memory_kb = crate::checks::server::wsus::pool_private_memory_kb(facts);
    for ep in episodes.iter().rev().take(MAX_EPISODE_FINDINGS).rev() {
        out.push(episode_finding(ep, private_memory_kb));
    }
    if episodes.len() > MAX_EPISODE_FINDINGS {
        let older = &episodes[..episodes.len() - MAX_EPISODE_FINDINGS];
        let n: usize = older.iter().map(|e| e.count).sum();
        out.insert(0, CHECK.finding(Status::Info, format!("{} earlier error episodes", older.len()))
            .summary(format!("{n} failed attempts in {} earlier episodes are not listed one by one (the latest {MAX_EPISODE_FINDINGS} are).", older.len())));
    }
    if let Some(f) = pairing_finding(episodes, facts.iis_log.bursts_503(), assumed_offset(facts)) {
        out.push(f);
    }
    out.extend(servers_findings(facts));
    let zone_notes: Vec<String> = wu
        .zones()
        .iter()
        .map(|z| format!("{}: {}", z.path, z.note))
        .collect();
    // How times of unknown zone were read, whether they paired with bursts or not.
    let unknown_zone = match wu.zones().iter().any(|z| z.offset_minutes.is_none()) {
        true => format!("; {}", assumed_offset(facts).1),
        false => String::new(),
    };
    let scan = wu.last_successful_scan();
    let last_server = wu
        .servers_used()
        .iter()
        .rev()
        .find(|s| s.source == ServerSource::WsusServer)
        .or_else(|| wu.servers_used().iter().rev().find(|s| !s.is_microsoft()));
    let scan_text = scan.map_or("no successful scan is logged".to_string(), |s| {
        format!("the last successful scan ended at {}", s.time)
    });
    if episodes.is_empty() {
        let mut f = CHECK
            .finding(Status::Pass, "No connection errors in WindowsUpdate.log")
            .summary(format!(
                "{} log file(s) read; no connection error; {}{}{unknown_zone}.",
                wu.zones().len(),
                scan_text,
                last_server.map_or(String::new(), |s| format!("; WSUS server used: {}", s.url))
            ))
            .explanation(format!("Times: {}.", zone_notes.join("; ")))
            .reference("WU-LOGS");
        if let Some(s) = scan {
            f = f.evidence(EvidenceItem::new(s.origin.clone()).note("last successful scan"));
        }
        out.insert(0, f);
    } else {
        let mut f = CHECK
            .finding(Status::Info, "Scan history and log times")
            .summary(format!(
                "{}; {} connection error(s) in {} episode(s){unknown_zone}.",
                capital(&scan_text),
                wu.errors().len(),
                episodes.len()
            ))
            .explanation(format!("Times: {}.", zone_notes.join("; ")))
            .reference("WU-LOGS");
        if let Some(s) = scan {
            f = f.evidence(EvidenceItem::new(s.origin.clone()).note("last successful scan"));
        }
        out.push(f);
    }
    out
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::registry::{keys, RegValue};
    use crate::values::time::format_utc;
    use crate::values::EvidenceRef;
    use crate::values::RegData;

    fn facts_from(log: &str) -> Facts {
        let (_, wu) = crate::facts::wu_log::read("WindowsUpdate.log", log.as_bytes()).unwrap();
        let mut f = Facts::default();
        f.wu_log.merge(wu);
        f.finish();
        f
    }

    const TIMEOUTS: &str = "\
2018-10-02\t10:48:20:628\t 408\t828\tMisc\t===========  Logging initialized (build: 7.6.7601.23806, tz: +0300)  ===========
2018-10-02\t10:49:06:951\t 408\t828\tAgent\t  * WSUS server: http://wsus12.example.edu:8530
2018-10-02\t10:49:10:826\t 408\t12cc\tPT\t  Server URL = http://wsus12.example.edu:8530/SimpleAuthWebService/SimpleAuth.asmx
2018-10-02\t10:50:10:464\t 408\t12cc\tPT\tWARNING: GetAuthorizationCookie failure, error = 0x80072EE2, soap client error = 5, soap error code = 0, HTTP status code = 200
2018-10-02\t10:51:10:314\t 408\t12cc\tPT\tWARNING: GetAuthorizationCookie failure, error = 0x80072EE2, soap client error = 5, soap error code = 0, HTTP status code = 200
";

    #[test]
    fn an_episode_becomes_a_decoded_failure() {
        let out = run(&facts_from(TIMEOUTS));
        let f = &out[0];
        assert_eq!(f.status, Status::Fail);
        assert!(
            f.title.contains("0x80072EE2 (ERROR_WINHTTP_TIMEOUT)"),
            "{}",
            f.title
        );
        assert!(f.title.contains("http://wsus12.example.edu:8530"));
        assert!(f.summary.contains("2 failed attempt(s)"));
        assert!(f.explanation.contains("503"));
        assert!(out.iter().any(|x| x.title == "Scan history and log times"));
    }

    #[test]
    fn agent_server_is_compared_with_the_policy() {
        let mut f = facts_from(TIMEOUTS);
        f.registry.set(
            keys::WU_POLICY,
            RegValue {
                name: "WUServer".into(),
                data: RegData::Sz("http://wsus01.example.edu:8530".into()),
                origin: EvidenceRef::line("p.reg", 4),
            },
        );
        let out = run(&f);
        assert!(out
            .iter()
            .any(|x| x.title == "The agent used another server than the policy names"));
    }

    #[test]
    fn clean_log_passes_and_missing_log_skips() {
        let out = run(&facts_from("2021/07/13 10:22:58.9566922 3696  8172  Agent           WU client version 10.0.17763.1852\n"));
        assert_eq!(out[0].status, Status::Pass);
        assert_eq!(run(&Facts::default())[0].status, Status::Skipped);
    }

    #[test]
    fn bursts_overlap_with_a_minute_of_slack() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let bursts = [
            (t("2018-10-02T07:40:00Z"), t("2018-10-02T07:45:00Z")),
            (t("2018-10-02T07:52:00Z"), t("2018-10-02T07:53:00Z")),
        ];
        assert_eq!(
            overlapping_bursts(
                t("2018-10-02T07:50:10Z"),
                t("2018-10-02T07:51:10Z"),
                &bursts
            ),
            [1]
        );
        assert!(overlapping_bursts(
            t("2018-10-02T07:47:00Z"),
            t("2018-10-02T07:50:00Z"),
            &bursts
        )
        .is_empty());
        // The legacy episode at 10:50+03:00 is 07:50Z.
        let f = facts_from(TIMEOUTS);
        let (s, _, assumed) = episode_span_utc(&f.wu_log.episodes()[0], 600).unwrap();
        assert_eq!(
            format_utc(s),
            "2018-10-02T07:50:10Z",
            "a known offset wins over the assumption"
        );
        assert!(!assumed);
        let etw = facts_from("2024/03/05 09:16:05.0031190 1180  5512  WebServices     *FAILED* [80072EE2] Web service call\n");
        let (s, _, assumed) = episode_span_utc(&etw.wu_log.episodes()[0], -300).unwrap();
        assert_eq!(format_utc(s), "2024-03-05T14:16:05Z");
        assert!(assumed);
    }

    #[test]
    fn change_to_null_is_reported() {
        let out = run(&facts_from("2021/07/13 10:23:06.3933681 3696  8172  Agent           WSUS server: https://cm01.corp.example.net:8531\n2021/07/13 10:31:32.4838822 3696  8172  Agent           WSUS server: (null) (Changed)\n"));
        assert!(out.iter().any(|f| f.title == "The agent's WSUS server changed from https://cm01.corp.example.net:8531 to (null)"));
    }
}
