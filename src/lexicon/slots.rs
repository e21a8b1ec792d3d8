//! Open-addressing hash indexes of the embedded `key<TAB>value` tables, built by `build.rs`
//! when the crate is compiled and embedded beside them: a look-up hashes the key and reads a
//! slot or two, with nothing built at start-up and no memory beyond the binary's pages.
//!
//! An index is a power-of-two count of little-endian `u32` slots, at least twice the table's
//! lines, each the byte offset of a line's start or [`EMPTY`]; a key's line is in the first
//! slot from its hash on (linear probing) that is empty or holds it. This file is also
//! compiled into `build.rs`, so that the two hash alike.

/// A slot that holds no line.
pub const EMPTY: u32 = u32::MAX;

/// FNV-1a, 64 bits: stable across builds and platforms, as an index written by one build is
/// read by it alone but must not depend on a hasher's seed.
fn hash(key: &[u8]) -> u64 {
    key.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A line's key and value: what comes before its first tab, and after it (empty without one).
fn split(line: &str) -> (&str, &str) {
    line.split_once('\t').unwrap_or((line, ""))
}

/// The index of a table, as the bytes `build.rs` embeds (the crate itself calls it only in
/// tests).
#[cfg_attr(not(test), allow(dead_code))]
pub fn build(text: &str) -> Vec<u8> {
    let lines = text.lines().count();
    let size = (lines * 2).next_power_of_two().max(2);
    let mut slots = vec![EMPTY; size];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let (key, _) = split(line.trim_end_matches(['\n', '\r']));
        if !key.is_empty() {
            let start = u32::try_from(offset).expect("an embedded table under 4 GB");
            let mut slot = (hash(key.as_bytes()) as usize) & (size - 1);
            while slots[slot] != EMPTY {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = start;
        }
        offset += line.len();
    }
    slots.iter().flat_map(|slot| slot.to_le_bytes()).collect()
}

/// The value of `key` in `text`, through its index `slots`.
pub fn find<'a>(text: &'a str, slots: &[u8], key: &str) -> Option<&'a str> {
    let size = slots.len() / 4;
    if size == 0 {
        return None;
    }
    let mut slot = (hash(key.as_bytes()) as usize) & (size - 1);
    loop {
        let bytes = slots.get(slot * 4..slot * 4 + 4)?;
        let start = u32::from_le_bytes(bytes.try_into().ok()?);
        if start == EMPTY {
            return None;
        }
        let rest = text.get(start as usize..)?;
        let line = rest.split(['\n', '\r']).next().unwrap_or("");
        let (found, value) = split(line);
        if found == key {
            return Some(value);
        }
        slot = (slot + 1) & (size - 1);
    }
}
