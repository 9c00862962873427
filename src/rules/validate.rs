//! From YAML text to a checked [`RuleSet`].
//!
//! serde-saphyr parses the text into a [`tree`](super::tree) of located nodes (syntax errors
//! and duplicate keys stop there, located by the parser). The tree is then read field by field:
//! every unknown key, wrong type, missing field and semantic problem is collected, each at the
//! line and column of the node at fault, and all of them are returned sorted by position.

use sha2::{Digest, Sha256};

use super::tree::{Key, Kind, Loc, Node};
use super::{
    AgeUnit, Band, Completeness, Criterion, Evidence, Feature, Freshness, FreshnessStep, Group,
    Pattern, RuleError, RuleSet,
};

/// Sums must agree to this tolerance.
const SUM_TOLERANCE: f64 = 1e-6;

/// Rules are shallow (about 7 levels); a low nesting cap stops pathological input early.
const MAX_DEPTH: usize = 64;

const TOP_KEYS: &[&str] = &[
    "id",
    "title",
    "source",
    "total",
    "bands",
    "no_section",
    "groups",
];
const BAND_KEYS: &[&str] = &["id", "label", "min"];
const GROUP_KEYS: &[&str] = &["id", "name", "max", "criteria"];
const CRITERION_KEYS: &[&str] = &[
    "id",
    "name",
    "points",
    "evidence",
    "freshness",
    "completeness",
    "external_factor",
    "page_function",
    "fix",
];
const EVIDENCE_KEYS: &[&str] = &[
    "link_text",
    "url",
    "heading",
    "title",
    "text",
    "footer",
    "link_host",
    "features",
];
const FRESHNESS_KEYS: &[&str] = &["unit", "steps"];
const STEP_KEYS: &[&str] = &["within", "factor"];
const COMPLETENESS_KEYS: &[&str] = &["items_in_window", "window_days"];
const FEATURES: &[(&str, Feature)] = &[
    ("search_form", Feature::SearchForm),
    ("feed", Feature::Feed),
    ("sitemap_xml", Feature::SitemapXml),
    ("procedure_list", Feature::ProcedureList),
    (
        "procedure_levels_toan_trinh",
        Feature::ProcedureLevelsToanTrinh,
    ),
    ("procedure_levels_muc_do", Feature::ProcedureLevelsMucDo),
    ("mobile_viewport", Feature::MobileViewport),
];
const UNITS: &[(&str, AgeUnit)] = &[
    ("working_days", AgeUnit::WorkingDays),
    ("days", AgeUnit::Days),
];

/// Parse and validate.
pub(super) fn load(yaml: &str, file: &str) -> Result<RuleSet, Vec<RuleError>> {
    let sha256 = hex::encode(Sha256::digest(yaml.as_bytes()));
    let root = parse_located(yaml, file).map_err(|e| vec![e])?;
    let mut v = Reader {
        out: Located::new(file),
    };
    match v.rules(&root, sha256) {
        Some(rules) => v.out.into_result(rules),
        None if v.out.errors.is_empty() => Err(vec![RuleError {
            file: file.to_string(),
            line: root.loc.line,
            column: root.loc.column,
            message: "internal error: the rule file was rejected without a reason".into(),
        }]),
        None => Err(v.out.sorted()),
    }
}

/// Parse a YAML file (a leading BOM allowed) into a located tree, with the limits every input
/// of ttdt gets (strict booleans, bounded depth); a syntax error is located by the parser.
pub(crate) fn parse_located(yaml: &str, file: &str) -> Result<Node, RuleError> {
    let body = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    let options = serde_saphyr::Options {
        with_snippet: false,
        crop_radius: 0,
        strict_booleans: true,
        budget: Some(serde_saphyr::Budget {
            max_depth: MAX_DEPTH,
            ..Default::default()
        }),
        ..Default::default()
    };
    serde_saphyr::from_str_with_options(body, options).map_err(|e| yaml_error(file, body, &e))
}

/// The located errors of one YAML file, and the check every reader of such a file makes:
/// a mapping with only known keys.
pub(crate) struct Located<'a> {
    file: &'a str,
    pub errors: Vec<RuleError>,
}

impl<'a> Located<'a> {
    pub fn new(file: &'a str) -> Self {
        Located {
            file,
            errors: Vec::new(),
        }
    }

    pub fn err(&mut self, loc: Loc, message: impl Into<String>) {
        self.errors.push(RuleError {
            file: self.file.to_string(),
            line: loc.line,
            column: loc.column,
            message: message.into(),
        });
    }

    /// The entries of `node` when it is a mapping; each key not in `allowed` is reported (with
    /// a "did you mean" hint when `hint` and one is close), and a non-mapping is reported.
    pub fn entries<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
        hint: bool,
    ) -> Option<&'n [(Key, Node)]> {
        let Kind::Map(entries) = &node.kind else {
            self.err(
                node.loc,
                format!(
                    "{what} must be a mapping (key: value), found {}",
                    node.kind.describe()
                ),
            );
            return None;
        };
        for (k, _) in entries {
            if !allowed.contains(&k.name.as_str()) {
                let hint = match closest(&k.name, allowed).filter(|_| hint) {
                    Some(s) => format!("did you mean `{s}`? "),
                    None => String::new(),
                };
                self.err(
                    k.loc,
                    format!(
                        "unknown key `{}` in {what}; {hint}allowed keys: {}",
                        k.name,
                        allowed.join(", ")
                    ),
                );
            }
        }
        Some(entries)
    }

    /// `value` when nothing was reported, else every error in file order.
    pub fn into_result<T>(self, value: T) -> Result<T, Vec<RuleError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.sorted())
        }
    }

    /// Every error reported, in file order.
    pub fn sorted(mut self) -> Vec<RuleError> {
        self.errors.sort_by_key(|e| (e.line, e.column));
        self.errors
    }
}

/// A parser error as a located [`RuleError`]. The parser's own " at line L, column C" suffix is
/// dropped from the message since the location is in the fields.
pub(crate) fn yaml_error(file: &str, body: &str, e: &serde_saphyr::Error) -> RuleError {
    let e = e.without_snippet();
    let mut message = e.to_string();
    let (line, column) = match e.location() {
        Some(loc) => {
            let suffix = format!(" at line {}, column {}", loc.line(), loc.column());
            if let Some(stripped) = message.strip_suffix(&suffix) {
                message = stripped.to_string();
            }
            (loc.line() as usize, loc.column() as usize)
        }
        // Errors without a position are about the document as a whole (e.g. it ended too
        // early): point at the end of the text.
        None => line_col(body.as_bytes(), body.len()),
    };
    if message.starts_with("multiple YAML documents") {
        message = "more than one YAML document (`---`): a rule file holds exactly one".into();
    }
    RuleError {
        file: file.to_string(),
        line,
        column,
        message: format!("YAML syntax: {message}"),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// A number as people write it: `15`, `7.5`.
pub(super) fn num(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A value with the location of its node.
struct At<T> {
    value: T,
    loc: Loc,
}

/// The entries of a mapping, after unknown keys were reported.
struct Fields<'a> {
    entries: &'a [(Key, Node)],
    loc: Loc,
    /// What the mapping is, for messages: "criterion `tin_tuc_co`".
    what: String,
}

impl<'a> Fields<'a> {
    /// The value of `key`; an explicit null counts as absent.
    fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, n)| n)
            .filter(|n| !matches!(n.kind, Kind::Null))
    }

    /// The location of `key` itself (for problems with the entry as a whole).
    fn key_loc(&self, key: &str) -> Option<Loc> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, _)| k.loc)
    }
}

struct Reader<'a> {
    out: Located<'a>,
}

impl Reader<'_> {
    fn err(&mut self, loc: Loc, message: impl Into<String>) {
        self.out.err(loc, message);
    }

    // ---- typed access to the tree -------------------------------------------------------

    /// A mapping with only `allowed` keys (each unknown key is reported, and skipped).
    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: String,
        allowed: &[&str],
    ) -> Option<Fields<'n>> {
        let entries = self.out.entries(node, &what, allowed, true)?;
        Some(Fields {
            entries,
            loc: node.loc,
            what,
        })
    }

    /// A required field; reported at the start of the mapping when absent.
    fn required<'n>(&mut self, f: &Fields<'n>, key: &str) -> Option<&'n Node> {
        let node = f.get(key);
        if node.is_none() {
            let loc = f.key_loc(key).unwrap_or(f.loc);
            self.err(loc, format!("missing required field `{key}` in {}", f.what));
        }
        node
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<At<String>> {
        let value = match &node.kind {
            Kind::Str(s) => s.clone(),
            Kind::Int(i) => i.to_string(),
            Kind::Float(x) => x.to_string(),
            Kind::Bool(b) => b.to_string(),
            other => {
                self.err(
                    node.loc,
                    format!("{what} must be text, found {}", other.describe()),
                );
                return None;
            }
        };
        Some(At {
            value,
            loc: node.loc,
        })
    }

    fn req_string(&mut self, f: &Fields, key: &str, what: &str) -> Option<At<String>> {
        let node = self.required(f, key)?;
        self.string(node, what)
    }

    /// Non-empty text.
    fn req_text(&mut self, f: &Fields, key: &str, what: &str) -> Option<At<String>> {
        let s = self.req_string(f, key, what)?;
        if s.value.trim().is_empty() {
            self.err(s.loc, format!("{what} is empty"));
        }
        Some(s)
    }

    /// An id: `a-z`, `0-9`, `_`, `-`, so it is safe in reports, CSV and URLs.
    fn req_id(&mut self, f: &Fields, what: &str) -> Option<At<String>> {
        let id = self.req_string(f, "id", &format!("{what} id"))?;
        if id.value.is_empty() {
            self.err(id.loc, format!("{what} id is empty"));
        } else if !id
            .value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        {
            self.err(
                id.loc,
                format!(
                    "{what} id `{}` may only hold a-z, 0-9, `_` and `-`",
                    id.value
                ),
            );
        }
        Some(id)
    }

    /// A finite number.
    fn number(&mut self, node: &Node, what: &str) -> Option<At<f64>> {
        let value = match &node.kind {
            Kind::Int(i) => *i as f64,
            Kind::Float(x) if x.is_finite() => *x,
            other => {
                self.err(
                    node.loc,
                    format!("{what} must be a number, found {}", other.describe()),
                );
                return None;
            }
        };
        Some(At {
            value,
            loc: node.loc,
        })
    }

    fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match &node.kind {
            Kind::Bool(b) => Some(*b),
            other => {
                self.err(
                    node.loc,
                    format!("{what} must be true or false, found {}", other.describe()),
                );
                None
            }
        }
    }

    fn req_number(&mut self, f: &Fields, key: &str, what: &str) -> Option<At<f64>> {
        let node = self.required(f, key)?;
        self.number(node, what)
    }

    /// A whole number in `0..=u32::MAX`.
    fn req_count(&mut self, f: &Fields, key: &str, what: &str) -> Option<At<u32>> {
        let node = self.required(f, key)?;
        let value = match &node.kind {
            Kind::Int(i) => u32::try_from(*i).ok(),
            Kind::Float(x) if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(x) => {
                Some(*x as u32)
            }
            _ => None,
        };
        match value {
            Some(value) => Some(At {
                value,
                loc: node.loc,
            }),
            None => {
                self.err(
                    node.loc,
                    format!(
                        "{what} must be a whole number ≥ 0, found {}",
                        node.kind.describe()
                    ),
                );
                None
            }
        }
    }

    /// A list (absent or null = empty).
    fn list<'n>(&mut self, node: Option<&'n Node>, what: &str) -> &'n [Node] {
        match node.map(|n| (n, &n.kind)) {
            None => &[],
            Some((_, Kind::Seq(items))) => items,
            Some((n, other)) => {
                self.err(
                    n.loc,
                    format!("{what} must be a list ([...]), found {}", other.describe()),
                );
                &[]
            }
        }
    }

    /// One of a fixed set of names.
    fn choice<T: Copy>(&mut self, node: &Node, what: &str, names: &[(&str, T)]) -> Option<T> {
        let s = self.string(node, what)?;
        if let Some((_, v)) = names.iter().find(|(n, _)| *n == s.value) {
            return Some(*v);
        }
        let allowed: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        let hint = match closest(&s.value, &allowed) {
            Some(c) => format!("did you mean `{c}`? "),
            None => String::new(),
        };
        self.err(
            s.loc,
            format!(
                "unknown {what} `{}`; {hint}allowed: {}",
                s.value,
                allowed.join(", ")
            ),
        );
        None
    }

    // ---- the rule file --------------------------------------------------------------------

    fn rules(&mut self, root: &Node, sha256: String) -> Option<RuleSet> {
        if let Kind::Null = root.kind {
            // An empty or comment-only file: point at its start, not at where the parser gave up.
            self.err(
                Loc { line: 1, column: 1 },
                "the rule file is empty: expected a mapping with id, title, total, bands and groups",
            );
            return None;
        }
        let f = self.mapping(root, "the rule file".into(), TOP_KEYS)?;
        let id = self.req_id(&f, "rule set");
        let title = self.req_text(&f, "title", "title");
        let source = f.get("source").and_then(|n| self.string(n, "source"));
        let total = self.req_number(&f, "total", "total");
        if let Some(t) = &total
            && t.value <= 0.0
        {
            self.err(
                t.loc,
                format!("total must be greater than 0, found {}", num(t.value)),
            );
        }
        let bands = self.bands(&f, total.as_ref().map(|t| t.value));
        let no_section = self.patterns(f.get("no_section"), "no_section", false);

        let mut groups = Vec::new();
        let mut sums_ok = true;
        let mut maxima = 0.0;
        let mut group_ids: Vec<(String, Loc)> = Vec::new();
        let mut criterion_ids: Vec<(String, Loc)> = Vec::new();
        if let Some(node) = self.required(&f, "groups") {
            let list = self.list(Some(node), "groups");
            if list.is_empty() && matches!(node.kind, Kind::Seq(_)) {
                self.err(node.loc, "no groups: a rule set needs at least one");
            }
            for g in list {
                match self.group(g, &mut group_ids, &mut criterion_ids) {
                    Some((group, max_ok)) => {
                        sums_ok &= max_ok;
                        maxima += group.max;
                        groups.push(group);
                    }
                    None => sums_ok = false,
                }
            }
        } else {
            sums_ok = false;
        }
        if let Some(t) = &total
            && sums_ok
            && !groups.is_empty()
            && (maxima - t.value).abs() > SUM_TOLERANCE
        {
            self.err(
                t.loc,
                format!(
                    "group maxima add up to {}, but total is {}",
                    num(maxima),
                    num(t.value)
                ),
            );
        }

        Some(RuleSet {
            id: id?.value,
            title: title?.value,
            source: source.map(|s| s.value).unwrap_or_default(),
            sha256,
            total: total?.value,
            bands: bands?,
            no_section,
            groups,
            calendar: crate::calendar::WorkCalendar::vietnam(),
        })
    }

    fn bands(&mut self, top: &Fields, total: Option<f64>) -> Option<Vec<Band>> {
        let node = self.required(top, "bands")?;
        let list = self.list(Some(node), "bands");
        if list.is_empty() {
            if matches!(node.kind, Kind::Seq(_)) {
                self.err(node.loc, "no bands: at least one band with min 0 is needed");
            }
            return None;
        }
        let mut out: Vec<Band> = Vec::with_capacity(list.len());
        let mut ok = true;
        let mut seen: Vec<(String, Loc)> = Vec::new();
        let mut prev_min: Option<f64> = None;
        let mut last_min: Option<At<f64>> = None;
        let mut any_zero = false;
        for (i, b) in list.iter().enumerate() {
            let Some(f) = self.mapping(b, format!("band #{}", i + 1), BAND_KEYS) else {
                ok = false;
                continue;
            };
            let id = self.req_id(&f, "band");
            let label = self.req_text(&f, "label", "band label");
            let min = self.req_number(&f, "min", "band min");
            if let Some(id) = &id {
                if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id.value) {
                    let first = *first;
                    self.err(
                        id.loc,
                        format!(
                            "duplicate band id `{}` (first used at line {})",
                            id.value, first.line
                        ),
                    );
                } else {
                    seen.push((id.value.clone(), id.loc));
                }
            }
            if let Some(m) = &min {
                any_zero |= m.value == 0.0;
                if m.value < 0.0 {
                    self.err(m.loc, format!("band min {} is negative", num(m.value)));
                } else if let Some(t) = total
                    && m.value > t
                {
                    self.err(
                        m.loc,
                        format!("band min {} is above the total {}", num(m.value), num(t)),
                    );
                }
                if let Some(p) = prev_min
                    && m.value >= p
                {
                    self.err(
                        m.loc,
                        format!(
                            "bands must be listed highest first with strictly descending min: \
                             {} is not below the previous band's {}",
                            num(m.value),
                            num(p)
                        ),
                    );
                }
                prev_min = Some(m.value);
            }
            match (id, label, &min) {
                (Some(id), Some(label), Some(m)) => out.push(Band {
                    id: id.value,
                    label: label.value,
                    min: m.value,
                }),
                _ => ok = false,
            }
            last_min = if i + 1 == list.len() { min } else { None };
        }
        if let Some(m) = last_min
            && m.value != 0.0
            && !any_zero
        {
            self.err(
                m.loc,
                format!(
                    "the lowest band must have min 0, so that every score gets a band; found {}",
                    num(m.value)
                ),
            );
        }
        ok.then_some(out)
    }

    /// A group, and whether its max is known (for the total check).
    fn group(
        &mut self,
        node: &Node,
        group_ids: &mut Vec<(String, Loc)>,
        criterion_ids: &mut Vec<(String, Loc)>,
    ) -> Option<(Group, bool)> {
        let what = match id_hint(node) {
            Some(id) => format!("group `{id}`"),
            None => "a group".into(),
        };
        let f = self.mapping(node, what.clone(), GROUP_KEYS)?;
        let id = self.req_id(&f, "group");
        let name = self.req_text(&f, "name", "group name");
        let max = self.req_number(&f, "max", "group max");
        if let Some(m) = &max
            && m.value <= 0.0
        {
            self.err(
                m.loc,
                format!("group max must be greater than 0, found {}", num(m.value)),
            );
        }
        if let Some(id) = &id {
            if let Some((_, first)) = group_ids.iter().find(|(s, _)| *s == id.value) {
                let first = *first;
                self.err(
                    id.loc,
                    format!(
                        "duplicate group id `{}` (first used at line {})",
                        id.value, first.line
                    ),
                );
            } else {
                group_ids.push((id.value.clone(), id.loc));
            }
        }

        let mut criteria = Vec::new();
        let mut points_ok = true;
        let mut points = 0.0;
        if let Some(list_node) = self.required(&f, "criteria") {
            let list = self.list(Some(list_node), "criteria");
            if list.is_empty() && matches!(list_node.kind, Kind::Seq(_)) {
                self.err(list_node.loc, format!("{what} has no criteria"));
            }
            for c in list {
                match self.criterion(c, criterion_ids) {
                    Some((c, p_ok)) => {
                        points_ok &= p_ok;
                        points += c.points;
                        criteria.push(c);
                    }
                    None => points_ok = false,
                }
            }
            points_ok &= !list.is_empty();
        } else {
            points_ok = false;
        }
        if let Some(m) = &max
            && m.value > 0.0
            && points_ok
            && (points - m.value).abs() > SUM_TOLERANCE
        {
            self.err(
                m.loc,
                format!(
                    "the criteria of {what} add up to {} points, but its max is {}",
                    num(points),
                    num(m.value)
                ),
            );
        }
        let max_ok = max.as_ref().is_some_and(|m| m.value > 0.0);
        Some((
            Group {
                id: id?.value,
                name: name?.value,
                max: max?.value,
                criteria,
            },
            max_ok,
        ))
    }

    /// A criterion, and whether its points are known (for the group sum).
    fn criterion(
        &mut self,
        node: &Node,
        criterion_ids: &mut Vec<(String, Loc)>,
    ) -> Option<(Criterion, bool)> {
        let what = match id_hint(node) {
            Some(id) => format!("criterion `{id}`"),
            None => "a criterion".into(),
        };
        let f = self.mapping(node, what.clone(), CRITERION_KEYS)?;
        let id = self.req_id(&f, "criterion");
        let name = self.req_text(&f, "name", "criterion name");
        let fix = self.req_text(&f, "fix", "fix hint");
        let points = self.req_number(&f, "points", "points");
        if let Some(p) = &points
            && p.value <= 0.0
        {
            self.err(
                p.loc,
                format!("points must be greater than 0, found {}", num(p.value)),
            );
        }
        if let Some(id) = &id {
            if let Some((_, first)) = criterion_ids.iter().find(|(s, _)| *s == id.value) {
                let first = *first;
                self.err(
                    id.loc,
                    format!(
                        "duplicate criterion id `{}` (first used at line {}); criterion ids \
                         must be unique in the whole file",
                        id.value, first.line
                    ),
                );
            } else {
                criterion_ids.push((id.value.clone(), id.loc));
            }
        }
        let evidence = self
            .required(&f, "evidence")
            .and_then(|n| self.evidence(n, &what));
        let freshness = f.get("freshness").map(|n| self.freshness(n, &what));
        let completeness = f.get("completeness").map(|n| self.completeness(n, &what));
        let external_factor = match f.get("external_factor") {
            None => Some(1.0),
            Some(n) => self.number(n, "external_factor").and_then(|x| {
                if !(0.0..=1.0).contains(&x.value) {
                    self.err(
                        x.loc,
                        format!(
                            "external_factor must be between 0 and 1, found {}",
                            num(x.value)
                        ),
                    );
                    None
                } else {
                    if evidence.as_ref().is_some_and(|e| e.link_host.is_empty()) {
                        self.err(
                            x.loc,
                            "external_factor has no effect without link_host patterns in \
                             evidence",
                        );
                    }
                    Some(x.value)
                }
            }),
        };
        let page_function = match f.get("page_function") {
            None => Some(false),
            Some(n) => self.boolean(n, "page_function"),
        };
        // A rejected value (≤ 0) already has its error; a sum over it would only add noise.
        let points_ok = points.as_ref().is_some_and(|p| p.value > 0.0);
        Some((
            Criterion {
                id: id?.value,
                name: name?.value,
                points: points?.value,
                evidence: evidence?,
                freshness: freshness.flatten(),
                completeness: completeness.flatten(),
                external_factor: external_factor?,
                page_function: page_function?,
                fix: fix?.value,
            },
            points_ok,
        ))
    }

    fn patterns(&mut self, node: Option<&Node>, key: &str, host: bool) -> Vec<Pattern> {
        let mut out = Vec::new();
        for item in self.list(node, &format!("evidence `{key}`")) {
            let Some(raw) = self.string(item, &format!("a `{key}` pattern")) else {
                continue;
            };
            let compiled = if host {
                Pattern::parse_host(&raw.value)
            } else {
                Pattern::parse(&raw.value)
            };
            match compiled {
                Ok(p) => out.push(p),
                Err(reason) => self.err(raw.loc, format!("{key}: {reason}")),
            }
        }
        out
    }

    fn evidence(&mut self, node: &Node, owner: &str) -> Option<Evidence> {
        let before = self.out.errors.len();
        let f = self.mapping(node, format!("the evidence of {owner}"), EVIDENCE_KEYS)?;
        let mut e = Evidence {
            link_text: self.patterns(f.get("link_text"), "link_text", false),
            url: self.patterns(f.get("url"), "url", false),
            heading: self.patterns(f.get("heading"), "heading", false),
            title: self.patterns(f.get("title"), "title", false),
            text: self.patterns(f.get("text"), "text", false),
            footer: self.patterns(f.get("footer"), "footer", false),
            link_host: self.patterns(f.get("link_host"), "link_host", true),
            features: Vec::new(),
        };
        for item in self.list(f.get("features"), "evidence `features`") {
            if let Some(feat) = self.choice(item, "feature", FEATURES) {
                e.features.push(feat);
            }
        }
        if e.is_empty() && self.out.errors.len() == before {
            self.err(
                node.loc,
                format!(
                    "empty evidence in {owner}: give at least one pattern (link_text, url, \
                     heading, title, text, footer, link_host) or feature"
                ),
            );
        }
        Some(e)
    }

    fn freshness(&mut self, node: &Node, owner: &str) -> Option<Freshness> {
        let f = self.mapping(node, format!("the freshness of {owner}"), FRESHNESS_KEYS)?;
        let unit = self
            .required(&f, "unit")
            .and_then(|n| self.choice(n, "freshness unit", UNITS));
        let steps_node = self.required(&f, "steps")?;
        let list = self.list(Some(steps_node), "freshness steps");
        if list.is_empty() && matches!(steps_node.kind, Kind::Seq(_)) {
            self.err(steps_node.loc, "freshness needs at least one step");
        }
        let mut steps = Vec::with_capacity(list.len());
        let mut ok = true;
        let mut prev: Option<(u32, Option<f64>)> = None;
        for (i, s) in list.iter().enumerate() {
            let Some(sf) = self.mapping(s, format!("freshness step #{}", i + 1), STEP_KEYS) else {
                ok = false;
                continue;
            };
            let within = self.req_count(&sf, "within", "within");
            let factor = self.req_number(&sf, "factor", "factor");
            let factor = factor.and_then(|x| {
                if (0.0..=1.0).contains(&x.value) {
                    Some(x)
                } else {
                    self.err(
                        x.loc,
                        format!(
                            "freshness factor must be between 0 and 1, found {}",
                            num(x.value)
                        ),
                    );
                    None
                }
            });
            if let (Some(w), Some((pw, pf))) = (&within, prev) {
                if w.value <= pw {
                    self.err(
                        w.loc,
                        format!(
                            "freshness steps must be in ascending order of `within`: {} follows {pw}",
                            w.value
                        ),
                    );
                }
                if let (Some(x), Some(pf)) = (&factor, pf)
                    && x.value > pf
                {
                    self.err(
                        x.loc,
                        format!(
                            "older content cannot earn more: factor {} follows {}",
                            num(x.value),
                            num(pf)
                        ),
                    );
                }
            }
            match (within, factor) {
                (Some(w), Some(x)) => {
                    prev = Some((w.value, Some(x.value)));
                    steps.push(FreshnessStep {
                        within: w.value,
                        factor: x.value,
                    });
                }
                (Some(w), None) => {
                    prev = Some((w.value, None));
                    ok = false;
                }
                _ => ok = false,
            }
        }
        (ok && !steps.is_empty()).then_some(())?;
        Some(Freshness { unit: unit?, steps })
    }

    fn completeness(&mut self, node: &Node, owner: &str) -> Option<Completeness> {
        let f = self.mapping(
            node,
            format!("the completeness of {owner}"),
            COMPLETENESS_KEYS,
        )?;
        let items = self.req_count(&f, "items_in_window", "items_in_window");
        let window = self.req_count(&f, "window_days", "window_days");
        for x in [&items, &window].into_iter().flatten() {
            if x.value == 0 {
                self.err(x.loc, "completeness counts must be at least 1");
            }
        }
        Some(Completeness {
            items_in_window: items?.value,
            window_days: window?.value,
        })
    }
}

/// The `id` of a mapping node, when it is a plain string, to name it in messages.
fn id_hint(node: &Node) -> Option<&str> {
    let Kind::Map(entries) = &node.kind else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.name == "id")
        .and_then(|(_, v)| match &v.kind {
            Kind::Str(s) if !s.is_empty() && s.len() <= 80 => Some(s.as_str()),
            _ => None,
        })
}

/// The allowed name nearest to a misspelt one (edit distance ≤ 2), for "did you mean".
fn closest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (edit_distance(word, a), *a))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 || a.len() > 64 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_people_write_them() {
        assert_eq!(num(15.0), "15");
        assert_eq!(num(7.5), "7.5");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(f64::NAN), "NaN");
    }

    #[test]
    fn line_col_counts_chars() {
        let s = "ab\nlịch x";
        assert_eq!(line_col(s.as_bytes(), 0), (1, 1));
        assert_eq!(line_col(s.as_bytes(), 3), (2, 1));
        let x = s.find('x').unwrap();
        assert_eq!(line_col(s.as_bytes(), x), (2, 6));
        assert_eq!(line_col(s.as_bytes(), 999), (2, 7));
    }

    #[test]
    fn did_you_mean() {
        assert_eq!(closest("fixx", CRITERION_KEYS), Some("fix"));
        assert_eq!(closest("link_txt", EVIDENCE_KEYS), Some("link_text"));
        assert_eq!(closest("zzzzzz", EVIDENCE_KEYS), None);
    }
}
