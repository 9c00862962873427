//! Third-party check: Python's `warcio` must read what we write. `warcio check` must pass every
//! record's block and payload digest, and `warcio index` must list every record at the offsets
//! our own CDXJ index gives.
//!
//! warcio is found through the `TTDT_WARCIO` environment variable (path to the `warcio`
//! executable, e.g. a virtualenv's `bin/warcio`); when that is set, any failure fails the test.
//! Without it, `warcio` on PATH or `python3 -m warcio` is tried, and when none is installed the
//! test prints a note and passes (CI sets `TTDT_WARCIO`).

#[path = "data/snapshot/fixtures.rs"]
mod fixtures;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use fixtures::*;

/// The command that runs warcio, and whether the user asked for it explicitly.
fn warcio() -> Option<(Vec<String>, bool)> {
    if let Ok(path) = std::env::var("TTDT_WARCIO")
        && !path.is_empty()
    {
        return Some((vec![path], true));
    }
    let works = |cmd: &[&str]| {
        Command::new(cmd[0])
            .args(&cmd[1..])
            .arg("--help")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if works(&["warcio"]) {
        return Some((vec!["warcio".into()], false));
    }
    if works(&["python3", "-m", "warcio"]) {
        return Some((vec!["python3".into(), "-m".into(), "warcio".into()], false));
    }
    None
}

fn run(cmd: &[String], args: &[&str], file: &Path) -> (bool, String) {
    let out = Command::new(&cmd[0])
        .args(&cmd[1..])
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn warcio_checks_and_indexes_our_warc_files() {
    let Some((cmd, explicit)) = warcio() else {
        println!(
            "note: warcio not installed; set TTDT_WARCIO=/path/to/warcio to run this check \
             (python3 -m venv /tmp/warcvenv && /tmp/warcvenv/bin/pip install warcio)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write_test_run(dir.path());
    let entries = ttdt::snapshot::cdxj::read_index(&dir.path().join("index.cdxj"))
        .unwrap()
        .entries;
    let mut failures = Vec::new();
    for file in ["sotttt.warc.gz", "sonv.warc.gz"] {
        let path = dir.path().join(file);

        let (ok, out) = run(&cmd, &["check", "-v"], &path);
        println!("$ warcio check -v {file}\n{out}");
        let ours: Vec<_> = entries.iter().filter(|e| e.filename == file).collect();
        let passes = out.matches("digest pass").count();
        if !ok || out.contains("failed") || passes != ours.len() {
            failures.push(format!(
                "warcio check {file}: exit ok={ok}, {passes} digest passes for {} records:\n{out}",
                ours.len()
            ));
        }

        let (ok, out) = run(
            &cmd,
            &["index", "-f", "warc-type,warc-record-id,offset,length"],
            &path,
        );
        println!("$ warcio index {file}\n{out}");
        let listed: BTreeSet<(String, u64, u64)> = out
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                let n = |k: &str| v[k].as_str().and_then(|s| s.parse().ok()).or(v[k].as_u64());
                Some((
                    v["warc-record-id"].as_str()?.to_string(),
                    n("offset")?,
                    n("length")?,
                ))
            })
            .collect();
        let expected: BTreeSet<(String, u64, u64)> = ours
            .iter()
            .map(|e| (e.record_id.clone(), e.offset, e.length))
            .collect();
        if !ok || listed != expected {
            failures.push(format!(
                "warcio index {file}: exit ok={ok}, listed {listed:?}, expected {expected:?}"
            ));
        }
    }
    // Once warcio is found (explicitly or not), a failed check fails the test: never a skip.
    let origin = if explicit {
        "TTDT_WARCIO"
    } else {
        "found on this machine"
    };
    assert!(
        failures.is_empty(),
        "warcio ({origin}): {}",
        failures.join("\n\n")
    );
}
