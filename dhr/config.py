"""Configuration from environment variables, with safe defaults for the embedded set-up."""
import os
import secrets
from pathlib import Path

REVIEW_LABELS = {
    "DHR": {"short": "DHR", "long": "Domestic Homicide Review", "plural": "Domestic Homicide Reviews"},
    "DARDR": {
        "short": "DARDR",
        "long": "Domestic Abuse Related Death Review",
        "plural": "Domestic Abuse Related Death Reviews",
    },
}


def _secret_key(instance_path: Path) -> str:
    """Use SECRET_KEY if set; otherwise generate one into instance/ once and reuse it."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{instance_path / 'dhr.sqlite'}")
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance_path: Path) -> dict:
    label = os.environ.get("DHR_REVIEW_LABEL", "DHR").upper()
    if label not in REVIEW_LABELS:
        label = "DHR"
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "DHR_BACKUP_KEY": os.environ.get("DHR_BACKUP_KEY"),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "DHR_INDEX_DIR": os.environ.get("DHR_INDEX_DIR", str(instance_path / "index")),
        "DHR_UPLOAD_DIR": os.environ.get("DHR_UPLOAD_DIR", str(instance_path / "uploads")),
        "DHR_OUTBOX_DIR": os.environ.get("DHR_OUTBOX_DIR", str(instance_path / "outbox")),
        "DHR_REVIEW_LABEL": label,
        "DHR_PARTNERSHIP_NAME": os.environ.get("DHR_PARTNERSHIP_NAME", "Birmingham Community Safety Partnership"),
        "MAX_CONTENT_LENGTH": int(os.environ.get("DHR_MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        "SESSION_COOKIE_SECURE": _flag("DHR_COOKIE_SECURE", True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _flag("DHR_COOKIE_SECURE", True),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": int(os.environ.get("DHR_SESSION_MINUTES", "60")) * 60,
        "DHR_SESSION_MAX_HOURS": int(os.environ.get("DHR_SESSION_MAX_HOURS", "12")),
        "DHR_TRUSTED_PROXIES": int(os.environ.get("DHR_TRUSTED_PROXIES", "0")),
        "DHR_FORCE_HTTPS": _flag("DHR_FORCE_HTTPS", False),
        "DHR_SIGN_IN_LIMIT": os.environ.get("DHR_SIGN_IN_LIMIT", "20 per minute"),
        # Requests each API token may make (every method), counted per token.
        "DHR_API_LIMIT": os.environ.get("DHR_API_LIMIT", "120 per minute"),
        "DHR_QUEUE_URL": os.environ.get("DHR_QUEUE_URL", ""),
        "RATELIMIT_STORAGE_URI": os.environ.get("DHR_RATELIMIT_STORAGE", "memory://"),
        # If Redis is unreachable, each worker counts in its own memory rather than failing sign-in.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "MAIL_SERVER": os.environ.get("DHR_SMTP_HOST"),
        "MAIL_PORT": int(os.environ.get("DHR_SMTP_PORT", "25")),
        "MAIL_FROM": os.environ.get("DHR_MAIL_FROM", "dhr-tracker@localhost"),
        # Links in emails start with this: the address people reach the service at.
        "DHR_BASE_URL": os.environ.get("DHR_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        # A worker tries an email the mail server refused again after this many seconds.
        "DHR_MAIL_RETRY_SECONDS": int(os.environ.get("DHR_MAIL_RETRY_SECONDS", "60")),
        # National recommendations are copied here unless `flask --app dhr national-setup` set another.
        "DHR_COMMISSIONER_EMAIL": os.environ.get("DHR_COMMISSIONER_EMAIL", ""),
        "WTF_CSRF_TIME_LIMIT": None,
    }
