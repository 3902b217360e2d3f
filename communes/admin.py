"""The secretariat's admin for places, providers, partners, cycles, CAFs and roles.

The gazetteer comes from `load_gazetteer`, so its pages are for looking things up:
nothing is added or deleted here, and only coordinates may be filled in by hand.
Foreign keys to places use autocompletion: a select of 14,578 villages would make
every form unusable.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, IntegerField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from communes import services
from communes.freshness import figures_changed, figures_rebuild
from isaf.admin import TypedTextAdmin
from isaf.khmer import normalise_for_search

from .models import (
    CAF,
    Commune,
    Coverage,
    Cycle,
    District,
    Organisation,
    Province,
    Role,
    ServiceProvider,
    Village,
)

PLACE_FIELDS = (
    "code",
    "name_km",
    "name_latin",
    "source",
    "source_version",
    "search_key",
)


class GazetteerAdmin(admin.ModelAdmin):
    """Read-mostly: rows come from the loader; search matches either script."""

    search_fields = ("=code", "name_km", "name_latin")
    readonly_fields = PLACE_FIELDS
    ordering = ("code",)
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_search_results(self, request, queryset, search_term):
        # Also compare on the normalised key, so that «កណ្តាល» finds «កណ្ដាល» and
        # a stray zero-width space or missing space does not hide a place.
        results, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        key = normalise_for_search(search_term)
        if key:
            results |= queryset.filter(search_key__contains=key)
        return results, may_have_duplicates


@admin.register(Province)
class ProvinceAdmin(GazetteerAdmin):
    list_display = ("code", "name_km", "name_latin", "iso3166_2", "source")
    readonly_fields = (*PLACE_FIELDS, "iso3166_2")


@admin.register(District)
class DistrictAdmin(GazetteerAdmin):
    list_display = ("code", "name_km", "name_latin", "kind", "province")
    list_filter = ("kind", "province")
    list_select_related = ("province",)
    readonly_fields = (*PLACE_FIELDS, "province", "kind")


@admin.register(Commune)
class CommuneAdmin(GazetteerAdmin):
    list_display = ("code", "name_km", "name_latin", "kind", "district", "province")
    list_filter = ("kind", "district__province")
    list_select_related = ("district__province",)
    readonly_fields = (*PLACE_FIELDS, "district", "kind")

    @admin.display(description=_("province"), ordering="district__province")
    def province(self, obj: Commune) -> Province:
        return obj.district.province


@admin.register(Village)
class VillageAdmin(GazetteerAdmin):
    list_display = ("code", "name_km", "name_latin", "commune", "district")
    list_filter = ("commune__district__province",)
    list_select_related = ("commune__district",)
    readonly_fields = (*PLACE_FIELDS, "commune")

    @admin.display(description=_("district"), ordering="commune__district")
    def district(self, obj: Village) -> District:
        return obj.commune.district


@admin.register(ServiceProvider)
class ServiceProviderAdmin(TypedTextAdmin, TranslationAdmin):
    list_display = ("code", "name", "kind", "commune", "is_demo")
    list_filter = ("kind", "is_demo", "commune__district__province")
    list_select_related = ("commune",)
    search_fields = ("=code", "name_km", "name_en", "commune__name_km")
    autocomplete_fields = ("commune", "communes_served")

    def save_related(self, request, form, formsets, change):
        # Which communes a provider stands in or serves decides where its work
        # counts: refresh the figures of the communes before and after the edit.
        before = form.instance.commune_codes() if change else set()
        if change and "commune" in form.changed_data:
            before.add(form.initial.get("commune"))
        super().save_related(request, form, formsets, change)
        figures_changed(communes=before, providers=[form.instance.pk])


class CoverageInline(admin.TabularInline):
    model = Coverage
    extra = 0
    autocomplete_fields = ("district",)


@admin.register(Organisation)
class OrganisationAdmin(TypedTextAdmin, TranslationAdmin):
    list_display = ("name", "acronym", "kind", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("name_km", "name_en", "acronym")
    inlines = (CoverageInline,)


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ("year", "starts_on", "ends_on")
    search_fields = ("=year",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A cycle's dates decide which meetings it counts: every figure kept
        # from the records is rebuilt once the edit commits.
        transaction.on_commit(figures_rebuild)


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ("organisation", "district", "province", "cycle")
    list_filter = ("cycle", "organisation", "district__province")
    list_select_related = ("organisation", "district__province", "cycle")
    search_fields = ("district__name_km", "district__name_latin", "=district__code")
    autocomplete_fields = ("organisation", "district")

    @admin.display(description=_("province"), ordering="district__province")
    def province(self, obj: Coverage) -> Province:
        return obj.district.province


class ModulesDoneFilter(admin.SimpleListFilter):
    """How far a CAF has got through the four training modules."""

    title = _("modules done")
    parameter_name = "modules_done"

    def lookups(self, request, model_admin):
        return [(str(n), str(n)) for n in range(5)]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        intro, i4c, csc, jaap = (
            Cast(F(field), IntegerField())
            for field in ("module_intro", "module_i4c", "module_csc", "module_jaap")
        )
        done = intro + i4c + csc + jaap
        return queryset.alias(modules_done=done).filter(modules_done=int(self.value()))


@admin.register(CAF)
class CAFAdmin(TypedTextAdmin, admin.ModelAdmin):
    list_display = (
        "name",
        "sex",
        "year_of_birth",
        "organisation",
        "village",
        "modules_done",
        "is_active",
        "is_demo",
    )
    list_filter = (
        "organisation",
        "sex",
        ModulesDoneFilter,
        "module_intro",
        "module_i4c",
        "module_csc",
        "module_jaap",
        "is_active",
        "is_demo",
    )
    list_select_related = ("organisation", "village")
    search_fields = ("name", "village__name_km", "village__name_latin")
    autocomplete_fields = ("village", "organisation")

    @admin.display(description=_("modules done"))
    def modules_done(self, obj: CAF) -> int:
        return sum([obj.module_intro, obj.module_i4c, obj.module_csc, obj.module_jaap])


class RoleForm(forms.ModelForm):
    """Applies the same rule as `role_assign`: a role names only its own place."""

    class Meta:
        model = Role
        fields = ("user", "kind", "commune", "organisation", "province")

    def clean(self):
        data = super().clean()
        if data.get("kind"):
            try:
                services.role_check(
                    kind=data["kind"],
                    commune=data.get("commune"),
                    organisation=data.get("organisation"),
                    province=data.get("province"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    form = RoleForm
    list_display = ("user", "kind", "commune", "organisation", "province")
    list_filter = ("kind", "organisation")
    list_select_related = ("user", "commune", "organisation", "province")
    search_fields = ("user__username", "commune__name_km", "commune__name_latin")
    autocomplete_fields = ("user", "commune", "organisation", "province")

    # Every change of a role or its scope goes into the audit trail.
    def save_model(self, request, obj, form, change):
        users = {obj.user}
        if change:
            users.add(Role.objects.get(pk=obj.pk).user)
        before = {user.pk: services.roles_of(user) for user in users}
        super().save_model(request, obj, form, change)
        for user in users:
            services.roles_audit(by=request.user, user=user, before=before[user.pk])

    def delete_model(self, request, obj):
        user = obj.user
        before = services.roles_of(user)
        super().delete_model(request, obj)
        services.roles_audit(by=request.user, user=user, before=before)

    def delete_queryset(self, request, queryset):
        for role in queryset:
            self.delete_model(request, role)


class RoleInline(admin.TabularInline):
    model = Role
    form = RoleForm
    extra = 0
    autocomplete_fields = ("commune", "organisation", "province")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(TypedTextAdmin, UserAdmin):
    """Django's user admin, with the user's I-SAF roles on the same page."""

    inlines = (*UserAdmin.inlines, RoleInline)
    list_filter = (*UserAdmin.list_filter, "isaf_roles__kind")
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_active",
        "last_login",
    )

    def save_formset(self, request, form, formset, change):
        """The roles edited on the user's page are audited like any other write."""
        if formset.model is not Role:
            return super().save_formset(request, form, formset, change)
        before = services.roles_of(form.instance)
        super().save_formset(request, form, formset, change)
        services.roles_audit(by=request.user, user=form.instance, before=before)

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()
