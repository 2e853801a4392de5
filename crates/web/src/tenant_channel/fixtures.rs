//! One tenancy's letters for the tests: the domain's example letter
//! (`vangnet_domain::tenant_channel::letter::example`), so a figure checked
//! there is the figure checked here.

use super::PostalAddress;
use vangnet_domain::tenancy::Policy;
pub use vangnet_domain::tenant_channel::letter::example::{d, lenient, LINK, SENDER};
use vangnet_domain::tenant_channel::{compose, Letter, LetterKind};

pub fn letter(kind: LetterKind, policy: &Policy, tenant_name: &str) -> Letter {
    let input = vangnet_domain::tenant_channel::letter::example::input(kind, policy, tenant_name);
    assert_eq!(input.validate(), Ok(()), "the fixture is a valid letter");
    compose(&input)
}

pub fn sender() -> PostalAddress {
    PostalAddress {
        name: SENDER.to_string(),
        lines: vec!["Postbus 1234".to_string(), "2500 AA Den Haag".to_string()],
    }
}

pub fn recipient(name: &str) -> PostalAddress {
    PostalAddress {
        name: name.to_string(),
        lines: vec![
            "Laan van Meerdervoort 12".to_string(),
            "2517 AB Den Haag".to_string(),
        ],
    }
}
