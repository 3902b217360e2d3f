# Dissemination meetings take the one attendance naming scheme (isaf.attendance);
# RenameField keeps every recorded count.

from django.db import migrations

RENAMES = (
    ("female", "attendance_female"),
    ("male", "attendance_male"),
    ("youth", "attendance_youth"),
    ("disability", "attendance_disability"),
    ("ethnic_minority", "attendance_minority"),
    ("id_poor", "attendance_id_poor"),
)


class Migration(migrations.Migration):
    dependencies = [("i4c", "0005_dates_not_in_future")]

    operations = [
        migrations.RenameField(
            model_name="disseminationevent", old_name=old, new_name=new
        )
        for old, new in RENAMES
    ]
