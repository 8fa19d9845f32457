//! The live commands: `collect` (this machine's evidence into a zip) and the live `diagnose`
//! (no paths given). Both gather through the same [`gather`](wsus_doctor::collect),
//! and the live diagnosis then runs the offline pipeline on what was gathered.

use super::{CollectArgs, DiagnoseArgs};
use wsus_doctor::collect::{self as gather, Gathered, Options};

/// Gathers this machine's evidence; `None` where there is no live machine to read (not Windows).
fn gather_this_machine(options: &Options) -> Option<Gathered> {
    #[cfg(windows)]
    {
        Some(gather::gather(
            &wsus_doctor::evidence::live::ThisMachine,
            options,
        ))
    }
    #[cfg(not(windows))]
    {
        let _ = options;
        None
    }
}

/// Tells what a run without elevation could not read, before the report.
fn announce_limits(g: &Gathered) {
    let context = g.context();
    for limit in &context.live_limits {
        super::say(limit);
    }
}

pub fn live_diagnose(a: &DiagnoseArgs) -> anyhow::Result<u8> {
    let options = Options {
        days: a.days,
        convert_windows_update_log: a.windows_update_log,
    };
    let Some(gathered) = gather_this_machine(&options) else {
        eprintln!("wsus-doctor: give evidence to analyse: wsus-doctor PATH... (files, folders or .zip bundles); see wsus-doctor --help");
        return Ok(2);
    };
    announce_limits(&gathered);
    let mut context = gathered.context();
    context.client_ips = a.client_ips.clone();
    if a.codepage.is_some() {
        context.ansi_code_page = super::codepage_hint(a.codepage);
    }
    let set = gathered.evidence_set();
    let (facts, inventory) = super::commands::analyse(&set, context);
    let report = wsus_doctor::pipeline::report(
        wsus_doctor::report::Mode::Live,
        vec![format!("this machine ({})", gathered.machine)],
        &facts,
        inventory,
    );
    let mut report = report;
    super::commands::redact_report(&mut report, &a.redact)?;
    super::commands::render(&report, a.format, a.output.as_deref(), a.verbose)?;
    Ok(report.exit_code() as u8)
}

pub fn collect(a: CollectArgs) -> anyhow::Result<u8> {
    use anyhow::Context as _;
    let options = Options {
        days: a.days,
        convert_windows_update_log: a.windows_update_log,
    };
    let Some(gathered) = gather_this_machine(&options) else {
        eprintln!("wsus-doctor: collect reads the Windows machine it runs on; run wsus-doctor.exe collect there, then diagnose the zip on any system");
        return Ok(2);
    };
    announce_limits(&gathered);
    let output = a.output.unwrap_or_else(|| {
        let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
        let machine = if gathered.machine.is_empty() {
            "machine".to_string()
        } else {
            gathered.machine.clone()
        };
        std::path::PathBuf::from(format!("wsus-doctor-{machine}-{stamp}.zip"))
    });
    let file = std::fs::File::create(&output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    gathered
        .write_zip(std::io::BufWriter::new(file))
        .with_context(|| format!("cannot write {}", output.display()))?;
    let collected = gathered
        .items
        .iter()
        .filter(|i| i.status == gather::Status::Collected)
        .count();
    eprintln!(
        "wsus-doctor: {collected} items of evidence ({} role) written to {}; analyse it anywhere with: wsus-doctor diagnose {}",
        gathered.role.name(),
        output.display(),
        output.display()
    );
    Ok(0)
}
