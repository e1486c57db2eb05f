"""App config of `evaluation`: score sheets, checks, ratings and early warnings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Configuration of the evaluation app; connects the signals that keep warnings fresh."""

    name = "chibo.evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from chibo.evaluation import signals  # noqa: F401  (connects receivers)
