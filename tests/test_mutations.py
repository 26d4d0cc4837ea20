"""Each claim test can fail: break the model it checks and its claim test must fail.

The breaks live with their posts (``posts/<topic>/mutations.py``). Every measured claim is broken
by one, or is named in its post's NO_MUTATION with the reason none can exist. A break runs on the
fewest seeds that still flip its claims; where those are fewer than a claim's own, the same claims
on the same seeds unbroken are checked to pass first (the control), so the flip comes from the
break, not from the seed count. With a claim's own seeds, the claims test is the control.

A break runs on the xdist worker of its first claim's claims test. There, with the default seeds of
master seed 0, the control judges the unbroken runs that test measured (they include the control's
seeds), and the memoized training arms a break leaves alone are not trained again. A break whose
claims span several measurements measures the others afresh.
"""

import pytest

from reproductions.suite import engine, memo
from reproductions.suite.registry import CLAIMS, MUTATIONS, NO_MUTATION, REGISTRY


def result(claim_id, seeds, scale):
    return engine.check_claim(REGISTRY[claim_id], seeds=seeds, scale=scale)


def beside_its_claims(mutation):
    """On its first claim's worker; marked "dataset" where its claims read MNIST, so a documented-scale
    run of the MNIST claims (-m dataset) breaks their models on full MNIST too."""
    claims = [REGISTRY[claim_id] for claim_id in mutation.claims]
    marks = [pytest.mark.xdist_group(claims[0].measure.name)]
    marks += [pytest.mark.dataset] * any("dataset" in c.markers for c in claims)
    return pytest.param(mutation, id=mutation.name, marks=marks)


@pytest.mark.parametrize("mutation", [beside_its_claims(m) for m in MUTATIONS])
def test_a_broken_model_fails_its_claims(mutation, monkeypatch, repro):
    """At the session's scale; a break of a model that needs a GPU there is left to the GPU run."""
    scale = repro.scale
    if scale == "documented" and any(REGISTRY[c].gpu_at_documented for c in mutation.claims):
        pytest.skip("its documented scale runs on a GPU (pytest -m gpu)")
    judged = [claim_id for claim_id in mutation.claims if not REGISTRY[claim_id].skip_reason_at(scale)]
    if not judged:
        pytest.skip(REGISTRY[mutation.claims[0]].skip_reason_at(scale))
    if mutation.seeds is not None:  # unbroken runs: measured here, or the claims test's in this process
        for claim_id in judged:
            assert result(claim_id, mutation.seeds, scale).passed, (
                f"{claim_id} fails unbroken on seeds {mutation.seeds}"
            )
    with memo.fresh():  # runs and caches made under the break are forgotten with it
        mutation.apply(monkeypatch)  # memoized training arms are keyed by their inputs: a break retrains its own
        for claim_id in judged:  # a claim the scale cannot judge is broken at the documented scale
            broken = result(claim_id, mutation.seeds, scale)
            assert not broken.passed, f"{claim_id} still passes with {mutation.name}: {broken.verdict}"


def test_every_measured_claim_has_a_mutation_or_a_reason():
    covered = {claim_id for m in MUTATIONS for claim_id in m.claims}
    measured = {c.id for c in CLAIMS if c.measure and not c.skip_reason}
    assert covered <= set(REGISTRY) and set(NO_MUTATION) <= set(REGISTRY)
    assert not covered & set(NO_MUTATION), "a claim with a mutation needs no reason"
    assert measured == covered | set(NO_MUTATION), sorted(measured - covered - set(NO_MUTATION))
