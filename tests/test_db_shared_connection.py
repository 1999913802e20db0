"""Stores share one connection across threads: a store's transaction never swallows another
thread's write, nor rolls it back."""

from __future__ import annotations

import threading
from pathlib import Path

from wallet.accounts.model import AccountKind
from wallet.store.accounts import AccountStore
from wallet.store.db import connect, connection_lock

ADDRESS = "0x" + "11" * 20


def test_a_write_from_another_thread_waits_out_a_rolled_back_transaction(tmp_path: Path) -> None:
    connection = connect(tmp_path / "wallet.sqlite3")
    accounts = AccountStore(connection)
    written = threading.Event()

    def other_thread() -> None:
        accounts.add("Watched", AccountKind.WATCH, ADDRESS)
        written.set()

    with connection_lock(connection):  # what a store does around its BEGIN … COMMIT
        connection.execute("BEGIN IMMEDIATE")
        worker = threading.Thread(target=other_thread)
        worker.start()
        assert not written.wait(0.3)  # it waits for the lock, outside this transaction
        connection.execute("ROLLBACK")
    worker.join(5)
    assert written.is_set()
    assert [a.address for a in AccountStore(connect(tmp_path / "wallet.sqlite3")).all()] == [ADDRESS]
