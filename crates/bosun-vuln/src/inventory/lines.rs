//! Finding the 1-based line a package's entry stands on, which every finding
//! reports. The parsers the readers use keep no lines: `toml` and `roxmltree`
//! give byte offsets, which [`LineStarts`] turns into lines, and `serde_json`
//! gives nothing, so [`each_key`] walks the JSON text once more for its keys.

/// Where each line of a text starts, to turn byte offsets into line numbers
/// without rescanning the text for every entry.
pub(super) struct LineStarts(Vec<usize>);

impl LineStarts {
    pub(super) fn of(text: &str) -> LineStarts {
        let after_newlines = text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1);
        LineStarts(std::iter::once(0).chain(after_newlines).collect())
    }

    /// The 1-based line of byte `offset`.
    pub(super) fn line_of(&self, offset: usize) -> u32 {
        self.0.partition_point(|&start| start <= offset) as u32
    }
}

/// Calls `on_key(enclosing, key, line)` for every object key of a JSON text, in
/// order; `enclosing` is the keys leading to the object holding it (none for
/// the top-level object's keys; an array adds an empty one). Meant for text
/// `serde_json` has already accepted: on anything else it reports what it
/// found, without panicking.
pub(super) fn each_key(text: &str, mut on_key: impl FnMut(&[String], &str, u32)) {
    let bytes = text.as_bytes();
    let mut line = 1u32;
    let mut enclosing: Vec<String> = Vec::new();
    // Per open container: whether it is an object.
    let mut objects: Vec<bool> = Vec::new();
    let mut expect_key = false;
    let mut last_key = String::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'"' => {
                let start = i + 1;
                let mut end = start;
                let mut escaped = false;
                while end < bytes.len() && bytes[end] != b'"' {
                    if bytes[end] == b'\\' {
                        escaped = true;
                        end += 1;
                    }
                    end += 1;
                }
                let end = end.min(bytes.len());
                if expect_key {
                    let raw = text.get(start..end).unwrap_or_default();
                    let key = match escaped && end < bytes.len() {
                        true => {
                            serde_json::from_str::<String>(&text[i..=end]).unwrap_or_else(|_| raw.to_string())
                        }
                        false => raw.to_string(),
                    };
                    on_key(&enclosing, &key, line);
                    last_key = key;
                    expect_key = false;
                }
                i = end;
            }
            open @ (b'{' | b'[') => {
                match objects.last() {
                    Some(true) => enclosing.push(std::mem::take(&mut last_key)),
                    Some(false) => enclosing.push(String::new()),
                    None => {}
                }
                objects.push(open == b'{');
                expect_key = open == b'{';
            }
            b'}' | b']' => {
                objects.pop();
                if !objects.is_empty() {
                    enclosing.pop();
                }
                expect_key = false;
            }
            b',' => expect_key = objects.last() == Some(&true),
            _ => {}
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{each_key, LineStarts};

    #[test]
    fn offsets_become_lines() {
        let lines = LineStarts::of("a\nbc\n\nd");
        let found: Vec<u32> = [0, 1, 2, 4, 5, 6, 7, 100].iter().map(|&at| lines.line_of(at)).collect();
        assert_eq!(found, [1, 1, 2, 2, 3, 4, 4, 4]);
        assert_eq!(LineStarts::of("").line_of(0), 1);
    }

    #[test]
    fn keys_are_found_with_their_lines_and_enclosing_keys() {
        let text = "{\"a\": {\"b\\\"\": [1, {\"c\": \"{[\"}],\n \"d\": 2},\n\"e\": {}}";
        let mut keys = Vec::new();
        each_key(text, |enclosing, key, line| keys.push((enclosing.join("/"), key.to_string(), line)));
        let expected = [("", "a", 1), ("a", "b\"", 1), ("a/b\"/", "c", 1), ("a", "d", 2), ("", "e", 3)];
        let expected: Vec<_> = expected.iter().map(|(p, k, l)| (p.to_string(), k.to_string(), *l)).collect();
        assert_eq!(keys, expected);
    }

    #[test]
    fn escaped_keys_are_decoded_and_broken_text_does_not_panic() {
        let mut keys = Vec::new();
        each_key("{\"n\\u0061me\": 1,\n\"\\u00e9\": 2}", |_, key, line| keys.push((key.to_string(), line)));
        assert_eq!(keys, [("name".to_string(), 1), ("é".to_string(), 2)]);
        for text in ["{\"a\\", "{\"a", "{\"é\\", "}}]]{\"", "{\"a\": [{\"b\\\u{e9}"] {
            each_key(text, |_, _, _| {});
        }
    }
}
