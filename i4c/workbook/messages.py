"""The workbook's words: its instructions and what the import says.

The instructions are written into the workbook in Khmer with English beneath;
the import's messages are shown in the language of whoever imports.
"""

from django.utils.translation import gettext_lazy as _

INSTRUCTIONS = (
    _(
        "This workbook holds the I4C data of the providers listed in it, one sheet "
        "per kind of provider and section."
    ),
    _(
        "Fill the white cells. The grey columns (code, names, status, national "
        "standard) are locked: do not change them."
    ),
    _(
        "Numbers may be typed in Khmer or Latin digits. Amounts are whole riel; "
        "counts are whole numbers; rates are percentages from 0 to 100."
    ),
    _(
        "Where a cell offers a list, choose from it. Yes or no questions take "
        "Yes or No."
    ),
    _(
        "Projects, service fees and opening hours have one row per line: to add "
        "a line, fill a blank row at the bottom and write the provider's code in "
        "its first column. To remove every line of a provider, leave one row with "
        "its code and empty cells."
    ),
    _(
        "A provider with no package for this year shows last year's figures as a "
        "starting point; if you leave them as they are, nothing is created."
    ),
    _(
        "Upload the workbook from the portal's workspace. It is checked whole "
        "first: if any cell is wrong, nothing is imported, and each problem is "
        "named by its sheet, row and column. You then see what will change "
        "before you confirm."
    ),
    _(
        "Do not rename the sheets, delete columns or add columns: the import "
        "reads the columns by their place in the hidden second row."
    ),
)
