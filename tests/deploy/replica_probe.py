"""Run inside `gongkai manage shell` against primary + replica; prints one JSON object of what it saw."""

import json
import logging
import time
from datetime import date

from django.db import connections, router
from django.test import Client
from django.utils import timezone

from gongkai import routing
from gongkai.agencies.demo import demo_user, township
from gongkai.catalog import actions
from gongkai.catalog.models import Column, Item

seen = {}
records = []


class Capture(logging.Handler):
    def emit(self, record):
        records.append(record.getMessage())


logging.getLogger("gongkai.routing").addHandler(Capture())
logging.getLogger("gongkai.routing").setLevel(logging.INFO)


def wait_for(predicate, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


# 1. Routing: public reads from the replica, everything else from the primary.
seen["staff_read"] = router.db_for_read(Item)
with routing.public_reads():
    seen["public_read"] = router.db_for_read(Item)
    seen["write"] = router.db_for_write(Item)
seen["replica_items"] = Item.objects.using("replica").filter(public_version__isnull=False).count()
seen["primary_items"] = Item.objects.filter(public_version__isnull=False).count()

# 2. A publication reaches the replica; an anonymous reader sees it from there.
agency = township()
column = Column.objects.get(agency=agency, name="镇街动态")


def publish(title):
    item = actions.create_item(
        agency=agency,
        column=column,
        actor=demo_user("jingban"),
        fields={
            "title": title,
            "summary": "副本测试",
            "publisher": agency.name,
            "written_on": date(2026, 11, 2),
            "body_html": "<p>正文</p>",
        },
    )
    version = item.versions.get()
    actions.submit_version(version=version, actor=demo_user("jingban"), now=timezone.now())
    actions.approve_version(version=version, actor=demo_user("shenhe"), opinion="同意", now=timezone.now())
    return item


first = publish("副本同步测试信息")
seen["replicated"] = wait_for(
    lambda: Item.objects.using("replica").filter(pk=first.pk, public_version__isnull=False).exists()
)
anonymous = Client()
seen["anonymous_page"] = anonymous.get(f"/agency/{agency.slug}/item/{first.pk}/").status_code
search = anonymous.get("/search/", {"q": "副本同步"})
seen["search_hit"] = f"/item/{first.pk}/" in search.content.decode()
if not seen["search_hit"]:
    import re as _re

    seen["search_debug"] = [search.status_code, _re.sub(r"\s+", " ", search.content.decode())[-1500:]]

# 3. Replay paused: within the lag limit the replica still serves (and lacks the new item), but a
#    staff member who just wrote reads their own change from the primary.
settings_module = __import__("django.conf", fromlist=["settings"]).settings
settings_module.GONGKAI_REPLICA_MAX_LAG = 3600
settings_module.GONGKAI_REPLICA_CHECK_SECONDS = 0
routing.reset_health()
connections["replica"].cursor().execute("SELECT pg_wal_replay_pause()")


def paused():
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_get_wal_replay_pause_state()")
        return cursor.fetchone()[0] == "paused"


seen["paused"] = wait_for(paused)
second = publish("暂停回放期间的信息")
time.sleep(0.5)
seen["paused_on_replica"] = Item.objects.using("replica").filter(pk=second.pk).exists()
with routing.public_reads():
    seen["paused_route"] = router.db_for_read(Item)
seen["paused_anonymous"] = anonymous.get(f"/agency/{agency.slug}/item/{second.pk}/").status_code
writer = Client()
writer.force_login(demo_user("shenhe"))
writer.post("/accounts/logout/")  # any non-GET marks the browser as having just written
writer.cookies[routing.STICKY_COOKIE] = str(int(time.time()))
seen["paused_writer"] = writer.get(f"/agency/{agency.slug}/item/{second.pk}/").status_code

# 4. Lag beyond the limit: reads fall back to the primary with a log line.
settings_module.GONGKAI_REPLICA_MAX_LAG = 0.5
routing.reset_health()
time.sleep(1.0)
with routing.public_reads():
    seen["lagging_read"] = router.db_for_read(Item)
seen["lagging_anonymous"] = anonymous.get(f"/agency/{agency.slug}/item/{second.pk}/").status_code
connections["replica"].cursor().execute("SELECT pg_wal_replay_resume()")
settings_module.GONGKAI_REPLICA_MAX_LAG = 5
routing.reset_health()
seen["caught_up"] = wait_for(lambda: Item.objects.using("replica").filter(pk=second.pk).exists())
with routing.public_reads():
    seen["after_catch_up"] = router.db_for_read(Item)
seen["log"] = records
print("PROBE" + json.dumps(seen, ensure_ascii=False))
