//! Every fixed word a person reads, in English, Traditional and Simplified Chinese.

/// The languages replies are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    English,
    TraditionalChinese,
    SimplifiedChinese,
}

impl Locale {
    /// Discord's locale codes: "zh-TW", "zh-CN", anything else is English.
    pub fn from_code(code: &str) -> Locale {
        match code {
            "zh-TW" | "zh-HK" => Locale::TraditionalChinese,
            "zh-CN" => Locale::SimplifiedChinese,
            _ => Locale::English,
        }
    }

    /// The language a question is written in: Chinese when it has Han characters, Traditional
    /// when folding to Simplified changes any of them, English otherwise.
    pub fn of_question(question: &str) -> Locale {
        if !question.chars().any(crate::normalize::is_han) {
            return Locale::English;
        }
        let simplified = fast2s::convert(question);
        if simplified != question {
            Locale::TraditionalChinese
        } else {
            Locale::SimplifiedChinese
        }
    }

    /// Picks the string for this locale.
    pub fn pick<'a>(self, english: &'a str, traditional: &'a str, simplified: &'a str) -> &'a str {
        match self {
            Locale::English => english,
            Locale::TraditionalChinese => traditional,
            Locale::SimplifiedChinese => simplified,
        }
    }

    pub fn is_chinese(self) -> bool {
        self != Locale::English
    }
}

/// Fixed phrases, each a function of the locale so the three versions sit side by side.
pub mod text {
    use super::Locale;

    pub fn not_covered(locale: Locale) -> &'static str {
        locale.pick(
            "The forum doesn't cover that.",
            "這場論壇沒有談到這個問題。",
            "这场论坛没有谈到这个问题。",
        )
    }

    pub fn who_spoke(locale: Locale) -> &'static str {
        locale.pick("Who spoke", "發言者", "发言者")
    }

    pub fn topics(locale: Locale) -> &'static str {
        locale.pick("Topics", "議題", "议题")
    }

    /// That the speaker asked about did not speak of the subject, and who did.
    pub fn spoken_elsewhere(locale: Locale, named: &str, others: &[String]) -> String {
        match locale {
            Locale::English => {
                let others = match others {
                    [] => String::new(),
                    [only] => only.clone(),
                    [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                };
                format!("{named} didn't speak about that; {others} did.")
            }
            Locale::TraditionalChinese => {
                format!("{named}沒有談到這個問題;{}談到了。", others.join("、"))
            }
            Locale::SimplifiedChinese => {
                format!("{named}没有谈到这个问题;{}谈到了。", others.join("、"))
            }
        }
    }

    /// An example question: what a speaker thinks of a topic, or what they said.
    pub fn example_question(locale: Locale, speaker: &str, topic: Option<&str>) -> String {
        match (locale, topic) {
            (Locale::English, Some(topic)) => format!("What did {speaker} say about {topic}?"),
            (Locale::English, None) => format!("What did {speaker} say?"),
            (Locale::TraditionalChinese, Some(topic)) => format!("{speaker}怎麼看{topic}?"),
            (Locale::TraditionalChinese, None) => format!("{speaker}說了什麼?"),
            (Locale::SimplifiedChinese, Some(topic)) => format!("{speaker}怎么看{topic}?"),
            (Locale::SimplifiedChinese, None) => format!("{speaker}说了什么?"),
        }
    }

    /// How to ask, with example questions of this forum (a speaker, and a topic when it has a
    /// short name), or a pointer at the lists below when there are none.
    pub fn try_asking(locale: Locale, examples: &[(String, Option<String>)]) -> String {
        if examples.is_empty() {
            return locale
                .pick(
                    "Ask about one of the speakers or topics below.",
                    "可以問問下面的發言者或議題。",
                    "可以问问下面的发言者或议题。",
                )
                .to_owned();
        }
        let asked: Vec<String> = examples
            .iter()
            .map(|(speaker, topic)| {
                let question = example_question(locale, speaker, topic.as_deref());
                match locale {
                    Locale::English | Locale::SimplifiedChinese => format!("“{question}”"),
                    Locale::TraditionalChinese => format!("「{question}」"),
                }
            })
            .collect();
        match locale {
            Locale::English => format!("Try asking, for example: {}", asked.join(" or ")),
            Locale::TraditionalChinese => format!("可以這樣問:{}", asked.join("或")),
            Locale::SimplifiedChinese => format!("可以这样问:{}", asked.join("或")),
        }
    }

    pub fn narration(locale: Locale) -> &'static str {
        locale.pick("Reporter's narration", "記者敘述", "记者叙述")
    }

    pub fn paragraph(locale: Locale, number: u32) -> String {
        match locale {
            Locale::English => format!("¶{number}"),
            _ => format!("第{number}段"),
        }
    }

    pub fn more(locale: Locale) -> &'static str {
        locale.pick("More", "更多", "更多")
    }

    pub fn no_more(locale: Locale) -> &'static str {
        locale.pick(
            "That was everything on this question.",
            "這個問題的結果已經全部列出。",
            "这个问题的结果已经全部列出。",
        )
    }

    pub fn question_too_long(locale: Locale, max: usize) -> String {
        match locale {
            Locale::English => {
                format!("That question is too long; please keep it under {max} characters.")
            }
            Locale::TraditionalChinese => format!("問題太長了,請控制在 {max} 個字以內。"),
            Locale::SimplifiedChinese => format!("问题太长了,请控制在 {max} 个字以内。"),
        }
    }

    pub fn empty_question(locale: Locale) -> &'static str {
        locale.pick(
            "Ask me a question about the forum.",
            "請問一個關於這場論壇的問題。",
            "请问一个关于这场论坛的问题。",
        )
    }

    pub fn cooldown(locale: Locale, seconds: u64) -> String {
        match locale {
            Locale::English => format!("One moment, please: you can ask again in {seconds} s."),
            Locale::TraditionalChinese => format!("請稍候,{seconds} 秒後可以再問。"),
            Locale::SimplifiedChinese => format!("请稍候,{seconds} 秒后可以再问。"),
        }
    }

    pub fn unknown_speaker(locale: Locale, typed: &str) -> String {
        match locale {
            Locale::English => format!("No speaker of the forum matches “{typed}”."),
            Locale::TraditionalChinese => format!("論壇中沒有符合「{typed}」的發言者。"),
            Locale::SimplifiedChinese => format!("论坛中没有符合“{typed}”的发言者。"),
        }
    }

    pub fn unknown_topic(locale: Locale, typed: &str) -> String {
        match locale {
            Locale::English => format!("No topic of the forum matches “{typed}”."),
            Locale::TraditionalChinese => format!("論壇中沒有符合「{typed}」的議題。"),
            Locale::SimplifiedChinese => format!("论坛中没有符合“{typed}”的议题。"),
        }
    }

    pub fn nothing_on_topic(locale: Locale) -> &'static str {
        locale.pick(
            "Nothing was said on that.",
            "沒有相關發言。",
            "没有相关发言。",
        )
    }

    pub fn forum_title(locale: Locale) -> &'static str {
        locale.pick("The forum", "論壇", "论坛")
    }

    pub fn date(locale: Locale) -> &'static str {
        locale.pick("Date", "日期", "日期")
    }

    pub fn session(locale: Locale) -> &'static str {
        locale.pick("Session", "場次", "场次")
    }

    pub fn source(locale: Locale) -> &'static str {
        locale.pick("Source", "來源", "来源")
    }

    /// Before the other sources that report the same words.
    pub fn also_reported(locale: Locale) -> &'static str {
        locale.pick("Also reported by", "亦見於", "亦见于")
    }

    pub fn participants(locale: Locale) -> &'static str {
        locale.pick("Participants", "與會者", "与会者")
    }

    pub fn reload_done(locale: Locale, passages: usize) -> String {
        match locale {
            Locale::English => format!("Reloaded: {passages} passages."),
            Locale::TraditionalChinese => format!("已重新載入:{passages} 段。"),
            Locale::SimplifiedChinese => format!("已重新载入:{passages} 段。"),
        }
    }

    pub fn reload_refused(locale: Locale) -> &'static str {
        locale.pick(
            "The knowledge has problems; still serving the previous version:",
            "知識檔有問題,繼續使用先前的版本:",
            "知识文件有问题,继续使用先前的版本:",
        )
    }

    pub fn reload_embedded(locale: Locale) -> &'static str {
        locale.pick(
            "Nothing to reload: the bot answers from its embedded knowledge pack, which cannot change. Start it with VERBATIM_KNOWLEDGE=DIR to reload from a folder.",
            "沒有可重新載入的內容:機器人使用內建的知識包,內容無法變更。以 VERBATIM_KNOWLEDGE=DIR 啟動即可從資料夾重新載入。",
            "没有可重新载入的内容:机器人使用内置的知识包,内容无法更改。以 VERBATIM_KNOWLEDGE=DIR 启动即可从文件夹重新载入。",
        )
    }

    pub fn reload_failed(locale: Locale) -> &'static str {
        locale.pick(
            "The knowledge could not be indexed; still serving the previous version. The log has the details.",
            "知識無法建立索引,繼續使用先前的版本。詳情請見日誌。",
            "知识无法建立索引,继续使用先前的版本。详情请见日志。",
        )
    }

    /// The last line of a list of problems cut short to fit in one message.
    pub fn and_more_problems(locale: Locale, count: usize) -> String {
        match locale {
            Locale::English => format!("… and {count} more (the log has them all)"),
            Locale::TraditionalChinese => format!("… 還有 {count} 個(日誌中有完整列表)"),
            Locale::SimplifiedChinese => format!("… 还有 {count} 个(日志中有完整列表)"),
        }
    }

    pub fn admins_only(locale: Locale) -> &'static str {
        locale.pick(
            "Only server managers can do that.",
            "只有伺服器管理員可以這樣做。",
            "只有服务器管理员可以这样做。",
        )
    }

    pub fn operator_only(locale: Locale) -> &'static str {
        locale.pick(
            "Only the bot's operator can do that, in the operator's server.",
            "只有機器人的營運者可以這樣做,而且只能在營運者的伺服器裡。",
            "只有机器人的运营者可以这样做,而且只能在运营者的服务器里。",
        )
    }

    pub fn something_went_wrong(locale: Locale) -> &'static str {
        locale.pick(
            "Something went wrong; please try again.",
            "出了點問題,請再試一次。",
            "出了点问题,请再试一次。",
        )
    }

    pub fn vote_noted(locale: Locale) -> &'static str {
        locale.pick(
            "Thanks: your vote is noted, and helps the people who keep the forum's knowledge.",
            "謝謝,已記下你的評分,這能幫助整理論壇資料的人。",
            "谢谢,已记下你的评分,这能帮助整理论坛资料的人。",
        )
    }

    pub fn votes_not_kept(locale: Locale) -> &'static str {
        locale.pick(
            "Thanks, but votes are not being kept right now.",
            "謝謝,不過目前沒有記錄評分。",
            "谢谢,不过目前没有记录评分。",
        )
    }

    pub fn page_expired(locale: Locale) -> &'static str {
        locale.pick(
            "This answer can no longer be paged; please ask again.",
            "這則回答已無法翻頁,請再問一次。",
            "这条回答已无法翻页,请再问一次。",
        )
    }
}

/// The names and descriptions of the Discord commands and their options, which Discord shows in
/// the user's language. A slash command or option name is one lower-case word (Discord's rule);
/// the message command's name is a phrase. Descriptions are at most 100 characters.
pub mod command {
    use super::Locale;

    pub fn ask(locale: Locale) -> &'static str {
        locale.pick("ask", "提問", "提问")
    }

    pub fn ask_description(locale: Locale) -> &'static str {
        locale.pick(
            "Ask a question about the forum and get verbatim, attributed quotes",
            "問一個關於論壇的問題,得到附出處的原文引述",
            "问一个关于论坛的问题,得到附出处的原文引述",
        )
    }

    pub fn question(locale: Locale) -> &'static str {
        locale.pick("question", "問題", "问题")
    }

    pub fn question_description(locale: Locale) -> &'static str {
        locale.pick(
            "Your question, in any language",
            "你的問題,任何語言皆可",
            "你的问题,任何语言都可以",
        )
    }

    pub fn private(locale: Locale) -> &'static str {
        locale.pick("private", "私密", "私密")
    }

    pub fn private_description(locale: Locale) -> &'static str {
        locale.pick(
            "Show the answer to you only",
            "只讓你自己看到回答",
            "只让你自己看到回答",
        )
    }

    pub fn topic(locale: Locale) -> &'static str {
        locale.pick("topic", "議題", "议题")
    }

    pub fn topic_description(locale: Locale) -> &'static str {
        locale.pick(
            "What each speaker said on one topic",
            "每位發言者在某個議題上說了什麼",
            "每位发言者在某个议题上说了什么",
        )
    }

    pub fn topic_option_description(locale: Locale) -> &'static str {
        locale.pick("A topic of the forum", "論壇的一個議題", "论坛的一个议题")
    }

    pub fn speaker(locale: Locale) -> &'static str {
        locale.pick("speaker", "發言者", "发言者")
    }

    pub fn speaker_description(locale: Locale) -> &'static str {
        locale.pick(
            "What one speaker said",
            "某位發言者說了什麼",
            "某位发言者说了什么",
        )
    }

    pub fn speaker_option_description(locale: Locale) -> &'static str {
        locale.pick(
            "A speaker, by any form of the name or company",
            "發言者,任何名字或公司的寫法皆可",
            "发言者,任何名字或公司的写法都可以",
        )
    }

    pub fn speaker_topic_option_description(locale: Locale) -> &'static str {
        locale.pick(
            "Only what was said on this topic",
            "只看這個議題上的發言",
            "只看这个议题上的发言",
        )
    }

    pub fn forum(locale: Locale) -> &'static str {
        locale.pick("forum", "論壇", "论坛")
    }

    pub fn forum_description(locale: Locale) -> &'static str {
        locale.pick(
            "The event, date, session, participants and source",
            "活動、日期、場次、與會者與來源",
            "活动、日期、场次、与会者与来源",
        )
    }

    pub fn reload(locale: Locale) -> &'static str {
        locale.pick("reload", "重新載入", "重新载入")
    }

    pub fn reload_description(locale: Locale) -> &'static str {
        locale.pick(
            "Reload the knowledge packs from disk (server managers only)",
            "從磁碟重新載入知識包(僅限伺服器管理員)",
            "从磁盘重新载入知识包(仅限服务器管理员)",
        )
    }

    pub fn ask_the_forum(locale: Locale) -> &'static str {
        locale.pick("Ask the forum", "問論壇", "问论坛")
    }
}
