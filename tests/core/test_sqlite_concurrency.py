"""The embedded default (SQLite) takes several editors saving at once, and a long export beside them."""

import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite's own locking"
)

EDITORS, SAVES = 4, 40


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """A real SQLite file (tests otherwise run in memory, where WAL does not exist) with the site's options."""

    def make(alias, options):
        connections.settings[alias] = {
            **connections["default"].settings_dict,
            "NAME": str(tmp_path / f"{alias}.sqlite3"),
            "OPTIONS": options,
            "TEST": {"NAME": str(tmp_path / f"{alias}.sqlite3")},
        }
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
            cursor.execute("INSERT INTO counter VALUES (1, 0)")
        aliases.append(alias)
        return alias

    aliases = []
    with django_db_blocker.unblock():
        yield make
        for alias in aliases:
            connections[alias].close()
            del connections.settings[alias]


def editors_saving(alias, reader=None):
    """EDITORS threads each run SAVES read-then-write transactions; returns the errors they met."""
    errors = []
    start = threading.Barrier(EDITORS + (reader is not None))

    def editor():
        start.wait()
        try:
            for _ in range(SAVES):
                try:
                    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                        cursor.execute("SELECT value FROM counter WHERE id = 1")
                        (value,) = cursor.fetchone()
                        time.sleep(0.001)  # the work a real save does between reading and writing
                        cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
                except OperationalError as error:
                    errors.append(str(error))
        finally:
            connections[alias].close()

    def slow_reader():
        start.wait()
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 300000) "
                    "SELECT i, value FROM n CROSS JOIN counter"
                )
                while cursor.fetchmany(100):
                    pass
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=editor) for _ in range(EDITORS)]
    if reader:
        threads.append(threading.Thread(target=slow_reader))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        total = cursor.fetchone()[0]
    return errors, total


def test_parallel_saves_and_a_long_read_all_succeed_with_the_site_s_options(file_database):
    alias = file_database("site", settings.DATABASES["default"]["OPTIONS"])
    with connections[alias].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    errors, total = editors_saving(alias, reader=True)
    assert errors == []
    assert total == EDITORS * SAVES, "no save was lost"


def test_without_them_parallel_saves_fail(file_database):
    """The control: SQLite's defaults (rollback journal, deferred transactions) lock editors out."""
    alias = file_database("plain", {"timeout": 20})
    errors, _ = editors_saving(alias, reader=True)
    assert errors, "expected 'database is locked' with SQLite's defaults"
