"""A real SMTP server (aiosmtpd) on a free local port, for the tests of email: it keeps what it
receives, and can refuse the first few recipients it is offered ('451 try again later'), as a
busy mail server does."""
from __future__ import annotations

import email
import email.policy
import socket
import threading
from email.message import EmailMessage

from aiosmtpd.controller import Controller

REFUSAL = "451 4.3.0 Mailbox busy, try again later"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """The server's handler: what was offered, refused and received."""

    def __init__(self) -> None:
        self.offered = 0
        self.refuse = 0
        self.received: list[EmailMessage] = []
        self.arrived = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.offered += 1
        if self.refuse:
            self.refuse -= 1
            return REFUSAL
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        self.arrived.set()
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self) -> None:
        self.host, self.port = "127.0.0.1", free_port()
        self.mailbox = Mailbox()
        self._controller = Controller(self.mailbox, hostname=self.host, port=self.port)

    def refuse_next(self, recipients: int) -> None:
        self.mailbox.refuse = recipients

    @property
    def received(self) -> list[EmailMessage]:
        return self.mailbox.received

    def start(self) -> SMTPServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()
