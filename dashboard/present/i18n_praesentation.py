"""Empty on purpose: the presentation texts live in dashboard/locales/*/praesentation.yaml.

Kept only because reports/slides.py still imports it; delete it together with that import.
"""
