"""An example smm-audit plugin: one check, ``posting-hours``, in :mod:`smm_audit_example.posting_hours`.

smm-audit finds it through the entry point in this distribution's pyproject.toml
(group ``smm_audit``); nothing else has to be configured.
"""

__version__ = "0.1.0"
