from modeltranslation.translator import TranslationOptions, register

from .models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
    # The page shows both titles, one under the other, so both are asked for.
    required_languages = ("km", "en")
