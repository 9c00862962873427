//! Vietnamese text handling: NFC normalisation, diacritic folding for matching, and decoding of
//! fetched bytes into text (header charset, BOM, `<meta charset>`, else chardetng with the `vn`
//! hint). Owned by the text/dates work; other stages only call the functions below.

/// How the bytes of a page were turned into text, kept so reports can say "not Unicode".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decoded {
    /// The decoded text, NFC-normalised.
    pub text: String,
    /// Encoding name used (e.g. `UTF-8`, `windows-1258`).
    pub encoding: String,
    /// Where the encoding came from: `header`, `bom`, `meta`, `detected`, `default`.
    pub source: &'static str,
    /// True when some bytes were invalid in the chosen encoding and were replaced.
    pub had_errors: bool,
}

/// Normalise to Unicode NFC (Vietnamese text arrives as NFC, NFD, or windows-1258 combining marks).
pub fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// Fold text for matching: NFC, lowercase, strip diacritics (`đ` → `d`), collapse every run of
/// non-alphanumeric characters into one space, and trim. "Lịch Công-tác", "lich cong tac",
/// `lich-cong-tac` and NFD input all fold to `lich cong tac`.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    // NFD splits base letters from their combining marks, which are then dropped.
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Decode a fetched body. `content_type` is the HTTP `Content-Type` header value, if any.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    todo!("text::decode {} {content_type:?}", bytes.len())
}
