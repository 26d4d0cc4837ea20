"""Fig 2's reading, measured: where the post's 1/4/7/9 + 2/3 grouping ranks among all 4 + 2 groupings."""

import itertools

import numpy as np

from reproductions.posts.lcd import readings
from reproductions.posts.lcd.claims import GROUPING_STANDS_OUT


def confusions_within(groups, count=5):
    matrix = np.eye(readings.DIGITS, dtype=int) * 50
    for group in groups:
        for a, b in itertools.combinations(group, 2):
            matrix[a, b] += count
    return matrix


def test_there_are_3150_groupings_of_four_and_two_digits():
    assert len(readings.GROUPINGS) == 210 * 15 == len(set(readings.GROUPINGS))


def test_misreadings_only_inside_the_posts_groups_rank_at_the_top():
    rank = readings.post_groups_rank(confusions_within(((1, 4, 7, 9), (2, 3))))
    assert rank >= GROUPING_STANDS_OUT


def test_misreadings_elsewhere_rank_the_posts_grouping_low():
    rank = readings.post_groups_rank(confusions_within(((0, 5, 6, 8),)))
    assert rank < 0.5


def test_a_draw_without_misreadings_has_no_rank():
    assert readings.post_groups_rank(np.eye(readings.DIGITS, dtype=int) * 50) is None
