//! `--redact`: the finished report with every host name, address, domain, account, SID and
//! certificate subject replaced by a pseudonym that keeps its meaning (`server-1`, `client-2`,
//! `host-1`, `ip-3`, `domain-1`, `user-1`, `sid-1`, `name-1`).
//!
//! It runs on the report after the diagnosis, so causes and statuses are the ones the evidence
//! gives; every renderer then reads the same redacted report. Identifiers are learnt first from
//! the report's structured fields (machines and their roles, timeline hosts, WSUS URLs in the
//! policy evidence), so that the WSUS server is `server-1` wherever it appears, then every string
//! is swept for addresses, domain names, SIDs and accounts; each identifier found is replaced
//! everywhere as a whole token (never part of a longer one, so a fix command stays runnable once
//! the names are put back).

use super::{Inventory, Report, Side};
use crate::finding::{EvidenceItem, Finding};
use crate::knowledge::remedy::Remedy;
use crate::values::{EvidenceRef, MachineName};
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

/// What a pseudonym stands for; its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Server,
    Client,
    Host,
    Ip,
    Domain,
    User,
    Sid,
    Name,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Server => "server",
            Kind::Client => "client",
            Kind::Host => "host",
            Kind::Ip => "ip",
            Kind::Domain => "domain",
            Kind::User => "user",
            Kind::Sid => "sid",
            Kind::Name => "name",
        }
    }
}

/// Top-level domains (and the private suffixes AD domains use) by which a dotted word is taken
/// for a DNS name; without such a suffix `server.iis-log` or `HTTP.sys` is no host.
const TLDS: &[&str] = &[
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "mil",
    "int",
    "info",
    "biz",
    "io",
    "co",
    "eu",
    "uk",
    "de",
    "fr",
    "jp",
    "nl",
    "be",
    "ch",
    "at",
    "it",
    "es",
    "se",
    "no",
    "dk",
    "fi",
    "pl",
    "cz",
    "ru",
    "cn",
    "kr",
    "au",
    "nz",
    "ca",
    "us",
    "br",
    "in",
    "local",
    "lan",
    "corp",
    "internal",
    "intranet",
    "intra",
    "home",
    "example",
    "test",
    "invalid",
    "localdomain",
    "ad",
    "private",
];

/// Microsoft's own hosts identify nobody: they stay, so that "the client goes to Microsoft
/// Update" still reads as such.
const MICROSOFT_SUFFIXES: &[&str] = &["microsoft.com", "windowsupdate.com", "windows.com"];

/// Dotted words with a TLD-like last label that are names of technologies, not of hosts.
fn is_technology(name: &str) -> bool {
    let first = name.split('.').next().unwrap_or_default();
    ["asp", "system", "microsoft", "windows"]
        .iter()
        .any(|t| first.eq_ignore_ascii_case(t))
}

/// Short names too common to replace everywhere (a server called `wsus` would otherwise turn
/// every mention of WSUS into a pseudonym); they are replaced where they are a URL's or a UNC
/// path's host only.
const COMMON_WORDS: &[&str] = &[
    "wsus",
    "proxy",
    "server",
    "client",
    "update",
    "updates",
    "www",
    "web",
    "host",
    "domain",
    "windows",
    "microsoft",
    "pool",
    "site",
    "iis",
    "default",
];

/// Maximal runs of digits and dots: an address only when the whole run is one (so the version
/// `10.0.17763.1` is no address).
static IPV4: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]+(?:\.[0-9]+)+").unwrap());
static IPV6: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:%[0-9A-Za-z]+)?").unwrap());
static FQDN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))+\b").unwrap()
});
static URL_HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?|ftp)://(?:[^@/\s]+@)?(\[[0-9a-f:.%]+\]|[^/\s:'"<>\])\\]+)(?::([0-9]{1,5}))?"#)
        .unwrap()
});
static UNC_HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s'\x22(=])\\\\([A-Za-z0-9][A-Za-z0-9._-]*)\\").unwrap());
static SID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bS-1-5-21(?:-[0-9]+){3,4}\b").unwrap());
static ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s'\x22(=,:])([A-Za-z0-9][A-Za-z0-9-]{0,14})\\([A-Za-z0-9][A-Za-z0-9._-]{0,63}\$?)(?:$|[\s'\x22),;:])")
        .unwrap()
});
static UPN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z0-9][a-z0-9._-]{0,63})@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b").unwrap()
});
static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:CN|O|OU|L|ST|DC)=([^,;/\x22\n]+)").unwrap());
/// `collect`'s own zip name, `wsus-doctor-MACHINE-DATE-TIME.zip`.
static COLLECT_ZIP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"wsus-doctor-([A-Za-z0-9-]+?)-[0-9]{8}-[0-9]{6}\.zip").unwrap());

/// A folder or archive name that reads as a computer's: the NetBIOS form (a letter, then 2 to 14
/// letters, digits or hyphens) with a digit, as machines are numbered (`PC-0042`, `WSUS01`).
/// Without the digit, folder names such as `logs` or `evidence` would be taken for machines.
static COMPUTER_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9-]{2,14}$").unwrap());

/// Archives the evidence is read from, whose name without extension may be the machine's.
const ARCHIVE_EXTENSIONS: &[&str] = &[".zip", ".gz"];

/// Folders with digits in their names that Windows and IIS create, which are nobody's machine.
fn is_system_folder(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    let numbered = |prefix: &str| {
        l.strip_prefix(prefix)
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
    };
    [
        "system32", "syswow64", "x64", "x86", "amd64", "arm64", "win32", "win64",
    ]
    .contains(&l.as_str())
        || numbered("w3svc")
        || numbered("ftpsvc")
        || numbered("smtpsvc")
}

/// Account domains that are Windows' own, not an organisation's.
const BUILTIN_ACCOUNT_DOMAINS: &[&str] = &[
    "NT AUTHORITY",
    "NT",
    "AUTHORITY",
    "BUILTIN",
    "APPPOOL",
    "SERVICE",
    "HKLM",
    "HKCU",
    "HKU",
    "HKCR",
    "HKEY_LOCAL_MACHINE",
    "HKEY_CURRENT_USER",
    "HKEY_USERS",
];

/// The pseudonyms of one run.
#[derive(Debug, Default)]
pub struct Redactor {
    /// A host's pseudonym by its short name in upper case (names compare without case or DNS
    /// suffix, as [`MachineName`] does).
    hosts: HashMap<String, String>,
    domains: HashMap<String, String>,
    /// Every original spelling (lower case) to its replacement; what the sweep replaces.
    tokens: HashMap<String, String>,
    /// Names replaced only as a URL's or UNC path's host.
    url_only: HashMap<String, String>,
    /// Pseudonym to the original it stands for, for `--redact-map`.
    originals: BTreeMap<String, String>,
    counters: HashMap<Kind, usize>,
    matcher: Option<Regex>,
    /// Set while a report is first read whole: the pseudonyms are all given before any text is
    /// replaced, so the matcher is built once rather than once per new identifier.
    learning: bool,
    /// Set while a fix is read: its URLs may be the catalogue's own examples
    /// (`http://wsus.contoso.com:8530`), so a WSUS port there makes no server.
    in_remedy: bool,
    /// `SERVER\INSTANCE` pairs of SQL Server instances (lower case): a server and an instance,
    /// not a domain and an account.
    sql_instances: std::collections::HashSet<(String, String)>,
}

fn is_identifying_ipv4(ip: Ipv4Addr) -> bool {
    let bits = u32::from(ip);
    let mask = bits.leading_ones() + bits.trailing_zeros() == 32;
    !(ip.is_loopback() || ip.is_unspecified() || ip.is_broadcast() || mask)
}

fn is_microsoft(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    MICROSOFT_SUFFIXES
        .iter()
        .any(|s| n == *s || n.ends_with(&format!(".{s}")))
}

fn is_dns_name(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or_default();
    name.contains('.')
        && TLDS.iter().any(|t| last.eq_ignore_ascii_case(t))
        && !is_technology(name)
        && !is_microsoft(name)
}

/// Whether the match is part of a longer dotted number (`10.0.0.1` in `10.0.0.1.5`, a version),
/// which is no address.
fn inside_dotted_number(text: &str, start: usize, end: usize) -> bool {
    let digit_at = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    let numeric = digit_at(&text[start..]);
    let after = text[end..].strip_prefix('.').is_some_and(digit_at);
    let before = text[..start]
        .strip_suffix('.')
        .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
    numeric && (after || before)
}

/// Whether `c` continues a token: a pseudonym never replaces part of a name.
fn token_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

impl Redactor {
    pub fn new() -> Redactor {
        Redactor::default()
    }

    fn next(&mut self, kind: Kind) -> String {
        let n = self.counters.entry(kind).or_default();
        *n += 1;
        format!("{}-{n}", kind.prefix())
    }

    fn token(&mut self, original: &str, pseudonym: &str) {
        self.tokens
            .entry(original.to_lowercase())
            .or_insert_with(|| {
                self.matcher = None;
                pseudonym.to_string()
            });
    }

    fn remember(&mut self, pseudonym: &str, original: &str) {
        self.originals
            .entry(pseudonym.to_string())
            .or_insert_with(|| original.to_string());
    }

    /// The pseudonym of a machine by its short name; a known host keeps its first one.
    fn host(&mut self, short: &str, kind: Kind) -> String {
        let key = short.to_uppercase();
        if let Some(p) = self.hosts.get(&key) {
            return p.clone();
        }
        let p = self.next(kind);
        self.hosts.insert(key, p.clone());
        self.remember(&p, short);
        if COMMON_WORDS.iter().any(|w| short.eq_ignore_ascii_case(w)) {
            self.url_only.insert(short.to_lowercase(), p.clone());
        } else {
            self.token(short, &p);
        }
        p
    }

    fn domain(&mut self, name: &str) -> String {
        let key = name.to_lowercase();
        if let Some(p) = self.domains.get(&key) {
            return p.clone();
        }
        let p = self.next(Kind::Domain);
        self.domains.insert(key, p.clone());
        self.remember(&p, name);
        self.token(name, &p);
        p
    }

    /// A machine's name, short or with its DNS suffix, in a known role.
    fn machine(&mut self, name: &str, kind: Kind) -> String {
        let name = name.trim().trim_end_matches('.');
        if name.is_empty() || name.eq_ignore_ascii_case("localhost") {
            return name.to_string();
        }
        if let Ok(ip) = name.trim_matches(['[', ']']).parse::<std::net::IpAddr>() {
            return self.address(&ip.to_string(), name);
        }
        // A machine no evidence names goes by the folder its files came from: the whole path
        // stands for it.
        if name.contains(['/', '\\']) {
            return self.host(name, kind);
        }
        match name.split_once('.') {
            Some((short, suffix)) => {
                let h = self.host(short, kind);
                let d = self.domain(suffix);
                let p = format!("{h}.{d}");
                self.token(name, &p);
                p
            }
            None => self.host(name, kind),
        }
    }

    fn address(&mut self, canonical: &str, spelt: &str) -> String {
        if let Some(p) = self.tokens.get(&canonical.to_lowercase()) {
            let p = p.clone();
            self.token(spelt, &p);
            return p;
        }
        let p = self.next(Kind::Ip);
        self.remember(&p, canonical);
        self.token(canonical, &p);
        self.token(spelt, &p);
        p
    }

    /// A dotted DNS name seen in free text: a host in a domain when it has three labels or more
    /// or its first label is a known machine, else a domain.
    fn dns_name(&mut self, name: &str) {
        if self.tokens.contains_key(&name.to_lowercase()) {
            return;
        }
        let (short, suffix) = name.split_once('.').unwrap_or((name, ""));
        let known = self.hosts.contains_key(&short.to_uppercase());
        if known || suffix.contains('.') || self.domains.contains_key(&suffix.to_lowercase()) {
            self.machine(name, Kind::Host);
        } else {
            self.domain(name);
        }
    }

    /// Learns the machine names an evidence path carries in its folders and archive names
    /// (`evidence\\PC-0042\\`, `PC-0042.zip`): a file that names no machine, or could not be
    /// read at all, still shows where it came from.
    pub fn learn_path(&mut self, path: &str) {
        // `!/` separates an archive from its member (`PC-0042.zip!/WindowsUpdate.log`).
        let parts: Vec<&str> = path
            .split(['/', '\\', '!'])
            .filter(|c| !c.is_empty())
            .collect();
        for (i, part) in parts.iter().enumerate() {
            let archive = ARCHIVE_EXTENSIONS.iter().find_map(|e| {
                let cut = part.len().checked_sub(e.len())?;
                part.get(cut..)
                    .filter(|x| x.eq_ignore_ascii_case(e))
                    .and_then(|_| part.get(..cut))
            });
            let name = match archive {
                // `wsus01.corp.example.zip` names `wsus01` of `corp.example`.
                Some(stem) => stem.split('.').next().unwrap_or(stem),
                // A file's own name (`httperr1.log`) is no machine's; the last part of a path
                // without an extension may be a folder.
                None if i + 1 == parts.len() && part.contains('.') => continue,
                None => part,
            };
            if COMPUTER_NAME.is_match(name)
                && name.bytes().any(|b| b.is_ascii_digit())
                && !is_system_folder(name)
                && !COMMON_WORDS.iter().any(|w| name.eq_ignore_ascii_case(w))
            {
                self.host(name, Kind::Host);
            }
        }
    }

    /// Finds the identifiers in a text and gives each its pseudonym.
    pub(crate) fn learn(&mut self, text: &str) {
        for c in URL_HOST.captures_iter(text) {
            let host = &c[1];
            let wsus_port = matches!(c.get(2).map(|m| m.as_str()), Some("8530" | "8531"));
            if is_microsoft(host) {
                continue;
            }
            let server = wsus_port && !self.in_remedy;
            self.machine(host, if server { Kind::Server } else { Kind::Host });
        }
        for c in UNC_HOST.captures_iter(text) {
            if !is_microsoft(&c[1]) {
                self.machine(&c[1], Kind::Host);
            }
        }
        for c in COLLECT_ZIP.captures_iter(text) {
            self.machine(&c[1], Kind::Host);
        }
        for c in IPV4.find_iter(text) {
            let s = c.as_str();
            if let Ok(ip) = s.parse::<Ipv4Addr>() {
                if is_identifying_ipv4(ip) {
                    self.address(&ip.to_string(), s);
                }
            }
        }
        for c in IPV6.find_iter(text) {
            let s = c.as_str();
            let bare = s.split('%').next().unwrap_or(s);
            if let Ok(ip) = bare.parse::<Ipv6Addr>() {
                if !(ip.is_loopback() || ip.is_unspecified()) {
                    let p = self.address(&ip.to_string(), s);
                    self.token(bare, &p);
                }
            }
        }
        for c in SID.find_iter(text) {
            if !self.tokens.contains_key(&c.as_str().to_lowercase()) {
                let p = self.next(Kind::Sid);
                self.remember(&p, c.as_str());
                self.token(c.as_str(), &p);
            }
        }
        for c in SUBJECT.captures_iter(text) {
            let value = c[1].trim();
            if is_dns_name(value) {
                self.dns_name(value);
            } else if !value.is_empty()
                && !is_microsoft(value)
                && !value.to_ascii_lowercase().contains("microsoft")
                && !self.tokens.contains_key(&value.to_lowercase())
            {
                let p = self.next(Kind::Name);
                self.remember(&p, value);
                self.token(value, &p);
            }
        }
        for c in UPN.captures_iter(text) {
            let user = &c[1];
            if !self.tokens.contains_key(&user.to_lowercase()) {
                let p = self.next(Kind::User);
                self.remember(&p, user);
                self.token(user, &p);
            }
        }
        // Longest first, so that `pc-1.tokyo.corp.example` makes `tokyo.corp.example` a domain
        // before that suffix, seen alone, could be taken for a host `tokyo`.
        let mut names: Vec<&str> = FQDN
            .find_iter(text)
            .map(|m| m.as_str())
            .filter(|n| is_dns_name(n))
            .collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.matches('.').count()));
        for n in names {
            self.dns_name(n);
        }
        for c in ACCOUNT.captures_iter(text) {
            let (domain, user) = (&c[1], &c[2]);
            if self
                .sql_instances
                .contains(&(domain.to_lowercase(), user.to_lowercase()))
                || BUILTIN_ACCOUNT_DOMAINS
                    .iter()
                    .any(|b| domain.eq_ignore_ascii_case(b))
                || !domain.chars().all(|ch| !ch.is_ascii_lowercase())
                || user.contains('.') && !user.ends_with('$')
            {
                continue;
            }
            // The NetBIOS name of a DNS domain already seen shares its pseudonym.
            let known = self
                .domains
                .iter()
                .find(|(dns, _)| {
                    dns.split('.')
                        .next()
                        .is_some_and(|l| l.eq_ignore_ascii_case(domain))
                })
                .map(|(_, p)| p.clone());
            match known {
                Some(p) => self.token(domain, &p),
                None => {
                    self.domain(domain);
                }
            }
            if let Some(machine) = user.strip_suffix('$') {
                let p = self.host(machine, Kind::Host);
                self.token(user, &format!("{p}$"));
            } else if !self.tokens.contains_key(&user.to_lowercase()) {
                let p = self.next(Kind::User);
                self.remember(&p, user);
                self.token(user, &p);
            }
        }
    }

    fn matcher(&mut self) -> &Regex {
        if self.matcher.is_none() {
            let mut keys: Vec<&String> = self.tokens.keys().collect();
            // Longest first: `wsus01.corp.example` before `wsus01`.
            keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            let alternation = keys
                .iter()
                .map(|k| regex::escape(k))
                .collect::<Vec<_>>()
                .join("|");
            let pattern = if alternation.is_empty() {
                "[^\\s\\S]".to_string()
            } else {
                format!("(?i)(?:{alternation})")
            };
            self.matcher = Some(Regex::new(&pattern).expect("escaped alternation"));
        }
        self.matcher.as_ref().expect("just built")
    }

    /// The text with every identifier replaced; identifiers not seen before are learnt first.
    pub fn apply(&mut self, text: &str) -> String {
        self.learn(text);
        if self.learning {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        let mut copied = 0;
        let replaced_hosts = self.replace_url_hosts(text);
        let text = replaced_hosts.as_str();
        let re = self.matcher().clone();
        while let Some(m) = re.find_at(text, pos) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let whole = !before.is_some_and(token_char)
                && !after.is_some_and(token_char)
                && !inside_dotted_number(text, m.start(), m.end());
            if whole {
                out.push_str(&text[copied..m.start()]);
                out.push_str(&self.tokens[&m.as_str().to_lowercase()]);
                copied = m.end();
                pos = m.end();
            } else {
                pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
            if pos > text.len() {
                break;
            }
        }
        out.push_str(&text[copied..]);
        out
    }

    /// Hosts kept out of the whole-token sweep (common words) are replaced where they name a
    /// URL's or UNC path's host.
    fn replace_url_hosts(&self, text: &str) -> String {
        if self.url_only.is_empty() {
            return text.to_string();
        }
        let swap = |whole: &str, host: &str| -> String {
            match self.url_only.get(&host.to_lowercase()) {
                Some(p) => whole.replacen(host, p, 1),
                None => whole.to_string(),
            }
        };
        let once = URL_HOST.replace_all(text, |c: &regex::Captures| swap(&c[0], &c[1]));
        UNC_HOST
            .replace_all(&once, |c: &regex::Captures| swap(&c[0], &c[1]))
            .into_owned()
    }

    fn string(&mut self, s: &mut String) {
        *s = self.apply(s);
    }

    fn text(&mut self, t: &mut crate::i18n::Text) {
        t.rewrite(&mut |s: &mut String| self.string(s));
    }

    fn name(&mut self, n: &mut MachineName) {
        *n = MachineName::new(self.apply(n.as_str()));
    }

    fn value(&mut self, v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => self.string(s),
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| self.value(x)),
            serde_json::Value::Object(o) => {
                let entries = std::mem::take(o);
                for (k, mut x) in entries {
                    self.value(&mut x);
                    o.insert(self.apply(&k), x);
                }
            }
            _ => {}
        }
    }

    /// A JSON document (`logs --format json`, `inventory --format json`), keys included.
    pub fn json(&mut self, v: &mut serde_json::Value) {
        visit_value(v, &mut |s| self.learn(s));
        self.value(v);
    }

    fn location(&mut self, r: &mut EvidenceRef) {
        match r {
            EvidenceRef::File { path, .. } | EvidenceRef::Event { path, .. } => self.string(path),
            EvidenceRef::Registry {
                key, value, path, ..
            } => {
                self.string(key);
                value.iter_mut().for_each(|v| self.string(v));
                path.iter_mut().for_each(|p| self.string(p));
            }
            EvidenceRef::Probe { target, step } => {
                self.string(target);
                self.string(step);
            }
            EvidenceRef::Live { source } => self.string(source),
        }
    }

    fn remedy(&mut self, r: &mut Remedy) {
        self.in_remedy = true;
        self.text(&mut r.text);
        for c in &mut r.commands {
            self.string(&mut c.line);
            c.comment.iter_mut().for_each(|x| self.text(x));
        }
        self.in_remedy = false;
    }

    fn evidence(&mut self, e: &mut EvidenceItem) {
        self.location(&mut e.location);
        e.excerpt.iter_mut().for_each(|x| self.string(x));
        e.note.iter_mut().for_each(|x| self.text(x));
    }

    fn finding(&mut self, f: &mut Finding) {
        f.machine.iter_mut().for_each(|m| self.name(m));
        self.text(&mut f.title);
        self.text(&mut f.summary);
        f.reason.iter_mut().for_each(|x| self.text(x));
        f.evidence.iter_mut().for_each(|e| self.evidence(e));
        self.text(&mut f.explanation);
        if let Some(r) = &mut f.remedy {
            self.remedy(r);
        }
        self.value(&mut f.data);
    }

    /// The inventory's paths, notes and messages.
    pub fn inventory(&mut self, inv: &mut Inventory) {
        self.learn_inventory_paths(inv);
        for f in &mut inv.files {
            f.machine.iter_mut().for_each(|m| self.name(m));
            self.string(&mut f.path);
            self.text(&mut f.recognised_by);
            f.encoding_reason.iter_mut().for_each(|x| self.text(x));
            f.notes.iter_mut().for_each(|x| self.text(x));
            for m in &mut f.malformed_examples {
                self.text(&mut m.reason);
                self.string(&mut m.excerpt);
            }
            f.error.iter_mut().for_each(|x| self.text(x));
        }
        for p in &mut inv.problems {
            self.string(&mut p.path);
            self.text(&mut p.message);
        }
    }

    /// Learns the machine names in the paths of the files found and of those that could not be
    /// read.
    pub fn learn_inventory_paths(&mut self, inv: &Inventory) {
        let paths = inv.files.iter().map(|f| &f.path);
        for p in paths.chain(inv.problems.iter().map(|p| &p.path)) {
            self.learn_path(p);
        }
    }

    /// A machine named outside a report (the one `collect` ran on), in its role; returns its
    /// pseudonym.
    pub fn machine_in_role(&mut self, name: &str, role: crate::facts::Role) -> String {
        let kind = match (role.server, role.client) {
            (true, _) => Kind::Server,
            (false, true) => Kind::Client,
            _ => Kind::Host,
        };
        self.machine(name, kind)
    }

    /// Learns the machines the report names with their roles, so that the WSUS server and the
    /// clients get their pseudonyms (numbered in the order the report names them) before
    /// anything else does.
    fn learn_roles(&mut self, r: &Report) {
        for m in &r.machines {
            self.machine_in_role(m.name.as_str(), m.role);
        }
        let policy_urls = r
            .findings
            .iter()
            .flat_map(|f| &f.evidence)
            .filter(|e| match &e.location {
                EvidenceRef::Registry { value: Some(v), .. } => {
                    v.eq_ignore_ascii_case("WUServer") || v.eq_ignore_ascii_case("WUStatusServer")
                }
                EvidenceRef::Probe { .. } => true,
                _ => false,
            })
            .flat_map(|e| {
                let target = match &e.location {
                    EvidenceRef::Probe { target, .. } => Some(target.clone()),
                    _ => None,
                };
                e.excerpt.clone().into_iter().chain(target)
            })
            .chain(
                r.inputs
                    .iter()
                    .filter(|_| r.mode == super::Mode::Probe)
                    .cloned(),
            )
            .collect::<Vec<_>>();
        for text in policy_urls {
            for c in URL_HOST.captures_iter(&text) {
                if !is_microsoft(&c[1]) {
                    self.machine(&c[1], Kind::Server);
                }
            }
        }
        self.learn_sql_instances(r);
        for e in &r.timeline {
            if let Some(h) = &e.host {
                let kind = match e.side {
                    Side::Server | Side::Probe => Kind::Server,
                    Side::Client => Kind::Client,
                };
                if h.parse::<std::net::IpAddr>().is_err() {
                    self.machine(h, kind);
                }
            }
        }
        for c in &r.diagnosis {
            for m in &c.affected {
                self.machine(m.as_str(), Kind::Client);
            }
        }
        // A check of the whole fleet names its clients in its figures, not as report machines.
        for f in r.findings.iter().filter(|f| f.check.reads_fleet()) {
            fleet_machines(&f.data, &mut |name| {
                self.machine(name, Kind::Client);
            });
        }
        let names = r
            .findings
            .iter()
            .filter_map(|f| f.machine.as_ref())
            .chain(r.diagnosis.iter().filter_map(|c| c.machine.as_ref()))
            .chain(r.timeline.iter().filter_map(|e| e.machine.as_ref()));
        for m in names.cloned().collect::<Vec<_>>() {
            self.machine(m.as_str(), Kind::Host);
        }
        // After the machines, so that a folder named after one keeps its role's pseudonym.
        for input in &r.inputs {
            self.learn_path(input);
        }
        self.learn_inventory_paths(&r.inventory);
    }

    /// The SQL Server named by WSUS's `SqlServerName` (`SQL01\WSUS`): the server is a host; the
    /// instance keeps its name when it is a common word (WSUS, SQLEXPRESS says nothing about
    /// whose it is), else gets a pseudonym, which also stands in its service name
    /// (`MSSQL$name-1`).
    fn learn_sql_instances(&mut self, r: &Report) {
        let values: Vec<String> = r
            .findings
            .iter()
            .flat_map(|f| &f.evidence)
            .filter(|e| {
                matches!(&e.location, EvidenceRef::Registry { value: Some(v), .. } if v.eq_ignore_ascii_case("SqlServerName"))
            })
            .filter_map(|e| e.excerpt.as_deref()?.split('"').nth(1).map(str::to_string))
            .collect();
        for value in values {
            let bare = value.rsplit(':').next().unwrap_or(&value);
            let bare = bare.split(',').next().unwrap_or(bare).trim();
            let Some((host, instance)) = bare.split_once('\\') else {
                continue;
            };
            if instance.to_ascii_uppercase().starts_with("MICROSOFT##")
                || [".", "(local)", "localhost"]
                    .iter()
                    .any(|l| host.eq_ignore_ascii_case(l))
            {
                continue;
            }
            self.machine(host, Kind::Host);
            self.sql_instances
                .insert((host.to_lowercase(), instance.to_lowercase()));
            if !["wsus", "sqlexpress", "mssqlserver"]
                .iter()
                .any(|w| instance.eq_ignore_ascii_case(w))
                && !self.tokens.contains_key(&instance.to_lowercase())
            {
                let p = self.next(Kind::Name);
                self.remember(&p, instance);
                self.token(instance, &p);
            }
        }
    }

    /// Redacts a whole report in place.
    pub fn report(&mut self, r: &mut Report) {
        self.learn_roles(r);
        self.learning = true;
        self.walk(&mut r.clone());
        self.learning = false;
        self.walk(r);
    }

    fn walk(&mut self, r: &mut Report) {
        r.inputs.iter_mut().for_each(|x| self.string(x));
        r.machines.iter_mut().for_each(|m| {
            self.name(&mut m.name);
            self.text(&mut m.identified_by);
        });
        for c in &mut r.diagnosis {
            self.text(&mut c.title);
            c.machine.iter_mut().for_each(|m| self.name(m));
            c.affected.iter_mut().for_each(|m| self.name(m));
            c.chain.iter_mut().for_each(|x| self.text(x));
            c.refuted_by.iter_mut().for_each(|x| self.text(x));
            c.missing_evidence.iter_mut().for_each(|x| self.text(x));
            self.remedy(&mut c.first_fix);
        }
        r.findings.iter_mut().for_each(|f| self.finding(f));
        for e in &mut r.timeline {
            e.machine.iter_mut().for_each(|m| self.name(m));
            e.host.iter_mut().for_each(|h| self.string(h));
            self.text(&mut e.what);
            self.location(&mut e.location);
        }
        self.inventory(&mut r.inventory);
        if let Some(c) = &mut r.charts {
            let endpoints = std::mem::take(&mut c.status_by_endpoint);
            for (k, v) in endpoints {
                let k = self.apply(&k);
                c.status_by_endpoint.insert(k, v);
            }
        }
        if let Some(m) = &mut r.machine {
            m.limits.iter_mut().for_each(|x| self.string(x));
        }
        if let Some(w) = &mut r.window {
            self.text(&mut w.summary);
        }
    }

    /// The pseudonym map: each pseudonym and the identifier it stands for.
    pub fn map(&self) -> RedactMap {
        RedactMap {
            schema: MAP_SCHEMA,
            pseudonyms: self.originals.clone(),
        }
    }
}

/// The machine names in a fleet finding's `data`: every `machine` string and `machines` list.
fn fleet_machines(v: &serde_json::Value, f: &mut impl FnMut(&str)) {
    use serde_json::Value;
    match v {
        Value::Array(a) => a.iter().for_each(|x| fleet_machines(x, f)),
        Value::Object(o) => {
            for (k, x) in o {
                match (k.as_str(), x) {
                    ("machine", Value::String(name)) => f(name),
                    ("machines", Value::Array(names)) => {
                        for n in names {
                            match n {
                                Value::String(name) => f(name),
                                other => fleet_machines(other, f),
                            }
                        }
                    }
                    _ => fleet_machines(x, f),
                }
            }
        }
        _ => {}
    }
}

fn visit_value(v: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match v {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| visit_value(x, f)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
            f(k);
            visit_value(x, f);
        }),
        _ => {}
    }
}

/// The JSON schema version of the `--redact-map` file.
pub(crate) const MAP_SCHEMA: &str = "wsus-doctor/redact-map/v1";

/// What `--redact-map` writes: every pseudonym with the identifier it replaced (a host's short
/// name and its domain separately: `server-1.domain-1` is `server-1` then `domain-1`).
#[derive(Debug, Clone, Serialize)]
pub struct RedactMap {
    pub schema: &'static str,
    pub pseudonyms: BTreeMap<String, String>,
}

/// Redacts a report in place and returns the pseudonyms it used.
pub fn redact(report: &mut Report) -> Redactor {
    let mut r = Redactor::new();
    r.report(report);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wsus_server_keeps_its_pseudonym_in_every_spelling() {
        let mut r = Redactor::new();
        r.machine("WSUS01", Kind::Server);
        assert_eq!(
            r.apply("WUServer = http://wsus01.corp.example:8530/ (WSUS01, wsus01)"),
            "WUServer = http://server-1.domain-1:8530/ (server-1, server-1)"
        );
        assert_eq!(r.apply("corp.example"), "domain-1");
        assert_eq!(
            r.apply("suffix tokyo.corp.example, host PC-7.tokyo.corp.example"),
            "suffix domain-2, host host-1.domain-2"
        );
    }

    #[test]
    fn addresses_in_urls_and_host_port_forms_are_replaced_but_not_versions_or_masks() {
        let mut r = Redactor::new();
        let out = r.apply(
            "10.0.4.28 -> http://10.0.0.10:8530 [fe80::1c2d:3e4f:5a6b:7c8d%12]:8531 mask 255.255.255.0 build 10.0.17763.1 127.0.0.1",
        );
        assert_eq!(
            out,
            "ip-2 -> http://ip-1:8530 [ip-3]:8531 mask 255.255.255.0 build 10.0.17763.1 127.0.0.1"
        );
        assert_eq!(r.apply("client 10.0.4.28"), "client ip-2");
    }

    #[test]
    fn a_pseudonym_never_replaces_part_of_a_token() {
        let mut r = Redactor::new();
        r.machine("PC-0412", Kind::Client);
        r.machine("wsus", Kind::Server);
        assert_eq!(
            r.apply("PC-0412 PC-04123 xPC-0412 PC-0412.log wsus-doctor WSUS http://wsus:8530"),
            "client-1 PC-04123 xPC-0412 client-1.log wsus-doctor WSUS http://server-1:8530"
        );
    }

    #[test]
    fn accounts_sids_and_subjects_are_replaced_and_builtin_ones_kept() {
        let mut r = Redactor::new();
        r.apply("host wsus01.contoso.com");
        let out = r.apply(
            "CONTOSO\\jdoe NT AUTHORITY\\SYSTEM HKLM\\SOFTWARE\\Policies S-1-5-21-1004336348-1177238915-682003330-512 S-1-5-18 CN=wsus01.contoso.com, O=Contoso Ltd, jane.doe@contoso.com",
        );
        assert_eq!(
            out,
            "domain-1\\user-2 NT AUTHORITY\\SYSTEM HKLM\\SOFTWARE\\Policies sid-1 S-1-5-18 CN=host-1.domain-1, O=name-1, user-1@domain-1"
        );
    }

    #[test]
    fn machine_names_in_folders_and_archive_names_are_learnt_but_not_system_folders() {
        let mut r = Redactor::new();
        r.machine("PC-0412", Kind::Client);
        for path in [
            "\\\\PC-0042\\c$\\Windows\\System32\\LogFiles\\W3SVC1\\u_ex240611.log",
            "evidence/PC-0412/ipconfig.txt",
            "evidence/WSUS01.corp.example.zip!/HTTPERR/httperr1.log",
            "evidence/x64/e2/logs",
        ] {
            r.learn_path(path);
        }
        assert_eq!(
            r.apply("PC-0042 PC-0412 WSUS01 System32 W3SVC1 httperr1 u_ex240611 x64 e2 logs"),
            "host-1 client-1 host-2 System32 W3SVC1 httperr1 u_ex240611 x64 e2 logs"
        );
    }

    #[test]
    fn microsoft_hosts_and_technology_names_stay() {
        let mut r = Redactor::new();
        let s = "http://download.windowsupdate.com https://fe2.update.microsoft.com ASP.NET HTTP.sys server.iis-log System.Net";
        assert_eq!(r.apply(s), s);
        assert!(r.map().pseudonyms.is_empty());
    }

    #[test]
    fn roles_come_from_the_reports_machines_and_names_in_paths_go_too() {
        use crate::report::{MachineEntry, Mode};
        let facts = crate::facts::Facts::default();
        let mut report = crate::pipeline::report(
            Mode::Offline,
            vec!["evidence\\PC-0142".into(), "evidence\\WSUS01.zip".into()],
            &facts,
            Inventory::default(),
        );
        let entry = |name: &str, server: bool, client: bool, by: &str| MachineEntry {
            name: MachineName::new(name),
            role: crate::facts::Role { server, client },
            identified_by: by.into(),
            files: 2,
        };
        report.machines = vec![
            entry("pc-0142", false, true, "the folder evidence\\PC-0142"),
            entry(
                "WSUS01.corp.example",
                true,
                false,
                "manifest.json of evidence\\WSUS01.zip",
            ),
        ];
        let r = redact(&mut report);
        let json = serde_json::to_string(&report).unwrap();
        for id in ["PC-0142", "pc-0142", "WSUS01", "corp.example"] {
            assert!(!json.contains(id), "{id} in {json}");
        }
        // Each is numbered within its role, as the report's machines give it.
        assert_eq!(report.machines[0].name.as_str(), "client-1");
        assert_eq!(report.machines[1].name.as_str(), "server-1.domain-1");
        assert_eq!(
            report.inputs,
            ["evidence\\client-1", "evidence\\server-1.zip"]
        );
        assert_eq!(r.map().pseudonyms["server-1"], "WSUS01");
    }
}
