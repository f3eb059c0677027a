"""Auth through the official Python admin SDK: magic codes, tokens, users, sign-out,
guests and impersonation (protocol-http §3.3, §8, §9.3)."""
import json
import uuid

import httpx
import pytest
from conftest import Server
from instantdb import Instant, InstantAPIError


def admin_post(db, path, body):
    """A raw admin call for what the SDK has no method for (sign_in_guest)."""
    return httpx.post(
        db._api_uri + path,
        params={"app_id": db._app_id},
        headers={"authorization": f"Bearer {db._admin_token}"},
        json=body,
    )


def test_generated_magic_code_signs_in_once(db):
    code = db.auth.generate_magic_code("alyssa@example.com")
    assert len(code) == 6 and code.isdigit()
    user, created = db.auth.check_magic_code(email="Alyssa@Example.com", code=code)
    assert created is True
    assert user["email"] == "alyssa@example.com"
    assert user["type"] == "user" and user["isGuest"] is False
    assert user["app_id"] == db._app_id
    assert uuid.UUID(user["refresh_token"])
    with pytest.raises(InstantAPIError) as err:
        db.auth.check_magic_code(email="alyssa@example.com", code=code)
    assert err.value.status == 400
    assert err.value.body["type"] == "record-not-found"
    assert err.value.body["hint"]["record-type"] == "app-user-magic-code"


def test_sent_magic_code_is_returned_to_admins_and_verifies(db):
    code = db.auth.send_magic_code("ben@example.com")
    user, created = db.auth.check_magic_code(email="ben@example.com", code=code)
    assert created is True
    again, created_again = db.auth.check_magic_code(
        email="ben@example.com", code=db.auth.generate_magic_code("ben@example.com")
    )
    assert created_again is False and again["id"] == user["id"]


def test_create_token_verify_and_get_user(db):
    token = db.auth.create_token(email="carla@example.com")
    user = db.auth.verify_token(token)
    assert user["email"] == "carla@example.com"
    assert user["refresh_token"] == token
    assert "type" not in user
    for found in (
        db.auth.get_user(email="carla@example.com"),
        db.auth.get_user(id=user["id"]),
        db.auth.get_user(refresh_token=token),
    ):
        assert found["id"] == user["id"] and "refresh_token" not in found
    assert db.auth.get_user(email="nobody@example.com") is None
    by_id = str(uuid.uuid4())
    assert db.auth.verify_token(db.auth.create_token(id=by_id))["id"] == by_id


def test_delete_user_removes_it_and_its_tokens(db):
    token = db.auth.create_token(email="dana@example.com")
    deleted = db.auth.delete_user(email="dana@example.com")
    assert deleted["email"] == "dana@example.com"
    assert db.auth.get_user(email="dana@example.com") is None
    assert db.auth.delete_user(email="dana@example.com") is None
    with pytest.raises(InstantAPIError) as err:
        db.auth.verify_token(token)
    assert err.value.body["hint"]["record-type"] == "app-user"


def test_sign_out_by_token_email_and_id(db):
    first = db.auth.create_token(email="eve@example.com")
    second = db.auth.create_token(email="eve@example.com")
    db.auth.sign_out(refresh_token=first)
    with pytest.raises(InstantAPIError):
        db.auth.verify_token(first)
    assert db.auth.verify_token(second)["email"] == "eve@example.com"
    db.auth.sign_out(email="eve@example.com")
    with pytest.raises(InstantAPIError):
        db.auth.verify_token(second)
    third = db.auth.create_token(email="eve@example.com")
    db.auth.sign_out(id=db.auth.get_user(email="eve@example.com")["id"])
    with pytest.raises(InstantAPIError):
        db.auth.verify_token(third)
    with pytest.raises(InstantAPIError) as err:
        db.auth.sign_out(email="nobody@example.com")
    assert err.value.body["hint"]["record-type"] == "app-user"


def test_sign_in_guest(db):
    reply = admin_post(db, "/admin/sign_in_guest", {})
    assert reply.status_code == 200
    guest = reply.json()["user"]
    assert guest["type"] == "guest" and guest["isGuest"] is True
    assert "created" not in reply.json()
    assert db.auth.verify_token(guest["refresh_token"])["id"] == guest["id"]


def test_impersonated_queries_see_only_their_own_user_row(db):
    alice_token = db.auth.create_token(email="alice@example.com")
    bob_token = db.auth.create_token(email="bob@example.com")
    alice = db.auth.get_user(email="alice@example.com")["id"]
    bob = db.auth.get_user(email="bob@example.com")["id"]
    q = {"$users": {}}
    assert {u["id"] for u in db.query(q)["$users"]} == {alice, bob}
    assert [u["id"] for u in db.as_user(email="alice@example.com").query(q)["$users"]] == [alice]
    assert [u["id"] for u in db.as_user(token=bob_token).query(q)["$users"]] == [bob]
    assert db.as_user(guest=True).query(q)["$users"] == []
    # Refresh-token rows hold secrets' hashes: only admins see them.
    assert len(db.query({"$userRefreshTokens": {}})["$userRefreshTokens"]) == 2
    assert db.as_user(token=alice_token).query({"$userRefreshTokens": {}})["$userRefreshTokens"] == []


def test_token_and_guest_impersonation_need_no_admin_token(db, server):
    token = db.auth.create_token(email="fay@example.com")
    me = db.auth.get_user(email="fay@example.com")["id"]
    anonymous = Instant(app_id=db._app_id, api_uri=server.url)
    try:
        assert [u["id"] for u in anonymous.as_user(token=token).query({"$users": {}})["$users"]] == [me]
        assert anonymous.as_user(guest=True).query({"$users": {}})["$users"] == []
    finally:
        anonymous.close()
    # as-email does need it.
    reply = httpx.post(
        server.url + "/admin/query",
        params={"app_id": db._app_id},
        headers={"as-email": "fay@example.com"},
        json={"query": {"$users": {}}},
    )
    assert reply.status_code == 400
    assert reply.json()["type"] == "param-missing"


def test_impersonated_transactions_keep_the_system_guards(db):
    token = db.auth.create_token(email="gus@example.com")
    me = db.auth.get_user(email="gus@example.com")["id"]
    with pytest.raises(InstantAPIError) as err:
        db.as_user(token=token).transact(db.tx["$users"][me].update({"email": "other@example.com"}))
    assert err.value.body["type"] == "validation-failed"
    assert "$users.email is a system column" in err.value.body["message"]
    assert db.auth.get_user(id=me)["email"] == "gus@example.com"


def test_bad_impersonation_and_bad_input_get_upstream_errors(db):
    with pytest.raises(InstantAPIError) as err:
        db.as_user(email="nobody@example.com").query({"$users": {}})
    assert err.value.body["hint"]["record-type"] == "app-user"
    with pytest.raises(InstantAPIError) as err:
        db.as_user(token="not-a-token").query({"$users": {}})
    assert err.value.body["type"] == "param-malformed"
    assert err.value.body["hint"]["in"] == ["asUser", "token"]
    with pytest.raises(InstantAPIError) as err:
        db.as_user(token=str(uuid.uuid4())).query({"$users": {}})
    assert err.value.body["hint"]["record-type"] == "app-user"
    with pytest.raises(InstantAPIError) as err:
        db.auth.generate_magic_code("not-an-email")
    assert err.value.body["type"] == "param-malformed"
    assert err.value.body["hint"]["in"] == ["body", "email"]
    with pytest.raises(InstantAPIError) as err:
        db.auth.check_magic_code(email="hal@example.com", code="000000")
    assert err.value.body["hint"]["record-type"] == "app-user-magic-code"
    reply = admin_post(db, "/admin/refresh_tokens", {})
    assert reply.status_code == 400
    assert reply.json()["message"] == "Validation failed for body: Please provide an `email` or `id`"
    with pytest.raises(InstantAPIError) as err:
        db.auth.verify_token(str(uuid.uuid4()))
    assert err.value.body["hint"]["record-type"] == "app-user"


def test_magic_codes_are_printed_after_the_json_line():
    server = Server("--in-memory")
    try:
        db = server.client()
        code = db.auth.send_magic_code("ivy@example.com")
        line = json.loads(server.proc.stdout.readline())
        assert line == {"magicCode": {"appId": server.app_id, "email": "ivy@example.com", "code": code}}
        codes = httpx.get(server.url + "/dev/magic_codes", params={"app_id": server.app_id}).json()["codes"]
        assert [c["code"] for c in codes] == [code]
        db.close()
    finally:
        server.stop()


def test_users_and_tokens_survive_a_restart(data_dir):
    first = Server("--data-dir", data_dir)
    db = first.client()
    token = db.auth.create_token(email="kim@example.com")
    user, _ = db.auth.check_magic_code(email="lee@example.com", code=db.auth.generate_magic_code("lee@example.com"))
    pending = db.auth.generate_magic_code("max@example.com")
    db.close()
    assert first.stop() == 0

    second = Server("--data-dir", data_dir)
    db = second.client()
    try:
        assert db.auth.verify_token(token)["email"] == "kim@example.com"
        assert db.auth.verify_token(user["refresh_token"])["id"] == user["id"]
        assert db.auth.get_user(email="lee@example.com")["created_at"] == user["created_at"]
        # Only the code's hash was stored, and it still verifies once.
        _, created = db.auth.check_magic_code(email="max@example.com", code=pending)
        assert created is True
        assert [u["email"] for u in db.as_user(token=token).query({"$users": {}})["$users"]] == ["kim@example.com"]
    finally:
        db.close()
        assert second.stop() == 0
