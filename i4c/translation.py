from modeltranslation.translator import TranslationOptions, register

from .models import NationalStandard


@register(NationalStandard)
class NationalStandardTranslation(TranslationOptions):
    fields = ("name",)
