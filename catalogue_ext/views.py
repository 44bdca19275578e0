"""The product page, with the piece's provenance."""

from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


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
