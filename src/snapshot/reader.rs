//! Reads `.warc.gz` files back, member by member (one gzip member per record, as [`super::warc`]
//! writes them), or one record at an offset taken from the CDXJ index.
//!
//! [`read_site_file`] turns a file written by ttdt back into exactly the [`FetchRecord`]s that
//! were archived (record id, URL, time to the nanosecond, kind, depth, request headers, status,
//! received headers, body, truncation, redirect target, failures), so that scoring from the
//! archive equals scoring from the live crawl. The stored-header adjustments described in the
//! [module documentation](super) are undone.
//!
//! Files written by other tools are read on a best-effort basis: responses become `Page`
//! records at depth 0, and their bodies are taken as stored (a body that other tool kept
//! content-encoded is not decoded here).
//!
//! Nothing here panics on bad input: a truncated or corrupt gzip member, a broken WARC header
//! or an oversized record is an error naming the file and the member's offset, after which
//! iteration stops.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use flate2::bufread::GzDecoder;

use super::warc::{ORIGINAL_PREFIX, WarcInfo, unescape_field};
use super::{Result, SnapshotError, parse_fetch_kind};
use crate::config::Agency;
use crate::crawl::{FailReason, FetchOutcome, FetchRecord, HttpResponse, SkippedUrl};

/// Largest decompressed record accepted (guards against gzip bombs in untrusted files). Far
/// above the crawler's 10 MB body cap.
pub const MAX_RECORD_BYTES: u64 = 512 * 1024 * 1024;

/// One WARC record as stored.
#[derive(Debug, Clone)]
pub struct WarcRecord {
    /// Offset of its gzip member in the file.
    pub offset: u64,
    /// Length of its gzip member.
    pub length: u64,
    /// The WARC version line, e.g. `WARC/1.1`.
    pub version: String,
    /// WARC headers in order (`Content-Length` included).
    pub headers: Vec<(String, String)>,
    /// The record block (exactly `Content-Length` bytes).
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// First header value with this (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `WARC-Type` (empty when absent).
    pub fn warc_type(&self) -> &str {
        self.header("WARC-Type").unwrap_or("")
    }

    /// `WARC-Record-ID` (empty when absent).
    pub fn record_id(&self) -> &str {
        self.header("WARC-Record-ID").unwrap_or("")
    }

    /// For `application/http` records: where the HTTP payload starts in the block (just after
    /// the blank line ending the HTTP header block).
    pub fn http_payload_start(&self) -> Option<usize> {
        find(&self.block, b"\r\n\r\n").map(|i| i + 4)
    }
}

/// Iterates the records of a `.warc.gz` file, one gzip member each. After the first error it
/// yields nothing more: what follows a corrupt member cannot be located reliably.
pub struct WarcReader<R> {
    path: PathBuf,
    inner: R,
    done: bool,
}

impl WarcReader<BufReader<File>> {
    /// Open a file for reading from its start.
    pub fn open(path: &Path) -> Result<Self> {
        let file = File::open(path).map_err(|e| SnapshotError::io(path, e))?;
        Ok(WarcReader::new(
            path,
            BufReader::with_capacity(64 * 1024, file),
        ))
    }
}

impl<R: BufRead + Seek> WarcReader<R> {
    /// Read records from `inner` (positioned at a member start); `path` names it in errors.
    pub fn new(path: &Path, inner: R) -> Self {
        WarcReader {
            path: path.to_path_buf(),
            inner,
            done: false,
        }
    }

    fn read_member(&mut self) -> Result<Option<WarcRecord>> {
        let offset = self
            .inner
            .stream_position()
            .map_err(|e| SnapshotError::io(&self.path, e))?;
        let at_end = self
            .inner
            .fill_buf()
            .map_err(|e| SnapshotError::io(&self.path, e))?
            .is_empty();
        if at_end {
            return Ok(None);
        }
        let mut data = Vec::new();
        let read = {
            let decoder = GzDecoder::new(&mut self.inner);
            decoder.take(MAX_RECORD_BYTES + 1).read_to_end(&mut data)
        };
        if let Err(e) = read {
            return Err(SnapshotError::format(
                &self.path,
                Some(offset),
                format!("truncated or corrupt gzip member: {e}"),
            ));
        }
        if data.len() as u64 > MAX_RECORD_BYTES {
            return Err(SnapshotError::format(
                &self.path,
                Some(offset),
                format!("record larger than {MAX_RECORD_BYTES} bytes"),
            ));
        }
        let end = self
            .inner
            .stream_position()
            .map_err(|e| SnapshotError::io(&self.path, e))?;
        let record = parse_record(&data, offset, end - offset)
            .map_err(|d| SnapshotError::format(&self.path, Some(offset), d))?;
        Ok(Some(record))
    }
}

impl<R: BufRead + Seek> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_member() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parse header lines `Name: value` (one space after the colon is part of the syntax; any
/// further whitespace belongs to the value). Continuation lines are appended to the previous
/// value, as old HTTP allowed.
fn parse_header_lines(text: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in text.split("\r\n") {
        if line.is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match headers.last_mut() {
                Some((_, v)) => {
                    v.push(' ');
                    v.push_str(line.trim_start());
                }
                None => return Err(format!("header continuation without a header: {line:?}")),
            }
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("header line without a colon: {line:?}"));
        };
        let value = value.strip_prefix(' ').unwrap_or(value);
        headers.push((name.to_string(), value.to_string()));
    }
    Ok(headers)
}

/// Parse one decompressed gzip member holding one WARC record.
fn parse_record(data: &[u8], offset: u64, length: u64) -> std::result::Result<WarcRecord, String> {
    let head_end = find(data, b"\r\n\r\n").ok_or("no end of WARC header")?;
    let head = String::from_utf8_lossy(&data[..head_end]);
    let (version, rest) = head.split_once("\r\n").unwrap_or((&head, ""));
    if !version.starts_with("WARC/") {
        return Err(format!(
            "not a WARC record (starts {:?})",
            truncate(version)
        ));
    }
    let headers = parse_header_lines(rest)?;
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .ok_or("no Content-Length")?
        .1
        .trim()
        .parse()
        .map_err(|_| "bad Content-Length")?;
    let start = head_end + 4;
    let block = data
        .get(start..start.checked_add(len).ok_or("bad Content-Length")?)
        .ok_or_else(|| {
            format!(
                "block shorter than its Content-Length ({} of {len} bytes)",
                data.len() - start
            )
        })?;
    let tail = &data[start + len..];
    if tail != b"\r\n\r\n" {
        return Err(if tail.len() > 4 && tail.starts_with(b"\r\n\r\n") {
            "more than one record in a gzip member".to_string()
        } else {
            "record does not end with CRLF CRLF".to_string()
        });
    }
    Ok(WarcRecord {
        offset,
        length,
        version: version.to_string(),
        headers,
        block: block.to_vec(),
    })
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Read the record whose gzip member starts at `offset` (from the CDXJ index).
pub fn read_record_at(path: &Path, offset: u64) -> Result<WarcRecord> {
    let mut reader = WarcReader::open(path)?;
    reader
        .inner
        .seek(SeekFrom::Start(offset))
        .map_err(|e| SnapshotError::io(path, e))?;
    match reader.next() {
        Some(r) => r,
        None => Err(SnapshotError::format(
            path,
            Some(offset),
            "no record at this offset",
        )),
    }
}

/// Read the fetch whose response (or failure) record starts at `offset`: for a response, the
/// request record written right after it supplies the request headers.
pub fn read_fetch_record_at(path: &Path, offset: u64) -> Result<FetchRecord> {
    let mut reader = WarcReader::open(path)?;
    reader
        .inner
        .seek(SeekFrom::Start(offset))
        .map_err(|e| SnapshotError::io(path, e))?;
    let first = reader
        .next()
        .unwrap_or_else(|| Err(SnapshotError::format(path, Some(offset), "no record here")))?;
    let mut fetch = match fetch_from_record(&first) {
        Ok(Some(Partial::Fetch(f))) => f,
        Ok(_) => {
            return Err(SnapshotError::format(
                path,
                Some(offset),
                format!("a {} record is not a fetch", first.warc_type()),
            ));
        }
        Err(d) => return Err(SnapshotError::format(path, Some(offset), d)),
    };
    if first.warc_type() == "response"
        && let Some(Ok(next)) = reader.next()
        && next.warc_type() == "request"
        && next.header("WARC-Concurrent-To") == Some(first.record_id())
    {
        fetch.request_headers = request_headers(&next.block).unwrap_or_default();
    }
    Ok(fetch)
}

/// Everything one agency's WARC file holds.
#[derive(Debug, Clone)]
pub struct ArchivedSite {
    /// The `warcinfo` record read back (None for a file without a ttdt warcinfo).
    pub info: Option<WarcInfo>,
    /// The fetches, in the order they were archived.
    pub records: Vec<FetchRecord>,
    /// URLs skipped by the crawl.
    pub skipped: Vec<SkippedUrl>,
}

/// Read a whole `.warc.gz` file back into fetch records. Any damage is an error (use
/// [`WarcReader`] directly to salvage the records before a damaged member).
pub fn read_site_file(path: &Path) -> Result<ArchivedSite> {
    let mut site = ArchivedSite {
        info: None,
        records: Vec::new(),
        skipped: Vec::new(),
    };
    // Response id → position, and request headers waiting for a response (foreign order).
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut early_requests: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for rec in WarcReader::open(path)? {
        let rec = rec?;
        let fail = |d: String| SnapshotError::format(path, Some(rec.offset), d);
        match rec.warc_type() {
            "warcinfo" if site.info.is_none() => site.info = parse_warcinfo(&rec),
            "request" => {
                let headers = request_headers(&rec.block).map_err(fail)?;
                let target = rec.header("WARC-Concurrent-To").unwrap_or("");
                match by_id.get(target) {
                    Some(&i) => site.records[i].request_headers = headers,
                    None => {
                        early_requests.insert(rec.record_id().to_string(), headers);
                    }
                }
            }
            _ => match fetch_from_record(&rec).map_err(fail)? {
                Some(Partial::Fetch(mut f)) => {
                    if let Some(req) = rec
                        .header("WARC-Concurrent-To")
                        .and_then(|id| early_requests.remove(id))
                    {
                        f.request_headers = req;
                    }
                    by_id.insert(f.record_id.clone(), site.records.len());
                    site.records.push(f);
                }
                Some(Partial::Skipped(s)) => site.skipped.extend(s),
                None => {}
            },
        }
    }
    Ok(site)
}

enum Partial {
    Fetch(FetchRecord),
    Skipped(Vec<SkippedUrl>),
}

/// Parse `application/warc-fields` into (name, unescaped value) pairs.
fn parse_fields(block: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(block)
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| {
            let v = v.strip_prefix(' ').unwrap_or(v);
            (k.trim().to_string(), unescape_field(v))
        })
        .collect()
}

/// Read a ttdt `warcinfo` record back into the [`WarcInfo`] it was written from.
pub fn parse_warcinfo(rec: &WarcRecord) -> Option<WarcInfo> {
    let fields = parse_fields(&rec.block);
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let all = |k: &str| {
        fields
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let created = rec
        .header("WARC-Date")
        .and_then(|d| DateTime::parse_from_rfc3339(d).ok())?
        .with_timezone(&Utc);
    Some(WarcInfo {
        agency: Agency {
            id: get("ttdt-agency-id")?,
            name: get("ttdt-agency-name").unwrap_or_default(),
            block: get("ttdt-agency-block").unwrap_or_default(),
            url: url::Url::parse(&get("ttdt-agency-url")?).ok()?,
            scope: all("ttdt-agency-scope"),
            extra_hosts: all("ttdt-agency-extra-host"),
        },
        run_id: get("ttdt-run-id").unwrap_or_default(),
        rules_id: get("ttdt-rules-id").unwrap_or_default(),
        rules_sha256: get("ttdt-rules-sha256").unwrap_or_default(),
        as_of: get("ttdt-as-of")?.parse::<NaiveDate>().ok()?,
        user_agent: get("http-header-user-agent").unwrap_or_default(),
        operator: get("operator"),
        insecure: get("ttdt-insecure-tls").is_some_and(|v| v == "true"),
        created,
    })
}

/// Headers of a stored request block (`GET … HTTP/1.1` + headers).
fn request_headers(block: &[u8]) -> std::result::Result<Vec<(String, String)>, String> {
    let end = find(block, b"\r\n\r\n").ok_or("request without end of headers")?;
    let text = String::from_utf8_lossy(&block[..end]);
    let (_request_line, rest) = text.split_once("\r\n").unwrap_or((&text, ""));
    parse_header_lines(rest)
}

fn fetched_at(rec: &WarcRecord) -> std::result::Result<DateTime<Utc>, String> {
    let exact = rec.header("WARC-Ttdt-Fetched-At");
    let value = exact
        .or_else(|| rec.header("WARC-Date"))
        .ok_or("no WARC-Date")?;
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("bad date {value:?}: {e}"))
}

/// Turn a `response` or `metadata` record into a fetch (request headers not yet filled in).
fn fetch_from_record(rec: &WarcRecord) -> std::result::Result<Option<Partial>, String> {
    let ours = rec.header("WARC-Ttdt-Fetch-Kind").is_some();
    let base = |outcome: FetchOutcome| -> std::result::Result<FetchRecord, String> {
        Ok(FetchRecord {
            record_id: rec.record_id().to_string(),
            url: rec.header("WARC-Target-URI").unwrap_or("").to_string(),
            fetched_at: fetched_at(rec)?,
            kind: parse_fetch_kind(rec.header("WARC-Ttdt-Fetch-Kind").unwrap_or("page")),
            depth: rec
                .header("WARC-Ttdt-Depth")
                .and_then(|d| d.trim().parse().ok())
                .unwrap_or(0),
            request_headers: Vec::new(),
            outcome,
            reading: None,
        })
    };
    match (rec.warc_type(), rec.header("WARC-Ttdt-Metadata")) {
        ("response", _) => {
            let resp = parse_response(rec, ours)?;
            Ok(Some(Partial::Fetch(base(FetchOutcome::Response(resp))?)))
        }
        ("metadata", Some("fetch-error")) => {
            let fields = parse_fields(&rec.block);
            let mut reason = FailReason::Other;
            let mut detail = String::new();
            let mut request = Vec::new();
            for (k, v) in fields {
                match k.as_str() {
                    "fetch-error" => reason = FailReason::from_code(&v),
                    "detail" => detail = v,
                    "request-header" => {
                        let (n, val) = v.split_once(": ").unwrap_or((&v, ""));
                        request.push((n.to_string(), val.to_string()));
                    }
                    _ => {}
                }
            }
            let mut f = base(FetchOutcome::Failed { reason, detail })?;
            f.request_headers = request;
            Ok(Some(Partial::Fetch(f)))
        }
        ("metadata", Some("skipped-urls")) => {
            let mut out = Vec::new();
            for (k, v) in parse_fields(&rec.block) {
                match k.as_str() {
                    "skipped-url" => out.push(SkippedUrl {
                        url: v,
                        reason: String::new(),
                    }),
                    "skipped-reason" => {
                        if let Some(last) = out.last_mut() {
                            last.reason = v;
                        }
                    }
                    _ => {}
                }
            }
            Ok(Some(Partial::Skipped(out)))
        }
        _ => Ok(None),
    }
}

/// Parse a stored `application/http;msgtype=response` block, undoing ttdt's header adjustments.
fn parse_response(rec: &WarcRecord, ours: bool) -> std::result::Result<HttpResponse, String> {
    let start = rec
        .http_payload_start()
        .ok_or("HTTP response without end of headers")?;
    let head = String::from_utf8_lossy(&rec.block[..start - 4]);
    let (status_line, rest) = head.split_once("\r\n").unwrap_or((&head, ""));
    let mut parts = status_line.split(' ');
    let protocol = parts.next().unwrap_or("");
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {:?}", truncate(status_line)))?;
    let mut headers = parse_header_lines(rest)?;
    let body = rec.block[start..].to_vec();
    if ours {
        // Our own Content-Length is always last; the received framing headers were renamed.
        if headers
            .last()
            .is_some_and(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        {
            headers.pop();
        }
        for (k, _) in headers.iter_mut() {
            if let Some(orig) = k.strip_prefix(ORIGINAL_PREFIX) {
                *k = orig.to_string();
            }
        }
    }
    let truncated = match rec.header("WARC-Ttdt-Truncated") {
        Some(code) => Some(FailReason::from_code(code)),
        None => rec.header("WARC-Truncated").map(|t| match t {
            "length" => FailReason::TooLarge,
            "time" => FailReason::Timeout,
            "disconnect" => FailReason::Reset,
            _ => FailReason::Other,
        }),
    };
    let redirect_to = if ours {
        rec.header("WARC-Ttdt-Redirect-To").map(str::to_string)
    } else if (300..400).contains(&status) {
        // Foreign archive: resolve Location against the target URI, as the crawler would.
        let location = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("location"))
            .map(|(_, v)| v.as_str());
        let base = rec.header("WARC-Target-URI").unwrap_or("");
        location.and_then(|l| {
            url::Url::parse(base)
                .and_then(|b| b.join(l))
                .ok()
                .map(|u| u.to_string())
        })
    } else {
        None
    };
    Ok(HttpResponse {
        status,
        http_version: rec
            .header("WARC-Ttdt-Http-Version")
            .unwrap_or(protocol)
            .to_string(),
        headers,
        body,
        truncated,
        redirect_to,
    })
}
