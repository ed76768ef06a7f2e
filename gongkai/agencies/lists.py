"""What the staff lists share: pagination that keeps the filters, and a GET filter form."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator

from gongkai.boundary.forms import CleanForm

PER_PAGE = 25


def paginate(request, queryset, per_page: int = PER_PAGE):
    """(page, querystring without `page`): a bad or out-of-range page number gives the last/first page."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


class FilterForm(CleanForm):
    """A GET form for list filters: every field optional, a Chinese label each (rendered <label for>)."""

    q = forms.CharField(label="搜索", required=False, max_length=100)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None and any(data.values()) else data, **kwargs)
        for field in self.fields.values():
            field.required = False

    def value(self, name, default=""):
        if not self.is_bound or not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default
