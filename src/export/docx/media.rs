//! Images (seals) for the package: PNG and JPEG as they came, SVG drawn at 300 dpi (resvg,
//! as Typst's own renderer draws it), since Word before 2016 and WPS show no SVG.

/// An image part.
pub struct Image {
    pub bytes: Vec<u8>,
    /// Its proportions: pixels, or any unit.
    pub width: u32,
    pub height: u32,
    pub extension: &'static str,
}

/// The image in `bytes`, to be shown `width` twips wide; None if it is no PNG, JPEG or SVG.
pub fn image(bytes: &[u8], width: i64) -> Option<Image> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
        return Some(Image {
            bytes: bytes.to_vec(),
            width: w.max(1),
            height: h.max(1),
            extension: "png",
        });
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let (w, h) = jpeg_size(bytes).unwrap_or((1, 1));
        return Some(Image {
            bytes: bytes.to_vec(),
            width: w,
            height: h,
            extension: "jpg",
        });
    }
    let tree = resvg::usvg::Tree::from_data(bytes, &resvg::usvg::Options::default()).ok()?;
    let size = tree.size();
    // 300 dpi at the printed width.
    let inches = width as f32 / 1440.0;
    let scale = (inches * 300.0 / size.width().max(1.0)).min(6000.0 / size.width().max(size.height()).max(1.0));
    let (w, h) = ((size.width() * scale).ceil().max(1.0) as u32, (size.height() * scale).ceil().max(1.0) as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let png = pixmap.encode_png().ok()?;
    Some(Image {
        bytes: png,
        width: w,
        height: h,
        extension: "png",
    })
}

/// A JPEG's size, from its first start-of-frame marker.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as u32;
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as u32;
            return Some((w.max(1), h.max(1)));
        }
        i += 2 + len;
    }
    None
}
