from modeltranslation.translator import TranslationOptions, register

from .models import LibraryIndicator


@register(LibraryIndicator)
class LibraryIndicatorTranslation(TranslationOptions):
    fields = ("name",)
