"""Fill the sections of a package through the services, as an author would."""

from i4c import services
from i4c.sections import required_sections

from .factories import reviewer_for


def fill(package, user, keys):
    """Put one figure in each of the given sections."""
    rows = {
        "revenue": [{"side": "revenue", "category": "own_source", "planned": 5}],
        "expenditure": [{"side": "expenditure", "category": "personnel", "planned": 5}],
        "staff": [{"category": "councillor", "female": 2, "male": 7}],
        "school_budget": [
            {"side": "revenue", "category": "school_operating", "planned": 9}
        ],
        "enrolment": [{"grade": 1, "female": 20, "male": 21}],
        "facts": [{"classrooms": 6, "no_informal_fees": True}],
        "fees": [{"service": "Consultation", "fee": 0}],
        "hours": [{"service": "Consultation", "hours": "7-17", "is_24_hour": False}],
    }
    for key in keys:
        section_rows = rows[key]
        if key == "staff" and package.provider.kind == "primary_school":
            section_rows = [{"category": "teacher", "female": 3, "male": 2}]
        if key == "staff" and package.provider.kind == "health_centre":
            section_rows = [{"category": "nurse", "female": 3, "male": 2}]
        services.package_section_save(
            package=package,
            user=user,
            version=package.version,
            section_key=key,
            rows=section_rows,
        )


def fill_required(package, user):
    """Put a figure in each required section that is not the test's subject.

    Revenue is left to the tests that save it; the other sections are saved again
    each time, as an author completing the package would.
    """
    keys = [s.key for s in required_sections(package.provider.kind)]
    fill(package, user, [key for key in keys if key != "revenue"])
    if "revenue" in keys and not package.budget_lines.filter(side="revenue").exists():
        fill(package, user, ["revenue"])
    package.refresh_from_db()


def submit_filled(package, user):
    """Fill the required sections and submit the package for review."""
    fill_required(package, user)
    services.package_submit(package=package, user=user, version=package.version)


def publish_filled(package, user, *, reviewer=None):
    """Fill, submit and publish the package: a reviewer of any province by default."""
    submit_filled(package, user)
    if reviewer is None:
        reviewer = reviewer_for()
    return services.package_publish(package=package, user=reviewer)
