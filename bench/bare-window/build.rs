//! Tauri's codegen inputs (tauri.conf.json, dist/).

fn main() {
    tauri_build::build();
}
