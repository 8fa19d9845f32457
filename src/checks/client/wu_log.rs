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
use crate::finding::{EvidenceItem, Finding, Remedy, Status, Text};
use crate::knowledge::{hresult, remedy};
use crate::values::wsus_url;
use jiff::Timestamp;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientWuLog,
    sources: &["KB4025764", "WU-LOGS", "WU-ERRORS"],
    since: "0.1.0",
    symptoms: &[
        Symptom::WuLog401,
        Symptom::WuLog403,
        Symptom::WuLog404,
        Symptom::WuLog500,
        Symptom::WuLog503,
        Symptom::WuLogBurstCorrelation,
        Symptom::WuLogCannotConnect,
        Symptom::WuLogClientCert,
        Symptom::WuLogDns,
        Symptom::WuLogOther,
        Symptom::WuLogProxy,
        Symptom::WuLogServerDiffers,
        Symptom::WuLogSoapFault,
        Symptom::WuLogTimeouts,
        Symptom::WuLogTls,
    ],
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

fn host_of(url: Option<&str>) -> Text {
    crate::facts::wu_log::url_base(url)
        .map_or_else(|| crate::tr!("wu-log-unnamed-server"), Text::from)
}

fn episode_finding(ep: &Episode, private_memory_kb: Option<u64>) -> Finding {
    let (main, _) = ep.hresults.first().copied().unwrap_or((0, 0));
    let entry = hresult::lookup(main);
    let title = crate::tr!(
        "wu-log-episode-title",
        code = hresult_label(main),
        server = host_of(ep.url.as_deref())
    );
    let codes: Vec<String> = ep
        .hresults
        .iter()
        .map(|(h, n)| format!("{} ×{n}", hresult_label(*h)))
        .collect();
    let (codes, operations) = (codes.join(", "), ep.operations.join(", "));
    let mut summary = if ep.first == ep.last {
        crate::tr!(
            "wu-log-episode-summary-at",
            count = ep.count,
            time = ep.first.to_string(),
            codes = codes,
            operations = operations
        )
    } else {
        crate::tr!(
            "wu-log-episode-summary-range",
            count = ep.count,
            first = ep.first.to_string(),
            last = ep.last.to_string(),
            codes = codes,
            operations = operations
        )
    };
    if let Some(u) = &ep.url {
        summary = summary.then(crate::tr!("wu-log-episode-url", url = u));
        let lower = u.to_ascii_lowercase();
        if lower.contains(".microsoft.com") || lower.contains(".windowsupdate.com") {
            summary = summary.then(crate::tr!("wu-log-microsoft-update"));
        }
    }
    if !ep.soap_error_codes.is_empty() {
        summary = summary.then(crate::tr!(
            "wu-log-soap-fault",
            codes = ep.soap_error_codes.join(", ")
        ));
    }
    if ep.url.as_deref().is_some_and(has_double_slash) {
        summary = summary.then(crate::tr!("wu-log-double-slash"));
    }
    let pairs_with_503 = ep.hresults.iter().any(|(h, _)| hresult::pairs_with_503(*h));
    // The codes' meanings and advice are the knowledge base's words.
    let mut explanation = Text::default();
    for (h, _) in &ep.hresults {
        if let Some(e) = hresult::lookup(*h) {
            // The main code's WSUS advice becomes the remedy unless the 503 remedy applies.
            let advice = if *h == main && !pairs_with_503 {
                Text::default()
            } else {
                e.wsus()
            };
            explanation = explanation.then(crate::tr!(
                "code-meaning",
                code = hresult::format(*h),
                meaning = e.meaning().then(advice)
            ));
        }
    }
    let explanation = if pairs_with_503 {
        explanation.then(crate::tr!("wu-log-compare-503"))
    } else {
        explanation
    };
    let remedy = if pairs_with_503 {
        let pool = crate::knowledge::wsus::SETUP_POOL_NAME;
        remedy::relieve_pool(
            pool,
            private_memory_kb,
            crate::tr!("wu-log-relieve-pool", pool = pool),
        )
        .cmd("UsoClient StartScan")
        .comment(crate::tr!("wu-log-start-scan-comment"))
    } else {
        Remedy::new(match entry {
            Some(e) if !e.wsus().is_empty() => e.wsus(),
            _ => crate::tr!("wu-log-find-meaning", code = hresult::format(main)),
        })
    };
    CHECK.finding(Status::Fail, title).symptom(Symptom::of_client_error(main))
        .summary(summary)
        .explanation(explanation)
        .evidence(EvidenceItem::new(ep.origin.clone()).excerpt(ep.excerpt.clone()).note(crate::tr!("wu-log-first-attempt")))
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
fn assumed_offset(facts: &Facts) -> (i32, Text) {
    match client_clock::client_offset(facts) {
        Some(o) => (
            o.minutes,
            crate::tr!("wu-log-zone-read-at", offset = o.words()),
        ),
        None => (0, crate::tr!("wu-log-zone-assumed-utc")),
    }
}

fn pairing_finding(episodes: &[Episode], bursts: &[Burst], offset: (i32, Text)) -> Option<Finding> {
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
    let mut f = CHECK
        .finding(Status::Fail, crate::tr!("wu-log-pairing-title"))
        .symptom(Symptom::WuLogBurstCorrelation)
        .summary(if assumed {
            crate::tr!(
                "wu-log-pairing-summary-assumed",
                count = matched.len(),
                offset = offset.1
            )
        } else {
            crate::tr!("wu-log-pairing-summary", count = matched.len())
        })
        .explanation(crate::tr!("wu-log-pairing-explanation"))
        .reference("KB4025764")
        .reference("KB4490644");
    for (ep, hits) in &matched {
        f = f.evidence(
            EvidenceItem::new(ep.origin.clone())
                .excerpt(ep.excerpt.clone())
                .note(crate::tr!(
                    "wu-log-client-episode",
                    range = crate::values::time::format_stamp_range(&ep.first, &ep.last)
                )),
        );
        for i in hits {
            if let Some(b) = bursts.get(*i) {
                f = f.evidence(EvidenceItem::new(b.example.clone()).note(crate::tr!(
                    "wu-log-burst",
                    count = b.total,
                    range = crate::values::time::format_utc_range(b.first, b.last)
                )));
            }
        }
    }
    Some(f)
}

fn server_item(s: &ServerUse) -> EvidenceItem {
    EvidenceItem::new(s.origin.clone())
        .excerpt(s.excerpt.clone())
        .note(crate::tr!("wu-log-at", time = s.time.to_string()))
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
        out.push(
            CHECK
                .finding(
                    Status::Warn,
                    crate::tr!("wu-log-null-title", url = &w[0].url),
                )
                .symptom(Symptom::WuLogServerDiffers)
                .summary(crate::tr!(
                    "wu-log-null-summary",
                    time = w[1].time.to_string()
                ))
                .explanation(crate::tr!("wu-log-null-explanation"))
                .evidence(server_item(w[0]))
                .evidence(server_item(w[1]))
                .reference("WU-POLICY"),
        );
    }
    let Some(last) = used.last() else { return out };
    if let Some((v, policy)) = policy_server(&facts.registry) {
        let agent = wsus_url::check(&last.url);
        if last.is_null() || !agent.same_server(&policy) {
            out.push(
                CHECK
                    .finding(Status::Warn, crate::tr!("wu-log-other-server-title"))
                    .symptom(Symptom::WuLogServerDiffers)
                    .summary(crate::tr!(
                        "wu-log-other-server-summary",
                        used = &last.url,
                        policy = policy.raw.trim()
                    ))
                    .explanation(crate::tr!("wu-log-other-server-explanation"))
                    .evidence(server_item(last))
                    .evidence(
                        EvidenceItem::new(v.origin.clone())
                            .excerpt(format!("WUServer = {}", v.data.display())),
                    )
                    .reference("WU-POLICY"),
            );
        }
    }
    out
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let wu = &facts.wu_log;
    if wu.is_empty() {
        return vec![CHECK.skipped(crate::tr!("wu-log-skipped"))];
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
        out.insert(
            0,
            CHECK
                .finding(
                    Status::Info,
                    crate::tr!("wu-log-earlier-title", count = older.len()),
                )
                .summary(crate::tr!(
                    "wu-log-earlier-summary",
                    attempts = n,
                    count = older.len(),
                    shown = MAX_EPISODE_FINDINGS
                )),
        );
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
    let unknown_zone = wu
        .zones()
        .iter()
        .any(|z| z.offset_minutes.is_none())
        .then(|| assumed_offset(facts).1);
    let scan = wu.last_successful_scan();
    let last_server = wu
        .servers_used()
        .iter()
        .rev()
        .find(|s| s.source == ServerSource::WsusServer)
        .or_else(|| wu.servers_used().iter().rev().find(|s| !s.is_microsoft()));
    // The zones' notes are the log reader's words.
    let times = crate::tr!("wu-log-times", notes = zone_notes.join("; "));
    if episodes.is_empty() {
        let scan_text = scan.map_or_else(
            || crate::tr!("wu-log-no-scan"),
            |s| crate::tr!("wu-log-last-scan", time = s.time.to_string()),
        );
        let mut clauses = vec![
            crate::tr!("wu-log-files-read", count = wu.zones().len()),
            crate::tr!("wu-log-no-errors"),
            scan_text,
        ];
        clauses.extend(last_server.map(|s| crate::tr!("wu-log-server-used", url = &s.url)));
        clauses.extend(unknown_zone);
        let mut f = CHECK
            .finding(Status::Pass, crate::tr!("wu-log-pass-title"))
            .summary(clause_sentence(clauses))
            .explanation(times)
            .reference("WU-LOGS");
        if let Some(s) = scan {
            f = f.evidence(
                EvidenceItem::new(s.origin.clone()).note(crate::tr!("wu-log-last-scan-note")),
            );
        }
        out.insert(0, f);
    } else {
        let scan_text = scan.map_or_else(
            || crate::tr!("wu-log-no-scan-first"),
            |s| crate::tr!("wu-log-last-scan-first", time = s.time.to_string()),
        );
        let mut clauses = vec![
            scan_text,
            crate::tr!(
                "wu-log-errors-in-episodes",
                errors = wu.errors().len(),
                episodes = episodes.len()
            ),
        ];
        clauses.extend(unknown_zone);
        let mut f = CHECK
            .finding(Status::Info, crate::tr!("wu-log-history-title"))
            .summary(clause_sentence(clauses))
            .explanation(times)
            .reference("WU-LOGS");
        if let Some(s) = scan {
            f = f.evidence(
                EvidenceItem::new(s.origin.clone()).note(crate::tr!("wu-log-last-scan-note")),
            );
        }
        out.push(f);
    }
    out
}

/// Clauses as one sentence: joined by semicolons in English, each its own sentence in Japanese.
fn clause_sentence(clauses: Vec<Text>) -> Text {
    let joined = clauses
        .into_iter()
        .reduce(|first, next| crate::tr!("wu-log-clauses", first = first, next = next))
        .unwrap_or_default();
    crate::tr!("wu-log-clauses-end", clauses = joined)
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
        use crate::i18n::Lang;
        assert_eq!(
            f.title.local(Lang::Ja),
            "http://wsus12.example.edu:8530 への接続で 0x80072EE2 (ERROR_WINHTTP_TIMEOUT)"
        );
        assert_eq!(f.summary.local(Lang::Ja), "2018-10-02T10:50:10.464+03:00 から 2018-10-02T10:51:10.314+03:00 までに 2 回失敗しました (0x80072EE2 (ERROR_WINHTTP_TIMEOUT) ×2)。操作: GetAuthorizationCookie。URL: http://wsus12.example.edu:8530/SimpleAuthWebService/SimpleAuth.asmx。");
        let history = out
            .iter()
            .find(|x| x.title == "Scan history and log times")
            .unwrap();
        assert_eq!(
            history.summary,
            "No successful scan is logged; 2 connection error(s) in 1 episode(s)."
        );
        assert_eq!(
            history.summary.local(Lang::Ja),
            "成功したスキャンは記録されていません。1 件の期間に 2 件の接続エラーがあります。"
        );
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
