//! Live evidence on Windows: registry, services and files at their standard places, gathered
//! into the same evidence files the offline path reads.
