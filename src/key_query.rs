//! [`KeyQuery`]: the case-insensitive comparison of a key with a 32-byte
//! `P_Key`, in a vector form and a word-at-a-time form for CPUs without SSE2.

use crate::sys;
use crate::{Param, Params};

/// Bytes in `P_Key`, terminator included.
pub(crate) const KEY_SIZE: usize = sys::RASSAPI_MAX_PARAM_KEY_SIZE as usize;

/// One machine word of the word-at-a-time form.
const WORD: usize = size_of::<usize>();
const _: () = assert!(KEY_SIZE % WORD == 0);

/// `usize` with every byte set to `b`.
const fn splat(b: u8) -> usize {
    usize::from_ne_bytes([b; WORD])
}

/// A key to look up, prepared once for comparing with many `P_Key` arrays:
/// ASCII-lowercased and padded with NULs to the array's size, with a mask
/// of the bytes that count, so that each comparison is one fixed-size,
/// branch-free pass.
///
/// With SSE2 the compiler turns [`matches`](Self::matches) into
/// a few vector instructions. Without it (an i586 build for NT 4.0) that
/// loop would run byte by byte, so [`WordQuery`] folds and compares a whole
/// `usize` at a time with integer arithmetic. Both are free of panics and
/// give the same answer.
pub(crate) struct KeyQuery {
    folded: [u8; KEY_SIZE],
    /// 0xFF for bytes `0..=len` (the key and its terminator), 0 after.
    care: [u8; KEY_SIZE],
}

impl KeyQuery {
    /// `None` when no stored key can equal `key`: it is longer than
    /// `P_Key`, or holds a NUL (a stored key ends at its first).
    #[inline]
    pub(crate) fn new(key: &str) -> Option<Self> {
        let key = key.as_bytes();
        if key.len() > KEY_SIZE {
            return None;
        }
        let mut folded = [0; KEY_SIZE];
        // The NUL test rides along the copy: `key.contains(&0)` would be a
        // call to `memchr` before it, a fixed cost per lookup.
        let mut nul = false;
        for (to, &from) in folded.iter_mut().zip(key) {
            nul |= from == 0;
            *to = from.to_ascii_lowercase();
        }
        if nul {
            return None;
        }
        // A key of all 32 bytes has no terminator in the array to check.
        let mut care = [0; KEY_SIZE];
        for byte in care.iter_mut().take(key.len().saturating_add(1)) {
            *byte = 0xFF;
        }
        Some(KeyQuery { folded, care })
    }

    /// Whether the key stored in `p_key` (up to its first NUL, or all 32
    /// bytes) equals this one ignoring ASCII case: bytes `0..len` agree once
    /// folded, and byte `len`, if the array has one, is the NUL that
    /// `folded` holds there. Bytes after the terminator are masked out.
    /// Byte by byte, which SSE2 vectorises.
    #[inline]
    pub(crate) fn matches(&self, p_key: &[u8; KEY_SIZE]) -> bool {
        let mut differ = 0;
        for ((&stored, &wanted), &care) in p_key.iter().zip(&self.folded).zip(&self.care) {
            differ |= (stored.to_ascii_lowercase() ^ wanted) & care;
        }
        differ == 0
    }
}

/// The query form that suits the target: [`KeyQuery`] with SSE2,
/// [`WordQuery`] without (an i586 build for NT 4.0). Both have `new(key)`
/// and `matches(p_key)`, give the same answers, and are free of panics.
#[cfg(target_feature = "sse2")]
pub(crate) type Query = KeyQuery;
/// The query form that suits the target: [`KeyQuery`] with SSE2,
/// [`WordQuery`] without (an i586 build for NT 4.0). Both have `new(key)`
/// and `matches(p_key)`, give the same answers, and are free of panics.
#[cfg(not(target_feature = "sse2"))]
pub(crate) type Query = WordQuery;

/// Words in `P_Key`.
const WORDS: usize = KEY_SIZE / WORD;

/// A [`KeyQuery`] as `usize` words (native byte order), compared one word
/// at a time (SWAR: SIMD within a register) where the CPU has no SSE2.
pub(crate) struct WordQuery {
    folded: [usize; WORDS],
    care: [usize; WORDS],
}

impl WordQuery {
    /// [`KeyQuery::new`] a word at a time, straight from the key: no
    /// 32-byte arrays to fill and convert, no `memchr`. This is the fixed
    /// cost of every lookup on a CPU without SSE2, where a C hook's
    /// `_stricmp` loop over one key is cheap.
    #[inline(always)]
    pub(crate) fn new(key: &str) -> Option<Self> {
        let mut rest = key.as_bytes();
        if rest.len() > KEY_SIZE {
            return None;
        }
        let mut folded = [0; WORDS];
        let mut care = [0; WORDS];
        let mut nul = 0;
        let mut slots = folded.iter_mut().zip(&mut care);
        // The key's whole words: every byte counts.
        while let Some((chunk, tail)) = rest.split_first_chunk::<WORD>() {
            let Some((folded, care)) = slots.next() else {
                // Not reached: the key fits in `WORDS` words.
                return None;
            };
            let word = usize::from_ne_bytes(*chunk);
            nul |= zero_bytes(word);
            *folded = fold_word(word);
            *care = usize::MAX;
            rest = tail;
        }
        // The rest of the key (0 to WORD - 1 bytes) and its terminator, in
        // one more word unless the key filled the array (32 bytes: no
        // terminator to check).
        if let Some((folded, care)) = slots.next() {
            let mut last = [0; WORD];
            for (to, &from) in last.iter_mut().zip(rest) {
                *to = from;
            }
            let word = usize::from_ne_bytes(last);
            // A NUL among the key's own bytes; the padding made 0xFF.
            nul |= zero_bytes(word | !first_bytes(rest.len()));
            *folded = fold_word(word);
            *care = first_bytes(rest.len().saturating_add(1));
        }
        if nul != 0 {
            return None;
        }
        Some(WordQuery { folded, care })
    }

    /// [`KeyQuery::matches`] a word at a time: usually one word decides
    /// (keys differ early), and words past the terminator are skipped.
    /// Always inlined: it runs once per parameter.
    #[inline(always)]
    pub(crate) fn matches(&self, p_key: &[u8; KEY_SIZE]) -> bool {
        let mut stored: &[u8] = p_key;
        for (&wanted, &care) in self.folded.iter().zip(&self.care) {
            // A zero mask: the terminator lies in an earlier word.
            if care == 0 {
                break;
            }
            let Some((word, rest)) = stored.split_first_chunk::<WORD>() else {
                // Not reached: KEY_SIZE is a multiple of WORD.
                return false;
            };
            if (fold_word(usize::from_ne_bytes(*word)) ^ wanted) & care != 0 {
                return false;
            }
            stored = rest;
        }
        true
    }
}

/// A word whose first `n` bytes in memory are 0xFF and the others 0 (all
/// 0xFF from `n >= WORD` on).
#[inline]
fn first_bytes(n: usize) -> usize {
    let low = u32::try_from(n)
        .ok()
        .and_then(|n| 1usize.checked_shl(n.saturating_mul(8)))
        .map_or(usize::MAX, |bit| bit.wrapping_sub(1));
    // `low` holds them as the low bytes: the first in memory on a
    // little-endian CPU.
    usize::from_le(low)
}

/// Non-zero exactly when a byte of `word` is 0 (the top bit of the first
/// zero byte is set; bits of later bytes may be wrong).
#[inline]
fn zero_bytes(word: usize) -> usize {
    word.wrapping_sub(splat(0x01)) & !word & splat(0x80)
}

/// Every byte of `word` ASCII-lowercased, as `u8::to_ascii_lowercase` does
/// one byte: `A`-`Z` gain 0x20, all other bytes (non-ASCII included) stay.
///
/// Adding to the low seven bits of each byte never carries into the next
/// byte (at most 0x7F + 0x3F), so each byte's top bit tells its own test.
#[inline]
fn fold_word(word: usize) -> usize {
    let low7 = word & splat(0x7F);
    let above_z = low7.wrapping_add(splat(0x7F - b'Z'));
    let from_a = low7.wrapping_add(splat(0x80 - b'A'));
    let ascii = !word & splat(0x80);
    let upper = ascii & (from_a ^ above_z) & splat(0x80);
    word | (upper >> 2)
}

/// The first of `params` whose key is `key` ignoring ASCII case.
#[inline]
pub(crate) fn find<'a>(mut params: Params<'a>, key: &str) -> Option<Param<'a>> {
    let query = Query::new(key)?;
    params.find(|p| query.matches(p.key_array()))
}

/// Both forms of the comparison, for benches and tests on any CPU. Not a
/// public API: its items may change in any release.
#[doc(hidden)]
pub mod __key_compare {
    use super::{KEY_SIZE, KeyQuery, WordQuery};
    use crate::{Param, Params};

    /// `P_Key` equals `key` ignoring ASCII case, byte-wise (vector) form.
    pub fn eq_bytes(p_key: &[u8; KEY_SIZE], key: &str) -> bool {
        KeyQuery::new(key).is_some_and(|q| q.matches(p_key))
    }

    /// `P_Key` equals `key` ignoring ASCII case, word-at-a-time form (the
    /// one a target without SSE2 uses).
    pub fn eq_words(p_key: &[u8; KEY_SIZE], key: &str) -> bool {
        WordQuery::new(key).is_some_and(|q| q.matches(p_key))
    }

    /// `param(key)` in the word-at-a-time form.
    #[inline]
    pub fn find_words<'a>(mut params: Params<'a>, key: &str) -> Option<Param<'a>> {
        let query = WordQuery::new(key)?;
        params.find(|p| query.matches(p.key_array()))
    }

    /// `param(key)` in the byte-wise (vector) form.
    #[inline]
    pub fn find_bytes<'a>(mut params: Params<'a>, key: &str) -> Option<Param<'a>> {
        let query = KeyQuery::new(key)?;
        params.find(|p| query.matches(p.key_array()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_word_is_ascii_lowercase_for_every_byte() {
        for b in 0..=u8::MAX {
            let word = splat(b);
            assert_eq!(
                fold_word(word),
                splat(b.to_ascii_lowercase()),
                "byte {b:#04x}"
            );
        }
        // Neighbouring bytes never disturb each other.
        let bytes: [u8; WORD] =
            core::array::from_fn(|i| [b'Z', b'[', b'@', b'A', 0xC1, 0xDA, 0x7F, 0x80][i % 8]);
        let folded = fold_word(usize::from_ne_bytes(bytes)).to_ne_bytes();
        assert_eq!(folded, bytes.map(|b| b.to_ascii_lowercase()));
    }
}
