"""Learn TensorFlow Now 1-6 (post 001, Josh Varty): FC nets, a ConvNet, initialization. Claims ltfn*.*."""
