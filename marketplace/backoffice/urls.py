from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.TaskHubView.as_view(), name="tasks"),
]
