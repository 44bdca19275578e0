"""Ask for the second factor on the dashboards and admin, for users who turned it on."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .twofactor import has_second_factor


class SecondFactorMiddleware:
    """Redirect a signed-in, not yet verified user with a confirmed TOTP device to the
    code page before any path under ``OTP_ENFORCED_PATH_PREFIXES`` (logout excepted).
    Must come after django-otp's OTPMiddleware (which sets ``user.is_verified``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefixes = tuple(getattr(settings, "OTP_ENFORCED_PATH_PREFIXES", ()))
        path = request.path_info
        if (
            prefixes
            and path.startswith(prefixes)
            and not path.rstrip("/").endswith("logout")
            and request.user.is_authenticated
            and not request.user.is_verified()
            and has_second_factor(request.user)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:otp-verify')}?{query}")
        return self.get_response(request)
