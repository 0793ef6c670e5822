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


def test_a_flood_is_warned_about_once_even_when_messages_are_let_through_meanwhile() -> None:
    guard = FloodGuard(rate=2.0, burst=8)
    verdicts = [guard.check(7, step * 0.1) for step in range(30)]  # 10 messages a second for 3 s
    assert verdicts.count("warn") == 1
    assert verdicts.count("ok") == 8 + 5  # the burst, then the refill of 2 a second
    # Calm for long enough to refill the whole bucket: a new flood gets a new warning.
    later = [guard.check(7, 10.0 + step * 0.1) for step in range(12)]
    assert later.count("warn") == 1
