//! Win32 error codes as IIS writes them in `sc-win32-status` (decimal). Names and messages are
//! from winerror.h; the WSUS readings are heuristics and say so.

use super::{Entry, Table};

const fn row(code: &'static str, name: &'static str, sources: &'static [&'static str]) -> Entry {
    Entry {
        table: Table::Win32,
        code,
        name,
        sources,
    }
}

const W: &[&str] = &["WINERROR-H"];

#[rustfmt::skip]
pub(crate) const TABLE: &[Entry] = &[
    row("0", "ERROR_SUCCESS", W),
    row("2", "ERROR_FILE_NOT_FOUND", W),
    row("5", "ERROR_ACCESS_DENIED", &["WINERROR-H", "WSUS-HEALTH"]),
    row("50", "ERROR_NOT_SUPPORTED", &["WINERROR-H", "KB2737219"]),
    row("64", "ERROR_NETNAME_DELETED", W),
    row("121", "ERROR_SEM_TIMEOUT", W),
    row("995", "ERROR_OPERATION_ABORTED", W),
    row("1236", "ERROR_CONNECTION_ABORTED", W),
    row("1326", "ERROR_LOGON_FAILURE", W),
];

pub fn lookup(code: u64) -> Option<&'static Entry> {
    let c = code.to_string();
    TABLE.iter().find(|e| e.code == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_win32_code_reads_in_japanese() {
        use crate::i18n::Lang;
        let e = lookup(64).unwrap();
        assert_eq!(
            e.meaning().local(Lang::Ja),
            "指定されたネットワーク名は利用できません。"
        );
        assert!(e.wsus().local(Lang::Ja).ends_with("(経験則)。"));
    }

    #[test]
    fn table_is_sorted_and_unique() {
        for w in TABLE.windows(2) {
            assert!(w[0].code.parse::<u64>().unwrap() < w[1].code.parse::<u64>().unwrap());
        }
    }
}
