//! The table of rules, and lookup by code, name, code prefix or group.

use crate::rule::{Group, Rule, RuleMeta};
use crate::rules::ALL;
use crate::suggest::did_you_mean;

/// Every rule, in code order.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().map(|rule| rule.meta)
}

/// Every rule with its check.
pub(crate) fn rules() -> &'static [Rule] {
    ALL
}

/// The rule with this code (`INC101`, any case) or name (`decide-without-observe`).
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    all().find(|meta| meta.code.eq_ignore_ascii_case(code_or_name) || meta.name == code_or_name)
}

/// A selector that names no rule, with the closest known selector if there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownSelector {
    /// The selector as written.
    pub selector: String,
    /// The closest code, name or group.
    pub suggestion: Option<&'static str>,
}

impl std::fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule `{}`", self.selector)?;
        if let Some(suggestion) = self.suggestion {
            write!(f, ": did you mean `{suggestion}`?")?;
        }
        Ok(())
    }
}

/// The rules a selector names: `all`, a group (`default`, `pedantic`), a code, a code prefix
/// (`INC3` for every timeline rule) or a name.
pub fn select(selector: &str) -> Result<Vec<&'static RuleMeta>, UnknownSelector> {
    let selector = selector.trim();
    let rules: Vec<&'static RuleMeta> = match selector {
        "all" | "ALL" => all().collect(),
        "default" => all().filter(|meta| meta.group == Group::Default).collect(),
        "pedantic" => all().filter(|meta| meta.group == Group::Pedantic).collect(),
        _ => {
            let upper = selector.to_ascii_uppercase();
            let by_prefix: Vec<&'static RuleMeta> = if upper.starts_with("INC") {
                all().filter(|meta| meta.code.starts_with(&upper)).collect()
            } else {
                Vec::new()
            };
            if by_prefix.is_empty() {
                find(selector).into_iter().collect()
            } else {
                by_prefix
            }
        }
    };
    if rules.is_empty() {
        // Codes differ by a digit or two from each other, so only names are suggested.
        let candidates = all()
            .map(|meta| meta.name)
            .chain(["all", "default", "pedantic"]);
        return Err(UnknownSelector {
            selector: selector.to_owned(),
            suggestion: did_you_mean(selector, candidates),
        });
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for meta in all() {
            assert!(codes.insert(meta.code), "code {} is used twice", meta.code);
            assert!(names.insert(meta.name), "name {} is used twice", meta.name);
            assert!(
                meta.code.len() == 6
                    && meta.code.starts_with("INC")
                    && meta.code[3..].chars().all(|c| c.is_ascii_digit()),
                "{}: codes are INC and three digits",
                meta.code
            );
            assert!(
                meta.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}: names are kebab-case",
                meta.name
            );
            for prefix in ["no-", "avoid-", "prefer-", "use-"] {
                assert!(
                    !meta.name.starts_with(prefix),
                    "{}: name the problem, not the advice",
                    meta.name
                );
            }
        }
    }

    #[test]
    fn selectors_resolve_codes_names_prefixes_and_groups() {
        assert_eq!(select("INC000").map(|rules| rules.len()), Ok(1));
        assert!(select("syntax-error").is_ok());
        assert!(select("default").is_ok_and(|rules| !rules.is_empty()));
        let unknown = select("sytnax-error");
        assert_eq!(
            unknown.map_err(|error| error.suggestion),
            Err(Some("syntax-error"))
        );
    }
}
