//! CSV records with the physical line each starts on, in constant memory:
//! one fixed input buffer and one record buffer that is reused and capped.
//! (csv-core does the quoting; it counts lines its own way, which drifts on
//! blank lines, so lines are counted here from the bytes it consumes.)

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use std::io::{self, Read};

const BUFFER_BYTES: usize = 64 * 1024;
/// A record this large is a quote that never closes, swallowing the file.
pub(crate) const MAX_RECORD_BYTES: usize = 1024 * 1024;
const MAX_FIELDS: usize = 1024;

#[derive(Debug)]
pub(crate) enum RecordError {
    Io(io::Error),
    TooLarge { line: u64 },
    TooManyFields { line: u64 },
}

pub(crate) struct Records<R> {
    source: R,
    core: Reader,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    eof: bool,
    /// The physical line of `buf[start]`, counting from 1.
    line: u64,
    fields: Vec<u8>,
    ends: Vec<usize>,
}

impl<R: Read> Records<R> {
    pub fn new(source: R) -> Self {
        Records {
            source,
            core: Reader::new(),
            buf: vec![0; BUFFER_BYTES].into_boxed_slice(),
            start: 0,
            end: 0,
            eof: false,
            line: 1,
            fields: vec![0; 4096],
            ends: vec![0; 64],
        }
    }

    pub fn set_delimiter(&mut self, delimiter: u8) {
        self.core = ReaderBuilder::new().delimiter(delimiter).build();
    }

    /// The bytes of the current line, reading until a line end is buffered,
    /// the buffer is full or the input ends. For sniffing the header.
    pub fn peek_line(&mut self) -> io::Result<&[u8]> {
        while !self.eof
            && !self.buffered().contains(&b'\n')
            && self.end - self.start < self.buf.len()
        {
            self.fill()?;
        }
        let data = self.buffered();
        let len = data
            .iter()
            .position(|b| *b == b'\n')
            .map_or(data.len(), |p| p + 1);
        Ok(&data[..len])
    }

    /// Drops `len` bytes from the front of the buffer (a BOM, a `sep=` line).
    pub fn skip(&mut self, len: usize) {
        self.line += count_newlines(&self.buf[self.start..self.start + len]);
        self.start += len;
    }

    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn next_record(&mut self) -> Result<Option<Record<'_>>, RecordError> {
        if !self.skip_line_ends().map_err(RecordError::Io)? {
            return Ok(None);
        }
        let line = self.line;
        let (mut out, mut nends) = (0, 0);
        loop {
            let input = &self.buf[self.start..self.end];
            let (result, nin, nout, nend) =
                self.core
                    .read_record(input, &mut self.fields[out..], &mut self.ends[nends..]);
            self.line += count_newlines(&input[..nin]);
            self.start += nin;
            out += nout;
            nends += nend;
            match result {
                ReadRecordResult::InputEmpty if !self.eof => {
                    self.fill().map_err(RecordError::Io)?;
                }
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => grow(&mut self.fields, MAX_RECORD_BYTES)
                    .ok_or(RecordError::TooLarge { line })?,
                ReadRecordResult::OutputEndsFull => {
                    grow(&mut self.ends, MAX_FIELDS).ok_or(RecordError::TooManyFields { line })?
                }
                ReadRecordResult::Record => {
                    return Ok(Some(Record {
                        line,
                        fields: &self.fields[..out],
                        ends: &self.ends[..nends],
                    }));
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// Skips the line ends between records (blank lines), counting them.
    /// False when the input is exhausted.
    fn skip_line_ends(&mut self) -> io::Result<bool> {
        loop {
            let data = self.buffered();
            let skip = data
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            self.skip(skip);
            if self.start < self.end {
                return Ok(true);
            }
            if self.eof {
                return Ok(false);
            }
            self.fill()?;
        }
    }

    fn buffered(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// Moves what is left to the front and reads more after it.
    fn fill(&mut self) -> io::Result<()> {
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        loop {
            match self.source.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// Doubles a buffer up to `cap` elements; `None` when it is already there.
fn grow<T: Default + Clone>(buffer: &mut Vec<T>, cap: usize) -> Option<()> {
    if buffer.len() >= cap {
        return None;
    }
    let len = (buffer.len() * 2).min(cap);
    buffer.resize(len, T::default());
    Some(())
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

/// One record: its fields as raw bytes and the line it starts on.
pub(crate) struct Record<'a> {
    pub line: u64,
    fields: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, index: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        Some(&self.fields[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(data: &[u8], chunk: usize) -> Vec<(u64, Vec<String>)> {
        let mut records = Records::new(Chunked { data, chunk });
        records.set_delimiter(b';');
        let mut out = Vec::new();
        while let Some(record) = records.next_record().unwrap() {
            let fields = record
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            out.push((record.line, fields));
        }
        out
    }

    /// Hands out at most `chunk` bytes per read, to cross buffer edges.
    struct Chunked<'a> {
        data: &'a [u8],
        chunk: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.chunk.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn physical_lines_table() {
        type Expected<'a> = &'a [(u64, &'a [&'a str])];
        let cases: &[(&[u8], Expected)] = &[
            (b"a;b\nc;d\n", &[(1, &["a", "b"]), (2, &["c", "d"])]),
            (b"a;b\r\nc;d\r\n", &[(1, &["a", "b"]), (2, &["c", "d"])]),
            (b"a;b\r\nc;d", &[(1, &["a", "b"]), (2, &["c", "d"])]),
            (
                b"a;b\n\n\r\n\nc;d\n\n",
                &[(1, &["a", "b"]), (5, &["c", "d"])],
            ),
            (b"\n\na\n", &[(3, &["a"])]),
            (
                b"a;\"x\ny;z\"\nc;d\n",
                &[(1, &["a", "x\ny;z"]), (3, &["c", "d"])],
            ),
            (
                b"a;\"x\r\n\r\ny\"\r\n\r\nc;\"\"\"q\"\"\"",
                &[(1, &["a", "x\r\n\r\ny"]), (5, &["c", "\"q\""])],
            ),
            (b";;\n", &[(1, &["", "", ""])]),
            (b"", &[]),
            (b"\r\n\r\n", &[]),
        ];
        for (data, expected) in cases {
            for chunk in [1, 3, 1000] {
                let got = read_all(data, chunk);
                let want: Vec<(u64, Vec<String>)> = expected
                    .iter()
                    .map(|(l, f)| (*l, f.iter().map(|s| s.to_string()).collect()))
                    .collect();
                assert_eq!(
                    got,
                    want,
                    "{:?} in chunks of {chunk}",
                    String::from_utf8_lossy(data)
                );
            }
        }
    }

    #[test]
    fn an_unclosed_quote_stops_at_the_cap() {
        let mut data = b"a;\"never closed\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        let mut records = Records::new(&data[..]);
        records.set_delimiter(b';');
        assert!(matches!(
            records.next_record(),
            Err(RecordError::TooLarge { line: 1 })
        ));
    }

    #[test]
    fn too_many_fields_stop() {
        let data = ";".repeat(MAX_FIELDS + 5);
        let mut records = Records::new(data.as_bytes());
        records.set_delimiter(b';');
        assert!(matches!(
            records.next_record(),
            Err(RecordError::TooManyFields { line: 1 })
        ));
    }
}
