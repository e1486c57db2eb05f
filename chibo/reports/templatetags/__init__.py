"""Template tags and filters of the reports app (`{% load report_tags %}`)."""
