//! Parser for this format (see the module list in parsers/mod.rs).
