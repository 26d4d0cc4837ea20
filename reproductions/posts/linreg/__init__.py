"""Linear regression recovering w and b (post 000, sentimos). Claims linreg.*."""
