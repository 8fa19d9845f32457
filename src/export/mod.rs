//! Exports of the records themselves, for the data platforms that keep months of logs from many
//! servers (Spark, DuckDB, Azure Data Explorer, Elastic): IIS and HTTPERR requests as Parquet
//! files (with the `parquet` cargo feature).
//!
//! What every export shares lives here: where its files may go (never among the evidence), what
//! they are called, and which machine a record came from.

#[cfg(feature = "parquet")]
pub mod parquet;

use std::path::{Component, Path, PathBuf};

/// The machine a record came from, as the exports' `server` column holds it: the computer name
/// the log itself carries (`s-computername`), or none.
#[cfg(any(test, feature = "parquet"))]
pub(crate) fn server_name(computer_name: &[u8]) -> Option<&[u8]> {
    (!computer_name.is_empty()).then_some(computer_name)
}

/// Refuses an output folder that is one of the inputs or lies inside one, so that an export never
/// lands among (or over) the evidence it was made from. Returns the folder as an absolute path.
pub fn check_output_dir(out: &Path, inputs: &[PathBuf]) -> Result<PathBuf, String> {
    let target = absolute(out).map_err(|e| format!("cannot resolve {}: {e}", out.display()))?;
    for input in inputs {
        // An input that does not exist was already reported, and nothing can be inside it.
        let Ok(input) = std::fs::canonicalize(input) else {
            continue;
        };
        if target.starts_with(&input) {
            let how = if target == input { "is" } else { "is inside" };
            return Err(format!(
                "the output folder {} {how} the input {}: exports never go among the evidence",
                out.display(),
                input.display()
            ));
        }
    }
    Ok(target)
}

/// A path made absolute with its symbolic links resolved as far as it exists (the folder may not
/// exist yet), and `..` applied.
fn absolute(p: &Path) -> std::io::Result<PathBuf> {
    let joined = std::env::current_dir()?.join(p);
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    let base = loop {
        match std::fs::canonicalize(existing) {
            Ok(b) => break b,
            Err(_) => {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    break PathBuf::from(existing);
                };
                rest.push(name.to_os_string());
                existing = parent;
            }
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        for c in Path::new(part).components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(n) => out.push(n),
                _ => {}
            }
        }
    }
    Ok(out)
}

/// File names for the exports of inputs shown as `displays` (paths, or `bundle.zip!/dir/file`):
/// each one's path below the folder all of them share, its separators as `_`, `.gz` and `.log`
/// dropped and `extension` added, so the logs of two servers or two sites keep apart. Names that
/// still collide get `-2`, `-3`, ...
pub fn output_names(displays: &[&str], extension: &str) -> Vec<String> {
    let parts: Vec<Vec<&str>> = displays
        .iter()
        .map(|d| {
            d.split(['/', '\\'])
                .filter(|p| !p.is_empty() && *p != ".")
                .collect()
        })
        .collect();
    // Folders shared by every input (never the file name itself).
    let shared = parts
        .first()
        .map_or(0, |first| first.len().saturating_sub(1));
    let shared = parts.iter().skip(1).fold(shared, |n, p| {
        first_difference(&parts[0][..n], &p[..p.len().saturating_sub(1).min(n)])
    });
    let mut taken = std::collections::HashSet::new();
    parts
        .iter()
        .map(|p| {
            let rest = p.get(shared..).unwrap_or_default().join("_");
            let stem = rest.strip_suffix(".gz").unwrap_or(&rest);
            let stem = stem
                .strip_suffix(".log")
                .or_else(|| stem.strip_suffix(".LOG"))
                .unwrap_or(stem);
            let clean: String = stem
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let clean = if clean.is_empty() {
                "log".into()
            } else {
                clean
            };
            let mut name = format!("{clean}.{extension}");
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{clean}-{n}.{extension}");
                n += 1;
            }
            name
        })
        .collect()
}

fn first_difference(a: &[&str], b: &[&str]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_what_tells_inputs_apart() {
        assert_eq!(
            output_names(&["logs/W3SVC1/u_ex261110.log"], "parquet"),
            ["u_ex261110.parquet"]
        );
        assert_eq!(
            output_names(
                &[
                    "fleet/srv1/W3SVC1/u_ex261110.log",
                    "fleet/srv2/W3SVC1/u_ex261110.log.gz",
                    "fleet/srv2/W3SVC1/u_ex261111.log",
                ],
                "parquet"
            ),
            [
                "srv1_W3SVC1_u_ex261110.parquet",
                "srv2_W3SVC1_u_ex261110.parquet",
                "srv2_W3SVC1_u_ex261111.parquet"
            ]
        );
        assert_eq!(
            output_names(
                &["b.zip!/HTTPERR/httperr1.log", "C:\\e\\httperr1.log"],
                "parquet"
            ),
            ["b.zip__HTTPERR_httperr1.parquet", "C__e_httperr1.parquet"]
        );
        // Two inputs that differ only in what is dropped from the name.
        assert_eq!(
            output_names(&["a/u_ex1.log", "a/u_ex1.log.gz"], "parquet"),
            ["u_ex1.parquet", "u_ex1-2.parquet"]
        );
    }

    #[test]
    fn an_output_folder_in_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("logs");
        std::fs::create_dir_all(logs.join("W3SVC1")).unwrap();
        let inputs = vec![logs.clone()];
        let inside = check_output_dir(&logs.join("W3SVC1/out"), &inputs).unwrap_err();
        assert!(inside.contains("is inside the input"), "{inside}");
        let same = check_output_dir(&logs.join("W3SVC1/.."), &inputs).unwrap_err();
        assert!(same.contains("is the input"), "{same}");
        let beside = check_output_dir(&dir.path().join("out/new"), &inputs).unwrap();
        assert!(beside.ends_with("out/new"));
    }

    #[test]
    fn the_server_is_the_logged_computer_name() {
        assert_eq!(server_name(b"WSUS01"), Some(&b"WSUS01"[..]));
        assert_eq!(server_name(b""), None);
    }
}
