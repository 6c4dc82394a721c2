"""The claims ledger: each clause's `because` (the answers and catalogue facts it read) and `defaults` (values the file does not give that it used).

The acceptance test of issue 15, item 4: for every example and for random valid answer files, every
`because` path of every included clause is an answer the file gives or a fact of a catalogue service
the file names, and no default speaks. Checked here against the answer file's own data (the YAML
dict), not against the model the ledger itself reads.
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BAKERY, EXAMPLES, ROOT
from hypothesis import HealthCheck, given, settings
from test_fuzz import answers as random_answers

from generator.answers import collection, contacts, disclosure, fields, model, parts
from generator.answers.load import answers_from_dict
from generator.cli import main
from generator.context import build_context
from generator.context.reads import DERIVED_FROM, PROPERTY_READS
from generator.export.formats import to_json
from generator.library.clauses import block_name, load_library
from generator.library.services import Service, load_services
from generator.policy import Policy, RenderedClause
from generator.render import _BLANK_LINES, build_policy

ONLINE_SHOP = ROOT / "examples" / "online-shop.yaml"


def bakery() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BAKERY.read_text(encoding="utf-8"))
    return data


def ledger_of(data: dict[str, Any], clauses: tuple[Path, ...] = ()) -> Policy:
    return build_policy(answers_from_dict(copy.deepcopy(data), "<test>"), load_library(clauses), ledger=True)


def clause(policy: Policy, clause_id: str) -> RenderedClause:
    return next(c for section in policy.sections for c in section.clauses if c.id == clause_id)


def every_clause(policy: Policy) -> list[RenderedClause]:
    return [c for section in policy.sections for c in section.clauses]


# What a clause rests on


def test_the_children_clause_rests_on_the_minimum_age_and_its_when() -> None:
    data = bakery()
    data["children"] = {"minimum_age": 18, "directed_to_children": False}
    adults = clause(ledger_of(data), "children.adults-only")
    assert "You must be 18 or older" in adults.markdown
    # The text (the age) and the `when` beside it.
    assert adults.because == ("children.directed_to_children", "children.minimum_age")
    assert adults.defaults == ()


def test_only_the_branch_that_ran_counts() -> None:
    data = bakery()
    data["requests"] = {"methods": ["email"], "response_days": 10, "verification": "we check who you are first", "web_form_url": "https://x.example/f"}
    requests = clause(ledger_of(data), "your-rights.requests")
    assert "requests.web_form_url" not in requests.because  # read only when the methods include a web form
    assert {"requests.methods", "requests.response_days", "requests.verification", "business.email"} <= set(requests.because)
    data["requests"]["methods"] = ["email", "web-form"]
    assert "requests.web_form_url" in clause(ledger_of(data), "your-rights.requests").because


def test_list_indexes_are_kept_and_properties_read_their_fields() -> None:
    policy = ledger_of(bakery())
    categories = clause(policy, "information-we-collect.categories").because
    assert "data[0].category" in categories and "data[0].examples" in categories  # item.name and item.example_text
    assert "data" not in categories  # the list itself only led to its items
    who = clause(policy, "introduction.who-we-are").because
    assert {"business.legal_name", "business.trading_name"} <= set(who)  # business.name: the trading name, or the legal name


def test_derived_facts_count_as_the_answers_they_come_from() -> None:
    data = bakery()
    data["sharing"] = {**data.get("sharing", {}), "sells_data": False, "shares_for_advertising": False}
    no_sale = clause(ledger_of(data), "how-we-use.no-sale")  # when: not sells_or_shares
    assert {"sharing.sells_data", "sharing.shares_for_advertising"} <= set(no_sale.because)
    assert no_sale.defaults == ()


def test_a_catalogue_fact_is_named_as_one_and_an_inline_service_by_its_path() -> None:
    data = bakery()
    data["services"] = [
        "google-analytics",
        {
            "id": "acme-crm",
            "name": "Acme CRM",
            "provider": "Acme Ltd",
            "country": "India",
            "kind": "crm",
            "purposes": ["keep customer records"],
            "data": ["contact"],
            "privacy_url": "https://acme.example/privacy",
        },
    ]
    data["cookies"] = {**data["cookies"], "kinds": ["essential", "analytics"]}
    policy = ledger_of(data)
    because = {path for c in every_clause(policy) for path in c.because}
    assert {"catalogue:google-analytics.name", "catalogue:google-analytics.cookies", "catalogue:google-analytics.provider"} <= because
    assert {"services[1].name", "services[1].provider", "services[1].country"} <= because
    assert not any(path.startswith("catalogue:acme-crm") for path in because)
    defaults = {path for c in every_clause(policy) for path in c.defaults}
    assert "services[1].cookies" not in defaults and "services[1].cookies" not in because  # not said: it sets none, and nothing is claimed


LANGUAGE_CLAUSE = "---\norder: 99\n---\nThis policy is written in {{ policy.language }}.\n"


def language_clause(folder: Path) -> Path:
    """A user's clause that prints one of the few answers that still has a default: the policy's language ('en')."""
    (folder / "introduction").mkdir(parents=True, exist_ok=True)
    (folder / "introduction" / "language.md").write_text(LANGUAGE_CLAUSE, encoding="utf-8")
    return folder


def test_a_default_speaking_is_detected(tmp_path: Path) -> None:
    data = bakery()
    data["policy"].pop("language", None)
    language = clause(ledger_of(data, (language_clause(tmp_path),)), "introduction.language")
    assert language.markdown == "This policy is written in en."
    assert language.defaults == ("policy.language",) and "policy.language" not in language.because
    data["policy"]["language"] = "en"
    language = clause(ledger_of(data, (tmp_path,)), "introduction.language")
    assert language.because == ("policy.language",) and language.defaults == ()


def test_an_absent_default_that_says_nothing_is_not_a_claim() -> None:
    data = bakery()
    data["business"].pop("phone", None)
    who = clause(ledger_of(data), "contact.privacy-contact")
    assert "business.phone" not in who.because and "business.phone" not in who.defaults  # None: nothing was said


def test_a_users_clause_is_tracked_in_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "introduction").mkdir()
    (tmp_path / "introduction" / "mine.md").write_text(
        "---\nid: introduction.mine\nsection: introduction\norder: 99\nwhen: business.website\n---\n"
        "{% set children = business %}Call {{ children.legal_name }}.{% if false %}{{ sells_data }}{{ children_under_13 }}{% endif %}\n",
        encoding="utf-8",
    )
    mine = clause(ledger_of(bakery(), (tmp_path,)), "introduction.mine")
    assert mine.markdown == "Call Saffron Crumb Bakers LLP."
    assert mine.because == ("business.legal_name", "business.website")  # the local `children` is not the context's; the skipped branch read nothing
    assert mine.defaults == ()


def test_tracking_gives_the_same_text_and_includes_the_same_clauses() -> None:
    from generator.context import policy_context
    from generator.ledger import tracking_template, when_block

    library = load_library()
    answers = answers_from_dict(bakery(), "<test>")
    plain, tracked = build_policy(answers, library), build_policy(answers, library, ledger=True)
    assert [c.markdown for c in every_clause(plain)] == [c.markdown for c in every_clause(tracked)]
    assert all(c.because == () == c.defaults for c in every_clause(plain)) and not plain.ledger
    context = policy_context(answers)
    texts = {c.id: c.markdown for c in every_clause(plain)}
    for group in library.groups:
        template = tracking_template(library, group)
        rendering = template.new_context(context)
        for index in group.indexes:
            text = texts.get(library.clauses[index].id)
            if text is not None:
                assert "".join(template.blocks[when_block(index)](rendering)) == "1"
                assert _BLANK_LINES.sub("\n\n", "".join(template.blocks[block_name(index)](rendering))).strip() == text


# The tables the ledger reads are complete


def test_every_context_key_says_what_it_reads() -> None:
    keys = set(build_context(answers_from_dict(bakery(), "<test>")))
    assert keys - set(DERIVED_FROM) == set(), "add these context keys to DERIVED_FROM in generator/context/reads.py"
    assert set(DERIVED_FROM) - keys == set(), "DERIVED_FROM names keys build_context no longer gives"
    tops = set(model.Answers.model_fields)
    for key, patterns in DERIVED_FROM.items():
        for pattern in patterns:
            assert re.split(r"[.\[]", pattern)[0] in tops, f"{key}: {pattern} does not start at an answer"


def test_every_property_of_the_answer_models_says_what_it_reads() -> None:
    models = {
        cls
        for module in (model, parts, collection, disclosure, contacts, fields)
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, fields.Model) and cls is not fields.Model
    }
    missing = [
        f"{cls.__name__}.{name}"
        for cls in sorted(models | {Service}, key=lambda c: c.__name__)
        for name, value in vars(cls).items()
        if isinstance(value, property) and name not in PROPERTY_READS.get(cls, {})
    ]
    assert missing == [], "add these properties to PROPERTY_READS in generator/context/reads.py"


# Front ends: JSON, explain, annotate


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def test_json_has_the_ledger_only_when_asked(tmp_path: Path) -> None:
    answers = answers_from_dict(bakery(), "<test>")
    plain = json.loads(to_json(build_policy(answers)))
    assert all("because" not in c and "defaults" not in c for s in plain["sections"] for c in s["clauses"])
    status, _, _ = run_cli("build", str(BAKERY), "--out", str(tmp_path), "-f", "json", "--ledger")
    assert status == 0
    written = json.loads((tmp_path / "saffron-crumb" / "privacy-policy.json").read_text(encoding="utf-8"))
    clauses = {c["id"]: c for s in written["sections"] for c in s["clauses"]}
    assert clauses["children.adults-only"]["because"] == ["children.directed_to_children", "children.minimum_age", "children.supervised_use"]
    assert clauses["children.adults-only"]["defaults"] == []
    assert list(clauses["children.adults-only"]) == ["id", "covers", "markdown", "html", "because", "defaults"]
    assert written["schema_version"] == plain["schema_version"] == 2


def test_explain_prints_each_clause_with_what_it_rests_on(tmp_path: Path) -> None:
    status, out, _ = run_cli("explain", str(ONLINE_SHOP), "--clauses", str(language_clause(tmp_path)))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{ONLINE_SHOP}: ") and lines[0].endswith(" clauses")
    assert any(re.fullmatch(r"\d+\. Children", line) for line in lines)
    start = lines.index("  children.adults-only")
    assert lines[start + 1] == "    because: children.directed_to_children, children.minimum_age, children.supervised_use"
    assert lines[start + 2].startswith("    text: You must be 18 or older")
    start = lines.index("  introduction.language")
    assert lines[start + 1 : start + 4] == [
        "    because: no answer the file gives",
        "    defaults, not answered: policy.language",
        "    text: This policy is written in en.",
    ]
    assert any(line.startswith("    because: ") and "catalogue:payu." in line for line in lines)


def test_explain_refuses_a_bad_answer_file_like_build(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("business:\n  legal_nam: X\n", encoding="utf-8")
    explained = run_cli("explain", str(bad))
    built = run_cli("build", str(bad), "--out", str(tmp_path / "out"))
    assert explained[0] == built[0] == 2
    assert explained[1] == "" and explained[2] == built[2] and "legal_nam" in explained[2]


def test_annotate_writes_the_review_page_beside_the_policy(tmp_path: Path) -> None:
    data = bakery()
    data["business"]["trading_name"] = "Crumb <script>alert(1)</script> & Co"
    source = tmp_path / "answers.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    mine = language_clause(tmp_path / "mine")
    status, out, _ = run_cli("build", str(source), "--out", str(tmp_path / "out"), "-f", "md", "--annotate", "--clauses", str(mine))
    assert status == 0
    folder = next(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert sorted(p.name for p in folder.iterdir()) == ["privacy-policy.annotated.html", "privacy-policy.annotated.md", "privacy-policy.md"]
    page = (folder / "privacy-policy.annotated.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "Crumb &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert not re.search(r"<(script|link|img|iframe|object)\b|src=|@import|url\(", page, re.IGNORECASE)  # nothing to load
    note = page[page.index('id="clause-children.adults-only"') :].split("</aside>")[0]
    assert "<code>children.minimum_age</code>" in note and "Defaults, not answered" not in note
    note = page[page.index('id="clause-introduction.language"') :].split("</aside>")[0]
    assert "Defaults, not answered" in note and "<code>policy.language</code>" in note
    markdown = (folder / "privacy-policy.annotated.md").read_text(encoding="utf-8")
    assert "> `children.adults-only`" in markdown and "`children.minimum_age`" in markdown
    assert "covers `in.spdi.r4.policy_published`" in markdown


# The acceptance test


def _at(data: Any, path: str) -> tuple[bool, Any]:
    """Whether the answer file's own data holds `path` (`data[0].purposes`), and what."""
    node = data
    for name, index in re.findall(r"\.?([A-Za-z_]\w*)|\[(\d+)\]", path):
        if name:
            if not isinstance(node, dict) or name not in node:
                return False, None
            node = node[name]
        else:
            if not isinstance(node, list) or int(index) >= len(node):
                return False, None
            node = node[int(index)]
    return True, node


def _named_services(data: dict[str, Any]) -> dict[str, set[str]]:
    """The catalogue services `data` names, each with the facts it gives itself (a mapping with the id and no `name`)."""
    refs = [*data.get("services", []), *data.get("payments", {}).get("gateways", [])]
    named = {ref: set() for ref in refs if isinstance(ref, str)}
    named.update({ref["id"]: set(ref) - {"id"} for ref in refs if isinstance(ref, dict) and "name" not in ref})
    return named


def unfounded(data: dict[str, Any], policy: Policy) -> list[str]:
    """Each `because` path of `policy` that is neither given in `data` nor a fact of a catalogue service `data` names (and leaves to it)."""
    services, catalogue = _named_services(data), load_services()
    found = []
    for c in every_clause(policy):
        for path in c.because:
            if path.startswith("catalogue:"):
                service, _, field = path.removeprefix("catalogue:").partition(".")
                own = services.get(service, set())
                if service not in services or service not in catalogue or (field and field not in Service.model_fields) or field in own:
                    found.append(f"{c.id}: {path}")
            elif not _at(data, path)[0]:
                found.append(f"{c.id}: {path}")
    return found


def speaking_defaults(policy: Policy) -> list[str]:
    return [f"{c.id}: {path}" for c in every_clause(policy) for path in c.defaults]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_because_path_of_an_example_is_given(example: Path) -> None:
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    assert unfounded(data, ledger_of(data)) == []


RANDOM = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_acceptance_every_example_rests_only_on_its_answers(example: Path) -> None:
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    policy = ledger_of(data)
    assert unfounded(data, policy) == []
    assert speaking_defaults(policy) == []


@RANDOM
@given(random_answers())
def test_acceptance_random_answers_rest_only_on_their_answers(data: dict[str, Any]) -> None:
    policy = ledger_of(data)
    assert unfounded(data, policy) == []
    assert speaking_defaults(policy) == []


@settings(RANDOM, max_examples=25)
@given(random_answers())
def test_every_because_path_of_random_answers_is_given(data: dict[str, Any]) -> None:
    assert unfounded(data, ledger_of(data)) == []
