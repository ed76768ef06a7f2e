"""Periodic jobs of the catalog (see gongkai/jobs.py)."""

from gongkai.catalog.actions import publish_due_versions


def publish_scheduled(now) -> str:
    """发布到达定时发布时间的已审核信息"""
    return publish_due_versions(now)


JOBS = [("catalog.publish_scheduled", publish_scheduled)]
