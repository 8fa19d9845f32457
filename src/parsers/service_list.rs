//! `Get-Service | ConvertTo-Json` (an array, or one object; `Status` and `StartType` as numbers
//! or names) and `Get-Service | Export-Csv` (with or without the `#TYPE` line) output.

use super::ParseStats;
use crate::values::{RunState, StartType};

/// One service row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListedService {
    pub name: String,
    pub display_name: Option<String>,
    pub state: RunState,
    pub start_type: Option<StartType>,
    pub line: u64,
}

fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The 1-based line of the first occurrence of `needle` at or after byte `from`.
fn line_at(text: &str, from: usize, needle: &str) -> (u64, usize) {
    match text.get(from..).and_then(|t| t.find(needle)) {
        Some(p) => {
            let at = from + p;
            let line = text.as_bytes()[..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1;
            (line, at + needle.len())
        }
        None => (0, from),
    }
}

/// Parses the whole text (JSON or CSV, decided by its first character).
pub fn parse(text: &str, stats: &mut ParseStats, mut sink: impl FnMut(ListedService)) {
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        parse_json(text, stats, &mut sink);
    } else {
        parse_csv(text, stats, &mut sink);
    }
}

fn parse_json(text: &str, stats: &mut ParseStats, sink: &mut impl FnMut(ListedService)) {
    let value: serde_json::Value = match serde_json::from_str(text.trim()) {
        Ok(v) => v,
        Err(e) => {
            stats.malformed(
                e.line() as u64,
                || crate::tr!("malformed-json", error = e.to_string()),
                b"",
            );
            return;
        }
    };
    let items = match value {
        serde_json::Value::Array(a) => a,
        other => vec![other],
    };
    let mut cursor = 0;
    for (i, item) in items.iter().enumerate() {
        let name = item
            .get("Name")
            .or_else(|| item.get("ServiceName"))
            .and_then(json_text);
        let Some(name) = name else {
            stats.malformed(i as u64 + 1, || crate::tr!("malformed-service-object"), b"");
            continue;
        };
        let (line, next) = line_at(text, cursor, &format!("\"{name}\""));
        cursor = next;
        stats.records += 1;
        sink(ListedService {
            display_name: item.get("DisplayName").and_then(json_text),
            state: item
                .get("Status")
                .and_then(json_text)
                .map_or(RunState::Unknown, |s| RunState::parse(&s)),
            start_type: item
                .get("StartType")
                .and_then(json_text)
                .map(|s| StartType::parse(&s)),
            name,
            line,
        });
    }
}

fn parse_csv(text: &str, stats: &mut ParseStats, sink: &mut impl FnMut(ListedService)) {
    let mut header: Option<Vec<String>> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = i as u64 + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with("#TYPE") {
            continue;
        }
        let fields = super::lines::delimited_fields(line, ',');
        let Some(cols) = &header else {
            header = Some(fields);
            continue;
        };
        let get = |name: &str| {
            cols.iter()
                .position(|c| c.eq_ignore_ascii_case(name))
                .and_then(|p| fields.get(p))
                .filter(|v| !v.is_empty())
                .cloned()
        };
        let Some(name) = get("Name").or_else(|| get("ServiceName")) else {
            stats.malformed(
                number,
                || crate::tr!("malformed-service-row"),
                line.as_bytes(),
            );
            continue;
        };
        stats.records += 1;
        sink(ListedService {
            name,
            display_name: get("DisplayName"),
            state: get("Status").map_or(RunState::Unknown, |s| RunState::parse(&s)),
            start_type: get("StartType").map(|s| StartType::parse(&s)),
            line: number,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<ListedService> {
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text, &mut stats, |s| out.push(s));
        out
    }

    #[test]
    fn json_numbers_and_names() {
        let out = run("[\r\n  {\r\n    \"Name\": \"W3SVC\",\r\n    \"ServiceName\": \"W3SVC\",\r\n    \"DisplayName\": \"World Wide Web Publishing Service\",\r\n    \"Status\": 4,\r\n    \"StartType\": 2\r\n  },\r\n  {\r\n    \"Name\": \"WsusService\",\r\n    \"DisplayName\": \"WSUS Service\",\r\n    \"Status\": \"Stopped\",\r\n    \"StartType\": \"Disabled\"\r\n  }\r\n]");
        assert_eq!(out[0].state, RunState::Running);
        assert_eq!(out[0].start_type, Some(StartType::Automatic));
        assert_eq!(out[0].line, 3);
        assert_eq!(out[1].state, RunState::Stopped);
        assert_eq!(out[1].start_type, Some(StartType::Disabled));
        assert_eq!(out[1].line, 10);
    }

    #[test]
    fn csv_with_and_without_type_line() {
        let csv = "\"Name\",\"DisplayName\",\"Status\",\"StartType\"\r\n\"WsusService\",\"WSUS Service\",\"Running\",\"Automatic\"\r\n";
        let a = run(&format!(
            "#TYPE System.ServiceProcess.ServiceController\r\n{csv}"
        ));
        let b = run(csv);
        assert_eq!(a[0].state, RunState::Running);
        assert_eq!(a[0].line, 3);
        assert_eq!(b[0].name, "WsusService");
        assert_eq!(b[0].line, 2);
    }
}
