//! `client.policy`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use crate::facts::Facts;
use crate::report::Finding;

const ID: &str = "client.policy";

pub fn run(_facts: &Facts) -> Vec<Finding> {
    vec![Finding::skipped(ID, "not yet analysed by this version")]
}
