from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

admin.site.site_header = "Local Compacts — secretariat"
admin.site.site_title = "Local Compacts"

urlpatterns = [
    path("", include("localcompacts.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("localcompacts.accounts.urls")),
    path("governments/", include("localcompacts.governments.urls")),
    path("pledges/", include("localcompacts.pledges.urls")),
    path("forums/", include("localcompacts.forums.urls")),
    path("", include("localcompacts.explore.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
