"""Learn TensorFlow Now's measurements, one per group of posts: LTFN 1-3 train the fully connected
nets; LTFN 2's graph behaviour is probed directly; LTFN 5-6 train the ConvNet under each
initializer, beside the controlled ablation against the FC net.

Source: 001 (Josh Varty), "Learn TensorFlow Now" parts 1-6; original code JoshVarty/
LearnTensorFlowNow (1_basic.py 0c90759, 2_graph.py e01a536, 3_deeper.py 49d3dda,
4_convolutions.py c204044, 0_convolutions_weights*.py, 5_weight_initialization.py ef9293c).
LTFN 6's comparison changed the learning rate 10,000-fold along with the initializer; the
controlled ablation holds everything but the initializer fixed, against the FC net.
"""

import numpy as np

from ...data import mnist
from ...suite import runtime
from ...suite.measurements import dense, matmul, measurement
from . import config, model


# ---- LTFN 1-3 -------------------------------------------------------------------------------------
def fc_part(part, seed, scale):
    """One of LTFN 1-3's nets trained for its part's steps, as the metrics of that part."""
    hidden, lr = config.FC[part]
    steps = config.at(scale).fc_steps(part)
    run = model.fc_run(np.random.default_rng([seed, len(hidden), steps]), "normal", hidden, lr, steps, scale)
    costs = run["costs"]
    out = {
        f"{part}_first_cost": float(costs[0]),
        f"{part}_last_cost": float(costs[-1]),
        f"{part}_cost_ratio": float(costs[-100:].mean() / costs[:100].mean()),  # last 100 steps over first 100
    }
    for kind in ("clean", "as_posted"):
        out[f"{part}_{kind}_test_acc"] = 100 * run[f"{kind}_acc"]
        out[f"{part}_{kind}_test_cost"] = run[f"{kind}_cost"]
    out[f"{part}_test_time_training_gain"] = 100 * (run["as_posted_acc"] - run["clean_acc"])
    out[f"{part}_eval_moved_weights"] = run["eval_moved_weights"]
    out[f"{part}_costs"] = costs
    return out


FC_RUN_METRICS = (  # what fc_part returns for each part, after its part's name
    "first_cost",
    "last_cost",
    "cost_ratio",
    *(f"{kind}_test_{q}" for kind in ("clean", "as_posted") for q in ("acc", "cost")),
    "test_time_training_gain",
    "eval_moved_weights",
)
LTFN12_METRICS = ("data", *(f"{part}_{m}" for part in ("ltfn1", "ltfn2") for m in FC_RUN_METRICS))


def _fc_part_flops(part, scale):
    """One of LTFN 1-3's nets: its part's training steps, then the clean test pass and the one that trains."""
    hidden, _ = config.FC[part]
    return model.run_flops(dense((784, *hidden, 10)), config.at(scale).fc_steps(part), scale)


def _train_softmax_parts_flops(scale):
    """One seed: LTFN 1 and 2's 784-10 nets, each trained, then tested clean and as posted."""
    return _fc_part_flops("ltfn1", scale) + _fc_part_flops("ltfn2", scale)


@measurement("ltfn:train_softmax_parts", metrics=LTFN12_METRICS, flops=_train_softmax_parts_flops)
def train_softmax_parts(seed, scale="quick"):
    """LTFN 1 and 2: the 784-10 net for 1,000 and 2,000 steps. Their documented protocol costs what
    the quick one does, so the claims that read it run it wherever full MNIST is here."""
    runtime.seed_everything(seed)
    out = {"data": mnist.for_scale(scale).name}
    for part in ("ltfn1", "ltfn2"):
        out.update(fc_part(part, seed, scale))
    return out


def _train_fc_parts_flops(scale):
    """One seed: train_softmax_parts' runs, then LTFN 3's 784-500-500-10 net the same way."""
    return _train_softmax_parts_flops(scale) + _fc_part_flops("ltfn3", scale)


@measurement(
    "ltfn:train_fc_parts",
    metrics=(
        *LTFN12_METRICS,
        *(f"ltfn3_{m}" for m in FC_RUN_METRICS),
    ),
    flops=_train_fc_parts_flops,
)
def train_fc_parts(seed, scale="quick"):
    """LTFN 3's 784-500-500-10 net, beside LTFN 1 and 2's nets trained on the same data and seed."""
    out = train_softmax_parts(seed, scale)  # seeds everything; the same nets, data and draws as LTFN 1-2 alone
    out.update(fc_part("ltfn3", seed, scale))
    return out


# ---- LTFN 2's graph: pruning and a None batch dimension --------------------------------------------
def _graph_behaviour_flops(scale):
    """The logits' products: 3 zero images, then batches of 1, 10 and 283 (the runs that fail, the
    optimizer's without labels and the fixed placeholder's, counted as none)."""
    return matmul(3 + 1 + 10 + 283, 784, 10)


@measurement(
    "ltfn:graph_behaviour",
    metrics=(
        "logits_without_labels",
        "logits_leave_weights",
        "optimizer_needs_labels",
        "none_batch_accepts",
        "fixed_batch_rejects_all",
    ),
    flops=_graph_behaviour_flops,
)
def graph_behaviour(seed, scale="quick"):
    """In tf.compat.v1 graph mode: what fetching logits needs and runs; which batch sizes fit."""
    tf = runtime.tensorflow()
    v1 = tf.compat.v1
    out = {}
    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(seed)
        images = v1.placeholder(tf.float32, shape=(None, 784))
        labels = v1.placeholder(tf.float32, shape=(None, 10))
        fixed = v1.placeholder(tf.float32, shape=(config.GRAPH_FIXED_BATCH, 784))
        weights = tf.Variable(v1.random_normal((784, 10)))
        bias = tf.Variable(tf.zeros(10))
        logits = tf.matmul(images, weights) + bias
        fixed_logits = tf.matmul(fixed, weights) + bias
        cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
        optimizer = v1.train.GradientDescentOptimizer(0.01).minimize(cost)
        with v1.Session(graph=graph) as session:
            session.run(v1.global_variables_initializer())
            before = session.run(weights)
            zeros = np.zeros((3, 784), np.float32)
            session.run(logits, feed_dict={images: zeros})
            out["logits_without_labels"] = True
            out["logits_leave_weights"] = bool(np.array_equal(before, session.run(weights)))
            try:
                session.run(optimizer, feed_dict={images: zeros})
                out["optimizer_needs_labels"] = False
            except tf.errors.InvalidArgumentError:
                out["optimizer_needs_labels"] = True
            shapes = [
                session.run(logits, feed_dict={images: np.zeros((n, 784), np.float32)}).shape[0] for n in (1, 10, 283)
            ]
            out["none_batch_accepts"] = tuple(shapes)
            rejected = 0
            for n in (1, 10, 283):
                try:
                    session.run(fixed_logits, feed_dict={fixed: np.zeros((n, 784), np.float32)})
                except ValueError:
                    rejected += 1
            out["fixed_batch_rejects_all"] = rejected == 3
    return out


# ---- LTFN 5-6: the ConvNet and its initialization ---------------------------------------------------
def std_ratios(stds):
    """Std of each conv layer's pre-activations over the one before it (layers 1 to 4)."""
    return [b / a for a, b in zip(stds[:3], stds[1:4])]


LAYER_STATISTICS = ("layer_std", "layer_range", "layer_median_abs", "layer_p95_abs", "growth_1_to_4")


def _train_convnets_flops(scale):
    """One seed: LTFN 5 and the x0.01 net at lr 1e-7, the ablation's ConvNet and FC arms (each run
    trained, then tested clean and as posted), the full-width activations of each init and the
    trained ones, on HISTOGRAM_IMAGES; at the documented scale, LTFN 3's net under its own protocol."""
    cfg = config.at(scale)
    conv = model.conv_forward_flops(cfg.conv_widths)
    conv_arms = len(config.ABLATION_INITS + config.ABLATION_CONV_ONLY)
    fc = dense((784, *cfg.ablation_fc_hidden, 10))
    return (
        2 * model.run_flops(conv, cfg.tiny_lr_steps, scale)
        + conv_arms * model.run_flops(conv, cfg.conv_steps, scale)
        + len(config.ABLATION_INITS) * model.run_flops(fc, cfg.conv_steps, scale)
        + config.HISTOGRAM_IMAGES * (len(model.INITS) * model.conv_forward_flops(config.DOCUMENTED.conv_widths) + conv)
        + (_fc_part_flops("ltfn3", scale) if scale == "documented" else 0)
    )


@measurement(
    "ltfn:train_convnets",
    # the names train_convnets fills, generated from the runs, arms and statistics it loops over
    metrics=(
        "data",
        *(f"{n}_{k}_test_{q}" for n in ("ltfn5", "small") for k in ("clean", "as_posted") for q in ("acc", "cost")),
        "ltfn5_test_time_training_gain",
        "ltfn5_eval_moved_weights",
        "ltfn3_net_as_posted_test_acc",
        "small_cost_minus_ln10",
        "he_test_acc",
        "he_test_cost",
        *(
            f"ablation_conv_{i}_{q}"
            for i in config.ABLATION_INITS + config.ABLATION_CONV_ONLY
            for q in ("acc", "diverged")
        ),
        *(f"ablation_fc_{i}_{q}" for i in config.ABLATION_INITS for q in ("acc", "diverged")),
        *(f"{i}_{q}" for i in model.INITS for q in LAYER_STATISTICS),
        *(f"{i}_layer{layer}_{q}" for i in ("normal", "small") for layer in (1, 4) for q in ("median_abs", "p95_abs")),
        "normal_layer1_range",
        "normal_layer4_range",
        "normal_logit_range",
        "small_logit_range",
        "he_std_ratio_max",
        "he_std_ratio_min",
        "he_trained_layer_std",
        "he_trained_std_ratio_max",
        "he_trained_std_spread",
    ),
    flops=_train_convnets_flops,
)
def train_convnets(seed, scale="quick"):
    """LTFN 5, LTFN 6 (x0.01 and VS/Xavier), and the controlled ablation, for one seed."""
    cfg = config.at(scale)
    runtime.seed_everything(seed)
    out = {"data": mnist.for_scale(scale).name}
    rng = lambda k: np.random.default_rng([seed, k])  # noqa: E731  the same draws for every arm of a seed
    ltfn5 = model.conv_run(rng(1), "normal", config.LR_LTFN5, scale)
    small = model.conv_run(rng(1), "small", config.LR_LTFN5, scale)
    lr = cfg.ablation_lr
    arms = {init: model.conv_run(rng(1), init, lr, scale) for init in config.ABLATION_INITS + config.ABLATION_CONV_ONLY}
    fc = {
        init: model.fc_run(rng(2), init, cfg.ablation_fc_hidden, lr, cfg.conv_steps, scale)
        for init in config.ABLATION_INITS
    }
    for name, run in (("ltfn5", ltfn5), ("small", small)):
        for kind in ("clean", "as_posted"):
            out[f"{name}_{kind}_test_acc"] = 100 * run[f"{kind}_acc"]
            out[f"{name}_{kind}_test_cost"] = run[f"{kind}_cost"]
    out["ltfn5_test_time_training_gain"] = out["ltfn5_as_posted_test_acc"] - out["ltfn5_clean_test_acc"]
    out["ltfn5_eval_moved_weights"] = ltfn5["eval_moved_weights"]
    # post: LTFN 5 sets its ConvNet beside LTFN 3's FC net, each under its own protocol and evaluation;
    # judged at the documented scale only (the quick N(0,1) ConvNet learns nothing), so trained there only
    ltfn3 = fc_part("ltfn3", seed, scale)["ltfn3_as_posted_test_acc"] if scale == "documented" else None
    out["ltfn3_net_as_posted_test_acc"] = ltfn3
    out["small_cost_minus_ln10"] = abs(small["as_posted_cost"] - config.LN10)
    out["he_test_acc"] = 100 * arms["he"]["clean_acc"]
    out["he_test_cost"] = arms["he"]["clean_cost"]
    for name, runs in (("conv", arms), ("fc", fc)):
        for init, run in runs.items():
            # a diverged net (non-finite cost) scores 0: its argmax over NaN logits means nothing
            out[f"ablation_{name}_{init}_acc"] = 100 * run["clean_acc"] if run["finite"] else 0.0
            out[f"ablation_{name}_{init}_diverged"] = not run["finite"]
    for init in model.INITS:
        taps = model.activation_statistics(seed, init, scale)
        stds = [float(t.std()) for t in taps]
        ranges = [float(np.abs(t).max()) for t in taps]
        out[f"{init}_layer_std"] = tuple(stds)
        out[f"{init}_layer_range"] = tuple(ranges)
        # the post reads ranges off histograms ("the majority ... within", "lie largely within"): the
        # median and 95th percentile of |value| say where most values lie, the maximum where the tail ends
        out[f"{init}_layer_median_abs"] = tuple(float(np.quantile(np.abs(t), 0.5)) for t in taps)
        out[f"{init}_layer_p95_abs"] = tuple(float(np.quantile(np.abs(t), 0.95)) for t in taps)
        out[f"{init}_growth_1_to_4"] = stds[3] / stds[0]
        out[f"{init}_taps"] = [t.ravel()[:20000] for t in taps]
    for init in ("normal", "small"):
        for layer in (1, 4):
            out[f"{init}_layer{layer}_median_abs"] = out[f"{init}_layer_median_abs"][layer - 1]
            out[f"{init}_layer{layer}_p95_abs"] = out[f"{init}_layer_p95_abs"][layer - 1]
    out["normal_layer1_range"] = out["normal_layer_range"][0]
    out["normal_layer4_range"] = out["normal_layer_range"][3]
    out["normal_logit_range"] = out["normal_layer_range"][4]
    out["small_logit_range"] = out["small_layer_range"][4]
    out["he_std_ratio_max"] = max(std_ratios(out["he_layer_std"]))
    out["he_std_ratio_min"] = min(std_ratios(out["he_layer_std"]))
    # after training (LTFN 6's VS/Xavier arm; at the quick scale the 1/16-width net of the ablation)
    trained_taps = model.trained_activations(arms["he"], scale)
    trained = [float(t.std()) for t in trained_taps]
    out["he_trained_taps"] = [t.ravel()[:20000] for t in trained_taps]
    out["he_trained_layer_std"] = tuple(trained)
    out["he_trained_std_ratio_max"] = max(std_ratios(trained))
    out["he_trained_std_spread"] = max(trained[:4]) / min(trained[:4])  # conv layers 1-4
    return out
