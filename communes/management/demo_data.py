"""The demo's fixed data: places it uses, organisations, coverage, CAFs, sign-ins.

Read by ``load_demo_communes`` and by the other apps' demo loaders and tests; it
describes demo data only and is never loaded in production.
"""

from communes.models import CAF, Organisation, Role

DEMO_PASSWORD = "isaf-demo"
KRANG_TEH = "110401"
PECH_CHREADA = "1104"
SANGKAE = "0208"
BATTAMBANG_MUNICIPALITY = "0203"
MONDULKIRI = "11"

ORGANISATIONS = {
    "NCDD-S": {
        "kind": Organisation.Kind.SECRETARIAT,
        "name_en": "NCDD Secretariat",
        "name_km": "លេខាធិការដ្ឋាន គ.ជ.អ.ប",
    },
    "DEMO-NGO": {
        "kind": Organisation.Kind.NGO,
        "name_en": "Demo partner NGO",
        "name_km": "អង្គការដៃគូអនុវត្តសាកល្បង",
    },
    "DEMO-NGO-2": {
        "kind": Organisation.Kind.NGO,
        "name_en": "Second demo partner NGO",
        "name_km": "អង្គការដៃគូអនុវត្តសាកល្បងទី២",
    },
}
COVERAGE = {
    "DEMO-NGO": [PECH_CHREADA, SANGKAE],
    "DEMO-NGO-2": [BATTAMBANG_MUNICIPALITY],
}

# (name, sex, year of birth, organisation, index of the demo commune, index of the
# village in it, modules done: intro, I4C, CSC, JAAP)
CAFS = [
    ("សុខ ស្រីពៅ", CAF.Sex.FEMALE, 1994, "DEMO-NGO", 0, 0, (1, 1, 1, 1)),
    ("ចាន់ ដារ៉ា", CAF.Sex.MALE, 1988, "DEMO-NGO", 0, 1, (1, 1, 0, 0)),
    ("ម៉ៅ សុភា", CAF.Sex.FEMALE, 2000, "DEMO-NGO", 2, 0, (1, 0, 0, 0)),
    ("គឹម សុវណ្ណ", CAF.Sex.MALE, 1991, "DEMO-NGO-2", 4, 0, (1, 1, 1, 0)),
]

# Every demo sign-in has an address at example.org, so that the e-mail flows
# (notifications, password reset) can be tried after `make run` (the console).
USERS = {
    "ncdd": {"kind": Role.Kind.SECRETARIAT, "superuser": True},
    "councillor": {"kind": Role.Kind.COUNCILLOR},
    "facilitator": {"kind": Role.Kind.FACILITATOR},
    "reviewer": {"kind": Role.Kind.REVIEWER},
}
