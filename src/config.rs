//! The agencies file of a nightly run (`ttdt run agencies.yaml`): which agencies, their block,
//! start URL, optional scope prefixes and extra hosts. Validated with file:line:column for every
//! error, so a typo in a 700-agency file is found at once and nothing is crawled until it is fixed.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::crawl::SiteTarget;
use crate::score::AgencyRef;

/// One agency to audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    /// Short stable id, e.g. `sotttt` (letters, digits, `_`, `-`).
    pub id: String,
    /// Full Vietnamese name.
    pub name: String,
    /// Ranking block, e.g. `so_nganh`, `ubnd_xa`.
    pub block: String,
    /// Start (home) URL.
    pub url: url::Url,
    /// Scope prefixes (empty = the start host and its `www.` twin).
    pub scope: Vec<String>,
    /// Other hosts carrying its content.
    pub extra_hosts: Vec<String>,
}

impl Agency {
    /// The report's reference to this agency.
    pub fn agency_ref(&self) -> AgencyRef {
        AgencyRef {
            id: self.id.clone(),
            name: self.name.clone(),
            block: self.block.clone(),
        }
    }

    /// What the crawler should visit.
    pub fn target(&self) -> SiteTarget {
        SiteTarget {
            start_url: self.url.clone(),
            scope: self.scope.clone(),
            extra_hosts: self.extra_hosts.clone(),
        }
    }
}

/// A validated agencies file.
#[derive(Debug, Clone, PartialEq)]
pub struct AgenciesFile {
    /// Optional Vietnamese titles of blocks (`so_nganh: "Sở, ban, ngành"`).
    pub blocks: BTreeMap<String, String>,
    /// Agencies in file order.
    pub agencies: Vec<Agency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    blocks: BTreeMap<String, String>,
    agencies: Vec<RawAgency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgency {
    id: Spanned<String>,
    name: String,
    block: Spanned<String>,
    url: Spanned<String>,
    #[serde(default)]
    scope: Vec<Spanned<String>>,
    #[serde(default)]
    extra_hosts: Vec<String>,
    /// Free note, e.g. "URL to be confirmed".
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// Default Vietnamese titles of the blocks used by the province tables.
pub fn default_block_titles() -> BTreeMap<String, String> {
    [
        ("so_nganh", "Sở, ban, ngành"),
        ("ubnd_huyen", "UBND huyện, thành phố"),
        ("ubnd_xa", "UBND xã, phường, đặc khu"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn at(file: &str, loc: &serde_saphyr::Location, msg: impl std::fmt::Display) -> String {
    format!("{file}:{}:{}: {msg}", loc.line(), loc.column())
}

/// Parse and validate agencies YAML; `file` names it in errors. Returns every error found.
pub fn parse_agencies(yaml: &str, file: &str) -> Result<AgenciesFile, Vec<String>> {
    let raw: RawFile = serde_saphyr::from_str(yaml).map_err(|e| {
        let msg = first_line(&e.to_string());
        let loc = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .or_else(|| locate_unknown_field(yaml, &msg))
            .unwrap_or((0, 0));
        vec![format!("{file}:{}:{}: {msg}", loc.0, loc.1)]
    })?;
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut agencies = Vec::new();
    if raw.agencies.is_empty() {
        errors.push(format!("{file}:1:1: the file lists no agencies"));
    }
    for a in raw.agencies {
        if !valid_id(&a.id.value) {
            errors.push(at(
                file,
                &a.id.referenced,
                format!("invalid id '{}': use letters, digits, _ or -", a.id.value),
            ));
        } else if !seen.insert(a.id.value.clone()) {
            errors.push(at(
                file,
                &a.id.referenced,
                format!("duplicate agency id '{}'", a.id.value),
            ));
        }
        if !valid_id(&a.block.value) {
            errors.push(at(
                file,
                &a.block.referenced,
                format!("invalid block id '{}'", a.block.value),
            ));
        }
        let url = match url::Url::parse(&a.url.value) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Some(u),
            Ok(_) => {
                errors.push(at(
                    file,
                    &a.url.referenced,
                    format!("url '{}' must be http(s) with a host", a.url.value),
                ));
                None
            }
            Err(e) => {
                errors.push(at(
                    file,
                    &a.url.referenced,
                    format!("invalid url '{}': {e}", a.url.value),
                ));
                None
            }
        };
        for s in &a.scope {
            if url::Url::parse(&s.value)
                .map(|u| u.host_str().is_none())
                .unwrap_or(true)
            {
                errors.push(at(
                    file,
                    &s.referenced,
                    format!("scope '{}' must be an absolute URL prefix", s.value),
                ));
            }
        }
        if let Some(url) = url {
            agencies.push(Agency {
                id: a.id.value,
                name: a.name,
                block: a.block.value,
                url,
                scope: a.scope.into_iter().map(|s| s.value).collect(),
                extra_hosts: a.extra_hosts,
            });
        }
    }
    if errors.is_empty() {
        let mut blocks = default_block_titles();
        blocks.extend(raw.blocks);
        Ok(AgenciesFile { blocks, agencies })
    } else {
        Err(errors)
    }
}

/// serde's "unknown field `x`" error carries no position; find the key in the text instead.
pub(crate) fn locate_unknown_field(yaml: &str, msg: &str) -> Option<(usize, usize)> {
    let key = msg.split("unknown field `").nth(1)?.split('`').next()?;
    yaml.lines().enumerate().find_map(|(i, line)| {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let body2 = body.strip_prefix("- ").unwrap_or(body);
        let col = indent + (body.len() - body2.len());
        let rest = body2.strip_prefix(key)?;
        rest.trim_start()
            .starts_with(':')
            .then_some((i + 1, col + 1))
    })
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

/// Read and validate an agencies file.
pub fn load_agencies(path: &Path) -> Result<AgenciesFile, Vec<String>> {
    let name = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| vec![format!("{name}: cannot read: {e}")])?;
    parse_agencies(&text, &name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_file_parses() {
        let y = "agencies:\n  - id: stp\n    name: Sở Tư pháp\n    block: so_nganh\n    url: https://sotp.sonla.gov.vn/\n";
        let f = parse_agencies(y, "a.yaml").unwrap();
        assert_eq!(f.agencies[0].id, "stp");
        assert_eq!(f.blocks["so_nganh"], "Sở, ban, ngành");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let y = "agencies:\n  - id: stp\n    name: A\n    block: so_nganh\n    url: https://a.vn/\n  - id: stp\n    name: B\n    block: so_nganh\n    url: not a url\n";
        let errs = parse_agencies(y, "a.yaml").unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0].starts_with("a.yaml:6:9: duplicate agency id"),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].starts_with("a.yaml:9:10: invalid url"),
            "{}",
            errs[1]
        );
    }

    #[test]
    fn shipped_sonla_file_is_valid() {
        let f = parse_agencies(
            include_str!("../agencies/sonla.yaml"),
            "agencies/sonla.yaml",
        )
        .unwrap();
        assert_eq!(f.agencies.len(), 30);
        assert_eq!(
            f.agencies.iter().filter(|a| a.block == "so_nganh").count(),
            18
        );
        assert_eq!(
            f.agencies
                .iter()
                .filter(|a| a.block == "ubnd_huyen")
                .count(),
            12
        );
    }

    #[test]
    fn unknown_key_is_located() {
        let y = "agencies:\n  - id: stp\n    name: A\n    blok: so_nganh\n";
        let errs = parse_agencies(y, "a.yaml").unwrap_err();
        assert!(errs[0].starts_with("a.yaml:4:"), "{}", errs[0]);
    }
}
