"""Audit events recorded from Django's model signals, wherever the change comes from
(Oscar's dashboard, Django admin, a service, the shell).

Only ``save()`` and the m2m managers send signals: ``QuerySet.update`` and
``bulk_update`` bypass them, so code changing prices or roles in bulk must call
``record_audit_event`` itself.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from marketplace.centres.models import Artisan, Centre

from .models import AuditEvent
from .services import record_audit_event

User = get_user_model()
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

Action = AuditEvent.Action


def centre_id_of_partner(partner_id) -> int | None:
    return Artisan.objects.filter(partner_id=partner_id).values_list("centre_id", flat=True).first()


def _touches(update_fields, names) -> bool:
    return update_fields is None or bool(set(update_fields) & set(names))


# --- Prices on stock records -------------------------------------------------------


@receiver(pre_save, sender=StockRecord, dispatch_uid="audit_stockrecord_pre_save")
def remember_old_price(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._audit_old_price = None
    if raw or instance.pk is None or not _touches(update_fields, ["price", "price_currency"]):
        return
    instance._audit_old_price = (
        sender.objects.filter(pk=instance.pk).values("price", "price_currency").first()
    )


@receiver(post_save, sender=StockRecord, dispatch_uid="audit_stockrecord_post_save")
def record_price_change(sender, instance, created, raw=False, **kwargs):
    old = getattr(instance, "_audit_old_price", None)
    instance._audit_old_price = None
    if raw or created or old is None:
        return
    new = {"price": instance.price, "price_currency": instance.price_currency}
    if old["price"] == new["price"] and old["price_currency"] == new["price_currency"]:
        return
    record_audit_event(
        action=Action.PRICE_CHANGED,
        target=instance,
        before=old,
        after=new,
        centre=centre_id_of_partner(instance.partner_id),
    )


# --- Staff and superuser flags ------------------------------------------------------

_FLAGS = ("is_staff", "is_superuser")


@receiver(pre_save, sender=User, dispatch_uid="audit_user_flags_pre_save")
def remember_user_flags(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._audit_old_flags = None
    if raw or instance.pk is None or not _touches(update_fields, _FLAGS):
        return
    instance._audit_old_flags = sender.objects.filter(pk=instance.pk).values(*_FLAGS).first()


@receiver(post_save, sender=User, dispatch_uid="audit_user_flags_post_save")
def record_user_flags(sender, instance, created, raw=False, **kwargs):
    old = getattr(instance, "_audit_old_flags", None)
    instance._audit_old_flags = None
    if raw:
        return
    new = {flag: getattr(instance, flag) for flag in _FLAGS}
    if created:
        if any(new.values()):  # a new staff account is a role grant too
            record_audit_event(
                action=Action.STAFF_STATUS_CHANGED, target=instance, before=None, after=new
            )
        return
    if old is not None and old != new:
        record_audit_event(
            action=Action.STAFF_STATUS_CHANGED, target=instance, before=old, after=new
        )


# --- Many-to-many role links --------------------------------------------------------


class M2MRule:
    """How to label one m2m relation's members and which centre an owner belongs to."""

    def __init__(self, *, owner_model, field, action, label, centre_of=lambda owner: None):
        self.owner_model = owner_model
        self.field = field
        self.action = action
        self.label = label  # queryset of members -> sorted list of labels
        self.centre_of = centre_of

    def members(self, owner) -> list:
        return self.label(getattr(owner, self.field).all())


def _names(qs):
    return sorted(qs.values_list("name", flat=True))


def _perm_codes(qs):
    return sorted(
        f"{app}.{code}" for app, code in qs.values_list("content_type__app_label", "codename")
    )


def _user_ids(qs):
    return sorted(f"user #{pk}" for pk in qs.values_list("pk", flat=True))


M2M_RULES = {
    User.groups.through: M2MRule(
        owner_model=User, field="groups", action=Action.GROUPS_CHANGED, label=_names
    ),
    User.user_permissions.through: M2MRule(
        owner_model=User,
        field="user_permissions",
        action=Action.PERMISSIONS_CHANGED,
        label=_perm_codes,
    ),
    Group.permissions.through: M2MRule(
        owner_model=Group,
        field="permissions",
        action=Action.GROUP_PERMISSIONS_CHANGED,
        label=_perm_codes,
    ),
    Centre.managers.through: M2MRule(
        owner_model=Centre,
        field="managers",
        action=Action.CENTRE_MANAGERS_CHANGED,
        label=_user_ids,
        centre_of=lambda centre: centre.pk,
    ),
    Partner.users.through: M2MRule(
        owner_model=Partner,
        field="users",
        action=Action.PARTNER_USERS_CHANGED,
        label=_user_ids,
        centre_of=lambda partner: centre_id_of_partner(partner.pk),
    ),
}


def _owners(rule: M2MRule, instance, reverse: bool, pk_set, action: str) -> list:
    """The records whose relation changes: the instance, or (reverse side) the owners."""
    if not reverse:
        return [instance]
    if action == "pre_clear":
        # e.g. group.user_set.clear(): every user currently in the group.
        return list(rule.owner_model._default_manager.filter(**{rule.field: instance}))
    return list(rule.owner_model._default_manager.filter(pk__in=pk_set or ()))


@receiver(m2m_changed, dispatch_uid="audit_role_m2m_changed")
def record_role_links(sender, instance, action, reverse, pk_set, **kwargs):
    rule = M2M_RULES.get(sender)
    if rule is None or action not in {
        "pre_add",
        "pre_remove",
        "pre_clear",
        "post_add",
        "post_remove",
        "post_clear",
    }:
        return
    stash = instance.__dict__.setdefault("_audit_m2m_before", {})
    if action.startswith("pre_"):
        owners = _owners(rule, instance, reverse, pk_set, action)
        stash[sender] = [(owner, rule.members(owner)) for owner in owners]
        return
    for owner, before in stash.pop(sender, []):
        after = rule.members(owner)
        if before != after:
            record_audit_event(
                action=rule.action,
                target=owner,
                before={rule.field: before},
                after={rule.field: after},
                centre=rule.centre_of(owner),
            )
