//! The unified diffs that `check --diff` and `fmt --diff` print.

/// A unified diff of `old` and `new` for `path`, with `a/` and `b/` headers as git writes them.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
