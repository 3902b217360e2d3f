"""Seed the document library with the titles on the programme's own page.

The titles come from the NCDD I-SAF page (the seed file's lines after its three
paragraphs), in the page's order, each with a written translation. The data lives
here, not in app code, so that this migration keeps doing the same thing however the
app changes later. It is idempotent and keyed by slug: a document that already exists
is left as it is, so a title the secretariat corrected or a file it attached survives
a re-run.
"""

import datetime

from django.db import migrations

# (slug, category, language of the document, year, date, Khmer title, English title)
DOCUMENTS = [
    (
        "tot-monitoring-system-2017",
        "training",
        "km",
        2017,
        datetime.date(2017, 2, 21),
        "ឯកសារបណ្ដុះបណ្ដាលគ្រូបង្គោលថ្នាក់ខេត្តស្ដីពី «ការប្រើប្រាស់ប្រព័ន្ធត្រួតពិនិត្យ "
        "និងតាមដានការអនុវត្តសកម្មភាពគណនេយ្យភាពសង្គម» ថ្ងៃទី២១ ខែកុម្ភៈ ឆ្នាំ២០១៧ "
        "នៅសណ្ឋាគារសុខា ភ្នំពេញ",
        "Training materials for provincial master trainers on “Using the system for "
        "monitoring and following up the implementation of social accountability "
        "activities”, 21 February 2017, Sokha Hotel, Phnom Penh",
    ),
    (
        "sa-implementation-plan-2016-2018",
        "plans",
        "km",
        2016,
        None,
        "ផែនការអនុវត្តគណនេយ្យភាពសង្គម សម្រាប់ការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ "
        "នៅថ្នាក់ក្រោមជាតិ ឆ្នាំ២០១៦-២០១៨",
        "Social Accountability Implementation Plan for Sub-National Democratic "
        "Development, 2016–2018",
    ),
    (
        "mou-ncdds-implementing-partners",
        "agreements",
        "km",
        None,
        None,
        "អនុស្សារណៈយោគយល់គ្នារវាងលេខាធិការដ្ឋាន គ.ជ.អ.ប "
        "ជាមួយអង្គការដៃគូអនុវត្តផែនការអនុវត្តគណនេយ្យភាពសង្គម",
        "Memorandum of understanding between the NCDD Secretariat and the partner "
        "organisations implementing the Social Accountability Implementation Plan",
    ),
    (
        "speech-ngy-chanphal-tot-2016",
        "speeches",
        "km",
        2016,
        datetime.date(2016, 4, 6),
        "សុន្ទរកថា ឯកឧត្តម ងី ច័ន្រ្ទផល រដ្ឋលេខាធិការក្រសួងមហាផ្ទៃ "
        "ថ្លែងក្នុងពិធីបើកវគ្គបណ្តុះបណ្តាលគ្រូបង្គោលស្តីពីការអនុវត្តផែនការយុទ្ធសាស្រ្ត"
        "គណនេយ្យភាពសង្គម ថ្ងៃទី៦-៨ ខែមេសា ឆ្នាំ២០១៦ ខេត្តបាត់ដំបង",
        "Speech by H.E. Ngy Chanphal, Secretary of State of the Ministry of Interior, "
        "at the opening of the training of trainers on implementing the Strategic "
        "Plan on Social Accountability, 6–8 April 2016, Battambang province",
    ),
    (
        "decision-sa-management-committee",
        "decisions",
        "km",
        None,
        None,
        "សេចក្តីសម្រេចស្តីពីការរៀបចំ និងការប្រព្រឹត្តទៅរបស់គណៈកម្មាធិការគ្រប់គ្រង"
        "ការអនុវត្តផែនការយុទ្ធសាស្រ្តគណនេយ្យភាពសង្គមនៅថ្នាក់ក្រោមជាតិ",
        "Decision on the organisation and functioning of the Committee for Managing "
        "the Implementation of the Strategic Plan on Social Accountability at "
        "Sub-National Level",
    ),
    (
        "sa-information-board",
        "other",
        "km",
        None,
        None,
        "ផ្ទាំងព័ត៌មានគណនេយ្យភាពសង្គមសម្រាប់ប្រជាពលរដ្ឋ",
        "Social accountability information board for citizens",
    ),
    (
        "isaf-implementation-plan-2015-2018",
        "plans",
        "en",
        2015,
        None,
        "ផែនការអនុវត្ត I-SAF ឆ្នាំ២០១៥-២០១៨",
        "I-SAF Implementation Plan 2015-2018",
    ),
    (
        "isaf-demand-side-operational-guidelines",
        "guidelines",
        "en",
        None,
        None,
        "គោលការណ៍ណែនាំប្រតិបត្តិការសម្រាប់ផ្នែកតម្រូវការ របស់ I-SAF",
        "ISAF Demand-Side Operational Guidelines",
    ),
    (
        "isaf-information-for-citizen-booklet-en",
        "other",
        "en",
        None,
        None,
        "សៀវភៅព័ត៌មានសម្រាប់ប្រជាពលរដ្ឋ របស់ I-SAF",
        "I-SAF Information for Citizen booklet",
    ),
    (
        "letter-ncdds-world-vision-2015",
        "decisions",
        "km",
        2015,
        None,
        "លិខិតលេខាធិការដ្ឋាន គ.ជ.អ.ប គាំទ្រអង្គការ "
        "ទស្សនៈពិភពលោកលើដំណើរការអនុវត្តការងារគណនេយ្យភាពសង្គមឆ្នាំ២០១៥",
        "Letter from the NCDD Secretariat supporting World Vision's implementation of "
        "social accountability work in 2015",
    ),
    (
        "letter-ncdds-pact-2015",
        "decisions",
        "km",
        2015,
        None,
        "លិខិតលេខាធិការដ្ឋាន គ.ជ.អ.ប គាំទ្រអង្គការ PACT កម្ពុជា "
        "លើដំណើរការអនុវត្តការងារគណនេយ្យភាពសង្គមឆ្នាំ២០១៥",
        "Letter from the NCDD Secretariat supporting PACT Cambodia's implementation of "
        "social accountability work in 2015",
    ),
    (
        "map-target-districts-2015",
        "maps",
        "km",
        2015,
        None,
        "ផែនទីស្រុកគោលដៅនៃការអនុវត្តការងារគណនេយ្យភាពសង្គមសម្រាប់ឆ្នាំ២០១៥",
        "Map of the target districts for social accountability work in 2015",
    ),
    (
        "i4c-database-and-manual",
        "guidelines",
        "km",
        None,
        None,
        "ប្រព័ន្ធទិន្នន័យ និងការណែនាំកញ្ចប់ព័ត៌មានសម្រាប់ប្រជាពលរដ្ឋ (I4C database and manual)",
        "Information for Citizens (I4C) database and manual",
    ),
    (
        "case-study-pact-cambodia",
        "case_studies",
        "km",
        None,
        None,
        "ករណីសិក្សានៃការអនុវត្តផែនការសកម្មភាពគណនេយ្យភាពសង្គម របស់អង្គការផេកកម្ពុជា",
        "Case study of PACT Cambodia's implementation of the social accountability "
        "action plan",
    ),
    (
        "reflection-workshop-summary-report",
        "workshops",
        "km",
        None,
        None,
        "របាយការណ៍បូកសរុបសិក្ខាសាលាឆ្លុះបញ្ចាំង I-SAF",
        "Summary report of the I-SAF reflection workshop",
    ),
    (
        "reflection-workshop-documents-2015",
        "workshops",
        "km",
        2015,
        datetime.date(2015, 2, 25),
        "ឯកសារសិក្ខាសាលាឆ្លុះបញ្ចាំង I-SAF ( 25-26 Feb 2015)",
        "I-SAF reflection workshop documents (25–26 February 2015)",
    ),
    (
        "case-study-krang-teh-council-chair",
        "case_studies",
        "km",
        None,
        None,
        "ករណីសិក្សា៖ ប្រធានក្រុមប្រឹក្សាឃុំក្រង់តេះ ស្រុកពេជ្រាដា ខេត្តមណ្ឌលគិរី",
        "Case study: the chair of Krang Teh commune council, Pech Chreada district, "
        "Mondulkiri province",
    ),
    (
        "information-for-citizens-booklet-km",
        "other",
        "km",
        None,
        None,
        "សៀវភៅព័ត៌មានសម្រាប់ប្រជាពលរដ្ឋ",
        "Information for Citizens booklet",
    ),
    (
        "workshop-strategy-dissemination",
        "workshops",
        "km",
        None,
        None,
        "ឯកសារសិក្ខាសាលាស្តីពី ការផ្សព្វផ្សាយឯកសារយុទ្ធសាស្រ្តគណនេយ្យភាពសង្គម",
        "Workshop documents on disseminating the social accountability strategy",
    ),
    (
        "dissemination-strategy-sangkae",
        "plans",
        "km",
        None,
        None,
        "យុទ្ធសាស្ត្រស្តីពីការផ្សព្វផ្សាយព័ត៌មានក្រុមប្រឹក្សាស្រុកសង្កែ ខេត្តបាត់ដំបង",
        "Information dissemination strategy of the Sangkae district council, "
        "Battambang province",
    ),
    (
        "dissemination-strategy-battambang",
        "plans",
        "km",
        None,
        None,
        "យុទ្ធសាស្ត្រស្តីពីការផ្សព្វផ្សាយព័ត៌មានក្រុមប្រឹក្សាក្រុងបាត់ដំបង",
        "Information dissemination strategy of the Battambang municipal council",
    ),
    (
        "sa-strategic-plan",
        "plans",
        "km",
        None,
        None,
        "ផែនការយុទ្ធសាស្ត្រស្តីពីការងារគណនេយ្យភាពសង្គមសម្រាប់ការអភិវឌ្ឍតាមបែប"
        "ប្រជាធិបតេយ្យនៅថ្នាក់ក្រោមជាតិ",
        "Strategic Plan on Social Accountability for Sub-National Democratic "
        "Development",
    ),
    (
        "decision-advisory-working-group-citizen-participation",
        "decisions",
        "km",
        None,
        None,
        "សេចក្តីសម្រេចស្តីពីការបង្កើតក្រុមការងារផ្តល់យោបល់សម្រាប់អនុវត្តគម្រោង"
        "លើកកម្ពស់ការចូលរួមរបស់ប្រជាពលរដ្ឋក្នុងដំណើរការអភិវឌ្ឍតាមបែបប្រជាធិបតេយ្យ"
        "នៅថ្នាក់ក្រោមជាតិ",
        "Decision on establishing an advisory working group for the project "
        "promoting citizen participation in sub-national democratic development",
    ),
]


def seed_documents(apps, schema_editor):
    Document = apps.get_model("isaf", "Document")
    for position, (slug, category, language, year, date, km, en) in enumerate(
        DOCUMENTS, start=1
    ):
        Document.objects.get_or_create(
            slug=slug,
            defaults={
                # modeltranslation keeps the plain column as a copy of the default
                # language, so it is filled too.
                "title": km,
                "title_km": km,
                "title_en": en,
                "category": category,
                "language": language,
                "year": year,
                "date": date,
                "position": position * 10,
            },
        )


def unseed_documents(apps, schema_editor):
    Document = apps.get_model("isaf", "Document")
    # A document that has had a file attached since is kept: it is real work.
    Document.objects.filter(slug__in=[row[0] for row in DOCUMENTS], file="").delete()


class Migration(migrations.Migration):
    dependencies = [("isaf", "0001_initial")]

    operations = [migrations.RunPython(seed_documents, unseed_documents)]
