//! Configuration errors that name the file, the line and the field, found from a byte span.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One thing wrong with a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The file name given to the loader.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The field's path, such as `bodies[2].competences[1]` (empty for the whole file).
    pub field: String,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = if self.field.is_empty() {
            "(top level)"
        } else {
            &self.field
        };
        write!(
            f,
            "{}:{}:{}: {field}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A configuration file that cannot be used: one problem or more, in file order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    problems: Vec<ConfigProblem>,
}

impl ConfigError {
    /// Every problem found (at least one), in file order.
    pub fn problems(&self) -> &[ConfigProblem] {
        &self.problems
    }

    pub(super) fn new(mut problems: Vec<ConfigProblem>) -> Self {
        problems.sort_by_key(|p| (p.line, p.column));
        problems.dedup();
        Self { problems }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            problem.fmt(f)?;
        }
        Ok(())
    }
}

/// Turns byte spans into problems that name the line, the column and the field path.
pub(super) struct Locator<'a> {
    file: &'a str,
    text: &'a str,
    tree: Option<Spanned<DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            text,
            tree: DeTable::parse(text).ok(),
        }
    }

    /// A problem at `span` (a byte range into the text).
    pub(super) fn problem(&self, span: Option<Range<usize>>, message: String) -> ConfigProblem {
        let start = span.as_ref().map_or(0, |s| s.start).min(self.text.len());
        let before = self.text.get(..start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let field = match (&self.tree, span) {
            (Some(tree), Some(span)) => field_path(tree.get_ref(), &span),
            _ => String::new(),
        };
        ConfigProblem {
            file: self.file.to_owned(),
            line,
            column,
            field,
            message,
        }
    }
}

/// Every key, value and array element of the document with its span and field path.
fn collect(value: &DeValue<'_>, path: &str, out: &mut Vec<(Range<usize>, String)>) {
    match value {
        DeValue::Table(table) => {
            for (key, value) in table.iter() {
                let path = if path.is_empty() {
                    key.get_ref().to_string()
                } else {
                    format!("{path}.{}", key.get_ref())
                };
                out.push((key.span(), path.clone()));
                out.push((value.span(), path.clone()));
                collect(value.get_ref(), &path, out);
            }
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("{path}[{i}]");
                out.push((item.span(), path.clone()));
                collect(item.get_ref(), &path, out);
            }
        }
        _ => {}
    }
}

/// The field path of `span`: the smallest node that contains it (the deepest on a tie), or else
/// the last node that starts before it (a table's span is only its header).
fn field_path(tree: &DeTable<'_>, span: &Range<usize>) -> String {
    let mut nodes = Vec::new();
    collect(&DeValue::Table(tree.clone()), "", &mut nodes);
    let containing = nodes
        .iter()
        .filter(|(s, _)| s.start <= span.start && span.end <= s.end.max(s.start + 1))
        .min_by_key(|(s, p)| (s.end - s.start, usize::MAX - p.len()));
    let before = || {
        nodes
            .iter()
            .filter(|(s, _)| s.start <= span.start)
            .max_by_key(|(s, p)| (s.start, p.len()))
    };
    containing
        .or_else(before)
        .map(|(_, p)| p.clone())
        .unwrap_or_default()
}
