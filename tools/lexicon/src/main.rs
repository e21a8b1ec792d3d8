//! Regenerates verbatim's bilingual lexicon, `data/cedict-en.tsv`, from CC-CEDICT.
//!
//! CC-CEDICT reaches us through the `chinese_dictionary` crate (3.0.0 ships the data inside the
//! crate). Its word table is read straight from the crate's data file, located with
//! `cargo metadata`, and turned around: every English gloss becomes a key listing the Simplified
//! headwords it translates. verbatim embeds the sorted result with a hash index of its keys
//! that its `build.rs` writes (see `src/lexicon/slots.rs`).
//!
//! Run: `cargo run --release --manifest-path tools/lexicon/Cargo.toml > data/cedict-en.tsv`;
//! with `-- --names > data/cedict-names.txt`, the words it glosses only with proper nouns.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::process::Command;

use chinese_dictionary::WordEntry;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

fn main() {
    let data = data_file();
    let bytes = std::fs::read(&data).unwrap_or_else(|e| panic!("{}: {e}", data.display()));
    let entries: HashMap<u32, WordEntry> = bincode::deserialize(&bytes).expect("bincode data");

    if std::env::args().nth(1).as_deref() == Some("--names") {
        print_names(&entries);
        return;
    }

    let syllables: HashSet<String> = entries
        .values()
        .flat_map(|entry| entry.pinyin_numbers.split(' '))
        .map(|syllable| {
            syllable
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    let mut lexicon: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in entries.values() {
        if !entry.simplified.chars().all(is_han) {
            continue;
        }
        // A single character carries many senses: it translates only its first two glosses
        // (碳 "carbon", 鞋 "shoe"), not every sense a dictionary lists for it.
        let single = entry.simplified.chars().count() == 1;
        let glosses = entry.english.iter().flat_map(|g| g.split(';'));
        for gloss in glosses.take(if single { 2 } else { usize::MAX }) {
            // A name is glossed with what it names after a comma ("Tōkyō, capital of
            // Japan"): the name alone is a key too. Not a list ("Beijing, Shanghai and
            // Guangzhou", "Chinese, math and English"); nor a syllable of pinyin
            // ("Chéng, name of a state"), which questions typed in pinyin reach otherwise.
            let name = gloss
                .trim()
                .split_once(", ")
                .filter(|(name, what)| {
                    name.starts_with(char::is_uppercase)
                        && what.starts_with(char::is_lowercase)
                        && ![" and ", " & "].iter().any(|joined| what.contains(joined))
                })
                .and_then(|(name, _)| clean_gloss(name))
                .filter(|name| !syllables.contains(name));
            for key in clean_gloss(gloss).into_iter().chain(name) {
                lexicon
                    .entry(key)
                    .or_default()
                    .insert(entry.simplified.clone());
            }
        }
    }

    let heads = compound_heads(&lexicon);
    lexicon.extend(heads);

    for (key, words) in lexicon {
        // A gloss shared by dozens of words ("surname", "variant") says nothing.
        if words.len() > 100 {
            continue;
        }
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        println!("{key}\t{}", words.join(" "));
    }
}

/// Renderings for English modifiers CC-CEDICT glosses only in compounds: "solar" is no gloss
/// of its own, but solar cell, solar day, solar energy, solar system… are 太阳电池, 太阳日,
/// 太阳能, 太阳系. Such a word is rendered by the headword that begins the renderings of at least
/// three of its compounds and of half of them at least (solar → 太阳, molecular → 分子). Not a
/// verb's past (wanted, of wanted criminal, is not 通缉): the verb has renderings of its own.
fn compound_heads(lexicon: &BTreeMap<String, BTreeSet<String>>) -> Vec<(String, BTreeSet<String>)> {
    let headwords: HashSet<&str> = lexicon.values().flatten().map(String::as_str).collect();
    let mut compounds: BTreeMap<&str, Vec<&BTreeSet<String>>> = BTreeMap::new();
    for (key, words) in lexicon {
        if let Some((head, _)) = key.split_once(' ') {
            compounds.entry(head).or_default().push(words);
        }
    }
    let mut heads = Vec::new();
    for (head, renderings) in compounds {
        let past_of_verb = ["ed", "d"]
            .iter()
            .filter_map(|ending| head.strip_suffix(ending))
            .any(|verb| lexicon.contains_key(verb));
        if renderings.len() < 3
            || lexicon.contains_key(head)
            || past_of_verb
            || !head.chars().all(|c| c.is_ascii_lowercase())
        {
            continue;
        }
        // How many compounds have a rendering beginning with each prefix of two characters or
        // more (each compound counted once).
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for words in &renderings {
            let prefixes: BTreeSet<String> = words
                .iter()
                .flat_map(|word| {
                    let chars: Vec<char> = word.chars().collect();
                    (2..chars.len()).map(move |n| chars[..n].iter().collect::<String>())
                })
                .collect();
            for prefix in prefixes {
                *counts.entry(prefix).or_default() += 1;
            }
        }
        let best = counts
            .into_iter()
            .filter(|(prefix, _)| headwords.contains(prefix.as_str()))
            .max_by_key(|(prefix, count)| (*count, prefix.chars().count()));
        if let Some((prefix, count)) = best {
            if count >= 3 && count * 2 >= renderings.len() {
                heads.push((head.to_owned(), BTreeSet::from([prefix])));
            }
        }
    }
    heads
}

/// Prints the Simplified headwords of two or more characters that CC-CEDICT glosses only with
/// proper nouns (印度 "India", 东京 "Tōkyō, capital of Japan"), one a line, sorted: the names
/// of places, peoples and things, told apart from words of the language (城市 "city") by the
/// capital letter the lexicon's keys lose.
fn print_names(entries: &HashMap<u32, WordEntry>) {
    let mut proper: BTreeMap<&str, bool> = BTreeMap::new();
    for entry in entries.values() {
        if entry.simplified.chars().count() < 2 || !entry.simplified.chars().all(is_han) {
            continue;
        }
        let glosses: Vec<&str> = entry
            .english
            .iter()
            .flat_map(|g| g.split(';'))
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .collect();
        let named =
            !glosses.is_empty() && glosses.iter().all(|g| g.starts_with(char::is_uppercase));
        // A headword is a name only if every entry for it is one: a word of the language in
        // any of its entries (大海 "ocean") is not.
        let slot = proper.entry(entry.simplified.as_str()).or_insert(true);
        *slot &= named;
    }
    for (word, named) in proper {
        if named {
            println!("{word}");
        }
    }
}

/// Reduces a CC-CEDICT gloss to a lookup key: lower case, no parentheses, no leading "to ",
/// one to three plain words. Glosses that are references rather than meanings are dropped.
fn clean_gloss(gloss: &str) -> Option<String> {
    // Letters with marks are read without them: Tōkyō is looked up as tokyo, Zürich as zurich.
    let lower: String = gloss
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    let mut without_parens = String::new();
    let mut depth = 0usize;
    for c in lower.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => without_parens.push(c),
            _ => {}
        }
    }
    let text = without_parens.trim();
    let text = text.strip_prefix("to ").unwrap_or(text);
    let text = text.strip_prefix("a ").unwrap_or(text);
    let text = text.strip_prefix("an ").unwrap_or(text);
    let text = text.strip_prefix("the ").unwrap_or(text);
    let skip = [
        "variant of",
        "surname",
        "see ",
        "cl:",
        "abbr",
        "used in",
        "old ",
        "also written",
        "also pr",
    ];
    if skip.iter().any(|s| text.contains(s)) {
        return None;
    }
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, ' ' | '-' | '\'' | '&'))
    {
        return None;
    }
    let words = text.split_whitespace().count();
    if !(1..=3).contains(&words) {
        return None;
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn data_file() -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--manifest-path",
            concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
        ])
        .output()
        .expect("cargo metadata");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("metadata json");
    let package = metadata["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "chinese_dictionary"))
        .expect("chinese_dictionary in metadata");
    let manifest = PathBuf::from(package["manifest_path"].as_str().expect("manifest path"));
    manifest
        .parent()
        .expect("crate dir")
        .join("data/data.dictionary")
}
