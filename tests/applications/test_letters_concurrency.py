"""文号 under concurrent 签发 on PostgreSQL: unique and gap-free per agency and year (issue 10)."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from gongkai.applications import actions
from gongkai.applications.letters.numbering import allocate_letter_number
from gongkai.applications.models import Letter
from tests.applications.factories import registered

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

SIGNERS = 4
PER_SIGNER = 3
TODAY = date(2026, 1, 31)
GRANTED = {"provision_way": "邮寄", "provision_place": "党政办", "provision_time": "10个工作日内"}


def _parallel(work_by_thread, work):
    barrier = threading.Barrier(len(work_by_thread))
    errors = []

    def run(items):
        try:
            barrier.wait()
            for item in items:
                work(item)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(items,)) for items in work_by_thread]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_parallel_sign_offs_get_consecutive_letter_numbers(township, handler, reviewer):
    drafts = []
    for _ in range(SIGNERS):
        batch = []
        for _ in range(PER_SIGNER):
            application = registered(township, handler, date(2025, 3, 3), today=TODAY)
            batch.append(
                actions.draft_reply(
                    application=application, actor=handler, outcome_id="granted", details=GRANTED, today=TODAY
                )
            )
        drafts.append(batch)
    errors = _parallel(
        drafts, lambda letter: actions.sign_off_reply(letter=letter, actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    )
    assert errors == []
    seqs = sorted(Letter.objects.filter(agency=township, number_year=2025).values_list("number_seq", flat=True))
    assert seqs == list(range(1, SIGNERS * PER_SIGNER + 1))


def test_parallel_allocations_alone_are_gap_free(township):
    def allocate(_):
        with transaction.atomic():
            allocate_letter_number(township, date(2025, 5, 1))

    errors = _parallel([range(5) for _ in range(SIGNERS)], allocate)
    assert errors == []
    with transaction.atomic():
        text, year, seq = allocate_letter_number(township, date(2025, 5, 1))
    assert seq == SIGNERS * 5 + 1 and text == f"测政信复〔2025〕{seq}号"
