//! Synonym groups an editor can maintain: one group per line, terms separated by commas. A query
//! term in a group also finds the other terms of the group (with a lower weight).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::analysis::{fold, tokenize};

/// The groups the kennisbank starts with.
const DEFAULT_DUTCH: &str = "\
ontruiming, huisuitzetting
deurwaarder, gerechtsdeurwaarder
schuldhulp, schuldhulpverlening, schuldsanering
huurachterstand, betalingsachterstand
";

/// Groups of terms that mean the same. Each term is kept folded (`Schuldsanering` and
/// `schuldsanéring` are the same term); a term may have several words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
}

/// A line of a synonym list that cannot be used, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymError {
    pub line: usize,
    pub problem: SynonymProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynonymProblem {
    /// A comma with nothing (no letters or digits) before or after it.
    EmptyTerm,
    /// A line with fewer than two different terms.
    SingleTerm,
}

impl fmt::Display for SynonymError {
    /// Dutch, because an editor of the kennisbank reads it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.problem {
            SynonymProblem::EmptyTerm => "een term is leeg (twee komma's achter elkaar?)",
            SynonymProblem::SingleTerm => "een groep heeft minstens twee verschillende termen",
        };
        write!(f, "regel {}: {reason}", self.line)
    }
}

impl std::error::Error for SynonymError {}

impl Synonyms {
    /// No synonyms at all.
    pub fn none() -> Self {
        Self::default()
    }

    /// The kennisbank's starting list (see [`DEFAULT_DUTCH`]).
    pub fn default_dutch() -> Self {
        Self::parse(DEFAULT_DUTCH).expect("the default synonym list is valid")
    }

    /// Reads one group per line, terms separated by commas. Blank lines and lines starting
    /// with `#` are skipped. The first bad line is reported by number.
    pub fn parse(text: &str) -> Result<Self, SynonymError> {
        let mut groups = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let group = parse_group(line).map_err(|problem| SynonymError {
                line: i + 1,
                problem,
            })?;
            groups.push(group);
        }
        Ok(Self { groups })
    }

    /// The groups, each term folded to lowercase words joined by one space.
    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }
}

fn parse_group(line: &str) -> Result<Vec<String>, SynonymProblem> {
    let mut group: Vec<String> = Vec::new();
    for raw in line.split(',') {
        let words: Vec<String> = tokenize(raw).into_iter().map(|t| t.word).collect();
        if words.is_empty() {
            return Err(SynonymProblem::EmptyTerm);
        }
        let term = fold(&words.join(" "));
        if !group.contains(&term) {
            group.push(term);
        }
    }
    if group.len() < 2 {
        return Err(SynonymProblem::SingleTerm);
    }
    Ok(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_groups_per_line() {
        let text =
            "# comment\nOntruiming, huisuitzetting\n\n  vaste lasten , huur,schuldsanéring \n";
        let synonyms = Synonyms::parse(text).unwrap();
        assert_eq!(
            synonyms.groups(),
            [
                vec!["ontruiming", "huisuitzetting"],
                vec!["vaste lasten", "huur", "schuldsanering"],
            ]
        );
    }

    #[test]
    fn reports_the_bad_line() {
        let cases = [
            ("a, b\nc,,d", 2, SynonymProblem::EmptyTerm),
            ("a, b\n\nc", 3, SynonymProblem::SingleTerm),
            ("huur, Huur", 1, SynonymProblem::SingleTerm),
            ("huur, !!", 1, SynonymProblem::EmptyTerm),
        ];
        for (text, line, problem) in cases {
            assert_eq!(
                Synonyms::parse(text),
                Err(SynonymError { line, problem }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn error_message_names_the_line() {
        let err = Synonyms::parse("a, b\nc").unwrap_err();
        assert_eq!(
            err.to_string(),
            "regel 2: een groep heeft minstens twee verschillende termen"
        );
    }

    #[test]
    fn default_list_has_the_four_groups() {
        assert_eq!(Synonyms::default_dutch().groups().len(), 4);
    }
}
