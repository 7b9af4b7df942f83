"""The interactive HTML view of the concept graph: one self-contained, offline file."""

from graph.view.page import render_view

__all__ = ["render_view"]
