"""Logic functions with small neural nets, and the softmax that reads their outputs.

Source: 003 (Ben Kamphaus), "First Steps with TensorFlow and Deep Learning"; original code
benkamphaus/tf-examples logic_nets.py (6ec78f3). The extracted post text lost its minus signs
(``[2 4 0.0001]`` is ``[2 -4 0.0001]``, ``E-4`` reads ``E4``); the catalog restores them.
Claims: logic.softmax.examples.

The post defines softmax in Clojure as exp(x) / sum(exp(x)) and prints it for two vectors with
double precision. TensorFlow's softmax in float64 must give the same digits.
"""

import numpy as np

from . import runtime

# ---- config -------------------------------------------------------------------------------------
SOFTMAX_INPUTS = {
    "softmax_8_023_012": (8.0, 0.23, 0.12),       # post
    "softmax_2_m4_00001": (2.0, -4.0, 0.0001),    # post, minus sign restored
}
AS_EXTRACTED = (2.0, 4.0, 0.0001)                 # the extracted text, minus sign lost


def softmax(values):
    tf = runtime.tensorflow()
    return tuple(float(v) for v in tf.nn.softmax(tf.constant(values, dtype=tf.float64)).numpy())


def softmax_examples(seed, scale="quick"):
    """The post's two worked examples, and what the extracted text's version would print."""
    out = {name: softmax(values) for name, values in SOFTMAX_INPUTS.items()}
    out["as_extracted_2_4_00001"] = softmax(AS_EXTRACTED)
    out["numpy_agrees"] = all(
        np.allclose(np.exp(v) / np.sum(np.exp(v)), out[name], rtol=0, atol=1e-15)
        for name, v in SOFTMAX_INPUTS.items())
    return out
