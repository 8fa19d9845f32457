//! Which machine a piece of evidence, a finding or a cause belongs to.

use serde::Serialize;
use std::fmt;

/// A machine's name as its evidence states it (the `collect` manifest, the registry's
/// ComputerName, `ipconfig /all`'s Host Name, an event record's `Computer`, an IIS log's
/// `s-computername`), or, when no evidence names it, the folder or archive its files came from.
/// Names compare without regard to case, as Windows compares computer names.
#[derive(Debug, Clone, Serialize, PartialOrd, Ord)]
#[serde(transparent)]
pub struct MachineName(String);

impl MachineName {
    pub fn new(name: impl Into<String>) -> MachineName {
        MachineName(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the name is the folder or archive path the machine's files came from, because no
    /// evidence states one.
    pub fn is_path(&self) -> bool {
        self.0.contains(['/', '\\'])
    }

    /// The key two names of the same machine share: upper case, without a DNS suffix
    /// (`wsus01.corp.example` and `WSUS01` are one machine). A name taken from a folder or
    /// archive is a path, whose dots are no DNS suffix (`cases/2024.12/PC-1` and
    /// `cases/2024.12/PC-2` are two machines).
    pub fn key(&self) -> String {
        if self.is_path() {
            return self.0.to_ascii_uppercase();
        }
        let short = self.0.split('.').next().unwrap_or(&self.0);
        short.to_ascii_uppercase()
    }
}

impl PartialEq for MachineName {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for MachineName {}

impl std::hash::Hash for MachineName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl fmt::Display for MachineName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_one_machine_are_equal_whatever_the_case_or_dns_suffix() {
        assert_eq!(
            MachineName::new("wsus01.corp.example"),
            MachineName::new("WSUS01")
        );
        assert_ne!(MachineName::new("WSUS01"), MachineName::new("WSUS02"));
        assert_eq!(MachineName::new("pc-0142").to_string(), "pc-0142");
    }

    #[test]
    fn dots_in_a_folder_path_are_no_dns_suffix() {
        assert_ne!(
            MachineName::new("/tmp/case.Kgi7/clients/timeouts"),
            MachineName::new("/tmp/case.Kgi7/clients/healthy")
        );
        assert_ne!(
            MachineName::new(r"D:\cases\2024.12\PC-1"),
            MachineName::new(r"D:\cases\2024.12\PC-2")
        );
        assert_eq!(
            MachineName::new("cases/2024.12/PC-1"),
            MachineName::new("CASES/2024.12/pc-1")
        );
    }
}
