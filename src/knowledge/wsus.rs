//! The values Microsoft recommends or WSUS setup writes, each once, with its source. Checks judge
//! the evidence against them and remedies quote them.

/// The private memory limit WSUS setup writes on its pool, in KB (KB4490414, formats.md §3.2).
pub const SETUP_PRIVATE_MEMORY_KB: u64 = 1_843_200;
/// KB4025764: "increase the private memory limit to 4-8 GB" when 503s occur; the low end, in KB.
pub const GUIDE_MIN_PRIVATE_MEMORY_KB: u64 = 4 * 1024 * 1024;
/// KB4025764's upper figure, 8 GB, in KB: the limit the remedies set.
pub const GUIDE_PRIVATE_MEMORY_KB: u64 = 8 * 1024 * 1024;
/// KB4490414's queue length for the WSUS pool.
pub const RECOMMENDED_QUEUE_LENGTH: u64 = 2000;
/// The application pool WSUS setup creates.
pub const SETUP_POOL_NAME: &str = "WsusPool";
/// The site WSUS setup creates when it does not use the Default Web Site.
pub const SETUP_SITE_NAME: &str = "WSUS Administration";
/// `wsusutil.exe` where WSUS installs it.
pub const WSUSUTIL: &str = r#""%ProgramFiles%\Update Services\Tools\wsusutil.exe""#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_figures_are_the_gigabytes_it_names() {
        assert_eq!(GUIDE_PRIVATE_MEMORY_KB, 8_388_608);
        assert_eq!(GUIDE_MIN_PRIVATE_MEMORY_KB, 4_194_304);
    }
}
