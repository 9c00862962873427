//! Vietnamese text handling: NFC normalisation, diacritic folding for matching, and decoding of
//! fetched bytes into text (header charset, BOM, `<meta charset>`, else chardetng with the `vn`
//! hint). Owned by the text/dates work; other stages only call the functions below.

mod tcvn3;

/// How the bytes of a page were turned into text, kept so reports can say "not Unicode".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decoded {
    /// The decoded text, NFC-normalised.
    pub text: String,
    /// Encoding name used (e.g. `UTF-8`, `windows-1258`, `TCVN3` for the legacy ABC font
    /// encoding).
    pub encoding: String,
    /// Where the encoding came from: `header`, `bom`, `meta`, `detected`, `default`, or `font`
    /// (TCVN3, recognised by its `.VnTime`-style font names).
    pub source: &'static str,
    /// True when some bytes were invalid in the chosen encoding and were replaced.
    pub had_errors: bool,
}

impl Decoded {
    /// True when the page was written in a legacy (non-Unicode) Vietnamese encoding: TCVN3,
    /// windows-1258 or another single-byte code page, with non-ASCII text. The law requires
    /// Unicode (TCVN 6909:2001); pure-ASCII pages are Unicode whatever they declare.
    pub fn legacy_encoding(&self) -> bool {
        !self.encoding.starts_with("UTF-") && !self.text.is_ascii()
    }
}

/// The note reports give a page in a legacy encoding.
pub const NOT_UNICODE_NOTE: &str = "không dùng Unicode TCVN 6909";

/// Normalise to Unicode NFC (Vietnamese text arrives as NFC, NFD, or windows-1258 combining marks).
///
/// Most text is already NFC, so a quick check runs first and the string is only rebuilt when it
/// may not be.
pub fn nfc(s: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

/// Feed the base characters of `c` to `emit`, without its diacritics: the canonical decomposition
/// of `c` minus every combining mark, with `đ`/`Đ` (which have no decomposition: the stroke is part
/// of the letter) mapped to `d`/`D`. A lone combining mark (NFD input, windows-1258 tone marks)
/// emits nothing. Case is kept. Shared with `dates`, which needs the same folding but must keep
/// punctuation and byte offsets.
pub(crate) fn strip_marks(c: char, mut emit: impl FnMut(char)) {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    if c.is_ascii() {
        emit(c);
        return;
    }
    match c {
        'đ' => emit('d'),
        'Đ' => emit('D'),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                emit(d);
            }
        }),
    }
}

/// Fold text for matching: NFC, lowercase, strip diacritics (`đ` → `d`), collapse every run of
/// non-alphanumeric characters into one space, and trim. "Lịch Công-tác", "lich cong tac",
/// `lich-cong-tac` and NFD input all fold to `lich cong tac`.
///
/// This runs on every link and page text, so it works in one pass without building an NFD or NFC
/// copy: ASCII takes a direct path, and other characters are decomposed one at a time (dropping
/// all combining marks makes their order, and therefore NFC/NFD, irrelevant).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A separator is only written once the next alphanumeric arrives, which both collapses runs
    // and trims the end; `out.is_empty()` trims the start.
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), &mut out);
            continue;
        }
        strip_marks(c, |b| {
            if b.is_ascii() {
                push(b.to_ascii_lowercase(), &mut out);
            } else {
                // Lowercasing can emit a combining mark (`İ` → `i̇`); drop it like the others.
                for l in b.to_lowercase() {
                    if !unicode_normalization::char::is_combining_mark(l) {
                        push(l, &mut out);
                    }
                }
            }
        });
    }
    out
}

/// How many leading bytes are searched for `<meta charset>`. The HTML standard prescans 1024
/// bytes, but Vietnamese CMS templates often put long scripts and styles before the meta, so we
/// look a little further.
const META_PRESCAN_BYTES: usize = 4096;

/// How many bytes chardetng sees. Its guess settles long before this; the cap keeps a 10 MB body
/// from costing 27 candidate scorers over every byte.
const DETECT_BYTES: usize = 1 << 20;

/// Decode a fetched body. `content_type` is the HTTP `Content-Type` header value, if any.
///
/// The encoding is chosen in this order, and `source` says which one won:
/// 0. `font`: a body that names an ABC font (`.VnTime`…) and is not UTF-8 is TCVN3
///    (see [`tcvn3`]); no declaration can be trusted on such pages.
/// 1. `bom`: a UTF-8 or UTF-16 byte-order mark. As in the WHATWG encoding standard it beats the
///    header: a BOM cannot appear by accident, while a header is often a server-wide default.
/// 2. `header`: the `charset=` parameter of `content_type`.
/// 3. `meta`: `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…charset=…">` in the
///    first 4 KB. A meta naming UTF-16 means UTF-8 (the meta could not be read as ASCII otherwise).
/// 4. `detected`: chardetng with the `vn` top-level-domain hint (UTF-8 allowed as a guess).
/// 5. `default`: UTF-8, for empty or pure-ASCII bodies without any declaration (nothing to
///    detect, and ASCII is valid UTF-8).
///
/// Labels that encoding_rs does not know (or that map to its `replacement` encoding) are ignored,
/// so the next method is tried rather than failing.
///
/// **Declarations that lie.** Servers often send a default `charset=UTF-8` for pages written in
/// windows-1258, and templates keep `charset=iso-8859-1` for pages now in UTF-8. So when the
/// declared encoding (header or meta) either yields decoding errors, or is a legacy encoding
/// while the body is valid UTF-8 containing non-ASCII (which legacy Vietnamese text practically
/// never is by accident), the other candidates are tried in order — the meta (when the header won),
/// UTF-8, then chardetng's guess — and the first that differs and decodes without errors is used,
/// with its own `source`. If none does, the declared encoding stands with `had_errors = true`.
///
/// The text is NFC-normalised afterwards: windows-1258 decodes tone marks as combining characters.
/// Never panics, whatever the bytes or header.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    use encoding_rs::{Encoding, UTF_8};

    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, "bom", &bytes[bom_len..]);
    }
    // Before any declaration: TCVN3 pages declare windows-1252/ISO-8859-1 (or UTF-8 by server
    // default), which would "succeed" as mojibake.
    if tcvn3::looks_like_tcvn3(bytes) {
        return Decoded {
            text: nfc(&tcvn3::decode(bytes)),
            encoding: "TCVN3".to_owned(),
            source: "font",
            had_errors: false,
        };
    }

    let header = content_type
        .and_then(charset_param)
        .and_then(known_encoding);
    let meta = meta_charset(bytes);
    let declared = header.map(|e| (e, "header")).or(meta.map(|e| (e, "meta")));

    let Some((enc, source)) = declared else {
        if bytes.is_ascii() {
            return finish(UTF_8, "default", bytes);
        }
        return finish(detect(bytes), "detected", bytes);
    };

    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    // Declared UTF-8 that is UTF-8 nearly throughout (a few stray bytes from a bad copy-paste):
    // keep it, with replacement characters, rather than let a single-byte guess decode every
    // correct letter as mojibake.
    let mostly_declared_utf8 = enc == UTF_8 && had_errors && mostly_valid(&text);
    let suspicious =
        !mostly_declared_utf8 && (had_errors || (enc != UTF_8 && is_non_ascii_utf8(bytes)));
    if suspicious {
        // Alternatives in order of trust: another explicit declaration, then the bytes themselves.
        let mut alternatives: Vec<(&'static Encoding, &'static str)> = Vec::with_capacity(3);
        if source == "header" {
            if let Some(m) = meta {
                alternatives.push((m, "meta"));
            }
        }
        if is_non_ascii_utf8(bytes) {
            alternatives.push((UTF_8, "detected"));
        }
        alternatives.push((detect(bytes), "detected"));
        for (alt, alt_source) in alternatives {
            if alt == enc {
                continue;
            }
            let (alt_text, alt_errors) = alt.decode_without_bom_handling(bytes);
            if !alt_errors {
                return Decoded {
                    text: nfc(&alt_text),
                    encoding: alt.name().to_owned(),
                    source: alt_source,
                    had_errors: false,
                };
            }
        }
    }
    Decoded {
        text: nfc(&text),
        encoding: enc.name().to_owned(),
        source,
        had_errors,
    }
}

/// Decode `bytes` (BOM already removed) with `enc` and package the result.
fn finish(enc: &'static encoding_rs::Encoding, source: &'static str, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: nfc(&text),
        encoding: enc.name().to_owned(),
        source,
        had_errors,
    }
}

/// True when a lossy decoding has at least three correctly decoded non-ASCII characters for
/// every replacement character.
fn mostly_valid(text: &str) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if c == char::REPLACEMENT_CHARACTER {
            bad += 1;
        } else {
            good += 1;
        }
    }
    good >= 3 * bad.max(1)
}

/// True when `bytes` is valid UTF-8 and not plain ASCII: strong evidence of UTF-8, since legacy
/// single-byte Vietnamese text almost never forms valid multi-byte sequences throughout.
fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// The encoding for a label, or `None` for labels encoding_rs does not know. The `replacement`
/// encoding (labels such as `iso-2022-kr`) would turn the whole page into one U+FFFD, so it counts
/// as unknown too.
fn known_encoding(label: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    encoding_rs::Encoding::for_label(label).filter(|e| *e != encoding_rs::REPLACEMENT)
}

/// The value of the `charset` parameter of a `Content-Type` value (`text/html; charset="utf-8"`).
fn charset_param(content_type: &str) -> Option<&[u8]> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then_some(value.as_bytes())
    })
}

/// The encoding named by the first `<meta … charset=…>` in the first [`META_PRESCAN_BYTES`].
/// One pattern covers both `<meta charset="x">` and the `http-equiv` form, whose `content`
/// attribute contains `charset=x`.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    use regex::bytes::Regex;
    use std::sync::LazyLock;
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)"#)
            .expect("meta charset pattern is valid")
    });
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    // Only the first meta naming a charset counts, as in a browser's prescan; if its label is
    // unknown we fall through to detection rather than trying later ones.
    let label = META.captures(head)?.get(1)?.as_bytes();
    let enc = known_encoding(label)?;
    // An ASCII-readable meta cannot really be in UTF-16 (HTML standard, "prescan").
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    if enc == encoding_rs::X_USER_DEFINED {
        return Some(encoding_rs::WINDOWS_1252);
    }
    Some(enc)
}

/// chardetng's guess for `bytes`, with the `vn` top-level-domain hint (which favours
/// windows-1258 among the legacy encodings) and UTF-8 allowed as an answer: unlike a browser we
/// want the most likely reading, not to discourage authors from relying on detection.
fn detect(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    // `last` only when the detector has seen the whole body; a prefix must not claim to be the end.
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(Some(b"vn"), Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward definition of `fold` (NFD, drop marks, map đ, lowercase), kept as the
    /// reference the fast version must agree with.
    fn fold_reference(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        use unicode_normalization::char::is_combining_mark;
        let mut out = String::new();
        let mut pending_space = false;
        for c in s.nfd() {
            if is_combining_mark(c) {
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
                out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l)));
            } else {
                pending_space = true;
            }
        }
        out
    }

    #[test]
    fn nfc_composes_nfd_and_keeps_nfc() {
        // "Việt" as NFD: e + circumflex + dot below.
        assert_eq!(nfc("Vie\u{302}\u{323}t"), "Việt");
        // Marks in the non-canonical order still compose to the same letter.
        assert_eq!(nfc("Vie\u{323}\u{302}t"), "Việt");
        assert_eq!(nfc("Việt Nam"), "Việt Nam");
        assert_eq!(nfc(""), "");
    }

    #[test]
    fn fold_examples() {
        assert_eq!(fold("Lịch Công-tác"), "lich cong tac");
        assert_eq!(fold("lich-cong-tac"), "lich cong tac");
        assert_eq!(fold("  LỊCH   CÔNG TÁC!!! "), "lich cong tac");
        assert_eq!(fold("Đảng bộ ĐỒNG THÁP"), "dang bo dong thap");
        assert_eq!(fold("Tin tức – Sự kiện"), "tin tuc su kien");
        assert_eq!(
            fold("Văn bản (QPPL), số 12/CT-UBND."),
            "van ban qppl so 12 ct ubnd"
        );
        assert_eq!(fold("Ngày\u{a0}đăng:\t25/11/2026"), "ngay dang 25 11 2026");
        assert_eq!(fold(""), "");
        assert_eq!(fold(" -–/ "), "");
    }

    #[test]
    fn fold_nfd_and_windows_1258_style_marks() {
        // NFD: every mark separate.
        let nfd = "Li\u{323}ch co\u{302}ng ta\u{301}c";
        assert_eq!(fold(nfd), "lich cong tac");
        // windows-1258 style: precomposed ư/ơ/â with a separate tone mark.
        assert_eq!(fold("Thư\u{301} Tư, nga\u{300}y"), "thu tu ngay");
        assert_eq!(fold("Chu\u{309} nhâ\u{323}t"), "chu nhat");
        assert_eq!(fold("Thứ Tư"), fold("Thu\u{31b}\u{301} Tu\u{31b}"));
    }

    #[test]
    fn fold_agrees_with_reference_on_every_char() {
        // Every scalar value up to the end of the SMP, one at a time and between letters, so
        // mark handling at word edges is covered too.
        for cp in 0u32..0x2_0000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = format!("a{c}b {c}");
            assert_eq!(fold(&s), fold_reference(&s), "U+{cp:04X}");
        }
        let samples = [
            "Cổng Thông tin điện tử tỉnh Sơn La",
            "SỞ THÔNG TIN VÀ TRUYỀN THÔNG — Hướng dẫn, Quy định",
            "İstanbul ǅemal ﬁle Ω Å ẞ",
            "Trang\u{a0}chủ\u{200b}| Giới thiệu",
        ];
        for s in samples {
            assert_eq!(fold(s), fold_reference(s), "{s}");
        }
    }

    #[test]
    fn fold_never_panics_on_odd_strings() {
        let odd = [
            "\u{301}\u{302}",
            "\u{0}\u{1}\u{7f}",
            "\u{fffd}\u{feff}",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇻🇳",
            "한국어 日本語",
        ];
        for s in odd {
            let _ = fold(s);
        }
        assert_eq!(fold("\u{301}\u{302}"), "");
        assert_eq!(fold("한국어"), fold_reference("한국어"));
    }

    // --- decode ---

    /// "Tiếng Việt, ngày Thứ Tư" in windows-1258: precomposed ê/ư where the code page has them,
    /// tone marks as separate combining bytes (0xEC acute, 0xF2 dot below, 0xCC grave).
    const W1258: &[u8] = b"Ti\xea\xecng Vi\xea\xf2t, nga\xccy Th\xfd\xec T\xfd";
    const W1258_TEXT: &str = "Tiếng Việt, ngày Thứ Tư";

    fn page(meta: &str, body: &[u8]) -> Vec<u8> {
        let mut v = format!("<html><head>{meta}<title>x</title></head><body>").into_bytes();
        v.extend_from_slice(body);
        v.extend_from_slice(b"</body></html>");
        v
    }

    #[test]
    fn decode_header_charset() {
        let d = decode(W1258, Some("text/html; charset=windows-1258"));
        assert_eq!(d.text, W1258_TEXT);
        assert_eq!(d.encoding, "windows-1258");
        assert_eq!(d.source, "header");
        assert!(!d.had_errors);
        // Quoted, upper-case and spaced parameter.
        let d = decode("Việt".as_bytes(), Some("text/html;Charset = \"UTF-8\""));
        assert_eq!((d.text.as_str(), d.source), ("Việt", "header"));
    }

    #[test]
    fn decode_output_is_nfc() {
        let d = decode(W1258, Some("text/html; charset=windows-1258"));
        assert!(unicode_normalization::is_nfc(&d.text));
        // NFD sent as UTF-8 comes out NFC too.
        let d = decode(
            "Vie\u{302}\u{323}t".as_bytes(),
            Some("text/html; charset=utf-8"),
        );
        assert_eq!(d.text, "Việt");
    }

    #[test]
    fn decode_bom() {
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice("Việt".as_bytes());
        let d = decode(&utf8, None);
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str(), d.source),
            ("Việt", "UTF-8", "bom")
        );

        let mut utf16le = vec![0xFF, 0xFE];
        for u in "Việt Nam".encode_utf16() {
            utf16le.extend_from_slice(&u.to_le_bytes());
        }
        // The BOM wins over a header that disagrees.
        let d = decode(&utf16le, Some("text/html; charset=iso-8859-1"));
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str(), d.source),
            ("Việt Nam", "UTF-16LE", "bom")
        );

        let mut utf16be = vec![0xFE, 0xFF];
        for u in "Việt".encode_utf16() {
            utf16be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&utf16be, None);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("Việt", "UTF-16BE"));
    }

    #[test]
    fn decode_meta_charset_both_forms() {
        let body = page(r#"<meta charset="windows-1258">"#, W1258);
        let d = decode(&body, Some("text/html"));
        assert!(d.text.contains(W1258_TEXT), "{}", d.text);
        assert_eq!((d.encoding.as_str(), d.source), ("windows-1258", "meta"));

        let body = page(
            r#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1258" />"#,
            W1258,
        );
        let d = decode(&body, None);
        assert!(d.text.contains(W1258_TEXT));
        assert_eq!((d.encoding.as_str(), d.source), ("windows-1258", "meta"));
    }

    #[test]
    fn decode_meta_beyond_prescan_is_ignored() {
        let filler = "x".repeat(META_PRESCAN_BYTES);
        let body = page(
            &format!("<!-- {filler} --><meta charset=\"windows-1258\">"),
            b"abc",
        );
        let d = decode(&body, None);
        assert_eq!(d.source, "default");
    }

    #[test]
    fn decode_meta_utf16_means_utf8() {
        let body = page(r#"<meta charset="utf-16">"#, "Việt".as_bytes());
        let d = decode(&body, None);
        assert_eq!((d.encoding.as_str(), d.source), ("UTF-8", "meta"));
        assert!(d.text.contains("Việt"));
    }

    #[test]
    fn decode_unknown_labels_fall_through() {
        // Garbage header label: the meta decides.
        let body = page(r#"<meta charset="windows-1258">"#, W1258);
        let d = decode(&body, Some("text/html; charset=vietnamese-please"));
        assert_eq!((d.encoding.as_str(), d.source), ("windows-1258", "meta"));
        // `replacement` labels are treated as unknown, not as "decode everything to U+FFFD".
        let d = decode("Việt".as_bytes(), Some("text/html; charset=iso-2022-kr"));
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str(), d.source),
            ("Việt", "UTF-8", "detected")
        );
        // Empty and malformed parameters.
        for ct in [
            "text/html; charset=",
            "text/html; charset",
            "charset=utf-8",
            ";;=;",
        ] {
            let d = decode(b"plain ascii", Some(ct));
            assert_eq!(
                (d.encoding.as_str(), d.source),
                ("UTF-8", "default"),
                "{ct}"
            );
        }
        // Unknown meta label: detection.
        let body = page(r#"<meta charset="x-klingon">"#, "Việt Nam".as_bytes());
        let d = decode(&body, None);
        assert_eq!((d.encoding.as_str(), d.source), ("UTF-8", "detected"));
    }

    #[test]
    fn decode_header_lies_meta_tells_truth() {
        // Server default says UTF-8, the page is windows-1258 and says so in its meta.
        let body = page(r#"<meta charset="windows-1258">"#, W1258);
        let d = decode(&body, Some("text/html; charset=UTF-8"));
        assert!(d.text.contains(W1258_TEXT));
        assert_eq!((d.encoding.as_str(), d.source), ("windows-1258", "meta"));
        assert!(!d.had_errors);
    }

    #[test]
    fn decode_legacy_declaration_on_utf8_body() {
        // Old template meta says iso-8859-1 (windows-1252), the content is UTF-8.
        let body = page(
            r#"<meta charset="iso-8859-1">"#,
            "Lịch công tác tuần".as_bytes(),
        );
        let d = decode(&body, None);
        assert!(d.text.contains("Lịch công tác tuần"), "{}", d.text);
        assert_eq!((d.encoding.as_str(), d.source), ("UTF-8", "detected"));
        // Same with the header as the liar.
        let d = decode(
            "Lịch công tác".as_bytes(),
            Some("text/html; charset=windows-1258"),
        );
        assert_eq!((d.text.as_str(), d.source), ("Lịch công tác", "detected"));
    }

    #[test]
    fn decode_header_lies_without_meta_uses_detection() {
        let mut body = Vec::new();
        for _ in 0..20 {
            body.extend_from_slice(W1258);
            body.extend_from_slice(b". ");
        }
        let d = decode(&body, Some("text/html; charset=utf-8"));
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("windows-1258", "detected")
        );
        assert!(d.text.starts_with(W1258_TEXT));
        assert!(!d.had_errors);
    }

    #[test]
    fn decode_declared_encoding_with_errors_falls_back() {
        // A header claiming UTF-16 for a body cut mid-unit: detection reads it cleanly instead.
        let d = decode(&[0x56, 0x00, 0x69], Some("text/html; charset=utf-16le"));
        assert_eq!((d.source, d.had_errors), ("detected", false));
        // A valid UTF-8 header on valid UTF-8 stays as declared.
        let d = decode("Việt".as_bytes(), Some("text/html; charset=utf-8"));
        assert_eq!((d.source, d.had_errors), ("header", false));
    }

    #[test]
    fn decode_detects_without_declaration() {
        let d = decode("Cổng thông tin điện tử".as_bytes(), None);
        assert_eq!((d.encoding.as_str(), d.source), ("UTF-8", "detected"));
        let mut body = Vec::new();
        for _ in 0..20 {
            body.extend_from_slice(W1258);
            body.extend_from_slice(b". ");
        }
        let d = decode(&body, None);
        assert_eq!(
            (d.encoding.as_str(), d.source),
            ("windows-1258", "detected")
        );
        assert!(d.text.starts_with(W1258_TEXT));
    }

    #[test]
    fn decode_ascii_and_empty_default_to_utf8() {
        for body in [&b""[..], b"<html>hello</html>"] {
            let d = decode(body, None);
            assert_eq!(
                (d.encoding.as_str(), d.source, d.had_errors),
                ("UTF-8", "default", false)
            );
        }
    }

    #[test]
    fn decode_never_panics_on_garbage() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in [0usize, 1, 2, 3, 7, 64, 1000, 5000] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect();
            for ct in [
                None,
                Some("text/html; charset=utf-8"),
                Some("charset=\u{fffd}"),
                Some(""),
            ] {
                let d = decode(&bytes, ct);
                assert!(!d.encoding.is_empty());
            }
        }
        let _ = decode(b"<meta charset=", None);
        let _ = decode(b"<meta charset=\"\">", None);
        let _ = decode(&[0xEF, 0xBB], None);
    }

    #[test]
    fn tcvn3_pages_are_decoded_and_flagged_whatever_they_declare() {
        let page = b"<html><head><style>p{font-family:.VnTime}</style></head><body><p>Th\xabng b\xb8o</p></body></html>";
        for ct in [
            Some("text/html; charset=iso-8859-1"),
            Some("text/html; charset=utf-8"),
            None,
        ] {
            let d = decode(page, ct);
            assert_eq!((d.encoding.as_str(), d.source), ("TCVN3", "font"), "{ct:?}");
            assert!(d.text.contains("Thông báo"));
            assert!(d.legacy_encoding());
        }
        assert!(!decode("<p>Thông báo</p>".as_bytes(), None).legacy_encoding());
        // Declared windows-1258 with Vietnamese text is legacy; pure ASCII is not.
        assert!(
            decode(b"<p>C\xf4ng</p>", Some("text/html; charset=windows-1258")).legacy_encoding()
        );
        assert!(!decode(b"<p>Cong</p>", Some("text/html; charset=windows-1258")).legacy_encoding());
    }

    #[test]
    fn declared_utf8_with_a_few_bad_bytes_stays_utf8() {
        let mut body = "<p>Công khai ngân sách của Sở Tài chính "
            .as_bytes()
            .to_vec();
        body.extend_from_slice(b"\xff\xfe");
        body.extend_from_slice(" năm 2026 theo quy định".as_bytes());
        let d = decode(&body, Some("text/html; charset=utf-8"));
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_errors);
        assert!(
            d.text.contains("Công khai ngân sách của Sở Tài chính"),
            "{}",
            d.text
        );
        assert!(d.text.contains("năm 2026 theo quy định"));
    }
}
