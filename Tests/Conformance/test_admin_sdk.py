"""The official Python admin SDK against instant-local: transactions, queries, errors."""
import pytest
from instantdb import InstantAPIError, id, lookup


def test_create_update_and_query(db):
    goal = id()
    res = db.transact([db.tx.goals[goal].update({"title": "Get fit", "priority": 2})])
    assert isinstance(res["tx-id"], int) and res["tx-id"] > 0
    data = db.query({"goals": {}})
    assert data == {"goals": [{"id": goal, "title": "Get fit", "priority": 2}]}


def test_tx_ids_increase(db):
    first = db.transact(db.tx.notes[id()].update({"text": "a"}))["tx-id"]
    second = db.transact(db.tx.notes[id()].update({"text": "b"}))["tx-id"]
    assert second > first


def test_create_twice_fails_with_upstream_type(db):
    note = id()
    db.transact(db.tx.notes[note].create({"text": "a"}))
    with pytest.raises(InstantAPIError) as err:
        db.transact(db.tx.notes[note].create({"text": "b"}))
    assert err.value.status == 400
    assert err.value.body["type"] == "validation-failed"
    assert "Creating entities that exist" in err.value.body["message"]


def test_merge_deep_merges_objects(db):
    note = id()
    db.transact(db.tx.notes[note].update({"meta": {"a": 1, "b": {"c": 2}}}))
    db.transact(db.tx.notes[note].merge({"meta": {"b": {"d": 3}, "a": None}}))
    data = db.query({"notes": {}})
    assert data["notes"][0]["meta"] == {"b": {"c": 2, "d": 3}}


def test_link_unlink_and_nested_query(db):
    goal, todo1, todo2 = id(), id(), id()
    db.transact(
        [
            db.tx.goals[goal].update({"title": "Ship"}),
            db.tx.todos[todo1].update({"text": "write"}),
            db.tx.todos[todo2].update({"text": "test"}),
            db.tx.goals[goal].link({"todos": [todo1, todo2]}),
        ]
    )
    data = db.query({"goals": {"todos": {}}})
    texts = sorted(t["text"] for t in data["goals"][0]["todos"])
    assert texts == ["test", "write"]
    db.transact(db.tx.goals[goal].unlink({"todos": todo2}))
    data = db.query({"goals": {"todos": {}}})
    assert [t["text"] for t in data["goals"][0]["todos"]] == ["write"]
    reverse = db.query({"todos": {"$": {"where": {"id": todo1}}, "goals": {}}})
    assert reverse["todos"][0]["goals"][0]["title"] == "Ship"


def test_delete(db):
    a, b = id(), id()
    db.transact([db.tx.notes[a].update({"text": "a"}), db.tx.notes[b].update({"text": "b"})])
    db.transact(db.tx.notes[a].delete())
    assert [n["id"] for n in db.query({"notes": {}})["notes"]] == [b]


def test_where_order_limit(db):
    ids = [id() for _ in range(5)]
    db.transact([db.tx.items[i].update({"n": k, "kind": "odd" if k % 2 else "even"}) for k, i in enumerate(ids)])
    odd = db.query({"items": {"$": {"where": {"kind": "odd"}}}})
    assert sorted(x["n"] for x in odd["items"]) == [1, 3]
    # One transaction gives every row the same serverCreatedAt, so ties go by id.
    first_two = db.query({"items": {"$": {"limit": 2}}})
    assert [x["id"] for x in first_two["items"]] == sorted(ids)[:2]


def test_lookup_upsert(db):
    db.transact(db.tx.users[lookup("handle", "alyssa")].update({"name": "Alyssa"}))
    db.transact(db.tx.users[lookup("handle", "alyssa")].update({"name": "Alyssa P."}))
    users = db.query({"users": {}})["users"]
    assert len(users) == 1
    assert users[0]["handle"] == "alyssa" and users[0]["name"] == "Alyssa P."


def test_wrong_admin_token_is_record_not_found(server, db):
    bad = server.client(app_id=db._app_id, admin_token=id())
    with pytest.raises(InstantAPIError) as err:
        bad.query({"goals": {}})
    assert err.value.status == 400
    assert err.value.body["type"] == "record-not-found"
    assert err.value.body["hint"]["record-type"] == "app-admin-token"


def test_query_validation_error(db):
    with pytest.raises(InstantAPIError) as err:
        db.query({"goals": {"$": {"limit": -1}}})
    assert err.value.body["type"] == "validation-failed"


def test_ephemeral_apps_are_isolated(server, db):
    db.transact(db.tx.secrets[id()].update({"v": 1}))
    import httpx

    other = httpx.post(server.url + "/dash/apps/ephemeral", json={"title": "other"}).json()["app"]
    other_db = server.client(app_id=other["id"], admin_token=other["admin-token"])
    assert other_db.query({"secrets": {}}) == {"secrets": []}
    other_db.close()
