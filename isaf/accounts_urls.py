"""Sign-in, sign-out, password change and the signed-in workspace."""

app_name = "accounts"
urlpatterns = []
