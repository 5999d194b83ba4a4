"""Which store `--db` names: `postgresql://user@host:port/dbname` is PostgreSQL, anything else a
SQLite file. Each store is imported only when used (psycopg is needed only for PostgreSQL)."""
import re


def is_postgres_url(target):
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target):
    if is_postgres_url(target):
        from .postgres import PostgresStore
        return PostgresStore(str(target))
    from .sqlite import SqliteStore
    return SqliteStore(str(target))


def redact(url):
    """The URL without its password, for messages and the banner."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@]*@", r"\1:***@", url)


def describe(target):
    """The database as the banner shows it (a URL without its password)."""
    return redact(str(target)) if is_postgres_url(target) else str(target)
