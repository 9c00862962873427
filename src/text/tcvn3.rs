//! The legacy TCVN3 ("ABC", TCVN 5712:1993) font encoding: detection and decoding.
//!
//! Many older agency pages were typed with the ABC keyboard driver and its `.VnTime`/`.VnArial`
//! fonts: the bytes are TCVN 5712 codes shown through a font whose glyphs sit at those code
//! points, so a browser without the font (and every text tool) reads "Th«ng b¸o" instead of
//! "Thông báo". encoding_rs does not know this encoding, and the law requires Unicode
//! (TCVN 6909:2001), so such a page is both decoded here (to be matched like any other page)
//! and flagged by the audit.
//!
//! The table is TCVN 5712 VN1, whose upper half is the common VN3 ("ABC") layout: lower-case
//! letters and the seven base capitals at 0xA1–0xFE, the toned capitals in 0x80–0x9F and a few
//! control codes, and five combining tone marks at 0xB0–0xB4. Bytes not listed are ASCII or
//! Latin-1 (0xA0 no-break space, 0xFD `ý`).

/// `(byte, character)` for every byte that is not the Latin-1 character of the same value.
const TABLE: &[(u8, char)] = &[
    (0x01, '\u{00DA}'),
    (0x02, '\u{1EE4}'),
    (0x04, '\u{1EEA}'),
    (0x05, '\u{1EEC}'),
    (0x06, '\u{1EEE}'),
    (0x11, '\u{1EE8}'),
    (0x12, '\u{1EF0}'),
    (0x13, '\u{1EF2}'),
    (0x14, '\u{1EF6}'),
    (0x15, '\u{1EF8}'),
    (0x16, '\u{00DD}'),
    (0x17, '\u{1EF4}'),
    (0x80, '\u{00C0}'),
    (0x81, '\u{1EA2}'),
    (0x82, '\u{00C3}'),
    (0x83, '\u{00C1}'),
    (0x84, '\u{1EA0}'),
    (0x85, '\u{1EB6}'),
    (0x86, '\u{1EAC}'),
    (0x87, '\u{00C8}'),
    (0x88, '\u{1EBA}'),
    (0x89, '\u{1EBC}'),
    (0x8A, '\u{00C9}'),
    (0x8B, '\u{1EB8}'),
    (0x8C, '\u{1EC6}'),
    (0x8D, '\u{00CC}'),
    (0x8E, '\u{1EC8}'),
    (0x8F, '\u{0128}'),
    (0x90, '\u{00CD}'),
    (0x91, '\u{1ECA}'),
    (0x92, '\u{00D2}'),
    (0x93, '\u{1ECE}'),
    (0x94, '\u{00D5}'),
    (0x95, '\u{00D3}'),
    (0x96, '\u{1ECC}'),
    (0x97, '\u{1ED8}'),
    (0x98, '\u{1EDC}'),
    (0x99, '\u{1EDE}'),
    (0x9A, '\u{1EE0}'),
    (0x9B, '\u{1EDA}'),
    (0x9C, '\u{1EE2}'),
    (0x9D, '\u{00D9}'),
    (0x9E, '\u{1EE6}'),
    (0x9F, '\u{0168}'),
    (0xA1, '\u{0102}'),
    (0xA2, '\u{00C2}'),
    (0xA3, '\u{00CA}'),
    (0xA4, '\u{00D4}'),
    (0xA5, '\u{01A0}'),
    (0xA6, '\u{01AF}'),
    (0xA7, '\u{0110}'),
    (0xA8, '\u{0103}'),
    (0xA9, '\u{00E2}'),
    (0xAA, '\u{00EA}'),
    (0xAB, '\u{00F4}'),
    (0xAC, '\u{01A1}'),
    (0xAD, '\u{01B0}'),
    (0xAE, '\u{0111}'),
    (0xAF, '\u{1EB0}'),
    (0xB0, '\u{0300}'),
    (0xB1, '\u{0309}'),
    (0xB2, '\u{0303}'),
    (0xB3, '\u{0301}'),
    (0xB4, '\u{0323}'),
    (0xB5, '\u{00E0}'),
    (0xB6, '\u{1EA3}'),
    (0xB7, '\u{00E3}'),
    (0xB8, '\u{00E1}'),
    (0xB9, '\u{1EA1}'),
    (0xBA, '\u{1EB2}'),
    (0xBB, '\u{1EB1}'),
    (0xBC, '\u{1EB3}'),
    (0xBD, '\u{1EB5}'),
    (0xBE, '\u{1EAF}'),
    (0xBF, '\u{1EB4}'),
    (0xC0, '\u{1EAE}'),
    (0xC1, '\u{1EA6}'),
    (0xC2, '\u{1EA8}'),
    (0xC3, '\u{1EAA}'),
    (0xC4, '\u{1EA4}'),
    (0xC5, '\u{1EC0}'),
    (0xC6, '\u{1EB7}'),
    (0xC7, '\u{1EA7}'),
    (0xC8, '\u{1EA9}'),
    (0xC9, '\u{1EAB}'),
    (0xCA, '\u{1EA5}'),
    (0xCB, '\u{1EAD}'),
    (0xCC, '\u{00E8}'),
    (0xCD, '\u{1EC2}'),
    (0xCE, '\u{1EBB}'),
    (0xCF, '\u{1EBD}'),
    (0xD0, '\u{00E9}'),
    (0xD1, '\u{1EB9}'),
    (0xD2, '\u{1EC1}'),
    (0xD3, '\u{1EC3}'),
    (0xD4, '\u{1EC5}'),
    (0xD5, '\u{1EBF}'),
    (0xD6, '\u{1EC7}'),
    (0xD7, '\u{00EC}'),
    (0xD8, '\u{1EC9}'),
    (0xD9, '\u{1EC4}'),
    (0xDA, '\u{1EBE}'),
    (0xDB, '\u{1ED2}'),
    (0xDC, '\u{0129}'),
    (0xDD, '\u{00ED}'),
    (0xDE, '\u{1ECB}'),
    (0xDF, '\u{00F2}'),
    (0xE0, '\u{1ED4}'),
    (0xE1, '\u{1ECF}'),
    (0xE2, '\u{00F5}'),
    (0xE3, '\u{00F3}'),
    (0xE4, '\u{1ECD}'),
    (0xE5, '\u{1ED3}'),
    (0xE6, '\u{1ED5}'),
    (0xE7, '\u{1ED7}'),
    (0xE8, '\u{1ED1}'),
    (0xE9, '\u{1ED9}'),
    (0xEA, '\u{1EDD}'),
    (0xEB, '\u{1EDF}'),
    (0xEC, '\u{1EE1}'),
    (0xED, '\u{1EDB}'),
    (0xEE, '\u{1EE3}'),
    (0xEF, '\u{00F9}'),
    (0xF0, '\u{1ED6}'),
    (0xF1, '\u{1EE7}'),
    (0xF2, '\u{0169}'),
    (0xF3, '\u{00FA}'),
    (0xF4, '\u{1EE5}'),
    (0xF5, '\u{1EEB}'),
    (0xF6, '\u{1EED}'),
    (0xF7, '\u{1EEF}'),
    (0xF8, '\u{1EE9}'),
    (0xF9, '\u{1EF1}'),
    (0xFA, '\u{1EF3}'),
    (0xFB, '\u{1EF7}'),
    (0xFC, '\u{1EF9}'),
    (0xFE, '\u{1EF5}'),
    (0xFF, '\u{1ED0}'),
];

/// The character of every byte (256 entries, built once).
fn byte_map() -> &'static [char; 256] {
    use std::sync::LazyLock;
    static MAP: LazyLock<[char; 256]> = LazyLock::new(|| {
        let mut m = [char::from(0); 256];
        for (b, c) in m.iter_mut().enumerate() {
            *c = char::from(u8::try_from(b).unwrap_or(0));
        }
        for &(b, c) in TABLE {
            m[usize::from(b)] = c;
        }
        m
    });
    &MAP
}

/// Decode TCVN3 bytes to Unicode (not yet NFC: the combining tone marks at 0xB0–0xB4 compose
/// when the caller normalises). Every byte maps to one character, so this never fails.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let map = byte_map();
    bytes.iter().map(|&b| map[usize::from(b)]).collect()
}

/// Does this body look like a TCVN3 page? It names one of the ABC fonts (`.VnTime`, `.VnArial`,
/// `.VnTimeH`…, in CSS or `<font face>`), since TCVN3 text is unreadable without them, and it is
/// not valid UTF-8 (a Unicode page that merely kept an old stylesheet is not TCVN3).
pub(crate) fn looks_like_tcvn3(bytes: &[u8]) -> bool {
    use regex::bytes::Regex;
    use std::sync::LazyLock;
    static FONT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)[\s,:;'"=](\.vn[a-z]{2,}|vn(time|arial))"#)
            .expect("font pattern is valid")
    });
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_err() && FONT.is_match(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese letter in lower case.
    const LETTERS: &str =
        "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";

    fn encode(s: &str) -> Vec<u8> {
        let map = byte_map();
        s.chars()
            .map(|c| {
                let b = map
                    .iter()
                    .position(|&m| m == c)
                    .expect("letter in the table");
                u8::try_from(b).unwrap()
            })
            .collect()
    }

    #[test]
    fn every_vietnamese_letter_round_trips() {
        let upper: String = LETTERS.chars().flat_map(char::to_uppercase).collect();
        for s in [LETTERS.to_string(), upper] {
            // 12 vowels × 6 tones + 17 consonants (đ included).
            assert_eq!(s.chars().count(), 89);
            let bytes = encode(&s);
            assert_eq!(bytes.len(), s.chars().count(), "one byte per letter");
            assert_eq!(decode(&bytes), s);
        }
    }

    #[test]
    fn known_words_decode() {
        // "Thông báo" as typed with the ABC driver, the way windows-1252 shows it: "Th«ng b¸o".
        assert_eq!(decode(b"Th\xABng b\xB8o"), "Thông báo");
        assert_eq!(decode(b"Ch\xADa c\xE3 d\xF7 li\xD6u"), "Chưa có dữ liệu");
        // Combining tone marks compose once normalised.
        assert_eq!(crate::text::nfc(&decode(b"a\xB3")), "á");
    }

    #[test]
    fn detection_needs_the_font_and_non_utf8_bytes() {
        let page = b"<html><body style=\"font-family:.VnTime\">Th\xABng b\xB8o</body></html>";
        assert!(looks_like_tcvn3(page));
        let unicode = "<html><body style=\"font-family:.VnTime\">Thông báo</body></html>";
        assert!(!looks_like_tcvn3(unicode.as_bytes()));
        assert!(!looks_like_tcvn3(
            b"<html><body>Th\xABng b\xB8o</body></html>"
        ));
        assert!(looks_like_tcvn3(b"<font face=\".VnArial\">Th\xABng</font>"));
    }
}
