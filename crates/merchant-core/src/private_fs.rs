//! Files and folders only the merchant can read. The book holds every buyer's email and the shop's
//! turnover; on a shared computer (a family PC, a shop's till with several accounts) other users
//! must not read them. On Unix the app's folders are 0700 and its files 0600 whatever the umask;
//! elsewhere the OS's per-user folders already keep them private.

use std::fs::{File, OpenOptions};
use std::path::Path;

use crate::error::{MerchantError, Result};

/// Creates `dir` (and missing parents) readable by its owner only. A folder that already exists
/// is left as it is: it may be one the merchant chose and shares on purpose (`--data-dir`).
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| MerchantError::io(dir, e))
}

/// Opens `path` for writing, creating it readable by its owner only when it is new (an existing
/// file loses the group's and others' access too). Nothing is truncated.
pub fn open_private_file(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(|e| MerchantError::io(path, e))?;
    restrict(path, 0o600)?;
    Ok(file)
}

/// Creates `path` empty and owner-only, or when it exists takes the group's and others' access
/// away (without opening it: it may be read-only on purpose).
fn create_new_private(path: &Path) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => restrict(path, 0o600),
        Err(e) => Err(MerchantError::io(path, e)),
    }
}

/// Narrows `path`'s permissions to at most `mode` (Unix only; a missing file is left alone). Bits
/// are only ever removed: a folder the owner made read-only stays read-only.
pub fn restrict(path: &Path, mode: u32) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::metadata(path) {
            Ok(meta) if meta.permissions().mode() & 0o777 & !mode != 0 => {
                let narrowed = meta.permissions().mode() & 0o777 & mode;
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(narrowed))
                    .map_err(|e| MerchantError::io(path, e))?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(MerchantError::io(path, e)),
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// Prepares a SQLite database file before SQLite opens it: its folder private, the file created
/// 0600 (an empty file is a new database to SQLite). SQLite gives its `-wal` and `-shm` files the
/// database file's own mode, so they are 0600 too; ones left by an older version are narrowed.
pub fn prepare_database_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        ensure_private_dir(dir)?;
    }
    create_new_private(path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        restrict(Path::new(&side), 0o600)?;
    }
    Ok(())
}
