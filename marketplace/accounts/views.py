"""Second-factor pages and the buyer's data pages (download, delete)."""

import json
from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.core.redirects import safe_next_url

from . import privacy, twofactor
from .forms import DeleteAccountForm, TokenForm


class TwoFactorSetupView(LoginRequiredMixin, FormView):
    """Turn the authenticator-app code on (scan, confirm) or off (confirm)."""

    template_name = "accounts/two_factor.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not twofactor.is_dashboard_user(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enabled = twofactor.has_second_factor(self.request.user)
        context["enabled"] = enabled
        if not enabled:
            device = twofactor.pending_device(self.request.user)
            context["qr_svg"] = twofactor.qr_svg(device)
            context["secret"] = _base32(device)
        return context

    def form_valid(self, form):
        user = self.request.user
        token = form.cleaned_data["token"]
        if twofactor.has_second_factor(user):
            if not twofactor.disable_second_factor(user=user, token=token):
                form.add_error("token", _("That code is not valid. Nothing was changed."))
                return self.form_invalid(form)
            messages.success(self.request, _("Two-factor sign-in is off."))
        else:
            if not twofactor.confirm_second_factor(user=user, token=token):
                form.add_error("token", _("That code is not valid. Nothing was changed."))
                return self.form_invalid(form)
            # The user has just proved the factor: this session counts as verified.
            otp_login(self.request, TOTPDevice.objects.get(user=user, confirmed=True))
            messages.success(self.request, _("Two-factor sign-in is on."))
        return redirect("accounts:two-factor")


def _base32(device) -> str:
    return b32encode(device.bin_key).decode("ascii")


class TwoFactorVerifyView(LoginRequiredMixin, FormView):
    """Ask for the code once per session before the dashboards and admin."""

    template_name = "accounts/two_factor_verify.html"
    form_class = TokenForm

    def next_url(self) -> str:
        return safe_next_url(self.request, reverse("dashboard:index"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.next_url()
        return context

    def form_valid(self, form):
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=True).first()
        if device is None:
            return redirect(self.next_url())
        if not device.verify_token(form.cleaned_data["token"].strip()):
            form.add_error("token", _("That code is not valid."))
            return self.form_invalid(form)
        otp_login(self.request, device)
        return redirect(self.next_url())


class MyDataView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/my_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("My data")
        context["delete_form"] = kwargs.get("delete_form") or DeleteAccountForm(
            user=self.request.user
        )
        return context


class DataExportView(LoginRequiredMixin, TemplateView):
    """The buyer's data as a JSON download."""

    def get(self, request, *args, **kwargs):
        data = privacy.personal_data(request.user)
        stamp = timezone.localdate().isoformat()
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
        response["Cache-Control"] = "no-store"
        return response


class DeleteAccountView(LoginRequiredMixin, FormView):
    """Erase the account after the password is entered again (replaces Oscar's page)."""

    template_name = "accounts/my_data.html"
    form_class = DeleteAccountForm

    def get(self, request, *args, **kwargs):
        return redirect("accounts:my-data")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "request": self.request}

    def form_invalid(self, form):
        return self.render_to_response(
            {"delete_form": form, "page_title": _("My data"), "view": self}, status=400
        )

    def form_valid(self, form):
        privacy.erase_account(user=self.request.user)
        logout(self.request)
        messages.success(
            self.request,
            _(
                "Your account is deleted and your personal data erased. Orders are kept "
                "for accounting without your name, e-mail or address."
            ),
        )
        return redirect("/")
