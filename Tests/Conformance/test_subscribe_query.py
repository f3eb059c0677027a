"""Admin live queries over SSE (protocol-http §6) with the official Python SDK's
AsyncInstant.subscribe_query: initial result, pushed updates, errors."""
import asyncio

import httpx
import pytest
from instantdb import AsyncInstant, id

TIMEOUT = 10


@pytest.fixture
def adb(server):
    """A fresh ephemeral app and an async client bound to it."""
    resp = httpx.post(server.url + "/dash/apps/ephemeral", json={"title": "sse-" + id()[:8]})
    resp.raise_for_status()
    app = resp.json()["app"]
    return lambda: AsyncInstant(app_id=app["id"], admin_token=app["admin-token"], api_uri=server.url)


async def next_payload(sub):
    return await asyncio.wait_for(sub.__anext__(), TIMEOUT)


def test_subscribe_query_receives_updates_over_sse(adb):
    async def scenario():
        async with adb() as client:
            goal = id()
            await client.transact(client.tx.goals[goal].update({"title": "Get fit"}))
            async with client.subscribe_query({"goals": {}}) as sub:
                first = await next_payload(sub)
                assert first["type"] == "ok"
                assert first["data"] == {"goals": [{"id": goal, "title": "Get fit"}]}
                assert first["session_info"]["session_id"]

                # A write elsewhere in the app changes nothing here and pushes nothing;
                # the next payload is exactly the goal's update.
                await client.transact(client.tx.notes[id()].update({"text": "unrelated"}))
                await client.transact(client.tx.goals[goal].update({"title": "Get fitter"}))
                second = await next_payload(sub)
                assert second["type"] == "ok"
                assert second["data"] == {"goals": [{"id": goal, "title": "Get fitter"}]}

                other = id()
                await client.transact(client.tx.goals[other].update({"title": "Read"}))
                third = await next_payload(sub)
                assert sorted(g["title"] for g in third["data"]["goals"]) == ["Get fitter", "Read"]

    asyncio.run(scenario())


def test_subscribe_query_reports_page_info(adb):
    async def scenario():
        async with adb() as client:
            await client.transact([client.tx.items[id()].update({"n": n}) for n in range(3)])
            async with client.subscribe_query({"items": {"$": {"limit": 2}}}) as sub:
                first = await next_payload(sub)
                assert first["type"] == "ok"
                assert len(first["data"]["items"]) == 2
                assert first["page_info"]["items"]["has_next_page"] is True

    asyncio.run(scenario())


def test_subscribe_query_with_an_invalid_query_gets_an_error_payload(adb):
    async def scenario():
        async with adb() as client:
            async with client.subscribe_query({"goals": {"$": {"bogus": 1}}}) as sub:
                payload = await next_payload(sub)
                assert payload["type"] == "error"
                assert payload["error"].status == 400
                assert payload["error"].body["type"] == "validation-failed"

    asyncio.run(scenario())
