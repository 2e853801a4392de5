//! The printable handreiking as a PDF, printed by headless Chromium from
//! the same HTML the print page serves, so the PDF and the page cannot
//! drift apart and the print CSS is the one layout to maintain. Chromium
//! is optional on a server: without it the page still prints from any
//! browser, and the PDF download says why it is missing.

use std::path::Path;
use std::time::Duration;
use tokio::process::Command;

/// Chromium gets this long; a handreiking of a few hundred pages prints in
/// seconds, so anything longer is a hung browser.
const TIMEOUT: Duration = Duration::from_secs(90);

#[derive(Debug, PartialEq, Eq)]
pub enum PdfError {
    /// No Chromium at that path (the server was started without one).
    NoChromium(String),
    /// Chromium ran but made no PDF; its exit status, never the page text.
    Failed(String),
    TimedOut,
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NoChromium(path) => write!(
                f,
                "de PDF wordt gemaakt met Chromium, maar '{path}' is op deze server niet gevonden"
            ),
            PdfError::Failed(status) => write!(f, "Chromium maakte geen PDF ({status})"),
            PdfError::TimedOut => f.write_str("Chromium deed er te lang over"),
        }
    }
}

/// Prints `html` (a whole document, styles inline) to PDF bytes. It runs in
/// a fresh temporary profile and directory, removed afterwards, without
/// network access beyond what the document itself names (it names none).
pub async fn html_to_pdf(chromium: &str, html: &str) -> Result<Vec<u8>, PdfError> {
    let dir = tempfile::tempdir().map_err(|e| PdfError::Failed(e.to_string()))?;
    let page = dir.path().join("handreiking.html");
    let pdf = dir.path().join("handreiking.pdf");
    tokio::fs::write(&page, html)
        .await
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    let mut command = Command::new(chromium);
    command
        .args(flags(dir.path(), &pdf))
        .arg(format!("file://{}", page.display()))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    let child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PdfError::NoChromium(chromium.to_string()),
        _ => PdfError::Failed(e.to_string()),
    })?;
    let status = tokio::time::timeout(TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| PdfError::TimedOut)?
        .map_err(|e| PdfError::Failed(e.to_string()))?
        .status;
    match tokio::fs::read(&pdf).await {
        Ok(bytes) if bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => Err(PdfError::Failed(status.to_string())),
    }
}

fn flags(profile: &Path, pdf: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--no-first-run".into(),
        format!("--user-data-dir={}", profile.join("profile").display()),
        "--no-pdf-header-footer".into(),
        format!("--print-to-pdf={}", pdf.display()),
    ]
}

#[cfg(test)]
#[path = "pdf_tests.rs"]
mod tests;
