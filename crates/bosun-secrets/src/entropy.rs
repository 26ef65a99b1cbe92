//! Shannon entropy, the usual measure of how random a candidate secret looks.

/// Bits per character of `text`'s byte distribution.
pub fn shannon(text: &str) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for byte in text.bytes() {
        counts[byte as usize] += 1;
    }
    let len = text.len() as f32;
    counts.iter().filter(|&&c| c > 0).map(|&c| c as f32 / len).map(|p| -p * p.log2()).sum()
}

#[cfg(test)]
mod tests {
    use super::shannon;

    #[test]
    fn uniform_text_has_zero_entropy_and_random_text_a_lot() {
        assert_eq!(shannon(""), 0.0);
        assert_eq!(shannon("aaaaaaaa"), 0.0);
        assert!((shannon("abcd") - 2.0).abs() < 1e-6);
        assert!(shannon("hL7q2Vx9Zp4Kd8Rw3Tn6Yb1Mc5Gf0Js") > 4.5);
        assert!(shannon("passwordpassword") < 3.0);
    }
}
