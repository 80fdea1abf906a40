"""What one fake keeps besides the resources: tokens, injected faults, quotas.

The resources themselves are in the region stores (``_state``), shared by every
fake over the same moto data; a `Context` is one fake's own: the ``NextToken``
values it issued, the page failures and invalid items a test asked for, the
account quotas set lower for a test, and which (account, region) it served
(what ``reset()`` clears). The handlers read it; ``TrafficMirrorFake`` changes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from ec2_traffic_mirror.testing._moto import region_state
from ec2_traffic_mirror.testing._state import RegionState
from ec2_traffic_mirror.testing._wire import ApiError

__all__ = [
    "ACCOUNT_QUOTA",
    "RULES_PER_FILTER",
    "SESSIONS_PER_INTERFACE",
    "Context",
    "PageFault",
    "Quotas",
    "TokenState",
]

ACCOUNT_QUOTA: Final = 10_000
"""Sessions, targets and filters per account (and region), as the quotas page has it."""
SESSIONS_PER_INTERFACE: Final = 3
"""Sessions per source network interface."""
RULES_PER_FILTER: Final = 10
"""Rules per filter (ingress and egress together)."""


@dataclass(frozen=True)
class TokenState:
    """Where a ``NextToken`` resumes, and the query it belongs to."""

    fingerprint: tuple[object, ...]
    after_ordinal: int
    offset: int


@dataclass
class PageFault:
    """An injected failure of one page of any listing, for ``remaining`` more requests."""

    status: int
    code: str
    message: str
    remaining: int


@dataclass
class Quotas:
    """The account-wide quotas the fake enforces (AWS's, or lower for a test)."""

    sessions: int = ACCOUNT_QUOTA
    targets: int = ACCOUNT_QUOTA
    filters: int = ACCOUNT_QUOTA


@dataclass
class Context:
    """One fake's own state: tokens, faults, quotas, and the regions it served."""

    tokens: dict[str, TokenState] = field(default_factory=dict[str, TokenState])
    page_faults: dict[int, PageFault] = field(default_factory=dict[int, PageFault])
    invalid_items: dict[str, dict[str, object]] = field(
        default_factory=dict[str, dict[str, object]]
    )
    quotas: Quotas = field(default_factory=Quotas)
    served: set[tuple[str, str]] = field(default_factory=set[tuple[str, str]])

    def state(self, account_id: str, region: str) -> RegionState:
        """The store of this account and region, remembered for ``reset()``."""
        self.served.add((account_id, region))
        return region_state(account_id, region)

    def check_page_fault(self, page: int) -> None:
        """Fail this page's request if a test asked for it."""
        fault = self.page_faults.get(page)
        if fault is not None and fault.remaining > 0:
            fault.remaining -= 1
            raise ApiError(fault.code, fault.message, status=fault.status)

    def served_item(self, resource_id: str, item: dict[str, object]) -> dict[str, object]:
        """``item`` with the members a test overrode (``None``: removed) for this id."""
        for member, value in self.invalid_items.get(resource_id, {}).items():
            if value is None:
                item.pop(member, None)
            else:
                item[member] = value
        return item
