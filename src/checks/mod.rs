//! Checks: one module per step of the guide, each a function from facts to findings. Checks
//! never read files; everything they know is in [`Facts`], and every finding cites the
//! [`crate::values::EvidenceRef`]s it rests on.

pub mod catalogue;
pub(crate) mod client;
pub(crate) mod probe;
pub mod server;

use crate::facts::Facts;
use crate::finding::Finding;

/// Runs the client checks only, in catalogue order: once per client of a fleet, where the
/// server's checks have already run once.
pub(crate) fn run_client(facts: &Facts) -> Vec<Finding> {
    catalogue::CATALOGUE
        .iter()
        .filter(|c| c.id.side() == crate::finding::Side::Client && !c.id.reads_fleet())
        .flat_map(|c| (c.run)(facts))
        .collect()
}

/// Runs every check in catalogue order (the order of the guide).
pub(crate) fn run_all(facts: &Facts) -> Vec<Finding> {
    catalogue::CATALOGUE
        .iter()
        .flat_map(|c| (c.run)(facts))
        .collect()
}
