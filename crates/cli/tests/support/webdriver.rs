//! A minimal W3C WebDriver client for the browser tests: it starts
//! `chromedriver` on a free port, opens one headless Chromium session and
//! drives it over plain HTTP (blocking `ureq` + `serde_json`, nothing else).
//!
//! Only what the tests need is here. Every failed WebDriver command panics
//! with the command and the driver's error body, so a failing test says why.
//!
//! Where the programs live:
//! - `VANGNET_TEST_CHROMEDRIVER` (default `/usr/bin/chromedriver`)
//! - `VANGNET_TEST_CHROMIUM` (default `/usr/bin/chromium`)
//!
//! When they are missing the tests skip, unless `VANGNET_TEST_REQUIRE_ALL`
//! is set (as `./scripts/test` does), in which case they fail.

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The key under which WebDriver returns element references (W3C spec).
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Special keys for [`Browser::press_keys`] and [`Browser::send_keys`].
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const SHIFT: &str = "\u{E008}";
    pub const SPACE: &str = "\u{E00D}";
}

/// How long to wait for things in the browser by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// A reference to an element in the current page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementId(pub String);

impl ElementId {
    /// As a script argument: `execute("…arguments[0]…", vec![el.to_json()])`.
    pub fn to_json(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

/// An error answer from the driver: the W3C `error` code and `message`.
#[derive(Debug)]
pub struct WebDriverError {
    pub status: u16,
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {} {}: {}", self.status, self.error, self.message)
    }
}

/// True when `VANGNET_TEST_REQUIRE_ALL` asks that nothing be skipped.
pub fn require_all() -> bool {
    std::env::var("VANGNET_TEST_REQUIRE_ALL").is_ok_and(|v| !v.is_empty() && v != "0")
}

fn chromedriver_path() -> PathBuf {
    std::env::var_os("VANGNET_TEST_CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"))
}

fn chromium_path() -> PathBuf {
    std::env::var_os("VANGNET_TEST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free TCP port")
        .port()
}

/// One chromedriver process with one headless Chromium session. Dropping it
/// ends the session (closing Chromium) and kills chromedriver.
pub struct Browser {
    agent: ureq::Agent,
    /// `http://127.0.0.1:PORT/session/ID`
    session: String,
    driver: Child,
    dir: tempfile::TempDir,
}

impl Browser {
    /// Starts a browser, or returns `None` (after saying so) when Chromium
    /// or chromedriver is not installed and skipping is allowed.
    pub fn start_or_skip() -> Option<Browser> {
        let driver = chromedriver_path();
        let chromium = chromium_path();
        if driver.is_file() && chromium.is_file() {
            return Some(Browser::start());
        }
        if require_all() {
            panic!(
                "VANGNET_TEST_REQUIRE_ALL is set but the browser is missing \
                 (chromedriver: {}, chromium: {}); install chromium and \
                 chromium-driver or run ./scripts/test",
                describe(&driver),
                describe(&chromium)
            );
        }
        eprintln!("SKIPPED: chromium/chromedriver not installed; run ./scripts/test");
        None
    }

    /// Starts chromedriver and a headless Chromium session; panics on failure.
    pub fn start() -> Browser {
        let dir = tempfile::tempdir().expect("temporary directory for the browser");
        let port = free_port();
        let log_path = dir.path().join("chromedriver.log");
        let log = File::create(&log_path).expect("chromedriver log file");
        let driver = Command::new(chromedriver_path())
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file handle"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver_path().display()));
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(5))
            .timeout(Duration::from_secs(120))
            .build();
        let mut browser = Browser {
            agent,
            session: String::new(),
            driver,
            dir,
        };
        let base = format!("http://127.0.0.1:{port}");
        browser.wait_until_driver_ready(&base, &log_path);

        let profile = browser.dir.path().join("profile");
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "pageLoadStrategy": "normal",
                    "goog:chromeOptions": {
                        "binary": chromium_path(),
                        "args": [
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            // Containers often have a tiny /dev/shm.
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--no-first-run",
                            "--disable-sync",
                            "--disable-quic",
                            format!("--user-data-dir={}", profile.display()),
                            "--window-size=1280,900",
                        ],
                    },
                },
            },
        });
        let created = browser
            .request("POST", &format!("{base}/session"), Some(capabilities))
            .unwrap_or_else(|e| {
                panic!(
                    "cannot create a WebDriver session: {e}\nchromedriver log:\n{}",
                    std::fs::read_to_string(&log_path).unwrap_or_default()
                )
            });
        let id = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no sessionId in {created}"));
        browser.session = format!("{base}/session/{id}");
        browser.cmd(
            "POST",
            "/timeouts",
            json!({ "implicit": 0, "pageLoad": 60_000, "script": 60_000 }),
        );
        browser
    }

    fn wait_until_driver_ready(&mut self, base: &str, log_path: &Path) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = self.driver.try_wait() {
                panic!(
                    "chromedriver exited early ({status}); its log:\n{}",
                    std::fs::read_to_string(log_path).unwrap_or_default()
                );
            }
            let ready = self
                .agent
                .get(&format!("{base}/status"))
                .timeout(Duration::from_secs(2))
                .call()
                .ok()
                .and_then(|r| r.into_json::<Value>().ok())
                .is_some_and(|v| v["value"]["ready"] == Value::Bool(true));
            if ready {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "chromedriver not ready after 30 s; its log:\n{}",
                    std::fs::read_to_string(log_path).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// One HTTP request to the driver; returns the `value` of the answer.
    fn request(
        &self,
        method: &str,
        url: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        let request = self.agent.request(method, url);
        let result = match body {
            Some(body) => request.send_json(body),
            None => request.call(),
        };
        match result {
            Ok(response) => {
                let mut answer: Value = response.into_json().map_err(|e| WebDriverError {
                    status: 200,
                    error: "unreadable answer".into(),
                    message: e.to_string(),
                })?;
                Ok(answer["value"].take())
            }
            Err(ureq::Error::Status(status, response)) => {
                let body = response.into_string().unwrap_or_default();
                let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                let value = &parsed["value"];
                match (value["error"].as_str(), value["message"].as_str()) {
                    (Some(error), Some(message)) => Err(WebDriverError {
                        status,
                        error: error.to_string(),
                        message: message.to_string(),
                    }),
                    _ => Err(WebDriverError {
                        status,
                        error: "unexpected answer".into(),
                        message: body,
                    }),
                }
            }
            Err(ureq::Error::Transport(t)) => Err(WebDriverError {
                status: 0,
                error: "transport error".into(),
                message: t.to_string(),
            }),
        }
    }

    /// A session command that may fail (e.g. "no such element").
    fn try_cmd(&self, method: &str, path: &str, body: Value) -> Result<Value, WebDriverError> {
        let url = format!("{}{}", self.session, path);
        let body = if method == "POST" { Some(body) } else { None };
        self.request(method, &url, body)
    }

    /// A session command that must succeed.
    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path} failed: {e}"))
    }

    fn get(&self, path: &str) -> Value {
        self.cmd("GET", path, Value::Null)
    }

    // --- Navigation -------------------------------------------------------

    /// Navigates and waits until the page has loaded.
    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
    }

    pub fn current_url(&self) -> String {
        self.get("/url").as_str().unwrap_or_default().to_string()
    }

    /// The path (and query) of the current URL, e.g. `/start`.
    pub fn current_path(&self) -> String {
        let url = self.current_url();
        match url.split_once("://") {
            Some((_, rest)) => match rest.find('/') {
                Some(i) => rest[i..].split('#').next().unwrap_or("/").to_string(),
                None => "/".to_string(),
            },
            None => url,
        }
    }

    pub fn title(&self) -> String {
        self.get("/title").as_str().unwrap_or_default().to_string()
    }

    pub fn page_source(&self) -> String {
        self.get("/source").as_str().unwrap_or_default().to_string()
    }

    pub fn delete_all_cookies(&self) {
        self.cmd("DELETE", "/cookie", Value::Null);
    }

    pub fn set_window_size(&self, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            json!({ "width": width, "height": height }),
        );
    }

    /// Saves a PNG of the viewport; handy when a test fails.
    pub fn screenshot_png(&self, path: impl AsRef<Path>) {
        let encoded = self.get("/screenshot");
        let bytes = base64_decode(encoded.as_str().unwrap_or_default());
        std::fs::write(path.as_ref(), bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.as_ref().display()));
    }

    // --- Elements ---------------------------------------------------------

    /// The first element matching `css`; panics (with the URL) if none.
    pub fn find(&self, css: &str) -> ElementId {
        self.try_find(css).unwrap_or_else(|| {
            panic!(
                "no element matches {css:?} on {}\npage source:\n{}",
                self.current_url(),
                self.page_source()
            )
        })
    }

    /// The first element matching `css`, if any.
    pub fn try_find(&self, css: &str) -> Option<ElementId> {
        let body = json!({ "using": "css selector", "value": css });
        match self.try_cmd("POST", "/element", body) {
            Ok(value) => Some(element_id(&value)),
            Err(e) if e.error == "no such element" => None,
            Err(e) => panic!("WebDriver find {css:?} failed: {e}"),
        }
    }

    pub fn find_all(&self, css: &str) -> Vec<ElementId> {
        let body = json!({ "using": "css selector", "value": css });
        match self.cmd("POST", "/elements", body) {
            Value::Array(items) => items.iter().map(element_id).collect(),
            other => panic!("unexpected answer to find_all {css:?}: {other}"),
        }
    }

    /// The `textContent` of the first element matching `css`, or `None`.
    /// Done in one script, so it cannot hit a stale element mid-navigation.
    pub fn text_content(&self, css: &str) -> Option<String> {
        let script = "const el = document.querySelector(arguments[0]); \
                      return el ? el.textContent : null;";
        self.execute(script, vec![json!(css)])
            .as_str()
            .map(str::to_string)
    }

    /// The `id` of the focused element (empty if it has none).
    pub fn active_element_id(&self) -> String {
        let script = "return document.activeElement ? document.activeElement.id : '';";
        self.execute(script, vec![])
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The element that has keyboard focus (`document.activeElement`).
    pub fn active_element(&self) -> ElementId {
        element_id(&self.get("/element/active"))
    }

    /// The rendered (visible) text of an element.
    pub fn text(&self, el: &ElementId) -> String {
        let value = self.get(&format!("/element/{}/text", el.0));
        value.as_str().unwrap_or_default().to_string()
    }

    /// An attribute as written in the HTML, `None` if absent.
    pub fn attr(&self, el: &ElementId, name: &str) -> Option<String> {
        let value = self.get(&format!("/element/{}/attribute/{name}", el.0));
        value.as_str().map(str::to_string)
    }

    /// A DOM property (e.g. `value` of an input), `None` if null.
    pub fn property(&self, el: &ElementId, name: &str) -> Option<String> {
        match self.get(&format!("/element/{}/property/{name}", el.0)) {
            Value::Null => None,
            Value::String(s) => Some(s),
            other => Some(other.to_string()),
        }
    }

    pub fn click(&self, el: &ElementId) {
        self.cmd("POST", &format!("/element/{}/click", el.0), json!({}));
    }

    /// Focuses the element and types `text` (may contain [`keys`]).
    pub fn send_keys(&self, el: &ElementId, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{}/value", el.0),
            json!({ "text": text }),
        );
    }

    /// Types `text` (may contain [`keys`]) into whatever has focus, like a
    /// person at a keyboard: plain key presses, nothing is focused first.
    pub fn press_keys(&self, text: &str) {
        let mut actions = Vec::new();
        for ch in text.chars() {
            actions.push(json!({ "type": "keyDown", "value": ch.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": ch.to_string() }));
        }
        let body = json!({
            "actions": [{ "type": "key", "id": "keyboard", "actions": actions }]
        });
        self.cmd("POST", "/actions", body);
        self.cmd("DELETE", "/actions", Value::Null);
    }

    /// The element found by `css`, clicked.
    pub fn click_css(&self, css: &str) {
        let el = self.find(css);
        self.click(&el);
    }

    // --- Scripts ----------------------------------------------------------

    /// Runs `script` as a function body (use `arguments[i]`, `return …`).
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.try_cmd(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
        .unwrap_or_else(|e| panic!("script failed: {e}\nscript: {}", abbreviate(script)))
    }

    /// Runs an asynchronous script: it ends by calling the callback that is
    /// passed as the last argument (`arguments[arguments.length - 1]`).
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.try_cmd(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": args }),
        )
        .unwrap_or_else(|e| panic!("async script failed: {e}\nscript: {}", abbreviate(script)))
    }

    // --- Waiting ----------------------------------------------------------

    /// Polls `check` until it returns `Some`, for at most `timeout`.
    pub fn wait_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&Browser) -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = check(self) {
                return found;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {what}; now on {}\npage source:\n{}",
                    self.current_url(),
                    self.page_source()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the current path (e.g. `/start`) equals `path`.
    pub fn wait_for_path(&self, path: &str) {
        self.wait_for(
            &format!("the browser to be on {path}"),
            DEFAULT_TIMEOUT,
            |b| (b.current_path() == path).then_some(()),
        );
    }

    /// Waits until an element matches `css` and returns it.
    pub fn wait_for_element(&self, css: &str) -> ElementId {
        self.wait_for(
            &format!("an element matching {css:?}"),
            DEFAULT_TIMEOUT,
            |b| b.try_find(css),
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ending the session lets chromedriver close Chromium cleanly;
        // killing chromedriver alone could leave Chromium running.
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(&self.session)
                .timeout(Duration::from_secs(10))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn element_id(value: &Value) -> ElementId {
    match value[ELEMENT_KEY].as_str() {
        Some(id) => ElementId(id.to_string()),
        None => panic!("not an element reference: {value}"),
    }
}

fn describe(path: &Path) -> String {
    if path.is_file() {
        format!("{} (found)", path.display())
    } else {
        format!("{} (missing)", path.display())
    }
}

fn abbreviate(script: &str) -> String {
    if script.len() <= 300 {
        script.to_string()
    } else {
        let cut = (0..=300)
            .rev()
            .find(|&i| script.is_char_boundary(i))
            .unwrap_or(0);
        format!("{}… ({} bytes)", &script[..cut], script.len())
    }
}

/// Standard base64 (screenshots); ignores whitespace and padding.
fn base64_decode(input: &str) -> Vec<u8> {
    fn sextet(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some((c - b'A') as u32),
            b'a'..=b'z' => Some((c - b'a' + 26) as u32),
            b'0'..=b'9' => Some((c - b'0' + 52) as u32),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for value in input.bytes().filter_map(sextet) {
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}
