"""Seed the national standards with sensible starting values.

The secretariat revises them in the admin; this migration only adds rows that are
missing, so re-running it never overwrites a value someone has changed.
"""

from decimal import Decimal

from django.db import migrations

# code, provider kind, order, English name, Khmer name, unit, comparison, value
STANDARDS = [
    ("hc-consultations", "health_centre", 10,
     "Outpatient consultations per person per year",
     "ការពិគ្រោះជំងឺក្រៅ ក្នុងមនុស្សម្នាក់ក្នុងមួយឆ្នាំ",
     "per_person", "at_least", "0.60"),
    ("hc-anc4", "health_centre", 20,
     "Pregnant women with four antenatal visits",
     "ស្ត្រីមានផ្ទៃពោះដែលបានមកពិនិត្យផ្ទៃពោះ ៤ដង",
     "percent", "at_least", "75.00"),
    ("hc-deliveries", "health_centre", 30,
     "Births delivered at a health facility",
     "ការសម្រាលកូននៅមូលដ្ឋានសុខាភិបាល",
     "percent", "at_least", "85.00"),
    ("hc-immunisation", "health_centre", 40,
     "Children under one fully immunised",
     "កុមារអាយុក្រោម ១ឆ្នាំ ដែលបានចាក់ថ្នាំបង្ការគ្រប់ចំនួន",
     "percent", "at_least", "90.00"),
    ("hc-family-planning", "health_centre", 50,
     "Women using modern family planning",
     "ស្ត្រីដែលប្រើមធ្យោបាយពន្យារកំណើតទំនើប",
     "percent", "at_least", "30.00"),
    ("hc-referrals", "health_centre", 60,
     "Consultations referred to a referral hospital",
     "ការពិគ្រោះជំងឺដែលបានបញ្ជូនបន្តទៅមន្ទីរពេទ្យបង្អែក",
     "percent", "at_most", "5.00"),
    ("ps-promotion", "primary_school", 10,
     "Promotion rate", "អត្រាឡើងថ្នាក់", "percent", "at_least", "90.00"),
    ("ps-repetition", "primary_school", 20,
     "Repetition rate", "អត្រាត្រួតថ្នាក់", "percent", "at_most", "5.00"),
    ("ps-dropout", "primary_school", 30,
     "Drop-out rate", "អត្រាបោះបង់ការសិក្សា", "percent", "at_most", "3.00"),
    ("ps-grade6-pass", "primary_school", 40,
     "Grade 6 pass rate", "អត្រាប្រឡងជាប់ថ្នាក់ទី៦", "percent", "at_least", "95.00"),
]


def seed(apps, schema_editor):
    NationalStandard = apps.get_model("i4c", "NationalStandard")
    for code, kind, order, name_en, name_km, unit, comparison, value in STANDARDS:
        NationalStandard.objects.get_or_create(
            code=code,
            defaults={
                "provider_kind": kind,
                "order": order,
                "name": name_km,
                "name_km": name_km,
                "name_en": name_en,
                "unit": unit,
                "comparison": comparison,
                "value": Decimal(value),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("i4c", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
