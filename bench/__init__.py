"""Benchmarks and evaluation scripts that print figures; run each as ``.venv/bin/python bench/<script>.py``.

The performance benchmark (``bench/run.py``) is split by job: ``stream`` makes the synthetic users and their
updates, ``fake_api`` plays Telegram, ``load`` offers the updates in the two load shapes, ``measure`` reads the
processes and prints the table; ``echo_bot`` and ``bot_process`` are the two bots it runs as subprocesses.
"""
