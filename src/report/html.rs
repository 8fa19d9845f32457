//! The self-contained HTML report: one file, no external scripts, styles, fonts or images, so it
//! can be mailed, archived and opened offline. A Content-Security-Policy forbids every fetch.
//!
//! The page is a minijinja template (`templates/report.html`, HTML autoescaping on, so every
//! text from the evidence is escaped by default) over a view built here; the charts are inline SVG
//! written by [`charts`]. It reads the same way as the terminal report: diagnosis first, then the
//! checks grouped by the stages of the guide, then the timeline and the inventory. It works with
//! JavaScript disabled (the one script only filters the timeline table) and prints without
//! hidden content.

mod charts;

use super::{Mode, Report};
use crate::finding::Stage;
use crate::finding::{Finding, Status};
use crate::values::EvidenceRef;
use minijinja::{syntax::SyntaxConfig, Environment, UndefinedBehavior, Value};
use serde::Serialize;

const TEMPLATE: &str = include_str!("templates/report.html");
const STYLE: &str = include_str!("templates/report.css");
const SCRIPT: &str = include_str!("templates/report.js");

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes a path or registry key and marks the places after its separators where a line may
/// break, so that a narrow column breaks `C:\inetpub\logs\` between folders, not inside a name.
fn breakable(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        let mut one = [0u8; 4];
        out.push_str(&escape(c.encode_utf8(&mut one)));
        if matches!(c, '/' | '\\') {
            out.push_str("<wbr>");
        }
    }
    out
}

/// Renders the report as one HTML page.
pub fn render(report: &Report) -> String {
    match render_page(report) {
        Ok(page) => page,
        // The template is embedded and covered by tests, so this is a bug; still give a page.
        Err(e) => format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>wsus-doctor report</title></head><body><h1>wsus-doctor could not render the HTML report</h1><p>{}</p><p>The text and JSON reports (--format text, --format json) hold the same findings.</p></body></html>\n",
            escape(&format!("{e:#}"))
        ),
    }
}

fn render_page(report: &Report) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()?,
    );
    // A misspelt field fails the render (and the tests) instead of printing nothing.
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.add_filter("breakable", |s: String| {
        Value::from_safe_string(breakable(&s))
    });
    let lang = report.lang;
    // `t("id", name=value)`: the page's own words in the report's language.
    env.add_function(
        "t",
        move |id: String, kwargs: minijinja::value::Kwargs| -> Result<String, minijinja::Error> {
            let mut args = Vec::new();
            for name in kwargs.args() {
                let value: Value = kwargs.get(name)?;
                let arg = match value.as_i64() {
                    Some(n) => crate::i18n::Arg::Int(n),
                    None => crate::i18n::Arg::Str(value.to_string()),
                };
                args.push((name.to_string(), arg));
            }
            let text = crate::i18n::lookup(lang, &id, &args)
                .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e));
            drop(args);
            kwargs.assert_all_used()?;
            text
        },
    );
    env.add_template("report.html", TEMPLATE)?;
    // The template prints the report's texts as they are: here, in the report's language.
    let localized = report.localized();
    let report = &localized;
    let page = Page::of(report);
    env.get_template("report.html")?
        .render(Value::from(minijinja::value::Serde(&page)))
}

/// Everything the template shows, prepared so that the template only lays it out.
#[derive(Serialize)]
struct Page<'a> {
    report: &'a Report,
    mode: String,
    style: &'static str,
    script: &'static str,
    evidence: EvidenceCounts,
    stages: Vec<StageView<'a>>,
    per_minute: charts::Chart,
    bursts: &'a [super::charts::BurstSpan],
    endpoints: charts::Chart,
    timeline_chart: charts::Chart,
    timeline_hosts: Vec<&'a str>,
    timeline_sides: Vec<&'a str>,
    inventory: Vec<InventoryRow<'a>>,
}

#[derive(Serialize)]
struct EvidenceCounts {
    files: usize,
    unknown: usize,
    errors: usize,
    malformed: u64,
}

#[derive(Serialize)]
struct StageView<'a> {
    anchor: String,
    title: String,
    /// Findings that ran, in report order.
    findings: Vec<FindingView<'a>>,
    /// Skipped checks, listed compactly after the others.
    skipped: Vec<FindingView<'a>>,
    worst: &'static str,
}

#[derive(Serialize)]
struct FindingView<'a> {
    f: &'a Finding,
    anchor: String,
    evidence: Vec<EvidenceView<'a>>,
}

#[derive(Serialize)]
struct EvidenceView<'a> {
    /// `file`, `registry`, `event`, `probe` or `live`.
    kind: &'static str,
    location: String,
    excerpt: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct InventoryRow<'a> {
    path: &'a str,
    kind: Option<&'static str>,
    kind_description: Option<String>,
    recognised_by: &'a str,
    encoding: Option<&'a str>,
    encoding_reason: Option<&'a str>,
    size_text: String,
    records: u64,
    malformed: u64,
    malformed_examples: &'a [crate::parsers::Malformed],
    first_time: Option<String>,
    last_time: Option<String>,
    notes: Vec<&'a str>,
    error: Option<&'a str>,
}

/// A file size the way people read it: `812 bytes`, `48.2 KB`, `1.4 MB` (decimal units).
fn size_text(bytes: u64) -> String {
    const UNITS: &[&str] = &["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} byte{}", if bytes == 1 { "" } else { "s" });
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS.get(unit).unwrap_or(&"TB"))
}

fn evidence_kind(r: &EvidenceRef) -> &'static str {
    match r {
        EvidenceRef::File { .. } => "file",
        EvidenceRef::Registry { .. } => "registry",
        EvidenceRef::Event { .. } => "event",
        EvidenceRef::Probe { .. } => "probe",
        EvidenceRef::Live { .. } => "live",
    }
}

impl<'a> Page<'a> {
    fn of(report: &'a Report) -> Page<'a> {
        let files = &report.inventory.files;
        let mut hosts: Vec<&str> = report
            .timeline
            .iter()
            .filter_map(|e| e.host.as_deref())
            .collect();
        hosts.sort_unstable();
        hosts.dedup();
        let mut sides: Vec<&str> = report.timeline.iter().map(|e| e.side.as_str()).collect();
        sides.sort_unstable();
        sides.dedup();
        Page {
            report,
            mode: match report.mode {
                Mode::Offline => crate::tr!("html-mode-offline"),
                Mode::Live => crate::tr!("report-mode-live"),
                Mode::Probe => crate::tr!("report-mode-probe"),
            }
            .local(report.lang)
            .into_owned(),
            style: STYLE,
            script: SCRIPT,
            evidence: EvidenceCounts {
                files: files.len(),
                unknown: files.iter().filter(|f| f.kind.is_none()).count(),
                errors: files.iter().filter(|f| f.error.is_some()).count(),
                malformed: files.iter().map(|f| f.malformed).sum(),
            },
            stages: stages(&report.findings, report.lang),
            per_minute: charts::per_minute(report),
            bursts: charts::bursts(report),
            endpoints: charts::status_by_endpoint(report),
            timeline_chart: charts::timeline(report),
            timeline_hosts: hosts,
            timeline_sides: sides,
            inventory: files
                .iter()
                .map(|f| InventoryRow {
                    path: &f.path,
                    kind: f.kind.map(|k| k.name()),
                    kind_description: f
                        .kind
                        .map(|k| k.description().local(report.lang).into_owned()),
                    recognised_by: &f.recognised_by,
                    encoding: f.encoding.as_deref(),
                    encoding_reason: f.encoding_reason.as_deref(),
                    size_text: size_text(f.size),
                    records: f.records,
                    malformed: f.malformed,
                    malformed_examples: &f.malformed_examples,
                    first_time: f.first_time.map(|t| t.to_string()),
                    last_time: f.last_time.map(|t| t.to_string()),
                    notes: f.notes.iter().map(|n| n.en()).collect(),
                    error: f.error.as_deref(),
                })
                .collect(),
        }
    }
}

/// A finding with its position in the report (for its anchor).
type Numbered<'a> = (usize, &'a Finding);

/// Groups findings by their stages, in the guide's order.
fn stages(findings: &[Finding], lang: crate::i18n::Lang) -> Vec<StageView<'_>> {
    let mut groups: Vec<(Stage, Vec<Numbered>)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        match groups.iter_mut().find(|(s, _)| *s == f.check.stage()) {
            Some((_, members)) => members.push((i, f)),
            None => groups.push((f.check.stage(), vec![(i, f)])),
        }
    }
    groups.sort_by_key(|(s, _)| *s);
    groups
        .into_iter()
        .map(|(stage, members)| {
            let worst = members
                .iter()
                .map(|(_, f)| f.status)
                .min()
                .unwrap_or(Status::Skipped);
            let (skipped, ran): (Vec<_>, Vec<_>) = members
                .into_iter()
                .partition(|(_, f)| f.status == Status::Skipped);
            StageView {
                anchor: format!("stage-{}", stage_slug(stage)),
                title: stage.title().local(lang).into_owned(),
                findings: ran.into_iter().map(finding_view).collect(),
                skipped: skipped.into_iter().map(finding_view).collect(),
                worst: worst.label(),
            }
        })
        .collect()
}

fn finding_view((index, f): Numbered<'_>) -> FindingView<'_> {
    FindingView {
        f,
        anchor: format!("finding-{}", index + 1),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceView {
                kind: evidence_kind(&e.location),
                location: e.location.to_string(),
                excerpt: e.excerpt.as_deref(),
                note: e.note.as_deref(),
            })
            .collect(),
    }
}

/// The stage's stable kebab-case name, as its serde form writes it.
fn stage_slug(s: Stage) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_break_after_their_separators_only() {
        assert_eq!(
            super::breakable(r"C:\inetpub\logs\u_ex<1>.log"),
            r"C:\<wbr>inetpub\<wbr>logs\<wbr>u_ex&lt;1&gt;.log"
        );
        assert_eq!(super::breakable("a/b"), "a/<wbr>b");
    }

    use super::*;
    use crate::finding::CheckId;
    use crate::report::{Inventory, Side, Summary, ToolInfo};

    fn report(findings: Vec<Finding>) -> Report {
        Report {
            schema: crate::report::SCHEMA,
            machines: Vec::new(),
            tool: ToolInfo {
                name: "wsus-doctor",
                version: "0.0.0",
            },
            generated_at: "2024-03-05T10:00:00Z".into(),
            lang: crate::i18n::Lang::En,
            mode: Mode::Offline,
            inputs: vec!["bundle".into()],
            diagnosis: Vec::new(),
            summary: Summary::of(&findings),
            findings,
            timeline: Vec::new(),
            inventory: Inventory::default(),
            charts: None,
            machine: None,
            window: None,
        }
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size_text(1), "1 byte");
        assert_eq!(size_text(999), "999 bytes");
        assert_eq!(size_text(48_211), "48.2 KB");
        assert_eq!(size_text(1_482_113), "1.5 MB");
        assert_eq!(size_text(999_999), "1.0 MB");
        assert_eq!(size_text(u64::MAX), "18446744.1 TB");
    }

    #[test]
    fn text_from_the_evidence_is_escaped() {
        let f = Finding::new(
            CheckId::ServerIisLog,
            Status::Fail,
            "<script>alert(1)</script>",
        )
        .summary("a & b");
        let html = render(&report(vec![f]));
        assert!(!html.contains("<script>alert(1)"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;"));
        assert!(html.contains("a &amp; b"));
    }

    #[test]
    fn stages_follow_the_guide() {
        let findings = vec![
            Finding::new(CheckId::ProbeDns, Status::Pass, "resolves"),
            Finding::new(CheckId::ServerServices, Status::Fail, "stopped"),
            Finding::skipped(
                CheckId::ServerServices,
                "WSUS and IIS services",
                "no service list among the evidence",
            ),
        ];
        let s = stages(&findings, crate::i18n::Lang::En);
        let titles: Vec<&str> = s.iter().map(|v| v.title.as_str()).collect();
        assert_eq!(titles, ["Services", "Network probe"]);
        assert_eq!(s[0].findings.len(), 1);
        assert_eq!(s[0].skipped.len(), 1);
        assert_eq!(s[0].worst, "fail");
        assert_eq!(s[0].anchor, "stage-services");
    }

    #[test]
    fn missing_chart_data_says_why() {
        let html = render(&report(Vec::new()));
        assert!(html.contains("there is no IIS log among the evidence"));
        assert!(!html.contains("<svg class=\"chart\""));
        assert!(html.contains("id=\"diagnosis\""));
        assert!(html.contains("No check had the evidence it needs"));
    }

    #[test]
    fn long_logs_are_summed_into_wider_buckets() {
        let mut r = report(Vec::new());
        // Three days of minutes: 4320 points become 720 buckets of 6 minutes.
        let start = jiff::Timestamp::from_second(1_709_600_400).unwrap();
        let minutes: Vec<String> = (0..4320)
            .map(|i| crate::values::time::format_utc(start + jiff::SignedDuration::from_mins(i)))
            .collect();
        let total = vec![10u64; minutes.len()];
        r.charts = Some(crate::report::charts::Charts {
            iis_per_minute: crate::report::charts::PerMinute {
                minutes,
                total,
                ..Default::default()
            },
            ..Default::default()
        });
        let chart = charts::per_minute(&r);
        assert!(chart.caption.contains("per 6 minutes"), "{}", chart.caption);
        assert!(
            chart.caption.contains("43200 requests"),
            "{}",
            chart.caption
        );
        let svg = chart.svg.unwrap();
        assert_eq!(svg.matches('Z').count(), 720, "one bar per bucket");
        // Ticks carry the date when the span crosses midnight.
        assert!(svg.contains(">03-06 00:00<"), "{svg}");
    }

    #[test]
    fn events_without_a_readable_time_stay_out_of_the_chart() {
        let mut r = report(Vec::new());
        let event = |time: &str| crate::report::TimelineEvent {
            machine: None,
            time: time.into(),
            assumed_zone: false,
            end: None,
            side: Side::Client,
            host: None,
            what: "scan failed".into(),
            check: CheckId::ClientWuLog,
            location: EvidenceRef::line("WindowsUpdate.log", 3),
        };
        r.timeline = vec![event("2024-03-05T09:14:03Z"), event("yesterday")];
        let chart = charts::timeline(&r);
        assert!(chart.caption.contains("1 event has no readable time"));
        r.timeline = vec![event("yesterday")];
        assert!(charts::timeline(&r).svg.is_none());
    }
}
