use super::*;
use ratatui::Terminal;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

const W: u16 = 20;
const H: u16 = 4;

fn term() -> Terminal<LeanBackend<Vec<u8>>> {
    Terminal::new(LeanBackend::with_size(Vec::new(), W, H)).unwrap()
}

/// Draws `lines` (one per row) with the cursor at `cursor` (hidden when `None`) and returns
/// the bytes this frame wrote.
fn frame(
    t: &mut Terminal<LeanBackend<Vec<u8>>>,
    lines: &[Line<'static>],
    cursor: Option<(u16, u16)>,
) -> Vec<u8> {
    t.backend_mut().writer_mut().clear();
    t.draw(|f| {
        f.render_widget(Paragraph::new(lines.to_vec()), f.area());
        if let Some(c) = cursor {
            f.set_cursor_position(c);
        }
    })
    .unwrap();
    t.backend().writer().clone()
}

fn text(s: &str) -> Vec<Line<'static>> {
    s.split('\n').map(|l| Line::raw(l.to_string())).collect()
}

fn show(b: &[u8]) -> String {
    String::from_utf8_lossy(b).replace('\x1b', "^[")
}

#[test]
fn typing_a_character_at_the_cursor_writes_only_the_character() {
    let mut t = term();
    frame(&mut t, &text("ab"), Some((2, 0)));
    let typed = frame(&mut t, &text("abc"), Some((3, 0)));
    assert_eq!(show(&typed), "c");
    let typed = frame(&mut t, &text("abcd"), Some((4, 0)));
    assert_eq!(show(&typed), "d");
}

#[test]
fn typing_in_an_underlined_field_writes_only_the_character() {
    let mut t = term();
    let field = |s: &str| vec![Line::styled(s.to_string(), Style::new().underlined())];
    frame(&mut t, &field("ab"), Some((2, 0)));
    let typed = frame(&mut t, &field("abc"), Some((3, 0)));
    // The pen is still underlined from the last frame: the character alone.
    assert_eq!(show(&typed), "c");
}

#[test]
fn a_frame_that_changes_nothing_writes_nothing() {
    let mut t = term();
    frame(&mut t, &text("ab"), Some((2, 0)));
    assert_eq!(show(&frame(&mut t, &text("ab"), Some((2, 0)))), "");
    frame(&mut t, &text("ab"), None);
    assert_eq!(show(&frame(&mut t, &text("ab"), None)), "");
}

#[test]
fn the_first_frame_sets_everything_it_does_not_know() {
    let mut t = term();
    let first = frame(&mut t, &text("a"), Some((1, 0)));
    // The style and cursor are unknown: reset, then the cell, then show the cursor. The cursor
    // is already at (1, 0) after printing `a`.
    let s = show(&first);
    assert!(s.starts_with("^[[H^[[0ma"), "{s}");
    assert!(s.ends_with("^[[?25h"), "{s}");
}

#[test]
fn a_run_of_adjacent_cells_needs_one_move_and_gaps_use_short_moves() {
    let mut t = term();
    frame(&mut t, &text(""), None);
    let b = frame(&mut t, &text("\n  xyz   q"), None);
    // The first frame wrote no cells, so where the cursor is and the style are unknown: an
    // absolute move and a reset; then three cells; then a relative move over the gap.
    assert_eq!(show(&b), "^[[2;3H^[[0mxyz^[[3Cq");
    let b = frame(&mut t, &text("\nA xyz   q"), None);
    assert_eq!(
        show(&b),
        "\rA",
        "column 0 of the same row by a carriage return"
    );
    let b = frame(&mut t, &text("\nAbxyz   q"), None);
    assert_eq!(show(&b), "b", "the cursor is already after A");
    let b = frame(&mut t, &text("A\nAbxyz   q"), None);
    assert_eq!(show(&b), "^[[HA", "another row and column: absolute");
    let b = frame(&mut t, &text("A\nAbxyz   q\n k"), None);
    assert_eq!(show(&b), "^[[2Bk", "straight down");
}

#[test]
fn the_cursor_is_shown_and_hidden_only_when_that_changes() {
    let mut t = term();
    frame(&mut t, &text("a"), Some((1, 0)));
    let b = frame(&mut t, &text("a"), None);
    assert_eq!(show(&b), "^[[?25l");
    let b = frame(&mut t, &text("a"), None);
    assert_eq!(show(&b), "");
    let b = frame(&mut t, &text("a"), Some((0, 1)));
    assert_eq!(show(&b), "^[[?25h^[[2H");
}

#[test]
fn style_changes_send_only_what_differs() {
    let mut t = term();
    frame(&mut t, &text(""), None);
    let line = vec![Line::from(vec![
        ratatui::text::Span::styled("a", Style::new().fg(Color::Yellow).bold()),
        ratatui::text::Span::styled("b", Style::new().fg(Color::Yellow)),
        ratatui::text::Span::styled("c", Style::new().fg(Color::LightRed).bg(Color::Blue)),
    ])];
    let b = frame(&mut t, &line, None);
    // The pen stays as the frame left it (terminal::restore resets it on the way out).
    assert_eq!(show(&b), "^[[H^[[0;1;33ma^[[22mb^[[91;44mc");
}

#[test]
fn everything_reaches_the_terminal_in_one_write_per_frame() {
    #[derive(Default)]
    struct Writes(Vec<usize>);
    impl Write for Writes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut t = Terminal::new(LeanBackend::with_size(Writes::default(), W, H)).unwrap();
    for s in ["a", "ab\ncd", "x\n\n\ny"] {
        t.backend_mut().writer_mut().0.clear();
        t.draw(|f| {
            f.render_widget(Paragraph::new(s), f.area());
            f.set_cursor_position((3, 3));
        })
        .unwrap();
        assert_eq!(t.backend().writer().0.len(), 1, "{s:?}");
    }
}

#[test]
fn after_the_last_column_the_next_cell_is_placed_absolutely() {
    let mut t = term();
    frame(&mut t, &text(""), None);
    let full = "a".repeat(W as usize);
    frame(&mut t, &text(&full), None);
    // The terminal's cursor waits at the last column to wrap: a relative move or a bare print
    // would land one column off.
    let b = frame(&mut t, &text(&format!("{full}\nb")), None);
    assert_eq!(show(&b), "^[[2Hb");
    let b = frame(
        &mut t,
        &text(&format!("{}c\nb", &full[1..])),
        Some((W - 1, 0)),
    );
    assert_eq!(show(&b), "^[[1;20Hc^[[?25h^[[1;20H");
}

#[test]
fn a_wide_character_moves_the_cursor_two_columns() {
    let mut t = term();
    frame(&mut t, &text(""), None);
    let b = frame(&mut t, &text("李x"), None);
    assert_eq!(show(&b), "^[[H^[[0m李x");
}

#[test]
fn after_an_emoji_the_next_cell_is_placed_absolutely() {
    // Terminals older than Unicode 9 draw ⌚ one column wide, as CrosstermBackend allowed for.
    let mut t = term();
    frame(&mut t, &text(""), None);
    let b = frame(&mut t, &text("⌚x"), None);
    assert_eq!(show(&b), "^[[H^[[0m⌚^[[1;3Hx");
}

#[test]
fn a_clear_resets_the_style_and_forgets_the_cursor() {
    let mut t = term();
    frame(&mut t, &text("ab"), Some((2, 0)));
    t.backend_mut().writer_mut().clear();
    t.clear().unwrap();
    let b = frame(&mut t, &text("ab"), Some((2, 0)));
    let s = show(&b);
    assert!(s.starts_with("^[[0m^[[2J"), "{s}");
    assert!(s.ends_with("ab^[[?25h"), "{s}");
}

/// A terminal that understands what the backend sends, with the pending wrap at the last
/// column, to check that what the screen shows is what ratatui drew.
mod emulator;

#[test]
fn random_frames_leave_the_emulated_screen_equal_to_the_buffer() {
    use proptest::prelude::*;
    let cell = prop_oneof![
        Just(" "),
        Just("a"),
        Just("z"),
        Just("李"),
        Just("─"),
        Just("é"),
        Just("⌚")
    ];
    let colour = prop_oneof![
        Just(Color::Reset),
        Just(Color::Yellow),
        Just(Color::LightCyan),
        Just(Color::Indexed(200)),
        Just(Color::Rgb(1, 2, 3))
    ];
    let style = (colour.clone(), colour, 0u16..512).prop_map(|(fg, bg, m)| {
        Style::new()
            .fg(fg)
            .bg(bg)
            .add_modifier(Modifier::from_bits_truncate(m))
    });
    let frame_ = proptest::collection::vec(
        (0..W, 0..H, cell, style, proptest::option::of((0..W, 0..H))),
        1..30,
    );
    let frames = proptest::collection::vec(frame_, 1..6);
    proptest!(ProptestConfig::with_cases(200), |(frames in frames)| {
        let mut t = term();
        let mut screen = emulator::Screen::new(W, H);
        for (i, f) in frames.iter().enumerate() {
            t.backend_mut().writer_mut().clear();
            let cursor = f[0].4;
            let done = t.draw(|fr| {
                let buf = fr.buffer_mut();
                for (x, y, sym, style, _) in f {
                    // ratatui leaves the half of a wide character that is written over to
                    // the terminal, which blanks the whole: keep the frames consistent.
                    if *x > 0 && buf[(*x - 1, *y)].symbol().cell_width() == 2 {
                        continue;
                    }
                    buf.set_stringn(*x, *y, sym, (W - *x) as usize, *style);
                }
                if let Some(c) = cursor {
                    fr.set_cursor_position(c);
                }
            }).unwrap().buffer.clone();
            screen.feed(t.backend().writer());
            screen.assert_shows(&done, cursor, i);
        }
    });
}

#[test]
fn what_is_queued_when_dropped_never_reaches_the_terminal() {
    // A clear queued (after the editor) and then a panic: the terminal has been restored by
    // then, and the clear would wipe the shell's screen.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let out = Shared::default();
    let mut t = Terminal::new(LeanBackend::with_size(out.clone(), W, H)).unwrap();
    t.draw(|f| f.render_widget(Paragraph::new("a"), f.area()))
        .unwrap();
    let drawn = out.0.borrow().len();
    t.clear().unwrap();
    drop(t);
    assert_eq!(out.0.borrow().len(), drawn);
}

#[test]
fn a_long_frame_is_drawn_with_the_cursor_hidden() {
    let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 80, 10)).unwrap();
    frame(&mut t, &text("a"), Some((1, 0)));
    let page = vec!["x".repeat(79); 10].join("\n");
    let s = show(&frame(&mut t, &text(&page), Some((1, 0))));
    assert!(s.starts_with("^[[?25l") && s.ends_with("^[[?25h"), "{s}");
    assert_eq!(s.matches("25h").count(), 1, "{s}");
    // Short frames, like a typed character's, are not.
    let s = show(&frame(
        &mut t,
        &text(&page.replacen('x', "y", 1)),
        Some((1, 0)),
    ));
    assert_eq!(s, "\ry");
}

#[test]
fn a_clear_never_asks_the_terminal_where_its_cursor_is() {
    // The last frame ended in the last column with the cursor hidden: its place is unknown.
    // Asking the terminal (crossterm's `position`) fails without one, as here, and with one
    // its answer arrives among the keys.
    let mut t = term();
    frame(&mut t, &text(&"a".repeat(W as usize)), None);
    t.clear().unwrap();
    let s = show(&frame(&mut t, &text("b"), None));
    assert!(s.starts_with("^[[0m^[[2J^[[Hb"), "{s}");
}
