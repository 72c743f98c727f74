//! The event record: what one timeline entry is, as read from RON and written as JSON.

pub(crate) mod date;
pub mod events;
pub(crate) mod lang;
pub mod load;

use chrono::NaiveDate;
pub use date::{Date, DateError, Precision};
pub use events::Events;
pub use lang::Lang;
use serde::{Deserialize, Serialize};

/// One dated event of the timeline, backed by one or more sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable, readable, unique slug, e.g. `2017-10-04-tallinn-eap-cyber-conference`.
    pub id: String,
    /// First day, month or year of the event, at its precision.
    pub start: Date,
    /// Last day, month or year, when the event spans more than its start.
    #[serde(default)]
    pub end: Option<Date>,
    /// How the dates were arrived at when no source states them, e.g. `inferred from the
    /// dateline of 004`; `None` means a source states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<String>,
    /// Whether, as of its latest source, the event had taken place.
    pub status: Status,
    /// What sort of event it is.
    pub kind: Kind,
    /// Short name, in English and French.
    pub title: Text,
    /// What happened or was decided, in 1-4 sentences, in English and French.
    pub summary: Text,
    /// Cities, buildings and countries where it took place.
    #[serde(default)]
    pub places: Vec<String>,
    /// Bodies and countries that organised it.
    #[serde(default)]
    pub organisers: Vec<String>,
    /// Bodies, countries and people that took part.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Topics from the fixed vocabulary in [`Tag`].
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Evidence: seed quotes, or for user events a URL or citation.
    pub sources: Vec<Source>,
    /// Ids of linked records.
    #[serde(default)]
    pub related: Vec<String>,
    /// Fields whose values knowingly do not appear in any quote, each with the reason, so
    /// that `check` does not warn about them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_waivers: Vec<Waiver>,
}

impl Event {
    /// The title in the given language.
    pub fn title(&self, lang: Lang) -> &str {
        self.title.get(lang)
    }

    /// The summary in the given language.
    pub fn summary(&self, lang: Lang) -> &str {
        self.summary.get(lang)
    }

    /// The last day-precision-aware date of the event: `end` if any, else `start`.
    pub fn last(&self) -> Date {
        self.end.unwrap_or(self.start)
    }

    /// The date as shown in lists: `2017-10-04`, `2022-07`, `2015-2020`, `2024-06-20..21`.
    pub fn date_label(&self) -> String {
        date::span_label(self.start, self.end)
    }

    /// How long the event lasted, at the precision of its dates: `1 day`, `2 days`,
    /// `3 months`, `6 years`.
    pub fn duration_label(&self) -> String {
        let plural = |n: i64, unit: &str| {
            if n == 1 {
                format!("1 {unit}")
            } else {
                format!("{n} {unit}s")
            }
        };
        let last = self.last();
        match self.start.precision().min(last.precision()) {
            Precision::Day => {
                let days = (last.last_day() - self.start.first_day()).num_days() + 1;
                plural(days, "day")
            }
            Precision::Month => {
                let months = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month().unwrap_or(1));
                plural(months(last) - months(self.start) + 1, "month")
            }
            Precision::Year => plural(i64::from(last.year() - self.start.year()) + 1, "year"),
        }
    }

    /// Whether a source states the dates (`false` when [`Event::date_basis`] says how they
    /// were inferred).
    pub fn date_is_stated(&self) -> bool {
        self.date_basis.is_none()
    }

    /// The date of the latest source the record cites: what its status is "as of".
    ///
    /// A seed's date comes from the citation table ([`crate::seed::citation`]); a user
    /// source's from its `date:` (the first day it covers). `None` when no source is dated.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.sources.iter().filter_map(Source::as_of).max()
    }

    /// Whether the event overlaps the inclusive year range.
    pub fn overlaps_years(&self, from: i32, to: i32) -> bool {
        self.start.year() <= to && self.last().year() >= from
    }
}

/// A text in both languages of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English, a faithful translation of the French.
    pub en: String,
    /// French, in the seed's wording.
    pub fr: String,
}

impl Text {
    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// Whether the event had taken place as of its latest source (see [`Event::as_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It took place (or was adopted, opened, published) before the source was written.
    Held,
    /// It was announced or planned for a later date.
    Planned,
    /// It had begun and was still running when the source was written (a programme that
    /// "will cover 2015-2020", written in 2017).
    Ongoing,
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: &'static [Status] = &[Status::Held, Status::Planned, Status::Ongoing];

    /// The name used in RON, JSON and queries.
    pub fn name(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
        }
    }
}

/// A field of a record that `check` looks for in the record's quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceField {
    /// `places`.
    Places,
    /// `organisers`.
    Organisers,
    /// `participants`.
    Participants,
}

impl EvidenceField {
    /// Every field, in declaration order.
    pub const ALL: &'static [EvidenceField] = &[
        EvidenceField::Places,
        EvidenceField::Organisers,
        EvidenceField::Participants,
    ];

    /// The field's name in RON.
    pub fn name(self) -> &'static str {
        match self {
            EvidenceField::Places => "places",
            EvidenceField::Organisers => "organisers",
            EvidenceField::Participants => "participants",
        }
    }
}

/// Why the values of one field are not all found in the record's quotes, e.g. a country
/// inferred from the city a quote names. Silences `check`'s warning for that field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The field concerned.
    pub field: EvidenceField,
    /// Why its values are right although no quote states them.
    pub reason: String,
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The snake_case name used in RON, JSON and queries.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

vocabulary! {
    /// What sort of event a record is. A closed set: unknown kinds are errors.
    Kind {
        /// A conference or forum with speakers and experts.
        Conference => "conference",
        /// A meeting of officials, ambassadors or experts (not ministers).
        Meeting => "meeting",
        /// A scenario-based discussion, tabletop or simulation exercise.
        Exercise => "exercise",
        /// Conclusions adopted or approved by the Council of the EU.
        CouncilConclusions => "council_conclusions",
        /// A meeting of ministers.
        Ministerial => "ministerial",
        /// A meeting of heads of state or government, or a world summit.
        Summit => "summit",
        /// A strategy or policy framework adopted.
        Strategy => "strategy",
        /// A regulation, directive or other law adopted.
        Legislation => "legislation",
        /// A funded programme, project or package of measures.
        Programme => "programme",
        /// An office, delegation or centre opened.
        OfficeOpening => "office_opening",
        /// A planned review or stock-taking of a policy.
        Review => "review",
        /// A report, list or study published.
        Publication => "publication",
        /// A joint declaration signed or adopted.
        Declaration => "declaration",
        /// Negotiations towards an agreement or a text.
        Negotiation => "negotiation",
        /// A goal set with a deadline, e.g. expertise in every delegation within two years.
        Target => "target",
    }
}

vocabulary! {
    /// Topic of an event. A small fixed vocabulary so that `tag:` filters stay useful.
    Tag {
        /// Security of networks and information systems.
        Cybersecurity => "cybersecurity",
        /// Diplomacy on security and stability in cyberspace.
        CyberDiplomacy => "cyber_diplomacy",
        /// The EU's external action on digital matters.
        DigitalDiplomacy => "digital_diplomacy",
        /// Online public administration and e-democracy.
        EGovernment => "e_government",
        /// Digital economy, trade in digital goods and data flows.
        DigitalEconomy => "digital_economy",
        /// Networks, broadband, cables and satellites.
        Connectivity => "connectivity",
        /// Human rights and democracy online.
        HumanRights => "human_rights",
        /// Foreign information manipulation and interference.
        Disinformation => "disinformation",
        /// Artificial intelligence.
        ArtificialIntelligence => "artificial_intelligence",
        /// Technical standards and standardisation bodies.
        Standards => "standards",
        /// Governance of the internet and its multistakeholder forums.
        InternetGovernance => "internet_governance",
        /// United Nations and other multilateral processes.
        Multilateralism => "multilateralism",
        /// Training, expertise and capacity building.
        CapacityBuilding => "capacity_building",
        /// EU rules for the digital space.
        Regulation => "regulation",
        /// Critical and emerging technologies (5G/6G, quantum, semiconductors).
        EmergingTechnologies => "emerging_technologies",
        /// Cybercrime and its prosecution.
        Cybercrime => "cybercrime",
        /// Relations with the technology industry.
        TechIndustry => "tech_industry",
        /// Investment and development cooperation.
        Investment => "investment",
        /// The Eastern Partnership countries.
        EasternPartnership => "eastern_partnership",
        /// Africa and the African Union.
        Africa => "africa",
        /// Relations with the United States.
        Transatlantic => "transatlantic",
    }
}

/// Evidence for a record: a verbatim seed quote, or for user events a URL or citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name of a seed in `seeds/`, e.g. `004_31dbb5402f264f54.txt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    /// Address of a source outside the seeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Bibliographic citation of a source outside the seeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Verbatim passage; required with `seed`, where it is checked against the seed text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// When a source outside the seeds was published (seeds are dated by their citation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl Source {
    /// A short label of where the evidence comes from: seed file, URL or citation.
    pub fn origin(&self) -> &str {
        self.seed
            .as_deref()
            .or(self.url.as_deref())
            .or(self.citation.as_deref())
            .unwrap_or("")
    }

    /// The date this source speaks as of: its seed's date, or its own `date:`.
    pub fn as_of(&self) -> Option<NaiveDate> {
        match &self.seed {
            Some(name) => crate::seed::citation(name).map(|c| c.date),
            None => self.date.map(Date::first_day),
        }
    }
}
