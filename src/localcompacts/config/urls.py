from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from localcompacts.explore import forum_urls as forum_pages
from localcompacts.forums import urls as forum_import

admin.site.site_header = "Local Compacts — secretariat"
admin.site.site_title = "Local Compacts"

urlpatterns = [
    path("", include("localcompacts.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/tokens/", include("localcompacts.api.token_urls")),
    path("accounts/", include("localcompacts.accounts.urls")),
    path("governments/", include("localcompacts.explore.government_urls")),
    path("pledges/", include("localcompacts.pledges.urls")),
    path("workspace/", include("localcompacts.pledges.workspace_urls")),
    # /forums/: the public pages (explore) and the import page (forums), one `forums:` namespace.
    path("forums/", include((forum_pages.urlpatterns + forum_import.urlpatterns, "forums"))),
    path("newsletter/", include("localcompacts.newsletter.urls")),
    path("declaration/", include("localcompacts.governments.declaration_urls")),
    path("workspace/", include("localcompacts.accounts.workspace_urls")),
    path("workspace/endorsements/", include("localcompacts.governments.workspace_urls")),
    path("workspace/", include("localcompacts.matching.urls")),
    path("", include("localcompacts.progress.urls")),
    path("publications/", include("localcompacts.publications.urls")),
    path("publications/", include("localcompacts.matching.public_urls")),
    path("", include("localcompacts.explore.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("localcompacts.api.urls")),
    path("", include("localcompacts.operations.urls")),
]
handler500 = "localcompacts.operations.views.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
