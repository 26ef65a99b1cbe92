//! Percent-encoding (RFC 3986) of the strings bosun puts into URLs and package
//! URLs, and decoding of the ones it reads back (purls in SBOMs, yarn's
//! `patch:` references). Each caller says which characters beyond the
//! unreserved ones stay as they are: a purl keeps `:`, an SPDX namespace does
//! not.

/// Percent-encodes every byte but ASCII letters and digits, RFC 3986's other
/// unreserved characters (`-._~`), and the bytes of `keep`.
pub(crate) fn encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Percent-encodes a purl component: `:` too stays, as the purl spec leaves
/// it unencoded everywhere.
pub(crate) fn encode_purl_part(text: &str) -> String {
    encode(text, b":")
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is,
/// and bytes that do not make UTF-8 become U+FFFD.
pub(crate) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{decode, encode, encode_purl_part};

    #[test]
    fn encoding_keeps_the_unreserved_and_the_callers_characters() {
        assert_eq!(encode_purl_part("1:2.38+b1 x/y"), "1:2.38%2Bb1%20x%2Fy");
        assert_eq!(encode("my app#1/é:x", b""), "my%20app%231%2F%C3%A9%3Ax");
        assert_eq!(encode("Alpine:v3.20 a/b", b":"), "Alpine:v3.20%20a%2Fb");
    }

    #[test]
    fn decoding_leaves_what_is_not_an_escape() {
        assert_eq!(decode("%40scope%2x%"), "@scope%2x%");
        assert_eq!(decode("a%3Ab%2F%zz%+1%"), "a:b/%zz%+1%");
        assert_eq!(decode(&encode_purl_part("ünï/cødé")), "ünï/cødé");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }
}
