//! Checks: one module per step of the guide, each a function from facts to findings. Checks
//! never read files; everything they know is in [`Facts`], and every finding cites the
//! [`crate::values::EvidenceRef`]s it rests on.

pub mod catalogue;
pub(crate) mod client;
pub(crate) mod probe;
pub mod server;

use crate::facts::Facts;
use crate::finding::Finding;

/// Runs one side's checks only, in catalogue order: the client checks once per client of a
/// fleet, the server checks once per WSUS server when the evidence holds several. The checks
/// that read the whole fleet's evidence (a ConfigMgr scan-status export) run once, on all of it.
pub(crate) fn run_side(facts: &Facts, side: crate::finding::Side) -> Vec<Finding> {
    catalogue::CATALOGUE
        .iter()
        .filter(|c| c.id.side() == side && !c.id.reads_fleet())
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
