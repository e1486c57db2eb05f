"""Views of party members."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from chibo.members.selectors import (
    member_get,
    member_status_on,
    member_timeline,
    member_with_records,
    today,
)
from chibo.org.selectors import unit_ancestors


@login_required
def member_detail(request, member_id):
    """A member: file details, status today and the history of statuses and cells."""
    member = member_with_records(member_get(actor=request.user, member_id=member_id))
    status = member_status_on(member, today())
    context = {
        "member": member,
        "status": status,
        "timeline": member_timeline(member),
        "ancestors": unit_ancestors(actor=request.user, unit=status.unit) if status.unit else [],
    }
    return render(request, "members/member_detail.html", context)
