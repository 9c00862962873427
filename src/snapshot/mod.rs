//! Evidence snapshots: what was fetched, kept so that an auditor can show what a page said, when
//! it was fetched, that nothing changed afterwards, and that anyone can recompute the score.
//!
//! A run folder holds (see [`manifest`] for the exact layout):
//! - `<agency-id>.warc.gz`: WARC/1.1, one gzip member per record ([`warc`] writes, [`reader`]
//!   reads back into [`FetchRecord`](crate::crawl::FetchRecord)s exactly as they were crawled);
//! - `index.cdxj`: one sorted CDXJ line per WARC record of every agency ([`cdxj`]);
//! - `findings.json`: the run's JSON report, whose evidence names `WARC-Record-ID`s;
//! - `rules.yaml` and `overrides.yaml`: the exact inputs, so [`rescore`] can reproduce the scores;
//! - `manifest.json`: size and SHA-256 of every other file, chained to the previous run's
//!   manifest; optionally `manifest.sig` (ed25519). [`verify()`] checks all of it.
//!
//! # How bodies are stored (header consistency)
//! The crawler keeps bodies *transfer-decoded* (gzip/br already removed, chunking undone), because
//! that is what the analysis reads. A WARC `response` record must nevertheless be a consistent HTTP
//! message, or third-party tools (warcio, pywb) would try to gunzip plain text or read chunk sizes
//! out of HTML. So in the stored HTTP header block:
//! - `Content-Encoding`, `Transfer-Encoding` and `Content-Length` as received are renamed to
//!   `X-Ttdt-Original-Content-Encoding`, `X-Ttdt-Original-Transfer-Encoding` and
//!   `X-Ttdt-Original-Content-Length`, in place (so nothing received is lost);
//! - a received header whose name already starts with `X-Ttdt-Original-` gets the prefix once more,
//!   so the renaming can always be undone exactly;
//! - one `Content-Length: <stored body length>` is appended as the last header;
//! - the status line is always `HTTP/1.1 <status> <reason>` (what WARC readers accept); the version
//!   actually spoken (e.g. `HTTP/2.0`) is kept in the `WARC-Ttdt-Http-Version` record header.
//!
//! `WARC-Payload-Digest` is then the digest of the stored (decoded) body and `WARC-Block-Digest`
//! the digest of the stored header block plus body, so both verify with `warcio check`.
//!
//! # Digests
//! `sha256:` followed by the RFC 4648 base32 of the SHA-256 (upper case, with `=` padding): the
//! exact form warcio's own writer produces and its `check` compares against.

pub mod cdxj;
pub mod manifest;
pub mod reader;
pub mod rescore;
pub mod verify;
pub mod warc;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::crawl::FetchKind;

pub use cdxj::IndexEntry;
pub use manifest::{
    AgencyArchive, Manifest, RunFiles, archive_agency, finish_run, write_run, write_run_with_report,
};
pub use reader::{ArchivedSite, WarcRecord, read_site_file};
pub use rescore::{LoadedAgency, LoadedRun, load_run};
pub use verify::{Problem, VerifyReport, sign, verify, verify_signed};
pub use warc::{SnapshotWriter, WarcInfo, WarcSummary};

/// An evidence read or write failure. Every variant names the file concerned, so a message like
/// "disk full" always says which snapshot file is affected.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The operating system refused a read or write.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file (or folder) concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A file is not what it should be (bad gzip member, bad WARC header, bad JSON…).
    #[error("{}{}: {detail}", path.display(), offset.map(|o| format!(" (offset {o})")).unwrap_or_default())]
    Format {
        /// The file concerned.
        path: PathBuf,
        /// Byte offset of the gzip member, when known.
        offset: Option<u64>,
        /// What is wrong.
        detail: String,
    },
    /// Some agencies' evidence could not be written; the others were, and the manifest (when it
    /// could be written) says `"complete": false`.
    #[error("snapshot incomplete: {}", errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
    Incomplete {
        /// Each failure, naming its file.
        errors: Vec<SnapshotError>,
        /// True when `manifest.json` was nevertheless written (with `complete: false`).
        manifest_written: bool,
    },
}

impl SnapshotError {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        SnapshotError::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// A format error in `path` at `offset`.
    pub fn format(path: impl AsRef<Path>, offset: Option<u64>, detail: impl Into<String>) -> Self {
        SnapshotError::Format {
            path: path.as_ref().to_path_buf(),
            offset,
            detail: detail.into(),
        }
    }
}

/// Result of snapshot operations.
pub type Result<T, E = SnapshotError> = std::result::Result<T, E>;

/// SHA-256 of `data` in the WARC digest form `sha256:<BASE32>` (upper case, padded), as warcio
/// writes and checks it.
pub fn warc_digest(data: &[u8]) -> String {
    warc_digest_of(Sha256::digest(data).as_slice())
}

/// The WARC digest form of an already computed SHA-256.
pub fn warc_digest_of(sha256: &[u8]) -> String {
    format!("sha256:{}", base32(sha256))
}

/// SHA-256 of `data` as lower-case hex (manifest and rules hashes).
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// RFC 4648 base32 with padding. Small enough to keep here rather than add a crate.
fn base32(data: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(data.len().div_ceil(5) * 8);
    for chunk in data.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        // Output characters that carry input bits; the rest of the 8-char group is padding.
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                let idx = (bits >> (35 - 5 * i)) & 31;
                out.push(ALPHABET[idx as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Stable text code of a [`FetchKind`] (`WARC-Ttdt-Fetch-Kind`).
pub fn fetch_kind_code(kind: FetchKind) -> &'static str {
    match kind {
        FetchKind::Page => "page",
        FetchKind::Robots => "robots",
        FetchKind::Sitemap => "sitemap",
        FetchKind::Feed => "feed",
    }
}

/// The [`FetchKind`] of a code; unknown or absent (a foreign WARC) reads as `Page`.
pub fn parse_fetch_kind(code: &str) -> FetchKind {
    match code {
        "robots" => FetchKind::Robots,
        "sitemap" => FetchKind::Sitemap,
        "feed" => FetchKind::Feed,
        _ => FetchKind::Page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648_vectors() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY======");
        assert_eq!(base32(b"fo"), "MZXQ====");
        assert_eq!(base32(b"foo"), "MZXW6===");
        assert_eq!(base32(b"foob"), "MZXW6YQ=");
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
    }

    #[test]
    fn digest_of_empty_body_is_warcio_form() {
        // python3 -c "import hashlib,base64;print(base64.b32encode(hashlib.sha256(b'').digest()))"
        assert_eq!(
            warc_digest(b""),
            "sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ===="
        );
    }
}
