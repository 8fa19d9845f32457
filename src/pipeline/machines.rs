//! Which machine each evidence file belongs to.
//!
//! A file's own name for its machine is the strongest sign: a `collect` manifest, the registry's
//! ComputerName, `ipconfig /all`'s Host Name (read before anything else); event records'
//! `Computer` and an IIS log's `s-computername` name a machine no earlier file did. Files that
//! name nothing belong with the files around them: the files of one folder are one machine, and
//! a folder joins the folders beside it unless that would give one machine two names, two copies
//! of a file a machine has once (two WindowsUpdate.logs, two `ipconfig /all`), or a WSUS
//! server's logs and a client's with nothing of both. So `server/` and `client/` side by side
//! are two machines, `iis/`, `registry/` and `httperr/` side by side are one, and a folder of
//! hundreds of client folders is hundreds of clients. Files of different inputs are one machine
//! only when they name the same machine.

use crate::evidence::Kind;
use crate::values::MachineName;
use std::collections::{BTreeMap, BTreeSet};

/// How strongly a file names its machine, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameSource {
    Manifest,
    Registry,
    Ipconfig,
    EventLog,
    IisLog,
}

/// A machine name a file states, and where.
#[derive(Debug, Clone)]
pub struct Named {
    pub name: MachineName,
    pub source: NameSource,
    /// What states it, for the report: "the collect manifest bundle.zip!/manifest.json".
    pub stated_by: crate::i18n::Text,
}

/// Which side of WSUS a file's content belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    pub server: bool,
    pub client: bool,
}

impl Sides {
    fn or(self, o: Sides) -> Sides {
        Sides {
            server: self.server || o.server,
            client: self.client || o.client,
        }
    }
}

/// What one file says of its machine, read with the file.
#[derive(Debug, Clone, Default)]
pub struct FileIdentity {
    /// Which input it was found in.
    pub input: u32,
    pub named: Option<Named>,
    pub sides: Sides,
}

/// What the assignment needs to know of one file.
#[derive(Debug, Clone)]
pub(crate) struct FileView<'a> {
    pub display: &'a str,
    pub input: u32,
    pub kind: Option<Kind>,
    pub named: Option<Named>,
    pub sides: Sides,
}

/// ConfigMgr logs a site server writes (the software update point's); other CMTrace logs are
/// the client agent's.
const SERVER_CMTRACE_LOGS: &[&str] = &[
    "wcm.log",
    "wsyncmgr.log",
    "wsusctrl.log",
    "supsetup.log",
    "smsdbmon.log",
];

/// The side a kind of evidence shows by itself (registry files show theirs by their keys).
pub(crate) fn sides_of(kind: Kind, display: &str) -> Sides {
    let server = Sides {
        server: true,
        client: false,
    };
    let client = Sides {
        server: false,
        client: true,
    };
    match kind {
        Kind::IisW3c
        | Kind::Httperr
        | Kind::ApplicationHostConfig
        | Kind::AppcmdSite
        | Kind::AppcmdApppool
        | Kind::WsusSoftwareDistributionLog
        | Kind::NetshSslcert
        // The site database's view of many clients: evidence the site server holds.
        | Kind::ScanStatusExport => server,
        Kind::WindowsUpdateLog => client,
        Kind::Cmtrace => {
            let file = display
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(display)
                .to_ascii_lowercase();
            if SERVER_CMTRACE_LOGS.contains(&file.as_str()) {
                server
            } else {
                client
            }
        }
        _ => Sides::default(),
    }
}

/// Kinds a machine has one of: two of them side by side are two machines.
fn once_per_machine(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::WindowsUpdateLog
            | Kind::Ipconfig
            | Kind::ApplicationHostConfig
            | Kind::AppcmdSite
            | Kind::AppcmdApppool
            | Kind::ScQuery
            | Kind::ServiceList
            | Kind::HotfixList
            | Kind::CollectManifest
            | Kind::NetshWinhttpProxy
            | Kind::NetshSslcert
    )
}

/// Files taken for one machine, while they are gathered.
#[derive(Debug, Clone, Default)]
struct Unit {
    files: Vec<usize>,
    /// The strongest name each file states, by the name's key.
    names: BTreeMap<String, Named>,
    singles: BTreeSet<Kind>,
    sides: Sides,
    /// The highest folder its files reached.
    place: String,
}

impl Unit {
    fn add(&mut self, index: usize, view: &FileView<'_>) {
        self.files.push(index);
        if let Some(n) = &view.named {
            let key = n.name.key();
            match self.names.get(&key) {
                Some(have) if have.source <= n.source => {}
                _ => {
                    self.names.insert(key, n.clone());
                }
            }
        }
        if let Some(k) = view.kind.filter(|k| once_per_machine(*k)) {
            self.singles.insert(k);
        }
        self.sides = self.sides.or(view.sides);
    }

    /// Whether the files of `other` can be the same machine's as these.
    fn fits(&self, other: &Unit) -> bool {
        if self.files.is_empty() || other.files.is_empty() {
            return true;
        }
        if !self.names.is_empty()
            && !other.names.is_empty()
            && !other.names.keys().any(|k| self.names.contains_key(k))
        {
            return false;
        }
        if !self.singles.is_disjoint(&other.singles) {
            return false;
        }
        let only = |s: Sides| (s.server && !s.client, s.client && !s.server);
        let (a_server, a_client) = only(self.sides);
        let (b_server, b_client) = only(other.sides);
        !(a_server && b_client || a_client && b_server)
    }

    fn absorb(&mut self, other: Unit) {
        if self.files.is_empty() {
            *self = other;
            return;
        }
        self.files.extend(other.files);
        for (k, n) in other.names {
            match self.names.get(&k) {
                Some(have) if have.source <= n.source => {}
                _ => {
                    self.names.insert(k, n);
                }
            }
        }
        self.singles.extend(other.singles);
        self.sides = self.sides.or(other.sides);
    }

    /// The name it goes by: the strongest, and among equals the first.
    fn best_name(&self) -> Option<&Named> {
        self.names.values().min_by_key(|n| n.source)
    }
}

/// One machine found.
#[derive(Debug, Clone)]
pub(crate) struct Machine {
    /// The name its evidence states, when any does.
    pub named: Option<Named>,
    /// The folder or archive its files came from.
    pub place: String,
    /// Its files, in input order.
    pub files: Vec<usize>,
}

impl Machine {
    /// The name it is shown under: the stated one, else its folder or archive.
    pub fn name(&self) -> MachineName {
        match &self.named {
            Some(n) => n.name.clone(),
            None => MachineName::new(self.place.trim_end_matches(['/', '\\', '!']).to_string()),
        }
    }

    /// What named it, for the report.
    pub fn identified_by(&self) -> crate::i18n::Text {
        match &self.named {
            Some(n) => n.stated_by.clone(),
            None => crate::tr!("machine-unnamed", place = &self.place),
        }
    }
}

/// The folders of a path, outermost first, each as the prefix of the path that ends with it
/// (`a/b.zip!/c/d.log` → `a/`, `a/b.zip!/`, `a/b.zip!/c/`).
fn folders(display: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, c) in display.char_indices() {
        if c == '/' || c == '\\' {
            out.push(&display[..=i]);
        }
    }
    out
}

/// Assigns every file to a machine. Returns the machines, each with its files.
pub(crate) fn assign(views: &[FileView<'_>]) -> Vec<Machine> {
    // The folders of each input, below the folder all its files share.
    let mut by_input: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, v) in views.iter().enumerate() {
        by_input.entry(v.input).or_default().push(i);
    }
    let mut units: Vec<Unit> = Vec::new();
    for files in by_input.into_values() {
        let chains: Vec<Vec<&str>> = files.iter().map(|&i| folders(views[i].display)).collect();
        let shared = chains
            .iter()
            .map(Vec::len)
            .min()
            .map(|shortest| {
                (0..shortest)
                    .take_while(|&d| chains.iter().all(|c| c[d] == chains[0][d]))
                    .count()
            })
            .unwrap_or(0);
        let top = if shared == 0 {
            ""
        } else {
            chains[0][shared - 1]
        };
        // folder → (its own files, the folders directly below it)
        let mut tree: BTreeMap<&str, (Vec<usize>, BTreeSet<&str>)> = BTreeMap::new();
        tree.entry(top).or_default();
        for (&i, chain) in files.iter().zip(&chains) {
            let below = &chain[shared.min(chain.len())..];
            let mut parent = top;
            for &folder in below {
                tree.entry(parent).or_default().1.insert(folder);
                tree.entry(folder).or_default();
                parent = folder;
            }
            tree.entry(parent).or_default().0.push(i);
        }
        let riding = settle(top, &tree, views, &mut units);
        if !riding.files.is_empty() {
            units.push(riding);
        }
    }
    // Units that name the same machine are one, whichever input they came from.
    let mut machines: Vec<Machine> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    units.sort_by_key(|u| u.files.iter().min().copied());
    for unit in units {
        let named = unit.best_name().cloned();
        if let Some(n) = &named {
            if let Some(&m) = by_key.get(&n.name.key()) {
                let machine = &mut machines[m];
                machine.files.extend(unit.files);
                machine.files.sort_unstable();
                if machine
                    .named
                    .as_ref()
                    .is_none_or(|have| n.source < have.source)
                {
                    machine.named = named;
                }
                continue;
            }
            by_key.insert(n.name.key(), machines.len());
        }
        let mut files = unit.files;
        files.sort_unstable();
        machines.push(Machine {
            named,
            // A file given by itself is its own place.
            place: if unit.place.is_empty() {
                views[files[0]].display.to_string()
            } else {
                unit.place
            },
            files,
        });
    }
    machines
}

/// Gathers the files under `folder` into the unit that rides up to its parent, setting apart
/// (in `done`) the folders that cannot be the same machine as it.
fn settle<'a>(
    folder: &'a str,
    tree: &BTreeMap<&'a str, (Vec<usize>, BTreeSet<&'a str>)>,
    views: &[FileView<'_>],
    done: &mut Vec<Unit>,
) -> Unit {
    let mut unit = Unit {
        place: folder.to_string(),
        ..Unit::default()
    };
    let Some((own, below)) = tree.get(folder) else {
        return unit;
    };
    for &i in own {
        unit.add(i, &views[i]);
    }
    for child in below {
        let sub = settle(child, tree, views, done);
        if sub.files.is_empty() {
            continue;
        }
        if unit.fits(&sub) {
            // A folder's machine is named after the folder once it holds more than one
            // folder's files.
            let widened = !unit.files.is_empty();
            unit.absorb(sub);
            if widened {
                unit.place = folder.to_string();
            }
        } else {
            done.push(sub);
        }
    }
    unit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(display: &'static str, input: u32, kind: Kind) -> FileView<'static> {
        FileView {
            display,
            input,
            kind: Some(kind),
            named: None,
            sides: sides_of(kind, display),
        }
    }

    fn named(mut v: FileView<'static>, name: &str, source: NameSource) -> FileView<'static> {
        v.named = Some(Named {
            name: MachineName::new(name),
            source,
            stated_by: format!("{name} in {}", v.display).into(),
        });
        v
    }

    fn names(machines: &[Machine]) -> Vec<(String, Vec<usize>)> {
        machines
            .iter()
            .map(|m| (m.name().to_string(), m.files.clone()))
            .collect()
    }

    #[test]
    fn a_server_folder_and_a_client_folder_side_by_side_are_two_machines() {
        let views = vec![
            view("b/server/iis/W3SVC1/u_ex1.log", 0, Kind::IisW3c),
            view(
                "b/server/applicationHost.config",
                0,
                Kind::ApplicationHostConfig,
            ),
            named(
                view("b/client/ipconfig.txt", 0, Kind::Ipconfig),
                "PC-1",
                NameSource::Ipconfig,
            ),
            view("b/client/WindowsUpdate.log", 0, Kind::WindowsUpdateLog),
        ];
        assert_eq!(
            names(&assign(&views)),
            vec![
                ("b/server".to_string(), vec![0, 1]),
                ("PC-1".to_string(), vec![2, 3]),
            ]
        );
    }

    #[test]
    fn the_subfolders_of_one_servers_collection_are_one_machine() {
        let mut reg = view("wsus/registry/live.reg", 0, Kind::RegExport);
        reg.sides = Sides {
            server: true,
            client: true,
        };
        let views = vec![
            view("wsus/httperr/httperr1.log", 0, Kind::Httperr),
            view("wsus/iis/W3SVC1/u_ex1.log", 0, Kind::IisW3c),
            named(reg, "WSUS01", NameSource::Registry),
            view("wsus/services/sc.txt", 0, Kind::ScQuery),
        ];
        let m = assign(&views);
        assert_eq!(names(&m), vec![("WSUS01".to_string(), vec![0, 1, 2, 3])]);
        assert!(m[0].identified_by().contains("wsus/registry/live.reg"));
    }

    #[test]
    fn client_folders_in_one_folder_are_one_machine_each_even_unnamed() {
        let views = vec![
            view("clients/PC-1/WindowsUpdate.log", 0, Kind::WindowsUpdateLog),
            view("clients/PC-1/wu-policy.reg", 0, Kind::RegExport),
            view("clients/PC-2/WindowsUpdate.log", 0, Kind::WindowsUpdateLog),
            view("clients/PC-2/wu-policy.reg", 0, Kind::RegExport),
            view(
                "clients/PC-3.zip!/WindowsUpdate.log",
                0,
                Kind::WindowsUpdateLog,
            ),
        ];
        let machines = assign(&views);
        assert_eq!(
            names(&machines),
            vec![
                ("clients/PC-1".to_string(), vec![0, 1]),
                ("clients/PC-2".to_string(), vec![2, 3]),
                ("clients/PC-3.zip".to_string(), vec![4]),
            ]
        );
        let unnamed = machines[0].identified_by();
        assert_eq!(
            unnamed,
            "no evidence states its name: the files under clients/PC-1/"
        );
        assert_eq!(
            unnamed.local(crate::i18n::Lang::Ja),
            "名前を示す証拠がありません: clients/PC-1/ 以下のファイル"
        );
    }

    #[test]
    fn files_of_different_inputs_are_one_machine_only_when_they_name_it() {
        let views = vec![
            view("a/WindowsUpdate.log", 0, Kind::WindowsUpdateLog),
            view("b/WindowsUpdate.log", 1, Kind::WindowsUpdateLog),
            named(
                view("c/ipconfig.txt", 2, Kind::Ipconfig),
                "wsus01",
                NameSource::Ipconfig,
            ),
            named(
                view("d.zip!/manifest.json", 3, Kind::CollectManifest),
                "WSUS01.corp.example",
                NameSource::Manifest,
            ),
            view("d.zip!/iis/u_ex1.log", 3, Kind::IisW3c),
        ];
        let m = assign(&views);
        assert_eq!(
            names(&m),
            vec![
                ("a".to_string(), vec![0]),
                ("b".to_string(), vec![1]),
                ("WSUS01.corp.example".to_string(), vec![2, 3, 4]),
            ]
        );
        // The manifest's name wins over ipconfig's, wherever it came in.
        assert_eq!(
            m[2].named.as_ref().map(|n| n.source),
            Some(NameSource::Manifest)
        );
    }

    #[test]
    fn two_names_side_by_side_are_two_machines_even_of_one_side() {
        let views = vec![
            named(
                view("x/a/ipconfig.txt", 0, Kind::Ipconfig),
                "PC-1",
                NameSource::Ipconfig,
            ),
            named(
                view("x/b/sc.txt", 0, Kind::ScQuery),
                "PC-2",
                NameSource::EventLog,
            ),
        ];
        assert_eq!(assign(&views).len(), 2);
    }

    #[test]
    fn a_flat_folder_is_one_machine_whatever_it_holds() {
        let views = vec![
            view("f/u_ex1.log", 0, Kind::IisW3c),
            view("f/WindowsUpdate.log", 0, Kind::WindowsUpdateLog),
        ];
        assert_eq!(names(&assign(&views)), vec![("f".to_string(), vec![0, 1])]);
    }

    #[test]
    fn a_configmgr_site_server_log_is_the_servers_and_the_agents_logs_the_clients() {
        assert!(sides_of(Kind::Cmtrace, r"C:\SMS\Logs\WCM.log").server);
        assert!(sides_of(Kind::Cmtrace, "CCM/Logs/LocationServices.log").client);
    }
}
