//! The demo province's evidence snapshot read by a third-party tool: Python's `warcio check`
//! must verify every record's digests and `warcio index` must list every record we indexed.
//! CI (`.ci/run`) installs warcio and sets `TTDT_WARCIO`; then a failure here fails the build.
//! Without the variable the test looks for `warcio` on PATH and otherwise says it skipped.

use std::path::PathBuf;
use std::process::Command;

fn warcio() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TTDT_WARCIO") {
        return Some(PathBuf::from(p));
    }
    let found = Command::new("warcio")
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    found.then(|| PathBuf::from("warcio"))
}

#[test]
fn warcio_checks_and_indexes_the_demo_snapshot() {
    let Some(warcio) = warcio() else {
        eprintln!("SKIPPED: warcio not installed (run .ci/run, which installs it)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("demo");
    let o = Command::new(env!("CARGO_BIN_EXE_ttdt"))
        .args([
            "demo",
            "--as-of",
            "2026-11-25",
            "--max-pages",
            "40",
            "-q",
            "--format",
            "json",
            "--out",
        ])
        .arg(&run)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let index = std::fs::read_to_string(run.join("index.cdxj")).unwrap();
    let mut files = 0;
    for entry in std::fs::read_dir(&run).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".warc.gz") {
            continue;
        }
        files += 1;
        let check = Command::new(&warcio)
            .args(["check", "-v"])
            .arg(&path)
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success(),
            "warcio check {name} failed:\n{out}{}",
            String::from_utf8_lossy(&check.stderr)
        );
        assert!(!out.contains("fail"), "warcio check {name}:\n{out}");

        let listed = Command::new(&warcio)
            .arg("index")
            .arg(&path)
            .output()
            .unwrap();
        assert!(listed.status.success(), "warcio index {name}");
        let warcio_records = String::from_utf8_lossy(&listed.stdout).lines().count();
        let ours = index
            .lines()
            .filter(|l| l.contains(&format!("\"filename\":\"{name}\"")))
            .count();
        assert_eq!(
            warcio_records, ours,
            "{name}: warcio lists {warcio_records} records, our index {ours}"
        );
        assert!(ours >= 2, "{name}: at least warcinfo and one record");
    }
    assert!(files >= 8, "one WARC per demo agency, found {files}");
}
