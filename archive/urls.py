from django.contrib import admin
from django.urls import path

from archive import views

urlpatterns = [
    path("", views.Home.as_view(), name="home"),
    path("search/", views.StatementSearch.as_view(), name="search"),
    path("verify/", views.StatementVerify.as_view(), name="verify"),
    # A statement's permalink: the key identifies it, the slug is for people and is corrected by a redirect.
    path("s/<str:key>/", views.StatementDetail.as_view(), name="statement_short"),
    path("s/<str:key>/<str:slug>/", views.StatementDetail.as_view(), name="statement_detail"),
    path("documents/<int:pk>/", views.DocumentDetail.as_view(), name="document_detail"),
    path("speakers/", views.SpeakerList.as_view(), name="speaker_list"),
    path("speakers/<slug:slug>/", views.SpeakerDetail.as_view(), name="speaker_detail"),
    path("topics/", views.TopicList.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetail.as_view(), name="topic_detail"),
    path("admin/", admin.site.urls),
]
