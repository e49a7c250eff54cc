"""smm-audit: audit a client's social-media presence from a JSON snapshot."""

from __future__ import annotations

__version__ = "0.1.0"
