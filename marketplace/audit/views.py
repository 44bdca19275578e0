"""The audit trail page: administrators see everything, managers their centres."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.views.generic import ListView

from marketplace.centres.roles import managed_centres

from .forms import AuditFilterForm
from .selectors import can_view_audit_trail, visible_events


class AuditEventListView(LoginRequiredMixin, ListView):
    template_name = "audit/event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_view_audit_trail(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.centres = list(managed_centres(self.request.user).only("pk", "name"))
        self.form = AuditFilterForm(self.request.GET or None, centres=self.centres)
        filters = self.form.cleaned_data if self.form.is_valid() else {}
        return visible_events(
            self.request.user,
            action=filters.get("action") or "",
            centre_id=filters.get("centre"),
            actor_id=filters.get("actor"),
            since=filters.get("since"),
            until=filters.get("until"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form or AuditFilterForm(centres=self.centres)
        return context
