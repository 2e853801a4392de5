//! A small HTTP client for tests against the real server: no redirects
//! followed (so tests can see them), cookies kept per client like a browser.

use std::collections::BTreeMap;
use std::io::Read;

pub struct Client {
    base: String,
    agent: ureq::Agent,
    pub cookies: BTreeMap<String, String>,
    pub extra_headers: Vec<(String, String)>,
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The value of the first hidden `csrf_token` field on the page.
    pub fn csrf_field(&self) -> String {
        let marker = "name=\"csrf_token\" value=\"";
        let start = self.body.find(marker).expect("a form with a CSRF token") + marker.len();
        let end = self.body[start..].find('"').unwrap() + start;
        self.body[start..end].to_string()
    }
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_string(),
            agent: ureq::AgentBuilder::new().redirects(0).build(),
            cookies: BTreeMap::new(),
            extra_headers: Vec::new(),
        }
    }

    fn request(&self, method: &str, path: &str) -> ureq::Request {
        let mut request = self
            .agent
            .request(method, &format!("{}{}", self.base, path));
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            request = request.set("Cookie", &jar.join("; "));
        }
        for (k, v) in &self.extra_headers {
            request = request.set(k, v);
        }
        request
    }

    fn finish(&mut self, result: Result<ureq::Response, ureq::Error>) -> Reply {
        let response = match result {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(other) => panic!("request failed: {other}"),
        };
        let status = response.status();
        let mut headers = Vec::new();
        for name in response.headers_names() {
            for value in response.all(&name) {
                headers.push((name.clone(), value.to_string()));
            }
        }
        for (_, value) in headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        {
            let pair = value.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                if v.is_empty() || value.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_string(), v.to_string());
                }
            }
        }
        let mut body = String::new();
        response.into_reader().read_to_string(&mut body).unwrap();
        Reply {
            status,
            headers,
            body,
        }
    }

    /// A GET whose body is kept as bytes (a download): status, headers,
    /// body.
    pub fn get_bytes(&mut self, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let result = self.request("GET", path).call();
        Self::bytes(result)
    }

    /// A form post whose answer is kept as bytes (a download).
    pub fn post_form_bytes(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let result = self.request("POST", path).send_form(fields);
        Self::bytes(result)
    }

    fn bytes(result: Result<ureq::Response, ureq::Error>) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let response = match result {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(other) => panic!("request failed: {other}"),
        };
        let status = response.status();
        let headers = response
            .headers_names()
            .into_iter()
            .filter_map(|name| Some((name.clone(), response.header(&name)?.to_string())))
            .collect();
        let mut body = Vec::new();
        response.into_reader().read_to_end(&mut body).unwrap();
        (status, headers, body)
    }

    pub fn get(&mut self, path: &str) -> Reply {
        let result = self.request("GET", path).call();
        self.finish(result)
    }

    pub fn get_with_token(&mut self, path: &str, token: &str) -> Reply {
        let result = self
            .request("GET", path)
            .set("Authorization", &format!("Bearer {token}"))
            .call();
        self.finish(result)
    }

    pub fn post_json_with_token(
        &mut self,
        path: &str,
        token: &str,
        body: serde_json::Value,
    ) -> Reply {
        let result = self
            .request("POST", path)
            .set("Authorization", &format!("Bearer {token}"))
            .send_json(body);
        self.finish(result)
    }

    pub fn put_json_with_token(
        &mut self,
        path: &str,
        token: &str,
        body: serde_json::Value,
    ) -> Reply {
        let result = self
            .request("PUT", path)
            .set("Authorization", &format!("Bearer {token}"))
            .send_json(body);
        self.finish(result)
    }

    /// Any method with a body sent as is (malformed JSON, say), with a
    /// token or anonymously.
    pub fn send_raw(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: &str,
    ) -> Reply {
        let mut request = self.request(method, path).set("Content-Type", content_type);
        if let Some(token) = token {
            request = request.set("Authorization", &format!("Bearer {token}"));
        }
        let result = request.send_string(body);
        self.finish(result)
    }

    pub fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let result = self.request("POST", path).send_form(fields);
        self.finish(result)
    }

    /// Posts a `multipart/form-data` body built by hand: each field is
    /// (name, file name for a file field, content).
    pub fn post_multipart(&mut self, path: &str, fields: &[(&str, Option<&str>, &[u8])]) -> Reply {
        let boundary = "----vangnet-test-7d3f9a0c1b";
        let mut body = Vec::new();
        for (name, file_name, content) in fields {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let head = match file_name {
                Some(file) => format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\
                     Content-Type: text/csv\r\n\r\n"
                ),
                None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
            };
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let result = self
            .request("POST", path)
            .set(
                "Content-Type",
                &format!("multipart/form-data; boundary={boundary}"),
            )
            .send_bytes(&body);
        self.finish(result)
    }

    /// Fetches the login form, then posts the credentials with its token.
    pub fn login(&mut self, email: &str, password: &str) -> Reply {
        let form = self.get("/inloggen");
        let csrf = form.csrf_field();
        self.post_form(
            "/inloggen",
            &[
                ("csrf_token", &csrf),
                ("email", email),
                ("password", password),
            ],
        )
    }

    /// The CSRF token the server handed this client.
    pub fn csrf(&self) -> String {
        self.cookies
            .get("vangnet_csrf")
            .cloned()
            .expect("a CSRF cookie")
    }
}

/// Runs the real binary with arguments against a database; returns
/// (success, stdout, stderr).
pub fn vangnet(args: &[&str], db: &std::path::Path, stdin: Option<&str>) -> (bool, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(args)
        .arg("--database-url")
        .arg(format!("sqlite://{}", db.display()))
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vangnet");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let output = child.wait_with_output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
