//! The focus window: which server logs an analysis reads. WSUS servers keep years of daily IIS
//! logs (formats.md §1.1: one `u_exYYMMDD.log` per site and day) and HTTP.sys error logs
//! (`httperrN.log`, a new one per megabyte, formats.md §2.1); a diagnosis wants the recent ones.
//!
//! A window is a span of UTC time. Whole IIS and HTTPERR files outside it are left out before
//! anything but their first lines is read: by the period their name gives (`u_exYYMMDD` daily,
//! `u_exYYMMDDHH` hourly, `u_exYYMM` monthly) when the first date written in the file (its
//! `#Date` directive, else its first record) agrees with the name; by that first date when the
//! name gives none or lies (a renamed file, or a weekly `u_exYYMMWW` read as a day), the file
//! then reaching to the first date of the next file of its numbered series (`httperr7.log` ends
//! where `httperr8.log` starts). Records of the files read are filtered one by one.

use super::{text, EvidenceSet, Kind, Look};
use jiff::civil::{Date, DateTime};
use jiff::ToSpan;
use rayon::prelude::*;

/// Days the default window spans, up to the day of the newest server log.
pub const DEFAULT_DAYS: u32 = 14;

/// The option that reads every file.
pub(crate) const ALL_HISTORY: &str = "--all-history";

/// Margin around the period a name or a first date gives: file names follow local days when
/// IIS's `localTimeRollover` is set (formats.md §1.1), and zones reach 14 hours from UTC.
const SLACK: i64 = 14 * 3600;

const DAY: i64 = 86_400;

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Every file and every record.
    All,
    /// The given number of days up to the day of the newest server log.
    LastDays(u32),
    /// From `since` to `until` (Unix seconds, UTC, both inclusive); either may be open.
    Range {
        since: Option<i64>,
        until: Option<i64>,
    },
}

/// The window an analysis applies, and what it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    /// First second in the window (UTC), unless open.
    pub since: Option<i64>,
    /// Last second in the window (UTC), unless open.
    pub until: Option<i64>,
    /// The default window's length in days; absent when `--since`/`--until` chose the window.
    pub days: Option<u32>,
    /// Files left out whole, in input order.
    pub left_out: Vec<LeftOut>,
}

/// A file the window left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub path: String,
    pub size: u64,
    pub kind: Kind,
    /// Where its records start, as far as its dates tell (UTC).
    pub start: i64,
    pub by: Basis,
}

/// What placed a file in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Its name, which the first date written in it confirms.
    Name,
    /// Its name alone: its first lines carry no date.
    NameOnly,
    /// The first date written in it (its name gives no date, or one that the file contradicts),
    /// and for its end the first date of the next file of its series.
    FirstDate,
}

impl Basis {
    pub fn describe(self) -> crate::i18n::Text {
        match self {
            Basis::Name => crate::tr!("window-basis-name"),
            Basis::NameOnly => crate::tr!("window-basis-name-only"),
            Basis::FirstDate => crate::tr!("window-basis-first-date"),
        }
    }
}

impl Window {
    pub(crate) fn bytes_left_out(&self) -> u64 {
        self.left_out.iter().map(|f| f.size).sum()
    }
}

/// Where a file's name and first lines place it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Dates {
    /// The period the name gives, `[start, end)`.
    named: Option<(i64, i64)>,
    /// The folder and prefix of a numbered series (`httperr`, `u_extend`) and the number.
    series: Option<(String, u64)>,
    /// The first `#Date` directive in the first lines, else the first record's time.
    first: Option<i64>,
}

/// A server log's place in time: records from `lo`, before `hi` when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    lo: i64,
    hi: Option<i64>,
    by: Basis,
}

impl Dates {
    /// Where the records can be. `next` is the first date of the next file of the series.
    fn span(&self, next: Option<i64>) -> Option<Span> {
        match (self.named, self.first) {
            (Some((start, end)), Some(first)) if first >= start - SLACK && first < end + SLACK => {
                Some(Span {
                    lo: start - SLACK,
                    hi: Some(end + SLACK),
                    by: Basis::Name,
                })
            }
            (Some((start, end)), None) => Some(Span {
                lo: start - SLACK,
                hi: Some(end + SLACK),
                by: Basis::NameOnly,
            }),
            // No name date, or one the file contradicts: its first date starts it.
            (_, Some(first)) => Some(Span {
                lo: first - SLACK,
                hi: next.filter(|n| *n >= first).map(|n| n + SLACK),
                by: Basis::FirstDate,
            }),
            (None, None) => None,
        }
    }

    /// The time the file's records start at, for the newest-log anchor.
    fn start(&self) -> Option<i64> {
        match self.span(None)?.by {
            Basis::FirstDate => self.first,
            Basis::Name | Basis::NameOnly => self.named.map(|n| n.0),
        }
    }
}

/// How much of a server log's start holds its dates: the directives and the first record.
const DATE_BYTES: usize = 8 * 1024;

/// Applies a request to the evidence: removes the IIS and HTTPERR files wholly outside the window,
/// with their looks (`looks[i]` is what [`super::sniff_all`] gave for `set.files[i]`), and returns
/// the window, for the record filter and the report. `None` when there is no window to apply
/// (everything requested, or no server log to anchor the default one on).
pub fn apply_looked(
    set: &mut EvidenceSet,
    looks: &mut Vec<Look>,
    request: Request,
) -> Option<Window> {
    if request == Request::All {
        return None;
    }
    if looks.len() != set.files.len() {
        *looks = super::sniff_all(&set.files);
    }
    let found: Vec<Option<(Kind, Dates)>> = set
        .files
        .par_iter()
        .zip(looks.par_iter())
        .map(|(f, look)| {
            let look = look.as_ref().ok()?;
            let kind = look
                .kind
                .filter(|k| matches!(k, Kind::IisW3c | Kind::Httperr))?;
            let head = f.head(DATE_BYTES).ok()?;
            let enc = look.encoding.unwrap_or(text::TextEncoding::UTF8);
            Some((kind, dates(&f.display, &text::decode_all(&head, enc))))
        })
        .collect();
    let mut window = match request {
        Request::All => return None,
        Request::Range { since, until } => Window {
            since,
            until,
            ..Window::default()
        },
        Request::LastDays(days) => {
            if found.iter().all(Option::is_none) {
                return None;
            }
            let newest = found.iter().flatten().filter_map(|(_, d)| d.start()).max();
            Window {
                since: newest.map(|t| (t.div_euclid(DAY) - i64::from(days.max(1)) + 1) * DAY),
                days: Some(days),
                ..Window::default()
            }
        }
    };
    let spans = spans(&found);
    let mut keep = Vec::with_capacity(set.files.len());
    let mut keep_looks = Vec::with_capacity(set.files.len());
    let files = set.files.drain(..).zip(looks.drain(..));
    for ((file, look), (found, span)) in files.zip(found.iter().zip(spans)) {
        match (found, span) {
            (Some((kind, _)), Some(span)) if outside(span, &window) => {
                window.left_out.push(LeftOut {
                    path: file.display,
                    size: file.size,
                    kind: *kind,
                    start: span.lo + SLACK,
                    by: span.by,
                });
            }
            _ => {
                keep.push(file);
                keep_looks.push(look);
            }
        }
    }
    set.files = keep;
    *looks = keep_looks;
    Some(window)
}

fn outside(span: Span, w: &Window) -> bool {
    let before = matches!((span.hi, w.since), (Some(hi), Some(since)) if hi <= since);
    let after = w.until.is_some_and(|until| span.lo > until);
    before || after
}

/// Each file's span, the files of a numbered series ending where the next one starts.
fn spans(found: &[Option<(Kind, Dates)>]) -> Vec<Option<Span>> {
    let mut series: Vec<(&str, u64, usize)> = found
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let (key, n) = f.as_ref()?.1.series.as_ref()?;
            Some((key.as_str(), *n, i))
        })
        .collect();
    series.sort_unstable();
    let mut next: Vec<Option<i64>> = vec![None; found.len()];
    for pair in series.windows(2) {
        if let [(key, _, i), (next_key, _, j)] = pair {
            if key == next_key {
                next[*i] = found.get(*j).and_then(|f| f.as_ref()?.1.first);
            }
        }
    }
    found
        .iter()
        .zip(next)
        .map(|(f, next)| f.as_ref()?.1.span(next))
        .collect()
}

/// The dates a file's name (its last path component) and first lines give.
fn dates(display: &str, head: &str) -> Dates {
    let cut = display.rfind(['/', '\\', '!']).map_or(0, |i| i + 1);
    let (folder, name) = display.split_at(cut);
    let name = name.to_ascii_lowercase();
    let stem = name.strip_suffix(".gz").unwrap_or(&name);
    let mut d = Dates {
        first: first_date(head),
        ..Dates::default()
    };
    let Some(stem) = stem.strip_suffix(".log") else {
        return d;
    };
    let numbered = |prefix: &str| {
        let digits = stem.strip_prefix(prefix)?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((format!("{folder}{prefix}"), digits.parse().ok()?))
    };
    d.series = numbered("httperr")
        .or_else(|| numbered("u_extend"))
        .or_else(|| numbered("extend"));
    let dated = stem.strip_prefix("u_").unwrap_or(stem);
    if let Some(digits) = ["ex", "in", "nc"]
        .iter()
        .find_map(|p| dated.strip_prefix(p))
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
    {
        d.named = named_period(digits);
    }
    d
}

/// `YYMMDD` a day, `YYMMDDHH` an hour, `YYMM` a month (IIS's daily, hourly and monthly names,
/// formats.md §1.1); years are 2000 and later, as IIS 7+ writes them.
fn named_period(digits: &str) -> Option<(i64, i64)> {
    let num = |r: std::ops::Range<usize>| digits.get(r)?.parse::<i8>().ok();
    let year = 2000 + i16::from(num(0..2)?);
    let month = num(2..4)?;
    let at = |date: Date| date.to_zoned(jiff::tz::TimeZone::UTC).ok();
    match digits.len() {
        4 => {
            let start = Date::new(year, month, 1).ok()?;
            let end = start.checked_add(1.month()).ok()?;
            Some((
                at(start)?.timestamp().as_second(),
                at(end)?.timestamp().as_second(),
            ))
        }
        6 | 8 => {
            let day = Date::new(year, month, num(4..6)?).ok()?;
            let start = at(day)?.timestamp().as_second();
            if digits.len() == 6 {
                return Some((start, start + DAY));
            }
            let hour = i64::from(num(6..8)?);
            (hour < 24).then(|| (start + hour * 3600, start + (hour + 1) * 3600))
        }
        _ => None,
    }
}

/// The first `#Date:` directive of the text, else the time of its first record (`YYYY-MM-DD
/// HH:MM:SS` at the start of the first line that is not a directive).
fn first_date(head: &str) -> Option<i64> {
    let mut first_record = None;
    for line in head.lines() {
        if let Some(v) = line.strip_prefix("#Date:") {
            if let Some(t) = stamp(v.trim()) {
                return Some(t);
            }
        } else if !line.starts_with('#') && first_record.is_none() {
            first_record = Some(stamp(line.get(..19).unwrap_or_default()));
        }
    }
    first_record.flatten()
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) as Unix seconds.
fn stamp(s: &str) -> Option<i64> {
    let dt = DateTime::strptime("%Y-%m-%d %H:%M:%S", s.get(..19)?).ok()?;
    Some(
        dt.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_second(),
    )
}

/// The accepted forms, not the time library's account of which digit it stopped at.
fn not_a_time(s: &str) -> crate::i18n::Text {
    crate::tr!("time-not-a-time", value = s)
}

/// `2026-11-10`, `2026-11-10 04:00`, `2026-11-10T04:00:00Z`: a time in UTC, as the logs are.
pub fn parse_since(s: &str) -> Result<i64, crate::i18n::Text> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t.as_second());
    }
    let dt = s
        .parse::<DateTime>()
        .or_else(|_| {
            s.parse::<Date>()
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        })
        .map_err(|_| not_a_time(s))?;
    Ok(dt
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map_err(|_| not_a_time(s))?
        .timestamp()
        .as_second())
}

/// Like [`parse_since`], but a date alone means the end of that day.
pub fn parse_until(s: &str) -> Result<i64, crate::i18n::Text> {
    let t = parse_since(s)?;
    let date_only = s.len() == 10;
    Ok(if date_only { t + DAY - 1 } else { t })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::EvidenceFile;

    /// [`apply_looked`] for files not looked at yet.
    fn apply(set: &mut EvidenceSet, request: Request) -> Option<Window> {
        let mut looks = crate::evidence::sniff_all(&set.files);
        apply_looked(set, &mut looks, request)
    }

    const IIS_FIELDS: &str = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n";

    fn t(s: &str) -> i64 {
        parse_since(s).unwrap()
    }

    /// An IIS log whose `#Date` and record say `day`.
    fn iis(name: &str, day: &str) -> EvidenceFile {
        let text = format!(
            "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: {day} 00:00:01\n{IIS_FIELDS}{day} 00:00:01 10.0.0.10 GET /selfupdate/wuident.cab - 8530 - 10.0.5.21 Windows-Update-Agent - 200 0 0 15\n"
        );
        EvidenceFile::memory(format!("W3SVC1/{name}"), text.into_bytes())
    }

    /// An IIS log without directives, whose first record says `day`.
    fn iis_bare(name: &str, day: &str) -> EvidenceFile {
        let text = format!("{day} 10:00:00 10.0.0.10 GET /selfupdate/wuident.cab - 8530 - 10.0.5.21 Windows-Update-Agent - 200 0 0 15\n");
        EvidenceFile::memory(format!("W3SVC1/{name}"), text.into_bytes())
    }

    fn httperr(name: &str, day: &str) -> EvidenceFile {
        let text = format!(
            "#Software: Microsoft HTTP API 2.0\n#Version: 1.0\n#Date: {day} 09:14:02\n#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\n{day} 09:14:02 10.0.5.21 50412 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 QueueFull WsusPool\n"
        );
        EvidenceFile::memory(format!("HTTPERR/{name}"), text.into_bytes())
    }

    fn names(set: &EvidenceSet) -> Vec<String> {
        set.files.iter().map(|f| f.display.clone()).collect()
    }

    fn left(w: &Window) -> Vec<(String, Basis)> {
        w.left_out.iter().map(|f| (f.path.clone(), f.by)).collect()
    }

    #[test]
    fn names_give_days_hours_months_and_series() {
        let day = dates("W3SVC1/u_ex240305.log", "");
        assert_eq!(day.named, Some((t("2024-03-05"), t("2024-03-06"))));
        assert_eq!(
            dates("x.zip!/W3SVC1/u_ex2403051.log", "").named,
            None,
            "seven digits are no IIS period"
        );
        let hour = dates("u_ex24030517.log.gz", "");
        assert_eq!(
            hour.named,
            Some((t("2024-03-05 17:00"), t("2024-03-05 18:00")))
        );
        let month = dates("C:\\logs\\U_IN2412.LOG", "");
        assert_eq!(month.named, Some((t("2024-12-01"), t("2025-01-01"))));
        assert_eq!(dates("u_ex240230.log", "").named, None, "no 30 February");
        let series = dates("HTTPERR/httperr12.log", "");
        assert_eq!(series.series, Some(("HTTPERR/httperr".to_string(), 12)));
        assert_eq!(series.named, None);
        assert_eq!(dates("access.log", "").named, None);
    }

    #[test]
    fn the_first_date_is_the_date_directive_else_the_first_record() {
        assert_eq!(
            first_date("#Software: x\n#Date: 2024-03-05 09:14:02\n2024-03-04 23:59:59 x\n"),
            Some(t("2024-03-05 09:14:02"))
        );
        assert_eq!(
            first_date("#Software: x\r\n2024-03-04 23:59:59 10.0.0.1 GET\r\n"),
            Some(t("2024-03-04 23:59:59"))
        );
        assert_eq!(
            first_date("#Software: x\n#Date: garbage\nnot a date\n"),
            None
        );
    }

    #[test]
    fn default_window_skips_old_days_by_name_and_reads_the_last_fourteen() {
        let mut files: Vec<EvidenceFile> = (1..=31)
            .map(|d| iis(&format!("u_ex2403{d:02}.log"), &format!("2024-03-{d:02}")))
            .collect();
        files.push(EvidenceFile::memory(
            "WindowsUpdate.log",
            b"not a server log".to_vec(),
        ));
        let mut set = EvidenceSet::from_files(files);
        let w = apply(&mut set, Request::LastDays(14)).unwrap();
        assert_eq!(w.since, Some(t("2024-03-18")));
        assert_eq!(w.until, None);
        assert_eq!(w.days, Some(14));
        // The day before the window is read too: a local-time day may hold its first hours.
        assert_eq!(set.files.len(), 15 + 1);
        assert_eq!(set.files[0].display, "W3SVC1/u_ex240317.log");
        assert_eq!(w.left_out.len(), 16);
        assert!(w.left_out.iter().all(|f| f.by == Basis::Name));
        assert_eq!(w.left_out[0].start, t("2024-03-01"));
    }

    #[test]
    fn a_file_without_dates_inside_is_skipped_by_its_name() {
        let mut set = EvidenceSet::from_files(vec![
            EvidenceFile::memory(
                "W3SVC1/u_ex240101.log",
                format!("#Software: Microsoft Internet Information Services 10.0\n{IIS_FIELDS}")
                    .into_bytes(),
            ),
            iis("u_ex240305.log", "2024-03-05"),
        ]);
        let w = apply(&mut set, Request::LastDays(14)).unwrap();
        assert_eq!(
            left(&w),
            [("W3SVC1/u_ex240101.log".to_string(), Basis::NameOnly)]
        );
        assert_eq!(names(&set), ["W3SVC1/u_ex240305.log"]);
    }

    #[test]
    fn files_without_a_dated_name_are_skipped_by_their_first_date() {
        let mut set = EvidenceSet::from_files(vec![
            httperr("httperr1.log", "2023-06-01"),
            httperr("httperr2.log", "2024-02-01"),
            httperr("httperr3.log", "2024-03-01"),
            iis("u_ex240305.log", "2024-03-05"),
            iis_bare("site.log", "2023-01-01"),
        ]);
        let w = apply(&mut set, Request::LastDays(14)).unwrap();
        // httperr2 runs until httperr3 starts, inside the window; site.log may run to today.
        assert_eq!(
            left(&w),
            [("HTTPERR/httperr1.log".to_string(), Basis::FirstDate)]
        );
        assert_eq!(
            names(&set),
            [
                "HTTPERR/httperr2.log",
                "HTTPERR/httperr3.log",
                "W3SVC1/u_ex240305.log",
                "W3SVC1/site.log"
            ]
        );
        // Before the window's end nothing is left out by a start alone; after it, it is.
        let mut set = EvidenceSet::from_files(vec![
            httperr("httperr1.log", "2023-06-01"),
            iis_bare("site.log", "2024-05-01"),
        ]);
        let w = apply(
            &mut set,
            Request::Range {
                since: None,
                until: Some(t("2024-03-31")),
            },
        )
        .unwrap();
        assert_eq!(
            left(&w),
            [("W3SVC1/site.log".to_string(), Basis::FirstDate)]
        );
    }

    #[test]
    fn a_name_the_file_contradicts_gives_way_to_its_first_date() {
        // Named for January, but written in March: renamed, or a weekly log read as a day.
        let mut set = EvidenceSet::from_files(vec![
            iis("u_ex240101.log", "2024-03-04"),
            iis("u_ex240305.log", "2024-03-05"),
        ]);
        let w = apply(&mut set, Request::LastDays(14)).unwrap();
        assert_eq!(w.since, Some(t("2024-02-21")));
        assert!(w.left_out.is_empty());
        assert_eq!(set.files.len(), 2);
        // Named in the window but starting long before it, it may still reach into it: read.
        let mut set = EvidenceSet::from_files(vec![
            iis("u_ex240301.log", "2023-01-15"),
            iis("u_ex240305.log", "2024-03-05"),
        ]);
        let w = apply(&mut set, Request::LastDays(14)).unwrap();
        assert!(w.left_out.is_empty());
        assert_eq!(set.files.len(), 2);
        // A chosen end before its first date leaves it out by that date, not by its name.
        let mut set = EvidenceSet::from_files(vec![iis("u_ex230101.log", "2024-03-05")]);
        let w = apply(
            &mut set,
            Request::Range {
                since: Some(t("2022-12-01")),
                until: Some(t("2023-01-31")),
            },
        )
        .unwrap();
        assert_eq!(
            left(&w),
            [("W3SVC1/u_ex230101.log".to_string(), Basis::FirstDate)]
        );
    }

    #[test]
    fn everything_requested_or_nothing_to_anchor_on_means_no_window() {
        let mut set = EvidenceSet::from_files(vec![iis("u_ex200101.log", "2020-01-01")]);
        assert_eq!(apply(&mut set, Request::All), None);
        assert_eq!(set.files.len(), 1);
        let mut set = EvidenceSet::from_files(vec![EvidenceFile::memory(
            "WindowsUpdate.log",
            b"2024-03-05\t10:00:00:000\t 848\t604\tAgent\tx\n".to_vec(),
        )]);
        assert_eq!(apply(&mut set, Request::LastDays(14)), None);
        assert_eq!(set.files.len(), 1);
    }

    #[test]
    fn until_takes_the_whole_day_of_a_date() {
        assert_eq!(parse_until("2024-03-05"), Ok(t("2024-03-05 23:59:59")));
        assert_eq!(parse_until("2024-03-05 10:00"), Ok(t("2024-03-05 10:00")));
        assert_eq!(
            parse_since("2024-03-05T10:00:00Z"),
            Ok(t("2024-03-05 10:00"))
        );
        assert!(parse_since("yesterday").unwrap_err().contains("YYYY-MM-DD"));
    }
}
