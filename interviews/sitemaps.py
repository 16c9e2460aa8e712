"""The sitemap: every public page, and nothing that only a draft leads to.

/sitemap.xml is an index of the sections' pages (/sitemap-<section>.xml?p=N), each of at most
`Sitemap.limit` URLs, so that no response lists the whole archive.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from interviews.models import Interview, Outlet, Topic, public_people
from interviews.selectors import NEWEST_FIRST, IdsFirstSlicing

# URLs a sitemap page lists at most (the protocol allows 50,000): a page a worker writes in about
# a second at 100,000 interviews, where the whole list in one response took 30.
SITEMAP_PAGE_SIZE = 5000


class InterviewSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        # The public list's order, on its index: a page's ids come from the index alone.
        return IdsFirstSlicing(
            Interview.objects.published().only("slug", "updated_at").order_by(*NEWEST_FIRST)
        )

    def lastmod(self, interview):
        return interview.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, where Django's default reads every interview.
        return Interview.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return public_people()


def _published_with(**lookup):
    # An EXISTS stops at the first published interview, where a join and DISTINCT would read
    # every one of them.
    return Interview.objects.published().filter(**lookup)


class OutletSitemap(Sitemap):
    changefreq = "monthly"
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Outlet.objects.filter(Exists(_published_with(outlet=OuterRef("pk"))))


class TopicSitemap(Sitemap):
    changefreq = "monthly"
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Topic.objects.filter(Exists(_published_with(topics=OuterRef("pk"))))


class StaticPageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return [
            "home",
            "interviews:list",
            "interviews:people_index",
            "interviews:topic_index",
            "interviews:outlet_index",
        ]

    def location(self, url_name):
        return reverse(url_name)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "interviews": InterviewSitemap,
    "people": PersonSitemap,
    "outlets": OutletSitemap,
    "topics": TopicSitemap,
}
