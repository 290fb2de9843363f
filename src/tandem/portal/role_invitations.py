"""A role invitation answered from the dashboard, without the mail's link.

Only the hash of the link's token is stored, so the dashboard links here: the invitation
must be open and sent to one of the person's verified addresses, else 404 (nothing about
other invitations is shown).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.cache import never_cache

from tandem.programmes.invitations import open_invitations_for_person
from tandem.public.role_invitation import answer_page


@never_cache
@login_required
def role_invitation(request, org, programme, round, role_invitation):
    kwargs = {"org": org, "programme": programme, "round": round}
    invitation = next(
        (
            found
            for found in open_invitations_for_person(request.user)
            if found.pk == role_invitation and found.round.url_kwargs == kwargs
        ),
        None,
    )
    if invitation is None:
        raise Http404
    return answer_page(request, invitation, links={})
