"""The services an answer file names, checked against and resolved from the services catalogue."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter

from generator.answers.messages import format_path, suggest
from generator.answers.source import FieldPath, Location, YamlDocument
from generator.library.services import KIND_LABELS, Service, load_services


def _as_service(ref: object, catalogue: dict[str, Service]) -> Service | None:
    from generator.answers.model import CustomService, ServiceUse

    if isinstance(ref, CustomService):
        # A custom service sets cookies on our site, or tracks people across sites, only when the owner says so.
        facts = {**ref.model_dump(), "cookies": ref.cookies is True, "tracks_across_sites": ref.tracks_across_sites is True}
        return Service(**facts, custom=True) if ref.kind in KIND_LABELS else None
    if isinstance(ref, ServiceUse):
        # The business's own facts win over the catalogue's.
        entry = catalogue.get(ref.id)
        given = {name: getattr(ref, name) for name in ref.model_fields_set - {"id"}}
        if {"provider", "country"} & given.keys() and "safeguards" not in given:
            given["safeguards"] = None  # the catalogue's safeguards are its own company's, not those of the one the owner deals with
        return None if entry is None else entry.model_copy(update=given)
    return catalogue.get(str(ref))


def service_entries(answers: Any) -> list[tuple[FieldPath, Any]]:
    """Every entry of `services` and `payments.gateways`, with its path.

    An entry is a catalogue id, a catalogue service with the business's own facts, or a service described in full.
    """
    entries: list[tuple[FieldPath, Any]] = [(("services", index), ref) for index, ref in enumerate(answers.services)]
    return entries + [(("payments", "gateways", index), ref) for index, ref in enumerate(answers.payments.gateways)]


def owner_answered(answers: Any, fact: str) -> set[str]:
    """The services whose `fact` the owner answered (a service of their own, or a catalogue one with the fact given beside its id)."""
    from generator.answers.model import CustomService, ServiceUse

    return {ref.id for _path, ref in service_entries(answers) if isinstance(ref, CustomService | ServiceUse) and fact in ref.model_fields_set}


def check_service_refs(answers: Any, document: YamlDocument) -> list[str]:
    """Report every unknown service id and wrong service kind, else each answer the services' facts contradict."""
    problems = service_problems(service_entries(answers), document)
    return [message for _location, message in problems or catalogue_contradictions(answers, document)]


def catalogue_contradictions(answers: Any, document: YamlDocument) -> list[tuple[Location | None, str]]:
    """The answers the services' facts (the catalogue's, or the owner's own) contradict, each at its answer's line.

    India's r.6(1) 'none' beside an advertising company that gets sensitive personal data as a third party: the sharing section
    calls a service that tracks people across sites, or an advertising service where the business shares for targeted
    advertising, a third party that uses what it gets for advertising (`is_ad_third_party` in context/us.py); with r.3 data among
    it, "We do not pass your sensitive personal data to any other organisation for its own use" would contradict it.
    """
    sharing = answers.sharing
    if not any(str(j) == "india" for j in answers.jurisdictions) or sharing.spdi_disclosure != "none":
        return []
    collected = {str(item.category) for item in answers.data}
    third = [
        service
        for service in spdi_own_use_services([*answers.services, *answers.payments.gateways], collected)
        if service.tracks_across_sites or (service.kind == "advertising" and sharing.shares_for_advertising is True)
    ]
    if not third:
        return []
    path: FieldPath = ("sharing", "spdi_disclosure")
    location = document.locate(path)
    names = ", ".join(service.name for service in third)
    return [(location, (
        f"{document.where(location)}: {format_path(path)}: is 'none', but {names} {'gets' if len(third) == 1 else 'get'} sensitive "
        "personal data under India's SPDI Rules 2011 (r.3) for targeted advertising, as a third party that uses it for advertising, "
        "not a service provider working only for you; answer 'permission' or 'contract' (r.6(1)), or leave that data out of what "
        "the service gets"
    ))]


def service_problems(refs: Sequence[tuple[FieldPath, object]], document: YamlDocument) -> list[tuple[Location | None, str]]:
    """(position, message) for each reference (its path and its validated id or inline service) the catalogue refuses."""
    from generator.answers.model import CustomService, ServiceUse

    catalogue = load_services()
    problems: list[tuple[Location | None, str]] = []
    for path, ref in refs:
        if isinstance(ref, CustomService):
            if ref.kind not in KIND_LABELS:
                location = document.locate((*path, "kind"))
                hint = suggest(ref.kind, list(KIND_LABELS))
                kinds = ", ".join(KIND_LABELS)
                field = format_path((*path, "kind"))
                problems.append((location, f"{document.where(location)}: {field}: '{ref.kind}' is not a service kind{hint} Accepted: {kinds}"))
            continue
        if isinstance(ref, ServiceUse):
            path, ref = (*path, "id"), ref.id
        ref = str(ref)
        location = document.locate(path)
        if ref not in catalogue:
            hint = suggest(ref, list(catalogue))
            advice = "Run 'policygen services' to list the catalogue, or describe the service inline."
            problems.append((location, f"{document.where(location)}: {format_path(path)}: unknown service '{ref}'{hint} {advice}"))
        elif path[0] == "payments" and catalogue[ref].kind != "payment":
            problems.append((location, f"{document.where(location)}: {format_path(path)}: '{ref}' is not a payment service; list it under services instead"))
    return problems


def resolve_services(refs: list[object]) -> list[Service]:
    """Turn service references (ids or inline services) into catalogue entries."""
    catalogue = load_services()
    resolved = [_as_service(ref, catalogue) for ref in refs]
    return [service for service in resolved if service is not None]



@functools.cache
def _ref_adapter() -> TypeAdapter[Any]:
    """The validator of one service entry as written (a catalogue id, a catalogue service with the business's facts, one in full)."""
    from generator.answers.model import ServiceRef

    return TypeAdapter(ServiceRef)


def spdi_own_use_services(refs: Sequence[object], collected: set[str]) -> list[Service]:
    """The services that may get sensitive personal data under India's SPDI Rules (r.3) for their own use (r.6(1)).

    An advertising company (a service of kind advertising, or one that tracks people across sites) uses what it gets for its own
    advertising; what a service described in full does with it, the catalogue cannot say. Each counts when the data it gets (its
    own list, or the catalogue's) includes an r.3 category the business collects (`collected`). `refs` are entries of `services`
    and `payments.gateways`, validated or as written (an entry that is not valid yet is left out: its own error is reported).
    """
    from pydantic import ValidationError

    from generator.answers.law_data import spdi_categories

    sensitive = spdi_categories() & collected
    if not sensitive:
        return []
    catalogue = load_services()
    adapter = _ref_adapter()
    found = []
    for ref in refs:
        try:
            entry = ref if not isinstance(ref, dict | str) else adapter.validate_python(ref)
        except ValidationError:
            continue
        service = _as_service(entry, catalogue)
        if service is not None and (service.custom or service.kind == "advertising" or service.tracks_across_sites):
            if {str(category) for category in service.data} & sensitive:
                found.append(service)
    return found
