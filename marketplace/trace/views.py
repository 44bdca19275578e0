"""Trace pages, their JSON record and QR codes (public), and hang-tag sheets (by role)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from catalogue_ext.models import Certificate
from catalogue_ext.selectors import search_products
from catalogue_ext.services import verify_certificate
from marketplace.centres.roles import is_centre_manager, is_marketplace_admin
from marketplace.core.redirects import safe_next_url

from . import selectors
from .qr import qr_png, qr_svg, qr_svg_inline, trace_url
from .record import trace_record

TAGS_PER_PAGE = 8  # 2 × 4 tags on an A4 sheet
MAX_TAGS_PER_SHEET = 200
SELECTION_PAGE_SIZE = 50
QR_CACHE_SECONDS = 24 * 60 * 60


def _not_found(request, code: str = ""):
    return render(request, "trace/not_found.html", {"code": code}, status=404)


def _trace_urls(request, product) -> dict:
    code = product.trace_code
    images = list(product.images.all())
    return {
        "trace": trace_url(request, code),
        "json": trace_url(request, code, "trace:json"),
        "qr_svg": trace_url(request, code, "trace:qr-svg"),
        "qr_png": trace_url(request, code, "trace:qr-png"),
        "product": request.build_absolute_uri(product.get_absolute_url())
        if product.is_public
        else None,
        "image": request.build_absolute_uri(images[0].original.url) if images else None,
        "artisan": request.build_absolute_uri(product.artisan.get_absolute_url()),
        "centre": request.build_absolute_uri(product.centre.get_absolute_url()),
    }


class TraceLookupView(View):
    """``/t/?code=…``: type the code from a hang-tag, land on its trace page."""

    def get(self, request):
        code = request.GET.get("code", "").strip().upper().replace(" ", "")
        if not code:
            return render(request, "trace/lookup.html")
        if selectors.product_for_trace(code) is None:
            return _not_found(request, code)
        return redirect("trace:detail", code=code)


class TraceDetailView(View):
    def get(self, request, code):
        if code != code.upper():
            return redirect("trace:detail", code=code.upper(), permanent=True)
        product = selectors.product_for_trace(code)
        if product is None:
            return _not_found(request, code)
        return render(
            request,
            "trace/detail.html",
            {
                "product": product,
                "trace_url": trace_url(request, product.trace_code),
                "certificates": list(product.certificates.all()),
            },
        )


class TraceRecordView(View):
    """The trace page as JSON, for machines (see ``record.py`` for its shape)."""

    def get(self, request, code):
        product = selectors.product_for_trace(code)
        if product is None:
            return JsonResponse(
                {"error": "not_found", "message": _("No piece has this trace code."), "code": code},
                status=404,
            )
        response = JsonResponse(
            trace_record(product, urls=_trace_urls(request, product)),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
        # Public data, meant to be read by other sites and apps.
        response["Access-Control-Allow-Origin"] = "*"
        return response


class QrCodeView(View):
    kind = "svg"

    def get(self, request, code):
        product = selectors.traceable_products().filter(trace_code=code.upper()).only("pk")
        if not product.exists():
            return _not_found(request, code)
        url = trace_url(request, code.upper())
        if self.kind == "svg":
            response = HttpResponse(qr_svg(url, title=url), content_type="image/svg+xml")
        else:
            response = HttpResponse(qr_png(url), content_type="image/png")
        response["Cache-Control"] = f"public, max-age={QR_CACHE_SECONDS}"
        response["Content-Disposition"] = f'inline; filename="trace-{code.upper()}.{self.kind}"'
        return response


class HangTagRoleMixin(LoginRequiredMixin):
    """Only artisans, centre managers and administrators print hang-tags."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.can_print_tags(request.user):
            return render(request, "trace/tags_forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)


class HangTagSelectView(HangTagRoleMixin, TemplateView):
    """Choose the pieces to print tags for, among those the user may print."""

    template_name = "trace/tags_select.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        products = search_products(selectors.printable_products(self.request.user), query).order_by(
            "-date_created", "-pk"
        )
        page = Paginator(products, SELECTION_PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, products=page.object_list, query=query)
        context["tags_per_page"] = TAGS_PER_PAGE
        context["max_tags"] = MAX_TAGS_PER_SHEET
        return context


class HangTagSheetView(HangTagRoleMixin, View):
    """The printable A4 sheet for the chosen pieces (print stylesheet, 8 tags a page).

    Every requested piece must be one the user may print: one foreign or unknown id
    refuses the whole sheet, rather than silently printing fewer tags.
    """

    def get(self, request):
        raw_ids = request.GET.getlist("product")
        try:
            ids = list(dict.fromkeys(int(value) for value in raw_ids))
        except ValueError:
            ids = None
        if not ids:
            return render(
                request,
                "trace/tags_select_error.html",
                {"message": _("Choose at least one product.")},
                status=400,
            )
        if len(ids) > MAX_TAGS_PER_SHEET:
            return render(
                request,
                "trace/tags_select_error.html",
                {"message": _("At most %(max)d tags per sheet.") % {"max": MAX_TAGS_PER_SHEET}},
                status=400,
            )
        products = {
            product.pk: product
            for product in selectors.printable_products(request.user).filter(pk__in=ids)
        }
        if len(products) != len(ids):
            raise PermissionDenied(_("You may print tags only for your own pieces."))
        tags = []
        for pk in ids:
            product = products[pk]
            url = trace_url(request, product.trace_code)
            tags.append({"product": product, "url": url, "qr": qr_svg_inline(url)})
        pages = [tags[i : i + TAGS_PER_PAGE] for i in range(0, len(tags), TAGS_PER_PAGE)]
        return render(request, "trace/tags_sheet.html", {"pages": pages, "tag_count": len(tags)})


class CertificateReviewMixin(LoginRequiredMixin):
    """Centre managers and administrators review certificates; nobody else."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (is_marketplace_admin(user) or is_centre_manager(user)):
            raise PermissionDenied(
                _("Only centre managers and administrators verify certificates.")
            )
        return super().dispatch(request, *args, **kwargs)


class CertificateListView(CertificateReviewMixin, TemplateView):
    template_name = "trace/certificates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.certificates_to_review(self.request.user), 50).get_page(
            self.request.GET.get("page")
        )
        context.update(page_obj=page, certificates=page.object_list)
        return context


class CertificateVerifyView(CertificateReviewMixin, View):
    """Verify one certificate; back to ``next`` (the task hub, say) when the form names one."""

    def post(self, request, pk):
        certificate = get_object_or_404(Certificate, pk=pk)
        try:
            verify_certificate(certificate=certificate, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Certificate %(number)s verified.") % {"number": certificate.number}
            )
        return redirect(safe_next_url(request) or "trace:certificates")
