"""Cells a spreadsheet program would run as formulas: every export must neutralise
them (a leading apostrophe), whichever writer and whichever column they reach."""

FORMULAS = [
    "=1+1",
    "+SUM(1)",
    "@x",
    "-2+3",
    '=HYPERLINK("http://x","y")',
    "\t=1+1",
    "\r=1+1",
]
