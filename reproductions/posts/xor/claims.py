"""Understanding XOR with Keras and TensorFlow (post 004, thoughtram): hidden widths, depth, activations.

The records of this post's claims: where each comes from, what it says (numbers verbatim), how it
is judged, which verdict we expect and why, and which function measures it. Documented numbers
live here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, LikeCalibration, NearDocumented
from ...suite.checks import AtLeast, AtMost, Close, Faster, Holds, MostSeeds, OneRunWorks
from ...suite.records import THOUGHTRAM, Claim, Source
from .figures import plot_h16, plot_h32, plot_h32x2, plot_h64, plot_linear128
from .models import train_linear128, train_xor_configs

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
XOR_SEEDS = 40  # ours: >= 20 asked for; 40 let rank tests separate medians 1.5x apart
XOR_SWAP_SEEDS = 50  # ours: the sigmoid net shows [0 1 1 0] at 500 epochs on ~12%: none of 50 seeds 1 time in 500
LINEAR_SEEDS = 10  # ours: the identity and the 0.25 loss hold on every seed

CLAIMS = (
    Claim(
        id="xor.keras.predict_rounded",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="After 500 epochs model.predict(X).round() gives [[0], [1], [1], [0]]",
        documented={"prediction": (0, 1, 1, 0)},
        judge="distribution",
        expected="reproduced",
        why="16 ReLU units with MSE and Adam solve XOR within 500 epochs on nearly every seed.",
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(MostSeeds("predict_rounded_xor", label="predict(X).round() is [0 1 1 0] after 500 epochs"),),
    ),
    Claim(
        id="xor.keras.h16_epochs",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="16 ReLU units reach binary_accuracy 1.0000 at epoch 284 (0.5 at epoch 63, 0.75 at epoch "
        "81); Epoch 1 loss: 0.7443",
        documented={"epochs_to_100": 284, "epochs_to_50": 63, "epochs_to_75": 81, "loss_epoch_1": 0.7443},
        judge="distribution",
        expected="reproduced",
        why="A single run (the earlier post's identical setup reached 100% at epoch 24); its first loss, "
        "0.7443, is a binary cross-entropy value, which MSE cannot log. It is a slow draw: 284 epochs "
        "is at the 95th percentile of 60 calibrated seeds, 0.75 at epoch 81 at the 87th, and the log's "
        "0.25 until epoch 63 happened on 1 of 60. Together with h32 (124) and h32x2 (56) the post's "
        "counts are jointly slow: Fisher's combination of their upper tails gives p = 0.012 with the "
        "BCE runs and 0.009 with the MSE runs (0.023 and 0.018 with h64's 32). Each count is a "
        "possible draw, so each claim stands on its own; together they suggest the post's runs were "
        "slower than today's, for a cause not found here (Keras 1, where one would look, does not run "
        "on today's Python).",
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(
            InsideCalibrated("h16_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE (the log's loss)"),
            InsideCalibrated("h16_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE (the code's loss)"),
            # the counts are judged on the seeds that get there: all but a tenth must (all 60 calibrated do)
            Holds("h16_bce_reached", tolerate=0.1, label="reaches 100% within the epoch cap, BCE"),
            Holds("h16_mse_reached", tolerate=0.1, label="reaches 100% within the epoch cap, MSE"),
            InsideCalibrated("h16_bce_epochs_to_75", doc="epochs_to_75", label="epochs to 75%, BCE"),
            NearDocumented("h16_bce_loss_epoch_1", doc="loss_epoch_1", label="loss logged at epoch 1, BCE"),
            AtMost(
                "h16_mse_loss_epoch_1.max",
                0.5,  # ours: MSE of outputs in [0, 1] near 0.5 stays far below 0.74
                label="largest loss the code's MSE logs at epoch 1 (the log's 0.7443 is not MSE)",
            ),
        ),
        figure=plot_h16,
    ),
    Claim(
        id="xor.keras.h32_epochs",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="32 hidden units reach 100% in 124 epochs",
        documented={"epochs_to_100": 124},
        judge="distribution",
        expected="reproduced",
        why="A single run, inside the measured distribution (88th percentile; jointly slow with h16's and "
        "h32x2's counts, p = 0.009-0.012: see xor.keras.h16_epochs). That 32 units learn faster than 16 is not "
        "judged: over 40 seeds its one-sided rank test ranges from p = 0.01 to 0.2 with the seed set (a "
        "bootstrap of the calibration fails it 1 time in 40), too weak an effect to rest a verdict on.",
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(
            InsideCalibrated("h32_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
            InsideCalibrated("h32_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE"),
            Holds("h32_bce_reached", tolerate=0.1, label="reaches 100% within the epoch cap, BCE"),
            Holds("h32_mse_reached", tolerate=0.1, label="reaches 100% within the epoch cap, MSE"),
        ),
        figure=plot_h32,
    ),
    Claim(
        id="xor.keras.h32x2_epochs",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="Two hidden layers of 32 reach 100% in 56 epochs",
        documented={"epochs_to_100": 56},
        judge="distribution",
        expected="reproduced",
        why="A single run, inside the measured distribution (96th percentile; jointly slow with h16's and "
        "h32's counts, p = 0.009-0.012: see xor.keras.h16_epochs); the second layer speeds learning up over "
        "seeds.",
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(
            InsideCalibrated("h32x2_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
            InsideCalibrated("h32x2_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE"),
            Holds("h32x2_bce_reached", tolerate=0.1, label="reaches 100% within the epoch cap, BCE"),
            Holds("h32x2_mse_reached", tolerate=0.1, label="reaches 100% within the epoch cap, MSE"),
            Faster(
                "h32x2_bce_epochs_capped",
                than="h32_bce_epochs_capped",
                label="a second layer of 32 learns faster than one (BCE)",
            ),
        ),
        figure=plot_h32x2,
    ),
    Claim(
        id="xor.keras.h64_epochs",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="One hidden layer of 64 reaches 100% after 32 epochs, so 32+32 is not 64",
        documented={"epochs_to_100": 32},
        judge="distribution",
        expected="not-reproduced",
        why="32 epochs is a typical draw, but the conclusion drawn from it (64 wide beats 32+32 deep, 32 vs "
        "56 epochs) does not hold over seeds: one layer of 64 is not faster than two of 32. Which of the "
        "two has the lower median varies with the seed set, so no reversal is claimed.",
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(
            InsideCalibrated("h64_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
            InsideCalibrated("h64_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE"),
            Holds("h64_bce_reached", tolerate=0.1, label="reaches 100% within the epoch cap, BCE"),
            Holds("h64_mse_reached", tolerate=0.1, label="reaches 100% within the epoch cap, MSE"),
            Faster(
                "h64_bce_epochs_capped",
                than="h32_bce_epochs_capped",
                label="64 units learn faster than 32 (BCE)",
            ),
            Faster(
                "h64_bce_epochs_capped",
                than="h32x2_bce_epochs_capped",
                label="one layer of 64 learns faster than two of 32 (BCE)",
            ),
        ),
        # what is measured instead: both nets' epochs to 100% as calibrated (their medians are close;
        # a bootstrap puts 32+32's above 64's 1 time in 50, so no ordering is asserted)
        explains=(
            LikeCalibration("h64_bce_epochs_capped", label="one layer of 64: epochs to 100% (BCE)"),
            LikeCalibration("h32x2_bce_epochs_capped", label="two layers of 32: epochs to 100% (BCE)"),
        ),
        figure=plot_h64,
    ),
    Claim(
        id="xor.keras.linear128",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="Without activations, more epochs still reach 100%: Epoch 3718/20000 loss: 0.2500 - "
        "binary_accuracy: 1.0000",
        documented={"loss": 0.25, "binary_accuracy": 1.0, "epoch": 3718},
        judge="exact",
        expected="artifact",
        why="An affine model cannot fit XOR: its best fit is the constant 0.5 (MSE 0.25), and accuracy 1.0 "
        "is float32 rounding noise when every output sits on 0.5.",
        measure=train_linear128,
        seeds=LINEAR_SEEDS,
        checks=(
            # ours: a plain majority of seeds (calibrated 19/20); a sign test on 10 seeds needs 9 of them
            AtLeast("ever_reads_100", 0.5, label="binary_accuracy reads 1.0 at some epoch, fraction of seeds"),
            Close("final_loss", doc="loss", atol=0.00005, label="final loss (printed to 4 decimals)"),
        ),
        explains=(
            Close(
                "best_affine_mse",
                doc="loss",
                atol=1e-12,
                label="MSE of the best affine fit to XOR (float64 least squares)",
            ),
            AtMost(
                "identity_residual.max",
                1e-5,  # ours: float32 rounding, far below any real fit
                label="largest |f(0,1) + f(1,0) - f(0,0) - f(1,1)| over all epochs",
            ),
            AtMost(
                "gap_when_reading_100.max",
                1e-6,  # ours: a few float32 steps (6e-8) from 0.5
                label="largest |output - 0.5| at an epoch reading 1.0",
            ),
        ),
        figure=plot_linear128,
    ),
    Claim(
        id="xor.keras.swap_claims",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="Sigmoid instead of ReLU, or binary cross-entropy instead of MSE, would still work",
        documented={"works": True},
        judge="distribution",
        expected="reproduced",
        why="Both halves apart, each at the post's 500 epochs by the rule for one-run claims. BCE: "
        "predictions [0 1 1 0] on every calibrated seed. Sigmoid: 16 sigmoid units learn XOR several "
        "times slower than ReLU: [0 1 1 0] after 500 epochs on 7/60 calibrated seeds (95% interval "
        "5-23%), an unlucky-looking but ordinary run; within 1,000 epochs on 37/60, and within the "
        "article's own 20,000-epoch budget (its logs read 'Epoch n/20000') on 60/60.",
        measure=train_xor_configs,
        seeds=XOR_SWAP_SEEDS,
        checks=(
            OneRunWorks("h16_bce_works_in_500", label="BCE instead of MSE: predictions [0 1 1 0] after 500 epochs"),
            OneRunWorks(
                "h16_sigmoid_mse_works_in_500", label="sigmoid instead of ReLU: predictions [0 1 1 0] after 500 epochs"
            ),
        ),
        explains=(
            # ours: with the budget the article's logs show, the slow sigmoid net gets there on most seeds
            MostSeeds(
                "h16_sigmoid_mse_reached",
                label="sigmoid instead of ReLU: 100% within the article's 20,000 epochs",
                at="documented",
            ),
        ),
    ),
)
