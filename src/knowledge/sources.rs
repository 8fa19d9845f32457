//! The documents behind statements and recommendations. Ids are short (`KB4025764`) and appear in
//! findings' `references` and in the code tables.

use serde::Serialize;

/// A source behind a statement or recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// Short id, e.g. `KB4025764`.
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `(id, title, url)`.
pub(crate) const SOURCES: &[(&str, &str, &str)] = &[
    ("KB4025764", "Troubleshoot WSUS connection failures", "https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/troubleshoot-wsus-connection-failures"),
    ("KB4490414", "Windows Server Update Services best practices", "https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/windows-server-update-services-best-practices"),
    ("KB3090184", "Troubleshoot software update scan failures", "https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/troubleshoot-software-update-scan-failures"),
    ("KB4490644", "The complete guide to WSUS and Configuration Manager SUP maintenance", "https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/wsus-maintenance-guide"),
    ("KB4039929", "Update for WSUS 3.0 SP2 (required minimum 3.2.7600.283)", "https://support.microsoft.com/help/4039929"),
    ("KB4039873", "Security Monthly Quality Rollup for Windows Server 2012 (September 2017)", "https://support.microsoft.com/help/4039873"),
    ("KB4039871", "Security Monthly Quality Rollup for Windows Server 2012 R2 (September 2017)", "https://support.microsoft.com/help/4039871"),
    ("KB4039396", "Cumulative update for Windows Server 2016 (September 2017)", "https://support.microsoft.com/help/4039396"),
    ("KB2737219", "Unable to connect to WSUS Administration Website", "https://learn.microsoft.com/troubleshoot/windows-server/installing-updates-features-roles/cannot-connect-to-wsus-administration-website"),
    ("KB943891", "The HTTP status code in IIS 7 and later versions", "https://learn.microsoft.com/troubleshoot/developer/webapps/iis/www-administration-management/http-status-code"),
    ("KB820729", "Error logging in HTTP APIs", "https://learn.microsoft.com/troubleshoot/developer/webapps/aspnet/site-behavior-performance/error-logging-http-apis"),
    ("HTTPAPI-ERRORS", "Types of errors logged by the HTTP Server API", "https://learn.microsoft.com/windows/win32/http/types-of-errors-logged-by-the-http-server-api"),
    ("HTTPAPI-FORMAT", "Format of the HTTP Server API error logs", "https://learn.microsoft.com/windows/win32/http/format-of-the-http-server-api-error-logs"),
    ("IIS-LOGFILE", "IIS configuration reference: <logFile>", "https://learn.microsoft.com/iis/configuration/system.applicationhost/sites/sitedefaults/logfile/"),
    ("CM-SU-PREREQ", "Prerequisites for software updates in Configuration Manager (the UUP MIME types on WSUS)", "https://learn.microsoft.com/mem/configmgr/sum/plan-design/prerequisites-for-software-updates"),
    ("WSUS-UUP-FAQ", "FAQ: WSUS and Unified Update Platform (UUP) on premises (the .wim and .msu MIME types)", "https://techcommunity.microsoft.com/t5/windows-servicing/faq-wsus-and-unified-update-platform-uup-on-premises/td-p/3773235"),
    ("IIS-STATICCONTENT", "IIS configuration reference: <staticContent> and <mimeMap>", "https://learn.microsoft.com/iis/configuration/system.webserver/staticcontent/mimemap"),
    ("IIS-SITE-LIMITS", "IIS configuration reference: site <limits>", "https://learn.microsoft.com/iis/configuration/system.applicationhost/sites/site/limits"),
    ("IIS-APPPOOL", "IIS configuration reference: application pools <add>", "https://learn.microsoft.com/iis/configuration/system.applicationhost/applicationpools/add/"),
    ("WU-ERRORS", "Windows Update error code reference", "https://learn.microsoft.com/windows/deployment/update/windows-update-error-reference"),
    ("WUERROR-H", "wuerror.h (Windows SDK)", "https://github.com/microsoft/win32metadata"),
    ("WINHTTP-H", "winhttp.h (Windows SDK)", "https://github.com/microsoft/win32metadata"),
    ("WINERROR-H", "winerror.h (Windows SDK)", "https://learn.microsoft.com/windows/win32/debug/system-error-codes"),
    ("WU-LOGS", "Windows Update log files", "https://learn.microsoft.com/windows/deployment/update/windows-update-logs"),
    ("WU-POLICY", "Manage additional Windows Update settings", "https://learn.microsoft.com/windows/deployment/update/waas-wu-settings"),
    ("WSUS-CONFIGURE", "Step 2: Configure WSUS (ports 8530/8531, SSL)", "https://learn.microsoft.com/windows-server/administration/windows-server-update-services/deploy/2-configure-wsus"),
    ("WSUS-GPO", "Step 4: Configure Group Policy settings for automatic updates", "https://learn.microsoft.com/windows-server/administration/windows-server-update-services/deploy/4-configure-group-policy-settings-for-automatic-updates"),
    ("CM-COMPLIANCE", "Track the software update compliance assessment process", "https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/track-software-update-compliance-assessment"),
    ("CM-SU-VIEWS", "Software updates views in Configuration Manager (v_UpdateScanStatus)", "https://learn.microsoft.com/intune/configmgr/develop/core/understand/sqlviews/software-updates-views-configuration-manager"),
    ("CM-LOGS", "Configuration Manager log files reference", "https://learn.microsoft.com/mem/configmgr/core/plan-design/hierarchy/log-files"),
    ("WU-PROXY", "How the Windows Update client determines which proxy server to use", "https://learn.microsoft.com/troubleshoot/windows-server/installing-updates-features-roles/windows-update-client-determines-proxy-server-connect"),
    ("MS-WUSP", "[MS-WUSP]: Windows Update Services: Client-Server Protocol", "https://learn.microsoft.com/openspecs/windows_protocols/ms-wusp/"),
    ("WAS-EVENTS", "IIS Application Pool Availability and Recycling events (WAS)", "https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/cc735151(v=ws.10)"),
    ("SCM-EVENTS", "Service Control Manager event messages (7031, 7034, 7036)", "https://learn.microsoft.com/windows/win32/services/service-control-manager"),
    ("WSUS-HEALTH", "Implement a shared SUSDB for Configuration Manager SUPs (WSUS setup registry values, content share access errors)", "https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/wsus-configure-shared-database"),
    ("WSUS3-LIFECYCLE", "Windows Server Update Services 3.0 lifecycle (end of support)", "https://learn.microsoft.com/lifecycle/products/windows-server-update-services-30"),
    ("KB4096317", "Error 80244007 when a WSUS client scans for updates", "https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/error-80244007-when-wsus-client-scans-updates"),
    ("WSUS-CLIENT-AGENTS", "Troubleshoot issues with WSUS client agents", "https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/troubleshoot-issues-with-wsus-client-agents"),
    ("WSUS-VIEWS", "Using WSUS Views: the WSUS database instance (Windows Internal Database, a local default or named SQL Server instance, or a remote one) and SUSDB", "https://learn.microsoft.com/previous-versions/windows/desktop/bb410149(v=vs.85)"),
    ("WSUS-DB-CONNECT", "IDatabaseConfiguration.ConnectToDatabase: a failed connection to the WSUS database throws SqlException", "https://learn.microsoft.com/previous-versions/windows/desktop/ms745957(v=vs.85)"),
    ("WUA-NET-ERRORS", "WUA networking error codes (0x8024401F: same as HTTP 500)", "https://learn.microsoft.com/windows/win32/wua_sdk/wua-networking-error-codes-"),
    ("SCHANNEL-ALERTS", "Schannel error codes for TLS and SSL alerts (alert codes 40 handshake failure, 42 to 48 certificate, 70 protocol version)", "https://learn.microsoft.com/windows/win32/secauthn/schannel-error-codes-for-tls-and-ssl-alerts"),
    ("BITS-ERRORS", "BITS return values (bitsmsg.h)", "https://learn.microsoft.com/windows/win32/bits/bits-return-values"),
];

/// The reference for an id; an unknown id is returned as its own title, so a typo shows up in
/// the report instead of vanishing (and a unit test keeps every id used in the code known).
pub fn reference(id: &str) -> Reference {
    match SOURCES.iter().find(|(i, _, _)| *i == id) {
        Some((i, title, url)) => Reference {
            id: i.to_string(),
            title: title.to_string(),
            url: Some(url.to_string()),
        },
        None => Reference {
            id: id.to_string(),
            title: id.to_string(),
            url: None,
        },
    }
}

#[cfg(test)]
pub(crate) fn is_known(id: &str) -> bool {
    SOURCES.iter().any(|(i, _, _)| *i == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = SOURCES.iter().map(|s| s.0).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }

    #[test]
    fn urls_name_the_articles_they_cite() {
        // Slugs checked against the published articles; a guessed slug leads to a 404.
        for (id, slug) in [
            (
                "KB4096317",
                "/error-80244007-when-wsus-client-scans-updates",
            ),
            (
                "KB820729",
                "/site-behavior-performance/error-logging-http-apis",
            ),
            (
                "KB2737219",
                "/cannot-connect-to-wsus-administration-website",
            ),
            (
                "WSUS-CLIENT-AGENTS",
                "/troubleshoot-issues-with-wsus-client-agents",
            ),
        ] {
            let url = reference(id).url.unwrap();
            assert!(url.ends_with(slug), "{id}: {url}");
        }
        for (_, _, url) in SOURCES {
            assert!(url.starts_with("https://"), "{url}");
        }
    }
}
