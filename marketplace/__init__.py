"""The batik-centre marketplace: the Django project and our own domain apps.

Ground floor (who): ``core`` (vocabulary, money helpers), ``centres`` (centres and
artisans). Middle floor (what): the catalogue fork in ``catalogue_ext``. Top floor
(what happens to it): ``storefront``, ``demo`` and the Oscar forks in ``oscar_apps``.
Imports point down, never up or sideways into another app's internals.
"""
