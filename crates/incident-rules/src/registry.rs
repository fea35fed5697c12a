//! The table of rules, and lookup by code, name, code prefix or group.

use crate::rule::{Group, Rule, RuleMeta, RuleStatus};
use crate::rules::ALL;
use crate::suggest::did_you_mean;

/// Every rule, in code order, removed ones included (their codes stay documented).
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().map(|rule| rule.meta)
}

/// Every rule with its check.
pub(crate) fn rules() -> &'static [Rule] {
    ALL
}

/// The rule with this code (`INC101`, any case) or name (`decide-without-observe`).
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    find_in(ALL, code_or_name)
}

/// Where `rule` is in its life.
pub fn status(rule: &RuleMeta) -> RuleStatus {
    status_in(ALL, rule)
}

/// A selector that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectorError {
    /// It names no rule; the closest known selector, if there is one.
    Unknown {
        /// The selector as written.
        selector: String,
        /// The closest code, name or group.
        suggestion: Option<&'static str>,
    },
    /// It names a rule that was removed.
    Removed {
        /// The selector as written.
        selector: String,
        /// The removed rule's code.
        code: &'static str,
    },
}

impl std::fmt::Display for SelectorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SelectorError::Unknown {
                selector,
                suggestion,
            } => {
                write!(f, "unknown rule `{selector}`")?;
                if let Some(suggestion) = suggestion {
                    write!(f, ": did you mean `{suggestion}`?")?;
                }
                Ok(())
            }
            SelectorError::Removed { selector, code } => write!(
                f,
                "rule `{selector}` was removed: remove it from the selectors (`incident-lint explain {code}` says why)"
            ),
        }
    }
}

/// The rules a selector names: `all`, a group (`default`, `pedantic`), a code, a code prefix
/// (`INC3` for every timeline rule) or a name. Groups and prefixes leave removed rules out;
/// naming a removed rule is an error. Preview rules are named like any other: whether they
/// run is up to [`crate::RuleSelection`].
pub fn select(selector: &str) -> Result<Vec<&'static RuleMeta>, SelectorError> {
    select_in(ALL, selector)
}

fn find_in(table: &'static [Rule], code_or_name: &str) -> Option<&'static RuleMeta> {
    table
        .iter()
        .map(|rule| rule.meta)
        .find(|meta| meta.code.eq_ignore_ascii_case(code_or_name) || meta.name == code_or_name)
}

fn status_in(table: &[Rule], meta: &RuleMeta) -> RuleStatus {
    table
        .iter()
        .find(|rule| rule.meta.code == meta.code)
        .map_or(RuleStatus::Removed, |rule| rule.status)
}

fn select_in(
    table: &'static [Rule],
    selector: &str,
) -> Result<Vec<&'static RuleMeta>, SelectorError> {
    let selector = selector.trim();
    if let Some(meta) = find_in(table, selector)
        && status_in(table, meta) == RuleStatus::Removed
    {
        return Err(SelectorError::Removed {
            selector: selector.to_owned(),
            code: meta.code,
        });
    }
    let live = table
        .iter()
        .filter(|rule| rule.status != RuleStatus::Removed)
        .map(|rule| rule.meta);
    let rules: Vec<&'static RuleMeta> = match selector {
        "all" | "ALL" => live.collect(),
        "default" => live.filter(|meta| meta.group == Group::Default).collect(),
        "pedantic" => live.filter(|meta| meta.group == Group::Pedantic).collect(),
        _ => {
            let upper = selector.to_ascii_uppercase();
            let by_prefix: Vec<&'static RuleMeta> = if upper.starts_with("INC") {
                live.filter(|meta| meta.code.starts_with(&upper)).collect()
            } else {
                Vec::new()
            };
            if by_prefix.is_empty() {
                find_in(table, selector).into_iter().collect()
            } else {
                by_prefix
            }
        }
    };
    if rules.is_empty() {
        // Codes differ by a digit or two from each other, so only names are suggested.
        let candidates = table
            .iter()
            .map(|rule| rule.meta.name)
            .chain(["all", "default", "pedantic"]);
        return Err(SelectorError::Unknown {
            selector: selector.to_owned(),
            suggestion: did_you_mean(selector, candidates),
        });
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::Check;

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
        assert_eq!(
            select("sytnax-error"),
            Err(SelectorError::Unknown {
                selector: "sytnax-error".to_owned(),
                suggestion: Some("syntax-error"),
            })
        );
    }

    macro_rules! test_rule {
        ($static:ident, $code:literal, $name:literal) => {
            static $static: RuleMeta = RuleMeta {
                code: $code,
                name: $name,
                default_severity: crate::Severity::Warning,
                group: Group::Default,
                fix: crate::FixAvailability::None,
                scope: crate::rule::Scope::File,
                docs: "",
            };
        };
    }
    test_rule!(KEPT, "INC901", "kept-rule");
    test_rule!(TRIED, "INC902", "tried-rule");
    test_rule!(GONE, "INC903", "gone-rule");
    static TABLE: &[Rule] = &[
        Rule::new(RuleStatus::Stable, &KEPT, Check::Linter),
        Rule::new(RuleStatus::Preview, &TRIED, Check::Linter),
        Rule::new(RuleStatus::Removed, &GONE, Check::Linter),
    ];

    fn codes(selected: Result<Vec<&'static RuleMeta>, SelectorError>) -> Vec<&'static str> {
        selected
            .map(|rules| rules.iter().map(|meta| meta.code).collect())
            .unwrap_or_default()
    }

    #[test]
    fn groups_and_prefixes_leave_removed_rules_out() {
        assert_eq!(codes(select_in(TABLE, "all")), ["INC901", "INC902"]);
        assert_eq!(codes(select_in(TABLE, "INC9")), ["INC901", "INC902"]);
        assert_eq!(codes(select_in(TABLE, "tried-rule")), ["INC902"]);
    }

    #[test]
    fn naming_a_removed_rule_says_it_was_removed() {
        let error = select_in(TABLE, "gone-rule");
        assert_eq!(
            error,
            Err(SelectorError::Removed {
                selector: "gone-rule".to_owned(),
                code: "INC903",
            })
        );
        assert!(
            error
                .err()
                .is_some_and(|error| error.to_string().contains("was removed"))
        );
    }

    #[test]
    fn statuses_come_from_the_table() {
        assert_eq!(status_in(TABLE, &TRIED), RuleStatus::Preview);
        assert_eq!(status_in(TABLE, &GONE), RuleStatus::Removed);
        assert!(ALL.iter().all(|rule| status(rule.meta) == rule.status));
    }
}
