"""XNOR from hand-set neurons, the vectorization speedup, a trained 2-2-1 net (post 000, sentimos). Claims xnor.*."""
