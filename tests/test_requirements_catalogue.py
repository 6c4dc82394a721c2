"""The requirement catalogue (clauses/requirements/*.yaml) loads, is consistent and its conditions work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.answers.model import Answers
from generator.answers.vocabulary import Jurisdiction
from generator.check import applicable_regimes
from generator.context import build_context
from generator.library.requirements import PACK_FILE, Regime, load_requirements
from generator.resources import resource_dir
from generator.templating.environment import make_environment

REQUIRED_REGIMES = {
    "in.spdi": "india",
    "in.dpdp": "india",
    "gdpr": "eu",
    "eprivacy": "eu",
    "uk_gdpr": "uk",
    "uk_pecr": "uk",
    "ccpa": "california",
    "caloppa": "california",
    "coppa": "united-states",
    "us_va": "virginia",
    "us_co": "colorado",
    "us_ct": "connecticut",
    "us_tx": "texas",
    "us_or": "oregon",
    "lgpd": "brazil",
    "pipeda": "canada",
    "quebec": "quebec",
    "au_app": "australia",
    "sg_pdpa": "singapore",
    "ch_fadp": "switzerland",
    "nz_privacy": "new-zealand",
    "jp_appi": "japan",
    "za_popia": "south-africa",
}

MINIMAL: dict[str, Any] = {
    "policy": {"effective_date": "2026-01-01"},
    "business": {
        "legal_name": "Example Private Limited",
        "kind": "it-services",
        "country": "India",
        "address": "1 Main Road, Bengaluru 560001",
        "email": "privacy@example.com",
    },
    "jurisdictions": ["india"],
    "data": [{"category": "contact", "purposes": ["support"]}],
    "retention": {"default": "for as long as you are a customer and 3 years after"},
    "security": {"measures": ["tls"]},
    "contacts": {"grievance_officer": {"name": "Grievance Officer", "email": "officer@example.com", "address": "1 Main Road, Bengaluru 560001"}},
}


def _service(service_id: str, kind: str, country: str, cookies: bool = False) -> dict[str, Any]:
    return {
        "id": service_id,
        "name": service_id.title(),
        "provider": f"{service_id.title()} Inc.",
        "country": country,
        "kind": kind,
        "purposes": ["testing"],
        "data": ["contact", "usage"],
        "cookies": cookies,
        "privacy_url": f"https://{service_id}.example.com/privacy",
    }


def _contact(name: str) -> dict[str, Any]:
    return {"name": name, "email": "officer@example.com", "address": "1 Main Road, Bengaluru 560001"}


# Every fact a condition tests switched on, so that no operand is skipped by short-circuiting.
MAXIMAL: dict[str, Any] = {
    **MINIMAL,
    "policy": {"effective_date": "2026-07-01"},  # after 19 June 2026, when the UK complaints duty starts
    "jurisdictions": [j.value for j in Jurisdiction],
    "applies_to": {"accounts": True, "public_content": True},
    "data": [
        # The customers' and parents' contact details: used for marketing too, so no child's one-time contact details (16 CFR 312.5(c)(3)).
        {"category": "contact", "purposes": ["support", "marketing"], "sources": ["you", "partners"], "required": True, "about": ["customers", "parents"]},
        {"category": "health", "purposes": ["provide-service"], "required": False},
        {"category": "biometric", "purposes": ["security"]},
        {"category": "precise-location", "purposes": ["personalisation"], "sources": ["automatic"]},
        {"category": "children", "purposes": ["provide-service"]},
        {"category": "usage", "purposes": ["security"], "sources": ["automatic"]},  # what COPPA's internal-operations exception covers
        # What COPPA's one-time-contact exception covers: a child's question, with the address for the one reply (16 CFR 312.5(c)(3)).
        {"category": "correspondence", "purposes": ["support"], "about": ["children"]},
    ],
    "purposes": [
        {"purpose": "marketing", "legal_basis": "consent"},
        {"purpose": "security", "legal_basis": "legitimate-interests", "detail": "keeping accounts safe"},
        {"purpose": "legal", "legal_basis": "legal-obligation", "detail": "the Income Tax Act"},
    ],
    "sharing": {
        "affiliates": ["Example Holdings Ltd"],
        "partners": [{"name": "Partner Co", "purpose": "joint offers"}],
        "sells_data": True,
        "spdi_disclosure": "permission",
        "shares_for_advertising": True,
        "opt_out_url": "https://example.com/do-not-sell",
    },
    "services": [_service("adnet", "advertising", "United States", cookies=True)],
    "payments": {"takes_payments": True, "gateways": [_service("payco", "payment", "Ireland")]},
    "transfers": {"storage_countries": ["Germany"], "safeguards": ["standard contractual clauses"]},
    "cookies": {"used": True, "kinds": ["essential", "analytics", "preferences", "advertising"], "honours_gpc": True},
    "marketing": {"sends_marketing": True, "channels": ["email", "sms"], "unsubscribe": ["the link in every email"]},
    "children": {
        "minimum_age": 10,
        "directed_to_children": True,
        "supervised_use": True,
        "parental_consent": "a signed form",
        "consent_exceptions": ["one-time-contact", "internal-operations"],
    },
    "automated_decisions": {"used": True, "profiling": True, "description": "we score applications automatically"},
    "retention": {"default": "for as long as you are a customer and 3 years after", "reasons": ["purpose", "legal", "disputes"]},
    "security": {"measures": ["tls"], "breach_notification": "every-breach"},
    "requests": {"methods": ["email", "web-form", "phone"], "web_form_url": "https://example.com/privacy-request"},
    "contacts": {
        "grievance_officer": _contact("Grievance Officer"),
        "dpo": _contact("Data Protection Officer"),
        "eu_representative": _contact("EU Representative"),
        "uk_representative": _contact("UK Representative"),
        "ch_representative": _contact("Swiss Representative"),
    },
}

# The opposite: every fact off, where the answer model allows it.
QUIET: dict[str, Any] = {
    **MINIMAL,
    "business": {**MINIMAL["business"], "country": "Germany"},
    "jurisdictions": ["eu", "uk"],
    "data": [{"category": "contact", "purposes": ["support"], "required": False}],
    "sharing": {"service_providers": False, "legal_requests": False, "business_transfers": False},
    "cookies": {"used": False, "kinds": []},
    "marketing": {"service_channels": []},
}

ANSWERS = {"minimal": MINIMAL, "maximal": MAXIMAL, "quiet": QUIET}


@pytest.fixture(scope="module")
def catalogue() -> tuple[Regime, ...]:
    return load_requirements()


def _expressions(catalogue: tuple[Regime, ...]) -> list[tuple[str, str]]:
    pairs = []
    for regime in catalogue:
        pairs.append((regime.regime, regime.applies_when))
        pairs.extend((requirement.id, requirement.applies_when) for requirement in regime.requirements)
    return pairs


def test_catalogue_loads(catalogue: tuple[Regime, ...]) -> None:
    assert catalogue
    assert all(regime.requirements for regime in catalogue)


def test_every_required_regime_is_present_with_its_jurisdiction(catalogue: tuple[Regime, ...]) -> None:
    found = {regime.regime: regime.jurisdiction.value for regime in catalogue}
    missing = sorted(set(REQUIRED_REGIMES) - set(found))
    assert not missing, f"regimes missing from the catalogue: {missing}"
    for key, jurisdiction in REQUIRED_REGIMES.items():
        assert found[key] == jurisdiction, key


def test_every_jurisdiction_exists(catalogue: tuple[Regime, ...]) -> None:
    values = set(Jurisdiction.choices())
    for regime in catalogue:
        assert regime.jurisdiction.value in values, regime.regime


def test_ids_are_unique_and_start_with_their_regime(catalogue: tuple[Regime, ...]) -> None:
    ids = [requirement.id for regime in catalogue for requirement in regime.requirements]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for regime in catalogue:
        for requirement in regime.requirements:
            assert requirement.id.startswith(regime.regime + "."), requirement.id


def test_regime_keys_are_unique(catalogue: tuple[Regime, ...]) -> None:
    keys = [regime.regime for regime in catalogue]
    assert len(keys) == len(set(keys))


def test_each_file_is_named_after_its_regime_and_documents_its_sources() -> None:
    folder = resource_dir("clauses") / "requirements"
    for path in sorted(path for path in folder.glob("*.yaml") if path.name != PACK_FILE):  # the law pack's version, not a regime
        text = path.read_text(encoding="utf-8")
        assert text.startswith("#"), f"{path.name}: starts without a header comment"
        assert "Primary sources" in text, f"{path.name}: the header does not name its primary sources"
        assert f"\nregime: {path.stem}\n" in text, f"{path.name}: the file name is not the regime key"


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_every_condition_evaluates_to_a_bool(catalogue: tuple[Regime, ...], name: str) -> None:
    context = build_context(Answers.model_validate(ANSWERS[name]))
    env = make_environment("md")
    for owner, expression in _expressions(catalogue):
        result = env.compile_expression(expression, undefined_to_none=False)(**context)
        assert isinstance(result, bool), f"{owner}: '{expression}' gave {result!r}, not a bool"


def test_conditions_switch(catalogue: tuple[Regime, ...]) -> None:
    """Each condition other than 'true' holds for the maximal answers, and the quiet answers turn most of them off."""
    env = make_environment("md")
    maximal = build_context(Answers.model_validate(MAXIMAL))
    quiet = build_context(Answers.model_validate(QUIET))
    conditional = [(owner, e) for owner, e in _expressions(catalogue) if e.strip() != "true"]
    never = [owner for owner, e in conditional if not env.compile_expression(e)(**maximal)]
    assert not never, f"conditions that never hold, even with every fact on: {never}"
    off = [owner for owner, e in conditional if not env.compile_expression(e)(**quiet)]
    assert len(off) > len(conditional) // 2


def test_applicable_regimes_follow_the_jurisdictions() -> None:
    minimal = Answers.model_validate(MINIMAL)
    assert {regime.regime for regime in applicable_regimes(minimal)} == {"in.spdi", "in.dpdp"}
    everything = {regime.regime for regime in applicable_regimes(Answers.model_validate(MAXIMAL))}
    assert set(REQUIRED_REGIMES) <= everything


def test_coppa_applies_only_to_services_for_children_under_13() -> None:
    adults = Answers.model_validate({**MINIMAL, "jurisdictions": ["united-states"]})
    assert "coppa" not in {regime.regime for regime in applicable_regimes(adults)}
    kids = Answers.model_validate(
        {**MINIMAL, "jurisdictions": ["united-states"], "children": {"minimum_age": 8, "parental_consent": "a signed form and a call to the parent"}}
    )
    assert "coppa" in {regime.regime for regime in applicable_regimes(kids)}


def test_gdpr_representative_and_transfers_follow_the_business_country(catalogue: tuple[Regime, ...]) -> None:
    gdpr = next(regime for regime in catalogue if regime.regime == "gdpr")
    conditions = {requirement.id: requirement.applies_when for requirement in gdpr.requirements}
    env = make_environment("md")

    def holds(requirement_id: str, answers: dict[str, Any]) -> bool:
        context = build_context(Answers.model_validate({**answers, "jurisdictions": ["eu"]}))
        return bool(env.compile_expression(conditions[requirement_id])(**context))

    indian = MINIMAL
    german = {**MINIMAL, "business": {**MINIMAL["business"], "country": "Germany"}}
    german_in_ireland = {**german, "transfers": {"storage_countries": ["Ireland"]}}
    german_in_us = {**german, "transfers": {"storage_countries": ["United States"]}}
    assert holds("gdpr.eu_representative", indian)
    assert not holds("gdpr.eu_representative", german)
    assert holds("gdpr.third_country_transfer", indian)
    assert not holds("gdpr.third_country_transfer", german)
    assert not holds("gdpr.third_country_transfer", german_in_ireland)
    assert holds("gdpr.third_country_transfer", german_in_us)


def test_intermediary_rules_apply_only_to_platforms_with_user_content() -> None:
    platform = Answers.model_validate({**MINIMAL, "applies_to": {"public_content": True}})
    assert "in.it_rules" in {regime.regime for regime in applicable_regimes(platform)}
    assert "in.it_rules" not in {regime.regime for regime in applicable_regimes(Answers.model_validate(MINIMAL))}


def test_a_broken_catalogue_file_is_explained_in_our_words_with_lines(tmp_path: Path) -> None:
    from generator.errors import ClauseError

    (tmp_path / "a.yaml").write_text(
        "regime: a\nname: A\njurisdiction: indai\nrequirements:\n  - id: a.one\n    description: too short\n"
        "    citation: s. 1\n    needs: x\n    verifyed: true\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        "regime: b\nname: B\njurisdiction: india\nrequirements:\n  - id: b.one\n    description: What the notice must say.\n"
        "    citation: s. 1\n    applies_when: \"a) or (b\"\n    needs: the answer\n    answers: [\"data[].retention\", requests.method]\n"
        "    not_applicable: [{when: \"a ==\", reason: the answers say so in words}]\n",
        encoding="utf-8",
    )
    load_requirements.cache_clear()
    try:
        with pytest.raises(ClauseError) as caught:
            load_requirements(tmp_path)
    finally:
        load_requirements.cache_clear()
    messages = caught.value.messages
    text = "\n".join(messages)
    assert "pydantic" not in text and "validation error" not in text.lower()
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert any(m.startswith(f"{a}:3:") and "jurisdiction" in m and "did you mean 'india'" in m for m in messages), messages
    assert any(m.startswith(f"{a}:9:") and "verifyed: unknown field; did you mean 'verified'?" in m for m in messages), messages
    assert any(m.startswith(f"{a}:8:") and "requirements[0].needs" in m for m in messages), messages
    assert any(m.startswith(f"{b}:8:") and "requirements[0].applies_when: cannot read the condition 'a) or (b'" in m for m in messages), messages
    assert any(
        m.startswith(f"{b}:10:") and "requirements[0].answers[1]: 'requests.method' is not an answer path" in m and "did you mean 'requests.methods'?" in m
        for m in messages
    ), messages
    assert not any("answers[0]" in m for m in messages), messages
    assert any(m.startswith(f"{b}:11:") and "requirements[0].not_applicable[0].when: cannot read the condition 'a =='" in m for m in messages), messages


def test_a_hint_adds_the_answer_paths_its_words_do_not_name(catalogue: tuple[Regime, ...]) -> None:
    requirements = {r.id: r for regime in catalogue for r in regime.requirements}
    assert requirements["gdpr.eu_representative"].hint == requirements["gdpr.eu_representative"].needs
    assert requirements["gdpr.legal_basis"].hint.endswith("under 'purposes:' (answers: purposes[].legal_basis)")
    recipients = requirements["gdpr.recipients"]
    assert recipients.answers == ("sharing", "services", "payments.gateways") and "(answers:" not in recipients.hint  # 'sharing:', 'services:'
    any_policy = requirements["ccpa.non_discrimination"]
    assert any_policy.answers == () and any_policy.hint == any_policy.needs
