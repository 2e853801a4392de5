//! The client against a tiny real SMTP server on a free port, which
//! answers a script and keeps every command and the raw DATA section.

use super::*;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

#[derive(Debug, Default)]
struct Session {
    commands: Vec<String>,
    /// Exactly the bytes after the 354, up to and including `.\r\n`.
    data: String,
}

/// Accepts one connection. Recipients in `refuse` get 550, and a command
/// starting with `fail_on` gets 451.
async fn relay(
    refuse: &'static [&'static str],
    fail_on: Option<&'static str>,
) -> (String, tokio::task::JoinHandle<Session>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let task = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let (read, mut write) = stream.into_split();
        let mut read = BufReader::new(read);
        let mut session = Session::default();
        write.write_all(b"220 test ESMTP\r\n").await.unwrap();
        loop {
            let mut line = String::new();
            if read.read_line(&mut line).await.unwrap() == 0 {
                return session;
            }
            let command = line.trim_end().to_string();
            session.commands.push(command.clone());
            let reply: &[u8] = if fail_on.is_some_and(|f| command.starts_with(f)) {
                b"451 try later\r\n"
            } else if command.starts_with("EHLO") {
                b"250-test greets you\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n"
            } else if command == "DATA" {
                write.write_all(b"354 go ahead\r\n").await.unwrap();
                while !session.data.ends_with("\r\n.\r\n") {
                    let mut part = String::new();
                    assert!(read.read_line(&mut part).await.unwrap() > 0);
                    session.data.push_str(&part);
                }
                b"250 queued\r\n"
            } else if refuse.iter().any(|r| command.contains(r)) {
                b"550 no such user\r\n"
            } else if command == "QUIT" {
                write.write_all(b"221 bye\r\n").await.unwrap();
                return session;
            } else {
                b"250 ok\r\n"
            };
            write.write_all(reply).await.unwrap();
        }
    });
    (address, task)
}

fn to(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn the_dialogue_sends_every_recipient_and_dot_stuffs_the_data() {
    let (address, server) = relay(&[], None).await;
    let message = "Subject: test\n\n.begint met een punt\nmidden\n..twee\n.\nslot\n";
    let recipients = to(&["a@gemeente.test", "b@gemeente.test"]);
    let delivered = send(
        &address,
        "vangnet.test",
        "vangnet@vangnet.test",
        &recipients,
        message,
    )
    .await
    .unwrap();
    assert_eq!(
        delivered,
        Delivered {
            accepted: 2,
            refused: 0
        }
    );
    let session = server.await.unwrap();
    assert_eq!(
        session.commands,
        [
            "EHLO vangnet.test",
            "MAIL FROM:<vangnet@vangnet.test>",
            "RCPT TO:<a@gemeente.test>",
            "RCPT TO:<b@gemeente.test>",
            "DATA",
            "QUIT",
        ]
    );
    assert_eq!(
        session.data,
        "Subject: test\r\n\r\n..begint met een punt\r\nmidden\r\n...twee\r\n..\r\nslot\r\n.\r\n"
    );
}

#[tokio::test]
async fn a_refused_recipient_does_not_stop_the_others() {
    let (address, server) = relay(&["weg@"], None).await;
    let recipients = to(&["weg@gemeente.test", "b@gemeente.test"]);
    let delivered = send(
        &address,
        "h",
        "f@h",
        &recipients,
        "Subject: x\r\n\r\nhoi\r\n",
    )
    .await
    .unwrap();
    assert_eq!(
        delivered,
        Delivered {
            accepted: 1,
            refused: 1
        }
    );
    assert_eq!(server.await.unwrap().data, "Subject: x\r\n\r\nhoi\r\n.\r\n");
}

#[tokio::test]
async fn every_recipient_refused_sends_nothing() {
    let (address, server) = relay(&["@gemeente.test"], None).await;
    let recipients = to(&["a@gemeente.test"]);
    let error = send(&address, "h", "f@h", &recipients, "x")
        .await
        .unwrap_err();
    assert_eq!(error, SmtpError::Refused("RCPT TO", 550));
    let session = server.await.unwrap();
    assert!(!session.commands.contains(&"DATA".to_string()));
    assert_eq!(session.data, "");
}

#[tokio::test]
async fn a_refusal_names_the_step_and_code_but_no_address() {
    let (address, _server) = relay(&[], Some("MAIL FROM")).await;
    let error = send(&address, "h", "geheim@h", &to(&["a@b"]), "x")
        .await
        .unwrap_err();
    assert_eq!(error, SmtpError::Refused("MAIL FROM", 451));
    assert_eq!(error.to_string(), "MAIL FROM: reply 451");
}

#[tokio::test]
async fn no_relay_is_a_connect_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    drop(listener);
    let error = send(&address, "h", "f@h", &to(&["a@b"]), "x")
        .await
        .unwrap_err();
    assert!(matches!(error, SmtpError::Connect(_)), "{error:?}");
}

#[tokio::test]
async fn a_line_break_in_an_address_is_refused_before_it_is_sent() {
    let (address, server) = relay(&[], None).await;
    let sneaky = to(&["a@b>\r\nRCPT TO:<c@d"]);
    let error = send(&address, "h", "f@h", &sneaky, "x").await.unwrap_err();
    assert_eq!(error, SmtpError::Malformed("RCPT TO"));
    let session = server.await.unwrap();
    assert!(session.commands.iter().all(|c| !c.contains("c@d")));
}

#[test]
fn dot_stuffing_table() {
    let cases = [
        ("", "\r\n.\r\n"),
        ("a", "a\r\n.\r\n"),
        ("a\n", "a\r\n.\r\n"),
        ("a\r\nb\r\n", "a\r\nb\r\n.\r\n"),
        (".", "..\r\n.\r\n"),
        ("a\n.\nb", "a\r\n..\r\nb\r\n.\r\n"),
        ("x.y\n .z", "x.y\r\n .z\r\n.\r\n"),
    ];
    for (input, expected) in cases {
        assert_eq!(dot_stuffed(input), expected, "{input:?}");
    }
}
