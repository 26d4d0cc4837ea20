"""The registry: every post's claim records and model breaks, assembled in the posts' order.

Each post folder's ``claims.py`` holds its records (a post with many keeps a part apart, in
``claims_<part>.py``) and ``mutations.py`` the breaks that must fail them; this module only gathers
them, checks that ids are unique and looks claims up by id. Importing it imports the posts' model
modules, none of which imports TensorFlow at import time, so listing claims stays instant.
"""

from ..posts.dorian import claims as dorian
from ..posts.dorian import mutations as dorian_mutations
from ..posts.lcd import claims as lcd
from ..posts.lcd import claims_jitter as lcd_jitter
from ..posts.lcd import mutations as lcd_mutations
from ..posts.linreg import claims as linreg
from ..posts.linreg import mutations as linreg_mutations
from ..posts.logic import claims as logic
from ..posts.logic import mutations as logic_mutations
from ..posts.ltfn import claims as ltfn
from ..posts.ltfn import claims_init as ltfn_init
from ..posts.ltfn import mutations as ltfn_mutations
from ..posts.xnor import claims as xnor
from ..posts.xnor import mutations as xnor_mutations
from ..posts.xor import claims as xor
from ..posts.xor import mutations as xor_mutations
from .errors import UnknownClaimError  # noqa: F401  (raised by get; the command line catches it)

CLAIMS = (
    *lcd.CLAIMS,
    *lcd_jitter.CLAIMS,
    *linreg.CLAIMS,
    *xnor.CLAIMS,
    *ltfn.CLAIMS,
    *ltfn_init.CLAIMS,
    *dorian.CLAIMS,
    *logic.CLAIMS,
    *xor.CLAIMS,
)
BREAKS = (
    lcd_mutations,
    linreg_mutations,
    xnor_mutations,
    ltfn_mutations,
    dorian_mutations,
    logic_mutations,
    xor_mutations,
)
MUTATIONS = tuple(mutation for post in BREAKS for mutation in post.MUTATIONS)
NO_MUTATION = {claim_id: why for post in BREAKS for claim_id, why in post.NO_MUTATION.items()}
REGISTRY = {claim.id: claim for claim in CLAIMS}
if len(REGISTRY) != len(CLAIMS):
    raise ValueError(
        "duplicate claim ids: " + ", ".join(sorted({c.id for c in CLAIMS if sum(d.id == c.id for d in CLAIMS) > 1}))
    )


def get(claim_id):
    try:
        return REGISTRY[claim_id]
    except KeyError:
        close = [cid for cid in REGISTRY if claim_id in cid or cid.split(".")[-1] == claim_id.split(".")[-1]]
        hint = f"; did you mean {', '.join(close[:3])}?" if close else "; see 'reproductions list'"
        raise UnknownClaimError(f"unknown claim id {claim_id!r}{hint}") from None


def users_of(measure):
    """The ids of the claims one measurement serves."""
    return [claim.id for claim in CLAIMS if claim.measure is measure]
