"""Forms of a member's own pages: reporting on a task (an assignment given at a meeting).

Forms only validate and clean input; services.assignments.assignment_report writes and
checks the rules (done needs an outcome, no date in the future). A form that fails keeps
everything the user typed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from chibo.core.forms import BootstrapFormMixin, DateField
from chibo.meetings.models import Assignment, AssignmentStatus


class TaskReportForm(BootstrapFormMixin, forms.Form):
    """Progress and outcome of one assignment, with the version it was opened at.

    The status is three large radio buttons (rendered as Bootstrap toggle buttons by the
    template); the texts are optional here, the service refuses "done" without an outcome.
    """

    status = forms.ChoiceField(
        label=_("Progress"),
        choices=AssignmentStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the progress.")},
    )
    progress = forms.CharField(
        label=_("Progress report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What has been done so far, what is left."),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the task is done."),
    )
    done_on = DateField(
        label=_("Done on"),
        required=False,
        help_text=_("Day the task was finished; left empty: today."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        """As Form; the radio inputs get Bootstrap's `btn-check` class (not `form-control`)."""
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.attrs["class"] = "btn-check"

    def _mark_invalid(self):
        """Mark invalid fields as BootstrapFormMixin does, but keep the radios `btn-check`."""
        super()._mark_invalid()
        self.fields["status"].widget.attrs["class"] = "btn-check"

    @classmethod
    def for_assignment(cls, assignment: Assignment) -> "TaskReportForm":
        """An unbound form showing what is stored on `assignment`."""
        return cls(
            initial={
                "status": assignment.status,
                "progress": assignment.progress,
                "outcome": assignment.outcome,
                "done_on": assignment.done_on,
                "version": assignment.version,
            }
        )
