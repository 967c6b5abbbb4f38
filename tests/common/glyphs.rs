//! The glyphs of a PDF as pdfplumber reads them (tests/tools/glyphs.py), grouped into lines,
//! and the measures of the GB/T 9704 type block they are checked against.
//!
//! Coordinates are points from the top-left corner of an A4 page; a glyph's baseline comes
//! from its text matrix, its `x1` is its start plus its advance in the font.

use std::collections::BTreeMap;
use std::path::Path;

use super::python_json;

pub const MM: f64 = 72.0 / 25.4;
/// The type block (版心): 156 × 225 mm, 37 mm from the top and 28 mm from the left.
pub const LEFT: f64 = 28.0 * MM;
pub const WIDTH: f64 = 156.0 * MM;
pub const RIGHT: f64 = LEFT + WIDTH;
pub const TOP: f64 = 37.0 * MM;
pub const BOTTOM: f64 = TOP + 225.0 * MM;
/// 3号: the body size; 22 lines of 28 characters fill the block.
pub const BODY: f64 = 16.0;
pub const LINES: usize = 22;
pub const CELLS: usize = 28;
pub const CELL: f64 = WIDTH / CELLS as f64;
/// Baseline to baseline: the leading that spreads 22 lines over 225 mm, plus one line.
pub const PITCH: f64 = (225.0 * MM - LINES as f64 * BODY) / (LINES as f64 - 1.0) + BODY;
/// The first baseline: the top of the block plus the ascent of a 1 em line box (0.88 em).
pub const FIRST: f64 = TOP + 0.88 * BODY;
/// How far a line may end from the block's right edge (the 0.8 mm).
pub const EDGE_TOLERANCE: f64 = 0.8 * MM;

#[derive(serde::Deserialize)]
pub struct Pdf {
    pub pages: Vec<Page>,
}

#[derive(serde::Deserialize)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub chars: Vec<Glyph>,
    pub lines: Vec<Rule>,
}

#[derive(serde::Deserialize, Clone, Debug)]
pub struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub baseline: f64,
    pub size: f64,
    pub font: String,
    pub fill: Vec<f64>,
}

#[derive(serde::Deserialize, Debug)]
pub struct Rule {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub width: f64,
    pub stroke: Vec<f64>,
}

impl Pdf {
    /// Reads `pdf` with pdfplumber.
    pub fn read(pdf: &Path) -> Pdf {
        python_json("glyphs.py", [pdf])
    }

    /// Every line of every page, in reading order.
    pub fn rows(&self) -> Vec<Row> {
        self.pages.iter().enumerate().flat_map(|(i, p)| rows(i + 1, p)).collect()
    }
}

/// A line of text: the glyphs that share a baseline, left to right, spaces left out.
#[derive(Debug)]
pub struct Row {
    /// 1-based page number.
    pub page: usize,
    pub baseline: f64,
    pub glyphs: Vec<Glyph>,
}

impl Row {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    /// The grid line the baseline is nearest to, 0-based from the top of the block.
    pub fn grid_line(&self) -> isize {
        ((self.baseline - FIRST) / PITCH).round() as isize
    }

    pub fn off_grid(&self) -> f64 {
        (self.baseline - FIRST - self.grid_line() as f64 * PITCH).abs()
    }

    pub fn inside_block(&self) -> bool {
        self.baseline > TOP && self.baseline < BOTTOM
    }

    /// Whether the line holds digits or Latin letters (a half-width run).
    pub fn has_half_width(&self) -> bool {
        self.glyphs.iter().any(|g| is_half_width(&g.text))
    }

    /// Whether `next` goes on with this line's paragraph: it stands on the next grid line (or
    /// the first of the next page) and starts at the block's left edge.
    pub fn continued_by(&self, next: &Row) -> bool {
        let adjacent = (next.page == self.page && next.grid_line() == self.grid_line() + 1)
            || (next.page == self.page + 1 && self.grid_line() == LINES as isize - 1 && next.grid_line() == 0);
        adjacent && (next.glyphs[0].x0 - LEFT).abs() < CELL / 2.0
    }

    /// How the line ends against the block's right edge.
    pub fn end(&self) -> LineEnd {
        let n = self.glyphs.len();
        let last = &self.glyphs[n - 1];
        let near = |x: f64| (x - RIGHT).abs() <= EDGE_TOLERANCE;
        if is_closing_mark(&last.text) {
            // A closing mark's glyph fills the left half of its advance.
            if n > 1 && near(last.x0) && near(self.glyphs[n - 2].x1) {
                return LineEnd::Hanging;
            }
            if near(last.x1) {
                return LineEnd::Edge;
            }
            if near((last.x0 + last.x1) / 2.0) {
                return LineEnd::Squeezed;
            }
        } else if near(last.x1) {
            return LineEnd::Edge;
        }
        LineEnd::Off(last.x1 - RIGHT)
    }
}

/// Where a line ends: on the right edge; with a closing mark hanging past it; with a closing
/// mark squeezed to half its cell on it; or elsewhere (by so many points past the edge).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LineEnd {
    Edge,
    Hanging,
    Squeezed,
    Off(f64),
}

/// The lines of one page: glyphs grouped by baseline.
pub fn rows(page_number: usize, page: &Page) -> Vec<Row> {
    let mut by_baseline: BTreeMap<i64, Vec<Glyph>> = BTreeMap::new();
    for g in page.chars.iter().filter(|g| !g.text.trim().is_empty()) {
        // Glyphs of one line share their baseline to far better than 0.01 pt.
        by_baseline.entry((g.baseline * 100.0).round() as i64).or_default().push(g.clone());
    }
    by_baseline
        .into_values()
        .map(|mut glyphs| {
            glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            Row {
                page: page_number,
                baseline: glyphs[0].baseline,
                glyphs,
            }
        })
        .collect()
}

/// The column a glyph stands in: the cell holding its middle.
pub fn column(g: &Glyph) -> isize {
    (((g.x0 + g.x1) / 2.0 - LEFT) / CELL).floor() as isize
}

pub fn is_ideograph(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF))
}

/// Digits, Latin letters and ASCII marks.
pub fn is_half_width(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_graphic() || matches!(c as u32, 0xA1..=0xB6 | 0xB8..=0x24F))
}

/// Marks that may not start a line (GB/T 15834 and common practice).
pub fn is_closing_mark(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "，。、；：？！）》〕】”’".contains(c))
}

/// Marks that may not end a line.
pub fn is_opening_mark(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "（《〔【“‘".contains(c))
}
