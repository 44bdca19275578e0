from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.TaskHubView.as_view(), name="tasks"),
    path("orders/", views.OrderLookupView.as_view(), name="order-lookup"),
    path("orders/<str:number>/", views.OrderView.as_view(), name="order"),
    path(
        "orders/<str:number>/lines/<int:line_id>/refund/",
        views.RefundLineView.as_view(),
        name="refund-line",
    ),
]
