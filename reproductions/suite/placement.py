"""Where and at which scale each claim runs: the scale a session's options and ``-m`` select, a
claim's markers at that scale, and the device policy for gpu-marked claims (run on a GPU, skip with
the reason, or run on the CPU when asked)."""

import ast

import pytest

SCALES = ("quick", "documented")


def marker_expression_keeps(markexpr, markers):
    """Whether pytest's ``-m`` expression (names joined by and/or/not, parentheses) keeps a test
    carrying ``markers``. Raises ValueError for anything else; pytest reports it itself."""

    def evaluate(node):
        if isinstance(node, ast.BoolOp):
            values = [evaluate(v) for v in node.values]
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not evaluate(node.operand)
        if isinstance(node, ast.Name):
            return node.id in markers
        raise ValueError(f"unsupported -m expression: {markexpr!r}")

    try:
        return evaluate(ast.parse(markexpr, mode="eval").body)
    except SyntaxError:
        raise ValueError(f"unparsable -m expression: {markexpr!r}") from None


def selects_only_gpu(markexpr):
    """Whether a -m expression keeps gpu-marked claims and drops cpu-marked ones."""
    if not markexpr:
        return False
    try:
        return marker_expression_keeps(markexpr, {"gpu", "slow", "dataset"}) and not marker_expression_keeps(
            markexpr, {"cpu", "dataset", "benchmark"}
        )
    except ValueError:  # an expression this cannot read is pytest's to report
        return False


def resolve_scale(option, markexpr):
    return option or ("documented" if selects_only_gpu(markexpr) else "quick")


def device_plan(markers, visible_gpus, require_gpu=False, on_cpu=False):
    """Where a claim runs: ("gpu"|"cpu", skip reason or None). ``on_cpu`` (--repro-on-cpu): a gpu
    claim runs on the CPU when TensorFlow sees no GPU, instead of skipping.

    Raises RuntimeError for --repro-require-gpu without a GPU, so a GPU lane cannot pass by skipping.
    """
    if require_gpu and not visible_gpus:
        raise RuntimeError(
            "--repro-require-gpu: TensorFlow sees no GPU (tf.config.list_physical_devices('GPU') is empty)"
        )
    if "gpu" in markers:
        if visible_gpus:
            return "gpu", None
        if on_cpu:
            return "cpu", None
        return "gpu", (
            "needs a GPU: TensorFlow sees none (tf.config.list_physical_devices('GPU') is empty); "
            "run it on a GPU machine, with --repro-on-cpu on this CPU (hours), or with "
            "--repro-scale quick"
        )
    return "cpu", None


def claim_markers(claim, scale):
    """Markers of one claim at one scale: heavy documented protocols go to the GPU."""
    on_gpu = scale == "documented" and claim.gpu_at_documented
    names = ["gpu", "slow"] if on_gpu else ["cpu"]
    return names + [m for m in claim.markers if m not in names]


def claim_params(scale):
    """The claims test's parameters: every registered claim, with its markers at this scale."""
    from .registry import CLAIMS

    params = []
    for claim in CLAIMS:
        marks = [pytest.mark.repro_claim] + [getattr(pytest.mark, name) for name in claim_markers(claim, scale)]
        group = claim.measure.name if claim.measure else claim.id
        marks.append(pytest.mark.xdist_group(group))  # claims sharing runs share a worker
        if reason := claim.skip_reason_at(scale):
            marks.append(pytest.mark.skip(reason=reason))
        params.append(pytest.param(claim, id=claim.id, marks=marks))
    return params
