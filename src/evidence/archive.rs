//! Safe expansion of `.zip` bundles.
//!
//! Members are written to a private temporary folder under numbered names, never under the names
//! the archive gives, so no member can escape the folder whatever its path says. Names that would
//! escape (`../x`, `/etc/x`, `C:\x`) are reported and skipped. Sizes are counted as bytes are
//! written, not taken from the headers, and limits on member count, total size, compression
//! ratio and nesting stop zip bombs with a message that names the archive.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::InputProblem;

/// Limits against hostile archives.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_members: usize,
    pub max_total_bytes: u64,
    /// Largest ratio of expanded to compressed size for members over 1 MiB. Text logs compress
    /// 10-30 times; bombs reach thousands.
    pub max_ratio: u64,
    /// How deep archives inside archives are expanded.
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_members: 20_000,
            max_total_bytes: 32 << 30,
            max_ratio: 250,
            max_depth: 3,
        }
    }
}

pub fn is_zip(magic: &[u8]) -> bool {
    magic.starts_with(b"PK\x03\x04") || magic.starts_with(b"PK\x05\x06")
}

/// A member written out.
pub struct Member {
    pub path: PathBuf,
    pub display: String,
    pub size: u64,
}

/// The members of an archive, in archive order.
pub struct Extracted {
    pub dir: tempfile::TempDir,
    pub members: Vec<Member>,
    pub problems: Vec<InputProblem>,
}

/// Expands `path` into a new temporary folder.
pub fn extract_zip(
    path: &Path,
    shown: &str,
    limits: &Limits,
    depth: u32,
) -> Result<Extracted, String> {
    if depth >= limits.max_depth {
        return Err(format!(
            "archive nested more than {} levels deep; not expanded",
            limits.max_depth
        ));
    }
    let file = fs::File::open(path).map_err(|e| super::describe_io(&e))?;
    let mut zip = zip::ZipArchive::new(io::BufReader::new(file))
        .map_err(|e| format!("not a readable zip archive: {e}"))?;
    if zip.len() > limits.max_members {
        return Err(format!(
            "archive lists {} members, more than the limit of {}; expand it by hand if it is genuine",
            zip.len(),
            limits.max_members
        ));
    }
    let dir = tempfile::Builder::new()
        .prefix("wsus-doctor-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let mut members = Vec::new();
    let mut problems = Vec::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                problems.push(InputProblem {
                    path: format!("{shown}!/#{i}"),
                    message: format!("unreadable member: {e}"),
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
                message: "symbolic link inside the archive; skipped".into(),
            });
            continue;
        }
        if entry.enclosed_name().is_none() {
            problems.push(InputProblem {
                path: display,
                message: "member path points outside the archive (absolute or '..'); skipped"
                    .into(),
            });
            continue;
        }
        let compressed = entry.compressed_size().max(1);
        let out_path = dir.path().join(format!("{i:06}"));
        let budget = limits.max_total_bytes.saturating_sub(total);
        let written = match copy_bounded(
            &mut entry,
            &out_path,
            budget,
            compressed,
            limits.max_ratio,
        ) {
            Ok(n) => n,
            Err(CopyError::TooLarge) => {
                return Err(format!(
                "expanding the archive exceeds {} GiB at member '{raw_name}'; not expanded further",
                limits.max_total_bytes >> 30
            ))
            }
            Err(CopyError::Ratio) => {
                let _ = fs::remove_file(&out_path);
                problems.push(InputProblem {
                    path: display,
                    message: format!(
                        "member expands more than {} times its compressed size (a zip bomb?); skipped",
                        limits.max_ratio
                    ),
                });
                continue;
            }
            Err(CopyError::Io(e)) => {
                let _ = fs::remove_file(&out_path);
                problems.push(InputProblem {
                    path: display,
                    message: format!("cannot extract: {e}"),
                });
                continue;
            }
        };
        total += written;
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

enum CopyError {
    TooLarge,
    Ratio,
    Io(io::Error),
}

fn copy_bounded(
    src: &mut dyn Read,
    dst: &Path,
    budget: u64,
    compressed: u64,
    max_ratio: u64,
) -> Result<u64, CopyError> {
    let mut out = io::BufWriter::new(fs::File::create(dst).map_err(CopyError::Io)?);
    let mut buf = vec![0u8; 256 * 1024];
    let mut n: u64 = 0;
    loop {
        let got = match src.read(&mut buf) {
            Ok(0) => break,
            Ok(g) => g,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Io(e)),
        };
        n += got as u64;
        if n > budget {
            return Err(CopyError::TooLarge);
        }
        if n > (1 << 20) && n / compressed > max_ratio {
            return Err(CopyError::Ratio);
        }
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
        let x = extract_zip(&z, "b.zip", &Limits::default(), 0).unwrap();
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
        let x = extract_zip(&z, "bomb.zip", &Limits::default(), 0).unwrap();
        assert!(x.members.is_empty());
        assert!(x.problems[0].message.contains("zip bomb"));
        let tight = Limits {
            max_total_bytes: 1 << 20,
            max_ratio: u64::MAX,
            ..Limits::default()
        };
        let err = extract_zip(&z, "bomb.zip", &tight, 0).err().unwrap();
        assert!(err.contains("exceeds"), "{err}");
    }

    #[test]
    fn nesting_is_bounded() {
        let d = tempfile::tempdir().unwrap();
        let z = d.path().join("n.zip");
        make_zip(&z, &[("a", b"a".to_vec())]);
        let err = extract_zip(
            &z,
            "n.zip",
            &Limits {
                max_depth: 1,
                ..Limits::default()
            },
            1,
        )
        .err()
        .unwrap();
        assert!(err.contains("nested"));
    }
}
