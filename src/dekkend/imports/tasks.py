"""Background work of imports: a long import is stored by the task worker (thin and idempotent)."""

from django_tasks import task


@task()
def store_import(run_id: int) -> dict:
    """Store a confirmed import; a retry of a run already stored or failed does nothing."""
    from .services import import_store

    run = import_store(run_id=run_id)
    return {"run": run.pk, "status": run.status, "rows_stored": run.rows_stored}
