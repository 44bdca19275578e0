import oscar.apps.checkout.apps as oscar_apps


class CheckoutConfig(oscar_apps.CheckoutConfig):
    name = "marketplace.oscar_apps.checkout"
