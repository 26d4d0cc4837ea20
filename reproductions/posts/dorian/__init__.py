"""Understanding TensorFlow with MNIST (post 002, Dorian Brown): matrix inversion, a softmax classifier, optimal inputs. Claims dorian.*."""
