//! The word-at-a-time `P_Key` comparison (used where the target lacks SSE2,
//! e.g. the i586 NT 4.0 build) answers exactly as the byte-wise (vector)
//! one and as the plain definition: `key()` equals the query ignoring ASCII
//! case. Stored keys include NULs in the middle, non-ASCII bytes, case
//! variants, and all 32 bytes used (no terminator); queries include NULs,
//! over-long keys and the empty key.

use proptest::prelude::*;
use rassapi::__key_compare::{eq_bytes, eq_words};

const KEY_SIZE: usize = 32;

/// `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The definition: the stored key is the bytes up to the first NUL (or all
/// 32); a query with a NUL or over 32 bytes matches nothing.
fn reference(p_key: &[u8; KEY_SIZE], key: &str) -> bool {
    let stored = p_key.split(|&b| b == 0).next().unwrap_or(&[]);
    !key.as_bytes().contains(&0) && stored.eq_ignore_ascii_case(key.as_bytes())
}

fn check(p_key: &[u8; KEY_SIZE], key: &str) {
    let expected = reference(p_key, key);
    assert_eq!(
        eq_bytes(p_key, key),
        expected,
        "bytes form: {p_key:?} vs {key:?}"
    );
    assert_eq!(
        eq_words(p_key, key),
        expected,
        "words form: {p_key:?} vs {key:?}"
    );
}

/// A stored key built from `text` (cut or NUL-padded to 32 bytes), then
/// with `junk` written after its terminator.
fn stored(text: &[u8], junk: &[u8]) -> [u8; KEY_SIZE] {
    let mut p_key = [0u8; KEY_SIZE];
    for (d, &s) in p_key.iter_mut().zip(text) {
        *d = s;
    }
    let after = text.len().saturating_add(1);
    for (d, &j) in p_key.iter_mut().skip(after).zip(junk) {
        *d = j;
    }
    p_key
}

#[test]
fn edge_cases() {
    let full = [b'K'; KEY_SIZE];
    check(&full, &"k".repeat(32)); // unterminated 32-byte key matches
    check(&full, &"k".repeat(31)); // a prefix does not
    check(&full, &"k".repeat(33)); // longer than the array: nothing
    check(&stored(b"CONNECTBPS", b"garbage"), "connectbps");
    check(&stored(b"CONNECTBPS", b"garbage"), "CONNECTBPS\0");
    check(&stored(b"", b"xyz"), "");
    check(&stored(b"", b""), "a");
    // Non-ASCII bytes only equal themselves: 0xC9 is not 0xE9 ignoring case.
    check(&stored(&[0xC9, b'A'], b""), "\u{e9}a");
    check(&stored("\u{c9}A".as_bytes(), b""), "\u{c9}a");
    check(&stored("\u{c9}A".as_bytes(), b""), "\u{e9}a");
    // '@' '[' '`' '{' sit next to the letters and must not fold.
    for (a, b) in [("@", "`"), ("[", "{"), ("Z", "z"), ("A", "a")] {
        check(&stored(a.as_bytes(), b""), b);
    }
    // Every byte value against its ASCII-lowercase form.
    for byte in 1..=u8::MAX {
        let p_key = stored(&[byte; KEY_SIZE], b"");
        if let Ok(text) = std::str::from_utf8(&[byte.to_ascii_lowercase(); KEY_SIZE]) {
            check(&p_key, text);
        }
    }
    // A key holding a NUL never matches, even where the stored array
    // holds the same bytes past its terminator; the NUL in every word
    // position, the last (partial) word included.
    let text = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    for len in 1..=KEY_SIZE {
        for at in 0..len {
            let mut p_key = [0u8; KEY_SIZE];
            p_key[..len].copy_from_slice(&text[..len]);
            p_key[at] = 0;
            let key = String::from_utf8(p_key[..len].to_ascii_lowercase()).unwrap();
            check(&p_key, &key);
            assert!(
                !eq_words(&p_key, &key) && !eq_bytes(&p_key, &key),
                "{key:?}"
            );
        }
    }
    // Every key length against the same key stored, and one byte longer
    // or shorter.
    for len in 0..=KEY_SIZE {
        let p_key = stored(&text[..len], b"");
        let key = String::from_utf8(text[..len].to_ascii_lowercase()).unwrap();
        check(&p_key, &key);
        assert!(eq_words(&p_key, &key) && eq_bytes(&p_key, &key), "{key:?}");
        if len > 0 {
            check(&p_key, &key[..len - 1]);
            assert!(!eq_words(&p_key, &key[..len - 1]), "{key:?} shortened");
        }
        if len < KEY_SIZE {
            let longer = format!("{key}x");
            check(&p_key, &longer);
            assert!(!eq_words(&p_key, &longer), "{longer:?}");
        }
    }
    assert!(eq_words(&stored(b"MaxConnectBps", b""), "MAXCONNECTBPS"));
    assert!(!eq_words(&stored(b"MaxConnectBps", b""), "MAXCONNECTBP"));
}

/// Bytes biased towards the interesting ones: NUL, letters of both cases,
/// their neighbours, and non-ASCII.
fn key_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(0u8),
        b'A'..=b'Z',
        b'a'..=b'z',
        prop::sample::select(vec![b'@', b'[', b'`', b'{', b'0', b'_']),
        0x80u8..=0xFF,
        any::<u8>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(2048)))]

    /// Arbitrary 32-byte arrays (NULs anywhere, unterminated, non-ASCII)
    /// against queries derived from them (case flipped) and arbitrary ones.
    #[test]
    fn both_forms_agree_with_the_definition(
        p_key in prop::collection::vec(key_byte(), KEY_SIZE),
        flips in prop::collection::vec(any::<bool>(), KEY_SIZE),
        cut in 0usize..=KEY_SIZE + 1,
        other in prop::collection::vec(
            prop_oneof![Just('\0'), Just('\u{e9}'), Just('\u{c9}'), (0x20u8..0x7F).prop_map(char::from)],
            0..35,
        ),
    ) {
        let p_key: [u8; KEY_SIZE] = p_key.try_into().unwrap();
        let stored_key = p_key.split(|&b| b == 0).next().unwrap_or(&[]);
        let derived: Vec<u8> = stored_key
            .iter()
            .zip(&flips)
            .map(|(&b, &flip)| if flip && b.is_ascii_alphabetic() { b ^ 0x20 } else { b })
            .take(cut)
            .collect();
        if let Ok(derived) = std::str::from_utf8(&derived) {
            check(&p_key, derived);
        }
        check(&p_key, &other.into_iter().collect::<String>());
    }
}
