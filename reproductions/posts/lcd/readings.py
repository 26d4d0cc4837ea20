"""What the post reads off the trained linear model: its confusion matrix (Fig 2), its weights
(Fig 3 and the jittered W), which placements it reads, and the accuracies both image sizes report
at the step counts the posts read. Pure NumPy on a run's arrays; the thresholds that make a reading
a yes or a no are named here, each saying where it comes from.

Source: 000 (sentimos), "How to recognize a digit" and "Dealing with inexact data".
"""

import itertools

import numpy as np

from .config import DIGITS, JITTER_IMAGE, SHAPE


# ---- Fig 2: which digits the model mixes up ---------------------------------------------------------
def confusion(labels, predicted):
    matrix = np.zeros((DIGITS, DIGITS), int)
    np.add.at(matrix, (labels, predicted), 1)
    return matrix


POST_CONFUSED = ({1, 4, 7, 9}, {2, 3})  # post, Fig 2


def within_groups(groups):
    """The (true, predicted) cells of a confusion matrix where both digits lie in one group."""
    mask = np.zeros((DIGITS, DIGITS), bool)
    for group in groups:
        for true, predicted in itertools.permutations(group, 2):
            mask[true, predicted] = True
    return mask


def confusions_in_post_groups(matrix):
    """Share of misread images whose true and predicted digits lie in one of the post's groups.

    By chance (a misreading equally likely to be any other digit) the share is 14/90 = 0.16.
    """
    wrong = matrix.sum() - np.trace(matrix)
    if wrong == 0:
        return None
    return float(matrix[within_groups(POST_CONFUSED)].sum() / wrong)


def _groupings():
    """Every way to pick a group of 4 digits and a group of 2 others, as the post's Fig 2 reading does."""
    digits = range(DIGITS)
    return [
        (four, two)
        for four in itertools.combinations(digits, 4)
        for two in itertools.combinations([d for d in digits if d not in four], 2)
    ]


GROUPINGS = _groupings()  # 210 x 15 = 3,150
GROUPING_CELLS = np.stack([within_groups(grouping) for grouping in GROUPINGS])


def post_groups_rank(matrix):
    """Where the post's grouping stands among all 3,150 groupings of 4 + 2 digits, by the misreadings
    inside its groups: the fraction of groupings with fewer (ties count half). 0.5 is what a model
    whose misreadings ignore the post's groups gives on average."""
    if matrix.sum() == np.trace(matrix):
        return None
    post = matrix[within_groups(POST_CONFUSED)].sum()
    others = (GROUPING_CELLS * matrix).sum(axis=(1, 2))
    return float((np.sum(others < post) + 0.5 * np.sum(others == post)) / len(others))


# ---- Fig 3: the weights of 0, 1 and 3 ----------------------------------------------------------------
def w_features(columns):
    """The post's reading of Fig 3, as signs of W on the pixels it names (rows, columns of the glyph)."""
    zero, one, three = columns[0], columns[1], columns[3]
    makes_3_an_8 = [(1, 0), (3, 0)]  # the left-column pixels 8 has and 3 lacks
    readings = {
        "zero_negative_middle_bar": bool(zero[2, 1:4].mean() < 0),
        "one_selects_right_column": bool(one[:, -1].mean() > one[:, :-1].mean()),
        "one_penalizes_top_and_middle": bool(one[0, :-1].mean() < 0 and one[2, :-1].mean() < 0),
        "three_negative_on_8_pixels": bool(all(three[p] < 0 for p in makes_3_an_8)),
        "three_most_negative_are_8_pixels": sorted(np.argsort(three.ravel())[:2].tolist())
        == sorted(r * SHAPE + c for r, c in makes_3_an_8),
        "three_positive_on_its_bars": bool(all(three[r, 1:4].mean() > 0 for r in (0, 2, 4))),
    }
    # the figure is one run's W: does this run show every reading the post makes of it at once
    readings["fig3_all_readings"] = all(readings[name] for name in FIG3_READINGS)
    return readings


FIG3_READINGS = (
    "zero_negative_middle_bar",
    "one_selects_right_column",
    "one_penalizes_top_and_middle",
    "three_most_negative_are_8_pixels",
    "three_positive_on_its_bars",
)


# ---- the jittered W: positions, not shapes -----------------------------------------------------------
def footprints(labels, positions, digit, image=JITTER_IMAGE):
    """Where the training images of a digit were: how often each pixel lay inside its 5x5 box."""
    out = np.zeros((image, image))
    for r, c in positions[labels == digit]:
        out[r : r + SHAPE, c : c + SHAPE] += 1
    return out


def _correlation(a, b):
    """Pearson correlation; 0 when either side is constant (an untrained W)."""
    if np.std(a) == 0 or np.std(b) == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def position_selectivity(columns, labels, positions):
    """Does W_d follow where digit d's training images were, more than where the others were?

    Correlation of each class's W with the footprint of its own training images, minus the mean
    correlation with the other digits' footprints. A shape detector would score about 0.
    """
    prints = [footprints(labels, positions, d).ravel() for d in range(DIGITS)]
    gaps = []
    for d in range(DIGITS):
        corr = [_correlation(columns[d].ravel(), p) for p in prints]
        gaps.append(corr[d] - np.mean([c for e, c in enumerate(corr) if e != d]))
    return {"position_selectivity": float(np.mean(gaps))}


def placement_accuracy(predicted, labels, positions, seen):
    """ "It learned positions of all 100 digits, not how to recognize them": accuracy over every
    placement a training image showed against every placement none did, and how far above chance the
    unseen ones read as a share of how far the seen ones do (0: at chance; 1: as well as the seen)."""
    shown = np.array([(d, r, c) in seen for d, (r, c) in zip(labels, positions)])
    right = predicted == labels
    seen_acc, unseen_acc = float(np.mean(right[shown])), float(np.mean(right[~shown]))
    chance = 1 / DIGITS
    return {
        "seen_placement_acc": seen_acc,
        "unseen_placement_acc": unseen_acc,
        "unseen_lift_over_seen": (unseen_acc - chance) / (seen_acc - chance) if seen_acc != chance else float("nan"),
    }


# ---- the accuracies both image sizes report ----------------------------------------------------------
def accuracy_readings(acc, test_acc, cfg):
    """What both image sizes report: training and test accuracy at the step counts the posts read
    (whether a run has fitted its training images is the claims' subset ``fitted``)."""
    return {
        "acc_5_steps": acc[cfg.first_steps],
        "acc_95_steps": acc[cfg.steps],
        "acc_after_1000": acc[cfg.jitter_steps],
        "test_acc_at_95": test_acc[cfg.steps],
        "test_acc_at_1000": test_acc[cfg.jitter_steps],
        "acc_final_train": acc[cfg.train_to_100],
        "test_acc": test_acc[cfg.train_to_100],
    }


ACCURACY_READINGS = (  # the keys accuracy_readings returns (the engine refuses a run whose keys differ from the declaration)
    "acc_5_steps",
    "acc_95_steps",
    "acc_after_1000",
    "test_acc_at_95",
    "test_acc_at_1000",
    "acc_final_train",
    "test_acc",
)
