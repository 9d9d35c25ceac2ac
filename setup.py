"""Which packages the distribution holds; everything else is in pyproject.toml.

Beside the three Python packages, the specification itself (the features, their steps,
the behave hooks and the data in fixtures/) ships as the package ``mailflow_spec``,
mapped onto the repository root, so that an installed ``mailflow`` runs it from anywhere.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["mailflow*", "reference_app*", "webmail*"]), "mailflow_spec"],
    package_dir={"mailflow_spec": "."},
    py_modules=[],
)
