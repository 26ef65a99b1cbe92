//! Grouping instructions into build stages and resolving each FROM.

use std::collections::HashMap;

use super::{vars, ImageRef, Instruction, Keyword, ParseError, Stage};

/// Image references are short (Docker caps a name at 255 characters); a
/// substitution that comes out longer than this is not a real reference, and
/// keeping it would let a few short ARG lines blow up memory (`ARG B=$A$A`).
/// The value is kept as written instead.
const MAX_EXPANDED: usize = 4096;

/// Sets `Instruction::stage` and returns the stages and the global ARG indices.
pub(crate) fn assign(instructions: &mut [Instruction]) -> Result<(Vec<Stage>, Vec<usize>), ParseError> {
    let mut stages: Vec<Stage> = Vec::new();
    let mut global_args = Vec::new();
    // Global ARG defaults, for substitution in FROM lines.
    let mut defaults: HashMap<String, String> = HashMap::new();
    for (index, instruction) in instructions.iter_mut().enumerate() {
        match instruction.keyword {
            Keyword::From => {
                if let Some(previous) = stages.last_mut() {
                    previous.instructions.end = index;
                }
                let stage = resolve_from(instruction, index, &stages, &defaults)?;
                stages.push(stage);
            }
            Keyword::Arg if stages.is_empty() => {
                global_args.push(index);
                for (name, value) in instruction.key_values() {
                    // A later `ARG NAME` without a default keeps the earlier one.
                    if let Some(value) = value {
                        let value = expand_bounded(&value, &defaults);
                        defaults.insert(name, value);
                    }
                }
            }
            _ if stages.is_empty() => {
                return Err(ParseError::new(
                    instruction.span.start_line,
                    format!(
                        "{} before the first FROM: only ARG may come before FROM",
                        instruction.keyword_raw.to_uppercase()
                    ),
                ));
            }
            _ => {}
        }
        let stage = stages.len().checked_sub(1);
        instruction.stage = stage;
        if let Some(trigger) = &mut instruction.onbuild {
            trigger.stage = stage;
        }
    }
    match stages.last_mut() {
        Some(last) => last.instructions.end = instructions.len(),
        None => return Err(ParseError::new(1, "no FROM instruction")),
    }
    Ok((stages, global_args))
}

/// `FROM [--platform=..] image [AS name]`.
fn resolve_from(
    from: &Instruction,
    index: usize,
    earlier: &[Stage],
    defaults: &HashMap<String, String>,
) -> Result<Stage, ParseError> {
    let line = from.span.start_line;
    let words = from.words();
    let (image, name) = match words.as_slice() {
        [] => return Err(ParseError::new(line, "FROM without an image")),
        [image] => (image, None),
        [image, as_keyword, name] if as_keyword.eq_ignore_ascii_case("as") => {
            (image, Some(name.to_lowercase()))
        }
        _ => return Err(ParseError::new(line, "FROM takes an image and an optional `AS name`")),
    };
    let expanded = expand_bounded(image, defaults);
    let from_stage = earlier
        .iter()
        .find(|stage| stage.name.as_deref().is_some_and(|name| name.eq_ignore_ascii_case(&expanded)))
        .map(|stage| stage.index);
    Ok(Stage {
        index: earlier.len(),
        name,
        base: ImageRef::parse(&expanded),
        base_raw: image.clone(),
        from_stage,
        platform: from.flag_value("platform").map(str::to_string),
        span: from.span,
        instructions: index..index + 1,
    })
}

fn expand_bounded(value: &str, defaults: &HashMap<String, String>) -> String {
    let expanded = vars::expand(value, &|name: &str| defaults.get(name).cloned());
    if expanded.len() > MAX_EXPANDED.max(value.len()) {
        value.to_string()
    } else {
        expanded
    }
}
