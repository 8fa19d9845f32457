//! The clock of a client whose WindowsUpdate.log times carry no zone (the Windows 10
//! `Get-WindowsUpdateLog` output): the one place that decides at which UTC offset they are read,
//! for the checks and the diagnosis alike. IIS, HTTPERR and event logs write UTC; CMTrace writes
//! local time with its bias; the legacy WindowsUpdate.log states its offset in the `tz:` banner.

use super::Facts;
use crate::values::time::Stamp;
use jiff::{SignedDuration, Timestamp};

/// The offset (minutes east of UTC) at which a client's zone-less times are read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientOffset {
    pub minutes: i32,
    pub reason: String,
}

/// The client's UTC offset when its WindowsUpdate.log times carry no zone: from its ConfigMgr
/// logs' bias when present; otherwise inferred by lining up its time-out and 503 errors with the
/// server's 503 bursts (the pairing the guide describes), when exactly one offset explains at
/// least two of them better than any other.
pub(crate) fn client_offset(facts: &Facts) -> Option<ClientOffset> {
    if let Some(m) = facts.configmgr.local_offset_minutes {
        return Some(ClientOffset {
            minutes: m,
            reason: format!(
                "the offset of the client's ConfigMgr logs ({})",
                offset_text(m)
            ),
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
        reason: format!(
            "inferred: at {} (and at no other offset) {n} of the client's time-outs and 503 errors fall inside the server's 503 bursts",
            offset_text(m)
        ),
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
    fn one_error_or_a_tie_proves_nothing() {
        let spans = [(utc(9, 14), utc(9, 19))];
        assert_eq!(infer_offset(&[local(10, 15)], &spans), None);
        // Two errors five hours apart inside two bursts five hours apart fit several offsets.
        let spans = [(utc(9, 0), utc(9, 30)), (utc(10, 0), utc(10, 30))];
        assert_eq!(infer_offset(&[local(10, 10), local(11, 10)], &spans), None);
    }
}
