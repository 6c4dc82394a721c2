"""The services an answer file names, checked against and resolved from the services catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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


def check_service_refs(answers: object, document: YamlDocument) -> list[str]:
    """Report every service id in the answers that the catalogue does not know, and every wrong service kind."""
    return [message for _location, message in service_problems(service_entries(answers), document)]


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

