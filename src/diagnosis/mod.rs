//! Root causes across server and client, ranked, each with its chain of proof.

use crate::facts::Facts;
use crate::report::{Cause, Finding};

/// Recognises root causes in the findings.
pub fn diagnose(_facts: &Facts, _findings: &[Finding]) -> Vec<Cause> {
    Vec::new()
}
