from django.conf import settings
from django.urls import include, path

from examples.allauth_shop import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
]
if settings.TEST_MODE:
    from examples.allauth_shop import seams

    urlpatterns += seams.urlpatterns
