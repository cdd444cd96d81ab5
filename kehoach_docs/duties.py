"""Who does what: the tasks and responsibilities of a plan that fall to one agency."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .models.plan import Plan
from .outline import Entry, outline
from .registry import Registry

Role = Literal["chu_tri", "phoi_hop", "thuc_hien"]

ROLE_WORDS: dict[Role, str] = {
    "chu_tri": "chủ trì",
    "phoi_hop": "phối hợp",
    "thuc_hien": "thực hiện",
}


@dataclass
class Duty:
    entry: Entry
    role: Role

    @property
    def role_words(self) -> str:
        return ROLE_WORDS[self.role]


def entries(plan: Plan) -> Iterator[Entry]:
    return outline(plan.sections, plan.numbering)


def _members(registry: Registry, refs: list[str]) -> frozenset[str]:
    return registry.expand_ids(refs)


def duties_of(plan: Plan, registry: Registry, agency_id: str) -> list[Duty]:
    """In plan order: tasks it leads or supports, responsibilities assigned to it."""
    out: list[Duty] = []
    for entry in entries(plan):
        item = entry.item
        if item.lead and agency_id in _members(registry, item.lead.refs):
            out.append(Duty(entry, "chu_tri"))
        elif item.support and agency_id in _members(registry, item.support.refs):
            out.append(Duty(entry, "phoi_hop"))
        elif item.assignees and agency_id in _members(registry, item.assignees):
            out.append(Duty(entry, "thuc_hien"))
    return out


@dataclass
class Load:
    led: int = 0
    supported: int = 0
    responsibilities: int = 0

    @property
    def any(self) -> bool:
        return bool(self.led or self.supported or self.responsibilities)


def loads(plan: Plan, registry: Registry) -> dict[str, Load]:
    """Count of duties per agency, for every agency of the registry."""
    out = {agency_id: Load() for agency_id in registry.agencies}
    for entry in entries(plan):
        item = entry.item
        lead = _members(registry, item.lead.refs) if item.lead else set()
        support = _members(registry, item.support.refs) - lead if item.support else set()
        for agency_id in lead:
            out[agency_id].led += 1
        for agency_id in support:
            out[agency_id].supported += 1
        if not item.is_task:
            for agency_id in _members(registry, item.assignees):
                out[agency_id].responsibilities += 1
    return out


def agencies_with_duties(plan: Plan, registry: Registry, kind: str | None = None) -> list[str]:
    counted = loads(plan, registry)
    return [
        agency_id
        for agency_id, load in counted.items()
        if load.any and (kind is None or registry.agencies[agency_id].kind == kind)
    ]
