"""The address book store and its CSV/JSON import and export: typed errors, and a bad file changes nothing."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from wallet.chains.address import AddressChecksumError, NotAnAddressError
from wallet.errors import FileReadError, WalletError
from wallet.services.contacts_io import (
    ContactEntryError,
    ContactFileError,
    ContactLineError,
    EntryNotAnObjectError,
    ValueNotTextError,
    contacts_csv,
    export_contacts,
    import_contacts,
)
from wallet.store.contacts import (
    MAX_CONTACT_NAME_LENGTH,
    ContactNameCharactersError,
    ContactNameTooLongError,
    ContactStore,
    DuplicateContactAddressError,
    DuplicateContactNameError,
    EmptyContactNameError,
    NewContact,
    UnknownContactError,
    looks_alike,
)
from wallet.store.db import connect

ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55's own examples
BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
CAROL = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"
DAVE = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
ALICE_TYPO = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"  # last letter's case flipped
ALICE_TWIN = "0x5aae" + "0" * 32 + "eaed"  # same first and last four digits: address poisoning


@pytest.fixture
def store(tmp_path: Path) -> ContactStore:
    return ContactStore(connect(tmp_path / "wallet.db"))


def test_add_checksums_lowercase_and_keeps_unicode_names(store: ContactStore) -> None:
    zhang = store.add("  张三  ", ALICE.lower(), "  房东 ")
    assert (zhang.name, zhang.address, zhang.note) == ("张三", ALICE, "房东")
    store.add("Émilie 🚀", BOB)
    assert [c.name for c in store.all()] == ["Émilie 🚀", "张三"]
    assert store.by_address(ALICE.upper().replace("0X", "0x")) == zhang
    assert store.by_name("张三") == zhang
    assert store.by_lowercase_address() == {ALICE.lower(): zhang, BOB.lower(): store.by_name("émilie 🚀")}
    assert store.by_address(CAROL) is None


def test_bad_checksum_is_named_and_nothing_is_saved(store: ContactStore) -> None:
    with pytest.raises(AddressChecksumError) as caught:
        store.add("Alice", ALICE_TYPO)
    assert "checksum" in str(caught.value)
    with pytest.raises(NotAnAddressError):
        store.add("Alice", "0x1234")
    assert store.all() == []


def test_names_are_checked(store: ContactStore) -> None:
    with pytest.raises(EmptyContactNameError):
        store.add("   ", ALICE)
    with pytest.raises(ContactNameTooLongError):
        store.add("字" * (MAX_CONTACT_NAME_LENGTH + 1), ALICE)
    with pytest.raises(ContactNameCharactersError):  # a right-to-left override could disguise the name
        store.add("Alice\u202e", ALICE)
    with pytest.raises(ContactNameCharactersError):
        store.add("Al\u200bice", ALICE)
    for blank in ("\u3164", "\u2800", "\u0301\u0302", " \u3164 \u2800 "):  # names that draw nothing
        with pytest.raises(EmptyContactNameError):
            store.add(blank, ALICE)
    for hidden in ("Alice\ue000", "Alice\U000e0001", "Al\u0378ice"):  # private use, tag, unassigned
        with pytest.raises(ContactNameCharactersError):
            store.add(hidden, ALICE)
    assert store.add("Zoe\u0308", "0x" + "3c" * 20).name == "Zoe\u0308"  # a combining mark on a letter is fine
    longest = store.add("字" * MAX_CONTACT_NAME_LENGTH, ALICE)
    assert len(longest.name) == MAX_CONTACT_NAME_LENGTH
    assert store.add("Bob\t  Smith", BOB).name == "Bob Smith"


def test_duplicates_are_refused(store: ContactStore) -> None:
    alice = store.add("Alice", ALICE)
    with pytest.raises(DuplicateContactNameError):
        store.add("ALICE", BOB)
    with pytest.raises(DuplicateContactAddressError) as caught:
        store.add("Alice 2", ALICE.lower())
    assert caught.value.params["name"] == "Alice"
    bob = store.add("Bob", BOB)
    with pytest.raises(DuplicateContactNameError):
        store.update(bob.id, "alice", BOB)
    assert store.update(alice.id, "Alice", ALICE, "renamed note").note == "renamed note"  # itself is no clash
    assert [(c.name, c.address) for c in store.all()] == [("Alice", ALICE), ("Bob", BOB)]


def test_update_and_remove(store: ContactStore) -> None:
    alice = store.add("Alice", ALICE)
    store.update(alice.id, "Alice Liddell", CAROL, "new wallet")
    assert store.get(alice.id) is not None
    assert store.by_address(ALICE) is None
    assert store.by_address(CAROL) is not None
    store.remove(alice.id)
    assert store.all() == []
    with pytest.raises(UnknownContactError):
        store.update(alice.id, "Alice", ALICE)


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_export_import_round_trip(store: ContactStore, tmp_path: Path, suffix: str) -> None:
    store.add("张三", ALICE, "房东, \"quoted\"\n second line")
    store.add("=HYPERLINK(\"http://evil\")", BOB, "-1+2")
    store.add("Carol", CAROL)
    store.add("'=quoted", DAVE, "'plain")
    path = tmp_path / f"book{suffix}"
    export_contacts(store.all(), path)
    if suffix == ".csv":  # a spreadsheet would run these cells as formulas
        assert "'=HYPERLINK" in path.read_text("utf-8") and "'-1+2" in path.read_text("utf-8")
    other = ContactStore(connect(tmp_path / "other.db"))
    result = import_contacts(other, path)
    assert len(result.added) == 4 and result.unchanged == 0
    assert [(c.name, c.address, c.note) for c in other.all()] == [(c.name, c.address, c.note) for c in store.all()]
    again = import_contacts(other, path)  # the same file twice adds nothing
    assert again.added == [] and again.unchanged == 4
    assert len(other.all()) == 4


def test_csv_import_columns_in_any_order_with_bom(store: ContactStore, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeffNote,Address,Name\r\nfriend," + BOB.lower() + ",Bob\r\n\r\n," + CAROL + ",Carol\r\n")
                     .encode("utf-8"))
    import_contacts(store, path)
    assert [(c.name, c.address, c.note) for c in store.all()] == [("Bob", BOB, "friend"), ("Carol", CAROL, "")]


def _assert_import_fails(store: ContactStore, path: Path, error_type: type[Exception]) -> Exception:
    before = store.all()
    with pytest.raises(error_type) as caught:
        import_contacts(store, path)
    assert store.all() == before
    return caught.value


def test_bad_csv_names_the_line_and_field_and_changes_nothing(store: ContactStore, tmp_path: Path) -> None:
    store.add("Dave", DAVE)
    path = tmp_path / "book.csv"
    path.write_text(f"name,address,note\nAlice,{ALICE},\nBob,{BOB},\nCarol,{ALICE_TYPO},typo here\n", "utf-8")
    error = _assert_import_fails(store, path, ContactLineError)
    assert error.params["place"] == 4 and error.params["field"] == "address"
    assert isinstance(error.params["error"], AddressChecksumError)
    assert str(error).startswith("Nothing was imported. book.csv, line 4, column address: bad EIP-55 checksum")

    path.write_text(f"name,address\nAlice,{ALICE}\n,{BOB}\n", "utf-8")
    error = _assert_import_fails(store, path, ContactLineError)
    assert (error.params["place"], error.params["field"]) == (3, "name")
    assert isinstance(error.params["error"], EmptyContactNameError)

    path.write_text(f"name,address\nAlice,{ALICE}\nalice,{BOB}\n", "utf-8")  # a duplicate inside the file
    error = _assert_import_fails(store, path, ContactLineError)
    assert (error.params["place"], error.params["field"]) == (3, "name")

    path.write_text(f"name,address\nDavid,{DAVE}\n", "utf-8")  # the book has that address as Dave
    error = _assert_import_fails(store, path, ContactLineError)
    assert (error.params["place"], error.params["field"]) == (2, "address")
    assert isinstance(error.params["error"], DuplicateContactAddressError)

    path.write_text(f"name,address\n\"Alice\nLiddell\",{ALICE}\nBob,nonsense\n", "utf-8")  # a quoted cell spans lines
    error = _assert_import_fails(store, path, ContactLineError)
    assert error.params["place"] == 4

    path.write_text(f"who,where\nAlice,{ALICE}\n", "utf-8")
    _assert_import_fails(store, path, ContactFileError)
    path.write_text(f"name,address\n\"Alice,{ALICE}\n", "utf-8")
    _assert_import_fails(store, path, ContactFileError)
    path.write_bytes(b"name,address\n\xff\xfe,\n")
    _assert_import_fails(store, path, ContactFileError)
    _assert_import_fails(store, tmp_path / "missing.csv", FileReadError)


def test_bad_json_names_the_entry_and_changes_nothing(store: ContactStore, tmp_path: Path) -> None:
    path = tmp_path / "book.json"

    def write(contacts: object, **extra: object) -> None:
        path.write_text(json.dumps({"format": "deskwallet-contacts", "version": 1, "contacts": contacts} | extra),
                        "utf-8")

    write([{"name": "Alice", "address": ALICE}, {"name": "Bob", "address": BOB, "note": 5}])
    error = _assert_import_fails(store, path, ContactEntryError)
    assert (error.params["place"], error.params["field"]) == (2, "note")
    assert isinstance(error.params["error"], ValueNotTextError)
    write([{"name": "Alice", "address": ALICE}, "Bob"])
    assert isinstance(_assert_import_fails(store, path, ContactEntryError).params["error"], EntryNotAnObjectError)
    write([{"name": "Alice", "address": ALICE_TYPO}])
    assert str(_assert_import_fails(store, path, ContactEntryError)).startswith(
        "Nothing was imported. book.json, entry 1, field address: bad EIP-55 checksum")
    write([], version=2)
    _assert_import_fails(store, path, ContactFileError)
    path.write_text("[" * 100_000, "utf-8")  # nesting that would crash the C parser is refused first
    _assert_import_fails(store, path, ContactFileError)
    path.write_text(json.dumps([{"name": "Alice", "address": ALICE}]), "utf-8")
    _assert_import_fails(store, path, ContactFileError)
    assert store.all() == []


def test_csv_export_has_a_header_and_quotes(store: ContactStore) -> None:
    store.add("Smith, John", ALICE)
    assert contacts_csv(store.all()) == f"name,address,note\r\n\"Smith, John\",{ALICE},\r\n"


def test_a_look_alike_address_is_found(store: ContactStore) -> None:
    store.add("Alice", ALICE)
    assert looks_alike(ALICE_TWIN, ALICE) and not looks_alike(ALICE.lower(), ALICE) and not looks_alike(BOB, ALICE)
    assert store.lookalike(ALICE_TWIN) == store.by_name("Alice")
    assert store.lookalike(ALICE) is None and store.lookalike(BOB) is None


def test_add_many_is_all_or_nothing(store: ContactStore) -> None:
    store.add("Dave", DAVE)
    entries = [NewContact("Alice", ALICE), NewContact("张三", BOB, "房东"), NewContact("Dave again", DAVE)]
    with pytest.raises(sqlite3.IntegrityError):  # the database's own uniqueness, should a check be skipped
        store.add_many(entries)
    assert [c.name for c in store.all()] == ["Dave"]
    added = store.add_many(entries[:2])
    assert [(c.name, c.address, c.note) for c in added] == [("Alice", ALICE, ""), ("张三", BOB, "房东")]
    assert len(store.all()) == 3


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_mutated_files_import_whole_or_not_at_all(store: ContactStore, tmp_path: Path, suffix: str) -> None:
    """A seeded fuzz: 600 mutations of a real export. Every outcome is a result or a WalletError, never
    another exception; a failed import changes nothing, and a successful one adds exactly what it says."""
    source = ContactStore(connect(tmp_path / "source.db"))
    for index, (name, address) in enumerate((("张三", ALICE), ("Bob, \"B\"", BOB), ("=cmd", CAROL))):
        source.add(name, address, f"note {index}\n")
    original = tmp_path / f"original{suffix}"
    export_contacts(source.all(), original)
    data = original.read_bytes()
    store.add("Dave", DAVE)
    rng = random.Random(1234)  # reproducible mutations
    path = tmp_path / f"mutated{suffix}"
    outcomes = {"imported": 0, "refused": 0}
    for _ in range(600):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            position = rng.randrange(len(mutated))
            match rng.randrange(4):
                case 0:
                    mutated[position] = rng.randrange(256)
                case 1:
                    del mutated[position]
                case 2:
                    mutated.insert(position, rng.choice(b",\"\n\r{}[]:'=0aF\x00\xff"))
                case _:
                    mutated[position:position] = mutated[rng.randrange(len(mutated)):][:20]
        path.write_bytes(bytes(mutated))
        before = store.all()
        try:
            result = import_contacts(store, path)
        except WalletError:
            assert store.all() == before
            outcomes["refused"] += 1
            continue
        after = store.all()
        assert len(after) == len(before) + len(result.added)
        outcomes["imported"] += 1
        for contact in result.added:  # undo, so every mutation meets the same book
            store.remove(contact.id)
    print(outcomes)
    assert outcomes["imported"] > 0 and outcomes["refused"] > 0
