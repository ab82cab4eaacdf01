"""`sitemap.xml` (django.contrib.sitemaps): every public page, one section per kind of page.

The index sits at the site root (named in robots.txt); sections are paginated by Django at 50,000
addresses each. Every page is listed in each site language (`/en/…`, `/ar/…`), with its
alternates (`hreflang`) and an x-default, as the pages' own `<link rel="alternate">` say."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge


class LocalisedSitemap(Sitemap):
    """Each address once per site language, with `xhtml:link` alternates."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(LocalisedSitemap):
    """The fixed public pages, by URL name."""

    changefreq = "daily"
    names = (
        "explore:home",
        "explore:map",
        "explore:statistics",
        "pledges:catalogue",
        "governments:list",
        "forums:list",
        "publications:list",
        "declaration:page",
        "progress:overview",
        "publications:data-dictionary",
    )

    def items(self):
        return list(self.names)

    def location(self, name):
        return reverse(name)


class PledgeSitemap(LocalisedSitemap):
    changefreq = "weekly"

    def items(self):
        return Pledge.objects.public().only("pk", "title", "updated_at").order_by("pk")

    def lastmod(self, pledge):
        return pledge.updated_at


class GovernmentSitemap(LocalisedSitemap):
    changefreq = "weekly"

    def items(self):
        return LocalGovernment.objects.only("pk", "slug").order_by("pk")


class ForumSitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        return ReviewForum.objects.only("pk", "slug").order_by("start_date")


SITEMAPS = {
    "pages": PageSitemap,
    "pledges": PledgeSitemap,
    "governments": GovernmentSitemap,
    "forums": ForumSitemap,
}
