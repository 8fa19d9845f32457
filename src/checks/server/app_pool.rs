//! `server.app-pool`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus;
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::i18n::{Arg, Text};
use crate::knowledge::events as known;
use crate::parsers::apphost_config::{Effective, EffectivePool, ValueSource};
use crate::values::iis::ObjectState;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerAppPool,
    sources: &["KB4025764", "KB4490414", "IIS-APPPOOL"],
    since: "0.1.0",
    symptoms: &[
        Symptom::AppPoolPrivateMemory,
        Symptom::AppPoolQueueLength,
        Symptom::AppPoolRapidFail,
        Symptom::AppPoolSetting,
        Symptom::AppPoolStopped,
    ],
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
            .finding(Status::Fail, crate::tr!("app-pool-none-title"))
            .symptom(Symptom::AppPoolStopped)
            .summary(crate::tr!("app-pool-none", site = &site.site.name))
            .evidence(site.site_item())
            .reference("KB4025764")];
    };
    let Some(pool) = site.file.config.effective_pool(&pool_name) else {
        return vec![CHECK
            .finding(
                Status::Fail,
                crate::tr!("app-pool-undefined-title", pool = &pool_name),
            )
            .symptom(Symptom::AppPoolStopped)
            .summary(crate::tr!(
                "app-pool-undefined",
                site = &site.site.name,
                pool = &pool_name
            ))
            .evidence(site.site_item())
            .remedy(
                Remedy::new(crate::tr!("app-pool-undefined-fix"))
                    .cmd(wsus::postinstall())
                    .comment(crate::tr!("app-pool-postinstall-arguments")),
            )
            .reference("KB4025764")];
    };
    let pool_item = || {
        EvidenceItem::new(crate::values::EvidenceRef::line(&site.file.path, pool.line))
            .excerpt(format!("<add name=\"{}\" ...>", pool.name))
            .note(crate::tr!(
                "app-pool-of-site",
                site = &site.site.name,
                how = site.recognised_by()
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
            CHECK
                .finding(
                    Status::Pass,
                    crate::tr!("app-pool-recommended-title", pool = &pool.name),
                )
                .summary(crate::tr!(
                    "app-pool-recommended",
                    private_memory = thousands(pool.private_memory.value),
                    queue_length = pool.queue_length.value,
                    idle_timeout = Arg::shown(&pool.idle_timeout.value),
                    pinging = if pool.pinging_enabled.value {
                        "on"
                    } else {
                        "off"
                    },
                    recycle = Arg::shown(&pool.periodic_restart_time.value)
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
        f.push(CHECK.skipped(crate::tr!("app-pool-no-config-settings")));
        return f;
    }
    if facts.iis_config.config().is_some() {
        return vec![CHECK.skipped(crate::tr!("app-pool-no-site"))];
    }
    vec![CHECK.skipped(crate::tr!("app-pool-no-config"))]
}

fn start_remedy(pool: &str) -> Remedy {
    Remedy::new(crate::tr!("app-pool-start", pool = pool))
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
                if recovered.is_some() {
                    Status::Warn
                } else {
                    Status::Fail
                },
                match recovered {
                    Some(at) => crate::tr!(
                        "app-pool-rapid-fail-recovered-title",
                        pool = pool,
                        time = crate::values::time::format_utc(at)
                    ),
                    None if !rapid_fail.is_empty() => {
                        crate::tr!("app-pool-rapid-fail-title", pool = pool)
                    }
                    None => crate::tr!("app-pool-stopped-title", pool = pool),
                },
            )
            .symptom(if rapid_fail.is_empty() {
                Symptom::AppPoolStopped
            } else {
                Symptom::AppPoolRapidFail
            });
        let mut summary = Text::default();
        if let Some((o, path)) = runtime {
            summary = summary.then(match o.state.as_ref() {
                Some(state) => crate::tr!("app-pool-appcmd-state", state = state.as_str()),
                None => crate::tr!("app-pool-appcmd-state-unknown"),
            });
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
            summary = summary.then(crate::tr!(
                "app-pool-rapid-fail-at",
                times = times.join(", ")
            ));
            for e in rapid_fail.iter().take(5) {
                f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(e.summary.to_string()));
            }
        }
        summary = summary.then(match recovered {
            Some(at) => crate::tr!(
                "app-pool-recovered",
                time = crate::values::time::format_utc(at)
            ),
            None => crate::tr!("app-pool-stopped-503"),
        });
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
                CHECK
                    .finding(
                        Status::Warn,
                        crate::tr!("app-pool-no-auto-start-title", pool = pool),
                    )
                    .symptom(Symptom::AppPoolSetting)
                    .summary(crate::tr!(
                        "app-pool-no-auto-start",
                        source = source_text(p.auto_start.source)
                    ))
                    .remedy(
                        Remedy::new(crate::tr!("app-pool-no-auto-start-fix"))
                            .cmd(iis::set_pool_cmd(pool, "autoStart:true"))
                            .powershell(iis::set_pool_ps(pool, "autoStart", "$true")),
                    )
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

/// Where a pool setting's value comes from, for a sentence (the evidence excerpt keeps
/// [`ValueSource::describe`]).
fn source_text(source: ValueSource) -> Text {
    match source {
        ValueSource::Pool => crate::tr!("app-pool-source-pool"),
        ValueSource::PoolDefaults => crate::tr!("app-pool-source-defaults"),
        ValueSource::IisDefault => crate::tr!("app-pool-source-iis-default"),
    }
}

fn set_remedy(pool: &str, text: Text, appcmd_arg: &str, ps_name: &str, ps_value: &str) -> Remedy {
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
                .excerpt(e.summary.to_string())
                .note(crate::tr!(
                    "app-pool-memory-recycle-at",
                    time = wsus::when(e.time)
                ))
        })
        .collect();
    out.extend(facts.iis_log.bursts_503().iter().take(3).map(|b| {
        EvidenceItem::new(b.example.clone()).note(crate::tr!(
            "app-pool-burst-503",
            count = b.total,
            range = crate::values::time::format_utc_range(b.first, b.last)
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
                .excerpt(e.summary.to_string())
                .note(crate::tr!(
                    "app-pool-worker-failure-at",
                    id = e.id,
                    time = wsus::when(e.time)
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
            out.push(example.note(crate::tr!(
                "app-pool-iis-500",
                count = n.count,
                substatus = *sub
            )));
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
            (Status::Warn, crate::tr!("app-pool-32bit-not-failing"))
        } else {
            (Status::Fail, crate::tr!("app-pool-32bit-failing"))
        };
        let mut f = CHECK
            .finding(status, crate::tr!("app-pool-32bit-title", pool = pool))
            .symptom(Symptom::AppPoolSetting)
            .summary(crate::tr!("app-pool-32bit", pool = pool).then(consequence))
            .explanation(crate::tr!(
                "app-pool-32bit-explanation",
                source = source_text(p.enable_32bit_app_on_win64.source)
            ))
            .evidence(value_item(
                base,
                "enable32BitAppOnWin64",
                &p.enable_32bit_app_on_win64,
            ));
        for e in failures {
            f = f.evidence(e.clone());
        }
        out.push(
            f.remedy(
                set_remedy(pool, crate::tr!("app-pool-32bit-fix"), "enable32BitAppOnWin64:false", "enable32BitAppOnWin64", "$false")
                    .cmd(iis::recycle_pool_cmd(pool)),
            )
            .reference("IIS-APPPOOL")
            .data(json!({"pool": pool, "enable32BitAppOnWin64": true, "source": p.enable_32bit_app_on_win64.source, "failure_evidence": failures.len(), "unconfirmed": true})),
        );
    }
    let clr = p.managed_runtime_version.value.trim();
    if !clr.eq_ignore_ascii_case("v4.0") {
        let shown = if clr.is_empty() {
            crate::tr!("app-pool-no-managed-code")
        } else {
            Text::from(clr)
        };
        out.push(
            CHECK.finding(Status::Warn, crate::tr!("app-pool-clr-title", pool = pool, clr = &shown)).symptom(Symptom::AppPoolSetting)
                .summary(crate::tr!("app-pool-clr", clr = &shown))
                .explanation(crate::tr!("app-pool-clr-explanation", source = source_text(p.managed_runtime_version.source)))
                .evidence(value_item(base, "managedRuntimeVersion", &p.managed_runtime_version))
                .remedy(
                    set_remedy(pool, crate::tr!("app-pool-clr-fix"), "managedRuntimeVersion:v4.0", "managedRuntimeVersion", "'v4.0'")
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
            (Status::Warn, crate::tr!("app-pool-memory-not-shown"))
        } else {
            (Status::Fail, crate::tr!("app-pool-memory-shown"))
        };
        let kb = thousands(pm);
        let gb = format!("{:.1}", pm as f64 / 1_048_576.0);
        let limit = if setup_default {
            crate::tr!(
                "app-pool-memory-setup-default",
                pool = pool,
                kb = kb,
                gb = gb
            )
        } else {
            crate::tr!("app-pool-memory", pool = pool, kb = kb, gb = gb)
        };
        let mut f = CHECK
            .finding(
                status,
                crate::tr!("app-pool-memory-title", pool = pool, kb = thousands(pm)),
            )
            .symptom(Symptom::AppPoolPrivateMemory)
            .summary(limit.then(consequence))
            .explanation(crate::tr!(
                "app-pool-memory-explanation",
                setup_kb = thousands(SETUP_PRIVATE_MEMORY_KB),
                source = source_text(p.private_memory.source)
            ))
            .evidence(value_item(
                base,
                "recycling/periodicRestart/@privateMemory",
                &p.private_memory,
            ));
        for e in load {
            f = f.evidence(e.clone());
        }
        out.push(
            f.remedy(
                Remedy::new(crate::tr!("app-pool-memory-fix"))
                    .cmd(iis::set_pool_cmd(
                        pool,
                        "recycling.periodicRestart.privateMemory:0",
                    ))
                    .comment(crate::tr!("app-pool-memory-no-limit"))
                    .powershell(iis::set_pool_ps(
                        pool,
                        "recycling.periodicRestart.privateMemory",
                        "0",
                    ))
                    .comment(crate::tr!("app-pool-same-in-powershell"))
                    .cmd(iis::set_pool_cmd(
                        pool,
                        &format!(
                            "recycling.periodicRestart.privateMemory:{GUIDE_PRIVATE_MEMORY_KB}"
                        ),
                    ))
                    .comment(crate::tr!(
                        "app-pool-memory-guide-limit",
                        kb = thousands(GUIDE_PRIVATE_MEMORY_KB)
                    ))
                    .cmd(iis::recycle_pool_cmd(pool))
                    .comment(crate::tr!("app-pool-apply-now")),
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
            CHECK
                .finding(
                    Status::Warn,
                    crate::tr!(
                        "app-pool-virtual-memory-title",
                        pool = pool,
                        kb = thousands(p.memory.value)
                    ),
                )
                .symptom(Symptom::AppPoolSetting)
                .summary(crate::tr!("app-pool-virtual-memory"))
                .evidence(value_item(
                    base,
                    "recycling/periodicRestart/@memory",
                    &p.memory,
                ))
                .remedy(set_remedy(
                    pool,
                    crate::tr!("app-pool-virtual-memory-fix"),
                    "recycling.periodicRestart.memory:0",
                    "recycling.periodicRestart.memory",
                    "0",
                ))
                .reference("KB4490414"),
        );
    }
    if p.queue_length.value < RECOMMENDED_QUEUE_LENGTH {
        out.push(
            CHECK
                .finding(
                    Status::Warn,
                    crate::tr!(
                        "app-pool-queue-title",
                        pool = pool,
                        length = p.queue_length.value
                    ),
                )
                .symptom(Symptom::AppPoolQueueLength)
                .summary(crate::tr!(
                    "app-pool-queue",
                    length = p.queue_length.value,
                    recommended = RECOMMENDED_QUEUE_LENGTH
                ))
                .evidence(value_item(base, "queueLength", &p.queue_length))
                .remedy(remedy::raise_pool_queue_length(
                    Remedy::new(crate::tr!(
                        "app-pool-queue-fix",
                        recommended = RECOMMENDED_QUEUE_LENGTH
                    )),
                    pool,
                ))
                .reference("KB4490414"),
        );
    }
    if !p.idle_timeout.value.is_zero() {
        out.push(
            CHECK
                .finding(
                    Status::Warn,
                    crate::tr!(
                        "app-pool-idle-title",
                        pool = pool,
                        timeout = Arg::shown(&p.idle_timeout.value)
                    ),
                )
                .symptom(Symptom::AppPoolSetting)
                .summary(crate::tr!("app-pool-idle"))
                .evidence(value_item(
                    base,
                    "processModel/@idleTimeout",
                    &p.idle_timeout,
                ))
                .remedy(set_remedy(
                    pool,
                    crate::tr!("app-pool-idle-fix"),
                    "processModel.idleTimeout:00:00:00",
                    "processModel.idleTimeout",
                    "'00:00:00'",
                ))
                .reference("KB4490414"),
        );
    }
    if p.pinging_enabled.value {
        out.push(
            CHECK
                .finding(
                    Status::Warn,
                    crate::tr!("app-pool-pinging-title", pool = pool),
                )
                .symptom(Symptom::AppPoolSetting)
                .summary(crate::tr!("app-pool-pinging"))
                .evidence(value_item(
                    base,
                    "processModel/@pingingEnabled",
                    &p.pinging_enabled,
                ))
                .remedy(set_remedy(
                    pool,
                    crate::tr!("app-pool-pinging-fix"),
                    "processModel.pingingEnabled:false",
                    "processModel.pingingEnabled",
                    "$false",
                ))
                .reference("KB4490414"),
        );
    }
    if !p.periodic_restart_time.value.is_zero() {
        out.push(
            CHECK
                .finding(
                    Status::Warn,
                    crate::tr!(
                        "app-pool-periodic-title",
                        pool = pool,
                        interval = Arg::shown(&p.periodic_restart_time.value)
                    ),
                )
                .symptom(Symptom::AppPoolSetting)
                .summary(crate::tr!("app-pool-periodic"))
                .evidence(value_item(
                    base,
                    "recycling/periodicRestart/@time",
                    &p.periodic_restart_time,
                ))
                .remedy(set_remedy(
                    pool,
                    crate::tr!("app-pool-periodic-fix"),
                    "recycling.periodicRestart.time:00:00:00",
                    "recycling.periodicRestart.time",
                    "'00:00:00'",
                ))
                .reference("KB4490414"),
        );
    }
    if !p.rapid_fail_protection.value {
        // Only informational: KB4490414 does not ask to change it, and without it a crashing pool
        // keeps answering instead of stopping.
        out.push(
            CHECK
                .finding(
                    Status::Info,
                    crate::tr!("app-pool-rapid-fail-off-title", pool = pool),
                )
                .summary(crate::tr!("app-pool-rapid-fail-off"))
                .evidence(value_item(
                    base,
                    "failure/@rapidFailProtection",
                    &p.rapid_fail_protection,
                ))
                .reference("IIS-APPPOOL"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// WsusPool as KB4490414 recommends it, but with the private memory limit WSUS setup leaves.
    const SETUP_LIMIT: &str = r#"<configuration><system.applicationHost>
<applicationPools>
<add name="WsusPool" queueLength="2000"><recycling><periodicRestart privateMemory="1843200" time="00:00:00" /></recycling><processModel idleTimeout="00:00:00" pingingEnabled="false" /></add>
<applicationPoolDefaults managedRuntimeVersion="v4.0" />
</applicationPools>
<sites><site name="WSUS Administration" id="1572271583">
<application path="/ClientWebService" applicationPool="WsusPool"><virtualDirectory path="/" physicalPath="C:\Program Files\Update Services\WebServices\ClientWebService" /></application>
<bindings><binding protocol="http" bindingInformation="*:8530:" /></bindings>
</site></sites>
</system.applicationHost></configuration>"#;

    #[test]
    fn the_setup_memory_limit_without_load_warns_in_each_language() {
        let facts = wsus::test_evidence::facts(
            "applicationHost.config",
            SETUP_LIMIT,
            crate::facts::iis_config::ingest_apphost,
        );
        let out = run(&facts);
        assert_eq!(out.len(), 1, "{out:#?}");
        let f = &out[0];
        assert_eq!(f.status, Status::Warn);
        assert_eq!(f.symptom, Some(Symptom::AppPoolPrivateMemory));
        assert_eq!(
            f.title,
            "Pool 'WsusPool' private memory limit is 1,843,200 KB"
        );
        assert_eq!(
            f.title.local(Lang::Ja),
            "アプリケーション プール 'WsusPool' のプライベート メモリの制限は 1,843,200 KB です"
        );
        assert_eq!(f.summary, "The private memory limit of 'WsusPool' is 1,843,200 KB (1.8 GB), the value WSUS setup leaves: the classic cause of WSUS 503s. Under load the pool recycles whenever it reaches it (WAS event 5117), and clients get 503 while it restarts. No 503 burst in the IIS logs and no WAS 5117 event among the evidence shows it happening yet; collect them (KB4025764 ties raising the limit to 503s).");
        assert!(f
            .summary
            .local(Lang::Ja)
            .ends_with("WSUS セットアップが設定したままの値です。これは WSUS の 503 の典型的な原因です。負荷がかかると、アプリケーション プールはこの制限に達するたびにリサイクルされ (WAS イベント 5117)、再起動の間クライアントには 503 が返されます。IIS ログの 503 の集中も WAS 5117 イベントも証拠になく、まだ発生は確認されていません。これらを収集してください (KB4025764 は、制限の引き上げを 503 の発生と結び付けています)。"));
        assert!(f
            .explanation
            .ends_with("WSUS setup sets 1,843,200 KB. Value source: set on the pool."));
        assert!(f.explanation.local(Lang::Ja).ends_with("WSUS セットアップは 1,843,200 KB を設定します。値の設定元: アプリケーション プールで設定。"));
        let remedy = f.remedy.as_ref().unwrap();
        assert_eq!(remedy.commands.len(), 4);
        assert_eq!(
            remedy.commands[0].line,
            r#"%windir%\system32\inetsrv\appcmd.exe set apppool "WsusPool" /recycling.periodicRestart.privateMemory:0"#
        );
        let comment = remedy.commands[2].comment.as_ref().unwrap();
        assert_eq!(comment, "or, per KB4025764, a limit of 8 GB (8,388,608 KB)");
        assert_eq!(
            comment.local(Lang::Ja),
            "または、KB4025764 に従って 8 GB (8,388,608 KB) に制限します"
        );
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1_843_200), "1,843,200");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(0), "0");
    }
}
