"""Claims across sources: what each sentence states, and where outlets agree or differ.

`extract` reads claims from an article's annotations (per article, in the workers);
`compare` normalizes two claims on the same subject and attribute (units, scales, money at
the rate of its year from `rates`) and gives a verdict with an explanation; `link` runs the
comparison in the build as each article is linked, against the claims that share its
subject or event only, never the whole corpus.
"""

from .extract import extract_claims

__all__ = ["extract_claims"]
