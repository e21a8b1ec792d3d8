//! English → Chinese through CC-CEDICT: the bilingual dictionary behind English questions.
//!
//! `data/cedict-en.tsv` lists, for every English gloss in CC-CEDICT, the Simplified words it
//! translates, sorted by gloss. It is embedded and binary-searched; the only start-up cost is
//! an index of line starts, built the first time an English word is looked up.

use std::sync::LazyLock;

static CEDICT: &str = include_str!("../data/cedict-en.tsv");

/// Byte offset of every line of [`CEDICT`].
static LINE_STARTS: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut starts = vec![0u32];
    starts.extend(
        CEDICT
            .match_indices('\n')
            .map(|(i, _)| i as u32 + 1)
            .filter(|&i| (i as usize) < CEDICT.len()),
    );
    starts
});

/// The Simplified Chinese words CC-CEDICT gives for an English gloss (lower case, words
/// separated by single spaces): "price war" → 价格战.
pub fn chinese_for(gloss: &str) -> Vec<&'static str> {
    let starts = &*LINE_STARTS;
    let line = |i: usize| {
        let start = starts[i] as usize;
        let end = starts.get(i + 1).map_or(CEDICT.len(), |&e| e as usize);
        CEDICT[start..end].trim_end_matches('\n')
    };
    let (mut low, mut high) = (0, starts.len());
    let mut found = None;
    while low < high {
        let mid = (low + high) / 2;
        let key = line(mid).split('\t').next().unwrap_or("");
        match key.cmp(gloss) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => {
                found = Some(mid);
                break;
            }
        }
    }
    match found {
        Some(i) => line(i)
            .split('\t')
            .nth(1)
            .unwrap_or("")
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect(),
        None => Vec::new(),
    }
}

/// Singular and base forms worth trying for an English word: "wars" → "war", "policies" →
/// "policy". The word itself comes first.
pub fn word_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    if word.len() > 4 {
        if let Some(stem) = word.strip_suffix("ies") {
            forms.push(format!("{stem}y"));
        }
        if let Some(stem) = word.strip_suffix("es") {
            forms.push(stem.to_owned());
        }
    }
    if word.len() > 3 && !word.ends_with("ss") {
        if let Some(stem) = word.strip_suffix('s') {
            forms.push(stem.to_owned());
        }
    }
    if word.len() > 5 {
        if let Some(stem) = word.strip_suffix("ing") {
            forms.push(stem.to_owned());
            forms.push(format!("{stem}e"));
        }
    }
    if word.len() > 4 {
        if let Some(stem) = word.strip_suffix("ied") {
            forms.push(format!("{stem}y"));
        } else if let Some(stem) = word.strip_suffix("ed") {
            forms.push(stem.to_owned());
            forms.push(format!("{stem}e"));
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_glosses() {
        assert_eq!(chinese_for("price war"), ["价格战"]);
        assert_eq!(chinese_for("marginal cost"), ["边际成本"]);
        assert!(chinese_for("paradigm").contains(&"范式"));
        assert!(chinese_for("no such gloss at all").is_empty());
        assert!(chinese_for("").is_empty());
    }

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        let keys: Vec<&str> = CEDICT
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "data/cedict-en.tsv must be sorted by key, without duplicates"
        );
    }

    #[test]
    fn plural_forms() {
        assert_eq!(word_forms("wars"), ["wars", "war"]);
        assert_eq!(
            word_forms("policies"),
            ["policies", "policy", "polici", "policie"]
        );
        assert_eq!(word_forms("business"), ["business"]);
        assert_eq!(word_forms("starting"), ["starting", "start", "starte"]);
        assert_eq!(word_forms("denied"), ["denied", "deny"]);
        assert_eq!(word_forms("defined"), ["defined", "defin", "define"]);
    }
}
