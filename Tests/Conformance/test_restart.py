"""Every acknowledged write survives a restart of the binary on the same data dir."""
from instantdb import id

from conftest import Server


def test_restart_keeps_acknowledged_writes(data_dir):
    first = Server("--data-dir", data_dir)
    db = first.client()
    ids = [id() for _ in range(20)]
    for k, i in enumerate(ids):
        db.transact(db.tx.notes[i].update({"n": k}))
    db.close()
    assert first.stop() == 0

    second = Server("--data-dir", data_dir)
    assert (second.app_id, second.admin_token) == (first.app_id, first.admin_token)
    db = second.client()
    notes = db.query({"notes": {}})["notes"]
    assert sorted(n["n"] for n in notes) == list(range(20))
    assert {n["id"] for n in notes} == set(ids)
    db.close()
    assert second.stop() == 0
