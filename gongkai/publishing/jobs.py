"""Publish what changes left queued (a worker that died before writing, the "off" mode)."""

from gongkai.publishing import services


def publish_pending(now) -> str:
    """生成待发布队列中的静态页面"""
    outcome = services.drain()
    return f"写入{outcome.written}个，删除{outcome.removed}个，失败{len(outcome.errors)}个"


JOBS = [("publishing.pending", publish_pending)]
