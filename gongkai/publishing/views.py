"""Staff: the state of the publish directory (failures keep the previous page and are shown here)."""

from django.http import Http404
from django.shortcuts import render

from gongkai.publishing import selectors


def status(request):
    if not selectors.may_see_publishing(request.user):
        raise Http404
    return render(
        request,
        "publishing/status.html",
        {"errors": selectors.publish_errors_for(request.user), "pending": selectors.pending_count(request.user)},
    )
