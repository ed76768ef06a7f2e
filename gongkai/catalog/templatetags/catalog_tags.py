from functools import lru_cache
from urllib.parse import urlencode

import qrcode
from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from qrcode.constants import ERROR_CORRECT_M

register = template.Library()


@lru_cache(maxsize=4096)
def qr_svg_for(url: str) -> str:
    """An inline SVG QR code of `url`, drawn as one path of horizontal runs.

    The mask pattern is fixed: qrcode's automatic choice tries all eight with a penalty score
    and costs ~15 ms per code; any mask gives a valid, scannable code (~2 ms)."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, mask_pattern=2)
    qr.add_data(url)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    size = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="当前页面二维码" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{"".join(parts)}"/></svg>'
    )


@register.simple_tag(takes_context=True)
def page_qr(context):
    """The current page's address as a QR code (the seed's “扫一扫在手机打开当前页面”).

    An <img> of /qr.svg (catalog.views.public.qr_image) rather than inline SVG: the page stays
    small and cheap to render, and the code, which never changes for an address, is cached by
    the browser. Works without JavaScript."""
    request = context["request"]
    path = request.path
    if path.startswith("/agency/") and path.endswith("/") and not request.GET:
        src = path + "qr.svg"  # beside the page: a file when published
    else:
        src = reverse("catalog:qr") + "?" + urlencode({"path": request.get_full_path()})
    return format_html(
        '<img class="qr-code" src="{}" width="110" height="110" alt="当前页面二维码" loading="lazy">', src
    )


@register.filter
def highlight(parts):
    """Render snippet parts [(text, is_hit)] with <mark>, escaping text."""
    from django.utils.html import escape

    return mark_safe("".join(f"<mark>{escape(t)}</mark>" if hit else escape(t) for t, hit in parts))
