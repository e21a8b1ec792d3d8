//! What keeps a public bot from answering twice or flooding a channel: the deliveries already
//! seen, per-channel and global caps on what it posts, and the channels that refused it. Each
//! remembers a bounded number of entries, whatever the traffic.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::lock;

/// Interaction and message ids remembered, so that one Discord delivers again (after a resume,
/// or a retry of its own) is recognised.
const DELIVERIES_REMEMBERED: usize = 10_000;

/// The events already handled, by id: each question is answered once, however many times
/// Discord delivers it.
pub(crate) struct Deliveries {
    seen: Mutex<(HashSet<u64>, VecDeque<u64>)>,
}

impl Deliveries {
    pub(crate) fn new() -> Deliveries {
        Deliveries {
            seen: Mutex::new((HashSet::new(), VecDeque::new())),
        }
    }

    /// True the first time `id` is delivered; false for a delivery seen before. The oldest ids
    /// are forgotten first.
    pub(crate) fn first(&self, id: u64) -> bool {
        let mut seen = lock(&self.seen);
        let (set, order) = &mut *seen;
        if !set.insert(id) {
            return false;
        }
        order.push_back(id);
        if order.len() > DELIVERIES_REMEMBERED {
            if let Some(oldest) = order.pop_front() {
                set.remove(&oldest);
            }
        }
        true
    }
}

/// How much the bot may post publicly: a burst of `burst` posts, then `per_second`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostingCap {
    pub burst: u32,
    pub per_second: f64,
}

impl PostingCap {
    /// In one channel: a burst of five, then one a second, as Discord lets a bot post five
    /// messages in five seconds to a channel.
    pub const CHANNEL: PostingCap = PostingCap {
        burst: 5,
        per_second: 1.0,
    };

    /// In all channels together: a burst of thirty, then twenty a second, under Discord's
    /// global limit of fifty requests a second.
    pub const ALL_CHANNELS: PostingCap = PostingCap {
        burst: 30,
        per_second: 20.0,
    };

    fn burst(self) -> f64 {
        f64::from(self.burst)
    }
}

/// Channels whose post budget is remembered at most; at this many, the full ones are
/// forgotten (a forgotten channel starts with a full budget, which it would have had anyway).
const CHANNELS_REMEMBERED: usize = 10_000;

/// How long a channel that refused the bot (403: no permission to post, no access) is skipped:
/// asking again at once would be refused again.
pub(crate) const REFUSING_CHANNEL_QUIET: Duration = Duration::from_secs(600);

/// Caps on what the bot posts publicly, per channel and in all, and the channels it may not
/// post in.
pub(crate) struct Posting {
    channel_cap: PostingCap,
    global_cap: PostingCap,
    channels: Mutex<HashMap<u64, Budget>>,
    global: Mutex<Budget>,
    refusing: Mutex<HashMap<u64, Instant>>,
}

/// A token bucket: posts it may still make, as of `at`.
#[derive(Debug, Clone, Copy)]
struct Budget {
    tokens: f64,
    at: Instant,
}

impl Budget {
    fn full(burst: f64, now: Instant) -> Budget {
        Budget {
            tokens: burst,
            at: now,
        }
    }

    /// The posts it may make at `now`, refilled for the time since `at`.
    fn refilled(&self, cap: PostingCap, now: Instant) -> f64 {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        (self.tokens + elapsed * cap.per_second).min(cap.burst())
    }

    /// Spends one post if there is one, after refilling for the time since the last.
    fn spend(&mut self, cap: PostingCap, now: Instant) -> bool {
        self.tokens = self.refilled(cap, now);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Why the bot will not post in a channel now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// The channel refused the bot a moment ago.
    Refusing,
    /// The channel's budget is spent.
    Channel,
    /// The bot's budget over all channels is spent.
    Everywhere,
}

impl Held {
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Held::Refusing => "the channel refused the bot a moment ago",
            Held::Channel => "the channel's posting cap is reached",
            Held::Everywhere => "the bot's posting cap is reached",
        }
    }
}

impl Posting {
    pub(crate) fn new(channel_cap: PostingCap, global_cap: PostingCap) -> Posting {
        Posting {
            channel_cap,
            global_cap,
            channels: Mutex::new(HashMap::new()),
            global: Mutex::new(Budget::full(global_cap.burst(), Instant::now())),
            refusing: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the bot may post in `channel` at `now`; when it may, the post is counted.
    pub(crate) fn may_post(&self, channel: u64, now: Instant) -> Result<(), Held> {
        if self.is_refusing(channel, now) {
            return Err(Held::Refusing);
        }
        let mut channels = lock(&self.channels);
        if channels.len() >= CHANNELS_REMEMBERED && !channels.contains_key(&channel) {
            // A channel whose budget has refilled is as good as forgotten.
            let cap = self.channel_cap;
            channels.retain(|_, budget| budget.refilled(cap, now) < cap.burst());
            // That many channels posted to within seconds: start afresh rather than grow.
            if channels.len() >= CHANNELS_REMEMBERED {
                channels.clear();
            }
        }
        let budget = channels
            .entry(channel)
            .or_insert_with(|| Budget::full(self.channel_cap.burst(), now));
        let mut spent = *budget;
        if !spent.spend(self.channel_cap, now) {
            *budget = spent;
            return Err(Held::Channel);
        }
        if !lock(&self.global).spend(self.global_cap, now) {
            return Err(Held::Everywhere);
        }
        *budget = spent;
        Ok(())
    }

    /// `channel` refused the bot at `now`: skip it for a while.
    pub(crate) fn refused(&self, channel: u64, now: Instant) {
        let mut refusing = lock(&self.refusing);
        if refusing.len() >= CHANNELS_REMEMBERED {
            refusing.retain(|_, until| *until > now);
            if refusing.len() >= CHANNELS_REMEMBERED {
                refusing.clear();
            }
        }
        refusing.insert(channel, now + REFUSING_CHANNEL_QUIET);
    }

    fn is_refusing(&self, channel: u64, now: Instant) -> bool {
        lock(&self.refusing)
            .get(&channel)
            .is_some_and(|until| *until > now)
    }

    /// How many channels are remembered, for the footprint.
    pub(crate) fn channels(&self) -> usize {
        lock(&self.channels).len() + lock(&self.refusing).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delivery_is_first_once_and_old_ones_are_forgotten() {
        let deliveries = Deliveries::new();
        assert!(deliveries.first(1));
        assert!(!deliveries.first(1), "delivered again");
        for id in 2..=(DELIVERIES_REMEMBERED as u64 + 1) {
            assert!(deliveries.first(id));
        }
        assert!(deliveries.first(1), "the oldest was forgotten");
        assert!(!deliveries.first(DELIVERIES_REMEMBERED as u64 + 1));
        assert!(lock(&deliveries.seen).0.len() <= DELIVERIES_REMEMBERED);
    }

    #[test]
    fn a_channel_takes_a_burst_then_one_post_a_second() {
        let posting = Posting::new(PostingCap::CHANNEL, PostingCap::ALL_CHANNELS);
        let start = Instant::now();
        for n in 0..5 {
            assert_eq!(posting.may_post(7, start), Ok(()), "post {n}");
        }
        assert_eq!(posting.may_post(7, start), Err(Held::Channel));
        assert_eq!(
            posting.may_post(8, start),
            Ok(()),
            "another channel has its own"
        );
        let later = start + Duration::from_millis(1100);
        assert_eq!(posting.may_post(7, later), Ok(()));
        assert_eq!(posting.may_post(7, later), Err(Held::Channel));
    }

    #[test]
    fn all_channels_together_are_capped() {
        let posting = Posting::new(PostingCap::CHANNEL, PostingCap::ALL_CHANNELS);
        let now = Instant::now();
        let allowed = (0..100u64)
            .filter(|channel| posting.may_post(*channel, now).is_ok())
            .count();
        assert_eq!(allowed, PostingCap::ALL_CHANNELS.burst as usize);
        assert_eq!(posting.may_post(1000, now), Err(Held::Everywhere));
    }

    #[test]
    fn a_refusing_channel_is_skipped_for_a_while() {
        let posting = Posting::new(PostingCap::CHANNEL, PostingCap::ALL_CHANNELS);
        let now = Instant::now();
        posting.refused(7, now);
        assert_eq!(posting.may_post(7, now), Err(Held::Refusing));
        let after = now + REFUSING_CHANNEL_QUIET + Duration::from_secs(1);
        assert_eq!(posting.may_post(7, after), Ok(()));
    }

    #[test]
    fn channels_remembered_are_capped() {
        let posting = Posting::new(PostingCap::CHANNEL, PostingCap::ALL_CHANNELS);
        let start = Instant::now();
        for channel in 0..(2 * CHANNELS_REMEMBERED as u64) {
            // A second apart, so that the global budget never runs out.
            let now = start + Duration::from_secs(channel);
            let _ = posting.may_post(channel, now);
            assert!(posting.channels() <= CHANNELS_REMEMBERED);
        }
    }
}
