import oscar.apps.checkout.apps as oscar_apps
from django.contrib.auth.decorators import login_required
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(oscar_apps.CheckoutConfig):
    name = "marketplace.oscar_apps.checkout"

    # Our URLs that must work whatever OSCAR_ALLOW_ANON_CHECKOUT says.
    open_url_names = ("stripe-webhook", "set-currency")

    def ready(self):
        super().ready()
        from marketplace.core import manager_tasks

        from . import receivers
        from .task_hub import BankTransferTasks

        receivers.connect()
        manager_tasks.register(BankTransferTasks())
        self.card_payment_view = get_class("checkout.views", "CardPaymentView")
        self.card_confirm_view = get_class("checkout.views", "CardPaymentConfirmView")
        self.set_currency_view = get_class("checkout.views", "SetCurrencyView")
        self.bank_transfer_list_view = get_class("checkout.staff_views", "BankTransferListView")
        self.bank_transfer_confirm_view = get_class(
            "checkout.staff_views", "ConfirmBankTransferView"
        )

    def get_urls(self):
        from .webhooks import stripe_webhook

        urls = super().get_urls() + self.post_process_urls(
            [
                path("card/", self.card_payment_view.as_view(), name="card-pay"),
                path("card/confirm/", self.card_confirm_view.as_view(), name="card-confirm"),
                path("currency/", self.set_currency_view.as_view(), name="set-currency"),
                path("stripe/webhook/", stripe_webhook, name="stripe-webhook"),
                path(
                    "bank-transfers/",
                    self.bank_transfer_list_view.as_view(),
                    name="bank-transfers",
                ),
                path(
                    "bank-transfers/<str:order_number>/confirm/",
                    self.bank_transfer_confirm_view.as_view(),
                    name="bank-transfer-confirm",
                ),
            ]
        )
        return urls

    def get_url_decorator(self, pattern):
        if pattern.name in self.open_url_names:
            return None
        if pattern.name and pattern.name.startswith("bank-transfer"):
            return login_required
        return super().get_url_decorator(pattern)
