"""`manage.py create_local_admin`: an admin account for a laptop, with a fresh password.

The password is generated each time and printed once; nothing fixed ever
ships. It refuses to run with DEBUG off, so it cannot touch a production site.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or reset the local 'admin' superuser with a newly generated password (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--port", type=int, default=8000, help="The port the demo serves on (make demo PORT=…).")

    def handle(self, *args, username, port, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_admin only runs with DEBUG on: it is for local machines.")
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Admin: http://127.0.0.1:{port}/admin/  username: {username}  password: {password}")
