//! Hostile caches: mutated, forged, pinned, misplaced. None may crash the program, allocate
//! from an unchecked size, or change what it shows.

use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;
use crate::model::load::Origin;
use crate::model::{Date, EvidenceField, Kind, Source, Status, Tag, Waiver};
use format::{Block, Layout};

/// A small cache of the bundled events, written once, with the catalog it was made from.
fn sample() -> &'static (Vec<u8>, Catalog) {
    static SAMPLE: OnceLock<(Vec<u8>, Catalog)> = OnceLock::new();
    SAMPLE.get_or_init(bundled_sample)
}

/// Whether a read gave exactly the catalog the cache was made from.
fn same_as_fresh(read: &(Catalog, Index), fresh: &Catalog) -> bool {
    let (c, index) = read;
    c.events == fresh.events
        && c.origins == fresh.origins
        && c.files == fresh.files
        && c.errors == fresh.errors
        && index.len() == fresh.events.len()
}

fn is_clean(catalog: &Catalog) -> bool {
    catalog.events.iter().all(|e| {
        let mut text = format!("{}{}{}{}", e.id, e.title.en, e.title.fr, e.summary.en);
        e.places.iter().for_each(|p| text.push_str(p));
        !text.chars().any(|c| c.is_control() && c != '\n')
    })
}

/// Where `block` starts in `bytes`.
fn block_start(bytes: &[u8], block: Block) -> usize {
    let layout = Layout::parse(bytes).unwrap();
    let part = layout.unverified(bytes, block).unwrap();
    part.as_ptr() as usize - bytes.as_ptr() as usize
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize),
    /// A little-endian length at this byte set to a huge value.
    Huge(usize, u64),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0usize..1 << 20;
    let huge = prop_oneof![
        Just(1u64 << 39),
        Just(u64::MAX),
        Just(u64::from(u32::MAX)),
        Just(1u64 << 32)
    ];
    prop_oneof![
        (at.clone(), 0u8..8).prop_map(|(a, bit)| Mutation::Flip(a, 1 << bit)),
        at.clone().prop_map(Mutation::Cut),
        (at, huge).prop_map(|(a, v)| Mutation::Huge(a, v)),
    ]
}

fn apply(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let n = out.len();
    match *m {
        Mutation::Flip(at, bit) => out[at % n] ^= bit,
        Mutation::Cut(at) => out.truncate(at % n),
        Mutation::Huge(at, value) => {
            let at = at % (n - 8);
            out[at..at + 8].copy_from_slice(&value.to_le_bytes());
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Damage never gives other output: the cache reads as the original or not at all.
    #[test]
    fn damaged_caches_read_as_the_original_or_not_at_all(m in mutation()) {
        let (bytes, fresh) = sample();
        let damaged = apply(bytes, &m);
        if let Some(read) = read_untrusted(&damaged, false) {
            prop_assert!(same_as_fresh(&read, fresh), "{m:?} served other content");
        }
    }

    /// Forged caches (checksums recomputed) never crash the reader nor smuggle control
    /// characters out of it.
    #[test]
    fn forged_caches_never_crash_nor_carry_escapes(m in mutation()) {
        let (bytes, _) = sample();
        let forged = apply(bytes, &m);
        if let Some((catalog, _)) = read_untrusted(&forged, true) {
            prop_assert!(is_clean(&catalog), "{m:?}");
        }
    }
}

#[test]
fn no_record_is_shorter_than_the_bound_on_event_counts() {
    let mut enc = codec::Encoder::default();
    enc.event(&codec::blank_event());
    enc.origin(Origin { file: 0, line: 0 });
    // Even compressed against a dictionary holding it whole.
    let mut packed = Vec::new();
    pack::pack_record(&enc.bytes, &mut pack::Packer::new(&enc.bytes), &mut packed);
    assert!(8 + packed.len() >= reader::MIN_RECORD, "{}", packed.len());
}

#[test]
fn an_intact_cache_reads_as_the_catalog() {
    let (bytes, fresh) = sample();
    assert!(same_as_fresh(&read_untrusted(bytes, false).unwrap(), fresh));
    assert!(same_as_fresh(&read_untrusted(bytes, true).unwrap(), fresh));
}

#[test]
fn an_escape_sequence_forged_into_a_title_is_refused() {
    // A forger who writes a whole cache (records compressed, every checksum right): the
    // decoder's text check refuses it.
    let (_, fresh) = sample();
    let mut bad = fresh.clone();
    bad.events[3].title.en = "Summit \x1b]0;owned\x07".into();
    let index = Index::new(&bad.events);
    let forged = store::write_cache(Vec::new(), b"key", &bad, &index).unwrap();
    assert!(read_untrusted(&forged, false).is_none(), "text check");
    // The same bytes in the original cache's dictionary: its checksum catches them, and a
    // resealed one unpacks the records into something else, refused as well.
    let (bytes, _) = sample();
    let title = fresh.events[0].title.en.as_bytes();
    let at = bytes.windows(title.len()).position(|w| w == title).unwrap();
    assert!(at >= block_start(bytes, Block::Dict) && at < block_start(bytes, Block::Events));
    let mut forged = bytes.clone();
    forged[at..at + 5].copy_from_slice(b"\x1b]0;x");
    assert!(read_untrusted(&forged, false).is_none(), "checksum");
    assert!(read_untrusted(&forged, true).is_none(), "other records");
}

/// The long text is stored compressed and unpacked on first read: a damaged block is
/// refused by the explorer's load (which checks every block) and voids the answers of the
/// one-shot queries that read it; a forged one (its checksum right) that does not unpack
/// (a wrong chunk count or size) voids the answers of the queries that read it.
#[test]
fn bad_long_text_voids_what_reads_it() {
    let (bytes, _) = sample();
    let long = Layout::parse(bytes).unwrap().range(Block::LongText);
    let mid = long.start + long.len() / 2;
    for (at, reseal) in [(long.start + 3, true), (long.start + 9, true), (mid, false)] {
        let mut forged = bytes.clone();
        forged[at] ^= 0x5a;
        if reseal {
            format::reseal(&mut forged);
        }
        let holds = |_: &[u8]| key::Verdict::Untouched;
        let Opened::Good(reader) = check(Bytes::Owned(forged), PathBuf::new(), holds) else {
            panic!("the directory and metadata are intact");
        };
        let indexes = match reader.index() {
            Some(loaded) => {
                assert!(reseal, "a damaged block was loaded at {at}");
                vec![loaded, reader.index_deferring_text().unwrap()]
            }
            None => vec![reader.index_deferring_text().unwrap()],
        };
        let cancel = std::sync::atomic::AtomicBool::new(false);
        for index in indexes {
            let plain = Query::parse("cyber").unwrap();
            assert!(
                index.filter(&plain, None, &cancel).is_some(),
                "word index at {at}"
            );
            let exact = Query::parse("'cyber").unwrap();
            assert_eq!(index.filter(&exact, None, &cancel), None, "exact at {at}");
        }
    }
}

#[test]
fn a_damaged_dictionary_means_a_rebuild() {
    let (bytes, _) = sample();
    let at = block_start(bytes, Block::Dict) + 100;
    let mut damaged = bytes.clone();
    damaged[at] ^= 1;
    assert!(read_untrusted(&damaged, false).is_none());
}

#[test]
fn a_huge_word_index_size_is_refused_without_allocating() {
    let (bytes, _) = sample();
    let at = block_start(bytes, Block::Words);
    let mut forged = bytes.clone();
    forged[at..at + 8].copy_from_slice(&(1u64 << 39).to_le_bytes());
    assert!(read_untrusted(&forged, false).is_none());
    assert!(read_untrusted(&forged, true).is_none());
}

/// Two hand-made events, so that the pinned bytes do not move when the data does.
fn pinned_catalog() -> Catalog {
    let mut a = codec::blank_event();
    a.id = "2017-10-04-tallinn".into();
    a.start = Date::ymd(2017, 10, 4).unwrap();
    a.title.en = "Tallinn Digital Summit".into();
    a.title.fr = "Sommet numérique de Tallinn".into();
    a.summary.en = "Leaders met.\nThey talked.".into();
    a.places = vec!["Tallinn".into()];
    a.tags = vec![Tag::ALL[0]];
    a.date_basis = Some("inferred from the dateline of 004".into());
    a.sources = vec![Source {
        url: Some("https://example.org/a".into()),
        date: Date::ymd(2017, 10, 5),
        ..Source::default()
    }];
    a.evidence_waivers = vec![Waiver {
        field: EvidenceField::ALL[0],
        reason: "named in the title".into(),
    }];
    let mut b = codec::blank_event();
    b.id = "2030-lulea".into();
    b.start = Date::month_only(2030, 6).unwrap();
    b.end = Some(Date::year_only(2031).unwrap());
    b.status = Status::ALL[Status::ALL.len() - 1];
    b.kind = Kind::ALL[1];
    b.related = vec![a.id.clone()];
    Catalog {
        events: vec![a, b],
        origins: vec![Origin { file: 0, line: 3 }, Origin { file: 0, line: 40 }],
        files: vec!["events.ron".into()],
        errors: vec![LoadError {
            path: "events.ron".into(),
            line: 80,
            col: 5,
            message: "missing field `kind`".into(),
        }],
    }
}

/// The layout is pinned: any change to the bytes written changes this hash, including a
/// change to how the search index folds text (cached folded text would then be stale). When
/// it fails, bump `format::VERSION` and pin the new hash with it, so that old caches are
/// rebuilt rather than misread.
#[test]
fn the_byte_layout_is_pinned_to_its_version() {
    const PIN: (u8, u64) = (b'9', 0x080b576564beaae5);
    let catalog = pinned_catalog();
    let index = Index::new(&catalog.events);
    let bytes = store::write_cache(Vec::new(), b"key", &catalog, &index).unwrap();
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    assert_eq!(
        (format::VERSION, hash),
        PIN,
        "the cache layout changed: bump format::VERSION and pin ({:?}, {hash:#x})",
        format::VERSION as char
    );
    let (read, _) = read_untrusted(&bytes, false).unwrap();
    assert_eq!(read.events, catalog.events);
}
