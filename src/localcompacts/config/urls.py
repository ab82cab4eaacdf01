"""The site's addresses.

Pages (public, account and workspace) live under a language prefix for every language, the
default one included (`/en/pledges/`, `/ar/pledges/`, `/zh-hans/pledges/`): a shared link opens
in the sender's language and search engines see each language. Machine and operator addresses
stay unprefixed: the API, the admin, `/healthz`, `/readyz`, `robots.txt`, the language switch
(`/i18n/setlang/`) and static files. An old unprefixed page address answers with a redirect to
the reader's language (LocaleMiddleware: cookie, then Accept-Language), keeping its query string.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from localcompacts.explore import forum_urls as forum_pages
from localcompacts.explore.sitemaps import SITEMAPS
from localcompacts.forums import urls as forum_import

admin.site.site_header = "Local Compacts — secretariat"
admin.site.site_title = "Local Compacts"

urlpatterns = [
    path("", include("localcompacts.core.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("localcompacts.api.urls")),
    # E-mail providers' bounce and complaint webhooks (no language prefix: machines call them).
    path("email/webhooks/", include("localcompacts.core.webhooks")),
    path("", include("localcompacts.operations.urls")),
    # sitemap.xml stays at the root (robots.txt names it), whatever prefixes pages gain.
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]
urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/tokens/", include("localcompacts.api.token_urls")),
    path("accounts/follows/", include("localcompacts.newsletter.follow_urls")),
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
    prefix_default_language=True,
)
handler500 = "localcompacts.operations.views.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
