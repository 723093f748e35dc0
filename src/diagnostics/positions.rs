//! Where each key and value of a YAML document is, from the YAML parser's own marks, so that a
//! problem found after deserializing (a bad slug, a duplicate key, a missing photo) points at
//! the exact place instead of at a text search's guess.
//!
//! Paths are written as serde_yaml writes them in its messages: `[2].slug`, `cv.variants.short`.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column.
pub type Position = (usize, usize);

/// The positions of a document's nodes by path.
#[derive(Debug, Default)]
pub struct Positions {
    values: HashMap<String, Position>,
    keys: HashMap<String, Position>,
    scalars: Vec<(Position, String)>,
}

impl Positions {
    /// Reads `yaml`; `line_offset` is added to every line (front matter inside a Markdown
    /// file). A document YAML cannot parse has no positions: its syntax error is reported on
    /// its own, by the deserializer.
    pub fn parse(yaml: &str, line_offset: usize) -> Positions {
        let mut index = Indexer {
            line_offset,
            stack: Vec::new(),
            out: Positions::default(),
        };
        let _ = Parser::new_from_str(yaml).load(&mut index, false);
        index.out
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Position> {
        self.values.get(path).copied()
    }

    /// Every scalar value (not key), with where it starts, in document order.
    pub fn scalars(&self) -> &[(Position, String)] {
        &self.scalars
    }

    /// The path of the value that starts at `at`.
    pub fn path_at(&self, at: Position) -> Option<&str> {
        self.values
            .iter()
            .filter(|(_, p)| **p == at)
            .map(|(path, _)| path.as_str())
            .max_by_key(|path| path.len())
    }

    /// Where the key of the mapping entry at `path` is (its value when it has no key).
    pub fn key(&self, path: &str) -> Option<Position> {
        self.keys.get(path).copied().or_else(|| self.value(path))
    }
}

/// A collection being read.
enum Frame {
    Seq {
        path: String,
        next: usize,
    },
    Map {
        path: String,
        /// The key just read, waiting for its value.
        key: Option<(String, Position)>,
        /// No key read yet: the mapping is placed at its first key (the parser marks a block
        /// mapping's start after that key).
        fresh: bool,
    },
    /// A collection used as a mapping key: its insides have no path of their own.
    Key,
}

struct Indexer {
    line_offset: usize,
    stack: Vec<Frame>,
    out: Positions,
}

impl Indexer {
    fn position(&self, mark: Marker) -> Position {
        // The marks count columns from 0.
        (mark.line() + self.line_offset, mark.col() + 1)
    }

    /// Records a node starting at `mark`; returns its path, or `None` for a mapping key (or
    /// anything inside one).
    fn node(&mut self, mark: Marker, scalar: Option<&str>) -> Option<String> {
        let at = self.position(mark);
        let path = match self.stack.last_mut() {
            None => String::new(),
            Some(Frame::Key) => return None,
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                p
            }
            Some(Frame::Map { path, key, fresh }) => match key.take() {
                None => {
                    // This node is a key: remember it until its value comes.
                    *key = Some((scalar.unwrap_or("?").to_string(), at));
                    if std::mem::take(fresh) {
                        self.out.values.insert(path.clone(), at);
                    }
                    return None;
                }
                Some((name, key_at)) => {
                    let p = if path.is_empty() {
                        name
                    } else {
                        format!("{path}.{name}")
                    };
                    self.out.keys.insert(p.clone(), key_at);
                    p
                }
            },
        };
        self.out.values.entry(path.clone()).or_insert(at);
        Some(path)
    }
}

impl MarkedEventReceiver for Indexer {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) if self.node(mark, Some(&value)).is_some() => {
                let at = self.position(mark);
                self.out.scalars.push((at, value));
            }
            Event::Scalar(..) => {}
            Event::Alias(_) => {
                self.node(mark, Some("*"));
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                let frame = match self.node(mark, None) {
                    Some(path) if is_map => Frame::Map {
                        path,
                        key: None,
                        fresh: true,
                    },
                    Some(path) => Frame::Seq { path, next: 0 },
                    None => Frame::Key,
                };
                self.stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_values_by_path() {
        let yaml = "- key: a\n  slug: x\n- key: b\n  tags: [one, two]\n  links:\n    pdf: /p.pdf\n";
        let p = Positions::parse(yaml, 0);
        assert_eq!(p.value("[0].key"), Some((1, 8)));
        assert_eq!(p.key("[0].slug"), Some((2, 3)));
        assert_eq!(p.value("[0].slug"), Some((2, 9)));
        assert_eq!(p.value("[1]"), Some((3, 3)));
        assert_eq!(p.value("[1].tags[1]"), Some((4, 15)));
        assert_eq!(p.value("[1].links.pdf"), Some((6, 10)));
        assert_eq!(p.value("[2]"), None);
        assert_eq!(p.scalars()[1], ((2, 9), "x".to_string()));
        assert_eq!(
            p.scalars().len(),
            6,
            "keys are not values: {:?}",
            p.scalars()
        );
    }

    #[test]
    fn mappings_and_offsets() {
        let yaml = "base_url: https://x.org/\ncv:\n  variants:\n    Short CV:\n      title: S\n";
        let p = Positions::parse(yaml, 1);
        assert_eq!(p.value("base_url"), Some((2, 11)));
        assert_eq!(p.key("cv.variants.Short CV"), Some((5, 5)));
        assert_eq!(p.value("cv.variants.Short CV.title"), Some((6, 14)));
        assert!(Positions::parse("a: [unclosed", 0).value("a.x").is_none());
    }
}
