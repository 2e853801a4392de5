use chrono::Duration;
use vangnet_domain::throttle::ThrottlePolicy;

/// Settings of the web layer, with production defaults.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Where users reach vangnet, e.g. `https://vangnet.gemeente.nl`. An
    /// https address makes every cookie `Secure`.
    pub public_url: Option<String>,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// …and after this long in any case.
    pub session_max: Duration,
    pub throttle: ThrottlePolicy,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: None,
            session_idle: Duration::minutes(30),
            session_max: Duration::hours(10),
            throttle: ThrottlePolicy::default(),
        }
    }
}

impl WebConfig {
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
