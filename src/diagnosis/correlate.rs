//! Lining up times from different sources on one clock, for the rules that need it.

use super::rules::Need;
use crate::facts::Facts;

/// Statements of time correlation that support a rule (e.g. client time-outs inside the server's
/// 503 bursts).
pub fn for_rule(_rule: &str, _facts: &Facts) -> Vec<String> {
    Vec::new()
}

/// What to collect to settle a missing step, with the time window when the facts give one.
pub fn missing_hint(need: Need, _facts: &Facts) -> String {
    need.how().to_string()
}
