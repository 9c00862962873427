//! `verify` passes an untouched snapshot and fails, naming file and record, on one changed byte
//! (inside a re-compressed member and raw in the gzip stream), a removed or reordered record,
//! a missing, extra or truncated file, an incomplete run, findings citing unknown records, and a
//! bad signature. Also: write errors name the file and leave a snapshot `verify` rejects.

#[path = "data/snapshot/fixtures.rs"]
mod fixtures;

use std::io::{Read, Write};
use std::path::Path;

use fixtures::*;
use ttdt::snapshot::cdxj;
use ttdt::snapshot::manifest::{self, read_manifest, write_manifest};
use ttdt::snapshot::{SnapshotError, VerifyReport, sign, verify, verify_signed};

fn snapshot() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_test_run(dir.path());
    dir
}

/// What a forger who knows the format would do after editing a file: recompute the manifest's
/// file list so that sizes and hashes match again. Record-level checks must still catch them.
fn reseal(dir: &Path) {
    let (mut m, _) = read_manifest(dir).unwrap();
    m.files = manifest::list_files(dir).unwrap();
    write_manifest(dir, &m).unwrap();
}

fn members(dir: &Path, file: &str) -> Vec<(cdxj::IndexEntry, Vec<u8>)> {
    let entries = cdxj::read_index(&dir.join("index.cdxj")).unwrap().entries;
    let bytes = std::fs::read(dir.join(file)).unwrap();
    let mut own: Vec<_> = entries.into_iter().filter(|e| e.filename == file).collect();
    own.sort_by_key(|e| e.offset);
    own.into_iter()
        .map(|e| {
            let m = bytes[e.offset as usize..(e.offset + e.length) as usize].to_vec();
            (e, m)
        })
        .collect()
}

fn has_problem(report: &VerifyReport, file: &str, record: Option<&str>, words: &str) -> bool {
    report.problems.iter().any(|p| {
        p.file == file
            && (record.is_none() || p.record_id.as_deref() == record)
            && p.detail.contains(words)
    })
}

fn show(report: &VerifyReport) -> String {
    report
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn untouched_snapshot_passes() {
    let dir = snapshot();
    let report = verify(dir.path());
    assert!(report.ok, "{}", show(&report));
    // 2 WARC files, index, findings, rules, holidays, overrides.
    assert_eq!(report.files_checked, 7);
    // sotttt: 1 + 9×2 + 1 + 1; sonv: 1 + 2.
    assert_eq!(report.records_checked, 24);
}

#[test]
fn one_changed_byte_in_a_recompressed_body_names_file_and_record() {
    let dir = snapshot();
    let file = "sotttt.warc.gz";
    let home = id(3);
    let mut out = Vec::new();
    for (e, member) in members(dir.path(), file) {
        if e.record_id != home {
            out.extend(member);
            continue;
        }
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&member[..])
            .read_to_end(&mut text)
            .unwrap();
        // One byte inside the HTML body.
        let at = text.windows(6).position(|w| w == b"<main>").unwrap() + 2;
        text[at] ^= 0x01;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        out.extend(gz.finish().unwrap());
    }
    std::fs::write(dir.path().join(file), &out).unwrap();
    let report = verify(dir.path());
    assert!(!report.ok);
    assert!(
        has_problem(&report, file, Some(&home), "digest mismatch"),
        "{}",
        show(&report)
    );
    assert!(
        has_problem(&report, file, None, "SHA-256 differs")
            || has_problem(&report, file, None, "size")
    );

    // Even with the manifest resealed, the record's digest gives it away.
    reseal(dir.path());
    let report = verify(dir.path());
    assert!(!report.ok);
    assert!(
        has_problem(&report, file, Some(&home), "digest mismatch"),
        "{}",
        show(&report)
    );
}

#[test]
fn one_raw_byte_flipped_in_the_gzip_stream_names_file_and_record() {
    let dir = snapshot();
    let file = "sotttt.warc.gz";
    let target = id(6); // the binary body: its member is long enough to flip inside the data
    let (entry, _) = members(dir.path(), file)
        .into_iter()
        .find(|(e, _)| e.record_id == target)
        .unwrap();
    let path = dir.path().join(file);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[(entry.offset + entry.length / 2) as usize] ^= 0x20;
    std::fs::write(&path, &bytes).unwrap();
    reseal(dir.path());
    let report = verify(dir.path());
    assert!(!report.ok);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.file == file && p.record_id.as_deref() == Some(target.as_str())),
        "{}",
        show(&report)
    );
}

#[test]
fn a_removed_record_is_detected() {
    let dir = snapshot();
    let file = "sotttt.warc.gz";
    let removed = id(7);
    let out: Vec<u8> = members(dir.path(), file)
        .into_iter()
        .filter(|(e, _)| e.record_id != removed)
        .flat_map(|(_, m)| m)
        .collect();
    std::fs::write(dir.path().join(file), &out).unwrap();
    let report = verify(dir.path());
    assert!(!report.ok);
    assert!(
        has_problem(&report, file, None, "SHA-256") || has_problem(&report, file, None, "size")
    );
    reseal(dir.path());
    let report = verify(dir.path());
    assert!(!report.ok, "a resealed removal must still fail");
    assert!(
        has_problem(&report, file, Some(&removed), "removed"),
        "{}",
        show(&report)
    );
}

#[test]
fn swapped_records_are_detected() {
    let dir = snapshot();
    let file = "sotttt.warc.gz";
    let mut ms = members(dir.path(), file);
    // Swap two whole exchanges' response records (each member still valid on its own).
    let a = ms.iter().position(|(e, _)| e.record_id == id(4)).unwrap();
    let b = ms.iter().position(|(e, _)| e.record_id == id(5)).unwrap();
    ms.swap(a, b);
    let out: Vec<u8> = ms.into_iter().flat_map(|(_, m)| m).collect();
    std::fs::write(dir.path().join(file), &out).unwrap();
    reseal(dir.path());
    let report = verify(dir.path());
    assert!(!report.ok);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.file == file && p.detail.contains("reordered")),
        "{}",
        show(&report)
    );
}

#[test]
fn missing_extra_and_truncated_files_are_detected() {
    let dir = snapshot();
    std::fs::remove_file(dir.path().join("sonv.warc.gz")).unwrap();
    let report = verify(dir.path());
    assert!(
        has_problem(&report, "sonv.warc.gz", None, "missing"),
        "{}",
        show(&report)
    );

    let dir = snapshot();
    std::fs::write(dir.path().join("later.html"), "added afterwards").unwrap();
    let report = verify(dir.path());
    assert!(
        has_problem(&report, "later.html", None, "extra file"),
        "{}",
        show(&report)
    );

    let dir = snapshot();
    std::fs::remove_file(dir.path().join("findings.json")).unwrap();
    let report = verify(dir.path());
    assert!(
        has_problem(&report, "findings.json", None, "missing"),
        "{}",
        show(&report)
    );

    let dir = snapshot();
    let path = dir.path().join("sotttt.warc.gz");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
    let report = verify(dir.path());
    assert!(
        has_problem(&report, "sotttt.warc.gz", None, "truncated"),
        "{}",
        show(&report)
    );
    reseal(dir.path());
    let report = verify(dir.path());
    assert!(!report.ok);
    // The cut member is named by the record the index places there.
    let entries = cdxj::read_index(&dir.path().join("index.cdxj"))
        .unwrap()
        .entries;
    let last = entries
        .iter()
        .filter(|e| e.filename == "sotttt.warc.gz")
        .max_by_key(|e| e.offset)
        .unwrap();
    assert!(
        has_problem(
            &report,
            "sotttt.warc.gz",
            Some(&last.record_id),
            "truncated or corrupt gzip member"
        ),
        "{}",
        show(&report)
    );

    let dir = snapshot();
    std::fs::remove_file(dir.path().join("manifest.json")).unwrap();
    let report = verify(dir.path());
    assert!(
        has_problem(&report, "manifest.json", None, "cannot read"),
        "{}",
        show(&report)
    );
}

#[test]
fn incomplete_runs_and_unknown_evidence_are_reported() {
    let dir = snapshot();
    let (mut m, _) = read_manifest(dir.path()).unwrap();
    m.complete = false;
    m.errors = vec!["sonv.warc.gz: No space left on device".into()];
    write_manifest(dir.path(), &m).unwrap();
    let report = verify(dir.path());
    assert!(
        has_problem(&report, "manifest.json", None, "incomplete"),
        "{}",
        show(&report)
    );

    let dir = snapshot();
    let path = dir.path().join("findings.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(&id(7), &id(999))).unwrap();
    reseal(dir.path());
    let report = verify(dir.path());
    assert!(
        has_problem(&report, "findings.json", Some(&id(999)), "not in any WARC"),
        "{}",
        show(&report)
    );
}

#[test]
fn signature_covers_the_manifest() {
    let dir = snapshot();
    let keys = tempfile::tempdir().unwrap();
    let secret = keys.path().join("ttdt.key");
    std::fs::write(&secret, format!("{}\n", "11".repeat(32))).unwrap();
    let public_hex = sign(dir.path(), &secret).unwrap();
    let public = keys.path().join("ttdt.pub");
    std::fs::write(&public, &public_hex).unwrap();
    let report = verify_signed(dir.path(), &public);
    assert!(report.ok, "{}", show(&report));
    assert_eq!(report.signature_valid, Some(true));

    // Raw 32-byte key files work too.
    let raw = keys.path().join("raw.pub");
    std::fs::write(&raw, hex::decode(&public_hex).unwrap()).unwrap();
    assert!(verify_signed(dir.path(), &raw).ok);

    // Another key does not verify.
    let other = keys.path().join("other.key");
    std::fs::write(&other, [7u8; 32]).unwrap();
    let other_pub = keys.path().join("other.pub");
    std::fs::write(
        &other_pub,
        ttdt::snapshot::verify::public_key_hex(&other).unwrap(),
    )
    .unwrap();
    let report = verify_signed(dir.path(), &other_pub);
    assert!(!report.ok);
    assert_eq!(report.signature_valid, Some(false));

    // A changed manifest does not verify (even though its own contents are consistent).
    let (mut m, _) = read_manifest(dir.path()).unwrap();
    m.operator = Some("someone else".into());
    write_manifest(dir.path(), &m).unwrap();
    assert!(verify(dir.path()).ok, "unsigned checks still pass");
    let report = verify_signed(dir.path(), &public);
    assert!(
        has_problem(&report, "manifest.sig", None, "does not match"),
        "{}",
        show(&report)
    );

    // A bad key file is an error naming it, not a panic.
    let junk = keys.path().join("junk.key");
    std::fs::write(&junk, "not a key").unwrap();
    let err = sign(dir.path(), &junk).unwrap_err();
    assert!(err.to_string().contains("junk.key"), "{err}");
}

#[test]
fn a_write_error_names_the_file_and_leaves_an_incomplete_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    // The second agency's WARC path is a directory: its file cannot be created.
    std::fs::create_dir_all(dir.path().join("sonv.warc.gz")).unwrap();
    let err = ttdt::snapshot::write_run(
        dir.path(),
        &run_output(started()),
        &rules(),
        RULES_YAML.as_bytes(),
        as_of(),
        None,
        None,
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("sonv.warc.gz"), "{msg}");
    match &err {
        SnapshotError::Incomplete {
            errors,
            manifest_written,
        } => {
            assert_eq!(errors.len(), 1);
            assert!(manifest_written);
        }
        other => panic!("expected Incomplete, got {other:?}"),
    }
    let (m, _) = read_manifest(dir.path()).unwrap();
    assert!(!m.complete);
    assert!(m.errors[0].contains("sonv.warc.gz"));
    assert!(m.agencies[0].complete && !m.agencies[1].complete);
    // The first agency's evidence is intact and readable.
    let site = ttdt::snapshot::read_site_file(&dir.path().join("sotttt.warc.gz")).unwrap();
    assert_eq!(site.records.len(), 10);
    let report = verify(dir.path());
    assert!(!report.ok);
    assert!(
        has_problem(&report, "manifest.json", None, "incomplete"),
        "{}",
        show(&report)
    );
    assert!(
        has_problem(&report, "sonv.warc.gz", None, "incomplete"),
        "{}",
        show(&report)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_names_the_file() {
    // /dev/full accepts the open and fails every write with ENOSPC, like a full disk.
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/full", dir.path().join("sotttt.warc.gz")).unwrap();
    let err = ttdt::snapshot::write_run(
        dir.path(),
        &run_output(started()),
        &rules(),
        RULES_YAML.as_bytes(),
        as_of(),
        None,
        None,
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("sotttt.warc.gz") && msg.contains("No space left"),
        "{msg}"
    );
    let (m, _) = read_manifest(dir.path()).unwrap();
    assert!(!m.complete);
    // The other agency was archived in full.
    assert!(m.agencies[1].complete);
    assert!(!verify(dir.path()).ok);
}

#[test]
fn rules_bytes_must_match_the_rules_hash() {
    let dir = tempfile::tempdir().unwrap();
    let err = ttdt::snapshot::write_run(
        dir.path(),
        &run_output(started()),
        &rules(),
        b"other rules",
        as_of(),
        None,
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("rules.yaml"), "{err}");
}
