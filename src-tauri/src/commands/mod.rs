//! The app's `#[tauri::command]`s, each declared once in `list.rs`: the command itself (a call of
//! the `App` method of its name), the handler list, [`COMMANDS`], the ACL permissions (build.rs)
//! and the TypeScript signatures ([`typescript`]) all come from that one list. Only the shell's
//! own commands are written by hand, in [`desktop`].

pub mod desktop;
pub mod typescript;

use tauri::State;

use crate::about::*;
use crate::app::App;
use crate::error::CommandResult;
use crate::print::*;
use crate::views::{
    actions::*, books::*, counter::*, create::*, dashboard::*, day::*, doctor::*, escrows::*,
    kyc::*, links::*, profiles::*,
};
use merchant_core::Settings;

/// Expands the command list into the commands and the shell's three views of them.
macro_rules! app_commands {
    (
        app { $($name:ident ( $($arg:ident : $arg_ty:ty)? ) -> $answer:ty ;)* }
        shell { $($module:ident :: $own:ident ( $($own_arg:ident : $own_arg_ty:ty)? ) -> $own_answer:ty ;)* }
    ) => {
        $(
            #[doc = concat!("The `", stringify!($name), "` command: [`App::", stringify!($name), "`].")]
            #[tauri::command]
            #[tracing::instrument(skip_all, err)]
            pub async fn $name(app: State<'_, App>, $($arg: $arg_ty)?) -> CommandResult<$answer> {
                app.$name($($arg)?).await
            }
        )*

        /// Every `#[tauri::command]` the app registers, in snake_case as the UI invokes them.
        pub const COMMANDS: &[&str] = &[$(stringify!($name),)* $(stringify!($own)),*];

        /// The IPC handler of every command, for `Builder::invoke_handler`.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name,)* $($module::$own),*]
        }

        /// Each command's TypeScript signature, from the Rust types it takes and answers.
        // `($($arg_ty)?)` is the argument's type, or `()` for a command without one.
        #[allow(unused_parens)]
        pub fn signatures(cfg: &ts_rs::Config) -> Vec<typescript::Signature> {
            vec![
                $(typescript::Signature::of::<($($arg_ty)?), $answer>(
                    cfg,
                    stringify!($name),
                    &[$(stringify!($arg))?],
                ),)*
                $(typescript::Signature::of::<($($own_arg_ty)?), $own_answer>(
                    cfg,
                    stringify!($own),
                    &[$(stringify!($own_arg))?],
                )),*
            ]
        }

        /// Exports the TypeScript of every type a command takes or answers (and what they use).
        #[allow(unused_parens)]
        pub fn export_types(cfg: &ts_rs::Config) -> Result<(), ts_rs::ExportError> {
            $(typescript::Signature::export::<($($arg_ty)?), $answer>(cfg)?;)*
            $(typescript::Signature::export::<($($own_arg_ty)?), $own_answer>(cfg)?;)*
            Ok(())
        }
    };
}

include!("list.rs");
