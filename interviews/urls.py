from django.urls import path

from . import views

app_name = "interviews"

urlpatterns = [
    path("interviews/", views.interview_list, name="list"),
    path("interviews/<slug:slug>/", views.interview_detail, name="detail"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
]
