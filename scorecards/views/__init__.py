"""Scorecard pages: the public results, and the facilitators' and reviewers' entry.

Views stay thin: they read the input with a form, call a selector or a service,
and render. A stale save or a refused validation re-renders the form with the
user's input kept and the message beside it. The pages live by concept in the
modules below; `scorecards/urls.py` names each module.
"""
