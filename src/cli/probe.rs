//! `wsus-doctor probe URL...` and `diagnose --probe`: a network test of WSUS servers, rendered
//! like any other report.

use super::commands::render;
use anyhow::Context as _;
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;
use wsus_doctor::facts::registry::keys::WU_POLICY;
use wsus_doctor::facts::Facts;
use wsus_doctor::pipeline;
use wsus_doctor::probe::{self, Options, ProxyChoice};
use wsus_doctor::report::{Format, Inventory, Mode, Summary};

#[derive(Args, Debug)]
pub struct ProbeArgs {
    /// WSUS URLs as in the WUServer policy (http://wsus01.contoso.com:8530); several are probed
    /// at the same time.
    #[arg(required = true, value_name = "URL")]
    pub urls: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Text format: every finding with its evidence, explanation and fix, and the timeline.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    #[command(flatten)]
    pub settings: ProbeSettings,
    #[command(flatten)]
    pub redact: super::RedactArgs,
}

/// How to probe; shared by `probe` and `diagnose --probe`.
#[derive(Args, Debug, Clone)]
pub struct ProbeSettings {
    /// Go through this HTTP proxy (http://host:port; CONNECT for https). By default the WinHTTP
    /// proxy on Windows (the one the Windows Update agent uses), none elsewhere.
    #[arg(long, value_name = "URL", conflicts_with = "no_proxy")]
    pub proxy: Option<String>,
    /// Connect directly, whatever the machine's proxy settings.
    #[arg(long)]
    pub no_proxy: bool,
    /// Time-out of each step (connection, handshake, request), in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub timeout: f64,
    /// The whole probe ends after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub deadline: f64,
    /// Also trust the CA certificates in this PEM file (an internal CA this machine does not
    /// trust yet); repeatable.
    #[arg(long = "ca-file", value_name = "PEM")]
    pub ca_files: Vec<PathBuf>,
}

/// The longest `--timeout`: an hour per step is already far past any WinHTTP default.
const MAX_TIMEOUT_SECS: f64 = 3600.0;
/// The longest `--deadline`: a day.
const MAX_DEADLINE_SECS: f64 = 86_400.0;

fn seconds(v: f64, flag: &str, max: f64) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(v)
        .ok()
        .filter(|d| !d.is_zero() && v <= max)
        .with_context(|| {
            super::words(wsus_doctor::tr!(
                "probe-bad-seconds",
                flag = flag,
                max = max.to_string(),
                value = v.to_string()
            ))
        })
}

impl ProbeSettings {
    pub fn options(&self) -> anyhow::Result<Options> {
        let mut extra_roots = Vec::new();
        for f in &self.ca_files {
            let pem = std::fs::read(f).with_context(|| {
                super::words(wsus_doctor::tr!(
                    "probe-cannot-read-ca",
                    path = f.display().to_string()
                ))
            })?;
            let certs = probe::tls::read_pem_certificates(&pem)
                .map_err(|e| anyhow::anyhow!("{}: {}", f.display(), super::words(e)))?;
            extra_roots.extend(certs);
        }
        Ok(Options {
            timeout: seconds(self.timeout, "--timeout", MAX_TIMEOUT_SECS)?,
            deadline: seconds(self.deadline, "--deadline", MAX_DEADLINE_SECS)?,
            proxy: match (&self.proxy, self.no_proxy) {
                (Some(p), _) => ProxyChoice::Explicit(p.clone()),
                (None, true) => ProxyChoice::None,
                (None, false) => ProxyChoice::System,
            },
            extra_roots,
        })
    }
}

pub fn probe(a: ProbeArgs) -> anyhow::Result<u8> {
    let options = a.settings.options()?;
    let facts = Facts {
        probes: probe::run(&a.urls, &options),
        ..Facts::default()
    };
    let mut report = pipeline::report(Mode::Probe, a.urls.clone(), &facts, Inventory::default());
    // Only the probe's own checks speak about a probe; the others would all say "no evidence".
    report
        .findings
        .retain(|f| f.check.stage() == wsus_doctor::finding::Stage::Probe);
    report.summary = Summary::of(&report.findings);
    super::commands::redact_report(&mut report, &a.redact)?;
    render(&mut report, a.format, a.output.as_deref(), a.verbose)?;
    Ok(report.exit_code() as u8)
}

/// The WUServer URL(s) of the client policy found in the evidence.
pub fn policy_urls(facts: &Facts) -> Vec<String> {
    let mut urls: Vec<String> = ["WUServer", "WUStatusServer"]
        .iter()
        .filter_map(|name| facts.registry.value(WU_POLICY, name))
        .filter_map(|v| v.data.as_str().map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect();
    urls.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    urls
}

/// `diagnose --probe`: probes the policy's URL(s) and adds the results to the facts.
pub fn add_policy_probe(facts: &mut Facts, settings: &ProbeSettings) -> anyhow::Result<()> {
    let urls = policy_urls(facts);
    if urls.is_empty() {
        super::say("--probe: no WUServer policy value among the evidence, so there is no URL to probe (use wsus-doctor probe URL)");
        return Ok(());
    }
    let options = settings.options()?;
    facts.probes = probe::run(&urls, &options);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wsus_doctor::facts::registry::RegValue;
    use wsus_doctor::values::EvidenceRef;
    use wsus_doctor::values::RegData;

    fn sz(name: &str, v: &str) -> RegValue {
        RegValue {
            name: name.into(),
            data: RegData::Sz(v.into()),
            origin: EvidenceRef::file("policy.reg", Some(4)),
        }
    }

    #[test]
    fn the_policy_urls_are_probed_once_each() {
        let mut facts = Facts::default();
        assert!(policy_urls(&facts).is_empty());
        facts
            .registry
            .set(WU_POLICY, sz("WUServer", "http://wsus01.contoso.com:8530"));
        facts.registry.set(
            WU_POLICY,
            sz("WUStatusServer", "http://WSUS01.contoso.com:8530"),
        );
        assert_eq!(policy_urls(&facts), ["http://wsus01.contoso.com:8530"]);
        facts.registry.set(
            WU_POLICY,
            sz("WUStatusServer", "http://wsus02.contoso.com:8530"),
        );
        assert_eq!(policy_urls(&facts).len(), 2);
    }
}
