"""Settings, split per concern. ``DEKKEND_ENV`` (development, test, production) picks the profile."""

from .api import *  # noqa: F403
from .base import *  # noqa: F403
from .security import *  # noqa: F403

if DEKKEND_ENV == "production":  # noqa: F405
    from .production import *  # noqa: F403
