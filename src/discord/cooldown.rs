//! The per-user cooldown: how soon a user may ask again.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Remembers when each user last asked, for at most [`MAX_USERS`] users. A refused question
/// does not restart the wait.
pub(crate) struct Cooldown {
    period: Duration,
    last_asked: Mutex<HashMap<u64, Instant>>,
}

/// Users remembered at most. At this many, users whose wait is over are forgotten; if half of
/// the cap still remain (a crowd asking within one period), the half that asked earliest is
/// forgotten too, so they may ask again early: memory stays bounded whatever the crowd.
pub(crate) const MAX_USERS: usize = 10_000;

impl Cooldown {
    pub(crate) fn new(period: Duration) -> Cooldown {
        Cooldown {
            period,
            last_asked: Mutex::new(HashMap::new()),
        }
    }

    /// Lets `user` ask at `now` and remembers it, or says how long they still have to wait.
    pub(crate) fn try_ask(&self, user: u64, now: Instant) -> Result<(), Duration> {
        if self.period.is_zero() {
            return Ok(());
        }
        let mut last_asked = self.lock();
        if let Some(at) = last_asked.get(&user) {
            let waited = now.saturating_duration_since(*at);
            if waited < self.period {
                return Err(self.period - waited);
            }
        }
        if last_asked.len() >= MAX_USERS {
            let period = self.period;
            last_asked.retain(|_, at| now.saturating_duration_since(*at) < period);
            if last_asked.len() >= MAX_USERS / 2 {
                forget_the_earliest_half(&mut last_asked);
            }
        }
        last_asked.insert(user, now);
        Ok(())
    }

    /// How many users are remembered.
    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Instant>> {
        // A poisoned lock only means another question panicked mid-update; the map is still
        // a valid map, so keep using it rather than refusing every question from now on.
        super::lock(&self.last_asked)
    }
}

fn forget_the_earliest_half(last_asked: &mut HashMap<u64, Instant>) {
    let mut times: Vec<Instant> = last_asked.values().copied().collect();
    let middle = times.len() / 2;
    let (_, median, _) = times.select_nth_unstable(middle);
    let median = *median;
    last_asked.retain(|_, at| *at > median);
}

/// Whole seconds to wait, rounded up, and never zero: "in 0 s" would read as a bug.
pub(crate) fn whole_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_waits_out_the_period_and_others_do_not() {
        let cooldown = Cooldown::new(Duration::from_secs(3));
        let start = Instant::now();
        assert_eq!(cooldown.try_ask(1, start), Ok(()));
        assert_eq!(
            cooldown.try_ask(1, start + Duration::from_secs(1)),
            Err(Duration::from_secs(2))
        );
        assert_eq!(cooldown.try_ask(2, start + Duration::from_secs(1)), Ok(()));
        // The refused attempt did not restart the wait.
        assert_eq!(cooldown.try_ask(1, start + Duration::from_secs(3)), Ok(()));
    }

    #[test]
    fn a_crowd_asking_at_once_is_remembered_up_to_the_cap() {
        let cooldown = Cooldown::new(Duration::from_secs(3));
        let start = Instant::now();
        for user in 0..(3 * MAX_USERS as u64) {
            let now = start + Duration::from_micros(user);
            assert_eq!(cooldown.try_ask(user, now), Ok(()), "user {user}");
            assert!(
                cooldown.len() <= MAX_USERS,
                "{} users remembered",
                cooldown.len()
            );
        }
        // The latest ones are still cooling down.
        let last = 3 * MAX_USERS as u64 - 1;
        assert!(cooldown
            .try_ask(last, start + Duration::from_secs(1))
            .is_err());
    }

    #[test]
    fn zero_means_no_cooldown() {
        let cooldown = Cooldown::new(Duration::ZERO);
        let now = Instant::now();
        assert_eq!(
            (cooldown.try_ask(1, now), cooldown.try_ask(1, now)),
            (Ok(()), Ok(()))
        );
    }

    #[test]
    fn waits_round_up_to_whole_seconds() {
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(2000)), 2);
        assert_eq!(whole_seconds(Duration::from_millis(2001)), 3);
    }
}
