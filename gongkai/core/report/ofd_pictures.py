"""The pictures on the pages of an OFD file (GB/T 33190), for a scanned OFD: pages of images.

Contract: `page_pictures(data)` returns the bytes of every picture drawn on the pages (the media
file of each `ImageObject`, found through the `MultiMedia` resources of the document and of the
page), page by page, each page's top to bottom and left to right, the first `MAX_PICTURES` of
them; a picture whose resource or file is missing is skipped. Raises ofdkit's `OFDError` (or `ValueError`) when the container or
an XML part cannot be read. Parts are read through ofdkit's package (each part capped in size,
any DTD or entity declaration refused before parsing); the caller has held the container to
the archive limits first. Nothing here decodes a picture.
"""

from __future__ import annotations

import posixpath

MAX_PAGES = 200
MAX_PICTURES = 40  # as a scanned PDF's first 20 pages: OCR time stays bounded
MAX_NESTING = 32


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str) -> list:
    return [] if element is None else [c for c in element if _local(c.tag) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _text(element) -> str:
    return ((element.text if element is not None else None) or "").strip()


def _media(package, resource_path: str | None) -> dict[str, str]:
    """{MultiMedia ID: package entry of its file} of one resource file."""
    if resource_path is None:
        return {}
    root = package.read_xml(resource_path)
    base = (root.get("BaseLoc") or "").strip()
    found = {}
    for holder in _children(root, "MultiMedias"):
        for item in _children(holder, "MultiMedia"):
            name = _text(_child(item, "MediaFile"))
            if not name:
                continue
            entry = package.resolve(resource_path, posixpath.join(base, name) if base else name)
            entry = entry or package.resolve(resource_path, name)
            if entry is not None:
                found.setdefault((item.get("ID") or "").strip(), entry)
    return found


def page_pictures(data: bytes) -> list[bytes]:
    """Every picture of the document in page order, each page's top to bottom and left to right
    (`placed_pictures` flattened; an object without a readable Boundary counts as at the top)."""
    return [content for page in placed_pictures(data) for _, _, content in page if content is not None]


def _image_boxes(page_root) -> list[tuple[float, float, float, float, str]]:
    """(top, left, width, height, resource id) of every ImageObject on the page's layers, blocks
    followed, top to bottom; an object without a readable Boundary as at the top, 0 wide."""
    found = []

    def walk(elements, depth: int) -> None:
        for element in elements:
            name = _local(element.tag)
            if name == "ImageObject":
                try:
                    left, top, width, height = (float(v) for v in (element.get("Boundary") or "").split()[:4])
                except ValueError:
                    left = top = width = height = 0.0
                found.append((top, left, width, height, (element.get("ResourceID") or "").strip()))
            elif name == "PageBlock" and depth < MAX_NESTING:
                walk(list(element), depth + 1)

    for layer in _children(_child(page_root, "Content"), "Layer"):
        walk(list(layer), 0)
    return sorted(found)


def placed_pictures(data: bytes, min_width: float = 0.0) -> list[list[tuple[float, float, bytes | None]]]:
    """For a text OFD with pictures among its text (tables pasted as pictures): for each page in
    order (a page whose content cannot be found: an empty list), the pictures at least
    `min_width` wide (page units, mm) as (top, bottom, bytes), top to bottom; past the first
    `MAX_PICTURES` of the document the bytes are None (not read). Raises as `page_pictures`."""
    from ofdkit.errors import OFDFormatError
    from ofdkit.package import Package

    placed: list[list[tuple[float, float, bytes | None]]] = []
    read = 0
    with Package(data) as package:
        entry = package.find("OFD.xml")
        if entry is None:
            raise OFDFormatError("OFD.xml is missing")
        for body in _children(package.read_xml(entry), "DocBody"):
            document_path = package.resolve(entry, _text(_child(body, "DocRoot")))
            if document_path is None:
                continue
            document = package.read_xml(document_path)
            media: dict[str, str] = {}
            common = _child(document, "CommonData")
            for element in list(common) if common is not None else []:
                if _local(element.tag) in ("PublicRes", "DocumentRes"):
                    media.update(_media(package, package.resolve(document_path, _text(element))))
            for page in _children(_child(document, "Pages"), "Page"):
                location = package.resolve(document_path, page.get("BaseLoc"))
                placed.append([])
                if len(placed) > MAX_PAGES or location is None:
                    continue
                root = package.read_xml(location)
                page_media = dict(media)
                for resource in _children(root, "PageRes"):
                    page_media.update(_media(package, package.resolve(location, _text(resource))))
                for top, _, width, height, resource_id in _image_boxes(root):
                    if resource_id not in page_media or width < min_width:
                        continue
                    read += 1
                    content = package.read(page_media[resource_id]) if read <= MAX_PICTURES else None
                    placed[-1].append((top, top + height, content))
    return placed
