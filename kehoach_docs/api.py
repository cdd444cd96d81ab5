"""The library API: one function per command, each doing load -> compose -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compose.plan import compose_plan
from .templates import find_template
from .workspace import OUTPUT_DIR, Project, load_project, walk_items
from .write import write_atomic

PLAN_TEMPLATE = "ke-hoach.docx"


@dataclass
class Summary:
    files: int
    agencies: int
    groups: int
    plans: int
    tasks: int
    warnings: list[str]

    def line(self) -> str:
        return (
            f"Hợp lệ: {self.files} tệp, {self.agencies} cơ quan, {self.groups} nhóm, "
            f"{self.plans} kế hoạch, {self.tasks} nhiệm vụ."
        )


def validate(workspace: Path) -> Summary:
    project = load_project(workspace)
    tasks = sum(
        1
        for entry in project.plans.values()
        for item, _ in walk_items(entry.plan.sections, ())
        if item.is_task
    )
    return Summary(
        files=len(project.files),
        agencies=len(project.registry.agencies),
        groups=len(project.registry.groups),
        plans=len(project.plans),
        tasks=tasks,
        warnings=[str(w) for w in project.warnings],
    )


def output_dir_for(project: Project, output: Path | None) -> Path:
    return output if output is not None else project.root / OUTPUT_DIR


def build_plan(workspace: Path, plan_id: str | None = None, output: Path | None = None) -> Path:
    """Render the plan as .docx into the output folder; return the file written."""
    from .render.docx import render_docx

    project = load_project(workspace)
    entry = project.plan(plan_id)
    vm = compose_plan(entry.plan, project.registry)
    data = render_docx(
        find_template(project.root, PLAN_TEMPLATE), vm, f"{vm.doc_type} {entry.plan.summary}"
    )
    target = output_dir_for(project, output) / f"{entry.id}.docx"
    write_atomic(target, data)
    return target
