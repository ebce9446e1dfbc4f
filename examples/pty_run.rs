//! Runs a command in a fresh 80x24 pseudo-terminal, reads and discards all it writes, and
//! exits with its status: the wrapper that lets hyperfine time full-screen programs (mentorplan,
//! vim, nano) to their first frame on equal terms, at a cost of well under a millisecond
//! (`script` costs tens of milliseconds, and more when its input ends).
//!
//! `pty_run [--ctrl-x | --keys KEYS] -- COMMAND [ARGS...]`: with `--ctrl-x`, types ^X once the
//! program has written something (nano has no quit flag: it reads the ^X after drawing its first
//! frame); with `--keys`, types KEYS then (`\r` Enter, `\xNN` any byte: `--keys '\x13\x18'` is
//! ^S ^X).
//! Used by scripts/bench.

use std::ffi::CString;
use std::ptr;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut keys = Vec::new();
    if args.first().is_some_and(|a| a == "--ctrl-x") {
        args.remove(0);
        keys = vec![0x18];
    } else if args.first().is_some_and(|a| a == "--keys") && args.len() > 1 {
        keys = unescape(&args[1]);
        args.drain(..2);
    }
    if args.first().is_some_and(|a| a == "--") {
        args.remove(0);
    }
    assert!(
        !args.is_empty(),
        "usage: pty_run [--ctrl-x | --keys KEYS] -- COMMAND [ARGS...]"
    );
    let argv: Vec<CString> = args
        .iter()
        .map(|a| CString::new(a.as_str()).expect("no NUL in arguments"))
        .collect();
    let mut argv_ptrs: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    argv_ptrs.push(ptr::null());

    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let (mut master, mut slave) = (0, 0);
    // SAFETY: plain libc calls on descriptors this process owns; the child only calls
    // async-signal-safe functions before exec.
    unsafe {
        assert_eq!(
            libc::openpty(&mut master, &mut slave, ptr::null_mut(), ptr::null(), &size),
            0,
            "openpty failed"
        );
        let pid = libc::fork();
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            libc::setsid();
            libc::ioctl(slave, libc::TIOCSCTTY, 0);
            for fd in 0..3 {
                libc::dup2(slave, fd);
            }
            libc::close(master);
            if slave > 2 {
                libc::close(slave);
            }
            libc::execvp(argv_ptrs[0], argv_ptrs.as_ptr());
            libc::_exit(127);
        }
        libc::close(slave);
        let mut buf = [0u8; 65536];
        let mut sent = false;
        loop {
            let n = libc::read(master, buf.as_mut_ptr().cast(), buf.len());
            if n <= 0 {
                break; // EIO: the program and every holder of the terminal have gone
            }
            if !keys.is_empty() && !sent {
                libc::write(master, keys.as_ptr().cast(), keys.len());
                sent = true;
            }
        }
        let mut status = 0;
        libc::waitpid(pid, &mut status, 0);
        let code = if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            1
        };
        std::process::exit(code);
    }
}

/// `\r`, `\n`, `\e` and `\xNN` in KEYS as the bytes they name; everything else as itself.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied();
        match (b[i], next) {
            (b'\\', Some(b'r')) => out.push(b'\r'),
            (b'\\', Some(b'n')) => out.push(b'\n'),
            (b'\\', Some(b'e')) => out.push(0x1b),
            (b'\\', Some(b'x')) if s.get(i + 2..i + 4).is_some() => {
                let hex = &s[i + 2..i + 4];
                out.push(u8::from_str_radix(hex, 16).expect("\\xNN with two hex digits"));
                i += 4;
                continue;
            }
            (c, _) => {
                out.push(c);
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    out
}
