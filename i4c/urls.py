app_name = "i4c"
urlpatterns = []
