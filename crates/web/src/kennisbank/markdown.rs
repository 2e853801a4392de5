//! A practice's Markdown as HTML that is safe in a page, and as plain text
//! for search, feeds and snippets. Contributors and the public write these
//! texts, so nothing in them may run: raw HTML is shown as text (never
//! parsed, so no tags and no event handlers get through), link targets
//! must be http(s), mailto or relative (no `javascript:`, `data:` …), and
//! images become links, so a text cannot load anything into a reader's
//! browser. Headings move one level down: the page's `h1` is the title.

use pulldown_cmark::{html, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Whether a link target may be followed: the browser ignores ASCII
/// whitespace and control characters in a scheme, so they are ignored
/// here too before the scheme is read.
pub fn safe_url(url: &str) -> bool {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = compact.find(':');
    let path_start = compact.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        // No scheme at all, or a colon only after the path began: relative.
        (None, _) => true,
        (Some(colon), Some(path)) if path < colon => true,
        (Some(colon), _) => matches!(&compact[..colon], "http" | "https" | "mailto"),
    }
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// The events with every unsafe construct made harmless. A link whose
/// target is refused keeps its text; the stack remembers which link ends
/// belong to a refused start.
fn safe_events<'a>(parser: Parser<'a>) -> impl Iterator<Item = Event<'a>> {
    let mut dropped: Vec<bool> = Vec::new();
    parser.filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = safe_url(&dest_url);
            dropped.push(!keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            let was_dropped = dropped.pop().unwrap_or(true);
            (!was_dropped).then_some(Event::End(TagEnd::Link))
        }
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes: _,
            attrs: _,
        }) => Some(Event::Start(Tag::Heading {
            level: deeper(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(deeper(level)))),
        // The info string would become a class attribute; code is shown
        // as it is, whatever language it claims to be.
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
            Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)))
        }
        other => Some(other),
    })
}

/// Safe HTML for a page (see the module text).
pub fn render(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, safe_events(Parser::new_ext(markdown, options())));
    out
}

/// The words a reader sees, without markup: for the search index, feeds
/// and snippets. Blocks end in a newline so words never run together.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                out.push('\n');
            }
            _ => {}
        }
    }
    let collapsed: Vec<&str> = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    collapsed.join("\n")
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
