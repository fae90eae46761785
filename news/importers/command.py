"""What every import command does around its reader: resolve --satker, check the paths, and
close with the report (exit code 1 when anything failed)."""

from django.core.management.base import CommandError

from .satker_lookup import UnknownSatker, satker_by_slug


def satker_option(slug):
    """The satker named by --satker, None when not given; a CommandError for an unknown slug."""
    try:
        return satker_by_slug(slug) if slug else None
    except UnknownSatker as exc:
        raise CommandError(str(exc)) from exc


def check_paths(paths):
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise CommandError(f"No such file or folder: {', '.join(missing)}")


def finish(command, report):
    command.stdout.write(report.summary())
    if not report.ok:
        raise CommandError(report.failure_line())
