//! What to do about a finding: the wording and the exact commands.

use crate::i18n::Text;
use serde::Serialize;

/// The shell a remedy command is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shell {
    PowerShell,
    Cmd,
}

/// A command to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Command {
    pub shell: Shell,
    pub line: String,
    /// What the command does, when several are offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<Text>,
}

/// What to do about a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remedy {
    pub text: Text,
    pub commands: Vec<Command>,
}

/// The values a command leaves for the reader when the evidence does not hold them: a fix names
/// what to collect instead of leaving a bare placeholder.
const PLACEHOLDERS: &[&str] = &["<WSUS server FQDN>", "<certificate FQDN>", "<proxy:port>"];

/// The evidence that would fill a placeholder in.
fn placeholder_source(placeholder: &str) -> Text {
    match placeholder {
        "<WSUS server FQDN>" => crate::tr!("remedy-source-wsus-fqdn"),
        "<certificate FQDN>" => crate::tr!("remedy-source-certificate-fqdn"),
        _ => crate::tr!("remedy-source-proxy"),
    }
}

impl Remedy {
    pub fn new(text: impl Into<Text>) -> Self {
        Remedy {
            text: text.into(),
            commands: Vec::new(),
        }
    }

    /// Says, for each placeholder its commands still hold, which evidence would fill it in.
    pub(crate) fn naming_placeholders(mut self) -> Self {
        for placeholder in PLACEHOLDERS {
            let left = self.commands.iter().any(|c| c.line.contains(placeholder));
            if left && !self.text.contains(placeholder) {
                let text = std::mem::take(&mut self.text);
                self.text = text.then(crate::tr!(
                    "remedy-placeholder-unknown",
                    placeholder = *placeholder,
                    source = placeholder_source(placeholder)
                ));
            }
        }
        self
    }

    pub fn powershell(mut self, line: impl Into<String>) -> Self {
        self.commands.push(Command {
            shell: Shell::PowerShell,
            line: line.into(),
            comment: None,
        });
        self
    }

    pub fn cmd(mut self, line: impl Into<String>) -> Self {
        self.commands.push(Command {
            shell: Shell::Cmd,
            line: line.into(),
            comment: None,
        });
        self
    }

    /// Adds another remedy's commands after these (its text is dropped).
    pub(crate) fn and_commands_of(mut self, other: Remedy) -> Self {
        self.commands.extend(other.commands);
        self
    }

    /// Adds a comment to the last command.
    pub fn comment(mut self, text: impl Into<Text>) -> Self {
        if let Some(c) = self.commands.last_mut() {
            c.comment = Some(text.into());
        }
        self
    }
}

/// IIS command lines, written once: `appcmd` for cmd and the WebAdministration module for
/// PowerShell (IIS-APPPOOL).
pub(crate) mod iis {
    /// `appcmd` for a command line.
    pub(crate) const APPCMD: &str = r"%windir%\system32\inetsrv\appcmd.exe";
    const PS_MODULE: &str = "Import-Module WebAdministration; ";

    /// `appcmd set apppool "POOL" /SETTING`.
    pub(crate) fn set_pool_cmd(pool: &str, setting: &str) -> String {
        format!("{APPCMD} set apppool \"{pool}\" /{setting}")
    }

    /// `Set-ItemProperty 'IIS:\AppPools\POOL' -Name NAME -Value VALUE`.
    pub(crate) fn set_pool_ps(pool: &str, name: &str, value: &str) -> String {
        format!("{PS_MODULE}Set-ItemProperty 'IIS:\\AppPools\\{pool}' -Name {name} -Value {value}")
    }

    pub(crate) fn start_pool_cmd(pool: &str) -> String {
        format!("{APPCMD} start apppool /apppool.name:\"{pool}\"")
    }

    pub(crate) fn start_pool_ps(pool: &str) -> String {
        format!("{PS_MODULE}Start-WebAppPool -Name '{pool}'")
    }

    pub(crate) fn recycle_pool_cmd(pool: &str) -> String {
        format!("{APPCMD} recycle apppool /apppool.name:\"{pool}\"")
    }

    pub(crate) fn start_site_cmd(site: &str) -> String {
        format!("{APPCMD} start site /site.name:\"{site}\"")
    }

    pub(crate) fn start_site_ps(site: &str) -> String {
        format!("{PS_MODULE}Start-WebSite -Name '{site}'")
    }
}

/// The private memory limit of the WSUS pool raised to KB4025764's 8 GB and the pool recycled,
/// with `text` saying why in the finding's own terms.
pub(crate) fn raise_pool_private_memory(pool: &str, text: impl Into<Text>) -> Remedy {
    let kb = crate::knowledge::wsus::GUIDE_PRIVATE_MEMORY_KB;
    Remedy::new(text)
        .cmd(iis::set_pool_cmd(
            pool,
            &format!("recycling.periodicRestart.privateMemory:{kb}"),
        ))
        .comment(crate::tr!("remedy-private-memory-8gb-comment"))
        .powershell(iis::set_pool_ps(
            pool,
            "recycling.periodicRestart.privateMemory",
            &kb.to_string(),
        ))
        .comment(crate::tr!("remedy-same-in-powershell"))
        .cmd(iis::recycle_pool_cmd(pool))
        .comment(crate::tr!("remedy-apply-limit-now"))
}

/// What relieves the WSUS pool of 503s given its private memory limit (`None` when the evidence
/// does not show it): the 8 GB limit of KB4025764 while the limit is lower, else the other
/// reasons a pool with room to grow answers 503, since raising the limit again changes nothing.
pub(crate) fn relieve_pool(
    pool: &str,
    private_memory_kb: Option<u64>,
    text: impl Into<Text>,
) -> Remedy {
    match private_memory_kb {
        Some(kb) if crate::knowledge::wsus::private_memory_is_ample(kb) => {
            raise_pool_queue_length(Remedy::new(not_the_memory_limit(pool, kb)), pool)
                .cmd(format!(
                    "{} list apppool \"{pool}\" /text:cpu.limit",
                    iis::APPCMD
                ))
                .comment(crate::tr!("remedy-cpu-limit-comment"))
        }
        _ => raise_pool_private_memory(pool, text),
    }
}

/// Why a pool whose memory limit is 0 or at least 4 GB answers 503, and where to look instead.
pub(crate) fn not_the_memory_limit(pool: &str, kb: u64) -> Text {
    let limit = if kb == 0 {
        crate::tr!("remedy-memory-limit-none")
    } else {
        crate::tr!("remedy-memory-limit-kb", kb = kb)
    };
    crate::tr!(
        "remedy-memory-limit-not-the-fix",
        pool = pool,
        limit = limit,
        length = crate::knowledge::wsus::RECOMMENDED_QUEUE_LENGTH
    )
}

/// ASP.NET impersonation disabled on the WSUS site and on each of its nine applications, then IIS
/// restarted (KB2737219), with `text` saying why.
pub(crate) fn disable_impersonation(site: &str, text: impl Into<Text>) -> Remedy {
    let set = |path: &str| {
        format!(
            "{} set config \"{path}\" /section:system.web/identity /impersonate:false",
            iis::APPCMD
        )
    };
    let mut r = Remedy::new(text)
        .cmd(set(site))
        .comment(crate::tr!("remedy-impersonation-site-itself"));
    for app in crate::knowledge::wsus::IMPERSONATION_APPS {
        r = r.cmd(set(&format!("{site}/{app}")));
    }
    r.cmd("iisreset")
        .comment(crate::tr!("remedy-impersonation-iisreset"))
}

/// MIME maps for `extensions` on the WSUS site, for 404.3 (KB943891, CM-SU-PREREQ: WSUS needs the
/// UUP MIME types). The type given is the generic binary one; that it is the one Microsoft lists
/// for each extension is UNCONFIRMED.
pub(crate) fn add_mime_types(site: &str, extensions: &[String]) -> Remedy {
    let mut r = Remedy::new(crate::tr!(
        "remedy-add-mime-types",
        extensions = extensions.join(", "),
        site = site
    ));
    for ext in extensions {
        r = r.cmd(format!(
            "{} set config \"{site}\" /section:staticContent /+\"[fileExtension='{ext}',mimeType='application/octet-stream']\"",
            iis::APPCMD
        ));
    }
    r
}

/// The machine's local Group Policy file, which the ConfigMgr client's WUAHandler reads to add
/// its update source.
pub(crate) const LOCAL_POLICY_FILE: &str = r"%windir%\System32\GroupPolicy\Machine\Registry.pol";

/// A corrupt local policy file set aside so Group Policy writes a new one, then the ConfigMgr
/// client's Software Updates Scan Cycle started from a command prompt. That this repairs
/// WUAHandler's 0x80004005 is UNCONFIRMED by a Microsoft page.
pub(crate) fn replace_local_policy_file() -> Remedy {
    Remedy::new(crate::tr!("remedy-replace-local-policy", file = LOCAL_POLICY_FILE))
        .cmd(format!("ren {LOCAL_POLICY_FILE} Registry.pol.old"))
        .comment(crate::tr!("remedy-local-policy-rename-comment"))
        .cmd("gpupdate /force")
        .cmd(r#"WMIC /namespace:\\root\ccm path sms_client CALL TriggerSchedule "{00000000-0000-0000-0000-000000000113}" /NOINTERACTIVE"#)
        .comment(crate::tr!("remedy-scan-cycle-comment"))
}

/// Request filtering's maxAllowedContentLength shown and raised on the WSUS site, for 404.13.
pub(crate) fn raise_max_allowed_content_length(site: &str) -> Remedy {
    Remedy::new(crate::tr!("remedy-max-content-length", site = site))
        .cmd(format!("{} list config \"{site}\" /section:system.webServer/security/requestFiltering", iis::APPCMD))
        .cmd(format!("{} set config \"{site}\" /section:system.webServer/security/requestFiltering /requestLimits.maxAllowedContentLength:<bytes>", iis::APPCMD))
}

/// The site's connection limit raised to IIS's default (no limit), for HTTPERR ConnLimit.
pub(crate) fn remove_site_connection_limit(site: &str) -> Remedy {
    Remedy::new(crate::tr!("remedy-site-connection-limit", site = site))
        .cmd(format!(
            "{} list site \"{site}\" /text:limits.maxConnections",
            iis::APPCMD
        ))
        .cmd(format!(
            "{} set site /site.name:\"{site}\" /limits.maxConnections:4294967295",
            iis::APPCMD
        ))
}

/// What to look at when HTTP.sys answers 503 with reason N/A (its own internal error).
pub(crate) fn httpsys_internal_error() -> Remedy {
    Remedy::new(crate::tr!("remedy-httpsys-internal"))
        .cmd("netsh http show urlacl")
        .cmd("netsh http show servicestate view=requestq")
}

/// The WinHTTP bypass list that lets the agent reach `host` directly: what is there already, the
/// host as the client may write it (short name and FQDN, since WinHTTP compares the name as
/// given), and `<local>` for dot-less names.
pub(crate) fn bypass_list(existing: &[String], host: &str) -> String {
    let mut list: Vec<String> = existing.to_vec();
    let short = host.split('.').next().unwrap_or(host);
    let is_ip = host.parse::<std::net::IpAddr>().is_ok();
    let mut add = |name: &str| {
        if !list.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            list.push(name.to_string());
        }
    };
    if !is_ip && short != host {
        add(short);
    }
    add(host);
    if !is_ip {
        add("<local>");
    }
    list.join(";")
}

/// The WSUS pool's queue length raised to KB4490414's figure.
pub(crate) fn raise_pool_queue_length(remedy: Remedy, pool: &str) -> Remedy {
    let n = crate::knowledge::wsus::RECOMMENDED_QUEUE_LENGTH;
    remedy
        .cmd(iis::set_pool_cmd(pool, &format!("queueLength:{n}")))
        .comment(crate::tr!("remedy-queue-length-comment", length = n))
        .powershell(iis::set_pool_ps(pool, "queueLength", &n.to_string()))
}

/// The database WSUS uses, as the evidence names it: the service to start, where sqlcmd
/// connects, and the server that runs it when that is not the WSUS server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseTarget {
    /// `MSSQL$MICROSOFT##WID`, `MSSQLSERVER`, `MSSQL$WSUS`.
    pub service: String,
    /// The server name sqlcmd takes (the Windows Internal Database's named pipe, `SQL01\WSUS`).
    pub sqlcmd_server: String,
    /// `SUSDB` unless WSUS setup was told otherwise.
    pub database: String,
    /// The other server that runs the instance.
    pub remote_host: Option<String>,
}

impl Default for DatabaseTarget {
    /// The Windows Internal Database, which WSUS setup installs unless told to use SQL Server.
    fn default() -> Self {
        DatabaseTarget {
            service: crate::knowledge::wsus::WID_SERVICE.into(),
            sqlcmd_server: crate::knowledge::wsus::WID_SQLCMD_SERVER.into(),
            database: crate::knowledge::wsus::DATABASE_NAME.into(),
            remote_host: None,
        }
    }
}

/// The database service started (set to start automatically first when it is disabled).
pub(crate) fn start_database_service(
    service: &str,
    disabled: bool,
    text: impl Into<Text>,
) -> Remedy {
    let r = Remedy::new(text);
    if disabled {
        r.powershell(format!(
            "Set-Service -Name '{service}' -StartupType Automatic; Start-Service -Name '{service}'"
        ))
        .cmd(format!(
            "sc config \"{service}\" start= auto && net start \"{service}\""
        ))
    } else {
        r.powershell(format!(
            "Start-Service -Name '{service}'; Get-Service -Name '{service}'"
        ))
        .cmd(format!("net start \"{service}\""))
    }
}

/// The free space of the disks and the size of the database, on the WSUS server (the instance
/// is local to it).
pub(crate) fn local_database_health(target: &DatabaseTarget) -> Remedy {
    Remedy::new("")
        .powershell("Get-Volume | Where-Object DriveLetter | Select-Object DriveLetter, SizeRemaining, Size")
        .comment(crate::tr!("remedy-full-disk-comment"))
        .cmd(susdb_size(target))
        .comment(crate::tr!(
            "remedy-database-size-comment",
            database = &target.database
        ))
}

fn susdb_size(target: &DatabaseTarget) -> String {
    format!(
        "sqlcmd -S {} -E -Q \"EXEC sp_helpdb N'{}'\"",
        target.sqlcmd_server, target.database
    )
}

/// What brings a failing WSUS database back: its service running, room on its disks, and the
/// size of SUSDB, on the server that runs it.
pub(crate) fn check_database(target: &DatabaseTarget, text: impl Into<Text>) -> Remedy {
    let DatabaseTarget {
        service,
        database,
        remote_host,
        ..
    } = target;
    match remote_host {
        Some(host) => Remedy::new(text)
            .powershell(format!("Get-Service -ComputerName {host} -Name '{service}'"))
            .comment(crate::tr!("remedy-database-remote-service-comment", host = host))
            .powershell(format!("Invoke-Command -ComputerName {host} {{ Get-Volume | Where-Object DriveLetter | Select-Object DriveLetter, SizeRemaining, Size }}"))
            .comment(crate::tr!("remedy-database-remote-disks-comment"))
            .cmd(susdb_size(target))
            .comment(crate::tr!("remedy-database-remote-size-comment", database = database)),
        None => start_database_service(service, false, text)
            .and_commands_of(local_database_health(target)),
    }
}

/// The first fix of each root cause the diagnosis recognises.
/// Commands that set the intranet server and make the client use it.
pub(crate) fn set_wsus_server(text: impl Into<Text>, url: &str) -> Remedy {
    Remedy::new(text)
        .cmd(format!(r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d {url} /f"#))
        .comment(crate::tr!("remedy-wuserver-gpo-comment"))
        .cmd(format!(r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUStatusServer /t REG_SZ /d {url} /f"#))
        .cmd(r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU" /v UseWUServer /t REG_DWORD /d 1 /f"#)
        .cmd("gpupdate /force")
        .comment(crate::tr!("remedy-gpupdate-comment"))
        .cmd("UsoClient StartScan")
        .comment(crate::tr!("remedy-usoclient-comment"))
        .cmd("wuauclt /resetauthorization /detectnow")
        .comment(crate::tr!("remedy-wuauclt-comment"))
}

pub(crate) mod causes {
    use super::{iis, DatabaseTarget, Remedy};
    use crate::knowledge::wsus;

    /// What the evidence says that changes a cause's first fix.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct FixContext {
        /// The WSUS pool's private memory limit in KB, when the evidence shows it.
        pub pool_private_memory_kb: Option<u64>,
        /// The WSUS site's name as the evidence gives it.
        pub site_name: Option<String>,
        /// The WSUS host the client is meant to reach.
        pub wsus_host: Option<String>,
        /// The port the client uses to reach it.
        pub wsus_port: Option<u16>,
        /// The database WSUS uses, when the Setup key names it.
        pub database: Option<DatabaseTarget>,
    }

    impl FixContext {
        fn site(&self) -> &str {
            self.site_name.as_deref().unwrap_or(wsus::SETUP_SITE_NAME)
        }
    }

    pub(crate) fn pool_memory(ctx: &FixContext) -> Remedy {
        let pool = wsus::SETUP_POOL_NAME;
        if let Some(kb) = ctx
            .pool_private_memory_kb
            .filter(|kb| wsus::private_memory_is_ample(*kb))
        {
            return super::relieve_pool(pool, Some(kb), "");
        }
        super::raise_pool_queue_length(
            super::raise_pool_private_memory(
                pool,
                crate::tr!(
                    "remedy-cause-pool-memory",
                    pool = pool,
                    length = wsus::RECOMMENDED_QUEUE_LENGTH
                ),
            ),
            pool,
        )
    }

    pub(crate) fn pool_start(_: &FixContext) -> Remedy {
        let pool = wsus::SETUP_POOL_NAME;
        Remedy::new(crate::tr!("remedy-cause-pool-start", pool = pool))
            .powershell(iis::start_pool_ps(pool))
            .cmd(iis::start_pool_cmd(pool))
    }

    pub fn services(_: &FixContext) -> Remedy {
        Remedy::new(crate::tr!("remedy-cause-services")).powershell(
            "Start-Service WAS, W3SVC, WsusService; Get-Service WsusService, W3SVC, WAS",
        )
    }

    pub fn site(ctx: &FixContext) -> Remedy {
        let site = ctx.site();
        Remedy::new(crate::tr!("remedy-cause-site")).powershell(format!(
            "{}; Get-WebBinding -Name '{site}'",
            iis::start_site_ps(site)
        ))
    }

    pub fn vdir(_: &FixContext) -> Remedy {
        Remedy::new(crate::tr!("remedy-cause-vdir")).cmd(format!(
            "{} postinstall CONTENT_DIR=<content folder>",
            wsus::WSUSUTIL
        ))
    }

    pub fn ssl(_: &FixContext) -> Remedy {
        Remedy::new(crate::tr!("remedy-cause-ssl")).cmd(format!(
            "{} configuressl <certificate FQDN>",
            wsus::WSUSUTIL
        ))
    }

    pub fn policy(_: &FixContext) -> Remedy {
        // The client's own findings carry the URL from the evidence; their commands replace
        // these placeholders (see the diagnosis).
        super::set_wsus_server(
            crate::tr!("remedy-cause-policy"),
            "http://<WSUS server FQDN>:8530",
        )
    }

    pub fn proxy(ctx: &FixContext) -> Remedy {
        let list = super::bypass_list(&[], ctx.wsus_host.as_deref().unwrap_or("wsus.contoso.com"));
        Remedy::new(crate::tr!("remedy-cause-proxy")).cmd(format!(
            r#"netsh winhttp set proxy proxy-server="<proxy:port>" bypass-list="{list}""#
        ))
    }

    pub fn network(ctx: &FixContext) -> Remedy {
        // The host and port the client's own URL names; a placeholder only when no evidence of
        // the client names its server (its policy, ConfigMgr location or WindowsUpdate.log would).
        let host = ctx.wsus_host.as_deref().unwrap_or("<WSUS server FQDN>");
        let port = ctx.wsus_port.unwrap_or(wsus::DEFAULT_HTTP_PORT);
        Remedy::new(crate::tr!("remedy-cause-network"))
            .powershell(format!("Test-NetConnection {host} -Port {port}"))
    }

    pub fn configmgr(_: &FixContext) -> Remedy {
        Remedy::new(crate::tr!("remedy-cause-configmgr"))
        .powershell(r#"Invoke-WmiMethod -Namespace root\ccm -Class SMS_Client -Name TriggerSchedule -ArgumentList "{00000000-0000-0000-0000-000000000113}""#)
    }

    /// The extensions come from the findings: the diagnosis puts their commands in place of the
    /// placeholder.
    pub fn mime_map(ctx: &FixContext) -> Remedy {
        let mut r = super::add_mime_types(ctx.site(), &["<extension>".to_string()]);
        r.text = crate::tr!("remedy-cause-mime-map", site = ctx.site());
        r
    }

    pub fn corrupt_local_policy(_: &FixContext) -> Remedy {
        super::replace_local_policy_file()
    }

    pub fn impersonation(ctx: &FixContext) -> Remedy {
        super::disable_impersonation(ctx.site(), crate::tr!("remedy-cause-impersonation"))
    }

    pub fn database(ctx: &FixContext) -> Remedy {
        let target = ctx.database.clone().unwrap_or_default();
        let text = match &target.remote_host {
            Some(host) => crate::tr!(
                "remedy-cause-database-remote",
                database = &target.database,
                host = host,
                service = &target.service
            ),
            None => crate::tr!(
                "remedy-cause-database-local",
                service = &target.service,
                database = &target.database
            ),
        };
        super::check_database(&target, text)
    }

    pub fn prerequisites(_: &FixContext) -> Remedy {
        Remedy::new(crate::tr!("remedy-cause-prerequisites"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_left_in_a_command_names_the_evidence_that_fills_it() {
        let r = Remedy::new("Test the port.")
            .powershell("Test-NetConnection <WSUS server FQDN> -Port 8530")
            .naming_placeholders();
        assert_eq!(r.text, "Test the port. <WSUS server FQDN> is not in the evidence: the WSUS server's ipconfig /all (its Host Name and Primary Dns Suffix) or a client's policy export (reg export HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate) would give it.");
        // Said once, however often the fix is passed along.
        assert_eq!(r.clone().naming_placeholders().text, r.text);
        let filled = Remedy::new("Test the port.")
            .powershell("Test-NetConnection wsus01.corp.example -Port 8530")
            .naming_placeholders();
        assert_eq!(filled.text, "Test the port.");
    }

    #[test]
    fn remedies_and_their_comments_read_in_japanese() {
        use crate::i18n::Lang;
        let r = causes::pool_memory(&causes::FixContext::default());
        assert_eq!(
            r.text.local(Lang::Ja),
            "WsusPool のプライベート メモリの制限を上げ (KB4025764: 4 から 8 GB 以上、KB4490414: 0 で制限なし)、キューの長さを 2000 にしてから、プールをリサイクルしてください。"
        );
        assert_eq!(
            r.commands[0].comment.as_ref().unwrap().local(Lang::Ja),
            "KB4025764: プライベート メモリの制限を 8 GB にします (値の単位は KB)"
        );
        let r = Remedy::new(crate::tr!("remedy-cause-network"))
            .powershell("Test-NetConnection <WSUS server FQDN> -Port 8530")
            .naming_placeholders();
        assert!(
            r.text.local(Lang::Ja).ends_with(
                "<WSUS server FQDN> は証拠に含まれていません: WSUS サーバーの ipconfig /all (ホスト名とプライマリ DNS サフィックス) またはクライアントのポリシーのエクスポート (reg export HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate) から得られます。"
            ),
            "{}",
            r.text.local(Lang::Ja)
        );
        assert_eq!(
            not_the_memory_limit("WsusPool", 0).local(Lang::Ja),
            "WsusPool のプライベート メモリの制限は既に 0 (制限なし) です。これを上げても解決しません。次の点を確認してください: キューの長さ (HTTPERR の QueueFull。KB4490414: 2000)、プールの CPU の制限、クラッシュ後にプールを停止するラピッド フェール保護 (システム ログの WAS 5002、5009、5011)、WSUS データベース (SUSDB またはその SQL/WID サービスの障害、SoftwareDistribution.log の SqlException)。"
        );
    }

    #[test]
    fn a_pool_with_room_is_never_told_to_take_8_gb() {
        for kb in [0, 4_194_304, 16_777_216] {
            let r = relieve_pool("WsusPool", Some(kb), "raise it");
            assert!(r.text.contains("raising it is not the fix"), "{}", r.text);
            assert!(
                r.commands.iter().all(|c| !c.line.contains("8388608")),
                "{kb}"
            );
            let ctx = causes::FixContext {
                pool_private_memory_kb: Some(kb),
                ..Default::default()
            };
            assert!(!causes::pool_memory(&ctx).text.contains("Raise"), "{kb}");
        }
        for kb in [None, Some(1_843_200)] {
            let r = relieve_pool("WsusPool", kb, "raise it");
            assert_eq!(r.text, "raise it");
            assert!(r
                .commands
                .iter()
                .any(|c| c.line.contains("privateMemory:8388608")));
        }
        assert!(not_the_memory_limit("WsusPool", 0).contains("already 0 (no limit)"));
    }

    #[test]
    fn impersonation_is_disabled_everywhere_kb2737219_lists_then_iis_restarts() {
        let r = disable_impersonation("WSUS-Verwaltung", "why");
        let lines: Vec<&str> = r.commands.iter().map(|c| c.line.as_str()).collect();
        assert_eq!(lines.len(), 11, "{lines:#?}");
        assert!(lines[0].ends_with(
            r#"set config "WSUS-Verwaltung" /section:system.web/identity /impersonate:false"#
        ));
        for app in crate::knowledge::wsus::IMPERSONATION_APPS {
            let path = format!("\"WSUS-Verwaltung/{app}\"");
            assert!(lines.iter().any(|l| l.contains(&path)), "{app}");
        }
        assert_eq!(lines[10], "iisreset");
        let ctx = causes::FixContext {
            site_name: Some("WSUS-Verwaltung".into()),
            ..Default::default()
        };
        assert!(causes::impersonation(&ctx)
            .commands
            .iter()
            .all(|c| !c.line.contains("WSUS Administration")));
        assert!(causes::site(&ctx).commands[0]
            .line
            .contains("'WSUS-Verwaltung'"));
    }

    #[test]
    fn the_bypass_list_names_the_host_both_ways() {
        assert_eq!(
            bypass_list(&[], "wsus01.corp.example.com"),
            "wsus01;wsus01.corp.example.com;<local>"
        );
        assert_eq!(
            bypass_list(
                &["*.example.net".into(), "<local>".into()],
                "wsus01.corp.example.com"
            ),
            "*.example.net;<local>;wsus01;wsus01.corp.example.com"
        );
        assert_eq!(bypass_list(&[], "wsus01"), "wsus01;<local>");
        assert_eq!(bypass_list(&[], "10.20.0.15"), "10.20.0.15");
        let ctx = causes::FixContext {
            wsus_host: Some("wsus01.corp.example.com".into()),
            ..Default::default()
        };
        assert!(causes::proxy(&ctx).commands[0]
            .line
            .contains(r#"bypass-list="wsus01;wsus01.corp.example.com;<local>""#));
    }
}
