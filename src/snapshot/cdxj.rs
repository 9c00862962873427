//! The CDXJ index of a run (`index.cdxj`): one line per WARC record of every agency's file,
//!
//! ```text
//! <SURT> <YYYYMMDDhhmmss> {"url": …, "mime": …, "status": …, "digest": …, "length": …, "offset": …, "filename": …, "record_id": …, "type": …}
//! ```
//!
//! sorted bytewise, as pywb and other CDXJ readers expect for binary search. As in pywb's own
//! indexes, `status`, `length` and `offset` are strings; `length` and `offset` are those of the
//! record's gzip member in `filename`, so a reader can seek to it directly. `status` is present
//! for responses only. `digest` is the payload digest of a response, else the block digest.
//! Every record is indexed (including `warcinfo` and `request`), which lets `verify` prove that
//! no record was removed, added or moved. Records without a target URI (`warcinfo`) are keyed by
//! their record id (`urn:uuid:…`).

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::{Result, SnapshotError};

/// One indexed WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// WARC file name (no folder).
    pub filename: String,
    /// Offset of the record's gzip member in the file.
    pub offset: u64,
    /// Length of the gzip member.
    pub length: u64,
    /// `WARC-Record-ID`, angle brackets included.
    pub record_id: String,
    /// `WARC-Type`.
    pub warc_type: String,
    /// `WARC-Target-URI`, when the record has one.
    pub target_uri: Option<String>,
    /// When the exchange happened (the index keeps whole seconds).
    pub date: DateTime<Utc>,
    /// Media type of the response (`-` when unknown), or the record's own content type.
    pub mime: String,
    /// HTTP status (responses only).
    pub status: Option<u16>,
    /// Payload digest (responses) or block digest (others), `sha256:<base32>`.
    pub digest: String,
}

/// The SURT (Sort-friendly URI Reordering Transform) of a URL as pywb computes it by default:
/// scheme dropped, host lower-cased with a leading `www.` removed and its labels reversed and
/// comma-joined, a non-default port kept, `)` then the path, query arguments sorted, all lower
/// case. `https://www.SoTTTT.sonla.gov.vn/Tin?b=2&a=1` → `vn,gov,sonla,sotttt)/tin?a=1&b=2`.
/// A string that is not an http(s) URL is returned lower-cased.
pub fn surt(url: &str) -> String {
    let Ok(u) = url::Url::parse(url) else {
        return url.to_ascii_lowercase();
    };
    if !matches!(u.scheme(), "http" | "https") {
        return url.to_ascii_lowercase();
    }
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut key: String = if host.starts_with('[') {
        host.to_string()
    } else {
        host.split('.').rev().collect::<Vec<_>>().join(",")
    };
    if let Some(port) = u.port() {
        key.push_str(&format!(":{port}"));
    }
    key.push(')');
    key.push_str(&u.path().to_ascii_lowercase());
    if let Some(q) = u.query() {
        let mut args: Vec<&str> = q.split('&').collect();
        args.sort_unstable();
        key.push('?');
        key.push_str(&args.join("&").to_ascii_lowercase());
    }
    key
}

impl IndexEntry {
    /// The index key: the SURT of the target URI, or the bare record id for records without one.
    pub fn key(&self) -> String {
        match &self.target_uri {
            Some(u) => surt(u),
            None => self
                .record_id
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string(),
        }
    }

    /// The CDXJ line (without newline).
    pub fn to_line(&self) -> String {
        let mut obj = Map::new();
        if let Some(u) = &self.target_uri {
            obj.insert("url".into(), json!(u));
        }
        obj.insert("mime".into(), json!(self.mime));
        if let Some(s) = self.status {
            obj.insert("status".into(), json!(s.to_string()));
        }
        obj.insert("digest".into(), json!(self.digest));
        obj.insert("length".into(), json!(self.length.to_string()));
        obj.insert("offset".into(), json!(self.offset.to_string()));
        obj.insert("filename".into(), json!(self.filename));
        obj.insert("record_id".into(), json!(self.record_id));
        obj.insert("type".into(), json!(self.warc_type));
        format!(
            "{} {} {}",
            self.key(),
            self.date.format("%Y%m%d%H%M%S"),
            Value::Object(obj)
        )
    }

    /// Parse a line written by [`IndexEntry::to_line`]. `None` when it is not one.
    pub fn parse_line(line: &str) -> Option<IndexEntry> {
        let mut parts = line.splitn(3, ' ');
        let key = parts.next()?;
        let ts = parts.next()?;
        let obj: Map<String, Value> = serde_json::from_str(parts.next()?).ok()?;
        let text = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
        let number = |k: &str| -> Option<u64> {
            match obj.get(k)? {
                Value::String(s) => s.parse().ok(),
                v => v.as_u64(),
            }
        };
        let date = chrono::NaiveDateTime::parse_from_str(ts, "%Y%m%d%H%M%S")
            .ok()?
            .and_utc();
        let entry = IndexEntry {
            filename: text("filename")?,
            offset: number("offset")?,
            length: number("length")?,
            record_id: text("record_id")?,
            warc_type: text("type").unwrap_or_default(),
            target_uri: text("url"),
            date,
            mime: text("mime").unwrap_or_else(|| "-".into()),
            status: number("status").and_then(|s| u16::try_from(s).ok()),
            digest: text("digest").unwrap_or_default(),
        };
        (entry.key() == key).then_some(entry)
    }
}

/// The sorted CDXJ text of `entries` (one line each, newline-terminated).
pub fn render(entries: &[IndexEntry]) -> String {
    let mut lines: Vec<String> = entries.iter().map(IndexEntry::to_line).collect();
    lines.sort_unstable();
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Write `entries` as a sorted CDXJ file.
pub fn write_index(path: &Path, entries: &[IndexEntry]) -> Result<()> {
    std::fs::write(path, render(entries)).map_err(|e| SnapshotError::io(path, e))
}

/// A CDXJ file read back.
#[derive(Debug, Clone, Default)]
pub struct IndexFile {
    /// The lines that parsed, in file order.
    pub entries: Vec<IndexEntry>,
    /// Lines that did not parse: 1-based line number and the line's start.
    pub bad_lines: Vec<(usize, String)>,
}

/// Read a CDXJ file written by [`write_index`]. Lines that do not parse are reported (not
/// skipped silently), since a damaged index is evidence of a problem.
pub fn read_index(path: &Path) -> Result<IndexFile> {
    let text = std::fs::read(path).map_err(|e| SnapshotError::io(path, e))?;
    let text = String::from_utf8_lossy(&text);
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        match IndexEntry::parse_line(line) {
            Some(e) => entries.push(e),
            None => bad.push((i + 1, line.chars().take(120).collect())),
        }
    }
    Ok(IndexFile {
        entries,
        bad_lines: bad,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surt_like_pywb() {
        assert_eq!(
            surt("https://www.SoTTTT.sonla.gov.vn/Tin?b=2&a=1"),
            "vn,gov,sonla,sotttt)/tin?a=1&b=2"
        );
        assert_eq!(surt("http://127.0.0.1:8080/"), "1,0,0,127:8080)/");
        assert_eq!(surt("http://example.com"), "com,example)/");
    }

    #[test]
    fn line_round_trips() {
        let e = IndexEntry {
            filename: "a.warc.gz".into(),
            offset: 1234,
            length: 99,
            record_id: "<urn:uuid:1>".into(),
            warc_type: "response".into(),
            target_uri: Some("https://a.gov.vn/x y".into()),
            date: "2022-08-27T01:30:00Z".parse().unwrap(),
            mime: "text/html".into(),
            status: Some(200),
            digest: "sha256:AAAA".into(),
        };
        let line = e.to_line();
        assert!(line.starts_with("vn,gov,a)/x%20y 20220827013000 {"));
        assert_eq!(IndexEntry::parse_line(&line), Some(e));
    }
}
