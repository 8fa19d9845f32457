//! The time window a diagnosis is about, and what to collect for it; client times of unknown
//! zone are read at the offset [`crate::facts::client_clock`] decides.

use super::rules::Need;
use crate::facts::client_clock::client_offset;
use crate::facts::Facts;
use jiff::{SignedDuration, Timestamp};

/// The span the diagnosis is about: the server's 503 bursts, else the client's error episodes.
pub fn window(facts: &Facts) -> Option<(Timestamp, Timestamp)> {
    let bursts = facts.iis_log.bursts_503();
    let from_bursts = bursts
        .iter()
        .map(|b| b.start)
        .min()
        .zip(bursts.iter().map(|b| b.end).max());
    from_bursts.or_else(|| {
        let offset = client_offset(facts).map_or(0, |o| o.minutes);
        let times: Vec<Timestamp> = facts
            .wu_log
            .episodes()
            .iter()
            .flat_map(|e| [e.first, e.last])
            .filter_map(|s| s.to_utc_assuming(offset).map(|(t, _)| t))
            .collect();
        times.iter().min().copied().zip(times.iter().max().copied())
    })
}

/// What to collect to settle a missing step, with the time window when the facts give one.
pub(crate) fn missing_hint(need: Need, facts: &Facts) -> crate::i18n::Text {
    let how = need.how();
    match window(facts) {
        Some((a, b))
            if matches!(
                need,
                Need::IisLog | Need::Httperr | Need::SystemLog | Need::ClientWuLog | Need::WsusLog
            ) =>
        {
            let pad = SignedDuration::from_mins(30);
            let a = a.checked_sub(pad).unwrap_or(a);
            let b = b.checked_add(pad).unwrap_or(b);
            crate::tr!(
                "need-covering",
                how = how,
                span = crate::values::time::format_utc_range(a, b)
            )
        }
        _ => how,
    }
}
