//! Vocabulary of the synthetic record generator: places, actors, topics, phrasing.

use cyberdiplo::model::{Kind, Tag};

/// Cities (with accents where the local name has them) and their countries.
pub const PLACES: &[(&str, &str)] = &[
    ("Brussels", "Belgium"),
    ("Strasbourg", "France"),
    ("Luxembourg", "Luxembourg"),
    ("Tallinn", "Estonia"),
    ("Vilnius", "Lithuania"),
    ("Rīga", "Latvia"),
    ("Helsinki", "Finland"),
    ("Luleå", "Sweden"),
    ("Malmö", "Sweden"),
    ("København", "Denmark"),
    ("Berlin", "Germany"),
    ("München", "Germany"),
    ("Paris", "France"),
    ("Besançon", "France"),
    ("Madrid", "Spain"),
    ("Lisboa", "Portugal"),
    ("Roma", "Italy"),
    ("Athína", "Greece"),
    ("Valletta", "Malta"),
    ("Nicosia", "Cyprus"),
    ("Sofia", "Bulgaria"),
    ("București", "Romania"),
    ("Budapest", "Hungary"),
    ("Bratislava", "Slovakia"),
    ("Praha", "Czechia"),
    ("Kraków", "Poland"),
    ("Warszawa", "Poland"),
    ("Ljubljana", "Slovenia"),
    ("Zagreb", "Croatia"),
    ("Wien", "Austria"),
    ("The Hague", "Netherlands"),
    ("Dublin", "Ireland"),
    ("Reykjavík", "Iceland"),
    ("Genève", "Switzerland"),
    ("Zürich", "Switzerland"),
    ("Tbilisi", "Georgia"),
    ("Chișinău", "Moldova"),
    ("Kyiv", "Ukraine"),
    ("Yerevan", "Armenia"),
    ("Baku", "Azerbaijan"),
    ("Addis Ababa", "Ethiopia"),
    ("Nairobi", "Kenya"),
    ("Dakar", "Senegal"),
    ("Abidjan", "Côte d’Ivoire"),
    ("Yaoundé", "Cameroon"),
    ("Lomé", "Togo"),
    ("Kigali", "Rwanda"),
    ("Accra", "Ghana"),
    ("Tunis", "Tunisia"),
    ("Rabat", "Morocco"),
    ("Singapore", "Singapore"),
    ("Tōkyō", "Japan"),
    ("Seoul", "South Korea"),
    ("New Delhi", "India"),
    ("Jakarta", "Indonesia"),
    ("Washington", "United States"),
    ("New York", "United States"),
    ("Ottawa", "Canada"),
    ("Montréal", "Canada"),
    ("Ciudad de México", "Mexico"),
    ("Bogotá", "Colombia"),
    ("São Paulo", "Brazil"),
    ("Brasília", "Brazil"),
    ("Santiago", "Chile"),
    ("Buenos Aires", "Argentina"),
];

/// Bodies, agencies and delegations.
pub const BODIES: &[&str] = &[
    "European Commission",
    "Council of the EU",
    "European External Action Service",
    "European Parliament",
    "ENISA",
    "Europol",
    "CERT-EU",
    "European Cybersecurity Competence Centre",
    "NATO",
    "OSCE",
    "Council of Europe",
    "African Union Commission",
    "United Nations Office for Disarmament Affairs",
    "International Telecommunication Union",
    "OECD",
    "Global Forum on Cyber Expertise",
    "Agence nationale de la sécurité des systèmes d’information",
    "Bundesamt für Sicherheit in der Informationstechnik",
    "Ministère de l’Europe et des Affaires étrangères",
    "Centre for Cybersecurity Belgium",
    "Estonian Information System Authority",
    "Nationaal Cyber Security Centrum",
    "Instituto Nacional de Ciberseguridad",
    "Agenzia per la Cybersicurezza Nazionale",
    "e-Governance Academy",
    "EU Delegation to the African Union",
    "EU Delegation to Georgia",
    "EU Delegation to the United States",
    "Smart Africa Alliance",
    "Organization of American States",
];

/// People, with their role in English and in French.
pub const PEOPLE: &[(&str, &str, &str)] = &[
    (
        "Josep Borrell",
        "High Representative of the Union for Foreign Affairs and Security Policy",
        "haut représentant de l’Union pour les affaires étrangères et la politique de sécurité",
    ),
    (
        "Margrethe Vestager",
        "Executive Vice-President of the European Commission",
        "vice-présidente exécutive de la Commission européenne",
    ),
    (
        "Thierry Breton",
        "Commissioner for the Internal Market",
        "commissaire chargé du marché intérieur",
    ),
    (
        "Andrus Ansip",
        "Vice-President for the Digital Single Market",
        "vice-président chargé du marché unique numérique",
    ),
    (
        "Federica Mogherini",
        "High Representative and Vice-President",
        "haute représentante et vice-présidente",
    ),
    (
        "Henna Virkkunen",
        "Executive Vice-President for Tech Sovereignty",
        "vice-présidente exécutive chargée de la souveraineté technologique",
    ),
    (
        "Kaja Kallas",
        "High Representative of the Union",
        "haute représentante de l’Union",
    ),
    (
        "Juhan Lepassaar",
        "Executive Director of ENISA",
        "directeur exécutif de l’ENISA",
    ),
    (
        "Ursula von der Leyen",
        "President of the European Commission",
        "présidente de la Commission européenne",
    ),
    (
        "Mariya Gabriel",
        "Commissioner for Digital Economy and Society",
        "commissaire chargée de l’économie et de la société numériques",
    ),
];

/// What each kind of event is called in a title, in English and in French.
pub fn kind_phrase(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Conference => ("conference", "Conférence"),
        Kind::Meeting => (
            "meeting of senior officials",
            "Réunion de hauts fonctionnaires",
        ),
        Kind::Exercise => ("scenario-based exercise", "Exercice fondé sur un scénario"),
        Kind::CouncilConclusions => ("Council conclusions", "Conclusions du Conseil"),
        Kind::Ministerial => ("ministerial meeting", "Réunion ministérielle"),
        Kind::Summit => ("summit", "Sommet"),
        Kind::Strategy => ("strategy", "Stratégie"),
        Kind::Legislation => ("regulation", "Règlement"),
        Kind::Programme => ("programme", "Programme"),
        Kind::OfficeOpening => (
            "opening of a liaison office",
            "Ouverture d’un bureau de liaison",
        ),
        Kind::Review => ("review", "Examen"),
        Kind::Publication => ("report", "Rapport"),
        Kind::Declaration => ("joint declaration", "Déclaration commune"),
        Kind::Negotiation => ("negotiations", "Négociations"),
        Kind::Target => ("target", "Objectif"),
    }
}

/// A topic of a tag, in English and in French (with its article).
pub fn topic(tag: Tag, pick: usize) -> (&'static str, &'static str) {
    let options: &[(&str, &str)] = match tag {
        Tag::Cybersecurity => &[
            ("cybersecurity", "la cybersécurité"),
            ("cyber resilience", "la cyber-résilience"),
            ("incident response", "la réponse aux incidents"),
        ],
        Tag::CyberDiplomacy => &[
            (
                "the cyber diplomacy toolbox",
                "la boîte à outils cyberdiplomatique",
            ),
            (
                "responsible state behaviour in cyberspace",
                "le comportement responsable des États dans le cyberespace",
            ),
        ],
        Tag::DigitalDiplomacy => &[
            ("digital diplomacy", "la diplomatie numérique"),
            ("the Global Gateway", "la stratégie Global Gateway"),
        ],
        Tag::EGovernment => &[
            ("e-government", "l’administration en ligne"),
            ("digital public services", "les services publics numériques"),
        ],
        Tag::DigitalEconomy => &[
            ("the digital economy", "l’économie numérique"),
            (
                "cross-border data flows",
                "les flux transfrontières de données",
            ),
        ],
        Tag::Connectivity => &[
            ("submarine cables", "les câbles sous-marins"),
            ("high-speed broadband", "le haut débit"),
            (
                "secure satellite connectivity",
                "la connectivité satellitaire sécurisée",
            ),
        ],
        Tag::HumanRights => &[("human rights online", "les droits de l’homme en ligne")],
        Tag::Disinformation => &[(
            "foreign information manipulation and interference",
            "la manipulation de l’information et l’ingérence étrangères",
        )],
        Tag::ArtificialIntelligence => &[
            ("artificial intelligence", "l’intelligence artificielle"),
            ("trustworthy AI", "une IA digne de confiance"),
        ],
        Tag::Standards => &[("technical standards", "les normes techniques")],
        Tag::InternetGovernance => &[
            ("internet governance", "la gouvernance de l’internet"),
            ("the open and free internet", "un internet ouvert et libre"),
        ],
        Tag::Multilateralism => &[("multilateral cooperation", "la coopération multilatérale")],
        Tag::CapacityBuilding => &[
            (
                "cyber capacity building",
                "le renforcement des capacités cyber",
            ),
            ("training of CERT teams", "la formation des équipes CERT"),
        ],
        Tag::Regulation => &[
            ("EU digital rules", "les règles numériques de l’UE"),
            ("the NIS 2 directive", "la directive SRI 2"),
        ],
        Tag::EmergingTechnologies => &[
            ("5G security", "la sécurité de la 5G"),
            ("quantum technologies", "les technologies quantiques"),
            ("semiconductors", "les semi-conducteurs"),
        ],
        Tag::Cybercrime => &[
            (
                "the fight against cybercrime",
                "la lutte contre la cybercriminalité",
            ),
            ("the Budapest Convention", "la convention de Budapest"),
        ],
        Tag::TechIndustry => &[(
            "cooperation with the tech industry",
            "la coopération avec l’industrie technologique",
        )],
        Tag::Investment => &[("digital investment", "les investissements numériques")],
        Tag::EasternPartnership => &[(
            "the Eastern Partnership digital agenda",
            "l’agenda numérique du Partenariat oriental",
        )],
        Tag::Africa => &[(
            "the EU-Africa digital partnership",
            "le partenariat numérique UE-Afrique",
        )],
        Tag::Transatlantic => &[(
            "the EU-US Trade and Technology Council",
            "le Conseil du commerce et des technologies UE-États-Unis",
        )],
    };
    options[pick % options.len()]
}

/// Outcomes for the last sentence of a summary, in English and in French.
pub const OUTCOMES: &[(&str, &str)] = &[
    (
        "Participants agreed to meet again to take stock of progress.",
        "Les participants sont convenus de se réunir à nouveau pour faire le point sur les progrès accomplis.",
    ),
    (
        "A joint statement was adopted at the end of the discussions.",
        "Une déclaration commune a été adoptée à l’issue des discussions.",
    ),
    (
        "The conclusions call on member states to step up information sharing.",
        "Les conclusions invitent les États membres à renforcer le partage d’informations.",
    ),
    (
        "A follow-up report is expected within a year.",
        "Un rapport de suivi est attendu dans un délai d’un an.",
    ),
    (
        "Experts presented lessons learnt from recent incidents and exercises.",
        "Des experts ont présenté les enseignements tirés des incidents et exercices récents.",
    ),
];

/// Publishers named in citations.
pub const PUBLISHERS: &[&str] = &[
    "Council of the EU, press release",
    "European Commission, daily news",
    "EEAS, statement by the spokesperson",
    "Official Journal of the European Union",
    "ENISA, annual report",
];

/// Web sites of sources.
pub const SITES: &[&str] = &[
    "https://www.eeas.europa.eu/eeas/",
    "https://digital-strategy.ec.europa.eu/en/news/",
    "https://www.consilium.europa.eu/en/press/press-releases/",
    "https://www.enisa.europa.eu/news/",
];
