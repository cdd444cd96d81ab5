"""The yardstick: a plain single-process docxtpl script doing the work of `kehoach batch`.

It reads the same workspace and composes the same documents (the plan and every
agency's plan) with this package, then renders each as docxtpl is normally used: load
the template file, render, save. Only the rendering differs from `kehoach batch`.

    python benchmarks/plain_docxtpl.py -w WORKSPACE -o FOLDER
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-w", "--workspace", type=Path, default=Path("."))
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()

    from docxtpl import DocxTemplate

    from kehoach_docs.api import plan_job, select_agencies, subplan_job
    from kehoach_docs.render.context import context_of
    from kehoach_docs.render.docx import jinja_env
    from kehoach_docs.template_paths import find_template
    from kehoach_docs.workspace import load_project

    project = load_project(args.workspace)
    entry = project.plan()
    agencies = select_agencies(project, entry, None, True, None).agencies
    jobs = [plan_job(project, entry), *(subplan_job(project, entry, a) for a in agencies)]
    args.output.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        assert job.kind.template is not None
        template = DocxTemplate(str(find_template(project.root, job.kind.template)))
        context = context_of(job.compose()).as_dict()
        template.render(context, jinja_env=jinja_env(), autoescape=True)
        template.save(str(args.output / job.filename))


if __name__ == "__main__":
    main()
