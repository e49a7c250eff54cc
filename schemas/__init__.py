"""The JSON Schemas of smm-audit (snapshot and report), shipped as package data."""
