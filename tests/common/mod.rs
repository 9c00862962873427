//! Test-server helpers for the crawl tests: a real axum server on 127.0.0.1:0 that logs every
//! request (arrival instant, path and query) and tracks how many requests it handles at once.
#![allow(dead_code)] // each test binary uses a different subset

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;

use ttdt::crawl::{CrawlConfig, CrawlResult, FetchKind, FetchOutcome, FetchRecord};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// When the handler was entered.
    pub at: Instant,
    /// Path and query (`/a?b=1`).
    pub path: String,
}

#[derive(Default)]
struct Shared {
    log: Mutex<Vec<Hit>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// A running test server.
pub struct TestServer {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl TestServer {
    /// Serve `router` on a fresh port, with request logging around it.
    pub async fn start(router: Router) -> TestServer {
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        let app = router.layer(middleware::from_fn(move |req: Request, next: Next| {
            let s = s.clone();
            async move {
                let path = req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default();
                let now = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                s.max_in_flight.fetch_max(now, Ordering::SeqCst);
                s.log.lock().unwrap().push(Hit {
                    at: Instant::now(),
                    path,
                });
                let resp = next.run(req).await;
                s.in_flight.fetch_sub(1, Ordering::SeqCst);
                resp
            }
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        TestServer { addr, shared }
    }

    /// `http://127.0.0.1:<port>`
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Absolute URL of a path on this server.
    pub fn url(&self, path: &str) -> url::Url {
        url::Url::parse(&format!("{}{}", self.base(), path)).unwrap()
    }

    /// Every request so far, in arrival order.
    pub fn hits(&self) -> Vec<Hit> {
        self.shared.log.lock().unwrap().clone()
    }

    /// Paths requested, in arrival order.
    pub fn paths(&self) -> Vec<String> {
        self.hits().into_iter().map(|h| h.path).collect()
    }

    /// Was this exact path (with query) requested?
    pub fn requested(&self, path: &str) -> bool {
        self.paths().iter().any(|p| p == path)
    }

    /// Most requests handled at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.shared.max_in_flight.load(Ordering::SeqCst)
    }

    /// Smallest gap between consecutive request arrivals (None with fewer than two).
    pub fn min_gap(&self) -> Option<Duration> {
        let hits = self.hits();
        hits.windows(2).map(|w| w[1].at - w[0].at).min()
    }
}

/// A closed port on 127.0.0.1 (bound, then released).
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// Small, fast settings for tests.
pub fn config() -> CrawlConfig {
    CrawlConfig {
        delay: Duration::from_millis(10),
        request_timeout: Duration::from_secs(10),
        connect_timeout: Duration::from_secs(5),
        max_pages: 100,
        ..CrawlConfig::default()
    }
}

/// A 200 text/html response.
pub fn html(body: impl Into<String>) -> Response {
    let mut r = Response::new(Body::from(body.into()));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

/// A response with a status and content type.
pub fn reply(status: u16, content_type: &str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = StatusCode::from_u16(status).unwrap();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).unwrap(),
    );
    r
}

/// A redirect to `to`.
pub fn redirect(status: u16, to: &str) -> Response {
    let mut r = reply(status, "text/html", "moved");
    r.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_str(to).unwrap());
    r
}

/// 404.
pub fn not_found() -> Response {
    reply(404, "text/html", "<html><body>Không tìm thấy</body></html>")
}

/// An HTML page with links in the header menu, the main part and the footer.
pub fn page(
    title: &str,
    nav: &[(String, String)],
    main: &[(String, String)],
    footer: &[(String, String)],
) -> String {
    let links = |v: &[(String, String)]| {
        v.iter()
            .map(|(h, t)| format!("<li><a href=\"{h}\">{t}</a></li>"))
            .collect::<String>()
    };
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><header><nav><ul>{}</ul></nav></header><main><h1>{title}</h1><ul>{}</ul></main>\
         <footer><ul>{}</ul><p>Cơ quan chủ quản</p></footer></body></html>",
        links(nav),
        links(main),
        links(footer)
    )
}

/// `(href, text)` pairs from `&str`s.
pub fn ls(v: &[&str]) -> Vec<(String, String)> {
    v.iter()
        .map(|h| (h.to_string(), format!("Liên kết {h}")))
        .collect()
}

/// Records of one kind.
pub fn of_kind(r: &CrawlResult, kind: FetchKind) -> Vec<&FetchRecord> {
    r.records.iter().filter(|x| x.kind == kind).collect()
}

/// Status of a record, if it got a response.
pub fn status(rec: &FetchRecord) -> Option<u16> {
    match &rec.outcome {
        FetchOutcome::Response(r) => Some(r.status),
        FetchOutcome::Failed { .. } => None,
    }
}

/// Skipped URLs with this reason.
pub fn skipped_with(r: &CrawlResult, reason: &str) -> Vec<String> {
    r.skipped
        .iter()
        .filter(|s| s.reason == reason)
        .map(|s| s.url.clone())
        .collect()
}

// ---- gzip without a compression crate: fixed-Huffman deflate, enough for tests ----

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc ^ 0xFFFF_FFFF
}

struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    /// Append `count` bits of `v`, least significant first (deflate's bit order).
    fn put(&mut self, v: u32, count: u32) {
        self.acc |= u64::from(v) << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push((self.acc & 0xFF) as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// Append a Huffman code (stored most significant bit first).
    fn code(&mut self, code: u32, len: u32) {
        let mut rev = 0;
        for i in 0..len {
            rev |= ((code >> i) & 1) << (len - 1 - i);
        }
        self.put(rev, len);
    }
    fn literal(&mut self, b: u8) {
        if b < 144 {
            self.code(0x30 + u32::from(b), 8);
        } else {
            self.code(0x190 + u32::from(b) - 144, 9);
        }
    }
}

/// gzip of `prefix` followed by `run` copies of `byte`: runs are coded as 258-byte matches, so
/// megabytes of output come from a few kilobytes (a small gzip bomb).
pub fn gzip(prefix: &[u8], byte: u8, run: usize) -> Vec<u8> {
    let mut b = Bits {
        out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff],
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    for &c in prefix {
        b.literal(c);
    }
    let mut left = run;
    if left > 0 {
        b.literal(byte);
        left -= 1;
    }
    while left >= 258 {
        b.code(0xC0 + 5, 8); // length symbol 285 = 258 bytes
        b.code(0, 5); // distance code 0 = 1 byte back
        left -= 258;
    }
    for _ in 0..left {
        b.literal(byte);
    }
    b.code(0, 7); // end of block
    if b.n > 0 {
        b.out.push((b.acc & 0xFF) as u8);
    }
    let mut data = prefix.to_vec();
    data.extend(std::iter::repeat_n(byte, run));
    let mut out = b.out;
    out.extend_from_slice(&crc32(&data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}
