//! Login throttling: after too many failures in a window, an account (or a
//! client address) must wait, whatever password it tries next.

/// Defaults follow common practice (OWASP): a handful of tries per account,
/// more per address because offices share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub window_minutes: i64,
    pub max_failures_per_account: i64,
    pub max_failures_per_address: i64,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        ThrottlePolicy {
            window_minutes: 15,
            max_failures_per_account: 5,
            max_failures_per_address: 30,
        }
    }
}

impl ThrottlePolicy {
    /// Whether the next attempt must be refused, given the failures counted
    /// within the window.
    pub fn blocks(&self, account_failures: i64, address_failures: i64) -> bool {
        account_failures >= self.max_failures_per_account
            || address_failures >= self.max_failures_per_address
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_table() {
        let policy = ThrottlePolicy::default();
        let cases = [
            (0, 0, false),
            (4, 29, false),
            (5, 0, true),
            (0, 30, true),
            (9, 40, true),
        ];
        for (account, address, blocked) in cases {
            assert_eq!(
                policy.blocks(account, address),
                blocked,
                "{account}/{address}"
            );
        }
    }
}
