//! Display safety: event text loses terminal control characters before it is drawn.

use crate::model::Event;

/// Strips terminal control characters from every displayed text of an event.
pub(super) fn clean_event(mut event: Event) -> Event {
    fn clean(text: &mut String) {
        if text.chars().any(is_unsafe) {
            *text = text
                .chars()
                .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
                .filter(|&c| !is_unsafe(c))
                .collect();
        }
    }
    for text in [
        &mut event.title.en,
        &mut event.title.fr,
        &mut event.summary.en,
        &mut event.summary.fr,
    ] {
        clean(text);
    }
    for list in [
        &mut event.places,
        &mut event.organisers,
        &mut event.participants,
        &mut event.related,
    ] {
        list.iter_mut().for_each(clean);
    }
    for source in &mut event.sources {
        for text in [
            &mut source.seed,
            &mut source.url,
            &mut source.citation,
            &mut source.quote,
        ]
        .into_iter()
        .flatten()
        {
            clean(text);
        }
    }
    event
}

/// Escape sequences and bidi overrides in data could rewrite the screen or reorder text.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
