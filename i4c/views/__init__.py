"""I4C pages: thin views that read input, call a selector or a service, render.

- `public`: the boards of a commune and of a provider, and open data;
- `packages`: the workspace's package pages (start, edit, submit, disseminate);
- `review`: the reviewer's queue and review page;
- `workbook`: the offline workbook: download, upload and import, export.
"""
