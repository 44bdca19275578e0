"""The product page, with the piece's provenance, and the list of its reviews."""

from django.db.models import Exists, OuterRef
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_class, get_model

ListedReview = get_model("catalogue", "ListedReview")
Product = get_model("catalogue", "Product")
Vote = get_model("reviews", "Vote")
OscarProductReviewList = get_class("catalogue.reviews.views", "ProductReviewList")


class ProductDetailView(OscarProductDetailView):
    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        queryset = Product.objects.select_related(
            "artisan", "centre", "motif", "product_class"
        ).prefetch_related("makers__artisan", "certificates", "images", "stockrecords")
        return super().get_object(queryset=queryset)

    def get_template_names(self):
        # Our page extends Oscar's detail template and adds the provenance panel.
        return ["catalogue_ext/product_detail.html"]


class ProductReviewList(OscarProductReviewList):
    """A product's approved reviews, each read with its reviewer, its product and
    whether the signed-in viewer voted on it (Oscar's list read the first two one
    review at a time, and checked a possible vote with four queries per review)."""

    model = ListedReview

    def get_queryset(self):
        reviews = super().get_queryset().select_related("user", "product")
        user = self.request.user
        if user.is_authenticated:
            votes = Vote.objects.filter(review=OuterRef("pk"), user=user)
            reviews = reviews.annotate(viewer_has_voted=Exists(votes))
        return reviews
