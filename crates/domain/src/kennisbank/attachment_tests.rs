use super::*;

const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0";
const GIF: &[u8] = b"GIF89a\x01\0\x01\0";
const WEBP: &[u8] = b"RIFF\x24\0\0\0WEBPVP8 ";

#[test]
fn the_type_comes_from_the_bytes() {
    let table: &[(&[u8], Option<&str>)] = &[
        (PDF, Some("application/pdf")),
        (PNG, Some("image/png")),
        (JPEG, Some("image/jpeg")),
        (GIF, Some("image/gif")),
        (b"GIF87a\x01\0", Some("image/gif")),
        (WEBP, Some("image/webp")),
        (b"RIFF\x24\0\0\0WAVEfmt ", None),
        (b"RIFF", None),
        (b"<!doctype html><script>alert(1)</script>", None),
        (b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", None),
        (b"<?xml version=\"1.0\"?><svg/>", None),
        (b"PK\x03\x04", None),
        (b"%PD", None),
        (b"GIF88a", None),
    ];
    for (bytes, expected) in table {
        assert_eq!(
            sniff(bytes),
            *expected,
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn names_and_types_are_checked_together() {
    // (name, bytes, Ok(stored name, type) or Err(a word of the reason))
    type Case<'a> = (&'a str, &'a [u8], Result<(&'a str, &'a str), &'a str>);
    let table: &[Case] = &[
        (
            "verslag 2025.pdf",
            PDF,
            Ok(("verslag 2025.pdf", "application/pdf")),
        ),
        (
            "../../etc/passwd.pdf",
            PDF,
            Ok(("passwd.pdf", "application/pdf")),
        ),
        (
            "C:\\Users\\x\\Plan.PDF",
            PDF,
            Ok(("Plan.pdf", "application/pdf")),
        ),
        ("foto.jpeg", JPEG, Ok(("foto.jpeg", "image/jpeg"))),
        ("foto.JPG", JPEG, Ok(("foto.jpg", "image/jpeg"))),
        ("kaart.gif", GIF, Ok(("kaart.gif", "image/gif"))),
        ("kaart.webp", WEBP, Ok(("kaart.webp", "image/webp"))),
        (
            "schéma  één\t(def).png",
            PNG,
            Ok(("schéma één def.png", "image/png")),
        ),
        (
            "a\"b'c\r\n\u{202e}d.png",
            PNG,
            Ok(("abc d.png", "image/png")),
        ),
        (
            "zonder extensie",
            PNG,
            Ok(("zonder extensie.png", "image/png")),
        ),
        ("...", PDF, Ok(("bijlage.pdf", "application/pdf"))),
        ("", PDF, Ok(("bijlage.pdf", "application/pdf"))),
        (".htaccess", PDF, Ok(("htaccess.pdf", "application/pdf"))),
        (
            "pagina.png",
            b"<html><body>hoi</body></html>",
            Err("alleen een PDF"),
        ),
        (
            "logo.png",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            Err("alleen een PDF"),
        ),
        ("foto.png", PDF, Err("eindigt op .png")),
        ("rapport.pdf", PNG, Err("eindigt op .pdf")),
        ("script.html", PNG, Err("eindigt op .html")),
        ("leeg.pdf", b"", Err("leeg")),
    ];
    for (name, bytes, expected) in table {
        let got = check_attachment(name, Some("image/png"), bytes);
        match (expected, got) {
            (Ok((stored, kind)), Ok(checked)) => {
                assert_eq!(checked.filename, *stored, "{name}");
                assert_eq!(checked.content_type, *kind, "{name}");
                assert_eq!(checked.size_bytes, bytes.len() as i64);
                assert_eq!(checked.sha256.len(), 64);
            }
            (Err(word), Err(invalid)) => {
                assert_eq!(invalid.errors[0].field, "file");
                let reason = &invalid.errors[0].reason;
                assert!(reason.contains(word), "{name}: {reason}");
            }
            (expected, got) => panic!("{name}: expected {expected:?}, got {got:?}"),
        }
    }
}

#[test]
fn the_size_limit_is_ten_mebibytes() {
    let mut big = PDF.to_vec();
    big.resize(MAX_ATTACHMENT_BYTES, b' ');
    assert!(check_attachment("groot.pdf", None, &big).is_ok());
    big.push(b' ');
    let refused = check_attachment("groot.pdf", None, &big).unwrap_err();
    assert!(refused.errors[0].reason.contains("te groot"));
}

#[test]
fn long_names_keep_their_extension() {
    let name = format!("{}.pdf", "é".repeat(500));
    let checked = check_attachment(&name, None, PDF).unwrap();
    assert_eq!(checked.filename.chars().count(), MAX_FILENAME_CHARS);
    assert!(checked.filename.ends_with("é.pdf"));
}

#[test]
fn the_hash_is_the_files() {
    let checked = check_attachment("a.gif", None, GIF).unwrap();
    assert_eq!(checked.sha256, hex::encode(Sha256::digest(GIF)));
}
