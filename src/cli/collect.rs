//! The live commands: `collect` (this machine's evidence into a zip) and the live `diagnose`
//! (no paths given). Both gather through the same [`gather`](wsus_doctor::collect),
//! and the live diagnosis then runs the offline pipeline on what was gathered.

use super::{CollectArgs, DiagnoseArgs};
use wsus_doctor::collect::{self as gather, Content, Gathered, Options};
use wsus_doctor::evidence::text::{self, AnsiHint};
use wsus_doctor::report::redact::Redactor;

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
    context.client_tz = a.client_tz.clone();
    if a.codepage.is_some() {
        context.ansi_code_page = super::codepage_hint(a.codepage);
    }
    let set = gathered.evidence_set();
    let (facts, inventory) =
        super::commands::analyse(&set, wsus_doctor::evidence::sniff_all(&set.files), context);
    let report = wsus_doctor::pipeline::report(
        wsus_doctor::report::Mode::Live,
        vec![format!("this machine ({})", gathered.machine)],
        &facts,
        inventory,
    );
    let mut report = report;
    if a.redact.redact {
        // The machine itself is named in the inputs before any evidence names it.
        let mut r = Redactor::new();
        r.machine_in_role(&gathered.machine, gathered.role);
        r.report(&mut report);
        super::commands::write_redact_map(&r, &a.redact)?;
    }
    super::commands::render(&mut report, a.format, a.output.as_deref(), a.verbose)?;
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
    let mut redactor = a.redact.redact.then(Redactor::new);
    let gathered = match &mut redactor {
        Some(r) => redacted(&gathered, r),
        None => gathered,
    };
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
    if let Some(r) = &redactor {
        super::commands::write_redact_map(r, &a.redact)?;
    }
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

/// `collect --redact`: a copy of what was gathered with the machine's name and every text file
/// redacted (decoded in the encoding its reading would choose, written back as UTF-8), for the
/// zip. Files that are not text (event logs) cannot be redacted and are left out, marked so in
/// the manifest. The files on the machine are only read.
pub(super) fn redacted(g: &Gathered, r: &mut Redactor) -> Gathered {
    let mut copy = g.clone();
    if !g.machine.is_empty() {
        copy.machine = r.machine_in_role(&g.machine, g.role);
    }
    let hint = g.ansi_code_page.map(|code_page| AnsiHint {
        code_page,
        source: wsus_doctor::tr!("code-page-of-collector"),
    });
    for item in &mut copy.items {
        let bytes = match &item.content {
            Content::None => continue,
            Content::Memory(b) => Ok(b.clone()),
            Content::File(p) => std::fs::read(p),
        };
        item.source = r.apply(&item.source);
        item.path = item.path.as_deref().map(|p| r.apply(p));
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                item.content = Content::None;
                item.status = gather::Status::Failed;
                item.error = Some(wsus_doctor::evidence::describe_io(&e).to_string());
                continue;
            }
        };
        let encoding = text::decide(&bytes[..bytes.len().min(64 * 1024)], hint.as_ref()).encoding;
        if !encoding.is_utf16() && bytes.contains(&0) {
            item.content = Content::None;
            item.status = gather::Status::Skipped;
            item.error =
                Some("left out by --redact: not a text file, so it cannot be redacted".into());
            continue;
        }
        let redacted = r.apply(&text::decode_all(&bytes, encoding));
        item.size = Some(redacted.len() as u64);
        item.content = Content::Memory(redacted.into_bytes());
    }
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;
    use wsus_doctor::facts::Role;

    fn item(path: &str, bytes: Vec<u8>) -> gather::Item {
        gather::Item {
            source: format!("C:\\evidence\\{path}"),
            path: Some(path.into()),
            status: gather::Status::Collected,
            error: None,
            size: Some(bytes.len() as u64),
            checks: Vec::new(),
            content: Content::Memory(bytes),
        }
    }

    fn utf16le(s: &str) -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        b
    }

    #[test]
    fn the_redacted_zip_holds_no_name_or_address_and_no_binary_file() {
        let policy = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]\r\n\"WUServer\"=\"http://wsus01.corp.example:8530\"\r\n";
        let ipconfig = "   Host Name . . . . . . . . . . . . : PC-0142\r\n   IPv4 Address. . . . . . . . . . . : 10.20.30.40(Preferred)\r\n";
        let gathered = Gathered {
            machine: "PC-0142".into(),
            ansi_code_page: None,
            role: Role {
                server: false,
                client: true,
            },
            elevated: true,
            collected_at: "2026-12-04T10:00:00Z".into(),
            days: 14,
            items: vec![
                item("registry/policy.reg", utf16le(policy)),
                item("ipconfig.txt", ipconfig.as_bytes().to_vec()),
                item("events/System.evtx", b"ElfFile\0\x01\0\0\0PC-0142".to_vec()),
            ],
        };
        let mut r = Redactor::new();
        let copy = redacted(&gathered, &mut r);
        assert_eq!(copy.machine, "client-1");
        let mut zip = Vec::new();
        copy.write_zip(std::io::Cursor::new(&mut zip)).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        let mut all = String::new();
        let mut names = Vec::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            names.push(f.name().unwrap().to_string());
            f.read_to_string(&mut all).unwrap();
        }
        assert_eq!(
            names,
            ["registry/policy.reg", "ipconfig.txt", "manifest.json"]
        );
        for id in ["PC-0142", "wsus01", "corp.example", "10.20.30.40"] {
            assert!(!all.contains(id), "{id} left in:\n{all}");
        }
        assert!(
            all.contains("\"WUServer\"=\"http://server-1.domain-1:8530\""),
            "{all}"
        );
        assert!(all.contains(": client-1\r\n"), "{all}");
        assert!(all.contains("left out by --redact"), "{all}");
        // The evidence itself is untouched.
        assert!(
            matches!(&gathered.items[1].content, Content::Memory(b) if b == ipconfig.as_bytes())
        );
    }
}
