"""Data sets shared by several posts (MNIST)."""
