import oscar.apps.partner.apps as oscar_apps


class PartnerConfig(oscar_apps.PartnerConfig):
    name = "marketplace.oscar_apps.partner"
