//! HTML to plain prose with lol_html, which reports the byte position of
//! every text chunk. Only the article body is read: `<article>`, else
//! `<main>`, else `<body>`, else everything (or a selector the user names);
//! navigation, scripts, styles, headers, footers, asides and captions are
//! skipped. Entities are decoded one by one, each mapped to its source bytes.

use std::cell::RefCell;
use std::rc::Rc;
use std::str::FromStr;

use lol_html::errors::RewritingError;
use lol_html::html_content::TextType;
use lol_html::{doc_comments, doc_text, element, end_tag, HtmlRewriter, Selector, Settings};

use super::offsets::PlainBuilder;
use super::{Comment, Plain};
use crate::span::Span;

/// Elements whose text is not article prose. (Not `form`: content
/// management systems wrap whole pages in one. Not `head`, whose end a
/// browser implies: see [`HEAD_CONTENT`].)
const SKIPPED: &str = "script, style, nav, header, footer, aside, figcaption, noscript, template, svg, button, select, iframe";

/// The elements a document's head may hold; any other element starting
/// ends the head, as a browser's tree building does when `</head>` (or
/// `<body>`) is left out.
const HEAD_CONTENT: &[&str] = &[
    "base", "basefont", "bgsound", "link", "meta", "noscript", "script", "style", "template",
    "title", "head", "html",
];

/// Elements that start and end a block of prose.
const BLOCKS: &str = "p, li, h1, h2, h3, h4, h5, h6, blockquote, div, td, th, dd, dt, section, article, main, figure, pre, tr, table, ul, ol, caption, summary, details, hr, br";

/// Which depth counter of the state a handler moves.
type DepthField = fn(&mut State) -> &mut usize;

#[derive(Default)]
struct State {
    plain: PlainBuilder,
    inside: usize,
    skipped: usize,
    /// Inside `<head>`, until its end tag or an element that ends it.
    in_head: bool,
    /// The skip depth outside each open `<foreignObject>`: browsers show
    /// HTML inside an SVG's foreign object, so its text is read.
    foreign: Vec<usize>,
    /// What was left out and why, for the user.
    notes: Vec<String>,
    headings: Vec<Span>,
    heading_start: Option<usize>,
    comments: Vec<Comment>,
    /// Raw text of the current text node and where it starts.
    node: String,
    node_start: Option<usize>,
}

/// Longest selector accepted, in bytes.
const MAX_SELECTOR_BYTES: usize = 512;

/// Deepest nesting of parentheses (`:not(...)`) accepted in a selector.
const MAX_SELECTOR_DEPTH: usize = 8;

/// Checks a user-supplied CSS selector before it is used. Its length and
/// nesting are bounded first: the selector parser recurses, and a deep
/// enough selector would overflow the stack.
pub fn validate_selector(selector: &str) -> Result<(), String> {
    if selector.len() > MAX_SELECTOR_BYTES {
        return Err(format!(
            "HTML selector too long: {} bytes, at most {MAX_SELECTOR_BYTES}",
            selector.len()
        ));
    }
    let mut depth = 0usize;
    for c in selector.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_SELECTOR_DEPTH {
            return Err(format!(
                "HTML selector nested too deep: at most {MAX_SELECTOR_DEPTH} levels of brackets"
            ));
        }
    }
    Selector::from_str(selector)
        .map(|_| ())
        .map_err(|e| format!("invalid HTML selector `{selector}`: {e}"))
}

/// Extracts the prose of HTML `source`, whose first byte is at `base` of the file.
///
/// A streaming reader cannot place some non-conforming markup (a `<style>`,
/// `<title>` or `<xmp>` inside a `<select>`) and gives up on the whole
/// page; then the selects, which are never prose, are blanked out (offsets
/// kept) and the rest is read, with a note saying so.
pub fn extract(source: &str, base: usize, selector: Option<&str>) -> Result<Plain, String> {
    match extract_once(source, base, selector) {
        Err(RewritingError::ParsingAmbiguity(_)) => {
            let blanked = blank_elements(source, "select");
            let mut plain = extract_once(&blanked, base, selector).map_err(|e| e.to_string())?;
            plain.notes.push(
                "markup inside a <select> (a style, title or script in a drop-down) could \
                 not be placed; the drop-downs were left out and the rest was read"
                    .to_string(),
            );
            Ok(plain)
        }
        result => result.map_err(|e| e.to_string()),
    }
}

/// `source` with every `name` element, tags and content, turned into spaces
/// (line breaks kept), so byte offsets stay the same.
fn blank_elements(source: &str, name: &str) -> String {
    let lower = source.to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut bytes = source.as_bytes().to_vec();
    let mut from = 0;
    while let Some(start) = lower[from..].find(&open).map(|i| from + i) {
        let after = lower.as_bytes().get(start + open.len()).copied();
        if !matches!(
            after,
            Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
        ) {
            from = start + open.len();
            continue;
        }
        let end = lower[start..]
            .find(&close)
            .and_then(|c| lower[start + c..].find('>').map(|g| start + c + g + 1))
            .unwrap_or(lower.len());
        for b in &mut bytes[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = end;
    }
    // Only ASCII bytes were written over whole characters' bytes: each
    // byte of a multi-byte character became a space.
    String::from_utf8(bytes).unwrap_or_else(|_| source.to_string())
}

fn extract_once(
    source: &str,
    base: usize,
    selector: Option<&str>,
) -> Result<Plain, RewritingError> {
    let container = match selector {
        Some(s) => Some(s.to_string()),
        None => find_container(source)?,
    };
    let state = Rc::new(RefCell::new(State {
        inside: usize::from(container.is_none()),
        ..State::default()
    }));
    let mut settings = Settings::new();
    // Two depth counters, one handler shape: inside the article container,
    // and inside page furniture to skip.
    let counters: [(Option<&str>, DepthField); 2] = [
        (container.as_deref(), |st| &mut st.inside),
        (Some(SKIPPED), |st| &mut st.skipped),
    ];
    for (selector, depth) in counters {
        let Some(selector) = selector else { continue };
        let s = state.clone();
        settings = settings.append_element_content_handler(element!(selector, move |el| {
            if !el.can_have_content() {
                return Ok(());
            }
            *depth(&mut s.borrow_mut()) += 1;
            let s = s.clone();
            el.on_end_tag(end_tag!(move |_| {
                let mut st = s.borrow_mut();
                let d = depth(&mut st);
                *d = d.saturating_sub(1);
                Ok(())
            }))?;
            Ok(())
        }));
    }
    let s = state.clone();
    settings = settings.append_element_content_handler(element!("*", move |el| {
        let name = el.tag_name();
        let mut st = s.borrow_mut();
        if name == "head" {
            st.in_head = true;
            if el.can_have_content() {
                let s = s.clone();
                el.on_end_tag(end_tag!(move |_| {
                    s.borrow_mut().in_head = false;
                    Ok(())
                }))?;
            }
        } else if st.in_head && !HEAD_CONTENT.contains(&name.as_str()) {
            st.in_head = false;
        }
        if name == "foreignobject" && el.can_have_content() {
            let outside = std::mem::take(&mut st.skipped);
            st.foreign.push(outside);
            let s = s.clone();
            el.on_end_tag(end_tag!(move |_| {
                let mut st = s.borrow_mut();
                if let Some(outside) = st.foreign.pop() {
                    st.skipped = outside;
                }
                Ok(())
            }))?;
        }
        Ok(())
    }));
    let s = state.clone();
    settings = settings.append_element_content_handler(element!(BLOCKS, move |el| {
        let at = base + el.source_location().bytes().start;
        let heading = matches!(
            el.tag_name().as_str(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        );
        {
            let mut st = s.borrow_mut();
            flush(&mut st, base);
            st.plain.separate(at, "\n\n");
            if heading {
                st.heading_start = Some(st.plain.len());
            }
        }
        let s = s.clone();
        if el.can_have_content() {
            el.on_end_tag(end_tag!(move |end| {
                let mut st = s.borrow_mut();
                flush(&mut st, base);
                if heading {
                    if let Some(from) = st.heading_start.take() {
                        let to = st.plain.len();
                        st.headings.push(Span::new(from, to));
                    }
                }
                let at = base + end.source_location().bytes().end;
                st.plain.separate(at, "\n\n");
                Ok(())
            }))?;
        }
        Ok(())
    }));
    let s = state.clone();
    settings = settings.append_document_content_handler(doc_comments!(move |c| {
        let at = c.source_location().bytes();
        s.borrow_mut().comments.push(Comment {
            span: Span::new(base + at.start, base + at.end),
            text: c.text(),
        });
        Ok(())
    }));
    let s = state.clone();
    settings = settings.append_document_content_handler(doc_text!(move |t| {
        let mut st = s.borrow_mut();
        let wanted =
            st.inside > 0 && st.skipped == 0 && !st.in_head && t.text_type() == TextType::Data;
        if wanted && !t.as_str().is_empty() {
            if st.node_start.is_none() {
                st.node_start = Some(t.source_location().bytes().start);
            }
            st.node.push_str(t.as_str());
        }
        if t.last_in_text_node() {
            flush(&mut st, base);
        }
        Ok(())
    }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(source.as_bytes())?;
    rewriter.end()?;
    let state = Rc::try_unwrap(state)
        .map_err(|_| RewritingError::ContentHandlerError("HTML reader still in use".into()))?
        .into_inner();
    let (text, map) = state.plain.finish();
    Ok(Plain {
        text,
        map,
        headings: state.headings,
        comments: state.comments,
        notes: state.notes,
    })
}

/// Adds the collected text node, decoding entities and turning line breaks into spaces.
fn flush(st: &mut State, base: usize) {
    let Some(start) = st.node_start.take() else {
        return;
    };
    // Text chunks are the source's own bytes (nothing is rewritten), contiguous within a node.
    let raw = std::mem::take(&mut st.node);
    decode_into(&mut st.plain, &raw, base + start);
}

fn decode_into(plain: &mut PlainBuilder, raw: &str, at: usize) {
    let mut copied = 0;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                let end = raw[i + 1..]
                    .char_indices()
                    .take(40)
                    .find(|&(_, c)| c == ';' || c.is_whitespace() || c == '&');
                if let Some((n, ';')) = end {
                    let entity = &raw[i..i + n + 2];
                    let decoded = html_escape::decode_html_entities(entity);
                    if decoded != entity {
                        plain.copy(at + copied, &raw[copied..i]);
                        plain.replace(at + i, entity.len(), &decoded);
                        copied = i + entity.len();
                        i = copied;
                        continue;
                    }
                }
                i += 1;
            }
            b'\n' | b'\r' | b'\t' => {
                plain.copy(at + copied, &raw[copied..i]);
                plain.replace(at + i, 1, " ");
                copied = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    plain.copy(at + copied, &raw[copied..]);
}

/// The element that holds the article: the first of article, main, body present.
fn find_container(source: &str) -> Result<Option<String>, RewritingError> {
    let found = Rc::new(RefCell::new([false; 3]));
    let mut settings = Settings::new();
    for (i, name) in ["article", "main", "body"].into_iter().enumerate() {
        let f = found.clone();
        settings = settings.append_element_content_handler(element!(name, move |_| {
            f.borrow_mut()[i] = true;
            Ok(())
        }));
    }
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(source.as_bytes())?;
    rewriter.end()?;
    let found = *found.borrow();
    Ok(["article", "main", "body"]
        .iter()
        .zip(found)
        .find(|(_, f)| *f)
        .map(|(n, _)| n.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(html: &str) -> String {
        extract(html, 0, None).expect("parses").text
    }

    #[test]
    fn reads_the_article_and_skips_page_furniture() {
        let html = "<html><head><title>T</title></head><body><nav>Home</nav><article><h1>Head</h1><p>One &amp; two.</p><script>x()</script><figure><figcaption>Photo</figcaption></figure><p>Three.</p></article><footer>(c)</footer></body></html>";
        assert_eq!(plain(html).trim(), "Head\n\nOne & two.\n\nThree.");
    }

    #[test]
    fn reads_what_a_browser_shows_when_optional_tags_are_left_out() {
        // No </head>: the body's first element ends the head.
        let html = "<html><head><title>T</title><meta charset=utf-8>\n<body><p>Body text.</p>";
        assert_eq!(plain(html).trim(), "Body text.");
        // Neither </head> nor <body> (minifier output).
        let html = "<html><head><title>T</title><link rel=x><p>Body text.</p><p>More.</p>";
        assert_eq!(plain(html).trim(), "Body text.\n\nMore.");
        // The whole page inside a form (CMS page shapes).
        let html = "<body><form action=/a><div><p>Inside the form.</p></div></form></body>";
        assert_eq!(plain(html).trim(), "Inside the form.");
        // HTML in an SVG's foreign object is shown; the SVG's own text is not.
        let html = "<body><svg><text>Axis</text><foreignObject><p>Shown.</p></foreignObject><text>Label</text></svg><p>After.</p></body>";
        assert_eq!(plain(html).trim(), "Shown.\n\nAfter.");
    }

    #[test]
    fn markup_a_streaming_reader_cannot_place_costs_only_the_drop_down() {
        let html = "<body><select><style>x{}</style><option>Pick</option></select><p>Prices rose 12% in March.</p></body>";
        let p = extract(html, 0, None).expect("the rest is read");
        assert_eq!(p.text.trim(), "Prices rose 12% in March.");
        assert_eq!(p.notes.len(), 1, "and the user is told");
        let at = p.text.find("Prices").expect("sentence");
        assert_eq!(p.map.start(at), html.find("Prices").expect("in source"));
        assert_eq!(
            blank_elements("a<SELECT x>é</select>b<selector>", "select"),
            format!("a{}b<selector>", " ".repeat(21))
        );
    }

    #[test]
    fn falls_back_to_body_and_to_everything() {
        assert_eq!(plain("<body><p>Only body.</p></body>").trim(), "Only body.");
        assert_eq!(plain("<p>A fragment.</p>").trim(), "A fragment.");
    }

    #[test]
    fn entities_and_positions_map_back() {
        let html = "<p>Ukraine&rsquo;s army said so.</p>";
        let p = extract(html, 0, None).expect("parses");
        assert_eq!(p.text.trim(), "Ukraine’s army said so.");
        let at = p.text.find('’').expect("apostrophe");
        assert_eq!(
            p.map.span(Span::new(at, at + '’'.len_utf8())),
            Span::new(10, 17)
        );
        let said = p.text.find("said").expect("said");
        assert_eq!(
            &html[p.map.span(Span::new(said, said + 4)).start..][..4],
            "said"
        );
    }

    #[test]
    fn a_user_selector_picks_the_container() {
        let html =
            "<body><div class=story><p>Story.</p></div><div class=ad><p>Buy.</p></div></body>";
        assert_eq!(
            extract(html, 0, Some(".story"))
                .expect("parses")
                .text
                .trim(),
            "Story."
        );
        assert!(validate_selector("p[").is_err());
    }
}
