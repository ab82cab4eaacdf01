"""`sitemap.xml` (django.contrib.sitemaps): every public page, one section per kind of page.

The index sits at the site root (named in robots.txt); sections are paginated by Django at 50,000
addresses each, so half a million pledges make ten pages of the pledge section."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge


class PageSitemap(Sitemap):
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


class PledgeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Pledge.objects.public().only("pk", "title", "updated_at").order_by("pk")

    def lastmod(self, pledge):
        return pledge.updated_at


class GovernmentSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return LocalGovernment.objects.only("pk", "slug").order_by("pk")


class ForumSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ReviewForum.objects.only("pk", "slug").order_by("start_date")


SITEMAPS = {
    "pages": PageSitemap,
    "pledges": PledgeSitemap,
    "governments": GovernmentSitemap,
    "forums": ForumSitemap,
}
