"""Stopping an Application the way ``run_polling`` does, for the places that start one by hand (webhook mode, the
local chat, the tests): the updater, then the application and its ``post_stop``, then shutdown and
``post_shutdown``, so the stores are closed and staff-side jobs end in the same order everywhere."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


async def stop_application(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stops whatever of ``app`` is running, and shuts it down."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
        if app.post_stop:
            await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)
