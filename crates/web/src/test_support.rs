//! What the web crate's unit tests share: running xmllint on a document.

use std::io::Write;
use std::process::{Command, Stdio};

/// xmllint's verdict on `xml` with `args` (e.g. `["--relaxng", SCHEMA]`),
/// or `None` without xmllint, so the test skips, unless the whole suite
/// must run (`VANGNET_TEST_REQUIRE_ALL`).
pub fn xmllint(args: &[&str], xml: &str) -> Option<Result<(), String>> {
    let child = Command::new("xmllint")
        .arg("--noout")
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(_) if std::env::var_os("VANGNET_TEST_REQUIRE_ALL").is_none() => return None,
        Err(e) => panic!("xmllint is needed: {e}"),
    };
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(xml.as_bytes())
        .expect("xmllint reads its input");
    let out = child.wait_with_output().expect("xmllint finishes");
    Some(match out.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
    })
}
