"""F3 / Shift+F3 stepping, wrapping across the result."""

from __future__ import annotations

from spacereader.ui.hit_navigation import HitNavigator


def test_next_and_previous_wrap() -> None:
    navigator: HitNavigator[str] = HitNavigator()
    navigator.set_hits(["a1", "a2", "b1"])
    assert navigator.current() is None
    assert navigator.next() == "a1"
    assert navigator.next() == "a2"
    assert navigator.next() == "b1"
    assert navigator.position() == (3, 3)
    assert navigator.next() == "a1"
    assert navigator.previous() == "b1"


def test_previous_first_goes_to_the_last() -> None:
    navigator: HitNavigator[int] = HitNavigator()
    navigator.set_hits([1, 2, 3])
    assert navigator.previous() == 3


def test_empty_result_has_no_hits() -> None:
    navigator: HitNavigator[int] = HitNavigator()
    navigator.set_hits([])
    assert navigator.next() is None
    assert navigator.position() == (0, 0)


def test_select_a_clicked_hit() -> None:
    navigator: HitNavigator[str] = HitNavigator()
    navigator.set_hits(["x", "y", "z"])
    navigator.select("y")
    assert navigator.position() == (2, 3)
    assert navigator.next() == "z"
