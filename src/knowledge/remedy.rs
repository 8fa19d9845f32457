//! What to do about a finding: the wording and the exact commands.

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
    pub comment: Option<String>,
}

/// What to do about a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remedy {
    pub text: String,
    pub commands: Vec<Command>,
}

impl Remedy {
    pub fn new(text: impl Into<String>) -> Self {
        Remedy {
            text: text.into(),
            commands: Vec::new(),
        }
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
    pub fn and_commands_of(mut self, other: Remedy) -> Self {
        self.commands.extend(other.commands);
        self
    }

    /// Adds a comment to the last command.
    pub fn comment(mut self, text: impl Into<String>) -> Self {
        if let Some(c) = self.commands.last_mut() {
            c.comment = Some(text.into());
        }
        self
    }
}

/// IIS command lines, written once: `appcmd` for cmd and the WebAdministration module for
/// PowerShell (IIS-APPPOOL).
pub mod iis {
    /// `appcmd` for a command line.
    pub const APPCMD: &str = r"%windir%\system32\inetsrv\appcmd.exe";
    const PS_MODULE: &str = "Import-Module WebAdministration; ";

    /// `appcmd set apppool "POOL" /SETTING`.
    pub fn set_pool_cmd(pool: &str, setting: &str) -> String {
        format!("{APPCMD} set apppool \"{pool}\" /{setting}")
    }

    /// `Set-ItemProperty 'IIS:\AppPools\POOL' -Name NAME -Value VALUE`.
    pub fn set_pool_ps(pool: &str, name: &str, value: &str) -> String {
        format!("{PS_MODULE}Set-ItemProperty 'IIS:\\AppPools\\{pool}' -Name {name} -Value {value}")
    }

    pub fn start_pool_cmd(pool: &str) -> String {
        format!("{APPCMD} start apppool /apppool.name:\"{pool}\"")
    }

    pub fn start_pool_ps(pool: &str) -> String {
        format!("{PS_MODULE}Start-WebAppPool -Name '{pool}'")
    }

    pub fn recycle_pool_cmd(pool: &str) -> String {
        format!("{APPCMD} recycle apppool /apppool.name:\"{pool}\"")
    }

    pub fn start_site_cmd(site: &str) -> String {
        format!("{APPCMD} start site /site.name:\"{site}\"")
    }

    pub fn start_site_ps(site: &str) -> String {
        format!("{PS_MODULE}Start-WebSite -Name '{site}'")
    }
}

/// The private memory limit of the WSUS pool raised to KB4025764's 8 GB and the pool recycled,
/// with `text` saying why in the finding's own terms.
pub fn raise_pool_private_memory(pool: &str, text: impl Into<String>) -> Remedy {
    let kb = crate::knowledge::wsus::GUIDE_PRIVATE_MEMORY_KB;
    Remedy::new(text)
        .cmd(iis::set_pool_cmd(
            pool,
            &format!("recycling.periodicRestart.privateMemory:{kb}"),
        ))
        .comment("KB4025764: an 8 GB private memory limit (the value is in KB)")
        .powershell(iis::set_pool_ps(
            pool,
            "recycling.periodicRestart.privateMemory",
            &kb.to_string(),
        ))
        .comment("the same in PowerShell")
        .cmd(iis::recycle_pool_cmd(pool))
        .comment("apply the new limit now")
}

/// The WSUS pool's queue length raised to KB4490414's figure.
pub fn raise_pool_queue_length(remedy: Remedy, pool: &str) -> Remedy {
    let n = crate::knowledge::wsus::RECOMMENDED_QUEUE_LENGTH;
    remedy
        .cmd(iis::set_pool_cmd(pool, &format!("queueLength:{n}")))
        .comment(format!("KB4490414: queue length {n}"))
        .powershell(iis::set_pool_ps(pool, "queueLength", &n.to_string()))
}

/// The first fix of each root cause the diagnosis recognises.
pub mod causes {
    use super::{iis, Remedy};
    use crate::knowledge::wsus;

    pub fn pool_memory() -> Remedy {
        let pool = wsus::SETUP_POOL_NAME;
        super::raise_pool_queue_length(
            super::raise_pool_private_memory(
                pool,
                format!("Raise {pool}'s private memory limit (KB4025764: 4-8 GB or more; KB4490414: 0, no limit) and its queue length to {}, then recycle the pool.", wsus::RECOMMENDED_QUEUE_LENGTH),
            ),
            pool,
        )
    }

    pub fn pool_start() -> Remedy {
        let pool = wsus::SETUP_POOL_NAME;
        Remedy::new(format!("Start {pool}, then stop what makes it crash (its memory limit, the events before rapid-fail protection stopped it)."))
            .powershell(iis::start_pool_ps(pool))
            .cmd(iis::start_pool_cmd(pool))
    }

    pub fn services() -> Remedy {
        Remedy::new(
            "Start the stopped services and read the System and Application logs for why they stopped.",
        )
        .powershell("Start-Service WAS, W3SVC, WsusService; Get-Service WsusService, W3SVC, WAS")
    }

    pub fn site() -> Remedy {
        let site = wsus::SETUP_SITE_NAME;
        Remedy::new("Start the WSUS site and restore its bindings (8530 for HTTP, 8531 for HTTPS, or 80/443 on the Default Web Site).")
            .powershell(format!("{}; Get-WebBinding -Name '{site}'", iis::start_site_ps(site)))
    }

    pub fn vdir() -> Remedy {
        Remedy::new("Recreate the WSUS virtual directories by running WSUS post-installation again, then check the site in IIS Manager.")
            .cmd(format!("{} postinstall CONTENT_DIR=<content folder>", wsus::WSUSUTIL))
    }

    pub fn ssl() -> Remedy {
        Remedy::new(
            "Make SSL consistent: the client's URL must use the certificate's FQDN and port 8531 with https, the certificate must be valid and trusted by the clients, client certificates must be set to Ignore, and only the web-service virtual directories may require SSL.",
        )
        .cmd(format!("{} configuressl <certificate FQDN>", wsus::WSUSUTIL))
    }

    pub fn policy() -> Remedy {
        Remedy::new(
            "Correct the Group Policy 'Specify intranet Microsoft update service location' to the server's FQDN with its port (http://wsus.contoso.com:8530 or https://wsus.contoso.com:8531), no trailing slash, then refresh policy and scan.",
        )
        .cmd("gpupdate /force")
        .cmd("UsoClient StartScan")
    }

    pub fn proxy() -> Remedy {
        Remedy::new("Let the Windows Update agent reach WSUS directly: add the WSUS host to the WinHTTP proxy bypass list (or remove the proxy).")
            .cmd(r#"netsh winhttp set proxy proxy-server="<proxy:port>" bypass-list="*.contoso.com;<local>""#)
    }

    pub fn network() -> Remedy {
        Remedy::new("Find what blocks the client: test the port from the client and check the firewalls between client and server.")
            .powershell("Test-NetConnection <wsus fqdn> -Port 8530")
    }

    pub fn configmgr() -> Remedy {
        Remedy::new(
            "Remove the Group Policy that sets the WSUS location on Configuration Manager clients (or make it name the software update point), then force a Software Updates Scan Cycle.",
        )
        .powershell(r#"Invoke-WmiMethod -Namespace root\ccm -Class SMS_Client -Name TriggerSchedule -ArgumentList "{00000000-0000-0000-0000-000000000113}""#)
    }

    pub fn impersonation() -> Remedy {
        Remedy::new("Turn ASP.NET impersonation off on the WSUS site and its virtual directories (IIS Manager > site > Authentication > ASP.NET Impersonation > Disable).")
            .cmd(format!(
                "{} set config \"{}\" /section:system.web/identity /impersonate:false",
                iis::APPCMD,
                wsus::SETUP_SITE_NAME
            ))
    }

    pub fn prerequisites() -> Remedy {
        Remedy::new(
            "Install KB4039929 on WSUS 3.0 SP2 (and on the site server's WSUS console), or the rollup the guide names for Server 2012/2012 R2/2016 (KB4039873/KB4039871/KB4039396) or any later one; restart the server, then check again.",
        )
    }
}
