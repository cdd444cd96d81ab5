"""Who does what: the tasks and responsibilities of a plan that fall to one agency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .models.plan import Item, Plan
from .outline import Entry, entries
from .registry import Registry

Role = Literal["chu_tri", "phoi_hop", "thuc_hien"]

ROLE_WORDS: dict[Role, str] = {
    "chu_tri": "chủ trì",
    "phoi_hop": "phối hợp",
    "thuc_hien": "thực hiện",
}


@dataclass(frozen=True, slots=True)
class Duty:
    entry: Entry
    role: Role

    @property
    def role_words(self) -> str:
        return ROLE_WORDS[self.role]


def roles_in(item: Item, registry: Registry) -> dict[str, Role]:
    """Every agency's role in one item. A body named by its own id outranks a group it
    belongs to: listed as phối hợp while its group leads, it supports (and `validate`
    warns); among equals, chủ trì outranks phối hợp."""
    lead = item.lead.refs if item.lead else []
    support = item.support.refs if item.support else []
    roles: dict[str, Role] = {}
    for agency_id in registry.expand_ids(item.assignees):
        roles[agency_id] = "thuc_hien"
    for agency_id in registry.expand_ids(support):
        roles[agency_id] = "phoi_hop"
    for agency_id in registry.expand_ids(lead):
        roles[agency_id] = "chu_tri"
    for agency_id in support:
        if agency_id in registry.agencies:
            roles[agency_id] = "phoi_hop"
    for agency_id in lead:
        if agency_id in registry.agencies:
            roles[agency_id] = "chu_tri"
    return roles


def conflicts(item: Item, registry: Registry) -> list[tuple[str, str]]:
    """(agency, group): an agency named by id as phối hợp of a task while a group that
    holds it is named as chủ trì."""
    if not (item.lead and item.support):
        return []
    return [
        (agency_id, group)
        for agency_id in item.support.refs
        if agency_id in registry.agencies
        for group in item.lead.refs
        if group in registry.groups and agency_id in registry.member_ids(group)
    ]


def duties_of(plan: Plan, registry: Registry, agency_id: str) -> list[Duty]:
    """In plan order: tasks it leads or supports, responsibilities assigned to it."""
    return list(_duties(plan, registry).get(agency_id, ()))


def all_duties(plan: Plan, registry: Registry) -> dict[str, list[Duty]]:
    """Every agency's duties (agency id -> duties in plan order)."""
    return {agency_id: list(duties) for agency_id, duties in _duties(plan, registry).items()}


def _by_plan(_: Registry) -> dict[int, tuple[Plan, dict[str, list[Duty]]]]:
    return {}


def _duties(plan: Plan, registry: Registry) -> dict[str, list[Duty]]:
    """Every agency's duties in one walk of the plan, once per plan and registry: walked
    again for each agency, resolving the groups of each task, it was quadratic in the
    number of agencies. Kept with the registry, which does not change once loaded."""
    known = registry.derived(_by_plan)
    found = known.get(id(plan))
    if found is None or found[0] is not plan:
        out: dict[str, list[Duty]] = {agency_id: [] for agency_id in registry.agencies}
        for entry in entries(plan):
            # One Duty for each role in a task, shared by the agencies that have it (a
            # task of "các xã" is one duty of 10,000 agencies, not 10,000 duties).
            made: dict[Role, Duty] = {}
            for agency_id, role in roles_in(entry.item, registry).items():
                duty = made.get(role)
                if duty is None:
                    duty = made[role] = Duty(entry, role)
                out[agency_id].append(duty)
        found = known[id(plan)] = (plan, out)
    return found[1]


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
    out: dict[str, Load] = {}
    for agency_id, duties in all_duties(plan, registry).items():
        load = Load()
        for duty in duties:
            if duty.role == "chu_tri":
                load.led += 1
            elif duty.role == "phoi_hop":
                load.supported += 1
            else:
                load.responsibilities += 1
        out[agency_id] = load
    return out


def agencies_with_duties(plan: Plan, registry: Registry, kind: str | None = None) -> list[str]:
    return [
        agency_id
        for agency_id, load in loads(plan, registry).items()
        if load.any and (kind is None or registry.agencies[agency_id].kind == kind)
    ]
