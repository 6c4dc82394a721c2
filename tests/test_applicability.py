"""Which US state laws apply, from the thresholds in clauses/laws/us-thresholds.yaml: each state on both sides of its threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.applicability import ThresholdAnswers, applicability, applicable_laws
from generator.cli import main
from generator.context.laws import US_STATES, US_THRESHOLDS

# Each state's volume threshold as the statutes (or their summaries) give it: the fewest residents whose data brings the law in
# with nothing sold, for a business with the revenue a state may also require.
VOLUME = {
    "california": 100_000, "virginia": 100_000, "colorado": 100_000, "connecticut": 35_000, "oregon": 100_000, "montana": 25_000,
    "iowa": 100_000, "delaware": 35_000, "new-hampshire": 35_000, "new-jersey": 100_000, "tennessee": 175_000, "minnesota": 100_000,
    "maryland": 35_000, "indiana": 100_000, "kentucky": 100_000, "rhode-island": 35_000, "utah": 100_000, "oklahoma": 100_000,
    "louisiana": 75_000, "alabama": 25_001,
}
# The smaller number that brings the law in with a share of revenue from selling data over the state's share.
WITH_SHARE = {
    "virginia": (25_000, 0.5), "colorado": (25_000, 0.0), "oregon": (25_000, 0.25), "montana": (15_000, 0.25), "iowa": (25_000, 0.5),
    "delaware": (10_000, 0.2), "new-hampshire": (10_000, 0.25), "new-jersey": (25_000, 0.0), "tennessee": (25_000, 0.5),
    "minnesota": (25_000, 0.25), "maryland": (10_000, 0.2), "indiana": (25_000, 0.5), "kentucky": (25_000, 0.5),
    "rhode-island": (10_000, 0.2), "utah": (25_000, 0.5), "oklahoma": (25_000, 0.5),
}
REVENUE_REQUIRED = {"tennessee": 25_000_000, "utah": 25_000_000}


def answers(state: str, count: int, share: float = 0.0, revenue: int = 30_000_000, **more: object) -> ThresholdAnswers:
    """Threshold answers for one state: its residents' number, the share from selling, and revenue (over the revenue tests)."""
    data = {"consumers_by_state": {state: count}, "revenue_usd": revenue, "revenue_share_from_selling": share, "small_business": True}
    return ThresholdAnswers.model_validate({**data, "sells_data": share > 0, "sensitive_data": False, **more})


def test_every_state_with_a_law_has_thresholds() -> None:
    assert set(US_THRESHOLDS) == set(US_STATES) | {"california"}
    assert set(VOLUME) | {"texas", "nebraska"} == set(US_THRESHOLDS)


@pytest.mark.parametrize("state", sorted(VOLUME))
def test_the_volume_threshold_on_both_sides(state: str) -> None:
    revenue = 20_000_000  # under California's and Louisiana's revenue tests, over none that a state requires except Tennessee's and Utah's
    if state in REVENUE_REQUIRED:
        revenue = REVENUE_REQUIRED[state] + 1
    assert applicability(state, answers(state, VOLUME[state] - 1, revenue=revenue)).applies is False
    found = applicability(state, answers(state, VOLUME[state], revenue=revenue))
    assert found.applies is True and "residents' data" in found.reason


@pytest.mark.parametrize("state", sorted(WITH_SHARE))
def test_the_smaller_number_with_a_share_from_selling_on_both_sides(state: str) -> None:
    count, share = WITH_SHARE[state]
    revenue = REVENUE_REQUIRED.get(state, 0) + 1
    over = share + 0.01
    assert applicability(state, answers(state, count, share=over, revenue=revenue)).applies is True
    assert applicability(state, answers(state, count - 1, share=over, revenue=revenue)).applies is False
    if share > 0:
        assert applicability(state, answers(state, count, share=share, revenue=revenue)).applies is False  # "over", not "at least"


@pytest.mark.parametrize("state", sorted(REVENUE_REQUIRED))
def test_tennessee_and_utah_also_need_revenue(state: str) -> None:
    limit = REVENUE_REQUIRED[state]
    assert applicability(state, answers(state, 500_000, revenue=limit)).applies is False
    assert applicability(state, answers(state, 500_000, revenue=limit + 1)).applies is True


@pytest.mark.parametrize("state", ["california", "louisiana"])
def test_california_and_louisiana_apply_on_revenue_alone(state: str) -> None:
    limit = US_THRESHOLDS[state]["any"][0]["revenue_usd"]
    assert applicability(state, answers(state, 0, revenue=limit)).applies is False
    assert applicability(state, answers(state, 0, revenue=limit + 1)).applies is True


@pytest.mark.parametrize("state", ["texas", "nebraska"])
def test_texas_and_nebraska_exclude_only_small_businesses(state: str) -> None:
    assert applicability(state, answers(state, 0, small_business=True)).applies is False
    found = applicability(state, answers(state, 0, small_business=False))
    assert found.applies is True and "small business" in found.reason


def test_alabama_applies_on_a_share_from_selling_whatever_the_number() -> None:
    assert applicability("alabama", answers("alabama", 0, share=0.25)).applies is False
    assert applicability("alabama", answers("alabama", 0, share=0.26)).applies is True


def test_connecticut_covers_any_seller_or_processor_of_sensitive_data() -> None:
    assert applicability("connecticut", answers("connecticut", 10)).applies is False
    assert applicability("connecticut", answers("connecticut", 10, sensitive_data=True)).applies is True
    assert applicability("connecticut", answers("connecticut", 10, share=0.01)).applies is True


def test_an_unanswered_number_is_never_a_reason() -> None:
    found = applicability("virginia", ThresholdAnswers())
    assert found.applies is None and found.needs == ("consumers_by_state.virginia", "revenue_share_from_selling")
    assert found.reason.startswith("Virginia: unknown: answer consumers_by_state.virginia, revenue_share_from_selling (which settles: at least 100,000")
    assert all(result.applies is None for result in applicable_laws(ThresholdAnswers()))


def test_policygen_applies_proposes_the_laws_with_their_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "thresholds.yaml"
    text = "consumers_by_state: {virginia: 120000, iowa: 99999}\nrevenue_usd: 1000000\nrevenue_share_from_selling: 0\nsmall_business: true\n"
    path.write_text(text, encoding="utf-8")
    assert main(["applies", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  Virginia: applies: at least 100,000 residents' data (Va. Code 59.1-576(A))" in out
    assert "  Iowa: does not apply: needs at least 100,000 residents' data" in out
    assert out.rstrip().endswith("proposed jurisdictions: virginia (confirm them under 'jurisdictions:')")


def test_policygen_applies_refuses_an_unknown_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "thresholds.yaml"
    path.write_text("consumers_by_state: {virginia: 1}\nrevenue: 5\n", encoding="utf-8")
    assert main(["applies", str(path)]) == 2
    assert "revenue" in capsys.readouterr().err
