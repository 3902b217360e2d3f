"""The document library moves from `isaf` to `portal`, keeping its table and rows.

Django is told that the model now belongs to this app (state only); the table
`isaf_document` stays as it is, named in the model's Meta, so no row is copied or
lost. The content type follows the model, so permissions, admin history and the
audit trail that point at documents keep pointing at them.
`isaf.0003_document_moves_to_portal` removes the model from isaf's state after this.
"""

import django.core.validators
import isaf.models
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, old="isaf", new="portal"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=new, model="document").exists():
        return
    ContentType.objects.filter(app_label=old, model="document").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="portal", new="isaf")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("isaf", "0002_seed_documents"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Document',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(help_text='A stable short name used in addresses and by the data seed.', max_length=100, unique=True, verbose_name='slug')),
                        ('title', models.CharField(max_length=500, verbose_name='title')),
                        ('title_km', models.CharField(max_length=500, null=True, verbose_name='title')),
                        ('title_en', models.CharField(max_length=500, null=True, verbose_name='title')),
                        ('category', models.CharField(choices=[('plans', 'Plans and strategies'), ('guidelines', 'Guidelines and manuals'), ('decisions', 'Decisions and letters'), ('agreements', 'Agreements'), ('training', 'Training'), ('case_studies', 'Case studies'), ('workshops', 'Workshop reports'), ('maps', 'Maps'), ('speeches', 'Speeches'), ('other', 'Other documents')], default='other', max_length=20, verbose_name='category')),
                        ('language', models.CharField(choices=[('km', 'Khmer'), ('en', 'English')], default='km', max_length=2, verbose_name='language of the document')),
                        ('year', models.PositiveSmallIntegerField(blank=True, help_text='Only when the title gives a year; for a range, its first year.', null=True, validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                        ('file', models.FileField(blank=True, help_text='PDF, Word, Excel, PowerPoint, OpenDocument or an image (JPEG, PNG), at most 20 MB.', max_length=255, upload_to='documents/', validators=[isaf.models.validate_document_file], verbose_name='file')),
                        ('url', models.URLField(blank=True, help_text='Where the document can be read when no file is attached.', max_length=500, verbose_name='external link')),
                        ('position', models.PositiveIntegerField(default=0, help_text='Documents are listed by this number within their category.', verbose_name='position')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'verbose_name': 'document',
                        'verbose_name_plural': 'documents',
                        'db_table': 'isaf_document',
                        'ordering': ['position', 'slug'],
                    },
                ),
            ],
            # The table already exists: it was created by isaf.0001_initial.
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
