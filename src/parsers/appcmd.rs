//! `appcmd list site` and `appcmd list apppool` output: one object a line,
//! `SITE "WSUS Administration" (id:1572271583,bindings:http/*:8530:,https/*:8531:,state:Started)`
//! and `APPPOOL "WsusPool" (MgdVersion:v4.0,MgdMode:Integrated,state:Stopped)`. These give the
//! runtime state, which applicationHost.config does not hold.

use super::lines::{decode, LineReader};
use super::ParseStats;
use crate::values::iis::ObjectState;
use serde::Serialize;
use std::io::{self, BufRead};

/// One `SITE` or `APPPOOL` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppcmdObject {
    /// `SITE` or `APPPOOL`.
    pub object: String,
    pub name: String,
    pub id: Option<u64>,
    /// `protocol/ip:port:host` entries (sites).
    pub bindings: Vec<String>,
    pub state: Option<ObjectState>,
    pub line: u64,
}

pub fn parse(
    reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(AppcmdObject),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
    while let Some(line) = lines.next_line()? {
        let text = decode(line.bytes);
        let t = text.trim_start_matches('\u{feff}').trim();
        if t.is_empty() {
            continue;
        }
        match parse_line(t, line.number) {
            Some(o) => {
                stats.records += 1;
                sink(o);
            }
            None => stats.malformed(
                line.number,
                || crate::tr!("malformed-appcmd-line"),
                line.bytes,
            ),
        }
    }
    Ok(())
}

fn parse_line(t: &str, number: u64) -> Option<AppcmdObject> {
    let (object, rest) = t.split_once(' ')?;
    if object != "SITE" && object != "APPPOOL" {
        return None;
    }
    let rest = rest.trim_start().strip_prefix('"')?;
    let (name, rest) = rest.split_once('"')?;
    let inner = rest.trim().strip_prefix('(')?.strip_suffix(')')?;
    let mut o = AppcmdObject {
        object: object.to_string(),
        name: name.to_string(),
        id: None,
        bindings: Vec::new(),
        state: None,
        line: number,
    };
    // Bindings contain commas and colons themselves: `bindings:http/*:8530:,https/*:8531:`; a
    // comma-separated item without a known `key:` prefix continues the previous list.
    let mut in_bindings = false;
    for item in inner.split(',') {
        if let Some(v) = item.strip_prefix("id:") {
            o.id = v.trim().parse().ok();
            in_bindings = false;
        } else if let Some(v) = item.strip_prefix("state:") {
            o.state = Some(ObjectState::parse(v));
            in_bindings = false;
        } else if let Some(v) = item.strip_prefix("bindings:") {
            if !v.is_empty() {
                o.bindings.push(v.to_string());
            }
            in_bindings = true;
        } else if in_bindings && item.contains('/') {
            o.bindings.push(item.to_string());
        } else {
            in_bindings = false;
        }
    }
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_and_pools() {
        let text = "SITE \"WSUS Administration\" (id:1572271583,bindings:http/*:8530:,https/*:8531:,state:Started)\r\nAPPPOOL \"WsusPool\" (MgdVersion:v4.0,MgdMode:Integrated,state:Stopped)\r\nnoise\r\n";
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |o| out.push(o)).unwrap();
        assert_eq!(stats.records, 2);
        assert_eq!(stats.malformed, 1);
        assert_eq!(out[0].id, Some(1572271583));
        assert_eq!(out[0].bindings, vec!["http/*:8530:", "https/*:8531:"]);
        assert_eq!(out[0].state, Some(ObjectState::Started));
        assert_eq!(out[1].name, "WsusPool");
        assert_eq!(out[1].state, Some(ObjectState::Stopped));
    }
}
