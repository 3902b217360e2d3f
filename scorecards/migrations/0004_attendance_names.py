# Scorecards' participants take the one attendance naming scheme (isaf.attendance);
# RenameField keeps every recorded count.

from django.db import migrations

SUBJECTS = ("female", "male", "youth", "disability", "minority", "id_poor")


class Migration(migrations.Migration):
    dependencies = [("scorecards", "0003_dates_not_in_future")]

    operations = [
        migrations.RenameField(
            model_name="scorecard",
            old_name=f"participants_{subject}",
            new_name=f"attendance_{subject}",
        )
        for subject in SUBJECTS
    ]
