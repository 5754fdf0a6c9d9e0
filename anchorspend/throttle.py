"""Sign-in throttling: after a few wrong passwords a session, and then everyone, must wait before trying again."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Throttle:
    """Failed attempts per key (a browser session) and over all keys, in one process.

    A key may fail `free` times; each further failure makes it wait `wait_s` seconds, doubling up to `max_wait_s`.
    When `global_free` failures happened anywhere within `window_s`, every key waits `global_wait_s` after the
    latest one: opening new sessions does not buy new guesses. A success clears its key only.
    """

    free: int = 3
    wait_s: float = 10.0
    max_wait_s: float = 600.0
    global_free: int = 20
    global_wait_s: float = 60.0
    window_s: float = 600.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)  # key -> (count, time of the last)
    _recent: deque[float] = field(default_factory=deque)  # times of failures anywhere, within window_s
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, key: str) -> float:
        """Seconds before `key` may try again (0: now)."""
        now = self.clock()
        with self._lock:
            self._forget(now)
            waits = [0.0]
            count, last = self._failures.get(key, (0, now))
            if count >= self.free:
                waits.append(last + min(self.max_wait_s, self.wait_s * 2 ** (count - self.free)) - now)
            if len(self._recent) >= self.global_free:
                waits.append(self._recent[-1] + self.global_wait_s - now)
            return max(waits)

    def failed(self, key: str) -> None:
        """Record a wrong password for key."""
        now = self.clock()
        with self._lock:
            count, _ = self._failures.get(key, (0, now))
            self._failures[key] = (count + 1, now)
            self._recent.append(now)
            self._forget(now)

    def succeeded(self, key: str) -> None:
        """A right password: this key starts afresh (the count over all keys stays)."""
        with self._lock:
            self._failures.pop(key, None)

    def _forget(self, now: float) -> None:
        while self._recent and self._recent[0] < now - self.window_s:
            self._recent.popleft()
        stale = [k for k, (_, last) in self._failures.items() if last < now - max(self.window_s, self.max_wait_s)]
        for key in stale:
            del self._failures[key]
