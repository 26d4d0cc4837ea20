"""Fig 2's reading, measured: where the post's 1/4/7/9 + 2/3 grouping ranks among all 4 + 2 groupings."""

import itertools

import numpy as np

from reproductions.posts.lcd import linear


def confusions_within(groups, count=5):
    matrix = np.eye(linear.DIGITS, dtype=int) * 50
    for group in groups:
        for a, b in itertools.combinations(group, 2):
            matrix[a, b] += count
    return matrix


def test_there_are_3150_groupings_of_four_and_two_digits():
    assert len(linear.GROUPINGS) == 210 * 15 == len(set(linear.GROUPINGS))


def test_misreadings_only_inside_the_posts_groups_rank_at_the_top():
    rank = linear.post_groups_rank(confusions_within(((1, 4, 7, 9), (2, 3))))
    assert rank >= linear.TOP_PERCENT


def test_misreadings_elsewhere_rank_the_posts_grouping_low():
    rank = linear.post_groups_rank(confusions_within(((0, 5, 6, 8),)))
    assert rank < 0.5


def test_a_draw_without_misreadings_has_no_rank():
    assert linear.post_groups_rank(np.eye(linear.DIGITS, dtype=int) * 50) is None
