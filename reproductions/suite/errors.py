"""The errors the command line turns into one line. Light on purpose: the command line imports this
before it knows whether a command needs NumPy or TensorFlow."""


class UnknownClaimError(KeyError):
    """A claim id the registry does not hold; the message suggests close ones."""

    def __str__(self):
        return self.args[0]


class MnistUnavailable(Exception):
    """The data a scale needs is not here; the message says which file and what to do."""


class MissingDependency(Exception):
    """A package this command needs (TensorFlow, pytest) is not installed; the message names the choices."""


NO_TENSORFLOW = (
    "TensorFlow is not installed; install the build you want to check: "
    "pip install 'reproductions[tf]' (tensorflow), or tensorflow-cpu, tf-nightly, "
    "'tensorflow[and-cuda]'"
)
NO_PYTEST = "the claims run under pytest, which is not installed: pip install 'reproductions[test]'"
