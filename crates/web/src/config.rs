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
    /// Mail to a gemeente about a new art. 14 notice; none without it.
    pub mail: Option<MailConfig>,
    /// The Chromium binary that prints the handreiking's PDF.
    pub chromium: String,
}

/// Where mail goes out: a relay that speaks plain SMTP (on this machine or
/// inside the organisation's network; it does TLS onward), and the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// `HOST:PORT`, e.g. `localhost:25`.
    pub relay: String,
    pub from: String,
}

impl MailConfig {
    /// The name vangnet gives in EHLO: the sender's domain.
    pub fn helo(&self) -> &str {
        match self.from.rsplit_once('@') {
            Some((_, domain)) if !domain.is_empty() => domain,
            _ => "localhost",
        }
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: None,
            session_idle: Duration::minutes(30),
            session_max: Duration::hours(10),
            throttle: ThrottlePolicy::default(),
            mail: None,
            chromium: "chromium".into(),
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
