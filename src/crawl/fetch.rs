//! One HTTP exchange → one [`FetchRecord`]: no redirect following (each hop is its own record),
//! body streamed and capped after decompression, failures mapped to stable [`FailReason`]s.

use std::error::Error as _;

use chrono::Utc;

use super::politeness::HostPermit;
use super::{CrawlConfig, FailReason, FetchKind, FetchOutcome, FetchRecord, HttpResponse};

/// What we ask for; sent explicitly so the record holds the headers exactly as sent.
const ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
/// Vietnamese first: some portals serve an English version by negotiation.
const ACCEPT_LANGUAGE: &str = "vi,en;q=0.5";
/// The encodings the client decompresses (reqwest features gzip, brotli, deflate).
const ACCEPT_ENCODING: &str = "gzip, br, deflate";

/// The HTTP client: rustls, redirects off (we follow them by hand), timeouts from the config.
pub(crate) fn build_client(cfg: &CrawlConfig) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(cfg.connect_timeout)
        .timeout(cfg.request_timeout)
        .user_agent(cfg.user_agent.clone())
        .tls_danger_accept_invalid_certs(cfg.insecure)
        .build()?;
    Ok(client)
}

/// The headers we send, in order (`Host` included: hyper adds it from the URL).
fn request_headers(url: &url::Url, cfg: &CrawlConfig) -> Vec<(String, String)> {
    let mut h = Vec::with_capacity(5);
    if let Some(host) = url.host_str() {
        let host = match url.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        };
        h.push(("Host".to_string(), host));
    }
    h.push(("User-Agent".to_string(), cfg.user_agent.clone()));
    h.push(("Accept".to_string(), ACCEPT.to_string()));
    h.push(("Accept-Language".to_string(), ACCEPT_LANGUAGE.to_string()));
    h.push(("Accept-Encoding".to_string(), ACCEPT_ENCODING.to_string()));
    h
}

/// Send one GET and read the (capped) body. The caller holds the host permit; it is marked
/// answered as soon as headers (or a failure) arrive.
pub(crate) async fn exchange(
    client: &reqwest::Client,
    url: &url::Url,
    kind: FetchKind,
    depth: u32,
    cfg: &CrawlConfig,
    permit: &mut HostPermit,
) -> FetchRecord {
    let headers = request_headers(url, cfg);
    let fetched_at = Utc::now();
    let mut req = client.get(url.as_str());
    for (k, v) in &headers {
        // Host and User-Agent are set by the client itself; setting Host by hand could clash.
        if k != "Host" && k != "User-Agent" {
            req = req.header(k.as_str(), v.as_str());
        }
    }
    let outcome = match req.send().await {
        Err(e) => {
            permit.mark_answered();
            let (reason, mut detail) = classify_error(&e, cfg);
            if reason == FailReason::Tls {
                // Say which certificate was refused: issuer, validity, self-signed.
                if let Some(cert) = super::certs::peek(url, cfg.connect_timeout).await {
                    detail = format!("{detail}; {}", cert.describe(Utc::now()));
                }
            }
            FetchOutcome::Failed { reason, detail }
        }
        Ok(mut resp) => {
            permit.mark_answered();
            let status = resp.status().as_u16();
            let http_version = format!("{:?}", resp.version());
            let resp_headers: Vec<(String, String)> = resp
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let redirect_to = if (300..400).contains(&status) {
                resp.headers()
                    .get(reqwest::header::LOCATION)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
                    .and_then(|loc| url.join(&loc).ok())
                    .map(|u| u.to_string())
            } else {
                None
            };
            let (body, truncated) = read_body(&mut resp, cfg).await;
            FetchOutcome::Response(HttpResponse {
                status,
                http_version,
                headers: resp_headers,
                body,
                truncated,
                redirect_to,
            })
        }
    };
    FetchRecord {
        record_id: super::new_record_id(),
        url: url.to_string(),
        fetched_at,
        kind,
        depth,
        request_headers: headers,
        outcome,
        reading: None,
    }
}

/// Stream the body, counting decompressed bytes against the cap (this also defuses gzip bombs).
/// On the cap or a mid-body failure the prefix read so far is kept.
async fn read_body(
    resp: &mut reqwest::Response,
    cfg: &CrawlConfig,
) -> (Vec<u8>, Option<FailReason>) {
    let cap = cfg.max_body_bytes;
    // Content-Length is only a hint (and describes the compressed size): bound the allocation.
    let hint = resp
        .content_length()
        .map_or(16 * 1024, |n| usize::try_from(n).unwrap_or(usize::MAX))
        .min(cap)
        .min(1024 * 1024);
    let mut body = Vec::with_capacity(hint);
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                let room = cap.saturating_sub(body.len());
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    return (body, Some(FailReason::TooLarge));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return (body, None),
            Err(e) => {
                let (reason, _) = classify_error(&e, cfg);
                let reason = match reason {
                    FailReason::Timeout => FailReason::Timeout,
                    FailReason::Other if e.is_decode() => FailReason::Other,
                    _ => FailReason::Reset,
                };
                return (body, Some(reason));
            }
        }
    }
}

/// The sources of an error as one line. The top-level message is left out because it quotes
/// the URL, whose words ("dns", "ssl", "reset"…) must not sway the classification.
fn sources_text(e: &reqwest::Error) -> String {
    let mut s = String::new();
    let mut src = e.source();
    while let Some(inner) = src {
        if !s.is_empty() {
            s.push_str(": ");
        }
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

/// Map a reqwest error to a stable reason and a human detail.
pub(crate) fn classify_error(e: &reqwest::Error, cfg: &CrawlConfig) -> (FailReason, String) {
    let sources = sources_text(e);
    let low = sources.to_ascii_lowercase();
    let text = if sources.is_empty() {
        e.to_string()
    } else {
        format!("{e}: {sources}")
    };
    let reason = if e.is_timeout() || low.contains("timed out") {
        FailReason::Timeout
    } else if e.is_dns()
        || low.contains("dns")
        || low.contains("failed to lookup")
        || low.contains("name or service not known")
        || low.contains("no address associated")
    {
        FailReason::Dns
    } else if low.contains("certificate")
        || low.contains("tls")
        || low.contains("handshake")
        || low.contains("ssl")
        || low.contains("invalidcert")
    {
        FailReason::Tls
    } else if low.contains("reset")
        || low.contains("broken pipe")
        || low.contains("connection closed")
        || low.contains("incomplete message")
        || low.contains("unexpected eof")
    {
        FailReason::Reset
    } else if e.is_connect() || low.contains("refused") || low.contains("unreachable") {
        FailReason::Connect
    } else {
        FailReason::Other
    };
    let detail = match reason {
        FailReason::Timeout => format!(
            "no response in {} s ({text})",
            cfg.request_timeout.as_secs_f64()
        ),
        _ => text,
    };
    (reason, detail)
}

/// Is this response an HTML page whose links we should read? Content-Type `text/html` or
/// `application/xhtml+xml`; or no Content-Type, or one that says only "some bytes"
/// (`application/octet-stream`, a common misconfiguration), and a body that starts like HTML.
pub fn is_html(resp: &HttpResponse) -> bool {
    match resp.header("content-type") {
        Some(ct) => {
            let ct = ct.trim().to_ascii_lowercase();
            ct.starts_with("text/html")
                || ct.starts_with("application/xhtml+xml")
                || (is_unknown_type(&ct) && looks_like_html(&resp.body))
        }
        None => looks_like_html(&resp.body),
    }
}

/// Content types that name no type at all.
fn is_unknown_type(ct: &str) -> bool {
    ct.is_empty()
        || ct.starts_with("application/octet-stream")
        || ct.starts_with("binary/octet-stream")
        || ct.starts_with("application/unknown")
}

/// Is this response an RSS/Atom feed (a feed linked as an ordinary `<a href>`)?
pub(crate) fn is_feed(resp: &HttpResponse) -> bool {
    let ct = resp
        .header("content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    if ct.contains("rss") || ct.contains("atom") {
        return true;
    }
    if !(ct.is_empty() || ct.contains("xml")) {
        return false;
    }
    let head = &resp.body[..resp.body.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:RDF")
}

/// Sniff the first bytes (after a BOM and whitespace) for an HTML start.
fn looks_like_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head: Vec<u8> = body[start..]
        .iter()
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<!--",
        b"<meta",
        b"<title",
    ]
    .iter()
    .any(|p| head.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(ct: Option<&str>, body: &[u8]) -> HttpResponse {
        HttpResponse {
            status: 200,
            http_version: "HTTP/1.1".into(),
            headers: ct
                .map(|c| vec![("content-type".to_string(), c.to_string())])
                .unwrap_or_default(),
            body: body.to_vec(),
            truncated: None,
            redirect_to: None,
        }
    }

    #[test]
    fn html_detection() {
        assert!(is_html(&resp(Some("text/html; charset=utf-8"), b"")));
        assert!(is_html(&resp(Some("Application/XHTML+xml"), b"")));
        assert!(!is_html(&resp(Some("application/pdf"), b"<html>")));
        assert!(is_html(&resp(None, b"\xEF\xBB\xBF  <!DOCTYPE HTML><html>")));
        assert!(is_html(&resp(None, b"<html lang=vi>")));
        assert!(!is_html(&resp(None, b"%PDF-1.4")));
        assert!(!is_html(&resp(None, b"")));
        assert!(is_html(&resp(
            Some("application/octet-stream"),
            b"<!DOCTYPE html><html>"
        )));
        assert!(!is_html(&resp(
            Some("application/octet-stream"),
            b"%PDF-1.4"
        )));
    }

    #[test]
    fn feed_detection() {
        assert!(is_feed(&resp(Some("application/rss+xml"), b"")));
        assert!(is_feed(&resp(
            Some("text/xml; charset=utf-8"),
            b"<?xml version=\"1.0\"?><rss>"
        )));
        assert!(is_feed(&resp(
            None,
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        )));
        assert!(!is_feed(&resp(Some("text/xml"), b"<urlset>")));
        assert!(!is_feed(&resp(Some("application/pdf"), b"<rss")));
    }
}
