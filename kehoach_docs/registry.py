"""Who a reference means: agencies by id, groups expanded to their members."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .models.registry import Agency, Group
from .vn import fold, upper_first

T = TypeVar("T")


@dataclass
class Registry:
    agencies: dict[str, Agency] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    # Filled once the registry is complete; a registry is not changed after loading.
    _expanded: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _derived: dict[tuple[Any, int, int], Any] = field(default_factory=dict, repr=False)

    def derived(self, make: Callable[[Registry], T]) -> T:
        """What `make` derives from the registry (an index of names, every agency's
        duties), made once rather than for every document: at 10,000 agencies each is a
        walk of the whole registry. Made again if the registry grew since."""
        key = (make, len(self.agencies), len(self.groups))
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = make(self)
        return found

    def knows(self, ref: str) -> bool:
        return ref in self.agencies or ref in self.groups

    def ids(self) -> list[str]:
        return [*self.agencies, *self.groups]

    def nearest(self, ref: str, n: int = 3) -> list[str]:
        import difflib  # only when something is wrong

        return difflib.get_close_matches(ref, self.ids(), n=n, cutoff=0.5)

    def member_ids(self, ref: str) -> frozenset[str]:
        """Ids of the agencies a reference stands for (groups expanded, cycles cut)."""
        cached = self._expanded.get(ref)
        if cached is None:
            cached = frozenset(self._expand(ref, frozenset()))
            self._expanded[ref] = cached
        return cached

    def _expand(self, ref: str, seen: frozenset[str]) -> set[str]:
        if ref in self.agencies:
            return {ref}
        group = self.groups.get(ref)
        if group is None or ref in seen:
            return set()
        ids: set[str] = set()
        for member in group.members:
            ids |= self._expand(member, seen | {ref})
        kinds = set(group.kinds)
        ids |= {a.id for a in self.agencies.values() if a.kind in kinds}
        return ids

    def expand_ids(self, refs: Iterable[str]) -> frozenset[str]:
        ids: frozenset[str] = frozenset()
        for ref in refs:
            ids |= self.member_ids(ref)
        return ids

    def phrase(self, refs: Iterable[str], short: bool = False) -> str:
        """The words for a list of references as they stand inside a sentence; `short`:
        agencies by their short names."""
        parts = [
            self.groups[r].wording
            if r in self.groups
            else (self.agencies[r].display_short if short else self.agencies[r].name)
            for r in refs
            if self.knows(r)
        ]
        return ", ".join(parts)

    def short_wording(self, refs: Iterable[str]) -> str:
        """As `wording`, with agencies by their short names (for Nơi nhận)."""
        return upper_first(self.phrase(refs, short=True))

    def wording(self, refs: Iterable[str]) -> str:
        """The phrase a plan prints for a list of references, capitalised as a sentence."""
        return upper_first(self.phrase(refs))

    def names(self) -> list[str]:
        """Every agency's name and short name and every group's wording, longest first."""
        found = {a.name for a in self.agencies.values()}
        found |= {a.display_short for a in self.agencies.values()}
        found |= {g.wording for g in self.groups.values()}
        return sorted(found, key=len, reverse=True)

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
