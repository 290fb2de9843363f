"""The interview guide: the questions an evaluation interview follows, as data.

The pilot interviewed every participant individually and asked for a critical assessment
(the article, "Evaluation"). Each item has a stable key (the notes are stored under it)
and its wording in German and English; the notes page shows them in the reader's language.
"""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class GuideItem:
    key: str
    de: str
    en: str

    @property
    def text(self) -> str:
        return self.en if (get_language() or "de").startswith("en") else self.de


GUIDE: tuple[GuideItem, ...] = (
    GuideItem(
        "expectations",
        "Erwartungen: Haben sich Ihre Erwartungen an das Programm erfüllt? Was ja, was nicht?",
        "Expectations: were your expectations of the programme met? What was, what was not?",
    ),
    GuideItem(
        "tandem",
        "Das Tandem: Wie haben Sie die Zusammenarbeit, die Passung und die Treffen erlebt?",
        "The tandem: how did you experience the work together, the fit and the meetings?",
    ),
    GuideItem(
        "organisation",
        "Organisation des Programms: Auswahl, Matching, Schulung, Termine, Plattform",
        "Organisation of the programme: selection, matching, training, dates, platform",
    ),
    GuideItem(
        "critique",
        "Kritik: Was hat Sie gestört, was hat nicht funktioniert?",
        "Critique: what bothered you, what did not work?",
    ),
    GuideItem(
        "suggestions",
        "Vorschläge: Was sollte der nächste Durchlauf anders machen?",
        "Suggestions: what should the next round do differently?",
    ),
)
KEYS = tuple(item.key for item in GUIDE)


def guide_item(key: str) -> GuideItem | None:
    return next((item for item in GUIDE if item.key == key), None)
