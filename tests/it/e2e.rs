//! verbatim's Discord bot end to end: the real serenity client, verbatim's own `Bot` and
//! `Plugin`, and a fake Discord on 127.0.0.1 (`tests/support`). One test per behaviour;
//! each starts its own fake and bot. Timeouts only guard against hanging.

use crate::support;

use std::time::Duration;

use crate::support::payloads::{self, Someone, ALICE, BOB, OTHER_BOT, VERBATIM};
use crate::support::{
    callback, flags, output_of, refusal_of, start_bot, start_bot_in, verbatim_run, FakeDiscord,
    Request, APPLICATION_ID, BOT_USER_ID, EVERYTHING, GUILD_ID, TOKEN,
};
use expect_test::{expect, Expect};
use serde_json::{json, Value};
use verbatim::discord::{Bot, Plugin, Settings};

const MORE_PREFIX: &str = "verbatim:more:";

/// The embeds of an interaction callback or a message body.
fn embeds(message: &Value) -> Vec<Value> {
    message["embeds"].as_array().cloned().unwrap_or_default()
}

fn authors(message: &Value) -> Vec<String> {
    embeds(message)
        .iter()
        .map(|e| e["author"]["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The custom id of the "More" button, if the message has one.
fn more_button(message: &Value) -> Option<String> {
    let rows = message["components"].as_array()?;
    let button = rows
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .next()?;
    button["custom_id"].as_str().map(str::to_owned)
}

/// Checks a whole response or message body, as Discord received it, against its snapshot
/// (`UPDATE_expect![[""]]=1 cargo test --test it` rewrites the snapshots).
fn check(body: &Value, expected: Expect) {
    expected.assert_eq(&serde_json::to_string_pretty(body).expect("JSON"));
}

#[tokio::test]
async fn commands_are_registered_to_the_guild_with_zh_tw_and_zh_cn_localizations() {
    let fake = start_bot(support::settings()).await;
    let path = format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    let registration = fake
        .wait_for("command registration", |r| {
            r.method == "PUT" && r.path == path
        })
        .await;
    let commands = registration
        .body
        .as_array()
        .expect("a list of commands")
        .clone();
    // The whole registration, as Discord receives it (UPDATE_expect![[""]]=1 rewrites the snapshot).
    let pretty = serde_json::to_string_pretty(&registration.body).unwrap() + "\n";
    expect_test::expect_file!["snapshots/discord-commands.json"].assert_eq(&pretty);
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ask",
            "topic",
            "speaker",
            "forum",
            "Ask the forum",
            "reload"
        ],
        "the test server is the operator's: /reload is registered there too"
    );
    for command in &commands {
        let name = &command["name"];
        for locale in ["zh-TW", "zh-CN"] {
            assert!(
                command["name_localizations"][locale].is_string(),
                "{name} has no {locale} name"
            );
            // A command without a type is a slash command (CHAT_INPUT, type 1).
            let is_slash = command["type"].is_null() || command["type"] == json!(1);
            if is_slash {
                assert!(
                    command["description_localizations"][locale].is_string(),
                    "{name} has no {locale} description"
                );
                for option in command["options"].as_array().into_iter().flatten() {
                    assert!(
                        option["name_localizations"][locale].is_string(),
                        "{name} {} has no {locale} name",
                        option["name"]
                    );
                    assert!(
                        option["description_localizations"][locale].is_string(),
                        "{name} {}: no {locale} description",
                        option["name"]
                    );
                }
            }
        }
    }
    let slash_commands = commands.iter().filter(|c| c["type"].is_null()).count();
    assert_eq!(
        slash_commands, 5,
        "the localization checks covered every slash command"
    );
    assert_eq!(
        commands[0]["name_localizations"],
        json!({ "zh-TW": "提問", "zh-CN": "提问" })
    );
    assert_eq!(
        commands[4]["type"],
        json!(3),
        "Ask the forum is a message command"
    );
    assert_eq!(
        (
            &commands[5]["default_member_permissions"],
            &commands[5]["contexts"],
            &commands[5]["integration_types"]
        ),
        (&json!("32"), &json!([0]), &json!([0])),
        "/reload is for members who may manage the server (32), in servers that installed it"
    );
    for command in commands.iter().filter(|c| c["name"] != "reload") {
        assert_eq!(
            (&command["integration_types"], &command["contexts"]),
            (&json!([0, 1]), &json!([0, 1, 2])),
            "{} works installed to a server or a user, in servers and any DM",
            command["name"]
        );
    }
    let question = &commands[0]["options"][0];
    assert_eq!(
        (
            question["name"].as_str(),
            question["required"].as_bool(),
            question["max_length"].as_u64()
        ),
        (Some("question"), Some(true), Some(300))
    );
    let autocompleted: Vec<bool> = commands[2]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["autocomplete"] == json!(true))
        .collect();
    assert_eq!(
        autocompleted,
        [true, true],
        "/speaker completes both the speaker and the topic"
    );
}

/// The names of the commands a registration sent.
fn names(registration: &Request) -> Vec<String> {
    let commands = registration.body.as_array().cloned().unwrap_or_default();
    commands
        .iter()
        .map(|c| c["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn commands_are_registered_globally_and_reload_in_the_operators_server_only() {
    let fake = start_bot_in(support::settings(), None).await;
    let global = format!("/api/v10/applications/{APPLICATION_ID}/commands");
    let registration = fake
        .wait_for("global command registration", |r| {
            r.method == "PUT" && r.path == global
        })
        .await;
    assert_eq!(
        names(&registration),
        ["ask", "topic", "speaker", "forum", "Ask the forum"]
    );
    let operator = format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    let registration = fake
        .wait_for("the operator's command registration", |r| {
            r.method == "PUT" && r.path == operator
        })
        .await;
    assert_eq!(names(&registration), ["reload"]);
}

#[tokio::test]
async fn commands_discord_holds_already_are_not_registered_again() {
    let fake = FakeDiscord::start().await;
    let bot = || {
        Bot::new(
            Plugin::new(support::engine(), support::settings()),
            Some(GUILD_ID),
        )
    };
    support::connect(&fake, bot()).await;
    let registrations = || fake.requests().iter().filter(|r| r.method == "PUT").count();
    fake.wait_for("the registration", |r| r.method == "PUT")
        .await;
    // A new session of the same bot (Discord invalidated it) and a second bot process: both
    // find the commands registered, and register nothing.
    fake.invalidate_session(false);
    fake.wait_for_sessions(2).await;
    support::connect(&fake, bot()).await;
    fake.wait_for_sessions(3).await;
    let listings = |n: usize| {
        move |requests: &[Request]| {
            let listed = requests
                .iter()
                .filter(|r| r.method == "GET" && r.path.ends_with("/commands"));
            listed.count() >= n
        }
    };
    fake.wait_until("the second process listing the commands", listings(2))
        .await;
    let (_, answer) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert!(!embeds(&answer["data"]).is_empty(), "still answering");
    assert_eq!(registrations(), 1, "registered once");
    // A bot whose commands differ (a shorter question) registers them.
    let shorter = Settings {
        max_question_chars: 100,
        ..support::settings()
    };
    support::connect(
        &fake,
        Bot::new(Plugin::new(support::engine(), shorter), Some(GUILD_ID)),
    )
    .await;
    fake.wait_for("the changed registration", |r| {
        r.method == "PUT" && r.body[0]["options"][0]["max_length"] == 100
    })
    .await;
    assert_eq!(registrations(), 2);
}

#[tokio::test]
async fn ask_answers_with_attributed_embeds_and_bold_highlights() {
    let fake = start_bot(support::settings()).await;
    let (_, response) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    // Answered at once and publicly: each embed's author is the speaker with organisation and
    // role, the quote has the matched words in bold, the footer names the event, the source
    // and the paragraph, the colour is 王小川's, and nobody can be pinged.
    assert!(
        authors(&response["data"])
            .iter()
            .all(|a| a.starts_with("王小川")),
        "only 王小川's statements: {response}"
    );
    check(
        &response,
        expect![[r#"
            {
              "data": {
                "allowed_mentions": {
                  "parse": [],
                  "replied_user": false,
                  "roles": [],
                  "users": []
                },
                "attachments": [],
                "components": [],
                "content": "> 王小川怎麼看價格戰?",
                "embeds": [
                  {
                    "author": {
                      "name": "王小川 · 百川智能 CEO"
                    },
                    "color": 15548997,
                    "description": "在王小川看來,**價格戰**通常是以競爭為導向的市場行為,這會讓更多公司、更多人用上大模型,使大模型能夠迅速普及。另一方面,之前鑒於行業的「焦慮」,很多本該是大模型使用方的企業,也都想轉型成為大模型的供給方,造成人才、資金等方面的浪費。**價格戰**之後,很多企業也開始清醒,思考自己的競爭優勢,進而退回成為大模型的用戶,減少浪費的同時,讓更多企業找到適合自己的發展定位。",
                    "footer": {
                      "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第19段"
                    },
                    "title": "價格戰是好是壞",
                    "type": "rich"
                  },
                  {
                    "author": {
                      "name": "王小川 · 百川智能 CEO"
                    },
                    "color": 15548997,
                    "description": "但現在,王小川的態度有了些微妙的變化。北京智源大會上,王小川明確表示,當下的**價格戰**對中國發展大模型而言是非常特別的一件事,「我積極看待這件事」。",
                    "footer": {
                      "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第18段"
                    },
                    "title": "價格戰是好是壞",
                    "type": "rich"
                  },
                  {
                    "author": {
                      "name": "王小川 · 百川智能 CEO"
                    },
                    "color": 15548997,
                    "description": "5月下旬,當國產大模型激戰「**價格戰**」的時候,王小川曾表現出過一種「他強任他強,清風拂山崗」的淡定。當時被外界反覆引用的一句話是王小川說的,「創業公司不在大廠射程內」。",
                    "footer": {
                      "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第16段"
                    },
                    "title": "價格戰是好是壞",
                    "type": "rich"
                  }
                ],
                "flags": 0
              },
              "type": 4
            }"#]],
    );
}

#[tokio::test]
async fn ask_in_private_is_ephemeral_and_fixed_words_follow_the_locale() {
    let fake = start_bot(support::settings()).await;
    let options = json!([payloads::string_option("question", "王小川怎麼看價格戰?"), { "name": "private", "type": 5, "value": true }]);
    let (_, response) = fake.command(ALICE, "en-US", "ask", options).await;
    assert_eq!(response["data"]["flags"], flags::EPHEMERAL, "{response}");
    // English names first, the English paragraph mark.
    check(
        &response,
        expect![[r#"
            {
              "data": {
                "allowed_mentions": {
                  "parse": [],
                  "replied_user": false,
                  "roles": [],
                  "users": []
                },
                "attachments": [],
                "components": [],
                "content": "> 王小川怎麼看價格戰?",
                "embeds": [
                  {
                    "author": {
                      "name": "Wang Xiaochuan (王小川) · Baichuan AI, CEO"
                    },
                    "color": 15548997,
                    "description": "在王小川看來,**價格戰**通常是以競爭為導向的市場行為,這會讓更多公司、更多人用上大模型,使大模型能夠迅速普及。另一方面,之前鑒於行業的「焦慮」,很多本該是大模型使用方的企業,也都想轉型成為大模型的供給方,造成人才、資金等方面的浪費。**價格戰**之後,很多企業也開始清醒,思考自己的競爭優勢,進而退回成為大模型的用戶,減少浪費的同時,讓更多企業找到適合自己的發展定位。",
                    "footer": {
                      "text": "BAAI Conference 2024 · AI尖峰對話 · 2024-06-14 · 北京商報 (Beijing Business Today), 楊月涵 · ¶19"
                    },
                    "title": "The price war: good or bad (價格戰是好是壞)",
                    "type": "rich"
                  },
                  {
                    "author": {
                      "name": "Wang Xiaochuan (王小川) · Baichuan AI, CEO"
                    },
                    "color": 15548997,
                    "description": "但現在,王小川的態度有了些微妙的變化。北京智源大會上,王小川明確表示,當下的**價格戰**對中國發展大模型而言是非常特別的一件事,「我積極看待這件事」。",
                    "footer": {
                      "text": "BAAI Conference 2024 · AI尖峰對話 · 2024-06-14 · 北京商報 (Beijing Business Today), 楊月涵 · ¶18"
                    },
                    "title": "The price war: good or bad (價格戰是好是壞)",
                    "type": "rich"
                  },
                  {
                    "author": {
                      "name": "Wang Xiaochuan (王小川) · Baichuan AI, CEO"
                    },
                    "color": 15548997,
                    "description": "5月下旬,當國產大模型激戰「**價格戰**」的時候,王小川曾表現出過一種「他強任他強,清風拂山崗」的淡定。當時被外界反覆引用的一句話是王小川說的,「創業公司不在大廠射程內」。",
                    "footer": {
                      "text": "BAAI Conference 2024 · AI尖峰對話 · 2024-06-14 · 北京商報 (Beijing Business Today), 楊月涵 · ¶16"
                    },
                    "title": "The price war: good or bad (價格戰是好是壞)",
                    "type": "rich"
                  }
                ],
                "flags": 64
              },
              "type": 4
            }"#]],
    );
}

#[tokio::test]
async fn more_pages_through_the_next_results() {
    let fake = start_bot(support::settings()).await;
    let (id, first) = fake.ask(ALICE, "zh-TW", "大家怎麼看價格戰?").await;
    let first_page: Vec<Value> = embeds(&first["data"])
        .iter()
        .map(|e| e["description"].clone())
        .collect();
    assert_eq!(first_page.len(), 3);
    let custom_id = more_button(&first["data"]).expect("a More button");
    assert_eq!(custom_id, format!("{MORE_PREFIX}3:q:{id}"));
    let label = &first["data"]["components"][0]["components"][0]["label"];
    assert_eq!(label, &json!("更多"));

    let shown = payloads::answer_to(id, ALICE, &first["data"]);
    let press = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(press, ALICE, "zh-TW", &custom_id, shown),
    )
    .await;
    let second = fake.callback(press).await;
    assert_eq!(
        second["type"],
        callback::UPDATE_MESSAGE,
        "the asker's page replaces the answer: {second}"
    );
    let second_page: Vec<Value> = embeds(&second["data"])
        .iter()
        .map(|e| e["description"].clone())
        .collect();
    assert!(!second_page.is_empty());
    assert!(
        second_page.iter().all(|d| !first_page.contains(d)),
        "the next results, not the same ones"
    );
    // The last page, with no More button.
    check(
        &second,
        expect![[r#"
            {
              "data": {
                "allowed_mentions": {
                  "parse": [],
                  "replied_user": false,
                  "roles": [],
                  "users": []
                },
                "attachments": [],
                "components": [
                  {
                    "components": [
                      {
                        "custom_id": "verbatim:more:6:q:900000000000000000",
                        "disabled": false,
                        "label": "更多",
                        "style": 2,
                        "type": 2
                      }
                    ],
                    "type": 1
                  }
                ],
                "content": "> 大家怎麼看價格戰?",
                "embeds": [
                  {
                    "author": {
                      "name": "王仲遠 · 智源研究院 院長"
                    },
                    "color": 15418782,
                    "description": "一方面**降價**對於開發者開發應用場景,接入大模型做更多嘗試,存在價值。但另一方面,如果**降價**持續且低於實際成本的話,很可能得不償失。",
                    "footer": {
                      "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第26段"
                    },
                    "title": "價格戰是好是壞",
                    "type": "rich"
                  },
                  {
                    "author": {
                      "name": "張鵬 · 智譜AI CEO"
                    },
                    "color": 5763719,
                    "description": "張鵬說,從宏觀角度看,**降價**能夠促進大模型成為真正的基礎設施,但張鵬也提到,不能多過地注意、甚至宣揚這件事,「做虧本買賣不是正常的商業邏輯,不可持續,最終還是要回歸用戶價值、生產力價值」。",
                    "footer": {
                      "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第22段"
                    },
                    "title": "價格戰是好是壞",
                    "type": "rich"
                  },
                  {
                    "author": {
                      "name": "王小川 · 百川智能 CEO"
                    },
                    "color": 15548997,
                    "description": "在王小川看來,**價格戰**通常是以競爭為導向的市場行為,這會讓更多公司、更多人用上大模型,使大模型能夠迅速普及。另一方面,之前鑒於行業的「焦慮」,很多本該是大模型使用方的企業,也都想轉型成為大模型的供給方,造成人才、資金等方面的浪費。**價格戰**之後,很多企業也開始清醒,思考自己的競爭優勢,進而退回成為大模型的用戶,減少浪費的同時,讓更多企業找到適合自己的發展定位。",
                    "footer": {
                      "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第19段"
                    },
                    "title": "價格戰是好是壞",
                    "type": "rich"
                  }
                ],
                "flags": 0
              },
              "type": 7
            }"#]],
    );
}

#[tokio::test]
async fn more_on_someone_elses_answer_shows_the_next_page_to_the_presser_only() {
    let fake = start_bot(support::settings()).await;
    let (id, first) = fake.ask(ALICE, "zh-TW", "大家怎麼看價格戰?").await;
    let custom_id = more_button(&first["data"]).expect("a More button");
    let press = fake.new_id();
    let shown = payloads::answer_to(id, ALICE, &first["data"]);
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(press, BOB, "zh-TW", &custom_id, shown),
    )
    .await;
    let page = fake.callback(press).await;
    assert_eq!(
        (&page["type"], &page["data"]["flags"]),
        (&json!(callback::MESSAGE), &json!(flags::EPHEMERAL)),
        "a new message for Bob alone, Alice's answer untouched: {page}"
    );
    assert!(!embeds(&page["data"]).is_empty(), "the next page: {page}");
}

#[tokio::test]
async fn more_on_a_message_without_its_question_says_to_ask_again() {
    // A button from before answers showed their question: there is nothing to read back.
    let fake = start_bot(support::settings()).await;
    let press = fake.new_id();
    let shown = payloads::message(fake.new_id(), VERBATIM, "", &[]);
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(
            press,
            BOB,
            "en-US",
            &format!("{MORE_PREFIX}3:q:12345"),
            shown,
        ),
    )
    .await;
    let response = fake.callback(press).await;
    assert_eq!(
        (response["type"].clone(), response["data"]["flags"].clone()),
        (json!(callback::MESSAGE), json!(flags::EPHEMERAL))
    );
    assert!(
        response["data"]["content"]
            .as_str()
            .unwrap()
            .contains("ask again"),
        "{response}"
    );
}

#[tokio::test]
async fn topic_shows_each_speaker_side_by_side_and_pages() {
    let fake = start_bot(support::settings()).await;
    let options = json!([payloads::string_option("topic", "price-war")]);
    let (_, response) = fake.command(ALICE, "zh-TW", "topic", options).await;
    let message = &response["data"];
    // Grouped by speaker in roster order: 楊植麟, 王小川, 張鵬, 李大海, 王仲遠, then narration.
    let order = ["楊植麟", "王小川", "張鵬", "李大海", "王仲遠", "記者敘述"];
    let ranks: Vec<usize> = authors(message)
        .iter()
        .map(|a| {
            order
                .iter()
                .position(|s| a.starts_with(s))
                .expect("a known author")
        })
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "grouped by speaker: {:?}",
        authors(message)
    );
    assert_eq!(
        more_button(message),
        Some(format!("{MORE_PREFIX}5:t:price-war"))
    );
    check(
        &response,
        expect![[r#"
        {
          "data": {
            "allowed_mentions": {
              "parse": [],
              "replied_user": false,
              "roles": [],
              "users": []
            },
            "attachments": [],
            "components": [
              {
                "components": [
                  {
                    "custom_id": "verbatim:more:5:t:price-war",
                    "disabled": false,
                    "label": "更多",
                    "style": 2,
                    "type": 2
                  }
                ],
                "type": 1
              }
            ],
            "embeds": [
              {
                "author": {
                  "name": "楊植麟 · 月之暗面 CEO"
                },
                "color": 5793266,
                "description": "回歸價值本身,也是楊植麟的核心看法。他給出了三個判斷,首先未來一個很重要的節點,是推理上的算力顯著超過訓練算力,這標誌著價值開始得到釋放。第二的重要節點,是c端推理成本顯著低於獲客成本,與之前的商業模式有了顯著區別。在這兩個前提之下,第三個關鍵在於,ai能做的事情可能會超過人做的事情,進而產生新的商業模式。",
                "footer": {
                  "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第23段"
                },
                "title": "價格戰是好是壞",
                "type": "rich"
              },
              {
                "author": {
                  "name": "楊植麟 · 月之暗面 CEO"
                },
                "color": 5793266,
                "description": "「這可能不是像今天談到的,在b端用api做價格戰,而是一種普惠ai,同時根據產生的價值形成商業模式。這三個點可能會是改變大模型商業模式本身或者roi問題很重要的途徑」。楊植麟說。",
                "footer": {
                  "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第24段"
                },
                "title": "價格戰是好是壞",
                "type": "rich"
              },
              {
                "author": {
                  "name": "王小川 · 百川智能 CEO"
                },
                "color": 15548997,
                "description": "5月下旬,當國產大模型激戰「價格戰」的時候,王小川曾表現出過一種「他強任他強,清風拂山崗」的淡定。當時被外界反覆引用的一句話是王小川說的,「創業公司不在大廠射程內」。",
                "footer": {
                  "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第16段"
                },
                "title": "價格戰是好是壞",
                "type": "rich"
              },
              {
                "author": {
                  "name": "王小川 · 百川智能 CEO"
                },
                "color": 15548997,
                "description": "但現在,王小川的態度有了些微妙的變化。北京智源大會上,王小川明確表示,當下的價格戰對中國發展大模型而言是非常特別的一件事,「我積極看待這件事」。",
                "footer": {
                  "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第18段"
                },
                "title": "價格戰是好是壞",
                "type": "rich"
              },
              {
                "author": {
                  "name": "王小川 · 百川智能 CEO"
                },
                "color": 15548997,
                "description": "在王小川看來,價格戰通常是以競爭為導向的市場行為,這會讓更多公司、更多人用上大模型,使大模型能夠迅速普及。另一方面,之前鑒於行業的「焦慮」,很多本該是大模型使用方的企業,也都想轉型成為大模型的供給方,造成人才、資金等方面的浪費。價格戰之後,很多企業也開始清醒,思考自己的競爭優勢,進而退回成為大模型的用戶,減少浪費的同時,讓更多企業找到適合自己的發展定位。",
                "footer": {
                  "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第19段"
                },
                "title": "價格戰是好是壞",
                "type": "rich"
              }
            ],
            "flags": 0
          },
          "type": 4
        }"#]],
    );
}

#[tokio::test]
async fn topic_typed_without_choosing_is_resolved_by_alias() {
    let fake = start_bot(support::settings()).await;
    let options = json!([payloads::string_option("topic", "price war")]);
    let (_, response) = fake.command(ALICE, "en-US", "topic", options).await;
    let title = embeds(&response["data"])[0]["title"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        title.ends_with("(價格戰是好是壞)"),
        "the English name, then the heading: {title}"
    );
}

#[tokio::test]
async fn speaker_autocomplete_matches_any_alias_form() {
    let fake = start_bot(support::settings()).await;
    for typed in ["yang", "杨", "Moonshot", "楊植"] {
        let id = fake.new_id();
        fake.dispatch(
            "INTERACTION_CREATE",
            payloads::autocomplete(id, ALICE, "en-US", "speaker", "speaker", typed),
        )
        .await;
        let response = fake.callback(id).await;
        assert_eq!(response["type"], callback::AUTOCOMPLETE_RESULT);
        let choices = response["data"]["choices"]
            .as_array()
            .expect("choices")
            .clone();
        assert!(choices.len() <= 25);
        assert!(choices
            .iter()
            .all(|c| c["name"].as_str().unwrap().chars().count() <= 100));
        assert_eq!(
            choices.first().map(|c| c["value"].clone()),
            Some(json!("楊植麟")),
            "typing {typed:?} offers 楊植麟 first: {choices:?}"
        );
    }
    let id = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::autocomplete(id, ALICE, "zh-TW", "speaker", "speaker", ""),
    )
    .await;
    let everyone = fake.callback(id).await;
    assert_eq!(
        everyone["data"]["choices"].as_array().map(Vec::len),
        Some(5),
        "nothing typed lists every speaker"
    );
}

#[tokio::test]
async fn speaker_lists_that_speakers_statements_on_a_topic() {
    let fake = start_bot(support::settings()).await;
    let complete = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::autocomplete(complete, ALICE, "zh-TW", "speaker", "topic", "agi"),
    )
    .await;
    let topics = fake.callback(complete).await;
    assert_eq!(
        topics["data"]["choices"][0],
        json!({ "name": "什麼是agi", "value": "agi" })
    );

    let options = json!([
        payloads::string_option("speaker", "楊植麟"),
        payloads::string_option("topic", "agi")
    ]);
    let (_, response) = fake.command(ALICE, "zh-TW", "speaker", options).await;
    assert!(
        authors(&response["data"])
            .iter()
            .all(|a| a == "楊植麟 · 月之暗面 CEO"),
        "{response}"
    );
    check(
        &response,
        expect![[r#"
        {
          "data": {
            "allowed_mentions": {
              "parse": [],
              "replied_user": false,
              "roles": [],
              "users": []
            },
            "attachments": [],
            "components": [],
            "embeds": [
              {
                "author": {
                  "name": "楊植麟 · 月之暗面 CEO"
                },
                "color": 5793266,
                "description": "楊植麟認為,當下agi或許並不一定需要一個精確的、量化的定義,它也可能是一個定性且感性的存在,它的意義在於讓社會或者人類對接下來要發生的事情有一個準備。不過楊植麟認為,在短期內,確實需要這樣一種量化的定義,「因為如果完全沒有量化,也自然無法衡量agi開發的進度,從而影響整體發展」。",
                "footer": {
                  "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第6段"
                },
                "title": "什麼是agi",
                "type": "rich"
              }
            ],
            "flags": 0
          },
          "type": 4
        }"#]],
    );
}

#[tokio::test]
async fn speaker_that_is_not_in_the_forum_gets_a_private_notice() {
    let fake = start_bot(support::settings()).await;
    let options = json!([payloads::string_option("speaker", "Sam Altman")]);
    let (_, response) = fake.command(ALICE, "en-US", "speaker", options).await;
    check(
        &response,
        expect![[r#"
        {
          "data": {
            "allowed_mentions": {
              "parse": [],
              "replied_user": false,
              "roles": [],
              "users": []
            },
            "attachments": [],
            "content": "No speaker of the forum matches “Sam Altman”.",
            "flags": 64
          },
          "type": 4
        }"#]],
    );
}

#[tokio::test]
async fn forum_describes_the_event_in_the_users_language() {
    let fake = start_bot(support::settings()).await;
    let (_, response) = fake.command(ALICE, "zh-CN", "forum", json!([])).await;
    // The event, its date, the session, the five participants and the source, in zh-CN.
    check(
        &response,
        expect![[r#"
        {
          "data": {
            "allowed_mentions": {
              "parse": [],
              "replied_user": false,
              "roles": [],
              "users": []
            },
            "attachments": [],
            "components": [],
            "embeds": [
              {
                "color": 10070709,
                "description": "AI尖峰對話:被「追星」的楊植麟,被「認可」的價格戰",
                "fields": [
                  {
                    "inline": false,
                    "name": "日期",
                    "value": "2024-06-14 · 北京"
                  },
                  {
                    "inline": false,
                    "name": "场次",
                    "value": "AI尖峰對話"
                  },
                  {
                    "inline": false,
                    "name": "与会者",
                    "value": "楊植麟 · 月之暗面 CEO\n王小川 · 百川智能 CEO\n張鵬 · 智譜AI CEO\n李大海 · 面壁智能 CEO\n王仲遠 · 智源研究院 院長"
                  },
                  {
                    "inline": false,
                    "name": "来源",
                    "value": "北京商報, 楊月涵"
                  }
                ],
                "title": "北京智源大會 · AI尖峰對話 · 2024-06-14",
                "type": "rich"
              }
            ],
            "flags": 0
          },
          "type": 4
        }"#]],
    );
}

#[tokio::test]
async fn the_context_menu_asks_with_the_messages_text() {
    let fake = start_bot(support::settings()).await;
    let target = payloads::message(
        fake.new_id(),
        BOB,
        "What did Yang Zhilin say about AGI?",
        &[],
    );
    let id = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::context_menu(id, ALICE, "en-US", &target),
    )
    .await;
    let response = fake.callback(id).await;
    assert_eq!(response["type"], callback::MESSAGE);
    assert_eq!(
        authors(&response["data"])[0],
        "Yang Zhilin (楊植麟) · Moonshot AI, CEO"
    );
    check(
        &response,
        expect![[r#"
            {
              "data": {
                "allowed_mentions": {
                  "parse": [],
                  "replied_user": false,
                  "roles": [],
                  "users": []
                },
                "attachments": [],
                "components": [],
                "content": "> What did Yang Zhilin say about AGI?",
                "embeds": [
                  {
                    "author": {
                      "name": "Yang Zhilin (楊植麟) · Moonshot AI, CEO"
                    },
                    "color": 5793266,
                    "description": "楊植麟認為,當下**agi**或許並不一定需要一個精確的、量化的定義,它也可能是一個定性且感性的存在,它的意義在於讓社會或者人類對接下來要發生的事情有一個準備。不過楊植麟認為,在短期內,確實需要這樣一種量化的定義,「因為如果完全沒有量化,也自然無法衡量**agi**開發的進度,從而影響整體發展」。",
                    "footer": {
                      "text": "BAAI Conference 2024 · AI尖峰對話 · 2024-06-14 · 北京商報 (Beijing Business Today), 楊月涵 · ¶6"
                    },
                    "title": "What AGI is (什麼是agi)",
                    "type": "rich"
                  }
                ],
                "flags": 0
              },
              "type": 4
            }"#]],
    );
}

#[tokio::test]
async fn a_mention_is_answered_in_a_reply() {
    let fake = start_bot(support::settings()).await;
    let id = fake.new_id();
    let content = format!("<@{BOT_USER_ID}> 杨植麟怎么看价格战");
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert_eq!(
        reply.path,
        format!("/api/v10/channels/{}/messages", support::CHANNEL_ID)
    );
    // A reply to the question, in the question's script, with a More button, pinging nobody
    // (not even the asker), and carrying the question's id as a nonce Discord enforces.
    check(
        &reply.body,
        expect![[r#"
            {
              "allowed_mentions": {
                "parse": [],
                "replied_user": false,
                "roles": [],
                "users": []
              },
              "attachments": [],
              "components": [],
              "content": "> 杨植麟怎么看价格战",
              "embeds": [
                {
                  "author": {
                    "name": "楊植麟 · 月之暗面 CEO"
                  },
                  "color": 5793266,
                  "description": "「這可能不是像今天談到的,在b端用api做**價格戰**,而是一種普惠ai,同時根據產生的價值形成商業模式。這三個點可能會是改變大模型商業模式本身或者roi問題很重要的途徑」。楊植麟說。",
                  "footer": {
                    "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第24段"
                  },
                  "title": "價格戰是好是壞",
                  "type": "rich"
                },
                {
                  "author": {
                    "name": "楊植麟 · 月之暗面 CEO"
                  },
                  "color": 5793266,
                  "description": "回歸價值本身,也是楊植麟的核心看法。他給出了三個判斷,首先未來一個很重要的節點,是推理上的算力顯著超過訓練算力,這標誌著價值開始得到釋放。第二的重要節點,是c端推理成本顯著低於獲客成本,與之前的商業模式有了顯著區別。在這兩個前提之下,第三個關鍵在於,ai能做的事情可能會超過人做的事情,進而產生新的商業模式。",
                  "footer": {
                    "text": "北京智源大會 · AI尖峰對話 · 2024-06-14 · 北京商報, 楊月涵 · 第23段"
                  },
                  "title": "價格戰是好是壞",
                  "type": "rich"
                }
              ],
              "enforce_nonce": true,
              "message_reference": {
                "channel_id": "300000000000000003",
                "fail_if_not_exists": null,
                "guild_id": "200000000000000002",
                "message_id": "900000000000000000",
                "type": 0
              },
              "nonce": "900000000000000000",
              "sticker_ids": [],
              "tts": false
            }"#]],
    );
}

#[tokio::test]
async fn a_direct_message_is_answered() {
    let fake = start_bot(support::settings()).await;
    let id = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::direct_message(id, ALICE, "What did Yang Zhilin say about AGI?"),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert_eq!(
        reply.path,
        format!("/api/v10/channels/{}/messages", payloads::DM_CHANNEL_ID)
    );
    assert_eq!(
        authors(&reply.body)[0],
        "Yang Zhilin (楊植麟) · Moonshot AI, CEO"
    );
}

/// A reply, made by `reply`, to one of the bot's earlier answers gets an answer of its own.
async fn check_reply_to_the_bot_is_answered(reply: fn(u64, Someone, &str, &Value) -> Value) {
    let fake = start_bot(support::settings()).await;
    let earlier = json!({ "content": "an earlier answer" });
    let answer = payloads::sent_message(fake.new_id(), &support::CHANNEL_ID.to_string(), &earlier);
    let id = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        reply(id, ALICE, "那楊植麟怎麼看AGI?", &answer),
    )
    .await;
    let answered = fake.reply_to(id).await;
    assert_eq!(authors(&answered.body)[0], "楊植麟 · 月之暗面 CEO");
}

#[tokio::test]
async fn a_reply_to_the_bot_is_answered() {
    check_reply_to_the_bot_is_answered(payloads::reply).await;
}

#[tokio::test]
async fn a_reply_to_the_bot_without_a_ping_is_answered_when_its_text_arrives() {
    // Discord sends the text of a reply that does not ping the bot only to a bot with the
    // message-content intent; verbatim does not need it, but answers when it has it.
    check_reply_to_the_bot_is_answered(payloads::reply_without_ping).await;
}

#[tokio::test]
async fn messages_from_bots_and_messages_not_for_the_bot_are_ignored() {
    let fake = start_bot(support::settings()).await;
    let mention = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
    let from_a_bot = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(from_a_bot, OTHER_BOT, &mention, &[VERBATIM]),
    )
    .await;
    let from_itself = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::direct_message(from_itself, VERBATIM, "王小川怎麼看價格戰?"),
    )
    .await;
    let not_addressed = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(not_addressed, BOB, "王小川怎麼看價格戰?", &[]),
    )
    .await;
    let textless_reply = fake.new_id();
    let earlier = payloads::sent_message(
        fake.new_id(),
        &support::CHANNEL_ID.to_string(),
        &json!({ "content": "an answer" }),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::reply_without_ping(textless_reply, ALICE, "", &earlier),
    )
    .await;
    let reply_to_a_person = fake.new_id();
    let bobs = payloads::message(fake.new_id(), BOB, "hello", &[]);
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::reply(reply_to_a_person, ALICE, "王小川怎麼看價格戰?", &bobs),
    )
    .await;
    // The gateway delivers events in order, and ignoring a message takes no request, so once
    // the bot has answered a later question it has decided about every earlier message.
    let sentinel = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(sentinel, ALICE, &mention, &[VERBATIM]),
    )
    .await;
    fake.reply_to(sentinel).await;
    let messages_sent: Vec<Request> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/messages"))
        .collect();
    assert_eq!(
        messages_sent.len(),
        1,
        "only the sentinel is answered: {messages_sent:?}"
    );
}

#[tokio::test]
async fn the_bot_speaks_only_in_the_channels_it_was_addressed_in() {
    let fake = start_bot(support::settings()).await;
    let elsewhere = json!("300000000000000077");
    let in_channel = |mut message: Value, channel: &Value| {
        message["channel_id"] = channel.clone();
        message
    };
    let question = "王小川怎麼看價格戰?";
    // Not addressed to the bot, in its channel and in another: a question, @everyone, a
    // mention of someone else.
    let everyone = format!("@everyone {question}");
    let someone_else = format!("<@{}> {question}", BOB.id);
    for (content, mentions) in [
        (question, &[][..]),
        (everyone.as_str(), &[][..]),
        (someone_else.as_str(), &[BOB][..]),
    ] {
        for channel in [json!(support::CHANNEL_ID.to_string()), elsewhere.clone()] {
            let message = payloads::message(fake.new_id(), ALICE, content, mentions);
            fake.dispatch("MESSAGE_CREATE", in_channel(message, &channel))
                .await;
        }
    }
    // Addressed to it in the other channel: answered there, and only there.
    let mention = format!("<@{BOT_USER_ID}> {question}");
    let addressed = fake.new_id();
    let message = payloads::message(addressed, ALICE, &mention, &[VERBATIM]);
    fake.dispatch("MESSAGE_CREATE", in_channel(message, &elsewhere))
        .await;
    // A slash command is answered by its response, never by a message in the channel.
    fake.ask(ALICE, "zh-TW", question).await;
    let reply = fake.reply_to(addressed).await;
    assert_eq!(reply.path, "/api/v10/channels/300000000000000077/messages");
    let messages: Vec<String> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/messages"))
        .map(|r| r.path)
        .collect();
    assert_eq!(
        messages,
        [reply.path],
        "one message, in the channel where the bot was addressed"
    );
}

#[tokio::test]
async fn an_everyone_question_pings_nobody() {
    let fake = start_bot(support::settings()).await;
    let id = fake.new_id();
    let content = format!("@everyone <@{BOT_USER_ID}> <@&123456789012345678> <@{}> what did @here say about the price war?", BOB.id);
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM, BOB]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert_eq!(
        reply.body["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [], "replied_user": false })
    );
    let (_, response) = fake.ask(ALICE, "en-US", "@everyone @here price war").await;
    assert_eq!(
        response["data"]["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [], "replied_user": false })
    );
}

#[tokio::test]
async fn a_second_question_within_the_cooldown_gets_a_private_notice() {
    let fake = start_bot(Settings {
        cooldown: Duration::from_secs(600),
        ..support::settings()
    })
    .await;
    let (_, first) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert!(!embeds(&first["data"]).is_empty());
    let (_, second) = fake.ask(ALICE, "zh-TW", "楊植麟怎麼看AGI?").await;
    assert_eq!(
        second["data"]["flags"],
        flags::EPHEMERAL,
        "ephemeral: {second}"
    );
    assert_eq!(
        second["data"]["content"],
        json!("請稍候,600 秒後可以再問。")
    );
    assert!(embeds(&second["data"]).is_empty());
    let (_, someone_else) = fake.ask(BOB, "zh-TW", "楊植麟怎麼看AGI?").await;
    assert!(
        !embeds(&someone_else["data"]).is_empty(),
        "the cooldown is per user"
    );
}

/// Someone's own install of the app, used in a group DM the bot is not in: every answer goes
/// through the interaction's responses, none through a channel, and each fits and pings
/// nobody (the fake checks every body).
#[tokio::test]
async fn a_user_installed_app_answers_in_a_private_channel_through_the_interaction_only() {
    let fake = start_bot(support::settings()).await;
    let id = fake.new_id();
    let options = json!([payloads::string_option(
        "question",
        "@everyone 大家怎麼看價格戰?"
    )]);
    let asked = payloads::user_installed_in_private_channel(
        payloads::slash(id, ALICE, "zh-TW", "ask", options),
        ALICE,
    );
    fake.dispatch("INTERACTION_CREATE", asked).await;
    let answer = fake.callback(id).await;
    assert_eq!(answer["type"], json!(callback::MESSAGE), "{answer}");
    assert!(!embeds(&answer["data"]).is_empty(), "{answer}");
    let custom_id = more_button(&answer["data"]).expect("a More button");

    let mut shown = payloads::sent_message(
        fake.new_id(),
        &payloads::GROUP_DM_CHANNEL_ID.to_string(),
        &answer["data"],
    );
    shown["interaction_metadata"] = json!({
        "id": id.to_string(),
        "type": 2,
        "user": payloads::user(ALICE),
        "authorizing_integration_owners": { "1": ALICE.id.to_string() },
    });
    // The asker pages her own answer (anyone else would get the next page to themselves).
    let press = fake.new_id();
    let pressed = payloads::user_installed_in_private_channel(
        payloads::button(press, ALICE, "zh-TW", &custom_id, shown),
        ALICE,
    );
    fake.dispatch("INTERACTION_CREATE", pressed).await;
    let page = fake.callback(press).await;
    assert_eq!(page["type"], json!(callback::UPDATE_MESSAGE), "{page}");

    let menu = fake.new_id();
    let target = payloads::message(fake.new_id(), BOB, "楊植麟怎麼看AGI?", &[]);
    let used = payloads::user_installed_in_private_channel(
        payloads::context_menu(menu, ALICE, "en-US", &target),
        ALICE,
    );
    fake.dispatch("INTERACTION_CREATE", used).await;
    let answer = fake.callback(menu).await;
    assert!(
        authors(&answer["data"])
            .iter()
            .all(|a| a.contains("楊植麟")),
        "{answer}"
    );
    let channel_sends: Vec<Request> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/channels/"))
        .collect();
    assert!(channel_sends.is_empty(), "{channel_sends:?}");
}

#[tokio::test]
async fn reload_through_someones_own_install_is_refused_even_to_a_moderator() {
    let fake = start_bot(support::settings()).await;
    let id = fake.new_id();
    let used = payloads::user_installed_in_server(
        payloads::slash(id, payloads::MODERATOR, "en-US", "reload", json!([])),
        payloads::MODERATOR,
    );
    fake.dispatch("INTERACTION_CREATE", used).await;
    let response = fake.callback(id).await;
    assert_eq!(
        response["data"]["flags"],
        json!(flags::EPHEMERAL),
        "{response}"
    );
    assert!(
        response["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("manage")),
        "{response}"
    );
}

#[tokio::test]
async fn a_question_the_forum_does_not_cover_gets_who_spoke_and_on_what() {
    let fake = start_bot(support::settings()).await;
    let (_, response) = fake
        .ask(ALICE, "en-US", "What's the weather in Paris tomorrow?")
        .await;
    check(
        &response,
        expect![[r#"
        {
          "data": {
            "allowed_mentions": {
              "parse": [],
              "replied_user": false,
              "roles": [],
              "users": []
            },
            "attachments": [],
            "components": [],
            "content": "> What's the weather in Paris tomorrow?",
            "embeds": [
              {
                "color": 10070709,
                "description": "Try asking, for example: “What did Yang Zhilin say about price war?” or “What did Wang Xiaochuan say about AGI?”",
                "fields": [
                  {
                    "inline": false,
                    "name": "Who spoke",
                    "value": "Yang Zhilin (楊植麟) · Moonshot AI, CEO\nWang Xiaochuan (王小川) · Baichuan AI, CEO\nZhang Peng (張鵬) · Zhipu AI, CEO\nLi Dahai (李大海) · ModelBest, CEO\nWang Zhongyuan (王仲遠) · Beijing Academy of Artificial Intelligence (BAAI), President"
                  },
                  {
                    "inline": false,
                    "name": "Topics",
                    "value": "The scene and the panel (AI尖峰對話)\nWhat AGI is (什麼是agi)\nDoes the scaling law still hold (scaling law還是「信條」嗎)\nThe price war: good or bad (價格戰是好是壞)"
                  }
                ],
                "title": "The forum doesn't cover that.",
                "type": "rich"
              }
            ],
            "flags": 0
          },
          "type": 4
        }"#]],
    );
}

#[tokio::test]
async fn a_question_over_the_length_cap_is_refused() {
    let fake = start_bot(Settings {
        max_question_chars: 20,
        ..support::settings()
    })
    .await;
    let (_, response) = fake
        .ask(
            ALICE,
            "en-US",
            "What did every single speaker say about the price war?",
        )
        .await;
    assert_eq!(response["data"]["flags"], flags::EPHEMERAL);
    assert_eq!(
        response["data"]["content"],
        json!("That question is too long; please keep it under 20 characters.")
    );
    let id = fake.new_id();
    let content =
        format!("<@{BOT_USER_ID}> What did every single speaker say about the price war?");
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert!(reply.body["content"]
        .as_str()
        .unwrap()
        .starts_with("That question is too long"));
}

#[tokio::test]
async fn a_slow_answer_is_deferred_then_filled_in() {
    // Deferring after zero seconds defers every command, as a slow answer would be.
    let fake = start_bot(Settings {
        defer_after: Duration::ZERO,
        ..support::settings()
    })
    .await;
    let (id, response) = fake
        .ask(
            ALICE,
            "en-US",
            "What did Zhang Peng say about the price war?",
        )
        .await;
    assert_eq!(
        response["type"],
        callback::DEFERRED_MESSAGE,
        "acknowledged at once: {response}"
    );
    assert_ne!(
        response["data"]["flags"],
        flags::EPHEMERAL,
        "a public answer is deferred publicly"
    );
    let edit_path =
        format!("/api/v10/webhooks/{APPLICATION_ID}/interaction-token-{id}/messages/@original");
    let edit = fake
        .wait_for("the deferred answer", |r| {
            r.method == "PATCH" && r.path == edit_path
        })
        .await;
    check(
        &edit.body,
        expect![[r#"
            {
              "allowed_mentions": {
                "parse": [],
                "replied_user": false,
                "roles": [],
                "users": []
              },
              "components": [],
              "content": "> What did Zhang Peng say about the price war?",
              "embeds": [
                {
                  "author": {
                    "name": "Zhang Peng (張鵬) · Zhipu AI, CEO"
                  },
                  "color": 5763719,
                  "description": "早於位元組跳動大張旗鼓的**降價**,智譜ai一度被認為是這輪**價格戰**的發起方。大會現場,張鵬笑著澄清,「子虛烏有」。",
                  "footer": {
                    "text": "BAAI Conference 2024 · AI尖峰對話 · 2024-06-14 · 北京商報 (Beijing Business Today), 楊月涵 · ¶21"
                  },
                  "title": "The price war: good or bad (價格戰是好是壞)",
                  "type": "rich"
                },
                {
                  "author": {
                    "name": "Zhang Peng (張鵬) · Zhipu AI, CEO"
                  },
                  "color": 5763719,
                  "description": "張鵬說,從宏觀角度看,**降價**能夠促進大模型成為真正的基礎設施,但張鵬也提到,不能多過地注意、甚至宣揚這件事,「做虧本買賣不是正常的商業邏輯,不可持續,最終還是要回歸用戶價值、生產力價值」。",
                  "footer": {
                    "text": "BAAI Conference 2024 · AI尖峰對話 · 2024-06-14 · 北京商報 (Beijing Business Today), 楊月涵 · ¶22"
                  },
                  "title": "The price war: good or bad (價格戰是好是壞)",
                  "type": "rich"
                }
              ]
            }"#]],
    );
}

#[tokio::test]
async fn the_next_question_is_answered_after_the_gateway_drops() {
    let fake = start_bot(support::settings()).await;
    fake.drop_gateway();
    fake.wait_for_sessions(2).await;
    let (identifies, resumes) = fake.identifies_and_resumes();
    assert_eq!(identifies + resumes, 2, "one new session after the drop");
    let id = fake.new_id();
    let content = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert_eq!(authors(&reply.body)[0], "王小川 · 百川智能 CEO");
}

/// Another bot with a command and a button of its own, mounting verbatim's plugin the way the
/// README shows: whatever the plugin gives back is the host's.
struct HostBot {
    forum: verbatim::discord::Plugin,
}

#[serenity::async_trait]
impl serenity::client::EventHandler for HostBot {
    async fn ready(&self, ctx: serenity::client::Context, ready: serenity::model::gateway::Ready) {
        use serenity::builder::CreateCommand;
        self.forum.ready(&ready);
        let mut commands = vec![CreateCommand::new("ping").description("Is the host alive?")];
        commands.extend(self.forum.commands());
        serenity::model::application::Command::set_global_commands(&ctx.http, commands)
            .await
            .expect("commands registered");
    }

    async fn interaction_create(
        &self,
        ctx: serenity::client::Context,
        interaction: serenity::model::application::Interaction,
    ) {
        use serenity::builder::{
            CreateAllowedMentions, CreateInteractionResponse, CreateInteractionResponseMessage,
        };
        use serenity::model::application::Interaction;
        let Some(yours) = self.forum.handle_interaction(&ctx, interaction).await else {
            return;
        };
        let said = match &yours {
            Interaction::Command(command) => format!("host command {}", command.data.name),
            Interaction::Component(component) => {
                format!("host button {}", component.data.custom_id)
            }
            _ => return,
        };
        let message = CreateInteractionResponseMessage::new()
            .content(said)
            .allowed_mentions(CreateAllowedMentions::new());
        let response = CreateInteractionResponse::Message(message);
        let sent = match &yours {
            Interaction::Command(command) => command.create_response(&ctx.http, response).await,
            Interaction::Component(component) => {
                component.create_response(&ctx.http, response).await
            }
            _ => return,
        };
        sent.expect("the host responds");
    }

    async fn message(
        &self,
        ctx: serenity::client::Context,
        message: serenity::model::channel::Message,
    ) {
        use serenity::builder::{CreateAllowedMentions, CreateMessage};
        let Some(yours) = self.forum.handle_message(&ctx, message).await else {
            return;
        };
        if yours.content == "!ping" {
            let reply = CreateMessage::new()
                .content("host pong")
                .reference_message(&yours)
                .allowed_mentions(CreateAllowedMentions::new());
            yours
                .channel_id
                .send_message(&ctx.http, reply)
                .await
                .expect("the host replies");
        }
    }
}

#[tokio::test]
async fn a_host_bot_mounting_the_plugin_gets_back_everything_that_is_not_verbatims() {
    let forum = verbatim::discord::Plugin::new(support::engine(), support::settings());
    let fake = support::start_client(HostBot { forum }).await;
    let path = format!("/api/v10/applications/{APPLICATION_ID}/commands");
    let registration = fake
        .wait_for("command registration", |r| {
            r.method == "PUT" && r.path == path
        })
        .await;
    let names: Vec<&str> = registration
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["ping", "ask", "topic", "speaker", "forum", "Ask the forum"]
    );

    let ping = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::slash(ping, ALICE, "en-US", "ping", json!([])),
    )
    .await;
    assert_eq!(
        fake.callback(ping).await["data"]["content"],
        json!("host command ping")
    );

    let button = fake.new_id();
    let shown = payloads::message(fake.new_id(), VERBATIM, "", &[]);
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(button, ALICE, "en-US", "host:refresh", shown),
    )
    .await;
    assert_eq!(
        fake.callback(button).await["data"]["content"],
        json!("host button host:refresh")
    );

    let (_, answer) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert_eq!(
        authors(&answer["data"])[0],
        "王小川 · 百川智能 CEO",
        "verbatim's own command is verbatim's"
    );

    let message = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(message, BOB, "!ping", &[]),
    )
    .await;
    assert_eq!(
        fake.reply_to(message).await.body["content"],
        json!("host pong")
    );
}

#[tokio::test]
async fn run_without_a_token_says_so_in_one_line_and_exits_2() {
    let stderr = refusal_of(verbatim_run(&[])).await;
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("error: DISCORD_TOKEN is not set"),
        "{stderr}"
    );
}

#[tokio::test]
async fn run_with_a_rejected_token_says_so_in_one_line_exits_2_and_never_shows_it() {
    let fake = FakeDiscord::rejecting_every_token().await;
    let secret = "secret-token-that-must-never-be-printed";
    let env = [
        ("DISCORD_TOKEN", secret),
        ("VERBATIM_DISCORD_PROXY", fake.url.as_str()),
    ];
    let output = output_of(verbatim_run(&env)).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("error: Discord rejected the token"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());

    // Not even the most verbose logs show it.
    let verbose = [
        ("DISCORD_TOKEN", secret),
        ("VERBATIM_DISCORD_PROXY", fake.url.as_str()),
        ("RUST_LOG", EVERYTHING),
    ];
    let output = output_of(verbatim_run(&verbose)).await;
    let everything = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !everything.contains(secret),
        "the token leaked:\n{everything}"
    );
}

#[tokio::test]
async fn run_with_a_token_the_gateway_rejects_also_exits_2_with_one_error_line() {
    let fake = FakeDiscord::rejecting_at_the_gateway().await;
    let env = [
        ("DISCORD_TOKEN", TOKEN),
        ("VERBATIM_DISCORD_PROXY", fake.url.as_str()),
    ];
    let output = output_of(verbatim_run(&env)).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(errors, ["error: Discord rejected the token in DISCORD_TOKEN; check it in the Developer Portal (Bot > Reset Token)"], "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}

#[tokio::test]
async fn run_connects_registers_answers_and_logs_one_line_per_answer() {
    let fake = FakeDiscord::start().await;
    let guild = GUILD_ID.to_string();
    // No RUST_LOG: the default filter is the one under test.
    let env = [
        ("DISCORD_TOKEN", TOKEN),
        ("DISCORD_GUILD_ID", guild.as_str()),
        ("VERBATIM_DISCORD_PROXY", fake.url.as_str()),
    ];
    let mut child = verbatim_run(&env).spawn().expect("start verbatim run");
    let stderr = child.stderr.take().expect("piped standard error");
    let (log_lines, mut logged) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stderr)).map_while(Result::ok) {
            let _ = log_lines.send(line);
        }
    });

    let path = format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    fake.wait_for("command registration", |r| {
        r.method == "PUT" && r.path == path
    })
    .await;
    let id = fake.new_id();
    let question = "王小川怎麼看價格戰?";
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(
            id,
            ALICE,
            &format!("<@{BOT_USER_ID}> {question}"),
            &[VERBATIM],
        ),
    )
    .await;
    fake.reply_to(id).await;
    let mut logs = Vec::new();
    let answered = tokio::time::timeout(support::PATIENCE, async {
        while let Some(line) = logged.recv().await {
            logs.push(line);
            if logs.last().is_some_and(|line| line.contains("answered")) {
                return;
            }
        }
    })
    .await;
    // Stop the bot: a process this test started, by its handle.
    child.kill().expect("stop verbatim run");
    let _ = child.wait();
    let logs = logs.join("\n");
    assert!(
        answered.is_ok(),
        "no line for the answered question:\n{logs}"
    );
    let answered: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains("answered"))
        .collect();
    assert_eq!(answered.len(), 1, "one line per answered question:\n{logs}");
    for field in ["command=\"mention\"", "results=", "latency_ms="] {
        assert!(answered[0].contains(field), "{field} in {}", answered[0]);
    }
    assert!(
        logs.contains("connected to Discord") && logs.contains("registered commands"),
        "connection events:\n{logs}"
    );
    let ready = logs
        .lines()
        .find(|line| line.contains("ready to answer"))
        .unwrap_or_else(|| panic!("a start-up line with the ready time:\n{logs}"));
    assert!(
        ready.contains("ready_ms=") && ready.contains("passages=28"),
        "{ready}"
    );
    assert!(
        !logs.contains(question) && !logs.contains("價格戰"),
        "no message content at info level:\n{logs}"
    );
    assert!(!logs.contains(TOKEN), "no token in the logs");
}
