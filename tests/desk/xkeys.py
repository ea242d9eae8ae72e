"""A USB scanner's keys through XTest: US key codes, timed by the X server, whatever layout group is active.

Two things a scanner does that `xdotool type` cannot promise:
- it sends key codes, not characters: `xdotool key g` (and `type`) looks the keysym up and
  locks the layout group holding it for the press, so it types "g" even with the Arabic
  group active. These helpers send the US key code (Shift_L held for capitals) and leave
  the active group alone, so X turns them into whatever the active layout says;
- it keeps its pace: xdotool sleeps between keys in its own process, which a loaded machine
  deschedules for 40 ms and more (enough to split a 5 ms-a-key scan in two; seen 1-3 times
  per 150-card rush on a shared 2-core machine). Here every event carries its delay to the
  X server (XTestFakeKeyEvent's `delay`), which spaces and timestamps the keys itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time

XKB_USE_CORE_KBD = 0x0100
_US_KEYSYM = {"-": "minus", " ": "space", ".": "period", "/": "slash", "]": "bracketright", "[": "bracketleft",
              "~": "asciitilde", "%": "percent", "$": "dollar", "#": "numbersign", "*": "asterisk"}


class _XkbState(ctypes.Structure):
    _fields_ = [("group", ctypes.c_ubyte), ("locked_group", ctypes.c_ubyte), ("base_group", ctypes.c_ushort),
                ("latched_group", ctypes.c_ushort), ("mods", ctypes.c_ubyte), ("base_mods", ctypes.c_ubyte),
                ("latched_mods", ctypes.c_ubyte), ("locked_mods", ctypes.c_ubyte), ("compat_state", ctypes.c_ubyte),
                ("grab_mods", ctypes.c_ubyte), ("compat_grab_mods", ctypes.c_ubyte), ("lookup_mods", ctypes.c_ubyte),
                ("compat_lookup_mods", ctypes.c_ubyte), ("ptr_buttons", ctypes.c_ushort)]


def _libs() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
    x11.XStringToKeysym.restype = ctypes.c_ulong
    x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x11.XKeysymToKeycode.restype = ctypes.c_ubyte
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XkbLockGroup.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_uint]
    x11.XkbGetState.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(_XkbState)]
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    return x11, xtst


class RawKeyboard:
    """An XTest keyboard on one display."""

    def __init__(self, display: str) -> None:
        self._x11, self._xtst = _libs()
        self._dpy = self._x11.XOpenDisplay(display.encode())
        if not self._dpy:
            raise RuntimeError(f"cannot open X display {display}")
        self._xtest_event = self._xtst.XTestFakeKeyEvent

    def close(self) -> None:
        if self._dpy:
            self._x11.XCloseDisplay(self._dpy)
            self._dpy = None

    def __enter__(self) -> RawKeyboard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- layout groups

    def lock_group(self, group: int) -> None:
        """Make `group` the active layout (what the desk's layout switcher does); RuntimeError if X refuses."""
        for _attempt in range(20):
            self.group()  # the first Xkb request sets the extension up for this connection
            self._x11.XkbLockGroup(self._dpy, XKB_USE_CORE_KBD, group)
            self._x11.XSync(self._dpy, 0)
            if self.group() == group:
                return
            time.sleep(0.05)
        raise RuntimeError(f"X did not switch the keyboard to layout group {group}")

    def group(self) -> int:
        state = _XkbState()
        self._x11.XkbGetState(self._dpy, XKB_USE_CORE_KBD, ctypes.byref(state))
        return int(state.group)

    # -- keys

    def keycode(self, keysym_name: str) -> int:
        keysym = self._x11.XStringToKeysym(keysym_name.encode())
        code = self._x11.XKeysymToKeycode(self._dpy, keysym) if keysym else 0
        if not code:
            raise ValueError(f"no key for {keysym_name!r} on this keyboard")
        return int(code)

    def us_key(self, char: str) -> tuple[int, bool]:
        """The key code a US keyboard has for a character, and whether Shift is held for it."""
        if char.isalpha() and char.isascii():
            return self.keycode(char.lower()), char.isupper()
        return self.keycode(_US_KEYSYM.get(char, char)), False

    def _event(self, code: int, press: bool, after_ms: int = 0) -> None:
        # The X server waits `after_ms` after the previous event of this connection before it
        # processes (and timestamps) this one, so the keys' spacing does not depend on how
        # promptly this process gets the CPU on a loaded machine.
        self._xtest_event(self._dpy, code, 1 if press else 0, after_ms)

    def type_us_keys(self, text: str, per_key_ms: int = 5, terminator: str | None = "Return") -> None:
        """A US-layout scanner reading `text`: its key codes `per_key_ms` apart (Shift_L held for
        capitals), then the terminator's key; returns once X has processed them all."""
        shift = self.keycode("Shift_L")
        half = max(1, per_key_ms // 2)
        keys = [self.us_key(char) for char in text]
        if terminator:
            keys.append((self.keycode(terminator), False))
        wait = 0
        for code, shifted in keys:
            if shifted:
                self._event(shift, True, wait)
                wait = 0
            self._event(code, True, wait)
            self._event(code, False, half)
            if shifted:
                self._event(shift, False)
            wait = per_key_ms - half
        self._x11.XSync(self._dpy, 0)
