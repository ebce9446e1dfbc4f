use super::super::Pen;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::{Color, Modifier};

const NAMED: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// The right half of a wide character.
const RIGHT_HALF: &str = "";

pub struct Screen {
    w: u16,
    h: u16,
    cells: Vec<(String, Pen)>,
    x: u16,
    y: u16,
    /// Printed at the last column: the next character goes to the next row.
    pending_wrap: bool,
    visible: bool,
    pen: Pen,
}

impl Screen {
    pub fn new(w: u16, h: u16) -> Screen {
        Screen {
            w,
            h,
            cells: vec![(" ".into(), Pen::DEFAULT); (w * h) as usize],
            x: 0,
            y: 0,
            pending_wrap: false,
            visible: true,
            pen: Pen::DEFAULT,
        }
    }

    fn at(&mut self, x: u16, y: u16) -> &mut (String, Pen) {
        &mut self.cells[(y * self.w + x) as usize]
    }

    /// Overwriting either half of a wide character blanks the other half, as terminals do.
    fn claim(&mut self, x: u16, y: u16) {
        if self.at(x, y).0 == RIGHT_HALF && x > 0 {
            *self.at(x - 1, y) = (" ".into(), Pen::DEFAULT);
        }
        if self.at(x, y).0.cell_width() == 2 && x + 1 < self.w {
            *self.at(x + 1, y) = (" ".into(), Pen::DEFAULT);
        }
    }

    fn print(&mut self, c: char) {
        let s = c.to_string();
        let width = s.cell_width();
        if self.pending_wrap {
            self.pending_wrap = false;
            self.x = 0;
            self.y += 1;
            assert!(self.y < self.h, "the screen would scroll");
        }
        let (x, y) = (self.x, self.y);
        self.claim(x, y);
        if width == 2 {
            self.claim(x + 1, y);
            *self.at(x + 1, y) = (RIGHT_HALF.into(), self.pen);
        }
        *self.at(x, y) = (s, self.pen);
        if x + width >= self.w {
            self.x = self.w - 1;
            self.pending_wrap = true;
        } else {
            self.x += width;
        }
    }

    fn sgr(&mut self, params: &[u16]) {
        let mut i = 0;
        let colour = |i: &mut usize| -> Color {
            match params[*i + 1] {
                5 => {
                    *i += 2;
                    Color::Indexed(params[*i] as u8)
                }
                2 => {
                    *i += 4;
                    Color::Rgb(params[*i - 2] as u8, params[*i - 1] as u8, params[*i] as u8)
                }
                k => panic!("colour kind {k}"),
            }
        };
        if params.is_empty() {
            self.pen = Pen::DEFAULT;
        }
        while i < params.len() {
            let p = params[i];
            let m = &mut self.pen.modifier;
            match p {
                0 => self.pen = Pen::DEFAULT,
                1..=9 => *m |= Modifier::from_bits_truncate(1 << (p - 1)),
                22 => *m -= Modifier::BOLD | Modifier::DIM,
                23 => *m -= Modifier::ITALIC,
                24 => *m -= Modifier::UNDERLINED,
                25 => *m -= Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
                27 => *m -= Modifier::REVERSED,
                28 => *m -= Modifier::HIDDEN,
                29 => *m -= Modifier::CROSSED_OUT,
                30..=37 => self.pen.fg = NAMED[(p - 30) as usize],
                90..=97 => self.pen.fg = NAMED[(p - 90 + 8) as usize],
                40..=47 => self.pen.bg = NAMED[(p - 40) as usize],
                100..=107 => self.pen.bg = NAMED[(p - 100 + 8) as usize],
                39 => self.pen.fg = Color::Reset,
                49 => self.pen.bg = Color::Reset,
                59 => self.pen.underline = Color::Reset,
                38 => self.pen.fg = colour(&mut i),
                48 => self.pen.bg = colour(&mut i),
                58 => self.pen.underline = colour(&mut i),
                _ => panic!("SGR {p}"),
            }
            i += 1;
        }
    }

    fn csi(&mut self, private: bool, params: &[u16], last: char) {
        let n = |d: u16| params.first().copied().filter(|&v| v > 0).unwrap_or(d);
        match (private, last) {
            (true, 'h') if params == [25] => self.visible = true,
            (true, 'l') if params == [25] => self.visible = false,
            (false, 'H') => {
                self.y = n(1) - 1;
                self.x = params.get(1).copied().unwrap_or(1) - 1;
                assert!(self.x < self.w && self.y < self.h);
                self.pending_wrap = false;
            }
            (false, 'A') => self.y = self.y.saturating_sub(n(1)),
            (false, 'B') => self.y = (self.y + n(1)).min(self.h - 1),
            (false, 'C') => self.x = (self.x + n(1)).min(self.w - 1),
            (false, 'D') => self.x = self.x.saturating_sub(n(1)),
            (false, 'm') => self.sgr(params),
            (false, 'J') if params == [2] => {
                assert_eq!(
                    self.pen,
                    Pen::DEFAULT,
                    "a clear fills with the current colours"
                );
                self.cells.fill((" ".into(), Pen::DEFAULT));
            }
            other => panic!("unexpected CSI {other:?} {params:?}"),
        }
        if matches!(last, 'A'..='D') {
            self.pending_wrap = false;
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("UTF-8 output");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => {
                    assert_eq!(chars.next(), Some('['));
                    let private = chars.next_if_eq(&'?').is_some();
                    let mut raw = String::new();
                    let last = loop {
                        let c = chars.next().expect("a complete sequence");
                        if c.is_ascii_digit() || c == ';' {
                            raw.push(c);
                        } else {
                            break c;
                        }
                    };
                    let params: Vec<u16> = if raw.is_empty() {
                        Vec::new()
                    } else {
                        raw.split(';').map(|p| p.parse().unwrap_or(0)).collect()
                    };
                    self.csi(private, &params, last);
                }
                '\r' => {
                    self.x = 0;
                    self.pending_wrap = false;
                }
                c if c.is_control() => panic!("unexpected control {c:?}"),
                c => self.print(c),
            }
        }
    }

    /// The screen shows `buf` (the cells under a wide character's right half aside), and the
    /// cursor is where the frame asked, or hidden.
    pub fn assert_shows(&self, buf: &Buffer, cursor: Option<(u16, u16)>, frame: usize) {
        for y in 0..self.h {
            let mut x = 0;
            while x < self.w {
                let cell = &buf[(x, y)];
                let (sym, pen) = &self.cells[(y * self.w + x) as usize];
                assert_eq!(
                    (sym.as_str(), *pen),
                    (cell.symbol(), Pen::of(cell)),
                    "frame {frame}, cell ({x}, {y})"
                );
                x += cell.symbol().cell_width().max(1);
            }
        }
        match cursor {
            Some((x, y)) => {
                assert!(self.visible, "frame {frame}: cursor hidden");
                assert_eq!((self.x, self.y), (x, y), "frame {frame}: cursor");
            }
            None => assert!(!self.visible, "frame {frame}: cursor shown"),
        }
    }
}
