use super::*;

/// Every tag in `html` with its attributes, as (name, [(attr, value)]).
/// Deliberately small: the renderer writes well-formed HTML with double
/// quotes, so a scanner is enough to check it against an allow-list.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("every tag is closed") + open;
        let inner = rest[open + 1..close].trim_start_matches('/');
        let name_end = inner.find([' ', '/']).unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut text = &inner[name_end..];
        while let Some(eq) = text.find("=\"") {
            let attr = text[..eq].trim().to_ascii_lowercase();
            let value_end = text[eq + 2..].find('"').expect("quoted") + eq + 2;
            attrs.push((attr, text[eq + 2..value_end].to_string()));
            text = &text[value_end + 1..];
        }
        found.push((name, attrs));
        rest = &rest[close + 1..];
    }
    found
}

const TAGS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
];

fn assert_safe(payload: &str) {
    let html = render(payload);
    for (name, attrs) in tags(&html) {
        assert!(
            TAGS.contains(&name.as_str()),
            "{payload:?} gave <{name}>: {html}"
        );
        for (attr, value) in attrs {
            let allowed = match attr.as_str() {
                "href" => safe_url(&value),
                "title" | "start" => true,
                "style" => value.starts_with("text-align"),
                _ => false,
            };
            assert!(allowed, "{payload:?} gave {attr}={value:?}: {html}");
        }
    }
    // Text may mention a script; only a tag could run one.
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{payload:?}: {html}");
}

#[test]
fn no_xss_payload_survives() {
    let payloads = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"javascript:alert(1)\">klik</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<body onload=alert(1)>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<!-- <script>alert(1)</script> -->",
        "[klik](javascript:alert(1))",
        "[klik](JAVASCRIPT:alert(1))",
        "[klik](jav&#x09;ascript:alert(1))",
        "[klik](&#106;avascript:alert(1))",
        "[klik](java\tscript:alert(1))",
        "[klik]( javascript:alert(1) )",
        "[klik](vbscript:msgbox(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![plaatje](javascript:alert(1))",
        "![plaatje](https://tracker.example/pixel.gif)",
        "[klik][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "[x](https://ok.example \"\\\"><script>alert(1)</script>\")",
        "**vet** <b onmouseover=alert(1)>hover</b>",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "| a | b |\n|:--|--:|\n| <script> | [x](javascript:1) |",
        "<style>body{display:none}</style>",
        "<form action=https://evil.example><input name=x></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    ];
    for payload in payloads {
        assert_safe(payload);
    }
}

#[test]
fn refused_links_keep_their_text_and_images_become_links() {
    assert_eq!(render("[klik](javascript:alert(1))"), "<p>klik</p>\n");
    assert_eq!(
        render("![Het convenant](https://example.org/c.png)"),
        "<p><a href=\"https://example.org/c.png\">Het convenant</a></p>\n"
    );
    assert_eq!(
        render("[de regeling](/kennisbank/regeling) en [mail](mailto:a@b.example)"),
        "<p><a href=\"/kennisbank/regeling\">de regeling</a> en <a href=\"mailto:a@b.example\">mail</a></p>\n"
    );
}

#[test]
fn raw_html_is_shown_as_text() {
    assert_eq!(
        render("Zie <b>dit</b>."),
        "<p>Zie &lt;b&gt;dit&lt;/b&gt;.</p>\n"
    );
}

#[test]
fn headings_move_one_level_down() {
    assert_eq!(
        render("# Aanpak\n\n###### Klein"),
        "<h2>Aanpak</h2>\n<h6>Klein</h6>\n"
    );
}

#[test]
fn url_safety_table() {
    for (url, safe) in [
        ("https://example.org", true),
        ("http://example.org/a?b=c", true),
        ("mailto:team@gemeente.example", true),
        ("/kennisbank/x", true),
        ("#aanpak", true),
        ("relatief/pad", true),
        ("pad/met:dubbelepunt", true),
        ("javascript:alert(1)", false),
        (" JaVaScRiPt:alert(1)", false),
        ("java\nscript:alert(1)", false),
        ("data:text/html,x", false),
        ("vbscript:x", false),
        ("file:///etc/passwd", false),
        ("ftp://example.org", false),
    ] {
        assert_eq!(safe_url(url), safe, "{url:?}");
    }
}

#[test]
fn plain_text_keeps_the_words_and_drops_the_markup() {
    let text = plain_text(
        "## Aanpak\n\nWe gaan **op huisbezoek** binnen [vijf dagen](https://x.example).\n\n- één\n- twee\n\n<b>html</b>",
    );
    assert_eq!(
        text,
        "Aanpak\nWe gaan op huisbezoek binnen vijf dagen.\néén\ntwee\nhtml"
    );
}
