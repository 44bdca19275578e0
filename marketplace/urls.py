"""URL map: our storefront pages first, then Oscar's shop, admin and i18n."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from catalogue_ext.views import ProductReviewList
from marketplace.accounts import list_views, order_views
from marketplace.storefront import offer_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("marketplace.storefront.urls")),
    # Before Oscar's accounts URLs: its profile deletion would drop the user but keep
    # their name and address on every order; ours erases them (UU 27/2022).
    path(
        "accounts/profile/delete/",
        RedirectView.as_view(pattern_name="accounts:my-data", permanent=False),
    ),
    path("accounts/", include("marketplace.accounts.urls")),
    # Oscar's order history, order page and guest order page on their own paths (names
    # stay customer:order-list / customer:order / customer:anon-order), reading their
    # lines in bulk.
    path("accounts/orders/", login_required(order_views.OrderHistoryView.as_view())),
    path(
        "accounts/orders/<str:order_number>/",
        login_required(order_views.OrderDetailView.as_view()),
    ),
    # A line's re-order form posts here; a GET goes to the order (Oscar's had no page).
    path(
        "accounts/orders/<str:order_number>/<int:line_id>/",
        login_required(order_views.OrderLineView.as_view()),
    ),
    re_path(
        r"^accounts/order-status/(?P<order_number>[\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$",
        order_views.AnonymousOrderDetailView.as_view(),
    ),
    # Oscar's address book and wish lists on their own paths (names stay
    # customer:address-list, customer:wishlists-list, customer:wishlists-detail and
    # wishlists:detail), reading their rows in bulk. A wish list's key is never
    # "create" (Oscar's path for a new list comes first there too).
    path("accounts/addresses/", login_required(list_views.AddressListView.as_view())),
    path("accounts/wishlists/", login_required(list_views.WishListListView.as_view())),
    re_path(
        r"^accounts/wishlists/(?!create/$)(?P<key>[^/]+)/$",
        list_views.WishListDetailView.as_view(),
    ),
    path("wishlists/<str:key>/", list_views.SharedWishListView.as_view()),
    # Oscar's list of a product's reviews on its own path (name stays
    # catalogue:reviews-list), reading each review's reviewer and product with it.
    re_path(
        r"^catalogue/(?P<product_slug>[\w-]*)_(?P<product_pk>\d+)/reviews/$",
        ProductReviewList.as_view(),
    ),
    # Oscar's range and offer pages on their own paths (names stay catalogue:range,
    # offer:list and offer:detail), reading their products with what each card shows.
    re_path(r"^catalogue/ranges/(?P<slug>[\w-]+)/$", offer_views.RangeDetailView.as_view()),
    path("offers/", offer_views.OfferListView.as_view()),
    re_path(r"^offers/(?P<slug>[\w-]+)/$", offer_views.OfferDetailView.as_view()),
    path("dashboard/audit/", include("marketplace.audit.urls")),
    path("manage/", include("marketplace.sales.urls")),
    path("manage/", include("marketplace.backoffice.urls")),
    path("", include("marketplace.trace.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
