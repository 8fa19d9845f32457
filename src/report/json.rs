//! The JSON rendering: the report model serialised as is (schema `wsus-doctor/report/v1`, see
//! `schema/report-v1.schema.json` and `docs/report-format.md`).

use super::Report;

pub fn render(report: &Report) -> String {
    let mut s =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
