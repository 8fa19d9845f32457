//! Safe expansion of `.zip` bundles.
//!
//! Members are written to a private temporary folder under numbered names, never under the names
//! the archive gives, so no member can escape the folder whatever its path says. Names that would
//! escape (`../x`, `/etc/x`, `C:\x`) are reported and skipped. Sizes are counted as bytes are
//! written, not taken from the headers, and the run's budget (member count, total size and
//! compression ratio across every archive and nesting level, see [`super::budget`]) and a nesting
//! limit stop zip bombs with a message that names the archive and the limit.

use crate::i18n::Text;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::budget::{Budget, Refusal, RATIO_FLOOR};
use super::scratch::{self, Scratch};
use super::InputProblem;

pub use super::budget::Limits;

pub(crate) fn is_zip(magic: &[u8]) -> bool {
    magic.starts_with(b"PK\x03\x04") || magic.starts_with(b"PK\x05\x06")
}

/// A member written out.
pub(crate) struct Member {
    pub path: PathBuf,
    pub display: String,
    pub size: u64,
}

/// The members of an archive, in archive order.
pub(crate) struct Extracted {
    pub dir: Scratch,
    pub members: Vec<Member>,
    pub problems: Vec<InputProblem>,
}

/// Expands `path` into a new private temporary folder, counting what it writes against the run's
/// budget.
pub(crate) fn extract_zip(
    path: &Path,
    shown: &str,
    budget: &Budget,
    depth: u32,
) -> Result<Extracted, Text> {
    let limits = &budget.limits;
    if depth >= limits.max_depth {
        return Err(crate::tr!("archive-too-deep", depth = limits.max_depth));
    }
    let file = fs::File::open(path).map_err(|e| super::describe_io(&e))?;
    let mut zip = zip::ZipArchive::new(io::BufReader::new(file))
        .map_err(|e| crate::tr!("archive-unreadable", error = e.to_string()))?;
    let left = budget.members_left();
    if zip.len() as u64 > left {
        return Err(crate::tr!(
            "archive-too-many-members",
            members = zip.len(),
            left = left,
            limit = limits.max_members
        ));
    }
    let dir =
        Scratch::new().map_err(|e| crate::tr!("input-no-temp-folder", error = e.to_string()))?;
    let mut members = Vec::new();
    let mut problems = Vec::new();
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                problems.push(InputProblem {
                    path: format!("{shown}!/#{i}"),
                    message: crate::tr!("archive-member-unreadable", error = e.to_string()),
                });
                continue;
            }
        };
        let raw_name = entry
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("#{i}"));
        if entry.is_dir() {
            continue;
        }
        let display = format!("{shown}!/{}", raw_name.replace('\\', "/"));
        if entry.is_symlink() {
            problems.push(InputProblem {
                path: display,
                message: crate::tr!("archive-member-symlink"),
            });
            continue;
        }
        if entry.enclosed_name().is_none() {
            problems.push(InputProblem {
                path: display,
                message: crate::tr!("archive-member-outside"),
            });
            continue;
        }
        if let Err(why) = budget.take_member() {
            return Err(crate::tr!(
                "archive-stopped",
                member = &raw_name,
                why = why.describe(limits)
            ));
        }
        let out_path = dir.path().join(format!("{i:06}"));
        let charge = Charge::Member {
            compressed: entry.compressed_size(),
        };
        let written = match copy_bounded(&mut entry, &out_path, budget, charge) {
            Ok(n) => n,
            Err(CopyError::Refused(Refusal::StreamRatio)) => {
                let _ = fs::remove_file(&out_path);
                problems.push(InputProblem {
                    path: display,
                    message: crate::tr!(
                        "archive-member-skipped",
                        why = Refusal::StreamRatio.describe(limits)
                    ),
                });
                continue;
            }
            Err(CopyError::Refused(why)) => {
                return Err(crate::tr!(
                    "archive-stopped-further",
                    member = &raw_name,
                    why = why.describe(limits)
                ))
            }
            Err(CopyError::Io(e)) => {
                let _ = fs::remove_file(&out_path);
                if scratch::interrupted() {
                    return Err(crate::tr!("archive-interrupted"));
                }
                problems.push(InputProblem {
                    path: display,
                    message: crate::tr!("archive-cannot-extract", error = e.to_string()),
                });
                continue;
            }
        };
        members.push(Member {
            path: out_path,
            display,
            size: written,
        });
    }
    Ok(Extracted {
        dir,
        members,
        problems,
    })
}

/// How a copy counts against the budget.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Charge {
    /// An archive member of this compressed size: its expansion is charged, and its own ratio
    /// checked.
    Member { compressed: u64 },
    /// Raw bytes spooled to disk: charged as written, at a ratio of one.
    Spool,
    /// The reader charges the budget itself (a decompressing reader).
    ByReader,
}

#[derive(Debug)]
pub(crate) enum CopyError {
    Refused(Refusal),
    Io(io::Error),
}

impl CopyError {
    /// The error in words, naming `file`.
    pub fn describe(&self, budget: &Budget) -> Text {
        match self {
            CopyError::Refused(why) => crate::tr!("refused", why = why.describe(&budget.limits)),
            CopyError::Io(e) => super::describe_io(e),
        }
    }
}

/// Copies `src` to a new file `dst`, counting the bytes as they are written (headers can lie), and
/// stopping at once when the run is interrupted.
pub(crate) fn copy_bounded(
    src: &mut dyn Read,
    dst: &Path,
    budget: &Budget,
    charge: Charge,
) -> Result<u64, CopyError> {
    let mut out = io::BufWriter::new(fs::File::create(dst).map_err(CopyError::Io)?);
    let mut buf = vec![0u8; 256 * 1024];
    let mut n: u64 = 0;
    if let Charge::Member { compressed } = charge {
        budget.charge(compressed, 0).map_err(CopyError::Refused)?;
    }
    loop {
        if scratch::interrupted() {
            return Err(CopyError::Io(io::Error::new(
                io::ErrorKind::Interrupted,
                "interrupted",
            )));
        }
        let got = match src.read(&mut buf) {
            Ok(0) => break,
            Ok(g) => g,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Io(e)),
        };
        n += got as u64;
        match charge {
            Charge::Member { compressed } => {
                if n > RATIO_FLOOR && n / compressed.max(1) > budget.limits.max_ratio {
                    return Err(CopyError::Refused(Refusal::StreamRatio));
                }
                budget.charge(0, got as u64)
            }
            Charge::Spool => budget.charge(got as u64, got as u64),
            Charge::ByReader => Ok(()),
        }
        .map_err(CopyError::Refused)?;
        out.write_all(&buf[..got]).map_err(CopyError::Io)?;
    }
    out.flush().map_err(CopyError::Io)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zip::write::SimpleFileOptions;

    fn make_zip(path: &Path, members: &[(&str, Vec<u8>)]) {
        let mut w = zip::ZipWriter::new(fs::File::create(path).unwrap());
        for (name, data) in members {
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated),
            )
            .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }

    #[test]
    fn escaping_names_are_skipped_and_reported() {
        let d = tempfile::tempdir().unwrap();
        let z = d.path().join("b.zip");
        make_zip(
            &z,
            &[
                ("ok/a.log", b"hello".to_vec()),
                ("../../evil.txt", b"x".to_vec()),
            ],
        );
        let x = extract_zip(&z, "b.zip", &Budget::default(), 0).unwrap();
        assert_eq!(x.members.len(), 1);
        assert_eq!(x.members[0].display, "b.zip!/ok/a.log");
        assert_eq!(fs::read(&x.members[0].path).unwrap(), b"hello");
        assert!(x.problems[0].message.contains("outside the archive"));
        assert!(!d.path().parent().unwrap().join("evil.txt").exists());
    }

    #[test]
    fn bombs_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let z = d.path().join("bomb.zip");
        make_zip(&z, &[("zeros", vec![0u8; 8 << 20])]);
        let x = extract_zip(&z, "bomb.zip", &Budget::default(), 0).unwrap();
        assert!(x.members.is_empty());
        assert!(x.problems[0].message.contains("zip bomb"));
        let tight = Budget::new(Limits {
            max_total_bytes: 1 << 20,
            max_ratio: u64::MAX,
            ..Limits::default()
        });
        let err = extract_zip(&z, "bomb.zip", &tight, 0).err().unwrap();
        assert!(err.contains("expanded-size limit"), "{err}");
    }

    #[test]
    fn nesting_is_bounded() {
        let d = tempfile::tempdir().unwrap();
        let z = d.path().join("n.zip");
        make_zip(&z, &[("a", b"a".to_vec())]);
        let err = extract_zip(
            &z,
            "n.zip",
            &Budget::new(Limits {
                max_depth: 1,
                ..Limits::default()
            }),
            1,
        )
        .err()
        .unwrap();
        assert!(err.contains("nested"));
    }

    #[test]
    fn members_of_exactly_the_ratio_floor_count_against_the_run() {
        // Each member is 1 MiB of zeros, at the per-member floor and so never checked alone; the
        // run as a whole is held to the ratio.
        let d = tempfile::tempdir().unwrap();
        let z = d.path().join("many.zip");
        let members: Vec<(String, Vec<u8>)> = (0..40)
            .map(|i| (format!("m{i}.log"), vec![0u8; RATIO_FLOOR as usize]))
            .collect();
        let named: Vec<(&str, Vec<u8>)> = members
            .iter()
            .map(|(n, b)| (n.as_str(), b.clone()))
            .collect();
        make_zip(&z, &named);
        let budget = Budget::default();
        let err = extract_zip(&z, "many.zip", &budget, 0).err().unwrap();
        assert!(
            err.contains("compressed inputs of this run expand more than 250 times"),
            "{err}"
        );
    }

    #[test]
    fn nesting_does_not_multiply_the_file_count() {
        let d = tempfile::tempdir().unwrap();
        let inner = d.path().join("inner.zip");
        let files: Vec<(String, Vec<u8>)> = (0..30)
            .map(|i| (format!("f{i}.log"), b"x".to_vec()))
            .collect();
        let named: Vec<(&str, Vec<u8>)> =
            files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        make_zip(&inner, &named);
        let inner_bytes = fs::read(&inner).unwrap();
        let outer = d.path().join("outer.zip");
        make_zip(
            &outer,
            &[
                ("a.zip", inner_bytes.clone()),
                ("b.zip", inner_bytes.clone()),
                ("c.zip", inner_bytes),
            ],
        );
        let limits = Limits {
            max_members: 50,
            ..Limits::default()
        };
        let set = super::super::discover(&[outer], &limits);
        assert_eq!(set.files.len(), 30, "the first inner zip only");
        let refused: Vec<&InputProblem> = set
            .problems
            .iter()
            .filter(|p| {
                p.message
                    .contains("file-count limit of 50 for the whole run")
            })
            .collect();
        assert_eq!(refused.len(), 2, "{:#?}", set.problems);
        assert!(
            refused[0].path.ends_with("outer.zip!/b.zip"),
            "{:?}",
            refused[0]
        );
    }
}
