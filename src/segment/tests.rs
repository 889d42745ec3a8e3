//! Segmentation cases, one phenomenon each. The sentences are ours; the
//! phenomena follow the public Golden Rules list.

use super::*;
use crate::rules::RuleSet;

fn split(text: &str) -> Vec<String> {
    let rules = RuleSet::embedded();
    segment(text, &rules.lexicon)
        .iter()
        .map(|s| text[s.span.start..s.span.end].to_string())
        .collect()
}

fn assert_split(text: &str, expected: &[&str]) {
    assert_eq!(split(text), expected, "\ninput: {text:?}");
}

#[test]
fn plain_stops() {
    assert_split(
        "The shelling stopped. Crews came out.",
        &["The shelling stopped.", "Crews came out."],
    );
    assert_split(
        "Is the road open? Nobody knows!",
        &["Is the road open?", "Nobody knows!"],
    );
    assert_split("Really?! Yes.", &["Really?!", "Yes."]);
}

#[test]
fn titles_and_initials_do_not_end_sentences() {
    assert_split(
        "Gen. Valery Gerasimov met Lt. Col. Ivan P. Petrov.",
        &["Gen. Valery Gerasimov met Lt. Col. Ivan P. Petrov."],
    );
    assert_split(
        "Sen. Jane Roe spoke on St. Patrick's Day.",
        &["Sen. Jane Roe spoke on St. Patrick's Day."],
    );
}

#[test]
fn dotted_abbreviations_end_only_before_a_sentence_opener() {
    assert_split(
        "Aid came from the U.S. Congress last week.",
        &["Aid came from the U.S. Congress last week."],
    );
    assert_split(
        "Aid came from the U.S. It arrived in May.",
        &["Aid came from the U.S.", "It arrived in May."],
    );
    assert_split(
        "He landed at 6 a.m. on Monday.",
        &["He landed at 6 a.m. on Monday."],
    );
    assert_split(
        "Talks with Acme Co. went well.",
        &["Talks with Acme Co. went well."],
    );
}

#[test]
fn single_letter_before_an_opener_can_end_a_sentence() {
    assert_split(
        "It was just the two of us, her and I. Then we left.",
        &["It was just the two of us, her and I.", "Then we left."],
    );
}

#[test]
fn numbers_decimals_and_addresses_stay_whole() {
    assert_split("Fuel cost $2.45 a litre.", &["Fuel cost $2.45 a litre."]);
    assert_split(
        "Prices fell 3.5. Then they rose.",
        &["Prices fell 3.5.", "Then they rose."],
    );
    assert_split(
        "See No. 12 on p. 4 of the report.",
        &["See No. 12 on p. 4 of the report."],
    );
    assert_split(
        "After the Sept. 11 attacks he ran. It was 2002.",
        &["After the Sept. 11 attacks he ran.", "It was 2002."],
    );
    assert_split(
        "The case Walmart Stores v. Dukes was cited.",
        &["The case Walmart Stores v. Dukes was cited."],
    );
    assert_split(
        "Write to desk.editor@example.org. We reply.",
        &["Write to desk.editor@example.org.", "We reply."],
    );
    assert_split(
        "Read https://news.example.net/a.b.html now.",
        &["Read https://news.example.net/a.b.html now."],
    );
}

#[test]
fn quotes_and_brackets_stay_with_their_sentence() {
    assert_split(
        "\"We will hold,\" he said. \"Always.\" Then he left.",
        &["\"We will hold,\" he said.", "\"Always.\"", "Then he left."],
    );
    assert_split(
        "\"Hold the line!\" she shouted.",
        &["\"Hold the line!\" she shouted."],
    );
    assert_split(
        "The unit (it lost two tanks.) moved back.",
        &["The unit (it lost two tanks.) moved back."],
    );
    assert_split(
        "They called it “a turning point.” Nobody agreed.",
        &["They called it “a turning point.”", "Nobody agreed."],
    );
}

#[test]
fn exclamation_inside_a_name() {
    assert_split(
        "She writes for Yahoo! and others.",
        &["She writes for Yahoo! and others."],
    );
}

#[test]
fn ellipses() {
    assert_split(
        "He paused... then went on.",
        &["He paused... then went on."],
    );
    assert_split(
        "It ended.... Nobody cheered.",
        &["It ended....", "Nobody cheered."],
    );
    assert_split("The text [...] was cut.", &["The text [...] was cut."]);
    assert_split(
        "And so it goes . . . on and on.",
        &["And so it goes . . . on and on."],
    );
}

#[test]
fn missing_space_after_a_stop() {
    assert_split(
        "The road closed.Crews left.",
        &["The road closed.", "Crews left."],
    );
}

#[test]
fn lists_split_at_their_markers() {
    assert_split(
        "1. Evacuate the town 2. Open the corridor",
        &["1. Evacuate the town", "2. Open the corridor"],
    );
    assert_split("a) water b) food", &["a) water", "b) food"]);
    assert_split(
        "• first point • second point",
        &["• first point", "• second point"],
    );
}

#[test]
fn newlines_in_laid_out_lines_and_in_wrapped_prose() {
    assert_split(
        "supplies\nmedical kits\nblankets\n",
        &["supplies", "medical kits", "blankets"],
    );
    assert_split(
        "The convoy reached the\ncity before dawn.",
        &["The convoy reached the\ncity before dawn."],
    );
    assert_split(
        "Shelling resumes near Kharkiv\nRussian forces shelled the outskirts of Kharkiv overnight, officials said.",
        &["Shelling resumes near Kharkiv", "Russian forces shelled the outskirts of Kharkiv overnight, officials said."],
    );
}

#[test]
fn blank_lines_end_sentences_and_number_paragraphs() {
    let rules = RuleSet::embedded();
    let text = "A line without a stop\n\nNext paragraph. Two.";
    let s = segment(text, &rules.lexicon);
    let paragraphs: Vec<usize> = s.iter().map(|s| s.paragraph).collect();
    assert_eq!(paragraphs, [0, 1, 1]);
    assert!(s[0].heading);
    assert!(!s[1].heading);
}

#[test]
fn every_non_space_byte_is_in_exactly_one_sentence() {
    let rules = RuleSet::embedded();
    let text =
        " «Так» , he said.\r\n\r\nU.S. aid . . . arrived!! 1) one 2) two\u{a0}\u{feff}done… ok";
    let sentences = segment(text, &rules.lexicon);
    let mut covered = vec![0u8; text.len()];
    let mut last_end = 0;
    for s in &sentences {
        assert!(
            s.span.start >= last_end,
            "spans overlap or are out of order"
        );
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        last_end = s.span.end;
        covered[s.span.start..s.span.end]
            .iter_mut()
            .for_each(|c| *c += 1);
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() && c != '\u{feff}' {
            assert_eq!(
                covered[i], 1,
                "byte {i} ({c:?}) covered {} times",
                covered[i]
            );
        }
    }
}

#[test]
fn finds_the_first_possible_sentence_end_at_any_offset() {
    let needles = [b'\n', b'.', b'!', b'?', 0xE2];
    let text = "Plain words, then “quoted” ones; a stop. A line\nbreak! Why? End…";
    let bytes = text.as_bytes();
    for from in 0..=bytes.len() {
        let slow = bytes[from..].iter().position(|b| needles.contains(b));
        assert_eq!(
            super::text::position_of_any(&bytes[from..], &needles),
            slow,
            "from {from}"
        );
    }
}

#[test]
fn unicode_separators_and_zero_width_spaces_separate_sentences() {
    for sep in ['\u{2028}', '\u{2029}', '\u{85}', '\u{200b}'] {
        let text = format!("Prices rose.{sep}Rents fell.{sep}Fuel held.");
        assert_split(&text, &["Prices rose.", "Rents fell.", "Fuel held."]);
    }
}

#[test]
fn a_speaker_after_a_closing_question_continues_it_unless_a_clause_follows() {
    assert_split(
        "\"Who can remember?\" the senator asks as the lights go out.",
        &["\"Who can remember?\" the senator asks as the lights go out."],
    );
    assert_split(
        "\"How do you bridge the divide?\" Trump acknowledged that a rift exists.",
        &[
            "\"How do you bridge the divide?\"",
            "Trump acknowledged that a rift exists.",
        ],
    );
}
