from .organisations import CAF, Coverage, Cycle, Organisation, Role, cycle_field
from .places import Commune, District, Province, Village, village_field
from .providers import ServiceProvider, provider_field

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
    "cycle_field",
    "provider_field",
    "village_field",
]
