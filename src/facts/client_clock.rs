//! The clock of a client whose WindowsUpdate.log times carry no zone (the Windows 10
//! `Get-WindowsUpdateLog` output): the one place that decides at which UTC offset they are read,
//! for the checks and the diagnosis alike. IIS, HTTPERR and event logs write UTC; CMTrace writes
//! local time with its bias; the legacy WindowsUpdate.log states its offset in the `tz:` banner.

use super::Facts;
use crate::values::time::Stamp;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

/// `--client-tz`: the zone of the clients' zone-less log times as the administrator states it,
/// a UTC offset or a time zone name.
#[derive(Debug, Clone)]
pub struct StatedZone {
    zone: TimeZone,
}

impl StatedZone {
    /// `+09:00`, `-05:00`, `+0530`, `Z` or a time zone name (`Asia/Tokyo`).
    pub fn parse(given: &str) -> Result<StatedZone, crate::i18n::Text> {
        let t = given.trim();
        let zone = if t.eq_ignore_ascii_case("z") {
            TimeZone::UTC
        } else if t.starts_with(['+', '-']) {
            TimeZone::fixed(
                parse_offset(t).ok_or_else(|| crate::tr!("zone-not-an-offset", value = given))?,
            )
        } else {
            TimeZone::get(t).map_err(|_| crate::tr!("zone-unknown", value = given))?
        };
        Ok(StatedZone { zone })
    }

    /// Minutes east of UTC at the local time `civil`: a zone with daylight saving time has the
    /// offset of that date.
    fn minutes_at(&self, civil: jiff::civil::DateTime) -> i32 {
        self.zone
            .to_ambiguous_timestamp(civil)
            .compatible()
            .map(|t| self.zone.to_offset(t).seconds() / 60)
            .unwrap_or_default()
    }
}

/// `±HH:MM`, `±HHMM` or `±HH`, within the offsets in use (UTC-12 to UTC+14).
fn parse_offset(s: &str) -> Option<Offset> {
    let (sign, rest) = match s.split_at(1) {
        ("+", r) => (1, r),
        ("-", r) => (-1, r),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    let colons = rest.matches(':').count();
    let well_formed = digits.chars().all(|c| c.is_ascii_digit())
        && matches!((digits.len(), colons), (2, 0) | (4, 0) | (4, 1))
        && (colons == 0 || rest.find(':') == Some(2));
    if !well_formed {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = match digits.get(2..) {
        Some("") | None => 0,
        Some(m) => m.parse().ok()?,
    };
    let total = sign * (hours * 60 + minutes);
    if minutes >= 60 || !(-12 * 60..=14 * 60).contains(&total) {
        return None;
    }
    Offset::from_seconds(total * 60).ok()
}

/// Where the offset of a client's zone-less times comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OffsetSource {
    /// `--client-tz`.
    Stated,
    /// The bias the client's ConfigMgr logs write.
    ConfigMgr,
    /// The one offset at which `matched` of its errors fall inside the server's 503 bursts.
    Inferred { matched: usize },
}

/// The offset (minutes east of UTC) at which a client's zone-less times are read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientOffset {
    pub minutes: i32,
    pub source: OffsetSource,
}

impl ClientOffset {
    /// Whether the times read at it are known, not assumed.
    pub(crate) fn stated(&self) -> bool {
        self.source == OffsetSource::Stated
    }

    /// `UTC offset +09:00 (stated with --client-tz)`; an offset the evidence suggests is said to
    /// be assumed, since no log states it.
    pub(crate) fn words(&self) -> crate::i18n::Text {
        let offset = offset_text(self.minutes);
        let offset = offset.strip_prefix("UTC").unwrap_or(&offset);
        match self.source {
            OffsetSource::Stated => crate::tr!("clock-offset-stated", offset = offset),
            OffsetSource::ConfigMgr => crate::tr!("clock-offset-configmgr", offset = offset),
            OffsetSource::Inferred { matched } => {
                crate::tr!("clock-offset-inferred", offset = offset, matched = matched)
            }
        }
    }
}

/// The client's UTC offset when its WindowsUpdate.log times carry no zone: the one stated with
/// `--client-tz`; else its ConfigMgr logs' bias when present; otherwise inferred by lining up its
/// time-out and 503 errors with the server's 503 bursts (the pairing the guide describes), when
/// exactly one offset explains at least two of them better than any other.
pub(crate) fn client_offset(facts: &Facts) -> Option<ClientOffset> {
    if let Some(zone) = &facts.context.client_tz {
        let first_local = facts
            .wu_log
            .errors()
            .iter()
            .map(|e| e.time)
            .chain(facts.wu_log.servers_used().iter().map(|s| s.time))
            .find(|t| t.to_utc().is_none())
            .map_or_else(
                || Timestamp::now().to_zoned(TimeZone::UTC).datetime(),
                |t| t.civil,
            );
        return Some(ClientOffset {
            minutes: zone.minutes_at(first_local),
            source: OffsetSource::Stated,
        });
    }
    if let Some(m) = facts.configmgr.local_offset_minutes {
        return Some(ClientOffset {
            minutes: m,
            source: OffsetSource::ConfigMgr,
        });
    }
    let bursts: Vec<(Timestamp, Timestamp)> = facts
        .iis_log
        .bursts_503()
        .iter()
        .map(|b| (b.start, b.end))
        .collect();
    let errors: Vec<Stamp> = facts
        .wu_log
        .errors()
        .iter()
        .filter(|e| crate::knowledge::hresult::pairs_with_503(e.hresult))
        .map(|e| e.time)
        .filter(|t| t.to_utc().is_none())
        .collect();
    infer_offset(&errors, &bursts).map(|(m, n)| ClientOffset {
        minutes: m,
        source: OffsetSource::Inferred { matched: n },
    })
}

/// `UTC+01:00`.
pub(crate) fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The one offset, in quarter hours from UTC-12 to UTC+14, at which the most zone-less times
/// fall inside the spans (with a minute of slack each side); none when fewer than two match or
/// when offsets tie.
pub(crate) fn infer_offset(
    times: &[Stamp],
    spans: &[(Timestamp, Timestamp)],
) -> Option<(i32, usize)> {
    if times.len() < 2 || spans.is_empty() {
        return None;
    }
    let slack = SignedDuration::from_mins(1);
    let mut best: Option<(i32, usize)> = None;
    let mut tie = false;
    for quarter in -48..=56 {
        let minutes = quarter * 15;
        let hits = times
            .iter()
            .filter_map(|t| Stamp::with_offset(t.civil, minutes).to_utc())
            .filter(|t| {
                spans.iter().any(|(a, b)| {
                    a.checked_sub(slack).is_ok_and(|a| a <= *t)
                        && b.checked_add(slack).is_ok_and(|b| *t <= b)
                })
            })
            .count();
        match best {
            Some((_, n)) if hits > n => {
                best = Some((minutes, hits));
                tie = false;
            }
            Some((_, n)) if hits == n && hits > 0 => tie = true,
            None if hits > 0 => best = Some((minutes, hits)),
            _ => {}
        }
    }
    best.filter(|(_, n)| *n >= 2 && !tie)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(h: i8, m: i8) -> Stamp {
        Stamp::local(Stamp::civil_from_parts(2024, 3, 12, h, m, 30, 0).unwrap())
    }

    fn utc(h: i8, m: i8) -> Timestamp {
        Stamp::utc(Stamp::civil_from_parts(2024, 3, 12, h, m, 0, 0).unwrap())
            .to_utc()
            .unwrap()
    }

    #[test]
    fn the_offset_that_lines_errors_up_with_bursts_is_found() {
        // Bursts at 09:14-09:19 and 13:02-13:09 UTC; a client at UTC+1 logs 10:15 and 14:05.
        let spans = [(utc(9, 14), utc(9, 19)), (utc(13, 2), utc(13, 9))];
        let got = infer_offset(&[local(10, 15), local(14, 5)], &spans);
        assert_eq!(got, Some((60, 2)));
        assert_eq!(offset_text(60), "UTC+01:00");
    }

    #[test]
    fn a_stated_zone_is_an_offset_or_a_zone_name() {
        let minutes = |s: &str| {
            StatedZone::parse(s)
                .map(|z| z.minutes_at(Stamp::civil_from_parts(2024, 7, 1, 12, 0, 0, 0).unwrap()))
        };
        assert_eq!(minutes("+09:00"), Ok(540));
        assert_eq!(minutes("-05:00"), Ok(-300));
        assert_eq!(minutes("+0530"), Ok(330));
        assert_eq!(minutes("-03"), Ok(-180));
        assert_eq!(minutes("Z"), Ok(0));
        assert_eq!(minutes("Asia/Tokyo"), Ok(540));
        // Summer time of the logs' date.
        assert_eq!(minutes("Europe/Berlin"), Ok(120));
        for wrong in [
            "+9",
            "+09:0",
            "+15:00",
            "+09:60",
            "09:00",
            "Mars/Olympus",
            "",
            "+09:00x",
        ] {
            assert!(minutes(wrong).is_err(), "{wrong}");
        }
        let stated = ClientOffset {
            minutes: 540,
            source: OffsetSource::Stated,
        };
        assert_eq!(
            stated.words(),
            "UTC offset +09:00 (stated with --client-tz)"
        );
        let inferred = ClientOffset {
            minutes: -300,
            source: OffsetSource::Inferred { matched: 2 },
        };
        assert_eq!(
            inferred.words(),
            "UTC offset -05:00 (assumed: at this offset, and no other, 2 of the client's time-outs and 503 errors fall inside the server's 503 bursts)"
        );
        use crate::i18n::Lang;
        assert_eq!(
            stated.words().local(Lang::Ja),
            "UTC オフセット +09:00 (--client-tz で指定)"
        );
        assert_eq!(
            inferred.words().local(Lang::Ja),
            "UTC オフセット -05:00 (推定: このオフセットでのみ、クライアントのタイムアウトと 503 エラーのうち 2 件がサーバーの 503 の集中発生の中に収まります)"
        );
    }

    #[test]
    fn one_error_or_a_tie_proves_nothing() {
        let spans = [(utc(9, 14), utc(9, 19))];
        assert_eq!(infer_offset(&[local(10, 15)], &spans), None);
        // Two errors five hours apart inside two bursts five hours apart fit several offsets.
        let spans = [(utc(9, 0), utc(9, 30)), (utc(10, 0), utc(10, 30))];
        assert_eq!(infer_offset(&[local(10, 10), local(11, 10)], &spans), None);
    }
}
