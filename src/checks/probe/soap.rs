//! `probe.soap`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use crate::facts::Facts;
use crate::report::Finding;

const ID: &str = "probe.soap";

pub fn run(_facts: &Facts) -> Vec<Finding> {
    vec![Finding::skipped(
        ID,
        "no network probe was run (run wsus-doctor probe URL, or diagnose --probe)",
    )]
}
