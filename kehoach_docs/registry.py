"""Who a reference means: agencies by id, groups expanded to their members."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models.registry import Agency, Group
from .vn import fold, upper_first


@dataclass
class Registry:
    agencies: dict[str, Agency] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)

    def knows(self, ref: str) -> bool:
        return ref in self.agencies or ref in self.groups

    def ids(self) -> list[str]:
        return [*self.agencies, *self.groups]

    def nearest(self, ref: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(ref, self.ids(), n=n, cutoff=0.5)

    def members(self, ref: str, _seen: frozenset[str] = frozenset()) -> list[Agency]:
        """The agencies a reference stands for, in registry order, without repeats."""
        if ref in self.agencies:
            return [self.agencies[ref]]
        group = self.groups.get(ref)
        if group is None or ref in _seen:
            return []
        chosen: dict[str, Agency] = {}
        for member in group.members:
            for agency in self.members(member, _seen | {ref}):
                chosen.setdefault(agency.id, agency)
        for agency in self.agencies.values():
            if agency.kind in group.kinds:
                chosen.setdefault(agency.id, agency)
        order = list(self.agencies)
        return sorted(chosen.values(), key=lambda a: order.index(a.id))

    def expand(self, refs: Iterable[str]) -> list[Agency]:
        out: dict[str, Agency] = {}
        for ref in refs:
            for agency in self.members(ref):
                out.setdefault(agency.id, agency)
        return list(out.values())

    def wording(self, refs: Iterable[str]) -> str:
        """The phrase a plan prints for a list of references, capitalised as a sentence."""
        parts = [
            self.groups[r].wording if r in self.groups else self.agencies[r].name
            for r in refs
            if self.knows(r)
        ]
        return upper_first(", ".join(parts))

    def find(self, name: str) -> list[Agency]:
        """Agencies named by id, name, short name or alias, typed loosely."""
        if name in self.agencies:
            return [self.agencies[name]]
        wanted = fold(name)
        exact = [
            a
            for a in self.agencies.values()
            if wanted in {fold(a.name), fold(a.display_short), *(fold(x) for x in a.aliases)}
        ]
        if exact:
            return exact
        return [a for a in self.agencies.values() if wanted and wanted in fold(a.id)]
