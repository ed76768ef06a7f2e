"""Every form of every app uses the one cleaning (CleanForm/CleanModelForm), and no input —
control characters, noncharacters, huge strings, odd digits — makes a form raise; whatever it
accepts is clean and within its length."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from hypothesis import HealthCheck, given, settings

from gongkai.boundary.forms import CleanFormMixin
from gongkai.core.text import text_problem
from tests.robustness.strategies import form_data


def _all_forms():
    import gongkai.urls  # noqa: F401 - imports every view and so every form

    found, stack = [], [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("gongkai.") and not sub.__module__.startswith("gongkai.boundary"):
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_every_form_derives_from_the_clean_base():
    forms_found = _all_forms()
    assert len(forms_found) >= 25
    outside = [
        f"{c.__module__}.{c.__qualname__}"
        for c in forms_found
        if not issubclass(c, CleanFormMixin) and not c.__name__.startswith("_")
    ]
    assert outside == []


def _kwargs(form_class, township):
    from gongkai.agencies.models import Agency

    names = form_class.__init__.__code__.co_varnames
    extra = {}
    if "agency" in names:
        extra["agency"] = township
    if "today" in names or "_DueDateMixin" in [c.__name__ for c in form_class.__mro__]:
        extra["today"] = date(2026, 3, 2)
    if "agencies" in names:
        extra["agencies"] = Agency.objects.all()
    return extra


def _fields(form_class, township):
    try:
        return list(form_class(**_kwargs(form_class, township)).fields)
    except TypeError:
        return None


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", _all_forms(), ids=lambda c: c.__qualname__)
def test_no_input_makes_a_form_raise(form_class, township):
    fields = _fields(form_class, township)
    if fields is None:
        pytest.skip("form needs constructor arguments this test does not know")

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(form_data(fields))
    def check(data):
        form = form_class(data=data, **_kwargs(form_class, township))
        if form.is_valid():
            for name, value in form.cleaned_data.items():
                if isinstance(value, str) and name in form.fields:
                    field = form.fields[name]
                    assert text_problem(value, name, getattr(field, "max_length", None)) is None, (name, value)
        else:
            for errors in form.errors.values():
                assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e) for e in errors), form.errors

    check()
