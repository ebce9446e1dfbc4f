//! Helpers: a temporary data directory and the real `mentorplan` binary pointed at it.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Today, pinned so that relative dates and academic years are deterministic.
pub const TODAY: &str = "2026-11-23";

pub struct Data {
    // Kept alive for the test's duration.
    _root: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Data {
    /// A data directory that does not exist yet, inside a fresh temporary directory.
    pub fn new() -> Data {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        Data { _root: root, dir }
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(bin());
        c.env("MENTORPLAN_DATA_DIR", &self.dir)
            .env("MENTORPLAN_TODAY", TODAY)
            .env_remove("NO_COLOR");
        c
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap()
    }

    /// The newest backup of the data file `name` (`backups/<name>.<time stamp>`).
    pub fn newest_backup(&self, name: &str) -> PathBuf {
        let prefix = format!("{name}.");
        let mut found: Vec<_> = std::fs::read_dir(self.path("backups"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.strip_prefix(&prefix).is_some_and(|s| s.ends_with('Z')))
            .collect();
        found.sort();
        self.path(&format!("backups/{}", found.last().expect("a backup")))
    }

    pub fn write(&self, rel: &str, content: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
}

/// The whole record, confidential parts included: the copy `import` takes on another machine.
pub const WHOLE_RECORD_JSON: [&str; 6] = [
    "export",
    "--section",
    "all",
    "--include-confidential",
    "--format",
    "json",
];

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mentorplan"))
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

pub fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

pub fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// Copies a fixture's folder (a data directory) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Waits for each child, failing with its standard error if one did not succeed.
pub fn all_succeed(children: Vec<std::process::Child>) {
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
