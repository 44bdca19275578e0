"""The manager task hub: one section per registered task provider."""

from django.views.generic import TemplateView

from marketplace.centres import roles
from marketplace.centres.access import ManagerRequiredMixin
from marketplace.core import manager_tasks


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
