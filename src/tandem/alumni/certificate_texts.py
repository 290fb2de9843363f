"""The certificate's own words as a programme text, kept and edited like the mail texts.

The subject is the certificate's title, the body says what the person did in the round.
Coordinators adapt both per programme or round (a programme that is not about libraries
words it its own way); the PDF adds the frame that is the same for every programme: the
name, the meetings held, the trainings attended, that the tandem's content is
confidential, the issuer and the verification link (``wording.FRAME``).
"""

from django.utils.translation import gettext_lazy as _

CERTIFICATE = "certificate"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    CERTIFICATE: {
        "de": (
            "Teilnahmebescheinigung",
            "{% if is_mentor %}im Durchlauf „{{ round }}“ des Mentoring-Programms "
            "„{{ programme }}“ vom {{ start }} bis {{ end }} als Mentor*in mitgewirkt und "
            "eine*n Mentee aus einer anderen Einrichtung im Peer-to-Peer-Mentoring zu einem "
            "gemeinsamen Arbeitsthema begleitet hat.{% else %}im Durchlauf „{{ round }}“ des "
            "Mentoring-Programms „{{ programme }}“ vom {{ start }} bis {{ end }} als Mentee "
            "teilgenommen und im Tandem mit einer*einem erfahrenen Mentor*in aus einer "
            "anderen Einrichtung an einem gemeinsamen Arbeitsthema gearbeitet hat.{% endif %}\n",
        ),
        "en": (
            "Certificate of participation",
            "{% if is_mentor %}took part as a mentor in the round “{{ round }}” of the "
            "mentoring programme “{{ programme }}” from {{ start }} to {{ end }}, "
            "accompanying a mentee from another institution in peer-to-peer mentoring on a "
            "shared working topic.{% else %}took part as a mentee in the round “{{ round }}” "
            "of the mentoring programme “{{ programme }}” from {{ start }} to {{ end }}, "
            "working in a tandem with an experienced mentor from another institution on a "
            "shared working topic.{% endif %}\n",
        ),
    },
}

PURPOSES = {
    CERTIFICATE: (
        _("Certificate of participation (PDF)"),
        _(
            "Printed: the subject is the certificate's title, the text follows the holder's "
            "name (“This is to certify that … ”) and says what they did in the round. The "
            "meetings held, the trainings attended, the note that the tandem's content is "
            "confidential and the verification link are added by the platform."
        ),
    ),
}
