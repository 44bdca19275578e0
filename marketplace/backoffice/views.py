"""The manager task hub (one section per registered task provider), and the order
page where a manager refunds their centres' lines."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic
from django.views.generic import TemplateView

from marketplace.centres import roles
from marketplace.centres.access import ManagerRequiredMixin
from marketplace.core import manager_tasks

from . import orders, refunds
from .forms import OrderLookupForm, RefundForm


class TaskHubView(ManagerRequiredMixin, TemplateView):
    template_name = "backoffice/task_hub.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        centres = tuple(roles.managed_centres(user).order_by("name"))
        is_admin = roles.is_marketplace_admin(user)
        sections = []
        for provider in manager_tasks.providers():
            section = provider.section(user=user, centres=centres, is_admin=is_admin)
            if section is not None:
                sections.append({"provider": provider, "section": section})
        context.update(centres=centres, is_admin=is_admin, sections=sections)
        return context


class OrderLookupView(ManagerRequiredMixin, generic.View):
    """``?number=…``: open that order's page if it has a line of the user's centres."""

    def get(self, request):
        form = OrderLookupForm(request.GET)
        if form.is_valid():
            number = form.cleaned_data["number"].strip()
            order, _lines = orders.visible_order(request.user, number)
            if order is not None:
                return redirect("backoffice:order", number=order.number)
        messages.error(request, _("No order of your centres has that number."))
        return redirect("backoffice:tasks")


class OrderView(ManagerRequiredMixin, TemplateView):
    """An order's lines of the user's centres, each with a refund form."""

    template_name = "backoffice/order.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order, rows = orders.visible_order(self.request.user, kwargs["number"])
        if order is None:
            raise Http404
        context.update(
            order=order,
            rows=rows,
            method=refunds.payment_method(order),
            is_refundable=order.status in refunds.REFUNDABLE_STATUSES,
            # One key per page shown: sending the same form twice refunds once.
            request_key=uuid.uuid4().hex,
        )
        return context


class RefundLineView(ManagerRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, number, line_id):
        order, rows = orders.visible_order(request.user, number)
        if order is None or line_id not in {row.line.pk for row in rows}:
            raise Http404
        form = RefundForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
            return redirect("backoffice:order", number=number)
        data = form.cleaned_data
        try:
            result = refunds.refund_order_line(
                line_id=line_id,
                quantity=data["quantity"],
                user=request.user,
                request_key=data["request_key"],
                bank_reference=data["bank_reference"],
                restock=data["restock"],
            )
        except refunds.RefundRefused as refused:
            messages.error(request, str(refused))
        except PermissionDenied:
            raise Http404 from None
        else:
            if result.created:
                messages.success(
                    request,
                    _("Refunded %(quantity)d unit(s): %(amount)s %(currency)s.")
                    % {
                        "quantity": result.quantity,
                        "amount": result.amount,
                        "currency": result.currency,
                    },
                )
            else:
                messages.info(request, _("This refund was already recorded."))
        return redirect("backoffice:order", number=number)
