//! (filled in by its rules)

pub mod rules;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[];
