//! The benchmark corpus of `incident-lint`: a deterministic generator of realistic `.incident` files.
//!
//! [`generate_incident`] writes one incident report of a few kilobytes, the kind a team writes
//! after an outage: front matter, summary, impact, one to four Observe-Orient-Decide-Act loops,
//! a timeline, follow-up actions and lessons. [`generate_corpus`] writes one long document of any
//! size, for throughput benchmarks. Both are pure functions of their arguments: they use their
//! own random number generator and phrase tables, so the output never changes with a dependency.
//!
//! About one file in twenty carries a realistic mistake, a [`Flaw`]; [`planned_flaw`] tells which.

mod clock;
mod incident;
mod phrases;
mod rng;

/// A mistake that a generated incident deliberately contains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flaw {
    /// A rejected hypothesis without any reason (a lint diagnostic).
    MissingReason,
    /// A timeline entry starting with a malformed time such as `2:15pm` (a syntax error).
    MalformedTime,
    /// A `services` flow list without its closing `]` (a syntax error).
    UnclosedFlowList,
    /// A directive with an unknown verb (a syntax error).
    UnknownDirectiveVerb,
    /// A reference to an observation that is never defined (a lint diagnostic).
    UndefinedReference,
    /// An action item without an owner (a lint diagnostic).
    MissingOwner,
    /// A front matter date that does not exist, such as `2026-04-31` (a lint diagnostic).
    InvalidDate,
}

impl Flaw {
    /// Every flaw, in the order the generator draws them.
    pub const ALL: [Flaw; 7] = [
        Flaw::MissingReason,
        Flaw::MalformedTime,
        Flaw::UnclosedFlowList,
        Flaw::UnknownDirectiveVerb,
        Flaw::UndefinedReference,
        Flaw::MissingOwner,
        Flaw::InvalidDate,
    ];

    /// Whether the parser reports this flaw as a syntax error; the others are for the linter.
    pub fn is_syntax_error(self) -> bool {
        matches!(
            self,
            Flaw::MalformedTime | Flaw::UnclosedFlowList | Flaw::UnknownDirectiveVerb
        )
    }
}

/// One realistic incident report of roughly 2 to 6 KB, the `index`-th of the corpus of `seed`.
///
/// The same arguments always give the same text. About 5% of the files contain a [`Flaw`].
pub fn generate_incident(seed: u64, index: usize) -> String {
    incident::single(seed, index)
}

/// The flaw that [`generate_incident`] puts into the file for `seed` and `index`, if any.
pub fn planned_flaw(seed: u64, index: usize) -> Option<Flaw> {
    incident::plan_flaw(seed, index)
}

/// One long, well-formed document of at least `target_bytes` bytes.
///
/// It reads as the log of a long-running investigation: one front matter, a summary and
/// impact, as many Observe-Orient-Decide-Act loops as it takes, a timeline over several days,
/// follow-up actions and lessons. The same arguments always give the same text.
pub fn generate_corpus(seed: u64, target_bytes: usize) -> String {
    incident::corpus(seed, target_bytes)
}

/// The flawless generated incident whose size is closest to `target_bytes`, among the first 64 of `seed`.
///
/// Benchmarks use it to pick a typical file of a given size.
pub fn incident_near(seed: u64, target_bytes: usize) -> String {
    (0..64)
        .filter(|&index| planned_flaw(seed, index).is_none())
        .map(|index| generate_incident(seed, index))
        .min_by_key(|text| text.len().abs_diff(target_bytes))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
