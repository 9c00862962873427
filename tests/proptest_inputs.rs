//! Never panics on input: property tests over arbitrary strings and bytes for the stages that
//! read what websites send — URL canonicalisation, date finding and parsing, charset decoding
//! and page extraction. Each property also checks the documented shape of the result (a
//! canonical URL is stable and parses, a date lies in 1900–2100 and inside the text, counted
//! dates are not after the as-of date), so a test fails on a wrong answer, not only on a panic.
//!
//! The cargo-fuzz targets in `fuzz/` run the same properties for much longer (see README).

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use url::Url;

use ttdt::crawl::canonicalize;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

fn page_url() -> Url {
    Url::parse("http://127.0.0.1/web/so-tu-phap/tin-tuc").expect("valid url")
}

/// Text that looks like what agency pages carry around dates: digits, separators, Vietnamese
/// date words (NFC and NFD), weekdays and times, mixed with anything at all.
fn date_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,4}",
        Just("/".to_string()),
        Just("-".to_string()),
        Just(".".to_string()),
        Just(" ".to_string()),
        Just(":".to_string()),
        Just("ngày ".to_string()),
        Just("tháng ".to_string()),
        Just("năm ".to_string()),
        Just("nga\u{300}y ".to_string()),
        Just("Thứ Tư, ".to_string()),
        Just("Chủ nhật ".to_string()),
        Just("CN ".to_string()),
        Just("lúc 8h30".to_string()),
        Just(" PM".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        "\\PC{0,3}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// HTML-ish text: tags that the extractor treats specially, attributes, entities, dates and
/// arbitrary text, in any order and nesting (so also unclosed and malformed).
fn html_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<html lang=\"vi\">".to_string()),
        Just("<head><meta charset=\"windows-1258\">".to_string()),
        Just("<meta property=\"article:published_time\" content=\"".to_string()),
        Just("\">".to_string()),
        Just("<base href=\"".to_string()),
        Just("<title>".to_string()),
        Just("</title>".to_string()),
        Just("<header>".to_string()),
        Just("<nav><ul><li>".to_string()),
        Just("<footer>".to_string()),
        Just("<a href=\"".to_string()),
        Just("</a>".to_string()),
        Just("<time datetime=\"".to_string()),
        Just("<form action=\"/tim-kiem\"><input name=\"q\">".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</td></tr>".to_string()),
        Just("<h2>".to_string()),
        Just("<script type=\"application/ld+json\">{\"datePublished\":\"".to_string()),
        Just("</script>".to_string()),
        Just("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"".to_string()),
        Just("&amp;&#xFFFF;&#0;&nbsp;".to_string()),
        Just("javascript:".to_string()),
        Just("http://[::1".to_string()),
        Just("//".to_string()),
        "[a-zA-Z0-9/?=&%#.:-]{0,12}",
        date_like(),
        "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// URL-ish strings: schemes, hosts, ports, paths with session ids and escapes, queries with
/// tracking keys, fragments.
fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just("http://"),
        Just("https://"),
        Just("HTTP://"),
        Just("ftp://"),
        Just("mailto:"),
        Just("data:"),
        Just(""),
    ];
    let host = prop_oneof![
        Just("sotuphap.sonha.gov.vn".to_string()),
        Just("127.0.0.1".to_string()),
        Just("[::1]".to_string()),
        Just("XN--Bcher-kva.example".to_string()),
        Just("sở.gov.vn".to_string()),
        "[a-zA-Z0-9.-]{0,12}",
    ];
    let port = prop_oneof![
        Just(String::new()),
        Just(":80".to_string()),
        Just(":443".to_string()),
        "[:][0-9]{1,6}"
    ];
    let seg = prop_oneof![
        Just(";jsessionid=ABC123".to_string()),
        Just("%2f%e1%bb%9d".to_string()),
        Just("%zz".to_string()),
        Just("..".to_string()),
        Just("tin-tức".to_string()),
        "[a-zA-Z0-9._~%;=-]{0,10}",
        "\\PC{0,3}",
    ];
    let path = proptest::collection::vec(seg, 0..5).prop_map(|v| format!("/{}", v.join("/")));
    let pair = prop_oneof![
        Just("utm_source=x".to_string()),
        Just("PHPSESSID=1".to_string()),
        Just("sid=".to_string()),
        Just("fbclid".to_string()),
        Just("page=2".to_string()),
        Just("".to_string()),
        Just("a=%e1%BB%9D".to_string()),
        "[a-zA-Z0-9_=%+-]{0,8}",
        "\\PC{0,3}",
    ];
    let query = proptest::option::of(proptest::collection::vec(pair, 0..5))
        .prop_map(|q| q.map(|v| format!("?{}", v.join("&"))).unwrap_or_default());
    let fragment = proptest::option::of("\\PC{0,5}")
        .prop_map(|f| f.map(|f| format!("#{f}")).unwrap_or_default());
    (scheme, host, port, path, query, fragment)
        .prop_map(|(s, h, p, pa, q, f)| format!("{s}{h}{p}{pa}{q}{f}"))
}

/// The dates a `DateMatch` may carry and where.
fn check_matches(text: &str, context_year: Option<i32>) {
    for m in ttdt::dates::find_dates(text, context_year) {
        assert!(
            (1900..=2100).contains(&m.date.year()),
            "year outside 1900–2100: {m:?} in {text:?}"
        );
        assert!(m.start < m.end && m.end <= text.len(), "offsets {m:?}");
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "offsets not on char boundaries: {m:?}"
        );
        if m.year_inferred {
            assert_eq!(Some(m.date.year()), context_year, "{m:?}");
        }
    }
}

/// What `extract` documents about its result, whatever the page.
fn check_facts(html: &str) {
    let as_of = as_of();
    let facts = ttdt::extract::extract(&page_url(), html, as_of);
    if let Some(d) = facts.newest_date {
        assert!(d <= as_of, "newest date {d} after the as-of date");
    }
    for item in &facts.items {
        assert!(
            item.date <= as_of,
            "counted item after the as-of date: {item:?}"
        );
    }
    for link in &facts.links {
        assert!(
            Url::parse(&link.href).is_ok(),
            "link not absolute: {link:?}"
        );
        assert!(!link.href.contains('#'), "fragment kept: {link:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Canonicalising twice changes nothing, the result is a URL that parses back to itself,
    /// and it has no fragment.
    #[test]
    fn canonicalize_is_idempotent_and_parses(s in url_like()) {
        if let Ok(u) = Url::parse(&s) {
            let once = canonicalize(&u);
            let twice = canonicalize(&once);
            prop_assert_eq!(&once, &twice);
            let reparsed = Url::parse(once.as_str());
            prop_assert!(reparsed.is_ok(), "{} does not parse", once);
            prop_assert_eq!(canonicalize(&reparsed.unwrap_or(once.clone())), once.clone());
            prop_assert!(once.fragment().is_none());
        }
    }

    /// The same over any string whatsoever (most do not parse; those that do must hold).
    #[test]
    fn canonicalize_any_string(s in "\\PC{0,60}") {
        if let Ok(u) = Url::parse(&s) {
            let once = canonicalize(&u);
            prop_assert_eq!(canonicalize(&once), once.clone());
            prop_assert!(Url::parse(once.as_str()).is_ok());
        }
    }

    /// Relative links as pages carry them, resolved against a page URL then canonicalised.
    #[test]
    fn canonicalize_joined_links(s in "[ -~]{0,40}|\\PC{0,20}") {
        if let Ok(u) = page_url().join(&s) {
            let once = canonicalize(&u);
            prop_assert_eq!(canonicalize(&once), once.clone());
        }
    }

    /// Dates found in date-like text are real dates in range, within the text.
    #[test]
    fn find_dates_date_like(s in date_like()) {
        check_matches(&s, None);
        check_matches(&s, Some(2026));
    }

    /// …and in any text at all.
    #[test]
    fn find_dates_any_string(s in "\\PC{0,200}") {
        check_matches(&s, None);
        check_matches(&s, Some(2026));
    }

    /// Text decoded lossily from arbitrary bytes (what a broken page turns into).
    #[test]
    fn find_dates_lossy_bytes(b in proptest::collection::vec(any::<u8>(), 0..300)) {
        check_matches(&String::from_utf8_lossy(&b), Some(2026));
    }

    /// The ISO/HTTP date parsers take any string and give a date or `None`.
    #[test]
    fn parse_dates_any_string(s in "\\PC{0,40}|[0-9TZ:+ -]{0,30}") {
        let _ = ttdt::dates::parse_iso(&s);
        let _ = ttdt::dates::parse_http_date(&s);
    }

    /// ISO-like strings built from plausible parts: a date comes back only when the calendar
    /// date written exists (checked against chrono).
    #[test]
    fn parse_iso_only_real_dates(
        y in 0u32..10000, m in 0u32..15, d in 0u32..35,
        rest in prop_oneof![Just(""), Just("T08:30:00+07:00"), Just(" 25:61"), Just("T23:59Z")],
    ) {
        let s = format!("{y:04}-{m:02}-{d:02}{rest}");
        if let Some(got) = ttdt::dates::parse_iso(&s) {
            let written = NaiveDate::from_ymd_opt(y as i32, m, d);
            prop_assert!(written.is_some(), "{s} gave {got} but is no date");
        }
    }

    /// Charset decoding of arbitrary bytes under any declared charset: never panics, always
    /// names an encoding and a known source (`font` too: bytes holding ".vn" read as a TCVN3
    /// font name), and the text is NFC.
    #[test]
    fn decode_any_bytes(
        b in proptest::collection::vec(any::<u8>(), 0..400),
        ct in proptest::option::of(prop_oneof![
            Just("text/html; charset=utf-8".to_string()),
            Just("text/html; charset=windows-1258".to_string()),
            Just("text/html; charset=\"ISO-8859-1\"".to_string()),
            Just("text/html; charset=".to_string()),
            "\\PC{0,30}",
        ]),
    ) {
        let d = ttdt::text::decode(&b, ct.as_deref());
        prop_assert!(!d.encoding.is_empty());
        prop_assert!(
            ["header", "bom", "meta", "detected", "default", "font"].contains(&d.source),
            "{}",
            d.source
        );
        prop_assert_eq!(ttdt::text::nfc(&d.text), d.text.clone());
    }

    /// Bytes with a `<meta charset>` prefix, so the meta sniffing path runs on garbage.
    #[test]
    fn decode_meta_prefixed_bytes(
        cs in "[a-zA-Z0-9_-]{0,14}",
        b in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let mut bytes = format!("<meta charset=\"{cs}\">").into_bytes();
        bytes.extend_from_slice(&b);
        let d = ttdt::text::decode(&bytes, None);
        prop_assert!(!d.encoding.is_empty());
    }

    /// Extraction over arbitrary bytes decoded lossily.
    #[test]
    fn extract_lossy_bytes(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_facts(&String::from_utf8_lossy(&b));
    }

    /// Extraction over arbitrary bytes decoded the way the crawler decodes pages.
    #[test]
    fn extract_decoded_bytes(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_facts(&ttdt::text::decode(&b, None).text);
    }

    /// Extraction over HTML-ish strings: malformed, unclosed, nested anyhow.
    #[test]
    fn extract_html_like(s in html_like()) {
        check_facts(&s);
    }
}
