//! Page bytes → charset decoding → extraction must never panic, whatever the bytes. The first
//! byte picks a Content-Type header (none, a UTF-8 one, a legacy one, a bogus one) so the
//! header/meta/BOM/detection paths of `ttdt::text::decode` are all exercised.
#![no_main]

use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 5] = [
    None,
    Some("text/html; charset=utf-8"),
    Some("text/html; charset=windows-1258"),
    Some("text/html; charset=\"x-nonsense\""),
    Some("application/octet-stream"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let content_type = CONTENT_TYPES[usize::from(pick) % CONTENT_TYPES.len()];
    let decoded = ttdt::text::decode(bytes, content_type);
    let url = url::Url::parse("http://127.0.0.1/web/so-tu-phap/tin-tuc").expect("valid url");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let facts = ttdt::extract::extract(&url, &decoded.text, as_of);
    // What the extractor documents: counted dates are never after the as-of date, and links
    // are absolute URLs.
    assert!(
        facts.newest_date.is_none_or(|d| d <= as_of),
        "{:?}",
        facts.newest_date
    );
    assert!(facts.items.iter().all(|i| i.date <= as_of));
    for link in &facts.links {
        assert!(
            url::Url::parse(&link.href).is_ok(),
            "not absolute: {}",
            link.href
        );
    }
});
