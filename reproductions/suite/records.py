"""What a claim record is: the post it comes from, and the fields every post's ``claims.py`` fills in.

Records are plain frozen data with keyword fields; the functions that measure a claim and draw
its figure are referenced directly, so a typo fails at import and an editor can jump to them.
"""

import dataclasses
from dataclasses import dataclass
from types import MappingProxyType

from .judge import VERDICTS

JUDGES = ("exact", "band", "floor", "ordering", "distribution", "qualitative")


@dataclass(frozen=True)
class Post:
    seed: str  # the post's id in the sources folder ("000")
    file: str  # its text there
    title: str


SENTIMOS = Post("000", "000_e8c79fa7115912b9.txt", 'sentimos, "Machine Learning with Tensorflow"')
VARTY = Post("001", "001_4db3b1b58dede2f3.txt", 'Josh Varty, "Learn TensorFlow Now" 1-6')
BROWN = Post("002", "002_091364d249b9b0b4.txt", 'Dorian Brown, "Understanding Tensorflow with MNIST"')
KAMPHAUS = Post("003", "003_5695cadcc00eb730.txt", 'Ben Kamphaus, "First Steps with TensorFlow and Deep Learning"')
THOUGHTRAM = Post("004", "004_10f2e1d98adc833b.txt", 'thoughtram, "Understanding XOR with Keras and TensorFlow"')
POSTS = (SENTIMOS, VARTY, BROWN, KAMPHAUS, THOUGHTRAM)


@dataclass(frozen=True)
class Source:
    post: Post
    section: str  # the section heading, as the post spells it

    def __str__(self):
        return f"{self.post.file} § {self.section}"


@dataclass(frozen=True)
class Mutation:
    """A break of a post's model under which the tests of ``claims`` must fail.

    ``apply(patch)`` breaks it through ``patch.setattr``/``patch.setitem`` (pytest's monkeypatch),
    so the break is undone after the test. ``seeds``: the fewest that still flip the claims (None:
    each claim's own); the test first checks the unbroken claims pass on those seeds.
    """

    name: str
    claims: tuple
    apply: object
    seeds: object = None


def change_config(patch, config, **changes):
    """Break a post's settings at both scales: ``config.QUICK`` and ``config.DOCUMENTED`` with
    ``changes`` (field -> value) in place, undone after the test like every patch."""
    for scale in ("QUICK", "DOCUMENTED"):
        patch.setattr(config, scale, dataclasses.replace(getattr(config, scale), **changes))


@dataclass(frozen=True)
class Where:
    """A subset of a measurement's runs, named in the claim's record: the runs whose ``metric`` lies
    within the bounds (the runs that converged, those that fitted their training set). A check reads
    ``<metric>@<name>`` to be judged on those runs alone (``stats.with_subsets``); the threshold that
    picks them lives here, in the post's ``claims.py``, not in the measurement."""

    name: str
    metric: str
    at_most: float = None
    at_least: float = None

    def keeps(self, run):
        """Whether the run is in the subset (a run whose metric is missing or NaN is not; with_subsets
        makes its values NaN, an error wherever they are judged)."""
        value = run.get(self.metric)
        if value is None or not isinstance(value, (int, float)) or value != value:
            return False
        return (self.at_most is None or value <= self.at_most) and (self.at_least is None or value >= self.at_least)


@dataclass(frozen=True, kw_only=True)
class Claim:
    id: str
    source: Source
    statement: str  # the claim in one sentence, numbers verbatim
    documented: dict  # name -> documented value, as the post (or its code) gives it
    judge: str  # one of JUDGES: how the measurement is compared with it
    expected: str  # one of VERDICTS
    why: str  # the reason for the expected verdict
    measure: object = None  # the function that measures it (a suite.measurements.measurement)
    checks: tuple = ()  # the documented result holds (suite.checks, suite.calibrated)
    explains: tuple = ()  # the artifact's explanation, what is measured instead, or what every run shows
    seeds: int = 1  # default number of seeds; 1 = deterministic
    seeds_documented: int = 0  # default seeds at the documented scale when it needs more (0: ``seeds``)
    gpu_at_documented: bool = False  # the documented-scale protocol needs a GPU
    documented_when_data: bool = False  # its documented protocol costs what the quick one does: the quick
    # scale runs it too, wherever the documented data (full MNIST) is here
    markers: tuple = ()  # further pytest markers: "benchmark", "dataset", "slow"
    figure: object = None  # the function drawing the post's figure from the measured runs
    unavailable: str = ""  # precise reason it cannot be run anywhere
    quick_cannot_judge: str = ""  # precise reason the quick scale cannot tell whether the claim holds: its
    # checks would pass there for any model of the claim's kind (its claim test skips there, saying so)
    stand_in: str = ""  # no original code exists: what of ours is judged in its place (basis "stand-in")
    among: tuple = ()  # Where subsets its checks read as <metric>@<name>

    def __post_init__(self):
        object.__setattr__(self, "documented", MappingProxyType(dict(self.documented)))
        if self.expected not in VERDICTS:
            raise ValueError(f"{self.id}: expected verdict {self.expected!r} is not one of {VERDICTS}")

    def seeds_at(self, scale):
        """The default number of seeds at ``scale``."""
        return self.seeds_documented if scale == "documented" and self.seeds_documented else self.seeds

    @property
    def stochastic(self):
        return self.seeds > 1

    @property
    def skip_reason(self):
        return f"unavailable: {self.unavailable}" if self.unavailable else ""

    def skip_reason_at(self, scale):
        """Why the claim is not judged at ``scale``: unavailable anywhere, or not at the quick scale."""
        if self.skip_reason or scale != "quick" or not self.quick_cannot_judge:
            return self.skip_reason
        return f"not judged at the quick scale: {self.quick_cannot_judge}"

    def as_dict(self):
        """The record as plain data: the one serializer (``reproductions list --format json`` and
        every report entry)."""
        return {
            "id": self.id,
            "source": str(self.source),
            "post": self.source.post.file,
            "section": self.source.section,
            "statement": self.statement,
            "documented": {k: list(v) if isinstance(v, tuple) else v for k, v in self.documented.items()},
            "judge": self.judge,
            "expected_verdict": self.expected,
            "why": self.why,
            "default_seeds": self.seeds,
            "status": "measured" if self.measure and not self.skip_reason else self.skip_reason or "not measured",
            "stand_in": self.stand_in,
            "quick_cannot_judge": self.quick_cannot_judge,
        }
