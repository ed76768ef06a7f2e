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


def _image_objects(page_root) -> list[tuple[float, float, str]]:
    """(top, left, resource id) of every ImageObject on the page's layers, blocks followed."""
    found: list[tuple[float, float, str]] = []

    def walk(elements, depth: int) -> None:
        for element in elements:
            name = _local(element.tag)
            if name == "ImageObject":
                try:
                    left, top = (float(v) for v in (element.get("Boundary") or "").split()[:2])
                except ValueError:
                    left = top = 0.0
                found.append((top, left, (element.get("ResourceID") or "").strip()))
            elif name == "PageBlock" and depth < MAX_NESTING:
                walk(list(element), depth + 1)

    for layer in _children(_child(page_root, "Content"), "Layer"):
        walk(list(layer), 0)
    return sorted(found)


def page_pictures(data: bytes) -> list[bytes]:
    from ofdkit.errors import OFDFormatError
    from ofdkit.package import Package

    pictures: list[bytes] = []
    with Package(data) as package:
        entry = package.find("OFD.xml")
        if entry is None:
            raise OFDFormatError("OFD.xml is missing")
        pages = 0
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
                pages += 1
                location = package.resolve(document_path, page.get("BaseLoc"))
                if pages > MAX_PAGES or location is None:
                    continue
                root = package.read_xml(location)
                page_media = dict(media)
                for resource in _children(root, "PageRes"):
                    page_media.update(_media(package, package.resolve(location, _text(resource))))
                for _, _, resource_id in _image_objects(root):
                    if resource_id in page_media and len(pictures) < MAX_PICTURES:
                        pictures.append(package.read(page_media[resource_id]))
    return pictures
