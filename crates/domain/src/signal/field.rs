//! The columns of a signal file and one row of raw text read from it.

/// The fields of the default CSV header, in that header's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignalField {
    Kenmerk,
    Soort,
    Bedrag,
    Ontstaansdatum,
    Signaaldatum,
    Crisissignaal,
    WarmeOverdracht,
    Bsn,
    Voorletters,
    Voorvoegsel,
    Achternaam,
    Geboortedatum,
    Straatnaam,
    Huisnummer,
    Huisnummertoevoeging,
    Postcode,
    Plaatsnaam,
    Telefoon,
    Email,
    Maandhuur,
    ContactGezocht,
    GewezenOpSchuldhulp,
    HerinneringVerstuurd,
    BezwaarTegenDoorgeven,
    /// How and when the person would like to be contacted, in their own
    /// words (not a DDAS field: for the gemeente's worker only).
    Contactvoorkeur,
}

impl SignalField {
    pub const COUNT: usize = 25;

    pub const ALL: [SignalField; SignalField::COUNT] = [
        SignalField::Kenmerk,
        SignalField::Soort,
        SignalField::Bedrag,
        SignalField::Ontstaansdatum,
        SignalField::Signaaldatum,
        SignalField::Crisissignaal,
        SignalField::WarmeOverdracht,
        SignalField::Bsn,
        SignalField::Voorletters,
        SignalField::Voorvoegsel,
        SignalField::Achternaam,
        SignalField::Geboortedatum,
        SignalField::Straatnaam,
        SignalField::Huisnummer,
        SignalField::Huisnummertoevoeging,
        SignalField::Postcode,
        SignalField::Plaatsnaam,
        SignalField::Telefoon,
        SignalField::Email,
        SignalField::Maandhuur,
        SignalField::ContactGezocht,
        SignalField::GewezenOpSchuldhulp,
        SignalField::HerinneringVerstuurd,
        SignalField::BezwaarTegenDoorgeven,
        SignalField::Contactvoorkeur,
    ];

    /// Without these a signal cannot be routed, matched or acted on.
    pub const REQUIRED: [SignalField; 6] = [
        SignalField::Kenmerk,
        SignalField::Bedrag,
        SignalField::Signaaldatum,
        SignalField::Achternaam,
        SignalField::Postcode,
        SignalField::Huisnummer,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_required(self) -> bool {
        SignalField::REQUIRED.contains(&self)
    }

    /// The column name in the default header.
    pub fn name(self) -> &'static str {
        match self {
            SignalField::Kenmerk => "kenmerk",
            SignalField::Soort => "soort",
            SignalField::Bedrag => "bedrag",
            SignalField::Ontstaansdatum => "ontstaansdatum",
            SignalField::Signaaldatum => "signaaldatum",
            SignalField::Crisissignaal => "crisissignaal",
            SignalField::WarmeOverdracht => "warme_overdracht",
            SignalField::Bsn => "bsn",
            SignalField::Voorletters => "voorletters",
            SignalField::Voorvoegsel => "voorvoegsel",
            SignalField::Achternaam => "achternaam",
            SignalField::Geboortedatum => "geboortedatum",
            SignalField::Straatnaam => "straatnaam",
            SignalField::Huisnummer => "huisnummer",
            SignalField::Huisnummertoevoeging => "huisnummertoevoeging",
            SignalField::Postcode => "postcode",
            SignalField::Plaatsnaam => "plaatsnaam",
            SignalField::Telefoon => "telefoon",
            SignalField::Email => "email",
            SignalField::Maandhuur => "maandhuur",
            SignalField::ContactGezocht => "contact_gezocht",
            SignalField::GewezenOpSchuldhulp => "gewezen_op_schuldhulp",
            SignalField::HerinneringVerstuurd => "herinnering_verstuurd",
            SignalField::BezwaarTegenDoorgeven => "bezwaar_tegen_doorgeven",
            SignalField::Contactvoorkeur => "contactvoorkeur",
        }
    }

    /// Case-insensitive and trimmed; "warme overdracht" and
    /// "warme-overdracht" are taken for "warme_overdracht" too, since people
    /// retype headers in spreadsheets.
    pub fn from_header(header: &str) -> Option<SignalField> {
        let wanted = header.trim().to_lowercase().replace([' ', '-'], "_");
        SignalField::ALL.into_iter().find(|f| f.name() == wanted)
    }
}

/// One row as read: the trimmed text of every field (empty when the file
/// lacks it) and the physical line where the row starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawSignal {
    pub line: u64,
    values: [String; SignalField::COUNT],
}

impl RawSignal {
    pub fn new(line: u64) -> Self {
        RawSignal {
            line,
            ..RawSignal::default()
        }
    }

    pub fn get(&self, field: SignalField) -> &str {
        &self.values[field.index()]
    }

    /// Stores the value trimmed, as the reader would.
    pub fn set(&mut self, field: SignalField, value: &str) {
        let slot = &mut self.values[field.index()];
        slot.clear();
        slot.push_str(value.trim());
    }

    /// Direct access for readers that decode into the existing buffer; the
    /// caller keeps the value trimmed.
    pub fn value_mut(&mut self, field: SignalField) -> &mut String {
        &mut self.values[field.index()]
    }

    /// Empties every value but keeps the buffers, so a reader can reuse one
    /// `RawSignal` for every row.
    pub fn clear(&mut self, line: u64) {
        self.line = line;
        self.values.iter_mut().for_each(String::clear);
    }

    pub fn is_blank(&self) -> bool {
        self.values.iter().all(String::is_empty)
    }

    /// The fields that have a value, in header order.
    pub fn filled(&self) -> impl Iterator<Item = (SignalField, &str)> {
        SignalField::ALL
            .into_iter()
            .map(|f| (f, self.get(f)))
            .filter(|(_, v)| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_default_header_in_order() {
        let header: Vec<&str> = SignalField::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(
            header.join(";"),
            "kenmerk;soort;bedrag;ontstaansdatum;signaaldatum;crisissignaal;warme_overdracht;\
             bsn;voorletters;voorvoegsel;achternaam;geboortedatum;straatnaam;huisnummer;\
             huisnummertoevoeging;postcode;plaatsnaam;telefoon;email;maandhuur;contact_gezocht;\
             gewezen_op_schuldhulp;herinnering_verstuurd;bezwaar_tegen_doorgeven;contactvoorkeur"
        );
        for (i, field) in SignalField::ALL.iter().enumerate() {
            assert_eq!(field.index(), i);
            assert_eq!(SignalField::from_header(field.name()), Some(*field));
        }
    }

    #[test]
    fn from_header_table() {
        let cases: &[(&str, Option<SignalField>)] = &[
            ("kenmerk", Some(SignalField::Kenmerk)),
            ("  Kenmerk ", Some(SignalField::Kenmerk)),
            ("POSTCODE", Some(SignalField::Postcode)),
            ("Warme Overdracht", Some(SignalField::WarmeOverdracht)),
            ("warme-overdracht", Some(SignalField::WarmeOverdracht)),
            ("e-mail", None),
            ("naam", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(SignalField::from_header(header), *expected, "{header:?}");
        }
    }

    #[test]
    fn raw_signal_trims_and_reuses() {
        let mut raw = RawSignal::new(3);
        raw.set(SignalField::Achternaam, "  Jansen ");
        assert_eq!(raw.get(SignalField::Achternaam), "Jansen");
        assert_eq!(raw.filled().count(), 1);
        raw.clear(4);
        assert!(raw.is_blank());
        assert_eq!(raw.line, 4);
    }
}
