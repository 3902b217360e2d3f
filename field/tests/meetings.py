"""A meeting as the field app sends it."""

import datetime
import uuid


def meeting(world, library, **extra):
    """A meeting with two groups and the self-assessment, counts typed in Khmer
    digits as a facilitator would on a Khmer keyboard."""
    record = {
        "id": str(uuid.uuid4()),
        "provider": world.health_centre.pk,
        "held_on": datetime.date.today().isoformat(),
        "village": world.village.code,
        "language": "km",
        "facilitators": [],
        "indicators": [{"library": library[0].pk}, {"text": "ទឹកស្អាតនៅមណ្ឌល"}],
        "groups": [
            {
                "group": "women",
                "attendance_female": "១២",
                "attendance_male": "0",
                "attendance_youth": "៣",
                "votes": [["0", "1", "2", "៤", "៥"], [1, 1, 1, 1, 1]],
                "strength": "គ្រូពេទ្យរួសរាយ",
                "weakness": "",
                "suggestion": "",
            },
            {
                "group": "men",
                "attendance_female": "0",
                "attendance_male": "8",
                "votes": [[0, 0, 2, 3, 3], ["", "", "", "", "8"]],
            },
        ],
        "self_assessment": {
            "attendance_female": "2",
            "attendance_male": "3",
            "votes": [[0, 0, 0, 1, 4], [0, 0, 1, 2, 2]],
        },
    }
    record.update(extra)
    return record
