"""What coordinators mean, on small rounds of our own: the text wins, negation, needs in
other words, favoured applicants, an honest "nobody fits", vague applications, ties."""

from __future__ import annotations

import csv

from tandem.matching.engine import (
    NEED_NOT_OFFERED,
    Mentee,
    Mentor,
    Rules,
    compute_fit,
    explain,
    solve,
)
from tandem.matching.engine.cli import main
from tandem.matching.engine.csvio import parse_flag
from tandem.matching.engine.needs import is_limit, is_refusal, split_negated, vagueness

SCRIPTS = Mentor(
    "scripts",
    "Uni Ost",
    topics={"tools_programming": 3},
    profile="Ich schreibe Skripte in Python und R, automatisiere Datenabfragen über APIs und "
    "baue Dashboards für unsere Auswertungen.",
)
FUNDS = Mentor(
    "funds",
    "Uni West",
    topics={"publication_funds": 3},
    profile="Ich leite seit Jahren den Publikationsfonds: Förderrichtlinien, Rechnungen für "
    "Artikelgebühren, Kostenplanung und Abstimmung mit der Haushaltsabteilung.",
)
JOURNALS = Mentor(
    "journals",
    "Uni Nord",
    topics={"diamond_oa": 3},
    profile="Ich betreue unsere Plattform für Open-Access-Zeitschriften, die weder von "
    "Autorinnen noch von Lesenden Gebühren verlangen, mit Open Journal Systems.",
)


def best_for(mentee, mentors):
    fit = compute_fit([mentee], mentors)
    return fit.mentor_ids[int(fit.total[0].argmax())], fit


def test_the_text_wins_over_a_ticked_topic_it_refuses():
    mentee = Mentee(
        "e",
        "Uni Süd",
        topics=("tools_programming", "publication_funds"),
        expectations="Ich möchte nicht programmieren. Ich soll den Publikationsfonds unserer "
        "Hochschule neu aufstellen: Förderrichtlinien und Rechnungen für Artikelgebühren.",
    )
    best, _ = best_for(mentee, [SCRIPTS, FUNDS])
    assert best == "funds"


def test_a_need_described_without_the_topics_words_is_found():
    mentee = Mentee(
        "e",
        "Uni Süd",
        topics=("publication_funds",),
        expectations="Wir wollen eine Zeitschrift ohne Autorengebühren gründen und suchen "
        "jemanden, der schon Zeitschriften auf einer eigenen Plattform betreut.",
    )
    best, _ = best_for(mentee, [FUNDS, JOURNALS])
    assert best == "journals"


def test_negation_cuts_refusals_and_limits_but_not_described_needs():
    assert is_refusal("Ich möchte nicht programmieren")
    assert is_refusal("I don't want to write code myself")
    assert not is_refusal("Ich habe keine Programmiererfahrung")  # a need, not a refusal
    assert is_limit("Programmieren gehört nicht zu meinen Aufgaben.")
    assert is_limit("Für Schnittstellen bin ich der falsche Ansprechpartner.")
    assert not is_limit("Zeitschriften, die weder von Autorinnen noch von Lesenden Geld verlangen")
    kept, limit = split_negated(
        "Ich berate zu Verträgen. Rechtsberatung kann ich nicht leisten, aber Praxiswissen "
        "weitergeben.",
        mentor=True,
    )
    assert "Rechtsberatung" in limit and "Praxiswissen" in kept


def test_a_favoured_applicant_is_placed_when_a_fitting_mentor_can_be_kept_free():
    strong = Mentee("strong", "Uni A", topics=("publication_funds",), expectations=FUNDS.profile)
    favoured = Mentee(
        "fav",
        "Uni B",
        topics=("publication_funds",),
        favoured=True,
        expectations="Wir richten einen kleinen Fonds für Artikelgebühren ein.",
    )
    fit = compute_fit([strong, favoured], [FUNDS])
    assert fit.total[0, 0] > fit.total[1, 0]
    assert solve(fit, Rules(min_fit=0.05)).mentor_of() == {"fav": "funds"}


def test_priority_flags_as_coordinators_write_them():
    for text in ("1", "yes", "x", "X", "ja", "true", "Yes "):
        assert parse_flag(text) is True
    for text in ("", "0", "no", "nein", "false"):
        assert parse_flag(text) is False
    assert parse_flag("maybe") is None


LEGAL = Mentee(
    "legal",
    "Uni C",
    topics=("oa_agreements",),
    expectations="Ich muss den Lizenzvertrag europaweit ausschreiben und brauche Hilfe bei "
    "Rechtsfragen: Haftung, Gerichtsstand und das Vergabeverfahren.",
    projects="EU-weite Ausschreibung im Frühjahr.",
)


def test_nobody_fits_is_said_honestly_in_the_applicants_words():
    other = Mentee("other", "Uni D", topics=("publication_funds",), expectations=FUNDS.profile)
    fit = compute_fit([LEGAL, other], [FUNDS])
    result = solve(fit, Rules(min_fit=0.05))
    assert result.mentor_of() == {"other": "funds"}
    (left,) = result.unmatched
    assert left.reason == NEED_NOT_OFFERED
    assert "Vergabeverfahren" in left.params["need"] or "Rechtsfragen" in left.params["need"]
    assert "higher fit" not in left.detail


def test_nobody_fits_but_places_remain_placed_with_a_low_fit_flag():
    fit = compute_fit([LEGAL], [FUNDS])
    result = solve(fit, Rules(min_fit=0.0))
    (ex,) = explain(fit, result, Rules(min_fit=0.0))
    assert ex.mentor_id == "funds" and ex.low_fit and ex.params["kind"] == "need"


def test_a_mentor_who_offers_the_outside_need_serves_it():
    lawyer = Mentor(
        "lawyer",
        "Uni E",
        profile="Ich begleite Vergabeverfahren und "
        "Ausschreibungen von Lizenzverträgen und kenne die Rechtsfragen dazu.",
    )
    fit = compute_fit([LEGAL], [FUNDS, lawyer])
    assert not fit.unserved
    assert fit.mentor_ids[int(fit.total[0].argmax())] == "lawyer"


def test_vague_applications_rank_below_concrete_ones():
    text = "Ich interessiere mich für Publikationsfonds und Artikelgebühren."
    concrete = Mentee(
        "concrete",
        "Uni F",
        topics=("publication_funds",),
        expectations=text,
        projects="Bis zum Sommer richten wir einen Fonds ein.",
    )
    vague = Mentee(
        "vague",
        "Uni G",
        topics=("publication_funds",),
        expectations=text + " Ich möchte Kontakte knüpfen und Einblicke gewinnen.",
        projects="Noch nicht festgelegt.",
    )
    assert vagueness(vague.expectations + vague.projects) >= 2
    fit = compute_fit([concrete, vague], [FUNDS])
    assert fit.total[1, 0] < fit.total[0, 0]
    assert solve(fit, Rules(min_fit=0.05)).mentor_of() == {"concrete": "funds"}


def test_preferences_break_ties_but_never_override_fit():
    twin = Mentor("twin", "Uni H", topics=FUNDS.topics, profile=FUNDS.profile)
    need = "Ich soll den Publikationsfonds neu aufstellen: Förderrichtlinien und Rechnungen."
    tie = Mentee(
        "e", "Uni I", topics=("publication_funds",), expectations=need, preferred_mentors=("twin",)
    )
    best, _ = best_for(tie, [FUNDS, twin])
    assert best == "twin"
    wrong = Mentee(
        "e",
        "Uni I",
        topics=("publication_funds",),
        expectations=need,
        preferred_mentors=("journals",),
    )
    best, _ = best_for(wrong, [FUNDS, JOURNALS])
    assert best == "funds"


def test_explanations_show_phrases_of_both_sides_in_the_readers_language():
    mentee = Mentee(
        "e",
        "Uni J",
        topics=("publication_funds",),
        expectations="Wir wollen Publikationsgebühren verwalten.",
    )
    fit = compute_fit([mentee], [FUNDS])
    result = solve(fit, Rules(min_fit=0.0))
    (en,) = explain(fit, result, Rules(min_fit=0.0))
    (de,) = explain(fit, result, Rules(min_fit=0.0), lang="de")
    assert en.phrases and en.phrases[0]["mentor_phrase"]
    assert "Need found in the application" in en.text and "profile:" in en.text
    assert "Bedarf in der Bewerbung" in de.text and "Profil:" in de.text


def test_the_command_writes_only_admitted_pairs_and_says_why_others_are_left_out(tmp_path):
    mentors = tmp_path / "mentors.csv"
    mentees = tmp_path / "mentees.csv"
    with open(mentors, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "id",
                "name",
                "email",
                "institution",
                "institution_type",
                "topics",
                "profile",
                "languages",
                "capacity",
            ]
        )
        w.writerow(
            [
                "R1",
                "R",
                "r@example.org",
                "Uni West",
                "university",
                "publication_funds:3",
                FUNDS.profile,
                "de",
                "1",
            ]
        )
    with open(mentees, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "id",
                "name",
                "email",
                "institution",
                "institution_type",
                "topics",
                "expectations",
                "projects",
                "languages",
                "preferred_mentors",
                "priority",
            ]
        )
        w.writerow(
            [
                "E1",
                "A",
                "a@example.org",
                "Uni A",
                "university",
                "publication_funds",
                FUNDS.profile,
                "Fonds bis Sommer",
                "de",
                "",
                "",
            ]
        )
        w.writerow(
            [
                "E2",
                "B",
                "b@example.org",
                "Uni B",
                "university",
                "oa_agreements",
                LEGAL.expectations,
                LEGAL.projects,
                "de",
                "",
                "ja",
            ]
        )
    out = tmp_path / "proposals.csv"
    assert (
        main(["--mentors", str(mentors), "--mentees", str(mentees), "--out", str(out), "--quiet"])
        == 0
    )
    with open(out, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["mentee_id"], r["mentor_id"]) for r in rows] == [("E1", "R1")]
    with open(tmp_path / "proposals-left-out.csv", encoding="utf-8-sig") as fh:
        (left,) = list(csv.DictReader(fh))
    assert left["mentee_id"] == "E2" and left["reason"] == NEED_NOT_OFFERED
