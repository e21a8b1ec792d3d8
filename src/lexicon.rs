//! English → Chinese through CC-CEDICT: the bilingual dictionary behind English questions;
//! and English synonyms through WordNet, for words whose own renderings a forum lacks.
//!
//! `data/cedict-en.tsv` lists, for every English gloss in CC-CEDICT, the Simplified words it
//! translates, sorted by gloss; `data/cedict-zh.tsv` the same pairs the other way round, sorted
//! by word, for the Chinese words that share a word's glosses; `data/cedict-names.txt` the
//! words it glosses only with proper nouns; `data/cedict-cores.tsv` the character an English
//! word's renderings share. All are embedded with a hash index of their keys that `build.rs`
//! writes (`src/lexicon/slots.rs`): an English question looks up dozens of words, phrases and
//! synonyms, and a look-up reads a slot or two, where a binary search of megabytes of text cost
//! each of them a cache miss a step. Nothing is built at start-up, and no memory is used beyond
//! the binary's own pages.

mod slots;

/// An embedded table, and the hash index `build.rs` wrote of it.
macro_rules! table {
    ($file:literal) => {
        Table {
            file: concat!("data/", $file),
            text: include_str!(concat!("../data/", $file)),
            slots: include_bytes!(concat!(env!("OUT_DIR"), "/", $file, ".slots")),
        }
    };
}

static CEDICT: Table = table!("cedict-en.tsv");
static CEDICT_BY_WORD: Table = table!("cedict-zh.tsv");
static CEDICT_NAMES: Table = table!("cedict-names.txt");
static CEDICT_CORES: Table = table!("cedict-cores.tsv");
static WORDNET: Table = table!("wordnet-synonyms.tsv");
static WORDNET_KINDS: Table = table!("wordnet-kinds.tsv");

/// An embedded table of `key<TAB>value` lines, and its hash index ([`slots`]).
struct Table {
    /// Where it comes from in the repository, for messages.
    #[cfg_attr(not(test), allow(dead_code))]
    file: &'static str,
    text: &'static str,
    slots: &'static [u8],
}

impl Table {
    /// The value of `key`, if the table has it.
    fn get(&self, key: &str) -> Option<&'static str> {
        slots::find(self.text, self.slots, key)
    }
}

/// The Simplified Chinese words CC-CEDICT gives for an English gloss (lower case, words
/// separated by single spaces): "price war" → 价格战.
pub fn chinese_for(gloss: &str) -> Vec<&'static str> {
    CEDICT.get(gloss).map_or_else(Vec::new, |words| {
        words.split(' ').filter(|w| !w.is_empty()).collect()
    })
}

/// The character the renderings of an English word (lower case, one word) share, its Chinese
/// morpheme, when CC-CEDICT has no such character as a rendering of its own: "race" → 赛 (竞赛,
/// 赛跑, 赛车), "shortage" → 缺 (短缺, 缺水). Regenerated with `tools/lexicon/cores.py`.
pub fn core_character(word: &str) -> Option<&'static str> {
    CEDICT_CORES.get(word)
}

/// WordNet's other words for the commonest senses of an English word that CC-CEDICT
/// translates (lower case): "beginner" → novice, initiate, founder… Regenerated with
/// `tools/wordnet/make_synonyms.py`.
pub fn synonyms_of(word: &str) -> Vec<&'static str> {
    listed(&WORDNET, word)
}

/// WordNet's kinds of the commonest sense of an English noun, three levels down, that
/// CC-CEDICT translates (lower case): "storm" → hailstorm, cyclone, typhoon…. Only for a word
/// that is a noun before anything else, and with few kinds. Regenerated with
/// `tools/wordnet/make_synonyms.py --kinds`.
pub fn kinds_of(word: &str) -> Vec<&'static str> {
    listed(&WORDNET_KINDS, word)
}

/// The words a WordNet table lists for `word` (`word<TAB>other|other…`).
fn listed(table: &'static Table, word: &str) -> Vec<&'static str> {
    table.get(word).map_or_else(Vec::new, |words| {
        words.split('|').filter(|w| !w.is_empty()).collect()
    })
}

/// Whether CC-CEDICT gives the Chinese word as the translation of some English gloss: a word
/// of the language (叶子 "leaf", 高清 "high definition"), where a person's name is not.
pub fn translates(chinese: &str) -> bool {
    CEDICT_BY_WORD.get(chinese).is_some()
}

/// Whether a Chinese word may render one of an English word's forms: CC-CEDICT does not know
/// it, or one of its glosses has one of the forms among its words (耐热 "heat resistant" for
/// heat; not 显然 "obviously" for gpu).
pub fn may_render(chinese: &str, english_forms: &[String]) -> bool {
    renders(chinese, english_forms).unwrap_or(true)
}

/// Whether CC-CEDICT glosses a Chinese word with one of an English word's forms among a
/// gloss's words (耐热 "heat resistant" for heat, 报名费 "registration fee" for fee); `None`
/// when it does not know the word.
pub fn renders(chinese: &str, english_forms: &[String]) -> Option<bool> {
    let glosses = glosses_of(chinese);
    (!glosses.is_empty()).then(|| {
        glosses.iter().any(|gloss| {
            gloss
                .split([' ', '-'])
                .any(|word| english_forms.iter().any(|form| form == word))
        })
    })
}

/// Whether CC-CEDICT glosses a Chinese word only with proper nouns (`data/cedict-names.txt`):
/// the name of a place, a people or a thing (印度 "India", 东京 "Tokyo"), not a word of the
/// language (城市 "city", 外国 "foreign country", 东西 "thing").
pub fn is_name(chinese: &str) -> bool {
    CEDICT_NAMES.get(chinese).is_some()
}

/// The English glosses CC-CEDICT translates to a Chinese word (`data/cedict-zh.tsv`, the gloss
/// table turned around by `tools/lexicon/by_word.py`): 游客 → guest player, tourist, traveler.
fn glosses_of(chinese: &str) -> Vec<&'static str> {
    listed(&CEDICT_BY_WORD, chinese)
}

/// Other Chinese words that share English glosses with `chinese` in CC-CEDICT (游客 "tourist",
/// "traveler" → 旅客), each with how much of their senses they share: the glosses they share
/// over the glosses of the one that has more. A paraphrase's candidates: 明天 "tomorrow" is
/// one of 未来's five senses, so 未来 stands for it little. A gloss that many words translate
/// ("to make", "to get") says too little of any of them to bridge, and one that `skip` refuses
/// (an English stopword, "us" of 美国) is not read at all. Only the words `wanted` keeps are
/// weighed (each weighing is a lookup).
pub fn bridged_synonyms(
    chinese: &str,
    skip: impl Fn(&str) -> bool,
    wanted: impl Fn(&str) -> bool,
) -> Vec<(&'static str, f32)> {
    const MAX_WORDS_A_GLOSS: usize = 25;
    let own = glosses_of(chinese);
    let mut shared: Vec<(&'static str, usize)> = Vec::new();
    for gloss in own.iter().filter(|gloss| !skip(gloss)) {
        let words = chinese_for(gloss);
        if words.len() > MAX_WORDS_A_GLOSS {
            continue;
        }
        for word in words
            .into_iter()
            .filter(|word| *word != chinese && wanted(word))
        {
            match shared.iter_mut().find(|(other, _)| *other == word) {
                Some((_, count)) => *count += 1,
                None => shared.push((word, 1)),
            }
        }
    }
    shared
        .into_iter()
        .map(|(word, count)| {
            let senses = own.len().max(glosses_of(word).len());
            (word, count as f32 / senses as f32)
        })
        .collect()
}

/// Singular and base forms worth trying for an English word: "wars" → "war", "policies" →
/// "policy". The word itself comes first.
pub fn word_forms(word: &str) -> Vec<String> {
    let mut forms = inflections(word);
    // CC-CEDICT spells the American way: labour is found as labor.
    if let Some(american) = american_spelling(word) {
        for form in inflections(&american) {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms.extend(place_of(word));
    forms
}

/// The place an English adjective of a place is of, where CC-CEDICT has the place's name and
/// not the adjective's sense asked (Vietnamese players: 越南, not 越南文; Indonesian, European;
/// eastern, of Middle Eastern: east).
fn place_of(word: &str) -> Option<String> {
    const COMPASS: [(&str, &str); 4] = [
        ("eastern", "east"),
        ("western", "west"),
        ("southern", "south"),
        ("northern", "north"),
    ];
    if let Some((_, point)) = COMPASS.iter().find(|(adjective, _)| *adjective == word) {
        return Some((*point).to_owned());
    }
    let mut places = ["ese", "n", "an"]
        .iter()
        .filter_map(|ending| word.strip_suffix(ending))
        .filter(|place| place.len() >= 4)
        .peekable();
    places.peek()?;
    let own = chinese_for(word);
    places
        .find(|place| {
            // The adjective's own renderings, if CC-CEDICT has any, are of the place: 日文 of
            // Japanese shares 日本's 日; human's 人类 is no 呼玛县 of Huma.
            chinese_for(place).iter().any(|chinese| {
                is_name(chinese)
                    && (own.is_empty()
                        || own
                            .iter()
                            .any(|rendering| rendering.chars().any(|c| chinese.contains(c))))
            })
        })
        .map(str::to_owned)
}

/// British endings and their American spelling, as CC-CEDICT writes them: labour, colours,
/// favourite; organise, realised; analyse; centre, theatres; travelled, modelling; catalogue;
/// programme; licence, defence.
const BRITISH_ENDINGS: [(&str, &str); 24] = [
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ourite", "orite"),
    ("ourable", "orable"),
    ("ise", "ize"),
    ("ises", "izes"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("elled", "eled"),
    ("elling", "eling"),
    ("eller", "eler"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("amme", "am"),
    ("ammes", "ams"),
    ("ence", "ense"),
    ("ences", "enses"),
];

/// The American spelling of a British one, when the word is long enough for its ending to be
/// one (hour and four are not of labour's kind): labour → labor, centre → center.
pub fn american_spelling(word: &str) -> Option<String> {
    if word.len() < 6 {
        return None;
    }
    BRITISH_ENDINGS
        .iter()
        .filter(|(british, _)| word.ends_with(british))
        .max_by_key(|(british, _)| british.len())
        .map(|(british, american)| format!("{}{american}", &word[..word.len() - british.len()]))
}

/// The word and its stems without a plural, -ing, -ed or comparative ending.
fn inflections(word: &str) -> Vec<String> {
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
    // Shelves, halves, lives: shelf, half, life.
    if word.len() > 4 {
        if let Some(stem) = word.strip_suffix("ves") {
            forms.push(format!("{stem}f"));
            forms.push(format!("{stem}fe"));
        }
    }
    if word.len() > 5 {
        if let Some(stem) = word.strip_suffix("ing") {
            forms.push(stem.to_owned());
            forms.push(format!("{stem}e"));
            forms.extend(undoubled(stem));
        }
    }
    if word.len() > 4 {
        if let Some(stem) = word.strip_suffix("ied") {
            forms.push(format!("{stem}y"));
        } else if let Some(stem) = word.strip_suffix("ed") {
            forms.push(stem.to_owned());
            forms.push(format!("{stem}e"));
            forms.extend(undoubled(stem));
        }
    }
    // Comparatives and superlatives: cheaper, larger, bigger, busiest.
    for suffix in ["est", "er"] {
        if word.len() > suffix.len() + 2 {
            if let Some(stem) = word.strip_suffix(suffix) {
                if let Some(y) = stem.strip_suffix('i') {
                    forms.push(format!("{y}y"));
                } else {
                    forms.push(stem.to_owned());
                    forms.push(format!("{stem}e"));
                    forms.extend(undoubled(stem));
                }
            }
        }
    }
    if let Ok(at) = IRREGULAR.binary_search_by(|(past, _)| past.cmp(&word)) {
        forms.push(IRREGULAR[at].1.to_owned());
    }
    // British spellings, as CC-CEDICT glosses are American: labour, centre, organise,
    // organisation, licence, programme.
    let british = [
        ("our", "or"),
        ("ours", "ors"),
        ("tre", "ter"),
        ("tres", "ters"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ising", "izing"),
        ("isation", "ization"),
        ("isations", "izations"),
        ("ence", "ense"),
        ("amme", "am"),
        ("ammes", "ams"),
    ];
    for (british, american) in british {
        if word.len() > british.len() + 2 {
            if let Some(stem) = word.strip_suffix(british) {
                for form in word_forms(&format!("{stem}{american}")) {
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                }
            }
        }
    }
    forms
}

/// A stem without the consonant an ending doubled (planning, stopped: plan, stop).
fn undoubled(stem: &str) -> Option<String> {
    let mut chars = stem.chars().rev();
    match (chars.next(), chars.next()) {
        (Some(last), Some(before))
            if last == before && !"aeiouslz".contains(last) && stem.len() > 3 =>
        {
            Some(stem[..stem.len() - 1].to_owned())
        }
        _ => None,
    }
}

/// Common irregular past forms and participles → the verb, sorted by the past form.
const IRREGULAR: [(&str, &str); 42] = [
    ("began", "begin"),
    ("begun", "begin"),
    ("bought", "buy"),
    ("built", "build"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("dealt", "deal"),
    ("drew", "draw"),
    ("drove", "drive"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fought", "fight"),
    ("found", "find"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("held", "hold"),
    ("hid", "hide"),
    ("knew", "know"),
    ("laid", "lay"),
    ("led", "lead"),
    ("left", "leave"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("meant", "mean"),
    ("met", "meet"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rose", "rise"),
    ("sent", "send"),
    ("shown", "show"),
    ("sold", "sell"),
    ("spent", "spend"),
    ("stood", "stand"),
    ("struck", "strike"),
    ("taught", "teach"),
    ("threw", "throw"),
    ("understood", "understand"),
    ("won", "win"),
    ("wore", "wear"),
    ("written", "write"),
    ("wrote", "write"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_the_language_translate_and_names_do_not() {
        assert!(translates("叶子"));
        assert!(translates("高清"));
        assert!(!translates("马斯克"));
        assert!(!translates("李彦宏"));
    }

    #[test]
    fn names_are_told_from_words_by_their_glosses() {
        assert!(is_name("印度"));
        assert!(is_name("东京"));
        assert!(!is_name("城市"));
        assert!(!is_name("外国"));
        assert!(!is_name("东西"));
    }

    #[test]
    fn endings_come_off_to_the_stem() {
        assert!(word_forms("planning").contains(&"plan".to_owned()));
        assert!(word_forms("stopped").contains(&"stop".to_owned()));
        assert!(word_forms("shelves").contains(&"shelf".to_owned()));
        assert!(word_forms("lives").contains(&"life".to_owned()));
        // A double letter of the stem itself stays: calling, passed.
        assert!(!word_forms("calling").contains(&"cal".to_owned()));
        assert!(!word_forms("passed").contains(&"pas".to_owned()));
    }

    #[test]
    fn adjectives_of_places_reach_the_place() {
        assert!(word_forms("vietnamese").contains(&"vietnam".to_owned()));
        assert!(word_forms("japanese").contains(&"japan".to_owned()));
        assert!(word_forms("indonesian").contains(&"indonesia".to_owned()));
        assert!(word_forms("eastern").contains(&"east".to_owned()));
        assert!(word_forms("european").contains(&"europe".to_owned()));
        // Not a word whose ending only looks so.
        assert_eq!(word_forms("human"), ["human"]);
        assert_eq!(word_forms("median"), ["median"]);
    }

    #[test]
    fn british_spellings_reach_american_glosses() {
        assert!(word_forms("labour").contains(&"labor".to_owned()));
        assert!(word_forms("centres").contains(&"center".to_owned()));
        assert!(word_forms("organisation").contains(&"organization".to_owned()));
        assert!(word_forms("organised").contains(&"organize".to_owned()));
        assert!(word_forms("licence").contains(&"license".to_owned()));
        assert!(word_forms("programme").contains(&"program".to_owned()));
        assert!(!chinese_for("labor").is_empty());
        // Short words are left alone: "tour" is not "tor".
        assert!(!word_forms("tour").contains(&"tor".to_owned()));
    }

    #[test]
    fn looks_up_glosses() {
        assert_eq!(chinese_for("price war"), ["价格战"]);
        assert_eq!(chinese_for("marginal cost"), ["边际成本"]);
        assert!(chinese_for("paradigm").contains(&"范式"));
        assert!(chinese_for("no such gloss at all").is_empty());
        assert!(chinese_for("").is_empty());
    }

    #[test]
    fn modifiers_glossed_only_in_compounds_have_the_compounds_head() {
        // solar cell, solar energy, solar system: 太阳电池, 太阳能, 太阳系.
        assert_eq!(chinese_for("solar"), ["太阳"]);
        assert_eq!(chinese_for("molecular"), ["分子"]);
        // wanted criminal is 通缉犯, but wanted is a form of want, which has renderings.
        assert!(chinese_for("wanted").is_empty());
    }

    #[test]
    fn words_have_the_character_their_renderings_share() {
        assert_eq!(core_character("race"), Some("赛"));
        assert_eq!(core_character("shortage"), Some("缺"));
        // A character of too many words stands for none: supporter's 者.
        assert_eq!(core_character("supporter"), None);
        assert_eq!(core_character("no such word"), None);
        assert!(may_render("耐热", &["heat".to_owned()]));
        assert!(!may_render("显然", &["gpus".to_owned(), "gpu".to_owned()]));
        assert!(may_render("不在词典里的词", &["gpu".to_owned()]));
        let fee = ["fees".to_owned(), "fee".to_owned()];
        assert_eq!(renders("报名费", &fee), Some(true));
        assert_eq!(renders("考虑", &fee), Some(false));
        assert_eq!(renders("不在词典里的词", &fee), None);
    }

    #[test]
    fn glosses_with_marks_and_names_glossed_after_a_comma_are_keys() {
        // "Tōkyō, capital of Japan": the name, without its marks.
        assert_eq!(chinese_for("tokyo"), ["东京"]);
        assert!(chinese_for("cafe").contains(&"咖啡馆"));
        // Not a list of names, nor a syllable of pinyin.
        assert!(!chinese_for("chinese").contains(&"语数外"));
        assert!(chinese_for("cheng").is_empty());
    }

    #[test]
    fn every_gloss_is_found() {
        for line in CEDICT.text.lines() {
            let mut fields = line.split('\t');
            let (gloss, words) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
            let expected: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
            assert_eq!(chinese_for(gloss), expected, "gloss {gloss:?}");
        }
    }

    /// Every embedded table.
    const TABLES: [&Table; 6] = [
        &CEDICT,
        &CEDICT_BY_WORD,
        &CEDICT_NAMES,
        &CEDICT_CORES,
        &WORDNET,
        &WORDNET_KINDS,
    ];

    #[test]
    fn every_key_of_every_table_is_found_through_its_index() {
        for table in TABLES {
            for line in table.text.lines() {
                let (key, value) = line.split_once('\t').unwrap_or((line, ""));
                assert_eq!(table.get(key), Some(value), "{}: {key:?}", table.file);
            }
            assert_eq!(table.get("qwertyuiop zxcv"), None);
            assert_eq!(
                table.slots,
                slots::build(table.text),
                "{}: build.rs wrote this index",
                table.file
            );
        }
    }

    #[test]
    fn the_tables_are_sorted_with_each_key_once() {
        for table in TABLES {
            let keys: Vec<&str> = table
                .text
                .lines()
                .map(|l| l.split('\t').next().unwrap_or(""))
                .collect();
            assert!(
                keys.windows(2).all(|w| w[0] < w[1]),
                "{} must be sorted by key, without duplicates",
                table.file
            );
        }
    }

    #[test]
    fn the_word_table_is_the_gloss_table_turned_around() {
        let pairs = |table: &'static str, separator: char, word_first: bool| {
            let mut pairs: Vec<(&str, &str)> = table
                .lines()
                .filter_map(|line| line.split_once('\t'))
                .flat_map(|(key, values)| {
                    values
                        .split(separator)
                        .filter(|value| !value.is_empty())
                        .map(move |value| {
                            if word_first {
                                (key, value)
                            } else {
                                (value, key)
                            }
                        })
                })
                .collect();
            pairs.sort_unstable();
            pairs
        };
        assert_eq!(
            pairs(CEDICT.text, ' ', false),
            pairs(CEDICT_BY_WORD.text, '|', true),
            "regenerate data/cedict-zh.tsv with tools/lexicon/by_word.py"
        );
    }

    #[test]
    fn words_sharing_glosses_bridge_by_the_senses_they_share() {
        let share = |chinese: &str, other: &str| {
            bridged_synonyms(chinese, |gloss| gloss == "us", |_| true)
                .into_iter()
                .find(|(word, _)| *word == other)
                .map(|(_, share)| share)
        };
        // 游客 and 旅客 are both "tourist" and "traveler".
        let tourists = share("游客", "旅客").expect("游客 bridges to 旅客");
        // 明天 is "tomorrow", one of 未来's senses: a weaker bridge.
        let tomorrow = share("明天", "未来").expect("明天 bridges to 未来");
        assert!(tourists > 2.0 * tomorrow, "{tourists} {tomorrow}");
        assert!(tourists <= 1.0);
        // A skipped gloss bridges nothing: 美国 is "us" only as the United States.
        assert_eq!(share("美国", "我们"), None);
        assert!(bridged_synonyms("qwertyuiop", |_| false, |_| true).is_empty());
    }

    #[test]
    fn synonyms_of_the_commonest_sense_that_translate() {
        assert_eq!(synonyms_of("beginner"), ["novice", "initiate"]);
        assert!(chinese_for(synonyms_of("beginner")[0]).contains(&"新手"));
        assert!(synonyms_of("qwertyuiop").is_empty());
        // Every synonym listed translates.
        for line in WORDNET.text.lines() {
            let (word, synonyms) = line.split_once('\t').expect("word<TAB>synonyms");
            for synonym in synonyms.split('|') {
                assert!(!chinese_for(synonym).is_empty(), "{word}: {synonym}");
            }
        }
    }

    #[test]
    fn kinds_of_a_noun_that_translate() {
        assert!(kinds_of("storm").contains(&"typhoon"));
        // Kinds, not broader words: minimum is a kind of extremum, whose 高峰 (peak) is not it.
        assert!(!kinds_of("minimum").contains(&"extremum"));
        // Organic is an adjective first; its noun sense (a fertiliser) is not followed.
        assert!(kinds_of("organic").is_empty());
        // A word with many kinds lists none of them.
        assert!(!kinds_of("person").contains(&"farmer"));
        for line in WORDNET_KINDS.text.lines() {
            let (word, related) = line.split_once('\t').expect("word<TAB>related words");
            for other in related.split('|') {
                assert!(!chinese_for(other).is_empty(), "{word}: {other}");
            }
        }
    }

    #[test]
    fn british_spellings_are_found_as_american() {
        assert!(word_forms("labour").contains(&"labor".to_owned()));
        assert!(word_forms("colours").contains(&"color".to_owned()));
        assert!(word_forms("organised").contains(&"organize".to_owned()));
        assert!(word_forms("centre").contains(&"center".to_owned()));
        assert!(word_forms("travelled").contains(&"traveled".to_owned()));
        assert_eq!(american_spelling("hour"), None);
        assert_eq!(american_spelling("labor"), None);
    }

    #[test]
    fn comparative_and_irregular_forms() {
        assert!(word_forms("cheaper").contains(&"cheap".to_owned()));
        assert!(word_forms("larger").contains(&"large".to_owned()));
        assert!(word_forms("biggest").contains(&"big".to_owned()));
        assert!(word_forms("busiest").contains(&"busy".to_owned()));
        assert!(word_forms("bought").contains(&"buy".to_owned()));
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
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
