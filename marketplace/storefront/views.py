"""Home page, centre directory, centre and artisan pages."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from marketplace.core.choices import PROVINCES

from . import selectors

HOME_PRODUCT_COUNT = 8
CENTRE_PRODUCT_COUNT = 24
ARTISAN_PRODUCT_COUNT = 48


class HomeView(TemplateView):
    template_name = "storefront/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = list(
            selectors.browsable_products().order_by("-date_created", "-pk")[:HOME_PRODUCT_COUNT]
        )
        context["centres"] = list(selectors.centres_with_counts())
        return context


class CentreListView(ListView):
    """The centre directory, optionally narrowed to one province (``?province=``)."""

    template_name = "storefront/centre_list.html"
    context_object_name = "centres"
    paginate_by = 30

    def get_queryset(self):
        province = self.request.GET.get("province", "")
        self.province = province if province in PROVINCES else ""
        return selectors.centres_with_counts(self.province)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["province"] = self.province
        context["provinces"] = selectors.centre_provinces()
        return context


class CentreDetailView(DetailView):
    template_name = "storefront/centre_detail.html"
    context_object_name = "centre"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.centres_with_counts(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["artisans"] = list(selectors.centre_artisans(self.object))
        context["motifs"] = list(selectors.centre_motifs(self.object))
        context["technique_counts"] = selectors.centre_technique_counts(self.object)
        context["products"] = list(selectors.products_of_centre(self.object)[:CENTRE_PRODUCT_COUNT])
        return context


class ArtisanDetailView(DetailView):
    template_name = "storefront/artisan_detail.html"
    context_object_name = "artisan"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.artisan_with_counts(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["certificates"] = selectors.artisan_certificates(self.object)
        context["products"] = list(
            selectors.products_of_artisan(self.object)[:ARTISAN_PRODUCT_COUNT]
        )
        return context
