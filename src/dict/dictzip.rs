//! A dictionary's definitions file: `NAME.dict`, or dictzip's `NAME.dict.dz`
//! (gzip in members, with an index of chunks qari does not need: it
//! decompresses the whole file once, at load). Both are read within
//! [`DICTIONARY_FILE`]; the decompressed data within [`DICTIONARY_DATA`],
//! counted before it is kept, so a gzip bomb costs no memory.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use super::DictError;
use crate::files::{DICTIONARY_DATA, DICTIONARY_FILE, FileError, read_capped};

/// One file of a dictionary, within [`DICTIONARY_FILE`]; errors name it.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, DictError> {
    Ok(read_capped(path, DICTIONARY_FILE)?)
}

/// The definitions of the dictionary whose main file is `main` (`NAME.index`
/// or `NAME.ifo`): `NAME.dict`, else `NAME.dict.dz` decompressed.
pub(super) fn read_definitions(main: &Path) -> Result<Vec<u8>, DictError> {
    let plain = main.with_extension("dict");
    // Present, even as a FIFO or a dangling link: read_capped says what.
    if fs::symlink_metadata(&plain).is_ok() {
        return read_file(&plain);
    }
    let zipped = main.with_extension("dict.dz");
    if fs::symlink_metadata(&zipped).is_err() {
        return Err(DictError::MissingDefinitions {
            plain,
            zipped,
            main: main.to_path_buf(),
        });
    }
    let bytes = read_file(&zipped)?;
    inflate(&zipped, &bytes)
}

/// Decompresses gzip `bytes` (every member, as dictzip has), refusing more
/// than [`DICTIONARY_DATA`]: a first pass only counts (a gzip bomb is
/// refused without being held), the second keeps.
fn inflate(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, DictError> {
    let cap = DICTIONARY_DATA;
    let broken = |source: io::Error| DictError::NotGzip {
        path: path.to_path_buf(),
        source,
    };
    let too_large =
        || FileError::too_large(path, cap, "more than that once decompressed".to_owned()).into();
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(cap.limit + 1);
    let size = io::copy(&mut decoder, &mut io::sink()).map_err(broken)?;
    if size > cap.limit {
        return Err(too_large());
    }
    let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    flate2::read::MultiGzDecoder::new(bytes)
        .take(cap.limit + 1)
        .read_to_end(&mut data)
        .map_err(broken)?;
    if data.len() as u64 > cap.limit {
        return Err(too_large());
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn every_member_is_read_and_broken_gzip_is_named() {
        let mut two = gzip(b"first ");
        two.extend(gzip(b"second"));
        let path = Path::new("x.dict.dz");
        assert_eq!(inflate(path, &two).unwrap(), b"first second");
        let broken = inflate(path, b"\x1f\x8bnot gzip").unwrap_err();
        assert!(
            broken
                .to_string()
                .starts_with("x.dict.dz: not valid gzip: "),
            "{broken}"
        );
    }
}
