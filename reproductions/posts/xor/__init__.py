"""Understanding XOR with Keras and TensorFlow (post 004, thoughtram). Claims xor.*."""
