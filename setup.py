"""The package list: reception's own packages plus the top-level resources/ folder, installed as reception/resources.

pyproject.toml cannot combine a package search with a folder mapped from elsewhere, hence this file."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["reception", "reception.*"]), "reception.resources"],
    package_dir={"reception.resources": "resources"},
)
