from django.urls import path

from . import views

app_name = "storefront"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sentra/", views.CentreListView.as_view(), name="centre-list"),
    path("sentra/<slug:slug>/", views.CentreDetailView.as_view(), name="centre-detail"),
    path("pengrajin/<slug:slug>/", views.ArtisanDetailView.as_view(), name="artisan-detail"),
]
