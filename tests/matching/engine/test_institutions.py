"""One institution identity: branch libraries belong to their house, institutes stay apart."""

import pytest

from tandem.matching.engine import normalise_institution
from tandem.programmes.services import normalise_name


@pytest.mark.parametrize(
    "a, b",
    [
        ("Fachbibliothek Medizin der Universität Nordstadt", "Universität Nordstadt"),
        ("Bereichsbibliothek Wirtschaftswissenschaften der Universität Nordstadt", "UB Nordstadt"),
        (
            "Bereichsbibliothek Wirtschaftswissenschaften, Universität Nordstadt",
            "University of Nordstadt",
        ),
        ("Campusbibliothek Ostheim der TH Donaustadt", "Technische Hochschule Donaustadt"),
        ("Hochschule Seefeld – Campusbibliothek Au", "Hochschulbibliothek Seefeld"),
        ("Universitätsbibliothek der TU Weiler", "Technische Universität Weiler"),
    ],
)
def test_same_house(a, b):
    assert normalise_institution(a) == normalise_institution(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Max-Planck-Institut für Chemie", "Max-Planck-Institut für Physik"),
        ("Hochschule Nordstadt", "Universität Nordstadt"),
        ("Bereichsbibliothek Wirtschaftswissenschaften", "Universität Nordstadt"),
    ],
)
def test_different_houses(a, b):
    assert normalise_institution(a) != normalise_institution(b)


def test_the_web_apps_lookup_uses_the_engines_normaliser():
    name = "Fachbibliothek Medizin der Universität Nordstadt"
    assert normalise_name(name) == normalise_institution(name)
