//! Date finding and parsing must never panic on arbitrary text, and every date found must lie
//! in the accepted year range with offsets inside the searched text.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for context_year in [None, Some(2026)] {
        for m in ttdt::dates::find_dates(&text, context_year) {
            assert!(
                (1900..=2100).contains(&m.date.year()),
                "year out of range: {m:?}"
            );
            assert!(
                m.start <= m.end && m.end <= text.len(),
                "bad offsets: {m:?}"
            );
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
    let _ = ttdt::dates::parse_iso(&text);
    let _ = ttdt::dates::parse_http_date(&text);
});
