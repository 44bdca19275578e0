"""Images people upload, and the sizes the shop shows them at.

Ground floor: imports nothing of ours. It owns

- ``images``: the upload check (only real JPEG, PNG and WebP, within byte and pixel
  limits) and the cleaning that turns the photo upright and drops its metadata (EXIF,
  GPS, XMP) before it is stored;
- ``fields``: a model field and a form field that apply both to every upload path
  (Oscar's dashboard, the admin, the ORM);
- ``renditions``: the small and medium copies (with WebP twins) made once, by the
  ``tasks.make_renditions`` task queued at upload, under names the templates compute
  without touching storage or the database;
- ``s3``: the django-storages settings for S3 and S3-compatible stores.
"""
