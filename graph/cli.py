"""The ``leadgraph`` command: a thin layer over the library functions notebooks call too."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from graph.build import build
from graph.errors import CurationError
from graph.paths import BUILD_DIR, DATA_DIR, ONTOLOGY_DIR
from graph.validate import ShapeValidationError


@click.group()
@click.version_option(package_name="leadgraph")
def main() -> None:
    """leadgraph: a knowledge graph of inner leadership concepts, every link with its quote."""


@main.command("build")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DATA_DIR,
              show_default=True, help="Folder of curated sources, concepts and relations.")
@click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path), default=ONTOLOGY_DIR,
              show_default=True, help="Folder of the OWL vocabulary and SHACL shapes.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=BUILD_DIR,
              show_default=True, help="Folder the outputs are written to.")
def build_command(data_dir: Path, ontology_dir: Path, out_dir: Path) -> None:
    """Build, validate and write the knowledge graph from the curated data."""
    started = time.perf_counter()
    try:
        result = build(data_dir, ontology_dir, out_dir)
    except CurationError as error:
        click.echo(f"leadgraph build: {len(error.faults)} fault(s) in the curated data; "
                   "nothing was written.", err=True)
        for fault in error.faults:
            click.echo(f"  {fault}", err=True)
        sys.exit(1)
    except ShapeValidationError as error:
        click.echo("leadgraph build: the graph breaks the SHACL shapes; nothing was written.", err=True)
        click.echo(str(error), err=True)
        sys.exit(1)
    curated = result.curated
    click.echo(f"Built {len(curated.concepts)} concepts, {len(curated.evidence)} quoted relations, "
               f"{len(result.kg)} triples in {time.perf_counter() - started:.2f} s:")
    for path in result.files:
        click.echo(f"  {path}")


if __name__ == "__main__":
    main()
