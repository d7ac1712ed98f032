//! A dictionary's definitions file: `NAME.dict`, or dictzip's `NAME.dict.dz`
//! (gzip whose header's extra field, subfield `RA`, lists the compressed
//! size of each chunk of the data, every chunk deflated on its own).
//!
//! Two ways to read it:
//! - whole ([`read_definitions`]), when a dictionary is indexed: the file
//!   within [`DICTIONARY_FILE`], the decompressed data within
//!   [`DICTIONARY_DATA`], counted before it is kept, so a gzip bomb costs
//!   no memory;
//! - one entry's span at a time ([`Definitions`]), once the index is cached:
//!   a seek in a plain `.dict`; for a `.dict.dz`, only the chunks covering
//!   the span, inflated as raw deflate, each at most its chunk length. A
//!   `.dict.dz` without `RA` is inflated whole, as above, on the first read.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use flate2::{Decompress, FlushDecompress, Status};

use super::DictError;
use crate::files::{DICTIONARY_DATA, DICTIONARY_FILE, FileError, open_regular, read_capped};

/// One file of a dictionary, within [`DICTIONARY_FILE`]; errors name it.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, DictError> {
    Ok(read_capped(path, DICTIONARY_FILE)?)
}

/// The definitions file of the dictionary whose main file is `main`
/// (`NAME.index` or `NAME.ifo`): `NAME.dict` if present (even as a FIFO or
/// a dangling link: reading it says what is wrong), else `NAME.dict.dz`;
/// true for the compressed one.
pub(super) fn definitions_file(main: &Path) -> Result<(PathBuf, bool), DictError> {
    let plain = main.with_extension("dict");
    if fs::symlink_metadata(&plain).is_ok() {
        return Ok((plain, false));
    }
    let zipped = main.with_extension("dict.dz");
    if fs::symlink_metadata(&zipped).is_err() {
        return Err(DictError::MissingDefinitions {
            plain,
            zipped,
            main: main.to_path_buf(),
        });
    }
    Ok((zipped, true))
}

/// The definitions of the dictionary whose main file is `main` (`NAME.index`
/// or `NAME.ifo`): `NAME.dict`, else `NAME.dict.dz` decompressed.
pub(super) fn read_definitions(main: &Path) -> Result<Vec<u8>, DictError> {
    let (path, zipped) = definitions_file(main)?;
    let bytes = read_file(&path)?;
    if zipped {
        inflate(&path, &bytes)
    } else {
        Ok(bytes)
    }
}

/// A dictionary's definitions, read one span at a time.
#[derive(Debug)]
pub(super) enum Definitions {
    /// `NAME.dict`: each span read where it is.
    Plain(PathBuf),
    /// A `.dict.dz` with dictzip's chunk table.
    Chunked { path: PathBuf, chunks: Chunks },
    /// A `.dict.dz` without one: inflated whole.
    Whole { path: PathBuf, data: Vec<u8> },
}

/// dictzip's chunk table: every chunk but the last holds `length` bytes
/// of the data once inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Chunks {
    length: u16,
    /// Where in the file each chunk starts, then where the last one ends.
    starts: Vec<u64>,
}

/// How many bytes of a gzip header are read at most looking for the chunk
/// table (the extra field is at most 64 KiB; file name and comment, which
/// may follow it, are short).
const HEADER_CAP: u64 = 1 << 20;

impl Definitions {
    /// The definitions of the dictionary whose main file is `main`: the
    /// plain file, or the compressed one's chunk table (read from its
    /// header), or, without one, the whole compressed file inflated.
    pub(super) fn open(main: &Path) -> Result<Definitions, DictError> {
        let (path, zipped) = definitions_file(main)?;
        if !zipped {
            return Ok(Definitions::Plain(path));
        }
        let file = open_regular(&path)?;
        let header = read_header(BufReader::new(file).take(HEADER_CAP))
            .map_err(|source| FileError::io(&path, source))?;
        match header {
            Some(chunks) => Ok(Definitions::Chunked { path, chunks }),
            None => {
                let data = read_definitions(main)?;
                Ok(Definitions::Whole { path, data })
            }
        }
    }

    /// The `length` bytes of the data at `offset`; a span past the end of
    /// the data, or longer than [`DICTIONARY_DATA`], is an error.
    pub(super) fn read(&self, offset: u64, length: u64) -> Result<Vec<u8>, DictError> {
        let (Definitions::Plain(path)
        | Definitions::Chunked { path, .. }
        | Definitions::Whole { path, .. }) = self;
        let short = || DictError::ShortSpan {
            path: path.clone(),
            offset,
            length,
        };
        if length > DICTIONARY_DATA.limit {
            return Err(short());
        }
        match self {
            Definitions::Whole { data, .. } => usize::try_from(offset)
                .ok()
                .zip(usize::try_from(offset + length).ok())
                .and_then(|(start, end)| data.get(start..end))
                .map(<[u8]>::to_vec)
                .ok_or_else(short),
            Definitions::Plain(_) => {
                let mut file = open_regular(path)?;
                let io_error = |source| FileError::io(path, source);
                file.seek(SeekFrom::Start(offset)).map_err(io_error)?;
                let mut bytes = Vec::new();
                file.take(length)
                    .read_to_end(&mut bytes)
                    .map_err(io_error)?;
                if bytes.len() as u64 != length {
                    return Err(short());
                }
                Ok(bytes)
            }
            Definitions::Chunked { chunks, .. } => {
                read_chunks(path, chunks, offset, length)?.ok_or_else(short)
            }
        }
    }
}

/// Reads a gzip header up to its data: dictzip's chunk table if the extra
/// field has one (subfield `RA`, version 1, a non-zero chunk length),
/// else `None`. An I/O error or a header cut short is an error.
fn read_header(mut input: impl BufRead) -> io::Result<Option<Chunks>> {
    let mut fixed = [0u8; 10];
    input.read_exact(&mut fixed)?;
    let flags = fixed[3];
    if fixed[..3] != [0x1f, 0x8b, 8] || flags & 4 == 0 {
        return Ok(None);
    }
    let mut length = [0u8; 2];
    input.read_exact(&mut length)?;
    let mut extra = vec![0u8; usize::from(u16::from_le_bytes(length))];
    input.read_exact(&mut extra)?;
    let mut at = 10 + 2 + extra.len() as u64;
    // The file name, then the comment, each ended by NUL.
    for flag in [8, 16] {
        if flags & flag != 0 {
            let mut text = Vec::new();
            at += input.read_until(0, &mut text)? as u64;
            if text.last() != Some(&0) {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
    }
    if flags & 2 != 0 {
        input.read_exact(&mut length)?; // the header's CRC
        at += 2;
    }
    Ok(chunk_table(&extra).map(|(length, sizes)| {
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        starts.push(at);
        for size in sizes {
            at += u64::from(size);
            starts.push(at);
        }
        Chunks { length, starts }
    }))
}

/// The chunk length and the chunks' compressed sizes of a gzip extra
/// field's `RA` subfield, if it has a valid one.
fn chunk_table(mut extra: &[u8]) -> Option<(u16, Vec<u16>)> {
    let number = |bytes: &[u8], at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    while extra.len() >= 4 {
        let length = usize::from(number(extra, 2)?);
        let data = extra.get(4..4 + length)?;
        if extra[..2] == *b"RA" {
            let (version, chunk, count) = (number(data, 0)?, number(data, 2)?, number(data, 4)?);
            let sizes = (0..usize::from(count))
                .map(|i| number(data, 6 + 2 * i))
                .collect::<Option<Vec<u16>>>()?;
            return (version == 1 && chunk > 0).then_some((chunk, sizes));
        }
        extra = &extra[4 + length..];
    }
    None
}

/// The `length` bytes at `offset` of a dictzip file's data: only the
/// chunks covering them are read and inflated. `None` when the span is
/// past the chunks, or a chunk does not inflate to its length.
fn read_chunks(
    path: &Path,
    chunks: &Chunks,
    offset: u64,
    length: u64,
) -> Result<Option<Vec<u8>>, DictError> {
    if length == 0 {
        return Ok(Some(Vec::new()));
    }
    let chunk_length = u64::from(chunks.length);
    let first = offset / chunk_length;
    let last = (offset + length - 1) / chunk_length;
    let (Ok(first), Ok(last)) = (usize::try_from(first), usize::try_from(last)) else {
        return Ok(None);
    };
    let (Some(&from), Some(&to)) = (chunks.starts.get(first), chunks.starts.get(last + 1)) else {
        return Ok(None);
    };
    let io_error = |source| FileError::io(path, source);
    let mut file = open_regular(path)?;
    file.seek(SeekFrom::Start(from)).map_err(io_error)?;
    let mut compressed = Vec::new();
    file.take(to - from)
        .read_to_end(&mut compressed)
        .map_err(io_error)?;
    let full = usize::from(chunks.length);
    let mut data = Vec::with_capacity(full * (last - first + 1));
    for chunk in first..=last {
        let start = usize::try_from(chunks.starts[chunk] - from).unwrap_or(usize::MAX);
        let end = usize::try_from(chunks.starts[chunk + 1] - from).unwrap_or(usize::MAX);
        let Some(input) = compressed.get(start..end) else {
            return Ok(None);
        };
        let inflated = inflate_chunk(input, full);
        // Every chunk but the file's last is full.
        if chunk + 2 < chunks.starts.len() && inflated.len() != full {
            return Ok(None);
        }
        data.extend_from_slice(&inflated);
    }
    let skip = (offset - first as u64 * chunk_length) as usize;
    Ok(data.get(skip..skip + length as usize).map(<[u8]>::to_vec))
}

/// One dictzip chunk inflated (raw deflate, flushed at its end), at most
/// `cap` bytes; what inflates before an error.
fn inflate_chunk(input: &[u8], cap: usize) -> Vec<u8> {
    let mut inflater = Decompress::new(false);
    let mut out = Vec::with_capacity(cap);
    while out.len() < cap {
        let consumed = inflater.total_in() as usize;
        let Some(rest) = input.get(consumed..) else {
            break;
        };
        let before = (inflater.total_in(), out.len());
        match inflater.decompress_vec(rest, &mut out, FlushDecompress::Sync) {
            Ok(Status::StreamEnd) | Err(_) => break,
            Ok(_) if (inflater.total_in(), out.len()) == before => break,
            Ok(_) => {}
        }
    }
    out
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
