"""The sitemap: every public page, and nothing that only a draft leads to."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from interviews.models import Interview, Outlet, Topic
from people.models import Person


class InterviewSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Interview.objects.published()
            .only("slug", "updated_at")
            .order_by("-published_on", "-id")
        )

    def lastmod(self, interview):
        return interview.updated_at


class PersonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.public()


class OutletSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Outlet.objects.filter(interviews__status=Interview.Status.PUBLISHED).distinct()


class TopicSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Topic.objects.filter(interviews__status=Interview.Status.PUBLISHED).distinct()


class StaticPageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["home", "interviews:list"]

    def location(self, url_name):
        return reverse(url_name)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "interviews": InterviewSitemap,
    "people": PersonSitemap,
    "outlets": OutletSitemap,
    "topics": TopicSitemap,
}
