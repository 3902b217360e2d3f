"""Project-wide public pages: about and the document library."""

urlpatterns = []
