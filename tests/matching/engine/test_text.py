"""Text fit: needs in other words, German and English, are recognised."""

import pytest

from tandem.matching.engine import DEFAULT_TAXONOMY, normalise_institution
from tandem.matching.engine.text import TextModel, normalise, tokens


@pytest.fixture(scope="module")
def model():
    return TextModel(DEFAULT_TAXONOMY)


def top_concept(model, text):
    concepts = model.concepts_of(text)
    return max(concepts, key=concepts.get) if concepts else None


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "We want to count how much our researchers publish open access.",
            "publication_monitoring",
        ),
        (
            "Ich möchte zählen, wie viel unsere Forschenden open access publizieren.",
            "publication_monitoring",
        ),
        ("Mein Schwerpunkt ist Publikationsmonitoring.", "publication_monitoring"),
        ("Wir müssen den OA-Anteil unserer Hochschule berichten.", "publication_monitoring"),
        ("Ich bin Einzelkämpferin in einer kleinen Bibliothek.", "small_library_allround"),
        ("Wir verhandeln mit Verlagen über Transformationsverträge.", "oa_agreements"),
        ("I maintain our DSpace repository.", "repository_publishing"),
        ("Ich berate Autor*innen zu Zitationszahlen.", "bibliometrics_consulting"),
    ],
)
def test_needs_in_other_words_are_recognised(model, text, topic):
    assert top_concept(model, text) == topic


def test_unrelated_text_has_no_concept(model):
    assert model.concepts_of("Ich koche gerne Nudeln und gehe wandern.") == {}


def test_normalisation_is_german_aware():
    assert normalise("Zählung für Forscher*innen") == "zaehlung fuer forscher"
    assert tokens("Die Kolleg:innen und AutorInnen der Universität") == [
        "kolleg",
        "autor",
        "universitaet",
    ]


def test_institution_spellings():
    assert normalise_institution("UB Göttingen") == normalise_institution(
        "Universitätsbibliothek Göttingen"
    )
    assert normalise_institution("University of Göttingen") == normalise_institution(
        "Universität Göttingen"
    )
    assert normalise_institution("Hochschule Hannover") != normalise_institution(
        "Universität Hannover"
    )
