"""Where the test data lives: the bundled corpus, and the shared corpus beside the checkout.

The shared corpus (national and county reports) is on CI and developers' machines but not
on users' machines; tests that read it are marked `needs_shared` and skip without it.
`GOVREPORT_SHARED` names it when it is elsewhere (a worktree outside the checkout's folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"
#: Beside the checkout, or where $GOVREPORT_SHARED says (a worktree elsewhere).
SHARED = Path(os.environ.get("GOVREPORT_SHARED") or ROOT.parent / "shared")
SHARED_CORPUS = SHARED / "corpus"
NATIONAL = sorted((SHARED_CORPUS / "national").glob("*.txt"))
COUNTY = sorted((SHARED_CORPUS / "county-gbk").glob("*.txt"))
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="shared/ corpus not on this machine")
