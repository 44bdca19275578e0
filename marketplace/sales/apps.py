from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "marketplace.sales"
    label = "sales"
    verbose_name = _("Sales and settlements")

    def ready(self):
        from marketplace.core import manager_tasks

        from . import receivers, task_hub

        receivers.connect()
        manager_tasks.register(task_hub.PayoutsDueTasks())
        manager_tasks.register(task_hub.StatementTasks())
