"""Network analysis of the concept graph: measures, communities, gaps, paths, documents."""

from graph.analysis.centrality import MEASURES, concept_measures
from graph.analysis.communities import louvain_communities
from graph.analysis.concept_graph import concept_graph, undirected
from graph.analysis.documents import document_emphasis
from graph.analysis.gaps import structural_gaps
from graph.analysis.paths import concept_paths
from graph.analysis.summary import ConceptAnalysis, analyse

__all__ = ["MEASURES", "ConceptAnalysis", "analyse", "concept_graph", "concept_measures", "concept_paths",
           "document_emphasis", "louvain_communities", "structural_gaps", "undirected"]
