"""Request guards every app may use: client IP, rate limits, body-size limit, login
lockout (django-axes glue) and the Content-Security-Policy.

Ground floor: imports nothing of ours, so any app (trace, checkout, payments...) can
apply ``@rate_limit("rule")`` or read ``client_ip(request)``.
"""
