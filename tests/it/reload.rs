//! Hot reload through the fake Discord: `/reload` swaps in knowledge changed on disk,
//! refuses a broken pack with its problems (to the admin and in the log) and keeps answering
//! from the previous one, is for server managers only whatever Discord's default permission
//! says, and never leaves a question without an answer or with half of one.

use crate::support;

use std::path::Path;
use std::sync::Arc;

use crate::support::packs::{copy_pack, knowledge_folder, replace_in_pack};
use crate::support::payloads::{self, Someone, ALICE, BOB, MODERATOR};
use crate::support::{callback, flags, FakeDiscord, APPLICATION_ID};
use serde_json::{json, Value};
use verbatim::discord::{Plugin, Reloaded, Settings};
use verbatim::knowledge::load_dir;
use verbatim::search::Engine;

const BROKEN_PACK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/broken/many-problems"
);

/// 張鵬's line in the small pack, and what a moderator changes it to.
const BEFORE: &str = "「價格戰不可持續」。張鵬說。";
const AFTER: &str = "「價格戰終將過去」。張鵬說。";

/// Changes 張鵬's line in both the pack and its source, as a moderator editing them would.
fn change_the_pack(dir: &Path) {
    replace_in_pack(dir, BEFORE, AFTER);
}

/// A bot answering from the packs in `dir`, and a handle on its plugin.
async fn bot_reading(dir: &Path) -> (FakeDiscord, Plugin) {
    let (knowledge, problems) = load_dir(dir);
    assert!(problems.is_empty(), "{problems:?}");
    let engine = Engine::new(knowledge).expect("the small pack indexes");
    let settings = Settings {
        knowledge_dir: Some(dir.to_owned()),
        ..support::settings()
    };
    let plugin = Plugin::new(Arc::new(engine), settings);
    (support::start_plugin(plugin.clone()).await, plugin)
}

/// What 張鵬 said on the price war, as the bot answers it now.
async fn zhang_peng_on_the_price_war(fake: &FakeDiscord) -> String {
    let options = json!([payloads::string_option("question", "張鵬怎麼看價格戰?")]);
    let (_, response) = fake.command(BOB, "zh-TW", "ask", options).await;
    let card = &response["data"]["embeds"][0];
    assert!(
        card["author"]["name"].as_str().unwrap().starts_with("張鵬"),
        "{response}"
    );
    card["description"].as_str().unwrap().to_owned()
}

/// `/reload` used by `who`; returns the interaction id and the first response.
async fn reload(fake: &FakeDiscord, who: Someone, locale: &str) -> (u64, Value) {
    let id = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::slash(id, who, locale, "reload", json!([])),
    )
    .await;
    (id, fake.callback(id).await)
}

/// The edit that says how a deferred reload went.
async fn reload_result(fake: &FakeDiscord, id: u64) -> Value {
    let path =
        format!("/api/v10/webhooks/{APPLICATION_ID}/interaction-token-{id}/messages/@original");
    fake.wait_for("the reload's result", |r| r.done && r.path == path)
        .await
        .body
}

#[tokio::test]
async fn reload_with_a_changed_pack_on_disk_changes_the_answers() {
    let dir = knowledge_folder("reload", "changed");
    let (fake, _plugin) = bot_reading(&dir).await;
    assert!(zhang_peng_on_the_price_war(&fake)
        .await
        .contains("不可持續"));

    change_the_pack(&dir);
    let (id, response) = reload(&fake, MODERATOR, "en-US").await;
    assert_eq!(
        (&response["type"], &response["data"]["flags"]),
        (&json!(callback::DEFERRED_MESSAGE), &json!(flags::EPHEMERAL)),
        "acknowledged at once, privately: {response}"
    );
    assert_eq!(
        reload_result(&fake, id).await["content"],
        json!("Reloaded: 2 passages.")
    );
    let answer = zhang_peng_on_the_price_war(&fake).await;
    assert!(
        answer.contains("終將過去") && !answer.contains("不可持續"),
        "{answer}"
    );
}

#[tokio::test]
async fn reload_with_a_broken_pack_reports_its_problems_and_keeps_the_previous_answers() {
    let (_guard, logs) = support::capture_logs();
    let dir = knowledge_folder("reload", "broken");
    let (fake, plugin) = bot_reading(&dir).await;
    let before = plugin.engine();

    copy_pack(Path::new(BROKEN_PACK), &dir);
    let (id, _) = reload(&fake, MODERATOR, "en-US").await;
    let result = reload_result(&fake, id).await;
    let expected = std::fs::read_to_string(Path::new(BROKEN_PACK).join("expected.txt")).unwrap();
    assert_eq!(
        result["content"].as_str().unwrap(),
        format!(
            "The knowledge has problems; still serving the previous version:\n```\n{}\n```",
            expected.trim_end()
        ),
        "each problem as path:line: message"
    );
    assert_eq!(result["allowed_mentions"]["parse"], json!([]));

    assert!(
        Arc::ptr_eq(&plugin.engine(), &before),
        "the previous engine still answers"
    );
    assert!(zhang_peng_on_the_price_war(&fake)
        .await
        .contains("不可持續"));
    let logged = logs.lines_with("knowledge problem");
    for problem in expected.lines() {
        assert!(
            logged.iter().any(|line| line.contains(problem)),
            "{problem} in the log:\n{}",
            logs.text()
        );
    }
    assert_eq!(logs.lines_with("reload refused").len(), 1);
}

#[tokio::test]
async fn reload_is_refused_to_members_who_may_not_manage_the_server() {
    // The fake, like a server that let everyone use /reload, sends the command from anyone;
    // the member's own permissions decide.
    let dir = knowledge_folder("reload", "refused");
    let (fake, plugin) = bot_reading(&dir).await;
    let before = plugin.engine();
    change_the_pack(&dir);

    let (_, response) = reload(&fake, ALICE, "zh-TW").await;
    assert_eq!(response["type"], callback::MESSAGE);
    assert_eq!(response["data"]["flags"], flags::EPHEMERAL, "privately");
    assert_eq!(
        response["data"]["content"],
        json!("只有伺服器管理員可以這樣做。")
    );

    let id = fake.new_id();
    let in_dm = payloads::in_dm(payloads::slash(id, MODERATOR, "en-US", "reload", json!([])));
    fake.dispatch("INTERACTION_CREATE", in_dm).await;
    assert_eq!(
        fake.callback(id).await["data"]["content"],
        json!("Only the bot's operator can do that, in the operator's server."),
        "outside the operator's server, nobody may"
    );

    assert!(Arc::ptr_eq(&plugin.engine(), &before), "nothing reloaded");
    assert!(zhang_peng_on_the_price_war(&fake)
        .await
        .contains("不可持續"));
}

#[tokio::test]
async fn reload_of_the_embedded_pack_says_it_cannot_change() {
    let fake = support::start_bot(support::settings()).await;
    let (id, _) = reload(&fake, MODERATOR, "zh-CN").await;
    let content = reload_result(&fake, id).await["content"].clone();
    assert_eq!(
        content,
        json!("没有可重新载入的内容:机器人使用内置的知识包,内容无法更改。以 VERBATIM_KNOWLEDGE=DIR 启动即可从文件夹重新载入。")
    );
}

#[tokio::test]
async fn questions_asked_during_a_reload_get_the_old_or_the_new_answer_never_none() {
    let dir = knowledge_folder("reload", "in-flight");
    let (fake, plugin) = bot_reading(&dir).await;
    change_the_pack(&dir);
    let reloading = plugin.clone();
    let reloaded = tokio::spawn(async move { reloading.reload().await });
    // Batches of questions, all in flight together, until the reload is done, and one more.
    let (mut old, mut new, mut batches) = (0, 0, 0);
    loop {
        let done = reloaded.is_finished();
        let mut asked = Vec::new();
        for _ in 0..5 {
            let id = fake.new_id();
            let options = json!([payloads::string_option("question", "張鵬怎麼看價格戰?")]);
            fake.dispatch(
                "INTERACTION_CREATE",
                payloads::slash(id, BOB, "zh-TW", "ask", options),
            )
            .await;
            asked.push(id);
        }
        for id in asked {
            let response = fake.callback(id).await;
            let quote = response["data"]["embeds"][0]["description"]
                .as_str()
                .unwrap_or_default();
            match (quote.contains("不可持續"), quote.contains("終將過去")) {
                (true, false) => old += 1,
                (false, true) => new += 1,
                _ => panic!("neither the old nor the new answer: {response}"),
            }
        }
        batches += 1;
        assert!(batches < 10_000, "the reload never finished");
        if done {
            break;
        }
    }
    println!("around the reload: {old} old answers, {new} new");
    assert!(matches!(
        reloaded.await.expect("the reload ran"),
        Reloaded::Replaced { passages: 2 }
    ));
    assert!(
        new >= 5,
        "the last batch, after the reload, got the new answer"
    );
    assert!(zhang_peng_on_the_price_war(&fake)
        .await
        .contains("終將過去"));
}
