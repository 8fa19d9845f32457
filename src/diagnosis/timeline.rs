//! Every event from every source on one time axis (UTC).

use crate::facts::Facts;
use crate::report::TimelineEvent;

/// The merged timeline, in time order.
pub fn build(_facts: &Facts) -> Vec<TimelineEvent> {
    Vec::new()
}
