//! `blame-language`: phrases that put the blame for an incident on a person.

use std::borrow::Cow;
use std::collections::HashSet;

use incident_model::{Incident, Prose, prose_blocks};
use incident_syntax::TextRange;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports phrases that put the blame on a person, in the prose of the write-up:
    /// paragraphs and the text of list items.
    /// Code spans, code blocks, block quotes (chat logs, quoted logs), HTML, headings, links,
    /// quoted text ("...") and the front matter are not read.
    ///
    /// It looks for, in any case and as whole words:
    /// - `human error` given as a cause (`caused by human error`, `root cause: human error`),
    ///   but not `reduce the room for human error`;
    /// - judgments: `careless`, `carelessness`, `reckless`, `negligent`, `negligence`,
    ///   `incompetent`, `sloppy` and their other forms;
    /// - hindsight: `should have known`, and `should have` followed by a past participle
    ///   (`should have caught`, `should have checked`) when its subject is a person;
    /// - `failed to` when its subject is a person, except before verbs of an attempt
    ///   (`we failed to reproduce it`, `ana failed to reach the database team`);
    /// - fault and blame: `ana's fault`, `my fault`, `the fault of the on-call`, `blame`,
    ///   `blamed`, `to blame`, but not `git blame` or `blame culture`;
    /// - idioms: `dropped the ball`, `didn't bother to`;
    /// - the phrases listed in `incident-lint.toml` under `[blame-language] extra-phrases`.
    ///
    /// A person is an `@handle`, one of the front matter `authors` or of the actions' owners,
    /// a pronoun (`I`, `he`, `she`, `they`, `you`, `we`, `someone`) or a role (`the engineer`,
    /// `the developer`, `the on-call`, `the operator`, `the team`).
    /// Names alone are fine: blameless is not nameless, and `ana restarted the pods` says what
    /// happened.
    /// A phrase that is negated just before (`nobody is to blame`, `it was not human error`) is
    /// not reported.
    ///
    /// ## Why is this bad?
    /// Blame ends the analysis where it should start.
    /// "Human error" and "should have known" name a person instead of the conditions that made
    /// the mistake easy: the runbook that named the wrong host, the alert that went to a muted
    /// channel, the dashboard that showed green.
    /// People who expect blame stop telling what they saw and why it looked right at the time,
    /// and the next incident is harder to learn from.
    ///
    /// ## Example
    /// ```incident
    /// ## Summary
    ///
    /// The outage was caused by human error: the on-call engineer failed to check which
    /// database was the primary and should have known better.
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Summary
    ///
    /// The failover runbook named the old primary, and the console showed both hosts with the
    /// same label, so the restart went to the primary. Nothing asked for a confirmation.
    /// ```
    code: "INC408",
    name: "blame-language",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let people = people_of(cx.incident);
    let extra: Vec<Vec<String>> = cx
        .settings
        .extra_blame_phrases
        .iter()
        .map(|phrase| phrase_words(phrase))
        .filter(|words| !words.is_empty())
        .collect();
    let prefilter = Prefilter::new(&extra);
    for prose in prose_blocks(cx.parse.root()) {
        let block = cx.slice(prose.range);
        if !prefilter.may_blame(block) {
            continue;
        }
        let words = words_of(cx.text(), &prose);
        for finding in find_blame(&words, &people, &extra) {
            let written = cx
                .slice(finding.range)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            cx.report(finding.range, finding.family.message(&written))
                .help(finding.family.help());
        }
    }
}

/// Stems that every built-in phrase contains (`human`, `careless`, `should`, …): a block of
/// prose without any of them cannot blame anyone, and is not split into words at all.
const STEMS: [&str; 12] = [
    "human",
    "careless",
    "reckless",
    "neglig",
    "incompeten",
    "slopp",
    "blame",
    "fault",
    "dropped",
    "bother",
    "should",
    "failed",
];

/// A fast check, with SIMD substring search, for whether a block may hold a blame phrase: one
/// of the stems, or the first word of a configured phrase, in lowercase, capitalized or upper
/// case.
struct Prefilter {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Prefilter {
    fn new(extra: &[Vec<String>]) -> Prefilter {
        let words = STEMS
            .iter()
            .map(|stem| (*stem).to_owned())
            .chain(extra.iter().filter_map(|phrase| phrase.first().cloned()));
        let mut finders = Vec::new();
        for word in words {
            let mut capitalized = word.clone();
            if let Some(first) = capitalized.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            for variant in [word.to_lowercase(), capitalized, word.to_uppercase()] {
                finders.push(memchr::memmem::Finder::new(variant.as_bytes()).into_owned());
            }
        }
        Prefilter { finders }
    }

    fn may_blame(&self, block: &str) -> bool {
        self.finders
            .iter()
            .any(|finder| finder.find(block.as_bytes()).is_some())
    }
}

/// The kinds of blame phrases, each with its own message and advice.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    HumanError,
    Judgment,
    Hindsight,
    FailedTo,
    Fault,
    Blame,
    Idiom,
    Extra,
}

impl Family {
    fn message(self, written: &str) -> String {
        match self {
            Family::HumanError => format!("`{written}` is given as a cause"),
            Family::Judgment => {
                format!("`{written}` judges a person instead of describing what happened")
            }
            Family::Hindsight => format!("`{written}` judges a decision with hindsight"),
            Family::FailedTo | Family::Idiom => {
                format!("`{written}` blames a person for what happened")
            }
            Family::Fault | Family::Blame => format!("`{written}` puts the blame on a person"),
            Family::Extra => format!("`{written}` is on this project's list of blame phrases"),
        }
    }

    fn help(self) -> &'static str {
        match self {
            Family::HumanError => {
                "write what the person saw and why the action looked right at the time, and what made the mistake easy: instead of `human error`, write `the runbook named the old primary, and the console showed both hosts with the same label`"
            }
            Family::Judgment => {
                "describe the action and the conditions around it, not the person: what they knew, what the tools showed, what made it easy, such as `the token was committed because the pre-commit hook does not scan config files`"
            }
            Family::Hindsight => {
                "write what the person knew at the time and why the action looked right then, such as `the dashboard showed no errors, so the rollout looked healthy`; what should change belongs in the Actions"
            }
            Family::FailedTo | Family::Idiom => {
                "describe what happened and what made it easy to happen (the system, the process), such as `the page went to a muted channel, so it was not acknowledged for 20 minutes`"
            }
            Family::Fault | Family::Blame => {
                "describe what happened and what made it easy to happen (the system, the process), not who is at fault, such as `the retry limit was removed in a refactoring, and no test covers it`"
            }
            Family::Extra => {
                "describe what happened and what made it easy to happen (the system, the process), not who is at fault"
            }
        }
    }
}

/// A phrase found in the prose.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Finding {
    range: TextRange,
    family: Family,
}

/// What separates a word from the one before it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Gap {
    /// Whitespace or emphasis markers only: the words are adjacent.
    Space,
    /// Other punctuation, such as a comma or a bracket.
    Punct,
    /// The end of a sentence or clause (`.`, `:`, `;`, `!`, `?`), quoted or verbatim text, or
    /// the start of the prose.
    Sentence,
}

/// A word of the prose.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Word<'t> {
    /// Lowercase, with `’` written `'`.
    norm: Cow<'t, str>,
    /// As written.
    text: &'t str,
    range: TextRange,
    gap: Gap,
}

/// The words of one prose block, skipping its verbatim parts and quoted text.
fn words_of<'t>(text: &'t str, prose: &Prose) -> Vec<Word<'t>> {
    let start = prose.range.start() as usize;
    let block = text
        .get(start..prose.range.end() as usize)
        .unwrap_or_default();
    let char_at = |at: usize| block.get(at..).and_then(|rest| rest.chars().next());
    let mut words = Vec::new();
    let mut gap = Gap::Sentence;
    let mut at = 0;
    // The verbatim parts in order, with a cursor that only moves forward: one pass in all.
    let mut verbatim_parts: Vec<TextRange> = prose
        .verbatim
        .iter()
        .copied()
        .filter(|part| !part.is_empty())
        .collect();
    verbatim_parts.sort_by_key(|part| part.start());
    let mut next_part = 0;
    while let Some(c) = char_at(at) {
        let absolute = (start + at) as u32;
        while verbatim_parts
            .get(next_part)
            .is_some_and(|part| part.end() <= absolute)
        {
            next_part += 1;
        }
        if let Some(verbatim) = verbatim_parts
            .get(next_part)
            .filter(|part| part.contains(absolute))
        {
            gap = Gap::Sentence;
            at = (verbatim.end() as usize)
                .saturating_sub(start)
                .max(at + c.len_utf8());
            continue;
        }
        let starts_word =
            c.is_alphanumeric() || c == '@' && char_at(at + 1).is_some_and(char::is_alphanumeric);
        if starts_word {
            let mut end = at + c.len_utf8();
            while let Some(next) = char_at(end) {
                let joins = matches!(next, '\'' | '’' | '-')
                    && char_at(end + next.len_utf8()).is_some_and(char::is_alphanumeric);
                if next.is_alphanumeric() || joins {
                    end += next.len_utf8();
                } else {
                    break;
                }
            }
            let written = block.get(at..end).unwrap_or_default();
            words.push(Word {
                norm: normalize_word(written),
                text: written,
                range: TextRange::new(absolute, (start + end) as u32),
                gap,
            });
            gap = Gap::Space;
            at = end;
            continue;
        }
        match c {
            '"' | '“' => {
                // Quoted words are someone else's: skip to the closing quote, if any.
                let after = at + c.len_utf8();
                match block.get(after..).and_then(|rest| rest.find(['"', '”'])) {
                    Some(offset) => {
                        gap = Gap::Sentence;
                        at = after + offset + 1;
                        while !block.is_char_boundary(at) {
                            at += 1;
                        }
                        continue;
                    }
                    None => gap = gap.max(Gap::Punct),
                }
            }
            '.' | '!' | '?' | ';' | ':' => gap = Gap::Sentence,
            c if c.is_whitespace() || matches!(c, '*' | '_' | '~') => {}
            _ => gap = gap.max(Gap::Punct),
        }
        at += c.len_utf8();
    }
    words
}

/// A word as compared: lowercase, with typographic apostrophes made plain. Most words are
/// already so, and are borrowed rather than copied.
fn normalize_word(written: &str) -> Cow<'_, str> {
    if written.chars().any(|c| c.is_uppercase() || c == '’') {
        Cow::Owned(written.to_lowercase().replace('’', "'"))
    } else {
        Cow::Borrowed(written)
    }
}

/// The words of a configured phrase, normalized like the prose's.
fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '@')))
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase().replace('’', "'"))
        .collect()
}

/// The names of the front matter `authors` and of the actions' owners, lowercase, without `@`:
/// they are people.
fn people_of(incident: &Incident) -> HashSet<String> {
    let authors = incident.metadata.list("authors");
    let owners = incident
        .actions
        .iter()
        .filter_map(|action| action.owner.as_ref());
    authors
        .into_iter()
        .chain(owners)
        .flat_map(|name| phrase_words(&name.value))
        .map(|word| word.trim_start_matches('@').to_owned())
        .filter(|word| word.chars().count() > 1)
        .collect()
}

const JUDGMENTS: [&str; 14] = [
    "careless",
    "carelessly",
    "carelessness",
    "reckless",
    "recklessly",
    "recklessness",
    "negligent",
    "negligently",
    "negligence",
    "incompetent",
    "incompetence",
    "incompetently",
    "sloppy",
    "sloppiness",
];

const NEGATIONS: [&str; 21] = [
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without", "rather",
    "instead", "hardly", "cannot", "dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "wont",
    "cant",
];

const PREVENTION: [&str; 33] = [
    "reduce",
    "reduces",
    "reduced",
    "reducing",
    "prevent",
    "prevents",
    "prevented",
    "preventing",
    "avoid",
    "avoids",
    "avoided",
    "avoiding",
    "against",
    "room",
    "risk",
    "risks",
    "chance",
    "chances",
    "prone",
    "likelihood",
    "margin",
    "minimize",
    "minimizes",
    "minimise",
    "minimises",
    "eliminate",
    "eliminates",
    "catch",
    "catches",
    "tolerate",
    "tolerates",
    "forgiving",
    "guard",
];

const PRONOUNS: [&str; 10] = [
    "i",
    "he",
    "she",
    "they",
    "you",
    "we",
    "someone",
    "somebody",
    "everyone",
    "everybody",
];

const ROLES: [&str; 26] = [
    "engineer",
    "engineers",
    "developer",
    "developers",
    "dev",
    "devs",
    "on-call",
    "oncall",
    "on-caller",
    "on-callers",
    "operator",
    "operators",
    "team",
    "teams",
    "sre",
    "sres",
    "admin",
    "admins",
    "administrator",
    "administrators",
    "responder",
    "responders",
    "reviewer",
    "reviewers",
    "staff",
    "lead",
];

/// Words between a subject and its verb that do not change who the subject is.
const SKIPPED_BEFORE_VERB: [&str; 22] = [
    "also",
    "just",
    "simply",
    "clearly",
    "obviously",
    "then",
    "again",
    "repeatedly",
    "initially",
    "apparently",
    "really",
    "probably",
    "definitely",
    "certainly",
    "still",
    "completely",
    "all",
    "both",
    "had",
    "has",
    "have",
    "unfortunately",
];

/// Verbs after `failed to` that report an attempt, not a duty: `we failed to reproduce it`.
const ATTEMPTS: [&str; 22] = [
    "reproduce",
    "reach",
    "contact",
    "connect",
    "find",
    "locate",
    "get",
    "obtain",
    "acquire",
    "restore",
    "recover",
    "access",
    "open",
    "load",
    "log",
    "start",
    "stop",
    "kill",
    "roll",
    "revert",
    "fix",
    "resolve",
];

const DETERMINERS: [&str; 11] = [
    "the", "a", "an", "our", "their", "his", "her", "your", "my", "this", "that",
];

/// Finds the blame phrases among `words`, without overlaps, in order.
fn find_blame(words: &[Word<'_>], people: &HashSet<String>, extra: &[Vec<String>]) -> Vec<Finding> {
    let text = Words { words, people };
    let mut findings: Vec<Finding> = Vec::new();
    let extra: Vec<Vec<&str>> = extra
        .iter()
        .map(|phrase| phrase.iter().map(String::as_str).collect())
        .collect();
    for idx in 0..words.len() {
        findings.extend(text.built_in_at(idx));
        for phrase in &extra {
            if text.sequence(idx, phrase) && !text.negated(idx) {
                findings.extend(text.span(idx, idx + phrase.len() - 1).map(|range| Finding {
                    range,
                    family: Family::Extra,
                }));
            }
        }
    }
    findings.sort_by_key(|finding| {
        (
            finding.range.start(),
            std::cmp::Reverse(finding.range.end()),
        )
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings {
        if kept
            .last()
            .is_none_or(|last| last.range.end() <= finding.range.start())
        {
            kept.push(finding);
        }
    }
    kept
}

/// The words of one prose block, with the people the write-up names.
struct Words<'w, 't> {
    words: &'w [Word<'t>],
    people: &'w HashSet<String>,
}

impl Words<'_, '_> {
    fn norm(&self, idx: usize) -> Option<&str> {
        self.words.get(idx).map(|word| word.norm.as_ref())
    }

    /// Whether word `idx` directly follows the word before it, in the same clause.
    fn adjacent(&self, idx: usize) -> bool {
        idx > 0
            && self
                .words
                .get(idx)
                .is_some_and(|word| word.gap == Gap::Space)
    }

    /// Whether `phrase` is written from word `idx` on, its words adjacent.
    fn sequence(&self, idx: usize, phrase: &[&str]) -> bool {
        !phrase.is_empty()
            && phrase.iter().enumerate().all(|(offset, expected)| {
                self.norm(idx + offset) == Some(*expected)
                    && (offset == 0 || self.adjacent(idx + offset))
            })
    }

    /// The range from word `first` to word `last`.
    fn span(&self, first: usize, last: usize) -> Option<TextRange> {
        Some(
            self.words
                .get(first)?
                .range
                .cover(self.words.get(last)?.range),
        )
    }

    fn finding(&self, first: usize, last: usize, family: Family) -> Option<Finding> {
        Some(Finding {
            range: self.span(first, last)?,
            family,
        })
    }

    /// Whether one of the words before word `idx` in its clause (up to six, back to a comma or
    /// the end of a sentence) negates it: `nothing about the deploy was careless`.
    fn negated(&self, idx: usize) -> bool {
        self.clause_before(idx)
            .any(|word| NEGATIONS.contains(&word) || word.ends_with("n't"))
    }

    /// Whether one of the words before word `idx` in its clause speaks of preventing what
    /// follows: `reduce the room for human error`.
    fn prevented(&self, idx: usize) -> bool {
        self.clause_before(idx)
            .any(|word| PREVENTION.contains(&word))
    }

    /// Up to six words before word `idx`, nearest first, back to the start of its clause.
    fn clause_before(&self, idx: usize) -> impl Iterator<Item = &str> {
        let mut current = idx;
        std::iter::from_fn(move || {
            if !self.adjacent(current) {
                return None;
            }
            current = current.checked_sub(1)?;
            self.norm(current)
        })
        .take(6)
    }

    /// Whether `word` names a person: an `@handle`, a pronoun, a role, or an author.
    fn is_person_word(&self, word: &str) -> bool {
        let base = ["'ve", "'d", "'ll", "'re"]
            .iter()
            .find_map(|suffix| word.strip_suffix(suffix))
            .unwrap_or(word);
        (base.starts_with('@') && base.len() > 1)
            || PRONOUNS.contains(&base)
            || ROLES.contains(&base)
            || self.people.contains(base)
    }

    /// Whether word `idx` names a person; `the engineer on call` counts through `call`.
    fn is_person_at(&self, idx: usize) -> bool {
        match self.norm(idx) {
            Some("call") => self.adjacent(idx) && self.norm(idx.wrapping_sub(1)) == Some("on"),
            Some(word) => self.is_person_word(word),
            None => false,
        }
    }

    /// The first word of the person who is the subject of the verb at word `idx`, when the
    /// words right before it name one: `ana`, `we`, `the on-call engineer`.
    fn subject_before(&self, idx: usize) -> Option<usize> {
        let mut current = idx;
        loop {
            if !self.adjacent(current) {
                return None;
            }
            current -= 1;
            let word = self.norm(current)?;
            if !SKIPPED_BEFORE_VERB.contains(&word) {
                break;
            }
        }
        if !self.is_person_at(current) {
            return None;
        }
        Some(self.person_start(current))
    }

    /// The first word of the noun phrase that ends with the person at word `idx`: a role
    /// takes its determiner and one modifier along (`the on-call engineer`, `the payments
    /// team`), `on call` the role before it (`the engineer on call`).
    fn person_start(&self, idx: usize) -> usize {
        let mut first = idx;
        if self.norm(idx) == Some("call") {
            first = idx.saturating_sub(1);
            if self.adjacent(first) && self.is_person_at(first - 1) {
                first -= 1;
            }
        }
        if !self.norm(first).is_some_and(|word| ROLES.contains(&word)) {
            return first;
        }
        let is_determiner = |at: usize| {
            self.norm(at)
                .is_some_and(|word| DETERMINERS.contains(&word))
        };
        if self.adjacent(first) && is_determiner(first - 1) {
            first - 1
        } else if self.adjacent(first) && self.adjacent(first - 1) && is_determiner(first - 2) {
            first - 2
        } else {
            first
        }
    }

    /// The person named right after word `idx` (as an object), skipping `it on`, `on`, `with`
    /// and a determiner: the index of the person's last word.
    fn person_after(&self, idx: usize) -> Option<usize> {
        const OBJECTS: [&str; 8] = [
            "him", "her", "them", "us", "me", "you", "someone", "somebody",
        ];
        let mut next = idx + 1;
        let skip = |words: &[&str], next: &mut usize| {
            if self.adjacent(*next) && self.norm(*next).is_some_and(|word| words.contains(&word)) {
                *next += 1;
            }
        };
        skip(&["it", "this", "that"], &mut next);
        skip(&["on", "with"], &mut next);
        skip(&DETERMINERS, &mut next);
        let mut person = (next..next + 2)
            .take_while(|&candidate| self.adjacent(candidate))
            .find(|&candidate| {
                self.is_person_at(candidate)
                    || self
                        .norm(candidate)
                        .is_some_and(|word| OBJECTS.contains(&word))
            })?;
        // `the on-call engineer`: the phrase ends with the last role word.
        while self.adjacent(person + 1)
            && self
                .norm(person + 1)
                .is_some_and(|word| ROLES.contains(&word))
        {
            person += 1;
        }
        Some(person)
    }

    /// The built-in phrase that starts at word `idx`, if any.
    fn built_in_at(&self, idx: usize) -> Option<Finding> {
        let word = self.norm(idx)?;
        match word {
            "human" if self.sequence(idx, &["human", "error"]) && self.is_given_as_cause(idx) => {
                self.finding(idx, idx + 1, Family::HumanError)
            }
            word if JUDGMENTS.contains(&word) && !self.negated(idx) => {
                self.finding(idx, idx, Family::Judgment)
            }
            "blame" | "blamed" | "blames" => self.blame(idx),
            "fault" => self.fault(idx),
            "dropped" if self.sequence(idx, &["dropped", "the", "ball"]) && !self.negated(idx) => {
                self.finding(idx, idx + 2, Family::Idiom)
            }
            "didn't" | "didnt" | "did" => self.did_not_bother(idx),
            "should" | "should've" | "shouldn't" => self.should_have(idx),
            "failed"
                if self.sequence(idx, &["failed", "to"])
                    && !self
                        .norm(idx + 2)
                        .is_some_and(|verb| ATTEMPTS.contains(&verb)) =>
            {
                let subject = self.subject_before(idx)?;
                (!self.negated(subject)).then_some(())?;
                self.finding(subject, idx + 1, Family::FailedTo)
            }
            _ => None,
        }
    }

    /// `human error` at word `idx`, given as a cause: after `due to`, `caused by`, `was`,
    /// `root cause:`…, before `caused`, `led to`…, or alone in its sentence.
    fn is_given_as_cause(&self, idx: usize) -> bool {
        if self.negated(idx) || self.prevented(idx) {
            return false;
        }
        const FILLERS: [&str; 12] = [
            "a", "an", "the", "simple", "simply", "just", "pure", "plain", "basic", "obvious",
            "clearly", "likely",
        ];
        const CAUSE_BEFORE: [&[&str]; 18] = [
            &["due", "to"],
            &["down", "to"],
            &["owing", "to"],
            &["attributed", "to"],
            &["because", "of"],
            &["result", "of"],
            &["case", "of"],
            &["blamed", "on"],
            &["by"],
            &["was"],
            &["were"],
            &["is"],
            &["classified", "as"],
            &["off", "as"],
            &["cause"],
            &["reason"],
            &["factor"],
            &["culprit"],
        ];
        const CAUSE_AFTER: [&str; 10] = [
            "caused",
            "causes",
            "led",
            "leads",
            "resulted",
            "results",
            "triggered",
            "on",
            "by",
            "from",
        ];
        const CIRCUMSTANCES: [&str; 9] = [
            "in", "during", "when", "while", "on", "at", "by", "after", "before",
        ];
        let mut first = idx;
        while self.adjacent(first)
            && self
                .norm(first - 1)
                .is_some_and(|word| FILLERS.contains(&word))
        {
            first -= 1;
        }
        let after_cause = CAUSE_BEFORE.iter().any(|cause| {
            first
                .checked_sub(cause.len())
                .is_some_and(|start| self.adjacent(first) && self.sequence(start, cause))
        });
        if after_cause {
            return true;
        }
        let next = idx + 2;
        if self.adjacent(next) {
            let after = self.norm(next).unwrap_or_default();
            if CAUSE_AFTER.contains(&after) {
                return true;
            }
            let verdict = ["the cause", "the root", "the reason", "to blame"]
                .iter()
                .any(|rest| self.sequence(next + 1, &rest.split(' ').collect::<Vec<_>>()));
            if matches!(after, "was" | "is") && verdict {
                return true;
            }
        }
        let starts_sentence = self
            .words
            .get(first)
            .is_some_and(|word| word.gap == Gap::Sentence);
        let ends_sentence = self
            .words
            .get(next)
            .is_none_or(|word| word.gap == Gap::Sentence)
            || self.adjacent(next)
                && self
                    .norm(next)
                    .is_some_and(|word| CIRCUMSTANCES.contains(&word));
        starts_sentence && ends_sentence
    }

    /// Blame put on a person: `the team is to blame`, `blamed the on-call`, `blame it on
    /// @bo`, `ana was blamed`. Blaming a system (`we blamed the CDN at first`) is how an
    /// investigation goes, and `git blame` is a tool.
    fn blame(&self, idx: usize) -> Option<Finding> {
        const BE: [&str; 6] = ["is", "was", "are", "were", "be", "got"];
        let is_be = |at: usize| self.norm(at).is_some_and(|word| BE.contains(&word));
        if self.adjacent(idx) && self.norm(idx - 1) == Some("git") {
            return None;
        }
        let (first, last) = if self.norm(idx) == Some("blame")
            && self.adjacent(idx)
            && self.norm(idx - 1) == Some("to")
        {
            // `<person> is to blame`
            let be = idx
                .checked_sub(2)
                .filter(|&be| self.adjacent(idx - 1) && is_be(be))?;
            (self.subject_before(be)?, idx)
        } else if let Some(person) = self.person_after(idx) {
            (idx, person)
        } else if self.norm(idx) == Some("blamed") && self.adjacent(idx) && is_be(idx - 1) {
            // `<person> was blamed`
            (self.subject_before(idx - 1)?, idx)
        } else {
            return None;
        };
        if self.negated(first) {
            return None;
        }
        self.finding(first, last, Family::Blame)
    }

    /// `ana's fault`, `my fault`, `the fault of the operator`, `the operator was at fault`.
    fn fault(&self, idx: usize) -> Option<Finding> {
        const POSSESSIVES: [&str; 6] = ["my", "his", "her", "their", "our", "your"];
        let mut found = None;
        if self.adjacent(idx) {
            let owner = self.words.get(idx - 1)?;
            if POSSESSIVES.contains(&owner.norm.as_ref()) {
                found = Some((idx - 1, idx));
            } else if owner.norm == "at" && self.adjacent(idx - 1) {
                let be = idx
                    .checked_sub(2)
                    .filter(|&be| matches!(self.norm(be), Some("is" | "was" | "are" | "were")));
                found = be
                    .and_then(|be| self.subject_before(be))
                    .map(|subject| (subject, idx));
            } else if let Some(name) = owner.norm.strip_suffix("'s") {
                let after_determiner = self.adjacent(idx - 1)
                    && self
                        .norm(idx - 2)
                        .is_some_and(|word| DETERMINERS.contains(&word));
                let is_proper_name =
                    owner.text.chars().next().is_some_and(char::is_uppercase) && !after_determiner;
                let is_person = self.is_person_word(name)
                    || matches!(name, "anyone" | "anybody")
                    || is_proper_name;
                if is_person && !matches!(name, "nobody" | "one" | "noone") {
                    found = Some((if after_determiner { idx - 2 } else { idx - 1 }, idx));
                }
            }
        }
        if found.is_none() && self.sequence(idx, &["fault", "of"]) {
            found = self.person_after(idx + 1).map(|person| (idx, person));
        }
        let (first, last) = found?;
        if self.negated(first) {
            return None;
        }
        self.finding(first, last, Family::Fault)
    }

    /// `didn't bother to`, `did not bother checking`; not `didn't bother anyone`.
    fn did_not_bother(&self, idx: usize) -> Option<Finding> {
        let length = if self.sequence(idx, &["did", "not", "bother"]) {
            3
        } else if self.norm(idx) != Some("did")
            && self.adjacent(idx + 1)
            && self.norm(idx + 1) == Some("bother")
        {
            2
        } else {
            return None;
        };
        let next = idx + length;
        let goes_on = self.adjacent(next)
            && self
                .norm(next)
                .is_some_and(|word| word == "to" || word.ends_with("ing"));
        if !goes_on || self.negated(idx) {
            return None;
        }
        self.finding(idx, next - 1, Family::Idiom)
    }

    /// `should have known` always; `should have` (or `should not have`) with a past participle
    /// when its subject is a person.
    fn should_have(&self, idx: usize) -> Option<Finding> {
        let participle = match self.norm(idx)? {
            "should've" => idx + 1,
            "should" if self.sequence(idx, &["should", "have"]) => idx + 2,
            "should" if self.sequence(idx, &["should", "not", "have"]) => idx + 3,
            "shouldn't" if self.sequence(idx, &["shouldn't", "have"]) => idx + 2,
            _ => return None,
        };
        if !self.adjacent(participle) || !is_participle(self.norm(participle)?) {
            return None;
        }
        let subject = self.subject_before(idx);
        let first = match (subject, self.norm(participle)) {
            (Some(subject), _) => subject,
            (None, Some("known")) => idx,
            (None, _) => return None,
        };
        if self.negated(first) {
            return None;
        }
        self.finding(first, participle, Family::Hindsight)
    }
}

/// Whether `word` is a past participle, as after `should have`: `checked`, `known`, `caught`.
/// `should have a runbook` is advice, not hindsight.
fn is_participle(word: &str) -> bool {
    const IRREGULAR: [&str; 44] = [
        "been",
        "known",
        "seen",
        "caught",
        "done",
        "gone",
        "taken",
        "given",
        "written",
        "run",
        "read",
        "made",
        "had",
        "got",
        "gotten",
        "kept",
        "left",
        "told",
        "thought",
        "understood",
        "found",
        "held",
        "brought",
        "sent",
        "built",
        "set",
        "put",
        "shut",
        "spotted",
        "chosen",
        "driven",
        "forgotten",
        "hidden",
        "spoken",
        "shown",
        "thrown",
        "drawn",
        "begun",
        "heard",
        "felt",
        "met",
        "paid",
        "said",
        "stopped",
    ];
    IRREGULAR.contains(&word) || (word.len() > 4 && word.ends_with("ed"))
}

#[cfg(test)]
mod tests {
    use crate::{RuleSelection, Settings, check};

    fn findings(text: &str, extra: &[&str]) -> Vec<String> {
        let mut rules = RuleSelection::none();
        rules.enable(&[&super::RULE]);
        let settings = Settings {
            rules,
            extra_blame_phrases: extra.iter().map(|phrase| (*phrase).to_owned()).collect(),
            ..Settings::default()
        };
        check(text, &settings)
            .diagnostics
            .iter()
            .map(|diagnostic| {
                text.get(diagnostic.range.to_usize())
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn phrases_are_found_in_prose_only() {
        let text = "# Ana was careless\n\nAna was careless.\n\n> Ana was careless.\n\n`careless`\n";
        assert_eq!(findings(text, &[]), vec!["careless"]);
    }

    #[test]
    fn subjects_decide_failed_to_and_should_have() {
        assert_eq!(
            findings("The on-call engineer failed to check the replica.\n", &[]),
            vec!["The on-call engineer failed to"]
        );
        assert_eq!(
            findings("We really should have checked the replica.\n", &[]),
            vec!["We really should have checked"]
        );
        assert!(findings("The request failed to connect.\n", &[]).is_empty());
        assert!(findings("We failed to reproduce it in staging.\n", &[]).is_empty());
        assert!(findings("The script treats a missing file as a human error.\n", &[]).is_empty());
        assert!(findings("The canary should have caught it.\n", &[]).is_empty());
        assert!(findings("Each repository should have a runbook.\n", &[]).is_empty());
        assert_eq!(
            findings("Should have known.\n", &[]),
            vec!["Should have known"]
        );
    }

    #[test]
    fn extra_phrases_come_from_the_settings() {
        let text = "The deploy went out while the operator was asleep at the wheel.\n";
        assert_eq!(
            findings(text, &["asleep at the wheel"]),
            vec!["asleep at the wheel"]
        );
        assert!(findings(text, &[]).is_empty());
    }
}
