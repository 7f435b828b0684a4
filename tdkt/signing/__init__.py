"""Digital signatures: PAdES signing of the system's PDFs and the check of signed PDFs (pyHanko)."""

import warnings

# pyHanko imports cryptography's DSA types to recognise such keys; cryptography warns on the import
# itself, on every start of every command. We never sign with DSA; the warning says nothing to us.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
