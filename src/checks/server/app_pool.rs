//! `server.app-pool`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus;
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::knowledge::events as known;
use crate::parsers::apphost_config::{Effective, EffectivePool};
use crate::values::iis::ObjectState;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerAppPool,
    title: "WsusPool application pool settings",
    guide_step: "Code 503: raise the WsusPool private memory limit (4-8 GB or more)",
    what: "Finds the WSUS application pool through the ClientWebService application, checks that it is started and not disabled by rapid-fail protection, compares private memory limit, queue length, idle time-out, pinging and periodic restart with Microsoft's recommendations, and checks that it runs 64-bit with .NET CLR v4.0 as WSUS setup creates it.",
    why: "WSUS setup leaves the private memory limit at 1,843,200 KB; under load the pool recycles and clients get 503s. This is the classic cause of WSUS connection failures.",
    evidence: "applicationHost.config (with IIS inheritance applied), appcmd list apppool.",
    fix: "Raise the private memory limit (KB4025764: 4-8 GB or more; KB4490414: 0, no limit), queue length 2000, idle time-out 0, pinging off, regular recycle 0; enable32BitAppOnWin64 false and .NET CLR v4.0.",
    sources: &["KB4025764", "KB4490414", "IIS-APPPOOL"],
    since: "0.1.0",
    symptoms: &[Symptom::AppPoolPrivateMemory, Symptom::AppPoolQueueLength, Symptom::AppPoolRapidFail, Symptom::AppPoolSetting, Symptom::AppPoolStopped],
    run,
};

use crate::knowledge::remedy::{self, iis};
use crate::knowledge::wsus::{
    GUIDE_PRIVATE_MEMORY_KB, RECOMMENDED_QUEUE_LENGTH, SETUP_PRIVATE_MEMORY_KB,
};

/// `1,843,200`.
pub(crate) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    if !wsus::has_server_evidence(facts) {
        return vec![CHECK.skipped(wsus::NO_SERVER_EVIDENCE)];
    }
    let Some(site) = wsus::wsus_site(facts) else {
        return without_config(facts);
    };
    let Some(pool_name) = site.pool.clone() else {
        return vec![CHECK
            .finding(
                Status::Fail,
                "The WSUS site's ClientWebService application has no application pool",
            )
            .symptom(Symptom::AppPoolStopped)
            .summary(format!(
                "Site '{}' names no pool for ClientWebService or its root application.",
                site.site.name
            ))
            .evidence(site.site_item())
            .reference("KB4025764")];
    };
    let Some(pool) = site.file.config.effective_pool(&pool_name) else {
        return vec![CHECK.finding(Status::Fail,
            format!("The WSUS application pool '{pool_name}' is not defined"),
        )
        .symptom(Symptom::AppPoolStopped)
        .summary(format!(
            "The WSUS site '{}' runs ClientWebService in pool '{pool_name}', which applicationHost.config does not define; IIS answers 503 for every request.",
            site.site.name
        ))
        .evidence(site.site_item())
        .remedy(Remedy::new("Repair the WSUS IIS configuration (it recreates the pool).").cmd(wsus::postinstall()).comment("add CONTENT_DIR=... or SQL_INSTANCE_NAME=... as for this server"))
        .reference("KB4025764")];
    };
    let pool_item = || {
        EvidenceItem::new(crate::values::EvidenceRef::line(&site.file.path, pool.line))
            .excerpt(format!("<add name=\"{}\" ...>", pool.name))
            .note(format!(
                "the pool of the ClientWebService application of site '{}' ({})",
                site.site.name,
                site.recognised_by()
            ))
    };
    let mut findings = Vec::new();
    findings.extend(state_findings(facts, &pool.name, Some(&pool)));
    let mut settings = setting_findings(&pool, &pool_item, &load_evidence(facts, &pool.name));
    settings.extend(runtime_findings(
        &pool,
        &pool_item,
        &failure_evidence(facts, &pool.name),
    ));
    let problems = settings
        .iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::Warn))
        .count();
    findings.extend(settings);
    if problems == 0 {
        findings.push(
            CHECK.finding(Status::Pass, format!("Pool '{}' has the recommended settings", pool.name))
                .summary(format!(
                    "Private memory limit {} KB, queue length {}, idle time-out {}, pinging {}, regular recycle {}.",
                    thousands(pool.private_memory.value),
                    pool.queue_length.value,
                    pool.idle_timeout.value,
                    if pool.pinging_enabled.value { "on" } else { "off" },
                    pool.periodic_restart_time.value
                ))
                .evidence(pool_item())
                .reference("KB4490414")
                .data(json!({ "pool": pool })),
        );
    }
    findings
}

/// Without applicationHost.config only `appcmd list apppool` can tell the pool's state, and
/// only for a pool named as WSUS setup names it.
fn without_config(facts: &Facts) -> Vec<Finding> {
    if facts.iis_config.pool_runtime("WsusPool").is_some() {
        let mut f = state_findings(facts, "WsusPool", None);
        f.push(CHECK.skipped("no applicationHost.config among the evidence: the pool's memory, queue and recycling settings were not judged"));
        return f;
    }
    if facts.iis_config.config().is_some() {
        return vec![CHECK.skipped("no WSUS site in the applicationHost.config among the evidence, so no WSUS pool (see server.website)",
        )];
    }
    vec![CHECK.skipped("no applicationHost.config among the evidence")]
}

fn start_remedy(pool: &str) -> Remedy {
    Remedy::new(format!("Start the pool '{pool}', then remove the cause of its failures (see the WAS events and the private memory limit)."))
        .cmd(iis::start_pool_cmd(pool))
        .powershell(iis::start_pool_ps(pool))
}

fn state_findings(facts: &Facts, pool: &str, config: Option<&EffectivePool>) -> Vec<Finding> {
    let mut out = Vec::new();
    let rapid_fail: Vec<_> = facts
        .events
        .pool_events(pool)
        .filter(|e| e.id == 5002 && known::provider_matches(known::WAS, &e.provider))
        .collect();
    let runtime = facts.iis_config.pool_runtime(pool);
    let stopped = runtime.is_some_and(|(o, _)| o.state.as_ref().is_some_and(|s| !s.is_started()));
    // Later evidence in the same bundle may show the pool serving again: successful answers in
    // the IIS log after the last 5002. Unless appcmd still shows it stopped, that is a recovery.
    let recovered = if stopped {
        None
    } else {
        rapid_fail
            .iter()
            .filter_map(|e| e.time)
            .max()
            .and_then(|last| recovered_after(facts, last))
    };
    if stopped || !rapid_fail.is_empty() {
        let mut f = CHECK
            .finding(
                if recovered.is_some() { Status::Warn } else { Status::Fail },
                match recovered {
                    Some(at) => format!("Pool '{pool}' was disabled by rapid-fail protection and served again from {}", crate::values::time::format_utc(at)),
                    None if !rapid_fail.is_empty() => format!("Pool '{pool}' was disabled by rapid-fail protection"),
                    None => format!("Pool '{pool}' is stopped"),
                },
            )
            .symptom(if rapid_fail.is_empty() {
                Symptom::AppPoolStopped
            } else {
                Symptom::AppPoolRapidFail
            });
        let mut summary = String::new();
        if let Some((o, path)) = runtime {
            summary.push_str(&format!(
                "appcmd reports the pool {}. ",
                o.state
                    .as_ref()
                    .map_or("in an unknown state", ObjectState::as_str)
            ));
            f = f.evidence(
                EvidenceItem::new(crate::values::EvidenceRef::line(path, o.line)).excerpt(format!(
                    "APPPOOL \"{}\" (state:{})",
                    o.name,
                    o.state.as_ref().map_or("?", ObjectState::as_str)
                )),
            );
        }
        if !rapid_fail.is_empty() {
            let times: Vec<String> = rapid_fail.iter().map(|e| wsus::when(e.time)).collect();
            summary.push_str(&format!(
                "WAS disabled it after repeated worker failures (event 5002) at {}. ",
                times.join(", ")
            ));
            for e in rapid_fail.iter().take(5) {
                f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(e.summary.clone()));
            }
        }
        match recovered {
            Some(at) => summary.push_str(&format!("It recovered: the IIS logs show successful answers again from {}. Find what made its workers fail before it happens again.", crate::values::time::format_utc(at))),
            None => summary.push_str("While it is stopped HTTP.sys answers every WSUS request with 503 (AppOffline in HTTPERR)."),
        }
        f = f
            .summary(summary)
            .explanation(
                known::lookup(known::WAS, 5002)
                    .map(|e| e.wsus())
                    .unwrap_or_default(),
            )
            .remedy(start_remedy(pool))
            .reference("KB4025764")
            .reference("WAS-EVENTS");
        out.push(f);
    }
    if let Some(p) = config {
        if !p.auto_start.value {
            out.push(
                CHECK.finding(Status::Warn, format!("Pool '{pool}' does not start automatically")).symptom(Symptom::AppPoolSetting)
                    .summary(format!("autoStart is false ({}); after an IIS restart the pool stays stopped until a request or an administrator starts it.", p.auto_start.source.describe()))
                    .remedy(Remedy::new("Let the pool start with IIS.")
                        .cmd(iis::set_pool_cmd(pool, "autoStart:true"))
                        .powershell(iis::set_pool_ps(pool, "autoStart", "$true")))
                    .reference("IIS-APPPOOL"),
            );
        }
    }
    out
}

/// The first minute after `after` in which the IIS logs show successful answers (not 4xx or 5xx).
fn recovered_after(facts: &Facts, after: jiff::Timestamp) -> Option<jiff::Timestamp> {
    facts
        .iis_log
        .minute_series()
        .into_iter()
        .find(|m| {
            m.minute > after && m.total > m.status_5xx + m.status_401 + m.status_403 + m.status_404
        })
        .map(|m| m.minute)
}

fn set_remedy(pool: &str, text: &str, appcmd_arg: &str, ps_name: &str, ps_value: &str) -> Remedy {
    Remedy::new(text)
        .cmd(iis::set_pool_cmd(pool, appcmd_arg))
        .powershell(iis::set_pool_ps(pool, ps_name, ps_value))
}

fn value_item<T: std::fmt::Display>(
    base: &dyn Fn() -> EvidenceItem,
    name: &str,
    v: &Effective<T>,
) -> EvidenceItem {
    base().excerpt(format!("{name} = {} ({})", v.value, v.source.describe()))
}

/// What shows the pool under load: the IIS log's 503 bursts and WAS's private-memory recycles
/// (5117) of this pool. KB4025764 ties raising the limit to 503s.
fn load_evidence(facts: &Facts, pool: &str) -> Vec<EvidenceItem> {
    let mut out: Vec<EvidenceItem> = facts
        .events
        .pool_events(pool)
        .filter(|e| e.id == 5117 && known::provider_matches(known::WAS, &e.provider))
        .take(3)
        .map(|e| {
            EvidenceItem::new(e.origin.clone())
                .excerpt(e.summary.clone())
                .note(format!(
                    "WAS 5117: private-memory recycle at {}",
                    wsus::when(e.time)
                ))
        })
        .collect();
    out.extend(facts.iis_log.bursts_503().iter().take(3).map(|b| {
        EvidenceItem::new(b.example.clone()).note(format!(
            "{} × 503, {}",
            b.total,
            crate::values::time::format_utc_range(b.first, b.last)
        ))
    }));
    out
}

/// What shows the pool's code failing: the IIS log's 500s and WAS's worker-process crashes
/// (5009, 5010, 5011, 5013) of this pool.
fn failure_evidence(facts: &Facts, pool: &str) -> Vec<EvidenceItem> {
    let mut out: Vec<EvidenceItem> = facts
        .events
        .pool_events(pool)
        .filter(|e| {
            matches!(e.id, 5009 | 5010 | 5011 | 5013)
                && known::provider_matches(known::WAS, &e.provider)
        })
        .take(3)
        .map(|e| {
            EvidenceItem::new(e.origin.clone())
                .excerpt(e.summary.clone())
                .note(format!(
                    "WAS {}: worker process failure at {}",
                    e.id,
                    wsus::when(e.time)
                ))
        })
        .collect();
    let errors = facts
        .iis_log
        .notable(|r| matches!(r, crate::facts::iis_log::Rule::ServerError500(_)));
    for (rule, n) in errors.iter().take(2) {
        let crate::facts::iis_log::Rule::ServerError500(sub) = rule else {
            continue;
        };
        if let Some(example) = crate::checks::server::iis_log::examples(&facts.iis_log, n)
            .into_iter()
            .next()
        {
            out.push(example.note(format!("{} × 500.{sub} in the IIS logs", n.count)));
        }
    }
    out
}

/// The pool's bitness and CLR version. WSUS 4 (Windows Server 2012 and later) runs its web
/// services as 64-bit ASP.NET 4 code; that a Microsoft page states these values for WsusPool is
/// UNCONFIRMED, they are what WSUS setup writes.
fn runtime_findings(
    p: &EffectivePool,
    base: &dyn Fn() -> EvidenceItem,
    failures: &[EvidenceItem],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let pool = &p.name;
    if p.enable_32bit_app_on_win64.value {
        let (status, consequence) = if failures.is_empty() {
            (Status::Warn, "No 500 in the IIS logs and no worker process crash among the evidence shows it failing yet.")
        } else {
            (Status::Fail, "The evidence shows it failing: 500s in the IIS logs or worker process crashes of this pool.")
        };
        let mut f = CHECK.finding(status, format!("Pool '{pool}' runs 32-bit worker processes (enable32BitAppOnWin64 is true)")).symptom(Symptom::AppPoolSetting)
            .summary(format!("'{pool}' starts its worker processes as 32-bit code; WSUS's IIS modules (the suscomp.dll compression module among them) are 64-bit only, so the worker cannot load them (500.19) and WSUS requests fail. {consequence}"))
            .explanation(format!("WSUS setup creates its pool as a 64-bit pool. Value source: {}. That a Microsoft page states the 64-bit requirement for WsusPool, or that suscomp.dll exists only as 64-bit, is UNCONFIRMED.", p.enable_32bit_app_on_win64.source.describe()))
            .evidence(value_item(base, "enable32BitAppOnWin64", &p.enable_32bit_app_on_win64));
        for e in failures {
            f = f.evidence(e.clone());
        }
        out.push(
            f.remedy(
                set_remedy(pool, "Run the pool as 64-bit again, then recycle it.", "enable32BitAppOnWin64:false", "enable32BitAppOnWin64", "$false")
                    .cmd(iis::recycle_pool_cmd(pool)),
            )
            .reference("IIS-APPPOOL")
            .data(json!({"pool": pool, "enable32BitAppOnWin64": true, "source": p.enable_32bit_app_on_win64.source, "failure_evidence": failures.len(), "unconfirmed": true})),
        );
    }
    let clr = p.managed_runtime_version.value.trim();
    if !clr.eq_ignore_ascii_case("v4.0") {
        let shown = if clr.is_empty() {
            "No Managed Code"
        } else {
            clr
        };
        out.push(
            CHECK.finding(Status::Warn, format!("Pool '{pool}' runs .NET CLR '{shown}', not v4.0")).symptom(Symptom::AppPoolSetting)
                .summary(format!("WSUS on Windows Server 2012 and later is ASP.NET 4 code; in a pool with managedRuntimeVersion '{shown}' its web services do not load and clients get errors instead of answers."))
                .explanation(format!("WSUS setup creates its pool with .NET CLR version v4.0. Value source: {}. That a Microsoft page states v4.0 as the required value for WsusPool is UNCONFIRMED.", p.managed_runtime_version.source.describe()))
                .evidence(value_item(base, "managedRuntimeVersion", &p.managed_runtime_version))
                .remedy(
                    set_remedy(pool, "Set the pool's .NET CLR version back to v4.0, then recycle it.", "managedRuntimeVersion:v4.0", "managedRuntimeVersion", "'v4.0'")
                        .cmd(iis::recycle_pool_cmd(pool)),
                )
                .reference("IIS-APPPOOL")
                .data(json!({"pool": pool, "managedRuntimeVersion": clr, "source": p.managed_runtime_version.source, "unconfirmed": true})),
        );
    }
    out
}

fn setting_findings(
    p: &EffectivePool,
    base: &dyn Fn() -> EvidenceItem,
    load: &[EvidenceItem],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let pool = &p.name;
    let pm = p.private_memory.value;
    if !crate::knowledge::wsus::private_memory_is_ample(pm) {
        let setup_default = pm == SETUP_PRIVATE_MEMORY_KB;
        let (status, consequence) = if load.is_empty() {
            (Status::Warn, " No 503 burst in the IIS logs and no WAS 5117 event among the evidence shows it happening yet; collect them (KB4025764 ties raising the limit to 503s).")
        } else {
            (Status::Fail, " The evidence shows it: 503 bursts in the IIS logs or WAS 5117 private-memory recycles.")
        };
        let mut f = CHECK.finding(status, format!("Pool '{pool}' private memory limit is {} KB", thousands(pm))).symptom(Symptom::AppPoolPrivateMemory)
                .summary(format!(
                    "The private memory limit of '{pool}' is {} KB ({:.1} GB){}. Under load the pool recycles whenever it reaches it (WAS event 5117), and clients get 503 while it restarts.{consequence}",
                    thousands(pm),
                    pm as f64 / 1_048_576.0,
                    if setup_default { ", the value WSUS setup leaves: the classic cause of WSUS 503s" } else { "" }
                ))
                .explanation(format!(
                    "KB4025764 (Troubleshoot WSUS connection failures) says to raise the private memory limit to 4-8 GB or more when 503s occur. KB4490414 (WSUS best practices) recommends 0, which means no limit. WSUS setup sets {} KB. Value source: {}.",
                    thousands(SETUP_PRIVATE_MEMORY_KB),
                    p.private_memory.source.describe()
                ))
                .evidence(value_item(base, "recycling/periodicRestart/@privateMemory", &p.private_memory));
        for e in load {
            f = f.evidence(e.clone());
        }
        out.push(
            f.remedy(
                    Remedy::new("Remove the limit (KB4490414), or raise it to at least 4-8 GB (KB4025764), then recycle the pool.")
                        .cmd(iis::set_pool_cmd(pool, "recycling.periodicRestart.privateMemory:0"))
                        .comment("KB4490414: 0 = no limit")
                        .powershell(iis::set_pool_ps(pool, "recycling.periodicRestart.privateMemory", "0"))
                        .comment("the same in PowerShell")
                        .cmd(iis::set_pool_cmd(pool, &format!("recycling.periodicRestart.privateMemory:{GUIDE_PRIVATE_MEMORY_KB}")))
                        .comment(format!("or, per KB4025764, a limit of 8 GB ({} KB)", thousands(GUIDE_PRIVATE_MEMORY_KB)))
                        .cmd(iis::recycle_pool_cmd(pool))
                        .comment("apply the new limit now"),
                )
                .reference("KB4025764")
                .reference("KB4490414")
                .data(json!({
                    "pool": pool,
                    "private_memory_kb": pm,
                    "source": p.private_memory.source,
                    "wsus_setup_default": setup_default,
                    "load_evidence": load.len(),
                    "recommendations": [
                        {"source": "KB4025764", "value": "4-8 GB or more when 503s occur"},
                        {"source": "KB4490414", "value": "0 (no limit)"}
                    ]
                })),
        );
    }
    if p.memory.value != 0 {
        out.push(
            CHECK.finding(Status::Warn, format!("Pool '{pool}' virtual memory limit is {} KB", thousands(p.memory.value))).symptom(Symptom::AppPoolSetting)
                .summary("The pool recycles when its virtual memory reaches this limit (WAS event 5077); KB4490414 recommends 0 (no limit).")
                .evidence(value_item(base, "recycling/periodicRestart/@memory", &p.memory))
                .remedy(set_remedy(pool, "Remove the virtual memory limit (KB4490414).", "recycling.periodicRestart.memory:0", "recycling.periodicRestart.memory", "0"))
                .reference("KB4490414"),
        );
    }
    if p.queue_length.value < RECOMMENDED_QUEUE_LENGTH {
        out.push(
            CHECK.finding(Status::Warn, format!("Pool '{pool}' queue length is {}", p.queue_length.value)).symptom(Symptom::AppPoolQueueLength)
                .summary(format!("When more than {} requests wait, HTTP.sys answers 503 (QueueFull in HTTPERR). KB4490414 recommends {RECOMMENDED_QUEUE_LENGTH} for the WSUS pool.", p.queue_length.value))
                .evidence(value_item(base, "queueLength", &p.queue_length))
                .remedy(remedy::raise_pool_queue_length(Remedy::new(format!("Raise the queue length to {RECOMMENDED_QUEUE_LENGTH} (KB4490414).")), pool))
                .reference("KB4490414"),
        );
    }
    if !p.idle_timeout.value.is_zero() {
        out.push(
            CHECK.finding(Status::Warn, format!("Pool '{pool}' idle time-out is {}", p.idle_timeout.value)).symptom(Symptom::AppPoolSetting)
                .summary("The pool shuts down when idle (WAS event 5186) and the next scan waits for it to start and rebuild its cache. KB4490414 recommends 0 (never).")
                .evidence(value_item(base, "processModel/@idleTimeout", &p.idle_timeout))
                .remedy(set_remedy(pool, "Turn the idle time-out off (KB4490414).", "processModel.idleTimeout:00:00:00", "processModel.idleTimeout", "'00:00:00'"))
                .reference("KB4490414"),
        );
    }
    if p.pinging_enabled.value {
        out.push(
            CHECK.finding(Status::Warn, format!("Pool '{pool}' health pinging is on")).symptom(Symptom::AppPoolSetting)
                .summary("A WSUS worker busy building its metadata cache can miss pings and be killed (WAS event 5010). KB4490414 recommends turning pinging off.")
                .evidence(value_item(base, "processModel/@pingingEnabled", &p.pinging_enabled))
                .remedy(set_remedy(pool, "Turn pinging off (KB4490414).", "processModel.pingingEnabled:false", "processModel.pingingEnabled", "$false"))
                .reference("KB4490414"),
        );
    }
    if !p.periodic_restart_time.value.is_zero() {
        out.push(
            CHECK.finding(Status::Warn, format!("Pool '{pool}' recycles every {}", p.periodic_restart_time.value)).symptom(Symptom::AppPoolSetting)
                .summary("Each regular recycle (WAS event 5074) drops the WSUS cache and in-flight scans. KB4490414 recommends a regular time interval of 0.")
                .evidence(value_item(base, "recycling/periodicRestart/@time", &p.periodic_restart_time))
                .remedy(set_remedy(pool, "Turn the regular recycle off (KB4490414).", "recycling.periodicRestart.time:00:00:00", "recycling.periodicRestart.time", "'00:00:00'"))
                .reference("KB4490414"),
        );
    }
    if !p.rapid_fail_protection.value {
        // Only informational: KB4490414 does not ask to change it, and without it a crashing pool
        // keeps answering instead of stopping.
        out.push(
            CHECK.finding(Status::Info, format!("Pool '{pool}' rapid-fail protection is off"))
                .summary("A crashing pool is restarted indefinitely instead of being stopped; look for WAS 5009/5011 events.")
                .evidence(value_item(base, "failure/@rapidFailProtection", &p.rapid_fail_protection))
                .reference("IIS-APPPOOL"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1_843_200), "1,843,200");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(0), "0");
    }
}
