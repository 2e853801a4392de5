//! A minimal PNG writer for one job: a black-and-white image (the QR code
//! in a letter's e-mail, where inline SVG does not show in Gmail or
//! Outlook). 1-bit greyscale, one IDAT chunk holding a zlib stream of
//! stored (uncompressed) deflate blocks: a QR code at a few pixels a
//! module is a few kilobytes that way, and no image or compression crate
//! is needed. The checksums are the domain's, shared with the XLSX writer.

use vangnet_domain::checksum::{adler32, crc32, crc32_update};

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];
/// A stored deflate block holds at most this many bytes (its LEN is u16).
const STORED_MAX: usize = 65_535;

/// A `width` × `height` image, `dark(x, y)` black and the rest white.
pub fn black_and_white(width: u32, height: u32, dark: impl Fn(u32, u32) -> bool) -> Vec<u8> {
    let mut png = SIGNATURE.to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    // Bit depth 1, colour type 0 (greyscale), deflate, filter 0, no interlace.
    header.extend([1, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    chunk(
        &mut png,
        b"IDAT",
        &zlib_stored(&scanlines(width, height, dark)),
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Each row: filter type 0 (none), then the pixels eight to a byte, the
/// leftmost in the high bit; 1 is white at bit depth 1.
fn scanlines(width: u32, height: u32, dark: impl Fn(u32, u32) -> bool) -> Vec<u8> {
    let row_bytes = (width as usize).div_ceil(8);
    let mut raw = Vec::with_capacity((row_bytes + 1) * height as usize);
    for y in 0..height {
        raw.push(0);
        let start = raw.len();
        raw.resize(start + row_bytes, 0xFF);
        for x in (0..width).filter(|&x| dark(x, y)) {
            raw[start + x as usize / 8] &= !(0x80 >> (x % 8));
        }
    }
    raw
}

/// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 3.2.4).
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    // CMF 0x78: deflate, 32 KiB window; FLG 0x01 makes CMF·256+FLG a
    // multiple of 31, as the header check requires.
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(STORED_MAX).collect()
    };
    let last = blocks.len() - 1;
    for (i, block) in blocks.into_iter().enumerate() {
        out.push(u8::from(i == last)); // BFINAL, and BTYPE 00: stored
        let len = block.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(block);
    }
    out.extend(adler32(data).to_be_bytes());
    out
}

/// Length, type, data and the CRC-32 of type and data.
fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend((data.len() as u32).to_be_bytes());
    png.extend(kind);
    png.extend(data);
    png.extend(crc32_update(crc32(kind), data).to_be_bytes());
}

#[cfg(test)]
#[path = "png_tests.rs"]
pub(crate) mod tests;
