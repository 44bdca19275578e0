"""django-storages settings for media in Amazon S3 or an S3-compatible store.

Kept free of Django imports so ``settings.py`` can call it. The result is a dict of
global ``AWS_*`` settings rather than ``STORAGES`` options on purpose: django-storages
reads these settings every time it builds an ``S3Storage``, and sorl-thumbnail (behind
Oscar's ``{% oscar_thumbnail %}``) builds its storage from the class path alone, with
no options. Both then talk to the same bucket through the same endpoint.
"""

from __future__ import annotations

from botocore.config import Config

#: Region used with a custom endpoint when none is given (what MinIO and most
#: S3-compatible stores expect for SigV4 signatures).
DEFAULT_COMPATIBLE_REGION = "us-east-1"


def s3_client_config(*, endpoint_url: str | None, addressing_style: str | None = None) -> Config:
    """The botocore client configuration for the store at ``endpoint_url``.

    django-storages ignores its own addressing-style and signature options when it is
    given a client config, so everything lives here. With a custom endpoint:
    path-style addressing (``http://host/bucket/key``; virtual hosts would need
    ``bucket.host`` to resolve) and checksums only where an operation requires them
    (boto3 ≥ 1.36 sends CRC checksums by default, which many non-AWS stores reject).
    """
    options: dict = {
        "signature_version": "s3v4",
        "s3": {"addressing_style": addressing_style or ("path" if endpoint_url else "auto")},
        "retries": {"mode": "standard", "max_attempts": 3},
    }
    if endpoint_url:
        options["request_checksum_calculation"] = "when_required"
        options["response_checksum_validation"] = "when_required"
    return Config(**options)


def s3_media_settings(
    *,
    bucket_name: str,
    endpoint_url: str | None = None,
    region_name: str | None = None,
    custom_domain: str | None = None,
    querystring_auth: bool = True,
    addressing_style: str | None = None,
) -> dict:
    """The ``AWS_*`` Django settings that put media in ``bucket_name``.

    Credentials are not set here: django-storages and boto3 read
    ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` from the environment (or use the
    machine's role when they are absent). Stored objects are never overwritten
    (originals get unique names, renditions names that change with their geometry),
    so browsers and CDNs may cache them for a year.
    """
    endpoint_url = endpoint_url or None
    if endpoint_url and not region_name:
        region_name = DEFAULT_COMPATIBLE_REGION
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket_name,
        "AWS_S3_ENDPOINT_URL": endpoint_url,
        "AWS_S3_REGION_NAME": region_name or None,
        "AWS_S3_CUSTOM_DOMAIN": custom_domain or None,
        "AWS_QUERYSTRING_AUTH": querystring_auth,
        "AWS_S3_FILE_OVERWRITE": False,
        "AWS_S3_OBJECT_PARAMETERS": {"CacheControl": "max-age=31536000, immutable"},
        "AWS_S3_CLIENT_CONFIG": s3_client_config(
            endpoint_url=endpoint_url, addressing_style=addressing_style
        ),
    }
