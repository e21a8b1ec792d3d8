//! Synthetic knowledge packs for the scale benchmarks: realistic Chinese text drawn from the
//! words of CC-CEDICT (`data/cedict-en.tsv`), at a Zipf-like frequency, with several speakers and
//! topics, and questions to ask them.
//!
//! A pack of `n` passages is written as packs of [`PASSAGES_PER_PACK`] passages each, every one
//! a valid `pack.toml` plus its source text, so `verbatim check --knowledge DIR` passes. Output is
//! deterministic: the same size always gives the same packs and questions.

use std::fmt::Write as _;
use std::path::Path;

/// Passages in each generated pack: articles of a realistic length, and a manifest and source
/// well under the loader's 8 MB limit per file.
pub const PASSAGES_PER_PACK: usize = 200;

const SURNAMES: [&str; 8] = ["陈", "林", "黄", "周", "吴", "徐", "孙", "马"];
const GIVEN_NAMES: [&str; 8] = [
    "明远", "晓东", "志强", "思琪", "文博", "嘉怡", "浩然", "雨桐",
];
const FUNCTION_WORDS: [&str; 24] = [
    "的", "是", "在", "了", "和", "也", "都", "就", "我们", "这个", "一个", "不是", "可以", "没有",
    "因为", "所以", "但是", "如果", "已经", "还是", "非常", "认为", "需要", "现在",
];
const TOPICS: usize = 12;

/// A deterministic random number generator (SplitMix64): the benchmarks need no `rand`.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// The dictionary's words, in a fixed shuffled order, drawn with a Zipf-like frequency: the
/// word at rank r is drawn about 1/(r + 1) as often as the first.
struct Vocabulary {
    words: Vec<&'static str>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(random: &mut Random) -> Vocabulary {
        let mut words: Vec<&'static str> = include_str!("../../data/cedict-en.tsv")
            .lines()
            .filter_map(|line| line.split('\t').nth(1))
            .flat_map(|chinese| chinese.split(' '))
            .filter(|word| (2..=4).contains(&word.chars().count()))
            .collect();
        words.sort_unstable();
        words.dedup();
        for i in (1..words.len()).rev() {
            words.swap(i, random.below(i + 1));
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, random: &mut Random) -> &'static str {
        let total = self.cumulative[self.cumulative.len() - 1];
        let target = (random.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let rank = self.cumulative.partition_point(|&c| c < target);
        self.words[rank.min(self.words.len() - 1)]
    }

    fn sentence(&self, random: &mut Random, out: &mut String) {
        let words = 5 + random.below(10);
        for i in 0..words {
            if i > 0 && i % 5 == 0 {
                out.push('，');
            }
            if random.chance(30) {
                out.push_str(FUNCTION_WORDS[random.below(FUNCTION_WORDS.len())]);
            }
            out.push_str(self.word(random));
        }
        out.push(if random.chance(10) { '？' } else { '。' });
    }
}

struct Speaker {
    name: String,
    name_en: String,
    organization: String,
}

/// One generated pack set: what the questions need to know of it.
pub struct Synthetic {
    speakers: Vec<Speaker>,
    topics: Vec<(String, String)>,
    /// A few passages' texts, to draw questions from, with their speaker index.
    samples: Vec<(Option<usize>, String)>,
}

/// Writes `passages` passages as packs under `dir` (which must not hold other packs) and
/// returns what the question generator needs.
pub fn write_packs(dir: &Path, passages: usize) -> std::io::Result<Synthetic> {
    let mut random = Random::new(2024);
    let vocabulary = Vocabulary::new(&mut random);
    let speakers: Vec<Speaker> = (0..SURNAMES.len())
        .map(|i| {
            let name = format!("{}{}", SURNAMES[i], GIVEN_NAMES[i]);
            let name_en = pinyin_name(&name);
            let organization = format!("{}科技", vocabulary.words[1000 + i]);
            Speaker {
                name,
                name_en,
                organization,
            }
        })
        .collect();
    let topics: Vec<(String, String)> = (0..TOPICS)
        .map(|i| {
            (
                format!("topic-{:02}", i + 1),
                format!(
                    "{}{}",
                    vocabulary.words[200 + 2 * i],
                    vocabulary.words[201 + 2 * i]
                ),
            )
        })
        .collect();
    let mut samples = Vec::new();
    let packs = passages.div_ceil(PASSAGES_PER_PACK);
    let mut written = 0;
    for p in 0..packs {
        let count = PASSAGES_PER_PACK.min(passages - written);
        let pack_dir = dir.join(format!("synth-{:05}", p + 1));
        std::fs::create_dir_all(&pack_dir)?;
        let mut manifest = String::new();
        let mut source = format!("合成报道第{}篇\n\n", p + 1);
        write_header(&mut manifest, p, &speakers, &topics);
        let mut topic = random.below(TOPICS);
        for i in 0..count {
            if random.chance(10) {
                topic = random.below(TOPICS);
            }
            let speaker = (!random.chance(30)).then(|| random.below(speakers.len()));
            let mut body = String::new();
            for _ in 0..2 + random.below(4) {
                vocabulary.sentence(&mut random, &mut body);
            }
            let (voice, text) = match speaker {
                None => ("narration", body),
                Some(s) if random.chance(50) => {
                    ("quote", format!("「{body}」{}说。", speakers[s].name))
                }
                Some(s) => ("paraphrase", format!("{}认为，{body}", speakers[s].name)),
            };
            if random.chance(1) || (written == 0 && i < 20) {
                samples.push((speaker, text.clone()));
            }
            let _ = write!(
                manifest,
                "\n[[passage]]\nid = \"s{:05}-{:03}\"\nparagraph = {}\ntopic = \"{}\"\n",
                p + 1,
                i + 1,
                i + 1,
                topics[topic].0
            );
            if let Some(s) = speaker {
                let _ = writeln!(manifest, "speaker = \"{}\"", speakers[s].name);
            }
            let _ = writeln!(
                manifest,
                "voice = \"{voice}\"\ntext = \"{}\"",
                escape(&text)
            );
            source.push_str(&text);
            source.push_str("\n\n");
        }
        std::fs::write(pack_dir.join("pack.toml"), manifest)?;
        std::fs::write(pack_dir.join("source.txt"), source)?;
        written += count;
    }
    Ok(Synthetic {
        speakers,
        topics,
        samples,
    })
}

/// Questions of every kind the bot gets: a speaker on a subject, bare keywords, a topic, English,
/// and questions the forum cannot answer.
pub fn questions(synthetic: &Synthetic, count: usize) -> Vec<String> {
    let mut random = Random::new(7);
    let words_of = |text: &str, random: &mut Random| -> String {
        // A run of characters from inside a passage: what someone half remembers.
        let chars: Vec<char> = text
            .chars()
            .filter(|c| !"「」，。？".contains(*c))
            .collect();
        let start = random.below(chars.len().saturating_sub(6).max(1));
        chars[start..(start + 4).min(chars.len())].iter().collect()
    };
    (0..count)
        .map(|i| {
            let (speaker, text) = &synthetic.samples[random.below(synthetic.samples.len())];
            let speaker = speaker.unwrap_or_else(|| random.below(synthetic.speakers.len()));
            let speaker = &synthetic.speakers[speaker];
            let (_, heading) = &synthetic.topics[random.below(synthetic.topics.len())];
            match i % 6 {
                0 => format!("{}怎么看{}?", speaker.name, words_of(text, &mut random)),
                1 => format!(
                    "{} {}",
                    words_of(text, &mut random),
                    words_of(text, &mut random)
                ),
                2 => format!("{}对{}有什么看法", speaker.organization, heading),
                3 => format!(
                    "What did {} say about {}?",
                    speaker.name_en,
                    words_of(text, &mut random)
                ),
                4 => words_of(text, &mut random),
                _ => ["上海明天会下雨吗", "Best pizza toppings?", "今天天气怎么样"]
                    [random.below(3)]
                .to_owned(),
            }
        })
        .collect()
}

fn write_header(
    manifest: &mut String,
    pack: usize,
    speakers: &[Speaker],
    topics: &[(String, String)],
) {
    let _ = write!(
        manifest,
        "id = \"synth-{:05}\"\n\n[source]\nfile = \"source.txt\"\noutlet = \"合成日报\"\nreporter = \"测试\"\n\
         headline = \"合成报道第{}篇\"\n\n[event]\nname = \"合成大会\"\ndate = \"2024-06-14\"\nplace = \"北京\"\n\
         session = \"合成对话\"\n",
        pack + 1,
        pack + 1
    );
    for speaker in speakers {
        let _ = write!(
            manifest,
            "\n[[speaker]]\nname = \"{}\"\nname_en = \"{}\"\norganization = \"{}\"\nrole = \"CEO\"\naliases = [\"{}\"]\n",
            speaker.name, speaker.name_en, speaker.organization, speaker.name_en
        );
    }
    for (id, heading) in topics {
        let _ = write!(
            manifest,
            "\n[[topic]]\nid = \"{id}\"\nheading = \"{heading}\"\nname_en = \"{id}\"\n"
        );
    }
    // One glossary, in the first pack only, as a real collection would have.
    if pack == 0 {
        manifest.push_str("\n[[glossary]]\nterms = [\"price war\", \"价格战\"]\n[[glossary]]\nterms = [\"compute\", \"算力\"]\n");
    }
}

/// "陈明远" → "Chen Mingyuan".
fn pinyin_name(name: &str) -> String {
    use pinyin::ToPinyin;
    let syllables: Vec<&str> = name.to_pinyin().flatten().map(|p| p.plain()).collect();
    let capitalise = |s: String| {
        let mut chars = s.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    };
    format!(
        "{} {}",
        capitalise(syllables[0].to_owned()),
        capitalise(syllables[1..].concat())
    )
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}
