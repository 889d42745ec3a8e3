//! HTML to plain prose with lol_html, which reports the byte position of
//! every text chunk. Only the article body is read: `<article>`, else
//! `<main>`, else `<body>`, else everything (or a selector the user names);
//! navigation, scripts, styles, headers, footers, asides and captions are
//! skipped. Entities are decoded one by one, each mapped to its source bytes.

use std::cell::RefCell;
use std::rc::Rc;
use std::str::FromStr;

use lol_html::html_content::TextType;
use lol_html::{doc_comments, doc_text, element, end_tag, HtmlRewriter, Selector, Settings};

use super::offsets::PlainBuilder;
use super::{Comment, Plain};
use crate::span::Span;

/// Elements whose text is not article prose.
const SKIPPED: &str = "script, style, nav, header, footer, aside, figcaption, noscript, template, svg, button, form, select, iframe, head";

/// Elements that start and end a block of prose.
const BLOCKS: &str = "p, li, h1, h2, h3, h4, h5, h6, blockquote, div, td, th, dd, dt, section, article, main, figure, pre, tr, table, ul, ol, caption, summary, details, hr, br";

/// Which depth counter of the state a handler moves.
type DepthField = fn(&mut State) -> &mut usize;

#[derive(Default)]
struct State {
    plain: PlainBuilder,
    inside: usize,
    skipped: usize,
    headings: Vec<Span>,
    heading_start: Option<usize>,
    comments: Vec<Comment>,
    /// Raw text of the current text node and where it starts.
    node: String,
    node_start: Option<usize>,
}

/// Checks a user-supplied CSS selector before it is used.
pub fn validate_selector(selector: &str) -> Result<(), String> {
    Selector::from_str(selector)
        .map(|_| ())
        .map_err(|e| format!("invalid HTML selector `{selector}`: {e}"))
}

/// Extracts the prose of HTML `source`, whose first byte is at `base` of the file.
pub fn extract(source: &str, base: usize, selector: Option<&str>) -> Result<Plain, String> {
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
        let wanted = st.inside > 0 && st.skipped == 0 && t.text_type() == TextType::Data;
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
    rewriter
        .write(source.as_bytes())
        .map_err(|e| e.to_string())?;
    rewriter.end().map_err(|e| e.to_string())?;
    let state = Rc::try_unwrap(state)
        .map_err(|_| "HTML reader still in use".to_string())?
        .into_inner();
    let (text, map) = state.plain.finish();
    Ok(Plain {
        text,
        map,
        headings: state.headings,
        comments: state.comments,
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
fn find_container(source: &str) -> Result<Option<String>, String> {
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
    rewriter
        .write(source.as_bytes())
        .map_err(|e| e.to_string())?;
    rewriter.end().map_err(|e| e.to_string())?;
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
