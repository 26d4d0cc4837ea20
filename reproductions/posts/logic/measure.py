"""Kamphaus' measurements: the softmax examples, the logic nets' logs and test accuracies over
seeds, and the k9 net's two printed outputs.

Source: 003 (Ben Kamphaus), "First Steps with TensorFlow and Deep Learning"; original code
benkamphaus/tf-examples logic_nets.py (6ec78f3). The extracted post text lost its minus signs
(``[2 4 0.0001]`` is ``[2 -4 0.0001]``, ``E-4`` reads ``E4``); the catalog restores them. The k9
library was not found: its net is ours, written from the post's calls (``model.py``).
"""

import numpy as np

from ...suite import runtime
from ...suite.measurements import TRAINED, dense, measurement, no_matrix_product
from . import config, model


@measurement(
    "logic:softmax_examples",
    metrics=("softmax_8_023_012", "softmax_2_m4_00001", "as_extracted_2_4_00001", "numpy_agrees"),
    flops=no_matrix_product,  # softmax of three numbers is elementwise
)
def softmax_examples(seed, scale="quick"):
    """The post's two worked examples, and what the extracted text's version would print."""
    out = {name: model.softmax(values) for name, values in config.SOFTMAX_INPUTS.items()}
    out["as_extracted_2_4_00001"] = model.softmax(config.AS_EXTRACTED)
    out["numpy_agrees"] = all(
        np.allclose(np.exp(v) / np.sum(np.exp(v)), out[name], rtol=0, atol=1e-15)
        for name, v in config.SOFTMAX_INPUTS.items()
    )
    return out


LOGGED_STEPS = (0, 200, 400)  # post: the steps its log prints


def _logged(tag):
    """The metric names of one function's run (``tag``: the function, ``_clean`` for the variant)."""
    logged = (
        f"{tag}_{quantity}_{step}" for step in config.LOGGED_STEPS for quantity in ("cost", "train_acc", "valid_acc")
    )
    return (*logged, f"{tag}_test_acc", f"{tag}_test_100")


def _train_logic_nets_flops(scale):
    """One seed: each function's 2-3-2 net in both variants, full-batch GD on the four patterns (the
    counts weight them), a validation pass on them every log_every steps and the final test pass."""
    cfg = config.at(scale)
    nets = len(config.FUNCTIONS) * len(config.VARIANTS)
    passes = TRAINED * cfg.steps + -(-cfg.steps // cfg.log_every) + 1
    return nets * passes * len(config.PATTERNS) * dense((2, cfg.hidden, 2))


@measurement(
    "logic:train_logic_nets",
    seeds_at_once=True,
    metrics=(
        *(m for name in config.FUNCTIONS for m in (*_logged(name), f"{name}_input_drift", *_logged(f"{name}_clean"))),
        *(f"{name}_quirk_changes_outcome" for name in config.FUNCTIONS),
        "and_cost_200_learned",
        "and_cost_400_learned",
        "and_acc_1_by_200",
        "all_four_100",
        "and_step0_reads_all_true",
        "and_run_like_the_log",
    ),
    flops=_train_logic_nets_flops,
)
def train_logic_nets(run_seeds, scale="quick"):
    """Every function, both variants, every seed: stacked trainings. One result per seed."""
    cfg = config.at(scale)
    return runtime.in_fixed_stacks(lambda stack: _train_logic_stack(stack, cfg), run_seeds, cfg.stack)


def _train_logic_stack(run_seeds, cfg):
    problems = [p for seed in run_seeds for p in model.logic_problem(seed, cfg)]
    models = [p for p in problems for _ in config.VARIANTS]
    trained = model.stacked_logic_training(models, [v == "original" for _ in problems for v in config.VARIANTS], cfg)
    results = []
    per_seed = len(config.FUNCTIONS) * len(config.VARIANTS)
    for s in range(len(run_seeds)):
        result = {}
        for i, (name, variant) in enumerate((n, v) for n in config.FUNCTIONS for v in config.VARIANTS):
            m = s * per_seed + i
            tag = name if variant == "original" else f"{name}_clean"
            for step_index, step in enumerate(range(0, cfg.steps, cfg.log_every)):
                if step in config.LOGGED_STEPS:
                    result[f"{tag}_cost_{step}"] = float(trained["cost"][step_index, m])
                    result[f"{tag}_train_acc_{step}"] = float(trained["train_acc"][step_index, m])
                    result[f"{tag}_valid_acc_{step}"] = float(trained["valid_acc"][step_index, m])
            result[f"{tag}_test_acc"] = float(trained["test_acc"][m])
            result[f"{tag}_test_100"] = bool(trained["test_acc"][m] == 1.0)
            result[f"{tag}_cost_curve"] = trained["cost"][:, m]
            if variant == "original":
                result[f"{name}_input_drift"] = float(trained["drift"][m])
        learned = result["and_test_100"]
        for step in (200, 400):
            result[f"and_cost_{step}_learned"] = result[f"and_cost_{step}"] if learned else None
        result["and_acc_1_by_200"] = (
            all(result[f"and_{kind}_acc_{step}"] == 1.0 for kind in ("train", "valid") for step in (200, 400))
            if learned
            else None
        )
        for name in config.FUNCTIONS:
            result[f"{name}_quirk_changes_outcome"] = result[f"{name}_test_100"] != result[f"{name}_clean_test_100"]
        result["all_four_100"] = all(result[f"{name}_test_100"] for name in config.FUNCTIONS)
        result["and_step0_reads_all_true"] = bool(
            abs(result["and_train_acc_0"] - 0.25) < 0.05 and abs(result["and_valid_acc_0"] - 0.75) < 0.05
        )
        # the log is one run: its step 0 line, and 1.000 at steps 200 and 400 of a run that learned AND
        result["and_run_like_the_log"] = bool(
            result["and_step0_reads_all_true"] and learned and result["and_acc_1_by_200"]
        )
        results.append(result)
    return results


def _train_k9_flops(scale):
    """One seed: an SGD step per sample and epoch through the 2-3-2 net, then the two ff calls."""
    cfg = config.at(scale)
    return (TRAINED * cfg.k9_epochs * cfg.k9_samples + 2) * dense(cfg.k9_widths)


@measurement(
    "logic:train_k9",
    seeds_at_once=True,
    metrics=("ff_1_1", "ff_1_0", "largest_error", "largest_zero_output"),
    flops=_train_k9_flops,
)
def train_k9(run_seeds, scale="quick"):
    """(nand-gen 1000) -> train-epochs 500 at lr 0.5, then (ff [1 1]) and (ff [1 0]).

    One sigmoid net per seed, all seeds stepped together (each sees its own samples in its own
    order); float64 like Clojure's doubles; squared error, one update per sample.
    """
    cfg = config.at(scale)
    runtime.seed_everything(run_seeds[0])
    rngs = [np.random.default_rng(seed) for seed in run_seeds]
    bits = np.stack([rng.integers(0, 2, size=(cfg.k9_samples, 2)) for rng in rngs]).astype(np.float64)
    a, b = bits[..., 0], bits[..., 1]
    targets = np.stack([a * b, 1 - a * b], axis=-1)  # [AND, NAND]
    w, c = model.k9_nets(rngs, cfg)
    model.k9_train(w, c, bits, targets, cfg.k9_epochs, cfg.k9_rate)

    def ff(point):
        return model.k9_forward(w, c, np.broadcast_to(np.array(point, np.float64), (len(run_seeds), 2)))[1]

    out_11, out_10 = ff([1, 1]), ff([1, 0])
    results = []
    for s in range(len(run_seeds)):
        result = {"ff_1_1": tuple(map(float, out_11[s])), "ff_1_0": tuple(map(float, out_10[s]))}
        # the largest distance of the four outputs from their targets: the one-hot pattern when small
        result["largest_error"] = float(max(np.abs(out_11[s] - [1, 0]).max(), np.abs(out_10[s] - [0, 1]).max()))
        result["largest_zero_output"] = float(max(out_11[s][1], out_10[s][0]))  # the post's read 1.1e-6, 1.2e-5
        results.append(result)
    return results
