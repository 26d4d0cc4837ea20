"""First Steps with TensorFlow and Deep Learning (post 003, Ben Kamphaus): softmax, logic functions. Claims logic.*."""
