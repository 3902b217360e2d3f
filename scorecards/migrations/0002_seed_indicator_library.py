"""Seeds the indicator library with typical indicators for each kind of provider.

The list is written out here rather than imported, so that this migration gives
the same rows whatever the code looks like later. The secretariat edits the
library in the admin afterwards; re-running only adds codes that are missing.
"""

from django.db import migrations

INDICATORS = {
    "health_centre": [
        ("hc-staff-numbers", "មណ្ឌលសុខភាពមានបុគ្គលិកគ្រប់គ្រាន់", "Enough staff at the health centre"),
        ("hc-medicines-equipment", "មានថ្នាំពេទ្យ និងសម្ភារៈពេទ្យគ្រប់គ្រាន់", "Medicines and medical equipment are available"),
        ("hc-clean-water", "មានទឹកស្អាត និងបង្គន់អនាម័យ", "Clean water and clean latrines"),
        ("hc-24-hour-duty", "មានបុគ្គលិកប្រចាំការ ២៤ម៉ោង", "Staff on duty 24 hours a day"),
        ("hc-staff-attitude", "បុគ្គលិករាក់ទាក់ និងគួរសមចំពោះអ្នកជំងឺ", "Staff are polite and welcoming to patients"),
        ("hc-fees-displayed", "មានបិទផ្សាយតម្លៃសេវាផ្លូវការ ហើយមិនទារប្រាក់បន្ថែម", "Official fees are displayed and nothing extra is asked"),
        ("hc-waiting-time", "រយៈពេលរង់ចាំសេវាមិនយូរ", "Short waiting time"),
        ("hc-safe-delivery", "សេវាសម្រាលកូនប្រកបដោយសុវត្ថិភាពជាមួយឆ្មប", "Safe deliveries with a midwife"),
        ("hc-id-poor-free", "អ្នកមានប័ណ្ណក្រីក្រ (ប័ណ្ណសមធម៌) ទទួលសេវាដោយមិនបង់ប្រាក់", "ID-Poor (Equity Card) holders are treated free of charge"),
        ("hc-cleanliness", "បរិវេណ និងបន្ទប់មណ្ឌលសុខភាពស្អាត", "Clean health centre rooms and grounds"),
        ("hc-explains-treatment", "បុគ្គលិកពន្យល់អំពីជំងឺ និងរបៀបប្រើថ្នាំ", "Staff explain the illness and how to take the medicine"),
    ],
    "primary_school": [
        ("ps-classrooms", "មានថ្នាក់រៀនគ្រប់គ្រាន់ និងក្នុងស្ថានភាពល្អ", "Enough classrooms, in good condition"),
        ("ps-separate-latrines", "មានបង្គន់ដាច់ដោយឡែកសម្រាប់សិស្សស្រី និងសិស្សប្រុស", "Separate latrines for girls and boys"),
        ("ps-library", "មានបណ្ណាល័យ និងសៀវភៅសម្រាប់សិស្សអាន", "A library with books for pupils"),
        ("ps-teacher-punctuality", "គ្រូបង្រៀនមកទាន់ពេល និងបង្រៀនគ្រប់ម៉ោង", "Teachers come on time and teach the full hours"),
        ("ps-clean-water", "មានទឹកស្អាតសម្រាប់ផឹកនៅសាលារៀន", "Clean drinking water at school"),
        ("ps-no-informal-fees", "មិនមានការទារលុយក្រៅផ្លូវការពីសិស្ស", "No informal payments are asked from pupils"),
        ("ps-teacher-attitude", "គ្រូបង្រៀនមានអាកប្បកិរិយាល្អចំពោះសិស្ស", "Teachers treat pupils well"),
        ("ps-textbooks", "មានសៀវភៅសិក្សា និងសម្ភារៈសិក្សាគ្រប់គ្រាន់", "Enough textbooks and learning materials"),
        ("ps-safe-grounds", "បរិវេណសាលាស្អាត មានសុវត្ថិភាព និងមានរបង", "Clean, safe school grounds with a fence"),
        ("ps-parents-informed", "ឪពុកម្តាយត្រូវបានជូនដំណឹងអំពីការសិក្សារបស់កូន", "Parents are told how their children are learning"),
    ],
    "commune": [
        ("c-office-hours", "ការិយាល័យឃុំបើកទាន់ពេលតាមម៉ោងការងារផ្លូវការ", "The commune office opens on time, in official hours"),
        ("c-informing-citizens", "ក្រុមប្រឹក្សាឃុំផ្សព្វផ្សាយព័ត៌មានអំពីផែនការ និងថវិកាដល់ប្រជាពលរដ្ឋ", "The council informs citizens about its plans and budget"),
        ("c-timely-service", "សេវារដ្ឋបាល (សំបុត្រកំណើត ។ល។) ផ្តល់ជូនទាន់ពេលវេលា", "Administrative services (birth certificates...) are delivered on time"),
        ("c-fees-displayed", "មានបិទផ្សាយកម្រៃសេវាផ្លូវការ និងអនុវត្តតាម", "Official service fees are displayed and kept to"),
        ("c-staff-attitude", "សមាជិកក្រុមប្រឹក្សា និងបុគ្គលិកឃុំរាក់ទាក់", "Councillors and commune staff are welcoming"),
        ("c-citizen-participation", "ប្រជាពលរដ្ឋត្រូវបានអញ្ជើញចូលរួមកិច្ចប្រជុំក្រុមប្រឹក្សាឃុំ", "Citizens are invited to council meetings"),
        ("c-complaints", "ពាក្យបណ្តឹងរបស់ប្រជាពលរដ្ឋត្រូវបានទទួល និងឆ្លើយតប", "Citizens' complaints are received and answered"),
        ("c-project-quality", "គម្រោងអភិវឌ្ឍន៍មានគុណភាពល្អ", "Development projects are of good quality"),
        ("c-roads", "ផ្លូវក្នុងភូមិត្រូវបានថែទាំ", "Village roads are maintained"),
        ("c-vulnerable-support", "ការគាំទ្រដល់ជនក្រីក្រ និងក្រុមជនងាយរងគ្រោះ", "Support for the poor and vulnerable groups"),
    ],
}


def seed(apps, schema_editor):
    LibraryIndicator = apps.get_model("scorecards", "LibraryIndicator")
    existing = set(LibraryIndicator.objects.values_list("code", flat=True))
    rows = []
    for kind, indicators in INDICATORS.items():
        for position, (code, name_km, name_en) in enumerate(indicators, start=1):
            if code in existing:
                continue
            rows.append(
                LibraryIndicator(
                    provider_kind=kind,
                    code=code,
                    name=name_km,
                    name_km=name_km,
                    name_en=name_en,
                    position=position,
                )
            )
    LibraryIndicator.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    LibraryIndicator = apps.get_model("scorecards", "LibraryIndicator")
    codes = [code for rows in INDICATORS.values() for code, _km, _en in rows]
    LibraryIndicator.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("scorecards", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
