//! The TypeScript of the open string enums, for programs that hand these values to a web view
//! (the `ts` feature; the client itself never needs it).

#[doc(hidden)]
pub use ts_rs as __ts_rs;
use ts_rs::{Config, TS};

/// A value an open enum does not know yet, in TypeScript: any string DHMAD sends, branded.
///
/// Every open enum is `"known" | "values" | UnknownValue`. The catch-all must admit any string,
/// since a value DHMAD adds later crosses as the text it sent; a bare `string` (or `string & {}`)
/// member would do that too, but it would also let UI code write a misspelt value (`"payed"`)
/// wherever the enum is expected without a compiler error. The brand admits every string that
/// arrives, while a literal written in the UI must be one of the known values — and a switch's
/// `default` branch still receives a plain string it can show as it is.
#[derive(Debug)]
pub struct UnknownValue;

impl TS for UnknownValue {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn docs() -> Option<String> {
        Some(ts_rs::format_docs(&[
            " A value DHMAD (or this app) added after this build: shown as the text it is.",
        ]))
    }

    fn name(_: &Config) -> String {
        "UnknownValue".to_owned()
    }

    fn inline(_: &Config) -> String {
        "string & { readonly __unknownValue: never }".to_owned()
    }

    fn decl(cfg: &Config) -> String {
        format!("type UnknownValue = {};", Self::inline(cfg))
    }

    fn decl_concrete(cfg: &Config) -> String {
        Self::decl(cfg)
    }

    fn output_path() -> Option<std::path::PathBuf> {
        Some(std::path::PathBuf::from("UnknownValue.ts"))
    }
}

/// Implements `ts_rs::TS` for an open string enum (known values plus a verbatim catch-all), as
/// `type Name = "known" | "values" | UnknownValue` (see [`UnknownValue`] for why the brand).
#[macro_export]
macro_rules! string_enum_ts {
    ($name:ident, [$($doc:literal),*], [$($text:literal),+]) => {
        impl $crate::__ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            // A map keyed by the enum holds only some of its values: `{ [key in Name]?: V }`.
            const IS_ENUM: bool = true;

            fn docs() -> Option<String> {
                Some($crate::__ts_rs::format_docs(&[$($doc),*]))
            }

            fn name(_: &$crate::__ts_rs::Config) -> String {
                stringify!($name).to_owned()
            }

            fn inline(_: &$crate::__ts_rs::Config) -> String {
                concat!($("\"", $text, "\" | ",)+ "UnknownValue").to_owned()
            }

            fn decl(cfg: &$crate::__ts_rs::Config) -> String {
                let union = <Self as $crate::__ts_rs::TS>::inline(cfg);
                format!("type {} = {union};", stringify!($name))
            }

            fn decl_concrete(cfg: &$crate::__ts_rs::Config) -> String {
                <Self as $crate::__ts_rs::TS>::decl(cfg)
            }

            fn visit_dependencies(v: &mut impl $crate::__ts_rs::TypeVisitor)
            where
                Self: 'static,
            {
                v.visit::<$crate::UnknownValue>();
            }

            fn output_path() -> Option<std::path::PathBuf> {
                Some(std::path::PathBuf::from(concat!(stringify!($name), ".ts")))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use ts_rs::{Config, TS};

    use crate::{EscrowStatus, Role, UnknownValue};

    #[test]
    fn an_open_enum_is_its_known_values_or_a_branded_newer_text() {
        let cfg = Config::new();
        assert_eq!(
            EscrowStatus::decl(&cfg),
            "type EscrowStatus = \"pending\" | \"paid\" | \"delivered\" | \"completed\" | \
             \"cancelled\" | \"disputed\" | UnknownValue;"
        );
        assert_eq!(Role::inline(&cfg), "\"seller\" | \"buyer\" | UnknownValue");
        assert_eq!(
            EscrowStatus::output_path().unwrap().to_str(),
            Some("EscrowStatus.ts")
        );
        assert_eq!(
            EscrowStatus::docs().unwrap(),
            "/**\n * `escrow.status`.\n */\n"
        );
    }

    #[test]
    fn each_open_enum_file_imports_the_catch_all() {
        let cfg = Config::new();
        let deps = EscrowStatus::dependencies(&cfg);
        assert_eq!(deps.len(), 1);
        assert_eq!(deps[0].ts_name, "UnknownValue");
        let file = EscrowStatus::export_to_string(&cfg).unwrap();
        assert!(
            file.contains("import type { UnknownValue } from \"./UnknownValue\";"),
            "{file}"
        );
        assert_eq!(
            UnknownValue::decl(&cfg),
            "type UnknownValue = string & { readonly __unknownValue: never };"
        );
    }
}
