//! Codec tests: events round trip; damaged bytes and unsafe text are refused.

use super::*;

#[test]
fn events_round_trip() {
    let catalog = crate::model::load::bundled();
    let mut enc = Encoder::default();
    for e in &catalog.events {
        enc.event(e);
    }
    let mut dec = Decoder::new(&enc.bytes);
    let mut e = blank_event();
    for original in &catalog.events {
        dec.event_into(&mut e).unwrap();
        assert_eq!(&e, original);
    }
    assert!(dec.is_done());
}

#[test]
fn text_the_sanitiser_would_remove_is_refused() {
    for bad in [
        "a\u{1b}]0;x",
        "\u{7f}",
        "é\u{9b}",
        "café\u{200b}",
        "\u{3164}",
        "x\t",
    ] {
        assert!(!is_clean(bad), "{bad:?}");
    }
    for good in ["", "plain", "two\nlines", "Sommet à Tallinn", "東京"] {
        assert!(is_clean(good), "{good:?}");
    }
}

#[test]
fn truncated_bytes_are_refused() {
    let catalog = crate::model::load::bundled();
    let mut enc = Encoder::default();
    enc.event(&catalog.events[0]);
    let cut = &enc.bytes[..enc.bytes.len() - 3];
    assert!(Decoder::new(cut).event_into(&mut blank_event()).is_none());
}
