from django.urls import path

from . import export_views, feeds, player_views, views
from .http_caching import public_feed

app_name = "interviews"

urlpatterns = [
    path("interviews/", views.interview_list, name="list"),
    path("interviews/<slug:slug>/", views.interview_detail, name="detail"),
    path("interviews/<slug:slug>/comments/", views.comment_create, name="comment_create"),
    path("interviews/<slug:slug>/comments/new/", views.comment_new, name="comment_new"),
    path(
        "interviews/<slug:slug>/comments/posted/<str:token>/",
        views.comment_posted,
        name="comment_posted",
    ),
    path("interviews/<slug:slug>/search/", views.interview_search, name="search_within"),
    # The reading page's video player asks for these (interviews/player_views.py).
    path(
        "interviews/<slug:slug>/subtitles.vtt",
        player_views.interview_subtitles,
        name="subtitles",
    ),
    path("people/", views.people_index, name="people_index"),
    path("topics/", views.topic_index, name="topic_index"),
    path("outlets/", views.outlet_index, name="outlet_index"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("years/<int:year>/", views.year_archive, name="year"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    # Feeds and exports (interviews/feeds.py, interviews/export_views.py); feeds answer
    # conditional GETs (interviews/http_caching.py).
    path("feeds/interviews/", public_feed(feeds.LatestInterviewsFeed()), name="feed"),
    path("topics/<slug:slug>/feed/", public_feed(feeds.TopicFeed()), name="topic_feed"),
    path("outlets/<slug:slug>/feed/", public_feed(feeds.OutletFeed()), name="outlet_feed"),
    path("people/<slug:slug>/feed/", public_feed(feeds.PersonFeed()), name="person_feed"),
    path("interviews.json", export_views.interview_list_json, name="list_json"),
    path(
        "interviews/<slug:slug>/export.md",
        export_views.interview_export,
        {"export_format": "md"},
        name="export_md",
    ),
    path(
        "interviews/<slug:slug>/export.txt",
        export_views.interview_export,
        {"export_format": "txt"},
        name="export_txt",
    ),
    path(
        "interviews/<slug:slug>/export.json",
        export_views.interview_export,
        {"export_format": "json"},
        name="export_json",
    ),
]
