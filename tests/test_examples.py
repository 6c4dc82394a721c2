"""The shipped example answer files: each loads, builds in every text format and keeps its seed's facts.

Five examples mirror the five seed businesses in ../shared/seeds (with invented
names and contacts); `demo-bakery.yaml` is the small starter example.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, ExampleBuild

from generator.answers.model import Answers
from generator.answers.services import resolve_services
from generator.cli import main

# Example file -> the seed business it models.
SEED_EXAMPLES = {
    "it-services": "000",
    "remote-support": "001",
    "edtech": "002",
    "crm-consultancy": "003",
    "online-shop": "004",
}
SEED_PATHS = [ROOT / "examples" / f"{name}.yaml" for name in SEED_EXAMPLES]
FORMATS = ("md", "html", "json")
# Names of the real businesses behind the seeds: examples must not reuse them.
SEED_BUSINESS_NAMES = ("contetra", "comantra", "certometer", "clotus")
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/answers.schema.json"


def _service_names(answers: Answers) -> list[str]:
    return [service.name for service in resolve_services([*answers.payments.gateways, *answers.services])]


def test_shipped_examples_include_every_seed_business_and_the_demo() -> None:
    shipped = {path.stem for path in EXAMPLES}
    missing = sorted(set(SEED_EXAMPLES) - shipped)
    assert not missing, f"examples/ lacks the seed example files {missing}"
    assert "demo-bakery" in shipped


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_cli_builds_every_example_in_every_text_format(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], examples: Mapping[str, ExampleBuild]
) -> None:
    status = main(["build", str(example), "--out", str(tmp_path), "--format", ",".join(FORMATS), "--allow-gaps"])
    assert status == 0, capsys.readouterr().err
    answers = examples[example.stem].answers
    folders = [path for path in tmp_path.iterdir() if path.is_dir()]
    assert len(folders) == 1, f"expected one output folder, found {folders}"
    written = {fmt: folders[0] / f"privacy-policy.{fmt}" for fmt in FORMATS}
    for fmt, path in written.items():
        assert path.is_file() and path.stat().st_size > 0, f"{example.name}: no {fmt} output"
    name = answers.business.name
    assert name in written["md"].read_text(encoding="utf-8")
    assert name.replace("&", "&amp;") in written["html"].read_text(encoding="utf-8")
    document = json.loads(written["json"].read_text(encoding="utf-8"))
    assert name in json.dumps(document, ensure_ascii=False)
    build = examples[example.stem]
    for fmt, text in (("md", build.markdown), ("html", build.html), ("json", build.json)):
        assert written[fmt].read_text(encoding="utf-8") == text, f"{example.name}: the command line's {fmt} differs from the in-process build"


@pytest.mark.parametrize("example", SEED_PATHS, ids=lambda p: p.stem)
def test_seed_example_policy_names_every_service_it_uses(example: Path, examples: Mapping[str, ExampleBuild]) -> None:
    names = _service_names(examples[example.stem].answers)
    assert names, f"{example.name} names no third-party services"
    markdown = examples[example.stem].markdown
    missing = [name for name in names if name not in markdown]
    assert not missing, f"{example.name}: the policy never names {missing}"


@pytest.mark.parametrize("example", SEED_PATHS, ids=lambda p: p.stem)
def test_seed_example_is_fictional_and_documented(example: Path, examples: Mapping[str, ExampleBuild]) -> None:
    text = example.read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_LINE + "\n"), f"{example.name} must start with the schema line for editors"
    assert re.search(r"^# .*seed " + SEED_EXAMPLES[example.stem], text, re.MULTILINE), f"{example.name} must say which seed it models"
    answers = examples[example.stem].answers
    dumped = answers.model_dump(mode="json")
    emails = re.findall(r"[\w.+-]+@[\w.-]+", json.dumps(dumped))
    assert emails and all(email.endswith(".example") for email in emails), f"{example.name}: non-fictional emails {emails}"
    assert answers.business.website is not None and re.match(r"https://[\w.-]+\.example(/|$)", answers.business.website)
    lowered = (text + examples[example.stem].markdown).lower()
    reused = [name for name in SEED_BUSINESS_NAMES if name in lowered]
    assert not reused, f"{example.name} reuses the seed business name {reused}"


@pytest.mark.parametrize("example", SEED_PATHS, ids=lambda p: p.stem)
def test_seed_examples_are_indian_businesses_with_a_grievance_officer(example: Path, examples: Mapping[str, ExampleBuild]) -> None:
    answers = examples[example.stem].answers
    assert answers.business.country == "India"
    assert answers.has("india")
    officer = answers.contacts.grievance_officer
    assert officer is not None and officer.address, f"{example.name}: India's SPDI Rules need a Grievance Officer with an address"
    assert answers.requests.response_days <= 30
    if answers.has("eu"):
        bases = {detail.purpose: detail.legal_basis for detail in answers.purposes}
        without = [str(p) for p in answers.all_purposes if bases.get(p) is None]
        assert not without, f"{example.name} applies the GDPR but gives no legal basis for {without}"
        assert answers.contacts.eu_representative is not None


def test_seed_facts_survive_in_the_examples(examples: Mapping[str, ExampleBuild]) -> None:
    """Each example keeps the facts its seed states, so edits cannot quietly drop them."""
    it, remote, edtech, crm, shop = (examples[path.stem].answers for path in SEED_PATHS)

    assert it.applies_to.public_content and it.applies_to.accounts
    assert {"social-profile", "user-content", "demographic"} <= it.categories
    assert {"firewalls", "mfa", "backups", "audits", "disaster-recovery"} <= {str(m) for m in it.security.measures}

    assert remote.applies_to.remote_support and "device-access" in remote.categories
    assert {"appointments", "service-drop-off", "purchases", "calls", "chat"} <= {str(p) for p in remote.collection_points}
    assert remote.children.minimum_age == 13
    assert remote.sharing.business_transfers and not remote.sharing.sells_data

    assert edtech.payments.card_data_kept == "last-four"
    assert edtech.business.apps and edtech.applies_to.mobile_app
    assert edtech.sharing.affiliates and edtech.sharing.partners
    assert not edtech.marketing.respects_dnd, "the edtech seed contacts people despite DND registration; the policy must say so"

    assert {"zoho-crm", "salesforce", "myoperator", "123formbuilder", "skyvia", "whatsapp-business"} <= {str(s) for s in crm.services}
    assert {"whatsapp", "sms", "email"} <= {str(c) for c in crm.marketing.channels}
    assert any("STOP" in way for way in crm.marketing.unsubscribe)

    assert shop.payments.card_data_kept == "none" and "pci-dss" in {str(m) for m in shop.security.measures}
    assert shop.children.minimum_age == 18 and shop.children.supervised_use and shop.children.close_underage_accounts
    assert shop.retention.archive_after_closure and shop.applies_to.public_content


SEEDS = ROOT.parent / "shared" / "seeds"


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed policies are not next to this checkout")
@pytest.mark.parametrize("example", SEED_PATHS, ids=lambda p: p.stem)
def test_seed_example_copies_no_sentence_from_any_seed(example: Path) -> None:
    seeds: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        seeds |= _shingles(seed.read_text(encoding="utf-8", errors="replace"))
    copied = sorted(" ".join(run) for run in _shingles(example.read_text(encoding="utf-8")) & seeds)
    assert not copied, f"{example.name} shares 8-word runs with a seed: {copied[:3]}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_covers_every_required_disclosure(example: Path, capsys: pytest.CaptureFixture[str], examples: Mapping[str, ExampleBuild]) -> None:
    status = main(["check", "--quiet", str(example)])
    assert status == 0, f"{example.name} has compliance gaps:\n{capsys.readouterr().out}"
    report = examples[example.stem].report
    assert report.regimes and [gap.requirement.id for gap in report.gaps] == [], f"{example.name}: the shared check report disagrees with `policygen check`"
