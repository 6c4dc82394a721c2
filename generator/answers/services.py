"""The services an answer file names, checked against and resolved from the services catalogue."""

from __future__ import annotations

from generator.answers.messages import format_path, suggest
from generator.answers.source import YamlDocument
from generator.library.services import KIND_LABELS, Service, load_services


def _as_service(ref: object, catalogue: dict[str, Service]) -> Service | None:
    from generator.answers.model import CustomService

    if isinstance(ref, CustomService):
        return Service(**ref.model_dump(), custom=True) if ref.kind in KIND_LABELS else None
    return catalogue.get(str(ref))


def check_service_refs(answers: object, document: YamlDocument) -> list[str]:
    """Report every service id in the answers that the catalogue does not know."""
    from generator.answers.model import Answers, CustomService

    assert isinstance(answers, Answers)
    catalogue = load_services()
    problems = []
    for field, refs in (("services", answers.services), ("payments", answers.payments.gateways)):
        for index, ref in enumerate(refs):
            path: tuple[str | int, ...] = ("services", index) if field == "services" else ("payments", "gateways", index)
            if isinstance(ref, CustomService):
                if ref.kind not in KIND_LABELS:
                    where = document.where(document.locate((*path, "kind")))
                    hint = suggest(ref.kind, list(KIND_LABELS))
                    kinds = ", ".join(KIND_LABELS)
                    problems.append(f"{where}: {format_path((*path, 'kind'))}: '{ref.kind}' is not a service kind{hint} Accepted: {kinds}")
                continue
            if ref not in catalogue:
                where = document.where(document.locate(path))
                hint = suggest(ref, list(catalogue))
                advice = "Run 'policygen services' to list the catalogue, or describe the service inline."
                problems.append(f"{where}: {format_path(path)}: unknown service '{ref}'{hint} {advice}")
            elif field == "payments" and catalogue[ref].kind != "payment":
                where = document.where(document.locate(path))
                problems.append(f"{where}: {format_path(path)}: '{ref}' is not a payment service; list it under services instead")
    return problems


def resolve_services(refs: list[object]) -> list[Service]:
    """Turn service references (ids or inline services) into catalogue entries."""
    catalogue = load_services()
    resolved = [_as_service(ref, catalogue) for ref in refs]
    return [service for service in resolved if service is not None]

