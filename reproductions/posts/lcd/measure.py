"""LCD digits' measurements: what the intro's feature counts, how the linear model learns the 5x5
glyphs (and what Fig 2 and Fig 3 read off it), how it fares once the digits move, and how the
nets beyond it read placements they never saw.

Source: 000 (sentimos), "Understanding Convolutional Neural Networks" (the series overview), "How
to recognize a digit" and "Dealing with inexact data"; original code sentimos/lcd linreg.ipynb
(f0b01b2, the version whose stored output matches the post) and linreg-large.ipynb (59ff553).
What the post reads off a trained model is in readings.py.
"""

import numpy as np

from ...suite import runtime
from ...suite.measurements import measurement, no_matrix_product
from . import config, model
from .config import DIGITS, JITTER_IMAGE, LARGE_IMAGE, SEEN_OFFSETS, SHAPE, SIZES, SPLIT_MODELS
from .data import every_placement, generate_images, glyph, images_of, split_placements, stacked_images
from .readings import (
    ACCURACY_READINGS,
    accuracy_readings,
    confusion,
    confusions_in_post_groups,
    placement_accuracy,
    position_selectivity,
    post_groups_rank,
    w_features,
)


@measurement(
    "lcd:feature_count",
    metrics=("lines_in_0", "lines_in_1", "lines_in_8", "eight_reads_as_zero"),
    flops=no_matrix_product,
)
def feature_count(seed, scale="quick"):
    counts = {d: model.vertical_lines(glyph(d)) for d in range(DIGITS)}
    return {
        "lines_in_0": counts[0],
        "lines_in_1": counts[1],
        "lines_in_8": counts[8],
        "eight_reads_as_zero": counts[8] == counts[0],
        "glyph_0": glyph(0),
        "glyph_1": glyph(1),
    }


# ---- 5x5: "How to recognize a digit" ------------------------------------------------------------------
@measurement(
    "lcd:train_lcd5",
    seeds_at_once=True,
    metrics=(
        "acc_after_5",
        "acc_final",
        "confusions_in_post_groups",
        "post_groups_rank",
        "zero_negative_middle_bar",
        "one_selects_right_column",
        "one_penalizes_top_and_middle",
        "three_negative_on_8_pixels",
        "three_most_negative_are_8_pixels",
        "three_positive_on_its_bars",
        "fig3_all_readings",
    ),
    flops=model.lcd5_flops,
)
def train_lcd5(run_seeds, scale="quick"):
    cfg = config.at(scale)
    return runtime.in_fixed_stacks(lambda stack: _train_lcd5_stack(stack, cfg), run_seeds, cfg.stack)


def _train_lcd5_stack(run_seeds, cfg):
    rngs = [np.random.default_rng(seed) for seed in run_seeds]
    images, labels, _ = stacked_images(rngs, cfg.examples, SHAPE)
    schedules = np.stack([model.batch_schedule(rng, cfg.examples, cfg.steps, cfg.batch) for rng in rngs])
    predictions, w, _ = model.train_linear(images, labels, schedules, (cfg.first_steps, cfg.steps), cfg.learning_rate)
    results = []
    for s in range(len(run_seeds)):
        early = confusion(labels[s], predictions[0, s])
        columns = w[s].T.reshape(DIGITS, SHAPE, SHAPE)
        results.append(
            {
                "acc_after_5": float(np.mean(predictions[0, s] == labels[s])),
                "acc_final": float(np.mean(predictions[1, s] == labels[s])),
                "confusions_in_post_groups": confusions_in_post_groups(early),
                "post_groups_rank": post_groups_rank(early),
                **w_features(columns),
                "confusion_after_5": early,
                "W": columns,
            }
        )
    return results


# ---- 10x10 and larger: "Dealing with inexact data" ----------------------------------------------------
@measurement(
    "lcd:train_jitter10",
    seeds_at_once=True,
    metrics=(
        *ACCURACY_READINGS,
        *(f"{name}_20x20" for name in ACCURACY_READINGS),
        "test_seen_in_training",
        "position_selectivity",
        "seen_placement_acc",
        "unseen_placement_acc",
        "unseen_lift_over_seen",
    ),
    flops=model.jitter10_flops,
)
def train_jitter10(run_seeds, scale="quick"):
    """100 jittered digits, 10x10 (the post's text) and 20x20 (linreg-large.ipynb, which printed the
    post's other jitter numbers), read at 5 and 95 steps (linreg.ipynb), 1,000 (linreg-large) and 20,000."""
    cfg = config.at(scale)
    return runtime.in_fixed_stacks(lambda stack: _train_jitter10_stack(stack, cfg), run_seeds, cfg.stack)


def _train_jitter10_stack(run_seeds, cfg):
    evals = (cfg.first_steps, cfg.steps, cfg.jitter_steps, cfg.train_to_100)
    results = [{} for _ in run_seeds]
    for image in (JITTER_IMAGE, LARGE_IMAGE):
        rngs = [np.random.default_rng(seed if image == JITTER_IMAGE else [seed, image]) for seed in run_seeds]
        images, labels, positions = stacked_images(rngs, cfg.examples, image)
        test_images, test_labels, test_positions = stacked_images(rngs, cfg.test_examples, image)
        schedules = np.stack([model.batch_schedule(rng, cfg.examples, cfg.train_to_100, cfg.batch) for rng in rngs])
        probe_images, probe_labels, probe_positions = every_placement(image, len(run_seeds))
        # the test and probe images ride along for prediction only: the schedules index the first 100
        everything = np.concatenate([images, test_images, probe_images], axis=1)
        every_label = np.concatenate([labels, test_labels, probe_labels], axis=1)
        predictions, w, _ = model.train_linear(everything, every_label, schedules, evals, cfg.learning_rate)
        ends = np.cumsum([cfg.examples, cfg.test_examples])
        train, test, probe = np.split(predictions, ends, axis=2)
        for s, result in enumerate(results):
            acc = {steps: float(np.mean(train[i, s] == labels[s])) for i, steps in enumerate(evals)}
            test_acc = {steps: float(np.mean(test[i, s] == test_labels[s])) for i, steps in enumerate(evals)}
            if image == LARGE_IMAGE:
                result.update({f"{name}_20x20": value for name, value in accuracy_readings(acc, test_acc, cfg).items()})
                continue
            columns = w[s].T.reshape(DIGITS, image, image)
            seen = set(zip(labels[s], *positions[s].T))
            result.update(
                {
                    **accuracy_readings(acc, test_acc, cfg),
                    "test_seen_in_training": float(
                        np.mean([(d, r, c) in seen for d, (r, c) in zip(test_labels[s], test_positions[s])])
                    ),
                    **position_selectivity(columns, labels[s], positions[s]),
                    **placement_accuracy(probe[-1, s], probe_labels[s], probe_positions[s], seen),
                    "W": columns,
                }
            )
    return results


# ---- "more data, lower accuracy": training accuracy after a fixed number of steps ---------------------
def _sizes_metrics():
    """The metric names of train_jitter_sizes, in the order _train_sizes_stack fills them."""
    for image in (JITTER_IMAGE, LARGE_IMAGE):
        for n in SIZES:
            yield from (f"acc_{n}_{image}x{image}", f"epochs_{n}_{image}x{image}")
        tag = f"{SIZES[-1]}_{image}x{image}"
        yield from (f"acc_{tag}_long", f"recall_1_{tag}", f"best_other_recall_{tag}")


@measurement("lcd:train_jitter_sizes", seeds_at_once=True, metrics=tuple(_sizes_metrics()), flops=model.sizes_flops)
def train_jitter_sizes(run_seeds, scale="quick"):
    """500 and 5,000 examples at 10x10 and 20x20, 1,000 steps each (and 10,000 for 5,000)."""
    cfg = config.at(scale)
    return runtime.in_fixed_stacks(lambda stack: _train_sizes_stack(stack, cfg), run_seeds, cfg.stack)


def _train_sizes_stack(run_seeds, cfg):
    results = [{} for _ in run_seeds]
    for image in (JITTER_IMAGE, LARGE_IMAGE):
        for n in SIZES:
            rngs = [np.random.default_rng([seed, image, n]) for seed in run_seeds]
            images, labels, _ = stacked_images(rngs, n, image)
            steps = cfg.long_steps if n == 5000 else cfg.jitter_steps
            schedules = np.stack([model.batch_schedule(rng, n, steps, cfg.batch) for rng in rngs])
            evals = (cfg.jitter_steps, cfg.long_steps) if n == 5000 else (cfg.jitter_steps,)
            predictions, _, _ = model.train_linear(images, labels, schedules, evals, cfg.learning_rate)
            tag = f"{n}_{image}x{image}"
            for s, result in enumerate(results):
                result[f"acc_{tag}"] = float(np.mean(predictions[0, s] == labels[s]))
                result[f"epochs_{tag}"] = cfg.jitter_steps * cfg.batch / n
                if n == 5000:
                    result[f"acc_{tag}_long"] = float(np.mean(predictions[1, s] == labels[s]))
                    recall = [np.mean(predictions[0, s][labels[s] == d] == d) for d in range(DIGITS)]
                    result[f"recall_1_{tag}"] = float(recall[1])
                    result[f"best_other_recall_{tag}"] = float(max(recall[:1] + recall[2:]))
                    result[f"confusion_{tag}"] = confusion(labels[s], predictions[0, s])
    return results


@measurement(
    "lcd:train_beyond_linear",
    seeds_at_once=True,
    # one name per net, split and score, as _train_beyond_stack fills them, then the comparisons
    metrics=(
        *(f"params_{net}" for net in ("linear", "dnn", "cnn", "cnn_pool")),
        *(
            f"{net}_{split}_{score}_acc"
            for split, nets in SPLIT_MODELS.items()
            for net in nets
            for score in ("test", "train")
        ),
        *(f"{net}_fresh_test_acc" for net in SPLIT_MODELS["random"]),
        "training_steps",
    ),
    flops=model.beyond_linear_flops,
)
def train_beyond_linear(run_seeds, scale="quick"):
    cfg = config.at(scale)
    return runtime.in_fixed_stacks(lambda stack: _train_beyond_stack(stack, cfg), run_seeds, cfg.stack)


def _train_beyond_stack(run_seeds, cfg):
    all_offsets = np.arange(JITTER_IMAGE - SHAPE + 1)
    splits = {"random": [], "shifted": []}
    fresh = []
    for seed in run_seeds:
        rng = np.random.default_rng(seed)
        splits["random"].append(split_placements(rng, all_offsets, cfg.net_examples))
        splits["shifted"].append(split_placements(rng, all_offsets[:SEEN_OFFSETS], cfg.net_examples))
        fresh.append(generate_images(np.random.default_rng([seed, 3]), cfg.fresh_examples, JITTER_IMAGE)[:2])
    sizes = {f"params_{m}": model.parameter_count(m) for m in model.MODELS}
    results = [sizes | {"training_steps": cfg.net_steps} for _ in run_seeds]
    fresh_x, fresh_y = np.stack([f[0] for f in fresh]), np.stack([f[1] for f in fresh])
    for split, pairs in splits.items():
        train = [images_of(t) for t, _ in pairs]
        # test sets differ in size per seed: score each seed on its own
        tests = [images_of(u) for _, u in pairs]
        x = np.stack([t[0] for t in train])
        labels = np.stack([t[1] for t in train])
        for net in SPLIT_MODELS[split]:
            read = model.PATCHED.get(net, lambda images: images)
            rngs = [np.random.default_rng([seed, len(net), len(split)]) for seed in run_seeds]
            inputs = np.stack([read(xi) for xi in x])
            predict = model.train_net(net, rngs, inputs, labels, cfg)
            train_predicted = predict(inputs)
            for s, (result, (test_x, test_y)) in enumerate(zip(results, tests)):
                # pad the test set to one shape per stack: the seed's own model scores its own images
                test_inputs = read(test_x)
                stacked = np.broadcast_to(test_inputs, (len(run_seeds),) + test_inputs.shape)
                result[f"{net}_{split}_test_acc"] = float(np.mean(predict(stacked)[s] == test_y))
                result[f"{net}_{split}_train_acc"] = float(np.mean(train_predicted[s] == labels[s]))
            if split == "random":  # the post's yardstick: fresh random images, seen placements included
                fresh_predicted = predict(np.stack([read(xi) for xi in fresh_x]))
                for s, result in enumerate(results):
                    result[f"{net}_fresh_test_acc"] = float(np.mean(fresh_predicted[s] == fresh_y[s]))
    return results
