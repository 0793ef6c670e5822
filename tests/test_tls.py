"""The Bot API client's certificates: one verifying context per process, the same whether a start-up preload or
the first session loaded it."""

from __future__ import annotations

import ssl

import certifi

from bot import tls
from bot.http import AiohttpRequest


def test_the_context_verifies_servers_against_certifis_bundle() -> None:
    context = tls.certificates()

    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    bundle = ssl.create_default_context(cafile=certifi.where())
    assert len(context.get_ca_certs()) == len(bundle.get_ca_certs()) > 0


def test_a_preload_and_a_session_share_one_context() -> None:
    tls._load.cache_clear()
    tls.preload().join()
    preloaded = tls.certificates()

    assert tls._load.cache_info().misses == 1 and tls.certificates() is preloaded


async def test_every_session_of_the_client_uses_it() -> None:
    client = AiohttpRequest()
    await client.initialize()
    try:
        assert client._session is not None
        assert client._session.connector._ssl is tls.certificates()  # type: ignore[union-attr]
    finally:
        await client.shutdown()
