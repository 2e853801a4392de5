//! Enumerations written as a stable slug (in JSON, storage and forms) with
//! a Dutch label for people. One macro, so every such list parses, prints
//! and refuses unknown values the same way.

/// Defines an enumeration whose serde form is its slug. Crate-wide, so the
/// eviction track and the kennisbank spell their lists the same way.
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $($(#[$vmeta:meta])* $variant:ident => $slug:literal, $label:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the order pick lists show them.
            pub const ALL: [$name; [$($slug),+].len()] = [$($name::$variant),+];

            pub fn slug(self) -> &'static str {
                match self {
                    $($name::$variant => $slug,)+
                }
            }

            pub fn label_nl(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// Exact slugs only: a slug is a key, not free text.
            pub fn from_slug(slug: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.slug() == slug)
            }

            /// `from_slug` with the Dutch reason a person can act on.
            pub fn parse(slug: &str) -> Result<Self, String> {
                Self::from_slug(slug).ok_or_else(|| {
                    let slugs: Vec<&str> = Self::ALL.iter().map(|v| v.slug()).collect();
                    format!("'{slug}' is geen {}; kies uit {}", $what, slugs.join(", "))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.slug())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use slug_enum;
