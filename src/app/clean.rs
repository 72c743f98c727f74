//! Display safety: event text loses escape sequences and control characters before drawing.

use crate::model::Event;
use crate::text::{is_unsafe, sanitize_line};

/// The event with every displayed text made safe to print on one line.
pub(super) fn clean_event(mut event: Event) -> Event {
    fn clean(text: &mut String) {
        if text.chars().any(|c| is_unsafe(c) || c == '\n') {
            *text = sanitize_line(text);
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
