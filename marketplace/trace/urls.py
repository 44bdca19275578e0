from django.urls import path

from . import views

app_name = "trace"

urlpatterns = [
    path("t/", views.TraceLookupView.as_view(), name="lookup"),
    path("t/<str:code>/", views.TraceDetailView.as_view(), name="detail"),
    path("t/<str:code>.json", views.TraceRecordView.as_view(), name="json"),
    path("t/<str:code>/qr.svg", views.QrCodeView.as_view(kind="svg"), name="qr-svg"),
    path("t/<str:code>/qr.png", views.QrCodeView.as_view(kind="png"), name="qr-png"),
    path("trace/tags/", views.HangTagSelectView.as_view(), name="tags"),
    path("trace/tags/print/", views.HangTagSheetView.as_view(), name="tags-print"),
    path("trace/certificates/", views.CertificateListView.as_view(), name="certificates"),
    path(
        "trace/certificates/<int:pk>/verify/",
        views.CertificateVerifyView.as_view(),
        name="certificate-verify",
    ),
]
