//! IIS configuration values as typed values: time spans and the runtime state of a site or pool.

use serde::{Serialize, Serializer};
use std::fmt;

/// An IIS time span as written (`00:20:00`, `1.05:00:00`), with its length when it parses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeSpan {
    text: String,
    seconds: Option<u64>,
}

impl TimeSpan {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let seconds = seconds_of(&text);
        TimeSpan { text, seconds }
    }

    /// The length in seconds, when the text is a valid time span.
    pub fn seconds(&self) -> Option<u64> {
        self.seconds
    }

    /// Whether the span is zero, which IIS reads as "never" for time-outs and recycles.
    pub fn is_zero(&self) -> bool {
        self.seconds == Some(0)
    }
}

impl fmt::Display for TimeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text)
    }
}

impl Serialize for TimeSpan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// `[d.]hh:mm:ss[.fff]` in seconds.
fn seconds_of(s: &str) -> Option<u64> {
    let s = s.trim();
    let (days, rest) = match s.split_once('.') {
        Some((d, r)) if r.contains(':') && !d.contains(':') => (d.parse::<u64>().ok()?, r),
        _ => (0, s),
    };
    let parts: Vec<&str> = rest.split(':').collect();
    let [h, m, sec] = parts.as_slice() else {
        return None;
    };
    let sec = sec.split('.').next()?;
    let num = |x: &str| -> Option<u64> {
        (!x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    days.checked_mul(86_400)?
        .checked_add(num(h)?.checked_mul(3600)?)?
        .checked_add(num(m)?.checked_mul(60)?)?
        .checked_add(num(sec)?)
}

/// The runtime state of an IIS site or application pool, as `appcmd list` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectState {
    Started,
    Starting,
    Stopped,
    Stopping,
    /// Another word (`Unknown`, a localised one), kept as written.
    Other(String),
}

impl ObjectState {
    pub fn parse(text: &str) -> ObjectState {
        match text.trim().to_ascii_lowercase().as_str() {
            "started" => ObjectState::Started,
            "starting" => ObjectState::Starting,
            "stopped" => ObjectState::Stopped,
            "stopping" => ObjectState::Stopping,
            _ => ObjectState::Other(text.trim().to_string()),
        }
    }

    pub(crate) fn is_started(&self) -> bool {
        *self == ObjectState::Started
    }

    pub fn as_str(&self) -> &str {
        match self {
            ObjectState::Started => "Started",
            ObjectState::Starting => "Starting",
            ObjectState::Stopped => "Stopped",
            ObjectState::Stopping => "Stopping",
            ObjectState::Other(s) => s,
        }
    }
}

impl fmt::Display for ObjectState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for ObjectState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_spans() {
        assert_eq!(TimeSpan::new("00:20:00").seconds(), Some(1200));
        assert_eq!(TimeSpan::new("29:00:00").seconds(), Some(104_400));
        assert_eq!(TimeSpan::new("1.05:00:00").seconds(), Some(104_400));
        assert_eq!(TimeSpan::new("x").seconds(), None);
        assert_eq!(TimeSpan::new("99999999999999999.00:00:00").seconds(), None);
        assert!(TimeSpan::new("00:00:00").is_zero());
        assert_eq!(TimeSpan::new("00:20:00").to_string(), "00:20:00");
    }

    #[test]
    fn states_keep_what_appcmd_wrote() {
        assert!(ObjectState::parse("Started").is_started());
        assert_eq!(ObjectState::parse("stopped"), ObjectState::Stopped);
        assert_eq!(ObjectState::parse("Unknown").to_string(), "Unknown");
    }
}
