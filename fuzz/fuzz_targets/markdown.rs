//! The kennisbank's Markdown sanitiser: whatever a contributor writes, the
//! HTML `render` makes of it holds only the tags pulldown-cmark writes for
//! plain Markdown, no event handler or other unknown attribute, no link to
//! a `javascript:`, `vbscript:` or `data:` target, and no `<script`. Raw
//! HTML from the input can only appear escaped, as text.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The sanitiser is self-contained (only pulldown-cmark), so it is compiled
// in from the web crate as is rather than building the web crate.
#[allow(dead_code)]
#[path = "../../crates/web/src/kennisbank/markdown.rs"]
mod markdown;

/// Every tag Markdown with tables and strikethrough produces.
const TAGS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = markdown::render(text);
    check(&html);
    let _ = markdown::plain_text(text);
});

fn check(html: &str) {
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("a tag closes") + start;
        check_tag(&rest[start + 1..end], html);
        rest = &rest[end + 1..];
    }
}

fn check_tag(tag: &str, html: &str) {
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let tag = tag.strip_suffix('/').unwrap_or(tag).trim_end();
    let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
    assert!(TAGS.contains(&name), "unexpected tag <{name}> in {html}");
    while !attrs.trim_start().is_empty() {
        attrs = attrs.trim_start();
        let (key, after) = attrs.split_once("=\"").expect("attributes are quoted");
        let (value, next) = after.split_once('"').expect("a value closes");
        match key {
            "href" => assert!(safe_target(value), "unsafe href {value:?} in {html}"),
            "title" => {}
            "start" if name == "ol" => {}
            "style" if matches!(name, "th" | "td") => assert!(
                value.starts_with("text-align: "),
                "style {value:?} in {html}"
            ),
            _ => panic!("unexpected attribute {key:?} on <{name}> in {html}"),
        }
        attrs = next;
    }
}

/// An independent judgement of a link target as the browser reads it:
/// entities decoded, whitespace and control characters ignored.
fn safe_target(href: &str) -> bool {
    let decoded = href
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let compact: String = decoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    !["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| compact.starts_with(scheme))
}
