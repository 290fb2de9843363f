import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tandem.audit.models import AuditEntry
from tandem.audit.services import log_action
from tests.factories import RoundFactory, UserFactory


@pytest.mark.django_db
def test_an_entry_survives_the_deletion_of_its_round():
    round = RoundFactory()
    coordinator = UserFactory()
    log_action(coordinator, "round.created", round, programme_round=round)
    round_id, name = round.pk, round.name
    round.delete()
    entry = AuditEntry.objects.get(action="round.created")
    assert entry.round_id == round_id
    assert entry.round_label.endswith(name) and round.programme.name in entry.round_label


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_the_entries_privacy_held():
    executor = MigrationExecutor(connection)
    old = [
        ("privacy", "0001_initial"),
        ("audit", "0001_initial"),
        ("programmes", "0001_initial"),
        ("people", "0002_initial"),
    ]
    executor.migrate(old)
    state = executor.loader.project_state(old).apps
    Round = state.get_model("programmes", "Round")
    OldEntry = state.get_model("privacy", "AuditEntry")
    Org = state.get_model("programmes", "Organisation")
    Programme = state.get_model("programmes", "Programme")
    org = Org.objects.create(name="Verbund", slug="verbund")
    programme = Programme.objects.create(organisation=org, name="OA", slug="oa")
    round = Round.objects.create(programme=programme, name="2027", slug="2027")
    old_entry = OldEntry.objects.create(
        action="round.created",
        round=round,
        object_type="programmes.round",
        object_id=str(round.pk),
        data={"x": 1},
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    entry = AuditEntry.objects.get(pk=old_entry.pk)
    assert (entry.action, entry.round_id, entry.data) == ("round.created", round.pk, {"x": 1})
    assert entry.round_label == "Verbund – OA – 2027"
    assert entry.created_at == old_entry.created_at
    assert "privacy_auditentry" not in connection.introspection.table_names()
