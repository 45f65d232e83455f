//! The typed `invoke` signatures of ui/src/bindings/commands.ts, written from the command list
//! with the TypeScript names ts-rs gives the Rust types.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ts_rs::{Config, Dependency, ExportError, TS, TypeVisitor};

/// One command as the UI calls it.
#[derive(Debug)]
pub struct Signature {
    name: &'static str,
    /// The argument's name and TypeScript type; commands take one argument or none.
    argument: Option<(&'static str, String)>,
    answer: String,
    /// The generated types the signature names: TypeScript name → file, relative to bindings.
    imports: BTreeMap<String, PathBuf>,
}

impl Signature {
    /// The signature of `name`, taking `A` (`()` for none) under `argument_names`, answering `T`.
    pub fn of<A: TS + 'static, T: TS + 'static>(
        cfg: &Config,
        name: &'static str,
        argument_names: &[&'static str],
    ) -> Self {
        let mut imports = Imports {
            cfg,
            found: BTreeMap::new(),
        };
        imports.visit::<A>();
        imports.visit::<T>();
        Signature {
            name,
            argument: argument_names.first().map(|arg| (*arg, A::name(cfg))),
            answer: T::name(cfg),
            imports: imports.found,
        }
    }

    /// Exports every type a signature names (and what they use), so the list of commands is
    /// also the list of types.
    pub fn export<A: TS + 'static, T: TS + 'static>(cfg: &Config) -> Result<(), ExportError> {
        let mut exports = Exports { cfg, error: None };
        exports.visit::<A>();
        exports.visit::<T>();
        exports.error.map_or(Ok(()), Err)
    }
}

/// Exports the named types, looking through `Vec`, `Option` and the like (which have no file).
struct Exports<'a> {
    cfg: &'a Config,
    error: Option<ExportError>,
}

impl TypeVisitor for Exports<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.error.is_some() {
            return;
        }
        if T::output_path().is_some() {
            self.error = T::export_all(self.cfg).err();
        } else {
            T::visit_generics(self);
        }
    }
}

/// Collects the exported types a signature names, looking through `Vec`, `Option` and the like.
struct Imports<'a> {
    cfg: &'a Config,
    found: BTreeMap<String, PathBuf>,
}

impl TypeVisitor for Imports<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        match Dependency::from_ty::<T>(self.cfg) {
            Some(dependency) => {
                self.found
                    .insert(dependency.ts_name, dependency.output_path);
            }
            None => T::visit_generics(self),
        }
    }
}

/// The text of `commands.ts`: the imports, the `Commands` map and the list of names.
pub fn render(signatures: &[Signature]) -> String {
    let mut imports = BTreeMap::new();
    for signature in signatures {
        imports.extend(signature.imports.clone());
    }
    let mut out = String::from(
        "// Generated from src-tauri/src/commands/list.rs by the bindings test. Do not edit.\n\n",
    );
    for (name, path) in &imports {
        let module = path.with_extension("");
        out += &format!(
            "import type {{ {name} }} from \"./{}\";\n",
            module.display()
        );
    }
    out +=
        "\n/** Every app command, its argument and its answer. */\nexport interface Commands {\n";
    for signature in signatures {
        let args = match &signature.argument {
            Some((arg, ty)) => format!("{{ {arg}: {ty} }}"),
            None => "Record<string, never>".to_owned(),
        };
        out += &format!(
            "  {}: {{ args: {args}; result: {} }};\n",
            signature.name, signature.answer
        );
    }
    out += "}\n\n/** The name of an app command. */\nexport type CommandName = keyof Commands;\n\n";
    out += "/** Names of all commands. */\nexport const COMMAND_NAMES = [\n";
    for signature in signatures {
        out += &format!("  \"{}\",\n", signature.name);
    }
    out += "] as const satisfies readonly CommandName[];\n";
    out
}
