//! The NDJSON rendering, for data engines: one JSON object per line, first one per finding
//! (`kind: "finding"`), then one per cause (`kind: "cause"`). Every line names its schema
//! (`wsus-doctor/finding-line/v1`, see `schema/finding-line-v1.schema.json` and
//! `docs/report-format.md`) and the run it comes from, so that the lines of many runs can be
//! loaded into one table.

use super::{Cause, Report};
use crate::finding::{CheckId, Finding, Shell, Status};
use crate::values::{EvidenceRef, MachineName};
use serde::Serialize;

/// The schema version of one line.
pub const SCHEMA: &str = "wsus-doctor/finding-line/v1";

/// Where one piece of a finding's evidence was read.
#[derive(Serialize)]
struct Location {
    /// The evidence file, null for a live source or a probe step.
    file: Option<String>,
    /// Its line, when the evidence is a line of a file.
    line: Option<u64>,
    /// The whole reference as the text report prints it (a registry value, an event record...).
    at: String,
}

impl Location {
    fn of(r: &EvidenceRef) -> Location {
        let (file, line) = match r {
            EvidenceRef::File { path, line } => (Some(path.clone()), *line),
            EvidenceRef::Registry { path, line, .. } => (path.clone(), *line),
            EvidenceRef::Event { path, .. } => (Some(path.clone()), None),
            EvidenceRef::Probe { .. } | EvidenceRef::Live { .. } => (None, None),
        };
        Location {
            file,
            line,
            at: r.to_string(),
        }
    }
}

#[derive(Serialize)]
struct FindingLine<'a> {
    schema: &'static str,
    kind: &'static str,
    run_id: &'a str,
    generated_at: &'a str,
    machine: Option<&'a MachineName>,
    role: Option<&'static str>,
    check: CheckId,
    status: Status,
    title: &'a str,
    summary: &'a str,
    symptom: Option<&'static str>,
    first_time: Option<&'a str>,
    last_time: Option<&'a str>,
    evidence: Vec<Location>,
    localized: Option<LocalizedFinding>,
}

/// A finding's texts in the run's language, when it is not English: the English columns stay
/// the same for every run, so lines of many runs still load into one table.
#[derive(Serialize)]
struct LocalizedFinding {
    lang: crate::i18n::Lang,
    title: String,
    summary: String,
}

#[derive(Serialize)]
struct LocalizedCause {
    lang: crate::i18n::Lang,
    title: String,
    first_fix: String,
}

#[derive(Serialize)]
struct FixCommand<'a> {
    shell: Shell,
    line: &'a str,
}

#[derive(Serialize)]
struct FirstFix<'a> {
    title: &'a str,
    commands: Vec<FixCommand<'a>>,
}

#[derive(Serialize)]
struct CauseLine<'a> {
    schema: &'static str,
    kind: &'static str,
    run_id: &'a str,
    generated_at: &'a str,
    id: &'a crate::diagnosis::CauseId,
    title: &'a str,
    confidence: crate::diagnosis::Confidence,
    machine: Option<&'a MachineName>,
    affected: &'a [MachineName],
    first_fix: FirstFix<'a>,
    localized: Option<LocalizedCause>,
}

/// The run's id: the xxHash3 128-bit digest, in 32 hex digits, of the report schema, the tool's
/// version, the time the report was made and its inputs, each followed by a newline. Two runs
/// over the same inputs at different times get different ids; the id is the same wherever the
/// report is rendered again.
pub fn run_id(report: &Report) -> String {
    let mut text = String::new();
    for part in [report.schema, report.tool.version, &report.generated_at]
        .into_iter()
        .chain(report.inputs.iter().map(String::as_str))
    {
        text.push_str(part);
        text.push('\n');
    }
    format!("{:032x}", twox_hash::XxHash3_128::oneshot(text.as_bytes()))
}

/// The role of a machine as the report's machine list states it.
fn role_of(report: &Report, machine: Option<&MachineName>) -> Option<&'static str> {
    let m = machine?;
    report
        .machines
        .iter()
        .find(|e| &e.name == m)
        .map(|e| e.role.name())
}

/// The first and last time (UTC) of the timeline events the finding's check drew from its
/// evidence: those of the same check, machine and evidence location.
fn span<'a>(report: &'a Report, f: &Finding) -> (Option<&'a str>, Option<&'a str>) {
    let events = report.timeline.iter().filter(|e| {
        e.check == f.check
            && e.machine == f.machine
            && f.evidence.iter().any(|i| i.location == e.location)
    });
    let mut first: Option<&str> = None;
    let mut last: Option<&str> = None;
    for e in events {
        let end = e.end.as_deref().unwrap_or(&e.time);
        // RFC 3339 UTC times of one format order as text.
        if first.is_none_or(|t| e.time.as_str() < t) {
            first = Some(&e.time);
        }
        if last.is_none_or(|t| end > t) {
            last = Some(end);
        }
    }
    (first, last)
}

fn finding_line<'a>(report: &'a Report, run_id: &'a str, f: &'a Finding) -> FindingLine<'a> {
    let (first_time, last_time) = span(report, f);
    FindingLine {
        schema: SCHEMA,
        kind: "finding",
        run_id,
        generated_at: &report.generated_at,
        machine: f.machine.as_ref(),
        role: role_of(report, f.machine.as_ref()),
        check: f.check,
        status: f.status,
        title: &f.title,
        summary: &f.summary,
        symptom: f.symptom.map(|s| s.as_str()),
        first_time,
        last_time,
        evidence: f
            .evidence
            .iter()
            .map(|i| Location::of(&i.location))
            .collect(),
        localized: (report.lang != crate::i18n::Lang::En).then(|| LocalizedFinding {
            lang: report.lang,
            title: f.title.local(report.lang).into_owned(),
            summary: f.summary.local(report.lang).into_owned(),
        }),
    }
}

fn cause_line<'a>(report: &'a Report, run_id: &'a str, c: &'a Cause) -> CauseLine<'a> {
    CauseLine {
        schema: SCHEMA,
        kind: "cause",
        run_id,
        generated_at: &report.generated_at,
        id: &c.id,
        title: &c.title,
        confidence: c.confidence,
        machine: c.machine.as_ref(),
        affected: &c.affected,
        first_fix: FirstFix {
            title: &c.first_fix.text,
            commands: c
                .first_fix
                .commands
                .iter()
                .map(|k| FixCommand {
                    shell: k.shell,
                    line: &k.line,
                })
                .collect(),
        },
        localized: (report.lang != crate::i18n::Lang::En).then(|| LocalizedCause {
            lang: report.lang,
            title: c.title.local(report.lang).into_owned(),
            first_fix: c.first_fix.text.local(report.lang).into_owned(),
        }),
    }
}

pub fn render(report: &Report) -> String {
    let id = run_id(report);
    let mut out = String::new();
    let mut push = |line: Result<String, serde_json::Error>| {
        // Serialising these plain structures cannot fail; a line that did would still be JSON.
        out.push_str(&line.unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")));
        out.push('\n');
    };
    for f in &report.findings {
        push(serde_json::to_string(&finding_line(report, &id, f)));
    }
    for c in &report.diagnosis {
        push(serde_json::to_string(&cause_line(report, &id, c)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::{CauseId, Confidence};
    use crate::facts::Role;
    use crate::finding::Remedy;
    use crate::report::{Inventory, MachineEntry, Mode, Side, Summary, TimelineEvent, ToolInfo};
    use serde_json::Value;

    fn event(
        time: &str,
        end: Option<&str>,
        check: CheckId,
        location: EvidenceRef,
    ) -> TimelineEvent {
        TimelineEvent {
            time: time.into(),
            assumed_zone: false,
            end: end.map(Into::into),
            side: Side::Server,
            machine: Some(MachineName::new("WSUS01")),
            host: None,
            what: "503 burst".into(),
            check,
            location,
        }
    }

    /// A report of two machines: a server finding with dated evidence, a finding of no machine,
    /// and a cause on the server affecting one client.
    fn report(generated_at: &str) -> Report {
        let log = EvidenceRef::line("wsus01/u_ex240611.log", 7);
        let mut server = Finding::new(CheckId::ServerIisLog, Status::Fail, "503 bursts")
            .summary("Two bursts.")
            .symptom(crate::finding::Symptom::Iis503Burst)
            .evidence(crate::finding::EvidenceItem::new(log.clone()));
        server.machine = Some(MachineName::new("wsus01.corp.example"));
        let nobody = Finding::skipped(CheckId::ProbeDns, "WSUS host name resolves", "no probe");
        let findings = vec![server, nobody];
        Report {
            schema: crate::report::SCHEMA,
            tool: ToolInfo {
                name: "wsus-doctor",
                version: "0.0.0",
            },
            generated_at: generated_at.into(),
            lang: crate::i18n::Lang::En,
            mode: Mode::Offline,
            inputs: vec!["fleet".into()],
            machines: vec![
                MachineEntry {
                    name: MachineName::new("WSUS01"),
                    role: Role {
                        server: true,
                        client: false,
                    },
                    identified_by: "wsus01/ipconfig.txt".into(),
                    files: 3,
                },
                MachineEntry {
                    name: MachineName::new("PC-0001"),
                    role: Role {
                        server: false,
                        client: true,
                    },
                    identified_by: "pc-0001/ipconfig.txt".into(),
                    files: 4,
                },
            ],
            diagnosis: vec![Cause {
                id: CauseId::WsuspoolMemory,
                title: "WsusPool recycles".into(),
                confidence: Confidence::High,
                machine: Some(MachineName::new("WSUS01")),
                affected: vec![MachineName::new("PC-0001")],
                chain: Vec::new(),
                refuted_by: Vec::new(),
                missing_evidence: Vec::new(),
                first_fix: Remedy::new("Raise the limit.").cmd("appcmd recycle apppool WsusPool"),
                about_clients: false,
                leading_symptom: None,
                leading_proof: None,
            }],
            summary: Summary::of(&findings),
            findings,
            timeline: vec![
                event(
                    "2024-06-11T14:10:00Z",
                    Some("2024-06-11T14:17:00Z"),
                    CheckId::ServerIisLog,
                    log.clone(),
                ),
                event(
                    "2024-06-11T09:00:00Z",
                    None,
                    CheckId::ServerIisLog,
                    log.clone(),
                ),
                // Another check's event on the same line, and an event of another line: neither
                // is this finding's.
                event("2024-06-11T01:00:00Z", None, CheckId::ServerHttperr, log),
                event(
                    "2024-06-11T23:00:00Z",
                    None,
                    CheckId::ServerIisLog,
                    EvidenceRef::line("wsus01/u_ex240611.log", 8),
                ),
            ],
            inventory: Inventory::default(),
            charts: None,
            machine: None,
            window: None,
        }
    }

    fn lines(r: &Report) -> Vec<Value> {
        render(r)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn lines_carry_machine_role_times_and_the_cause() {
        let l = lines(&report("2024-06-12T08:00:00Z"));
        assert_eq!(l.len(), 3);
        assert_eq!(l[0]["kind"], "finding");
        assert_eq!(l[0]["machine"], "wsus01.corp.example");
        // The machine list names it WSUS01: the same machine, so its role.
        assert_eq!(l[0]["role"], "server");
        assert_eq!(l[0]["symptom"], "iis.503-burst");
        assert_eq!(l[0]["first_time"], "2024-06-11T09:00:00Z");
        assert_eq!(l[0]["last_time"], "2024-06-11T14:17:00Z");
        assert_eq!(l[0]["evidence"][0]["line"], 7);
        assert_eq!(l[1]["machine"], Value::Null);
        assert_eq!(l[1]["role"], Value::Null);
        assert_eq!(l[1]["first_time"], Value::Null);
        assert_eq!(l[2]["kind"], "cause");
        assert_eq!(l[2]["id"], "wsuspool-memory");
        assert_eq!(l[2]["affected"], serde_json::json!(["PC-0001"]));
        assert_eq!(l[2]["first_fix"]["title"], "Raise the limit.");
        assert_eq!(l[2]["first_fix"]["commands"][0]["shell"], "cmd");
    }

    #[test]
    fn the_run_id_is_one_per_run_and_follows_its_time_and_inputs() {
        let a = report("2024-06-12T08:00:00Z");
        let id = run_id(&a);
        assert_eq!(id.len(), 32);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert!(lines(&a).iter().all(|l| l["run_id"] == id.as_str()));
        assert_eq!(run_id(&a.clone()), id);
        assert_ne!(run_id(&report("2024-06-12T08:00:01Z")), id);
        let mut other = a;
        other.inputs.push("more".into());
        assert_ne!(run_id(&other), id);
    }

    #[test]
    fn locations_keep_file_and_line_and_the_whole_reference() {
        let l = Location::of(&EvidenceRef::line("server/u_ex240611.log", 42));
        assert_eq!(l.file.as_deref(), Some("server/u_ex240611.log"));
        assert_eq!(l.line, Some(42));
        assert_eq!(l.at, "server/u_ex240611.log:42");
        let live = Location::of(&EvidenceRef::Live {
            source: "service control manager".into(),
        });
        assert_eq!((live.file, live.line), (None, None));
        assert_eq!(live.at, "live: service control manager");
    }
}
