//! `ttdt verify`: is the evidence in a run folder intact and complete?
//!
//! [`verify`] checks, and reports every problem it finds (it does not stop at the first):
//! - `manifest.json`: present, readable, `complete: true`, no agency marked incomplete;
//! - every file listed: present, same size, same SHA-256; no file missing, none extra;
//!   `rules.yaml` hashes to the rules SHA-256 the manifest and findings name;
//! - every WARC file: each gzip member complete (a truncated or corrupt member is reported with
//!   the record the index places there), each record's `WARC-Block-Digest` and
//!   `WARC-Payload-Digest` recomputed, `warcinfo` first, record ids unique;
//! - `index.cdxj` against the records' real positions: a removed, added or reordered record
//!   shifts or swaps offsets and is reported, naming the record;
//! - `findings.json`: every evidence `record_id` names a record present in a WARC file.
//!
//! # Signatures
//! [`sign`] writes `manifest.sig`, an ed25519 signature (ed25519-dalek) of the exact bytes of
//! `manifest.json`, as 128 hex digits and a newline. [`verify_signed`] also checks it with a
//! public key. Key files hold either the 32 raw key bytes or their 64 hex digits (whitespace
//! around them ignored); a signing key file may also be the 64-byte keypair form (secret then
//! public), raw or 128 hex digits, of which the secret half is used. Since the manifest holds
//! the SHA-256 of every file, one signature covers the whole folder.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::Serialize;
use serde_json::Value;

use super::cdxj::{self, IndexEntry};
use super::manifest::{
    self, FINDINGS_FILE, INDEX_FILE, MANIFEST_FILE, Manifest, RULES_FILE, SIGNATURE_FILE,
};
use super::reader::{WarcReader, WarcRecord};
use super::{Result, SnapshotError, sha256_hex};

/// One thing wrong with a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// File concerned, relative to the run folder.
    pub file: String,
    /// The WARC record concerned, when there is one (`<urn:uuid:…>`).
    pub record_id: Option<String>,
    /// What is wrong.
    pub detail: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.record_id {
            Some(id) => write!(f, "{}: record {id}: {}", self.file, self.detail),
            None => write!(f, "{}: {}", self.file, self.detail),
        }
    }
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// True when no problem was found.
    pub ok: bool,
    /// Every problem found.
    pub problems: Vec<Problem>,
    /// Files whose size and hash were checked.
    pub files_checked: usize,
    /// WARC records whose digests were checked.
    pub records_checked: usize,
    /// Whether `manifest.sig` was checked and good (None: not asked to check).
    pub signature_valid: Option<bool>,
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn add(&mut self, file: &str, record_id: Option<&str>, detail: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_string(),
            record_id: record_id.map(str::to_string),
            detail: detail.into(),
        });
    }
}

/// Check the snapshot in `dir` (see the module docs). Never panics; an unreadable folder is
/// itself a problem.
pub fn verify(dir: &Path) -> VerifyReport {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let mut files_checked = 0;
    let mut records_checked = 0;

    // 1. Manifest.
    let manifest: Option<Manifest> = match manifest::read_manifest(dir) {
        Ok((m, _)) => Some(m),
        Err(SnapshotError::Io { source, .. }) => {
            c.add(MANIFEST_FILE, None, format!("cannot read: {source}"));
            None
        }
        Err(e) => {
            c.add(MANIFEST_FILE, None, e.to_string());
            None
        }
    };
    if let Some(m) = &manifest {
        if !m.complete {
            let why = if m.errors.is_empty() {
                String::new()
            } else {
                format!(": {}", m.errors.join("; "))
            };
            c.add(
                MANIFEST_FILE,
                None,
                format!("the run is marked incomplete{why}"),
            );
        }
        for a in m.agencies.iter().filter(|a| !a.complete) {
            c.add(
                &a.warc,
                None,
                format!("evidence of agency {} is incomplete", a.id),
            );
        }
    }

    // 2. Files against the manifest.
    let actual = match manifest::walk(dir) {
        Ok(files) => files,
        Err(e) => {
            c.add(".", None, e.to_string());
            Vec::new()
        }
    };
    for f in actual.iter().filter(|f| !f.regular) {
        c.add(&f.rel, None, "not a regular file (symbolic link or device)");
    }
    let actual: Vec<(String, std::path::PathBuf)> = actual
        .into_iter()
        .filter(|f| f.regular)
        .map(|f| (f.rel, f.path))
        .collect();
    let actual_names: HashSet<&str> = actual.iter().map(|(r, _)| r.as_str()).collect();
    if let Some(m) = &manifest {
        let listed: HashSet<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
        for f in &m.files {
            if !actual_names.contains(f.path.as_str()) {
                c.add(&f.path, None, "missing (listed in the manifest)");
                continue;
            }
            match manifest::hash_file(&dir.join(&f.path)) {
                Ok((size, sha)) => {
                    files_checked += 1;
                    if size != f.size {
                        c.add(
                            &f.path,
                            None,
                            format!(
                                "size {size} bytes, manifest says {} (truncated or altered)",
                                f.size
                            ),
                        );
                    } else if sha != f.sha256 {
                        c.add(&f.path, None, "SHA-256 differs from the manifest (altered)");
                    }
                }
                Err(e) => c.add(&f.path, None, e.to_string()),
            }
        }
        for (rel, _) in &actual {
            if rel != MANIFEST_FILE && rel != SIGNATURE_FILE && !listed.contains(rel.as_str()) {
                c.add(rel, None, "extra file, not in the manifest");
            }
        }
        for required in [INDEX_FILE, FINDINGS_FILE, RULES_FILE] {
            if !listed.contains(required) && !actual_names.contains(required) {
                c.add(required, None, "missing");
            }
        }
        for a in &m.agencies {
            if a.complete && !listed.contains(a.warc.as_str()) {
                c.add(&a.warc, None, "WARC file of the agency not in the manifest");
            }
        }
        if actual_names.contains(RULES_FILE)
            && let Ok((_, sha)) = manifest::hash_file(&dir.join(RULES_FILE))
            && sha != m.rules.sha256
        {
            c.add(
                RULES_FILE,
                None,
                format!("SHA-256 {sha} is not the rules SHA-256 {}", m.rules.sha256),
            );
        }
    }

    // 3. The index (read first: it names the records at damaged offsets).
    let index: Vec<IndexEntry> = if actual_names.contains(INDEX_FILE) {
        match cdxj::read_index(&dir.join(INDEX_FILE)) {
            Ok(read) => {
                for (line, text) in read.bad_lines {
                    c.add(
                        INDEX_FILE,
                        None,
                        format!("line {line} is not an index line: {text}"),
                    );
                }
                check_sorted(&mut c, &dir.join(INDEX_FILE));
                read.entries
            }
            Err(e) => {
                c.add(INDEX_FILE, None, e.to_string());
                Vec::new()
            }
        }
    } else {
        if manifest.is_none() {
            c.add(INDEX_FILE, None, "missing");
        }
        Vec::new()
    };
    let mut index_by_file: BTreeMap<&str, Vec<&IndexEntry>> = BTreeMap::new();
    for e in &index {
        index_by_file
            .entry(e.filename.as_str())
            .or_default()
            .push(e);
    }

    // 4. Every WARC file: members, digests, and positions against the index.
    let mut warc_files: Vec<String> = actual
        .iter()
        .map(|(r, _)| r.clone())
        .filter(|r| r.ends_with(".warc.gz"))
        .collect();
    if let Some(m) = &manifest {
        for a in &m.agencies {
            if !warc_files.contains(&a.warc) {
                warc_files.push(a.warc.clone());
            }
        }
    }
    let mut all_ids: HashSet<String> = HashSet::new();
    for name in &warc_files {
        if !actual_names.contains(name.as_str()) {
            // Already reported as missing when the manifest lists it.
            if manifest
                .as_ref()
                .is_none_or(|m| !m.files.iter().any(|f| &f.path == name))
            {
                c.add(name, None, "missing");
            }
            continue;
        }
        let indexed = index_by_file.remove(name.as_str()).unwrap_or_default();
        records_checked += check_warc(&mut c, dir, name, &indexed, &mut all_ids);
    }
    for (file, entries) in index_by_file {
        c.add(
            INDEX_FILE,
            None,
            format!(
                "{} index lines name {file}, which is not here",
                entries.len()
            ),
        );
    }

    // 5. Findings cite records that exist.
    if actual_names.contains(FINDINGS_FILE) {
        check_findings(&mut c, dir, &all_ids, manifest.as_ref());
    }

    VerifyReport {
        ok: c.problems.is_empty(),
        problems: c.problems,
        files_checked,
        records_checked,
        signature_valid: None,
    }
}

/// [`verify`], and also check `manifest.sig` against the public key in `pubkey_file`.
pub fn verify_signed(dir: &Path, pubkey_file: &Path) -> VerifyReport {
    let mut report = verify(dir);
    let problem = check_signature(dir, pubkey_file).err();
    report.signature_valid = Some(problem.is_none());
    if let Some(p) = problem {
        report.problems.push(p);
        report.ok = false;
    }
    report
}

fn check_sorted(c: &mut Checker, path: &Path) {
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    if let Some(i) = lines.windows(2).position(|w| w[0] > w[1]) {
        c.add(
            INDEX_FILE,
            None,
            format!("lines {} and {} are out of order", i + 1, i + 2),
        );
    }
}

/// Compare a stored digest (`sha256:<base32>`, or hex) with the bytes it should describe.
fn digest_matches(
    stored: &str,
    computed_b32: &str,
    data: &[u8],
) -> std::result::Result<bool, String> {
    let (algo, value) = stored
        .split_once(':')
        .ok_or_else(|| format!("digest {stored:?} has no algorithm"))?;
    if !algo.eq_ignore_ascii_case("sha256") {
        return Err(format!(
            "digest algorithm {algo} is not checked (sha256 only)"
        ));
    }
    let computed_value = computed_b32.trim_start_matches("sha256:");
    Ok(value == computed_value || value.eq_ignore_ascii_case(&sha256_hex(data)))
}

/// Check one WARC file; returns the number of records whose digests were checked.
fn check_warc(
    c: &mut Checker,
    dir: &Path,
    name: &str,
    indexed: &[&IndexEntry],
    all_ids: &mut HashSet<String>,
) -> usize {
    let path = dir.join(name);
    let reader = match WarcReader::open(&path) {
        Ok(r) => r,
        Err(e) => {
            c.add(name, None, e.to_string());
            return 0;
        }
    };
    let by_offset: HashMap<u64, &IndexEntry> = indexed.iter().map(|e| (e.offset, *e)).collect();
    let mut found: Vec<Found> = Vec::new();
    let mut checked = 0;
    let mut failed_at: Option<u64> = None;
    let mut ids_here: HashSet<String> = HashSet::new();
    for (i, rec) in reader.enumerate() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let offset = match &e {
                    SnapshotError::Format { offset, .. } => *offset,
                    _ => None,
                };
                let named = offset
                    .and_then(|o| by_offset.get(&o))
                    .map(|e| e.record_id.as_str());
                let detail = match &e {
                    SnapshotError::Format { detail, .. } => detail.clone(),
                    other => other.to_string(),
                };
                let at = offset
                    .map(|o| format!(" at offset {o}"))
                    .unwrap_or_default();
                c.add(
                    name,
                    named,
                    format!(
                        "{detail}{at}; the rest of the file cannot be read (truncated or altered)"
                    ),
                );
                failed_at = Some(offset.unwrap_or(0));
                break;
            }
        };
        checked += 1;
        let id = rec.record_id().to_string();
        check_record(c, name, &rec, i);
        if !ids_here.insert(id.clone()) {
            c.add(name, Some(&id), "record id used twice");
        }
        all_ids.insert(id.clone());
        let stored_digest = if rec.warc_type() == "response" {
            rec.header("WARC-Payload-Digest")
        } else {
            rec.header("WARC-Block-Digest")
        }
        .map(str::to_string);
        found.push(Found {
            offset: rec.offset,
            length: rec.length,
            id,
            digest: stored_digest,
        });
    }
    check_positions(c, name, indexed, &found, failed_at);
    checked
}

/// A record as found in the file, for comparison with the index.
struct Found {
    offset: u64,
    length: u64,
    id: String,
    digest: Option<String>,
}

/// Compare the records' real positions with the index, by record id: records missing from the
/// file (removed), missing from the index (added), out of the indexed order (reordered), or at
/// other offsets or lengths than indexed (altered, or shifted by a removal or insertion).
fn check_positions(
    c: &mut Checker,
    name: &str,
    indexed: &[&IndexEntry],
    found: &[Found],
    failed_at: Option<u64>,
) {
    let mut by_id: HashMap<&str, &IndexEntry> = HashMap::new();
    for e in indexed {
        if by_id.insert(e.record_id.as_str(), e).is_some() {
            c.add(
                INDEX_FILE,
                Some(&e.record_id),
                format!("indexed twice for {name}"),
            );
        }
    }
    let in_file: HashSet<&str> = found.iter().map(|f| f.id.as_str()).collect();
    let mut removed = 0;
    let mut unread = 0;
    let mut in_index_order: Vec<&IndexEntry> = indexed.to_vec();
    in_index_order.sort_by_key(|e| e.offset);
    for e in &in_index_order {
        if in_file.contains(e.record_id.as_str()) {
            continue;
        }
        if failed_at.is_some_and(|f| e.offset >= f) {
            unread += 1;
        } else {
            removed += 1;
            c.add(
                name,
                Some(&e.record_id),
                format!(
                    "indexed at offset {}, but the file has no such record (removed)",
                    e.offset
                ),
            );
        }
    }
    if unread > 0 {
        c.add(
            name,
            None,
            format!("{unread} indexed records could not be read after the damaged member"),
        );
    }
    let mut added = 0;
    for f in found.iter().filter(|f| !by_id.contains_key(f.id.as_str())) {
        added += 1;
        c.add(
            name,
            Some(&f.id),
            format!("record at offset {} is not in the index (added)", f.offset),
        );
    }
    // Order: the records both sides know must come in the indexed order.
    let file_order: Vec<&str> = found
        .iter()
        .map(|f| f.id.as_str())
        .filter(|id| by_id.contains_key(id))
        .collect();
    let index_order: Vec<&str> = in_index_order
        .iter()
        .map(|e| e.record_id.as_str())
        .filter(|id| in_file.contains(id))
        .collect();
    let mut reordered = 0;
    for (pos, (f, x)) in file_order.iter().zip(&index_order).enumerate() {
        if f != x {
            reordered += 1;
            if reordered <= 10 {
                c.add(
                    name,
                    Some(f),
                    format!(
                        "record {} of the file, where the index has {x} (reordered)",
                        pos + 1
                    ),
                );
            }
        }
    }
    // Offsets and lengths. A removal or insertion shifts every later offset: those shifts are
    // explained by the problems above, so only unexplained ones are reported one by one.
    let mut shifted = 0;
    for f in found {
        let Some(e) = by_id.get(f.id.as_str()) else {
            continue;
        };
        if e.length != f.length {
            c.add(
                name,
                Some(&f.id),
                format!(
                    "gzip member is {} bytes, the index says {} (record altered)",
                    f.length, e.length
                ),
            );
        } else if e.offset != f.offset {
            shifted += 1;
            if removed + added + reordered == 0 {
                c.add(
                    name,
                    Some(&f.id),
                    format!(
                        "at offset {}, the index says {} (moved)",
                        f.offset, e.offset
                    ),
                );
            }
        }
        if f.digest.as_deref().is_some_and(|d| d != e.digest) {
            c.add(name, Some(&f.id), "digest differs from the index");
        }
    }
    if shifted > 0 && removed + added + reordered > 0 {
        c.add(
            name,
            None,
            format!(
                "{shifted} records are not at their indexed offsets (shifted by the records above)"
            ),
        );
    }
}

/// Recompute one record's digests and check its shape.
fn check_record(c: &mut Checker, name: &str, rec: &WarcRecord, position: usize) {
    let id = rec.record_id();
    let id_opt = (!id.is_empty()).then_some(id);
    if position == 0 && rec.warc_type() != "warcinfo" {
        c.add(name, id_opt, "the first record is not the warcinfo record");
    }
    if id.is_empty() {
        c.add(
            name,
            None,
            format!("record at offset {} has no WARC-Record-ID", rec.offset),
        );
    }
    match rec.header("WARC-Block-Digest") {
        None => c.add(name, id_opt, "no WARC-Block-Digest"),
        Some(stored) => {
            let computed = super::warc_digest(&rec.block);
            match digest_matches(stored, &computed, &rec.block) {
                Ok(true) => {}
                Ok(false) => c.add(
                    name,
                    id_opt,
                    format!("block digest mismatch: stored {stored}, computed {computed} (content altered)"),
                ),
                Err(d) => c.add(name, id_opt, d),
            }
        }
    }
    if let Some(stored) = rec.header("WARC-Payload-Digest") {
        match rec.http_payload_start() {
            None => c.add(
                name,
                id_opt,
                "payload digest on a block without HTTP headers",
            ),
            Some(start) => {
                let payload = &rec.block[start..];
                let computed = super::warc_digest(payload);
                match digest_matches(stored, &computed, payload) {
                    Ok(true) => {}
                    Ok(false) => c.add(
                        name,
                        id_opt,
                        format!("payload digest mismatch: stored {stored}, computed {computed} (body altered)"),
                    ),
                    Err(d) => c.add(name, id_opt, d),
                }
            }
        }
    } else if rec.warc_type() == "response" {
        c.add(name, id_opt, "response without WARC-Payload-Digest");
    }
}

/// Every evidence `record_id` of `findings.json` must be a record of the archive, and the
/// findings must be those of this run.
fn check_findings(c: &mut Checker, dir: &Path, ids: &HashSet<String>, m: Option<&Manifest>) {
    let path = dir.join(FINDINGS_FILE);
    let value: Value = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            c.add(FINDINGS_FILE, None, format!("not readable JSON: {e}"));
            return;
        }
    };
    if let Some(m) = m {
        let field = |p: &str| value.pointer(p).and_then(Value::as_str).map(str::to_string);
        if field("/rules/sha256").is_some_and(|s| s != m.rules.sha256) {
            c.add(
                FINDINGS_FILE,
                None,
                "rules SHA-256 differs from the manifest's",
            );
        }
        if field("/as_of").is_some_and(|s| s != m.as_of.to_string()) {
            c.add(
                FINDINGS_FILE,
                None,
                "as-of date differs from the manifest's",
            );
        }
    }
    let sites = value.get("sites").and_then(Value::as_array);
    for site in sites.into_iter().flatten() {
        let groups = site.get("groups").and_then(Value::as_array);
        for group in groups.into_iter().flatten() {
            let evidence = group.get("evidence").and_then(Value::as_array);
            for ev in evidence.into_iter().flatten() {
                if let Some(id) = ev.get("record_id").and_then(Value::as_str)
                    && !ids.contains(id)
                {
                    c.add(
                        FINDINGS_FILE,
                        Some(id),
                        "evidence names a record that is not in any WARC file",
                    );
                }
            }
        }
    }
}

/// Read a key file: 32 raw bytes or 64 hex digits (or the 64-byte / 128-hex keypair form, of
/// which the first 32 bytes are used).
fn read_key(path: &Path) -> Result<[u8; 32]> {
    let bytes = std::fs::read(path).map_err(|e| SnapshotError::io(path, e))?;
    // Hex text first: 64 hex digits are also 64 bytes, the raw keypair length.
    let text = std::str::from_utf8(&bytes).map(str::trim).unwrap_or("");
    let is_hex = matches!(text.len(), 64 | 128) && text.bytes().all(|b| b.is_ascii_hexdigit());
    let raw: Vec<u8> = if is_hex {
        hex::decode(text).unwrap_or_default()
    } else if matches!(bytes.len(), 32 | 64) {
        bytes
    } else {
        return Err(SnapshotError::format(
            path,
            None,
            "a key file holds 32 raw bytes or 64 hex digits",
        ));
    };
    match raw.len() {
        32 | 64 => {
            let mut key = [0u8; 32];
            key.copy_from_slice(&raw[..32]);
            Ok(key)
        }
        n => Err(SnapshotError::format(
            path,
            None,
            format!("a key is 32 bytes, this one has {n}"),
        )),
    }
}

/// Sign `<dir>/manifest.json` with the ed25519 secret key in `key_file`, writing
/// `<dir>/manifest.sig`. Returns the public key (hex) to publish for `verify --pubkey`.
pub fn sign(dir: &Path, key_file: &Path) -> Result<String> {
    let key = SigningKey::from_bytes(&read_key(key_file)?);
    let manifest_path = dir.join(MANIFEST_FILE);
    let bytes = std::fs::read(&manifest_path).map_err(|e| SnapshotError::io(&manifest_path, e))?;
    let signature = key.sign(&bytes);
    let sig_path = dir.join(SIGNATURE_FILE);
    std::fs::write(
        &sig_path,
        format!("{}\n", hex::encode(signature.to_bytes())),
    )
    .map_err(|e| SnapshotError::io(&sig_path, e))?;
    Ok(hex::encode(key.verifying_key().to_bytes()))
}

/// The public key (hex) of the secret key in `key_file`.
pub fn public_key_hex(key_file: &Path) -> Result<String> {
    let key = SigningKey::from_bytes(&read_key(key_file)?);
    Ok(hex::encode(key.verifying_key().to_bytes()))
}

fn check_signature(dir: &Path, pubkey_file: &Path) -> std::result::Result<(), Problem> {
    let problem = |file: &str, detail: String| Problem {
        file: file.to_string(),
        record_id: None,
        detail,
    };
    let key = read_key(pubkey_file).map_err(|e| problem(SIGNATURE_FILE, e.to_string()))?;
    let key = VerifyingKey::from_bytes(&key)
        .map_err(|e| problem(SIGNATURE_FILE, format!("bad public key: {e}")))?;
    let sig_text = std::fs::read(dir.join(SIGNATURE_FILE))
        .map_err(|e| problem(SIGNATURE_FILE, format!("cannot read: {e}")))?;
    let sig_bytes = hex::decode(String::from_utf8_lossy(&sig_text).trim())
        .map_err(|_| problem(SIGNATURE_FILE, "not a hex signature".into()))?;
    let sig = Signature::from_slice(&sig_bytes)
        .map_err(|e| problem(SIGNATURE_FILE, format!("not an ed25519 signature: {e}")))?;
    let manifest = std::fs::read(dir.join(MANIFEST_FILE))
        .map_err(|e| problem(MANIFEST_FILE, format!("cannot read: {e}")))?;
    key.verify(&manifest, &sig).map_err(|_| {
        problem(
            SIGNATURE_FILE,
            "signature does not match manifest.json and this public key".into(),
        )
    })
}
