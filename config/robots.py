"""/robots.txt: what crawlers may read, and where the sitemap is."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    """Crawlers may read every public page; the admin is not for them. The sitemap lists pages."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
