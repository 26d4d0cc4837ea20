"""LCD digits: the glyphs and the jittered images every LCD model reads.

Source: 000 (sentimos), "How to recognize a digit" and "Dealing with inexact data"; original code
sentimos/lcd linreg.ipynb (f0b01b2) and linreg-large.ipynb (59ff553): the Lcd class and
GenerateImages. A digit is a 5x5 binary glyph (the original's "1" is the right-hand column),
placed at a random offset in a larger image.
"""

import numpy as np

from .config import DIGITS, JITTER_IMAGE, SHAPE

# glyph strokes as in the original Lcd class (Python 2: half = size / 2 = 2 for size 5)
TOP, MIDDLE, BOTTOM, LEFT, RIGHT, UPPER_LEFT, UPPER_RIGHT, LOWER_LEFT, LOWER_RIGHT = range(9)
STROKES = {
    0: (TOP, BOTTOM, LEFT, RIGHT),
    1: (RIGHT,),
    2: (TOP, UPPER_RIGHT, MIDDLE, BOTTOM, LOWER_LEFT),
    3: (TOP, MIDDLE, BOTTOM, RIGHT),
    4: (UPPER_LEFT, MIDDLE, RIGHT),
    5: (TOP, UPPER_LEFT, MIDDLE, LOWER_RIGHT, BOTTOM),
    6: (LEFT, MIDDLE, BOTTOM, LOWER_RIGHT),
    7: (TOP, RIGHT),
    8: (TOP, BOTTOM, LEFT, RIGHT, MIDDLE),
    9: (TOP, RIGHT, MIDDLE, UPPER_LEFT),
}


def glyph(digit, size=SHAPE):
    g = np.zeros((size, size), np.float32)
    half, last = size // 2, size - 1
    cells = {
        TOP: (0, slice(None)),
        MIDDLE: (half, slice(None)),
        BOTTOM: (last, slice(None)),
        LEFT: (slice(None), 0),
        RIGHT: (slice(None), last),
        UPPER_LEFT: (slice(0, half), 0),
        UPPER_RIGHT: (slice(0, half), last),
        LOWER_LEFT: (slice(half, size), 0),
        LOWER_RIGHT: (slice(half, size), last),
    }
    for stroke in STROKES[digit]:
        g[cells[stroke]] = 1
    return g


def place(digit, image, row, col):
    out = np.zeros((image, image), np.float32)
    out[row : row + SHAPE, col : col + SHAPE] = glyph(digit)
    return out


def generate_images(rng, n, image, offsets=None):
    """GenerateImages: digit i % 10 at a uniformly random offset (rows, then columns)."""
    digits = np.arange(n) % DIGITS
    if offsets is None:
        offsets = np.arange(image - SHAPE + 1)
    positions = rng.choice(offsets, size=(n, 2))
    images = np.stack([place(d, image, r, c).ravel() for d, (r, c) in zip(digits, positions)])
    return images, digits, positions


def stacked_images(rngs, n, image):
    """One generated set per seed, stacked: images (S, n, p), labels (S, n), positions (S, n, 2)."""
    data = [generate_images(rng, n, image) for rng in rngs]
    return tuple(np.stack([d[k] for d in data]) for k in range(3))


def all_placements(image, offsets):
    """Every (digit, row, col) with row and col from offsets: the whole universe of jittered digits."""
    return [(d, r, c) for d in range(DIGITS) for r in offsets for c in offsets]


def images_of(placements, image=JITTER_IMAGE):
    x = np.stack([place(d, image, r, c).ravel() for d, r, c in placements]).astype(np.float32)
    return x, np.array([d for d, _, _ in placements])


def patches(images, image=JITTER_IMAGE):
    """(n, image*image) -> (n, positions, 25): the 5x5 windows a 'full' convolution looks at.

    The image is zero-padded by 4 on each side, so a digit anywhere in it is seen through the same
    set of windows (all its shifts, partial ones included): the max over positions is then exactly
    translation invariant.
    """
    grid = np.pad(images.reshape(-1, image, image), ((0, 0), (SHAPE - 1, SHAPE - 1), (SHAPE - 1, SHAPE - 1)))
    windows = np.lib.stride_tricks.sliding_window_view(grid, (SHAPE, SHAPE), axis=(1, 2))
    return windows.reshape(len(images), -1, SHAPE * SHAPE)


def same_patches(images, image=JITTER_IMAGE):
    """(n, image*image) -> (n, image*image, 25): the 5x5 windows of a "same" convolution, row by row
    (zero padding of 2), so the response map keeps the image's shape and position."""
    pad = SHAPE // 2
    grid = np.pad(images.reshape(-1, image, image), ((0, 0), (pad, pad), (pad, pad)))
    windows = np.lib.stride_tricks.sliding_window_view(grid, (SHAPE, SHAPE), axis=(1, 2))
    return windows.reshape(len(images), -1, SHAPE * SHAPE)


def every_placement(image, seeds):
    """Each digit at each offset once (10 x 36 at 10x10), the same for every stacked seed."""
    offsets = range(image - SHAPE + 1)
    cases = [(d, r, c) for d in range(DIGITS) for r in offsets for c in offsets]
    images = np.stack([place(d, image, r, c).ravel() for d, r, c in cases])
    labels, positions = np.array([d for d, _, _ in cases]), np.array([(r, c) for _, r, c in cases])
    return tuple(np.repeat(a[None], seeds, axis=0) for a in (images, labels, positions))


def split_placements(rng, offsets, examples):
    """Training draws from the placements with the given offsets; the test set is every placement
    of the universe that no training image shows."""
    universe = all_placements(JITTER_IMAGE, range(JITTER_IMAGE - SHAPE + 1))
    digits = np.arange(examples) % DIGITS
    rows, cols = rng.choice(offsets, size=(2, examples))
    train = list(zip(digits.tolist(), rows.tolist(), cols.tolist()))
    seen = set(train)
    return train, [p for p in universe if p not in seen]
