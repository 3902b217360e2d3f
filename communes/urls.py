from django.urls import path, register_converter

from . import views


class _CodeConverter:
    """An official code of fixed length, in ASCII or Khmer digits.

    Khmer digits are accepted so that a code copied from a Khmer document finds its
    page; the view redirects to the ASCII address.
    """

    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


class ProvinceCode(_CodeConverter):
    regex = "[0-9០-៩]{2}"


class DistrictCode(_CodeConverter):
    regex = "[0-9០-៩]{4}"


class CommuneCode(_CodeConverter):
    regex = "[0-9០-៩]{6}"


register_converter(ProvinceCode, "province_code")
register_converter(DistrictCode, "district_code")
register_converter(CommuneCode, "commune_code")

app_name = "communes"
urlpatterns = [
    path("", views.finder, name="finder"),
    path("provinces/<province_code:code>/", views.province_detail, name="province"),
    path("districts/<district_code:code>/", views.district_detail, name="district"),
    # Printed on posters: keep it stable. The I4C board fills in this page.
    path("<commune_code:code>/", views.commune_detail, name="detail"),
]
