//! Bytes from the terminal to key and paste events, decoded here rather than by crossterm so
//! that Esc followed at once by a key is always Esc and then that key.
//!
//! Over SSH and in tmux, Esc and the next key often arrive in one read. crossterm reports
//! `ESC j` as Alt-j and `ESC ESC [ B` (Esc, then Down) as Esc then `[` and `B`, so a user who
//! left a field with Esc and moved on found their keys doing something else (issue 9). Here
//! `ESC` followed by anything that does not start a known terminal sequence is the Esc key and
//! then that key, whatever the timing. A real Alt chord sends the same bytes as Esc and the
//! key, so Alt+key means "Esc, then the key" everywhere, by design. Sequences with an explicit
//! modifier parameter (`ESC [ 1 ; 3 A`, Alt-Up in xterm) keep their modifiers.
//!
//! A lone `ESC` at the end of what was read may be the start of a sequence split by a slow
//! link: it waits `ESC_WAIT` for more bytes before it counts as the Esc key.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::Duration;

/// How long an `ESC` (or an unfinished sequence) waits for the rest of a sequence.
pub const ESC_WAIT: Duration = Duration::from_millis(50);
/// How long an unfinished bracketed paste waits for its end marker before what came is pasted.
pub const PASTE_WAIT: Duration = Duration::from_secs(2);

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

#[derive(Default)]
pub struct Decoder {
    buf: Vec<u8>,
    /// Inside a bracketed paste: what has come so far.
    paste: Option<Vec<u8>>,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Decodes `bytes` (appended to what was left over) into the events complete so far.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.buf.extend_from_slice(bytes);
        self.drain(false)
    }

    /// Whether bytes are held back waiting for the rest of a sequence (call `flush` after
    /// `ESC_WAIT`, or `PASTE_WAIT` inside a paste, without more input).
    pub fn waiting(&self) -> Option<Duration> {
        if self.paste.is_some() {
            Some(PASTE_WAIT)
        } else if self.buf.is_empty() {
            None
        } else {
            Some(ESC_WAIT)
        }
    }

    /// No more bytes came: what is held back is decoded as it is (a lone `ESC` is the Esc key,
    /// an unfinished paste is pasted).
    pub fn flush(&mut self) -> Vec<Event> {
        self.drain(true)
    }

    fn drain(&mut self, complete: bool) -> Vec<Event> {
        let mut out = Vec::new();
        loop {
            if let Some(p) = &mut self.paste {
                match find(&self.buf, PASTE_END) {
                    Some(end) => {
                        p.extend_from_slice(&self.buf[..end]);
                        self.buf.drain(..end + PASTE_END.len());
                        let text = String::from_utf8_lossy(p).into_owned();
                        self.paste = None;
                        out.push(Event::Paste(text));
                        continue;
                    }
                    None if complete => {
                        // The end marker never came: paste what did (an ESC prefix of the
                        // marker included, as text would have it).
                        p.append(&mut self.buf);
                        let text = String::from_utf8_lossy(p).into_owned();
                        self.paste = None;
                        out.push(Event::Paste(text));
                        return out;
                    }
                    None => {
                        // Keep a possible start of the end marker in the buffer.
                        let keep = partial_suffix(&self.buf, PASTE_END);
                        let take = self.buf.len() - keep;
                        p.extend_from_slice(&self.buf[..take]);
                        self.buf.drain(..take);
                        return out;
                    }
                }
            }
            if self.buf.is_empty() {
                return out;
            }
            match parse(&self.buf, complete) {
                Parsed::Need => return out,
                Parsed::PasteStart => {
                    self.buf.drain(..PASTE_START.len());
                    self.paste = Some(Vec::new());
                }
                Parsed::Events(n, evs) => {
                    self.buf.drain(..n);
                    out.extend(evs);
                }
            }
        }
    }
}

/// The terminal's input as events: waits on standard input with `poll(2)` (crossterm spins on
/// a hung-up terminal: an endless `read` returning 0), reads what is there, decodes it.
pub struct Reader {
    decoder: Decoder,
    queue: std::collections::VecDeque<Event>,
    /// Since when bytes have been held back waiting for the rest of a sequence.
    held_since: Option<std::time::Instant>,
}

/// The terminal hung up (closed pty, dropped SSH link, killed tmux pane) or cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dead;

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

impl Reader {
    pub fn new() -> Reader {
        Reader {
            decoder: Decoder::new(),
            queue: std::collections::VecDeque::new(),
            held_since: None,
        }
    }

    /// How many printable keys came in the same read right after the event last returned: a
    /// word typed (or pasted without bracketed paste) arrives as one burst, a command key alone.
    pub fn printables_queued(&self) -> usize {
        self.queue
            .iter()
            .take_while(|e| {
                matches!(e, Event::Key(k) if matches!(k.code, KeyCode::Char(_))
                    && !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT))
            })
            .count()
    }

    /// The next event, waiting at most `timeout`; `Ok(None)` when nothing came (or a signal
    /// interrupted the wait).
    pub fn next(&mut self, timeout: Duration) -> Result<Option<Event>, Dead> {
        if let Some(ev) = self.queue.pop_front() {
            return Ok(Some(ev));
        }
        let now = std::time::Instant::now();
        let hold = match (self.decoder.waiting(), self.held_since) {
            (Some(wait), Some(since)) => Some((since + wait).saturating_duration_since(now)),
            _ => None,
        };
        let wait = hold.map_or(timeout, |h| h.min(timeout));
        match poll_stdin(wait)? {
            true => {
                let mut buf = [0u8; 4096];
                // SAFETY: reads into a buffer we own, of the length given.
                let n =
                    unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
                if n == 0 {
                    return Err(Dead);
                }
                if n < 0 {
                    let e = std::io::Error::last_os_error();
                    return match e.kind() {
                        std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock => {
                            Ok(None)
                        }
                        _ => Err(Dead),
                    };
                }
                let evs = self.decoder.feed(&buf[..n as usize]);
                self.held_since = self
                    .decoder
                    .waiting()
                    .map(|_| self.held_since.unwrap_or_else(std::time::Instant::now));
                self.queue.extend(evs);
            }
            false => {
                if let (Some(w), Some(since)) = (self.decoder.waiting(), self.held_since)
                    && since.elapsed() >= w
                {
                    self.queue.extend(self.decoder.flush());
                    self.held_since = None;
                }
            }
        }
        Ok(self.queue.pop_front())
    }
}

/// Whether standard input has bytes within `timeout`; `Dead` on a hang-up.
fn poll_stdin(timeout: Duration) -> Result<bool, Dead> {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd, living for the duration of the call.
    let r = unsafe { libc::poll(&mut fd, 1, ms) };
    if r < 0 {
        return if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(Dead)
        };
    }
    if r == 0 {
        return Ok(false);
    }
    if fd.revents & libc::POLLIN != 0 {
        // Read what is there even with a hang-up pending: the last keys count.
        return Ok(true);
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Err(Dead);
    }
    Ok(false)
}

enum Parsed {
    /// More bytes are needed to tell.
    Need,
    PasteStart,
    /// Bytes consumed and the events they make (none for a sequence that means nothing here).
    Events(usize, Vec<Event>),
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers: mods,
        kind: KeyEventKind::Press,
        state: ratatui::crossterm::event::KeyEventState::NONE,
    })
}

fn plain(code: KeyCode) -> Event {
    key(code, KeyModifiers::NONE)
}

fn esc() -> Event {
    plain(KeyCode::Esc)
}

fn parse(b: &[u8], complete: bool) -> Parsed {
    match b[0] {
        ESC => parse_escape(b, complete),
        _ => parse_plain(b, complete),
    }
}

/// One key that is not an escape sequence: a control character or a UTF-8 character.
fn parse_plain(b: &[u8], complete: bool) -> Parsed {
    let c = b[0];
    let ev = match c {
        b'\r' | b'\n' => plain(KeyCode::Enter),
        b'\t' => plain(KeyCode::Tab),
        0x7f | 0x08 => plain(KeyCode::Backspace),
        0x00 => key(KeyCode::Char(' '), KeyModifiers::CONTROL),
        0x01..=0x1a => key(KeyCode::Char((b'a' + c - 1) as char), KeyModifiers::CONTROL),
        // Ctrl-\, Ctrl-], Ctrl-^ and Ctrl-_ (which Ctrl-/ and Ctrl-7 also send).
        0x1c..=0x1f => key(
            KeyCode::Char(['\\', ']', '^', '_'][usize::from(c - 0x1c)]),
            KeyModifiers::CONTROL,
        ),
        _ => {
            let len = utf8_len(c);
            if len == 0 {
                // Not the first byte of a character: dropped.
                return Parsed::Events(1, Vec::new());
            }
            if b.len() < len {
                return if complete {
                    Parsed::Events(b.len(), Vec::new())
                } else {
                    Parsed::Need
                };
            }
            return match std::str::from_utf8(&b[..len]) {
                Ok(s) => {
                    let ch = s.chars().next().expect("one character");
                    let mods = if ch.is_uppercase() {
                        KeyModifiers::SHIFT
                    } else {
                        KeyModifiers::NONE
                    };
                    Parsed::Events(len, vec![key(KeyCode::Char(ch), mods)])
                }
                Err(_) => Parsed::Events(1, Vec::new()),
            };
        }
    };
    Parsed::Events(1, vec![ev])
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 0,
    }
}

/// `ESC` and what follows: a CSI or SS3 sequence, or the Esc key followed by another key.
fn parse_escape(b: &[u8], complete: bool) -> Parsed {
    let Some(&second) = b.get(1) else {
        return if complete {
            Parsed::Events(1, vec![esc()])
        } else {
            Parsed::Need
        };
    };
    match second {
        b'[' => parse_csi(b, complete),
        b'O' => match b.get(2) {
            None if !complete => Parsed::Need,
            None => Parsed::Events(1, vec![esc()]),
            Some(&f) => match ss3_key(f) {
                Some(code) => Parsed::Events(3, vec![plain(code)]),
                // `Esc`, then `O` (and what follows, decoded on its own).
                None => Parsed::Events(1, vec![esc()]),
            },
        },
        // Esc, then whatever the next byte starts: decoded on its own next time round.
        _ => Parsed::Events(1, vec![esc()]),
    }
}

fn ss3_key(f: u8) -> Option<KeyCode> {
    Some(match f {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'M' => KeyCode::Enter,
        _ => return None,
    })
}

/// `ESC [ params final`. A sequence this program does not know is read as the Esc key followed
/// by its bytes as keys, so that nothing typed after an Esc disappears.
fn parse_csi(b: &[u8], complete: bool) -> Parsed {
    let mut i = 2;
    while i < b.len() && (0x20..=0x3f).contains(&b[i]) {
        i += 1;
    }
    if i >= b.len() {
        return if complete {
            Parsed::Events(1, vec![esc()])
        } else {
            Parsed::Need
        };
    }
    let fin = b[i];
    if !(0x40..=0x7e).contains(&fin) {
        // Something other than a sequence interrupted it: Esc, then the bytes one by one.
        return Parsed::Events(1, vec![esc()]);
    }
    let len = i + 1;
    if &b[..len] == PASTE_START {
        return Parsed::PasteStart;
    }
    let params: Vec<u32> = std::str::from_utf8(&b[2..i])
        .unwrap_or("")
        .split(';')
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    let first = params.first().copied().unwrap_or(0);
    let mods = modifiers(params.get(1).copied().unwrap_or(1));
    let code = match fin {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'H' => Some(KeyCode::Home),
        b'F' => Some(KeyCode::End),
        b'P' => Some(KeyCode::F(1)),
        b'Q' => Some(KeyCode::F(2)),
        b'R' => Some(KeyCode::F(3)),
        b'S' => Some(KeyCode::F(4)),
        b'Z' => return Parsed::Events(len, vec![key(KeyCode::BackTab, KeyModifiers::SHIFT)]),
        b'~' => tilde_key(first),
        // Focus reports: not asked for, but harmless.
        b'I' | b'O' if params == [0] => return Parsed::Events(len, Vec::new()),
        // The kitty keyboard protocol's `CSI code ; mods u`.
        b'u' => char::from_u32(first).map(|c| match c {
            '\r' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            '\x7f' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        }),
        _ => None,
    };
    match code {
        Some(code) => Parsed::Events(len, vec![key(code, mods)]),
        None => Parsed::Events(1, vec![esc()]),
    }
}

fn tilde_key(n: u32) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23 | 24 => KeyCode::F((n - 12) as u8),
        _ => return None,
    })
}

/// xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4).
fn modifiers(p: u32) -> KeyModifiers {
    let bits = p.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `b` could begin `marker`.
fn partial_suffix(b: &[u8], marker: &[u8]) -> usize {
    (1..marker.len().min(b.len() + 1))
        .rev()
        .find(|&k| b.ends_with(&marker[..k]))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(evs: &[Event]) -> Vec<String> {
        evs.iter()
            .map(|e| match e {
                Event::Key(k) => {
                    let m = if k.modifiers.contains(KeyModifiers::CONTROL) {
                        "C-"
                    } else if k.modifiers.contains(KeyModifiers::ALT) {
                        "A-"
                    } else {
                        ""
                    };
                    match k.code {
                        KeyCode::Char(c) => format!("{m}{c}"),
                        c => format!("{m}{c:?}"),
                    }
                }
                Event::Paste(p) => format!("paste:{p}"),
                e => format!("{e:?}"),
            })
            .collect()
    }

    fn all(bytes: &[u8]) -> Vec<String> {
        let mut d = Decoder::new();
        let mut evs = d.feed(bytes);
        evs.extend(d.flush());
        keys(&evs)
    }

    #[test]
    fn esc_then_any_printable_key_in_one_read_is_esc_then_that_key() {
        for c in (0x20u8..0x7f).map(char::from) {
            let bytes = format!("\x1b{c}");
            let got = all(bytes.as_bytes());
            assert_eq!(
                got,
                vec!["Esc".to_string(), c.to_string()],
                "Esc then {c:?}"
            );
        }
    }

    #[test]
    fn esc_then_tab_enter_backspace_and_arrows_are_two_keys() {
        assert_eq!(all(b"\x1b\t"), ["Esc", "Tab"]);
        assert_eq!(all(b"\x1b\r"), ["Esc", "Enter"]);
        assert_eq!(all(b"\x1b\x7f"), ["Esc", "Backspace"]);
        assert_eq!(all(b"\x1b\x1b[B"), ["Esc", "Down"]);
        assert_eq!(all(b"\x1b\x1bOA"), ["Esc", "Up"]);
        assert_eq!(all(b"\x1b\x1b"), ["Esc", "Esc"]);
        assert_eq!(all(b"\x1b\x1b[Z"), ["Esc", "BackTab"]);
    }

    #[test]
    fn terminal_sequences_are_keys() {
        assert_eq!(
            all(b"\x1b[A\x1b[B\x1b[C\x1b[D"),
            ["Up", "Down", "Right", "Left"]
        );
        assert_eq!(
            all(b"\x1b[5~\x1b[6~\x1b[3~"),
            ["PageUp", "PageDown", "Delete"]
        );
        assert_eq!(all(b"\x1bOP\x1b[15~"), ["F(1)", "F(5)"]);
        assert_eq!(all(b"\x1b[1;3A"), ["A-Up"]);
        assert_eq!(all(b"\x1b[1;5C"), ["C-Right"]);
        assert_eq!(
            all(b"\x1b[H\x1b[F\x1b[1~\x1b[4~"),
            ["Home", "End", "Home", "End"]
        );
    }

    #[test]
    fn an_unknown_sequence_keeps_its_keys() {
        // Esc, then `[`, then `x` typed quickly: nothing disappears.
        assert_eq!(all(b"\x1b[x"), ["Esc", "[", "x"]);
        assert_eq!(all(b"\x1b[2q"), ["Esc", "[", "2", "q"]);
    }

    #[test]
    fn a_sequence_split_across_reads_waits_for_its_end() {
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b").is_empty());
        assert_eq!(d.waiting(), Some(ESC_WAIT));
        assert!(d.feed(b"[").is_empty());
        assert_eq!(keys(&d.feed(b"B")), ["Down"]);
        assert_eq!(d.waiting(), None);
        // A lone Esc becomes the key once no more bytes come.
        assert!(d.feed(b"\x1b").is_empty());
        assert_eq!(keys(&d.flush()), ["Esc"]);
    }

    #[test]
    fn control_keys_and_utf8() {
        assert_eq!(all(b"\x13\x03\x1a"), ["C-s", "C-c", "C-z"]);
        assert_eq!(all("Zoë 李".as_bytes()), ["Z", "o", "ë", " ", "李"]);
        // A character split across reads.
        let mut d = Decoder::new();
        let b = "é".as_bytes();
        assert!(d.feed(&b[..1]).is_empty());
        assert_eq!(keys(&d.feed(&b[1..])), ["é"]);
        // A line feed is Enter (an unbracketed paste), never Ctrl-J.
        assert_eq!(all(b"a\nb"), ["a", "Enter", "b"]);
    }

    #[test]
    fn bracketed_paste_is_one_event_also_when_split() {
        assert_eq!(
            all(b"x\x1b[200~one\ttwo\x1b\r\x1b[201~y"),
            ["x", "paste:one\ttwo\x1b\r", "y"]
        );
        let mut d = Decoder::new();
        let whole = b"\x1b[200~hello\x1b[201~";
        let mut evs = Vec::new();
        for b in whole.iter() {
            evs.extend(d.feed(std::slice::from_ref(b)));
        }
        assert_eq!(keys(&evs), ["paste:hello"]);
        // An end marker that never comes: what came is pasted.
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b[200~abc\x1b[20").is_empty());
        assert_eq!(d.waiting(), Some(PASTE_WAIT));
        assert_eq!(keys(&d.flush()), ["paste:abc\x1b[20"]);
    }
}
