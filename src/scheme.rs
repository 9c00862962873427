//! Ranking schemes: what `ttdt rank` ranks, per block, and how totals are banded.
//!
//! Two kinds of file give a [`Scheme`]:
//! - an **IT-application scheme** (`rules/sonla-2017-it.yaml`) declares its blocks, each with
//!   its categories ("hạng mục") and their maxima (adding up to 100), and the bands. Only its
//!   own blocks are accepted.
//! - **website rules** (`rules/sonla-2017.yaml`, read by [`crate::rules::load_file`]) accept any
//!   block: their content groups are the categories of every block, and their total is the
//!   maximum ([`Scheme::from_rules`]).
//!
//! [`load_any`] tells them apart by the top-level key (`blocks:` or `groups:`).
//!
//! # Errors
//! Like the rule files, a scheme file is parsed by serde-saphyr into a tree of located nodes
//! (every node read through [`serde_saphyr::Spanned`]), then read by hand so that every unknown
//! key, wrong type, missing field and semantic problem (maxima not adding up to 100, duplicate
//! ids, bands out of order) is reported in one pass as `file:line:column: reason`
//! ([`RuleError`]). It never panics.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use sha2::{Digest, Sha256};

use crate::rules::{Band, RuleError, RuleSet};

/// Category maxima of a declared block must add up to this.
pub const BLOCK_TOTAL: f64 = 100.0;

/// Column names of the scores CSV that cannot be category ids.
pub const RESERVED_COLUMNS: &[&str] = &["agency", "block", "total"];

/// Sums must agree to this tolerance.
const SUM_TOLERANCE: f64 = 1e-6;

/// A validated ranking scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    /// Stable id, e.g. `sonla-2017-it`.
    pub id: String,
    /// Human title (Vietnamese).
    pub title: String,
    /// What is ranked, in titles and captions: "mức độ ứng dụng CNTT", "Trang TTĐT".
    pub subject: String,
    /// What a category is called in captions and headers: "hạng mục", "nhóm tiêu chí".
    pub category_label: String,
    /// Legal source and notes (empty when absent).
    pub source: String,
    /// SHA-256 (hex) of the file bytes, so outputs can name the exact scheme.
    pub sha256: String,
    /// Bands, highest first.
    pub bands: Vec<Band>,
    /// The blocks it ranks.
    pub blocks: Blocks,
}

/// Which blocks a scheme accepts.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocks {
    /// Only these blocks, in table order (an IT-application scheme).
    Declared(Vec<SchemeBlock>),
    /// Any block id, every block with the same categories and maximum (website rules).
    Any {
        /// Categories of every block (the rule set's groups).
        categories: Vec<Category>,
        /// Maximum total (the rule set's `total`).
        max: f64,
    },
}

/// One block of a scheme: its title and categories.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeBlock {
    /// Block id, e.g. `so_nganh`.
    pub id: String,
    /// Vietnamese title, e.g. "Sở, ban, ngành".
    pub title: String,
    /// The words after "của" in table captions, e.g. "các sở, ngành".
    pub caption: String,
    /// Categories in table order (Bảng 1.1, 1.2, …).
    pub categories: Vec<Category>,
    /// Maximum total: the sum of the category maxima (or the rule set's total).
    pub max: f64,
}

/// A scored category ("hạng mục") of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Id, also the CSV column name, e.g. `ha_tang`.
    pub id: String,
    /// Vietnamese name, e.g. "Hạ tầng kỹ thuật CNTT".
    pub name: String,
    /// Maximum points.
    pub max: f64,
}

impl SchemeBlock {
    /// The category with this id, if the block has it.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

impl Scheme {
    /// Ranking scheme of website rules: any block, the rule set's groups as categories, its
    /// total as maximum and its bands. Block titles and captions come from
    /// [`crate::config::default_block_titles`] and [`default_caption`].
    pub fn from_rules(rules: &RuleSet) -> Scheme {
        Scheme {
            id: rules.id.clone(),
            title: rules.title.clone(),
            subject: "Trang TTĐT".into(),
            category_label: "nhóm tiêu chí".into(),
            source: rules.source.clone(),
            sha256: rules.sha256.clone(),
            bands: rules.bands.clone(),
            blocks: Blocks::Any {
                categories: rules
                    .groups
                    .iter()
                    .map(|g| Category {
                        id: g.id.clone(),
                        name: g.name.clone(),
                        max: g.max,
                    })
                    .collect(),
                max: rules.total,
            },
        }
    }

    /// The embedded default: the website rules `rules/sonla-2017.yaml`.
    pub fn default_website() -> Scheme {
        Scheme::from_rules(&crate::rules::default_rules())
    }

    /// True when the scheme accepts any block id (website rules).
    pub fn accepts_any_block(&self) -> bool {
        matches!(self.blocks, Blocks::Any { .. })
    }

    /// The block with this id, if the scheme accepts it. For website rules every id is
    /// accepted, titled from [`crate::config::default_block_titles`] (else the id itself).
    pub fn block(&self, id: &str) -> Option<SchemeBlock> {
        match &self.blocks {
            Blocks::Declared(blocks) => blocks.iter().find(|b| b.id == id).cloned(),
            Blocks::Any { categories, max } => {
                let title = crate::config::default_block_titles()
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string());
                Some(SchemeBlock {
                    id: id.to_string(),
                    caption: default_caption(id, &title),
                    title,
                    categories: categories.clone(),
                    max: *max,
                })
            }
        }
    }

    /// Position (0-based) of a declared block, which numbers its tables; `None` for website
    /// rules (tables are then numbered in order of appearance) and for unknown blocks.
    pub fn block_position(&self, id: &str) -> Option<usize> {
        match &self.blocks {
            Blocks::Declared(blocks) => blocks.iter().position(|b| b.id == id),
            Blocks::Any { .. } => None,
        }
    }

    /// Ids of the declared blocks (empty for website rules, which accept any).
    pub fn block_ids(&self) -> Vec<&str> {
        match &self.blocks {
            Blocks::Declared(blocks) => blocks.iter().map(|b| b.id.as_str()).collect(),
            Blocks::Any { .. } => Vec::new(),
        }
    }

    /// Every category id of the scheme, each once, in order of first appearance.
    pub fn category_ids(&self) -> Vec<&str> {
        let all: Vec<&Category> = match &self.blocks {
            Blocks::Declared(blocks) => blocks.iter().flat_map(|b| &b.categories).collect(),
            Blocks::Any { categories, .. } => categories.iter().collect(),
        };
        let mut ids: Vec<&str> = Vec::new();
        for c in all {
            if !ids.contains(&c.id.as_str()) {
                ids.push(&c.id);
            }
        }
        ids
    }
}

/// Caption words of well-known blocks as the decision writes them ("… của các sở, ngành"); for
/// other blocks "khối <title>".
pub fn default_caption(block: &str, title: &str) -> String {
    match block {
        "so_nganh" => "các sở, ngành".into(),
        "ubnd_huyen" => "UBND các huyện, thành phố".into(),
        "ubnd_xa" => "UBND các xã, phường, đặc khu".into(),
        _ => format!("khối {title}"),
    }
}

/// Load a ranking scheme from either kind of file: an IT-application scheme (top-level
/// `blocks:`) or website rules (top-level `groups:`, loaded by [`crate::rules::load_file`]).
pub fn load_any(path: &Path) -> Result<Scheme, Vec<RuleError>> {
    let name = path.display().to_string();
    let text = crate::rules::read_utf8(path, "file")?;
    let is_rules = match parse_tree(&text, &name) {
        Ok(root) => match &root.value {
            Value::Map(entries) => {
                let has = |k: &str| entries.iter().any(|(key, _)| key.as_str() == Some(k));
                has("groups") && !has("blocks")
            }
            _ => false,
        },
        Err(_) => false,
    };
    if is_rules {
        crate::rules::load_file(path).map(|r| Scheme::from_rules(&r))
    } else {
        load_str(&text, &name)
    }
}

/// Load an IT-application scheme file.
pub fn load(path: &Path) -> Result<Scheme, Vec<RuleError>> {
    let name = path.display().to_string();
    load_str(&crate::rules::read_utf8(path, "file")?, &name)
}

/// Load an IT-application scheme from YAML text; `file` names it in errors. Every error found
/// is returned, sorted by position.
pub fn load_str(yaml: &str, file: &str) -> Result<Scheme, Vec<RuleError>> {
    let sha256 = hex::encode(Sha256::digest(yaml.as_bytes()));
    let root = parse_tree(yaml, file).map_err(|e| vec![e])?;
    let mut r = Reader {
        file,
        errors: Vec::new(),
    };
    let scheme = r.scheme(&root, sha256);
    match scheme {
        Some(s) if r.errors.is_empty() => Ok(s),
        _ => {
            if r.errors.is_empty() {
                r.err(&root, "the scheme was rejected without a reason");
            }
            let mut errors = r.errors;
            errors.sort_by_key(|e| (e.line, e.column));
            Err(errors)
        }
    }
}

// ---- located YAML tree ---------------------------------------------------------------------

/// A YAML value with the 1-based line and column where it starts.
#[derive(Debug)]
struct Node {
    line: usize,
    column: usize,
    value: Value,
}

/// YAML 1.2 core values (quoted scalars are always strings).
#[derive(Debug)]
enum Value {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// How to name this value in an error message.
    fn describe(&self) -> String {
        match &self.value {
            Value::Null => "nothing".into(),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Num(n) => format!("the number {}", num(*n)),
            Value::Str(s) => format!("the text \"{}\"", s.chars().take(40).collect::<String>()),
            Value::Seq(_) => "a list".into(),
            Value::Map(_) => "a mapping".into(),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<Value>::deserialize(d)?;
        Ok(Node {
            line: s.referenced.line() as usize,
            column: s.referenced.column() as usize,
            value: s.value,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Num(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Num(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Num(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(n) = a.next_element::<Node>()? {
            v.push(n);
        }
        Ok(Value::Seq(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(entry) = a.next_entry::<Node, Node>()? {
            v.push(entry);
        }
        Ok(Value::Map(v))
    }
}

/// Parse YAML into a located tree; a syntax error is located by the parser.
fn parse_tree(yaml: &str, file: &str) -> Result<Node, RuleError> {
    let body = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    let options = serde_saphyr::Options {
        with_snippet: false,
        crop_radius: 0,
        strict_booleans: true,
        budget: Some(serde_saphyr::Budget {
            max_depth: 32,
            ..Default::default()
        }),
        ..Default::default()
    };
    serde_saphyr::from_str_with_options::<Node>(body, options)
        .map_err(|e| crate::rules::yaml_error(file, body, &e))
}

/// A number as people write it: `15`, `7.5`.
fn num(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

// ---- reading the tree ----------------------------------------------------------------------

const TOP_KEYS: &[&str] = &[
    "id",
    "title",
    "subject",
    "category_label",
    "source",
    "bands",
    "blocks",
];
const BAND_KEYS: &[&str] = &["id", "label", "min"];
const BLOCK_KEYS: &[&str] = &["id", "title", "caption", "categories"];
const CATEGORY_KEYS: &[&str] = &["id", "name", "max"];

/// The entries of a mapping whose unknown keys were reported.
struct Fields<'a> {
    node: &'a Node,
    entries: BTreeMap<&'a str, &'a Node>,
    what: String,
}

struct Reader<'a> {
    file: &'a str,
    errors: Vec<RuleError>,
}

impl Reader<'_> {
    fn error_at(&self, node: &Node, message: impl Into<String>) -> RuleError {
        RuleError {
            file: self.file.to_string(),
            line: node.line,
            column: node.column,
            message: message.into(),
        }
    }

    fn err(&mut self, node: &Node, message: impl Into<String>) {
        let e = self.error_at(node, message);
        self.errors.push(e);
    }

    /// A mapping with only `allowed` keys; every unknown key is reported at the key.
    fn fields<'n>(&mut self, node: &'n Node, allowed: &[&str], what: &str) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.err(
                node,
                format!("{what}: expected a mapping, found {}", node.describe()),
            );
            return None;
        };
        let mut map = BTreeMap::new();
        for (k, v) in entries {
            match k.as_str() {
                Some(name) if allowed.contains(&name) => {
                    map.insert(name, v);
                }
                _ => {
                    let key = k
                        .as_str()
                        .map_or_else(|| k.describe(), |s| format!("`{s}`"));
                    self.err(
                        k,
                        format!(
                            "{what}: unknown key {key} (expected one of: {})",
                            allowed.join(", ")
                        ),
                    );
                }
            }
        }
        Some(Fields {
            node,
            entries: map,
            what: what.to_string(),
        })
    }

    /// A required value (null counts as missing, reported at the start of the mapping).
    fn required<'n>(&mut self, f: &Fields<'n>, key: &str) -> Option<&'n Node> {
        match f.entries.get(key) {
            Some(n) if !matches!(n.value, Value::Null) => Some(n),
            _ => {
                self.err(f.node, format!("{}: missing `{key}`", f.what));
                None
            }
        }
    }

    fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Str(_) => {
                self.err(node, format!("{what} is empty"));
                None
            }
            _ => {
                self.err(
                    node,
                    format!("{what}: expected text, found {}", node.describe()),
                );
                None
            }
        }
    }

    fn required_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        let node = self.required(f, key)?;
        self.text(node, &format!("{} `{key}`", f.what))
    }

    fn optional_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        match f.entries.get(key) {
            Some(n) if !matches!(n.value, Value::Null) => {
                self.text(n, &format!("{} `{key}`", f.what))
            }
            _ => None,
        }
    }

    fn id<'n>(&mut self, f: &Fields<'n>, key: &str) -> Option<(String, &'n Node)> {
        let node = self.required(f, key)?;
        let id = self.text(node, &format!("{} `{key}`", f.what))?;
        if !valid_id(&id) {
            self.err(
                node,
                format!("{}: invalid id `{id}` (use a-z, 0-9, `_` and `-`)", f.what),
            );
            return None;
        }
        Some((id, node))
    }

    fn number<'n>(&mut self, f: &Fields<'n>, key: &str) -> Option<(f64, &'n Node)> {
        let node = self.required(f, key)?;
        match node.value {
            Value::Num(n) if n.is_finite() => Some((n, node)),
            _ => {
                self.err(
                    node,
                    format!(
                        "{} `{key}`: expected a number, found {}",
                        f.what,
                        node.describe()
                    ),
                );
                None
            }
        }
    }

    fn list<'n>(&mut self, f: &Fields<'n>, key: &str) -> Option<&'n [Node]> {
        let node = self.required(f, key)?;
        match &node.value {
            Value::Seq(items) if !items.is_empty() => Some(items),
            Value::Seq(_) => {
                self.err(node, format!("{} `{key}` is empty", f.what));
                None
            }
            _ => {
                self.err(
                    node,
                    format!(
                        "{} `{key}`: expected a list, found {}",
                        f.what,
                        node.describe()
                    ),
                );
                None
            }
        }
    }

    // ---- the scheme ------------------------------------------------------------------------

    fn scheme(&mut self, root: &Node, sha256: String) -> Option<Scheme> {
        let top = self.fields(root, TOP_KEYS, "scheme")?;
        let id = self.id(&top, "id").map(|(id, _)| id);
        let title = self.required_text(&top, "title");
        let subject = self.required_text(&top, "subject");
        let category_label = self
            .optional_text(&top, "category_label")
            .unwrap_or_else(|| "hạng mục".into());
        let source = self.optional_text(&top, "source").unwrap_or_default();
        let bands = self.bands(&top);
        let blocks = self.blocks(&top);
        Some(Scheme {
            id: id?,
            title: title?,
            subject: subject?,
            category_label,
            source,
            sha256,
            bands: bands?,
            blocks: Blocks::Declared(blocks?),
        })
    }

    fn bands(&mut self, top: &Fields) -> Option<Vec<Band>> {
        let items = self.list(top, "bands")?;
        let mut bands: Vec<Band> = Vec::new();
        let mut ok = true;
        let mut last: Option<&Node> = None;
        for item in items {
            let Some(f) = self.fields(item, BAND_KEYS, "band") else {
                ok = false;
                continue;
            };
            let id = self.id(&f, "id");
            let label = self.required_text(&f, "label");
            let min = self.number(&f, "min");
            let (Some((id, id_node)), Some(label), Some((min, min_node))) = (id, label, min) else {
                ok = false;
                continue;
            };
            if bands.iter().any(|b| b.id == id) {
                self.err(id_node, format!("band: duplicate id `{id}`"));
                ok = false;
            }
            if let Some(prev) = bands.last()
                && min >= prev.min
            {
                self.err(
                    min_node,
                    format!(
                        "band `{id}`: min {} must be below the previous band's {} (bands go from highest to lowest)",
                        num(min),
                        num(prev.min)
                    ),
                );
                ok = false;
            }
            last = Some(min_node);
            bands.push(Band { id, label, min });
        }
        if let (Some(b), Some(node)) = (bands.last(), last)
            && b.min != 0.0
        {
            self.err(
                node,
                format!(
                    "band `{}`: the lowest band must have min 0, found {}",
                    b.id,
                    num(b.min)
                ),
            );
            ok = false;
        }
        ok.then_some(bands)
    }

    fn blocks(&mut self, top: &Fields) -> Option<Vec<SchemeBlock>> {
        let items = self.list(top, "blocks")?;
        let mut blocks: Vec<SchemeBlock> = Vec::new();
        let mut ok = true;
        for item in items {
            match self.block(item) {
                Some((block, id_node)) => {
                    if blocks.iter().any(|b| b.id == block.id) {
                        self.err(id_node, format!("block: duplicate id `{}`", block.id));
                        ok = false;
                    }
                    blocks.push(block);
                }
                None => ok = false,
            }
        }
        ok.then_some(blocks)
    }

    fn block<'n>(&mut self, node: &'n Node) -> Option<(SchemeBlock, &'n Node)> {
        let f = self.fields(node, BLOCK_KEYS, "block")?;
        let id = self.id(&f, "id");
        let what = match &id {
            Some((id, _)) => format!("block `{id}`"),
            None => "block".to_string(),
        };
        let f = Fields { what, ..f };
        let title = self.required_text(&f, "title");
        let caption = self.optional_text(&f, "caption");
        let items = self.list(&f, "categories");
        let (Some((id, id_node)), Some(title), Some(items)) = (id, title, items) else {
            return None;
        };
        let mut categories: Vec<Category> = Vec::new();
        let mut ok = true;
        let mut seen = HashSet::new();
        for item in items {
            let Some(cf) = self.fields(item, CATEGORY_KEYS, &format!("block `{id}`: category"))
            else {
                ok = false;
                continue;
            };
            let cid = self.id(&cf, "id");
            let name = self.required_text(&cf, "name");
            let max = self.number(&cf, "max");
            let (Some((cid, cid_node)), Some(name), Some((max, max_node))) = (cid, name, max)
            else {
                ok = false;
                continue;
            };
            if !seen.insert(cid.clone()) {
                self.err(
                    cid_node,
                    format!("block `{id}`: duplicate category id `{cid}`"),
                );
                ok = false;
            } else if RESERVED_COLUMNS.contains(&cid.as_str()) {
                self.err(
                    cid_node,
                    format!(
                        "block `{id}`: `{cid}` cannot be a category id (it is a column of the scores file)"
                    ),
                );
                ok = false;
            }
            if max <= 0.0 {
                self.err(
                    max_node,
                    format!(
                        "block `{id}`, category `{cid}`: max must be above 0, found {}",
                        num(max)
                    ),
                );
                ok = false;
            }
            categories.push(Category { id: cid, name, max });
        }
        let sum: f64 = categories.iter().map(|c| c.max).sum();
        if ok && (sum - BLOCK_TOTAL).abs() > SUM_TOLERANCE {
            let list: Vec<String> = categories
                .iter()
                .map(|c| format!("{} {}", c.id, num(c.max)))
                .collect();
            self.err(
                id_node,
                format!(
                    "block `{id}`: the category maxima add up to {}, not {} ({})",
                    num((sum * 1e6).round() / 1e6),
                    num(BLOCK_TOTAL),
                    list.join(" + ")
                ),
            );
            ok = false;
        }
        let caption = caption.unwrap_or_else(|| default_caption(&id, &title));
        let block = SchemeBlock {
            id,
            title,
            caption,
            categories,
            max: BLOCK_TOTAL,
        };
        ok.then_some((block, id_node))
    }
}
