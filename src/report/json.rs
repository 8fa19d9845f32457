//! The JSON rendering: the report model serialised as is (schema `wsus-doctor/report/v1`, see
//! `schema/report-v1.schema.json` and `docs/report-format.md`). Its texts are English, the
//! language its consumers can rely on; a report made in another language adds each finding's,
//! cause's and timeline event's texts in that language under `localized`.

use super::Report;
use crate::i18n::{Lang, Text};
use serde_json::{json, Map, Value};

pub fn render(report: &Report) -> String {
    let rendered = serde_json::to_value(report).map(|mut v| {
        if report.lang != Lang::En {
            add_localized(report, &mut v);
        }
        v
    });
    let mut s = rendered
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// `{"title": …, "summary": …}` in the report's language, for the texts present.
fn localized<'a>(
    lang: Lang,
    texts: impl IntoIterator<Item = (&'a str, Option<&'a Text>)>,
) -> Value {
    let mut m = Map::new();
    for (key, text) in texts {
        if let Some(t) = text.filter(|t| !t.is_empty()) {
            m.insert(key.to_string(), Value::String(t.local(lang).into_owned()));
        }
    }
    Value::Object(m)
}

fn add_localized(report: &Report, v: &mut Value) {
    let lang = report.lang;
    for (f, out) in report.findings.iter().zip(array(v, "findings")) {
        let mut l = localized(
            lang,
            [
                ("title", Some(&f.title)),
                ("summary", Some(&f.summary)),
                ("reason", f.reason.as_ref()),
                ("explanation", Some(&f.explanation)),
                ("remedy", f.remedy.as_ref().map(|r| &r.text)),
            ],
        );
        let notes: Vec<Value> = f
            .evidence
            .iter()
            .map(|e| match &e.note {
                Some(n) => Value::String(n.local(lang).into_owned()),
                None => Value::Null,
            })
            .collect();
        if notes.iter().any(|n| !n.is_null()) {
            l["evidence_notes"] = Value::Array(notes);
        }
        out["localized"] = l;
    }
    for (c, out) in report.diagnosis.iter().zip(array(v, "diagnosis")) {
        let texts = |list: &[Text]| -> Value {
            list.iter()
                .map(|t| Value::String(t.local(lang).into_owned()))
                .collect()
        };
        let mut l = localized(
            lang,
            [
                ("title", Some(&c.title)),
                ("first_fix", Some(&c.first_fix.text)),
            ],
        );
        l["chain"] = texts(&c.chain);
        l["refuted_by"] = texts(&c.refuted_by);
        l["missing_evidence"] = texts(&c.missing_evidence);
        out["localized"] = l;
    }
    for (e, out) in report.timeline.iter().zip(array(v, "timeline")) {
        out["localized"] = json!({ "what": e.what.local(lang) });
    }
    if let (Some(w), Some(out)) = (&report.window, v.get_mut("window")) {
        out["localized"] = json!({ "summary": w.summary.local(lang) });
    }
}

fn array<'a>(v: &'a mut Value, key: &str) -> impl Iterator<Item = &'a mut Value> {
    v.get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}
