"""True by construction: a question left unanswered never makes a clause say "no" (or "yes").

Every yes/no answer, age, time limit and choice that states a practice is None until the owner
gives it. A clause may test it plainly (`{% if sharing.legal_requests %}`: nothing is said when it
is unanswered), but it may not negate it: `not x`, the `else` of `{% if x %}` and `a if x else b`
would speak for an owner who never answered. What "no" says is written `x is false`; what any
answer says, `x is not none`. This test reads every built-in clause (its `when`, its text and its
`covers_when` conditions) and refuses a negated optional answer, or a negated fact derived from one.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import Environment, nodes
from pydantic import BaseModel

from generator.answers.model import Answers
from generator.context import MAYBE_FACTS
from generator.library.clauses import Clause, load_library


def _practice(args: tuple[object, ...]) -> bool:
    """Whether a field's type, None aside, is a yes/no, a number or a fixed choice: an answer that states a practice.

    Optional text, addresses and contacts are left out: their absence is no statement (`x if
    business.phone else y` only words what there is)."""
    rest = [typing.get_args(a)[0] if typing.get_origin(a) is typing.Annotated else a for a in args if a is not type(None)]
    return all(a is bool or a is int or typing.get_origin(a) is typing.Literal for a in rest)


def _optional_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """The dotted path of every yes/no, number or choice that may be None (unanswered), in every part below the root."""
    for name, info in model.model_fields.items():
        annotation = info.annotation
        args = typing.get_args(annotation)
        if type(None) in args and _practice(args):
            yield prefix + name
        inner = [a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)]
        if inner and typing.get_origin(annotation) not in (list, tuple) and not isinstance(annotation, types.GenericAlias):
            yield from _optional_paths(inner[0], f"{prefix}{name}.")


OPTIONAL = frozenset(_optional_paths(Answers)) | MAYBE_FACTS


def _dotted(node: nodes.Node) -> str | None:
    """`sharing.sells_data` for the expression `sharing.sells_data` (a name with attributes), else None."""
    parts = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if not isinstance(node, nodes.Name):
        return None
    return ".".join([node.name, *reversed(parts)])


def _bare_optionals(test: nodes.Node, through: type[nodes.Node] | tuple[type[nodes.Node], ...] = (nodes.And, nodes.Or)) -> list[str]:
    """The optional answers a test reads bare (not inside `is ...`, a comparison or a filter), through `and` / `or` (`through`)."""
    if isinstance(test, through):
        assert isinstance(test, nodes.BinExpr)
        return _bare_optionals(test.left, through) + _bare_optionals(test.right, through)
    path = _dotted(test)
    return [path] if path in OPTIONAL else []


def _denied(test: nodes.Node) -> list[str]:
    """The optional answers the `else` of `test` takes to be "no": a bare one, or each of bare ones joined by `or`.

    (The `else` of `a and b` only says one of them is not "yes", so it states no answer.)"""
    return _bare_optionals(test, nodes.Or)


def _wording(node: nodes.Node) -> bool:
    """A short piece of wording ("it" or "them"), not a statement: a text constant of at most three words."""
    return isinstance(node, nodes.Const) and isinstance(node.value, str) and len(node.value.split()) <= 3


def _problems(tree: nodes.Node) -> Iterator[str]:
    for node in tree.find_all(nodes.Not):
        for path in _bare_optionals(node.node):
            yield f"'not {path}': an unanswered '{path}' would read as 'no'; write '{path} is false'"
    for node in tree.find_all(nodes.If):
        if node.else_:
            for path in _denied(node.test):
                yield f"the 'else' of 'if {path}' speaks when '{path}' is unanswered; use 'elif {path} is false'"
    for node in tree.find_all(nodes.CondExpr):
        nothing = (isinstance(node.expr2, nodes.Const) and node.expr2.value in ("", None)) or (isinstance(node.expr2, nodes.List) and not node.expr2.items)
        if node.expr2 is not None and not nothing and not _wording(node.expr2):
            for path in _denied(node.test):
                yield f"'... if {path} else ...' speaks when '{path}' is unanswered; test '{path} is false' for the other text"


def _sources(clause: Clause) -> Iterator[tuple[str, str]]:
    yield "text", clause.source
    if clause.meta.when:
        yield "when", "{{ " + clause.meta.when + " }}"
    for rid, condition in clause.meta.covers_when.items():
        yield f"covers_when {rid}", "{{ " + condition + " }}"


CLAUSES = load_library().clauses
ENV = Environment()


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda c: c.id)
def test_no_clause_negates_an_unanswered_question(clause: Clause) -> None:
    found = [f"{where}: {problem}" for where, source in _sources(clause) for problem in _problems(ENV.parse(source))]
    assert not found, f"{Path(clause.path).name}: " + "; ".join(found)


def test_the_rule_catches_a_negated_answer() -> None:
    """The check itself can fail: each form it refuses, on a made-up clause."""
    for source in (
        "{% if not sharing.sells_data %}We never sell it.{% endif %}",
        "{% if sharing.legal_requests %}We tell the police.{% else %}We never tell the police.{% endif %}",
        "{{ 'We sell it.' if sells_or_shares else 'We never sell it.' }}",
        "{% if children.minimum_age and not cookies.used %}x{% endif %}",
    ):
        assert list(_problems(ENV.parse(source))), source
    for source in (
        "{% if sharing.sells_data is false %}We never sell it.{% endif %}",
        "{% if sharing.legal_requests %}We tell the police.{% elif sharing.legal_requests is false %}We never do.{% endif %}",
        "{{ 'We sell it.' if sells_or_shares else '' }}",
        "{% set kinds = (['account alerts'] if applies_to.accounts else []) %}",
        "{{ 'call us' if business.phone else 'write to us' }}",
        "{{ 'them' if applies_to.public_content else 'it' }}",
        "{% if applies_to.accounts and 'in-account' in requests.methods %}sign in{% else %}contact us{% endif %}",
        "{% if not loop.first %}, {% endif %}",
    ):
        assert not list(_problems(ENV.parse(source))), source


MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"


@pytest.fixture(scope="module")
def minimal_policy() -> str:
    from generator.pipeline import run

    result = run(MINIMAL, formats=("md",), allow_gaps=True)
    return result.text("md")


@pytest.mark.parametrize(
    ("what", "words"),
    [
        ("an age limit", ("years old", "or older", r"under \d", "children", r"\bchild")),
        ("a response time", (r"\bwe (answer|reply|respond|resolve|will resolve|confirm)\b[^.]*\bwithin\b",)),
        ("a statement about selling", (r"\bsell", r"\brent\b", r"\btrade\b")),
        ("business transfers", ("merge", "new owner", "buyer")),
        ("accounts or passwords", ("account", "password", "sign in", "signed in")),
        ("cookies", ("cookie", "do not track")),
        ("recipients", ("service providers", "staff", "police", "courts", "regulators")),
        ("marketing or messages", ("newsletter", "marketing", "service messages")),
        ("links to other sites", ("links to other", "other websites")),
        ("a contract", ("contract",)),
        ("a date the policy was changed", ("last updated", "last changed")),
    ],
)
def test_a_minimal_answer_file_says_only_what_it_gives(minimal_policy: str, what: str, words: tuple[str, ...]) -> None:
    """Only the schema's required answers: a short policy with no practice, promise, limit or recipient the file did not give."""
    text = minimal_policy.lower()
    said = [word for word in words if re.search(word, text)]
    assert not said, f"the minimal policy states {what} ({', '.join(said)}) that its answers never gave"


def test_a_minimal_answer_file_has_no_dangling_sentence(minimal_policy: str) -> None:
    """A sentence that introduces a list is followed by the list: never "ours is:" and then the next heading."""
    lines = [line for line in minimal_policy.splitlines() if line.strip()]
    for line, following in zip(lines, lines[1:], strict=False):
        if line.rstrip().endswith(":"):
            assert following.lstrip().startswith(("-", "|")), f"'{line}' introduces nothing: next is '{following}'"
    gaps = [line for line in minimal_policy.splitlines() if re.search(r"\S  +\S", line)]
    assert not gaps, f"a phrase left empty (two spaces inside a line): {gaps}"


def test_an_owners_words_read_right_inside_a_sentence() -> None:
    """A purpose's detail after a full stop becomes a sentence; an owner's label keeps its acronyms and names."""
    import yaml

    from generator.answers.load import answers_from_dict
    from generator.render import build_policy

    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["data"] = [
        {"category": "other", "label": "PAN card number", "purposes": ["support"], "required": True},
        {"category": "other", "label": "Marketing preferences", "purposes": ["support"], "required": False},
    ]
    data["purposes"] = [{"purpose": "support", "legal_basis": "contract", "detail": "answering the questions customers send us"}]
    policy = build_policy(answers_from_dict(data, "<test>"))
    text = "\n".join(c.markdown for s in policy.sections for c in s.clauses)
    assert "We use your PAN card number and marketing preferences. Answering the questions customers send us." in text


def test_a_list_of_one_is_introduced_in_the_singular(minimal_policy: str) -> None:
    assert "We collect this kind of personal information:" in minimal_policy
    assert "We protect your information this way:" in minimal_policy


def _built(extra: dict[str, object], business: dict[str, object] | None = None) -> str:
    """The Markdown of the minimal answer file with `extra` parts (and `business` keys) added."""
    from generator.answers.load import answers_from_dict
    from generator.export.formats import to_markdown
    from generator.render import build_policy

    data = yaml_minimal()
    data["business"] = {**data["business"], **(business or {})}
    return to_markdown(build_policy(answers_from_dict({**data, **extra}, "<test>")))


def test_an_app_that_keeps_data_on_the_device_says_so_and_only_when_the_owner_does() -> None:
    app = {"name": "Pocket Ledger", "platforms": ["android", "ios"]}
    kept = _built({}, {"apps": [{**app, "keeps_on_device": "the budgets and transactions you enter"}]})
    assert "Pocket Ledger keeps the budgets and transactions you enter only on your device. It never sends any of it to us." in kept
    assert "only on your device" not in _built({}, {"apps": [app]})


def test_data_handled_for_business_customers_is_set_apart_with_only_the_promises_given() -> None:
    shifts = "their employees' names and shifts"
    bare = _built({"for_customers": {"data": shifts}})
    assert f"Our business customers put {shifts} into our service. We handle that information for them, on their instructions." in bare
    assert "This policy does not cover it" in bare
    assert "contract" not in bare and "pass your request" not in bare
    full = _built({"for_customers": {"data": shifts, "contract": True, "passes_requests_to_customer": True}})
    assert "on their instructions, as our contract with each customer sets out." in full
    assert "we pass your request to that customer" in full
    assert "Our business customers" not in _built({})


@pytest.mark.parametrize(
    ("items", "joined"),
    [
        ([], ""),
        (["contact details"], "contact details"),
        (["contact details", "usage data"], "contact details and usage data"),
        (["contact details", "usage data", "device data"], "contact details, usage data and device data"),
        (["contact details", "messages and correspondence"], "contact details, and messages and correspondence"),
        (["device and log data", "usage data", "inferences"], "device and log data, usage data, and inferences"),
    ],
)
def test_a_list_with_and_inside_an_item_keeps_its_last_item_apart(items: list[str], joined: str) -> None:
    from generator.templating.filters import join_words

    assert join_words(items) == joined


def test_fixed_text_adds_no_practice_the_answers_do_not_give(minimal_policy: str) -> None:
    """Sentences the reviews of new example businesses found stating more than the owner said."""
    data_kept = _built(
        {
            "data": [
                {"category": "usage", "sources": ["automatic"], "purposes": ["improve"], "required": False},
                {"category": "contact", "sources": ["you"], "purposes": ["support"], "required": False},
            ],
            "collection_points": ["calls"],
            "cookies": {"used": True, "kinds": ["preferences"]},
            "policy": {"effective_date": "2026-04-01", "notice_of_changes": ["website"]},
            "security": {"measures": ["mfa"]},
        }
    )
    for unsaid in ("the links you click", "call centre", "such as language", "before the change takes effect", "some features may not work", "our staff"):
        assert unsaid not in data_kept
    assert "If you do not give us your contact details, you can still use our services." in data_kept  # usage data is not given: it is collected
    assert "we will put a notice on our website." in data_kept


def test_a_service_for_children_claims_parental_consent_only_when_the_owner_says_how_it_is_got() -> None:
    children = {"directed_to_children": True}
    assert "parent's or guardian's consent" not in _built({"children": children})
    given = _built({"children": {**children, "parental_consent": "a signed form from the parent"}})
    assert "We collect a child's information only with a parent's or guardian's consent, which we get like this: a signed form from the parent." in given


def test_coppa_lists_only_what_is_about_children_and_asks_for_it_otherwise() -> None:
    from generator.pipeline import run

    base = yaml_minimal()
    base["jurisdictions"] = ["united-states"]
    base["children"] = {"directed_to_children": True, "parental_consent": "a signed form from the parent"}
    progress = {"category": "usage", "label": "Game progress", "sources": ["automatic"], "purposes": ["provide-service"], "about": ["children"]}
    parent = {"category": "contact", "sources": ["you"], "purposes": ["support"], "about": ["parents"]}
    text = _built({k: v for k, v in base.items() if k != "business"} | {"data": [progress, parent]})
    assert "From children we collect only their game progress." in text
    unsaid = run({**base, "data": [{**progress, "about": []}, {**parent, "about": []}]}, name="<test>", allow_gaps=True)
    gaps = [finding.requirement.id for regime in unsaid.report.regimes for finding in regime.gaps]
    assert "coppa.info_collected" in gaps
    assert "From children we collect" not in "\n".join(section.markdown for section in unsaid.policy.sections)


def yaml_minimal() -> dict[str, object]:
    import yaml

    data: dict[str, object] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    return data


def _refusals(**parts: object) -> list[str]:
    """The messages that refuse the minimal answer file with these top-level `parts` replaced."""
    from generator.answers.load import answers_from_dict
    from generator.errors import AnswerError

    data = {**yaml_minimal(), **parts}
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "<test>")
    return refused.value.messages


def test_a_sole_trader_is_based_in_a_country_not_registered_there() -> None:
    assert "We are based in Ireland." in _built({}, {"sole_trader": True, "country": "Ireland"})
    assert "We are registered in Ireland." in _built({}, {"sole_trader": False, "country": "Ireland"})
    unsaid = _built({}, {"country": "Ireland"})  # whether it is a sole trader not said: neither, the address names the country
    assert "We are registered in" not in unsaid and "We are based in" not in unsaid


def test_what_other_users_get_is_said_where_the_owner_says_it_and_only_then() -> None:
    text = _built({"sharing": {"service_providers": True, "other_users": "the seller of an order gets the buyer's name and address"}})
    assert "**Other users of our service.** The seller of an order gets the buyer's name and address." in text
    assert "Other users of our service" not in _built({"sharing": {"service_providers": True}})


def test_no_company_is_said_not_to_track_across_sites_until_the_owner_confirms_each_cookie_setting_service() -> None:
    californian = {"jurisdictions": ["california"], "sharing": {"shares_for_advertising": False}, "cookies": {"used": True, "kinds": ["analytics"]}}
    promise = "We do not allow other companies to collect information about your online activities over time and across different websites"
    assert promise not in _built({**californian, "services": ["google-analytics"]})
    assert promise in _built({**californian, "services": [{"id": "google-analytics", "tracks_across_sites": False}]})
    assert promise in _built({**californian, "services": ["zoho-crm"]})  # it sets no cookie on the site


def test_australian_law_is_named_only_as_the_owner_names_it() -> None:
    australian = {"jurisdictions": ["australia"], "data": [{"category": "billing", "sources": ["you"], "purposes": ["legal"], "required": True}]}
    unnamed = _built(australian)
    assert "Ask us which law applies" not in unnamed and "Australian law requires" not in unnamed  # APP 5.2(c) asks for the law's name
    detail = {"purpose": "legal", "detail": "the Corporations Act 2001 makes us keep invoices for 7 years"}
    assert "Australian law requires" not in _built({**australian, "purposes": [detail]})  # a detail may name another country's law
    named = _built({**australian, "purposes": [{**detail, "australian_law": "the Corporations Act 2001 (Cth), section 286"}]})
    assert "Australian law requires or authorises us to collect or keep some information: the Corporations Act 2001 (Cth), section 286." in named
    assert "The Corporations Act 2001 makes us keep invoices for 7 years." in named


def test_a_purpose_can_rest_on_several_legal_bases_and_each_is_explained() -> None:
    data = [{"category": "user-content", "sources": ["you"], "purposes": ["provide-service"], "required": True}]
    bases = {"legal_basis": "contract", "other_bases": ["legitimate-interests", "consent"]}
    purposes = [{"purpose": "provide-service", **bases, "detail": "guests' photos rest on our interest"}]
    text = _built({"jurisdictions": ["eu"], "data": data, "purposes": purposes})
    contract = "performing our contract with you (or taking steps you ask for before one)"
    assert f"- **Provide our services**: {contract}; for part of it, our legitimate interests and your consent." in text
    for meaning in ("- **Contract**:", "- **Consent**:", "- **Legitimate interests**:"):
        assert meaning in text
    assert "Where we rely on our legitimate interests, this is the interest:\n\n- **Provide our services**: guests' photos rest on our interest" in text


def test_what_the_owner_does_not_use_is_said_and_refused_when_another_answer_says_otherwise() -> None:
    assert "We do not use analytics tools or crash reporting." in _built({"does_not_use": ["analytics", "crash-reporting"]})
    assert "We do not use" not in _built({})
    refused = _refusals(cookies={"used": True, "kinds": ["analytics"]}, does_not_use=["analytics", "profiling"])
    assert "does_not_use lists 'analytics', but cookies.kinds lists analytics" in "\n".join(refused)


def _minimal_with(**changes: object) -> str:
    """The minimal answer file with `changes` (dotted paths) made, built to Markdown."""
    import yaml

    from generator.answers.load import answers_from_dict
    from generator.export.formats import to_markdown
    from generator.render import build_policy

    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    for path, value in changes.items():
        *parents, last = path.split("__")
        part = data
        for name in parents:
            part = part.setdefault(name, {})
        part[last] = value
    return to_markdown(build_policy(answers_from_dict(data, "<test>")))


OBJECTION = "**You can object at any time** to our use of your data where we rely on our legitimate interests"


def test_uk_rights_to_object_and_to_take_data_elsewhere_follow_the_legal_bases() -> None:
    """UK GDPR Art. 21 objection is to processing on legitimate interests; Art. 20 portability to consent or contract."""
    interests = _minimal_with(purposes=[{"purpose": "support", "legal_basis": "legitimate-interests", "detail": "answering questions"}])
    contract = _minimal_with(purposes=[{"purpose": "support", "legal_basis": "contract"}])
    rights = [next(line for line in text.splitlines() if line.startswith("Under the UK GDPR")) for text in (interests, contract)]
    # The objection stands apart from the list of rights (Art. 21(4)), and only where legitimate interests are relied on.
    assert f"{OBJECTION}, for reasons" in interests and "machine-readable" not in rights[0]
    assert "object" not in rights[1] and OBJECTION not in contract and "machine-readable" in rights[1]


def test_account_duties_and_closing_are_said_only_when_answered() -> None:
    accounts = {"applies_to__accounts": True, "requests__methods": ["email"]}
    silent = _minimal_with(**accounts)
    assert "Keeping your account safe" not in silent and "close your account" not in silent
    told = _minimal_with(**accounts, security__account_rules=True, requests__account_closing="in-account")
    assert "give us details that are true and up to date, and keep your password secret." in told
    assert "You can close your account yourself in your account settings." in told


def test_every_change_or_only_important_ones_is_the_owners_answer() -> None:
    important = _minimal_with(policy__notice_of_changes=["email"])
    every = _minimal_with(policy__notice_of_changes=["email"], policy__notice_of_every_change=True)
    assert "If we make an important change, we will email you if we have your email address." in important
    assert "When we change this policy, we will email you if we have your email address." in every and "important change" not in every
    with_accounts = _minimal_with(policy__notice_of_changes=["website", "email"], applies_to__accounts=True)
    assert "If we make an important change, we will put a notice on our website and email our account holders." in with_accounts


def test_a_sole_traders_i_and_my_are_defined_with_we() -> None:
    text = _minimal_with(business__sole_trader=True, business__legal_name="Ada Fenwick")
    assert 'Here, "I", "me", "my", "we", "us" and "our" mean Ada Fenwick.' in text
    assert '"I"' not in _minimal_with(business__sole_trader=False)


def test_service_messages_name_only_the_topics_the_owner_gives() -> None:
    channels = {"marketing__service_channels": ["email"], "applies_to__accounts": True, "purposes": [{"purpose": "support"}]}
    assert "We send you service messages by email." in _minimal_with(**channels)  # no "account alerts" from the accounts answer
    told = _minimal_with(**channels, marketing__service_topics=["booking confirmations", "invoices"])
    assert "We send you service messages, such as booking confirmations and invoices, by email." in told


def test_access_and_correction_are_offered_to_everyone_only_where_every_law_chosen_gives_them() -> None:
    """COPPA (the United States' federal choice) gives a parent review and deletion of a child's data, not everyone a copy or correction."""
    for right in ("- give you a copy of the personal information we hold about you", "- correct information that is wrong, out of date or not complete"):
        assert right in _minimal_with(jurisdictions=["uk", "california"])
        assert right not in _minimal_with(jurisdictions=["united-states", "california"])
        assert right in _minimal_with(jurisdictions=["united-states"], requests__all_rights_everywhere=True)
    californian = _minimal_with(jurisdictions=["united-states", "california"])
    assert "To update your details, contact us" not in californian and "correct** personal information that is wrong" in californian
    federal = _minimal_with(jurisdictions=["united-states"])  # no right the answers or a chosen law give to all: no empty list
    assert "You can ask us to:" not in federal and "**Your rights**" not in federal


def test_the_summary_offers_the_same_rights_as_the_rights_section() -> None:
    coppa = _minimal_with(jurisdictions=["united-states", "california"])  # deletion is California's, in its own section (kids-games reader)
    assert "- **Your rights**: the laws of some places give people there more rights." in coppa and "- delete your information" not in coppa
    assert "- **Your rights**: you can ask to see, correct or delete your information." in _minimal_with(jurisdictions=["uk"])


def test_the_eu_right_to_object_names_a_public_task_only_where_one_is_relied_on() -> None:
    eu = {"jurisdictions": ["eu"], "purposes": [{"purpose": "support", "legal_basis": "legitimate-interests", "detail": "answering questions"}]}
    text = _minimal_with(**eu)
    assert f"{OBJECTION}, for reasons" in text and "public interest" not in text
    public = _minimal_with(**{**eu, "purposes": [{"purpose": "support", "legal_basis": "public-task"}]})
    assert f"{OBJECTION} or a task in the public interest, for reasons" in public


def test_no_account_is_needed_to_make_a_request_is_said_only_where_there_are_accounts() -> None:
    californian = {"jurisdictions": ["california"], "requests__methods": ["email", "phone"], "business__phone": "+44 20 7946 0000"}
    assert "You do not need an account" not in _minimal_with(**californian)
    assert "You do not need an account with us to make a request." in _minimal_with(**californian, applies_to__accounts=True)


def test_deletion_is_limited_by_the_law_only_where_the_owner_keeps_records_for_it() -> None:
    assert "- delete your information\n" in _minimal_with()
    assert "- delete your information, unless the law says we must keep it\n" in _minimal_with(retention__reasons=["legal"])


def test_an_age_limit_is_said_of_what_the_owner_limits() -> None:
    assert "You must be 18 or older to use our services." in _minimal_with(children__minimum_age=18)
    limited = _minimal_with(children__minimum_age=18, children__minimum_age_for="accounts")
    assert "You must be 18 or older to open an account with us." in limited and "to use our services" not in limited


def test_a_kind_of_cookie_is_described_in_the_owners_words_when_given() -> None:
    cookies = {"used": True, "kinds": ["essential", "analytics"]}
    assert "- **Analytics**: to count visits and see how people use the site." in _minimal_with(cookies=cookies)
    own = _minimal_with(cookies={**cookies, "uses": [{"kind": "analytics", "what": "count plays"}]})
    assert "- **Analytics**: to count plays." in own and "see how people use the site" not in own
    refused = _refusals(cookies={**cookies, "uses": [{"kind": "advertising", "what": "show ads"}]})
    assert any("uses names 'advertising', which is not among kinds" in message for message in refused)


def test_a_place_only_an_onward_transfer_reaches_is_one_the_data_may_go_to() -> None:
    onward = {"services": [{"id": "brevo", "sends_to": ["United States"]}], "transfers": {"uk_safeguards": ["the IDTA"]}}
    text = _minimal_with(**onward)
    assert "Some of your information goes to France, and may go on to the United States, outside the United Kingdom." in text
    assert "your information is transferred outside the UK, to France, and may be transferred on to the United States." in text


def test_a_security_measure_is_described_in_the_owners_words_when_given() -> None:
    standard = _minimal_with(security={"measures": ["tls", "mfa"]})
    assert "- **Multi-factor authentication**: we use more than a password to sign in to the accounts that hold your information." in standard
    own = _minimal_with(security={"measures": ["tls", "mfa"], "details": [{"measure": "mfa", "what": "our staff sign in with two-factor authentication"}]})
    assert "- **Multi-factor authentication**: our staff sign in with two-factor authentication." in own
    assert "accounts that hold your information" not in own and "- **Encryption in transit (TLS)**: connections to" in own
    refused = _refusals(security={"measures": ["tls"], "details": [{"measure": "backups", "what": "we back up every day"}]})
    assert any("details names 'backups', which is not among measures" in message for message in refused)


def test_card_and_bank_details_are_not_called_sensitive_under_california_law() -> None:
    """Civ. Code 1798.140(ae): a card or account number is sensitive only with the code or password that opens the account."""
    data = [
        {"category": "credentials", "sources": ["you"], "purposes": ["account"], "required": True},
        {"category": "payment", "examples": ["card brand and last four digits"], "sources": ["you"], "purposes": ["orders"], "required": True},
        {"category": "financial", "examples": ["last four digits of a payout account"], "sources": ["you"], "purposes": ["orders"], "required": True},
    ]
    text = _minimal_with(jurisdictions=["california"], data=data, sharing__sells_data=False, sharing__shares_for_advertising=False)
    assert "sensitive personal information under California law: account login details, which we use to create and manage your account." in text
    assert "payment details, which" not in text and "financial information, which" not in text
    cards_only = _minimal_with(jurisdictions=["california"], data=data[1:])
    assert "sensitive personal information under California law" not in cards_only


def test_a_parent_is_offered_only_the_rights_everyone_is_offered() -> None:
    directed = {"children__directed_to_children": True, "children__minimum_age": 0}
    assert "A parent can ask to" not in _minimal_with(jurisdictions=["united-states", "california"], **directed)  # no right everyone has
    assert "A parent can ask to delete their child's information." in _minimal_with(jurisdictions=["united-states", "brazil"], **directed)
    assert "A parent can ask to see, correct or delete their child's information." in _minimal_with(jurisdictions=["uk"], **directed)


def test_a_transfer_derogation_is_not_called_a_safeguard() -> None:
    """GDPR / UK GDPR Art. 49(1)(a) and (b): consent or a contract may carry a transfer no adequacy decision or safeguard covers."""
    consent = _minimal_with(jurisdictions=["eu", "uk"], services=[{"id": "mailchimp"}], transfers={"derogations": ["consent"]})
    said = "For the United States, no safeguard protects your information, so we send it there only with your explicit consent, which we ask for"
    assert said + " after telling you the risks." in consent
    assert "Ask us for a copy of these safeguards" not in consent
    both = _minimal_with(
        jurisdictions=["eu"], services=[{"id": "mailchimp"}], transfers={"safeguards": ["standard contractual clauses"], "derogations": ["contract"]}
    )
    assert (
        "we protect your information with standard contractual clauses. Ask us for a copy of these safeguards. Where they do not apply, we send your"
        " information there only when sending it is needed for our contract with you, or for steps you asked for before one." in both
    )


def test_a_cookie_banner_shown_only_in_the_eu_is_said_of_the_eu_only() -> None:
    cookies = {"used": True, "kinds": ["essential", "analytics"], "consent_banner": True}
    everyone = _minimal_with(jurisdictions=["eu", "uk"], cookies=cookies)
    assert "\nWe set cookies that are not strictly needed only after you agree in our cookie banner." in everyone
    assert "For people in the EU and the UK: we set strictly necessary cookies without asking" in everyone
    eu_only = _minimal_with(jurisdictions=["eu", "uk"], cookies={**cookies, "banner_for": ["eu"]})
    assert "If you are in the EU, we set cookies that are not strictly needed only after you agree in our cookie banner." in eu_only
    assert "For people in the EU: we set strictly necessary cookies without asking" in eu_only and "the EU and the UK" not in eu_only
    # UK visitors see no banner, but analytics cookies are set without asking only where the statistics exception is confirmed.
    assert "For people in the UK" not in eu_only
    statistics = _minimal_with(jurisdictions=["eu", "uk"], cookies={**cookies, "banner_for": ["eu"], "uk_statistics_only": True})
    assert "For people in the UK: we set analytics cookies without asking first, as UK law allows" in statistics
    refused = _refusals(cookies={**cookies, "consent_banner": False, "banner_for": ["eu"]})
    assert any("banner_for says who sees the cookie banner" in message for message in refused)


def test_purposes_that_share_one_legitimate_interest_are_listed_under_it_once() -> None:
    shared = "Our interest is running the service you use."
    purposes = [
        {"purpose": "support", "legal_basis": "legitimate-interests", "detail": shared},
        {"purpose": "service-messages", "legal_basis": "legitimate-interests", "detail": shared},
        {"purpose": "security", "legal_basis": "legitimate-interests", "detail": "Our interest is keeping it safe."},
    ]
    text = _minimal_with(jurisdictions=["eu"], purposes=purposes)
    assert f"- **Answer questions and give support, and send service messages**: {shared}" in text
    assert "- **Keep our services secure**: Our interest is keeping it safe." in text and text.count(shared) == 1


def test_required_data_names_a_contract_only_where_a_purpose_rests_on_one() -> None:
    data = [{"category": "contact", "sources": ["you"], "purposes": ["support"], "required": True}]
    interest = [{"purpose": "support", "legal_basis": "legitimate-interests", "detail": "Answering you."}]
    interests = _minimal_with(jurisdictions=["eu"], data=data, purposes=interest)
    assert "We cannot provide our services to you without your contact details. You are not required by law to give us this information." in interests
    assert "contract" not in interests
    contract = _minimal_with(jurisdictions=["eu"], data=data, purposes=[{"purpose": "support", "legal_basis": "contract"}])
    assert "We need your contact details to enter into and carry out our contract with you." in contract


def test_marketing_asked_for_first_in_some_places_is_said_of_those_places() -> None:
    marketing = {"sends_marketing": True, "channels": ["email"], "consent": "opt-out", "unsubscribe": ["the link in every email"]}
    text = _minimal_with(jurisdictions=["eu", "uk"], marketing={**marketing, "opt_in_for": ["eu", "uk"]})
    assert "If you are in the EU or the UK, we send you marketing messages by email only if you say yes." in text
    assert "Elsewhere, we may send them to you until you ask us to stop, which you can do at any time." in text
    refused = _refusals(marketing={**marketing, "consent": "opt-in", "opt_in_for": ["eu"]})
    assert any("opt_in_for names where you ask first" in message for message in refused)
