"""Installed plugins are found without importing importlib.metadata, and exactly as it finds them (issue 12).

``plugins.scan_entry_points`` reads the ``*.dist-info`` and ``*.egg-info`` of ``sys.path`` itself; each test
compares what it gives with what ``importlib.metadata.entry_points`` gives for the same path.
"""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata

import pytest

from smm_audit import plugins

GROUP = plugins.ENTRY_POINT_GROUP


def described(eps) -> list[tuple]:
    return [(ep.name, ep.value, ep.group, ep.dist.version if ep.dist else None) for ep in eps]


def dist(root, directory: str, entry_points: str | None, version: str | None = "1.0", meta: str = "METADATA"):
    path = root / directory
    path.mkdir(parents=True)
    if version is not None:
        (path / meta).write_text(
            f"Metadata-Version: 2.1\nName: {directory.split('-')[0]}\nVersion: {version}\n\nbody\n"
        )
    if entry_points is not None:
        (path / "entry_points.txt").write_text(entry_points)


@pytest.fixture
def two_paths(tmp_path, monkeypatch):
    first, second = tmp_path / "one", tmp_path / "two"
    dist(first, "alpha-1.0.dist-info", f"[console_scripts]\nalpha = alpha:main\n\n[{GROUP}]\nalpha = alpha.plugin\n")
    dist(first, "beta_pkg-2.0.dist-info", f"# a comment\n[{GROUP}]\nbeta = beta.mod:attr.inner [extra]\n")
    dist(first, "no_eps-1.0.dist-info", None)
    dist(first, "gamma.egg-info", f"[{GROUP}]\n  gamma =  gamma_mod  \n", version="0.3", meta="PKG-INFO")
    dist(first, "noversion-1.0.dist-info", f"[{GROUP}]\nnoversion = nv\n", version=None)
    dist(second, "Alpha-9.0.dist-info", f"[{GROUP}]\nshadowed = never.loaded\n")  # the same name: the first wins
    dist(second, "Beta.Pkg-3.0.dist-info", f"[{GROUP}]\nshadowed2 = never\n")  # normalised to beta_pkg too
    dist(second, "delta-1.0.dist-info", f"[{GROUP}]\nalpha = delta.other\n[other]\nx = y\n")  # a repeated name
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    return first, second


def test_the_scan_finds_what_importlib_metadata_finds(two_paths):
    found = plugins.scan_entry_points(GROUP)
    assert found is not None
    assert described(found) == described(metadata.entry_points(group=GROUP))
    assert {ep.name for ep in found} == {"alpha", "beta", "gamma", "noversion"}  # not the shadowed ones
    assert described(plugins.scan_entry_points("console_scripts")) == described(
        metadata.entry_points(group="console_scripts")
    )


def test_the_installed_plugins_are_the_ones_importlib_metadata_lists():
    """In the environment the suite runs in (the example plugin is installed there)."""
    found = plugins.scan_entry_points(GROUP)
    assert found is not None
    assert described(found) == described(metadata.entry_points(group=GROUP))
    assert described(plugins.installed_entry_points()) == described(found)


def test_a_found_entry_point_loads_its_object(two_paths, monkeypatch):
    (two_paths[0] / "beta").mkdir()
    (two_paths[0] / "beta" / "__init__.py").write_text("")
    (two_paths[0] / "beta" / "mod.py").write_text("class attr:\n    inner = 42\n")
    monkeypatch.delitem(sys.modules, "beta", raising=False)
    monkeypatch.delitem(sys.modules, "beta.mod", raising=False)
    (beta,) = [ep for ep in plugins.scan_entry_points(GROUP) if ep.name == "beta"]
    assert beta.load() == 42


@pytest.mark.parametrize("case", ["zip", "bad line", "egg directory", "not utf-8", "upper-case suffix"])
def test_what_the_scan_cannot_answer_alone_is_left_to_importlib_metadata(tmp_path, monkeypatch, case):
    root = tmp_path / "site"
    dist(root, "alpha-1.0.dist-info", f"[{GROUP}]\nalpha = alpha\n")
    path = [str(root)]
    if case == "zip":
        with zipfile.ZipFile(tmp_path / "lib.zip", "w") as archive:
            archive.writestr("mod.py", "")
        path.append(str(tmp_path / "lib.zip"))
    elif case == "bad line":
        (root / "alpha-1.0.dist-info" / "entry_points.txt").write_text(f"[{GROUP}]\nno equals sign\n")
    elif case == "egg directory":
        (tmp_path / "x.egg").mkdir()
        path.append(str(tmp_path / "x.egg"))
    elif case == "not utf-8":
        (root / "alpha-1.0.dist-info" / "entry_points.txt").write_bytes(b"[smm_audit]\nalpha = \xff\n")
    else:
        dist(root, "other-1.0.DIST-INFO", f"[{GROUP}]\nother = other\n")
    monkeypatch.setattr(sys, "path", path)
    assert plugins.scan_entry_points(GROUP) is None


def test_another_distribution_finder_is_left_to_importlib_metadata(two_paths, monkeypatch):
    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert plugins.scan_entry_points(GROUP) is None
    assert described(plugins.installed_entry_points()) == described(metadata.entry_points(group=GROUP))
