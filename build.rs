//! The message catalogues are embedded at compile time; a new or changed `.ftl` file must
//! rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
