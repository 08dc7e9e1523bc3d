"""A user's roles_version is raised by the database on every change to the user's role
assignments, whoever makes it (a service, the admin, a bulk update, a restore), so a process may
reuse the roles it read while the number stays the same (dekkend.core.permissions.active_roles)."""

from django.db import migrations, models

POSTGRESQL_FORWARD = """
CREATE OR REPLACE FUNCTION accounts_roles_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE accounts_user SET roles_version = roles_version + 1 WHERE id = OLD.user_id;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.user_id <> OLD.user_id) THEN
        UPDATE accounts_user SET roles_version = roles_version + 1 WHERE id = NEW.user_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_roleassignment_changed AFTER INSERT OR UPDATE OR DELETE ON accounts_roleassignment
    FOR EACH ROW EXECUTE FUNCTION accounts_roles_changed();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER IF EXISTS accounts_roleassignment_changed ON accounts_roleassignment;
DROP FUNCTION IF EXISTS accounts_roles_changed();
"""
SQLITE_FORWARD = [
    """CREATE TRIGGER accounts_roleassignment_inserted AFTER INSERT ON accounts_roleassignment BEGIN
       UPDATE accounts_user SET roles_version = roles_version + 1 WHERE id = NEW.user_id; END;""",
    """CREATE TRIGGER accounts_roleassignment_updated AFTER UPDATE ON accounts_roleassignment BEGIN
       UPDATE accounts_user SET roles_version = roles_version + 1 WHERE id IN (OLD.user_id, NEW.user_id); END;""",
    """CREATE TRIGGER accounts_roleassignment_deleted AFTER DELETE ON accounts_roleassignment BEGIN
       UPDATE accounts_user SET roles_version = roles_version + 1 WHERE id = OLD.user_id; END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS accounts_roleassignment_inserted;",
    "DROP TRIGGER IF EXISTS accounts_roleassignment_updated;",
    "DROP TRIGGER IF EXISTS accounts_roleassignment_deleted;",
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FORWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVERSE)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_integration_token")]
    operations = [
        migrations.AddField(
            model_name="user",
            name="roles_version",
            field=models.PositiveBigIntegerField(default=0, editable=False, verbose_name="version of the roles"),
        ),
        migrations.RunPython(install, uninstall),
    ]
