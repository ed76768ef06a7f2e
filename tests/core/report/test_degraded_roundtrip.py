"""read(degrade(render(report))): every figure comes back exactly, or null with a finding."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench._report_corpus import published_html, random_report
from gongkai.core.report.examine import findings_of
from gongkai.core.report.read import read_report
from gongkai.core.report.render_docx import render_docx
from gongkai.core.report.render_html import render_html_document
from gongkai.core.report.render_pdf import render_pdf
from gongkai.core.report.render_text import render_text
from tests.core.report import degrade

seeds = st.integers(min_value=0, max_value=2**32)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def tables(data):
    return {k: data[k] for k in ("agency", "year", "proactive", "applications", "review_litigation")}


def assert_never_wrong(original, content, exact=False):
    result = read_report(content.encode("utf-8") if isinstance(content, str) else content)
    assert result.report is not None, result.findings
    read, truth = result.report.to_json(), original.to_json()
    if exact:
        assert tables(read) == tables(truth)
        return
    lost = []
    for table in ("proactive", "applications", "review_litigation"):
        for row, values in truth[table].items():
            for column, value in values.items():
                got = read[table][row][column]
                assert got is None or got == value, (table, row, column, got, value)
                if got is None:
                    lost.append((row, column))
    if lost:
        assert any(f.severity == "warning" for f in findings_of(result))


@FAST
@given(seeds)
def test_text_and_html_read_back_exactly(seed):
    report = random_report(random.Random(seed))
    assert_never_wrong(report, render_text(report), exact=True)
    assert_never_wrong(report, render_html_document(report), exact=True)
    assert_never_wrong(report, published_html(report), exact=True)


@FAST
@given(seeds, st.sampled_from(["tabs", "cells", "labels", "full_width", "noise", "split", "run", "all"]))
def test_degraded_text_never_gives_a_wrong_number(seed, how):
    rng = random.Random(seed)
    report = random_report(rng)
    text = render_text(report)
    steps = {
        "tabs": degrade.with_tabs,
        "cells": degrade.one_cell_per_line,
        "labels": lambda t: degrade.drop_labels(t, rng),
        "full_width": degrade.full_width,
        "noise": lambda t: degrade.inject_noise(t, rng),
        "split": lambda t: degrade.split_labels(t, rng),
        "run": lambda t: degrade.run_together(t, rng),
    }
    if how == "all":
        for name in ("labels", "split", "noise", "full_width", "cells"):
            text = steps[name](text)
    else:
        text = steps[how](text)
    assert_never_wrong(report, text, exact=how in ("tabs", "full_width", "noise", "cells"))


@FAST
@given(seeds)
def test_degraded_html_never_gives_a_wrong_number(seed):
    rng = random.Random(seed)
    report = random_report(rng)
    html = published_html(report)
    html = degrade.full_width(html.replace("<th>", "<th class=x>", 1)) if rng.random() < 0.5 else html
    for label in ("（一）予以公开", "1.属于国家秘密", "2.重复申请", "一、本年新收政府信息公开申请数量"):
        if rng.random() < 0.5:
            html = html.replace(f">{label}<", "><", 1)
    assert_never_wrong(report, html)


@SLOW
@given(seeds)
def test_docx_reads_back_exactly(seed):
    report = random_report(random.Random(seed))
    assert_never_wrong(report, render_docx(report), exact=True)


@SLOW
@given(seeds)
def test_pdf_reads_back_exactly(seed):
    report = random_report(random.Random(seed))
    assert_never_wrong(report, render_pdf(report), exact=True)
