//! A tiny SMTP relay for the mail tests, and `vangnet serve` started with
//! `--smtp-relay` on a demo server's database. The relay keeps each
//! message with its envelope recipients, or refuses every recipient with
//! 550 (a relay that will not deliver), so both outcomes can be seen.

use super::server::{Serve, ServeOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub struct Mail {
    pub recipients: Vec<String>,
    /// The DATA section as received, dot-stuffing and final dot included.
    pub data: String,
}

pub struct FakeRelay {
    pub address: String,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl FakeRelay {
    /// A relay that accepts every message.
    pub fn accepting() -> FakeRelay {
        Self::start(false)
    }

    /// A relay that answers every RCPT TO with 550.
    pub fn refusing() -> FakeRelay {
        Self::start(true)
    }

    fn start(refuse: bool) -> FakeRelay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let kept = mails.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let kept = kept.clone();
                std::thread::spawn(move || converse(stream, refuse, &kept));
            }
        });
        FakeRelay { address, mails }
    }

    /// Every message received so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }

    /// The messages to `to` (other mail, such as the gemeente's notices,
    /// goes through the same relay).
    pub fn mails_to(&self, to: &str) -> Vec<Mail> {
        let mails = self.mails();
        mails
            .into_iter()
            .filter(|m| m.recipients.iter().any(|r| r == to))
            .collect()
    }
}

/// One SMTP session, each connection on its own thread.
fn converse(stream: TcpStream, refuse: bool, kept: &Mutex<Vec<Mail>>) {
    let mut write = stream.try_clone().unwrap();
    let mut read = BufReader::new(stream);
    let mut mail = Mail::default();
    let _ = write.write_all(b"220 fake ESMTP\r\n");
    let mut line = String::new();
    while read.read_line(&mut line).unwrap_or(0) > 0 {
        let command = line.trim_end().to_string();
        line.clear();
        let reply: &[u8] = if let Some(to) = command.strip_prefix("RCPT TO:") {
            if refuse {
                b"550 5.1.1 mailbox unavailable\r\n"
            } else {
                mail.recipients
                    .push(to.trim_matches(['<', '>']).to_string());
                b"250 ok\r\n"
            }
        } else if command == "DATA" {
            let _ = write.write_all(b"354 go ahead\r\n");
            while !mail.data.ends_with("\r\n.\r\n") {
                if read.read_line(&mut mail.data).unwrap_or(0) == 0 {
                    return;
                }
            }
            kept.lock().unwrap().push(std::mem::take(&mut mail));
            b"250 queued\r\n"
        } else if command == "QUIT" {
            let _ = write.write_all(b"221 bye\r\n");
            return;
        } else {
            b"250 ok\r\n"
        };
        if write.write_all(reply).is_err() {
            return;
        }
    }
}

/// `vangnet serve` with mail through `relay` on `database_url`, its log
/// kept, so a test can check what it logged; `args` adds more (such as a
/// public address; without one, links use the address the test connects
/// to).
pub fn mail_serve(database_url: &str, relay: &str, args: &[&str]) -> Serve {
    let mut all = vec![
        "--smtp-relay",
        relay,
        "--mail-from",
        "vangnet@vangnet.test",
        "--purge-delay-seconds",
        "3600",
    ];
    all.extend_from_slice(args);
    let options = ServeOptions {
        args: &all,
        keep_log: true,
        ..ServeOptions::default()
    };
    Serve::start(database_url, options)
}
