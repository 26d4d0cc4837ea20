"""LCD digits (post 000, sentimos): glyphs, a linear softmax model, what does better. Claims lcd.*."""
