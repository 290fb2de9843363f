from django_tasks import task

from . import services


@task()
def remind_candidates(
    after_days: int = services.REMIND_AFTER_DAYS, give_up_days: int = services.GIVE_UP_AFTER_DAYS
) -> list[int]:
    reminded, given_up = services.remind_candidates(
        after_days=after_days, give_up_days=give_up_days
    )
    return [reminded, given_up]
