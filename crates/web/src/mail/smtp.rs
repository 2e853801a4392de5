//! A plain SMTP client for one job: hand a finished message to a relay.
//! It speaks no TLS and no AUTH on purpose: it talks to a relay on the same
//! machine or inside the organisation's network (postfix on localhost, the
//! internal mail relay), which does TLS onward. That keeps a TLS stack out
//! of the dependency tree.
//!
//! Errors name the dialogue step and the reply code only: a relay's reply
//! text may echo an address, and errors are stored and logged.

use std::fmt;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Every step (connecting, each command and its reply) gets this long.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(10);
/// A reply line longer than this is not SMTP.
const MAX_LINE: u64 = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmtpError {
    Connect(std::io::ErrorKind),
    Timeout(&'static str),
    Io(&'static str, std::io::ErrorKind),
    /// The relay answered `code` where another was expected.
    Refused(&'static str, u16),
    Malformed(&'static str),
}

impl fmt::Display for SmtpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmtpError::Connect(kind) => write!(f, "connect: {kind}"),
            SmtpError::Timeout(step) => write!(f, "{step}: no answer within {STEP_TIMEOUT:?}"),
            SmtpError::Io(step, kind) => write!(f, "{step}: {kind}"),
            SmtpError::Refused(step, code) => write!(f, "{step}: reply {code}"),
            SmtpError::Malformed(step) => write!(f, "{step}: not an SMTP reply"),
        }
    }
}

impl std::error::Error for SmtpError {}

impl SmtpError {
    /// What a worker reads on a Dutch page; the step and code stay for the
    /// beheerder (in English, in the audit log and the server's log).
    pub fn dutch(&self) -> String {
        match self {
            SmtpError::Connect(_) => "de mailserver is niet bereikbaar".into(),
            SmtpError::Timeout(_) => "de mailserver gaf geen antwoord".into(),
            SmtpError::Io(..) => "de verbinding met de mailserver viel weg".into(),
            SmtpError::Refused(_, code) => {
                format!("de mailserver weigerde het bericht (code {code})")
            }
            SmtpError::Malformed(_) => "de mailserver gaf een onbegrijpelijk antwoord".into(),
        }
    }
}

/// How a delivery went: some recipients may be refused while the rest get
/// the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    pub accepted: usize,
    pub refused: usize,
}

/// Sends `message` (headers and body, lines ending in `\n` or `\r\n`) from
/// `from` to each of `recipients`, announcing itself as `helo`. Fails when
/// every recipient is refused.
pub async fn send(
    relay: &str,
    helo: &str,
    from: &str,
    recipients: &[String],
    message: &str,
) -> Result<Delivered, SmtpError> {
    let stream = tokio::time::timeout(STEP_TIMEOUT, TcpStream::connect(relay))
        .await
        .map_err(|_| SmtpError::Timeout("connect"))?
        .map_err(|e| SmtpError::Connect(e.kind()))?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    expect(&mut read, "greeting", 220).await?;
    command(&mut read, &mut write, "EHLO", &format!("EHLO {helo}"), 250).await?;
    let mail_from = format!("MAIL FROM:<{from}>");
    command(&mut read, &mut write, "MAIL FROM", &mail_from, 250).await?;
    let mut delivered = Delivered {
        accepted: 0,
        refused: 0,
    };
    let mut refusal = SmtpError::Malformed("RCPT TO");
    for to in recipients {
        let line = format!("RCPT TO:<{to}>");
        match command(&mut read, &mut write, "RCPT TO", &line, 250).await {
            Ok(()) => delivered.accepted += 1,
            Err(refused @ SmtpError::Refused(..)) => {
                delivered.refused += 1;
                refusal = refused;
            }
            Err(other) => return Err(other),
        }
    }
    if delivered.accepted == 0 {
        // Ends the session politely; the refusal is what matters.
        let _ = command(&mut read, &mut write, "QUIT", "QUIT", 221).await;
        return Err(refusal);
    }
    command(&mut read, &mut write, "DATA", "DATA", 354).await?;
    let data = dot_stuffed(message);
    step("DATA", write.write_all(data.as_bytes())).await?;
    expect(&mut read, "end of data", 250).await?;
    // The message is accepted; a relay that hangs up early changes nothing.
    let _ = command(&mut read, &mut write, "QUIT", "QUIT", 221).await;
    Ok(delivered)
}

/// The message as the DATA section: CRLF line ends, a dot doubled at the
/// start of a line (RFC 5321 4.5.2), and the closing `.` line.
pub fn dot_stuffed(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 64);
    let body = message.strip_suffix('\n').unwrap_or(message);
    for line in body.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str(".\r\n");
    out
}

async fn step<T>(
    name: &'static str,
    io: impl std::future::Future<Output = std::io::Result<T>>,
) -> Result<T, SmtpError> {
    tokio::time::timeout(STEP_TIMEOUT, io)
        .await
        .map_err(|_| SmtpError::Timeout(name))?
        .map_err(|e| SmtpError::Io(name, e.kind()))
}

async fn command<R, W>(
    read: &mut BufReader<R>,
    write: &mut W,
    name: &'static str,
    line: &str,
    want: u16,
) -> Result<(), SmtpError>
where
    R: AsyncRead + Unpin,
    W: AsyncWriteExt + Unpin,
{
    if line.contains(['\r', '\n']) {
        return Err(SmtpError::Malformed(name));
    }
    step(name, write.write_all(format!("{line}\r\n").as_bytes())).await?;
    expect(read, name, want).await
}

/// Reads one reply (all lines of a multi-line one) and checks its code.
async fn expect<R: AsyncRead + Unpin>(
    read: &mut BufReader<R>,
    name: &'static str,
    want: u16,
) -> Result<(), SmtpError> {
    loop {
        let mut line = String::new();
        let n = step(name, (&mut *read).take(MAX_LINE).read_line(&mut line)).await?;
        if n == 0 {
            return Err(SmtpError::Io(name, std::io::ErrorKind::UnexpectedEof));
        }
        let code = line
            .get(..3)
            .and_then(|c| c.parse::<u16>().ok())
            .ok_or(SmtpError::Malformed(name))?;
        match line.as_bytes().get(3) {
            Some(b'-') => continue,
            Some(b' ' | b'\r' | b'\n') | None if code == want => return Ok(()),
            Some(b' ' | b'\r' | b'\n') | None => return Err(SmtpError::Refused(name, code)),
            Some(_) => return Err(SmtpError::Malformed(name)),
        }
    }
}

#[cfg(test)]
#[path = "smtp_tests.rs"]
mod tests;
