"""Executable checks of the documented results of five classic TensorFlow tutorials.

Importing the package is instant: no module here imports TensorFlow at import time, so
listing the claims never waits for it. Topic modules import it when a claim is measured.
"""

__version__ = "0.1.0"
