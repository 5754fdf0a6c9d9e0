"""Sign-in throttling (anchorspend.throttle) on a clock the test moves by hand."""

from __future__ import annotations

from anchorspend.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_session_waits_after_three_wrong_passwords_and_longer_each_time() -> None:
    clock = Clock()
    throttle = Throttle(free=3, wait_s=10, max_wait_s=40, clock=clock)
    for _ in range(3):
        assert throttle.wait("a") == 0
        throttle.failed("a")
    assert throttle.wait("a") == 10  # 10 s after the third failure
    clock.now += 10
    assert throttle.wait("a") == 0
    throttle.failed("a")
    assert throttle.wait("a") == 20  # doubled
    clock.now += 20
    throttle.failed("a")
    throttle.failed("a")
    assert throttle.wait("a") == 40  # 80 capped at 40
    assert throttle.wait("b") == 0  # another session is not held up by a's failures alone


def test_a_right_password_clears_its_session_only() -> None:
    clock = Clock()
    throttle = Throttle(free=1, wait_s=10, clock=clock)
    throttle.failed("a")
    throttle.failed("b")
    throttle.succeeded("a")
    assert throttle.wait("a") == 0 and throttle.wait("b") == 10


def test_new_sessions_do_not_buy_new_guesses() -> None:
    clock = Clock()
    throttle = Throttle(free=3, global_free=5, global_wait_s=60, window_s=600, clock=clock)
    for n in range(5):  # five sessions, one wrong password each
        throttle.failed(f"session {n}")
        clock.now += 1
    assert throttle.wait("a sixth session") == 59  # 60 s after the latest failure anywhere
    clock.now += 59
    assert throttle.wait("a sixth session") == 0
    clock.now += 600  # the failures leave the window
    throttle.failed("x")
    assert throttle.wait("a sixth session") == 0
