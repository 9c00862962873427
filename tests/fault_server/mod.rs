//! A fault-injection web site on 127.0.0.1 for the robustness tests: one agency site whose home
//! page links to every kind of trouble a real agency site shows (tarpits, resets, 5xx, 429,
//! firewall pages, redirect loops and chains, refresh and script redirects, endless calendars,
//! query permutations, session ids, soft 404s, huge pages, gzip bombs, wrong or legacy
//! encodings, broken HTML, robots.txt rules), plus separate servers for what needs its own
//! host: a raw TCP server that resets connections mid-body, TLS servers with a self-signed or
//! an expired certificate, and a robots.txt that never answers.
//!
//! Every request is logged with its arrival instant and the peer address (the client's
//! connection), and the number of requests handled at once is tracked, so politeness is proven
//! from what the server saw, not from the crawler's own account.
#![allow(dead_code)] // each test uses a different part

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One request as a fault server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// When the request reached the handler.
    pub at: Instant,
    /// Path and query.
    pub path: String,
    /// The client's address: one per TCP connection.
    pub peer: SocketAddr,
}

/// Request log and in-flight counter shared by a server and its handlers.
#[derive(Default)]
pub struct Log {
    hits: Mutex<Vec<Hit>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Log {
    /// Paths requested, in arrival order.
    pub fn paths(&self) -> Vec<String> {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .map(|h| h.path.clone())
            .collect()
    }

    fn record(&self, path: String, peer: SocketAddr) {
        self.hits.lock().unwrap().push(Hit {
            at: Instant::now(),
            path,
            peer,
        });
    }
}

/// A running fault server (HTTP, or HTTPS when started with a certificate).
pub struct FaultServer {
    pub addr: SocketAddr,
    scheme: &'static str,
    log: Arc<Log>,
}

impl FaultServer {
    /// Serve `router` on a fresh port with request logging.
    pub async fn start(router: Router) -> FaultServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Log::default());
        let app = with_log(router, log.clone());
        tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        FaultServer {
            addr,
            scheme: "http",
            log,
        }
    }

    /// Serve `router` over TLS with this certificate (PEM) and key.
    pub async fn start_tls(router: Router, cert: &TestCert) -> FaultServer {
        use rustls::pki_types::pem::PemObject;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Log::default());
        let chain = vec![
            rustls::pki_types::CertificateDer::from_pem_slice(cert.cert_pem.as_bytes()).unwrap(),
        ];
        let key =
            rustls::pki_types::PrivateKeyDer::from_pem_slice(cert.key_pem.as_bytes()).unwrap();
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::aws_lc_rs::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let app = with_log(router, log.clone());
        let tls = TlsListener {
            tcp: listener,
            acceptor,
        };
        tokio::spawn(async move {
            let _ = axum::serve(tls, app).await;
        });
        FaultServer {
            addr,
            scheme: "https",
            log,
        }
    }

    /// `http://127.0.0.1:<port>` (or https).
    pub fn base(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }

    /// Absolute URL of a path.
    pub fn url(&self, path: &str) -> url::Url {
        url::Url::parse(&format!("{}{}", self.base(), path)).unwrap()
    }

    /// Every request so far, in arrival order.
    pub fn hits(&self) -> Vec<Hit> {
        self.log.hits.lock().unwrap().clone()
    }

    /// Paths requested, in arrival order.
    pub fn paths(&self) -> Vec<String> {
        self.hits().into_iter().map(|h| h.path).collect()
    }

    /// Requests of this exact path (with query).
    pub fn count(&self, path: &str) -> usize {
        self.paths().iter().filter(|p| *p == path).count()
    }

    /// Requests whose path starts with this prefix.
    pub fn count_prefix(&self, prefix: &str) -> usize {
        self.paths()
            .iter()
            .filter(|p| p.starts_with(prefix))
            .count()
    }

    /// Most requests handled at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.log.max_in_flight.load(Ordering::SeqCst)
    }

    /// Smallest gap between consecutive request arrivals (None with fewer than two).
    pub fn min_gap(&self) -> Option<Duration> {
        let hits = self.hits();
        hits.windows(2).map(|w| w[1].at - w[0].at).min()
    }

    /// Distinct client connections seen.
    pub fn connections(&self) -> usize {
        let mut peers: Vec<SocketAddr> = self.hits().iter().map(|h| h.peer).collect();
        peers.sort();
        peers.dedup();
        peers.len()
    }
}

/// TCP + TLS handshake as an axum listener. Handshakes run one at a time (enough for tests); a
/// client that refuses the certificate just ends its handshake and the next one is accepted.
struct TlsListener {
    tcp: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((tcp, peer)) = self.tcp.accept().await else {
                continue;
            };
            let handshake =
                tokio::time::timeout(Duration::from_secs(5), self.acceptor.accept(tcp)).await;
            if let Ok(Ok(tls)) = handshake {
                return (tls, peer);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

/// Wrap a router with the request log.
fn with_log(router: Router, log: Arc<Log>) -> Router {
    router.layer(middleware::from_fn(move |req: Request, next: Next| {
        let log = log.clone();
        async move {
            let path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            let peer = req
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0)
                .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
            let now = log.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            log.max_in_flight.fetch_max(now, Ordering::SeqCst);
            log.record(path, peer);
            let resp = next.run(req).await;
            log.in_flight.fetch_sub(1, Ordering::SeqCst);
            resp
        }
    }))
}

// ---------------------------------------------------------------------------------------------
// Responses

/// A response with a status, content type and body.
pub fn reply(status: u16, content_type: &str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = StatusCode::from_u16(status).unwrap();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).unwrap(),
    );
    r
}

/// 200 text/html UTF-8.
pub fn html(body: impl Into<String>) -> Response {
    reply(200, "text/html; charset=utf-8", body.into())
}

/// A redirect.
pub fn redirect(status: u16, to: &str) -> Response {
    let mut r = reply(status, "text/html", "moved");
    r.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_str(to).unwrap());
    r
}

/// A page with a menu and body links (`(href, text)`) and some main text.
pub fn page(title: &str, nav: &[(&str, &str)], body: &[(&str, &str)], text: &str) -> String {
    let links = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(h, t)| format!("<li><a href=\"{h}\">{t}</a></li>"))
            .collect::<String>()
    };
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><header><nav><ul>{}</ul></nav></header><main><h1>{title}</h1><p>{text}</p><ul>{}</ul></main>\
         <footer><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh</p></footer></body></html>",
        links(nav),
        links(body)
    )
}

/// A body that sends `prefix`, then one byte every `every`, forever: a tarpit.
pub fn trickle(prefix: &'static str, every: Duration) -> Body {
    let stream = futures::stream::unfold(0u64, move |n| async move {
        if n > 0 {
            tokio::time::sleep(every).await;
        }
        let chunk: axum::body::Bytes = if n == 0 {
            axum::body::Bytes::from_static(prefix.as_bytes())
        } else {
            axum::body::Bytes::from_static(b" ")
        };
        Some((Ok::<_, std::io::Error>(chunk), n + 1))
    });
    Body::from_stream(stream)
}

/// A body of `total` bytes (an HTML start, then filler) streamed in 64 KB chunks, never held in
/// memory whole: the 50 MB page.
pub fn huge(total: usize) -> Body {
    const CHUNK: usize = 64 * 1024;
    let head = b"<html><body><p>Trang rat lon</p>".to_vec();
    let stream = futures::stream::unfold(0usize, move |sent| {
        let head = head.clone();
        async move {
            if sent >= total {
                return None;
            }
            let mut chunk = if sent == 0 { head } else { Vec::new() };
            let n = CHUNK.min(total - sent).saturating_sub(chunk.len());
            chunk.extend(std::iter::repeat_n(b'x', n));
            let len = chunk.len();
            Some((
                Ok::<_, std::io::Error>(axum::body::Bytes::from(chunk)),
                sent + len,
            ))
        }
    });
    Body::from_stream(stream)
}

/// Bytes decompressed by the gzip bomb: 1 GiB.
pub const BOMB_BYTES: u64 = 1 << 30;

/// A gzip stream of an HTML start and then 1 GiB of spaces: about a megabyte on the wire.
/// Built once per test binary (a second or two of compression).
pub fn gzip_bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"<html><body><p>bom nen</p>").unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..(BOMB_BYTES >> 20) {
            enc.write_all(&block).unwrap();
        }
        enc.finish().unwrap()
    })
}

// ---------------------------------------------------------------------------------------------
// Legacy encodings (bytes made with Python's cp1258 codec and glibc iconv TCVN5712-1)

/// "Sở Tư pháp công khai ngân sách năm 2026 Lịch công tác" in windows-1258 (tone marks as
/// combining characters, as Vietnamese Windows typed them).
pub const CP1258_TEXT: &[u8] =
    b"S\xf5\xd2 T\xfd ph\xe1p c\xf4ng khai ng\xe2n s\xe1ch n\xe3m 2026 Li\xf2ch c\xf4ng t\xe1c";
/// The same text in Unicode.
pub const CP1258_UNICODE: &str = "Sở Tư pháp công khai ngân sách năm 2026 Lịch công tác";

/// "Thông báo tuyển dụng viên chức năm 2026 Lịch công tác tuần của lãnh đạo sở" in TCVN3 (ABC).
pub const TCVN3_TEXT: &[u8] = b"Th\xabng b\xb8o tuy\xd3n d\xf4ng vi\xaan ch\xf8c n\xa8m 2026 L\xdech c\xabng t\xb8c tu\xc7n c\xf1a l\xb7nh \xae\xb9o s\xeb";
/// The same text in Unicode.
pub const TCVN3_UNICODE: &str =
    "Thông báo tuyển dụng viên chức năm 2026 Lịch công tác tuần của lãnh đạo sở";

/// A body made of byte pieces.
fn bytes_body(parts: &[&[u8]]) -> Body {
    Body::from(parts.concat())
}

// ---------------------------------------------------------------------------------------------
// The fault site

/// Every fault path of [`fault_site`], linked from its home page.
pub const FAULT_PATHS: &[&str] = &[
    "/tarpit",
    "/loi-500",
    "/loi-502",
    "/loi-503",
    "/qua-tai",
    "/cam-truy-cap",
    "/vong-lap-a",
    "/chuyen-0",
    "/lam-moi",
    "/js-chuyen",
    "/khong-tim-thay",
    "/rat-lon",
    "/bom-gzip",
    "/sai-kieu",
    "/sai-charset",
    "/utf8-hong",
    "/cp1258",
    "/tcvn3",
    "/hong-html",
    "/noi-bo/bao-cao",
    "/gioi-thieu;jsessionid=ABC123",
    "/lich-cong-tac?tuan=1",
    "/lich?date=2026-01-01",
    "/tra-cuu?loai=1&nam=2020",
];

/// Settings of the fault site.
#[derive(Debug, Clone)]
pub struct FaultSite {
    /// Bytes of the "50 MB" page.
    pub huge_bytes: usize,
    /// Base URL of the reset server (another port), linked from the home page.
    pub reset_base: Option<String>,
}

/// The fault site's router. Its home page links to [`FAULT_PATHS`] (and the reset server).
pub fn fault_site(site: FaultSite) -> Router {
    let qua_tai_hits = Arc::new(AtomicUsize::new(0));
    Router::new().fallback(move |uri: Uri| {
        let site = site.clone();
        let qua_tai_hits = qua_tai_hits.clone();
        async move { fault_page(&site, &uri, &qua_tai_hits).await }
    })
}

async fn fault_page(site: &FaultSite, uri: &Uri, qua_tai_hits: &AtomicUsize) -> Response {
    let path = uri.path();
    let query = uri.query().unwrap_or("");
    match path {
        "/robots.txt" => reply(200, "text/plain", "User-agent: *\nDisallow: /noi-bo/\n"),
        "/sitemap.xml" => reply(404, "text/html", "không có"),
        "/" => {
            let mut links: Vec<(String, String)> = FAULT_PATHS
                .iter()
                .map(|p| (p.to_string(), format!("Mục {p}")))
                .collect();
            if let Some(base) = &site.reset_base {
                links.push((format!("{base}/dut-ket-noi"), "Mục dứt kết nối".into()));
            }
            links.push(("/tin-tuc".into(), "Tin tức".into()));
            let refs: Vec<(&str, &str)> = links
                .iter()
                .map(|(h, t)| (h.as_str(), t.as_str()))
                .collect();
            html(page(
                "Sở Thử nghiệm - Trang chủ",
                &refs,
                &[],
                "Chào mừng đến trang thông tin điện tử của Sở.",
            ))
        }
        "/tin-tuc" => html(page(
            "Tin tức",
            &[],
            &[("/tin-tuc/bai-1", "Bài 1")],
            "Tin tức sự kiện của Sở trong tháng.",
        )),
        "/tarpit" => {
            let mut r = Response::new(trickle("<html><body>", Duration::from_millis(200)));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            r
        }
        "/loi-500" => reply(500, "text/html", "<html><title>Lỗi máy chủ</title></html>"),
        "/loi-502" => reply(
            502,
            "text/html",
            "<html><title>502 Bad Gateway</title></html>",
        ),
        "/loi-503" => {
            let mut r = reply(503, "text/html", "<html><title>Bảo trì</title></html>");
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("0"));
            r
        }
        "/qua-tai" => {
            // 429 once (Retry-After 1 s), then the page.
            if qua_tai_hits.fetch_add(1, Ordering::SeqCst) == 0 {
                let mut r = reply(429, "text/plain", "Quá nhiều yêu cầu");
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                r
            } else {
                html(page(
                    "Sau khi chờ",
                    &[],
                    &[("/sau-qua-tai", "Tiếp")],
                    "Nội dung sau khi chờ.",
                ))
            }
        }
        "/cam-truy-cap" => reply(
            403,
            "text/html",
            "<html><head><title>Access Denied - Web Application Firewall</title></head>\
             <body>Your request was blocked.</body></html>",
        ),
        "/vong-lap-a" => redirect(302, "/vong-lap-b"),
        "/vong-lap-b" => redirect(302, "/vong-lap-a"),
        p if p.starts_with("/chuyen-") => {
            let n: u32 = p.trim_start_matches("/chuyen-").parse().unwrap_or(0);
            redirect(301, &format!("/chuyen-{}", n + 1))
        }
        "/lam-moi" => html(
            "<html><head><meta http-equiv=\"refresh\" content=\"0; url=/dich-lam-moi\">\
             <title>Chuyển trang</title></head><body></body></html>",
        ),
        "/js-chuyen" => html(
            "<html><head><title>Đang chuyển</title><script>window.location.href = \"/dich-js\";</script>\
             </head><body>Đang chuyển trang…</body></html>",
        ),
        "/khong-tim-thay" => html(
            "<html><head><title>Không tìm thấy trang</title></head><body><main><h1>Không tìm thấy trang</h1>\
             <p>Trang bạn tìm không tồn tại. <a href=\"/tu-trang-loi\">Về trang chủ</a></p></main></body></html>",
        ),
        "/rat-lon" => {
            let mut r = Response::new(huge(site.huge_bytes));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            r
        }
        "/bom-gzip" => {
            let mut r = Response::new(Body::from(gzip_bomb()));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            r
        }
        // HTML sent as a download type: sniffed as HTML.
        "/sai-kieu" => reply(
            200,
            "application/octet-stream",
            page(
                "Sai kiểu nội dung",
                &[],
                &[("/sau-sai-kieu", "Tiếp")],
                "Văn bản chỉ đạo điều hành",
            ),
        ),
        // UTF-8 bytes under a header that says ISO-8859-1.
        "/sai-charset" => reply(
            200,
            "text/html; charset=iso-8859-1",
            page(
                "Thông tin tuyển dụng",
                &[],
                &[],
                "Thông báo tuyển dụng công chức năm 2026",
            ),
        ),
        // Declared UTF-8, with a few invalid bytes in the middle.
        "/utf8-hong" => {
            let body = bytes_body(&[
                b"<html><head><meta charset=\"utf-8\"><title>H\xe1\xbb\x8fng</title></head><body><main><p>",
                "Công khai ngân sách của Sở Tài chính tỉnh Sơn La: báo cáo quyết toán ".as_bytes(),
                b"\xff\xfe\xc3",
                " năm 2026, công khai theo quy định về tài chính ngân sách nhà nước".as_bytes(),
                b"</p></main></body></html>",
            ]);
            let mut r = Response::new(body);
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            r
        }
        "/cp1258" => {
            let body = bytes_body(&[
                b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">\
                  <title>Windows-1258</title></head><body><main><p>",
                CP1258_TEXT,
                b"</p></main></body></html>",
            ]);
            let mut r = Response::new(body);
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
            r
        }
        "/tcvn3" => {
            let body = bytes_body(&[
                b"<html><head><title>TCVN3</title><style>body{font-family:.VnTime, serif}</style></head>\
                  <body><main><p>",
                TCVN3_TEXT,
                b"</p></main></body></html>",
            ]);
            let mut r = Response::new(body);
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=iso-8859-1"),
            );
            r
        }
        "/hong-html" => html(
            "<html><head><title>HTML hỏng</title><body><div><p>Tin tức <b>đậm <table><tr><td>ô\
             <a href=\"/sau-html-hong\">Liên kết trong HTML hỏng</div></td><p>Cuối trang không đóng",
        ),
        // Each page of the endless calendar links to the next and the previous week; the text
        // differs from week to week (in words, not only digits) so only the query limit stops it.
        "/lich-cong-tac" => {
            let n: u64 = query
                .strip_prefix("tuan=")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let next = format!("/lich-cong-tac?tuan={}", n + 1);
            let prev = format!("/lich-cong-tac?tuan={}", n.saturating_sub(1));
            html(page(
                "Lịch công tác",
                &[],
                &[(prev.as_str(), "Tuần trước"), (next.as_str(), "Tuần sau")],
                &format!("Lịch công tác tuần: họp {}", words(n)),
            ))
        }
        // An empty date calendar: every day says the same thing and links to the next day.
        "/lich" => {
            let day: i64 = query
                .strip_prefix("date=2026-01-")
                .and_then(|d| d.parse().ok())
                .unwrap_or(1);
            let next = format!("/lich?date=2026-01-{:02}", day + 1);
            html(page(
                "Lịch làm việc",
                &[],
                &[(next.as_str(), "Ngày sau")],
                "Không có lịch làm việc trong ngày này.",
            ))
        }
        // Endless query permutations: every page links to the same parameters in another order
        // and with a new value.
        "/tra-cuu" => {
            let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            pairs.reverse();
            let n = pairs.len() as u64 + query.len() as u64;
            let mut a = pairs.clone();
            a.push((format!("k{}", n % 97), n.to_string()));
            let link = |v: &[(String, String)]| {
                let q: Vec<String> = v.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("/tra-cuu?{}", q.join("&"))
            };
            let l1 = link(&pairs);
            let l2 = link(&a);
            html(page(
                "Tra cứu văn bản",
                &[],
                &[(l1.as_str(), "Sắp xếp"), (l2.as_str(), "Lọc thêm")],
                &format!("Kết quả tra cứu văn bản: {}", words(n)),
            ))
        }
        p if p.starts_with("/gioi-thieu") => html(page(
            "Giới thiệu",
            &[],
            &[(
                format!("/gioi-thieu;jsessionid=S{}", query.len() + 7).as_str(),
                "Giới thiệu (phiên mới)",
            )],
            "Giới thiệu chức năng nhiệm vụ của Sở.",
        )),
        _ => html(page("Trang", &[], &[], "Nội dung trang con của Sở.")),
    }
}

/// A number written as distinct words (so pages differ by more than digits).
pub fn words(mut n: u64) -> String {
    const W: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    let mut out = Vec::new();
    loop {
        out.push(W[(n % 10) as usize]);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    out.join(" ")
}

// ---------------------------------------------------------------------------------------------
// Raw servers

/// A raw TCP server for one origin: `/robots.txt` answers 404; every other request gets the
/// status line, headers announcing 100 000 bytes and half a body, then the connection is reset
/// (SO_LINGER 0, so the peer sees RST rather than a clean close). Returns its base URL and log.
pub async fn reset_server() -> (String, Arc<Log>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Arc::new(Log::default());
    let l = log.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, peer)) = listener.accept().await else {
                return;
            };
            let log = l.clone();
            tokio::spawn(async move {
                let path = read_request_path(&mut stream).await.unwrap_or_default();
                log.record(path.clone(), peer);
                if path == "/robots.txt" {
                    let _ = stream
                        .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .await;
                    return;
                }
                let _ = stream
                    .write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                          Content-Length: 100000\r\n\r\n<html><body><p>Dang tai do",
                    )
                    .await;
                let _ = stream.flush().await;
                tokio::time::sleep(Duration::from_millis(50)).await;
                // Linger 0: close() sends RST at once (and so never blocks, the reason the method
                // is deprecated).
                #[allow(deprecated)]
                let _ = stream.set_linger(Some(Duration::ZERO));
                drop(stream);
            });
        }
    });
    (format!("http://{addr}"), log)
}

/// A server whose `/robots.txt` never answers (the client must time out); other paths get a
/// small page.
pub async fn silent_robots_server() -> FaultServer {
    FaultServer::start(Router::new().fallback(|uri: Uri| async move {
        if uri.path() == "/robots.txt" {
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
        html(page("Trang chủ", &[], &[], "Nội dung"))
    }))
    .await
}

/// Read one request head and return its path.
async fn read_request_path(stream: &mut tokio::net::TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&buf);
    text.split_whitespace().nth(1).map(str::to_string)
}

// ---------------------------------------------------------------------------------------------
// Certificates

/// A certificate and its key, PEM.
pub struct TestCert {
    pub cert_pem: String,
    pub key_pem: String,
}

/// A self-signed certificate for 127.0.0.1, valid from `not_before` to `not_after`
/// (`(year, month, day)`), with this common name.
pub fn self_signed(
    common_name: &str,
    not_before: (i32, u8, u8),
    not_after: (i32, u8, u8),
) -> TestCert {
    let mut params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
    params.subject_alt_names = vec![rcgen::SanType::IpAddress(std::net::IpAddr::from([
        127, 0, 0, 1,
    ]))];
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, common_name);
    params.not_before = rcgen::date_time_ymd(not_before.0, not_before.1, not_before.2);
    params.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    TestCert {
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    }
}
