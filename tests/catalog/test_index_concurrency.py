"""索引号 under concurrent publishing on PostgreSQL: unique and gap-free per agency and year."""

import threading
from datetime import UTC, date, datetime

import pytest
from django.db import connection

from gongkai.catalog import actions
from gongkai.catalog.models import Item

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

PUBLISHERS = 8
PER_PUBLISHER = 6


def test_parallel_publishers_get_unique_gap_free_serials(township, news, handler, reviewer):
    now = datetime(2024, 6, 3, 2, 0, tzinfo=UTC)
    approved_by_thread = []
    for t in range(PUBLISHERS):
        versions = []
        for i in range(PER_PUBLISHER):
            item = actions.create_item(
                agency=township,
                column=news,
                actor=handler,
                fields={"title": f"并发发布{t}-{i}", "summary": "s", "publisher": "p", "written_on": date(2024, 6, 1)},
            )
            version = item.versions.get()
            actions.submit_version(version=version, actor=handler, now=now)
            # approve with a future time so that publication happens in the threads below
            actions.approve_version(
                version=version, actor=reviewer, opinion="同意", now=now, publish_at=datetime(2024, 6, 4, tzinfo=UTC)
            )
            versions.append(version)
        approved_by_thread.append(versions)
    barrier = threading.Barrier(PUBLISHERS)
    errors = []

    def run(versions):
        try:
            barrier.wait()
            for version in versions:
                actions.publish_version(version=version, actor=reviewer, now=now)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(v,)) for v in approved_by_thread]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = sorted(Item.objects.filter(agency=township).values_list("index_serial", flat=True))
    assert serials == list(range(1, PUBLISHERS * PER_PUBLISHER + 1))
    numbers = list(Item.objects.filter(agency=township).values_list("index_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith(f"{township.credit_code}/2024-") for n in numbers)


def test_parallel_allocations_alone_are_gap_free(township, catalog):
    """The allocator by itself (no other locks taken by publishing to serialise it)."""
    from django.db import transaction

    from gongkai.catalog.actions import allocate_index_number

    got, errors = [], []
    barrier = threading.Barrier(PUBLISHERS)

    def run():
        try:
            barrier.wait()
            for _ in range(25):
                with transaction.atomic():
                    got.append(allocate_index_number(township, date(2030, 3, 1))[2])
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(PUBLISHERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(got) == list(range(1, PUBLISHERS * 25 + 1))
