//! Images (seals, logos) as OFD multimedia files: PNG and JPEG as they came, other raster
//! formats re-encoded as PNG, SVG drawn at 300 dpi (resvg, as Typst's own renderer does).

use std::io::Cursor;

use typst::visualize::{ExchangeFormat, Image, ImageKind, RasterFormat};

/// An image file for the package.
pub struct Media {
    pub bytes: Vec<u8>,
    /// `png` or `jpg`: the file's extension.
    pub extension: &'static str,
    /// The `Format` attribute of `MultiMedia`.
    pub format: &'static str,
}

/// Pixels per point at which SVG images are drawn (300 dpi).
const SVG_SCALE: f32 = 300.0 / 72.0;
/// The longest side an SVG image is drawn at, in pixels.
const SVG_MAX: f32 = 6000.0;

/// Why an image could not be written.
pub enum MediaError {
    /// Typst read a PDF as an image: OFD has no place for it.
    Pdf,
    /// The encoder failed.
    Encode(String),
}

/// Encodes an image.
pub fn encode(image: &Image) -> Result<Media, MediaError> {
    match image.kind() {
        ImageKind::Raster(raster) => match raster.format() {
            RasterFormat::Exchange(ExchangeFormat::Png) => Ok(png(raster.data().to_vec())),
            RasterFormat::Exchange(ExchangeFormat::Jpg) => Ok(Media {
                bytes: raster.data().to_vec(),
                extension: "jpg",
                format: "JPEG",
            }),
            _ => {
                let mut bytes = Vec::new();
                raster
                    .dynamic()
                    .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
                    .map_err(|e| MediaError::Encode(e.to_string()))?;
                Ok(png(bytes))
            }
        },
        ImageKind::Svg(svg) => {
            let tree = svg.tree();
            let size = tree.size();
            let scale = SVG_SCALE.min(SVG_MAX / size.width().max(size.height()).max(1.0));
            let (w, h) = ((size.width() * scale).ceil().max(1.0) as u32, (size.height() * scale).ceil().max(1.0) as u32);
            let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or_else(|| MediaError::Encode(format!("{w} × {h} px")))?;
            resvg::render(tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
            Ok(png(pixmap.encode_png().map_err(|e| MediaError::Encode(e.to_string()))?))
        }
        ImageKind::Pdf(_) => Err(MediaError::Pdf),
    }
}

fn png(bytes: Vec<u8>) -> Media {
    Media {
        bytes,
        extension: "png",
        format: "PNG",
    }
}
