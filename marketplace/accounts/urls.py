from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("two-factor/", views.TwoFactorSetupView.as_view(), name="two-factor"),
    path("two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="otp-verify"),
    path("my-data/", views.MyDataView.as_view(), name="my-data"),
    path("my-data/download/", views.DataExportView.as_view(), name="data-export"),
    path("my-data/delete/", views.DeleteAccountView.as_view(), name="delete"),
]
