//! A small WARC/1.1 writer of our own: one gzip member per record, each member flushed to the
//! file as soon as it is written, so that
//! - a reader can seek straight to a record from the CDXJ offset,
//! - a crash or a full disk loses at most the record being written (every earlier member is
//!   complete on disk), and
//! - memory does not grow with the number of pages (only one record is in memory at a time;
//!   the per-record index entries, about 200 bytes each, are kept for the CDXJ index).
//!
//! The `warc` crate was not used: it gzips a whole file as one stream and can cut records short
//! (design notes, "pitfalls").
//!
//! # Records written for one agency (`<agency-id>.warc.gz`)
//! 1. `warcinfo`: tool and version, rules id + SHA-256, as-of date, user agent, operator, and the
//!    agency (id, name, block, start URL, scope, extra hosts) so the file alone can be re-scored.
//! 2. Per HTTP exchange, a `response` record (its `WARC-Record-ID` is the crawl's
//!    [`FetchRecord::record_id`], the id findings cite) followed by its `request` record, linked
//!    both ways by `WARC-Concurrent-To`. Response first (as Heritrix does) so that one seek to the
//!    offset a finding points at gives the whole exchange by reading on.
//! 3. Per failed fetch (DNS, TLS, timeout, reset…), a `metadata` record with the same id
//!    convention, `Content-Type: application/warc-fields` and the fields `fetch-error: <code>`,
//!    `detail: <text>` and one `request-header: <Name>: <value>` per request header. No `request`
//!    record is written for a failure: for DNS or connect failures no request ever left.
//! 4. Optionally one `metadata` record (`WARC-Ttdt-Metadata: skipped-urls`) listing the URLs
//!    skipped by robots.txt or budgets as `skipped-url` / `skipped-reason` field pairs.
//!
//! Stored HTTP headers are made consistent with the decoded bodies as described in the
//! [module documentation](super); truncated bodies get the standard `WARC-Truncated` header
//! (`length` for the byte cap, `time` for a timeout, `disconnect` for a reset, else
//! `unspecified`).
//!
//! # ttdt's own record headers
//! Everything a [`FetchRecord`] holds that WARC has no header for is kept in `WARC-Ttdt-*`
//! headers, which other tools ignore: `WARC-Ttdt-Fetched-At` (RFC 3339 with nanoseconds, since
//! `WARC-Date` is at second precision for compatibility), `WARC-Ttdt-Fetch-Kind`
//! (`page|robots|sitemap|feed`), `WARC-Ttdt-Depth`, `WARC-Ttdt-Http-Version`,
//! `WARC-Ttdt-Truncated` (reason code) and `WARC-Ttdt-Redirect-To`.
//!
//! # Values that cannot be written as they are
//! WARC and HTTP headers cannot hold CR or LF; the crawler never produces them (URLs are parsed,
//! header values come from the HTTP library), but if one appears it is replaced by a space rather
//! than corrupting the record framing. `application/warc-fields` values escape `\`, CR and LF as
//! `\\`, `\r`, `\n` and read back exactly.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

use super::cdxj::IndexEntry;
use super::{Result, SnapshotError, fetch_kind_code, warc_digest, warc_digest_of};
use crate::config::Agency;
use crate::crawl::{FailReason, FetchOutcome, FetchRecord, HttpResponse, SkippedUrl};

/// Prefix given to received framing headers that no longer describe the stored body.
pub const ORIGINAL_PREFIX: &str = "X-Ttdt-Original-";

/// Received headers renamed with [`ORIGINAL_PREFIX`] because the stored body is decoded.
const FRAMING_HEADERS: [&str; 3] = ["content-encoding", "transfer-encoding", "content-length"];

/// What the `warcinfo` record of an agency's WARC file says.
#[derive(Debug, Clone)]
pub struct WarcInfo {
    /// The agency; its id names the file (`<id>.warc.gz`).
    pub agency: Agency,
    /// Run id (`YYYYMMDDTHHMMSSZ`).
    pub run_id: String,
    /// Rule set id.
    pub rules_id: String,
    /// SHA-256 (hex) of the rules file.
    pub rules_sha256: String,
    /// Audit reference date.
    pub as_of: NaiveDate,
    /// The User-Agent the crawler sent.
    pub user_agent: String,
    /// Who ran the audit (an organisation or person), when given.
    pub operator: Option<String>,
    /// The crawl accepted invalid TLS certificates (`--insecure`); written as
    /// `ttdt-insecure-tls: true` only when set.
    pub insecure: bool,
    /// When the file was started (the `WARC-Date` of the warcinfo record).
    pub created: DateTime<Utc>,
}

/// What a finished WARC file holds.
#[derive(Debug, Clone)]
pub struct WarcSummary {
    /// Full path of the file.
    pub path: PathBuf,
    /// File name, as used in the CDXJ index (`<agency-id>.warc.gz`).
    pub filename: String,
    /// Fetch records written (each is one or two WARC records).
    pub fetch_records: usize,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// One index entry per WARC record, in file order.
    pub entries: Vec<IndexEntry>,
}

/// Counts the bytes that reach the file, to know each gzip member's offset and length.
struct Counting<'a, W: Write> {
    inner: &'a mut W,
    written: u64,
}

impl<W: Write> Write for Counting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Streams the evidence of one agency into `<dir>/<agency-id>.warc.gz`.
///
/// After an I/O error the writer refuses further records (the file may end in a partial gzip
/// member, which [`super::verify()`] reports as truncated); all earlier records stay readable.
pub struct SnapshotWriter {
    path: PathBuf,
    filename: String,
    out: BufWriter<File>,
    offset: u64,
    warcinfo_id: String,
    start_url: String,
    fetch_records: usize,
    entries: Vec<IndexEntry>,
    broken: bool,
}

impl std::fmt::Debug for SnapshotWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SnapshotWriter")
            .field("path", &self.path)
            .field("offset", &self.offset)
            .field("fetch_records", &self.fetch_records)
            .finish()
    }
}

/// The WARC file name of an agency.
pub fn warc_file_name(agency_id: &str) -> String {
    format!("{agency_id}.warc.gz")
}

impl SnapshotWriter {
    /// Create (or overwrite) `<dir>/<agency-id>.warc.gz` and write its `warcinfo` record.
    /// `dir` must exist. Errors name the file.
    pub fn create(dir: &Path, info: &WarcInfo) -> Result<Self> {
        let id = &info.agency.id;
        let filename = warc_file_name(id);
        let path = dir.join(&filename);
        // Agency ids are validated by the agencies file, but the id becomes a path: refuse
        // anything that could leave the run folder.
        if id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') {
            return Err(SnapshotError::format(
                &path,
                None,
                format!("agency id {id:?} cannot name a file"),
            ));
        }
        let file = File::create(&path).map_err(|e| SnapshotError::io(&path, e))?;
        let mut writer = SnapshotWriter {
            path,
            filename,
            out: BufWriter::with_capacity(64 * 1024, file),
            offset: 0,
            warcinfo_id: crate::crawl::new_record_id(),
            start_url: info.agency.url.to_string(),
            fetch_records: 0,
            entries: Vec::new(),
            broken: false,
        };
        writer.write_warcinfo(info)?;
        Ok(writer)
    }

    /// Path of the file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Fetch records written so far.
    pub fn fetch_records(&self) -> usize {
        self.fetch_records
    }

    /// Index entries of every record written so far (the `warcinfo` record first).
    pub fn entries(&self) -> &[IndexEntry] {
        &self.entries
    }

    /// `WARC-Record-ID` of this file's `warcinfo` record.
    pub fn warcinfo_id(&self) -> &str {
        &self.warcinfo_id
    }

    fn write_warcinfo(&mut self, info: &WarcInfo) -> Result<()> {
        let a = &info.agency;
        let mut fields = vec![
            ("software", format!("ttdt/{}", crate::VERSION)),
            ("format", "WARC File Format 1.1".to_string()),
            (
                "conformsTo",
                "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
                    .to_string(),
            ),
            ("isPartOf", info.run_id.clone()),
            ("http-header-user-agent", info.user_agent.clone()),
            ("robots", "obey".to_string()),
        ];
        if let Some(op) = &info.operator {
            fields.push(("operator", op.clone()));
        }
        if info.insecure {
            fields.push(("ttdt-insecure-tls", "true".to_string()));
        }
        fields.extend([
            ("ttdt-run-id", info.run_id.clone()),
            ("ttdt-rules-id", info.rules_id.clone()),
            ("ttdt-rules-sha256", info.rules_sha256.clone()),
            ("ttdt-as-of", info.as_of.to_string()),
            ("ttdt-agency-id", a.id.clone()),
            ("ttdt-agency-name", a.name.clone()),
            ("ttdt-agency-block", a.block.clone()),
            ("ttdt-agency-url", a.url.to_string()),
        ]);
        fields.extend(a.scope.iter().map(|s| ("ttdt-agency-scope", s.clone())));
        fields.extend(
            a.extra_hosts
                .iter()
                .map(|h| ("ttdt-agency-extra-host", h.clone())),
        );
        fields.push((
            "ttdt-body-storage",
            "transfer-decoded; received Content-Encoding, Transfer-Encoding and Content-Length \
             kept as X-Ttdt-Original-* headers"
                .to_string(),
        ));
        let block = warc_fields(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let headers = vec![
            ("WARC-Type", "warcinfo".to_string()),
            ("WARC-Record-ID", self.warcinfo_id.clone()),
            ("WARC-Date", warc_date(info.created)),
            ("WARC-Filename", self.filename.clone()),
            ("Content-Type", "application/warc-fields".to_string()),
            ("WARC-Block-Digest", warc_digest(&block)),
        ];
        let entry = IndexEntry {
            filename: self.filename.clone(),
            offset: 0,
            length: 0,
            record_id: self.warcinfo_id.clone(),
            warc_type: "warcinfo".into(),
            target_uri: None,
            date: info.created,
            mime: "application/warc-fields".into(),
            status: None,
            digest: warc_digest(&block),
        };
        self.write_member(&headers, &[&block], entry)
    }

    /// Archive one fetch: a `response` + `request` pair, or a `metadata` record for a failure.
    /// Each record is compressed as its own gzip member and flushed to the file before this
    /// returns. Returns the index entries of the records written (with their offsets).
    pub fn write_record(&mut self, rec: &FetchRecord) -> Result<Vec<IndexEntry>> {
        let first = self.entries.len();
        match &rec.outcome {
            FetchOutcome::Response(resp) => self.write_exchange(rec, resp)?,
            FetchOutcome::Failed { reason, detail } => self.write_failure(rec, *reason, detail)?,
        }
        self.fetch_records += 1;
        Ok(self.entries[first..].to_vec())
    }

    fn write_exchange(&mut self, rec: &FetchRecord, resp: &HttpResponse) -> Result<()> {
        let request_id = crate::crawl::new_record_id();
        let date = warc_date(rec.fetched_at);
        let url = clean(&rec.url);

        // Response: stored header block (consistent with the decoded body) + body.
        let http_head = response_head(resp);
        let payload_digest = warc_digest(&resp.body);
        let block_digest = {
            let mut h = Sha256::new();
            h.update(&http_head);
            h.update(&resp.body);
            warc_digest_of(h.finalize().as_slice())
        };
        let mut headers = vec![
            ("WARC-Type", "response".to_string()),
            ("WARC-Record-ID", clean(&rec.record_id)),
            ("WARC-Warcinfo-ID", self.warcinfo_id.clone()),
            ("WARC-Date", date.clone()),
            ("WARC-Target-URI", url.clone()),
            ("WARC-Concurrent-To", request_id.clone()),
            (
                "Content-Type",
                "application/http;msgtype=response".to_string(),
            ),
            ("WARC-Block-Digest", block_digest),
            ("WARC-Payload-Digest", payload_digest.clone()),
        ];
        if let Some(cut) = resp.truncated {
            headers.push(("WARC-Truncated", warc_truncated(cut).to_string()));
        }
        headers.extend(ttdt_headers(rec));
        headers.push(("WARC-Ttdt-Http-Version", clean(&resp.http_version)));
        if let Some(cut) = resp.truncated {
            headers.push(("WARC-Ttdt-Truncated", cut.code().to_string()));
        }
        if let Some(to) = &resp.redirect_to {
            headers.push(("WARC-Ttdt-Redirect-To", clean(to)));
        }
        let mime = resp
            .header("content-type")
            .map(media_type)
            .unwrap_or_else(|| "-".to_string());
        let entry = IndexEntry {
            filename: self.filename.clone(),
            offset: 0,
            length: 0,
            record_id: clean(&rec.record_id),
            warc_type: "response".into(),
            target_uri: Some(url.clone()),
            date: rec.fetched_at,
            mime,
            status: Some(resp.status),
            digest: payload_digest,
        };
        self.write_member(&headers, &[&http_head, &resp.body], entry)?;

        // Request, reconstructed from the headers as sent.
        let request = request_block(&rec.url, &rec.request_headers);
        let digest = warc_digest(&request);
        let headers = vec![
            ("WARC-Type", "request".to_string()),
            ("WARC-Record-ID", request_id.clone()),
            ("WARC-Warcinfo-ID", self.warcinfo_id.clone()),
            ("WARC-Date", date),
            ("WARC-Target-URI", url.clone()),
            ("WARC-Concurrent-To", clean(&rec.record_id)),
            (
                "Content-Type",
                "application/http;msgtype=request".to_string(),
            ),
            ("WARC-Block-Digest", digest.clone()),
        ];
        let entry = IndexEntry {
            filename: self.filename.clone(),
            offset: 0,
            length: 0,
            record_id: request_id,
            warc_type: "request".into(),
            target_uri: Some(url),
            date: rec.fetched_at,
            mime: "-".into(),
            status: None,
            digest,
        };
        self.write_member(&headers, &[&request], entry)
    }

    fn write_failure(&mut self, rec: &FetchRecord, reason: FailReason, detail: &str) -> Result<()> {
        let mut fields = vec![
            ("fetch-error".to_string(), reason.code().to_string()),
            ("detail".to_string(), detail.to_string()),
        ];
        fields.extend(
            rec.request_headers
                .iter()
                .map(|(k, v)| ("request-header".to_string(), format!("{k}: {v}"))),
        );
        let block = warc_fields(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let digest = warc_digest(&block);
        let url = clean(&rec.url);
        let mut headers = vec![
            ("WARC-Type", "metadata".to_string()),
            ("WARC-Record-ID", clean(&rec.record_id)),
            ("WARC-Warcinfo-ID", self.warcinfo_id.clone()),
            ("WARC-Date", warc_date(rec.fetched_at)),
            ("WARC-Target-URI", url.clone()),
            ("Content-Type", "application/warc-fields".to_string()),
            ("WARC-Block-Digest", digest.clone()),
            ("WARC-Ttdt-Metadata", "fetch-error".to_string()),
        ];
        headers.extend(ttdt_headers(rec));
        let entry = IndexEntry {
            filename: self.filename.clone(),
            offset: 0,
            length: 0,
            record_id: clean(&rec.record_id),
            warc_type: "metadata".into(),
            target_uri: Some(url),
            date: rec.fetched_at,
            mime: "application/warc-fields".into(),
            status: None,
            digest,
        };
        self.write_member(&headers, &[&block], entry)
    }

    /// Archive the URLs seen but not fetched (robots.txt, budgets, traps) as one `metadata`
    /// record about the agency's start URL. Writes nothing when `skipped` is empty.
    pub fn write_skipped(&mut self, skipped: &[SkippedUrl]) -> Result<Vec<IndexEntry>> {
        if skipped.is_empty() {
            return Ok(Vec::new());
        }
        let fields: Vec<(&str, &str)> = skipped
            .iter()
            .flat_map(|s| {
                [
                    ("skipped-url", s.url.as_str()),
                    ("skipped-reason", &s.reason),
                ]
            })
            .collect();
        let block = warc_fields(fields.into_iter());
        let digest = warc_digest(&block);
        let id = crate::crawl::new_record_id();
        let now = Utc::now();
        let headers = vec![
            ("WARC-Type", "metadata".to_string()),
            ("WARC-Record-ID", id.clone()),
            ("WARC-Warcinfo-ID", self.warcinfo_id.clone()),
            ("WARC-Date", warc_date(now)),
            ("WARC-Target-URI", clean(&self.start_url)),
            ("Content-Type", "application/warc-fields".to_string()),
            ("WARC-Block-Digest", digest.clone()),
            ("WARC-Ttdt-Metadata", "skipped-urls".to_string()),
        ];
        let entry = IndexEntry {
            filename: self.filename.clone(),
            offset: 0,
            length: 0,
            record_id: id,
            warc_type: "metadata".into(),
            target_uri: Some(clean(&self.start_url)),
            date: now,
            mime: "application/warc-fields".into(),
            status: None,
            digest,
        };
        self.write_member(&headers, &[&block], entry)?;
        Ok(self.entries[self.entries.len() - 1..].to_vec())
    }

    /// Flush and sync the file; returns what it holds.
    pub fn finish(mut self) -> Result<WarcSummary> {
        if self.broken {
            return Err(self.broken_error());
        }
        let path = self.path.clone();
        self.out.flush().map_err(|e| SnapshotError::io(&path, e))?;
        self.out
            .get_ref()
            .sync_all()
            .map_err(|e| SnapshotError::io(&path, e))?;
        Ok(WarcSummary {
            path: self.path,
            filename: self.filename,
            fetch_records: self.fetch_records,
            bytes: self.offset,
            entries: self.entries,
        })
    }

    fn broken_error(&self) -> SnapshotError {
        SnapshotError::io(
            &self.path,
            io::Error::other("an earlier write to this file failed; no more records accepted"),
        )
    }

    /// Write one record as one gzip member and flush it to the file.
    fn write_member(
        &mut self,
        headers: &[(&str, String)],
        block: &[&[u8]],
        mut entry: IndexEntry,
    ) -> Result<()> {
        if self.broken {
            return Err(self.broken_error());
        }
        let len: usize = block.iter().map(|b| b.len()).sum();
        let mut head = String::with_capacity(512);
        head.push_str("WARC/1.1\r\n");
        for (name, value) in headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str(&format!("Content-Length: {len}\r\n\r\n"));

        let result = (|| -> io::Result<u64> {
            let mut counting = Counting {
                inner: &mut self.out,
                written: 0,
            };
            let mut gz = GzEncoder::new(&mut counting, Compression::default());
            gz.write_all(head.as_bytes())?;
            for part in block {
                gz.write_all(part)?;
            }
            gz.write_all(b"\r\n\r\n")?;
            gz.finish()?;
            let written = counting.written;
            self.out.flush()?;
            Ok(written)
        })();
        match result {
            Ok(written) => {
                entry.offset = self.offset;
                entry.length = written;
                self.offset += written;
                self.entries.push(entry);
                Ok(())
            }
            Err(e) => {
                self.broken = true;
                Err(SnapshotError::io(&self.path, e))
            }
        }
    }
}

/// `WARC-Date` value: RFC 3339 UTC at second precision (the form every WARC reader accepts).
pub fn warc_date(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// CR and LF cannot appear in a header line; see the module docs.
fn clean(s: &str) -> String {
    if s.contains(['\r', '\n']) {
        s.replace(['\r', '\n'], " ")
    } else {
        s.to_string()
    }
}

/// Media type of a Content-Type value, lower case, without parameters (the CDXJ `mime`).
fn media_type(ct: &str) -> String {
    let m = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if m.is_empty() { "-".into() } else { clean(&m) }
}

fn warc_truncated(cut: FailReason) -> &'static str {
    match cut {
        FailReason::TooLarge => "length",
        FailReason::Timeout => "time",
        FailReason::Reset => "disconnect",
        _ => "unspecified",
    }
}

/// The `WARC-Ttdt-*` headers every fetch record carries.
fn ttdt_headers(rec: &FetchRecord) -> Vec<(&'static str, String)> {
    vec![
        (
            "WARC-Ttdt-Fetched-At",
            rec.fetched_at.to_rfc3339_opts(SecondsFormat::Nanos, true),
        ),
        (
            "WARC-Ttdt-Fetch-Kind",
            fetch_kind_code(rec.kind).to_string(),
        ),
        ("WARC-Ttdt-Depth", rec.depth.to_string()),
    ]
}

/// Escape a value for `application/warc-fields` (one line per field).
fn escape_field(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Undo [`escape_field`]. Unknown escapes are kept as they are.
pub(crate) fn unescape_field(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// An `application/warc-fields` block.
fn warc_fields<'a>(fields: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<u8> {
    let mut out = String::new();
    for (k, v) in fields {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(&escape_field(v));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The request as it went out: `GET <path> HTTP/1.1`, then the headers as sent.
fn request_block(url: &str, headers: &[(String, String)]) -> Vec<u8> {
    let target = match url::Url::parse(url) {
        Ok(u) => match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        },
        Err(_) => url.to_string(),
    };
    let mut out = format!("GET {} HTTP/1.1\r\n", clean(&target).replace(' ', "%20"));
    for (k, v) in headers {
        out.push_str(&format!("{}: {}\r\n", clean(k), clean(v)));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// The stored response header block: status line, received headers with framing headers
/// renamed, our own `Content-Length` last, blank line. See the module documentation.
fn response_head(resp: &HttpResponse) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        resp.status,
        reason_phrase(resp.status)
    );
    for (k, v) in &resp.headers {
        let lower = k.to_ascii_lowercase();
        let renamed = FRAMING_HEADERS.contains(&lower.as_str())
            || lower.starts_with(&ORIGINAL_PREFIX.to_ascii_lowercase());
        if renamed {
            out.push_str(ORIGINAL_PREFIX);
        }
        out.push_str(&format!("{}: {}\r\n", clean(k), clean(v)));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", resp.body.len()));
    out.into_bytes()
}

/// Standard reason phrase of a status code (the crawler keeps only the code).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_escaping_round_trips() {
        for s in ["plain", "a\\b", "line\r\nbreak", "\\n literally", "end\\"] {
            assert_eq!(unescape_field(&escape_field(s)), s);
        }
    }

    #[test]
    fn framing_headers_are_renamed_and_length_fixed() {
        let resp = HttpResponse {
            status: 200,
            http_version: "HTTP/2.0".into(),
            headers: vec![
                ("content-encoding".into(), "gzip".into()),
                ("Content-Length".into(), "10".into()),
                ("X-Ttdt-Original-Foo".into(), "bar".into()),
            ],
            body: b"hello world!".to_vec(),
            truncated: None,
            redirect_to: None,
        };
        let head = String::from_utf8(response_head(&resp)).unwrap();
        assert_eq!(
            head,
            "HTTP/1.1 200 OK\r\nX-Ttdt-Original-content-encoding: gzip\r\n\
             X-Ttdt-Original-Content-Length: 10\r\n\
             X-Ttdt-Original-X-Ttdt-Original-Foo: bar\r\nContent-Length: 12\r\n\r\n"
        );
    }

    #[test]
    fn request_line_uses_path_and_query() {
        let b = request_block(
            "https://a.gov.vn/tin-tuc?page=2",
            &[("User-Agent".into(), "ttdt".into())],
        );
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "GET /tin-tuc?page=2 HTTP/1.1\r\nUser-Agent: ttdt\r\n\r\n"
        );
    }
}
