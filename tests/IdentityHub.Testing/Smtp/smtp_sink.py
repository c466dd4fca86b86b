"""A real SMTP server for the delivery tests (Debian's python3-aiosmtpd).

Saves every accepted message as a .eml file in FOLDER, named in the order received. Recipients starting with "reject" get
550, recipients starting with "busy" get 451. With --user/--password it offers AUTH PLAIN/LOGIN
over the plain connection and checks them. Prints "READY" once listening; exits when stdin closes.

usage: /usr/bin/python3 smtp_sink.py PORT FOLDER [--user U --password P]
"""
import argparse
import os
import sys
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 Mailbox unavailable"
        if address.startswith("busy"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # Names sort in the order the messages arrived (file times can be equal within a clock tick).
        self.count += 1
        name = "%08d-%s" % (self.count, uuid.uuid4().hex)
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as file:
            file.write(envelope.original_content or envelope.content)
        os.replace(temporary, os.path.join(self.folder, name + ".eml"))
        return "250 2.0.0 Ok: queued as " + name


class Credentials:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == self.user and auth_data.password == self.password
        return AuthResult(success=ok, handled=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("folder")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    options = {}
    if args.user:
        options = dict(authenticator=Credentials(args.user, args.password or ""), auth_require_tls=False)
    controller = Controller(Sink(args.folder), hostname="127.0.0.1", port=args.port, **options)
    controller.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
