from .organisations import CAF, Coverage, Cycle, Organisation, Role
from .places import Commune, District, Province, Village
from .providers import ServiceProvider

__all__ = [
    "CAF",
    "Commune",
    "Coverage",
    "Cycle",
    "District",
    "Organisation",
    "Province",
    "Role",
    "ServiceProvider",
    "Village",
]
