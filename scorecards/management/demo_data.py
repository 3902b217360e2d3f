"""The scorecard demo's fixed data: indicators and votes, remarks, the JAAP plan.

Read by ``load_demo_scorecards``; it describes demo data only and is never loaded
in production. The places come from ``communes.management.demo_data``.
"""

from communes.management.demo_data import KRANG_TEH, SANGKAE
from scorecards.models import JaapAction

__all__ = [
    "DEMO_PNG",
    "HEALTH_CENTRE_INDICATORS",
    "HEALTH_CENTRE_OWN",
    "HEALTH_CENTRE_VOTES",
    "JAAP_PLANS",
    "KRANG_TEH",
    "MEETING_ATTENDANCE",
    "REMARKS",
    "SANGKAE",
    "SCHOOL_INDICATORS",
    "SCHOOL_VOTES",
    "WRITTEN_ON_THE_DAY",
]

# Votes for scores 1..5 per indicator, in the order of the library codes below.
HEALTH_CENTRE_INDICATORS = [
    "hc-staff-numbers",
    "hc-medicines-equipment",
    "hc-clean-water",
    "hc-24-hour-duty",
    "hc-staff-attitude",
    "hc-fees-displayed",
]
HEALTH_CENTRE_VOTES = {
    "women": [
        [2, 5, 6, 3, 1],
        [4, 6, 4, 2, 1],
        [1, 2, 5, 6, 3],
        [6, 5, 3, 2, 1],
        [0, 2, 4, 7, 4],
        [3, 4, 6, 3, 1],
    ],
    "men": [
        [1, 4, 6, 4, 0],
        [3, 6, 5, 1, 0],
        [0, 2, 4, 6, 3],
        [5, 6, 3, 1, 0],
        [1, 1, 5, 6, 2],
        [2, 3, 6, 3, 1],
    ],
}
HEALTH_CENTRE_OWN = [
    [0, 0, 1, 3, 1],
    [0, 1, 2, 2, 0],
    [0, 0, 0, 2, 3],
    [0, 0, 2, 3, 0],
    [0, 0, 0, 1, 4],
    [0, 0, 1, 2, 2],
]
WRITTEN_ON_THE_DAY = "ឡានដឹកអ្នកជំងឺទៅមន្ទីរពេទ្យបង្អែកពេលយប់"  # night ambulance
REMARKS = [
    ("strength", "បុគ្គលិកឆ្មបរាក់ទាក់ និងយកចិត្តទុកដាក់"),
    ("weakness", "ថ្នាំពេទ្យខ្វះនៅចុងខែ"),
    ("weakness", "គ្មានបុគ្គលិកប្រចាំការពេលយប់ជាទៀងទាត់"),
    ("suggestion", "បិទផ្សាយតារាងវេនប្រចាំការនៅមុខមណ្ឌលសុខភាព"),
]
SCHOOL_INDICATORS = [
    "ps-classrooms",
    "ps-separate-latrines",
    "ps-library",
    "ps-teacher-punctuality",
]
SCHOOL_VOTES = [[1, 3, 6, 4, 1], [5, 6, 3, 1, 0], [2, 5, 5, 2, 1], [0, 2, 4, 6, 3]]
# A tiny but valid PNG: the demo's follow-up evidence (a photo of the new roster).
DEMO_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101007a2d1ee3"
    "0000000049454e44ae426082"
)


# Krang Teh's interface meeting: who came.
MEETING_ATTENDANCE = {
    "attendance_female": 34,
    "attendance_male": 29,
    "attendance_youth": 11,
    "attendance_disability": 3,
    "attendance_minority": 14,
    "attendance_id_poor": 9,
}

# Its JAAP: (indicator code or None, issue, action, responsible, supporting,
# resources, due in days from today, status)
JAAP_PLANS = [
    (
        "hc-medicines-equipment",
        "",
        "ស្នើសុំថ្នាំពេទ្យបន្ថែមពីការិយាល័យសុខាភិបាលស្រុកប្រតិបត្តិរៀងរាល់ខែ",
        "ប្រធានមណ្ឌលសុខភាព",
        "ក្រុមប្រឹក្សាឃុំ",
        "ថវិកាមណ្ឌលសុខភាព",
        -12,
        JaapAction.Status.ONGOING,
    ),
    (
        "hc-24-hour-duty",
        "",
        "បិទផ្សាយតារាងវេនប្រចាំការ ២៤ម៉ោង នៅមុខមណ្ឌលសុខភាព",
        "ប្រធានមណ្ឌលសុខភាព",
        "",
        "",
        -30,
        JaapAction.Status.COMPLETED,
    ),
    (
        "hc-clean-water",
        "",
        "ជួសជុលអណ្តូងទឹក និងដំឡើងធុងចម្រោះទឹក",
        "ក្រុមប្រឹក្សាឃុំ",
        "អង្គការដៃគូអនុវត្ត",
        "មូលនិធិឃុំ សង្កាត់",
        45,
        JaapAction.Status.ONGOING,
    ),
    (
        None,
        WRITTEN_ON_THE_DAY,
        "ចុះកិច្ចព្រមព្រៀងជាមួយមន្ទីរពេទ្យបង្អែកសម្រាប់ឡានដឹកអ្នកជំងឺពេលយប់",
        "ប្រធានមណ្ឌលសុខភាព",
        "មេឃុំ",
        "",
        90,
        JaapAction.Status.NOT_STARTED,
    ),
]
