"""Keyboard-wedge scanners versus people typing, prefixes, and the Arabic keyboard layout."""

from __future__ import annotations

from collections.abc import Iterable

from reception.scanning.wedge import EnterVerdict, WedgeDetector

CODE = "GYM-1024-0A1B2C3D"


def type_keys(detector: WedgeDetector, keys: Iterable[str], start: float, gap: float) -> float:
    t = start
    for key in keys:
        detector.key(key, t)
        t += gap
    return t


def test_fast_burst_ending_in_enter_is_a_scan_and_its_enter_is_swallowed() -> None:
    detector = WedgeDetector()
    end = type_keys(detector, CODE, start=10.0, gap=0.004)
    verdict = detector.enter(end)
    assert verdict.swallow_enter
    assert verdict.scan is not None
    assert verdict.scan.code == CODE
    assert verdict.scan.started_at == 10.0  # first key: the latency budget starts here
    assert verdict.scan.keys == len(CODE)


def test_person_typing_is_not_a_scan() -> None:
    detector = WedgeDetector()
    end = type_keys(detector, CODE, start=10.0, gap=0.09)
    assert detector.enter(end + 0.2) == EnterVerdict(None)
    assert not EnterVerdict(None).swallow_enter


def test_fast_typist_with_rollover_is_not_a_scan() -> None:
    detector = WedgeDetector()
    t = 5.0
    for i, key in enumerate("mohamed salem"):
        detector.key(key, t)
        t += 0.015 if i % 3 == 0 else 0.07  # occasional overlapping keys, mostly human gaps
    assert detector.enter(t).scan is None


def test_typed_text_then_a_scan_yields_only_the_scan() -> None:
    detector = WedgeDetector()
    t = type_keys(detector, "ahmed", start=1.0, gap=0.12)  # someone typing in a search box
    t = type_keys(detector, CODE, start=t + 0.5, gap=0.003)
    verdict = detector.enter(t)
    assert verdict.scan is not None and verdict.scan.code == CODE
    assert verdict.scan.keys == len(CODE)  # only the burst is taken back out of the field


def test_short_burst_or_late_enter_is_not_a_scan() -> None:
    detector = WedgeDetector(min_keys=6)
    assert detector.enter(type_keys(detector, "12345", 1.0, 0.003)).scan is None
    end = type_keys(detector, CODE, 2.0, 0.003)
    assert detector.enter(end + 0.5).scan is None


def test_prefix_and_suffix_are_stripped() -> None:
    detector = WedgeDetector(prefix="]Q1", suffix="#")
    end = type_keys(detector, "]Q1" + CODE + "#", 1.0, 0.002)
    verdict = detector.enter(end)
    assert verdict.scan is not None and verdict.scan.code == CODE


def test_lower_case_and_arabic_digits_are_cleaned() -> None:
    detector = WedgeDetector()
    end = type_keys(detector, "gym-١٠٢٤-0a1b2c3d", 1.0, 0.003)
    verdict = detector.enter(end)
    assert verdict.scan is not None and verdict.scan.code == CODE


# What a US-layout scanner's keys produce while Windows' Arabic (101) layout is active.
ARABIC_101 = {"G": "لأ", "Y": "إ", "M": "’", "A": "ِ", "B": "لآ", "C": "}", "D": "]", "E": "ُ", "F": "["}


def test_arabic_layout_burst_decodes_to_the_card_code() -> None:
    code = "GYM-1024-ABCDEF12"
    keys = [ARABIC_101.get(c, c) for c in code]  # lam-alef arrives as one key with two letters
    keys = [k.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) for k in keys]
    detector = WedgeDetector()
    end = type_keys(detector, keys, 1.0, 0.004)
    verdict = detector.enter(end)
    assert verdict.swallow_enter
    assert verdict.scan is not None
    assert verdict.scan.code == code
    assert verdict.scan.raw == "".join(keys)


def test_in_burst_tells_the_ui_when_to_hold_keys() -> None:
    detector = WedgeDetector()
    assert not detector.key("G", 1.0)
    assert detector.key("Y", 1.003)
    assert not detector.key("M", 1.2)  # slow: a person, start over
    detector.reset()
    assert not detector.in_burst


def test_one_key_stamped_late_by_a_busy_machine_does_not_split_the_scan() -> None:
    detector = WedgeDetector()
    t = type_keys(detector, CODE[:5], start=1.0, gap=0.004)
    t = type_keys(detector, CODE[5:], start=t + 0.09, gap=0.004)  # one 90 ms gap in the middle
    verdict = detector.enter(t)
    assert verdict.scan is not None and verdict.scan.code == CODE


def test_two_slow_gaps_or_a_person_at_sixty_ms_are_not_a_scan() -> None:
    detector = WedgeDetector()
    t = type_keys(detector, CODE[:4], start=1.0, gap=0.004)
    t = type_keys(detector, CODE[4:8], start=t + 0.09, gap=0.004)
    t = type_keys(detector, CODE[8:], start=t + 0.09, gap=0.004)
    verdict = detector.enter(t)
    assert verdict.scan is None or verdict.scan.code != CODE  # the run restarted at the second slow gap
    person = WedgeDetector()
    assert person.enter(type_keys(person, "layla rashad", start=5.0, gap=0.06)).scan is None
