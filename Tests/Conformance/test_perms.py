"""Permission rules through the official Python admin SDK: the examples of
permissions.md §10 over impersonation, denied writes, and the dry-run checks
(protocol-http §4.3–§4.4, §12.8)."""
import uuid

import httpx
import pytest
from instantdb import InstantAPIError, id


def push_rules(db, rules):
    """`instant-cli push` of a rules document (protocol-http §12.8)."""
    resp = httpx.post(
        f"{db._api_uri}/dash/apps/{db._app_id}/rules",
        headers={"authorization": f"Bearer {db._admin_token}"},
        json={"code": rules},
    )
    assert resp.status_code == 200, resp.text
    return resp.json()["rules"]


def sign_up(db, email):
    """A user and their refresh token."""
    token = db.auth.create_token(email=email)
    return db.auth.verify_token(token)["id"], token


def test_owners_see_only_their_todos(db):
    push_rules(db, {"todos": {"allow": {"view": "auth.id != null && auth.id == data.ownerId"}}})
    alice, _ = sign_up(db, "alice@example.com")
    bob, bob_token = sign_up(db, "bob@example.com")
    t1, t2 = id(), id()
    db.transact([db.tx.todos[t1].update({"ownerId": alice}), db.tx.todos[t2].update({"ownerId": bob})])
    ids = lambda client: sorted(t["id"] for t in client.query({"todos": {}})["todos"])
    assert ids(db.as_user(email="alice@example.com")) == [t1]
    assert ids(db.as_user(token=bob_token)) == [t2]
    assert ids(db.as_user(guest=True)) == []
    assert ids(db) == sorted([t1, t2])


def test_create_checks_see_links_made_in_the_same_transaction(db):
    push_rules(
        db,
        {"posts": {"allow": {"create": "auth.id in data.ref('author.id')", "update": "auth.id in data.ref('author.id')"}}},
    )
    alice, _ = sign_up(db, "alice@example.com")
    bob, _ = sign_up(db, "bob@example.com")
    link = {
        "id": str(uuid.uuid4()),
        "forward-identity": [str(uuid.uuid4()), "posts", "author"],
        "reverse-identity": [str(uuid.uuid4()), "$users", "posts"],
        "value-type": "ref", "cardinality": "one", "unique?": False, "index?": False,
    }
    resp = httpx.post(
        f"{db._api_uri}/admin/transact", params={"app_id": db._app_id},
        headers={"authorization": f"Bearer {db._admin_token}"}, json={"steps": [["add-attr", link]]},
    )
    assert resp.status_code == 200, resp.text
    as_alice = db.as_user(email="alice@example.com")
    p = id()
    as_alice.transact(db.tx.posts[p].update({"title": "mine"}).link({"author": alice}))
    # An existing post authored by bob: the update check runs before the write, so
    # relinking it to alice in the same transaction does not help.
    q = id()
    db.transact(db.tx.posts[q].update({"title": "bob's"}).link({"author": bob}))
    with pytest.raises(InstantAPIError) as err:
        as_alice.transact(db.tx.posts[q].update({"title": "stolen"}).link({"author": alice}))
    assert err.value.status == 400
    assert err.value.body["type"] == "permission-denied"
    assert err.value.body["message"] == "Permission denied: not perms-pass?"
    assert err.value.body["hint"] == {"input": ["posts", "object"], "expected": "perms-pass?"}
    titles = {p["id"]: p["title"] for p in db.query({"posts": {}})["posts"]}
    assert titles == {p: "mine", q: "bob's"}


def test_default_false_closes_all_but_what_is_opened(db):
    db.transact(db.tx.todos[id()].update({"title": "public"}))
    push_rules(db, {"$default": {"allow": {"$default": "false"}}, "todos": {"allow": {"view": "true"}}})
    sign_up(db, "alice@example.com")
    alice = db.as_user(email="alice@example.com")
    assert len(alice.query({"todos": {}})["todos"]) == 1
    assert alice.query({"$users": {}})["$users"] == []
    with pytest.raises(InstantAPIError) as err:
        alice.transact(db.tx.todos[id()].update({"title": "new"}))
    assert err.value.body["type"] == "permission-denied"
    assert len(db.query({"todos": {}})["todos"]) == 1


def test_debug_query_and_debug_transact_report_checks(db):
    push_rules(db, {"todos": {"allow": {"view": "data.public == true", "update": "false"}}})
    t = id()
    db.transact(db.tx.todos[t].update({"public": False, "title": "x"}))
    guest = db.as_user(guest=True)
    checked = guest.debug_query({"todos": {}})
    assert checked["result"] == {"todos": []}
    assert [c["check"] for c in checked["check_results"]] == [False]
    assert checked["check_results"][0]["program"]["code"] == "data.public == true"
    opened = guest.debug_query({"todos": {}}, rules={"todos": {"allow": {"view": "true"}}})
    assert [row["id"] for row in opened["result"]["todos"]] == [t]
    dry = guest.debug_transact(db.tx.todos[t].update({"title": "y"}))
    assert dry["all-checks-ok?"] is False and dry["committed?"] is False
    assert any(c["action"] == "update" and c["check-pass?"] is False for c in dry["check-results"])
    assert db.query({"todos": {}})["todos"][0]["title"] == "x"


def test_invalid_rules_are_rejected_with_upstream_shape(db):
    resp = httpx.post(
        f"{db._api_uri}/dash/apps/{db._app_id}/rules",
        headers={"authorization": f"Bearer {db._admin_token}"},
        json={"code": {"todos": {"allow": {"view": "newData.x == 1"}}}},
    )
    assert resp.status_code == 400
    body = resp.json()
    assert body["type"] == "validation-failed"
    assert body["message"].startswith("Validation failed for rule: ")
    assert body["hint"]["errors"][0]["in"] == ["todos", "allow", "view"]
