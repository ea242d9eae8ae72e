"""Raw key codes through XTest, the way a USB scanner's HID reports reach X: whatever layout group is active.

`xdotool key g` (and `type`) looks the keysym up and locks the layout group that holds it
for the key press, so it always types "g"; a scanner cannot do that. These helpers send the
key code a US keyboard has for each character (Shift_L held for capitals) and leave the
active group alone, so with the Arabic group active X turns them into Arabic characters.
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

    def _event(self, code: int, press: bool) -> None:
        self._xtst.XTestFakeKeyEvent(self._dpy, code, 1 if press else 0, 0)
        self._x11.XFlush(self._dpy)

    def tap(self, code: int, per_key_ms: float, shift: bool = False) -> None:
        half = per_key_ms / 2000
        shift_code = self.keycode("Shift_L")
        if shift:
            self._event(shift_code, True)
        self._event(code, True)
        time.sleep(half)
        self._event(code, False)
        if shift:
            self._event(shift_code, False)
        time.sleep(half)

    def type_us_keys(self, text: str, per_key_ms: float = 5, terminator: str = "Return") -> None:
        """A US-layout scanner reading `text`: its key codes, then the terminator's key."""
        for char in text:
            code, shift = self.us_key(char)
            self.tap(code, per_key_ms, shift)
        self.tap(self.keycode(terminator), per_key_ms)
        self._x11.XSync(self._dpy, 0)
