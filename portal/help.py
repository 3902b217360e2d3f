"""The manual: one short guide per role, step by step, each step with a picture.

The guides' words are translated strings (the .po catalogue), and their pictures
are real screenshots of the portal that the browser test
`tests/e2e/test_help_screenshots.py` takes on demo data and writes to
``static/help/<lang>/<role>-<step>.png``: the test walks the same steps that this
module lists, so a guide and its pictures cannot drift apart.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communes import scopes

# Staff work at a desk, citizens on a phone: the pictures are taken at that size.
PHONE = "phone"
DESKTOP = "desktop"
# The browser's window for each, and the size of the picture kept: a phone's
# screen as it is, a desk's screen made smaller so that the guides stay light.
VIEWPORTS = {PHONE: (360, 720), DESKTOP: (960, 660)}
PICTURE_SIZES = {PHONE: (360, 720), DESKTOP: (640, 440)}


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    text: Promise


@dataclass(frozen=True)
class Guide:
    role: str
    title: Promise
    summary: Promise
    device: str
    steps: tuple[Step, ...]
    note: Promise | None = None

    @property
    def picture_width(self) -> int:
        return PICTURE_SIZES[self.device][0]

    @property
    def picture_height(self) -> int:
        return PICTURE_SIZES[self.device][1]

    def image(self, step: Step, lang: str) -> str:
        """The static name of a step's picture in a language."""
        return image_name(lang=lang, role=self.role, key=step.key)


def image_name(*, lang: str, role: str, key: str) -> str:
    return f"help/{lang}/{role}-{key}.png"


GUIDES = (
    Guide(
        role="citizen",
        title=_("Citizens: read your commune's information"),
        summary=_(
            "Find your commune, read its budget, its services and what citizens "
            "said in the scorecards. No account is needed."
        ),
        device=PHONE,
        steps=(
            Step(
                "home",
                _("Open the portal"),
                _(
                    "Open the portal's address on your phone. Type the name of your "
                    "commune, district or province, in Khmer or in Latin letters."
                ),
            ),
            Step(
                "finder",
                _("Choose your commune"),
                _(
                    "The portal lists the places whose names match. Tap your commune "
                    "to open its page."
                ),
            ),
            Step(
                "board",
                _("Read the information board"),
                _(
                    "The commune's information board shows the money it received and "
                    "spent, planned and actual, with last year beside them."
                ),
            ),
            Step(
                "services",
                _("See the health centres and schools"),
                _(
                    "Lower on the page are the commune's health centres and primary "
                    "schools, with their results against the national standards."
                ),
            ),
            Step(
                "scorecard",
                _("Read what citizens said"),
                _(
                    "The scorecard results show how citizens scored each service, and "
                    "the actions that the council and the providers agreed to take."
                ),
            ),
        ),
        note=_(
            "Each board can be downloaded as open data (CSV or JSON), and its poster "
            "and booklet can be printed."
        ),
    ),
    Guide(
        role="councillor",
        title=_("Commune councillors: prepare and publish the I4C package"),
        summary=_(
            "Enter your commune's information for a fiscal year, submit it for "
            "review, then print its poster and booklet once it is published."
        ),
        device=DESKTOP,
        steps=(
            Step(
                "sign-in",
                _("Sign in"),
                _(
                    "Open Sign in, type the user name and password that the NCDD "
                    "Secretariat gave you, and press the button."
                ),
            ),
            Step(
                "workspace",
                _("Open your workspace"),
                _(
                    "Your workspace lists your commune and its packages. Choose Start "
                    "a package for a new fiscal year."
                ),
            ),
            Step(
                "start",
                _("Start the year's package"),
                _(
                    "Choose the commune administration and the fiscal year. Tick the "
                    "box to start from last year's package, so that you only change "
                    "what is new."
                ),
            ),
            Step(
                "section",
                _("Fill each section"),
                _(
                    "Open a section, such as revenue, type the planned and actual "
                    "amounts in riel (Khmer digits are accepted) and save the draft."
                ),
            ),
            Step(
                "workbook",
                _("Or fill it offline in the workbook"),
                _(
                    "Where the connection is poor, open The I4C workbook from your "
                    "workspace: download it for the fiscal year, fill it in a "
                    "spreadsheet program and upload it. Each wrong cell is named by "
                    "its sheet, row and column, and nothing is imported until all are "
                    "right. Check the changes shown, tick «Also submit the changed "
                    "packages for review» if they are complete, and import them."
                ),
            ),
            Step(
                "submit",
                _("Submit for review"),
                _(
                    "When every section is complete, press Submit for review. If a "
                    "reviewer returns the package, their comment appears here: correct "
                    "it and submit again."
                ),
            ),
            Step(
                "print",
                _("Print the poster and the booklet"),
                _(
                    "Once the package is published, open it and ask for the poster "
                    "(A3 or A2) and the citizen booklet, in Khmer or in English."
                ),
            ),
        ),
        note=_(
            "With a poor connection, download the workbook, fill it offline and "
            "upload it: it is checked with the same rules as the forms."
        ),
    ),
    Guide(
        role="facilitator",
        title=_("Facilitators: record the work in the districts"),
        summary=_(
            "Enter health centre and school information, dissemination meetings, "
            "community scorecards, interface meetings and the follow-up of the JAAP."
        ),
        device=DESKTOP,
        steps=(
            Step(
                "workspace",
                _("Open your workspace"),
                _(
                    "After you sign in, your workspace lists the districts that your "
                    "organisation covers this cycle, with their communes, health "
                    "centres and schools."
                ),
            ),
            Step(
                "package",
                _("Prepare health centre and school packages"),
                _(
                    "Open a health centre's or a school's package, fill its sections "
                    "and submit it for review, as councillors do for the commune."
                ),
            ),
            Step(
                "dissemination",
                _("Record a dissemination meeting"),
                _(
                    "Once a package is published, record each meeting at which it was "
                    "presented: the village, the date, the CAF and the participants."
                ),
            ),
            Step(
                "scorecard",
                _("Record a community scorecard"),
                _(
                    "Choose Record a new scorecard: the provider, the group and the "
                    "date. Then enter the indicators, the scores of each group and "
                    "the remarks, or fill the scoring sheet offline and upload it."
                ),
            ),
            Step(
                "jaap",
                _("Follow up the JAAP"),
                _(
                    "After the interface meeting, record the actions agreed in the "
                    "JAAP and, every month, their status with a note or evidence."
                ),
            ),
        ),
        note=_(
            "With a poor connection, download the workbook, fill it offline and "
            "upload it: it is checked with the same rules as the forms."
        ),
    ),
    Guide(
        role="reviewer",
        title=_("Reviewers: check and publish"),
        summary=_(
            "Read what was submitted in your province, see what changed, and publish "
            "it or return it with a comment."
        ),
        device=DESKTOP,
        steps=(
            Step(
                "queue",
                _("Open the review queue"),
                _(
                    "The review queue lists the packages submitted in your province, "
                    "oldest first. Open one."
                ),
            ),
            Step(
                "review",
                _("Check the changes"),
                _(
                    "Each changed figure is shown before and after, against the last "
                    "published version or last year."
                ),
            ),
            Step(
                "decide",
                _("Publish or return"),
                _(
                    "Publish the package, or return it for correction with a comment "
                    "that says what to fix. Published information cannot be changed: "
                    "a correction becomes a new version with a reason."
                ),
            ),
            Step(
                "scorecard",
                _("Review scorecards"),
                _(
                    "Submitted scorecards are reviewed the same way: read the scores "
                    "and the remarks, then publish or return them."
                ),
            ),
            Step(
                "dashboard",
                _("Follow progress on the dashboard"),
                _(
                    "The dashboard shows, for your province, how far each commune has "
                    "come in the cycle."
                ),
            ),
        ),
    ),
    Guide(
        role="secretariat",
        title=_("The NCDD Secretariat: run the programme"),
        summary=_(
            "Follow the programme across the country, print posters in bulk, and "
            "manage cycles, partners, CAFs and documents."
        ),
        device=DESKTOP,
        steps=(
            Step(
                "workspace",
                _("Open your workspace"),
                _(
                    "Your workspace gathers the programme's figures and the links to "
                    "manage cycles, partner organisations, coverage, the CAF roster "
                    "and users."
                ),
            ),
            Step(
                "dashboard",
                _("Read the dashboard"),
                _(
                    "The dashboard shows the cycle's progress, key results and "
                    "participation across provinces. Every table can be downloaded."
                ),
            ),
            Step(
                "coverage",
                _("See who covers which district"),
                _(
                    "Target districts lists the districts that each partner "
                    "organisation covers in the cycle: their communes are the "
                    "cycle's target communes."
                ),
            ),
            Step(
                "printing",
                _("Print posters in bulk"),
                _(
                    "Choose a document, a district or a province and a language, and "
                    "launch the batch. The page shows its progress, and the posters "
                    "download as one file."
                ),
            ),
            Step(
                "admin",
                _("Manage the programme"),
                _(
                    "In the administration, add cycles, partners and their coverage, "
                    "CAFs, national standards, indicators and the document library."
                ),
            ),
        ),
        note=_(
            "Like reviewers, the secretariat reviews and publishes submissions from "
            "every province."
        ),
    ),
)

ROLES = tuple(guide.role for guide in GUIDES)
_BY_ROLE = {guide.role: guide for guide in GUIDES}


def guide_get(role: str) -> Guide | None:
    return _BY_ROLE.get(role)


def role_for_workspace(workspace) -> str:
    """The same choice as `role_for_user`, from a workspace already read
    (portal.workspace.Workspace), so that its page asks the database nothing more."""
    if workspace.secretariat is not None:
        return "secretariat"
    if workspace.is_reviewer:
        return "reviewer"
    if workspace.facilitator:
        return "facilitator"
    if workspace.councillor:
        return "councillor"
    return "citizen"


def role_for_user(user) -> str:
    """The guide to offer a signed-in user: the widest role they hold.

    Anyone without a role (or not signed in) is offered the citizen's guide.
    """
    if not getattr(user, "is_authenticated", False):
        return "citizen"
    if user.is_superuser:
        return "secretariat"
    roles = scopes.roles_by_kind(user)
    for kind in ("secretariat", "reviewer", "facilitator", "councillor"):
        if getattr(roles, kind):
            return kind
    return "citizen"
