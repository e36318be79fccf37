"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd from PyPI).

Every accepted message is written to DIR as <n>.eml (the bytes as received) and <n>.json: the envelope and what
Python's standard e-mail parser reads from it (decoded subject and From, the text and HTML parts, all headers), so
the tests check the message as a mail program sees it. Recipients whose address starts with "weiger" are refused with 550, so tests can
see a permanent failure. With --auth USER:PASSWORD the server requires SMTP AUTH (PLAIN/LOGIN) and, because
aiosmtpd refuses AUTH over plain text by default, allows it here (127.0.0.1 only).
Prints "ready <port>" on stdout once it accepts connections, then runs until killed.
"""
import argparse
import email
import email.policy
import itertools
import json
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

counter = itertools.count(1)


class Sink:
    def __init__(self, folder):
        self.folder = folder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("weiger"):
            return "550 5.1.1 Dit adres bestaat niet"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        number = next(counter)
        path = os.path.join(self.folder, f"{number}.eml")
        with open(path, "wb") as out:
            out.write(envelope.original_content)
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        parsed = {
            "mailFrom": envelope.mail_from,
            "rcptTo": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "headers": {key: str(value) for key, value in message.items()},
            "text": text.get_content() if text else None,
            "html": html.get_content() if html else None,
        }
        json_path = os.path.join(self.folder, f"{number}.json")
        with open(json_path + ".part", "w") as out:
            json.dump(parsed, out)
        os.rename(json_path + ".part", json_path)
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--auth")
    args = parser.parse_args()
    # Started from a thread that blocks signals, the process inherits the mask: let SIGTERM and SIGINT end it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok)

        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port, **kwargs)
    controller.start()
    print(f"ready {args.port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
