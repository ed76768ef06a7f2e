"""The queue of publication work and the record of pages that could not be written."""

from django.db import models


class Scope(models.TextChoices):
    SITE = "site", "全站"
    AGENCY = "agency", "机构全部页面"
    ITEM = "item", "信息及其所在栏目"


class PublishTask(models.Model):
    """Pages to regenerate, written in the same transaction as the change that makes them stale.

    Tasks are drained in id order under one lock (services.drain), right after the change
    commits and again by the jobs loop, so a task survives a worker that dies mid-way and a later
    change is never overwritten by an earlier render."""

    scope = models.CharField(max_length=16, choices=Scope.choices)
    agency_id = models.BigIntegerField(null=True, blank=True)
    item_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class PublishError(models.Model):
    """A page whose new content could not be written; the previous file stays in place."""

    agency_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    path = models.CharField(max_length=1000)
    message = models.CharField(max_length=2000)
    at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]
