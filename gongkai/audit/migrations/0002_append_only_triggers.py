"""The audit log refuses UPDATE and DELETE in the database itself (see gongkai/audit/integrity.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from gongkai.audit.integrity import create_triggers

    create_triggers(schema_editor)


def backwards(apps, schema_editor):
    from gongkai.audit.integrity import drop_triggers

    drop_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
