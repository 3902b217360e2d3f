from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, ServiceProvider


@register(ServiceProvider)
class ServiceProviderTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)
