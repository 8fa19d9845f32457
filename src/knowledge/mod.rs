//! What codes mean, in one place, each row with its source. `wsus-doctor explain` and the checks
//! read the same rows, so the report and the explanation never disagree.
//!
//! Source ids (`KB4025764`, `A6`, ...) resolve through [`sources`]; rows whose WSUS reading is a
//! heuristic say so in their text rather than presenting it as Microsoft's statement.

pub mod events;

pub mod hresult;
pub mod http_status;
pub mod httperr_reason;
pub mod remedy;
pub mod scan_status;
pub mod sources;
pub mod win32;
pub mod wsus;

/// One row of a code table. Its sentences (what the code means, what it means for WSUS) are in
/// the `knowledge` catalogue under ids built from the table and the code, so each reader gets
/// them in their own language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub table: Table,
    /// The code as people write it (`503`, `403.16`, `0x80072EE2`, `QueueFull`, `64`).
    pub code: &'static str,
    /// The symbolic name, where there is one (`ERROR_WINHTTP_TIMEOUT`).
    pub name: &'static str,
    /// Source ids from [`sources`].
    pub sources: &'static [&'static str],
}

/// The code tables whose rows are [`Entry`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Hresult,
    HttpStatus,
    HttperrReason,
    Win32,
}

impl Table {
    fn prefix(self) -> &'static str {
        match self {
            Table::Hresult => "hresult",
            Table::HttpStatus => "http-status",
            Table::HttperrReason => "httperr-reason",
            Table::Win32 => "win32",
        }
    }
}

impl Entry {
    /// The message id of one of the row's sentences: `hresult-80072EE2-meaning`. Fluent ids
    /// take neither `.` nor `/`, which sub-statuses (`403.16`) and reasons (`N/A`) hold.
    fn message_id(&self, part: &str) -> String {
        let code = self.code.trim_start_matches("0x").replace(['.', '/'], "-");
        format!("{}-{code}-{part}", self.table.prefix())
    }

    /// What the code means in general.
    pub fn meaning(&self) -> Text {
        Text::new(self.message_id("meaning"), vec![])
    }

    /// What it means for WSUS and what to do; empty when nothing specific.
    pub fn wsus(&self) -> Text {
        optional_message(self.message_id("wsus"))
    }
}

/// The message, or no text when the catalogue has none (a row with nothing specific to say).
fn optional_message(id: String) -> Text {
    if crate::i18n::has(crate::i18n::Lang::En, &id) {
        Text::new(id, vec![])
    } else {
        Text::default()
    }
}

use crate::i18n::Text;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{ids, Lang};
    use std::collections::BTreeSet;

    fn rows() -> impl Iterator<Item = &'static Entry> {
        hresult::TABLE
            .iter()
            .chain(http_status::TABLE)
            .chain(httperr_reason::TABLE)
            .chain(win32::TABLE)
    }

    /// The ids are built at run time, out of sight of the test that reads `tr!` in the sources:
    /// every row's meaning is in both catalogues, and every knowledge message belongs to a row.
    #[test]
    fn every_row_has_its_sentences_in_both_catalogues_and_no_sentence_lacks_a_row() {
        let mut built = BTreeSet::new();
        for e in rows() {
            built.insert(e.message_id("meaning"));
            built.insert(e.message_id("wsus"));
        }
        for e in events::TABLE {
            built.insert(e.message_id("meaning"));
            built.insert(e.message_id("wsus"));
        }
        for lang in Lang::ALL {
            let catalogue: BTreeSet<String> = ids(lang).into_iter().collect();
            for e in rows() {
                let id = e.message_id("meaning");
                assert!(catalogue.contains(&id), "{id} missing in {}", lang.tag());
            }
            for e in events::TABLE {
                let id = e.message_id("meaning");
                assert!(catalogue.contains(&id), "{id} missing in {}", lang.tag());
            }
            let prefixes = [
                "hresult-",
                "http-status-",
                "httperr-reason-",
                "win32-",
                "event-",
            ];
            for id in &catalogue {
                let knowledge = prefixes.iter().any(|p| id.starts_with(p))
                    && (id.ends_with("-meaning") || id.ends_with("-wsus"));
                assert!(
                    !knowledge || built.contains(id),
                    "{id} ({}) names no row",
                    lang.tag()
                );
            }
        }
    }

    #[test]
    fn a_row_reads_in_each_language() {
        let e = hresult::lookup(0x80072EE2).unwrap();
        assert_eq!(&*e.meaning(), "The operation timed out (WinHTTP 12002).");
        assert_eq!(
            e.meaning().local(Lang::Ja),
            "操作がタイムアウトしました (WinHTTP 12002)。"
        );
        assert!(e.wsus().local(Lang::Ja).contains("WsusPool"));
        let quiet = hresult::lookup(0x80070005).unwrap();
        assert!(quiet.wsus().is_empty());
        assert_eq!(quiet.wsus().local(Lang::Ja), "");
    }
}
