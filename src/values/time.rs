//! Times from different sources, kept with what is known about their clock.
//!
//! IIS and HTTPERR write UTC (formats.md §1.1, §2.1: KB820729); event logs store UTC; CMTrace writes
//! local time with a bias in minutes (UTC = local + bias); the legacy WindowsUpdate.log writes local
//! time and states the offset in its "Logging initialized (... tz: -0500)" banner; the Windows 10
//! `Get-WindowsUpdateLog` output writes local time without a zone. A [`Stamp`] keeps the civil time
//! as written plus that knowledge, so that comparisons can say when a zone had to be assumed.

use jiff::civil::DateTime;
use jiff::tz::Offset;
use jiff::Timestamp;
use serde::{Serialize, Serializer};
use std::fmt;

/// What is known about the clock a time was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Clock {
    /// The format is defined to be UTC.
    Utc,
    /// Local time with a known offset from UTC, in minutes east of UTC (+180 for UTC+3).
    Offset(i32),
    /// Local time of an unknown zone.
    Local,
}

/// A point in time as a source wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stamp {
    pub civil: DateTime,
    pub clock: Clock,
}

impl Stamp {
    pub fn utc(civil: DateTime) -> Self {
        Stamp {
            civil,
            clock: Clock::Utc,
        }
    }

    pub fn with_offset(civil: DateTime, minutes_east: i32) -> Self {
        Stamp {
            civil,
            clock: Clock::Offset(minutes_east),
        }
    }

    pub fn local(civil: DateTime) -> Self {
        Stamp {
            civil,
            clock: Clock::Local,
        }
    }

    /// Builds a civil time from numeric parts, refusing impossible dates rather than panicking.
    pub fn civil_from_parts(
        year: i16,
        month: i8,
        day: i8,
        hour: i8,
        minute: i8,
        second: i8,
        nanos: i32,
    ) -> Option<DateTime> {
        DateTime::new(year, month, day, hour, minute, second, nanos).ok()
    }

    /// The instant in UTC, when the clock is known.
    pub(crate) fn to_utc(self) -> Option<Timestamp> {
        match self.clock {
            Clock::Utc => self
                .civil
                .to_zoned(jiff::tz::TimeZone::UTC)
                .ok()
                .map(|z| z.timestamp()),
            Clock::Offset(m) => {
                let off = Offset::from_seconds(m.checked_mul(60)?).ok()?;
                off.to_timestamp(self.civil).ok()
            }
            Clock::Local => None,
        }
    }

    /// The instant in UTC, assuming `assumed_offset` minutes east of UTC when the zone is unknown.
    /// Returns the instant and whether an assumption was made.
    pub(crate) fn to_utc_assuming(self, assumed_offset: i32) -> Option<(Timestamp, bool)> {
        match self.clock {
            Clock::Local => Stamp::with_offset(self.civil, assumed_offset)
                .to_utc()
                .map(|t| (t, true)),
            _ => self.to_utc().map(|t| (t, false)),
        }
    }

    /// Seconds since the Unix epoch when the clock is known (cheap ordering key).
    pub(crate) fn epoch_seconds(&self) -> Option<i64> {
        self.to_utc().map(|t| t.as_second())
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.civil;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            c.year(),
            c.month(),
            c.day(),
            c.hour(),
            c.minute(),
            c.second()
        )?;
        let ms = c.subsec_nanosecond() / 1_000_000;
        if ms != 0 {
            write!(f, ".{ms:03}")?;
        }
        match self.clock {
            Clock::Utc => write!(f, "Z"),
            Clock::Offset(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
            Clock::Local => write!(f, " (local time, zone unknown)"),
        }
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Formats a UTC instant the way reports show it (`2024-03-05T09:14:02Z`): every time a report
/// prints is in this one form.
pub fn format_utc(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A span of a log's own times, from its first to its last record, with the zone said once
/// (`2024-03-05T09:14:02.120 – 09:19:58.004 (local time, zone unknown)`).
pub fn format_stamp_range(first: &Stamp, last: &Stamp) -> String {
    let (a, b) = (first.to_string(), last.to_string());
    if a == b {
        return a;
    }
    if first.clock != last.clock || first.clock != Clock::Local {
        return format!("{a} – {b}");
    }
    let suffix = " (local time, zone unknown)";
    let (a, b) = (a.trim_end_matches(suffix), b.trim_end_matches(suffix));
    let same_day = a.get(..11) == b.get(..11);
    format!("{a} – {}{suffix}", if same_day { &b[11..] } else { b })
}

/// A span from its first to its last record (`2024-03-05T09:14:02Z – 09:19:58Z`; the end keeps
/// its date when it falls on another day); one instant when both are the same.
pub fn format_utc_range(first: Timestamp, last: Timestamp) -> String {
    let (a, b) = (format_utc(first), format_utc(last));
    if a == b {
        return a;
    }
    let same_day = a.get(..11) == b.get(..11);
    format!("{a} – {}", if same_day { &b[11..] } else { &b[..] })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(h: i8, m: i8) -> DateTime {
        Stamp::civil_from_parts(2024, 3, 5, h, m, 0, 0).unwrap()
    }

    #[test]
    fn a_local_range_says_its_zone_once() {
        let a = Stamp::local(dt(9, 14));
        let b = Stamp::local(dt(9, 19));
        assert_eq!(
            format_stamp_range(&a, &b),
            "2024-03-05T09:14:00 – 09:19:00 (local time, zone unknown)"
        );
        assert_eq!(
            format_stamp_range(&a, &a),
            "2024-03-05T09:14:00 (local time, zone unknown)"
        );
        let c = Stamp::with_offset(dt(9, 19), 60);
        assert_eq!(
            format_stamp_range(&a, &c),
            "2024-03-05T09:14:00 (local time, zone unknown) – 2024-03-05T09:19:00+01:00"
        );
    }

    #[test]
    fn a_range_names_its_date_once_when_it_stays_within_a_day() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        assert_eq!(
            format_utc_range(t("2024-03-05T09:14:02Z"), t("2024-03-05T09:19:58Z")),
            "2024-03-05T09:14:02Z – 09:19:58Z"
        );
        assert_eq!(
            format_utc_range(t("2024-03-05T23:59:02Z"), t("2024-03-06T00:00:01Z")),
            "2024-03-05T23:59:02Z – 2024-03-06T00:00:01Z"
        );
        assert_eq!(
            format_utc_range(t("2024-03-05T09:14:02Z"), t("2024-03-05T09:14:02Z")),
            "2024-03-05T09:14:02Z"
        );
    }

    #[test]
    fn offset_clock_converts_to_utc() {
        // 12:00 at UTC+3 is 09:00 UTC.
        let s = Stamp::with_offset(dt(12, 0), 180);
        assert_eq!(format_utc(s.to_utc().unwrap()), "2024-03-05T09:00:00Z");
    }

    #[test]
    fn local_clock_needs_an_assumption() {
        let s = Stamp::local(dt(12, 0));
        assert!(s.to_utc().is_none());
        let (t, assumed) = s.to_utc_assuming(-300).unwrap();
        assert!(assumed);
        assert_eq!(format_utc(t), "2024-03-05T17:00:00Z");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(Stamp::civil_from_parts(2024, 2, 30, 0, 0, 0, 0).is_none());
        assert!(Stamp::civil_from_parts(2024, 13, 1, 0, 0, 0, 0).is_none());
    }

    #[test]
    fn display_marks_the_clock() {
        assert_eq!(Stamp::utc(dt(9, 5)).to_string(), "2024-03-05T09:05:00Z");
        assert_eq!(
            Stamp::with_offset(dt(9, 5), -330).to_string(),
            "2024-03-05T09:05:00-05:30"
        );
        assert!(Stamp::local(dt(9, 5))
            .to_string()
            .ends_with("(local time, zone unknown)"));
    }
}
