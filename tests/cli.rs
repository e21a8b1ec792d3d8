//! The command line end to end: the binary, its output and its JSON contract.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use expect_test::expect;

fn verbatim(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(args)
        .env_remove("VERBATIM_KNOWLEDGE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("verbatim runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(args: &[&str]) -> String {
    let output = verbatim(args, "");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn ask_renders_like_the_bot_reply() {
    expect![[r#"
        楊植麟 · 月之暗面 CEO
        什麼是agi
        > 楊植麟認為,當下**agi**或許並不一定需要一個精確的、量化的定義,它也可能是一個定性且感性的存在,它的意義在於讓社會或者人類對接下來要發生的事情有一個準備。不過楊植麟認為,在短期內,確實需要這樣一種量化的定義,「因為如果完全沒有量化,也自然無法衡量**agi**開發的進度,從而影響整體發展」。
        — 北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第6段
    "#]]
    .assert_eq(&stdout(&["ask", "--limit", "1", "楊植麟怎麼看AGI?"]));
}

#[test]
fn ask_in_english_answers_in_english() {
    expect![[r#"
        Wang Xiaochuan (王小川) · Baichuan AI, CEO
        The price war: good or bad (價格戰是好是壞)
        > 在王小川看來,**價格戰**通常是以競爭為導向的市場行為,這會讓更多公司、更多人用上大模型,使大模型能夠迅速普及。另一方面,之前鑒於行業的「焦慮」,很多本該是大模型使用方的企業,也都想轉型成為大模型的供給方,造成人才、資金等方面的浪費。**價格戰**之後,很多企業也開始清醒,思考自己的競爭優勢,進而退回成為大模型的用戶,減少浪費的同時,讓更多企業找到適合自己的發展定位。
        — BAAI Conference 2024 · AI尖峰對話 · 2024-06-14 · 北京商報 (Beijing Business Today), 楊月涵 · ¶19
    "#]]
    .assert_eq(&stdout(&["ask", "--limit", "1", "What did Baichuan's CEO say about the price war?"]));
}

#[test]
fn an_unanswerable_question_says_what_the_forum_covers() {
    expect![[r#"
        The forum doesn't cover that.
        > Try asking, for example: “What did Yang Zhilin say about price war?” or “What did Wang Xiaochuan say about AGI?”
        Who spoke:
          Yang Zhilin (楊植麟) · Moonshot AI, CEO
          Wang Xiaochuan (王小川) · Baichuan AI, CEO
          Zhang Peng (張鵬) · Zhipu AI, CEO
          Li Dahai (李大海) · ModelBest, CEO
          Wang Zhongyuan (王仲遠) · Beijing Academy of Artificial Intelligence (BAAI), President
        Topics:
          The scene and the panel (AI尖峰對話)
          What AGI is (什麼是agi)
          Does the scaling law still hold (scaling law還是「信條」嗎)
          The price war: good or bad (價格戰是好是壞)
    "#]]
    .assert_eq(&stdout(&["ask", "Best pizza toppings?"]));
}

#[test]
fn json_mode_answers_each_stdin_line_with_one_object() {
    let output = verbatim(
        &["ask", "--json", "--limit", "2"],
        "杨植麟怎么看价格战\n\n上海明天会下雨吗\ntitle:x AND (\n",
    );
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["query"], "杨植麟怎么看价格战");
    let first = &lines[0]["results"][0];
    for field in [
        "speaker",
        "text",
        "organization",
        "topic",
        "paragraph",
        "highlighted",
        "score",
    ] {
        assert!(first.get(field).is_some(), "missing {field} in {first}");
    }
    assert_eq!(first["speaker"], "楊植麟");
    assert_eq!(first["organization"], "月之暗面");
    assert_eq!(first["topic"], "price-war");
    assert!(first["highlighted"]
        .as_str()
        .unwrap()
        .contains("**價格戰**"));
    for empty in &lines[1..] {
        assert_eq!(empty["results"].as_array().unwrap().len(), 0, "{empty}");
    }
}

/// A speaker asked about a topic they never spoke of: no quotes of theirs on something else,
/// and the reply says who did speak of it, in the text and in the JSON.
#[test]
fn a_speaker_who_never_spoke_of_it_is_not_quoted_and_others_are_named() {
    let text = stdout(&["ask", "王仲遠怎麼看AGI"]);
    assert_eq!(
        text.lines().next(),
        Some("王仲遠沒有談到這個問題;張鵬、李大海、王小川談到了。"),
        "{text}"
    );
    let text = stdout(&["ask", "What does Wang Zhongyuan think about AGI?"]);
    assert_eq!(
        text.lines().next(),
        Some(
            "Wang Zhongyuan didn't speak about that; Zhang Peng, Li Dahai and Wang Xiaochuan did."
        ),
        "{text}"
    );
    let out = stdout(&["ask", "--json", "王仲遠怎麼看AGI"]);
    let value: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(value["results"].as_array().unwrap().len(), 0);
    assert_eq!(
        value["elsewhere"],
        serde_json::json!(["張鵬", "李大海", "王小川"])
    );
    // Only then: an answered question, or one nobody spoke of, has no such key.
    let out = stdout(&["ask", "--json", "王仲遠怎麼看足球"]);
    let value: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(value.get("elsewhere").is_none(), "{value}");
}

#[test]
fn json_mode_with_a_question_prints_one_object() {
    let out = stdout(&["ask", "--json", "minicpm"]);
    let value: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(value["results"][0]["speaker"], serde_json::Value::Null);
    assert!(value["results"][0]["text"]
        .as_str()
        .unwrap()
        .contains("minicpm"));
}

#[test]
fn speakers_and_topics_list_what_the_forum_covers() {
    expect![[r#"
        Yang Zhilin (楊植麟) · Moonshot AI, CEO
        Wang Xiaochuan (王小川) · Baichuan AI, CEO
        Zhang Peng (張鵬) · Zhipu AI, CEO
        Li Dahai (李大海) · ModelBest, CEO
        Wang Zhongyuan (王仲遠) · Beijing Academy of Artificial Intelligence (BAAI), President
    "#]]
    .assert_eq(&stdout(&["speakers"]));
    expect![[r#"
        scene        The scene and the panel (AI尖峰對話)
        agi          What AGI is (什麼是agi)
        scaling-law  Does the scaling law still hold (scaling law還是「信條」嗎)
        price-war    The price war: good or bad (價格戰是好是壞)
    "#]]
    .assert_eq(&stdout(&["topics"]));
}

#[test]
fn knowledge_can_come_from_disk() {
    let out = stdout(&[
        "ask",
        "--json",
        "--knowledge",
        "tests/data/good-mini",
        "張鵬 價格戰",
    ]);
    let value: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(value["results"][0]["text"], "「價格戰不可持續」。張鵬說。");
}

#[test]
fn explain_lists_as_many_passages_as_the_limit_with_each_unit_matched() {
    let shown = |limit: &str| {
        let out = stdout(&["ask", "--explain", "--limit", limit, "杨植麟怎么看价格战"]);
        out.lines()
            .filter(|line| line.starts_with("passage:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let three = shown("3");
    let six = shown("6");
    assert_eq!(three.len(), 3, "{three:?}");
    assert_eq!(six.len(), 6, "{six:?}");
    assert_eq!(six[..3], three[..], "the first three are the same");
    // Two units (the speaker, the price war): each passage says how it matched both.
    for line in &six {
        let (_, units) = line.split_once(", units ").expect("units listed");
        assert_eq!(units.split(' ').count(), 2, "{line}");
    }
}
