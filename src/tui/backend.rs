//! A terminal backend that sends only what changes the screen, in one write per frame.
//!
//! ratatui's `CrosstermBackend` moves the cursor before the first changed cell of every frame,
//! ends every frame with four SGR resets, and shows and places the cursor every frame even when
//! it is already shown and already there: a character typed in a text area cost 42 bytes. Here
//! the terminal's cursor position, cursor visibility and current style (the "pen") are tracked,
//! so that a typed character costs the character itself (see docs/performance.md).
//!
//! What is tracked is only ever what is known for certain: anything that could leave the
//! terminal in a state this code cannot predict (a write error, a clear after another program
//! used the terminal, a cell whose width a terminal may disagree about, the pending wrap after
//! the last column) makes that part unknown, and the next use sends it in full.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption, CellWidth};
use ratatui::crossterm::style::Colored;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

const HIDE: &[u8] = b"\x1b[?25l";
const SHOW: &[u8] = b"\x1b[?25h";
/// Frames longer than this (in bytes) are drawn with the cursor hidden.
const LONG_FRAME: usize = 256;

/// The style a cell is drawn with: what SGR sequences set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// Where the terminal's size comes from: the terminal itself, or a fixed size for tests.
#[derive(Debug, Clone, Copy)]
enum SizeSource {
    Terminal,
    Fixed(Size),
}

/// Everything is queued until `flush`, which `Terminal::draw` calls at the end of each frame.
/// What is still queued when the backend is dropped is dropped with it: it was meant for the
/// full-screen interface, which `terminal::restore` has already left (a `Terminal::clear`
/// followed by a panic must not clear the shell's screen).
pub struct LeanBackend<W: Write> {
    writer: W,
    /// The frame being built: written out in one piece by `flush`.
    out: Vec<u8>,
    /// Where the terminal's cursor is, when that is known for certain.
    cursor: Option<Position>,
    visible: Option<bool>,
    /// Whether the cursor was visible when the frame being built began.
    visible_before: Option<bool>,
    pen: Option<Pen>,
    size: SizeSource,
    /// The width last reported, to know when a cell reaches the last column.
    columns: std::cell::Cell<u16>,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(writer: W) -> LeanBackend<W> {
        LeanBackend::with_source(writer, SizeSource::Terminal)
    }

    /// A backend of a fixed size that never asks a terminal anything (for tests).
    pub fn with_size(writer: W, width: u16, height: u16) -> LeanBackend<W> {
        LeanBackend::with_source(writer, SizeSource::Fixed(Size { width, height }))
    }

    fn with_source(writer: W, size: SizeSource) -> LeanBackend<W> {
        LeanBackend {
            writer,
            out: Vec::new(),
            cursor: None,
            visible: None,
            visible_before: None,
            pen: None,
            size,
            columns: std::cell::Cell::new(0),
        }
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// Forgets everything about the terminal's state, so that the next frame sends it in full.
    fn forget(&mut self) {
        self.cursor = None;
        self.visible = None;
        self.pen = None;
    }

    fn move_to(&mut self, to: Position) {
        if self.cursor == Some(to) {
            return;
        }
        let absolute = match (to.x, to.y) {
            (0, 0) => "\x1b[H".to_string(),
            (0, y) => format!("\x1b[{}H", y + 1),
            (x, y) => format!("\x1b[{};{}H", y + 1, x + 1),
        };
        let relative = self.cursor.and_then(|from| relative_move(from, to));
        let seq = match relative {
            Some(r) if r.len() < absolute.len() => r,
            _ => absolute,
        };
        self.out.extend_from_slice(seq.as_bytes());
        self.cursor = Some(to);
    }

    fn set_pen(&mut self, to: Pen) {
        if self.pen == Some(to) {
            return;
        }
        let mut fresh = vec!["0".to_string()];
        fresh.extend(sgr_change(Pen::DEFAULT, to));
        let params = match self.pen {
            Some(from) => {
                let change = sgr_change(from, to);
                if sgr_len(&change) <= sgr_len(&fresh) {
                    change
                } else {
                    fresh
                }
            }
            None => fresh,
        };
        // With NO_COLOR crossterm formats colours as nothing: send no empty SGR, which a
        // terminal would read as a full reset.
        let params: Vec<String> = params.into_iter().filter(|p| !p.is_empty()).collect();
        if !params.is_empty() {
            self.out.extend_from_slice(b"\x1b[");
            self.out.extend_from_slice(params.join(";").as_bytes());
            self.out.push(b'm');
        }
        self.pen = Some(to);
    }

    /// Where the terminal's cursor is after printing `cell` at (x, y), if that is certain.
    fn after_print(&self, x: u16, y: u16, cell: &Cell) -> Option<Position> {
        let symbol = cell.symbol();
        if symbol.is_empty() {
            return Some(Position { x, y });
        }
        // A cluster (emoji sequences, combining marks) or a forced width may be drawn wider or
        // narrower by some terminals, and so may a wide character outside the East Asian
        // scripts (emoji became wide in Unicode 9; older terminals draw them narrow).
        let mut chars = symbol.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return None;
        };
        let width = symbol.cell_width();
        if matches!(cell.diff_option, CellDiffOption::ForcedWidth(_))
            || (width > 1 && !east_asian_wide(c))
        {
            return None;
        }
        let next = x.checked_add(width)?;
        // At the last column the terminal waits to wrap with its cursor still on that column,
        // where a relative move would start from the wrong place.
        if width == 0 || next >= self.columns.get() {
            return None;
        }
        Some(Position { x: next, y })
    }

    fn queue_clear(&mut self, kind: ClearType) -> io::Result<()> {
        use ratatui::crossterm::terminal::{Clear, ClearType as C};
        // A clear fills with the current background: make it the default one. This runs after
        // another program has had the terminal (the editor), so nothing tracked is trusted.
        self.out.extend_from_slice(b"\x1b[0m");
        ratatui::crossterm::queue!(
            self.out,
            Clear(match kind {
                ClearType::All => C::All,
                ClearType::AfterCursor => C::FromCursorDown,
                ClearType::BeforeCursor => C::FromCursorUp,
                ClearType::CurrentLine => C::CurrentLine,
                ClearType::UntilNewLine => C::UntilNewLine,
            })
        )?;
        self.forget();
        self.pen = Some(Pen::DEFAULT);
        Ok(())
    }
}

/// Characters every terminal has drawn two columns wide for decades: CJK, kana, Hangul, Yi and
/// the fullwidth forms.
fn east_asian_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// The shortest relative move from `from` to `to`, where one exists.
fn relative_move(from: Position, to: Position) -> Option<String> {
    let count = |n: u16| if n == 1 { String::new() } else { n.to_string() };
    if from.y == to.y {
        Some(if to.x == 0 {
            "\r".to_string()
        } else if to.x > from.x {
            format!("\x1b[{}C", count(to.x - from.x))
        } else {
            format!("\x1b[{}D", count(from.x - to.x))
        })
    } else if from.x == to.x {
        Some(if to.y > from.y {
            format!("\x1b[{}B", count(to.y - from.y))
        } else {
            format!("\x1b[{}A", count(from.y - to.y))
        })
    } else {
        None
    }
}

/// Bytes an SGR sequence with these parameters takes.
fn sgr_len(params: &[String]) -> usize {
    params.iter().map(|p| p.len() + 1).sum::<usize>() + 2
}

/// SGR parameters that turn the pen `from` into `to` (without a full reset).
fn sgr_change(from: Pen, to: Pen) -> Vec<String> {
    const ON: [(Modifier, &str); 9] = [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ];
    let mut params = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    // Bold and dim are turned off together (22), and so are both blinks (25): turn back on
    // whichever of the pair stays.
    let pairs = [
        (Modifier::BOLD | Modifier::DIM, "22"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
    ];
    for (pair, off) in pairs {
        if removed.intersects(pair) {
            params.push(off.to_string());
            added |= to.modifier & pair;
        }
    }
    for (m, off) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.contains(m) {
            params.push(off.to_string());
        }
    }
    for (m, on) in ON {
        if added.contains(m) {
            params.push(on.to_string());
        }
    }
    if from.fg != to.fg {
        params.push(colour(Layer::Fg, to.fg));
    }
    if from.bg != to.bg {
        params.push(colour(Layer::Bg, to.bg));
    }
    if from.underline != to.underline {
        params.push(colour(Layer::Underline, to.underline));
    }
    params
}

#[derive(Clone, Copy)]
enum Layer {
    Fg,
    Bg,
    Underline,
}

/// The SGR parameter for a colour. The 16 named colours use their own codes (30-37, 90-97 and
/// 40-47, 100-107), shorter than crossterm's `38;5;N` and understood by 16-colour terminals too.
/// Empty when `NO_COLOR` is set, as crossterm's own formatting is.
fn colour(layer: Layer, c: Color) -> String {
    if Colored::ansi_color_disabled_memoized() {
        return String::new();
    }
    let extended = match layer {
        Layer::Fg => 38,
        Layer::Bg => 48,
        Layer::Underline => 58,
    };
    let n: u8 = match c {
        Color::Reset => return format!("{}", extended + 1),
        Color::Indexed(n) => return format!("{extended};5;{n}"),
        Color::Rgb(r, g, b) => return format!("{extended};2;{r};{g};{b}"),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    let bright = if n < 8 { 0 } else { 60 - 8 };
    match layer {
        Layer::Fg => format!("{}", 30 + bright + n),
        Layer::Bg => format!("{}", 40 + bright + n),
        Layer::Underline => format!("58;5;{n}"),
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            self.move_to(Position { x, y });
            self.set_pen(Pen::of(cell));
            self.out.extend_from_slice(cell.symbol().as_bytes());
            self.cursor = self.after_print(x, y, cell);
        }
        // The pen is left as the frame ended: a character typed in an underlined field is then
        // one byte. Whatever writes to the terminal outside this backend (the panic report,
        // the editor, the shell afterwards) comes after `terminal::restore`, which resets the
        // style first.
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        for _ in 0..n {
            self.out.push(b'\n');
        }
        self.cursor = None;
        Backend::flush(self)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(false) {
            self.out.extend_from_slice(HIDE);
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            self.out.extend_from_slice(SHOW);
            self.visible = Some(true);
        }
        Ok(())
    }

    /// Where the cursor is known to be, else the origin, without asking the terminal. With a
    /// full-screen viewport ratatui asks only in `Terminal::clear`, to put the cursor back
    /// afterwards, and the next frame places it anyway; the question (`ESC[6n`) is a round trip
    /// that waits up to two seconds for a terminal that does not answer, and its answer comes
    /// in on standard input, where the event loop reads keys.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor.unwrap_or(Position::ORIGIN))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into());
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.queue_clear(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.queue_clear(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        let size = match self.size {
            SizeSource::Fixed(s) => s,
            SizeSource::Terminal => {
                let (width, height) = ratatui::crossterm::terminal::size()?;
                Size { width, height }
            }
        };
        self.columns.set(size.width);
        Ok(size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        if let SizeSource::Fixed(s) = self.size {
            return Ok(WindowSize {
                columns_rows: s,
                pixels: Size::default(),
            });
        }
        let w = ratatui::crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    /// The frame's one write.
    fn flush(&mut self) -> io::Result<()> {
        // A long frame may reach the terminal in several pieces (a pty's buffer, SSH packets):
        // hide the cursor meanwhile, as vim and nano do, so that it does not run across the
        // screen. A typed character's frame is far shorter and pays nothing.
        if self.out.len() > LONG_FRAME
            && self.visible_before == Some(true)
            && self.visible == Some(true)
        {
            self.out.splice(0..0, HIDE.iter().copied());
            self.out.extend_from_slice(SHOW);
        }
        let result = if self.out.is_empty() {
            Ok(())
        } else {
            self.writer.write_all(&self.out)
        }
        .and_then(|()| self.writer.flush());
        self.out.clear();
        self.visible_before = self.visible;
        if result.is_err() {
            // Part of the frame may have reached the terminal.
            self.forget();
        }
        result
    }
}

#[cfg(test)]
mod tests;
