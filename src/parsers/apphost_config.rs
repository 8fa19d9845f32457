//! IIS `applicationHost.config` (formats.md §3.2): sites with their bindings, applications and
//! virtual directories; application pools as written (inheritance is applied by
//! [`AppHostConfig::effective_pool`]); `<location>` sections with SSL flags and ASP.NET
//! impersonation; the site defaults' log folder.
//!
//! Attributes left out of an element are kept as `None`: IIS fills them from
//! `applicationPoolDefaults`, then from its schema, and a check must know which of the three
//! gave a value.

use super::ParseStats;
use crate::values::iis::TimeSpan;
use serde::Serialize;

/// A site binding (`<binding protocol="https" bindingInformation="*:8531:" sslFlags="0"/>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Binding {
    pub protocol: String,
    /// `ip:port:host` as written.
    pub information: String,
    pub port: Option<u16>,
    pub host: String,
    pub ssl_flags: Option<u32>,
    /// The certificate's SHA-1 thumbprint, when IIS keeps it with the binding.
    pub certificate_hash: Option<String>,
    pub line: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VirtualDirectory {
    pub path: String,
    pub physical_path: Option<String>,
}

/// An `<application>`: its path under the site and its pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    pub path: String,
    /// `None` means the site's (or the defaults') pool.
    pub pool: Option<String>,
    pub virtual_directories: Vec<VirtualDirectory>,
    pub line: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Site {
    pub id: Option<u64>,
    pub name: String,
    pub server_auto_start: Option<bool>,
    pub bindings: Vec<Binding>,
    pub applications: Vec<Application>,
    /// The site's own `<logFile directory>`.
    pub log_directory: Option<String>,
    pub line: u64,
}

impl Site {
    /// The application at `path` (`/ClientWebService`), case-insensitively as IIS matches.
    pub fn application(&self, path: &str) -> Option<&Application> {
        let want = path.trim_matches('/');
        self.applications
            .iter()
            .find(|a| a.path.trim_matches('/').eq_ignore_ascii_case(want))
    }

    /// Whether an application or virtual directory exists at `path` (root virtual directories
    /// such as `/Content` belong to the `/` application).
    pub(crate) fn has_path(&self, path: &str) -> bool {
        let want = path.trim_matches('/');
        self.application(path).is_some()
            || self.applications.iter().any(|a| {
                a.virtual_directories.iter().any(|v| {
                    let full = format!("{}/{}", a.path.trim_matches('/'), v.path.trim_matches('/'));
                    full.trim_matches('/').eq_ignore_ascii_case(want)
                })
            })
    }
}

/// Pool attributes as written on one element (`<add>` or `<applicationPoolDefaults>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PoolAttributes {
    pub auto_start: Option<bool>,
    pub queue_length: Option<u64>,
    pub managed_runtime_version: Option<String>,
    pub managed_pipeline_mode: Option<String>,
    pub enable_32bit_app_on_win64: Option<bool>,
    pub idle_timeout: Option<TimeSpan>,
    pub pinging_enabled: Option<bool>,
    pub identity_type: Option<String>,
    pub private_memory: Option<u64>,
    pub memory: Option<u64>,
    pub periodic_restart_time: Option<TimeSpan>,
    pub requests: Option<u64>,
    pub rapid_fail_protection: Option<bool>,
    pub load_balancer_capabilities: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppPool {
    pub name: String,
    pub attributes: PoolAttributes,
    pub line: u64,
}

/// One element of a `<staticContent>` collection, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum MimeMapChange {
    /// `<mimeMap fileExtension=".esd" mimeType="application/octet-stream" />`.
    Add {
        extension: String,
        mime_type: String,
        line: u64,
    },
    /// `<remove fileExtension=".esd" />`.
    Remove { extension: String, line: u64 },
    /// `<clear />`: nothing inherited stays.
    Clear { line: u64 },
}

/// A `system.webServer/staticContent` section's MIME map entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StaticContent {
    pub changes: Vec<MimeMapChange>,
    pub line: u64,
}

/// The MIME type IIS serves an extension with at some path, and the line that maps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MimeMapping {
    pub mime_type: String,
    pub line: u64,
}

/// A `<location path="Site/App">` section's settings that matter to WSUS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub path: String,
    /// `system.webServer/security/access/@sslFlags` (`Ssl, SslRequireCert`...).
    pub ssl_flags: Option<String>,
    /// `system.web/identity/@impersonate`.
    pub impersonate: Option<bool>,
    /// `system.webServer/staticContent`.
    pub static_content: Option<StaticContent>,
    pub line: u64,
}

/// Where an effective pool value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ValueSource {
    /// Written on the pool's own `<add>` element.
    Pool,
    /// Inherited from `<applicationPoolDefaults>`.
    PoolDefaults,
    /// Not written anywhere: the IIS schema default.
    IisDefault,
}

impl ValueSource {
    pub fn describe(self) -> &'static str {
        match self {
            ValueSource::Pool => "set on the pool",
            ValueSource::PoolDefaults => "inherited from applicationPoolDefaults",
            ValueSource::IisDefault => "IIS default (not set in applicationHost.config)",
        }
    }
}

/// One effective setting with its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Effective<T> {
    pub value: T,
    pub source: ValueSource,
}

/// A pool's settings after inheritance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct EffectivePool {
    pub name: String,
    pub auto_start: Effective<bool>,
    pub queue_length: Effective<u64>,
    pub idle_timeout: Effective<TimeSpan>,
    pub pinging_enabled: Effective<bool>,
    pub private_memory: Effective<u64>,
    pub memory: Effective<u64>,
    pub periodic_restart_time: Effective<TimeSpan>,
    pub rapid_fail_protection: Effective<bool>,
    pub load_balancer_capabilities: Effective<String>,
    pub enable_32bit_app_on_win64: Effective<bool>,
    pub managed_runtime_version: Effective<String>,
    pub line: u64,
}

/// What an applicationHost.config says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AppHostConfig {
    pub sites: Vec<Site>,
    pub pools: Vec<AppPool>,
    pub pool_defaults: PoolAttributes,
    pub locations: Vec<Location>,
    /// `<sites><siteDefaults><logFile directory>`.
    pub default_log_directory: Option<String>,
    /// `<sites><applicationDefaults applicationPool>`.
    pub default_application_pool: Option<String>,
    /// The server level's `system.webServer/staticContent` (outside any `<location>`).
    pub static_content: Option<StaticContent>,
}

// IIS schema defaults (formats.md §3.2, IIS-APPPOOL).
const DEFAULT_QUEUE_LENGTH: u64 = 1000;
const DEFAULT_IDLE_TIMEOUT: &str = "00:20:00";
const DEFAULT_PERIODIC_RESTART: &str = "29:00:00";
// The schema default of IIS 8 and later; IIS 7.x's was v2.0, but WSUS 4 needs IIS 8 or later.
const DEFAULT_MANAGED_RUNTIME: &str = "v4.0";

impl AppHostConfig {
    /// The `logFile` directory that applies to a site: the site's own `<logFile directory>`,
    /// else `<siteDefaults>`'s, else none (IIS's default applies).
    pub(crate) fn log_directory(&self, site_id: u64) -> Option<String> {
        self.site_by_id(site_id)
            .and_then(|s| s.log_directory.clone())
            .or_else(|| self.default_log_directory.clone())
    }

    pub fn pool(&self, name: &str) -> Option<&AppPool> {
        self.pools
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    pub(crate) fn site_by_id(&self, id: u64) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == Some(id))
    }

    /// The pool's effective settings: its own attributes, then `applicationPoolDefaults`, then the
    /// IIS schema defaults.
    pub(crate) fn effective_pool(&self, name: &str) -> Option<EffectivePool> {
        let pool = self.pool(name)?;
        let own = &pool.attributes;
        let defaults = &self.pool_defaults;
        fn pick<T: Clone>(own: &Option<T>, inherited: &Option<T>, schema: T) -> Effective<T> {
            match (own, inherited) {
                (Some(v), _) => Effective {
                    value: v.clone(),
                    source: ValueSource::Pool,
                },
                (None, Some(v)) => Effective {
                    value: v.clone(),
                    source: ValueSource::PoolDefaults,
                },
                (None, None) => Effective {
                    value: schema,
                    source: ValueSource::IisDefault,
                },
            }
        }
        Some(EffectivePool {
            name: pool.name.clone(),
            auto_start: pick(&own.auto_start, &defaults.auto_start, true),
            queue_length: pick(
                &own.queue_length,
                &defaults.queue_length,
                DEFAULT_QUEUE_LENGTH,
            ),
            idle_timeout: pick(
                &own.idle_timeout,
                &defaults.idle_timeout,
                TimeSpan::new(DEFAULT_IDLE_TIMEOUT),
            ),
            pinging_enabled: pick(&own.pinging_enabled, &defaults.pinging_enabled, true),
            private_memory: pick(&own.private_memory, &defaults.private_memory, 0),
            memory: pick(&own.memory, &defaults.memory, 0),
            periodic_restart_time: pick(
                &own.periodic_restart_time,
                &defaults.periodic_restart_time,
                TimeSpan::new(DEFAULT_PERIODIC_RESTART),
            ),
            rapid_fail_protection: pick(
                &own.rapid_fail_protection,
                &defaults.rapid_fail_protection,
                true,
            ),
            load_balancer_capabilities: pick(
                &own.load_balancer_capabilities,
                &defaults.load_balancer_capabilities,
                "HttpLevel".to_string(),
            ),
            enable_32bit_app_on_win64: pick(
                &own.enable_32bit_app_on_win64,
                &defaults.enable_32bit_app_on_win64,
                false,
            ),
            managed_runtime_version: pick(
                &own.managed_runtime_version,
                &defaults.managed_runtime_version,
                DEFAULT_MANAGED_RUNTIME.to_string(),
            ),
            line: pool.line,
        })
    }

    /// Whether the configuration has any `staticContent` section. A real applicationHost.config
    /// always has the server level's (IIS's few hundred MIME maps); one without is an excerpt
    /// whose MIME maps cannot be judged.
    pub(crate) fn has_static_content(&self) -> bool {
        self.static_content.is_some() || self.locations.iter().any(|l| l.static_content.is_some())
    }

    /// The MIME type IIS serves `extension` (`.esd`) with at `site/app`, as IIS inherits
    /// `staticContent`: the server level first, then each `<location>` from the least to the most
    /// specific path (`Site`, then `Site/Content`), each adding, removing or clearing entries.
    pub(crate) fn mime_mapping(
        &self,
        site: &str,
        app: &str,
        extension: &str,
    ) -> Option<MimeMapping> {
        let target = format!("{}/{}", site, app.trim_matches('/'));
        let target = target.trim_matches('/').to_ascii_lowercase();
        let applies = |path: &str| {
            let p = path.trim_matches('/').to_ascii_lowercase();
            p.is_empty() || p == "." || target == p || target.starts_with(&format!("{p}/"))
        };
        let mut sections: Vec<(usize, &StaticContent)> =
            self.static_content.iter().map(|s| (0, s)).collect();
        let mut located: Vec<(usize, &StaticContent)> = self
            .locations
            .iter()
            .filter(|l| applies(&l.path))
            .filter_map(|l| {
                let depth = l.path.trim_matches('/').trim_start_matches('.').len();
                l.static_content.as_ref().map(|s| (depth, s))
            })
            .collect();
        // A stable sort keeps document order between locations of the same path.
        located.sort_by_key(|(depth, _)| *depth);
        sections.extend(located);
        let mut found = None;
        for (_, section) in sections {
            for change in &section.changes {
                match change {
                    MimeMapChange::Add {
                        extension: e,
                        mime_type,
                        line,
                    } if e.eq_ignore_ascii_case(extension) => {
                        found = Some(MimeMapping {
                            mime_type: mime_type.clone(),
                            line: *line,
                        })
                    }
                    MimeMapChange::Remove { extension: e, .. }
                        if e.eq_ignore_ascii_case(extension) =>
                    {
                        found = None
                    }
                    MimeMapChange::Clear { .. } => found = None,
                    _ => {}
                }
            }
        }
        found
    }

    /// The `<location>` for `site/app` (`WSUS Administration/ClientWebService`).
    pub fn location(&self, site: &str, app: &str) -> Option<&Location> {
        let want = format!("{}/{}", site, app.trim_matches('/'));
        self.locations.iter().find(|l| {
            l.path
                .trim_matches('/')
                .eq_ignore_ascii_case(want.trim_matches('/'))
        })
    }
}

fn line_of(doc: &roxmltree::Document, node: roxmltree::Node) -> u64 {
    u64::from(doc.text_pos_at(node.range().start).row)
}

fn attr_bool(node: roxmltree::Node, name: &str) -> Option<bool> {
    node.attribute(name)
        .map(|v| v.trim().eq_ignore_ascii_case("true"))
}

fn attr_u64(node: roxmltree::Node, name: &str) -> Option<u64> {
    node.attribute(name).and_then(|v| v.trim().parse().ok())
}

fn attr_string(node: roxmltree::Node, name: &str) -> Option<String> {
    node.attribute(name).map(str::to_string)
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn pool_attributes(node: roxmltree::Node) -> PoolAttributes {
    let process = child(node, "processModel");
    let restart = child(node, "recycling").and_then(|r| child(r, "periodicRestart"));
    let failure = child(node, "failure");
    PoolAttributes {
        auto_start: attr_bool(node, "autoStart"),
        queue_length: attr_u64(node, "queueLength"),
        managed_runtime_version: attr_string(node, "managedRuntimeVersion"),
        managed_pipeline_mode: attr_string(node, "managedPipelineMode"),
        enable_32bit_app_on_win64: attr_bool(node, "enable32BitAppOnWin64"),
        idle_timeout: process
            .and_then(|p| attr_string(p, "idleTimeout"))
            .map(TimeSpan::new),
        pinging_enabled: process.and_then(|p| attr_bool(p, "pingingEnabled")),
        identity_type: process.and_then(|p| attr_string(p, "identityType")),
        private_memory: restart.and_then(|r| attr_u64(r, "privateMemory")),
        memory: restart.and_then(|r| attr_u64(r, "memory")),
        periodic_restart_time: restart
            .and_then(|r| attr_string(r, "time"))
            .map(TimeSpan::new),
        requests: restart.and_then(|r| attr_u64(r, "requests")),
        rapid_fail_protection: failure.and_then(|f| attr_bool(f, "rapidFailProtection")),
        load_balancer_capabilities: failure
            .and_then(|f| attr_string(f, "loadBalancerCapabilities")),
    }
}

fn static_content(doc: &roxmltree::Document, node: roxmltree::Node) -> StaticContent {
    let changes = node
        .children()
        .filter(|c| c.is_element())
        .filter_map(|c| {
            let line = line_of(doc, c);
            let extension = || {
                c.attribute("fileExtension")
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            Some(match c.tag_name().name() {
                "mimeMap" => MimeMapChange::Add {
                    extension: extension(),
                    mime_type: c.attribute("mimeType").unwrap_or("").to_string(),
                    line,
                },
                "remove" => MimeMapChange::Remove {
                    extension: extension(),
                    line,
                },
                "clear" => MimeMapChange::Clear { line },
                _ => return None,
            })
        })
        .collect();
    StaticContent {
        changes,
        line: line_of(doc, node),
    }
}

/// The `system.webServer/staticContent` directly under `parent`.
fn static_content_of(doc: &roxmltree::Document, parent: roxmltree::Node) -> Option<StaticContent> {
    child(parent, "system.webServer")
        .and_then(|w| child(w, "staticContent"))
        .map(|s| static_content(doc, s))
}

fn binding(doc: &roxmltree::Document, node: roxmltree::Node) -> Binding {
    let information = node
        .attribute("bindingInformation")
        .unwrap_or("")
        .to_string();
    let protocol = node.attribute("protocol").unwrap_or("").to_string();
    // `ip:port:host`; IPv6 addresses are bracketed, so the port is the second field from the end.
    let mut fields = information.rsplitn(3, ':');
    let host = fields.next().unwrap_or("").to_string();
    let port = fields.next().and_then(|p| p.parse().ok());
    Binding {
        protocol,
        port,
        host,
        information,
        ssl_flags: attr_u64(node, "sslFlags").and_then(|v| u32::try_from(v).ok()),
        certificate_hash: attr_string(node, "certificateHash"),
        line: line_of(doc, node),
    }
}

/// Parses the document. A document that is not XML is one malformed record; unknown elements
/// are ignored.
pub fn parse(text: &str, stats: &mut ParseStats) -> AppHostConfig {
    let mut config = AppHostConfig::default();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = match roxmltree::Document::parse_with_options(text, opts) {
        Ok(d) => d,
        Err(e) => {
            let line = u64::from(e.pos().row);
            stats.malformed(
                line,
                || crate::tr!("malformed-xml", error = e.to_string()),
                b"",
            );
            return config;
        }
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "applicationPools" => {
                for c in node.children().filter(|c| c.is_element()) {
                    match c.tag_name().name() {
                        "add" => {
                            stats.records += 1;
                            config.pools.push(AppPool {
                                name: c.attribute("name").unwrap_or("").to_string(),
                                attributes: pool_attributes(c),
                                line: line_of(&doc, c),
                            });
                        }
                        "applicationPoolDefaults" => config.pool_defaults = pool_attributes(c),
                        _ => {}
                    }
                }
            }
            "sites"
                if node
                    .parent()
                    .is_some_and(|p| p.has_tag_name("system.applicationHost")) =>
            {
                for c in node.children().filter(|c| c.is_element()) {
                    match c.tag_name().name() {
                        "site" => {
                            stats.records += 1;
                            config.sites.push(site(&doc, c));
                        }
                        "siteDefaults" => {
                            config.default_log_directory =
                                child(c, "logFile").and_then(|l| attr_string(l, "directory"));
                        }
                        "applicationDefaults" => {
                            config.default_application_pool = attr_string(c, "applicationPool");
                        }
                        _ => {}
                    }
                }
            }
            "location" => {
                let Some(path) = node.attribute("path") else {
                    continue;
                };
                let ssl_flags = node
                    .descendants()
                    .find(|d| {
                        d.has_tag_name("access")
                            && d.parent().is_some_and(|p| p.has_tag_name("security"))
                    })
                    .and_then(|a| attr_string(a, "sslFlags"));
                let impersonate = node
                    .descendants()
                    .find(|d| d.has_tag_name("identity"))
                    .and_then(|i| attr_bool(i, "impersonate"));
                config.locations.push(Location {
                    path: path.to_string(),
                    ssl_flags,
                    impersonate,
                    static_content: static_content_of(&doc, node),
                    line: line_of(&doc, node),
                });
            }
            "configuration" if node.parent().is_some_and(|p| p.is_root()) => {
                config.static_content = static_content_of(&doc, node);
            }
            _ => {}
        }
    }
    config
}

fn site(doc: &roxmltree::Document, node: roxmltree::Node) -> Site {
    let bindings = child(node, "bindings")
        .map(|b| {
            b.children()
                .filter(|c| c.has_tag_name("binding"))
                .map(|c| binding(doc, c))
                .collect()
        })
        .unwrap_or_default();
    let applications = node
        .children()
        .filter(|c| c.has_tag_name("application"))
        .map(|a| Application {
            path: a.attribute("path").unwrap_or("/").to_string(),
            pool: attr_string(a, "applicationPool"),
            virtual_directories: a
                .children()
                .filter(|v| v.has_tag_name("virtualDirectory"))
                .map(|v| VirtualDirectory {
                    path: v.attribute("path").unwrap_or("/").to_string(),
                    physical_path: attr_string(v, "physicalPath"),
                })
                .collect(),
            line: line_of(doc, a),
        })
        .collect();
    Site {
        id: attr_u64(node, "id"),
        name: node.attribute("name").unwrap_or("").to_string(),
        server_auto_start: attr_bool(node, "serverAutoStart"),
        bindings,
        applications,
        log_directory: child(node, "logFile").and_then(|l| attr_string(l, "directory")),
        line: line_of(doc, node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <applicationPools>
      <add name="WsusPool" queueLength="2000">
        <recycling><periodicRestart privateMemory="1843200" /></recycling>
      </add>
      <applicationPoolDefaults managedRuntimeVersion="v4.0">
        <processModel idleTimeout="00:10:00" />
      </applicationPoolDefaults>
    </applicationPools>
    <sites>
      <site name="WSUS-Verwaltung" id="1572271583" serverAutoStart="true">
        <application path="/" applicationPool="WsusPool">
          <virtualDirectory path="/" physicalPath="C:\Program Files\Update Services\WebServices\Root" />
          <virtualDirectory path="/Content" physicalPath="D:\WSUS\WsusContent" />
        </application>
        <application path="/ClientWebService" applicationPool="WsusPool" />
        <bindings>
          <binding protocol="http" bindingInformation="*:8530:" />
          <binding protocol="https" bindingInformation="[::1]:8531:" sslFlags="0" />
        </bindings>
      </site>
      <siteDefaults><logFile directory="%SystemDrive%\inetpub\logs\LogFiles" /></siteDefaults>
    </sites>
  </system.applicationHost>
  <location path="WSUS-Verwaltung/ClientWebService">
    <system.webServer><security><access sslFlags="Ssl, SslNegotiateCert" /></security></system.webServer>
  </location>
</configuration>"#;

    #[test]
    fn sites_pools_and_inheritance() {
        let mut stats = ParseStats::default();
        let c = parse(CONFIG, &mut stats);
        assert_eq!(stats.records, 2);
        let site = c.site_by_id(1572271583).unwrap();
        assert_eq!(site.bindings[1].port, Some(8531));
        assert!(site.has_path("Content"));
        assert!(site.has_path("/ClientWebService"));
        assert!(!site.has_path("Inventory"));
        let pool = c.effective_pool("wsuspool").unwrap();
        assert_eq!(pool.private_memory.value, 1_843_200);
        assert_eq!(pool.private_memory.source, ValueSource::Pool);
        assert_eq!(pool.idle_timeout.value.to_string(), "00:10:00");
        assert_eq!(pool.idle_timeout.source, ValueSource::PoolDefaults);
        assert_eq!(pool.pinging_enabled.source, ValueSource::IisDefault);
        assert!(pool.pinging_enabled.value);
        assert_eq!(pool.periodic_restart_time.value.to_string(), "29:00:00");
        assert_eq!(pool.line, 5);
        let loc = c.location("WSUS-Verwaltung", "/ClientWebService").unwrap();
        assert_eq!(loc.ssl_flags.as_deref(), Some("Ssl, SslNegotiateCert"));
        assert_eq!(
            c.default_log_directory.as_deref(),
            Some("%SystemDrive%\\inetpub\\logs\\LogFiles")
        );
    }

    #[test]
    fn mime_maps_inherit_from_the_server_level_through_locations() {
        let text = r#"<configuration>
  <system.applicationHost><sites /></system.applicationHost>
  <system.webServer>
    <staticContent>
      <mimeMap fileExtension=".esd" mimeType="application/vnd.ms-cab-compressed" />
      <mimeMap fileExtension=".wim" mimeType="application/x-ms-wim" />
    </staticContent>
  </system.webServer>
  <location path="WSUS Administration">
    <system.webServer><staticContent><remove fileExtension=".ESD" /></staticContent></system.webServer>
  </location>
  <location path="WSUS Administration/Content">
    <system.webServer><staticContent><mimeMap fileExtension=".msu" mimeType="application/octet-stream" /></staticContent></system.webServer>
  </location>
  <location path="Default Web Site">
    <system.webServer><staticContent><clear /></staticContent></system.webServer>
  </location>
</configuration>"#;
        let c = parse(text, &mut ParseStats::default());
        assert!(c.has_static_content());
        let at = |site: &str, app: &str, ext: &str| c.mime_mapping(site, app, ext);
        // Removed for the WSUS site, kept elsewhere; .wim inherited from the server level.
        assert_eq!(at("WSUS Administration", "/Content", ".esd"), None);
        assert_eq!(
            at("Other", "/Content", ".esd").map(|m| (m.mime_type, m.line)),
            Some(("application/vnd.ms-cab-compressed".to_string(), 5))
        );
        assert_eq!(
            at("wsus administration", "/Content", ".wim").map(|m| m.line),
            Some(6)
        );
        // Added only below /Content, and not for a site whose name merely starts the same.
        assert!(at("WSUS Administration", "/Content", ".msu").is_some());
        assert!(at("WSUS Administration", "/", ".msu").is_none());
        assert!(at("WSUS Administration2", "/Content", ".esd").is_some());
        // <clear /> drops everything inherited.
        assert!(at("Default Web Site", "/", ".wim").is_none());
        let excerpt = parse(CONFIG, &mut ParseStats::default());
        assert!(!excerpt.has_static_content());
    }

    #[test]
    fn bitness_and_clr_version_after_inheritance() {
        let c = parse(CONFIG, &mut ParseStats::default());
        let pool = c.effective_pool("WsusPool").unwrap();
        assert!(!pool.enable_32bit_app_on_win64.value);
        assert_eq!(
            pool.enable_32bit_app_on_win64.source,
            ValueSource::IisDefault
        );
        assert_eq!(pool.managed_runtime_version.value, "v4.0");
        assert_eq!(
            pool.managed_runtime_version.source,
            ValueSource::PoolDefaults
        );
        let text = CONFIG.replace(
            r#"<add name="WsusPool" queueLength="2000">"#,
            r#"<add name="WsusPool" queueLength="2000" enable32BitAppOnWin64="True" managedRuntimeVersion="">"#,
        );
        let c = parse(&text, &mut ParseStats::default());
        let pool = c.effective_pool("WsusPool").unwrap();
        assert!(pool.enable_32bit_app_on_win64.value);
        assert_eq!(pool.managed_runtime_version.value, "");
        assert_eq!(pool.managed_runtime_version.source, ValueSource::Pool);
    }

    #[test]
    fn timespans_and_bad_xml() {
        let mut stats = ParseStats::default();
        let c = parse("<configuration><sites>", &mut stats);
        assert_eq!(stats.malformed, 1);
        assert!(c.sites.is_empty());
    }
}
