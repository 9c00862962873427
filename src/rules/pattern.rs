//! Compiling and matching evidence patterns.
//!
//! Three kinds, chosen by where the pattern is written and its prefix:
//! - **words** (plain text): folded with [`crate::text::fold`] and found on word boundaries in
//!   folded text, so "tin tức" matches "Tin tức - Sự kiện" but "tin" does not match "tinh".
//!   For URLs two more spellings are tried: the *mangled* one, where every word that began with
//!   `đ` loses its leading `d` (slug generators that drop `đ` turn "đấu thầu" into `au-thau`),
//!   the *lossy* ones of slug generators that drop Vietnamese letters (`tin-tc`, `gii-thiu`,
//!   `van-bn-phap-lut`, see `slug_losses`), and the *joined* one without spaces (`tintuc`,
//!   `lichcongtac`).
//! - **regex** (`re:` prefix): a [`regex`] over folded text (lowercase, no diacritics, words
//!   separated by single spaces).
//! - **host glob** (entries of `link_host`): `*` stands for one or more whole labels.

use super::{Matcher, Pattern};
use crate::text::fold;

/// What portals write before a section's name without changing it ("Thông tin đấu thầu",
/// "Thông tin về chất thải…"), folded; the longer first.
const GENERIC_LEADS: &[&str] = &["thong tin ve ", "thong tin "];

/// Folded text without the generic lead "Thông tin (về)" that portals put before a section's
/// name: "Thông tin đấu thầu - mua sắm công" is a five-word name, not a seven-word headline.
pub fn without_generic_lead(folded: &str) -> &str {
    GENERIC_LEADS
        .iter()
        .find_map(|lead| folded.strip_prefix(lead))
        .unwrap_or(folded)
}

/// Upper bound on a compiled regex, so a hostile rule file cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A mangled spelling shorter than this (letters and digits) is not used: "đi" → "i" would
/// match almost any URL.
const MIN_MANGLED_LEN: usize = 4;

impl Pattern {
    /// Compile a text pattern: plain words, or a regex over folded text with the `re:` prefix.
    /// The error is a human reason (without location).
    pub fn parse(raw: &str) -> Result<Pattern, String> {
        if let Some(src) = raw.strip_prefix("re:") {
            let src = src.trim();
            if src.is_empty() {
                return Err("empty regex after `re:`".into());
            }
            if let Some(c) = src.chars().find(|c| c.is_alphabetic() && !c.is_ascii()) {
                return Err(format!(
                    "regex `{src}` contains `{c}`, but it runs over folded text \
                     (lowercase, no diacritics, đ → d): write it without diacritics"
                ));
            }
            let re = regex::RegexBuilder::new(src)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| format!("bad regex `{src}`: {}", one_line(&e.to_string())))?;
            if re.is_match("") {
                return Err(format!(
                    "regex `{src}` matches empty text, so it would match every page"
                ));
            }
            return Ok(Pattern {
                raw: raw.to_string(),
                matcher: Matcher::Regex(re),
            });
        }
        let folded = fold(raw);
        if folded.is_empty() {
            return Err(format!(
                "pattern `{raw}` has no letters or digits (empty after folding)"
            ));
        }
        let mut url_needles = vec![folded.clone()];
        url_needles.extend(mangle(raw));
        url_needles.extend(slug_losses(raw));
        for i in 0..url_needles.len() {
            if url_needles[i].contains(' ') {
                let joined = url_needles[i].replace(' ', "");
                url_needles.push(joined);
            }
        }
        url_needles.dedup();
        let without_va = folded
            .contains(" va ")
            .then(|| Box::new(Needle::new(folded.replace(" va ", " "))));
        Ok(Pattern {
            raw: raw.to_string(),
            matcher: Matcher::Words {
                without_va,
                folded: Box::new(Needle::new(folded)),
                url_needles: url_needles.into_iter().map(Needle::new).collect(),
            },
        })
    }

    /// Compile a host glob for `link_host`: `dichvucong.gov.vn`, `dichvucong.*.gov.vn`
    /// (`*` = one or more whole labels). Hosts are compared case-insensitively; a leading
    /// `www.` on the host being tested is ignored when the exact host does not match.
    pub fn parse_host(raw: &str) -> Result<Pattern, String> {
        let glob = raw.trim().trim_end_matches('.').to_ascii_lowercase();
        if glob.is_empty() {
            return Err("empty host pattern".into());
        }
        if glob.starts_with("re:") {
            return Err(format!(
                "`{raw}`: link_host takes host globs (`dichvucong.*.gov.vn`), not `re:` regexes"
            ));
        }
        let mut re = String::from("^");
        for (i, label) in glob.split('.').enumerate() {
            if i > 0 {
                re.push_str(r"\.");
            }
            if label == "*" {
                re.push_str(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*");
            } else if label.is_empty() {
                return Err(format!("host pattern `{raw}` has an empty label (`..`)"));
            } else if label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                re.push_str(label);
            } else {
                return Err(format!(
                    "host pattern `{raw}`: label `{label}` may only hold a-z, 0-9, `-`, \
                     or be exactly `*` (write internationalised names in punycode, xn--…)"
                ));
            }
        }
        re.push('$');
        let re = regex::Regex::new(&re).map_err(|e| format!("host pattern `{raw}`: {e}"))?;
        Ok(Pattern {
            raw: raw.to_string(),
            matcher: Matcher::HostGlob(re),
        })
    }

    /// [`Pattern::matches_folded`], anchored at the start of the text: a long heading names a
    /// section only when it begins with the section's name ("Hướng dẫn sử dụng Cổng thông tin
    /// điện tử"), while a headline merely mentions it ("Huyện giải ngân 78% vốn đầu tư công").
    /// The name may follow the generic lead "Thông tin" ("Thông tin đấu thầu - mua sắm công"),
    /// which portals put before any section's name.
    pub fn matches_folded_at_start(&self, folded: &str) -> bool {
        self.starts(folded) || self.starts(without_generic_lead(folded))
    }

    fn starts(&self, folded: &str) -> bool {
        match &self.matcher {
            Matcher::Words {
                folded: needle,
                without_va,
                ..
            } => std::iter::once(needle)
                .chain(without_va)
                .any(|n| n.starts(folded)),
            Matcher::Regex(re) => re.find(folded).is_some_and(|m| m.start() == 0),
            Matcher::HostGlob(_) => false,
        }
    }

    /// How specific a match of this pattern is: the number of words of a word pattern ("văn bản
    /// chỉ đạo điều hành" = 6, "văn bản" = 2); regexes and host globs count 1. When one menu
    /// entry or heading matches several groups, the most specific wins.
    pub fn specificity(&self) -> usize {
        match &self.matcher {
            Matcher::Words { folded, .. } => folded.text.split(' ').count(),
            Matcher::Regex(_) | Matcher::HostGlob(_) => 1,
        }
    }

    /// [`Pattern::specificity`] of a match in `folded` text: a regex counts the words of what
    /// it matched there (`^luat …$` on "luat thong ke" is three), at least one.
    pub fn specificity_in(&self, folded: &str) -> usize {
        match &self.matcher {
            Matcher::Regex(re) => re
                .find(folded)
                .map_or(1, |m| {
                    m.as_str().split(' ').filter(|w| !w.is_empty()).count()
                })
                .max(1),
            _ => self.specificity(),
        }
    }

    /// True for a `link_host` glob.
    pub fn is_host_glob(&self) -> bool {
        matches!(self.matcher, Matcher::HostGlob(_))
    }

    /// Match against text that is already folded (see [`crate::text::fold`]). Word patterns
    /// need word boundaries on both sides; regexes run as written; host globs never match text.
    pub fn matches_folded(&self, folded: &str) -> bool {
        match &self.matcher {
            Matcher::Words {
                folded: needle,
                without_va,
                ..
            } => needle.found_in(folded) || without_va.as_ref().is_some_and(|n| n.found_in(folded)),
            Matcher::Regex(re) => re.is_match(folded),
            Matcher::HostGlob(_) => false,
        }
    }

    /// Match against a URL (absolute, or a path/query): the path and query are percent-decoded
    /// and folded (so `tin-tuc`, `tin_tuc`, `Tin%20t%E1%BB%A9c` match "tin tức"), CamelCase is
    /// also split (`TinTuc` → `tin tuc`), and the mangled and joined spellings of a word
    /// pattern are tried as well (`thong-tin-au-thau` matches "đấu thầu", `tintuc` matches
    /// "tin tức"). The host is not part of the match, except for host globs, which match the
    /// URL's host.
    pub fn matches_url(&self, url: &str) -> bool {
        self.matches_folded_url(&FoldedUrl::new(url))
    }

    /// [`Pattern::matches_url`] on a URL prepared once with [`FoldedUrl::new`]: folding is the
    /// costly part, so callers testing many patterns against one URL should prepare it first.
    pub fn matches_folded_url(&self, url: &FoldedUrl) -> bool {
        let mut variants = std::iter::once(url.plain.as_str()).chain(url.split.as_deref());
        match &self.matcher {
            Matcher::Words { url_needles, .. } => {
                variants.any(|v| url_needles.iter().any(|n| n.found_in(v)))
            }
            Matcher::Regex(re) => variants.any(|v| re.is_match(v)),
            Matcher::HostGlob(_) => url.host.as_deref().is_some_and(|h| self.matches_host(h)),
        }
    }

    /// Match a host name (for `link_host`). A port and a trailing dot are ignored, case does not
    /// matter, and `www.` in front of the host is ignored when the exact host does not match.
    /// Word and regex patterns match the folded host (`dichvucong gov vn`).
    pub fn matches_host(&self, host: &str) -> bool {
        let host = normalise_host(host);
        match &self.matcher {
            Matcher::HostGlob(re) => {
                re.is_match(&host) || host.strip_prefix("www.").is_some_and(|h| re.is_match(h))
            }
            _ => self.matches_folded(&fold(&host)),
        }
    }
}

/// A URL prepared for matching many patterns: its path and query percent-decoded and folded,
/// once as written and once with CamelCase split (`TinTuc` → `tin tuc`), plus its host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedUrl {
    host: Option<String>,
    plain: String,
    split: Option<String>,
}

impl FoldedUrl {
    /// Prepare an absolute URL, a scheme-relative one (`//host/path`) or a path with query.
    /// The fragment is ignored.
    pub fn new(url: &str) -> FoldedUrl {
        let decoded = percent_decode(path_and_query(url));
        let plain = fold(&decoded);
        let split = fold(&split_camel(&decoded));
        FoldedUrl {
            host: host_of(url).map(str::to_string),
            split: (split != plain).then_some(split),
            plain,
        }
    }

    /// The folded path and query, e.g. `pages tintuc aspx` for `/Pages/TinTuc.aspx`.
    pub fn folded(&self) -> &str {
        &self.plain
    }
}

/// The pattern with the leading `d` dropped from every word that began with `đ`, folded; None
/// when no word began with `đ` or the result is too short to be specific.
fn mangle(raw: &str) -> Option<String> {
    let nfc = crate::text::nfc(raw);
    let mut changed = false;
    let mut out = String::with_capacity(nfc.len());
    let mut at_word_start = true;
    for c in nfc.chars() {
        if at_word_start && (c == 'đ' || c == 'Đ') {
            changed = true;
            at_word_start = false;
            continue;
        }
        at_word_start = !c.is_alphanumeric();
        out.push(c);
    }
    if !changed {
        return None;
    }
    let folded = fold(&out);
    let len = folded.chars().filter(|c| c.is_alphanumeric()).count();
    (len >= MIN_MANGLED_LEN).then_some(folded)
}

/// The spellings slug generators that cannot transliterate Vietnamese give a pattern, folded:
/// - every letter outside ASCII dropped ("tin tức" → `tin-tc`, "giới thiệu" → `gii-thiu`);
/// - letters of Latin-1 and Latin Extended-A/B (`á`, `â`, `ă`, `ơ`, `đ` …) reduced to their
///   base letter, while the precomposed letters of Latin Extended Additional (`ả`, `ậ`, `ứ`,
///   U+1E00–U+1EFF, which most of Vietnamese needs) are dropped: "văn bản pháp luật" →
///   `van-bn-phap-lut`. That is what a transliteration table covering only the older Unicode
///   blocks produces.
///
/// A variant is kept only when every word keeps a letter and the whole keeps at least
/// [`MIN_MANGLED_LEN`] letters and digits, so it stays specific.
fn slug_losses(raw: &str) -> Vec<String> {
    let nfc = crate::text::nfc(&raw.to_lowercase());
    let drop_all: String = nfc
        .chars()
        .filter(|c| c.is_ascii() || !c.is_alphabetic())
        .collect();
    let drop_extended: String = nfc
        .chars()
        .filter(|c| !('\u{1E00}'..='\u{1EFF}').contains(c))
        .collect();
    let words = fold(raw).split(' ').count();
    let mut out = Vec::new();
    for variant in [drop_all, drop_extended] {
        let folded = fold(&variant);
        let len = folded.chars().filter(|c| c.is_alphanumeric()).count();
        if folded.split(' ').count() == words && len >= MIN_MANGLED_LEN && !out.contains(&folded) {
            out.push(folded);
        }
    }
    out.retain(|v| *v != fold(raw));
    out
}

/// A folded word sequence with its substring searcher built once: matching runs for every
/// pattern against every link, heading and URL of every page, and building a searcher per call
/// was the audit's hottest spot.
#[derive(Debug, Clone)]
pub(crate) struct Needle {
    pub(crate) text: String,
    finder: memchr::memmem::Finder<'static>,
}

impl Needle {
    pub(crate) fn new(text: String) -> Needle {
        let finder = memchr::memmem::Finder::new(text.as_bytes()).into_owned();
        Needle { text, finder }
    }

    /// Does `hay` start with the needle, followed by a non-alphanumeric character or the end?
    pub(crate) fn starts(&self, hay: &str) -> bool {
        let needle = self.text.as_str();
        hay.starts_with(needle)
            && hay[needle.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    }

    /// Does `hay` contain the needle with a non-alphanumeric character (or the end) on both
    /// sides?
    pub(crate) fn found_in(&self, hay: &str) -> bool {
        let needle = self.text.as_str();
        if needle.is_empty() {
            return false;
        }
        let mut start = 0;
        while let Some(pos) = self.finder.find(&hay.as_bytes()[start..]) {
            let i = start + pos;
            let j = i + needle.len();
            let left_ok = hay[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let right_ok = hay[j..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if left_ok && right_ok {
                return true;
            }
            // Advance by one character (not one byte) to stay on a char boundary.
            start = i + hay[i..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

/// The path and query of a URL (fragment dropped); a relative URL is taken whole.
fn path_and_query(url: &str) -> &str {
    let url = url.split('#').next().unwrap_or("");
    let rest = if let Some(i) = url.find("://") {
        &url[i + 3..]
    } else if let Some(r) = url.strip_prefix("//") {
        r
    } else {
        return url;
    };
    match rest.find(['/', '?']) {
        Some(i) => &rest[i..],
        None => "",
    }
}

/// The host of an absolute (or scheme-relative) URL; None for a relative one.
fn host_of(url: &str) -> Option<&str> {
    let rest = if let Some(i) = url.find("://") {
        &url[i + 3..]
    } else {
        url.strip_prefix("//")?
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    (!host.is_empty()).then_some(host)
}

/// Lowercase, without port, userinfo or trailing dot.
fn normalise_host(host: &str) -> String {
    let host = host.trim();
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = if host.starts_with('[') {
        host // IPv6 literal: leave alone
    } else {
        host.split(':').next().unwrap_or(host)
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// Decode `%XX` escapes (as UTF-8, invalid sequences replaced) and `+` (a space in queries).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Put a space at CamelCase boundaries: `TinTuc` → `Tin Tuc`, `UBNDTinh` → `UBND Tinh`.
fn split_camel(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_uppercase() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || (prev.is_uppercase() && next_lower) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// Regex errors span several lines; keep reports one line per error.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern {
        Pattern::parse(s).unwrap()
    }

    #[test]
    fn words_match_on_boundaries_only() {
        assert!(p("tin").matches_folded("tin tuc"));
        assert!(!p("tin").matches_folded("tinh uy"));
        assert!(!p("tin").matches_folded("thong tinh"));
        assert!(p("tin tức").matches_folded(&fold("Tin tức - Sự kiện")));
        assert!(!p("tin tức").matches_folded("tin tucx"));
        assert!(p("tin tức").matches_folded("trang tin tuc"));
        // non-ASCII letters around do not count as boundaries either
        assert!(!p("tin").matches_folded("ßtin"));
        assert!(p("tin").matches_folded("ß tin"));
    }

    #[test]
    fn start_matches_allow_the_generic_lead_only() {
        let bids = p("đấu thầu");
        assert!(bids.matches_folded_at_start(&fold("Đấu thầu, mua sắm công")));
        assert!(bids.matches_folded_at_start(&fold("Thông tin đấu thầu - mua sắm công")));
        assert!(!bids.matches_folded_at_start(&fold("Huyện tổ chức đấu thầu gói thầu số 3")));
        assert!(bids.matches_folded_at_start(&fold("Thông tin về đấu thầu, mua sắm")));
        assert!(!bids.matches_folded_at_start(&fold("Hội nghị về đấu thầu qua mạng")));
        assert!(!bids.matches_folded_at_start(&fold("Thông tin")));
        assert!(p("re:^dau thau").matches_folded_at_start("thong tin dau thau mua sam"));
    }

    #[test]
    fn a_regex_is_as_specific_as_the_words_it_matched() {
        let law = p("re:^luat (?:[a-z]+ ?){1,3}$");
        assert_eq!(law.specificity_in("luat thong ke"), 3);
        assert_eq!(law.specificity(), 1);
        assert!(law.specificity_in("luat thong ke") > p("thống kê").specificity());
        assert_eq!(p("thống kê").specificity_in("so lieu thong ke"), 2);
    }

    #[test]
    fn va_may_be_written_as_a_sign_or_left_out() {
        let p = p("pháp luật và đời sống");
        for label in [
            "Pháp luật và Đời sống",
            "Pháp luật & Đời sống",
            "Pháp luật - Đời sống",
        ] {
            assert!(p.matches_folded(&fold(label)), "{label}");
            assert!(p.matches_folded_at_start(&fold(label)), "{label}");
        }
        assert!(!p.matches_folded(&fold("Pháp luật về đời sống")));
    }

    #[test]
    fn nfd_text_matches() {
        let nfd: String = {
            use unicode_normalization::UnicodeNormalization;
            "Lịch Công Tác".nfd().collect()
        };
        assert_ne!(nfd, "Lịch Công Tác");
        assert!(p("lịch công tác").matches_folded(&fold(&nfd)));
        assert!(p("lich cong tac").matches_folded(&fold("LỊCH CÔNG TÁC TUẦN")));
    }

    #[test]
    fn slugs_that_lost_their_vietnamese_letters() {
        // every non-ASCII letter dropped
        assert!(p("tin tức").matches_url("https://a.gov.vn/tin-tc/"));
        assert!(p("giới thiệu").matches_url("/gii-thiu"));
        assert!(p("văn bản pháp luật").matches_url("/vn-bn-php-lut/"));
        // Latin-1/Extended-A letters transliterated, U+1Exx letters dropped
        assert!(p("văn bản pháp luật").matches_url("/van-bn-phap-lut"));
        assert!(p("lịch công tác").matches_url("/lch-cong-tac"));
        // …joined too
        assert!(p("tin tức").matches_url("/tintc.aspx"));
        // a word that vanishes, or a too-short remainder, gives no variant
        assert!(!p("dự án").matches_url("/d-n/"));
        assert!(!p("lấy ý kiến").matches_url("/ly--kin"));
        // only whole words: `tc` inside another word does not match
        assert!(!p("tin tức").matches_url("/tin-tcx/"));
        // mangled spellings are for URLs only
        assert!(!p("tin tức").matches_folded("tin tc"));
    }

    #[test]
    fn url_slugs_and_mangled_d() {
        let dt = p("đấu thầu");
        assert!(dt.matches_url("/web/so-tu-phap/thong-tin-au-thau"));
        assert!(dt.matches_url("https://sonla.gov.vn/web/so-tu-phap/thong-tin-dau-thau?x=1"));
        assert!(!dt.matches_url("/web/so-tu-phap/thong-tin-bau-thau"));
        // mangled spelling is for URLs only
        assert!(!dt.matches_folded("thong tin au thau"));
        // too short once mangled: no variant
        assert!(!p("đi").matches_url("/a/i/b"));
    }

    #[test]
    fn url_camel_case_percent_and_joined() {
        let tt = p("tin tức");
        assert!(tt.matches_url("/Pages/TinTuc.aspx"));
        assert!(tt.matches_url("https://x.gov.vn/Pages/Tin%20t%E1%BB%A9c.aspx"));
        assert!(tt.matches_url("/tintuc/Pages/default.aspx"));
        assert!(tt.matches_url("/tin_tuc/"));
        assert!(tt.matches_url("/?cat=tin+tuc"));
        assert!(!tt.matches_url("/tintucx/"));
        assert!(p("tintuc").matches_url("/Pages/TinTuc.aspx"));
        assert!(p("ubnd").matches_url("/UBNDTinh/"));
        // the host is not part of a text match
        assert!(!tt.matches_url("https://tintuc.gov.vn/"));
        assert!(!tt.matches_url("https://x.gov.vn/a#tin-tuc"));
    }

    #[test]
    fn folded_url_is_prepared_once() {
        let u = FoldedUrl::new("https://x.gov.vn/Pages/TinTuc.aspx?a=1#frag");
        assert_eq!(u.folded(), "pages tintuc aspx a 1");
        assert!(p("tin tức").matches_folded_url(&u));
        assert!(p("tintuc").matches_folded_url(&u));
        assert!(!p("frag").matches_folded_url(&u));
        let host = Pattern::parse_host("*.gov.vn").unwrap();
        assert!(host.matches_folded_url(&u));
        assert!(!host.matches_folded_url(&FoldedUrl::new("/relative/only")));
    }

    #[test]
    fn percent_decode_edge_cases() {
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("a%zz"), "a%zz");
        assert_eq!(percent_decode("%41"), "A");
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
    }

    #[test]
    fn regex_patterns() {
        let r = p(r"re:giay phep so \d+ gp");
        assert!(r.matches_folded(&fold("Giấy phép số 08/GP-STTTT")));
        assert!(p("re:tin ?tuc").matches_url("/TinTuc"));
        assert!(Pattern::parse("re:(").unwrap_err().contains("bad regex"));
        assert!(Pattern::parse("re:.*").unwrap_err().contains("empty"));
        assert!(
            Pattern::parse("re:tin tức")
                .unwrap_err()
                .contains("diacritics")
        );
        assert!(Pattern::parse("re:").is_err());
        assert!(Pattern::parse(" - ").is_err());
    }

    #[test]
    fn host_globs() {
        let star = Pattern::parse_host("dichvucong.*.gov.vn").unwrap();
        assert!(star.matches_host("dichvucong.sonla.gov.vn"));
        assert!(star.matches_host("DichVuCong.SonLa.gov.vn."));
        assert!(star.matches_host("dichvucong.a.b.gov.vn"));
        assert!(star.matches_host("dichvucong.sonla.gov.vn:443"));
        assert!(!star.matches_host("dichvucong.gov.vn"));
        assert!(!star.matches_host("xdichvucong.sonla.gov.vn"));
        assert!(!star.matches_host("dichvucong.sonla.gov.vn.evil.com"));
        let plain = Pattern::parse_host("dichvucong.gov.vn").unwrap();
        assert!(plain.matches_host("dichvucong.gov.vn"));
        assert!(plain.matches_host("www.dichvucong.gov.vn"));
        assert!(!plain.matches_host("dichvucong.sonla.gov.vn"));
        assert!(!plain.matches_host("dichvucongxgov.vn"));
        assert!(plain.matches_url("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"));
        assert!(plain.matches_url("//dichvucong.gov.vn"));
        assert!(!plain.matches_url("/dichvucong.gov.vn/"));
        assert!(!plain.matches_folded("dichvucong gov vn"));
        assert!(Pattern::parse_host("a..b").is_err());
        assert!(Pattern::parse_host("a.b*.vn").is_err());
        assert!(Pattern::parse_host("re:x").is_err());
        assert!(Pattern::parse_host("").is_err());
    }

    #[test]
    fn camel_split() {
        assert_eq!(split_camel("TinTuc"), "Tin Tuc");
        assert_eq!(split_camel("UBNDTinh"), "UBND Tinh");
        assert_eq!(split_camel("tin-tuc"), "tin-tuc");
        assert_eq!(split_camel("LịchCôngTác"), "Lịch Công Tác");
    }
}
