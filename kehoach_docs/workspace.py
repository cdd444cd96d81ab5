"""A workspace folder: its YAML loaded, validated and cross-checked, all errors at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError, Problem, WorkspaceError
from .models.plan import Item, Plan, PlanFile
from .models.registry import RegistryFile
from .registry import Registry
from .schema_errors import problems_from
from .yamlsafe import Loaded, PathKey, load_yaml

PLANS_DIR = "plans"
TEMPLATES_DIR = "templates"
OUTPUT_DIR = "output"

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass
class LoadedPlan:
    id: str
    plan: Plan
    source: Loaded


@dataclass
class Project:
    """Everything a workspace holds, validated."""

    root: Path
    registry: Registry
    plans: dict[str, LoadedPlan]
    files: list[Loaded]
    warnings: list[Problem] = field(default_factory=list)

    def plan(self, plan_id: str | None = None) -> LoadedPlan:
        if plan_id is not None:
            if plan_id not in self.plans:
                known = ", ".join(self.plans) or "không có"
                raise WorkspaceError(f"không có kế hoạch “{plan_id}” (các kế hoạch: {known})")
            return self.plans[plan_id]
        if len(self.plans) == 1:
            return next(iter(self.plans.values()))
        if not self.plans:
            raise WorkspaceError(f"thư mục {PLANS_DIR}/ chưa có kế hoạch nào (tệp có khóa “ke_hoach”)")
        raise WorkspaceError(
            "có nhiều kế hoạch, hãy chọn một bằng --plan: " + ", ".join(sorted(self.plans))
        )


def yaml_files(root: Path) -> list[Path]:
    folder = root / PLANS_DIR
    if not folder.is_dir():
        raise WorkspaceError(
            f"{root} không phải thư mục làm việc: thiếu thư mục {PLANS_DIR}/ "
            "(dùng -w để chỉ thư mục khác)"
        )
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _validate(loaded: Loaded, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        return None, problems_from(exc, loaded, model)


def load_project(root: Path) -> Project:
    """Load every YAML file of the workspace; raise one DataError listing all problems."""
    root = root.resolve()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    registry = Registry()
    plans: dict[str, LoadedPlan] = {}
    files: list[Loaded] = []
    registry_files: list[tuple[Loaded, RegistryFile]] = []

    for path in yaml_files(root):
        try:
            loaded = load_yaml(path, _display(root, path))
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        files.append(loaded)
        warnings.extend(loaded.warnings)
        data = loaded.data
        if not isinstance(data, dict):
            problems.append(loaded.problem((), "tệp phải là một khối “khóa: giá trị” ở ngoài cùng"))
        elif "ke_hoach" in data:
            model, found = _validate(loaded, PlanFile)
            problems.extend(found)
            if isinstance(model, PlanFile):
                plans[path.stem] = LoadedPlan(path.stem, model.plan, loaded)
        elif data.keys() & {"co_quan", "nhom"}:
            model, found = _validate(loaded, RegistryFile)
            problems.extend(found)
            if isinstance(model, RegistryFile):
                registry_files.append((loaded, model))
        else:
            problems.append(
                loaded.problem(
                    (),
                    "không rõ loại tệp: tệp kế hoạch bắt đầu bằng “ke_hoach:”, "
                    "tệp danh mục cơ quan bằng “co_quan:” hoặc “nhom:”",
                )
            )

    problems.extend(_check_registry(registry, registry_files))
    for entry in plans.values():
        found, warned = _check_plan(registry, entry)
        problems.extend(found)
        warnings.extend(warned)
    if problems:
        raise DataError([*problems, *warnings])
    return Project(root, registry, plans, files, warnings)


def _check_registry(registry: Registry, files: list[tuple[Loaded, RegistryFile]]) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}

    def claim(ident: str, loaded: Loaded, path: PathKey) -> bool:
        if ident in first_seen:
            problems.append(loaded.problem(path, f"mã “{ident}” bị trùng (đã dùng ở {first_seen[ident]})"))
            return False
        first_seen[ident] = f"{loaded.display}:{loaded.line_of(path)}"
        return True

    for loaded, reg in files:
        for i, agency in enumerate(reg.agencies):
            if claim(agency.id, loaded, ("co_quan", i, "id")):
                registry.agencies[agency.id] = agency
        for i, group in enumerate(reg.groups):
            if claim(group.id, loaded, ("nhom", i, "id")):
                registry.groups[group.id] = group

    kinds = {a.kind for a in registry.agencies.values()}
    for loaded, reg in files:
        for i, agency in enumerate(reg.agencies):
            if agency.parent and agency.parent not in registry.agencies:
                problems.append(_unknown(registry, loaded, ("co_quan", i, "cap_tren"), agency.parent))
        for i, group in enumerate(reg.groups):
            for j, member in enumerate(group.members):
                if not registry.knows(member):
                    problems.append(_unknown(registry, loaded, ("nhom", i, "thanh_vien", j), member))
            for j, kind in enumerate(group.kinds):
                if kind not in kinds:
                    problems.append(
                        loaded.problem(
                            ("nhom", i, "loai", j),
                            f"không có cơ quan nào thuộc loại “{kind}” "
                            f"(các loại đang có: {', '.join(sorted(kinds))})",
                        )
                    )
            cycle = registry.group_cycle(group.id)
            if cycle:
                problems.append(
                    loaded.problem(("nhom", i, "thanh_vien"), "nhóm chứa chính nó: " + " → ".join(cycle))
                )
    return problems


def _unknown(registry: Registry, loaded: Loaded, path: PathKey, ref: str) -> Problem:
    near = registry.nearest(ref, n=1)
    hint = f"; có phải “{near[0]}”?" if near else ""
    return loaded.problem(path, f"không có cơ quan hay nhóm nào mã “{ref}”{hint}")


def walk_items(items: list[Item], path: PathKey) -> Iterator[tuple[Item, PathKey]]:
    for i, item in enumerate(items):
        here = (*path, i)
        yield item, here
        yield from walk_items(item.children, (*here, "muc"))


def _walk_strings(data: Any, path: PathKey) -> Iterator[tuple[str, PathKey]]:
    if isinstance(data, str):
        yield data, path
    elif isinstance(data, dict):
        for key, value in data.items():
            if key != "chu_thich":
                yield from _walk_strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk_strings(value, (*path, i))


def _check_plan(registry: Registry, entry: LoadedPlan) -> tuple[list[Problem], list[Problem]]:
    plan, loaded = entry.plan, entry.source
    base: PathKey = ("ke_hoach",)
    problems: list[Problem] = []

    def need(ref: str, path: PathKey, agency_only: bool = False) -> None:
        if agency_only and ref in registry.groups:
            problems.append(loaded.problem(path, f"“{ref}” là một nhóm; ở đây cần một cơ quan"))
        elif not registry.knows(ref):
            problems.append(_unknown(registry, loaded, path, ref))

    need(plan.issuer, (*base, "co_quan_ban_hanh"), agency_only=True)
    issuer = registry.agencies.get(plan.issuer)
    if issuer is not None and not issuer.can_issue:
        problems.append(
            loaded.problem(
                (*base, "co_quan_ban_hanh"),
                f"cơ quan “{issuer.id}” cần “ma”, “tieu_de” và “dia_danh” trong danh mục để ban hành văn bản",
            )
        )
    if plan.follow_up:
        need(plan.follow_up, (*base, "co_quan_theo_doi"), agency_only=True)

    task_ids: dict[str, PathKey] = {}
    item_lists: list[tuple[list[Item], PathKey]] = [(plan.sections, (*base, "phan"))]
    item_lists += [
        (a.items, (*base, "phu_luc", i, "muc")) for i, a in enumerate(plan.appendices)
    ]
    for items, start in item_lists:
        for item, path in walk_items(items, start):
            if item.id:
                if item.id in task_ids:
                    first = loaded.line_of(task_ids[item.id])
                    problems.append(
                        loaded.problem((*path, "id"), f"mã mục “{item.id}” bị trùng (đã dùng ở dòng {first})")
                    )
                else:
                    task_ids[item.id] = (*path, "id")
            for key, assignment in (("chu_tri", item.lead), ("phoi_hop", item.support)):
                if assignment:
                    for j, ref in enumerate(assignment.refs):
                        need(ref, (*path, key, "don_vi", j))
            for j, ref in enumerate(item.assignees):
                need(ref, (*path, "don_vi", j))
    for i, recipient in enumerate(plan.distribution.recipients):
        for j, ref in enumerate(recipient.refs):
            need(ref, (*base, "noi_nhan", "nhan", i, "don_vi", j))

    used: set[str] = set()
    for text, path in _walk_strings(loaded.data.get("ke_hoach"), base):
        for match in FOOTNOTE_REF.finditer(text):
            key = match.group(1)
            if key not in plan.footnotes:
                problems.append(
                    loaded.problem(path, f"chú thích “[^{key}]” chưa có nội dung trong “chu_thich”")
                )
            elif key in used:
                problems.append(loaded.problem(path, f"chú thích “[^{key}]” được dẫn hai lần"))
            used.add(key)
    warnings = [
        loaded.problem((*base, "chu_thich", key), f"chú thích “{key}” không được dẫn ở đâu", True)
        for key in plan.footnotes
        if key not in used
    ]
    return problems, warnings
