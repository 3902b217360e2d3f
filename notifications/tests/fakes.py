"""Stand-ins for the world outside: a real SMTP server (aiosmtpd) and a local HTTP
server that answers like the Telegram Bot API. Both run in this process, on free
ports, and can be stopped and started again by the test ("the mail server is down").

    def test_x(smtp_server, telegram_api): ...
        smtp_server.messages      # email.message.Message objects received
        telegram_api.sent         # the JSON bodies of sendMessage calls
        smtp_server.stop(); smtp_server.start()
"""

from __future__ import annotations

import email
import json
import socket
import threading
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

TOKEN = "123456:TEST-TOKEN"
BOT = "isaf_test_bot"
WEBHOOK_SECRET = "webhook-secret-for-tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.messages: list[email.message.EmailMessage] = []
        self._controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        server = self

        class Handler:
            async def handle_DATA(self, smtp, session, envelope):
                message = email.message_from_bytes(
                    envelope.original_content or envelope.content,
                    policy=policy.default,
                )
                server.messages.append(message)
                return "250 OK"

        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in str(m["To"])]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


class TelegramApi:
    """Answers `POST /bot<TOKEN>/sendMessage` like Telegram, and records it."""

    def __init__(self):
        self.port = free_port()
        self.sent: list[dict] = []
        # An HTTP status (502, say) to answer every call with, as Telegram does
        # when it is having trouble; None answers normally.
        self.failing: int | None = None
        self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path != f"/bot{TOKEN}/sendMessage":
                    self.send_response(404)
                    self.end_headers()
                    return
                if api.failing:
                    self.send_response(api.failing)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"ok": false, "description": "Bad Gateway"}')
                    return
                api.sent.append(body)
                answer = json.dumps(
                    {"ok": True, "result": {"message_id": len(api.sent)}}
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(answer.encode())

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def to(self, chat) -> list[dict]:
        return [m for m in self.sent if str(m["chat_id"]) == str(chat)]


@pytest.fixture
def smtp_server(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def telegram_api(settings):
    api = TelegramApi()
    api.start()
    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_BOT_USERNAME = BOT
    settings.TELEGRAM_API_URL = api.url
    settings.TELEGRAM_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.TELEGRAM_TIMEOUT = 3
    yield api
    api.stop()
