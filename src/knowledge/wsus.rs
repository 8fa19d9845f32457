//! The values Microsoft recommends or WSUS setup writes, each once, with its source. Checks judge
//! the evidence against them and remedies quote them.

/// The private memory limit WSUS setup writes on its pool, in KB (KB4490414, formats.md §3.2).
pub(crate) const SETUP_PRIVATE_MEMORY_KB: u64 = 1_843_200;
/// KB4025764: "increase the private memory limit to 4-8 GB" when 503s occur; the low end, in KB.
pub(crate) const GUIDE_MIN_PRIVATE_MEMORY_KB: u64 = 4 * 1024 * 1024;
/// KB4025764's upper figure, 8 GB, in KB: the limit the remedies set.
pub(crate) const GUIDE_PRIVATE_MEMORY_KB: u64 = 8 * 1024 * 1024;
/// Whether a private memory limit already leaves the pool the room KB4025764 asks for: 0 (no
/// limit, KB4490414) or at least its 4 GB. Raising it to 8 GB is then no fix for 503s.
pub(crate) fn private_memory_is_ample(kb: u64) -> bool {
    kb == 0 || kb >= GUIDE_MIN_PRIVATE_MEMORY_KB
}
/// KB4490414's queue length for the WSUS pool.
pub(crate) const RECOMMENDED_QUEUE_LENGTH: u64 = 2000;
/// The application pool WSUS setup creates.
pub(crate) const SETUP_POOL_NAME: &str = "WsusPool";
/// The file types of update content IIS must have a MIME type for on the WSUS site: .esd for
/// Windows 10 feature updates (CM-SU-PREREQ), .wim and .msu for UUP updates (WSUS-UUP-FAQ: the
/// updates of February 2023 for Windows Server 2019 and 2022 add those two).
pub(crate) const CONTENT_EXTENSIONS: [&str; 3] = [".esd", ".wim", ".msu"];
/// The virtual directory WSUS serves update files from.
pub(crate) const CONTENT_VDIR: &str = "/Content";
/// The site WSUS setup creates when it does not use the Default Web Site.
pub(crate) const SETUP_SITE_NAME: &str = "WSUS Administration";
/// The WSUS applications on which KB2737219 has ASP.NET impersonation disabled, besides the site
/// itself (the article spells the last one "SipleAuthWebService").
pub(crate) const IMPERSONATION_APPS: [&str; 9] = [
    "ApiRemoting30",
    "ClientWebService",
    "Content",
    "DssAuthWebService",
    "Inventory",
    "ReportingWebService",
    "Selfupdate",
    "ServerSyncWebService",
    "SimpleAuthWebService",
];
/// The Windows Internal Database answers only on its named pipe; this is the server name sqlcmd
/// takes on Windows Server 2012 and later (KB4490644).
pub(crate) const WID_SQLCMD_SERVER: &str = r"np:\\.\pipe\MICROSOFT##WID\tsql\query";
/// WSUS 3.0's Windows Internal Database pipe (WSUS-VIEWS).
pub(crate) const SSEE_SQLCMD_SERVER: &str = r"np:\\.\pipe\MSSQL$MICROSOFT##SSEE\sql\query";
/// The service of the Windows Internal Database (UNCONFIRMED by a Microsoft page: SQL Server's
/// `MSSQL$<instance>` convention applied to the instance name MICROSOFT##WID).
pub(crate) const WID_SERVICE: &str = "MSSQL$MICROSOFT##WID";
/// The database WSUS setup creates (WSUS-VIEWS).
pub(crate) const DATABASE_NAME: &str = "SUSDB";
/// The port WSUS's own site listens on for HTTP on Windows Server 2012 and later (8531 for
/// HTTPS; WSUS-CONFIGURE).
pub(crate) const DEFAULT_HTTP_PORT: u16 = 8530;
/// `wsusutil.exe` where WSUS installs it.
pub(crate) const WSUSUTIL: &str = r#""%ProgramFiles%\Update Services\Tools\wsusutil.exe""#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_figures_are_the_gigabytes_it_names() {
        assert_eq!(GUIDE_PRIVATE_MEMORY_KB, 8_388_608);
        assert_eq!(GUIDE_MIN_PRIVATE_MEMORY_KB, 4_194_304);
    }
}
