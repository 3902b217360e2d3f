import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """The stage rows keep the first day of the dated stages instead of flags
    computed for one day, and no change marker: services refresh them
    explicitly. The rows are a cache: emptied here, rebuilt by
    `manage.py dashboard_rebuild_stages` after migrating."""

    dependencies = [
        ("dashboard", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "DELETE FROM dashboard_communecyclestage", migrations.RunSQL.noop
        ),
        migrations.DeleteModel(name="StageState"),
        migrations.RemoveField(model_name="communecyclestage", name="is_meeting"),
        migrations.RemoveField(model_name="communecyclestage", name="is_agreed"),
        migrations.RemoveField(model_name="communecyclestage", name="is_reviewed"),
        migrations.RemoveField(model_name="communecyclestage", name="is_full"),
        migrations.AddField(
            model_name="communecyclestage",
            name="meeting_since",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="communecyclestage",
            name="agreed_since",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="communecyclestage",
            name="reviewed_since",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="communecyclestage",
            name="full_since",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="communecyclestage",
            name="refreshed_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
