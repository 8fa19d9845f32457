//! Installed updates: `Get-HotFix` tables and `wmic qfe list` (`full` or `brief`), both
//! fixed-width columns under a header line that names `HotFixID`. Each row with a `KB` number is
//! one record.

use super::lines::{decode, LineReader};
use super::ParseStats;
use std::io::{self, BufRead};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hotfix {
    /// `KB4039396`, upper-cased.
    pub id: String,
    pub description: Option<String>,
    /// As written (`9/20/2017`, `1/10/2024 12:00:00 AM`).
    pub installed_on: Option<String>,
    pub line: u64,
}

/// Column starts by name, from the header line (char offsets).
fn columns(header: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in header.chars().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((header.chars().skip(s).take(i - s).collect(), s));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((header.chars().skip(s).collect(), s));
    }
    out
}

fn cell(row: &[char], cols: &[(String, usize)], name: &str) -> Option<String> {
    let i = cols
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case(name))?;
    let start = cols.get(i)?.1;
    let end = cols.get(i + 1).map_or(row.len(), |c| c.1).min(row.len());
    if start >= end {
        return None;
    }
    let v: String = row.get(start..end)?.iter().collect();
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

fn is_kb(word: &str) -> bool {
    let w = word.as_bytes();
    w.len() > 2 && w[..2].eq_ignore_ascii_case(b"KB") && w[2..].iter().all(u8::is_ascii_digit)
}

pub fn parse(
    reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(Hotfix),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
    let mut cols: Vec<(String, usize)> = Vec::new();
    let mut listed: Option<Hotfix> = None;
    // Updates in file order, from either layout.
    let mut rows: Vec<Hotfix> = Vec::new();
    let flush = |listed: &mut Option<Hotfix>, stats: &mut ParseStats, rows: &mut Vec<Hotfix>| {
        if let Some(h) = listed.take().filter(|h| is_kb(&h.id)) {
            stats.records += 1;
            rows.push(h);
        }
    };
    while let Some(line) = lines.next_line()? {
        let text = decode(line.bytes);
        let t = text.trim_start_matches('\u{feff}').trim_end();
        if t.trim().is_empty() {
            flush(&mut listed, stats, &mut rows);
            continue;
        }
        if t.trim_start().starts_with("---") {
            continue;
        }
        if let Some((key, value)) = list_field(t) {
            let h = listed.get_or_insert_with(|| Hotfix {
                id: String::new(),
                description: None,
                installed_on: None,
                line: line.number,
            });
            let value = (!value.is_empty()).then(|| value.to_string());
            match key {
                "HotFixID" => {
                    h.id = value.unwrap_or_default().to_ascii_uppercase();
                    h.line = line.number;
                }
                "Description" => h.description = value,
                "InstalledOn" => h.installed_on = value,
                _ => {}
            }
            continue;
        }
        if t.contains("HotFixID") {
            cols = columns(t);
            continue;
        }
        let Some(kb) = t.split_whitespace().find(|w| is_kb(w)) else {
            if !cols.is_empty() {
                stats.malformed(
                    line.number,
                    || crate::tr!("malformed-hotfix-no-kb"),
                    line.bytes,
                );
            }
            continue;
        };
        stats.records += 1;
        let row: Vec<char> = t.chars().collect();
        rows.push(Hotfix {
            id: kb.to_ascii_uppercase(),
            description: cell(&row, &cols, "Description"),
            installed_on: cell(&row, &cols, "InstalledOn"),
            line: line.number,
        });
    }
    flush(&mut listed, stats, &mut rows);
    rows.into_iter().for_each(&mut sink);
    Ok(())
}

/// `HotFixID=KB4039396` (wmic list full) or `HotFixID    : KB4039396` (Format-List).
fn list_field(t: &str) -> Option<(&str, &str)> {
    let t = t.trim();
    let split = t.find(['=', ':'])?;
    let key = t[..split].trim();
    // Only the fields these layouts print: a table row also has ':' (in `http://` captions and
    // times) but never after one of these names.
    const FIELDS: &[&str] = &[
        "Caption",
        "CSName",
        "Description",
        "FixComments",
        "HotFixID",
        "InstallDate",
        "InstalledBy",
        "InstalledOn",
        "Name",
        "ServicePackInEffect",
        "Status",
        "Source",
        "PSComputerName",
    ];
    FIELDS.contains(&key).then(|| (key, t[split + 1..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Hotfix> {
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |h| out.push(h)).unwrap();
        out
    }

    #[test]
    fn list_layouts() {
        let full = run("\r\n\r\nCaption=http://support.microsoft.com/?kbid=4039396\r\nCSName=WSUS02\r\nDescription=Security Update\r\nFixComments=\r\nHotFixID=KB4039396\r\nInstallDate=\r\nInstalledBy=NT AUTHORITY\\SYSTEM\r\nInstalledOn=9/20/2017\r\n\r\n\r\nCaption=\r\nHotFixID=KB3199986\r\n");
        assert_eq!(full.len(), 2);
        assert_eq!(full[0].id, "KB4039396");
        assert_eq!(full[0].installed_on.as_deref(), Some("9/20/2017"));
        assert_eq!(full[0].line, 7);
        let fl = run("\r\nSource      : WSUS02\r\nDescription : Update\r\nHotFixID    : KB5034439\r\nInstalledBy : NT AUTHORITY\\SYSTEM\r\nInstalledOn : 1/10/2024 12:00:00 AM\r\n");
        assert_eq!(fl[0].id, "KB5034439");
        assert_eq!(fl[0].installed_on.as_deref(), Some("1/10/2024 12:00:00 AM"));
    }

    #[test]
    fn get_hotfix_and_wmic() {
        let ps = run("\r\nSource        Description      HotFixID      InstalledBy          InstalledOn\r\n------        -----------      --------      -----------          -----------\r\nWSUS01        Update           KB5034439     NT AUTHORITY\\SYSTEM  1/10/2024 12:00:00 AM\r\n");
        assert_eq!(ps[0].id, "KB5034439");
        assert_eq!(ps[0].installed_on.as_deref(), Some("1/10/2024 12:00:00 AM"));
        let wmic = run("Description      FixComments  HotFixID   InstallDate  InstalledBy          InstalledOn  Name  ServicePackInEffect  Status\r\nSecurity Update               KB4039396               NT AUTHORITY\\SYSTEM  9/20/2017\r\n");
        assert_eq!(wmic[0].id, "KB4039396");
        assert_eq!(wmic[0].description.as_deref(), Some("Security Update"));
        assert_eq!(wmic[0].installed_on.as_deref(), Some("9/20/2017"));
        let with_caption = run("Caption                                     CSName  Description  HotFixID   InstalledOn\r\nhttp://support.microsoft.com/?kbid=2919355  WSUS03  Update       KB2919355  3/18/2014\r\n");
        assert_eq!(with_caption[0].id, "KB2919355");
        assert_eq!(with_caption[0].installed_on.as_deref(), Some("3/18/2014"));
    }
}
