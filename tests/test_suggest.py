"""Tests of the suggester on short texts written for these tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from graph.suggest import Example, KnownConcept, suggest
from graph.suggest.cues import features
from graph.suggest.text import sentences

KNOWN = (
    KnownConcept("mentor", "mentor", ("coach",), (), "role"),
    KnownConcept("mentoring", "mentoring", (), ("mentor",), "technique or practice"),
    KnownConcept("trust", "trust", ("mutual trust",), ("trusting",), "power and influence"),
    KnownConcept("candor", "candor", ("honest feedback",), (), "value or vision"),
    KnownConcept("command-style", "command style", ("command-and-control style",), (), "leadership model"),
    KnownConcept("team-learning", "team learning", (), (), "outcome"),
    KnownConcept("shared-purpose", "shared purpose", (), (), "value or vision"),
)


def _all_quotes_verbatim(text: str, out: dict) -> None:
    for r in out["relations"]:
        assert text[r["start"] : r["end"]] == r["quote"]
    for c in out["concepts"]:
        for e in c["evidence"]:
            assert text[e["start"] : e["end"]] == e["quote"]
            assert text[e["mention_start"] : e["mention_end"]] == e["mention"]


def _rel(out: dict, a: str, b: str) -> dict:
    for r in out["relations"]:
        if {r["subject"], r["object"]} == {a, b}:
            return r
    raise AssertionError(f"no relation between {a} and {b}: {[(r['subject'], r['object']) for r in out['relations']]}")


def test_known_concept_inflected_with_offsets() -> None:
    text = "A good manager trusted her crew. Trusting people takes courage."
    out = suggest(text, "t", KNOWN)
    trust = next(c for c in out["concepts"] if c.get("id") == "trust")
    assert trust["known"] is True
    spans = [(e["mention_start"], e["mention_end"]) for e in trust["evidence"]]
    assert (text.index("trusted"), text.index("trusted") + len("trusted")) in spans
    assert (text.index("Trusting"), text.index("Trusting") + len("Trusting")) in spans
    assert {"trusted", "Trusting"} <= set(trust["forms"])


def test_new_multiword_candidate_without_known_concepts() -> None:
    text = (
        "Raised bed gardening suits small yards. Raised bed gardening warms the soil early in spring.\n\n"
        "Companion planting is a method of growing crops together. Companion planting reduces pests, "
        "and raised bed gardening makes companion planting easier."
    )
    out = suggest(text, "garden")
    labels = {c["label"]: c for c in out["concepts"]}
    assert "raised bed gardening" in labels and labels["raised bed gardening"]["known"] is False
    assert "companion planting" in labels
    assert labels["companion planting"]["class"] in {"technique or practice", "outcome"}
    assert out["relations"], "relations must be found without any known concept"
    _all_quotes_verbatim(text, out)


def test_contrast_sentence() -> None:
    text = "The best coaches rely on mutual trust rather than command style."
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "trust", "command style")
    assert r["type"] == "contrasts with"
    assert 0 <= r["score"] <= 1
    assert all(a["type"] != r["type"] for a in r["alternatives"])


def test_based_on_sentence() -> None:
    text = "Team learning is based on candor among the players."
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "team learning", "candor")
    assert r["type"] == "based on"
    assert (r["subject"], r["object"]) == ("team learning", "candor")


def test_requirement_direction() -> None:
    text = "Honest feedback is needed for team learning. Mentoring requires mutual trust."
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "mentoring", "trust")
    assert r["type"] == "requires"
    assert (r["subject"], r["object"]) == ("mentoring", "trust")
    r2 = _rel(out, "candor", "team learning")
    assert r2["type"] == "requires"
    assert (r2["subject"], r2["object"]) == ("team learning", "candor")  # reverse cue "is needed for"


def test_citation() -> None:
    text = "Shared purpose holds a squad together through a losing season (Smith, 2004)."
    out = suggest(text, "t", KNOWN)
    work = next(c for c in out["concepts"] if c["class"] == "cited work")
    assert work["label"] == "Smith (2004)"
    r = _rel(out, "Smith (2004)", "shared purpose")
    assert r["type"] == "cited for"
    assert r["subject"] == "Smith (2004)"
    assert r["quote"].startswith("Shared purpose") and "(Smith, 2004)" in r["quote"]


def test_narrative_citation() -> None:
    text = ("Okafor and Lind (2019) argue that shared purpose holds a squad together. Candor builds mutual trust "
            "(Okafor and Lind, 2019). The season (2019) was long.")
    out = suggest(text, "t", KNOWN)
    works = [c for c in out["concepts"] if c["class"] == "cited work"]
    assert [w["label"] for w in works] == ["Okafor and Lind (2019)"]  # both forms name one work; "The season" none
    assert sorted(works[0]["forms"]) == ["Okafor and Lind (2019)", "Okafor and Lind, 2019"]
    r = _rel(out, "Okafor and Lind (2019)", "shared purpose")
    assert r["type"] == "cited for" and r["quote"].startswith("Okafor and Lind (2019) argue")


def test_an_author_named_again_is_the_cited_work() -> None:
    text = ("Shared purpose holds a squad together (Smith, 2004). As Smith says, candor builds trust. "
            "Smith's survey of choirs links candor and team learning. Burns (1978) wrote about command style. "
            "Burns heal slowly.")
    out = suggest(text, "t", KNOWN)
    works = {c["label"]: c for c in out["concepts"] if c["class"] == "cited work"}
    assert sorted(works) == ["Burns (1978)", "Smith (2004)"]
    assert len(works["Smith (2004)"]["evidence"]) == 3 and "Smith" in works["Smith (2004)"]["forms"]
    assert len(works["Burns (1978)"]["evidence"]) == 1  # "Burns" opening a sentence is the English word
    assert _rel(out, "Smith (2004)", "candor")["type"] == "cited for"


def test_quotes_verbatim_on_tricky_layout() -> None:
    text = (
        "Menu, Home Page\n\nCoaching Basics\n\n"
        "  1. A mentor builds mutual trust with each rookie.\n\n"
        "  2. Honest feedback\nstrengthens team learning; command-and-control style weakens it.\n\n"
        "Menu, Home Page\n"
    )
    out = suggest(text, "t", KNOWN)
    _all_quotes_verbatim(text, out)
    heads = [text[s.start : s.end] for s in sentences(text) if s.heading]
    assert heads == ["Coaching Basics"]
    assert not any("Menu" in c["label"] for c in out["concepts"])
    r = _rel(out, "mentor", "trust")
    assert r["type"] == "fosters" and r["subject"] == "mentor"


def test_deterministic() -> None:
    text = (
        "Mentoring builds trust. A coach uses mentoring with every player. Team learning depends on candor, "
        "unlike command style, which reduces candor. Shared purpose is part of team learning (Jones, 2010)."
    )
    examples = (Example("mentoring", "fosters", "trust", "Mentoring builds trust"),)
    a = json.dumps(suggest(text, "t", KNOWN, examples), sort_keys=True)
    b = json.dumps(suggest(text, "t", tuple(reversed(KNOWN)), examples), sort_keys=True)
    assert a == b
    _all_quotes_verbatim(text, json.loads(a))


def test_rejected_not_proposed_and_known_flagged() -> None:
    text = "Mentoring requires mutual trust."
    first = suggest(text, "t", KNOWN, known_relations={("mentoring", "requires", "trust")})
    r = _rel(first, "mentoring", "trust")
    assert r["known"] is True and r["type"] == "requires"
    again = suggest(text, "t", KNOWN, rejected={("mentoring", "requires", "trust")})
    for rel in again["relations"]:
        assert (rel["subject_id"], rel["type"], rel["object_id"]) != ("mentoring", "requires", "trust")


def test_examples_calibrate_types() -> None:
    text = "Captains channel team learning."
    known = (*KNOWN, KnownConcept("captain", "captain", (), (), "role"))
    examples = tuple(
        Example("captain", "fosters", "trust", q)
        for q in ("The captain channels trust.", "A captain channels trust to rookies.", "Captains channel trust.")
    )
    out = suggest(text, "t", known, examples)
    assert _rel(out, "captain", "team learning")["type"] == "fosters"


def test_output_contract_keys() -> None:
    out = suggest("Mentoring builds trust between a mentor and a rookie.", "doc-1", KNOWN)
    assert out["document"] == "doc-1"
    for c in out["concepts"]:
        assert {"label", "forms", "known", "class", "score", "evidence"} <= set(c)
    for r in out["relations"]:
        assert {"subject", "object", "type", "score", "alternatives", "quote", "start", "end", "known"} <= set(r)
    json.dumps(out)


def test_independent_of_hash_seed() -> None:
    import os
    import subprocess

    code = (
        "import json, sys; sys.path.insert(0, '.'); from graph.suggest import suggest; "
        "print(json.dumps(suggest('Pruning builds strong roots. Mulching, unlike tilling, keeps soil moist; "
        "watering requires patience. Raised beds include herbs, tomatoes and beans.', 'g')))"
    )
    root = Path(__file__).resolve().parent.parent
    outs = set()
    for seed in ("0", "7", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.add(
            subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, check=True).stdout
        )
    assert len(outs) == 1


def test_anaphor_pairs_across_sentences_with_context() -> None:
    text = "Mentoring is a slow craft. It builds mutual trust over many seasons."
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "mentoring", "trust")
    assert r["quote"] == "It builds mutual trust over many seasons."
    assert text[r["start"] : r["end"]] == r["quote"]
    assert "context" in r and "mentoring" in r["context"]
    assert r["type"] == "fosters"


def test_noun_after_determiner_and_adjective() -> None:
    text = (
        "Coaches use their personal power more than rank. Their personal power grows with candor. "
        "Personal power is earned slowly."
    )
    out = suggest(text, "t", KNOWN)
    assert "personal power" in {c["label"] for c in out["concepts"]}


GARDEN = (
    KnownConcept("pruning", "pruning", (), (), "technique or practice"),
    KnownConcept("mulching", "mulching", (), (), "technique or practice"),
    KnownConcept("tilling", "tilling", (), (), "technique or practice"),
    KnownConcept("soil-moisture", "soil moisture", (), (), "outcome"),
    KnownConcept("root-growth", "root growth", (), (), "outcome"),
    KnownConcept("gardener", "gardener", ("grower",), (), "role"),
    KnownConcept("compost", "compost", (), (), "technique or practice"),
    KnownConcept("soil-life", "soil life", (), (), "outcome"),
    KnownConcept("weeds", "weeds", (), (), "outcome"),
    KnownConcept("patience", "patience", (), (), "value or vision"),
)
GARDEN_TEXT = (
    "Pruning builds strong root growth. Mulching keeps soil moisture high, unlike tilling. A gardener practises "
    "pruning in late winter. Compost feeds soil life. Tilling reduces soil life. Mulching requires compost. "
    "The weather changes every week. A gardener needs patience. Weeds reduce soil moisture. Mulching reduces weeds. "
    "Compost and mulching often go together in the same bed, next to pruning. Soil life depends on compost. "
    "A grower waters in the morning. Patience and pruning matter to every gardener in spring.\n\n"
    "Tilling, compost, weeds and soil life all appear in the same old almanac. Compost improves soil moisture. "
    "Pruning removes weeds near the fence. A gardener spreads compost, pulls weeds and checks soil moisture. "
    "Tilling exposes weeds to the sun. Weeds and tilling were both mentioned by the neighbour."
)
GARDEN_RELATIONS = (
    Example("pruning", "fosters", "root-growth", "Pruning builds strong root growth"),
    Example("mulching", "fosters", "soil-moisture", "Mulching keeps soil moisture high"),
    Example("mulching", "contrasts with", "tilling", "Mulching keeps soil moisture high, unlike tilling"),
    Example("pruning", "practised by", "gardener", "A gardener practises pruning in late winter"),
    Example("compost", "fosters", "soil-life", "Compost feeds soil life"),
    Example("tilling", "reduces", "soil-life", "Tilling reduces soil life"),
    Example("mulching", "requires", "compost", "Mulching requires compost"),
    Example("gardener", "requires", "patience", "A gardener needs patience"),
    Example("weeds", "reduces", "soil-moisture", "Weeds reduce soil moisture"),
    Example("mulching", "reduces", "weeds", "Mulching reduces weeds"),
    Example("soil-life", "based on", "compost", "Soil life depends on compost"),
    Example("compost", "fosters", "soil-moisture", "Compost improves soil moisture"),
    Example("pruning", "reduces", "weeds", "Pruning removes weeds near the fence"),
    Example("tilling", "fosters", "weeds", "Tilling exposes weeds to the sun"),
)


def test_training_documents_learn_the_pair_ranking() -> None:
    from graph.suggest import TrainingDocument, train_pair_model
    from graph.suggest.cues import Typer

    doc = TrainingDocument(GARDEN_TEXT, GARDEN, GARDEN_RELATIONS)
    assert train_pair_model([doc], Typer()) is not None
    text = "Pruning needs patience. Compost builds soil life, and tilling weakens root growth. A grower mulches."
    plain = suggest(text, "t", GARDEN, GARDEN_RELATIONS)
    out = suggest(text, "t", GARDEN, GARDEN_RELATIONS, training=[doc])
    assert {(r["subject"], r["object"]) for r in out["relations"]} == {
        (r["subject"], r["object"]) for r in plain["relations"]
    }
    assert all(0 <= r["score"] <= 1 for r in out["relations"])
    _all_quotes_verbatim(text, out)
    again = suggest(text, "t", tuple(reversed(GARDEN)), GARDEN_RELATIONS, training=[doc, doc])
    assert json.dumps(again, sort_keys=True) == json.dumps(
        suggest(text, "t", GARDEN, GARDEN_RELATIONS, training=[doc, doc]), sort_keys=True
    )


def test_a_name_of_function_words_and_one_word_matches_only_whole() -> None:
    known = (
        KnownConcept("one-on-one", "one-on-one talks", (), ("one-on-one basis",), "technique or practice"),
        KnownConcept("handing-over", "handing over", (), ("let them decide",), "technique or practice"),
        KnownConcept("purpose", "purpose", ("the purpose",), (), "value or vision"),
    )
    text = "Talks on a weekly basis help. They decide quickly. We meet on a one-on-one basis. The purpose holds."
    found = {c["id"]: c["forms"] for c in suggest(text, "t", known)["concepts"] if c["known"]}
    # "basis" and "decide" alone name nothing: their names are longer than one word
    assert found.get("one-on-one") == ["one-on-one basis"]
    assert "handing-over" not in found
    # a name that only loses an article still matches its word
    assert found.get("purpose") == ["purpose"]


def test_list_items_pair_with_the_heading_above_the_list() -> None:
    text = (
        "Team Rituals\n\n"
        "Teams keep a few habits that outlast any one project.\n\n"
        "  1. Weekly retrospectives let the team look back on its work together.\n\n"
        "  2. Pair rotation builds skill across the team.\n\n"
        "  3. Shared demos show the work to the whole company.\n"
    )
    out = suggest(text, "t")
    labels = {c["label"] for c in out["concepts"]}
    assert "team rituals" in labels
    item = _rel(out, "team rituals", "pair rotation")
    assert item["quote"].startswith("Pair rotation builds")
    assert 'under the heading "Team Rituals"' in item["context"]
    _rel(out, "team rituals", "shared demos")
    _all_quotes_verbatim(text, out)


def test_a_sentence_pairs_with_the_next_one_of_its_paragraph() -> None:
    text = "Candor keeps a team honest. Team learning follows, slowly but surely, for every member."
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "candor", "team learning")
    assert r["quote"].startswith("Team learning follows")
    assert "candor" in r["context"]
    _all_quotes_verbatim(text, out)


def test_a_longer_term_wins_over_a_shorter_term_inside_it() -> None:
    text = (
        "Servant power differs from power in general. Servant power rests on service. "
        "Servant power is listed, studied and praised. Power alone is feared."
    )
    out = suggest(text, "t")
    # "Servant power rests on service" links the longer term, not "power" with a modifier left over
    assert _rel(out, "servant power", "service")["quote"] == "Servant power rests on service."
    # "power" and "service" meet only across sentences (the "power" of the sentence before)
    assert all("context" in r for r in out["relations"] if {r["subject"], r["object"]} == {"power", "service"})


def test_a_known_relation_read_the_other_way_round_is_flagged_known() -> None:
    out = suggest("Mentoring requires mutual trust.", "t", KNOWN, known_relations={("trust", "requires", "mentoring")})
    assert _rel(out, "mentoring", "trust")["known"] is True


def test_practised_by_always_has_a_role_as_object_and_cited_for_a_citation_as_subject() -> None:
    text = (
        "Mentoring is practised by every coach. Team learning is practised through mentoring. "
        "Candor is practised in command style teams (Ames, 2004). Mutual trust grows with shared purpose."
    )
    out = suggest(text, "t", KNOWN)
    classes = {c["label"]: c["class"] for c in out["concepts"]}
    practised = [r for r in out["relations"] if r["type"] == "practised by"]
    assert practised, "the text states a practice of a role"
    assert all(classes[r["object"]] == "role" for r in practised)
    assert all(classes[r["subject"]] == "cited work" for r in out["relations"] if r["type"] == "cited for")


def test_a_cleft_sentence_does_not_point_back() -> None:
    text = "Mentoring takes years. It is mutual trust, more than skill, that keeps a team together."
    out = suggest(text, "t", KNOWN)
    assert not [r for r in out["relations"] if "refers to" in r.get("context", "")]


def test_a_gerund_read_as_a_noun_and_a_list_sibling_of_a_known_concept_are_candidates() -> None:
    text = "Good teams are built on candor, listening, and patience. Coaches value the practice of listening."
    out = suggest(text, "t", KNOWN)
    listening = next(c for c in out["concepts"] if c["label"] == "listening")
    assert "listed with a known concept" in listening["cues"]


def test_furniture_lines_propose_nothing_and_offsets_stay() -> None:
    menu = "Home Page Navigation Menu\n\n"
    text = menu + "Mentoring builds mutual trust.\n\nContact Page Navigation Links\n"
    spans = [(0, len(menu) - 2), (text.rindex("Contact"), len(text) - 1)]
    out = suggest(text, "t", KNOWN, furniture=spans)
    assert not [c for c in out["concepts"] if "navigation" in c["label"] or "page" in c["label"]]
    r = _rel(out, "mentoring", "trust")
    assert text[r["start"] : r["end"]] == r["quote"] == "Mentoring builds mutual trust."
    plain = suggest(text, "t", KNOWN)
    assert [c for c in plain["concepts"] if "navigation" in c["label"]], "without furniture the menu is read"


def test_a_sentence_pairs_with_the_opening_concepts_of_its_paragraph() -> None:
    text = (
        "Candor is rare in large firms. Most staff stay quiet in meetings. Few managers ask twice. "
        "Over the years it builds team learning."
    )
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "candor", "team learning")
    assert r["quote"] == "Over the years it builds team learning."
    assert "named earlier in the paragraph" in r["context"]
    _all_quotes_verbatim(text, out)


def test_the_class_prior_follows_the_examples_and_falls_back_to_all_types() -> None:
    from graph.suggest.cues import Typer

    examples = [
        Example("mentoring", "practised by", "mentor", "every mentor practises mentoring"),
        Example("mentoring", "practised by", "mentor", "mentoring is what a mentor does"),
        Example("candor", "fosters", "trust", "candor builds trust"),
    ]
    typer = Typer([(frozenset(), e.type_label) for e in examples])
    typer.fit_class_pairs(examples, {k.id: k.class_label for k in KNOWN})
    prior = typer.class_prior("role", "technique or practice")
    assert max(prior, key=prior.get) == "practised by"
    assert abs(sum(prior.values()) - 1) < 1e-9
    unseen = typer.class_prior("outcome", "leadership model")
    assert max(unseen, key=unseen.get) == "practised by"  # the most common type overall
    assert unseen["contrasts with"] > 0


def test_list_items_under_a_heading_are_its_parts_with_the_item_as_subject() -> None:
    text = (
        "Team Rituals\n\n"
        "Teams keep a few habits that outlast any one project.\n\n"
        "  1. Weekly retrospectives let the team look back on its work together.\n\n"
        "  2. Pair rotation builds skill across the team.\n\n"
        "  3. Shared demos show the work to the whole company.\n"
    )
    out = suggest(text, "t")
    for item in ("weekly retrospectives", "pair rotation", "shared demos"):
        r = _rel(out, "team rituals", item)
        # the items' sentences hold no part-whole cue: the layout says what they are of the heading
        assert r["type"] in {"part of", "kind of"}
        assert (r["subject"], r["object"]) == (item, "team rituals")


def test_the_noun_of_a_cue_is_no_concept_and_keeps_its_cue() -> None:
    text = "Candor is the basis of mutual trust. The source of team learning is candor."
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert "basis" not in labels and "source" not in labels
    r = _rel(out, "candor", "trust")
    assert (r["subject"], r["type"], r["object"]) == ("trust", "based on", "candor")


def test_a_word_in_quotation_marks_is_a_named_term() -> None:
    text = 'Some firms still call their staff "subordinates," and the word shapes how they are led.'
    out = suggest(text, "t")
    quoted = next(c for c in out["concepts"] if c["label"] == "subordinates")
    assert "quoted" in quoted["cues"]


def test_a_dash_set_off_by_spaces_ends_a_noun_phrase() -> None:
    text = "Forming alliances - partnerships, really - spreads the load. Partnerships need candor."
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert not any(" - " in label for label in labels)
    assert "partnerships" in labels
    _all_quotes_verbatim(text, out)


def test_a_comma_and_not_contrasts_only_the_two_mentions_beside_it() -> None:
    text = "Candor, not command style, builds team learning."
    a, b, c = ((text.index(w), text.index(w) + len(w)) for w in ("Candor", "command style", "team learning"))
    feats, _ = features(text, 0, len(text), a, b, "", "", False, [c])
    assert "contrasts with:btw" in feats  # a full cue, where a bare "not" is a weak one
    # "not command style" stands between candor and team learning, but sets only command style against candor
    feats, _ = features(text, 0, len(text), a, c, "", "", False, [b])
    assert "contrasts with:btw" not in feats
    out = suggest(text, "t", KNOWN)
    assert _rel(out, "candor", "command style")["type"] == "contrasts with"


def test_a_rating_adjective_or_an_indefinite_pronoun_makes_no_term() -> None:
    text = (
        "The major difference between coaching circles and peer review is pace. Coaching circles meet weekly. "
        "Any act or behavior someone repeats becomes a habit. Coaching circles cannot work, and cannot last, "
        "without trust."
    )
    out = suggest(text, "t")
    labels = {c["label"] for c in out["concepts"]}
    assert "coaching circles" in labels
    assert "major difference" not in labels
    assert not any("someone" in label for label in labels)
    assert "cannot" not in labels  # a modal, however the dictionary reads it


def test_where_new_terms_overlap_the_longest_is_the_mention() -> None:
    text = (
        "Power shapes every team. Power is everywhere, and power is feared. "
        "Organizational power politics rests on alliances (Okafor)."
    )
    out = suggest(text, "t")
    r = _rel(out, "Okafor", "organizational power politics")
    assert r["type"] == "cited for"
    # "power" inside the longer term is no mention; the paragraph's opening "power" may still be linked
    assert not any({x["subject"], x["object"]} == {"Okafor", "power"} and "context" not in x for x in out["relations"])


def test_the_next_sentence_does_not_make_a_noun_a_verb() -> None:
    # "controls" before "Fourth" (a word a verb may take after it) ends its sentence: it is still a noun
    text = "Teams fear the manager's strict controls.\n\nFourth, candor keeps a team honest."
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert any(label.endswith("strict controls") for label in labels)


def test_a_plural_noun_before_a_relative_pronoun_stays_a_noun() -> None:
    text = "Mentors look for job skills that last. Candor shows that a team is honest."
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert "job skills" in labels
    # a verb that takes a clause stays a verb before "that"
    assert not any(label.endswith("shows") for label in labels)


def test_each_of_these_points_back_to_the_items_of_a_list() -> None:
    text = (
        "A healthy team culture includes weekly retrospectives, pair rotation, and shared demos. "
        "Each of these rituals needs candor."
    )
    out = suggest(text, "t", KNOWN)
    for item in ("weekly retrospectives", "pair rotation", "shared demos"):
        r = _rel(out, item, "candor")
        assert r["quote"].startswith("Each of these rituals")
        assert '"these" refers to ' + item in r["context"]
    _all_quotes_verbatim(text, out)


def test_a_plural_noun_ends_its_noun_phrase() -> None:
    # the nouns that modify a head are singular: after "mentors" or "followers" a new phrase starts
    text = (
        "Seasoned mentors value plain feedback. Good coaches teach apprentices shop routines, "
        "and shop routines keep apprentices safe. The teams' habits matter, and good habits last."
    )
    out = suggest(text, "t")
    labels = {c["label"] for c in out["concepts"]}
    assert {"seasoned mentors", "shop routines", "habits"} <= labels  # a possessive plural is a determiner
    assert not any(label.startswith(("seasoned mentors ", "apprentices ", "shop routines ")) for label in labels)


def test_an_s_word_after_a_singular_noun_may_be_its_verb() -> None:
    # "suits" before an adjective can only be the verb; "makes" before a noun may be either, and the term
    # the text repeats ("raised bed gardening") wins
    text = (
        "Raised bed gardening suits small yards. Raised bed gardening warms the soil early in spring. "
        "The head gardener issues orders, and raised bed gardening makes companion planting easier."
    )
    out = suggest(text, "garden")
    labels = [c["label"] for c in out["concepts"]]
    assert labels.index("raised bed gardening") < labels.index("raised bed gardening makes")
    assert "raised bed gardening suits" not in labels
    assert not any(label.endswith("issues") or label.startswith("issues") for label in labels)
    _all_quotes_verbatim(text, out)


def test_without_a_cue_or_examples_the_type_is_no_contrast() -> None:
    # nothing in the sentence marks a contrast, and there are no curated examples: the type must come from a
    # prior, not from the order in which the types are listed
    text = "Candor shapes team learning in every workshop."
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "candor", "team learning")
    assert r["type"] not in ("contrasts with", "reduces")
    assert r["type"] == "fosters"


def test_a_light_verb_opens_no_term() -> None:
    text = (
        "Good mentors take responsibility for team learning. Apprentices find support in weekly reviews, "
        "and the guild makes room for questions. Candor makes weekly reviews useful."
    )
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert "weekly reviews" in labels
    assert not any(label.split()[0] in ("take", "find", "makes", "make") for label in labels)


def test_a_verb_after_a_modal_opens_no_term() -> None:
    text = "Mentors can allocate weekly rewards. Coaches should often review team learning plans."
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert "weekly rewards" in labels
    assert not any(label.startswith(("allocate", "review")) for label in labels)


def test_a_citation_supports_the_opening_concepts_of_its_paragraph() -> None:
    # the cited sentence names neither candor nor a paraphrase the lexicon knows: the paragraph is about candor
    text = (
        "Candor is the habit this section is about. Crews that speak plainly repair faults sooner. "
        "Apprentices copy what their elders do on the shop floor, not what they say (Okafor)."
    )
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "Okafor", "candor")
    assert r["type"] == "cited for" and r["subject"] == "Okafor"
    assert r["quote"].endswith("(Okafor).") and "candor" in r["context"]  # the bracket closed
    _all_quotes_verbatim(text, out)


def test_a_known_concept_heading_a_longer_term_keeps_its_relations() -> None:
    text = (
        "Remote team learning is slow at first. Remote team learning depends on candor. "
        "Remote team learning grows with every project."
    )
    out = suggest(text, "t", KNOWN)
    assert any(c["label"] == "remote team learning" for c in out["concepts"])
    r = _rel(out, "team learning", "candor")  # the head, hidden inside the longer term, still pairs
    assert r["quote"] == "Remote team learning depends on candor." and "context" not in r  # read in its own sentence
    # one mention inside the other is no pair
    assert not any(
        {x["subject"], x["object"]} == {"team learning", "remote team learning"} and "context" not in x
        for x in out["relations"]
    )
    _all_quotes_verbatim(text, out)


def test_a_new_term_headed_by_a_known_name_is_the_mention_and_the_head_still_pairs() -> None:
    # "remote team learning" is said once (a weak term), yet it is the mention, not the known name inside it
    text = "Good mentors rely on remote team learning. Candor is the basis of mutual trust."
    out = suggest(text, "t", KNOWN)
    assert _rel(out, "mentor", "remote team learning")["quote"] == "Good mentors rely on remote team learning."
    assert _rel(out, "mentor", "team learning")["quote"] == "Good mentors rely on remote team learning."
    # with "of" the head comes first: "the basis of mutual trust" is no kind of trust, and trust stays the mention
    r = _rel(out, "candor", "trust")
    assert (r["subject"], r["type"], r["object"]) == ("trust", "based on", "candor")


def test_a_noun_or_verb_before_to_may_end_a_noun_phrase() -> None:
    # "to" follows nouns ("change to improve", "commitment to") as often as verbs: it makes no verb
    text = "Mentors expect personal change to improve candor. Teams want personal change to build trust."
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert "personal change" in labels


def test_an_item_of_a_list_of_verb_phrases_opens_with_its_verb() -> None:
    text = (
        "Good mentors praise others, stop doubt, and build morale. Doubt spreads fast. "
        "Crews come to understand and respect followership. Followership grows."
    )
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert "stop doubt" not in labels and "respect followership" not in labels
    assert {"morale", "followership"} <= labels


def test_a_possessor_is_a_determiner_and_no_part_of_the_term() -> None:
    text = "The mentor's quiet influence shapes a crew. Quiet influence lasts longer than orders."
    out = suggest(text, "t", KNOWN)
    labels = {c["label"] for c in out["concepts"]}
    assert "quiet influence" in labels
    assert not any("'s" in label for label in labels)


def test_two_adjectives_sharing_a_head_make_one_term() -> None:
    text = "Good crews keep formal and informal support networks. Such networks rest on candor."
    out = suggest(text, "t", KNOWN)
    labels = [c["label"] for c in out["concepts"]]
    assert "formal and informal support networks" in labels
    more = "Crews share a network of known and shared norms. Known and shared norms keep crews calm."
    labels2 = {c["label"] for c in suggest(more, "t", KNOWN)["concepts"]}
    assert "known and shared norms" in labels2 and "network of known" not in labels2  # participles too
    assert "and" not in [label.split()[0] for label in labels] + [label.split()[-1] for label in labels]
    _all_quotes_verbatim(text, out)


def test_a_sentence_that_speaks_to_the_reader_states_no_relation() -> None:
    text = (
        "After you have read this section, share your notes on candor and team learning with a mentor. "
        'Candor builds trust, as the essay "What You Owe Your Team" argues.'
    )
    out = suggest(text, "t", KNOWN)
    assert not any("share your notes" in r["quote"] for r in out["relations"])
    assert _rel(out, "candor", "trust")  # a "you" in a quoted title does not count
    _all_quotes_verbatim(text, out)


def test_two_adjectives_before_a_known_name_name_two_concepts() -> None:
    known = (*KNOWN, KnownConcept("inner-leader", "inner leader", (), (), "role"))
    text = "Tensions face both top and inner leaders. Inner leaders need candor."
    labels = {c["label"] for c in suggest(text, "t", known)["concepts"]}
    assert "top and inner leaders" not in labels


def test_the_ing_form_of_a_verb_before_an_adjective_opens_no_term() -> None:
    text = "Heroes enjoy leaping tall problems. Tall problems wear crews down."
    labels = {c["label"] for c in suggest(text, "t", KNOWN)["concepts"]}
    assert "tall problems" in labels and "leaping tall problems" not in labels


def test_a_colon_before_a_list_makes_each_item_part_of_what_precedes_it() -> None:
    text = "Good mentoring has three marks: candor, mutual trust, and team learning."
    out = suggest(text, "t", KNOWN)
    for item in ("candor", "trust", "team learning"):
        r = _rel(out, "mentoring", item)
        assert (r["subject"], r["type"], r["object"]) == (item, "part of", "mentoring")
    # a colon before a single phrase opens no list
    feats, _ = features("Mentoring has one mark: candor.", 0, 31, (0, 9), (25, 31), "", "", False)
    assert not any(f.startswith("part of") for f in feats)


def test_a_sentence_opening_with_without_states_a_requirement() -> None:
    for text in ("Without mutual trust, mentoring turns into inspection.",
                 "Without mutual trust there is no team learning."):
        out = suggest(text, "t", KNOWN)
        r = _rel(out, "trust", "mentoring" if "inspection" in text else "team learning")
        assert r["type"] == "requires"
        assert r["object"] == "trust"
    # "without" inside a clause ("acts without candor") is no such cue
    text = "The mentor acts without candor."
    feats, _ = features(text, 0, len(text), (4, 10), (24, 30), "", "", False)
    assert not any(f.startswith("requires") for f in feats)


def test_a_name_with_a_modifier_before_a_known_name_is_a_kind_of_it() -> None:
    # "mentoring", the head inside "Group mentoring", meets "team mentoring" through "one form of"; a concept
    # is no kind of its own narrower concept, whatever the cue says: the longer name is the kind
    text = (
        "Group mentoring is one form of team mentoring. Group mentoring needs candor. "
        "Team mentoring rests on mutual trust."
    )
    out = suggest(text, "t", KNOWN)
    r = _rel(out, "team mentoring", "mentoring")
    assert (r["subject"], r["type"], r["object"]) == ("team mentoring", "kind of", "mentoring")
    assert r["quote"] == "Group mentoring is one form of team mentoring."


def test_a_name_trimmed_of_its_article_to_a_verb_is_kept_whole() -> None:
    # "the led" names the followers; "led" alone is a verb, and its lemma would match every "lead"
    from graph.suggest.lexicon import Lexicon
    from graph.suggest.text import tokens

    lex = Lexicon([KnownConcept("follower", "follower", ("the led", "those led"), (), "role"),
                   KnownConcept("vision", "the vision", (), (), "value or vision")])
    text = ("Most engineering leads are promoted. The led follow. Those led must accept it. She led with a vision. "
            "The lead decides.")
    found = [text[m.start : m.end] for m in lex.find(text, tokens(text, sentences(text)))]
    assert found == ["The led", "Those led", "vision"]  # an article before a noun is still dropped


def test_among_marks_membership_only_after_a_verb() -> None:
    # "trust among mentors" relates the mentors to each other; "candor is among the marks of" is membership
    text = "Trust among mentors grows slowly."
    feats, _ = features(text, 0, len(text), (0, 5), (12, 19), "", "", False)
    assert not any(f.startswith("part of") for f in feats)
    text = "Candor is among the marks of mentoring."
    feats, _ = features(text, 0, len(text), (0, 6), (29, 38), "", "", False)
    assert "part of:btw" in feats


def test_a_noun_or_verb_word_before_is_or_a_modal_is_a_noun() -> None:
    # "power" can be a verb, but not right before "is": "Expert power" is one noun phrase, from the first word
    text = "Expert power is one form of personal power. Expert power grows with skill."
    out = suggest(text, "t", KNOWN)
    expert = next(c for c in out["concepts"] if c["label"] == "expert power")
    assert [e["mention_start"] for e in expert["evidence"]] == [0, text.index("Expert power grows")]
    r = _rel(out, "expert power", "personal power")
    assert (r["subject"], r["type"], r["object"]) == ("expert power", "kind of", "personal power")


def test_a_verb_after_a_subject_pronoun_or_relative_word_opens_no_term() -> None:
    text = ("Mentors who hold positional authority rarely earn trust. Candor means real trust. "
            "That team learning matters to mentors.")
    labels = {c["label"] for c in suggest(text, "t", KNOWN)["concepts"]}
    assert "positional authority" in labels
    assert not labels & {"hold positional authority", "means real trust", "mean real trust"}


def test_a_command_states_no_relation() -> None:
    # steps of a routine tell the reader what to do; they say nothing of how the concepts they name relate
    text = ("Describe the candor of the mentor. Praise team learning openly. Give candor to team learning. "
            "Candor builds mutual trust.")
    out = suggest(text, "t", KNOWN)
    assert {frozenset((r["subject"], r["object"])) for r in out["relations"] if "context" not in r} == {
        frozenset(("candor", "trust"))
    }
    # a noun-or-verb opening word before a preposition is the subject, not a command
    out = suggest("Focus on candor builds mutual trust.", "t", KNOWN)
    assert _rel(out, "candor", "trust")["type"] == "fosters"


def test_a_term_used_as_a_person_is_proposed_as_a_role() -> None:
    text = ("A steward who listens earns trust. The head steward plans shifts. Every handover is an act of trust. "
            "Each coordinator checks the errors. Supervisors rarely see the handover.")
    classes = {c["label"]: c["class"] for c in suggest(text, "t", [])["concepts"]}
    assert classes["steward"] == "role"  # "a steward who ..."
    assert classes["head steward"] == "role"  # headed by a word the text uses as a person
    assert classes["coordinator"] == "role"  # a doer: "coordinate" + "-or"
    assert classes["handover"] != "role" and classes["errors"] != "role"  # "-er", "-or" words that name no doer


def test_more_contrast_and_reduction_verbs_and_no_kind_after_a_demonstrative() -> None:
    text = ("Mutual trust depends on this kind of candor. Command style is not the same as mentoring. "
            "Command style crowds out team learning.")
    out = suggest(text, "t", KNOWN)
    triples = {(r["subject"], r["type"], r["object"]) for r in out["relations"] if "context" not in r}
    assert ("trust", "requires", "candor") in triples  # "this kind of" points, it states no kind
    assert ("command style", "contrasts with", "mentoring") in triples
    assert ("command style", "reduces", "team learning") in triples


def test_a_plain_verb_after_a_plural_noun_opens_no_term() -> None:
    text = "Senior mentors coordinate team learning, and the juniors share candor."
    labels = {c["label"] for c in suggest(text, "t", KNOWN)["concepts"]}
    assert not labels & {"coordinate team learning", "share candor", "coordinate team"}


def test_a_practice_named_by_an_ing_word_is_not_the_role_of_its_verb() -> None:
    from graph.suggest.classes import propose_class

    assert propose_class(["peer", "mentoring"]) == "technique or practice"  # its key "mentor" is a role
    assert propose_class(["senior", "mentors"]) == "role"


def test_gerunds_listed_as_the_object_of_a_verb_are_terms() -> None:
    text = "Good mentoring includes listening, reflecting and candor. The mentor is listening."
    out = suggest(text, "t", KNOWN)
    for item in ("listening", "reflecting"):
        r = _rel(out, item, "mentoring")
        assert (r["subject"], r["type"], r["object"]) == (item, "part of", "mentoring")


def test_an_item_after_a_verb_and_its_object_opens_with_a_verb() -> None:
    text = "Senior mentors observe meetings, share candor and praise team learning."
    labels = {c["label"] for c in suggest(text, "t", KNOWN)["concepts"]}
    assert "share candor" not in labels and "candor" in labels


def test_a_verb_after_a_floating_quantifier_or_a_subject_pronoun_opens_no_term() -> None:
    text = ("The stewards all hold shift authority. Candor matters because it shows, in small acts, "
            "that mentors care.")
    labels = {c["label"] for c in suggest(text, "t", KNOWN)["concepts"]}
    assert "shift authority" in labels
    assert not labels & {"hold shift authority", "shows"}


def test_the_verb_after_the_object_of_let_make_or_help_opens_no_term() -> None:
    text = "Nothing in the rota let the night shift swap duties. Candor helps mentoring grow."
    labels = {c["label"] for c in suggest(text, "t", KNOWN)["concepts"]}
    assert "night shift" in labels and "duties" in labels
    assert not labels & {"night shift swap duties", "shift swap", "swap duties", "mentoring grow"}
    # a verb after "help" with no object between is two verbs, and the noun after them stays a term
    assert "trust" in {c["label"] for c in suggest("Mentors help build trust.", "t", KNOWN)["concepts"]}


def test_an_s_verb_before_a_determiner_or_a_wh_word_opens_no_term() -> None:
    text = "The handbook collects what mentors learn. The steward issues the rota."
    labels = {c["label"] for c in suggest(text, "t", KNOWN)["concepts"]}
    assert {"handbook", "steward", "rota"} <= labels
    assert not labels & {"handbook collects", "collects", "steward issues", "issues"}


def test_a_count_is_no_part_of_a_term() -> None:
    text = ("Coaching three night shifts taught candor. The ward at three in the morning needs candor. "
            "Mentors told all three about night shifts.")
    labels = {c["label"] for c in suggest(text, "t", KNOWN)["concepts"]}
    assert "night shifts" in labels
    assert not any(label.split()[0] in ("three", "coaching") for label in labels if label != "coaching")


def test_concepts_of_rare_words_come_before_everyday_ones_of_equal_termhood() -> None:
    from graph.suggest.terms import specificity

    assert specificity(("handover",)) > specificity(("ward",)) > specificity(("time",))
    # two terms the text treats alike (each named twice, nothing else): the rarer one is proposed first,
    # though the alphabet would put it second
    order = [c["label"] for c in suggest("The morning had a rota. Every rota took the morning.", "t", [])["concepts"]]
    assert order.index("rota") < order.index("morning")


def test_a_comma_after_a_phrase_says_nothing_of_its_last_word() -> None:
    # "power" before ", by contrast," or ", the pull of" is no verb taking an object
    text = ("Reward power and coercive power, by contrast, are kinds of positional power. "
            "Referent power, the pull of a person, is another kind.")
    labels = {c["label"] for c in suggest(text, "t", [])["concepts"]}
    assert {"coercive power", "referent power"} <= labels
    # an -s form after a singular noun agrees with it as a verb, comma or not
    labels = {c["label"] for c in suggest("The steward serves, but the rota rules.", "t", [])["concepts"]}
    assert "steward" in labels and "steward serves" not in labels


def test_an_acronym_the_text_defines_names_its_long_form() -> None:
    text = ("Night shift rotation (NSR) spreads candor across the ward. NSR builds mutual trust, and NSRs "
            "need team learning. Team learning (TL) deepens candor. TL fosters mutual trust.")
    out = suggest(text, "t", KNOWN)
    by_label = {c["label"]: c for c in out["concepts"]}
    assert "NSR" in by_label["night shift rotation"]["forms"] and "NSRs" in by_label["night shift rotation"]["forms"]
    assert "defined" in by_label["night shift rotation"]["cues"]
    assert not {"nsr", "NSR", "tl", "TL"} & set(by_label)  # no acronym is a term of its own
    assert _rel(out, "night shift rotation", "trust")["quote"].startswith("NSR builds")
    # an acronym of a known name is a mention of the known concept
    assert "TL" in by_label["team learning"]["forms"]
    assert _rel(out, "team learning", "trust")["quote"].startswith("TL fosters")
    # letters that do not spell the words before them define nothing
    out = suggest("Shift rotation (QX) spreads candor. QX helps.", "t", KNOWN)
    assert {c["label"]: c["forms"] for c in out["concepts"]}["shift rotation"] == ["Shift rotation"]


def test_acronym_long_forms() -> None:
    from graph.suggest.acronyms import acronyms
    from graph.suggest.text import sentences, tokens

    text = ("Leader-member exchange (LMX) is old. The Board of Trustees (BT) met. Shift (SH) work. "
            "LMX predicts trust; two BTs differ.")
    toks = tokens(text, sentences(text))
    def span(first: int, last: int) -> str:
        return text[toks[first].start : toks[last].end]

    found = {a.short: (span(a.first, a.last), [span(u, u) for u in a.uses]) for a in acronyms(text, toks)}
    assert found == {"LMX": ("Leader-member exchange", ["LMX"]), "BT": ("Board of Trustees", ["BTs"])}


def test_a_pair_is_read_between_its_nearest_mentions() -> None:
    # the second "candor" is the one that reduces team learning; the first one fosters trust
    text = "High candor fosters mutual trust, and low candor reduces team learning."
    out = suggest(text, "t", KNOWN)
    assert _rel(out, "candor", "team learning")["type"] == "reduces"
    assert _rel(out, "candor", "trust")["type"] == "fosters"


def test_a_clause_after_comma_and_is_quoted_alone() -> None:
    text = "High candor fosters mutual trust, and low candor reduces team learning."
    out = suggest(text, "t", KNOWN)
    assert _rel(out, "candor", "team learning")["quote"] == "low candor reduces team learning."
    assert _rel(out, "candor", "trust")["quote"] == "High candor fosters mutual trust"
    _all_quotes_verbatim(text, out)
