from bot.flood import FloodGuard


def test_burst_then_one_warning_then_silence_then_recovery() -> None:
    guard = FloodGuard(rate=2.0, burst=3)
    assert [guard.check(1, 0.0) for _ in range(5)] == ["ok", "ok", "ok", "warn", "drop"]
    assert guard.check(2, 0.0) == "ok"  # other users are not affected
    assert guard.check(1, 1.0) == "ok"  # two tokens back after a second


def test_memory_stays_bounded() -> None:
    guard = FloodGuard(rate=1.0, burst=2, max_users=100)
    for user in range(1000):
        guard.check(user, float(user))
    assert len(guard._buckets) <= 100
