//! The per-user cooldown: how soon a user may ask again.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Remembers when each user last asked. A refused question does not restart the wait.
pub(crate) struct Cooldown {
    period: Duration,
    last_asked: Mutex<HashMap<u64, Instant>>,
}

/// Past this many remembered users, users whose wait is over are forgotten.
const PRUNE_ABOVE: usize = 10_000;

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
        // A poisoned lock only means another question panicked mid-update; the map is still
        // a valid map, so keep using it rather than refusing every question from now on.
        let mut last_asked = self
            .last_asked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(at) = last_asked.get(&user) {
            let waited = now.saturating_duration_since(*at);
            if waited < self.period {
                return Err(self.period - waited);
            }
        }
        if last_asked.len() > PRUNE_ABOVE {
            let period = self.period;
            last_asked.retain(|_, at| now.saturating_duration_since(*at) < period);
        }
        last_asked.insert(user, now);
        Ok(())
    }
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
