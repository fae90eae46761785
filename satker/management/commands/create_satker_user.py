import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from satker.accounts import create_satker_user
from satker.models import Role, Satker


class Command(BaseCommand):
    help = "Create a staff account bound to one satker, e.g. --satker kota-kediri --role editor."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--satker", required=True, help="satker slug, e.g. kota-kediri or prov-jawa-timur")
        parser.add_argument("--role", required=True, help="admin, editor or writer")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="else KPU_PASSWORD from the environment, else a prompt")

    def handle(self, *, username, satker, role, email, password, **options):
        if role not in Role.values:
            raise CommandError(f"Unknown role {role!r}: use one of {', '.join(Role.values)}.")
        unit = Satker.objects.filter(slug=satker).first()
        if unit is None:
            raise CommandError(f"Unknown satker {satker!r}. Run load_satker first, or check the slug in the admin.")
        password = password or os.environ.get("KPU_PASSWORD") or self.prompt_password()
        try:
            user = create_satker_user(username, unit, role, password, email)
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{user.username}: {Role(role).label} of {unit.name}."))

    def prompt_password(self):
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return first
