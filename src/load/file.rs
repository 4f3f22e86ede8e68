//! Reading a whole file with a size limit, so a device or a pipe cannot hang the build.

use std::io::Read;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing is at the path.
    NotFound,
    /// The path is a folder.
    Folder,
    /// The path is a device, a pipe or a socket, which may never end.
    NotAFile,
    /// The file is larger than the limit, in bytes.
    TooLarge(u64),
    /// The operating system refused: permissions and the like.
    Io(std::io::Error),
}

impl ReadError {
    /// Says what went wrong, to follow "the file ..." or "the image \"x\" ...".
    pub fn describe(&self) -> String {
        match self {
            ReadError::NotFound => "does not exist".to_string(),
            ReadError::Folder => "is a folder, not a file".to_string(),
            ReadError::NotAFile => "is not an ordinary file (a device or a pipe)".to_string(),
            ReadError::TooLarge(limit) => {
                format!("is larger than the {} MB allowed", limit / (1024 * 1024))
            }
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                "cannot be read: permission denied".to_string()
            }
            ReadError::Io(e) => format!("cannot be read: {}", lowercase_first(&e.to_string())),
        }
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What the path names, following links.
fn path_metadata(path: &Path) -> Result<std::fs::Metadata, ReadError> {
    std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    })
}

/// Refuses folders, devices, pipes and files over `max` bytes.
fn check_kind(metadata: &std::fs::Metadata, max: u64) -> Result<(), ReadError> {
    if metadata.is_dir() {
        return Err(ReadError::Folder);
    }
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    if metadata.len() > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(())
}

/// Reads an ordinary file whole, refusing folders, devices and files over `max` bytes.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let metadata = path_metadata(path)?;
    check_kind(&metadata, max)?;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // The file may grow between the check and the read: read one byte past the limit to tell.
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(bytes)
}

/// A file mapped into memory, for fonts: only the pages a build reads are
/// brought in, so a 700 KB font of which a packet draws a hundred glyphs
/// costs a few dozen page faults instead of a copy of the whole file.
///
/// The same checks as [`read_limited`] apply, made on the open file itself.
/// An empty file is read as no bytes (an empty mapping is not allowed).
pub fn map_limited(path: &Path, max: u64) -> Result<Mapped, ReadError> {
    // The path is looked at before it is opened: opening a named pipe would
    // wait for a writer that never comes.
    check_kind(&path_metadata(path)?, max)?;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // And the open file once more, in case the path changed in between.
    let metadata = file.metadata().map_err(ReadError::Io)?;
    check_kind(&metadata, max)?;
    if metadata.len() == 0 {
        return Ok(Mapped::Empty);
    }
    // SAFETY: the mapping is read-only and private. Its bytes change only if
    // another program rewrites the font file while this build runs, which a
    // build of milliseconds does not guard against; the bytes are parsed with
    // bounds-checked readers either way, and no reference outlives the map.
    let map = unsafe { memmap2::MmapOptions::new().map_copy_read_only(&file) };
    match map {
        Ok(map) => Ok(Mapped::Map(map)),
        // A file system that cannot map files is read the ordinary way.
        Err(_) => read_limited(path, max).map(Mapped::Read),
    }
}

/// The bytes of a file from [`map_limited`].
#[derive(Debug)]
pub enum Mapped {
    Map(memmap2::Mmap),
    Read(Vec<u8>),
    Empty,
}

impl AsRef<[u8]> for Mapped {
    fn as_ref(&self) -> &[u8] {
        match self {
            Mapped::Map(map) => map,
            Mapped::Read(bytes) => bytes,
            Mapped::Empty => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_refused_without_reading_them() {
        if Path::new("/dev/zero").exists() {
            assert!(matches!(
                read_limited(Path::new("/dev/zero"), 10),
                Err(ReadError::NotAFile)
            ));
        }
    }

    #[test]
    fn folders_and_missing_files_are_told_apart() {
        assert!(matches!(
            read_limited(Path::new("."), 10),
            Err(ReadError::Folder)
        ));
        assert!(matches!(
            read_limited(Path::new("no/such/file.toml"), 10),
            Err(ReadError::NotFound)
        ));
    }
}
