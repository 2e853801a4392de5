//! A word-level diff between two revisions' texts, for the editor's review
//! page: what the proposal removes and adds, word by word.
//!
//! Myers' algorithm over tokens (words, whitespace runs, single punctuation
//! marks) after stripping the common prefix and suffix, so a small edit in
//! a long text costs little more than reading it. Its work grows with the
//! number of differences, so it is capped: past the cap the middle is
//! compared line by line, and past that it is shown as replaced whole.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

/// Roughly how many steps one comparison may take; a few tens of
/// milliseconds, whatever the texts.
const BUDGET: usize = 20_000_000;
/// The most differences traced; the trace takes about its square in words
/// of memory (8 MB).
const MAX_EDITS: usize = 1_000;

/// The parts in text order; adjacent parts never share a kind, and between
/// two unchanged parts the removal comes before the addition. The `Same`
/// and `Removed` texts make up `old`, the `Same` and `Added` texts `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let a = tokens(old);
    let b = tokens(new);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = Parts::default();
    out.push(DiffKind::Same, &a[..prefix].concat());
    let (a_mid, b_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    if let Some(ops) = myers(a_mid, b_mid) {
        out.extend(ops, a_mid, b_mid);
    } else {
        let (old_mid, new_mid) = (a_mid.concat(), b_mid.concat());
        let a_lines: Vec<&str> = old_mid.split_inclusive('\n').collect();
        let b_lines: Vec<&str> = new_mid.split_inclusive('\n').collect();
        match myers(&a_lines, &b_lines) {
            Some(ops) => out.extend(ops, &a_lines, &b_lines),
            None => {
                out.push(DiffKind::Removed, &old_mid);
                out.push(DiffKind::Added, &new_mid);
            }
        }
    }
    out.push(DiffKind::Same, &a[a.len() - suffix..].concat());
    out.finish()
}

/// Words (letters and digits, so "één" and "coöperatie" stay whole),
/// runs of whitespace, and every other character on its own.
fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq)]
    enum Class {
        Word,
        Space,
        Mark,
    }
    let class = |c: char| match c {
        c if c.is_alphanumeric() => Class::Word,
        c if c.is_whitespace() => Class::Space,
        _ => Class::Mark,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let current = class(c);
        let joins = previous.as_ref() == Some(&current) && current != Class::Mark;
        if !joins && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        previous = Some(current);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Remove,
    Add,
}

/// The shortest edit script from `a` to `b`, or `None` if it needs more
/// differences than the budget allows.
fn myers<T: PartialEq>(a: &[T], b: &[T]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let limit = (BUDGET / (a.len() + b.len()).max(1)).clamp(16, MAX_EDITS) as isize;
    // trace[d][k + d]: the furthest x on diagonal k after d differences.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=limit.min(n + m) {
        let mut v = vec![0isize; (2 * d + 1) as usize];
        let previous = |k: isize| {
            trace
                .last()
                .map_or(0, |p: &Vec<isize>| p[(k + d - 1) as usize])
        };
        for k in (-d..=d).step_by(2) {
            let mut x = if d == 0 {
                0
            } else if k == -d || (k != d && previous(k - 1) < previous(k + 1)) {
                previous(k + 1)
            } else {
                previous(k - 1) + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(k + d) as usize] = x;
            if x >= n && y >= m {
                trace.push(v);
                return Some(backtrack(&trace, n, m));
            }
        }
        trace.push(v);
    }
    None
}

fn backtrack(trace: &[Vec<isize>], n: isize, m: isize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..trace.len() as isize).rev() {
        let previous = &trace[(d - 1) as usize];
        let at = |k: isize| previous[(k + d - 1) as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Same);
            x -= 1;
            y -= 1;
        }
        ops.push(if x == prev_x { Op::Add } else { Op::Remove });
        (x, y) = (prev_x, prev_y);
    }
    ops.extend(std::iter::repeat_n(Op::Same, x as usize));
    ops.reverse();
    ops
}

/// Collects parts, merging neighbours and ordering each change as removal
/// then addition.
#[derive(Default)]
struct Parts {
    done: Vec<DiffPart>,
    removed: String,
    added: String,
}

impl Parts {
    fn push(&mut self, kind: DiffKind, text: &str) {
        match kind {
            DiffKind::Removed => self.removed.push_str(text),
            DiffKind::Added => self.added.push_str(text),
            DiffKind::Same if text.is_empty() => {}
            DiffKind::Same => {
                self.flush();
                match self.done.last_mut() {
                    Some(last) if last.kind == DiffKind::Same => last.text.push_str(text),
                    _ => self.done.push(DiffPart {
                        kind,
                        text: text.to_string(),
                    }),
                }
            }
        }
    }

    fn extend(&mut self, ops: Vec<Op>, a: &[&str], b: &[&str]) {
        let (mut i, mut j) = (0, 0);
        for op in ops {
            match op {
                Op::Same => {
                    self.push(DiffKind::Same, a[i]);
                    i += 1;
                    j += 1;
                }
                Op::Remove => {
                    self.push(DiffKind::Removed, a[i]);
                    i += 1;
                }
                Op::Add => {
                    self.push(DiffKind::Added, b[j]);
                    j += 1;
                }
            }
        }
    }

    fn flush(&mut self) {
        for (kind, text) in [
            (DiffKind::Removed, &mut self.removed),
            (DiffKind::Added, &mut self.added),
        ] {
            if !text.is_empty() {
                self.done.push(DiffPart {
                    kind,
                    text: std::mem::take(text),
                });
            }
        }
    }

    fn finish(mut self) -> Vec<DiffPart> {
        self.flush();
        self.done
    }
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
