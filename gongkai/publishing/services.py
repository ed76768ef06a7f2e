"""Writing the publish directory: after every public change, and all at once.

- `queue.schedule(...)` is called inside the transaction that changes what the public sees
  (through `gongkai.catalog.page_cache.bump`, which every such action already calls): it records
  a `PublishTask` in that transaction and, once it commits, drains the queue with `drain`.
- `drain()` takes the directory's lock (one writer per machine at a time, so an earlier render
  can never overwrite a later one), regenerates the pages each task names and deletes the task.
  A page that fails to render or write keeps its previous file, and the failure is recorded as a
  `PublishError` shown to staff (/staff/publishing/) and logged; a page that is no longer public
  (404) is removed.
- `publish_all()` rebuilds everything and removes files that no longer correspond to a page;
  `check()` compares the directory with what the database says.

GONGKAI_PUBLISH selects when the queue is drained after a change: "thread" (default: a
background thread right after the commit; the jobs loop drains leftovers), "sync" (in the
request, after the commit) or "off" (tasks are recorded; only `gongkai publish --pending` and the
jobs loop drain them — the default under pytest, so tests that don't publish write no files).
"""

from __future__ import annotations

import fcntl
import logging
import shutil
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import close_old_connections

from gongkai.agencies.models import Agency
from gongkai.catalog import listing
from gongkai.catalog.models import Item
from gongkai.publishing import site, store
from gongkai.publishing.models import PublishError, PublishTask, Scope
from gongkai.publishing.render import Renderer

log = logging.getLogger("gongkai.publishing")

STATIC_PREFIX = "/static/"


def publish_dir() -> Path:
    return Path(settings.GONGKAI_PUBLISH_DIR)


@dataclass
class Outcome:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.errors += other.errors


@contextmanager
def _directory_lock(root: Path):
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


ORIGIN_FILE = ".origin"  # the scheme://host the directory's feeds and QR codes were written for
OWN_FILES = (".lock", ORIGIN_FILE)


def site_origin() -> str:
    return f"{settings.GONGKAI_SITE_SCHEME}://{settings.GONGKAI_SITE_HOST}"


def _written_origin(root: Path) -> str | None:
    try:
        return (root / ORIGIN_FILE).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def drain() -> Outcome:
    """Process the queue; see `_drain`. A directory written for another address (GONGKAI_SITE_HOST
    or the scheme changed — every feed and QR code holds the absolute address — or never fully
    written) is rebuilt whole instead, so no page keeps the old address."""
    if _written_origin(publish_dir()) != site_origin():
        log.warning("publish directory written for another address: rebuilding it for %s", site_origin())
        return publish_all()
    return _drain()


def _drain() -> Outcome:
    """Process the queue; returns what was done. Safe to call from several processes.

    All tasks pending at the start of a round are merged: their pages are written once (an import
    of a thousand items into one column writes that column's pages once, not a thousand times)."""
    total = Outcome()
    root = publish_dir()
    with _directory_lock(root):
        while True:
            last_id = PublishTask.objects.order_by("-id").values_list("id", flat=True).first()
            if last_id is None:
                break
            tasks = list(PublishTask.objects.filter(id__lte=last_id))
            paths: dict[str, None] = {}
            for task in _merged(tasks):
                paths.update(dict.fromkeys(_task_paths(task)))
            total.add(publish_paths(paths, root, redraw_qr=False))
            PublishTask.objects.filter(id__lte=last_id).delete()
    return total


def _merged(tasks: list[PublishTask]) -> list[PublishTask]:
    """One task per piece of work: a site task covers all; an agency task covers its items."""
    if any(t.scope == Scope.SITE for t in tasks):
        return [next(t for t in tasks if t.scope == Scope.SITE)]
    whole = {t.agency_id for t in tasks if t.scope == Scope.AGENCY}
    out, seen = [], set()
    for task in tasks:
        key = (task.scope, task.agency_id, task.item_id)
        if key in seen or (task.scope == Scope.ITEM and task.agency_id in whole):
            continue
        seen.add(key)
        out.append(task)
    return out


def _task_paths(task: PublishTask) -> Iterable[str]:

    if task.scope == Scope.ITEM:
        item = Item.objects.select_related("agency", "column").filter(pk=task.item_id).first()
        if item is None:
            return []
        return site.affected_by_item(item)
    if task.scope == Scope.AGENCY:
        agency = site.public_agencies().filter(pk=task.agency_id).first()
        if agency is None:
            return site.portal_paths()
        return [*site.portal_paths(), *site.AgencyPages(agency)]
    return list(site.all_paths())


# --- writing ----------------------------------------------------------------------------------


def publish_paths(
    paths: Iterable[str],
    root: Path | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    redraw_qr: bool = True,
) -> Outcome:
    """Render and write each path. A page's QR code (P + "qr.svg", listed right after P) follows
    its page: removed with a page that is gone; and, unless `redraw_qr`, kept as it is when its file
    exists — it encodes the page's address alone, which a change of content does not touch."""
    root = root or publish_dir()
    paths = list(paths)
    renderer = Renderer()
    outcome = Outcome()
    gone: set[str] = set()
    with listing.known_boundaries(_listing_boundaries(paths)):
        for path in paths:
            page = site.page_of_qr(path)
            if page is not None and page in gone:
                _remove(root, path, outcome)
            elif page is not None and not redraw_qr and store.file_for(root, path).is_file():
                outcome.unchanged += 1
            elif _publish_one(renderer, root, path, outcome) in (404, 410):
                gone.add(path)
            if progress:
                progress(1)
    return outcome


def _listing_boundaries(paths: list[str]) -> dict[int, tuple[int, dict[int, int]]]:
    """Walk each column whose listing pages are among `paths` once, so that every page is then
    read by its boundary key instead of an offset (linear, not quadratic, in the column's length)."""
    wanted: dict[int, set[int]] = {}
    for path in paths:
        match = site.listing_page(path)
        if match is not None:
            wanted.setdefault(match[0], set()).add(match[1])
    return {column_id: listing.page_boundaries(column_id, pages) for column_id, pages in wanted.items()}


def _publish_one(renderer: Renderer, root: Path, path: str, outcome: Outcome) -> int | None:
    """Render and write one path; returns the status it rendered with (None when it failed)."""
    try:
        rendered = renderer.render(path)
    except Exception as error:  # a page that can't be rendered keeps its previous file
        _record_error(path, f"页面生成失败：{type(error).__name__}：{error}", outcome)
        return None
    try:
        if rendered.status == 200:
            if store.write(root, path, rendered.content):
                outcome.written += 1
            else:
                outcome.unchanged += 1
        elif rendered.status in (404, 410):
            _remove(root, path, outcome)
        elif rendered.status not in (301, 302):
            _record_error(path, f"页面生成失败：状态码{rendered.status}", outcome)
    except store.UnsafePath:
        _record_error(path, "页面地址不能映射为文件", outcome)
    except OSError as error:  # a full disk or an unwritable directory is reported, not swallowed
        _record_error(path, f"写入发布目录失败：{error.strerror or error}", outcome)
    return rendered.status


def _remove(root: Path, path: str, outcome: Outcome) -> None:
    if store.remove(root, path):
        outcome.removed += 1


def _record_error(path: str, message: str, outcome: Outcome) -> None:
    log.error("publishing %s: %s", path, message)
    outcome.errors.append((path, message))
    agency_id = _agency_of(path)
    try:
        PublishError.objects.create(path=path[:1000], message=message[:2000], agency_id=agency_id)
    except Exception:  # the database itself may be the failing part; the log line stays
        log.exception("could not record the publishing error")


def _agency_of(path: str) -> int | None:

    parts = path.split("/")
    if len(parts) > 2 and parts[1] == "agency":
        return Agency.objects.filter(slug=parts[2]).values_list("pk", flat=True).first()
    return None


def static_files() -> Iterable[tuple[str, str]]:
    """(URL path, source file) of every static asset the public pages may use."""
    seen = set()
    for finder in finders.get_finders():
        for relative, storage in finder.list(["*.scss", "admin/*"]):
            if relative in seen:
                continue
            seen.add(relative)
            yield STATIC_PREFIX + relative.replace("\\", "/"), storage.path(relative)


def publish_static(root: Path) -> tuple[Outcome, set[Path]]:
    outcome = Outcome()
    files = set()
    for url_path, source in static_files():
        target = store.file_for(root, url_path)
        files.add(target)
        try:
            if target.exists() and target.read_bytes() == Path(source).read_bytes():
                outcome.unchanged += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(store.TEMP_PREFIX + target.name)
            shutil.copyfile(source, temp)
            temp.replace(target)
            outcome.written += 1
        except OSError as error:
            _record_error(url_path, f"写入发布目录失败：{error.strerror or error}", outcome)
    return outcome, files


CHUNK = 500


def _publish_chunk(paths: list[str]) -> Outcome:
    """In a worker process of publish_all (forked: it opens its own database connection)."""
    try:
        return publish_paths(paths)
    finally:
        close_old_connections()


def _scope(root: Path, agency) -> tuple[list[str], Path]:
    """The pages to write and the subtree whose other files are stale: the whole site, or one
    agency's pages (and the portal home, which lists agencies) — how a platform with many
    agencies rebuilds one of them without rewriting everyone's files."""
    if agency is None:
        return list(dict.fromkeys(site.all_paths())), root
    return list(dict.fromkeys([*site.portal_paths(), *site.AgencyPages(agency)])), root / "agency" / agency.slug


def publish_all(progress_factory=None, jobs: int = 1, agency=None) -> Outcome:
    """Rebuild the whole directory, or one agency's part of it (with `jobs` processes); remove
    files that are no longer a public page."""
    root = publish_dir()
    with _directory_lock(root):
        paths, subtree = _scope(root, agency)
        bar = progress_factory(len(paths)) if progress_factory else None
        if jobs > 1 and len(paths) > CHUNK:
            outcome = _publish_in_processes(paths, jobs, bar)
        else:
            outcome = publish_paths(paths, root, progress=bar.update if bar else None)
        if bar:
            bar.close()
        static_outcome, static_targets = publish_static(root)
        outcome.add(static_outcome)
        # File names as strings: a million pages' Path objects would cost several times the memory.
        keep = {_file_name(root, p) for p in paths} | {str(t) for t in static_targets}
        keep |= {_file_name(root, p) for p, _ in outcome.errors if not p.startswith(STATIC_PREFIX)}
        for existing in store.existing_files(subtree):
            if existing.name in OWN_FILES or str(existing) in keep:
                continue
            existing.unlink()
            store.prune_empty(root, existing.parent)
            outcome.removed += 1
        done = PublishTask.objects.all() if agency is None else PublishTask.objects.filter(agency_id=agency.pk)
        done.delete()
        if agency is None:  # failures are recorded for staff; the address is the one written
            store.write(root, "/" + ORIGIN_FILE, site_origin().encode())
    return outcome


def _file_name(root: Path, path: str) -> str | None:
    try:
        return str(store.file_for(root, path))
    except store.UnsafePath:  # never written (recorded as an error), so nothing to keep
        return None


def _publish_in_processes(paths: list[str], jobs: int, bar) -> Outcome:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from django.db import connections

    connections.close_all()  # each forked worker opens its own
    outcome = Outcome()
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(_publish_chunk, chunk): len(chunk) for chunk in chunks}
        for future in as_completed(futures):
            outcome.add(future.result())
            if bar:
                bar.update(futures[future])
    return outcome


@dataclass
class Difference:
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check(progress_factory=None, agency=None) -> Difference:
    """What differs between the directory (or one agency's part of it) and the pages the database
    says should be public."""
    root = publish_dir()
    renderer = Renderer()
    diff = Difference()
    paths, subtree = _scope(root, agency)
    bar = progress_factory(len(paths)) if progress_factory else None
    expected = set()
    with listing.known_boundaries(_listing_boundaries(paths)):
        for path in paths:
            target = store.file_for(root, path)
            rendered = renderer.render(path)
            if bar:
                bar.update(1)
            if rendered.status != 200:
                continue
            expected.add(target)
            if not target.exists():
                diff.missing.append(path)
            elif target.read_bytes() != rendered.content:
                diff.stale.append(path)
    if bar:
        bar.close()
    for url_path, source in static_files():
        target = store.file_for(root, url_path)
        expected.add(target)
        if not target.exists():
            diff.missing.append(url_path)
        elif target.read_bytes() != Path(source).read_bytes():
            diff.stale.append(url_path)
    for existing in store.existing_files(subtree):
        if existing.name not in OWN_FILES and existing not in expected:
            diff.extra.append("/" + str(existing.relative_to(root)))
    return diff
