"""App config of `evaluation`: score sheets, checks, ratings and early warnings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Configuration of the evaluation app: connects the signals that keep warnings fresh and
    adds the rating lines to the minutes (meetings never imports evaluation)."""

    name = "chibo.evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        """Connect the signal receivers and register the minutes' rating lines."""
        from chibo.evaluation import signals  # noqa: F401  (connects receivers)
        from chibo.evaluation.documents.minutes_rating import rating_lines
        from chibo.meetings.documents.minutes import register_closing_lines

        register_closing_lines(rating_lines)
