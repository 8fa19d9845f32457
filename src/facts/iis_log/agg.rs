//! The one-pass aggregate of IIS records. Everything here is mergeable in any order (counts,
//! minima, maxima, per-minute sums), so chunks of one file can be aggregated on several threads
//! and files merged in any order; the only order-sensitive parts (examples) are kept with their
//! location and the smallest locations win.

use crate::parsers::iis_w3c::{self, FieldMap, Record};
use crate::parsers::{excerpt, MALFORMED_EXAMPLES};
use rustc_hash::FxHashMap;

/// Where a line is: during a read, `file` is the chunk number and `line` counts from the chunk's
/// first line; [`Agg::relocate`] turns that into the file's index and line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    pub file: u32,
    pub line: u64,
}

/// Endpoint families of a WSUS site (formats.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    ClientWebService,
    SimpleAuthWebService,
    ReportingWebService,
    DssAuthWebService,
    ServerSyncWebService,
    ApiRemoting30,
    SelfUpdate,
    Content,
    Inventory,
    Other,
}

pub(crate) const FAMILIES: usize = 10;

impl Family {
    pub const ALL: [Family; FAMILIES] = [
        Family::ClientWebService,
        Family::SimpleAuthWebService,
        Family::ReportingWebService,
        Family::DssAuthWebService,
        Family::ServerSyncWebService,
        Family::ApiRemoting30,
        Family::SelfUpdate,
        Family::Content,
        Family::Inventory,
        Family::Other,
    ];

    /// Whether the family is one of WSUS's own endpoints (not another site's or page's).
    pub(crate) fn is_wsus(self) -> bool {
        self != Family::Other
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::ClientWebService => "ClientWebService",
            Family::SimpleAuthWebService => "SimpleAuthWebService",
            Family::ReportingWebService => "ReportingWebService",
            Family::DssAuthWebService => "DssAuthWebService",
            Family::ServerSyncWebService => "ServerSyncWebService",
            Family::ApiRemoting30 => "ApiRemoting30",
            Family::SelfUpdate => "selfupdate",
            Family::Content => "Content",
            Family::Inventory => "Inventory",
            Family::Other => "other",
        }
    }

    /// A WSUS virtual directory whose absence a 404 reveals (all but Content, where a 404 means
    /// a missing update file, and non-WSUS paths).
    pub(crate) fn is_wsus_vdir(self) -> bool {
        !matches!(self, Family::Content | Family::Other)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The family of a URI stem, and whether it starts with `//` (a client policy URL with a
/// trailing slash: KB4025764 via formats.md §3.1 and the client.policy check).
pub(crate) fn classify(stem: &[u8]) -> (Family, bool) {
    let double = stem.starts_with(b"//");
    let mut s = stem;
    while let Some(rest) = s.strip_prefix(b"/") {
        s = rest;
    }
    let family = match s.first().map(u8::to_ascii_lowercase) {
        Some(b'c') => first_segment_of(s, &[CLIENT_WEB_SERVICE, CONTENT]),
        Some(b's') => first_segment_of(s, &[SIMPLE_AUTH, SELF_UPDATE, SERVER_SYNC]),
        Some(b'r') => first_segment_of(s, &[REPORTING]),
        Some(b'd') => first_segment_of(s, &[DSS_AUTH]),
        Some(b'a') => first_segment_of(s, &[API_REMOTING]),
        Some(b'i') => first_segment_of(s, &[INVENTORY]),
        _ => Family::Other,
    };
    (family, double)
}

/// A WSUS virtual directory as the first segment of a path, matched in any case: `name/` read as
/// three eight-byte words (overlapping) with bit 5 forced on where the name has a letter, which
/// folds exactly the two cases of that letter and nothing else. This runs for every line.
struct Segment {
    name: &'static [u8],
    family: Family,
    /// Offsets of the three words in `name/`, their expected value, the bits forced on.
    at: [usize; 3],
    want: [u64; 3],
    fold: [u64; 3],
}

const fn segment(name: &'static [u8], family: Family) -> Segment {
    // `name/` is at least eight bytes for every name below.
    let len = name.len() + 1;
    let at = [0, if len > 16 { 8 } else { len - 8 }, len - 8];
    let mut want = [0u64; 3];
    let mut fold = [0u64; 3];
    let mut k = 0;
    while k < 3 {
        let mut j = 0;
        while j < 8 {
            let i = at[k] + j;
            let b = if i < name.len() { name[i] } else { b'/' };
            want[k] |= (b.to_ascii_lowercase() as u64) << (8 * j);
            if b.is_ascii_alphabetic() {
                fold[k] |= 0x20 << (8 * j);
            }
            j += 1;
        }
        k += 1;
    }
    Segment {
        name,
        family,
        at,
        want,
        fold,
    }
}

const CLIENT_WEB_SERVICE: Segment = segment(b"ClientWebService", Family::ClientWebService);
const CONTENT: Segment = segment(b"Content", Family::Content);
const SIMPLE_AUTH: Segment = segment(b"SimpleAuthWebService", Family::SimpleAuthWebService);
const SELF_UPDATE: Segment = segment(b"selfupdate", Family::SelfUpdate);
const SERVER_SYNC: Segment = segment(b"ServerSyncWebService", Family::ServerSyncWebService);
const REPORTING: Segment = segment(b"ReportingWebService", Family::ReportingWebService);
const DSS_AUTH: Segment = segment(b"DssAuthWebService", Family::DssAuthWebService);
const API_REMOTING: Segment = segment(b"ApiRemoting30", Family::ApiRemoting30);
const INVENTORY: Segment = segment(b"Inventory", Family::Inventory);

/// The family of the first of `candidates` that `path` (without its leading slashes) starts with.
fn first_segment_of(path: &[u8], candidates: &[Segment]) -> Family {
    for c in candidates {
        let hit = match path.get(..c.name.len() + 1) {
            Some(head) => (0..3).all(|k| {
                let word = head
                    .get(c.at[k]..c.at[k] + 8)
                    .and_then(|w| <[u8; 8]>::try_from(w).ok())
                    .map_or(0, u64::from_le_bytes);
                word | c.fold[k] == c.want[k]
            }),
            // The whole path is the name (`/Content`): rare, compared plainly.
            None => path.eq_ignore_ascii_case(c.name),
        };
        if hit {
            return c.family;
        }
    }
    Family::Other
}

/// Who sent a request, from its user agent (formats.md §6.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agent {
    WindowsUpdateAgent,
    Bits,
    DeliveryOptimization,
    Browser,
    Other,
}

pub(crate) fn agent_of(ua: &[u8]) -> Agent {
    let starts = |p: &[u8]| ua.len() >= p.len() && ua[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"Windows-Update-Agent") {
        Agent::WindowsUpdateAgent
    } else if starts(b"Microsoft+BITS") || starts(b"Microsoft BITS") {
        Agent::Bits
    } else if starts(b"Microsoft-Delivery-Optimization") {
        Agent::DeliveryOptimization
    } else if starts(b"Mozilla/")
        && memchr::memmem::find(ua, b"MS+Web+Services+Client+Protocol").is_none()
    {
        // The WSUS console also says Mozilla/4.0 but is a SOAP client (formats.md §6.4).
        Agent::Browser
    } else {
        Agent::Other
    }
}

/// Kinds of notable requests, each read the way the guide reads it (KB4025764, KB943891).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// 403 answered to the Windows Update Agent, by sub-status.
    Forbidden403Agent(u32),
    /// 403 to a browser: expected (KB4025764).
    Forbidden403Browser,
    /// 403 to another client, by sub-status.
    Forbidden403Other(u32),
    /// 404 on a WSUS virtual directory (by family index), by sub-status and server port (0 when
    /// the log has no `s-port`): 404.0 is a missing directory, 404.3 a missing MIME map, 404.13 a
    /// request too large (KB943891). The port tells a missing directory on the WSUS site from a
    /// request that reached another site (a URL without the WSUS port lands on port 80).
    NotFoundVdir(u8, u32, u16),
    /// 404 on /Content, by sub-status: 404.0 is an update file not on the server.
    NotFoundContent(u32),
    /// `//selfupdate`, `//ClientWebService`...: a policy URL with a trailing slash.
    TrailingSlash(u8),
    /// 500 by sub-status.
    ServerError500(u32),
    /// 503 by sub-status.
    Unavailable503(u32),
    /// A request whose connection was dropped or timed out (win32 64, 121, 1236).
    Dropped(u32),
}

/// Examples kept per notable kind.
pub const EXAMPLES: usize = 3;
/// Distinct user agents remembered; later ones are counted as "(other)".
const USER_AGENTS: usize = 2048;

/// A kind of notable request.
#[derive(Debug, Clone, Default)]
pub struct Notable {
    pub count: u64,
    pub first: i64,
    pub last: i64,
    pub clients: FxHashMap<Box<[u8]>, u64>,
    pub families: [u64; FAMILIES],
    pub examples: Vec<(Loc, String)>,
}

impl Notable {
    fn add(&mut self, time: i64, client: &[u8], family: Family, loc: Loc, raw: &[u8]) {
        if self.count == 0 {
            self.first = time;
            self.last = time;
        } else {
            self.first = self.first.min(time);
            self.last = self.last.max(time);
        }
        self.count += 1;
        self.families[family.index()] += 1;
        // Every client is counted, so the top clients do not depend on which chunks a thread
        // happened to read first (memory grows with distinct clients, like the client table).
        if let Some(n) = self.clients.get_mut(client) {
            *n += 1;
        } else {
            self.clients.insert(client.into(), 1);
        }
        if self.examples.len() < EXAMPLES {
            self.examples.push((loc, excerpt(raw)));
        }
    }

    fn merge(&mut self, o: Notable) {
        if o.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = o;
            return;
        }
        self.count += o.count;
        self.first = self.first.min(o.first);
        self.last = self.last.max(o.last);
        for (k, v) in o.clients {
            *self.clients.entry(k).or_insert(0) += v;
        }
        for (a, b) in self.families.iter_mut().zip(o.families) {
            *a += b;
        }
        merge_examples(&mut self.examples, o.examples, EXAMPLES);
    }

    /// Clients with the most requests of this kind, largest first.
    pub(crate) fn top_clients(&self, n: usize) -> Vec<(String, u64)> {
        top(&self.clients, n)
    }
}

pub fn top(map: &FxHashMap<Box<[u8]>, u64>, n: usize) -> Vec<(String, u64)> {
    let mut v: Vec<(&Box<[u8]>, &u64)> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter()
        .take(n)
        .map(|(k, c)| (String::from_utf8_lossy(k).into_owned(), *c))
        .collect()
}

fn merge_examples<T>(into: &mut Vec<(Loc, T)>, from: Vec<(Loc, T)>, cap: usize) {
    into.extend(from);
    into.sort_by_key(|e| e.0);
    into.truncate(cap);
}

/// 401s of one client in one minute that no success has followed yet.
#[derive(Debug, Clone, Copy)]
pub struct Pending401 {
    pub minute: i64,
    pub count: u64,
    pub first: Loc,
}

/// Longest list of pending 401 minutes kept per client (beyond it the latest minute absorbs the
/// rest, so memory stays bounded for a client refused for weeks).
const PENDING_MINUTES: usize = 20_000;

/// What one client did.
#[derive(Debug, Clone)]
pub struct ClientAgg {
    pub requests: u64,
    pub statuses: Vec<(u16, u64)>,
    pub first: i64,
    pub last: i64,
    pub example: Loc,
    /// Latest minute with a success (2xx/3xx), for the 401 rule.
    pub last_success_minute: i64,
    pub pending_401: Vec<Pending401>,
    /// This address asked one of WSUS's virtual directories (not only another site's or
    /// application's paths, such as a co-hosted management point's).
    pub wsus: bool,
}

impl ClientAgg {
    fn new(time: i64, loc: Loc) -> Self {
        ClientAgg {
            requests: 0,
            statuses: Vec::new(),
            first: time,
            last: time,
            example: loc,
            last_success_minute: i64::MIN,
            pending_401: Vec::new(),
            wsus: false,
        }
    }

    fn merge(&mut self, o: ClientAgg) {
        self.requests += o.requests;
        for (s, n) in o.statuses {
            bump(&mut self.statuses, s, n);
        }
        self.first = self.first.min(o.first);
        self.last = self.last.max(o.last);
        self.example = self.example.min(o.example);
        self.wsus |= o.wsus;
        self.last_success_minute = self.last_success_minute.max(o.last_success_minute);
        self.pending_401.extend(o.pending_401);
        let resolved_to = self.last_success_minute;
        self.pending_401.retain(|p| p.minute > resolved_to);
        self.pending_401.sort_by_key(|p| (p.minute, p.first));
        self.pending_401.dedup_by(|later, earlier| {
            if later.minute == earlier.minute {
                earlier.count += later.count;
                earlier.first = earlier.first.min(later.first);
                true
            } else {
                false
            }
        });
    }

    /// 401s not followed by a success (yet).
    pub fn unresolved_401(&self) -> u64 {
        self.pending_401.iter().map(|p| p.count).sum()
    }

    /// Requests that got a status of 400 or more.
    pub fn failures(&self) -> u64 {
        self.statuses
            .iter()
            .filter(|(s, _)| *s >= 400)
            .map(|(_, n)| n)
            .sum()
    }
}

/// Clients by address. Addresses of up to 16 bytes (every IPv4 address and short IPv6 ones: the
/// bulk of any WSUS log) live in an open-addressing table keyed by their bytes packed into two
/// words, whose slots also hold the counters every record updates: one cache line per record,
/// however many clients, and no parsing of the address. Longer addresses are keyed through a hash
/// map. Keys are the exact text, so two spellings are two clients, as IIS wrote them.
/// Counters are folded into `list` by [`ClientTable::fold_hot`].
#[derive(Debug, Clone, Default)]
pub struct ClientTable {
    list: Vec<(Box<[u8]>, ClientAgg)>,
    /// Slots of short addresses (a power of two of them, at most three quarters used).
    slots: Vec<ClientHot>,
    used: usize,
    /// Counters of the long addresses, beside `list` (neutral for short ones).
    hot: Vec<ClientHot>,
    long: FxHashMap<Box<[u8]>, u32>,
}

/// Statuses counted in [`ClientHot`]; others go straight to the client's list.
const HOT_STATUSES: [u16; 7] = [200, 206, 401, 403, 404, 500, 503];
/// `ClientHot::idx` of an empty slot.
const FREE: u32 = u32::MAX;

/// An address of up to 16 bytes, exactly: its first eight bytes and its last eight (they overlap
/// for shorter ones, which the length disambiguates), zero-padded below eight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct ShortKey {
    head: u64,
    tail: u64,
    len: u8,
}

impl ShortKey {
    fn of(ip: &[u8]) -> Option<ShortKey> {
        let word = |at: usize| -> u64 {
            ip.get(at..at + 8)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .map_or(0, u64::from_le_bytes)
        };
        let half = |at: usize| -> u64 {
            ip.get(at..at + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
        };
        let len = ip.len();
        let (head, tail) = match len {
            8..=16 => (word(0), word(len - 8)),
            4..=7 => (half(0) | (half(len - 4) << 32), 0),
            0..=3 => {
                let mut padded = [0u8; 8];
                for (d, s) in padded.iter_mut().zip(ip) {
                    *d = *s;
                }
                (u64::from_le_bytes(padded), 0)
            }
            _ => return None,
        };
        Some(ShortKey {
            head,
            tail,
            len: len as u8,
        })
    }

    /// The home slot (a multiply-xorshift mix: a site's addresses share most of their bytes).
    fn home(self, mask: usize) -> usize {
        let mut h = (self.head ^ self.tail.rotate_left(29) ^ u64::from(self.len))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 32;
        h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        (h >> 32) as usize & mask
    }
}

/// What every record of a client touches, in one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct ClientHot {
    head: u64,
    tail: u64,
    first: i64,
    last: i64,
    last_success_minute: i64,
    idx: u32,
    /// Requests per [`HOT_STATUSES`] entry not yet folded into the client's list (folded early
    /// when one would overflow).
    counts: [u16; 7],
    len: u8,
    wsus: bool,
    has_pending: bool,
}

impl ClientHot {
    fn neutral() -> Self {
        ClientHot {
            head: 0,
            tail: 0,
            first: i64::MAX,
            last: i64::MIN,
            last_success_minute: i64::MIN,
            idx: FREE,
            counts: [0; 7],
            len: 0,
            wsus: false,
            has_pending: false,
        }
    }

    /// The address this slot holds (kept as separate fields so that a slot fits a cache line).
    fn key(&self) -> ShortKey {
        ShortKey {
            head: self.head,
            tail: self.tail,
            len: self.len,
        }
    }

    fn holds(&self, key: ShortKey) -> bool {
        self.key() == key
    }

    fn update(
        &mut self,
        cold: Option<&mut ClientAgg>,
        time: i64,
        status: u16,
        wsus: bool,
        loc: Loc,
    ) {
        let minute = time.div_euclid(60);
        self.first = self.first.min(time);
        self.last = self.last.max(time);
        self.wsus |= wsus;
        let mut cold = cold;
        match HOT_STATUSES.iter().position(|&s| s == status) {
            Some(k) => {
                if self.counts[k] == u16::MAX {
                    if let Some(c) = cold.as_deref_mut() {
                        c.requests += u64::from(u16::MAX);
                        bump(&mut c.statuses, status, u64::from(u16::MAX));
                    }
                    self.counts[k] = 0;
                }
                self.counts[k] += 1;
            }
            None => {
                if let Some(c) = cold.as_deref_mut() {
                    c.requests += 1;
                    bump(&mut c.statuses, status, 1);
                }
            }
        }
        // KB4025764: "401 is fine when followed by 200" — a success in the same minute or later
        // resolves a client's 401s (minute granularity keeps the rule mergeable across chunks).
        if (200..400).contains(&status) {
            if minute > self.last_success_minute {
                self.last_success_minute = minute;
                if self.has_pending {
                    if let Some(c) = cold {
                        c.pending_401.retain(|p| p.minute > minute);
                        self.has_pending = !c.pending_401.is_empty();
                    }
                }
            }
        } else if status == 401 && minute > self.last_success_minute {
            self.has_pending = true;
            if let Some(c) = cold {
                let full = c.pending_401.len() >= PENDING_MINUTES;
                match c.pending_401.last_mut() {
                    Some(p) if p.minute == minute || full => p.count += 1,
                    _ => c.pending_401.push(Pending401 {
                        minute,
                        count: 1,
                        first: loc,
                    }),
                }
            }
        }
    }

    /// Moves the counters into the client's entry.
    fn fold_into(&mut self, cold: &mut ClientAgg) {
        for (k, n) in self.counts.iter_mut().enumerate() {
            if *n > 0 {
                cold.requests += u64::from(*n);
                bump(&mut cold.statuses, HOT_STATUSES[k], u64::from(*n));
                *n = 0;
            }
        }
        cold.first = cold.first.min(self.first);
        cold.last = cold.last.max(self.last);
        cold.wsus |= self.wsus;
        cold.last_success_minute = cold.last_success_minute.max(self.last_success_minute);
        self.first = i64::MAX;
        self.last = i64::MIN;
    }
}

impl ClientTable {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The slot of a short key: its own, or the free one where it belongs.
    fn find(&self, key: ShortKey) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = key.home(mask);
        loop {
            let s = self.slots.get(i)?;
            if s.idx == FREE || s.holds(key) {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![ClientHot::neutral(); cap]);
        for s in old.into_iter().filter(|s| s.idx != FREE) {
            if let Some(i) = self.find(s.key()) {
                self.slots[i] = s;
            }
        }
    }

    /// The slot of `key`, taken for a new client at `list` index `new_idx` when absent.
    fn slot(&mut self, key: ShortKey, new_idx: u32) -> (usize, bool) {
        if (self.used + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let Some(i) = self.find(key) else {
            return (0, false);
        };
        let s = &mut self.slots[i];
        if s.idx == FREE {
            *s = ClientHot::neutral();
            s.head = key.head;
            s.tail = key.tail;
            s.len = key.len;
            s.idx = new_idx;
            self.used += 1;
            (i, true)
        } else {
            (i, false)
        }
    }

    fn index(&self, ip: &[u8]) -> Option<usize> {
        match ShortKey::of(ip) {
            Some(key) => {
                let s = self.slots.get(self.find(key)?)?;
                (s.idx != FREE).then_some(s.idx as usize)
            }
            None => self.long.get(ip).map(|&i| i as usize),
        }
    }

    pub fn get(&self, ip: &[u8]) -> Option<&ClientAgg> {
        self.index(ip)
            .and_then(|i| self.list.get(i))
            .map(|(_, c)| c)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &ClientAgg)> {
        self.list.iter().map(|(k, c)| (&**k, c))
    }

    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut ClientAgg> {
        self.list.iter_mut().map(|(_, c)| c)
    }

    /// Starts loading the slots of a client about to be counted: the slots of thousands of
    /// clients outgrow the CPU caches, and a record waiting for its slot would wait for memory
    /// once per line (a third of the whole time on a 20,000-client log). The slot after the home
    /// one is loaded too: with linear probing at this load, a lookup reads 1.8 slots on average.
    #[inline]
    pub(crate) fn prefetch(&self, ip: &[u8]) {
        #[cfg(target_arch = "x86_64")]
        if let (Some(key), Some(mask)) = (ShortKey::of(ip), self.slots.len().checked_sub(1)) {
            let home = key.home(mask);
            for i in [home, (home + 1) & mask] {
                if let Some(slot) = self.slots.get(i) {
                    use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                    let address = (slot as *const ClientHot).cast::<i8>();
                    // SAFETY: a prefetch is a hint that never faults nor changes memory, and the
                    // address is that of a live slot anyway.
                    unsafe { _mm_prefetch::<_MM_HINT_T0>(address) };
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = ip;
    }

    /// Counts one record of a client (created when new).
    #[inline]
    pub fn record(&mut self, ip: &[u8], time: i64, status: u16, wsus: bool, loc: Loc) {
        let next = self.list.len() as u32;
        match ShortKey::of(ip) {
            Some(key) => {
                let (slot, created) = self.slot(key, next);
                if created {
                    self.list.push((ip.into(), ClientAgg::new(time, loc)));
                    self.hot.push(ClientHot::neutral());
                }
                let Some(hot) = self.slots.get_mut(slot) else {
                    return;
                };
                // Only the common successes skip the client's full entry (the second cache line).
                let rare = !(status == 200 || status == 206)
                    || hot.has_pending
                    || hot.counts[0] == u16::MAX
                    || hot.counts[1] == u16::MAX;
                let cold = if rare {
                    self.list.get_mut(hot.idx as usize).map(|(_, c)| c)
                } else {
                    None
                };
                hot.update(cold, time, status, wsus, loc);
            }
            None => {
                let i = match self.long.get(ip) {
                    Some(&i) => i as usize,
                    None => {
                        self.long.insert(ip.into(), next);
                        self.list.push((ip.into(), ClientAgg::new(time, loc)));
                        self.hot.push(ClientHot::neutral());
                        next as usize
                    }
                };
                let (Some(hot), Some((_, cold))) = (self.hot.get_mut(i), self.list.get_mut(i))
                else {
                    return;
                };
                hot.update(Some(cold), time, status, wsus, loc);
            }
        }
    }

    /// Moves the per-record counters into the clients' entries.
    pub(crate) fn fold_hot(&mut self) {
        for s in self.slots.iter_mut().filter(|s| s.idx != FREE) {
            if let Some((_, cold)) = self.list.get_mut(s.idx as usize) {
                s.fold_into(cold);
            }
        }
        for (hot, (_, cold)) in self.hot.iter_mut().zip(self.list.iter_mut()) {
            hot.fold_into(cold);
        }
    }

    pub(crate) fn merge(&mut self, mut other: ClientTable) {
        self.fold_hot();
        other.fold_hot();
        if self.list.is_empty() {
            *self = other;
            return;
        }
        for (ip, c) in other.list {
            match self.index(&ip) {
                Some(i) => {
                    if let Some((_, mine)) = self.list.get_mut(i) {
                        mine.merge(c);
                    }
                }
                None => {
                    let next = self.list.len() as u32;
                    let lsm = c.last_success_minute;
                    let pending = !c.pending_401.is_empty();
                    let hot = match ShortKey::of(&ip) {
                        Some(key) => {
                            let (slot, _) = self.slot(key, next);
                            self.slots.get_mut(slot)
                        }
                        None => {
                            self.long.insert(ip.clone(), next);
                            None
                        }
                    };
                    if let Some(h) = hot {
                        h.last_success_minute = lsm;
                        h.has_pending = pending;
                    }
                    let mut neutral = ClientHot::neutral();
                    neutral.last_success_minute = lsm;
                    neutral.has_pending = pending;
                    self.hot.push(neutral);
                    self.list.push((ip, c));
                }
            }
        }
    }
}

fn count_agent(map: &mut FxHashMap<Box<[u8]>, u64>, ua: &[u8], n: u64) {
    if let Some(c) = map.get_mut(ua) {
        *c += n;
    } else if map.len() < USER_AGENTS {
        map.insert(ua.into(), n);
    } else {
        *map.entry(Box::from(&b"(other)"[..])).or_insert(0) += n;
    }
}

fn bump(v: &mut Vec<(u16, u64)>, status: u16, n: u64) {
    match v.iter_mut().find(|(s, _)| *s == status) {
        Some(e) => e.1 += n,
        None => v.push((status, n)),
    }
}

/// Counts of one minute on one server. Years of logs hold millions of minutes, so a minute is
/// kept in 24 bytes (no minute sees four billion requests; the counts saturate rather than wrap),
/// and what only 503 minutes need is kept apart, in [`Minute503`].
#[derive(Debug, Clone, Copy, Default)]
pub struct MinuteAgg {
    pub total: u32,
    pub status_5xx: u32,
    pub status_503: u32,
    pub status_401: u32,
    pub status_403: u32,
    pub status_404: u32,
}

impl MinuteAgg {
    fn merge(&mut self, o: &MinuteAgg) {
        self.total = self.total.saturating_add(o.total);
        self.status_5xx = self.status_5xx.saturating_add(o.status_5xx);
        self.status_503 = self.status_503.saturating_add(o.status_503);
        self.status_401 = self.status_401.saturating_add(o.status_401);
        self.status_403 = self.status_403.saturating_add(o.status_403);
        self.status_404 = self.status_404.saturating_add(o.status_404);
    }
}

/// Minutes per block of [`MinuteTable`].
pub(crate) const BLOCK_MINUTES: usize = 60;

/// The per-minute counts of one server, kept in blocks of an hour keyed by hour number. A
/// minute-keyed map cost a hash lookup (and, as it grew, rehashing) for every minute: on a
/// thousand daily files, which hold a thousand times the minutes of one day's file, the minutes
/// were a quarter of the whole read, and merging the workers' totals at the end, a second of
/// serial work per 1.4 million minutes, was a sixth. An hour block is 1,440 bytes, less than the
/// map spent on an hour whose minutes all had requests (the common case on a WSUS server).
#[derive(Debug, Clone, Default)]
pub struct MinuteTable {
    hours: FxHashMap<i64, Box<[MinuteAgg; BLOCK_MINUTES]>>,
}

impl MinuteTable {
    /// Adds counts to a minute (minutes since the Unix epoch).
    pub(crate) fn add(&mut self, minute: i64, counts: &MinuteAgg) {
        let hour = minute.div_euclid(BLOCK_MINUTES as i64);
        let at = minute.rem_euclid(BLOCK_MINUTES as i64) as usize;
        let block = self
            .hours
            .entry(hour)
            .or_insert_with(|| Box::new([MinuteAgg::default(); BLOCK_MINUTES]));
        if let Some(m) = block.get_mut(at) {
            m.merge(counts);
        }
    }

    fn merge(&mut self, other: MinuteTable) {
        if self.hours.len() < other.hours.len() {
            let mine = std::mem::replace(self, other);
            self.merge(mine);
            return;
        }
        for (hour, block) in other.hours {
            match self.hours.entry(hour) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(block);
                }
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    for (a, b) in e.get_mut().iter_mut().zip(block.iter()) {
                        a.merge(b);
                    }
                }
            }
        }
    }

    /// Hour blocks (hours since the Unix epoch, unordered); a minute without requests is zero.
    pub(crate) fn hours(&self) -> impl Iterator<Item = (i64, &[MinuteAgg; BLOCK_MINUTES])> {
        self.hours.iter().map(|(h, b)| (*h, &**b))
    }

    /// The minutes with requests (minutes since the Unix epoch, unordered).
    pub fn iter(&self) -> impl Iterator<Item = (i64, &MinuteAgg)> {
        self.hours().flat_map(|(hour, block)| {
            (hour * BLOCK_MINUTES as i64..)
                .zip(block.iter())
                .filter(|(_, m)| m.total > 0)
        })
    }
}

/// The 503 answers of one minute on one server: per endpoint family, and the first line.
#[derive(Debug, Clone, Default)]
pub struct Minute503 {
    pub families: [u64; FAMILIES],
    pub first: Option<Loc>,
    /// The times of the first and last 503 to a WSUS endpoint in the minute (a burst's range
    /// ends at its last record, not at the start of its last minute).
    pub wsus_times: Option<(i64, i64)>,
}

impl Minute503 {
    fn merge(&mut self, o: &Minute503) {
        for (a, b) in self.families.iter_mut().zip(o.families) {
            *a += b;
        }
        self.first = match (self.first, o.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some((first, last)) = o.wsus_times {
            self.note_wsus(first);
            self.note_wsus(last);
        }
    }

    pub(crate) fn note_wsus(&mut self, time: i64) {
        self.wsus_times = Some(match self.wsus_times {
            None => (time, time),
            Some((a, b)) => (a.min(time), b.max(time)),
        });
    }
}

/// One server (by computer name, server IP or site name; empty when the log names none).
#[derive(Debug, Clone, Default)]
pub struct ServerAgg {
    pub name: String,
    pub requests: u64,
    pub first: i64,
    pub last: i64,
    pub minutes: MinuteTable,
    /// The minutes with 503 answers.
    pub minutes_503: FxHashMap<i64, Minute503>,
}

/// Time-taken histogram buckets: exact below 16 ms, then 8 buckets per power of two, so a
/// percentile is exact to within 12.5 %.
pub(crate) const HIST_BUCKETS: usize = 16 + 60 * 8;

fn hist_bucket(ms: u64) -> usize {
    if ms < 16 {
        return ms as usize;
    }
    let e = 63 - ms.leading_zeros() as usize;
    let sub = ((ms >> (e - 3)) & 7) as usize;
    (16 + (e - 4) * 8 + sub).min(HIST_BUCKETS - 1)
}

/// The smallest value a bucket holds.
pub(crate) fn hist_floor(bucket: usize) -> u64 {
    if bucket < 16 {
        return bucket as u64;
    }
    let e = (bucket - 16) / 8 + 4;
    let sub = ((bucket - 16) % 8) as u64;
    (1u64 << e) + (sub << (e - 3))
}

/// One endpoint family.
#[derive(Debug, Clone, Default)]
pub struct FamilyAgg {
    pub requests: u64,
    pub statuses: Vec<(u16, u64)>,
    /// Requests per [`hist_bucket`]: empty until the family's first timed request, so that an
    /// aggregate costs nothing for the families (or files) it never sees.
    pub time_taken: Vec<u64>,
    pub timed: u64,
}

impl FamilyAgg {
    fn time(&mut self, ms: u64) {
        if self.time_taken.is_empty() {
            self.time_taken = vec![0; HIST_BUCKETS];
        }
        if let Some(n) = self.time_taken.get_mut(hist_bucket(ms)) {
            *n += 1;
        }
        self.timed += 1;
    }

    fn merge(&mut self, o: FamilyAgg) {
        self.requests += o.requests;
        for (s, n) in o.statuses {
            bump(&mut self.statuses, s, n);
        }
        if self.time_taken.is_empty() {
            self.time_taken = o.time_taken;
        } else {
            for (x, y) in self.time_taken.iter_mut().zip(o.time_taken) {
                *x += y;
            }
        }
        self.timed += o.timed;
    }

    /// The time-taken percentile `p` (0..=100) in ms (lower bound of its bucket).
    pub fn percentile(&self, p: f64) -> Option<u64> {
        if self.timed == 0 {
            return None;
        }
        let rank = ((p / 100.0) * self.timed as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, n) in self.time_taken.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return Some(hist_floor(i));
            }
        }
        None
    }
}

/// Which records count: those of the focus window, or of the `logs` command's filters.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub client: Option<Vec<u8>>,
}

impl Filter {
    /// A record at `time` (Unix seconds) from `client` passes every filter.
    #[inline]
    pub(crate) fn admits(&self, time: i64, client: &[u8]) -> bool {
        self.in_time(time) && self.client.as_deref().is_none_or(|c| c == client)
    }

    /// Whether a time is inside `since..=until`.
    pub(crate) fn in_time(&self, t: i64) -> bool {
        self.since.is_none_or(|s| t >= s) && self.until.is_none_or(|u| t <= u)
    }
}

/// What a file's inventory entry says of it, and the same figures over every file: records,
/// their time span, malformed lines, how the layout was found.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub records: u64,
    pub filtered_out: u64,
    pub first: Option<i64>,
    pub last: Option<i64>,
    pub malformed: u64,
    pub malformed_examples: Vec<(Loc, &'static str, String)>,
    pub default_layout: bool,
    pub server_fields: Vec<&'static str>,
}

impl Tally {
    fn merge(&mut self, o: Tally) {
        self.records += o.records;
        self.filtered_out += o.filtered_out;
        self.first = match (self.first, o.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = match (self.last, o.last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.malformed += o.malformed;
        self.malformed_examples.extend(o.malformed_examples);
        self.malformed_examples.sort_by_key(|e| e.0);
        self.malformed_examples.truncate(MALFORMED_EXAMPLES);
        self.default_layout |= o.default_layout;
        for f in o.server_fields {
            self.saw_server_field(f);
        }
    }

    fn saw_server_field(&mut self, f: &'static str) {
        if !self.server_fields.contains(&f) {
            self.server_fields.push(f);
        }
    }
}

/// The aggregate.
#[derive(Debug, Clone, Default)]
pub struct Agg {
    /// Every file read so far, up to the last [`Agg::end_file`].
    pub total: Tally,
    /// The file being read.
    pub file: Tally,
    /// (status, sub-status, win32 status) → requests.
    pub statuses: FxHashMap<(u16, u32, u64), u64>,
    pub families: [FamilyAgg; FAMILIES],
    pub clients: ClientTable,
    pub user_agents: FxHashMap<Box<[u8]>, u64>,
    pub servers: Vec<ServerAgg>,
    pub notable: FxHashMap<Rule, Notable>,
    /// Server ports on which a WSUS web service answered without error: where the log shows the
    /// WSUS site itself (kept sorted, at most [`PORTS_KEPT`]).
    pub wsus_ports_answering: Vec<u16>,
    pub filter: Filter,
    /// What [`Loc::file`] is for the records being read: the chunk's number while a file is cut
    /// among threads, else the file's number.
    pub chunk: u32,
    last_server: usize,
    last_server_key: Option<ShortKey>,
    /// The minute being counted (server index, minute): records come in time order, so one
    /// accumulator absorbs a whole minute before it is folded into the server's map.
    current_minute: Option<(usize, i64)>,
    minute_counts: MinuteAgg,
    minute_503: Minute503,
    /// The few (status, sub-status, win32) combinations and user agents of the bulk of the
    /// traffic, counted without hashing; folded into the maps by [`Agg::flush`].
    status_cache: Vec<((u16, u32, u64), u64)>,
    agent_cache: Vec<(Box<[u8]>, u64, Agent)>,
}

/// Distinct ports remembered in [`Agg::wsus_ports_answering`]; a WSUS site has two bindings,
/// a few more are kept so that a co-hosted site cannot crowd WSUS's out.
pub(crate) const PORTS_KEPT: usize = 8;

/// The `s-port` value; 0 when absent or not a port.
fn port_number(raw: &[u8]) -> u16 {
    if raw.is_empty() || raw.len() > 5 {
        return 0;
    }
    raw.iter()
        .try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
        .and_then(|n| u16::try_from(n).ok())
        .unwrap_or(0)
}

fn remember_port(ports: &mut Vec<u16>, port: u16) {
    if port == 0 || ports.len() >= PORTS_KEPT {
        return;
    }
    if let Err(at) = ports.binary_search(&port) {
        ports.insert(at, port);
    }
}

/// Entries of the hashing-free caches.
const STATUS_CACHE: usize = 32;
const AGENT_CACHE: usize = 8;

impl Agg {
    pub(crate) fn with_filter(filter: Filter) -> Self {
        Agg {
            filter,
            ..Agg::default()
        }
    }

    fn server_index(&mut self, name: &[u8]) -> usize {
        // Most lines name the server of the line before (compared as two words when short).
        let key = ShortKey::of(name);
        if key.is_some() && key == self.last_server_key {
            return self.last_server;
        }
        if let Some(s) = self.servers.get(self.last_server) {
            if s.name.as_bytes() == name {
                return self.last_server;
            }
        }
        let i = match self.servers.iter().position(|s| s.name.as_bytes() == name) {
            Some(i) => i,
            None => {
                self.servers.push(ServerAgg {
                    name: String::from_utf8_lossy(name).into_owned(),
                    ..ServerAgg::default()
                });
                self.servers.len() - 1
            }
        };
        self.last_server = i;
        self.last_server_key = key;
        i
    }

    fn note(&mut self, rule: Rule, r: &Record<'_>, family: Family, loc: Loc, raw: &[u8]) {
        self.notable
            .entry(rule)
            .or_default()
            .add(r.time, r.client_ip, family, loc, raw);
    }

    /// Folds one record in.
    #[inline]
    pub(crate) fn add(&mut self, line: u64, r: &Record<'_>, raw: &[u8]) {
        if !self.filter.admits(r.time, r.client_ip) {
            self.file.filtered_out += 1;
            return;
        }
        let loc = Loc {
            file: self.chunk,
            line,
        };
        let tally = &mut self.file;
        tally.records += 1;
        tally.first = Some(tally.first.map_or(r.time, |f| f.min(r.time)));
        tally.last = Some(tally.last.map_or(r.time, |l| l.max(r.time)));
        let minute = r.time.div_euclid(60);
        let status = r.status;
        let (family, double_slash) = classify(r.uri_stem);

        // Per server and minute.
        let si = self.server_index(r.server);
        if self.current_minute != Some((si, minute)) {
            self.flush_minute();
            self.current_minute = Some((si, minute));
        }
        let server = &mut self.servers[si];
        if server.requests == 0 {
            server.first = r.time;
            server.last = r.time;
        } else {
            server.first = server.first.min(r.time);
            server.last = server.last.max(r.time);
        }
        server.requests += 1;
        let m = &mut self.minute_counts;
        let inc = |n: &mut u32| *n = n.saturating_add(1);
        inc(&mut m.total);
        if (500..600).contains(&status) {
            inc(&mut m.status_5xx);
            if status == 503 {
                inc(&mut m.status_503);
                let u = &mut self.minute_503;
                u.families[family.index()] += 1;
                u.first = Some(u.first.map_or(loc, |f| f.min(loc)));
                if family.is_wsus() {
                    u.note_wsus(r.time);
                }
            }
        } else {
            match status {
                401 => inc(&mut m.status_401),
                403 => inc(&mut m.status_403),
                404 => inc(&mut m.status_404),
                _ => {}
            }
        }

        let key = (status, r.substatus, r.win32);
        if let Some(e) = self.status_cache.iter_mut().find(|(k, _)| *k == key) {
            e.1 += 1;
        } else if self.status_cache.len() < STATUS_CACHE {
            self.status_cache.push((key, 1));
        } else {
            *self.statuses.entry(key).or_insert(0) += 1;
        }

        let f = &mut self.families[family.index()];
        f.requests += 1;
        bump(&mut f.statuses, status, 1);
        if let Some(ms) = r.time_taken {
            f.time(ms);
        }

        // The few user agents of the bulk of the traffic are counted and classified once each.
        let ua = r.user_agent;
        let agent = match self
            .agent_cache
            .iter_mut()
            .find(|(k, _, _)| k.len() == ua.len() && **k == *ua)
        {
            Some(e) => {
                e.1 += 1;
                e.2
            }
            None => {
                let agent = agent_of(ua);
                if self.agent_cache.len() < AGENT_CACHE {
                    self.agent_cache.push((ua.into(), 1, agent));
                } else {
                    count_agent(&mut self.user_agents, ua, 1);
                }
                agent
            }
        };
        self.clients
            .record(r.client_ip, r.time, status, family.is_wsus_vdir(), loc);

        if double_slash {
            self.note(Rule::TrailingSlash(family as u8), r, family, loc, raw);
        }
        if status < 400
            && family.is_wsus_vdir()
            && self.wsus_ports_answering.len() < PORTS_KEPT
            && !r.server_port.is_empty()
        {
            remember_port(&mut self.wsus_ports_answering, port_number(r.server_port));
        }
        match status {
            403 => {
                let rule = match agent {
                    // BITS and Delivery Optimization download content for the Windows Update
                    // client: a 403 to them stops updates as surely as one to the agent.
                    Agent::WindowsUpdateAgent | Agent::Bits | Agent::DeliveryOptimization => {
                        Rule::Forbidden403Agent(r.substatus)
                    }
                    Agent::Browser => Rule::Forbidden403Browser,
                    _ => Rule::Forbidden403Other(r.substatus),
                };
                self.note(rule, r, family, loc, raw);
            }
            404 if family == Family::Content => {
                self.note(Rule::NotFoundContent(r.substatus), r, family, loc, raw)
            }
            404 if family.is_wsus_vdir() => self.note(
                Rule::NotFoundVdir(family as u8, r.substatus, port_number(r.server_port)),
                r,
                family,
                loc,
                raw,
            ),
            500 => self.note(Rule::ServerError500(r.substatus), r, family, loc, raw),
            503 => self.note(Rule::Unavailable503(r.substatus), r, family, loc, raw),
            _ => {}
        }
        // win32 64 / 121 / 1236: the connection was dropped or timed out (formats.md §1.4). A
        // 403.7 (client certificate required) ends its connection that way too: it is one fact,
        // already read as the 403, not a second symptom.
        if matches!(r.win32, 64 | 121 | 1236) && !(status == 403 && r.substatus == 7) {
            self.note(Rule::Dropped(r.win32 as u32), r, family, loc, raw);
        }
    }

    fn flush_minute(&mut self) {
        if let Some((si, minute)) = self.current_minute.take() {
            let counts = std::mem::take(&mut self.minute_counts);
            let unavailable = std::mem::take(&mut self.minute_503);
            if let Some(server) = self.servers.get_mut(si) {
                server.minutes.add(minute, &counts);
                if counts.status_503 > 0 {
                    server
                        .minutes_503
                        .entry(minute)
                        .or_default()
                        .merge(&unavailable);
                }
            }
        }
    }

    /// Folds the accumulators and caches into the maps; every reader of the maps sees the whole
    /// count after this (merge and relocate call it).
    pub fn flush(&mut self) {
        self.flush_minute();
        self.clients.fold_hot();
        for (k, n) in self.status_cache.drain(..) {
            *self.statuses.entry(k).or_insert(0) += n;
        }
        for (k, n, _) in std::mem::take(&mut self.agent_cache) {
            count_agent(&mut self.user_agents, &k, n);
        }
    }

    pub(crate) fn malformed_line(&mut self, line: u64, reason: &'static str, raw: &[u8]) {
        self.file.malformed += 1;
        if self.file.malformed_examples.len() < MALFORMED_EXAMPLES {
            let loc = Loc {
                file: self.chunk,
                line,
            };
            self.file
                .malformed_examples
                .push((loc, reason, excerpt(raw)));
        }
    }

    /// Closes the file being read: its tally joins the total, and is returned for the file's
    /// inventory entry.
    pub(crate) fn end_file(&mut self) -> Tally {
        let tally = std::mem::take(&mut self.file);
        self.total.merge(tally.clone());
        tally
    }

    /// Folds another aggregate in.
    pub(crate) fn merge(&mut self, mut o: Agg) {
        self.flush();
        o.flush();
        self.total.merge(o.total);
        self.file.merge(o.file);
        for (k, v) in o.statuses {
            *self.statuses.entry(k).or_insert(0) += v;
        }
        for (a, b) in self.families.iter_mut().zip(o.families) {
            a.merge(b);
        }
        self.clients.merge(o.clients);
        for (k, v) in o.user_agents {
            count_agent(&mut self.user_agents, &k, v);
        }
        for s in o.servers {
            let i = self.server_index(s.name.as_bytes());
            let mine = &mut self.servers[i];
            if mine.requests == 0 {
                mine.first = s.first;
                mine.last = s.last;
            } else if s.requests > 0 {
                mine.first = mine.first.min(s.first);
                mine.last = mine.last.max(s.last);
            }
            mine.requests += s.requests;
            mine.minutes.merge(s.minutes);
            if mine.minutes_503.is_empty() {
                mine.minutes_503 = s.minutes_503;
            } else {
                for (minute, m) in s.minutes_503 {
                    mine.minutes_503.entry(minute).or_default().merge(&m);
                }
            }
        }
        for (k, v) in o.notable {
            self.notable.entry(k).or_default().merge(v);
        }
        for p in o.wsus_ports_answering {
            remember_port(&mut self.wsus_ports_answering, p);
        }
    }

    /// Rewrites every location with `map`.
    pub(crate) fn relocate(&mut self, map: impl Fn(Loc) -> Loc) {
        self.flush();
        for c in self.clients.values_mut() {
            c.example = map(c.example);
            for p in &mut c.pending_401 {
                p.first = map(p.first);
            }
        }
        for s in &mut self.servers {
            for m in s.minutes_503.values_mut() {
                m.first = m.first.map(&map);
            }
        }
        for n in self.notable.values_mut() {
            for e in &mut n.examples {
                e.0 = map(e.0);
            }
        }
        for e in self
            .total
            .malformed_examples
            .iter_mut()
            .chain(&mut self.file.malformed_examples)
        {
            e.0 = map(e.0);
        }
    }
}

impl Agg {
    /// Remembers which field names the server in a layout.
    pub(crate) fn saw_layout(&mut self, map: &FieldMap) {
        if let Some(f) = map.server_field() {
            self.file.saw_server_field(f);
        }
    }
}

impl iis_w3c::Sink for Agg {
    #[inline]
    fn record(&mut self, line: u64, record: &Record<'_>, raw: &[u8]) {
        self.add(line, record, raw);
    }
    fn malformed(&mut self, line: u64, reason: &'static str, raw: &[u8]) {
        self.malformed_line(line, reason, raw);
    }
    fn layout(&mut self, _line: u64, map: &FieldMap) {
        self.saw_layout(map);
    }
    fn default_layout_used(&mut self) {
        self.file.default_layout = true;
    }
    #[inline]
    fn prefetch(&mut self, record: &Record<'_>) {
        self.clients.prefetch(record.client_ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_map_to_families() {
        assert_eq!(
            classify(b"/ClientWebService/client.asmx"),
            (Family::ClientWebService, false)
        );
        assert_eq!(
            classify(b"//selfupdate/wuident.cab"),
            (Family::SelfUpdate, true)
        );
        assert_eq!(classify(b"/content/ab/x.cab"), (Family::Content, false));
        assert_eq!(classify(b"/"), (Family::Other, false));
        assert_eq!(classify(b""), (Family::Other, false));
        // Every name in every case, alone or followed by a path; near misses are other paths.
        for c in [
            CLIENT_WEB_SERVICE,
            CONTENT,
            SIMPLE_AUTH,
            SELF_UPDATE,
            SERVER_SYNC,
            REPORTING,
            DSS_AUTH,
            API_REMOTING,
            INVENTORY,
        ] {
            let name = String::from_utf8_lossy(c.name).into_owned();
            for spelled in [name.clone(), name.to_uppercase(), name.to_lowercase()] {
                assert_eq!(classify(format!("/{spelled}").as_bytes()).0, c.family);
                assert_eq!(classify(format!("/{spelled}/x.y").as_bytes()).0, c.family);
                assert_eq!(
                    classify(format!("/{spelled}x/y").as_bytes()).0,
                    Family::Other
                );
                assert_eq!(
                    classify(format!("/{spelled}.asmx").as_bytes()).0,
                    Family::Other
                );
            }
            // Another byte where a letter stands (bit 6 flipped: neither case of the letter).
            let mut odd = format!("/{name}/").into_bytes();
            odd[2] ^= 0x40;
            assert_eq!(
                classify(&odd).0,
                Family::Other,
                "{}",
                String::from_utf8_lossy(&odd)
            );
            // Bit 5 is not folded where the name has no letter: the `/` after it (0x2F) with bit
            // 5 cleared is another byte.
            let mut slash = format!("/{name}/x").into_bytes();
            let at = name.len() + 1;
            slash[at] ^= 0x20;
            assert_eq!(classify(&slash).0, Family::Other);
            let mut digit = format!("/{name}/").into_bytes();
            if let Some(d) = digit.iter_mut().find(|b| b.is_ascii_digit()) {
                *d ^= 0x20;
                assert_eq!(classify(&digit).0, Family::Other);
            }
        }
    }

    #[test]
    fn neighbouring_addresses_spread_over_the_slots() {
        // A site's clients share their first octets: their slots must still differ.
        let mask = (1usize << 15) - 1;
        let homes: std::collections::HashSet<usize> = (0..20_000u32)
            .filter_map(|i| {
                let ip = format!("10.175.{}.{}", i / 256, i % 256);
                ShortKey::of(ip.as_bytes()).map(|k| k.home(mask))
            })
            .collect();
        assert!(homes.len() > 12_000, "{} distinct slots", homes.len());
    }

    #[test]
    fn short_keys_are_exact() {
        let samples: [&[u8]; 9] = [
            b"",
            b"1",
            b"::1",
            b"1.2.3.4",
            b"1.2.3.44",
            b"10.0.0.1",
            b"10.0.0.10",
            b"fe80::1%11",
            b"255.255.255.255",
        ];
        for a in samples {
            for b in samples {
                assert_eq!(ShortKey::of(a) == ShortKey::of(b), a == b);
            }
        }
        assert!(ShortKey::of(b"2001:db8:85a3::8a2e:370:7334").is_none());
    }

    #[test]
    fn client_table_counts_every_status_of_every_kind_of_address() {
        let mut t = ClientTable::default();
        let loc = Loc::default();
        for i in 0..5000u32 {
            let ip = format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255);
            t.record(ip.as_bytes(), 60, 200, true, loc);
            t.record(ip.as_bytes(), 61, 304, true, loc);
        }
        t.record(b"fe80::1%11", 10, 401, false, loc);
        t.record(b"fe80::1%11", 200, 200, false, loc);
        t.record(b"010.0.0.1", 10, 503, false, loc);
        t.record(b"2001:db8:85a3::8a2e:370:7334", 10, 401, false, loc);
        t.fold_hot();
        assert_eq!(t.len(), 5003);
        let c = t.get(b"10.0.19.135").unwrap();
        assert_eq!((c.requests, c.first, c.last), (2, 60, 61));
        assert!(c.statuses.contains(&(304, 1)) && c.wsus);
        assert!(!t.get(b"fe80::1%11").unwrap().wsus);
        let v6 = t.get(b"fe80::1%11").unwrap();
        assert_eq!(v6.requests, 2);
        assert!(v6.pending_401.is_empty());
        assert_eq!(t.get(b"010.0.0.1").unwrap().statuses, vec![(503, 1)]);
        assert!(t.get(b"10.99.0.1").is_none());
        // Another spelling of an address is another client, as IIS wrote it.
        assert_eq!(t.get(b"10.0.0.1").unwrap().requests, 2);
        let long = t.get(b"2001:db8:85a3::8a2e:370:7334").unwrap();
        assert_eq!(long.pending_401.len(), 1);
    }

    #[test]
    fn histogram_buckets_bound_their_values() {
        for v in [0u64, 15, 16, 17, 100, 1000, 123_456, u64::MAX] {
            let b = hist_bucket(v);
            assert!(hist_floor(b) <= v, "{v}");
            if b + 1 < HIST_BUCKETS {
                assert!(hist_floor(b + 1) > v, "{v}");
            }
        }
    }
}

#[cfg(test)]
mod port_tests {
    use super::*;

    #[test]
    fn ports_are_read_as_logged_or_left_unknown() {
        assert_eq!(port_number(b"8530"), 8530);
        assert_eq!(port_number(b"80"), 80);
        for bad in [&b""[..], b"-", b"65536", b"123456", b"85a0"] {
            assert_eq!(port_number(bad), 0, "{bad:?}");
        }
    }

    #[test]
    fn answering_ports_stay_sorted_distinct_and_bounded() {
        let mut ports = Vec::new();
        for p in [8531, 8530, 8531, 0, 80] {
            remember_port(&mut ports, p);
        }
        assert_eq!(ports, [80, 8530, 8531]);
        for p in 1..=20 {
            remember_port(&mut ports, p);
        }
        assert_eq!(ports.len(), PORTS_KEPT);
    }

    #[test]
    fn hour_blocks_count_each_minute_as_a_map_of_minutes_would() {
        let one = |total: u32, status_503: u32| MinuteAgg {
            total,
            status_503,
            ..MinuteAgg::default()
        };
        // Minutes on both sides of an hour boundary and before 1970 (negative minute numbers).
        let mut a = MinuteTable::default();
        a.add(-61, &one(1, 0));
        a.add(59, &one(2, 1));
        a.add(60, &one(3, 0));
        let mut b = MinuteTable::default();
        for (minute, counts) in [(59, one(4, 4)), (7_200, one(5, 0)), (7_201, one(6, 0))] {
            b.add(minute, &counts);
        }
        // The larger table absorbs the smaller, whichever side it is on.
        a.merge(b);
        let mut minutes: Vec<(i64, u32, u32)> =
            a.iter().map(|(m, c)| (m, c.total, c.status_503)).collect();
        minutes.sort_unstable();
        assert_eq!(
            minutes,
            [
                (-61, 1, 0),
                (59, 6, 5),
                (60, 3, 0),
                (7_200, 5, 0),
                (7_201, 6, 0)
            ]
        );
        let mut hours: Vec<i64> = a.hours().map(|(h, _)| h).collect();
        hours.sort_unstable();
        assert_eq!(hours, [-2, 0, 1, 120]);
    }
}
