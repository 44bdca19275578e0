"""Database-backed browse, category and search pages (replacing Oscar's Haystack ones).

Same class names as Oscar's, so ``get_class("search.views", ...)`` in Oscar's
catalogue app picks these up. All three are one faceted list (``catalogue_ext.facets``):
the catalogue, the catalogue within a category, and the catalogue narrowed by text.
"""

from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from catalogue_ext.facets import (
    CatalogueFilters,
    Sort,
    catalogue_facets,
    category_roots,
    filtered_products,
)
from catalogue_ext.structure import category_label

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

MAX_PER_PAGE = 100


class BaseProductListView(ListView):
    context_object_name = "products"
    summary = ""
    category = None

    def get_paginate_by(self, queryset):
        return min(settings.OSCAR_PRODUCTS_PER_PAGE, MAX_PER_PAGE)

    # Where facet and sort links point ("" = this page).
    facet_base_url = ""

    def get_filters(self, request) -> CatalogueFilters:
        return CatalogueFilters.from_query(request.GET)

    def get(self, request, *args, **kwargs):
        self.filters = self.get_filters(request)
        self.roots = category_roots()
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("The given page number was invalid."))
            return redirect(request.path)

    def get_queryset(self):
        return filtered_products(self.filters, self.roots)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = self.summary
        context["query"] = self.filters.q
        context["filters"] = self.filters
        context["facet_base_url"] = self.facet_base_url
        context["facets"] = catalogue_facets(self.filters, self.roots)
        context["sort_options"] = [
            (value, label, value == self.filters.sort, self._sorted_querystring(value))
            for value, label in Sort.CHOICES
        ]
        context["clear_querystring"] = CatalogueFilters(
            q=self.filters.q, sort=self.filters.sort
        ).querystring()
        return context

    def _sorted_querystring(self, sort: str) -> str:
        return replace(self.filters, sort=sort).querystring()


class CatalogueView(BaseProductListView):
    template_name = "oscar/catalogue/browse.html"
    summary = _("All products")


class ProductCategoryView(BaseProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404()
        expected = self.category.get_absolute_url()
        if request.path != expected:
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_filters(self, request) -> CatalogueFilters:
        if self.category.is_root():
            # A top-level category page is the catalogue with that category chosen:
            # its facet links lead to the catalogue with the category in the URL.
            self.facet_base_url = reverse("catalogue:index")
            filters = CatalogueFilters.from_query(request.GET)
            if self.category.slug in filters.category:
                return filters
            return replace(filters, category=(*filters.category, self.category.slug))
        return CatalogueFilters.from_query(request.GET, within_category=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = category_label(self.category)
        return context


class FacetedSearchView(BaseProductListView):
    template_name = "oscar/search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _('Products matching "%(query)s"') % {"query": context["query"]}
        return context
