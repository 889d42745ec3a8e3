//! Markdown to plain prose with pulldown-cmark's offset iterator. Paragraphs,
//! list items, block quotes and table cells become blocks; headings are
//! blocks marked as headings; code (fenced, indented, inline), HTML, images,
//! link destinations and front matter are left out. Inline markup (`**said**`,
//! links) disappears without breaking the sentence around it.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::offsets::PlainBuilder;
use super::{comments_in, Plain};
use crate::span::Span;

/// Extracts the prose of Markdown `source`, whose first byte is at `base` of the file.
pub fn extract(source: &str, base: usize) -> Plain {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut b = PlainBuilder::default();
    let mut skip = 0usize;
    let mut headings = Vec::new();
    let mut heading_start = None;
    let mut comments = Vec::new();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let (start, end) = (base + range.start, base + range.end);
        // Comments (suppressions live there) are taken from the source bytes
        // of the whole HTML block or inline HTML, so a comment spread over
        // several lines is one comment.
        if matches!(event, Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_)) && skip == 0 {
            comments_in(&source[range.clone()], start, &mut comments);
        }
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock,
            ) => {
                b.separate(start, "\n\n");
                skip += 1;
            }
            Event::End(
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock,
            ) => {
                skip = skip.saturating_sub(1);
                b.separate(end, "\n\n");
            }
            Event::Start(Tag::Heading { .. }) => {
                b.separate(start, "\n\n");
                heading_start = Some(b.len());
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(from) = heading_start.take() {
                    headings.push(Span::new(from, b.len()));
                }
                b.separate(end, "\n\n");
            }
            Event::Start(tag) if is_block(&tag) => b.separate(start, "\n\n"),
            Event::End(tag) if is_block_end(&tag) => b.separate(end, "\n\n"),
            Event::Text(text) if skip == 0 => {
                if source.get(range.clone()) == Some(text.as_ref()) {
                    b.copy(start, &text);
                } else {
                    b.replace(start, end - start, &text);
                }
            }
            Event::SoftBreak if skip == 0 => b.replace(start, end - start, " "),
            Event::HardBreak if skip == 0 => b.replace(start, end - start, "\n"),
            // Inline code and inline HTML drop out, but the words around them stay apart.
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) if skip == 0 => {
                b.separate(start, " ")
            }
            Event::Rule => b.separate(start, "\n\n"),
            _ => {}
        }
    }
    let (text, map) = b.finish();
    Plain {
        text,
        map,
        headings,
        comments,
        notes: Vec::new(),
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Item
            | Tag::BlockQuote(_)
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str) -> String {
        extract(md, 0).text
    }

    #[test]
    fn inline_markup_disappears_and_blocks_separate() {
        assert_eq!(
            plain("# Title\n\nThe governor **said** that [AP](https://ap.org) had it.\n\n- one\n- two\n"),
            "Title\n\nThe governor said that AP had it.\n\none\n\ntwo\n\n"
        );
    }

    #[test]
    fn code_front_matter_and_comments_are_left_out() {
        let md = "---\ntitle: x\n---\n\nText `code` here.\n\n```\nsaid that\n```\n\n<!-- note -->\n\n    indented code\n";
        assert_eq!(plain(md).trim(), "Text  here.");
    }

    #[test]
    fn comments_are_kept_with_their_source_spans() {
        let md = "Text.\n\n<!-- provenance-disable\n  unattributed-claim -->\n\nMore <!-- x --> text.\n\n```\n<!-- in code -->\n```\n";
        let p = extract(md, 10);
        let texts: Vec<&str> = p.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, [" provenance-disable\n  unattributed-claim ", " x "]);
        let first = p.comments[0].span;
        assert_eq!(
            &md[first.start - 10..first.end - 10],
            "<!-- provenance-disable\n  unattributed-claim -->"
        );
    }

    #[test]
    fn entities_map_back_to_their_source_bytes() {
        let md = "AT&amp;T said so.";
        let p = extract(md, 0);
        assert_eq!(p.text.trim(), "AT&T said so.");
        let amp = p.text.find('&').expect("ampersand");
        assert_eq!(p.map.span(Span::new(amp, amp + 1)), Span::new(2, 7));
    }
}
